"""Rules around citing cues: a name after a cue ("according to X", "told X", "laut X"), a name before
one ("X reported", "X-Bericht"), "the newspaper reported" (the outlet named before), "wrote on X"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pipeline.citations.names import looks_like_org
from pipeline.citations.scanner import Name, Scanner
from pipeline.citations.vocabulary import CUE_CLASSES, WORDS_BEFORE_VERB, CueTable, vocabulary
from pipeline.lang.shared import letters_in_order
from pipeline.outlets import MEDIA_TYPES, lookup_name, registry

MAX_LISTED = 4  # "told CNN and the New York Times": names joined by "and" after one cue
ANAPHORIC_REACH = 1500  # characters back where "the newspaper" finds the outlet it means

ATTRIBUTION_TYPES = MEDIA_TYPES | {"journal"}
BROADCAST = frozenset({"broadcaster"})
WIRE = frozenset({"wire"})
PLATFORM = frozenset({"platform"})
_TYPES = {"on": BROADCAST | PLATFORM, "platform": PLATFORM, "per": MEDIA_TYPES, "via": ATTRIBUTION_TYPES}
_COORDINATION = re.compile(r"[ \u00a0]*(?:,|and|or|und|oder|et|ou|y|o|sowie|as\s+well\s+as)[ \u00a0]+")
_FOR_OUTLET = re.compile(r"[ \u00a0]+(?:for|pour|für|para)[ \u00a0]+")
_NOT_PER = ("Mail", "E-Mail", "Post", "Fax")  # German "per Mail" is "by e-mail"
# "Spiegel-Bericht", "dpa-Meldung", "ZDF-Interview": an outlet as the first part of a German compound


def trigger_positions(sc: Scanner, table: CueTable) -> list[tuple[int, str]]:
    """(position, trigger word) of every trigger word in the text, in text order."""
    low = sc.lower
    found: list[tuple[int, str]] = []
    for word in sc.words & table.keys():
        size = len(word)
        i = low.find(word)
        while i != -1:
            before = low[i - 1] if i else " "
            after = low[i + size] if i + size < len(low) else " "
            if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
                found.append((i, word))
            i = low.find(word, i + size)
    found.sort()
    return found


def match_cues(sc: Scanner, table: CueTable) -> Iterable[tuple[str, re.Match[str]]]:
    last_end = -1
    for pos, word in trigger_positions(sc, table):
        if pos < last_end:
            continue
        for cls, pattern in table[word]:
            m = pattern.match(sc.text, pos)
            if m:
                last_end = m.end()
                yield cls, m
                break


def name_after_cue(sc: Scanner, pos: int) -> Name | None:
    """The outlet after a cue's preposition, a descriptor allowed between ("à la chaîne norvégienne
    NRK")."""
    return _name_after(sc, "attr", pos, False)[0]


def _name_after(sc: Scanner, cls: str, pos: int, study: bool) -> tuple[Name | None, bool]:
    """The name after a cue, and whether a descriptor licenses an unknown one ("the local newspaper
    Kurjer", "Kurjer, a weekly"; "the journal Weather")."""
    if study:
        defined = _defined_by_acronym(sc, pos)
        if defined is not None:
            return defined, True
    name = sc.read_forward(pos)
    if cls == "journal":
        return name, True
    licensed = (
        name is not None
        and name.outlet is None
        and bool(vocabulary().descriptor_after.match(sc.text, name.end))
    )
    weak = name is None or (
        name.outlet is None and not licensed and not sc.outlet_like(name.text.split()) and not study
    )
    unknown_study = study and name is not None and name.outlet is None  # "Bericht des Magazins Stern"
    if (weak or unknown_study) and cls in {"attr", "src", "study"}:
        described = _after_descriptor(sc, pos)
        if described is not None:
            return described, True
    return name, licensed


def _after_descriptor(sc: Scanner, pos: int) -> Name | None:
    """The name after a descriptor ("the newspaper Kurjer"), or after a descriptor and an adjective
    when the registry knows it ("à la chaîne norvégienne NRK")."""
    d = vocabulary().descriptor.match(sc.text, pos)
    if d is None:
        return None
    name = sc.read_forward(d.end())
    if name is not None:
        return name
    adjective = _ADJECTIVE.match(sc.text, d.end())
    name = sc.read_forward(adjective.end()) if adjective else None
    return name if name is not None and name.outlet is not None else None


