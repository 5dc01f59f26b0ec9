"""Extraction quality: bare trafilatura configurations vs newsetl's extractor on real news pages.

    .venv/bin/python benchmarks/extraction_quality.py --corpus DIR [--limit N] [--configs a,b]

Corpus format is detected from ground-truth.json:
- "segments" (trafilatura-eval): each page lists `with` segments that must be in the text and
  `without` segments (boilerplate) that must not; whitespace-normalised substring matching,
  micro-summed P/R/F1/accuracy over all segments.
- "body" (scrapinghub article-extraction-benchmark): the full `articleBody`; shingle P/R/F1 as
  that benchmark defines them (4-gram shingles of \\w+ tokens, multiset counts, per-document
  tp/fp/fn normalised to sum 1, precision averaged over pages with output, recall over pages
  with truth, F1 = harmonic mean of the two averages), plus exact-token accuracy.
Both corpora also get a boilerplate-line count per class (regexes below) and the median time.
Every configuration receives the same decoded string. A page newsetl rejects (NotArticle)
counts as empty output and is listed.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from _common import Corpus, Page, decode, decoder_name, load_corpus, median, print_table

# --- configurations -----------------------------------------------------------------------------

Result = tuple[str, dict[str, Any]]  # (text, metadata: title/date/author when the config has them)
Runner = Callable[[str, str | None], Result]


class Rejected(Exception):
    """newsetl said not-an-article: scored as empty output."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def _bare(**options: Any) -> Runner:
    import trafilatura

    def run(html: str, url: str | None) -> Result:
        return trafilatura.extract(html, url=url, **options) or "", {}

    return run


def _bare_with_metadata(**options: Any) -> Runner:
    # bare_extraction: the text is identical to extract()'s, without the metadata header
    from trafilatura import bare_extraction

    def run(html: str, url: str | None) -> Result:
        doc = bare_extraction(html, url=url, with_metadata=True, **options)
        if doc is None:
            return "", {}
        return doc.text or "", {"title": doc.title, "date": doc.date, "author": doc.author}

    return run


def _newsetl() -> Runner:
    from pipeline.extract import NotArticle, extract_html

    def run(html: str, url: str | None) -> Result:
        try:
            ex = extract_html(html, url)
        except NotArticle as exc:
            reason, detail = [*exc.args, "", ""][:2]
            raise Rejected(str(getattr(exc, "reason", reason)), str(getattr(exc, "detail", detail))) from exc
        date = ex.published_at.date().isoformat() if ex.published_at else None
        return ex.text or "", {"title": ex.title, "date": date, "author": "; ".join(ex.authors) or None}

    return run


PRECISE = {"include_comments": False, "favor_precision": True}
CONFIGS: dict[str, tuple[str, Callable[[], Runner]]] = {
    "default": ("trafilatura.extract() defaults (comments kept)", lambda: _bare()),
    "no_comments": ("include_comments=False", lambda: _bare(include_comments=False)),
    "precision": ("include_comments=False, favor_precision=True", lambda: _bare(**PRECISE)),
    "precision+meta": (
        "precision + with_metadata=True (bare_extraction)",
        lambda: _bare_with_metadata(**PRECISE),
    ),
    "precision+fast": ("precision + fast=True", lambda: _bare(fast=True, **PRECISE)),
    "newsetl": ("pipeline.extract.extract_html (text + metadata)", _newsetl),
}

