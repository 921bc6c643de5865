// Generated from the Rust types by `attune::bindings`; do not edit.
// Regenerate: ATTUNE_BLESS=1 cargo test --test bindings

export type ErrorCode = "wrong_passphrase" | "vault_missing" | "vault_exists" | "vault_corrupt" | "vault_too_new" | "weak_passphrase" | "locked" | "invalid" | "keyring_unavailable" | "backup_unusable" | "internal";

export type ErrorReport = { 
/**
 * What kind of error.
 */
code: ErrorCode, 
/**
 * The sentence for the therapist.
 */
message: string, 
/**
 * The form field at fault, for [`ErrorCode::Invalid`].
 */
field: string | null, };

export type PracticeProfile = { 
/**
 * The therapist's name as licensed ("Dana Whitfield").
 */
provider_name: string, 
/**
 * Credentials after the name ("PhD, LMFT").
 */
credentials: string, 
/**
 * Individual (type 1) National Provider Identifier: 10 digits.
 */
npi: string, 
/**
 * Employer Identification Number, `NN-NNNNNNN`.
 */
ein: string, 
/**
 * State license number.
 */
license_number: string, 
/**
 * State that issued the license (two letters).
 */
license_state: string, 
/**
 * Healthcare provider taxonomy code (LMFT: `101YM0800X`).
 */
taxonomy_code: string, 
/**
 * Street address.
 */
address_line1: string, 
/**
 * Suite, floor.
 */
address_line2: string, 
/**
 * City.
 */
city: string, 
/**
 * State (two letters).
 */
state: string, 
/**
 * ZIP code.
 */
postal_code: string, 
/**
 * Phone number.
 */
phone: string, };

export type FieldProblem = { 
/**
 * The field's name in the model.
 */
field: string, 
/**
 * What is wrong, in plain words.
 */
message: string, };

export type Settings = { 
/**
 * Lock the vault after this many minutes without activity (1 to 240).
 */
auto_lock_minutes: number, 
/**
 * The practice's time zone (an IANA name, "America/Phoenix"); empty: this computer's.
 */
time_zone: string, 
/**
 * States she is licensed in besides the profile's (two letters each), for telehealth.
 */
licensed_states: Array<string>, 
/**
 * The vitals reminder and the ranges outside which a reading is flagged.
 */
vitals: VitalRanges, };

export type Strength = "too_short" | "weak" | "fair" | "strong";

export type PassphraseAssessment = { 
/**
 * The estimate.
 */
strength: Strength, 
/**
 * Whether Attune will accept it.
 */
acceptable: boolean, 
/**
 * A hint in plain words.
 */
hint: string, };

export type CheckReport = { 
/**
 * The database's schema version.
 */
schema_version: bigint, 
/**
 * The newest schema version this build knows.
 */
supported_version: bigint, 
/**
 * SQLCipher's version string.
 */
cipher_version: string, 
/**
 * Whether `PRAGMA integrity_check` said "ok".
 */
integrity_ok: boolean, 
/**
 * What `PRAGMA integrity_check` said.
 */
integrity: Array<string>, 
/**
 * What `PRAGMA cipher_integrity_check` found wrong (nothing when all pages authenticate).
 */
cipher_problems: Array<string>, 
/**
 * The audit log's hash chain.
 */
audit: ChainReport, 
/**
 * Rows per table.
 */
row_counts: Array<TableCount>, };

export type TableCount = { 
/**
 * Table name.
 */
table: string, 
/**
 * Row count.
 */
rows: number, };

export type ChainReport = { 
/**
 * Entries read.
 */
entries: number, 
/**
 * True when every entry's hash matches its contents and its predecessor.
 */
intact: boolean, 
/**
 * The first entry that does not match, if any.
 */
first_broken: number | null, };

export type AuditEntry = { 
/**
 * Position in the log, from 1.
 */
seq: number, 
/**
 * When, as an RFC 3339 UTC instant.
 */
at: string, 
/**
 * What happened (`practice.updated`).
 */
action: string, 
/**
 * To what (`practice`).
 */
subject: string, 
/**
 * Which fields, if any.
 */
detail: string, };

