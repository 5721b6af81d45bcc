// The Web Worker that runs Pyodide and the `widgets` package, off the page's main thread.
// A worker named "python" boots as soon as its script runs (no message from the page needed, as
// the page may be busy loading).
// Messages in:  {type: "call", id, widget, action, payload}
// Messages out: {type: "progress", loaded, total, at} | {type: "ready", info} | {type: "failed", message}
//               {type: "result", id, ok, result | error}

// The site's layout: this file is javascripts/python-worker.js, the manifest assets/python/manifest.json.
const MANIFEST = new URL("../assets/python/manifest.json", import.meta.url).href;
let python = null;            // widgets.runtime's functions: strings in, strings out
let reported = false;
let booted = false;
let broken = null;            // a download that broke off mid-way: {name, message}

/** Tell the page once why Python cannot start, and stop here: the promise never settles, so
 *  nothing half-started goes on and nothing is left uncaught (the page then ends this worker).
 *  kind: "offline" | "network" (try again) | "host" (the site is published wrongly) | "python" */
function failed(kind, message) {
  if (!reported) postMessage({ type: "failed", kind, message });
  reported = true;
  return new Promise(() => {});
}

const offline = () => navigator.onLine === false;

// A rejection nobody caught (in Pyodide's loader, after a failed download) is the failure itself,
// reported once; it must not also reach the console as an uncaught error.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  const message = String(event.reason?.message || event.reason).split("\n")[0];
  if (!booted) failedWhileStarting(message);
  else console.warn(`Python: ${message}`);
});

function failedWhileStarting(message) {
  if (offline()) return failed("offline", "You seem to be offline.");
  if (broken) return failed("network", `The download of ${broken.name} broke off (${broken.message}).`);
  return failed("python", `Python could not start: ${message}`);
}

const PROGRESS_EVERY_MS = 100;

/** Count the bytes of the runtime files as they stream in, and catch the two classic
 *  hosting mistakes early: a missing file, and a .wasm served with the wrong type. */
function meterFetch(total) {
  const realFetch = globalThis.fetch.bind(globalThis);
  let loaded = 0;
  let posted = 0;
  const post = (force) => {
    const now = performance.now();
    if (!force && now - posted < PROGRESS_EVERY_MS) return;
    posted = now;
    postMessage({ type: "progress", loaded, total, at: performance.timeOrigin + now });   // at: when, on any clock of this machine
  };
  const fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url ?? String(input);
    const name = url.split("?")[0].split("/").pop();
    let response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      return offline() ? failed("offline", "You seem to be offline.")
        : failed("network", `Could not download ${name} (${error.message}).`);
    }
    if (response.status === 404 || response.status === 410) {
      return failed("host", `A file Python needs is missing from the site: ${name} (HTTP ${response.status}).`);
    }
    if (!response.ok) return failed("network", `The server could not send ${name} (HTTP ${response.status}).`);
    const type = response.headers.get("content-type") || "";
    if (name.endsWith(".wasm") && !type.startsWith("application/wasm")) {
      return failed("host", `The server sends ${name} with the type "${type || "none"}"; it must be "application/wasm". ` +
             "Add that type to the web server's configuration.");
    }
    // the wheel comes once Python is up (58 kB): it belongs to "starting", not to the download
    if (response.body && !name.endsWith(".whl")) count(response.clone().body, name).catch(() => {});
    return response;     // the original, untouched: the browser can reuse its compiled WebAssembly
  };
  // Downloads started ahead of Pyodide (all at once, so the connection never idles while Pyodide
  // compiles its script): Pyodide's own request for the same URL gets that very response.
  const started = new Map();
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url ?? String(input), self.location.href).href;
    const response = started.get(url);
    started.delete(url);
    return response ?? fetch(input, init);
  };
  fetch.start = (url) => {
    const response = fetch(url);
    response.catch(() => {});
    started.set(new URL(url, self.location.href).href, response);
  };
  post(true);

  /** Read a copy of the body only to count its bytes for the progress indicator. */
  async function count(body, name) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return post(true);
        loaded += value.byteLength;
        post(false);
      }
    } catch (error) {
      broken = { name, message: error.message };
    }
  }
  return fetch;
}

/** Start every download Python needs at once, through the counting fetch: the .wasm, the standard
 *  library and the lock file are handed to Pyodide when it asks for them; Pyodide's JavaScript
 *  (pyodide.asm.mjs, which it imports rather than fetches) is read here, so that progress moves
 *  while it arrives too, and Pyodide's import of it then comes from the HTTP cache. */
async function startDownloads(fetch, options) {
  const script = fetch(options.indexURL + "pyodide.asm.mjs");
  for (const url of [options.indexURL + "pyodide.asm.wasm", options.stdLibURL, options.lockFileURL]) fetch.start(url);
  await (await script).arrayBuffer();
}

// Earlier builds kept a memory snapshot of Python in Cache Storage for return visits; measured on
// a 4x slower CPU it saved about 10 % (docs/performance.md), too little for 31 MB of the reader's
// storage, a second Python booted in the background and Pyodide's private options. Its leftover
// (the cache OLD_SNAPSHOT_CACHE) is deleted; nothing else here remembers it. The name comes from
// widgets/constants.py through the module the build publishes, imported while Python downloads
// (a static import would hold the worker's start back by one more request).
function deleteOldSnapshot() {
  import("./constants.js")
    .then(({ OLD_SNAPSHOT_CACHE }) => globalThis.caches?.delete(OLD_SNAPSHOT_CACHE))
    .catch(() => {});
}

