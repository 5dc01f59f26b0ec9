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
    return re.compile(rf"(?<![\w-])(?:{alternatives})[ \u00a0]+(?=\S)")


@lru_cache(maxsize=8)
def _speech_words(language: str) -> frozenset[str]:
    from pipeline.quotes.lexicon import lexicon

    return lexicon(language).indirect_words


def spoken_to(sc: Scanner) -> None:
    pattern = _preposition_pattern(sc.language)
    if pattern is None:
        return
    from pipeline.citations.cues import name_after_cue

    text = sc.text
    seen: set[int] = set()
    for verb_end in _speech_verb_ends(sc, _speech_words(sc.language)):
        window_end = _clause_end(text, verb_end)
        for m in pattern.finditer(text, verb_end, window_end):
            if m.end() in seen or len(_WORD.findall(text, verb_end, m.start())) > MAX_WORDS_BETWEEN:
                continue
            seen.add(m.end())
            name = name_after_cue(sc, m.end())
            if name is not None and name.outlet is not None and name.outlet.type in MEDIA_TYPES:
                sc.emit("attribution", name, False, MEDIA_TYPES)


def _speech_verb_ends(sc: Scanner, speech: frozenset[str]) -> list[int]:
    """Where the speech verbs of the text end: the few verb words present (a set intersection), then
    a literal search for each."""
    low = sc.lower
    ends = []
    for word in sc.words & speech:
        i = low.find(word)
        while i != -1:
            end = i + len(word)
            if (i == 0 or not _WORD_CHAR.match(low, i - 1)) and not _WORD_CHAR.match(low, end):
                ends.append(end)
            i = low.find(word, end)
    return sorted(ends)


def _clause_end(text: str, pos: int) -> int:
    """The end of the clause a verb at `pos` stands in, at most `WINDOW_CHARS` on."""
    limit = min(len(text), pos + WINDOW_CHARS)
    stop = _CLAUSE_BREAK.search(text, pos, limit)
    return stop.start() if stop is not None else limit
