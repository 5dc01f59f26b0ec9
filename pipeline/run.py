"""Shard and run orchestration, shared by the CLI and the Airflow DAG.

Every argument and result here is small and JSON-able (URIs, counts), so
the DAG passes them through XCom and never data. The CLI calls `run_date`,
which strings the same steps together around one pool of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from pipeline import SCHEMA_VERSION, __version__
from pipeline.faults import fault_point
from pipeline.ids import normalize_url
from pipeline.limits import EXTRACT_TIMEOUT_SECONDS
from pipeline.model import RawRecord, Reject, Skip
from pipeline.progress import NULL, Progress
from pipeline.sources import InputError as InputError  # re-exported for the DAG and CLI
from pipeline.sources import discover as discover_shards
from pipeline.sources import iter_records
from pipeline.sources.fs import filesystem
from pipeline.stats import ShardStats, combine, reconciles
from pipeline.store import (
    Layout,
    ShardWriter,
    apply_deduplicated,
    publish,
    read_json,
    resolve_duplicates,
    run_alive,
    shard_key,
    write_json,
)
from pipeline.templates import TemplateError as TemplateError  # re-exported for the DAG and CLI
from pipeline.templates import expand
from pipeline.workers import Failed, SupervisedPool

RECORD_HANDLER = "pipeline.article:process_record"
# Imported once by the workers' fork server: every worker starts as a fork of a warmed process.
WORKER_PRELOAD = ("pipeline.worker_boot",)


class EmptyInput(InputError):
    """The inputs hold no record: publishing would replace the date with nothing."""


class UnsharedOutput(RuntimeError):
    """Staged shards are not visible to the task that finalizes them."""


class ValidationFailed(Exception):
    """The staged rows failed their expectations; nothing was published."""

    def __init__(self, failures: list[str], result_path: str | None = None) -> None:
        super().__init__("validation failed: " + "; ".join(failures[:5]))
        self.failures = failures
        self.result_path = result_path


def extract_timeout() -> float:
    return float(os.environ.get("NEWSETL_EXTRACT_TIMEOUT", EXTRACT_TIMEOUT_SECONDS))


def usable_cores() -> int:
    return len(os.sched_getaffinity(0))


def expand_source(template: str, crawl_date: date) -> str:
    """Fill a source URI template from the date; a template that does not name the day is refused."""
    return expand(template, crawl_date)


def discover(inputs: list[str]) -> list[str]:
    return discover_shards(inputs)


def new_run(output: str, crawl_date: date | str, run_id: str | None = None) -> dict[str, Any]:
    day = crawl_date if isinstance(crawl_date, str) else crawl_date.isoformat()
    date.fromisoformat(day)  # a malformed date fails here, before any work
    if run_id is None:
        run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    return {
        "output": output,
        "crawl_date": day,
        "run_id": run_id,
        "started_at": datetime.now(UTC).isoformat(),
    }


def layout_of(ctx: dict[str, Any]) -> Layout:
    return Layout(ctx["output"], ctx["crawl_date"], ctx["run_id"])


def _reject_row(item: Reject) -> dict[str, Any]:
    return {
        "source_uri": item.source_uri,
        "record_offset": item.record_offset,
        "record_id": item.record_id or None,
        "url": item.url,
        "reason": item.reason,
        "detail": item.detail,
    }


def _pages(shard_uri: str, stats: ShardStats, writer: ShardWriter, progress: Progress) -> Iterator[RawRecord]:
    """The shard's records that need extraction; skips and rejects are counted and written here.

    An exact copy of a page already seen in this shard (same URL, same bytes,
    not fetched later) is skipped before the expensive step. Anything else is
    extracted, and duplicates across and within shards are resolved when the
    run is finalized (the latest fetch of a URL wins).
    """
    # normalized URL -> (payload fingerprint, fetch time). The fingerprint is the payload's length and
    # Python's hash of it (the page's bytes, or the text a reader decoded): the table lives in this
    # process for one shard only, and the hash costs about half of a digest (0.17 against 0.30 ms
    # for a 133 KB page here).
    seen: dict[str, tuple[tuple[int, int], float]] = {}
    for item in iter_records(shard_uri):
        stats.records += 1
        progress.advance("read")
        if isinstance(item, Skip):
            stats.skip(item.reason, item.source_uri, item.record_offset, item.url)
            continue
        if isinstance(item, Reject):
            stats.rejects[item.reason] += 1
            writer.add_reject(_reject_row(item))
            continue
        if item.url:
            key = normalize_url(item.url)
            body = item.payload if item.payload is not None else item.html or item.text or ""
            payload = (len(body), hash(body))
            fetched = item.fetched_at.timestamp() if item.fetched_at else 0.0
            earlier = seen.get(key)
            if earlier is not None and earlier[0] == payload and fetched <= earlier[1]:
                stats.skip("duplicate", item.source_uri, item.record_offset, item.url)
                continue
            seen[key] = (payload, max(fetched, earlier[1]) if earlier else fetched)
        yield item


def process_shard_with(
    pool: SupervisedPool[RawRecord], shard_uri: str, ctx: dict[str, Any], progress: Progress = NULL
) -> dict[str, Any]:
    """Stream one shard through the pool into its staged files; returns its stats."""
    layout = layout_of(ctx)
    key = shard_key(shard_uri)
    finished = read_json(layout.shard_marker(key))
    if finished is not None:
        return finished  # a relaunch skips work that completed
    started = time.perf_counter()
    stats = ShardStats(shard_uri)
    writer = ShardWriter(layout, key)
    restarts_before = pool.restarts
    try:
        for record, result in pool.map_ordered(_pages(shard_uri, stats, writer, progress)):
            progress.advance("extract")
            if isinstance(result, Failed):
                result = Reject(
                    record.source_uri,
                    record.record_offset,
                    record.record_id,
                    result.reason,
                    result.detail,
                    record.url,
                )
            if isinstance(result, Reject):
                stats.rejects[result.reason] += 1
                writer.add_reject(_reject_row(result))
                continue
            writer.add_article(result.article, result.quotes, result.citations)
            stats.articles += 1
            stats.quotes += len(result.quotes)
            stats.citations += len(result.citations)
            stats.fixes.update(result.fixes)
            stats.timings.update(result.timings)
            stats.extraction[str(result.article.get("extraction"))] += 1
        writer.close()
    except BaseException:
        writer.abort()
        raise
    stats.worker_restarts = pool.restarts - restarts_before
    stats.seconds = time.perf_counter() - started
    payload = stats.to_dict()
    write_json(layout.shard_marker(key), payload)
    fault_point("after_shard")
    return payload


def process_shard(shard_uri: str, ctx: dict[str, Any], workers: int = 1) -> dict[str, Any]:
    """One shard in its own pool: the unit of work of an Airflow mapped task."""
    with SupervisedPool[RawRecord](
        RECORD_HANDLER, workers=workers, timeout=extract_timeout(), preload=WORKER_PRELOAD
    ) as pool:
        return process_shard_with(pool, shard_uri, ctx)


def _check_shards_visible(layout: Layout, shard_stats: list[dict[str, Any]]) -> None:
    """Every shard's staged results must be visible here, or the run would publish part of a day."""
    fs, folder = filesystem(posixpath.dirname(layout.shard_marker("x")))
    present = {posixpath.basename(p) for p in fs.ls(folder, detail=False)} if fs.exists(folder) else set()
    missing = [s["shard"] for s in shard_stats if f"{shard_key(s['shard'])}.json" not in present]
    if missing:
        raise UnsharedOutput(
            f"output must be storage shared by all workers: the staged results of {len(missing)} shard(s) "
            f"(e.g. {missing[0]}) are not visible at {layout.staging} from this task; use an object store "
            "or a shared filesystem as the output of a distributed run"
        )


