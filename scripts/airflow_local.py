"""Start and stop a local Airflow for newsetl (the `make airflow` targets).

A local Airflow here is three processes — api-server, scheduler, dag-processor —
with the LocalExecutor and a SQLite metadata DB under ``.airflow/``, reading the
project's ``dags/`` and pointed at the bundled sample corpus. All three run in
one process group whose id is recorded in ``<home>/airflow.pid``; ``stop``
signals that group and nothing else.

    python scripts/airflow_local.py run      # start, print URL + login, Ctrl-C stops
    python scripts/airflow_local.py start    # start in the background and return
    python scripts/airflow_local.py stop     # stop the recorded process group
    python scripts/airflow_local.py status

Settings come from the environment when set (``AIRFLOW__…``, ``NEWSETL_SOURCE``,
``NEWSETL_OUTPUT``) so tests can reuse this script with a temporary home.
``<home>/env.sh`` holds the environment for running ``airflow`` CLI commands
against this instance.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_HOME = ROOT / ".airflow"
DEFAULT_PORT = 8080
POOL = "newsetl"
COMPONENTS = (("api-server",), ("scheduler",), ("dag-processor",))
PID_FILE = "airflow.pid"


def airflow_bin() -> str:
    """The venv's `airflow`, else whatever is on PATH."""
    candidate = VENV_BIN / "airflow"
    return str(candidate) if candidate.exists() else "airflow"


def _secret(home: Path, name: str) -> str:
    """A random secret kept in the home so restarts keep sessions and tokens valid."""
    path = home / name
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def airflow_env(
    home: Path,
    port: int,
    *,
    source: str | None = None,
    output: str | None = None,
    log_port: int | None = None,
    base: dict[str, str] | None = None,
    database_url: str | None = None,
) -> dict[str, str]:
    """Environment for every Airflow process of this instance.

    Values already present in ``base`` win, except the ones that tie the
    components together (home, DB, port, secrets), which must agree. The
    metadata DB is SQLite under the home unless ``database_url`` names another
    (the distributed test passes PostgreSQL and sets the CeleryExecutor in ``base``).
    """
    env = dict(os.environ if base is None else base)
    home = home.resolve()
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    tunables = {
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        # SQLite takes one writer at a time: keep concurrency low.
        "AIRFLOW__CORE__PARALLELISM": "2",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
        # The DAG's tasks retry after this many seconds (the DAG sets no delay of its own).
        "AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY": "30",
        "GX_ANALYTICS_ENABLED": "false",
        "NEWSETL_SOURCE": source or str(ROOT / "sample" / "raw" / "{date}"),
        "NEWSETL_OUTPUT": output or str(ROOT / "out"),
    }
    for key, value in tunables.items():
        env.setdefault(key, value)
    if source:
        env["NEWSETL_SOURCE"] = source
    if output:
        env["NEWSETL_OUTPUT"] = output
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            # Wait up to a minute for SQLite's write lock instead of the default 5 s:
            # CLI commands (backfill create) write while the scheduler does.
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": database_url
            or f"sqlite:///{home / 'airflow.db'}?timeout=60",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": f"http://localhost:{port}",
            # Separately started components must agree on where the execution
            # API lives and on the key that signs task tokens.
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": _secret(home, "jwt_secret"),
            "AIRFLOW__API__SECRET_KEY": _secret(home, "api_secret_key"),
        }
    )
    if log_port is not None:
        env["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"] = str(log_port)
    return env


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run one `airflow` CLI command; raise with its output if it fails."""
    proc = subprocess.run(
        [airflow_bin(), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"airflow {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def _use_write_ahead_log(database: Path) -> None:
    """WAL lets CLI commands read while the scheduler writes; the mode is stored in the file."""
    import sqlite3

    if database.exists():
        with contextlib.closing(sqlite3.connect(database, timeout=60)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def prepare(home: Path, env: dict[str, str], pool_slots: int = 2) -> None:
    """Create the metadata DB and the pool the DAG's shard tasks run in."""
    home.mkdir(parents=True, exist_ok=True)
    run_cli(["db", "migrate"], env)
    if env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("sqlite:"):
        _use_write_ahead_log(home / "airflow.db")
    run_cli(["pools", "set", POOL, str(pool_slots), "newsetl shard processing"], env)
    write_env_file(home, env)


