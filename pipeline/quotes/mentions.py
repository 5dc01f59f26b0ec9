"""The people and organisations an article names, read once: full names, genders, roles.

A capitalised run ("Kreisbrandmeister Stefan Ruhland", "Veltrano chief executive Arjun Kessel",
"Die Pendlerin Sabine Vogt") is split into what describes the person (titles, roles, an
employer) and the name proper, which starts at the first given name, else after the titles. The
descriptions are kept as the person's roles, with those of an appositive ("Marie Dubois, maire
de la ville"), so that "la maire" can later find her. Gender comes from titles, role nouns,
articles before the name ("la alcaldesa, Rosa …") and first names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.lang import FEMININE
from pipeline.lang.shared import NAME_CONNECTORS, ORGANISATION_MARKERS, gender_of_first_name, is_given_name
from pipeline.outlets import MEDIA_TYPES, lookup_name
from pipeline.quotes.lexicon import Lexicon, name_pattern

MIN_NAME_WORDS = 2  # a full name has a first name and a surname
MAX_NAME_WORDS = 4
GENDER_LOOKBACK = 40  # characters before a name where a role noun or article may tell its gender
ROLE_WORDS_BEFORE = 3  # lower-case words before a name read as its description

_CONNECTORS = "|".join(
    sorted(
        NAME_CONNECTORS | {"of", "for", "the", "and", "&", "für", "und", "pour", "et"}, key=len, reverse=True
    )
)
RUN = re.compile(name_pattern(_CONNECTORS, 6))  # names, and organisations ("Department of Health")
_NOT_IN_NAMES = frozenset(
    {"and", "&", "of", "the", "und", "et", "für", "pour"}
)  # "Smith and Jones": two people
# "Ferrocarriles del Levante", "Friends of Pelham Lido", "Verband für Tierschutz" (not "A y B", "von der")
_OF_CONNECTORS = (NAME_CONNECTORS - {"y", "der", "den"}) | {"of", "for", "für", "pour"}
# German: "der Deutsche" -> Deutscher, "das Städtische" -> Städtisches
_STRONG_ENDINGS = {"der": "r", "das": "s"}
_APPOSITION = re.compile(r",\s+((?:[\w’'-]+\s+){0,5}[\w’'-]+)\s*(?=[,.;)]|$)")


@dataclass(slots=True)
class Entity:
    name: str
    person: bool
    gender: str | None
    position: int  # where it was last mentioned or spoke
    paragraph: int
    spoke: bool = False
    certain: bool = False  # a person by a first name, a title or a role, not just by capitals
    roles: frozenset[str] = field(default_factory=frozenset)  # lower-case words describing it
    outlet: bool = False  # a news outlet of the registry


def strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def clean(word: str) -> str:
    return word.strip(',.;:()"“”„«»').lower()


class Names:
    """Reads names in one article's text for the resolver."""

    def __init__(self, lex: Lexicon, text: str, paragraph_starts: list[int]) -> None:
        self.lex = lex
        self.text = text
        self.paragraph_starts = paragraph_starts
        self._organisation_words: dict[str, bool] = {}

    def paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def paragraph_start(self, pos: int) -> int:
        return self.paragraph_starts[self.paragraph(pos)] if self.paragraph_starts else 0

    # -- words --

    def function_word(self, low: str) -> bool:
        return low in self.lex.function_words

    def word_gender(self, low: str) -> str | None:
        w = self.lex.words
        if low in w.honorifics:
            return w.honorifics[low]
        if w.roles.get(low) is not None:
            return w.roles[low]
        if w.feminine_role_suffixes and low.endswith(w.feminine_role_suffixes) and self.is_role(low[:-2]):
            return FEMININE
        return None

    def is_role(self, low: str) -> bool:
        """A title or role noun, also inside a German compound ("kreisbrandmeister")."""
        low = low.rstrip(".")
        return low in self.lex.titles or (
            bool(self.lex.words.role_suffixes) and low.endswith(self.lex.words.role_suffixes)
        )

    def nominative(self, word: str) -> str:
        """German genitive of an organisation noun to its nominative: "Kultusministeriums" ->
        "Kultusministerium", "Bundesinstituts" -> "Bundesinstitut"."""
        if not self.lex.words.organisation_suffixes:
            return word
        low = word.lower()
        for ending in ("es", "s"):
            stem = low[: -len(ending)]
            if low.endswith(ending) and (
                stem in self.lex.words.organisation_words
                or stem.endswith(self.lex.words.organisation_suffixes)
            ):
                return word[: -len(ending)]
        return word

    def is_organisation_word(self, low: str) -> bool:
        """ "council", "Bundesamt", "ministerio": a word that makes a name an organisation's (asked
        for the same words many times per article: answered once)."""
        known = self._organisation_words.get(low)
        if known is None:
            known = self._organisation_words[low] = self._is_organisation_word(low)
        return known

    def _is_organisation_word(self, low: str) -> bool:
        w = self.lex.words
        if low in w.organisation_words or low in ORGANISATION_MARKERS:
            return True
        if not w.organisation_suffixes:
            return False
        return (
            low.endswith(w.organisation_suffixes)
            or (  # also the German genitive: "Bundesinstituts"
                low.endswith("s") and low[:-1].endswith(w.organisation_suffixes)
            )
        )

    def gender_before(self, pos: int) -> str | None:
        """A role noun or article just before a name: "la alcaldesa, Rosa …", "spokeswoman Jane …"."""
        window = self.text[max(0, pos - GENDER_LOOKBACK) : pos].split()[-ROLE_WORDS_BEFORE:]
        for word in reversed(window):
            gender = self.word_gender(clean(word))
            if gender is not None:
                return gender
        return None

    def roles_around(self, start: int, end: int) -> frozenset[str]:
        """Lower-case words before a name ("chief executive") and an appositive after it
        ("Marie Dubois, maire de la ville")."""
        before = [
            clean(w) for w in self.text[max(0, start - GENDER_LOOKBACK) : start].split()[-ROLE_WORDS_BEFORE:]
        ]
        roles = {w for w in before if w and w.islower() and not self.function_word(w)}
        after = _APPOSITION.match(self.text, end, min(len(self.text), end + 80))
        if after is not None:
            roles.update(
                w for w in map(clean, after.group(1).split()) if w.islower() and not self.function_word(w)
            )
        return frozenset(roles)

    # -- runs --

    def name_start(self, lows: list[str]) -> tuple[int, str | None]:
        """Where the name proper starts in a capitalised run, and the gender its titles tell: at the
        first given name, else after the titles, roles and an employer before a role."""
        for i, low in enumerate(lows[:-1]):
            if is_given_name(low):
                return i, self._titles_gender(lows[:i])
        for i, low in enumerate(lows):
            if self.is_role(low) or self.word_gender(low) is not None:
                continue
            if i == 0 and low in self.lex.words.leading_words:
                continue
            if i + 1 < len(lows) and self.is_role(lows[i + 1]):
                continue  # "Veltrano chief executive …": the employer before a role
            return i, self._titles_gender(lows[:i])
        return len(lows), self._titles_gender(lows)

    def _titles_gender(self, lows: list[str]) -> str | None:
        for low in reversed(lows):
            gender = self.word_gender(low)
            if gender is not None:
                return gender
        return None

    def _after_inner_article(self, words: list[str], lows: list[str]) -> list[str]:
        """ "Angaben der Stadtverwaltung" -> "Stadtverwaltung": a common noun and its article before the
        organisation's name (but "Consorcio de Transportes de la Vega" stays whole)."""
        for i in range(len(lows) - 1, 0, -1):
            if lows[i] in self.lex.words.definite_articles:
                if not any(self.is_organisation_word(low) for low in lows[:i]):
                    return words[i + 1 :] or words
                break
        return words

    def adjective_nominative(self, words: list[str], article: str) -> list[str]:
        """German "der Deutsche Wetterdienst" is Deutscher Wetterdienst, "das Städtische Museum" is
        Städtisches Museum: after the nominative "der" or "das" a weak adjective ending in -e takes the
        strong ending of the name (-er, -es)."""
        ending = _STRONG_ENDINGS.get(article)
        if (
            ending
            and len(words) > 1
            and self.lex.words.organisation_suffixes
            and words[0][:1].isupper()
            and words[0].endswith("e")
        ):
            return [words[0] + ending, *words[1:]]
        return words

    def organisation_name(self, words: list[str]) -> str:
        outlet = lookup_name(" ".join(words))
        if outlet is not None and outlet.type in MEDIA_TYPES:
            return outlet.name
        while words and clean(words[0]) in self.lex.lead_or_determiner:
            words = words[1:]
        if words:
            words = [self.nominative(words[0]), *words[1:]]  # "des Bundesinstituts für …"
        w = self.lex.words
        generic = (  # "Gewerkschaft Verdi" (but "Policía Nacional": a head noun and its adjective, and
            # "Police Scotland": where only names take capitals, the capital makes the noun part of it)
            w.capitalised_nouns
            and not w.head_initial
            and len(words) == 2
            and clean(words[0]) in w.generic_organisation_nouns | w.organisation_words
        )
        if generic and not self.is_organisation_word(clean(words[1])):
            words = words[1:]  # "Gewerkschaft Verdi" -> "Verdi"
        name = " ".join(words).rstrip(".,")
        outlet = lookup_name(name) if name else None
        # a news outlet by the registry's canonical name, as citations.source_name has it; any other
        # body as the article writes it ("Programa Mundial de Alimentos", not "World Food Programme")
        return outlet.name if outlet is not None and outlet.type in MEDIA_TYPES else name

    def entity_of(self, run: str, pos: int, roles: frozenset[str] = frozenset()) -> Entity | None:
        """A capitalised run as a person (full name, gender) or an organisation, else None."""
        words = [strip_possessive(w) for w in run.split()]
        known = self._registry_entity(words, pos, roles)  # "El Español", "Le Monde": the article in the name
        if known is not None:
            return known
        while words and self.function_word(clean(words[0])):
            pos += run.find(words[0]) + len(words[0])
            words = words[1:]
        if not words:
            return None
        lows = [clean(w) for w in words]
        outlet = lookup_name(" ".join(words))
        role = self._role_before_name(lows) if outlet is None else None
        if role is not None:  # "Mannschaft von Trainer Petteri Lahtinen": the person after the role
            pos += run.find(words[role])
            words, lows = words[role:], lows[role:]
        given = next((i for i, word in enumerate(words[:-1]) if is_given_name(word)), None)
        named = given is not None and not any(
            self.is_organisation_word(low) for low in lows[given : given + 2]
        )
        if outlet is None and named:
            return self._person(
                words, lows, pos, roles
            )  # "Transport Minister Leo Barros", "Rachel Obi of Westby Police"
        if outlet is not None or self._organisation_run(lows, roles, given is None):
            words = self._after_inner_article(words, lows)
            name = self.organisation_name(words)
            entity = Entity(
                name, False, None, pos, self.paragraph(pos), roles=roles, outlet=outlet is not None
            )
            return entity if name else None
        return self._person(words, lows, pos, roles)

    def _registry_entity(self, words: list[str], pos: int, roles: frozenset[str]) -> Entity | None:
        """A name of the registry: a news outlet by its canonical name (as citations.source_name has
        it), another body as the article writes it."""
        outlet = lookup_name(" ".join(words))
        if outlet is None:
            return None
        media = outlet.type in MEDIA_TYPES
        name = outlet.name if media else self.organisation_name(words)
        return Entity(name, False, None, pos, self.paragraph(pos), roles=roles, outlet=media)

    def _role_before_name(self, lows: list[str]) -> int | None:
        """Where a role inside a run starts the name of two or more words after it, if one does."""
        for i in range(1, len(lows) - 2):
            if (
                self.is_role(lows[i])
                and not self.is_role(lows[i - 1])
                and not self.function_word(lows[i + 1])
            ):
                return i
        return None

    def _organisation_run(self, lows: list[str], roles: frozenset[str], no_first_name: bool) -> bool:
        """An organisation's name: described as one, with an organisation word, or without a first
        name around a connector ("Ferrocarriles del Levante")."""
        if any(self.is_organisation_word(r) or r in self.lex.words.generic_organisation_nouns for r in roles):
            return True
        if any(self.is_organisation_word(low) for low in lows):
            return True
        return (
            no_first_name and any(low in _OF_CONNECTORS for low in lows[1:-1]) and not self.is_role(lows[0])
        )

    def _person(self, words: list[str], lows: list[str], pos: int, roles: frozenset[str]) -> Entity | None:
        """A person's name inside a run; None when the words are no name ("Smith and Jones", a
        lone word without a title, a long run without a first name)."""
        start, gender = self.name_start(lows)
        names = self._before_affiliation(words[start:], lows[start:])
        if not names or any(
            low in self.lex.words.pronouns or low in _NOT_IN_NAMES for low in lows[start : start + len(names)]
        ):
            return None
        if names[0] in self.lex.words.definite_articles:
            return None  # "Sprecherin der Initiative": a role and what it belongs to, no name
        if len(names) < MIN_NAME_WORDS and not (
            start > 0 and lows[start - 1].rstrip(".") in self.lex.words.honorifics
        ):
            return None
        certain = gender is not None or start > 0 or is_given_name(names[0])
        gender = gender or (gender_of_first_name(names[0]) if len(names) > 1 else None)
        if gender is None:
            gender = self.gender_before(pos)
            certain = certain or gender is not None
        if not certain and len(names) > MAX_NAME_WORDS:
            return None
        roles = roles | frozenset(lows[:start])
        name = " ".join(names).rstrip(",")
        if len(names[-1]) > 2:  # "Didier V.", "Sandra K." keep their initial
            name = name.rstrip(".")
        return Entity(name, True, gender, pos, self.paragraph(pos), certain=certain, roles=roles)

    def _before_affiliation(self, names: list[str], lows: list[str]) -> list[str]:
        """ "Jonas Petersen von der Universität Kiel", "Rachel Obi of Westby Police": the name ends
        before the organisation the person belongs to."""
        for i in range(MIN_NAME_WORDS, len(lows)):
            if (
                lows[i] in {"von", "of"}
                and i + 1 < len(lows)
                and lows[i + 1] in self.lex.words.definite_articles
            ):
                return names[:i]  # "Jana Brenner von der Präventionsstelle" (but "Ursula von der Leyen")
            if lows[i] in self.lex.words.affiliation_words | {"von", "vom", "of", "de", "du", "del"} and any(
                self.is_organisation_word(low) for low in lows[i + 1 :]
            ):
                return names[:i]
        return names

    def _single(self, word: str, start: int) -> Entity | None:
        """A one-word run that is an organisation's name ("Bundesinstitut", "Reuters"), else None."""
        low = word.lower()
        if self.function_word(low):
            return None
        w = self.lex.words
        if low in w.organisation_words or (w.organisation_suffixes and self.is_organisation_word(low)):
            return Entity(word, False, None, start, self.paragraph(start))
        outlet = lookup_name(word)
        if outlet is not None:
            return Entity(outlet.name, False, None, start, self.paragraph(start), outlet=True)
        return None

    def _moved(self, entity: Entity, start: int) -> Entity:
        """The same person or organisation, met again at `start`."""
        return Entity(
            entity.name,
            entity.person,
            entity.gender,
            start,
            self.paragraph(start),
            certain=entity.certain,
            roles=entity.roles,
            outlet=entity.outlet,
        )

    def index(self, reach: int) -> list[Entity]:
        """Every person and organisation named before `reach`, in text order."""
        seen: dict[str, Entity | None] = {}
        single: dict[str, Entity | None] = {}  # one-word runs, read once per article
        out: list[Entity] = []
        surnames: dict[str, Entity] = {}
        for match in RUN.finditer(self.text, 0, reach):
            run = match.group()
            start = match.start()
            first, _, rest = run.partition(" ")
            if rest and " " not in rest and self.function_word(first.lower()) and lookup_name(run) is None:
                run, start = rest, start + len(first) + 1  # "Für Scherer", "Laut Kicker": the name after
            if " " not in run:  # one word: a surname met again ("Hammann"), or an organisation's name
                word = strip_possessive(run).rstrip(".,")
                if word in surnames:
                    out.append(self._moved(surnames[word], start))
                    continue
                if word not in single:
                    single[word] = self._single(word, start)
                elif single[word] is not None:
                    single[word] = self._moved(single[word], start)
                if single[word] is not None:
                    out.append(single[word])
                continue
            known = seen.get(run, False)
            if known is False:
                entity = seen[run] = self.entity_of(run, start, self.roles_around(start, match.end()))
            else:
                entity = None if known is None else self._moved(known, start)
            if entity is not None:
                if entity.person and len(entity.name.split()) >= MIN_NAME_WORDS:
                    surnames.setdefault(entity.name.split()[-1], entity)
                elif not entity.person:
                    article = self.text[max(0, start - 4) : start].strip().lower()
                    entity.name = " ".join(self.adjective_nominative(entity.name.split(), article))
                out.append(entity)
        return out
