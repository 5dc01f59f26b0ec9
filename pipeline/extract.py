"""Main text and metadata of one page: trafilatura, then our own clean-up.

trafilatura runs with the configuration that scored best on real news pages
(no comments, precision favoured, metadata on). Links are kept in the tree
so that citations can read them, then removed before the text is made, so
`text` never carries markdown. A line-level filter drops the furniture
trafilatura lets through, and pages that are not articles (section fronts,
near-empty pages) are refused with a reason.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urljoin

from pipeline.boilerplate import clean_text, filter_lines
from pipeline.ids import domain_of
from pipeline.language import detect_language, normalise_tag
from pipeline.limits import MIN_ARTICLE_WORDS
from pipeline.model import Extracted, Link
from pipeline.text_stats import count_words

_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%d %H:%M:%S"}
_LINK_LINE_SHARE = 0.6  # a line this much internal-link anchor text ...
_LINK_LINE_WORDS = 18  # ... and this short is a teaser, not a paragraph
_LINKED_HEADING = re.compile(r"<h[1-6][^>]*>\s*<a\s", re.IGNORECASE)
_LISTING_SCHEMA = re.compile(r'"@type"\s*:\s*"(?:CollectionPage|ItemList|SearchResultsPage)"')
_ARTICLE_SCHEMA = re.compile(
    r'"@type"\s*:\s*"(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle)"'
    r"|<meta[^>]+property=[\"']og:type[\"'][^>]+content=[\"']article",
    re.IGNORECASE,
)
_FRONT_HEADINGS = 6  # linked headings in the page from which it may be a section front ...
_LONG_PARAGRAPH_WORDS = 25  # ... when no extracted paragraph is this long ...
_FRONT_MIN_BLURBS = 4  # ... among at least this many


class NotArticle(Exception):
    """The page holds no article; `reason` is the reject code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _split_authors(author: str | None) -> list[str]:
    if not author:
        return []
    seen: dict[str, None] = {}
    for name in re.split(r";|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+", author):
        name = name.strip(" ,")
        if name and len(name) <= 100:
            seen.setdefault(name, None)
    return list(seen)


def _parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _links_of(body, base_url: str | None) -> list[tuple[str, str]]:  # body: lxml element
    """(absolute URL, anchor text) of the body's links; relative ones resolved against the page URL."""
    found: list[tuple[str, str]] = []
    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        anchor = " ".join("".join(ref.itertext()).split())
        if not anchor or not target or target.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        if base_url and not target.startswith(("http://", "https://")):
            target = urljoin(base_url, target)
        found.append((target, anchor))
    return found


def _is_internal(link_url: str, page_host: str) -> bool:
    host = domain_of(link_url)
    return not host or not page_host or host == page_host or host.endswith("." + page_host)


def _place_links(text: str, raw_links: list[tuple[str, str]]) -> list[Link]:
    """Locate each anchor in the final text, in document order, so citations get offsets."""
    links: list[Link] = []
    cursor = 0
    for url, anchor in raw_links:
        start = text.find(anchor, cursor)
        if start < 0:
            start = text.find(anchor)
        if start < 0:
            continue  # the anchor sat in a line the boilerplate filter dropped
        end = start + len(anchor)
        links.append(Link(url=url, anchor_text=anchor, start=start, end=end))
        cursor = end
    return links


def _drop_link_lists(text: str, raw_links: list[tuple[str, str]], page_host: str) -> tuple[str, int]:
    """Drop short lines that are mostly an internal link: related-story lists trafilatura kept."""
    internal = [link for link in _place_links(text, raw_links) if _is_internal(link.url, page_host)]
    kept: list[str] = []
    dropped = 0
    position = 0
    index = 0
    for line in text.split("\n"):
        end = position + len(line)
        anchor_chars = 0
        while index < len(internal) and (internal[index].start or 0) < end:
            link = internal[index]
            if link.start is not None and link.end is not None and link.start >= position:
                anchor_chars += min(link.end, end) - link.start
            index += 1
        if line and anchor_chars >= _LINK_LINE_SHARE * len(line) and len(line.split()) <= _LINK_LINE_WORDS:
            dropped += 1
        else:
            kept.append(line)
        position = end + 1
    return "\n".join(kept), dropped


def _looks_like_section_front(text: str, html: str | None) -> tuple[bool, str]:
    """Many linked headlines in the page, and a text of blurbs rather than paragraphs.

    Cheapest test first: most articles have a paragraph of prose, and then
    the HTML is never scanned.
    """
    if html is None:
        return False, ""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if len(paragraphs) < _FRONT_MIN_BLURBS or any(
        count_words(p) >= _LONG_PARAGRAPH_WORDS for p in paragraphs
    ):
        return False, ""
    headings = len(_LINKED_HEADING.findall(html))
    if headings < _FRONT_HEADINGS or _ARTICLE_SCHEMA.search(html):
        return False, ""  # few headlines, or the page declares itself an article (og:type, JSON-LD)
    return (
        True,
        f"section front: {headings} linked headlines, {len(paragraphs)} blurbs, no paragraph of prose",
    )


def _check_article(text: str, html: str | None = None) -> None:
    words = count_words(text)
    if words == 0:
        headings = len(_LINKED_HEADING.findall(html)) if html else 0
        if headings >= _FRONT_HEADINGS or (html and _LISTING_SCHEMA.search(html)):
            raise NotArticle("not_article", f"section front: {headings} linked headlines and no article text")
        raise NotArticle("empty", "no main text found")
    if words < MIN_ARTICLE_WORDS:
        raise NotArticle("too_short", f"{words} words (minimum {MIN_ARTICLE_WORDS})")
    front, detail = _looks_like_section_front(text, html)
    if front:
        raise NotArticle("not_article", detail)


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Article text and metadata of an HTML page; raises NotArticle when there is none."""
    import trafilatura
    from lxml import etree
    from trafilatura.xml import xmltotxt

    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_precision=True,
        include_links=True,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or document.body is None:
        text, raw_links = "", []
    else:
        raw_links = _links_of(document.body, url)
        etree.strip_tags(document.body, "ref")
        text = xmltotxt(document.body, False)
    text, link_lines = _drop_link_lists(text, raw_links, domain_of(url) or "")
    text, dropped = clean_text(text)
    _check_article(text, html)
    if document is None:  # not reached: an empty text was refused above
        raise NotArticle("empty", "no main text found")
    links = _place_links(text, raw_links)
    return Extracted(
        text=text,
        title=(document.title or "").strip() or None,
        authors=_split_authors(document.author),
        published_at=_parse_published(document.date),
        site_name=document.sitename or None,
        canonical_url=document.url or None,
        description=document.description or None,
        tags=sorted({*(document.tags or []), *(document.categories or [])}),
        language=normalise_tag(document.language) or detect_language(text),
        links=links,
        boilerplate_lines_removed=dropped + link_lines,
    )


_HEADLINE_MAX_WORDS = 25


def _is_headline(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _HEADLINE_MAX_WORDS:
        return False
    return not re.search(r"[.!?…:;,]$", line) or line.endswith("?")


def extract_text(text: str, title_hint: str | None = None) -> Extracted:
    """A plain-text article: furniture lines dropped, the first headline-like line taken as title."""
    lines, dropped = filter_lines(text.splitlines())
    title = title_hint.strip() if title_hint and title_hint.strip() else None
    if lines and _is_headline(lines[0]) and (title is None or lines[0] == title):
        title = lines[0]
        lines = lines[1:]
    body = "\n".join(lines)
    _check_article(body)
    return Extracted(
        text=body, title=title, language=detect_language(body), boilerplate_lines_removed=dropped
    )