_ADJECTIVE = re.compile(r"[a-zà-öø-ÿ][\w-]*[ \u00a0]+")


# "Bureau de recherches géologiques et minières (BRGM)": a name with lower-case words, then its acronym
_NAME_AND_ACRONYM = re.compile(
    r"[ \u00a0]*(?:(?:l['’]|the[ \u00a0]+))?([A-ZÀ-Þ][\w'’-]*(?:[ \u00a0]+[\w'’-]+){1,9}?)[ \u00a0]+\(([A-Z][A-Za-z]{1,9})\)"
)


def _defined_by_acronym(sc: Scanner, pos: int) -> Name | None:
    m = _NAME_AND_ACRONYM.match(sc.text, pos)
    if m is None or not letters_in_order(m.group(2), m.group(1)):
        return None
    return Name(m.start(1), m.end(1), lookup_name(m.group(2)), m.group(1), "")


def forward_cues(sc: Scanner) -> None:
    text = sc.text
    for cls, m in match_cues(sc, vocabulary().forward):
        pos = m.end()
        if cls == "per" and (not sc.english or text.startswith(_NOT_PER, pos)):
            continue
        kind = CUE_CLASSES[cls]
        types = _TYPES.get(cls, ATTRIBUTION_TYPES)
        allow_unknown = cls in {"attr", "via", "study", "src", "journal"}
        study = cls in {"study", "journal"}
        for _ in range(MAX_LISTED):
            name, licensed = _name_after(sc, cls, pos, study)
            if not sc.emit(kind, name, allow_unknown, types, licensed, study) or name is None:
                if cls == "attr" and name is not None:
                    statistics_sources(sc, m.end(), name)
                break
            if study:
                poll_for(sc, name.end)
            c = _COORDINATION.match(text, name.end)
            if not c:
                break
            pos = c.end()


def poll_for(sc: Scanner, pos: int) -> None:
    """ "a YouGov poll for The Times", "un sondage Ifop pour le JDD": the outlet that commissioned it."""
    m = _FOR_OUTLET.match(sc.text, pos)
    if m:
        sc.emit("attribution", sc.read_forward(m.end()), False, MEDIA_TYPES)


def backward_cues(sc: Scanner) -> None:
    for cls, m in match_cues(sc, vocabulary().backward):
        if cls in {"verb", "media"} and anaphoric_outlet(sc, m.start()):
            continue
        if not _name_may_precede(sc, m.start()):
            continue
        name, between = sc.read_backward(m.start())
        if name is None:
            continue
        if cls == "noun":
            if between or (name.outlet is None and len(name.text.split()) == 1):
                continue
            if sc.emit("attribution", name, True, None, study=True):
                poll_for(sc, m.end() - len(m.group(0)) + len(m.group(0).rstrip()))
        elif cls == "media":  # "The Guardian listed …": a news outlet, never a company speaking
            if not between:
                sc.emit("attribution", name, False, MEDIA_TYPES)
        elif cls == "src":
            sc.emit("source_line", name, True, None)
        else:
            sc.emit("attribution", name, True, ATTRIBUTION_TYPES)


_FILLER = frozenset(
    WORDS_BEFORE_VERB
    + "newspaper daily tabloid agency broadcaster network magazine tv television radio website channel news service".split()
)
_LAST_WORD = re.compile(r"(\S+)[ \u00a0]*$")


def _name_may_precede(sc: Scanner, pos: int) -> bool:
    """Cheap test before reading a name backwards: the word before the cue (past "has", "first",
    "newspaper" …) is capitalised, a lower-case registry alias ("dpa"), or closes a clause or a quote."""
    text = sc.text
    lowercase_names = sc.lowercase_names
    for _ in range(4):
        m = _LAST_WORD.search(text, max(0, pos - 40), pos)
        if m is None:
            return False
        word = m.group(1)
        if word.lower() in _FILLER:
            pos = m.start(1)
            continue
        return (
            word[:1].isupper()
            or word[:1].isdigit()
            or word[-1:] in ",”\"»’'"
            or word.rstrip(".,") in lowercase_names
        )
    return False


