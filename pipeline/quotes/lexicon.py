"""A language's quote words compiled once into the sets and patterns the rules match with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lang import QuoteWords, language_code, quote_words
from pipeline.lang.shared import DATELINE, SHARED_HONORIFICS

CAPITAL = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-Я]"
CAP_WORD = rf"{CAPITAL}[\w’'.&-]*"
# Blanks between the words of a name, never after a sentence's full stop ("Unruhe. Sabine Kern"):
# a full stop after three lower-case letters ends a word, except in a title ("Prof. Carola Wendt").
_TITLES_WITH_LONG_STEM = ("Prof", "Srta", "Dipl")
_AFTER_TITLE = "|".join(rf"(?<={title}\.)" for title in _TITLES_WITH_LONG_STEM)
NAME_GAP = rf"(?:(?<![a-zß-ÿ]{{3}}\.)|{_AFTER_TITLE})\s+"


def name_pattern(particles: str, words: int = 5) -> str:
    """A capitalised name of up to `words` + 1 words, with lower-case particles (van, de) inside."""
    return rf"{CAP_WORD}(?:{NAME_GAP}(?:(?:{particles}){NAME_GAP})*{CAP_WORD}){{0,{words}}}"


WORD = r"[\w’'-]+"
WORD_CHAR = re.compile(r"[\w’'-]")
TOKEN = re.compile(r"[\w’'-]+")


def alternation(items: object) -> str:
    ordered = sorted({str(i) for i in items}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(map(re.escape, ordered)) or "(?!)"


def _joined(items: object) -> str:
    """Words followed by blanks, or by nothing after an elision ("qu'il")."""
    ordered = sorted({str(i) for i in items}, key=len, reverse=True)  # type: ignore[attr-defined]
    parts = [re.escape(w) + ("" if w.endswith(("'", "’")) else r"\s+") for w in ordered]
    return "|".join(parts) or "(?!)"


def _both_cases(items: object) -> set[str]:
    out = set()
    for item in items:  # type: ignore[attr-defined]
        out.add(item)
        out.add(item[:1].upper() + item[1:])
    return out


@dataclass(frozen=True)
class Lexicon:
    """Everything a rule looks up, for one language."""

    code: str
    words: QuoteWords
    speech: frozenset[str]
    indirect_words: frozenset[str]  # speech, cognition and stance forms
    indirect_pairs: dict[str, frozenset[str]]  # first word of a multi-word cue -> its second parts
    # cues of three words or more ("se limitó a responder"): (first, second word) -> the rest
    cue_chains: dict[tuple[str, str], re.Pattern[str]]
    indirect_lookup: frozenset[str]  # every word that may start an indirect cue, in both cases
    according_to: frozenset[str]  # lower case
    titles_re: re.Pattern[str]  # a run of lower-case title and role words ("chief executive")
    according_first: re.Pattern[str]  # "According to", "Selon", "Laut" opening a sentence
    according_after: re.Pattern[str]  # "X zufolge": the source before the word
    compound_source: re.Pattern[str]  # "Nach Polizeiangaben", "Nach Spiegel-Informationen": the source word
    as_first: re.Pattern[str]  # "As", "Wie" opening a clause that names the source
    # "…, wie die Bundeskanzlei mitteilte.": the as-clause closing a sentence instead of opening it
    as_after_comma: re.Pattern[str]
    # "…, comme l'" before "a rapporté franceinfo", "…, lui" before "a répondu"
    as_before_inverted: re.Pattern[str]
    source_tail: re.Pattern[str]  # "…, so die Kandidatin.": a source word after the reported clause
    recipient_after_cue: re.Pattern[str]  # " au Monde" in "a confié au Monde la commissaire"
    dateline: re.Pattern[str]  # "BERLIN (dpa) - " before the first sentence of a wire story
    impersonal_source: re.Pattern[str]  # "heißt es in einer Stellungnahme …": the source after "es"
    inverted_pronoun: re.Pattern[str]  # "-t-elle" inside a cue; group 1 is the pronoun
    credit_line: re.Pattern[str]  # "Additional reporting by": an agency credit opening a sentence
    auxiliary_inverted: re.Pattern[str]  # "a-t-elle précisé": an inverted compound tense
    comment_heading: re.Pattern[str]  # "Comments (3)": reader comments follow
    age_descriptor: re.Pattern[str]  # "the 58-year-old": group 1 is the age
    age_mention: re.Pattern[str]  # an age beside a name ("Leanne Brodie, 58,"): the age in one group
    named_pair: re.Pattern[str]  # "Brenner und Haas", "le ministre et le syndicaliste": groups 1, 2
    agent_after_quote: re.Pattern[str]  # " par ", " by ": the agent of a naming participle follows
    pronouns: frozenset[str]  # lower case
    person_pronouns: frozenset[str]
    titles: frozenset[str]  # honorifics and role nouns, lower case, no full stop
    # word sets the rules combine, combined once
    noun_markers: frozenset[str]  # determiners and "to", "of": a cue word after them is a noun or infinitive
    speech_not_object: frozenset[str]  # speech verbs that take a clause, not an object
    stance_only: frozenset[str]  # stance verbs that report no speech ("welcomed")
    object_or_stance: frozenset[str]
    leading_not_determiners: frozenset[str]
    not_title: frozenset[str]  # first words that never start a "said former congressman X" phrase
    verbal_adverbs: frozenset[str]  # adverbs between a subject and its verb
    lead_or_determiner: frozenset[str]
    after_that: tuple[str, ...]  # "that", "whether": a reported clause follows
    lone_non_speakers: frozenset[str]  # "that", "to": never a speaker on their own
    function_words: frozenset[str]  # words that never start a name ("But", "The", "At")
    verb_forms: frozenset[str]  # auxiliaries, modals, irregular pasts: a clause goes on
    cue: re.Pattern[str]  # a cue next to a direct quotation
    cue_first_words: frozenset[str]  # first words of the cues: a cheap test before matching `cue`
    name: str  # regex of a capitalised name
    determiner: str  # regex of a determiner, either case
    pronoun_before: str  # regex of a subject pronoun before its verb
    pronoun_after: str  # regex of a subject pronoun after its verb
    speaker_after: re.Pattern[str]  # the speaker right after an inverted cue
    speaker_extension: re.Pattern[str]  # "Gulls owner Ray Kowalczyk", "la alcaldesa, Rosa Cano"
    role_apposition: re.Pattern[str]  # "le président du club, Philippe Garnier": the name after a role
    phrase_complement: re.Pattern[str]  # "le technicien de 41 ans": the rest of a described speaker
    speaker_before: re.Pattern[str]  # the last phrase before a cue
    initial_np: re.Pattern[str]  # a sentence-initial subject
    appositive_name: re.Pattern[str]
    head_subject: re.Pattern[str]
    lead_in: re.Pattern[str]
    lead_phrase: re.Pattern[str]
    cut_at: re.Pattern[str]
    titled_name: re.Pattern[str]
    when_after_cue: re.Pattern[str]
    that_clause: re.Pattern[str]
    recipient_that: re.Pattern[str]
    object_stop: re.Pattern[str]
    plain_object: re.Pattern[str]  # "said (to) reporters that": recipient pronouns before the clause
    told_object: re.Pattern[str]  # "told Reuters that": also a name
    clause_break: re.Pattern[str]
    coordinated_that: re.Pattern[str]  # ", y que", " and that": a second reported clause of one cue
    and_verb: re.Pattern[str]
    participle_after_comma: re.Pattern[str]
    work_title_before: re.Pattern[str]
    particle: re.Pattern[str]
    adverb_run: re.Pattern[str]  # adverbs between a verb and its particle
    # lower-case words that end an inverted clause after its subject, not the subject itself: "a annoncé
    # la préfecture dimanche", "teilte der Verbund mit", "wie der Fahrgastverband weiter kritisierte"
    speaker_tail: frozenset[str]
    time_prepositions: frozenset[str]  # "am", "on", "le": before a day that may end a speaker phrase
    place_link: str  # regex: "in", "de", "d'" joining an institution to its place ("tribunal … de Rouvray")


def _cue_pattern(w: QuoteWords, inverted: str) -> re.Pattern[str]:
    single = w.speech_verbs | w.cognition_verbs | frozenset(w.according_to) | frozenset(w.quote_tag_words)
    single = frozenset(s for s in single if " " not in s)
    multi = [m for m in (*w.multiword_cues, *w.according_to) if " " in m]
    auxiliary = rf"{w.auxiliary_cue}|" if w.auxiliary_cue else ""
    return re.compile(
        rf"(?<![\w’'-])(?:{auxiliary}{alternation(multi)}|{alternation(single)})"
        rf"(?:(?![\w’'-])|(?={inverted}))"
    )


def _any_of(patterns: tuple[str, ...]) -> str:
    """Regex alternatives as given (they are patterns, not words); none: a pattern that never matches."""
    return "|".join(patterns) or "(?!)"


def _lower(items: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(item.lower() for item in items)


def _abbreviated_titles(w: QuoteWords) -> str:
    """Honorifics as written before a name with a full stop ("Dr", "Prof", "Sra"), as a regex
    alternation: "el Dr. Pablo Medina" - the title's full stop does not end the speaker phrase."""
    return alternation(h[:1].upper() + h[1:] for h in {*w.honorifics, *SHARED_HONORIFICS})


