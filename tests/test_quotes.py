"""Tests of pipeline.quotes: one per pattern, the seed article, and properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Quote
from pipeline.quotes import find_quotes
from pipeline.segment import segment

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_63c9fd7a613bfd28.txt"


def quotes(text: str, language: str = "en") -> list[Quote]:
    paragraphs, sentences = segment(text, language)
    return find_quotes(text, paragraphs, sentences, language)


def only(text: str, language: str = "en") -> Quote:
    found = quotes(text, language)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------- direct quotes


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"We will win," Jane Smith said.', '"We will win,"'),
        ("“We will win,” Jane Smith said.", "“We will win,”"),
        ("Jane Smith said: “We will win.”", "“We will win.”"),
    ],
)
def test_direct_straight_and_curly_include_marks(text: str, quoted: str) -> None:
    q = only(text)
    assert (q.type, q.text, q.speaker, q.cue) == ("direct", quoted, "Jane Smith", "said")
    assert text[q.start : q.end] == quoted


def test_direct_german_low_high_marks() -> None:
    q = only("„Wir schaffen das“, sagte Angela Merkel am Montag.", "de")
    assert (q.type, q.text, q.speaker, q.cue) == ("direct", "„Wir schaffen das“", "Angela Merkel", "sagte")


def test_direct_german_guillemets_reversed() -> None:
    q = only("»Das ist falsch«, sagte er.", "de")
    assert (q.text, q.speaker, q.cue) == ("»Das ist falsch«", "er", "sagte")


def test_direct_french_guillemets() -> None:
    q = only("«Nous allons gagner», a déclaré Emmanuel Macron.", "fr")
    assert (q.text, q.speaker, q.cue) == ("«Nous allons gagner»", "Emmanuel Macron", "a déclaré")


def test_direct_single_guillemets_inverted_pronoun() -> None:
    q = only("‹Ça suffit›, dit-il.", "fr")
    assert (q.text, q.speaker, q.cue) == ("‹Ça suffit›", "il", "dit")


def test_direct_spanish_speaker_after_cue_with_title() -> None:
    q = only("«Vamos a ganar», dijo el presidente Pedro Sánchez.", "es")
    assert q.speaker_resolved == "Pedro Sánchez"


def test_nested_single_quotes_stay_inside() -> None:
    text = "\"The plan, which he called 'a disaster,' must go,\" John Smith said."
    q = only(text)
    assert q.text == "\"The plan, which he called 'a disaster,' must go,\""
    assert q.speaker == "John Smith"


def test_split_quote_two_rows_same_speaker() -> None:
    text = "“First part,” Mary Jones said, “and the second part.”"
    first, second = quotes(text)
    assert (first.text, second.text) == ("“First part,”", "“and the second part.”")
    assert first.type == second.type == "direct"
    assert first.speaker == second.speaker == "Mary Jones"
    assert first.cue == second.cue == "said"


def test_multi_paragraph_quote_is_one_row() -> None:
    text = (
        "Jane Smith spoke at length.\n\n“This is the first paragraph.\n\n“And this is the second,” she said."
    )
    q = only(text)
    assert q.text == "“This is the first paragraph.\n\n“And this is the second,”"
    assert q.speaker == "she" and q.speaker_resolved == "Jane Smith"


def test_unclosed_quote_does_not_run_into_the_next_paragraph() -> None:
    text = "He said “this never closes.\n\nAnother paragraph without marks follows here."
    assert all("\n" not in q.text for q in quotes(text))


# ------------------------------------------------------------ partial quotes


def test_partial_quote_is_the_reported_clause() -> None:
    text = 'Vladimir Putin said on Monday that the reports were "rumors" created by rivals.'
    q = only(text)
    assert q.type == "partial"
    assert q.text == 'the reports were "rumors" created by rivals'
    assert (q.speaker, q.cue) == ("Vladimir Putin", "said")


def test_partial_quote_with_described_as() -> None:
    q = only('The Kremlin described the talks as "businesslike and constructive."')
    assert q.type == "partial" and q.cue == "described"
    assert '"businesslike and constructive."' in q.text


# ----------------------------------------------------------- indirect speech


def test_indirect_said_that() -> None:
    q = only("The ministry said in a statement that the talks had failed.")
    assert (q.type, q.text, q.speaker, q.cue) == ("indirect", "the talks had failed", "The ministry", "said")
    assert q.speaker_resolved == "The ministry"  # an organisation stays an organisation


def test_indirect_said_without_that() -> None:
    q = only("Jane Doe said the economy was growing faster than expected.")
    assert (q.type, q.text, q.speaker) == (
        "indirect",
        "the economy was growing faster than expected",
        "Jane Doe",
    )


def test_indirect_according_to() -> None:
    q = only("According to police, the suspect fled on foot.")
    assert (q.type, q.text, q.speaker, q.cue) == (
        "indirect",
        "the suspect fled on foot",
        "police",
        "According to",
    )


def test_indirect_told_reuters_that() -> None:
    q = only("John Smith told Reuters that the deal was off.")
    assert (q.text, q.speaker, q.cue) == ("the deal was off", "John Smith", "told")


def test_indirect_reporting_clause_last_with_surname() -> None:
    text = "Jane Doe, the mayor, arrived late. The talks failed, Doe told reporters."
    q = only(text)
    assert (q.type, q.text, q.speaker, q.speaker_resolved) == (
        "indirect",
        "The talks failed",
        "Doe",
        "Jane Doe",
    )
    assert q.sentence_index == 1


def test_indirect_is_english_only() -> None:
    assert quotes("Merkel sagte, dass die Gespräche gescheitert seien.", "de") == []


# ---------------------------------------------------------------- non-quotes


@pytest.mark.parametrize(
    "text",
    [
        'They finally reached the so-called "deal" last week.',  # scare quotes
        'She starred in the film "Gone With the Wind" in 1939.',  # a title
        'Babe "The Bambino" Ruth hit a home run.',  # a nickname
        'The "reform" passed the senate on Tuesday.',  # scare quotes without a cue
    ],
)
def test_not_quotes(text: str) -> None:
    assert quotes(text) == []


def test_double_apostrophes_are_quote_marks() -> None:
    q = only("''We will not back down,'' Mr. Rubio said.")
    assert (q.type, q.text, q.speaker) == ("direct", "''We will not back down,''", "Mr. Rubio")


def test_double_apostrophe_after_a_word_opens_nothing() -> None:
    assert quotes("The students'' union met on Monday.") == []


def test_party_tag_after_the_name_is_skipped() -> None:
    q = only("“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.")
    assert (q.text, q.speaker, q.cue) == ("“It is a dog whistle,”", "Rep. Gwen Moore", "said")


def test_dash_byline_names_the_speaker() -> None:
    q = only("“No sympathy, a real fiasco.” ― Oscar P. Quintero.")
    assert (q.type, q.speaker, q.cue) == ("direct", "Oscar P. Quintero", "―")


def test_colon_then_quote_then_own_attribution() -> None:
    found = quotes("McCaskill scolded him: “The science is against you,” she said.")
    assert [(q.type, q.text, q.speaker) for q in found] == [
        ("direct", "“The science is against you,”", "she")
    ]


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Weaver endorsed Clinton during a conference call.", "Clinton", "endorsed"),
        ("A spokesman for the ministry declined to comment.", "to comment", "declined"),
    ],
)
def test_stance_verb_content_is_its_object(text: str, content: str, cue: str) -> None:
    q = only(text)
    assert (q.type, q.text, q.cue) == ("indirect", content, cue)


def test_time_words_after_the_cue_stay_out_of_the_content() -> None:
    q = only("Clinton said Wednesday night that she would win the primary.")
    assert (q.text, q.speaker) == ("she would win the primary", "Clinton")


def test_appositive_name_is_the_speaker() -> None:
    q = only("A lawyer for the news outlets, David Schulz, said no decision had been made.")
    assert (q.text, q.speaker) == ("no decision had been made", "David Schulz")


def test_speaker_cue_between_commas_after_an_adverbial() -> None:
    q = only("During his years in office, Mr. Obama said, a majority of voters came to agree.")
    assert (q.text, q.speaker) == ("a majority of voters came to agree", "Mr. Obama")


def test_second_verb_of_the_same_subject_is_a_second_attribution() -> None:
    found = quotes("Trump said Machado was “disgusting” and urged Americans to “check out” her tape.")
    assert [(q.type, q.text, q.speaker, q.cue) for q in found] == [
        ("partial", "Machado was “disgusting”", "Trump", "said"),
        ("partial", "Americans to “check out” her tape", "Trump", "urged"),
    ]


def test_verb_inside_a_quotation_is_not_a_cue() -> None:
    text = "“I said the deal was bad and I think it still is,” she added."
    found = quotes(text)
    assert [(q.type, q.speaker) for q in found] == [("direct", "she")]


def test_noun_after_a_possessive_is_not_a_cue() -> None:
    text = (
        "The project is expected to cost 4.2 million euros, according to the authority's own estimate, "
        "and will be paid for partly by a regional fund for coastal towns."
    )
    q = only(text)
    assert (q.cue, q.speaker) == ("according to", "the authority's own estimate")
    assert q.text == "The project is expected to cost 4.2 million euros"


def test_unlisted_verb_after_a_leading_phrase_is_a_partial_attribution() -> None:
    q = only('At a rally in Iowa, Trump likened the refugees to a "Trojan horse."')
    assert (q.type, q.speaker, q.cue) == ("partial", "Trump", "likened")
    assert q.text == 'the refugees to a "Trojan horse."'


def test_subject_with_appositive_before_an_object_cue() -> None:
    q = only(
        "Marty West, an education professor at Harvard, called it “an incredibly significant development.”"
    )
    assert (q.type, q.speaker, q.cue) == ("partial", "Marty West", "called")
    assert q.text.startswith("it “an incredibly")


def test_leading_phrase_is_not_the_content() -> None:
    q = only('On the campaign trail, Cruz describes himself as "a consistent conservative."')
    assert (q.type, q.speaker, q.text) == ("partial", "Cruz", 'himself as "a consistent conservative."')


def test_partial_clause_before_speaker_and_cue_keeps_its_closing_mark() -> None:
    q = only('The media are "manipulating and shaping this campaign," Gilmore said.')
    assert (q.type, q.speaker, q.text) == (
        "partial",
        "Gilmore",
        'The media are "manipulating and shaping this campaign,"',
    )


def test_participle_cue_takes_the_subject_of_the_sentence() -> None:
    found = quotes(
        'Trump mocked the record of his rival, saying she would be a bad president who lacks "strength."'
    )
    saying = [q for q in found if q.cue == "saying"]
    assert len(saying) == 1
    assert (saying[0].type, saying[0].speaker) == ("partial", "Trump")
    assert saying[0].text == 'she would be a bad president who lacks "strength."'


@pytest.mark.parametrize(
    ("text", "speaker", "resolved"),
    [
        ('"It was a mistake," said former Massachusetts congressman Barney Frank.', None, "Barney Frank"),
        ("“We can call this right now,” election law expert Rick Hasen tweeted Monday.", None, "Rick Hasen"),
    ],
)
def test_lowercase_title_before_the_name(text: str, speaker: str | None, resolved: str) -> None:
    q = only(text)
    assert q.type == "direct" and q.speaker is not None and q.speaker.endswith(resolved)
    assert q.speaker_resolved == resolved


def test_second_verb_after_and_shares_the_subject() -> None:
    q = only(
        "Authorities announced the arrest of a man and said a curfew would continue through the weekend."
    )
    assert (q.type, q.speaker, q.cue, q.text) == (
        "indirect",
        "Authorities",
        "said",
        "a curfew would continue through the weekend",
    )


def test_parenthetical_cue_gives_both_parts_one_speaker() -> None:
    found = quotes("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.")
    assert [(q.text, q.speaker) for q in found] == [
        ("Lenox was a juggernaut", "Mr. Clarke"),
        ("until it went bankrupt in 1999", "Mr. Clarke"),
    ]


def test_title_of_a_work_after_an_ordinary_verb_is_not_a_quote() -> None:
    assert quotes('She took the stage to the song "The Rising" on Monday.') == []


# -------------------------------------------------------------- resolution


def test_pronoun_resolves_to_last_named_speaker() -> None:
    text = '"We are ready," said Angela Merkel. "We will act," she added.'
    _first, second = quotes(text)
    assert second.speaker == "she" and second.speaker_resolved == "Angela Merkel"


def test_title_stripped_and_surname_resolved() -> None:
    text = 'Russian President Vladimir Putin met officials. "We never interfere," Putin added.'
    q = only(text)
    assert q.speaker == "Putin" and q.speaker_resolved == "Vladimir Putin"


def test_statement_resolves_to_issuing_organisation() -> None:
    text = (
        "The Democratic National Committee released a statement on Tuesday.\n\n"
        '"It is clear that he is getting what he wants," the statement said.'
    )
    q = only(text)
    assert q.speaker == "the statement"
    assert q.speaker_resolved == "Democratic National Committee"


def test_quote_only_paragraph_inherits_speaker() -> None:
    text = '"We are ready," John Smith said.\n\n"And we will not wait."'
    _first, second = quotes(text)
    assert second.type == "direct" and second.speaker_resolved == "John Smith"


# -------------------------------------------------------------------- seed


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_speakers() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = quotes(text)

    def quote_with(fragment: str) -> Quote:
        matches = [q for q in found if fragment in q.text]
        assert len(matches) == 1, (fragment, found)
        return matches[0]

    wallin = quote_with("Russia's influence will be helpful")
    assert (wallin.type, wallin.speaker_resolved, wallin.cue) == ("direct", "Matthew Wallin", "told")
    like_china = quote_with("Like China, Russia sees North Korea")
    assert (like_china.speaker, like_china.speaker_resolved, like_china.cue) == (
        "he",
        "Matthew Wallin",
        "added",
    )
    unlikely = quote_with("very unlikely we'll see")
    assert (unlikely.type, unlikely.speaker_resolved) == ("partial", "Matthew Wallin")
    rumors = quote_with('"rumors"')
    assert (rumors.type, rumors.speaker_resolved) == ("partial", "Vladimir Putin")
    putin = quote_with("We never interfere")
    assert (putin.type, putin.speaker_resolved, putin.cue) == ("direct", "Vladimir Putin", "added")
    statement = quote_with("With no apparent talk")
    assert (statement.speaker, statement.speaker_resolved) == (
        "the statement",
        "Democratic National Committee",
    )
    white_house = quote_with("It was a very good one")
    assert white_house.speaker_resolved == "White House"
    for q in found:
        assert text[q.start : q.end] == q.text
    assert not any("Popular Video" in q.text or "Photo credit" in q.text for q in found)


# -------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "He said",
        "Jane Smith said",
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        '"',
        "“",
        "”",
        "„",
        "«",
        "»",
        "‹",
        "›",
        "'",
        "’",
        "we will win",
        "the talks failed",
        "according to police",
        "she added",
        "so-called",
        "The ministry said that",
        ":",
        "told Reuters that",
        "Putin",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from(["en", "de", "fr", "es", None]))
def test_properties_offsets_order_and_paragraphs(pieces: list[str], language: str | None) -> None:
    text = "".join(pieces)
    paragraphs, sentences = segment(text, language)
    found = find_quotes(text, paragraphs, sentences, language)
    previous_end = -1
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end  # sorted, no overlap
        previous_end = q.end
        assert q.type in {"direct", "partial", "indirect"}
        assert 0 <= q.sentence_index < max(1, len(sentences))
        if q.sentence_index < len(sentences):
            s_start, s_end = sentences[q.sentence_index]
            assert s_start <= q.start < max(s_end, s_start + 1) or q.start >= s_start
        if "\n" in q.text:  # only a real multi-paragraph quote crosses paragraphs
            assert q.type == "direct"
            for line in q.text.split("\n")[1:]:
                if line.strip():
                    assert line.lstrip()[0] in '"“„«»‹›'


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”„«»‹›'’:Hesaid")), max_size=200))
def test_properties_random_marks_never_crash(text: str) -> None:
    paragraphs, sentences = segment(text, "en")
    for q in find_quotes(text, paragraphs, sentences, "en"):
        assert text[q.start : q.end] == q.text
