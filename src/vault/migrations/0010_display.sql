-- How dates and temperatures are written on her screens: US dates (10/25/2026) and degrees
-- Fahrenheit unless she chooses otherwise.
ALTER TABLE settings ADD COLUMN date_style TEXT NOT NULL DEFAULT 'us';
ALTER TABLE settings ADD COLUMN temperature TEXT NOT NULL DEFAULT 'fahrenheit';
