import { describe, expect, it } from 'vitest';
import {
  clearanceText,
  screeningText,
  structureFor,
  suggestUnitName,
  zCodePrimaryWarning,
} from './clients';

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
    expect(screeningText({ state: 'excluded', on: '2026-11-01', exclusions: ['pregnancy'] })).toBe('Screened 11/01/2026: 1 exclusion');
    expect(clearanceText({ state: 'expiring', valid_until: '2026-11-25', setting: 'in_office_im', days_left: 1 })).toBe(
      'Cleared until 11/25/2026 (1 day left)',
    );
    expect(clearanceText({ state: 'expired', valid_until: '2026-10-31' })).toBe('Clearance expired 10/31/2026');
  });
});
