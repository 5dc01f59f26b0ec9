"""DuckDB over an output root: one view per table, plus `articles_latest`."""

from __future__ import annotations

import posixpath
from typing import Any

import duckdb
import pyarrow as pa
from fsspec.implementations.local import LocalFileSystem

from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem


def connect(output: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    fs, root = filesystem(output)
    prefix = root if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(root)
    if not isinstance(fs, LocalFileSystem):
        connection.register_filesystem(fs)
    for table in TABLES:
        pattern = posixpath.join(prefix, table, "crawl_date=*", "*.parquet")
        if fs.glob(posixpath.join(root, table, "crawl_date=*", "*.parquet")):
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning = true, "
                "hive_types = {'crawl_date': DATE}, union_by_name = true)"
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


def run_query(output: str, sql: str) -> Any:
    return connect(output).sql(sql)
