"""What validation costs a run: seconds in the validate step, its share of the run, `_validation` bytes.

    .venv/bin/python benchmarks/validation_cost.py [--corpus DIR] [--pages 20,1000] [--workers 2]
                                                   [--repeat 1] [--data-docs]

For each page count, packs that many corpus pages into one WARC.gz (the same packing as
benchmarks/throughput.py: every copy unique, so none is a duplicate skip), runs `newsetl run`
in a fresh process and prints:

- wall: the whole command, start-up included;
- validate: the wall time of the run's validate phase (as the CLI records it next to the run
  report; older builds: `validation.seconds` of the manifest), which includes any wait for the
  Great Expectations import that runs in the background while the shards are processed, and its
  share of the wall time; and the CPU seconds of the validation itself (`validation.json`);
- the split of that time as `validation.json` records it (`seconds`);
- `_validation`: bytes written under OUT/_validation for the run;
- `newsetl validate` on the published date (a fresh process: it pays the GX import), and on a
  date never run (it should fail at once, before importing GX).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _bench_pack import dump_input, pack
from _common import ROOT, WORK, load_corpus, median, print_table
from throughput import CRAWL_DATE

NEWSETL = ROOT / ".venv" / "bin" / "newsetl"
DEFAULT_CORPUS = "/work/shared/corpora/trafilatura-eval"


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    return time.perf_counter() - started, result


def one_run(inputs: Path, workers: int, scratch: Path, data_docs: bool) -> dict[str, Any]:
    out = scratch / f"out-{os.getpid()}-{time.monotonic_ns()}"
    command = [str(NEWSETL), "run", "--input", str(inputs), "--output", str(out), "--date", CRAWL_DATE]
    command += ["--workers", str(workers)]
    env = dict(os.environ)
    if data_docs:
        env["NEWSETL_DATA_DOCS"] = "1"  # the same as `--data-docs`, also understood by older builds' env
        command.append("--data-docs")
    wall, result = timed(command, env)
    if result.returncode not in (0, 3):
        raise SystemExit(f"newsetl run failed ({result.returncode}):\n{result.stderr[-2000:]}")
    manifest_path = out / "_manifests" / f"crawl_date={CRAWL_DATE}" / "latest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    validation = manifest.get("validation", {})
    found = sorted((out / "_validation" / f"crawl_date={CRAWL_DATE}").glob("*/validation.json"))
    result_path = Path(validation.get("result_path") or (found[0] if found else "/nonexistent"))
    document = json.loads(result_path.read_text()) if result_path.is_file() else {}
    split = document.get("seconds", {})
    # The wall time the run spent in its validate phase (the CLI records its phases next to the
    # report): it includes waiting for the validator's GX import, which validation.json cannot see.
    run_id = result_path.parent.name
    phases_path = out / "_reports" / f"crawl_date={CRAWL_DATE}" / f"{run_id}.json"
    phases = json.loads(phases_path.read_text()).get("phases", {}) if phases_path.is_file() else {}
    if "validate" in phases:
        validation = {"seconds": phases["validate"]}
    elif not validation:  # older builds: a blocked run has no manifest; validation.json has the figures
        validation = {"seconds": split.get("total", 0.0)}
    revalidate, _ = timed([str(NEWSETL), "validate", "--output", str(out), "--date", CRAWL_DATE])
    never, never_result = timed([str(NEWSETL), "validate", "--output", str(out), "--date", "1999-01-01"])
    row = {
        "wall": wall,
        "articles": manifest.get("counts", document.get("counts", {})).get("articles", 0),
        "status": "published" if result.returncode == 0 else "BLOCKED",
        "validate": float(validation.get("seconds") or 0.0),
        "cpu": float(split.get("cpu") or 0.0),
        "split": split,
        "validation_bytes": tree_bytes(out / "_validation") // 2,  # the run's and the re-validation's
        "run_validation_bytes": tree_bytes(result_path.parent) if result_path.is_file() else 0,
        "revalidate": revalidate,
        "never_run": never,
        "never_run_message": (never_result.stderr.strip().splitlines() or [""])[-1],
    }
    shutil.rmtree(out, ignore_errors=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", default=DEFAULT_CORPUS, help="dir with html/<id>.html.gz and ground-truth.json"
    )
    ap.add_argument("--pages", default="20,1000", help="comma-separated page counts, one run each")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--repeat", type=int, default=1, help="runs per page count; medians are printed")
    ap.add_argument("--data-docs", action="store_true", help="also build GX Data Docs (opt-in)")
    ap.add_argument("--work-dir", type=Path, default=WORK / "validation_cost")
    args = ap.parse_args(argv)

    corpus = load_corpus(args.corpus)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    rows, splits = [], []
    for pages in (int(p) for p in args.pages.split(",")):
        dump = pack(corpus, pages, 1, args.work_dir / "dumps" / f"{corpus.name}-{pages}")
        runs = [
            one_run(dump_input(dump), args.workers, args.work_dir, args.data_docs) for _ in range(args.repeat)
        ]
        wall = median([r["wall"] for r in runs])
        validate = median([r["validate"] for r in runs])
        rows.append(
            [
                pages,
                runs[-1]["articles"],
                runs[-1]["status"],
                wall,
                validate,
                median([r["cpu"] for r in runs]),
                f"{100 * validate / wall:.1f} %",
                f"{runs[-1]['run_validation_bytes'] / 1024:.0f} KiB",
                median([r["revalidate"] for r in runs]),
                median([r["never_run"] for r in runs]),
            ]
        )
        splits.append((pages, runs[-1]["split"], runs[-1]["never_run_message"]))
    print(f"corpus {args.corpus}; workers {args.workers}; repeats {args.repeat}; cores {os.cpu_count()}")
    print_table(
        [
            "pages",
            "articles",
            "run",
            "run wall s",
            "validate s",
            "its CPU s",
            "share",
            "_validation",
            "`validate` s",
            "never-run s",
        ],
        rows,
        "Validation cost per run (validate s = the run's validate step, wall; its CPU s = CPU of the "
        "validation itself after any wait for the GX import; `validate` = re-validation in a fresh "
        "process; never-run = `newsetl validate` on a date never run)",
    )
    for pages, split, message in splits:
        print(f"{pages} pages: validation.json seconds {json.dumps(split)}")
        print(f"{pages} pages: never-run message: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
