-- 0006: new LSH band rows wait in a small table and are merged in bulk.
--
-- Band keys are random, so each row put in match_bands lands on a page of its own
-- in a large B-tree: at 200k articles an article's 32 rows dirtied about 32 pages,
-- every one written to the WAL again at the commit of its batch. New rows now go
-- to match_bands_recent, a small table whose pages a batch shares, and move to
-- match_bands in key order once it holds as many rows as there are indexed
-- articles (at least 65,536, at most 2^20): a page of the large table is then
-- written once for many rows.
-- Candidate lookups read both tables.

CREATE TABLE match_bands_recent (
    band     INTEGER NOT NULL,
    article  INTEGER NOT NULL,
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE INDEX match_bands_recent_article ON match_bands_recent (article);
