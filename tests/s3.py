"""An S3-compatible server for tests: moto's standalone server (an in-memory S3) on 127.0.0.1.

Started in its own process group and stopped by that group; every test gets a
fresh bucket. The environment variables are those s3fs and botocore read, so
subprocesses (the CLI) reach the same server.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise TimeoutError(f"moto server did not listen on port {port}")


@contextlib.contextmanager
def moto_server() -> Iterator[dict[str, str]]:
    """Run `moto_server` until the context ends; yields the environment that points clients at it."""
    pytest.importorskip("moto", reason="moto[server] is a dev dependency")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, time.monotonic() + 60)
        yield {
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def new_bucket(environment: dict[str, str]) -> str:
    """Create a fresh bucket on the server; returns its s3:// root."""
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=environment["AWS_ENDPOINT_URL"], key="testing", secret="testing")
    name = f"newsetl-{uuid.uuid4().hex[:12]}"
    fs.mkdir(name)
    return f"s3://{name}"
