//! Plain types of the domain. They cross to the user interface as JSON; their TypeScript
//! twins in `ui/src/lib/bindings.ts` are generated from them (see [`crate::bindings`]).

mod billing;
mod clients;
mod measures;
mod plans;
mod practice;
mod releases;
mod sessions;

pub use billing::{
    Application, BillingChoice, CodeFee, CodedLine, FeeSchedule, IssuedEstimate, IssuedSuperbill,
    KindFee, MissedFees, Package, PackagePart, PackagePurchase, Payment, PaymentMethod,
};
pub use clients::{
    Clearance, ClearanceSetting, Consent, ConsentKind, Diagnosis, DvResult, DvScreen, Partner,
    Person, Screening, Structure, Unit, UnitStatus,
};
pub use measures::{Instrument, Measure};
pub use plans::{
    Comparison, Goal, Intervention, InterventionKind, Objective, Target, TreatmentPlan,
};
pub use practice::{
    DateStyle, FieldProblem, PracticeProfile, ScheduleSettings, Settings, Temperature, VaultStatus,
    VitalRanges, Weekday,
};
pub use releases::{Covered, Disclosure, Recipient, RecipientRole, Release, ReleaseState};
pub use sessions::{
    Addendum, AdverseEvent, CalledOff, CancelledBy, ClockEvent, ClockEventKind, DischargeCheck,
    Dose, DosingMode, GateOverride, GivenWhere, Note, Reflection, Route, Session, SessionKind,
    SessionStatus, Setting, Vitals,
};
