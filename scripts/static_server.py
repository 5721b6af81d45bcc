"""A static file server for the built site, from a thread, at ``/`` or under a sub-path.

Used by the tests and by ``make bench``.

Serves ``.wasm`` as ``application/wasm`` and ``.mjs`` as JavaScript, as a correctly set up
host would. Tests can break it on purpose: ``server.wasm_type = "text/plain"`` or
``server.missing.add("python_stdlib.zip")``, or hold a file back until they release it:
``hold = server.hold("widgets.js")``, ``hold.requested.wait()``, ``hold.release()``.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}


@dataclass
class Hold:
    """A file the server answers only once the test releases it (or after ``timeout`` s)."""
    timeout: float = 60.0
    requested: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: "SiteServer._HTTPServer"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        self.server.owner.requests.append(self.path)

    def guess_type(self, path):
        suffix = Path(str(path)).suffix
        if suffix == ".wasm":
            return self.server.owner.wasm_type
        return TYPES.get(suffix) or super().guess_type(path)

    def translate_path(self, path):
        owner = self.server.owner
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(owner.prefix):
            return str(owner.root / "__outside_prefix__")
        return super().translate_path("/" + clean[len(owner.prefix):])

    def send_head(self):
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        hold = self.server.owner.held.get(name)
        if hold:
            hold.requested.set()
            hold.released.wait(hold.timeout)
        if name in self.server.owner.missing:
            self.send_error(404, "removed by the test")
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", self.server.owner.cache_control)
        super().end_headers()

    def copyfile(self, source, outputfile):
        before = source.tell()
        super().copyfile(source, outputfile)
        self.server.owner.bytes_sent += source.tell() - before


class SiteServer:
    class _HTTPServer(http.server.ThreadingHTTPServer):
        daemon_threads = True
        owner: "SiteServer"

        def handle_error(self, request, client_address):
            import sys

            if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                return  # the browser closed a page mid-download: not a problem
            super().handle_error(request, client_address)

    def __init__(self, root: Path, prefix: str = "/", port: int | None = None):
        self.root = Path(root)
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.port = port or free_port()
        self.wasm_type = "application/wasm"
        self.missing: set[str] = set()
        self.held: dict[str, Hold] = {}
        self.requests: list[str] = []
        self.cache_control = "no-cache"
        self.bytes_sent = 0
        handler = functools.partial(_Handler, directory=str(self.root))
        self.httpd = self._HTTPServer(("127.0.0.1", self.port), handler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def start(self) -> "SiteServer":
        self.thread.start()
        return self

    def hold(self, name: str) -> Hold:
        """Hold back every request for the file called ``name`` until released."""
        self.held[name] = Hold()
        return self.held[name]

    def stop(self) -> None:
        for hold in self.held.values():
            hold.release()
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        self.wasm_type = "application/wasm"
        self.missing.clear()
        for hold in self.held.values():
            hold.release()
        self.held.clear()
        self.requests.clear()
        self.bytes_sent = 0
