"""Progress of a run as phases: the small protocol the pipeline reports to, and its terminal view.

The pipeline (`pipeline.run`) says when a phase starts, with a total when it
knows one, advances it, and ends it:

    progress.start("read", unit="records")
    progress.advance("read")            # one record read
    progress.end("read", "24 records")

Phases may overlap (records are read while earlier ones are extracted). The
phases of a run are PHASES; others are drawn the same way. `NullProgress`
ignores everything (Airflow tasks, tests); `PhaseClock` also keeps each
phase's wall time for the summary; `TerminalProgress` draws one status line on
a terminal and a line per finished phase, and nothing at all when its stream
is not a terminal.

For code that still calls `progress(n)` with a record count, every progress
object is callable: `progress(n)` is `progress.advance("read", n)`.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol, TextIO

PHASES = ("discover", "read", "extract", "validate", "publish", "report")


class Progress(Protocol):
    def start(self, phase: str, total: int | None = None, unit: str = "") -> None: ...

    def advance(self, phase: str, n: int = 1) -> None: ...

    def end(self, phase: str, note: str = "") -> None: ...

    def __call__(self, n: int = 1) -> None: ...


class NullProgress:
    """Accepts every call and does nothing."""

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        pass

    def advance(self, phase: str, n: int = 1) -> None:
        pass

    def end(self, phase: str, note: str = "") -> None:
        pass

    def __call__(self, n: int = 1) -> None:
        self.advance("read", n)


@dataclass
class Phase:
    name: str
    total: int | None = None
    unit: str = ""
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    ended: float | None = None
    note: str = ""

    @property
    def seconds(self) -> float:
        return (self.ended if self.ended is not None else time.perf_counter()) - self.started


class PhaseClock(NullProgress):
    """Keeps each phase's counts and wall time (the first start to the last end of that name)."""

    def __init__(self) -> None:
        self.phases: dict[str, Phase] = {}
        self._lock = threading.Lock()  # advance() may come from a reading thread

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        with self._lock:
            known = self.phases.get(phase)
            if known is None:
                self.phases[phase] = Phase(phase, total, unit)
            else:  # a phase started again (one per shard): it goes on, the total may grow
                known.ended = None
                if total is not None:
                    known.total = total
        self.changed()

    def advance(self, phase: str, n: int = 1) -> None:
        with self._lock:
            known = self.phases.get(phase)
            if known is None:
                known = self.phases[phase] = Phase(phase)
            known.done += n
        self.changed()

    def end(self, phase: str, note: str = "") -> None:
        with self._lock:
            known = self.phases.get(phase)
            if known is None:
                known = self.phases[phase] = Phase(phase)
            known.ended = time.perf_counter()
            known.note = note
        self.finished(known)

    def seconds(self) -> dict[str, float]:
        """Wall seconds of every phase seen, in the order they started."""
        return {name: round(p.seconds, 3) for name, p in self.phases.items()}

    def changed(self) -> None:
        """Called after a start or an advance (for subclasses that draw)."""

    def finished(self, phase: Phase) -> None:
        """Called after a phase ended (for subclasses that draw)."""


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe(phase: Phase) -> str:
    """`read 120 records`, `shards 2/4`, `extract 95 pages, 12.3/s`, or just `validate`."""
    if phase.total is None and not phase.unit and not phase.done:
        return phase.name
    unit = f" {phase.unit}" if phase.unit else ""
    count = f"{phase.done}/{phase.total}" if phase.total is not None else f"{phase.done}"
    text = f"{phase.name} {count}{unit}"
    if phase.unit in ("records", "pages") and phase.seconds > 1:
        text += f", {phase.done / phase.seconds:.1f}/s"
    return text


class TerminalProgress(PhaseClock):
    """One status line on a terminal, redrawn at most every `interval` s; a line per finished phase.

    Silent when the stream is not a terminal (a log file, a pipe, CI), where the
    closing summary is the record of the run.
    """

    def __init__(self, stream: TextIO | None = None, prefix: str = "", interval: float = 0.2) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.prefix = prefix
        self.interval = interval
        self.began = time.perf_counter()
        self._drawn = 0.0
        self._draw_lock = threading.Lock()

    def changed(self) -> None:
        now = time.perf_counter()
        if self.enabled and now - self._drawn >= self.interval:
            self._drawn = now
            self._draw()

    def _status(self) -> str:
        with self._lock:
            active = [describe(p) for p in self.phases.values() if p.ended is None]
        if not active:
            return ""
        return f"{self.prefix}{' · '.join(active)} · {_clock(time.perf_counter() - self.began)}"

    def _draw(self) -> None:
        status = self._status()
        if status:
            with self._draw_lock:
                self.stream.write("\r\033[K" + status)
                self.stream.flush()

    def finished(self, phase: Phase) -> None:
        if not self.enabled:
            return
        note = phase.note or describe(phase).removeprefix(phase.name).strip()
        with self._draw_lock:
            self.stream.write(f"\r\033[K{self.prefix}{phase.name:<9} {note:<52} {phase.seconds:6.1f} s\n")
            self.stream.flush()
        self._drawn = 0.0
        self.changed()

    def close(self) -> None:
        """Clear the status line (the summary follows)."""
        if self.enabled:
            with self._draw_lock:
                self.stream.write("\r\033[K")
                self.stream.flush()


NULL = NullProgress()
