"""Damaged inputs for the damage suite: clean dumps built from the sample corpus, and seeded mutations.

Everything here is deterministic from a seed. A clean dump is a list of chunks (one WARC record, one
JSONL line or one tar member each); a mutation damages one place of it and says which article pages
it touched, which undamaged ones lie before the damage and which lie after it where the format
allows a reader to resume (the next gzip member, the next `WARC/1.0` header, the next line, the next
valid tar header). Every article page carries a unique marker word in its text (`dmgmark0042x03`),
so a test finds which pages survived a run by searching the published article texts.

The named bad inputs of issue 9 (a gzip bomb, path tricks in a tar, undecodable names, a latin-1 page
without a charset, a deeply nested page, a huge inline `data:` image, the worker-pool deadlock pair of
issue 10 …) are builders below too.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import tarfile
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
MARKER_PATTERN = r"dmgmark[0-9]{4}x[0-9]{2}"
WARC_DATE = "2025-02-01T06:00:00Z"
_UUID_NS = uuid.UUID("0b5e7f4e-5a1d-4c8e-9d61-7a1f2c3b4d5e")


# --- pages ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page as a crawler stored it: its URL, the HTTP Content-Type and the raw bytes."""

    url: str
    content_type: str
    body: bytes
    marker: str | None = None

    def text(self) -> str:
        """The page decoded with its declared charset (the sample always declares one somewhere)."""
        match = re.search(r"charset=([\w-]+)", self.content_type) or re.search(
            rb"<meta[^>]+charset=[\"']?([\w-]+)", self.body[:4096], re.IGNORECASE
        )
        charset = match.group(1) if match else "utf-8"
        if isinstance(charset, bytes):
            charset = charset.decode("ascii")
        return self.body.decode(charset)


def sample_pages() -> list[Page]:
    """The article pages of the bundled sample's WARC files (the ones truth.json calls articles)."""
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for day in sorted(truth["dates"]):
        for name, info in sorted(truth["dates"][day]["files"].items()):
            if not name.endswith(".warc.gz"):
                continue
            articles = {row["offset"] for row in info["ledger"] if row["outcome"] == "article"}
            with open(SAMPLE / name, "rb") as stream:
                for record in ArchiveIterator(stream, parse_http=True):
                    if record.stream_pos in articles:
                        content_type = record.http_headers.get("Content-Type") or "text/html"
                        body = record.reader.read()
                        pages.append(Page(record.headers.get("WARC-Target-URI"), content_type, body))
    return pages


def marker(copy: int, index: int) -> str:
    return f"dmgmark{copy:04d}x{index:02d}"


_LONGEST_P = re.compile(rb"<p(?:\s[^>]*)?>([^<]{200,})", re.IGNORECASE)


def vary(page: Page, copy: int, index: int) -> Page:
    """A unique copy of a page: its own URL and a sentence with its marker at the start of its longest
    paragraph, so neither the URL nor the content-hash de-duplication can merge two copies."""
    tag = marker(copy, index)
    sentence = f"Archive reference {tag} was filed with this report. ".encode()
    paragraphs = list(_LONGEST_P.finditer(page.body))
    best = max(paragraphs, key=lambda m: len(m.group(1)))
    body = page.body[: best.start(1)] + sentence + page.body[best.start(1) :]
    parts = urlsplit(page.url)
    url = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/dmg-{copy}-{index}"
    return Page(url, page.content_type, body, tag)


def copies(pages: list[Page], copy: int, count: int) -> list[Page]:
    """`count` pages of dump number `copy`, taken round-robin from the sample, all unique."""
    return [vary(pages[(copy * count + i) % len(pages)], copy, i) for i in range(count)]


# --- WARC records -------------------------------------------------------------------------------


def record_id(*parts: object) -> str:
    return f"<urn:uuid:{uuid.uuid5(_UUID_NS, '|'.join(map(str, parts)))}>"


def warc_record(
    kind: str,
    block: bytes,
    content_type: str,
    url: str | None = None,
    date: str = WARC_DATE,
    extra: dict[str, str] | None = None,
    length: int | None = None,
    version_line: str = "WARC/1.0",
) -> bytes:
    """One uncompressed WARC record with its `\\r\\n\\r\\n` trailer; `length` can lie on purpose."""
    lines = [version_line, f"WARC-Type: {kind}", f"WARC-Record-ID: {record_id(kind, url, date, len(block))}"]
    lines += [f"WARC-Date: {date}"]
    if url:
        lines.append(f"WARC-Target-URI: {url}")
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block) if length is None else length}"]
    head = "".join(f"{line}\r\n" for line in lines if line)
    return (head + "\r\n").encode() + block + b"\r\n\r\n"


def http_block(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK", **more
) -> bytes:
    headers = {"Content-Type": content_type, "Content-Length": str(len(body)), **more}
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode("latin-1") + body


def response(page: Page, date: str = WARC_DATE) -> bytes:
    return warc_record(
        "response",
        http_block(page.body, page.content_type),
        "application/http; msgtype=response",
        page.url,
        date,
    )


def request(url: str, date: str = WARC_DATE) -> bytes:
    parts = urlsplit(url)
    block = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: text/html\r\n\r\n".encode()
    return warc_record("request", block, "application/http; msgtype=request", url, date)


def warcinfo(name: str) -> bytes:
    block = f"software: newsetl tests/damage.py\r\nformat: WARC File Format 1.0\r\nfile: {name}\r\n".encode()
    return warc_record("warcinfo", block, "application/warc-fields")


