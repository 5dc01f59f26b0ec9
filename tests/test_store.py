"""Staging, duplicate resolution, the date lock and the publish, on a local disk and on an S3 server."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.query import fetch, table_files
from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem
from pipeline.store import (
    Layout,
    PublishLocked,
    ShardWriter,
    apply_deduplicated,
    date_lock,
    publish,
    read_json,
    resolve_duplicates,
    shard_key,
    staged_files,
)

DAY = "2025-01-22"


def article(
    article_id: str, source: str, offset: int, content_hash: str | None = None, fetched: int = 0
) -> dict:
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
        "fetched_at": datetime(2025, 1, 22, fetched, tzinfo=UTC),
        "source_uri": source,
        "record_offset": offset,
    }


def quote(article_id: str, marker: str) -> dict:
    return {
        "quote_id": f"q-{article_id}-{marker}",
        "article_id": article_id,
        "text": marker,
        "start": 0,
        "end": 4,
        "type": "direct",
    }


def stage(
    layout: Layout, shard: str, rows: list[tuple[str, int]], hashes: dict[str, str] | None = None
) -> None:
    """Stage articles (id, fetch hour) with one quote each, marked with the shard and offset."""
    writer = ShardWriter(layout, shard_key(shard))
    for offset, (article_id, hour) in enumerate(rows):
        marker = f"{shard}@{offset}"
        writer.add_article(
            article(article_id, shard, offset, (hashes or {}).get(article_id), hour),
            [quote(article_id, marker)],
            [],
        )
    writer.close()


def manifest_of(layout: Layout) -> dict:
    return {"run_id": layout.run_id, "crawl_date": layout.crawl_date, "counts": {}}


def test_staged_files_carry_the_explicit_schema_even_when_empty(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), DAY, "run1")
    stage(layout, "s1.warc.gz", [])
    for table, schema in TABLES.items():
        (path,) = staged_files(layout, table)
        assert pq.read_schema(path).equals(schema)
        assert pq.read_metadata(path).num_rows == 0


def test_publish_replaces_the_partition_exactly_and_pins_the_manifest(tmp_path: Path) -> None:
    first = Layout(str(tmp_path), DAY, "run1")
    stage(first, "s1.warc.gz", [("a", 0), ("b", 0), ("c", 0)])
    publish(first, manifest_of(first))
    second = Layout(str(tmp_path), DAY, "run2")
    stage(second, "s2.warc.gz", [("d", 0)])
    manifest = publish(second, manifest_of(second))
    rows = duckdb.sql(f"SELECT article_id, run_id FROM '{tmp_path}/articles/*/*.parquet'").fetchall()
    assert rows == [("d", "run2")]
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/quotes/*/*.parquet'").fetchall() == [(1,)]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("_")) == sorted(TABLES)
    for table in TABLES:  # a partition folder holds Parquet files and nothing else
        assert all(p.suffix == ".parquet" for p in (tmp_path / table / f"crawl_date={DAY}").iterdir())
    latest = read_json(second.latest_manifest)
    assert latest["run_id"] == "run2" and latest["supersedes"] == "run1"
    assert latest["files"] == manifest["files"]
    assert all(f.startswith(f"_runs/crawl_date={DAY}/run2/") for f in latest["files"]["articles"])
    assert not (tmp_path / "_staging" / f"crawl_date={DAY}").exists()
    assert not Path(second.journal).exists()
    # the superseded run's files stay for readers that resolved its manifest, then go
    assert Path(first.run_home()).is_dir()
    assert fetch(str(tmp_path), "SELECT article_id FROM articles").column(0).to_pylist() == ["d"]


def test_other_dates_are_untouched(tmp_path: Path) -> None:
    for day, ids in (("2025-01-21", ["x"]), (DAY, ["y"])):
        layout = Layout(str(tmp_path), day, "run")
        stage(layout, f"{day}.warc.gz", [(i, 0) for i in ids])
        publish(layout, manifest_of(layout))
    rows = duckdb.sql(
        f"SELECT crawl_date::VARCHAR, article_id FROM read_parquet('{tmp_path}/articles/*/*.parquet', hive_partitioning=true) ORDER BY 1"
    ).fetchall()
    assert rows == [("2025-01-21", "x"), (DAY, "y")]
    files = table_files(str(tmp_path))["articles"]
    assert len(files) == 2 and all("/_runs/" in f for f in files)


def _staged(layout: Layout, table: str, columns: str) -> list[tuple]:
    return duckdb.sql(f"SELECT {columns} FROM '{layout.staging}/{table}/*.parquet' ORDER BY ALL").fetchall()


def test_duplicates_latest_fetch_of_a_url_wins_and_takes_its_quotes(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), DAY, "run1")
    # "two" is re-crawled in b (later) and again inside a itself (even later, at offset 2);
    # "four" carries one's text under another URL.
    stage(layout, "a.warc.gz", [("one", 1), ("two", 1), ("two", 5)])
    stage(layout, "b.warc.gz", [("two", 3), ("three", 1), ("four", 2)], hashes={"four": "h-one"})
    dropped = resolve_duplicates(layout)
    assert (dropped.articles, dropped.quotes, dropped.citations) == (3, 3, 0)
    apply_deduplicated(layout)
    assert _staged(layout, "articles", "article_id, source_uri, record_offset") == [
        ("one", "a.warc.gz", 0),
        ("three", "b.warc.gz", 1),
        ("two", "a.warc.gz", 2),
    ]
    assert _staged(layout, "quotes", "article_id, text") == [
        ("one", "a.warc.gz@0"),
        ("three", "b.warc.gz@1"),
        ("two", "a.warc.gz@2"),
    ]


def test_duplicate_resolution_starts_over_after_a_crash(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), DAY, "run1")
    stage(layout, "a.warc.gz", [("one", 1), ("two", 1)])
    stage(layout, "b.warc.gz", [("two", 3)])
    assert resolve_duplicates(layout).articles == 1  # crash here: the staged files are untouched
    assert len(_staged(layout, "articles", "article_id")) == 3
    assert resolve_duplicates(layout).articles == 1  # the retry starts over from them
    apply_deduplicated(layout)
    apply_deduplicated(layout)  # idempotent
    assert _staged(layout, "articles", "article_id, source_uri") == [
        ("one", "a.warc.gz"),
        ("two", "b.warc.gz"),
    ]


def _hold_lock(output: str, ready, release) -> None:  # runs in another process
    with date_lock(Layout(output, DAY, "holder")):
        ready.set()
        release.wait(60)


def _second_publisher_waits_then_fails_clearly(output: str) -> None:
    context = mp.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(output, ready, release))
    holder.start()
    try:
        assert ready.wait(60)
        started = time.monotonic()
        with (
            pytest.raises(
                PublishLocked, match=rf"crawl_date={DAY} is being published by another run \(run_id=holder"
            ),
            date_lock(Layout(output, DAY, "second"), timeout=1.0),
        ):
            pass
        assert time.monotonic() - started >= 1.0
        with date_lock(Layout(output, "2025-01-23", "other-date"), timeout=1.0):
            pass  # another date is not blocked
    finally:
        release.set()
        holder.join(60)
    with date_lock(Layout(output, DAY, "third"), timeout=10.0):
        pass  # released when the holder finished


def test_second_publisher_of_a_date_waits_then_fails_clearly(tmp_path: Path) -> None:
    _second_publisher_waits_then_fails_clearly(str(tmp_path))


# --- the same on an S3 server -------------------------------------------------------------------------


@pytest.fixture
def bucket(s3_bucket: str) -> str:
    """A fresh bucket on the session's moto server, this process pointed at it (tests/conftest.py)."""
    return s3_bucket


