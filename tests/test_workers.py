"""The supervised pool: a real time limit, crash recovery, input order kept."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.workers import Failed, SupervisedPool

HANDLER = "tests.handlers:echo_or_misbehave"


def test_results_come_back_in_input_order_with_two_workers() -> None:
    items = ["slow-a", "b", "c", "slow-d", "e", "f"]
    with SupervisedPool[str](HANDLER, workers=2, timeout=20) as pool:
        results = list(pool.map_ordered(items))
    assert [item for item, _ in results] == items
    assert [result for _, result in results] == [i.upper() for i in items]


def test_hanging_record_times_out_and_the_run_goes_on() -> None:
    started = time.monotonic()
    with SupervisedPool[str](HANDLER, workers=1, timeout=1.5) as pool:
        results = dict(pool.map_ordered(["a", "hang", "b"]))
        assert pool.restarts == 1
    assert results["a"] == "A" and results["b"] == "B"
    assert isinstance(results["hang"], Failed) and results["hang"].reason == "timeout"
    assert time.monotonic() - started < 60  # the sleep(600) was really cut short


def test_crashed_worker_is_replaced_and_its_record_reported() -> None:
    with SupervisedPool[str](HANDLER, workers=2, timeout=20) as pool:
        results = dict(pool.map_ordered(["a", "crash", "b", "crash2", "c"]))
        assert pool.restarts == 1
    assert isinstance(results["crash"], Failed) and results["crash"].reason == "worker_crash"
    assert results["crash2"] == "CRASH2" and results["c"] == "C"


def test_handler_exception_becomes_a_failure_not_a_dead_worker() -> None:
    with SupervisedPool[str](HANDLER, workers=1, timeout=20) as pool:
        results = dict(pool.map_ordered(["raise", "ok"]))
        assert pool.restarts == 0
    assert isinstance(results["raise"], Failed) and results["raise"].reason == "handler_error"
    assert "bad record" in results["raise"].detail
    assert results["ok"] == "OK"


def test_empty_input() -> None:
    with SupervisedPool[str](HANDLER, workers=2, timeout=5) as pool:
        assert list(pool.map_ordered([])) == []


SCRIPT_AS_MAIN = """
import sys
if __name__ != "__main__":
    # What the `airflow` command does when a task process's children re-import it: fail.
    raise RuntimeError("the parent's main script was re-imported in a worker")
sys.path.insert(0, sys.argv[1])
from pipeline.workers import SupervisedPool
with SupervisedPool("tests.handlers:echo_or_misbehave", workers=1, timeout=60) as pool:
    print(list(pool.map_ordered(["a"])))
assert sys.modules["__main__"].__file__ == __file__  # restored after the workers started
"""


def test_workers_start_when_main_is_a_script_that_must_not_be_reimported(tmp_path: Path) -> None:
    script = tmp_path / "main_script.py"
    script.write_text(SCRIPT_AS_MAIN)
    result = subprocess.run(
        [sys.executable, str(script), str(Path(__file__).resolve().parents[1])],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[('a', 'A')]"


@pytest.mark.parametrize("workers", [1, 2])
def test_large_result_ahead_of_a_large_record_never_deadlocks(workers: int) -> None:
    """A child writing a result larger than a pipe holds while the parent writes it a 1 MB record."""
    items = ["big-result", "p" * 1_000_000, "big-result", "q" * 1_000_000, "small"]
    started = time.monotonic()
    with SupervisedPool[str]("tests.handlers:sized", workers=workers, timeout=20, depth=2) as pool:
        results = [result for _, result in pool.map_ordered(items)]
        assert pool.restarts == 0
    assert results == ["r" * 300_000, 1_000_000, "r" * 300_000, 1_000_000, 5]
    assert time.monotonic() - started < 20


def _in_billiard(items: list[str], out) -> None:  # runs in a billiard process, like a Celery prefork task
    from tests.handlers import pool_in_this_process

    out.put(pool_in_this_process(items))


def test_pool_starts_inside_a_celery_prefork_process() -> None:
    billiard = pytest.importorskip("billiard", reason="billiard comes with the celery extra")
    results = billiard.Queue()
    process = billiard.Process(target=_in_billiard, args=(["a", "b"], results))
    process.start()
    try:
        assert results.get(timeout=120) == ["A", "B"]
    finally:
        process.join(60)
    assert process.exitcode == 0


BLAS_THREADS = """
import sys
sys.path.insert(0, sys.argv[1])
from pipeline.workers import SupervisedPool
with SupervisedPool("tests.handlers:environment", workers=1, timeout=60) as pool:
    print(",".join(str(found) for _, found in pool.map_ordered(["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])))
"""


def test_workers_run_one_blas_thread_unless_the_operator_says_otherwise() -> None:
    # A process of its own: the fork server, and so every worker, has the environment of the
    # process that first started a pool, which in this test session is an earlier test.
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | {
        "OMP_NUM_THREADS": "3"
    }
    result = subprocess.run(
        [sys.executable, "-c", BLAS_THREADS, str(Path(__file__).resolve().parents[1])],
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "1,3"


PRELOADED = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pipeline.workers import SupervisedPool
with SupervisedPool(
    "tests.handlers:warmed_here", workers=2, timeout=2, preload=("tests.handlers_boot",)
) as pool:
    results = [result for _, result in pool.map_ordered(["a", "b", "hang", "c"])]
    print(pool.restarts, [getattr(result, "reason", result) for result in results])
"""


def test_workers_fork_from_a_server_that_warmed_the_handler_once() -> None:
    # The warm-up marks the process that ran it: a worker forked from the preloaded server reports
    # the server's pid, not its own, also the replacement started after the hung record's timeout.
    result = subprocess.run(
        [sys.executable, "-c", PRELOADED, str(Path(__file__).resolve().parents[1])],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    restarts, found = result.stdout.strip().split(" ", 1)
    values = ast.literal_eval(found)
    assert restarts == "1"
    assert values[2] == "timeout"
    warmed_in = {value for value in values if value != "timeout"}
    assert len(warmed_in) == 1, values  # one warm-up for three records over three workers
    assert not any(value.endswith("(the worker itself)") for value in warmed_in), values
