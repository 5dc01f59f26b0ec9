"""JSONL, JSONL.gz and JSONL.zst: one object per line with `url` and `html` or `text`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO

from pipeline.limits import MAX_LINE_BYTES
from pipeline.model import RawRecord, Reject
from pipeline.sources.fs import open_decompressed

_CHUNK = 1 << 20


def _parse_time(value: object) -> datetime | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Lines of at most MAX_LINE_BYTES; None stands for an over-long line (already skipped)."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _record(uri: str, number: int, line: bytes) -> RawRecord | Reject:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return Reject(uri, number, "", "bad_json", str(error)[:200])
    if not isinstance(obj, dict):
        return Reject(uri, number, "", "bad_json", "line is not a JSON object")
    record_id = str(obj.get("id") or "")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    html, text = obj.get("html"), obj.get("text")
    html = html if isinstance(html, str) and html.strip() else None
    text = text if isinstance(text, str) and text.strip() else None
    if html is None and text is None:
        return Reject(uri, number, record_id, "missing_field", "neither `html` nor `text` holds content", url)
    title = obj.get("title")
    return RawRecord(
        source_uri=uri,
        record_offset=number,
        record_id=record_id,
        url=url,
        html=html,
        text=None if html is not None else text,
        fetched_at=_parse_time(obj.get("fetched_at")),
        title_hint=title if isinstance(title, str) else None,
    )


def read_jsonl(uri: str) -> Iterator[RawRecord | Reject]:
    number = 0
    with open_decompressed(uri) as stream:
        lines = _lines(stream)
        while True:
            try:
                line = next(lines)
            except StopIteration:
                return
            except Exception as error:  # corrupt gzip/zstd data or a truncated stream
                yield Reject(uri, number + 1, "", "corrupt_input", f"unreadable after line {number}: {error}")
                return
            number += 1
            if line is None:
                yield Reject(uri, number, "", "too_large", f"line over {MAX_LINE_BYTES} bytes")
            elif line.strip():
                yield _record(uri, number, line)
