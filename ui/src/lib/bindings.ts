// Generated from the Rust types by `attune::bindings`; do not edit.
// Regenerate: ATTUNE_BLESS=1 cargo test --test bindings

export type ErrorCode = "wrong_passphrase" | "vault_missing" | "vault_exists" | "vault_corrupt" | "vault_too_new" | "weak_passphrase" | "locked" | "invalid" | "confirm" | "keyring_unavailable" | "backup_unusable" | "internal";

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
 * The form field at fault, for [`ErrorCode::Invalid`] and [`ErrorCode::Confirm`].
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
vitals: VitalRanges, 
/**
 * How dates are written on her screens (version 5 on).
 */
date_style: DateStyle, 
/**
 * How temperatures are written (version 5 on).
 */
temperature: Temperature, 
/**
 * Her working week, a dosing's observation and an integration's length (version 7 on).
 */
schedule: ScheduleSettings, };

export type DateStyle = "us" | "iso" | "day_month_year";

export type Temperature = "fahrenheit" | "celsius";

export type VitalRanges = { 
/**
 * Minutes between readings during a dosing (1 to 120).
 */
every_minutes: number, 
/**
 * Highest acceptable systolic pressure (mmHg).
 */
systolic_max: number, 
/**
 * Highest acceptable diastolic pressure (mmHg).
 */
diastolic_max: number, 
/**
 * Lowest acceptable heart rate (bpm).
 */
heart_rate_min: number, 
/**
 * Highest acceptable heart rate (bpm).
 */
heart_rate_max: number, 
/**
 * Lowest acceptable oxygen saturation (%).
 */
spo2_min: number, };

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type ScheduleSettings = { 
/**
 * The days she sees clients; an integration is proposed on one of them.
 */
working_days: Array<Weekday>, 
/**
 * How long after the dose she stays with the clients (0 to 480 minutes).
 */
observation_minutes: number, 
/**
 * The planned length of the integration the calendar proposes (15 to 240 minutes).
 */
integration_minutes: number, };

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
remembered: boolean, 
/**
 * What Attune finished or rolled back at start after an interrupted restore or passphrase
 * change, one sentence each (shown once, on the first screen).
 */
recovered: Array<string>, };

export type About = { 
/**
 * This build's version ("0.1.0").
 */
version: string, 
/**
 * The vault folder this window opens.
 */
vault_dir: string, 
/**
 * The encryption in words.
 */
encryption: string, 
/**
 * The licence, as an SPDX expression.
 */
licence: string, };

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

export type RecipientRole = "prescriber" | "collaborating_therapist" | "other";

export type Recipient = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Their name ("Dr. Maya Okafor").
 */
name: string, 
/**
 * Prescriber, collaborating therapist or other.
 */
role: RecipientRole | null, 
/**
 * Their practice or organisation.
 */
organisation: string, 
/**
 * The state they practise in (two letters).
 */
state: string, 
/**
 * How to reach them (fax, secure email, address).
 */
contact: string, };

export type Covered = "session_reports" | "diagnoses" | "measures" | "treatment_plan";

export type Release = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Whose information.
 */
person_id: string, 
/**
 * To whom.
 */
recipient_id: string, 
/**
 * What it covers.
 */
covers: Array<Covered>, 
/**
 * For what purpose ("coordination of ketamine care").
 */
purpose: string, 
/**
 * Signed and in force from.
 */
valid_from: string, 
/**
 * In force through this day.
 */
valid_until: string, 
/**
 * When the client revoked it, if they did; kept, never deleted.
 */
revoked_on: string | null, };

export type ReleaseState = "not_yet" | "current" | "expiring" | "expired" | "revoked";

export type Disclosure = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Whose information.
 */
person_id: string, 
/**
 * To whom.
 */
recipient_id: string, 
/**
 * The release it was made under.
 */
release_id: string, 
/**
 * When.
 */
disclosed_at: string, 
/**
 * What went ("Session report: dosing of 11/02/2026").
 */
what: string, 
/**
 * Why (the release's purpose).
 */
purpose: string, 
/**
 * The session it reported on, if any.
 */
session_id: string | null, };

export type ReleaseRow = { 
/**
 * The release.
 */
release: Release, 
/**
 * To whom, by name.
 */
recipient_name: string, 
/**
 * Prescriber, collaborating therapist or other.
 */
recipient_role: string, 
/**
 * Where it stands today.
 */
state: ReleaseState, };

export type DisclosureRow = { 
/**
 * The disclosure.
 */
disclosure: Disclosure, 
/**
 * To whom, by name.
 */
recipient_name: string, };

export type PersonReleases = { 
/**
 * Newest first.
 */
releases: Array<ReleaseRow>, 
/**
 * Newest first.
 */
disclosures: Array<DisclosureRow>, };

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
 * `person`, `unit` or `session` (its note, addenda or reflections matched).
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

export type SessionKind = "joint_intake" | "individual_assessment" | "feedback_and_goals" | "preparation" | "dosing" | "integration" | "augmented_therapy" | "couples_session";

