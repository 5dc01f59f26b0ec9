"""Explicit Parquet schemas of the four tables (never inferred).

Columns may be added; renaming one is a contract change and bumps
SCHEMA_VERSION. Timestamps are microseconds in UTC so that Spark, DuckDB
and pandas read them alike. `crawl_date` is not stored in the files: it is
the hive partition (`crawl_date=YYYY-MM-DD/`).
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="UTC")
SPAN = pa.struct([pa.field("start", pa.int32(), nullable=False), pa.field("end", pa.int32(), nullable=False)])

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("description", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("published_at", TIMESTAMP),
        pa.field("language", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("paragraph_spans", pa.list_(SPAN)),
        pa.field("sentence_spans", pa.list_(SPAN)),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", TIMESTAMP),
        pa.field("http_status", pa.int16()),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_offset", pa.int64(), nullable=False),
        pa.field("record_id", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("schema_version", pa.string(), nullable=False),
    ]
)

QUOTES = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("speaker_resolved", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("sentence_index", pa.int32()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("group_index", pa.int32()),
    ]
)

CITATIONS = pa.schema(
    [
        pa.field("citation_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("source_name", pa.string(), nullable=False),
        pa.field("source_text", pa.string()),
        pa.field("source_domain", pa.string()),
        pa.field("source_type", pa.string()),
        pa.field("url", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_offset", pa.int64(), nullable=False),
        pa.field("record_id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quotes": QUOTES,
    "citations": CITATIONS,
    "rejects": REJECTS,
}
