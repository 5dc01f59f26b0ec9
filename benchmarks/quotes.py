"""Quality and cost of `pipeline.quotes` and `pipeline.citations`.

    .venv/bin/python benchmarks/quotes.py --polnear /tmp/PolNeAR --split dev
    .venv/bin/python benchmarks/quotes.py --set tests/fixtures/attribution --split dev [--errors 40]
    .venv/bin/python benchmarks/quotes.py --cost /tmp/aeb [--limit 100]

**PolNeAR** (github.com/networkdynamics/PolNeAR) is read in place and never copied:
`data/<split>/text/<article>.txt` holds the raw article, and
`data/<split>/attributions/<article>_<annotator>.ann` BRAT standoff lines:
`T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>` with Label in
Source/Cue/Content, and `E<n>\\tAttribution:T.. Source:T.. Cue:T.. Content:T..`
(or `Attribution-no-source`). An article annotated by several annotators is
scored against the first annotation file in name order. Gold type, from the
content span: *direct* if it opens with a quote mark and its last quote mark
closes at its end, *mixed* if it holds a quote mark otherwise, *indirect* if
none. Predicted types map direct->direct, partial->mixed, indirect->indirect;
the rows of one split quote (same group) form one predicted attribution, as
PolNeAR annotates them with one discontinuous content. Matching is
`pipeline.quotes.scoring.match_one_to_one` (word tokens, shared >= half of the
longer span, one-to-one). For a subset of types, precision counts the
predictions of those types that match any gold attribution and recall the gold
ones of those types that any prediction matches. *exactR*: matched gold whose
word tokens equal the prediction's. Speaker accuracy, over matched pairs whose
gold has a source: the predicted speaker overlaps the gold source span, or the
resolved name's last word is in it. Cue accuracy: the predicted cue overlaps
the gold cue span.

**The annotated set** (`tests/fixtures/attribution`, one split): per language,
quote P/R/F1, speaker accuracy (`speaker_resolved`) and type accuracy over
matched quotes (`pipeline.quotes.scoring`), citations P/R/F1 over (source name,
kind) pairs (`pipeline.citations.scoring`).

**Cost** (`--cost`, a corpus directory with `html/*.html.gz`, e.g. the
scrapinghub article-extraction-benchmark at /tmp/aeb): per page, the median
milliseconds of `pipeline.extract.extract_html`, and of `find_quotes` and
`find_citations` on its output (segmentation is its own step, not counted).
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.citations import find_citations
from pipeline.citations.scoring import CitationScore, score_citations
from pipeline.model import Link
from pipeline.quotes import find_attributions, find_quotes
from pipeline.quotes.scoring import (
    AnnotatedArticle,
    QuoteError,
    QuoteScore,
    WordIndex,
    load_set,
    match_one_to_one,
    score_quotes,
)
from pipeline.segment import segment

Span = tuple[int, int]
_MARKS = set('"“”„«»‹›')
_TYPE_OF_PRED = {"direct": "direct", "partial": "mixed", "indirect": "indirect"}
LANGUAGES = ("en", "de", "fr", "es")


# --- PolNeAR --------------------------------------------------------------------------------------


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


def load_polnear(root: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
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


def predictions(text: str) -> list[Pred]:
    """One prediction per attribution unit: the parts of a split quote together, and a reported
    clause with the quoted words inside it as one *mixed* attribution over the whole clause (as
    PolNeAR annotates content)."""
    paragraphs, sentences = segment(text, "en")
    units: dict[int, Pred] = {}
    for f in find_attributions(text, paragraphs, sentences, "en"):
        content = f.content or (f.start, f.end)
        pred = units.get(f.unit)
        if pred is None:
            units[f.unit] = Pred(
                [content], f.speaker_span, f.cue_span, _TYPE_OF_PRED[f.type], f.speaker_resolved
            )
            continue
        if content not in pred.content:
            pred.content.append(content)
        if f.type == "partial" or (pred.type != _TYPE_OF_PRED[f.type]):
            pred.type = "mixed"
    return list(units.values())


def _overlaps(span: Span | None, spans: list[Span]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in spans)


def _count_polnear_pair(c: Counts, text: str, g: Gold, p: Pred, same_words: bool) -> None:
    c.gold_matched += 1
    c.exact += same_words
    if g.source:
        c.speaker_total += 1
        source_text = " ".join(text[s:e] for s, e in g.source)
        by_name = bool(p.resolved) and p.resolved.split()[-1] in source_text.split()
        c.speaker_ok += _overlaps(p.source, g.source) or by_name
    if g.cue:
        c.cue_total += 1
        c.cue_ok += _overlaps(p.cue, g.cue)


def score_polnear_article(
    text: str, golds: list[Gold], preds: list[Pred], counts: dict[str, Counts], subsets: dict[str, set[str]]
) -> list[tuple[str, object]]:
    index = WordIndex(text)
    gold_tokens = [index.tokens(g.content) for g in golds]
    pred_tokens = [index.tokens(p.content) for p in preds]
    match_p = match_one_to_one(pred_tokens, gold_tokens)
    match_g = {j: i for i, j in match_p.items()}
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
            if j in match_g:
                i = match_g[j]
                _count_polnear_pair(c, text, g, preds[i], pred_tokens[i] == gold_tokens[j])
    errors: list[tuple[str, object]] = []
    errors += [("FP", preds[i]) for i in range(len(preds)) if i not in match_p]
    errors += [("FN", golds[j]) for j in range(len(golds)) if j not in match_g]
    return errors


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report_polnear(counts: dict[str, Counts]) -> None:
    print(
        f"{'types':<22}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'exactR':>8}{'speaker':>9}{'cue':>7}"
    )
    for name, c in counts.items():
        p, r = _ratio(c.pred_matched, c.pred), _ratio(c.gold_matched, c.gold)
        print(
            f"{name:<22}{c.gold:>6}{c.pred:>6}{p:>7.3f}{r:>7.3f}{_f1(p, r):>7.3f}{_ratio(c.exact, c.gold):>8.3f}"
            f"{_ratio(c.speaker_ok, c.speaker_total):>9.3f}{_ratio(c.cue_ok, c.cue_total):>7.3f}"
        )


def _show(text: str, kind: str, item: object) -> str:
    content = " | ".join(text[s:e] for s, e in item.content)  # type: ignore[attr-defined]
    if isinstance(item, Gold):
        src = " ".join(text[s:e] for s, e in item.source)
    else:
        assert isinstance(item, Pred)
        src = text[item.source[0] : item.source[1]] if item.source else None
    return f"{kind} {item.type}: [{src}] {content[:160]!r}"  # type: ignore[attr-defined]


def timing(texts: Sequence[str], repeat: int) -> tuple[float, float]:
    segmented = [(text, *segment(text, "en")) for text in texts]
    chars = sum(len(t) for t, _, _ in segmented)
    began = time.perf_counter()
    for _ in range(repeat):
        for text, paragraphs, sentences in segmented:
            find_quotes(text, paragraphs, sentences, "en")
    elapsed = (time.perf_counter() - began) / repeat
    return 1000 * elapsed / len(segmented), 1000 * elapsed / chars * 5000


def run_polnear(args: argparse.Namespace) -> int:
    if not (args.polnear / "data" / args.split / "attributions").is_dir():
        print(f"no PolNeAR data under {args.polnear}", file=sys.stderr)
        return 2
    articles = load_polnear(args.polnear, args.split)
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
        errors = score_polnear_article(text, golds, predictions(text), counts, subsets)
        if args.errors and args.split != "test":
            for kind, item in errors:
                if shown < args.errors:
                    print(_show(text, kind, item))
                    shown += 1
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, "
        f"{sum(len(t) for _, t, _ in articles) / max(1, len(articles)):.0f} characters on average"
    )
    report_polnear(counts)
    per_article, per_5k = timing([t for _, t, _ in articles], args.repeat)
    print(f"find_quotes: {per_article:.2f} ms/article, {per_5k:.2f} ms per 5,000 characters")
    return 0


# --- the annotated set -------------------------------------------------------------------------


def _links(article: AnnotatedArticle) -> list[Link]:
    out = []
    for url, anchor in article.links:
        start = article.text.find(anchor) if anchor else -1
        out.append(Link(url, anchor, *((start, start + len(anchor)) if start >= 0 else (None, None))))
    return out


def score_annotated(article: AnnotatedArticle) -> tuple[QuoteScore, list[QuoteError], CitationScore]:
    text = article.text
    paragraphs, sentences = segment(text, article.language)
    quotes = find_quotes(text, paragraphs, sentences, article.language)
    rows = find_citations(text, _links(article), article.url, article.language)
    quote_score, errors = score_quotes(text, article.quotes, quotes)
    citations = score_citations(rows, article.citations, forbidden=article.forbidden_citations)
    return quote_score, errors, citations


def run_set(args: argparse.Namespace) -> int:
    by_language = load_set(args.set, args.split)
    if not by_language:
        print(f"no annotated articles of split {args.split!r} under {args.set}", file=sys.stderr)
        return 2
    header = (
        f"{'lang':<6}{'docs':>5}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}{'type':>7}"
        f"{'cit.gold':>10}{'cit.P':>7}{'cit.R':>7}{'cit.F1':>8}{'forbid':>8}"
    )
    print(f"annotated set {args.set} — split {args.split}")
    print(header)
    all_quotes, all_citations = QuoteScore(), CitationScore()
    shown = 0
    for language in sorted(by_language, key=lambda lang: (lang not in LANGUAGES, lang)):
        quotes, citations = QuoteScore(), CitationScore()
        for article in by_language[language]:
            q, errors, c = score_annotated(article)
            quotes += q
            citations += c
            if args.errors and args.split != "test":
                for error in [
                    *errors,
                    *(QuoteError(f"cit.{k}", f"{n} ({kind})") for k, (n, kind) in c.errors),
                ]:
                    if shown < args.errors:
                        print(f"  {article.id} {error.kind}: {error.text[:120]!r} {error.detail}")
                        shown += 1
            for problem in article.problems:
                print(f"  {article.id}: gold quote not found in the text: {problem[:80]!r}", file=sys.stderr)
        all_quotes += quotes
        all_citations += citations
        _print_set_row(language, len(by_language[language]), quotes, citations)
    _print_set_row("all", sum(map(len, by_language.values())), all_quotes, all_citations)
    return 0


def _print_set_row(name: str, docs: int, q: QuoteScore, c: CitationScore) -> None:
    print(
        f"{name:<6}{docs:>5}{q.gold:>6}{q.predicted:>6}{q.precision:>7.3f}{q.recall:>7.3f}{q.f1:>7.3f}"
        f"{q.speaker_accuracy:>9.3f}{q.type_accuracy:>7.3f}"
        f"{c.gold:>10}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>8.3f}{c.forbidden_hits:>8}"
    )


# --- cost ----------------------------------------------------------------------------------------


def run_cost(args: argparse.Namespace) -> int:
    from pipeline.extract import NotArticle, extract_html
    from pipeline.sources.charset import decode_html

    pages = sorted((args.cost / "html").glob("*.html.gz"))
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"no html/*.html.gz under {args.cost}", file=sys.stderr)
        return 2
    extract_ms, quotes_ms, citations_ms = [], [], []
    for path in pages:
        html = decode_html(gzip.decompress(path.read_bytes()))
        began = time.process_time()  # CPU time: the machine may be shared
        try:
            extracted = extract_html(html, None)
        except NotArticle:
            continue
        extract_ms.append(1000 * (time.process_time() - began))
        paragraphs, sentences = segment(extracted.text, extracted.language)
        began = time.process_time()
        find_quotes(extracted.text, paragraphs, sentences, extracted.language)
        quotes_ms.append(1000 * (time.process_time() - began))
        began = time.process_time()
        find_citations(extracted.text, extracted.links, None, extracted.language)
        citations_ms.append(1000 * (time.process_time() - began))
    both = [q + c for q, c in zip(quotes_ms, citations_ms, strict=True)]
    print(f"{len(extract_ms)} pages of {args.cost} (median CPU ms/article; mean in brackets)")
    for name, values in (
        ("extract", extract_ms),
        ("quotes", quotes_ms),
        ("citations", citations_ms),
        ("quotes+citations", both),
    ):
        print(f"{name:<18}{statistics.median(values):>9.2f}  ({statistics.fmean(values):.2f})")
    per_article = statistics.median(b / e for b, e in zip(both, extract_ms, strict=True) if e > 0)
    print(
        f"quotes+citations / extract: {100 * statistics.median(both) / statistics.median(extract_ms):.1f} % "
        f"(medians), {100 * per_article:.1f} % (median of per-article ratios), "
        f"{100 * statistics.fmean(both) / statistics.fmean(extract_ms):.1f} % (means)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--polnear", type=Path, help="a checkout of networkdynamics/PolNeAR")
    source.add_argument("--set", type=Path, help="the annotated set, e.g. tests/fixtures/attribution")
    source.add_argument("--cost", type=Path, help="a corpus directory with html/*.html.gz")
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles or pages")
    parser.add_argument("--errors", type=int, default=0, help="print N errors (never on the test split)")
    parser.add_argument("--repeat", type=int, default=3, help="PolNeAR timing repetitions")
    args = parser.parse_args(argv)
    if args.polnear is not None:
        return run_polnear(args)
    if args.set is not None:
        return run_set(args)
    return run_cost(args)


if __name__ == "__main__":
    raise SystemExit(main())