export type Setting = "office" | "telehealth_home" | "telehealth_elsewhere" | "home_virtual_monitoring";

export type SessionStatus = "scheduled" | "in_progress" | "completed" | "cancelled" | "no_show";

export type DosingMode = "solo" | "dyadic_psychedelic" | "dyadic_psycholytic" | "augmented";

export type GateOverride = { 
/**
 * Why she went ahead, in her words.
 */
reason: string, 
/**
 * The gates that did not hold, as they read then.
 */
failed: Array<string>, 
/**
 * When.
 */
at: string, 
/**
 * When she recorded the follow-up (the dashboard lists the override until then).
 */
followed_up_at: string | null, };

export type CancelledBy = "client" | "therapist";

export type CalledOff = { 
/**
 * Why, in her words ("Flu", "Nobody came").
 */
reason: string, 
/**
 * Who called it off.
 */
by: CancelledBy, 
/**
 * When she was told: a cancellation told too close to the start is late.
 */
at: string, 
/**
 * The fee the schedule said when it was called off (kept: a later change of the schedule
 * does not rewrite what was charged); `None`: no fee applied.
 */
fee: Cents | null, 
/**
 * She waived that fee.
 */
fee_waived: boolean, };

export type Session = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * The unit, for a joint session.
 */
unit_id: string | null, 
/**
 * The person, for an individual session (exactly one of unit and person).
 */
person_id: string | null, 
/**
 * What kind.
 */
kind: SessionKind, 
/**
 * When it is booked to start.
 */
scheduled_at: string, 
/**
 * How long it is planned to last.
 */
planned_minutes: number, 
/**
 * Where.
 */
setting: Setting, 
/**
 * Who attended (or is expected): person ids, any subset of the unit's partners.
 */
attendees: Array<string>, 
/**
 * Scheduled, in progress, completed, cancelled or no-show.
 */
status: SessionStatus, 
/**
 * For a dosing or augmented session: the mode.
 */
mode: DosingMode | null, 
/**
 * Who takes the medicine (person ids, among the attendees).
 */
dosing_partners: Array<string>, 
/**
 * The sober supporter(s), by name, when some do not dose.
 */
supporters: string, 
/**
 * The driver or arranged transport home.
 */
transport: string, 
/**
 * Set when a dosing started although a gate did not hold.
 */
gate_override: GateOverride | null, 
/**
 * Why, when and by whom a cancelled or missed session was called off (version 7 on).
 */
called_off: CalledOff | null, };

export type ClockEventKind = "start" | "pause" | "resume" | "end" | "dose_given" | "onset" | "peak" | "baseline" | "discharge";

export type ClockEvent = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * What happened.
 */
kind: ClockEventKind, 
/**
 * For a mark: whose.
 */
person_id: string | null, 
/**
 * When (UTC).
 */
at: string, };

export type Route = "im" | "sublingual_lozenge" | "intranasal" | "other";

export type GivenWhere = "office" | "home";

export type Dose = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * Who took it.
 */
person_id: string, 
/**
 * The medicine ("ketamine").
 */
medication: string, 
/**
 * Milligrams.
 */
milligrams: number, 
/**
 * How.
 */
route: Route, 
/**
 * The lot number.
 */
lot: string, 
/**
 * When it was given.
 */
given_at: string, 
/**
 * Where.
 */
given_where: GivenWhere, };

export type Vitals = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * When.
 */
taken_at: string, 
/**
 * Blood pressure, systolic (mmHg).
 */
systolic: number, 
/**
 * Blood pressure, diastolic (mmHg).
 */
diastolic: number, 
/**
 * Heart rate (beats per minute).
 */
heart_rate: number, 
/**
 * Oxygen saturation (%).
 */
spo2: number, 
/**
 * Respiratory rate (breaths per minute), if taken.
 */
resp_rate: number | null, 
/**
 * Temperature (°C), if taken.
 */
temperature_c: number | null, };

export type AdverseEvent = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * When.
 */
at: string, 
/**
 * What happened (nausea, raised blood pressure…).
 */
what: string, 
/**
 * What was done.
 */
action: string, };

export type DischargeCheck = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * Who.
 */
person_id: string, 
/**
 * When.
 */
at: string, 
/**
 * Oriented to time, place and person.
 */
oriented: boolean, 
/**
 * Steady on their feet.
 */
steady: boolean, 
/**
 * An escort or driver is present.
 */
escort_present: boolean, 
/**
 * Who takes them home.
 */
escort: string, };

export type Note = { 
/**
 * Which session.
 */
session_id: string, 
/**
 * Field id → text.
 */
fields: { [key in string]: string }, 
/**
 * Last saved.
 */
updated_at: string, 
/**
 * When it was signed; a signed note never changes again.
 */
signed_at: string | null, };

export type Addendum = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Which session's note.
 */
session_id: string, 
/**
 * When it was written.
 */
written_at: string, 
/**
 * The text.
 */
text: string, };

export type Reflection = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Whose.
 */
