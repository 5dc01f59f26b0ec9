"""One parse of a page, shared by every step that reads it, and the signals read off that tree.

`parse_page` builds the lxml tree once (with trafilatura's own loader, so extraction sees the same
tree it would have built) and reads what the page *declares* in one pass over its `<meta>`,
`<link>` and JSON-LD elements. Text extraction, metadata reconciliation, link reading and the
section-front check all work from this object; nothing parses the HTML a second time.

The signals answer two questions cheaply, and only when asked:
- does the page carry an article (so that a short extraction deserves a recall fallback)?
- does it look like a section front (many linked headlines, no prose)?
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pipeline.metadata_patterns import ARTICLE_TYPES, LISTING_TYPES, OG_ARTICLE_TYPES, OG_TYPE_META

_PROSE_WORDS = 25  # a <p> this long, ending a sentence, is prose rather than a teaser
_ENDS_SENTENCE = re.compile(r"[.!?…\"”»)]\s*$")
_SENTENCE = re.compile(r"\w[.!?…]\s+\w")  # two sentences in a row
_INLINE_TAGS = frozenset({"br", "a", "b", "i", "em", "strong", "span", "font", "u", "small", "sup", "sub"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_JSON_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([^"]+)"')


@dataclass(slots=True)
class ParsedPage:
    """The parsed tree of one page and what its head declares. Never mutated after parsing."""

    tree: Any  # lxml.html.HtmlElement; trafilatura copies it before it cleans anything
    url: str | None
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property/itemprop
    json_ld: list[dict[str, Any]] = field(default_factory=list)  # objects with an @type, @graph flattened
    json_ld_types: frozenset[str] = frozenset()  # lower-cased @type values, parsed or not
    title_tag: str | None = None
    html_lang: str | None = None
    canonical: str | None = None

    def first_meta(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    def article_objects(self) -> list[dict[str, Any]]:
        """JSON-LD objects typed as one article (NewsArticle, BlogPosting, ...), in page order."""
        return [obj for obj in self.json_ld if _types_of(obj) & ARTICLE_TYPES]


def parse_page(html: str, url: str | None) -> ParsedPage | None:
    """Parse once; None when the markup is not HTML at all."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    page = ParsedPage(tree=tree, url=url)
    lang = tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.html_lang = lang.strip() if lang else None
    _read_head(page)
    return page


def _read_head(page: ParsedPage) -> None:
    """<meta>, <link rel=canonical>, <title> and JSON-LD, in one walk over those elements."""
    types: set[str] = set()
    for element in page.tree.iter("meta", "link", "title", "script"):
        tag = element.tag
        if tag == "meta":
            key = element.get("property") or element.get("name") or element.get("itemprop")
            if not key and element.get("http-equiv"):
                key = element.get("http-equiv")
            content = element.get("content")
            if key and content and content.strip():
                page.meta.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if "canonical" in rel and page.canonical is None and element.get("href"):
                page.canonical = element.get("href", "").strip()
        elif tag == "title":
            if page.title_tag is None:
                text = " ".join(element.text_content().split())
                page.title_tag = text or None
        elif "ld+json" in (element.get("type") or "") and element.text:
            types.update(t.lower() for t in _JSON_TYPE.findall(element.text))
            for obj in _json_objects(element.text):
                page.json_ld.append(obj)
                types.update(_types_of(obj))
    page.json_ld_types = frozenset(types)


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_JSON_FIELD = re.compile(r'"(headline|datePublished|dateCreated|name)"\s*:\s*"((?:[^"\\]|\\.){1,400})"')


def _json_objects(text: str) -> list[dict[str, Any]]:
    """The typed objects of one JSON-LD block. Blocks wrapped in CDATA or with trailing commas are
    repaired; a block that still does not parse gives its @type, headline and dates by pattern."""
    data: Any = None
    for attempt in (text, _CDATA.sub("", text)):
        for candidate in (attempt, _TRAILING_COMMA.sub(r"\1", attempt)):
            try:
                data = json.loads(candidate, strict=False)
            except ValueError:
                continue
            break
        if data is not None:
            break
    found: list[dict[str, Any]] = []
    if data is None:
        types = _JSON_TYPE.findall(text)
        fields = {key: _unescape_json(value) for key, value in reversed(_JSON_FIELD.findall(text))}
        if types and fields:
            found.append({"@type": types[0], **fields})
        return found
    _flatten(data, found, 0)
    return found


def _unescape_json(value: str) -> str:
    try:
        return str(json.loads(f'"{value}"', strict=False))
    except ValueError:
        return value


