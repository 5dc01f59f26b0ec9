"""What the metadata readers share: text of elements, the site's chrome, JSON-LD values, and the
names a site goes by (which titles and author lists must not take for a headline or a person).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from pipeline.metadata_patterns import (
    CHROME_CLASS,
    CHROME_TAGS,
    DATE_PART,
    SECTION_WORDS,
    SITE_NAME_META,
    TWITTER_SITE_META,
)
from pipeline.page_signals import ParsedPage

_NON_WORD = re.compile(r"[\W_]+")
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphens, zero-width marks
_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
_SITE_PART_MAX_WORDS = 6  # a site's name is not longer than this


def norm_text(text: str) -> str:
    """Case, punctuation and spacing folded: "Sazerac! Alles" == "sazerac - alles"."""
    return _NON_WORD.sub(" ", INVISIBLE.sub("", text).casefold()).strip()


def element_text(element: Any) -> str:
    return " ".join(element.text_content().split())


def classes_of(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


_SITE_HEADER_IDS = frozenset(
    {"header", "masthead", "banner", "top", "topbar", "site-header", "page-header-top"}
)


def in_chrome(element: Any) -> bool:
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
        if CHROME_CLASS.search(classes_of(node)) or node.get("hidden") is not None:
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or node.get("aria-hidden") == "true":
            return True
    return in_header


def _links_home(anchor: Any) -> bool:
    href = (anchor.get("href") or "").strip()
    return href in ("/", "./", "#") or bool(re.match(r"^https?://[^/]+/?$", href))


def json_value(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def first_json(page: ParsedPage, key: str, objects: list[dict[str, Any]] | None = None) -> str | None:
    for obj in page.article_objects() if objects is None else objects:
        value = json_value(obj, key)
        if value:
            return value
    return None


# --- the names of the site ----------------------------------------------------------------------------------


def host_of(page: ParsedPage) -> str:
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
    host = host_of(page)
    if host:
        names.append(host)
        labels = host.split(".")
        names.append(labels[-2] if len(labels) >= 2 else labels[0])
    return [n.strip() for n in dict.fromkeys(names) if n and n.strip()]


def site_name(page: ParsedPage) -> str | None:
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
    return host_of(page) or None


def is_site(part: str, sites: list[str]) -> bool:
    norm = norm_text(part)
    if not norm:
        return True
    if _DOMAIN_LIKE.match(part.strip()):
        return True
    compact = norm.replace(" ", "")
    words = len(norm.split())
    for site in sites:
        site_norm = norm_text(site)
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
    words = norm_text(part).split()
    return 0 < len(words) <= 3 and all(w in SECTION_WORDS for w in words)


def is_removable(part: str, sites: list[str]) -> bool:
    return is_site(part, sites) or bool(DATE_PART.match(part.strip())) or _is_section(part)


def spaced_text(element: Any) -> str:
    """Text with a space between child elements ("By<a>Jane Doe</a>" is "By Jane Doe")."""
    return " ".join(" ".join(element.itertext()).split())


def same_as_site(name: str, sites: list[str]) -> bool:
    compact = compact_text(name)
    return any(compact == compact_text(site) for site in sites)


def compact_text(name: str) -> str:
    return norm_text(name).replace(" ", "")
