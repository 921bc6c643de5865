-- The practice profile: one row, the facts a superbill needs about the provider.
-- Empty text means "not filled in yet"; the superbill refuses to issue without what it needs.
CREATE TABLE practice (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    provider_name    TEXT NOT NULL DEFAULT '',
    credentials      TEXT NOT NULL DEFAULT '',
    npi              TEXT NOT NULL DEFAULT '',
    ein              TEXT NOT NULL DEFAULT '',
    license_number   TEXT NOT NULL DEFAULT '',
    license_state    TEXT NOT NULL DEFAULT '',
    taxonomy_code    TEXT NOT NULL DEFAULT '',
    address_line1    TEXT NOT NULL DEFAULT '',
    address_line2    TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL DEFAULT '',
    postal_code      TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO practice (id) VALUES (1);

-- Preferences of this vault (they travel with its backups).
CREATE TABLE settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    auto_lock_minutes  INTEGER NOT NULL DEFAULT 10 CHECK (auto_lock_minutes BETWEEN 1 AND 240)
) STRICT;
INSERT INTO settings (id) VALUES (1);

-- What changed and when. Append-only (the triggers refuse updates and deletes) and
-- hash-chained: each row's hash covers the previous row's hash, so removing or editing a row
-- through other means breaks the chain, which `attune check` verifies. It names what changed
-- (fields, record kinds and ids), never values: no note body, no secret.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
