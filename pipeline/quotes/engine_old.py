"""Quotations in an article: direct, partial and indirect, with their speakers.

Rule based and cheap (no parser, no model): a pass over quote marks, then one
regular expression of reporting verbs per sentence. Measured on PolNeAR in
`benchmarks/quotes.py`.

Conventions of the rows:
- **direct**: a quotation that stands as its own clause (`"We will win," she
  said.`). The span *includes* the quote marks, as PolNeAR's content spans do.
  A split quote (`"First," he said, "second."`) gives two direct rows with the
  same speaker. A multi-paragraph quote (an opening mark at every paragraph,
  a closing mark only at the end) is one row spanning those paragraphs.
- **partial**: a reported clause that quotes some words inside running text
  (`Putin said that suggestions were "rumors" created by ...`). The span is
  the reported clause (after the cue and any "that"), as in PolNeAR's "mixed"
  attributions, so the row keeps its meaning. A quotation after a verb no
  lexicon lists (`Trump likened the refugees to a "Trojan horse"`) counts too
  when the sentence has a person/organisation subject and a finite verb.
- **indirect**: a reported clause without quote marks (`X said (that) ...`,
  `according to X, ...`, `..., officials said.`), or, after a stance verb
  (endorse, support, criticize, decline, ...), its object phrase (`Weaver
  endorsed Clinton during a call` -> "Clinton"), as PolNeAR annotates them.
  A sentence may hold several (`X said A and urged B` -> two rows, one
  speaker). Verbs inside quoted words are never cues. English only.
- Quoted words with no reporting verb around them (scare quotes, titles of
  works, nicknames, `so-called "deal"`) are not quotes.

`speaker` is the speaker as written next to the cue ("he", "Wallin", "the
statement"); `speaker_resolved` is a pronoun or surname resolved to the
fullest earlier name ("Matthew Wallin"), a document or organisation phrase
resolved to the organisation named with it earlier ("the statement" ->
"Democratic National Committee"), else the phrase itself (None for an
unresolved pronoun). Quote marks understood: "…", “…”, „…“, «…», »…«, ‹…›,
''…'' (typewriter wire text); single quotes only nested inside double ones.
A by-line under a quotation (`“…” ― Jorge Falcon`) names its speaker. Direct quotes also take common
German, French and Spanish speech verbs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.model import Quote

Span = tuple[int, int]

# ---------------------------------------------------------------- vocabulary

# Reporting verbs (base forms); inflections are generated below.
_SPEECH = (
    "say tell add note argue claim state explain announce report write tweet declare respond reply recall "
    "insist acknowledge admit deny ask urge promise pledge vow contend maintain warn predict confirm concede "
    "complain assert allege testify emphasize stress remark observe mention reveal disclose suggest propose "
    "recommend demand accuse criticize blame praise describe call dub label question continue conclude "
    "agree caution charge boast joke quip shout yell chant exclaim muse counter retort stress estimate "
    "indicate signal hint speculate concur lament acknowledge point tout inform advise announce post "
    "write read"
)
_COGNITION = "think believe want hope expect fear worry feel know doubt wonder suspect show find predict seem"
_IRREGULAR = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote writing written",
    "think": "think thinks thought thinking",
    "feel": "feel feels felt feeling",
    "find": "find finds found finding",
    "know": "know knows knew knowing known",
    "show": "show shows showed showing shown",
    "read": "read reads reading",
    "quip": "quip quips quipped quipping",
    "admit": "admit admits admitted admitting",
    "label": "label labels labeled labelled labeling",
    "dub": "dub dubs dubbed dubbing",
}
_PREPOSITIONS_AFTER = {"point": "out", "call": "for"}


def _inflect(verb: str) -> list[str]:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb].split()
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


def _forms(verbs: str) -> set[str]:
    return {form for verb in set(verbs.split()) for form in _inflect(verb)}


_SPEECH_FORMS = _forms(_SPEECH)
_COGNITION_FORMS = _forms(_COGNITION) - {"showing", "finding", "feeling", "known", "shown", "seeming"}
_FOREIGN_CUES = (
    "sagte sagt sagten erklärte erklärt betonte betont meinte meint fügte ergänzte schrieb so "
    "dit déclare affirme explique ajoute estime souligne précise indique écrit selon "
    "a dit a déclaré a affirmé a expliqué a ajouté a estimé a souligné a précisé a indiqué "
    "dijo dice afirmó afirma explicó explica aseguró asegura añadió agregó declaró señaló indicó según"
)
# Multi-word cues first so that the alternation prefers them.
_MULTI = [
    "according to",
    "pointed out",
    "points out",
    "pointing out",
    "went on to say",
    "referred to",
    "referring to",
    "called for",
    "calls for",
    "a déclaré",
    "a dit",
    "a affirmé",
    "a expliqué",
    "a ajouté",
    "a estimé",
    "a souligné",
    "a précisé",
    "a indiqué",
]
_ALL_CUES = sorted(
    _SPEECH_FORMS | _COGNITION_FORMS | set(_FOREIGN_CUES.split()) - {"a"}, key=len, reverse=True
)
_CUE_RE = re.compile(
    r"(?<![\w’'-])(?:"
    + "|".join(map(re.escape, _MULTI + _ALL_CUES))
    + r")(?:(?![\w’'-])|(?=-(?:t-)?(?:il|elle|ils|elles|on)\b))"
)  # "dit-il"
# Stance verbs: their "content" is an object phrase (PolNeAR: "X endorsed Y", "declined to comment").
_STANCE = (
    "endorse support oppose defend reject dismiss praise criticize attack blast slam decry condemn cite "
    "propose seek urge decline refuse plan back welcome applaud challenge hail tout champion embrace "
    "favor prefer blame thank mock ridicule rebuke chide scold question dispute tweet retweet"
)
_STANCE_FORMS = _forms(_STANCE) | {"sought", "seeking", "seeks", "seek"}
_INDIRECT_WORDS = _SPEECH_FORMS | _COGNITION_FORMS | _STANCE_FORMS
# two-word cues, keyed by their first word: "according to", "pointed out", ...
_INDIRECT_PAIRS: dict[str, set[str]] = {}
for _pair in _MULTI[:10]:
    _first, _second = _pair.split(" ", 1)
    _INDIRECT_PAIRS.setdefault(_first, set()).add(_second)
_TOKEN_RE = re.compile(r"[\w’'-]+")
_INDIRECT_LOOKUP = (
    _INDIRECT_WORDS
    | set(_INDIRECT_PAIRS)
    | {w.capitalize() for w in _INDIRECT_WORDS}
    | {w.capitalize() for w in _INDIRECT_PAIRS}
)
_NEXT_WORD = re.compile(r"\s+([\w’'-]+(?:\s+to\s+say)?)")


class _Cue:
    """A cue found by `_indirect_cues` (the slice of `re.Match` the callers use)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> Span:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


def _indirect_cues(text: str, lo: int, hi: int) -> list[_Cue]:
    """Reporting verbs between lo and hi. Set operations pick the few cue words present, then
    one literal search per word: several times cheaper than one alternation of ~700 words."""
    tokens = set(_TOKEN_RE.findall(text, lo, hi))
    out = []
    for word in tokens & _INDIRECT_LOOKUP:
        capital = word[:1].isupper()
        seconds = _INDIRECT_PAIRS.get(word.lower())
        for m in _word_re(word).finditer(text, lo, hi):
            if m.start() > 0 and _WORD_CHAR.match(text, m.start() - 1):
                continue  # inside a longer word
            if seconds is not None:
                nxt = _NEXT_WORD.match(text, m.end(), hi)
                if nxt is not None and nxt.group(1) in seconds:
                    out.append(_Cue(text, m.start(), nxt.end()))
                    continue
            if word.lower() in _INDIRECT_WORDS and (not capital or _headline(text, m.start())):
                out.append(_Cue(text, m.start(), m.end()))
    out.sort(key=_Cue.start)
    return out


