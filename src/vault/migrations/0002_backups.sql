-- Backups. The manifest describes the snapshot it travels in: a backup writes its one row
-- inside the transaction that takes the snapshot and then rolls back, so in the vault itself
-- the table stays empty.
CREATE TABLE backup_manifest (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    format          TEXT NOT NULL,
    app_version     TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    counts          TEXT NOT NULL
) STRICT;

-- Where and how automatic backups go (they travel with the vault, like every setting).
ALTER TABLE settings ADD COLUMN backup_dir TEXT;
ALTER TABLE settings ADD COLUMN keep_daily INTEGER NOT NULL DEFAULT 7 CHECK (keep_daily BETWEEN 1 AND 365);
ALTER TABLE settings ADD COLUMN keep_weekly INTEGER NOT NULL DEFAULT 4 CHECK (keep_weekly BETWEEN 0 AND 520);
ALTER TABLE settings ADD COLUMN keep_monthly INTEGER NOT NULL DEFAULT 12 CHECK (keep_monthly BETWEEN 0 AND 600);
-- The public half of the recovery key (age1…): automatic backups are encrypted to it, since
-- the app does not keep the passphrase. The secret half is shown once and never stored.
ALTER TABLE settings ADD COLUMN recovery_recipient TEXT;
ALTER TABLE settings ADD COLUMN last_backup_at TEXT;
