"""news_etl: one day of raw news dumps -> validated, published Parquet partitions.

The run's logical date is the crawl date. Every task is a thin wrapper around
``pipeline.run`` (the same functions as ``newsetl run``); tasks hand each other
URIs, a small run context and counts through XCom, never data.

    discover ─▶ process_shard ×N (mapped) ─▶ validate ─▶ publish ─▶ report

Configuration: Params whose defaults come from the environment of the process
that parses this file (NEWSETL_SOURCE, NEWSETL_OUTPUT, ...). Heavy libraries
(trafilatura, pyarrow, pandas, Great Expectations) are imported inside tasks
only, through ``pipeline``.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

log = logging.getLogger(__name__)

DAG_ID = "news_etl"
TABLES = ("articles", "quotes", "citations")
# Pool shared by every shard task: `airflow pools set newsetl <slots> ...` caps how
# many shards run at once across all runs, backfills included.
POOL = os.environ.get("NEWSETL_POOL", "newsetl")
# Mapped tasks per day stay well under [core] max_map_length (1024 by default).
MAX_MAPPED_TASKS = int(os.environ.get("NEWSETL_MAX_MAPPED_TASKS", "256"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _table_uri(output: str, table: str) -> str:
    """Asset URI of a published table: the table's folder under the output root."""
    root = output.rstrip("/")
    if "://" not in root:
        root = "file://" + str(Path(root or ".").absolute())
    return f"{root}/{table}"


OUTPUT_DEFAULT = os.environ.get("NEWSETL_OUTPUT", "")
ASSETS = [Asset(name=f"newsetl.{t}", uri=_table_uri(OUTPUT_DEFAULT, t)) for t in TABLES]

PARAMS = {
    "source": Param(
        os.environ.get("NEWSETL_SOURCE", ""),
        type="string",
        description="Source URI template; {date} {yyyy} {mm} {dd} {yyyymmdd} are filled from the crawl date.",
    ),
    "output": Param(OUTPUT_DEFAULT, type="string", description="Output root (local path or fsspec URI)."),
    "workers_per_task": Param(
        int(os.environ.get("NEWSETL_WORKERS_PER_TASK", "1")),
        type="integer",
        minimum=1,
        description="Processes per shard task; each processes one shard of its batch at a time.",
    ),
    "max_reject_rate": Param(
        float(os.environ.get("NEWSETL_MAX_REJECT_RATE", "0.5")),
        type="number",
        minimum=0,
        maximum=1,
        description="Validation blocks publication when rejects / records exceeds this.",
    ),
    "allow_empty": Param(
        _env_bool("NEWSETL_ALLOW_EMPTY", False),
        type="boolean",
        description="Publish an empty date when its dumps hold no record (otherwise the run fails and the date stays).",
    ),
    "fail_if_no_input": Param(
        _env_bool("NEWSETL_FAIL_IF_NO_INPUT", False),
        type="boolean",
        description="Fail the run (instead of skipping it) when the date has no dumps.",
    ),
}


def crawl_date_of(context: dict[str, Any]) -> dt.date:
    """The run's logical date, as a UTC calendar date.

    Not the data interval: for a manual run or `airflow dags test` the interval
    is inferred (the last complete one) and is not the date that was asked for.
    """
    logical = context.get("logical_date")
    if logical is None:
        raise AirflowFailException(
            f"{DAG_ID} needs a logical date (the crawl date): trigger it with one, e.g. "
            f"`airflow dags trigger {DAG_ID} --logical-date 2025-01-22`"
        )
    return logical.astimezone(dt.UTC).date()


def run_key(context: dict[str, Any]) -> str:
    """Staging id for this attempt of the run: the Airflow run id plus its clear count.

    A cleared or reprocessed run (backfill --reprocess-behavior) keeps its run id;
    the clear count gives it a fresh staging folder instead of the old one's leftovers.
    """
    dag_run = context["dag_run"]
    clears = getattr(dag_run, "clear_number", 0) or 0
    key = re.sub(r"[^A-Za-z0-9_.-]+", "_", context["run_id"]).strip("_")
    return f"{key}-c{clears}" if clears else key


def batches(shards: list[str], limit: int) -> list[list[str]]:
    """Split shards into at most `limit` contiguous batches of near-equal size."""
    if not shards:
        return []
    size = math.ceil(len(shards) / max(1, limit))
    return [shards[i : i + size] for i in range(0, len(shards), size)]


def _map_limit() -> int:
    from airflow.sdk import conf

    return max(1, min(MAX_MAPPED_TASKS, conf.getint("core", "max_map_length", fallback=1024)))