def anaphoric_outlet(sc: Scanner, cue_start: int) -> bool:
    """ "the newspaper reported", "die Zeitung berichtete": the media outlet cited or named last before."""
    m = vocabulary().anaphoric.search(sc.text, max(0, cue_start - 40), cue_start)
    if m is None:
        return False
    previous = [
        r for r in sc.rows if r.start is not None and r.start < cue_start and r.source_type in MEDIA_TYPES
    ]
    previous = [r for r in previous if cue_start - (r.start or 0) <= ANAPHORIC_REACH]
    if not previous:
        return True  # an outlet the article did not name: nothing to cite
    last = max(previous, key=lambda r: r.start or 0)
    sc.add(
        "attribution",
        last.source_name,
        sc.text[m.start("noun") : m.end("noun")],
        last.source_domain,
        None,
        m.start("noun"),
        m.end("noun"),
        last.source_type,
    )
    return True


_VERB_AND_TIME = re.compile(
    r"[ \u00a0]+[\w’'-]+(?:[ \u00a0]+(?:on|am|el|le|this|last)?[ \u00a0]*[\w’'-]+)?[ \u00a0]*$"
)
PLATFORM_CUE_REACH = 60  # characters before "on X" where the verb of posting sits
POSSESSOR_REACH = 60  # characters before "'s political editor" where the outlet's name is read


@cache
def _platform_keys() -> frozenset[str]:
    """Lower-case one-word names of the registry's platforms ("x", "twitter", "instagram")."""
    return frozenset(
        key for key, outlet in registry().by_key.items() if outlet.type == "platform" and " " not in key
    )


def report_authors(sc: Scanner) -> None:
    """ "the World Bank warned on Wednesday in a report", "advirtió el Programa Mundial de Alimentos en
    un informe": the body that published the report a statement comes from (a study)."""
    if not any(noun in sc.text for noun in vocabulary().report_nouns):
        return  # most articles: no scan
    for m in vocabulary().in_a_report.finditer(sc.text):
        name, _ = sc.read_backward(m.start())
        if name is None or (name.outlet is None and not looks_like_org(name.text.split())):
            verb = _VERB_AND_TIME.search(sc.text, max(0, m.start() - 40), m.start())
            if verb is None:
                continue
            name, _ = sc.read_backward(verb.start())
        if name is not None:
            sc.emit("study", name, True, None, study=True)


def statistics_sources(sc: Scanner, cue_end: int, name: Name) -> None:
    """ "according to the Office for National Statistics, prices rose by 6.1%": an organisation cited
    for figures is the source of a study, not a speaker."""
    outlet = name.outlet
    if outlet is None or outlet.type in MEDIA_TYPES or outlet.type == "platform":
        return
    sentence_end = _sentence_end(sc.text, cue_end)
    sentence_start = sc.text.rfind("\n", 0, cue_end) + 1
    if any(ch.isdigit() for ch in sc.text[max(sentence_start, cue_end - 300) : sentence_end]):
        sc.add_outlet("study", outlet, name.start, name.end)


def platforms(sc: Scanner) -> None:
    """ "wrote on X", "schrieb Seitz auf X", "la calificó en Instagram": a platform someone posted on,
    also when the post comes after it ("Sur Facebook, elle a publié", "Auf Facebook wandte sich die
    Gemeinde an die Bürger: „…“") or is a compound ("in einem Instagram-Video")."""
    words = sc.words | {part for word in sc.words if "-" in word for part in word.split("-")}
    if words.isdisjoint(_platform_keys()):
        return  # no platform named, also in a compound ("Instagram-Video"): no scan
    v = vocabulary()
    for m in v.platform_place.finditer(sc.text):
        outlet = lookup_name(m.group("name"))
        if outlet is None or outlet.type != "platform":
            continue
        full_stop = sc.text.rfind(". ", 0, m.start())
        sentence = max(full_stop + 2 if full_stop >= 0 else 0, sc.text.rfind("\n", 0, m.start()) + 1)
        if v.anonymous_posts.match(sc.text, sentence, m.start()):
            continue  # "Posts on Facebook claim …", "Des publications partagées sur Facebook affirment"
        if v.posting.search(sc.text, max(0, m.start() - PLATFORM_CUE_REACH), m.start()) or _posted_after(
            sc.text, m.end()
        ):
            sc.add_outlet("attribution", outlet, m.start("name"), m.end("name"))


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends: its full stop and blank, or the line's end."""
    return min((i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0), default=len(text))