_WORD_RES: dict[str, re.Pattern[str]] = {}
_WORD_CHAR = re.compile(r"[\w’'-]")


def _word_re(word: str) -> re.Pattern[str]:
    pattern = _WORD_RES.get(word)
    if pattern is None:
        pattern = _WORD_RES[word] = re.compile(rf"{re.escape(word)}(?![\w’'-])")  # literal first: fast
    return pattern


def _headline(text: str, pos: int) -> bool:
    """A title-case line ("..., Lindsey Graham Says."): capitalised verbs count there."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = line.split()
    return len(words) <= 25 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


# Cues that can introduce a bare clause without "that" ("he said the deal ...").
_CLAUSE_CUES = _forms(
    "say tell add note argue claim state explain write insist warn think believe know "
    "predict suggest hope fear worry feel expect admit acknowledge concede report find "
    "show estimate contend maintain agree assert allege deny reveal confirm"
)

_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "er",
    "sie",
    "il",
    "elle",
    "ils",
    "elles",
    "él",
    "ella",
}
_PERSONAL = {"he", "she", "er", "il", "elle", "él", "ella"}
_SPEAKER_NOUNS = set(
    "spokesman spokeswoman spokesperson spokespeople statement statements release report reports official "
    "officials campaign campaigns ministry department agency company committee group source sources aide "
    "aides adviser advisers advisor advisors analyst analysts expert experts lawyer lawyers attorney "
    "attorneys senator president governor candidate leader leaders police prosecutor prosecutors court "
    "judge survey poll polls study studies memo letter documents document article website organization "
    "party administration government office chairman chairwoman chair director secretary minister "
    "representative member members voters supporters critics residents people woman man friend author "
    "researchers economists authorities observers officer officers board council commission service "
    "network newspaper magazine paper lawmakers lawmaker republicans democrats administration team "
    "staff staffer staffers activists advocates opponents investigators spokesmen data figures numbers "
    "analysis review records filing complaint lawsuit suit ad ads post tweet email emails account "
    "kremlin ministry embassy foundation institute center union bank firm percent majority respondents "
    "americans others most half third quarter".split()
)
_TITLES = set(
    "president vice sen senator rep representative gov governor mr mrs ms dr prof gen general secretary "
    "minister chancellor prime premier mayor judge justice chairman chairwoman chair spokesman spokeswoman "
    "spokesperson ambassador director chief ceo king queen prince pope rev attorney speaker leader "
    "adviser advisor aide candidate nominee former lt col capt sgt maj adm commissioner sheriff "
    "congressman congresswoman councilman councilwoman founder professor coach pastor bishop "
    "herr frau monsieur madame señor señora presidente präsident kanzlerin kanzler ministre ministro".split()
)
_DETERMINERS = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "one",
    "another",
    "some",
    "many",
    "several",
    "this",
    "that",
    "these",
    "those",
    "our",
    "my",
    "your",
}
_LEADING_FUNCTION = set(
    "the a an but and yet so or when while as then still meanwhile however on in at after before if "
    "although though because since also now later earlier last this that these those there here".split()
)
_ORG_WORDS = set(
    "committee ministry department house party campaign inc corp association university agency council "
    "office commission kremlin administration government court company group institute foundation center "
    "centre bank union network post times news journal press reuters board service bureau police army "
    "senate congress parliament embassy fund club league organization organisation project".split()
)
_SKIP_BETWEEN = set(
    "also later then has had have would will could may might previously reportedly repeatedly often "
    "again once frequently recently earlier first initially publicly privately simply just even "
    "never always still further separately quickly flatly".split()
)

# ----------------------------------------------------------- speaker phrases

_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'.&-]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:de|van|von|der|al|bin|del|la|le|of|for|the)\s+)*{_CAP}){{0,5}}"
_DEF = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Ss]everal|[Mm]y|[Oo]ur)"
_WORD = r"[\w’'-]+"
_PRON = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I|[Yy]ou)"
_PRON_AFTER = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I|er|sie|il|elle|ils|elles|él|ella)"
# A phrase that can be a speaker, matched forwards (after a cue) ...
_SPEAKER_AFTER = re.compile(
    rf"[\s-]*(?:t-)?(?P<spk>{_PRON_AFTER}\b|(?:{_DEF}|el|la|los|las|le|les|der|die|das)\s+(?:{_WORD}\s+){{0,5}}?(?:{_WORD})(?=\s*[,.;]|\s+(?:who|in|on|at|of|for)\b)"
    rf"|{_NAME})"
)
# ... and backwards (before a cue): the last phrase before the cue.
_SPEAKER_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(\"“„«]))(?P<spk>{_PRON}|(?:{_DEF}\s+)?(?:{_WORD}\s+){{0,4}}?{_WORD}"
    rf"(?:\s+(?:for|of|at|with|from)\s+(?:the\s+)?{_NAME})?|{_NAME})\s*$"
)
_APPOSITIVE_NAME = re.compile(rf"\s*((?:{_CAP}\s+)*{_NAME})\s*")
_HEAD_SUBJECT = re.compile(rf"\s*(?:(?:But|And|Yet|So|Still|However|Meanwhile)\s+)?({_NAME}|{_PRON})\s*")
_APPOSITIVE_END = re.compile(r",\s*$")
_WORD_RE = re.compile(r"[\w’'-]+")
_NAME_RUN = re.compile(rf"{_CAP}(?:\s+{_CAP}){{1,4}}")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: str
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    group: int = -1  # quotes of one split quote share a group (benchmark: one attribution)
    speaker_resolved: str | None = None
    rest: Span | None = None  # "A, he said, B": the part after the parenthetical cue
    joined: bool = False  # continues the attribution of the item before it (same group)


# ------------------------------------------------------------- quote marks

_MARKS = re.compile(r"''(?!')|[\"“”„«»‹›]")
_CLOSERS = {'"': '"', "“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "›": "‹"}


def _quote_spans(text: str, paragraphs: list[Span], language: str | None) -> list[Span]:
    """Balanced quotations (marks included); multi-paragraph quotes are joined."""
    spans: list[Span] = []
    pending: tuple[int, str] | None = None  # (start, opener) carried into the next paragraph
    for p_start, p_end in paragraphs:
        opened: tuple[int, str] | None = None
        if pending is not None:
            if text[p_start] == pending[1] or (pending[1] in '“"' and text[p_start] in '“"'):
                opened = pending  # multi-paragraph quote continues
                first = p_start + 1
            elif pending[1] == '"' and text.startswith("''", p_start):
                opened = pending
                first = p_start + 2
            else:
                first = p_start
            pending = None
        else:
            first = p_start
        for match in _MARKS.finditer(text, first, p_end):
            mark, pos = match.group(), match.start()
            if mark == "''":
                if opened is None and pos > p_start and text[pos - 1].isalnum():
                    continue  # "the students'' ..." - not an opening mark
                mark = '"'
            if opened is not None and opened[1] == '"' and mark == '"' and match.group() == "''":
                if pos - opened[0] > 1:
                    spans.append((opened[0], pos + 2))
                opened = None
                continue
            if opened is not None and mark in _CLOSERS[opened[1]]:
                if pos - opened[0] > 1:
                    spans.append((opened[0], pos + 1))
                opened = None
            elif mark in '“„«‹"' or (mark in "»›" and opened is None and language == "de"):
                if (
                    mark == "“"
                    and language == "de"
                    and opened is None
                    and pos > p_start
                    and text[pos - 1].isalnum()
                ):
                    continue  # a German closer without its opener
                opened = (pos, mark)  # a new opener replaces an unclosed one (stray mark)
        if opened is not None and _paragraph_open_ok(text, opened[0], p_start):
            pending = opened
    return spans


def _paragraph_open_ok(text: str, start: int, p_start: int) -> bool:
    # Only a quote that opens its paragraph (or follows a colon/cue) can run on.
    return start == p_start or text[p_start:start].rstrip().endswith((":", ","))


# --------------------------------------------------------------- speakers


def _strip_leading(words: list[str]) -> list[str]:
    for i in range(len(words) - 1, 0, -1):  # a name run never crosses a sentence end
        if words[i - 1].endswith(".") and len(words[i - 1]) > 3:
            words = words[i:]
            break
    while words and words[0].lower() in _LEADING_FUNCTION:
        words = words[1:]
    return words


def _person_name(phrase: str) -> str:
    """'Russian President Vladimir Putin' -> 'Vladimir Putin'."""
    words = _strip_leading(phrase.replace("’s", "").split())
    last_title = -1
    for i, word in enumerate(words):
        if word.lower().rstrip(".") in _TITLES:
            last_title = i
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1 :]
    return " ".join(words)


def _is_capitalized_name(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and all(
        w[:1].isupper() or w in {"de", "van", "von", "der", "al", "bin", "del", "la"} for w in words
    )


class _Resolver:
    """Resolves speakers against names seen earlier in the article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names: list[tuple[int, str]] = []  # (position, full name) of multi-word names
        for match in _NAME_RUN.finditer(text):
            name = _person_name(match.group())
            if len(name.split()) >= 2 and not any(w.lower() in _ORG_WORDS for w in name.split()):
                self.names.append((match.start(), name))
        self.last_person: tuple[int, str] | None = None
        self.last_org: str | None = None

    def surname(self, word: str, pos: int) -> str | None:
        for start, name in self.names:
            if start < pos + len(word) and name.split()[-1] == word:
                return name
        return None

    def resolve(self, speaker: str, pos: int) -> str | None:
        words = speaker.split()
        low = speaker.lower()
        if low in _PRONOUNS:
            if low in _PERSONAL:
                return self.last_person[1] if self.last_person else self._last_name_before(pos)
            return self.last_org
        if _is_capitalized_name(speaker):
            name = _person_name(speaker)
            if not name:
                return speaker
            if any(w.lower() in _ORG_WORDS for w in name.split()) or speaker.split()[0] == "The":
                self.last_org = " ".join(_strip_leading(speaker.split()))
                return self.last_org
            if len(name.split()) == 1:
                name = self.surname(name, pos) or name
            self.last_person = (pos, name)
            return name
        name = _person_name(speaker)
        if name != speaker and _is_capitalized_name(name) and name.split()[-1][:1].isupper():
            self.last_person = (pos, name)  # "former Massachusetts congressman Barney Frank"
            return name
        self.last_org = self._organisation(words, pos, speaker)
        return self.last_org

    def _last_name_before(self, pos: int) -> str | None:
        best = None
        for start, name in self.names:
            if start >= pos:
                break
            best = name
        return best

    def _organisation(self, words: list[str], pos: int, speaker: str) -> str:
        """'the statement' -> the organisation that issued the last statement named before."""
        stripped = _strip_leading(words)
        head = stripped[-1].lower() if stripped else ""
        capitals = [w for w in stripped if w[:1].isupper()]
        if capitals:  # "the White House statement", "a spokesman for Clinton"
            return " ".join(capitals)
        if head in {
            "statement",
            "release",
            "letter",
            "memo",
            "report",
            "campaign",
            "ministry",
            "committee",
            "department",
            "agency",
            "company",
            "spokesman",
            "spokeswoman",
            "spokesperson",
        }:
            before = self.text[max(0, pos - 3000) : pos]
            pattern = re.compile(
                rf"({_NAME})\s+(?:(?:released|issued|put out|sent)\s+(?:a|an|the)\s+)?"
                rf"{re.escape(head)}"
            )
            found = _last_match(pattern, before)
            if found is not None:
                return " ".join(_strip_leading(found.group(1).split())) or speaker
        return speaker


