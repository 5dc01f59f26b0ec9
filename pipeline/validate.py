"""Validation of a run's staged rows (before publish) and of a published partition.

The suites are `expectations/<table>.json` (GX Core 1.x); thresholds come
from `expectations/thresholds.json` with per-run overrides and fill the
suites' `$PARAMETER` values. Each table is validated once, on one slim frame
over all its shard files (`pipeline.validation.frames`: bulky columns cut down
to their derived checks, at most CHUNK_ROWS rows per frame); the cross-table
checks (every quote/citation has its article, spans within the article's text,
quote text is the article's slice) are derived columns of those frames; the
run-level checks (reject rate, articles > 0, rows staged == rows counted) run
once on a one-row frame of counts.

Each frame is validated with GX's cheapest result format; only expectations
that fail are run again for counts and examples, which are worded in plain
language (`pipeline.validation.plain`). Results go to
`<result_dir>/validation.json` (always; a few KB). GX Data Docs are built only
on request (`data_docs=True`, `newsetl run --data-docs` or NEWSETL_DATA_DOCS=1)
in `<result_dir>/data_docs/`; they load their styles from CDNs, so offline the
run report (`pipeline.report`) is the page to read.

Importing this module is cheap: GX is imported only when validating, or
ahead of time by `warm_up()` in a background thread while shards are processed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb
import fsspec
from fsspec.implementations.local import LocalFileSystem

from pipeline.schema import TABLES
from pipeline.thresholds import expectations_dir, load_thresholds
from pipeline.validation import frames as fr
from pipeline.validation import plain as pw
from pipeline.validation import report
from pipeline.validation import suites as su

__all__ = ["load_thresholds", "partition_exists", "validate_partition", "validate_staged", "warm_up"]

log = logging.getLogger(__name__)

RESULT_FILE = "validation.json"
DOCS_DIR = "data_docs"
DATA_DOCS_ENV = "NEWSETL_DATA_DOCS"

# GX keeps process-wide registries: one thread at a time works with it (a warm-up,
# then the validation, which waits for the warm-up to finish).
_GX_LOCK = threading.RLock()


def data_docs_requested() -> bool:
    return os.environ.get(DATA_DOCS_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def warm_up() -> None:
    """Import GX ahead of time: `pipeline.run.BackgroundValidator` does it in its niced process
    while the workers extract.

    The import takes seconds of CPU (about 4 s here, even with the unused parts
    deferred, see gx_runner.import_gx), more than validating a small run; in the
    background it overlaps with extraction instead of adding to the run. Running
    the suites once on empty frames as well was measured to save 0.1 s of the
    validation for 1.2 s more of warm-up: not done.
    """
    with _GX_LOCK:
        from pipeline.validation.gx_runner import import_gx

        import_gx()


def validate_staged(
    staging_dir: str, counts: dict, thresholds: dict, result_dir: str, data_docs: bool | None = None
) -> dict:
    """Validate a run's staged files `<staging_dir>/<table>/<shard_key>.parquet` against its counts.

    `counts` are the run's totals: records, articles, rejects, skips ({reason: n}),
    quotes, citations (a missing one is taken from the staged files). Returns
    {"success", "failures" (one plain sentence per failed check), "failed" (the
    failed expectations as records), "result_path", "docs_path" (with Data Docs),
    "seconds"}.
    """
    fs, root = fr.open_root(staging_dir)
    files = fr.list_files(fs, {table: f"{root}/{table}" for table in TABLES})
    return _validate(fs, files, counts, thresholds, result_dir, staging_dir, data_docs=data_docs)


def partition_exists(output: str, crawl_date: str) -> bool:
    """True when the date has a manifest or any published file (cheap: listings only, no GX)."""
    fs, root = fr.open_root(output)
    date = str(crawl_date)
    if fs.exists(f"{root}/_manifests/crawl_date={date}/latest.json"):
        return True
    return any(fs.glob(f"{root}/{table}/crawl_date={date}/*.parquet") for table in TABLES)


def validate_partition(
    output: str, crawl_date: str, thresholds: dict, result_dir: str, data_docs: bool | None = None
) -> dict:
    """Validate the published date: the files its manifest pins (as `newsetl query` reads them), else
    the partition folders `<output>/<table>/crawl_date=<D>/*.parquet`.

    Run-level counts come from `<output>/_manifests/crawl_date=<D>/latest.json`
    (its `counts`, or its top-level keys) when present; without a manifest the
    counts are those of the files, so only the reject rate remains a run check.
    A date with neither files nor manifest fails at once, without starting GX.
    """
    fs, root = fr.open_root(output)
    date = str(crawl_date)
    files = fr.list_files(fs, {table: f"{root}/{table}/crawl_date={date}" for table in TABLES})
    manifest_path = f"{root}/_manifests/crawl_date={date}/latest.json"
    counts: dict[str, Any] = {}
    if fs.exists(manifest_path):
        manifest = json.loads(fs.cat_file(manifest_path))
        counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else manifest
        pinned = manifest.get("files")
        if isinstance(pinned, dict) and pinned:  # the files the manifest names, as readers see the date
            files = {table: fr.pinned_files(fs, root, table, pinned.get(table) or []) for table in TABLES}
    subject = f"{output} crawl_date={date}"
    if not any(files.values()) and not counts:
        problem = f"nothing published for crawl_date={date} under {output}: no manifest and no table files"
        outcome = _Outcome(failures=[problem])
        outcome.checks.append({"check": "partition_exists", "where": subject, "detail": problem})
        return _finish(result_dir, subject, thresholds, counts, outcome, time.perf_counter(), None)
    return _validate(fs, files, counts, thresholds, result_dir, subject, data_docs=data_docs)


@dataclass
class _Outcome:
    """What a validation found, as it goes."""

    failures: list[str] = field(default_factory=list)  # plain sentences
    failed: list[dict[str, Any]] = field(default_factory=list)  # failed expectations, as records
    checks: list[dict[str, Any]] = field(default_factory=list)  # failed checks outside GX
    calls: list[dict[str, Any]] = field(default_factory=list)  # one per GX validation
    skipped: list[dict[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def check_failed(self, name: str, where: str, detail: str) -> None:
        self.failures.append(f"{where}: {detail} ({name})")
        self.checks.append({"check": name, "where": where, "detail": detail})

    def add_time(self, key: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[key] = self.timings.get(key, 0.0) + now - since
        return now


def _validate(
    fs: fsspec.AbstractFileSystem,
    files: dict[str, list[fr.ShardFile]],
    counts: dict[str, Any],
    thresholds: dict[str, Any],
    result_dir: str,
    subject: str,
    data_docs: bool | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    docs = data_docs_requested() if data_docs is None else data_docs
    log.info("validating %s with thresholds %s", subject, json.dumps(thresholds, sort_keys=True))
    outcome = _Outcome()
    out_fs, out_root = fr.open_root(result_dir)
    local = isinstance(out_fs, LocalFileSystem)
    with tempfile.TemporaryDirectory(prefix="newsetl-validation-") as tmp:
        local_dir = out_root if local else tmp
        mark = time.perf_counter()
        with _GX_LOCK:  # waits for a warm-up still running in the background
            mark = outcome.add_time("wait_warm_up", mark)
            cpu = time.process_time()  # the validation's own CPU (all threads: GX, DuckDB), whatever the load
            runner = _make_runner(f"{local_dir}/{DOCS_DIR}" if docs else None, thresholds, out_root, outcome)
            builder = fr.FrameBuilder(fs, files)
            try:
                _run_all(runner, builder, fs, files, counts, outcome)
            finally:
                builder.close()
            mark = time.perf_counter()
            runner.build_docs()
            if docs:
                outcome.add_time("docs", mark)
            outcome.timings["cpu"] = time.process_time() - cpu
        docs_path = f"{result_dir.rstrip('/')}/{DOCS_DIR}/index.html" if docs else None
        result = _finish(local_dir, subject, thresholds, counts, outcome, started, docs_path)
        if not local:
            out_fs.put(f"{tmp}/", out_root, recursive=True)
    result["result_path"] = f"{result_dir.rstrip('/')}/{RESULT_FILE}"
    return result


def _finish(
    directory: str,
    subject: str,
    thresholds: dict[str, Any],
    counts: dict[str, Any],
    outcome: _Outcome,
    started: float,
    docs_path: str | None,
) -> dict[str, Any]:
    success = not outcome.failures
    seconds = time.perf_counter() - started
    outcome.timings["total"] = seconds
    document = {
        "subject": subject,
        "success": success,
        "thresholds": thresholds,
        "counts": counts,
        "failures": outcome.failures,
        "failed": outcome.failed,
        "checks": outcome.checks,
        "validations": outcome.calls,
        "skipped": outcome.skipped,
        "data_docs": docs_path,
        "seconds": {k: round(v, 3) for k, v in outcome.timings.items()},
    }
    fs, path = fr.open_root(directory)
    fs.makedirs(path, exist_ok=True)
    with fs.open(f"{path}/{RESULT_FILE}", "w") as fh:
        json.dump(document, fh, indent=1, default=str)
    _log_outcome(subject, success, seconds, outcome.failures, directory)
    result = {
        "success": success,
        "failures": outcome.failures,
        "failed": outcome.failed,
        "result_path": f"{directory.rstrip('/')}/{RESULT_FILE}",
        "seconds": round(seconds, 3),
    }
    if docs_path:
        result["docs_path"] = docs_path
    return result


def _log_outcome(subject: str, success: bool, seconds: float, failures: list[str], result_dir: str) -> None:
    for line in failures:
        log.info("failed: %s", line)
    if success:
        log.info("validation of %s passed in %.2f s", subject, seconds)
    else:
        log.warning(
            "validation of %s FAILED (%d failed checks) in %.2f s; results in %s",
            subject,
            len(failures),
            seconds,
            result_dir,
        )


def _make_runner(docs_dir: str | None, thresholds: dict[str, Any], out_root: str, outcome: _Outcome) -> Any:
    mark = time.perf_counter()
    from pipeline.validation.gx_runner import GxRunner

    runner = GxRunner(
        docs_dir,
        parameters=su.parameters(thresholds),
        failing_values_shown=int(thresholds.get("failing_values_shown", 5)),
        run_name=out_root.rsplit("/", 1)[-1] or "validation",
    )
    outcome.add_time("gx_setup", mark)
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
        outcome.check_failed("article_index", "articles", f"cannot index the articles: {exc}")
        builder.con.sql("CREATE OR REPLACE TEMP TABLE article_index (article_id VARCHAR, text_length BIGINT)")
    outcome.add_time("frames", mark)
    frames_per_table: dict[str, int] = {}
    for table in TABLES:
        frames_per_table[table] = _validate_table(
            runner, builder, fs, table, files.get(table, []), suites, outcome
        )
    for table, parts in suites.duplicates.items():
        for part in parts:
            if frames_per_table[table] <= 1 and su.covered_by_rows(part, suites.rows[table]):
                outcome.skipped.append({"suite": part.name, "why": f"{table} was validated as one frame"})
                continue
            mark = time.perf_counter()
            try:
                frame = builder.duplicates(table, part.keys)
            except duckdb.Error as exc:
                outcome.check_failed("cross_shard_read", part.name, str(exc).splitlines()[0])
                continue
            outcome.add_time("frames", mark)
            _check(runner, builder, part, fr.Frame(table, "all-shards", frame), outcome)
    mark = time.perf_counter()
    run = fr.run_frame(counts, builder.row_counts())
    outcome.add_time("frames", mark)
    _check(runner, builder, suites.run, fr.Frame("run", "run", run), outcome)


def _validate_table(
    runner: Any,
    builder: fr.FrameBuilder,
    fs: fsspec.AbstractFileSystem,
    table: str,
    shards: list[fr.ShardFile],
    suites: su.Suites,
    outcome: _Outcome,
) -> int:
    """Validate one table; returns how many frames it took (1 for a normal day)."""
    good, frames = [], 0
    mark = time.perf_counter()
    for shard in shards:
        where = f"{table}[{shard.shard}]"
        try:
            differences = fr.schema_differences(fs, shard)
        except Exception as exc:  # any unreadable footer is a failed check, not a crash
            outcome.check_failed("parquet_readable", where, str(exc))
            continue
        if not differences:
            good.append(shard)
            continue
        # A file with another schema cannot share the table's frame: checked on its own.
        outcome.check_failed(f"parquet_schema_matches({table})", where, "; ".join(differences))
        data = _file_rows(builder, shard, outcome)
        if data is not None:
            mark = outcome.add_time("frames", mark)
            _check(
                runner,
                builder,
                suites.rows[table],
                fr.Frame(table, shard.shard, data, [shard.shard]),
                outcome,
            )
            frames += 1
            mark = time.perf_counter()
    try:
        for frame in builder.table_frames(table, good):
            mark = outcome.add_time("frames", mark)
            _check(runner, builder, suites.rows[table], frame, outcome)
            frames += 1
            mark = time.perf_counter()
    except duckdb.Error as exc:
        outcome.check_failed("derived_columns", table, str(exc).splitlines()[0])
    outcome.add_time("frames", mark)
    return frames


def _file_rows(builder: fr.FrameBuilder, shard: fr.ShardFile, outcome: _Outcome) -> Any:
    """One file with derived columns; the file as is when they cannot be computed; None if unreadable."""
    try:
        return builder.rows(shard)
    except duckdb.Error:
        pass
    try:
        return builder.raw_rows(shard)
    except duckdb.Error as exc:
        outcome.check_failed("parquet_readable", f"{shard.table}[{shard.shard}]", str(exc).splitlines()[0])
        return None


def _table_of(item: Any, sub: su.SubSuite) -> str:
    """The table an expectation belongs to (the merged run suite holds all four tables' checks)."""
    identifier = str((item.expectation_config.meta or {}).get(su.ID_KEY, ""))
    return identifier.split("#", 1)[0] if "#" in identifier else sub.table


def _check(
    runner: Any, builder: fr.FrameBuilder, sub: su.SubSuite, frame: fr.Frame, outcome: _Outcome
) -> None:
    from pipeline.validation.gx_runner import to_pandas

    mark = time.perf_counter()
    data = to_pandas(frame.data)
    result = runner.validate(sub, data)
    failed = [item for item in result.results if not item.success]
    if failed and not runner.docs:
        # Counts and examples only for what failed: SUMMARY on every expectation costs twice the time.
        ids = {str((item.expectation_config.meta or {}).get(su.ID_KEY)) for item in failed}
        detail = runner.validate(sub.subset(ids, f"#failed{len(outcome.calls)}"), data, detailed=True)
        failed = [item for item in detail.results if not item.success] or failed
    runner.keep_for_docs(sub, frame.batch, result)
    mark = outcome.add_time("gx", mark)
    statistics = dict(result.statistics)
    outcome.calls.append(
        {
            "suite": sub.name,
            "batch": frame.batch,
            "rows": frame.data.num_rows,
            "expectations": int(statistics.get("evaluated_expectations", 0)),
            "failed": len(failed),
        }
    )
    run_row = frame.data.to_pylist()[0] if sub.frame == su.RUN and frame.data.num_rows else {}
    for item in failed:
        record = report.failed_record(item, sub.name, frame.batch, _table_of(item, sub))
        examples = [e for e in record.get("examples", []) if isinstance(e, dict)]
        columns = su.ROW_ID_COLUMNS.get(record["table"], [])
        if sub.frame == su.ROWS and examples and all(c in examples[0] for c in columns):
            with contextlib.suppress(duckdb.Error):
                record["shards"] = builder.locate(record["table"], columns, examples[:3])
        if sub.frame == su.DUPLICATES:
            # the frame holds only the repeated rows: its size is the count, shards say where
            record.pop("element_count", None)
            record["shards"] = sorted(
                {str(e["_shard"]).removeprefix("part-") for e in examples if "_shard" in e}
            )
        if sub.frame == su.RUN:
            record["values"] = report.plain({k: v for k, v in run_row.items() if k in _run_columns(item)})
        record["plain"] = pw.sentence(record, run_row)
        outcome.failed.append(record)
        outcome.failures.append(record["plain"])
    outcome.add_time("gx", mark)


def _run_columns(item: Any) -> set[str]:
    kwargs = dict(item.expectation_config.kwargs)
    return {v for k, v in kwargs.items() if k in ("column", "column_A", "column_B") and isinstance(v, str)}
