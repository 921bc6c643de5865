// Logic of the Clients screens that is worth testing on its own.
import { formatDate } from './dates';
import type {
  ClearanceSetting,
  ClearanceState,
  ConsentKind,
  DvResult,
  Person,
  ScreeningState,
  Structure,
  UnitStatus,
} from './bindings';

export function emptyPerson(): Person {
  return {
    id: '',
    legal_name: '',
    preferred_name: '',
    pronouns: '',
    date_of_birth: null,
    address: '',
    phone: '',
    email: '',
    state_of_residence: '',
    emergency_contact: '',
    insurance_payer: '',
    insurance_member_id: '',
  };
}

export function displayName(p: Pick<Person, 'legal_name' | 'preferred_name'>): string {
  return p.preferred_name.trim() ? p.preferred_name : p.legal_name;
}

/** The structure that fits a number of partners; she can still choose another. */
export function structureFor(partners: number): Structure {
  if (partners <= 2) return 'couple';
  if (partners === 3) return 'triad';
  return 'polycule';
}

export const STRUCTURE_LABEL: Record<Structure, string> = {
  couple: 'Couple',
  triad: 'Triad',
  polycule: 'Polycule',
  other: 'Other',
};

/** A name for a new unit from its partners' family names ("Rivera–Chen"). */
export function suggestUnitName(partners: Pick<Person, 'legal_name'>[]): string {
  return partners
    .map((p) => p.legal_name.trim().split(/\s+/).pop() ?? '')
    .filter((n) => n !== '')
    .join('–');
}

export function screeningText(s: ScreeningState): string {
  switch (s.state) {
    case 'not_screened':
      return 'Not screened yet';
    case 'clear':
      return `Screened ${formatDate(s.on)}: no exclusion`;
    case 'excluded':
      return `Screened ${formatDate(s.on)}: ${s.exclusions.length} exclusion${s.exclusions.length === 1 ? '' : 's'}`;
  }
}

export function clearanceText(c: ClearanceState): string {
  switch (c.state) {
    case 'missing':
      return 'No medical clearance';
    case 'current':
      return `Cleared until ${formatDate(c.valid_until)}`;
    case 'expiring':
      return `Cleared until ${formatDate(c.valid_until)} (${c.days_left} day${c.days_left === 1 ? '' : 's'} left)`;
    case 'expired':
      return `Clearance expired ${formatDate(c.valid_until)}`;
    case 'not_yet_valid':
      return `Clearance starts ${c.from}`;
  }
}

/** Most payers do not reimburse a Z-code as the primary diagnosis. */
export function zCodePrimaryWarning(code: string, primary: boolean): string {
  return primary && code.trim().toUpperCase().startsWith('Z')
    ? `${code} is a Z-code: most payers do not reimburse it as the primary diagnosis. Consider a primary F-code, with ${code} secondary.`
    : '';
}

export const STATUS_LABEL: Record<UnitStatus, string> = {
  intake: 'Intake',
  active: 'In the program',
  paused: 'Paused',
  closed: 'Closed',
};

export const CONSENT_LABEL: Record<ConsentKind, string> = {
  kap_informed_consent: 'KAP informed consent',
  telehealth: 'Telehealth',
  release_of_information: 'Release of information',
};

export const SETTING_LABEL: Record<ClearanceSetting, string> = {
  in_office_im: 'In the office, intramuscular',
  at_home_lozenges: 'At home, lozenges',
};

export const DV_LABEL: Record<DvResult, string> = {
  no_concern: 'No concern',
  concern: 'A concern to follow',
  active: 'Active violence (no dosing)',
};

