"""The real-data gate (issue 9 item 5): `newsetl run` over a real corpus publishes and reconciles.

trafilatura-eval (728 real pages from news sites and blogs, mostly German) is packed into two
CC-NEWS-like WARC.gz files with the URLs of its annotation: a crawl keeps URLs, and a folder of
728 single-page `.html.gz` files would be 728 shards (each validated on its own) without them.
Skipped when the shared corpora are not on this machine.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests import damage as dm

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = [
    os.environ.get("NEWSETL_CORPORA", ""),
    str(ROOT.parent / "shared" / "corpora"),
    "/work/shared/corpora",
]
CORPUS = next(
    (Path(c) / "trafilatura-eval" for c in _CANDIDATES if c and (Path(c) / "trafilatura-eval").is_dir()), None
)
DATE = "2025-01-01"
MIN_ARTICLE_SHARE = 0.95  # of the corpus pages; the rest are rejects with a reason
BROKEN_REASONS = {"handler_error", "worker_crash", "corrupt_input", "corrupt_record", "truncated", "timeout"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CORPUS is None, reason="shared corpora not found (set NEWSETL_CORPORA to the folder)"),
]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dm.Published, int]:
    assert CORPUS is not None
    root = tmp_path_factory.mktemp("real")
    pages = dm.corpus_pages(CORPUS)
    dm.pack_crawl(pages, root / "crawl", shards=2, date=f"{DATE}T06:00:00Z")
    run = dm.newsetl_run(root / "out", DATE, root / "crawl", workers="2", deadline=1800.0)
    return run, len(pages)


def test_whole_corpus_publishes_and_reconciles(corpus_run: tuple[dm.Published, int]) -> None:
    run, pages = corpus_run
    run.assert_published()
    run.assert_reconciles()
    run.assert_reject_offsets_unique()
    assert pages == 728
    assert run.counts["records"] == 2 * pages + 2  # request + response per page, a warcinfo per file


def test_nearly_every_page_is_an_article(
    corpus_run: tuple[dm.Published, int], capsys: pytest.CaptureFixture[str]
) -> None:
    run, pages = corpus_run
    run.assert_published()
    counts = run.counts
    with capsys.disabled():
        print(
            f"\n[real corpus] trafilatura-eval: {pages} pages -> {counts['articles']} articles, "
            f"rejects {counts['rejects_by_reason']}, skips {counts['skips_by_reason']}, "
            f"fixes {counts.get('fixes', {})}, {run.result.seconds:.0f} s"
        )
    assert counts["articles"] >= MIN_ARTICLE_SHARE * pages, counts["rejects_by_reason"]
    broken = {r: n for r, n in counts["rejects_by_reason"].items() if r in BROKEN_REASONS}
    assert not broken, f"pages lost to errors rather than judged: {broken}"


def _value_expectations(table: str) -> list[tuple[str, str, object]]:
    """(kind, column, regex or value set) of the suite's per-value expectations."""
    suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text())
    found = []
    for e in suite["expectations"]:
        kwargs = e["kwargs"]
        if e["type"] == "expect_column_values_to_match_regex":
            found.append(("regex", kwargs["column"], kwargs["regex"]))
        elif e["type"] == "expect_column_values_to_be_in_set" and isinstance(kwargs.get("value_set"), list):
            found.append(("set", kwargs["column"], set(kwargs["value_set"])))
    return found


@pytest.mark.parametrize("table", ["articles", "quotes", "citations"])
def test_no_published_row_holds_an_invalid_value(corpus_run: tuple[dm.Published, int], table: str) -> None:
    """Every value the suites check one by one (URLs, domains, kinds, languages) is valid as published."""
    run, _ = corpus_run
    run.assert_published()
    checks = _value_expectations(table)
    assert checks
    for kind, column, rule in checks:
        values = [r[0] for r in run.query(f'SELECT "{column}" FROM {{{table}}} WHERE "{column}" IS NOT NULL')]
        if kind == "regex":
            bad = [v for v in values if not re.search(str(rule), v)]
        else:
            bad = [v for v in values if v not in rule]  # type: ignore[operator]
        assert not bad, f"{table}.{column}: {len(bad)} invalid values, e.g. {bad[:5]}"


def test_quotes_and_citations_point_into_their_articles(corpus_run: tuple[dm.Published, int]) -> None:
    run, _ = corpus_run
    run.assert_published()
    mismatched = run.query(
        "SELECT count(*) FROM {quotes} q JOIN {articles} a USING (article_id) "
        'WHERE substring(a.text, q.start + 1, q."end" - q.start) <> q.text'
    )
    assert mismatched == [(0,)]
    orphans = run.query(
        "SELECT count(*) FROM {citations} WHERE article_id NOT IN (SELECT article_id FROM {articles})"
    )
    assert orphans == [(0,)]
