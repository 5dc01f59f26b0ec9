"""The citation words of every language (`pipeline.lang`), merged and compiled once.

Citing cues of all languages apply to every article: a French cue in an English article still
cites, and a cue word is rare enough outside its language that the union costs no precision.
What is not linguistic (quote marks, name connectors, country domains) is kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lang import CitationWords, all_citation_words

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
SEP = r"[ \u00a0]+"
CONNECTORS = frozenset(
    "of for de del la le du des am im für on y di da do dos and und & e et der the las los el les".split()
)
# "y", "und": inside a name only within a complement ("Instituto … de Estadística y Geografía",
# "Agentur für Gesundheit und Ernährungssicherheit"); between two names otherwise ("Reuters and AP")
COORDINATORS = frozenset("and und y e et".split())
DETERMINERS = r"(?:the|die|der|das|dem|den|des|le|la|les|el|los|las|al|del|au|aux|du|un|une|una|a|an)"
ELIDED = r"(?:[lLdD]['’])"
OPEN_QUOTES = "„“\"«‚‘'‹"
CLOSE_QUOTES = "“”\"»‘’'›"
TRAIL = ".,;:!?'’\"”“»)"
COUNTRY_ABBREVIATIONS = frozenset({"US", "U.S", "U.S.", "UK", "U.K.", "USA", "EU", "UN-"})
# Country of a site by its top-level domain, for local aliases ("ABC" is Australian on a .au site).
COUNTRY_OF_TLD = {
    "au": "AU",
    "uk": "GB",
    "ca": "CA",
    "in": "IN",
    "de": "DE",
    "at": "AT",
    "fr": "FR",
    "es": "ES",
    "mx": "MX",
    "ar": "AR",
    "pe": "PE",
    "ve": "VE",
    "uy": "UY",
    "py": "PY",
    "cr": "CR",
    "ae": "AE",
    "ie": "IE",
    "nz": "NZ",
}
# Connectors after a registry name that end it ("Reuters on Monday"), unlike "of" ("Bank of …").
# between an outlet and its verb: "The Times has reported", "Wie das Handelsblatt zuerst berichtete"
WORDS_BEFORE_VERB = (
    "has had have first also exclusively previously earlier originally initially was were hat hatte a avait ha "
    "había just recently later then now zuerst zunächst bereits exklusiv ebenfalls auch déjà aussi ya también "
    "primero"
).split()
NAME_CONTINUERS = frozenset("of for de del du des für di da do dos &".split())
NAME_TAILS = frozenset({"tv", "television", "online", "radio", "newspaper", "news", "magazine"})
BARE_OUTLET_WORDS = frozenset({"news", "radio", "tv", "daily", "magazine", "online", "journal", "post"})
CUE_CLASSES = {
    "attr": "attribution",
    "on": "attribution",
    "platform": "attribution",
    "via": "via",
    "per": "attribution",
    "study": "study",
    "journal": "study",
    "src": "source_line",
}

CueTable = dict[str, list[tuple[str, re.Pattern[str]]]]


def _table(cues: list[tuple[str, str, str]]) -> CueTable:
    """Cues keyed by trigger word: the scan finds the few trigger words of an article (a set
    intersection), then matches each cue's small pattern there. One alternation over the whole
    text cost ten times more."""
    table: CueTable = {}
    for cls, triggers, pattern in cues:
        compiled = re.compile(pattern + r"(?![\w-])[ \u00a0]*", re.I)
        for word in triggers.split():
            table.setdefault(word, []).append((cls, compiled))
    return table


@dataclass(frozen=True)
class Vocabulary:
    forward: CueTable
    backward: CueTable
    time_words: frozenset[str]
    lead_words: frozenset[str]
    outlet_words: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    outlet_prefixes: frozenset[str]
    person_words: frozenset[str]
    media_staff: re.Pattern[str]  # "'s political editor": a possessive before a staff noun
    posting: re.Pattern[str]  # a verb of posting or a post's name ("wrote", "Beitrag", "vidéo")
    anonymous_posts: re.Pattern[str]  # a sentence opened by posts ("Posts shared on Facebook claim")
    possessor: re.Pattern[str]  # "The BBC" ending right before that possessive
    organisation_words: frozenset[str]
    generic_items: frozenset[str]
    label_last_words: frozenset[str]
    descriptor: re.Pattern[str]  # "the newspaper Kurjer": a descriptor licensing an unknown name after it
    descriptor_after: re.Pattern[str]  # "Kurjer, the local newspaper": one after it
    anaphoric: re.Pattern[str]  # "the newspaper reported": the outlet named before
    label: re.Pattern[str]  # "Sources:", "Foto:"
    org_stems: tuple[str, ...]  # organisation words of more than three letters (German genitive)
    neuter_heads: tuple[str, ...]  # German neuter organisation heads ("Bundesamt": "Statistisches")
    contracted_articles: dict[str, str]  # "du" -> "Le": the article inside a fused preposition
    compound: re.Pattern[str]  # "Spiegel-Bericht", "ZDF-Politbarometer": an outlet inside a compound
    compound_source_starts: tuple[str, ...]  # "bericht", "meldung": a hyphenated word ending so may be one
    report_nouns: frozenset[str]  # report, Bericht, rapport: a text without any needs no report scan
    study_compound_endings: tuple[str, ...]  # "Machbarkeitsstudie": a German compound naming a study
    in_a_report: re.Pattern[str]  # " in a new report", " dans un rapport"
    platform_place: re.Pattern[str]  # "on X", "Sur Facebook", "in einem Instagram-Video"
    country_of_language: dict[str, str]


def _union(langs: tuple[CitationWords, ...], field: str) -> frozenset[str]:
    return frozenset().union(*(getattr(lang, field) for lang in langs))


def _joined(langs: tuple[CitationWords, ...], field: str) -> list[str]:
    """Every language's entries of a tuple field, in order, without repeats."""
    return list(dict.fromkeys(item for lang in langs for item in getattr(lang, field)))


