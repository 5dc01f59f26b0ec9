"""The driver: quotation marks, then the direct rule, then reported speech, then speakers."""

from __future__ import annotations

from pipeline.quotes.dialogue import dialogue_quotes
from pipeline.quotes.direct import DirectRule
from pipeline.quotes.found import Attribution, Document, Span, skip_chars
from pipeline.quotes.indirect import reported_speech
from pipeline.quotes.lexicon import Lexicon, lexicon
from pipeline.quotes.marks import quote_spans
from pipeline.quotes.resolve import Resolver

INHERIT_SENTENCES = 2  # a cue-less direct quote continues an attribution at most this many sentences back
MIN_ROW_CHARS = 2


def _quoted_inside(item: Attribution, embedded: list[Span]) -> list[Span]:
    return [(a, b) for a, b in embedded if a >= item.start and b <= item.end + 2]


def _classify(
    items: list[Attribution], embedded: list[Span], rows: list[Attribution], units: DirectRule
) -> None:
    """Type the reported clauses and add a *partial* row for each quotation inside one.

    A clause that is one quotation is a direct quote; in a clause with quoted words each quotation
    becomes a partial row and the clause itself is no row (reported speech is indirect only without
    quotation marks, as the annotated set's README has it: none of its 1,300 indirect quotes holds
    any; PolNeAR's scores do not move). A quotation the segmenter glued before the clause ("»…« In
    den Lagern stünden …") is no part of it. After a verb that takes an object ("called the
    plan "a sticking plaster""), only the quoted words are a row: the object is not reported speech.
    """
    lex = units.lex
    text = units.doc.text
    for item in items:
        inside, glued = _glued_before(text, item, _quoted_inside(item, embedded))
        cue = (item.cue or "").lower()
        takes_object = cue in lex.object_or_stance and cue not in lex.words.clause_verbs
        if not inside and (item.object_usage or cue in lex.stance_only or takes_object):
            continue  # "Others welcomed the plan", "called the plan a disaster": no reported clause
        item.unit = rows[-1].unit if item.joined and rows else units.new_unit()
        item.content = (item.start, item.end)
        for quotation in glued:
            quotation.unit = item.unit
        rows.extend(glued)
        if not inside:
            rows.append(item)
        elif (
            len(inside) == 1
            and inside[0][0] == item.start
            and inside[0][1] >= item.end - 1
            and not item.object_usage
        ):
            item.type = "direct"
            rows.append(item)
        else:
            rows.extend(_partials(item, inside))


def _glued_before(text: str, item: Attribution, inside: list[Span]) -> tuple[list[Span], list[Attribution]]:
    """A quotation the segmenter glued before a clause ("»…« In den Lagern stünden …, erläuterte der
    49-Jährige") is a direct quote of the same speaker; the clause starts after it. Returns the
    quotations left inside the clause, and the glued one as a row."""
    if not inside or inside[0][0] > item.start + 1 or inside[0][1] >= item.end - 1 or item.object_usage:
        return inside, []
    glued = _partials(item, inside[:1])
    glued[0].type = "direct"
    item.start = skip_chars(text, inside[0][1], item.end, " \n")
    return inside[1:], glued


def _partials(item: Attribution, inside: list[Span]) -> list[Attribution]:
    """A partial row for each quotation inside a reported clause, with the clause's attribution."""
    return [
        Attribution(
            start,
            min(end, item.end) if end > item.end + 2 else end,
            "partial",
            speaker_span=item.speaker_span,
            cue_span=item.cue_span,
            cue=item.cue,
            unit=item.unit,
            content=item.content,
        )
        for start, end in inside
    ]