# ------------------------------------------------------------------ parsing

_INITIAL_NP = re.compile(
    rf"[\s\"“„«(]*(?P<spk>{_PRON}\b|(?:{_DEF}\s+)?(?:[a-z][\w-]*\s+){{0,2}}(?:{_NAME}\s+(?:[a-z][\w-]*\s+){{1,3}})?"
    rf"{_NAME}(?:\s+[a-z][\w-]*)?"
    rf"|{_DEF}\s+(?:[\w’'-]+\s+){{0,3}}[\w’'-]+|[a-z]+)"
)
_LEAD_IN = re.compile(
    r"(?:(?:But|And|Yet|So|Still|Instead|Now|Then|Also|However|Meanwhile|Later|Earlier|Indeed)"
    r"\b,?\s+)+"
)
_CUT_AT = re.compile(r"\s(?:on|between|in|at|with|who|which|that|during|about|after|before|from|over|to)\s")


def _initial_subject(text: str, lo: int, pos: int) -> Span | None:
    """A sentence-initial subject: 'The White House statement (on the call ...)'."""
    lead = _LEAD_IN.match(text, lo, pos)
    if lead is not None:
        lo = lead.end()
    m = _INITIAL_NP.match(text, lo, pos)
    if m is None:
        return None
    s, e = m.span("spk")
    cut = _CUT_AT.search(text, s, e)
    if cut is not None:
        e = cut.start()
    words = text[s:e].split()
    if len(words) > 1 and words[0].lower() in _DETERMINERS and e == len(text[:pos].rstrip()):
        return s, e  # "The billionaire businessman said"
    while words and not (
        words[-1][:1].isupper()
        or words[-1].lower().strip("’'") in _SPEAKER_NOUNS
        or text[s:e].lower() in _PRONOUNS
    ):
        e = s + text[s:e].rstrip().rfind(" ") if len(words) > 1 else s
        words = words[:-1]
    if not words or words[-1].lower() in _DETERMINERS:
        return None
    while len(words) > 1 and words[0].lower() in _LEADING_FUNCTION - _DETERMINERS:
        s = text.index(words[1], s + len(words[0]))
        words = words[1:]
    return s, e


_PARTY_TAG = re.compile(r"\s*\([^()]{1,24}\)\s*$")
_DEF_WORDS = {"the", "a", "an", "his", "her", "their", "my", "our", "one", "another"}


