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
from pipeline.validate import load_thresholds, partition_exists, validate_partition, validate_staged

ROOT = Path(__file__).resolve().parents[1]
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


def failed(result: dict[str, Any], table: str, expectation: str, target: str | None = None) -> list[dict]:
    """Failed-expectation records of one table naming one expectation (and its target)."""
    return [
        record
        for record in result["failed"]
        if record["table"] == table
        and record["expectation"] == expectation
        and (target is None or record["target"] == target)
    ]


def only(records: list[dict]) -> dict:
    assert len(records) == 1, records
    return records[0]


def test_clean_run_passes_and_writes_a_small_result(tmp_path: Path) -> None:
    result = check(tmp_path, make_run())
    assert result["failures"] == [] and result["failed"] == []
    assert result["success"] is True
    document = json.loads(Path(result["result_path"]).read_text())
    assert document["success"] is True
    # each table once over all its shards, the run checks once; no Data Docs unless asked for
    calls = {(v["suite"], v["batch"]): v for v in document["validations"]}
    assert set(calls) == {
        ("articles", "all"),
        ("quotes", "all"),
        ("citations", "all"),
        ("rejects", "all"),
        ("run", "run"),
    }
    assert calls[("quotes", "all")]["rows"] == 12
    assert all(v["expectations"] > 0 for v in document["validations"])
    assert {s["suite"] for s in document["skipped"]} >= {"articles.duplicates(article_id)"}
    assert "docs_path" not in result and not (tmp_path / "validation" / "data_docs").exists()
    assert Path(result["result_path"]).stat().st_size < 20_000


def test_data_docs_on_request(tmp_path: Path) -> None:
    staging = write_staged(make_run(shards=1, per_shard=2), tmp_path / "staging")
    result = validate_staged(
        str(staging),
        counts_of(make_run(shards=1, per_shard=2)),
        load_thresholds(),
        str(tmp_path / "validation"),
        data_docs=True,
    )
    docs = Path(result["docs_path"])
    assert result["success"] and docs.name == "index.html" and docs.exists()
    assert "articles" in docs.read_text()


def test_duplicated_id_within_a_shard(tmp_path: Path) -> None:
    run = make_run()
    run["articles"]["shard-001"][1]["article_id"] = run["articles"]["shard-001"][0]["article_id"]
    result = check(tmp_path, run)
    assert not result["success"]
    record = only(failed(result, "articles", "expect_column_values_to_be_unique", "article_id"))
    assert record["unexpected_count"] == 2 and "a01000" in str(record["examples"])
    assert record["shards"] == ["shard-001"]
    assert record["plain"].startswith("article_id repeats in 2 of 12 articles, e.g. article_id=a01000")


def test_duplicated_id_across_shards(tmp_path: Path) -> None:
    run = make_run()
    run["quotes"]["shard-002"][0]["quote_id"] = run["quotes"]["shard-000"][0]["quote_id"]
    result = check(tmp_path, run)
    assert not result["success"]
    # one frame over every shard sees what no shard alone shows
    record = only(failed(result, "quotes", "expect_column_values_to_be_unique", "quote_id"))
    assert "q-a00000" in str(record["examples"]) and record["shards"] == ["shard-000", "shard-002"]


def test_duplicated_id_across_chunks_of_a_large_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.validation import frames

    monkeypatch.setattr(frames, "CHUNK_ROWS", 4)  # every shard's 4 articles in a frame of its own
    run = make_run()
    run["quotes"]["shard-002"][0]["quote_id"] = run["quotes"]["shard-000"][0]["quote_id"]
    result = check(tmp_path, run)
    document = json.loads(Path(result["result_path"]).read_text())
    assert [v["batch"] for v in document["validations"] if v["suite"] == "articles"] == [
        "rows 1-4",
        "rows 5-8",
        "rows 9-12",
    ]
    record = only(failed(result, "quotes", "expect_column_values_to_be_unique", "quote_id"))
    # no chunk alone has the duplicate: the duplicates frame over all files finds it
    assert record["suite"] == "quotes.duplicates(quote_id)" and record["shards"] == ["shard-000", "shard-002"]
    assert record["plain"] == "quote_id repeats in 2 quotes, e.g. quote_id=q-a00000 (in shard-000, shard-002)"


