"""The data dictionary: generated from pipeline/schema.py, complete, and in the Parquet files themselves."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import dictionary, outlets, schema
from pipeline.schema import ENUMERATIONS, TABLES

ROOT = Path(__file__).resolve().parents[1]
# Where each constructor takes its reason code: positional index, keyword.
REASON_ARGUMENT = {
    "Reject": (3, "reason"),
    "Skip": (2, "reason"),
    "Failed": (0, "reason"),
    "NotArticle": (0, "reason"),
    "_reject": (1, "reason"),  # a reader's helper: (offset, reason, detail, …)
    "skip": (0, "reason"),  # ShardStats.skip(reason, …)
}


def test_docs_data_dictionary_is_generated_from_the_schemas() -> None:
    stale = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") != dictionary.markdown()
    assert not stale, (
        "docs/data-dictionary.md is stale: run `python -m pipeline.dictionary > docs/data-dictionary.md`"
    )


def test_every_column_is_described() -> None:
    for table, table_schema in TABLES.items():
        assert table_schema.metadata[b"description"]
        for field in table_schema:
            assert len(schema.description(field)) > 20, f"{table}.{field.name}"
            assert f"| `{field.name}` |" in dictionary.markdown()


def test_the_questions_analysts_asked_are_answered() -> None:
    text = dictionary.markdown()
    quotes = {f.name: schema.description(f) for f in TABLES["quotes"]}
    assert "counted from 0" in quotes["sentence_index"]
    assert "as written" in quotes["speaker"] and "resolved" in quotes["speaker_resolved"]
    citations = {f.name: schema.description(f) for f in TABLES["citations"]}
    assert "articles.text" in citations["start"]
    assert "NULL when" in schema.description(TABLES["articles"].field("domain"))
    for value in schema.SOURCE_TYPES:
        assert f"| `{value}` |" in text


def _reason_literals(kind: str) -> set[str]:
    """Reason codes the pipeline's code passes to Reject/Skip/Failed/NotArticle (or a reader's
    `_reject`), or counts as skips (`stats.skip("duplicate", …)`, `skips["…"]`)."""
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in REASON_ARGUMENT or (kind == "skip") != (name in ("Skip", "skip")):
                    continue
                position, keyword = REASON_ARGUMENT[name]
                argument = node.args[position] if len(node.args) > position else None
                argument = next((k.value for k in node.keywords if k.arg == keyword), argument)
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
            elif kind == "skip" and isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                target = getattr(node.value, "attr", None) or getattr(node.value, "id", None)
                if target in ("skips", "by_reason") and isinstance(node.slice.value, str):
                    found.add(node.slice.value)
    return found


def _string_literals() -> set[str]:
    """Every string constant in the pipeline's code outside the dictionary itself."""
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        if path.name in ("schema.py", "dictionary.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_reason_code_the_pipeline_uses_is_documented() -> None:
    undocumented = _reason_literals("reject") - set(schema.REJECT_REASONS)
    assert not undocumented, f"describe these reject reasons in pipeline/schema.py: {undocumented}"
    undocumented = _reason_literals("skip") - set(schema.SKIP_REASONS)
    assert not undocumented, f"describe these skip reasons in pipeline/schema.py: {undocumented}"


def test_no_documented_reason_is_stale() -> None:
    literals = _string_literals()
    for codes in (schema.REJECT_REASONS, schema.SKIP_REASONS):
        stale = set(codes) - literals
        assert not stale, f"no code uses these reasons any more: {stale}"


def test_coded_values_match_the_suites_and_the_registry() -> None:
    def value_set(table: str, column: str, kind: str = "expect_column_values_to_be_in_set") -> set[str]:
        suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text())
        return next(
            set(e["kwargs"]["value_set"])
            for e in suite["expectations"]
            if e["type"] == kind and e["kwargs"].get("column") == column
        )

    assert set(schema.QUOTE_TYPES) == value_set("quotes", "type")
    assert set(schema.CITATION_KINDS) == value_set("citations", "kind")
    assert set(schema.SOURCE_TYPES) == set(outlets.TYPES)
    assert value_set("rejects", "reason", "expect_column_values_to_not_be_in_set") <= set(schema.SKIP_REASONS)


def test_coded_columns_have_their_values() -> None:
    for (table, column), values in ENUMERATIONS.items():
        if column in TABLES[table].names:
            assert values, f"{table}.{column} is a coded column: list its values in pipeline/schema.py"


def test_descriptions_travel_in_the_parquet_files(tmp_path: Path) -> None:
    path = tmp_path / "quotes.parquet"
    pq.write_table(pa.Table.from_pylist([], schema=TABLES["quotes"]), path)
    written = pq.read_schema(path)
    assert written.equals(TABLES["quotes"])  # same fields and types as before the descriptions
    assert written.field("speaker").metadata[b"description"].startswith(b"Who speaks")
    spark = json.loads(written.metadata[schema.SPARK_SCHEMA_KEY.encode()])
    fields = {f["name"]: f for f in spark["fields"]}
    assert list(fields) == TABLES["quotes"].names
    assert fields["sentence_index"]["type"] == "integer" and fields["quote_id"]["nullable"] is False
    assert fields["sentence_index"]["metadata"]["comment"].startswith("Position, counted from 0,")
    articles = json.loads(TABLES["articles"].metadata[schema.SPARK_SCHEMA_KEY.encode()])
    spans = next(f for f in articles["fields"] if f["name"] == "sentence_spans")["type"]
    assert spans["type"] == "array" and spans["elementType"]["fields"][0]["name"] == "start"
    published = next(f for f in articles["fields"] if f["name"] == "published_at")
    assert published["type"] == "timestamp" and published["metadata"]["comment"]


def test_extraction_paths_are_the_extractors_own() -> None:
    from pipeline.extract import EXTRACTION_PATHS

    assert set(ENUMERATIONS[("articles", "extraction")]) == set(EXTRACTION_PATHS)
