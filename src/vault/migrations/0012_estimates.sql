-- Good Faith Estimates: numbered in their own series, never changed or removed (kept six
-- years); `content` is the estimate exactly as printed (JSON). Written for a relationship or
-- for one person.
CREATE TABLE estimates (
    number      INTEGER PRIMARY KEY CHECK (number >= 1),
    unit_id     TEXT REFERENCES units (id),
    person_id   TEXT REFERENCES persons (id),
    from_date   TEXT NOT NULL CHECK (from_date LIKE '____-__-__'),
    until_date  TEXT NOT NULL CHECK (until_date LIKE '____-__-__'),
    issued_at   TEXT NOT NULL,
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    content     TEXT NOT NULL,
    CHECK ((unit_id IS NULL) <> (person_id IS NULL))
) STRICT;
CREATE INDEX estimates_by_unit ON estimates (unit_id, from_date);
CREATE INDEX estimates_by_person ON estimates (person_id, from_date);
CREATE TRIGGER estimates_are_issued_u BEFORE UPDATE ON estimates
BEGIN SELECT RAISE(ABORT, 'an issued estimate cannot change'); END;
CREATE TRIGGER estimates_are_issued_d BEFORE DELETE ON estimates
BEGIN SELECT RAISE(ABORT, 'an issued estimate cannot be removed'); END;
