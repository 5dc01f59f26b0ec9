"""One line per failed expectation, and the JSON summary of a validation (no GX import)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

_MAX_TEXT = 60


def plain(value: Any) -> Any:
    """A JSON-able, short form of a value GX returns (numpy scalars, Timestamps, NaN, long text)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalar
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    text = str(value)
    if text in ("NaT", "<NA>", "nan"):
        return None
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def target(kwargs: dict[str, Any]) -> str:
    """What an expectation is about: a column, a column list or a pair."""
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_list" in kwargs:
        return ",".join(kwargs["column_list"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    return ""


def describe(result: Any, suite: str, batch: str) -> str:
    """`suite[batch] expectation(target): what was wrong, with a few failing values`."""
    config = result.expectation_config
    head = f"{suite}[{batch}] {config.type}({target(config.kwargs)})"
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return f"{head}: error: {info.get('exception_message')}"
    r = result.result or {}
    if r.get("unexpected_count") is not None:
        # The index list names failing rows by their id columns; without those it is just positions.
        indexed = r.get("partial_unexpected_index_list") or []
        shown = (
            indexed if indexed and isinstance(indexed[0], dict) else r.get("partial_unexpected_list") or []
        )
        return (
            f"{head}: {r['unexpected_count']} of {r.get('element_count')} rows unexpected, "
            f"e.g. {plain(shown)}"
        )
    details = r.get("details") or {}
    mismatched = details.get("mismatched")
    extra = f", mismatched {plain(mismatched)}" if mismatched else ""
    return f"{head}: observed {plain(r.get('observed_value'))}{extra}"


def summarize(result: Any, suite: str, batch: str) -> dict[str, Any]:
    """The JSON record of one GX validation: statistics, and the failed expectations in full."""
    failed = [
        {
            "expectation": r.expectation_config.type,
            "kwargs": plain(dict(r.expectation_config.kwargs)),
            "result": plain(dict(r.result or {})),
            "error": (r.exception_info or {}).get("exception_message")
            if (r.exception_info or {}).get("raised_exception")
            else None,
        }
        for r in result.results
        if not r.success
    ]
    return {
        "suite": suite,
        "batch": batch,
        "success": bool(result.success),
        "statistics": plain(dict(result.statistics)),
        "failed": failed,
    }
