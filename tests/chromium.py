"""Headless Chromium driven over the DevTools protocol (a pipe: no port, no extra package), offline.

`open_page` loads a page with the network disabled (a dead proxy, every host
unresolvable), records every request and every failed one, evaluates a script
and takes a full-page screenshot. `ensure_chromium` installs Debian's
`chromium` with apt-get when it is missing and the tests run as root (CI is a
fresh root machine).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # no network: every connection goes to a dead proxy and no host name resolves
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def ensure_chromium() -> str | None:
    """The chromium binary, installing it with apt-get as root when missing; None when it cannot be had."""
    found = shutil.which("chromium")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True, timeout=900)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"],
        check=True,
        env=env,
        capture_output=True,
        timeout=1800,
    )
    return shutil.which("chromium")


@dataclass
class PageVisit:
    requests: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    evaluated: Any = None
    screenshot: bytes = b""


class _Pipe:
    """DevTools messages: JSON, each ended by a NUL byte, on the child's fds 3 (in) and 4 (out)."""

    def __init__(self, binary: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child, before exec: fds 3 and 4 are the pipe's ends
            # via fds >= 10 first, so that neither end is already 3 or 4 (dup2 onto itself keeps CLOEXEC)
            inbound = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            outbound = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            close_fds=False,  # fds 3 and 4 must reach chromium; Python's own fds are not inheritable anyway
            start_new_session=True,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 120,
    ) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            message = self._read(deadline)
            if message.get("method") == method:
                return message
            self.events.append(message)

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=30)
        except Exception:
            os.killpg(self.process.pid, 9)
            self.process.wait(timeout=30)
        finally:
            os.close(self._to_child)
            os.close(self._from_child)


def open_page(binary: str, url: str, script: str, width: int = 1280) -> PageVisit:
    """Load `url` offline, run `script` (its JSON-able value is kept), screenshot the whole page."""
    visit = PageVisit()
    with tempfile.TemporaryDirectory(prefix="newsetl-chromium-") as profile:
        pipe = _Pipe(binary, profile)
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Network", "Page", "Runtime"):
                pipe.call(f"{domain}.enable", session=session)
            pipe.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            pipe.call("Page.navigate", {"url": url}, session=session)
            pipe.wait_for("Page.loadEventFired")
            result = pipe.call(
                "Runtime.evaluate", {"expression": script, "returnByValue": True}, session=session
            )
            visit.evaluated = result.get("result", {}).get("value")
            height = pipe.call(
                "Runtime.evaluate",
                {"expression": "document.documentElement.scrollHeight", "returnByValue": True},
                session=session,
            )["result"]["value"]
            shot = pipe.call(
                "Page.captureScreenshot",
                {
                    "format": "png",
                    "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
                },
                session=session,
            )
            visit.screenshot = base64.b64decode(shot["data"])
            for event in pipe.events:
                params = event.get("params", {})
                if event.get("method") == "Network.requestWillBeSent":
                    visit.requests.append(params["request"]["url"])
                elif event.get("method") == "Network.loadingFailed":
                    visit.failed.append(params)
                elif event.get("method") == "Runtime.exceptionThrown":
                    visit.exceptions.append(json.dumps(params)[:300])
        finally:
            pipe.close()
    return visit


def save(visit: PageVisit, path: Path) -> Path:
    path.write_bytes(visit.screenshot)
    return path
