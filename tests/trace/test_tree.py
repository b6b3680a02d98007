"""Relay trees: parents and lags, on fictional clusters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relaytrace.model import Relation, SourceCue
from relaytrace.trace.clusters import ArticleInfo, relay_clusters
from relaytrace.trace.origin import find_origin
from relaytrace.trace.tree import build_tree, lag_minutes

T0 = datetime(2026, 4, 14, 6, 0, tzinfo=UTC)
ORIGIN_SUFFIX = SourceCue("title_suffix", " — Quillby Post", outlet="Quillby Post")


def info(i, site, minutes, lang="en", *, marks=(), n=12, cues=(ORIGIN_SUFFIX,), **kw):
    script = "CYRILLIC" if lang in ("ru", "uk") else "LATIN"
    return ArticleInfo(
        id=i, url=f"https://{site}/a/{i}", site=site, site_name=site.split(".")[0].title(),
        lang=lang, published=kw.pop("published", T0 + timedelta(minutes=minutes)),
        precision=kw.pop("precision", "minute"), cues=cues, n_sentences=n,
        marks=frozenset(marks), script=script, **kw,
    )  # fmt: skip


def origin_info(**kw):
    return info(1, "quillbypost.example", 0, cues=(), **kw)


def rel(a, b, kind="translation", score=0.95, aligned=()) -> Relation:
    return Relation(a, b, kind, score, 1.0, 1.0, tuple(aligned))


def tree_of(infos, relations):
    by_id = {i.id: i for i in infos}
    [cluster] = relay_clusters(relations)
    origin = find_origin(cluster, by_id)
    return build_tree(cluster, by_id, origin)


def test_relays_hang_under_the_origin_with_lags_in_minutes():
    infos = [
        origin_info(),
        info(2, "newsrelay.example", 18),
        info(3, "infoflash.example", 95, "fr"),
    ]
    tree = tree_of(infos, [rel(1, 2, "copy"), rel(1, 3), rel(2, 3)])
    assert tree.origin == 1
    e2, e3 = tree.edge(2), tree.edge(3)
    assert (e2.parent, e2.lag_parent, e2.lag_origin) == (1, 18, 18)
    assert (e3.parent, e3.lag_parent) == (1, 95)
    assert tree.edge(1).parent is None


def test_a_source_link_to_a_relay_makes_it_the_parent():
    french = info(2, "infoflash.example", 40, "fr")
    link = SourceCue("source_line", "Fuente", url=french.url)
    spanish = info(3, "noticias.example", 130, "es", cues=(ORIGIN_SUFFIX, link))
    tree = tree_of([origin_info(), french, spanish], [rel(1, 2), rel(1, 3), rel(2, 3)])
    e = tree.edge(3)
    assert e.parent == 2 and e.lag_parent == 90 and e.lag_origin == 130
    assert any("source link" in r for r in e.reasons)


def test_a_copy_of_a_translation_hangs_under_the_translation():
    origin = origin_info()
    origin = ArticleInfo(**{**{f: getattr(origin, f) for f in origin.__dataclass_fields__},
                            "lang": "ru", "script": "CYRILLIC"})  # fmt: skip
    english = info(2, "globalrelay.example", 30, "en")
    english_copy = info(3, "briefnow.example", 75, "en")
    relations = [rel(1, 2), rel(1, 3), rel(2, 3, "copy", 0.99)]
    tree = tree_of([origin, english, english_copy], relations)
    assert tree.edge(3).parent == 2
    assert tree.edge(2).parent == 1


def test_names_spelled_like_an_earlier_relay_point_to_it():
    shared = {"velmora", "holtvik", "nsc", "38"}
    french_spelling = {"stankevitch", "rehnholme", "sévérinsk", "tchernov", "4600", "q:«"}
    origin = origin_info(marks=shared | {"stankevich", "rehnholm", "severinsk", "chernov", "46"})
    french = info(2, "infoflash.example", 30, "fr", marks=shared | french_spelling)
    german = info(3, "meldungen.example", 45, "de", marks=shared | {"stankewitsch", "rehnholm"})
    italian = info(4, "notizie.example", 200, "it", marks=shared | french_spelling)
    relations = [rel(1, 2), rel(1, 3), rel(1, 4), rel(2, 3), rel(2, 4), rel(3, 4)]
    tree = tree_of([origin, french, german, italian], relations)
    assert tree.edge(4).parent == 2
    assert tree.edge(3).parent == 1


def test_words_the_origin_writes_but_deems_common_are_not_another_members_spelling():
    # A Spanish origin writes "Fundación" and "Puente": common Spanish words, so
    # not among its marks. The English and French relays keep them as names;
    # sharing them says nothing about the French one being made from the English.
    kept = {"fundación", "puente", "diario", "estrecho", "faro", "unión", "cortijo"}
    origin = origin_info(lang="es", marks={"8", "quiroga"}, plain=frozenset(kept))
    english = info(2, "globalrelay.example", 30, "en", marks=kept | {"8", "quiroga"})
    french = info(3, "infoflash.example", 90, "fr", marks=kept | {"8", "quiroga"})
    relations = [rel(1, 2), rel(1, 3), rel(2, 3)]
    tree = tree_of([origin, english, french], relations)
    assert tree.edge(3).parent == 1


def test_words_with_the_origins_spelling_elsewhere_still_point_to_a_relay():
    # ... while names the origin spells otherwise still tell the lineage.
    relay_spelling = {"fundacion", "albers", "kerner", "rehnholme", "tchernov", "4600"}
    origin = origin_info(lang="es", marks={"8", "chernov"}, plain=frozenset({"fundación"}))
    english = info(2, "globalrelay.example", 30, "en", marks=relay_spelling | {"8"})
    french = info(3, "infoflash.example", 90, "fr", marks=relay_spelling | {"8"})
    tree = tree_of([origin, english, french], [rel(1, 2), rel(1, 3), rel(2, 3)])
    assert tree.edge(3).parent == 2


def test_a_relay_lacking_what_an_edited_copy_cut_hangs_under_that_copy():
    full = [(i, i, 0.9) for i in range(12)]
    cut = [(i, j, 0.9) for j, i in enumerate([0, 1, 2, 4, 5, 6, 8, 9, 10, 11])]
    origin = origin_info()
    complete = [info(k, f"relay{k}.example", 10 * k, lang)
                for k, lang in [(2, "fr"), (3, "de"), (4, "it"), (5, "pl")]]  # fmt: skip
    edited = info(6, "copyhub.example", 60, "en", n=10)
    spanish = info(7, "noticias.example", 90, "es", n=10)
    relations = [rel(1, k.id, aligned=full) for k in complete]
    relations += [rel(1, 6, "copy", aligned=cut), rel(1, 7, aligned=cut), rel(6, 7)]
    relations += [rel(k.id, 7) for k in complete]
    tree = tree_of([origin, *complete, edited, spanish], relations)
    assert tree.edge(7).parent == 6
    assert all(tree.edge(k.id).parent == 1 for k in complete)
    assert any("lacks the same 2 origin sentence" in r for r in tree.edge(7).reasons)


def test_lags_from_a_bare_date_are_marked_approximate():
    origin = origin_info()
    dated = info(2, "newsrelay.example", 0, published=T0.replace(hour=0), precision="day")
    assert lag_minutes(dated, origin) == (None, True)  # the order itself is unknown
    next_day = info(3, "copyhub.example", 0, published=T0.replace(hour=0) + timedelta(days=1),
                    precision="day")  # fmt: skip
    assert lag_minutes(next_day, origin) == (24 * 60 - 360 + 12 * 60, True)


def test_relays_of_an_origin_outside_the_corpus_have_no_parent_but_links():
    outside = SourceCue("title_suffix", " — Karsk Today", outlet="Karsk Today")
    a = info(1, "newsrelay.example", 0, cues=(outside, SourceCue("source_line", "Source link")))
    b = info(2, "copyhub.example", 20, cues=(outside,))
    c = info(3, "infoflash.example", 50, "fr",
             cues=(outside, SourceCue("source_line", "Lien source", url=a.url)))  # fmt: skip
    tree = tree_of([a, b, c], [rel(1, 2, "copy"), rel(1, 3), rel(2, 3)])
    assert tree.origin is None
    assert tree.edge(1).parent is None and tree.edge(2).parent is None
    assert tree.edge(3).parent == 1


def test_a_relay_dated_to_the_day_can_still_hang_under_a_relay_it_links():
    english = info(2, "asiapulse.example", 155, "en")
    link = SourceCue("source_line", "Fuente", url=english.url)
    spanish = info(3, "noticias.example", 0, "es", published=T0.replace(hour=0),
                   precision="day", cues=(ORIGIN_SUFFIX, link))  # fmt: skip
    tree = tree_of([origin_info(), english, spanish], [rel(1, 2), rel(2, 3)])
    edge = tree.edge(3)
    assert edge.parent == 2 and edge.approximate