def finalize_run(
    ctx: dict[str, Any], shard_stats: list[dict[str, Any]], allow_empty: bool = False
) -> dict[str, Any]:
    """Resolve duplicates across and within shards, and total the counts; they must reconcile.

    Idempotent: the counts are kept in staging, so a retried or cleared task
    gets the same counts instead of finding no duplicates left to drop.
    """
    layout = layout_of(ctx)
    marker = f"{layout.staging}/_finalized.json"
    done = read_json(marker)
    if done is not None:
        apply_deduplicated(layout)  # finish what a crash may have interrupted
        return done
    _check_shards_visible(layout, shard_stats)
    counts = combine(shard_stats)
    if counts["records"] == 0 and not allow_empty:
        inputs = ", ".join(s["shard"] for s in shard_stats) or "no files"
        raise EmptyInput(
            f"no record in the inputs for crawl_date={layout.crawl_date} ({inputs}); the date is left as it "
            "was (pass --allow-empty to publish an empty day)"
        )
    dropped = resolve_duplicates(layout)
    if dropped.articles:
        counts["articles"] -= dropped.articles
        counts["quotes"] -= dropped.quotes
        counts["citations"] -= dropped.citations
        counts["skips"] += dropped.articles
        by_reason = counts["skips_by_reason"]
        by_reason["duplicate"] = by_reason.get("duplicate", 0) + dropped.articles
        counts["skips_by_reason"] = dict(sorted(by_reason.items()))
    if not reconciles(counts):
        raise RuntimeError(
            f"record counts do not reconcile: {counts['records']} read, {counts['articles']} articles, "
            f"{counts['rejects']} rejects, {counts['skips']} skips"
        )
    write_json(marker, counts)
    apply_deduplicated(layout)
    return counts


