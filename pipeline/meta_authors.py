"""Authors: what the page declares (JSON-LD Person, <meta>), refined by the byline next to the
headline ("By A and B, Staff Writers"); without a declaration the byline, and without a byline a
search of the whole document in the manner of trafilatura's (one pass over the elements, no copy).
Organisations and the site itself are not authors; roles, dates and "By" are not part of a name.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.meta_common import classes_of, compact_text, same_as_site, spaced_text
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
    MAX_AUTHOR_WORDS,
    NOT_A_NAME,
    ORGANISATION_NAME,
)
from pipeline.page_signals import ParsedPage

_BYLINE_LEVELS = 3  # how far above the headline the byline is looked for


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
    if same_as_site(name, sites) and (" " in name or ORGANISATION_NAME.search(name)):
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
    text = spaced_text(named[0]) if named else spaced_text(element)
    if not text or len(text) > 120:
        return []
    return split_names(text, sites)


def _byline_in(scope: Any, sites: list[str]) -> list[str]:
    """Names in the first byline-like element of `scope` outside comments, teasers and chrome."""
    for _rank, element in _byline_elements(scope):
        if any(BYLINE_DISCARD_CLASS.search(classes_of(node)) for node in (element, *element.iterancestors())):
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


def _refine(declared: list[str], visible: list[str]) -> list[str]:
    """The byline may say more than the declaration: a co-author, or the full name where a handle
    or a first name was declared. Otherwise the declaration stands."""
    shown = {compact_text(v): v for v in visible}
    refined: list[str] = []
    for name in declared:
        compact = compact_text(name)
        fuller = next((v for c, v in shown.items() if c != compact and c.startswith(compact)), None)
        spaced = shown.get(compact) if " " not in name and " " in shown.get(compact, "") else None
        refined.append(fuller or spaced or name)
    covered = {compact_text(n) for n in refined}
    extra = [v for c, v in shown.items() if c not in covered and _PERSON.match(v)]
    if extra and all(compact_text(n) in shown for n in refined):
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
        text = spaced_text(element)
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
