"""Helpers for the fault-injection suite: real `newsetl` processes, stopped at named points, killed for real.

A run is started in its own session (so its process group holds it and its
worker children), with NEWSETL_FAULT_AT / NEWSETL_FAULT_SIGNAL set when it
must stop at a point (see `pipeline.faults`). Tests wait on states (a signal
file, a process's counters in /proc), never on sleeps, and kill the whole
group with SIGKILL.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pipeline.query import fetch
from pipeline.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
DAY = "2025-01-22"
RAW = ROOT / "sample" / "raw" / DAY
FULL_INPUTS = [str(RAW)]  # four shards: the loose .txt folder, a JSONL, a WARC, a gzipped JSONL
OLD_INPUTS = [str(RAW / "fenwick-lighthouse-restoration.txt"), str(RAW / "partner-20250122.jsonl.gz")]
RUN_DEADLINE = 900.0  # seconds; generous bounds, so a loaded machine is slow, never wrong
POLL = 0.05
# Columns that differ between two runs of the same inputs; everything else must be identical.
RUN_SPECIFIC = ("run_id", "crawl_date")

T = TypeVar("T")
R = TypeVar("R")


def environment(**extra: str) -> dict[str, str]:
    """The environment of a `newsetl` subprocess: ours without fault settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSETL_FAULT")}
    env["GX_ANALYTICS_ENABLED"] = "false"
    env.update(extra)
    return env


def run_args(output: Path | str, inputs: list[str], *extra: str) -> list[str]:
    args = ["run"]
    for item in inputs:
        args += ["--input", item]
    return [*args, "--output", str(output), "--date", DAY, "--workers", "2", *extra]


def newsetl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env or environment(),
        timeout=RUN_DEADLINE,
    )


def wait_until(condition: Callable[[], T], what: str, deadline: float = RUN_DEADLINE) -> T:
    """Poll `condition` until it returns something truthy; fail clearly after `deadline` seconds."""
    end = time.monotonic() + deadline
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= end:
            raise TimeoutError(f"gave up after {deadline:g} s waiting for {what}")
        time.sleep(POLL)


# --- processes --------------------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, ..."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group, from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields and fields[0] != "Z" and int(fields[2]) == pgid:
                members.append(int(entry))
    return members


def _parent(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[1]) if fields else None


def _is_fork_server(pid: int) -> bool:
    try:
        return b"multiprocessing.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def forked_workers(pids: list[int]) -> list[int]:
    """The extraction workers among `pids`: the children of a multiprocessing fork server (the
    server itself lives as long as the process that started it; its children only while they work)."""
    servers = {pid for pid in pids if _is_fork_server(pid)}
    return [pid for pid in pids if _parent(pid) in servers]


def worker_children(pid: int) -> list[int]:
    """The extraction workers of a run (the run leads its own process group)."""
    return forked_workers(group_members(pid))


def bytes_read(pid: int) -> int:
    """Bytes the process has read so far (files and pipes), from /proc/<pid>/io."""
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("rchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


@dataclass
class Run:
    """A `newsetl` process in its own session; stdout and stderr go to files."""

    process: subprocess.Popen[bytes]
    signal_file: Path
    stdout: Path
    stderr: Path
    point: str | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> tuple[str, str]:
        return self.stdout.read_text(), self.stderr.read_text()

    def wait_for_point(self, deadline: float = RUN_DEADLINE) -> None:
        """Wait until the run reports it stopped at its fault point (it fails if the run ends first)."""

        def reached() -> bool:
            if self.signal_file.exists() and self.signal_file.read_text() == self.point:
                return True
            if self.process.poll() is not None:
                out, err = self.output()
                raise AssertionError(
                    f"the run ended (exit {self.process.returncode}) before reaching {self.point}:\n{out}\n{err}"
                )
            return False

        wait_until(reached, f"the run to reach {self.point}", deadline)

    def kill(self) -> None:
        """SIGKILL the whole group (the run and its workers) and wait until none of it is left."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=60)
        wait_until(lambda: not group_members(self.pid), f"process group {self.pid} to die", 60)

    def finish(self, deadline: float = RUN_DEADLINE) -> subprocess.CompletedProcess[str]:
        self.process.wait(timeout=deadline)
        out, err = self.output()
        return subprocess.CompletedProcess(self.process.args, self.process.returncode, out, err)


def start(args: list[str], logs: Path, point: str | None = None, env: dict[str, str] | None = None) -> Run:
    """Start `newsetl <args>` in its own session, stopping at `point` if given."""
    logs.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    signal_file = logs / f"signal-{tag}"
    env = dict(env or environment())
    if point:
        env.update(NEWSETL_FAULT_AT=point, NEWSETL_FAULT_SIGNAL=str(signal_file))
    stdout, stderr = logs / f"stdout-{tag}", logs / f"stderr-{tag}"
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
    return Run(process, signal_file, stdout, stderr, point)


def parallel(function: Callable[[T], R], items: Iterable[T], workers: int = 3) -> dict[T, R | BaseException]:
    """`function` over `items`, a few at a time; each item's result or the exception it raised."""
    items = list(items)

    def guarded(item: T) -> R | BaseException:
        try:
            return function(item)
        except BaseException as error:  # reported by the test that owns the item
            return error

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(items, pool.map(guarded, items), strict=True))


