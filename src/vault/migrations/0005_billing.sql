-- Billing: the fee schedule, packages and their purchases, payments and where they went,
-- the therapist's changes to a session's codes, and issued superbills. Money is INTEGER
-- cents; dates are ISO text ("2026-03-04").

-- Fees per CPT code and per kind of session; whether to suggest 0820T.
CREATE TABLE code_fees (
    code   TEXT PRIMARY KEY CHECK (length(code) = 5),
    cents  INTEGER NOT NULL CHECK (cents >= 0)
) STRICT;
CREATE TABLE kind_fees (
    kind   TEXT PRIMARY KEY,
    cents  INTEGER NOT NULL CHECK (cents >= 0)
) STRICT;
ALTER TABLE settings ADD COLUMN offer_0820t INTEGER NOT NULL DEFAULT 0 CHECK (offer_0820t IN (0, 1));

CREATE TABLE packages (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL CHECK (trim(name) <> ''),
    kind      TEXT NOT NULL,
    sessions  INTEGER NOT NULL CHECK (sessions BETWEEN 1 AND 100),
    cents     INTEGER NOT NULL CHECK (cents >= 0)
) STRICT;

CREATE TABLE package_purchases (
    id          TEXT PRIMARY KEY,
    package_id  TEXT NOT NULL REFERENCES packages (id),
    unit_id     TEXT REFERENCES units (id),
    person_id   TEXT REFERENCES persons (id),
    bought_on   TEXT NOT NULL CHECK (bought_on LIKE '____-__-__'),
    CHECK ((unit_id IS NULL) <> (person_id IS NULL))
) STRICT;

CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    received_on  TEXT NOT NULL CHECK (received_on LIKE '____-__-__'),
    cents        INTEGER NOT NULL CHECK (cents > 0),
    method       TEXT NOT NULL CHECK (method IN ('card', 'cash', 'check', 'hsa_fsa')),
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payments_by_person ON payments (person_id, received_on);

CREATE TABLE payment_applications (
    payment_id  TEXT NOT NULL REFERENCES payments (id),
    session_id  TEXT NOT NULL REFERENCES sessions (id),
    cents       INTEGER NOT NULL CHECK (cents > 0),
    PRIMARY KEY (payment_id, session_id)
) STRICT;
CREATE INDEX applications_by_session ON payment_applications (session_id);

-- Her change to a session's codes (or its identified patient), with why.
CREATE TABLE session_billing (
    session_id              TEXT PRIMARY KEY REFERENCES sessions (id),
    identified_patient      TEXT REFERENCES persons (id),
    interactive_complexity  INTEGER NOT NULL DEFAULT 0 CHECK (interactive_complexity IN (0, 1)),
    lines                   TEXT,
    why                     TEXT NOT NULL DEFAULT ''
) STRICT;

-- Issued superbills: numbered in order, never changed or removed; a correction is a new one
-- naming the one it replaces. `content` is the superbill exactly as printed (JSON).
CREATE TABLE superbills (
    number     INTEGER PRIMARY KEY CHECK (number >= 1),
    person_id  TEXT NOT NULL REFERENCES persons (id),
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    replaces   INTEGER REFERENCES superbills (number),
    content    TEXT NOT NULL
) STRICT;
CREATE INDEX superbills_by_person ON superbills (person_id, from_date, to_date);
CREATE TRIGGER superbills_are_issued_u BEFORE UPDATE ON superbills
BEGIN SELECT RAISE(ABORT, 'an issued superbill cannot change'); END;
CREATE TRIGGER superbills_are_issued_d BEFORE DELETE ON superbills
BEGIN SELECT RAISE(ABORT, 'an issued superbill cannot be removed'); END;
