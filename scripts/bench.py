"""`make bench`: how fast Python starts and answers in the browser, and what the build costs.

Everything runs in one go against a fresh build served from 127.0.0.1, in headless Chromium:

(a) bare Pyodide boot in a worker on an empty page (the floor), cold and warm cache: stock
    Pyodide, as npm ships it; and (a') the same with the standard library the site ships, whose
    used modules are compiled to bytecode at build time (scripts/stdlib_bytecode.py)
(b) first widget interactive on a real lesson page, cold and warm, and b/a, b/a'
(c) widget interactive after an instant navigation to a second widget page
(d) answer -> feedback latency, p50 and p95
(e) bytes transferred: a lesson page without widgets, and with
(f) quiz validation and a full build, real bank and a generated bank of 1,000 questions
(h) encoded bytes to the first widget interactive, a quiz and the self-check
(m) the mobile preset (1.6 Mbit/s down, 150 ms round trip, 4x CPU slowdown, Chromium's own
    emulation through CDP): time to the first widget interactive, a quiz and the self-check, next
    to its floor = encoded bytes x 8 / 1.6 Mbit/s + (a') warm at 4x CPU; and the longest time the
    progress bar stood still while bytes arrived
(i) a class report of 1,000 results codes: in Pyodide under Node, and on the lecturers' page

The site is served as a typical static host serves it: a precompressed sibling (.br, .gz) when the
browser accepts it, else gzip made on the fly. Medians over RUNS runs (the mobile rows over
MOBILE_RUNS). Prints a table; nothing is asserted (figures, not tests).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.static_server import SiteServer, free_port
from scripts.wheel import ROOT

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-sandbox",
]
LESSON_WITH_WIDGET = "lessons/goals-tasks-bond/"
LESSON_WITHOUT_WIDGET = "lessons/what-is-the-alliance/"
QUIZ_PAGE = "quizzes/ruptures/"
SELF_CHECK_PAGE = "self-check/"
#: Lighthouse's mobile preset ("slow 4G"), as Chromium's DevTools emulate it
MOBILE = {"down_bps": 1.6e6, "up_bps": 750e3, "rtt_ms": 150, "cpu": 4}
POLL_MS = 100

FLOOR_HTML = """<!doctype html><html lang="en"><title>Pyodide floor</title><body><p>floor</p><script>
const worker = new Worker("floor-worker.js" + location.search, {type: "module"});
worker.onmessage = () => { performance.mark("floor-ready"); window.__floorReady = performance.now(); };
</script></body></html>"""
# ?stdlib=stock: Pyodide's own standard library (copied next to this file); ?stdlib=site: the site's
FLOOR_WORKER = """import { loadPyodide } from "../assets/pyodide/%(version)s/pyodide.mjs";
const assets = new URL("../assets/", import.meta.url);
const manifest = await (await fetch(new URL("python/manifest.json", assets))).json();
const stdLibURL = new URLSearchParams(location.search).get("stdlib") === "site"
  ? new URL(manifest.stdLibURL, assets) : new URL("stock/python_stdlib.zip", import.meta.url);
const py = await loadPyodide({
  indexURL: new URL(manifest.indexURL, assets).href,
  lockFileURL: new URL(manifest.lockFileURL, assets).href,
  stdLibURL: stdLibURL.href,
});
py.runPython("import json, html");
postMessage("ready");
"""


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        sys.exit("bench: no Chromium (install Debian's chromium or set CHROMIUM=/path)")
    return path


def build(site_url: str, site_dir: Path, cwd: Path = ROOT) -> float:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"bench: build failed\n{done.stderr}")
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Browser:
    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()

    def profile(self, **options):
        """A browser with its own profile on disk, as a reader's: its HTTP cache keeps large files
        (an incognito context's memory cache does not keep a 9.6 MB .wasm, so "warm" would not be)."""
        return self._pw.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="bench-profile-"), executable_path=chromium(), args=CHROMIUM_ARGS, **options
        )

    def timed_load(self, url: str, ready_js: str, context=None) -> tuple[float, object]:
        """ms from navigation start until ``ready_js`` returns a number (a performance.now() time).

        It polls on a timer: the figure is the time the page recorded, so polling late costs nothing,
        while Playwright's default (every animation frame) would run the page's rendering 60 times a
        second during the very boot it measures."""
        ctx = context or self.profile()
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function(ready_js, timeout=120000, polling=POLL_MS)
        value = page.evaluate(ready_js)
        return float(value), (ctx, page)


