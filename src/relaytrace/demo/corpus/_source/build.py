"""Render the demo corpus from its sources: one ``articles/*.article`` file per article.

Writes ``../articles.jsonl``, ``../html/*.html``, ``../paste/seed_shaped_fr.txt`` and
``tests/fixtures/demo_labels.json``, then checks what it wrote (``check.py``).
Run from anywhere: ``python build.py``. This folder is the corpus's source, not
part of it: nothing here is meant to be ingested.

An ``.article`` file is ``key: value`` header lines, a ``---`` line, then paragraphs
separated by blank lines; ``[teaser]`` and ``[source]`` mark a relay's cue lines.
A copy may ``derive`` its body from another article (with ``drop``, ``replace``,
``teaser_swap``, ``truncate``) so that verbatim copies stay verbatim.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
SRC = HERE / "articles"
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent
LABELS = (
    Path(sys.argv[2])
    if len(sys.argv) > 2
    else HERE.parents[4] / "tests" / "fixtures" / "demo_labels.json"
)
CHROME = json.loads((HERE / "site_chrome.json").read_text(encoding="utf-8"))
MARK = re.compile(r"^\[(teaser|source)\]\s*(.*)$", re.S)


def parse(path: Path) -> dict:
    """Read one ``.article`` file into a dict of header fields plus ``paras``."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    rec: dict = {}
    for line in head.splitlines():
        if line.strip():
            k, _, v = line.partition(":")
            rec[k.strip()] = v.strip()
    paras = [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    rec["paras"] = [" ".join(p.split("\n")) for p in paras]
    return rec


def content_paras(rec: dict) -> list[str]:
    """Paragraphs without the relay's own source line."""
    return [p for p in rec["paras"] if not p.startswith("[source]")]


def split_list(value: str) -> list[str]:
    return [s.strip() for s in value.split("||") if s.strip()]


def derive(rec: dict, parent: dict) -> None:
    """Build a copy's body from its parent's: drop sentences, respell, swap teaser, cut."""
    paras = content_paras(parent)
    for sentence in split_list(rec.get("drop", "")):
        hits = [i for i, p in enumerate(paras) if sentence in p]
        assert len(hits) == 1, (rec["id"], sentence)
        i = hits[0]
        paras[i] = re.sub(r"\s+", " ", paras[i].replace(sentence, "")).strip()
    for pair in split_list(rec.get("replace", "")):
        a, b = (x.strip() for x in pair.split("=>"))
        assert any(a in p for p in paras), (rec["id"], a)
        paras = [p.replace(a, b) for p in paras]
    teasers = [plain(p) for p in paras if p.startswith("[teaser]")]
    if teasers and not rec.get("teaser_swap"):
        headline = re.sub(r"^[^:]{3,40}:\s*", "", teasers[0])
        rec.setdefault("teaser_href", slug_href(parent, headline))
    if rec.get("teaser_swap"):
        swap = "[teaser] " + rec["teaser_swap"]
        paras = [swap if p.startswith("[teaser]") else p for p in paras]
    cut = int(rec.get("truncate") or 0)
    if cut:
        paras = paras[:-cut]
    rec["paras"] = [p for p in paras if p] + rec["paras"]
    if "subtitle" not in rec and "subtitle" in parent:
        rec["subtitle"] = parent["subtitle"]


def plain(p: str) -> str:
    m = MARK.match(p)
    return m.group(2) if m else p


def text_of(rec: dict) -> str:
    """The article as a relay site shows it, cue lines included."""
    parts = [rec["banner"]] if rec.get("banner") else []
    if rec.get("subtitle"):
        parts.append(rec["subtitle"])
    parts += [plain(p) for p in rec["paras"]]
    return "\n\n".join(parts)


def local(rec: dict) -> str:
    """Publication time in the site's own UTC offset (``tz`` header, default UTC)."""
    dt = datetime.fromisoformat(rec["published"].replace("Z", "+00:00"))
    off = rec.get("tz", "+00:00")
    sign = 1 if off[0] == "+" else -1
    tz = timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
    return dt.astimezone(tz).isoformat()


def slug_href(rec: dict, headline: str) -> str:
    """A teaser's link: on the relay's own site, or (``teaser_href``) kept from its source."""
    if rec.get("teaser_href"):
        return rec["teaser_href"]
    ascii_ = unicodedata.normalize("NFKD", headline.lower()).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60].strip("-")
    return f"https://{rec['site']}/related/{s}/"