export type VaultStatus = { 
/**
 * The vault folder.
 */
dir: string, 
/**
 * Whether a vault exists there.
 */
exists: boolean, 
/**
 * Whether it is unlocked now.
 */
unlocked: boolean, 
/**
 * Whether its key is remembered on this device (false when unknown or no keyring).
 */
remembered: boolean, };

export type Manifest = { 
/**
 * Always [`FORMAT`].
 */
format: string, 
/**
 * The Attune version that made it.
 */
app_version: string, 
/**
 * The vault's schema version at the time.
 */
schema_version: number, 
/**
 * When, as an RFC 3339 UTC instant.
 */
created_at: string, 
/**
 * Rows per table, as `table=rows` pairs separated by commas.
 */
counts: string, };

export type Policy = { 
/**
 * The newest backup of each of this many most recent days that have one (at least 1).
 */
daily: number, 
/**
 * … of weeks (ISO weeks).
 */
weekly: number, 
/**
 * … of calendar months.
 */
monthly: number, };

export type BackupSettings = { 
/**
 * The folder (a USB drive, a synced folder); none: automatic backups are off.
 */
dir: string | null, 
/**
 * How many to keep.
 */
policy: Policy, };

export type BackupState = { 
/**
 * The settings.
 */
settings: BackupSettings, 
/**
 * Whether a recovery key is set up (automatic backups are encrypted to it).
 */
recovery_ready: boolean, 
/**
 * When the last backup was written, RFC 3339 UTC.
 */
last_backup_at: string | null, 
/**
 * Never backed up, or not for [`STALE_AFTER_DAYS`] days: show it in amber.
 */
stale: boolean, 
/**
 * One sentence about the state, for the screen.
 */
summary: string, };

export type BackupFile = { 
/**
 * Its file name.
 */
name: string, 
/**
 * When it was taken (from its name), RFC 3339 UTC.
 */
taken_at: string, 
/**
 * Its size in bytes.
 */
bytes: number, };

export type RestoreReport = { 
/**
 * When the restored backup was taken, RFC 3339 UTC.
 */
backup_taken_at: string, 
/**
 * Where the vault that was replaced is kept, if there was one.
 */
previous_dir: string | null, };

export type Person = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Legal name, as a superbill prints it.
 */
legal_name: string, 
/**
 * The name used in the room; empty: the legal name.
 */
preferred_name: string, 
/**
 * Pronouns ("she/her", "they/them").
 */
pronouns: string, 
/**
 * Date of birth.
 */
date_of_birth: string | null, 
/**
 * Postal address.
 */
address: string, 
/**
 * Phone.
 */
phone: string, 
/**
 * Email.
 */
email: string, 
/**
 * State of residence (two letters): decides licensure for telehealth.
 */
state_of_residence: string, 
/**
 * Who to call in an emergency, and how.
 */
emergency_contact: string, 
/**
 * Insurance payer, for reimbursement (optional).
 */
insurance_payer: string, 
/**
 * Insurance member id (optional).
 */
insurance_member_id: string, };

export type Structure = "couple" | "triad" | "polycule" | "other";

export type UnitStatus = "intake" | "active" | "paused" | "closed";

export type Partner = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Attachment-style notes for this partner in this relationship.
 */
attachment_notes: string, };

export type Unit = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Its name ("Rivera–Chen").
 */
name: string, 
/**
 * Couple, triad, polycule or other.
 */
structure: Structure, 
/**
 * Intake, active, paused or closed.
 */
status: UnitStatus, 
/**
 * When the work together started.
 */
start_date: string | null, 
/**
 * The goals they set.
 */
goals: string, 
/**
 * The partners, in the order the chart shows them (two or more).
 */
partners: Array<Partner>, };

export type Diagnosis = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * The ICD-10-CM code ("F43.23").
 */
code: string, 
/**
 * When it was made.
 */
diagnosed_on: string, 
/**
 * The primary diagnosis is listed first on a superbill (one per person).
 */
primary: boolean, };

export type Screening = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * When.
 */
taken_on: string, 
/**
 * Codes of the exclusions answered "yes"; empty: none.
 */
