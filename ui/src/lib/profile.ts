// The practice profile form: its fields in the order a superbill prints them, and the
// problems the core found, keyed by field.
import type { FullAutoFill } from 'svelte/elements';
import type { FieldProblem, PracticeProfile } from './bindings';

export type ProfileField = keyof PracticeProfile;

export interface FieldSpec {
  field: ProfileField;
  label: string;
  hint?: string;
  autocomplete?: FullAutoFill;
  /** Narrow fields share a row. */
  narrow?: boolean;
}

export const PROFILE_FIELDS: readonly FieldSpec[] = [
  { field: 'provider_name', label: 'Your name, as licensed', autocomplete: 'name' },
  { field: 'credentials', label: 'Credentials', hint: 'For example: PhD, LMFT', narrow: true },
  { field: 'npi', label: 'Individual NPI', hint: '10 digits, type 1 (yours, not the group’s)', narrow: true },
  { field: 'ein', label: 'Tax ID (EIN)', hint: 'NN-NNNNNNN', narrow: true },
  { field: 'license_number', label: 'License number', narrow: true },
  { field: 'license_state', label: 'License state', hint: 'Two letters', narrow: true },
  { field: 'taxonomy_code', label: 'Taxonomy code', hint: 'LMFT: 101YM0800X', narrow: true },
  { field: 'address_line1', label: 'Street address', autocomplete: 'address-line1' },
  { field: 'address_line2', label: 'Suite or floor', autocomplete: 'address-line2' },
  { field: 'city', label: 'City', autocomplete: 'address-level2', narrow: true },
  { field: 'state', label: 'State', hint: 'Two letters', autocomplete: 'address-level1', narrow: true },
  { field: 'postal_code', label: 'ZIP code', autocomplete: 'postal-code', narrow: true },
  { field: 'phone', label: 'Phone', autocomplete: 'tel', narrow: true },
];

export function emptyProfile(): PracticeProfile {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f.field, ''])) as PracticeProfile;
}

/** The first problem for each field (the core lists at most one per field today). */
export function problemsByField(problems: readonly FieldProblem[]): Partial<Record<ProfileField, string>> {
  const out: Partial<Record<ProfileField, string>> = {};
  for (const p of problems) {
    const field = p.field as ProfileField;
    if (!(field in out)) out[field] = p.message;
  }
  return out;
}

/** Whether two profiles differ in any field, ignoring blanks around the text. */
export function profileChanged(a: PracticeProfile, b: PracticeProfile): boolean {
  return PROFILE_FIELDS.some(({ field }) => a[field].trim() !== b[field].trim());
}

/** States typed as "wi, IL;az" as the list the core stores: upper case, no blanks, no repeats. */
export function parseStates(text: string): string[] {
  const out: string[] = [];
  for (const s of text.split(/[\s,;]+/)) {
    const st = s.trim().toUpperCase();
    if (st && !out.includes(st)) out.push(st);
  }
  return out;
}
