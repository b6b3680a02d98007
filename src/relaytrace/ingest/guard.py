"""SSRF guard: decide whether the crawler may connect to a URL, after DNS resolution.

A crawler fed URLs from feeds and redirects must not be steered into the
machine's own network. ``check_url`` refuses

- schemes other than http and https, and URLs carrying credentials (``user:pw@``);
- hosts resolving to loopback, private (RFC 1918, ULA), link-local, CGNAT
  (100.64/10), multicast, unspecified, reserved or documentation addresses —
  anything that is not globally routable — unless ``allow_private`` is set or
  the host name is listed in ``allow_hosts``;
- cloud metadata endpoints (169.254.169.254, fd00:ec2::254, 168.63.129.16, …)
  always, even with ``allow_private``.

Every resolved address must pass, not just the first, and the fetcher connects
to the address checked here (``Target.address``), sending the name in the Host
header and TLS SNI: a DNS answer that changes between check and connect
(rebinding) cannot move the connection. The fetcher calls the guard again on
every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import idna

from relaytrace.errors import FetchError

__all__ = [
    "METADATA_ADDRESSES",
    "Resolver",
    "Target",
    "address_problem",
    "check_url",
    "system_resolver",
]

Resolver = Callable[[str, int], list[str]]
"""Host name and port to the IP addresses (as strings) it resolves to."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure IMDS, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "168.63.129.16",  # Azure wireserver (a public address)
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)
_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata.goog", "instance-data"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the guard, and the address to connect to for it."""

    url: str
    scheme: str
    host: str
    port: int
    address: str

    def pinned(self) -> tuple[str, str]:
        """The URL with its host replaced by the checked address, and the Host header to send."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        default = 443 if self.scheme == "https" else 80
        netloc = address if self.port == default else f"{address}:{self.port}"
        name = f"[{self.host}]" if ":" in self.host else self.host
        host = name if self.port == default else f"{name}:{self.port}"
        return urlunsplit((self.scheme, netloc, parts.path or "/", parts.query, "")), host


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve with the operating system (getaddrinfo), all families."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_problem(ip: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why the crawler must not connect to ``ip`` ("loopback", "private", …), or None if it may."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_problem(ip.ipv4_mapped, allow_private=allow_private)
        if ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
            return address_problem(embedded, allow_private=allow_private)
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if allow_private:
        return None
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "CGNAT"
    if not ip.is_global:
        return "not globally routable"
    return None


def check_url(
    url: str,
    *,
    allow_private: bool = False,
    allow_hosts: frozenset[str] = frozenset(),
    resolver: Resolver = system_resolver,
) -> Target:
    """Check a URL before connecting; raise ``FetchError`` saying why it is refused.

    Codes: ``bad_url``, ``bad_scheme``, ``credentials_in_url``, ``dns_failed``,
    ``blocked_address``.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"malformed URL {url!r}: {exc}", code="bad_url") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"refusing {scheme or 'schemeless'} URL {url!r}", code="bad_scheme")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"refusing URL with credentials: {url!r}", code="credentials_in_url")
    host = _ascii_host((parts.hostname or "").rstrip(".").lower(), url)
    if not host:
        raise FetchError(f"URL without a host: {url!r}", code="bad_url")
    port = port or (443 if scheme == "https" else 80)
    if host in _METADATA_NAMES:
        raise FetchError(f"refusing cloud metadata host {host}", code="blocked_address")
    private_ok = allow_private or host in allow_hosts
    addresses = _resolve(host, port, resolver)
    for ip in addresses:
        problem = address_problem(ip, allow_private=private_ok)
        if problem:
            raise FetchError(
                f"refusing {host}: resolves to {problem} address {ip}", code="blocked_address"
            )
    return Target(url=url, scheme=scheme, host=host, port=port, address=str(addresses[0]))


def _ascii_host(host: str, url: str) -> str:
    """An internationalised host name in its ASCII (IDNA) form, as DNS and Host headers want."""
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise FetchError(f"bad host name in {url!r}: {exc}", code="bad_url") from exc


def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        answers = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", code="dns_failed") from exc
    addresses: list[IPAddress] = []
    for answer in answers:
        try:
            addresses.append(ipaddress.ip_address(answer.split("%", 1)[0]))
        except ValueError as exc:
            raise FetchError(f"resolver gave {answer!r} for {host}", code="dns_failed") from exc
    if not addresses:
        raise FetchError(f"{host} resolves to no address", code="dns_failed")
    return addresses
