"""A static file server for the built site, from a thread, at ``/`` or under a sub-path.

Used by the tests and by ``make bench``.

Serves ``.wasm`` as ``application/wasm`` and ``.mjs`` as JavaScript, as a correctly set up
host would. Tests can break it on purpose: ``server.wasm_type = "text/plain"`` or
``server.missing.add("python_stdlib.zip")``, or hold a file back until they release it:
``hold = server.hold("widgets.js")``, ``hold.requested.wait()``, ``hold.release()``, or send a
file slowly: ``server.pace("pyodide.asm.wasm", chunks=12, gap=0.3)`` trickles it in 12 parts,
and ``stop_after=0.5`` stops sending after half of it (the connection stays open, silent, until
the test releases it or ``reset()``). ``server.statuses`` lists ``(path, status)`` of each answer.

``server.compress = True`` answers as a typical static host does: a precompressed sibling
(``file.br``, ``file.gz``) when the browser accepts its encoding, else gzip made on the fly for
compressible types (``make bench``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import socket
import threading
import time
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


@dataclass
class Pace:
    """A file sent in ``chunks`` parts with ``gap`` seconds between them; ``stop_after`` (a
    fraction) stops sending part-way until ``released`` is set, then closes the connection."""

    chunks: int = 10
    gap: float = 0.3
    stop_after: float | None = None
    released: threading.Event = field(default_factory=threading.Event)
    stopped: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()


#: types a static host compresses on the fly (nginx ``gzip_types``-like, plus WebAssembly)
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/wasm",
    "application/manifest+json",
    "image/svg+xml",
    "application/xml",
)
#: precompressed siblings, in the order a host prefers them
SIBLINGS = (("br", ".br"), ("gzip", ".gz"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: SiteServer._HTTPServer

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
        return super().translate_path("/" + clean[len(owner.prefix) :])

    def send_response(self, code, message=None):
        self.server.owner.statuses.append((self.path.split("?", 1)[0], code))
        super().send_response(code, message)

    def send_head(self):
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        hold = self.server.owner.held.get(name)
        if hold:
            hold.requested.set()
            hold.released.wait(hold.timeout)
        if name in self.server.owner.missing:
            self.send_error(404, "removed by the test")
            return None
        if self.server.owner.compress:
            encoded = self._send_encoded_head()
            if encoded is not None:
                return encoded
        return super().send_head()

    def _send_encoded_head(self):
        """As a host with ``gzip_static``/``brotli_static`` and ``gzip on``: None to answer plainly."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return None
        if self.headers.get("If-Modified-Since") or self.headers.get("If-None-Match"):
            return None  # revalidation: the plain handler answers 304
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        ctype = self.guess_type(path)
        for encoding, suffix in SIBLINGS:
            if encoding in accepted and os.path.isfile(path + suffix):
                body = open(path + suffix, "rb")
                size = os.fstat(body.fileno()).st_size
                break
        else:
            if "gzip" not in accepted or not ctype.startswith(COMPRESSIBLE):
                return None
            with open(path, "rb") as plain:
                data = gzip.compress(plain.read(), compresslevel=6, mtime=0)
            encoding, body, size = "gzip", io.BytesIO(data), len(data)
        stat = os.stat(path)
        self.send_response(200)
        self.send_header("Content-type", ctype)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return body

    def end_headers(self):
        self.send_header("Cache-Control", self.server.owner.cache_control)
        super().end_headers()

    def copyfile(self, source, outputfile):
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        pace = self.server.owner.paced.get(name)
        before = source.tell()
        if pace is None:
            super().copyfile(source, outputfile)
        else:
            self._trickle(source, outputfile, pace)
        self.server.owner.bytes_sent += source.tell() - before

    def _trickle(self, source, outputfile, pace: Pace) -> None:
        data = source.read()
        source.seek(0)
        step = max(1, -(-len(data) // pace.chunks))
        stop_at = None if pace.stop_after is None else int(len(data) * pace.stop_after)
        for start in range(0, len(data), step):
            if stop_at is not None and start >= stop_at:
                pace.stopped.set()
                pace.released.wait(120)
                self.close_connection = True
                return
            outputfile.write(data[start : start + step])
            outputfile.flush()
            source.seek(start + step)
            if start + step < len(data):
                time.sleep(pace.gap)


class SiteServer:
    class _HTTPServer(http.server.ThreadingHTTPServer):
        daemon_threads = True
        owner: SiteServer

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
        self.statuses: list[tuple[str, int]] = []
        self.paced: dict[str, Pace] = {}
        self.compress = False
        self.cache_control = "no-cache"
        self.bytes_sent = 0
        handler = functools.partial(_Handler, directory=str(self.root))
        self.httpd = self._HTTPServer(("127.0.0.1", self.port), handler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def start(self) -> SiteServer:
        self.thread.start()
        return self

    def hold(self, name: str) -> Hold:
        """Hold back every request for the file called ``name`` until released."""
        self.held[name] = Hold()
        return self.held[name]

    def pace(self, name: str, chunks: int = 10, gap: float = 0.3, stop_after: float | None = None) -> Pace:
        """Send the file called ``name`` slowly (see the module's docstring)."""
        self.paced[name] = Pace(chunks, gap, stop_after)
        return self.paced[name]

    def stop(self) -> None:
        for hold in [*self.held.values(), *self.paced.values()]:
            hold.release()
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        self.wasm_type = "application/wasm"
        self.missing.clear()
        for hold in [*self.held.values(), *self.paced.values()]:
            hold.release()
        self.held.clear()
        self.paced.clear()
        self.compress = False
        self.requests.clear()
        self.statuses.clear()
        self.bytes_sent = 0
