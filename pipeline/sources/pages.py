"""One loose page (an .html or .txt file, or a tar member) as a record."""

from __future__ import annotations

from datetime import datetime

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject
from pipeline.sources.charset import decode_html

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES


def page_record(uri: str, index: int, name: str, body: bytes, mtime: datetime | None) -> RawRecord | Reject:
    if len(body) > MAX_PAGE_BYTES:
        return Reject(uri, index, name, "too_large", f"file over {MAX_PAGE_BYTES} bytes")
    if name.lower().endswith(TEXT_SUFFIXES):
        # Plain text has no markup to declare a charset: UTF-8, else the detector.
        return RawRecord(uri, index, name, url=None, text=decode_html(body, None), fetched_at=mtime)
    return RawRecord(uri, index, name, url=None, html=decode_html(body, None), fetched_at=mtime)
