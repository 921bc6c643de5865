-- The practice's logo, printed at the top of superbills and receipts (PNG or JPEG bytes, as
-- she chose it; checked when saved).
ALTER TABLE practice ADD COLUMN logo BLOB;
