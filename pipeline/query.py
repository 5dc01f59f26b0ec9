"""DuckDB over an output root: one view per table, plus `articles_latest`.

Each date is read through its manifest: the views list exactly the files of
the run that `_manifests/crawl_date=D/latest.json` names, so a query never
mixes two runs of a date, even while a new run is being published. Dates
without a manifest (written by hand or by an older newsetl) are read from
their partition folders.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

import duckdb
import pyarrow as pa
from fsspec.implementations.local import LocalFileSystem

from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem

_DATE_DIR = re.compile(r"crawl_date=(\d{4}-\d{2}-\d{2})$")
_RETRIES = 3  # an object-store reader can lose a file to a publish that superseded its manifest


def _manifests(fs: Any, root: str) -> dict[str, dict[str, Any]]:
    """The latest manifest of each date, by date."""
    paths = fs.glob(f"{root}/_manifests/crawl_date=*/latest.json")
    if not paths:
        return {}
    contents = fs.cat(paths) if len(paths) > 1 else {paths[0]: fs.cat_file(paths[0])}
    found = {}
    for path, data in contents.items():
        match = _DATE_DIR.search(posixpath.dirname(path))
        if match:
            found[match.group(1)] = json.loads(data)
    return found


def table_files(output: str) -> dict[str, list[str]]:
    """Every table's files, one run per date: the manifest's where there is one, else the partition's."""
    fs, root = filesystem(output)
    root = root.rstrip("/")
    manifests = _manifests(fs, root)
    full = (lambda p: p) if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol
    files: dict[str, list[str]] = {}
    for table in TABLES:
        found: list[str] = []
        for folder in sorted(fs.glob(f"{root}/{table}/crawl_date=*")):
            match = _DATE_DIR.search(folder)
            if match is None:
                continue
            pinned = manifests.get(match.group(1), {}).get("files", {}).get(table)
            if pinned is not None:
                found += [full(f"{root}/{relative}") for relative in pinned]
            else:
                found += [full(p) for p in sorted(fs.glob(f"{folder}/*.parquet"))]
        files[table] = found
    return files


def connect(output: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    fs, _ = filesystem(output)
    if not isinstance(fs, LocalFileSystem):
        connection.register_filesystem(fs)
    for table, paths in table_files(output).items():
        if paths:
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet($files, hive_partitioning = true, "
                "hive_types = {'crawl_date': DATE}, union_by_name = true)".replace(
                    "$files", "[" + ", ".join(_sql_string(p) for p in paths) + "]"
                )
            )
        else:
            # No partition yet: a typed, empty view, so queries still run.
            connection.register(f"empty_{table}", pa.Table.from_pylist([], schema=TABLES[table]))
            connection.execute(
                f"CREATE VIEW {table} AS SELECT *, NULL::DATE AS crawl_date FROM empty_{table}"
            )
    connection.execute(
        "CREATE VIEW articles_latest AS SELECT * FROM articles "
        "QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY crawl_date DESC, fetched_at DESC) = 1"
    )
    return connection


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def run_query(output: str, sql: str) -> Any:
    return connect(output).sql(sql)


def fetch(output: str, sql: str) -> pa.Table | None:
    """The result of `sql` as an Arrow table (None for a statement without rows).

    A file that vanished under the query (a publish on an object store
    deleted the run the query resolved) makes it start over on the new manifest.
    """
    for attempt in range(_RETRIES):
        try:
            relation = connect(output).sql(sql)
            return None if relation is None else relation.to_arrow_table()
        except duckdb.IOException:
            if attempt == _RETRIES - 1:
                raise
    return None
