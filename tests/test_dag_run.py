"""The DAG end to end on the bundled sample corpus, without a scheduler.

`airflow dags test` (the command in the README) and `dag.test()` run every task
in one process against a fresh SQLite metadata DB; the published partitions are
read back with DuckDB.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.airflow_helpers import (
    DAG_ID,
    DAGS,
    TABLES,
    airflow_cli,
    isolated_env,
    last_json_line,
    partition_files,
    published_dates,
    run_python,
    sample_dates,
    table_stats,
)

pytestmark = pytest.mark.airflow

ID_COLUMNS = {"articles": "article_id", "quotes": "quote_id", "citations": "citation_id"}

# Runs dag.test() for several logical dates in one fresh interpreter and
# reports, per case, the run state and the state of each task.
DAG_TEST = """
import datetime as dt, json, sys
from airflow import settings
from airflow.dag_processing.dagbag import DagBag

if settings.Session is None:
    settings.configure_orm()
dag = DagBag(dag_folder={dags!r}).dags[{dag_id!r}]
cases = json.loads(sys.argv[1])
results = {{}}
for name, (day, conf) in cases.items():
    logical = None if day is None else dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    run = dag.test(logical_date=logical, run_conf=conf)
    with settings.Session() as session:
        tis = run.get_task_instances(session=session)
        states = {{}}
        for ti in tis:
            states.setdefault(ti.task_id, []).append(str(ti.state))
    results[name] = {{"state": str(run.state), "tasks": states}}
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def airflow_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    base = tmp_path_factory.mktemp("dag_run")
    output = base / "out"
    env = isolated_env(base / "home", output)
    proc = airflow_cli(["db", "migrate"], env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return env, output


def manifest(output: Path, date: str) -> dict:
    return json.loads((output / "_manifests" / f"crawl_date={date}" / "latest.json").read_text())


def check_partition(output: Path, date: str) -> dict[str, dict]:
    """Every table has the date's partition, only that date, and no duplicated ids."""
    stats = {}
    for table in TABLES:
        assert partition_files(output, table, date), f"{table} has no partition for {date}"
    for table, id_column in ID_COLUMNS.items():
        stats[table] = table_stats(output, table, date, id_column)
        assert stats[table]["crawl_dates"] in ([date], [])
        assert stats[table]["rows"] == stats[table]["distinct_ids"], f"duplicated ids in {table}"
    counts = manifest(output, date)["counts"]
    assert stats["articles"]["rows"] > 0
    assert stats["articles"]["rows"] == counts["articles"]
    assert stats["quotes"]["rows"] == counts["quotes"]
    assert stats["citations"]["rows"] == counts["citations"]
    return stats


def test_airflow_dags_test_writes_the_named_date(airflow_db) -> None:
    env, output = airflow_db
    date = sample_dates()[-1]
    proc = airflow_cli(["dags", "test", DAG_ID, date], env)
    assert proc.returncode == 0, (proc.stdout[-4000:], proc.stderr[-4000:])
    # The data interval of a manual run is inferred (the day before); the
    # partition must still be the logical date that was asked for.
    for table in TABLES:
        assert published_dates(output, table) == [date]
    check_partition(output, date)
    run_id = manifest(output, date)["run_id"]  # the report task wrote the run's report
    assert (output / "_reports" / f"crawl_date={date}" / f"{run_id}.html").is_file()


def test_dag_test_runs_reruns_and_skips(airflow_db) -> None:
    env, output = airflow_db
    first, last = sample_dates()[0], sample_dates()[-1]
    before = (
        table_stats(output, "articles", last, "article_id") if published_dates(output, "articles") else None
    )
    cases = {
        "first": [first, None],
        "rerun": [last, None],
        "empty_day": ["2025-01-01", None],
        "empty_day_strict": ["2025-01-01", {"fail_if_no_input": True}],
        "no_logical_date": [None, None],
    }
    code = DAG_TEST.format(dags=str(DAGS), dag_id=DAG_ID)
    proc = run_python(code, env, json.dumps(cases))
    assert proc.returncode == 0, (proc.stdout[-4000:], proc.stderr[-4000:])
    results = last_json_line(proc.stdout)

    assert results["first"]["state"] == "success", results["first"]
    check_partition(output, first)

    assert results["rerun"]["state"] == "success", results["rerun"]
    again = check_partition(output, last)
    if before is not None:  # the same date again replaces its rows, never adds to them
        assert again["articles"]["rows"] == before["rows"]
        assert again["articles"]["run_ids"] != before["run_ids"]
    assert len(again["articles"]["run_ids"]) == 1

    empty = results["empty_day"]
    assert empty["state"] == "success"
    assert empty["tasks"]["discover"] == ["skipped"]
    assert set(empty["tasks"]["publish"]) == {"skipped"}
    assert "2025-01-01" not in published_dates(output, "articles")

    strict = results["empty_day_strict"]
    assert strict["state"] == "failed"
    assert strict["tasks"]["discover"] == ["failed"]

    missing = results["no_logical_date"]
    assert missing["state"] == "failed"
    assert missing["tasks"]["discover"] == ["failed"]
    assert set(missing["tasks"]["process_shard"]) <= {"upstream_failed"}
    assert "needs a logical date" in proc.stdout + proc.stderr
