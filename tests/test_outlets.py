"""The outlet registry: integrity of the data file and the two lookups."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline import outlets
from pipeline.outlets import (
    MEDIA_TYPES,
    TYPES,
    is_well_formed_domain,
    lookup_domain,
    lookup_name,
    name_key,
    parse_outlets,
    registrable_domain,
    registry,
)


def test_registry_covers_at_least_300_media_outlets():
    media = [o for o in registry().outlets if o.type in MEDIA_TYPES]
    assert len(media) >= 300
    countries = Counter(o.country for o in media)
    for country in ("US", "GB", "CA", "AU", "IE", "IN", "DE", "FR", "ES", "MX", "AR", "CO", "CL", "BR"):
        assert countries[country] >= 2, country


@pytest.mark.parametrize(
    "name",
    [
        "Reuters",
        "AP",
        "AFP",
        "dpa",
        "EFE",
        "ANSA",
        "Kyodo",
        "Xinhua",
        "Twitter",
        "Facebook",
        "YouTube",
        "Instagram",
        "TikTok",
        "Flickr",
        "Getty Images",
    ],
)
def test_major_wires_and_platforms_are_known(name):
    assert lookup_name(name) is not None


def test_every_row_is_well_formed():
    for outlet in registry().outlets:
        assert outlet.name and outlet.name == outlet.name.strip()
        assert outlet.type in TYPES, outlet
        assert len(outlet.country) == 2 or outlet.country == "INT", outlet
        assert outlet.country == outlet.country.upper()
        for domain in outlet.domains:
            assert is_well_formed_domain(domain), (outlet.name, domain)
            assert not domain.startswith("www."), domain


def test_no_alias_is_claimed_by_two_outlets():
    owners: dict[str, set[str]] = {}
    for outlet in registry().outlets:
        for alias in (outlet.name, *outlet.aliases):
            owners.setdefault(name_key(alias), set()).add(outlet.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_no_domain_or_local_alias_is_claimed_twice():
    domains = Counter(d for o in registry().outlets for d in o.domains)
    assert [d for d, n in domains.items() if n > 1] == []
    local = Counter((c, name_key(a)) for o in registry().outlets for c, a in o.local_aliases)
    assert [k for k, n in local.items() if n > 1] == []
    names = Counter(o.name for o in registry().outlets)
    assert [n for n, c in names.items() if c > 1] == []


def test_name_forms_resolve_to_one_outlet():
    independent = lookup_name("The Independent")
    assert independent is not None
    assert lookup_name("the Independent") is independent
    assert lookup_name("Independent") is independent
    assert lookup_domain("independent.co.uk") is independent
    assert (
        lookup_name("Süddeutschen Zeitung")
        is lookup_name("SZ")
        is lookup_domain("https://www.sueddeutsche.de/x")
    )
    assert lookup_name("El Pais") is lookup_name("El País")


def test_lower_case_words_and_capitalised_acronyms_are_not_names():
    assert lookup_name("independent") is None  # an adjective
    assert lookup_name("Who") is None  # not the WHO
    assert lookup_name("WHO") is not None
    assert lookup_name("dpa") is lookup_name("DPA")  # dpa writes itself in lower case


def test_local_aliases_depend_on_the_article_country():
    assert lookup_name("ABC").name == "ABC News"
    assert lookup_name("ABC", "AU").name == "Australian Broadcasting Corporation"
    assert lookup_name("ABC", "ES").name == "ABC (Spain)"
    assert lookup_name("the Journal") is None
    assert lookup_name("the Journal", "US").name == "The Wall Street Journal"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://edition.cnn.com/2024/politics", "CNN"),
        ("http://news.bbc.co.uk/2/hi/uk_news/1.stm", "BBC"),
        ("HTTPS://User@WWW.Reuters.com:443/world/", "Reuters"),
        ("commons.wikimedia.org/wiki/File:X.jpg", "Wikimedia Commons"),
        ("https://en.wikipedia.org/wiki/X", "Wikipedia"),
        ("https://x.com/someone/status/1", "Twitter"),
        ("https://bbc.co.uk.example.net/", None),
        ("https://example.org/", None),
        ("", None),
    ],
)
def test_lookup_domain(url, expected):
    outlet = lookup_domain(url)
    assert (outlet.name if outlet else None) == expected


def test_registrable_domain_handles_two_label_suffixes():
    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("a.b.example.com") == "example.com"
    assert registrable_domain("www.smh.com.au") == "smh.com.au"
    assert registrable_domain("localhost") == "localhost"


def test_parse_outlets_reads_lists_and_local_aliases():
    rows = parse_outlets(
        "name,aliases,domains,type,country,local_aliases\n"
        "Example Times,ET|The ET,Example.com|example.net,newspaper,GB,GB:Times\n"
    )
    assert len(rows) == 1
    row = rows[0]
    assert row.aliases == ("ET", "The ET")
    assert row.domains == ("example.com", "example.net")
    assert row.local_aliases == (("GB", "Times"),)
    assert row.domain == "example.com"


def test_registry_is_loaded_once():
    assert outlets.registry() is outlets.registry()