def _posted_after(text: str, end: int) -> bool:
    """A post after the platform in its sentence: a compound ("Instagram-Video"), a verb of posting
    or a quotation ("Sur Facebook, elle accuse la municipalité d'avoir « … »")."""
    after = text[end : min(_sentence_end(text, end), end + PLATFORM_CUE_REACH)]
    if after.startswith("-"):
        return bool(vocabulary().posting.match(after[1:]))
    return bool(vocabulary().posting.search(after)) or any(mark in after for mark in '«„“"')


def media_staff(sc: Scanner) -> None:
    """ "The BBC's political editor said", "Reuters' correspondent in Kyiv": the outlet whose staff
    speaks or reports is cited."""
    words = vocabulary()
    for staff in words.media_staff.finditer(sc.text):  # from the apostrophe: rare, so cheap
        owner = words.possessor.search(sc.text, max(0, staff.start() - POSSESSOR_REACH), staff.start())
        outlet = lookup_name(owner.group()) if owner is not None else None
        if outlet is not None and outlet.type in MEDIA_TYPES:
            sc.add_outlet("attribution", outlet, owner.start(), owner.end())


# the author of a compound study noun: "Machbarkeitsstudie des Karlsruher Instituts für Technologie"
_AUTHOR_LINK = re.compile(r"[ \u00a0]+(?:der|des|von|vom)[ \u00a0]+")
MIN_COMPOUND_PREFIX = 4  # "Pilotstudie", not "Restudie"


def compound_studies(sc: Scanner) -> None:
    """ "eine Provenienzstudie der Universität Bonn", "der Jahresbericht des Umweltbundesamts": a study
    noun at the end of a German compound, its author after it (the plain nouns are forward cues)."""
    endings = vocabulary().study_compound_endings
    if not endings or sc.language not in {"de", ""}:
        return
    low = sc.lower
    for word in sc.words:
        if not word.endswith(endings):  # most words: one C-level test
            continue
        ending = next(e for e in endings if word.endswith(e))
        if len(word) - len(ending) < MIN_COMPOUND_PREFIX:
            continue
        i = low.find(word)
        while i != -1:
            end = i + len(word)
            link = _AUTHOR_LINK.match(sc.text, end) if (i == 0 or not low[i - 1].isalnum()) else None
            name = _name_after(sc, "study", link.end(), True)[0] if link is not None else None
            # only an author that is clearly a body ("der Universität Bonn"): German capitalises every
            # noun, so "der Jahresbericht des Vereins" or "die Wetterprognose der Woche" name none
            if name is not None and (name.outlet is not None or _names_a_body(name.text.split())):
                sc.emit("study", name, True, None, True, study=True)
            i = low.find(word, end)


def _names_a_body(words: list[str]) -> bool:
    """ "Universität Bonn", "Umweltbundesamt": an organisation, and not only its kind ("Verein")."""
    generic = len(words) == 1 and words[0].lower() in vocabulary().organisation_words
    return looks_like_org(words) and not generic


def compound_outlets(sc: Scanner) -> None:
    """ "ein Spiegel-Bericht", "laut einer dpa-Meldung": an outlet inside a German compound noun."""
    if "-" not in sc.text or sc.language not in {"de", ""}:
        return
    sources = vocabulary().compound_source_starts
    if not any(word.rsplit("-", 1)[1].startswith(sources) for word in sc.words if "-" in word):
        return  # no hyphenated word ends in a source noun: no scan of the whole text
    for m in vocabulary().compound.finditer(sc.text):
        outlet = lookup_name(m.group("name"), sc.country)
        if outlet is None or sc.is_surname(m.group("name")) or outlet.type == "platform":
            continue
        kind = "attribution" if outlet.type in MEDIA_TYPES else "study"  # "Forsa-Umfrage": a poll by Forsa
        sc.add_outlet(kind, outlet, m.start("name"), m.end("name"))
