"""Publishing a date: the four tables and the manifest move from one run to the next together.

A publish is a journal-guarded roll forward, under the date's lock:

1. Everything that needs disk space is written first: the run's manifest
   (`_manifests/crawl_date=D/<run_id>.json`) and the journal
   (`_publishing.json`, the same document). A full disk fails here, before
   anything a reader sees has changed.
2. The tables move in:
   - locally, the staging folder becomes the run's home (`_runs/D/<run_id>/`,
     one rename); each table's partition folder is swapped, in one
     `renameat2(RENAME_EXCHANGE)`, with a folder of hard links to the run's
     files (so a partition holds a run exactly when its files are the same
     inodes as the run's own);
   - on object stores (no rename), the staged files are copied to the
     partition under names that carry the run's tag, beside the old run's.
3. The commit: the journal becomes `latest.json` (one rename locally, one PUT
   on object stores). Then, on object stores, the old run's files are deleted.

A run killed anywhere in 2 or 3 leaves its journal: the next publish of the
date (or `newsetl recover`) finishes it first, since a journal is written
only after validation passed. Readers that go through the manifest
(`newsetl query`, `pipeline.query`) read exactly the files `latest.json`
names, which stay in place for a while after they are superseded; a plain
glob over a partition sees each table switch at once locally (the four
tables within a fraction of a second of each other), and on object stores
sees old and new files side by side between the copy and the delete.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import posixpath
import shutil
import time
from datetime import UTC, datetime
from typing import Any

from fsspec.implementations.local import LocalFileSystem

from pipeline.faults import fault_point
from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem
from pipeline.store.jsonio import fsync_directory, read_json, write_json
from pipeline.store.layout import Layout, run_tag
from pipeline.store.locks import date_lock, run_is_alive

log = logging.getLogger(__name__)

# Superseded runs' files stay this long, so a reader that resolved the previous manifest can finish.
RUN_RETENTION_SECONDS = float(os.environ.get("NEWSETL_RUN_RETENTION_SECONDS", "600"))
# Staging of runs that left no liveness mark (Airflow tasks, object stores) is removed after this.
STAGING_TTL_SECONDS = float(os.environ.get("NEWSETL_STAGING_TTL_SECONDS", str(24 * 3600)))
VALIDATION_KEEP = int(os.environ.get("NEWSETL_VALIDATION_KEEP", "10"))
_SUPERSEDED = "_superseded_at"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def publish(layout: Layout, manifest: dict[str, Any]) -> dict[str, Any]:
    """Make the run's staged tables the date's tables, and its manifest the date's manifest."""
    with date_lock(layout):
        recover_locked(layout)
        previous = read_json(layout.latest_manifest)
        if previous is not None and previous.get("run_id") == layout.run_id:
            return previous  # a retried publish (an Airflow task, say) of a run already published
        fs, _ = filesystem(layout.output)
        local = isinstance(fs, LocalFileSystem)
        manifest = {**manifest, **_file_lists(fs, layout, local)}
        manifest["supersedes"] = previous.get("run_id") if previous else None
        write_json(f"{layout.manifest_dir}/{layout.run_id}.json", manifest)
        write_json(layout.journal, manifest)
        fault_point("after_journal")
        _roll_forward(fs, layout, manifest, local)
        clean_up_locked(layout)
    return manifest


def _file_lists(fs: Any, layout: Layout, local: bool) -> dict[str, Any]:
    """The files the manifest pins (paths relative to the output root) and what each partition holds."""
    pinned: dict[str, list[str]] = {}
    partitions: dict[str, list[str]] = {}
    for table in TABLES:
        staged = filesystem(layout.staged_table(table))[1]
        names = (
            sorted(posixpath.basename(p) for p in fs.ls(staged, detail=False)) if fs.exists(staged) else []
        )
        names = [n for n in names if n.endswith(".parquet")]
        if local:
            home = layout.relative(posixpath.join(layout.run_home(), table))
            pinned[table] = [posixpath.join(home, name) for name in names]
            final = names
        else:
            final = [name.removesuffix(".parquet") + _object_suffix(layout.run_id) for name in names]
            pinned[table] = [posixpath.join(table, layout.date_dir, name) for name in final]
        partitions[table] = [posixpath.join(table, layout.date_dir, name) for name in final]
    return {"files": pinned, "partition_files": partitions}


def _object_suffix(run_id: str) -> str:
    """Object stores keep old and new files side by side until the commit: names carry the run's tag."""
    return f"-r{run_tag(run_id)}.parquet"


def _staged_name(published: str, run_id: str) -> str:
    return posixpath.basename(published).removesuffix(_object_suffix(run_id)) + ".parquet"


