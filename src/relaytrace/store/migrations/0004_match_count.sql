-- 0004: the number of matcher-indexed articles, kept by triggers.
--
-- IDF weights need N on every lookup; count(*) over match_profiles walks every
-- profile blob, which grew linearly with the store (seconds at 200k articles).

CREATE TABLE match_count (
    n INTEGER NOT NULL
);
INSERT INTO match_count (n) SELECT count(*) FROM match_profiles;

CREATE TRIGGER match_count_insert AFTER INSERT ON match_profiles
BEGIN
    UPDATE match_count SET n = n + 1;
END;

CREATE TRIGGER match_count_delete AFTER DELETE ON match_profiles
BEGIN
    UPDATE match_count SET n = n - 1;
END;
