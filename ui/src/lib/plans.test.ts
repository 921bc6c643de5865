import { describe, expect, it } from 'vitest';
import type { ObjectiveProgress } from './bindings';
import { firstDraft, lines, progressText, reviewText } from './plans';

describe('plans', () => {
  it('words where the review stands', () => {
    // Each state reads differently, with the date, so she can tell soon from overdue.
    expect(reviewText({ state: 'soon', days: 10 }, '2026-12-16')).toBe('Review due in 10 days (12/16/2026)');
    expect(reviewText({ state: 'soon', days: 0 }, '2026-12-06')).toBe('Review due today (12/06/2026)');
    expect(reviewText({ state: 'overdue', days: 1 }, '2026-12-05')).toBe('Review overdue by 1 day (12/05/2026)');
    expect(reviewText({ state: 'not_due' }, '2027-03-01')).toBe('Review on 03/01/2027');
  });

  it('shows each person against a linked objective, and says when one is not measured', () => {
    const p: ObjectiveProgress = {
      text: 'CSI-16 above 51.5 for both partners.',
      target: 'CSI-16 above 51.5',
      persons: [
        { name: 'Alex', latest: [60, '2026-12-04'], met: true },
        { name: 'Jordan', latest: null, met: false },
      ],
      met: false,
    };
    expect(progressText(p)).toBe('Not yet: CSI-16 above 51.5 · Alex 60 on 12/04/2026 · Jordan not measured yet');
    expect(progressText({ ...p, target: null, persons: [] })).toBe('Not linked to a measure');
  });

  it('starts a relationship plan as a draft for that relationship, reviewed in 90 days', () => {
    const d = firstDraft({ kind: 'unit', id: 'u1' }, '2026-12-06');
    expect([d.unit_id, d.person_id, d.signed_at, d.review_on]).toEqual(['u1', null, null, '2027-03-06']);
  });

  it('reads one item per line', () => {
    expect(lines(' a \n\n b\n')).toEqual(['a', 'b']);
  });
});
