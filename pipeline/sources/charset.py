"""Decode page bytes: HTTP charset, then the page's own declaration, then a detector."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Browsers (WHATWG) read these labels as their supersets; do the same.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_SNIFF_BYTES = 4096
_LATIN_FAMILY = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "iso8859-1",
    "iso8859-2",
    "iso8859-15",
    "iso8859-9",
    "mac-roman",
}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def _try(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, http_content_type: str | None = None) -> str:
    """Best decoding of `body`; never raises (falls back to replacement characters)."""
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    declared = charset_from_content_type(http_content_type)
    for codec in (declared, charset_from_meta(body), "utf-8"):
        text = _try(body, codec)
        if text is not None:
            return text
    from charset_normalizer import from_bytes  # only for undeclared, non-UTF-8 pages

    best = from_bytes(body[:65536]).best()
    guess = _codec(best.encoding if best is not None else None)
    if guess in _LATIN_FAMILY:
        # Short Western text fools detectors into Central European code pages;
        # like browsers, fall back to windows-1252 for the Latin family.
        guess = "cp1252"
    text = _try(body, guess)
    if text is not None:
        return text
    return body.decode(declared or "utf-8", "replace")
