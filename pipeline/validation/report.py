"""JSON records of failed expectations, with GX values made short and JSON-able (no GX import)."""

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


def _short(value: Any, limit: int = 12) -> Any:
    """Long value sets (e.g. every ISO language code) cut for the record; the suite has them all."""
    return [*value[:limit], "…"] if isinstance(value, list) and len(value) > limit else value


def failed_record(item: Any, suite: str, batch: str, table: str) -> dict[str, Any]:
    """The JSON record of one failed expectation: what, where, how many rows, a few examples."""
    config = item.expectation_config
    r = item.result or {}
    info = item.exception_info or {}
    # Failing rows named by their id columns when GX had them; without those, the values.
    indexed = r.get("partial_unexpected_index_list") or []
    examples = indexed if indexed and isinstance(indexed[0], dict) else r.get("partial_unexpected_list") or []
    details = r.get("details") or {}
    record = {
        "table": table,
        "suite": suite,
        "batch": batch,
        "expectation": config.type,
        "target": target(config.kwargs),
        "kwargs": {k: _short(plain(v)) for k, v in dict(config.kwargs).items() if k != "batch_id"},
        "unexpected_count": r.get("unexpected_count"),
        "element_count": r.get("element_count"),
        "examples": plain(list(examples)),
        "observed": plain(r.get("observed_value")),
        "mismatched": plain(details.get("mismatched")) if details.get("mismatched") else None,
        "why": (config.meta or {}).get("why"),
        "error": info.get("exception_message") if info.get("raised_exception") else None,
    }
    return {k: v for k, v in record.items() if v not in (None, [], {})}
