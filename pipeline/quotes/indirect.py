"""Reported speech without quote marks (and the clauses that quote a few words inside them).

Named rules, tried in this order on each sentence:
- *according-to first*: "According to X, …", "Selon X, …", "Laut X wurden …";
- *source after*: "…, so die Kandidatin." (German "so" and its source closing the sentence);
- for each cue word, left to right:
  - *according-to last*: "…, according to X.";
  - *clause first, inverted*: "…, said Smith." / "…, a déclaré le maire.";
  - *clause first*: "…, he said." / "…, Mr. Clarke said, until …" / "…, wie die Bundeskanzlei mitteilte.";
  - *subject-verb*: "Smith said (that) …", "Le maire a déclaré que …", stance verbs ("X endorsed Y")
    with their object;
- *second verb*: "… and urged Americans to …" shares the subject;
- *verb before quote*: "Trump likened the refugees to a "Trojan horse"" (a verb no lexicon lists).

A rule needs a speaker that can speak (`can_speak`): research findings, posts and documents
without an author, and instructions to readers are not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from pipeline.quotes.clauses import (
    MIN_CLAUSE_WORDS,
    Cue,
    Cues,
    content_after_cue,
    cues_between,
    indirect_cues,
    is_noun_or_infinitive,
    object_end,
    trim_clause,
    word_before,
)
from pipeline.quotes.found import Attribution, Document, Span, body_end, last_match, skip_chars
from pipeline.quotes.lexicon import Lexicon
from pipeline.quotes.speakers import initial_subject, speaker_after, subject_before
from pipeline.quotes.subject_verb import after_lead, finite_verb, subject_verb

MIN_LEAD_CHARS = 15  # a clause before "…, he said" is longer than this
SHORT_TAIL_WORDS = 4  # after "…, said Smith" at most this many words (a title, a time)
PARENTHETICAL_TAIL_WORDS = 5  # "…, he said" ends the sentence, or a comma continues it
LEAD_WORDS = 10  # a leading phrase ("On the campaign trail,") is at most this long
QUOTE_CLAUSE_WORDS = 40  # longest clause between an unlisted verb and its quotation
MIN_REST_CHARS = 15  # a sentence remainder shorter than this holds no second attribution
SEPARATORS = " ,;:—–-"

_CLAUSE_COMMA = re.compile(r",(?:[\"”»]|'')?\s+")
_OBJECT_PRONOUNS_AFTER = frozenset({"it", "they", "we", "you"})


@dataclass(slots=True)
class Sentence:
    """The stretch of a sentence the rules look at, with its cues."""

    lex: Lexicon
    text: str
    start: int  # where this search starts (after an earlier attribution of the sentence)
    end: int
    body_end: int  # end without the final full stop
    first: int  # the sentence's real start
    quoted: list[Span]
    cues: Cues


def _item(
    s: Sentence, start: int, end: int, cue: Cue | Span, speaker: Span | None, cue_text: str | None = None
) -> Attribution:
    span = cue if isinstance(cue, tuple) else cue.span()
    return Attribution(
        start,
        end,
        "indirect",
        cue=cue_text or s.text[span[0] : span[1]],
        cue_span=span,
        speaker_span=speaker,
    )


def _without_elision(lex: Lexicon, word: str) -> str:
    """ "l'étude" -> "étude" (case kept), and no punctuation around it."""
    for elided in lex.words.elided_determiners:
        if word.lower().startswith(elided.lower()) and len(word) > len(elided):
            return word[len(elided) :].strip("’'.,")
    return word.strip("’'.,")


def _head_word(lex: Lexicon, words: list[str]) -> str:
    """The head noun as written: first after the article where heads come first ("l'étude",
    "le bilan climatique"), the first noun where every noun has a capital ("Anwohner der oberen
    Siedlung"), else the last word."""
    w = lex.words
    content = [_without_elision(lex, word) for word in words]
    content = [word for word in content if word and word.lower() not in w.determiners]
    if w.head_initial and content:
        return content[0]
    if w.capitalised_nouns:
        return next((word for word in content if word[:1].isupper()), words[-1].strip("’'.,"))
    return words[-1].strip("’'.,")


def _abstract(lex: Lexicon, word: str) -> bool:
    """An abstract common noun (never a name: "Libération" speaks)."""
    w = lex.words
    if word[:1].isupper() and not w.capitalised_nouns:
        return False
    head = word.lower()
    return (
        bool(w.abstract_suffixes)
        and head.endswith(w.abstract_suffixes)
        and len(head) > 5
        and head not in w.organisation_words
        and head not in w.generic_organisation_nouns
        and head not in w.speaker_nouns
        and not head.endswith(w.organisation_suffixes or ("\0",))
    )


def _names_no_one(lex: Lexicon, words: list[str]) -> bool:
    """ "A 2023", "Über die Vorwürfe", "En", "ce qui": an article and a number, a phrase opened by a
    preposition, a lone function word, a relative clause."""
    w = lex.words
    if any(_acronym(word) for word in words[:2]):
        return False  # "The WHO said", "UNHCR": an acronym names a body (it is not "who")
    first = words[0].lower().strip("’'.,")
    if all(word.lower() in w.determiners or not any(ch.isalpha() for ch in word) for word in words):
        return True
    if first in w.prepositions or (len(words) == 1 and first in lex.function_words):
        return True
    return any(word.lower() in w.relative_words - w.determiners for word in words[:2])


def _acronym(word: str) -> bool:
    letters = word.strip("’'.,")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def can_speak(lex: Lexicon, text: str, speaker: Span | None, cue: str) -> bool:
    """A speaker that can speak: not a study, a post, a finding, an anonymous "anyone"."""
    if speaker is None:
        return True
    words = text[speaker[0] : speaker[1]].split()
    if not words or _names_no_one(lex, words):
        return False
    w = lex.words
    # "l'étude", "el informe del ministerio": the noun after the article where heads come first
    head = (_head_word(lex, words) if w.head_initial else words[-1].strip("’'.,")).lower()
    if head in w.document_words and words[0].lower() in w.definite_articles:
        return True  # "the report said": a named document may speak, "a study showed" may not
    if head in w.non_speakers or head.rstrip("s") in w.non_speakers:
        return False
    if _abstract(lex, _head_word(lex, words)):
        return False  # "a plaidé l'acquittement", "dénoncent une stigmatisation": no one speaks
    if len(words) > 1 and any(word.lower().strip(",") in w.non_speakers for word in words[:2]):
        return False  # "a paper published in Nature", "un estudio publicado"
    return not (
        cue.lower() in w.cognition_verbs and head in w.group_words and cue.lower() not in w.speech_verbs
    )


# --- according to ---------------------------------------------------------------------------------


NOUN_PHRASE_WORDS = 8  # longest source phrase after "Laut" without a comma
SOURCE_WORDS = 12  # longest source phrase between "According to" and its comma
SHORT_PRONOUN_CHARS = 4  # "l'a": an object pronoun and an auxiliary, not the source
PARTICIPLE_REACH = 40  # characters before a quotation where its naming participle stands
MAX_WORDS_BEFORE_QUOTE = 3  # "described as", "calificado de": the participle and a word or two
KONJUNKTIV_REACH = 8  # the verb of a reported sentence comes within its first words
CLAUSE_VERB_REACH = 12  # the finite verb of a bare reported clause comes within its first words
MAX_WORD_CHARS = 24  # a window of this many characters per word holds the words read
_CLAUSE_WORD = re.compile(r"[\w’'-]+")
COVER_LOOKBACK = 4  # direct quotes starting before a sentence that may still reach into it
SUBJECT_PRONOUN_REACH = 4  # "despite …, she plans": a subject pronoun early in the clause


def _noun_phrase_end(s: Sentence, pos: int) -> int | None:
    """End of a German noun phrase ("dem Bericht der Polizei"): capitalised nouns, articles and
    particles, up to the first other lower-case word (the verb)."""
    w = s.lex.words
    glue = w.determiners | w.name_particles | w.affiliation_words | {"und", "vom", "zum", "zur"}
    end = None
    for n, m in enumerate(re.finditer(r"\S+", s.text[pos : s.body_end])):
        word = m.group().strip(",")
        if n >= NOUN_PHRASE_WORDS:
            return None
        nxt = s.text[pos + m.end() : pos + m.end() + 2].strip()[:1]
        adjective = word.islower() and word.endswith(("en", "er", "es")) and nxt.isupper()
        if word[:1].isupper() or word.lower() in glue or adjective:
            end = pos + m.end()
            if m.group().endswith(","):
                return end
            continue
        return end
    return None


def according_to_first(s: Sentence) -> Attribution | None:
    """ "According to X, …" / "Selon X, …" / "Laut X wurden …": the source, then the content."""
    text = s.text
    compound = s.lex.compound_source.match(text, s.start, s.end)
    if compound is not None:  # "Nach Polizeiangaben liegt der Schaden …"
        return _item(s, compound.end(), s.body_end, compound.span("cue"), compound.span("spk"))
    m = s.lex.according_first.match(text, s.start, s.end)
    if m is None:
        return _source_first(s)
    cue = (m.start(), len(text[: m.end()].rstrip()))
    if s.lex.words.verb_second:  # "Laut dem Bericht der Polizei wurden …": the verb ends the source
        end = _noun_phrase_end(s, m.end())
        if end is not None and end < s.body_end:
            source_end = len(text[:end].rstrip(" ,"))
            return _item(s, skip_chars(text, end, s.end, " ,"), s.body_end, cue, (m.end(), source_end))
    comma = text.find(",", m.end(), s.end)
    if comma > 0:
        comma = _after_appositive_name(s, m.end(), comma)
    if comma > 0 and text[comma + 1 : s.end].strip() and len(text[m.end() : comma].split()) <= SOURCE_WORDS:
        if not _source_ok(s, (m.end(), comma)):
            return None
        start = skip_chars(text, comma + 1, s.end, " ")
        return _item(s, start, s.body_end, cue, (m.end(), comma))
    return None


_APPOSITIVE_NAME = re.compile(
    r"[ \u00a0]*[A-ZÀ-Þ][\w'’.-]+(?:[ \u00a0]+[A-ZÀ-Þ][\w'’.-]+){1,3}[ \u00a0]*,(?![ \u00a0]*\d)"
)


def _after_appositive_name(s: Sentence, start: int, comma: int) -> int:
    """ "In the words of the mayor, Jane Cole, …", "A juicio del arquero visitante, Matías Oviedo, …": a
    role phrase and the name after it are one source; the content starts after the name's comma."""
    phrase = s.text[start:comma]
    lex = s.lex
    if not phrase.strip()[:1].islower():  # a description ("the mayor", "alcalde"), not a name
        return comma
    if not any(
        word in lex.titles and word not in lex.words.organisation_words for word in phrase.lower().split()
    ):
        return comma
    name = _APPOSITIVE_NAME.match(s.text, comma + 1, s.end)
    return name.end() - 1 if name is not None else comma


def _source_ok(s: Sentence, span: Span) -> bool:
    """A source that can speak: "Pour réduire les coûts, …" names none, "according to a study" no speaker."""
    words = s.text[span[0] : span[1]].split()
    if not words or not can_speak(s.lex, s.text, span, "said"):
        return False
    first = words[0]
    low = first.lower().strip(",")
    w = s.lex.words
    return (
        first[:1].isupper()
        or low in w.determiners
        or low in w.pronouns
        or low in w.speaker_nouns
        or low in s.lex.titles  # "A juicio del arquero, …": the cue took the article
        or low in w.group_words
        or low in w.organisation_words
        or low.startswith(w.elided_determiners or ("\0",))
    )


def _source_first(s: Sentence) -> Attribution | None:
    """ "Der Polizei zufolge war …" (the source before the cue word), "As the mayor said, …",
    "Wie die Stadt mitteilte, …" (a clause naming the source, then the content)."""
    text, lex = s.text, s.lex
    after = (
        lex.according_after.search(text, s.start, min(s.end, s.start + 80))
        if lex.words.according_to_after
        else None
    )
    if after is not None and after.start() > s.start:
        return _item(
            s, after.end(), s.body_end, (after.start() + 1, after.end() - 1), (s.start, after.start())
        )
    m = lex.as_first.match(text, s.start, s.end)
    if m is None:
        return None
    comma = text.find(",", m.end(), s.end)
    cue = next((c for c in reversed(cues_between(s.cues, m.end(), comma)) if comma > 0), None)
    if cue is None or not text[comma + 1 : s.body_end].strip():
        return None
    named_first = (
        len(text[m.end() : cue.start()].strip()) > SHORT_PRONOUN_CHARS
    )  # "Comme l'a indiqué le maire"
    speaker = (m.end(), cue.start()) if named_first else speaker_after(lex, text, cue.end(), comma + 1)
    if speaker is None or speaker[1] <= speaker[0]:
        return None
    speaker = (speaker[0], speaker[0] + len(text[speaker[0] : speaker[1]].rstrip()))
    return _item(s, skip_chars(text, comma + 1, s.end, " "), s.body_end, cue, speaker)


_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")


def according_to_last(s: Sentence, cue: Cue) -> Attribution | None:
    """ "…, according to X." / "…, selon X." / "…, según informó X": the clause before the comma is
    the content."""
    comma = s.text.rfind(",", s.start, cue.start())
    if comma <= s.start:
        return None
    after = cue.end()
    verb = _NEXT_WORD.match(s.text, after, s.end)
    if verb is not None and verb.group(1).lower() in s.lex.speech:  # "según informó la compañía"
        after = verb.end()
    speaker = speaker_after(s.lex, s.text, after, s.end)
    if speaker is not None and not _source_ok(s, speaker):
        return None
    return _item(s, s.start, comma, cue, speaker)


# --- clause first ----------------------------------------------------------------------------------


def clause_first_inverted(s: Sentence, cue: Cue) -> Attribution | None:
    """ "The talks failed, said Smith." / "…, a déclaré le maire." / "…, comme l'a rapporté
    franceinfo.": a short tail after the speaker."""
    text = s.text
    before = text[s.start : cue.start()]
    as_word = s.lex.as_before_inverted.search(before)
    before = before[: as_word.start() + 1] if as_word is not None else before.rstrip()
    if not before.endswith((",", ',"', ",”", ",''", ",»", "»,")) or len(before.strip()) <= MIN_LEAD_CHARS:
        return None
    comma = s.start + len(before) - (1 if before.endswith(",") else 0)
    inside = s.lex.inverted_pronoun.search(text, cue.start(), cue.end())
    if inside is not None:  # "…, a-t-elle précisé."
        return _item(s, s.start, comma, cue, inside.span(1))
    after = speaker_after(s.lex, text, cue.end(), s.end)
    if after is not None and s.lex.words.impersonal_sources and text[after[0] : after[1]].lower() == "es":
        source = s.lex.impersonal_source.match(text, after[1], s.end)  # "heißt es in einer Stellungnahme …"
        if source is None:
            return None
        return _item(s, s.start, comma, cue, source.span(1))
    if after is None or text[after[0] : after[1]].lower() in _OBJECT_PRONOUNS_AFTER:
        return None  # "…, called it a disaster": an object, not an inverted subject
    if not can_speak(s.lex, text, after, cue.group()) or _appositive_subject_before(s, cue, after):
        return None
    when = s.lex.when_after_cue.match(text, after[1], s.body_end)
    tail = text[when.end() if when else after[1] : s.body_end]
    if tail.strip(" ,") and len(tail.split()) > SHORT_TAIL_WORDS and tail[:1] != ",":
        return None
    return _item(s, s.start, comma, cue, after)


def _appositive_subject_before(s: Sentence, cue: Cue, after: Span) -> bool:
    """ "L'avocat du prévenu, Me Laurent Bessière, a annoncé son intention …": a subject and its
    appositive before the verb, not a reported clause; the phrase after the verb is its object."""
    if s.text[after[0] : after[1]].split()[0].lower() not in s.lex.words.determiners:
        return False
    subject = subject_before(s.lex, s.text, s.start, cue.start())
    return subject is not None and not s.text[subject[1] : cue.start()].strip(" ,")


def clause_first(s: Sentence, cue: Cue) -> Attribution | None:
    """ "The deal is dead, he said." / "During his years in office, Mr. Obama said, a majority …"."""
    text, lex = s.text, s.lex
    before = text[s.start : cue.start()]
    last = last_match(_CLAUSE_COMMA, before)
    if last is None or last.start() <= MIN_LEAD_CHARS:
        return None
    comma_idx, after_comma = last.start(), last.end()
    lead_end = _after_as_word(s, s.start + after_comma, cue)
    subj = subject_before(lex, text, lead_end, cue.start())
    tail_start = _after_when(s, cue)
    tail = text[tail_start : s.body_end]
    word = cue.group().lower()
    if (
        subj is None
        or subj[0] != lead_end
        or not (len(tail.split()) <= PARENTHETICAL_TAIL_WORDS or tail[:1] == ",")
        or word in lex.words.cognition_verbs
    ):
        return None
    lead = before[:comma_idx].split()
    continues = _content_continues(lex, tail)
    if continues and lead and lead[0].lower() in lex.words.adverbial_openers:
        # "During his years in office, Mr. Obama said, a majority …": the content follows
        return _item(s, skip_chars(text, tail_start + 1, s.body_end, " "), s.body_end, cue, subj)
    if lex.lead_phrase.match(before) and len(lead) <= LEAD_WORDS and tail.strip(" .,"):
        return None  # "On the campaign trail, Cruz describes …": the lead phrase is no content
    end = s.start + (len(before[:after_comma].rstrip()) if after_comma - comma_idx > 2 else comma_idx)
    item = _item(s, s.start, end, cue, subj)
    if continues:  # "Lenox was a juggernaut, he said, until …"
        item.rest = (skip_chars(text, tail_start + 1, s.body_end, " "), s.body_end)
    return item


def _after_as_word(s: Sentence, lead_end: int, cue: Cue) -> int:
    """Past "wie", "as" after the clause's comma: "…, wie die Bundeskanzlei mitteilte."."""
    as_word = s.lex.as_after_comma.match(s.text, lead_end, cue.start())
    return as_word.end() if as_word is not None else lead_end


def _after_when(s: Sentence, cue: Cue) -> int:
    """Past a date or time right after the cue: "…, the company said on Wednesday, …"."""
    when = s.lex.when_after_cue.match(s.text, cue.end(), s.body_end)
    return when.end() if when is not None else cue.end()


def _content_continues(lex: Lexicon, tail: str) -> bool:
    """After "…, he said" a comma and a clause go on with the content ("…, until …"); a participle
    does not ("…, the company said, blaming rising costs")."""
    if tail[:1] != "," or len(tail.split()) <= MIN_CLAUSE_WORDS:
        return False
    suffix = lex.words.participle_suffix
    return not (suffix and tail[1:].split()[0].endswith(suffix))


# --- subject-verb ----------------------------------------------------------------------------------


def _subject(s: Sentence, cue: Cue, prev: re.Match[str] | None) -> Span | None:
    """The subject of a cue: right before it, the sentence's subject for a participle ("…, saying"),
    or the subject of the first verb for a second one ("announced … and said")."""
    text, lex = s.text, s.lex
    subj = subject_before(lex, text, s.start, cue.start(), initial=True)
    suffix = lex.words.participle_suffix
    if subj is None and suffix and cue.group().endswith(suffix):
        subj = initial_subject(lex, text, s.start, cue.start())
        if subj is None and text[max(0, cue.start() - 3) : cue.start()].rstrip().endswith(","):
            subj = initial_subject(lex, text, after_lead(lex, text, s.first, cue.start()), cue.start())
    if subj is None and prev is not None and prev.group(1) in lex.words.conjunctions_and:
        main = subject_verb(lex, text, s.first, cue.start())
        subj = main[0] if main is not None and main[1][0] < prev.start() else None
    if prev is not None and prev.group(1).lower() in lex.words.relative_words:
        before = text[s.first : prev.start()].rstrip()
        if before.endswith(","):  # "…, cuenta Molina, que asegura que …": the relative's antecedent
            subj = subject_before(lex, text, s.first, s.first + len(before) - 1)
    return subj


def verb_second_clause(s: Sentence, cue: Cue) -> Attribution | None:
    """ "Am Montag sagte der Landrat Peter Vogt, die Straße werde gesperrt": after a leading phrase
    the verb comes second and its subject follows it (German)."""
    text, lex = s.text, s.lex
    if not lex.words.verb_second or cue.start() == s.start:
        return None
    speaker = speaker_after(lex, text, cue.end(), s.end)
    if speaker is None:
        return None
    pronoun = text[speaker[0] : speaker[1]].lower() in lex.person_pronouns
    first = text[s.start : cue.start()].split()[0].lower().strip('„“"»«')
    if not (
        pronoun or lex.lead_phrase.match(text, s.start, cue.start()) or first in lex.words.object_determiners
    ):
        return None
    start = content_after_cue(lex, text, cue.group(), speaker[1], s.body_end)
    item = _item(s, start, s.body_end, cue, speaker)
    if not _introduces_clause(lex, text[speaker[1] : start]):
        item.object_usage = True  # "nannte sie einen „Notnagel“": only the quoted words
    elif len(text[start : s.body_end].split()) < MIN_CLAUSE_WORDS:
        return None
    return item


def _introduces_clause(lex: Lexicon, between: str) -> bool:
    """Reported speech follows its introducer (German a comma, a colon or "dass"; French and Spanish
    "que" or a colon); without one the verb has an object ("promet un retour « d'ici à la fin du
    mois »"). English needs none ("said the deal was dead")."""
    introducers = lex.words.clause_introducers
    if not introducers:
        return True
    stripped = between.strip()
    return (
        stripped.startswith(introducers)
        or stripped.endswith(introducers)
        or stripped.rstrip(",").endswith(introducers)
    )


def subject_verb_clause(s: Sentence, cue: Cue, prev: re.Match[str] | None) -> Attribution | None:
    """ "Smith said (that) …", "X endorsed Y" (a stance verb's object), "X called it …"."""
    text, lex = s.text, s.lex
    subj = _subject(s, cue, prev)
    dropped = subj is None and lex.words.pro_drop and not text[s.start : cue.start()].strip(' "“„«»')
    if (subj is None and not dropped) or not can_speak(lex, text, subj, cue.group()):
        return None  # no speaker (a Spanish verb opening its sentence has it left out: "Reconoció que …")
    word = cue.group().lower()
    start = content_after_cue(lex, text, word, cue.end(), s.body_end)
    after_that = text[cue.end() : start].rstrip().endswith(lex.after_that)
    w = lex.words
    if word in w.stance_verbs and word not in w.clause_verbs and not after_that:
        end = _before_second_cue(lex, text, start, object_end(lex, text, start, s.body_end))
        if end > start and text[start:end].strip() and text[start : start + 1] not in ",.;:":
            return _item(s, start, end, cue, subj)
        return None
    reflexive = prev is not None and prev.group(1).lower() in w.reflexives  # "il se dit « déçu »"
    of_object = _of_object(text, start)  # "warned of a "risk""
    if reflexive or of_object or not _introduces_clause(lex, text[cue.end() : start]):
        item = _item(s, start, s.body_end, cue, subj)
        item.object_usage = True  # the verb took an object: only the quoted words in it are rows
        return item
    if not _reported_clause(lex, text, word, start, s.body_end, after_that):
        return None
    return _item(s, start, s.body_end, cue, subj)


def _of_object(text: str, start: int) -> bool:
    """The verb took "of"/"about"/"on" and a noun phrase ("warned of a "risk to life""), not a clause."""
    return text[start : start + 6].split()[:1] in (["of"], ["about"], ["on"])


def _before_second_cue(lex: Lexicon, text: str, start: int, end: int) -> int:
    """A stance verb's object ends where "and" brings a second cue of the same subject ("criticised
    the plan and said that …"): the second verb's clause is its own attribution (`second_verb`)."""
    for shared in lex.and_verb.finditer(text, start, end):
        if shared.group(1) in lex.indirect_words:
            return shared.start()
    return end


def _reported_clause(lex: Lexicon, text: str, word: str, start: int, end: int, after_that: bool) -> bool:
    """What follows the verb is a reported clause: long enough, after a verb that takes one, with a
    verb of its own ("The roadworks added an hour to the commute" has none)."""
    w = lex.words
    if len(text[start:end].split()) < MIN_CLAUSE_WORDS:
        return False
    if after_that or word in w.object_verbs:
        return True
    return word in w.clause_verbs and _looks_like_clause(lex, text, start, end)


def _passive_or_modal(lex: Lexicon, cue: Cue, prev: re.Match[str] | None) -> bool:
    """ "Residents were told to …" (the subject did not speak), "Anyone affected should call …"
    (an instruction to readers)."""
    if prev is None:
        return False
    before = prev.group(1).lower()
    w = lex.words
    participle = bool(w.participle_suffix) and cue.group().endswith(w.participle_suffix)
    if before in w.passive_auxiliaries and not participle:
        return True
    return before in w.modals and cue.group().lower() not in lex.speech_not_object


_CONTRACTED_VERB = re.compile(r"(?:n[’']t|[’'](?:ll|re|ve|d|m|s))$", re.IGNORECASE)
_RELATIVE_AFTER_COMMA = re.compile(r",\s+(?:which|who|whom|whose)\b")


def _looks_like_clause(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A bare reported clause has a finite verb or a subject pronoun ("prices were rising", "he
    met her"); "50 minutes to her journey" after "added" has neither. Only where the language data
    gives the verb morphology."""
    w = lex.words
    if not w.past_suffixes:
        return True
    end = min(end, start + CLAUSE_VERB_REACH * MAX_WORD_CHARS)  # only the first words are read
    relative = _RELATIVE_AFTER_COMMA.search(text, start, end)  # "…, which angered drivers" is not it
    words = _CLAUSE_WORD.findall(text, start, relative.start() if relative else end)
    closing = text.find(",", relative.end(), end) if relative else -1
    if closing > 0:  # "the driver, who works for a contractor, had been suspended": read on after it
        words += _CLAUSE_WORD.findall(text, closing + 1, end)
    words = words[:CLAUSE_VERB_REACH]
    for i, word in enumerate(words):
        low = word.lower()
        if i < SUBJECT_PRONOUN_REACH and low in lex.pronouns:
            return True
        if low in w.auxiliaries or low in w.modals or low in w.irregular_past or low in lex.indirect_words:
            return True
        if _CONTRACTED_VERB.search(word) or finite_verb(
            lex, low if word.islower() else "", words[i - 1] if i else "X"
        ):
            return True
    return False


def source_after(s: Sentence) -> Attribution | None:
    """ "Die Gemeinde brauche einen Neuanfang, so die Kandidatin.": the clause, then "so" and its
    source closing the sentence."""
    text = s.text
    tail = last_match(s.lex.source_tail, text, s.start, s.body_end)
    if tail is None or len(text[s.start : tail.start()].split()) < MIN_CLAUSE_WORDS:
        return None
    speaker = speaker_after(s.lex, text, tail.end("cue"), s.end)
    if speaker is None or text[speaker[1] : s.body_end].strip(" ,"):
        return None
    if not can_speak(s.lex, text, speaker, tail.group("cue")):
        return None
    return _item(s, s.start, tail.start(), tail.span("cue"), speaker)


def _closing_attribution(s: Sentence, cues: list[Cue]) -> Attribution | None:
    """ "…, one haulier said.": with several cues, the attribution closing the sentence comes first."""
    if len(cues) < 2:
        return None
    last = cues[-1]
    if any(a < last.start() < b for a, b in s.quoted) or last.group().lower() in s.lex.according_to:
        return None
    found = clause_first_inverted(s, last) or clause_first(s, last)
    return found if found is not None and found.start == s.start else None


def in_sentence(s: Sentence) -> Attribution | None:
    """The first attribution of a sentence (from `s.start` on), by the rules in order."""
    found = according_to_first(s) or source_after(s)
    if found is not None:
        return found
    cues = cues_between(s.cues, s.start, s.end)
    found = _closing_attribution(s, cues)
    if found is not None:
        return found
    for cue in cues:
        if any(a < cue.start() < b for a, b in s.quoted):
            continue  # a verb inside quoted words belongs to the quotation
        prev = word_before(s.text, s.start, cue.start())
        if is_noun_or_infinitive(s.lex, prev, cue.group()) or _passive_or_modal(s.lex, cue, prev):
            continue
        if cue.group().lower() in s.lex.according_to:
            found = according_to_last(s, cue)
            if found is not None:
                return found
            continue
        found = (
            clause_first_inverted(s, cue)
            or clause_first(s, cue)
            or verb_second_clause(s, cue)
            or subject_verb_clause(s, cue, prev)
        )
        if found is not None and not _empty_object(s, found):
            return found
    return None


def _no_reported_content(s: Sentence, item: Attribution) -> bool:
    """An infinitive ("agreed to work together") or, after a verb that also counts, a number ("added
    41 points"), with no quoted words inside ("urged voters to "stay home"" quotes them): the verb
    reports no speech."""
    lex, text = s.lex, s.text
    if item.type != "indirect" or item.cue_span is None:
        return False
    if any(item.start <= a and b <= item.end for a, b in s.quoted):
        return False
    words = text[item.start : item.end].split(maxsplit=1)
    if not words:
        return False
    cue = text[item.cue_span[0] : item.cue_span[1]].lower().split()[-1]
    first = words[0].lower()
    return first in lex.words.infinitive_markers or (cue in lex.words.quantity_verbs and first[:1].isdigit())


def _empty_object(s: Sentence, item: Attribution) -> bool:
    """A verb that took an object with no quoted words in it ("que habló bajo condición de
    anonimato"): it yields no row, so the sentence's next cue ("dijo a Reuters que …") is tried."""
    return item.object_usage and not any(item.start <= a and b <= item.end for a, b in s.quoted)


# --- more than one attribution per sentence -----------------------------------------------------------


def second_verb(s: Sentence, first: Attribution, shared: re.Match[str]) -> Attribution | None:
    """ "… and urged Americans to …": the same subject, a second cue."""
    text, lex = s.text, s.lex
    word = shared.group(1)
    cue_span = shared.span(1)
    start = content_after_cue(lex, text, word, cue_span[1], s.end)
    if start >= s.end:
        return None
    end_of_body = body_end(text, s.first, s.end)
    if word in lex.words.stance_verbs and word not in lex.words.clause_verbs:
        end = object_end(lex, text, start, end_of_body)
    else:
        end = trim_clause(lex, text, start, end_of_body, s.quoted)
    if end <= start or not text[start:end].split():
        return None
    item = Attribution(start, end, "indirect", cue=word, cue_span=cue_span, speaker_span=first.speaker_span)
    # "… and warned of a "risk to life"", "… et a promis une aide « rapide »": the quoted words only
    item.object_usage = _of_object(text, start) or not _introduces_clause(lex, text[cue_span[1] : start])
    return item


def _continuation(s: Sentence, item: Attribution) -> Attribution:
    """ "A, he said, B": the part after the parenthetical cue, same speaker and cue."""
    assert item.rest is not None
    end = trim_clause(s.lex, s.text, item.rest[0], item.rest[1], s.quoted)
    return Attribution(
        item.rest[0],
        end,
        "indirect",
        cue=item.cue,
        cue_span=item.cue_span,
        speaker_span=item.speaker_span,
        joined=True,
    )


def all_in_sentence(s: Sentence) -> list[Attribution]:
    """Every attribution of a sentence, left to right (a later one starts after the earlier content)."""
    out: list[Attribution] = []
    text, end = s.text, s.end
    while s.start < end:
        item = in_sentence(s)
        if item is None or item.end <= item.start:
            break
        item.end = trim_clause(s.lex, text, item.start, item.end, s.quoted)
        if _no_reported_content(s, item) and item.end > s.start:
            s.start = item.end  # "agreed to work together", "added 41 points": look further on
            continue
        out.append(item)
        nxt = max(item.end, item.cue_span[1] if item.cue_span else item.end)
        if item.rest is not None:
            item = _continuation(s, item)
            out.append(item)
            nxt = item.end
        coordinated = s.lex.coordinated_that.match(text, item.end, end)
        if coordinated is not None:  # "… que se ha abierto una investigación y que el capitán …"
            second = Attribution(
                coordinated.end(),
                trim_clause(s.lex, text, coordinated.end(), s.body_end, s.quoted),
                "indirect",
                cue=item.cue,
                cue_span=item.cue_span,
                speaker_span=item.speaker_span,
                joined=True,
            )
            out.append(second)
            item = second
            nxt = second.end
        nxt = skip_chars(text, nxt, end, SEPARATORS)
        shared = s.lex.and_verb.match(text, nxt - 1, end) if nxt > s.start else None
        if shared is not None and item.speaker_span is not None and shared.group(1) in s.lex.indirect_words:
            second = second_verb(s, item, shared)
            if second is not None and not _no_reported_content(s, second):
                out.append(second)
                nxt = skip_chars(text, second.end, end, SEPARATORS)
        if nxt <= s.start or end - nxt < MIN_REST_CHARS:
            break
        s.start = nxt
    return out


# --- a quotation after a verb no lexicon lists ---------------------------------------------------------


def _title_of_work(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """ "The Rising", "Star Wars": every main word capitalised, as in the name of a work."""
    words = re.findall(r"[\w’'-]+", text[start:end])
    minor = lex.words.minor_title_words
    return bool(words) and all(w[:1].isupper() or w in minor for w in words) and len(words) <= 8


def _coordinated_verb(s: Sentence, start: int, quote: Span) -> tuple[Span, str] | None:
    """ "compared X with Y, and urged people not to "…"": the last coordinated finite verb."""
    second = None
    for m in s.lex.and_verb.finditer(s.text, start, quote[0]):
        if finite_verb(s.lex, m.group(1), "X"):
            second = m
    return (second.span(1), second.group(1)) if second is not None else None


def verb_before_quote(s: Sentence) -> list[Attribution]:
    """A quoted fragment after a verb no lexicon lists ("Trump likened the refugees to a "snake""):
    sentence subject + finite verb; the rest of the clause, quotation included, is the content."""
    text, lex = s.text, s.lex
    if not lex.words.past_suffixes or not s.quoted:
        return []  # needs the language's verb morphology, and a quotation
    first = bisect_left(s.quoted, (s.start, -1))
    quote = s.quoted[first] if first < len(s.quoted) and s.quoted[first][0] < s.end else None
    if quote is None:
        return []
    found = subject_verb(lex, text, s.start, quote[0])
    if found is None or not can_speak(lex, text, found[0], "said"):
        return []
    subj, verb_span = found
    before_verb = text[max(s.start, verb_span[0] - 8) : verb_span[0]].split()
    if before_verb and before_verb[-1].lower() in lex.words.passive_auxiliaries:
        return []  # "Storms are named when …": a passive, nobody speaks
    particle = lex.particle.match(text, verb_span[1], quote[0])
    if particle is not None:  # "summed up"
        verb_span = (verb_span[0], particle.end())
    verb = text[verb_span[0] : verb_span[1]]
    start = content_after_cue(lex, text, verb, verb_span[1], s.end)
    if (
        start > quote[0]
        or len(text[start : quote[0]].split()) > QUOTE_CLAUSE_WORDS
        or _title_of_work(lex, text, *quote)
    ):
        return []
    end_of_body = s.end - (len(text[: s.end]) - len(text[: s.end].rstrip(" .\n")))
    end = trim_clause(lex, text, start, end_of_body, s.quoted)
    if end < quote[1] - 1:
        coordinated = _coordinated_verb(s, start, quote)
        if coordinated is None:
            return []
        verb_span, verb = coordinated
        start = content_after_cue(lex, text, verb, verb_span[1], s.end)
        if start > quote[0]:
            return []
        end = trim_clause(lex, text, start, end_of_body, s.quoted)
        if end < quote[1] - 1:
            return []
    item = Attribution(start, end, "indirect", cue=verb, cue_span=verb_span, speaker_span=subj)
    item.object_usage = _of_object(text, start)  # "spoke of her "genuine remorse"": the quoted words only
    return [item]


def passive_agent(s: Sentence) -> list[Attribution]:
    """ "Une réponse jugée « dérisoire » par Nadia Bouhassoun", "a plan described as "reckless" by the
    mayor": a participle that names what was said, the quotation, then its agent, who said it."""
    text, lex = s.text, s.lex
    w = lex.words
    if not w.naming_participles or not w.agent_words:
        return []
    found = []
    for start, end in s.quoted:
        if not s.start <= start < s.end:
            continue
        before = text[max(s.start, start - PARTICIPLE_REACH) : start].split()
        participle = next(
            (
                word
                for word in reversed(before[-MAX_WORDS_BEFORE_QUOTE:])
                if word.lower() in w.naming_participles
            ),
            None,
        )
        agent = lex.agent_after_quote.match(text, end, s.end) if participle is not None else None
        if participle is None or agent is None:
            continue
        speaker = speaker_after(lex, text, agent.end(), s.end)
        if speaker is None or not can_speak(lex, text, speaker, "said"):
            continue
        cue_start = text.rindex(participle, s.start, start)
        item = Attribution(
            start, end, "indirect", cue=participle, cue_span=(cue_start, cue_start + len(participle))
        )
        item.speaker_span = speaker
        item.object_usage = True  # the quoted words are the row
        found.append(item)
    return found


# --- the pass over an article ----------------------------------------------------------------------


def _credit_line(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """ "Additional reporting by …; Editing by …", "Mit Material von dpa": a credit, not speech."""
    return lex.credit_line.match(text, start, end) is not None


def _may_attribute(s: Sentence) -> bool:
    """A sentence without a cue word, a quotation or a source-first opening holds no attribution:
    skip the rules (most sentences of an article)."""
    if cues_between(s.cues, s.start, s.end):
        return True
    first = bisect_left(s.quoted, (s.start, -1))
    if first < len(s.quoted) and s.quoted[first][0] < s.end:
        return True
    lex = s.lex
    if lex.according_first.match(s.text, s.start, s.end) or lex.as_first.match(s.text, s.start, s.end):
        return True
    if lex.compound_source.match(s.text, s.start, s.end) or lex.source_tail.search(s.text, s.start, s.end):
        return True
    return (
        bool(lex.words.according_to_after) and lex.according_after.search(s.text, s.start, s.end) is not None
    )


def konjunktiv_continuation(s: Sentence, previous: Attribution) -> Attribution | None:
    """ "Er sagte, die Lage sei ernst. Man habe alles versucht.": a sentence in Konjunktiv I right
    after reported speech goes on reporting the same speaker (German)."""
    forms = s.lex.words.konjunktiv_forms
    if not forms:
        return None
    words = re.findall(r"[\w’'-]+", s.text[s.start : s.body_end])[:KONJUNKTIV_REACH]
    if not any(word in forms for word in words) or any(a < s.body_end and s.start < b for a, b in s.quoted):
        return None
    return Attribution(
        s.start,
        s.body_end,
        "indirect",
        cue=previous.cue,
        cue_span=previous.cue_span,
        speaker_span=previous.speaker_span,
    )


def reported_speech(
    lex: Lexicon, doc: Document, direct: list[Attribution], embedded: list[Span], sentence_spans: list[Span]
) -> list[Attribution]:
    """Indirect (and partial) attributions of every sentence, outside the direct quotes' attributions."""
    from pipeline.quotes.clauses import units

    text = doc.text
    covered = sorted(attribution_extent(f) for f in direct)
    covered_starts = [start for start, _ in covered]
    cues = indirect_cues(lex, text, 0, len(text))
    out: list[Attribution] = []
    previous: Attribution | None = None
    for s_start, s_end in units(sentence_spans, embedded):
        lo = s_start
        nearby = covered[
            max(0, bisect_left(covered_starts, lo) - COVER_LOOKBACK) : bisect_left(covered_starts, s_end)
        ]
        ends = [end for start, end in nearby if start < s_end and lo < end]
        if ends:
            # a direct quote and its attribution: only the rest of the sentence can hold another
            lo = skip_chars(text, max(ends), s_end, SEPARATORS)
            if len(text[lo:s_end].split()) < 6:
                previous = None
                continue
        if _credit_line(lex, text, lo, s_end):
            previous = None
            continue
        dateline = lex.dateline.match(text, lo, s_end)
        if dateline is not None:  # "BERLIN (dpa) - Die Regierung …": the sentence starts after it
            lo = dateline.end()
        s = Sentence(lex, text, lo, s_end, body_end(text, lo, s_end), lo, embedded, cues)
        items = _sentence_rules(s) if _may_attribute(s) else []
        if not items and previous is not None and doc.paragraph_at(previous.start) == doc.paragraph_at(lo):
            follow = konjunktiv_continuation(
                Sentence(lex, text, lo, s_end, s.body_end, lo, embedded, cues), previous
            )
            items = [follow] if follow is not None else []
        out.extend(items)
        previous = items[-1] if items and items[-1].speaker_span is not None else None
    return out


def _sentence_rules(s: Sentence) -> list[Attribution]:
    """Every attribution of the sentence; else a quotation named by a participle and its agent; else
    a quoted fragment after a verb no lexicon lists. Each rule reads the sentence afresh (the first
    moves its start as it goes)."""
    return all_in_sentence(replace(s)) or passive_agent(replace(s)) or verb_before_quote(replace(s))


def attribution_extent(item: Attribution) -> Span:
    """A direct quote's span with its speaker and cue."""
    end = max([item.end] + [span[1] for span in (item.cue_span, item.speaker_span) if span is not None])
    return item.start, end
