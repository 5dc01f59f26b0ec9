"""news_etl scaled out, end to end: Airflow's CeleryExecutor with two workers, on real servers.

Everything runs on 127.0.0.1 as separate processes, each leader of a session (and process
group) of its own, all stopped by group at the end, also when a test fails:

- PostgreSQL (Airflow's metadata DB and Celery's result backend), Redis (Celery's broker) and
  moto's standalone server (an in-memory S3 implementation), from tests/servers.py;
- Airflow 3.3: api-server, scheduler, dag-processor and two `airflow celery worker` processes
  with distinct Celery hostnames, log-server ports and task hostnames, Celery's default
  (prefork) pool.

The dumps of the bundled sample corpus (2 to 4 shards a date), with a record copied into a
second shard and a bulk shard, are uploaded to s3://BUCKET/raw/{date}/; the tables go to
s3://BUCKET/out. One date is triggered, two are backfilled, one is run again while the worker
running its bulk shard is killed with SIGKILL (its whole session, as if the machine were lost). The assertions read Airflow's
metadata DB (which worker ran what, which try) and the published tables on S3.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tests import servers
from tests.airflow_helpers import (
    DAG_ID,
    ROOT,
    SAMPLE_RAW,
    Api,
    backfill_create,
    free_port,
    isolated_env,
    load_script,
    sample_dates,
)
from tests.conftest import need_server
from tests.faults_support import forked_workers

pytestmark = [pytest.mark.slow, pytest.mark.airflow]

BUCKET = "newsetl-distributed"
TABLES = ("articles", "quotes", "citations", "rejects")
WORKERS = ("worker-a", "worker-b")
# Copies of a page (each under its own URL) in the shard that is running when a worker is
# killed: enough extraction work that the kill lands mid-shard, not after it.
BULK_COPIES = 60
# Lowered from Airflow's 300 s so that a lost worker's task is failed and retried within the
# test; the supervisor heartbeats every few seconds, well inside this on a loaded machine.
HEARTBEAT_TIMEOUT = 30
# Deadlines only matter when something is broken: a loaded 2-core machine is slow, not stuck.
RUN_TIMEOUT = 900
START_TIMEOUT = 600

# The name a worker's tasks record in task_instance.hostname ([core] hostname_callable):
# both workers share this machine's host name, so each gets its own.
HOSTNAME_MODULE = """\
import os


def name() -> str:
    return os.environ["NEWSETL_TEST_WORKER"]
