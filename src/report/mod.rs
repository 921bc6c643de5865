//! Documents that leave the practice, decided in pure functions over loaded values: what each
//! holds, and for whom. The store loads and records; `pdf` prints.

pub mod record;
pub mod redact;
pub mod session;
