"""Requirements to install into the Airflow image: the lock's pins, minus what the image already has.

    python image_requirements.py LOCK_REQUIREMENTS BASE_FREEZE > to-install.txt

LOCK_REQUIREMENTS is `uv export` of uv.lock (with the `celery` extra); BASE_FREEZE is
`pip freeze --all` of the base image as shipped. A package the base image has keeps the
image's version (Airflow's constraints chose it, and the image's providers were built and
tested against it): its line is dropped here, and the same freeze is passed to pip as
constraints, so nothing installed after can move it either. Every other package comes at the
lock's version. Runs with the standard library only (it runs inside the image before anything
is installed).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    """PEP 503 normalized name: case-insensitive, runs of `-_.` are one `-`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(text: str) -> list[tuple[str, str]]:
    """(canonical name, line) of each requirement; comments, options and `# via` notes dropped."""
    lines = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line or line.startswith("-"):
            continue
        match = _NAME.match(line)
        if match:
            lines.append((canonical(match.group(1)), line))
    return lines


def installed_names(freeze: str) -> set[str]:
    """Names in a `pip freeze` listing (`name==version`, `name @ url`, editable lines skipped)."""
    return {name for name, _ in requirement_lines(freeze)}


def to_install(lock_requirements: str, base_freeze: str) -> list[str]:
    base = installed_names(base_freeze)
    return [line for name, line in requirement_lines(lock_requirements) if name not in base]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lock_requirements, base_freeze = (Path(arg).read_text() for arg in argv)
    lines = to_install(lock_requirements, base_freeze)
    kept = len(requirement_lines(lock_requirements)) - len(lines)
    print(f"# {len(lines)} packages from uv.lock; {kept} kept at the base image's version")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
