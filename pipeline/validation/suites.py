"""Reading the suite JSON and splitting each suite by the frame it runs on (no GX here).

A table's suite (`expectations/<table>.json`, GX Core 1.x suite JSON) holds
expectations for three frames, named in each expectation's `meta.frame`:
`rows` (the default; one shard file at a time), `duplicates` (rows whose key
occurs more than once across shards; one sub-suite per key) and `run` (the
one-row run-level frame). Each part becomes its own GX suite, named
`<table>`, `<table>.duplicates(<keys>)` and `<table>.run`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.schema import TABLES

ROWS, DUPLICATES, RUN = "rows", "duplicates", "run"

# Columns that name a failing row in the messages and Data Docs.
ROW_ID_COLUMNS = {
    "articles": ["article_id"],
    "quotes": ["quote_id"],
    "citations": ["citation_id"],
    "rejects": ["source_uri", "record_offset"],
}


@dataclass
class SubSuite:
    table: str
    frame: str
    name: str
    keys: list[str] = field(default_factory=list)  # the duplicated key, for DUPLICATES
    expectations: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def index_columns(self) -> list[str]:
        if self.frame == ROWS:
            return ROW_ID_COLUMNS[self.table]
        if self.frame == DUPLICATES:
            return ["_shard"]
        return []


def _keys(expectation: dict[str, Any]) -> list[str]:
    kwargs = expectation.get("kwargs", {})
    if "column_list" in kwargs:
        return list(kwargs["column_list"])
    if "column" in kwargs:
        return [kwargs["column"]]
    raise ValueError(f"a duplicates expectation needs column or column_list: {expectation}")


def split(raw: dict[str, Any]) -> list[SubSuite]:
    """The sub-suites of one table suite, in a stable order (rows, duplicates, run)."""
    table = raw["name"]
    if table not in TABLES:
        raise ValueError(f"suite {table!r} is not one of the tables {sorted(TABLES)}")
    parts: dict[tuple[str, tuple[str, ...]], SubSuite] = {}
    for expectation in raw["expectations"]:
        frame = expectation.get("meta", {}).get("frame", ROWS)
        keys = _keys(expectation) if frame == DUPLICATES else []
        if frame not in (ROWS, DUPLICATES, RUN):
            raise ValueError(f"unknown frame {frame!r} in suite {table}")
        name = {ROWS: table, RUN: f"{table}.run", DUPLICATES: f"{table}.duplicates({','.join(keys)})"}[frame]
        part = parts.setdefault(
            (frame, tuple(keys)), SubSuite(table, frame, name, keys, meta=raw.get("meta", {}))
        )
        part.expectations.append(expectation)
    order = {ROWS: 0, DUPLICATES: 1, RUN: 2}
    return sorted(parts.values(), key=lambda s: (order[s.frame], s.name))


def load(directory: Path) -> dict[str, list[SubSuite]]:
    """Every table's sub-suites from `<directory>/<table>.json`."""
    return {table: split(json.loads((directory / f"{table}.json").read_text())) for table in TABLES}


def parameters(thresholds: dict[str, Any]) -> dict[str, Any]:
    """The `$PARAMETER` values: the thresholds the suites can refer to."""
    return {
        k: v for k, v in thresholds.items() if isinstance(v, int | float | str) and not isinstance(v, bool)
    }
