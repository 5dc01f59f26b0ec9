"""Reading the suite JSON and splitting it by the frame each expectation runs on (no GX here).

A table's suite (`expectations/<table>.json`, GX Core 1.x suite JSON) holds
expectations for three frames, named in each expectation's `meta.frame`:

- `rows` (the default): the table's rows, all shard files together in one
  slim frame (in chunks of at most `frames.CHUNK_ROWS` rows for very large days);
- `duplicates`: rows whose key occurs more than once over all files, one
  sub-suite per key. When a table fits in one frame, its rows sub-suite already
  checks the same uniqueness over the whole run, so these run only when a
  table was validated in more than one chunk (see `covered_by_rows`);
- `run`: the one-row frame of run-level counts. The run parts of all four
  suites become one GX suite, `run`, since they share that frame.

Every expectation gets `meta.newsetl_id` (`<table>#<position in its file>`)
so a GX result maps back to the expectation, whatever order GX returns it in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.schema import TABLES

ROWS, DUPLICATES, RUN = "rows", "duplicates", "run"
ID_KEY = "newsetl_id"

# Columns that name a failing row in the messages and Data Docs.
ROW_ID_COLUMNS = {
    "articles": ["article_id"],
    "quotes": ["quote_id"],
    "citations": ["citation_id"],
    "rejects": ["source_uri", "record_offset"],
}


@dataclass
class SubSuite:
    table: str  # a table name, or "run" for the merged run-level suite
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

    def subset(self, ids: set[str], suffix: str) -> SubSuite:
        """The same sub-suite restricted to some expectations (to re-run failures in detail)."""
        chosen = [e for e in self.expectations if e["meta"][ID_KEY] in ids]
        return SubSuite(self.table, self.frame, f"{self.name}{suffix}", self.keys, chosen, self.meta)


@dataclass
class Suites:
    rows: dict[str, SubSuite]
    duplicates: dict[str, list[SubSuite]]
    run: SubSuite

    def by_id(self) -> dict[str, dict[str, Any]]:
        every = [*self.rows.values(), *(d for ds in self.duplicates.values() for d in ds), self.run]
        return {e["meta"][ID_KEY]: e for sub in every for e in sub.expectations}


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
    for position, original in enumerate(raw["expectations"]):
        expectation = {**original, "meta": {**original.get("meta", {}), ID_KEY: f"{table}#{position}"}}
        frame = expectation["meta"].get("frame", ROWS)
        if frame not in (ROWS, DUPLICATES, RUN):
            raise ValueError(f"unknown frame {frame!r} in suite {table}")
        keys = _keys(expectation) if frame == DUPLICATES else []
        name = {ROWS: table, RUN: f"{table}.run", DUPLICATES: f"{table}.duplicates({','.join(keys)})"}[frame]
        part = parts.setdefault(
            (frame, tuple(keys)), SubSuite(table, frame, name, keys, meta=raw.get("meta", {}))
        )
        part.expectations.append(expectation)
    order = {ROWS: 0, DUPLICATES: 1, RUN: 2}
    return sorted(parts.values(), key=lambda s: (order[s.frame], s.name))


def load(directory: Path) -> Suites:
    """Every table's sub-suites from `<directory>/<table>.json`, the run parts merged into one."""
    rows: dict[str, SubSuite] = {}
    duplicates: dict[str, list[SubSuite]] = {}
    run = SubSuite("run", RUN, "run")
    for table in TABLES:
        for part in split(json.loads((directory / f"{table}.json").read_text())):
            if part.frame == ROWS:
                rows[table] = part
            elif part.frame == DUPLICATES:
                duplicates.setdefault(table, []).append(part)
            else:
                run.expectations.extend(part.expectations)
    for table in TABLES:
        rows.setdefault(table, SubSuite(table, ROWS, table))
    return Suites(rows, duplicates, run)


def _signature(expectation: dict[str, Any]) -> str:
    return json.dumps([expectation["type"], expectation.get("kwargs", {})], sort_keys=True)


def covered_by_rows(duplicates: SubSuite, rows: SubSuite) -> bool:
    """True when every expectation of a duplicates sub-suite is also in the rows sub-suite.

    Then, for a table validated as one frame, the rows check already is the
    check over every shard, and the duplicates frame would only repeat it.
    """
    in_rows = {_signature(e) for e in rows.expectations}
    return all(_signature(e) in in_rows for e in duplicates.expectations)


def parameters(thresholds: dict[str, Any]) -> dict[str, Any]:
    """The `$PARAMETER` values: the thresholds the suites can refer to."""
    return {
        k: v for k, v in thresholds.items() if isinstance(v, int | float | str) and not isinstance(v, bool)
    }
