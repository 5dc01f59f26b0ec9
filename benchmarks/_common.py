"""Helpers shared by the benchmarks: corpus loading, decoding, tables, timing.

The benchmarks are scripts (`python benchmarks/x.py`), not part of the package;
this module puts the project root on `sys.path` so `pipeline` imports work.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: raw bytes as stored, plus its annotation."""

    id: str
    url: str | None
    path: Path
    truth: dict[str, Any]

    def raw(self) -> bytes:
        with gzip.open(self.path, "rb") as f:
            return f.read()


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    kind: str  # "segments" (trafilatura-eval with/without) or "body" (scrapinghub articleBody)
    pages: list[Page]


def load_corpus(directory: str | Path, limit: int | None = None) -> Corpus:
    """Read a corpus dir holding html/<id>.html.gz and ground-truth.json; detect its format."""
    root = Path(directory)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file() or not (root / "html").is_dir():
        raise SystemExit(f"{root}: expected ground-truth.json and html/ (see benchmarks/README.md)")
    truth: dict[str, dict[str, Any]] = json.loads(truth_path.read_text(encoding="utf-8"))
    kind = _detect_kind(truth)
    pages = []
    for page_id in sorted(truth):
        path = root / "html" / f"{page_id}.html.gz"
        if path.is_file():
            pages.append(Page(page_id, truth[page_id].get("url"), path, truth[page_id]))
    if limit:
        pages = pages[:limit]
    return Corpus(root.name, kind, pages)


def _detect_kind(truth: dict[str, dict[str, Any]]) -> str:
    sample = next(iter(truth.values()), {})
    if "with" in sample and "without" in sample:
        return "segments"
    if "articleBody" in sample:
        return "body"
    raise SystemExit("unknown ground-truth format: neither with/without segments nor articleBody")


def decoder_name() -> str:
    try:
        from pipeline.sources.charset import decode_html  # noqa: F401
    except ImportError:
        return "trafilatura.utils.decode_file (fallback: pipeline.sources.charset missing)"
    return "pipeline.sources.charset.decode_html"


def decode(body: bytes, content_type: str | None = None) -> str:
    """Decode page bytes the way the pipeline does (falls back to trafilatura's detector)."""
    try:
        from pipeline.sources.charset import decode_html
    except ImportError:
        from trafilatura.utils import decode_file

        return str(decode_file(body))
    return decode_html(body, content_type)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """Fixed-width table; first column left-aligned, the rest right-aligned."""
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if title:
        print(f"\n{title}")
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in cells:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "n/a" if value != value else f"{value:.3f}"
    return str(value)