def test_null_titles(tmp_path: Path) -> None:
    run = make_run()
    run["articles"]["shard-000"][2]["title"] = None
    run["articles"]["shard-001"][0]["title"] = "   "
    result = check(tmp_path, run)
    assert not result["success"]
    null = only(failed(result, "articles", "expect_column_values_to_not_be_null", "title"))
    assert "a00002" in str(null["examples"]) and null["plain"].startswith(
        "title is missing in 1 of 12 articles"
    )
    assert failed(result, "articles", "expect_column_values_to_match_regex", "title")
    assert len(result["failures"]) == 2


def test_quote_end_beyond_its_article_text(tmp_path: Path) -> None:
    run = make_run()
    article = run["articles"]["shard-001"][3]
    run["quotes"]["shard-001"][3]["end"] = len(article["text"]) + 5
    result = check(tmp_path, run)
    assert not result["success"]
    record = only(
        failed(
            result, "quotes", "expect_column_pair_values_a_to_be_greater_than_b", "_article_text_length,end"
        )
    )
    assert "q-a01003" in str(record["examples"])
    assert "end beyond the end of their article's text" in record["plain"]


def test_sentence_span_out_of_range_and_negative_start(tmp_path: Path) -> None:
    run = make_run()
    article = run["articles"]["shard-000"][0]
    article["sentence_spans"][-1]["end"] = len(article["text"]) + 1
    run["citations"]["shard-002"][1]["start"] = -3
    result = check(tmp_path, run)
    spans = only(failed(result, "articles", "expect_column_values_to_be_between", "_bad_sentence_spans"))
    assert spans["plain"].startswith("1 of 12 articles have sentence spans outside the text")
    assert failed(result, "citations", "expect_column_values_to_be_between", "start")
    assert not result["success"]


def test_quote_offsets_that_do_not_slice_its_text(tmp_path: Path) -> None:
    run = make_run()
    quote = run["quotes"]["shard-000"][1]
    quote["start"] += 1
    quote["end"] += 1
    result = check(tmp_path, run)
    record = only(
        failed(result, "quotes", "expect_column_pair_values_to_be_equal", "text,_article_span_text")
    )
    assert "q-a00001" in str(record["examples"])
    assert len(result["failures"]) == 1


def test_orphan_quote_and_citation(tmp_path: Path) -> None:
    run = make_run()
    run["quotes"]["shard-002"][0]["article_id"] = "a-missing"
    run["citations"]["shard-000"][0]["article_id"] = "a-missing-too"
    result = check(tmp_path, run)
    assert not result["success"]
    quote = only(failed(result, "quotes", "expect_column_values_to_not_be_null", "_article_text_length"))
    assert "q-a02000" in str(quote["examples"])
    assert quote["plain"].startswith("1 of 12 quotes point to an article that is not in the run")
    assert failed(result, "citations", "expect_column_values_to_not_be_null", "_article_text_length")


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
    record = only(failed(result, "rejects", "expect_column_values_to_be_between", "reject_rate"))
    assert record["values"]["reject_rate"] == 0.6
    assert result["failures"] == [
        "60% of the records that were not skipped are rejects (6 of 10); at most 50% is allowed"
    ]
    shutil.rmtree(tmp_path / "validation")
    assert check(tmp_path, run, counts, max_reject_rate=0.7)["success"]


