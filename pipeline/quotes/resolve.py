"""Who a speaker phrase refers to: `speaker_resolved`.

- A news outlet becomes the registry's canonical name, as in `citations.source_name`
  ("the Guardian" -> "The Guardian").
- A name becomes the person's full name as first introduced: titles, roles and an employer
  in front are dropped ("Veltrano chief executive Arjun Kessel" -> "Arjun Kessel"); a surname,
  or a title and surname ("Mr. Granger", "Frau Kern"), becomes the full name that ends in it.
- A personal pronoun becomes the most salient earlier person of a compatible gender: the speaker
  of the attribution before it, or a person introduced after that speaker; gender comes from
  titles (Mr, Frau, Mme, Sra.), role nouns (spokeswoman, Bürgermeisterin, la alcaldesa) and
  first names. Organisations never take "he" or "she". No compatible person: empty.
- An organisation phrase ("the company", "the ministry", "the statement") becomes the
  organisation that was speaking or named just before; unnamed people and groups ("a source",
  "officials", "others") stay empty.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from pipeline.lang import FEMININE, MASCULINE
from pipeline.lang.shared import NAME_CONNECTORS, gender_of_first_name, is_given_name
from pipeline.outlets import lookup_name
from pipeline.quotes.lexicon import Lexicon, name_pattern

PRONOUN_REACH_PARAGRAPHS = 4  # a pronoun refers to someone named at most this many paragraphs back
MIN_NAME_WORDS = 2  # a full name has a first name and a surname
MAX_NAME_WORDS = 4
DOCUMENT_LOOKBACK = 3000  # characters searched for who issued "the statement"

_CONNECTORS = "|".join(sorted(NAME_CONNECTORS | {"of", "for", "the", "and", "&"}, key=len, reverse=True))
_RUN = re.compile(name_pattern(_CONNECTORS, 6))  # names, and organisations ("Department of Health")
_NOT_IN_NAMES = frozenset({"and", "&", "of", "the"})  # "Smith and Jones": two people are nobody's name


@dataclass(slots=True)
class Entity:
    name: str
    person: bool
    gender: str | None
    position: int  # where it was last mentioned or spoke
    paragraph: int
    spoke: bool = False
    certain: bool = False  # a person by a first name, a title or a role, not just by capitals


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _clean(word: str) -> str:
    return word.strip(',.;:()"“”„«»').lower()


class Resolver:
    """Resolves the speakers of one article, in text order."""

    def __init__(
        self, lex: Lexicon, text: str, paragraph_starts: list[int], reach: int | None = None
    ) -> None:
        self.lex = lex
        self.text = text
        self.reach = len(text) if reach is None else reach  # names after the last speaker are never needed
        self.paragraph_starts = paragraph_starts
        self._people: list[Entity] = []  # full names, by first mention
        self._mentions: list[Entity] = []  # every mention of a person or organisation, in text order
        self._surnames: dict[str, Entity] = {}  # surname -> the person first introduced with it
        self._indexed = False  # the names of the article are read when a speaker needs them
        self.speakers: list[Entity] = []  # resolved speakers so far, in order

    # -- the names of the article --

    def _paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    @property
    def mentions(self) -> list[Entity]:
        self._index_names()
        return self._mentions

    @property
    def people(self) -> list[Entity]:
        self._index_names()
        return self._people

    @property
    def surnames(self) -> dict[str, Entity]:
        self._index_names()
        return self._surnames

    def _index_names(self) -> None:
        if self._indexed:
            return
        self._indexed = True
        organisation_words = self.lex.words.organisation_words
        seen: dict[str, Entity | None] = {}
        for match in _RUN.finditer(self.text, 0, self.reach):
            run = match.group()
            if " " not in run:  # one word: only an organisation's name ("Reuters", "Kremlin")
                word = _strip_possessive(run).rstrip(".,")
                if word.lower() in organisation_words or lookup_name(word) is not None:
                    self._mentions.append(self._organisation(word, match.start()))
                continue
            if run in seen:  # a name met again: the same reading at a new place
                known = seen[run]
                entity = (
                    None
                    if known is None
                    else replace(known, position=match.start(), paragraph=self._paragraph(match.start()))
                )
            else:
                entity = seen[run] = self.entity_of(run, match.start())
            if entity is None:
                continue
            self._mentions.append(entity)
            if entity.person and len(entity.name.split()) >= MIN_NAME_WORDS:
                self._surnames.setdefault(entity.name.split()[-1], entity)
                self._people.append(entity)

    def _gender_before(self, pos: int) -> str | None:
        """A role noun or article just before a name: "la alcaldesa, Rosa …", "spokeswoman Jane …"."""
        window = self.text[max(0, pos - 40) : pos].split()[-3:]
        for word in reversed(window):
            gender = self._word_gender(_clean(word))
            if gender is not None:
                return gender
        return None

    def _word_gender(self, low: str) -> str | None:
        w = self.lex.words
        if low in w.honorifics:
            return w.honorifics[low]
        if w.roles.get(low) is not None:
            return w.roles[low]
        if w.feminine_role_suffixes and low.endswith(w.feminine_role_suffixes) and low[:-1] in w.roles:
            return FEMININE
        return None

    def _function_word(self, low: str) -> bool:
        return low in self.lex.function_words

    def entity_of(self, run: str, pos: int) -> Entity | None:
        """A capitalised run as a person (full name, gender) or an organisation, else None."""
        words = [_strip_possessive(w) for w in run.split()]
        while words and self._function_word(_clean(words[0])):
            pos += run.find(words[0]) + len(words[0])
            words = words[1:]
        if not words:
            return None
        lows = [_clean(w) for w in words]
        if any(low in self.lex.words.organisation_words for low in lows[1:] or lows) or lookup_name(
            " ".join(words)
        ):
            name = self._organisation_name(words)
            return Entity(name, False, None, pos, self._paragraph(pos)) if name else None
        return self._person(words, lows, pos)

    def _person(self, words: list[str], lows: list[str], pos: int) -> Entity | None:
        """A person's name inside a run, after its titles and roles; None when the words are no name
        ("Smith and Jones", a lone word without a title, a long run without a first name)."""
        start, gender = self._name_start(lows)
        names = words[start:]
        if not names or any(low in self.lex.words.pronouns or low in _NOT_IN_NAMES for low in lows[start:]):
            return None
        if len(names) < MIN_NAME_WORDS and not (start > 0 and lows[start - 1] in self.lex.words.honorifics):
            return None
        certain = gender is not None or start > 0 or (len(names) > 1 and is_given_name(names[0]))
        gender = gender or (gender_of_first_name(names[0]) if len(names) > 1 else None)
        if gender is None:
            gender = self._gender_before(pos)
            certain = certain or gender is not None
        if not certain and len(names) > MAX_NAME_WORDS:
            return None
        return Entity(" ".join(names).rstrip(".,"), True, gender, pos, self._paragraph(pos), certain=certain)

    def _name_start(self, lows: list[str]) -> tuple[int, str | None]:
        """Where the name proper starts in a capitalised run, and the gender its titles tell."""
        gender = None
        for i, low in enumerate(lows):
            if is_given_name(low) and i < len(lows) - 1:
                return i, gender
            title_gender = self._word_gender(low)
            if low in self.lex.titles or title_gender is not None or low.rstrip(".") in self.lex.titles:
                gender = title_gender or gender
                continue
            if i == 0 and low in self.lex.words.leading_words:
                continue
            # an employer or place before a role ("Veltrano chief executive Arjun Kessel")
            if i + 1 < len(lows) and lows[i + 1] in self.lex.titles:
                continue
            return i, gender
        return len(lows), gender

    def _organisation_name(self, words: list[str]) -> str:
        outlet = lookup_name(" ".join(words))
        if outlet is not None:
            return outlet.name
        lead = self.lex.lead_or_determiner
        while words and _clean(words[0]) in lead:
            words = words[1:]
        name = " ".join(words).rstrip(".,")
        outlet = lookup_name(name) if name else None
        return outlet.name if outlet is not None else name

    def full_name(self, word: str, pos: int) -> Entity | None:
        """The person introduced with this surname (or this unique name word) before `pos`."""
        word = word.rstrip(".,")
        person = self.surnames.get(word)
        if person is not None and person.position < pos + len(word):
            return person
        matches = [p for p in self.people if p.position < pos and word in p.name.split()]
        return matches[0] if len({p.name for p in matches}) == 1 else None

    # -- resolving one speaker --

    def resolve(self, speaker: str, pos: int) -> str | None:
        entity = self._resolve(speaker.strip(" ,"), pos)
        if entity is None:
            return None
        entity.position = pos
        entity.paragraph = self._paragraph(pos)
        entity.spoke = True
        self.speakers.append(entity)
        return entity.name

    def _resolve(self, speaker: str, pos: int) -> Entity | None:
        low = speaker.lower()
        w = self.lex.words
        if low in w.pronouns:
            return self._pronoun(low, pos)
        outlet = self._outlet(speaker)
        if outlet is not None:
            return outlet
        words = speaker.split()
        if len(words) > 1 and words[0].lower() in w.possessives:  # "selon ses mots", "in his words"
            return self._person_before(w.possessives[words[0].lower()], pos)
        head = _clean(words[-1]) if words else ""
        if head in w.group_words or (head.endswith("s") and head[:-1] in w.group_words):
            return None
        if "," in speaker:  # "la alcaldesa, Rosa Elvira Cano": the appositive names the speaker
            named = self._named(speaker.rsplit(",", 1)[1].strip(), pos)
            if named is not None:
                return named
        if any(word[:1].isupper() for word in words[1:]) or (
            words and words[0][:1].isupper() and len(words) == 1
        ):
            return self._named(speaker, pos)
        return self._described(words, pos)

    def _outlet(self, speaker: str) -> Entity | None:
        words = speaker.split()
        lead = self.lex.words.determiners
        while len(words) > 1 and words[0].lower() in lead:
            words = words[1:]
        outlet = lookup_name(" ".join(words)) if words else None
        if outlet is None:
            return None
        return Entity(outlet.name, False, None, 0, 0)

    def _named(self, speaker: str, pos: int) -> Entity | None:
        """A capitalised speaker: a full name, a surname, a title and a surname, or an organisation;
        lower-case words before the name describe it ("regional carrier", "chief executive")."""
        runs = list(_RUN.finditer(speaker))
        if not runs:
            return None
        run = runs[-1]
        described = [_clean(word) for word in speaker[: run.start()].split()]
        w = self.lex.words
        if any(low in w.organisation_words for low in described) and not is_given_name(
            run.group().split()[0]
        ):
            return self._organisation(run.group(), pos)
        entity = self.entity_of(run.group(), pos + run.start())
        if entity is not None and entity.person:
            if any(low in w.roles or low in w.honorifics for low in described):
                entity.certain = True
                entity.gender = entity.gender or self._role_gender(described)
            if len(entity.name.split()) >= MIN_NAME_WORDS and is_given_name(entity.name.split()[0]):
                return entity  # a full name as written: no need to read the article's names
            known = self.full_name(entity.name.split()[-1], pos)
            if known is not None and (
                entity.name.split()[0] == known.name.split()[0] or len(entity.name.split()) == 1
            ):
                return known
            return entity
        if entity is not None:
            return self._organisation(entity.name, pos)
        return self._single_word(run.group(), pos)

    def _role_gender(self, lows: list[str]) -> str | None:
        for low in reversed(lows):
            gender = self._word_gender(low)
            if gender is not None:
                return gender
        return None

    def _organisation(self, name: str, pos: int) -> Entity:
        """An organisation, by the fullest name it was given before ("Ayuntamiento" -> "Ayuntamiento
        de Villarrosa")."""
        name = self._organisation_name(name.split())
        for entity in self.mentions:
            if (
                entity.position < pos
                and not entity.person
                and entity.name.startswith(name)
                and entity.name != name
            ):
                return entity
        return Entity(name, False, None, pos, self._paragraph(pos))

    def _single_word(self, run: str, pos: int) -> Entity | None:
        """ "Tulley", "Mr. Granger", "Frau Kern", "Veltrano": a surname, or an organisation's name."""
        words = [_strip_possessive(word) for word in run.split()]
        title_gender = None
        titled = False
        while len(words) > 1 and _clean(words[0]).rstrip(".") in self.lex.titles:
            title_gender = self._word_gender(_clean(words[0]).rstrip(".")) or title_gender
            titled = True
            words = words[1:]
        if len(words) != 1:
            return None
        word = words[0].rstrip(".,")
        known = self.full_name(word, pos)
        if known is not None:
            return known
        if self._function_word(word.lower()):
            return None
        if titled:
            return Entity(word, True, title_gender, pos, self._paragraph(pos), certain=True)
        if not is_given_name(word):
            for entity in reversed(self.mentions):
                if entity.position < pos and not entity.person and entity.name.split()[0] == word:
                    return entity
            return Entity(word, False, None, pos, self._paragraph(pos))
        return None

    def _described(self, words: list[str], pos: int) -> Entity | None:
        """A lower-case phrase: "the company", "the statement", "a spokeswoman for the council"."""
        w = self.lex.words
        lead = self.lex.lead_or_determiner
        while words and _clean(words[0]) in lead:
            words = words[1:]
        if not words:
            return None
        if words[0].lower() in {"a", "an", "one"} or len(words) > 3:
            return None
        head = _clean(words[-1])
        capitals = [word for word in words if word[:1].isupper()]
        if capitals:
            return self._named(" ".join(capitals), pos)
        if head in w.document_words or head in w.organisation_words or head in w.speaker_nouns:
            return self._organisation_before(head, pos)
        return None

    def _issuer(self, head: str, pos: int) -> Entity | None:
        """ "the statement" -> who released the statement named last before ("The Democratic
        National Committee released a statement")."""
        verbs = "|".join(map(re.escape, self.lex.words.issue_verbs)) or "(?!)"
        pattern = re.compile(
            rf"({self.lex.name})\s+(?:(?:{verbs})\s+(?:(?:{self.lex.determiner})\s+)?)?(?i:{re.escape(head)})"
        )
        found = None
        for found in pattern.finditer(self.text, max(0, pos - DOCUMENT_LOOKBACK), pos):  # noqa: B007
            pass
        if found is None:
            return None
        return self._organisation(found.group(1), pos)

    def _organisation_before(self, head: str, pos: int) -> Entity | None:
        """The organisation a phrase like "the company" points back to: one whose name holds the
        word, else the last organisation that spoke, else none."""
        if head in self.lex.words.document_words:
            issuer = self._issuer(head, pos)
            if issuer is not None:
                return issuer
        for entity in reversed(self.mentions):
            if entity.position < pos and not entity.person and head in entity.name.lower().split():
                return entity
        for entity in reversed(self.speakers):
            if not entity.person:
                return entity
            break
        return None

    def _pronoun(self, low: str, pos: int) -> Entity | None:
        info = self.lex.words.pronouns[low]
        if not info.person:
            if info.plural:
                return None
            last = self.speakers[-1] if self.speakers else None
            return last if last is not None and not last.person else None
        if info.gender is None:
            return None  # "I", "you": the quotation's own voice, not a reference
        return self._person_before(info.gender, pos)

    def _person_before(self, gender: str | None, pos: int) -> Entity | None:
        """The most salient person before `pos` whose gender fits (None: any)."""
        paragraph = self._paragraph(pos)
        candidates = [s for s in self.speakers if s.person and s.position < pos] + [
            m for m in self.mentions if m.person and m.certain and m.position < pos
        ]
        candidates.sort(key=lambda e: e.position)
        for entity in reversed(candidates):
            if paragraph - entity.paragraph > PRONOUN_REACH_PARAGRAPHS:
                break
            found = entity.gender
            if found is None:
                full = self.full_name(entity.name.split()[-1], pos)
                found = full.gender if full is not None else None
            if gender is None or found in (gender, None):
                full = self.full_name(entity.name.split()[-1], pos)
                return full or entity
        return None


GENDERS = (FEMININE, MASCULINE)
