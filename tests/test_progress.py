"""Progress phases: counted and timed always, drawn only on a terminal."""

from __future__ import annotations

import io

from pipeline.progress import NullProgress, PhaseClock, TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_phases_keep_counts_totals_and_times() -> None:
    clock = PhaseClock()
    clock.start("shards", total=2)
    clock.start("read", unit="records")
    clock.advance("read", 3)
    clock(2)  # the older callable form counts records read
    clock.advance("shards")
    clock.end("read")
    assert clock.phases["read"].done == 5 and clock.phases["shards"].total == 2
    assert clock.phases["read"].ended is not None and clock.phases["shards"].ended is None
    assert set(clock.seconds()) == {"shards", "read"}


def test_terminal_view_draws_status_and_finished_phases() -> None:
    stream = Terminal()
    progress = TerminalProgress(stream, prefix="2025-01-20 ", interval=0)
    progress.start("shards", total=4)
    progress.start("read", unit="records")
    progress.advance("read", 120)
    progress.advance("shards")
    progress.end("read", "120 records")
    progress.close()
    text = stream.getvalue()
    assert "2025-01-20 shards 1/4 · read 120 records" in text
    assert "2025-01-20 read      120 records" in text and text.endswith("\r\033[K")


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, interval=0)
    progress.start("read", unit="records")
    progress.advance("read")
    progress.end("read")
    progress.close()
    assert stream.getvalue() == "" and progress.phases["read"].done == 1


def test_null_progress_accepts_everything() -> None:
    progress = NullProgress()
    progress.start("read", total=3, unit="records")
    progress.advance("read")
    progress(1)
    progress.end("read", "done")
