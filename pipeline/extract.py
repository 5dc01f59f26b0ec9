"""Main text and metadata of one page: trafilatura, then our own clean-up.

The page is parsed once (`pipeline.page_signals.parse_page`); every step reads that tree.

Text comes from trafilatura in the configuration that scored best on real news pages (no
comments, precision favoured), in up to three passes, each only when the one before came out
short:

1. `precision`: the fast cascade (trafilatura's own extractor, no external comparison);
2. `precision_full`: when that text is under `_FULL_CASCADE_CHARS`, the full cascade (with
   readability and jusText compared), which finds what the fast one missed on such pages;
3. `recall`: when the text is still too short to be an article but the page carries article
   signals (a declared article type, an `<article>` with prose, a headline of 4+ words with byline
   or date, several prose paragraphs; none on a `robots: noindex` page), a recall-oriented pass
   (trafilatura's recall configuration, with its baseline rescue). A page with an article is not
   rejected while a fallback finds its text.
   `recall_truncated`: the same pass for a text that holds less than half of the page's own prose
   paragraphs (an article cut short), taken when it is clearly longer but no dump of the page.

Links are kept in the tree so citations can read them, then removed before the text is made,
so `text` never carries markdown. A line-level filter drops the furniture trafilatura lets
through. Pages that are not articles (section fronts, empty or near-empty pages) are refused
with a reason. Metadata (title, authors, date, ...) comes from `pipeline.metadata`, which reads
what the page declares first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from pipeline.boilerplate import clean_text, filter_lines
from pipeline.ids import domain_of
from pipeline.language import detect_language
from pipeline.limits import MIN_ARTICLE_WORDS
from pipeline.metadata import DATE_SEARCH_PARAMS, read_metadata
from pipeline.model import Extracted, Link
from pipeline.page_signals import PageFacts, ParsedPage, article_signals, parse_page
from pipeline.text_stats import count_words

__all__ = ["EXTRACTION_PATHS", "_DATE_PARAMS", "NotArticle", "extract_html", "extract_text"]

# htmldate's parameters for pages that declare no date (benchmarks/throughput.py mirrors them)
_DATE_PARAMS = DATE_SEARCH_PARAMS
# Which pass produced an article's text: the `extraction` column and the manifest counter.
EXTRACTION_PATHS = ("precision", "precision_full", "recall", "recall_truncated", "plain_text")

_PRECISION = {
    "include_comments": False,
    "favor_precision": True,
    "include_links": True,
    "include_tables": True,
    "with_metadata": False,  # metadata is read by pipeline.metadata from the same tree
    "deduplicate": False,
}
_RECALL = {**_PRECISION, "favor_precision": False, "favor_recall": True}
# Below this many characters the fast cascade's text is re-made by the full one. Measured on bare
# trafilatura text (no filter) of trafilatura-eval / scrapinghub / readability: fast-then-full scored
# F1 0.930 / 0.966 / 0.929, the full cascade alone 0.931 / 0.964 / 0.930, the fast one alone
# 0.916 / 0.946 / 0.902; 8 % / 4 % / 15 % of the pages took the second pass.
_FULL_CASCADE_CHARS = 500
# A text under _SHORT_TEXT_CHARS that holds less than _TRUNCATED_SHARE of the characters of the page's
# prose paragraphs (<p> of 25+ words ending a sentence) was cut short: the recall configuration gets
# a chance, and its text is taken when _TRUNCATED_GAIN times longer and not a dump of the whole page
# (at most _PROSE_SLACK times the prose, plus a margin).
_SHORT_TEXT_CHARS = 2000
_MIN_PROSE_CHARS = 1000
_TRUNCATED_SHARE = 0.5
_TRUNCATED_GAIN = 1.5
_PROSE_SLACK = 2.0

_LINK_LINE_SHARE = 0.6  # a line this much internal-link anchor text ...
_LINK_LINE_WORDS = 18  # ... and this short is a teaser, not a paragraph
_FRONT_HEADINGS = 6  # linked headings in the page from which it may be a section front ...
_LONG_PARAGRAPH_WORDS = 25  # ... when no extracted paragraph is this long ...
_FRONT_MIN_BLURBS = 4  # ... among at least this many, ...
_SIGNAL_HEADLINE_WORDS = 4  # a visible headline this long (with a byline or date) signals an article
_ARTICLE_HEADLINE_WORDS = 5  # ... unless the page shows a headline this long that its title confirms


class NotArticle(Exception):
    """The page holds no article; `reason` is the reject code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class _Text:
    """One pass's text, with the links read from its tree before they were stripped."""

    text: str
    links: list[tuple[str, str]]  # (absolute URL, anchor text) in document order
    anchor_lines: int  # lines that were mostly internal-link anchors (dropped)
    boilerplate_lines: int  # lines the furniture filter dropped
    path: str

    @property
    def words(self) -> int:
        return count_words(self.text)


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


