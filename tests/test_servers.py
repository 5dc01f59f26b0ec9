"""The test servers of tests/servers.py start, answer, and leave no process behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import servers
from tests.conftest import need_server

pytestmark = pytest.mark.slow


def test_s3_fixture_serves_s3fs(s3_bucket: str) -> None:
    import fsspec

    fs, _ = fsspec.core.url_to_fs(s3_bucket)
    fs.pipe(f"{s3_bucket}/a/b.txt", b"hello")
    assert fs.cat(f"{s3_bucket}/a/b.txt") == b"hello"
    assert fs.ls(f"{s3_bucket}/a", detail=False) == [f"{s3_bucket[5:]}/a/b.txt"]


def test_postgres_and_redis_start_and_stop(tmp_path: Path) -> None:
    postgres = need_server(lambda: servers.start_postgres(tmp_path))
    try:
        postgres.create_database("probe")
        assert postgres.query("probe", "SELECT current_database(), 1 + 1") == [("probe", 2)]
    finally:
        postgres.stop()
    assert not postgres.service.alive()

    redis = need_server(lambda: servers.start_redis(tmp_path))
    try:
        import redis as redis_client

        client = redis_client.Redis.from_url(redis.url())
        client.set("k", "v")
        assert client.get("k") == b"v"
        client.close()
    finally:
        redis.stop()
    assert not redis.service.alive()
