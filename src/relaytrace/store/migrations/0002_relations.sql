-- 0002: relations between articles and the two candidate indexes of the matcher.
--
-- relations: one row per unordered pair (a < b is not required: a is the earlier
-- published article when known); aligned is a JSON array of [i, j, score].
-- match_profiles: per article, what the matcher needs to align it again without
-- re-analysing it (a zlib-compressed JSON blob written by relaytrace.match).
-- match_bands: MinHash LSH band keys (same-language candidates).
-- match_postings / match_df: inverted index of anchors with document frequencies
-- (cross-language candidates, IDF weights).

CREATE TABLE relations (
    a           INTEGER NOT NULL,
    b           INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    score       REAL    NOT NULL,
    coverage_a  REAL    NOT NULL,
    coverage_b  REAL    NOT NULL,
    aligned     TEXT    NOT NULL,
    lo          INTEGER NOT NULL,
    hi          INTEGER NOT NULL,
    PRIMARY KEY (lo, hi)
) WITHOUT ROWID;
CREATE INDEX relations_hi ON relations (hi);
CREATE INDEX relations_kind ON relations (kind);

CREATE TABLE match_profiles (
    article  INTEGER PRIMARY KEY,
    lang     TEXT,
    data     BLOB    NOT NULL
);

CREATE TABLE match_bands (
    band     INTEGER NOT NULL,
    article  INTEGER NOT NULL,
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE INDEX match_bands_article ON match_bands (article);

CREATE TABLE match_postings (
    anchor   TEXT    NOT NULL,
    article  INTEGER NOT NULL,
    PRIMARY KEY (anchor, article)
) WITHOUT ROWID;
CREATE INDEX match_postings_article ON match_postings (article);

CREATE TABLE match_df (
    anchor   TEXT    PRIMARY KEY,
    df       INTEGER NOT NULL
) WITHOUT ROWID;
