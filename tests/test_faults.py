"""Fault injection on real processes: kills at every publish step, a dying worker, a page that hangs,
concurrent runs, a reader during publishes, a full and a read-only disk, and what failed runs leave.

Each fault is a real `newsetl` process stopped at a named point (`pipeline.faults`) and killed with
SIGKILL, with its workers, or a real disk that is full or read-only. The date (2025-01-22 of the
sample corpus) is first published from two of its shards (the *old* run), so old and new differ.
The scenarios are independent and run a few at a time (`outcomes`); each test checks one.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from pipeline.query import fetch
from pipeline.schema import TABLES
from tests import servers
from tests.faults_support import (
    DAY,
    FULL_INPUTS,
    OLD_INPUTS,
    ROOT,
    SLOW_URL,
    Outcome,
    content_hashes,
    copy_tree,
    cpu_seconds,
    date_dir,
    describe,
    describe_store,
    environment,
    free_pages,
    leave_free,
    mount_tmpfs,
    newsetl,
    only,
    pages_of,
    parallel,
    reader_view,
    run_args,
    run_id_of,
    runs_marked_alive,
    start,
    unmount,
    wait_until,
    worker_children,
    write_slow_shard,
)

pytestmark = pytest.mark.slow

# Where a local publish can be killed, in the order a run passes them.
LOCAL_POINTS = (
    "after_shard",
    "before_publish",
    "after_journal",
    "after_swap:articles",
    "after_swap:quotes",
    "after_swap:citations",
    "after_swap:rejects",
    "before_commit",
    "after_commit",
)
JOURNAL_POINTS = LOCAL_POINTS[2:8]  # a journal exists from after_journal until the commit
RECOVER_POINT = "after_swap:quotes"  # `newsetl recover` is tried on this state too
# Runs on a loaded machine must never lose a normal record to the time limit; the timeout test sets its own.
ENV = environment(NEWSETL_EXTRACT_TIMEOUT="300")


@dataclass(frozen=True)
class Baseline:
    lab: Path
    base: Path  # the date published from OLD_INPUTS; every scenario starts from a copy
    base_run: str
    base_hashes: dict[str, tuple[int, str]]
    reference_hashes: dict[str, tuple[int, str]]  # a clean run of FULL_INPUTS


def slug(name: str) -> str:
    return name.replace(":", "-")


def logs(baseline: Baseline, name: str) -> Path:
    return baseline.lab / "logs" / slug(name)


# --- scenarios: each returns what it saw; the tests below check it ----------------------------------


def kill_and_rerun(baseline: Baseline, point: str) -> Outcome:
    """Kill a run of the full inputs at `point`, look at the date, then rerun the same inputs."""
    out = copy_tree(baseline.base, baseline.lab / f"kill-{slug(point)}")
    known = runs_marked_alive(out)
    run = start(run_args(out, FULL_INPUTS), logs(baseline, point), point, ENV)
    run.wait_for_point()
    run.kill()
    outcome = Outcome(killed_run=only(runs_marked_alive(out) - known))
    outcome.after_fault = describe(out)
    outcome.reader_after_fault = reader_view(out)
    if point == RECOVER_POINT:
        copy = copy_tree(out, baseline.lab / "recover")
        recovered = newsetl("recover", "--output", str(copy), "--date", DAY, env=ENV)
        outcome.extra["recover"] = {
            "result": recovered,
            "state": describe(copy),
            "reader": reader_view(copy),
            "hashes": content_hashes(copy),
        }
    outcome.rerun = newsetl(*run_args(out, FULL_INPUTS), env=ENV)
    outcome.after_rerun = describe(out)
    outcome.extra["reader_after_rerun"] = reader_view(out)
    outcome.hashes = content_hashes(out)
    return outcome


def kill_after_copy_on_s3(baseline: Baseline) -> Outcome:
    """The object-store publish: kill between the copy of the new files and the commit, then rerun."""
    if _S3 is None:
        pytest.skip("no S3 server: moto[server] is not installed")
    bucket = _S3.create_bucket(f"newsetl-faults-{secrets.token_hex(4)}")  # the session's S3 server
    env = {**ENV, **{k: os.environ[k] for k in os.environ if k.startswith("AWS_")}}
    env["NEWSETL_LOCK_LEASE"] = "3"  # the killed run's lock is taken over seconds later, not minutes
    first = newsetl(*run_args(bucket, OLD_INPUTS), env=env)
    assert first.returncode == 0, first.stderr
    run = start(run_args(bucket, FULL_INPUTS), logs(baseline, "after_copy"), "after_copy", env)
    run.wait_for_point()
    run.kill()
    outcome = Outcome()
    outcome.after_fault = describe_store(bucket)
    outcome.killed_run = outcome.after_fault["journal"]
    outcome.reader_after_fault = reader_view(bucket)
    outcome.extra["old_run"] = run_id_of(first)
    outcome.rerun = newsetl(*run_args(bucket, FULL_INPUTS), env=env)
    outcome.after_rerun = describe_store(bucket)
    outcome.extra["reader_after_rerun"] = reader_view(bucket)
    outcome.hashes = content_hashes(bucket)
    return outcome


def _slow_run(baseline: Baseline, name: str, timeout: str, kill_worker: bool) -> Outcome:
    """The old inputs and a shard holding one page that keeps a worker busy for minutes."""
    slow = write_slow_shard(baseline.lab / "slow-input")
    out = baseline.lab / name
    env = {**ENV, "NEWSETL_EXTRACT_TIMEOUT": timeout}
    run = start(run_args(out, [*OLD_INPUTS, str(slow)]), logs(baseline, name), env=env)
    outcome = Outcome()
    if kill_worker:
        # Both workers do the same start-up work and the other records are plain text (milliseconds
        # each): a worker that has used 4 s more CPU than its sibling is working on the slow page.
        def busy_worker() -> int | None:
            used = {pid: cpu_seconds(pid) for pid in worker_children(run.pid)}
            if len(used) < 2:
                return None
            busiest = max(used, key=used.__getitem__)
            rest = max(cpu for pid, cpu in used.items() if pid != busiest)
            return busiest if used[busiest] - rest >= 4.0 else None

        victim = wait_until(busy_worker, "a worker busy with the slow page")
        os.kill(victim, signal.SIGKILL)
        outcome.extra["killed_worker"] = victim
    outcome.rerun = run.finish()
    outcome.after_rerun = describe(out)
    outcome.hashes = content_hashes(out)
    outcome.extra["rejects"] = fetch(str(out), "SELECT url, reason, detail FROM rejects").to_pylist()
    manifest = json.loads((date_dir(out, "_manifests") / "latest.json").read_text())
    outcome.extra["counts"] = manifest["counts"]
    return outcome


def concurrent_runs(baseline: Baseline) -> Outcome:
    """Two runs of the date at once, old and full inputs, with a short lock timeout."""
    out = copy_tree(baseline.base, baseline.lab / "concurrent")
    env = {**ENV, "NEWSETL_LOCK_TIMEOUT": "1"}
    runs = {
        name: start(run_args(out, inputs), logs(baseline, f"concurrent-{name}"), env=env)
        for name, inputs in (("old", OLD_INPUTS), ("full", FULL_INPUTS))
    }
    outcome = Outcome()
    outcome.extra["results"] = {name: run.finish() for name, run in runs.items()}
    outcome.extra["run_ids"] = runs_marked_alive(out) - {baseline.base_run}
    outcome.after_rerun = describe(out)
    outcome.extra["manifest"] = json.loads((date_dir(out, "_manifests") / "latest.json").read_text())
    outcome.extra["reader"] = reader_view(out)
    outcome.hashes = content_hashes(out)
    return outcome


PUBLISHES = 5


def reader_during_publishes(baseline: Baseline) -> Outcome:
    """A reader querying in a loop while the date is published again and again, two runs at a time."""
    out = copy_tree(baseline.base, baseline.lab / "reader")
    stop, report = baseline.lab / "reader.stop", baseline.lab / "reader.json"
    reader = subprocess.Popen(
        [sys.executable, "-m", "tests.faults_support", "read-loop", str(out), str(stop), str(report)],
        cwd=ROOT,
        env=ENV,
        start_new_session=True,
    )
    try:
        wait_until(lambda: report.exists() and json.loads(report.read_text())["queries"] > 0, "the reader")
        started = time.monotonic()
        runs = parallel(
            lambda i: newsetl(*run_args(out, FULL_INPUTS if i % 2 else OLD_INPUTS), env=ENV),
            range(PUBLISHES),
            workers=2,
        )
        seconds = time.monotonic() - started
        stop.touch()
        reader.wait(timeout=120)
    finally:
        if reader.poll() is None:
            os.killpg(reader.pid, signal.SIGKILL)
            reader.wait()
    outcome = Outcome()
    outcome.extra.update(runs=runs, report=json.loads(report.read_text()), seconds=seconds)
    outcome.after_rerun = describe(out)
    return outcome


def full_disk(baseline: Baseline) -> Outcome:
    """A tmpfs output that fills up while staging, while validating, at the journal; then space is freed.

    The space a run needs is measured first, on a tmpfs of its own, by a run stopped once its
    manifest and journal are written: tmpfs charges whole pages per file, so the same run needs the
    same pages every time, and each failure point is a number of free pages.
    """
    outcome = Outcome()
    probe_mount = baseline.lab / "disk-measure"
    needed_by_base = pages_of(baseline.base)
    size = needed_by_base + 8192  # 32 MB more than the old run: room for a run, then the filler
    reason = mount_tmpfs(probe_mount, size)
    if reason:
        pytest.skip(reason)
    try:
        out = copy_tree(baseline.base, probe_mount / "out")
        before = free_pages(probe_mount)
        known = runs_marked_alive(out)
        run = start(run_args(out, FULL_INPUTS), logs(baseline, "disk-measure"), "after_journal", ENV)
        run.wait_for_point()
        needs = before - free_pages(probe_mount)
        killed = only(runs_marked_alive(out) - known)
        staging = pages_of(date_dir(out, "_staging") / killed)
        validation = pages_of(date_dir(out, "_validation") / killed)
        journal = pages_of(date_dir(out, "_manifests") / "_publishing.json")
        manifest = pages_of(date_dir(out, "_manifests") / f"{killed}.json")
        run.kill()
    finally:
        unmount(probe_mount)
    outcome.extra["measured"] = {
        "pages": needs,
        "staging": staging,
        "validation": validation,
        "journal": journal,
        "manifest": manifest,
    }
    # Written in this order: staged files, validation result, the run's manifest, the journal.
    levels = {
        "staging": staging // 2,  # half the staged files fit
        # half the validation results fit (at least its last page does not), nothing after them
        "validation": needs - journal - manifest - (validation - validation // 2),
        "journal": needs - journal,  # the manifest fits, the journal does not
    }
    outcome.extra["levels"] = levels
    mount = baseline.lab / "disk"
    reason = mount_tmpfs(mount, size)
    if reason:
        pytest.skip(reason)
    try:
        out = copy_tree(baseline.base, mount / "out")
        for case, free in levels.items():
            # What the case before left (a dead staging folder) would be removed by this run's
            # clean-up and give it more room than `free`: clean up first, as the next run would.
            (mount / "filler").unlink(missing_ok=True)  # room for the clean-up's lock file
            cleaned = newsetl("recover", "--output", str(out), "--date", DAY, env=ENV)
            assert cleaned.returncode == 0, cleaned.stderr
            leave_free(mount, free)
            known = runs_marked_alive(out)
            result = newsetl(*run_args(out, FULL_INPUTS), env=ENV)
            outcome.extra[case] = {
                "result": result,
                "run": only(runs_marked_alive(out) - known),
                "state": describe(out),
                "reader": reader_view(out),
                "manifests": sorted(p.name for p in date_dir(out, "_manifests").iterdir()),
            }
        (mount / "filler").unlink()
        outcome.rerun = newsetl(*run_args(out, FULL_INPUTS), env=ENV)
        outcome.after_rerun = describe(out)
        outcome.extra["manifests"] = sorted(p.name for p in date_dir(out, "_manifests").iterdir())
        outcome.hashes = content_hashes(out)
    finally:
        unmount(mount)
    return outcome


def read_only_output(baseline: Baseline) -> Outcome:
    """The published output bind-mounted read-only."""
    source = copy_tree(baseline.base, baseline.lab / "ro-source")
    mount = baseline.lab / "ro"
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True, text=True)
    if bound.returncode:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True, capture_output=True)
        outcome = Outcome()
        outcome.rerun = newsetl(*run_args(mount, FULL_INPUTS), env=ENV)
        outcome.after_rerun = describe(mount)
        outcome.extra["reader"] = reader_view(mount)
    finally:
        unmount(mount)
    return outcome


def clean_up_after_failures(baseline: Baseline) -> Outcome:
    """A blocked run, a publisher holding the lock, one locked out, a run killed mid-way, then success."""
    out = copy_tree(baseline.base, baseline.lab / "clean-up")
    outcome = Outcome()
    blocked = newsetl(*run_args(out, FULL_INPUTS, "--max-reject-rate", "0"), env=ENV)
    known = runs_marked_alive(out)
    holder = start(run_args(out, FULL_INPUTS), logs(baseline, "holder"), "before_commit", ENV)
    holder.wait_for_point()
    holder_run = only(runs_marked_alive(out) - known)
    holder_file = out / "_locks" / f"crawl_date={DAY}.holder.json"
    holder_info = json.loads(holder_file.read_text())
    locked_out = newsetl(*run_args(out, OLD_INPUTS), env={**ENV, "NEWSETL_LOCK_TIMEOUT": "2"})
    holder.kill()
    midway = start(run_args(out, FULL_INPUTS), logs(baseline, "midway"), "after_shard", ENV)
    midway.wait_for_point()
    midway.kill()
    outcome.after_fault = describe(out)
    outcome.rerun = newsetl(*run_args(out, FULL_INPUTS), env={**ENV, "NEWSETL_VALIDATION_KEEP": "2"})
    outcome.after_rerun = describe(out)
    outcome.hashes = content_hashes(out)
    outcome.extra.update(
        blocked=blocked,
        locked_out=locked_out,
        holder_run=holder_run,
        holder_pid=holder.pid,
        holder_info=holder_info,
    )
    return outcome


SCENARIOS: dict[str, Callable[[Baseline], Outcome]] = {
    # the longest first, so the pool does not end on one of them
    "reader": reader_during_publishes,
    "full_disk": full_disk,
    "clean_up": clean_up_after_failures,
    **{f"kill:{point}": partial(kill_and_rerun, point=point) for point in LOCAL_POINTS},
    "kill:after_copy": kill_after_copy_on_s3,
    "worker_crash": partial(_slow_run, name="worker-crash", timeout="600", kill_worker=True),
    "timeout": partial(_slow_run, name="timeout", timeout="2", kill_worker=False),
    "concurrent": concurrent_runs,
    "read_only": read_only_output,
}


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    lab = tmp_path_factory.mktemp("faults")
    inputs = {"base": OLD_INPUTS, "reference": FULL_INPUTS}
    results = parallel(lambda name: newsetl(*run_args(lab / name, inputs[name]), env=ENV), inputs)
    for name, result in results.items():
        assert not isinstance(result, BaseException), result
        assert result.returncode == 0, f"{name}: {result.stderr}"
    base = lab / "base"
    return Baseline(
        lab, base, run_id_of(results["base"]), content_hashes(base), content_hashes(lab / "reference")
    )


_S3: servers.S3 | None = None  # the session's S3 server, for the object-store scenario


@pytest.fixture(scope="module")
def outcomes(baseline: Baseline, s3_server: servers.S3) -> dict[str, Outcome | BaseException]:
    """Every scenario, three at a time (each is a few processes that mostly wait on each other)."""
    global _S3
    _S3 = s3_server
    s3 = s3_server.env
    saved = {k: os.environ.get(k) for k in s3}
    os.environ.update(s3)  # s3fs in this process (the checks) reaches the same server
    try:
        return parallel(lambda name: SCENARIOS[name](baseline), SCENARIOS, workers=3)
    finally:
        _S3 = None
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def outcome_of(outcomes: dict[str, Outcome | BaseException], name: str) -> Outcome:
    found = outcomes[name]
    if isinstance(found, BaseException):
        raise found
    return found


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    return lines[0]


def report(name: str, **facts: Any) -> None:
    """One line per scenario on stdout (pytest -s, or -rP) for the closing note."""
    print(f"\n[{name}] " + json.dumps(facts, default=str))


# --- kills at each point of a local publish -----------------------------------------------------------


def expected_partitions(point: str, old: str, new: str) -> dict[str, str]:
    """What a plain glob reads after a kill at `point`: the tables swapped so far hold the new run."""
    if point in ("before_commit", "after_commit"):
        swapped = set(TABLES)
    elif point.startswith("after_swap:"):
        order = list(TABLES)
        swapped = set(order[: order.index(point.split(":")[1]) + 1])
    else:
        swapped = set()
    return {table: new if table in swapped else old for table in TABLES}


@pytest.mark.parametrize("point", LOCAL_POINTS)
def test_kill_at_a_point_leaves_a_consistent_date_and_a_rerun_cleans_up(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline, point: str
) -> None:
    outcome = outcome_of(outcomes, f"kill:{point}")
    old, killed = baseline.base_run, outcome.killed_run
    state = outcome.after_fault
    committed = point == "after_commit"
    # After the kill: a manifest reader reads exactly one run, the one latest.json names.
    assert state["latest"] == (killed if committed else old)
    assert outcome.reader_after_fault["runs"] == {DAY: [state["latest"]]}
    assert outcome.reader_after_fault["quotes"] == 0 and outcome.reader_after_fault["citations"] == 0
    assert state["journal"] == (killed if point in JOURNAL_POINTS else None)
    assert state["partitions"] == expected_partitions(point, old, killed)
    assert state["staging"] == ([killed] if LOCAL_POINTS.index(point) <= 2 else [])
    assert state["inprogress"] == []
    # The rerun finishes what the killed run journaled, then publishes itself, and cleans up.
    rerun = outcome.rerun
    assert rerun.returncode == 0, rerun.stderr
    assert ("finishing the interrupted publish of run " + killed in rerun.stderr) == (point in JOURNAL_POINTS)
    new = run_id_of(rerun)
    after = outcome.after_rerun
    assert after["latest"] == new and after["journal"] is None
    assert after["partitions"] == dict.fromkeys(TABLES, new)
    assert after["staging"] == [] and after["inprogress"] == []
    assert old in after["runs"]  # superseded, its files stay a while for readers that resolved it
    assert outcome.extra["reader_after_rerun"]["runs"] == {DAY: [new]}
    assert outcome.hashes == baseline.reference_hashes
    report(f"kill {point}", killed=killed, after_kill=state, rerun=new, after_rerun=after)


def test_recover_rolls_a_publish_killed_between_swaps_forward(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, f"kill:{RECOVER_POINT}")
    recovered = outcome.extra["recover"]
    result, state, killed = recovered["result"], recovered["state"], outcome.killed_run
    assert result.returncode == 0, result.stderr
    assert f"rolled forward the publish of run {killed}" in result.stdout
    assert state["latest"] == killed and state["journal"] is None
    assert state["partitions"] == dict.fromkeys(TABLES, killed)
    assert state["staging"] == [] and state["inprogress"] == []
    assert recovered["reader"]["runs"] == {DAY: [killed]}
    assert recovered["hashes"] == baseline.reference_hashes  # the killed run had read the full inputs
    report("recover", before=outcome.after_fault, after=state, stdout=result.stdout.strip())


def test_kill_after_the_copy_on_an_object_store(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "kill:after_copy")
    old, killed = outcome.extra["old_run"], outcome.killed_run
    state = outcome.after_fault
    assert killed is not None and killed != old
    assert state["latest"] == old and state["journal"] == killed
    # a plain listing sees both runs' files side by side; a manifest reader sees the old run only
    assert state["partitions"] == dict.fromkeys(TABLES, "+".join(sorted((old, killed))))
    assert outcome.reader_after_fault["runs"] == {DAY: [old]}
    assert state["inprogress"] == []
    rerun = outcome.rerun
    assert rerun.returncode == 0, rerun.stderr
    new = run_id_of(rerun)
    after = outcome.after_rerun
    assert after["latest"] == new and after["journal"] is None
    assert after["partitions"] == dict.fromkeys(TABLES, new)  # the old run's files are deleted
    assert after["staging"] == [] and after["inprogress"] == []
    assert outcome.extra["reader_after_rerun"]["runs"] == {DAY: [new]}
    assert outcome.hashes == baseline.reference_hashes
    report("kill after_copy (s3)", killed=killed, after_kill=state, rerun=new, after_rerun=after)


# --- workers -------------------------------------------------------------------------------------------


def test_a_worker_killed_during_a_record_makes_it_a_worker_crash(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "worker_crash")
    assert outcome.rerun.returncode == 0, outcome.rerun.stderr
    crash = only(outcome.extra["rejects"])
    assert crash["url"] == SLOW_URL and crash["reason"] == "worker_crash"
    assert "-9" in crash["detail"]
    counts = outcome.extra["counts"]
    assert counts["rejects_by_reason"] == {"worker_crash": 1} and counts["worker_restarts"] == 1
    for table in ("articles", "quotes", "citations"):  # nothing else was lost
        assert outcome.hashes[table] == baseline.base_hashes[table]
    report("worker_crash", rejects=outcome.extra["rejects"], counts=counts)


def test_a_page_that_hangs_the_extractor_becomes_a_timeout(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "timeout")
    assert outcome.rerun.returncode == 0, outcome.rerun.stderr
    hung = only(outcome.extra["rejects"])
    assert hung["url"] == SLOW_URL and hung["reason"] == "timeout"
    assert "no result within 2 s" in hung["detail"]
    for table in ("articles", "quotes", "citations"):
        assert outcome.hashes[table] == baseline.base_hashes[table]
    report(
        "timeout", rejects=outcome.extra["rejects"], seconds=outcome.extra["counts"].get("process_seconds")
    )


# --- concurrency ---------------------------------------------------------------------------------------


def test_two_concurrent_runs_leave_exactly_one_of_them(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "concurrent")
    results = outcome.extra["results"]
    assert {r.returncode for r in results.values()} <= {0, 1}
    published = {name: run_id_of(r) for name, r in results.items() if r.returncode == 0}
    assert published, {name: r.stderr for name, r in results.items()}
    assert len(outcome.extra["run_ids"]) == 2
    for result in results.values():
        if result.returncode == 1:  # locked out: the message names the other run, which held the lock
            line = one_clear_line(result)
            holder = only(published.values())
            assert "is being published by another run" in line and f"run_id={holder}" in line, line
    latest = outcome.after_rerun["latest"]
    assert latest in published.values()
    if len(published) == 2:  # the later publisher superseded the earlier one
        assert outcome.extra["manifest"]["supersedes"] in published.values()
    winner = only(name for name, run in published.items() if run == latest)
    assert outcome.hashes == (baseline.reference_hashes if winner == "full" else baseline.base_hashes)
    assert outcome.extra["reader"]["runs"] == {DAY: [latest]}
    assert outcome.after_rerun["partitions"] == dict.fromkeys(TABLES, latest)
    assert outcome.after_rerun["journal"] is None and outcome.after_rerun["staging"] == []
    report(
        "concurrent",
        exits={n: r.returncode for n, r in results.items()},
        stderr={n: r.stderr.strip()[-300:] for n, r in results.items() if r.returncode},
        latest=winner,
    )


def test_a_reader_in_a_loop_never_sees_two_runs_or_an_error(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "reader")
    runs = outcome.extra["runs"]
    for result in runs.values():
        assert not isinstance(result, BaseException), result
        assert result.returncode == 0, result.stderr
    published = {run_id_of(r) for r in runs.values()}
    counts = outcome.extra["report"]
    assert counts["errors"] == 0, counts["error_samples"]
    assert counts["mixed"] == 0 and counts["orphans"] == 0
    assert set(counts["runs_seen"]) <= published | {baseline.base_run}
    assert len(counts["runs_seen"]) >= 3, "the reader did not overlap the publishes"
    assert counts["runs_seen"][-1] == outcome.after_rerun["latest"]
    report(
        "reader",
        queries=counts["queries"],
        publishes=len(published),
        errors=counts["errors"],
        mixed=counts["mixed"],
        orphans=counts["orphans"],
        runs_seen=len(counts["runs_seen"]),
        seconds=round(outcome.extra["seconds"], 1),
    )


# --- disks ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["staging", "validation", "journal"])
def test_a_full_disk_fails_the_run_cleanly_and_keeps_the_date(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline, case: str
) -> None:
    outcome = outcome_of(outcomes, "full_disk")
    seen = outcome.extra[case]
    result, state = seen["result"], seen["state"]
    assert result.returncode == 1, (result.stdout, result.stderr)
    line = one_clear_line(result)
    assert "no space left" in line, line
    assert state["latest"] == baseline.base_run and state["journal"] is None
    assert state["partitions"] == dict.fromkeys(TABLES, baseline.base_run)
    assert seen["reader"]["runs"] == {DAY: [baseline.base_run]}
    assert state["inprogress"] == []
    assert f"{seen['run']}.json" not in seen["manifests"]  # no manifest of a run that never published
    report(f"full disk at {case}", free_pages=outcome.extra["levels"][case], stderr=line, state=state)


def test_after_a_full_disk_is_freed_a_rerun_publishes(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "full_disk")
    assert outcome.rerun.returncode == 0, outcome.rerun.stderr
    after = outcome.after_rerun
    assert after["latest"] == run_id_of(outcome.rerun) and after["journal"] is None
    assert after["staging"] == [] and after["inprogress"] == []
    assert outcome.hashes == baseline.reference_hashes
    report(
        "full disk freed",
        measured=outcome.extra["measured"],
        after=after,
        manifests=outcome.extra["manifests"],
    )


def test_a_read_only_output_fails_with_one_line(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "read_only")
    assert outcome.rerun.returncode == 1
    line = one_clear_line(outcome.rerun)
    assert "not writable" in line, line
    assert outcome.after_rerun["latest"] == baseline.base_run
    assert outcome.extra["reader"]["runs"] == {DAY: [baseline.base_run]}
    report("read-only", stderr=line)


# --- clean-up ------------------------------------------------------------------------------------------


def test_failed_runs_leave_nothing_behind_a_successful_one(
    outcomes: dict[str, Outcome | BaseException], baseline: Baseline
) -> None:
    outcome = outcome_of(outcomes, "clean_up")
    extra = outcome.extra
    assert extra["blocked"].returncode == 3, extra["blocked"].stderr
    # the second publisher names the run holding the lock now (not a stale one)
    locked_out = extra["locked_out"]
    assert locked_out.returncode == 1
    line = one_clear_line(locked_out)
    assert f"run_id={extra['holder_run']}" in line and f"pid {extra['holder_pid']}" in line, line
    assert extra["holder_info"]["run_id"] == extra["holder_run"]
    before = outcome.after_fault
    assert len(before["staging"]) >= 2 and len(before["validation"]) >= 4
    assert outcome.rerun.returncode == 0, outcome.rerun.stderr
    after = outcome.after_rerun
    new = run_id_of(outcome.rerun)
    assert after["latest"] == new and after["journal"] is None
    assert after["staging"] == [] and after["inprogress"] == []
    assert len(after["validation"]) <= 2 and new in after["validation"]
    assert outcome.hashes == baseline.reference_hashes
    report("clean-up", before=before, after=after, locked_out=line)
