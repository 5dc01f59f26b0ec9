"""Helpers shared by the Airflow tests: environment, CLI, REST client, reading partitions.

The environment comes from scripts/airflow_local.py (what `make airflow` uses),
so the tests exercise the same settings a developer gets.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DAGS = ROOT / "dags"
SAMPLE_RAW = ROOT / "sample" / "raw"
SAMPLE_SOURCE = str(SAMPLE_RAW / "{date}") + "/"
DAG_ID = "news_etl"
TABLES = ("articles", "quotes", "citations", "rejects")


def load_script() -> ModuleType:
    """scripts/airflow_local.py as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / "airflow_local.py"
    spec = importlib.util.spec_from_file_location("airflow_local", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample_dates() -> list[str]:
    assert SAMPLE_RAW.is_dir(), f"bundled sample corpus missing: {SAMPLE_RAW}"
    return sorted(p.name for p in SAMPLE_RAW.iterdir() if p.is_dir())


def isolated_env(
    home: Path,
    output: Path | str,
    *,
    port: int | None = None,
    source: str = SAMPLE_SOURCE,
    database_url: str | None = None,
    settings: dict[str, str] | None = None,
) -> dict[str, str]:
    """Environment of an isolated Airflow instance (temporary home, own ports, own output).

    `settings` (Airflow or other variables) override the defaults of scripts/airflow_local.py.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSETL_", "AWS_"))}
    base.update(
        {
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            # Runs come from the test, not from the cron schedule.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            # Timeouts inside Airflow that a loaded machine (2 cores, several test suites) can
            # hit while nothing is wrong: parsing the DAG file, a task waiting in the queue.
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "300",
            "AIRFLOW__DAG_PROCESSOR__DAG_FILE_PROCESSOR_TIMEOUT": "300",
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "1800",
            **(settings or {}),
        }
    )
    home.mkdir(parents=True, exist_ok=True)
    return load_script().airflow_env(
        home, port or free_port(), source=source, output=str(output), base=base, database_url=database_url
    )


def backfill_create(
    env: dict[str, str], dag_id: str, start: str, end: str, *extra: str, patience: float = 400
) -> subprocess.CompletedProcess[str]:
    """`airflow backfill create` for [start, end] (both inclusive); the caller checks the return code.

    With SQLite (test only; production uses Postgres) the command can be refused outright while
    the scheduler writes ("database is locked": no busy wait on a lock upgrade). Airflow commits
    the backfill's row before creating its runs, so a refused attempt can leave an empty backfill
    behind, and the next attempt then meets "Another backfill is running"; the scheduler closes
    such an empty backfill after two minutes. Both are waited out, up to `patience` seconds.
    """
    args = ["backfill", "create", "--dag-id", dag_id, "--from-date", start, "--to-date", end, *extra]
    deadline = time.monotonic() + patience
    refused_before = False
    proc = airflow_cli(args, env)
    while proc.returncode != 0 and time.monotonic() < deadline:
        refused = "database is locked" in proc.stderr
        left_behind = refused_before and "AlreadyRunningBackfill" in proc.stderr
        if not (refused or left_behind):
            break
        refused_before = refused_before or refused
        time.sleep(5)
        proc = airflow_cli(args, env)
    return proc


def airflow_cli(
    args: list[str], env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run `airflow ARGS` from the venv; the caller checks the return code."""
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "airflow"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_python(
    code: str, env: dict[str, str], *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run a snippet in a fresh interpreter (nothing imported by other tests leaks in)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def last_json_line(stdout: str) -> Any:
    """The last line of stdout that parses as JSON (Airflow logs to stdout too)."""
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith(("{", "[")):
            try:
                return json.loads(line)
            except ValueError:
                continue
    raise AssertionError(f"no JSON line in output:\n{stdout[-3000:]}")


def partition_files(output: Path, table: str, date: str) -> list[Path]:
    return sorted((output / table / f"crawl_date={date}").glob("*.parquet"))


def published_dates(output: Path, table: str) -> list[str]:
    return sorted(p.name.split("=", 1)[1] for p in (output / table).glob("crawl_date=*") if p.is_dir())


def table_stats(output: Path, table: str, date: str, id_column: str) -> dict[str, Any]:
    """Rows, distinct ids, crawl dates (and run ids, if the table has them) of one partition, via DuckDB."""
    import duckdb

    files = partition_files(output, table, date)
    assert files, f"no parquet files in {output / table / f'crawl_date={date}'}"
    glob = str(output / table / "*" / "*.parquet")
    con = duckdb.connect()
    source = "read_parquet(?, hive_partitioning = true) WHERE CAST(crawl_date AS VARCHAR) = ?"
    columns = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}", [glob, date]).fetchall()}
    run_ids = "list(DISTINCT run_id)" if "run_id" in columns else "[]"
    rows, ids, dates, runs = con.execute(
        f"SELECT count(*), count(DISTINCT {id_column}), list(DISTINCT CAST(crawl_date AS VARCHAR)), "
        f"{run_ids} FROM {source}",
        [glob, date],
    ).fetchone()
    con.close()
    return {"rows": rows, "distinct_ids": ids, "crawl_dates": sorted(dates), "run_ids": sorted(runs)}


class Api:
    """Minimal client of the Airflow 3 REST API (SimpleAuthManager token)."""

    def __init__(self, port: int, home: Path) -> None:
        import httpx

        self.base = f"http://localhost:{port}"
        self.client = httpx.Client(base_url=self.base, timeout=120)
        self.client.headers["Authorization"] = f"Bearer {self._token(home)}"

    def _send(self, method: str, url: str, *, patience: float = 180, **kwargs: Any) -> Any:
        """A request, tried again while the server is unreachable, slow or answers 5xx.

        A busy machine (or SQLite's writer lock behind the API) makes a healthy server
        answer late or fail a request now and then; a broken one keeps failing past `patience`.
        """
        import httpx

        deadline = time.monotonic() + patience
        while True:
            try:
                resp = self.client.request(method, url, **kwargs)
                if resp.status_code < 500 or time.monotonic() >= deadline:
                    return resp
            except httpx.TransportError:
                if time.monotonic() >= deadline:
                    raise
            time.sleep(2)

    def _token(self, home: Path) -> str:
        passwords = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())
        resp = self._send("POST", "/auth/token", json={"username": "admin", "password": passwords["admin"]})
        resp.raise_for_status()
        return resp.json()["access_token"]

    def get(self, path: str, **params: Any) -> Any:
        resp = self._send("GET", f"/api/v2{path}", params=params)
        resp.raise_for_status()
        return resp.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        resp = self.client.post(f"/api/v2{path}", json=body)  # not repeated: a POST may have taken effect
        resp.raise_for_status()
        return resp.json()

    def wait_for_dag(self, dag_id: str, timeout: float = 600) -> dict[str, Any]:
        """Wait until the dag-processor has parsed the DAG; fail at once on an import error."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            errors = self.get("/importErrors")["import_errors"]
            assert not errors, f"DAG import errors: {errors}"
            resp = self._send("GET", f"/api/v2/dags/{dag_id}")
            if resp.status_code == 200:
                return resp.json()
            time.sleep(2)
        raise TimeoutError(f"DAG {dag_id} not parsed after {timeout}s")

    def runs(self, dag_id: str) -> list[dict[str, Any]]:
        return self.get(f"/dags/{dag_id}/dagRuns", limit=100)["dag_runs"]

    def wait_runs(
        self, dag_id: str, dates: list[str], *, after: str | None = None, timeout: float = 1200
    ) -> dict[str, dict[str, Any]]:
        """Wait until the runs for these logical dates have finished (ended after `after`, if given)."""
        deadline = time.monotonic() + timeout
        latest: dict[str, dict[str, Any]] = {}
        while time.monotonic() < deadline:
            latest = {}
            for run in self.runs(dag_id):
                date = (run.get("logical_date") or "")[:10]
                if date in dates:
                    latest[date] = run
            done = all(
                d in latest
                and latest[d]["state"] in ("success", "failed")
                and (after is None or (latest[d].get("end_date") or "") > after)
                for d in dates
            )
            if done:
                return latest
            time.sleep(3)
        states = {d: (r["state"], r.get("end_date")) for d, r in latest.items()}
        raise TimeoutError(f"runs for {dates} not finished after {timeout}s: {states}")

    def wait_backfills_done(self, dag_id: str, timeout: float = 600) -> None:
        """Only one backfill per DAG may run: wait until the scheduler has closed the last one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            backfills = self.get("/backfills", dag_id=dag_id)["backfills"]
            if all(b.get("completed_at") for b in backfills):
                return
            time.sleep(2)
        raise TimeoutError(f"backfills of {dag_id} still open after {timeout}s")

    def task_states(self, dag_id: str, run_id: str) -> dict[str, list[str]]:
        tis = self.get(f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances", limit=200)["task_instances"]
        states: dict[str, list[str]] = {}
        for ti in tis:
            states.setdefault(ti["task_id"], []).append(ti["state"])
        return states
