"""The real-data gate, measured: a full `newsetl run` over every real corpus the project can reach.

    .venv/bin/python benchmarks/real_corpora.py [--corpus NAME ...] [--workers N] [--shards 2]

Each corpus is packed as a crawl (WARC.gz files with a warcinfo record, then a request and a
response record per page, the URL of the annotation as WARC-Target-URI; packing by
`benchmarks/_bench_pack.py`'s functions) and run once by `throughput.newsetl_once`. Printed per
corpus: exit code, records, articles, rejects by reason, skips, wall time and peak RSS of the run's
process tree.

Corpora (read from outside the project, never copied into it):
  trafilatura-eval  /work/shared/corpora/trafilatura-eval   html/<id>.html.gz + ground-truth.json
  aeb               /tmp/aeb (scrapinghub article-extraction-benchmark, same layout)
  readability       /tmp/readability/test/test-pages/<name>/source.html (mozilla/readability;
                    no URLs there: each page gets https://readability.test/<name>/)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _bench_pack import WARC_DATE, _record_id, page_records, warc_record
from _common import WORK, Corpus, load_corpus, print_table
from _proctree import ProcessRun
from throughput import mib, newsetl_once

CORPORA = {
    "trafilatura-eval": Path(os.environ.get("NEWSETL_CORPORA", "/work/shared/corpora")) / "trafilatura-eval",
    "aeb": Path("/tmp/aeb"),
    "readability": Path("/tmp/readability/test/test-pages"),
}


@dataclass(frozen=True, slots=True)
class LoosePage:
    """A page stored as a plain file (readability's test pages); duck-types `_common.Page`."""

    id: str
    url: str | None
    path: Path

    def raw(self) -> bytes:
        return self.path.read_bytes()


def load(name: str, path: Path) -> Corpus:
    """A corpus by name: the html/ + ground-truth.json layout, or readability's test-pages folders."""
    if (path / "ground-truth.json").is_file():
        return load_corpus(path)
    pages = [
        LoosePage(folder.name, f"https://readability.test/{folder.name}/", folder / "source.html")
        for folder in sorted(path.iterdir())
        if (folder / "source.html").is_file()
    ]
    if not pages:
        raise SystemExit(f"{path}: no <name>/source.html pages")
    return Corpus(name, "body", pages)  # type: ignore[arg-type]


def available(names: Iterable[str]) -> dict[str, Path]:
    found = {}
    for name in names:
        path = CORPORA[name]
        if path.is_dir():
            found[name] = path
        else:
            print(f"{name}: {path} not found, skipped (see benchmarks/README.md)")
    return found


def warcinfo(label: str, index: int) -> bytes:
    info = f"software: newsetl benchmarks\r\nformat: WARC/1.0\r\nshard: {label}-{index}\r\n".encode()
    headers = {"WARC-Record-ID": _record_id("info", label, index), "WARC-Date": WARC_DATE}
    return warc_record("warcinfo", info, "application/warc-fields", headers)


def pack_as_crawl(corpus: Corpus, folder: Path, shards: int) -> Path:
    """The corpus pages as they are (no copies, no changes) in `shards` WARC.gz files."""
    done = folder / "_complete"
    if done.is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in range(shards):
        with open(folder / f"crawl-{index:02d}.warc.gz", "wb") as out:
            out.write(warcinfo(corpus.name, index))
            for serial, page in enumerate(corpus.pages[index::shards]):
                url = page.url or f"https://corpus.invalid/{page.id}"
                out.write(page_records(url, page.raw(), serial * shards + index))
    done.write_text(json.dumps({"pages": len(corpus.pages), "shards": shards}))
    return folder


def summary_row(name: str, pages: int, result: ProcessRun, counts: dict[str, Any]) -> list[Any]:
    rejects = ", ".join(f"{k} {v}" for k, v in counts.get("rejects_by_reason", {}).items()) or "-"
    skips = ", ".join(f"{k} {v}" for k, v in counts.get("skips_by_reason", {}).items()) or "-"
    return [
        name,
        pages,
        result.returncode,
        counts.get("records", "-"),
        counts.get("articles", "-"),
        f"{counts.get('rejects', '-')} ({rejects})",
        f"{counts.get('skips', '-')} ({skips})",
        f"{result.seconds:.0f} s",
        mib(result.peak_rss),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: every corpus found")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--shards", type=int, default=2, help="WARC.gz files per corpus")
    ap.add_argument("--work-dir", type=Path, default=WORK / "real_corpora")
    args = ap.parse_args(argv)

    rows, failed = [], 0
    for name, path in available(args.corpus or list(CORPORA)).items():
        corpus = load(name, path)
        crawl = pack_as_crawl(corpus, args.work_dir / f"{name}-{args.shards}", args.shards)
        print(
            f"{name}: {len(corpus.pages)} pages from {path}, packed in {crawl}; running newsetl ...",
            flush=True,
        )
        args.work_dir.mkdir(parents=True, exist_ok=True)
        result, outcome = newsetl_once(crawl, args.workers, args.work_dir)
        if result.returncode != 0:
            failed += 1
            print(f"{name}: exit {result.returncode}\n{result.stderr_tail}")
        rows.append(summary_row(name, len(corpus.pages), result, outcome["counts"]))
    headers = ["corpus", "pages", "exit", "records", "articles", "rejects (by reason)", "skips (by reason)"]
    print_table(
        [*headers, "wall", "peak RSS"], rows, f"newsetl run --workers {args.workers}, one run per corpus"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
