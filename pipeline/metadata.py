"""Title, authors, date, site name, canonical URL, description and tags of a page.

What the page declares comes first (JSON-LD, OpenGraph, `<meta>`, `<time>`, `<link>`), reconciled
with what it shows a reader (the headline above the body, the byline); the expensive searches of
trafilatura and htmldate run only when the page declares nothing for that field.

Titles: a reader sees the headline, not the social-media variant in `og:title` nor the
"Site - Section - Headline" of `<title>`. Visible headings (h1, then headline-classed elements)
are matched against the declared titles; the one that agrees with them wins, with site names,
sections and dates cut off either end after any separator. Without a visible match, the declared
titles are used in order (JSON-LD headline, og:title, twitter:title, <title>), cleaned the same way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from pipeline.metadata_patterns import (
    AUTHOR_DISCARD_ATTRIBUTE,
    AUTHOR_DISCARD_TAGS,
    AUTHOR_JOIN,
    AUTHOR_META,
    AUTHOR_ROLES,
    BYLINE_ATTRIBUTE,
    BYLINE_DISCARD_CLASS,
    BYLINE_PREFIX,
    BYLINE_SPECIFIC,
    BYLINE_TAGS,
    CHROME_CLASS,
    CHROME_TAGS,
    DATE_PART,
    DESCRIPTION_META,
    FURNITURE_HEADINGS,
    HEADLINE_CLASS,
    KICKER_CLASS,
    KICKER_TAGS,
    MAX_AUTHOR_WORDS,
    NOT_A_NAME,
    ORGANISATION_NAME,
    PUBLISHED_CLASS,
    PUBLISHED_META,
    SECTION_META,
    SECTION_WORDS,
    SITE_NAME_META,
    TAG_META,
    TITLE_META,
    TITLE_SEPARATOR,
    TWITTER_SITE_META,
    URL_DATE,
)
from pipeline.page_signals import ParsedPage

DATE_SEARCH_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%d %H:%M:%S"}
_NON_WORD = re.compile(r"[\W_]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphens, zero-width marks
_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
_MAX_TITLE_WORDS = 40
_MORE_HEADINGS_XPATH = (
    "//h2|//h3|//*[contains(@class,'headline') or contains(@class,'title') or contains(@class,'Headline')"
    " or contains(@class,'Title') or contains(@id,'headline') or contains(@id,'title')"
    " or contains(@itemprop,'headline')]"
)
# Older pages set the headline in bold or a large font, with no heading element at all
_BOLD_HEADINGS_XPATH = "//b|//strong|//font[@size]"
_BOLD_CANDIDATES = 40
_TIME_XPATH = "//time|//*[@itemprop='datePublished' or @itemprop='dateCreated' or @pubdate]"
_BYLINE_LEVELS = 3  # how far above the headline the byline is looked for
_SITE_SEPARATOR = re.compile(r"[|·•»«/]|::")
_SITE_PART_MAX_WORDS = 6  # a site's name is not longer than this
_SITE_PART_WORDS = 4  # a trailing part of a <title> this short is taken for the site's name
_CONTENT_WORD = 4  # letters of a word that carries meaning, for the overlap of two titles
_MATCH = 0.6  # a visible heading agreeing with a declared title at least this much is the headline
_DATE_YEARS = (1990, 2100)


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
        site_name=_site_name(page),
        canonical_url=_canonical(page),
        description=page.first_meta(*DESCRIPTION_META) or _first_json(page, "description"),
        tags=_tags(page),
        declared_language=_declared_language(page),
        has_visible_headline=headline.element is not None,
        headline_confirmed=headline.confirmed,
        has_byline_or_date=bool(authors) or published is not None,
    )


# --- shared helpers ------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Case, punctuation and spacing folded: "Sazerac! Alles" == "sazerac - alles"."""
    return _NON_WORD.sub(" ", _INVISIBLE.sub("", text).casefold()).strip()


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _classes(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


_SITE_HEADER_IDS = frozenset(
    {"header", "masthead", "banner", "top", "topbar", "site-header", "page-header-top"}
)


def _in_chrome(element: Any) -> bool:
    """Inside the site's navigation, footer, sidebar, logo, teasers or comments, or hidden. The
    site's header is a <header> right under <body> or an element with a header id ("header",
    "masthead"), unless an <article> or <main> holds it."""
    in_header = False
    for node in (element, *element.iterancestors()):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in CHROME_TAGS or (tag == "a" and node is not element and _links_home(node)):
            return True
        if tag in ("article", "main"):
            return False
        if tag in ("body", "html"):
            return in_header
        parent = node.getparent()
        in_header = (
            in_header
            or (tag == "header" and parent is not None and parent.tag == "body")
            or (node.get("id") or "").lower() in _SITE_HEADER_IDS
        )
        if CHROME_CLASS.search(_classes(node)) or node.get("hidden") is not None:
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or node.get("aria-hidden") == "true":
            return True
    return in_header


def _links_home(anchor: Any) -> bool:
    href = (anchor.get("href") or "").strip()
    return href in ("/", "./", "#") or bool(re.match(r"^https?://[^/]+/?$", href))


def _json_value(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _first_json(page: ParsedPage, key: str, objects: list[dict[str, Any]] | None = None) -> str | None:
    for obj in page.article_objects() if objects is None else objects:
        value = _json_value(obj, key)
        if value:
            return value
    return None


# --- site names ----------------------------------------------------------------------------------


def _host(page: ParsedPage) -> str:
    for candidate in (page.url, page.canonical):
        if candidate and candidate.startswith(("http://", "https://")):
            host = (urlsplit(candidate).hostname or "").lower()
            if host:
                return host.removeprefix("www.")
    return ""


_ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "website"})