def _subject_before(text: str, lo: int, pos: int, initial: bool = False) -> Span | None:
    """The speaker phrase right before a cue at `pos` (skipping adverbs, an appositive)."""
    if initial and "," not in text[lo:pos] and len(text[lo:pos].split()) <= 14:
        return _initial_subject(text, lo, pos)
    end = pos
    while True:  # skip "also", "has", "later" ...
        chunk = text[lo:end].rstrip()
        word = re.search(r"([\w’'-]+)$", chunk)
        if word and word.group(1).lower() in _SKIP_BETWEEN:
            end = lo + word.start(1)
            continue
        break
    paren = _PARTY_TAG.search(text, max(lo, end - 30), end)
    if paren is not None:
        end = paren.start()  # "Rep. Gwen Moore (D-Wis.) said": the name before the tag
    chunk = text[lo:end]
    stripped = chunk.rstrip()
    if stripped.endswith(","):  # "Matthew Wallin, a senior fellow ..., told"
        comma = stripped.rfind(",", 0, len(stripped) - 1)
        if comma > 0 and len(stripped) - comma < 120:
            head = stripped[:comma]
            m = re.search(rf"({_PRON}|{_NAME})$", head)
            if m:
                return lo + m.start(1), lo + m.end(1)
            # "A lawyer for the outlets, David Schulz, said": the appositive is the name
            m = _APPOSITIVE_NAME.fullmatch(stripped, comma + 1, len(stripped) - 1)
            if m is not None:
                return lo + m.start(1), lo + m.end(1)
        first = stripped.find(",")
        if 0 < first < len(stripped) - 1 and len(stripped[:first].split()) <= 6:
            m = _HEAD_SUBJECT.fullmatch(stripped, 0, first)  # "Dr. Connie Mariano, who ..., said"
            if m is not None:
                return lo + m.start(1), lo + m.end(1)
        return None
    window_lo = max(0, len(stripped) - 90)
    m = _SPEAKER_BEFORE.search(stripped, window_lo)
    if m is None:
        return None
    s, e = m.span("spk")
    phrase = stripped[s:e]
    words = phrase.split()
    if len(words) > 1 and not (
        phrase[:1].isupper()
        or words[0].lower()
        in {"the", "a", "an", "his", "her", "their", "its", "one", "another", "some", "many", "several"}
    ):
        # a lowercase run: keep its trailing name ("after contender Donald Trump") or speaker noun
        tail = re.search(rf"(?:{_NAME})$", stripped[s:e])
        if tail is not None and tail.start() > 0 and stripped[s:e][tail.start() - 1] == " ":
            s += tail.start()
        elif words[-1].lower() in _SPEAKER_NOUNS:
            s = e - len(words[-1])
        else:
            return None
    words = stripped[s:e].split()
    last = words[-1].lower().strip("’'")
    if not (
        (words[0].lower() in _DEF_WORDS and len(words) > 1)  # "the New York businessman said"
        or stripped[s:e][:1].isupper()
        or last in _SPEAKER_NOUNS
        or stripped[s:e].lower() in _PRONOUNS
        or words[-1][:1].isupper()
    ):
        return None
    if last in _DETERMINERS:
        return None
    # trim a leading conjunction/adverb: "But Trump" -> "Trump"
    while len(words) > 1 and words[0].lower() in _LEADING_FUNCTION - _DETERMINERS:
        s = stripped.index(words[1], s + len(words[0]))
        words = words[1:]
    return lo + s, lo + e


_LOWER_RUN = re.compile(r"(?:[a-z][\w&-]*\s+|[A-Z][\w&-]*\s+){0,5}")
_TITLED_NAME = re.compile(
    rf"\s+(?P<spk>[a-z][\w-]*\s+(?:[\w.&’'-]+\s+){{0,5}}?{_NAME})"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:who|in|on|at|of|about|during|after|before)\b)"
)
_NOT_TITLE = _LEADING_FUNCTION | set(
    "to of from about that than if during with by for over under into".split()
)


def _speaker_after(text: str, pos: int, limit: int) -> Span | None:
    m = _SPEAKER_AFTER.match(text, pos, limit)
    if m is None:
        m = _TITLED_NAME.match(text, pos, limit)  # "said former congressman Barney Frank"
        if m is None or text[m.start("spk") : m.end("spk")].split()[0] in _NOT_TITLE:
            return None
    s, e = m.span("spk")
    if text[e - 1] == "." and e - s > 3 and text[e - 3] != ".":
        e -= 1  # "said Jane Smith." - the sentence's full stop
    phrase = text[s:e]
    words = phrase.split()
    if words[0].lower() in {"that", "this", "it", "to"} and len(words) == 1 and words[0] != "it":
        return None
    if not (
        phrase[:1].isupper()
        or phrase.lower() in _PRONOUNS
        or (words[0].lower() in _DEF_WORDS and len(words) > 1)  # "said the ruling"
        or words[-1].lower() in _SPEAKER_NOUNS
        or words[-1][:1].isupper()
    ):
        return None
    return s, e


_DASH_ATTRIBUTION = re.compile(rf"[\s\xa0]*([―—])[\s\xa0]*({_NAME})[\s\xa0.]*(?=$|[“”\"\n])")
_TAIL_RE = re.compile(r"\s*[,;—–-]?\s*")


def _attribution_after(text: str, pos: int, limit: int) -> tuple[Span, Span] | None:
    """`"...," Smith said` / `"...," said Smith` right after a quote: (speaker, cue) spans."""
    dash = _DASH_ATTRIBUTION.match(text, pos, limit)
    if dash is not None:  # “…” ― Jorge Falcon (a by-line under a quotation)
        name_end = dash.end(2) - (text[dash.end(2) - 1] == ".")
        return (dash.start(2), name_end), dash.span(1)
    tail = _TAIL_RE.match(text, pos, limit)
    assert tail is not None
    at = tail.end()
    cue = _CUE_RE.match(text, at, limit)
    if cue is not None:  # inverted: said Smith
        spk = _speaker_after(text, cue.end(), limit)
        if spk is not None:
            return spk, cue.span()
        return None
    window = min(limit, at + 160)
    for cue in _CUE_RE.finditer(text, at, window):
        spk = _subject_before(text, at, cue.start())
        if spk is not None and _LOWER_RUN.fullmatch(text, at, spk[0]):
            # '..." election law expert Rick Hasen tweeted': a title run before the name
            return (at if text[at : spk[0]].strip() else spk[0], spk[1]), cue.span()
        break
    return None


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return last


def _attribution_before(text: str, lo: int, pos: int) -> tuple[Span, Span] | None:
    """`Smith said: "..."` / `He added, "..."`: the last cue before the quote, with its subject."""
    window = text[lo:pos]
    last = _last_match(_CUE_RE, window)
    if last is None:
        return None
    between = window[last.end() :]
    if len(between) > 70 or (not between.rstrip().endswith((":", ",")) and between.strip()):
        return None
    cue = (lo + last.start(), lo + last.end())
    if last.group().lower() in {"according to", "selon", "según"}:
        spk = _speaker_after(text, cue[1], pos)
        return (spk, cue) if spk else None
    spk = _subject_before(text, lo, cue[0])
    if spk is None and last.group().endswith("ing"):
        spk = _subject_before(text, lo, lo + max(0, window.rfind(",", 0, last.start())))
    return (spk, cue) if spk else None


def _sentence_of(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


_SO_CALLED = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|titled|entitled|film|book|song|show|album|"
    r"movie|series|novel|play|headline|slogan|hashtag)\s*$",
    re.IGNORECASE,
)


def _is_decorative(text: str, start: int, end: int) -> bool:
    """Scare quotes, titles and nicknames: marked, or a short quote between capitalised words."""
    before = text[max(0, start - 20) : start]
    if _SO_CALLED.search(before):
        return True
    inner = text[start + 1 : end - 1]
    words = inner.split()
    prev = re.search(r"(\S+)\s*$", before)
    nxt = re.match(r"\s*(\S+)", text[end : end + 20])
    # Donald "The Donald" Trump
    return bool(
        len(words) <= 3 and prev and nxt and prev.group(1)[:1].isupper() and nxt.group(1)[:1].isupper()
    )


