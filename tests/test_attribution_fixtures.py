"""Integrity of the annotated attribution set (tests/fixtures/attribution/<language>/*.json).

The gate that scores the engine trusts these files; a wrong character in a quote or a misspelt kind
would make it measure the annotation instead of the engine. Format: tests/fixtures/attribution/README.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "fixtures" / "attribution"
FILES = sorted(ROOT.glob("*/*.json"))
LANGUAGES = sorted({path.parent.name for path in FILES})

REQUIRED = {
    "id": str,
    "language": str,
    "split": str,
    "url": str,
    "title": str,
    "text": str,
    "classes": list,
    "quotes": list,
    "negatives": list,
    "citations": list,
    "forbidden_citations": list,
}
QUOTE_KEYS = {"text", "type", "speaker", "speaker_resolved", "cue"}
QUOTE_TYPES = {"direct", "partial", "indirect"}
CITATION_KINDS = {"attribution", "source_line", "via", "link", "photo_credit", "study"}
SPLITS = {"dev", "test"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def occurrences(text: str, part: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(part)
    while start >= 0:
        spans.append((start, start + len(part)))
        start = text.find(part, start + 1)
    return spans


def quote_spans(doc: dict) -> list[tuple[int, int]]:
    """Place each quote at its first occurrence after the previous one (quotes are in text order)."""
    spans, cursor = [], 0
    for quote in doc["quotes"]:
        start = doc["text"].find(quote["text"], cursor)
        assert start >= 0, f"quote missing or out of text order: {quote['text']!r}"
        spans.append((start, start + len(quote["text"])))
        cursor = start
    return spans


@pytest.fixture(params=FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def fixture(request) -> tuple[Path, dict]:
    path = request.param
    try:
        return path, load(path)
    except json.JSONDecodeError as error:
        pytest.fail(f"{path.name} is not valid JSON: {error}")


def test_required_keys_and_types(fixture):
    _, doc = fixture
    for key, kind in REQUIRED.items():
        assert isinstance(doc.get(key), kind), f"{key} missing or not a {kind.__name__}"
    assert doc["text"].strip(), "empty text"
    assert "\n\n" not in doc["text"] and doc["text"] == doc["text"].strip(), "paragraphs split by one \\n"
    assert all(isinstance(c, str) and c for c in doc["classes"])


def test_id_matches_file_name_and_language(fixture):
    path, doc = fixture
    assert doc["id"] == path.stem
    assert doc["language"] == path.parent.name
    assert re.fullmatch(rf"{re.escape(doc['language'])}-\d{{2,}}-[a-z0-9]+(-[a-z0-9]+)*", doc["id"])


def test_split_is_dev_or_test(fixture):
    _, doc = fixture
    assert doc["split"] in SPLITS


def test_quotes_are_exact_substrings_in_text_order(fixture):
    _, doc = fixture
    for quote in doc["quotes"]:
        assert set(quote) >= QUOTE_KEYS, f"quote lacks {QUOTE_KEYS - set(quote)}"
        assert quote["type"] in QUOTE_TYPES, quote["type"]
        assert quote["text"] and quote["text"] == quote["text"].strip(), repr(quote["text"])
        for key in ("speaker", "speaker_resolved", "cue"):
            assert quote[key] is None or (isinstance(quote[key], str) and quote[key].strip()), key
    quote_spans(doc)


def test_negatives_and_link_anchors_are_exact_substrings(fixture):
    _, doc = fixture
    for negative in doc["negatives"]:
        assert negative and negative in doc["text"], f"negative not in text: {negative!r}"
    for link in doc.get("links", []):
        assert link.get("url"), "link without url"
        assert link.get("anchor_text") and link["anchor_text"] in doc["text"], link


def test_no_quote_overlaps_a_negative(fixture):
    _, doc = fixture
    negatives = [span for negative in doc["negatives"] for span in occurrences(doc["text"], negative)]
    for quote, (start, end) in zip(doc["quotes"], quote_spans(doc), strict=True):
        for n_start, n_end in negatives:
            assert end <= n_start or n_end <= start, (
                f"{quote['text']!r} overlaps {doc['text'][n_start:n_end]!r}"
            )


def test_groups_join_at_least_two_parts_of_one_speaker(fixture):
    _, doc = fixture
    parts: dict[int, list[dict]] = defaultdict(list)
    for quote in doc["quotes"]:
        if quote.get("group") is not None:
            assert isinstance(quote["group"], int) and not isinstance(quote["group"], bool)
            parts[quote["group"]].append(quote)
    for group, quotes in parts.items():
        assert len(quotes) >= 2, f"group {group} has one part"
        assert len({q["speaker_resolved"] for q in quotes}) == 1, f"group {group} mixes speakers"


def test_citations_have_known_kinds_once_each(fixture):
    _, doc = fixture
    pairs = [(c.get("source_name"), c.get("kind")) for c in doc["citations"]]
    for name, kind in pairs:
        assert isinstance(name, str) and name.strip(), "citation without source_name"
        assert kind in CITATION_KINDS, kind
    assert len(pairs) == len(set(pairs)), "a (source_name, kind) pair is listed twice"
    assert not {name for name, _ in pairs} & set(doc["forbidden_citations"]), "cited and forbidden"
    if any(kind == "link" for _, kind in pairs):
        assert doc.get("links"), "a link citation without links"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_third_of_each_language_is_test(language):
    docs = [load(path) for path in FILES if path.parent.name == language]
    splits = Counter(doc["split"] for doc in docs)
    assert abs(splits["test"] - len(docs) / 3) <= 1, dict(splits)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ids_are_unique_within_a_language(language):
    ids = [path.stem.split("-")[1] for path in FILES if path.parent.name == language]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
