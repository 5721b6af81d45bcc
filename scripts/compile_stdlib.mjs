// Build step, run by scripts/stdlib_bytecode.py: compile the part of Python's standard library
// that the site's Python uses into bytecode, with Pyodide itself (the same interpreter as in the
// browser, so the bytecode always matches it).
//
// Pyodide's npm package ships its standard library as sources only, so every browser compiles
// each module it imports, on every start: that is most of a start's time. This boots Pyodide,
// installs the widgets wheel with loadPackage (as the browser does), imports what the widgets
// import, and writes a copy of the standard library zip in which each module that was imported
// is bytecode (.pyc, unchecked hash-based: valid without its source) and every other module is
// left as source.
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
archive = next(p for p in sys.path if p.endswith(".zip"))
used = set()          # read before importing the tools below, which the site does not need
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(archive + "/"):
        used.add(origin[len(archive) + 1:])

import importlib.util, marshal, zipfile
HEADER = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")   # hash-based, unchecked
with zipfile.ZipFile(archive) as source, zipfile.ZipFile("/out/stdlib.zip", "w", zipfile.ZIP_DEFLATED) as out:
    total = sum(name.endswith(".py") for name in source.namelist())
    for info in source.infolist():
        data = source.read(info)
        if info.filename in used:
            code = compile(data, f"{archive}/{info.filename}", "exec", dont_inherit=True)
            entry = zipfile.ZipInfo(info.filename + "c", info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, HEADER + importlib.util.source_hash(data) + marshal.dumps(code))
        else:
            out.writestr(info, data)
f"{len(used)} of {total} modules compiled"
`);
pyodide.FS.unmount("/out");
renameSync(join(work, "stdlib.zip"), resolve(outZip));
rmSync(work, { recursive: true });
console.log(report);
