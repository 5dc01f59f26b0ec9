"""Speaker phrases next to a cue: before it ("Jane Smith said"), after it ("said Jane Smith"),
at the start of the sentence ("The White House statement ... said")."""

from __future__ import annotations

import re

from pipeline.outlets import lookup_name
from pipeline.quotes.found import Span
from pipeline.quotes.lexicon import Lexicon

_PARTY_TAG = re.compile(r"\s*\([^()]{1,24}\)\s*$")  # "Rep. Gwen Moore (D-Wis.)"
_LAST_WORD = re.compile(r"([\w’'-]+)$")
APPOSITIVE_REACH = 120  # characters between the commas of an appositive ("Jane Roe, a professor ..., said")
HEAD_SUBJECT_WORDS = 6  # words before the first comma of "Dr. Connie Mariano, who ..., said"
SPEAKER_WINDOW = 90  # characters before a cue where the speaker phrase is looked for
INITIAL_SUBJECT_WORDS = 14  # longest comma-free lead of a sentence-initial subject
DETERMINED_PHRASE_WORDS = 7  # "Le syndicat viticole de l'appellation Côtes-de-Brume"


def _holds_a_verb(lex: Lexicon, words: list[str]) -> bool:
    """A determiner phrase with a finite verb inside ("the three routes carried an average") is a
    clause; "the retired teacher" (a participle right after the article) is not."""
    if not words or words[0].lower() not in lex.words.determiners:
        return False
    suffixes = lex.words.past_suffixes
    return any(
        word in lex.verb_forms or (i >= 2 and bool(suffixes) and word.endswith(suffixes) and len(word) > 4)
        for i, word in enumerate(words[1:], 1)
    )


def _is_speakerlike(lex: Lexicon, phrase: str, words: list[str]) -> bool:
    last = words[-1].lower().strip("’'")
    w = lex.words
    return (
        (words[0].lower() in w.determiners and len(words) > 1)
        or (bool(w.elided_determiners) and words[0].startswith(w.elided_determiners))
        or phrase[:1].isupper()
        or last in w.speaker_nouns
        or phrase.lower() in lex.pronouns
        or words[-1][:1].isupper()
    )


def _trim_leading(lex: Lexicon, text: str, s: int, words: list[str]) -> tuple[int, list[str]]:
    """ "But Trump" -> "Trump": a leading conjunction or adverb is not part of the speaker."""
    leading = lex.leading_not_determiners
    while len(words) > 1 and words[0].lower() in leading:
        s = text.index(words[1], s + len(words[0]))
        words = words[1:]
    return s, words


def _skip_adverbs(lex: Lexicon, text: str, lo: int, end: int) -> int:
    """ "Smith also said": step back over adverbs and auxiliaries between the subject and the cue."""
    while True:
        word = _LAST_WORD.search(text[lo:end].rstrip())
        if word is None or word.group(1).lower() not in lex.words.skip_between:
            return end
        end = lo + word.start(1)


def _appositive_subject(lex: Lexicon, text: str, lo: int, stripped: str) -> Span | None:
    """ "Matthew Wallin, a senior fellow ..., told": the name before the appositive, or the
    appositive itself when it is the name ("A lawyer for the outlets, David Schulz, said")."""
    comma = stripped.rfind(",", 0, len(stripped) - 1)
    if comma > 0 and len(stripped) - comma < APPOSITIVE_REACH:
        appositive = lex.appositive_name.fullmatch(stripped, comma + 1, len(stripped) - 1)
        head = stripped[:comma].split()
        described = bool(head) and (
            head[0].lower() in lex.words.determiners | lex.words.possessives.keys()
            or head[0].startswith(lex.words.elided_determiners)  # "L'organisateur, Bruno Vial, a indiqué"
        )
        if appositive is not None and described:  # "La alcaldesa de Villanueva, Pilar Esteban, lamentó"
            return lo + appositive.start(1), lo + appositive.end(1)
        m = re.search(rf"({lex.pronoun_before}|{lex.name})$", stripped[:comma])
        if m and _affiliation_before(lex, stripped, m.start(1)):
            # "Paula Serrat, de la Universidad de Barcelona, que …,": the body she is from, not her;
            # "…, the council's head of IT, Gary Pullen,": the name after it
            if appositive is not None:
                return lo + appositive.start(1), lo + appositive.end(1)
            earlier = stripped.rfind(",", 0, m.start(1))
            person = re.search(rf"({lex.name})$", stripped[:earlier]) if earlier > 0 else None
            m = person or m
        if m:
            return lo + m.start(1), lo + m.end(1)
        if appositive is not None:
            return lo + appositive.start(1), lo + appositive.end(1)
    first = stripped.find(",")
    if 0 < first < len(stripped) - 1 and len(stripped[:first].split()) <= HEAD_SUBJECT_WORDS:
        m = lex.head_subject.fullmatch(stripped, 0, first)
        if m is not None:
            return lo + m.start(1), lo + m.end(1)
    return None


