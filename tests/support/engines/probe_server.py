"""The built site served for the Firefox and WebKit tests, with a small probe script put first in
every page's <head>.

Why: WebKitGTK's WebDriver has no BiDi, so a test can neither read the console nor run a script
before the page's own. The probe does both, the same way in every engine:

- it records console.error calls, uncaught errors, unhandled rejections and files that failed to
  load in ``window.__engineProbe.errors`` (the drivers read them before leaving each page);
- with the cookie ``engine-probe=storage-throws`` set, every ``localStorage``/``sessionStorage``
  write throws ``QuotaExceededError``, as in Safari's private mode.

``probed(server)`` turns this on for the shared test server; ``server.down = True`` makes the site unreachable (every connection closes unanswered) without
taking the browser offline, which WebKitGTK's WebDriver cannot do.

The cookie, not the server, carries the option: once the service worker has kept a page it serves
its own copy, which holds the same probe.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.static_server import SiteServer, _Handler

STORAGE_THROWS_COOKIE = "engine-probe=storage-throws"

PROBE = """
(() => {
  const probe = window.__engineProbe = { errors: [] };
  const note = (text) => probe.errors.push(String(text));
  const original = console.error;
  console.error = function (...args) { note("console: " + args.map(String).join(" ")); return original.apply(this, args); };
  addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      // <link rel=next/prefetch> are hints (Firefox prefetches rel=next), not files the page needs
      if (!/\\b(next|prev|prefetch|dns-prefetch|preconnect)\\b/.test(target.rel || "")) note("failed to load: " + (target.src || target.href));
    }
    else note("uncaught: " + event.message + (event.error?.stack ? "\\n" + event.error.stack : ""));
  }, true);
  addEventListener("unhandledrejection", (event) => note("unhandled rejection: " + (event.reason?.message ?? event.reason)));
  if (document.cookie.split("; ").includes("{storage_throws_cookie}")) {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  }
})();
""".replace("{storage_throws_cookie}", STORAGE_THROWS_COOKIE)  # not format(): the JavaScript is full of braces

_TAG = b"<script>" + PROBE.encode() + b"</script>"
_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def with_probe(html: bytes) -> bytes:
    """The page with the probe as the first thing in its <head>."""
    injected, count = _HEAD.subn(lambda m: m.group(0) + _TAG, html, count=1)
    assert count == 1, "a page without <head>"
    return injected


class _ProbeHandler(_Handler):
    def send_head(self):
        if getattr(self.server.owner, "down", False):  # the site is gone: the connection closes with no answer
            self.close_connection = True
            return None
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and clean.endswith("/"):
            path = os.path.join(path, "index.html")
        if not (path.endswith(".html") and os.path.isfile(path)):
            return super().send_head()
        body = with_probe(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def probed(server: SiteServer) -> Iterator[SiteServer]:
    """While in the block, ``server`` (the tests' shared build, at the origin it was built for, which
    instant navigation needs) serves its pages with the probe, and can be taken down with
    ``server.down = True``."""
    plain = server.httpd.RequestHandlerClass
    server.httpd.RequestHandlerClass = functools.partial(_ProbeHandler, directory=str(server.root))
    server.down = False
    try:
        yield server
    finally:
        server.httpd.RequestHandlerClass = plain
        server.down = False
