"""Throughput and memory: bare trafilatura loops, datatrove and `newsetl run` on the same pages.

    .venv/bin/python benchmarks/throughput.py --corpus DIR [--pages 1000 [10000 ...]] [--repeat 3]
                                              [--workers 2] [--shards 1] [--rows newsetl-1,...]

Every measurement is a whole fresh process (interpreter start, imports, reading the WARC.gz,
the work, writing), timed from start to exit while its process tree is sampled (peak RSS, CPU):

- bare loops (benchmarks/_bare_runner.py): `trafilatura.extract(html, url=url, with_metadata=True)`
  (the reference), the same without metadata, and the pipeline's own trafilatura settings;
- datatrove 0.10.1 `WarcReader -> Trafilatura -> ParquetWriter` (benchmarks/_datatrove_runner.py,
  in its own throwaway venv under benchmarks/.work/, created with uv when missing), 1 task and
  `--workers` tasks over as many files;
- `newsetl run --workers 1` and `--workers N`.

Prints one table per dump size (medians of `--repeat` runs), the manifest's step timings, and
the peak-RSS growth from 1,000 pages (`--growth-from`) to the largest size measured (results of each size
are kept in the work dir, so sizes may be measured by separate invocations).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from _bench_pack import dir_size, dump_input, pack
from _common import ROOT, WORK, decoder_name, load_corpus, median, print_table
from _proctree import ProcessRun, run_process

CRAWL_DATE = "2025-01-01"
NEWSETL = ROOT / ".venv" / "bin" / "newsetl"
HERE = Path(__file__).resolve().parent
DATATROVE_VENV = WORK / "datatrove-venv"
# What the throwaway venv holds: datatrove's WARC reader and Parquet writer ([io]) and the
# project's trafilatura, so both extract with the same library. datatrove's [processing]
# extra pins trafilatura < 1.12, hence trafilatura named on its own.
DATATROVE_REQUIREMENTS = ("datatrove[io]==0.10.1", "trafilatura==2.3.1")

BARE_META = "bare: extract, with metadata"
BARE_TEXT = "bare: extract, no metadata"
BARE_PIPELINE = "bare: pipeline settings"
BARE_CONFIGS = {BARE_META: "meta", BARE_TEXT: "text", BARE_PIPELINE: "pipeline"}
# --rows keys; N = --workers
ROW_KEYS = ("bare-meta", "bare-text", "bare-pipeline", "datatrove-1", "datatrove-N", "newsetl-1", "newsetl-N")
PER_RECORD_STEPS = ("extract", "segment", "quotes", "citations")

# targets of issue 15, shown beside the figures
TARGET_X_BARE = 1.0
TARGET_X_DATATROVE = 1.0
TARGET_SCALING_PER_WORKER = 1.85 / 2  # 2 workers >= 1.85x one worker
TARGET_RSS_GROWTH = 0.10


def datatrove_name(tasks: int) -> str:
    return f"datatrove, {tasks} task{'s' if tasks > 1 else ''}"


def newsetl_name(workers: int) -> str:
    return f"newsetl run, {workers} worker{'s' if workers > 1 else ''}"


@dataclass
class Measurement:
    """The runs of one row at one dump size."""

    name: str
    pages: int
    workers: int  # cores it is meant to use
    runs: list[ProcessRun] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)  # per run: what the process reported
    loads: list[tuple[float, float]] = field(
        default_factory=list
    )  # 1-minute load average before/after each run

    @property
    def ok_runs(self) -> list[ProcessRun]:
        return [r for r in self.runs if r.returncode == 0]

    @property
    def wall(self) -> float:
        return median([r.seconds for r in self.ok_runs])

    @property
    def rate(self) -> float:
        return self.pages / self.wall if self.ok_runs else float("nan")

    def summary(self) -> dict[str, Any]:
        ok = self.ok_runs
        return {
            "name": self.name,
            "pages": self.pages,
            "workers": self.workers,
            "runs": len(self.runs),
            "failed": len(self.runs) - len(ok),
            "wall": self.wall,
            "walls": [r.seconds for r in ok],
            "rate": self.rate,
            "peak_rss": median([r.peak_rss for r in ok]),
            "peak_parent_rss": median([r.peak_parent_rss for r in ok]),
            "peak_others_rss": median([r.peak_others_rss for r in ok]),
            "peak_procs": max((r.peak_procs for r in ok), default=0),
            "hwm_sum": median([r.hwm_sum for r in ok]),
            "cpu": median([r.cpu_seconds for r in ok]),
            "cpus": [r.cpu_seconds for r in ok],
            "parent_cpu": median([r.parent_cpu for r in ok]),
            "others_cpu": median([r.others_cpu for r in ok]),
            "loads": self.loads,
            "repeat": len(self.runs),
            "details": self.details,
        }


def load1() -> float:
    return os.getloadavg()[0]


def measure_all(
    plan: list[tuple[Measurement, Callable[[], tuple[ProcessRun, dict[str, Any]]]]], repeat: int
) -> None:
    """Round robin: each repeat runs every contestant once, so a change in the shared
    machine's load falls on all of them rather than on one."""
    for i in range(repeat):
        for m, once in plan:
            before = load1()
            run, details = once()
            m.loads.append((before, load1()))
            if run.returncode != 0:
                print(f"  {m.name} run {i + 1}: exit {run.returncode}\n{run.stderr_tail}")
            m.runs.append(run)
            m.details.append(details)
            print(
                f"  [{i + 1}/{repeat}] {m.name} ({m.pages} pages): {run.seconds:.1f} s, load {before:.1f}",
                flush=True,
            )