@dag(
    dag_id=DAG_ID,
    # Daily interval [D 00:00, D+1 00:00) UTC, run once it has ended. The
    # interval start is the logical date, so `backfill create --from-date A
    # --to-date B` covers exactly the crawl dates A..B.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    # Runs (backfills too) get no tasks before start_date: keep it before the
    # oldest archive we may reprocess. catchup=False: no automatic catch-up.
    start_date=dt.datetime(2016, 1, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=2,
    max_active_tasks=8,
    params=PARAMS,
    tags=["newsetl"],
    doc_md=__doc__,
    # Every task is safe to repeat, so every task retries: a lost worker (kill -9, a node gone)
    # costs one retry on another worker, not the run. discover only lists; process_shard skips
    # shards whose completion marker exists; validate keeps its counts in staging and rewrites its
    # results; publish is idempotent through its journal; report only reads. The delay between
    # tries is Airflow's `[core] default_task_retry_delay` (AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY),
    # so a deployment tunes it without editing this file.
    default_args={"retries": 2},
)
def news_etl() -> None:
    @task
    def discover() -> list[list[str]]:
        """Shard batches to map over; the run context goes to XCom key `ctx`."""
        context = get_current_context()
        crawl_date = crawl_date_of(context)
        params = context["params"]
        source, output = params["source"], params["output"]
        if not source or not output:
            raise AirflowFailException(
                "no source or output configured: set NEWSETL_SOURCE and NEWSETL_OUTPUT "
                "or pass the params `source` and `output`"
            )
        from pipeline import run as prun
        from pipeline.run import InputError

        uri = prun.expand_source(source, crawl_date)
        try:
            shards = prun.discover([uri])
        except (InputError, FileNotFoundError) as exc:  # a missing day folder is an empty day
            log.info("discover: %s", exc)
            shards = []
        if not shards:
            message = f"no input dumps for crawl_date={crawl_date.isoformat()} at {uri}"
            if params["fail_if_no_input"]:
                raise AirflowFailException(message)
            log.warning("%s: skipping the run (fail_if_no_input=false)", message)
            raise AirflowSkipException(message)
        ctx = prun.new_run(output, crawl_date, run_id=run_key(context))
        groups = batches(shards, _map_limit())
        log.info(
            "crawl_date=%s: %d shards from %s in %d batches; run %s",
            crawl_date,
            len(shards),
            uri,
            len(groups),
            ctx["run_id"],
        )
        context["ti"].xcom_push(key="ctx", value=ctx)
        return groups

    @task(
        pool=POOL,
        retries=3,
        retry_exponential_backoff=2.0,
        max_retry_delay=dt.timedelta(minutes=20),
        map_index_template="{{ shard_label }}",
    )
    def process_shard(shards: list[str], ctx: dict[str, Any]) -> list[dict[str, Any]]:
        """Process a batch of shards; a retry skips the shards whose completion marker exists."""
        from pipeline import run as prun

        context = get_current_context()
        first = shards[0].rstrip("/").rsplit("/", 1)[-1]
        label = first if len(shards) == 1 else f"{first} +{len(shards) - 1}"
        context["shard_label"] = label  # type: ignore[typeddict-unknown-key]
        workers = int(context["params"]["workers_per_task"])
        stats = []
        for shard in shards:
            result = prun.process_shard(shard, ctx, workers=workers)
            log.info(
                "shard %s: %s records, %s articles, %s seconds",
                shard,
                result.get("records"),
                result.get("articles"),
                result.get("seconds"),
            )
            stats.append(result)
        return stats

    @task
    def validate(ctx: dict[str, Any], shard_stats: Sequence[list[dict[str, Any]]]) -> dict[str, Any]:
        """Cross-shard dedup and totals (finalize_run), then the expectation suites."""
        from pipeline import run as prun

        params = get_current_context()["params"]
        # Index rather than iterate: iterating the lazy XCom sequence probes past its end.
        stats = [s for i in range(len(shard_stats)) for s in shard_stats[i]]
        try:
            counts = prun.finalize_run(ctx, stats, allow_empty=bool(params["allow_empty"]))
        except (prun.EmptyInput, prun.UnsharedOutput) as exc:
            raise AirflowFailException(str(exc)) from exc
        try:
            result = prun.validate_run(ctx, counts, max_reject_rate=float(params["max_reject_rate"]))
        except prun.ValidationFailed as exc:
            log.error("validation failed; results in %s", exc.result_path)
            raise AirflowFailException(
                "validation blocked publication: " + "; ".join(exc.failures or [str(exc)])
            ) from exc
        # Failures are empty on success; leave them out so the XCom stays small.
        return {"counts": counts, "validation": {k: v for k, v in result.items() if k != "failures"}}

    @task(outlets=ASSETS)
    def publish(
        ctx: dict[str, Any], checked: dict[str, Any], shard_batches: list[list[str]]
    ) -> dict[str, Any]:
        """Atomic swap of the date's partitions, then one asset event per table."""
        from pipeline import run as prun

        shards = [s for batch in shard_batches for s in batch]
        manifest = prun.publish_run(ctx, checked["counts"], checked["validation"], shards)
        outlet_events = get_current_context()["outlet_events"]
        for asset in ASSETS:
            outlet_events[asset].extra = {"crawl_date": ctx["crawl_date"], "run_id": manifest["run_id"]}
        return {
            "run_id": manifest["run_id"],
            "crawl_date": manifest["crawl_date"],
            "output": manifest["output"],
            "counts": manifest["counts"],
            "files": len(manifest.get("files") or []),
            "published_at": manifest.get("published_at"),
        }

    @task
    def report(summary: dict[str, Any]) -> None:
        counts = summary["counts"]
        log.info(
            "news_etl crawl_date=%s run=%s published %s files to %s at %s",
            summary["crawl_date"],
            summary["run_id"],
            summary["files"],
            summary["output"],
            summary["published_at"],
        )
        log.info(
            "records=%s articles=%s quotes=%s citations=%s rejects=%s skips=%s shards=%s",
            *(
                counts.get(k)
                for k in ("records", "articles", "quotes", "citations", "rejects", "skips", "shards")
            ),
        )
        for group in ("rejects_by_reason", "skips_by_reason"):
            if counts.get(group):
                log.info("%s: %s", group, counts[group])

    found = discover()
    # Mapping needs the return value; the context rides along under its own key.
    stats = process_shard.partial(ctx=found["ctx"]).expand(shards=found)
    checked = validate(found["ctx"], stats)
    report(publish(found["ctx"], checked, found))


news_etl()