def site_names(page: ParsedPage) -> list[str]:
    """Every name the site goes by: og:site_name, publisher, application name, @handle, host."""
    names: list[str] = []
    for key in SITE_NAME_META:
        names += page.meta.get(key, [])
    for key in TWITTER_SITE_META:
        names += [v.lstrip("@") for v in page.meta.get(key, [])]
    for obj in page.json_ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
        types = obj.get("@type")
        kinds = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
        if kinds & _ORGANISATION_TYPES and isinstance(obj.get("name"), str):
            names.append(obj["name"])
    host = _host(page)
    if host:
        names.append(host)
        labels = host.split(".")
        names.append(labels[-2] if len(labels) >= 2 else labels[0])
    return [n.strip() for n in dict.fromkeys(names) if n and n.strip()]


def _site_name(page: ParsedPage) -> str | None:
    name = page.first_meta("og:site_name")
    if not name:
        for obj in page.article_objects():
            publisher = obj.get("publisher")
            if (
                isinstance(publisher, dict)
                and isinstance(publisher.get("name"), str)
                and publisher["name"].strip()
            ):
                name = publisher["name"].strip()
                break
    name = name or page.first_meta("application-name") or page.first_meta(*TWITTER_SITE_META)
    if name:
        return name.lstrip("@").strip() or None
    return _host(page) or None


def _is_site(part: str, sites: list[str]) -> bool:
    norm = _norm(part)
    if not norm:
        return True
    if _DOMAIN_LIKE.match(part.strip()):
        return True
    compact = norm.replace(" ", "")
    words = len(norm.split())
    for site in sites:
        site_norm = _norm(site)
        site_compact = site_norm.replace(" ", "")
        if not site_compact:
            continue
        if norm == site_norm or compact == site_compact:
            return True
        if (
            len(site_compact) >= 4
            and words <= len(site_norm.split()) + 2
            and (site_compact in compact or compact in site_compact)
        ):
            return True
        if " " not in site_norm and _abbreviates(site_compact, compact, words):
            return True
    return False


