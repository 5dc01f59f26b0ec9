"""Output layout, staged Parquet writing, cross-shard de-duplication and the atomic publish.

    OUT/<table>/crawl_date=D/part-<shard>.parquet        published partitions
    OUT/_staging/crawl_date=D/<run_id>/<table>/...        a run's shard files before publishing
    OUT/_staging/crawl_date=D/<run_id>/_shards/<k>.json  a shard's stats; its completion marker
    OUT/_manifests/crawl_date=D/<run_id>.json, latest.json
    OUT/_validation/crawl_date=D/<run_id>/
    OUT/_locks/crawl_date=D.lock

Publishing swaps each table's staged folder with its partition folder in
one rename (Linux renameat2 RENAME_EXCHANGE), so a reader sees the old rows
or the new ones, never a mix. Object stores have no atomic rename: there
files are copied, then the old ones deleted, and `_manifests/.../latest.json`
names the files of the current run.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import posixpath
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from pipeline import SCHEMA_VERSION, __version__
from pipeline.ids import digest
from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem

_ROWS_PER_GROUP = 500  # small row groups keep the writer's memory flat, whatever the shard size
_BYTES_PER_GROUP = 16 * 1024 * 1024
LOCK_TIMEOUT_SECONDS = float(os.environ.get("NEWSETL_LOCK_TIMEOUT", "900"))


class PublishLocked(RuntimeError):
    """Another run holds the date's lock for longer than we may wait."""


@dataclass(frozen=True, slots=True)
class Layout:
    output: str
    crawl_date: str  # YYYY-MM-DD
    run_id: str

    def _join(self, *parts: str) -> str:
        return posixpath.join(self.output.rstrip("/"), *parts)

    @property
    def date_dir(self) -> str:
        return f"crawl_date={self.crawl_date}"

    def partition(self, table: str) -> str:
        return self._join(table, self.date_dir)

    @property
    def staging(self) -> str:
        return self._join("_staging", self.date_dir, self.run_id)

    def staged_table(self, table: str) -> str:
        return posixpath.join(self.staging, table)

    def shard_marker(self, shard_key: str) -> str:
        return posixpath.join(self.staging, "_shards", f"{shard_key}.json")

    @property
    def manifest_dir(self) -> str:
        return self._join("_manifests", self.date_dir)

    @property
    def validation_dir(self) -> str:
        return self._join("_validation", self.date_dir, self.run_id)

    @property
    def lock_path(self) -> str:
        return self._join("_locks", f"{self.date_dir}.lock")


