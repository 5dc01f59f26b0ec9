"""The frames the suites run on, built with DuckDB over Parquet files (no GX here).

GX has no joins, so each check that needs more than one row of one file gets a
frame that makes it a plain column check:

- rows: a table's rows over all its shard files, slim: the bulky columns are cut
  down to what their expectations need (article text to a prefix, lists to their
  lengths) once the derived `_` columns are computed from them (span sanity,
  publish lead, for quotes and citations the article's text length from an index
  of all articles, and the quoted slice of the article text);
- duplicates: the rows, over all files, whose key occurs more than once;
- run: one row of run-level counts (reject rate, rows staged vs counted).

Memory stays bounded whatever the size of the day: a rows frame holds at most
CHUNK_ROWS slim rows (a larger table is validated in several chunks, and the
duplicates frames then carry uniqueness across chunks); DuckDB streams the files
in record batches within a memory limit (`pipeline.bounded_duckdb`, spilling
beyond it); a quote's slice is taken from its own shard's articles, one shard
file at a time; the run-wide index holds an id and a length per article.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from pipeline import bounded_duckdb
from pipeline.schema import TABLES

_QUOTED_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Rows per frame handed to GX: 10k slim rows are a few MB in pandas, so the validator's memory does not
# grow with the day (50k rows per frame: 520 MB at 10,000 pages against 380 MB with 10k).
CHUNK_ROWS = int(os.environ.get("NEWSETL_VALIDATION_CHUNK_ROWS", "10000"))


@dataclass(frozen=True)
class ShardFile:
    table: str
    shard: str  # shard key: the file name without `.parquet` (and without `part-` when published)
    path: str  # as DuckDB and fsspec see it (a plain path locally, a URI elsewhere)


def open_root(root: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem and the protocol-less path of an output or staging root."""
    fs, path = fsspec.core.url_to_fs(root)
    return fs, path.rstrip("/")


