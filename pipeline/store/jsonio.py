"""Small JSON documents (markers, manifests, journals) written so a reader never sees half of one."""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
from typing import Any

from fsspec.implementations.local import LocalFileSystem

from pipeline.sources.fs import filesystem


def dumps(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, indent=2, sort_keys=True, default=str).encode()


def fsync_directory(path: str) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(path, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_json(uri: str, payload: dict[str, Any]) -> None:
    """Write under a temporary name, flush to disk, then rename (locally); one PUT on object stores."""
    fs, path = filesystem(uri)
    data = dumps(payload)
    if not isinstance(fs, LocalFileSystem):
        fs.pipe_file(path, data)
        return
    os.makedirs(posixpath.dirname(path), exist_ok=True)
    temporary = f"{path}.tmp-{os.getpid()}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)  # a full disk must not keep half a file around
        raise
    fsync_directory(posixpath.dirname(path))


def read_json(uri: str) -> dict[str, Any] | None:
    fs, path = filesystem(uri)
    try:
        with fs.open(path, "rb") as handle:
            return json.loads(handle.read())
    except FileNotFoundError:
        return None
