"""The supervised pool: a real time limit, crash recovery, input order kept."""

from __future__ import annotations

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


def test_workers_run_one_blas_thread_unless_the_operator_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with SupervisedPool[str]("tests.handlers:environment", workers=1, timeout=20) as pool:
        found = [result for _, result in pool.map_ordered(["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])]
    assert found == ["1", "3"]
