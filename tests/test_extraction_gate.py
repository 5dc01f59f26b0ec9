"""Quality gate: newsetl's extraction on three annotated corpora must stay above pinned floors.

One pass of `extract_html` per corpus (in two processes), shared by every assertion on it (no bare trafilatura run
here: its figures are pinned below, measured with `benchmarks/extraction_quality.py`). The
corpora are read in place (`pipeline/extraction_eval.py` says where, and which environment
variables point elsewhere); a corpus that is not on this machine is skipped with the reason,
as the two fetched ones are on a machine without them.

Floors sit a little under what was measured when they were pinned, and never under bare
trafilatura's best configuration (no comments, favor_precision), except readability's whole
set: 7 of its 130 test pages are fixtures of under 30 words, which the project's contract
(`min_word_count`) rejects, costing 4-5 points of recall that no extractor can win back; on the
123 pages with an article's length of text newsetl must stay ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest

from pipeline.extraction_eval import (
    Corpus,
    Score,
    article_length_prf,
    load_corpus,
    missing_reason,
    run_newsetl_parallel,
)
from pipeline.limits import MIN_ARTICLE_WORDS


@dataclass(frozen=True)
class Floors:
    f1: float
    bare_best_f1: float  # measured with benchmarks/extraction_quality.py; the floor never goes below
    furniture_lines: int  # at most a third of bare trafilatura's best configuration
    rejects: int
    title: float | None = None
    author: float | None = None
    date: float | None = None
    leaked_without: int | None = None  # trafilatura-eval's annotated boilerplate (bare best: 141)


FLOORS = {
    # measured: F1 0.9408, leaked 107, furniture 1, rejects 3, title 0.893, author 0.587, date 0.864
    # bare best: F1 0.930, leaked 141, furniture 29, title 0.616, author 0.552, date 0.865
    # (metadata of a rejected page counts as wrong: on the pages kept, date is 0.868)
    "trafilatura-eval": Floors(0.937, 0.930, 9, 4, title=0.885, author=0.58, date=0.86, leaked_without=115),
    # measured: F1 0.9729, furniture 1, rejects 0; bare best: F1 0.964, furniture 14
    "scrapinghub": Floors(0.968, 0.964, 4, 0),
    # measured: F1 0.910 (all 130 pages), title 0.709, author 0.553, date 0.939, furniture 0, rejects 5
    # bare best: F1 0.930 (all), title 0.646, author 0.500, date 0.939, furniture 13
    "readability": Floors(0.905, 0.0, 4, 7, title=0.70, author=0.54, date=0.93),
}
READABILITY_ARTICLES_F1 = (0.926, 0.9255)  # (floor, bare best) on the 123 pages of 30+ words


@cache
def corpus(name: str) -> Corpus:
    reason = missing_reason(name)
    if reason:
        pytest.skip(reason)
    return load_corpus(name)


@cache
def score(name: str) -> Score:
    return run_newsetl_parallel(corpus(name), workers=2)  # the machine's two cores


@pytest.mark.parametrize("name", list(FLOORS))
def test_text_f1_floor(name: str) -> None:
    floors = FLOORS[name]
    _p, _r, f1 = score(name).prf
    assert floors.f1 >= floors.bare_best_f1
    assert f1 >= floors.f1, f"{name}: text F1 {f1:.4f} under its floor {floors.f1}"


@pytest.mark.parametrize("name", list(FLOORS))
def test_furniture_and_leaks(name: str) -> None:
    floors, measured = FLOORS[name], score(name)
    assert measured.boilerplate <= floors.furniture_lines, measured.boiler_examples[:20]
    if floors.leaked_without is not None:
        assert measured.leaked_segments is not None and measured.leaked_segments <= floors.leaked_without


@pytest.mark.parametrize("name", list(FLOORS))
def test_rejects(name: str) -> None:
    measured = score(name)
    assert measured.errors == 0
    assert len(measured.rejected) <= FLOORS[name].rejects, measured.rejected
    if corpus(name).kind == "body":  # full texts: no page with an article's worth of text is rejected
        truth = {page.id: page.truth["body"] for page in corpus(name).pages}
        lost = [
            page_id
            for page_id, _reason, _detail in measured.rejected
            if len(truth[page_id].split()) >= MIN_ARTICLE_WORDS
        ]
        assert not lost, f"{name}: articles rejected: {lost}"


@pytest.mark.parametrize("name", [n for n, f in FLOORS.items() if f.title is not None])
def test_metadata_floors(name: str) -> None:
    floors, measured = FLOORS[name], score(name)
    for field_name in ("title", "author", "date"):
        floor = getattr(floors, field_name)
        accuracy = measured.accuracy(field_name)
        assert accuracy is not None and accuracy >= floor, (
            f"{name}: {field_name} accuracy {accuracy} < {floor}"
        )


def test_readability_pages_of_article_length() -> None:
    pages, (_p, _r, f1) = article_length_prf(score("readability"), corpus("readability"), MIN_ARTICLE_WORDS)
    floor, bare_best = READABILITY_ARTICLES_F1
    assert pages < len(corpus("readability").pages)
    assert floor >= bare_best
    assert f1 >= floor, (
        f"readability, {pages} pages of {MIN_ARTICLE_WORDS}+ words: text F1 {f1:.4f} under {floor}"
    )
