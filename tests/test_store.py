"""Staging, the atomic publish, the date lock and cross-shard de-duplication."""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.store import (
    Layout,
    PublishLocked,
    ShardWriter,
    date_lock,
    drop_cross_shard_duplicates,
    publish_tables,
    shard_key,
    staged_files,
)


def article(article_id: str, source: str, offset: int, content_hash: str | None = None) -> dict:
    return {
        "article_id": article_id,
        "url": f"https://n.example/{article_id}",
        "title": "T",
        "authors": [],
        "tags": [],
        "text": "Some text here.",
        "paragraph_spans": [{"start": 0, "end": 15}],
        "sentence_spans": [{"start": 0, "end": 15}],
        "word_count": 3,
        "content_hash": content_hash or f"h-{article_id}",
        "source_uri": source,
        "record_offset": offset,
    }


def quote(article_id: str) -> dict:
    return {
        "quote_id": f"q-{article_id}",
        "article_id": article_id,
        "text": "Some",
        "start": 0,
        "end": 4,
        "type": "direct",
    }


def stage(layout: Layout, shard: str, ids: list[str], hashes: dict[str, str] | None = None) -> None:
    writer = ShardWriter(layout, shard_key(shard))
    for offset, article_id in enumerate(ids):
        writer.add_article(
            article(article_id, shard, offset, (hashes or {}).get(article_id)), [quote(article_id)], []
        )
    writer.close()


def test_staged_files_carry_the_explicit_schema_even_when_empty(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), "2025-01-22", "run1")
    stage(layout, "s1.warc.gz", [])
    for table, schema in TABLES.items():
        (path,) = staged_files(layout, table)
        assert pq.read_schema(path).equals(schema)
        assert pq.read_metadata(path).num_rows == 0


def test_publish_replaces_the_partition_exactly(tmp_path: Path) -> None:
    first = Layout(str(tmp_path), "2025-01-22", "run1")
    stage(first, "s1.warc.gz", ["a", "b", "c"])
    publish_tables(first)
    second = Layout(str(tmp_path), "2025-01-22", "run2")
    stage(second, "s2.warc.gz", ["d"])
    publish_tables(second)
    rows = duckdb.sql(f"SELECT article_id, run_id FROM '{tmp_path}/articles/*/*.parquet'").fetchall()
    assert rows == [("d", "run2")]
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/quotes/*/*.parquet'").fetchall() == [(1,)]
    tables = sorted(p.name for p in tmp_path.iterdir())
    assert tables == ["_staging", "articles", "citations", "quotes", "rejects"]


def test_other_dates_are_untouched(tmp_path: Path) -> None:
    for day, ids in (("2025-01-21", ["x"]), ("2025-01-22", ["y"])):
        layout = Layout(str(tmp_path), day, "run")
        stage(layout, f"{day}.warc.gz", ids)
        publish_tables(layout)
    rows = duckdb.sql(
        f"SELECT crawl_date::VARCHAR, article_id FROM read_parquet('{tmp_path}/articles/*/*.parquet', hive_partitioning=true) ORDER BY 1"
    ).fetchall()
    assert rows == [("2025-01-21", "x"), ("2025-01-22", "y")]


def test_cross_shard_duplicates_keep_the_first_copy(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), "2025-01-22", "run1")
    stage(layout, "a.warc.gz", ["one", "two"])
    stage(layout, "b.warc.gz", ["two", "three", "four"], hashes={"four": "h-one"})  # four has one's content
    assert drop_cross_shard_duplicates(layout) == 2
    articles = duckdb.sql(
        f"SELECT article_id, source_uri FROM '{layout.staging}/articles/*.parquet' ORDER BY 1"
    ).fetchall()
    assert articles == [("one", "a.warc.gz"), ("three", "b.warc.gz"), ("two", "a.warc.gz")]
    quotes = duckdb.sql(f"SELECT article_id FROM '{layout.staging}/quotes/*.parquet' ORDER BY 1").fetchall()
    assert quotes == [("one",), ("three",), ("two",)]


def _hold_lock(output: str, ready, release) -> None:  # runs in another process
    with date_lock(Layout(output, "2025-01-22", "holder")):
        ready.set()
        release.wait(30)


def test_second_publisher_of_a_date_waits_then_fails_clearly(tmp_path: Path) -> None:
    context = mp.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        started = time.monotonic()
        with (
            pytest.raises(
                PublishLocked,
                match=r"crawl_date=2025-01-22 is being published by another run \(run_id=holder",
            ),
            date_lock(Layout(str(tmp_path), "2025-01-22", "second"), timeout=1.0),
        ):
            pass
        assert time.monotonic() - started >= 1.0
        with date_lock(Layout(str(tmp_path), "2025-01-23", "other-date"), timeout=1.0):
            pass  # another date is not blocked
    finally:
        release.set()
        holder.join(30)
    with date_lock(Layout(str(tmp_path), "2025-01-22", "third"), timeout=5.0):
        pass  # released when the holder finished
