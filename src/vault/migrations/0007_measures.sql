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

-- The dashboard finds unsigned notes and sessions with nothing paid among ten years of
-- sessions through these two columns and their partial indexes, which hold only the few rows
-- that need attention. The triggers keep them equal to `notes` and `payment_applications`;
-- nothing else writes them.
ALTER TABLE sessions ADD COLUMN note_signed_at TEXT;
ALTER TABLE sessions ADD COLUMN paid_cents INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET
    note_signed_at = (SELECT signed_at FROM notes WHERE session_id = sessions.id),
    paid_cents = coalesce((SELECT sum(cents) FROM payment_applications WHERE session_id = sessions.id), 0);
CREATE TRIGGER sessions_note_signed_i AFTER INSERT ON notes
BEGIN UPDATE sessions SET note_signed_at = NEW.signed_at WHERE id = NEW.session_id; END;
CREATE TRIGGER sessions_note_signed_u AFTER UPDATE OF signed_at ON notes
BEGIN UPDATE sessions SET note_signed_at = NEW.signed_at WHERE id = NEW.session_id; END;
CREATE TRIGGER sessions_note_signed_d AFTER DELETE ON notes
BEGIN UPDATE sessions SET note_signed_at = NULL WHERE id = OLD.session_id; END;
CREATE TRIGGER sessions_paid_i AFTER INSERT ON payment_applications
BEGIN UPDATE sessions SET paid_cents = paid_cents + NEW.cents WHERE id = NEW.session_id; END;
CREATE TRIGGER sessions_paid_d AFTER DELETE ON payment_applications
BEGIN UPDATE sessions SET paid_cents = paid_cents - OLD.cents WHERE id = OLD.session_id; END;
CREATE TRIGGER sessions_paid_u AFTER UPDATE OF session_id, cents ON payment_applications
BEGIN
    UPDATE sessions SET paid_cents = paid_cents - OLD.cents WHERE id = OLD.session_id;
    UPDATE sessions SET paid_cents = paid_cents + NEW.cents WHERE id = NEW.session_id;
END;
CREATE INDEX sessions_unsigned ON sessions (scheduled_at)
    WHERE status = 'completed' AND note_signed_at IS NULL;
CREATE INDEX sessions_unpaid ON sessions (scheduled_at)
    WHERE status = 'completed' AND paid_cents = 0;