def _full(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return path if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(path)


def list_files(fs: fsspec.AbstractFileSystem, table_dirs: dict[str, str]) -> dict[str, list[ShardFile]]:
    """Parquet files of each table directory, sorted by shard key."""
    found: dict[str, list[ShardFile]] = {}
    for table, directory in table_dirs.items():
        paths = sorted(fs.glob(f"{directory}/*.parquet")) if fs.isdir(directory) else []
        files = []
        for path in paths:
            stem = path.rsplit("/", 1)[-1].removesuffix(".parquet")
            files.append(ShardFile(table, stem.removeprefix("part-"), _full(fs, path)))
        found[table] = files
    return found


def pinned_files(
    fs: fsspec.AbstractFileSystem, root: str, table: str, relative: list[str]
) -> list[ShardFile]:
    """A table's files as a manifest names them (paths relative to the output root), sorted by shard key."""
    files = []
    for path in sorted(f"{root}/{r}" for r in relative):
        stem = path.rsplit("/", 1)[-1].removesuffix(".parquet")
        files.append(ShardFile(table, stem.removeprefix("part-"), _full(fs, path)))
    return sorted(files, key=lambda f: f.shard)


def schema_differences(fs: fsspec.AbstractFileSystem, shard: ShardFile) -> list[str]:
    """How a file's Parquet schema differs from pipeline.schema (names and types; cheap: footer only)."""
    path = shard.path if isinstance(fs, LocalFileSystem) else fs._strip_protocol(shard.path)
    actual = pq.read_schema(path, filesystem=fs)
    expected = TABLES[shard.table]
    problems = []
    for column in expected:
        if column.name not in actual.names:
            problems.append(f"missing column {column.name}")
        elif not actual.field(column.name).type.equals(column.type):
            problems.append(f"{column.name} is {actual.field(column.name).type}, expected {column.type}")
    problems += [f"unexpected column {name}" for name in actual.names if name not in expected.names]
    return problems


def _ident(name: str) -> str:
    if not _QUOTED_ID.match(name):
        raise ValueError(f"not a column name: {name!r}")
    return f'"{name}"'


_SPAN_BAD = 'len(list_filter({col}, lambda s: s.start < 0 OR s."end" <= s.start OR s."end" > length(text)))'

# `SELECT * REPLACE` computes the derived columns from the original values, then the
# bulky ones are cut down: the checks on them (not null, of type) hold for the prefix or
# the length just as for the whole value.
_ROWS_SQL = {
    "articles": f"""
        SELECT * REPLACE (
                left(text, 24) AS text,
                left(description, 24) AS description,
                len(authors) AS authors,
                len(tags) AS tags,
                len(paragraph_spans) AS paragraph_spans,
                len(sentence_spans) AS sentence_spans),
            length(text) AS _text_length,
            len(paragraph_spans) AS _paragraph_count,
            {_SPAN_BAD.format(col="paragraph_spans")} AS _bad_paragraph_spans,
            {_SPAN_BAD.format(col="sentence_spans")} AS _bad_sentence_spans,
            epoch(published_at - fetched_at) / 3600.0 AS _published_after_fetch_hours
        FROM read_parquet($paths, hive_partitioning = false)""",
    # A quote's article is in its own shard; the slice is taken from there (one
    # shard's texts in memory), its existence and length from the run-wide index.
    "quotes": """
        SELECT q.*,
            ai.text_length AS _article_text_length,
            CASE WHEN q.start >= 0 AND q."end" > q.start
                 THEN substring(sa.text, q.start + 1, q."end" - q.start) END AS _article_span_text
        FROM read_parquet($paths, hive_partitioning = false) q
        LEFT JOIN article_index ai ON ai.article_id = q.article_id
        LEFT JOIN ({same_shard}) sa ON sa.article_id = q.article_id""",
    "citations": """
        SELECT c.*, ai.text_length AS _article_text_length
        FROM read_parquet($paths, hive_partitioning = false) c
        LEFT JOIN article_index ai ON ai.article_id = c.article_id""",
    "rejects": "SELECT * FROM read_parquet($paths, hive_partitioning = false)",
}
_SAME_SHARD = "SELECT article_id, any_value(text) AS text FROM read_parquet($articles, hive_partitioning = false) GROUP BY article_id"
_NO_ARTICLES = "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS text WHERE false"


@dataclass
class Frame:
    """Rows of one table to validate in one GX call."""

    table: str
    batch: str  # "all"; "rows 1-10000" when a table is split; a shard key for a file checked alone
    data: pa.Table
    shards: list[str] = field(default_factory=list)


class FrameBuilder:
    """One DuckDB connection over one run's files (staged or published)."""

    def __init__(self, fs: fsspec.AbstractFileSystem, files: dict[str, list[ShardFile]]) -> None:
        self.files = files
        self.con = bounded_duckdb.connect()
        self.con.sql("SET TimeZone = 'UTC'")
        if not isinstance(fs, LocalFileSystem):
            self.con.register_filesystem(fs)
        self._articles_by_shard = {f.shard: f.path for f in files.get("articles", [])}

    def close(self) -> None:
        self.con.close()

    def build_article_index(self) -> None:
        """article_id -> text length over every article file: the target of the cross-table checks."""
        paths = [f.path for f in self.files.get("articles", [])]
        if paths:
            self.con.sql(
                "CREATE OR REPLACE TEMP TABLE article_index AS SELECT article_id, max(length(text)) AS text_length "
                "FROM read_parquet($paths, union_by_name = true, hive_partitioning = false) GROUP BY article_id",
                params={"paths": paths},
            )
        else:
            self.con.sql(
                "CREATE OR REPLACE TEMP TABLE article_index (article_id VARCHAR, text_length BIGINT)"
            )

    def _reader(self, table: str, shards: list[ShardFile]) -> pa.RecordBatchReader:
        sql = _ROWS_SQL[table]
        params: dict[str, Any] = {"paths": [f.path for f in shards]}
        if table == "quotes":
            # one shard at a time (the caller's job): its own articles give the quoted slices
            same = self._articles_by_shard.get(shards[0].shard)
            sql = sql.format(same_shard=_SAME_SHARD if same else _NO_ARTICLES)
            if same:
                params["articles"] = same
        return self.con.sql(sql, params=params).to_arrow_reader(CHUNK_ROWS)

    def rows(self, shard: ShardFile) -> pa.Table:
        """One file with its derived columns (for a file checked on its own)."""
        return self._reader(shard.table, [shard]).read_all()

    def raw_rows(self, shard: ShardFile) -> pa.Table:
        """The file as it is, for when a broken schema makes the derived columns impossible."""
        return self.con.sql(
            "SELECT * FROM read_parquet($path, hive_partitioning = false)", params={"path": shard.path}
        ).to_arrow_table()

    def table_frames(self, table: str, shards: list[ShardFile]) -> Iterator[Frame]:
        """The slim rows of `shards` (files of one table with the expected schema), in frames of at
        most CHUNK_ROWS rows: one frame for the whole table unless it has more rows than that."""
        groups = [[s] for s in shards] if table == "quotes" else ([shards] if shards else [])
        pending: list[pa.RecordBatch] = []
        pending_rows, first_row, schema = 0, 1, None

        def flush() -> Frame:
            nonlocal pending, pending_rows, first_row
            data = pa.Table.from_batches(pending, schema=schema)
            batch = f"rows {first_row}-{first_row + pending_rows - 1}"
            first_row += pending_rows
            pending, pending_rows = [], 0
            return Frame(table, batch, data, [s.shard for s in shards])

        chunks = 0
        for group in groups:
            reader = self._reader(table, group)
            schema = reader.schema
            for record_batch in reader:
                pending.append(record_batch)
                pending_rows += record_batch.num_rows
                if pending_rows >= CHUNK_ROWS:
                    chunks += 1
                    yield flush()
        if schema is None:
            return
        if pending_rows or not chunks:
            frame = flush()
            if not chunks:
                frame.batch = "all"
            yield frame

    def locate(self, table: str, columns: list[str], rows: list[dict[str, Any]]) -> list[str]:
        """Shard keys of the files holding rows with these id values (to say where a failure is)."""
        paths = [f.path for f in self.files.get(table, [])]
        if not paths or not rows:
            return []
        condition = " OR ".join(
            "(" + " AND ".join(f"{_ident(c)} = ${c}_{i}" for c in columns) + ")" for i in range(len(rows))
        )
        params = {f"{c}_{i}": row.get(c) for i, row in enumerate(rows) for c in columns}
        found = self.con.sql(
            "SELECT DISTINCT regexp_extract(filename, '([^/]+)\\.parquet$', 1) AS shard "
            f"FROM read_parquet($paths, filename = true, hive_partitioning = false) WHERE {condition} ORDER BY 1",
            params={"paths": paths, **params},
        ).fetchall()
        return [str(r[0]).removeprefix("part-") for r in found]

    def duplicates(self, table: str, keys: list[str]) -> pa.Table:
        """Rows (key columns and shard) whose key occurs more than once across all files of `table`."""
        paths = [f.path for f in self.files.get(table, [])]
        cols = ", ".join(_ident(k) for k in keys)
        if not paths:
            return pa.table(
                {**{k: pa.array([], pa.string()) for k in keys}, "_shard": pa.array([], pa.string())}
            )
        sql = f"""
            WITH t AS (
                SELECT {cols}, regexp_extract(filename, '([^/]+)\\.parquet$', 1) AS _shard
                FROM read_parquet($paths, filename = true, union_by_name = true, hive_partitioning = false))
            SELECT t.* FROM t
            JOIN (SELECT {cols} FROM t GROUP BY ALL HAVING count(*) > 1) d USING ({cols})
            ORDER BY {cols}, _shard"""
        return self.con.sql(sql, params={"paths": paths}).to_arrow_table()

    def row_counts(self) -> dict[str, int]:
        """Rows per table over all files (Parquet footers only)."""
        counts = {}
        for table in TABLES:
            paths = [f.path for f in self.files.get(table, [])]
            if not paths:
                counts[table] = 0
                continue
            rows = self.con.sql(
                "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata($paths)",
                params={"paths": paths},
            ).fetchall()
            counts[table] = int(rows[0][0])
        return counts


def _total(value: Any) -> int:
    """A count given either as a number or as {reason: n}."""
    if isinstance(value, dict):
        return sum(int(v) for v in value.values())
    return int(value or 0)


def run_frame(counts: dict[str, Any], staged: dict[str, int]) -> pa.Table:
    """The one-row frame of run-level counts the `run` expectations check.

    Counts the run did not report fall back to what is staged, so a caller that
    omits one loses that comparison, never the other checks.
    """
    skips = _total(counts.get("skips", 0))
    articles = int(counts.get("articles", staged["articles"]))
    rejects = _total(counts["rejects"]) if "rejects" in counts else staged["rejects"]
    records = int(counts.get("records", articles + rejects + skips))
    candidates = records - skips  # skips (duplicates, non-HTML, ...) are not rejects
    row = {
        "records": records,
        "skips": skips,
        "candidates": candidates,
        "articles": articles,
        "rejects": rejects,
        "quotes": int(counts.get("quotes", staged["quotes"])),
        "citations": int(counts.get("citations", staged["citations"])),
        "accounted": articles + rejects + skips,
        "reject_rate": rejects / candidates if candidates > 0 else 0.0,
        "min_articles": 0 if records == 0 else 1,
        **{f"staged_{table}": n for table, n in staged.items()},
    }
    return pa.Table.from_pylist([row])