def _inherit(found: list[Attribution], doc: Document) -> None:
    """A direct quote with no cue of its own continues the attribution just before it."""
    previous: Attribution | None = None
    for item in found:
        if (
            item.type == "direct"
            and item.speaker_span is None
            and previous is not None
            and previous.speaker_span is not None
            and doc.paragraph_at(item.start) - doc.paragraph_at(previous.end - 1) <= 1
            and doc.sentence_at(item.start) - doc.sentence_at(previous.end - 1) <= INHERIT_SENTENCES
        ):
            item.speaker_span, item.cue_span = previous.speaker_span, item.cue_span or previous.cue_span
            item.speaker_resolved = previous.speaker_resolved
            item.inherited = True
            if previous.type == "direct" and doc.paragraph_at(item.start) == doc.paragraph_at(previous.start):
                item.unit = previous.unit  # one attribution, discontinuous content
        previous = item


def _trimmed(text: str, item: Attribution) -> bool:
    start, end = item.start, item.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    item.start, item.end = start, end
    return end - start >= MIN_ROW_CHARS


def _keep(text: str, found: list[Attribution]) -> list[Attribution]:
    """Rows in text order; an overlapping row is dropped unless it is a partial nested in its clause."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Attribution] = []
    container: Attribution | None = None  # the last row that is not nested in another
    for item in found:
        if not _trimmed(text, item):
            continue
        if container is not None and item.start < container.end:
            nested = item.type == "partial" and item.unit == container.unit and item.end <= container.end + 2
            if not nested:
                continue
        else:
            container = item
        kept.append(item)
    return kept


def _split_groups(rows: list[Attribution], doc: Document) -> None:
    """`group_index`: the parts of a split quote ("First," he said, "second.") share the index of the
    first part. Parts are direct quotes of one unit in one paragraph with only their attribution
    between them."""
    text = doc.text
    for i in range(1, len(rows)):
        prev, item = rows[i - 1], rows[i]
        if prev.type != "direct" or item.type != "direct" or prev.unit != item.unit:
            continue
        if prev.split and item.split:  # a dialogue quotation around its attribution
            prev.group_index = item.group_index = prev.group_index if prev.group_index is not None else i - 1
            continue
        if doc.paragraph_at(prev.start) != doc.paragraph_at(item.start):
            continue
        gap = text[prev.end : item.start]
        for span in (item.cue_span, item.speaker_span):
            if span is not None and prev.end <= span[0] and span[1] <= item.start:
                gap = gap.replace(text[span[0] : span[1]], " ")
        if gap.strip(' ,.;:—–-\n"“”„«»'):
            continue
        first = prev.group_index if prev.group_index is not None else i - 1
        prev.group_index = item.group_index = first


def _resolver(lex: Lexicon, doc: Document, rows: list[Attribution]) -> Resolver | None:
    """A resolver that reads the article's names up to the last speaker (None: no speaker to resolve)."""
    spans = [
        row.speaker_span or row.cue_span for row in rows if (row.speaker_span or row.cue_span) is not None
    ]
    if not spans:
        return None
    reach = max([end for _, end in spans] + [row.start for row in rows if row.inherited])
    quoted = [(row.start, row.end) for row in rows if row.type == "direct"]
    return Resolver(lex, doc.text, doc.paragraph_starts, reach=reach, quoted=quoted)


def _resolve(lex: Lexicon, doc: Document, rows: list[Attribution]) -> None:
    resolver = _resolver(lex, doc, rows)
    if resolver is None:
        return
    done: dict[tuple[int, int], str | None] = {}
    for item in sorted(rows, key=lambda r: r.speaker_span[0] if r.speaker_span else r.start):
        if item.inherited and _named_in_between(resolver, item):
            pass  # the person named between the two attributions speaks
        elif item.speaker_span is not None:
            _resolve_speaker(lex, doc, resolver, item, done)
        elif item.cue_span is not None and item.speaker_resolved is None:
            # "—reconoció—", "«…», añadió": no subject; the person the article is talking about
            found = resolver.person_before(None, item.cue_span[0])
            item.speaker_resolved = found.name if found is not None else None
        if item.cue_span is not None:
            item.cue = doc.text[item.cue_span[0] : item.cue_span[1]]


