"""WARC and WARC.gz records (Common Crawl CC-NEWS style), read so that damage costs only what is damaged.

The records are framed by our own small parser over a `DecompressedStream`,
because the framing is where damaged dumps go wrong:

- a corrupt gzip member loses that member: reading resumes at the next member
  (CC-NEWS writes one member per record, so the next record is intact);
- a `Content-Length` that is too long would swallow the records after it: the
  record is cut where the next gzip member or `WARC/1.x` header starts;
- a `Content-Length` that is too short leaves payload where a header should
  be: that record is rejected and reading resumes at the next header;
- bytes that belong to no record are skipped up to the next header, and a
  stream that yields no record for `NO_RECORD_BYTES` gives up that member.

Each damaged record is one reject at its own offset. A record's offset is the
byte offset of its gzip member in the file (what Common Crawl's index gives),
or, where no member starts with it, its offset in the decompressed stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.fs import open_binary
from pipeline.sources.http import MAX_HEADER_BYTES, parse_headers, parse_response
from pipeline.sources.streams import DecompressedStream, Gap, compression_of

Item = RawRecord | Skip | Reject

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_VERSION_LINE = re.compile(rb"WARC/\d\.\d{1,2}\r?\n")
_NEXT_HEADER = re.compile(rb"\nWARC/\d\.\d{1,2}\r?\n")
_SKIPPED_TYPES = {"request": "warc_request"}
_PAGE_TYPES = ("response", "resource")
MAX_WARC_HEADER_BYTES = 64 * 1024
# The part of a block we keep: a page at the size limit plus its HTTP head.
_KEPT_BLOCK_BYTES = MAX_PAGE_BYTES + MAX_HEADER_BYTES + 1
NO_RECORD_BYTES = 64 * 1024 * 1024
_TRAILER_BYTES = 4  # the CRLF CRLF after a block
_CUSHION_BYTES = 64  # kept at the end of the buffer while reading past an oversized block


def read_warc(uri: str) -> Iterator[Item]:
    with open_binary(uri) as handle:
        stream = DecompressedStream(handle, compression_of(uri))
        yield from _WarcParser(uri, stream).items()


class _WarcParser:
    def __init__(self, uri: str, stream: DecompressedStream) -> None:
        self.uri = uri
        self.stream = stream
        self.quiet_junk = False  # junk right after a reported damage is part of that damage
        self.reported: set[tuple[int, int]] = set()  # gaps already reported as part of a record
        self.last_record_end = 0  # decompressed offset where the last record (or reported damage) ended

    # -- buffer helpers -----------------------------------------------------------------------
    def _ensure(self, size: int) -> bool:
        """At least `size` bytes in the buffer, unless the stream ends first."""
        while len(self.stream.buffer) < size:
            if not self.stream.fill():
                return len(self.stream.buffer) >= size
        return True

    def _offset(self, position: int) -> int:
        member = self.stream.member_at(position)
        return member.compressed_offset if member is not None else position

    def _reject(self, position: int, reason: str, detail: str, record_id: str = "", url: str | None = None):
        return Reject(self.uri, self._offset(position), record_id, reason, detail[:300], url)

    # -- the record loop ------------------------------------------------------------------------
    def items(self) -> Iterator[Item]:
        stream = self.stream
        while True:
            yield from self._lost_between_records()
            stream.forget_before(stream.base)
            if not self._skip_blank():
                yield from self._lost_between_records()
                return
            if self._no_record_for_too_long():
                yield self._give_up_member()
                continue
            if not stream.buffer.startswith(b"WARC/"):
                junk = self._skip_junk()
                if junk is not None:
                    yield junk
                continue
            yield from self._record()
            self.last_record_end = stream.base

    def _lost_between_records(self) -> Iterator[Reject]:
        """One reject per gap met outside any record (a damaged member that yielded nothing usable)."""
        for gap in self.stream.gaps:
            key = (gap.at, gap.compressed_offset)
            if gap.at <= self.stream.base and key not in self.reported:
                self.reported.add(key)
                self.quiet_junk = True
                reason = "truncated" if gap.truncated else "corrupt_input"
                yield Reject(self.uri, gap.compressed_offset, "", reason, gap.detail[:300])

    def _skip_blank(self) -> bool:
        """Drop line ends between records; False at the end of the stream."""
        stream = self.stream
        while True:
            stripped = len(stream.buffer) - len(stream.buffer.lstrip(b"\r\n"))
            if stripped:
                stream.consume(stripped)
            if stream.buffer:
                return True
            if self._no_record_for_too_long():
                return True
            if not stream.fill():
                return bool(stream.buffer)

    def _no_record_for_too_long(self) -> bool:
        return self.stream.end - self.last_record_end > NO_RECORD_BYTES

    def _give_up_member(self) -> Reject:
        """A stream that yields no record for NO_RECORD_BYTES: reject it as such and skip its member."""
        stream = self.stream
        start = self.last_record_end
        stream.consume(len(stream.buffer))
        stream.skip_member()
        self.last_record_end = stream.end
        self.quiet_junk = False
        offset = self._offset(start)
        return Reject(
            self.uri,
            offset,
            "",
            "corrupt_input",
            f"no WARC record in {NO_RECORD_BYTES >> 20} MiB of data from byte {offset}",
        )

    def _skip_junk(self) -> Reject | None:
        """Skip to the next line that starts a WARC header; one reject for the bytes skipped."""
        stream = self.stream
        start = stream.base
        first_gap = stream.first_gap_after(start - 1)
        searched = 0
        while True:
            match = _NEXT_HEADER.search(stream.buffer, max(0, searched - 16))
            member = self._member_header_after(start)
            cut = None if match is None else match.start() + 1
            if member is not None and (cut is None or member < cut):
                cut = member
            if cut is not None:
                stream.consume(cut)
                break
            searched = len(stream.buffer)
            if self._no_record_for_too_long():
                return self._give_up_member()
            keep = 16  # a header line may straddle two fills
            if len(stream.buffer) > keep:
                stream.consume(len(stream.buffer) - keep)
                searched = keep
            if not stream.fill():
                stream.consume(len(stream.buffer))
                break
        skipped = stream.base - start
        after_damage = self.quiet_junk or (first_gap is not None and first_gap.at <= start)
        self.quiet_junk = False
        if after_damage or skipped == 0:
            return None
        offset = self._offset(start)
        return Reject(
            self.uri, offset, "", "corrupt_input", f"{skipped} bytes at byte {offset} are not a WARC record"
        )

    def _member_header_after(self, start: int) -> int | None:
        """Buffer index of the first member start after `start` whose bytes begin a WARC header."""
        stream = self.stream
        for member in stream.member_starts:
            index = member.at - stream.base
            if (
                member.at > start
                and 0 <= index < len(stream.buffer)
                and stream.buffer.startswith(b"WARC/", index)
            ):
                return index
        return None

    def _record(self) -> Iterator[Item]:
        stream = self.stream
        record_start = stream.base
        head_end = self._find_head_end()
        if head_end is None:
            if stream.eof and len(stream.buffer) < MAX_WARC_HEADER_BYTES:
                yield self._reject(record_start, "truncated", "the file ends inside a WARC header")
                stream.consume(len(stream.buffer))
                return
            yield self._reject(record_start, "corrupt_record", "WARC header without an end")
            stream.consume(1)
            self.quiet_junk = True
            return
        header_length, header_end = head_end
        headers = parse_headers(bytes(stream.buffer[:header_length]).splitlines()[1:])
        record_id = headers.get("warc-record-id", "")
        url = _target_uri(headers.get("warc-target-uri"))
        try:
            length = int(headers.get("content-length", ""))
            if length < 0:
                raise ValueError(length)
        except ValueError:
            yield self._reject(
                record_start, "corrupt_record", "WARC header without a valid Content-Length", record_id, url
            )
            stream.consume(header_end)
            self.quiet_junk = True
            return
        block, problem = self._read_block(record_start, header_end, length)
        if problem is not None:
            reason, detail = problem
            yield self._reject(record_start, reason, detail, record_id, url)
            return
        yield _item(self.uri, self._offset(record_start), headers, block, length)

    def _find_head_end(self) -> tuple[int, int] | None:
        """(end of the header lines, start of the block) within the header size limit."""
        while True:
            match = _HEADER_END.search(self.stream.buffer, 0, MAX_WARC_HEADER_BYTES)
            if match is not None:
                if not _VERSION_LINE.match(self.stream.buffer):
                    return None
                return match.start(), match.end()
            if len(self.stream.buffer) >= MAX_WARC_HEADER_BYTES or not self.stream.fill():
                return None

    def _read_block(
        self, record_start: int, header_end: int, length: int
    ) -> tuple[bytes, tuple[str, str] | None]:
        """The record's block (its first `_KEPT_BLOCK_BYTES` when larger), or why the record is lost.

        Leaves the buffer at the next record, or where reading must resynchronise.
        """
        stream = self.stream
        stream.consume(header_end)
        block_end = stream.base + length
        head: bytes | None = None  # the kept start of a block too large to hold whole
        while True:
            problem = self._damage_inside(record_start, block_end, length)
            if problem is not None:
                return b"", problem
            if stream.end >= block_end:
                break
            if len(stream.buffer) > _KEPT_BLOCK_BYTES + _CUSHION_BYTES:
                if head is None:
                    head = bytes(stream.buffer[:_KEPT_BLOCK_BYTES])
                stream.consume(len(stream.buffer) - _CUSHION_BYTES)
            if not stream.fill():
                have = stream.end - (block_end - length)
                stream.consume(len(stream.buffer))
                return b"", ("truncated", f"record ends after {have} of {length} bytes")
        in_buffer = block_end - stream.base
        block = head if head is not None else bytes(stream.buffer[:in_buffer])
        problem = self._check_trailer(in_buffer, length)
        return (b"", problem) if problem is not None else (block, None)

    def _damage_inside(self, record_start: int, block_end: int, length: int) -> tuple[str, str] | None:
        """A gap in the record, or a gzip member with a WARC header starting inside its block."""
        stream = self.stream
        gap: Gap | None = stream.gap_between(record_start, min(block_end, stream.end))
        if gap is not None:
            self.reported.add((gap.at, gap.compressed_offset))
            stream.consume(max(0, gap.at - stream.base))
            self.quiet_junk = True
            return (
                ("truncated", gap.detail)
                if gap.truncated
                else ("corrupt_record", f"record damaged: {gap.detail}")
            )
        cut = self._member_header_after(record_start)
        if cut is not None and stream.base + cut < block_end:
            stream.consume(cut)
            return "corrupt_record", f"Content-Length {length} runs past the end of its gzip member"
        return None

    def _check_trailer(self, block_length_in_buffer: int, length: int) -> tuple[str, str] | None:
        """After a block comes CRLF CRLF, then the next record: if not, Content-Length was wrong."""
        stream = self.stream
        end = block_length_in_buffer
        self._ensure(end + _TRAILER_BYTES + len(b"WARC/"))
        after = bytes(stream.buffer[end : end + _TRAILER_BYTES])
        ends_cleanly = (
            after.startswith((b"\r\n\r\n", b"\n\n"))
            or end + len(after.lstrip(b"\r\n")) >= len(stream.buffer)  # the file or the buffer ends here
            or stream.buffer.startswith(b"WARC/", end + len(after) - len(after.lstrip(b"\r\n")))
            or stream.member_at(stream.base + end) is not None
        )
        if ends_cleanly:
            stream.consume(end + len(after) - len(after.lstrip(b"\r\n")))
            return None
        # The block does not end where its Content-Length says: find where the record really ends.
        inside = _NEXT_HEADER.search(stream.buffer, 0, end)
        if inside is not None:
            stream.consume(inside.start() + 1)
            return "corrupt_record", f"Content-Length {length} runs into the next record"
        stream.consume(end)
        self.quiet_junk = True
        return "corrupt_record", f"Content-Length {length} is shorter than the record"


def _target_uri(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().removeprefix("<").removesuffix(">") or None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _item(uri: str, offset: int, headers: dict[str, str], block: bytes, length: int) -> Item:
    kind = headers.get("warc-type", "").strip().lower()
    url = _target_uri(headers.get("warc-target-uri"))
    record_id = headers.get("warc-record-id", "")
    if kind in _SKIPPED_TYPES:
        return Skip(uri, offset, _SKIPPED_TYPES[kind], url)
    if kind not in _PAGE_TYPES:
        return Skip(uri, offset, "warc_other", url)
    status: int | None = None
    content_type = headers.get("content-type")
    body = block
    if len(block) > MAX_PAGE_BYTES + MAX_HEADER_BYTES:
        return Reject(uri, offset, record_id, "too_large", f"record of {length} bytes", url)
    if kind == "response":
        response = parse_response(block, MAX_PAGE_BYTES)
        if response is None:
            return Skip(uri, offset, "non_http", url)
        status, content_type, body = response.status, response.header("content-type"), response.body
        if status != 200:
            return Skip(uri, offset, "http_status", url)
        if response.oversized:
            return Reject(uri, offset, record_id, "too_large", f"page over {MAX_PAGE_BYTES} bytes", url)
    if len(body) > MAX_PAGE_BYTES:
        return Reject(uri, offset, record_id, "too_large", f"page over {MAX_PAGE_BYTES} bytes", url)
    if not _is_html(content_type, body):
        return Skip(uri, offset, "non_html", url)
    return RawRecord(
        source_uri=uri,
        record_offset=offset,
        record_id=record_id,
        url=url,
        payload=body,
        content_type=content_type,
        fetched_at=_warc_date(headers.get("warc-date")),
        http_status=status,
    )