def _abbreviates(label: str, compact: str, words: int) -> bool:
    """A host name standing for the site's name: "nytimes" for "The New York Times", "latimes" for
    "Los Angeles Times" (its letters in order, from the first one); "bbc" for "BBC News"."""
    if words > _SITE_PART_MAX_WORDS:
        return False
    if len(label) < 4:
        return len(label) >= 2 and words <= 3 and compact.startswith(label)
    start = compact.removeprefix("the")
    if not start.startswith(label[0]) or len(label) < 0.4 * len(start):
        return False
    letters = iter(start)
    return all(letter in letters for letter in label)


def _is_section(part: str) -> bool:
    words = _norm(part).split()
    return 0 < len(words) <= 3 and all(w in SECTION_WORDS for w in words)


def _removable(part: str, sites: list[str]) -> bool:
    return _is_site(part, sites) or bool(DATE_PART.match(part.strip())) or _is_section(part)


# --- titles --------------------------------------------------------------------------------------


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
    while end - start > 1 and _removable(parts[end - 1], sites):
        end -= 1
    while end - start > 1 and _removable(parts[start], sites):
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
    v, d, c = _norm(visible), _norm(declared), _norm(cleaned)
    if not v or not d or _removable(visible, sites):
        return 0.0, visible
    if v in (d, c):
        return 1.0, visible
    parts = [_norm(p) for p in _parts(declared)[0]]
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
        value = _json_value(obj, "headline") or _json_value(obj, "name")
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
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(_INVISIBLE.sub("", "".join(pieces)).split()))
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
        if _in_chrome(element):
            continue
        seen.add(text)
        if first_stage:
            prior = 1.0
        elif HEADLINE_CLASS.search(_classes(element)):
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
        if e.tag == "h1" and len(t.split()) >= 3 and not _removable(t, sites)
    ]
    if len(h1s) != 1:
        return None
    shown = {w for w in _norm(h1s[0][1]).split() if len(w) >= _CONTENT_WORD}
    said = {w for w in _norm(declared).split() if len(w) >= _CONTENT_WORD}
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
            e for e in page.tree.xpath(_BOLD_HEADINGS_XPATH) if 3 <= len(_text(e).split()) <= _MAX_TITLE_WORDS
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


# --- authors -------------------------------------------------------------------------------------

# a byline that opens with a time or date: "11:30 Uhr von Markus Steinrisser", "Mai 2020 by Jane Doe"
_BYLINE_LEAD = re.compile(r"^[^\n]{0,30}?\d[^\n]{0,12}?\s(?:by|von|par|por)\s+(?=\S)", re.IGNORECASE)
# words that end a name's run in a byline: "Stefan Beiersmann am 12. Mai", "Jane Doe on May 4"
_NAME_TAIL_WORDS = frozenset(
    "am um vor on at le el hace stand said says schreibt écrit escribe mo di mi do fr sa so mon tue wed thu fri sat sun".split()
)
# lower-case words a person's name may hold: "Alexa von Heyden", "Jose de la Cruz"
_NAME_PARTICLES = frozenset(
    "von van der den de la le du di da dos das del y e bin al ben ter zu vom ten".split()
)
_BYLINE_TAIL = re.compile(
    r"\s*(?:\d|/|\||\b(?:lesezeit|reading time|min\.? read|updated|published|aktualisiert|veröffentlicht|"
    r"publié|publicado|mis à jour|last|kategorien?|categories|category|tags|schlagwörter)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$",
    re.IGNORECASE,
)
_PERSON = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3}$")