"""


@dataclass
class Cluster:
    home: Path
    env: dict[str, str]
    api: Api
    postgres: servers.Postgres
    s3: servers.S3
    output: str
    components: dict[str, servers.Service] = field(default_factory=dict)

    def sql(self, query: str, params: tuple | dict | None = None) -> list[tuple]:
        return self.postgres.query("airflow", query, params)


# --- the corpus -------------------------------------------------------------------------------


def _bulk_copies(line: str, copies: int) -> str:
    """The same page under `copies` URLs: each is extracted, then skipped as a content duplicate."""
    record = json.loads(line)
    rows = []
    for number in range(copies):
        record_copy = dict(record, id=f"{record.get('id', 'page')}-copy{number}")
        record_copy["url"] = f"{record['url'].rstrip('/')}/copy-{number}"
        rows.append(json.dumps(record_copy))
    return "\n".join(rows) + "\n"


def build_corpus(into: Path, triggered: str, rerun: str) -> None:
    """The sample dumps by date (2 to 4 shards each), plus a cross-shard duplicate and a bulk shard."""
    for date in sample_dates():
        day = into / date
        shutil.copytree(SAMPLE_RAW / date, day)
        feed = next(iter(sorted(day.glob("*.jsonl"))))
        first_line = feed.read_text().splitlines()[0]
        if date == triggered:
            # The same record in two shards: finalize keeps one copy.
            (day / f"dup-{date}.jsonl").write_text(first_line + "\n")
        if date == rerun:
            (day / f"bulk-{date}.jsonl").write_text(_bulk_copies(first_line, BULK_COPIES))


# --- the cluster ------------------------------------------------------------------------------


def celery_settings(database_url: str, broker: str) -> dict[str, str]:
    """Airflow settings of the CeleryExecutor deployment (tests/test_docker_files.py checks that
    docker-compose.yaml agrees); the timeouts are lowered for the test."""
    return {
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CELERY__BROKER_URL": broker,
        # psycopg2 (the celery extra) under SQLAlchemy 2: the driver must be named.
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + database_url,
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
        # Longer than any task: Celery never hands a running task to a second worker; a lost
        # worker's task is retried by Airflow (heartbeat timeout), as a new try.
        "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "21600",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": str(HEARTBEAT_TIMEOUT),
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "3",
        "AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY": "3",
        "AIRFLOW__CORE__PARALLELISM": "8",
        "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.5",
    }


def start_component(cluster: Cluster, name: str, args: list[str], env: dict[str, str]) -> None:
    airflow = str(ROOT / ".venv" / "bin" / "airflow")
    log = cluster.home / "logs" / f"{name}.log"
    cluster.components[name] = servers.start(name, [airflow, *args], log, env=env)


def start_worker(cluster: Cluster, name: str) -> None:
    env = dict(cluster.env)
    env.update(
        {
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "newsetl_test_hostname.name",
            "NEWSETL_TEST_WORKER": name,
            "PYTHONPATH": str(cluster.home / "pythonpath"),
        }
    )
    args = ["celery", "worker", "--celery-hostname", f"{name}@%h", "--concurrency", "1"]
    start_component(cluster, name, [*args, "--without-mingle", "--without-gossip"], env)


def wait_for_log(service: servers.Service, needle: str, timeout: float) -> None:
    servers.wait_until(lambda: needle in service.tail(200_000), service, timeout, repr(needle), 1)


def stop_all(components: dict[str, servers.Service]) -> list[str]:
    """Every component's process groups at once (no task runs by now); returns the survivors."""
    return servers.stop_together(list(components.values()))


@dataclass(frozen=True)
class Corpus:
    triggered: str  # run once through the REST API
    backfilled: tuple[str, str]  # one backfill; the second is run again with a worker killed
    local: Path  # the dumps as uploaded, by date

    @property
    def rerun(self) -> str:
        return self.backfilled[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    dates = sample_dates()
    assert len(dates) >= 3, dates
    built = Corpus(dates[-1], (dates[0], dates[1]), tmp_path_factory.mktemp("raw"))
    build_corpus(built.local, built.triggered, built.rerun)
    return built


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, s3_server: servers.S3, corpus: Corpus
) -> Iterator[Cluster]:
    base = tmp_path_factory.mktemp("distributed")
    home, logs = base / "home", base / "logs"
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        postgres = need_server(lambda: servers.start_postgres(logs))
        stack.callback(postgres.stop)
        redis = need_server(lambda: servers.start_redis(logs))
        stack.callback(redis.stop)
        postgres.create_database("airflow")

        bucket = s3_server.create_bucket(BUCKET)
        s3_server.upload_tree(corpus.local, BUCKET, "raw")
        output = f"{bucket}/out"

        port = free_port()
        settings = {**celery_settings(postgres.url("airflow"), redis.url()), **s3_server.env}
        env = isolated_env(
            home,
            output,
            port=port,
            source=f"{bucket}/raw/{{date}}/",
            database_url=postgres.url("airflow"),
            settings=settings,
        )
        (home / "pythonpath").mkdir(parents=True)
        (home / "pythonpath" / "newsetl_test_hostname.py").write_text(HOSTNAME_MODULE)
        local = load_script()
        local.prepare(home, env, pool_slots=4)

        components: dict[str, servers.Service] = {}
        stack.callback(lambda: stop_all(components))
        cluster = Cluster(home, env, None, postgres, s3_server, output, components)  # type: ignore[arg-type]
        for name in ("api-server", "scheduler", "dag-processor"):
            start_component(cluster, name, [name], env)
        for name in WORKERS:
            start_worker(cluster, name)
        local.wait_healthy(port, START_TIMEOUT)
        for name in WORKERS:
            wait_for_log(components[name], f"{name}@", START_TIMEOUT)
            wait_for_log(components[name], " ready.", START_TIMEOUT)
        cluster.api = Api(port, home)
        cluster.api.wait_for_dag(DAG_ID, timeout=START_TIMEOUT)
        print(f"\ndistributed cluster up in {time.monotonic() - started:.0f}s")
        yield cluster
        survivors = stop_all(components)
        assert not survivors, f"processes of {survivors} survived their process group's SIGTERM/SIGKILL"


