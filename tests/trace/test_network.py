"""The outlet network: site edges, profiles and communities from relay trees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relaytrace.model import Relation, SourceCue
from relaytrace.trace.clusters import ArticleInfo
from relaytrace.trace.network import communities, percentile
from relaytrace.trace.outlets import build_outlets, name_matches_site, registered_domain
from relaytrace.trace.report import provenance_of

T0 = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)
ORIGINS = {"quillbypost.example": ("Quillby Post", "en"), "karskwire.example": ("Karsk Wire", "en")}
RELAYS = {
    "newsrelay.example": ("News Relay", "en", "quillbypost.example"),
    "infoflash.example": ("Info Flash", "fr", "quillbypost.example"),
    "kopienetz.example": ("Kopie Netz", "de", "karskwire.example"),
    "copyhub.example": ("Copy Hub", "en", "karskwire.example"),
}


def corpus(stories_per_origin: int = 4) -> tuple[dict[int, ArticleInfo], list[Relation]]:
    """Each origin outlet publishes stories; its two relay sites copy each, 30 and 90 min later."""
    infos: dict[int, ArticleInfo] = {}
    relations: list[Relation] = []
    n = 0
    for k in range(stories_per_origin):
        for osite, (oname, olang) in ORIGINS.items():
            n += 1
            origin_id = n
            t = T0 + timedelta(days=k)
            infos[n] = ArticleInfo(n, f"https://{osite}/{n}", osite, site_name=oname,
                                   lang=olang, published=t, precision="minute")  # fmt: skip
            lag = 30
            for rsite, (rname, rlang, source) in RELAYS.items():
                if source != osite:
                    continue
                n += 1
                cue = SourceCue("title_suffix", f" — {oname}", outlet=oname)
                infos[n] = ArticleInfo(
                    n, f"https://{rsite}/{n}", rsite, site_name=rname, lang=rlang,
                    published=t + timedelta(minutes=lag + k), precision="minute", cues=(cue,),
                )  # fmt: skip
                kind = "copy" if rlang == olang else "translation"
                relations.append(Relation(origin_id, n, kind, 0.95, 1.0, 1.0))  # type: ignore[arg-type]
                lag += 60
    # Independent outlets: stories of their own, related to nothing as relays.
    for i, site in enumerate(["harbortimes.example", "abendblatt.example"]):
        n += 1
        infos[n] = ArticleInfo(n, f"https://{site}/{n}", site, site_name=site.split(".")[0],
                               lang="en", published=T0 + timedelta(hours=i))  # fmt: skip
    return infos, relations


def network():
    infos, relations = corpus()
    counts: dict[str, int] = {}
    for i in infos.values():
        counts[i.site] = counts.get(i.site, 0) + 1
    return provenance_of(infos, relations, site_articles=counts).network()


def test_edges_count_relays_with_lag_statistics():
    net = network()
    edge = next(e for e in net.edges if e.relay == "infoflash.example")
    assert edge.origin == "quillbypost.example"
    assert edge.count == 4
    assert edge.languages == ("fr",)
    assert edge.median_lag == 91.5  # 90, 91, 92, 93 minutes
    assert edge.p90_lag == percentile([90, 91, 92, 93], 0.9)
    assert edge.first_seen < edge.last_seen


def test_profiles_say_what_share_is_relayed_and_from_whom():
    net = network()
    flash = net.sites["infoflash.example"]
    assert flash.relays == 4 and flash.relay_share == 1.0
    assert net.top_origin("infoflash.example") == "quillbypost.example"
    assert flash.translates_into == ("fr",)
    origin = net.sites["quillbypost.example"]
    assert origin.relays == 0 and origin.originals_relayed == 4
    assert net.sites["harbortimes.example"].relay_share == 0.0


def test_communities_group_relays_with_their_origins_and_leave_independents_out():
    net = network()
    comm = {s: p.community for s, p in net.sites.items()}
    assert comm["newsrelay.example"] == comm["infoflash.example"] == comm["quillbypost.example"]
    assert comm["copyhub.example"] == comm["kopienetz.example"] == comm["karskwire.example"]
    assert comm["newsrelay.example"] != comm["copyhub.example"]
    assert comm["harbortimes.example"] == comm["abendblatt.example"] == -1
    assert (
        communities(net, "greedy")["infoflash.example"]
        == communities(net, "greedy")["quillbypost.example"]
    )


def test_percentile_interpolates():
    assert percentile([], 0.5) is None
    assert percentile([10, 20], 0.5) == 15
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1


def test_outlets_merge_per_registered_domain_and_fall_back_to_credited_names():
    outlets = build_outlets(
        [("www.quillbypost.example", "Quillby Post"), ("quillbypost.example", "Quillby Post"),
         ("news.quillbypost.example", "QP News"), ("karskwire.example", None)],
        fallback=[("karskwire.example", "Karsk Wire"), ("quillbypost.example", "The Post")],
    )  # fmt: skip
    assert set(outlets) == {"quillbypost.example", "karskwire.example"}
    assert outlets["quillbypost.example"].name == "Quillby Post"
    assert outlets["quillbypost.example"].articles == 3
    assert outlets["karskwire.example"].name == "Karsk Wire"


def test_outlet_names_match_sites_across_spellings():
    assert name_matches_site("Eastern Daily", "eastern-daily.example")
    assert name_matches_site("EASTERN DAILY TV", "easterndaily.example")
    assert name_matches_site("Info 24", "info24-fr.example", ["Dernières Nouvelles | Info 24"])
    assert name_matches_site("Восток Экспресс", "vostok.example", ["Vostok Ekspress"])
    assert name_matches_site("karskwire.example", "www.karskwire.example")
    assert not name_matches_site("Karsk Wire", "quillbypost.example", ["Quillby Post"])
    assert registered_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"


def test_articles_without_a_site_stay_out_of_the_network():
    infos, relations = corpus(1)
    pasted = ArticleInfo(99, "file:///tmp/pasted.txt", "", lang="fr", published=T0)
    infos[99] = pasted
    relations.append(Relation(1, 99, "translation", 0.9, 1.0, 1.0))
    net = provenance_of(infos, relations).network()
    assert "" not in net.sites
    assert all(e.relay and e.origin for e in net.edges)
