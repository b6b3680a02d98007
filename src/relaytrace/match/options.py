"""``MatchOptions``: every threshold of relay detection, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_OPTIONS", "MatchOptions"]


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Thresholds and sizes of candidate search, alignment and classification.

    Candidates
        num_perm, bands, rows: MinHash permutations and LSH banding (bands × rows
            = num_perm). 32 × 4 puts the 50 % collision point near Jaccard 0.42, so
            near copies with 2–10 % edits are found (recall ≈ 0.9 at 0.5).
        shingle: words per shingle for MinHash.
        max_band_candidates: most LSH candidates kept per article.
        anchor_max_df_share, anchor_min_max_df: an anchor is "rare" (used to find
            cross-language candidates) when at most max(min, share × N) articles hold it.
        max_anchor_candidates: most anchor-index candidates aligned per article.
        min_candidate_weight: least IDF weight of shared rare anchors for a candidate.
    Alignment
        min_pair_score: a sentence pair below this is never aligned.
        merge_penalty: subtracted from 1-2 and 2-1 (split/merged sentence) moves.
        length_sigma: width of the length-ratio prior (log scale, Gale–Church style).
        token_weight: share of same-language token overlap in a pair score.
        length_reestimate: when the aligned sentences' log length ratio differs from
            the articles' total ratio by more than this (an excerpt, a lead, an added
            introduction), the pairs are scored again expecting the aligned ratio.
        max_gap_fill: sentences left between two aligned blocks in equal numbers
            on both sides (up to this many) are paired when their lengths agree.
    Classification
        relay_min_pairs: least aligned sentence pairs for copy/translation.
        relay_min_coverage: least coverage of the better-covered side.
        relay_min_mean: least mean pair score of aligned pairs.
        relay_min_order: least share of the best unordered matching weight the
            monotone alignment keeps (relays keep order, independent texts do not).
        relay_min_index: least ``classify.relay_index`` (contiguity, blocks per
            sentence, mean score): the sentence-by-sentence test.
        relay_min_short_coverage: least coverage of the article with fewer
            sentences (an excerpt or abridged translation is covered almost whole).
        story_min_weight: least IDF-weighted anchor overlap (Dice) of the two
            articles for same_story.
        story_doubt_weight: share of the relay's conflict and lag penalties added to
            ``story_min_weight``: the same speaker's next briefing a week later, with
            other figures, is another event, not the same story.
        story_min_shared: least number of shared rare anchors for same_story.
        cue_bonus: added to the relay evidence when a cue links the pair (source
            line URL, title suffix naming the other's outlet); never enough alone.
        max_story_lag_days: same_story needs publication within this many days when
            both dates are known.
        copy_min_token_overlap: least word overlap (Dice of word sets, over aligned
            sentence pairs) of a same-language relay: a copy is near-verbatim, while
            different events told with one template (a spokesman's briefing, daily
            exchange rates, weather warnings) share anchors and skeleton, not wording.
        relay_conflict_penalty: raised bar (on mean pair score, or on word overlap for
            a copy) when every aligned pair that carries figures on both sides
            disagrees (each side has a figure the other lacks); scaled by that share.
        relay_lag_grace_days, relay_lag_slope, relay_lag_max_penalty: soft publication
            gap evidence. Past the grace, the relay bar rises by slope × log2(1 + days
            beyond the grace), at most the max (dates can be wrong: never a hard cut).
            A cue linking the pair cancels it; copies take ``copy_lag_share`` of it.
        copy_lag_share: share of the lag penalty a copy's word-overlap bar takes
            (verbatim text is strong evidence even weeks later: reposts happen).
        relay_short_sentences, relay_short_min_mean, relay_short_min_shared: when the
            shorter side has at most this many sentences, a translation needs this
            mean pair score and this many anchors shared over its aligned pairs (a
            one-paragraph lead of independent coverage shares a few names and figures).
        relay_short_min_figures: and this figure agreement (Dice of the aligned
            pairs' figures): a translated excerpt keeps its figures, a lead
            written independently drops some and adds others.
    Embeddings (optional extra)
        embedding_model: a local sentence-transformers model path; None = off.
        embedding_weight: share of the embedding cosine in a pair score.
    """

    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    shingle: int = 3
    seed: int = 1
    max_band_candidates: int = 50
    anchor_max_df_share: float = 0.005
    anchor_min_max_df: int = 50
    max_anchor_candidates: int = 20
    min_candidate_weight: float = 8.0
    min_pair_score: float = 0.18
    merge_penalty: float = 0.05
    length_sigma: float = 0.5
    token_weight: float = 0.6
    max_gap_fill: int = 2
    length_reestimate: float = 0.5
    relay_min_pairs: int = 3
    relay_min_coverage: float = 0.5
    relay_min_mean: float = 0.35
    relay_min_order: float = 0.7
    relay_min_index: float = 0.66
    relay_min_short_coverage: float = 0.75
    story_min_weight: float = 0.12
    story_min_shared: int = 4
    story_doubt_weight: float = 1.0
    cue_bonus: float = 0.1
    max_story_lag_days: float = 14.0
    copy_min_token_overlap: float = 0.75
    relay_conflict_penalty: float = 0.25
    relay_lag_grace_days: float = 2.0
    relay_lag_slope: float = 0.1
    relay_lag_max_penalty: float = 0.5
    copy_lag_share: float = 0.4
    relay_short_sentences: int = 2
    relay_short_min_mean: float = 0.6
    relay_short_min_shared: int = 4
    relay_short_min_figures: float = 0.6
    embedding_model: str | None = None
    embedding_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.bands * self.rows != self.num_perm:
            raise ValueError("bands × rows must equal num_perm")


DEFAULT_OPTIONS = MatchOptions()
