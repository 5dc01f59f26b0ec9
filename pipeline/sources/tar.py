"""Tar and tar.gz archives of pages, streamed member by member and never unpacked to disk.

Our own reader of the tar framing (ustar, GNU and pax long names) over a
`DecompressedStream`, because the standard library stops at the first bad
header. Here a header whose checksum fails is skipped and reading resumes at
the next valid header (found by its `ustar` magic and checksum), so damage
costs the members it touches. Names are decoded as UTF-8 with replacement
characters; members with `..` or absolute names are rejected, links and
devices skipped. `record_offset` is the member's index; a damaged stretch
takes one index of its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.fs import open_binary
from pipeline.sources.pages import PAGE_SUFFIXES, page_record
from pipeline.sources.streams import DecompressedStream, compression_of

BLOCK = 512
_MAGIC_AT = 257
_REGULAR = (b"0", b"\x00", b"7")
_DIRECTORY = b"5"
_PAX_LOCAL, _PAX_GLOBAL = b"x", b"g"
_GNU_LONG_NAME, _GNU_LONG_LINK = b"L", b"K"
_MAX_META_BYTES = 1 << 20  # pax or GNU long-name data larger than this is damage, not a name


@dataclass(frozen=True, slots=True)
class _Header:
    name: bytes
    size: int
    kind: bytes
    mtime: int


def _number(field: bytes) -> int:
    """A tar numeric field: octal text, or base-256 when the high bit of the first byte is set."""
    if field and field[0] & 0x80:
        value = int.from_bytes(field[1:], "big")
        return -value if field[0] & 0x40 else value
    text = field.replace(b"\x00", b" ").strip()
    return int(text, 8) if text else 0


def _parse_header(block: bytes) -> _Header | None:
    """The header in a 512-byte block, or None when its checksum does not hold."""
    if len(block) < BLOCK:
        return None
    try:
        stored = _number(block[148:156])
        size = _number(block[124:136])
        mtime = _number(block[136:148])
    except ValueError:
        return None
    unsigned = sum(block[:148]) + 8 * 32 + sum(block[156:BLOCK])
    if stored != unsigned or size < 0:
        return None
    name = block[:100].split(b"\x00", 1)[0]
    if block[_MAGIC_AT : _MAGIC_AT + 5] == b"ustar":
        prefix = block[345:500].split(b"\x00", 1)[0]
        if prefix and block[_MAGIC_AT : _MAGIC_AT + 6] == b"ustar\x00":
            name = prefix + b"/" + name
    return _Header(name, size, block[156:157] or b"\x00", mtime)


def _pax_path(data: bytes) -> bytes | None:
    """The `path` of a pax extended header ("<length> key=value\\n" records)."""
    position = 0
    while position < len(data):
        space = data.find(b" ", position)
        if space < 0:
            return None
        try:
            length = int(data[position:space])
        except ValueError:
            return None
        if length <= 0:
            return None
        key, _, value = data[space + 1 : position + length - 1].partition(b"=")
        if key == b"path":
            return value
        position += length
    return None


def display_name(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _unsafe(name: str) -> bool:
    normal = posixpath.normpath(name)
    return (
        name.startswith(("/", "\\"))
        or normal == ".."
        or normal.startswith("../")
        or "\x00" in name
        or ":" in name.split("/")[0]
    )


class _TarReader:
    def __init__(self, uri: str, stream: DecompressedStream) -> None:
        self.uri = uri
        self.stream = stream
        self.index = -1
        self.reported: set[tuple[int, int]] = set()
        self.long_name: bytes | None = None

    def _fill_to(self, size: int) -> bool:
        while len(self.stream.buffer) < size:
            if not self.stream.fill():
                return False
        return True

    def _next_index(self) -> int:
        self.index += 1
        return self.index

    def _lost(self, upto: int) -> Iterator[Reject]:
        for gap in self.stream.gaps:
            key = (gap.at, gap.compressed_offset)
            if gap.at <= upto and key not in self.reported:
                self.reported.add(key)
                reason = "truncated" if gap.truncated else "corrupt_input"
                yield Reject(self.uri, self._next_index(), "", reason, gap.detail[:300])

    def items(self) -> Iterator[RawRecord | Skip | Reject]:
        stream = self.stream
        while True:
            yield from self._lost(stream.base)
            stream.forget_before(stream.base)
            if not self._fill_to(BLOCK):
                if stream.buffer.strip(b"\x00"):
                    yield Reject(
                        self.uri, self._next_index(), "", "truncated", "the archive ends inside a header"
                    )
                yield from self._lost(stream.end)
                return
            block = bytes(stream.buffer[:BLOCK])
            if not block.strip(b"\x00"):
                stream.consume(BLOCK)  # end-of-archive blocks (or padding): keep reading, more may follow
                continue
            header = _parse_header(block)
            if header is None:
                skipped = self._resync()
                yield Reject(
                    self.uri,
                    self._next_index(),
                    "",
                    "corrupt_input",
                    f"{skipped} bytes without a valid tar header",
                )
                continue
            stream.consume(BLOCK)
            item = self._member(header)
            if item is not None:
                yield item

    def _resync(self) -> int:
        """Skip to the next block that holds a valid header (found by its ustar magic); bytes skipped."""
        stream = self.stream
        start = stream.base
        search_from = 1
        while True:
            found = stream.buffer.find(b"ustar", search_from + _MAGIC_AT)
            while found >= 0:
                candidate = found - _MAGIC_AT
                if (
                    candidate >= 1
                    and self._fill_to(candidate + BLOCK)
                    and _parse_header(bytes(stream.buffer[candidate : candidate + BLOCK]))
                ):
                    stream.consume(candidate)
                    return stream.base - start
                found = stream.buffer.find(b"ustar", found + 1)
            keep = BLOCK
            if len(stream.buffer) > keep:
                stream.consume(len(stream.buffer) - keep)
            search_from = 0
            if not stream.fill():
                stream.consume(len(stream.buffer))
                return stream.base - start

    def _read_data(self, size: int, keep: int) -> tuple[bytes, str | None]:
        """A member's data (its first `keep` bytes) and padding; or the reason it is unusable."""
        stream = self.stream
        start = stream.base
        padded = size + (-size % BLOCK)
        kept = bytearray()
        remaining = padded
        while remaining:
            if not stream.buffer and not stream.fill():
                return b"", "truncated"
            gap = stream.gap_between(start, min(stream.end, start + padded))
            if gap is not None:
                self.reported.add((gap.at, gap.compressed_offset))
                stream.consume(max(0, gap.at - stream.base))
                return b"", "corrupt_input"
            take = min(remaining, len(stream.buffer))
            wanted = min(take, max(0, min(size, keep) - len(kept)))
            if wanted:
                kept += stream.buffer[:wanted]
            stream.consume(take)
            remaining -= take
        return bytes(kept), None

    def _member(self, header: _Header) -> RawRecord | Skip | Reject | None:
        if header.kind in (_PAX_LOCAL, _GNU_LONG_NAME, _PAX_GLOBAL, _GNU_LONG_LINK):
            data, problem = self._read_data(header.size, _MAX_META_BYTES)
            if problem is None and header.size <= _MAX_META_BYTES:
                if header.kind == _GNU_LONG_NAME:
                    self.long_name = data.split(b"\x00", 1)[0]
                elif header.kind == _PAX_LOCAL:
                    self.long_name = _pax_path(data) or self.long_name
            return None
        raw_name, self.long_name = (self.long_name or header.name), None
        name = display_name(raw_name)
        if header.kind == _DIRECTORY:
            self._read_data(header.size, 0)
            return None  # a folder entry is structure, not a record
        index = self._next_index()
        if header.kind not in _REGULAR:
            self._read_data(header.size, 0)
            return Skip(self.uri, index, "not_a_file")
        if _unsafe(name):
            self._read_data(header.size, 0)
            return Reject(
                self.uri, index, name[:200], "unsafe_path", "absolute or parent-relative member name"
            )
        if not name.lower().endswith(PAGE_SUFFIXES):
            self._read_data(header.size, 0)
            return Skip(self.uri, index, "non_html")
        if header.size > MAX_PAGE_BYTES:
            self._read_data(header.size, 0)
            return Reject(self.uri, index, name, "too_large", f"member of {header.size} bytes")
        body, problem = self._read_data(header.size, header.size)
        if problem is not None:
            detail = (
                "the archive ends inside this member" if problem == "truncated" else "member data damaged"
            )
            return Reject(self.uri, index, name, problem, detail)
        mtime = datetime.fromtimestamp(header.mtime, UTC) if 0 < header.mtime < 32503680000 else None
        return page_record(self.uri, index, name, body, mtime)


def read_tar(uri: str) -> Iterator[RawRecord | Skip | Reject]:
    with open_binary(uri) as handle:
        stream = DecompressedStream(handle, compression_of(uri))
        yield from _TarReader(uri, stream).items()