# --- boilerplate classes ------------------------------------------------------------------------
# Lines of output that look like page furniture. Only short lines are tested (furniture is short;
# a long paragraph mentioning "newsletter" is usually article prose). en/de/fr/es/it/pl/nl.
MAX_FURNITURE_WORDS = 25
_I = re.IGNORECASE
BOILERPLATE: dict[str, re.Pattern[str]] = {
    "newsletter": re.compile(
        r"\bnewsletter\b|\bsubscribe\b|\bsign up (?:for|to) (?:our|the|my) (?:\w+ )?(?:newsletter|e-?mails?|updates|briefing)\b|"
        r"\bin your inbox\b|\babonnieren\b|"
        r"\bjetzt (?:abonnieren|anmelden)\b|\babonnez-vous\b|\bs'abonner\b|\blettre d'information\b|"
        r"\bsuscr[ií]bete\b|\bsuscribirse\b|\bbolet[ií]n\b|\biscriviti\b|\bzapisz si[eę]\b|"
        r"\bsubskrybuj\b|\bnieuwsbrief\b|\babonneer\b",
        _I,
    ),
    "comments": re.compile(
        r"^\s*\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|komentarz\w*|reacties)\b|"
        r"\b(?:leave|post|add|write) a (?:comment|reply)\b|\blogged in to (?:post a )?comment\b|"
        r"^\s*(?:reply|antworten|répondre|responder|rispondi|odpowiedz)\s*$|"
        r"\bkommentar (?:schreiben|verfassen)\b|\bkommentare? (?:anzeigen|lesen)\b|"
        r"\blaisser un commentaire\b|\bdeja (?:un|tu) comentario\b|\blascia un commento\b|"
        r"\bdodaj komentarz\b|\bcomments? (?:are )?closed\b|\bkeine kommentare\b",
        _I,
    ),
    "related": re.compile(
        r"\brelated (?:stories|articles?|posts?|content|news|coverage|reading)\b|^\s*read more\b|"
        r"\b(?:you|we) (?:may|might) also (?:like|enjoy)\b|\brecommended (?:for you|stories|articles)\b|"
        r"^\s*(?:see also|more from|more on this|also read)\b|^\s*(?:weiterlesen|mehr zum thema)\b|"
        r"\bdas könnte sie auch interessieren\b|\bähnliche (?:artikel|beiträge)\b|"
        r"^\s*(?:à )?lire (?:aussi|également|la suite)\b|^\s*voir aussi\b|^\s*lee (?:también|más)\b|"
        r"^\s*leer más\b|\bnoticias relacionadas\b|\bte puede interesar\b|^\s*leggi anche\b|"
        r"^\s*czytaj (?:też|także|więcej|dalej)\b|^\s*zobacz (?:też|także)\b|^\s*lees (?:ook|meer)\b",
        _I,
    ),
    "cookie": re.compile(
        r"\bcookies?\b|\bconsent\b|\bdatenschutzeinstellungen\b|\beinwilligung\b|\bconsentement\b|"
        r"\bconsentimiento\b|\bprivacy (?:policy|settings)\b|\baccept all\b|\balle akzeptieren\b",
        _I,
    ),
    "share": re.compile(
        r"^\s*(?:share|tweet|teilen|partager|compartir|condividi|udostępnij|delen)\b|"
        r"\bshare (?:this|on|via)\b|\b(?:auf|on|sur|en) (?:facebook|twitter|whatsapp|linkedin|x) "
        r"(?:teilen|share|partager|compartir)\b|\bpin it\b|^\s*(?:e-?mail|print) this\b|"
        r"^\s*(?:facebook|twitter|whatsapp|linkedin|pinterest|e-?mail|drucken|print)"
        r"(?:\s*[|/·,]?\s*(?:facebook|twitter|whatsapp|linkedin|pinterest|e-?mail|drucken|print))+\s*$",
        _I,
    ),
}


def boilerplate_lines(text: str) -> list[tuple[str, str]]:
    """(class, line) for every short output line matching a boilerplate class."""
    found = []
    for line in text.splitlines():
        if not line.strip() or len(line.split()) > MAX_FURNITURE_WORDS:
            continue
        found += [(name, line) for name, pattern in BOILERPLATE.items() if pattern.search(line)]
    return found


