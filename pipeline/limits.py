"""Limits that keep one bad record from hurting a run. One place, so tests and docs agree."""

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a page larger than this is a `too_large` reject
MAX_LINE_BYTES = 64 * 1024 * 1024  # a JSONL line larger than this is a `too_large` reject
MIN_ARTICLE_WORDS = 50  # fewer words than this: `too_short` (0 words: `empty`)
EXTRACT_TIMEOUT_SECONDS = 30.0  # per record, enforced by killing the worker process
