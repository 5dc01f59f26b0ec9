"""What the run report shows, gathered from a run's manifest, its validation.json and its files.

A published run is read from its manifest (`_manifests/crawl_date=D/<run_id>.json`)
and the partition files it names; a blocked run, which has no manifest, from its
`validation.json` (which holds the run's counts) and its staged files. The
tables are read with DuckDB and only aggregates come back, so a report costs
the same on a large day as on a small one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
from fsspec.implementations.local import LocalFileSystem

from pipeline import bounded_duckdb
from pipeline.schema import TABLES
from pipeline.sources.fs import filesystem
from pipeline.store import read_json

TOP = 15  # rows in each "top N" chart


@dataclass
class RunFacts:
    crawl_date: str
    run_id: str
    status: str  # "published" or "blocked"
    output: str
    counts: dict[str, Any]
    manifest: dict[str, Any] = field(default_factory=dict)
    validation: dict[str, Any] = field(default_factory=dict)  # validation.json
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds per phase, when recorded
    manifest_path: str | None = None
    validation_path: str | None = None
    rejects: list[dict[str, Any]] = field(default_factory=list)  # reason, n, example
    skips: list[dict[str, Any]] = field(default_factory=list)
    sites: list[tuple[str, int]] = field(default_factory=list)
    site_count: int = 0
    languages: list[tuple[str, int]] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)
    quote_types: list[tuple[str, int]] = field(default_factory=list)
    outlets: list[dict[str, Any]] = field(default_factory=list)  # name, n, by kind
    outlet_kinds: list[str] = field(default_factory=list)
    extraction: list[tuple[str, int]] = field(default_factory=list)
    words: int = 0


def reports_dir(output: str, crawl_date: str) -> str:
    return posixpath.join(output.rstrip("/"), "_reports", f"crawl_date={crawl_date}")


def _table_files(
    output: str, crawl_date: str, run_id: str, manifest: dict[str, Any], published: bool
) -> dict[str, list[str]]:
    """Each table's Parquet files of the run, as DuckDB reads them (paths, or URIs off the local disk)."""
    fs, root = filesystem(output)
    root = root.rstrip("/")
    found: dict[str, list[str]] = {}
    for table in TABLES:
        if published:  # the files the manifest pins (relative to the root), else the partition's
            pinned = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
            folder = f"{root}/{table}/crawl_date={crawl_date}"
            relative = pinned.get(table)
            paths = [f"{root}/{r}" for r in relative] if relative else sorted(fs.glob(f"{folder}/*.parquet"))
        else:
            paths = sorted(fs.glob(f"{root}/_staging/crawl_date={crawl_date}/{run_id}/{table}/*.parquet"))
        paths = [p for p in paths if fs.exists(p)]
        found[table] = paths if isinstance(fs, LocalFileSystem) else [fs.unstrip_protocol(p) for p in paths]
    return found


def _connect(output: str, files: dict[str, list[str]]) -> duckdb.DuckDBPyConnection:
    connection = bounded_duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    fs, _ = filesystem(output)
    if not isinstance(fs, LocalFileSystem):
        connection.register_filesystem(fs)
    for table, paths in files.items():
        if paths:  # a view's SQL cannot take parameters: the paths are literals
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_sql_list(paths)}, union_by_name = true)"
            )
        else:
            connection.register(f"empty_{table}", pa.Table.from_pylist([], schema=TABLES[table]))
            connection.execute(f"CREATE VIEW {table} AS SELECT * FROM empty_{table}")
    return connection


