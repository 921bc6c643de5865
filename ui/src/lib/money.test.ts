import { describe, expect, it } from 'vitest';
import { chargeSource, dollars, monthRange, parseDollars, superbillFile } from './money';

describe('dollars', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [95000, '$950.00'],
    [540000, '$5,400.00'],
    [123456789, '$1,234,567.89'],
    [-2000, '\u2212$20.00'],
  ])('%i cents is %s', (cents, shown) => expect(dollars(cents)).toBe(shown));
});

describe('parseDollars', () => {
  it.each([
    ['950', 95000],
    ['1,250.00', 125000],
    ['$2850', 285000],
    ['12.5', 1250],
    ['.5', 50],
  ])('%s is %i cents', (text, cents) => expect(parseDollars(text)).toBe(cents));
  it.each(['', '-5', '12.345', 'ten', '$', '.'])('refuses %j with a sentence', (text) =>
    expect(parseDollars(text)).toMatch(/is not an amount of dollars/),
  );
});

describe('monthRange', () => {
  it('knows the length of each month', () => {
    expect(monthRange('2026-02')).toEqual(['2026-02-01', '2026-02-28']);
    expect(monthRange('2028-02')).toEqual(['2028-02-01', '2028-02-29']);
    expect(monthRange('2026-12')).toEqual(['2026-12-01', '2026-12-31']);
  });
  it('refuses what is not a month', () => {
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('March')).toBeNull();
  });
});

describe('chargeSource and file names', () => {
  it('says where a charge comes from', () => {
    const whole = { amount: 95000, billable: 95000, parts: [] };
    expect(chargeSource({ ...whole, source: { from: 'package', name: '3 dosing sessions' } })).toBe('share of “3 dosing sessions”');
    const split = { amount: 95000, billable: 60000, parts: [{ name: 'Ketamine', amount: 35000 }] };
    // The medicine in a package price is named, and kept off the superbill.
    expect(chargeSource({ ...split, source: { from: 'package', name: '3 dosing sessions' } })).toBe(
      'share of “3 dosing sessions”; $600.00 of it psychotherapy, on the superbill; Ketamine $350.00 on receipts only',
    );
    expect(chargeSource({ amount: 0, billable: 0, parts: [], source: { from: 'no_fee' } })).toMatch(/Settings › Fees/);
    // A missed fee says it never reaches a superbill, so the ledger does not look like a claim.
    expect(chargeSource({ amount: 7500, billable: 0, parts: [], source: { from: 'missed', name: 'Late-cancellation fee' } })).toBe(
      'late-cancellation fee: on statements and receipts, never on a superbill',
    );
  });
  it('keeps letters of every script in file names', () => {
    expect(superbillFile(7, 'Zoë Ñúñez', '2026-03-01')).toBe('superbill-7-Zoë-Ñúñez-2026-03.pdf');
    expect(superbillFile(null, 'Þórunn  Magnúsdóttir', '2026-03-01')).toBe('superbill-new-Þórunn-Magnúsdóttir-2026-03.pdf');
  });
});
