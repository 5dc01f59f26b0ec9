"""Quality gate of `find_quotes` and `find_citations`: pinned floors per language.

Two annotated sources:
- the sample corpus (`sample/truth.json`): its raw records go through the pipeline's own reader,
  extraction and segmentation, so the quotes step sees exactly the text a run gives it. Its truth
  lists quoted excerpts, not every quote, so only recall, type and speaker are gated there.
- the annotated attribution set (`tests/fixtures/attribution/<lang>/*.json`, dev split): fully
  annotated, so precision too.

Matching and scores: `pipeline.quotes.scoring` and `pipeline.citations.scoring` (shared with
`benchmarks/quotes.py`). Floors sit a little under the measured figures; raise them when the
engine improves, never lower them to let a change through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from pipeline.citations import find_citations
from pipeline.citations.scoring import CitationScore, score_citations
from pipeline.extract import NotArticle, extract_html, extract_text
from pipeline.model import Citation, Link, Quote, RawRecord
from pipeline.outlets import lookup_name
from pipeline.quotes import find_quotes
from pipeline.quotes.scoring import (
    AnnotatedArticle,
    GoldQuote,
    QuoteScore,
    WordIndex,
    load_set,
    locate,
    match_one_to_one,
    same_name,
    score_quotes,
)
from pipeline.segment import segment
from pipeline.sources import discover, iter_records

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
ATTRIBUTION_SET = Path(__file__).parent / "fixtures" / "attribution"


@dataclass(frozen=True)
class Floors:
    quote_f1: float  # recall on the sample corpus, whose truth is excerpts
    speaker: float
    type: float
    citations_f1: float


SAMPLE_FLOORS = {
    "en": Floors(quote_f1=0.97, speaker=0.96, type=0.98, citations_f1=0.95),
    "de": Floors(quote_f1=0.95, speaker=0.85, type=0.98, citations_f1=0.95),
    # fr: 10 of its 11 quotes; the one missed is the only indirect clause of the sample's truth that
    # holds quoted words ("une proposition « raisonnable »"), which the engine gives as the partial
    # row alone, as the annotated set and the sample's 35 other partial quotes have it
    "fr": Floors(quote_f1=0.90, speaker=0.95, type=0.98, citations_f1=0.95),
    "es": Floors(quote_f1=0.85, speaker=0.85, type=0.98, citations_f1=0.95),
}
# Dev articles per language: 30, then 40 (articles 46-55), then 47 (61-67), then 54 (71-77). Articles
# 61-67 and 71-77 were written after the engine and scored before any tuning on them (61-67: quotes F1
# 0.888, speaker 0.854, citations F1 0.802 on the 28; 71-77: 0.891, 0.814, 0.892), so the floors came
# down where the set got harder.
DEV_FLOORS: dict[str, Floors] = {
    "en": Floors(quote_f1=0.95, speaker=0.92, type=0.98, citations_f1=0.93),
    "de": Floors(quote_f1=0.93, speaker=0.88, type=0.98, citations_f1=0.92),
    "fr": Floors(quote_f1=0.90, speaker=0.87, type=0.98, citations_f1=0.93),
    "es": Floors(quote_f1=0.89, speaker=0.88, type=0.98, citations_f1=0.90),
}


# --- the sample corpus, through the pipeline's reader and extractor ------------------------------


@dataclass(frozen=True)
class SamplePage:
    key: str
    language: str
    text: str
    quotes: list[Quote]
    citations: list[Citation]
    truth: dict


@cache
def sample_pages() -> tuple[SamplePage, ...]:
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    by_record = {a["record_id"]: a for a in truth["articles"]}
    pages = []
    for shard in discover([str(SAMPLE / "raw")]):
        for record in iter_records(shard):
            if not isinstance(record, RawRecord) or record.record_id not in by_record:
                continue
            article = by_record.pop(record.record_id)
            try:  # the same calls as pipeline.article.process_record
                if (markup := record.markup()) is not None:
                    extracted = extract_html(markup, record.url)
                else:
                    extracted = extract_text(record.text or "", record.title_hint)
            except NotArticle:
                continue  # counted below: the article is then missing
            text, language = extracted.text, extracted.language
            paragraphs, sentences = segment(text, language)
            quotes = find_quotes(text, paragraphs, sentences, language)
            citations = find_citations(text, extracted.links, record.url or extracted.canonical_url, language)
            pages.append(SamplePage(article["key"], article["language"], text, quotes, citations, article))
    assert not by_record, f"sample articles not extracted: {sorted(a['key'] for a in by_record.values())}"
    return tuple(pages)


def sample_quote_gold(page: SamplePage) -> list[GoldQuote]:
    gold = []
    for item in page.truth["quotes"]:
        span = locate(page.text, item["text"])
        assert span is not None, f"{page.key}: {item['text']!r} is not in the extracted text"
        gold.append(GoldQuote((span,), item["type"], item["speaker"], item["speaker"]))
    return gold


def _canonical(name: str) -> str:
    """The sample's truth names sources its own way ("Bloomberg"); the registry's name is the contract."""
    outlet = lookup_name(name)
    return outlet.name if outlet is not None else name


def sample_citation_gold(page: SamplePage) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(required, optional) (source_name, kind) pairs of one sample page."""
    required, optional = [], []
    for item in page.truth["citations"]:
        (optional if item.get("optional") else required).append(
            (_canonical(item["source_name"]), item["kind"])
        )
    return required, optional