/** When the network fails although the browser says it is online (a connection that reaches
 *  nothing, or Firefox's offline switch, which the service worker does not see), ask the service
 *  worker for its copy of the manifest under OFFLINE_COPY_PATH: every other file Python needs is
 *  then asked for under that path too, as it is found relative to the manifest. Without a service
 *  worker (or a copy) this is null, and the reader is told what failed. */
async function fromKeptCopy(manifestUrl) {
  try {
    const { OFFLINE_COPY_PATH } = await import("./constants.js");
    const root = new URL("../", import.meta.url).href;
    const copyUrl = root + OFFLINE_COPY_PATH + manifestUrl.slice(root.length);
    const response = await fetch(copyUrl);
    return response.ok ? { response, manifestUrl: copyUrl } : null;
  } catch {
    return null;
  }
}

async function runtime(url) {
  let manifestUrl = url;
  let response = await fetch(manifestUrl, { cache: "no-cache" }).catch(() => null);
  if (!response) ({ response, manifestUrl } = (await fromKeptCopy(manifestUrl)) ?? { response, manifestUrl });
  if (!response) return failedWhileStarting(`could not download ${manifestUrl}`);
  if (!response.ok) return failed("host", `The Python runtime's manifest is missing (${manifestUrl}, HTTP ${response.status}).`);
  const manifest = await response.json();
  const assets = new URL("../", manifestUrl);
  const indexURL = new URL(manifest.indexURL, assets).href;
  const lockFileURL = new URL(manifest.lockFileURL, assets).href;
  // the standard library with what the site uses compiled to bytecode (scripts/stdlib_bytecode.py)
  const stdLibURL = new URL(manifest.stdLibURL, assets).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const options = { indexURL, lockFileURL, stdLibURL, stdout: () => {}, stderr: (line) => console.warn(line) };
  return { manifest, lockFileURL, loadPyodide, options };
}

async function boot(manifestUrl) {
  const timings = { start: performance.now() };
  deleteOldSnapshot();
  const { manifest, loadPyodide, options } = await runtime(manifestUrl);
  timings.runtime = performance.now();
  await startDownloads(meterFetch(manifest.bytes), options);
  // `packages`: Pyodide downloads the wheel (checked against its sha256 in the lock file) while
  // it boots, and installs it with loadPackage once Python is up.
  const pyodide = await loadPyodide({ ...options, packages: [manifest.package] });
  timings.pyodide = performance.now();
  if (!(manifest.package in pyodide.loadedPackages)) {      // say why: load it again, listening
    const problems = [];
    await pyodide.loadPackage(manifest.package, { messageCallback: () => {}, errorCallback: (line) => problems.push(line) });
    if (!(manifest.package in pyodide.loadedPackages)) {
      return failedWhileStarting(`the widgets package could not be installed: ${problems.join(" ") || "no reason given"}`);
    }
  }
  timings.python = performance.now();
  python = pythonRuntime(pyodide);
  const info = JSON.parse(python.start());
  timings.ready = performance.now();
  const ms = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v - timings.start)]));
  booted = true;
  postMessage({ type: "ready", info: { ...info, cacheKey: manifest.cacheKey, ms } });
  warmUpStart();
}

/** The Python the worker runs, all of it in widgets/runtime.py: its functions, each taken once
 *  from the module as a proxy of its own (`copy`: an attribute's proxy is otherwise released with
 *  the module's, which is released here; these live as long as the worker). */
function pythonRuntime(pyodide) {
  const runtime = pyodide.pyimport("widgets.runtime");
  const functions = {
    start: runtime.start.copy(),
    widgetModules: runtime.widget_modules.copy(),
    warmUp: runtime.warm_up.copy(),
    dispatch: runtime.dispatch.copy(),
  };
  runtime.destroy();
  return functions;
}

/** After the boot, import every widget's modules while no request is coming in (each import
 *  waits until the worker has been idle for WARM_UP_IDLE_MS): the first answer on this page, and
 *  the first widget after an instant navigation, then need no import. */
const WARM_UP_IDLE_MS = 150;
const warmUp = { modules: [], timer: 0 };

function warmUpStart() {
  warmUp.modules = JSON.parse(python.widgetModules());
  warmUpLater();
}

function warmUpLater() {
  clearTimeout(warmUp.timer);
  if (warmUp.modules.length) warmUp.timer = setTimeout(warmUpNext, WARM_UP_IDLE_MS);
}

function warmUpNext() {
  const name = warmUp.modules.shift();
  try {
    python.warmUp(name);
  } catch (error) {
    console.warn(`Could not import ${name} ahead of time; its first request will say why. ${error.message}`);
  }
  warmUpLater();
}

addEventListener("message", async ({ data }) => {
  if (data.type === "call") {
    let reply;
    try {
      const request = JSON.stringify({ id: data.id, widget: data.widget, action: data.action, payload: data.payload });
      reply = JSON.parse(python.dispatch(request));
    } catch (error) {       // Python's dispatch never raises: Pyodide itself failed (e.g. its stack overflowed)
      console.warn(`Python failed while answering (${data.widget} ${data.action}): ${String(error.message || error).split("\n")[0]}`);
      reply = { ok: false, error: { kind: "fatal", message: "Python stopped while working on this and is starting again. Try again in a few seconds." } };
    }
    postMessage({ type: "result", ...reply, id: data.id });
    warmUpLater();                        // a reader is busy here: warm up later
  }
});

if (self.name === "python") {
  boot(MANIFEST).catch((error) => failedWhileStarting(String(error.message || error).split("\n")[0]));
}
