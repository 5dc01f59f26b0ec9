"""The one place validation thresholds come from.

Defaults live in `expectations/thresholds.json`; the suites refer to them as
`{"$PARAMETER": name}` and `pipeline.validate` fills them in. A run can
override any of them (`--max-reject-rate` on the CLI, the matching Airflow
Param). Extraction uses the same `min_word_count`, so a short page is a
reject before validation ever sees it. Importing this module is cheap (no GX).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# The suites directory sits next to the package in the repository; an
# installed copy (wheel, Docker) can point elsewhere with this variable.
EXPECTATIONS_ENV = "NEWSETL_EXPECTATIONS_DIR"


def expectations_dir() -> Path:
    """Directory holding the suites and `thresholds.json`."""
    override = os.environ.get(EXPECTATIONS_ENV)
    return Path(override) if override else Path(__file__).resolve().parents[1] / "expectations"


def load_thresholds(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults from `thresholds.json` with per-run `overrides` (None values are ignored).

    An unknown key or a value of the wrong kind is a usage error (ValueError),
    so a typo on the command line cannot silently loosen a check.
    """
    defaults: dict[str, Any] = json.loads((expectations_dir() / "thresholds.json").read_text())
    merged = dict(defaults)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in defaults:
            raise ValueError(f"unknown validation threshold {key!r}; known: {sorted(defaults)}")
        merged[key] = _coerce(key, value, defaults[key])
    _check(merged)
    return merged


def _coerce(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool | str):
        if type(value) is not type(default):
            raise ValueError(f"threshold {key!r} must be a {type(default).__name__}, got {value!r}")
        return value
    if isinstance(default, int | float) and isinstance(value, int | float) and not isinstance(value, bool):
        return type(default)(value) if isinstance(default, float) else value
    raise ValueError(f"threshold {key!r} must be a number, got {value!r}")


def _check(thresholds: dict[str, Any]) -> None:
    rate = thresholds["max_reject_rate"]
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"max_reject_rate must be within [0, 1], got {rate}")
    if thresholds["min_word_count"] < 0:
        raise ValueError("min_word_count must be >= 0")
    if thresholds["failing_values_shown"] < 1:
        raise ValueError("failing_values_shown must be >= 1")
