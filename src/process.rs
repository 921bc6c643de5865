//! The process that holds her decrypted records: it never leaves a core dump behind.

/// Turns core dumps off for this process (and keeps other processes of the same user from
/// attaching to read its memory): a crash must not write decrypted records to disk. Called
/// first thing by the command line and the window.
///
/// # Errors
/// The operating system's refusal, which the caller logs: the process goes on (it is no less
/// safe than before the call).
pub fn forbid_core_dumps() -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{
            set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit,
        };
        setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        )?;
        set_dumpable_behavior(DumpableBehavior::NotDumpable)?;
    }
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn no_core_dump_is_possible_afterwards() {
        super::forbid_core_dumps().unwrap();
        let core = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!(
            (core.current, core.maximum),
            (Some(0), Some(0)),
            "a crash writes no core file"
        );
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable,
            "and the process is not dumpable (nor readable through ptrace)"
        );
    }
}
