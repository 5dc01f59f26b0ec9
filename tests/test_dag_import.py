"""The DAG file parses cleanly, stays light at parse time, and has the agreed shape.

Parsing happens in a fresh interpreter: a heavy import done at the DAG's top
level would be hidden if another test had already imported that module here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.airflow_helpers import DAG_ID, DAGS, ROOT, last_json_line, run_python

HEAVY = ("trafilatura", "pandas", "pyarrow", "great_expectations", "duckdb", "pipeline")

PARSE = f"""
import json, sys
HEAVY = {HEAVY!r}
from airflow.dag_processing.dagbag import DagBag
before = sorted(m for m in HEAVY if m in sys.modules)
bag = DagBag(dag_folder={str(DAGS)!r})
after = sorted(m for m in HEAVY if m in sys.modules)
dag = bag.dags.get({DAG_ID!r})
info = {{"errors": {{k: str(v) for k, v in bag.import_errors.items()}}, "dags": sorted(bag.dags),
        "heavy_before": before, "heavy_after": after}}
if dag is not None:
    tasks = {{t.task_id: t for t in dag.tasks}}
    shard = tasks["process_shard"]
    info.update(
        timetable=type(dag.timetable).__name__,
        cron=getattr(dag.timetable, "_expression", None) or getattr(dag.timetable, "expression", None),
        max_active_runs=dag.max_active_runs,
        catchup=dag.catchup,
        params={{k: dag.params[k] for k in dag.params}},
        tasks=sorted(tasks),
        upstream={{t: sorted(tasks[t].upstream_task_ids) for t in tasks}},
        shard_pool=shard.pool,
        shard_retries=shard.retries,
        shard_backoff=shard.retry_exponential_backoff,
        shard_mapped=type(shard).__name__,
        retries={{t: tasks[t].retries for t in tasks}},
        retry_delays={{t: tasks[t].retry_delay.total_seconds() for t in tasks}},
        outlets=sorted(a.name for a in tasks["publish"].outlets),
        outlet_uris=sorted(a.uri for a in tasks["publish"].outlets),
    )
print(json.dumps(info, default=str))
"""


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("airflow_home")
    env = {
        "PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin",
        "HOME": str(home),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "NEWSETL_SOURCE": "s3://bucket/cc-news/{yyyy}/{mm}/CC-NEWS-{yyyymmdd}*.warc.gz",
        "NEWSETL_OUTPUT": "s3://bucket/newsetl",
        "NEWSETL_MAX_REJECT_RATE": "0.25",
        "NEWSETL_FAIL_IF_NO_INPUT": "true",
        "AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY": "7",
    }
    proc = run_python(PARSE, env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return last_json_line(proc.stdout)


def test_no_import_errors(parsed: dict) -> None:
    assert parsed["errors"] == {}
    assert DAG_ID in parsed["dags"]


def test_no_heavy_import_at_parse_time(parsed: dict) -> None:
    # Airflow itself must not have loaded them, or the check below proves nothing.
    assert parsed["heavy_before"] == []
    assert parsed["heavy_after"] == [], "the DAG file imports heavy modules at its top level"


def test_schedule_is_a_daily_data_interval(parsed: dict) -> None:
    assert parsed["timetable"] == "CronDataIntervalTimetable"
    assert parsed["cron"] == "0 0 * * *"
    assert parsed["catchup"] is False
    assert 1 <= parsed["max_active_runs"] <= 4


def test_task_graph(parsed: dict) -> None:
    assert parsed["tasks"] == ["discover", "process_shard", "publish", "report", "validate"]
    up = parsed["upstream"]
    assert up["process_shard"] == ["discover"]
    assert up["validate"] == ["discover", "process_shard"]
    assert up["publish"] == ["discover", "validate"]
    assert up["report"] == ["publish"]
    assert parsed["shard_mapped"].endswith("MappedOperator")


def test_shard_tasks_retry_with_backoff_in_a_pool(parsed: dict) -> None:
    assert parsed["shard_pool"] == "newsetl"
    assert parsed["shard_retries"] >= 2
    assert parsed["shard_backoff"] > 1


def test_every_task_retries_after_airflows_configured_delay(parsed: dict) -> None:
    # A worker lost during any task (validate is the longest after the shards) costs a retry,
    # not the run; the delay is the deployment's [core] default_task_retry_delay.
    assert all(n >= 1 for n in parsed["retries"].values()), parsed["retries"]
    assert set(parsed["retry_delays"].values()) == {7.0}, parsed["retry_delays"]


def test_params_default_from_environment(parsed: dict) -> None:
    params = parsed["params"]
    assert params["source"] == "s3://bucket/cc-news/{yyyy}/{mm}/CC-NEWS-{yyyymmdd}*.warc.gz"
    assert params["output"] == "s3://bucket/newsetl"
    assert params["max_reject_rate"] == 0.25
    assert params["fail_if_no_input"] is True
    assert params["workers_per_task"] == 1


def test_publish_emits_one_asset_per_table(parsed: dict) -> None:
    assert parsed["outlets"] == ["newsetl.articles", "newsetl.citations", "newsetl.quotes"]
    assert parsed["outlet_uris"] == [f"s3://bucket/newsetl/{t}" for t in ("articles", "citations", "quotes")]


# Pure helpers of the DAG module, tested in this process (they need no Airflow run).


@pytest.fixture(scope="module")
def dag_module():
    path = Path(DAGS) / "news_etl.py"
    spec = importlib.util.spec_from_file_location("news_etl_under_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_batches_cover_every_shard_once_within_the_limit(dag_module) -> None:
    shards = [f"s3://b/{i:04d}.warc.gz" for i in range(1001)]
    for limit in (1, 7, 256, 1024, 5000):
        groups = dag_module.batches(shards, limit)
        assert len(groups) <= limit
        assert [s for g in groups for s in g] == shards
        assert max(map(len, groups)) - min(map(len, groups[:-1] or groups)) <= 1
    assert dag_module.batches([], 10) == []


def test_crawl_date_is_the_logical_date_in_utc(dag_module) -> None:
    plus_two = dt.timezone(dt.timedelta(hours=2))
    context = {"logical_date": dt.datetime(2025, 1, 23, 1, 0, tzinfo=plus_two)}
    assert dag_module.crawl_date_of(context) == dt.date(2025, 1, 22)
    context = {"logical_date": dt.datetime(2025, 1, 22, tzinfo=dt.UTC)}
    assert dag_module.crawl_date_of(context) == dt.date(2025, 1, 22)


def test_a_run_without_logical_date_fails_with_a_clear_message(dag_module) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    with pytest.raises(AirflowFailException, match="logical date"):
        dag_module.crawl_date_of({"logical_date": None})


def test_run_key_is_path_safe_and_changes_when_the_run_is_cleared(dag_module) -> None:
    run_id = "backfill__2025-01-21T00:00:00+00:00"
    first = dag_module.run_key({"run_id": run_id, "dag_run": SimpleNamespace(clear_number=0)})
    again = dag_module.run_key({"run_id": run_id, "dag_run": SimpleNamespace(clear_number=1)})
    assert first != again
    for key in (first, again):
        assert all(c.isalnum() or c in "_.-" for c in key), key
    assert json.loads(json.dumps(first)) == first