def copy_tree(source: Path, target: Path) -> Path:
    """`cp -a`: hard links between a partition and its run stay hard links in the copy."""
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)
    return target


# --- the state of a date ---------------------------------------------------------------------------


def date_dir(output: Path, kind: str) -> Path:
    return output / kind / f"crawl_date={DAY}"


def latest_run(output: Path) -> str | None:
    path = date_dir(output, "_manifests") / "latest.json"
    return json.loads(path.read_text())["run_id"] if path.exists() else None


def journal(output: Path) -> dict[str, Any] | None:
    path = date_dir(output, "_manifests") / "_publishing.json"
    return json.loads(path.read_text()) if path.exists() else None


def runs_marked_alive(output: Path) -> set[str]:
    """Every run that ever started on the date (each leaves `_locks/crawl_date=D/<run_id>.alive`)."""
    folder = output / "_locks" / f"crawl_date={DAY}"
    return {p.name.removesuffix(".alive") for p in folder.glob("*.alive")} if folder.exists() else set()


def children(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def inprogress_files(output: Path) -> list[str]:
    return sorted(str(p.relative_to(output)) for p in output.rglob("*.inprogress"))


def partition_runs(output: Path) -> dict[str, str]:
    """Which run each table's partition folder holds (what a plain glob reads), by the files' inodes."""
    owner: dict[tuple[int, int], str] = {}
    for path in date_dir(output, "_runs").glob("*/*/*.parquet"):
        info = path.stat()
        owner[(info.st_dev, info.st_ino)] = path.parents[1].name
    held = {}
    for table in TABLES:
        runs = set()
        for path in date_dir(output, table).glob("*.parquet"):
            info = path.stat()
            runs.add(owner.get((info.st_dev, info.st_ino), "?"))
        held[table] = "+".join(sorted(runs)) or "-"
    return held


def describe(output: Path) -> dict[str, Any]:
    """The date's state on disk, for assertions and for the report."""
    pending = journal(output)
    return {
        "latest": latest_run(output),
        "journal": pending["run_id"] if pending else None,
        "partitions": partition_runs(output),
        "staging": children(date_dir(output, "_staging")),
        "runs": children(date_dir(output, "_runs")),
        "validation": children(date_dir(output, "_validation")),
        "alive_marks": len(runs_marked_alive(output)),
        "inprogress": inprogress_files(output),
    }


_RUN_IDS_SQL = " UNION ALL ".join(
    f"SELECT '{table}' AS source, crawl_date::VARCHAR AS day, run_id FROM {table}" for table in TABLES
)
_ORPHANS_SQL = """
    SELECT
        (SELECT count(*) FROM quotes q ANTI JOIN articles a
            ON q.article_id = a.article_id AND q.crawl_date = a.crawl_date) AS quotes,
        (SELECT count(*) FROM citations c ANTI JOIN articles a
            ON c.article_id = a.article_id AND c.crawl_date = a.crawl_date) AS citations,
        (SELECT count(*) FROM articles) AS articles
"""


def reader_view(output: Path | str) -> dict[str, Any]:
    """What a manifest reader sees: the run ids per date (over the four tables) and orphan rows."""
    rows = fetch(str(output), f"SELECT DISTINCT day, run_id FROM ({_RUN_IDS_SQL})").to_pylist()
    by_day: dict[str, set[str]] = {}
    for row in rows:
        by_day.setdefault(row["day"], set()).add(row["run_id"])
    orphans = fetch(str(output), _ORPHANS_SQL).to_pylist()[0]
    return {"runs": {d: sorted(r) for d, r in by_day.items()}, **orphans}


def content_hashes(output: Path | str) -> dict[str, tuple[int, str]]:
    """Each table's rows for the date, without run-specific columns, as (row count, hash of the sorted rows)."""
    hashes = {}
    for table in TABLES:
        rows = fetch(str(output), f"SELECT * FROM {table} WHERE crawl_date = DATE '{DAY}'").to_pylist()
        lines = sorted(
            json.dumps({k: v for k, v in row.items() if k not in RUN_SPECIFIC}, sort_keys=True, default=str)
            for row in rows
        )
        hashes[table] = (len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16])
    return hashes