# --- metrics ------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def norm_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def segment_counts(truth: dict[str, Any], text: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one trafilatura-eval page."""
    out = norm_ws(text)
    tp = sum(1 for s in truth["with"] if norm_ws(s) in out)
    fp = sum(1 for s in truth["without"] if norm_ws(s) in out)
    return tp, fp, len(truth["with"]) - tp, len(truth["without"]) - fp


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n is one shingle (as the benchmark does)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_match(truth: str, pred: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over shingles, normalised to sum to 1 so every page weighs the same."""
    t, p = shingles(truth), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def shingle_scores(matches: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, f1): precision over pages with output, recall over pages with truth."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- running ------------------------------------------------------------------------------------


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    seg: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # tp fp fn tn
    shingle: list[tuple[float, float, float]] = field(default_factory=list)
    exact: int = 0
    empty: int = 0
    errors: int = 0
    boiler: Counter[str] = field(default_factory=Counter)
    boiler_pages: int = 0
    rejected: list[tuple[str, str | None, str, str]] = field(default_factory=list)
    meta_hits: Counter[str] = field(default_factory=Counter)
    meta_total: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (page id, matched line) for --show
    per_page: dict[str, str] = field(default_factory=dict)  # page id -> its score, shown beside rejections


def score_page(tally: Tally, kind: str, page: Page, text: str, meta: dict[str, Any]) -> None:
    if not text.strip():
        tally.empty += 1
    if kind == "segments":
        counts = segment_counts(page.truth, text)
        for i, v in enumerate(counts):
            tally.seg[i] += v
        tally.per_page[page.id] = f"{counts[0]}/{len(page.truth['with'])} with"
        _score_metadata(tally, page.truth, meta)
    else:
        body = page.truth.get("articleBody") or ""
        tally.shingle.append(shingle_match(body, text))
        tally.per_page[page.id] = f"R {_recall(*tally.shingle[-1]):.2f}"
        tally.exact += _TOKEN.findall(body) == _TOKEN.findall(text)
    found = boilerplate_lines(text)
    tally.boiler.update(name for name, _ in found)
    tally.boiler_pages += bool(found)
    tally.examples += [(page.id, f"[{name}] {line}") for name, line in found]
    if kind == "segments":
        out = norm_ws(text)
        tally.examples += [
            (page.id, f"[without leaked] {s}") for s in page.truth["without"] if norm_ws(s) in out
        ]


def _score_metadata(tally: Tally, truth: dict[str, Any], meta: dict[str, Any]) -> None:
    if not meta:
        return
    for key in ("title", "date", "author"):
        if truth.get(key):
            tally.meta_total[key] += 1
            same = _names if key == "author" else _plain
            tally.meta_hits[key] += same(meta.get(key) or "") == same(truth[key])


def _plain(value: object) -> str:
    return norm_ws(str(value)).casefold()


def _names(value: object) -> frozenset[str]:
    # authors compare as a set of names, whatever the separator ("; ", ", ", " and ")
    return frozenset(n for n in re.split(r"\s*(?:;|,|&|\band\b|\bund\b)\s*", _plain(value)) if n)


def run_config(runner: Runner, corpus: Corpus, htmls: list[str]) -> Tally:
    tally = Tally()
    for page, html in zip(corpus.pages, htmls, strict=True):
        started = time.perf_counter()
        meta: dict[str, Any] = {}
        try:
            text, meta = runner(html, page.url)
        except Rejected as exc:
            text = ""
            tally.rejected.append((page.id, page.url, exc.reason, exc.detail))
        except Exception as exc:  # a crash is a full miss, as upstream scores it
            text = ""
            tally.errors += 1
            print(f"  error on {page.id}: {type(exc).__name__}: {exc}")
        tally.seconds.append(time.perf_counter() - started)
        score_page(tally, corpus.kind, page, text, meta)
    return tally


def report(corpus: Corpus, tallies: dict[str, Tally], show: list[str]) -> None:
    n = len(corpus.pages)
    if corpus.kind == "segments":
        rows = []
        for name, t in tallies.items():
            tp, fp, fn, tn = t.seg
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
            acc = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
            rows.append(
                [name, p, r, f1, acc, f"{fp}/{fp + tn}", t.empty, len(t.rejected), 1000 * median(t.seconds)]
            )
        headers = ["config", "P", "R", "F1", "acc", "without leaked", "empty", "rejected", "ms/doc (median)"]
        print_table(headers, rows, f"Segment matching on {corpus.name} ({n} pages)")
        meta_rows = [
            [name]
            + [
                t.meta_hits[k] / t.meta_total[k] if t.meta_total[k] else float("nan")
                for k in ("title", "date", "author")
            ]
            for name, t in tallies.items()
            if t.meta_total
        ]
        if meta_rows:
            print_table(
                ["config", "title exact", "date exact", "authors (as set)"],
                meta_rows,
                "Metadata vs annotation (case/whitespace-insensitive equality)",
            )
    else:
        rows = []
        for name, t in tallies.items():
            p, r, f1 = shingle_scores(t.shingle)
            rows.append(
                [
                    name,
                    p,
                    r,
                    f1,
                    t.exact / n if n else 0.0,
                    t.empty,
                    len(t.rejected),
                    1000 * median(t.seconds),
                ]
            )
        headers = ["config", "P", "R", "F1", "exact acc", "empty", "rejected", "ms/doc (median)"]
        print_table(headers, rows, f"Shingle matching on {corpus.name} ({n} pages)")

    classes = list(BOILERPLATE)
    rows = [
        [name, *(t.boiler[c] for c in classes), sum(t.boiler.values()), t.boiler_pages]
        for name, t in tallies.items()
    ]
    print_table(
        ["config", *classes, "total lines", "pages hit"],
        rows,
        f"Boilerplate lines in output (lines <= {MAX_FURNITURE_WORDS} words matching each class)",
    )

    for name in show:
        if name in tallies:
            print(
                f"\n{name}: boilerplate lines and leaked 'without' segments ({len(tallies[name].examples)}):"
            )
            for page_id, line in tallies[name].examples:
                print(f"  {page_id}  {line[:160]}")

    for name, t in tallies.items():
        if t.rejected:
            ref = "precision" if "precision" in tallies else next(iter(tallies))
            print(
                f"\n{name} rejected {len(t.rejected)} page(s) as not-an-article (scored as empty); "
                f"'truth' = words of the annotated body, '{ref}' = that config's score on the page "
                "(what the rejection cost):"
            )
            truth = {p.id: p.truth for p in corpus.pages}
            for page_id, url, reason, detail in t.rejected:
                words = len(
                    (truth[page_id].get("articleBody") or " ".join(truth[page_id].get("with", []))).split()
                )
                score = tallies[ref].per_page.get(page_id, "")
                print(
                    f"  {page_id[:16]}  truth {words:>4}w  {score:>9}  {reason:<11} {detail[:55]:<55}  {url}"
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="dir with html/<id>.html.gz and ground-truth.json")
    ap.add_argument("--limit", type=int, default=None, help="first N pages (sorted by id)")
    ap.add_argument("--configs", default=",".join(CONFIGS), help=f"comma list from {','.join(CONFIGS)}")
    ap.add_argument(
        "--show", default="", help="comma list of configs whose matched boilerplate lines to print"
    )
    args = ap.parse_args(argv)

    corpus = load_corpus(args.corpus, args.limit)
    print(f"corpus {args.corpus}: {len(corpus.pages)} pages, format={corpus.kind}; decoder: {decoder_name()}")
    htmls = [decode(page.raw()) for page in corpus.pages]
    tallies: dict[str, Tally] = {}
    for name in [c.strip() for c in args.configs.split(",") if c.strip()]:
        if name not in CONFIGS:
            ap.error(f"unknown config {name!r}")
        label, make = CONFIGS[name]
        try:
            runner = make()
        except ImportError as exc:
            print(f"skip {name}: {exc}")
            continue
        print(f"running {name:<15} {label}", flush=True)
        tallies[name] = run_config(runner, corpus, htmls)
    report(corpus, tallies, [c.strip() for c in args.show.split(",") if c.strip()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
