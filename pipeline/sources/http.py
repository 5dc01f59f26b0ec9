"""The HTTP response inside a WARC `response` record: status, headers, decoded body.

Lenient where crawls are sloppy (bare LF line ends, a missing reason phrase,
a body that claims an encoding it does not have) and bounded where input is
hostile: a compressed body is never inflated beyond the page size limit.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int | None
    headers: dict[str, str]  # lower-cased names; the last of repeated headers wins
    body: bytes
    oversized: bool  # the decoded body was cut at the size limit

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def parse_headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw in lines:
        name, sep, value = raw.partition(b":")
        if not sep or not name.strip():
            continue
        headers[name.strip().decode("latin-1").lower()] = value.strip().decode("latin-1")
    return headers


def parse_response(block: bytes, limit: int) -> HttpResponse | None:
    """The response in a record block, or None when the block holds no HTTP response head."""
    match = _STATUS_LINE.match(block)
    if match is None:
        return None
    end = _HEADER_END.search(block, 0, MAX_HEADER_BYTES)
    if end is None:
        return None
    lines = block[: end.start()].splitlines()
    headers = parse_headers(lines[1:])
    body = block[end.end() :]
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    body, oversized = _decode_content(body, headers.get("content-encoding", ""), limit)
    return HttpResponse(int(match.group(1)), headers, body, oversized)


def _dechunk(body: bytes) -> bytes:
    """Undo chunked transfer coding; a body that is not really chunked is returned as it is."""
    out = bytearray()
    position = 0
    while position < len(body):
        line_end = body.find(b"\n", position)
        if line_end < 0:
            return body
        size_text = body[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body
        if size == 0:
            return bytes(out)
        start = line_end + 1
        out += body[start : start + size]
        position = start + size
        if body[position : position + 2] == b"\r\n":
            position += 2
        elif body[position : position + 1] == b"\n":
            position += 1
    return bytes(out)


def _decode_content(body: bytes, encoding: str, limit: int) -> tuple[bytes, bool]:
    """Inflate a gzip/deflate/br/zstd body up to `limit` + 1 bytes; an undecodable body stays as it is."""
    coding = encoding.strip().lower()
    try:
        if coding in ("gzip", "x-gzip"):
            out = _inflate(body, 31, limit)
        elif coding == "deflate":
            try:
                out = _inflate(body, 15, limit)
            except zlib.error:  # many servers send raw deflate without the zlib wrapper
                out = _inflate(body, -15, limit)
        elif coding == "br":
            out = _brotli(body, limit)
        elif coding == "zstd":
            import zstandard

            out = zstandard.ZstdDecompressor().stream_reader(body).read(limit + 1)
        else:
            return body, False
    except Exception:  # a wrong Content-Encoding header; the body is usually already plain
        return body, False
    return out[: limit + 1], len(out) > limit


def _inflate(body: bytes, wbits: int, limit: int) -> bytes:
    decoder = zlib.decompressobj(wbits)
    return decoder.decompress(body, limit + 1)


def _brotli(body: bytes, limit: int) -> bytes:
    import brotli

    decoder = brotli.Decompressor()
    out = bytearray(decoder.process(body, output_buffer_limit=limit + 1))
    while len(out) <= limit and not decoder.is_finished() and not decoder.can_accept_more_data():
        out += decoder.process(b"", output_buffer_limit=limit + 1 - len(out))
    return bytes(out)
