-- Where each record's row of the full-text index is, so a save re-indexes by rowid instead
-- of scanning the whole index (the `kind` and `ref` columns of an FTS5 table are not
-- indexed: a `DELETE … WHERE kind = ? AND ref = ?` reads every row).
CREATE TABLE search_rows (
    kind  TEXT NOT NULL,
    ref   TEXT NOT NULL,
    row   INTEGER NOT NULL,
    PRIMARY KEY (kind, ref)
) STRICT, WITHOUT ROWID;

INSERT OR REPLACE INTO search_rows (kind, ref, row) SELECT kind, ref, rowid FROM search_index;
