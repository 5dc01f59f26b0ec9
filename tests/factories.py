"""Builders for test inputs: WARC records, pages, JSONL lines. Written for the tests, no fixtures copied."""

from __future__ import annotations

import gzip
import io
import uuid
from pathlib import Path

ARTICLE_PARAGRAPHS = [
    "The harbour authority of Port Wenlow approved a plan on Tuesday to rebuild the old north pier, "
    "which has been closed to the public since a storm damaged its timber deck two winters ago.",
    '"We owe the fishing families a safe pier, and we owe the town a place to walk," said Dana Okafor, '
    "who chairs the authority. She added that work would start in the spring.",
    "The project is expected to cost 4.2 million euros, according to the authority's own estimate, "
    "and will be paid for partly by a regional fund for coastal towns.",
    "Residents who spoke at the meeting were broadly in favour, though several asked that the pier's "
    "historic lamp posts be kept. Okafor said the design team would look at restoring them.",
]


def article_html(
    title: str = "Port Wenlow to rebuild its north pier",
    paragraphs: list[str] | None = None,
    extra_body: str = "",
    head: str = "",
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or ARTICLE_PARAGRAPHS))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Wenlow Courier</title>{head}"
        '<meta property="og:site_name" content="Wenlow Courier">'
        '<meta name="author" content="Priya Castell">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}{extra_body}</article>"
        "<footer>© 2024 Wenlow Courier. All rights reserved.</footer></body></html>"
    )


def listing_html(stories: int = 12) -> str:
    teasers = "\n".join(
        f"<div class='teaser'><h3><a href='https://courier.example/news/story-{i}'>Story number {i} about the "
        f"town council and its plans</a></h3><p>A short blurb for story {i}.</p></div>"
        for i in range(stories)
    )
    return (
        f"<html><head><title>News | Wenlow Courier</title></head><body><main>{teasers}</main></body></html>"
    )


def http_response(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


def warc_record(
    kind: str,
    url: str | None,
    payload: bytes,
    date: str = "2025-01-22T10:00:00Z",
    content_type: str | None = None,
) -> bytes:
    if content_type is None:
        content_type = {
            "response": "application/http; msgtype=response",
            "request": "application/http; msgtype=request",
            "warcinfo": "application/warc-fields",
        }.get(kind, "application/octet-stream")
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}{url}{len(payload)}')}>",
        f"WARC-Date: {date}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(payload)}",
    ]
    if url:
        headers.insert(2, f"WARC-Target-URI: {url}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def page_records(url: str, html: str, **response_kwargs: str) -> list[bytes]:
    request = f"GET {url} HTTP/1.1\r\nHost: example\r\n\r\n".encode()
    return [
        warc_record("request", url, request),
        warc_record("response", url, http_response(html.encode(), **response_kwargs)),
    ]


def write_warc(path: Path, records: list[bytes], compress: bool = True) -> Path:
    """One gzip member per record, as CC-NEWS does."""
    with open(path, "wb") as handle:
        for record in records:
            handle.write(gzip.compress(record, mtime=0) if compress else record)
    return path


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()
