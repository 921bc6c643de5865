-- Sessions of the program arc and what happens in them. Instants are RFC 3339 UTC text
-- ("2026-11-25T17:00:00Z"); the screens show them in the practice's time zone.

-- Clinical settings: the time zone, the other states she is licensed in, and the vitals
-- reminder and ranges.
ALTER TABLE settings ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN licensed_states TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN vitals_every_minutes INTEGER NOT NULL DEFAULT 15 CHECK (vitals_every_minutes BETWEEN 1 AND 120);
ALTER TABLE settings ADD COLUMN systolic_max INTEGER NOT NULL DEFAULT 160;
ALTER TABLE settings ADD COLUMN diastolic_max INTEGER NOT NULL DEFAULT 100;
ALTER TABLE settings ADD COLUMN heart_rate_min INTEGER NOT NULL DEFAULT 50;
ALTER TABLE settings ADD COLUMN heart_rate_max INTEGER NOT NULL DEFAULT 120;
ALTER TABLE settings ADD COLUMN spo2_min INTEGER NOT NULL DEFAULT 92;

CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    unit_id          TEXT REFERENCES units (id),
    person_id        TEXT REFERENCES persons (id),
    kind             TEXT NOT NULL CHECK (kind IN ('joint_intake', 'individual_assessment',
                         'feedback_and_goals', 'preparation', 'dosing', 'integration',
                         'augmented_therapy', 'couples_session')),
    scheduled_at     TEXT NOT NULL CHECK (scheduled_at LIKE '____-__-__T__:__:__Z'),
    planned_minutes  INTEGER NOT NULL CHECK (planned_minutes BETWEEN 1 AND 600),
    setting          TEXT NOT NULL CHECK (setting IN ('office', 'telehealth_home',
                         'telehealth_elsewhere', 'home_virtual_monitoring')),
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed',
                         'cancelled', 'no_show')),
    mode             TEXT CHECK (mode IS NULL OR mode IN ('solo', 'dyadic_psychedelic',
                         'dyadic_psycholytic', 'augmented')),
    supporters       TEXT NOT NULL DEFAULT '',
    transport        TEXT NOT NULL DEFAULT '',
    -- A dosing started although a gate did not hold: her reason, the gates, when.
    override_reason  TEXT,
    override_failed  TEXT,
    override_at      TEXT,
    CHECK ((unit_id IS NULL) <> (person_id IS NULL))
) STRICT;
CREATE INDEX sessions_by_unit ON sessions (unit_id, scheduled_at);
CREATE INDEX sessions_by_person ON sessions (person_id, scheduled_at);
CREATE INDEX sessions_by_time ON sessions (scheduled_at);

-- Who attends, in order, and whether they take the medicine.
CREATE TABLE session_attendees (
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES persons (id),
    position    INTEGER NOT NULL,
    doses       INTEGER NOT NULL CHECK (doses IN (0, 1)),
    PRIMARY KEY (session_id, person_id)
) STRICT;
CREATE INDEX attendees_by_person ON session_attendees (person_id);

