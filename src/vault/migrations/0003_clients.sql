-- Clients and their relationships. A relationship unit has two or more partners (couples,
-- triads, polycules); a person may be a partner in several units. Dates are calendar dates
-- (YYYY-MM-DD); ids are random UUIDs so that exported documents merge by id.
CREATE TABLE persons (
    id                   TEXT PRIMARY KEY,
    legal_name           TEXT NOT NULL CHECK (length(trim(legal_name)) > 0),
    preferred_name       TEXT NOT NULL DEFAULT '',
    pronouns             TEXT NOT NULL DEFAULT '',
    date_of_birth        TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    address              TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    email                TEXT NOT NULL DEFAULT '',
    state_of_residence   TEXT NOT NULL DEFAULT '',
    emergency_contact    TEXT NOT NULL DEFAULT '',
    insurance_payer      TEXT NOT NULL DEFAULT '',
    insurance_member_id  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    structure   TEXT NOT NULL CHECK (structure IN ('couple', 'triad', 'polycule', 'other')),
    status      TEXT NOT NULL CHECK (status IN ('intake', 'active', 'paused', 'closed')),
    start_date  TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    goals       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE memberships (
    unit_id           TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    person_id         TEXT NOT NULL REFERENCES persons (id),
    position          INTEGER NOT NULL,
    attachment_notes  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_id, person_id)
) STRICT;
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE diagnoses (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    diagnosed_on  TEXT NOT NULL CHECK (date(diagnosed_on) = diagnosed_on),
    is_primary    INTEGER NOT NULL CHECK (is_primary IN (0, 1))
) STRICT;
CREATE INDEX diagnoses_by_person ON diagnoses (person_id);
-- At most one primary diagnosis per person.
CREATE UNIQUE INDEX diagnoses_one_primary ON diagnoses (person_id) WHERE is_primary = 1;

-- A screening: the date, and which exclusions (by rule code, see rules::safety) were present.
CREATE TABLE screenings (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    taken_on   TEXT NOT NULL CHECK (date(taken_on) = taken_on),
    present    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX screenings_by_person ON screenings (person_id, taken_on);

CREATE TABLE clearances (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    prescriber    TEXT NOT NULL CHECK (length(trim(prescriber)) > 0),
    organisation  TEXT NOT NULL DEFAULT '',
    cleared_on    TEXT NOT NULL CHECK (date(cleared_on) = cleared_on),
    valid_until   TEXT NOT NULL CHECK (date(valid_until) = valid_until AND valid_until >= cleared_on),
    setting       TEXT NOT NULL CHECK (setting IN ('in_office_im', 'at_home_lozenges'))
) STRICT;
CREATE INDEX clearances_by_person ON clearances (person_id, valid_until);

CREATE TABLE consents (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('kap_informed_consent', 'telehealth', 'release_of_information')),
    signed_on   TEXT NOT NULL CHECK (date(signed_on) = signed_on),
    expires_on  TEXT CHECK (expires_on IS NULL OR (date(expires_on) = expires_on AND expires_on >= signed_on)),
    release_to  TEXT NOT NULL DEFAULT '',
    CHECK (kind <> 'release_of_information' OR length(trim(release_to)) > 0)
) STRICT;
CREATE INDEX consents_by_person ON consents (person_id);

CREATE TABLE dv_screens (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    screened_on  TEXT NOT NULL CHECK (date(screened_on) = screened_on),
    result       TEXT NOT NULL CHECK (result IN ('no_concern', 'concern', 'active'))
) STRICT;
CREATE INDEX dv_screens_by_unit ON dv_screens (unit_id, screened_on);

-- One full-text index over names, goals and diagnoses (later notes and reflections), kept in
-- sync by the store. Diacritics are folded, so "zoe" finds "Zoë".
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
