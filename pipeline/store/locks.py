"""The date's publish lock, and the liveness of a run.

Two writers of one date (a backfill and a CLI run, two Airflow runs) never
interleave: publishing, recovery and clean-up hold the date's lock.

- On a local filesystem the lock is an flock on `_locks/crawl_date=D.lock`:
  the kernel releases it when its holder dies, so a killed run never leaves
  a stale lock. The holder describes itself in a separate file (replaced
  atomically after it has the lock), which a waiting run names when it gives up.
- On an object store the lock is an object created with a conditional write
  (`If-None-Match: *`): exactly one writer can create it. It carries a lease
  that its holder renews while it works; a lock whose lease ran out (its
  holder died) is taken over with a conditional overwrite (`If-Match` on its
  ETag), so two waiters cannot both take it.

A local run also holds an flock on `_locks/crawl_date=D/<run_id>.alive` for
its whole life: clean-up removes the staging of a run only when nobody holds
that lock any more (the run ended, failed or was killed).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from fsspec.implementations.local import LocalFileSystem

from pipeline.sources.fs import filesystem
from pipeline.store.jsonio import read_json, write_json
from pipeline.store.layout import Layout

LOCK_TIMEOUT_SECONDS = float(os.environ.get("NEWSETL_LOCK_TIMEOUT", "900"))
LEASE_SECONDS = float(os.environ.get("NEWSETL_LOCK_LEASE", "120"))
_POLL_SECONDS = 0.2


class PublishLocked(RuntimeError):
    """Another run holds the date's lock for longer than we may wait."""


def _holder_info(layout: Layout, lease_until: float | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "run_id": layout.run_id,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(),
    }
    if lease_until is not None:
        info["lease_until"] = lease_until
    return info


def _describe(info: dict[str, Any] | None) -> str:
    if not info:
        return "holder unknown"
    return (
        f"run_id={info.get('run_id')} on {info.get('host')} pid {info.get('pid')} since {info.get('since')}"
    )


def _locked_out(layout: Layout, timeout: float, holder: dict[str, Any] | None) -> PublishLocked:
    return PublishLocked(
        f"crawl_date={layout.crawl_date} is being published by another run ({_describe(holder)}); "
        f"waited {timeout:g} s"
    )


@contextlib.contextmanager
def date_lock(layout: Layout, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the date's publish lock; wait for another holder up to `timeout`, then fail clearly."""
    fs, _ = filesystem(layout.output)
    if isinstance(fs, LocalFileSystem):
        with _local_lock(layout, timeout):
            yield
    else:
        with _object_lock(fs, layout, timeout):
            yield


@contextlib.contextmanager
def _local_lock(layout: Layout, timeout: float) -> Iterator[None]:
    import fcntl

    _, path = filesystem(layout.lock_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held for the duration of the context
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _locked_out(layout, timeout, read_json(layout.holder_path)) from None
                time.sleep(_POLL_SECONDS)
        write_json(layout.holder_path, _holder_info(layout))
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.remove(filesystem(layout.holder_path)[1])
    finally:
        handle.close()  # closing releases the flock


def _etag_of(response: Any) -> str | None:
    return response.get("ETag") if isinstance(response, dict) else None


def _precondition_failed(error: Exception) -> bool:
    text = f"{type(error).__name__} {error}"
    return "PreconditionFailed" in text or "412" in text or "ConditionalRequestConflict" in text


class _Lease:
    """Renews an object lock's lease in the background, with a conditional overwrite of our own lock."""

    def __init__(self, fs: Any, path: str, layout: Layout, etag: str | None) -> None:
        self.fs, self.path, self.layout, self.etag = fs, path, layout, etag
        self.stop = threading.Event()
        self.lost = False
        self.thread = threading.Thread(target=self._run, name="lock-lease", daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(LEASE_SECONDS / 3):
            body = json.dumps(_holder_info(self.layout, time.time() + LEASE_SECONDS)).encode()
            try:
                extra = {"IfMatch": self.etag} if self.etag else {}
                self.etag = _etag_of(self.fs.pipe_file(self.path, body, **extra)) or self.etag
            except Exception:
                self.lost = True  # someone took over a lease we let expire; the publish must not commit
                return


@contextlib.contextmanager
def _object_lock(fs: Any, layout: Layout, timeout: float) -> Iterator[None]:
    _, path = filesystem(layout.lock_path)
    deadline = time.monotonic() + timeout
    etag = _acquire_object_lock(fs, path, layout, timeout, deadline)
    lease = _Lease(fs, path, layout, etag)
    lease.thread.start()
    try:
        yield
        if lease.lost:
            raise PublishLocked(f"crawl_date={layout.crawl_date}: the publish lock's lease was lost")
    finally:
        lease.stop.set()
        lease.thread.join()
        with contextlib.suppress(Exception):
            holder, _ = _read_object_lock(fs, path)
            if holder and holder.get("run_id") == layout.run_id and holder.get("pid") == os.getpid():
                fs.rm_file(path)  # only our own lock: after a takeover it belongs to another run


def _acquire_object_lock(fs: Any, path: str, layout: Layout, timeout: float, deadline: float) -> str | None:
    while True:
        body = json.dumps(_holder_info(layout, time.time() + LEASE_SECONDS)).encode()
        try:
            return _etag_of(fs.pipe_file(path, body, mode="create"))
        except Exception as error:
            if not _precondition_failed(error) and not isinstance(error, FileExistsError):
                raise
        holder, etag = _read_object_lock(fs, path)
        if holder is not None and float(holder.get("lease_until", 0)) < time.time() and etag:
            try:  # the holder died: take over its lock, unless another waiter did first
                return _etag_of(fs.pipe_file(path, body, IfMatch=etag))
            except Exception as error:
                if not _precondition_failed(error):
                    raise
        if time.monotonic() >= deadline:
            raise _locked_out(layout, timeout, holder)
        time.sleep(_POLL_SECONDS)


def _read_object_lock(fs: Any, path: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        fs.invalidate_cache(path)
        info = fs.info(path)
        data = fs.cat_file(path)
    except FileNotFoundError:
        return None, None
    try:
        return json.loads(data), info.get("ETag")
    except ValueError:
        return {}, info.get("ETag")


# --- run liveness (local) ---------------------------------------------------------------------------


@contextlib.contextmanager
def run_alive(layout: Layout) -> Iterator[None]:
    """Mark the run as alive for as long as the context lasts (local outputs; a no-op elsewhere)."""
    fs, _ = filesystem(layout.output)
    if not isinstance(fs, LocalFileSystem):
        yield
        return
    import fcntl

    _, path = filesystem(layout.alive_path())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle: IO[str] = open(path, "w")  # noqa: SIM115 - held for the duration of the context
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps(_holder_info(layout)))
        handle.flush()
        yield
    finally:
        # The file stays, unlocked: a later run then knows this one ended and may clean up after it.
        handle.close()


def run_is_alive(layout: Layout, run_id: str) -> bool | None:
    """True/False for a local run that marked itself alive; None when the run left no mark."""
    import fcntl

    _, path = filesystem(layout.alive_path(run_id))
    try:
        handle = open(path)  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        handle.close()
    return False
