"""Loose page files: a directory or a .tar(.gz) of .html/.htm pages, and .txt articles."""

from __future__ import annotations

import posixpath
import tarfile
from collections.abc import Iterator
from datetime import UTC, datetime

from pipeline.limits import MAX_PAGE_BYTES
from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources.charset import decode_html
from pipeline.sources.fs import filesystem, open_binary, open_decompressed, to_uri

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)


def _decode_text(body: bytes) -> str:
    # Plain text has no markup to declare a charset: UTF-8, else the detector.
    return decode_html(body, None)


def _page_record(uri: str, index: int, name: str, body: bytes, mtime: datetime | None) -> RawRecord | Reject:
    if len(body) > MAX_PAGE_BYTES:
        return Reject(uri, index, name, "too_large", f"file over {MAX_PAGE_BYTES} bytes")
    lower = name.lower()
    if lower.endswith(TEXT_SUFFIXES):
        return RawRecord(uri, index, name, url=None, text=_decode_text(body), fetched_at=mtime)
    return RawRecord(uri, index, name, url=None, html=decode_html(body, None), fetched_at=mtime)


def read_single_file(uri: str) -> Iterator[RawRecord | Reject]:
    """A lone .html or .txt file given as an input."""
    with open_decompressed(uri) as handle:
        body = handle.read(MAX_PAGE_BYTES + 1)
    name = posixpath.basename(uri.rstrip("/"))
    yield _page_record(uri, 0, name, body, _mtime(uri))


def _mtime(uri: str) -> datetime | None:
    try:
        fs, path = filesystem(uri)
        modified = fs.modified(path)
    except Exception:  # not every filesystem knows modification times
        return None
    return modified.replace(tzinfo=UTC) if modified.tzinfo is None else modified.astimezone(UTC)


def page_files_in(uri: str) -> list[str]:
    """The .html/.htm/.txt files directly inside a directory, sorted (sub-directories are their own shards)."""
    fs, path = filesystem(uri)
    names = sorted(
        entry["name"]
        for entry in fs.ls(path, detail=True)
        if entry.get("type") == "file"
        and entry["name"].lower().endswith(HTML_SUFFIXES + TEXT_SUFFIXES)
        and not posixpath.basename(entry["name"]).startswith((".", "_"))
    )
    return [to_uri(fs, name) for name in names]


def read_directory(uri: str) -> Iterator[RawRecord | Reject]:
    for index, file_uri in enumerate(page_files_in(uri)):
        try:
            with open_binary(file_uri) as handle:
                body = handle.read(MAX_PAGE_BYTES + 1)
        except OSError as error:
            yield Reject(uri, index, posixpath.basename(file_uri), "unreadable", str(error)[:200])
            continue
        yield _page_record(uri, index, posixpath.basename(file_uri), body, _mtime(file_uri))


def _unsafe(name: str) -> bool:
    normal = posixpath.normpath(name)
    return (
        name.startswith(("/", "\\")) or normal.startswith("..") or "\x00" in name or ":" in name.split("/")[0]
    )


def read_tar(uri: str) -> Iterator[RawRecord | Skip | Reject]:
    """Stream a tar (optionally gzipped) member by member; nothing is written to disk."""
    index = -1
    with open_binary(uri) as raw:
        try:
            archive = tarfile.open(fileobj=raw, mode="r|*")  # noqa: SIM115 - closed by the with below
        except (tarfile.TarError, OSError, EOFError) as error:
            yield Reject(uri, 0, "", "corrupt_input", f"not a readable tar: {error}")
            return
        with archive:
            members = iter(archive)
            while True:
                try:
                    member = next(members)
                except StopIteration:
                    return
                except (tarfile.TarError, OSError, EOFError) as error:
                    yield Reject(
                        uri, index + 1, "", "corrupt_input", f"unreadable after member {index}: {error}"
                    )
                    return
                if member.isdir():
                    continue  # a folder entry is structure, not a record
                index += 1
                yield _tar_member(uri, index, archive, member)


def _tar_member(
    uri: str, index: int, archive: tarfile.TarFile, member: tarfile.TarInfo
) -> RawRecord | Skip | Reject:
    name = member.name
    if not member.isfile():
        return Skip(uri, index, "not_a_file")
    if _unsafe(name):
        return Reject(uri, index, name[:200], "unsafe_path", "absolute or parent-relative member name")
    if not name.lower().endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
        return Skip(uri, index, "non_html")
    if member.size > MAX_PAGE_BYTES:
        return Reject(uri, index, name, "too_large", f"member of {member.size} bytes")
    handle = archive.extractfile(member)
    if handle is None:
        return Skip(uri, index, "not_a_file")
    body = handle.read(MAX_PAGE_BYTES + 1)  # bounded even if the header understates the size
    mtime = datetime.fromtimestamp(member.mtime, UTC) if member.mtime else None
    return _page_record(uri, index, name, body, mtime)
