"""The title: the headline a reader sees above the article.

Not the social-media variant in `og:title`, nor the "Site - Section - Headline" of `<title>`.
Visible headings (<h1>, then headline-classed elements, then bold text of older pages) are matched
against the declared titles (JSON-LD headline, og:title, twitter:title, meta title, <title>); the
one that agrees with them wins, with site names, sections and dates cut off either end after any
separator, and a kicker above it left out. Without a visible match the declared titles are used
in that order, cleaned the same way, unless the page's one <h1> shares words with them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from pipeline.meta_common import (
    INVISIBLE,
    classes_of,
    element_text,
    in_chrome,
    is_removable,
    json_value,
    norm_text,
)
from pipeline.metadata_patterns import (
    FURNITURE_HEADINGS,
    HEADLINE_CLASS,
    KICKER_CLASS,
    KICKER_TAGS,
    TITLE_META,
    TITLE_SEPARATOR,
)
from pipeline.page_signals import ParsedPage

_MAX_TITLE_WORDS = 40
_MORE_HEADINGS_XPATH = (
    "//h2|//h3|//*[contains(@class,'headline') or contains(@class,'title') or contains(@class,'Headline')"
    " or contains(@class,'Title') or contains(@id,'headline') or contains(@id,'title')"
    " or contains(@itemprop,'headline')]"
)
# Older pages set the headline in bold or a large font, with no heading element at all
_BOLD_HEADINGS_XPATH = "//b|//strong|//font[@size]"
_BOLD_CANDIDATES = 40
_SITE_SEPARATOR = re.compile(r"[|·•»«/]|::")
_SITE_PART_WORDS = 4  # a trailing part of a <title> this short is taken for the site's name
_CONTENT_WORD = 4  # letters of a word that carries meaning, for the overlap of two titles
_MATCH = 0.6  # a visible heading agreeing with a declared title at least this much is the headline


def _parts(title: str) -> tuple[list[str], list[str]]:
    """(parts, separators between them)."""
    pieces = TITLE_SEPARATOR.split(title)
    separators = TITLE_SEPARATOR.findall(title)
    return [p.strip() for p in pieces], separators


def clean_title(title: str, sites: list[str]) -> str:
    """Cut site names, sections and dates off either end, whatever separates them."""
    title = " ".join(title.split())
    parts, separators = _parts(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    while end - start > 1 and is_removable(parts[end - 1], sites):
        end -= 1
    while end - start > 1 and is_removable(parts[start], sites):
        start += 1
    kept = parts[start]
    for index in range(start + 1, end):
        kept += separators[index - 1] + parts[index]
    return kept.strip() or title


def _without_trailing_name(title: str) -> str:
    """A declared title no heading confirms: "Headline | Some Site" loses a short last part even when
    the site's name is not declared. Only after a bar, bullet or double colon: dashes join the two
    halves of many headlines ("... – Until Now"), and a short first part stays ("Sazerac - alles")."""
    parts, separators = _parts(title)
    if (
        len(parts) < 2
        or len(parts[-1].split()) > _SITE_PART_WORDS
        or not _SITE_SEPARATOR.search(separators[-1])
    ):
        return title
    head = parts[0] + "".join(sep + part for sep, part in zip(separators[:-1], parts[1:-1], strict=True))
    return head if len(head.split()) >= 3 else title


def _match(visible: str, declared: str, cleaned: str, sites: list[str]) -> tuple[float, str]:
    """How well a visible heading agrees with a declared title, and the text to keep. A heading
    that is the site's name (a logo in an <h1>) agrees with nothing."""
    v, d, c = norm_text(visible), norm_text(declared), norm_text(cleaned)
    if not v or not d or is_removable(visible, sites):
        return 0.0, visible
    if v in (d, c):
        return 1.0, visible
    parts = [norm_text(p) for p in _parts(declared)[0]]
    if v in parts:
        return 0.95, visible
    if f" {v} " in f" {c} ":
        share = len(v) / len(c)
        return (0.9 if share >= 0.5 else 0.7 if share >= 0.3 else 0.0), visible
    if f" {c} " in f" {v} " and len(c) >= 0.6 * len(v):
        # the declared title inside the heading: a kicker before it ("Tunesien Große Aufgaben ..."),
        # or a declared headline cut short (JSON-LD headlines are often truncated)
        return 0.85, (visible if v.startswith(c) else cleaned)
    v_words, d_words = set(v.split()), set(c.split())
    dice = 2 * len(v_words & d_words) / (len(v_words) + len(d_words))
    return (0.4 + 0.4 * dice if dice >= 0.5 else 0.0), visible


def _declared_titles(page: ParsedPage) -> list[str]:
    """Declared titles, best first: JSON-LD headline, og:title, twitter:title, meta title, <title>."""
    found: list[str] = []
    for obj in page.article_objects():
        value = json_value(obj, "headline") or json_value(obj, "name")
        if value:
            found.append(value)
            break
    for key in TITLE_META:
        found += page.meta.get(key, [])[:1]
    if page.title_tag:
        found.append(page.title_tag)
    titles = (" ".join(html.unescape(t).split()) for t in found)
    return [t for t in dict.fromkeys(titles) if sum(c.isalnum() for c in t) >= 2]


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.])")
_SPACED_TAGS = frozenset({"br", "div", "p", "span", "small", "strong", "em", "b", "i", "a", "h1", "h2", "h3"})


