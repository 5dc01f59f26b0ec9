"""Fixtures shared by test modules: the sample corpus published once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATES = ("2025-01-20", "2025-01-21", "2025-01-22")


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus, all three dates, published with `newsetl backfill` (reports included)."""
    out = tmp_path_factory.mktemp("sample-output")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "backfill",
            "--source",
            str(ROOT / "sample" / "raw") + "/{date}",
            "--output",
            str(out),
            "--from",
            SAMPLE_DATES[0],
            "--to",
            SAMPLE_DATES[-1],
            "--workers",
            "2",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out