_TELL = {
    "tell",
    "tells",
    "told",
    "telling",
    "warn",
    "warned",
    "warns",
    "warning",
    "remind",
    "reminded",
    "assured",
    "informed",
    "convinced",
    "persuaded",
    "promised",
    "asked",
    "urged",
}


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
_WHEN_AFTER_CUE = re.compile(
    rf"(?:\s+(?:on\s+)?{_DAYS}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:last|this|earlier this|later that)\s+(?:week|month|year|spring|summer|fall|winter)"
    r"|\s+(?:recently|earlier|later|previously|repeatedly|again|publicly|privately|often))+(?=[\s,])"
)


def _content_after_cue(text: str, cue: str, cue_end: int, s_end: int) -> int | None:
    """Where the reported clause starts after a cue (after "that", "to reporters", ...)."""
    when = _WHEN_AFTER_CUE.match(text, cue_end, s_end)
    if when is not None:  # "said Wednesday night that ..."
        cue_end = when.end()
    rest = text[cue_end:s_end]
    if cue.lower() in _TELL:  # "told a town hall in Salem on Monday that ..."
        m = re.match(r"\s+[^.;\"“”]{1,110}?\s+that\s+", rest)
        if m is not None:
            return cue_end + m.end()
    m = re.match(
        r"[\s,:]*(?:(?:to|in|on|at|with|during|after|before|from|of|by|for)\s+[^,.;\"“”]{0,110}?\s+)?"
        r"(?:that|whether|if|how|why|what)\s+",
        rest,
    )
    if m is not None and m.end() < len(rest.rstrip()):
        return cue_end + m.end()
    objects = r"reporters|him|her|them|us|me"
    if cue.lower() in {"tell", "tells", "told", "telling"}:
        objects += r"|(?:the\s+)?[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*"
    m = re.match(rf"[\s,:]*(?:(?:{objects})\s+)?(?:that\s+)?", rest)
    start = cue_end + (m.end() if m else 0)
    return start


_ADVERBIAL = set(
    "during in on at after before since last this earlier later when while as over under for with by "
    "however but and meanwhile still yet now then also instead indeed".split()
)
_OBJECT_STOP = re.compile(
    rf"\s*(?:[,;:]|\s[—–]\s|\s--\s|\s(?:during|last|on\s+{_DAYS}|{_DAYS}|when|while|because|after|before|since|"
    r"until|despite|amid|earlier|later|yesterday|today|this\s+week)\b)"
)


def _object_end(text: str, start: int, end: int) -> int:
    """End of the object phrase of a stance verb: the first comma or time/adverbial clause."""
    m = _OBJECT_STOP.search(text, start, end)
    return m.start() if m is not None else end


_LEAD_PHRASE = re.compile(
    r"[\"“]?(?:At|In|On|During|After|Before|Since|Speaking|Asked|Later|Earlier|Last|This|Meanwhile|However|"
    r"Still|Yet|Instead|Separately|Also|Then|Now|For|With|Without|Under|Over|When|While|As|Although|Though|"
    r"Because|If|Despite|Amid|Following|Unlike|Like|Responding|Addressing|Writing|Appearing|Campaigning|"
    r"Standing|Earlier|Days|Hours|Weeks|Months|Years|Back|Asked|Pressed|Challenged|Interviewed)\b"
)


def _after_lead(text: str, lo: int, pos: int) -> int:
    """Skip a leading phrase ("At a rally in Iowa, ") so that the subject follows."""
    if _LEAD_PHRASE.match(text, lo, pos):
        comma = text.find(", ", lo, pos)
        if comma > 0 and len(text[lo:comma].split()) <= 12:
            return comma + 2
    return lo


_CLAUSE_COMMA = re.compile(r",(?:[\"”]|'')?\s+")


def _last_clause_comma(before: str) -> tuple[int, int]:
    """The last comma (or comma and closing mark) before a cue, and where the next word starts."""
    last = _last_match(_CLAUSE_COMMA, before)
    return (last.start(), last.end()) if last is not None else (-1, -1)


# Cues whose object (not a "that" clause) is what was said: "called the deal a disaster".
_OBJECT_CUES = _forms(
    "call describe urge ask accuse promise pledge vow want label dub criticize blame praise "
    "characterize brand portray liken compare"
) | {"referred to", "referring to", "called for", "calls for"}
_PREV_WORD = re.compile(r"([\w’'-]+)\s*$")
_NOT_BEFORE_VERB = _DETERMINERS | set(
    "to of on in at for with by from about as into without whose own new first last such".split()
)


def _after_possessive(word: str) -> bool:
    """ "the authority's estimate", "Trump's support": the cue word is a noun there."""
    low = word.lower().replace("’", "'")
    return low.endswith(("'s", "s'")) and len(low) > 2 and low[:-2] not in _CONTRACTED


_CONTRACTED = set("he she it that who there what here where".split())  # "he's said": has


