// Starts Python (Pyodide in one Web Worker) on pages that contain a widget, once per visit,
// and mounts every widget of each page through Material's `document$` (instant navigation
// swaps pages without reloading, so this module and its worker live on across pages).

// Embed view (`?embed=1`, for an <iframe> in an LMS): the page without the site's header, menus,
// sidebars and footer (course.css hides them under html.aw-embed). Set first, before anything is
// mounted, and kept for the rest of the visit; docs/overrides/main.html sets it even earlier.
// Links to other pages open in a new tab instead of inside the iframe.
if (new URLSearchParams(location.search).get("embed") === "1") {
  document.documentElement.classList.add("aw-embed");
  addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin && url.pathname === location.pathname) return;   // same page (#anchors)
    link.target = "_blank";
    link.rel = "noopener";
  }, { capture: true });
}

import { showStatus } from "./python-status.js";

const ROOT = new URL("../", import.meta.url);            // the site root, also under a sub-path
// Python's start fails only when nothing arrives for STALL_MS while it downloads (tests set it
// low), or when, with every file here, it has not started after START_MS.
const STALL_MS = Number(globalThis.ALLIANCE_PYTHON_STALL_MS) || 20000;
const START_MS = Number(globalThis.ALLIANCE_PYTHON_START_MS) || 120000;
const CONTROLLERS = {
  classifier: () => import("./widgets/classifier.js"),
  lecturer: () => import("./widgets/lecturer.js"),
  progress: () => import("./widgets/progress.js"),
  quiz: () => import("./widgets/quiz.js"),
  review: () => import("./widgets/review.js"),
  selfcheck: () => import("./widgets/selfcheck.js"),
};
const controllers = new Map();          // name -> its module, once imported

/** A widget's controller: the module itself once imported (so a page mounts it at once, inside
 *  Material's page swap, instead of a task later behind Material's own work), else a promise. */
function loadController(name) {
  const load = CONTROLLERS[name];
  if (!load) return null;
  return controllers.get(name) ?? load().then((module) => { controllers.set(name, module); return module; });
}

// Shared with the early start in <head> (docs/overrides/partials/python-early-start.html), which
// may already have put its worker in `state.early`.
const state = (globalThis.__alliance = { python: null, boots: 0, mounts: 0, mounted: new Map(), log: [], ...globalThis.__alliance });

// A widget's form is never submitted to the server, even if pressed before its controller is
// mounted (the answers would otherwise end up in a URL). Controllers handle submit themselves.
document.addEventListener("submit", (event) => {
  if (event.target.closest?.("[data-widget]")) event.preventDefault();
}, true);

/** Why Python did not start. kind: "unsupported" | "offline" | "stalled" | "network" | "host" |
 *  "python" (python-status.js words each for the reader). */
class PythonUnavailable extends Error {
  constructor(kind, message, extra = {}) {
    super(message);
    Object.assign(this, { kind, ...extra });
  }
}

/** The page side of the JSON protocol: {id, widget, action, payload} -> {id, ok, result | error}. */
class PythonWorker {
  #nextAttempt;
  #startNext;

  constructor() {
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.progress = { loaded: 0, total: 0 };
    this.info = null;
    this.setups = [];
    this.failure = null;
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
    const started = early ? early.started : performance.now();
    if (!early) performance.mark("aw-python-start");
    return new Promise((resolve, reject) => {
      let lastBytes = started;
      let watchdog = 0;
      const fail = (kind, message, extra) => {
        if (this.failure) return;          // handled and shown once
        if (kind !== "host" && navigator.onLine === false) kind = "offline";   // the worker may not know yet
        clearTimeout(watchdog);
        this.worker?.terminate();          // a stalled download stops here, a hung start too
        this.failure = new PythonUnavailable(kind, message, extra);
        reject(this.failure);
      };
      const watch = () => {
        const quiet = performance.now() - lastBytes;
        const { loaded, total } = this.progress;
        if (!total || loaded < total) {
          if (quiet >= STALL_MS) {
            return fail(navigator.onLine === false ? "offline" : "stalled", "No data arrived.",
                        { stallSeconds: Math.round(STALL_MS / 1000) });
          }
        } else if (quiet >= START_MS) {
          return fail("python", `Python downloaded but did not start within ${Math.round(START_MS / 1000)} seconds.`);
        }
        watchdog = setTimeout(watch, 250);
      };
      watch();
      const onError = (event) => {
        event.preventDefault?.();          // handled here: not an uncaught error in the console
        if (navigator.onLine === false) fail("offline", "You seem to be offline.");
        else fail("python", `The Python worker stopped: ${event.message || "its script could not be loaded"}.`);
      };
      const onMessage = ({ data }) => {
        if (this.failure) return;
        if (data.type === "progress") {
          if (data.loaded > this.progress.loaded || data.total !== this.progress.total) lastBytes = performance.now();
          this.progress = data;
          for (const listener of this.listeners) listener(data);
        } else if (data.type === "ready") {
          clearTimeout(watchdog);
          performance.mark("aw-python-ready");
          this.info = { ...data.info, bootMs: Math.round(performance.now() - started), early: Boolean(early) };
          resolve(this.info);
          whenIdle(preloadControllers);
        } else if (data.type === "failed") {
          fail(data.kind || "python", data.message);
        } else if (data.type === "result") {
          const request = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (data.ok) request?.resolve(data.result);
          else request?.reject(new Error(data.error?.message || "Python could not answer this request."));
          if (data.error?.kind === "fatal") this.restart();
        }
      };
      try {       // a worker named "python" boots by itself
        this.worker = early?.worker ?? new Worker(new URL("python-worker.js", import.meta.url), { type: "module", name: "python" });
      } catch (error) {
        fail("python", `The Python worker could not be created: ${error.message}`);
        return;
      }
      this.worker.addEventListener("error", onError);
      this.worker.addEventListener("message", onMessage);
      for (const event of early?.adopt() ?? []) (event.type === "error" ? onError : onMessage)(event);   // what it said so far
    });
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

/** Fetch every widget controller while idle, so the next page's widget mounts without a download. */
function preloadControllers() {
  for (const name of Object.keys(CONTROLLERS)) Promise.resolve(loadController(name)).catch(() => {});
}

const whenIdle = (fn) => (globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 1000)))(fn, { timeout: 3000 });