def _sql_list(paths: list[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return connection.execute(sql).fetchall()


def _gather(connection: duckdb.DuckDBPyConnection, facts: RunFacts) -> None:
    columns = {r[0] for r in _rows(connection, "SELECT column_name FROM (DESCRIBE articles)")}
    facts.sites = _rows(
        connection,
        f"""
        SELECT coalesce(domain, '(no URL)') AS d, count(*) AS n FROM articles
        GROUP BY d ORDER BY n DESC, d LIMIT {TOP}""",
    )
    facts.site_count = _rows(connection, "SELECT count(DISTINCT domain) FROM articles")[0][0]
    facts.languages = _rows(
        connection,
        f"""
        SELECT coalesce(language, 'unknown') AS l, count(*) AS n FROM articles
        GROUP BY l ORDER BY n DESC, l LIMIT {TOP}""",
    )
    facts.words = int(_rows(connection, "SELECT coalesce(sum(word_count), 0) FROM articles")[0][0])
    facts.speakers = _rows(
        connection,
        f"""
        SELECT speaker_resolved AS s, count(*) AS n FROM quotes WHERE speaker_resolved IS NOT NULL
        GROUP BY s ORDER BY n DESC, s LIMIT {TOP}""",
    )
    facts.quote_types = _rows(
        connection,
        """
        SELECT type, count(*) AS n FROM quotes GROUP BY type ORDER BY n DESC, type""",
    )
    outlets = _rows(
        connection,
        f"""
        WITH top AS (SELECT source_name, count(*) AS n FROM citations GROUP BY source_name
                     ORDER BY n DESC, source_name LIMIT {TOP})
        SELECT c.source_name, top.n, c.kind, count(*) FROM citations c JOIN top USING (source_name)
        GROUP BY ALL ORDER BY top.n DESC, c.source_name, c.kind""",
    )
    kinds: list[str] = []
    by_name: dict[str, dict[str, Any]] = {}
    for name, total, kind, n in outlets:
        entry = by_name.setdefault(name, {"name": name, "n": total, "kinds": {}})
        entry["kinds"][kind] = n
        if kind not in kinds:
            kinds.append(kind)
    facts.outlets = list(by_name.values())
    facts.outlet_kinds = sorted(kinds)
    facts.rejects = [
        {
            "reason": reason,
            "n": n,
            "example": {"source_uri": uri, "record_offset": offset, "url": url, "detail": detail},
        }
        for reason, n, uri, offset, url, detail in _rows(
            connection,
            """
            SELECT reason, count(*) AS n,
                   first(source_uri ORDER BY source_uri, record_offset),
                   first(record_offset ORDER BY source_uri, record_offset),
                   first(url ORDER BY source_uri, record_offset),
                   first(detail ORDER BY source_uri, record_offset)
            FROM rejects GROUP BY reason ORDER BY n DESC, reason""",
        )
    ]
    extraction = facts.counts.get("extraction")
    if isinstance(extraction, dict) and extraction:
        facts.extraction = sorted(
            ((str(k), int(v)) for k, v in extraction.items()), key=lambda kv: (-kv[1], kv[0])
        )
    elif "extraction" in columns:
        facts.extraction = [
            (p, n)
            for p, n in _rows(
                connection,
                """
            SELECT coalesce(extraction, 'unknown') AS p, count(*) AS n FROM articles GROUP BY p ORDER BY n DESC, p""",
            )
        ]


def _skips(counts: dict[str, Any]) -> list[dict[str, Any]]:
    examples = counts.get("skip_examples") or {}
    by_reason = counts.get("skips_by_reason") or {}
    return [
        {"reason": reason, "n": n, "example": examples.get(reason)}
        for reason, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def published_run(
    output: str, crawl_date: str, run_id: str | None = None, phases: dict[str, float] | None = None
) -> RunFacts:
    """Facts of a published run: the latest one of the date, or `run_id`. Raises LookupError when absent."""
    manifests = posixpath.join(output.rstrip("/"), "_manifests", f"crawl_date={crawl_date}")
    manifest_path = f"{manifests}/{run_id or 'latest'}.json"
    manifest = read_json(manifest_path)
    if manifest is None:
        which = f"run {run_id}" if run_id else "published run"
        raise LookupError(f"no {which} for crawl_date={crawl_date} under {output} (no {manifest_path})")
    run_id = manifest["run_id"]
    validation_path = (manifest.get("validation") or {}).get("result_path")
    validation = read_json(validation_path) if validation_path else None
    if phases is None:
        phases = (read_json(f"{reports_dir(output, crawl_date)}/{run_id}.json") or {}).get("phases", {})
    facts = RunFacts(
        crawl_date=crawl_date,
        run_id=run_id,
        status="published",
        output=output,
        counts=manifest.get("counts", {}),
        manifest=manifest,
        validation=validation or {},
        phases=phases or {},
        manifest_path=f"{manifests}/{run_id}.json",
        validation_path=validation_path,
    )
    files = _table_files(output, crawl_date, run_id, manifest, published=True)
    _fill(facts, output, files)
    return facts


def blocked_run(
    output: str, crawl_date: str, run_id: str, validation_path: str, phases: dict[str, float] | None = None
) -> RunFacts:
    """Facts of a run validation blocked: its counts from validation.json, its rows from staging."""
    validation = read_json(validation_path) or {}
    facts = RunFacts(
        crawl_date=crawl_date,
        run_id=run_id,
        status="blocked",
        output=output,
        counts=validation.get("counts") or {},
        validation=validation,
        phases=phases or {},
        validation_path=validation_path,
    )
    files = _table_files(output, crawl_date, run_id, {}, published=False)
    _fill(facts, output, files)
    return facts


def _fill(facts: RunFacts, output: str, files: dict[str, list[str]]) -> None:
    facts.skips = _skips(facts.counts)
    connection = _connect(output, files)
    try:
        _gather(connection, facts)
    finally:
        connection.close()
