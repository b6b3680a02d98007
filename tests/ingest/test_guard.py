"""The SSRF guard's decisions, with a resolver hook so no real DNS or network is used."""

from __future__ import annotations

import ipaddress

import pytest

from relaytrace.errors import FetchError
from relaytrace.ingest.guard import address_problem, check_url


def resolver_for(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"no such host {host}")
        return table[host]

    return resolve


PUBLIC = resolver_for(
    {
        "wire.example": ["93.184.216.34"],
        "rebind.example": ["93.184.216.34", "10.0.0.7"],
        "inside.example": ["192.168.1.20"],
        "v6.example": ["2606:2800:220:1:248:1893:25c8:1946"],
    }
)


def test_a_public_host_passes_and_its_address_is_pinned():
    target = check_url("https://wire.example/story/1", resolver=PUBLIC)

    assert (target.host, target.port, target.address) == ("wire.example", 443, "93.184.216.34")
    assert check_url("http://v6.example:8080/", resolver=PUBLIC).port == 8080


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://[fd12:3456::1]/", "private"),
        ("http://169.254.10.10/", "link-local"),
        ("http://100.64.0.9/", "CGNAT"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("http://168.63.129.16/", "cloud metadata"),
        ("http://inside.example/", "private"),
        ("http://rebind.example/", "private"),  # every answer must pass, not just the first
    ],
)
def test_internal_addresses_are_refused(url: str, reason: str):
    with pytest.raises(FetchError) as err:
        check_url(url, resolver=PUBLIC)

    assert err.value.code == "blocked_address"
    assert reason in str(err.value)


def test_allow_private_opens_loopback_but_never_cloud_metadata():
    assert check_url("http://127.0.0.1:8000/", allow_private=True).address == "127.0.0.1"
    with pytest.raises(FetchError):
        check_url("http://169.254.169.254/", allow_private=True)
    with pytest.raises(FetchError):
        check_url("http://metadata.google.internal/", allow_private=True)


def test_an_allowed_host_name_does_not_open_its_redirect_targets():
    allowed = frozenset({"inside.example"})
    assert check_url("http://inside.example/", allow_hosts=allowed, resolver=PUBLIC)
    with pytest.raises(FetchError):
        check_url("http://192.168.1.20/", allow_hosts=allowed, resolver=PUBLIC)


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "bad_scheme"),
        ("ftp://wire.example/x", "bad_scheme"),
        ("gopher://wire.example/", "bad_scheme"),
        ("http://user:secret@wire.example/", "credentials_in_url"),
        ("http:///no-host", "bad_url"),
        ("http://wire.example:99999/", "bad_url"),
        ("http://unknown.example/", "dns_failed"),
    ],
)
def test_bad_urls_get_their_own_codes(url: str, code: str):
    with pytest.raises(FetchError) as err:
        check_url(url, resolver=PUBLIC)
    assert err.value.code == code


def test_nat64_addresses_are_judged_by_the_ipv4_inside():
    assert address_problem(ipaddress.ip_address("64:ff9b::7f00:1")) == "loopback"
    assert address_problem(ipaddress.ip_address("64:ff9b::5db8:d822")) is None


def test_the_pinned_url_connects_to_the_checked_address_and_keeps_the_name():
    target = check_url("https://wire.example/story/1?page=2#top", resolver=PUBLIC)
    assert target.pinned() == ("https://93.184.216.34/story/1?page=2", "wire.example")

    local = check_url("http://[::1]:8080/a", allow_private=True)
    assert local.pinned() == ("http://[::1]:8080/a", "[::1]:8080")


def test_an_internationalised_host_is_resolved_and_sent_in_ascii():
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34"]

    target = check_url("https://вестник.example/новости/1", resolver=resolve)

    assert asked == ["xn--b1agjinxh.example"]
    assert target.pinned()[1] == "xn--b1agjinxh.example"
