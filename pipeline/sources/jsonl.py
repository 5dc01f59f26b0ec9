"""JSONL, JSONL.gz and JSONL.zst: one object per line with `url` and `html` or `text`.

Read over a `DecompressedStream`, so damage costs only the lines it touches:
a corrupt gzip member or zstd frame loses the lines inside it and reading
resumes at the next member; an invalid UTF-8 byte is replaced, not a reason
to reject the line; runs of blank lines are skipped in bulk, and a stream
that yields no record for `NO_RECORD_BYTES` is given up as such.

`record_offset` is the line number (from 1), blank lines included. Where data
was lost the true count is unknown: the damaged stretch counts as one line,
so that every reject keeps a number of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from pipeline.limits import MAX_LINE_BYTES
from pipeline.model import RawRecord, Reject
from pipeline.sources.fs import open_binary
from pipeline.sources.streams import DecompressedStream, Gap, compression_of
from pipeline.sources.unicode import valid_utf8

_CONTENT = re.compile(rb"[^\s]")
_BOM = b"\xef\xbb\xbf"
NO_RECORD_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Line:
    data: bytes


@dataclass(frozen=True, slots=True)
class _Problem:
    reason: str
    detail: str


def _parse_time(value: object) -> datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class _LineReader:
    """Lines of a decompressed stream, with damage and over-long lines reported in their place."""

    def __init__(self, stream: DecompressedStream) -> None:
        self.stream = stream
        self.reported: set[tuple[int, int]] = set()
        self.last_content = 0  # decompressed offset after the last line with content
        self.number = 0  # line number of the last line read

    def _unreported_gaps(self, upto: int) -> Iterator[Gap]:
        for gap in self.stream.gaps:
            key = (gap.at, gap.compressed_offset)
            if gap.at <= upto and key not in self.reported:
                self.reported.add(key)
                yield gap

    def lines(self) -> Iterator[tuple[int, _Line | _Problem]]:
        """(line number, line or problem) for every line with content and every damage."""
        stream = self.stream
        if self._fill_to(len(_BOM)) and stream.buffer.startswith(_BOM):
            stream.consume(len(_BOM))
        while True:
            content = self._skip_blank()
            for gap in self._unreported_gaps(stream.base):
                self.number += 1
                yield self.number, _Problem("truncated" if gap.truncated else "corrupt_input", gap.detail)
            if content is None:
                return
            self.number += 1
            yield self.number, (content if isinstance(content, _Problem) else self._line())
            stream.forget_before(stream.base)

    def _fill_to(self, size: int) -> bool:
        while len(self.stream.buffer) < size:
            if not self.stream.fill():
                return len(self.stream.buffer) >= size
        return True

    def _skip_blank(self) -> bool | _Problem | None:
        """Skip whitespace up to the next content byte: True there, None at the end."""
        stream = self.stream
        while True:
            match = _CONTENT.search(stream.buffer)
            blank = match.start() if match is not None else len(stream.buffer)
            self.number += stream.buffer.count(b"\n", 0, blank)
            stream.consume(blank)
            if match is not None:
                return True
            if stream.end - self.last_content > NO_RECORD_BYTES:
                start = self.last_content
                stream.skip_member()
                self.last_content = stream.end
                return _Problem(
                    "corrupt_input", f"no line with content in {NO_RECORD_BYTES >> 20} MiB after byte {start}"
                )
            if not stream.fill():
                return None

    def _line(self) -> _Line | _Problem:
        """The line at the buffer's start (content guaranteed), consumed with its newline."""
        stream = self.stream
        start = stream.base
        searched = 0
        while True:
            newline = stream.buffer.find(b"\n", searched)
            if newline >= 0 or len(stream.buffer) > MAX_LINE_BYTES:
                break
            searched = len(stream.buffer)
            if not stream.fill():
                newline = len(stream.buffer)  # the last line has no newline
                break
        if newline < 0 or newline > MAX_LINE_BYTES:
            return self._skip_long_line(start)
        end = start + newline
        gap = stream.gap_between(start, end)
        data = bytes(stream.buffer[:newline])
        stream.consume(min(newline + 1, len(stream.buffer)))
        self.last_content = stream.base
        if gap is not None:
            self.reported.add((gap.at, gap.compressed_offset))
            reason = "truncated" if gap.truncated else "corrupt_input"
            return _Problem(reason, f"line damaged: {gap.detail}")
        return _Line(data)

    def _skip_long_line(self, start: int) -> _Problem:
        stream = self.stream
        while True:
            newline = stream.buffer.find(b"\n")
            if newline >= 0:
                stream.consume(newline + 1)
                break
            stream.consume(len(stream.buffer))
            if not stream.fill():
                break
        self.last_content = stream.base
        return _Problem("too_large", f"line over {MAX_LINE_BYTES} bytes")


def _decode(line: bytes) -> tuple[str, list[str]]:
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        return line.decode("utf-8", "replace"), ["invalid_utf8_replaced"]


def _string(value: object, notes: list[str]) -> str | None:
    """A JSON string field, with lone surrogates ("\\ud800" escapes) replaced; None if not a string."""
    if not isinstance(value, str):
        return None
    valid = valid_utf8(value)
    if valid is not value:
        notes.append("lone_surrogate_replaced")
    return valid


def _record(uri: str, number: int, line: bytes) -> RawRecord | Reject:
    text, notes = _decode(line)
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        return Reject(uri, number, "", "bad_json", str(error)[:200])
    if not isinstance(obj, dict):
        return Reject(uri, number, "", "bad_json", "line is not a JSON object")
    record_id = valid_utf8(str(obj.get("id") or ""))
    url = _string(obj.get("url"), notes)
    html, body = _string(obj.get("html"), notes), _string(obj.get("text"), notes)
    html = html if html and html.strip() else None
    body = body if body and body.strip() else None
    if html is None and body is None:
        return Reject(uri, number, record_id, "missing_field", "neither `html` nor `text` holds content", url)
    title = _string(obj.get("title"), notes)
    return RawRecord(
        source_uri=uri,
        record_offset=number,
        record_id=record_id,
        url=url,
        html=html,
        text=None if html is not None else body,
        fetched_at=_parse_time(obj.get("fetched_at")),
        title_hint=title,
        notes=tuple(dict.fromkeys(notes)),
    )


def read_jsonl(uri: str) -> Iterator[RawRecord | Reject]:
    with open_binary(uri) as handle:
        stream = DecompressedStream(handle, compression_of(uri))
        for number, item in _LineReader(stream).lines():
            if isinstance(item, _Problem):
                yield Reject(uri, number, "", item.reason, item.detail[:300])
            else:
                yield _record(uri, number, item.data)
