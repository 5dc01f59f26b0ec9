"""Scoring extraction against annotated corpora: shared by `benchmarks/extraction_quality.py` and
the quality gate `tests/test_extraction_gate.py`. Nothing in the pipeline imports this module.

Corpora are read in place, never copied into the repository. Three formats:

| name | where (env var, else default) | truth |
|---|---|---|
| `trafilatura-eval` | `NEWSETL_CORPUS_TRAFILATURA_EVAL`, `../shared/corpora/trafilatura-eval` | `with` / `without` segments, title, author, date |
| `scrapinghub` | `NEWSETL_CORPUS_AEB`, `/tmp/aeb` | full `articleBody` |
| `readability` | `NEWSETL_CORPUS_READABILITY`, `/tmp/readability` | `expected.html` as text (silver), `expected-metadata.json` |

Metrics:
- text P/R/F1: on `segments` corpora the corpus's own segment matching (each `with` segment found
  in the output is a true positive, each `without` segment found a false positive, micro-summed);
  on `body` corpora the scrapinghub benchmark's shingle matching (4-token shingles of `\\w+`
  tokens, per-page tp/fp/fn normalised to sum 1, precision averaged over pages with output,
  recall over pages with truth, F1 the harmonic mean of the two averages). A page the pipeline
  rejects is scored as empty output.
- leaks: `without` segments found in the output (segments corpora), and short output lines in one
  of five furniture classes (`BOILERPLATE`, every corpus).
- title / author / date: share of annotated pages whose value equals the annotation, ignoring case,
  punctuation spacing and whitespace; authors as a set of names; dates as YYYY-MM-DD.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]

# ../shared from the main checkout; ../../shared from a worktree under /work/wt
_SHARED = next(
    (p for p in (_ROOT.parent / "shared", _ROOT.parent.parent / "shared") if p.is_dir()),
    _ROOT.parent / "shared",
)
CORPORA: dict[str, tuple[str, Path]] = {
    "trafilatura-eval": ("NEWSETL_CORPUS_TRAFILATURA_EVAL", _SHARED / "corpora" / "trafilatura-eval"),
    "scrapinghub": ("NEWSETL_CORPUS_AEB", Path("/tmp/aeb")),
    "readability": ("NEWSETL_CORPUS_READABILITY", Path("/tmp/readability")),
}
READABILITY_URL = "http://fakehost/test/page.html"  # the URL readability's own test runner gives every page


@dataclass(frozen=True, slots=True)
class EvalPage:
    id: str
    url: str | None
    html: str
    truth: dict[str, Any]  # with/without or body; title, author, date when annotated


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    kind: str  # "segments" or "body"
    pages: list[EvalPage]


def corpus_path(name: str) -> Path:
    variable, default = CORPORA[name]
    return Path(os.environ.get(variable) or default)


def missing_reason(name: str) -> str | None:
    """Why a corpus cannot be read here (None when it can)."""
    variable, _default = CORPORA[name]
    path = corpus_path(name)
    marker = path / "test" / "test-pages" if name == "readability" else path / "ground-truth.json"
    if not marker.exists():
        return f"{name} corpus not found at {path} (set {variable}; see benchmarks/README.md)"
    return None


def _decode(body: bytes) -> str:
    from pipeline.sources.charset import decode_html

    return decode_html(body)


def load_corpus(name: str, limit: int | None = None) -> Corpus:
    path = corpus_path(name)
    if name == "readability":
        return Corpus(name, "body", list(_readability_pages(path, limit)))
    truth: dict[str, dict[str, Any]] = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    sample = next(iter(truth.values()), {})
    kind = "segments" if "with" in sample else "body"
    pages: list[EvalPage] = []
    for page_id in sorted(truth)[:limit]:
        file = path / "html" / f"{page_id}.html.gz"
        if not file.is_file():
            continue
        with gzip.open(file, "rb") as handle:
            html = _decode(handle.read())
        annotation = dict(truth[page_id])
        if kind == "body":
            annotation["body"] = annotation.pop("articleBody", "") or ""
        pages.append(EvalPage(page_id, annotation.get("url"), html, annotation))
    return Corpus(name, kind, pages)


def _readability_pages(path: Path, limit: int | None) -> Iterator[EvalPage]:
    from lxml import html as lxml_html

    folders = sorted(p for p in (path / "test" / "test-pages").iterdir() if (p / "source.html").is_file())
    for folder in folders[:limit]:
        expected = lxml_html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
        metadata_file = folder / "expected-metadata.json"
        metadata = json.loads(metadata_file.read_text(encoding="utf-8")) if metadata_file.is_file() else {}
        truth = {
            "body": " ".join(expected.itertext()),
            "title": metadata.get("title"),
            "author": metadata.get("byline"),
            "date": (metadata.get("publishedTime") or "")[:10] or None,
        }
        yield EvalPage(folder.name, READABILITY_URL, _decode((folder / "source.html").read_bytes()), truth)


# --- furniture classes ---------------------------------------------------------------------------
# Short output lines that are page furniture. Phrasings of the furniture itself (a consent banner,
# a sign-up box, a share bar), not every line that mentions the word: an article about cookies,
# newsletters or privacy is not a leak. en/de/fr/es/it/pl/nl.
MAX_FURNITURE_WORDS = 25
_I = re.IGNORECASE
BOILERPLATE: dict[str, re.Pattern[str]] = {
    "newsletter": re.compile(
        r"\bsubscribe\b|\bsubscribing\b|\bsign up (?:for|to) (?:our|the|my) (?:\w+ )?(?:newsletter|e-?mails?|updates|briefing)\b|"
        r"\bin your inbox\b|\bnewsletter\s*$|^\W*newsletter\b|\babonnieren\b|\bnewsletter (?:abonnieren|bestellen)\b|"
        r"\bjetzt (?:abonnieren|anmelden)\b|\babonnez-vous\b|\bs'abonner\b|\blettre d'information\b|"
        r"\bsuscr[ií]bete\b|\bsuscribirse\b|\biscriviti\b|\bzapisz si[eę]\b|"
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
        r"\b(?:we|this (?:web)?site|our (?:web)?site|wir|diese (?:web)?seite|ce site|nous|utilizamos)\b.{0,40}"
        r"\b(?:use|uses|using|verwende\w*|nutz\w*|utilise\w*|utiliza\w*)\b.{0,30}\bcookies\b|"
        r"\b(?:accept|allow|reject|manage|akzeptieren|ablehnen|accepter|refuser|aceptar|rechazar)\b.{0,20}\bcookies\b|"
        r"\bcookies?[- ](?:settings|preferences|consent|einstellungen|hinweis|banner)\b|"
        r"\bcookies?\b.{0,120}\b(?:einwilligung|consent|zustimmung|consentement|consentimiento)\b|"
        r"\b(?:einwilligung|consent|zustimmung|consentement|consentimiento)\b.{0,120}\bcookies?\b|"
        r"^\W*(?:consent|einwilligung|privacy policy|privacy settings|datenschutz(?:erklärung|einstellungen)?|"
        r"accept all|alle akzeptieren|tout accepter|aceptar todo)\W*$|\bdatenschutzeinstellungen\b",
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
    """(class, line) for every short output line matching a furniture class."""
    found = []
    for line in text.splitlines():
        if not line.strip() or len(line.split()) > MAX_FURNITURE_WORDS:
            continue
        found += [(name, line) for name, pattern in BOILERPLATE.items() if pattern.search(line)]
    return found


# --- matching ------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def norm_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def segment_counts(truth: dict[str, Any], text: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one trafilatura-eval page."""
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


