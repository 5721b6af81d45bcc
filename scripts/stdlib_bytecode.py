"""Python's standard library for the site, with bytecode for the modules its Python uses.

Pyodide's npm package ships the standard library as sources only, so a browser compiles every
module it imports, each time Python starts; on the build machine that was more than half of a
start. ``scripts/compile_stdlib.mjs`` compiles those modules once, at build time, with Pyodide
itself under Node (the browser's own interpreter, so the bytecode matches it exactly). Modules the
site does not import stay as source: the zip grows only by what is used.

The result is cached in ``node_modules/.cache/`` by what decides it: Pyodide's standard library,
the compile script, and the modules the widgets import (read from their source). Editing a widget
without changing its imports reuses the cache; ``npm ci`` clears it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import subprocess
from pathlib import Path

from scripts.wheel import PACKAGE, ROOT, package_files

SCRIPT = ROOT / "scripts" / "compile_stdlib.mjs"
CACHE = ROOT / "node_modules" / ".cache" / "alliance-stdlib"
log = logging.getLogger("mkdocs.hooks.alliance")


class StdlibError(RuntimeError):
    pass


def imported_modules(root: Path = ROOT) -> list[str]:
    """Every absolute import in the widgets package, outside the package itself, by full name
    (``json``, ``importlib.metadata``…), including imports inside functions."""
    names: set[str] = set()
    for path in package_files(root):
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in {PACKAGE, "__future__"})


def compiled_stdlib(pyodide_dir: Path, lock_file: Path, package: str) -> bytes:
    """The standard library zip with bytecode for what the widgets use (cached)."""
    modules = imported_modules()
    key_source = json.dumps(
        {
            "pyodide": hashlib.sha256((pyodide_dir / "python_stdlib.zip").read_bytes()).hexdigest(),
            "script": hashlib.sha256(SCRIPT.read_bytes()).hexdigest(),
            "modules": modules,
        },
        sort_keys=True,
    )
    cached = CACHE / f"{hashlib.sha256(key_source.encode()).hexdigest()[:20]}.zip"
    if cached.exists():
        return cached.read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["node", str(SCRIPT), str(lock_file), package, str(cached), *modules], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0 or not cached.exists():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])[-3000:]
        raise StdlibError(f"compiling the standard library with Pyodide under Node failed:\n{tail}")
    log.info("Standard library: %s to bytecode (cached for later builds)", done.stdout.strip())
    return cached.read_bytes()