def _resolve_speaker(
    lex: Lexicon, doc: Document, resolver: Resolver, item: Attribution, done: dict[Span, str | None]
) -> None:
    """The speaker phrase without its tail, resolved once per phrase (a split quote shares it)."""
    assert item.speaker_span is not None
    s, e = item.speaker_span = _without_tail(lex, doc.text, item.speaker_span)
    item.speaker = doc.text[s:e].strip(" ,")
    if (s, e) in done:
        item.speaker_resolved = done[(s, e)]
    elif item.speaker:
        # "according to the returning officer": a source cited in passing, not the person a later
        # "she said" goes back to
        cue = doc.text[item.cue_span[0] : item.cue_span[1]].lower() if item.cue_span else ""
        in_passing = cue in lex.according_to
        item.speaker_resolved = done[(s, e)] = resolver.resolve(item.speaker, s, in_passing)


def _named_in_between(resolver: Resolver, item: Attribution) -> bool:
    """A quotation that inherited the speaker of an attribution before it takes instead a person named
    in between ("… escribe la magistrada X. … Ruiz se mostró conforme: «…»": Ruiz, not X)."""
    if item.speaker_span is None:
        return False
    other = resolver.person_named_between(item.speaker_span[1], item.start)
    if other is None:
        return False
    item.speaker_span, item.speaker, item.speaker_resolved = None, None, other
    if item.cue_span is not None and item.cue_span[0] < item.start:
        item.cue_span = None  # the cue was the earlier attribution's
    return True


def _without_tail(lex: Lexicon, text: str, span: Span) -> Span:
    """The speaker span without the lower-case adverbs, days and verb particles an inverted clause put
    after its subject ("la préfecture dimanche" -> "la préfecture"), and without a day after its
    preposition ("ein Sprecher des Erzbistums am Mittwoch"); never its first word."""
    start, end = span
    while True:
        phrase = text[start:end].rstrip(" ,")
        cut = phrase.rfind(" ")
        last = phrase[cut + 1 :]
        if cut <= 0 or last.lower() not in lex.speaker_tail:
            return start, start + len(phrase)
        before = phrase[:cut].rstrip()
        preposition = before.rfind(" ")
        if before[preposition + 1 :].lower() in lex.time_prepositions and preposition > 0:
            end = start + preposition
        elif last.islower():
            end = start + cut
        else:
            return start, start + len(phrase)


def _before_comments(
    lex: Lexicon, text: str, paragraphs: list[Span], sentences: list[Span]
) -> tuple[list[Span], list[Span]]:
    """Paragraphs and sentences before a reader-comment section ("Comments (3)"): what readers
    wrote under the article is not the article's reporting."""
    for p_start, p_end in paragraphs:
        if lex.comment_heading.fullmatch(text, p_start, p_end):
            return [p for p in paragraphs if p[0] < p_start], [s for s in sentences if s[0] < p_start]
    return paragraphs, sentences


def find(text: str, paragraphs: list[Span], sentences: list[Span], language: str | None) -> list[Attribution]:
    lex = lexicon(language)
    paragraphs, sentences = _before_comments(lex, text, paragraphs, sentences)
    if not paragraphs:
        return []
    doc = Document(text, paragraphs, sentences)
    direct = DirectRule(lex, doc)
    marked = quote_spans(text, paragraphs, lex.code)
    direct.run(marked)
    for item in dialogue_quotes(lex, doc, marked):
        item.unit = (
            direct.units if item.split and direct.found and direct.found[-1].split else direct.new_unit()
        )
        direct.found.append(item)
    direct.found.sort(key=lambda f: f.start)
    rows = list(direct.found)
    _classify(
        reported_speech(lex, doc, direct.found, direct.embedded, sentences), direct.embedded, rows, direct
    )
    rows.sort(key=lambda f: f.start)
    _inherit(rows, doc)
    kept = _keep(text, rows)
    _resolve(lex, doc, kept)
    _split_groups(kept, doc)
    return kept