# --- reading the results ----------------------------------------------------------------------


def task_rows(cluster: Cluster, run_id: str, task_id: str | None = None) -> list[dict[str, Any]]:
    """Current tries (task_instance) and earlier ones (task_instance_history) of a run."""
    columns = "task_id, map_index, try_number, state, hostname"
    where = "dag_id = %(dag)s AND run_id = %(run)s" + (" AND task_id = %(task)s" if task_id else "")
    params = {"dag": DAG_ID, "run": run_id, "task": task_id}
    rows = [
        ("current", *r) for r in cluster.sql(f"SELECT {columns} FROM task_instance WHERE {where}", params)
    ]
    rows += [
        ("history", *r)
        for r in cluster.sql(f"SELECT {columns} FROM task_instance_history WHERE {where}", params)
    ]
    keys = ("table", "task_id", "map_index", "try_number", "state", "hostname")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def manifest(cluster: Cluster, date: str) -> dict[str, Any]:
    fs = cluster.s3.filesystem()
    return json.loads(fs.cat(f"{cluster.output}/_manifests/crawl_date={date}/latest.json"))


def check_published(cluster: Cluster, date: str) -> dict[str, Any]:
    """Every table's partition holds exactly the files `latest.json` pins, with its row counts;
    articles are unique and all come from that run."""
    fs = cluster.s3.filesystem()
    current = manifest(cluster, date)
    counts = current["counts"]
    root = cluster.output.removeprefix("s3://").rstrip("/")
    found: dict[str, Any] = {"run_id": current["run_id"], "counts": counts}
    for table in TABLES:
        folder = f"{root}/{table}/crawl_date={date}"
        listed = sorted(
            p.removeprefix(f"{root}/") for p in fs.ls(folder, detail=False) if p.endswith(".parquet")
        )
        assert listed == sorted(current["files"][table]), (table, listed, current["files"][table])
        data = pq.read_table([f"{root}/{relative}" for relative in listed], filesystem=fs)
        found[table] = data
        if table in counts:
            assert data.num_rows == counts[table], (table, data.num_rows, counts[table])
    articles = found["articles"]
    assert articles.num_rows > 0
    assert len(set(articles.column("article_id").to_pylist())) == articles.num_rows, "duplicated articles"
    assert set(articles.column("run_id").to_pylist()) == {current["run_id"]}
    return found


# --- the tests --------------------------------------------------------------------------------


def test_every_component_leads_its_own_process_group(cluster: Cluster) -> None:
    for name, service in cluster.components.items():
        assert service.running(), f"{name} exited:\n{service.tail()}"
    groups = {service.sid for service in cluster.components.values()}
    assert len(groups) == len(cluster.components)
    workers = cluster.api.get("/monitor/health")
    assert workers["scheduler"]["status"] == "healthy"


