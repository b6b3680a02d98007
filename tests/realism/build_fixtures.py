# ruff: noqa: E501  (HTML page templates are kept one line per element, as sites print them)
"""Render ``corpus.txt`` into realistic pages under ``fixtures/`` and write ``labels.json``.

Each entry becomes a page of its site in one of several real-world shapes
(WordPress "Newspaper" and "JNews" themes, Blogger, Ghost, AMP, a bare news CMS,
a legacy single-byte page, a Telegram web preview, a paywall stub, a homepage),
with the furniture real pages carry: menus, banners, share buttons, tag lists,
"related posts" with other headlines, comments, cookie banners, scripts.

    python tests/realism/build_fixtures.py
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.txt"
FIXTURES = HERE / "fixtures"


@dataclass
class Entry:
    name: str
    meta: dict[str, str]
    paragraphs: list[str] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        return self.meta.get(key, default) or default

    @property
    def file(self) -> str:
        return f"{self.name}.txt" if self.get("template") == "paste" else f"{self.name}.html"

    def template_has_body(self) -> bool:
        return self.get("template") != "homepage"


def parse_corpus(text: str) -> list[Entry]:
    """Entries of ``corpus.txt`` in order."""
    entries: list[Entry] = []
    for chunk in text.split("\n=== ")[1:]:
        head, _, body = chunk.partition("\n---\n")
        lines = head.splitlines()
        meta: dict[str, str] = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            # a suffix keeps its leading space: it is glued to the title as written
            meta[key.strip()] = value.strip() if key.strip() != "suffix" else value[1:].rstrip()
        paras = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        entries.append(Entry(lines[0].strip(), meta, paras))
    return entries


def esc(s: str) -> str:
    return html.escape(s, quote=True)


# -- page furniture ------------------------------------------------------------

COOKIE = (
    '<div id="cookie-notice" class="cn-bottom"><p>We use cookies to improve your experience. '
    'By continuing you accept our <a href="/privacy">privacy policy</a>.</p>'
    '<button class="cn-accept">Accept</button></div>'
)
SCRIPTS = (
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
    '</script>\n<script src="/wp-includes/js/jquery/jquery.min.js"></script>'
)


def share_buttons() -> str:
    return (
        '<div class="td-post-sharing"><a class="td-social-facebook" href="#">Facebook</a>'
        '<a class="td-social-twitter" href="#">Twitter</a>'
        '<a class="td-social-telegram" href="#">Telegram</a>'
        '<a class="td-social-whatsapp" href="#">WhatsApp</a></div>'
    )


def related(entries: list[Entry], me: Entry, n: int = 4) -> str:
    """A "related posts" block with headlines of other stories on this site or nearby."""
    site = me.get("url").split("/")[2] if "://" in me.get("url") else ""
    others = [
        e
        for e in entries
        if e is not me
        and "://" in e.get("url")
        and e.get("title")
        and e.get("template") != "homepage"
    ]
    same_site = [e for e in others if e.get("url").split("/")[2] == site]
    pick = (same_site + others)[:n]
    items = "".join(
        f'<li><a href="{esc(e.get("url"))}">{esc(e.get("title"))}</a></li>' for e in pick
    )
    return f'<div class="related-posts"><h3>Related posts</h3><ul>{items}</ul></div>'


def sidebar(entries: list[Entry], me: Entry) -> str:
    """A "most read" sidebar; ``sidebar_story`` puts that story's headline and lead in it."""
    named = me.get("sidebar_story")
    picks = [e for e in entries if e.name == named]
    items = ""
    for e in picks:
        lead = e.paragraphs[0] if e.paragraphs else ""
        items += (
            f'<li><a href="{esc(e.get("url"))}">{esc(e.get("title"))}</a>'
            f'<p class="excerpt">{esc(lead[:160])}…</p></li>'
        )
    items += '<li><a href="/meteo">Météo : un week-end ensoleillé</a></li>'
    return f'<aside class="widget popular-posts"><h4>Les plus lus</h4><ul>{items}</ul></aside>'


def comments() -> str:
    return (
        '<div id="comments" class="comments-area"><h3 class="comments-title">2 comments</h3>'
        '<ol class="comment-list"><li class="comment"><div class="comment-author">Rolf K.</div>'
        '<p>Who checks any of this?</p></li><li class="comment">'
        '<div class="comment-author">anna_b</div><p>Thanks for sharing.</p></li></ol>'
        '<div id="respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea>'
        "</form></div></div>"
    )