person_id: string, 
/**
 * The dosing session it integrates.
 */
dosing_session_id: string, 
/**
 * The integration session it was written in, if any.
 */
integration_session_id: string | null, 
/**
 * When.
 */
written_on: string, 
/**
 * What emerged.
 */
emerged: string, 
/**
 * Emotions.
 */
emotions: string, 
/**
 * In the body.
 */
body: string, 
/**
 * Relational commitments and actions.
 */
commitments: string, 
/**
 * Questions for next time.
 */
questions: string, };

export type Phase = "not_started" | "running" | "paused" | "ended";

export type ClockState = { 
/**
 * Where it is.
 */
phase: Phase, 
/**
 * When it started.
 */
started_at: string | null, 
/**
 * When it ended.
 */
ended_at: string | null, 
/**
 * When the current pause began, while paused.
 */
paused_since: string | null, 
/**
 * Seconds from the start to the end, or to now.
 */
elapsed_seconds: number, 
/**
 * Seconds in pauses.
 */
paused_seconds: number, 
/**
 * Psychotherapy seconds: elapsed minus paused.
 */
therapy_seconds: number, };

export type GateCheck = { 
/**
 * The gate's code.
 */
code: string, 
/**
 * What must hold.
 */
name: string, 
/**
 * Why.
 */
reason: string, 
/**
 * Whether it holds.
 */
holds: boolean, 
/**
 * When it does not: who or what, in plain words.
 */
detail: string, };

export type Warning = { 
/**
 * The rule's code.
 */
rule: string, 
/**
 * The sentence.
 */
message: string, 
/**
 * The session it is about.
 */
session_id: string, };

export type Proposal = { 
/**
 * When, at the dosing's time of day in the practice's zone.
 */
at: string, 
/**
 * Its day, in the practice's zone.
 */
day: string, 
/**
 * Days after the dosing's day.
 */
days_after: number, 
/**
 * Later than the two days the protocol asks (no working day came sooner): say so.
 */
late: boolean, 
/**
 * Its planned length, from Settings.
 */
minutes: number, };

export type Titles = "initials" | "kind" | "names";

export type VitalFlag = { 
/**
 * Which measurement.
 */
field: string, 
/**
 * The sentence.
 */
message: string, };

export type NoteField = { 
/**
 * Stable id (the key in the note).
 */
id: string, 
/**
 * Its label.
 */
label: string, 
/**
 * What to write there.
 */
hint: string, 
/**
 * Signing needs it.
 */
required: boolean, 
/**
 * Once per partner (the dosing partners in a dosing session; otherwise the attendees).
 */
per_partner: boolean, };

export type VitalsRow = { 
/**
 * The reading.
 */
reading: Vitals, 
/**
 * What is outside the ranges.
 */
flags: Array<VitalFlag>, };

export type VitalsDue = { 
/**
 * Whose.
 */
person_id: string, 
/**
 * When.
 */
due_at: string, };

export type Attendee = { 
/**
 * The person's id.
 */
id: string, 
/**
 * The name to show.
 */
name: string, 
/**
 * Whether they take the medicine.
 */
doses: boolean, 
/**
 * Their state of residence (for their time zone).
 */
state: string, };

export type SessionView = { 
/**
 * The session.
 */
session: Session, 
/**
 * The unit's name, or the person's.
 */
title: string, 
/**
 * Who attends, in order.
 */
attendees: Array<Attendee>, 
/**
 * The clock now.
 */
clock: ClockState, 
/**
 * Its events, with the marks.
 */
events: Array<ClockEvent>, 
/**
 * Doses given.
 */
doses: Array<Dose>, 
/**
 * Vitals with their flags.
 */
vitals: Array<VitalsRow>, 
/**
 * When each dosing partner's next reading is due (while the session runs).
 */
vitals_due: Array<VitalsDue>, 
/**
 * Adverse events.
 */
adverse_events: Array<AdverseEvent>, 
/**
 * Discharge checks.
 */
discharges: Array<DischargeCheck>, 
/**
 * The note's template.
 */
template: Array<NoteField>, 
/**
 * The note, if begun.
 */
note: Note | null, 
/**
 * Required fields still empty.
 */
missing: Array<string>, 
/**
 * Addenda to the signed note.
 */
addenda: Array<Addendum>, 
/**
 * The safety gates (sessions where someone doses).
 */
gates: Array<GateCheck>, 
/**
 * The reflections on this dosing.
 */
reflections: Array<Reflection>, };

export type TimelineEntry = { 
/**
 * The session.
 */
session: Session, 
/**
 * Psychotherapy minutes from its clock (0 before it starts).
 */
therapy_minutes: number, 
/**
 * Whether its note is signed.
 */
signed: boolean, 
/**
 * For a dosing: the reflections written on it.
 */
reflections: Array<Reflection>, };

export type Timeline = { 
/**
 * Sessions, by time.
 */
entries: Array<TimelineEntry>, 
/**
 * The next step of the program arc, if one is due.
 */
next: SessionKind | null, 
/**
 * What needs fixing.
 */
warnings: Array<Warning>, };

