-- Treatment plans: one row per version, for a relationship or one person. `content` is the
-- plan (JSON); a signed version never changes and is never removed (a revision is the next
-- version), as a signed note.
CREATE TABLE treatment_plans (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT REFERENCES units (id),
    person_id   TEXT REFERENCES persons (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    review_on   TEXT NOT NULL CHECK (review_on LIKE '____-__-__'),
    signed_at   TEXT,
    content     TEXT NOT NULL,
    CHECK ((unit_id IS NULL) <> (person_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX treatment_plans_by_owner ON treatment_plans (coalesce(unit_id, person_id), version);
CREATE TRIGGER signed_plans_are_locked_u BEFORE UPDATE ON treatment_plans WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed treatment plan cannot change'); END;
CREATE TRIGGER signed_plans_are_locked_d BEFORE DELETE ON treatment_plans WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed treatment plan cannot be removed'); END;
