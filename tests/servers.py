"""Real servers for tests, on 127.0.0.1, each in a session (and process group) of its own.

- PostgreSQL: the machine's server binary (Debian's postgresql-15), a throw-away data directory
  made by ``initdb``; as root the server runs as the ``postgres`` user (initdb refuses root).
- Redis: Debian's ``redis-server`` without persistence (``make test-servers`` installs it).
- S3: moto's standalone server, an in-memory S3 implementation (s3fs's own tests use it).

Every process is started with ``start_new_session=True`` and stopped by signalling its
process group, together with any process group its children made inside the same session
(Airflow's task supervisor puts each task in one). Nothing is ever matched by name.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.airflow_helpers import load_script

_LOCAL = load_script()  # scripts/airflow_local.py: its /proc session scan serves both


ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
LOOPBACK = "127.0.0.1"


class ServerUnavailable(RuntimeError):
    """A server binary this test needs is not installed (and could not be)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = LOOPBACK) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def session_groups(sid: int) -> set[int]:
    """Process groups of every process in session `sid` (read from /proc)."""
    return {group for _pid, group, _state in _LOCAL.session_processes(sid)}


def session_members(sid: int) -> list[int]:
    """Processes of session `sid` that still run (zombies are gone, whoever reaps them)."""
    return [pid for pid, _group, state in _LOCAL.session_processes(sid) if state != "Z"]


@dataclass
class Service:
    """One background process, leader of its own session; signalled by process group."""

    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    cleanup: list[Callable[[], None]] = field(default_factory=list)

    @property
    def sid(self) -> int:
        return self.proc.pid  # start_new_session: the leader's pid is the session and group id

    def running(self) -> bool:
        return self.proc.poll() is None

    def alive(self) -> bool:
        """The leader or anything else in its session (task process groups included) still runs."""
        return self.running() or bool(session_members(self.sid))

    def send(self, sig: int) -> None:
        for pgid in {self.sid} | session_groups(self.sid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, sig)

    def kill(self, timeout: float = 30) -> None:
        """SIGKILL every process group of the session: a lost machine, as seen from outside.

        Signalled again until the session is empty: a process may fork (a new task group)
        between listing the groups and the signal landing.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.send(signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=0.2)
            if not self.alive() or time.monotonic() >= deadline:
                return

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        if self.alive():
            self.send(sig)
            deadline = time.monotonic() + timeout
            while self.alive() and time.monotonic() < deadline:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=0.5)
            if self.alive():
                self.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        for step in self.cleanup:
            with contextlib.suppress(OSError):
                step()
        self.cleanup.clear()

    def tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def stop_together(services: list[Service], timeout: float = 30) -> list[str]:
    """SIGTERM every service's groups at once, wait for all, SIGKILL what is left; returns survivors."""
    for service in services:
        if service.alive():
            service.send(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(s.alive() for s in services) and time.monotonic() < deadline:
        for service in services:
            with contextlib.suppress(subprocess.TimeoutExpired):
                service.proc.wait(timeout=0.2)
    for service in services:
        service.stop(signal.SIGKILL, timeout=10)  # no-op for those already gone; runs their cleanup
    return [s.name for s in services if s.alive()]


def start(
    name: str,
    args: list[str],
    log: Path,
    *,
    env: dict[str, str] | None = None,
    user: str | None = None,
    cwd: Path | None = None,
) -> Service:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            user=user,
            start_new_session=True,
        )
    return Service(name, proc, log)


def wait_until(
    ready: Callable[[], bool], service: Service, timeout: float, what: str, interval: float = 0.3
) -> None:
    """Poll `ready` until it holds; fail at once (with the log's tail) if the server exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if not service.running():
            raise RuntimeError(f"{service.name} exited ({service.proc.returncode}):\n{service.tail()}")
        time.sleep(interval)
    raise TimeoutError(f"{service.name}: {what} not reached after {timeout:.0f}s:\n{service.tail()}")


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_bin() -> Path:
    """The newest PostgreSQL server's bin folder (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServerUnavailable("no PostgreSQL server (initdb) installed: run `make test-servers`")


@dataclass
class Postgres:
    service: Service
    port: int
    user: str

    def url(self, database: str, driver: str = "postgresql+psycopg2") -> str:
        return f"{driver}://{self.user}@{LOOPBACK}:{self.port}/{database}"

    def dsn(self, database: str) -> str:
        return f"host={LOOPBACK} port={self.port} user={self.user} dbname={database}"

    def create_database(self, name: str) -> None:
        import psycopg2

        connection = psycopg2.connect(self.dsn("postgres"))
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()

    def query(self, database: str, sql: str, params: tuple | dict | None = None) -> list[tuple]:
        import psycopg2

        connection = psycopg2.connect(self.dsn(database))
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def stop(self) -> None:
        # SIGINT is PostgreSQL's "fast" shutdown: roll back sessions and stop at once.
        self.service.stop(signal.SIGINT)