export type ListedSession = { 
/**
 * The session.
 */
session: Session, 
/**
 * The unit's or person's name.
 */
title: string, 
/**
 * Whether its note is signed.
 */
signed: boolean, };

export type Cents = number;

export type CodeFee = { 
/**
 * The CPT code ("90847").
 */
code: string, 
/**
 * The fee per unit.
 */
amount: Cents, };

export type KindFee = { 
/**
 * The kind of session.
 */
kind: SessionKind, 
/**
 * The fee for the session.
 */
amount: Cents, };

export type FeeSchedule = { 
/**
 * Fees per CPT code.
 */
codes: Array<CodeFee>, 
/**
 * Fees per kind of session.
 */
kinds: Array<KindFee>, 
/**
 * Suggest 0820T for in-person monitoring of a dosing (off by default: a Category III
 * code few payers reimburse).
 */
offer_0820t: boolean, 
/**
 * The fees for a late cancellation and a no-show (version 7 on).
 */
missed: MissedFees, };

export type MissedFees = { 
/**
 * Charged when the client cancels with less notice than `notice_hours`; `None`: no fee.
 */
late_cancel: Cents | null, 
/**
 * Charged when nobody comes; `None`: no fee.
 */
no_show: Cents | null, 
/**
 * The notice a cancellation needs to be free (hours before the start).
 */
notice_hours: number, };

export type MissedFee = { 
/**
 * The fee the schedule says; `None`: none applies.
 */
fee: Cents | null, 
/**
 * Its name on the statement and receipt.
 */
name: string, 
/**
 * Why it applies, or why not.
 */
why: string, };

export type PackagePart = { 
/**
 * What it pays for ("Ketamine and its administration").
 */
name: string, 
/**
 * How much of each session's share.
 */
amount: Cents, };

export type Package = { 
/**
 * Stable id (empty for a new one).
 */
id: string, 
/**
 * Its name on receipts.
 */
name: string, 
/**
 * Which kind of session it covers.
 */
kind: SessionKind, 
/**
 * How many sessions.
 */
sessions: number, 
/**
 * The price of all of them.
 */
price: Cents, 
/**
 * Per session, the psychotherapy share that may appear on a superbill; `None`: the
 * whole share of the price is psychotherapy.
 */
psychotherapy_share: Cents | null, 
/**
 * Per session, the named parts of the price that are not hers to bill (the medicine,
 * the prescriber's monitoring, the room): on receipts, never on a superbill.
 */
parts: Array<PackagePart>, };

export type PackagePurchase = { 
/**
 * Stable id (empty for a new one).
 */
id: string, 
/**
 * Which package.
 */
package_id: string, 
/**
 * Bought for a relationship…
 */
unit_id: string | null, 
/**
 * …or for one person.
 */
person_id: string | null, 
/**
 * When.
 */
bought_on: string, };

export type PaymentMethod = "card" | "cash" | "check" | "hsa_fsa";

export type Application = { 
/**
 * Which session.
 */
session_id: string, 
/**
 * How much of the payment.
 */
amount: Cents, };

export type Payment = { 
/**
 * Stable id (empty for a new one).
 */
id: string, 
/**
 * Who paid.
 */
person_id: string, 
/**
 * When it was received.
 */
received_on: string, 
/**
 * How much.
 */
amount: Cents, 
/**
 * Card, cash, check or HSA/FSA.
 */
method: PaymentMethod, 
/**
 * Check number, last digits of the card, anything worth keeping.
 */
note: string, 
/**
 * Where it went. Left empty when recording, it is applied to the oldest unpaid sessions
 * of the payer and their relationships; whatever is left is a credit.
 */
applied: Array<Application>, };

export type CodedLine = { 
/**
 * The CPT code.
 */
code: string, 
/**
 * Modifiers ("95").
 */
modifiers: Array<string>, 
/**
 * Place of service ("11", "10", "02").
 */
place_of_service: string, 
/**
 * Units (1 for the psychotherapy codes; hours for 0820T).
 */
units: number, 
/**
 * Why this code, in plain words.
 */
reason: string, };

export type BillingChoice = { 
/**
 * Which session.
 */
session_id: string, 
/**
 * Whose superbill a joint session goes on (one partner with a diagnosis); `None`: the
 * first partner present with a diagnosis.
 */
identified_patient: string | null, 
/**
 * Interactive complexity (90785) was present.
 */
interactive_complexity: boolean, 
/**
 * Her own codes in place of the suggestion; `None`: the suggestion.
 */
lines: Array<CodedLine> | null, 
/**
 * Why she changed it (required with her own codes).
 */
why: string, 
/**
 * The payer-habit warnings on her own codes she has acknowledged (rule codes, such as
 * `patient_absent`); a coding rule cannot be acknowledged, it refuses.
 */
acknowledged: Array<string>, };

export type IssuedSuperbill = { 
/**
 * Sequential number, from 1.
 */
number: number, 
/**
 * When it was issued.
 */
issued_at: string, 
/**
 * The day it was issued, in the practice's time zone (as printed).
 */
issued_on: string, 
/**
 * The superbill this one corrects, if any.
 */
replaces: number | null, 
/**
 * What it says.
 */
superbill: Superbill, };

export type IssuedEstimate = { 
/**
 * Sequential number, from 1 (its own series, apart from superbills).
 */
number: number, 
/**
 * When it was issued.
 */
issued_at: string, 
/**
 * The day it was issued, in the practice's time zone (as printed).
 */
issued_on: string, 
/**
 * What it says.
 */
estimate: Estimate, };

export type EstimateLine = { 
/**
 * What it is ("Joint intake").
 */
service: string, 
/**
 * Its CPT code, where there is one (the medicine has none).
 */
code: string | null, 
/**
 * How many.
 */
quantity: number, 
/**
 * The expected charge of each.
 */
each: Cents, 
/**
 * Of all of them.
 */
amount: Cents, 
/**
 * Where the price comes from ("part of the package …").
 */
detail: string, };

export type EstimatePerson = { 
/**
 * Person id.
 */
person_id: string, 
/**
 * Legal name.
 */
legal_name: string, 
/**
 * Date of birth.
 */
date_of_birth: string | null, };

export type Estimate = { 
/**
 * The provider and practice (name, NPI, tax id, address).
 */
provider: PracticeProfile, 
/**
 * The relationship it is for, if it is a relationship's.
 */
unit_id: string | null, 
/**
 * The relationship's name, or the person's.
 */
for_name: string, 
/**
 * Everyone whose care it estimates.
 */
persons: Array<EstimatePerson>, 
/**
 * Diagnosis codes where known ("F43.23 Adjustment disorder …").
 */
diagnoses: Array<string>, 
/**
 * First day of the care it covers.
 */
from: string, 
/**
 * Last day (at most 12 months on).
 */
until: string, 
/**
 * The expected services.
 */
lines: Array<EstimateLine>, 
/**
 * Their sum.
 */
total: Cents, };

export type Owner = { "kind": "unit", "id": string } | { "kind": "person", "id": string };

export type InterventionKind = "eft_enactments" | "emdr_resourcing" | "somatic_grounding" | "psychoeducation" | "kap_dosing" | "other";

export type Intervention = { 
/**
 * Which.
 */
kind: InterventionKind, 
/**
 * How, for whom ("dyadic psychedelic, then psycholytic").
 */
detail: string, };

export type Comparison = "above" | "below";

export type Target = { 
/**
 * The questionnaire.
 */
instrument: Instrument, 
/**
 * Its scale's code; `None`: its first (total) scale.
 */
scale: string | null, 
/**
 * Above or below.
 */
comparison: Comparison, 
/**
 * The threshold.
 */
threshold: number, 
/**
 * Whose latest score must meet it; empty: every partner's.
 */
persons: Array<string>, };

export type Objective = { 
/**
 * In her words ("CSI-16 above 51.5 for both partners").
 */
text: string, 
/**
 * The measure that shows it is met, where there is one.
 */
target: Target | null, };

export type Goal = { 
/**
 * The goal.
 */
text: string, 
/**
 * How she will know it is reached.
 */
objectives: Array<Objective>, };

export type TreatmentPlan = { 
/**
 * Stable id (empty for a new one).
 */
id: string, 
/**
 * The relationship it is for…
 */
unit_id: string | null, 
/**
 * …or the one person.
 */
person_id: string | null, 
/**
 * 1 for the first plan, then one more for each revision.
 */
version: number, 
/**
 * The day it was written.
 */
written_on: string, 
/**
 * Presenting problems.
 */
problems: Array<string>, 
/**
 * Goals with their objectives.
 */
goals: Array<Goal>, 
/**
 * Interventions.
 */
interventions: Array<Intervention>, 
/**
 * How often they meet, and the dosings planned.
 */
frequency: string, 
/**
 * When it is to be reviewed.
 */
review_on: string, 
/**
 * When she signed it; from then on it never changes.
 */
signed_at: string | null, };

export type Review = { "state": "not_due" } | { "state": "soon", 
/**
 * Days left.
 */
days: number, } | { "state": "overdue", 
/**
 * Days since.
 */
days: number, };

export type PersonProgress = { 
/**
 * Their name.
 */
name: string, 
/**
 * Their latest score, and when; `None`: not measured yet.
 */
latest: [number, string] | null, 
/**
 * Whether it meets the target.
 */
met: boolean, };

export type ObjectiveProgress = { 
/**
 * The objective, in her words.
 */
text: string, 
/**
 * Its target in words ("CSI-16 above 51.5"); `None`: not linked to a measure.
 */
target: string | null, 
/**
 * Each person the target names.
 */
persons: Array<PersonProgress>, 
/**
 * Every person named meets it (never for an objective without a target).
 */
met: boolean, };

