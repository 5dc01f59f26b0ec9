"""Rule *dialogue*: quotations opened by a dash instead of quote marks (Spanish and French press).

    —No esperaba una noche así —reconoció entre risas—. Llevaba tres partidos fallando todo.
    — Pourquoi ces mandats fictifs ? avait demandé la présidente lors de l'audience.

A dash that opens a paragraph or a sentence opens a quotation. It ends where the attribution
begins: a dash before the cue (Spanish "—reconoció—"), or a comma, question or exclamation mark
before it (French "…, répond Samia B."); else at the end of the paragraph. After a Spanish
attribution closed by its dash, the rest of the sentence and paragraph goes on quoting (a split
quote).
"""

from __future__ import annotations

import re

from pipeline.quotes.found import Attribution, Document, Span
from pipeline.quotes.lexicon import Lexicon
from pipeline.quotes.speakers import speaker_after

_DASH = re.compile(r"[—–]\s?(?=[^\W\d_])")  # a dash before a word: it opens a line of dialogue where …
_BEFORE_OPENING = '.!?…»”"'  # … it starts a line, or follows the end of a sentence and a blank
_INCISE = re.compile(r"\s[—–](?=[a-zà-ÿ])")  # "… así —reconoció": the dash before a Spanish incise
_INCISE_END = re.compile(r"[—–]([.,;:]?)\s*")  # "—reconoció entre risas—. ": the closing dash
_CUE_AFTER = re.compile(r"\s*([,?!…])\s+")  # "…, répond", "… ? avait demandé"


def _attribution(lex: Lexicon, text: str, pos: int, limit: int) -> tuple[Span | None, Span] | None:
    cue = lex.cue.match(text, pos, limit)
    if cue is None:
        return None
    return speaker_after(lex, text, cue.end(), limit), cue.span()


def _french_end(lex: Lexicon, text: str, start: int, end: int) -> tuple[int, int] | None:
    """(end of the quotation, start of its cue) for "… , répond X" inside [start, end)."""
    for m in _CUE_AFTER.finditer(text, start, end):
        if lex.cue.match(text, m.end(), end) is not None:
            quote_end = m.end(1) if m.group(1) in "?!…" else m.start(1)
            return quote_end, m.end()
    return None


def dialogue_quotes(lex: Lexicon, doc: Document, taken: list[Span]) -> list[Attribution]:
    """Dash-opened quotations of every paragraph not already inside a marked quotation."""
    text = doc.text
    if "—" not in text and "–" not in text:
        return []
    out: list[Attribution] = []
    for p_start, p_end in doc.paragraphs:
        for opening in _DASH.finditer(text, p_start, p_end):
            if not _opens_dialogue(text, opening.start()) or any(a <= opening.start() < b for a, b in taken):
                continue
            out.extend(_one(lex, text, opening.end(), p_end))
    return out


def _opens_dialogue(text: str, i: int) -> bool:
    return (
        i == 0 or text[i - 1] == "\n" or (i >= 2 and text[i - 1].isspace() and text[i - 2] in _BEFORE_OPENING)
    )


def _one(lex: Lexicon, text: str, start: int, p_end: int) -> list[Attribution]:
    incise = _INCISE.search(text, start, p_end)
    if incise is not None:
        return _spanish(lex, text, start, incise, p_end)
    french = _french_end(lex, text, start, p_end)
    if french is None:
        return [Attribution(start, p_end, "direct", content=(start, p_end))]
    quote_end, cue_start = french
    attr = _attribution(lex, text, cue_start, p_end)
    item = Attribution(start, quote_end, "direct", content=(start, quote_end))
    if attr is not None:
        item.speaker_span, item.cue_span = attr
    return [item]


def _spanish(lex: Lexicon, text: str, start: int, incise: re.Match[str], p_end: int) -> list[Attribution]:
    """ "—A —reconoció—. B": two parts of one quotation around a dash-delimited attribution."""
    first = Attribution(start, incise.start(), "direct", content=(start, incise.start()), split=True)
    attr = _attribution(lex, text, incise.end(), p_end)
    if attr is None:
        return [first]
    first.speaker_span, first.cue_span = attr
    closing = _INCISE_END.search(text, attr[1][1], p_end)
    if closing is None:
        return [first]
    rest_start = closing.end()
    rest_end = _INCISE.search(text, rest_start, p_end)
    rest_stop = rest_end.start() if rest_end else p_end
    if not text[rest_start:rest_stop].strip() or closing.group(1) not in ".,":
        return [first]
    second = Attribution(rest_start, rest_stop, "direct", content=(rest_start, rest_stop), split=True)
    second.speaker_span, second.cue_span = first.speaker_span, first.cue_span
    return [first, second]
