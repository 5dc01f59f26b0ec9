"""How predicted quotes are matched with annotated ones and scored (the gate and the benchmark share it).

Spans are compared by their *word* tokens (runs of letters and digits), so quote marks, commas and
a final full stop never decide a match: the pipeline's direct quotes include their marks, the
annotated set's do not.

Two ways to match:
- **one-to-one** (a fully annotated article: the attribution set, PolNeAR): a prediction and a gold
  quote match when their shared tokens are at least `MIN_OVERLAP` of the longer one's tokens; pairs
  are taken best overlap first, each side used once. Unmatched predictions are false positives.
- **excerpts** (the sample corpus, whose truth lists quoted excerpts but not every quote): a gold
  excerpt is found when one prediction holds at least `MIN_COVERAGE` of its tokens; several
  excerpts may fall in one prediction. Only recall, type and speaker are measured.

Over matched pairs, *type accuracy* compares the types and *speaker accuracy* compares
`speaker_resolved` with the gold one after `same_name` (an empty prediction for an empty gold is
right; a guess where the gold is empty is wrong).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import Quote

Span = tuple[int, int]

MIN_OVERLAP = 0.5  # shared tokens / tokens of the longer span, for a one-to-one match
MIN_COVERAGE = 0.5  # tokens of a gold excerpt inside one prediction, for an excerpt match

_WORD = re.compile(r"\w+")
_BLANKS = re.compile(r"\s+")


def same_name(predicted: str | None, gold: str | None) -> bool:
    """Names compare after case folding and collapsing blanks ("The Guardian" is not "Guardian")."""

    def norm(name: str | None) -> str:
        return _BLANKS.sub(" ", (name or "").strip(" .,;:\"'“”„«»")).casefold()

    return norm(predicted) == norm(gold)


class WordIndex:
    """Word tokens of one text, so that spans become comparable sets of token numbers."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def tokens(self, spans: Iterable[Span]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in spans:
            first = bisect_left(self.ends, start + 1)  # the first token that ends inside the span
            last = bisect_left(self.starts, end)  # tokens starting before the span ends
            out.update(range(first, last))
        return frozenset(out)


