"""The pure core: one raw record in, one article (with its quotes and citations) or a reject out.

No I/O here; this is what the supervised workers run, so it also measures
the time of each step for the manifest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pipeline import ids
from pipeline.citations import find_citations
from pipeline.extract import NotArticle, extract_html, extract_text
from pipeline.model import Extracted, RawRecord, Reject
from pipeline.quotes import find_quotes
from pipeline.segment import segment
from pipeline.text_stats import count_words
from pipeline.thresholds import load_thresholds

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


def _web_url(url: str | None, fixes: list[str], name: str) -> str | None:
    """An absolute http(s) URL, or None (counted): relative or odd URLs are not joinable keys."""
    if not url:
        return None
    if url.startswith(("http://", "https://")) and ids.domain_of(url):
        return url
    fixes.append(f"{name}_not_http")
    return None


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


def process_record(record: RawRecord) -> ProcessedArticle | Reject:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        if record.html is not None:
            extracted = extract_html(record.html, record.url)
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

    fixes: list[str] = []
    text_hash = ids.content_hash(text)
    article_id = ids.article_id(record.url, text_hash)

    step = time.perf_counter()
    quotes = find_quotes(text, paragraphs, sentences, language)
    timings["quotes"] = time.perf_counter() - step

    step = time.perf_counter()
    citations = find_citations(text, extracted.links, record.url or extracted.canonical_url, language)
    timings["citations"] = time.perf_counter() - step

    url = _web_url(record.url, fixes, "url")
    canonical_url = _web_url(extracted.canonical_url, fixes, "canonical_url")
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
    }
    if language is None:
        fixes.append("language_unknown")
    quote_rows = [
        {
            "quote_id": ids.child_id(article_id, "quote", q.start, q.end),
            "article_id": article_id,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "type": q.type,
            "speaker": q.speaker,
            "speaker_resolved": q.speaker_resolved,
            "cue": q.cue,
            "sentence_index": q.sentence_index,
            "group_index": q.group_index,
        }
        for q in quotes
    ]
    citation_rows = [
        {
            "citation_id": ids.child_id(article_id, "citation", c.kind, c.source_name, c.start, c.end, c.url),
            "article_id": article_id,
            "kind": c.kind,
            "source_name": c.source_name,
            "source_text": c.source_text,
            "source_domain": c.source_domain,
            "source_type": c.source_type,
            "url": c.url,
            "start": c.start,
            "end": c.end,
        }
        for c in citations
    ]
    timings["total"] = time.perf_counter() - started
    return ProcessedArticle(article, quote_rows, citation_rows, timings, fixes)
