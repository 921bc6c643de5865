// Money as the core keeps it: whole cents. Shown as dollars; read from what she types.
import type { Charge, PaymentMethod } from './bindings';

/** 95000 → "$950.00"; -2000 → "−$20.00". */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '\u2212' : '';
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,250.00", "$950" or ".5" → cents; a sentence when it is not an amount. */
export function parseDollars(text: string): number | string {
  const cleaned = text.trim().replace(/^\$/, '').replaceAll(',', '');
  if (!/^(\d{1,12})?(\.\d{0,2})?$/.test(cleaned) || cleaned === '' || cleaned === '.') {
    return `“${text}” is not an amount of dollars (for example 1,250.00).`;
  }
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
}

export const METHOD_LABEL: Record<PaymentMethod, string> = {
  card: 'Card',
  cash: 'Cash',
  check: 'Check',
  hsa_fsa: 'HSA/FSA card',
};

/** Where a session's charge comes from, in words. */
export function chargeSource(charge: Charge): string {
  switch (charge.source.from) {
    case 'package':
      return charge.billable === charge.amount
        ? `share of “${charge.source.name}”`
        : `share of “${charge.source.name}”; ${dollars(charge.billable)} of it psychotherapy, on the superbill; ${charge.parts.map((p) => `${p.name} ${dollars(p.amount)}`).join(', ')} on receipts only`;
    case 'kind':
      return 'fee for this kind of session';
    case 'codes':
      return 'fee schedule, by code';
    case 'no_fee':
      return 'no fee set for it in Settings › Fees';
    case 'missed':
      return `${charge.source.name.toLowerCase()}: on statements and receipts, never on a superbill`;
  }
}

/** The first and last day of a month "YYYY-MM". */
export function monthRange(month: string): [string, string] | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`];
}

/** A file name for a superbill: "superbill-7-Zoë-Ñúñez-2026-03.pdf". */
export function superbillFile(number: number | null, legalName: string, from: string): string {
  const name = legalName.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');
  return `superbill-${number ?? 'new'}-${name}-${from.slice(0, 7)}.pdf`;
}
