// Run pytest inside real Pyodide (the npm package, under Node): the widgets wheel the site ships
// is installed into Pyodide, and the given test paths are collected from the project folder.
// usage: node tests/pyodide/run_pytest.mjs <wheel> <site-packages-of-venv> [--stdlib <zip>] -- <pytest args…>
// --stdlib: boot with this standard library zip (the site's: only what the widgets use, as
// bytecode). The test tools (pytest and its plugins) need more of the standard library: they get
// it from Pyodide's full zip, but an import made while the widgets' own code runs does not, so a
// module the site forgot to ship fails a test here instead of a reader's page.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [wheel, venvSitePackages, ...rest] = process.argv.slice(2);
const stdlib = rest[0] === "--stdlib" ? resolve(rest.splice(0, 2)[1]) : null;
const pytestArgs = rest[0] === "--" ? rest.slice(1) : rest;
const project = resolve(".");

const pyodide = await loadPyodide(stdlib ? { stdLibURL: stdlib } : {});
if (stdlib) pyodide.FS.writeFile("/lib/full_stdlib.zip", new Uint8Array(readFileSync(resolve("node_modules/pyodide/python_stdlib.zip"))));
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
import os.path, zipimport
class ForTestToolsOnly:
    """The full standard library, after the shipped one, for anything but the widgets' own code."""
    archive = "/lib/full_stdlib.zip"

    def find_spec(self, fullname, path=None, target=None):
        if not os.path.exists(self.archive):
            return None
        package = fullname.rpartition(".")[0]
        try:
            spec = zipimport.zipimporter(os.path.join(self.archive, *package.split("."), "") if package else self.archive).find_spec(fullname)
        except zipimport.ZipImportError:
            return None
        if spec is None:
            return None
        frame = sys._getframe(1)
        while frame:
            if "/site-packages/widgets/" in frame.f_code.co_filename:
                raise ModuleNotFoundError(f"the widgets import {fullname}, which the site does not ship: "
                                          "scripts/compile_stdlib.mjs must see it imported", name=fullname)
            frame = frame.f_back
        print(f"not shipped, given to the test tools: {fullname}", file=sys.stderr) if os.environ.get("SHOW_FALLBACK") else None
        return spec

sys.meta_path.append(ForTestToolsOnly())
import widgets
assert "site-packages" in widgets.__file__, f"widgets must come from the wheel, not {widgets.__file__}"
# every widgets module first, before any test tool has imported a module the site does not ship
import importlib
package_dir = os.path.dirname(widgets.__file__)
for folder, _, files in os.walk(package_dir):
    for file in sorted(files):
        if file.endswith(".py"):
            parts = os.path.relpath(os.path.join(folder, file), package_dir)[:-3].split(os.sep)
            importlib.import_module(".".join(["widgets", *[p for p in parts if p != "__init__"]]))
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
