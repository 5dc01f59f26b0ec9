"""Cue words of reported speech and the clause they report: where it starts and where it ends."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.quotes.found import Span
from pipeline.quotes.lexicon import WORD_CHAR, Lexicon

HEADLINE_WORDS = 25  # a title-case line is at most this long
HEADLINE_CAPITALS = 0.7  # share of capitalised words on a title-case line
MIN_CLAUSE_WORDS = 3  # a reported clause shorter than this is a fragment, not speech
OBJECT_LOOKBACK = 30  # characters before a cue where the word in front of it is looked for

_NEXT_WORD = re.compile(r"\s+([\w’'-]+(?:\s+to\s+say)?)")
# "…, führte die Anklägerin aus.": a separable verb's particle closing the clause a few words on
_CLOSING_PARTICLE = re.compile(r"(?:\s+[\w’'.-]+){1,5}?\s+([\w’'-]+)(?=\s*[.,;:!?]|\s*$)")
_PREV_WORD = re.compile(r"([\w’'-]+)\s*$")
_PUNCTUATION = '.,;:!?"“”‘«»„()[]{}—–/…*'


class Cue:
    """A cue word (or words) found in the text."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> Span:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


def headline(text: str, pos: int) -> bool:
    """A title-case line ("..., Lindsey Graham Says."): capitalised verbs count there."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    words = text[line_start : line_end if line_end >= 0 else len(text)].split()
    return len(words) <= HEADLINE_WORDS and sum(w[:1].isupper() for w in words) >= HEADLINE_CAPITALS * len(
        words
    )


def _opens_sentence(lex: Lexicon, text: str, pos: int) -> bool:
    """ "Reconoció que …": a capitalised verb opening a sentence, where the subject may be left out."""
    return lex.words.pro_drop and (
        pos == 0 or text[max(0, pos - 2) : pos] in (". ", "\n", "» ", ".\n") or text[pos - 1] == "\n"
    )


class Cues(list[Cue]):
    """Cues in text order, with their start offsets for bisection."""

    def __init__(self, cues: list[Cue]) -> None:
        super().__init__(sorted(cues, key=Cue.start))
        self.starts = [cue.start() for cue in self]


def indirect_cues(lex: Lexicon, text: str, lo: int, hi: int) -> Cues:
    """Reporting verbs between lo and hi. Set operations pick the few cue words present, then one
    literal search per word: several times cheaper than one alternation of ~700 words."""
    out = []
    tokens = {w.strip(_PUNCTUATION) for w in set(text[lo:hi].split())}
    if lex.words.inverted_pronoun:  # "disent-ils", "a-t-elle précisé"
        tokens |= {t.split("-", 1)[0] for t in tokens if "-" in t}
        out += [Cue(text, m.start(), m.end()) for m in lex.auxiliary_inverted.finditer(text, lo, hi)]
    for word in tokens & lex.indirect_lookup:
        out += _occurrences(lex, text, word, lo, hi)
    return Cues(out)


def _occurrences(lex: Lexicon, text: str, word: str, lo: int, hi: int) -> list[Cue]:
    """Where one cue word stands as a word (a two-word cue with its second word): "said", "told
    reporters", "disent-ils"; a capitalised verb only in a headline or opening a sentence."""
    out = []
    low = word.lower()
    wanted = low in lex.according_to or (low in lex.indirect_words and not word[:1].isupper())
    seconds = lex.indirect_pairs.get(low)
    size = len(word)
    i = text.find(word, lo, hi)
    while i != -1:
        end = i + size
        inverted = lex.inverted_pronoun.match(text, end) is not None  # "disent-ils"
        inside = (i and WORD_CHAR.match(text, i - 1)) or (
            end < len(text) and WORD_CHAR.match(text, end) and not inverted
        )
        if not inside:
            longer = _longer_cue(lex, text, low, seconds, end, hi)
            if longer is not None:  # "told reporters", "se limitó a responder"
                out.append(Cue(text, i, longer))
            elif (
                wanted
                or _particle_closes(lex, text, end, hi, seconds)
                or (low in lex.indirect_words and (headline(text, i) or _opens_sentence(lex, text, i)))
            ):
                out.append(Cue(text, i, end))
        i = text.find(word, end, hi)
    return out


def _longer_cue(
    lex: Lexicon, text: str, low: str, seconds: frozenset[str] | None, end: int, hi: int
) -> int | None:
    """Where a cue of two words or more that starts with this word ends, if one does."""
    nxt = _NEXT_WORD.match(text, end, hi) if seconds is not None else None
    if seconds is None or nxt is None:
        return None
    chain = lex.cue_chains.get((low, nxt.group(1)))
    longer = chain.match(text, nxt.end(), hi) if chain is not None else None
    if longer is not None:
        return longer.end()
    return nxt.end() if nxt.group(1) in seconds else None


def _particle_closes(lex: Lexicon, text: str, end: int, hi: int, seconds: frozenset[str] | None) -> bool:
    """ "…, führte die Anklägerin aus.", "…, machte Karaca deutlich.": a separable verb whose particle
    closes the clause after its subject (verb-second languages)."""
    if not seconds or not lex.words.verb_second:
        return False
    closing = _CLOSING_PARTICLE.match(text, end, hi)
    return closing is not None and closing.group(1) in seconds


