-- Billing that keeps the medicine off the superbill and remembers what she acknowledged.
--
-- A package may state, per session, the psychotherapy share that can appear on a superbill
-- (NULL: the whole share, as before) and name the parts that may not (medicine, medical
-- monitoring, room), each an amount per session.
ALTER TABLE packages ADD COLUMN psychotherapy_cents INTEGER CHECK (psychotherapy_cents >= 0);

CREATE TABLE package_parts (
    package_id  TEXT NOT NULL REFERENCES packages (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    cents       INTEGER NOT NULL CHECK (cents >= 0),
    PRIMARY KEY (package_id, position)
) STRICT;

-- The payer-habit warnings (rule codes, a JSON array) she acknowledged when she chose her
-- own codes for a session; coding rules are never acknowledged, they refuse.
ALTER TABLE session_billing ADD COLUMN acknowledged TEXT NOT NULL DEFAULT '[]';
