"""Tests on the words of a candidate source name: outlet, organisation, person, tidy forms."""

from __future__ import annotations

import re
from functools import cache

from pipeline.citations.vocabulary import (
    BARE_OUTLET_WORDS,
    CLOSE_QUOTES,
    CONNECTORS,
    COORDINATORS,
    COUNTRY_ABBREVIATIONS,
    DETERMINERS,
    ELIDED,
    OPEN_QUOTES,
    SEP,
    TRAIL,
    UPPER,
    WORDS_BEFORE_VERB,
    vocabulary,
)
from pipeline.lang.shared import is_given_name
from pipeline.outlets import registry

MAX_OUTLET_WORDS = 6
MAX_ORGANISATION_WORDS = 8
MAX_ACRONYM_WORDS = 3
MIN_SUFFIX_WORD = 7  # "Nordwest-Zeitung", not "Post": a one-word outlet by its ending
MIN_COMPOUND = 9  # "Umweltbundesamt": a compound long enough to end in an organisation word
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")
_OF_WORDS = frozenset({"of", "de", "del", "du", "des", "für"})


@cache
def name_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Forward and backward name-run patterns (built once: lower-case aliases such as "dpa" come
    from the registry)."""
    lower = sorted(registry().lowercase_first_words, key=len, reverse=True)
    lower_alt = "|".join(re.escape(w) for w in lower) or "(?!)"
    token = rf"(?:[{UPPER}0-9][\w.&+!'’-]*|(?:{lower_alt})(?![\w]))"
    # an article after "of", "de" stays inside a name ("Bank of the West"); after "and" it starts the
    # next name ("The Times and the Guardian")
    of_conn = r"(?:of|for|de|del|la|le|du|des|am|im|für|on|di|da|do|dos|der)"
    and_conn = "|".join([*sorted(COORDINATORS), "&"])
    conn = rf"(?:{of_conn}(?:{SEP}(?:the|la|las|los|el|le|les))?|{and_conn})"
    adjective = rf"(?:[a-zäöüß]+en{SEP})?"  # "Institut der deutschen Wirtschaft"
    run = rf"{token}(?:{SEP}(?:{conn}{SEP}{adjective})?{token}){{0,7}}"
    forward = re.compile(
        rf"(?<![\w'’-])(?P<det>{DETERMINERS}{SEP}|{ELIDED})?(?P<q>[{OPEN_QUOTES}][ \u00a0]?)?(?P<run>{run})"
    )
    backward = re.compile(
        rf"(?<![\w'’-])(?:(?P<det>{DETERMINERS}){SEP}|(?P<el>{ELIDED}))?(?P<q>[{OPEN_QUOTES}][ \u00a0]?)?(?P<run>{run})"
        rf"[{CLOSE_QUOTES}]?(?P<desc>{SEP}(?:news{SEP}agency|news{SEP}service|newspaper|daily|tabloid|agency|"
        rf"broadcaster|network|magazine|TV|television|radio|website|channel))?"
        rf"(?P<inter>[ \u00a0]*,[^,;\n]{{1,80}},)?"
        rf"(?P<which>[ \u00a0]*,[ \u00a0]*(?:which|who|die|qui|que)[ \u00a0]+)?"
        rf"(?:{SEP}(?:{'|'.join(WORDS_BEFORE_VERB)}))*[ \u00a0]*$"
    )
    return forward, backward


def lower(token: str) -> str:
    return token.strip(TRAIL).lower()


def is_abbreviation(token: str) -> bool:
    return bool(_ABBREVIATION.fullmatch(token))


def is_lead(token: str) -> bool:
    word = lower(token)
    v = vocabulary()
    return word in v.lead_words or word in v.time_words or token in CONNECTORS or word.isdigit()


def first_name_like(word: str) -> bool:
    """ "Michael Bloomberg said" is a person; "Bloomberg said" may be the agency."""
    return is_given_name(word)


def clean_end(text: str, s: int, e: int) -> tuple[int, int, bool]:
    """Trim trailing punctuation and a possessive; report whether the token was possessive."""
    while e > s and text[e - 1] in TRAIL:
        if text[e - 1] in "'’" and e - 1 > s and text[e - 2] == "s" and e - s > 3:  # "Reuters'"
            return s, e - 1, True
        e -= 1
    if e - s > 2 and text[e - 2] in "'’" and text[e - 1] == "s":
        return s, e - 2, True
    return s, e, False


def tidy(surface: str) -> str:
    """Quotes, blanks and a lower-case "the" off; a capitalised "The" mid-sentence is part of the name."""
    surface = surface.strip(OPEN_QUOTES + CLOSE_QUOTES + " .,;:")
    surface = re.sub(r"\s+", " ", surface)
    if surface.startswith("the ") and len(surface) > 4:
        surface = surface[4:]
    return surface


def nominative(name: str) -> str:
    """German genitive to nominative at the organisation's head noun, with the adjectives before it:
    "Instituts für X" -> "Institut für X", "Robert Koch-Instituts" -> "Robert Koch-Institut",
    "Bayerischen Brauerbundes" -> "Bayerischer Brauerbund", "Statistischen Bundesamtes" ->
    "Statistisches Bundesamt"."""
    words = name.split(" ")
    for i, word in enumerate(words):
        stem = _genitive_stem(word)
        if stem is None:
            continue
        ending = "es" if stem.lower().endswith(vocabulary().neuter_heads) else "er"
        before = [w[:-2] + ending if _weak_adjective(w) else w for w in words[:i]]
        return " ".join([*before, stem, *words[i + 1 :]])
    return name


def _genitive_stem(word: str) -> str | None:
    """ "Instituts" -> "Institut", "Brauerbundes" -> "Brauerbund"; None for a word in another case."""
    for ending in ("es", "s"):
        stem = word[: -len(ending)]
        head = stem.lower().split("-")[-1]
        if word.endswith(ending) and head.endswith((*vocabulary().org_stems, *vocabulary().neuter_heads)):
            return stem
    return None


def _weak_adjective(word: str) -> bool:
    """ "Bayerischen", "Deutschen", "Europäischen": a capitalised adjective in the weak genitive."""
    return word[:1].isupper() and word.endswith("en") and len(word) > 4


def plausible_name(words: list[str]) -> bool:
    person = vocabulary().person_words
    return bool(words) and not any(w.lower().strip(TRAIL) in person for w in words)


def _outlet_suffix(last: str) -> bool:
    v = vocabulary()
    if "-" in last:
        return (
            last.rsplit("-", 1)[1] in v.outlet_words
        )  # "Nordwest-Zeitung" counts, "Instagram-Post" does not
    return last.endswith(v.outlet_suffixes) and len(last) >= MIN_SUFFIX_WORD


def looks_like_outlet(words: list[str]) -> bool:
    if not words or len(words) > MAX_OUTLET_WORDS or not plausible_name(words):
        return False
    v = vocabulary()
    lw = [w.lower().strip(TRAIL) for w in words]
    while len(lw) > 1 and lw[-1].isdigit():
        lw.pop()
    last = lw[-1]
    if last in v.outlet_words or _outlet_suffix(last):
        return len(words) > 1 or last not in BARE_OUTLET_WORDS
    for i, w in enumerate(lw[:-1]):
        if w in v.outlet_words and lw[i + 1] in _OF_WORDS and len(lw) - i <= 5:
            return True
    return len(words) > 1 and lw[0] in v.outlet_prefixes and words[1][:1].isupper()


def _organisation_word(word: str) -> bool:
    """ "Ministry", "Ministries", "Umweltbundesamt", "Ifo-Institut": a word organisations are named with."""
    org = vocabulary().organisation_words
    lw = word.lower().strip(TRAIL)
    if lw in org or (lw.endswith("s") and (lw[:-1] in org or lw[:-2] in org)):
        return True
    stem = lw[:-2] if lw.endswith("es") else lw.rstrip("s")
    heads = (*vocabulary().org_stems, *vocabulary().neuter_heads)
    return len(lw) >= MIN_COMPOUND and (lw.rstrip("s").endswith(heads) or stem.endswith(heads))


def looks_like_org(words: list[str]) -> bool:
    if not words or len(words) > MAX_ORGANISATION_WORDS or not plausible_name(words):
        return False
    if any(_organisation_word(w) for w in words):
        return True
    if any(ch.isdigit() for w in words for ch in w):
        return False  # "RTX 3080 review" is a product
    acronyms = [
        w
        for w in (x.strip(TRAIL) for x in words)
        if 2 <= len(w) <= 7 and w.isupper() and w.isalpha() and w not in COUNTRY_ABBREVIATIONS
    ]
    return bool(acronyms) and len(words) <= MAX_ACRONYM_WORDS
