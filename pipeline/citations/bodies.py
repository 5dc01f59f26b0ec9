"""Bodies whose name goes on in lower case after their organisation word ("le Conseil central de
surveillance pénitentiaire", "la Dirección General de Tráfico"): where such a name ends.

A capitalised run stops at the first lower-case word, which cut these names to "Conseil" or
"Dirección". The words of each language (`CitationWords.body_name_*`) say which links may join the
name ("de la", "del"), which words end it (auxiliaries, prepositions, days) and which endings make
a lower-case word a participle after the name ("publiée", "publicado") rather than part of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lang import CitationWords, own_citation_words

MAX_BODY_WORDS = 8  # words after the organisation word; longer runs are a sentence, not a name


@lru_cache(maxsize=8)
def _words_and_pattern(language: str) -> tuple[CitationWords, re.Pattern[str]] | None:
    words = own_citation_words(language)
    if words is None or not words.body_name_links:
        return None
    links = "|".join(re.escape(link) for link in sorted(words.body_name_links, key=len, reverse=True))
    # a blank, an optional link (an elided one joined to its word: "d'information"), then a word
    pattern = re.compile(rf"[ \u00a0]+(?:({links})(?:[ \u00a0]+|(?<=['’])))?([\w’'-]+)")
    return words, pattern


def body_name_end(text: str, first_end: int, language: str) -> int:
    """The end of a body's name whose organisation word ends at `first_end` (itself if nothing
    follows that belongs to the name)."""
    found = _words_and_pattern(language)
    if found is None:
        return first_end
    words, pattern = found
    end = first_end
    for _ in range(MAX_BODY_WORDS):
        m = pattern.match(text, end)
        if m is None:
            break
        word = m.group(2)
        low = word.lower()
        if low in words.body_name_stops or word[:1].isdigit():
            break
        if m.group(1) is None and word[:1].islower() and low.endswith(words.body_participle_endings):
            break  # "l'Institut de l'élevage publiée …": a participle after the name
        end = m.end()
    return end
