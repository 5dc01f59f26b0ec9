"""Language of an article as an ISO 639-1 code."""

from __future__ import annotations

import re

_TAG = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$", re.IGNORECASE)
_SAMPLE_CHARS = 1200  # a few sentences give a stable guess; the cost grows with the sample


def normalise_tag(tag: str | None) -> str | None:
    """'en-US' -> 'en', 'DE' -> 'de'; None for anything that is not a language tag."""
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    if not match or len(match.group(1)) != 2:
        return None
    return match.group(1).lower()


def detect_language(text: str) -> str | None:
    """Guess the language of `text` with py3langid (its model ships inside the package)."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.split()) < 3:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return normalise_tag(code)
