"""docker/ agrees with the project: image and Python version, lock, DAGs path, environment.

Docker does not run here, so the files are parsed (PyYAML for the compose file)
and checked against pyproject.toml, the DAG file and the package sources.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
SERVICES = {
    "postgres",
    "redis",
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
}
VAR = re.compile(r"\$\{(\w+)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}")


def dotenv(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose-style ${VAR}, ${VAR:-default}, ${VAR:?error} against `env`; `$$` is a literal `$`."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if op and op.endswith("?"):
            raise KeyError(f"{name} is required: {arg}")
        return arg or ""

    return VAR.sub(one, value.replace("$$", "\0")).replace("\0", "$")


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", (DOCKER / "Dockerfile").read_text())
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, args = line.partition(" ")
            steps.append((instruction.upper(), args.strip()))
    return steps


@pytest.fixture(scope="module")
def env_example() -> dict[str, str]:
    return dotenv(DOCKER / ".env.example")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "docker-compose.yaml").read_text())


@pytest.fixture(scope="module")
def common_env(compose: dict, env_example: dict[str, str]) -> dict[str, str]:
    """The shared Airflow environment as a container sees it after `cp .env.example .env`
    and filling in the secrets."""
    env = {**env_example, "AIRFLOW_JWT_SECRET": "jwt", "AIRFLOW_API_SECRET_KEY": "key"}
    raw = compose["services"]["airflow-scheduler"]["environment"]
    return {k: interpolate(str(v), env) for k, v in raw.items()}


def airflow_pin(pyproject: dict) -> str:
    pins = [d for d in pyproject["project"]["dependencies"] if re.match(r"apache-airflow\s*==", d)]
    assert len(pins) == 1, pins
    return pins[0].split("==", 1)[1].strip()


def python_minor(pyproject: dict) -> str:
    match = re.search(r">=\s*(3\.\d+)", pyproject["project"]["requires-python"])
    assert match
    return match.group(1)


def final_stage(dockerfile: list[tuple[str, str]]) -> list[tuple[str, str]]:
    starts = [i for i, (ins, _) in enumerate(dockerfile) if ins == "FROM"]
    return dockerfile[starts[-1] :]


def test_image_is_the_official_airflow_matching_the_lock(dockerfile, pyproject) -> None:
    base = final_stage(dockerfile)[0][1].split()[0]
    assert base == f"apache/airflow:{airflow_pin(pyproject)}-python{python_minor(pyproject)}"
    assert airflow_pin(pyproject) == "3.3.2" and python_minor(pyproject) == "3.11"
    args = dict(a.split("=", 1) for ins, a in final_stage(dockerfile) if ins == "ARG" and "=" in a)
    assert args.get("AIRFLOW_VERSION") == airflow_pin(pyproject)


def test_dependencies_come_from_the_lock(dockerfile) -> None:
    runs = " ".join(a for ins, a in dockerfile if ins == "RUN")
    copies = [a for ins, a in dockerfile if ins == "COPY"]
    assert any("uv.lock" in c for c in copies)
    assert "uv export --frozen" in runs and "--no-dev" in runs and "--extra celery" in runs
    # The image's packages are constraints; the lock supplies only what the image lacks.
    assert "pip freeze --all" in runs
    assert re.search(
        r"image_requirements\.py /opt/newsetl/requirements\.txt /opt/newsetl/base-image\.txt", runs
    )
    assert re.search(r"pip install .*-r /opt/newsetl/to-install\.txt -c /opt/newsetl/base-image\.txt", runs)
    assert '"apache-airflow==${AIRFLOW_VERSION}"' in runs  # Airflow cannot be moved by the lock
    assert re.search(r"pip install .*--no-deps /opt/newsetl", runs)
    assert "pip check" in runs
    assert "airflow.providers.celery.executors.celery_executor_utils" in runs


def test_image_holds_package_suites_and_dags(dockerfile) -> None:
    stage = final_stage(dockerfile)
    copies = {}
    for ins, args in stage:
        if ins == "COPY" and "--from" not in args:
            parts = [p for p in args.split() if not p.startswith("--")]
            for src in parts[:-1]:
                copies[src] = parts[-1]
    env = {}
    for ins, args in stage:
        if ins == "ENV":
            env.update(dict(re.findall(r"(\w+)=(\S+)", args)))
    for src in ("pipeline", "expectations", "dags", "pyproject.toml", "README.md"):
        assert src in copies, f"{src} is not copied into the image"
        assert (ROOT / src).exists()
    # The installed package looks for its suites through this variable.
    assert env["NEWSETL_EXPECTATIONS_DIR"] == copies["expectations"]
    assert list((ROOT / "expectations").glob("*.json"))
    assert env["AIRFLOW__CORE__DAGS_FOLDER"] == copies["dags"]


def test_compose_has_the_celery_deployment(compose: dict, common_env: dict[str, str]) -> None:
    services = compose["services"]
    assert set(services) >= SERVICES
    assert common_env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert common_env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql")
    assert "@postgres/" in common_env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert (
        common_env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
        and "@redis:" in (common_env["AIRFLOW__CELERY__BROKER_URL"])
    )
    commands = {name: services[name].get("command") for name in SERVICES}
    assert commands["airflow-apiserver"] == "api-server"
    assert commands["airflow-scheduler"] == "scheduler"
    assert commands["airflow-dag-processor"] == "dag-processor"
    assert commands["airflow-triggerer"] == "triggerer"
    assert commands["airflow-worker"] == "celery worker"
    init = " ".join(services["airflow-init"]["command"])
    assert "airflow db migrate" in init and "airflow pools set" in init


def test_workers_scale(compose: dict) -> None:
    worker = compose["services"]["airflow-worker"]
    # A fixed name or host port would make `--scale airflow-worker=N` fail.
    assert "container_name" not in worker
    assert "ports" not in worker


def test_components_share_api_url_and_secret(compose: dict, env_example: dict[str, str]) -> None:
    services = compose["services"]
    url = services["airflow-scheduler"]["environment"]["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]
    assert re.fullmatch(r"http://airflow-apiserver:8080/execution/", url)
    assert any(p.endswith(":8080") for p in services["airflow-apiserver"]["ports"])
    for name in SERVICES - {"postgres", "redis"}:
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == url, name
        assert "AIRFLOW_JWT_SECRET" in env["AIRFLOW__API_AUTH__JWT_SECRET"], name
    # Without a secret compose refuses to start rather than letting each component invent one.
    with pytest.raises(KeyError, match="AIRFLOW_JWT_SECRET"):
        interpolate(services["airflow-scheduler"]["environment"]["AIRFLOW__API_AUTH__JWT_SECRET"], {})
    assert "AIRFLOW_JWT_SECRET" in env_example


def test_dags_path_is_the_project_dags(compose: dict, common_env: dict[str, str]) -> None:
    dags_folder = common_env["AIRFLOW__CORE__DAGS_FOLDER"]
    mounts = compose["services"]["airflow-scheduler"]["volumes"]
    sources = {m.split(":")[1]: m.split(":")[0] for m in mounts}
    assert (DOCKER / sources[dags_folder]).resolve() == ROOT / "dags"
    build = compose["services"]["airflow-scheduler"]["build"]
    assert (DOCKER / build["context"] / build["dockerfile"]).resolve() == DOCKER / "Dockerfile"


def dag_env_vars() -> set[str]:
    source = (ROOT / "dags" / "news_etl.py").read_text()
    return set(re.findall(r"[\"'](NEWSETL_[A-Z_]+)[\"']", source))


def package_env_vars() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        found |= set(re.findall(r"[\"'](NEWSETL_[A-Z_]+)[\"']", path.read_text()))
    return found


def test_compose_sets_every_variable_the_dag_reads(common_env, env_example) -> None:
    read = dag_env_vars()
    assert {"NEWSETL_SOURCE", "NEWSETL_OUTPUT"} <= read
    assert read <= set(common_env), read - set(common_env)
    assert read <= set(env_example), read - set(env_example)


def test_compose_sets_no_variable_nobody_reads(compose: dict, common_env) -> None:
    set_here = {k for k in common_env if k.startswith("NEWSETL_")}
    unknown = set_here - dag_env_vars() - package_env_vars()
    assert not unknown, f"set in compose but read nowhere: {unknown}"
    init_env = compose["services"]["airflow-init"]["environment"]
    assert "NEWSETL_POOL_SLOTS" in init_env


def test_defaults_point_at_mounted_data(compose: dict, common_env: dict[str, str], env_example) -> None:
    assert common_env["NEWSETL_SOURCE"] == "/data/raw/{date}/"
    mounts = [interpolate(m, env_example) for m in compose["services"]["airflow-worker"]["volumes"]]
    targets = {m.split(":")[1]: m.split(":")[0] for m in mounts}
    assert common_env["NEWSETL_SOURCE"].startswith(next(t for t in targets if t == "/data/raw"))
    assert common_env["NEWSETL_OUTPUT"] in targets
    raw = (DOCKER / targets["/data/raw"]).resolve()
    assert raw == ROOT / "sample" / "raw"
    assert any(p.is_dir() for p in raw.iterdir())


def test_pool_name_agrees(common_env: dict[str, str]) -> None:
    dag_source = (ROOT / "dags" / "news_etl.py").read_text()
    assert re.search(r'os\.environ\.get\("NEWSETL_POOL", "newsetl"\)', dag_source)
    assert common_env["NEWSETL_POOL"] == "newsetl"
    script = (ROOT / "scripts" / "airflow_local.py").read_text()
    assert re.search(r'^POOL = "newsetl"$', script, re.M)


def test_every_variable_compose_reads_is_documented(env_example: dict[str, str]) -> None:
    text = (DOCKER / "docker-compose.yaml").read_text().replace("$$", "")
    referenced = {m.group(1) for m in VAR.finditer(text)}
    assert referenced - set(env_example) == set()


# --- the Celery deployment ------------------------------------------------------------------

AIRFLOW_SERVICES = SERVICES - {"postgres", "redis"}


def service_env(compose: dict, name: str, env_example: dict[str, str]) -> dict[str, str]:
    env = {**env_example, "AIRFLOW_JWT_SECRET": "jwt", "AIRFLOW_API_SECRET_KEY": "key"}
    return {k: interpolate(str(v), env) for k, v in compose["services"][name]["environment"].items()}


def test_every_airflow_process_gets_newsetl_and_object_store_settings(compose, env_example) -> None:
    # Param defaults are read where the DAG is parsed (dag-processor), tasks touch the bucket
    # on the workers, and the api-server and scheduler load the DAG too.
    needed = dag_env_vars() | {
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL",
    }
    for name in AIRFLOW_SERVICES:
        missing = needed - set(compose["services"][name]["environment"])
        assert not missing, f"{name} lacks {sorted(missing)}"
    with_endpoint = {**env_example, "AWS_ENDPOINT_URL": "http://minio:9000", "AWS_SESSION_TOKEN": "t"}
    worker = {
        k: interpolate(str(v), {**with_endpoint, "AIRFLOW_JWT_SECRET": "j", "AIRFLOW_API_SECRET_KEY": "k"})
        for k, v in compose["services"]["airflow-worker"]["environment"].items()
    }
    assert worker["AWS_ENDPOINT_URL"] == "http://minio:9000" and worker["AWS_SESSION_TOKEN"] == "t"


def test_celery_settings_are_deliberate(common_env: dict[str, str]) -> None:
    # A bare db+postgresql:// needs psycopg 3 under SQLAlchemy 2; the image has psycopg2.
    assert common_env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql+psycopg2://")
    assert "@postgres/" in common_env["AIRFLOW__CELERY__RESULT_BACKEND"]
    visibility = int(common_env["AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT"])
    heartbeat = int(common_env["AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT"])
    retry_delay = int(common_env["AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY"])
    # Redis must never hand a running shard to a second worker; a lost worker is detected by
    # the heartbeat timeout well before that, and its task retried.
    assert visibility >= 3 * 3600
    assert 30 <= heartbeat < visibility
    assert 0 < retry_delay <= 300
    assert "AIRFLOW__CELERY__POOL" not in common_env  # Celery's default prefork pool, as tested


def test_compose_runs_what_the_distributed_test_ran(common_env: dict[str, str]) -> None:
    from tests.test_distributed import celery_settings

    tested = celery_settings("postgresql+psycopg2://u@127.0.0.1:5432/airflow", "redis://127.0.0.1:6379/0")
    assert common_env["AIRFLOW__CORE__EXECUTOR"] == tested["AIRFLOW__CORE__EXECUTOR"]
    scheme = tested["AIRFLOW__CELERY__RESULT_BACKEND"].split("://", 1)[0]
    assert common_env["AIRFLOW__CELERY__RESULT_BACKEND"].split("://", 1)[0] == scheme
    key = "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT"
    assert common_env[key] == tested[key]
    assert "AIRFLOW__CELERY__POOL" not in tested


# --- the image's install step, resolved offline ------------------------------------------------


def uv_command() -> list[str]:
    found = shutil.which("uv")
    if found:
        return [found]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True, check=False)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    pytest.skip("uv is not installed (make venv installs it)")


def export_command(dockerfile: list[tuple[str, str]]) -> list[str]:
    """The Dockerfile's own `uv export ...` (stage 1), with its output redirected by the caller."""
    runs = [a for ins, a in dockerfile if ins == "RUN" and a.startswith("uv export")]
    assert len(runs) == 1, runs
    args = runs[0].split()
    out = args.index("-o")
    return [*args[1:out], *args[out + 2 :]]