# --- clean dumps: lists of chunks -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chunk:
    """One stored unit: a WARC record, a JSONL line or a tar member (header and padded data)."""

    data: bytes
    marker: str | None = None  # the marker of the article page it carries


@dataclass(frozen=True, slots=True)
class Dump:
    fmt: str  # warc.gz | warc | jsonl | jsonl.gz | tar.gz
    chunks: tuple[Chunk, ...]

    @property
    def markers(self) -> frozenset[str]:
        return frozenset(c.marker for c in self.chunks if c.marker)

    def encode(self) -> bytes:
        return encode(self.fmt, [c.data for c in self.chunks])


def encode(fmt: str, chunks: list[bytes]) -> bytes:
    if fmt == "warc.gz":  # one gzip member per record, as CC-NEWS
        return b"".join(gzip.compress(c, mtime=0) for c in chunks)
    if fmt in ("warc", "jsonl"):
        return b"".join(chunks)
    if fmt == "jsonl.gz":
        return gzip.compress(b"".join(chunks), mtime=0)
    if fmt == "tar":
        return b"".join(chunks) + TAR_END
    if fmt == "tar.gz":
        return gzip.compress(b"".join(chunks) + TAR_END, mtime=0)
    raise ValueError(fmt)


def warc_dump(pages: list[Page], name: str, compressed: bool = True) -> Dump:
    """A CC-NEWS-like WARC: warcinfo, then request + response per page, with a metadata record,
    an image and a 404 among them (counted skips, not articles)."""
    chunks = [Chunk(warcinfo(name))]
    for i, page in enumerate(pages):
        chunks += [Chunk(request(page.url)), Chunk(response(page), page.marker)]
        if i == 0:
            fields = f"fetchTimeMs: 412\r\noutlinks: {page.url}#top\r\n".encode()
            chunks.append(Chunk(warc_record("metadata", fields, "application/warc-fields", page.url)))
        if i == 2:
            image = page.url.rsplit("/", 1)[0] + "/photo.jpg"
            block = http_block(b"\xff\xd8\xff\xe0" + bytes(range(64)), "image/jpeg")
            chunks.append(Chunk(warc_record("response", block, "application/http; msgtype=response", image)))
        if i == 4:
            gone = page.url + "-old"
            block = http_block(b"<html><body>Not found</body></html>", "text/html", "404 Not Found")
            chunks.append(Chunk(warc_record("response", block, "application/http; msgtype=response", gone)))
    return Dump("warc.gz" if compressed else "warc", tuple(chunks))


def jsonl_line(page: Page, line_id: str) -> bytes:
    obj = {"id": line_id, "url": page.url, "fetched_at": WARC_DATE, "html": page.text()}
    return json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"


def jsonl_dump(pages: list[Page], compressed: bool = False) -> Dump:
    chunks = tuple(Chunk(jsonl_line(p, f"line-{p.marker}"), p.marker) for p in pages)
    return Dump("jsonl.gz" if compressed else "jsonl", chunks)


TAR_BLOCK = 512
TAR_END = b"\0" * (2 * TAR_BLOCK)


def tar_member(name: str | bytes, data: bytes, kind: bytes = tarfile.REGTYPE, link: str = "") -> bytes:
    """A ustar member (header block + data padded to 512 bytes); names may be raw bytes."""
    info = tarfile.TarInfo("placeholder")
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mtime = 1738389600  # 2025-02-01 06:00 UTC
    info.mode = 0o644
    info.type = kind
    info.linkname = link
    header = bytearray(info.tobuf(tarfile.USTAR_FORMAT, "utf-8", "surrogateescape"))
    raw_name = name if isinstance(name, bytes) else name.encode()
    header[0:100] = raw_name[:100].ljust(100, b"\0")
    _set_checksum(header)
    padded = data + b"\0" * (-len(data) % TAR_BLOCK) if kind == tarfile.REGTYPE else b""
    return bytes(header) + padded


def _set_checksum(header: bytearray) -> None:
    header[148:156] = b" " * 8
    header[148:156] = f"{sum(header):06o}\0 ".encode()


def tar_dump(pages: list[Page], folder: str) -> Dump:
    chunks = [Chunk(tar_member(f"{folder}/", b"", tarfile.DIRTYPE))]
    chunks += [Chunk(tar_member(f"{folder}/{p.marker}.html", p.body), p.marker) for p in pages]
    return Dump("tar.gz", tuple(chunks))


# --- mutations ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DamagedShard:
    """A damaged dump and what a good reader must make of it."""

    name: str
    data: bytes
    mutation: str
    before: frozenset[str]  # undamaged article pages stored before the damage
    after: frozenset[str]  # undamaged article pages after it, where the format lets a reader resume
    damaged: frozenset[str] = frozenset()  # pages the damage touched: any outcome will do
    must_keep: frozenset[str] = frozenset()  # damaged pages that must still become articles

    def __repr__(self) -> str:  # not the bytes: failure reports stay readable
        return f"<{self.name} ({self.mutation}, {len(self.data)} bytes)>"


Mutation = Callable[[Dump, random.Random], DamagedShard]