def _indirect_in_sentence(
    text: str,
    s_start: int,
    s_end: int,
    quoted: list[Span] = (),
    cues: list[_Cue] | None = None,
    sent_start: int | None = None,
) -> _Found | None:
    sentence = text[s_start:s_end]
    body_end = s_start + len(sentence.rstrip())
    if text[body_end - 1 : body_end] == ".":
        body_end -= 1
    # According to X, ...  /  ..., according to X.
    m = re.match(r"[\"“]?[Aa]ccording to\s+", sentence)
    if m:
        comma = sentence.find(",", m.end())
        if comma > 0 and sentence[comma + 1 :].strip():
            spk = (s_start + m.end(), s_start + comma)
            return _Found(
                s_start + comma + 1 + (len(sentence[comma + 1 :]) - len(sentence[comma + 1 :].lstrip())),
                body_end,
                "indirect",
                cue="according to",
                cue_span=(s_start + m.start(), s_start + m.end() - 1),
                speaker_span=spk,
            )
    if cues is None:
        cues = _indirect_cues(text, s_start, s_end)
    else:
        first = bisect_left(cues, s_start, key=_Cue.start)
        cues = cues[first : bisect_left(cues, s_end, lo=first, key=_Cue.start)]
    for cue in cues:
        if any(a < cue.start() < b for a, b in quoted):
            continue  # a verb inside quoted words belongs to the quotation
        word = cue.group().lower()
        prev = _PREV_WORD.search(text, max(s_start, cue.start() - 30), cue.start())
        if prev is not None and (
            prev.group(1).lower() in _NOT_BEFORE_VERB or _after_possessive(prev.group(1))
        ):
            continue  # "the call", "to say": a noun or an infinitive, not a reporting verb
        if word in {"according to"}:
            comma = text.rfind(",", s_start, cue.start())
            if comma > s_start:
                spk = _speaker_after(text, cue.end(), s_end)
                return _Found(
                    s_start, comma, "indirect", cue="according to", cue_span=cue.span(), speaker_span=spk
                )
            continue
        before = text[s_start : cue.start()]
        # Clause first: "The deal is dead, he said." / "..., said Smith."
        if before.rstrip().endswith((",", ',"', ",”", ",''")) and len(before.strip()) > 15:
            comma = s_start + len(before.rstrip()) - (1 if before.rstrip().endswith(",") else 0)
            after = _speaker_after(text, cue.end(), s_end)
            if after is not None and text[after[0] : after[1]].lower() in {"it", "they", "we", "you"}:
                after = None  # "..., called it a disaster": an object, not an inverted subject
            if after is not None and (
                text[after[1] : body_end].strip(" ,") == ""
                or len(text[after[1] : body_end].split()) <= 4
                or text[after[1] : after[1] + 1] == ","  # "said Grant Green, a former official ..."
            ):
                return _Found(
                    s_start, comma, "indirect", cue=cue.group(), cue_span=cue.span(), speaker_span=after
                )
        comma_idx, after_comma = _last_clause_comma(before)
        if comma_idx > 15:
            subj = _subject_before(text, s_start + after_comma, cue.start())
            tail = text[cue.end() : body_end]
            if (
                subj is not None
                and subj[0] == s_start + after_comma
                and (len(tail.split()) <= 5 or tail[:1] == ",")
                and word not in _COGNITION_FORMS
            ):
                lead = before[:comma_idx].split()
                if tail[:1] == "," and len(tail.split()) > 3 and lead and lead[0].lower() in _ADVERBIAL:
                    # "During his years in office, Mr. Obama said, a majority ..."
                    start = cue.end() + 1 + len(tail[1:]) - len(tail[1:].lstrip())
                    return _Found(
                        start, body_end, "indirect", cue=cue.group(), cue_span=cue.span(), speaker_span=subj
                    )
                if not (_LEAD_PHRASE.match(before) and len(lead) <= 10 and tail.strip(" .,")):
                    # "On the campaign trail, Cruz describes ...": the lead phrase is no content
                    item = _Found(
                        s_start,
                        s_start
                        + (len(before[:after_comma].rstrip()) if after_comma - comma_idx > 2 else comma_idx),
                        "indirect",
                        cue=cue.group(),
                        cue_span=cue.span(),
                        speaker_span=subj,
                    )
                    if (
                        tail[:1] == "," and len(tail.split()) > 3
                    ):  # "Lenox was a juggernaut, he said, until ..."
                        item.rest = (cue.end() + 1 + len(tail[1:]) - len(tail[1:].lstrip()), body_end)
                    return item
        subj = _subject_before(text, s_start, cue.start(), initial=True)
        first = s_start if sent_start is None else sent_start
        if subj is None and word.endswith("ing"):
            subj = _initial_subject(text, s_start, cue.start())
            if subj is None and text[max(0, cue.start() - 3) : cue.start()].rstrip().endswith(","):
                # "Trump mocked her record, saying she ...": the subject of the sentence
                subj = _initial_subject(text, _after_lead(text, first, cue.start()), cue.start())
        if subj is None and prev is not None and prev.group(1) in {"and", "but"}:
            # "Authorities announced an arrest and said ...": the subject of the first verb
            main = _subject_verb(text, first, cue.start())
            subj = main[0] if main is not None and main[1][0] < prev.start() else None
        if subj is None:
            continue
        start = _content_after_cue(text, word, cue.end(), body_end)
        if start is None:
            continue
        if (
            word in _STANCE_FORMS
            and word not in _CLAUSE_CUES
            and not text[start - 5 : start].strip().endswith("that")
        ):
            end = _object_end(text, start, body_end)
            if end > start and text[start:end].strip() and text[start : start + 1] not in ",.;:":
                return _Found(start, end, "indirect", cue=cue.group(), cue_span=cue.span(), speaker_span=subj)
            continue
        if len(text[start:body_end].split()) < 3:
            continue
        if (
            word not in _CLAUSE_CUES
            and not text[cue.end() : start].rstrip().endswith(("that", "whether"))
            and word not in _OBJECT_CUES
        ):
            continue
        return _Found(start, body_end, "indirect", cue=cue.group(), cue_span=cue.span(), speaker_span=subj)
    return None


_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|,[\"”]?\s+(?:but|while|whereas|although|though|even as|even though)\s"
    r"|\s[-—–]+\s+(?:although|though|but|while|even as)\s)"
)
_ING_CUE = re.compile(r",[\"”]?\s+([a-z]+ing)\b")


_AND_VERB = re.compile(r",?[\"”]?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?([a-z]+)\b")


def _after_marks(text: str, pos: int) -> int:
    """A cut at `,”` or `”` keeps the closing mark (and a comma inside it) in the clause."""
    if text[pos] == "," and text[pos + 1 : pos + 2] in ('"', "”"):
        return pos + 2
    return pos + 1 if text[pos] in '"”' else pos


def _trim_clause(text: str, start: int, end: int, embedded: list[Span]) -> int:
    """End of the reported clause: before a coordinated or relative clause that follows it."""
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]
    for m in _AND_VERB.finditer(text, start, end):  # "said X and encouraged Y": a second attribution
        if m.group(1).lower() in _INDIRECT_WORDS:
            cuts.append(_after_marks(text, m.start()))
    for m in _ING_CUE.finditer(text, start, end):  # "said X, adding that Y"
        if m.group(1) in _INDIRECT_WORDS:
            cuts.append(_after_marks(text, m.start()))
    for cut in sorted(cuts):
        if len(text[start:cut].split()) < 3:
            continue
        if any(a < cut < b for a, b in embedded):
            continue  # never inside a quotation
        return cut
    return end


def _units(sentences: list[Span], quoted: list[Span]) -> list[Span]:
    """Sentences, merged where a quotation runs across a sentence end."""
    starts = [st for st, _ in sentences]
    units: list[Span] = []
    qi = 0
    for s_start, s_end in sentences:
        if units and units[-1][1] > s_start:
            continue  # already inside the previous unit
        while qi < len(quoted) and quoted[qi][1] <= s_start:
            qi += 1
        end = s_end
        for q_start, q_end in quoted[qi:]:
            if q_start >= end:
                break
            if q_end > end:  # the quotation runs on: take the whole sentence it ends in
                end = sentences[max(0, bisect_right(starts, q_end - 1) - 1)][1]
        units.append((s_start, max(end, s_end)))
    return units


def _second_verb(
    text: str, first: _Found, shared: re.Match[str], s_end: int, embedded: list[Span]
) -> _Found | None:
    word = shared.group(1)
    cue_span = shared.span(1)
    start = _content_after_cue(text, word, cue_span[1], s_end)
    if start is None or start >= s_end:
        return None
    body_end = s_end - (len(text[:s_end]) - len(text[:s_end].rstrip(" .\n")))
    if word in _STANCE_FORMS and word not in _CLAUSE_CUES:
        end = _object_end(text, start, body_end)
    else:
        end = _trim_clause(text, start, body_end, embedded)
    if end <= start or len(text[start:end].split()) < 1:
        return None
    return _Found(start, end, "indirect", cue=word, cue_span=cue_span, speaker_span=first.speaker_span)


_AUX = set("is are was were has have had will would can could did does do may might must should".split())
_ADVERB_BETWEEN = _SKIP_BETWEEN | set("not also further already long".split())
_IRREGULAR_PAST = set("said told wrote thought felt found knew showed sought struck threw".split())
# Verbs of doing, not saying: their object holds a title or a name, not someone's words.
_LIGHT_VERBS = _forms(
    "take give make receive start begin sign score lead win lose get go come run create include join move "
    "visit hold arrive return wear dress identify change originate appear play use send open hit meet "
    "become land stop walk sit stand hire fire buy sell pay own live die kill vote host attend air carry "
    "cover enter feature star watch wear"
)


