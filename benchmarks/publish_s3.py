"""Publish time of a many-shard date on an S3 server (moto's in-memory S3 on 127.0.0.1).

    .venv/bin/python benchmarks/publish_s3.py --shards 100 --articles 50

Stages `--shards` shards of `--articles` small articles each (four tables per
shard), then times, for a first publish and a republish of the same date:
duplicate resolution, the publish itself (lock, journal, server-side copies,
commit, delete of the old run's files), and a manifest-pinned read back.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from pipeline.query import fetch
from pipeline.sources.fs import filesystem
from pipeline.store import Layout, ShardWriter, apply_deduplicated, publish, resolve_duplicates, shard_key
from tests.servers import start_s3

DAY = "2025-01-22"


def stage(layout: Layout, shards: int, articles: int) -> None:
    for shard in range(shards):
        uri = f"s3://dumps/{DAY}/shard-{shard:03d}.warc.gz"
        writer = ShardWriter(layout, shard_key(uri))
        for offset in range(articles):
            article_id = f"a{shard:03d}-{offset:04d}"
            text = f"Article {article_id} says something worth quoting, again and again."
            writer.add_article(
                {
                    "article_id": article_id,
                    "url": f"https://n.example/{article_id}",
                    "title": f"Title {article_id}",
                    "authors": [],
                    "tags": [],
                    "text": text,
                    "paragraph_spans": [{"start": 0, "end": len(text)}],
                    "sentence_spans": [{"start": 0, "end": len(text)}],
                    "word_count": 9,
                    "content_hash": f"h-{article_id}",
                    "fetched_at": datetime(2025, 1, 22, tzinfo=UTC),
                    "source_uri": uri,
                    "record_offset": offset,
                },
                [
                    {
                        "quote_id": f"q-{article_id}",
                        "article_id": article_id,
                        "text": "says",
                        "start": 17,
                        "end": 21,
                        "type": "indirect",
                    }
                ],
                [],
            )
        writer.close()


def timed_publish(bucket: str, run_id: str, shards: int, articles: int) -> dict[str, float]:
    layout = Layout(bucket, DAY, run_id)
    started = time.perf_counter()
    stage(layout, shards, articles)
    staged = time.perf_counter()
    resolve_duplicates(layout)
    apply_deduplicated(layout)
    resolved = time.perf_counter()
    publish(layout, {"run_id": run_id, "crawl_date": DAY, "counts": {}})
    published = time.perf_counter()
    rows = fetch(bucket, "SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM articles").to_pylist()[0]
    read = time.perf_counter()
    assert rows == {"n": shards * articles, "runs": 1}, rows
    return {
        "stage": staged - started,
        "dedup": resolved - staged,
        "publish": published - resolved,
        "pinned read": read - published,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shards", type=int, default=100)
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="publish-s3-") as logs:
        server = start_s3(Path(logs))
        os.environ.update(server.env)
        bucket = server.create_bucket("newsetl-publish-bench")
        print(f"{args.shards} shards x 4 tables, {args.articles} articles per shard, moto S3 on 127.0.0.1")
        for run_id in ("first", "second"):
            figures = timed_publish(bucket, run_id, args.shards, args.articles)
            print(f"  {run_id:6s} " + "  ".join(f"{k} {v:6.2f} s" for k, v in figures.items()))
        fs, root = filesystem(bucket)
        objects = len(fs.find(f"{root}/articles/crawl_date={DAY}"))
        print(f"  after the republish: {objects} article files in the partition (one run's)")
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