def _flatten(node: Any, found: list[dict[str, Any]], depth: int) -> None:
    if depth > 4:
        return
    if isinstance(node, list):
        for item in node:
            _flatten(item, found, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            found.append(node)
        if "@graph" in node:
            _flatten(node["@graph"], found, depth + 1)
        main = node.get("mainEntity")
        if isinstance(main, dict) and "@type" in main:
            found.append(main)


def _types_of(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


# --- signals -------------------------------------------------------------------------------------


def declares_article(page: ParsedPage) -> bool:
    """og:type article, or a JSON-LD object typed as one article."""
    og_type = (page.first_meta(OG_TYPE_META) or "").lower()
    return og_type in OG_ARTICLE_TYPES or bool(page.json_ld_types & ARTICLE_TYPES)


def declares_listing(page: ParsedPage) -> bool:
    """A JSON-LD CollectionPage / ItemList / SearchResultsPage and no article type."""
    return bool(page.json_ld_types & LISTING_TYPES) and not declares_article(page)


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _in_link(element: Any) -> bool:
    return element.find(".//a[@href]") is not None or any(a.tag == "a" for a in element.iterancestors())


def linked_headings(page: ParsedPage) -> int:
    """Headings that are (or hold) a link: the headlines of a section front's teasers."""
    return sum(1 for heading in page.tree.iter(*_HEADINGS) if _in_link(heading))


@dataclass(frozen=True, slots=True)
class ProseStats:
    paragraphs: int  # <p> elements of prose outside links
    words: int  # their words
    chars: int  # their characters
    in_article: int  # of them inside an <article> element
    articles: int  # distinct <article> elements holding them (several: a list of posts)


def prose_stats(page: ParsedPage) -> ProseStats:
    """Paragraphs of running prose in the markup: long, ending a sentence, not a link. Counted in
    <p> elements and in text laid out with <br> straight inside a <div>, <td> or <font>, as older
    pages do."""
    paragraphs = words = chars = in_article = 0
    holders: set[Any] = set()
    for p in page.tree.iter("p"):
        text = _text(p)
        count = len(text.split())
        if count < _PROSE_WORDS or not _ENDS_SENTENCE.search(text) or (_in_link(p) and _link_share(p) > 0.5):
            continue
        paragraphs += 1
        words += count
        chars += len(text)
        holder = next((a for a in p.iterancestors() if a.tag == "article"), None)
        if holder is not None:
            in_article += 1
            holders.add(holder)
    for block in page.tree.iter("div", "td", "font"):
        pieces = [block.text or ""] + [child.tail or "" for child in block if child.tag in _INLINE_TAGS]
        own = " ".join(" ".join(pieces).split())
        count = len(own.split())
        if count >= _PROSE_WORDS and _SENTENCE.search(own):
            paragraphs += max(1, sum(1 for child in block if child.tag == "br") // 2)
            words += count
            chars += len(own)
    return ProseStats(paragraphs, words, chars, in_article, len(holders))


def _link_share(element: Any) -> float:
    total = len(_text(element)) or 1
    return sum(len(_text(a)) for a in element.iter("a")) / total


@dataclass(frozen=True, slots=True)
class ArticleSignals:
    """Why a page is taken to carry an article; empty when nothing says so."""

    reasons: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.reasons)


class PageFacts:
    """Lazily computed facts about one page, each computed at most once."""

    def __init__(self, page: ParsedPage) -> None:
        self.page = page

    @cached_property
    def prose(self) -> ProseStats:
        return prose_stats(self.page)

    @cached_property
    def linked_headings(self) -> int:
        return linked_headings(self.page)

    @cached_property
    def declares_article(self) -> bool:
        return declares_article(self.page)

    @cached_property
    def declares_listing(self) -> bool:
        return declares_listing(self.page)

    @cached_property
    def not_for_indexing(self) -> bool:
        """`<meta name="robots" content="noindex">`: error, search and login pages say so."""
        robots = self.page.first_meta("robots") or ""
        return "noindex" in robots.lower()


def article_signals(facts: PageFacts, has_headline: bool, has_byline_or_date: bool) -> ArticleSignals:
    """What says a page carries an article: a declared article type, an <article> element holding
    prose, a headline with a byline or date, several prose paragraphs. Asked only for pages whose
    extraction came out too short, so the scans over the tree cost nothing on the others."""
    reasons: list[str] = []
    if facts.not_for_indexing and not facts.declares_article:
        return ArticleSignals(())  # a "page not found" with a dated URL and a cookie notice
    if facts.declares_article:
        reasons.append("declared")
    if facts.prose.in_article >= 1:
        reasons.append("article_element")
    if has_headline and has_byline_or_date:
        reasons.append("headline_byline")
    if facts.prose.paragraphs >= 3:
        reasons.append("prose")
    return ArticleSignals(tuple(reasons))
