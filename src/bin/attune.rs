//! `attune`: the command line, the headless twin of the app.
//!
//! Exit codes: 0 ok, 1 other failure, 2 usage, 3 wrong passphrase, 4 vault missing, damaged
//! or written by a newer Attune.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attune::backup::{self, automatic, Protection, Staged, Unlocker};
use attune::document;
use attune::files::Existing;
use attune::pdf;
use attune::store::billing;
use attune::store::reports::ReportRequest;
use attune::typed;
use attune::vault::{self, SecretString, Vault};
use attune::Error;
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand};
use zeroize::Zeroizing;

/// Writes a line to standard output. When whatever reads it has gone (`attune export | head
/// -c1`), the command stops quietly ([`Failure::Quiet`]): a closed pipe is not a failure of
/// hers, and must not become a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        say(format_args!($($arg)*))?
    };
}

fn say(line: std::fmt::Arguments<'_>) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::Quiet,
            _ => Failure::Unfinished(format!("Attune could not write its output: {e}.")),
        })
}

/// Attune: an offline, encrypted chart for ketamine-assisted couples therapy.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The vault folder (default: the one the app uses).
    #[arg(long, global = true, value_name = "DIR")]
    vault: Option<PathBuf>,

    /// Read the passphrase from the first line of this file (instead of ATTUNE_PASSPHRASE or
    /// a prompt).
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty vault.
    Init,
    /// Unlock the vault and check it: page integrity, encryption, audit log, row counts.
    Check,
    /// Change the vault's passphrase (the new one from ATTUNE_NEW_PASSPHRASE or a prompt).
    Passwd,
    /// Write an encrypted backup: to the passphrase, or to age recipients. Any `age` tool
    /// opens it; inside is a plain SQLite database.
    Backup {
        /// The backup file to write (an existing file is never overwritten).
        #[arg(long, value_name = "FILE.age")]
        out: PathBuf,
        /// Encrypt to this age recipient (age1…) instead of the passphrase; repeatable.
        #[arg(long = "recipient", value_name = "AGE1…")]
        recipients: Vec<String>,
        /// Write ASCII-armored text instead of binary.
        #[arg(long)]
        armor: bool,
    },
    /// Restore a backup into a new vault at --vault DIR. The passphrase opens the backup
    /// (unless --identity is given) and protects the restored vault.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Open the backup with this age identity file (the recovery key) instead.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// Replace the vault already in DIR; it is moved aside, not deleted.
        #[arg(long)]
        replace: bool,
    },
    /// Show the automatic backups and their state; optionally set where they go.
    Backups {
        /// Make automatic backups into this folder from now on.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Create a new recovery key: printed once, it opens every automatic backup.
    RecoveryKey,
    /// Create a new vault holding a believable demo practice (no real client in it).
    Demo,
    /// Write the whole vault as an open JSON document (see assets/attune-export.schema.json).
    /// The file is not encrypted: keep it safe.
    Export {
        /// The file to write (default: standard output). An existing file is not replaced.
        #[arg(long, value_name = "FILE.json")]
        out: Option<PathBuf>,
    },
    /// The sessions booked from one day to another (both included, in the practice's time
    /// zone), as JSON or as an iCalendar file she imports into her own calendar. Titles show
    /// the partners' initials unless told otherwise; nothing clinical is included.
    Agenda {
        /// The first day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_from)]
        from: NaiveDate,
        /// The last day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_to)]
        to: NaiveDate,
        /// JSON (the default) or iCalendar.
        #[arg(long, value_parser = ["json", "ics"], default_value = "json")]
        format: String,
        /// What a title shows: initials (the default), the kind of session, or names.
        #[arg(long, value_parser = ["initials", "kind", "names"], default_value = "initials")]
        titles: String,
    },
    /// Import a JSON document, all or nothing: records with ids already in the vault are
    /// updated, others added.
    Import {
        /// The document.
        file: PathBuf,
    },
    /// Issue a person's superbill for a range of dates and write it as a PDF; or, with
    /// `--format json`, print its lines without issuing it.
    Superbill {
        /// The person (the identified patient), by id.
        #[arg(long, alias = "client", value_name = "ID")]
        person: String,
        /// First date of service (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_from)]
        from: NaiveDate,
        /// Last date of service (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_to)]
        to: NaiveDate,
        /// The PDF to write (never over an existing file).
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "format")]
        out: Option<PathBuf>,
        /// `json`: print the superbill's lines (code, modifiers, POS, units, fee, paid,
        /// diagnosis pointers, reason) instead.
        #[arg(long, value_parser = ["json"])]
        format: Option<String>,
    },
    /// List a person's releases of information (with their state today) and the accounting
    /// of disclosures made under them.
    Releases {
        /// The person, by id.
        #[arg(long, value_name = "ID")]
        person: String,
    },
    /// Issue a session report to a recipient as a PDF, naming the partners whose current
    /// release to that recipient covers session reports; the disclosure is recorded.
    Report {
        /// The session, by id.
        #[arg(long, value_name = "ID")]
        session: String,
        /// The recipient, by id (see `attune releases`).
        #[arg(long, value_name = "ID")]
        recipient: String,
        /// A partner the report must name (repeat for each); default: every covered partner.
        #[arg(long = "person", value_name = "ID")]
        persons: Vec<String>,
        /// The PDF to write (never over an existing file).
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Issue a Good Faith Estimate for a relationship or one person as a PDF: the expected
    /// sessions of the program arc not yet held, priced by the package and the fee schedule.
    #[command(group(clap::ArgGroup::new("whom").required(true).args(["person", "unit"])))]
    Estimate {
        /// For one person (individual work), by id.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// For a relationship, by id.
        #[arg(long, value_name = "ID")]
        unit: Option<String>,
        /// First day of the care it covers (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_first_day)]
        from: Option<NaiveDate>,
        /// Last day (default: 12 weeks on; at most 12 months).
        #[arg(long, value_name = "DATE", value_parser = parse_last_day)]
        until: Option<NaiveDate>,
        /// The package planned, by id (default: the last one they bought).
        #[arg(long, value_name = "ID")]
        package: Option<String>,
        /// How many dosings (default: the package's sessions, else one).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=12))]
        dosings: Option<u32>,
        /// The PDF to write (never over an existing file).
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Write the current (latest signed) treatment plan of a relationship or person as a PDF.
    #[command(group(clap::ArgGroup::new("whose").required(true).args(["person", "unit"])))]
    Plan {
        /// One person's plan, by id.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// A relationship's plan, by id.
        #[arg(long, value_name = "ID")]
        unit: Option<String>,
        /// The PDF to write (never over an existing file).
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Write a client's own record as a PDF (the right of access): their details, diagnoses,
    /// sessions with dates and codes, signed notes, reflections and measures; other partners
    /// appear only as "partner".
    Record {
        /// The person, by id.
        #[arg(long, value_name = "ID")]
        person: String,
        /// The PDF to write (never over an existing file).
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Issue the superbills of a month for every client with a billed session, and receipts
    /// for clients without a diagnosis, as PDFs in a folder.
    Superbills {
        /// The month (YYYY-MM).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: (i32, u32),
        /// The folder to write them into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

// Clap hands a value parser no field name: the two dates it reads are the superbill's range.
fn parse_from(text: &str) -> Result<NaiveDate, String> {
    typed::required_date("from", text).map_err(|e| e.to_string())
}

fn parse_to(text: &str) -> Result<NaiveDate, String> {
    typed::required_date("to", text).map_err(|e| e.to_string())
}

fn parse_first_day(text: &str) -> Result<NaiveDate, String> {
    typed::required_date("from", text).map_err(|e| e.to_string())
}

fn parse_last_day(text: &str) -> Result<NaiveDate, String> {
    typed::required_date("until", text).map_err(|e| e.to_string())
}

fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let bad = || format!("{text:?} is not a month: write it as YYYY-MM (for example 2026-03)");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if y < 1900 || !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok((y, m))
}

fn main() -> ExitCode {
    if let Err(e) = attune::process::forbid_core_dumps() {
        eprintln!("attune: core dumps could not be turned off ({e}); going on.");
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) | Err(Failure::Quiet) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("attune: {}", failure.message());
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Why the command failed.
enum Failure {
    /// Whatever read the output has gone: stop, say nothing, exit 0.
    Quiet,
    Core(Error),
    Usage(String),
    Unhealthy(String),
    Unfinished(String),
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Quiet => String::new(),
            Failure::Core(e) => e.to_string(),
            Failure::Usage(m) | Failure::Unhealthy(m) | Failure::Unfinished(m) => m.clone(),
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            Failure::Core(Error::WrongPassphrase | Error::BackupWrongKey) => 3,
            Failure::Core(
                Error::VaultMissing(_)
                | Error::VaultCorrupt { .. }
                | Error::VaultTooNew { .. }
                | Error::BackupUnusable { .. }
                | Error::BackupTooNew { .. },
            )
            | Failure::Unhealthy(_) => 4,
            Failure::Usage(_) => 2,
            Failure::Quiet => 0,
            Failure::Core(_) | Failure::Unfinished(_) => 1,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

/// Settles what an interrupted restore or passphrase change left (saying what was done), runs
/// the command, and names the vault in a damage report, whichever command found it.
fn run(mut cli: Cli) -> Result<(), Failure> {
    let dir = match cli.vault.take() {
        Some(dir) => dir,
        None => vault::default_dir()?,
    };
    for line in vault::recover(&dir)? {
        eprintln!("attune: {line}");
    }
    run_in(cli, dir.clone()).map_err(|failure| match failure {
        Failure::Core(e) => Failure::Core(e.in_vault(&dir)),
        other => other,
    })
}

fn run_in(cli: Cli, dir: PathBuf) -> Result<(), Failure> {
    let passphrase = || passphrase(cli.passphrase_file.as_deref(), "Passphrase: ");
    let makes_a_vault = matches!(
        cli.command,
        Command::Init | Command::Restore { .. } | Command::Demo
    );
    if !makes_a_vault && !vault::exists(&dir) {
        // Before asking for a passphrase that could not help.
        return Err(Error::VaultMissing(dir).into());
    }
    match cli.command {
        Command::Init => {
            if vault::exists(&dir) {
                return Err(Error::VaultExists(dir).into());
            }
            let pass = passphrase()?;
            if cli.passphrase_file.is_none() && std::env::var_os("ATTUNE_PASSPHRASE").is_none() {
                let again = prompt("Passphrase again: ")?;
                if again.expose_secret() != pass.expose_secret() {
                    return Err(Failure::Usage(
                        "The two passphrases differ; nothing was created.".into(),
                    ));
                }
            }
            Vault::create(&dir, &pass)?.lock()?;
            say!("Created a new vault in {}.", dir.display());
        }
        Command::Check => {
            let vault = Vault::unlock(&dir, &passphrase()?)?;
            let report = vault.check()?;
            vault.lock()?;
            say!("Vault: {}", dir.display());
            say!("SQLCipher: {}", report.cipher_version);
            say!(
                "Schema version: {} (this Attune knows up to {})",
                report.schema_version,
                report.supported_version
            );
            say!("Integrity: {}", report.integrity.join("; "));
            say!(
                "Encryption: {}",
                if report.cipher_problems.is_empty() {
                    "every page authenticates".to_owned()
                } else {
                    report.cipher_problems.join("; ")
                }
            );
            say!(
                "Audit log: {} entries, {}",
                report.audit.entries,
                match report.audit.first_broken {
                    None => "chain intact".to_owned(),
                    Some(seq) => format!("chain BROKEN at entry {seq}"),
                }
            );
            say!("Rows:");
            for count in &report.row_counts {
                say!("  {:<24} {}", count.table, count.rows);
            }
            if !report.is_healthy() {
                return Err(Failure::Unhealthy(
                    "The vault failed its check (see above). Restore it from a backup.".into(),
                ));
            }
        }
        Command::Passwd => {
            let current = passphrase()?;
            let vault = Vault::unlock(&dir, &current)?;
            let new = match std::env::var("ATTUNE_NEW_PASSPHRASE") {
                Ok(p) => SecretString::from(p),
                Err(_) => {
                    let new = prompt("New passphrase: ")?;
                    let again = prompt("New passphrase again: ")?;
                    if again.expose_secret() != new.expose_secret() {
                        return Err(Failure::Usage(
                            "The two new passphrases differ; the passphrase was not changed."
                                .into(),
                        ));
                    }
                    new
                }
            };
            vault.change_passphrase(&current, &new)?;
            vault.lock()?;
            say!("The passphrase is changed.");
        }
        Command::Backup {
            out,
            recipients,
            armor,
        } => {
            let pass = passphrase()?;
            let mut vault = Vault::unlock(&dir, &pass)?;
            let protection = if recipients.is_empty() {
                Protection::Passphrase(pass)
            } else {
                Protection::Recipients(
                    recipients
                        .iter()
                        .map(|r| backup::parse_recipient(r))
                        .collect::<Result<_, _>>()?,
                )
            };
            let unfinished = attune::files::partial_path(&out);
            if unfinished.exists() {
                eprintln!(
                    "attune: an earlier backup to {} was interrupted; its unfinished file {} is replaced.",
                    out.display(),
                    unfinished.display()
                );
            }
            let staged = Staged::write(&mut vault, &out, &protection, armor, &mut |_, _| {})?;
            let (bytes, manifest) = (staged.bytes(), staged.manifest().clone());
            staged.commit()?;
            automatic::record_manual(&mut vault, Utc::now())?;
            vault.lock()?;
            say!(
                "Backed up {} to {} (schema {}; {}).",
                size(bytes),
                out.display(),
                manifest.schema_version,
                manifest.counts
            );
        }
        Command::Restore {
            file,
            identity,
            replace,
        } => {
            let pass = passphrase()?;
            let unlocker = match identity {
                Some(path) => backup::read_identity_file(&path)?,
                None => Unlocker::Passphrase(pass.clone()),
            };
            let restored = backup::restore(&file, &unlocker, &dir, &pass, replace)?;
            restored.vault.lock()?;
            say!(
                "Restored the backup of {} into {}.",
                restored.manifest.created_at,
                dir.display()
            );
            if let Some(previous) = restored.previous {
                say!(
                    "The vault that was there is kept in {}; remove it once you have checked the restored one.",
                    previous.display()
                );
            }
        }
        Command::Backups { folder } => {
            let mut vault = Vault::unlock(&dir, &passphrase()?)?;
            if let Some(folder) = folder {
                let mut settings = automatic::settings(&vault)?;
                settings.dir = Some(folder.to_string_lossy().into_owned());
                automatic::save_settings(&mut vault, &settings)?;
            }
            let state = automatic::state(&vault, Utc::now())?;
            vault.lock()?;
            say!("{}", state.summary);
            if state.stale {
                say!(
                    "Warning: no backup in the last {} days.",
                    automatic::STALE_AFTER_DAYS
                );
            }
            if let Some(folder) = &state.settings.dir {
                let p = state.settings.policy;
                say!(
                    "Folder: {folder} (keeping {} daily, {} weekly, {} monthly)",
                    p.daily,
                    p.weekly,
                    p.monthly
                );
                for file in automatic::list(Path::new(folder))? {
                    say!(
                        "  {}  {:>10}  {}",
                        file.taken_at,
                        size(file.bytes),
                        file.name
                    );
                }
            }
        }
        Command::Demo => {
            if vault::exists(&dir) {
                return Err(Error::VaultExists(dir).into());
            }
            let mut vault = Vault::create(&dir, &passphrase()?)?;
            attune::demo::populate(&mut vault, attune::demo::today(Utc::now()))?;
            vault.lock()?;
            say!("Created a demo practice in {}.", dir.display());
        }
        Command::Export { out } => {
            let vault = Vault::unlock(&dir, &passphrase()?)?;
            export(&vault, out.as_deref())?;
            vault.lock()?;
        }
        Command::Agenda {
            from,
            to,
            format,
            titles,
        } => {
            let vault = Vault::unlock(&dir, &passphrase()?)?;
            let titles = titles.parse().map_err(Failure::Usage)?;
            let entries = attune::store::calendar::entries_between(&vault, from, to, titles)?;
            vault.lock()?;
            if format == "ics" {
                let text = attune::calendar::ics(&entries, Utc::now());
                // say! ends the last line with its LF, after the CR left here: CRLF throughout.
                say!("{}", text.strip_suffix('\n').unwrap_or(&text));
            } else {
                let json = serde_json::to_string_pretty(&entries)
                    .map_err(|e| Failure::Unhealthy(e.to_string()))?;
                say!("{json}");
            }
        }
        Command::Import { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Usage(format!("Cannot read {}: {e}.", file.display())))?;
            let doc = document::parse(&bytes)?;
            let mut vault = Vault::unlock(&dir, &passphrase()?)?;
            let today = attune::store::practice::today(&vault, Utc::now())?;
            let report = document::import(&mut vault, &doc, today)?;
            vault.lock()?;
            say!(
                "Imported {}: {} added, {} updated.",
                file.display(),
                report.added,
                report.updated
            );
        }
        Command::Superbill {
            person,
            from,
            to,
            out,
            format,
        } => {
            let mut vault = Vault::unlock(&dir, &passphrase()?)?;
            if format.is_some() {
                let bill = billing::preview_superbill(&vault, &person, from, to)?;
                vault.lock()?;
                let json = serde_json::to_string_pretty(&bill)
                    .map_err(|e| Failure::Unhealthy(e.to_string()))?;
                say!("{json}");
                return Ok(());
            }
            let out = out.ok_or_else(|| {
                Failure::Usage("Say where to write the PDF with --out FILE.pdf.".into())
            })?;
            if out.exists() {
                return Err(Failure::Usage(format!(
                    "{} already exists; Attune does not overwrite a file.",
                    out.display()
                )));
            }
            let issued = billing::issue_superbill(&mut vault, &person, from, to, Utc::now())?;
            let logo = attune::store::practice::logo(&vault)?;
            vault.lock()?;
            pdf::write_pdf(
                &out,
                &pdf::superbill_pdf(&issued, logo.as_deref())?,
                Existing::Refuse,
            )?;
            let replaces = issued
                .replaces
                .map(|n| format!(", replacing No. {n}"))
                .unwrap_or_default();
            say!(
                "Superbill No. {}{replaces}: {} line(s), {} charged, {} paid. Written to {}.",
                issued.number,
                issued.superbill.lines.len(),
                issued.superbill.total_fees,
                issued.superbill.total_paid,
                out.display()
            );
            print_warnings(&issued.superbill)?;
        }
        Command::Superbills {
            month: (year, month),
            out,
        } => {
            std::fs::create_dir_all(&out)
                .map_err(|e| Failure::Usage(format!("Cannot create {}: {e}.", out.display())))?;
            let mut vault = Vault::unlock(&dir, &passphrase()?)?;
            let batch = billing::issue_month(&mut vault, year, month, Utc::now())?;
            let logo = attune::store::practice::logo(&vault)?;
            vault.lock()?;
            for issued in &batch.superbills {
                let name = format!(
                    "superbill-{:04}-{year}-{month:02}-{}.pdf",
                    issued.number,
                    file_safe(&issued.superbill.client.legal_name)
                );
                write_if_new(
                    &out.join(name),
                    &pdf::superbill_pdf(issued, logo.as_deref())?,
                )?;
            }
            for receipt in &batch.receipts {
                let name = format!(
                    "receipt-{year}-{month:02}-{}.pdf",
                    file_safe(&receipt.client_name)
                );
                write_if_new(
                    &out.join(name),
                    &pdf::receipt_pdf(receipt, logo.as_deref())?,
                )?;
            }
            say!(
                "{year}-{month:02}: {} superbill(s) and {} receipt(s) in {}.",
                batch.superbills.len(),
                batch.receipts.len(),
                out.display()
            );
            for issued in &batch.superbills {
                if !issued.superbill.warnings.is_empty() {
                    say!(
                        "No. {} for {}:",
                        issued.number,
                        issued.superbill.client.legal_name
                    );
                    print_warnings(&issued.superbill)?;
                }
            }
            if !batch.refused.is_empty() {
                for (who, why) in &batch.refused {
                    eprintln!("attune: no superbill for {who}: {why}");
                }
                return Err(Failure::Unfinished(format!(
                    "{} superbill(s) could not be issued; the others were written.",
                    batch.refused.len()
                )));
            }
        }
        Command::Releases { person } => releases(&dir, &person, &passphrase)?,
        Command::Estimate {
            person,
            unit,
            from,
            until,
            package,
            dosings,
            out,
        } => {
            let request = billing::EstimateRequest {
                for_whom: owner(unit, person),
                from,
                until,
                package_id: package,
                dosings,
            };
            estimate(&dir, &request, &out, &passphrase)?;
        }
        Command::Plan { person, unit, out } => {
            let owner = owner(unit, person);
            let vault = Vault::unlock(&dir, &passphrase()?)?;
            let today = attune::store::practice::today(&vault, Utc::now())?;
            let (version, bytes) = attune::store::plans::current_plan_pdf(&vault, &owner, today)?;
            vault.lock()?;
            pdf::write_pdf(&out, &bytes, Existing::Refuse)?;
            say!(
                "Treatment plan version {version} written to {}.",
                out.display()
            );
        }
        Command::Record { person, out } => {
            let vault = Vault::unlock(&dir, &passphrase()?)?;
            let record = attune::store::reports::client_record(&vault, &person, Utc::now())?;
            let logo = attune::store::practice::logo(&vault)?;
            vault.lock()?;
            pdf::write_pdf(
                &out,
                &pdf::record_pdf(&record, logo.as_deref())?,
                Existing::Refuse,
            )?;
            say!(
                "The record of {} ({} sessions) written to {}.",
                record.name,
                record.sessions.len(),
                out.display()
            );
        }
        Command::Report {
            session,
            recipient,
            persons,
            out,
        } => {
            let request = ReportRequest {
                session_id: session,
                recipient_id: recipient,
                persons,
            };
            report(&dir, &request, &out, &passphrase)?;
        }
        Command::RecoveryKey => {
            let mut vault = Vault::unlock(&dir, &passphrase()?)?;
            let key = automatic::set_up_recovery(&mut vault)?;
            vault.lock()?;
            say!("Your recovery key (write it down or print it; it is not stored anywhere):");
            say!("");
            say!("{}", key.expose());
            say!("");
            say!("It opens every automatic backup: age -d -i FILE backup.age, or attune restore --identity FILE.");
        }
    }
    Ok(())
}

/// The passphrase, asked for when the vault is opened.
type Secret = Result<SecretString, Failure>;

/// `attune releases`: each release with its state, then each disclosure, newest first.
fn releases(dir: &Path, person: &str, secret: &dyn Fn() -> Secret) -> Result<(), Failure> {
    let vault = Vault::unlock(dir, &secret()?)?;
    let today = attune::store::practice::today(&vault, Utc::now())?;
    let name = attune::store::clients::person(&vault, person)?.legal_name;
    let rows = attune::store::releases::person_releases(&vault, person, today)?;
    let recipients = attune::store::releases::recipients(&vault)?;
    vault.lock()?;
    say!("Releases of information for {name}:");
    if rows.releases.is_empty() {
        say!("  none on file");
    }
    for r in &rows.releases {
        let covers: Vec<&str> = r.release.covers.iter().map(|c| c.label()).collect();
        say!(
            "  {} to {} ({}; recipient {}): {}, {} to {}",
            r.release.id,
            r.recipient_name,
            r.recipient_role,
            r.release.recipient_id,
            covers.join(", "),
            r.release.valid_from,
            r.release.valid_until
        );
        say!("    {}", release_state_words(r));
    }
    say!("Disclosures:");
    if rows.disclosures.is_empty() {
        say!("  none");
    }
    for d in &rows.disclosures {
        say!(
            "  {} to {}: {} (release {})",
            d.disclosure.disclosed_at.format("%Y-%m-%d %H:%M UTC"),
            d.recipient_name,
            d.disclosure.what,
            d.disclosure.release_id
        );
    }
    if rows.releases.is_empty() && !recipients.is_empty() {
        say!("Recipients on file:");
        for r in &recipients {
            say!("  {} {}", r.id, r.name);
        }
    }
    Ok(())
}

fn release_state_words(r: &attune::store::releases::ReleaseRow) -> String {
    use attune::model::ReleaseState;
    match r.state {
        ReleaseState::Current => "current".to_owned(),
        ReleaseState::Expiring => format!("current, expiring on {}", r.release.valid_until),
        ReleaseState::Expired => format!("expired on {}", r.release.valid_until),
        ReleaseState::NotYet => format!("in force from {}", r.release.valid_from),
        ReleaseState::Revoked => format!(
            "revoked on {}",
            r.release.revoked_on.unwrap_or(r.release.valid_from)
        ),
    }
}

/// `attune report`: refused with the sentence (and no file, no disclosure) unless every
/// partner it names is covered.
fn report(
    dir: &Path,
    request: &ReportRequest,
    out: &Path,
    secret: &dyn Fn() -> Secret,
) -> Result<(), Failure> {
    if out.exists() {
        return Err(Failure::Usage(format!(
            "{} already exists; Attune does not overwrite a file.",
            out.display()
        )));
    }
    let mut vault = Vault::unlock(dir, &secret()?)?;
    let issued =
        attune::store::reports::issue_session_report(&mut vault, request, Utc::now(), |bytes| {
            pdf::write_pdf(out, bytes, Existing::Refuse)
        })?;
    vault.lock()?;
    let names: Vec<&str> = issued
        .report
        .partners
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    say!(
        "Session report for {} written to {}; the disclosure is recorded in {} chart{}.",
        names.join(" and "),
        out.display(),
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// Whose record a command names: a relationship (`--unit`) or one person (`--person`); clap
/// requires one of them.
fn owner(unit: Option<String>, person: Option<String>) -> attune::store::Owner {
    match (unit, person) {
        (Some(unit), _) => attune::store::Owner::Unit(unit),
        (None, person) => attune::store::Owner::Person(person.unwrap_or_default()),
    }
}

/// `attune estimate`: drafted, issued and written; refused with the sentence (and no file, no
/// number) when it cannot be.
fn estimate(
    dir: &Path,
    request: &billing::EstimateRequest,
    out: &Path,
    secret: &dyn Fn() -> Secret,
) -> Result<(), Failure> {
    if out.exists() {
        return Err(Failure::Usage(format!(
            "{} already exists; Attune does not overwrite a file.",
            out.display()
        )));
    }
    let mut vault = Vault::unlock(dir, &secret()?)?;
    let now = Utc::now();
    let draft = billing::draft_estimate(&vault, request, now)?;
    let issued = billing::issue_estimate(&mut vault, &draft, now, |bytes| {
        pdf::write_pdf(out, bytes, Existing::Refuse)
    })?;
    vault.lock()?;
    let e = &issued.estimate;
    say!(
        "Good Faith Estimate No. {} for {}: {} for {} to {}, written to {}.",
        issued.number,
        e.for_name,
        e.total,
        e.from,
        e.until,
        out.display()
    );
    for l in &e.lines {
        say!(
            "  {} {} x{} at {} = {}",
            l.code.as_deref().unwrap_or("-"),
            l.service,
            l.quantity,
            l.each,
            l.amount
        );
    }
    Ok(())
}

/// Each rule's word on a superbill, one line per session and rule, by date: what a payer
/// may question, and why a session in the dates has no line.
fn print_warnings(bill: &attune::billing::superbill::Superbill) -> Result<(), Failure> {
    for w in &bill.warnings {
        let what = if w.billed { "warning" } else { "no line" };
        say!("  {} {what} [{}]: {}", w.date, w.rule, w.text);
    }
    Ok(())
}

/// A name for a file: letters (any script), digits and dashes.
fn file_safe(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.join("-")
}

/// Writes a file of a batch; one already there from an earlier run of the same month is the
/// same superbill (same number), so it is left as it is.
fn write_if_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path.exists() {
        return Ok(());
    }
    pdf::write_pdf(path, bytes, Existing::Refuse)?;
    Ok(())
}

fn export(vault: &Vault, out: Option<&Path>) -> Result<(), Failure> {
    match out {
        None => say!("{}", document::to_json(&document::export(vault)?)),
        Some(path) => {
            document::export_to_file(vault, path, Existing::Refuse)?;
            eprintln!(
                "Exported the vault to {}. It is not encrypted: keep it somewhere safe.",
                path.display()
            );
        }
    }
    Ok(())
}

/// A size in bytes for people.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b => format!("{:.0} KB", (b as f64 / 1024.0).ceil()),
    }
}

use vault::ExposeSecret;

/// The passphrase from `--passphrase-file`, then `ATTUNE_PASSPHRASE`, then a hidden prompt.
fn passphrase(file: Option<&Path>, label: &str) -> Result<SecretString, Failure> {
    if let Some(path) = file {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!(
                "Cannot read the passphrase file {}: {e}.",
                path.display()
            ))
        })?);
        let line = text.lines().next().unwrap_or("");
        return Ok(SecretString::from(line.to_owned()));
    }
    if let Ok(p) = std::env::var("ATTUNE_PASSPHRASE") {
        return Ok(SecretString::from(p));
    }
    prompt(label)
}

fn prompt(label: &str) -> Result<SecretString, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "No passphrase given: set ATTUNE_PASSPHRASE, use --passphrase-file, or run in a terminal."
                .into(),
        ));
    }
    rpassword::prompt_password(label)
        .map(SecretString::from)
        .map_err(|e| Failure::Usage(format!("Could not read the passphrase: {e}.")))
}
