"""WARC / WARC.gz records (Common Crawl CC-NEWS style), streamed with FastWARC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from fastwarc.warc import ArchiveIterator, WarcRecordType

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.charset import decode_html
from pipeline.sources.fs import open_binary

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _encoded(record, kind: WarcRecordType) -> bool:
    """Whether the payload was compressed or chunked in transit (its decoded length differs)."""
    if kind != WarcRecordType.response:
        return False
    headers = record.http_headers
    return bool(headers.get("Content-Encoding") or headers.get("Transfer-Encoding"))


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_warc(uri: str) -> Iterator[RawRecord | Skip | Reject]:
    offset = 0
    with open_binary(uri) as stream:
        records = iter(ArchiveIterator(stream, parse_http=True, auto_decode="all", strict_mode=False))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as error:  # the stream itself is damaged: report where, stop this shard
                yield Reject(
                    uri, offset, "", "corrupt_input", f"unreadable WARC after byte {offset}: {error}"
                )
                return
            offset = record.stream_pos
            try:
                yield _from_record(uri, record)
            except Exception as error:  # one damaged record; the next may be fine
                yield Reject(uri, offset, record.record_id or "", "corrupt_record", str(error)[:300])


def _from_record(uri: str, record) -> RawRecord | Skip | Reject:
    offset = record.stream_pos
    url = record.headers.get("WARC-Target-URI")
    kind = record.record_type
    if kind == WarcRecordType.request:
        return Skip(uri, offset, "warc_request", url)
    if kind not in (WarcRecordType.response, WarcRecordType.resource):
        return Skip(uri, offset, "warc_other", url)
    status: int | None = None
    content_type: str | None = record.headers.get("Content-Type")
    if kind == WarcRecordType.response:
        if not record.is_http:
            return Skip(uri, offset, "non_http", url)
        status = record.http_headers.status_code
        content_type = record.http_headers.get("Content-Type")
        if status != 200:
            return Skip(uri, offset, "http_status", url)
    body = record.reader.read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        return Reject(
            uri, offset, record.record_id or "", "too_large", f"page over {MAX_PAGE_BYTES} bytes", url
        )
    if len(body) < record.content_length and not _encoded(record, kind):
        detail = f"record ends after {len(body)} of {record.content_length} bytes"
        return Reject(uri, offset, record.record_id or "", "truncated", detail, url)
    if not _is_html(content_type, body):
        return Skip(uri, offset, "non_html", url)
    return RawRecord(
        source_uri=uri,
        record_offset=offset,
        record_id=record.record_id or "",
        url=url,
        html=decode_html(body, content_type),
        fetched_at=_utc(record.record_date),
        http_status=status,
    )
