// The one door to the core. Every command's arguments and reply are typed with the types
// generated from Rust (bindings.ts); every failure arrives as an ErrorReport with a sentence
// the therapist can read.
import { invoke } from '@tauri-apps/api/core';
import type {
  About,
  CalledOff,
  CancelledBy,
  MissedFee,
  SessionStatus,
  Titles,
  Dashboard,
  History,
  Measure,
  Spec,
  BillingChoice,
  FeeSchedule,
  IssuedSuperbill,
  IssuedEstimate,
  Estimate,
  Owner,
  PlanChart,
  TreatmentPlan,
  EstimateRequest,
  Ledger,
  Package,
  PackagePurchase,
  Payment,
  SessionBilling,
  Superbill,
  SuperbillSummary,
  AdverseEvent,
  ClockEventKind,
  DischargeCheck,
  Dose,
  ListedSession,
  Note,
  Reflection,
  Session,
  SessionView,
  Timeline,
  Vitals,
  Warning,
  Proposal,
  Clearance,
  Code,
  Consent,
  Diagnosis,
  DvScreen,
  Exclusion,
  ImportReport,
  Screening,
  Hit,
  Person,
  PersonReleases,
  Recipient,
  Release,
  Unit,
  UnitChart,
  BackupSettings,
  BackupState,
  ErrorReport,
  FieldProblem,
  PassphraseAssessment,
  PracticeProfile,
  RestoreReport,
  Settings,
  VaultStatus,
} from './bindings';

type None = Record<string, never>;

/** Each command of src-tauri/src/commands.rs: its arguments and what it returns. */
export interface Commands {
  vault_status: [None, VaultStatus];
  assess_passphrase: [{ passphrase: string }, PassphraseAssessment];
  read_date: [{ field: string; text: string }, string | null];
  about: [None, About];
  first_screen_shown: [None, null];
  create_vault: [{ passphrase: string }, null];
  unlock: [{ passphrase: string }, null];
  unlock_remembered: [None, boolean];
  /** A warning when the automatic backup made on locking failed. */
  lock: [None, string | null];
  note_activity: [None, null];
  set_remembered: [{ remember: boolean }, null];
  change_passphrase: [{ current: string; replacement: string }, null];
  practice_profile: [None, PracticeProfile];
  check_practice_profile: [{ profile: PracticeProfile }, FieldProblem[]];
  save_practice_profile: [{ profile: PracticeProfile }, PracticeProfile];
  settings: [None, Settings];
  save_settings: [{ settings: Settings }, null];
  backup_state: [None, BackupState];
  save_backup_settings: [{ settings: BackupSettings }, BackupState];
  set_up_recovery_key: [None, string];
  back_up_now: [None, BackupState];
  restore_backup: [{ file: string; key: string; passphrase: string }, RestoreReport];
  persons: [None, Person[]];
  units: [None, Unit[]];
  search_clients: [{ text: string }, Hit[]];
  save_person: [{ person: Person }, Person];
  save_unit: [{ unit: Unit }, Unit];
  unit_chart: [{ id: string }, UnitChart];
  find_codes: [{ query: string }, Code[]];
  add_diagnosis: [{ diagnosis: Diagnosis }, Diagnosis];
  exclusions: [None, Exclusion[]];
  add_screening: [{ screening: Screening }, Screening];
  add_clearance: [{ clearance: Clearance }, Clearance];
  add_consent: [{ consent: Consent }, Consent];
  add_dv_screen: [{ screen: DvScreen }, DvScreen];
  /** Writes the whole vault as an open JSON document to a file chosen in the save dialog. */
  export_document: [{ file: string }, null];
  import_document: [{ file: string }, ImportReport];
  unit_timeline: [{ unitId: string }, Timeline];
  sessions_between: [{ from: string; to: string }, ListedSession[]];
  booking_warnings: [{ session: Session }, Warning[]];
  reschedule_session: [{ id: string; start: string; minutes: number }, Session];
  integration_proposal: [{ dosingId: string }, Proposal | null];
  call_off_session: [{ id: string; status: SessionStatus; calledOff: CalledOff }, Session];
  missed_fee: [{ id: string; status: SessionStatus; by: CancelledBy; told: string }, MissedFee];
  /** Writes her calendar between two days as an `.ics` file chosen in the save dialog. */
  export_calendar: [{ file: string; from: string; to: string; titles: Titles }, number];
  save_session: [{ session: Session }, Session];
  session_view: [{ id: string }, SessionView];
  record_clock: [{ id: string; kind: ClockEventKind; person: string | null; overrideReason: string | null }, SessionView];
  add_dose: [{ dose: Dose }, SessionView];
  add_vitals: [{ reading: Vitals }, SessionView];
  add_adverse_event: [{ event: AdverseEvent }, SessionView];
  add_discharge_check: [{ check: DischargeCheck }, SessionView];
  /** Autosave: the note as typed so far. */
  save_note: [{ sessionId: string; fields: Record<string, string> }, Note];
  sign_note: [{ sessionId: string }, SessionView];
  add_addendum: [{ sessionId: string; text: string }, SessionView];
  save_reflection: [{ reflection: Reflection }, Reflection];
  open_demo: [None, string];
  fee_schedule: [None, FeeSchedule];
  save_fee_schedule: [{ schedule: FeeSchedule }, FeeSchedule];
  packages: [None, Package[]];
  save_package: [{ package: Package }, Package];
  purchases: [None, PackagePurchase[]];
  buy_package: [{ purchase: PackagePurchase }, PackagePurchase];
  ledger: [None, Ledger];
  payments: [None, Payment[]];
  record_payment: [{ payment: Payment; confirmed: boolean }, Payment];
  session_billing: [{ id: string }, SessionBilling];
  save_billing_choice: [{ choice: BillingChoice }, SessionBilling];
  preview_billing_choice: [{ choice: BillingChoice }, SessionBilling];
  preview_superbill: [{ personId: string; from: string; to: string }, Superbill];
  /** Issues the superbill and writes its PDF to a file chosen in the save dialog. */
  issue_superbill: [{ personId: string; from: string; to: string; file: string }, IssuedSuperbill];
  superbills: [None, SuperbillSummary[]];
  save_superbill_pdf: [{ number: number; file: string }, null];
  save_receipt_pdf: [{ personId: string; from: string; to: string; file: string }, null];
  /** Sets the logo from an image file (or removes it with null); whether one is set now. */
  set_practice_logo: [{ file: string | null }, boolean];
  has_practice_logo: [None, boolean];
  instruments: [None, Spec[]];
  record_measure: [{ measure: Measure }, Measure];
  mark_measure_in_error: [{ id: string; reason: string }, Measure];
  measure_history: [{ personId: string }, History];
  /** Each partner's history; relational measures only for this relationship. */
  unit_measures: [{ unitId: string }, History[]];
  /** Writes a person's measure history as CSV to a file chosen in the save dialog. */
  save_measures_csv: [{ personId: string; file: string }, null];
  dashboard: [None, Dashboard];
  record_override_follow_up: [{ sessionId: string }, Session];
  recipients: [None, Recipient[]];
  save_recipient: [{ recipient: Recipient }, Recipient];
  /** A person's releases with their state today, and the accounting of disclosures. */
  person_releases: [{ personId: string }, PersonReleases];
  add_release: [{ release: Release }, Release];
  revoke_release: [{ id: string; on: string }, Release];
  /** Writes a client's own record to the file chosen in the save dialog; its session count. */
  save_client_record: [{ personId: string; file: string }, number];
  /** Who a report would name, or the refusal: asked before the save dialog. */
  check_session_report: [{ sessionId: string; recipientId: string }, string[]];
  /** Writes a session report to the file chosen in the save dialog; the partners it names. */
  issue_session_report: [{ sessionId: string; recipientId: string; file: string }, string[]];
  estimates_of: [{ forWhom: Owner }, IssuedEstimate[]];
  /** The estimate as it would be issued today, and the sentence refusing it, if any. */
  draft_estimate: [{ request: EstimateRequest }, [Estimate, string | null]];
  /** Issues the estimate and writes its PDF to the file chosen in the save dialog. */
  issue_estimate: [{ request: EstimateRequest; file: string }, IssuedEstimate];
  plan_chart: [{ owner: Owner }, PlanChart];
  /** Saves a draft (a new version when its id is empty). */
  save_plan: [{ plan: TreatmentPlan }, TreatmentPlan];
  sign_plan: [{ id: string }, TreatmentPlan];
  revise_plan: [{ id: string }, TreatmentPlan];
  /** Writes the current plan to the file chosen in the save dialog; its version. */
  save_plan_pdf: [{ owner: Owner; file: string }, number];
}

