"""A day-sized dump: `newsetl run` over 20,000+ records built from the real corpora, and over half of it.

    .venv/bin/python benchmarks/stress_dump.py [--pages 9000] [--shards 8] [--workers N] [--skip-half] [--build-only]

The dump (`benchmarks/.work/stress/<pages>-<shards>/`, reused when complete) is CC-NEWS-like:
`--shards` WARC.gz files, one gzip member per record, a warcinfo record first. Its pages are the
pages of every real corpus found (see `real_corpora.py`), cycled, each copy with its own URL and a
unique sentence in its article text (`_bench_pack.bench_pages`, imported), as request + response
records. Among them, at fixed intervals, every record type and damage the bundled sample has:

  re-crawls     every 20th page again in the next shard, text changed, WARC-Date 12 hours later
                (the later one must win, the earlier is a `duplicate` skip)
  metadata      every 10th page; revisit (identical payload) every 25th
  images        an image/jpeg response every 15th page; a 404 every 30th; a 301 redirect every 40th
  charsets      every 17th page re-encoded to windows-1252, every 23rd to ISO-8859-1, the HTTP
                header and any <meta charset> saying so
  damage        a gzip member with 64 zero bytes every 2,500th page, a Content-Length 5,000 bytes
                too long every 3,100th, one 1,000 bytes too short every 3,700th, a garbled
                `WARC/1.0` line every 4,300th, junk bytes between two members every 4,900th, and
                the last record of the last shard cut in half

The same dump with the first half of the pages (same shard count) shows whether memory grows with
the dump. Printed for both: records written by type, exit code, records read, articles, rejects
and skips by reason, wall time, processing time, and peak RSS of the process tree (sampled from
/proc every 0.2 s by `throughput.newsetl_once`).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from _bench_pack import WARC_DATE, _record_id, bench_pages, warc_record
from _common import WORK, Corpus, print_table
from real_corpora import CORPORA, available, load, warcinfo
from throughput import mib, newsetl_once

RECRAWL_DATE = "2025-01-01T18:00:00Z"
RESPONSE_TYPE = "application/http; msgtype=response"


# --- records --------------------------------------------------------------------------------------


def http(status: str, body: bytes, content_type: str, **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def response(url: str, block: bytes, serial: object, date: str = WARC_DATE) -> bytes:
    headers = {
        "WARC-Record-ID": _record_id("response", url, serial),
        "WARC-Date": date,
        "WARC-Target-URI": url,
    }
    return warc_record("response", block, RESPONSE_TYPE, headers)


def request(url: str, serial: object, date: str = WARC_DATE) -> bytes:
    parts = urlsplit(url)
    block = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()
    headers = {
        "WARC-Record-ID": _record_id("request", url, serial),
        "WARC-Date": date,
        "WARC-Target-URI": url,
    }
    return warc_record("request", block, "application/http; msgtype=request", headers)


def metadata(url: str, serial: int) -> bytes:
    block = f"fetchTimeMs: {100 + serial % 900}\r\noutlinks: {url}#comments\r\n".encode()
    headers = {
        "WARC-Record-ID": _record_id("metadata", url, serial),
        "WARC-Date": WARC_DATE,
        "WARC-Target-URI": url,
    }
    return warc_record("metadata", block, "application/warc-fields", headers)


def revisit(url: str, serial: int) -> bytes:
    block = http("200 OK", b"", "text/html")
    headers = {
        "WARC-Record-ID": _record_id("revisit", url, serial),
        "WARC-Date": RECRAWL_DATE,
        "WARC-Target-URI": url,
        "WARC-Profile": "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
        "WARC-Refers-To-Target-URI": url,
    }
    return warc_record("revisit", block, RESPONSE_TYPE, headers)


_META_CHARSET = re.compile(rb"(<meta[^>]+charset\s*=\s*[\"']?)([\w-]+)", re.IGNORECASE)


def legacy(body: bytes, charset: str) -> bytes | None:
    """The page re-encoded to a legacy charset (its <meta charset> changed to say so), or None when it
    is not UTF-8 to begin with."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    encoded = text.encode(charset, errors="xmlcharrefreplace")
    return _META_CHARSET.sub(lambda m: m.group(1) + charset.encode(), encoded)