def shard_key(shard_uri: str) -> str:
    """A file-name-safe, unique and stable name for a shard."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", posixpath.basename(shard_uri.rstrip("/")))[:80] or "shard"
    return f"{base}-{digest(shard_uri, 4)}"


def write_json(uri: str, payload: dict[str, Any]) -> None:
    """Write JSON under a temporary name, then rename: a reader never sees half a file."""
    fs, path = filesystem(uri)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    data = json.dumps(payload, indent=2, sort_keys=True, default=str).encode()
    if isinstance(fs, LocalFileSystem):
        temporary = f"{path}.tmp-{os.getpid()}"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    else:
        fs.pipe_file(path, data)


def read_json(uri: str) -> dict[str, Any] | None:
    fs, path = filesystem(uri)
    if not fs.exists(path):
        return None
    with fs.open(path, "rb") as handle:
        return json.loads(handle.read())


class _TableWriter:
    """One table's Parquet file for one shard, written in bounded row groups."""

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
        self.flush()
        self._writer.close()  # an empty file still carries the schema, so readers never miss a column
        self._handle.close()
        self.fs.mv(self.temporary, self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
            self._handle.close()
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
        self.tables = {
            name: _TableWriter(
                self.fs,
                filesystem(posixpath.join(layout.staged_table(name), f"part-{key}.parquet"))[1],
                schema,
            )
            for name, schema in TABLES.items()
        }

    def add_article(
        self, article: dict[str, Any], quotes: list[dict[str, Any]], citations: list[dict[str, Any]]
    ) -> None:
        text = article.get("text") or ""
        self.tables["articles"].add({**article, **self.article_columns}, len(text) * 2)
        for quote in quotes:
            self.tables["quotes"].add({**quote, **self.run_columns})
        for citation in citations:
            self.tables["citations"].add({**citation, **self.run_columns})

    def add_reject(self, row: dict[str, Any]) -> None:
        self.tables["rejects"].add({**row, **self.run_columns})

    def close(self) -> dict[str, int]:
        for writer in self.tables.values():
            writer.close()
        return {name: writer.count for name, writer in self.tables.items()}

    def abort(self) -> None:
        for writer in self.tables.values():
            writer.abort()


def staged_files(layout: Layout, table: str) -> list[str]:
    fs, path = filesystem(layout.staged_table(table))
    if not fs.exists(path):
        return []
    return sorted(p for p in fs.ls(path, detail=False) if p.endswith(".parquet"))


def drop_cross_shard_duplicates(layout: Layout) -> int:
    """Keep one copy of an article found in several shards (first by source URI and offset).

    Within a shard the writer already refused duplicates, so an article_id is
    unique per file and removing it from the losing file removes exactly
    that copy with its quotes and citations. Returns how many were dropped.
    """
    import duckdb

    files = staged_files(layout, "articles")
    if len(files) < 2:
        return 0
    fs, _ = filesystem(layout.output)
    connection = duckdb.connect()
    if not isinstance(fs, LocalFileSystem):
        connection.register_filesystem(fs)
    losers = connection.execute(
        """
        SELECT filename, list(article_id) FROM (
            SELECT filename, article_id,
                   row_number() OVER (PARTITION BY article_id ORDER BY source_uri, record_offset) AS by_id,
                   row_number() OVER (PARTITION BY content_hash ORDER BY source_uri, record_offset) AS by_hash
            FROM read_parquet($files, filename = true)
        ) WHERE by_id > 1 OR by_hash > 1 GROUP BY filename
        """,
        {"files": files},
    ).fetchall()
    connection.close()
    dropped = 0
    for filename, article_ids in losers:
        dropped += len(article_ids)
        shard_file = posixpath.basename(filename)
        for table in ("articles", "quotes", "citations"):
            _filter_out(
                fs, posixpath.join(filesystem(layout.staged_table(table))[1], shard_file), set(article_ids)
            )
    return dropped


def _filter_out(fs: Any, path: str, article_ids: set[str]) -> None:
    import pyarrow.compute as pc

    with fs.open(path, "rb") as handle:
        table = pq.read_table(handle)
    keep = pc.invert(pc.is_in(table["article_id"], value_set=pa.array(sorted(article_ids), pa.string())))
    temporary = f"{path}.inprogress"
    with fs.open(temporary, "wb") as handle:
        pq.write_table(table.filter(keep), handle, compression="zstd")
    fs.mv(temporary, path)


# --- publishing -------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: str, second: str) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), second)


def _swap_local(staged: str, final: str, graveyard: str) -> None:
    os.makedirs(os.path.dirname(final), exist_ok=True)
    if not os.path.exists(final):
        os.rename(staged, final)
        return
    if _exchange(staged, final):
        os.rename(staged, graveyard)  # `staged` now holds the previous partition
        return
    os.rename(final, graveyard)  # fallback: a moment with no partition, never a mix
    os.rename(staged, final)


def _swap_remote(fs: Any, staged: str, final: str) -> None:
    new_files = sorted(fs.ls(staged, detail=False))
    old_files = set(fs.ls(final, detail=False)) if fs.exists(final) else set()
    for path in new_files:
        fs.copy(path, posixpath.join(final, posixpath.basename(path)))
    for path in old_files - {posixpath.join(final, posixpath.basename(p)) for p in new_files}:
        fs.rm(path)


def publish_tables(layout: Layout) -> dict[str, list[str]]:
    """Replace every table's partition for the date with the staged files; returns the published files."""
    fs, _ = filesystem(layout.output)
    published: dict[str, list[str]] = {}
    graveyard_root = filesystem(posixpath.join(layout.staging, "_replaced"))[1]
    for table in TABLES:
        staged = filesystem(layout.staged_table(table))[1]
        final = filesystem(layout.partition(table))[1]
        if not fs.exists(staged):
            fs.makedirs(staged, exist_ok=True)
        if isinstance(fs, LocalFileSystem):
            os.makedirs(graveyard_root, exist_ok=True)
            _swap_local(staged, final, posixpath.join(graveyard_root, table))
        else:
            _swap_remote(fs, staged, final)
        published[table] = sorted(posixpath.basename(p) for p in fs.ls(final, detail=False))
    return published


def remove_staging(layout: Layout) -> None:
    fs, path = filesystem(layout.staging)
    if fs.exists(path):
        fs.rm(path, recursive=True)
    parent = posixpath.dirname(path)
    with contextlib.suppress(Exception):
        if fs.exists(parent) and not fs.ls(parent, detail=False):
            fs.rmdir(parent)


@contextlib.contextmanager
def date_lock(layout: Layout, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the date's publish lock; wait for another holder up to `timeout`, then fail clearly."""
    fs, path = filesystem(layout.lock_path)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    if not isinstance(fs, LocalFileSystem):
        yield  # object stores: no portable lock; the manifest decides what is current
        return
    import fcntl

    handle = open(path, "a+")  # noqa: SIM115 - held for the duration of the context
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise PublishLocked(
                        f"crawl_date={layout.crawl_date} is being published by another run ({holder}); "
                        f"waited {timeout:g} s"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"run_id={layout.run_id} pid={os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock
