//! The TypeScript twins of the types that cross to the user interface, generated from the Rust
//! types so they are never written twice. `tests/bindings.rs` fails when
//! `ui/src/lib/bindings.ts` is stale; `ATTUNE_BLESS=1 cargo test --test bindings` rewrites it.

use ts_rs::{Config, TS};

/// Where the generated file lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$(<$ty as TS>::decl($cfg)),*]
    };
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = declarations![&cfg;
        crate::error::ErrorCode,
        crate::error::ErrorReport,
        crate::model::PracticeProfile,
        crate::model::FieldProblem,
        crate::model::Settings,
        crate::model::DateStyle,
        crate::model::Temperature,
        crate::model::VitalRanges,
        crate::vault::passphrase::Strength,
        crate::vault::passphrase::PassphraseAssessment,
        crate::vault::CheckReport,
        crate::vault::TableCount,
        crate::store::audit::ChainReport,
        crate::store::audit::AuditEntry,
        crate::model::VaultStatus,
        crate::about::About,
        crate::backup::Manifest,
        crate::backup::rotation::Policy,
        crate::backup::automatic::BackupSettings,
        crate::backup::automatic::BackupState,
        crate::backup::automatic::BackupFile,
        crate::backup::RestoreReport,
        crate::model::Person,
        crate::model::Structure,
        crate::model::UnitStatus,
        crate::model::Partner,
        crate::model::Unit,
        crate::model::Diagnosis,
        crate::model::Screening,
        crate::model::ClearanceSetting,
        crate::model::Clearance,
        crate::model::ConsentKind,
        crate::model::Consent,
        crate::model::DvResult,
        crate::model::DvScreen,
        crate::rules::safety::Exclusion,
        crate::rules::safety::ScreeningState,
        crate::rules::safety::ClearanceState,
        crate::rules::safety::Alert,
        crate::store::search::Hit,
        crate::icd10::Code,
        crate::store::clients::PartnerChart,
        crate::store::clients::UnitChart,
        crate::document::ImportReport,
        crate::model::SessionKind,
        crate::model::Setting,
        crate::model::SessionStatus,
        crate::model::DosingMode,
        crate::model::GateOverride,
        crate::model::Session,
        crate::model::ClockEventKind,
        crate::model::ClockEvent,
        crate::model::Route,
        crate::model::GivenWhere,
        crate::model::Dose,
        crate::model::Vitals,
        crate::model::AdverseEvent,
        crate::model::DischargeCheck,
        crate::model::Note,
        crate::model::Addendum,
        crate::model::Reflection,
        crate::rules::clock::Phase,
        crate::rules::clock::ClockState,
        crate::rules::gates::GateCheck,
        crate::rules::agenda::Warning,
        crate::rules::vitals::VitalFlag,
        crate::rules::notes::NoteField,
        crate::store::sessions::VitalsRow,
        crate::store::sessions::VitalsDue,
        crate::store::sessions::Attendee,
        crate::store::sessions::SessionView,
        crate::store::sessions::TimelineEntry,
        crate::store::sessions::Timeline,
        crate::store::sessions::ListedSession,
        crate::billing::Cents,
        crate::model::CodeFee,
        crate::model::KindFee,
        crate::model::FeeSchedule,
        crate::model::PackagePart,
        crate::model::Package,
        crate::model::PackagePurchase,
        crate::model::PaymentMethod,
        crate::model::Application,
        crate::model::Payment,
        crate::model::CodedLine,
        crate::model::BillingChoice,
        crate::model::IssuedSuperbill,
        crate::billing::rules::Severity,
        crate::billing::rules::Finding,
        crate::billing::codes::Suggestion,
        crate::billing::fees::ChargeSource,
        crate::billing::fees::Charge,
        crate::billing::superbill::LetteredDiagnosis,
        crate::billing::superbill::Client,
        crate::billing::superbill::SuperbillLine,
        crate::billing::superbill::SuperbillWarning,
        crate::billing::superbill::Superbill,
        crate::store::billing::SessionBilling,
        crate::store::billing::LedgerRow,
        crate::store::billing::Balance,
        crate::store::billing::Ledger,
        crate::store::billing::SuperbillSummary,
        crate::store::billing::ReceiptLine,
        crate::store::billing::Receipt,
        crate::model::Instrument,
        crate::model::Measure,
        crate::measures::Choice,
        crate::measures::Item,
        crate::measures::Band,
        crate::measures::Combine,
        crate::measures::Scale,
        crate::measures::Spec,
        crate::measures::ScaleScore,
        crate::measures::SelfHarm,
        crate::store::measures::Point,
        crate::store::measures::Series,
        crate::store::measures::History,
        crate::rules::attention::Concern,
        crate::store::dashboard::Go,
        crate::store::dashboard::AttentionItem,
        crate::store::dashboard::AttentionGroup,
        crate::store::dashboard::Dashboard,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `attune::bindings`; do not edit.\n\
         // Regenerate: ATTUNE_BLESS=1 cargo test --test bindings\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