# --- the contestants ----------------------------------------------------------------------------


def bare_once(dump: Path, config: str, scratch: Path) -> tuple[ProcessRun, dict[str, Any]]:
    log = scratch / f"bare-{config}.log"
    command = [sys.executable, str(HERE / "_bare_runner.py"), "--dump", str(dump), "--config", config]
    run = run_process(command, ROOT, log)
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.startswith("{")]
    return run, json.loads(lines[-1]) if lines else {}


def ensure_datatrove_venv(venv: Path) -> Path | None:
    """The venv's interpreter, created with uv when missing; None when that fails."""
    python = venv / "bin" / "python"
    if python.exists():
        return python
    print(f"creating {venv} with uv: {' '.join(DATATROVE_REQUIREMENTS)}", flush=True)
    uv = shutil.which("uv")
    if uv is None:
        print("  uv not found: datatrove rows skipped")
        return None
    try:
        subprocess.run([uv, "venv", "--python", "3.11", str(venv)], check=True, capture_output=True)
        subprocess.run(
            # compiled at install, as the project's venv is (`make venv`): with PYTHONDONTWRITEBYTECODE
            # set, an uncompiled venv would compile its imports in every process
            [uv, "pip", "install", "--compile-bytecode", "--python", str(python), *DATATROVE_REQUIREMENTS],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as err:
        print(f"  could not set up datatrove ({err.stderr.decode(errors='replace')[-500:]}): rows skipped")
        return None
    return python


def parquet_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(path).metadata.num_rows for path in folder.rglob("*.parquet"))


def datatrove_stats(logs: Path) -> dict[str, int]:
    """Counters of datatrove's Trafilatura step from the run's stats.json."""
    path = logs / "stats.json"
    if not path.is_file():
        return {}
    for step in json.loads(path.read_text()):
        if "Trafilatura" in step.get("name", ""):
            stats = step.get("stats", {})
            return {
                k: int(v["total"] if isinstance(v, dict) else v)
                for k, v in stats.items()
                if isinstance(v, int | float) or (isinstance(v, dict) and "total" in v and k != "doc_len")
            }
    return {}


def datatrove_once(
    python: Path, dump: Path, tasks: int, timeout: float, scratch: Path
) -> tuple[ProcessRun, dict[str, Any]]:
    out = scratch / f"datatrove-{os.getpid()}-{time.monotonic_ns()}"
    command = [str(python), str(HERE / "_datatrove_runner.py"), "--input", str(dump)]
    command += ["--output", str(out / "parquet"), "--logs", str(out / "logs")]
    command += ["--tasks", str(tasks), "--workers", str(tasks), "--timeout", str(timeout)]
    out.mkdir(parents=True)
    run = run_process(command, HERE, scratch / f"datatrove-{tasks}.log")
    details = {"rows": parquet_rows(out / "parquet"), "stats": datatrove_stats(out / "logs")}
    shutil.rmtree(out, ignore_errors=True)
    return run, details


