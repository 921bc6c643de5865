-- Search as she types: the first letters were the slow ones, because a two- or three-letter
-- prefix stands for thousands of words, whose lists FTS5 merged at every keystroke (over ten
-- years of notes, 0.4 s at the 95th percentile). Prefix indexes for two and three letters keep
-- those lists ready. Names get an index of their own (same rowid as the record's row in
-- search_index), so the names-first pass reads a few hundred names, not every note that
-- mentions one.
-- Both are contentless, so their text cannot be copied over: the store rebuilds them from the
-- records right after the migrations (vault/schema.rs, store/search.rs `rebuild_if_empty`).
DROP TABLE search_index;
DELETE FROM search_rows;
CREATE VIRTUAL TABLE search_index USING fts5 (
    label,
    body,
    content = '',
    contentless_delete = 1,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE name_index USING fts5 (
    label,
    content = '',
    contentless_delete = 1,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