def zero_run(member: bytes) -> bytes:
    middle = max(10, len(member) // 2 - 32)
    return member[:middle] + b"\0" * 64 + member[middle + 64 :]


def lie_about_length(member: bytes, delta: int) -> bytes:
    record = gzip.decompress(member)
    match = re.search(rb"\r\nContent-Length: (\d+)\r\n", record)
    assert match is not None
    lie = f"\r\nContent-Length: {max(0, int(match.group(1)) + delta)}\r\n".encode()
    return gzip.compress(record[: match.start()] + lie + record[match.end() :], mtime=0)


def garble_version(member: bytes) -> bytes:
    return gzip.compress(b"WARC/1.O" + gzip.decompress(member)[8:], mtime=0)


# --- the dump -------------------------------------------------------------------------------------


def page_group(url: str, body: bytes, n: int) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(records for the page's own shard, records for the next shard), each as (type label, member)."""
    here: list[tuple[str, bytes]] = []
    there: list[tuple[str, bytes]] = []
    content_type = "text/html"
    if n % 17 == 5 and (recoded := legacy(body, "windows-1252")) is not None:
        body, content_type = recoded, "text/html; charset=windows-1252"
    elif n % 23 == 7 and (recoded := legacy(body, "iso-8859-1")) is not None:
        body, content_type = recoded, "text/html; charset=ISO-8859-1"
    here.append(("request", request(url, n)))
    page = response(url, http("200 OK", body, content_type), n)
    if n % 2500 == 1249:
        page = zero_run(page)
        here.append(("response (corrupt gzip member)", page))
    elif n % 3100 == 1549:
        here.append(("response (Content-Length too long)", lie_about_length(page, 5000)))
    elif n % 3700 == 1849:
        here.append(("response (Content-Length too short)", lie_about_length(page, -1000)))
    elif n % 4300 == 2149:
        here.append(("response (garbled WARC/1.0 line)", garble_version(page)))
    else:
        here.append(("response (html)", page))
    if n % 4900 == 2449:
        here.append(("junk between members", os.urandom(1500)))
    if n % 10 == 3:
        here.append(("metadata", metadata(url, n)))
    if n % 25 == 11:
        here.append(("revisit", revisit(url, n)))
    if n % 15 == 4:
        image = url.rstrip("/") + "/photo.jpg"
        here += [
            ("request", request(image, n)),
            ("response (image)", response(image, http("200 OK", os.urandom(2000), "image/jpeg"), n)),
        ]
    if n % 30 == 8:
        gone = url.rstrip("/") + "-old"
        block = http("404 Not Found", b"<html><body>Not found</body></html>", "text/html")
        here += [("request", request(gone, n)), ("response (404)", response(gone, block, n))]
    if n % 40 == 13:
        moved = url.replace("https://", "http://", 1) if url.startswith("https://") else url + "?moved"
        block = http("301 Moved Permanently", b"", "text/html", Location=url)
        here += [("request", request(moved, n)), ("response (301)", response(moved, block, n))]
    if n % 20 == 9:
        changed = body.replace(
            b"added for throughput tests.", b"added for throughput tests. Updated later the same day.", 1
        )
        if changed == body:
            changed = body + b"<p>Updated later the same day with new details from the council.</p>"
        there += [("request (re-crawl)", request(url, f"{n}-again", RECRAWL_DATE))]
        there += [
            (
                "response (re-crawl, changed text)",
                response(url, http("200 OK", changed, content_type), f"{n}-again", RECRAWL_DATE),
            )
        ]
    return here, there


def mixed_corpus(names: list[str]) -> Corpus:
    pages: list[Any] = []
    for name, path in available(names).items():
        pages += load(name, path).pages
    if not pages:
        raise SystemExit("no corpus found (see benchmarks/README.md)")
    return Corpus("mixed", "body", pages)


def build(corpus: Corpus, pages: int, shards: int, folders: dict[int, Path]) -> dict[int, Counter[str]]:
    """Write the dump for each page count in `folders` (a prefix of the same page sequence) in one
    pass; returns the records written by type, per dump."""
    for folder in folders.values():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    written: dict[int, Counter[str]] = {size: Counter() for size in folders}
    tails: dict[tuple[int, int], tuple[str, bytes]] = {}  # (dump, shard) -> the last member written
    with contextlib.ExitStack() as stack:
        files = {
            size: [stack.enter_context(open(folder / f"news-{i:02d}.warc.gz", "wb")) for i in range(shards)]
            for size, folder in folders.items()
        }
        for size, handles in files.items():
            for i, handle in enumerate(handles):
                handle.write(warcinfo(f"stress-{size}", i))
                written[size]["warcinfo"] += 1
        for n, (url, body) in enumerate(bench_pages(corpus, pages)):
            here, there = page_group(url, body, n)
            for size, handles in files.items():
                if n >= size:
                    continue
                for group, shard in ((here, n % shards), (there, (n + 1) % shards)):
                    for label, member in group:
                        handles[shard].write(member)
                        written[size][label] += 1
                        tails[size, shard] = label, member
    for size, folder in folders.items():  # the last member of the last page's file, cut in half
        shard = (size - 1) % shards
        label, member = tails[size, shard]
        path = folder / f"news-{shard:02d}.warc.gz"
        with open(path, "r+b") as handle:
            handle.truncate(path.stat().st_size - len(member) // 2)
        written[size][label] -= 1
        written[size][f"{label} cut in half, last in its file"] += 1
        (folder / "_complete").write_text(json.dumps({"pages": size, "written": written[size]}))
    return written


def reuse(folder: Path) -> Counter[str] | None:
    done = folder / "_complete"
    return Counter(json.loads(done.read_text())["written"]) if done.is_file() else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=9000, help="pages in the full dump (about 2.3 records each)")
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: every corpus found")
    ap.add_argument("--skip-half", action="store_true", help="only the full dump")
    ap.add_argument("--build-only", action="store_true", help="write the dumps, run nothing")
    ap.add_argument("--work-dir", type=Path, default=WORK / "stress")
    args = ap.parse_args(argv)

    sizes = [args.pages] if args.skip_half else [args.pages // 2, args.pages]
    folders = {size: args.work_dir / f"{size}-{args.shards}" for size in sizes}
    written = {size: reuse(folder) for size, folder in folders.items()}
    if any(w is None for w in written.values()):
        corpus = mixed_corpus(args.corpus or list(CORPORA))
        print(
            f"building from {len(corpus.pages)} distinct pages: {', '.join(str(f) for f in folders.values())}",
            flush=True,
        )
        written = build(corpus, max(sizes), args.shards, folders)  # type: ignore[assignment]
    if args.build_only:
        return 0

    rows = []
    for size in sizes:
        folder, counts_written = folders[size], written[size]
        assert counts_written is not None
        records = sum(v for k, v in counts_written.items() if k != "junk between members")
        gz = sum(p.stat().st_size for p in folder.glob("*.warc.gz"))
        print(f"\ndump {folder}: {size} pages, {records} records in {args.shards} files ({mib(gz)} gzipped)")
        for label, n in sorted(counts_written.items()):
            print(f"    {label:<42} {n:>7}")
        print(f"running newsetl run --workers {args.workers} ...", flush=True)
        args.work_dir.mkdir(parents=True, exist_ok=True)
        result, outcome = newsetl_once(folder, args.workers, args.work_dir)
        if result.returncode != 0:
            print(f"exit {result.returncode}\n{result.stderr_tail}")
        counts = outcome["counts"]
        for key in ("rejects_by_reason", "skips_by_reason", "fixes"):
            print(f"    {key}: {json.dumps(counts.get(key, {}), sort_keys=True)}")
        rows.append(
            [
                f"{size} pages",
                records,
                result.returncode,
                counts.get("records", "-"),
                counts.get("articles", "-"),
                counts.get("rejects", "-"),
                counts.get("skips", "-"),
                f"{result.seconds:.0f} s",
                f"{counts.get('process_seconds', float('nan')):.0f} s",
                mib(result.peak_rss),
                mib(result.peak_parent_rss),
                mib(result.peak_others_rss),
                result.peak_procs,
            ]
        )
    headers = [
        "dump",
        "written",
        "exit",
        "records read",
        "articles",
        "rejects",
        "skips",
        "wall",
        "processing",
    ]
    print_table(
        [*headers, "peak RSS", "parent", "workers", "procs"], rows, "Stress dump (the machine may be shared)"
    )
    return 0 if all(r[2] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
