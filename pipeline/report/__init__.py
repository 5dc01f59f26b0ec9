"""The run report: one self-contained HTML page per run, for people rather than parsers.

    OUT/_reports/crawl_date=D/<run_id>.html   one per run (published or blocked)
    OUT/_reports/crawl_date=D/latest.html     the report of the published partition
    OUT/_reports/crawl_date=D/<run_id>.json   the run's phase timings, for rebuilding the page

`newsetl run` and the Airflow DAG's `report` task write it; `newsetl report`
rebuilds it from the manifest, validation.json and the published files.
"""

from __future__ import annotations

from pipeline.report.write import ReportPaths, write_blocked_report, write_report

__all__ = ["ReportPaths", "write_blocked_report", "write_report"]