def tags(e: Entry) -> str:
    words = [w for w in e.get("title").replace(",", " ").split() if len(w) > 5][:3]
    links = "".join(f'<a href="/tag/{esc(w.lower())}" rel="tag">{esc(w)}</a>' for w in words)
    return f'<div class="td-post-source-tags"><span>TAGS</span>{links}</div>'


def shown_title(e: Entry) -> str:
    """The <title> as the site prints it: suffix, or site name before or after."""
    title, site = e.get("title"), e.get("site_name")
    style = e.get("title_style")
    if e.get("suffix"):
        return title + e.get("suffix")
    if style == "site_first":
        return f"{site} | {title}"
    if style == "site_last":
        return f"{title} - {site}"
    return f"{title} – {site}"


def published(e: Entry) -> datetime | None:
    value = e.get("published")
    return datetime.fromisoformat(value) if value else None


def iso_local(e: Entry, hours: int) -> str:
    """The publication time in a local zone (as sites print it), e.g. +01:00."""
    t = published(e)
    assert t is not None
    local = (t + timedelta(hours=hours)).replace(tzinfo=None)
    sign = "+" if hours >= 0 else "-"
    return local.isoformat(timespec="seconds") + f"{sign}{abs(hours):02d}:00"


def head(e: Entry, *, extra: str = "", og: bool = True) -> str:
    """<head> with the metadata this site's CMS writes (no charset on single-byte pages)."""
    parts = []
    if e.get("encoding", "utf-8") == "utf-8":
        parts.append('<meta charset="utf-8">')
    parts.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    parts.append(f"<title>{esc(shown_title(e))}</title>")
    parts.append(f'<link rel="canonical" href="{esc(e.get("url"))}">')
    if og:
        parts.append(f'<meta property="og:title" content="{esc(shown_title(e))}">')
        parts.append(f'<meta property="og:site_name" content="{esc(e.get("site_name"))}">')
        parts.append('<meta property="og:type" content="article">')
        parts.append(f'<meta property="og:url" content="{esc(e.get("url"))}">')
    date = e.get("date")
    if date == "meta":
        parts.append(f'<meta property="article:published_time" content="{iso_local(e, 0)}">')
    if date == "jsonld":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": e.get("title"),
            "datePublished": iso_local(e, 3),
            "publisher": {"@type": "Organization", "name": e.get("site_name")},
        }
        parts.append(
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        )
    parts.append(extra)
    return "<head>\n" + "\n".join(p for p in parts if p) + "\n</head>"


def body_paragraphs(e: Entry) -> list[str]:
    """Paragraphs as <p>, with the teaser and the image caption where real relays put them."""
    out = []
    teaser = e.get("teaser")
    caption = e.get("caption")
    t_at, c_at = -1, -1
    if teaser:
        t_at = int(teaser.split("|")[0])
    if caption:
        c_at = int(caption.split("|")[0])
    for i, p in enumerate(e.paragraphs):
        if i == c_at:
            out.append(
                '<figure class="wp-caption"><img src="/wp-content/uploads/2024/03/img1.jpg" alt="">'
                f'<figcaption class="wp-caption-text">{esc(caption.split("|", 1)[1])}</figcaption>'
                "</figure>"
            )
        out.append(f"<p>{esc(p)}</p>")
        if i == t_at:
            _, label, headline, href = teaser.split("|")
            out.append(
                f'<p><strong>{esc(label)}</strong> <a href="{esc(href)}">{esc(headline)}</a></p>'
            )
    if e.get("video"):
        out.append(
            '<div class="wp-video"><video controls src="/wp-content/uploads/2024/03/clip.mp4">'
            "</video></div>"
        )
    return out


def source_line(e: Entry) -> str:
    source = e.get("source")
    if not source:
        return ""
    label, href = source.split("|")
    if label.lower().startswith("read full article at"):
        host = label.split(" at ", 1)[1]
        return f'<p>Read Full Article at <a href="{esc(href)}">{esc(host)}</a></p>'
    if ":" in label:
        return f"<p>{esc(label)}</p>".replace(
            esc(label.split(":", 1)[1].strip()),
            f'<a href="{esc(href)}">{esc(label.split(":", 1)[1].strip())}</a>',
        )
    return f'<p><a href="{esc(href)}" target="_blank" rel="noopener">{esc(label)}</a></p>'