def newsetl_once(inputs: Path, workers: int, scratch: Path) -> tuple[ProcessRun, dict[str, Any]]:
    out = scratch / f"newsetl-{os.getpid()}-{time.monotonic_ns()}"
    command = [str(NEWSETL), "run", "--input", str(inputs), "--output", str(out)]
    command += ["--date", CRAWL_DATE, "--workers", str(workers)]
    run = run_process(command, ROOT, scratch / f"newsetl-{workers}.log")
    manifest_path = out / "_manifests" / f"crawl_date={CRAWL_DATE}" / "latest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    shutil.rmtree(out, ignore_errors=True)
    return run, {"counts": manifest.get("counts", {}), "validation": manifest.get("validation", {})}


# --- one dump size ------------------------------------------------------------------------------


def measure_size(args: argparse.Namespace, corpus: Any, pages: int) -> list[Measurement]:
    scratch = args.work_dir / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    dumps = {
        n: pack(corpus, pages, n, args.work_dir / f"{corpus.name}-{n}-{pages}")
        for n in sorted({1, args.shards, args.workers})
    }
    for n, d in dumps.items():
        print(f"dump {d}: {pages} pages in {n} WARC.gz ({dir_size(d) / 2**20:.0f} MiB gzipped)")
    plan: list[tuple[Measurement, Callable[[], tuple[ProcessRun, dict[str, Any]]]]] = []
    wanted = set(args.rows)
    counts = sorted({1, args.workers})

    def chosen(kind: str) -> list[int]:
        return [n for n in counts if f"{kind}-{'1' if n == 1 else 'N'}" in wanted]

    for name, config in BARE_CONFIGS.items():
        if f"bare-{config}" in wanted:
            plan.append((Measurement(name, pages, 1), partial(bare_once, dumps[1], config, scratch)))
    if chosen("datatrove") and (python := ensure_datatrove_venv(args.datatrove_venv)):
        for tasks in chosen("datatrove"):
            once = partial(datatrove_once, python, dumps[tasks], tasks, args.datatrove_timeout, scratch)
            plan.append((Measurement(datatrove_name(tasks), pages, tasks), once))
    if chosen("newsetl"):
        if not NEWSETL.exists():
            print(f"{NEWSETL} missing: newsetl rows skipped (make venv)")
        else:
            inputs = dump_input(dumps[args.shards])
            for workers in chosen("newsetl"):
                plan.append(
                    (
                        Measurement(newsetl_name(workers), pages, workers),
                        partial(newsetl_once, inputs, workers, scratch),
                    )
                )
    measure_all(plan, args.repeat)
    return [m for m, _ in plan]


# --- reporting ----------------------------------------------------------------------------------


def mib(n: float) -> str:
    return "n/a" if n != n else f"{n / 2**20:.0f} MiB"


def times(x: float) -> str:
    return "n/a" if x != x else f"{x:.2f}x"


def ok_or_miss(value: float, target: float) -> str:
    return "ok" if value >= target else "MISS"


Row = dict[str, Any]  # a Measurement's summary(), as saved


def x_datatrove(row: Row, named: dict[str, Row]) -> float:
    """docs/s per core of the row / docs/s per core of datatrove on as many cores (else on one)."""
    same = None if row["name"].startswith("datatrove") else named.get(datatrove_name(row["workers"]))
    ref = same or named.get(datatrove_name(1))
    if ref is None:
        return float("nan")
    return (row["rate"] / row["workers"]) / (ref["rate"] / ref["workers"])


