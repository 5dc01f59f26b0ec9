"""Who a speaker phrase refers to: `speaker_resolved`, as a careful reader of the article would say.

Rules, in order:
- *appositive*: "la alcaldesa, Rosa Elvira Cano" names its speaker after the comma;
- *pronoun*: "he", "sie", "elle" -> the most recent person of a compatible gender (the speakers
  before it and the people the article names, from titles, roles and first names); an
  organisation is never "he"; no compatible person: empty. "It" -> the organisation that spoke
  before. "His words", "selon ses mots" -> the person before;
- *unnamed*: "a source", "ein Sprecher", "officials", "others" stay empty;
- *outlet*: a news outlet is the registry's canonical name, as in `citations.source_name`
  ("the Guardian" -> "The Guardian");
- *role*: "die Ministerin", "la maire", "the judge", "der 38-Jährige" -> the person introduced with
  that role (or the last person of that gender);
- *outlet noun*: "the newspaper", "le quotidien" -> the outlet named before;
- *document*: "the report" -> its title ("titled …") or who issued it;
- *organisation noun*: "the company", "la compañía" -> the organisation named before; "die
  Stadtverwaltung", "la préfecture" (an institution the article does not name otherwise) -> the
  noun as written;
- *name*: a full name as introduced (titles, roles and an employer dropped: "Veltrano chief
  executive Arjun Kessel" -> "Arjun Kessel"); a surname or "Mr. Granger", "Frau Kern" -> the
  full name ending in it; an organisation without its article ("The Food and Allied Workers
  Union" -> "Food and Allied Workers Union").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from pipeline.lang import FEMININE, MASCULINE
from pipeline.lang.shared import gender_of_first_name, is_given_name, letters_in_order
from pipeline.outlets import MEDIA_TYPES, lookup_name
from pipeline.quotes.found import last_match
from pipeline.quotes.lexicon import Lexicon
from pipeline.quotes.mentions import MIN_NAME_WORDS, RUN, Entity, Names, clean, strip_possessive

_PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)(?=\s|$)")  # "(ANSM)", "(ARS)" inside or after a name
_REPORT_PHRASE = re.compile(r"\s+(?:in|en|dans|im|in)\s+(?:a|an|un|una|une|einem|einer)\s+[\w’'-]+\s*$")
PRONOUN_REACH_PARAGRAPHS = 4  # a pronoun refers to someone named at most this many paragraphs back
ANAPHOR_REACH_PARAGRAPHS = 6  # "the company", "la maire": named at most this many paragraphs back
ROLE_REACH_PARAGRAPHS = 1  # a role no one was introduced with: the person of this paragraph or the one before
DOCUMENT_LOOKBACK = 3000  # characters searched for who issued "the statement" or its title
MAX_DESCRIBED_WORDS = 4  # a longer lower-case phrase describes someone unnamed
MAX_ORGANISATION_WORDS = 8
# "le tribunal administratif de Rouvray": adjectives between an institution and its place
MAX_PLACE_ADJECTIVES = 2
# where a sentence ends and the next starts (for two people named together in the sentence before)
_SENTENCE_END = re.compile(r"[.!?][\"”»“]?\s+(?=[\"“„«»]?[A-ZÀ-Þ])")
# characters read beside an age for the name it belongs to, or before a pronoun for its verb
MAX_NAME_CHARS = 60
MIN_COMPOUND_HEAD = 5  # "Gericht" inside "Landgericht"; "Amt" is too short to tell
AGE_BESIDE_NAME = 3  # characters between a name and its age ("Brodie, 58,": the comma; "(34)": a space)


class Resolver:
    """Resolves the speakers of one article, in text order."""

    def __init__(
        self,
        lex: Lexicon,
        text: str,
        paragraph_starts: list[int],
        reach: int | None = None,
        quoted: list[tuple[int, int]] | None = None,
    ) -> None:
        self.lex = lex
        self.text = text
        # direct quotations: a name a speaker says ("'Crossland wrote …,' she said") refers to no one
        # who may take the pronoun of the attribution
        self.quoted = sorted(quoted or [])
        self.names = Names(lex, text, paragraph_starts)
        self.reach = len(text) if reach is None else reach  # names after the last speaker are never needed
        self._mentions: list[Entity] | None = None
        self._surnames: dict[str, Entity] = {}
        self.speakers: list[Entity] = []  # resolved speakers so far, in order

    # -- the names of the article, read when a speaker needs them --

    @property
    def mentions(self) -> list[Entity]:
        if self._mentions is None:
            self._mentions = self.names.index(self.reach)
            for entity in self._mentions:
                if entity.person and len(entity.name.split()) >= MIN_NAME_WORDS:
                    self._surnames.setdefault(entity.name.split()[-1], entity)
        return self._mentions

    def full_name(self, word: str, pos: int) -> Entity | None:
        """The person introduced with this surname (or this unique name word) before `pos`."""
        word = word.rstrip(".,")
        mentions = self.mentions
        person = self._surnames.get(word)
        if person is not None and person.position < pos + len(word):
            return person
        matches = {
            p.name: p for p in mentions if p.person and p.position < pos and word in p.name.split()[:-1]
        }
        return next(iter(matches.values())) if len(matches) == 1 else None

    # -- resolving one speaker --

    def resolve(self, speaker: str, pos: int, in_passing: bool = False) -> str | None:
        """The speaker's name as the article introduced it, or None. A source cited `in_passing`
        ("according to officials") that names no one is not remembered as the last speaker."""
        entity = self._resolve(speaker.strip(" ,"), pos)
        if entity is None:
            unnamed = None if in_passing else self._unnamed_person(speaker, pos)
            if unnamed is not None:
                self.speakers.append(unnamed)  # "der Sprecher" … "sagte er": still him, still unnamed
            return None
        entity.position = pos
        entity.paragraph = self.names.paragraph(pos)
        entity.spoke = True
        self.speakers.append(entity)
        return entity.name

    def _resolve(self, speaker: str, pos: int) -> Entity | None:
        aged = self.lex.age_descriptor.search(speaker)
        if aged is None:
            return self._unaged(speaker, pos)
        # "the 58-year-old", "der 38-Jährige": the person the article gave that age, else the person
        # it is talking about (German gives an age this way first), unless given another age
        ages = self._ages_beside_names(pos)
        given = [name for name, age in ages.items() if age == aged[1]]
        if len(given) == 1:
            return self._entity_named(given[0])
        found = self._unaged(speaker, pos)
        return found if found is None or ages.get(found.name, aged[1]) == aged[1] else None

    def _unaged(self, speaker: str, pos: int) -> Entity | None:
        speaker = _PARENTHESIS.sub("", speaker).strip()  # "l'Agence … (ANSM)", "L'Agence … (ARS) Occitanie"
        outlet = self._outlet(speaker.split())
        if outlet is not None:
            # "Keystone" after "Keystone Residential Group": the company named before, not the agency
            return self._longer_name_before(speaker, pos) or outlet
        for elided in self.lex.words.elided_determiners:
            if speaker.startswith(elided) and len(speaker) > len(elided):
                speaker = f"{elided.lower()} {speaker[len(elided) :]}"  # "L'ANSM" -> "l' ANSM"
                break
        if "," in speaker:  # "la alcaldesa, Rosa Elvira Cano": the appositive names the speaker
            named = self._named(speaker.rsplit(",", 1)[1].strip(), pos)
            if named is not None:
                return named
            speaker = speaker.split(",", 1)[0]
        low = speaker.lower()
        if low in self.lex.words.pronouns:
            return self._pronoun(low, pos)
        return self._phrase(speaker, pos)

    def _phrase(self, speaker: str, pos: int) -> Entity | None:
        """A speaker phrase that is no pronoun: a source inside a compound, someone unnamed, a
        possessive, an outlet, a group, else described or named."""
        words = speaker.split()
        if not words:
            return None
        compound = self._compound_source(words[-1])
        if compound is not None:  # "Polizeiangaben", "Einem FAZ-Bericht": the source inside the word
            return compound
        w = self.lex.words
        first = words[0].lower()
        if first in w.indefinite_determiners:
            return None  # "a source", "ein Sprecher", "un diplomático europeo"
        if len(words) > 1 and first in w.possessives:  # "selon ses mots", "in his words"
            return self._possessed(words, pos)
        outlet = self._outlet(words)
        if outlet is not None:
            return outlet
        heads = self._heads(words)
        if any(self._group_word(head) for head in heads):
            return None  # "Fuentes de la Consejería", "officials", "others", "Kreisen der Umweltverbände"
        head, first_head = heads
        if (
            first_head != head
            and self.names.is_role(first_head)
            and not self.names.is_organisation_word(first_head)
        ):
            return self._role_holder(first_head, pos)  # "Der Sprecher der Stadtwerke": not the utility
        speaker = _REPORT_PHRASE.sub("", speaker)  # "el Programa Mundial de Alimentos en un informe"
        described = self._described(speaker.split(), pos)
        if described is not None or self._masculine_noun_phrase(words):
            return described  # "der Mediziner" no one fits: no organisation called "Mediziner" either
        return self._named(speaker, pos)

    def _possessed(self, words: list[str], pos: int) -> Entity | None:
        """ "in his words" is him; "her neighbour", "sa voisine" is someone else (named after, or no one)."""
        if self._person_noun(clean(words[1])):
            return self._named(" ".join(words[2:]), pos) if len(words) > 2 else None
        return self.person_before(self.lex.words.possessives[words[0].lower()], pos)

    def _heads(self, words: list[str]) -> tuple[str, str]:
        """(the head by the language's word order, the head of the first noun group): "Kreisen der
        Umweltverbände" has "umweltverbände" and "kreisen"."""
        lows = [clean(word) for word in words]
        content = [low for low in lows if low not in self.lex.function_words] or [lows[-1]]
        head = content[0] if self.lex.words.head_initial else content[-1]
        return head, self._head_noun(lows) or head

    def _masculine_noun_phrase(self, words: list[str]) -> bool:
        """ "der Mediziner", "der Geistliche": where every noun has a capital, a masculine definite
        article and one noun that is no organisation and no acronym describe a man (`_described`
        finds him by the article's gender), never a name of its own."""
        w = self.lex.words
        if not w.capitalised_nouns or len(words) != 2:
            return False
        noun = clean(words[1])
        return (
            w.determiner_gender.get(clean(words[0])) == MASCULINE
            and clean(words[0]) in w.definite_articles
            and not words[1].isupper()
            and not self.names.is_organisation_word(noun)
            and noun not in w.group_words
            and not is_given_name(words[1])
        )

    def _unnamed_person(self, speaker: str, pos: int) -> Entity | None:
        """ "a spokeswoman", "der Sprecher", "her neighbour": one person the article does not name,
        who a pronoun after may refer to (an empty name)."""
        lows = [clean(word) for word in speaker.split()]
        w = self.lex.words
        if not lows or (lows[0] in w.pronouns and lows[0] not in w.possessives):
            return None
        head = self._head_noun(lows)
        names = self.names
        if (
            head is None
            or head in w.group_words
            or not self._person_noun(head)
            or names.is_organisation_word(head)
        ):
            return None
        gender = names.word_gender(head) or w.relatives.get(head) or w.determiner_gender.get(lows[0])
        return Entity("", True, gender, pos, names.paragraph(pos), spoke=True, certain=True)

    def _group_word(self, head: str) -> bool:
        """ "officials", "Quellen", "Kreisen" (dative), "Ermittlerkreisen" (a German compound ending in
        one): a group, never one speaker."""
        groups = self.lex.words.group_words
        forms = {head, head[:-1]} if head.endswith(("s", "n")) else {head}
        if forms & groups:
            return True
        return bool(self.lex.words.capitalised_nouns) and any(
            form.endswith(group) for form in forms for group in groups if len(group) >= MIN_COMPOUND_HEAD
        )

    def _head_noun(self, lows: list[str]) -> str | None:
        """The head of a speaker phrase's first noun group: "a spokeswoman for the council" and
        "eine Sprecherin der Regierung" are a spokeswoman, not the council; "the council
        spokeswoman" too (the group ends at the first function word after a content word)."""
        group: list[str] = []
        for low in lows:
            if low in self.lex.function_words:
                if group:
                    break
                continue
            group.append(low)
        if not group:
            return None
        return group[0] if self.lex.words.head_initial else group[-1]

    def _person_noun(self, low: str) -> bool:
        return self.names.is_role(low) or low in self.lex.words.relatives

    def _ages_beside_names(self, pos: int) -> dict[str, str]:
        """The ages the article gave right beside a person's name before `pos` ("Leanne Brodie, 58,",
        "die 61-jährige Anna Berg", "Anna Berg (34)"), by full name."""
        if not self.lex.words.age_mentions:
            return {}
        pattern = self.lex.age_mention
        people = [entity.name for entity in self.mentions if entity.person]
        ages: dict[str, str] = {}
        for match in pattern.finditer(self.text, 0, pos):
            age = next(group for group in match.groups() if group)
            before = self.text[max(0, match.start() - MAX_NAME_CHARS) : match.start()]
            after = self.text[match.end() : match.end() + MAX_NAME_CHARS]
            for name in people:
                if (
                    name in before[-len(name) - AGE_BESIDE_NAME :]
                    or name in after[: len(name) + AGE_BESIDE_NAME]
                ):
                    ages.setdefault(name, age)
        return ages

    def _entity_named(self, name: str) -> Entity | None:
        return next((entity for entity in self.mentions if entity.name == name), None)

    def _compound_source(self, word: str) -> Entity | None:
        suffixes = self.lex.words.source_compounds
        low = word.lower()
        if not suffixes or not low.endswith(suffixes):
            return None
        suffix = next(s for s in suffixes if low.endswith(s))
        stem = word[: -len(suffix)].rstrip("-")
        if len(stem) < 2:
            return None
        outlet = lookup_name(stem)
        if outlet is not None:
            return Entity(outlet.name, False, None, 0, 0, outlet=outlet.type in MEDIA_TYPES)
        return Entity(stem[:1].upper() + stem[1:], False, None, 0, 0)

    def _outlet(self, words: list[str]) -> Entity | None:
        """A name of the registry: a news outlet by its canonical name ("the Guardian" -> "The
        Guardian"); another body by its name as written, its full name for an acronym ("WHO")."""
        written = words
        outlet = lookup_name(" ".join(words))  # "Les Échos", "Der Spiegel": the article is in the name
        if outlet is None:
            while len(written) > 1 and clean(written[0]) in self.lex.lead_or_determiner:
                written = written[1:]
            outlet = lookup_name(" ".join(written))
        if outlet is None and len(written) > 1 and self._outlet_noun(written[0]):
            written = written[1:]  # "des Magazins Stern", "the newspaper Kurjer": the noun describes it
            outlet = lookup_name(" ".join(written))
        if outlet is None:
            return None
        while len(written) > 1 and clean(written[0]) in self.lex.lead_or_determiner:
            written = written[1:]
        media = outlet.type in MEDIA_TYPES
        name = " ".join(written).strip(" ,.")
        if media or name.isupper() or len(written) == 1:
            name = outlet.name
        return Entity(name, False, None, 0, 0, outlet=media)

    # -- named speakers --

    def _outlet_noun(self, word: str) -> bool:
        """ "newspaper", "Magazin", also in the German genitive ("des Magazins", "des Blattes")."""
        low = clean(word)
        nouns = self.lex.words.outlet_nouns
        return any(low[: len(low) - len(end)] in nouns for end in ("", "s", "es") if low.endswith(end))

    def _named(self, speaker: str, pos: int) -> Entity | None:
        """A capitalised speaker: a full name, a surname, a title and a surname, or an organisation;
        lower-case words before the name describe it ("regional carrier", "chief executive")."""
        runs = list(RUN.finditer(speaker))
        if not runs:
            return None
        run = runs[-1]
        # the words between the name and the name before it ("Met Office meteorologist Grant Niven":
        # a meteorologist, whoever employs him)
        described_from = runs[-2].end() if len(runs) > 1 else 0
        described = [clean(word) for word in speaker[described_from : run.start()].split()]
        names = self.names
        organisation = self._described_organisation(run.group(), described, pos)
        if organisation is not None:
            return organisation
        entity = names.entity_of(run.group(), pos + run.start(), frozenset(described))
        if entity is not None and entity.person:
            return self._person_named(entity, described, pos)
        if entity is not None:
            return self._organisation(entity.name, pos) if not entity.outlet else entity
        return self._single_word(run.group(), pos)

    def _described_organisation(self, run: str, described: list[str], pos: int) -> Entity | None:
        """ "der Deutsche Wetterdienst" (Deutscher Wetterdienst), "the regional carrier Flybe": an
        organisation by the words before its name."""
        names = self.names
        if described and described[-1] == "der":
            run_words = names.adjective_nominative(run.split(), "der")
            if run_words != run.split() and names.is_organisation_word(clean(run_words[-1])):
                return self._organisation(" ".join(run_words), pos)
        if any(names.is_organisation_word(low) for low in described) and not is_given_name(run.split()[0]):
            return self._organisation(run, pos)
        return None

    def _person_named(self, entity: Entity, described: list[str], pos: int) -> Entity:
        """A person named as written, or by the full name the article introduced."""
        names = self.names
        if any(names.is_role(low) for low in described):
            entity.certain = True
            entity.gender = entity.gender or names._titles_gender(described)
        if len(entity.name.split()) >= MIN_NAME_WORDS and is_given_name(entity.name.split()[0]):
            return entity  # a full name as written: no need to read the article's names
        known = self.full_name(entity.name.split()[-1], pos)
        if known is not None and (
            entity.name.split()[0] == known.name.split()[0] or len(entity.name.split()) == 1
        ):
            return known
        return entity

    def _organisation(self, name: str, pos: int) -> Entity:
        """An organisation, by the fullest name it was given before ("Ayuntamiento" -> "Ayuntamiento
        de Villarrosa", "DWD" -> "Deutscher Wetterdienst", "ANSM" defined in brackets)."""
        name = self.names.organisation_name(name.split())
        defined = self._acronym_definition(name, pos)
        if defined is not None:
            return Entity(defined, False, None, pos, self.names.paragraph(pos))
        for entity in [*self.mentions, *self.speakers]:
            if entity.position >= pos or entity.person:
                continue
            first = entity.name.split()[0].lower()
            compound = (
                " " in entity.name
                and len(name) > 4
                and first.endswith(name.lower())
                and first != name.lower()
            )
            if (
                (entity.name.startswith(name) and entity.name != name)
                or compound
                or _abbreviates(name, entity.name)
            ):
                return entity  # "Verbund" -> "Verkehrsverbund Wetterau"
        return Entity(name, False, None, pos, self.names.paragraph(pos))

    def _acronym_definition(self, acronym: str, pos: int) -> str | None:
        """ "l'Agence nationale de sécurité du médicament (ANSM)": the name an acronym stands for. An
        acronym written as a word ("(Inrap)", "(Unesco)") counts when its letters run through the name."""
        if not (2 <= len(acronym) <= 8 and acronym[:1].isupper() and acronym.isalpha()):
            return None
        as_word = not acronym.isupper()
        i = self.text.find(f"({acronym})")
        if i < 0 or i > pos:
            return None
        line_start = max(self.text.rfind("\n", 0, i), self.text.rfind(". ", 0, i), i - 100) + 1
        words = self.text[line_start:i].split()
        for k in range(len(words) - 1, -1, -1):  # the capitalised word the acronym starts with
            word = words[k]
            for elided in self.lex.words.elided_determiners:
                if word.startswith(elided) and len(word) > len(elided):
                    word = word[len(elided) :]
            if word[:1] == acronym[0] and word != f"({acronym})":
                name = " ".join([word, *words[k + 1 :]])
                if len(name.split()) < 2 or (as_word and not letters_in_order(acronym, name)):
                    return None
                return name
        return None

    def _single_word(self, run: str, pos: int) -> Entity | None:
        """ "Tulley", "Mr. Granger", "Frau Kern", "Veltrano": a surname, or an organisation's name."""
        words = [strip_possessive(word) for word in run.split()]
        title_gender = None
        titled = False
        while len(words) > 1 and self.names.is_role(clean(words[0])):
            title_gender = self.names.word_gender(clean(words[0]).rstrip(".")) or title_gender
            titled = True
            words = words[1:]
        if len(words) != 1:
            return None
        word = words[0].rstrip(".,")
        known = self.full_name(word, pos)
        if known is not None:
            return known
        if self.names.function_word(word.lower()) or self.names.is_role(word.lower()):
            return None
        if titled or is_given_name(word):  # "Frau Kern", "Martine, 58 ans": as much name as the article gives
            return Entity(
                word,
                True,
                title_gender or gender_of_first_name(word),
                pos,
                self.names.paragraph(pos),
                certain=True,
            )
        return self._organisation(word, pos)

    # -- described speakers --

    def _described(self, words: list[str], pos: int) -> Entity | None:
        """A phrase without a name: a role, an outlet, a document, an organisation noun."""
        det = clean(words[0])
        while words and clean(words[0]) in self.lex.lead_or_determiner:
            words = words[1:]
        if not words:
            return None
        issued = self._issued_by_name(words, pos)
        if issued is not None:
            return issued
        if words[0][:1].isupper() and self._organisation_phrase(words):
            return Entity(" ".join(words).rstrip(".,"), False, None, pos, self.names.paragraph(pos))
        if len(words) > MAX_DESCRIBED_WORDS and not self.names.is_organisation_word(clean(words[0])):
            return None
        if self._holds_a_name(words):
            return None  # `_named`
        words = [self.names.nominative(word) for word in words]
        return self._by_head(det, words, pos)

    def _issued_by_name(self, words: list[str], pos: int) -> Entity | None:
        """ "the White House statement" -> White House: a document named after who issued it
        (head-final languages; "the Trump campaign" stays, a campaign is an organisation)."""
        w = self.lex.words
        if w.head_initial or len(words) < 2 or not words[0][:1].isupper():
            return None
        head = clean(words[-1])
        if head not in w.document_words or self.names.is_organisation_word(head):
            return None
        if not all(word[:1].isupper() for word in words[:-1]):
            return None
        return self._organisation(" ".join(words[:-1]).rstrip(".,"), pos)

    def _holds_a_name(self, words: list[str]) -> bool:
        """ "el Sindicato Libre de Maquinistas", "la asociación de usuarios Tren Digno", "Priya …": a
        name inside the phrase (where a capital tells one)."""
        w = self.lex.words
        if any(word[:1].isupper() and is_given_name(word) for word in words):
            return True
        if w.capitalised_nouns:
            return False
        if len(words) > 1 and all(
            word[:1].isupper() or clean(word) in self.lex.function_words for word in words
        ):
            return True
        return w.head_initial and any(
            word[:1].isupper() and before.islower() and clean(before) not in self.lex.function_words
            for before, word in pairwise(words)
        )

    def _by_head(self, det: str, words: list[str], pos: int) -> Entity | None:
        """What the head noun of a described speaker says it is: an age, an outlet, a document, a
        role, an organisation, someone described ("le prévenu")."""
        lows = [clean(word) for word in words]
        content = [low for low in lows if low not in self.lex.function_words] or lows
        w = self.lex.words
        head = content[0] if w.head_initial else content[-1]  # "parquet de X", "the city council"
        if w.age_words and any(low.endswith(w.age_words) for low in lows):
            return self.person_before(w.determiner_gender.get(det), pos)  # "der 38-Jährige", "de 41 ans"
        if head in w.outlet_nouns or lows[0] in w.outlet_nouns:
            outlet = self._outlet_before(pos)
            if outlet is not None or not self.names.is_organisation_word(head):
                return outlet  # "le quotidien", "the newspaper" ("l'agence régionale de santé" is no outlet)
        if head in w.document_words:
            return self._document(head, pos)
        return self._person_or_body(det, words, head, pos)

    def _person_or_body(self, det: str, words: list[str], head: str, pos: int) -> Entity | None:
        """ "die Ministerin" (a role), "the council" (an organisation), "le prévenu" (someone described)."""
        w = self.lex.words
        names = self.names
        organisation = names.is_organisation_word(head)
        if names.is_role(head) and not organisation:
            return self._role_before(head, w.determiner_gender.get(det) or names.word_gender(head), pos)
        if organisation or head in w.generic_organisation_nouns or head in w.speaker_nouns:
            return self._organisation_noun(names.adjective_nominative(words, det), head, pos)
        if det in w.definite_articles or det in w.elided_determiners:
            # "la atleta valdemoreña", "le coureur de 22 ans": someone the article just named, of the
            # article's gender (an elided "l'" tells none; German "die" is also the plural's)
            gender = w.determiner_gender.get(det)
            if w.plural_article_is_feminine and gender == FEMININE:
                gender = names.word_gender(head)
            return self._role_before(head, gender, pos)
        return None

    def _organisation_phrase(self, words: list[str]) -> bool:
        """ "Agence nationale de sécurité du médicament", "Guardia Costera salvaniana": an organisation
        named with lower-case words, as the article writes it (a person's name is `_named`)."""
        if any(is_given_name(word) for word in words) or len(words) > MAX_ORGANISATION_WORDS:
            return False
        lows = [clean(word) for word in words]
        if _NAME_AFTER_DESCRIPTION.search(" ".join(words)):
            return False  # "Met Office meteorologist Grant Niven": a person after what they do
        has_lower = any(word.islower() and not self.names.function_word(clean(word)) for word in words[1:])
        return has_lower and (self.names.is_organisation_word(lows[0]) or words[1][:1].isupper())

    def _role_holder(self, role: str, pos: int) -> Entity | None:
        """The person introduced with this role ("Kultusministerin" for "die Ministerin"), if any."""
        for entity in reversed(self._people_before(pos, ANAPHOR_REACH_PARAGRAPHS)):
            if any(r == role or (r.endswith(role) and r[: -len(role)].isalpha()) for r in entity.roles):
                return self._fullest(entity, pos)
        return None

    def _role_before(self, role: str, gender: str | None, pos: int) -> Entity | None:
        """ "die Ministerin" -> the person introduced as Kultusministerin; else the last person of
        the role's gender."""
        holder = self._role_holder(role, pos)
        if holder is not None:
            return holder
        if gender is None:
            return None
        return self.person_before(
            gender, pos, ROLE_REACH_PARAGRAPHS
        )  # "die Archäologin": the person just named

    def _outlet_before(self, pos: int) -> Entity | None:
        """ "the newspaper", "El diario": the news outlet named last before."""
        for entity in reversed(self.mentions):
            if entity.position < pos and entity.outlet:
                return entity
        return None

    def _document(self, head: str, pos: int) -> Entity | None:
        """ "the report" -> its title when the article gives one, else who issued it."""
        title = self._title_before(pos)
        if title is not None:
            return Entity(title, False, None, pos, self.names.paragraph(pos))
        return self._issuer(head, pos) or self._last_organisation_speaker() or self._last_organisation(pos)

    def _title_before(self, pos: int) -> str | None:
        documents = "|".join(map(re.escape, sorted(self.lex.words.document_words)))
        markers = "|".join(map(re.escape, (*self.lex.words.title_markers, *self.lex.words.document_words)))
        if not documents:
            return None
        pattern = re.compile(rf"(?i:{markers})\s*[,:]?\s*[«\"“„‚'‘]\s*([^»\"”“'’]{{2,80}}?)\s*[»\"”“'’]")
        found = self._last_before(pattern, pos)
        return found.group(1) if found is not None else None

    def _last_before(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """The last match of `pattern` in the `DOCUMENT_LOOKBACK` characters before `pos`."""
        return last_match(pattern, self.text, max(0, pos - DOCUMENT_LOOKBACK), pos)

    def _issuer(self, head: str, pos: int) -> Entity | None:
        """ "the statement" -> who released the statement named last before."""
        verbs = "|".join(map(re.escape, self.lex.words.issue_verbs)) or "(?!)"
        pattern = re.compile(
            rf"({self.lex.name})\s+(?:(?:{verbs})\s+(?:(?:{self.lex.determiner})\s+)?)?(?i:{re.escape(head)})"
        )
        found = self._last_before(pattern, pos)
        return self._organisation(found.group(1), pos) if found is not None else None

    def _organisation_noun(self, words: list[str], head: str, pos: int) -> Entity | None:
        """ "the council" -> the council named before; "the company" -> the organisation named or
        speaking before ("l'agence" after "L'Agence régionale de santé Occitanie a annoncé");
        "die Stadtverwaltung", "la préfecture" -> the institution as written."""
        named = sorted([*self.mentions, *self.speakers], key=lambda e: e.position)
        for entity in reversed(named):
            if (
                entity.position < pos
                and not entity.person
                and entity.name.lower() != head  # the noun itself, met before: no name
                and self._names_a_kind(entity.name, head)
            ):
                return entity
        if head in self.lex.words.generic_organisation_nouns:
            return (
                self._organisation_of_kind(head, pos)
                or self._named_after_kind(head, pos)
                or self._name_without_person(pos)
            )
        placed = self._introduced_with_place(head, pos)
        if placed is not None:
            return placed
        if self.lex.code == "en":
            return None  # an English institution the article does not name
        return Entity(" ".join(words).rstrip(".,"), False, None, pos, self.names.paragraph(pos))

    def _longer_name_before(self, word: str, pos: int) -> Entity | None:
        """An organisation named before whose name goes on after this one word."""
        if " " in word:
            return None
        for entity in reversed(self.mentions):
            if (
                entity.position < pos
                and not entity.person
                and not entity.outlet
                and entity.name.startswith(f"{word} ")
            ):
                return entity
        return None

    def _names_a_kind(self, name: str, head: str) -> bool:
        """ "Stadtrat Hallingen" is "der Stadtrat"; in German also a compound ending in the noun:
        "Landgericht Erzfeld" is "das Gericht"."""
        words = name.lower().replace("-", " ").split()
        if head in words:
            return True
        return (
            self.lex.words.capitalised_nouns
            and len(head) >= MIN_COMPOUND_HEAD
            and any(word.endswith(head) for word in words)
        )

    def _introduced_with_place(self, head: str, pos: int) -> Entity | None:
        """ "die Polizei" -> "Polizei in Bad Ellern", "le tribunal" -> "tribunal administratif de
        Rouvray": the institution as the article first introduced it, with its place."""
        if not self.lex.words.place_links:
            return None
        pattern = re.compile(
            rf"(?<![\w-])(?i:{re.escape(head)})(?:\s+[a-zß-ÿ][\w-]*){{0,{MAX_PLACE_ADJECTIVES}}}?\s+"
            rf"(?:{self.lex.place_link}){self.lex.name}"
        )
        found = pattern.search(self.text, 0, pos)
        if found is None:
            return None
        return Entity(found.group(0), False, None, found.start(), self.names.paragraph(found.start()))

    def _organisation_of_kind(self, head: str, pos: int) -> Entity | None:
        """ "the company", "la empresa": an organisation described with the word before, else the last
        organisation named or speaking that is not of another kind (a union is not "the company")."""
        paragraph = self.names.paragraph(pos)
        recent = [
            e
            for e in self.mentions
            if e.position < pos and not e.person and not e.outlet and e.name.lower() != head  # "Unternehmen"
        ]
        recent += [e for e in self.speakers if not e.person and not e.outlet]
        recent.sort(key=lambda e: e.position)
        for entity in reversed(recent):
            if head in entity.roles:
                return entity
        for entity in reversed(recent):
            if paragraph - entity.paragraph > ANAPHOR_REACH_PARAGRAPHS:
                break
            first = clean(entity.name.split()[0])
            w = self.lex.words
            same_kind = head in w.any_kind_nouns or first in w.kind_synonyms.get(head, ())
            if first != head and self.names.is_organisation_word(first) and not same_kind:
                continue  # "Sindicato Libre de Maquinistas" is not "la empresa"
            return entity
        return None

    def _named_after_kind(self, head: str, pos: int) -> Entity | None:
        """ "la banda" after "el grupo Los Tábanos", "the carmaker" after "the carmaker Stellantis":
        the name the article wrote right after the kind noun (or a synonym of it)."""
        kinds = {head, *self.lex.words.kind_synonyms.get(head, ())}
        pattern = re.compile(rf"(?<![\w-])(?i:{'|'.join(map(re.escape, sorted(kinds)))})\s+({self.lex.name})")
        found = self._last_before(pattern, pos)
        if found is None or is_given_name(found.group(1).split()[0]):
            return None
        # a capitalised article there is part of the name ("Los Tábanos", "Les Ogres de Barback")
        name = found.group(1).rstrip(".,")
        outlet = lookup_name(name)
        return Entity(outlet.name if outlet else name, False, None, found.start(1), self.names.paragraph(pos))

    def _name_without_person(self, pos: int) -> Entity | None:
        """ "the club" after "Brackenfield Kestrels have sacked their coach": the last name before
        with nothing of a person's (no first name, title, role or gender) is the organisation, read
        without a kind noun in front ("der Autozulieferer Brenkmann" -> Brenkmann)."""
        paragraph = self.names.paragraph(pos)
        for entity in reversed(self.mentions):
            if entity.position >= pos:
                continue
            if paragraph - entity.paragraph > ANAPHOR_REACH_PARAGRAPHS:
                return None
            words = entity.name.split()
            if not entity.person:
                continue  # an organisation the kind noun did not fit
            if (
                entity.certain
                or entity.gender
                or ". " in entity.name
                or any(is_given_name(word) for word in words)
                or any(self.names.is_role(role) for role in entity.roles)  # "head coach Lee Tolland"
            ):
                continue
            while len(words) > 1 and self._kind_noun(clean(words[0])):
                words = words[1:]
            return Entity(" ".join(words), False, None, entity.position, entity.paragraph)
        return None

    def _kind_noun(self, low: str) -> bool:
        """ "autozulieferer", "brauerei": a capitalised common noun naming a kind of organisation."""
        w = self.lex.words
        return w.capitalised_nouns and (
            self.names.is_organisation_word(low) or low.endswith(tuple(w.generic_organisation_nouns))
        )

    def _last_organisation_speaker(self) -> Entity | None:
        return next((e for e in reversed(self.speakers) if not e.person), None)

    def _last_organisation(self, pos: int) -> Entity | None:
        paragraph = self.names.paragraph(pos)
        for entity in reversed(self.mentions):
            if entity.position < pos and not entity.person and not entity.outlet:
                return entity if paragraph - entity.paragraph <= ANAPHOR_REACH_PARAGRAPHS else None
        return None

    # -- pronouns --

    def _pronoun(self, low: str, pos: int) -> Entity | None:
        info = self.lex.words.pronouns[low]
        if not info.person:
            if info.plural:
                return None
            last = self.speakers[-1] if self.speakers else None
            return last if last is not None and not last.person else None
        if info.gender is None:
            return None  # "I", "you": the quotation's own voice, not a reference
        if info.also_plural and self._after_plural_verb(pos):
            return None  # "…, sagen sie": they, a group
        if self._pair_just_named(info.gender, pos):
            return None
        return self.person_before(info.gender, pos)

    def _after_plural_verb(self, pos: int) -> bool:
        endings = self.lex.words.plural_verb_endings
        before = self.text[max(0, pos - MAX_NAME_CHARS) : pos].split()
        return bool(
            endings and before and before[-1].lower() in self.lex.speech and before[-1].endswith(endings)
        )

    def _pair_just_named(self, gender: str, pos: int) -> bool:
        """ "Brenner und Haas kennen sich seit Jahren. Man habe sich umarmt, erzählte er", "Le ministre
        et le syndicaliste se sont entretenus … a-t-il glissé": two people named together in this
        sentence or the one before, both fitting the pronoun; the article does not say which speaks."""
        if not self.lex.words.and_word:
            return False
        for match in self.lex.named_pair.finditer(self.text, self._sentence_before(pos), pos):
            first, second = (self._one_person(match[i], pos) for i in (1, 2))
            if first is None or second is None or first == second:
                continue
            if all(fit is None or fit == gender for fit in (first[1], second[1])):
                return True
        return False

    def _one_person(self, phrase: str, pos: int) -> tuple[str, str | None] | None:
        """(who, gender) for a name of a person named before or a role noun ("le syndicaliste")."""
        words = phrase.split()
        if words[-1][:1].isupper():
            known = self.full_name(words[-1], pos)
            if known is None or not known.person:
                return None
            return known.name, known.gender
        role = clean(words[-1])
        if not self.names.is_role(role):
            return None
        return phrase.lower(), self.names.word_gender(role) or self.lex.words.determiner_gender.get(
            clean(words[0])
        )

    def _sentence_before(self, pos: int) -> int:
        """Where the sentence before the one holding `pos` starts (not before its paragraph)."""
        start = self.names.paragraph_start(pos)
        ends = [m.end() for m in _SENTENCE_END.finditer(self.text, start, pos)]
        return ends[-2] if len(ends) >= 2 else start

    def _people_before(self, pos: int, reach: int) -> list[Entity]:
        paragraph = self.names.paragraph(pos)
        candidates = [s for s in self.speakers if s.person and s.position < pos] + [
            m
            for m in self.mentions
            if m.person and m.certain and m.position < pos and not self._inside_quotation(m.position)
        ]
        candidates.sort(key=lambda e: e.position)
        return [e for e in candidates if paragraph - e.paragraph <= reach]

    def _inside_quotation(self, pos: int) -> bool:
        i = bisect_right(self.quoted, (pos, len(self.text))) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _fullest(self, entity: Entity, pos: int) -> Entity | None:
        if not entity.name:
            return None  # the unnamed person spoke last
        full = self.full_name(entity.name.split()[-1], pos)
        return full if full is not None and full.name.endswith(entity.name) else entity

    def person_before(
        self, gender: str | None, pos: int, reach: int = PRONOUN_REACH_PARAGRAPHS
    ) -> Entity | None:
        """The most recent person before `pos` whose gender fits (None: any), named at most `reach`
        paragraphs back. Salience: a person only mentioned in an earlier paragraph does not take the
        pronoun from a compatible person who was quoted before ("Ross" spoke, "Dunne" scored; two
        paragraphs on, "he said" is still Ross)."""
        paragraph = self.names.paragraph(pos)
        mentioned: Entity | None = None
        for entity in reversed(self._people_before(pos, reach)):
            if not self._fits(entity, gender, pos):
                continue
            if entity.spoke or entity.paragraph == paragraph:
                return self._fullest(entity, pos)
            mentioned = mentioned or entity
        return self._fullest(mentioned, pos) if mentioned is not None else None

    def person_named_between(self, start: int, end: int) -> str | None:
        """The last person named between `start` and `end` (full name as introduced), if any."""
        for entity in reversed(self.mentions):
            if start <= entity.position < end and entity.person and entity.certain and entity.name:
                fullest = self._fullest(entity, end)
                return fullest.name if fullest is not None else entity.name
        return None

    def _fits(self, entity: Entity, gender: str | None, pos: int) -> bool:
        found = entity.gender
        if found is None and entity.name:
            full = self.full_name(entity.name.split()[-1], pos)
            found = full.gender if full is not None else None
        return gender is None or found in (gender, None)


# a lower-case word, then a capitalised name of two or more words that ends the phrase
_NAME_AFTER_DESCRIPTION = re.compile(r"\s[a-zß-ÿ][\w-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){2,3}$")


def _abbreviates(short: str, name: str) -> bool:
    """ "DWD" for "Deutscher Wetterdienst", "SDIS" for "Service départemental d'incendie et de
    secours": the letters of an acronym in order, the first one starting the name."""
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()) or " " not in name:
        return False
    return letters_in_order(short, name)