def test_s3_publish_with_shards_and_duplicates(bucket: str) -> None:
    first = Layout(bucket, DAY, "run1")
    stage(first, "a.warc.gz", [("one", 1), ("two", 1)])
    stage(first, "b.warc.gz", [("two", 3), ("three", 1)])
    assert resolve_duplicates(first).articles == 1
    apply_deduplicated(first)
    publish(first, manifest_of(first))
    assert sorted(fetch(bucket, "SELECT article_id FROM articles").column(0).to_pylist()) == [
        "one",
        "three",
        "two",
    ]
    second = Layout(bucket, DAY, "run2")
    stage(second, "c.warc.gz", [("five", 1)])
    publish(second, manifest_of(second))
    fs, root = filesystem(bucket)
    published = sorted(fs.ls(f"{root}/articles/crawl_date={DAY}", detail=False))
    latest = read_json(second.latest_manifest)
    assert published == sorted(
        f"{root}/{r}" for r in latest["files"]["articles"]
    )  # the old run's files are gone
    assert fetch(bucket, "SELECT article_id, run_id FROM articles").to_pylist() == [
        {"article_id": "five", "run_id": "run2"}
    ]
    assert not fs.exists(f"{root}/_staging/crawl_date={DAY}/run2")
    assert not fs.exists(f"{root}/_locks/crawl_date={DAY}.lock")


def test_s3_second_publisher_waits_then_fails_clearly(bucket: str) -> None:
    _second_publisher_waits_then_fails_clearly(bucket)


def test_s3_lock_of_a_dead_holder_is_taken_over_once_its_lease_ends(bucket: str) -> None:
    fs, _ = filesystem(bucket)
    layout = Layout(bucket, DAY, "dead")
    lock = filesystem(layout.lock_path)[1]
    fs.pipe_file(lock, json.dumps({"run_id": "dead", "pid": 1, "lease_until": time.time() - 1}).encode())
    with date_lock(Layout(bucket, DAY, "alive"), timeout=10.0):
        assert json.loads(fs.cat_file(lock))["run_id"] == "alive"
    assert not fs.exists(lock)
    fs.pipe_file(lock, json.dumps({"run_id": "busy", "pid": 1, "lease_until": time.time() + 600}).encode())
    with (
        pytest.raises(PublishLocked, match="run_id=busy"),
        date_lock(Layout(bucket, DAY, "late"), timeout=1.0),
    ):
        pass
    assert os.environ["AWS_ENDPOINT_URL"].startswith("http://127.0.0.1")


def test_a_retried_publish_of_the_same_run_changes_nothing(tmp_path: Path) -> None:
    layout = Layout(str(tmp_path), DAY, "run1")
    stage(layout, "s1.warc.gz", [("a", 0), ("b", 0)])
    first = publish(layout, manifest_of(layout))
    again = publish(layout, manifest_of(layout))  # e.g. an Airflow publish task retried after a crash
    assert again["files"] == first["files"]
    assert fetch(str(tmp_path), "SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 2}]