def heading_text(element: Any) -> str:
    """A heading's words without its kicker, date or category labels ("<span class=dachzeile>")."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            skip = tag in KICKER_TAGS or not tag or bool(KICKER_CLASS.search(child.get("class") or ""))
            if not skip:
                if tag in _SPACED_TAGS:
                    pieces.append(" ")
                walk(child)
                if tag in _SPACED_TAGS:
                    pieces.append(" ")
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(INVISIBLE.sub("", "".join(pieces)).split()))
    return text if sum(c.isalnum() for c in text) >= 2 else ""


def _heading_candidates(elements: Any, seen: set[str], first_stage: bool) -> list[tuple[Any, str, float]]:
    found: list[tuple[Any, str, float]] = []
    for element in elements:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("title", "meta", "head", "html", "body", "script", "style", "link", "img", "a"):
            continue
        text = heading_text(element)
        words = len(text.split())
        if not text or words > _MAX_TITLE_WORDS or text.casefold() in FURNITURE_HEADINGS or text in seen:
            continue
        if in_chrome(element):
            continue
        seen.add(text)
        if first_stage:
            prior = 1.0
        elif HEADLINE_CLASS.search(classes_of(element)):
            prior = 0.95
        else:
            prior = 0.85
        found.append((element, text, prior))
    return found


def _best_match(
    candidates: list[tuple[Any, str, float]], declared: list[str], cleaned: list[str], sites: list[str]
) -> tuple[float, Any, str] | None:
    best: tuple[float, Any, str] | None = None
    for element, text, prior in candidates:
        for raw, clean in zip(declared, cleaned, strict=True):
            score, keep = _match(text, raw, clean, sites)
            score *= prior
            if score >= _MATCH and (best is None or score > best[0] + 1e-9):
                best = (score, element, keep)
    return best


@dataclass(slots=True)
class TitleChoice:
    title: str | None
    element: Any = None  # the visible headline element, when the page shows one
    confirmed: bool = False  # that heading agrees with a title the page declares


def _lone_headline(
    candidates: list[tuple[Any, str, float]], declared: str, sites: list[str]
) -> tuple[Any, str] | None:
    """The page's one <h1> when no declared title agrees with it: still the headline a reader sees if
    it shares a word with the declared title (an SEO or social variant of it), or if the declared
    title is no headline at all ("Home", a section name)."""
    h1s = [
        (e, t)
        for e, t, _p in candidates
        if e.tag == "h1" and len(t.split()) >= 3 and not is_removable(t, sites)
    ]
    if len(h1s) != 1:
        return None
    shown = {w for w in norm_text(h1s[0][1]).split() if len(w) >= _CONTENT_WORD}
    said = {w for w in norm_text(declared).split() if len(w) >= _CONTENT_WORD}
    return h1s[0] if shown & said or len(declared.split()) <= 2 else None


def _first_headings(page: ParsedPage) -> list[Any]:
    """<h1> elements, and <h2> marked as the headline (lxml walks them by tag, in C)."""
    return [e for e in page.tree.iter("h1", "h2") if e.tag == "h1" or "headline" in (e.get("itemprop") or "")]


def choose_title(page: ParsedPage, sites: list[str]) -> TitleChoice:
    """The headline a reader sees. h1 and itemprop=headline elements first (cheap: lxml walks them
    by tag); h2/h3 and headline-classed elements only when no h1 agrees with a declared title."""
    declared = _declared_titles(page)
    cleaned = [clean_title(t, sites) for t in declared]
    seen: set[str] = set()
    first = _heading_candidates(_first_headings(page), seen, True)
    best = _best_match(first, declared, cleaned, sites)
    if best is None and declared:
        more = _heading_candidates(page.tree.xpath(_MORE_HEADINGS_XPATH), seen, False)
        best = _best_match(more, declared, cleaned, sites)
    if best is None and declared:
        bold = [
            e
            for e in page.tree.xpath(_BOLD_HEADINGS_XPATH)
            if 3 <= len(element_text(e).split()) <= _MAX_TITLE_WORDS
        ]
        best = _best_match(
            _heading_candidates(bold[:_BOLD_CANDIDATES], seen, False), declared, cleaned, sites
        )
    if best is not None:
        return TitleChoice(clean_title(best[2], sites), best[1], confirmed=True)
    if cleaned:
        declared_title = _without_trailing_name(cleaned[0])
        lone = _lone_headline(first, declared_title, sites)
        if lone is not None:
            return TitleChoice(clean_title(lone[1], sites), lone[0])
        return TitleChoice(declared_title)
    for element, text, _prior in first:
        if len(text.split()) >= 2:
            return TitleChoice(clean_title(text, sites), element)
    return TitleChoice(None)
