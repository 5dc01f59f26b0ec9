"""Named points where fault-injection tests stop a real run, to kill it there for real.

With NEWSETL_FAULT_AT=<point>, a run that reaches that point writes the
point's name to the file named by NEWSETL_FAULT_SIGNAL (so the test can wait
on a state, not a sleep) and then waits until it is killed. Unset, a point
costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

FAULT_AT = "NEWSETL_FAULT_AT"
FAULT_SIGNAL = "NEWSETL_FAULT_SIGNAL"


def fault_point(name: str) -> None:
    if os.environ.get(FAULT_AT) != name:
        return
    signal = os.environ.get(FAULT_SIGNAL)
    if signal:
        Path(signal).write_text(name)
    while True:  # until the test kills the process
        time.sleep(3600)
