"""Query results out: a table on the terminal, CSV, JSON or Parquet, streamed, never cut silently.

`write_result` takes a DuckDB relation (what `pipeline.query` returns) and
writes it in one of FORMATS to a binary stream or a file. Rows stream through
in Arrow record batches, so a large result never sits in memory whole, except
for the `table` view, which shows at most `limit` rows and says how many more
there are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import io
import json
import shutil
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyarrow as pa

FORMATS = ("table", "csv", "json", "parquet")
TABLE_ROWS = 50  # the table view's default limit; the other formats write every row unless told
_BATCH_ROWS = 10_000


@dataclass(frozen=True)
class Written:
    rows: int  # rows written
    more: bool  # True when the limit left rows out (the writer said so on `notes`)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _limited(relation: Any, limit: int | None) -> Any:
    # One row more than asked for tells whether the limit cut anything.
    return relation.limit(limit + 1) if limit is not None else relation


def _batches(relation: Any, limit: int | None) -> tuple[pa.Schema, Any, list[bool]]:
    """Record batches of at most `limit` rows in all; `cut[0]` turns True when rows were left out."""
    reader = _limited(relation, limit).to_arrow_reader(_BATCH_ROWS)
    cut = [False]

    def generate() -> Any:
        left = limit
        for batch in reader:
            if left is not None:
                if batch.num_rows > left:
                    cut[0] = True
                    batch = batch.slice(0, left)
                left -= batch.num_rows
            if batch.num_rows:
                yield batch

    return reader.schema, generate(), cut


def _flat_for_csv(relation: Any) -> Any:
    """Lists and structs as text, the way DuckDB prints them: CSV has no nested values."""
    columns = []
    for name, type_ in zip(relation.columns, relation.dtypes, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        nested = any(mark in str(type_) for mark in ("[]", "STRUCT", "MAP", "UNION"))
        columns.append(f"CAST({quoted} AS VARCHAR) AS {quoted}" if nested else quoted)
    return relation.project(", ".join(columns)) if columns else relation


def write_csv(relation: Any, out: BinaryIO, limit: int | None) -> Written:
    import pyarrow.csv as pacsv

    schema, batches, cut = _batches(_flat_for_csv(relation), limit)
    rows = 0
    with pacsv.CSVWriter(out, schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
            rows += batch.num_rows
    return Written(rows, cut[0])


def write_json(relation: Any, out: BinaryIO, limit: int | None) -> Written:
    """A JSON array of objects, one per line; timestamps as ISO 8601 strings."""
    _, batches, cut = _batches(relation, limit)
    rows = 0
    out.write(b"[")
    for batch in batches:
        for row in batch.to_pylist():
            out.write(b"\n" if rows == 0 else b",\n")
            out.write(json.dumps(row, ensure_ascii=False, default=_json_value).encode())
            rows += 1
    out.write(b"\n]\n" if rows else b"]\n")
    return Written(rows, cut[0])


def write_parquet(relation: Any, out: BinaryIO, limit: int | None) -> Written:
    import pyarrow.parquet as pq

    schema, batches, cut = _batches(relation, limit)
    rows = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)
            rows += batch.num_rows
    return Written(rows, cut[0])


def write_table(relation: Any, out: BinaryIO, limit: int | None) -> Written:
    """DuckDB's box view, as wide as the terminal, of at most `limit` rows (fetched once)."""
    import duckdb

    fetched = _limited(relation, limit).to_arrow_table()
    more = limit is not None and fetched.num_rows > limit
    shown = fetched.slice(0, limit) if more else fetched
    width = shutil.get_terminal_size((160, 24)).columns
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        duckdb.from_arrow(shown).show(max_rows=max(shown.num_rows, 1), max_width=width)
    out.write(buffer.getvalue().encode())
    return Written(shown.num_rows, more)


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json, "parquet": write_parquet}


def write_result(relation: Any, fmt: str, out: BinaryIO, limit: int | None) -> Written:
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return WRITERS[fmt](relation, out, limit)