def _clean_name(raw: str, sites: list[str]) -> str | None:
    name = " ".join(raw.split()).strip(" ,;:|-–—·•")
    name = BYLINE_PREFIX.sub("", name)
    name = _BYLINE_TAIL.sub("", name)
    name = AUTHOR_ROLES.sub("", name).strip(" ,;:|-–—·•()~©")
    words = name.split()
    while words and words[-1].lower() in _NAME_TAIL_WORDS:
        words.pop()
    name = " ".join(words)
    if not name or len(words) > MAX_AUTHOR_WORDS or len(name) > 60 or NOT_A_NAME.search(name):
        return None
    if _same_as_site(name, sites) and (" " in name or ORGANISATION_NAME.search(name)):
        return None  # the publisher declared as the author
    if not any(c.isalpha() for c in name):
        return None
    if len(words) > 1 and any(w[0].islower() and w not in _NAME_PARTICLES for w in words if w[0].isalpha()):
        return None  # "Posted on", "Archiv anzeigen": words, not a name
    return name


def split_names(raw: str, sites: list[str]) -> list[str]:
    """A byline or declared author string as a list of names ("By A, B and C, Reporters")."""
    text = " ".join(raw.split())
    text = BYLINE_PREFIX.sub("", text)
    lead = _BYLINE_LEAD.match(text)  # "11:30 Uhr von Markus Steinrisser", "Artikel von Alexa von Heyden"
    if lead:
        text = text[lead.end() :]
    names: list[str] = []
    for piece in AUTHOR_JOIN.split(text):
        name = _clean_name(piece, sites) if piece else None
        if name and name not in names:
            names.append(name)
    return names


def _json_authors(page: ParsedPage, sites: list[str]) -> list[str]:
    names: list[str] = []
    for obj in page.article_objects():
        authors = obj.get("author") or obj.get("creator")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, str):
                names += split_names(author, sites)
            elif isinstance(author, dict):
                kind = author.get("@type")
                kinds = {
                    k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)
                }
                if kinds & {"organization", "newsmediaorganization", "corporation"}:
                    continue
                name = author.get("name")
                if isinstance(name, list):
                    name = ", ".join(n for n in name if isinstance(n, str))
                if not isinstance(name, str) and author.get("givenName"):
                    name = f"{author.get('givenName', '')} {author.get('familyName', '')}"
                if isinstance(name, str):
                    names += split_names(name, sites)
        if names:
            break
    return list(dict.fromkeys(names))


def _meta_authors(page: ParsedPage, sites: list[str]) -> list[str]:
    for key in AUTHOR_META:
        names: list[str] = []
        for value in page.meta.get(key, []):
            if not value.startswith(("http://", "https://", "/")):
                names += split_names(value, sites)
        if names:
            return list(dict.fromkeys(names))
    return []


def _spaced_text(element: Any) -> str:
    """Text with a space between child elements ("By<a>Jane Doe</a>" is "By Jane Doe")."""
    return " ".join(" ".join(element.itertext()).split())


def _attributes(element: Any) -> str:
    get = element.get
    return " ".join(
        v
        for v in (
            get("class"),
            get("id"),
            get("rel"),
            get("itemprop"),
            get("data-component"),
            get("data-testid"),
        )
        if v
    )


_DISCARD_CONTAINERS = frozenset({"a", "div", "section", "span"})


def _discarded(element: Any) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in AUTHOR_DISCARD_TAGS:
            return True
        if node.tag not in _DISCARD_CONTAINERS:
            continue
        for value in (node.get("class"), node.get("id")):
            if value and AUTHOR_DISCARD_ATTRIBUTE.search(value.strip()):
                return True
    return False


def _byline_elements(scope: Any) -> list[tuple[int, Any]]:
    """(rank, element) of byline-like elements under `scope` in document order; rank 0 is specific
    (rel=author, class "author", "byline", "author-name"), 1 a looser name match."""
    found: list[tuple[int, Any]] = []
    for element in scope.iter(*BYLINE_TAGS):  # lxml filters the tags in C
        attrib = element.attrib
        if not attrib:
            continue
        attributes = _attributes(element)
        if not attributes or not BYLINE_ATTRIBUTE.search(attributes):
            continue
        specific = (
            attrib.get("rel") == "author"
            or "author" in (attrib.get("itemprop") or "")
            or any(BYLINE_SPECIFIC.search(v) for v in (attrib.get("class") or "").split())
            or BYLINE_SPECIFIC.search(attrib.get("id") or "") is not None
        )
        found.append((0 if specific else 1, element))
    return found


