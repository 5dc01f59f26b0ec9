"""The attribution record the rules produce, and small helpers over offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(slots=True)
class Attribution:
    """One row of the quotes table in the making, with the offsets of its speaker and cue."""

    start: int
    end: int
    type: str  # direct | partial | indirect
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    unit: int = -1  # rows of one attribution share it: a split quote, a clause and its quoted words
    speaker_resolved: str | None = None
    rest: Span | None = None  # "A, he said, B": the part after the parenthetical cue
    joined: bool = False  # continues the attribution of the row before it (same unit)
    split: bool = False  # a part of a split quote ("A," he said, "B.")
    content: Span | None = None  # the whole reported content (the clause a quoted fragment sits in)
    group_index: int | None = None  # set at the end: the index of the first part of a split quote
    object_usage: bool = False  # the cue took an object, not a clause: only quoted words inside are rows
    inherited: bool = False  # a cue-less direct quote that took the speaker of the attribution before it


def sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence (or paragraph) whose start is the last one at or before `pos`."""
    return max(0, bisect_right(starts, pos) - 1)


def last_match(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, pos, len(text) if endpos is None else endpos):  # noqa: B007
        pass
    return last


def skip_chars(text: str, pos: int, limit: int, chars: str) -> int:
    while pos < limit and text[pos] in chars:
        pos += 1
    return pos


def body_end(text: str, start: int, end: int) -> int:
    """End of a sentence without its trailing blanks and full stop."""
    end = start + len(text[start:end].rstrip())
    return end - 1 if text[end - 1 : end] == "." else end


class Document:
    """An article's text with its paragraph and sentence offsets, and lookups by position."""

    def __init__(self, text: str, paragraphs: list[Span], sentences: list[Span]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.paragraph_starts = [p for p, _ in paragraphs]

    def sentence_at(self, pos: int) -> int:
        return sentence_of(self.sentence_starts, pos)

    def paragraph_at(self, pos: int) -> int:
        return sentence_of(self.paragraph_starts, pos)
