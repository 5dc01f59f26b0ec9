"""The run report's page: facts and charts into the HTML template (`templates/run.html.j2`).

The page is one self-contained file: styles inline, charts inline SVG, no
script, no font, no image or link to fetch; it reads the same offline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any

import jinja2

from pipeline import __version__
from pipeline.report import charts
from pipeline.report.facts import RunFacts
from pipeline.schema import FIXES, REJECT_REASONS, SKIP_REASONS

# The phases of a run as the summary names them, in order, and the in-worker steps.
PHASE_LABELS = {
    "discover": "discover inputs",
    "read": "read records",
    "extract": "extract pages",
    "validate": "validate",
    "publish": "publish",
    "report": "write report",
}


def _template() -> jinja2.Template:
    source = resources.files("pipeline.report").joinpath("templates/run.html.j2").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["n"] = lambda value: f"{int(value or 0):,}"
    environment.filters["s"] = lambda value: f"{float(value or 0):,.1f} s"
    return environment.from_string(source)


def _example_text(example: dict[str, Any] | None) -> str:
    if not example:
        return ""
    where = example.get("url") or ""
    origin = example.get("source_uri")
    if origin is not None:
        place = f"{origin.rsplit('/', 1)[-1]} @ {example.get('record_offset')}"
        where = f"{where} ({place})" if where else place
    return where


def _reasons(facts: RunFacts) -> list[dict[str, Any]]:
    rows = []
    for item in facts.rejects:
        rows.append(
            {
                "group": "reject",
                "reason": item["reason"],
                "n": item["n"],
                "meaning": REJECT_REASONS.get(item["reason"], ""),
                "example": _example_text(item["example"]),
                "detail": (item["example"] or {}).get("detail") or "",
            }
        )
    for item in facts.skips:
        rows.append(
            {
                "group": "skip",
                "reason": item["reason"],
                "n": item["n"],
                "meaning": SKIP_REASONS.get(item["reason"], ""),
                "example": _example_text(item["example"]),
                "detail": "",
            }
        )
    return rows


def _timings(facts: RunFacts) -> tuple[list[tuple[str, float]], list[tuple[str, float]], float | None]:
    """(wall seconds per phase, in-worker seconds per step, whole run's wall) from what was recorded."""
    counts, phases = facts.counts, dict(facts.phases)
    wall = phases.pop("total", None) or counts.get("total_seconds")
    if not phases:  # a rebuilt report of a run whose phases were not recorded: what the manifest has
        if counts.get("process_seconds"):
            phases["read + extract"] = counts["process_seconds"]
        if (facts.validation.get("seconds") or {}).get("total"):
            phases["validate"] = facts.validation["seconds"]["total"]
    shown = [
        (PHASE_LABELS.get(name, name), float(value)) for name, value in phases.items() if name != "shards"
    ]
    steps = {k: v for k, v in (counts.get("timings") or {}).items() if k != "total"}
    return shown, sorted(steps.items(), key=lambda kv: -kv[1]), wall


def _validation(facts: RunFacts) -> dict[str, Any]:
    document = facts.validation
    calls = document.get("validations") or []
    return {
        "known": bool(document),
        "success": document.get("success", facts.status == "published"),
        "failures": document.get("failed") or [],
        "checks": document.get("checks") or [],
        "plain": document.get("failures") or [],
        "calls": calls,
        "rows": sum(int(c.get("rows") or 0) for c in calls if c.get("suite") != "run"),
        "expectations": sum(int(c.get("expectations") or 0) for c in calls),
        "seconds": (document.get("seconds") or {}).get("total"),
        "thresholds": document.get("thresholds") or {},
    }


def blocked_reason(counts: dict[str, Any]) -> str:
    """`0 articles from 1 record — rejects: unsupported_format 1` (the same words as the CLI)."""
    records = int(counts.get("records") or 0)
    text = f"{int(counts.get('articles') or 0)} articles from {records} record{'s' if records != 1 else ''}"
    rejects = counts.get("rejects_by_reason") or {}
    if rejects:
        text += " — rejects: " + ", ".join(
            f"{k} {v}" for k, v in sorted(rejects.items(), key=lambda kv: -kv[1])
        )
    return text


def render(facts: RunFacts) -> str:
    counts = facts.counts
    reasons = _reasons(facts)
    phases, steps, wall = _timings(facts)
    kinds = facts.outlet_kinds
    context = {
        "facts": facts,
        "counts": counts,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "version": facts.manifest.get("pipeline_version") or __version__,
        "blocked_reason": blocked_reason(counts),
        "reasons": reasons,
        "fixes": [(k, v, FIXES.get(k, "")) for k, v in (counts.get("fixes") or {}).items()],
        "validation": _validation(facts),
        "phases": phases,
        "steps": steps,
        "wall": wall,
        "inputs": facts.manifest.get("inputs") or [],
        "charts": {
            "outcome": charts.outcome(
                int(counts.get("records") or 0),
                {
                    "articles": int(counts.get("articles") or 0),
                    "rejects": int(counts.get("rejects") or 0),
                    "skips": int(counts.get("skips") or 0),
                },
            ),
            "reasons": charts.stacked(
                [f"{r['reason']} ({r['group']})" for r in reasons],
                {
                    "rejects": [r["n"] if r["group"] == "reject" else 0 for r in reasons],
                    "skips": [r["n"] if r["group"] == "skip" else 0 for r in reasons],
                },
                [charts.COLOURS["rejects"], charts.COLOURS["skips"]],
            ),
            "sites": charts.bars([s for s, _ in facts.sites], [n for _, n in facts.sites]),
            "languages": charts.bars([s for s, _ in facts.languages], [n for _, n in facts.languages]),
            "speakers": charts.bars([s for s, _ in facts.speakers], [n for _, n in facts.speakers]),
            "outlets": charts.stacked(
                [o["name"] for o in facts.outlets],
                {kind: [o["kinds"].get(kind, 0) for o in facts.outlets] for kind in kinds},
            ),
            "extraction": charts.bars([p for p, _ in facts.extraction], [n for _, n in facts.extraction]),
            "phases": charts.bars(
                [p for p, _ in phases], [round(v, 2) for _, v in phases], charts.COLOURS["phases"], " s"
            ),
            "steps": charts.bars(
                [p for p, _ in steps], [round(v, 2) for _, v in steps], charts.COLOURS["steps"], " s"
            ),
        },
    }
    return _template().render(**context)