def visible_date(e: Entry) -> str:
    return f'<span class="post-date">{esc(e.get("date_text"))}</span>' if e.get("date_text") else ""


def extra_end(e: Entry) -> str:
    return f"<p><em>{esc(e.get('extra_end'))}</em></p>" if e.get("extra_end") else ""


def menu(site: str) -> str:
    items = ["Home", "World", "Politics", "Economy", "Sport", "Contact"]
    links = "".join(f'<li><a href="/{w.lower()}/">{w}</a></li>' for w in items)
    return f'<nav class="main-menu"><div class="logo">{esc(site)}</div><ul>{links}</ul></nav>'


# -- templates -------------------------------------------------------------------


def t_wp_td(e: Entry, entries: list[Entry]) -> str:
    banner = (
        f'<div class="td-header-banner">{esc(e.get("banner"))}</div>' if e.get("banner") else ""
    )
    date = ""
    if e.get("date") == "meta":
        date = f'<time class="entry-date updated td-module-date" datetime="{iso_local(e, 0)}">{published(e):%B %d, %Y}</time>'
    elif e.get("date") == "visible":
        date = visible_date(e)
    paras = "\n".join(body_paragraphs(e))
    return f"""<!DOCTYPE html>
<html lang="{e.get("lang")}">
{head(e, extra=SCRIPTS)}
<body class="post-template-default single single-post td-theme">
{banner}
{menu(e.get("site_name"))}
<div class="td-main-content-wrap"><div class="td-container">
<article class="post type-post status-publish">
<header class="td-post-title"><ul class="td-category"><li><a href="/world/">World</a></li></ul>
<h1 class="entry-title">{esc(e.get("title"))}</h1>
<div class="td-module-meta-info"><span class="td-post-author-name">By <a href="/author/admin/">admin</a></span> {date}</div>
</header>
{share_buttons()}
<div class="td-post-content tagdiv-type">
{paras}
{source_line(e)}
{extra_end(e)}
</div>
{tags(e)}
{share_buttons()}
</article>
{related(entries, e)}
{comments()}
</div>
<div class="td-sidebar">{sidebar(entries, e)}</div>
</div>
<footer class="td-footer"><p>© 2024 {esc(e.get("site_name"))}. All rights reserved.</p></footer>
{COOKIE}
</body>
</html>
"""


def t_wp_jeg(e: Entry, entries: list[Entry]) -> str:
    banner = (
        f'<div class="jeg_topbar"><div class="jeg_nav_item">{esc(e.get("banner"))}</div></div>'
        if e.get("banner")
        else ""
    )
    paras = "\n".join(body_paragraphs(e))
    return f"""<!DOCTYPE html>
<html lang="{e.get("lang")}">
{head(e, extra=SCRIPTS)}
<body class="wp-singular post-template-default jnews">
{banner}
{menu(e.get("site_name"))}
<div class="jeg_main"><div class="jeg_container">
<div class="entry-header"><h1 class="jeg_post_title">{esc(e.get("title"))}</h1>
<div class="jeg_meta_container"><div class="jeg_meta_author">par <a href="/author/redaction/">Rédaction</a></div>
<div class="jeg_meta_date">{visible_date(e)}</div></div></div>
<div class="jeg_share_top_container">{share_buttons()}</div>
<div class="entry-content no-share"><div class="content-inner jeg_post_content">
{paras}
{source_line(e)}
</div></div>
<div class="jeg_post_tags">{tags(e)}</div>
<div class="jnews_related_post_container">{related(entries, e)}</div>
{comments()}
</div>
<div class="jeg_sidebar">{sidebar(entries, e)}</div></div>
<div class="footer-holder"><p>{esc(e.get("site_name"))} © 2024</p></div>
{COOKIE}
</body>
</html>
"""