function whenOfflineCanStart() {
  if (!OFFLINE || state.offlineStarted) return;
  if (state.python) state.python.ready.then(() => whenIdle(startOffline), () => whenIdle(startOffline));
  else whenIdle(startOffline);
}

function python() {
  state.python ??= new PythonWorker();
  return state.python;
}

async function mountPage() {
  for (const [element, handle] of state.mounted) {
    if (!document.contains(element)) { handle.unmount?.(); state.mounted.delete(element); }
  }
  const elements = [...document.querySelectorAll("[data-widget]")].filter((el) => !state.mounted.has(el));
  if (!elements.length) return;
  const py = python();
  if (!py.info && !document.querySelector(".aw-status")) showStatus(elements[0], py);
  for (const element of elements) {
    if (state.mounted.has(element)) continue;
    const loading = loadController(element.dataset.widget);
    if (!loading) continue;
    state.mounted.set(element, {});                       // claim it before any await: never mount twice
    try {
      const controller = loading instanceof Promise ? await loading : loading;
      state.mounts += 1;
      state.mounted.set(element, controller.mount(element, py));
      performance.mark("aw-widget-mounted");
    } catch (error) {
      state.log.push(String(error));
      element.insertAdjacentHTML("afterbegin", '<p class="aw-status aw-status--error" role="alert"></p>');
      element.firstElementChild.textContent = `This interactive part could not start: ${error.message}`;
    }
  }
}

// ---- Offline copy: a service worker keeps this build in Cache Storage (not under `make serve`) ----
const OFFLINE = document.documentElement.dataset.awOffline && "serviceWorker" in navigator;

function offlineBadge() {
  if (!state.offline) return;
  const text = state.offline.python
    ? "✓ Available offline on this device"
    : "✓ Lessons available offline on this device (quizzes too, once you have used one here)";
  let badge = document.querySelector(".aw-offline");
  if (!badge) {
    badge = Object.assign(document.createElement("p"), { className: "aw-offline" });
    badge.setAttribute("role", "status");
    (document.querySelector(".md-footer-meta__inner") ?? document.body).append(badge);
  }
  if (badge.textContent !== text) badge.textContent = text;
}

/** Ask the service worker what it holds; it answers with {python: all runtime files cached?}.
 *  Once this visit has used Python, ask it to keep Python's files too. */
function askOfflineStatus() {
  const usedPython = Boolean(state.python?.info) && !state.offline?.python;
  navigator.serviceWorker.controller?.postMessage(usedPython ? "cache-python" : "status");
}

async function registerOffline() {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController || document.querySelector(".aw-updated")) return;
    const note = Object.assign(document.createElement("p"), {
      className: "aw-updated", textContent: "This course has been updated. Reload the page to see the newest version.",
    });
    note.setAttribute("role", "status");
    document.querySelector(".md-content")?.prepend(note);
  });
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (data?.type !== "status") return;
    state.offline = data;
    state.offlineReady = true;
    offlineBadge();
  });
  try {
    if (navigator.onLine !== false) {     // offline, the copy already installed answers; no update check
      await navigator.serviceWorker.register(new URL(document.documentElement.dataset.awOffline, ROOT), { scope: ROOT.pathname });
    }
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
    askOfflineStatus();
  } catch (error) {
    console.warn(`No offline copy: ${error.message}`);
  }
}

/** Forget the offline copy, and any Python snapshot an earlier build kept (the self-check's "Delete all my data"). */
state.clearOffline = async () => {
  state.offlineReady = false;
  state.offline = null;
  document.querySelector(".aw-offline")?.remove();
  for (const registration of await navigator.serviceWorker?.getRegistrations?.() ?? []) await registration.unregister();
  for (const name of await caches.keys()) if (name.startsWith("alliance-")) await caches.delete(name);
};

/** Start the offline copy once per visit, when it cannot slow the page down: after Python has
 *  started on a page with widgets, else when the browser is idle. */
function startOffline() {
  if (!OFFLINE || state.offlineStarted) return;
  state.offlineStarted = true;
  registerOffline();
}

if (globalThis.document$?.subscribe) {
  globalThis.document$.subscribe(() => { mountPage(); whenOfflineCanStart(); if (state.offlineReady) askOfflineStatus(); });
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountPage);
} else {
  mountPage();
}
