// The page side of Python: one Web Worker (python-worker.js) running Pyodide, started once per
// visit, and the JSON protocol to it: {type: "call", id, widget, action, payload} ->
// {type: "result", id, ok, result | error}, with {type: "progress" | "ready" | "failed"} while it
// starts. Here: starting it (or adopting the worker the <head> started), the stall and start
// limits, "Try again" after a failed start, and a fresh worker after a fatal error.
import { state } from "./visit.js";

// Python's start fails only when nothing arrives for STALL_MS while it downloads (tests set it
// low), or when, with every file here, it has not started after START_MS.
const STALL_MS = Number(globalThis.ALLIANCE_PYTHON_STALL_MS) || 20000;
const START_MS = Number(globalThis.ALLIANCE_PYTHON_START_MS) || 120000;
const WORKER_URL = new URL("python-worker.js", import.meta.url);   // also under a sub-path

/** Why Python did not start. kind: "unsupported" | "offline" | "stalled" | "network" | "host" |
 *  "python" (python-status.js words each for the reader). */
export class PythonUnavailable extends Error {
  constructor(kind, message, extra = {}) {
    super(message);
    Object.assign(this, { kind, ...extra });
  }
}

/** One attempt to start Python in a worker: follows what it says until it is ready or has failed. */
class Boot {
  constructor(client, early, resolve, reject) {
    Object.assign(this, { client, early, resolve, reject });
    this.started = early ? early.started : performance.now();
    this.lastBytes = this.started;
    this.watchdog = 0;
  }

  fail(kind, message, extra) {
    const client = this.client;
    if (client.failure) return;           // handled and shown once
    if (kind !== "host" && navigator.onLine === false) kind = "offline";   // the worker may not know yet
    clearTimeout(this.watchdog);
    client.worker?.terminate();           // a stalled download stops here, a hung start too
    client.failure = new PythonUnavailable(kind, message, extra);
    this.reject(client.failure);
  }

  /** Every 250 ms until ready: fail when nothing arrived for STALL_MS, or no start after START_MS. */
  watch() {
    const quiet = performance.now() - this.lastBytes;
    const { loaded, total } = this.client.progress;
    if (!total || loaded < total) {
      if (quiet >= STALL_MS) {
        return this.fail(navigator.onLine === false ? "offline" : "stalled", "No data arrived.",
                         { stallSeconds: Math.round(STALL_MS / 1000) });
      }
    } else if (quiet >= START_MS) {
      return this.fail("python", `Python downloaded but did not start within ${Math.round(START_MS / 1000)} seconds.`);
    }
    this.watchdog = setTimeout(() => this.watch(), 250);
  }

  onError(event) {
    event.preventDefault?.();             // handled here: not an uncaught error in the console
    if (navigator.onLine === false) this.fail("offline", "You seem to be offline.");
    else this.fail("python", `The Python worker stopped: ${event.message || "its script could not be loaded"}.`);
  }

  onMessage({ data }) {
    const client = this.client;
    if (client.failure) return;
    if (data.type === "progress") {
      if (data.loaded > client.progress.loaded || data.total !== client.progress.total) this.lastBytes = performance.now();
      client.progress = data;
      for (const listener of client.listeners) listener(data);
    } else if (data.type === "ready") {
      clearTimeout(this.watchdog);
      performance.mark("aw-python-ready");
      client.info = { ...data.info, bootMs: Math.round(performance.now() - this.started), early: Boolean(this.early) };
      this.resolve(client.info);
      client.onReady(client.info);
    } else if (data.type === "failed") {
      this.fail(data.kind || "python", data.message);
    } else if (data.type === "result") {
      client.answer(data);
    }
  }

  /** Create the worker (or adopt the early one) and replay what the early one said so far. */
  run() {
    this.watch();
    const onError = (event) => this.onError(event);
    const onMessage = (event) => this.onMessage(event);
    try {       // a worker named "python" boots by itself
      this.client.worker = this.early?.worker ?? new Worker(WORKER_URL, { type: "module", name: "python" });
    } catch (error) {
      this.fail("python", `The Python worker could not be created: ${error.message}`);
      return;
    }
    this.client.worker.addEventListener("error", onError);
    this.client.worker.addEventListener("message", onMessage);
    for (const event of this.early?.adopt() ?? []) (event.type === "error" ? onError : onMessage)(event);
  }
}