def targets(row: Row, named: dict[str, Row]) -> str:
    bare = named.get(BARE_META)
    one = named.get(newsetl_name(1))
    if row["name"] == newsetl_name(1):
        marks = []
        if bare:
            x = row["rate"] / bare["rate"]
            marks.append(f">={TARGET_X_BARE:.1f}x bare: {ok_or_miss(x, TARGET_X_BARE)}")
        xd = x_datatrove(row, named)
        if xd == xd:
            marks.append(f">={TARGET_X_DATATROVE:.1f}x dt/core: {ok_or_miss(xd, TARGET_X_DATATROVE)}")
        return "; ".join(marks)
    if row["name"].startswith("newsetl") and one is not None and row["workers"] > 1:
        goal = TARGET_SCALING_PER_WORKER * row["workers"]
        scale = row["rate"] / one["rate"]
        return f">={goal:.2f}x 1 worker: {scale:.2f}x {ok_or_miss(scale, goal)}"
    if row["name"].startswith("datatrove") and row["workers"] > 1 and (d1 := named.get(datatrove_name(1))):
        return f"({row['rate'] / d1['rate']:.2f}x 1 task)"
    return ""


def print_main_table(rows: list[Row], title: str) -> None:
    rows = [r for r in rows if r["runs"] > r["failed"]]
    named = {r["name"]: r for r in rows}
    bare = named.get(BARE_META)
    table = [
        [
            r["name"],
            r["pages"],
            r["workers"],
            r["repeat"],
            r["wall"],
            f"{r['rate']:.1f}",
            times(r["rate"] / bare["rate"]) if bare else "n/a",
            times(x_datatrove(r, named)),
            mib(r["peak_rss"]),
            f"{r['cpu'] / r['wall']:.2f}",
            f"{r['pages'] / r['cpu']:.1f}",
            times((r["pages"] / r["cpu"]) / (bare["pages"] / bare["cpu"])) if bare else "n/a",
            targets(r, named),
        ]
        for r in rows
    ]
    headers = ["measurement", "pages", "cores", "runs", "wall s", "docs/s", "x bare+meta", "x datatrove/core"]
    headers += ["peak RSS", "CPU/wall", "docs/CPU-s", "x bare+meta CPU", "targets"]
    print_table(headers, table, title)


def print_detail_table(rows: list[Measurement]) -> None:
    table = []
    for m in rows:
        last = m.details[-1] if m.details else {}
        ok = m.ok_runs
        if "config" in last:  # bare loop
            inside = f"{last['median_ms']:.1f} / {last['mean_ms']:.1f}"
            check = f"{last['docs'] - last['empty']} non-empty, marker {last['marker_kept']}/{last['docs']}"
            extra = f"imports {last['import_seconds']:.1f} s, decode {last['decode_seconds']:.1f} s"
        elif "rows" in last:  # datatrove
            stats = last.get("stats", {})
            inside = ""
            check = f"{last['rows']} parquet rows"
            extra = ", ".join(
                f"{k} {v}"
                for k, v in stats.items()
                if k in ("extracted", "dropped", "timeout", "clean_error", "broken_process")
            )
        else:  # newsetl
            counts = last.get("counts", {})
            steps = counts.get("timings", {})
            records = counts.get("articles", 0) + counts.get("rejects", 0)
            inside = (
                f"extract {1000 * steps['extract'] / records:.1f}" if records and "extract" in steps else ""
            )
            check = f"{counts.get('articles', '?')} articles, {counts.get('rejects', '?')} rejects"
            extra = f"process {counts.get('process_seconds', '?')} s"
        table.append(
            [
                m.name,
                " / ".join(f"{r.seconds:.1f}" for r in m.runs),
                median([r.cpu_seconds for r in ok]),
                f"{median([r.parent_cpu for r in ok]):.1f} / {median([r.others_cpu for r in ok]):.1f}",
                f"{mib(median([r.peak_parent_rss for r in ok]))} / {mib(median([r.peak_others_rss for r in ok]))}",
                max((r.peak_procs for r in ok), default=0),
                inside,
                check,
                extra,
                f"{median([a for a, _ in m.loads]):.1f} -> {median([b for _, b in m.loads]):.1f}",
            ]
        )
    print_table(
        [
            "measurement",
            "wall s (runs)",
            "CPU s",
            "CPU parent/others",
            "RSS parent/others",
            "procs",
            "ms/doc inside",
            "output",
            "notes",
            "load1",
        ],
        table,
        "Details (CPU = user+system of the process tree; ms/doc inside = bare: median / mean of the "
        "extraction call; newsetl: the workers' extract step per record; last run's output)",
    )