def _around(dump: Dump, first: int, last: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(before, after, damaged) markers when chunks first..last are damaged."""
    marks = [c.marker for c in dump.chunks]
    return (
        frozenset(m for m in marks[:first] if m),
        frozenset(m for m in marks[last + 1 :] if m),
        frozenset(m for m in marks[first : last + 1] if m),
    )


def _page_index(dump: Dump, rng: random.Random) -> int:
    """A chunk carrying an article page, away from the last one so that something follows."""
    candidates = [i for i, c in enumerate(dump.chunks) if c.marker][:-1]
    return rng.choice(candidates)


def _shard(
    dump: Dump, mutation: str, data: bytes, first: int, last: int, resumable: bool = True
) -> DamagedShard:
    before, after, damaged = _around(dump, first, last)
    return DamagedShard("", data, mutation, before, after if resumable else frozenset(), damaged)


def _flip_bits(data: bytes, rng: random.Random, start: int, end: int, flips: int) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        at = rng.randrange(start, end)
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def _overwrite(data: bytes, rng: random.Random, start: int, end: int, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(start, end)
        out[at] = (out[at] + rng.randrange(1, 256)) % 256  # always a different byte
    return bytes(out)


def _member_spans(fmt: str, dump: Dump) -> tuple[list[bytes], list[int]]:
    """Stored chunks (compressed members for warc.gz) and their start offsets in the file."""
    stored = [gzip.compress(c.data, mtime=0) if fmt == "warc.gz" else c.data for c in dump.chunks]
    starts, at = [], 0
    for piece in stored:
        starts.append(at)
        at += len(piece)
    return stored, starts


def _with_chunk(dump: Dump, index: int, data: bytes) -> Dump:
    chunks = list(dump.chunks)
    chunks[index] = replace(chunks[index], data=data)
    return replace(dump, chunks=tuple(chunks))


def _with_inserted(dump: Dump, index: int, data: bytes) -> Dump:
    chunks = list(dump.chunks)
    chunks.insert(index, Chunk(data))
    return replace(dump, chunks=tuple(chunks))


# WARC (compressed or not) --------------------------------------------------------------------------


def _stored_damage(name: str, how: Callable[[bytes, random.Random], bytes]) -> Mutation:
    """Damage the stored bytes of one record (its gzip member in a WARC.gz)."""

    def mutate(dump: Dump, rng: random.Random) -> DamagedShard:
        k = _page_index(dump, rng)
        stored, _ = _member_spans(dump.fmt, dump)
        stored[k] = how(stored[k], rng)
        return _shard(dump, name, b"".join(stored), k, k)

    return mutate


def _truncate(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    stored, _ = _member_spans(dump.fmt, dump) if dump.fmt in ("warc.gz", "warc", "jsonl") else (None, None)
    if stored is None:
        raise ValueError(dump.fmt)
    cut = rng.randrange(1, len(stored[k]) - 1)
    return _shard(dump, "truncate", b"".join(stored[:k]) + stored[k][:cut], k, len(dump.chunks), False)


def _lying_length(shorter: bool) -> Mutation:
    def mutate(dump: Dump, rng: random.Random) -> DamagedShard:
        k = _page_index(dump, rng)
        record = dump.chunks[k].data
        head, _, rest = record.partition(b"\r\n\r\n")
        block = rest[:-4]
        delta = rng.randrange(1, len(block) // 2) if shorter else rng.randrange(50, 20_000)
        true_length = f"Content-Length: {len(block)}\r\n".encode()
        lie = f"Content-Length: {len(block) - delta if shorter else len(block) + delta}\r\n".encode()
        assert head.count(true_length.rstrip()) == 1
        damaged = head.replace(true_length.rstrip(), lie.rstrip()) + b"\r\n\r\n" + rest
        name = "content_length_short" if shorter else "content_length_long"
        return _shard(dump, name, _with_chunk(dump, k, damaged).encode(), k, k)

    return mutate


_VERSION_GARBLES = (b"WARC/1.O", b"WRAC/1.0", b"\x00ARC/1.0", b"warc 1.0", b"WARC/\xff.0", b"")


def _garbled_version(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    record = dump.chunks[k].data
    garble = rng.choice(_VERSION_GARBLES)
    damaged = (garble + record[len(b"WARC/1.0") :]) if garble else record[len(b"WARC/1.0\r\n") :]
    name = "missing_version_line" if not garble else "garbled_version_line"
    return _shard(dump, name, _with_chunk(dump, k, damaged).encode(), k, k)


def _garbled_length_field(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    record = dump.chunks[k].data
    damaged = re.sub(rb"Content-Length: (\d+)\r\n", rb"Content-Length: \g<1>x7\r\n", record, count=1)
    return _shard(dump, "garbled_length_field", _with_chunk(dump, k, damaged).encode(), k, k)


def _junk_between(dump: Dump, rng: random.Random) -> DamagedShard:
    """Bytes that are no record at all between two records: random bytes, or a gzip header whose
    deflate data is garbage (a corrupt member in the middle)."""
    k = _page_index(dump, rng) + 1
    junk = rng.randbytes(rng.randrange(100, 3000))
    if dump.fmt == "warc.gz" and rng.random() < 0.5:
        junk = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + junk
    stored, _ = _member_spans(dump.fmt, dump)
    stored.insert(k, junk)
    before, after, _ = _around(dump, k, k - 1)
    return DamagedShard("", b"".join(stored), "junk_between_records", before, after)


def _zero_run(member: bytes, rng: random.Random) -> bytes:
    """64 zero bytes in the middle of a gzip member: a corrupt member, as a bad disk block leaves it."""
    middle = max(10, len(member) // 2 - 32)
    return member[:middle] + b"\0" * 64 + member[middle + 64 :]


# Damage to the records themselves, the same in a WARC and a WARC.gz.
RECORD_MUTATIONS: dict[str, Mutation] = {
    "truncate": _truncate,
    "content_length_short": _lying_length(shorter=True),
    "content_length_long": _lying_length(shorter=False),
    "garbled_version_line": _garbled_version,
    "garbled_length_field": _garbled_length_field,
    "junk_between_records": _junk_between,
}

WARC_GZ_MUTATIONS: dict[str, Mutation] = {
    "flip_bits": _stored_damage("flip_bits", lambda m, r: _flip_bits(m, r, 0, len(m), r.randrange(1, 5))),
    "flip_bytes": _stored_damage("flip_bytes", lambda m, r: _overwrite(m, r, 0, len(m), r.randrange(1, 9))),
    "corrupt_member": _stored_damage("corrupt_member", _zero_run),
    **RECORD_MUTATIONS,
}

WARC_MUTATIONS: dict[str, Mutation] = {
    "flip_header_bytes": _stored_damage(
        "flip_header_bytes", lambda m, r: _overwrite(m, r, 0, m.index(b"\r\n\r\n"), r.randrange(1, 4))
    ),
    **RECORD_MUTATIONS,
}


# JSONL ---------------------------------------------------------------------------------------------


def _invalid_utf8(dump: Dump, rng: random.Random) -> DamagedShard:
    """One invalid UTF-8 byte inside the HTML of an otherwise fine line: the line must be kept."""
    k = _page_index(dump, rng)
    line = dump.chunks[k].data
    letters = [m.start() for m in re.finditer(rb"[a-z]{6,}", line[len(line) // 3 :])]
    at = len(line) // 3 + rng.choice(letters) + 2
    damaged = line[:at] + rng.choice((b"\xff", b"\xc3", b"\xe9", b"\x80")) + line[at + 1 :]
    shard = _shard(dump, "invalid_utf8_byte", _with_chunk(dump, k, damaged).encode(), k, k)
    return replace(shard, must_keep=shard.damaged)


_NOT_JSON_LINES = (
    b"<html><body>this line is a web page, not JSON</body></html>\n",
    b'{"url": "https://broken.example/a", "html": "<p>unterminated\n',
    b"[1, 2, 3]\n",
    b'"a string, not an object"\n',
    b'{"url": "https://broken.example/b"}\n',  # no html nor text
    b"\x00\x01\x02 binary \xfe\xff\n",
)


def _line_inserted(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng) + 1
    before, after, _ = _around(dump, k, k - 1)
    data = _with_inserted(dump, k, rng.choice(_NOT_JSON_LINES)).encode()
    return DamagedShard("", data, "not_json_line", before, after)


def _line_damage(name: str, how: Callable[[bytes, random.Random], bytes]) -> Mutation:
    def mutate(dump: Dump, rng: random.Random) -> DamagedShard:
        k = _page_index(dump, rng)
        return _shard(dump, name, _with_chunk(dump, k, how(dump.chunks[k].data, rng)).encode(), k, k)

    return mutate


def _cut_middle(line: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(10, len(line) - 200)
    return line[:start] + line[start + rng.randrange(1, 150) :]


def _nul_bytes(line: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(10, len(line) - 10)
    return line[:at] + b"\x00" * rng.randrange(1, 32) + line[at:]


def _joined_lines(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    chunks = [c.data for c in dump.chunks]
    chunks[k] = chunks[k].rstrip(b"\n")
    return _shard(dump, "joined_lines", encode(dump.fmt, chunks), k, k + 1)


JSONL_MUTATIONS: dict[str, Mutation] = {
    "invalid_utf8_byte": _invalid_utf8,
    "not_json_line": _line_inserted,
    "truncate": _truncate,
    "flip_bytes": _line_damage("flip_bytes", lambda s, r: _overwrite(s, r, 0, len(s) - 1, r.randrange(1, 6))),
    "cut_middle": _line_damage("cut_middle", _cut_middle),
    "nul_bytes": _line_damage("nul_bytes", _nul_bytes),
    "joined_lines": _joined_lines,
}


def _compressed_damage(name: str, how: Callable[[bytes, random.Random], bytes]) -> Mutation:
    """Damage the single gzip stream of a .jsonl.gz or .tar.gz: nothing after it can be recovered."""

    def mutate(dump: Dump, rng: random.Random) -> DamagedShard:
        data = dump.encode()
        return DamagedShard("", how(data, rng), name, frozenset(), frozenset(), dump.markers)

    return mutate


STREAM_GZ_MUTATIONS: dict[str, Mutation] = {
    "gzip_flip_bits": _compressed_damage(
        "gzip_flip_bits", lambda d, r: _flip_bits(d, r, 10, len(d) - 8, r.randrange(1, 4))
    ),
    "gzip_truncate": _compressed_damage("gzip_truncate", lambda d, r: d[: r.randrange(20, len(d) - 1)]),
    "gzip_zero_run": _compressed_damage("gzip_zero_run", _zero_run),
}


# tar -------------------------------------------------------------------------------------------------


def _tar_header_damage(dump: Dump, rng: random.Random) -> DamagedShard:
    """Bytes of a member's header changed: its checksum no longer matches."""
    k = _page_index(dump, rng)
    member = dump.chunks[k].data
    field = rng.choice(((0, 100), (124, 136), (148, 156), (257, 263)))  # name, size, chksum, magic
    damaged = _overwrite(member, rng, *field, rng.randrange(1, 4))
    return _shard(dump, "tar_bad_header", _with_chunk(dump, k, damaged).encode(), k, k)


def _tar_size_too_big(dump: Dump, rng: random.Random) -> DamagedShard:
    """A valid header whose size covers the next members too: those are lost with it (a member may
    hold anything, even bytes that look like headers), the ones beyond are not."""
    k = _page_index(dump, rng)
    header = bytearray(dump.chunks[k].data[:TAR_BLOCK])
    size = int(header[124:136].rstrip(b"\0 ").decode(), 8)
    lie = size + TAR_BLOCK * rng.randrange(1, 30)
    header[124:136] = f"{lie:011o}\0".encode()
    _set_checksum(header)
    damaged = bytes(header) + dump.chunks[k].data[TAR_BLOCK:]
    claimed_end = TAR_BLOCK + lie + (-lie % TAR_BLOCK)
    last, covered = k, len(damaged)
    while last + 1 < len(dump.chunks) and covered < claimed_end:
        last += 1
        covered += len(dump.chunks[last].data)
    return _shard(dump, "tar_size_too_big", _with_chunk(dump, k, damaged).encode(), k, last)


def _tar_junk_blocks(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng) + 1
    junk = rng.randbytes(TAR_BLOCK * rng.randrange(1, 6))
    before, after, _ = _around(dump, k, k - 1)
    return DamagedShard("", _with_inserted(dump, k, junk).encode(), "tar_junk_blocks", before, after)


def _tar_content_damage(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    member = dump.chunks[k].data
    damaged = _overwrite(member, rng, TAR_BLOCK, len(member), rng.randrange(1, 20))
    return _shard(dump, "tar_content_bytes", _with_chunk(dump, k, damaged).encode(), k, k)


def _tar_truncate(dump: Dump, rng: random.Random) -> DamagedShard:
    k = _page_index(dump, rng)
    chunks = [c.data for c in dump.chunks]
    cut = rng.randrange(1, len(chunks[k]) - 1)
    data = gzip.compress(b"".join(chunks[:k]) + chunks[k][:cut], mtime=0)
    return _shard(dump, "tar_truncate", data, k, len(dump.chunks), False)


TAR_MUTATIONS: dict[str, Mutation] = {
    "tar_bad_header": _tar_header_damage,
    "tar_size_too_big": _tar_size_too_big,
    "tar_junk_blocks": _tar_junk_blocks,
    "tar_content_bytes": _tar_content_damage,
    "tar_truncate": _tar_truncate,
}


# --- the fuzz: many damaged copies ---------------------------------------------------------------

PAGES_PER_DUMP = 6
_SUFFIX = {
    "warc.gz": ".warc.gz",
    "warc": ".warc",
    "jsonl": ".jsonl",
    "jsonl.gz": ".jsonl.gz",
    "tar.gz": ".tar.gz",
}


def clean_dump(fmt: str, pages: list[Page], name: str) -> Dump:
    if fmt in ("warc.gz", "warc"):
        return warc_dump(pages, name, compressed=fmt == "warc.gz")
    if fmt in ("jsonl", "jsonl.gz"):
        return jsonl_dump(pages, compressed=fmt == "jsonl.gz")
    if fmt == "tar.gz":
        return tar_dump(pages, name.split(".")[0])
    raise ValueError(fmt)


def fuzz_shards(
    fmt: str, mutations: dict[str, Mutation], count: int, first_copy: int, seed: int, sample: list[Page]
) -> list[DamagedShard]:
    """`count` damaged dumps of one format, mutations taken in turn, each with its own unique pages."""
    shards = []
    names = sorted(mutations)
    for n in range(count):
        copy = first_copy + n
        mutation = names[n % len(names)]
        name = f"dmg-{copy:04d}-{mutation}{_SUFFIX[fmt]}"
        dump = clean_dump(fmt, copies(sample, copy, PAGES_PER_DUMP), name)
        rng = random.Random(f"{seed}:{fmt}:{copy}:{mutation}")
        shards.append(replace(mutations[mutation](dump, rng), name=name))
    return shards


def clean_shard(fmt: str, copy: int, sample: list[Page]) -> DamagedShard:
    """The undamaged control: every page of it must become an article."""
    name = f"clean-{copy:04d}{_SUFFIX[fmt]}"
    dump = clean_dump(fmt, copies(sample, copy, PAGES_PER_DUMP), name)
    return DamagedShard(name, dump.encode(), "none", dump.markers, frozenset())


def write_shards(folder: Path, shards: list[DamagedShard]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for shard in shards:
        (folder / shard.name).write_bytes(shard.data)
    return folder


# --- named bad inputs (issue 9 items 3-5, issue 10 item 1) ----------------------------------------


def good_warc(path: Path, sample: list[Page], count: int = 23, copy: int = 9000) -> frozenset[str]:
    """A clean WARC.gz of `count` article pages; returns their markers."""
    dump = warc_dump(copies(sample, copy, count), path.name)
    path.write_bytes(dump.encode())
    return dump.markers


def corrupt_member_warc(path: Path, sample: list[Page], copy: int) -> tuple[frozenset[str], str]:
    """A WARC.gz whose fourth page's gzip member has 64 zero bytes in its middle. Returns the
    markers of the pages that must survive and the one that is lost."""
    dump = warc_dump(copies(sample, copy, PAGES_PER_DUMP), path.name)
    stored, _ = _member_spans("warc.gz", dump)
    pages = [i for i, c in enumerate(dump.chunks) if c.marker]
    k = pages[3]
    stored[k] = _zero_run(stored[k], random.Random(0))
    path.write_bytes(b"".join(stored))
    lost = dump.chunks[k].marker
    assert lost is not None
    return dump.markers - {lost}, lost


def truncated_warc(path: Path, sample: list[Page], copy: int) -> frozenset[str]:
    """A WARC.gz cut in the middle of its last page's member; returns the markers before the cut."""
    dump = warc_dump(copies(sample, copy, 4), path.name)
    data = dump.encode()
    last = gzip.compress(dump.chunks[-1].data, mtime=0)
    path.write_bytes(data[: len(data) - len(last) // 2])
    return dump.markers - {dump.chunks[-1].marker}


def lying_length_warc(
    path: Path, sample: list[Page], copy: int, longer: bool, compressed: bool = True
) -> tuple[frozenset[str], str]:
    """A WARC whose second page's Content-Length is shorter (or longer: 30 kB, past the next three
    records) than its block. Returns the markers that must survive and the damaged one."""
    dump = warc_dump(copies(sample, copy, PAGES_PER_DUMP), path.name, compressed)
    pages = [i for i, c in enumerate(dump.chunks) if c.marker]
    k = pages[1]
    record = dump.chunks[k].data
    head, _, rest = record.partition(b"\r\n\r\n")
    size = len(rest) - 4
    lie = size + 30_000 if longer else size - 1_000
    head = head.replace(f"Content-Length: {size}".encode(), f"Content-Length: {lie}".encode())
    path.write_bytes(_with_chunk(dump, k, head + b"\r\n\r\n" + rest).encode())
    damaged = dump.chunks[k].marker
    assert damaged is not None
    return dump.markers - {damaged}, damaged


def broken_jsonl(path: Path, sample: list[Page], copy: int) -> frozenset[str]:
    """Four good lines around a line that is not JSON, a truncated line and a blank line; returns the
    markers of the good lines."""
    pages = copies(sample, copy, 4)
    lines = [jsonl_line(pages[0], "a"), b"this is not json\n", jsonl_line(pages[1], "b"), b"\n"]
    lines += [jsonl_line(pages[2], "c"), jsonl_line(pages[3], "d"), b'{"url": "https://cut.example/x", "ht']
    path.write_bytes(b"".join(lines))
    return frozenset(p.marker for p in pages if p.marker)


def gzip_bomb(path: Path, size: int = 1 << 30, fill: bytes = b"\n") -> Path:
    """`size` bytes of `fill` (1 GiB of newlines by default) as one gzip stream of about 1 MB."""
    block = fill * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip wrapper
    with open(path, "wb") as out:
        for _ in range(size // len(block)):
            out.write(compressor.compress(block))
        out.write(compressor.flush())
    return path


def path_trick_tar(path: Path, sample: list[Page], copy: int) -> frozenset[str]:
    """A tar.gz with `..` and absolute member names, a symlink and a hard link beside two good
    pages; returns the good pages' markers. Nothing may be written outside the output."""
    pages = copies(sample, copy, 2)
    members = [
        tar_member("site/good-1.html", pages[0].body),
        tar_member("../../escape.html", pages[1].body.replace(b"Archive", b"Escaped")),
        tar_member("/etc/absolute.html", b"<html><body><p>absolute</p></body></html>"),
        tar_member("site/link.html", b"", tarfile.SYMTYPE, "/etc/passwd"),
        tar_member("site/hard.html", b"", tarfile.LNKTYPE, "../../escape.html"),
        tar_member("site/good-2.html", pages[1].body),
    ]
    path.write_bytes(gzip.compress(b"".join(members) + TAR_END, mtime=0))
    return frozenset(p.marker for p in pages if p.marker)


NON_UTF8_NAME = b"caf\xe9-r\xe9sum\xe9.html"  # latin-1 bytes: not valid UTF-8


def non_utf8_tar(path: Path, page: Page) -> Path:
    path.write_bytes(gzip.compress(tar_member(b"pages/" + NON_UTF8_NAME, page.body) + TAR_END, mtime=0))
    return path


def non_utf8_file(folder: Path, page: Page) -> Path:
    """A page in `folder` whose file name is not valid UTF-8 (written with raw bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = os.path.join(os.fsencode(folder), NON_UTF8_NAME)
    with open(target, "wb") as handle:
        handle.write(page.body)
    return folder


LATIN1_WORDS = ("Müller", "Café", "Straße", "Öffnungszeiten", "Ärzte", "Gebühren", "Bürgermeisterin", "Grüße")


def latin1_page() -> bytes:
    """A German article encoded in latin-1, with no charset anywhere (no header, no meta)."""
    paragraphs = [
        "Die Bürgermeisterin Anna Müller hat am Dienstag neue Öffnungszeiten für das Rathaus und das "
        "städtische Café am Marktplatz vorgestellt. Ab März sollen beide auch samstags geöffnet sein.",
        "Die Gebühren für Parkplätze in der Straße vor dem Rathaus bleiben unverändert, sagte Müller. "
        "Ärzte und Pflegekräfte im Nachtdienst dürfen dort künftig kostenlos parken.",
        "Der Gemeinderat hatte die Änderungen im Januar mit großer Mehrheit beschlossen. Kritik kam von "
        "den Händlern, die längere Öffnungszeiten der Geschäfte fordern. Herzliche Grüße an alle Leser.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Neue Öffnungszeiten im Rathaus</title></head><body>"
        f"<article><h1>Neue Öffnungszeiten im Rathaus</h1>{body}</article></body></html>"
    )
    return html.encode("latin-1")


def nested_page(depth: int = 50_000) -> bytes:
    """An article followed by `depth` nested <div> elements: pathological for a tree parser."""
    article = "".join(f"<p>{p}</p>" for p in filler_paragraphs("nested", 4))
    nest = "<div>" * depth + "deep text" + "</div>" * depth
    return f"<html><head><title>Deeply nested page</title></head><body><article><h1>Deeply nested page</h1>{article}</article>{nest}</body></html>".encode()


def binary_blob(size: int = 20_000, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def filler_paragraphs(topic: str, count: int, words_per: int = 60, seed: int = 1) -> list[str]:
    """Plain English filler paragraphs, deterministic, each sentence different."""
    rng = random.Random(f"{topic}:{seed}")
    subjects = ("The council", "A spokesperson", "Local residents", "The committee", "Engineers", "The mayor")
    verbs = ("approved", "reviewed", "questioned", "welcomed", "postponed", "published")
    objects = (
        "the budget",
        "a new plan",
        "the report",
        "the bridge repairs",
        "the school project",
        "a survey",
    )
    tails = (
        "on Tuesday",
        "after a long debate",
        "in a statement",
        "last week",
        "for the third time",
        "again",
    )
    paragraphs = []
    for p in range(count):
        sentences, words = [], 0
        while words < words_per:
            sentence = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {rng.choice(tails)}"
            sentence += f" according to note {topic} {p} {len(sentences)}."
            sentences.append(sentence)
            words += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return paragraphs


def article_page(title: str, paragraphs: list[str], between: str = "") -> bytes:
    """A plain news page; `between` is inserted between the first and the second paragraph."""
    body = f"<p>{paragraphs[0]}</p>{between}" + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='The Damage Courier'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>© 2025 The Damage Courier</footer></body></html>"
    ).encode()


def data_uri_page(image_bytes: int = 11 * 1024 * 1024) -> tuple[bytes, list[str]]:
    """An article with an inline base64 `data:` image of `image_bytes` between its paragraphs.
    Returns the page and its paragraphs (whose words must all survive extraction)."""
    paragraphs = filler_paragraphs("inline image", 8)
    payload = base64.b64encode(random.Random(11).randbytes(image_bytes * 3 // 4)).decode()
    figure = f"<figure><img alt='chart' src='data:image/png;base64,{payload}'><figcaption>Chart</figcaption></figure>"
    return article_page("Council publishes its budget chart", paragraphs, figure), paragraphs


def long_article(words: int = 14_500) -> bytes:
    """An article of about `words` words (its extraction result is over 200 KB)."""
    paragraphs = filler_paragraphs("long read", words // 105, words_per=100)
    return article_page("A very long read about the council", paragraphs)


def megabyte_page(size: int = 1 << 20) -> bytes:
    """A page of about `size` bytes: a normal article inside a lot of inline script and markup."""
    paragraphs = filler_paragraphs("big page", 6)
    script = "<script>var tracking = '" + ("x" * (size - 6000)) + "';</script>"
    return article_page("A heavy page about the harbour", paragraphs, script)


ODD_LINKS = (
    ("Reuters reported", "https://www.reuters.com/world/europe/\nharbour-deal-2025-02-01/"),
    ("the BBC said", "https://www.bbc.co.uk/news/uk politics 123"),
    (
        "shared on Facebook",
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.theguardian.com%2Fworld%2F2025%2Ffeb%2F01%2Fharbour",
    ),
    (
        "via Twitter",
        "https://twitter.com/intent/tweet?url=https%3A%2F%2Fapnews.com%2Farticle%2Fharbour-123&text=Harbour",
    ),
    ("an odd host", "https://exa mple.com/story"),
    ("a tab", "https://www.nytimes.com/2025/02/01/world/\tharbour.html"),
)


def odd_links_page() -> bytes:
    """An article whose links carry newlines, spaces, tabs and share wrappers, as real pages do."""
    paragraphs = filler_paragraphs("odd links", 5)
    links = " ".join(f"<a href='{url}'>{anchor}</a>" for anchor, url in ODD_LINKS)
    return article_page("Harbour deal signed after long talks", paragraphs, f"<p>As {links} earlier.</p>")


# --- WARCs of pages with chosen dates (re-crawls) ------------------------------------------------------


def warc_of(pages: list[tuple[Page, str]]) -> bytes:
    """A WARC.gz of (page, WARC-Date) pairs, request + response each."""
    chunks = [warcinfo("recrawl")]
    for page, date in pages:
        chunks += [request(page.url, date), response(page, date)]
    return encode("warc.gz", chunks)


def as_html_page(url: str, body: bytes) -> Page:
    return Page(url, "text/html; charset=utf-8", body)


@dataclass(slots=True)
class ShareKept:
    """Tally of the undamaged pages found again among the published articles."""

    total: int = 0
    kept: int = 0
    missing: list[str] = field(default_factory=list)

    def add(self, expected: frozenset[str], found: set[str], label: str) -> None:
        self.total += len(expected)
        self.kept += len(expected & found)
        self.missing += [f"{label}:{m}" for m in sorted(expected - found)]

    @property
    def share(self) -> float:
        return self.kept / self.total if self.total else 1.0


# --- a real corpus packed as a crawl ------------------------------------------------------------------


def corpus_pages(corpus: Path) -> list[Page]:
    """The pages of a corpus folder holding `html/<id>.html.gz` and `ground-truth.json`, with their
    URLs as the annotation gives them (no charset is known: the HTTP header declares none)."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = corpus / "html" / f"{page_id}.html.gz"
        if path.is_file():
            url = truth[page_id].get("url") or f"https://corpus.invalid/{page_id}"
            pages.append(Page(url, "text/html", gzip.decompress(path.read_bytes())))
    return pages


def pack_crawl(pages: list[Page], folder: Path, shards: int, date: str = WARC_DATE) -> list[Path]:
    """Pages as `shards` CC-NEWS-like WARC.gz files (warcinfo, then request + response per page)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"crawl-{i:02d}.warc.gz" for i in range(shards)]
    for i, path in enumerate(paths):
        chunks = [warcinfo(path.name)]
        for page in pages[i::shards]:
            chunks += [request(page.url, date), response(page, date)]
        path.write_bytes(encode("warc.gz", chunks))
    return paths


# --- running the CLI with a deadline ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CliResult:
    returncode: int | None  # None: killed at the deadline
    stdout: str
    stderr: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_cli(*args: str, deadline: float = 600.0, env: dict[str, str] | None = None) -> CliResult:
    """`newsetl ARGS` in its own process group; at the deadline the whole group (workers included) is
    killed, so a hang fails the test instead of hanging the suite."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    try:
        out, err = proc.communicate(timeout=deadline)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return CliResult(
        code, out.decode(errors="replace"), err.decode(errors="replace"), time.monotonic() - started
    )


@dataclass(repr=False)
class Published:
    """A finished run of `newsetl run` and what it left under its output."""

    out: Path
    date: str
    result: CliResult

    def __repr__(self) -> str:
        return f"<run {self.date} into {self.out}: {self.describe()[:200]}>"

    def where(self, table: str) -> str:
        return f"read_parquet('{self.out}/{table}/crawl_date={self.date}/*.parquet')"

    def has(self, table: str) -> bool:
        return any((self.out / table / f"crawl_date={self.date}").glob("*.parquet"))

    def query(self, sql: str) -> list[tuple]:
        """SQL with `{articles}` `{quotes}` `{citations}` `{rejects}` standing for the date's tables."""
        import duckdb

        for table in ("articles", "quotes", "citations", "rejects"):
            sql = sql.replace("{" + table + "}", self.where(table))
        return duckdb.sql(sql).fetchall()

    @property
    def manifest(self) -> dict:
        path = self.out / "_manifests" / f"crawl_date={self.date}" / "latest.json"
        assert path.is_file(), f"no manifest for {self.date}: {self.describe()}"
        return json.loads(path.read_text())

    @property
    def counts(self) -> dict:
        return self.manifest["counts"]

    def markers(self) -> set[str]:
        """The page markers found in the published article texts."""
        if not self.has("articles"):
            return set()
        found = self.query(f"SELECT unnest(regexp_extract_all(text, '{MARKER_PATTERN}')) FROM {{articles}}")
        return {row[0] for row in found}

    def rejects_of(self, path: Path) -> list[tuple[int, str, str]]:
        """(record_offset, reason, record_id) of the rejects read from one input file or folder."""
        rows = self.query("SELECT source_uri, record_offset, reason, record_id FROM {rejects} ORDER BY 2")
        key = str(path).rstrip("/")
        return [(o, r, i or "") for uri, o, r, i in rows if uri.rstrip("/") == key]

    def describe(self) -> str:
        r = self.result
        state = "killed at the deadline" if r.timed_out else f"exit {r.returncode}"
        return f"{state} after {r.seconds:.0f} s; stderr: {r.stderr.strip()[-1500:]}"

    def assert_published(self) -> None:
        assert self.result.returncode == 0, self.describe()
        assert "Traceback" not in self.result.stderr, self.result.stderr[-3000:]

    def assert_reconciles(self) -> None:
        """records = articles + rejects + skips, and the published rows are the manifest's counts."""
        counts = self.counts
        assert counts["records"] == counts["articles"] + counts["rejects"] + counts["skips"], counts
        assert sum(counts["rejects_by_reason"].values()) == counts["rejects"], counts
        assert sum(counts["skips_by_reason"].values()) == counts["skips"], counts
        tables = ("articles", "rejects", "quotes", "citations")
        rows = {t: self.query(f"SELECT count(*) FROM {{{t}}}")[0][0] if self.has(t) else 0 for t in tables}
        assert rows == {t: counts[t] for t in tables}, "published rows differ from the manifest's counts"

    def assert_reject_offsets_unique(self) -> None:
        repeated = self.query(
            "SELECT source_uri, record_offset, list(reason) FROM {rejects} GROUP BY ALL HAVING count(*) > 1"
        )
        assert not repeated, f"(source_uri, record_offset) repeated in rejects: {repeated[:5]}"


def newsetl_run(
    out: Path,
    date: str,
    *inputs: Path | str,
    extra: tuple[str, ...] = (),
    workers: str = "2",
    deadline: float = 420.0,
) -> Published:
    """`newsetl run` over `inputs` into `out` for `date`, with a deadline."""
    args = ["run", "--output", str(out), "--date", date, "--workers", workers, *extra]
    for path in inputs:
        args += ["--input", str(path)]
    return Published(out, date, run_cli(*args, deadline=deadline))
