-- Measures: the answers a client gave, item by item (positions among each item's printed
-- answers); every score is derived by the core. `self_harm` is derived too, when saved, so
-- the dashboard finds PHQ-9 item 9 alerts with one indexed query.
CREATE TABLE measures (
    id                TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES persons (id),
    unit_id           TEXT REFERENCES units (id),
    instrument        TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'csi16', 'ecr_rs')),
    given_on          TEXT NOT NULL CHECK (date(given_on) = given_on),
    session_id        TEXT REFERENCES sessions (id),
    answers           TEXT NOT NULL CHECK (json_type(answers) = 'array'),
    self_harm         INTEGER NOT NULL CHECK (self_harm IN (0, 1)),
    entered_in_error  TEXT CHECK (entered_in_error IS NULL OR trim(entered_in_error) <> ''),
    CHECK ((instrument IN ('csi16', 'ecr_rs')) = (unit_id IS NOT NULL))
) STRICT;
CREATE INDEX measures_by_person ON measures (person_id, instrument, given_on);
CREATE INDEX measures_by_unit ON measures (unit_id, given_on) WHERE unit_id IS NOT NULL;

-- What a client answered is never rewritten or removed; a mistake is marked entered in error
-- (kept, and left out of plots, scores and alerts).
CREATE TRIGGER measures_are_kept_u
BEFORE UPDATE OF id, person_id, unit_id, instrument, given_on, session_id, answers, self_harm ON measures
BEGIN SELECT RAISE(ABORT, 'a measure''s answers cannot change'); END;
CREATE TRIGGER measures_are_kept_d BEFORE DELETE ON measures
BEGIN SELECT RAISE(ABORT, 'a measure cannot be removed'); END;

-- A dosing started over a failed gate stays on the dashboard until she records the follow-up.
ALTER TABLE sessions ADD COLUMN override_reviewed_at TEXT;
CREATE INDEX sessions_open_overrides ON sessions (scheduled_at)
    WHERE override_reason IS NOT NULL AND override_reviewed_at IS NULL;
