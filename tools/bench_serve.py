"""How fast `make serve` shows an edit: seconds from a one-line data edit to the changed page being served.

Runs `mkdocs serve` on a copy of the project (the checkout's data is never touched), on a loopback port,
changes one red flag's title, and polls the page until the new title is there. That is what an author
sees, minus the browser's own reload.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "title: Vague about the real workload"
POLL_S = 0.01


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit_s: float = 120.0) -> float:
    """Seconds until ``url`` serves a page containing ``text``."""
    start = time.perf_counter()
    while text not in _get(url):
        if time.perf_counter() - start > limit_s:
            raise TimeoutError(f"{url} never showed {text!r}")
        time.sleep(POLL_S)
    return time.perf_counter() - start


def copy_project(into: Path) -> Path:
    """A copy of the project's sources to serve, edit, break and build (no venvs, builds, git or tests).

    The one copy the benchmark and the tests make (tests/conftest.py re-exports it)."""
    project = into / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv*", "site*", ".git", "tests", "__pycache__", ".site*", "build", "node_modules", ".cache"
        ),
    )
    return project


@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    """`mkdocs serve` of ``project`` on a free loopback port, once its first build is served: base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base + "red-flags/", "</html>")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit_latency(runs: int = 5) -> list[float]:
    """Seconds from each of ``runs`` one-line edits of data/red_flags.yaml to the page showing it."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = copy_project(Path(tmp))
        data = project / "data" / "red_flags.yaml"
        text = data.read_text(encoding="utf-8")
        if TITLE not in text:
            raise SystemExit(
                f"bench_serve: '{TITLE}' is not in data/red_flags.yaml; update tools/bench_serve.py"
            )
        with serving(project) as base:
            times = []
            for run in range(runs):
                marker = f"{TITLE[7:]} (edit {run})"
                data.write_text(text.replace(TITLE, f"title: {marker}"), encoding="utf-8")
                times.append(wait_for(base + "red-flags/", marker))
            return times


if __name__ == "__main__":
    print(" ".join(f"{t:.2f}" for t in edit_latency()))
