"""The data dictionary, generated from `pipeline.schema`: Markdown for docs/, comments for DuckDB.

    python -m pipeline.dictionary > docs/data-dictionary.md

tests/test_dictionary.py fails when the file differs from what this prints.
"""

from __future__ import annotations

import sys
from typing import Any

import pyarrow as pa

from pipeline import SCHEMA_VERSION
from pipeline.schema import (
    ENUMERATIONS,
    MANIFEST_ENUMERATIONS,
    TABLE_DESCRIPTIONS,
    TABLES,
    description,
)

VIEWS_NOTE = {
    "articles_latest": "The articles view with one row per article_id: its latest crawl (crawl_date, then fetched_at).",
}


def type_name(type_: pa.DataType) -> str:
    """The type as DuckDB shows it (what an analyst sees in DESCRIBE)."""
    if pa.types.is_list(type_):
        return f"{type_name(type_.value_type)}[]"
    if pa.types.is_struct(type_):
        return "STRUCT(" + ", ".join(f"{f.name} {type_name(f.type)}" for f in type_) + ")"
    if pa.types.is_timestamp(type_):
        return "TIMESTAMP WITH TIME ZONE" if type_.tz else "TIMESTAMP"
    return {
        pa.string(): "VARCHAR",
        pa.int16(): "SMALLINT",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
    }.get(type_, str(type_).upper())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _values(values: dict[str, str]) -> list[str]:
    lines = ["| value | meaning |", "|---|---|"]
    lines += [f"| `{value}` | {_cell(' '.join(meaning.split()))} |" for value, meaning in values.items()]
    return lines


def markdown() -> str:
    """The whole dictionary as Markdown."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `pipeline/schema.py` by `python -m pipeline.dictionary > docs/data-dictionary.md`;",
        "do not edit by hand (a test fails when this file is stale). The same descriptions are in each",
        "Parquet file's field metadata (pyarrow: `pq.read_schema(f).field('url').metadata`), in the",
        "Spark schema stored with the files (Spark's `DESCRIBE` shows them as comments), and on the",
        "views of `newsetl query` (`SELECT column_name, comment FROM duckdb_columns()`).",
        "",
        f"Schema version {SCHEMA_VERSION}. Every table is hive-partitioned by `crawl_date` (DATE, the dump's",
        "date: `OUT/<table>/crawl_date=YYYY-MM-DD/*.parquet`), which is a partition column, not stored in",
        "the files. Offsets count characters (Unicode code points) from 0, end exclusive:",
        "`text[start:end]` in Python is `substring(text, start + 1, end - start)` in SQL.",
        "",
    ]
    for table, schema in TABLES.items():
        out += [
            f"## {table}",
            "",
            TABLE_DESCRIPTIONS[table],
            "",
            "| column | type | null | meaning |",
            "|---|---|---|---|",
        ]
        for field in schema:
            null = "yes" if field.nullable else "no"
            out.append(f"| `{field.name}` | {type_name(field.type)} | {null} | {_cell(description(field))} |")
        out.append("")
        for (enum_table, enum_column), values in ENUMERATIONS.items():
            if enum_table == table and enum_column in schema.names:
                out += [f"### {table}.{enum_column} values", "", *_values(values), ""]
    out += ["## Views of `newsetl query`", ""]
    out += [f"- `{table}`: the table over all crawl dates, with `crawl_date`." for table in TABLES]
    out += [f"- `{view}`: {text}" for view, text in VIEWS_NOTE.items()]
    out += ["", "## Run manifest counts", ""]
    out += [
        "`OUT/_manifests/crawl_date=D/<run_id>.json` (and `latest.json`) records every run: inputs, files,",
        "timings and counts. Every record read is exactly one of an article, a reject or a skip:",
        "`records = articles + rejects + skips`.",
        "",
    ]
    for key, values in MANIFEST_ENUMERATIONS.items():
        out += [f"### {key}", "", *_values(values), ""]
    return "\n".join(out).rstrip() + "\n"


def comment_statements(views: dict[str, list[str]]) -> list[str]:
    """`COMMENT ON COLUMN` for the given views' columns that the schemas describe."""
    statements = []
    for view, columns in views.items():
        schema = TABLES.get("articles" if view == "articles_latest" else view)
        if schema is None:
            continue
        for name in columns:
            if name in schema.names and (text := description(schema.field(name))):
                quoted = text.replace("'", "''")
                statements.append(f"COMMENT ON COLUMN {view}.\"{name}\" IS '{quoted}'")
        if "crawl_date" in columns:
            statements.append(
                f"COMMENT ON COLUMN {view}.crawl_date IS 'The dump''s date: the hive partition of the files.'"
            )
    return statements


def describe_views(connection: Any) -> None:
    """Put the column descriptions on the views of a `pipeline.query.connect` connection."""
    rows = connection.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal ORDER BY table_name, column_index"
    ).fetchall()
    views: dict[str, list[str]] = {}
    for table, name in rows:
        views.setdefault(table, []).append(name)
    for statement in comment_statements(views):
        connection.execute(statement)


if __name__ == "__main__":
    sys.stdout.write(markdown())
