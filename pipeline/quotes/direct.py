"""Rule *direct*: a quotation that stands as its own clause, with the attribution next to it.

`"We will win," she said.` / `She said: "We will win."` / `«Nous gagnerons», dit-il.` /
`"…" ― Jorge Falcon` / `X said:` ¶ `"…"`. A quotation without an attribution of its own
continues the one before it (rule *continuation*); one cut by its attribution
(`"First," he said, "second."`) is a *split* quote. Quoted words inside a sentence of the
writer's own are handed on to the reported-speech rules as embedded quotations; scare quotes,
titles of works and nicknames are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang.shared import ATTRIBUTION_JOINERS, BYLINE_DASHES, NAME_CONNECTORS
from pipeline.quotes.found import Attribution, Document, Span, skip_chars
from pipeline.quotes.lexicon import Lexicon, alternation, name_pattern
from pipeline.quotes.speakers import speaker_after, subject_before

ATTRIBUTION_REACH = 160  # characters after a quotation where its cue may sit
CUE_TO_QUOTE = 70  # longest stretch between a cue and the quotation it introduces
NICKNAME_WORDS = 3  # Donald "The Donald" Trump: a short quotation between capitalised words

_TAIL = re.compile(rf"\s*[{re.escape(ATTRIBUTION_JOINERS)}]?\s*")
_LOWER_RUN = re.compile(r"(?:[a-zß-ÿ][\w&-]*\s+|[A-ZÀ-Þ][\w&-]*\s+){0,5}")
_BYLINE = re.compile(
    rf"[\s\xa0]*([{BYLINE_DASHES}])[\s\xa0]*({name_pattern(alternation(NAME_CONNECTORS))})[\s\xa0.]*(?=$|[“”\"\n])"
)

Attributed = tuple[Span | None, Span]  # (speaker span, cue span); no speaker: "«…», añadió."


def _byline(text: str, pos: int, limit: int) -> Attributed | None:
    dash = _BYLINE.match(text, pos, limit)
    if dash is None:
        return None
    name_end = dash.end(2) - (text[dash.end(2) - 1] == ".")
    return (dash.start(2), name_end), dash.span(1)


_TOKEN = re.compile(r"[\w’'-]+")


def cue_matches(lex: Lexicon, text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The cues between lo and hi, in order: a set test on each word, then the cue pattern there
    (matching the pattern's ~800 alternatives at every position would cost ten times more)."""
    out = []
    last_end = lo
    for token in _TOKEN.finditer(text, lo, hi):
        word = token.group()
        if token.start() < last_end or (
            word not in lex.cue_first_words and "-t-" not in word and "-" not in word
        ):
            continue
        m = lex.cue.match(text, token.start(), hi)
        if m is not None:
            out.append(m)
            last_end = m.end()
    return out


def attribution_after(lex: Lexicon, text: str, pos: int, limit: int) -> Attributed | None:
    """`"…," Smith said` / `"…," said Smith` / `«…», dit-il` right after a quotation."""
    byline = _byline(text, pos, limit)
    if byline is not None:
        return byline
    tail = _TAIL.match(text, pos, limit)
    at = tail.end() if tail is not None else pos
    reflexive = re.match(r"(?:se\s+|s['’])", text[at : at + 3]) if lex.words.reflexives else None
    cue = lex.cue.match(text, at + (reflexive.end() if reflexive else 0), limit)  # "«…», se quejaron."
    if cue is not None:  # inverted: said Smith
        inside = lex.inverted_pronoun.search(text, cue.start(), cue.end())
        if inside is not None:  # "a-t-elle ajouté": the pronoun sits inside the cue
            return inside.span(1), cue.span()
        spk = speaker_after(lex, text, cue.end(), limit)
        if spk is not None:
            return spk, cue.span()
        when = lex.when_after_cue.match(text, cue.end(), limit)
        rest = text[when.end() if when else cue.end() : limit]
        # "«Es un compromiso», añadió.": the subject is left out; the speaker is the one before
        if not rest.strip(" .,;!?") or (
            lex.words.pro_drop and rest[:1] == " " and rest.strip()[:1].islower()
        ):
            return None, cue.span()  # "«…», declaró a las puertas del juzgado."
        return None
    for cue in cue_matches(lex, text, at, min(limit, at + ATTRIBUTION_REACH)):
        spk = subject_before(lex, text, at, cue.start())
        if spk is not None and _LOWER_RUN.fullmatch(text, at, spk[0]):
            # '…" election law expert Rick Hasen tweeted': a title run before the name
            return (at if text[at : spk[0]].strip() else spk[0], spk[1]), cue.span()
        break
    return None


