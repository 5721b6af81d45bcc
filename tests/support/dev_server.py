"""``mkdocs serve`` run the way ``make serve`` runs it (strict, live reload), on a copy of the
project that a test may change, on a free port. Always stop it: ``with DevServer(...) as server``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.static_server import free_port

#: the same bound as a test build (tests/support/site.py): the first build copies the Python runtime
#: into the site, which can take minutes on a busy shared machine (about 6 s on an idle one)
START_TIMEOUT_S = 600


class DevServer:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = project.parent / "mkdocs-serve.log"
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> DevServer:
        env = {**os.environ, "SITE_URL": self.url, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{self.port}", "--livereload"]
        with self.log_path.open("w") as log:
            self._process = subprocess.Popen(command, cwd=self.project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def get(self, url: str) -> tuple[int, str]:
        """Status and text of one page (a hung server fails here instead of hanging the test)."""
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited with {self._process.returncode}:\n{self.log()}")
            try:
                if self.get(self.url)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"mkdocs serve did not answer within {START_TIMEOUT_S} s:\n{self.log()}")

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=20)
