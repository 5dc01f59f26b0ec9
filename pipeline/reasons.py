"""Every reject and skip reason, with what it means: the one list the docs and the report read.

A reject is a record that should have been an article and is kept as a row
in `rejects` with its reason; a skip is a record that was never meant to be
an article (or a duplicate), counted in the manifest by reason.
"""

from __future__ import annotations

REJECT_REASONS: dict[str, str] = {
    "empty": "extraction found no main text in the page",
    "too_short": "the main text has fewer words than `min_word_count` (expectations/thresholds.json)",
    "not_article": "a section front, listing or index page rather than an article",
    "timeout": "extraction overran the per-record time limit; the worker was killed",
    "worker_crash": "the worker process died while handling the record",
    "handler_error": "an unexpected error while handling the record (a bug; the detail names it)",
    "invalid_row": "the article row breaks the table contract in a column that may not be null",
    "corrupt_input": "damaged data between records (a bad gzip member, bytes that are no record); "
    "reading resumed after it",
    "corrupt_record": "a record whose framing is damaged (wrong Content-Length, damage inside it)",
    "truncated": "the file ends inside the record",
    "too_large": "a page over 16 MiB, or a JSONL line over 64 MiB",
    "bad_json": "a JSONL line that is not a JSON object",
    "missing_field": "a JSONL object with neither `html` nor `text`",
    "unsafe_path": "a tar member named with `..` or an absolute path",
    "unsupported_format": "a file that is not WARC, JSONL, tar, .html or .txt",
    "unreadable": "a file that could not be opened or read",
}

SKIP_REASONS: dict[str, str] = {
    "warc_request": "a WARC request record (the crawler's request, not a page)",
    "warc_other": "a WARC warcinfo, metadata, revisit or conversion record",
    "non_html": "a response whose content is not HTML (images, PDFs, scripts)",
    "http_status": "an HTTP response other than 200 (redirects, 404s, errors)",
    "non_http": "a WARC response record without an HTTP response in it",
    "not_a_file": "a tar member that is a link or a device, not a file",
    "duplicate": "the same article (normalized URL, or the same text) again in the run; the latest fetch "
    "of a URL is kept, then the first copy of a text",
}
