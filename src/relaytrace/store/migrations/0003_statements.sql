-- 0003: statements (direct quotes and reported speech) found in articles.
--
-- One row per statement; n orders them within their article. start/end are
-- character offsets into the article body. speaker_key is the speaker folded
-- (case, accents, script transliterated to Latin) and speaker_last its last word,
-- so that "quotes --speaker Holtvik" finds "Maren Holtvik" and "Stankevich"
-- finds "Игорь Станкевич". key links the same statement across articles.

CREATE TABLE statements (
    article      INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    quote        TEXT    NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    speaker      TEXT,
    speaker_role TEXT,
    verb         TEXT,
    venue        TEXT,
    key          TEXT,
    speaker_key  TEXT,
    speaker_last TEXT,
    PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE INDEX statements_speaker_key ON statements (speaker_key);
CREATE INDEX statements_speaker_last ON statements (speaker_last);
CREATE INDEX statements_key ON statements (key);
