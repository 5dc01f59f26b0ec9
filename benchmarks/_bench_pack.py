"""The benchmark dumps: corpus pages cycled into WARC.gz files, every copy made unique.

Each copy gets a unique URL (`.../bench-copy-N`) and a unique ASCII sentence inside its
article text, so neither URL nor content-hash dedup can skip it. Records are WARC/1.0, one
gzip member each: a `warcinfo`, then per page a `request` and a `response`. Every response
carries `WARC-Identified-Payload-Type: text/html`, as Common Crawl's do: datatrove's
WarcReader drops a response without that header unless libmagic sniffs the payload as HTML.

`read_pages` reads such a file back with the standard library only (the bare loops use it,
so they pay for reading the same file as the other contestants).
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _common import Corpus, decode

WARC_DATE = "2025-01-01T06:00:00Z"
# Bumped whenever the packed bytes change, so stale dumps in the work dir are rebuilt.
PACK_FORMAT = 2


_P_BLOCK = re.compile(rb"<p(?:\s[^>]*)?>(.{0,20000}?)</p\s*>", re.IGNORECASE | re.DOTALL)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def marker(copy: int) -> str:
    return f"benchcopy{copy:07d}"


def unique_sentence(copy: int) -> bytes:
    # ASCII only, so it is valid in any ASCII-compatible page encoding.
    return (
        f"This is benchmark copy number {copy} with tag {marker(copy)} added for throughput tests. ".encode()
    )


_ASCII_RUN = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}")


def _in_text_node(body: bytes, at: int) -> bool:
    """True when `at` is in visible text: not inside a tag, a script, a style or a comment."""
    if body.rfind(b"<", 0, at) > body.rfind(b">", 0, at):
        return False
    lowered = body[max(0, at - 200_000) : at].lower()
    return all(
        lowered.rfind(open_) <= lowered.rfind(close)
        for open_, close in ((b"<script", b"</script"), (b"<style", b"</style"), (b"<!--", b"-->"))
    )


def anchor(body: bytes) -> int | None:
    """Byte offset inside the article text: where a 4+ word ASCII run of one of the longest
    extracted paragraphs occurs in a visible text node of the raw page."""
    import trafilatura

    text = trafilatura.extract(decode(body, "text/html"), include_comments=False, favor_precision=True) or ""
    for line in sorted(text.splitlines(), key=len, reverse=True)[:10]:
        for run in _ASCII_RUN.findall(line)[:10]:
            needle = re.compile(rb"\s+".join(re.escape(w.encode()) for w in run.split()))
            for match in needle.finditer(body):
                if _in_text_node(body, match.start()):
                    return match.start()
    return None


def mutate(body: bytes, copy: int, at: int | None) -> bytes:
    """Insert the copy's sentence at `at`, else at the start of the page's longest <p>."""
    if at is None:
        best = max(_P_BLOCK.finditer(body), key=lambda m: m.end(1) - m.start(1), default=None)
        if best is not None:
            at = best.start(1)
    if at is None:
        end = _BODY_END.search(body)
        return body[: end.start() if end else len(body)] + b"<p>" + unique_sentence(copy) + b"</p>"
    return body[:at] + unique_sentence(copy) + body[at:]


def copy_url(url: str | None, page_id: str, copy: int) -> str:
    if not url:
        return f"https://bench.invalid/{page_id}/copy-{copy}"
    parts = urlsplit(url)
    path = parts.path.rstrip("/") + f"/bench-copy-{copy}"
    return urlunsplit((parts.scheme or "https", parts.netloc or "bench.invalid", path, parts.query, ""))


@functools.cache
def _raw_and_anchor(path: Path) -> tuple[bytes, int | None]:
    # cached across packs: finding the anchor runs trafilatura once per distinct page
    with gzip.open(path, "rb") as f:
        raw = f.read()
    return raw, anchor(raw)


def bench_pages(corpus: Corpus, count: int) -> Iterator[tuple[str, bytes]]:
    """(url, body) for `count` pages: the corpus cycled, every copy made unique."""
    for copy in range(count):
        page = corpus.pages[copy % len(corpus.pages)]
        raw, at = _raw_and_anchor(page.path)
        yield copy_url(page.url, page.id, copy), mutate(raw, copy, at)


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _record_id(*parts: object) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(map(str, parts)))}>"


def warc_record(kind: str, block: bytes, content_type: str, headers: dict[str, str]) -> bytes:
    """One WARC/1.0 record as its own gzip member."""
    lines = ["WARC/1.0", f"WARC-Type: {kind}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines += [
        f"Content-Type: {content_type}",
        f"WARC-Block-Digest: {_digest(block)}",
        f"Content-Length: {len(block)}",
    ]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return gzip.compress(raw, compresslevel=6, mtime=0)


def page_records(url: str, body: bytes, serial: int) -> bytes:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: newsetl-benchmark/1.0\r\n"
        "Accept: text/html\r\n\r\n"
    ).encode()
    response = (
        f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    req_id, resp_id = _record_id("request", url, serial), _record_id("response", url, serial)
    common = {"WARC-Date": WARC_DATE, "WARC-Target-URI": url}
    out = warc_record(
        "request",
        request,
        "application/http; msgtype=request",
        {"WARC-Record-ID": req_id, **common, "WARC-Concurrent-To": resp_id},
    )
    out += warc_record(
        "response",
        response,
        "application/http; msgtype=response",
        {
            "WARC-Record-ID": resp_id,
            **common,
            "WARC-Payload-Digest": _digest(body),
            # as Common Crawl writes it; without it datatrove's WarcReader asks libmagic
            "WARC-Identified-Payload-Type": "text/html",
        },
    )
    return out


def pack(corpus: Corpus, count: int, shards: int, directory: Path) -> Path:
    """Write `count` pages over `shards` WARC.gz files in `directory` (reused when complete)."""
    done = directory / "_complete"
    if done.is_file() and json.loads(done.read_text()).get("format") == PACK_FORMAT:
        return directory
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    files = [open(directory / f"shard-{i:03d}.warc.gz", "wb") for i in range(shards)]  # noqa: SIM115
    try:
        for i, f in enumerate(files):
            info = (
                f"software: newsetl benchmarks/throughput.py\r\nformat: WARC/1.0\r\nshard: {i}\r\n".encode()
            )
            f.write(
                warc_record(
                    "warcinfo",
                    info,
                    "application/warc-fields",
                    {"WARC-Record-ID": _record_id("info", directory.name, i), "WARC-Date": WARC_DATE},
                )
            )
        for serial, (url, body) in enumerate(bench_pages(corpus, count)):
            files[serial % shards].write(page_records(url, body, serial))
    finally:
        for f in files:
            f.close()
    done.write_text(
        json.dumps({"pages": count, "shards": shards, "corpus": corpus.name, "format": PACK_FORMAT})
    )
    return directory


def dump_input(directory: Path) -> Path:
    """What `--input` gets: the single WARC.gz, or the directory of shards."""
    files = sorted(directory.glob("*.warc.gz"))
    return files[0] if len(files) == 1 else directory


def dir_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("*.warc.gz"))


def warc_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.warc.gz"))


def read_pages(directory: Path) -> Iterator[tuple[str, bytes, str | None]]:
    """(url, payload, HTTP Content-Type) of every response record in the dump's files, in order.
    Only for dumps packed here: no damage handling."""
    for path in warc_files(directory):
        with gzip.open(path, "rb") as f:  # reads the concatenated members as one stream
            while line := f.readline():
                if not line.startswith(b"WARC/"):
                    continue
                headers: dict[str, str] = {}
                while (line := f.readline()) not in (b"\r\n", b"\n", b""):
                    key, _, value = line.decode("utf-8", "replace").partition(":")
                    headers[key.strip().lower()] = value.strip()
                block = f.read(int(headers.get("content-length", "0")))
                if headers.get("warc-type") != "response":
                    continue
                head, _, payload = block.partition(b"\r\n\r\n")
                content_type = None
                for field_line in head.split(b"\r\n")[1:]:
                    name, _, value = field_line.partition(b":")
                    if name.strip().lower() == b"content-type":
                        content_type = value.strip().decode("latin-1")
                yield headers.get("warc-target-uri", ""), payload, content_type


def decoded_pages(directory: Path) -> Iterator[tuple[str, str]]:
    """(url, html) with the pipeline's decoder: the string every bare configuration gets."""
    for url, payload, content_type in read_pages(directory):
        yield url, decode(payload, content_type)
