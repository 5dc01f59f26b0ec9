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
