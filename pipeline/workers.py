"""A pool of supervised child processes with a per-record time limit that really holds.

trafilatura has no timeout and SIGALRM cannot interrupt lxml's C code, so
each record is handled in a child process the parent can kill. A child that
overruns the limit is killed and replaced (the record becomes a `timeout`);
a child that dies is replaced (the record becomes `worker_crash`). Results
come back in input order, with at most `window` records in flight, so
memory stays bounded and output is deterministic whatever the timing.
Children are started with `spawn`: forking after pyarrow/DuckDB threads
exist can deadlock.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_STARTUP_TIMEOUT_SECONDS = 180.0


@dataclass(frozen=True, slots=True)
class Failed:
    """A record whose handling did not produce a result."""

    reason: str  # timeout | worker_crash | handler_error
    detail: str


def _resolve(handler: str) -> Callable[[Any], Any]:
    module, _, name = handler.partition(":")
    return getattr(importlib.import_module(module), name)


def _child_main(conn: Connection, handler: str) -> None:
    function = _resolve(handler)  # heavy imports happen here, before the first record's clock starts
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        sequence, item = message
        try:
            result: Any = function(item)
        except Exception as error:  # one record's bug must not end the run
            result = Failed("handler_error", f"{type(error).__name__}: {error}"[:500])
        conn.send((sequence, result))


def _allow_children() -> None:
    """Let a daemonic process (an Airflow LocalExecutor task is a fork of one) start our workers.

    multiprocessing refuses children in daemons so that they are not orphaned;
    this pool kills and joins every child it starts, so the guard does not apply.
    """
    current = mp.current_process()
    if current.daemon:
        current._config["daemon"] = False  # type: ignore[attr-defined]


@contextlib.contextmanager
def _main_script_hidden() -> Iterator[None]:
    """Keep `spawn` children from importing the parent's main script again.

    `spawn` re-imports the parent's __main__ file in each child. When that is a
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
    def __init__(self, context: mp.context.BaseContext, handler: str) -> None:
        _allow_children()
        parent_end, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end, handler), daemon=True)
        with _main_script_hidden():
            self.process.start()
        child_end.close()
        self.conn = parent_end
        self.queue: deque[int] = deque()  # sequences sent, in order; the first is being worked on
        self.deadline = 0.0  # for the first of the queue

    def wait_ready(self) -> None:
        if not self.conn.poll(_STARTUP_TIMEOUT_SECONDS):
            raise RuntimeError("extraction worker did not start in time")
        if self.conn.recv() != "ready":
            raise RuntimeError("extraction worker sent an unexpected greeting")

    def send(self, sequence: int, item: object, timeout: float) -> None:
        if not self.queue:
            self.deadline = time.monotonic() + timeout
        self.queue.append(sequence)
        self.conn.send((sequence, item))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class SupervisedPool(Generic[T]):
    """Run `handler` ("module:function") over items in `workers` supervised children.

    Each child is sent up to `depth` records, so it starts the next one the
    moment it finishes one instead of waiting for the parent; the time limit
    runs from when a record reaches the head of its child's queue.
    """

    def __init__(
        self, handler: str, workers: int = 1, timeout: float = 30.0, window: int | None = None, depth: int = 2
    ) -> None:
        self.handler = handler
        self.workers = max(1, workers)
        self.timeout = timeout
        self.depth = max(1, depth)
        self.window = max(window or 4 * self.workers, self.depth * self.workers)
        self.restarts = 0
        self._context = mp.get_context("spawn")
        self._children: list[_Child] = []
        self._waiting: dict[int, T] = {}  # sent or about to be, by sequence

    def __enter__(self) -> SupervisedPool[T]:
        self._children = [_Child(self._context, self.handler) for _ in range(self.workers)]
        for child in self._children:
            child.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        for child in self._children:
            child.stop(kill=bool(child.queue))
        self._children = []

    def _replace(self, child: _Child) -> None:
        """Kill `child` and start a fresh one, which takes over the records still queued behind the head."""
        requeue = list(child.queue)[1:]
        child.stop(kill=True)
        self.restarts += 1
        fresh = _Child(self._context, self.handler)
        fresh.wait_ready()
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
            busy = [c for c in self._children if c.queue]
            if not busy:
                if exhausted and not ahead and not waiting:
                    return
                continue
            self._collect(busy, done)

    def _collect(self, busy: list[_Child], done: dict[int, Any]) -> None:
        now = time.monotonic()
        soonest = min(c.deadline for c in busy)
        ready = wait([c.conn for c in busy], timeout=max(0.0, soonest - now))
        for child in busy:
            head = child.queue[0]
            if child.conn in ready:
                try:
                    answered, result = child.conn.recv()
                except (EOFError, OSError):
                    code = child.process.exitcode
                    done[head] = Failed("worker_crash", f"extraction worker died (exit code {code})")
                    self._replace(child)
                    continue
                done[answered] = result
                child.queue.popleft()
                child.deadline = time.monotonic() + self.timeout
            elif time.monotonic() >= child.deadline:
                done[head] = Failed("timeout", f"no result within {self.timeout:g} s; worker killed")
                self._replace(child)