export type PlanChart = { 
/**
 * The latest signed version.
 */
current: TreatmentPlan | null, 
/**
 * The draft being written, if any.
 */
draft: TreatmentPlan | null, 
/**
 * The current version's objectives against the latest scores.
 */
progress: Array<ObjectiveProgress>, 
/**
 * When the current version's review is due.
 */
review: Review | null, 
/**
 * The people it is for (id, name), for choosing whom a target names.
 */
persons: Array<[string, string]>, };

export type EstimateRequest = { 
/**
 * Whom.
 */
for_whom: Owner, 
/**
 * First day of the care it covers (default: today).
 */
from: string | null, 
/**
 * Last day (default: [`DEFAULT_WEEKS`] on; at most 12 months).
 */
until: string | null, 
/**
 * The package planned (default: the last one they bought, if any).
 */
package_id: string | null, 
/**
 * How many dosings (default: the package's sessions, else one).
 */
dosings: number | null, };

export type Severity = "refuse" | "warn" | "note";

export type Finding = { 
/**
 * The rule's code.
 */
rule: string, 
/**
 * What breaking it does.
 */
severity: Severity, 
/**
 * What it means here, in plain words.
 */
text: string, };

export type Suggestion = { 
/**
 * Which session.
 */
session_id: string, 
/**
 * The lines, main code first; empty when nothing is billable.
 */
lines: Array<CodedLine>, 
/**
 * Rules that removed, flagged or explained something.
 */
findings: Array<Finding>, };

export type ChargeSource = { "from": "package", 
/**
 * The package's name.
 */
name: string, } | { "from": "kind" } | { "from": "codes" } | { "from": "no_fee" } | { "from": "missed", 
/**
 * Its name on the statement ("Late-cancellation fee").
 */
name: string, };

export type Charge = { 
/**
 * How much.
 */
amount: Cents, 
/**
 * The psychotherapy in it: all that may appear on a superbill.
 */
billable: Cents, 
/**
 * The rest, named (a package's medicine, monitoring, room): on receipts only.
 */
parts: Array<PackagePart>, 
/**
 * Why that much.
 */
source: ChargeSource, };

export type LetteredDiagnosis = { 
/**
 * "A" to "L".
 */
letter: string, 
/**
 * ICD-10-CM code.
 */
code: string, 
/**
 * Its description.
 */
description: string, };

export type Client = { 
/**
 * Person id.
 */
person_id: string, 
/**
 * Legal name, as on the insurance card.
 */
legal_name: string, 
/**
 * Date of birth.
 */
date_of_birth: string | null, 
/**
 * Mailing address.
 */
address: string, 
/**
 * Insurer.
 */
payer: string, 
/**
 * Member id.
 */
member_id: string, };

export type SuperbillLine = { 
/**
 * Date of service.
 */
date: string, 
/**
 * Place of service.
 */
place_of_service: string, 
/**
 * CPT code.
 */
code: string, 
/**
 * Modifiers.
 */
modifiers: Array<string>, 
/**
 * Diagnosis pointers, letters of [`Superbill::diagnoses`], primary first ("AB").
 */
pointers: string, 
/**
 * Units.
 */
units: number, 
/**
 * Fee.
 */
fee: Cents, 
/**
 * Paid.
 */
paid: Cents, 
/**
 * Why this code.
 */
reason: string, 
/**
 * What a payer may question about this line (rule code and sentence); never printed.
 */
warnings: Array<Finding>, };

export type SuperbillWarning = { 
/**
 * Date of service.
 */
date: string, 
/**
 * Which session.
 */
session_id: string, 
/**
 * The session has a line (else this says why it has none).
 */
billed: boolean, 
/**
 * The rule's code.
 */
rule: string, 
/**
 * What it means here.
 */
text: string, };

export type Superbill = { 
/**
 * The provider and practice.
 */
provider: PracticeProfile, 
/**
 * The client.
 */
client: Client, 
/**
 * First date covered.
 */
from: string, 
/**
 * Last date covered.
 */
to: string, 
/**
 * The client's diagnoses, primary first.
 */
diagnoses: Array<LetteredDiagnosis>, 
/**
 * One line per date of service and code.
 */
lines: Array<SuperbillLine>, 
/**
 * Sum of the fees.
 */
total_fees: Cents, 
/**
 * Sum paid.
 */
total_paid: Cents, 
/**
 * Fees less paid.
 */
balance: Cents, 
/**
 * Every rule's word on the sessions in these dates, by date: warnings on lines, and why
 * a session has no line.
 */
warnings: Array<SuperbillWarning>, };

export type SessionBilling = { 
/**
 * Whose superbill it goes on.
 */
identified_patient: string | null, 
/**
 * That person's name.
 */
identified_patient_name: string, 
/**
 * The session's people who could be the identified patient: id and name.
 */
candidates: Array<[string, string]>, 
/**
 * What the rules suggest, with the findings.
 */
suggestion: Suggestion, 
/**
 * Her change, if any.
 */
choice: BillingChoice | null, 
/**
 * The lines that will be billed (hers, or the suggestion).
 */
lines: Array<CodedLine>, 
/**
 * Every rule's word on those lines (warnings to acknowledge, notes), and why a line is
 * missing.
 */
findings: Array<Finding>, 
/**
 * The coding rules her own codes break, when they are set aside for the suggestion.
 */
refused: Array<Finding>, 
/**
 * The charge and where it comes from.
 */
charge: Charge, 
/**
 * Paid towards it.
 */
paid: Cents, };

