"""Paragraph and sentence spans as offsets into an article's text.

The sentence splitter is rule based and language aware: a boundary is end
punctuation (optionally followed by closing quotes or brackets), then
whitespace, then something that can start a sentence. A boundary is refused
after a title or other abbreviation of the article's language ("Mr.", "Dr.",
"z. B.", "M."), after an initial ("J. Smith"), after a German ordinal
("3. Januar") and, unless the next word typically opens a sentence, after
ambiguous abbreviations ("U.S.", "Inc.", "Jan."). It costs well under a
millisecond per article, against tens for extraction (measured in
benchmarks/throughput.py); library splitters tried (pysbd, syntok) cost
5-50 % of trafilatura's time, and blingfire split after "Sen." and "M.".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]

_PARAGRAPH = re.compile(r"[^\n]+")
# End punctuation, closing quotes/brackets, then whitespace (or paragraph end).
_END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’»“‘)\]]*(?=\s|$)")
_NEXT_WORD = re.compile(r"\s+([\"'“‘„«¿¡(\[]*)(\S*)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_GERMAN_OPENING = "»›"  # German quotes open with » (»…«); in French » closes

# Titles and abbreviations after which a sentence never ends (lower-cased, no final dot).
_NEVER_END = {
    "en": "mr mrs ms messrs dr prof gen col lt maj sgt capt cmdr adm gov sen rep rev hon pres supt det insp "
    "st mt ft no nos vs v cf fig approx dept esp e.g i.e viz al",
    "de": "hr hrn fr frl dr prof st nr z.b z bzw usw ca vgl ggf evtl inkl bspw sog u.a d.h o.ä abs art "
    "str geb gest jh mio mrd",
    "fr": "m mm mme mmes mlle mlles dr pr me st ste n° no p ex env cf etc av bd",
    "es": "sr sra srta sres dr dra d dña lic ing arq prof gral gob pdte pte ud uds vd vds núm no art pág av "
    "avda ee uu",
}
# Ambiguous: a sentence may end here, so split only if the next word usually opens one.
_MAYBE_END = (
    "inc ltd co corp plc llc jr sr etc a.m p.m am pm jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun"
)
_SENTENCE_STARTERS = set(
    (
        "The A An He She It They We I You This That These Those There Here His Her Its Their Our My But And "
        "Yet So Or In On At As After Before When While If Although Though Because Since However Meanwhile "
        "Still Then Now Also Some Many Most Several Both Each One Two No Not What Who Why How Where Which "
        "Der Die Das Ein Eine Er Sie Es Wir Ich Aber Und Doch Dann Nun Auch Im Am Als Nach "
        "Le La Les Un Une Il Elle Ils Elles Nous Je Mais Et Puis Dans En "
        "El Los Las Una Ella Ellos Nosotros Yo Pero Y Luego Entonces"
    ).split()
)
_GERMAN_MONTHS = set(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "jan feb mär apr jun jul aug sep sept okt nov dez".split()
)


def _abbreviations(language: str | None) -> frozenset[str]:
    words: set[str] = set(_NEVER_END["en"].split())
    if language in _NEVER_END:
        words |= set(_NEVER_END[language].split())
    return frozenset(words)


_NEVER_BY_LANGUAGE: dict[str | None, frozenset[str]] = {}
_MAYBE = frozenset(_MAYBE_END.split())


def paragraph_spans(text: str) -> list[Span]:
    """One span per non-blank line, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        start = match.start()
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        spans.append((start, start + len(stripped)))
    return spans


def _is_boundary(paragraph: str, match: re.Match[str], never: frozenset[str], language: str | None) -> bool:
    end = match.end()
    after = _NEXT_WORD.match(paragraph, end)
    if after is None:  # end of paragraph
        return True
    opening, next_word = _opening_and_word(after.group(1), after.group(2), language)
    first = next_word[:1]
    if not opening and first and not (first.isupper() or first.isdigit()):
        return False  # '"Why?" he asked' / 'z. B. gut'
    punctuation = match.group()
    if not punctuation.startswith(".") or punctuation.startswith("..") or len(punctuation) > 1:
        return True  # '!' '?', an ellipsis, or a full stop closed by a quote
    before = _WORD_BEFORE.search(paragraph, 0, match.start())
    if before is None:
        return True
    word = before.group(1).lstrip("\"'“‘„«(([").lower()  # noqa: B005 - a set of opening marks
    if word in never:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    if word.isdigit() and language == "de" and next_word.rstrip(".").lower() in _GERMAN_MONTHS:
        return False  # German ordinal date: "3. Januar"
    bare_word = next_word.rstrip(",.;:")
    dotted_acronym = "." in word and all(len(part) <= 2 for part in word.split("."))
    if word in _MAYBE or dotted_acronym:
        return bool(opening) or bare_word in _SENTENCE_STARTERS
    return True


def _opening_and_word(opening: str, word: str, language: str | None) -> tuple[str, str]:
    """The opening marks before the next word, and the word: "… Karaca. »Wer …«": in German » opens."""
    if language == "de" and not opening and word[:1] in _GERMAN_OPENING:
        return word[:1], word[1:]
    return opening, word


def _sentences_in(paragraph: str, language: str | None) -> Iterator[Span]:
    never = _NEVER_BY_LANGUAGE.get(language)
    if never is None:
        never = _NEVER_BY_LANGUAGE.setdefault(language, _abbreviations(language))
    start = 0
    for match in _END.finditer(paragraph):
        if not _is_boundary(paragraph, match, never, language):
            continue
        end = match.end()
        if paragraph[start:end].strip():
            yield start, end
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if paragraph[start:].strip():
        yield start, len(paragraph.rstrip())


def sentence_spans(text: str, paragraphs: list[Span], language: str | None = None) -> list[Span]:
    """Sentences inside each paragraph (a sentence never crosses a paragraph)."""
    base = (language or "").split("-")[0].lower() or None
    spans: list[Span] = []
    for p_start, p_end in paragraphs:
        paragraph = text[p_start:p_end]
        spans.extend((p_start + s, p_start + e) for s, e in _sentences_in(paragraph, base))
    return spans


def segment(text: str, language: str | None = None) -> tuple[list[Span], list[Span]]:
    """Paragraph spans and sentence spans of `text`."""
    paragraphs = paragraph_spans(text)
    return paragraphs, sentence_spans(text, paragraphs, language)
