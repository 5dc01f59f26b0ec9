"""Throughput and memory: bare trafilatura loop vs `newsetl run` on the same pages.

    .venv/bin/python benchmarks/throughput.py --corpus DIR [--pages 1000] [--workers N]
                                              [--shards 4] [--repeat 3]

1. Packs --pages pages (corpus pages repeated; each copy gets a unique URL path and a unique
   sentence inside its longest <p>, so in-run dedup cannot skip it) into --shards WARC.gz files
   (WARC/1.0 warcinfo + request + response records, one gzip member per record), and a second
   set twice as large with the same shard count.
2. Measures (a) a bare loop of trafilatura over the same decoded strings, (b) `newsetl run
   --workers 1`, (c) `newsetl run --workers <cores>`, (d) (b) on the 2x dump; docs/s, the
   ratio (b)/(a), and the peak RSS of the pipeline's process tree (sampled every 0.2 s).
3. Prints the per-step timings of the run manifest when it has them.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from _common import ROOT, WORK, Corpus, decode, decoder_name, load_corpus, median, print_table

CRAWL_DATE = "2025-01-01"
WARC_DATE = "2025-01-01T06:00:00Z"
NEWSETL = ROOT / ".venv" / "bin" / "newsetl"
STEPS = (
    "read",
    "decode",
    "extract",
    "segment",
    "quotes",
    "citations",
    "write",
    "finalize",
    "validate",
    "publish",
)

# --- packing ------------------------------------------------------------------------------------
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


def bench_pages(corpus: Corpus, count: int) -> Iterator[tuple[str, bytes]]:
    """(url, body) for `count` pages: the corpus cycled, every copy made unique."""
    cache: dict[int, tuple[bytes, int | None]] = {}
    for copy in range(count):
        index = copy % len(corpus.pages)
        page = corpus.pages[index]
        if index not in cache:
            raw = page.raw()
            cache[index] = raw, anchor(raw)
        raw, at = cache[index]
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
        {"WARC-Record-ID": resp_id, **common, "WARC-Payload-Digest": _digest(body)},
    )
    return out


def pack(corpus: Corpus, count: int, shards: int, directory: Path) -> Path:
    """Write `count` pages over `shards` WARC.gz files in `directory` (reused when complete)."""
    done = directory / "_complete"
    if done.is_file():
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
    done.write_text(json.dumps({"pages": count, "shards": shards, "corpus": corpus.name}))
    return directory


def dump_input(directory: Path) -> Path:
    """What `--input` gets: the single WARC.gz, or the directory of shards."""
    files = sorted(directory.glob("*.warc.gz"))
    return files[0] if len(files) == 1 else directory


def dir_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("*.warc.gz"))


# --- (a) bare loop ------------------------------------------------------------------------------


def pipeline_trafilatura_options() -> tuple[dict[str, Any], str]:
    """The options newsetl passes to trafilatura: pipeline.extract.TRAFILATURA_OPTIONS when it
    exposes them, else a mirror of its bare_extraction() call (kept in step by hand)."""
    try:
        from pipeline import extract as ex
    except ImportError:
        ex = None
    options = getattr(ex, "TRAFILATURA_OPTIONS", None)
    if isinstance(options, dict):
        return dict(options), "pipeline.extract.TRAFILATURA_OPTIONS"
    mirror: dict[str, Any] = {
        "include_comments": False,
        "favor_precision": True,
        "include_links": True,
        "include_tables": True,
        "with_metadata": True,
        "deduplicate": False,
    }
    date_params = getattr(ex, "_DATE_PARAMS", None)
    if isinstance(date_params, dict):
        mirror["date_extraction_params"] = dict(date_params)
    return mirror, "mirror of pipeline/extract.py's bare_extraction() call"


@dataclass
class BareResult:
    seconds: float = 0.0
    decode_seconds: float = 0.0
    docs: int = 0
    empty: int = 0
    marker_kept: int = 0


def bare_loop(corpus: Corpus, count: int, extract: Callable[[str, str], str | None]) -> BareResult:
    """Time only the extraction call; the page is decoded just before, as the pipeline does."""
    result = BareResult()
    for copy, (url, body) in enumerate(bench_pages(corpus, count)):
        started = time.perf_counter()
        html = decode(body, "text/html")
        mid = time.perf_counter()
        text = extract(html, url) or ""
        result.seconds += time.perf_counter() - mid
        result.decode_seconds += mid - started
        result.docs += 1
        result.empty += not text.strip()
        result.marker_kept += marker(copy) in text
    return result


def cold_bare_loop(args: argparse.Namespace, name: str) -> BareResult:
    """One bare loop in a fresh interpreter, like each CLI run: no caches warmed by an earlier repeat."""
    command = [sys.executable, str(Path(__file__).resolve()), "--corpus", str(args.corpus)]
    command += ["--pages", str(args.pages), "--one-bare-loop", name]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return BareResult(**json.loads(output.strip().splitlines()[-1]))


def bare_extractors() -> dict[str, tuple[str, Callable[[str, str], str | None]]]:
    import trafilatura

    options, origin = pipeline_trafilatura_options()

    def as_pipeline(html: str, url: str) -> str | None:
        doc = trafilatura.bare_extraction(html, url=url, **options)
        return doc.text if doc is not None else None

    def default(html: str, url: str) -> str | None:
        return trafilatura.extract(html, url=url)

    label = ", ".join(f"{k}={v!r}" for k, v in options.items())
    return {
        "bare: pipeline settings": (f"bare_extraction({label}) [{origin}]", as_pipeline),
        "bare: default extract": ("trafilatura.extract(html, url) defaults, text only", default),
    }


# --- (b)/(c) the CLI, with an RSS sampler -------------------------------------------------------
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, pgrp, rss bytes) for every readable process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # comm may contain spaces
        table[int(entry.name)] = (int(fields[1]), int(fields[2]), int(fields[21]) * PAGE_SIZE)
    return table


def tree_rss(root: int) -> tuple[int, int, int]:
    """(summed RSS, process count, RSS of `root` alone) over `root`'s process group plus all
    its descendants."""
    table = _proc_table()
    members = {pid for pid, (_, pgrp, _) in table.items() if pgrp == root}
    members.add(root)
    grew = True
    while grew:
        before = len(members)
        members |= {pid for pid, (ppid, _, _) in table.items() if ppid in members}
        grew = len(members) > before
    alive = [pid for pid in members if pid in table]
    own = table[root][2] if root in table else 0
    return sum(table[pid][2] for pid in alive), len(alive), own


@dataclass
class RunResult:
    seconds: float
    returncode: int
    peak_rss: int
    peak_procs: int
    peak_parent: int
    peak_others: int
    manifest: dict[str, Any] | None
    stderr: str
    counts: dict[str, Any] = field(default_factory=dict)


def run_cli(inputs: Path, workers: int, scratch: Path) -> RunResult:
    out = scratch / f"out-{os.getpid()}-{time.monotonic_ns()}"
    cmd = [
        str(NEWSETL),
        "run",
        "--input",
        str(inputs),
        "--output",
        str(out),
        "--date",
        CRAWL_DATE,
        "--workers",
        str(workers),
    ]
    peak = [0, 0, 0, 0]  # tree sum, processes, parent alone, everything but the parent
    stop = threading.Event()
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, cwd=ROOT
    )

    def sample() -> None:
        while not stop.wait(0.2):
            rss, procs, own = tree_rss(proc.pid)
            for i, value in enumerate((rss, procs, own, rss - own)):
                peak[i] = max(peak[i], value)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    manifest_path = out / "_manifests" / f"crawl_date={CRAWL_DATE}" / "latest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else None
    shutil.rmtree(out, ignore_errors=True)
    return RunResult(seconds, proc.returncode, *peak, manifest, err.decode(errors="replace"))


def step_timings(manifest: dict[str, Any] | None) -> dict[str, float]:
    """Per-step seconds of the manifest: a `timings` dict at any depth, else the dict with the
    most known step names as keys."""
    best: dict[str, float] = {}

    def numbers(node: dict[str, Any]) -> dict[str, float]:
        return {
            k.removesuffix("_seconds"): float(v)
            for k, v in node.items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }

    def walk(node: Any) -> None:
        nonlocal best
        if isinstance(node, dict):
            if isinstance(node.get("timings"), dict) and numbers(node["timings"]):
                best = numbers(node["timings"]) | {"__named": 1.0}
            elif "__named" not in best:
                found = {k: v for k, v in numbers(node).items() if k in STEPS}
                if len(found) > len(best):
                    best = found
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(manifest)
    named = best.pop("__named", None) is not None
    return best if named or len(best) >= 2 else {}


# --- reporting ----------------------------------------------------------------------------------


HEADERS = [
    "measurement",
    "workers",
    "docs/s wall",
    "x bare",
    "docs/s processing",
    "x bare (proc)",
    "peak RSS",
    "parent",
    "others",
    "procs",
]


def process_seconds(manifest: dict[str, Any] | None) -> float | None:
    value = (manifest or {}).get("counts", {}).get("process_seconds")
    return float(value) if isinstance(value, int | float) and value > 0 else None


def mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    cores = len(os.sched_getaffinity(0))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="dir with html/<id>.html.gz and ground-truth.json")
    ap.add_argument("--pages", type=int, default=1000, help="pages in the dump (corpus repeated)")
    ap.add_argument(
        "--workers", type=int, default=cores, help=f"workers for run (c) (default: {cores} cores)"
    )
    ap.add_argument("--shards", type=int, default=1, help="WARC.gz files the pages are spread over")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are printed")
    ap.add_argument("--work-dir", type=Path, default=WORK / "throughput")
    ap.add_argument("--skip-cli", action="store_true", help="only pack and time the bare loop")
    ap.add_argument("--one-bare-loop", help=argparse.SUPPRESS)  # internal: one cold bare loop, JSON out
    args = ap.parse_args(argv)

    corpus = load_corpus(args.corpus)
    if args.one_bare_loop:
        result = bare_loop(corpus, args.pages, bare_extractors()[args.one_bare_loop][1])
        print(json.dumps(asdict(result)))
        return 0
    args.work_dir.mkdir(parents=True, exist_ok=True)
    tag = f"{corpus.name}-{args.shards}"
    dump = pack(corpus, args.pages, args.shards, args.work_dir / f"{tag}-{args.pages}")
    dump2 = pack(corpus, 2 * args.pages, args.shards, args.work_dir / f"{tag}-{2 * args.pages}")
    print(f"corpus {args.corpus}: {len(corpus.pages)} distinct pages; decoder: {decoder_name()}")
    print(f"dump   {dump}: {args.pages} pages in {args.shards} WARC.gz ({mib(dir_size(dump))} gzipped)")
    print(f"dump2x {dump2}: {2 * args.pages} pages ({mib(dir_size(dump2))} gzipped)")
    print(f"cores available: {cores}; repeats: {args.repeat}")

    rows: list[list[Any]] = []
    bare_rate: dict[str, float] = {}
    for name, (label, _extract) in bare_extractors().items():
        runs = [cold_bare_loop(args, name) for _ in range(args.repeat)]
        rate = median([r.docs / r.seconds for r in runs])
        bare_rate[name] = rate
        last = runs[-1]
        print(
            f"{name}: {label}; decode {1000 * last.decode_seconds / last.docs:.1f} ms/doc (not counted); "
            f"empty {last.empty}, unique sentence kept in {last.marker_kept}/{last.docs}"
        )
        rows.append([name, "1 (in-process)", rate, "", rate, "", "", "", "", ""])

    if args.skip_cli or not NEWSETL.exists():
        print_table(HEADERS, rows, "Throughput")
        print(f"\n(CLI runs skipped: {'--skip-cli' if args.skip_cli else f'{NEWSETL} missing'})")
        return 0

    base = bare_rate["bare: pipeline settings"]
    first: RunResult | None = None
    for name, inputs, pages, workers in (
        ("newsetl run", dump_input(dump), args.pages, 1),
        ("newsetl run", dump_input(dump), args.pages, args.workers),
        ("newsetl run, 2x dump", dump_input(dump2), 2 * args.pages, 1),
    ):
        runs = []
        for _ in range(args.repeat):
            r = run_cli(inputs, workers, args.work_dir)
            if r.returncode != 0:
                print(f"{name} --workers {workers}: exit {r.returncode}\n{r.stderr[-2000:]}")
            runs.append(r)
        first = first or runs[-1]
        rate = median([pages / r.seconds for r in runs])
        processing = [pages / p for r in runs if (p := process_seconds(r.manifest))]
        prate = median(processing) if processing else float("nan")
        rows.append(
            [
                f"{name} ({pages} pages)",
                workers,
                rate,
                f"{rate / base:.2f}x",
                prate,
                f"{prate / base:.2f}x",
                mib(median([r.peak_rss for r in runs])),
                mib(median([r.peak_parent for r in runs])),
                mib(median([r.peak_others for r in runs])),
                max(r.peak_procs for r in runs),
            ]
        )
    print_table(
        HEADERS,
        rows,
        "Throughput ('wall' includes start-up, validation and publish; 'processing' is the "
        "manifest's process_seconds; 'x bare' = rate / bare pipeline-settings rate)",
    )
    if first is not None:
        print_manifest(first.manifest, first.seconds, base)
    return 0


def print_manifest(manifest: dict[str, Any] | None, wall: float, bare_rate: float) -> None:
    if manifest is None:
        print("\nno manifest found (OUT/_manifests/crawl_date=D/latest.json)")
        return
    counts = manifest.get("counts", manifest)
    shown = {
        k: counts[k]
        for k in (
            "records",
            "articles",
            "rejects",
            "skips",
            "rejects_by_reason",
            "skips_by_reason",
            "worker_restarts",
            "process_seconds",
        )
        if k in counts
    }
    print("\nmanifest counts (workers=1 run): " + json.dumps(shown))
    steps = step_timings(manifest)
    if not steps:
        print("manifest has no per-step timings")
        return
    # a "total" entry is the per-record sum; the steps are shares of it, the remainder is "other"
    total = steps.pop("total", None) or sum(steps.values())
    if total > sum(steps.values()) + 1e-9:
        steps["other (in-worker, unnamed)"] = total - sum(steps.values())
    rows = [[k, v, f"{100 * v / total:.1f} %"] for k, v in sorted(steps.items(), key=lambda kv: -kv[1])]
    print_table(
        ["step", "seconds", "share"],
        rows,
        "Per-step time from the manifest (workers=1 run; seconds summed over records in the workers)",
    )
    process = counts.get("process_seconds")
    if isinstance(process, int | float):
        print(
            f"per-record steps total {total:.1f} s; shard processing {process:.1f} s of {wall:.1f} s wall "
            f"(outside the steps: reading, decoding, IPC, Parquet writing; after: finalize, validation, publish)"
        )
    records = counts.get("articles", 0) + counts.get("rejects", 0)
    if "extract" in steps and records:
        print(
            f"in-worker extract step: {1000 * steps['extract'] / records:.1f} ms per extracted record "
            f"(bare pipeline-settings loop: {1000 / bare_rate:.1f} ms/doc)"
        )


if __name__ == "__main__":
    sys.exit(main())
