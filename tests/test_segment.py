"""Sentence and paragraph spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import segment


def sentences(text: str, language: str = "en") -> list[str]:
    _, spans = segment(text, language)
    return [text[a:b] for a, b in spans]


def test_english_abbreviations_decimals_and_quotes() -> None:
    text = (
        'Mr. Smith moved to the U.S. in Jan. 2019 with $3.50 in his pocket. "It was hard," he said. '
        'Sen. Warren said "no." Later, she left. He met Gov. Brown and J. R. Doe. Why? Nobody knows...'
    )
    assert sentences(text) == [
        "Mr. Smith moved to the U.S. in Jan. 2019 with $3.50 in his pocket.",
        '"It was hard," he said.',
        'Sen. Warren said "no."',
        "Later, she left.",
        "He met Gov. Brown and J. R. Doe.",
        "Why?",
        "Nobody knows...",
    ]


def test_sentence_ending_inside_quotes_and_acronym_at_the_end() -> None:
    text = 'He said: "We will win." The crowd cheered. They moved to the U.S. The next day was calm.'
    assert sentences(text) == [
        'He said: "We will win."',
        "The crowd cheered.",
        "They moved to the U.S.",
        "The next day was calm.",
    ]


def test_german_french_spanish() -> None:
    assert sentences("Das ist z. B. gut. Hr. Müller kam am 3. Januar an. „Gut“, sagte er.", "de") == [
        "Das ist z. B. gut.",
        "Hr. Müller kam am 3. Januar an.",
        "„Gut“, sagte er.",
    ]
    assert sentences("M. Dupont est arrivé. Il a dit « bonjour ». Mme. Roy aussi.", "fr") == [
        "M. Dupont est arrivé.",
        "Il a dit « bonjour ».",
        "Mme. Roy aussi.",
    ]
    assert sentences("La Sra. García habló. EE. UU. respondió.", "es") == [
        "La Sra. García habló.",
        "EE. UU. respondió.",
    ]


def test_paragraphs_are_lines_and_sentences_stay_inside_them() -> None:
    text = "  First paragraph. Two sentences.\n\nSecond one without end\n"
    paragraphs, spans = segment(text, "en")
    assert [text[a:b] for a, b in paragraphs] == ["First paragraph. Two sentences.", "Second one without end"]
    assert [text[a:b] for a, b in spans] == ["First paragraph.", "Two sentences.", "Second one without end"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab .?!\"“”'\nMrDUS3")), max_size=200),
    st.sampled_from(["en", "de", None]),
)
def test_spans_are_ordered_trimmed_and_inside_paragraphs(text: str, language: str | None) -> None:
    paragraphs, spans = segment(text, language)
    last = 0
    for start, end in spans:
        assert 0 <= last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert any(p_start <= start and end <= p_end for p_start, p_end in paragraphs)
        last = end
    covered = "".join(text[a:b] for a, b in spans).replace(" ", "")
    assert covered == "".join(text[a:b] for a, b in paragraphs).replace(" ", "")  # nothing dropped


def test_german_guillemets_open_a_sentence_and_french_ones_close_it() -> None:
    assert sentences("Das sagte Karaca. »Wer so plant, verliert.« Dann ging er.", "de") == [
        "Das sagte Karaca.",
        "»Wer so plant, verliert.« Dann ging er.",
    ]
    assert sentences("« C'est la fin. » Le maire est parti.", "fr") == [
        "« C'est la fin. » Le maire est parti."
    ]
