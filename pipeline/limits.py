"""Limits that keep one bad record from hurting a run. One place, so tests and docs agree."""

from pipeline.thresholds import load_thresholds

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a page larger than this is a `too_large` reject
MAX_LINE_BYTES = 64 * 1024 * 1024  # a JSONL line larger than this is a `too_large` reject
# Fewer words than this: `too_short` (0 words: `empty`). Shared with the word_count expectation.
MIN_ARTICLE_WORDS = int(load_thresholds()["min_word_count"])
EXTRACT_TIMEOUT_SECONDS = 30.0  # per record, enforced by killing the worker process
# DuckDB inside a run (de-duplication, validation frames, the run report) works within this much
# memory and spills to a temporary directory beyond it, so a run's peak memory does not grow with
# the size of the day: without it, validating 10,000 pages took 570 MB against 290 MB for 1,000.
DUCKDB_MEMORY_LIMIT = "128MB"
