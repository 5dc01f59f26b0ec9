"""Citations: the outlets, agencies and publications an article cites, with canonical names.

Rule based and cue driven, because precision matters more than recall for who-cites-whom graphs:
a name becomes a citation only next to a citing cue ("according to", "told", "reported", "selon",
"laut", "según" ...), in a labelled trailer ("Sources:", "Photo credit:", "Quelle:"), in an agency
tag ("BERLIN (dpa) -", "(AFP)", "— AP"), inside a German compound ("Spiegel-Bericht"), as "the
newspaper" pointing back to an outlet cited before, or as an outbound link. A name found there is
resolved with the outlet registry (`pipeline.outlets`); a name the registry does not know is kept
only when it looks like an outlet ("the Tulsa World", "der Nordwest-Zeitung", "the local newspaper
Kurjer") so that people ("told John Smith") and affiliations ("a fellow at the American Security
Project", which has no cue at all) never become sources. Organisations (the WHO, the World Bank)
are sources only of studies and reports; when they merely speak they are speakers for the quotes
table, not citations.

The words of each language live in `pipeline.lang`; the rules here: `cues` (forward, backward,
anaphoric, compounds), `trailers` (labels, agency tags, copyright), `links`. Scanning is a handful
of precompiled patterns over the text, then small anchored matches around each cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.citations.cues import (
    backward_cues,
    compound_outlets,
    compound_studies,
    forward_cues,
    media_staff,
    platforms,
    report_authors,
)
from pipeline.citations.links import links as link_citations
from pipeline.citations.scanner import Scanner
from pipeline.citations.spoken_to import spoken_to
from pipeline.citations.trailers import agency_tags, labelled
from pipeline.model import Citation, Link

__all__ = ["find_citations"]

_PRIORITY = {"source_line": 0, "via": 1, "photo_credit": 2, "attribution": 3, "study": 4, "link": 5}


def _dedupe(sc: Scanner) -> list[Citation]:
    """One row per (source, place); the article's own outlet is never a citation."""
    best: dict[tuple, Citation] = {}
    for row in sc.rows:
        if sc.own_outlet is not None and row.source_name == sc.own_outlet.name:
            continue
        if row.kind != "link" and sc.own_domain and row.source_domain == sc.own_domain:
            continue
        key = (
            row.kind == "link",
            row.source_name,
            row.start,
            row.end,
            row.url if row.kind == "link" else None,
        )
        kept = best.get(key)
        if kept is None or _PRIORITY[row.kind] < _PRIORITY[kept.kind]:
            best[key] = row
    out = list(best.values())
    out.sort(key=lambda r: (r.start if r.start is not None else len(sc.text) + 1, _PRIORITY[r.kind]))
    return out


def find_citations(
    text: str, links: Sequence[Link], article_url: str | None, language: str | None = None
) -> list[Citation]:
    """Citations of one article: attributions, source lines, via, photo credits, studies and links."""
    text = text or ""
    sc = Scanner(text, article_url, language)
    sc.set_links(links or ())
    if text:
        labelled(sc)
        agency_tags(sc)
        forward_cues(sc)
        backward_cues(sc)
        compound_outlets(sc)
        compound_studies(sc)
        report_authors(sc)
        platforms(sc)
        media_staff(sc)
        spoken_to(sc)
    link_citations(sc, links or ())
    return _dedupe(sc)