def cues_between(cues: Cues, lo: int, hi: int) -> list[Cue]:
    first = bisect_left(cues.starts, lo)
    return cues[first : bisect_left(cues.starts, hi, lo=first)]


def word_before(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """The word right before `pos` (spaces between allowed)."""
    lo = max(lo, pos - OBJECT_LOOKBACK)
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    blank = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end))
    return _PREV_WORD.search(text, max(lo, blank), pos)  # from the last blank: no scan of the window


def after_possessive(lex: Lexicon, word: str) -> bool:
    """ "the authority's estimate", "Trump's support": the cue word is a noun there."""
    low = word.lower().replace("’", "'")
    return low.endswith(("'s", "s'")) and len(low) > 2 and low[:-2] not in lex.words.contractions


def is_noun_or_infinitive(lex: Lexicon, prev: re.Match[str] | None, cue: str) -> bool:
    """ "the call", "to say", "Trump's claim": the cue word is not a reporting verb there. A clitic
    before a finite verb is its object ("la definió", "la qualifie"), not an article, unless a
    preposition comes before it ("un transport à la demande")."""
    if prev is None:
        return False
    word = prev.group(1).lower()
    w = lex.words
    if word in w.object_clitics and not cue.lower().endswith(w.participle_endings):
        before = word_before(prev.string, 0, prev.start(1))
        return before is not None and before.group(1).lower() in w.prepositions | w.not_before_verb
    return word in lex.noun_markers or after_possessive(lex, prev.group(1))


def content_after_cue(lex: Lexicon, text: str, cue: str, cue_end: int, s_end: int) -> int:
    """Where the reported clause starts after a cue (after "that", "to reporters", a time ...)."""
    when = lex.when_after_cue.match(text, cue_end, s_end)
    if when is not None:  # "said Wednesday night that ..."
        cue_end = when.end()
    adverbs = lex.adverb_run.match(text, cue_end, s_end)
    if lex.words.verb_second:  # "teilte am Sonntag mit, …", "kündigte dagegen an, …": the separable particle
        particle = lex.particle.match(text, adverbs.end() if adverbs else cue_end, s_end)
        if particle is not None:
            cue_end, adverbs = particle.end(), None
    if adverbs is not None and (
        text[adverbs.end() : adverbs.end() + 1] in (",", ":")
        or lex.that_clause.match(text, adverbs.end(), s_end)
    ):
        cue_end = adverbs.end()  # "berichtete zudem, …", "dijo además que …": the adverb is not content
    rest_end = s_end
    low = cue.lower()
    if low in lex.words.recipient_verbs:  # "told a town hall in Salem on Monday that ..."
        m = lex.recipient_that.match(text, cue_end, rest_end)
        if m is not None:
            return m.end()
    m = lex.that_clause.match(text, cue_end, rest_end)
    if m is not None and m.end() < cue_end + len(text[cue_end:rest_end].rstrip()):
        return m.end()
    told = low in lex.words.recipient_verbs and low[:4] in {"tell", "told"}
    m = (lex.told_object if told else lex.plain_object).match(text, cue_end, rest_end)
    return m.end() if m else cue_end


def object_end(lex: Lexicon, text: str, start: int, end: int) -> int:
    """End of the object phrase of a stance verb: the first comma or time/adverbial clause."""
    m = lex.object_stop.search(text, start, end)
    return m.start() if m is not None else end


def after_marks(text: str, pos: int) -> int:
    """A cut at `,”` or `”` keeps the closing mark (and a comma inside it) in the clause."""
    if text[pos] == "," and text[pos + 1 : pos + 2] in ('"', "”", "»"):
        return pos + 2
    return pos + 1 if text[pos] in '"”»' else pos


def trim_clause(lex: Lexicon, text: str, start: int, end: int, embedded: list[Span]) -> int:
    """End of the reported clause: before a coordinated or relative clause that follows it."""
    cuts = [m.start() for m in lex.clause_break.finditer(text, start, end)]
    for m in lex.and_verb.finditer(text, start, end):  # "said X and encouraged Y": a second attribution
        if m.group(1).lower() in lex.indirect_words:
            cuts.append(after_marks(text, m.start()))
    for m in lex.coordinated_that.finditer(text, start, end):  # "aseguró que X y que Y": two clauses
        cuts.append(m.start())
    for m in lex.participle_after_comma.finditer(text, start, end):  # "said X, adding that Y"
        if m.group(1) in lex.indirect_words:
            cuts.append(after_marks(text, m.start()))
    for cut in sorted(cuts):
        if len(text[start:cut].split()) < MIN_CLAUSE_WORDS:
            continue
        if any(a < cut < b for a, b in embedded):
            continue  # never inside a quotation
        return cut
    return end


def units(sentences: list[Span], quoted: list[Span]) -> list[Span]:
    """Sentences, merged where a quotation runs across a sentence end."""
    starts = [st for st, _ in sentences]
    out: list[Span] = []
    qi = 0
    for s_start, s_end in sentences:
        if out and out[-1][1] > s_start:
            continue  # already inside the previous unit
        while qi < len(quoted) and quoted[qi][1] <= s_start:
            qi += 1
        end = s_end
        for q_start, q_end in quoted[qi:]:
            if q_start >= end:
                break
            if q_end > end:  # the quotation runs on: take the whole sentence it ends in
                end = sentences[max(0, bisect_right(starts, q_end - 1) - 1)][1]
        out.append((s_start, max(end, s_end)))
    return out
