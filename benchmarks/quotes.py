"""Quality and cost of `pipeline.quotes` on PolNeAR (political news attributions).

    .venv/bin/python benchmarks/quotes.py --polnear /tmp/PolNeAR --split test

PolNeAR (github.com/networkdynamics/PolNeAR) is read in place and never copied:
`data/<split>/text/<article>.txt` holds the raw article, and
`data/<split>/attributions/<article>_<annotator>.ann` BRAT standoff lines:
`T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>` with Label in
Source/Cue/Content, and `E<n>\\tAttribution:T.. Source:T.. Cue:T.. Content:T..`
(or `Attribution-no-source`). An article annotated by several annotators is
scored against the first annotation file in name order.

Gold type, from the content span: *direct* if it opens with a quote mark and
its last quote mark closes at its end, *mixed* if it holds a quote mark
otherwise, *indirect* if none. Predicted types map direct->direct,
partial->mixed, indirect->indirect; the rows of one split quote (same group)
form one predicted attribution, as PolNeAR annotates them with one
discontinuous content.

Scores: a predicted and a gold content span match when their shared tokens
are at least half of the longer one's tokens (one-to-one, best overlap
first); *exact* compares their word tokens (punctuation and quote marks
ignored). For a subset of types, precision counts the predictions of those
types that match any gold attribution and recall the gold ones of those
types that any prediction matches. Speaker accuracy, over matched pairs
whose gold has a source: the predicted speaker overlaps the gold source span,
or the resolved name's last word is in it. Cue accuracy: the predicted cue
overlaps the gold cue span. Time: `find_quotes` per article (segmentation
excluded, it is its own step), also scaled to 5,000 characters.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.quotes import find_attributions, find_quotes
from pipeline.segment import segment

Span = tuple[int, int]
_MARKS = set('"“”„«»‹›')
_TOKEN = re.compile(r"\w+|[^\w\s]")
_TYPE_OF_PRED = {"direct": "direct", "partial": "mixed", "indirect": "indirect"}


@dataclass
class Gold:
    content: list[Span]
    source: list[Span]
    cue: list[Span]
    type: str


@dataclass
class Pred:
    content: list[Span]
    source: Span | None
    cue: Span | None
    type: str
    resolved: str | None


@dataclass
class Counts:
    pred: int = 0
    pred_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    exact: int = 0
    speaker_total: int = 0
    speaker_ok: int = 0
    cue_total: int = 0
    cue_ok: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _segments(field_text: str) -> list[Span]:
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(path: Path) -> list[tuple[list[Span], list[Span], list[Span]]]:
    """(content, source, cue) segments of every attribution in one .ann file."""
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = _segments(offsets)
            except ValueError:
                continue  # a malformed line in the corpus
        elif parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            if any(key.startswith("Attribution") for key in roles):
                relations.append(roles)
    out = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), [])
        if content:
            out.append((content, spans.get(roles.get("Source", ""), []), spans.get(roles.get("Cue", ""), [])))
    return out


def gold_type(text: str, content: list[Span]) -> str:
    joined = " ".join(text[s:e] for s, e in content).strip(" ,.;:—-")
    marks = [i for i, ch in enumerate(joined) if ch in _MARKS]
    if not marks:
        return "indirect"
    if marks[0] == 0 and joined.rstrip(".,?!")[-1:] in _MARKS:
        return "direct"
    return "mixed"


def load(root: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    base = root / "data" / split
    chosen: dict[str, Path] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        chosen.setdefault(re.sub(r"_[0-9a-f]+\.ann$", "", path.name), path)
    articles = []
    for name, path in sorted(chosen.items()):
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = [Gold(c, s, cu, gold_type(text, c)) for c, s, cu in read_ann(path)]
        articles.append((name, text, golds))
    return articles


class Tokens:
    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.words: list[bool] = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.words.append(m.group()[0].isalnum() or m.group()[0] == "_")

    def of(self, spans: list[Span]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            out.update(range(bisect_left(self.starts, s), bisect_left(self.starts, e)))
        return out


def predictions(text: str) -> tuple[list[Pred], float]:
    paragraphs, sentences = segment(text, "en")
    began = time.perf_counter()
    found = find_attributions(text, paragraphs, sentences, "en")
    elapsed = time.perf_counter() - began
    groups: dict[int, Pred] = {}
    for f in found:
        if f.group in groups:
            groups[f.group].content.append((f.start, f.end))
            continue
        groups[f.group] = Pred(
            [(f.start, f.end)], f.speaker_span, f.cue_span, _TYPE_OF_PRED[f.type], f.speaker_resolved
        )
    return list(groups.values()), elapsed


def _overlaps(span: Span | None, spans: list[Span]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in spans)


def score_article(
    text: str, golds: list[Gold], preds: list[Pred], counts: dict[str, Counts], subsets: dict[str, set[str]]
) -> list[tuple[str, object]]:
    tokens = Tokens(text)
    gold_tokens = [tokens.of(g.content) for g in golds]
    pred_tokens = [tokens.of(p.content) for p in preds]
    pairs = []
    for i, pt in enumerate(pred_tokens):
        for j, gt in enumerate(gold_tokens):
            shared = len(pt & gt)
            if shared and shared >= 0.5 * max(len(pt), len(gt)):
                pairs.append((shared / max(len(pt), len(gt)), i, j))
    pairs.sort(reverse=True)
    match_p: dict[int, int] = {}
    match_g: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in match_p and j not in match_g:
            match_p[i], match_g[j] = j, i
    for name, types in subsets.items():
        c = counts[name]
        for i, p in enumerate(preds):
            if p.type in types:
                c.pred += 1
                c.pred_matched += i in match_p
        for j, g in enumerate(golds):
            if g.type not in types:
                continue
            c.gold += 1
            if j not in match_g:
                continue
            c.gold_matched += 1
            p = preds[match_g[j]]
            words_p = {t for t in pred_tokens[match_g[j]] if tokens.words[t]}
            c.exact += words_p == {t for t in gold_tokens[j] if tokens.words[t]}
            if g.source:
                c.speaker_total += 1
                source_text = " ".join(text[s:e] for s, e in g.source)
                by_name = bool(p.resolved) and p.resolved.split()[-1] in source_text.split()
                c.speaker_ok += _overlaps(p.source, g.source) or by_name
            if g.cue:
                c.cue_total += 1
                c.cue_ok += _overlaps(p.cue, g.cue)
    errors: list[tuple[str, object]] = []
    errors += [("FP", preds[i]) for i in range(len(preds)) if i not in match_p]
    errors += [("FN", golds[j]) for j in range(len(golds)) if j not in match_g]
    return errors


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(counts: dict[str, Counts]) -> None:
    print(
        f"{'types':<22}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'exactR':>8}{'speaker':>9}{'cue':>7}"
    )
    for name, c in counts.items():
        p, r = _ratio(c.pred_matched, c.pred), _ratio(c.gold_matched, c.gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{name:<22}{c.gold:>6}{c.pred:>6}{p:>7.3f}{r:>7.3f}{f1:>7.3f}{_ratio(c.exact, c.gold):>8.3f}"
            f"{_ratio(c.speaker_ok, c.speaker_total):>9.3f}{_ratio(c.cue_ok, c.cue_total):>7.3f}"
        )


def _show(text: str, kind: str, item: object) -> str:
    if isinstance(item, Gold):
        content = " | ".join(text[s:e] for s, e in item.content)
        src = " ".join(text[s:e] for s, e in item.source)
        return f"{kind} {item.type}: [{src}] {content[:160]!r}"
    assert isinstance(item, Pred)
    content = " | ".join(text[s:e] for s, e in item.content)
    src = text[item.source[0] : item.source[1]] if item.source else None
    return f"{kind} {item.type}: [{src}] {content[:160]!r}"


def timing(articles: list[tuple[str, str, list[Gold]]], repeat: int) -> tuple[float, float]:
    segmented = [(text, *segment(text, "en")) for _, text, _ in articles]
    chars = sum(len(t) for t, _, _ in segmented)
    began = time.perf_counter()
    for _ in range(repeat):
        for text, paragraphs, sentences in segmented:
            find_quotes(text, paragraphs, sentences, "en")
    elapsed = (time.perf_counter() - began) / repeat
    return 1000 * elapsed / len(segmented), 1000 * elapsed / chars * 5000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument(
        "--errors", type=int, default=0, help="print N false positives/negatives (not on test)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions")
    args = parser.parse_args(argv)
    if not (args.polnear / "data" / args.split / "attributions").is_dir():
        print(f"no PolNeAR data under {args.polnear}", file=sys.stderr)
        return 2
    articles = load(args.polnear, args.split)
    if args.limit:
        articles = articles[: args.limit]
    subsets = {
        "direct": {"direct"},
        "mixed(partial)": {"mixed"},
        "direct+mixed": {"direct", "mixed"},
        "indirect": {"indirect"},
        "all": {"direct", "mixed", "indirect"},
    }
    counts = {name: Counts() for name in subsets}
    shown = 0
    for _, text, golds in articles:
        preds, _ = predictions(text)
        errors = score_article(text, golds, preds, counts, subsets)
        if args.errors and args.split != "test":
            for kind, item in errors:
                if shown < args.errors:
                    print(_show(text, kind, item))
                    shown += 1
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, "
        f"{sum(len(t) for _, t, _ in articles) / max(1, len(articles)):.0f} characters on average"
    )
    report(counts)
    per_article, per_5k = timing(articles, args.repeat)
    print(f"find_quotes: {per_article:.2f} ms/article, {per_5k:.2f} ms per 5,000 characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
