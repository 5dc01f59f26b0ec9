"""news_etl under a real Airflow: api-server, scheduler and dag-processor processes.

The instance is started by scripts/airflow_local.py (what `make airflow` runs)
with a temporary AIRFLOW_HOME, its own ports and output folder, in a new
session whose process group is recorded and signalled at teardown. Runs come
from the REST API (a triggered run for one logical date) and from the CLI
(`airflow backfill create`), exactly as the README describes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.airflow_helpers import (
    DAG_ID,
    ROOT,
    TABLES,
    Api,
    backfill_create,
    free_port,
    isolated_env,
    load_script,
    partition_files,
    published_dates,
    sample_dates,
    table_stats,
)

pytestmark = [pytest.mark.airflow, pytest.mark.slow]


@dataclass
class Instance:
    home: Path
    output: Path
    env: dict[str, str]
    api: Api
    pgid: int


@pytest.fixture(scope="module")
def airflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    base = tmp_path_factory.mktemp("airflow_it")
    home, output = base / "home", base / "out"
    port = free_port()
    env = isolated_env(home, output, port=port)
    script = ROOT / "scripts" / "airflow_local.py"
    started = subprocess.run(
        # Deadlines are generous: they only matter when something is broken, and a loaded
        # 2-core machine can take minutes to start Airflow.
        [sys.executable, str(script), "start", "--home", str(home), "--port", str(port), "--timeout", "900"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1000,
        check=False,
    )
    local = load_script()
    pgid = local.read_pgid(home)
    try:
        assert started.returncode == 0, (started.stdout, started.stderr[-4000:])
        assert pgid is not None and local.alive(pgid)
        assert f"http://localhost:{port}" in started.stdout
        api = Api(port, home)
        api.wait_for_dag(DAG_ID)
        yield Instance(home, output, env, api, pgid)
    finally:
        local.stop(home)
        if pgid is not None:
            assert not local.alive(pgid), "processes of the Airflow session survived stop"


def check_date(output: Path, date: str) -> dict:
    """The date's partitions exist and hold each article once."""
    for table in TABLES:
        assert partition_files(output, table, date), f"{table}: no partition for {date}"
    stats = table_stats(output, "articles", date, "article_id")
    assert stats["rows"] > 0
    assert stats["rows"] == stats["distinct_ids"], f"duplicated articles for {date}"
    assert stats["crawl_dates"] == [date]
    manifest = json.loads((output / "_manifests" / f"crawl_date={date}" / "latest.json").read_text())
    assert manifest["counts"]["articles"] == stats["rows"]
    stats["manifest_run_id"] = manifest["run_id"]
    return stats


def backfill(inst: Instance, start: str, end: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return backfill_create(inst.env, DAG_ID, start, end, *extra)


def planned_runs(inst: Instance, date: str, *extra: str) -> str:
    """The table of runs a backfill would create (`--dry-run`)."""
    plan = backfill(inst, date, date, "--dry-run", *extra)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    assert "Runs to be attempted" in plan.stdout
    return plan.stdout.split("Runs to be attempted")[-1]


def test_processes_form_one_recorded_session(airflow: Instance) -> None:
    members = [pid for pid in os.listdir("/proc") if pid.isdigit() and _session_of(int(pid)) == airflow.pgid]
    assert len(members) >= 4  # leader + api-server + scheduler + dag-processor


def _session_of(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return int(fields[3])


def test_triggered_run_then_backfill_and_rerun(airflow: Instance) -> None:
    dates = sample_dates()
    assert len(dates) >= 3, dates
    triggered, backfilled = dates[-1], dates[:2]
    api, output = airflow.api, airflow.output

    # 1. One run for a given logical date, through the REST API.
    api.post(f"/dags/{DAG_ID}/dagRuns", {"logical_date": f"{triggered}T00:00:00Z"})
    runs = api.wait_runs(DAG_ID, [triggered])
    assert runs[triggered]["state"] == "success", api.task_states(DAG_ID, runs[triggered]["dag_run_id"])
    check_date(output, triggered)
    assert published_dates(output, "articles") == [triggered]

    # 2. A backfill of two dates, through the CLI.
    proc = backfill(airflow, backfilled[0], backfilled[-1], "--max-active-runs", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    runs = api.wait_runs(DAG_ID, backfilled)
    for date in backfilled:
        assert runs[date]["state"] == "success", api.task_states(DAG_ID, runs[date]["dag_run_id"])
        assert runs[date]["run_type"] == "backfill"
    assert published_dates(output, "articles") == sorted([*backfilled, triggered])
    before = check_date(output, backfilled[-1])
    others = {d: check_date(output, d)["manifest_run_id"] for d in (backfilled[0], triggered)}
    api.wait_backfills_done(DAG_ID)

    # 3. The same date again. By default a backfill does not touch a date that
    # already has a finished run; --reprocess-behavior completed does.
    date = backfilled[-1]
    assert f"{date} 00:00:00" not in planned_runs(airflow, date)
    assert f"{date} 00:00:00" in planned_runs(airflow, date, "--reprocess-behavior", "completed")

    finished = runs[date]["end_date"]
    proc = backfill(airflow, date, date, "--reprocess-behavior", "completed")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rerun = api.wait_runs(DAG_ID, [date], after=finished)[date]
    assert rerun["state"] == "success", api.task_states(DAG_ID, rerun["dag_run_id"])
    assert rerun["dag_run_id"] == runs[date]["dag_run_id"]  # the same run, cleared and run again
    after = check_date(output, date)
    assert after["rows"] == before["rows"]
    assert after["manifest_run_id"] != before["manifest_run_id"]
    assert after["run_ids"] == [after["manifest_run_id"]]  # every row comes from the rerun
    # The other dates are untouched.
    assert {d: check_date(output, d)["manifest_run_id"] for d in others} == others
