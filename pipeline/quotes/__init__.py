"""Quotations in an article: direct, partial and indirect, with their speakers.

Rule based and cheap (no parser, no model): a pass over quote marks, then named rules over each
sentence, then speaker resolution. The words of each language live in `pipeline.lang`; the rules
live here:

- `marks`: balanced quotations (a multi-paragraph quotation is one span);
- `direct`: a quotation that is its own clause, with the attribution next to it; continuation and
  split quotes;
- `indirect`: reported speech (according-to, clause-first, subject-verb, stance objects, second
  verbs, a quotation after an unlisted verb);
- `engine`: types the rows (each quotation inside a reported clause is a *partial* row with the
  clause's speaker and cue, the clause itself no row; after "called", "described as" only the quoted
  words are a row), links split quotes (`group_index`), and resolves speakers (`resolve`).

Conventions of the rows:
- **direct**: a quotation that stands as its own clause (`"We will win," she said.`); the span
  includes the quote marks. A split quote (`"First," he said, "second."`) gives two rows with the
  same speaker and the same `group_index` (the index of the first part). A multi-paragraph
  quotation is one row.
- **partial**: quoted words inside a sentence of the writer's own (`called the plan "a sticking
  plaster"`), marks included.
- **indirect**: a reported clause (`X said (that) …`, `according to X, …`, `…, officials said.`),
  without the speaker, the cue and "that"; after a stance verb (endorse, decline) its object.
- Quoted words with no reporting verb around them (scare quotes, titles of works, nicknames) are
  not quotes; neither are research findings, posts without an author, or instructions to readers.

`speaker` is the speaker as written next to the cue; `speaker_resolved` is who that is (see
`resolve`), or empty when the article does not tell.
"""

from __future__ import annotations

from pipeline.model import Quote
from pipeline.quotes.engine import find
from pipeline.quotes.found import Attribution, Span, sentence_of

__all__ = ["Attribution", "find_attributions", "find_quotes"]


def find_attributions(
    text: str, paragraphs: list[Span], sentences: list[Span], language: str | None = "en"
) -> list[Attribution]:
    """Like `find_quotes`, with the speaker and cue offsets and the attribution units (for the benchmark)."""
    if not text or not paragraphs:
        return []
    return find(text, paragraphs, sentences or list(paragraphs), language)


def find_quotes(
    text: str, paragraphs: list[Span], sentences: list[Span], language: str | None = "en"
) -> list[Quote]:
    """Quotes of one article, sorted by start, offsets into `text`; a partial row may lie inside the
    indirect row of its clause."""
    starts = [s for s, _ in sentences]
    return [
        Quote(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            type=f.type,
            speaker=f.speaker,
            speaker_resolved=f.speaker_resolved,
            cue=f.cue,
            sentence_index=sentence_of(starts, f.start),
            group_index=f.group_index,
        )
        for f in find_attributions(text, paragraphs, sentences, language)
    ]
