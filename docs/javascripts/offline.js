// The offline copy: a service worker (docs/sw.js, its file list filled in by scripts/offline.py)
// keeps this build in Cache Storage. Registered once per visit when it cannot slow the page down;
// a badge in the footer says what is available offline; a note says when a newer build took over.
// Not under `make serve` (pages are not marked with data-aw-offline there).
import { state, whenIdle } from "./visit.js";
import { SITE_PREFIX } from "./constants.js";

const ROOT = new URL("../", import.meta.url);            // the site root, also under a sub-path
const OFFLINE = document.documentElement.dataset.awOffline && "serviceWorker" in navigator;

/** The footer's "✓ Available offline" badge, from the service worker's last status. */
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

/** A newer build's service worker took over from the one that served this page. */
function showUpdatedNote() {
  if (document.querySelector(".aw-updated")) return;
  const note = Object.assign(document.createElement("p"), {
    className: "aw-updated", textContent: "This course has been updated. Reload the page to see the newest version.",
  });
  note.setAttribute("role", "status");
  document.querySelector(".md-content")?.prepend(note);
}

function statusReceived({ data }) {
  if (data?.type !== "status") return;
  state.offline = data;
  state.offlineReady = true;
  offlineBadge();
}

async function registerOffline() {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => { if (hadController) showUpdatedNote(); });
  navigator.serviceWorker.addEventListener("message", statusReceived);
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
export async function clearOffline() {
  state.offlineReady = false;
  state.offline = null;
  document.querySelector(".aw-offline")?.remove();
  for (const registration of await navigator.serviceWorker?.getRegistrations?.() ?? []) await registration.unregister();
  for (const name of await caches.keys()) if (name.startsWith(SITE_PREFIX)) await caches.delete(name);
}

/** Start the offline copy once per visit. */
function startOffline() {
  if (!OFFLINE || state.offlineStarted) return;
  state.offlineStarted = true;
  registerOffline();
}

/** On each page: start the offline copy when it cannot slow the page down (after Python has
 *  started on a page with widgets, else when the browser is idle), and refresh the badge. */
export function offlineOnPage() {
  if (OFFLINE && !state.offlineStarted) {
    if (state.python) state.python.ready.then(() => whenIdle(startOffline), () => whenIdle(startOffline));
    else whenIdle(startOffline);
  }
  if (state.offlineReady) askOfflineStatus();
}