def instant_navigation(page, path: str) -> tuple[float, float]:
    """Click the menu link to ``path``; ms until its quiz is ready, from the click and from the
    moment Material swapped the new page in (its ``document$``)."""
    page.evaluate(
        """(u) => {
      window.__navStart = performance.now();
      let first = true;
      document$.subscribe(() => { if (first) { first = false; return; } window.__navSwapped ??= performance.now(); });
      const poll = async () => {
        const quiz = [...window.__alliance.mounted.entries()]
          .find(([el, handle]) => el.dataset.widget === "quiz" && document.contains(el) && handle.ready);
        if (!quiz) return setTimeout(poll, 2);
        await quiz[1].ready;
        window.__navReady = performance.now();
      };
      document.querySelector(`.md-sidebar--primary a.md-nav__link[href$="${u}"]`).click();
      poll();
    }""",
        path,
    )
    page.wait_for_function("() => window.__navReady", timeout=60000, polling=POLL_MS)
    return page.evaluate("[window.__navReady - window.__navStart, window.__navReady - window.__navSwapped]")


def emulate_mobile(page, network: bool = True) -> None:
    """Throttle this page (and its workers) as the mobile preset does, before it loads."""
    cdp = page.context.new_cdp_session(page)
    if network:
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": MOBILE["rtt_ms"],
                "downloadThroughput": MOBILE["down_bps"] / 8,
                "uploadThroughput": MOBILE["up_bps"] / 8,
            },
        )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE["cpu"]})


#: every change of the progress bar, and every byte count the worker reported (with the time the
#: bytes arrived in the worker), on one clock (ms since the epoch)
RECORD_PROGRESS = """window.__bar = []; window.__bytes = [];
const RealWorker = window.Worker;
window.Worker = function (...args) {
  const worker = new RealWorker(...args);
  worker.addEventListener("message", ({ data }) => { if (data?.type === "progress") window.__bytes.push(data); });
  return worker;
};
new MutationObserver(() => {
  const bar = document.querySelector(".aw-status progress");
  if (bar && bar.value !== window.__bar.at(-1)?.value)
    window.__bar.push({t: performance.timeOrigin + performance.now(), value: bar.value, max: bar.max});
}).observe(document, {subtree: true, attributes: true, childList: true});"""


def longest_still_progress(bar: list[dict], arrivals: list[dict]) -> float:
    """The longest time the bar stood still while bytes kept arriving: within each gap between two
    changes of the bar, from the first bytes the worker received in it to the bar's next change.
    (Time in which nothing arrived, such as Pyodide compiling its script between two files, is
    not counted: the line says "waiting" then.)"""
    times = [b["t"] for b in bar if b["max"]]
    longest = 0.0
    for start, end in zip(times, times[1:], strict=False):
        inside = [a["at"] for a in arrivals if start < a["at"] < end]
        if inside:
            longest = max(longest, end - min(inside))
    return longest


