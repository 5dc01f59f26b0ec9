"""Helpers of `pipeline.validate`: frames (DuckDB), suites (JSON), the GX runner and reports.

Only `gx_runner` imports Great Expectations, and only when it is used.
"""
