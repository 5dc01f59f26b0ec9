"""Plain data types passed between the pure steps (records in, rows out).

They are small frozen dataclasses so that every step has a typed contract;
the Parquet schemas in `schema.py` mirror them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record read from a dump, before extraction."""

    source_uri: str
    record_offset: int  # byte offset (WARC), line number (JSONL), member index (tar/dir)
    record_id: str  # WARC-Record-ID, JSONL id, member name, file name
    url: str | None
    html: str | None = None  # decoded markup, when the record is a page
    text: str | None = None  # plain text, when the record is already text
    fetched_at: datetime | None = None
    title_hint: str | None = None  # a title the dump itself provides
    http_status: int | None = None
    notes: tuple[str, ...] = ()  # repairs made while reading (e.g. invalid_utf8_replaced), counted as fixes
    # A page's markup still as bytes, with the HTTP Content-Type that names its charset. The WARC
    # reader leaves pages undecoded: the worker decodes them (`markup`), so the parent, which reads
    # for every worker, neither decodes nor re-encodes ~150 KB per page to hand it over (0.5 ms).
    payload: bytes | None = None
    content_type: str | None = None

    def markup(self) -> str | None:
        """The page's markup as text (decoded here when the reader left it as bytes); None for text."""
        if self.html is not None:
            return self.html
        if self.payload is not None:
            from pipeline.sources.charset import decode_html  # model stays import-free of the readers

            return decode_html(self.payload, self.content_type)
        return None


@dataclass(frozen=True, slots=True)
class Skip:
    """A record deliberately not turned into a row (counted, never silent)."""

    source_uri: str
    record_offset: int
    reason: str  # e.g. warc_request, non_html, http_status, duplicate
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that should have been an article but could not be."""

    source_uri: str
    record_offset: int
    record_id: str
    reason: str  # short code: timeout, empty, not_article, corrupt_gzip, ...
    detail: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link found in the article body (from the HTML, not the text)."""

    url: str
    anchor_text: str
    start: int | None = None  # offsets of the anchor text in the article text, if found
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    type: str  # direct | indirect | partial
    speaker: str | None
    speaker_resolved: str | None
    cue: str | None
    sentence_index: int
    group_index: int | None = None  # the parts of a split quote share it (the first part's index)


@dataclass(frozen=True, slots=True)
class Citation:
    kind: str  # attribution | source_line | via | link | photo_credit | study
    source_name: str  # canonical
    source_text: str  # as written
    source_domain: str | None = None
    url: str | None = None
    start: int | None = None
    end: int | None = None
    source_type: str | None = None  # wire, newspaper, broadcaster, ... from the outlet registry


@dataclass(slots=True)
class Extracted:
    """What extraction made of one page."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    links: list[Link] = field(default_factory=list)
    boilerplate_lines_removed: int = 0
    extraction: str = "precision"  # which extraction pass produced `text` (pipeline.extract.EXTRACTION_PATHS)
