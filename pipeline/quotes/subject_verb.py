"""The subject and main verb of a clause, found without a parser (English morphology from the
language data: regular past endings, irregular pasts, -s presents after a name)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from pipeline.quotes.clauses import after_possessive
from pipeline.quotes.found import Span
from pipeline.quotes.lexicon import Lexicon

LEAD_PHRASE_WORDS = 12  # longest leading phrase ("At a rally in Iowa,") skipped before a subject
APPOSITIVE_WORDS = 30  # longest appositive between a subject and its verb
SUBJECT_WORDS = 9  # the verb must come within this many words
MIN_VERB_LENGTH = 3
MIN_PAST_LENGTH = 5  # "-ed" words shorter than this ("red", "bed") are not past tenses

_SUBJECT_WORD = re.compile(r"[\w’'.&-]+|\([^()]{1,30}\)|,")


def after_lead(lex: Lexicon, text: str, lo: int, pos: int) -> int:
    """Skip a leading phrase ("At a rally in Iowa, ") so that the subject follows."""
    if lex.lead_phrase.match(text, lo, pos):
        comma = text.find(", ", lo, pos)
        if comma > 0 and len(text[lo:comma].split()) <= LEAD_PHRASE_WORDS:
            return comma + 2
    return lo


def _never_a_verb(lex: Lexicon, word: str, prev: str) -> bool:
    w = lex.words
    return (
        not word.islower()
        or len(word) < MIN_VERB_LENGTH
        or word in w.not_verbs
        or word in w.speaker_nouns
        or word in w.light_verbs
        or word in w.determiners
        or after_possessive(lex, prev)
        or (word.endswith("s") and word[:-1] in w.speaker_nouns)  # "Sanders supporters", "Trump aides"
    )


def finite_verb(lex: Lexicon, word: str, prev: str) -> bool:
    """A lower-case word that can be the main verb after the subject word `prev`."""
    if _never_a_verb(lex, word, prev):
        return False
    w = lex.words
    regular_past = any(word.endswith(s) for s in w.past_suffixes) and len(word) >= MIN_PAST_LENGTH
    if word in w.irregular_past or word in lex.indirect_words or regular_past:
        return not (w.participle_suffix and word.endswith(w.participle_suffix))
    # "Cruz describes", "he likens": an -s verb only after a name or a singular pronoun
    after_subject = (
        prev[:1].isupper() and prev.lower() not in w.leading_words
    ) or prev.lower() in lex.person_pronouns
    return (
        bool(w.past_suffixes)
        and word.endswith("s")
        and not word.endswith(("ss", "ous", "is", "us"))
        and after_subject
    )


def valid_subject(lex: Lexicon, phrase: str, verb: str) -> bool:
    words = phrase.split()
    if not words or len(words) > SUBJECT_WORDS or not words[0][:1].isalpha():
        return False
    if any(w.lower() in lex.words.relative_words for w in words):
        return False  # "One area that Obama has failed ...": not the main clause
    if verb in lex.indirect_words:
        return True  # "The petition accuses ..."
    head = words[-1].lower().strip("’'")
    return (
        phrase.lower() in lex.pronouns
        or any(w[:1].isupper() for w in words[1:] or words)
        or head in lex.words.speaker_nouns
        or head.rstrip("s") in lex.words.speaker_nouns
    )


@dataclass(slots=True)
class _Walk:
    """State of the walk over the words of a clause."""

    subj_end: int | None = None
    in_appositive: bool = False
    appositive_words: int = 0


def _verbal(lex: Lexicon, word: str, low: str) -> bool:
    w = lex.words
    return word.islower() and (low in w.auxiliaries or low in lex.verbal_adverbs or low.endswith("ly"))


def subject_verb(lex: Lexicon, text: str, lo: int, limit: int) -> tuple[Span, Span] | None:
    """Subject and main verb of a clause starting at `lo`: "Trump, the nominee, further summed up"."""
    lo = after_lead(lex, text, lo, limit)
    lead = lex.lead_in.match(text, lo, limit)
    if lead is not None:
        lo = lead.end()
    while lo < limit and text[lo] in ' "“„«(':
        lo += 1
    scanned = islice(_SUBJECT_WORD.finditer(text, lo, limit), SUBJECT_WORDS + APPOSITIVE_WORDS + 5)
    words = [(m.group(), m.start(), m.end()) for m in scanned]
    walk = _Walk()
    for i, (word, start, end) in enumerate(words):
        prev = words[i - 1][0] if i > 0 else ""
        step = _step(lex, walk, words, i, word, prev)
        if step == "next":
            continue
        if step == "stop":
            return None
        low = word.lower()
        progressive = _progressive(lex, low, prev)
        if i > 0 and (
            progressive or finite_verb(lex, low if word.islower() else "", prev if prev != "," else "X")
        ):
            subj = (lo, walk.subj_end if walk.subj_end is not None else words[i - 1][2])
            return (subj, (start, end)) if valid_subject(lex, text[subj[0] : subj[1]], low) else None
        if word.startswith("("):
            continue  # a party tag or an aside
        if walk.subj_end is not None:
            return None
        if i >= SUBJECT_WORDS:
            return None
    return None


def _progressive(lex: Lexicon, low: str, prev: str) -> bool:
    """ "is saying", "were warning": a progressive verb form."""
    suffix = lex.words.participle_suffix
    return bool(suffix) and low.endswith(suffix) and prev.lower() in lex.words.auxiliaries


def _step(lex: Lexicon, walk: _Walk, words: list[tuple[str, int, int]], i: int, word: str, prev: str) -> str:
    """What to do with one word: "next" (skip it), "stop" (no subject-verb here) or "check"."""
    if word == ",":
        if walk.subj_end is None:
            if i == 0:
                return "stop"
            walk.subj_end = words[i - 1][2]
        walk.in_appositive = True  # "Marty West, an education professor at Harvard, ..., called"
        return "next"
    low = word.lower()
    verbal = _verbal(lex, word, low)
    if walk.in_appositive:
        if prev == "," and (verbal or finite_verb(lex, low if word.islower() else "", "X")):
            walk.in_appositive = False  # the appositive closed: the verb follows
        else:
            walk.appositive_words += 1
            return "stop" if walk.appositive_words > APPOSITIVE_WORDS else "next"
    if i > 0 and verbal:
        if walk.subj_end is None:
            walk.subj_end = words[i - 1][2]
        return "next"
    return "check"
