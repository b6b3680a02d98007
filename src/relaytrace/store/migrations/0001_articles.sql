-- 0001: articles, their full-text index, and the log of ingested source items.
--
-- One row per article version: a changed page under a known URL is stored beside
-- the old one with version + 1, and only the newest row has latest = 1.
-- paragraphs holds the character length of each paragraph of body (body joins
-- them with a blank line), sentences holds [index, paragraph, start, end] offsets
-- into body (plus the text when it is not body[start:end]); links and cues are
-- JSON arrays. Dates are ISO 8601 text, UTC when the value carries a zone.

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    url                 TEXT    NOT NULL,
    canonical_url       TEXT,
    site                TEXT    NOT NULL,
    site_name           TEXT,
    title               TEXT    NOT NULL,
    subtitle            TEXT,
    published           TEXT,
    published_source    TEXT,
    published_precision TEXT,
    lang                TEXT,
    body                TEXT    NOT NULL,
    paragraphs          TEXT    NOT NULL,
    sentences           TEXT    NOT NULL,
    links               TEXT    NOT NULL,
    cues                TEXT    NOT NULL,
    content_hash        TEXT    NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    latest              INTEGER NOT NULL DEFAULT 1,
    fetched             TEXT,
    added_at            TEXT    NOT NULL,
    UNIQUE (url, version)
);

CREATE INDEX articles_canonical ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_lang ON articles (lang);
CREATE INDEX articles_published ON articles (published);

-- Full-text index over title and body of every stored version, kept in sync by
-- the store in the same transaction as the rows (no triggers: inserts are batched).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    body,
    content = 'articles',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Source items already processed (RawDocument.key), so a rerun skips them.
-- status: added | unchanged | updated | rejected:<reason>.
CREATE TABLE ingest_log (
    key        TEXT PRIMARY KEY,
    article_id INTEGER REFERENCES articles (id),
    status     TEXT NOT NULL,
    logged_at  TEXT NOT NULL
) WITHOUT ROWID;