def write_env_file(home: Path, env: dict[str, str]) -> Path:
    """`source <home>/env.sh` gives a shell the settings of this instance."""
    keys = sorted(k for k in env if k.startswith(("AIRFLOW", "NEWSETL_", "GX_")))
    lines = [f"export {k}={shlex.quote(env[k])}" for k in keys]
    lines.append(f'export PATH={shlex.quote(str(VENV_BIN))}:"$PATH"')
    path = home / "env.sh"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def serve(env: dict[str, str], log_dir: Path) -> int:
    """Group leader: run the components and wait; the group is signalled as a whole."""
    procs = []
    for args in COMPONENTS:
        log = open(log_dir / f"{args[0]}.log", "ab")  # noqa: SIM115 - lives as long as the process
        procs.append(subprocess.Popen([airflow_bin(), *args], env=env, stdout=log, stderr=subprocess.STDOUT))

    def _terminate(signum: int, _frame: object) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    # One component dying leaves a broken instance: stop the others too.
    while all(p.poll() is None for p in procs):
        time.sleep(1)
    _terminate(signal.SIGTERM, None)
    for proc in procs:
        proc.wait()
    return 0


def read_pgid(home: Path) -> int | None:
    path = home / PID_FILE
    if not path.exists():
        return None
    try:
        return int(path.read_text().strip())
    except ValueError:
        return None


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def session_processes(sid: int) -> list[tuple[int, int, str]]:
    """(pid, process group, state) of every process in session `sid`, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if len(fields) > 3 and int(fields[3]) == sid:
            found.append((int(stat.parent.name), int(fields[2]), fields[0]))
    return found


def session_groups(sid: int) -> set[int]:
    """Process groups inside session `sid`.

    The leader starts a new session; Airflow's task supervisor puts each task in
    a process group of its own inside that session, so the session id finds
    them all without matching any process by name.
    """
    return {group for _pid, group, _state in session_processes(sid)}


def alive(sid: int) -> bool:
    """Something of the session still runs. Zombies do not count: a leader reparented to
    an init that never reaps (a container's PID 1) stays a zombie forever, yet is gone."""
    return any(state != "Z" for _pid, _group, state in session_processes(sid))


def start(home: Path, env: dict[str, str], timeout: float = 240) -> int:
    """Start the process group in the background; return its id once healthy."""
    home.mkdir(parents=True, exist_ok=True)
    old = read_pgid(home)
    if old is not None and alive(old):
        raise RuntimeError(f"already running as process group {old} (stop it first)")
    prepare(home, env)
    log_dir = home / "logs"
    log_dir.mkdir(exist_ok=True)
    leader = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "serve", "--home", str(home)],
        env=env,
        stdout=open(log_dir / "serve.log", "ab"),  # noqa: SIM115 - handed to the child
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stop() signals exactly this tree
    )
    (home / PID_FILE).write_text(str(leader.pid))
    try:
        wait_healthy(int(env["AIRFLOW__API__PORT"]), timeout, leader)
    except BaseException:  # Ctrl-C while starting too: leave nothing behind
        stop(home)
        raise
    return leader.pid


def health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/api/v2/monitor/health", timeout=5) as resp:
            return json.load(resp)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def wait_healthy(port: int, timeout: float, leader: subprocess.Popen | None = None) -> dict:
    """Wait until the API answers and the scheduler and dag-processor heartbeat."""
    deadline = time.monotonic() + timeout
    last: dict | None = None
    while time.monotonic() < deadline:
        if leader is not None and leader.poll() is not None:
            raise RuntimeError(f"airflow exited early with code {leader.returncode}; see the logs")
        last = health(port)
        if last and all(
            (last.get(part) or {}).get("status") == "healthy" for part in ("scheduler", "dag_processor")
        ):
            return last
        time.sleep(2)
    raise TimeoutError(f"airflow not healthy after {timeout:.0f}s: {last}")