def _names_of(element: Any, sites: list[str]) -> list[str]:
    named = [n for n in element.iter() if n.get("itemprop") == "name"]
    text = _spaced_text(named[0]) if named else _spaced_text(element)
    if not text or len(text) > 120:
        return []
    return split_names(text, sites)


def _byline_in(scope: Any, sites: list[str]) -> list[str]:
    """Names in the first byline-like element of `scope` outside comments, teasers and chrome."""
    for _rank, element in _byline_elements(scope):
        if any(BYLINE_DISCARD_CLASS.search(_classes(node)) for node in (element, *element.iterancestors())):
            continue
        names = _names_of(element, sites)
        if names:
            return names
    return []


def _byline_near(headline: Any) -> Any:
    """The block around the headline, where a byline sits: a few levels up, never the whole body."""
    scope = headline
    for _ in range(_BYLINE_LEVELS):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
        if parent.tag in ("article", "main"):
            break
    return scope


def _same_as_site(name: str, sites: list[str]) -> bool:
    compact = _compact(name)
    return any(compact == _compact(site) for site in sites)


def _compact(name: str) -> str:
    return _norm(name).replace(" ", "")


def _refine(declared: list[str], visible: list[str]) -> list[str]:
    """The byline may say more than the declaration: a co-author, or the full name where a handle
    or a first name was declared. Otherwise the declaration stands."""
    shown = {_compact(v): v for v in visible}
    refined: list[str] = []
    for name in declared:
        compact = _compact(name)
        fuller = next((v for c, v in shown.items() if c != compact and c.startswith(compact)), None)
        spaced = shown.get(compact) if " " not in name and " " in shown.get(compact, "") else None
        refined.append(fuller or spaced or name)
    covered = {_compact(n) for n in refined}
    extra = [v for c, v in shown.items() if c not in covered and _PERSON.match(v)]
    if extra and all(_compact(n) in shown for n in refined):
        refined += extra
    return list(dict.fromkeys(refined))


def _searched_authors(page: ParsedPage, sites: list[str]) -> list[str]:
    """The whole document, in the manner of trafilatura's author search (a specific byline element
    before a vague one; nothing inside comments, dates, figures or sidebars), in one pass over the
    elements and without copying the tree. Only for pages that declare no author and show no byline
    next to the headline."""
    candidates = [(rank, order, element) for order, (rank, element) in enumerate(_byline_elements(page.tree))]
    for _rank, _order, element in sorted(candidates, key=lambda c: (c[0], c[1])):
        if _discarded(element):
            continue
        text = _spaced_text(element)
        names = split_names(text, sites) if 2 < len(text) < 120 else []
        if names:
            return names
    return []


def choose_authors(page: ParsedPage, sites: list[str], headline: Any = None) -> list[str]:
    """Declared authors (JSON-LD, then <meta>), refined by the byline next to the headline; without
    a declaration the byline, and without a byline the whole-document searches."""
    declared = _json_authors(page, sites) or _meta_authors(page, sites)
    scope = _byline_near(headline) if headline is not None else None
    visible = _byline_in(scope, sites) if scope is not None else []
    if declared:
        return _refine(declared, visible) if visible else declared
    if visible:
        return visible
    return _searched_authors(page, sites)


# --- dates ---------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_YMD_SLASH = re.compile(r"\b((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})([./-])\s?(\d{1,2})\2\s?((?:19|20)\d{2})\b")
_MONTH_NAME = re.compile(r"[^\W\d_]{3,}")


def _day_first(match: re.Match[str]) -> tuple[int, int, int]:
    """ "01.11.2023" and "01-11-2023" are day first; "11/01/2023" month first (US style) when it can be."""
    first, separator, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
    if separator == "/" and first <= 12:
        return year, first, second
    return year, second, first