def _validate_staged(
    ctx: dict[str, Any], counts: dict[str, Any], max_reject_rate: float | None
) -> dict[str, Any]:
    from pipeline.thresholds import load_thresholds
    from pipeline.validate import validate_staged

    layout = layout_of(ctx)
    thresholds = load_thresholds({"max_reject_rate": max_reject_rate})
    return validate_staged(layout.staging, counts, thresholds, layout.validation_dir)


def validate_run(
    ctx: dict[str, Any],
    counts: dict[str, Any],
    max_reject_rate: float | None = None,
    validator: BackgroundValidator | None = None,
) -> dict[str, Any]:
    """Run the expectation suites on the staged rows; raises ValidationFailed on any failure."""
    if validator is not None:
        result = validator.validate(ctx, counts, max_reject_rate)
    else:
        result = _validate_staged(ctx, counts, max_reject_rate)
    if not result["success"]:
        raise ValidationFailed(result["failures"], result.get("result_path"))
    return result


def publish_run(
    ctx: dict[str, Any],
    counts: dict[str, Any],
    validation: dict[str, Any] | None = None,
    shards: list[str] | None = None,
) -> dict[str, Any]:
    """Publish the staged tables and the run manifest as one unit (see pipeline.store.publish)."""
    layout = layout_of(ctx)
    fault_point("before_publish")
    manifest = {
        "run_id": layout.run_id,
        "crawl_date": layout.crawl_date,
        "output": layout.output,
        "pipeline_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "started_at": ctx.get("started_at"),
        "published_at": datetime.now(UTC).isoformat(),
        "inputs": shards or [],
        "counts": counts,
        "validation": {k: v for k, v in (validation or {}).items() if k != "failures"},
    }
    return publish(layout, manifest)


def _validator_start() -> None:
    """In the validator process: yield the CPU to the extraction workers, and import GX meanwhile."""
    os.nice(10)
    from pipeline.validate import warm_up

    warm_up()


class BackgroundValidator:
    """Great Expectations in a process of its own, at a low priority, warmed up while the workers extract.

    Importing GX takes seconds of CPU. In a thread of the CLI process it would
    hold the GIL the main loop needs to feed the workers; in its own niced
    process it only takes the CPU the workers leave.
    """

    def __enter__(self) -> BackgroundValidator:
        from concurrent.futures import ProcessPoolExecutor

        from pipeline.workers import allow_children, main_script_hidden

        allow_children()
        self._executor = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_validator_start
        )
        with main_script_hidden():
            self._executor.submit(int)  # starts the process, and its warm-up, now
        return self

    def validate(
        self, ctx: dict[str, Any], counts: dict[str, Any], max_reject_rate: float | None
    ) -> dict[str, Any]:
        return self._executor.submit(_validate_staged, ctx, counts, max_reject_rate).result()

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def run_date(
    inputs: list[str],
    output: str,
    crawl_date: date | str,
    workers: int | None = None,
    max_reject_rate: float | None = None,
    progress: Progress = NULL,
    run_id: str | None = None,
    allow_empty: bool = False,
) -> dict[str, Any]:
    """The CLI path: discover, process every shard with one worker pool, finalize, validate, publish.

    The workers start first: they import trafilatura while the parent lists
    the inputs and imports Great Expectations in the background.
    """
    ctx = new_run(output, crawl_date, run_id)
    started = time.perf_counter()
    with run_alive(layout_of(ctx)), BackgroundValidator() as validator:  # run_alive: see clean_up_locked
        with SupervisedPool[RawRecord](
            RECORD_HANDLER,
            workers=workers or usable_cores(),
            timeout=extract_timeout(),
            preload=WORKER_PRELOAD,
        ) as pool:
            progress.start("discover")
            shards = discover(inputs)
            progress.end("discover", f"{len(shards)} shard{'s' if len(shards) != 1 else ''}")
            if not shards and not allow_empty:
                raise EmptyInput(
                    f"no input files in {', '.join(inputs)} for crawl_date={ctx['crawl_date']}; the date is "
                    "left as it was (pass --allow-empty to publish an empty day)"
                )
            progress.start("shards", total=len(shards))
            progress.start("read", unit="records")
            progress.start("extract", unit="pages")
            shard_stats = []
            for shard in shards:
                shard_stats.append(process_shard_with(pool, shard, ctx, progress))
                progress.advance("shards")
            for phase in ("shards", "read", "extract"):
                progress.end(phase)
        if not shards:  # an empty day on purpose: publish empty files, so each table keeps its schema
            ShardWriter(layout_of(ctx), "empty").close()
        counts = finalize_run(ctx, shard_stats, allow_empty)
        counts["process_seconds"] = round(time.perf_counter() - started, 3)
        progress.start("validate")
        validation = validate_run(ctx, counts, max_reject_rate, validator)
        progress.end("validate", "passed")
        progress.start("publish")
        manifest = publish_run(ctx, counts, validation, shards)
        progress.end("publish", f"{len(manifest.get('files') or {})} tables")
    manifest["counts"]["total_seconds"] = round(time.perf_counter() - started, 3)
    return manifest
