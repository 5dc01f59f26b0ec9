"""The run report: written by every run, rebuilt on demand, self-contained, and drawn by a real browser offline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image

from tests.chromium import ensure_chromium, open_page
from tests.conftest import ROOT, SAMPLE_DATES

DATE = SAMPLE_DATES[-1]
CHART_BOXES = """JSON.stringify(Array.from(document.querySelectorAll('svg.chart')).map(svg => {
    const box = svg.getBoundingClientRect(); return [box.width, box.height, svg.querySelectorAll('path').length];
}))"""
# What a page may not do to stay self-contained: fetch a script, a style, an image, a font, a frame.
EXTERNAL = re.compile(
    r"<script|<link\b|<img\b|<iframe|@import|(?:src|href)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)

pytestmark = pytest.mark.slow


def latest_manifest(out: Path, day: str) -> dict:
    return json.loads((out / "_manifests" / f"crawl_date={day}" / "latest.json").read_text())


def report_dir(out: Path, day: str) -> Path:
    return out / "_reports" / f"crawl_date={day}"


def test_every_published_date_has_its_report(sample_output: Path) -> None:
    for day in SAMPLE_DATES:
        run_id = latest_manifest(sample_output, day)["run_id"]
        page = (report_dir(sample_output, day) / f"{run_id}.html").read_text()
        assert (report_dir(sample_output, day) / "latest.html").read_text() == page
        assert f"crawl date {day}" in page and run_id in page
        phases = json.loads((report_dir(sample_output, day) / f"{run_id}.json").read_text())["phases"]
        assert {"read", "extract", "validate", "publish", "total"} <= set(phases)


def test_the_page_is_self_contained_and_says_what_happened(sample_output: Path) -> None:
    page = (report_dir(sample_output, DATE) / "latest.html").read_text()
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert page.count('<svg class="chart"') >= 7
    counts = latest_manifest(sample_output, DATE)["counts"]
    assert f'<div class="value">{counts["records"]}</div><div class="label">records read</div>' in page
    assert "All checks passed." in page
    assert "too_short" in page and "fewer words than" in page  # a reject reason, with its meaning
    assert "warc_request" in page and "request record" in page  # a skip reason, with its meaning
    assert "17 words (minimum 30)" in page  # the reject's example


def test_report_rebuilds_from_the_published_run(sample_output: Path) -> None:
    directory = report_dir(sample_output, SAMPLE_DATES[0])
    run_id = latest_manifest(sample_output, SAMPLE_DATES[0])["run_id"]
    before = (directory / f"{run_id}.html").read_text()
    (directory / f"{run_id}.html").unlink()
    (directory / "latest.html").unlink()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "report",
            "--output",
            str(sample_output),
            "--date",
            SAMPLE_DATES[0],
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(directory / f"{run_id}.html"), str(directory / "latest.html")]
    rebuilt = (directory / "latest.html").read_text()
    strip = re.compile(r"Generated [^<]* by newsetl")
    assert strip.sub("", rebuilt) == strip.sub("", before)  # the same page, timings included


def colour_share(pixels: np.ndarray, hex_colour: str) -> float:
    target = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    close = np.all(np.abs(pixels[..., :3] - target) < 0.04, axis=-1)
    return float(close.mean())


def test_a_browser_offline_draws_the_charts_and_fetches_nothing(sample_output: Path, tmp_path: Path) -> None:
    binary = ensure_chromium()
    if binary is None:
        pytest.skip("chromium is missing and cannot be installed here (not root, or no apt-get)")
    page = report_dir(sample_output, DATE) / "latest.html"
    visit = open_page(binary, page.as_uri(), CHART_BOXES)
    assert visit.requests == [page.as_uri()]  # the page itself, nothing else
    assert visit.failed == [] and visit.exceptions == []
    boxes = json.loads(visit.evaluated)
    assert len(boxes) >= 7
    assert all(width > 200 and height > 40 and paths > 3 for width, height, paths in boxes), boxes
    shot = tmp_path / "report.png"
    shot.write_bytes(visit.screenshot)
    pixels = image.imread(shot)
    assert pixels.shape[0] > 1500 and pixels.shape[1] == 1280
    assert pixels[..., :3].std() > 0.1  # not a blank page
    assert colour_share(pixels, "#2a7ab9") > 0.005  # bars: articles, sites, languages, speakers
    assert colour_share(pixels, "#e0a030") > 0.001  # the timings chart
    assert colour_share(pixels, "#d1495b") > 0.0002  # the reject in the outcome and reasons charts
