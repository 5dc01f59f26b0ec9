"""The outlet registry: canonical names, aliases, domains, type and country of news sources.

Citations name their sources in many ways ("the Independent", "Independent",
independent.co.uk); the registry maps every form to one canonical outlet so that
who-cites-whom graphs do not split a source into several nodes. The data is a
CSV written for this project (`pipeline/data/outlets.csv`), loaded once.

CSV columns: name, aliases, domains, type, country, local_aliases. Lists are
separated by "|". A local alias ("AU:ABC") resolves only for articles from that
country: "ABC" is ABC News in the US but the Australian Broadcasting Corporation
on an Australian site, so such names cannot be global aliases.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# Types of outlet; the first group are media that can be cited as reporting sources.
MEDIA_TYPES = frozenset({"wire", "newspaper", "broadcaster", "magazine", "online"})
TYPES = MEDIA_TYPES | {"agency", "platform", "journal", "organisation"}

# Two-label public suffixes common in news domains (a full public suffix list is not needed here).
_SECOND_LEVEL = frozenset(
    "co.uk org.uk ac.uk gov.uk me.uk ltd.uk plc.uk net.uk sch.uk nhs.uk police.uk "
    "com.au net.au org.au gov.au edu.au asn.au co.nz net.nz org.nz govt.nz ac.nz "
    "co.in net.in org.in gov.in ac.in co.jp ne.jp or.jp go.jp ac.jp co.kr or.kr go.kr "
    "com.br org.br gov.br com.mx org.mx gob.mx com.ar org.ar gob.ar com.co org.co gov.co "
    "com.pe gob.pe com.ve com.uy com.py com.ec com.bo com.cu com.do com.gt com.sv com.hn com.ni "
    "cl.cl co.za org.za gov.za co.ke or.ke com.ng org.ng com.gh com.eg com.sa com.qa com.kw "
    "co.il org.il gov.il com.tr org.tr gov.tr com.cn org.cn gov.cn com.hk org.hk com.tw org.tw "
    "com.sg org.sg gov.sg com.my com.ph com.pk com.bd com.lk com.np co.id or.id go.id co.th "
    "com.vn com.ua org.ua co.at or.at gv.at com.es org.es gob.es com.pt com.pl com.gr "
    "ac.at co.ca".split()
)

_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
_LEADING_ARTICLE = re.compile(r"^the\s+")
_SPACES = re.compile(r"[\s\-‐‑–]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_STRIP_CHARS = " \t\"'“”„«»‚.,;:()[]"
_FIRST_WORD = re.compile(r"[\s\"“”„«»‚(\[]*([A-Za-z0-9]+)(?:[\s\-‐‑–]|$)")  # a plain ASCII first word


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    type: str
    country: str  # ISO 3166 alpha-2, or "INT" for international bodies
    local_aliases: tuple[tuple[str, str], ...] = ()  # (country, alias)

    @property
    def domain(self) -> str | None:
        return self.domains[0] if self.domains else None


def name_key(text: str) -> str:
    """The form names are compared in: case, accents, quotes, hyphens and a leading "the" removed."""
    text = text.translate(_QUOTES).strip(_STRIP_CHARS).casefold()
    if not text.isascii():  # most names are ASCII: no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def host_of(domain_or_url: str) -> str:
    """Lower-case host name of a URL or bare domain, without "www." and port."""
    value = domain_or_url.strip()
    scheme = value.find("//")
    if scheme != -1 and scheme <= 10:
        value = value[scheme + 2 :]
    for stop in "/?#":
        k = value.find(stop)
        if k != -1:
            value = value[:k]
    value = value.rpartition("@")[2]
    if value.startswith("["):
        return ""  # IPv6 literal
    host = value.partition(":")[0].lower().rstrip(".")
    for prefix in ("www.", "www2.", "www1.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


@lru_cache(maxsize=8192)
def registrable_domain(domain_or_url: str) -> str:
    """The domain a site owns: edition.cnn.com -> cnn.com, news.bbc.co.uk -> bbc.co.uk."""
    host = host_of(domain_or_url)
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


class Registry:
    """Outlets indexed by alias key and by domain."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = outlets
        self.by_key: dict[str, Outlet] = {}
        self.lower_ok: set[str] = set()  # keys with an alias written all in lower case ("dpa")
        self.mixed_ok: set[str] = set()  # keys with an alias that is not all capitals ("WHO" is)
        self.by_local: dict[tuple[str, str], Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            for alias in (outlet.name, *outlet.aliases):
                key = name_key(alias)
                self.by_key.setdefault(key, outlet)
                if alias == alias.lower():
                    self.lower_ok.add(key)
                if alias != alias.upper():
                    self.mixed_ok.add(key)
            for country, alias in outlet.local_aliases:
                self.by_local.setdefault((country, name_key(alias)), outlet)
            for domain in outlet.domains:
                self.by_domain.setdefault(domain, outlet)
        self.max_tokens = max(len(k.split()) for k in self.by_key)
        keys = [*self.by_key, *(key for _, key in self.by_local)]
        self.first_words = frozenset(key.split(" ", 1)[0] for key in keys) | {"the"}
        # One-word lower-case aliases ("dpa", "taz") are names in running text too.
        self.lowercase_first_words = frozenset(
            alias
            for o in outlets
            for alias in (o.name, *o.aliases)
            if alias[:1].islower() and ("." not in alias or alias == o.name) and " " not in alias
        )
        # The lower-case last words of names ("Le Canard enchaîné", "Journal du dimanche"): such a
        # name may end right before a cue.
        self.lowercase_last_words = frozenset(
            last
            for o in outlets
            for alias in (o.name, *o.aliases)
            if " " in alias and (last := alias.rsplit(" ", 1)[1])[:1].islower()
        )

    def lookup_name(self, text: str, country: str | None = None) -> Outlet | None:
        first = _FIRST_WORD.match(text)
        if first is not None and first.group(1).casefold() not in self.first_words:
            return None  # no outlet's name starts so (most capitalised words): no key to compute
        key = name_key(text)
        if not key:
            return None
        if country:
            local = self.by_local.get((country, key))
            if local is not None:
                return local
        outlet = self.by_key.get(key)
        if outlet is None:
            return None
        # "independent" in lower case is an adjective, not the newspaper; "Who" is not the WHO.
        if key not in self.lower_ok and text == text.lower():
            return None
        if key not in self.mixed_ok and text != text.upper():
            return None
        return outlet

    def lookup_domain(self, domain_or_url: str) -> Outlet | None:
        host = host_of(domain_or_url)
        labels = host.split(".")
        for i in range(len(labels) - 1):  # most specific first: edition.cnn.com, cnn.com
            outlet = self.by_domain.get(".".join(labels[i:]))
            if outlet is not None:
                return outlet
        return None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def parse_outlets(csv_text: str) -> list[Outlet]:
    outlets = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        local = tuple(
            (item.split(":", 1)[0].strip(), item.split(":", 1)[1].strip())
            for item in _split(row.get("local_aliases") or "")
        )
        outlets.append(
            Outlet(
                name=row["name"].strip(),
                aliases=_split(row["aliases"]),
                domains=tuple(d.lower() for d in _split(row["domains"])),
                type=row["type"].strip(),
                country=row["country"].strip(),
                local_aliases=local,
            )
        )
    return outlets


@cache
def registry() -> Registry:
    text = resources.files("pipeline").joinpath("data", "outlets.csv").read_text(encoding="utf-8")
    return Registry(parse_outlets(text))


@lru_cache(maxsize=8192)
def lookup_name(text: str, country: str | None = None) -> Outlet | None:
    """The outlet a name refers to ("the Independent" -> The Independent), or None."""
    return registry().lookup_name(text, country)


@lru_cache(maxsize=8192)
def lookup_domain(domain_or_url: str) -> Outlet | None:
    """The outlet owning a domain or URL; subdomains resolve to their parent (edition.cnn.com -> CNN)."""
    return registry().lookup_domain(domain_or_url)


def is_well_formed_domain(domain: str) -> bool:
    return bool(_DOMAIN_RE.match(domain))