def test_no_articles_from_a_non_empty_input(tmp_path: Path) -> None:
    run = make_run(shards=1, per_shard=0, rejects_per_shard=1)
    result = check(tmp_path, run, max_reject_rate=1.0)
    assert failed(
        result, "articles", "expect_column_pair_values_a_to_be_greater_than_b", "articles,min_articles"
    )
    assert result["failures"] == ["no article came out of 3 records read"]


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
    assert failed(result, "citations", "expect_column_pair_values_to_be_equal", "staged_citations,citations")
    assert failed(result, "rejects", "expect_column_pair_values_to_be_equal", "records,accounted")
    assert sorted(result["failures"]) == [
        "12 citations rows were staged but the run counted 13",
        "18 records read but articles + rejects + skips = 17: records were lost or counted twice",
    ]


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
        ("articles", "expect_column_values_to_be_in_set", "language"),
        ("articles", "expect_column_values_to_be_between", "published_at"),
        ("articles", "expect_column_values_to_be_between", "_published_after_fetch_hours"),
        ("articles", "expect_column_values_to_match_regex", "url"),
        ("articles", "expect_column_values_to_be_between", "word_count"),
        ("quotes", "expect_column_values_to_be_in_set", "type"),
        ("rejects", "expect_column_values_to_not_be_in_set", "reason"),
    ]
    for where in expected:
        assert len(failed(result, *where)) == 1, (where, result["failures"])
    assert len(result["failures"]) == len(expected)
    words = only(failed(result, "articles", "expect_column_values_to_be_between", "word_count"))
    assert (
        words["plain"]
        == "word_count is below 30 in 1 of 12 articles, e.g. word_count=12, article_id=a01000 (in shard-001)"
    )
    kind = only(failed(result, "quotes", "expect_column_values_to_be_in_set", "type"))
    assert kind["plain"].startswith(
        "type is not one of the known values (direct, indirect, partial) in 1 of 12 quotes"
    )


def test_min_word_count_comes_from_thresholds(tmp_path: Path) -> None:
    run = make_run(shards=1, per_shard=2)
    words = run["articles"]["shard-000"][0]["word_count"]
    result = check(tmp_path, run, min_word_count=words + 1)
    record = only(failed(result, "articles", "expect_column_values_to_be_between", "word_count"))
    assert "a00000" in str(record["examples"])


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
    record = only(failed(result, "articles", "expect_column_values_to_be_of_type", "word_count"))
    assert record["batch"] == "shard-000"


def test_drifted_file_is_checked_apart_from_the_others(tmp_path: Path) -> None:
    run = make_run(shards=2, per_shard=2)
    staging = write_staged(run, tmp_path / "staging")
    drifted = pa.Table.from_pylist(run["rejects"]["shard-001"], schema=TABLES["rejects"]).drop_columns(
        ["detail"]
    )
    pq.write_table(drifted, staging / "rejects" / "shard-001.parquet")
    result = validate_staged(str(staging), counts_of(run), load_thresholds(), str(tmp_path / "validation"))
    document = json.loads(Path(result["result_path"]).read_text())
    batches = [v["batch"] for v in document["validations"] if v["suite"] == "rejects"]
    assert batches == ["shard-001", "all"]
    assert any("missing column detail" in line for line in result["failures"])


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
    record = only(failed(result, "articles", "expect_column_values_to_be_unique", "article_id"))
    assert "a01000" in str(record["examples"]) and record["shards"] == ["shard-001"]
    assert failed(result, "articles", "expect_column_pair_values_to_be_equal", "staged_articles,articles")


def test_missing_partition_fails_at_once_without_gx(tmp_path: Path) -> None:
    code = (
        "import sys, pipeline.validate as v; "
        f"r = v.validate_partition({str(tmp_path / 'out')!r}, '2025-01-21', v.load_thresholds(), {str(tmp_path / 'v')!r}); "
        "print(r['success'], 'great_expectations' in sys.modules, r['failures'][0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.startswith("False False nothing published for crawl_date=2025-01-21")
    assert (tmp_path / "v" / "validation.json").exists()
    assert not partition_exists(str(tmp_path / "out"), "2025-01-21")


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
