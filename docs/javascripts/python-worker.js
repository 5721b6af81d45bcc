// The Web Worker that runs Pyodide and the `widgets` package, off the page's main thread.
// Messages in:  {type: "boot", manifest}  |  {type: "call", id, widget, action, payload}
// Messages out: {type: "progress", loaded, total} | {type: "ready", info} | {type: "failed", message}
//               {type: "result", id, ok, result | error}

let dispatch = null;

function failed(message) {
  postMessage({ type: "failed", message });
  throw new Error(message);
}

/** Count the bytes of the runtime files as they stream in, and catch the two classic
 *  hosting mistakes early: a missing file, and a .wasm served with the wrong type. */
function meterFetch(total) {
  const realFetch = globalThis.fetch.bind(globalThis);
  let loaded = 0;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url ?? String(input);
    const name = url.split("/").pop();
    let response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      failed(`Could not download ${name}: ${navigator.onLine === false ? "you seem to be offline" : error.message}.`);
    }
    if (!response.ok) failed(`A file Python needs is missing from the site: ${name} (HTTP ${response.status}).`);
    const type = response.headers.get("content-type") || "";
    if (name.endsWith(".wasm") && !type.startsWith("application/wasm")) {
      failed(`The server sends ${name} with the type "${type || "none"}"; it must be "application/wasm". ` +
             "Add that type to the web server's configuration.");
    }
    if (!response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        postMessage({ type: "progress", loaded, total });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status, statusText: response.statusText, headers: response.headers,
    });
  };
}

async function boot(manifestUrl) {
  const response = await fetch(manifestUrl, { cache: "no-cache" }).catch(() => null);
  if (!response?.ok) failed(`The Python runtime's manifest is missing (${manifestUrl}).`);
  const manifest = await response.json();
  const assets = new URL("../", manifestUrl);
  const indexURL = new URL(manifest.indexURL, assets).href;
  const lockFileURL = new URL(manifest.lockFileURL, assets).href;
  meterFetch(manifest.bytes);
  postMessage({ type: "progress", loaded: 0, total: manifest.bytes });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, stdout: () => {}, stderr: (line) => console.warn(line) });
  await pyodide.loadPackage(manifest.package, { messageCallback: () => {}, errorCallback: (m) => console.warn(m) });
  dispatch = pyodide.runPython("from widgets.runtime import dispatch\ndispatch");
  const info = JSON.parse(pyodide.runPython("import json\nfrom widgets.runtime import runtime_info\njson.dumps(runtime_info())"));
  postMessage({ type: "ready", info: { ...info, cacheKey: manifest.cacheKey } });
}

addEventListener("message", async ({ data }) => {
  if (data.type === "boot") {
    try {
      await boot(data.manifest);
    } catch (error) {
      postMessage({ type: "failed", message: `Python could not start: ${error.message}` });
    }
  } else if (data.type === "call") {
    const request = JSON.stringify({ id: data.id, widget: data.widget, action: data.action, payload: data.payload });
    let reply;
    try {
      reply = JSON.parse(dispatch(request));
    } catch (error) {
      reply = { id: data.id, ok: false, error: { kind: "internal", message: String(error.message || error) } };
    }
    postMessage({ type: "result", ...reply });
  }
});