def match_one_to_one(predicted: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> dict[int, int]:
    """{prediction index: gold index}, best overlap first, each side used once."""
    pairs = []
    for i, pt in enumerate(predicted):
        for j, gt in enumerate(gold):
            shared = len(pt & gt)
            longer = max(len(pt), len(gt))
            if shared and shared >= MIN_OVERLAP * longer:
                pairs.append((shared / longer, -i, -j))
    pairs.sort(reverse=True)
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if -i not in matched and -j not in used:
            matched[-i] = -j
            used.add(-j)
    return matched


def match_excerpts(predicted: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> dict[int, int]:
    """{gold index: prediction index}: the prediction holding most of each gold excerpt."""
    found: dict[int, int] = {}
    for j, gt in enumerate(gold):
        if not gt:
            continue
        best, best_key = -1, (0.0, 0)
        for i, pt in enumerate(predicted):
            key = (len(pt & gt) / len(gt), -len(pt))  # most of the excerpt, then the tightest prediction
            if key > best_key:
                best, best_key = i, key
        best_share = best_key[0]
        if best >= 0 and best_share >= MIN_COVERAGE:
            found[j] = best
    return found


@dataclass(frozen=True, slots=True)
class GoldQuote:
    spans: tuple[Span, ...]
    type: str
    speaker: str | None = None
    speaker_resolved: str | None = None
    cue: str | None = None
    group: int | None = None


@dataclass
class QuoteScore:
    """Counts over any number of articles; add them up with `+=`."""

    gold: int = 0
    predicted: int = 0
    gold_found: int = 0
    predicted_right: int = 0
    pairs: int = 0
    type_ok: int = 0
    speaker_ok: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [gold, found]

    def __iadd__(self, other: QuoteScore) -> QuoteScore:
        self.gold += other.gold
        self.predicted += other.predicted
        self.gold_found += other.gold_found
        self.predicted_right += other.predicted_right
        self.pairs += other.pairs
        self.type_ok += other.type_ok
        self.speaker_ok += other.speaker_ok
        for kind, (g, f) in other.by_type.items():
            mine = self.by_type.setdefault(kind, [0, 0])
            mine[0] += g
            mine[1] += f
        return self

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.pairs if self.pairs else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.pairs if self.pairs else 1.0


@dataclass(frozen=True, slots=True)
class QuoteError:
    """One false positive, false negative or wrong attribute, for reading the errors."""

    kind: str  # FP | FN | type | speaker
    text: str
    detail: str = ""


def _count_pair(score: QuoteScore, pred: Quote, gold: GoldQuote) -> bool:
    score.pairs += 1
    score.type_ok += pred.type == gold.type
    right = same_name(pred.speaker_resolved, gold.speaker_resolved)
    score.speaker_ok += right
    return right


def score_quotes(
    text: str, gold: Sequence[GoldQuote], predicted: Sequence[Quote], excerpts: bool = False
) -> tuple[QuoteScore, list[QuoteError]]:
    """Score one article's predictions; `excerpts` for a truth that lists excerpts, not every quote."""
    index = WordIndex(text)
    gold_tokens = [index.tokens(g.spans) for g in gold]
    pred_tokens = [index.tokens([(q.start, q.end)]) for q in predicted]
    score = QuoteScore(gold=len(gold))
    errors: list[QuoteError] = []
    if excerpts:
        by_gold = match_excerpts(pred_tokens, gold_tokens)
    else:
        by_pred = match_one_to_one(pred_tokens, gold_tokens)
        by_gold = {j: i for i, j in by_pred.items()}
        score.predicted = len(predicted)
        score.predicted_right = len(by_pred)
        errors += [
            QuoteError("FP", q.text, f"{q.type} [{q.speaker}]")
            for i, q in enumerate(predicted)
            if i not in by_pred
        ]
    score.gold_found = len(by_gold)
    for j, g in enumerate(gold):
        tally = score.by_type.setdefault(g.type, [0, 0])
        tally[0] += 1
        gold_text = " … ".join(text[s:e] for s, e in g.spans)
        if j not in by_gold:
            errors.append(QuoteError("FN", gold_text, f"{g.type} [{g.speaker}]"))
            continue
        tally[1] += 1
        pred = predicted[by_gold[j]]
        if not _count_pair(score, pred, g):
            errors.append(
                QuoteError("speaker", gold_text, f"{pred.speaker_resolved!r} for {g.speaker_resolved!r}")
            )
        if pred.type != g.type:
            errors.append(QuoteError("type", gold_text, f"{pred.type} for {g.type}"))
    return score, errors


# --- the annotated attribution set (tests/fixtures/attribution) -------------------------------


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    id: str
    language: str
    split: str
    url: str | None
    text: str
    links: tuple[tuple[str, str], ...]  # (url, anchor_text)
    quotes: tuple[GoldQuote, ...]
    citations: frozenset[tuple[str, str]]  # (source_name, kind)
    forbidden_citations: frozenset[str]
    problems: tuple[str, ...] = ()  # gold quotes whose text is not in the article


def locate(text: str, fragment: str, start: int = 0) -> Span | None:
    """Where an annotated fragment sits, from `start` on (then anywhere); blanks may differ."""
    pos = text.find(fragment, start)
    if pos < 0:
        pos = text.find(fragment)
    if pos >= 0:
        return pos, pos + len(fragment)
    words = fragment.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    m = pattern.search(text, start) or pattern.search(text)
    return m.span() if m else None


def _gold_quotes(text: str, items: list[dict]) -> tuple[list[GoldQuote], list[str]]:
    out: list[GoldQuote] = []
    problems: list[str] = []
    cursor = 0
    for item in items:
        span = locate(text, item.get("text") or "", cursor)
        if span is None:
            problems.append(item.get("text") or "")
            continue
        cursor = span[0]
        out.append(
            GoldQuote(
                (span,),
                item.get("type") or "",
                item.get("speaker"),
                item.get("speaker_resolved"),
                item.get("cue"),
                item.get("group"),
            )
        )
    return out, problems


def read_annotated(path: Path) -> AnnotatedArticle:
    page = json.loads(path.read_text(encoding="utf-8"))
    text = page["text"]
    quotes, problems = _gold_quotes(text, page.get("quotes") or [])
    return AnnotatedArticle(
        id=page.get("id") or path.stem,
        language=page.get("language") or path.parent.name,
        split=page.get("split") or "dev",
        url=page.get("url"),
        text=text,
        links=tuple((link["url"], link.get("anchor_text") or "") for link in page.get("links") or []),
        quotes=tuple(quotes),
        citations=frozenset((c["source_name"], c["kind"]) for c in page.get("citations") or []),
        forbidden_citations=frozenset(page.get("forbidden_citations") or []),
        problems=tuple(problems),
    )


def load_set(root: Path, split: str | None = None) -> dict[str, list[AnnotatedArticle]]:
    """{language: articles} of one split (all splits when None), in file order."""
    out: dict[str, list[AnnotatedArticle]] = {}
    for path in sorted(root.glob("*/*.json")):
        article = read_annotated(path)
        if split is None or article.split == split:
            out.setdefault(article.language, []).append(article)
    return out
