// The site's one page script for the widgets (mkdocs.yml extra_javascript): wires the modules
// that start Python (in one Web Worker, once per visit) and mount every widget of each page
// through Material's `document$` (instant navigation swaps pages without reloading, so these
// modules and the worker live on across pages).
//   embed.js          the embed view (?embed=1)
//   visit.js          globalThis.__alliance (the visit's state) and whenIdle
//   python-client.js  the worker client: start, call, setup, retry, restart
//   python-status.js  the status line and progress bar while Python starts
//   mount.js          finding widgets, loading controllers, mount and unmount
//   offline.js        the service worker, the offline badge, clearing the offline copy
import { startEmbedView } from "./embed.js";
import { keepWidgetFormsOnThePage, mountPage } from "./mount.js";
import { clearOffline, offlineOnPage } from "./offline.js";
import { state } from "./visit.js";

startEmbedView();
keepWidgetFormsOnThePage();
state.clearOffline = clearOffline;

if (globalThis.document$?.subscribe) {
  globalThis.document$.subscribe(() => { mountPage(); offlineOnPage(); });
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountPage);
} else {
  mountPage();
}