def _function_words(w: QuoteWords) -> frozenset[str]:
    """Words that never start a name; a one-word according-to cue is one ("Laut Sozialministerium",
    "Según Cáritas")."""
    according_to = frozenset(cue for cue in w.according_to if " " not in cue)
    return w.leading_words | w.determiners | w.prepositions | w.not_before_verb | according_to


def _multiword(w: QuoteWords) -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """Multi-word cues by their first word (-> the rest), and those of three words or more by their
    first two (-> the rest after them)."""
    pairs: dict[str, set[str]] = {}
    chains: dict[tuple[str, str], set[str]] = {}
    for cue in (*w.multiword_cues, *w.according_to):
        first, _, second = cue.partition(" ")
        if second:
            pairs.setdefault(first, set()).add(second)
        words_of_cue = cue.split(" ", 2)
        if len(words_of_cue) == 3 and cue in w.multiword_cues:
            chains.setdefault((words_of_cue[0], words_of_cue[1]), set()).add(words_of_cue[2])
    return pairs, chains


def _words_after(rests: set[str]) -> re.Pattern[str]:
    """The rest of a long cue after its second word ("a responder"), as written with any blanks."""
    alternatives = "|".join(
        r"\s+".join(map(re.escape, rest.split())) for rest in sorted(rests, key=len, reverse=True)
    )
    return re.compile(rf"\s+(?:{alternatives})(?![\w’'-])")