def t_blogger(e: Entry, entries: list[Entry]) -> str:
    paras = "<br /><br />".join(esc(p) for p in e.paragraphs)
    src = source_line(e)
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="{e.get("lang")}" xmlns:b="http://www.google.com/2005/gml/b">
{head(e, og=False, extra='<meta content="blogger" name="generator"><link rel="alternate" type="application/atom+xml" href="/feeds/posts/default">')}
<body class="variant-indie">
<div class="header-outer"><div class="Header"><h1 class="title"><a href="/">{esc(e.get("site_name"))}</a></h1>
<p class="description">Notícias do mundo, sem censura</p></div></div>
<div class="main-outer"><div class="date-outer">
<h2 class="date-header"><span>{esc(e.get("date_text"))}</span></h2>
<div class="post-outer"><div class="post hentry uncustomized-post-template">
<a name="7781"></a>
<h3 class="post-title entry-title">{esc(e.get("title"))}</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-7781">
{paras}<br /><br />{src}
</div>
<div class="post-footer"><span class="post-author vcard">Publicada por <span class="fn">Admin</span></span>
<span class="post-timestamp"><a class="timestamp-link" href="{esc(e.get("url"))}" rel="bookmark"><abbr class="published" title="{iso_local(e, 0)}">{published(e):%H:%M}</abbr></a></span>
<div class="post-share-buttons"><a href="#">Enviar por e-mail</a><a href="#">BlogThis!</a><a href="#">Partilhar no X</a></div>
<span class="post-labels">Marcadores: <a href="/search/label/Mundo" rel="tag">Mundo</a></span></div>
</div></div></div>
<div class="blog-pager"><a class="blog-pager-older-link" href="/older">Mensagem antiga</a></div>
<div class="comments"><h4>0 comentários:</h4><p>Enviar um comentário</p></div>
</div>
<div class="sidebar"><div class="widget PopularPosts"><h2>Mais lidas</h2>{related(entries, e, 3)}</div></div>
</body>
</html>
"""


def t_ghost(e: Entry, entries: list[Entry]) -> str:
    paras = "\n".join(body_paragraphs(e))
    return f"""<!DOCTYPE html>
<html lang="{e.get("lang")}">
{head(e, extra='<meta name="generator" content="Ghost 5.82">')}
<body class="post-template">
<header class="gh-head"><a class="gh-head-logo" href="/">{esc(e.get("site_name"))}</a>
<nav class="gh-head-menu"><a href="/">Home</a><a href="/tag/ukraine/">Ukraine</a><a href="/about/">About</a></nav>
<a class="gh-head-btn" href="#/portal/signup">Subscribe</a></header>
<main id="gh-main"><article class="gh-article post">
<header class="gh-article-header gh-canvas"><a class="gh-article-tag" href="/tag/news/">News</a>
<h1 class="gh-article-title">{esc(e.get("title"))}</h1>
<div class="gh-article-meta"><span class="gh-article-author">Staff</span>
<time class="gh-article-date" datetime="{published(e):%Y-%m-%dT%H:%MZ}">{published(e):%d %b %Y}</time></div></header>
<section class="gh-content gh-canvas">
{paras}
</section></article>
<section class="gh-cta"><h2>Sign up for the newsletter</h2><form><input type="email"></form></section>
<aside class="gh-readmore">{related(entries, e, 3)}</aside>
</main>
<footer class="gh-foot">Powered by Ghost</footer>
</body>
</html>
"""


def t_outlet(e: Entry, entries: list[Entry]) -> str:
    """A large outlet's own page: full metadata, standfirst, byline."""
    subtitle = (
        f'<p class="article__summary">{esc(e.get("subtitle"))}</p>' if e.get("subtitle") else ""
    )
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
    shown = {"de": "%d.%m.%Y, %H:%M Uhr", "ru": "%d.%m.%Y %H:%M", "zh": "%Y-%m-%d %H:%M"}.get(
        e.get("lang"), "%d %b, %Y %H:%M GMT"
    )
    return f"""<!DOCTYPE html>
<html lang="{e.get("lang")}">
{head(e, extra=f'<meta name="description" content="{esc(e.get("subtitle") or e.paragraphs[0][:150])}">')}
<body>
<div class="header"><a class="header__logo" href="/">{esc(e.get("site_name"))}</a>
<ul class="nav"><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li></ul></div>
<div class="layout"><div class="article">
<div class="article__date">{published(e):{shown}}</div>
<h1 class="article__heading">{esc(e.get("title"))}</h1>
{subtitle}
<div class="article__cover"><img src="/static/cover.jpg" alt=""><div class="media__footer">Photo: archive</div></div>
<div class="article__text">
{paras}
</div>
<div class="article__tags"><a href="/tags/news">News</a></div>
<div class="read-more"><h3>Read more</h3>{related(entries, e, 3)}</div>
</div></div>
<div class="footer">© {esc(e.get("site_name"))}</div>
</body>
</html>
"""


