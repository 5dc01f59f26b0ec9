"""What every language shares: quote marks, dashes, honorific abbreviations, given names with gender.

Quote marks are typographic, not linguistic: a German article may use «…» and a French one
"…", so every pair is understood everywhere; only the German reversed guillemets (»…«) and the
German low-high pair („…“) depend on the language (see `REVERSED_GUILLEMETS`).
"""

from __future__ import annotations

import csv
import io
from functools import cache, lru_cache
from importlib import resources

from pipeline.lang import FEMININE, MASCULINE

# Opening mark -> the marks that close it.
QUOTE_PAIRS: dict[str, str] = {
    '"': '"',
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’",
}
OPENING_MARKS = '“„«‹"‘'  # marks that open a quotation in every language (‘…’ in British copy)
TYPEWRITER_DOUBLE = "''"  # two apostrophes for a double mark (wire copy)
ALL_MARKS = '"“”„«»‹›'
REVERSED_GUILLEMETS = frozenset({"de"})  # languages where »…« and ›…‹ are quotations
LOW_HIGH_LANGUAGES = frozenset({"de"})  # „…“: a “ after a letter closes, never opens

# A by-line under a quotation: “…” ― Jorge Falcon
BYLINE_DASHES = "―—"
# Marks between a quotation and its attribution: "…," she said / «…» — dijo
ATTRIBUTION_JOINERS = ",;—–-"

# Honorifics written the same way in several languages (lower case, without the full stop).
SHARED_HONORIFICS: dict[str, str | None] = {"dr": None, "prof": None, "mag": None, "ing": None}

# Abbreviations that make a name an organisation in every language ("FC Villeneuve", "Uckerklang GmbH").
ORGANISATION_MARKERS = frozenset(
    "fc sv cf rc tsv vfb vfl spvgg gmbh ag e.v. sa. s.a. ltd inc corp plc llc".split()
)
# A dateline opening a wire story: "BERLIN (dpa) - ", "VILLANUEVA DE ORIA, 14 mar (EFE).- ", "NORTHFIELD — ".
DATELINE = (
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{2,}(?:,\s*[^.—–\n]{1,40}?)?(?:\s*\([^)\n]{1,30}\))?\s*\.?\s*(?:[-—–]+|:)\s+"
)

# Capitalised words that never start a person's name (sentence openers in every language).
NAME_CONNECTORS = frozenset(
    "de del della di da van von der den ter al el bin ben ibn la le du des dos y".split()
)


@cache
def given_names() -> dict[str, str | None]:
    """Lower-case given name -> FEMININE, MASCULINE, or None for a name given to both ("x" in the file)."""
    text = resources.files("pipeline").joinpath("data", "given_names.csv").read_text(encoding="utf-8")
    genders = {"f": FEMININE, "m": MASCULINE, "x": None}
    return {row["name"]: genders[row["gender"]] for row in csv.DictReader(io.StringIO(text))}


@lru_cache(maxsize=16384)
def _key(word: str) -> str:
    low = word.lower().strip(".,;:")
    return low if low in given_names() else low.split("-")[0]


def is_given_name(word: str) -> bool:
    """ "Priya", "Chris", "Jean-Pierre" (by its first part)."""
    return _key(word) in given_names()


def gender_of_first_name(word: str) -> str | None:
    """The gender a first name tells: "Priya" -> f, "Jean-Pierre" -> m, "Chris" -> None."""
    return given_names().get(_key(word))


def letters_in_order(short: str, name: str) -> bool:
    """Every letter of `short` in `name`, in order, the first one starting it ("Inrap" in "Institut
    national de recherches archéologiques préventives")."""
    letters = name.lower()
    if letters[:1] != short[:1].lower():
        return False
    i = 1
    for ch in short[1:].lower():
        i = letters.find(ch, i)
        if i < 0:
            return False
        i += 1
    return True