def test_triggered_date_spreads_its_shards_over_both_workers(cluster: Cluster, corpus: Corpus) -> None:
    triggered = corpus.triggered
    run = cluster.api.post(f"/dags/{DAG_ID}/dagRuns", {"logical_date": f"{triggered}T00:00:00Z"})
    runs = cluster.api.wait_runs(DAG_ID, [triggered], timeout=RUN_TIMEOUT)
    states = cluster.api.task_states(DAG_ID, run["dag_run_id"])
    assert runs[triggered]["state"] == "success", states

    batches = discovered_batches(cluster, run["dag_run_id"])
    assert batches is not None and len(batches) >= 3, batches  # one mapped task per shard
    rows = [r for r in task_rows(cluster, run["dag_run_id"], "process_shard") if r["state"] == "success"]
    assert sorted(r["map_index"] for r in rows) == list(range(len(batches)))
    by_worker = {w: sorted(r["map_index"] for r in rows if r["hostname"] == w) for w in WORKERS}
    print(f"\n{triggered}: shards per worker {by_worker}")
    assert all(by_worker.values()), f"shards did not spread over both workers: {by_worker}"
    published = check_published(cluster, triggered)
    # The record copied into a second shard was dropped once, across shards.
    assert published["counts"]["skips_by_reason"].get("duplicate", 0) >= 1


