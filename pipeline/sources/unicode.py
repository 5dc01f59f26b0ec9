"""Strings that can be written: lone surrogates (undecodable file names, "\\ud800" in JSON) replaced."""

from __future__ import annotations


def valid_utf8(text: str) -> str:
    """`text` itself when it is valid UTF-8, else a copy with U+FFFD for every undecodable piece."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:  # bytes smuggled in as surrogate escapes (os.listdir, tar names) become U+FFFD
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # lone surrogates of another origin
            raw = text.encode("utf-8", "replace")
        return raw.decode("utf-8", "replace")
    return text