def _roll_forward(fs: Any, layout: Layout, manifest: dict[str, Any], local: bool) -> None:
    if local:
        _move_in_local(layout, manifest)
    else:
        _copy_in_object(fs, layout, manifest)
    fault_point("before_commit")
    _commit(fs, layout, local)
    fault_point("after_commit")
    if not local:
        _delete_superseded_objects(fs, layout, manifest)
    previous = manifest.get("supersedes")
    if local and previous and previous != layout.run_id:
        home = filesystem(layout.run_home(previous))[1]
        if os.path.isdir(home):
            write_json(posixpath.join(layout.run_home(previous), _SUPERSEDED), {"at": time.time()})


def _commit(fs: Any, layout: Layout, local: bool) -> None:
    if local:
        journal, latest = filesystem(layout.journal)[1], filesystem(layout.latest_manifest)[1]
        os.replace(journal, latest)
        fsync_directory(os.path.dirname(latest))
        return
    document = read_json(layout.journal)
    if document is not None:
        write_json(layout.latest_manifest, document)
        fs.rm_file(filesystem(layout.journal)[1])


# --- local: rename, hard links, exchange -------------------------------------------------------------


def _exchange(first: str, second: str) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), second)


def _holds_run(final: str, run_files: list[str]) -> bool:
    """Whether the partition folder already holds the run's files (hard links to them: same inodes)."""
    if not run_files:
        return False
    try:
        return os.path.samefile(os.path.join(final, os.path.basename(run_files[0])), run_files[0])
    except OSError:
        return False


def _move_in_local(layout: Layout, manifest: dict[str, Any]) -> None:
    home = filesystem(layout.run_home())[1]
    staging = filesystem(layout.staging)[1]
    if not os.path.isdir(home):
        os.makedirs(os.path.dirname(home), exist_ok=True)
        if os.path.isdir(staging):
            os.rename(staging, home)
        else:
            os.makedirs(home)  # an empty day published on purpose: nothing was staged
    for table in TABLES:
        final = filesystem(layout.partition(table))[1]
        run_files = [filesystem(posixpath.join(layout.output, r))[1] for r in manifest["files"][table]]
        if _holds_run(final, run_files):
            continue  # moved in before a crash
        incoming = os.path.join(home, "_swap", table)
        shutil.rmtree(incoming, ignore_errors=True)
        os.makedirs(incoming)
        for source in run_files:
            os.link(source, os.path.join(incoming, os.path.basename(source)))
        fsync_directory(incoming)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        if not os.path.exists(final):
            os.rename(incoming, final)
        elif not _exchange(incoming, final):
            # No exchange here: a moment with no partition, never a mix of two runs in one table.
            old = incoming + ".old"
            os.rename(final, old)
            os.rename(incoming, final)
            incoming = old
        fsync_directory(os.path.dirname(final))
        shutil.rmtree(incoming, ignore_errors=True)  # the previous run's links; its files stay in its home
        fault_point(f"after_swap:{table}")
    shutil.rmtree(os.path.join(home, "_swap"), ignore_errors=True)


# --- object stores: copy, commit, delete ----------------------------------------------------------------


def _copy_in_object(fs: Any, layout: Layout, manifest: dict[str, Any]) -> None:
    root = filesystem(layout.output)[1].rstrip("/")
    sources, targets = [], []
    for table in TABLES:
        partition = filesystem(layout.partition(table))[1]
        present = set(fs.ls(partition, detail=False)) if fs.exists(partition) else set()
        staged = filesystem(layout.staged_table(table))[1]
        for relative in manifest["files"][table]:
            target = f"{root}/{relative}"
            if target in present:
                continue  # copied before a crash
            sources.append(f"{staged}/{_staged_name(relative, layout.run_id)}")
            targets.append(target)
    if sources:
        fs.copy(sources, targets)
        fault_point("after_copy")


def _delete_superseded_objects(fs: Any, layout: Layout, manifest: dict[str, Any]) -> None:
    root = filesystem(layout.output)[1].rstrip("/")
    keep = {f"{root}/{relative}" for files in manifest["files"].values() for relative in files}
    stale = []
    for table in TABLES:
        partition = filesystem(layout.partition(table))[1]
        if fs.exists(partition):
            stale += [p for p in fs.ls(partition, detail=False) if p not in keep]
    if stale:
        fs.rm(stale)
    staging = filesystem(layout.staging)[1]
    if fs.exists(staging):
        fs.rm(staging, recursive=True)


# --- recovery --------------------------------------------------------------------------------------


def recover(output: str, crawl_date: str) -> str:
    """Finish (or undo) a publish of the date that was interrupted; returns what was done."""
    layout = Layout(output, crawl_date, f"recover-{os.getpid()}")
    with date_lock(layout):
        outcome = recover_locked(layout)
        clean_up_locked(layout)
    return outcome