def _affiliation_before(lex: Lexicon, text: str, pos: int) -> bool:
    """ "…, de la Universidad …": the words before a name link it to a person named earlier."""
    before = text[max(0, pos - 12) : pos].split()
    words = [w.lower() for w in before[-2:]]
    return bool(words) and (
        words[-1] in lex.words.affiliation_words
        or (len(words) == 2 and words[0] in lex.words.affiliation_words and words[1] in lex.words.determiners)
    )


def _phrase_before(lex: Lexicon, stripped: str) -> Span | None:
    """The speaker phrase at the end of `stripped`: a pronoun, a name, or a noun phrase."""
    m = lex.speaker_before.search(stripped, max(0, len(stripped) - SPEAKER_WINDOW))
    if m is None:
        return None
    s, e = m.span("spk")
    phrase = stripped[s:e]
    words = phrase.split()
    if len(words) > 1 and not (phrase[:1].isupper() or words[0].lower() in lex.words.determiners):
        # a lower-case run: keep its trailing name ("after contender Donald Trump") or speaker noun
        tail = re.search(rf"(?:{lex.name})$", phrase)
        if tail is not None and tail.start() > 0 and phrase[tail.start() - 1] == " ":
            s += tail.start()
        elif words[-1].lower() in lex.words.speaker_nouns:
            s = e - len(words[-1])
        else:
            return None
    return s, e


def subject_before(lex: Lexicon, text: str, lo: int, pos: int, initial: bool = False) -> Span | None:
    """The speaker phrase right before a cue at `pos` (skipping adverbs, a party tag, an appositive)."""
    if initial and "," not in text[lo:pos] and len(text[lo:pos].split()) <= INITIAL_SUBJECT_WORDS:
        return initial_subject(lex, text, lo, pos)
    end = _skip_adverbs(lex, text, lo, pos)
    paren = _PARTY_TAG.search(text, max(lo, end - 30), end)
    if paren is not None:
        end = paren.start()
    stripped = text[lo:end].rstrip()
    if stripped.endswith(","):
        return _appositive_subject(lex, text, lo, stripped)
    found = _phrase_before(lex, stripped)
    if found is None:
        return None
    s, e = found
    words = stripped[s:e].split()
    if not _is_speakerlike(lex, stripped[s:e], words) or words[-1].lower() in lex.words.determiners:
        return None
    if _holds_a_verb(lex, words):
        return None
    s, words = _trim_leading(lex, stripped, s, words)
    if len(words) == 1 and _sentence_adverb(lex, words[0]):
        return None  # "Zugleich sagte die Ministerin:": the subject follows the verb
    return lo + s, lo + e


def _sentence_adverb(lex: Lexicon, word: str) -> bool:
    w = lex.words
    low = word.lower()
    return low in lex.leading_not_determiners or low in w.skip_between or word in w.lead_phrase_words


def _determined_phrase(lex: Lexicon, text: str, lo: int, pos: int) -> Span | None:
    """All of the text before the cue when it is one noun phrase with an article and no verb."""
    end = len(text[:pos].rstrip())
    paren = _PARTY_TAG.search(text, max(lo, end - 30), end)
    if paren is not None:
        end = paren.start()
    words = text[lo:end].split()
    w = lex.words
    if not 1 < len(words) <= DETERMINED_PHRASE_WORDS or any(ch in text[lo:end] for ch in ",;:"):
        return None
    first = words[0].lower()
    determined = first in w.determiners or (
        bool(w.elided_determiners) and first.startswith(w.elided_determiners)
    )
    if not determined or _holds_a_verb(lex, words) or lex.cut_at.search(text, lo, end):
        return None
    return lo, end


