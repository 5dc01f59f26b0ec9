"""URLs from the web made valid where they are produced: trimmed, unwrapped, percent-encoded.

hrefs in real pages carry newlines and spaces, redirect wrappers around the
real target (google.com/url?q=…, l.facebook.com/l.php?u=…), user info, and
characters a URL may not hold. `repair_url` returns a URL that keeps the
table contract (the suites' URL regex) or None, and names what it changed so
the manifest can count it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

# Redirectors whose query parameter holds the real target: (host suffix, path prefix, parameter).
_REDIRECTORS = (
    ("google.", "/url", "q"),
    ("google.", "/url", "url"),
    ("l.facebook.com", "/l.php", "u"),
    ("lm.facebook.com", "/l.php", "u"),
    ("l.instagram.com", "/", "u"),
    ("t.umblr.com", "/redirect", "z"),
    ("out.reddit.com", "/", "url"),
    ("href.li", "/", ""),
    ("away.vk.com", "/away.php", "to"),
    ("slack-redir.net", "/link", "url"),
    ("safelinks.protection.outlook.com", "/", "url"),
)
_WHITESPACE = re.compile(r"[\t\n\r\f\v]+")
_UNSAFE = re.compile(
    r"[^\x21-\x7e\u00a0-\U0010ffff]"
)  # control characters and spaces; keeps IRIs as they are
_MAX_UNWRAP = 3


def _unwrapped(url: str) -> str | None:
    """The target of a known redirect wrapper, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for host_part, path_prefix, parameter in _REDIRECTORS:
        if (host_part in host) and parts.path.startswith(path_prefix):
            if not parameter:  # href.li/?https://target
                return parts.query or None
            values = parse_qs(parts.query).get(parameter)
            if values and values[0].lower().startswith(("http://", "https://")):
                return values[0]
    return None


def _encode_unsafe(url: str) -> str:
    return _UNSAFE.sub(lambda m: quote(m.group(0), safe=""), url)


def _without_userinfo(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def repair_url(url: str | None, valid) -> tuple[str | None, list[str]]:
    """(a URL for which `valid(url)` holds, or None; the names of the repairs made).

    `valid` is the contract's check for the column the URL goes into.
    """
    if url is None:
        return None, []
    fixes: list[str] = []
    candidate = url.strip()
    if candidate != url:
        fixes.append("url_trimmed")
    if _WHITESPACE.search(candidate):
        candidate = _WHITESPACE.sub("", candidate)
        fixes.append("url_whitespace_removed")
    for _ in range(_MAX_UNWRAP):
        target = _unwrapped(candidate)
        if target is None:
            break
        candidate = target.strip()
        fixes.append("url_unwrapped")
    if valid(candidate):
        return candidate, fixes
    encoded = _encode_unsafe(candidate)
    if encoded != candidate:
        fixes.append("url_percent_encoded")
        candidate = encoded
    without = _without_userinfo(candidate)
    if without != candidate:
        fixes.append("url_userinfo_removed")
        candidate = without
    if valid(candidate):
        return candidate, fixes
    return None, [*fixes, "url_dropped"]
