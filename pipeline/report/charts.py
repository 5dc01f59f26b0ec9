"""The report's charts: matplotlib figures rendered to inline SVG (text kept as text, no external refs).

Each function takes plain labels and numbers and returns an `<svg>` element as
a string, or "" when there is nothing to draw. Figures are made with
`matplotlib.figure.Figure` (no pyplot state, no window, no backend to choose)
under the report's own style, which leaves matplotlib's global settings alone.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# One palette for every chart: the same thing always has the same colour.
COLOURS = {
    "articles": "#2a7ab9",
    "rejects": "#d1495b",
    "skips": "#9aa5b1",
    "bar": "#2a7ab9",
    "steps": "#5b8c5a",
    "phases": "#e0a030",
}
KIND_COLOURS = ["#2a7ab9", "#e0a030", "#5b8c5a", "#d1495b", "#8d6cab", "#9aa5b1", "#3fa7a3"]
_WIDTH_INCHES = 6.4
_LABEL_CHARS = 34

STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, and the page's font
    "svg.hashsalt": "newsetl",  # the same data gives the same SVG
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#8a94a0",
    "axes.titlesize": 10,
}


def _styled(draw: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(draw)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return wrapper


_XML_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = _METADATA.sub("", _XML_PROLOGUE.sub("", buffer.getvalue(), count=1))
    # Ids unique to this chart: several SVGs share one HTML document (and its id space).
    prefix = "c" + hashlib.blake2b(svg.encode(), digest_size=4).hexdigest() + "-"
    svg = re.sub(r'(\bid="|url\(#|href="#)', lambda m: m.group(1) + prefix, svg)
    # Drawn at its own size, so every chart's text has the same size; narrower on a narrow page (CSS).
    return svg.replace("<svg ", '<svg class="chart" role="img" ', 1)


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def _height(rows: int) -> float:
    return 0.6 + 0.26 * max(rows, 1)


@_styled
def bars(labels: Sequence[str], values: Sequence[float], colour: str = COLOURS["bar"], unit: str = "") -> str:
    """Horizontal bars, largest first as given, each labelled with its value."""
    if not labels:
        return ""
    figure = Figure(figsize=(_WIDTH_INCHES, _height(len(labels))))
    axes = figure.subplots()
    positions = range(len(labels))
    axes.barh(positions, values, color=colour, height=0.7)
    axes.set_yticks(list(positions), [_short(label) for label in labels])
    axes.invert_yaxis()
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    top = max(values) if values else 0
    for y, value in zip(positions, values, strict=True):
        text = f"{value:,.1f}{unit}" if isinstance(value, float) else f"{value:,}{unit}"
        axes.text(value + top * 0.01, y, text, va="center", fontsize=8)
    axes.set_xlim(0, top * 1.15 or 1)
    return _svg(figure)


@_styled
def stacked(
    labels: Sequence[str], series: dict[str, Sequence[float]], colours: Sequence[str] | None = None
) -> str:
    """Horizontal bars split into parts (e.g. citations of an outlet by kind), with a legend."""
    if not labels or not series:
        return ""
    colours = list(colours or KIND_COLOURS)
    figure = Figure(figsize=(_WIDTH_INCHES, _height(len(labels)) + 0.3))
    axes = figure.subplots()
    positions = list(range(len(labels)))
    left = [0.0] * len(labels)
    for index, (name, values) in enumerate(series.items()):
        axes.barh(positions, values, left=left, color=colours[index % len(colours)], height=0.7, label=name)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in zip(positions, left, strict=True):
        axes.text(total + max(left) * 0.01, y, f"{int(total):,}", va="center", fontsize=8)
    axes.set_yticks(positions, [_short(label) for label in labels])
    axes.invert_yaxis()
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    axes.set_xlim(0, max(left) * 1.15 or 1)
    axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(series), frameon=False, fontsize=8)
    return _svg(figure)


@_styled
def outcome(records: int, parts: dict[str, int]) -> str:
    """One bar: every record read, split into what it became (articles, rejects, skips)."""
    if records <= 0:
        return ""
    figure = Figure(figsize=(_WIDTH_INCHES, 0.9))
    axes = figure.subplots()
    left = 0
    for name, value in parts.items():
        if value:
            axes.barh([0], [value], left=left, color=COLOURS.get(name, "#888888"), height=0.6)
            share = value / records
            label = f"{name} {value:,}" if share > 0.12 else f"{value:,}"
            if share > 0.04:
                axes.text(left + value / 2, 0, label, ha="center", va="center", color="white", fontsize=8)
        left += value
    axes.set_xlim(0, records)
    axes.set_yticks([])
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    axes.set_title(f"{records:,} records read", loc="left")
    axes.spines["left"].set_visible(False)
    handles = [Rectangle((0, 0), 1, 1, color=COLOURS.get(n, "#888888")) for n in parts]
    axes.legend(
        handles,
        [f"{n} ({v:,})" for n, v in parts.items()],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=len(parts),
        frameon=False,
        fontsize=8,
    )
    return _svg(figure)
