-- 0005: LSH band keys now come from densified one-permutation MinHash.
--
-- Band keys written by the earlier classic MinHash never collide with the new
-- ones, so they are dropped rather than left as dead rows. Stored profiles,
-- anchor postings and relations stay valid; `relaytrace match` rebuilds the
-- bands of stored articles (until then they are found through the anchor index).

DELETE FROM match_bands;