def shingle_match(truth: str, prediction: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over shingles, normalised to sum to 1 so every page weighs the same."""
    t, p = shingles(truth), shingles(prediction)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def shingle_scores(matches: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, f1): precision over pages with output, recall over pages with truth."""
    precisions = [page_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [page_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _plain(value: object) -> str:
    text = str(value).casefold()
    text = re.sub(r"[‘’´`]", "'", re.sub(r"[“”„«»]", '"', text))
    return norm_ws(re.sub(r"\s+([,.:;!?])", r"\1", text))


def _names(value: object) -> frozenset[str]:
    # authors compare as a set of names, whatever the separator ("; ", ", ", " and ")
    parts = re.split(
        r"\s*(?:;|,|&|\band\b|\bund\b)\s*", _plain("; ".join(value) if isinstance(value, list) else value)
    )
    return frozenset(n for n in parts if n)


def same_value(field_name: str, predicted: object, annotated: object) -> bool:
    if field_name == "author":
        return _names(predicted or "") == _names(annotated)
    return _plain(predicted or "") == _plain(annotated)


# --- running a configuration over a corpus ---------------------------------------------------------

Output = tuple[str, dict[str, Any]]  # (text, metadata: title, author, date, extraction path)
Runner = Callable[[str, str | None], Output]
METADATA_FIELDS = ("title", "author", "date")


class Rejected(Exception):
    """The configuration refused the page (newsetl's NotArticle): scored as empty output."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


@dataclass
class Score:
    """One configuration on one corpus."""

    kind: str
    pages: int = 0
    seconds: list[float] = field(default_factory=list)
    segments: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # tp fp fn tn
    shingle: list[tuple[float, float, float]] = field(default_factory=list)
    boiler: Counter[str] = field(default_factory=Counter)
    boiler_examples: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str, str]] = field(default_factory=list)  # page id, reason, detail
    errors: int = 0
    meta_hits: Counter[str] = field(default_factory=Counter)
    meta_total: Counter[str] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)
    per_page_recall: dict[str, float] = field(default_factory=dict)
    page_ids: list[str] = field(default_factory=list)  # in scoring order (aligned with `shingle`)

    @property
    def prf(self) -> tuple[float, float, float]:
        if self.kind == "segments":
            tp, fp, fn, _tn = self.segments
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            return p, r, (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
        return shingle_scores(self.shingle)

    @property
    def leaked_segments(self) -> int | None:
        return self.segments[1] if self.kind == "segments" else None

    @property
    def boilerplate(self) -> int:
        return sum(self.boiler.values())

    def accuracy(self, field_name: str) -> float | None:
        total = self.meta_total[field_name]
        return self.meta_hits[field_name] / total if total else None

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds) if self.seconds else float("nan")


def score_page(score: Score, page: EvalPage, text: str, metadata: dict[str, Any]) -> None:
    score.pages += 1
    score.page_ids.append(page.id)
    if score.kind == "segments":
        counts = segment_counts(page.truth, text)
        for index, value in enumerate(counts):
            score.segments[index] += value
        score.per_page_recall[page.id] = counts[0] / max(1, len(page.truth["with"]))
        out = norm_ws(text)
        score.boiler_examples += [
            (page.id, f"[without leaked] {s}") for s in page.truth["without"] if norm_ws(s) in out
        ]
    else:
        match = shingle_match(page.truth.get("body") or "", text)
        score.shingle.append(match)
        score.per_page_recall[page.id] = page_recall(*match)
    found = boilerplate_lines(text)
    score.boiler.update(name for name, _line in found)
    score.boiler_examples += [(page.id, f"[{name}] {line}") for name, line in found]
    for key in METADATA_FIELDS:  # every configuration returns metadata; a rejected page misses every field
        if page.truth.get(key):
            score.meta_total[key] += 1
            score.meta_hits[key] += bool(metadata) and same_value(key, metadata.get(key), page.truth[key])
    if metadata.get("path"):
        score.paths[metadata["path"]] += 1


def article_length_prf(
    score: Score, corpus: Corpus, min_words: int
) -> tuple[int, tuple[float, float, float]]:
    """(pages, P/R/F1) of a `body` corpus restricted to pages whose truth has `min_words` words or
    more: what is left when the pages the project's minimum rejects by contract are set aside."""
    long_enough = {p.id for p in corpus.pages if len((p.truth.get("body") or "").split()) >= min_words}
    matches = [m for page_id, m in zip(score.page_ids, score.shingle, strict=True) if page_id in long_enough]
    return len(matches), shingle_scores(matches)


def run_corpus(runner: Runner, corpus: Corpus) -> Score:
    score = Score(corpus.kind)
    for page in corpus.pages:
        text, metadata, seconds, refusal, error = _run_page(runner, page.html, page.url)
        _record(score, page, text, metadata, seconds, refusal, error)
    return score


def run_newsetl_parallel(corpus: Corpus, workers: int = 2) -> Score:
    """newsetl over a corpus in `workers` spawned processes (the quality gate's one pass); the
    pages are scored in order in this process, so the result equals `run_corpus`'s."""
    import multiprocessing

    score = Score(corpus.kind)
    jobs = [(page.html, page.url) for page in corpus.pages]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        for page, result in zip(corpus.pages, pool.imap(_newsetl_page, jobs, chunksize=8), strict=True):
            _record(score, page, *result)
    return score


_NEWSETL: Runner | None = None


def _newsetl_page(job: tuple[str, str | None]) -> tuple[str, dict[str, Any], float, Rejected | None, bool]:
    global _NEWSETL
    if _NEWSETL is None:
        _NEWSETL = newsetl_runner()
    return _run_page(_NEWSETL, *job)


def _run_page(
    runner: Runner, html: str, url: str | None
) -> tuple[str, dict[str, Any], float, Rejected | None, bool]:
    """(text, metadata, seconds, refusal, crashed) of one page."""
    started = time.perf_counter()
    try:
        text, metadata = runner(html, url)
        return text, metadata, time.perf_counter() - started, None, False
    except Rejected as refusal:
        return "", {}, time.perf_counter() - started, refusal, False
    except Exception:  # a crash is a full miss, as the scrapinghub benchmark scores it
        return "", {}, time.perf_counter() - started, None, True


def _record(
    score: Score,
    page: EvalPage,
    text: str,
    metadata: dict[str, Any],
    seconds: float,
    refusal: Rejected | None,
    error: bool,
) -> None:
    if refusal is not None:
        score.rejected.append((page.id, refusal.reason, refusal.detail))
    score.errors += error
    score.seconds.append(seconds)
    score_page(score, page, text, metadata)


def newsetl_runner() -> Runner:
    from pipeline.extract import NotArticle, extract_html

    def run(html: str, url: str | None) -> Output:
        try:
            extracted = extract_html(html, url)
        except NotArticle as refusal:
            raise Rejected(refusal.reason, refusal.detail) from refusal
        date = extracted.published_at.date().isoformat() if extracted.published_at else None
        return extracted.text, {
            "title": extracted.title,
            "author": extracted.authors,
            "date": date,
            "path": extracted.extraction,
        }

    return run


def bare_runner(**options: Any) -> Runner:
    """trafilatura alone with metadata (its text is extract()'s; comments appended when kept)."""
    from trafilatura import bare_extraction

    def run(html: str, url: str | None) -> Output:
        document = bare_extraction(html, url=url, with_metadata=True, **options)
        if document is None:
            return "", {}
        text = document.text or ""
        if options.get("include_comments", True) and document.comments:
            text = f"{text}\n{document.comments}"
        return text, {
            "title": document.title,
            "author": document.author,
            "date": (document.date or "")[:10] or None,
        }

    return run
