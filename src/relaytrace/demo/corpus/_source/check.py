"""Check the built demo corpus against its labels; print one line per relay.

Checks: JSONL parses with the required fields and zone-aware times; every page parses
with lxml and carries its URL (canonical, og:url), language and publication time as
labelled; relay pages link their source line to the page they copied; every
``relay_of`` is in the corpus and older than its relay; the paste text is the
French relay page's text. Exits non-zero on the first list of problems.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

from lxml import html as lhtml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import load

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
LABELS = HERE.parents[4] / "tests" / "fixtures" / "demo_labels.json"
REQUIRED = ("url", "site", "site_name", "published", "title", "text")
ROLES = {"origin", "copy", "translation", "same_story", "unrelated"}
PASTE_PAGE = "flashactu24-techniciens-militaires-norvask.html"
BODY = (
    "//div[@class='story-body']/p | //div[@class='entry-content']/p"
    " | //div[@class='post']/p[not(@class='date')]"
)
SENT = re.compile(r"[.!?][»“”\"]?\s+(?=[«„“\"A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻА-ЯЁІЇЄҐ])")


def when(s: str) -> datetime:
    dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    assert dt.tzinfo is not None, s
    return dt


def page_text(tree) -> list[str]:
    """The French relay page's visible article lines, in order, as a reader sees them."""
    out = [tree.xpath("string(//p[@class='site-title'])").strip()]
    out.append(tree.xpath("string(//h1)").strip())
    for el in tree.xpath("//div[@class='entry-content']/*"):
        out.append(" ".join(el.text_content().split()))
    return out


def shape(rec: dict) -> list[int]:
    """Sentences per body paragraph (cue lines left out): a literal translation keeps it."""
    return [len(SENT.split(p)) for p in rec["paras"] if not p.startswith("[")]


def print_shapes(labels: list[dict]) -> None:
    """One line per relay: sentences per paragraph in the relay and in its parent."""
    recs = {r["url"]: r for r in load()}
    for a in labels:
        if a["relay_of"]:
            mine, theirs = shape(recs[a["url"]]), shape(recs[a["relay_of"]])
            same = "same" if mine == theirs else "DIFF"
            print(
                f"{a['role']:<11} {a['lang']}<-{recs[a['relay_of']]['lang']} {same} "
                f"{sum(mine):>3}/{sum(theirs):<3} {mine} {a['site']}"
            )


def main() -> int:
    problems: list[str] = []
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["articles"]
    by_url = {a["url"]: a for a in labels}
    if len(by_url) != len(labels):
        problems.append("duplicate urls in labels")
    texts: dict[str, str] = {}
    for n, line in enumerate((CORPUS / "articles.jsonl").read_text("utf-8").splitlines(), 1):
        obj = json.loads(line)
        missing = [k for k in REQUIRED if not obj.get(k)]
        if missing:
            problems.append(f"articles.jsonl:{n} lacks {missing}")
        lab = by_url.get(obj["url"])
        if lab is None or lab["file"] != "articles.jsonl":
            problems.append(f"articles.jsonl:{n} {obj['url']} not labelled as jsonl")
            continue
        if when(obj["published"]) != when(lab["published"]):
            problems.append(f"{obj['url']}: published differs from label")
        texts[obj["url"]] = obj["text"]
    for path in sorted((CORPUS / "html").glob("*.html")):
        tree = lhtml.fromstring(path.read_bytes())
        url = tree.xpath("string(//link[@rel='canonical']/@href)")
        og = tree.xpath("string(//meta[@property='og:url']/@content)")
        lab = by_url.get(url)
        if lab is None or url != og or lab["file"] != f"html/{path.name}":
            problems.append(f"{path.name}: canonical/og:url {url!r} does not match labels")
            continue
        if tree.get("lang") != lab["lang"]:
            problems.append(f"{path.name}: lang {tree.get('lang')} != {lab['lang']}")
        pub = tree.xpath("string(//meta[@property='article:published_time']/@content)")
        ld = json.loads(tree.xpath("string(//script[@type='application/ld+json'])"))
        if when(pub) != when(lab["published"]) or when(ld["datePublished"]) != when(pub):
            problems.append(f"{path.name}: published time differs from label")
        hrefs = tree.xpath("//p[@class='source-link']/a/@href")
        if lab["relay_of"] and hrefs and hrefs != [lab["relay_of"]]:
            problems.append(f"{path.name}: source link {hrefs} != relay_of")
        body = tree.xpath(BODY)
        texts[url] = "\n\n".join(" ".join(p.text_content().split()) for p in body)
    for a in labels:
        if a["role"] not in ROLES:
            problems.append(f"{a['url']}: role {a['role']}")
        if a["url"] not in texts:
            problems.append(f"{a['url']}: labelled but not in the corpus")
        parent = by_url.get(a["relay_of"]) if a["relay_of"] else None
        if a["relay_of"] and parent is None:
            problems.append(f"{a['url']}: relay_of not in corpus")
        if parent and when(parent["published"]) >= when(a["published"]):
            problems.append(f"{a['url']}: published before its parent")
        if (a["role"] in {"copy", "translation"}) != bool(a["relay_of"]):
            problems.append(f"{a['url']}: role {a['role']} with relay_of {a['relay_of']}")
    paste = CORPUS / "paste" / "seed_shaped_fr.txt"
    tree = lhtml.fromstring((CORPUS / "html" / PASTE_PAGE).read_bytes())
    if paste.read_text("utf-8").strip().split("\n\n") != page_text(tree):
        problems.append("paste/seed_shaped_fr.txt differs from its HTML page")
    print_shapes(labels)
    counts: dict[str, int] = {}
    for a in labels:
        counts[a["lang"]] = counts.get(a["lang"], 0) + 1
    print(len(labels), "articles;", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
