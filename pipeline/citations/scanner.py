"""One article's scan state: its text and own outlet, reading names next to cues, and the rows found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.citations.bodies import body_name_end
from pipeline.citations.names import (
    clean_end,
    first_name_like,
    is_abbreviation,
    is_lead,
    looks_like_org,
    looks_like_outlet,
    lower,
    name_patterns,
    nominative,
    plausible_name,
    tidy,
)
from pipeline.citations.vocabulary import (
    CONNECTORS,
    COORDINATORS,
    COUNTRY_OF_TLD,
    NAME_CONTINUERS,
    NAME_TAILS,
    vocabulary,
)
from pipeline.model import Citation, Link
from pipeline.outlets import (
    MEDIA_TYPES,
    Outlet,
    host_of,
    lookup_domain,
    lookup_name,
    name_key,
    registrable_domain,
    registry,
)

BACKWARD_REACH = 120  # characters before a cue where its name is read
SURNAME_LOOKBACK = 14  # characters before a one-word outlet name where a first name would sit
MAX_NAME_WORDS = 7
MIN_LINK_LABEL = 5  # "the Tulsa World" and tulsaworld.com: shared letters for a name-link match
MAX_LINKED_WORDS = 5

_TOKEN_RE = re.compile(r"\S+")
_LOWER_TAIL = re.compile(r"(?:[ \u00a0](?:du|de|des|del|la|of|am|vom))?[ \u00a0][a-zà-öø-ÿ]+")
_DOMAIN_TOKEN = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,12}(?:/\S*)?$", re.I)
_BYTE_BREAKS = bytes(
    32 if chr(i) in ".,;:!?\"'()[]{}/|*" else i for i in range(256)
)  # bytes.translate is fast
_SQUASH = re.compile(r"[^a-z0-9]")
_GENITIVE_BEFORE = re.compile(r"(?:des|eines)[ \u00a0]$")
_PROPER_DETERMINERS = frozenset({"the", "der", "die", "das", "le", "la", "el"})

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    outlet: Outlet | None
    text: str  # tidied surface form (for unknown outlets)
    det: str
    body: bool = False  # an organisation word and its name in lower case: a body, whatever its length


def tokens(text: str, start: int, end: int) -> list[Span]:
    return [m.span() for m in _TOKEN_RE.finditer(text, start, end)]


def domain_token(surface: str) -> bool:
    return bool(_DOMAIN_TOKEN.match(surface))


def _rest_ok(rest: list[str]) -> bool:
    """After a registry name, may the run go on? ("Reuters on Monday" yes, "Australian Bureau" no)."""
    first = lower(rest[0])
    if first in vocabulary().time_words:
        return True
    if first in CONNECTORS and first not in NAME_CONTINUERS:
        return True
    return first in NAME_TAILS


def _complement_goes_on(name: str, rest: list[str]) -> bool:
    """A name ending in a complement ("… de Estadística", "… für Gesundheit") coordinated with a
    capitalised word and no article ("y Geografía", "und Ernährungssicherheit"): one longer name."""
    return (
        len(rest) >= 2
        and lower(rest[0]) in COORDINATORS
        and rest[1][:1].isupper()
        and any(lower(word) in NAME_CONTINUERS for word in name.split()[1:])
    )


def _cut_unknown(words: list[str]) -> int:
    """Where an unknown name ends: at a time word, a possessive or a sentence end."""
    v = vocabulary()
    for i, w in enumerate(words):
        lw = lower(w)
        if lw in v.time_words and i > 0:
            while i > 0 and lower(words[i - 1]) in CONNECTORS:
                i -= 1
            return i
        org_follows = i + 1 < len(words) and lower(words[i + 1]) in v.organisation_words
        if (w.rstrip(".,;:!?'’\"”“»)").endswith(("'s", "’s")) and not org_follows) or (
            w.endswith(".") and not is_abbreviation(w) and i < len(words) - 1
        ):
            return i + 1
    return len(words)


class Scanner:
    """State for one article: text, the article's own outlet, country for local aliases."""

    def __init__(self, text: str, article_url: str | None, language: str | None) -> None:
        self.text = text
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two ("İ"); keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = low
        self.words = {
            w.decode("utf-8", "ignore") for w in set(low.encode("utf-8").translate(_BYTE_BREAKS).split())
        }
        self.own_domain = registrable_domain(article_url) if article_url else ""
        self.own_outlet = lookup_domain(article_url) if article_url else None
        self.country = self._country(language)
        self.english = language is None or language[:2].lower() == "en"
        self.language = (language or "")[:2].lower()
        self.lowercase_names = registry().lowercase_first_words | registry().lowercase_last_words
        self.rows: list[Citation] = []
        self._surnames: dict[str, bool] = {}
        self.link_labels: set[str] = set()

    def _country(self, language: str | None) -> str | None:
        if self.own_outlet is not None and self.own_outlet.country:
            return self.own_outlet.country
        if self.own_domain:
            country = COUNTRY_OF_TLD.get(self.own_domain.rsplit(".", 1)[-1])
            if country is not None:
                return country
        return vocabulary().country_of_language.get((language or "")[:2].lower())

    def set_links(self, links: Sequence[Link]) -> None:
        """Remember the external sites linked from the article: "the Tulsa World" linked to tulsaworld.com."""
        labels = set()
        for link in links:
            host = host_of(link.url or "")
            if host and "." in host:
                domain = registrable_domain(host)
                if domain != self.own_domain:
                    labels.add(domain.split(".")[0].replace("-", ""))
        self.link_labels = labels

    # -- what a name is --

    def outlet_like(self, words: list[str]) -> bool:
        if looks_like_outlet(words):
            return True
        if not self.link_labels or not plausible_name(words) or len(words) > MAX_LINKED_WORDS:
            return False
        squashed = _SQUASH.sub("", " ".join(w for w in words if w.lower() != "the").lower())
        return len(squashed) >= MIN_LINK_LABEL and any(
            squashed in label or (len(label) >= MIN_LINK_LABEL and label in squashed)
            for label in self.link_labels
        )

    def is_self(self, words: list[str]) -> bool:
        """ "the Globe" on The Boston Globe's or californiaglobe.com's own pages is the article's own outlet."""
        if (
            self.own_outlet is not None
            and len(words) == 1
            and words[0].lower() in self.own_outlet.name.lower().split()
        ):
            return True
        squashed = _SQUASH.sub("", " ".join(words).lower())
        own_label = self.own_domain.split(".")[0] if self.own_domain else ""
        return len(squashed) >= 4 and squashed in own_label

    def is_surname(self, surface: str) -> bool:
        """Is a one-word outlet name used as a person's surname here ("Michael Bloomberg", "Klaus Stern")?"""
        if " " in surface:
            return False
        known = self._surnames.get(surface)
        if known is None:
            known = False
            i = self.text.find(surface)
            while i != -1 and not known:
                before = self.text[max(0, i - SURNAME_LOOKBACK) : i]
                if before.endswith((" ", "\u00a0")):
                    words = before.split()
                    known = bool(words) and first_name_like(words[-1])
                i = self.text.find(surface, i + len(surface))
            self._surnames[surface] = known
        return known

    def lookup(self, surface: str, det: str, bare_ok: bool = False) -> Outlet | None:
        """Registry outlet for a surface name, trying it with its determiner first ("der Spiegel")."""
        det = det.strip()
        if surface.lower() in vocabulary().time_words and not det:
            return None  # "am Freitag" is a day, not Der Freitag
        if det:
            joined = det + surface if det.endswith(("'", "’")) else f"{det} {surface}"
            outlet = lookup_name(joined, self.country)
            if outlet is not None:
                return outlet
        outlet = lookup_name(surface, self.country) or self._declined(surface)
        if outlet is None:
            return None
        # "The Australian", "The Hindu": a bare common word is not the paper, except in lists.
        if not bare_ok and det.lower() != "the" and not surface.startswith("The "):
            canonical = outlet.name
            if (
                canonical.startswith("The ")
                and " " not in canonical[4:]
                and name_key(surface) == name_key(canonical)
            ):
                return None
        return outlet

    def _declined(self, surface: str) -> Outlet | None:
        """German adjectives decline: "der Westdeutsche Rundfunk", "der Deutschen Welle" are
        Westdeutscher Rundfunk and Deutsche Welle."""
        first, _, rest = surface.partition(" ")
        if not rest or not first[:1].isupper() or not first.endswith(("e", "en", "er", "es")):
            return None
        stem = first[:-1] if first.endswith("e") else first[:-2]
        for ending in ("e", "er", "es", "en"):
            if stem + ending != first:
                outlet = lookup_name(f"{stem}{ending} {rest}", self.country)
                if outlet is not None:
                    return outlet
        return None

    # -- reading names --

    def read_forward(self, pos: int, bare_ok: bool = False) -> Name | None:
        """The name starting at pos: a registry outlet or an unknown candidate."""
        forward, _ = name_patterns()
        m = forward.match(self.text, pos)
        if not m:
            return None
        det = m.group("det") or self._contracted_article(pos)
        tail = _LOWER_TAIL.match(self.text, m.end("run"))
        if tail:  # "le Journal du dimanche", "Le Canard enchaîné": lower-case words inside a name
            surface = self.text[m.start("run") : tail.end()]
            outlet = self.lookup(surface, det, bare_ok)
            if outlet is not None:
                return Name(m.start("run"), tail.end(), outlet, surface, det)
        name = self._resolve_prefix(tokens(self.text, m.start("run"), m.end("run")), det, bare_ok)
        return self._body_in_lower_case(name) if name is not None and name.outlet is None else name

    def _body_in_lower_case(self, name: Name) -> Name:
        """ "le Conseil central de surveillance pénitentiaire": an organisation word alone starts a
        name that goes on in lower case (French, Spanish)."""
        if " " in name.text or name.text.lower() not in vocabulary().organisation_words:
            return name
        end = body_name_end(self.text, name.end, self.language)
        if end == name.end:
            return name
        return Name(name.start, end, None, tidy(self.text[name.start : end]), name.det, body=True)

    def _contracted_article(self, pos: int) -> str:
        """ "dans les colonnes du Progrès": the article fused into the preposition a cue ended with."""
        before = self.text[max(0, pos - 5) : pos].rstrip().rsplit(" ", 1)[-1].lower()
        return vocabulary().contracted_articles.get(before, "")

    def _resolve_prefix(self, toks: list[Span], det: str, bare_ok: bool) -> Name | None:
        """The longest registry name at the start of a run, else the run as an unknown outlet."""
        text = self.text
        for j in range(min(len(toks), registry().max_tokens + 1), 0, -1):
            s0 = toks[0][0]
            s, e, poss = clean_end(text, toks[j - 1][0], toks[j - 1][1])
            if e <= s or text[s:e].lower() in CONNECTORS:
                continue
            # a name never runs over the end of a sentence
            if any(text[a:b].endswith(".") and not is_abbreviation(text[a:b]) for a, b in toks[: j - 1]):
                continue
            outlet = self.lookup(text[s0:e], det, bare_ok)
            if outlet is None:
                continue
            rest = [text[a:b] for a, b in toks[j:]]
            if _complement_goes_on(text[s0:e], rest):
                continue  # "Instituto Nacional de Estadística y Geografía" is not Spain's INE
            # a broadcaster's regional station: "France 3 Auvergne", "France Bleu Bourgogne"
            regional = outlet.type == "broadcaster" and len(rest) == 1 and rest[0][:1].isupper()
            if not rest or poss or _rest_ok(rest) or regional or text[toks[j - 1][1] - 1] in ".,;:":
                return Name(s0, e, outlet, text[s0:e], det)
        return self._unknown(toks, det)

    def _unknown(self, toks: list[Span], det: str) -> Name | None:
        """An outlet the registry does not know, if the words make it one."""
        text = self.text
        toks = toks[: _cut_unknown([text[a:b] for a, b in toks])]
        if not toks:
            return None
        s = toks[0][0]
        _, e, _ = clean_end(text, toks[-1][0], toks[-1][1])
        if e <= s:
            return None
        surface = text[s:e]
        if domain_token(surface):
            return Name(s, e, lookup_domain(surface), registrable_domain(surface), det)
        surface = tidy(surface)
        if _GENITIVE_BEFORE.search(text[max(0, s - 6) : s]):
            surface = nominative(surface)
            outlet = self.lookup(surface, "")
            if outlet is not None:  # "des Ifo-Instituts" -> Ifo Institute
                return Name(s, e, outlet, surface, det)
        return Name(s, e, None, surface, det)

    def read_backward(self, end: int) -> tuple[Name | None, bool]:
        """The name ending just before a cue at `end`; also whether a clause sat between them."""
        _, backward = name_patterns()
        start = max(0, end - BACKWARD_REACH)
        nl = self.text.rfind("\n", start, end)
        if nl >= 0:
            start = nl + 1
        with_lower = self._registry_name_ending_lower(start, end)
        if with_lower is not None:
            return with_lower, False
        m = backward.search(self.text, start, end)
        if not m:
            return None, False
        det = m.group("det") or m.group("el") or ""
        toks = tokens(self.text, m.start("run"), m.end("run"))
        between = bool(m.group("inter") or m.group("which"))
        return self._resolve_suffix(toks, det), between

    def _registry_name_ending_lower(self, start: int, end: int) -> Name | None:
        """A registry name whose last word is lower case right before a cue ("Le Canard enchaîné
        rapporte"): the capitalised-run pattern stops short of it."""
        toks = tokens(self.text, start, end)
        if not toks or not self.text[toks[-1][0] : toks[-1][1]].islower():
            return None
        for k in range(min(len(toks), registry().max_tokens), 1, -1):
            s0 = toks[-k][0]
            first = self.text[s0 : toks[-k][1]]
            if not first[:1].isupper():
                continue
            outlet = self.lookup(self.text[s0 : toks[-1][1]], "")
            if outlet is not None:
                return Name(s0, toks[-1][1], outlet, self.text[s0 : toks[-1][1]], "")
        return None

    def _after_sentence_end(self, toks: list[Span]) -> int:
        """Index of the first token after the last sentence end inside a run (0: none)."""
        for i in range(len(toks) - 2, -1, -1):
            w = self.text[toks[i][0] : toks[i][1]]
            if w.endswith((".", "!", "?", ":")) and not is_abbreviation(w):
                return i + 1
        return 0

    def _registry_suffix(self, toks: list[Span], det: str) -> Name | None:
        """A registry name ending the run (or ending at a possessive inside it)."""
        text = self.text
        ends = [len(toks)]
        ends += [k + 1 for k in range(len(toks) - 1) if text[toks[k][0] : toks[k][1]].endswith(("'s", "’s"))]
        for stop in ends:
            span = toks[:stop]
            for i in range(len(span)):
                if text[span[i][0] : span[i][1]] in CONNECTORS:
                    continue
                if i > 0 and not all(is_lead(text[a:b]) for a, b in span[:i]):
                    continue
                s0 = span[i][0]
                _, e, _ = clean_end(text, span[-1][0], span[-1][1])
                if e <= s0:
                    continue
                outlet = self.lookup(text[s0:e], det if i == 0 else "")
                if outlet is not None:
                    return Name(s0, e, outlet, text[s0:e], det if i == 0 else "")
        return None

    def _resolve_suffix(self, toks: list[Span], det: str) -> Name | None:
        text = self.text
        cut = self._after_sentence_end(toks)
        if cut:
            toks, det = toks[cut:], ""
        found = self._registry_suffix(toks, det)
        if found is not None:
            return found
        lead = 0
        while lead < len(toks) - 1 and is_lead(text[toks[lead][0] : toks[lead][1]]):
            lead += 1
        toks = toks[lead:]
        poss = [
            k
            for k in range(len(toks))
            if text[toks[k][0] : toks[k][1]].rstrip(".,;:!?'’\"”“»)").endswith(("'s", "’s"))
        ]
        if poss:
            toks = toks[: poss[0] + 1]
        return self._unknown(toks, det if lead == 0 else "")

    # -- emitting --

    def emit(
        self,
        kind: str,
        name: Name | None,
        allow_unknown: bool,
        types: frozenset[str] | None,
        licensed: bool = False,
        study: bool = False,
    ) -> bool:
        if name is None:
            return False
        if name.outlet is not None:
            return self._emit_known(kind, name, types, study)
        if not allow_unknown:
            return False
        return self._emit_unknown(kind, name, licensed, study)

    def _emit_known(self, kind: str, name: Name, types: frozenset[str] | None, study: bool) -> bool:
        outlet = name.outlet
        assert outlet is not None
        surface = self.text[name.start : name.end]
        if kind in {"attribution", "via"} and self.is_surname(surface):
            return False
        if study:
            kind = "attribution" if outlet.type in MEDIA_TYPES else "study"
        elif types is not None and outlet.type not in types:
            return False
        self.add(kind, outlet.name, surface, outlet.domain, None, name.start, name.end, outlet.type)
        return True

    def _study_kind(self, name: Name, words: list[str], licensed: bool) -> str | None:
        proper = name.det.strip().lower() in _PROPER_DETERMINERS and len(words) >= 2
        if looks_like_org(words) or (proper and plausible_name(words)) or licensed:
            return "study"
        if self.outlet_like(words):
            return "attribution"
        lone = len(words) == 1 and words[0][:1].isupper() and not first_name_like(words[0])
        return "study" if lone and not self.is_surname(words[0]) else None  # "une étude de la Drees"

    def _emit_unknown(self, kind: str, name: Name, licensed: bool, study: bool) -> bool:
        words = name.text.split()
        licensed = licensed or (name.body and study)  # a body authors a study; it is no outlet
        if self.is_self(words):
            return False
        if study:
            found = self._study_kind(name, words, licensed)
            if found is None:
                return False
            kind = found
        elif not (licensed or self.outlet_like(words)) or not plausible_name(words):
            return False
        if not name.text or (len(words) > MAX_NAME_WORDS and not licensed):  # an acronym licenses a long one
            return False
        if len(words) == 1 and vocabulary().descriptor_after.fullmatch(words[0]):
            return False  # "dem Magazin": a word for an outlet, not its name
        domain = name.text if domain_token(name.text) else None
        self.add(kind, name.text, self.text[name.start : name.end], domain, None, name.start, name.end, None)
        return True

    def add(
        self,
        kind: str,
        source_name: str,
        source_text: str,
        domain: str | None,
        url: str | None,
        start: int | None,
        end: int | None,
        source_type: str | None,
    ) -> None:
        self.rows.append(Citation(kind, source_name, source_text, domain, url, start, end, source_type))

    def add_outlet(self, kind: str, outlet: Outlet, start: int, end: int) -> None:
        """A registry outlet named at text[start:end] (no link): its canonical name, domain and type."""
        self.add(kind, outlet.name, self.text[start:end], outlet.domain, None, start, end, outlet.type)