/** The page side of the JSON protocol: {id, widget, action, payload} -> {id, ok, result | error}.
 *  `onReady(info)` is called each time Python has started. */
export class PythonWorker {
  #nextAttempt;
  #startNext;

  constructor({ onReady = () => {} } = {}) {
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.progress = { loaded: 0, total: 0 };
    this.info = null;
    this.setups = [];
    this.failure = null;
    this.onReady = onReady;
    this.#nextAttempt = new Promise((resolve) => { this.#startNext = resolve; });
    this.ready = this.#start();
    this.ready.catch(() => {});
  }

  /** After a failure: start again in a new worker. Files that arrived in full come from the
   *  browser's HTTP cache (their URLs carry their content's hash); requests that were waiting
   *  for Python are answered once it is up. */
  retry() {
    if (!this.failure) return;
    this.failure = null;
    this.progress = { loaded: 0, total: 0 };
    this.ready = this.#start();
    this.ready.catch(() => {});
    this.#startNext();
    this.#nextAttempt = new Promise((resolve) => { this.#startNext = resolve; });
  }

  #start() {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.failure = new PythonUnavailable("unsupported",
        "This browser cannot run the Python that checks answers (it lacks WebAssembly or Web Workers). " +
        "A recent Firefox, Chrome, Edge or Safari will work.");
      return Promise.reject(this.failure);
    }
    state.boots += 1;
    const early = state.early;            // started from <head> on this page's first load
    state.early = null;
    if (early) state.earlySetupMs = early.setupMs;
    else performance.mark("aw-python-start");
    return new Promise((resolve, reject) => new Boot(this, early, resolve, reject).run());
  }

  /** Call `listener` with each progress report, and at once with the last one if there is one:
   *  Python may have started in <head> and downloaded much, or all, before the page subscribes. */
  onProgress(listener) {
    this.listeners.add(listener);
    if (this.progress.total) listener(this.progress);
    return () => this.listeners.delete(listener);
  }

  /** Python, once one of the attempts to start it has succeeded (a request made while it had
   *  failed waits for "Try again"; the failure itself is shown once, in the status line). */
  async #whenReady() {
    for (;;) {
      const attempt = this.ready;
      try {
        return await attempt;
      } catch {
        if (attempt === this.ready) await this.#nextAttempt;
      }
    }
  }

  /** Call a widget action in Python; waits for Python to be ready. */
  async call(widget, action, payload = {}) {
    await this.#whenReady();
    return this.#send(widget, action, payload);
  }

  /** A call that sets Python up for a widget (a quiz opening its module): made again after a restart. */
  setup(widget, action, payload = {}) {
    this.setups.push([widget, action, payload]);
    return this.call(widget, action, payload);
  }

  /** A {type: "result"} message: settle the request it answers; restart after a fatal error. */
  answer(data) {
    const request = this.pending.get(data.id);
    this.pending.delete(data.id);
    if (data.ok) request?.resolve(data.result);
    else request?.reject(new Error(data.error?.message || "Python could not answer this request."));
    if (data.error?.kind === "fatal") this.restart();
  }

  /** After a fatal error Pyodide cannot be trusted: end its worker, answer what was waiting with a
   *  plain message, and start a fresh Python (with the widgets' setup calls) for the next request. */
  restart() {
    if (this.restarting) return;
    this.restarting = true;
    state.restarts = (state.restarts ?? 0) + 1;
    this.worker?.terminate();
    for (const request of this.pending.values()) request.reject(new Error("Python stopped and is starting again. Try again in a few seconds."));
    this.pending.clear();
    this.info = null;
    this.ready = this.#start().then(async (info) => {
      for (const [widget, action, payload] of this.setups) await this.#send(widget, action, payload).catch(() => {});
      return info;
    }).finally(() => { this.restarting = false; });
    this.ready.catch(() => {});
  }

  #send(widget, action, payload) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ type: "call", id, widget, action, payload });
      } catch (error) {                 // a payload the browser cannot copy to the worker
        this.pending.delete(id);
        console.warn(`Could not send ${widget} ${action} to Python: ${error.message}`);
        reject(new Error("This could not be handed to Python (it is too large or too deeply nested). Nothing was changed."));
      }
    });
  }
}

/** The visit's one Python (state.python), started on first use. */
export function python(options) {
  state.python ??= new PythonWorker(options);
  return state.python;
}
