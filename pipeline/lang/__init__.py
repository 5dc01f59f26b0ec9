"""Language data for the quotes and citations steps: one module per language, one shared module.

As spaCy keeps `spacy/lang/<lang>/` apart from its pipeline, the words that differ between
languages live here and the engines (`pipeline.quotes`, `pipeline.citations`) only hold rules.
Each language module defines `QUOTES` (a `QuoteWords`) and `CITATIONS` (a `CitationWords`);
every entry is a named field, never taken by position. Adding a language is adding a module
and naming it in `_MODULES`.

Words are stored as written in running text (lower case unless the field says otherwise);
verb fields hold every inflected form the rules should recognise.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache

# Genders of persons, as far as a title, a role noun, a first name or a pronoun tells.
FEMININE = "f"
MASCULINE = "m"

_MODULES = {
    "en": "pipeline.lang.en",
    "de": "pipeline.lang.de",
    "fr": "pipeline.lang.fr",
    "es": "pipeline.lang.es",
}
DEFAULT = "en"


@dataclass(frozen=True, slots=True)
class Pronoun:
    gender: str | None  # FEMININE, MASCULINE or None (either, or not a person)
    person: bool  # refers to a person (he, she, er, elle) rather than a thing or a group
    plural: bool = False
    # German "sie" is also "they": after a verb with one of the language's plural endings
    # ("sagten sie", "sagen sie") it is plural
    also_plural: bool = False


@dataclass(frozen=True)
class QuoteWords:
    """What the quotes engine needs to know about one language."""

    code: str
    # -- verbs (inflected forms) --
    speech_verbs: frozenset[str]  # verbs of saying: direct and indirect cues
    cognition_verbs: frozenset[str]  # think, believe: indirect cues only, never before a bare quote
    stance_verbs: frozenset[str]  # endorse, criticise: the object phrase is the content
    clause_verbs: frozenset[str]  # verbs that take a reported clause without "that"
    object_verbs: frozenset[str]  # call, describe, liken: the object (with its quoted words) is the content
    recipient_verbs: frozenset[str]  # tell, warn: a recipient may come between the verb and "that"
    light_verbs: frozenset[str]  # verbs of doing: the quoted words after them are titles or names
    multiword_cues: tuple[str, ...]  # cues of several words ("pointed out", "a déclaré", "ha dicho")
    according_to: tuple[str, ...]  # a source follows: "according to X", "selon X", "laut X"
    according_to_after: tuple[str, ...] = ()  # a source precedes: "X zufolge"
    according_to_initial: tuple[str, ...] = ()  # only opening a sentence: "Pour le maire, …"
    source_compounds: tuple[str, ...] = ()  # German: "Nach Polizeiangaben", "Spiegel-Informationen"
    quote_tag_words: tuple[str, ...] = ()  # a bare word joining a quote and its source: „…“, so Müller
    complementizers: frozenset[str] = frozenset()  # that, dass, que
    question_words: frozenset[str] = frozenset()  # whether, if, how: an indirect question
    participle_suffix: str = ""  # "saying": a participle cue takes the sentence's subject
    inverted_pronoun: str = ""  # regex after a verb: "-t-il" ("dit-il", "a-t-elle ajouté")
    auxiliary_cue: str = ""  # regex of an inverted compound tense: "a-t-elle ajouté"
    # -- who can speak --
    pronouns: dict[str, Pronoun] = field(default_factory=dict)  # subject pronouns, lower case
    honorifics: dict[str, str | None] = field(default_factory=dict)  # mr -> m, frau -> f, dr -> None
    roles: dict[str, str | None] = field(default_factory=dict)  # role nouns before names; gender if marked
    feminine_role_suffixes: tuple[str, ...] = ()  # Bürgermeisterin, présidente: a feminine role noun
    speaker_nouns: frozenset[str] = frozenset()  # heads of phrases that can speak (ministry, spokesman)
    group_words: frozenset[str] = frozenset()  # others, critics, officials: speakers never resolved
    non_speakers: frozenset[str] = frozenset()  # heads that cannot speak (study, scientists found, posts)
    # endings of abstract nouns ("l'acquittement", "une stigmatisation"): such a head speaks only when
    # it is an organisation ("la fédération", "the administration")
    abstract_suffixes: tuple[str, ...] = ()
    # "agreed to work together": an infinitive after a cue is an undertaking, not reported speech
    infinitive_markers: frozenset[str] = frozenset()
    # "the FTSE added 41 points": a speech verb that also counts, no speech before a number
    quantity_verbs: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()  # words that make a name an organisation
    organisation_suffixes: tuple[str, ...] = ()  # German compounds: Stadtverwaltung, Kultusministerium
    role_suffixes: tuple[str, ...] = ()  # German compounds: Kreisbrandmeister, Betriebsratsvorsitzende
    generic_organisation_nouns: frozenset[str] = frozenset()  # "the company": a named organisation before
    capitalised_nouns: bool = False  # German: every noun has a capital, so a capital makes no name
    any_kind_nouns: frozenset[str] = frozenset()  # "the body", "el organismo": an organisation of any kind
    kind_synonyms: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # "consistorio" -> {"ayuntamiento"}
    outlet_nouns: frozenset[str] = frozenset()  # "the newspaper", "le quotidien": an outlet named before
    age_words: tuple[str, ...] = ()  # "the 38-year-old", "der 38-Jährige", "de 41 ans": a person before
    determiner_gender: dict[str, str] = field(default_factory=dict)  # la -> f, der -> m
    plural_article_is_feminine: bool = False  # German "die": a feminine article tells no gender alone
    indefinite_determiners: frozenset[str] = frozenset()  # a, ein, une: an unnamed speaker
    object_determiners: frozenset[str] = frozenset()  # dem, den: a German object, never the subject
    title_markers: tuple[str, ...] = ()  # "titled", "intitulé": the title of a document follows
    document_words: frozenset[str] = frozenset()  # statement, letter: resolve to who issued them
    issue_verbs: tuple[str, ...] = ()  # released, issued: "X released a statement"
    determiners: frozenset[str] = frozenset()  # the, a, der, le, el ... (lower case)
    definite_articles: frozenset[str] = frozenset()  # the, der/die/das, le/la/les, el/la/los/las
    name_particles: frozenset[str] = frozenset()  # van, von, de, del: lower-case words inside names
    # -- sentence shape --
    leading_words: frozenset[str] = frozenset()  # conjunctions and adverbs that open a sentence
    lead_in_words: tuple[str, ...] = ()  # "But", "And" ... (capitalised) before a sentence's subject
    lead_phrase_words: tuple[str, ...] = ()  # "At", "During" ... opening a leading phrase ended by a comma
    skip_between: frozenset[str] = frozenset()  # adverbs and auxiliaries between a subject and its verb
    relative_words: frozenset[str] = frozenset()  # who, which: a relative clause, not the main one
    prepositions: frozenset[str] = frozenset()  # to, in, during ...: open a phrase between a cue and "that"
    not_before_verb: frozenset[str] = (
        frozenset()
    )  # to, of, own: after them a cue word is a noun or infinitive
    speaker_followers: frozenset[str] = frozenset()  # who, in, of: may follow a speaker after an inverted cue
    affiliation_words: frozenset[str] = frozenset()  # for, of, at: "a spokesman for the ministry"
    # in, de: an institution introduced with its place ("die Polizei in Bad Ellern", "le tribunal
    # administratif de Rouvray") is that institution when the article later says "die Polizei"
    place_links: tuple[str, ...] = ()
    cut_words: frozenset[str] = frozenset()  # on, with, who: end a sentence-initial subject
    conjunctions_and: tuple[str, ...] = ()  # "and", "but": a second verb of the same subject
    and_word: str = ""  # "and", "und": two people named together ("Brenner und Haas")
    plural_verb_endings: tuple[str, ...] = ()  # "-en": "sagten sie" is "they said"
    clause_breaks: tuple[str, ...] = ()  # "but", "while": a new clause ends the reported one
    adverbial_openers: frozenset[str] = frozenset()  # during, however: a sentence opener before "X said,"
    time_words: frozenset[str] = frozenset()  # Monday, yesterday: may follow a cue before the content
    time_adverbs: frozenset[str] = frozenset()  # recently, again: may follow a cue
    time_prepositions: frozenset[str] = frozenset()  # on, am, el: before a day after a cue
    day_parts: frozenset[str] = frozenset()  # morning, soir: after a day
    pro_drop: bool = False  # Spanish: "Reconoció que …", "«…», añadió.": the subject is often left out
    time_phrases: tuple[str, ...] = ()  # regex: "la semana pasada", "last week": may follow a cue
    # regex: "par ailleurs", "por su parte": a discourse adverbial between a cue and its clause
    cue_adverbials: tuple[str, ...] = ()
    head_initial: bool = False  # French, Spanish: "le parquet de X" is a parquet (the head comes first)
    verb_second: bool = False  # German: "Am Montag sagte der Minister, …" puts the subject after the verb
    clause_introducers: tuple[
        str, ...
    ] = ()  # ",", "que": what opens a reported clause; none: a bare clause may
    elided_determiners: tuple[str, ...] = ()  # l': joined to its noun ("l'élu")
    as_words: tuple[str, ...] = ()  # "As X said, …", "Wie X mitteilte, …": a clause naming the source first
    source_tail_words: tuple[str, ...] = ()  # so: "…, so die Kandidatin." names the source after the clause
    # à, au: "a confié au Monde la commissaire": the outlet told, between an inverted cue and its subject
    recipient_prepositions: tuple[str, ...] = ()
    possessives: dict[str, str | None] = field(default_factory=dict)  # his, ses: "according to his words"
    # "the 58-year-old", "die 34-Jährige": a speaker known by an age (group 1), given beside a name before
    age_descriptor: str = ""
    # where an article gives a person's age beside the name, {age} the number: "Leanne Brodie, 58,"
    age_mentions: tuple[str, ...] = ()
    # neighbour, épouse, hijo: a person known by a tie to someone else ("her neighbour" is not her); gender
    relatives: dict[str, str | None] = field(default_factory=dict)
    object_stop_words: tuple[str, ...] = ()  # during, when: end a stance verb's object phrase
    objects_after_tell: tuple[str, ...] = ()  # reporters, him: recipients after "told"
    auxiliaries: frozenset[str] = frozenset()  # is, was, has: a verb phrase goes on
    passive_auxiliaries: frozenset[str] = frozenset()  # were (told): the subject is not the speaker
    # "une réponse jugée « dérisoire » par X", "a plan described as "reckless" by X": a participle that
    # names what was said, the quotation, the agent word and the speaker after it
    naming_participles: frozenset[str] = frozenset()
    agent_words: tuple[str, ...] = ()
    modals: frozenset[str] = frozenset()  # should (call): an instruction or a possibility, not a report
    irregular_past: frozenset[str] = frozenset()  # said, told: finite verbs without a regular ending
    not_verbs: frozenset[str] = frozenset()  # was, times: -s words that are never the main verb here
    verb_particles: tuple[str, ...] = ()  # up, out: "summed up"
    reflexives: frozenset[str] = frozenset()  # se: "il se dit « déçu »" quotes words, reports no clause
    # la, le: before a finite verb an object pronoun, not an article ("Vidal la definió como «…»")
    object_clitics: frozenset[str] = frozenset()
    # "…, lui a répondu Me Quéméner", "…, le respondió el alcalde": an indirect object before an
    # inverted cue
    dative_clitics: frozenset[str] = frozenset()
    participle_endings: tuple[str, ...] = ()  # -ado, -é: after "la" a participle is a noun ("la dicha")
    past_suffixes: tuple[str, ...] = ()  # "ed": a regular past tense
    contractions: frozenset[str] = frozenset()  # he's, it's: "'s" is "has"/"is", not a possessive
    # -- quoted words that are not quotes --
    work_title_words: tuple[str, ...] = ()  # so-called, film, book: scare quotes and titles of works
    minor_title_words: frozenset[str] = frozenset()  # of, the: lower-case words in a title of a work
    agency_trailers: tuple[str, ...] = ()  # "additional reporting by": a credit, not speech
    reader_comment_markers: tuple[str, ...] = ()  # "comments", "reader comments": what follows is no article
    konjunktiv_forms: frozenset[str] = frozenset()  # sei, habe: German reported speech without a verb
    impersonal_sources: tuple[str, ...] = ()  # "heißt es in/aus/von X": the source after an impersonal cue


@dataclass(frozen=True)
class CitationWords:
    """What the citations engine needs to know about one language."""

    code: str
    forward_cues: tuple[tuple[str, str, str], ...]  # (class, trigger words, regex): the name follows
    backward_cues: tuple[tuple[str, str, str], ...]  # (class, trigger words, regex): the name precedes
    time_words: frozenset[str] = frozenset()  # end a name: "told Reuters on Monday"
    lead_words: frozenset[str] = frozenset()  # may precede a name at a sentence start
    outlet_words: frozenset[str] = frozenset()  # last words of outlet names (Zeitung, journal, diario)
    outlet_suffixes: tuple[str, ...] = ()  # endings of one-word outlet names (-zeitung, -blatt)
    outlet_prefixes: frozenset[str] = frozenset()  # first words of outlet names (daily, diario)
    person_words: frozenset[str] = frozenset()  # make a run a person or an office, never an outlet
    # editor, correspondent: "The BBC's political editor said" cites the outlet whose staff speaks
    media_staff_words: frozenset[str] = frozenset()
    # verbs of posting and the names of posts: "wrote on X", "in a post on Instagram", "Sur Facebook,
    # elle a publié": a platform near one of them is where a source spoke
    posting_words: frozenset[str] = frozenset()
    # posts as a sentence's subject ("Posts on Facebook claim …"): what they say has no source to cite
    anonymous_posts: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()  # make a run an organisation (a study's author)
    # German compounds ending in a study noun ("Machbarkeitsstudie", "Jahresbericht"): their endings
    study_compound_endings: tuple[str, ...] = ()
    # "sagte Reinholz bei Sport1", "a raconté le sexagénaire à La Montagne": regex alternatives that
    # put a news outlet a few words after a speech verb, where the speaker spoke to it
    spoken_to: tuple[str, ...] = ()
    # presenter, Redakteur: who works for the outlet after them ("ein Redakteur der Süddeutschen
    # Zeitung" cites nothing); German compounds by their ending ("Sportredakteurin")
    staff_nouns: tuple[str, ...] = ()
    # a body whose name goes on in lower case after its organisation word ("Conseil central de
    # surveillance pénitentiaire", "Dirección General de Tráfico"): the links inside such a name, the
    # words that end it, and the endings of a verb form after it ("publiée", "relevait", "publicado")
    body_name_links: tuple[str, ...] = ()
    body_name_stops: frozenset[str] = frozenset()
    body_participle_endings: tuple[str, ...] = ()
    neuter_heads: tuple[str, ...] = ()  # German: neuter organisation heads (their adjectives take -es)
    # a preposition fused with an outlet's article: "du Progrès" is (de) Le Progrès, "al País" El País
    contracted_articles: dict[str, str] = field(default_factory=dict)
    # German nouns an outlet's name is joined to: "ein Spiegel-Bericht", "das ZDF-Politbarometer"
    compound_sources: tuple[str, ...] = ()
    # "warned in a new report", "in einem Bericht": regex alternatives before a report noun, and the
    # nouns ("the World Bank warned in a report": the bank authored a study)
    in_a_report: tuple[str, ...] = ()
    report_nouns: frozenset[str] = frozenset()
    # "on X", "sur Facebook", "in einem Instagram-Video": prepositions before a platform, and the
    # indefinite articles that may stand between
    platform_prepositions: frozenset[str] = frozenset()
    indefinite_articles: frozenset[str] = frozenset()
    descriptor_nouns: tuple[str, ...] = ()  # regex alternatives: "the newspaper", "die Zeitung"
    anaphoric_outlet_nouns: tuple[str, ...] = ()  # "the newspaper reported": the outlet named before
    generic_items: frozenset[str] = frozenset()  # source-line items naming no source (staff, agencies)
    source_labels: tuple[str, ...] = ()  # regex alternatives: Sources, Quelle, Fuente
    photo_labels: tuple[str, ...] = ()  # regex alternatives: Photo, Foto, Crédit photo
    label_last_words: frozenset[str] = frozenset()  # last word of a label before its colon
    country: str | None = None  # the registry's country for local aliases, when the site does not say


@cache
def _module(code: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(_MODULES[code])


def language_code(language: str | None) -> str:
    """ "de-AT" -> "de"; an unknown or missing language falls back to English."""
    code = (language or DEFAULT).split("-")[0].split("_")[0].lower()
    return code if code in _MODULES else DEFAULT


def quote_words(language: str | None) -> QuoteWords:
    return _module(language_code(language)).QUOTES


def citation_words(language: str | None) -> CitationWords:
    return _module(language_code(language)).CITATIONS


def own_citation_words(language: str | None) -> CitationWords | None:
    """The citation words of the article's own language, None for a language without data (no
    fallback to English: a rule that reads a language's grammar applies to that language only)."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return _module(code).CITATIONS if code in _MODULES else None


def all_citation_words() -> tuple[CitationWords, ...]:
    """Every language's citation cues: a French cue in an English article still cites."""
    return tuple(_module(code).CITATIONS for code in _MODULES)


def words(text: str) -> frozenset[str]:
    """A blank-separated word list as a set (the data modules are written this way)."""
    return frozenset(text.split())