def t_simple(e: Entry, entries: list[Entry]) -> str:
    """A bare news CMS: no metadata beyond <title>, a visible date line."""
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
    return f"""<!DOCTYPE html>
<html>
{head(e, og=False)}
<body>
<table width="100%"><tr><td class="top"><a href="/">{esc(e.get("site_name"))}</a> | <a href="/archive">Archiv</a></td></tr></table>
<div id="content">
<h1>{esc(e.get("title"))}</h1>
<div class="date">{esc(e.get("date_text"))}</div>
<div class="text">
{paras}
{source_line(e)}
{extra_end(e)}
</div>
<div class="more"><b>Weitere Nachrichten:</b>{related(entries, e, 3)}</div>
</div>
<div id="footer">{esc(e.get("site_name"))} 2024</div>
</body>
</html>
"""


def t_legacy(e: Entry, entries: list[Entry]) -> str:
    """An old PHP site: no charset declaration anywhere (served as bytes of ``encoding``)."""
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
    return f"""<html>
<head><title>{esc(e.get("site_name"))} - {esc(e.get("title"))}</title>
<link rel="canonical" href="{esc(e.get("url"))}"></head>
<body bgcolor="#ffffff">
<table><tr><td><a href="/">{esc(e.get("site_name"))}</a></td><td><a href="/news.php">Новости</a> | <a href="/arh.php">Архив</a></td></tr></table>
<table><tr><td valign="top" width="70%">
<h2>{esc(e.get("title"))}</h2>
<small>{esc(e.get("date_text"))}</small>
{paras}
{source_line(e)}
</td><td valign="top"><b>Популярное</b><br>{related(entries, e, 3)}</td></tr></table>
</body></html>
"""


def t_amp(e: Entry, entries: list[Entry]) -> str:
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
    return f"""<!doctype html>
<html amp lang="{e.get("lang")}">
{head(e, extra='<script async src="https://cdn.ampproject.example/v0.js"></script><style amp-boilerplate>body{{visibility:hidden}}</style>')}
<body>
<header class="amp-header"><a href="/">{esc(e.get("site_name"))}</a></header>
<amp-sidebar id="menu" layout="nodisplay"><ul><li><a href="/world">World</a></li></ul></amp-sidebar>
<article class="amp-article">
<h1 class="amp-title">{esc(e.get("title"))}</h1>
<amp-img src="/img/ship.jpg" width="800" height="450" layout="responsive" alt="ship"></amp-img>
<div class="amp-article-content">
{paras}
</div>
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook"></amp-social-share>
</article>
<div class="amp-related">{related(entries, e, 3)}</div>
</body>
</html>
"""


def t_telegram(e: Entry, entries: list[Entry]) -> str:
    """A channel post's web preview: one short message with a video."""
    text = "<br/>".join(esc(p) for p in e.paragraphs)
    return f"""<!DOCTYPE html>
<html>
{head(e, extra='<meta property="og:description" content="' + esc(e.paragraphs[0]) + '">')}
<body class="widget_frame_base tgme_widget body_widget_post emoji_image">
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap" data-post="frontcourier/{e.get("url").rsplit("/", 1)[1]}">
<div class="tgme_widget_message_bubble">
<div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name" href="/frontcourier"><span dir="auto">{esc(e.get("site_name"))}</span></a></div>
<a class="tgme_widget_message_video_player" href="#"><video class="tgme_widget_message_video" src="/v/clip.mp4"></video><time class="message_video_duration">0:24</time></a>
<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>
<div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">48.2K</span>
<a class="tgme_widget_message_date" href="{esc(e.get("url"))}"><time datetime="{iso_local(e, 3)}" class="datetime">{published(e) + timedelta(hours=3):%H:%M}</time></a></div>
</div></div></div>
<div class="tgme_channel_join"><a href="/frontcourier">Подписаться на канал</a></div>
</body>
</html>
"""