def lock_closure(roots: set[str], extras: dict[str, set[str]] | None = None) -> dict[str, str]:
    """name -> version of `roots` and everything they depend on, read from uv.lock."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    packages = {p["name"]: p for p in lock["package"]}
    seen: dict[str, str] = {}
    todo = [(name, set((extras or {}).get(name, ()))) for name in roots]
    while todo:
        name, wanted = todo.pop()
        package = packages[name]
        first = name not in seen
        seen[name] = package["version"]
        deps = list(package.get("dependencies", [])) if first else []
        for extra in wanted:
            deps += package.get("optional-dependencies", {}).get(extra, [])
        for dep in deps:
            todo.append((dep["name"], set(dep.get("extra", []))))
    return seen


@pytest.fixture(scope="module")
def image_install(dockerfile, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The image's install inputs as the Dockerfile makes them, against a base image that holds
    Airflow at the lock's pins (the real image's freeze is only known inside a docker build)."""
    work = tmp_path_factory.mktemp("image")
    uv = uv_command()
    exported = work / "requirements.txt"
    proc = subprocess.run(
        [*uv, *export_command(dockerfile), "-o", str(exported), "--offline", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    base = work / "base-image.txt"
    airflow = lock_closure({"apache-airflow"})
    base.write_text("".join(f"{name}=={version}\n" for name, version in sorted(airflow.items())))
    plan = work / "to-install.txt"
    proc = subprocess.run(
        [sys.executable, str(DOCKER / "image_requirements.py"), str(exported), str(base)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    plan.write_text(proc.stdout)
    return {
        "uv": Path(uv[0]) if len(uv) == 1 else Path(sys.executable),
        "exported": exported,
        "base": base,
        "plan": plan,
    }


def _pins(path: Path) -> dict[str, str]:
    sys.path.insert(0, str(DOCKER))
    try:
        from image_requirements import requirement_lines
    finally:
        sys.path.pop(0)
    pins = {}
    for name, line in requirement_lines(path.read_text()):
        spec = line.split(";", 1)[0].strip()
        pins[name] = spec.split("==", 1)[1].strip() if "==" in spec else ""
    return pins


def test_image_installs_the_celery_group_from_the_lock(image_install: dict[str, Path]) -> None:
    exported = _pins(image_install["exported"])
    lock = tomllib.loads((ROOT / "pyproject.toml").read_text())
    celery_group = {
        re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower()
        for d in lock["project"]["optional-dependencies"]["celery"]
    }
    assert celery_group <= set(exported), celery_group - set(exported)
    assert exported["apache-airflow-providers-celery"] == "3.26.0"
    assert exported["celery"].startswith("5.6.")  # 5.7.0 breaks provider 3.26.0
    assert exported["apache-airflow"] == "3.3.2"
    assert not {"pytest", "moto", "ruff"} & set(exported), "dev tools in the image"
    assert "newsetl" not in exported


def test_image_install_keeps_the_base_image_packages(image_install: dict[str, Path]) -> None:
    exported, base, plan = (_pins(image_install[k]) for k in ("exported", "base", "plan"))
    assert not set(plan) & set(base), "the plan reinstalls packages the image has"
    assert set(plan) | (set(exported) & set(base)) == set(exported)
    assert {"celery", "trafilatura", "great-expectations", "duckdb"} <= set(plan)


def dry_run(image_install: dict[str, Path], base: Path) -> subprocess.CompletedProcess[str]:
    """The image's `pip install` line, resolved by uv without network against this project's
    environment (the versions the test suite runs with): what it would change, if anything."""
    uv = [str(image_install["uv"])] if image_install["uv"].name == "uv" else [sys.executable, "-m", "uv"]
    return subprocess.run(
        [
            *uv,
            "pip",
            "install",
            "--dry-run",
            "--offline",
            "--python",
            str(ROOT / ".venv" / "bin" / "python"),
            "apache-airflow==3.3.2",
            "-r",
            str(image_install["plan"]),
            "-c",
            str(base),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_image_install_resolves_offline_without_moving_a_pin(image_install: dict[str, Path]) -> None:
    proc = dry_run(image_install, image_install["base"])
    assert proc.returncode == 0, proc.stderr
    assert "Would make no changes" in proc.stderr, proc.stderr


def test_dry_run_catches_a_base_pin_the_lock_cannot_live_with(image_install, tmp_path: Path) -> None:
    # A base image whose kombu is older than celery 5.6 accepts: the install cannot keep it.
    base = tmp_path / "base-image.txt"
    base.write_text(image_install["base"].read_text() + "kombu==5.3.0\n")
    proc = dry_run(image_install, base)
    assert proc.returncode != 0
    assert "kombu" in proc.stderr, proc.stderr