def _unprivileged_user() -> str | None:
    """initdb refuses to run as root: then run the server as `postgres` (or nobody)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise ServerUnavailable("running as root and no unprivileged user to run PostgreSQL as")


def start_postgres(logs: Path, timeout: float = 120) -> Postgres:
    """A throw-away cluster with one superuser, trust auth on 127.0.0.1, durability off (test data)."""
    binaries = postgres_bin()
    run_as = _unprivileged_user()
    # Not under pytest's tmp_path: its parents are private to root, and the server's user must
    # reach the data directory.
    base = Path(tempfile.mkdtemp(prefix="newsetl-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        for path in (base, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    superuser = "newsetl"
    init = subprocess.run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            superuser,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        user=run_as,
        cwd=base,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"initdb failed ({init.returncode}):\n{init.stdout}\n{init.stderr}")
    port = free_port()
    args = [
        str(binaries / "postgres"),
        "-D",
        str(data),
        "-p",
        str(port),
        "-h",
        LOOPBACK,
        "-k",
        str(sockets),
        "-c",
        "max_connections=300",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
    ]
    service = start("postgres", args, logs / "postgres.log", user=run_as, cwd=base)
    service.cleanup.append(lambda: shutil.rmtree(base, ignore_errors=True))
    server = Postgres(service, port, superuser)

    def accepts() -> bool:
        ready = subprocess.run(
            [str(binaries / "pg_isready"), "-h", LOOPBACK, "-p", str(port), "-U", superuser, "-q"],
            capture_output=True,
            check=False,
        )
        return ready.returncode == 0

    try:
        wait_until(accepts, service, timeout, "accepting connections")
    except BaseException:
        server.stop()
        raise
    return server


# --- Redis ------------------------------------------------------------------------------------


def redis_binary() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if not found:
        raise ServerUnavailable(
            "redis-server is not installed: run `make test-servers` (Debian's redis-server)"
        )
    return found


@dataclass
class Redis:
    service: Service
    port: int

    def url(self, db: int = 0) -> str:
        return f"redis://{LOOPBACK}:{self.port}/{db}"

    def stop(self) -> None:
        self.service.stop()


def start_redis(logs: Path, timeout: float = 60) -> Redis:
    base = Path(tempfile.mkdtemp(prefix="newsetl-redis-"))
    port = free_port()
    args = [
        redis_binary(),
        "--port", str(port),
        "--bind", LOOPBACK,
        "--save", "",
        "--appendonly", "no",
        "--dir", str(base),
        "--daemonize", "no",
    ]  # fmt: skip
    service = start("redis", args, logs / "redis.log", cwd=base)
    service.cleanup.append(lambda: shutil.rmtree(base, ignore_errors=True))
    server = Redis(service, port)

    def pong() -> bool:
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        return False

    try:
        wait_until(pong, service, timeout, "PONG")
    except BaseException:
        server.stop()
        raise
    return server


# --- S3 (moto) --------------------------------------------------------------------------------


@dataclass
class S3:
    """moto's standalone server: an in-memory S3 implementation on 127.0.0.1."""

    service: Service
    port: int
    region: str = "us-east-1"

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """What every process touching the bucket needs (botocore and s3fs read these)."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": self.region,
        }

    def client(self):  # -> botocore S3 client
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def filesystem(self):  # -> s3fs.S3FileSystem
        """An s3fs filesystem on this server, independent of this process's environment."""
        import s3fs

        return s3fs.S3FileSystem(
            key="testing",
            secret="testing",
            endpoint_url=self.endpoint,
            client_kwargs={"region_name": self.region},
            skip_instance_cache=True,
        )

    def create_bucket(self, name: str) -> str:
        self.client().create_bucket(Bucket=name)
        return f"s3://{name}"

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        paginator = self.client().get_paginator("list_objects_v2")
        return sorted(
            item["Key"]
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
            for item in page.get("Contents", [])
        )

    def upload_tree(self, local: Path, bucket: str, prefix: str) -> list[str]:
        client = self.client()
        keys = []
        for path in sorted(p for p in local.rglob("*") if p.is_file()):
            key = f"{prefix.strip('/')}/{path.relative_to(local).as_posix()}"
            client.upload_file(str(path), bucket, key)
            keys.append(key)
        return keys

    def stop(self) -> None:
        self.service.stop()


def start_s3(logs: Path, timeout: float = 90) -> S3:
    server_bin = VENV_BIN / "moto_server"
    if not server_bin.exists():
        raise ServerUnavailable(f"{server_bin} missing: `make venv` installs moto[server] (dev group)")
    port = free_port()
    service = start("moto", [str(server_bin), "-H", LOOPBACK, "-p", str(port)], logs / "moto.log")
    server = S3(service, port)

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"{server.endpoint}/moto-api/", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer means the server is up
        except (urllib.error.URLError, OSError):
            return False

    try:
        wait_until(answers, service, timeout, "HTTP answers")
    except BaseException:
        server.stop()
        raise
    return server


@contextlib.contextmanager
def running(server: Postgres | Redis | S3) -> Iterator[Postgres | Redis | S3]:
    try:
        yield server
    finally:
        server.stop()
