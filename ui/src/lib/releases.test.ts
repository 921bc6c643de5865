import { describe, expect, it } from 'vitest';
import type { ReleaseRow, ReleaseState } from './bindings';
import { releaseLine, revocable } from './releases';

function row(state: ReleaseState, revoked_on: string | null = null): ReleaseRow {
  return {
    release: {
      id: 'r',
      person_id: 'p',
      recipient_id: 'x',
      covers: ['session_reports', 'measures'],
      purpose: '',
      valid_from: '2026-01-05',
      valid_until: '2027-01-04',
      revoked_on,
    },
    recipient_name: 'Dr. Imani Adeyemi, MD',
    recipient_role: 'Prescriber',
    state,
  };
}

describe('a release on the chart', () => {
  it.each([
    ['current', null, 'Current · to Dr. Imani Adeyemi, MD (Prescriber) · session reports, measures · until 01/04/2027'],
    ['expired', null, 'Expired · to Dr. Imani Adeyemi, MD (Prescriber) · session reports, measures · ended 01/04/2027'],
    ['revoked', '2026-03-02', 'Revoked · to Dr. Imani Adeyemi, MD (Prescriber) · session reports, measures · revoked 03/02/2026'],
    ['not_yet', null, 'Not yet in force · to Dr. Imani Adeyemi, MD (Prescriber) · session reports, measures · from 01/05/2026'],
  ] as const)('reads its state %s with the date that matters', (state, revoked, expected) => {
    // The date shown is the one that explains the state: its end, its revocation or its start.
    expect(releaseLine(row(state, revoked))).toBe(expected);
  });

  it('offers Revoke only while a release could still be used', () => {
    // Revoking an expired or already revoked release would record a revocation of nothing.
    expect([revocable(row('current')), revocable(row('expiring')), revocable(row('expired')), revocable(row('revoked'))]).toEqual([true, true, false, false]);
  });
});
