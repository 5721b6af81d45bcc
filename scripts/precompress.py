"""Precompressed siblings of the site's large files, for hosts that serve them as they are.

A host set up with nginx's ``gzip_static``/``brotli_static`` (or Apache's and Caddy's
equivalents, or a CDN that honours them) sends ``file.br`` or ``file.gz`` instead of ``file`` when
the browser accepts that encoding, without compressing on every request. The build writes both
for every large compressible file: brotli at quality 10 (Node's zlib, already needed by the
build; quality 11 takes minutes for the 9.6 MB ``.wasm`` for 3 % less), gzip at level 9
(Python's). Both are cached by content in ``node_modules/.cache/``, so a rebuild costs nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import subprocess
from pathlib import Path

from scripts.wheel import ROOT

CACHE = ROOT / "node_modules" / ".cache" / "alliance-precompressed"
SCRIPT = ROOT / "scripts" / "brotli.mjs"
#: files worth compressing: text, WebAssembly, and the standard library zip (stored, not deflated)
SUFFIXES = {".wasm", ".mjs", ".js", ".json", ".css", ".html", ".svg", ".xml", ".txt"}
STORED_ZIPS = {"python_stdlib.zip"}
MIN_BYTES = 50_000
#: a sibling that saves less than this share is not written (the host sends the file itself)
MIN_SAVING = 0.1
ENCODINGS = (".br", ".gz")
log = logging.getLogger("mkdocs.hooks.alliance")


class PrecompressError(RuntimeError):
    pass


def large_files(site_dir: Path) -> list[Path]:
    return [
        path
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and (path.suffix in SUFFIXES or path.name in STORED_ZIPS) and path.stat().st_size >= MIN_BYTES
    ]


def write_siblings(site_dir: Path) -> tuple[int, int, int]:
    """Write ``.br`` and ``.gz`` beside each large file; (files, bytes before, brotli bytes)."""
    files = large_files(site_dir)
    CACHE.mkdir(parents=True, exist_ok=True)
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest()[:32] for path in files}
    missing_br = [
        (path, CACHE / f"{digest}.br") for path, digest in digests.items() if not (CACHE / f"{digest}.br").exists()
    ]
    if missing_br:
        _brotli(missing_br)
    before = after = 0
    for path, digest in digests.items():
        data = path.read_bytes()
        gz = CACHE / f"{digest}.gz"
        if not gz.exists():
            gz.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        for suffix, cached in ((".br", CACHE / f"{digest}.br"), (".gz", gz)):
            sibling = path.with_name(path.name + suffix)
            encoded = cached.read_bytes()
            if len(encoded) <= len(data) * (1 - MIN_SAVING):
                sibling.write_bytes(encoded)
            else:
                sibling.unlink(missing_ok=True)
        before += len(data)
        after += (CACHE / f"{digest}.br").stat().st_size
    return len(files), before, after


def _brotli(pairs: list[tuple[Path, Path]]) -> None:
    arguments = [str(p) for pair in pairs for p in pair]
    done = subprocess.run(["node", str(SCRIPT), *arguments], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or not all(out.exists() for _, out in pairs):
        raise PrecompressError(f"brotli compression under Node failed:\n{(done.stderr or done.stdout)[-2000:]}")
