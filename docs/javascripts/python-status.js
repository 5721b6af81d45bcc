// What a page says while Python downloads and starts, and when it cannot: one status line above
// the first widget. The wording and the download estimate are plain functions (no DOM) at the top;
// the status line itself (DOM glue) is `showStatus` at the bottom.

const MB = (bytes) => (bytes / 1e6).toFixed(1);
const STILL_WORKS = "The text and the questions on this page still work; only the automatic feedback is missing.";

/** "about 40 seconds", "about 3 minutes": rounded up, never more precise than it can be. */
export function roughDuration(seconds) {
  if (seconds < 60) return `about ${Math.max(5, Math.ceil(seconds / 5) * 5)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}

/** The download's speed over the last WINDOW_MS, from the byte counts the worker reports. */
export class DownloadMeter {
  static WINDOW_MS = 10000;

  constructor() {
    this.samples = [];          // [time, loaded]
    this.lastChange = null;     // when a byte last arrived
  }

  add(loaded, now) {
    const last = this.samples.at(-1);
    if (!last || loaded > last[1]) this.lastChange = now;
    this.samples.push([now, loaded]);
    while (this.samples.length > 2 && now - this.samples[1][0] > DownloadMeter.WINDOW_MS) this.samples.shift();
  }

  /** bytes a second, or null until there is a second's worth of measurement */
  rate() {
    if (this.samples.length < 2) return null;
    const [[t0, b0], [t1, b1]] = [this.samples[0], this.samples.at(-1)];
    return t1 - t0 >= 1000 ? ((b1 - b0) * 1000) / (t1 - t0) : null;
  }

  quietFor(now) {
    return this.lastChange === null ? 0 : now - this.lastChange;
  }
}

/** The visible line while Python loads. `quietMs`: how long nothing has arrived. */
export function progressLine({ loaded, total }, rate, quietMs) {
  if (!total) return "Loading the Python that checks your answers…";
  if (loaded >= total) return `Starting the Python that checks your answers (${MB(total)} MB downloaded)…`;
  const done = `${MB(loaded)} of ${MB(total)} MB`;
  if (quietMs >= 5000) {
    return `Loading the Python that checks your answers: ${done}. Nothing has arrived for ${Math.floor(quietMs / 1000)} seconds; waiting for the connection…`;
  }
  const left = rate ? (total - loaded) / rate : 0;
  if (left >= 10) {
    return `Loading the Python that checks your answers: ${done}, ${MB(total - loaded)} MB to go, ` +
      `${roughDuration(left)} at this connection's speed.`;
  }
  return `Loading the Python that checks your answers: ${done}.`;
}

/** Why Python did not start, in words for the reader; only a misconfigured host ("host") speaks
 *  to the people who run the site. `retry`: whether trying again can help. */
export function failureText({ kind, message, stallSeconds, progress }) {
  const got = progress?.total ? ` (${MB(Math.min(progress.loaded, progress.total))} of ${MB(progress.total)} MB arrived)` : "";
  const again = "Press “Try again”: what has already arrived is not downloaded again.";
  switch (kind) {
    case "unsupported":
      return { retry: false, text: `${message} ${STILL_WORKS}` };
    case "offline":
      return { retry: true, text: `You seem to be offline, so the Python that checks your answers could not be downloaded${got}. ` +
        `When you are back online, press “Try again”. ${STILL_WORKS}` };
    case "stalled":
      return { retry: true, text: `The download of the Python that checks your answers has stopped: nothing arrived for ` +
        `${stallSeconds} seconds${got}. Check your connection. ${again} ${STILL_WORKS}` };
    case "network":
      return { retry: true, text: `The connection broke while the Python that checks your answers was downloading${got}: ` +
        `${message} ${again} ${STILL_WORKS}` };
    case "host":
      return { retry: true, text: `Python cannot start because of how this site is published: ${message} ${STILL_WORKS} ` +
        "If you run this site: check that every file of assets/pyodide/ and assets/python/ was published and that " +
        ".wasm files are served with the type application/wasm." };
    default:
      return { retry: true, text: `${message} ${STILL_WORKS}` };
  }
}

const ANNOUNCE_EVERY_MS = 15000;

/** Whether the screen reader hears the line again: the first time, when the download finishes,
 *  and otherwise at most every ANNOUNCE_EVERY_MS and after another fifth has arrived. */
export function announcementDue(last, now, fraction, total) {
  if (last.fraction < 0) return true;
  if (total > 0 && fraction >= 1 && last.fraction < 1) return true;
  return now - last.at >= ANNOUNCE_EVERY_MS && fraction - last.fraction >= 0.2;
}

/** One status line per page while Python loads: a visible line and bar that follow every byte,
 *  and a separate polite announcement for screen readers, at most every 15 s. If Python cannot
 *  start, an alert with a "Try again" button takes its place. */
export function showStatus(firstWidget, py) {
  const status = document.createElement("div");
  firstWidget.before(status);
  status.tabIndex = -1;                              // focus lands here after "Try again"
  let stop = () => {};
  const attempt = (retried) => {
    stop();
    stop = showLoading(status, py);
    py.ready.then(() => {
      stop();
      if (!retried) return status.remove();
      // the reader pressed "Try again" and focus is here: say it worked, instead of vanishing
      status.className = "aw-status";
      status.setAttribute("role", "status");
      status.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Python is ready: answers are checked again." }));
    }, (error) => {
      stop();
      showFailure(status, py, error, () => { py.retry(); attempt(true); status.focus(); });
    });
  };
  attempt(false);
}

function showLoading(status, py) {
  status.className = "aw-status";
  status.removeAttribute("role");
  const line = Object.assign(document.createElement("span"), { className: "aw-status__line" });
  const bar = document.createElement("progress");
  bar.setAttribute("aria-label", "Loading Python");
  const announcer = Object.assign(document.createElement("span"), { className: "aw-sr-only" });
  announcer.setAttribute("role", "status");             // polite; the line above changes too often
  status.replaceChildren(line, bar, announcer);
  line.textContent = progressLine({ loaded: 0, total: 0 }, null, 0);
  const meter = new DownloadMeter();
  let announced = { at: -Infinity, fraction: -1 };
  const show = (progress = py.progress) => {
    const now = performance.now();
    const { loaded, total } = progress;
    meter.add(loaded, now);
    if (total) {
      bar.max = total;
      bar.value = Math.min(loaded, total);
      bar.setAttribute("aria-valuetext", `${MB(Math.min(loaded, total))} of ${MB(total)} MB`);
    }
    const text = progressLine(progress, meter.rate(), meter.quietFor(now));
    if (line.textContent !== text) line.textContent = text;
    const fraction = total ? Math.min(loaded, total) / total : 0;
    if (announcementDue(announced, now, fraction, total)) {
      announced = { at: now, fraction };
      announcer.textContent = text;
    }
  };
  const unsubscribe = py.onProgress(show);     // at once with what arrived before this page mounted
  show();
  const clock = setInterval(show, 1000);       // "nothing has arrived for N seconds" moves too
  return () => { unsubscribe(); clearInterval(clock); };
}

function showFailure(status, py, error, retry) {
  const { retry: canRetry, text } = failureText({
    kind: error.kind, message: error.message, stallSeconds: error.stallSeconds, progress: py.progress });
  status.className = "aw-status aw-status--error";
  status.setAttribute("role", "alert");
  const p = Object.assign(document.createElement("p"), { textContent: text });
  status.replaceChildren(p);
  if (canRetry) {
    const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button aw-retry", textContent: "Try again" });
    button.addEventListener("click", retry, { once: true });
    status.append(button);
  }
}
