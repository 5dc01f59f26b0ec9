"""Validation of staged and published tables: a clean run passes, each kind of broken table fails
with the expectation that names its defect."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.segment import segment
from pipeline.validate import load_thresholds, validate_partition, validate_staged

RUN_ID = "run-test"
FETCHED = dt.datetime(2025, 1, 20, 8, 0, tzinfo=dt.UTC)
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()


def _text(seed: int) -> str:
    """Three paragraphs, 60+ words, one quoted sentence; different per seed."""
    words = [WORDS[(seed + i) % len(WORDS)] for i in range(24)]
    first = " ".join(words[:12]).capitalize() + f" number {seed}. " + " ".join(words[12:]).capitalize() + "."
    quote = '"We will rebuild the bridge by spring," the mayor said on Monday.'
    last = " ".join(reversed(words)).capitalize() + ". The council agreed, according to the Daily Planet."
    return f"{first}\n{quote}\n{last}"


def _span_structs(spans: list[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"start": s, "end": e} for s, e in spans]


def article_row(seed: int, shard: str) -> dict[str, Any]:
    text = _text(seed)
    paragraphs, sentences = segment(text, "en")
    return {
        "article_id": f"a{seed:05d}",
        "url": f"https://news.example.com/2025/01/20/story-{seed}",
        "canonical_url": f"https://news.example.com/story-{seed}",
        "domain": "news.example.com",
        "site_name": "Example News",
        "title": f"Story {seed}",
        "description": None,
        "authors": ["Jane Doe"],
        "tags": ["city"],
        "published_at": FETCHED - dt.timedelta(hours=3),
        "language": "en",
        "text": text,
        "paragraph_spans": _span_structs(paragraphs),
        "sentence_spans": _span_structs(sentences),
        "word_count": len(text.split()),
        "content_hash": f"{seed:016x}",
        "fetched_at": FETCHED,
        "http_status": 200,
        "source_uri": f"file:///dumps/{shard}.warc.gz",
        "record_offset": seed * 1000,
        "record_id": f"<urn:uuid:{seed}>",
        "run_id": RUN_ID,
        "pipeline_version": "0.1.0",
        "schema_version": "1",
    }


def quote_row(article: dict[str, Any]) -> dict[str, Any]:
    quoted = "We will rebuild the bridge by spring,"
    start = article["text"].index(quoted)
    return {
        "quote_id": f"q-{article['article_id']}",
        "article_id": article["article_id"],
        "text": quoted,
        "start": start,
        "end": start + len(quoted),
        "type": "direct",
        "speaker": "the mayor",
        "speaker_resolved": None,
        "cue": "said",
        "sentence_index": 2,
        "run_id": RUN_ID,
    }


def citation_row(article: dict[str, Any]) -> dict[str, Any]:
    name = "Daily Planet"
    start = article["text"].index(name)
    return {
        "citation_id": f"c-{article['article_id']}",
        "article_id": article["article_id"],
        "kind": "attribution",
        "source_name": "The Daily Planet",
        "source_text": name,
        "source_domain": "dailyplanet.example",
        "source_type": "newspaper",
        "url": None,
        "start": start,
        "end": start + len(name),
        "run_id": RUN_ID,
    }


def reject_row(n: int, shard: str) -> dict[str, Any]:
    return {
        "source_uri": f"file:///dumps/{shard}.warc.gz",
        "record_offset": 10_000_000 + n,
        "record_id": None,
        "url": f"https://news.example.com/broken-{n}",
        "reason": "not_article",
        "detail": "too short",
        "run_id": RUN_ID,
    }


def make_run(shards: int = 3, per_shard: int = 4, rejects_per_shard: int = 1) -> dict[str, dict[str, list]]:
    """Rows per table per shard key of a consistent run."""
    run: dict[str, dict[str, list]] = {table: {} for table in TABLES}
    for s in range(shards):
        key = f"shard-{s:03d}"
        articles = [article_row(s * 1000 + i, key) for i in range(per_shard)]
        run["articles"][key] = articles
        run["quotes"][key] = [quote_row(a) for a in articles]
        run["citations"][key] = [citation_row(a) for a in articles]
        run["rejects"][key] = [reject_row(s * 100 + i, key) for i in range(rejects_per_shard)]
    return run


def counts_of(run: dict[str, dict[str, list]], skips: int = 2) -> dict[str, Any]:
    n = {table: sum(len(rows) for rows in shards.values()) for table, shards in run.items()}
    return {
        "records": n["articles"] + n["rejects"] + skips,
        "articles": n["articles"],
        "rejects": n["rejects"],
        "skips": {"duplicate": skips},
        "rejects_by_reason": {"not_article": n["rejects"]},
        "quotes": n["quotes"],
        "citations": n["citations"],
    }


def write_staged(
    run: dict[str, dict[str, list]], staging: Path, schemas: dict[str, pa.Schema] = TABLES
) -> Path:
    for table, shards in run.items():
        (staging / table).mkdir(parents=True, exist_ok=True)
        for key, rows in shards.items():
            pq.write_table(
                pa.Table.from_pylist(rows, schema=schemas[table]), staging / table / f"{key}.parquet"
            )
    return staging


def check(tmp_path: Path, run: dict, counts: dict | None = None, **overrides: Any) -> dict[str, Any]:
    staging = write_staged(run, tmp_path / "staging")
    return validate_staged(
        str(staging), counts or counts_of(run), load_thresholds(overrides), str(tmp_path / "validation")
    )


def failed(result: dict[str, Any], suite_batch: str, expectation: str) -> list[str]:
    """Failure lines of one sub-suite (and batch) naming one expectation with its target."""
    return [
        line for line in result["failures"] if line.startswith(suite_batch) and f" {expectation}:" in line
    ]


def test_clean_run_passes_and_writes_result_and_docs(tmp_path: Path) -> None:
    result = check(tmp_path, make_run())
    assert result["failures"] == []
    assert result["success"] is True
    document = json.loads(Path(result["result_path"]).read_text())
    assert document["success"] is True
    # every table's shard suite ran on every shard, and the cross-shard and run suites once
    batches = {(v["suite"], v["batch"]) for v in document["validations"]}
    assert ("quotes", "shard-002") in batches
    assert ("articles.duplicates(article_id)", "all-shards") in batches
    assert ("rejects.run", "run") in batches
    assert all(v["statistics"]["evaluated_expectations"] > 0 for v in document["validations"])
    docs = Path(result["docs_path"])
    assert docs.name == "index.html" and docs.exists()
    assert "articles" in docs.read_text()


def test_duplicated_id_within_a_shard(tmp_path: Path) -> None:
    run = make_run()
    run["articles"]["shard-001"][1]["article_id"] = run["articles"]["shard-001"][0]["article_id"]
    result = check(tmp_path, run)
    assert not result["success"]
    lines = failed(result, "articles[shard-001]", "expect_column_values_to_be_unique(article_id)")
    assert len(lines) == 1 and "a01000" in lines[0]
    assert failed(
        result, "articles.duplicates(article_id)[all-shards]", "expect_column_values_to_be_unique(article_id)"
    )


def test_duplicated_id_across_shards(tmp_path: Path) -> None:
    run = make_run()
    run["quotes"]["shard-002"][0]["quote_id"] = run["quotes"]["shard-000"][0]["quote_id"]
    result = check(tmp_path, run)
    assert not result["success"]
    # each shard alone is fine: only the cross-shard frame sees it
    assert not failed(result, "quotes[", "expect_column_values_to_be_unique(quote_id)")
    lines = failed(
        result, "quotes.duplicates(quote_id)[all-shards]", "expect_column_values_to_be_unique(quote_id)"
    )
    assert len(lines) == 1 and "q-a00000" in lines[0] and "shard-002" in lines[0]


def test_null_titles(tmp_path: Path) -> None:
    run = make_run()
    run["articles"]["shard-000"][2]["title"] = None
    run["articles"]["shard-001"][0]["title"] = "   "
    result = check(tmp_path, run)
    assert not result["success"]
    null = failed(result, "articles[shard-000]", "expect_column_values_to_not_be_null(title)")
    assert len(null) == 1 and "a00002" in null[0]
    assert failed(result, "articles[shard-001]", "expect_column_values_to_match_regex(title)")
    assert len(result["failures"]) == 2


def test_quote_end_beyond_its_article_text(tmp_path: Path) -> None:
    run = make_run()
    article = run["articles"]["shard-001"][3]
    run["quotes"]["shard-001"][3]["end"] = len(article["text"]) + 5
    result = check(tmp_path, run)
    assert not result["success"]
    lines = failed(
        result,
        "quotes[shard-001]",
        "expect_column_pair_values_a_to_be_greater_than_b(_article_text_length,end)",
    )
    assert len(lines) == 1 and "q-a01003" in lines[0]


def test_sentence_span_out_of_range_and_negative_start(tmp_path: Path) -> None:
    run = make_run()
    article = run["articles"]["shard-000"][0]
    article["sentence_spans"][-1]["end"] = len(article["text"]) + 1
    run["citations"]["shard-002"][1]["start"] = -3
    result = check(tmp_path, run)
    assert failed(result, "articles[shard-000]", "expect_column_values_to_be_between(_bad_sentence_spans)")
    assert failed(result, "citations[shard-002]", "expect_column_values_to_be_between(start)")
    assert not result["success"]


def test_quote_offsets_that_do_not_slice_its_text(tmp_path: Path) -> None:
    run = make_run()
    quote = run["quotes"]["shard-000"][1]
    quote["start"] += 1
    quote["end"] += 1
    result = check(tmp_path, run)
    lines = failed(
        result, "quotes[shard-000]", "expect_column_pair_values_to_be_equal(text,_article_span_text)"
    )
    assert len(lines) == 1 and "q-a00001" in lines[0]
    assert len(result["failures"]) == 1


def test_orphan_quote_and_citation(tmp_path: Path) -> None:
    run = make_run()
    run["quotes"]["shard-002"][0]["article_id"] = "a-missing"
    run["citations"]["shard-000"][0]["article_id"] = "a-missing-too"
    result = check(tmp_path, run)
    assert not result["success"]
    quote = failed(result, "quotes[shard-002]", "expect_column_values_to_not_be_null(_article_text_length)")
    assert len(quote) == 1 and "q-a02000" in quote[0]
    assert failed(result, "citations[shard-000]", "expect_column_values_to_not_be_null(_article_text_length)")


def test_quote_whose_article_is_in_another_shard_is_not_an_orphan(tmp_path: Path) -> None:
    run = make_run()
    moved = run["quotes"]["shard-000"].pop(0)
    run["quotes"]["shard-001"].append(moved)
    assert check(tmp_path, run)["failures"] == []


def test_reject_rate_above_threshold_where_skips_are_not_rejects(tmp_path: Path) -> None:
    run = make_run(shards=2, per_shard=2, rejects_per_shard=3)  # 4 articles, 6 rejects: 60 %
    counts = counts_of(run, skips=200)  # skips would dilute the rate if they counted
    result = check(tmp_path, run, counts)
    assert not result["success"]
    lines = failed(result, "rejects.run[run]", "expect_column_values_to_be_between(reject_rate)")
    assert len(lines) == 1 and "0.6" in lines[0]
    assert len(result["failures"]) == 1
    shutil.rmtree(tmp_path / "validation")
    assert check(tmp_path, run, counts, max_reject_rate=0.7)["success"]


def test_no_articles_from_a_non_empty_input(tmp_path: Path) -> None:
    run = make_run(shards=1, per_shard=0, rejects_per_shard=1)
    result = check(tmp_path, run, max_reject_rate=1.0)
    assert failed(
        result, "articles.run[run]", "expect_column_pair_values_a_to_be_greater_than_b(articles,min_articles)"
    )
    assert len(result["failures"]) == 1


def test_empty_input_passes(tmp_path: Path) -> None:
    run = make_run(shards=1, per_shard=0, rejects_per_shard=0)
    result = check(tmp_path, run, counts_of(run, skips=0))
    assert result["success"], result["failures"]


def test_counts_that_disagree_with_staged_rows(tmp_path: Path) -> None:
    run = make_run()
    counts = counts_of(run)
    counts["citations"] += 1
    counts["records"] += 1  # a record neither article, reject nor skip
    result = check(tmp_path, run, counts)
    assert failed(
        result, "citations.run[run]", "expect_column_pair_values_to_be_equal(staged_citations,citations)"
    )
    assert failed(result, "rejects.run[run]", "expect_column_pair_values_to_be_equal(records,accounted)")
    assert len(result["failures"]) == 2


def test_row_values_out_of_their_domains(tmp_path: Path) -> None:
    run = make_run()
    a = run["articles"]["shard-000"]
    a[0]["language"] = "en-US"
    a[1]["published_at"] = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    a[2]["published_at"] = FETCHED + dt.timedelta(days=3)
    a[3]["url"] = "news.example.com/no-scheme"
    run["articles"]["shard-001"][0]["word_count"] = 12
    run["quotes"]["shard-001"][0]["type"] = "rumour"
    run["rejects"]["shard-002"][0]["reason"] = "duplicate"
    result = check(tmp_path, run)
    expected = [
        ("articles[shard-000]", "expect_column_values_to_be_in_set(language)"),
        ("articles[shard-000]", "expect_column_values_to_be_between(published_at)"),
        ("articles[shard-000]", "expect_column_values_to_be_between(_published_after_fetch_hours)"),
        ("articles[shard-000]", "expect_column_values_to_match_regex(url)"),
        ("articles[shard-001]", "expect_column_values_to_be_between(word_count)"),
        ("quotes[shard-001]", "expect_column_values_to_be_in_set(type)"),
        ("rejects[shard-002]", "expect_column_values_to_not_be_in_set(reason)"),
    ]
    for where, expectation in expected:
        assert len(failed(result, where, expectation)) == 1, (where, expectation, result["failures"])
    assert len(result["failures"]) == len(expected)


def test_min_word_count_comes_from_thresholds(tmp_path: Path) -> None:
    run = make_run(shards=1, per_shard=2)
    words = run["articles"]["shard-000"][0]["word_count"]
    result = check(tmp_path, run, min_word_count=words + 1)
    lines = failed(result, "articles[shard-000]", "expect_column_values_to_be_between(word_count)")
    assert len(lines) == 1 and "a00000" in lines[0]


def test_file_written_with_a_drifted_schema(tmp_path: Path) -> None:
    drifted = TABLES["articles"].set(
        TABLES["articles"].get_field_index("word_count"), pa.field("word_count", pa.int64(), nullable=False)
    )
    run = make_run(shards=1, per_shard=2)
    result = check_with_schemas(tmp_path, run, {**TABLES, "articles": drifted})
    assert any(
        "parquet_schema_matches(articles)" in line and "word_count is int64" in line
        for line in result["failures"]
    )
    assert failed(result, "articles[shard-000]", "expect_column_values_to_be_of_type(word_count)")


def check_with_schemas(tmp_path: Path, run: dict, schemas: dict[str, pa.Schema]) -> dict[str, Any]:
    staging = write_staged(run, tmp_path / "staging", schemas)
    return validate_staged(str(staging), counts_of(run), load_thresholds(), str(tmp_path / "validation"))


def publish(run: dict, out: Path, date: str) -> None:
    """The published layout (as pipeline.store writes it) with its manifest."""
    staging = write_staged(run, out / "_staging" / f"crawl_date={date}" / RUN_ID)
    for table in TABLES:
        target = out / table / f"crawl_date={date}"
        target.mkdir(parents=True)
        for file in (staging / table).glob("*.parquet"):
            shutil.copy(file, target / f"part-{file.name}")
    manifests = out / "_manifests" / f"crawl_date={date}"
    manifests.mkdir(parents=True)
    (manifests / "latest.json").write_text(json.dumps({"run_id": RUN_ID, "counts": counts_of(run)}))


def test_published_partition_passes_then_fails_when_tampered(tmp_path: Path) -> None:
    out, date = tmp_path / "out", "2025-01-20"
    publish(make_run(), out, date)
    thresholds = load_thresholds()
    clean = validate_partition(str(out), date, thresholds, str(tmp_path / "v1"))
    assert clean["failures"] == [] and clean["success"]

    target = out / "articles" / f"crawl_date={date}" / "part-shard-001.parquet"
    table = pq.read_table(target)
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), target)  # one row duplicated
    result = validate_partition(str(out), dt.date(2025, 1, 20), thresholds, str(tmp_path / "v2"))
    assert not result["success"]
    lines = failed(result, "articles[shard-001]", "expect_column_values_to_be_unique(article_id)")
    assert len(lines) == 1 and "a01000" in lines[0]
    assert failed(
        result, "articles.run[run]", "expect_column_pair_values_to_be_equal(staged_articles,articles)"
    )


def test_missing_partition_fails(tmp_path: Path) -> None:
    result = validate_partition(str(tmp_path / "out"), "2025-01-21", load_thresholds(), str(tmp_path / "v"))
    assert not result["success"]
    assert "no published files" in result["failures"][0]


def test_thresholds_defaults_and_overrides() -> None:
    defaults = load_thresholds()
    assert defaults["max_reject_rate"] == 0.5 and defaults["min_word_count"] == 30
    assert load_thresholds({"max_reject_rate": 0.25, "min_word_count": None})["max_reject_rate"] == 0.25
    with pytest.raises(ValueError, match="unknown validation threshold"):
        load_thresholds({"max_reject_rat": 0.2})
    with pytest.raises(ValueError, match="within"):
        load_thresholds({"max_reject_rate": 1.5})
    with pytest.raises(ValueError, match="must be a number"):
        load_thresholds({"min_word_count": "50"})


def test_suites_only_use_parameters_from_thresholds() -> None:
    root = Path(__file__).resolve().parents[1] / "expectations"
    names = set(load_thresholds())
    for table in TABLES:
        text = (root / f"{table}.json").read_text()
        suite = json.loads(text)
        assert suite["name"] == table
        used = {
            kw["$PARAMETER"]
            for e in suite["expectations"]
            for kw in e["kwargs"].values()
            if isinstance(kw, dict)
        }
        assert used <= names, used - names


def test_importing_validate_does_not_import_great_expectations() -> None:
    code = "import sys, pipeline.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert out.stdout.strip() == "False"
