// Treatment plans as the chart writes them: intervention names, where the review stands, an
// objective's progress in words, and a new plan's first draft. The core decides what is met
// and when a review is due; this only words it.
import type { InterventionKind, ObjectiveProgress, Owner, Review, TreatmentPlan } from './bindings';
import { formatDate } from './dates';
import { addDays } from './days';
import { formatScore } from './measures';

export const INTERVENTION_LABEL: Record<InterventionKind, string> = {
  eft_enactments: 'EFT enactments',
  emdr_resourcing: 'EMDR-based resourcing',
  somatic_grounding: 'Somatic grounding',
  psychoeducation: 'Psychoeducation',
  kap_dosing: 'KAP dosing sessions',
  other: 'Other',
};

/** "Review due in 10 days (12/16/2026)", "Review overdue by 3 days (…)", "Review on …". */
export function reviewText(review: Review, reviewOn: string): string {
  const on = formatDate(reviewOn);
  switch (review.state) {
    case 'overdue':
      return `Review overdue by ${review.days} day${review.days === 1 ? '' : 's'} (${on})`;
    case 'soon':
      return review.days === 0 ? `Review due today (${on})` : `Review due in ${review.days} day${review.days === 1 ? '' : 's'} (${on})`;
    case 'not_due':
      return `Review on ${on}`;
  }
}

/** "Met", "Not yet", or "Not linked to a measure", then each person's latest score. */
export function progressText(p: ObjectiveProgress): string {
  if (p.target === null) return 'Not linked to a measure';
  const people = p.persons.map((x) =>
    x.latest ? `${x.name} ${formatScore(x.latest[0])} on ${formatDate(x.latest[1])}` : `${x.name} not measured yet`,
  );
  return `${p.met ? 'Met' : 'Not yet'}: ${p.target} · ${people.join(' · ')}`;
}

/** A new plan's first draft, written today, to be reviewed in 90 days. */
export function firstDraft(owner: Owner, today: string): TreatmentPlan {
  return {
    id: '',
    unit_id: owner.kind === 'unit' ? owner.id : null,
    person_id: owner.kind === 'person' ? owner.id : null,
    version: 1,
    written_on: today,
    problems: [],
    goals: [{ text: '', objectives: [{ text: '', target: null }] }],
    interventions: [],
    frequency: '',
    review_on: addDays(today, 90),
    signed_at: null,
  };
}

/** Lines typed one per line, blank ones left out. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
