// Releases of information as the chart writes them: the recipient's role, what a release
// covers, and where it stands today (the core decides the state; this only words it).
import type { Covered, RecipientRole, ReleaseRow, ReleaseState } from './bindings';
import { formatDate } from './dates';

export const ROLE_LABEL: Record<RecipientRole, string> = {
  prescriber: 'Prescriber',
  collaborating_therapist: 'Collaborating therapist',
  other: 'Other',
};

export const COVERED_LABEL: Record<Covered, string> = {
  session_reports: 'Session reports',
  diagnoses: 'Diagnoses',
  measures: 'Measures',
  treatment_plan: 'Treatment plan',
};

export const STATE_LABEL: Record<ReleaseState, string> = {
  not_yet: 'Not yet in force',
  current: 'Current',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** "Current · to Dr. Adeyemi (Prescriber) · session reports, measures · until 11/01/2027". */
export function releaseLine(row: ReleaseRow): string {
  const r = row.release;
  const covers = r.covers.map((c) => COVERED_LABEL[c].toLowerCase()).join(', ');
  const when =
    row.state === 'revoked' && r.revoked_on
      ? `revoked ${formatDate(r.revoked_on)}`
      : row.state === 'not_yet'
        ? `from ${formatDate(r.valid_from)}`
        : row.state === 'expired'
          ? `ended ${formatDate(r.valid_until)}`
          : `until ${formatDate(r.valid_until)}`;
  return `${STATE_LABEL[row.state]} · to ${row.recipient_name} (${row.recipient_role}) · ${covers} · ${when}`;
}

/** Whether a release can still be revoked (a revoked or expired one cannot). */
export function revocable(row: ReleaseRow): boolean {
  return row.state !== 'revoked' && row.state !== 'expired';
}