def attribution_before(lex: Lexicon, text: str, lo: int, pos: int) -> Attributed | None:
    """`Smith said: "…"` / `He added, "…"`: the last cue before the quotation, with its subject."""
    found = cue_matches(lex, text, lo, pos)
    if not found:
        return None
    last = found[-1]
    between = text[last.end() : pos]
    if len(between) > CUE_TO_QUOTE or (not between.rstrip().endswith((":", ",")) and between.strip()):
        return None
    cue = last.span()
    if last.group().lower() in lex.according_to:
        spk = speaker_after(lex, text, cue[1], pos)
        return (spk, cue) if spk else None
    if lex.words.verb_second and lex.lead_phrase.match(text, skip_chars(text, lo, cue[0], " \n")):
        # "Noch am Abend schrieb Seitz auf X: …": a fronted adverbial puts the subject after the verb
        spk = speaker_after(lex, text, cue[1], pos)
        if spk:
            return spk, cue
    spk = subject_before(lex, text, lo, cue[0])
    if spk is None and lex.words.participle_suffix and last.group().endswith(lex.words.participle_suffix):
        comma = text.rfind(",", lo, last.start())
        spk = subject_before(lex, text, lo, max(lo, comma))
    if spk is None and not text[lo : cue[0]].strip(" ,;—–-\"“”„«»‘’'"):
        # `"First," said Kroger, "second."`, `„A“, so Lorenz, „B.“`: an inverted cue between the parts
        spk = speaker_after(lex, text, cue[1], pos)
    return (spk, cue) if spk else None


def _two_word_cue(lex: Lexicon, words: list[str]) -> bool:
    return len(words) == 2 and words[1].lower() in lex.indirect_pairs.get(words[0].lower(), ())


