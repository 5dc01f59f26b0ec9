"""Writing the run report where the run's other records are (local disk or any fsspec store)."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass

from pipeline.report import facts as gather
from pipeline.report.render import render
from pipeline.sources.fs import filesystem
from pipeline.store import read_json


@dataclass(frozen=True)
class ReportPaths:
    run: str  # OUT/_reports/crawl_date=D/<run_id>.html
    latest: str | None  # .../latest.html, for a published run


def _write(uri: str, data: bytes) -> None:
    fs, path = filesystem(uri)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    fs.pipe_file(path, data)


def _save_phases(directory: str, run_id: str, phases: dict[str, float] | None) -> None:
    if phases:
        _write(f"{directory}/{run_id}.json", json.dumps({"phases": phases}, indent=1).encode())


def write_report(
    output: str, crawl_date: str, run_id: str | None = None, phases: dict[str, float] | None = None
) -> ReportPaths:
    """(Re)build the report of a published run: the date's latest, or `run_id`.

    `phases` are the run's wall seconds per phase (with `total`), kept next to the
    report so a rebuild shows them too. Raises LookupError when the run has no manifest.
    """
    facts = gather.published_run(output, crawl_date, run_id, phases)
    directory = gather.reports_dir(output, crawl_date)
    _save_phases(directory, facts.run_id, phases)
    page = render(facts).encode()
    run_path = f"{directory}/{facts.run_id}.html"
    _write(run_path, page)
    latest = None
    if run_id is None or _is_latest(output, crawl_date, facts.run_id):
        latest = f"{directory}/latest.html"
        _write(latest, page)
    return ReportPaths(run_path, latest)


def write_blocked_report(
    output: str, crawl_date: str, run_id: str, validation_path: str, phases: dict[str, float] | None = None
) -> ReportPaths:
    """The report of a run that validation blocked (latest.html keeps the published run's)."""
    facts = gather.blocked_run(output, crawl_date, run_id, validation_path, phases)
    directory = gather.reports_dir(output, crawl_date)
    _save_phases(directory, run_id, phases)
    run_path = f"{directory}/{run_id}.html"
    _write(run_path, render(facts).encode())
    return ReportPaths(run_path, None)


def _is_latest(output: str, crawl_date: str, run_id: str) -> bool:
    latest = read_json(
        posixpath.join(output.rstrip("/"), "_manifests", f"crawl_date={crawl_date}", "latest.json")
    )
    return bool(latest) and latest.get("run_id") == run_id