def parse_date(value: str | None) -> datetime | None:
    """A declared date string as a datetime (its own time zone kept; UTC when it names none).

    A year alone, or a year and month, is not a publication date: None."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value) if len(value) >= 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        numbers: tuple[int, int, int] | None = None
        if match := _ISO_DAY.search(value) or _YMD_SLASH.search(value):
            numbers = (int(match[1]), int(match[2]), int(match[3]))
        elif match := _DAY_FIRST.search(value):
            numbers = _day_first(match)
        if numbers is not None:
            try:
                parsed = datetime(*numbers)
            except ValueError:
                return None
        elif _MONTH_NAME.search(value):
            parsed = _parse_loose(value)
    if parsed is None or not _DATE_YEARS[0] <= parsed.year <= _DATE_YEARS[1]:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_loose(value: str) -> datetime | None:
    """RFC 2822 and English month names ("Mon, 04 May 2020 10:00 GMT", "May 4, 2020")."""
    if not re.search(r"\b(?:19|20)\d{2}\b", value) or not re.search(r"\b\d{1,2}\b", value) or len(value) > 60:
        return None
    from dateutil import parser

    try:
        return parser.parse(value, fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError):
        return None


def _json_date(page: ParsedPage) -> datetime | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        for obj in page.article_objects() or page.json_ld:
            found = parse_date(_json_value(obj, key))
            if found:
                return found
    return None


def _meta_date(page: ParsedPage) -> datetime | None:
    for key in PUBLISHED_META:
        for value in page.meta.get(key, []):
            found = parse_date(value)
            if found:
                return found
    return None


def _time_date(page: ParsedPage) -> datetime | None:
    """<time> (or itemprop) marked as the publication date, else the first <time> of the article."""
    plain: datetime | None = None
    for element in page.tree.xpath(_TIME_XPATH):
        value = element.get("datetime") or element.get("content") or _text(element)
        found = parse_date(value)
        if found is None:
            continue
        marked = (
            (element.get("itemprop") or "").lower() in ("datepublished", "datecreated")
            or element.get("pubdate") is not None
            or PUBLISHED_CLASS.search(_classes(element))
            or (element.getparent() is not None and PUBLISHED_CLASS.search(_classes(element.getparent())))
        )
        if marked:
            return found
        if (
            plain is None
            and any(a.tag == "article" for a in element.iterancestors())
            and not _in_chrome(element)
        ):
            plain = found
    return plain


def _url_date(page: ParsedPage) -> datetime | None:
    for candidate in (page.url, page.canonical):
        match = URL_DATE.search(candidate or "")
        if match:
            try:
                return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
            except ValueError:
                continue
    return None


def _searched_date(page: ParsedPage) -> datetime | None:
    """htmldate over the whole document, only for pages that declare no date at all: its quick
    search first, its extensive one (free-text patterns, dateparser) only when that finds nothing.
    On trafilatura-eval's 171 such pages the pair is right as often as the extensive search alone
    (137 vs 136) at a quarter of the time."""
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(
                page.tree, url=page.url, **{**DATE_SEARCH_PARAMS, "extensive_search": extensive}
            )
        except Exception:  # htmldate on odd markup; a missing date is not worth a reject
            return None
        if found:
            return parse_date(found)
    return None


def choose_published(page: ParsedPage) -> datetime | None:
    """A date in the URL path first (a local date, right on 93 % of trafilatura-eval's pages that
    have one), then <meta>, JSON-LD and <time>; htmldate's search only when none is declared."""
    return _url_date(page) or _meta_date(page) or _json_date(page) or _time_date(page) or _searched_date(page)


# --- the rest ------------------------------------------------------------------------------------


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
        page.first_meta("content-language", "language", "dc.language", "og:locale"),
    ):
        if value:
            return value
    return _first_json(page, "inLanguage")


__all__ = ["DATE_SEARCH_PARAMS", "PageMetadata", "clean_title", "parse_date", "read_metadata", "split_names"]
