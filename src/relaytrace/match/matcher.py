"""Relay detection as service functions over a store.

``match_articles`` is what the ingest pipeline calls after each batch: index
the new articles (LSH bands, anchor postings, profiles), find candidates for
each, align, classify and store the relations. ``rebuild`` does it for the
whole store. ``relate`` and ``trace_article`` serve the CLI and the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np

from relaytrace.errors import InputError, NotFoundError
from relaytrace.match import profile as profiles
from relaytrace.match.align import Alignment, align
from relaytrace.match.anchor_index import (
    MIN_DOCS,
    Idf,
    candidates,
    lookup_anchors,
    profile_lookup_anchors,
    search,
)
from relaytrace.match.classify import Evidence, classify, evidence
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.prefilter import could_relate, dismissed_unread
from relaytrace.match.profile import Profile, profile_of
from relaytrace.model import Article, Relation
from relaytrace.store.base import MatchEntry, Store

__all__ = [
    "Match",
    "compare",
    "index_articles",
    "match_articles",
    "match_profile",
    "match_stored",
    "rebuild",
    "relations_for",
    "trace_article",
    "trace_text",
]

Progress = Callable[[int, int], None]

_BLAS: list[object] = []


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Run the block with single-threaded BLAS.

    Alignment multiplies many tiny matrices (sentences × anchors); a threaded
    OpenBLAS spins up its pool for each and, on a busy machine, a 30×800
    product takes 20 ms instead of 0.1 ms. threadpoolctl is optional: without
    it the block runs as it is (set OPENBLAS_NUM_THREADS=1 instead).
    """
    if not _BLAS:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - optional dependency
            _BLAS.append(None)
        else:
            _BLAS.append(ThreadpoolController())
    controller = _BLAS[0]
    if controller is None:  # pragma: no cover
        yield
        return
    with controller.limit(limits=1, user_api="blas"):  # type: ignore[attr-defined]
        yield


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate compared: the relation (or None), its alignment and evidence."""

    other: int
    relation: Relation | None
    alignment: Alignment
    evidence: Evidence


def _with_lang(article: Article) -> Article:
    if article.lang is not None:
        return article
    from relaytrace.text.lang import detect_language

    return replace(article, lang=detect_language(article.title + "\n\n" + article.body))


def index_articles(
    store: Store, articles: Sequence[Article], options: MatchOptions = DEFAULT_OPTIONS
) -> list[Profile]:
    """Profile stored articles and put them in the match indexes; return the profiles."""
    out = [profile_of(_with_lang(a), options) for a in articles if a.id is not None]
    store.put_match_entries(
        [
            MatchEntry(
                article=p.article,  # type: ignore[arg-type]
                lang=p.lang,
                bands=p.bands,
                anchors=tuple(profile_lookup_anchors(p)),
                profile=profiles.dumps(p),
            )
            for p in out
        ]
    )
    return out


def compare(
    a: Profile,
    b: Profile,
    idf: Idf,
    options: MatchOptions = DEFAULT_OPTIONS,
    extra: np.ndarray | None = None,
) -> Match:
    """Align two profiles and classify the result (``extra``: embedding similarities)."""
    with _one_blas_thread():
        alignment = align(a, b, idf, options, extra)
        ev = evidence(a, b, alignment, idf, lambda x: idf.is_rare(x, options))
        rel = classify(a, b, alignment, ev, options) if a.article != b.article else None
    return Match(other=b.article or 0, relation=rel, alignment=alignment, evidence=ev)


def match_profile(
    store: Store,
    p: Profile,
    options: MatchOptions = DEFAULT_OPTIONS,
    known: dict[int, Profile] | None = None,
    skip: set[frozenset[int]] | None = None,
) -> list[Match]:
    """Compare a profile with its candidates in the store; the matches, related or not.

    ``known`` caches loaded profiles by article id; ``skip`` holds pairs already
    compared (both are updated). Candidates the prefilter rules out are left out.
    """
    known = {} if known is None else known
    skip = set() if skip is None else skip
    idf_probe = Idf.from_store(store, profile_lookup_anchors(p))
    ids, shared_rare = search(store, p, idf_probe, options)
    small = (
        []
        if idf_probe.n_docs >= MIN_DOCS
        else _small_store_candidates(store, p, ids, idf_probe, options)
    )
    missing = [i for i in [*ids, *small] if i not in known]
    blobs = store.match_profiles(missing)
    peeked = {art: seen for art, blob in blobs.items() if (seen := profiles.peek(blob))}
    unread = dismissed_unread(p, peeked, shared_rare, options)  # most chance candidates
    known.update((art, profiles.loads(blob)) for art, blob in blobs.items() if art not in unread)
    others = [known[i] for i in ids if i in known]
    others += [known[i] for i in small if i in known and _small_store_pair(p, known[i])]
    if not others:
        return []
    idf = idf_probe

    def weights(other: Profile) -> Idf:  # the probe's counts and the other's, read once
        nonlocal idf
        idf = idf.extended(store, p.all_anchors | other.all_anchors)
        return idf

    out = []
    for other in others:
        pair = frozenset((p.article, other.article))
        if pair in skip:
            continue
        skip.add(pair)  # type: ignore[arg-type]
        if not could_relate(p, other, idf_probe, lambda o=other: weights(o), options):
            continue
        extra = _embedding_scores(store, p, other, options)
        out.append(compare(p, other, weights(other), options, extra))
    return out


def _small_store_candidates(
    store: Store, p: Profile, found: Sequence[int], probe: Idf, options: MatchOptions
) -> list[int]:
    """Further candidates of a store smaller than ``MIN_DOCS``, IDF read with that floor.

    Counts in a store of a few articles say nothing of how rare an anchor is, so
    a translation across scripts would find no candidate there; only candidates
    in another language that share a figure with the article are kept from this
    lookup (same-language ones have the LSH bands; a translation keeps figures,
    while articles about the same town and mayor share only names).
    """
    seen = set(found)
    return [i for i in candidates(store, p, probe.floored(MIN_DOCS), options) if i not in seen]


def _small_store_pair(p: Profile, other: Profile) -> bool:
    shared = lookup_anchors(p.all_anchors & other.all_anchors)
    return other.lang != p.lang and any(a.startswith("n:") for a in shared)


def _embedding_scores(
    store: Store, a: Profile, b: Profile, options: MatchOptions
) -> np.ndarray | None:
    """Sentence-embedding similarities of two stored articles, when a model is configured."""
    if not options.embedding_model or a.article is None or b.article is None:
        return None
    from relaytrace.match.embeddings import embedder, similarity

    arts = [store.get_article(a.article), store.get_article(b.article)]
    if arts[0] is None or arts[1] is None:
        return None
    texts = [[s.text for s in profiles.article_sentences(x)] for x in arts]  # type: ignore[arg-type]
    return similarity(embedder(options.embedding_model), texts[0], texts[1])


def match_articles(store: Store, ids: Sequence[int], options: MatchOptions | None = None) -> int:
    """Index these stored articles, match them against the store, store relations.

    Fits the ingest pipeline's ``after_batch(store, ids)`` hook. Relations the
    articles had before are replaced, in one transaction with their indexing.
    Returns the number of relations stored.
    """
    return match_stored(store, store.get_articles(ids), options)


def match_stored(
    store: Store, articles: Sequence[Article], options: MatchOptions | None = None
) -> int:
    """``match_articles`` for articles already read from the store (ids set)."""
    options = options or DEFAULT_OPTIONS
    with store.atomic():
        batch = index_articles(store, articles, options)
        known = {p.article: p for p in batch if p.article is not None}
        skip: set[frozenset[int]] = set()
        found: list[Relation] = []
        store.delete_relations_of([p.article for p in batch if p.article is not None])
        for p in batch:
            found += [
                m.relation for m in match_profile(store, p, options, known, skip) if m.relation
            ]
        return store.put_relations(found)


def rebuild(
    store: Store,
    options: MatchOptions | None = None,
    progress: Progress | None = None,
    *,
    batch_size: int = 500,
) -> int:
    """Re-index and re-match the whole store; ``progress(done, total)`` after each step."""
    options = options or DEFAULT_OPTIONS
    store.clear_relations()
    store.clear_match_index()
    total = store.count_articles()
    batch: list[Article] = []
    done = 0
    for article in store.iter_articles():
        batch.append(article)
        if len(batch) >= batch_size:
            index_articles(store, batch, options)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total * 2)
    if batch:
        index_articles(store, batch, options)
        done += len(batch)
    if progress:
        progress(done, total * 2)
    ids = [row for row in _all_indexed(store)]
    known: dict[int, Profile] = {}
    skip: set[frozenset[int]] = set()
    stored = 0
    for k in range(0, len(ids), batch_size):
        chunk = ids[k : k + batch_size]
        for art, blob in store.match_profiles(chunk).items():
            known[art] = profiles.loads(blob)
        found = []
        for i in chunk:
            if i in known:
                found += [
                    m.relation
                    for m in match_profile(store, known[i], options, known, skip)
                    if m.relation
                ]
        stored += store.put_relations(found)
        if len(known) > 20_000:
            known = {}
        if progress:
            progress(total + min(k + batch_size, len(ids)), total * 2)
    return stored


def _all_indexed(store: Store) -> Iterable[int]:
    return [a.id for a in store.iter_articles() if a.id is not None]


def relations_for(store: Store, article_id: int) -> list[Relation]:
    """The stored relations of one article, strongest first."""
    return sorted(store.relations(article=article_id), key=lambda r: -r.score)


def trace_article(
    store: Store, ref: int | str, options: MatchOptions | None = None
) -> tuple[Article, list[Match]]:
    """An article and its matches (relations with alignments), computed now.

    The article must be stored (and indexed: it is indexed now if it is not).
    """
    options = options or DEFAULT_OPTIONS
    article = store.get_article(ref)
    if article is None or article.id is None:
        raise NotFoundError(f"no stored article {ref!r}")
    blob = store.match_profiles([article.id]).get(article.id)
    p = profiles.loads(blob) if blob else index_articles(store, [article], options)[0]
    matches = match_profile(store, p, options, {}, set())
    return article, sorted(
        (m for m in matches if m.relation),
        key=lambda m: -m.relation.score,  # type: ignore[union-attr]
    )


def trace_text(
    store: Store,
    text: str,
    *,
    url: str | None = None,
    title: str = "",
    options: MatchOptions | None = None,
) -> tuple[Article, list[Match]]:
    """Store a pasted text as an article (paragraphs split on blank lines), match it,
    and return it with its matches. Without a URL it gets a stable ``text:`` one."""
    import hashlib

    from relaytrace.text.analyse import analyse

    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    if not paragraphs:
        raise InputError("nothing to trace: the text is empty", code="empty_text")
    url = url or "text:" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    article = analyse(
        Article(url=url, site="text", title=title or paragraphs[0][:80], paragraphs=paragraphs)
    )
    (added,) = store.add_articles([article])
    match_articles(store, [added.id], options)
    return trace_article(store, added.id, options)