def cue_html(rec: dict, by_id: dict, what: str, txt: str) -> str:
    e = html.escape
    if what == "teaser":
        headline = re.sub(r"^[^:]{3,40}:\s*", "", txt)
        prefix = txt[: len(txt) - len(headline)].strip()
        link = f'<a href="{slug_href(rec, headline)}">{e(headline)}</a>'
        if prefix:
            return f'<p class="read-more"><strong>{e(prefix)}</strong> {link}</p>'
        return f'<div class="related-inline">{link}</div>'
    parent = by_id.get(rec.get("relay_of", ""))
    href = parent["url"] if parent else rec.get("source_href", "")
    if not href:
        return f'<p class="source-link">{e(txt)}</p>'
    return (
        f'<p class="source-link"><a href="{href}" rel="nofollow noopener" '
        f'target="_blank">{e(txt)}</a></p>'
    )


def body_html(rec: dict, by_id: dict) -> str:
    out = []
    for p in rec["paras"]:
        m = MARK.match(p)
        out.append(cue_html(rec, by_id, *m.groups()) if m else f"<p>{html.escape(p)}</p>")
    return "\n".join(out)


def sidebar(rec: dict) -> str:
    """Five "most read" headlines of the site's language, linked like real sidebars."""
    items = CHROME["sidebar"][rec["lang"]]
    n = sum(map(ord, rec["id"])) % len(items)
    kind = {"wp": "item", "news": "story"}.get(rec["format"], "p")
    return "".join(
        f'<li><a href="https://{rec["site"]}/{kind}/{zlib.crc32(h.encode()) % 90000 + 10000}">'
        f"{html.escape(h)}</a></li>"
        for h in (items[n:] + items[:n])[:5]
    )


def jsonld(rec: dict, headline: str) -> str:
    d = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": local(rec),
        "inLanguage": rec["lang"],
        "mainEntityOfPage": rec["url"],
        "publisher": {"@type": "Organization", "name": rec["site_name"]},
    }
    if rec.get("author"):
        d["author"] = {"@type": "Person", "name": rec["author"]}
    return json.dumps(d, ensure_ascii=False).replace("</", "<\\/")


def template(name: str) -> Template:
    return Template((HERE / "templates" / f"{name}.tmpl").read_text(encoding="utf-8"))


def fields(rec: dict, by_id: dict, title_tag: str, og_title: str, extra: str) -> dict:
    """Everything a page template may ask for, escaped."""
    e = html.escape
    u = CHROME["ui"][rec["lang"]]
    site = rec["site"]
    desc = rec.get("subtitle") or plain(content_paras(rec)[0])[:180]
    f = {k: e(v) for k, v in u.items() if isinstance(v, str)}
    f.update(
        lang=rec["lang"],
        site=site,
        site_name=e(rec["site_name"]),
        url=rec["url"],
        published=local(rec),
        shown=local(rec)[:16].replace("T", " "),
        day=local(rec)[:10],
        title=e(rec["title"]),
        banner=e(rec.get("banner") or rec["site_name"]),
        body=body_html(rec, by_id),
        sidebar=sidebar(rec),
        nav0=e(u["nav"][0]),
        nav1=e(u["nav"][1]),
        nav1_slug=u["nav"][1].lower(),
        cat=e(u["nav"][0]),
        cat_slug=u["nav"][0].lower(),
        prev=e(CHROME["sidebar"][rec["lang"]][-1]),
        post_id=str(zlib.crc32(rec["url"].encode()) % 90000 + 1000),
        nav="".join(f'<li><a href="https://{site}/{s.lower()}/">{e(s)}</a></li>' for s in u["nav"]),
        wpnav="".join(
            f'<li class="menu-item"><a href="https://{site}/category/{s.lower()}/">{e(s)}</a></li>'
            for s in u["nav"]
        ),
    )
    f["head"] = template("head").substitute(
        title_tag=e(title_tag),
        url=rec["url"],
        description=e(desc),
        og_title=e(og_title),
        site_name=e(rec["site_name"]),
        lang=rec["lang"],
        published=local(rec),
        jsonld=jsonld(rec, og_title),
        extra=extra,
    )
    return f


def render_news(rec: dict, by_id: dict) -> str:
    """A news site: masthead, standfirst, byline, share bar, "most read" list."""
    headline = rec.get("headline", rec["title"])
    title_tag = rec.get("title_tag") or f"{rec['title']} | {rec['site_name']}"
    extra = (
        f'<link rel="stylesheet" href="https://{rec["site"]}/assets/css/site.4c1e9a.css">\n'
        f'<script async src="https://{rec["site"]}/assets/js/metrics.js"></script>\n'
    )
    f = fields(rec, by_id, title_tag, headline, extra)
    sub = rec.get("subtitle")
    f.update(
        headline=html.escape(headline),
        section=html.escape(rec.get("section", CHROME["ui"][rec["lang"]]["nav"][0])),
        author=html.escape(rec.get("author", rec["site_name"])),
        subtitle=f'<p class="standfirst">{html.escape(sub)}</p>\n' if sub else "",
    )
    return template("news").substitute(f)