def print_step_timings(rows: list[Row]) -> None:
    table = []
    for r in rows:
        if not r["name"].startswith("newsetl") or not r["details"] or not r["walls"]:
            continue
        counts = r["details"][-1].get("counts", {})
        steps = counts.get("timings", {})
        if not steps:
            continue
        total = steps.get("total") or sum(steps.get(s, 0.0) for s in PER_RECORD_STEPS)
        named = {s: steps.get(s, 0.0) for s in PER_RECORD_STEPS}
        named["other in-record"] = max(0.0, total - sum(named.values()))
        seconds = r["details"][-1].get("validation", {}).get("seconds")
        validation = seconds.get("total", float("nan")) if isinstance(seconds, dict) else seconds
        wall = r["walls"][-1]
        row = [f"{r['name']}, {r['pages']} pages"]
        row += [f"{v:.1f} ({100 * v / total:.0f} %)" if total else "n/a" for v in named.values()]
        row += [total, counts.get("process_seconds", float("nan")), validation or float("nan"), wall]
        table.append(row)
    if table:
        print_table(
            ["run", *PER_RECORD_STEPS, "other in-record", "records total", "process", "validation", "wall"],
            table,
            "newsetl manifest step timings, seconds (last run; per-record steps summed over records in "
            "the workers; process = reading to staged shards; validation = GX)",
        )


def commit_of_worktree() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return head.stdout.strip()


def load_rows(path: Path) -> list[Row]:
    """The saved rows of one size; rows of the first format take their run's fields from the file."""
    data = json.loads(path.read_text())
    common = {k: data[k] for k in ("when", "commit") if k in data}
    return [common | {"repeat": data.get("repeat", row.get("runs"))} | row for row in data["rows"]]


def save(
    rows: list[Measurement], args: argparse.Namespace, corpus_name: str, pages: int, run: Row
) -> list[Row]:
    """Merge this invocation's rows into the size's results file (a row measured again replaces
    the saved one); returns every saved row of that size, in the contestants' order."""
    path = args.work_dir / f"results-{corpus_name}-{pages}.json"
    saved = load_rows(path) if path.is_file() else []
    fresh = {m.name: m.summary() | run for m in rows}
    merged = {r["name"]: r for r in saved} | fresh
    order = [
        *BARE_CONFIGS,
        *(datatrove_name(n) for n in range(1, 65)),
        *(newsetl_name(n) for n in range(1, 65)),
    ]
    ordered = sorted(
        merged.values(), key=lambda r: order.index(r["name"]) if r["name"] in order else len(order)
    )
    path.write_text(json.dumps({"pages": pages, "rows": ordered}, indent=1, default=str))
    print(f"\nresults saved to {path}")
    return ordered


