import { describe, expect, it } from 'vitest';
import { PROFILE_FIELDS, emptyProfile, problemsByField, profileChanged, parseStates } from './profile';

describe('profile form', () => {
  it('lists every field of the profile exactly once', () => {
    const fields = PROFILE_FIELDS.map((f) => f.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(Object.keys(emptyProfile()).sort()).toEqual([...fields].sort());
  });

  it('keeps the first problem per field', () => {
    const byField = problemsByField([
      { field: 'npi', message: 'The NPI check digit is wrong.' },
      { field: 'npi', message: 'second' },
      { field: 'ein', message: 'An EIN looks like 12-3456789.' },
    ]);
    expect(byField).toEqual({ npi: 'The NPI check digit is wrong.', ein: 'An EIN looks like 12-3456789.' });
  });

  it('sees a change but not a trailing blank', () => {
    const a = emptyProfile();
    const b = { ...a, city: 'Portland ' };
    expect(profileChanged(a, b)).toBe(true);
    expect(profileChanged({ ...a, city: 'Portland' }, b)).toBe(false);
  });

  it('reads a typed list of states', () => {
    expect(parseStates('wi, IL;az  wi')).toEqual(['WI', 'IL', 'AZ']);
    expect(parseStates('  ')).toEqual([]);
  });
});
