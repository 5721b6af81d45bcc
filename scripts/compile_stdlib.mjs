// Build step, run by scripts/stdlib_bytecode.py: the part of Python's standard library that the
// site's Python uses, compiled to bytecode with Pyodide itself (the same interpreter as in the
// browser, so the bytecode always matches it), and nothing else.
//
// Pyodide's npm package ships its whole standard library as sources, so every browser downloads
// 559 modules and compiles each one it imports, on every start. This boots Pyodide, installs the
// widgets wheel with loadPackage (as the browser does), starts the widgets as the worker does
// (including an error reply), imports what the widgets import, and writes a zip of exactly the
// modules that were imported, as bytecode (.pyc, unchecked hash-based: valid without its source)
// and without docstrings.
// The zip is stored uncompressed: a host's gzip or brotli, or the build's precompressed siblings,
// shrink it far better than deflating each member on its own.
//
// usage: node scripts/compile_stdlib.mjs <lock file> <package> <out.zip> <module…>
import { loadPyodide } from "pyodide";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const [lockFile, packageName, outZip, ...modules] = process.argv.slice(2);
const lockPath = resolve(lockFile);
const pyodide = await loadPyodide({ lockFileURL: lockPath, packageBaseUrl: dirname(lockPath) + "/" });
const problems = [];
await pyodide.loadPackage(packageName, { messageCallback: () => {}, errorCallback: (line) => problems.push(line) });
if (!(packageName in pyodide.loadedPackages)) {
  console.error(`could not install ${packageName}: ${problems.join(" ")}`);
  process.exit(2);
}
const work = mkdtempSync(join(dirname(resolve(outZip)), ".stdlib-"));   // then one atomic rename
pyodide.FS.mkdirTree("/out");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/out");
pyodide.globals.set("MODULES", pyodide.toPy(modules));
const report = pyodide.runPython(`
import importlib, sys
for name in MODULES:
    try:
        importlib.import_module(name)
    except ImportError:       # e.g. an import the widgets guard for CPython only
        pass
# what python-worker.js runs (widgets.runtime's functions): start, warm up every widget module
# (reading its actions' shapes), a reply checked against its shape, an error reply, a Python error
import json
import widgets.runtime as runtime
runtime.start()
for module in json.loads(runtime.widget_modules()):
    runtime.warm_up(module)
import sysconfig
sysconfig.get_paths()         # where wheels are unpacked: kept compiled
runtime.dispatch(json.dumps({"id": 1, "widget": "classifier", "action": "check", "payload": {"answers": {}}}))
runtime.dispatch(json.dumps({"id": 2, "widget": "quiz", "action": "open", "payload": {"module": 1}}))
runtime.dispatch("this is not a request")
runtime.dispatch(json.dumps({"id": 3, "widget": "nothing", "action": "none", "payload": {}}))
try:
    raise ValueError("a traceback, as Pyodide formats one")
except ValueError:
    import traceback
    traceback.format_exc()
archive = next(p for p in sys.path if p.endswith(".zip"))
used = set()          # read before importing the tools below, which the site does not need
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(archive + "/"):
        used.add(origin[len(archive) + 1:])

import ast, importlib.util, marshal, zipfile

def without_docstrings(tree):
    """Docstrings are most of a module's bytecode and nothing runs them (asserts are kept)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = node.body[1:] or [ast.copy_location(ast.Pass(), first)]
    return tree

HEADER = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")   # hash-based, unchecked
with zipfile.ZipFile(archive) as source, zipfile.ZipFile("/out/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    total = sum(name.endswith(".py") for name in source.namelist())
    for info in sorted(source.infolist(), key=lambda i: i.filename):
        if info.filename not in used:
            continue
        data = source.read(info)
        filename = f"{archive}/{info.filename}"
        code = compile(without_docstrings(ast.parse(data, filename)), filename, "exec", dont_inherit=True)
        entry = zipfile.ZipInfo(info.filename + "c", info.date_time)
        out.writestr(entry, HEADER + importlib.util.source_hash(data) + marshal.dumps(code))
f"{len(used)} of {total} modules shipped"
`);
pyodide.FS.unmount("/out");
renameSync(join(work, "stdlib.zip"), resolve(outZip));
rmSync(work, { recursive: true });
console.log(report);
