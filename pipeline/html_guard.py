"""Make hostile HTML safe to parse without losing the article in it.

libxml2 stops at a text node over 10 MB (its default limit): a page with an
11 MB inline base64 image lost its article silently. Huge `data:` URIs and
huge inline scripts or styles carry nothing an extractor needs, so they are
cut out before parsing; each cut is counted as a fix.
"""

from __future__ import annotations

import re

_DATA_URI_KEEP = 4096  # a data: URI longer than this is an inline file, not a link
_HUGE_DATA_URI = re.compile(r"data:[^\"'\s>)]{" + str(_DATA_URI_KEEP) + ",}")
_BLOCK_KEEP = 1 << 20  # inline script/style bodies longer than this are emptied
_SCRIPT_OR_STYLE = re.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL)
_LD_JSON = re.compile(r"application/ld\+json", re.IGNORECASE)
_CHECK_FROM = 1 << 20  # pages smaller than this cannot hold a huge node: not scanned


def defuse(html: str) -> tuple[str, list[str]]:
    """`html` without huge inline payloads, and the names of what was removed."""
    if len(html) < _CHECK_FROM:
        return html, []
    fixes: list[str] = []
    html, count = _HUGE_DATA_URI.subn("data:,", html)
    if count:
        fixes.append("html_data_uri_removed")

    def empty_huge(match: re.Match[str]) -> str:
        if len(match.group(3)) <= _BLOCK_KEEP or _LD_JSON.search(match.group(1)):
            return match.group(0)
        fixes.append("html_inline_block_removed")
        return match.group(1) + match.group(4)

    html = _SCRIPT_OR_STYLE.sub(empty_huge, html)
    return html, fixes