present: Array<string>, 
/**
 * The therapist's notes on it.
 */
notes: string, };

export type ClearanceSetting = "in_office_im" | "at_home_lozenges";

export type Clearance = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * The prescriber's name.
 */
prescriber: string, 
/**
 * Their organisation.
 */
organisation: string, 
/**
 * Date of the clearance.
 */
cleared_on: string, 
/**
 * Last day it is valid.
 */
valid_until: string, 
/**
 * The approved setting.
 */
setting: ClearanceSetting, };

export type ConsentKind = "kap_informed_consent" | "telehealth" | "release_of_information";

export type Consent = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * What it covers.
 */
kind: ConsentKind, 
/**
 * When it was signed.
 */
signed_on: string, 
/**
 * When it lapses, if it does.
 */
expires_on: string | null, 
/**
 * For a release of information: to whom (name and role).
 */
release_to: string, };

export type DvResult = "no_concern" | "concern" | "active";

export type DvScreen = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which unit.
 */
unit_id: string, 
/**
 * When.
 */
screened_on: string, 
/**
 * What it found.
 */
result: DvResult, };

export type Exclusion = { 
/**
 * Stable code, stored with screenings.
 */
code: string, 
/**
 * Short name for the screen.
 */
name: string, 
/**
 * Why it excludes dosing, for the therapist.
 */
reason: string, 
/**
 * A medical (rather than psychiatric) exclusion, to be cleared by the prescriber.
 */
medical: boolean, };

export type ScreeningState = { "state": "not_screened" } | { "state": "clear", 
/**
 * When.
 */
on: string, } | { "state": "excluded", 
/**
 * When.
 */
on: string, 
/**
 * The exclusions' codes.
 */
exclusions: Array<string>, };

export type ClearanceState = { "state": "missing" } | { "state": "current", 
/**
 * Last valid day.
 */
valid_until: string, 
/**
 * Approved setting.
 */
setting: ClearanceSetting, } | { "state": "expiring", 
/**
 * Last valid day.
 */
valid_until: string, 
/**
 * Approved setting.
 */
setting: ClearanceSetting, 
/**
 * Days left, counting today.
 */
days_left: number, } | { "state": "expired", 
/**
 * Its last valid day.
 */
valid_until: string, } | { "state": "not_yet_valid", 
/**
 * When it starts.
 */
from: string, };

export type Alert = { 
/**
 * The rule's code.
 */
rule: string, 
/**
 * The sentence, naming the person.
 */
message: string, 
/**
 * Whether it blocks dosing (red), or is a warning (amber).
 */
blocking: boolean, };

export type Hit = { 
/**
 * `person` or `unit`.
 */
kind: string, 
/**
 * Its id.
 */
id: string, 
/**
 * What to show.
 */
label: string, };

export type Code = { 
/**
 * The code ("F43.23").
 */
code: string, 
/**
 * Its official description.
 */
description: string, 
/**
 * A leaf code, usable on a claim (headers are not).
 */
billable: boolean, };

export type PartnerChart = { 
/**
 * The person.
 */
person: Person, 
/**
 * Their attachment notes in this unit.
 */
attachment_notes: string, 
/**
 * Diagnoses, primary first.
 */
diagnoses: Array<Diagnosis>, 
/**
 * The latest screening's verdict.
 */
screening: ScreeningState, 
/**
 * Medical clearance today.
 */
clearance: ClearanceState, 
/**
 * Signed consents.
 */
consents: Array<Consent>, 
/**
 * What needs attention, in plain words.
 */
alerts: Array<Alert>, };

export type UnitChart = { 
/**
 * The unit.
 */
unit: Unit, 
/**
 * One column per partner, in the unit's order.
 */
partners: Array<PartnerChart>, 
/**
 * The latest domestic-violence screen, if any.
 */
dv_screen: DvScreen | null, 
/**
 * What needs attention for the unit as a whole, in plain words.
 */
alerts: Array<Alert>, };

export type ImportReport = { 
/**
 * Persons and units added.
 */
added: number, 
/**
 * Persons and units already in the vault (same id), updated from the document.
 */
updated: number, };
