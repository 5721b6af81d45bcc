"""One small driver shape for the cross-engine tests, so a test is written once and run in Firefox
and in WebKit (Safari's engine).

A test uses only what ``Driver`` lists: go to a URL, run a JavaScript function in the page, click,
press keys, type, fill a field, and read the console errors. Firefox is driven by
``firefox_bridge.mjs`` (puppeteer-core over WebDriver BiDi, JSON lines on stdin/stdout); WebKit by
Selenium's WebKitGTK driver (Debian's ``WebKitWebDriver`` and its ``MiniBrowser``) on an Xvfb
display of its own. Neither downloads a browser. ``find_firefox``/``find_webkit`` say why an engine
cannot run here, for a pytest skip.

Pages come from ``ProbeServer`` (probe_server.py): a probe in every page records errors for engines
that cannot report the console (WebKit) and can make storage writes throw.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[3]
BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
PROBE_ERRORS = "() => window.__engineProbe ? window.__engineProbe.errors.splice(0) : []"


class Unsupported(Exception):
    """The engine cannot do this under automation (the test skips with the reason)."""


class Driver(Protocol):
    name: str
    keyboard_activation: str  # "" if Enter/Space on a focused control act as for a user, else why not

    def goto(self, url: str) -> None: ...  # and wait for the load event
    def eval(self, fn: str, *args: Any) -> Any: ...  # fn: JS function source; may be async; JSON result
    def click(self, selector: str) -> None: ...  # a real click on the first match
    def press(self, key: str) -> None: ...  # "Tab", "Shift+Tab", "Enter", "Space", "ArrowDown"…
    def type(self, text: str) -> None: ...  # into the focused element
    def fill(self, selector: str, text: str) -> None: ...  # replace a field's text
    def console_errors(self) -> list[str]: ...  # every error since the last call
    def set_offline(self, offline: bool) -> None: ...  # may raise Unsupported
    def quit(self) -> None: ...


class _Common:
    """What both drivers do the same way, on top of ``eval``."""

    name = ""
    keyboard_activation = ""
    _errors: list[str]

    def wait_for(self, fn: str, *args: Any, timeout: float = 30, what: str = "") -> Any:
        """Poll ``fn`` in the page until it returns something truthy; return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(fn, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: still false after {timeout} s: {what or fn}")
            time.sleep(0.1)

    def text(self, selector: str) -> str:
        return self.eval("(s) => document.querySelector(s)?.innerText ?? null", selector)

    def count(self, selector: str) -> int:
        return self.eval("(s) => document.querySelectorAll(s).length", selector)

    def _page_errors(self) -> list[str]:
        return []

    def console_errors(self) -> list[str]:
        self._errors += self._page_errors()
        errors, self._errors = self._errors, []
        return errors


class FirefoxDriver(_Common):
    name = "firefox"
    # Measured with firefox-esr 153 and puppeteer-core 24.43, headless or on Xvfb: the key events
    # reach the page, but their default action does not happen (document.hasFocus() stays false).
    keyboard_activation = (
        "Firefox under WebDriver BiDi does not press a focused button on Enter/Space"
        " nor check a radio on Space (the key events arrive; the default action does not)"
    )

    def __init__(self, executable: str):
        self._errors = []
        self._process = subprocess.Popen(
            ["node", str(BRIDGE), executable],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first = self._process.stdout.readline()
        if not first:
            raise RuntimeError(f"Firefox did not start: {self._process.stderr.read()}")
        self.version = json.loads(first)["ok"]

    def _call(self, op: str, **params: Any) -> Any:
        self._process.stdin.write(json.dumps({"op": op, **params}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox bridge stopped: {self._process.stderr.read()}")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"firefox: {op}: {reply['error']}")
        return reply["ok"]

    def goto(self, url: str) -> None:
        self._errors += self._failed_loads()
        self._call("goto", url=url)

    def _failed_loads(self) -> list[str]:
        """The probe's record of files that failed to load (the console events do not include them)."""
        try:
            return [e for e in self.eval(PROBE_ERRORS) if e.startswith("failed to load:")]
        except RuntimeError:  # no page of ours yet
            return []

    def eval(self, fn: str, *args: Any) -> Any:
        return self._call("eval", fn=fn, args=list(args))

    def click(self, selector: str) -> None:
        self._call("click", selector=selector)

    def press(self, key: str) -> None:
        self._call("press", key=key)

    def type(self, text: str) -> None:
        self._call("type", text=text)

    def fill(self, selector: str, text: str) -> None:
        self._call("fill", selector=selector, text=text)

    def _page_errors(self) -> list[str]:
        return self._failed_loads() + self._call("errors")

    def set_offline(self, offline: bool) -> None:
        self._call("offline", on=offline)

    def quit(self) -> None:
        try:
            self._call("quit")
        except RuntimeError:
            pass
        self._process.wait(timeout=30)


_ASYNC_EVAL = """
const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (%s)(...arguments[0])).then(
  (value) => done({ ok: value === undefined ? null : value }),
  (error) => done({ error: String(error && error.stack || error) }));
"""


class WebKitDriver(_Common):
    name = "webkit"

    def __init__(self, minibrowser: str):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        self._errors = []
        self._xvfb, display = _start_xvfb()
        options = webdriver.WebKitGTKOptions()
        options.binary_location = minibrowser
        options.add_argument("--automation")  # MiniBrowser's --headless hangs: Xvfb instead
        service = Service(env={**os.environ, "DISPLAY": display})
        try:
            self._driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self._xvfb.kill()
            raise
        self._driver.set_window_rect(0, 0, 1280, 900)
        self._driver.set_script_timeout(120)
        self.version = self._driver.capabilities.get("browserVersion", "?")

    def goto(self, url: str) -> None:
        self._errors += self._page_errors()  # the probe's record goes with the page
        self._driver.get(url)

    def eval(self, fn: str, *args: Any) -> Any:
        reply = self._driver.execute_async_script(_ASYNC_EVAL % fn, list(args))
        if "error" in reply:
            raise RuntimeError(f"webkit: eval: {reply['error']}")
        return reply["ok"]

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self._driver.find_element(By.CSS_SELECTOR, selector).click()

    def press(self, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        *modifiers, last = [_selenium_key(k) for k in key.split("+")]
        chain = ActionChains(self._driver)
        for modifier in modifiers:
            chain.key_down(modifier)
        chain.send_keys(last)
        for modifier in reversed(modifiers):
            chain.key_up(modifier)
        chain.perform()

    def type(self, text: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self._driver).send_keys(text).perform()

    def fill(self, selector: str, text: str) -> None:
        from selenium.webdriver.common.by import By

        field = self._driver.find_element(By.CSS_SELECTOR, selector)
        field.clear()
        field.send_keys(text.replace("\n", _selenium_key("Enter")))  # WebKitGTK drops a bare "\n"

    def _page_errors(self) -> list[str]:
        try:
            return self.eval(PROBE_ERRORS)
        except Exception:  # no page yet, or a page that is not ours
            return []

    def set_offline(self, offline: bool) -> None:
        raise Unsupported("WebKitGTK's WebDriver cannot take the browser offline")

    def quit(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._xvfb.kill()
            self._xvfb.wait(timeout=10)


def _selenium_key(name: str) -> str:
    from selenium.webdriver.common.keys import Keys

    named = {
        "Tab": Keys.TAB,
        "Enter": Keys.ENTER,
        "Space": Keys.SPACE,
        "Shift": Keys.SHIFT,
        "ArrowDown": Keys.ARROW_DOWN,
        "ArrowUp": Keys.ARROW_UP,
        "Escape": Keys.ESCAPE,
    }
    return named.get(name, name)


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb on a free display number; returns it and its DISPLAY."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"


# ---- which engines this machine has ---------------------------------------------------------------


def find_firefox() -> tuple[str | None, str]:
    """(Firefox's path, "") or (None, why it cannot run)."""
    path = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")
    if not path:
        return None, "no Firefox: apt-get install firefox-esr (make test does this) or set FIREFOX=/path"
    if not os.access(path, os.X_OK):
        return None, f"FIREFOX={path} is not an executable file"
    if not shutil.which("node") or not (ROOT / "node_modules" / "puppeteer-core").is_dir():
        return None, "no node or no node_modules/puppeteer-core: run `make setup`"
    return path, ""


def find_webkit() -> tuple[str | None, str]:
    """(MiniBrowser's path, "") or (None, why WebKit cannot run)."""
    minibrowser = os.environ.get("WEBKIT_MINIBROWSER", MINIBROWSER)
    if not shutil.which("WebKitWebDriver") or not os.access(minibrowser, os.X_OK):
        return None, (
            f"no WebKitGTK (WebKitWebDriver and {minibrowser}): apt-get install webkit2gtk-driver"
            " (make test does this) or set WEBKIT_MINIBROWSER=/path/to/MiniBrowser"
        )
    if not shutil.which("Xvfb"):
        return None, "no Xvfb for WebKit's window: apt-get install xvfb (make test does this)"
    return minibrowser, ""
