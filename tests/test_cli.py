"""End to end through the real CLI on the bundled sample corpus and on damaged inputs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.reasons import REJECT_REASONS, SKIP_REASONS
from pipeline.schema import TABLES
from tests.factories import (
    article_html,
    gzip_bytes,
    http_response,
    listing_html,
    page_records,
    warc_record,
    write_warc,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
SEED = ROOT.parent / "shared" / "seeds" / "000_63c9fd7a613bfd28.txt"
DATE = "2025-01-22"

pytestmark = pytest.mark.slow


def newsetl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=900
    )


def parquet(out: Path, table: str) -> str:
    return f"read_parquet('{out}/{table}/crawl_date=*/*.parquet', hive_partitioning = true)"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("out")
    result = newsetl(
        "run", "--input", str(SAMPLE / "raw" / DATE), "--output", str(out), "--date", DATE, "--workers", "2"
    )
    return out, result


def test_run_publishes_and_summarises(published) -> None:
    _out, result = published
    assert result.returncode == 0, result.stderr
    assert (
        f"crawl_date={DATE}" in result.stdout
        and "records read" in result.stdout
        and "docs/s" in result.stdout
    )
    assert "Traceback" not in result.stderr


def test_layout_is_exactly_the_contract(published) -> None:
    out, _ = published
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("_"))
    assert visible == sorted(TABLES)
    for table in TABLES:
        partitions = [p.name for p in (out / table).iterdir()]
        assert partitions == [f"crawl_date={DATE}"]
        files = list((out / table / f"crawl_date={DATE}").iterdir())
        assert files and all(f.suffix == ".parquet" for f in files)
        for file in files:
            assert pq.read_schema(file).equals(TABLES[table]), f"{file} schema differs"
            metadata = pq.read_metadata(file)
            if metadata.num_row_groups:
                assert metadata.row_group(0).column(0).compression == "ZSTD"


def test_columns_populated_ids_unique_spans_valid(published) -> None:
    out, _ = published
    con = duckdb.connect()
    articles = parquet(out, "articles")
    n, ids = con.execute(f"SELECT count(*), count(DISTINCT article_id) FROM {articles}").fetchall()[0]
    assert n == ids == 12
    for column in (
        "article_id",
        "url",
        "domain",
        "title",
        "language",
        "text",
        "word_count",
        "content_hash",
        "fetched_at",
        "source_uri",
        "record_offset",
        "run_id",
        "pipeline_version",
        "schema_version",
        "paragraph_spans",
        "sentence_spans",
        "published_at",
        "authors",
        "site_name",
    ):
        populated = con.execute(f"SELECT count({column}) FROM {articles}").fetchall()[0][0]
        assert populated > 0, f"column {column} is empty everywhere"
    types = dict(
        con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {articles})").fetchall()
    )
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE" and types["crawl_date"] == "DATE"
    bad_spans = con.execute(
        f"""SELECT count(*) FROM (SELECT text, unnest(paragraph_spans || sentence_spans) AS s FROM {articles})
            WHERE s.start < 0 OR s."end" > length(text) OR s.start >= s."end" """
    ).fetchall()[0][0]
    assert bad_spans == 0
    quotes = parquet(out, "quotes")
    mismatched = con.execute(
        f"""SELECT count(*) FROM {quotes} q JOIN {articles} a USING (article_id)
            WHERE substring(a.text, q.start + 1, q."end" - q.start) <> q.text"""
    ).fetchall()[0][0]
    assert mismatched == 0
    assert con.execute(f"SELECT count(*) FROM {quotes}").fetchall()[0][0] > 0
    orphans = con.execute(
        f"SELECT count(*) FROM {quotes} WHERE article_id NOT IN (SELECT article_id FROM {articles})"
    )
    assert orphans.fetchall()[0][0] == 0


def test_counts_match_the_corpus_truth_and_reconcile(published) -> None:
    out, _ = published
    truth = json.loads((SAMPLE / "truth.json").read_text())["dates"][DATE]["totals"]
    manifest = json.loads((out / "_manifests" / f"crawl_date={DATE}" / "latest.json").read_text())
    counts = manifest["counts"]
    assert counts["records"] == truth["records"]
    assert counts["articles"] == truth["articles"]
    assert counts["skips_by_reason"] == truth["skips"]
    assert counts["rejects"] == sum(truth["rejects"].values())
    assert counts["records"] == counts["articles"] + counts["rejects"] + counts["skips"]
    rejects = duckdb.sql(f"SELECT count(*) FROM {parquet(out, 'rejects')}").fetchall()[0][0]
    assert rejects == counts["rejects"]


def test_rerun_replaces_the_date_exactly(published) -> None:
    out, _ = published
    before = duckdb.sql(
        f"SELECT article_id, content_hash, run_id FROM {parquet(out, 'articles')} ORDER BY 1"
    ).fetchall()
    result = newsetl(
        "run", "--input", str(SAMPLE / "raw" / DATE), "--output", str(out), "--date", DATE, "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    after = duckdb.sql(
        f"SELECT article_id, content_hash, run_id FROM {parquet(out, 'articles')} ORDER BY 1"
    ).fetchall()
    assert [r[:2] for r in after] == [r[:2] for r in before]  # same rows, same ids
    assert {r[2] for r in after} != {r[2] for r in before}  # ... from the new run
    quotes = duckdb.sql(
        f"SELECT count(*), count(DISTINCT quote_id) FROM {parquet(out, 'quotes')}"
    ).fetchall()[0]
    assert quotes[0] == quotes[1]
    assert not list((out / "_staging").glob(f"crawl_date={DATE}/*"))  # staging cleaned up


def test_query_command(published) -> None:
    out, _ = published
    result = newsetl("query", "--output", str(out), "SELECT count(*) AS n FROM articles_latest")
    assert result.returncode == 0, result.stderr
    assert "12" in result.stdout


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_seed_page_becomes_one_clean_article(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path / "out"
    result = newsetl("run", "--input", str(raw), "--output", str(out), "--date", DATE, "--workers", "1")
    assert result.returncode == 0, result.stderr
    rows = duckdb.sql(f"SELECT title, text, language FROM {parquet(out, 'articles')}").fetchall()
    assert len(rows) == 1
    title, text, language = rows[0]
    assert title == "Trump And Putin Agree To Cooperate On North Korea"
    assert "Skip to main content" not in text and "Popular Video" not in text
    assert language == "en"


@pytest.fixture(scope="module")
def damaged_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("damaged")
    pages = [page_records(f"https://n.example/p{i}", article_html(f"Story {i}")) for i in range(4)]
    corrupt = bytearray(write_warc(raw / "corrupt.warc.gz", [r for page in pages for r in page]).read_bytes())
    damage = int(len(corrupt) * 0.8)  # inside the last page: the first three survive
    corrupt[damage : damage + 64] = b"\x00" * 64
    (raw / "corrupt.warc.gz").write_bytes(bytes(corrupt))
    whole = write_warc(
        raw / "cut.warc.gz", page_records("https://n.example/cut", article_html("Cut"))
    ).read_bytes()
    (raw / "cut.warc.gz").write_bytes(whole[:-250])
    write_warc(
        raw / "mixed.warc.gz",
        [
            warc_record("response", "https://n.example/pic.png", http_response(b"\x89PNG", "image/png")),
            *page_records(
                "https://n.example/empty", "<html><body><nav><a href='/'>Home</a></nav></body></html>"
            ),
            *page_records("https://n.example/news", listing_html()),
            *page_records("https://n.example/fine", article_html("Fine story")),
        ],
    )
    (raw / "bad.jsonl.gz").write_bytes(gzip_bytes(b'{"url": "https://n.example/j", "text": "x"}\n')[:20])
    return raw


def test_damaged_inputs_become_rejects_and_the_run_goes_on(damaged_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = newsetl(
        "run",
        "--input",
        str(damaged_inputs),
        "--output",
        str(out),
        "--date",
        DATE,
        "--workers",
        "2",
        "--max-reject-rate",
        "1",
    )
    assert result.returncode == 0, result.stderr
    reasons = dict(
        duckdb.sql(f"SELECT reason, count(*) FROM {parquet(out, 'rejects')} GROUP BY 1").fetchall()
    )
    assert reasons.get("corrupt_input", 0) + reasons.get("corrupt_record", 0) >= 1  # the damaged gzip member
    assert reasons.get("truncated", 0) + reasons.get("corrupt_input", 0) >= 3
    assert reasons.get("not_article") == 1 and reasons.get("empty") == 1
    manifest = json.loads((out / "_manifests" / f"crawl_date={DATE}" / "latest.json").read_text())
    counts = manifest["counts"]
    assert set(reasons) <= set(REJECT_REASONS)  # every reason is documented
    assert set(counts["skips_by_reason"]) <= set(SKIP_REASONS)
    assert counts["skips_by_reason"]["non_html"] == 1
    assert counts["records"] == counts["articles"] + counts["rejects"] + counts["skips"]
    titles = {r[0] for r in duckdb.sql(f"SELECT title FROM {parquet(out, 'articles')}").fetchall()}
    assert {"Fine story", "Story 0", "Story 1", "Story 2"} <= titles


def test_validation_blocks_publication_and_keeps_the_old_partition(
    damaged_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = newsetl(
        "run",
        "--input",
        str(damaged_inputs / "mixed.warc.gz"),
        "--output",
        str(out),
        "--date",
        DATE,
        "--workers",
        "1",
        "--max-reject-rate",
        "1",
    )
    assert first.returncode == 0, first.stderr
    before = sorted(p.name for p in (out / "articles" / f"crawl_date={DATE}").iterdir())
    blocked = newsetl(
        "run",
        "--input",
        str(damaged_inputs),
        "--output",
        str(out),
        "--date",
        DATE,
        "--workers",
        "1",
        "--max-reject-rate",
        "0.1",
    )
    assert blocked.returncode == 3, blocked.stderr
    assert "reject" in blocked.stderr.lower() and "Traceback" not in blocked.stderr
    assert sorted(p.name for p in (out / "articles" / f"crawl_date={DATE}").iterdir()) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--input", "/nonexistent/dump", "--output", "{out}", "--date", DATE], "input not found"),
        (["run", "--input", "{sample}", "--output", "{out}", "--date", "2025-13-45"], "not a date"),
        (
            ["run", "--input", "{sample}", "--output", "{out}", "--date", DATE, "--workers", "0"],
            "positive integer",
        ),
        (["run", "--output", "{out}", "--date", DATE], "--input"),
    ],
)
def test_bad_usage_exits_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    filled = [a.format(out=tmp_path / "out", sample=SAMPLE / "raw" / DATE) for a in args]
    result = newsetl(*filled)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_backfill_runs_each_date_once_and_skips_published_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = str(SAMPLE / "raw") + "/{date}"
    first = newsetl(
        "backfill",
        "--source",
        source,
        "--output",
        str(out),
        "--from",
        "2025-01-19",
        "--to",
        "2025-01-20",
        "--workers",
        "2",
    )
    assert first.returncode == 0, first.stderr
    lines = first.stdout.strip().splitlines()
    assert lines[0].startswith("2025-01-19 no input")
    assert lines[1].startswith("2025-01-20 published: 27 records, 12 articles")
    assert [p.name for p in (out / "articles").iterdir()] == ["crawl_date=2025-01-20"]
    again = newsetl(
        "backfill", "--source", source, "--output", str(out), "--from", "2025-01-20", "--to", "2025-01-20"
    )
    assert again.returncode == 0 and "already published" in again.stdout


def test_unwritable_output_fails_with_one_line(tmp_path: Path) -> None:
    """Not a usage error but an environment failure (exit 1), and nothing is written."""
    result = newsetl(
        "run", "--input", str(SAMPLE / "raw" / DATE), "--output", "/proc/newsetl-out", "--date", DATE
    )
    assert result.returncode == 1
    assert "not writable" in result.stderr and len(result.stderr.strip().splitlines()) == 1
