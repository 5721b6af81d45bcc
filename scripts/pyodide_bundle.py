"""Put the Python runtime into the built site: Pyodide's core files and the widgets wheel.

Layout written under ``site/assets/``::

    pyodide/<version>/pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm
    python/<lock-hash>/pyodide-lock.json            lock with only the widgets package in it
    python/<lock-hash>/<wheel-hash>/alliance_widgets-<v>-py3-none-any.whl
    python/stdlib/<hash>/python_stdlib.zip          the standard library, what the site uses
                                                    compiled to bytecode (scripts/stdlib_bytecode.py)
    python/manifest.json                            what the loader reads first (revalidated)

Only what a stdlib-only program needs is copied. Everything with content in its URL is
immutable, so a browser or service worker may cache it forever.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.stdlib_bytecode import StdlibError, compiled_stdlib
from scripts.wheel import DIST_NAME, ROOT, build_wheel

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
#: files of CORE_FILES the worker fetches with ``fetch`` (counted by the progress indicator;
#: it fetches pyodide.asm.mjs itself before Pyodide imports it from the HTTP cache)
FETCHED = ("pyodide.asm.mjs", "pyodide.asm.wasm")


class BundleError(RuntimeError):
    pass


@dataclass(frozen=True)
class Bundle:
    manifest: dict

    @property
    def pyodide_version(self) -> str:
        return self.manifest["pyodide"]


def pyodide_version() -> str:
    package = PYODIDE_DIR / "package.json"
    if not package.exists():
        raise BundleError(f"{package.relative_to(ROOT)} is missing: run `make build` (it runs `npm ci`) first")
    return json.loads(package.read_text())["version"]


def _register_wheel(wheel_path: Path, base: Path, work: Path) -> dict:
    """Register the wheel in Pyodide's lock with `pyodide lockfile add-wheels` (pyodide-build)."""
    source = work / "pyodide-lock.source.json"
    lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text())
    lock["packages"] = {}  # no package but ours is shipped; keeps the lock small
    source.write_text(json.dumps(lock))
    out = work / "pyodide-lock.json"
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    command = [
        str(pyodide_cli),
        "lockfile",
        "add-wheels",
        "--input",
        str(source),
        "--output",
        str(out),
        "--base-path",
        str(base),
        str(wheel_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        raise BundleError(f"`pyodide lockfile add-wheels` failed:\n{done.stdout}{done.stderr}")
    return json.loads(out.read_text())


def write_runtime(site_dir: Path) -> Bundle:
    version = pyodide_version()
    assets = site_dir / "assets"
    core = assets / "pyodide" / version
    core.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        target = core / name
        source = PYODIDE_DIR / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)

    wheel = build_wheel()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheel_dir = work / "python" / wheel.sha256[:16]
        wheel_dir.mkdir(parents=True)
        (wheel_dir / wheel.filename).write_bytes(wheel.data)
        lock = _register_wheel(wheel_dir / wheel.filename, work / "python", work)
        lock_bytes = json.dumps(lock, indent=1, sort_keys=True).encode()
        lock_hash = hashlib.sha256(lock_bytes).hexdigest()[:16]
        python_dir = assets / "python" / lock_hash
        if python_dir.exists():
            shutil.rmtree(python_dir)
        (python_dir / wheel.sha256[:16]).mkdir(parents=True)
        (python_dir / wheel.sha256[:16] / wheel.filename).write_bytes(wheel.data)
        (python_dir / "pyodide-lock.json").write_bytes(lock_bytes)

    package = DIST_NAME.replace("_", "-")
    try:
        stdlib = compiled_stdlib(PYODIDE_DIR, python_dir / "pyodide-lock.json", package)
    except StdlibError as error:
        raise BundleError(str(error)) from error
    stdlib_hash = hashlib.sha256(stdlib).hexdigest()[:16]
    stdlib_dir = assets / "python" / "stdlib"
    if stdlib_dir.exists():
        shutil.rmtree(stdlib_dir)
    (stdlib_dir / stdlib_hash).mkdir(parents=True)
    (stdlib_dir / stdlib_hash / "python_stdlib.zip").write_bytes(stdlib)

    # what the worker downloads before Python can start (the wheel, fetched once Python is up, is
    # not counted: the page's stall limit applies only while these arrive)
    fetched_bytes = sum((core / n).stat().st_size for n in FETCHED) + len(stdlib) + len(lock_bytes)
    manifest = {
        "pyodide": version,
        "indexURL": f"pyodide/{version}/",
        "lockFileURL": f"python/{lock_hash}/pyodide-lock.json",
        "stdLibURL": f"python/stdlib/{stdlib_hash}/python_stdlib.zip",
        "package": package,
        "wheelSha256": wheel.sha256,
        "cacheKey": f"{version}+{wheel.sha256[:16]}+{stdlib_hash}",
        "bytes": fetched_bytes,
    }
    (assets / "python" / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return Bundle(manifest)
