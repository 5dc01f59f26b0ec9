"""Balanced quotations in the text (marks included); a quotation over several paragraphs is one span.

A multi-paragraph quotation opens every paragraph with a mark and closes only at its end; a
paragraph may carry an unclosed quotation into the next one only if the quotation opens that
paragraph (or follows a colon or comma), so a stray mark never swallows the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang.shared import LOW_HIGH_LANGUAGES, OPENING_MARKS, QUOTE_PAIRS, REVERSED_GUILLEMETS
from pipeline.quotes.found import Span

_MARKS = re.compile(r"''(?!')|[\"“”„«»‹›]|‘|’(?![\w])")
_REVERSED_OPENERS = "»›"


@dataclass(slots=True)
class _Open:
    start: int
    mark: str  # the opening mark, '"' for a typewriter ''


@dataclass(slots=True)
class _Scan:
    """One paragraph's scan state."""

    text: str
    language: str
    p_start: int
    spans: list[Span]
    opened: _Open | None = None

    def close(self, pos: int, width: int) -> None:
        assert self.opened is not None
        if pos - self.opened.start > 1:
            self.spans.append((self.opened.start, pos + width))
        self.opened = None

    def mark(self, match: re.Match[str]) -> None:
        raw, pos = match.group(), match.start()
        mark = '"' if raw == "''" else raw
        opened = self.opened
        if raw == "''" and opened is None and pos > self.p_start and self.text[pos - 1].isalnum():
            return  # "the students'' union": not an opening mark
        if opened is not None and mark in QUOTE_PAIRS[opened.mark]:
            self.close(pos, len(raw))
        elif opened is not None and mark != opened.mark:
            return  # a quotation inside a quotation (“…” inside «…»): part of the outer one
        elif self._opens(mark, pos):
            self.opened = _Open(pos, mark)  # a new opener replaces an unclosed one (a stray mark)

    def _opens(self, mark: str, pos: int) -> bool:
        if mark in _REVERSED_OPENERS:
            return self.opened is None and self.language in REVERSED_GUILLEMETS
        if mark not in OPENING_MARKS:
            return False
        # „…“: in German a “ right after a letter is a closer whose opener was lost
        return not (
            mark == "“"
            and self.language in LOW_HIGH_LANGUAGES
            and self.opened is None
            and pos > self.p_start
            and self.text[pos - 1].isalnum()
        )


def _continues(text: str, p_start: int, pending: _Open) -> int:
    """How many characters of the paragraph's opening mark continue a quotation (0: none)."""
    if text[p_start] == pending.mark or (pending.mark in '“"' and text[p_start] in '“"'):
        return 1
    if pending.mark == '"' and text.startswith("''", p_start):
        return 2
    return 0


def _may_run_on(text: str, start: int, p_start: int) -> bool:
    return start == p_start or text[p_start:start].rstrip().endswith((":", ","))


def quote_spans(text: str, paragraphs: list[Span], language: str) -> list[Span]:
    """Balanced quotations, marks included, in text order."""
    spans: list[Span] = []
    pending: _Open | None = None
    for p_start, p_end in paragraphs:
        scan = _Scan(text, language, p_start, spans)
        first = p_start
        if pending is not None:
            width = _continues(text, p_start, pending)
            if width:
                scan.opened, first = pending, p_start + width
            pending = None
        for match in _MARKS.finditer(text, first, p_end):
            scan.mark(match)
        if scan.opened is not None and _may_run_on(text, scan.opened.start, p_start):
            pending = scan.opened
    return spans
