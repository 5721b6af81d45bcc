// Mounting: finds the widgets of a page (elements with data-widget), loads each one's controller
// (docs/javascripts/widgets/<name>.js), mounts it with the visit's Python, and unmounts the
// widgets of a page that is gone. Shows Python's status line above the first widget.
import { python } from "./python-client.js";
import { showStatus } from "./python-status.js";
import { state, whenIdle } from "./visit.js";

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

/** Fetch every widget controller while idle, so the next page's widget mounts without a download. */
function preloadControllers() {
  for (const name of Object.keys(CONTROLLERS)) Promise.resolve(loadController(name)).catch(() => {});
}

/** The visit's Python; once it has started, the controllers are fetched while the browser is idle. */
const visitPython = () => python({ onReady: () => whenIdle(preloadControllers) });

/** A widget's form is never submitted to the server, even if pressed before its controller is
 *  mounted (the answers would otherwise end up in a URL). Controllers handle submit themselves. */
export function keepWidgetFormsOnThePage() {
  document.addEventListener("submit", (event) => {
    if (event.target.closest?.("[data-widget]")) event.preventDefault();
  }, true);
}

function unmountGoneWidgets() {
  for (const [element, handle] of state.mounted) {
    if (!document.contains(element)) { handle.unmount?.(); state.mounted.delete(element); }
  }
}

function mountFailed(element, error) {
  state.log.push(String(error));
  element.insertAdjacentHTML("afterbegin", '<p class="aw-status aw-status--error" role="alert"></p>');
  element.firstElementChild.textContent = `This interactive part could not start: ${error.message}`;
}

function mountWith(controller, element, py) {
  try {
    state.mounts += 1;
    state.mounted.set(element, controller.mount(element, py));
    performance.mark("aw-widget-mounted");
  } catch (error) {
    mountFailed(element, error);
  }
}

/** Mount one widget: at once when its controller is loaded, else a promise of it being mounted. */
function mountWidget(element, py) {
  const loading = loadController(element.dataset.widget);
  if (!loading) return null;
  state.mounted.set(element, {});                       // claim it before any await: never mount twice
  if (!(loading instanceof Promise)) return mountWith(loading, element, py);
  return loading.then((controller) => mountWith(controller, element, py), (error) => mountFailed(element, error));
}

/** Unmount the widgets that left the page, mount the new ones (starting Python for them). */
export async function mountPage() {
  unmountGoneWidgets();
  const elements = [...document.querySelectorAll("[data-widget]")].filter((element) => !state.mounted.has(element));
  if (!elements.length) return;
  const py = visitPython();
  if (!py.info && !document.querySelector(".aw-status")) showStatus(elements[0], py);
  for (const element of elements) {
    if (state.mounted.has(element)) continue;
    const mounting = mountWidget(element, py);
    if (mounting) await mounting;
  }
}
