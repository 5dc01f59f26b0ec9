"""Loose page files: a directory of .html/.htm/.txt pages (one shard), or a lone page given as an input."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from datetime import UTC, datetime

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject
from pipeline.sources.fs import filesystem, open_decompressed, to_uri
from pipeline.sources.pages import PAGE_SUFFIXES, page_record


def read_single_file(uri: str) -> Iterator[RawRecord | Reject]:
    """A lone .html or .txt file (optionally gzipped) given as an input."""
    with open_decompressed(uri) as handle:
        body = handle.read(MAX_PAGE_BYTES + 1)
    name = posixpath.basename(uri.rstrip("/")).removesuffix(".gz")
    yield page_record(uri, 0, name, body, _mtime(uri))


def _mtime(uri: str) -> datetime | None:
    try:
        fs, path = filesystem(uri)
        modified = fs.modified(path)
    except Exception:  # not every filesystem knows modification times
        return None
    return modified.replace(tzinfo=UTC) if modified.tzinfo is None else modified.astimezone(UTC)


def page_files_in(uri: str) -> list[str]:
    """The page files directly inside a directory, sorted (sub-directories are their own shards)."""
    fs, path = filesystem(uri)
    names = sorted(
        entry["name"]
        for entry in fs.ls(path, detail=True)
        if entry.get("type") == "file"
        and entry["name"].lower().removesuffix(".gz").endswith(PAGE_SUFFIXES)
        and not posixpath.basename(entry["name"]).startswith((".", "_"))
    )
    return [to_uri(fs, name) for name in names]


def read_directory(uri: str) -> Iterator[RawRecord | Reject]:
    for index, file_uri in enumerate(page_files_in(uri)):
        name = posixpath.basename(file_uri)
        try:
            with open_decompressed(file_uri) as handle:
                body = handle.read(MAX_PAGE_BYTES + 1)
        except Exception as error:  # unreadable, or a damaged .gz page (zlib, EOF, OS errors)
            yield Reject(uri, index, name, "unreadable", f"{type(error).__name__}: {error}"[:200])
            continue
        yield page_record(uri, index, name.removesuffix(".gz"), body, _mtime(file_uri))
