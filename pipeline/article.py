"""The pure core: one raw record in, one article (with its quotes and citations) or a reject out.

No I/O here; this is what the supervised workers run, so it also measures
the time of each step for the manifest.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pipeline import contract, ids, meta_dates
from pipeline.citations import find_citations
from pipeline.extract import NotArticle, extract_html, extract_text
from pipeline.html_guard import defuse
from pipeline.model import Citation, Extracted, Quote, RawRecord, Reject
from pipeline.quotes import find_quotes
from pipeline.segment import segment
from pipeline.text_stats import count_words
from pipeline.thresholds import load_thresholds
from pipeline.urls import repair_url

_THRESHOLDS = load_thresholds()  # the same bounds the expectations enforce
_EARLIEST_PUBLISHED = datetime.fromisoformat(_THRESHOLDS["min_published_at"])
_LATEST_AFTER_FETCH = timedelta(hours=_THRESHOLDS["max_published_after_fetch_hours"])
_TITLE_WORDS = 14


@dataclass(slots=True)
class ProcessedArticle:
    """Rows for the three tables, minus run-level columns (run_id, versions) added by the writer."""

    article: dict[str, object]
    quotes: list[dict[str, object]]
    citations: list[dict[str, object]]
    timings: dict[str, float] = field(default_factory=dict)
    fixes: list[str] = field(default_factory=list)  # normalisations applied, counted in the manifest


def _published_at(extracted: Extracted, fetched_at: datetime | None, fixes: list[str]) -> datetime | None:
    """Null out dates that cannot be a publication date (before 1990, or after the fetch)."""
    published = extracted.published_at
    if published is None:
        return None
    latest = (fetched_at or datetime.now(UTC)) + _LATEST_AFTER_FETCH
    if published < _EARLIEST_PUBLISHED or published > latest:
        fixes.append("published_at_out_of_range")
        return None
    return published


def _web_url(url: str | None, table: str, column: str, fixes: list[str]) -> str | None:
    """A URL that keeps the contract of `table.column` (repaired where it can be), or None (counted)."""
    if not url:
        return None
    repaired, repairs = repair_url(url, lambda value: contract.value_holds(table, column, value))
    fixes.extend(f"{table}.{column}.{repair}" for repair in repairs)
    return repaired


def _title(extracted: Extracted, record: RawRecord, fixes: list[str]) -> str:
    if extracted.title:
        return extracted.title
    if record.title_hint and record.title_hint.strip():
        return record.title_hint.strip()
    fixes.append("title_from_text")
    words = extracted.text.split()
    return " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")


def _span_list(spans: list[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"start": start, "end": end} for start, end in spans]


_WARM_UP_PAGE = (
    "<html lang='en'><head><title>Harbour works resume</title></head><body><article>"
    "<h1>Harbour works resume</h1><p>The harbour works will resume on Monday after the storm season, "
    'the council said. "We are ready to start again," said Mayor Ann Reed, according to Reuters.</p>'
    "<p>Crews will first repair the north pier, which lost two of its lamps in the January gales, "
    "and then dredge the channel so the ferries can run on time.</p></article></body></html>"
)


def warm_up() -> None:
    """Process one small page, so what the steps load lazily is loaded before any record's clock starts.

    Importing trafilatura is not enough: the language model (py3langid, about 1.7 s of CPU) loads on
    the first page that needs it. Each worker calls this before it takes records; without it, after a
    timeout every record went to a fresh worker and paid for the model, so with a short time limit
    one hung page made the next ones time out too (the fault-injection suite found it). dateparser's
    locale tables, which htmldate needs on the first page that shows an unusual date, load here too.
    The workers' fork server runs this once (pipeline.worker_boot), and every worker is a fork of it.
    """
    process_record(RawRecord("warm-up", 0, "warm-up", "https://example.org/warm-up", html=_WARM_UP_PAGE))
    meta_dates.warm_up()


def process_record(record: RawRecord) -> ProcessedArticle | Reject:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    fixes: list[str] = list(record.notes)
    try:
        markup = record.markup()
        if markup is not None:
            html, defused = defuse(markup)
            fixes.extend(defused)
            extracted = extract_html(html, record.url)
        else:
            extracted = extract_text(record.text or "", record.title_hint)
    except NotArticle as refusal:
        return Reject(
            record.source_uri,
            record.record_offset,
            record.record_id,
            refusal.reason,
            refusal.detail,
            record.url,
        )
    timings["extract"] = time.perf_counter() - started

    step = time.perf_counter()
    text = extracted.text
    language = extracted.language
    paragraphs, sentences = segment(text, language)
    timings["segment"] = time.perf_counter() - step

    text_hash = ids.content_hash(text)
    article_id = ids.article_id(record.url, text_hash)

    step = time.perf_counter()
    quotes = find_quotes(text, paragraphs, sentences, language)
    timings["quotes"] = time.perf_counter() - step

    step = time.perf_counter()
    citations = find_citations(text, extracted.links, record.url or extracted.canonical_url, language)
    timings["citations"] = time.perf_counter() - step

    url = _web_url(record.url, "articles", "url", fixes)
    canonical_url = _web_url(extracted.canonical_url, "articles", "canonical_url", fixes)
    article = {
        "article_id": article_id,
        "url": url,
        "canonical_url": canonical_url,
        "domain": ids.domain_of(url or canonical_url),
        "site_name": extracted.site_name,
        "title": _title(extracted, record, fixes),
        "description": extracted.description,
        "authors": extracted.authors,
        "tags": extracted.tags,
        "published_at": _published_at(extracted, record.fetched_at, fixes),
        "language": language,
        "text": text,
        "paragraph_spans": _span_list(paragraphs),
        "sentence_spans": _span_list(sentences),
        "word_count": count_words(text),
        "content_hash": text_hash,
        "fetched_at": record.fetched_at,
        "http_status": record.http_status,
        "source_uri": record.source_uri,
        "record_offset": record.record_offset,
        "record_id": record.record_id or None,
        "extraction": extracted.extraction,
    }
    if language is None:
        fixes.append("language_unknown")
    broken = contract.enforce("articles", article, fixes)
    if broken is not None:
        return Reject(
            record.source_uri, record.record_offset, record.record_id, "invalid_row", broken, record.url
        )
    quote_rows = _kept_rows(
        "quotes", (_quote_row(article_id, text, q, fixes) for q in quotes), "quote_id", fixes
    )
    citation_rows = _kept_rows(
        "citations", (_citation_row(article_id, c, fixes) for c in citations), "citation_id", fixes
    )
    timings["total"] = time.perf_counter() - started
    return ProcessedArticle(article, quote_rows, citation_rows, timings, fixes)


def _quote_row(article_id: str, text: str, quote: Quote, fixes: list[str]) -> dict[str, object] | None:
    if text[quote.start : quote.end] != quote.text:
        fixes.append("quotes.dropped_span_mismatch")  # a quote must be the article's own slice
        return None
    return {
        "quote_id": ids.child_id(article_id, "quote", quote.start, quote.end),
        "article_id": article_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "type": quote.type,
        "speaker": quote.speaker,
        "speaker_resolved": quote.speaker_resolved,
        "cue": quote.cue,
        "sentence_index": quote.sentence_index,
        "group_index": quote.group_index,
    }


def _citation_row(article_id: str, citation: Citation, fixes: list[str]) -> dict[str, object] | None:
    url = _web_url(citation.url, "citations", "url", fixes)
    if citation.url and url is None and citation.kind == "link":
        fixes.append("citations.dropped_link_without_valid_url")  # a link row is its URL
        return None
    return {
        "citation_id": ids.child_id(
            article_id, "citation", citation.kind, citation.source_name, citation.start, citation.end, url
        ),
        "article_id": article_id,
        "kind": citation.kind,
        "source_name": citation.source_name,
        "source_text": citation.source_text,
        "source_domain": citation.source_domain,
        "source_type": citation.source_type,
        "url": url,
        "start": citation.start,
        "end": citation.end,
    }


def _kept_rows(
    table: str, rows: Iterable[dict[str, object] | None], key: str, fixes: list[str]
) -> list[dict[str, object]]:
    """Rows that keep the table contract, once per id; the others are dropped and counted."""
    kept: dict[object, dict[str, object]] = {}
    for row in rows:
        if row is None:
            continue
        if contract.enforce(table, row, fixes) is not None:
            fixes.append(f"{table}.dropped_invalid_row")
        elif row[key] in kept:
            fixes.append(f"{table}.dropped_duplicate_id")
        else:
            kept[row[key]] = row
    return list(kept.values())
