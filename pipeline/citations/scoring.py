"""How found citations are scored against annotated ones (the gate and the benchmark share it).

The unit is one (source name, kind) per article, as the annotated set lists them: a source cited
three times as an attribution counts once. Names compare with `same_name` (case and blanks only,
so "Guardian" is not "The Guardian"). Gold citations marked optional count when found and are not
missed when absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.model import Citation
from pipeline.quotes.scoring import same_name

Key = tuple[str, str]  # (source_name, kind)


@dataclass
class CitationScore:
    gold: int = 0
    predicted: int = 0
    right: int = 0
    forbidden_hits: int = 0
    errors: list[tuple[str, Key]] = field(default_factory=list)  # ("FP"|"FN", key)

    def __iadd__(self, other: CitationScore) -> CitationScore:
        self.gold += other.gold
        self.predicted += other.predicted
        self.right += other.right
        self.forbidden_hits += other.forbidden_hits
        self.errors += other.errors
        return self

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _find(key: Key, keys: Iterable[Key]) -> Key | None:
    return next((k for k in keys if k[1] == key[1] and same_name(k[0], key[0])), None)


def score_citations(
    rows: Iterable[Citation],
    gold: Iterable[Key],
    optional: Iterable[Key] = (),
    forbidden: Iterable[str] = (),
) -> CitationScore:
    predicted = list(dict.fromkeys((r.source_name, r.kind) for r in rows))
    required = list(dict.fromkeys(gold))
    extra = list(dict.fromkeys(optional))
    score = CitationScore(gold=len(required))
    for key in predicted:
        if _find(key, required) is not None:
            score.predicted += 1
            score.right += 1
        elif _find(key, extra) is None:  # a found optional citation is neither right nor wrong
            score.predicted += 1
            score.errors.append(("FP", key))
    score.errors += [("FN", key) for key in required if _find(key, predicted) is None]
    names = [name for name, _ in predicted]
    score.forbidden_hits = sum(any(same_name(n, f) for n in names) for f in forbidden)
    return score