def initial_subject(lex: Lexicon, text: str, lo: int, pos: int) -> Span | None:
    """A sentence-initial subject: 'The White House statement (on the call ...)'."""
    lead = lex.lead_in.match(text, lo, pos)
    if lead is not None:
        lo = lead.end()
    while lo < pos and text[lo] in ' "“„«(':
        lo += 1
    whole = _determined_phrase(lex, text, lo, pos)
    if whole is not None:
        return whole  # "The billionaire businessman said", "L'agence régionale de santé (ARS) a indiqué"
    m = lex.initial_np.match(text, lo, pos)
    if m is None:
        return None
    s, e = m.span("spk")
    cut = lex.cut_at.search(text, s, e)
    if cut is not None:
        e = cut.start()
    words = text[s:e].split()
    w = lex.words
    while words and not (
        words[-1][:1].isupper()
        or words[-1].lower().strip("’'") in w.speaker_nouns
        or text[s:e].lower() in lex.pronouns
    ):
        e = s + text[s:e].rstrip().rfind(" ") if len(words) > 1 else s
        words = words[:-1]
    if not words or words[-1].lower() in w.determiners:
        return None
    s, words = _trim_leading(lex, text, s, words)
    return s, e


def _extend_after(lex: Lexicon, text: str, s: int, e: int, limit: int) -> int:
    """The rest of a speaker phrase after an inverted cue: "Gulls owner Ray Kowalczyk", "la
    alcaldesa, Rosa Elvira Cano", "le président du club, Philippe Garnier", "le technicien de 41 ans"."""
    if text[s:e].lower() in lex.pronouns:
        return e
    extension = lex.speaker_extension.match(text, e, limit)
    if extension is not None:
        between = text[e : extension.start(1)].strip(" ,")
        if not between or lex.titles_re.fullmatch(between + " "):
            return extension.end(1)
    if text[s:e].split()[0].lower() not in lex.words.determiners:
        return e
    apposition = lex.role_apposition.match(text, e, limit)
    if apposition is not None:
        return apposition.end(1)
    complement = lex.phrase_complement.match(text, e, limit)
    return complement.end() if complement is not None else e


# up to three words closing the clause: "a rapporté franceinfo."
_CLOSING_WORDS = re.compile(r"\s*([\w'’-]+(?:\s+[\w'’-]+){0,2}?)(?=\s*[,.;:]|\s*$)")


def _outlet_in_lower_case(text: str, pos: int, limit: int) -> Span | None:
    """A news outlet whose name is written in lower case ("franceinfo", "eldiario.es")."""
    m = _CLOSING_WORDS.match(text, pos, limit)
    return m.span(1) if m is not None and lookup_name(m.group(1)) is not None else None


def speaker_after(lex: Lexicon, text: str, pos: int, limit: int) -> Span | None:
    """The speaker of an inverted cue: "said Jane Smith", "said former congressman Barney Frank"."""
    when = lex.when_after_cue.match(text, pos, limit)
    if when is not None:
        pos = when.end()
    told = lex.recipient_after_cue.match(text, pos, limit)  # "a confié au Monde la commissaire"
    m = lex.speaker_after.match(text, told.end() if told else pos, limit)
    if m is None and told is not None:
        m = lex.speaker_after.match(text, pos, limit)
    if m is None:
        m = lex.titled_name.match(text, pos, limit)
        if m is None or text[m.start("spk") : m.end("spk")].split()[0] in lex.not_title:
            return _outlet_in_lower_case(text, pos, limit)
    s, e = m.span("spk")
    e = _extend_after(lex, text, s, e, limit)
    if text[e - 1] == "." and e - s > 3 and text[e - 3] != ".":
        e -= 1  # "said Jane Smith." - the sentence's full stop
    phrase = text[s:e]
    words = phrase.split()
    if len(words) == 1 and words[0].lower() in lex.lone_non_speakers:
        return None
    if words[0] in lex.words.prepositions:
        return None  # "lamentó en declaraciones a Onda Cero": where it was said; the subject is dropped
    if _holds_a_verb(lex, words):
        return None  # "a majority of voters came to agree": a clause, not a speaker
    if not _is_speakerlike(lex, phrase, words):
        return None
    return s, e
