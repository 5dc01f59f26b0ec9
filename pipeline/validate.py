"""Validation of a run's staged rows (before publish) and of a published partition.

The suites are `expectations/<table>.json` (GX Core 1.x); thresholds come
from `expectations/thresholds.json` with per-run overrides and fill the
suites' `$PARAMETER` values. Each table's row expectations run on one staged
shard file at a time; the cross-shard checks (ids unique across shards) and
cross-table checks (every quote/citation has its article, spans within the
article's text, quote text is the article's slice) run on frames DuckDB
builds over the files (see `pipeline.validation.frames`); the run-level
checks (reject rate, articles > 0, rows staged == rows counted) run on a
one-row frame of counts. Results go to `<result_dir>/validation.json` and a
GX Data Docs site in `<result_dir>/data_docs/`.

Importing this module is cheap: GX is imported only when validating.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb
import fsspec
from fsspec.implementations.local import LocalFileSystem

from pipeline.schema import TABLES
from pipeline.thresholds import expectations_dir, load_thresholds
from pipeline.validation import frames as fr
from pipeline.validation import report
from pipeline.validation import suites as su

__all__ = ["load_thresholds", "validate_partition", "validate_staged", "warm_up"]

log = logging.getLogger(__name__)

RESULT_FILE = "validation.json"
DOCS_DIR = "data_docs"


def warm_up() -> None:
    """Import GX ahead of time, e.g. in a thread while the shards are processed.

    The import alone takes seconds, more than validating a small run; done in
    the background it overlaps with extraction instead of adding to the run.
    """
    from pipeline.validation.gx_runner import import_gx

    import_gx()


def validate_staged(staging_dir: str, counts: dict, thresholds: dict, result_dir: str) -> dict:
    """Validate a run's staged files `<staging_dir>/<table>/<shard_key>.parquet` against its counts.

    `counts` are the run's totals: records, articles, rejects, skips ({reason: n}),
    quotes, citations (a missing one is taken from the staged files). Returns
    {"success", "failures" (one line per failed expectation), "result_path",
    "docs_path", "seconds"}.
    """
    fs, root = fr.open_root(staging_dir)
    files = fr.list_files(fs, {table: f"{root}/{table}" for table in TABLES})
    return _validate(fs, files, counts, thresholds, result_dir, subject=staging_dir)


def validate_partition(output: str, crawl_date: str, thresholds: dict, result_dir: str) -> dict:
    """Validate the published partition `<output>/<table>/crawl_date=<D>/*.parquet`.

    Run-level counts come from `<output>/_manifests/crawl_date=<D>/latest.json`
    (its `counts`, or its top-level keys) when present; without a manifest the
    counts are those of the files, so only the reject rate remains a run check.
    """
    fs, root = fr.open_root(output)
    date = str(crawl_date)
    files = fr.list_files(fs, {table: f"{root}/{table}/crawl_date={date}" for table in TABLES})
    manifest_path = f"{root}/_manifests/crawl_date={date}/latest.json"
    counts: dict[str, Any] = {}
    problems: list[str] = []
    if fs.exists(manifest_path):
        manifest = json.loads(fs.cat_file(manifest_path))
        counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else manifest
    if not any(files.values()) and not counts:
        problems.append(
            f"partition[crawl_date={date}] exists: no published files and no manifest under {output}"
        )
    return _validate(
        fs, files, counts, thresholds, result_dir, subject=f"{output} crawl_date={date}", problems=problems
    )


@dataclass
class _Outcome:
    """What a validation found, as it goes."""

    failures: list[str] = field(default_factory=list)
    validations: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def check_failed(self, name: str, where: str, detail: str) -> None:
        self.failures.append(f"{where} {name}: {detail}")
        self.checks.append({"check": name, "where": where, "detail": detail})


def _validate(
    fs: fsspec.AbstractFileSystem,
    files: dict[str, list[fr.ShardFile]],
    counts: dict[str, Any],
    thresholds: dict[str, Any],
    result_dir: str,
    subject: str,
    problems: list[str] | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    log.info("validating %s with thresholds %s", subject, json.dumps(thresholds, sort_keys=True))
    outcome = _Outcome(failures=list(problems or []))
    out_fs, out_root = fr.open_root(result_dir)
    local = isinstance(out_fs, LocalFileSystem)
    with tempfile.TemporaryDirectory(prefix="newsetl-validation-") as tmp:
        local_dir = out_root if local else tmp
        if local:
            out_fs.makedirs(local_dir, exist_ok=True)
        runner = _make_runner(
            f"{local_dir}/{DOCS_DIR}", thresholds, run_name=out_root.rsplit("/", 1)[-1], outcome=outcome
        )
        builder = fr.FrameBuilder(fs, files)
        try:
            _run_all(runner, builder, fs, files, counts, outcome)
        finally:
            builder.close()
        mark = time.perf_counter()
        runner.build_docs()
        outcome.timings["docs"] = time.perf_counter() - mark
        success = not outcome.failures
        seconds = time.perf_counter() - started
        outcome.timings["total"] = seconds
        _write_document(local_dir, subject, success, thresholds, counts, outcome)
        if not local:
            out_fs.put(f"{tmp}/", out_root, recursive=True)
    _log_outcome(subject, success, seconds, outcome.failures, result_dir)
    return {
        "success": success,
        "failures": outcome.failures,
        "result_path": f"{result_dir.rstrip('/')}/{RESULT_FILE}",
        "docs_path": f"{result_dir.rstrip('/')}/{DOCS_DIR}/index.html",
        "seconds": round(seconds, 3),
    }


def _write_document(
    local_dir: str,
    subject: str,
    success: bool,
    thresholds: dict[str, Any],
    counts: dict[str, Any],
    outcome: _Outcome,
) -> None:
    document = {
        "subject": subject,
        "success": success,
        "thresholds": thresholds,
        "counts": counts,
        "failures": outcome.failures,
        "checks": outcome.checks,
        "validations": outcome.validations,
        "seconds": {k: round(v, 3) for k, v in outcome.timings.items()},
    }
    with open(f"{local_dir}/{RESULT_FILE}", "w") as fh:
        json.dump(document, fh, indent=1, default=str)


def _log_outcome(subject: str, success: bool, seconds: float, failures: list[str], result_dir: str) -> None:
    for line in failures:
        log.info("failed: %s", line)
    if success:
        log.info("validation of %s passed in %.2f s", subject, seconds)
    else:
        log.warning(
            "validation of %s FAILED (%d failed expectations or checks) in %.2f s; results in %s",
            subject,
            len(failures),
            seconds,
            result_dir,
        )


def _make_runner(docs_dir: str, thresholds: dict[str, Any], run_name: str, outcome: _Outcome) -> Any:
    from pipeline.validation.gx_runner import GxRunner

    mark = time.perf_counter()
    runner = GxRunner(
        docs_dir,
        parameters=su.parameters(thresholds),
        failing_values_shown=int(thresholds.get("failing_values_shown", 5)),
        run_name=run_name or "validation",
    )
    outcome.timings["gx_setup"] = time.perf_counter() - mark
    return runner


def _run_all(
    runner: Any,
    builder: fr.FrameBuilder,
    fs: fsspec.AbstractFileSystem,
    files: dict[str, list[fr.ShardFile]],
    counts: dict[str, Any],
    outcome: _Outcome,
) -> None:
    suites = su.load(expectations_dir())
    mark = time.perf_counter()
    try:
        builder.build_article_index()
    except duckdb.Error as exc:
        outcome.check_failed("article_index", "articles[all-shards]", f"cannot index the articles: {exc}")
        builder.con.sql("CREATE OR REPLACE TEMP TABLE article_index (article_id VARCHAR, text_length BIGINT)")
    for table, parts in suites.items():
        rows = [p for p in parts if p.frame == su.ROWS]
        for shard in files.get(table, []):
            frame = _rows_frame(builder, fs, shard, outcome)
            for part in rows:
                if frame is not None:
                    _check(runner, part, frame, shard.shard, outcome)
    outcome.timings["shards"] = time.perf_counter() - mark
    mark = time.perf_counter()
    for table, parts in suites.items():
        for part in (p for p in parts if p.frame == su.DUPLICATES):
            try:
                frame = builder.duplicates(table, part.keys)
            except duckdb.Error as exc:
                outcome.check_failed("cross_shard_read", f"{part.name}[all-shards]", str(exc))
                continue
            _check(runner, part, frame, "all-shards", outcome)
    run = fr.run_frame(counts, builder.row_counts())
    outcome.timings["cross_shard"] = time.perf_counter() - mark
    for parts in suites.values():
        for part in (p for p in parts if p.frame == su.RUN):
            _check(runner, part, run, "run", outcome)


def _rows_frame(
    builder: fr.FrameBuilder, fs: fsspec.AbstractFileSystem, shard: fr.ShardFile, outcome: _Outcome
) -> Any:
    """One shard file with derived columns; the file as is when its schema is broken; None if unreadable."""
    where = f"{shard.table}[{shard.shard}]"
    try:
        differences = fr.schema_differences(fs, shard)
    except Exception as exc:  # any unreadable footer is a failed check, not a crash
        outcome.check_failed("parquet_readable", where, str(exc))
        return None
    if differences:
        outcome.check_failed(f"parquet_schema_matches({shard.table})", where, "; ".join(differences))
    try:
        return builder.rows(shard)
    except duckdb.Error as exc:
        if not differences:
            outcome.check_failed("derived_columns", where, str(exc).splitlines()[0])
    try:
        return builder.raw_rows(shard)
    except duckdb.Error as exc:
        outcome.check_failed("parquet_readable", where, str(exc).splitlines()[0])
        return None


def _check(runner: Any, part: su.SubSuite, table: Any, batch: str, outcome: _Outcome) -> None:
    from pipeline.validation.gx_runner import to_pandas

    result = runner.validate(part, to_pandas(table))
    runner.keep_for_docs(part, batch, result)
    outcome.validations.append(report.summarize(result, part.name, batch))
    outcome.failures.extend(report.describe(r, part.name, batch) for r in result.results if not r.success)
