"""fsspec access: open local paths and URIs alike, list and glob them."""

from __future__ import annotations

import gzip
import io
from typing import IO

import fsspec
from fsspec.core import url_to_fs

GLOB_CHARS = set("*?[")


def filesystem(uri: str) -> tuple[fsspec.AbstractFileSystem, str]:
    fs, path = url_to_fs(uri)
    return fs, path


def to_uri(fs: fsspec.AbstractFileSystem, path: str) -> str:
    """A path listed by `fs` as a URI that `filesystem` maps back to it."""
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol in ("file", "local"):
        return path
    return fs.unstrip_protocol(path)


def open_binary(uri: str) -> IO[bytes]:
    fs, path = filesystem(uri)
    return fs.open(path, "rb")


def open_decompressed(uri: str) -> IO[bytes]:
    """Open `uri` and undo .gz / .zst compression as a stream (never whole in memory)."""
    raw = open_binary(uri)
    lower = uri.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if lower.endswith(".zst") or lower.endswith(".zstd"):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    if isinstance(raw, io.BufferedIOBase):
        return raw
    # Remote fsspec files lack readline(size); a standard buffer gives the bounded line reads we need.
    return io.BufferedReader(raw)  # type: ignore[arg-type]
