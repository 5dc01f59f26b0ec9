"""Shared fixtures: real servers from tests/servers.py (moto's S3 here; PostgreSQL and Redis are
started by the tests that need them)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from tests import servers

T = TypeVar("T")


def need_server(start: Callable[[], T]) -> T:
    """Start a server; a missing binary skips the test on a developer machine and fails it in CI."""
    try:
        return start()
    except servers.ServerUnavailable as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{exc} (CI must install it: `make test` runs `make test-servers`)")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.S3]:
    """moto's standalone S3 server on 127.0.0.1, for the whole session (in-memory)."""
    logs = tmp_path_factory.mktemp("s3-logs")
    server = need_server(lambda: servers.start_s3(Path(logs)))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_env(s3_server: servers.S3, monkeypatch: pytest.MonkeyPatch) -> Iterator[servers.S3]:
    """This process talks to the moto server through the standard AWS variables (as s3fs does)."""
    for key, value in s3_server.env.items():
        monkeypatch.setenv(key, value)
    import s3fs

    # s3fs caches filesystem instances, with their endpoint: start from a clean cache.
    s3fs.S3FileSystem.clear_instance_cache()
    yield s3_server
    s3fs.S3FileSystem.clear_instance_cache()


@pytest.fixture
def s3_bucket(s3_env: servers.S3) -> str:
    """A fresh, empty bucket: `s3://<name>`."""
    return s3_env.create_bucket(f"newsetl-test-{secrets.token_hex(4)}")