export type LedgerRow = { 
/**
 * Which session.
 */
session_id: string, 
/**
 * Date of service, in the practice's zone.
 */
date: string, 
/**
 * The relationship or person, in words.
 */
who: string, 
/**
 * The relationship, for a joint session.
 */
unit_id: string | null, 
/**
 * The person, for an individual session.
 */
person_id: string | null, 
/**
 * The codes billed ("90847 0820T"), empty when none.
 */
codes: string, 
/**
 * The charge.
 */
charge: Charge, 
/**
 * Paid.
 */
paid: Cents, 
/**
 * Still owed.
 */
balance: Cents, };

export type Balance = { 
/**
 * The relationship's or person's id.
 */
id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Whether it is a relationship.
 */
is_unit: boolean, 
/**
 * All charged.
 */
charged: Cents, 
/**
 * All paid towards sessions.
 */
paid: Cents, 
/**
 * Payments not yet applied to a session (a credit).
 */
credit: Cents, 
/**
 * Charged less paid less credit.
 */
balance: Cents, };

export type Ledger = { 
/**
 * Held sessions and sessions called off with a fee, newest first.
 */
rows: Array<LedgerRow>, 
/**
 * Per relationship and person, those with anything charged or a credit.
 */
balances: Array<Balance>, };

export type SuperbillSummary = { 
/**
 * Its number.
 */
number: number, 
/**
 * Whose.
 */
person_id: string, 
/**
 * Their legal name.
 */
legal_name: string, 
/**
 * Dates covered.
 */
from: string, 
/**
 * Dates covered.
 */
to: string, 
/**
 * When issued.
 */
issued_at: string, 
/**
 * The one it corrects.
 */
replaces: number | null, 
/**
 * A later one corrects it.
 */
replaced_by: number | null, 
/**
 * Its total.
 */
total: Cents, };

export type ReceiptLine = { 
/**
 * Date.
 */
date: string, 
/**
 * What it was ("Couples session, Rivera–Chen").
 */
description: string, 
/**
 * Charge.
 */
fee: Cents, 
/**
 * Paid.
 */
paid: Cents, 
/**
 * What the charge pays for, when it is more than psychotherapy (a package's medicine,
 * monitoring, room), the psychotherapy first; empty when it is all psychotherapy.
 */
parts: Array<PackagePart>, };

export type Receipt = { 
/**
 * The practice.
 */
provider: PracticeProfile, 
/**
 * The client's legal name.
 */
client_name: string, 
/**
 * Dates covered.
 */
from: string, 
/**
 * Dates covered.
 */
to: string, 
/**
 * Sessions.
 */
lines: Array<ReceiptLine>, 
/**
 * Sum of the fees.
 */
total_fees: Cents, 
/**
 * Sum paid.
 */
total_paid: Cents, 
/**
 * Why it is a receipt and not a superbill, when that is so.
 */
why_not_a_superbill: string, };

export type Instrument = "phq9" | "gad7" | "csi16" | "ecr_rs";

export type Measure = { 
/**
 * Stable id (a UUID).
 */
id: string, 
/**
 * Who answered.
 */
person_id: string, 
/**
 * The relationship it is about (the CSI-16 and the ECR-RS); none for the others.
 */
unit_id: string | null, 
/**
 * Which questionnaire.
 */
instrument: Instrument, 
/**
 * The day it was answered.
 */
given_on: string, 
/**
 * The session it was given in, if any.
 */
session_id: string | null, 
/**
 * Per item, in order, the position of the answer chosen among the item's printed answers
 * (0 is the first). `None` only in a form still being filled in: a measure is never saved
 * with an item missing.
 */
answers: Array<number | null>, 
/**
 * Set when it was entered in error, with why: kept for the record, left out of plots,
 * scores and alerts.
 */
entered_in_error: string | null, };

export type Choice = { 
/**
 * The words (or the number) printed on the form.
 */
label: string, 
/**
 * What it scores.
 */
points: number, };

export type Item = { 
/**
 * Its number on the form (from 1).
 */
number: number, 
/**
 * Its words.
 */
text: string, 
/**
 * Its answers, in printed order.
 */
choices: Array<Choice>, 
/**
 * For a scale printed as numbers between two words: the words at each end.
 */
anchors: [string, string] | null, 
/**
 * Scored in reverse of its printed order (the points say how; this says why they run
 * backwards, for the reader and the tests).
 */
reverse_keyed: boolean, };