def render_wp(rec: dict, by_id: dict) -> str:
    """A WordPress autoblog theme: banner as site title, widgets, comment form."""
    site = rec["site"]
    extra = (
        f'<link rel="stylesheet" id="autoblog-style-css" '
        f'href="https://{site}/wp-content/themes/newsmagz/style.css?ver=2.4.1" media="all">\n'
        f'<script src="https://{site}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>\n'
        '<meta name="generator" content="WordPress 6.5.3">\n'
    )
    f = fields(rec, by_id, f"{rec['title']} – {rec['site_name']}", rec["title"], extra)
    sub = rec.get("subtitle")
    f["subtitle"] = f'<h2 class="entry-subtitle">{html.escape(sub)}</h2>\n' if sub else ""
    return template("wp").substitute(f)


def render_min(rec: dict, by_id: dict) -> str:
    """A bare page: one line of links, the post, a short list, a counter script."""
    extra = "<style>body{max-width:42em;margin:auto;font-family:sans-serif}</style>\n"
    f = fields(rec, by_id, rec["title"], rec["title"], extra)
    sub = rec.get("subtitle")
    f["subtitle"] = f"<p><em>{html.escape(sub)}</em></p>\n" if sub else ""
    return template("min").substitute(f)


RENDER = {"news": render_news, "wp": render_wp, "min": render_min}


def load() -> list[dict]:
    """All article sources, with derived copies resolved."""
    recs = [parse(p) for p in sorted(SRC.glob("*.article"))]
    by_id = {r["id"]: r for r in recs}
    done: set[str] = set()

    def resolve(r: dict) -> None:
        if r["id"] not in done and r.get("derive"):
            resolve(by_id[r["derive"]])
            derive(r, by_id[r["derive"]])
        done.add(r["id"])

    for r in recs:
        resolve(r)
    return recs


def minutes(a: dict, b: dict) -> int:
    """Whole minutes from ``a``'s publication to ``b``'s."""
    t = [datetime.fromisoformat(x["published"].replace("Z", "+00:00")) for x in (a, b)]
    return round((t[1] - t[0]).total_seconds() / 60)


def label(r: dict, by_id: dict, where: str) -> dict:
    """The ground truth for one article; ``origin`` and lags only for relay members."""
    parent = by_id.get(r.get("relay_of") or "")
    origin = r if r["role"] == "origin" else None
    if parent:
        origin = parent
        while origin.get("relay_of"):
            origin = by_id[origin["relay_of"]]
    return {
        "id": r["id"],
        "url": r["url"],
        "lang": r["lang"],
        "story": r["story"],
        "role": r["role"],
        "relay_of": parent["url"] if parent else None,
        "origin": origin["url"] if origin else None,
        "lag_minutes_from_parent": minutes(parent, r) if parent else None,
        "lag_minutes_from_origin": minutes(origin, r) if origin else None,
        "published": r["published"],
        "site": r["site"],
        "outlet": r["site_name"],
        "title": r["title"],
        "file": where,
        "origin_outside_corpus": r.get("source_href"),
        "note": r.get("note", ""),
    }


def record(r: dict) -> dict:
    obj = {
        "url": r["url"],
        "site": r["site"],
        "site_name": r["site_name"],
        "published": local(r),
        "title": r["title"],
        "text": text_of(r),
    }
    if r.get("give_lang") != "no":
        obj["lang"] = r["lang"]
    return obj


def main() -> None:
    recs = load()
    by_id = {r["id"]: r for r in recs}
    (OUT / "html").mkdir(parents=True, exist_ok=True)
    (OUT / "paste").mkdir(parents=True, exist_ok=True)
    for old in (OUT / "html").glob("*.html"):
        old.unlink()
    labels = []
    with (OUT / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for r in recs:
            if r["format"] == "jsonl":
                fh.write(json.dumps(record(r), ensure_ascii=False) + "\n")
                where = "articles.jsonl"
            else:
                page = RENDER[r["format"]](r, by_id)
                (OUT / "html" / r["file"]).write_text(page, encoding="utf-8")
                where = f"html/{r['file']}"
            labels.append(label(r, by_id, where))
            if r.get("paste"):
                lines = [r["banner"], r["title"], r["subtitle"], *map(plain, r["paras"])]
                text = "\n\n".join(lines) + "\n"
                (OUT / "paste" / r["paste"]).write_text(text, encoding="utf-8")
    labels.sort(key=lambda x: (x["story"], x["published"]))
    LABELS.parent.mkdir(parents=True, exist_ok=True)
    seed = next(r for r in recs if r.get("paste"))
    doc = {
        "about": "Ground truth of the relaytrace demo corpus (fiction). Built by _source/build.py.",
        "main_story": seed["story"],
        "seed_shaped": {"url": seed["url"], "paste": f"paste/{seed['paste']}"},
        "articles": labels,
    }
    LABELS.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(recs)} articles written to {OUT}, labels to {LABELS}")


if __name__ == "__main__":
    main()
