"""One bare trafilatura loop as a fresh process, as the CLI runs: imports in, caches cold.

    .venv/bin/python benchmarks/_bare_runner.py --dump DIR --config meta|text|pipeline

Reads the dump's WARC.gz files (standard library), decodes every response payload with the
pipeline's decoder (the same string for every configuration) and extracts it; prints one JSON
line: counts, import / read+decode / extraction seconds and per-document extraction times.
Whole-process wall time is measured by the caller (benchmarks/throughput.py).
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402  (the clock starts before the imports it measures)
import json  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from _bench_pack import marker, read_pages  # noqa: E402
from _common import decode  # noqa: E402

Extractor = Callable[[str, str], str | None]
_COPY = re.compile(r"/bench-copy-(\d+)$")

CONFIGS = {
    "meta": "trafilatura.extract(html, url=url, with_metadata=True)",
    "text": "trafilatura.extract(html, url=url)",
    "pipeline": "trafilatura.bare_extraction(html, url=url, **the pipeline's options) -> .text",
}


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


def extractor(config: str) -> tuple[Extractor, str]:
    import trafilatura

    if config == "meta":
        return (lambda html, url: trafilatura.extract(html, url=url, with_metadata=True)), CONFIGS[config]
    if config == "text":
        return (lambda html, url: trafilatura.extract(html, url=url)), CONFIGS[config]
    options, origin = pipeline_trafilatura_options()

    def as_pipeline(html: str, url: str) -> str | None:
        document = trafilatura.bare_extraction(html, url=url, **options)
        return document.text if document is not None else None

    label = ", ".join(f"{k}={v!r}" for k, v in options.items())
    return as_pipeline, f"bare_extraction({label}) [{origin}]"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=Path, required=True, help="directory of the dump's WARC.gz files")
    ap.add_argument("--config", choices=sorted(CONFIGS), required=True)
    args = ap.parse_args()

    extract, label = extractor(args.config)
    imported = time.perf_counter()
    per_doc: list[float] = []
    decode_seconds = 0.0
    empty = kept = 0
    for url, payload, content_type in read_pages(args.dump):
        mark = time.perf_counter()
        html = decode(payload, content_type)
        started = time.perf_counter()
        text = extract(html, url) or ""
        per_doc.append(time.perf_counter() - started)
        decode_seconds += started - mark
        empty += not text.strip()
        copy = _COPY.search(url)
        kept += bool(copy) and marker(int(copy.group(1))) in text
    ended = time.perf_counter()
    extract_seconds = sum(per_doc)
    result = {
        "config": args.config,
        "label": label,
        "docs": len(per_doc),
        "empty": empty,
        "marker_kept": kept,
        "import_seconds": imported - _STARTED,
        "loop_seconds": ended - imported,
        "decode_seconds": decode_seconds,
        "extract_seconds": extract_seconds,
        "median_ms": 1000 * statistics.median(per_doc) if per_doc else float("nan"),
        "mean_ms": 1000 * extract_seconds / len(per_doc) if per_doc else float("nan"),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