export type Invoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

const UNEXPECTED =
  'Attune could not finish that because of an unexpected problem. Nothing was changed; please try again.';

/** Whatever a command rejected with, as an ErrorReport. */
export function toErrorReport(raw: unknown): ErrorReport {
  if (isErrorReport(raw)) return raw;
  // Tauri itself rejects with a plain string (an unknown command, arguments that do not
  // deserialize): a programming error, not the therapist's. Keep its detail for the console.
  console.error('Attune IPC failure:', raw);
  return { code: 'internal', message: UNEXPECTED, field: null };
}

function isErrorReport(raw: unknown): raw is ErrorReport {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return typeof r.code === 'string' && typeof r.message === 'string';
}

/** Thrown by `call`; carries the report for the screen to show. */
export class CommandError extends Error {
  readonly report: ErrorReport;
  constructor(report: ErrorReport) {
    super(report.message);
    this.name = 'CommandError';
    this.report = report;
  }
}

/** Makes a typed caller over an invoke function (Tauri's, or a fake in tests). */
export function makeCall(inv: Invoke) {
  return async function call<K extends keyof Commands>(
    cmd: K,
    ...args: Commands[K][0] extends None ? [] : [Commands[K][0]]
  ): Promise<Commands[K][1]> {
    try {
      return (await inv(cmd, args[0])) as Commands[K][1];
    } catch (raw) {
      throw new CommandError(toErrorReport(raw));
    }
  };
}

export const call = makeCall(invoke);

/** The sentence to show for any thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof CommandError ? e.report.message : toErrorReport(e).message;
}