def _finite_verb(word: str, prev: str) -> bool:
    """A lowercase word that can be the main verb after the subject word `prev`."""
    if not word.islower() or len(word) < 3 or word in _NOT_VERBS or word in _SPEAKER_NOUNS:
        return False
    if word in _LIGHT_VERBS or word in _DETERMINERS or _after_possessive(prev):
        return False
    if word.endswith("s") and word[:-1] in _SPEAKER_NOUNS:
        return False  # "Sanders supporters", "Trump aides"
    if word in _IRREGULAR_PAST or word in _INDIRECT_WORDS or (word.endswith("ed") and len(word) > 4):
        return not word.endswith("ing") or False
    # "Cruz describes", "he likens": an -s verb only after a name or a singular pronoun
    return (
        word.endswith("s")
        and not word.endswith(("ss", "ous", "is", "us"))
        and ((prev[:1].isupper() and prev.lower() not in _LEADING_FUNCTION) or prev.lower() in _PERSONAL)
    )


_RELATIVE = set("that who which whom whose where when what".split())
_SUBJECT_WORD = re.compile(r"[\w’'.&-]+|\([^()]{1,30}\)|,")


def _subject_verb(text: str, lo: int, limit: int) -> tuple[Span, Span] | None:
    """Subject and main verb of a clause starting at `lo`: "Trump, the nominee, further summed up"."""
    lo = _after_lead(text, lo, limit)
    lead = _LEAD_IN.match(text, lo, limit)
    if lead is not None:
        lo = lead.end()
    while lo < limit and text[lo] in ' "“„«(':
        lo += 1
    words = [(m.group(), m.start(), m.end()) for m in _SUBJECT_WORD.finditer(text, lo, limit)]
    subj_end = None
    in_appositive = False
    count = 0
    for i, (word, start, end) in enumerate(words):
        if word == ",":
            if subj_end is None:
                if i == 0:
                    return None
                subj_end = words[i - 1][2]
            in_appositive = True  # "Marty West, an education professor at Harvard, ..., called"
            continue
        low = word.lower()
        prev = words[i - 1][0] if i > 0 else ""
        verbal = word.islower() and (low in _AUX or low in _ADVERB_BETWEEN or low.endswith("ly"))
        if in_appositive:
            if prev == "," and (verbal or _finite_verb(low if word.islower() else "", "X")):
                in_appositive = False  # the appositive closed: the verb follows
            else:
                count += 1
                if count > 30:
                    return None
                continue
        if i > 0 and verbal:
            if subj_end is None:
                subj_end = words[i - 1][2]
            continue
        progressive = low.endswith("ing") and prev.lower() in {"is", "are", "was", "were", "been"}
        if i > 0 and (
            progressive or _finite_verb(low if word.islower() else "", prev if prev != "," else "X")
        ):
            subj = (lo, subj_end if subj_end is not None else words[i - 1][2])
            if _valid_subject(text[subj[0] : subj[1]], low):
                return subj, (start, end)
            return None
        if subj_end is not None or word.startswith("("):
            if word.startswith("("):
                continue
            return None
        if i >= 9:
            return None
    return None


