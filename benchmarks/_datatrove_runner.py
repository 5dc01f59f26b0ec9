"""datatrove's `WarcReader -> Trafilatura -> ParquetWriter` over a dump, in datatrove's own venv.

    benchmarks/.work/datatrove-venv/bin/python benchmarks/_datatrove_runner.py \
        --input DIR --output DIR --logs DIR --tasks N --workers N [--timeout S]

Run by benchmarks/throughput.py as a subprocess with the interpreter of a throwaway virtual
environment holding datatrove (never a project dependency). Only the standard library and
datatrove are imported here. datatrove runs as many tasks at once as `--workers` allows, and a
task reads the files `files[rank::tasks]` of the input folder: two cores need two tasks over
at least two files (`--workers 2` with one task changes nothing).
"""

from __future__ import annotations

import argparse
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True, help="folder of WARC.gz files")
    ap.add_argument("--output", required=True, help="folder for the Parquet files")
    ap.add_argument("--logs", required=True, help="datatrove's logging folder (stats.json lands here)")
    ap.add_argument("--tasks", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=1.0, help="Trafilatura's per-document timeout (s)")
    args = ap.parse_args()

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import ParquetWriter

    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(args.input, glob_pattern="*.warc.gz"),
            Trafilatura(timeout=args.timeout),
            ParquetWriter(args.output),
        ],
        tasks=args.tasks,
        workers=args.workers,
        logging_dir=args.logs,
        skip_completed=False,
    )
    executor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
