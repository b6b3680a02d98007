"""The ingest pipeline: raw documents → extract → analyse → store, in resumable batches.

Items go in batches. For each batch the pipeline drops items whose source key an
earlier run already logged, extracts and analyses the rest (here, or in a pool
of worker processes while the previous batch is being written), then writes the
articles and their source keys in one transaction. A kill between batches loses
nothing committed, and rerunning the same command finishes the job without
duplicates. One bad item never stops a batch: it becomes a counted ``Rejection``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool

from relaytrace.errors import InputError, RelaytraceError, StoreError
from relaytrace.ingest.report import IngestReport, Tally
from relaytrace.model import Article, RawDocument, Rejection
from relaytrace.store.base import Store

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "AfterBatch",
    "Extractor",
    "extract_article",
    "ingest",
    "warm_up",
]

DEFAULT_BATCH_SIZE = 200
AfterBatch = Callable[[Store, list[int]], None]
Extractor = Callable[[RawDocument], Article]

# Rejections worth retrying on a rerun (a bug or a transient failure, not the input's fault).
_RETRY_REASONS = frozenset({"extraction_failed", "store_failed"})


def extract_article(raw: RawDocument) -> Article:
    """The default extractor: the article in a raw document, with language and sentences.

    A page that names no URL of its own (no canonical link) and came without one
    takes ``meta["fallback_url"]`` (a saved file's ``file://`` URL).
    """
    from relaytrace.ingest.extract import extract  # imported here: heavy, and per worker
    from relaytrace.text.analyse import analyse

    try:
        article = extract(raw)
    except InputError as exc:
        fallback = raw.meta.get("fallback_url")
        if exc.code != "missing_url" or raw.url or not fallback:
            raise
        article = extract(dataclasses.replace(raw, url=fallback))
    return analyse(article)


def ingest(
    store: Store,
    items: Iterable[RawDocument | Rejection],
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    after_batch: AfterBatch | None = None,
    progress: Callable[[int], None] | None = None,
    extractor: Extractor = extract_article,
) -> IngestReport:
    """Extract, analyse and store ``items``; return what became of them.

    ``after_batch(store, ids)`` runs after each committed batch with the ids of
    articles added or updated in it. ``progress(n)`` is told each time ``n``
    more items are done. ``extractor`` must be a module-level function when
    ``workers > 1`` (it is sent to the worker processes).
    """
    started = time.monotonic()
    tally = Tally()
    batch_size = max(1, batch_size)
    with _Workers(workers, extractor) as pool:
        pending: _Batch | None = None
        for chunk in _chunks(items, batch_size):
            batch = _prepare(store, chunk, tally, progress)
            batch.results = pool.submit(batch.docs)
            if pending is not None:
                _write(store, pending, tally, after_batch, progress)
            pending = batch
        if pending is not None:
            _write(store, pending, tally, after_batch, progress)
    return tally.report(seconds=time.monotonic() - started)


# -- steps -----------------------------------------------------------------


@dataclass(slots=True)
class _Batch:
    docs: list[RawDocument] = field(default_factory=list)
    results: Callable[[], list[Article | Rejection]] | None = None


def _prepare(
    store: Store,
    chunk: list[RawDocument | Rejection],
    tally: Tally,
    progress: Callable[[int], None] | None,
) -> _Batch:
    """Count source rejections, drop items already ingested; what remains is to extract."""
    batch = _Batch()
    done = 0
    keys = [item.key for item in chunk if isinstance(item, RawDocument) and item.key]
    known = _known_keys(store, keys)
    seen: set[str] = set()
    for item in chunk:
        if isinstance(item, Rejection):
            tally.reject(item)
            done += 1
        elif item.key and (item.key in known or item.key in seen):
            tally.skipped += 1
            done += 1
        else:
            if item.key:
                seen.add(item.key)
            batch.docs.append(item)
    if progress and done:
        progress(done)
    return batch


def _write(
    store: Store,
    batch: _Batch,
    tally: Tally,
    after_batch: AfterBatch | None,
    progress: Callable[[int], None] | None,
) -> None:
    """Store one batch in one transaction, with the keys of everything it settled."""
    assert batch.results is not None
    outcomes = batch.results()
    articles: list[Article] = []
    keys: list[str | None] = []
    rejected: list[tuple[str, str]] = []
    for raw, outcome in zip(batch.docs, outcomes, strict=True):
        if isinstance(outcome, Article):
            articles.append(outcome)
            keys.append(raw.key)
        else:
            tally.reject(outcome)
            if raw.key and outcome.reason not in _RETRY_REASONS:
                rejected.append((raw.key, outcome.reason))
    try:
        results = store.add_articles(articles, keys=keys, rejected=rejected)
    except StoreError:
        # One article the store refuses must not sink the batch: retry one by one.
        results = []
        for i, article in enumerate(articles):
            try:
                results += store.add_articles([article], keys=[keys[i]])
            except StoreError as exc:
                tally.reject(Rejection(article.url, "store_failed", str(exc)))
        if rejected:
            store.add_articles([], keys=[], rejected=rejected)
    changed = []
    for result in results:
        tally.count(result.status)
        if result.status != "unchanged":
            changed.append(result.id)
    if after_batch and changed:
        after_batch(store, changed)
    if progress and batch.docs:
        progress(len(batch.docs))


def _known_keys(store: Store, keys: list[str]) -> set[str]:
    return store.known_keys(keys) if keys else set()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# -- extraction, here or in worker processes ----------------------------------

# Languages whose sentence rules (and word frequencies) the parent loads before forking.
_WARM_LANGS = ("en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "ar", "zh")
_WARM_PAGE = RawDocument(
    origin="warm-up",
    kind="html",
    content=(
        "<html lang='en'><head><title>Warm-up page</title></head><body><article>"
        "<h1>Minister Arlo Vance visits Port Evren</h1><p>Minister Arlo Vance said on "
        "Monday that the harbour of Port Evren will reopen in May. Dr. Lena Holt agreed.</p>"
        "<p>The works cost 61 million euros, the city council of Port Evren said.</p>"
        "</article></body></html>"
    ),
    url="https://warm-up.example/news/1",
)


def warm_up(extractor: Extractor = extract_article) -> None:
    """Load what every extraction needs once, here: modules, language model, sentence rules.

    The pipeline calls it before forking a worker pool, so that the workers
    inherit the loaded trafilatura, lxml, py3langid model and rule tables
    (shared copy-on-write pages) instead of each loading them again. Only the
    default extractor is run on a sample page; any other is left untouched.
    """
    from relaytrace.text.sentences import split_sentences

    if extractor is extract_article:
        # A failure here shows again, counted as a rejection, on real input.
        with contextlib.suppress(Exception):
            extract_article(_WARM_PAGE)
    for lang in _WARM_LANGS:
        split_sentences("Dr. Holt met Mr. Vance on Monday. The council agreed. Vance left.", lang)


_extractor: Extractor = extract_article


def _process(raw: RawDocument) -> Article | Rejection:
    """Extract one document; every failure becomes a Rejection, never an exception."""
    try:
        return _extractor(raw)
    except RelaytraceError as exc:
        return Rejection(raw.origin, exc.code, str(exc))
    except Exception as exc:  # an extractor bug must not stop the batch
        return Rejection(raw.origin, "extraction_failed", f"{type(exc).__name__}: {exc}")


def _init_worker(extractor: Extractor, forked: bool = False) -> None:
    global _extractor
    _extractor = extractor
    if forked:
        # Fresh stdio objects: a parent thread (a progress display) may have held the
        # old ones' buffer locks at the fork, and a warning printed here would wait forever.
        sys.stdout = open(1, "w", closefd=False, errors="backslashreplace")  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace")  # noqa: SIM115


class _Workers:
    """Runs ``_process`` over a batch: inline, or in a process pool (results come back here)."""

    def __init__(self, workers: int, extractor: Extractor) -> None:
        self.workers = max(1, workers)
        self.extractor = extractor
        self.pool: Pool | None = None

    def __enter__(self) -> _Workers:
        if self.workers > 1:
            method = _start_method()
            if method == "fork":
                _init_worker(self.extractor)
                warm_up(self.extractor)
                gc.freeze()  # loaded objects leave the collector's lists: fewer copied pages
            ctx = multiprocessing.get_context(method)
            self.pool = ctx.Pool(self.workers, _init_worker, (self.extractor, method == "fork"))
        else:
            _init_worker(self.extractor)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()
            gc.unfreeze()

    def submit(self, docs: list[RawDocument]) -> Callable[[], list[Article | Rejection]]:
        """Start extracting ``docs``; the returned function waits for the results."""
        if self.pool is None:
            return lambda: [_process(doc) for doc in docs]
        chunksize = max(1, len(docs) // (self.workers * 4))
        pending: AsyncResult = self.pool.map_async(_process, docs, chunksize=chunksize)
        return pending.get


def _start_method() -> str:
    """ "fork" on Linux, even while a progress thread runs; "spawn" elsewhere.

    Forking while another thread runs is unsafe only if that thread holds a
    lock the child then needs. The threads alive during an ingest are the CLI's
    progress display (rich's refresh thread, which takes the console's and
    stdout's locks) and the crawler's fetch threads (httpx, politeness locks).
    Workers only run ``_process``: they touch neither the console, nor the
    network, nor the parent's store connection (results go back through the
    pool's pipe); they get fresh ``sys.stdout``/``sys.stderr`` objects in case
    a warning is printed. Logging's locks are reset after a fork by the
    standard library itself, as are the import lock and the allocator's. The
    pool is also created before the first batch is read, so no fetch is in
    flight at the fork unless the source started one. So fork is safe here, and it
    saves each worker re-importing trafilatura and reloading the language model
    (about a second and 100+ MB per worker under "spawn"). macOS and Windows
    keep "spawn", their safe default.
    """
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"
