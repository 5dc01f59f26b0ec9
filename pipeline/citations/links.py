"""Rule *link*: every external link of the article body is a citation of the site it points to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.citations.scanner import Scanner
from pipeline.model import Link
from pipeline.outlets import Outlet, host_of, is_well_formed_domain, lookup_domain, registrable_domain

_SHARE_URL = re.compile(
    r"(?:/sharer|/share|/intent/|/submit\?|/pin/create|shareArticle|/dialog/|/login|/signup|/subscribe)", re.I
)


def _external(sc: Scanner, url: str) -> tuple[str, Outlet | None] | None:
    """(registrable domain, registry outlet) of an external, non-share link; None otherwise."""
    if not url.lower().startswith(("http://", "https://", "//")) or _SHARE_URL.search(url):
        return None
    host = host_of(url)
    if not host or "." not in host:
        return None
    domain = registrable_domain(host)
    if not is_well_formed_domain(domain):
        return None
    outlet = lookup_domain(host)
    if domain == sc.own_domain or (outlet is not None and outlet is sc.own_outlet):
        return None  # an internal link
    return domain, outlet


def _name_from_text(sc: Scanner, start: int, end: int, domain: str, url: str) -> str | None:
    """ "told the Tulsa World" linked to tulsaworld.com: the unknown outlet named at the anchor keeps
    its name and gains the link's domain (one source, not two)."""
    name = None
    for i, row in enumerate(sc.rows):
        if (
            row.source_type is None
            and row.source_domain is None
            and row.start is not None
            and row.end is not None
            and row.start < end
            and start < row.end
        ):
            name = row.source_name
            sc.rows[i] = replace(row, source_domain=domain, url=url)
    return name


def links(sc: Scanner, found: Sequence[Link]) -> None:
    for link in found:
        url = (link.url or "").strip()
        external = _external(sc, url)
        if external is None:
            continue
        domain, outlet = external
        start, end = link.start, link.end
        if start is None or end is None or not (0 <= start <= end <= len(sc.text)):
            start = end = None
        name = outlet.name if outlet else domain
        if outlet is None and start is not None and end is not None:
            name = _name_from_text(sc, start, end, domain, url) or name
        sc.add(
            "link",
            name,
            link.anchor_text or url,
            outlet.domain if outlet else domain,
            url,
            start,
            end,
            outlet.type if outlet else None,
        )
