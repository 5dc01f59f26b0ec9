"""A pool of supervised child processes with a per-record time limit that really holds.

trafilatura has no timeout and SIGALRM cannot interrupt lxml's C code, so
each record is handled in a child process the parent can kill. A child that
overruns the limit is killed and replaced (the record becomes a `timeout`);
a child that dies is replaced (the record becomes `worker_crash`). Results
come back in input order, with at most `window` records in flight, so
memory stays bounded and output is deterministic whatever the timing.

Why it cannot deadlock: records go to a child through their own pipe,
written by one sender thread per child, while the parent's main thread only
ever waits on results (with a timeout: the time limit is checked while it
waits). A child busy writing a large result to the parent is always read;
a parent busy writing a large record to a child never stops the main thread.

Children are forked by multiprocessing's fork server, never by the parent
itself (forking after pyarrow/DuckDB threads exist can deadlock; the server is
a fresh single-threaded interpreter). The server imports the modules named in
`preload` once, before its first fork, so a pool can have every child start
warm: N workers, and every replacement after a timeout or a crash, pay the
imports and the warm-up once per parent process instead of once each. A
record's clock starts only when its child is ready and the record is at the
head of its queue.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import multiprocessing.forkserver
import multiprocessing.process
import os
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import ModuleType
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_STARTUP_TIMEOUT_SECONDS = 180.0
# Results are yielded in input order, so one slow page at the head holds back every record behind it:
# the window of records in flight past the head lets the other workers go on meanwhile (a 1 s page
# costs the others ~6 pages of work with 4 per worker, ~60 with 32). Each waiting record holds its
# page (~150 KB), so the window stays a few MB per worker.
WINDOW_PER_WORKER = 32
_READY = "ready"
_STOP = None


@dataclass(frozen=True, slots=True)
class Failed:
    """A record whose handling did not produce a result."""

    reason: str  # timeout | worker_crash | handler_error
    detail: str


# Handler modules whose warm_up() has run in this process; a child forked from a fork server that
# warmed its handler inherits the set and does not warm it again.
_WARMED: set[str] = set()


def warm_module(module_name: str) -> ModuleType:
    """Import a handler's module and run its `warm_up()`, if it has one (imports, caches), once per
    process and the children forked from it."""
    module = importlib.import_module(module_name)
    warm_up = getattr(module, "warm_up", None)
    if callable(warm_up) and module_name not in _WARMED:
        warm_up()
        _WARMED.add(module_name)
    return module


def _resolve(handler: str) -> Callable[[Any], Any]:
    """The handler function, "module:function", its module warmed."""
    module_name, _, name = handler.partition(":")
    return getattr(warm_module(module_name), name)


# One BLAS thread per worker: numpy (imported by the language identifier) starts a thread per core
# for linear algebra the workers barely use, and with a worker per core those threads only compete
# (two workers on 1,000 pages: 4 % less worker CPU). A value set by the operator is kept. OpenBLAS
# reads it when numpy is first imported, so a fork server that preloads numpy sets it first.
_ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def use_one_blas_thread() -> None:
    for variable, value in _ONE_THREAD.items():
        os.environ.setdefault(variable, value)


def _child_main(records: Connection, results: Connection, handler: str) -> None:
    use_one_blas_thread()
    function = _resolve(handler)  # imports (if not preloaded), before the first record's clock
    results.send(_READY)
    while True:
        try:
            message = records.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is _STOP:
            return
        sequence, item = message
        try:
            result: Any = function(item)
        except Exception as error:  # one record's bug must not end the run
            result = Failed("handler_error", f"{type(error).__name__}: {error}"[:500])
        results.send((sequence, result))


def allow_children() -> None:
    """Let the current process start our workers, wherever it runs.

    - A daemonic process (an Airflow LocalExecutor task is a fork of one) may
      not have children, so that none are orphaned; this pool kills and joins
      every child it starts, so the guard does not apply.
    - In a Celery prefork worker, billiard replaces multiprocessing's
      current-process object, and its authentication key is billiard's own
      type, which multiprocessing refuses to send to a child ("Pickling an
      AuthenticationString object is disallowed"): it becomes a standard one.
    """
    current = mp.current_process()
    config = getattr(current, "_config", None)
    if config is None:
        return
    if current.daemon:
        config["daemon"] = False
    key = config.get("authkey")
    if key is not None and type(key) is not multiprocessing.process.AuthenticationString:
        config["authkey"] = multiprocessing.process.AuthenticationString(bytes(key))


def _forget_the_parents_fork_server() -> None:
    """In a child of a plain os.fork (a Celery prefork worker, an Airflow task), drop the parent's
    fork server, so the first pool here starts its own.

    multiprocessing assumes a child inherits its parent's fork server only through its own start
    methods; after a plain fork it would ask the server's pid, which is not this process's child
    (ChildProcessError), or fork workers from the parent's server with the parent's state.
    """
    server = multiprocessing.forkserver._forkserver
    if getattr(server, "_forkserver_pid", None) is None:
        return
    alive = server._forkserver_alive_fd
    server._forkserver_pid = None
    server._forkserver_address = None
    server._forkserver_alive_fd = None
    if alive is not None:
        with contextlib.suppress(OSError):
            os.close(alive)  # the parent's copy keeps its server alive; this one must not


os.register_at_fork(after_in_child=_forget_the_parents_fork_server)


@contextlib.contextmanager
def main_script_hidden() -> Iterator[None]:
    """Keep children from importing the parent's main script again.

    A child started by `spawn` or by the fork server re-imports the parent's
    __main__ file (multiprocessing's preparation data names it). When that is a
    command such as `airflow` (a task process), importing it has side effects
    that fail in the child (it configures the metadata DB). The workers need
    nothing from __main__ (their handler is named "module:function"), so its
    path is hidden while they start.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or getattr(main, "__spec__", None) is not None:
        yield  # `python -m ...` mains are imported by module name, which is harmless
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


class _Child:
    """One worker process, its two pipes, and the thread that feeds it records."""

    def __init__(self, context: mp.context.BaseContext, handler: str) -> None:
        allow_children()
        records_read, records_write = context.Pipe(duplex=False)
        results_read, results_write = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_child_main, args=(records_read, results_write, handler), daemon=True
        )
        with main_script_hidden():
            self.process.start()
        records_read.close()
        results_write.close()
        self.results = results_read
        self._records = records_write
        self._outbox: queue.SimpleQueue[tuple[int, object] | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_loop, name="worker-feed", daemon=True)
        self._sender.start()
        self.started = time.monotonic()
        self.ready = False
        self.queue: deque[int] = deque()  # sequences sent, in order; the first is being worked on
        self.deadline = float("inf")  # for the first of the queue, once the child is ready

    def _send_loop(self) -> None:
        while True:
            message = self._outbox.get()
            try:
                self._records.send(message)
            except (BrokenPipeError, OSError, ValueError):
                return  # the child died or was killed; the main thread reports its records
            if message is _STOP:
                return

    def send(self, sequence: int, item: object, timeout: float) -> None:
        """Queue a record for this child; never blocks (the sender thread writes it)."""
        if not self.queue and self.ready:
            self.deadline = time.monotonic() + timeout
        self.queue.append(sequence)
        self._outbox.put((sequence, item))

    def became_ready(self, timeout: float) -> None:
        self.ready = True
        if self.queue:
            self.deadline = time.monotonic() + timeout

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self._outbox.put(_STOP)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._outbox.put(_STOP)  # ends the sender thread if it still waits for work
        with contextlib.suppress(OSError):
            self._records.close()  # unblocks a sender stuck writing to the dead child
        self._sender.join(timeout=5)
        self.results.close()


class SupervisedPool(Generic[T]):
    """Run `handler` ("module:function") over items in `workers` supervised children.

    Each child is sent up to `depth` records, so it starts the next one the
    moment it finishes one instead of waiting for the parent; the time limit
    runs from when a record reaches the head of its child's queue.

    `preload` names modules the fork server imports before its first fork (a
    module that warms the handler, see pipeline.worker_boot). The server lives
    as long as this process and is started once: later pools reuse it, warm.
    """

    def __init__(
        self,
        handler: str,
        workers: int = 1,
        timeout: float = 30.0,
        window: int | None = None,
        depth: int = 2,
        preload: tuple[str, ...] = (),
    ) -> None:
        self.handler = handler
        self.workers = max(1, workers)
        self.timeout = timeout
        self.depth = max(1, depth)
        self.window = max(window or WINDOW_PER_WORKER * self.workers, self.depth * self.workers)
        self.restarts = 0
        self._context = mp.get_context("forkserver")
        if preload:
            self._context.set_forkserver_preload(list(preload))  # no effect once the server runs
        self._children: list[_Child] = []
        self._waiting: dict[int, T] = {}  # sent or about to be, by sequence

    def __enter__(self) -> SupervisedPool[T]:
        """Start the children; they import the handler in the background while the caller goes on."""
        self._children = [_Child(self._context, self.handler) for _ in range(self.workers)]
        return self

    def __exit__(self, *exc: object) -> None:
        for child in self._children:
            child.stop(kill=bool(child.queue) or not child.ready)
        self._children = []

    def _replace(self, child: _Child) -> None:
        """Kill `child` and start a fresh one, which takes over the records still queued behind the head."""
        requeue = list(child.queue)[1:]
        child.stop(kill=True)
        self.restarts += 1
        fresh = _Child(self._context, self.handler)
        self._children[self._children.index(child)] = fresh
        for sequence in requeue:
            fresh.send(sequence, self._waiting[sequence], self.timeout)

    def _least_loaded(self) -> _Child | None:
        child = min(self._children, key=lambda c: len(c.queue))
        return child if len(child.queue) < self.depth else None

    def map_ordered(self, items: Iterable[T]) -> Iterator[tuple[T, Any]]:
        """Yield (item, result or Failed) in input order.

        While the children work, the parent reads the next item ahead and
        writes finished results, so reading and writing overlap extraction.
        """
        source = iter(items)
        ahead: list[T] = []  # at most one item read ahead of need
        exhausted = False
        next_sequence = 0
        next_to_yield = 0
        waiting = self._waiting
        waiting.clear()
        done: dict[int, Any] = {}

        def read_ahead() -> None:
            nonlocal exhausted
            if not ahead and not exhausted:
                try:
                    ahead.append(next(source))
                except StopIteration:
                    exhausted = True

        while True:
            # Hand out work while a child has room and the in-order window allows.
            while next_sequence - next_to_yield < self.window:
                child = self._least_loaded()
                if child is None:
                    break
                read_ahead()
                if not ahead:
                    break
                waiting[next_sequence] = ahead.pop()
                child.send(next_sequence, waiting[next_sequence], self.timeout)
                next_sequence += 1
            while next_to_yield in done:
                yield waiting.pop(next_to_yield), done.pop(next_to_yield)
                next_to_yield += 1
            if next_sequence - next_to_yield < self.window:
                read_ahead()
            busy = [c for c in self._children if c.queue or not c.ready]
            if not any(c.queue for c in busy):
                if exhausted and not ahead and not waiting:
                    return
                if not busy:
                    continue
            self._collect(busy, done)

    def _collect(self, busy: list[_Child], done: dict[int, Any]) -> None:
        now = time.monotonic()
        soonest = min(
            min(c.deadline for c in busy),
            min((c.started + _STARTUP_TIMEOUT_SECONDS for c in busy if not c.ready), default=float("inf")),
        )
        ready = wait([c.results for c in busy], timeout=max(0.0, min(soonest - now, 1.0)))
        for child in busy:
            if child.results in ready:
                try:
                    message = child.results.recv()
                except (EOFError, OSError):
                    self._crashed(child, done)
                    continue
                if message == _READY:
                    child.became_ready(self.timeout)
                    continue
                answered, result = message
                done[answered] = result
                child.queue.popleft()
                child.deadline = time.monotonic() + self.timeout if child.queue else float("inf")
            elif child.queue and time.monotonic() >= child.deadline:
                done[child.queue[0]] = Failed(
                    "timeout", f"no result within {self.timeout:g} s; worker killed"
                )
                self._replace(child)
            elif not child.ready and time.monotonic() >= child.started + _STARTUP_TIMEOUT_SECONDS:
                raise RuntimeError("extraction worker did not start in time")

    def _crashed(self, child: _Child, done: dict[int, Any]) -> None:
        child.process.join(5)  # its pipe closed as it died: reap it, so the detail says how (None before)
        code = child.process.exitcode
        if not child.ready:
            raise RuntimeError(f"extraction worker died while starting (exit code {code})")
        if child.queue:
            done[child.queue[0]] = Failed("worker_crash", f"extraction worker died (exit code {code})")
        self._replace(child)
