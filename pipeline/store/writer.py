"""Staged Parquet files of one shard, written in bounded row groups, plus the shard's article index.

Each table's file is written under a temporary name and renamed when closed,
so a staged file is either whole or absent; a writer that fails removes its
temporary file whatever went wrong (a full disk must not stay full). The
article index (one small row per article: ids, lineage, where its quotes and
citations sit in their files) lets the run resolve duplicates across and
within shards afterwards without reading the tables.
"""

from __future__ import annotations

import contextlib
import posixpath
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import SCHEMA_VERSION, __version__
from pipeline.schema import TABLES, TIMESTAMP
from pipeline.sources.fs import filesystem
from pipeline.store.layout import Layout

_ROWS_PER_GROUP = 500  # small row groups keep the writer's memory flat, whatever the shard size
_BYTES_PER_GROUP = 16 * 1024 * 1024

INDEX = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),  # the article's row in its shard file
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", TIMESTAMP),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_offset", pa.int64(), nullable=False),
        pa.field("quote_row", pa.int64(), nullable=False),  # first of its rows in the quotes file
        pa.field("quotes", pa.int32(), nullable=False),
        pa.field("citation_row", pa.int64(), nullable=False),
        pa.field("citations", pa.int32(), nullable=False),
    ]
)


class TableWriter:
    """One Parquet file written in bounded row groups, renamed into place when closed."""

    def __init__(self, fs: Any, path: str, schema: pa.Schema) -> None:
        self.fs, self.path, self.schema = fs, path, schema
        self.temporary = f"{path}.inprogress"
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
        self._handle = fs.open(self.temporary, "wb")
        self._writer = pq.ParquetWriter(self._handle, schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self._bytes = 0
        self.count = 0

    def add(self, row: dict[str, Any], size: int = 0) -> None:
        self._rows.append(row)
        self._bytes += size
        self.count += 1
        if len(self._rows) >= _ROWS_PER_GROUP or self._bytes >= _BYTES_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows, self._bytes = [], 0

    def close(self) -> None:
        try:
            self.flush()
            self._writer.close()  # an empty file still carries the schema, so readers never miss a column
            self._handle.close()
            self.fs.mv(self.temporary, self.path)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the temporary file, whatever state the writer is in."""
        with contextlib.suppress(Exception):
            self._writer.close()
        with contextlib.suppress(Exception):
            self._handle.close()
        with contextlib.suppress(Exception):
            self.fs.rm(self.temporary)


class ShardWriter:
    """The four tables of one shard, staged; run-level columns are added here."""

    def __init__(self, layout: Layout, key: str) -> None:
        self.fs, _ = filesystem(layout.output)
        self.run_columns = {"run_id": layout.run_id}
        self.article_columns = {
            "run_id": layout.run_id,
            "pipeline_version": __version__,
            "schema_version": SCHEMA_VERSION,
        }
        self.tables: dict[str, TableWriter] = {}
        try:
            for name, schema in TABLES.items():
                path = filesystem(posixpath.join(layout.staged_table(name), f"part-{key}.parquet"))[1]
                self.tables[name] = TableWriter(self.fs, path, schema)
            self.index = TableWriter(self.fs, filesystem(layout.shard_index(key))[1], INDEX)
        except BaseException:
            self.abort()
            raise

    def add_article(
        self, article: dict[str, Any], quotes: list[dict[str, Any]], citations: list[dict[str, Any]]
    ) -> None:
        text = article.get("text") or ""
        self.index.add(
            {
                "row": self.tables["articles"].count,
                "article_id": article["article_id"],
                "content_hash": article["content_hash"],
                "fetched_at": article.get("fetched_at"),
                "source_uri": article["source_uri"],
                "record_offset": article["record_offset"],
                "quote_row": self.tables["quotes"].count,
                "quotes": len(quotes),
                "citation_row": self.tables["citations"].count,
                "citations": len(citations),
            }
        )
        self.tables["articles"].add({**article, **self.article_columns}, len(text) * 2)
        for quote in quotes:
            self.tables["quotes"].add({**quote, **self.run_columns})
        for citation in citations:
            self.tables["citations"].add({**citation, **self.run_columns})

    def add_reject(self, row: dict[str, Any]) -> None:
        self.tables["rejects"].add({**row, **self.run_columns})

    def close(self) -> dict[str, int]:
        try:
            for writer in [*self.tables.values(), self.index]:
                writer.close()
        except BaseException:
            self.abort()
            raise
        return {name: writer.count for name, writer in self.tables.items()}

    def abort(self) -> None:
        for writer in [*self.tables.values(), *([self.index] if hasattr(self, "index") else [])]:
            writer.abort()


def staged_files(layout: Layout, table: str) -> list[str]:
    fs, path = filesystem(layout.staged_table(table))
    if not fs.exists(path):
        return []
    return sorted(p for p in fs.ls(path, detail=False) if p.endswith(".parquet"))