def print_rss_growth(work_dir: Path, corpus_name: str, growth_from: int) -> None:
    """Peak RSS of the largest size measured against `growth_from` pages (the issue's 1,000; the
    smallest size saved when that one was not measured): the sampled tree peak, and the sum of the
    processes' own peaks (VmHWM), which a short spike between two samples cannot escape."""
    saved = {}
    for path in work_dir.glob(f"results-{corpus_name}-*.json"):
        data = json.loads(path.read_text())
        saved[data["pages"]] = {"pages": data["pages"], "rows": load_rows(path)}
    if len(saved) < 2:
        return
    small = saved.get(growth_from) or saved[min(saved)]
    large = saved[max(saved)]
    if small is large:
        return
    before = {r["name"]: r for r in small["rows"]}
    whens = sorted({r.get("when", "?") for r in small["rows"] + large["rows"]})
    table = []
    for row in large["rows"]:
        old = before.get(row["name"])
        if old is None or not all(r["runs"] > r["failed"] and r["peak_rss"] > 0 for r in (old, row)):
            continue  # a row measured at one size only, or whose runs all failed
        growth = row["peak_rss"] / old["peak_rss"] - 1
        mark = f"< {TARGET_RSS_GROWTH:.0%}: {'ok' if growth < TARGET_RSS_GROWTH else 'MISS'}"
        hwm_before, hwm_after = old.get("hwm_sum") or 0, row.get("hwm_sum") or 0
        hwm_growth = f"{100 * (hwm_after / hwm_before - 1):+.1f} %" if hwm_before and hwm_after else "n/a"
        table.append(
            [
                row["name"],
                mib(old["peak_rss"]),
                mib(row["peak_rss"]),
                f"{100 * growth:+.1f} %",
                mib(hwm_before) if hwm_before else "n/a",
                mib(hwm_after) if hwm_after else "n/a",
                hwm_growth,
                mark if row["name"].startswith("newsetl") else "",
            ]
        )
    print_table(
        [
            "measurement",
            f"peak RSS {small['pages']}",
            f"peak RSS {large['pages']}",
            "growth",
            f"sum of VmHWM {small['pages']}",
            f"sum of VmHWM {large['pages']}",
            "growth",
            "target",
        ],
        table,
        f"Peak RSS growth, {small['pages']} -> {large['pages']} pages (medians; measured {whens[0]} .. {whens[-1]})",
    )


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    cores = len(os.sched_getaffinity(0))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="dir with html/<id>.html.gz and ground-truth.json")
    ap.add_argument("--pages", type=int, nargs="+", default=[1000], help="dump sizes (the corpus cycled)")
    ap.add_argument("--workers", type=int, default=cores, help=f"the many-core rows (default: {cores} cores)")
    ap.add_argument("--shards", type=int, default=1, help="WARC.gz files newsetl's input is spread over")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are printed")
    ap.add_argument("--work-dir", type=Path, default=WORK / "throughput")
    ap.add_argument(
        "--growth-from",
        type=int,
        default=1000,
        help="size the peak-RSS growth is measured from (default 1000)",
    )
    ap.add_argument("--datatrove-venv", type=Path, default=DATATROVE_VENV)
    ap.add_argument(
        "--datatrove-timeout",
        type=float,
        default=10.0,
        help="datatrove Trafilatura per-document timeout, s (its default 1 s drops pages on a busy host)",
    )
    ap.add_argument(
        "--rows",
        type=lambda text: [r.strip() for r in text.split(",") if r.strip()],
        default=list(ROW_KEYS),
        help=f"which contestants, comma-separated (default: all): {','.join(ROW_KEYS)}",
    )
    ap.add_argument("--report-only", action="store_true", help="print the saved results of every size")
    args = ap.parse_args(argv)
    if unknown := set(args.rows) - set(ROW_KEYS):
        ap.error(f"unknown --rows {','.join(sorted(unknown))}; choose from {','.join(ROW_KEYS)}")
    args.work_dir = args.work_dir.resolve()
    args.datatrove_venv = args.datatrove_venv.resolve()
    if args.report_only:
        for path in sorted(
            args.work_dir.glob("results-*.json"), key=lambda p: json.loads(p.read_text())["pages"]
        ):
            rows = load_rows(path)
            print_main_table(rows, f"{path.name} (saved; `runs` per row)")
            print_step_timings(rows)
        for corpus_name in sorted({p.name.split("-")[1] for p in args.work_dir.glob("results-*.json")}):
            print_rss_growth(args.work_dir, corpus_name, args.growth_from)
        return 0

    corpus = load_corpus(args.corpus)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    print(f"corpus {args.corpus}: {len(corpus.pages)} distinct pages; decoder: {decoder_name()}")
    print(f"cores available: {cores}; repeats: {args.repeat}; shared machine: figures are noisy")
    for pages in args.pages:
        start, commit = uptime(), commit_of_worktree()
        print(f"\n== {pages} pages; commit {commit}; start: {start}", flush=True)
        rows = measure_size(args, corpus, pages)
        end = uptime()
        print(f"end: {end}")
        when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        run = {"when": when, "commit": commit, "uptime_start": start, "uptime_end": end}
        print_main_table(
            [m.summary() | run for m in rows],
            f"Throughput, {pages} pages (whole processes; medians of {args.repeat}; "
            "docs/s = response records / wall s)",
        )
        print_detail_table(rows)
        print_step_timings([m.summary() for m in rows])
        saved = save(rows, args, corpus.name, pages, run)
        if len(saved) > len(rows):
            print_main_table(
                saved,
                f"Throughput, {pages} pages: every saved row (`runs` each; some from other invocations)",
            )
    print_rss_growth(args.work_dir, corpus.name, args.growth_from)
    return 0


if __name__ == "__main__":
    sys.exit(main())
