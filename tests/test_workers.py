"""The supervised pool: a real time limit, crash recovery, input order kept."""

from __future__ import annotations

import time

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
