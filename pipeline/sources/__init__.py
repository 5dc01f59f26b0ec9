"""Inputs: find the shards of a dump and stream their records one at a time.

A shard is one file (WARC, JSONL, tar, a lone page) or one directory's loose
.html/.txt files. Every record read becomes exactly one RawRecord, Skip or
Reject, so that records in = articles + rejects + skips.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterator

from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.files import read_directory, read_single_file
from pipeline.sources.fs import GLOB_CHARS, filesystem, to_uri
from pipeline.sources.jsonl import read_jsonl
from pipeline.sources.pages import PAGE_SUFFIXES
from pipeline.sources.tar import read_tar
from pipeline.sources.unicode import valid_utf8
from pipeline.sources.warc import read_warc

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".jsonl.zstd")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")
PAGE_FILE_SUFFIXES = PAGE_SUFFIXES + tuple(s + ".gz" for s in PAGE_SUFFIXES)
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
        ("page", PAGE_FILE_SUFFIXES),
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
            if name.lower().endswith(PAGE_FILE_SUFFIXES):
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
    """Stream one shard's records. Damaged input becomes Reject items, never an exception.

    Every item gets an offset of its own, strictly increasing within the shard
    (rejects are keyed by source and offset), and names that are not valid
    UTF-8 (a file or tar member named in another encoding) are kept with
    replacement characters, so that every row can be written.
    """
    last_offset = -1
    for item in _read(shard_uri):
        if item.record_offset <= last_offset:
            item = dataclasses.replace(item, record_offset=last_offset + 1)
        last_offset = item.record_offset
        yield _printable_names(item)


def _read(shard_uri: str) -> Iterator[Item]:
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


def _printable_names(item: Item) -> Item:
    changes = {
        name: valid
        for name in ("source_uri", "record_id", "url")
        if isinstance(value := getattr(item, name, None), str) and (valid := valid_utf8(value)) is not value
    }
    return dataclasses.replace(item, **changes) if changes else item