-- The clock: facts, never changed or removed; elapsed time is computed from them.
CREATE TABLE clock_events (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions (id),
    kind        TEXT NOT NULL CHECK (kind IN ('start', 'pause', 'resume', 'end', 'dose_given',
                    'onset', 'peak', 'baseline', 'discharge')),
    person_id   TEXT REFERENCES persons (id),
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX clock_events_by_session ON clock_events (session_id, at);
CREATE TRIGGER clock_events_are_facts_u BEFORE UPDATE ON clock_events
BEGIN SELECT RAISE(ABORT, 'clock events are never changed'); END;
CREATE TRIGGER clock_events_are_facts_d BEFORE DELETE ON clock_events
BEGIN SELECT RAISE(ABORT, 'clock events are never removed'); END;

CREATE TABLE doses (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions (id),
    person_id    TEXT NOT NULL REFERENCES persons (id),
    medication   TEXT NOT NULL CHECK (length(trim(medication)) > 0),
    milligrams   REAL NOT NULL CHECK (milligrams > 0 AND milligrams <= 2000),
    route        TEXT NOT NULL CHECK (route IN ('im', 'sublingual_lozenge', 'intranasal', 'other')),
    lot          TEXT NOT NULL DEFAULT '',
    given_at     TEXT NOT NULL,
    given_where  TEXT NOT NULL CHECK (given_where IN ('office', 'home'))
) STRICT;
CREATE INDEX doses_by_session ON doses (session_id);

CREATE TABLE vitals (
    id             TEXT PRIMARY KEY,
    session_id     TEXT NOT NULL REFERENCES sessions (id),
    person_id      TEXT NOT NULL REFERENCES persons (id),
    taken_at       TEXT NOT NULL,
    systolic       INTEGER NOT NULL CHECK (systolic BETWEEN 40 AND 300),
    diastolic      INTEGER NOT NULL CHECK (diastolic BETWEEN 20 AND 200),
    heart_rate     INTEGER NOT NULL CHECK (heart_rate BETWEEN 20 AND 250),
    spo2           INTEGER NOT NULL CHECK (spo2 BETWEEN 50 AND 100),
    resp_rate      INTEGER CHECK (resp_rate IS NULL OR resp_rate BETWEEN 4 AND 60),
    temperature_c  REAL CHECK (temperature_c IS NULL OR temperature_c BETWEEN 30 AND 44)
) STRICT;
CREATE INDEX vitals_by_session ON vitals (session_id, taken_at);

CREATE TABLE adverse_events (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions (id),
    person_id   TEXT NOT NULL REFERENCES persons (id),
    at          TEXT NOT NULL,
    what        TEXT NOT NULL CHECK (length(trim(what)) > 0),
    action      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX adverse_events_by_session ON adverse_events (session_id);

CREATE TABLE discharge_checks (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES sessions (id),
    person_id       TEXT NOT NULL REFERENCES persons (id),
    at              TEXT NOT NULL,
    oriented        INTEGER NOT NULL CHECK (oriented IN (0, 1)),
    steady          INTEGER NOT NULL CHECK (steady IN (0, 1)),
    escort_present  INTEGER NOT NULL CHECK (escort_present IN (0, 1)),
    escort          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX discharge_checks_by_session ON discharge_checks (session_id);

-- One note per session: its fields as a JSON object. Once signed it never changes: the
-- triggers refuse it even to code that forgets to check.
CREATE TABLE notes (
    session_id  TEXT PRIMARY KEY REFERENCES sessions (id),
    fields      TEXT NOT NULL CHECK (json_type(fields) = 'object'),
    updated_at  TEXT NOT NULL,
    signed_at   TEXT,
    -- When the last "note edited" audit entry was written (autosave writes one per minute).
    audited_at  TEXT
) STRICT;
CREATE TRIGGER notes_signed_are_locked_u BEFORE UPDATE ON notes WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot change'); END;
CREATE TRIGGER notes_signed_are_locked_d BEFORE DELETE ON notes WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be removed'); END;

CREATE TABLE addenda (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES notes (session_id),
    written_at  TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;
CREATE INDEX addenda_by_session ON addenda (session_id, written_at);
CREATE TRIGGER addenda_are_locked_u BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'an addendum cannot change'); END;
CREATE TRIGGER addenda_are_locked_d BEFORE DELETE ON addenda
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be removed'); END;

CREATE TABLE reflections (
    id                      TEXT PRIMARY KEY,
    person_id               TEXT NOT NULL REFERENCES persons (id),
    dosing_session_id       TEXT NOT NULL REFERENCES sessions (id),
    integration_session_id  TEXT REFERENCES sessions (id),
    written_on              TEXT NOT NULL CHECK (date(written_on) = written_on),
    emerged                 TEXT NOT NULL DEFAULT '',
    emotions                TEXT NOT NULL DEFAULT '',
    body                    TEXT NOT NULL DEFAULT '',
    commitments             TEXT NOT NULL DEFAULT '',
    questions               TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reflections_by_dosing ON reflections (dosing_session_id);
CREATE INDEX reflections_by_person ON reflections (person_id);
