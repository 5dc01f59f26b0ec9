"""Shard and run orchestration, shared by the CLI and the Airflow DAG.

Every argument and result here is small and JSON-able (URIs, counts), so
the DAG passes them through XCom and never data. The CLI calls `run_date`,
which strings the same steps together around one pool of workers.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from pipeline import SCHEMA_VERSION, __version__
from pipeline.ids import normalize_url
from pipeline.limits import EXTRACT_TIMEOUT_SECONDS
from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources import InputError as InputError  # re-exported for the DAG and CLI
from pipeline.sources import discover as discover_shards
from pipeline.sources import iter_records
from pipeline.stats import ShardStats, combine, reconciles
from pipeline.store import (
    Layout,
    ShardWriter,
    date_lock,
    drop_cross_shard_duplicates,
    publish_tables,
    read_json,
    remove_staging,
    shard_key,
    write_json,
)
from pipeline.workers import Failed, SupervisedPool

RECORD_HANDLER = "pipeline.article:process_record"
Progress = Callable[[int], None]


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
    """Fill {date} {yyyy} {mm} {dd} {yyyymmdd} in a source URI template."""
    return template.format(
        date=crawl_date.isoformat(),
        yyyy=f"{crawl_date.year:04d}",
        mm=f"{crawl_date.month:02d}",
        dd=f"{crawl_date.day:02d}",
        yyyymmdd=crawl_date.strftime("%Y%m%d"),
    )


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


def _pages(
    shard_uri: str, stats: ShardStats, writer: ShardWriter, progress: Progress | None
) -> Iterator[RawRecord]:
    """The shard's records that need extraction; skips and rejects are counted and written here."""
    seen_urls: set[str] = set()
    for item in iter_records(shard_uri):
        stats.records += 1
        if progress is not None:
            progress(1)
        if isinstance(item, Skip):
            stats.skips[item.reason] += 1
        elif isinstance(item, Reject):
            stats.rejects[item.reason] += 1
            writer.add_reject(_reject_row(item))
        elif item.url and (key := normalize_url(item.url)) in seen_urls:
            stats.skips["duplicate"] += 1
        else:
            if item.url:
                seen_urls.add(key)
            yield item


def process_shard_with(
    pool: SupervisedPool[RawRecord], shard_uri: str, ctx: dict[str, Any], progress: Progress | None = None
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
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    restarts_before = pool.restarts
    try:
        for record, result in pool.map_ordered(_pages(shard_uri, stats, writer, progress)):
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
            article = result.article
            if article["article_id"] in seen_ids or article["content_hash"] in seen_hashes:
                stats.skips["duplicate"] += 1
                continue
            seen_ids.add(article["article_id"])
            seen_hashes.add(article["content_hash"])
            writer.add_article(article, result.quotes, result.citations)
            stats.articles += 1
            stats.quotes += len(result.quotes)
            stats.citations += len(result.citations)
            stats.fixes.update(result.fixes)
            stats.timings.update(result.timings)
            stats.extraction[str(article.get("extraction"))] += 1
    except BaseException:
        writer.abort()
        raise
    writer.close()
    stats.worker_restarts = pool.restarts - restarts_before
    stats.seconds = time.perf_counter() - started
    payload = stats.to_dict()
    write_json(layout.shard_marker(key), payload)
    return payload


def process_shard(shard_uri: str, ctx: dict[str, Any], workers: int = 1) -> dict[str, Any]:
    """One shard in its own pool: the unit of work of an Airflow mapped task."""
    with SupervisedPool[RawRecord](RECORD_HANDLER, workers=workers, timeout=extract_timeout()) as pool:
        return process_shard_with(pool, shard_uri, ctx)


def finalize_run(ctx: dict[str, Any], shard_stats: list[dict[str, Any]]) -> dict[str, Any]:
    """Drop articles that several shards hold, and total the counts; they must reconcile.

    Idempotent: the result is kept in staging, so a retried or cleared task
    gets the same counts instead of finding no duplicates left to drop.
    """
    layout = layout_of(ctx)
    marker = f"{layout.staging}/_finalized.json"
    done = read_json(marker)
    if done is not None:
        return done
    dropped = drop_cross_shard_duplicates(layout)
    counts = combine(shard_stats)
    if dropped:
        counts["articles"] -= dropped
        counts["skips"] += dropped
        by_reason = counts["skips_by_reason"]
        by_reason["duplicate"] = by_reason.get("duplicate", 0) + dropped
    if not reconciles(counts):
        raise RuntimeError(
            f"record counts do not reconcile: {counts['records']} read, {counts['articles']} articles, "
            f"{counts['rejects']} rejects, {counts['skips']} skips"
        )
    write_json(marker, counts)
    return counts


def validate_run(
    ctx: dict[str, Any], counts: dict[str, Any], max_reject_rate: float | None = None
) -> dict[str, Any]:
    """Run the expectation suites on the staged rows; raises ValidationFailed on any failure."""
    from pipeline.thresholds import load_thresholds
    from pipeline.validate import validate_staged

    layout = layout_of(ctx)
    thresholds = load_thresholds({"max_reject_rate": max_reject_rate})
    result = validate_staged(layout.staging, counts, thresholds, layout.validation_dir)
    if not result["success"]:
        raise ValidationFailed(result["failures"], result.get("result_path"))
    return result


def publish_run(
    ctx: dict[str, Any],
    counts: dict[str, Any],
    validation: dict[str, Any] | None = None,
    shards: list[str] | None = None,
) -> dict[str, Any]:
    """Swap the staged tables in under the date lock and write the run manifest."""
    layout = layout_of(ctx)
    with date_lock(layout):
        files = publish_tables(layout)
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
            "files": files,
        }
        write_json(f"{layout.manifest_dir}/{layout.run_id}.json", manifest)
        write_json(f"{layout.manifest_dir}/latest.json", manifest)
    remove_staging(layout)
    return manifest


def _warm_up_validation() -> None:
    """Import Great Expectations in the background: seconds that overlap extraction instead of adding to it."""
    from pipeline.validate import warm_up

    threading.Thread(target=warm_up, name="gx-import", daemon=True).start()


def run_date(
    inputs: list[str],
    output: str,
    crawl_date: date | str,
    workers: int | None = None,
    max_reject_rate: float | None = None,
    progress: Progress | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    """The CLI path: discover, process every shard with one worker pool, finalize, validate, publish."""
    shards = discover(inputs)
    ctx = new_run(output, crawl_date, run_id)
    started = time.perf_counter()
    _warm_up_validation()
    with SupervisedPool[RawRecord](
        RECORD_HANDLER, workers=workers or usable_cores(), timeout=extract_timeout()
    ) as pool:
        shard_stats = [process_shard_with(pool, shard, ctx, progress) for shard in shards]
    counts = finalize_run(ctx, shard_stats)
    counts["process_seconds"] = round(time.perf_counter() - started, 3)
    validation = validate_run(ctx, counts, max_reject_rate)
    manifest = publish_run(ctx, counts, validation, shards)
    manifest["counts"]["total_seconds"] = round(time.perf_counter() - started, 3)
    return manifest