export type Band = { 
/**
 * Stable code.
 */
code: string, 
/**
 * What the therapist reads.
 */
label: string, 
/**
 * Lowest score in the band (inclusive).
 */
from: number, 
/**
 * Highest score in the band (inclusive).
 */
to: number, 
/**
 * How much concern it signals, 0 (none) to 4, for shading.
 */
level: number, };

export type Combine = "sum" | "mean";

export type Scale = { 
/**
 * Stable code ("total", "avoidance").
 */
code: string, 
/**
 * Its name.
 */
name: string, 
/**
 * The item numbers it reads.
 */
items: Array<number>, 
/**
 * How it combines them.
 */
combine: Combine, 
/**
 * Lowest possible score.
 */
min: number, 
/**
 * Highest possible score.
 */
max: number, 
/**
 * Whether a higher score is the better one (satisfaction) or the worse (symptoms).
 */
higher_is_better: boolean, 
/**
 * Its published bands, lowest first; empty when none are published.
 */
bands: Array<Band>, };

export type Spec = { 
/**
 * Which one.
 */
instrument: Instrument, 
/**
 * Its short name ("PHQ-9").
 */
short: string, 
/**
 * Its full name.
 */
name: string, 
/**
 * The instructions printed above the items.
 */
stem: string, 
/**
 * Who published it, and where its scoring comes from.
 */
source: string, 
/**
 * Asked about one relationship (so a partner in two relationships answers it twice).
 */
about_relationship: boolean, 
/**
 * Its items.
 */
items: Array<Item>, 
/**
 * Its scores.
 */
scales: Array<Scale>, };

export type ScaleScore = { 
/**
 * The scale's code.
 */
scale: string, 
/**
 * The score (a mean is not rounded).
 */
value: number, 
/**
 * The band it falls in, when the scale has bands.
 */
band: Band | null, };

export type SelfHarm = { 
/**
 * The questionnaire that raised it.
 */
measure_id: string, 
/**
 * When it was answered.
 */
given_on: string, 
/**
 * The answer to item 9, as printed ("Several days").
 */
answer: string, };

export type Point = { 
/**
 * The measure.
 */
measure_id: string, 
/**
 * When.
 */
given_on: string, 
/**
 * The session it was given in.
 */
session_id: string | null, 
/**
 * Its scores, in the instrument's order.
 */
scores: Array<ScaleScore>, };

export type Series = { 
/**
 * Which instrument.
 */
instrument: Instrument, 
/**
 * The relationship it is about.
 */
unit_id: string | null, 
/**
 * That relationship's name.
 */
relationship: string | null, 
/**
 * Oldest first.
 */
points: Array<Point>, };

export type History = { 
/**
 * Who.
 */
person_id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Each instrument over time (entered-in-error measures left out).
 */
series: Array<Series>, 
/**
 * The days (in the practice's zone) of their dosing sessions, held or booked (with a
 * relationship given, only that relationship's).
 */
dosings: Array<string>, 
/**
 * The PHQ-9 item 9 alert, if raised.
 */
self_harm: SelfHarm | null, 
/**
 * Its sentence, naming the person.
 */
alert: string | null, 
/**
 * Every measure as recorded, newest first, including those entered in error.
 */
measures: Array<Measure>, };

export type Concern = { 
/**
 * Stable code.
 */
code: string, 
/**
 * Its heading on the dashboard.
 */
name: string, 
/**
 * Why it matters, for the therapist.
 */
reason: string, 
/**
 * Red (safety first) rather than amber.
 */
urgent: boolean, };

export type Go = { "to": "session", 
/**
 * The session.
 */
session_id: string, } | { "to": "unit", 
/**
 * The relationship.
 */
unit_id: string, } | { "to": "person", 
/**
 * The person.
 */
person_id: string, 
/**
 * A relationship they are in.
 */
unit_id: string | null, } | { "to": "measures", 
/**
 * The person.
 */
person_id: string, } | { "to": "billing" } | { "to": "backups" };

export type AttentionItem = { 
/**
 * Its kind's code ([`attention::CONCERNS`]).
 */
concern: string, 
/**
 * The sentence, naming who and when.
 */
message: string, 
/**
 * Where it is fixed.
 */
go: Go, 
/**
 * The day it became due, when that means something (a note's session day, an
 * expiry, a dosing).
 */
since: string | null, };

export type AttentionGroup = { 
/**
 * The kind.
 */
concern: Concern, 
/**
 * Its items.
 */
items: Array<AttentionItem>, };

export type Dashboard = { 
/**
 * The practice's time zone ("America/Phoenix"; empty: this computer's).
 */
zone: string, 
/**
 * Today, in the practice's zone.
 */
today: string, 
/**
 * Monday of this week.
 */
week_from: string, 
/**
 * Today's sessions.
 */
today_sessions: Array<ListedSession>, 
/**
 * This week's sessions (Monday to Sunday), today's included.
 */
week_sessions: Array<ListedSession>, 
/**
 * What needs attention, safety first.
 */
attention: Array<AttentionGroup>, 
/**
 * Where backups stand.
 */
backup: BackupState, };
