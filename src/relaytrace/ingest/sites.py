"""Which site a URL belongs to: its registered domain, found offline.

tldextract runs on its bundled Public Suffix List snapshot only (no download,
no cache directory). Private suffixes count (``foo.blogspot.com`` is its own
site, as relay networks often live on such hosts). Hosts under a reserved or
unknown top-level domain (``.example``, ``.test``, ``.onion``) keep their last
two labels; IP addresses and single-label hosts are their own site.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

__all__ = ["host_of", "norm_url", "registered_domain", "site_of"]

_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*")  # letters of any script (IDN), digits, dots, hyphens


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        cache_dir=None,
        suffix_list_urls=(),
        fallback_to_snapshot=True,
        include_psl_private_domains=True,
    )


def host_of(url: str) -> str:
    """The lower-cased host of ``url`` (no port, no ``www.``), or "" when it has none."""
    text = (url or "").strip()
    if "://" not in text and not text.startswith("//"):
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    host = host.strip(".").lower()
    if not _HOST.fullmatch(host):
        return ""
    return host[4:] if host.startswith("www.") and host.count(".") > 1 else host


@lru_cache(maxsize=65536)
def _domain_of_host(host: str) -> str:
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    parts = _extractor().extract_str(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    labels = host.split(".")
    return ".".join(labels[-2:])


def registered_domain(url: str) -> str:
    """The registered domain of a URL or bare host: ``https://www.bbc.co.uk/x`` → ``bbc.co.uk``.

    Returns "" when the URL has no host (``file:`` URLs, garbage).
    """
    return _domain_of_host(host_of(url))


def site_of(url: str | None) -> str:
    """The site an article URL belongs to (its registered domain), "" for ``None`` or no host."""
    if not url:
        return ""
    return registered_domain(url)


def norm_url(url: str) -> str:
    """A URL folded for comparison: scheme-less, no ``www.``, no trailing slash, no fragment."""
    u = url.strip().lower().split("#", 1)[0]
    for prefix in ("https://", "http://"):
        if u.startswith(prefix):
            u = u[len(prefix) :]
    if u.startswith("www."):
        u = u[4:]
    return u.rstrip("/")
