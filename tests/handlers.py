"""Record handlers for the supervised-pool tests (imported by name in spawned children)."""

from __future__ import annotations

import os
import time


def echo_or_misbehave(item: str) -> str:
    if item == "hang":
        time.sleep(600)  # like lxml stuck in C code: only a kill ends it
    if item == "crash":
        os._exit(9)  # the process dies without a word
    if item == "raise":
        raise ValueError("bad record")
    if item.startswith("slow"):
        time.sleep(0.3)
    return item.upper()


def sized(item: str) -> str | int:
    """A large result for "big-result" (more than a pipe holds), the item's length otherwise."""
    if item == "big-result":
        return "r" * 300_000
    return len(item)


def pool_in_this_process(items: list[str]) -> list[object]:
    """Run a SupervisedPool from wherever this is called (a billiard child, in the Celery test)."""
    from pipeline.workers import SupervisedPool

    with SupervisedPool[str]("tests.handlers:echo_or_misbehave", workers=1, timeout=60) as pool:
        return [result for _, result in pool.map_ordered(items)]


def environment(name: str) -> str | None:
    """The worker's value of an environment variable."""
    return os.environ.get(name)


_WARMED_IN: int | None = None


def warm_up() -> None:
    """Remember which process warmed this module (the fork server, when it was preloaded)."""
    global _WARMED_IN
    _WARMED_IN = os.getpid()


def warmed_here(item: str) -> str:
    if item == "hang":
        time.sleep(600)
    return f"warmed in {_WARMED_IN}" + ("" if os.getpid() != _WARMED_IN else " (the worker itself)")