def recover_locked(layout: Layout) -> str:
    """With the date's lock held: roll an interrupted publish forward (or back, if its files are gone)."""
    journal = read_json(layout.journal)
    if journal is None:
        return "nothing to recover"
    fs, _ = filesystem(layout.output)
    local = isinstance(fs, LocalFileSystem)
    run = Layout(layout.output, layout.crawl_date, journal["run_id"])
    if _run_files_present(fs, run, journal, local):
        log.warning("crawl_date=%s: finishing the interrupted publish of run %s", run.crawl_date, run.run_id)
        _roll_forward(fs, run, journal, local)
        return f"rolled forward the publish of run {run.run_id}"
    log.warning(
        "crawl_date=%s: the interrupted publish of run %s lost its files; undone", run.crawl_date, run.run_id
    )
    if not local:
        root = filesystem(layout.output)[1].rstrip("/")
        written = [f"{root}/{r}" for files in journal["files"].values() for r in files]
        with contextlib.suppress(FileNotFoundError):
            fs.rm([p for p in written if fs.exists(p)])
    fs.rm_file(filesystem(layout.journal)[1])
    return f"rolled back the publish of run {run.run_id}"


def _run_files_present(fs: Any, run: Layout, journal: dict[str, Any], local: bool) -> bool:
    if local:
        return os.path.isdir(filesystem(run.run_home())[1]) or os.path.isdir(filesystem(run.staging)[1])
    root = filesystem(run.output)[1].rstrip("/")
    for table, files in journal["files"].items():
        staged = filesystem(run.staged_table(table))[1]
        for relative in files:
            if not fs.exists(f"{root}/{relative}") and not fs.exists(
                f"{staged}/{_staged_name(relative, run.run_id)}"
            ):
                return False
    return True


# --- clean-up ------------------------------------------------------------------------------------------


def clean_up_locked(layout: Layout) -> None:
    """Remove what earlier runs of the date left: dead staging, superseded run files, old validations."""
    fs, _ = filesystem(layout.output)
    local = isinstance(fs, LocalFileSystem)
    latest = read_json(layout.latest_manifest) or {}
    current = latest.get("run_id")
    _remove_dead_staging(fs, layout, local)
    if local:
        _remove_superseded_runs(layout, current)
    _trim_validation(fs, layout)


def _children(fs: Any, folder: str) -> list[str]:
    path = filesystem(folder)[1]
    if not fs.exists(path):
        return []
    return sorted(p for p in fs.ls(path, detail=False) if fs.isdir(p))


def _newest_change(fs: Any, path: str) -> float:
    newest = 0.0
    for info in fs.find(path, detail=True, withdirs=True).values():
        moment = info.get("mtime") or info.get("LastModified") or info.get("created")
        if isinstance(moment, datetime):
            moment = moment.timestamp()
        if isinstance(moment, int | float):
            newest = max(newest, float(moment))
    return newest


def _remove_dead_staging(fs: Any, layout: Layout, local: bool) -> None:
    for path in _children(fs, layout.staging_root):
        run_id = posixpath.basename(path)
        if run_id == layout.run_id:
            continue
        alive = run_is_alive(layout, run_id) if local else None
        if alive is None:
            alive = time.time() - _newest_change(fs, path) < STAGING_TTL_SECONDS
        if alive:
            continue
        log.info("removing the staging of run %s (no longer running)", run_id)
        fs.rm(path, recursive=True)
        if local:
            with contextlib.suppress(OSError):
                os.remove(filesystem(layout.alive_path(run_id))[1])
    root = filesystem(layout.staging_root)[1]
    with contextlib.suppress(Exception):
        if fs.exists(root) and not fs.ls(root, detail=False):
            fs.rmdir(root)


def _remove_superseded_runs(layout: Layout, current: str | None) -> None:
    for path in _children(LocalFileSystem(), layout.runs_root):
        run_id = os.path.basename(path)
        if run_id == current:
            continue
        superseded = read_json(os.path.join(path, _SUPERSEDED))
        if superseded is None or time.time() - float(superseded.get("at", 0)) >= RUN_RETENTION_SECONDS:
            shutil.rmtree(path, ignore_errors=True)


def _trim_validation(fs: Any, layout: Layout) -> None:
    runs = _children(fs, layout.validation_root)
    if len(runs) <= VALIDATION_KEEP:
        return
    by_age = sorted(runs, key=lambda p: _newest_change(fs, p))
    for path in by_age[: len(runs) - VALIDATION_KEEP]:
        if posixpath.basename(path) != layout.run_id:
            fs.rm(path, recursive=True)


def published_at() -> str:
    return datetime.now(UTC).isoformat()