def is_decorative(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Scare quotes, titles and nicknames: marked ("so-called"), or a short quotation between
    capitalised words."""
    before = text[max(0, start - 20) : start]
    title = lex.work_title_before.search(before)
    if title is not None and not _two_word_cue(lex, before[: title.end()].split()[-2:]):
        return True  # "la zone dite « rouge »", but "elle s'est dite « soulagée »" speaks
    words = text[start + 1 : end - 1].split()
    prev = re.search(r"(\S+)\s*$", before)
    nxt = re.match(r"\s*(\S+)", text[end : end + 20])
    return bool(
        len(words) <= NICKNAME_WORDS
        and prev
        and nxt
        and prev.group(1)[:1].isupper()
        and nxt.group(1)[:1].isupper()
    )


_INCISE_START = re.compile(r",\s+")
_INCISE_END = re.compile(r"\s*(?:,[^.,;«»“”\"]{0,80})?[.,;]\s+")


def inner_attribution(lex: Lexicon, text: str, start: int, end: int) -> tuple[int, int, Attributed] | None:
    """« Chaque matin, c'est la loterie, explique Maialen Etcheverry, pharmacienne. On commande … » :
    the attribution inside the marks (French style) cuts the quotation in two."""
    for comma in _INCISE_START.finditer(text, start + 1, end - 1):
        cue = lex.cue.match(text, comma.end(), end - 1)
        if cue is None:
            continue
        speaker = speaker_after(lex, text, cue.end(), end - 1)
        if speaker is None:
            continue
        close = _INCISE_END.match(text, speaker[1], end - 1)
        if close is None or not text[close.end() : end - 1].strip(' »”"'):
            continue
        return comma.start(), close.end(), (speaker, cue.span())
    return None


@dataclass(slots=True)
class _Context:
    """Where a quotation sits: its sentence, paragraph, and what precedes it in the sentence."""

    start: int
    end: int
    sentence: int
    paragraph: int
    lo: int  # start of the text before the quotation in its sentence (after the previous quotation)
    s_end: int  # end of the sentence (or paragraph) the quotation ends in
    before: str


def _context(doc: Document, start: int, end: int, prev_end: int) -> _Context:
    text = doc.text
    si = doc.sentence_at(start)
    s_start = doc.sentences[si][0] if doc.sentences else 0
    lo = max(s_start, prev_end) if prev_end <= start else s_start
    last = doc.sentence_at(max(start, end - 1))
    s_end = doc.sentences[last][1] if doc.sentences else len(text)
    pi = doc.paragraph_at(start)
    p_end = doc.paragraphs[pi][1] if doc.paragraphs else len(text)
    return _Context(start, end, si, pi, lo, max(s_end, min(end, p_end)), text[lo:start])


def _attribution(lex: Lexicon, doc: Document, ctx: _Context) -> tuple[Attributed | None, Attributed | None]:
    """(after, before): the attribution following the quotation, else the one leading to it."""
    text = doc.text
    after = attribution_after(lex, text, ctx.end, ctx.s_end)
    if after is not None:
        return after, None
    before = attribution_before(lex, text, ctx.lo, ctx.start)
    if before is None and not ctx.before.strip() and ctx.sentence > 0:
        prev_start, prev_end = doc.sentences[ctx.sentence - 1]
        if text[:prev_end].endswith(":"):  # "Cruz said:" ¶ "…"
            before = attribution_before(lex, text, prev_start, prev_end)
    return None, before


def _stands_alone(
    text: str, ctx: _Context, after: Attributed | None, before: Attributed | None, prev_end: int
) -> bool:
    """The quotation is a clause of its own, not words quoted inside the writer's sentence."""
    lead = ctx.before
    sentence_end = lead.rstrip().endswith((".", "!", "?")) and lead.endswith(
        (" ", "\n")
    )  # a missed sentence end
    alone_before = (
        not lead.strip(" ,;:—–-") or before is not None or lead.rstrip().endswith(":") or sentence_end
    )
    after_text = text[ctx.end : ctx.s_end].strip()
    alone_after = not after_text.strip(".,;!?)") or after is not None or after_text[:1] in '"“„«'
    inner = text[ctx.start + 1 : ctx.end - 1].lstrip("'‘ ")
    opens_clause = (
        inner[:1].isupper()
        or sentence_end
        or not lead.strip()
        or lead.rstrip().endswith(":")
        or (before is not None and ctx.lo == prev_end)
    )
    return alone_before and alone_after and opens_clause


class DirectRule:
    """Walks the quotations of one article in order, keeping the previous direct quote."""

    def __init__(self, lex: Lexicon, doc: Document) -> None:
        self.lex = lex
        self.doc = doc
        self.found: list[Attribution] = []
        self.embedded: list[Span] = []
        self.units = 0
        self.prev_end = -1
        self.prev: Attribution | None = None

    def new_unit(self) -> int:
        self.units += 1
        return self.units

    def run(self, spans: list[Span]) -> None:
        for start, end in spans:
            self._one(start, end)
            self.prev_end = end

    def _one(self, start: int, end: int) -> None:
        doc = self.doc
        incise = inner_attribution(self.lex, doc.text, start, end)
        if incise is not None:  # « A, explique X, fonction. B »: one quotation around its attribution
            first_end, second_start, attr = incise
            unit = self.new_unit()
            for a, b in ((start, first_end), (second_start, end)):
                item = Attribution(a, b, "direct", content=(a, b), unit=unit, split=True)
                item.speaker_span, item.cue_span = attr
                self.found.append(item)
                self.prev = item
            return
        ctx = _context(doc, start, end, self.prev_end)
        after, before = _attribution(self.lex, doc, ctx)
        if not _stands_alone(doc.text, ctx, after, before, self.prev_end):
            if not is_decorative(self.lex, doc.text, start, end):
                self.embedded.append((start, end))
            return
        item = Attribution(start, end, "direct", content=(start, end))
        attr = after or before
        if attr is not None:
            self._attach(item, attr, ctx)
        else:
            self._continue(item, ctx)
        if item.unit < 0:
            item.unit = self.new_unit()
        self.found.append(item)
        self.prev = item

    def _attach(self, item: Attribution, attr: Attributed, ctx: _Context) -> None:
        item.speaker_span, item.cue_span = attr
        prev = self.prev
        if prev is None:
            return
        if attr[0] is None:
            return  # no speaker of its own: `_inherit` gives it the one before
        if prev.speaker_span is None and self.doc.sentence_at(prev.start) == ctx.sentence:
            prev.speaker_span, prev.cue_span = attr  # "First" … "second," he said: one attribution
            item.unit = prev.unit
        elif prev.cue_span == attr[1]:
            item.unit = prev.unit  # "First," he said, "second."

    def _continue(self, item: Attribution, ctx: _Context) -> None:
        """A quotation without a cue continues the direct quote before it (same sentence, or a
        paragraph of quotation right after it)."""
        prev = self.prev
        if prev is None or prev.speaker_span is None:
            return
        doc = self.doc
        same_sentence = doc.sentence_at(prev.end - 1) == ctx.sentence
        paragraph_start = doc.paragraphs[ctx.paragraph][0]
        next_paragraph = (
            not ctx.before.strip()
            and doc.paragraph_at(prev.start) >= ctx.paragraph - 1
            and doc.text[paragraph_start : ctx.start].strip() == ""
        )
        if not (same_sentence or next_paragraph):
            return
        item.speaker_span, item.cue_span, item.speaker_resolved = (
            prev.speaker_span,
            prev.cue_span,
            prev.speaker_resolved,
        )
        if doc.paragraph_at(prev.start) == ctx.paragraph:
            item.unit = prev.unit
