"""Outlets a speaker spoke to: "sagte Reinholz bei Sport1", "a raconté le sexagénaire à La Montagne",
"explicó en los micrófonos de COPE", "said on BBC Radio 4".

The cue tables match a verb and its preposition side by side ("told the BBC"); here the speaker (or a
pronoun, an appositive) may stand between them. Only a news outlet the registry knows counts, and
only a few words after a speech verb of the article's language in the same clause, so a place or a
company after "à" or "bei" is never taken for a source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.citations.scanner import Scanner
from pipeline.lang import all_citation_words
from pipeline.outlets import MEDIA_TYPES

MAX_WORDS_BETWEEN = 8  # words between the speech verb and the preposition ("declaró Villalta, de 58 años,")
WINDOW_CHARS = 160  # how far after a speech verb its preposition and outlet may come
_CLAUSE_BREAK = re.compile(r"[.;:!?«»\"“”„]")
_WORD = re.compile(r"[\w’'-]+")
_WORD_CHAR = re.compile(r"[\w’'-]")


@lru_cache(maxsize=8)
def _preposition_pattern(language: str) -> re.Pattern[str] | None:
    words = next((w for w in all_citation_words() if w.code == language and w.spoken_to), None)
    if words is None:
        return None
    alternatives = "|".join(sorted(words.spoken_to, key=len, reverse=True))
    # a preposition with a capital letter in one of the next four words (an outlet's name, "laSexta");
    # the blank before it comes first in the pattern, which makes the scan three times faster
    return re.compile(rf" (?:{alternatives})[ \u00a0]+(?=(?:[^\s.,;:!?]+[ \u00a0]+){{0,3}}?\S*[A-ZÀ-Þ])")


@lru_cache(maxsize=8)
def _speech_words(language: str) -> frozenset[str]:
    from pipeline.quotes.lexicon import lexicon

    return lexicon(language).indirect_words


def spoken_to(sc: Scanner) -> None:
    pattern = _preposition_pattern(sc.language)
    if pattern is None:
        return
    speech = _speech_words(sc.language)
    if not sc.words & speech:
        return
    from pipeline.citations.cues import name_after_cue

    text = sc.text
    for m in pattern.finditer(text):
        if not _after_speech_verb(text, m.start(), speech):
            continue
        name = name_after_cue(sc, m.end())
        if name is not None and name.outlet is not None and name.outlet.type in MEDIA_TYPES:
            sc.emit("attribution", name, False, MEDIA_TYPES)


def _after_speech_verb(text: str, pos: int, speech: frozenset[str]) -> bool:
    """A speech verb at most `MAX_WORDS_BETWEEN` words before `pos`, in the same clause."""
    window = text[max(0, pos - WINDOW_CHARS) : pos]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    words = _WORD.findall(window, cut)[-(MAX_WORDS_BETWEEN + 1) :]
    return any(word.lower() in speech for word in words)
