"""Language of an article as an ISO 639-1 code.

The language a page declares (`<html lang>`, Content-Language, og:locale, JSON-LD inLanguage)
is taken when the text agrees: its function words are the commonest among the languages we
know them for. Otherwise, and for languages without a word list, py3langid guesses from the
text; its cost grows with the sample, and most pages never need it.
"""

from __future__ import annotations

import re

from pipeline.language_data import FUNCTION_WORDS

_TAG = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 1200  # a few sentences give a stable guess; the cost grows with the sample
_MIN_SHARE = 0.08  # running text in a language has at least this share of its function words


def normalise_tag(tag: str | None) -> str | None:
    """'en-US' -> 'en', 'DE' -> 'de'; None for anything that is not a language tag."""
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    if not match or len(match.group(1)) != 2:
        return None
    return match.group(1).lower()


def _confirms(sample: str, language: str) -> bool:
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return False
    counts = {code: sum(w in vocabulary for w in words) for code, vocabulary in FUNCTION_WORDS.items()}
    own = counts[language]
    return own >= _MIN_SHARE * len(words) and own >= max(counts.values())


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The declared language when the text confirms it, else py3langid's guess from the text."""
    sample = text[:_SAMPLE_CHARS]
    tag = normalise_tag(declared)
    if len(sample.split()) < 3:
        return tag
    if tag in FUNCTION_WORDS and _confirms(sample, tag):
        return tag
    import py3langid

    code, _score = py3langid.classify(sample)
    return normalise_tag(code)