def _run_trafilatura(page: ParsedPage, options: dict[str, object], fast: bool, path: str) -> _Text:
    import trafilatura
    from lxml import etree
    from trafilatura.xml import xmltotxt

    # trafilatura copies a tree it is given before cleaning it, so the shared tree stays intact
    document = trafilatura.bare_extraction(page.tree, url=page.url, fast=fast, **options)
    if document is None or document.body is None:
        return _Text("", [], 0, 0, path)
    raw_links = _links_of(document.body, page.url)
    etree.strip_tags(document.body, "ref")
    text, anchor_lines = _drop_link_lists(
        xmltotxt(document.body, False), raw_links, domain_of(page.url) or ""
    )
    text, dropped = clean_text(text)
    return _Text(text, raw_links, anchor_lines, dropped, path)


def _extract_text(page: ParsedPage, facts: PageFacts, headline: bool, dated: bool) -> _Text:
    found = _run_trafilatura(page, _PRECISION, True, "precision")
    if len(found.text) < _FULL_CASCADE_CHARS:
        full = _run_trafilatura(page, _PRECISION, False, "precision_full")
        if full.text or not found.text:
            found = full
    if found.words < MIN_ARTICLE_WORDS:
        if not article_signals(facts, headline, dated):
            return found
        rescued = _run_trafilatura(page, _RECALL, False, "recall")
        return rescued if rescued.words > found.words else found
    if len(found.text) < _SHORT_TEXT_CHARS and _truncated(found, facts):
        wider = _run_trafilatura(page, _RECALL, False, "recall_truncated")
        if (
            _TRUNCATED_GAIN * len(found.text)
            <= len(wider.text)
            <= _PROSE_SLACK * facts.prose.chars + _SHORT_TEXT_CHARS
        ):
            return wider
    return found


def _truncated(found: _Text, facts: PageFacts) -> bool:
    """The text holds much less than the page's own prose paragraphs: an article cut short. Not on a
    page whose prose sits in several <article> elements (a list of posts with their excerpts)."""
    prose = facts.prose
    return (
        prose.chars >= _MIN_PROSE_CHARS
        and len(found.text) < _TRUNCATED_SHARE * prose.chars
        and prose.articles <= 1
    )


def _looks_like_section_front(found: _Text, facts: PageFacts, headline_words: int) -> tuple[bool, str]:
    """Linked headlines all over the page and a text of blurbs with no paragraph of prose, on a page
    that neither declares an article type nor shows an article's headline. An article under a long
    related-links block keeps its headline (a visible heading that agrees with the declared title),
    so the block alone never makes it a section front; a front's heading is a section name.

    Cheapest test first: most articles have a paragraph of prose, and then nothing else is looked at.
    """
    paragraphs = [line for line in found.text.split("\n") if line.strip()]
    if len(paragraphs) < _FRONT_MIN_BLURBS or any(
        count_words(p) >= _LONG_PARAGRAPH_WORDS for p in paragraphs
    ):
        return False, ""
    if facts.declares_article or headline_words >= _ARTICLE_HEADLINE_WORDS:
        return False, ""
    headings = facts.linked_headings
    if headings < _FRONT_HEADINGS:
        return False, ""
    return (
        True,
        f"section front: {headings} linked headlines, {len(paragraphs)} blurbs, no paragraph of prose",
    )


def _check_article(found: _Text, facts: PageFacts | None = None, headline_words: int = 0) -> None:
    words = found.words
    if words == 0:
        if facts is not None and not facts.declares_article and headline_words < _ARTICLE_HEADLINE_WORDS:
            headings = facts.linked_headings
            if headings >= _FRONT_HEADINGS or facts.declares_listing:
                raise NotArticle(
                    "not_article", f"section front: {headings} linked headlines and no article text"
                )
        raise NotArticle("empty", "no main text found")
    if words < MIN_ARTICLE_WORDS:
        raise NotArticle("too_short", f"{words} words (minimum {MIN_ARTICLE_WORDS})")
    if facts is not None:
        front, detail = _looks_like_section_front(found, facts, headline_words)
        if front:
            raise NotArticle("not_article", detail)


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Article text and metadata of an HTML page; raises NotArticle when there is none."""
    page = parse_page(html, url)
    if page is None:
        raise NotArticle("empty", "not an HTML document")
    metadata = read_metadata(page)
    facts = PageFacts(page)
    title_words = len((metadata.title or "").split())
    # "Page not found", "Search": a headline of an article says more than a few words
    headline = metadata.has_visible_headline and title_words >= _SIGNAL_HEADLINE_WORDS
    found = _extract_text(page, facts, headline, metadata.has_byline_or_date)
    headline_words = title_words if metadata.headline_confirmed else 0
    _check_article(found, facts, headline_words)
    return Extracted(
        text=found.text,
        title=metadata.title,
        authors=metadata.authors,
        published_at=metadata.published_at,
        site_name=metadata.site_name,
        canonical_url=metadata.canonical_url,
        description=metadata.description,
        tags=metadata.tags,
        language=detect_language(found.text, metadata.declared_language),
        links=_place_links(found.text, found.links),
        boilerplate_lines_removed=found.boilerplate_lines + found.anchor_lines,
        extraction=found.path,
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
    _check_article(_Text(body, [], 0, dropped, "plain_text"))
    return Extracted(
        text=body,
        title=title,
        language=detect_language(body),
        boilerplate_lines_removed=dropped,
        extraction="plain_text",
    )