@dataclass
class Outcome:
    """What one fault scenario produced: states after the fault and after the recovery, and the runs."""

    killed_run: str | None = None
    after_fault: dict[str, Any] = field(default_factory=dict)
    reader_after_fault: dict[str, Any] = field(default_factory=dict)
    rerun: subprocess.CompletedProcess[str] | None = None
    after_rerun: dict[str, Any] = field(default_factory=dict)
    hashes: dict[str, tuple[int, str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# --- a page that keeps the extractor busy ------------------------------------------------------------

SLOW_URL = "https://wenlow-courier.example/archive/everything"


def slow_page(levels: int = 240, paragraphs_per_level: int = 100) -> str:
    """3 MB of div soup nested 240 deep (just under the parser's depth limit), 100 linked paragraphs a level.

    trafilatura scores each level's subtree, so the work grows with depth times size:
    measured at about 36 s of CPU for 2.4 MB (20,000 paragraphs) on a loaded 2-core machine.
    """
    sentence = "The council said on Monday that the harbour works would resume after the storm season ended. "
    level = "".join(f"<p>{sentence}<a href='/archive/{j}'>more</a></p>" for j in range(paragraphs_per_level))
    return (
        "<html><head><title>Everything we ever published</title></head><body>"
        + f"<div>{level}" * levels
        + "</div>" * levels
        + "</body></html>"
    )


def write_slow_shard(folder: Path) -> Path:
    """A JSONL shard holding the slow page alone."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "archive-dump.jsonl"
    line = {"url": SLOW_URL, "id": "archive-1", "fetched_at": f"{DAY}T08:00:00Z", "html": slow_page()}
    path.write_text(json.dumps(line) + "\n")
    return path


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, from /proc/<pid>/stat."""
    fields = _stat(pid)
    if fields is None:
        return -1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_id_of(result: subprocess.CompletedProcess[str]) -> str:
    """The run id a successful `newsetl run` printed."""
    found = re.search(r"\(run ([0-9TZ]+-[0-9a-f]+)\)", result.stdout)  # "crawl_date=D published (run R)"
    if found:
        return found.group(1)
    raise AssertionError(f"no run_id in the output of a run: {result.stdout!r} {result.stderr!r}")


def only(items: Iterable[T]) -> T:
    found = list(items)
    assert len(found) == 1, f"expected exactly one, got {found}"
    return found[0]


# --- object stores ------------------------------------------------------------------------------------


def describe_store(output: str) -> dict[str, Any]:
    """The date's state on an object store: what each partition holds (by the run tag in file names)."""
    from pipeline.sources.fs import filesystem
    from pipeline.store.layout import run_tag

    fs, root = filesystem(output)
    fs.invalidate_cache()
    root = root.rstrip("/")

    def names(folder: str) -> list[str]:
        path = f"{root}/{folder}/crawl_date={DAY}"
        return sorted(p.rsplit("/", 1)[-1] for p in fs.ls(path, detail=False)) if fs.exists(path) else []

    manifests = names("_manifests")
    runs = {m.removesuffix(".json") for m in manifests if not m.startswith(("_", "latest"))}
    tags = {run_tag(r): r for r in runs}
    partitions = {}
    for table in TABLES:
        held = {tags.get(n.removesuffix(".parquet").rsplit("-r", 1)[-1], "?") for n in names(table)}
        partitions[table] = "+".join(sorted(held)) or "-"
    latest = json.loads(fs.cat_file(f"{root}/_manifests/crawl_date={DAY}/latest.json"))
    journal_path = f"{root}/_manifests/crawl_date={DAY}/_publishing.json"
    pending = json.loads(fs.cat_file(journal_path)) if fs.exists(journal_path) else None
    return {
        "latest": latest["run_id"],
        "journal": pending["run_id"] if pending else None,
        "partitions": partitions,
        "staging": names("_staging"),
        "inprogress": sorted(p for p in fs.find(root) if p.endswith(".inprogress")),
    }


# --- a full disk ----------------------------------------------------------------------------------------

PAGE = 4096  # tmpfs charges each regular file in whole pages, directories nothing


def pages_of(path: Path) -> int:
    """What a file or a tree costs on a tmpfs, in pages."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(-(-p.stat().st_size // PAGE) for p in files)


def mount_tmpfs(mountpoint: Path, pages: int) -> str | None:
    """Mount a tmpfs of `pages` pages; the reason when this machine does not allow it."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={pages * PAGE}", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
    )
    return None if done.returncode == 0 else f"cannot mount a tmpfs here: {done.stderr.strip()}"


def unmount(mountpoint: Path) -> None:
    subprocess.run(["umount", str(mountpoint)], capture_output=True)


def free_pages(mountpoint: Path) -> int:
    info = os.statvfs(mountpoint)
    return info.f_bavail * info.f_frsize // PAGE


def leave_free(mountpoint: Path, pages: int) -> None:
    """Grow or shrink a filler file so that exactly `pages` pages stay free."""
    filler = mountpoint / "filler"
    current = filler.stat().st_size // PAGE if filler.exists() else 0
    size = current + free_pages(mountpoint) - pages
    assert size >= 0, f"cannot leave {pages} pages free: {free_pages(mountpoint)} free with the filler empty"
    filler.unlink(missing_ok=True)
    if size:
        handle = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            os.posix_fallocate(handle, 0, size * PAGE)
        finally:
            os.close(handle)
    assert free_pages(mountpoint) == pages, (free_pages(mountpoint), pages)


# --- a reader in a loop ---------------------------------------------------------------------------------

_ONE_RESULT_SQL = f"""
    WITH ids AS ({_RUN_IDS_SQL}),
    per_day AS (SELECT day, count(DISTINCT run_id) AS runs, min(run_id) AS run_id FROM ids GROUP BY day)
    SELECT per_day.*,
        (SELECT count(*) FROM quotes q ANTI JOIN articles a
            ON q.article_id = a.article_id AND q.crawl_date = a.crawl_date) AS orphan_quotes,
        (SELECT count(*) FROM citations c ANTI JOIN articles a
            ON c.article_id = a.article_id AND c.crawl_date = a.crawl_date) AS orphan_citations
    FROM per_day
"""


# Between two queries: about 15 queries a second on a quiet machine, while leaving the CPU to the
# publishes (a reader flat out took a fifth of the suite's CPU time).
READER_PAUSE = 0.05


def read_loop(output: str, stop: Path, report: Path) -> None:
    """Query the output through its manifests until `stop` exists; count what each result showed.

    One statement per query: the run ids of the four tables and the rows
    pointing at a missing article come from the same result.
    """
    counts: dict[str, Any] = {"queries": 0, "errors": 0, "mixed": 0, "orphans": 0, "error_samples": []}
    seen: list[str] = []
    last_report = 0.0
    while True:
        finishing = stop.exists()
        try:
            rows = fetch(output, _ONE_RESULT_SQL).to_pylist()
            counts["queries"] += 1
            for row in rows:
                counts["mixed"] += row["runs"] > 1
                counts["orphans"] += bool(row["orphan_quotes"] or row["orphan_citations"])
                if row["run_id"] not in seen:
                    seen.append(row["run_id"])
        except Exception as error:
            counts["errors"] += 1
            if len(counts["error_samples"]) < 5:
                counts["error_samples"].append(f"{type(error).__name__}: {error}"[:300])
        if finishing or time.monotonic() - last_report > 0.5:
            temporary = report.with_suffix(".tmp")
            temporary.write_text(json.dumps({**counts, "runs_seen": seen}))
            temporary.replace(report)
            last_report = time.monotonic()
        if finishing:
            return
        time.sleep(READER_PAUSE)


if __name__ == "__main__":
    if sys.argv[1:2] == ["read-loop"]:
        read_loop(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
