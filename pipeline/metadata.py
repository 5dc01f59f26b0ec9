"""Title, authors, date, site name, canonical URL, description and tags of a page.

What the page declares comes first (JSON-LD, OpenGraph, `<meta>`, `<time>`, `<link>`), reconciled
with what it shows a reader; the expensive searches (htmldate's, a whole-document byline search)
run only when the page declares nothing for that field. One module per field:
`meta_title`, `meta_authors`, `meta_dates`; their word lists and patterns are in
`metadata_patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from pipeline.meta_authors import choose_authors
from pipeline.meta_common import first_json, site_name, site_names
from pipeline.meta_dates import DATE_SEARCH_PARAMS, choose_published
from pipeline.meta_title import choose_title
from pipeline.metadata_patterns import DESCRIPTION_META, LANGUAGE_META, SECTION_META, TAG_META
from pipeline.page_signals import ParsedPage

__all__ = ["DATE_SEARCH_PARAMS", "PageMetadata", "read_metadata"]


@dataclass(slots=True)
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    declared_language: str | None = None
    has_visible_headline: bool = False
    headline_confirmed: bool = False  # the visible headline agrees with a declared title
    has_byline_or_date: bool = False


def read_metadata(page: ParsedPage) -> PageMetadata:
    sites = site_names(page)
    headline = choose_title(page, sites)
    authors = choose_authors(page, sites, headline.element)
    published = choose_published(page)
    return PageMetadata(
        title=headline.title,
        authors=authors,
        published_at=published,
        site_name=site_name(page),
        canonical_url=_canonical(page),
        description=page.first_meta(*DESCRIPTION_META) or first_json(page, "description"),
        tags=_tags(page),
        declared_language=_declared_language(page),
        has_visible_headline=headline.element is not None,
        headline_confirmed=headline.confirmed,
        has_byline_or_date=bool(authors) or published is not None,
    )


def _canonical(page: ParsedPage) -> str | None:
    for candidate in (page.canonical, page.first_meta("og:url")):
        if candidate:
            absolute = urljoin(page.url or "", candidate) if page.url else candidate
            if absolute.startswith(("http://", "https://")):
                return absolute
    return page.url


def _tags(page: ParsedPage) -> list[str]:
    tags: list[str] = []
    for key in (*TAG_META, *SECTION_META):
        for value in page.meta.get(key, []):
            tags += [t.strip() for t in value.split(",")]
    for obj in page.article_objects()[:1]:
        for key in ("keywords", "articleSection"):
            value = obj.get(key)
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str):
                    tags += [t.strip() for t in item.split(",")]
    return sorted({t for t in tags if t and len(t) <= 80})


def _declared_language(page: ParsedPage) -> str | None:
    for value in (
        page.html_lang,
        page.first_meta(*LANGUAGE_META),
    ):
        if value:
            return value
    return first_json(page, "inLanguage")