def t_paywall(e: Entry, entries: list[Entry]) -> str:
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{e.get("lang")}">
{head(e)}
<body>
<header><a href="/">{esc(e.get("site_name"))}</a></header>
<main><article class="news-detail">
<h1>{esc(e.get("title"))}</h1>
<div class="news-body">
{paras}
<div class="paywall"><h3>Este contenido es exclusivo para suscriptores</h3>
<p>Suscríbete para seguir leyendo. Primer mes por 1 euro.</p><a class="btn" href="/suscripcion">Suscríbete</a>
<p>¿Ya eres suscriptor? <a href="/login">Inicia sesión</a></p></div>
</div></article></main>
{COOKIE}
</body>
</html>
"""


def t_homepage(e: Entry, entries: list[Entry]) -> str:
    names = e.get("homepage_of").split(",")
    cards = []
    for other in (x for x in entries if x.name in names):
        lead = esc(other.paragraphs[0])
        cards.append(
            f'<article class="jeg_post"><h3 class="jeg_post_title"><a href="{esc(other.get("url"))}">'
            f'{esc(other.get("title"))}</a></h3><div class="jeg_post_meta">{esc(other.get("date_text"))}</div>'
            f'<div class="jeg_post_excerpt"><p>{lead}</p></div></article>'
        )
    return f"""<!DOCTYPE html>
<html lang="fr">
{head(e, og=True)}
<body class="home blog jnews">
<div class="jeg_topbar">{esc("Dernières Nouvelles | News 24")}</div>
{menu(e.get("site_name"))}
<div class="jeg_main"><div class="jeg_posts">
{"".join(cards)}
</div></div>
{COOKIE}
</body>
</html>
"""


def t_paste(e: Entry, entries: list[Entry]) -> str:
    """Text pasted from a relay page, shaped like the project's seed: banner, title, body, source."""
    lines = [e.get("banner"), shown_title(e), *e.paragraphs, e.get("source").split("|")[0]]
    return "\n\n".join(x for x in lines if x) + "\n"


TEMPLATES = {
    "wp_td": t_wp_td,
    "wp_jeg": t_wp_jeg,
    "blogger": t_blogger,
    "ghost": t_ghost,
    "outlet": t_outlet,
    "simple": t_simple,
    "legacy": t_legacy,
    "amp": t_amp,
    "telegram": t_telegram,
    "paywall": t_paywall,
    "homepage": t_homepage,
    "paste": t_paste,
}


def local_time(e: Entry) -> str | None:
    """The wall-clock time a page prints without a zone (``tz`` says the site's offset)."""
    if not e.get("tz") or not e.get("published"):
        return None
    sign = 1 if e.get("tz")[0] == "+" else -1
    hours = sign * int(e.get("tz")[1:3])
    return iso_local(e, hours)[:16]


def foreign_suffix(e: Entry) -> str | None:
    """A title suffix that names another outlet (a site's own name is no provenance cue)."""
    suffix = e.get("suffix").strip(" —–-|")
    return suffix if suffix and suffix != e.get("site_name") else None


def label(e: Entry, by_name: dict[str, Entry]) -> dict[str, object]:
    relay_of = e.get("relay_of")
    source = e.get("source")
    return {
        "file": e.file,
        "url": e.get("url"),
        "role": e.get("role"),
        "relay_of": by_name[relay_of].get("url") if relay_of else None,
        "story": e.get("story"),
        "lang": e.get("lang"),
        "published": e.get("published") or None,
        "precision": e.get("precision", "minute") if e.get("published") else None,
        "local": local_time(e),
        "title": e.get("title"),
        "site_name": e.get("site_name"),
        "template": e.get("template"),
        "encoding": e.get("encoding", "utf-8"),
        "first_paragraph": e.paragraphs[0] if e.template_has_body() else None,
        "last_paragraph": e.paragraphs[-1] if e.template_has_body() else None,
        "paragraphs": e.paragraphs if e.template_has_body() else [],
        "cues": {
            "source_line": (source.split("|")[1] or None) if source else None,
            "title_suffix": foreign_suffix(e),
            "banner": e.get("banner") or None,
            "teaser": e.get("teaser").split("|")[2] if e.get("teaser") else None,
        },
        "boilerplate": [x for x in (e.get("extra_end"), e.get("caption").split("|")[-1]) if x],
    }


def build(out: Path = FIXTURES) -> list[dict[str, object]]:
    entries = parse_corpus(CORPUS.read_text(encoding="utf-8"))
    by_name = {e.name: e for e in entries}
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    for e in entries:
        page = TEMPLATES[e.get("template")](e, entries)
        data = page.encode(e.get("encoding", "utf-8"), errors="xmlcharrefreplace")
        (out / e.file).write_bytes(data)
        labels.append(label(e, by_name))
    (out / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return labels


if __name__ == "__main__":
    print(f"{len(build())} pages written to {FIXTURES}")