def measure_mobile(
    browser: Browser, site_url: str, server: SiteServer, runs: int, widget_js: str
) -> list[tuple[str, str]]:
    """(h) encoded bytes and (m) the mobile preset, for a quiz and for the self-check."""
    floor_js = "() => window.__floorReady"
    a_4x = []
    for _ in range(runs):  # (a') warm at 4x CPU: the site's own bare start, no network limit
        ctx = browser.profile()
        page = ctx.new_page()
        page.goto(site_url + "bench/floor.html?stdlib=site")
        page.wait_for_function(floor_js, timeout=120000, polling=POLL_MS)
        page.close()
        page = ctx.new_page()
        emulate_mobile(page, network=False)
        page.goto(site_url + "bench/floor.html?stdlib=site")
        page.wait_for_function(floor_js, timeout=240000, polling=POLL_MS)
        a_4x.append(page.evaluate(floor_js))
        ctx.close()
    floor_start = median(a_4x)
    rows = [("(a') the site's bare start, warm, at 4x CPU", f"{floor_start:,.0f} ms")]
    for label, path in (("a quiz", QUIZ_PAGE), ("the self-check", SELF_CHECK_PAGE)):
        times, stills, failures, encoded = [], [], 0, []
        for _ in range(runs):
            ctx = browser.profile(service_workers="block")
            page = ctx.new_page()
            page.add_init_script(RECORD_PROGRESS)
            emulate_mobile(page)
            server.bytes_sent = 0
            page.goto(site_url + path)
            try:
                page.wait_for_function(
                    f"() => ({widget_js})() || document.querySelector('.aw-status--error')",
                    timeout=600000,
                    polling=POLL_MS,
                )
            except Exception:  # noqa: BLE001 - a run that never got ready is a figure too
                failures += 1
                ctx.close()
                continue
            if page.locator(".aw-status--error").count():
                failures += 1
            else:
                times.append(float(page.evaluate(widget_js)))
                encoded.append(server.bytes_sent)
                stills.append(longest_still_progress(page.evaluate("window.__bar"), page.evaluate("window.__bytes")))
            ctx.close()
        if not times:
            rows.append((f"(m) mobile preset, {label}", f"Python never ready ({failures} of {runs} runs failed)"))
            continue
        size = median(encoded)
        floor = size * 8 / MOBILE["down_bps"] * 1000 + floor_start
        rows += [
            (f"(h) encoded bytes to the first widget interactive, {label}", f"{size / 1e6:.2f} MB"),
            (
                f"(m) mobile preset, first widget interactive, {label}",
                f"{median(times):,.0f} ms; floor {floor:,.0f} ms; ratio {median(times) / floor:.2f}; "
                f"ready in {len(times)} of {runs} runs",
            ),
            (f"(m) longest time the progress bar stood still while bytes arrived, {label}", f"{max(stills):,.0f} ms"),
        ]
    return rows


def prepare(tmp: Path, port: int) -> tuple[str, SiteServer]:
    """A fresh build with the floor pages, served as a static host serves it."""
    from scripts.pyodide_bundle import PYODIDE_DIR, pyodide_version

    site_url = f"http://127.0.0.1:{port}/"
    build(site_url, tmp / "site")
    bench_dir = tmp / "site" / "bench"
    bench_dir.mkdir()
    (bench_dir / "floor.html").write_text(FLOOR_HTML)
    (bench_dir / "floor-worker.js").write_text(FLOOR_WORKER % {"version": pyodide_version()})
    (bench_dir / "stock").mkdir()
    shutil.copyfile(PYODIDE_DIR / "python_stdlib.zip", bench_dir / "stock" / "python_stdlib.zip")
    server = SiteServer(tmp / "site", "/", port).start()
    server.cache_control = "public, max-age=3600"
    server.compress = True
    return site_url, server


#: a widget is interactive once Python is ready and its controller is mounted, whichever is later
WIDGET_JS = (
    "() => window.__alliance?.python?.info && Math.max(...['aw-python-ready', 'aw-widget-mounted']"
    ".map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN)) || undefined"
)


def measure_only(runs: int, what: str) -> list[tuple[str, str]]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    site_url, server = prepare(tmp, free_port())
    browser = Browser()
    try:
        return measure_mobile(browser, site_url, server, runs, WIDGET_JS)
    finally:
        browser.close()
        server.stop()


