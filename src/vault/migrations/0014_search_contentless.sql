-- The full-text index keeps no second copy of the text: contentless, with deletes by rowid.
-- The text lives in its own tables (notes, addenda, reflections, names), and on a ten-year
-- practice the copy inside the index was a quarter of the vault. What each row is (kind and
-- ref) is already in search_rows, which the search now joins by row.
-- Two columns: `label`, what a record is called (a person's or relationship's names), searched
-- first so a name she types finds the client before the notes that mention them; `body`, the
-- rest (diagnoses, goals, notes, addenda, reflections).
CREATE TABLE search_carry AS SELECT rowid AS row, kind, body FROM search_index;
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    label,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (rowid, label, body)
    SELECT row, CASE WHEN kind = 'session' THEN '' ELSE body END,
        CASE WHEN kind = 'session' THEN body ELSE '' END
    FROM search_carry;
DROP TABLE search_carry;
CREATE INDEX search_rows_by_row ON search_rows (row);
