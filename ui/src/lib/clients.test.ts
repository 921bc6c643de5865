import { describe, expect, it } from 'vitest';
import {
  clearanceText,
  isoDate,
  optionalDate,
  requiredDate,
  screeningText,
  structureFor,
  suggestUnitName,
  zCodePrimaryWarning,
} from './clients';
import { CommandError } from './ipc';

describe('clients', () => {
  it('suggests a structure from the number of partners', () => {
    expect([2, 3, 4, 7].map(structureFor)).toEqual(['couple', 'triad', 'polycule', 'polycule']);
  });

  it('names a unit from family names, however many partners', () => {
    expect(suggestUnitName([{ legal_name: 'Alexandra Rivera' }, { legal_name: 'Jordan Chen' }])).toBe('Rivera–Chen');
    expect(suggestUnitName([{ legal_name: 'Zoë Ñúñez' }, { legal_name: 'Sam Okafor' }, { legal_name: 'Rui' }])).toBe('Ñúñez–Okafor–Rui');
  });

  it('warns about a primary Z-code only', () => {
    expect(zCodePrimaryWarning('Z63.0', true)).toMatch(/most payers do not reimburse/);
    expect(zCodePrimaryWarning('Z63.0', false)).toBe('');
    expect(zCodePrimaryWarning('F43.23', true)).toBe('');
  });

  it('says each safety state in words', () => {
    expect(screeningText({ state: 'not_screened' })).toBe('Not screened yet');
    expect(screeningText({ state: 'excluded', on: '2026-11-01', exclusions: ['pregnancy'] })).toBe('Screened 2026-11-01: 1 exclusion');
    expect(clearanceText({ state: 'expiring', valid_until: '2026-11-25', setting: 'in_office_im', days_left: 1 })).toBe(
      'Cleared until 2026-11-25 (1 day left)',
    );
    expect(clearanceText({ state: 'expired', valid_until: '2026-10-31' })).toBe('Clearance expired 2026-10-31');
  });

  it('gives the local calendar date, not the UTC one', () => {
    // Late evening in any zone west of UTC is already tomorrow in UTC.
    expect(isoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(isoDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });

  it('turns empty date inputs into none, or into the sentence to show', () => {
    expect(optionalDate('')).toBeNull();
    expect(optionalDate('2026-11-25')).toBe('2026-11-25');
    expect(requiredDate('2026-11-25', 'valid_until', 'Give it.')).toBe('2026-11-25');
    try {
      requiredDate('', 'valid_until', 'Give the last day the clearance is valid.');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CommandError);
      expect((e as CommandError).report).toEqual({ code: 'invalid', message: 'Give the last day the clearance is valid.', field: 'valid_until' });
    }
  });
});
