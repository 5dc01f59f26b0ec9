"""One copy of each article per run: duplicates within and across shards resolved after staging.

The rules (DESIGN.md): the same article (same `article_id`, i.e. the same
normalized URL) met more than once keeps the copy with the latest
`fetched_at` (a re-crawl replaces what it re-crawled; ties: the first by
source URI and offset); then the same text under another URL keeps the
first copy by source URI and offset. The losers become `duplicate` skips,
and their quotes and citations go with them: the shard's article index says
which rows of the quotes and citations files belong to which article, so the
files are filtered by row position, one row group at a time.

Crash-safe in two steps: `resolve_duplicates` writes the filtered files to
`_deduplicated/` and leaves the staged files untouched (a retry starts over
from them); once the run has recorded its counts, `apply_deduplicated` moves
them over the staged files (a retry finishes the moves).
"""

from __future__ import annotations

import contextlib
import posixpath
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from pipeline import bounded_duckdb
from pipeline.sources.fs import filesystem
from pipeline.store.layout import Layout

_LOSERS_SQL = """
    WITH rows AS (
        SELECT * FROM read_parquet($files, filename = true)
    ), by_id AS (
        SELECT *, row_number() OVER (
            PARTITION BY article_id
            ORDER BY fetched_at DESC NULLS LAST, source_uri, record_offset) AS id_rank
        FROM rows
    ), by_text AS (
        SELECT *, row_number() OVER (
            PARTITION BY content_hash ORDER BY source_uri, record_offset) AS text_rank
        FROM by_id WHERE id_rank = 1
    )
    SELECT filename, row, quote_row, quotes, citation_row, citations FROM by_id WHERE id_rank > 1
    UNION ALL
    SELECT filename, row, quote_row, quotes, citation_row, citations FROM by_text WHERE text_rank > 1
    ORDER BY filename, row
"""


@dataclass(frozen=True, slots=True)
class Dropped:
    articles: int = 0
    quotes: int = 0
    citations: int = 0


def _index_files(fs: Any, layout: Layout) -> list[str]:
    directory = filesystem(layout.index_dir)[1]
    if not fs.exists(directory):
        return []
    paths = sorted(p for p in fs.ls(directory, detail=False) if p.endswith(".parquet"))
    return paths if isinstance(fs, LocalFileSystem) else [fs.unstrip_protocol(p) for p in paths]


def resolve_duplicates(layout: Layout) -> Dropped:
    """Drop every staged article that loses to another copy, with its quotes and citations."""
    fs, _ = filesystem(layout.output)
    with contextlib.suppress(FileNotFoundError):
        fs.rm(filesystem(_deduplicated_root(layout))[1], recursive=True)  # a crashed attempt's leftovers
    files = _index_files(fs, layout)
    if not files:
        return Dropped()
    connection = bounded_duckdb.connect()
    try:
        if not isinstance(fs, LocalFileSystem):
            connection.register_filesystem(fs)
        losers = connection.execute(_LOSERS_SQL, {"files": files}).fetchall()
    finally:
        connection.close()
    by_file: dict[str, list[tuple[int, int, int, int, int]]] = {}
    for filename, row, quote_row, quotes, citation_row, citations in losers:
        by_file.setdefault(filename, []).append((row, quote_row, quotes, citation_row, citations))
    dropped = Dropped()
    for filename, rows in by_file.items():
        shard_file = posixpath.basename(filename)
        _drop_rows(fs, layout, "articles", shard_file, [(row, 1) for row, *_ in rows])
        _drop_rows(fs, layout, "quotes", shard_file, [(start, n) for _, start, n, _, _ in rows if n])
        _drop_rows(fs, layout, "citations", shard_file, [(start, n) for *_, start, n in rows if n])
        dropped = Dropped(
            dropped.articles + len(rows),
            dropped.quotes + sum(r[2] for r in rows),
            dropped.citations + sum(r[4] for r in rows),
        )
    return dropped


def _deduplicated_root(layout: Layout) -> str:
    return posixpath.join(layout.staging, "_deduplicated")


def _drop_rows(fs: Any, layout: Layout, table: str, shard_file: str, ranges: list[tuple[int, int]]) -> None:
    """Write `_deduplicated/<table>/<shard_file>`: the staged file without the rows in `ranges`."""
    if not ranges:
        return
    source_path = filesystem(posixpath.join(layout.staged_table(table), shard_file))[1]
    target = filesystem(posixpath.join(_deduplicated_root(layout), table, shard_file))[1]
    fs.makedirs(posixpath.dirname(target), exist_ok=True)
    losing = sorted(ranges)
    with fs.open(source_path, "rb") as source, fs.open(target, "wb") as handle:
        parquet = pq.ParquetFile(source)
        with pq.ParquetWriter(handle, parquet.schema_arrow, compression="zstd") as writer:
            position = 0
            # one row group at a time, on this thread: the staged files' row groups are small (the
            # writer's), so the memory held is one group's, whatever the size of the shard
            for group in range(parquet.num_row_groups):
                rows = parquet.read_row_group(group, use_threads=False)
                keep = [not _inside(position + i, losing) for i in range(rows.num_rows)]
                position += rows.num_rows
                writer.write_table(rows.filter(pa.array(keep)))
    pa.default_memory_pool().release_unused()  # give back what the rewrite took (mimalloc keeps it)


def apply_deduplicated(layout: Layout) -> None:
    """Move the filtered files over the staged ones (idempotent: moved files leave `_deduplicated/`)."""
    fs, _ = filesystem(layout.output)
    root = filesystem(_deduplicated_root(layout))[1]
    if not fs.exists(root):
        return
    for path in sorted(fs.find(root)):
        table, shard_file = posixpath.relpath(path, root).split("/", 1)
        fs.mv(path, filesystem(posixpath.join(layout.staged_table(table), shard_file))[1])
    with contextlib.suppress(FileNotFoundError):
        fs.rm(root, recursive=True)


def _inside(row: int, ranges: list[tuple[int, int]]) -> bool:
    from bisect import bisect_right

    index = bisect_right(ranges, (row, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= row < ranges[index][0] + ranges[index][1]
