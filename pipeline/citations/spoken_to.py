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

from pipeline.citations.cues import name_after_cue
from pipeline.citations.scanner import Scanner
from pipeline.lang import own_citation_words
from pipeline.outlets import MEDIA_TYPES, name_key, registry

MAX_WORDS_BETWEEN = 8  # words between the speech verb and the preposition ("declaró Villalta, de 58 años,")
WINDOW_CHARS = 160  # how far after its speech verb a preposition may come
FOLLOWING_WORDS = 4  # the outlet's name starts in one of the words after the preposition ...
FOLLOWING_CHARS = 60  # ... read from this many characters
_ARTICLES = frozenset(
    {"the", "le", "la", "les", "l'", "el", "los", "las", "der", "die", "das", "des", "dem", "den"}
)
_CLAUSE_BREAK = re.compile(r"[.;:!?«»\"“”„]")
_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=8)
def _preposition_pattern(language: str) -> re.Pattern[str] | None:
    words = own_citation_words(language)
    if words is None or not words.spoken_to:
        return None
    alternatives = "|".join(sorted(words.spoken_to, key=len, reverse=True))
    # a preposition with a capital letter in one of the next four words (an outlet's name, "laSexta");
    # the blank before it comes first in the pattern, which makes the scan three times faster
    return re.compile(rf" (?:{alternatives})[ \u00a0]+(?=(?:[^\s.,;:!?]+[ \u00a0]+){{0,3}}?\S*[A-ZÀ-Þ])")


@lru_cache(maxsize=8)
def _speech_words(language: str) -> frozenset[str]:
    """The speech verbs of the quotes engine's lexicon (imported here, not at the top: the citations
    step must not load the quotes engine just to be imported)."""
    from pipeline.quotes.lexicon import lexicon

    return lexicon(language).indirect_words


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    """The first word of every registry name after its article, in the registry's key form."""
    reg = registry()
    out = set()
    for key in [*reg.by_key, *(key for _, key in reg.by_local)]:
        words = key.split()
        while len(words) > 1 and words[0] in _ARTICLES:
            words = words[1:]
        out.add(words[0])
    return frozenset(out)


def spoken_to(sc: Scanner) -> None:
    """From each speech verb of the page (few), the prepositions of its clause that an outlet's name
    follows."""
    pattern = _preposition_pattern(sc.language)
    if pattern is None:
        return
    verbs = sc.words & _speech_words(sc.language)
    if not verbs:
        return
    outlet_words = _outlet_words()
    text, low = sc.text, sc.lower
    for verb in verbs:
        i = low.find(verb)
        while i != -1:
            end = i + len(verb)
            for m in pattern.finditer(text, end - 1, _clause_end(text, end)):
                following = text[m.end() : m.end() + FOLLOWING_CHARS].split()[:FOLLOWING_WORDS]
                if len(_WORD.findall(text, end, m.start())) > MAX_WORDS_BETWEEN or not any(
                    name_key(word) in outlet_words for word in following
                ):
                    continue  # too far from the verb, or no outlet's name starts there
                if _staff_before(sc.language, text, m.start()):
                    continue  # "ein Redakteur der Süddeutschen Zeitung": who they work for
                name = name_after_cue(sc, m.end())
                if name is not None and name.outlet is not None and name.outlet.type in MEDIA_TYPES:
                    sc.emit("attribution", name, False, MEDIA_TYPES)
            i = low.find(verb, end)


def _staff_before(language: str | None, text: str, pos: int) -> bool:
    """A staff noun right before the preposition ("a presenter on", "ein Redakteur der"): the outlet
    employs the speaker; it is no source they spoke to."""
    words = own_citation_words(language)
    before = _WORD.findall(text, max(0, pos - FOLLOWING_CHARS), pos)
    return bool(words and words.staff_nouns and before and before[-1].lower().endswith(words.staff_nouns))


def _clause_end(text: str, pos: int) -> int:
    """The end of the clause a verb ending at `pos` stands in, at most `WINDOW_CHARS` on."""
    limit = min(len(text), pos + WINDOW_CHARS)
    stop = _CLAUSE_BREAK.search(text, pos, limit)
    return stop.start() if stop is not None else limit