def _alternatives(items: list[str]) -> str:
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


@cache
def vocabulary() -> Vocabulary:
    langs = all_citation_words()
    descriptor_nouns = _alternatives(_joined(langs, "descriptor_nouns"))
    anaphoric = _alternatives([re.escape(n) for n in _joined(langs, "anaphoric_outlet_nouns")])
    organisation_words = _union(langs, "organisation_words")
    return Vocabulary(
        forward=_table(_joined(langs, "forward_cues")),
        backward=_table(_joined(langs, "backward_cues")),
        time_words=_union(langs, "time_words"),
        lead_words=_union(langs, "lead_words"),
        outlet_words=_union(langs, "outlet_words"),
        outlet_suffixes=tuple(_joined(langs, "outlet_suffixes")),
        outlet_prefixes=_union(langs, "outlet_prefixes"),
        person_words=_union(langs, "person_words"),
        media_staff=re.compile(
            rf"['’]s?[ \u00a0]+(?:[a-z-]+[ \u00a0]+){{0,3}}?"
            rf"{_alternatives(sorted(_union(langs, 'media_staff_words')))}s?\b"
        ),
        posting=re.compile(
            rf"\b(?:{_alternatives(sorted(_union(langs, 'posting_words')))})s?\b", re.IGNORECASE
        ),
        anonymous_posts=re.compile(
            rf"(?:[\w’']+[ \u00a0]+)?(?:{_alternatives(sorted(_union(langs, 'anonymous_posts')))})\b",
            re.IGNORECASE,
        ),
        possessor=re.compile(rf"(?:The[ \u00a0]+)?[{UPPER}][\w&.-]*(?:[ \u00a0]+[{UPPER}][\w&.-]*){{0,3}}$"),
        organisation_words=organisation_words,
        study_compound_endings=tuple(_joined(langs, "study_compound_endings")),
        generic_items=_union(langs, "generic_items"),
        label_last_words=_union(langs, "label_last_words"),
        descriptor=re.compile(
            rf"(?:(?:the|a|an|die|der|das|dem|den|des|le|la|les|el|al|del|au|du|los|las|un|une|una)[ \u00a0]+|[lL]['’])?"
            rf"(?:(?:[a-zäöüéèàáíóúñ][\w.-]*|[{UPPER}][a-zäöüéáíóú]+(?:an|ese|ish|ian|i|ch|ic|er|en|sche|schen)"
            rf"|U\.S\.|US|UK)[ \u00a0]+){{0,3}}?{descriptor_nouns}[ \u00a0]+"
        ),
        descriptor_after=re.compile(r"[“”\"»’']?[ \u00a0]*-?" + descriptor_nouns + r"(?![\w])"),
        anaphoric=re.compile(
            r"(?:(?:[Tt]he|[Dd]ie|[Dd]er|[Dd]as|[Ll]e|[Ll]a|[Ee]l)[ \u00a0]+)(?:[a-zäöüéè][\w-]*[ \u00a0]+){0,2}?"
            rf"(?P<noun>{anaphoric})[ \u00a0]*$"
        ),
        label=re.compile(
            r"(?:^|(?<=[/|•·–—]\s)|(?<=[.!?)]\s)|(?<=\())[ \t]*(?:(?P<src>"
            + "|".join(_joined(langs, "source_labels"))
            + r")|(?P<photo>"
            + "|".join(_joined(langs, "photo_labels"))
            + r"))[ \t]*:$",
            re.M,
        ),
        org_stems=tuple(w for w in organisation_words if len(w) > 3),
        neuter_heads=tuple(head for lang in langs for head in lang.neuter_heads),
        contracted_articles={k: v for lang in langs for k, v in lang.contracted_articles.items()},
        report_nouns=_union(langs, "report_nouns"),
        in_a_report=re.compile(
            rf"[ \u00a0]+(?:{'|'.join(_joined(langs, 'in_a_report'))})"
            rf"\s+{_alternatives(sorted(_union(langs, 'report_nouns')))}\b"
        ),
        platform_place=re.compile(
            rf"(?<![\w-])(?i:{'|'.join(sorted(_union(langs, 'platform_prepositions')))})[ \u00a0]+"
            rf"(?:(?i:{'|'.join(sorted(_union(langs, 'indefinite_articles')))})[ \u00a0]+)?(?P<name>[A-Z][\w.]*)(?!\w)"
        ),
        compound_source_starts=tuple(sorted({s.lower() for s in _union(langs, "compound_sources")})),
        compound=re.compile(
            rf"(?<![\w-])(?P<name>[\w][\w.]*)-(?:{_alternatives(sorted(_union(langs, 'compound_sources')))})\b"
        ),
        country_of_language={lang.code: lang.country for lang in langs if lang.country},
    )
