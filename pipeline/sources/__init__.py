"""Inputs: find the shards of a dump and stream their records one at a time.

A shard is one file (WARC, JSONL, tar, a lone page) or one directory's loose
.html/.txt files. Every record read becomes exactly one RawRecord, Skip or
Reject, so that records in = articles + rejects + skips.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.files import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    read_directory,
    read_single_file,
    read_tar,
)
from pipeline.sources.fs import GLOB_CHARS, filesystem, to_uri
from pipeline.sources.jsonl import read_jsonl
from pipeline.sources.warc import read_warc

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".jsonl.zstd")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")
PAGE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES
DIRECTORY_SHARD_SUFFIX = "/"  # a shard URI ending in "/" is a directory of loose pages

Item = RawRecord | Skip | Reject


class InputError(ValueError):
    """An input that cannot be read at all (missing path, nothing matched a glob)."""


def shard_format(uri: str) -> str:
    lower = uri.lower()
    if lower.endswith(DIRECTORY_SHARD_SUFFIX):
        return "directory"
    for name, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("tar", TAR_SUFFIXES),
        ("page", PAGE_SUFFIXES + tuple(s + ".gz" for s in PAGE_SUFFIXES)),
    ):
        if lower.endswith(suffixes):
            return name
    return "unknown"


def _hidden(path: str) -> bool:
    return posixpath.basename(path.rstrip("/")).startswith((".", "_"))


def _walk(fs, root: str) -> list[str]:
    """Shards under a directory, recursively: one per dump file, one per folder of loose pages."""
    shards: list[str] = []
    page_folders: set[str] = set()
    for folder, dirs, files in fs.walk(root):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if _hidden(name):
                continue
            path = posixpath.join(folder, name)
            if name.lower().endswith(PAGE_SUFFIXES):
                page_folders.add(folder)
            else:
                shards.append(to_uri(fs, path))
    shards.extend(to_uri(fs, folder.rstrip("/")) + DIRECTORY_SHARD_SUFFIX for folder in page_folders)
    return shards


def discover(inputs: list[str]) -> list[str]:
    """Shard URIs for the given paths, directories, globs or URIs; sorted and de-duplicated."""
    shards: set[str] = set()
    for uri in inputs:
        fs, path = filesystem(uri)
        if GLOB_CHARS & set(path):
            matches = sorted(fs.glob(path))
            if not matches:
                continue  # an empty day; the caller decides whether that is an error
            for match in matches:
                shards.update(_walk(fs, match) if fs.isdir(match) else [to_uri(fs, match)])
        elif fs.isdir(path):
            shards.update(_walk(fs, path))
        elif fs.exists(path):
            shards.add(to_uri(fs, path))
        else:
            raise InputError(f"input not found: {uri}")
    return sorted(shards)


def iter_records(shard_uri: str) -> Iterator[Item]:
    """Stream one shard's records. Damaged input becomes Reject items, never an exception."""
    kind = shard_format(shard_uri)
    readers = {
        "warc": read_warc,
        "jsonl": read_jsonl,
        "tar": read_tar,
        "directory": read_directory,
        "page": read_single_file,
    }
    reader = readers.get(kind)
    if reader is None:
        yield Reject(shard_uri, 0, "", "unsupported_format", "not a WARC, JSONL, tar, .html or .txt file")
        return
    try:
        yield from reader(shard_uri)
    except OSError as error:  # the shard vanished or cannot be opened
        yield Reject(shard_uri, 0, "", "unreadable", str(error)[:300])