def _named_pair(w: QuoteWords, name: str, determiner: str) -> str:
    """Two people named together: names or a determiner and a role ("le ministre et le syndicaliste")."""
    if not w.and_word:
        return ""
    side = rf"(?:{name}|(?:{determiner})\s+[a-zß-ÿ][\w-]+)"
    return rf"({side})\s+{w.and_word}\s+({side})"


def _optional(pattern: str) -> re.Pattern[str]:
    """A language's pattern, or one that never matches where the language has none."""
    return re.compile(pattern or r"(?!)")


@cache
def lexicon(language: str | None) -> Lexicon:
    w = quote_words(language)
    code = language_code(language)
    # reported thought ("believes", "hofft") is not speech: the cognition verbs cue no indirect quote
    speech_words = w.speech_verbs | w.stance_verbs | w.object_verbs
    according_single = frozenset(a for a in w.according_to if " " not in a)
    pairs, chains = _multiword(w)
    pronouns = frozenset(w.pronouns)
    person = frozenset(p for p, info in w.pronouns.items() if info.person and p not in {"i", "you"})
    titles = frozenset({*w.honorifics, *w.roles, *SHARED_HONORIFICS})
    abbreviated = _abbreviated_titles(w)
    not_a_title = rf"(?!(?:{abbreviated})\.\s)"
    particles = alternation(w.name_particles | {"de", "van", "von", "der", "al", "bin", "del", "la", "le"})
    name = name_pattern(particles)
    determiner = alternation(_both_cases(w.determiners))
    pron_before = alternation(_both_cases(pronouns - {"i"}) | {"I"})
    pron_after = alternation(pronouns | {"I"})
    inverted = w.inverted_pronoun or r"(?!)"
    followers = alternation(w.speaker_followers)
    lead_in = alternation(w.lead_in_words)
    definite = alternation(_both_cases(w.definite_articles))
    elided = rf"(?:{alternation(w.elided_determiners)})" if w.elided_determiners else "(?!)"
    objects = alternation(w.objects_after_tell)
    complementizers = _joined(w.complementizers)
    return Lexicon(
        code=code,
        words=w,
        speech=w.speech_verbs,
        indirect_words=speech_words,
        indirect_pairs={k: frozenset(v) for k, v in pairs.items()},
        cue_chains={key: _words_after(rests) for key, rests in chains.items()},
        indirect_lookup=frozenset(_both_cases(speech_words | set(pairs) | according_single)),
        according_to=frozenset(a.lower() for a in w.according_to),
        according_first=re.compile(
            rf"[\"“„«]?\s*(?:{alternation((*w.according_to, *w.according_to_initial))})\s+", re.IGNORECASE
        ),
        compound_source=re.compile(
            rf"(?P<cue>[Nn]ach)\s+(?:(?:ersten|neuen|eigenen|übereinstimmenden)\s+)?"
            rf"(?P<spk>[\w.-]+?-?(?i:{alternation(w.source_compounds)}))\s+"
            if w.source_compounds
            else r"(?!)"
        ),
        according_after=re.compile(rf"\s(?:{alternation(w.according_to_after)})\s+", re.IGNORECASE),
        inverted_pronoun=re.compile(
            rf"-(?:t-)?({alternation(pronouns)})\b" if w.inverted_pronoun else r"(?!)()"
        ),
        comment_heading=re.compile(
            rf"\s*(?:{alternation(w.reader_comment_markers)})\s*(?:\(\d+\))?\s*:?\s*", re.IGNORECASE
        ),
        auxiliary_inverted=_optional(w.auxiliary_cue),
        age_descriptor=_optional(w.age_descriptor),
        age_mention=_optional("|".join(template.format(age=r"(\d{1,3})") for template in w.age_mentions)),
        named_pair=_optional(_named_pair(w, name, determiner)),
        agent_after_quote=_optional(rf"[\s,.]*(?:{alternation(w.agent_words)})\s+"),
        credit_line=re.compile(rf"[\s\"“„«(]*(?:{alternation(w.agency_trailers)})", re.IGNORECASE),
        dateline=re.compile(DATELINE),
        impersonal_source=re.compile(
            rf"\s+(?:[a-zß-ÿ]+\s+)?(?:{alternation(w.impersonal_sources)})\s+([^,.;:]{{2,80}}?)(?=\s*[.;:]|\s*$)"
        ),
        as_first=re.compile(rf"(?:{alternation(w.as_words)})\s+"),
        # an empty word list makes `alternation` "(?!)": the pattern then never matches
        recipient_after_cue=re.compile(
            rf"\s+(?:{alternation(w.recipient_prepositions)})\s+(?:(?:{determiner})\s+|{elided})?"
            rf"{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}}(?=\s+\S)"
        ),
        as_after_comma=re.compile(rf"\s*(?:{alternation(_lower(w.as_words))})\s+"),
        as_before_inverted=re.compile(
            rf",\s*(?:(?:{alternation(_lower(w.as_words))})"
            rf"(?:\s+(?:{alternation(w.object_clitics)})\s+|\s+(?:{alternation(w.elided_determiners)})|\s+)"
            rf"|(?:{alternation(w.dative_clitics)})\s+)"
            rf"(?:(?:{alternation(w.auxiliaries)})\s+)?$"
        ),
        source_tail=re.compile(rf",\s+(?P<cue>{alternation(w.source_tail_words)})\s+"),
        titles_re=re.compile(rf"(?:(?:{alternation(titles)})\s+){{1,3}}"),
        pronouns=pronouns,
        person_pronouns=person,
        titles=titles,
        noun_markers=w.not_before_verb | w.determiners,
        speech_not_object=w.speech_verbs - w.object_verbs,
        stance_only=w.stance_verbs - w.object_verbs - w.clause_verbs - w.speech_verbs,
        object_or_stance=w.object_verbs | w.stance_verbs,
        leading_not_determiners=w.leading_words - w.determiners,
        not_title=w.leading_words | w.not_before_verb | w.relative_words,
        verbal_adverbs=w.skip_between | {"not", "already", "long"},
        lead_or_determiner=w.leading_words | w.determiners,
        after_that=tuple(w.complementizers | {"whether"}),
        lone_non_speakers=w.complementizers | {"this", "to"},
        function_words=_function_words(w),
        verb_forms=w.auxiliaries | w.modals | w.irregular_past,
        cue=_cue_pattern(w, inverted),
        cue_first_words=frozenset(
            c.split()[0] for c in (*w.speech_verbs, *w.cognition_verbs, *w.quote_tag_words, *w.multiword_cues)
        )
        | frozenset(a.split()[0] for a in w.according_to),
        name=name,
        determiner=determiner,
        pronoun_before=pron_before,
        pronoun_after=pron_after,
        speaker_after=re.compile(
            rf"[\s-]*(?:t-)?(?P<spk>(?:{pron_after})\b|(?:(?:{determiner})\s+|{elided})"
            rf"(?:(?:(?:{abbreviated})\.|{WORD})\s+){{0,5}}?(?:{not_a_title}{WORD})"
            rf"(?=\s*[,.;:]|\s+(?:{followers})\b)|{name})"  # ":": "Zugleich sagte die Ministerin: »…«"
        ),
        speaker_extension=re.compile(
            rf"(?:\s+(?:[a-zß-ÿ][\w-]*\s+){{1,3}}|,\s*)({name})(?=\s*(?:[,.;:)]|$))"
        ),
        role_apposition=re.compile(
            rf"(?:\s+[^,.;:\"“”«»„]{{1,60}}?)?,\s*((?:(?:{determiner})\s+)?{name})(?=\s*(?:[,.;:)]|$))"
        ),
        phrase_complement=re.compile(
            rf"\s+(?:{alternation(w.affiliation_words | w.name_particles)})\s+[^,.;:\"“”«»„]{{1,40}}?(?=\s*(?:[.;:)]|$))"
        ),
        speaker_before=re.compile(
            rf"(?:^|(?<=[\s(\"“„«]))(?P<spk>(?:{pron_before})|(?:(?:{determiner})\s+)?(?:{WORD}\s+){{0,4}}?{WORD}"
            rf"(?:\s+(?:{alternation(w.affiliation_words)})\s+(?:(?:{definite})\s+)?{name})?|{name})\s*$"
        ),
        initial_np=re.compile(
            rf"[\s\"“„«(]*(?P<spk>(?:{pron_before})\b|(?:(?:{determiner})\s+)?(?:[a-zß-ÿ][\w-]*\s+){{0,3}}"
            rf"(?:{name}\s+(?:[a-zß-ÿ][\w-]*\s+){{1,3}})?{name}(?:\s+[a-zß-ÿ][\w-]*)?"
            rf"|(?:{determiner})\s+(?:{WORD}\s+){{0,3}}{WORD}|[a-zß-ÿ]+)"
        ),
        appositive_name=re.compile(  # "Pilar Esteban", "la députée Élodie Marchetti"
            rf"\s*((?:(?:{determiner})\s+|{elided})?(?:[a-zß-ÿ][\w-]*\s+){{0,2}}(?:{CAP_WORD}{NAME_GAP})*{name})\s*"
        ),
        head_subject=re.compile(
            rf"\s*(?:(?:{lead_in})\s+)?({name}|{pron_before}|(?:{determiner})\s+(?:{WORD}\s+){{0,2}}{WORD})\s*"
        ),
        lead_in=re.compile(rf"(?:(?:{lead_in})\b,?\s+)+"),
        lead_phrase=re.compile(rf"[\"“„«]?(?:{alternation(w.lead_phrase_words)})\b"),
        cut_at=re.compile(rf"\s(?:{alternation(w.cut_words)})\s"),
        titled_name=re.compile(
            rf"\s+(?P<spk>[a-zß-ÿ][\w-]*\s+(?:[\w.&’'-]+\s+){{0,5}}?{name})"
            rf"(?=\s*(?:[,.;:)]|$)|\s+(?:{alternation({*w.speaker_followers, *w.object_stop_words})})\b)"
        ),
        when_after_cue=re.compile(
            rf"(?:\s+(?:(?:{alternation(w.time_prepositions)})\s+)?(?:{alternation(_both_cases(w.time_words))})\w*"
            rf"(?:\s+(?:{alternation(w.day_parts)}))?"
            r"|\s+(?:last|this|earlier this|later that)\s+(?:week|month|year|spring|summer|fall|winter)"
            rf"|\s+(?:{_any_of(w.time_phrases)})"
            rf"|,?\s+(?:{_any_of(w.cue_adverbials)}),?"
            rf"|\s+(?:{alternation(w.time_adverbs)}))+(?=[\s,])"
        ),
        that_clause=re.compile(
            rf"[\s,:]*(?:(?:{alternation(w.prepositions)})\s+[^,.;\"“”«»„]{{0,110}}?\s+)?"
            rf"(?:{_joined(w.complementizers | w.question_words)})"
        ),
        recipient_that=re.compile(rf"\s+[^.;\"“”«»„]{{1,110}}?\s+(?:{_joined(w.complementizers)})"),
        object_stop=re.compile(
            rf"\s*(?:[,;:]|\s[—–]\s|\s--\s|\s(?:{alternation(w.object_stop_words)}"
            rf"|on\s+(?:{alternation(w.time_words)})|{alternation(w.time_words)})\b)"
        ),
        plain_object=re.compile(rf"[\s,:]*(?:(?:{objects})\s+)?(?:{complementizers})?"),
        told_object=re.compile(
            rf"[\s,:]*(?:(?:{objects}|(?:the\s+)?[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*)\s+)?"
            rf"(?:{complementizers})?"
        ),
        coordinated_that=re.compile(
            rf",?\s+(?:and|y|e|et|und|sowie)\s+(?:{_joined(w.complementizers)})"
            if w.complementizers
            else r"(?!)"
        ),
        clause_break=re.compile(
            rf"\s*(?:;|,[\"”»]?\s+(?:{alternation(w.clause_breaks)})\s"
            rf"|\s[-—–]+\s+(?:{alternation(w.clause_breaks)})\s)"
        ),
        and_verb=re.compile(
            rf",?[\"”»]?\s+(?:{alternation(w.conjunctions_and)})\s+(?:(?:{alternation(w.skip_between)})\s+)?"
            r"([a-zß-ÿ]+)\b"
        ),
        participle_after_comma=re.compile(
            rf",[\"”»]?\s+([a-z]+{w.participle_suffix})\b" if w.participle_suffix else r"(?!)"
        ),
        work_title_before=re.compile(rf"(?:{alternation(w.work_title_words)})\s*$", re.IGNORECASE),
        adverb_run=re.compile(rf"(?:\s+(?:{alternation(w.skip_between)}))+"),
        particle=re.compile(rf"\s+(?:{alternation(w.verb_particles)})\b"),
        speaker_tail=_lower(
            (*w.skip_between, *w.time_words, *w.time_adverbs, *w.day_parts, *w.verb_particles)
        ),
        place_link=_joined(w.place_links),
        time_prepositions=_lower(tuple(w.time_prepositions)),
    )