def measure(runs: int, mobile_runs: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    site_url, server = prepare(tmp, port)
    browser = Browser()
    floor_js = "() => window.__floorReady"
    widget_js = WIDGET_JS
    try:
        results: dict[str, list[float]] = {
            k: [] for k in ("a_cold", "a_warm", "s_cold", "s_warm", "b_cold", "b_warm", "c", "c_swap", "c_busy")
        }
        for _ in range(runs):
            for key, url, js in (
                ("a", "bench/floor.html?stdlib=stock", floor_js),
                ("s", "bench/floor.html?stdlib=site", floor_js),
                ("b", LESSON_WITH_WIDGET, widget_js),
            ):
                cold, (ctx, page) = browser.timed_load(site_url + url, js)
                results[f"{key}_cold"].append(cold)
                if key == "b":
                    # a reader comes back later: the offline copy the first visit started has been
                    # stored by then (measured while it is still being fetched, (b) warm pays for it)
                    page.wait_for_function("() => window.__alliance?.offlineReady", timeout=120000, polling=POLL_MS)
                page.close()
                warm, _ = browser.timed_load(site_url + url, js, context=ctx)
                results[f"{key}_warm"].append(warm)
                ctx.close()
            # (c) instant navigation from a widget page to a quiz page, Python already running:
            # once the first visit's background work (the offline copy) is done, and while
            # it is still going on (a reader who moves on after a second)
            for key, settled in (("c", True), ("c_busy", False)):
                ctx = browser.profile()
                page = ctx.new_page()
                page.goto(site_url + LESSON_WITH_WIDGET)
                page.wait_for_function(widget_js, timeout=120000, polling=POLL_MS)
                if settled:
                    page.wait_for_function("() => window.__alliance?.offlineReady", timeout=120000, polling=POLL_MS)
                page.wait_for_timeout(1000)  # a reader reads before moving on
                total, after_swap = instant_navigation(page, QUIZ_PAGE)
                results[key].append(total)
                if settled:
                    results["c_swap"].append(after_swap)
                ctx.close()

        # (d) answer -> feedback latency on a quiz page
        ctx = browser.browser.new_context()
        page = ctx.new_page()
        page.goto(site_url + QUIZ_PAGE)
        page.wait_for_function(widget_js, timeout=120000, polling=POLL_MS)
        latencies = []
        first = page.locator(".aw-question").first
        first.locator("input").first.check()
        for _ in range(40):
            latencies.append(
                page.evaluate(
                    """async () => {
                  const li = document.querySelector('.aw-question');
                  const box = li.querySelector('.aw-feedback');
                  box.innerHTML = '';
                  const t0 = performance.now();
                  li.querySelector('.aw-check').click();
                  await new Promise(resolve => { const o = new MutationObserver(() => { if (box.querySelector('.aw-verdict, p')) { o.disconnect(); resolve(); } }); o.observe(box, {childList: true, subtree: true}); });
                  return performance.now() - t0;
                }"""
                )
            )
        ctx.close()

        # (e) bytes: fresh contexts, count what the server sent for the page itself (the offline
        # copy, fetched later in the background, is counted on its own line)
        sizes = {}
        for label, url, wait in (
            ("without widgets", LESSON_WITHOUT_WIDGET, None),
            ("with a widget", LESSON_WITH_WIDGET, widget_js),
        ):
            server.bytes_sent = 0
            server.requests.clear()
            ctx = browser.profile(service_workers="block")
            page = ctx.new_page()
            page.goto(site_url + url, wait_until="networkidle")
            if wait:
                page.wait_for_function(wait, timeout=120000, polling=POLL_MS)
            page.wait_for_timeout(300)
            pyodide_requests = [r for r in server.requests if "/assets/pyodide/" in r or "/assets/python/" in r]
            sizes[label] = (server.bytes_sent, len(pyodide_requests))
            ctx.close()
        server.bytes_sent = 0
        ctx = browser.browser.new_context()
        page = ctx.new_page()
        page.goto(site_url + LESSON_WITHOUT_WIDGET)
        page.wait_for_function("() => window.__alliance?.offlineReady", timeout=120000, polling=POLL_MS)
        offline_bytes = server.bytes_sent
        ctx.close()
        mobile_rows = measure_mobile(browser, site_url, server, mobile_runs, widget_js)
    finally:
        browser.close()
        server.stop()

    def ratio(floor: str, kind: str) -> str:
        """b over a floor: the ratio of the medians, and the median of each run's own ratio
        ("paired": a and b of one run are measured minutes apart at most, so this is less moved
        by the machine's speed drifting during the benchmark)."""
        b, a = results[f"b_{kind}"], results[f"{floor}_{kind}"]
        return f"{median(b) / median(a):.2f}; paired {median([y / x for x, y in zip(a, b, strict=True)]):.2f}"

    a_cold, a_warm = median(results["a_cold"]), median(results["a_warm"])
    b_cold, b_warm = median(results["b_cold"]), median(results["b_warm"])
    rows += [
        ("(a) bare Pyodide boot in a worker, cold (stock Pyodide)", f"{a_cold:,.0f} ms"),
        ("(a) bare Pyodide boot in a worker, warm (stock Pyodide)", f"{a_warm:,.0f} ms"),
        (
            "(a') the same with the site's standard library (used modules as bytecode), cold",
            f"{median(results['s_cold']):,.0f} ms",
        ),
        (
            "(a') the same with the site's standard library (used modules as bytecode), warm",
            f"{median(results['s_warm']):,.0f} ms",
        ),
        (
            "(b) first widget interactive on a lesson, cold",
            f"{b_cold:,.0f} ms  (b/a = {ratio('a', 'cold')}; b/a' = {ratio('s', 'cold')})",
        ),
        (
            "(b) first widget interactive on a lesson, warm",
            f"{b_warm:,.0f} ms  (b/a = {ratio('a', 'warm')}; b/a' = {ratio('s', 'warm')})",
        ),
        ("(c) widget interactive after instant navigation (from the click)", f"{median(results['c']):,.0f} ms"),
        ("(c) of which after Material swapped the page in", f"{median(results['c_swap']):,.0f} ms"),
        (
            "(c) the same while the first visit's offline copy is still being made",
            f"{median(results['c_busy']):,.0f} ms",
        ),
        (
            "(d) answer -> feedback latency p50 / p95",
            f"{percentile(latencies, 50):.1f} ms / {percentile(latencies, 95):.1f} ms",
        ),
    ]
    for label, (size, n_python) in sizes.items():
        rows.append((f"(e) bytes, lesson {label}", f"{size / 1e6:.2f} MB ({n_python} Python runtime requests)"))
    rows.append(
        ("(e) offline copy of the pages, fetched when idle after a first visit", f"{offline_bytes / 1e6:.2f} MB")
    )
    return rows + mobile_rows


def build_costs() -> list[tuple[str, str]]:
    from scripts.quizzes import load_bank

    rows = []
    started = time.perf_counter()
    bank = load_bank()
    real_validate = time.perf_counter() - started
    n_real = bank.question_count
    with tempfile.TemporaryDirectory() as tmp:
        real_build = build("http://127.0.0.1:8000/", Path(tmp) / "site")
    rows.append(
        (
            "(f) validate the real bank",
            f"{real_validate * 1000:,.0f} ms for {n_real} questions = {real_validate * 1000 / n_real:.2f} ms/question",
        )
    )
    rows.append(("(f) full build, real bank", f"{real_build:.1f} s"))

    from scripts.bench_bank import write_generated_bank

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        count = write_generated_bank(project, questions=1000)
        started = time.perf_counter()
        load_bank(sorted((project / "quizzes").glob("*.yml")), docs_dir=project / "docs")
        gen_validate = time.perf_counter() - started
        from scripts.quizzes.render import render_module

        bank = load_bank(sorted((project / "quizzes").glob("*.yml")), docs_dir=project / "docs")
        started = time.perf_counter()
        for module in bank.modules.values():
            render_module(module)
        gen_render = time.perf_counter() - started
        gen_build = build("http://127.0.0.1:8000/", project / "site", cwd=project)
    per_q = (gen_validate + gen_render) * 1000 / count
    rows.append(
        (
            "(f) validate + render 1,000 generated questions",
            f"{gen_validate * 1000:,.0f} + {gen_render * 1000:,.0f} ms = {per_q:.2f} ms/question",
        )
    )
    rows.append(("(f) full build, real bank + 1,000 generated questions", f"{gen_build:.1f} s"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mobile-runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--mobile-only", action="store_true", help="only (h) and (m): bytes and the mobile preset")
    args = parser.parse_args()
    rows = []
    if args.mobile_only:
        rows += measure_only(args.mobile_runs, "mobile")
    else:
        if not args.skip_browser:
            rows += measure(args.runs, args.mobile_runs)
            from scripts.bench_report import page_rows, report_rows

            rows += report_rows() + page_rows()  # (i) the class report of 1,000 codes
        rows += build_costs()
    width = max(len(k) for k, _ in rows)
    print(
        f"\nmachine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"medians over {args.runs} runs"
    )
    print(f"{'measure':<{width}}  result")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
