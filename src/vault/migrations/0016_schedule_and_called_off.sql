-- Her schedule's settings: the days she works, how long a dosing keeps her after the dose, and
-- the length of the integration the calendar proposes.
ALTER TABLE settings ADD COLUMN working_days TEXT NOT NULL DEFAULT 'monday,tuesday,wednesday,thursday,friday';
ALTER TABLE settings ADD COLUMN observation_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (observation_minutes BETWEEN 0 AND 480);
ALTER TABLE settings ADD COLUMN integration_minutes INTEGER NOT NULL DEFAULT 60
    CHECK (integration_minutes BETWEEN 15 AND 240);

-- The fees for a session called off too late or missed (none until she sets them).
ALTER TABLE settings ADD COLUMN late_cancel_cents INTEGER CHECK (late_cancel_cents >= 0);
ALTER TABLE settings ADD COLUMN no_show_cents INTEGER CHECK (no_show_cents >= 0);
ALTER TABLE settings ADD COLUMN notice_hours INTEGER NOT NULL DEFAULT 24
    CHECK (notice_hours BETWEEN 0 AND 168);

-- Why, by whom and when a session was called off, and the fee the schedule said then (kept, so
-- that changing the schedule never rewrites a past charge). Sessions called off before this
-- version have none: their reason was never asked, and no fee existed.
ALTER TABLE sessions ADD COLUMN called_off_reason TEXT;
ALTER TABLE sessions ADD COLUMN called_off_by TEXT CHECK (called_off_by IN ('client', 'therapist'));
ALTER TABLE sessions ADD COLUMN called_off_at TEXT;
ALTER TABLE sessions ADD COLUMN called_off_fee_cents INTEGER CHECK (called_off_fee_cents >= 0);
ALTER TABLE sessions ADD COLUMN fee_waived INTEGER NOT NULL DEFAULT 0 CHECK (fee_waived IN (0, 1));