def _valid_subject(phrase: str, verb: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 9 or not words[0][:1].isalpha():
        return False
    if any(w.lower() in _RELATIVE for w in words):
        return False  # "One area that Obama has failed ...": not the main clause
    if verb in _INDIRECT_WORDS:
        return True  # "The petition accuses ..."
    head = words[-1].lower().strip("’'")
    return (
        phrase.lower() in _PRONOUNS
        or any(w[:1].isupper() for w in words[1:] or words)
        or head in _SPEAKER_NOUNS
        or head.rstrip("s") in _SPEAKER_NOUNS
    )


_MINOR_WORDS = set("a an the of to in on for and or at by with from me my".split())


def _title(text: str, start: int, end: int) -> bool:
    """ "The Rising", "Star Wars": every main word capitalised, as in the name of a work."""
    words = re.findall(r"[\w’'-]+", text[start:end])
    return bool(words) and all(w[:1].isupper() or w in _MINOR_WORDS for w in words) and len(words) <= 8


_PARTICLE = re.compile(r"\s+(?:up|out|off|down|back)\b")


def _verb_before_quote(text: str, s_start: int, s_end: int, embedded: list[Span]) -> list[_Found]:
    """A quoted fragment after a verb no lexicon lists ("Trump likened the refugees to a "snake""):
    sentence subject + finite verb; the rest of the clause, quotation included, is the content."""
    quote = next(((a, b) for a, b in embedded if s_start <= a < s_end), None)
    if quote is None:
        return []
    found = _subject_verb(text, s_start, quote[0])
    if found is None:
        return []
    subj, verb_span = found
    particle = _PARTICLE.match(text, verb_span[1], quote[0])
    if particle is not None:  # "summed up"
        verb_span = (verb_span[0], particle.end())
    verb = text[verb_span[0] : verb_span[1]]
    start = _content_after_cue(text, verb, verb_span[1], s_end)
    if start is None or start > quote[0] or len(text[start : quote[0]].split()) > 40 or _title(text, *quote):
        return []
    body_end = s_end - (len(text[:s_end]) - len(text[:s_end].rstrip(" .\n")))
    end = _trim_clause(text, start, body_end, embedded)
    if end < quote[1] - 1:
        # "compared X with Y, and urged people not to "..."": the coordinated verb holds the quote
        second = None
        for m in _AND_VERB.finditer(text, start, quote[0]):
            if _finite_verb(m.group(1), "X"):
                second = m
        if second is None:
            return []
        verb_span, verb = second.span(1), second.group(1)
        start = _content_after_cue(text, verb, verb_span[1], s_end)
        if start is None or start > quote[0]:
            return []
        end = _trim_clause(text, start, body_end, embedded)
        if end < quote[1] - 1:
            return []
    return [_Found(start, end, "indirect", cue=verb, cue_span=verb_span, speaker_span=subj)]


_NOT_VERBS = set("was has does goes uses sees makes takes gives comes lives lies times series".split())


def _indirect_all(
    text: str, s_start: int, s_end: int, embedded: list[Span], cues: list[_Cue]
) -> list[_Found]:
    """Every attribution of a sentence, left to right (a later one starts after the earlier content)."""
    out: list[_Found] = []
    lo = s_start
    while lo < s_end:
        item = _indirect_in_sentence(text, lo, s_end, embedded, cues, s_start)
        if item is None or item.end <= item.start:
            break
        item.end = _trim_clause(text, item.start, item.end, embedded)
        out.append(item)
        nxt = max(item.end, item.cue_span[1] if item.cue_span else item.end)
        if item.rest is not None:
            rest_end = _trim_clause(text, item.rest[0], item.rest[1], embedded)
            out.append(
                _Found(
                    item.rest[0],
                    rest_end,
                    "indirect",
                    cue=item.cue,
                    cue_span=item.cue_span,
                    speaker_span=item.speaker_span,
                    joined=True,
                )
            )
            item = out[-1]
            nxt = rest_end
        while nxt < s_end and text[nxt] in " ,;:—–-":
            nxt += 1
        shared = _AND_VERB.match(text, nxt - 1, s_end) if nxt > lo else None
        if shared is not None and item.speaker_span is not None and shared.group(1) in _INDIRECT_WORDS:
            # "... and encouraged Americans to ...": the same subject, a second cue
            second = _second_verb(text, item, shared, s_end, embedded)
            if second is not None:
                out.append(second)
                item = second
                nxt = second.end
                while nxt < s_end and text[nxt] in " ,;:—–-":
                    nxt += 1
        if nxt <= lo or s_end - nxt < 15:
            break
        lo = nxt
    return out


# ------------------------------------------------------------------- driver


def _find(text: str, paragraphs: list[Span], sentences: list[Span], language: str | None) -> list[_Found]:
    lang = (language or "en").split("-")[0].lower()
    starts = [s for s, _ in sentences]
    quotes = _quote_spans(text, paragraphs, lang)
    found: list[_Found] = []
    embedded: list[Span] = []
    group = 0
    prev_end = -1
    prev_direct: _Found | None = None
    para_starts = [p for p, _ in paragraphs]
    for q_start, q_end in quotes:
        si = _sentence_of(starts, q_start)
        s_start = sentences[si][0] if sentences else 0
        lo = max(s_start, prev_end) if prev_end <= q_start else s_start
        ei = _sentence_of(starts, max(q_start, q_end - 1))
        s_end = sentences[ei][1] if sentences else len(text)
        pi = _sentence_of(para_starts, q_start)
        p_end = paragraphs[pi][1] if paragraphs else len(text)
        s_end = max(s_end, min(q_end, p_end))
        before = text[lo:q_start]
        after_attr = _attribution_after(text, q_end, s_end)
        before_attr = None if after_attr else _attribution_before(text, lo, q_start)
        if (
            after_attr is None
            and before_attr is None
            and not before.strip()
            and si > 0
            and text[: sentences[si - 1][1]].endswith(":")
        ):
            before_attr = _attribution_before(
                text, sentences[si - 1][0], sentences[si - 1][1]
            )  # "Cruz said:" ¶
        inner = text[q_start + 1 : q_end - 1]
        standalone_before = (
            not before.strip(" ,;:—–-") or before_attr is not None or before.rstrip().endswith(":")
        )
        after_text = text[q_end:s_end].strip()
        standalone_after = (
            not after_text.strip(".,;!?)") or after_attr is not None or after_text[:1] in '"“„«'
        )
        if (
            standalone_before
            and standalone_after
            and (
                inner[:1].isupper()
                or not before.strip()
                or before.rstrip().endswith(":")
                or (before_attr is not None and lo == prev_end)
            )
        ):
            attr = after_attr or before_attr
            item = _Found(q_start, q_end, "direct")
            if attr is not None:
                item.speaker_span, item.cue_span = attr
                item.cue = text[attr[1][0] : attr[1][1]]
                if (
                    prev_direct is not None
                    and prev_direct.speaker_span is None
                    and _sentence_of(starts, prev_direct.start) == si
                ):
                    prev_direct.speaker_span, prev_direct.cue_span, prev_direct.cue = (
                        attr[0],
                        attr[1],
                        item.cue,
                    )
                    item.group = prev_direct.group
                elif prev_direct is not None and prev_direct.cue_span == attr[1]:
                    item.group = prev_direct.group  # "First," he said, "second."
            elif (
                prev_direct is not None
                and prev_direct.speaker_span is not None
                and (
                    _sentence_of(starts, prev_direct.end - 1) == si
                    or (
                        not before.strip()
                        and _sentence_of(para_starts, prev_direct.start) >= pi - 1
                        and text[paragraphs[pi][0] : q_start].strip() == ""
                    )
                )
            ):
                item.speaker_span, item.cue_span, item.cue = (
                    prev_direct.speaker_span,
                    prev_direct.cue_span,
                    prev_direct.cue,
                )
                item.speaker_resolved = prev_direct.speaker_resolved
                if _sentence_of(para_starts, prev_direct.start) == pi:
                    item.group = prev_direct.group
            if item.group < 0:
                group += 1
                item.group = group
            found.append(item)
            prev_direct = item
        elif not _is_decorative(text, q_start, q_end):
            embedded.append((q_start, q_end))
        prev_end = q_end

    if lang == "en":
        covered = [_attribution_end(f) for f in found]
        cues = _indirect_cues(text, 0, len(text))
        for s_start, s_end in _units(sentences, embedded):
            ends = [end for start, end in covered if start < s_end and s_start < end]
            if ends:
                # a direct quote and its attribution: only the rest of the sentence can hold another
                s_start = max(ends)
                while s_start < s_end and text[s_start] in " ,;:—–-":
                    s_start += 1
                if len(text[s_start:s_end].split()) < 6:
                    continue
            items = _indirect_all(text, s_start, s_end, embedded, cues)
            if not items:
                items = _verb_before_quote(text, s_start, s_end, embedded)
            for item in items:
                inside = [(a, b) for a, b in embedded if a >= item.start and b <= item.end + 2]
                if inside:
                    whole = len(inside) == 1 and inside[0][0] == item.start and inside[0][1] >= item.end - 1
                    item.type = "direct" if whole else "partial"
                if item.joined and found:
                    if item.type != found[-1].type:  # one attribution, quoted words in one part
                        item.type = found[-1].type = "partial"
                else:
                    group += 1
                item.group = group
                found.append(item)
    found.sort(key=lambda f: f.start)
    _inherit(found, starts, para_starts)
    return _finish(text, found)


def _attribution_end(item: _Found) -> Span:
    """A direct quote's span with its speaker and cue."""
    end = max([item.end] + [span[1] for span in (item.cue_span, item.speaker_span) if span is not None])
    return item.start, end


def _inherit(found: list[_Found], starts: list[int], para_starts: list[int]) -> None:
    """A direct quote with no cue of its own continues the attribution just before it."""
    previous: _Found | None = None
    for item in found:
        if (
            item.type == "direct"
            and item.speaker_span is None
            and previous is not None
            and previous.speaker_span is not None
            and _sentence_of(para_starts, item.start) - _sentence_of(para_starts, previous.end - 1) <= 1
            and _sentence_of(starts, item.start) - _sentence_of(starts, previous.end - 1) <= 2
        ):
            item.speaker_span, item.cue_span, item.cue = (
                previous.speaker_span,
                previous.cue_span,
                previous.cue,
            )
            item.speaker_resolved = previous.speaker_resolved
            if previous.type == "direct" and _sentence_of(para_starts, item.start) == _sentence_of(
                para_starts, previous.start
            ):
                item.group = previous.group  # PolNeAR: one attribution, discontinuous content
        previous = item


def _finish(text: str, found: list[_Found]) -> list[_Found]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for item in found:
        start, end = item.start, item.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 2 or (kept and start < kept[-1].end):
            continue
        item.start, item.end = start, end
        kept.append(item)
    resolver = _Resolver(text)
    for item in kept:
        if item.speaker_span is not None:
            s, e = item.speaker_span
            item.speaker = text[s:e].strip(" ,")
            if item.speaker_resolved is None:
                item.speaker_resolved = resolver.resolve(item.speaker, s) if item.speaker else None
        if item.cue_span is not None:
            item.cue = text[item.cue_span[0] : item.cue_span[1]]
    return kept


def find_attributions(
    text: str, paragraphs: list[Span], sentences: list[Span], language: str | None = "en"
) -> list[_Found]:
    """Like `find_quotes`, with the speaker and cue offsets (for the benchmark)."""
    if not text or not paragraphs:
        return []
    return _find(text, paragraphs, sentences or list(paragraphs), language)


def find_quotes(
    text: str, paragraphs: list[Span], sentences: list[Span], language: str | None = "en"
) -> list[Quote]:
    """Quotes of one article, sorted by start, non-overlapping, offsets into `text`."""
    starts = [s for s, _ in sentences]
    return [
        Quote(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            type=f.type,
            speaker=f.speaker,
            speaker_resolved=f.speaker_resolved,
            cue=f.cue,
            sentence_index=_sentence_of(starts, f.start),
        )
        for f in find_attributions(text, paragraphs, sentences, language)
    ]