def _sample_scores() -> dict[str, tuple[QuoteScore, CitationScore]]:
    out: dict[str, tuple[QuoteScore, CitationScore]] = {}
    for page in sample_pages():
        quotes, citations = out.setdefault(page.language, (QuoteScore(), CitationScore()))
        quotes += score_quotes(page.text, sample_quote_gold(page), page.quotes, excerpts=True)[0]
        required, optional = sample_citation_gold(page)
        citations += score_citations(page.citations, required, optional, page.truth["not_citations"])
    return out


@pytest.mark.parametrize("language", sorted(SAMPLE_FLOORS))
def test_sample_corpus_floors(language: str) -> None:
    quotes, citations = _sample_scores()[language]
    floors = SAMPLE_FLOORS[language]
    measured = (
        f"{language}: quote recall {quotes.recall:.3f}, speaker {quotes.speaker_accuracy:.3f}, "
        f"type {quotes.type_accuracy:.3f}, citations F1 {citations.f1:.3f}"
    )
    assert quotes.recall >= floors.quote_f1, measured
    assert quotes.speaker_accuracy >= floors.speaker, measured
    assert quotes.type_accuracy >= floors.type, measured
    assert citations.f1 >= floors.citations_f1, measured


# --- the annotated attribution set, dev split ----------------------------------------------------


def _links(article: AnnotatedArticle) -> list[Link]:
    links = []
    for url, anchor in article.links:
        start = article.text.find(anchor) if anchor else -1
        placed = start >= 0
        links.append(Link(url, anchor, start if placed else None, start + len(anchor) if placed else None))
    return links


def score_article(article: AnnotatedArticle) -> tuple[QuoteScore, CitationScore]:
    text = article.text
    paragraphs, sentences = segment(text, article.language)
    quotes = find_quotes(text, paragraphs, sentences, article.language)
    rows = find_citations(text, _links(article), article.url, article.language)
    quote_score, _ = score_quotes(text, article.quotes, quotes)
    return quote_score, score_citations(rows, article.citations, forbidden=article.forbidden_citations)


@cache
def dev_set() -> dict[str, list[AnnotatedArticle]]:
    return load_set(ATTRIBUTION_SET, "dev")


def test_every_language_of_the_dev_set_has_floors() -> None:
    missing = sorted(set(dev_set()) - set(DEV_FLOORS))
    assert not missing, f"pin floors for {missing} in DEV_FLOORS"


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_attribution_set_floors(language: str) -> None:
    articles = dev_set().get(language)
    if not articles:
        pytest.skip(f"no {language} articles in the dev split yet")
    floors = DEV_FLOORS[language]
    quotes, citations = QuoteScore(), CitationScore()
    for article in articles:
        q, c = score_article(article)
        quotes += q
        citations += c
    measured = (
        f"{language} ({len(articles)} articles): quote F1 {quotes.f1:.3f} (P {quotes.precision:.3f} "
        f"R {quotes.recall:.3f}), speaker {quotes.speaker_accuracy:.3f}, type {quotes.type_accuracy:.3f}, "
        f"citations F1 {citations.f1:.3f}"
    )
    assert quotes.f1 >= floors.quote_f1, measured
    assert quotes.speaker_accuracy >= floors.speaker, measured
    assert quotes.type_accuracy >= floors.type, measured
    assert citations.f1 >= floors.citations_f1, measured


# --- the scoring itself ----------------------------------------------------------------------------


def test_matching_ignores_marks_and_is_one_to_one() -> None:
    text = '"We will win," she said. "We will win," he said.'
    index = WordIndex(text)
    gold = [index.tokens([(1, 12)]), index.tokens([(26, 37)])]
    predicted = [index.tokens([(0, 14)]), index.tokens([(25, 39)]), index.tokens([(0, 39)])]
    assert match_one_to_one(predicted, gold) == {0: 0, 1: 1}


def test_names_compare_by_case_and_blanks_only() -> None:
    assert same_name("the  Guardian", "The Guardian")
    assert not same_name("Guardian", "The Guardian")
    assert same_name(None, None) and not same_name("Maria Lindqvist", None)
