-- Releases of information as records: the recipients she works with, each client's releases
-- to them (kept when revoked), and the accounting of every disclosure made under them.
CREATE TABLE recipients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT,
    organisation TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT ''
);

CREATE TABLE releases (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    recipient_id TEXT NOT NULL REFERENCES recipients(id),
    covers TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    revoked_on TEXT
);
CREATE INDEX releases_by_person ON releases(person_id);

CREATE TABLE disclosures (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    recipient_id TEXT NOT NULL REFERENCES recipients(id),
    release_id TEXT NOT NULL REFERENCES releases(id),
    disclosed_at TEXT NOT NULL,
    what TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    session_id TEXT REFERENCES sessions(id)
);
CREATE INDEX disclosures_by_person ON disclosures(person_id, disclosed_at);
