// Run pytest inside real Pyodide (the npm package, under Node): the widgets wheel the site ships
// is installed into Pyodide, and the given test paths are collected from the project folder.
// usage: node tests/pyodide/run_pytest.mjs <wheel> <site-packages-of-venv> [--stdlib <zip>] -- <pytest args…>
// --stdlib: boot with this standard library zip (the site's, partly compiled to bytecode)
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [wheel, venvSitePackages, ...rest] = process.argv.slice(2);
const stdlib = rest[0] === "--stdlib" ? resolve(rest.splice(0, 2)[1]) : null;
const pytestArgs = rest[0] === "--" ? rest.slice(1) : rest;
const project = resolve(".");

const pyodide = await loadPyodide(stdlib ? { stdLibURL: stdlib } : {});
pyodide.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
pyodide.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: project }, "/project");
pyodide.FS.mkdirTree("/venv");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: venvSitePackages }, "/venv");
pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(pytestArgs));
let code;
try {
code = await pyodide.runPythonAsync(`
import os, sys
sys.path = [p for p in sys.path if p not in ("", ".", "/home/pyodide")]
os.environ["ALLIANCE_IN_PYODIDE_TESTS"] = "1"
sys.dont_write_bytecode = True
sys.path.append("/venv")            # pytest and its pure-Python dependencies, from the project's venv
import widgets
assert "site-packages" in widgets.__file__, f"widgets must come from the wheel, not {widgets.__file__}"
os.chdir("/project")
import json
print(f"widgets from the wheel: {widgets.__file__}; Python {sys.version.split()[0]} on {sys.platform}")
print(f"json from: {json.__spec__.origin}")
import pytest
pytest.main(["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-q", *PYTEST_ARGS])
`);
} catch (error) {
  console.error(String(error.message || error).slice(-4000));
  process.exit(3);
}
process.exit(Number(code));