def stop(home: Path, timeout: float = 60) -> bool:
    """SIGTERM the recorded process group (and the task groups of its session), SIGKILL what is left."""
    sid = read_pgid(home)
    if sid is None or not alive(sid):
        (home / PID_FILE).unlink(missing_ok=True)
        return False
    _signal_session(sid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(sid) and time.monotonic() < deadline:
        _reap(sid)
        time.sleep(0.5)
    deadline = time.monotonic() + 30
    while alive(sid) and time.monotonic() < deadline:
        # Again until empty: a process may fork a new task group between listing and signal.
        _signal_session(sid, signal.SIGKILL)
        _reap(sid)
        time.sleep(0.2)
    _reap(sid)
    (home / PID_FILE).unlink(missing_ok=True)
    return True


def _signal_session(sid: int, sig: int) -> None:
    for pgid in {sid} | session_groups(sid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, sig)


def _reap(pid: int) -> None:
    """Collect the leader if it is our own child, so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def login_hint(home: Path) -> str:
    if os.environ.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "").lower() == "true":
        return "no login needed (all users are admins)"
    password_file = home / "simple_auth_manager_passwords.json.generated"
    try:
        password = json.loads(password_file.read_text()).get("admin")
    except (OSError, ValueError):
        password = None
    return f"user admin, password {password}" if password else f"user admin, password in {password_file}"


def banner(home: Path, env: dict[str, str], pgid: int) -> str:
    port = env["AIRFLOW__API__PORT"]
    return "\n".join(
        [
            f"Airflow is up: http://localhost:{port}  ({login_hint(home)})",
            f"  process group {pgid} (recorded in {home / PID_FILE}); logs in {home / 'logs'}",
            f"  source {env['NEWSETL_SOURCE']}  ->  output {env['NEWSETL_OUTPUT']}",
            f"  CLI: source {home / 'env.sh'} && airflow dags trigger news_etl --logical-date 2025-01-22",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "start", "stop", "status", "serve"])
    parser.add_argument(
        "--home", type=Path, default=Path(os.environ.get("NEWSETL_AIRFLOW_HOME", DEFAULT_HOME))
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("NEWSETL_AIRFLOW_PORT", DEFAULT_PORT)))
    parser.add_argument("--source", help="NEWSETL_SOURCE template (default: the bundled sample corpus)")
    parser.add_argument("--output", help="NEWSETL_OUTPUT root (default: out/)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=240,
        help="seconds to wait for a healthy start (a busy machine needs more)",
    )
    args = parser.parse_args(argv)
    home = args.home.resolve()

    if args.command == "serve":  # internal: run by `start` as the group leader
        return serve(dict(os.environ), home / "logs")
    if args.command == "stop":
        print("stopped" if stop(home) else "not running")
        return 0
    if args.command == "status":
        pgid = read_pgid(home)
        running = pgid is not None and alive(pgid)
        print(f"running as process group {pgid}" if running else "not running")
        return 0 if running else 1

    home.mkdir(parents=True, exist_ok=True)
    env = airflow_env(home, args.port, source=args.source, output=args.output)
    pgid = start(home, env, timeout=args.timeout)
    print(banner(home, env, pgid), flush=True)
    if args.command == "start":
        print(f"  stop with: python scripts/airflow_local.py stop --home {home}")
        return 0
    print("  Ctrl-C stops it.", flush=True)

    def _interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Also when started without a terminal (SIGINT may be ignored) or sent SIGTERM.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while group_alive(pgid):
            _reap(pgid)
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop(home)
        print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