def test_backfill_of_two_dates(cluster: Cluster, corpus: Corpus) -> None:
    start, end = corpus.backfilled
    proc = backfill_create(cluster.env, DAG_ID, start, end, "--max-active-runs", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    runs = cluster.api.wait_runs(DAG_ID, [start, end], timeout=RUN_TIMEOUT)
    for date in (start, end):
        assert runs[date]["state"] == "success", cluster.api.task_states(DAG_ID, runs[date]["dag_run_id"])
        assert runs[date]["run_type"] == "backfill"
        check_published(cluster, date)
    cluster.api.wait_backfills_done(DAG_ID)


def _running_shard(cluster: Cluster, run_id: str, map_index: int) -> dict[str, Any] | None:
    for row in task_rows(cluster, run_id, "process_shard"):
        current = row["table"] == "current" and row["map_index"] == map_index
        if current and row["state"] == "running" and row["hostname"] in WORKERS:
            return row
    return None


def discovered_batches(cluster: Cluster, run_id: str) -> list[list[str]] | None:
    """discover's return value (the shard batches the run maps over), from the metadata DB."""
    rows = cluster.sql(
        "SELECT value FROM xcom WHERE dag_id = %s AND run_id = %s AND task_id = 'discover' "
        "AND key = 'return_value'",
        (DAG_ID, run_id),
    )
    if not rows:
        return None
    value = rows[0][0]
    return json.loads(value) if isinstance(value, str) else value


def _bulk_map_index(cluster: Cluster, run_id: str, date: str) -> int | None:
    batches = discovered_batches(cluster, run_id)
    if batches is None:
        return None
    for index, batch in enumerate(batches):
        if any(f"bulk-{date}" in shard for shard in batch):
            return index
    raise AssertionError(f"no bulk shard among {batches}")


def extracting(service: servers.Service) -> bool:
    """A shard task of this worker has started its extraction processes (forked by a fork server)."""
    return bool(forked_workers(list(servers.session_members(service.sid))))


def _finished(cluster: Cluster, run_id: str, map_index: int, prior: dict[tuple[str, int], int]) -> bool:
    return any(
        r["map_index"] == map_index
        and r["try_number"] > prior[("process_shard", map_index)]
        and r["state"] in ("success", "failed")
        for r in task_rows(cluster, run_id, "process_shard")
    )


def latest_tries(cluster: Cluster, run_id: str) -> dict[tuple[str, int], int]:
    tries: dict[tuple[str, int], int] = {}
    for row in task_rows(cluster, run_id):
        key = (row["task_id"], row["map_index"])
        tries[key] = max(tries.get(key, 0), row["try_number"])
    return tries


def test_rerun_survives_a_killed_worker_and_replaces_the_date_once(cluster: Cluster, corpus: Corpus) -> None:
    date = corpus.rerun
    before = check_published(cluster, date)
    first = cluster.api.wait_runs(DAG_ID, [date])[date]
    run_id = first["dag_run_id"]
    prior = latest_tries(cluster, run_id)
    others = {d: manifest(cluster, d)["run_id"] for d in (corpus.triggered, corpus.backfilled[0])}
    manifests_before = set(cluster.s3.filesystem().ls(f"{cluster.output}/_manifests/crawl_date={date}"))

    proc = backfill_create(cluster.env, DAG_ID, date, date, "--reprocess-behavior", "completed")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # Kill the worker running the bulk shard once its records are being extracted (its pool of
    # extraction processes is up): the whole session, task process groups included.
    deadline = time.monotonic() + RUN_TIMEOUT
    victim = bulk = None
    while time.monotonic() < deadline:
        bulk = bulk if bulk is not None else _bulk_map_index(cluster, run_id, date)
        row = _running_shard(cluster, run_id, bulk) if bulk is not None else None
        if row is not None and row["try_number"] > prior[("process_shard", bulk)]:
            if extracting(cluster.components[row["hostname"]]):
                victim = row
                break
        elif victim is None and bulk is not None and _finished(cluster, run_id, bulk, prior):
            pytest.fail(
                f"the bulk shard finished before it could be killed: raise BULK_COPIES ({BULK_COPIES})"
            )
        time.sleep(0.2)
    assert victim is not None, "the bulk shard never ran"
    killed = cluster.components[victim["hostname"]]
    killed_at = time.monotonic()
    killed.kill()
    assert not killed.alive()
    survivor = next(w for w in WORKERS if w != victim["hostname"])

    rerun = cluster.api.wait_runs(DAG_ID, [date], after=first["end_date"], timeout=RUN_TIMEOUT)[date]
    assert rerun["state"] == "success", cluster.api.task_states(DAG_ID, run_id)
    print(
        f"\nkilled {victim['hostname']} mid-shard; the run finished {time.monotonic() - killed_at:.0f}s later"
    )

    tries = [r for r in task_rows(cluster, run_id, "process_shard") if r["map_index"] == bulk]
    lost = [r for r in tries if r["try_number"] == victim["try_number"]]
    assert [r["hostname"] for r in lost] == [victim["hostname"]], tries
    assert lost[0]["state"] == "failed", tries  # failed by the heartbeat timeout, not finished
    final = max(tries, key=lambda r: r["try_number"])
    assert final["try_number"] > victim["try_number"] and final["state"] == "success", tries
    assert final["hostname"] == survivor, tries

    # One publication: one publish try succeeded and one new manifest was written.
    publishes = [r for r in task_rows(cluster, run_id, "publish") if r["state"] == "success"]
    assert len([r for r in publishes if r["try_number"] > prior[("publish", -1)]]) == 1
    manifests_after = set(cluster.s3.filesystem().ls(f"{cluster.output}/_manifests/crawl_date={date}"))
    assert len(manifests_after - manifests_before) == 1, manifests_after - manifests_before
    assert not any(p.endswith("/_publishing.json") for p in manifests_after), "a publish was left unfinished"

    tasks = cluster.sql(
        "SELECT hostname, task_id, count(*) FROM (SELECT hostname, task_id FROM task_instance WHERE dag_id = %s "
        "UNION ALL SELECT hostname, task_id FROM task_instance_history WHERE dag_id = %s) AS tries "
        "GROUP BY hostname, task_id ORDER BY 1, 2",
        (DAG_ID, DAG_ID),
    )
    print(f"task tries per worker (all runs): {tasks}")

    # The date is replaced exactly: the same rows, all from the rerun.
    after = check_published(cluster, date)
    assert after["run_id"] != before["run_id"]
    for table in TABLES:
        assert after[table].num_rows == before[table].num_rows, table
    for table, key in (("articles", "article_id"), ("quotes", "quote_id"), ("citations", "citation_id")):
        assert sorted(after[table].column(key).to_pylist()) == sorted(before[table].column(key).to_pylist())
    # The other dates are untouched.
    assert {d: manifest(cluster, d)["run_id"] for d in others} == others
