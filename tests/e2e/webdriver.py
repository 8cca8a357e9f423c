"""A minimal W3C WebDriver client (standard library only) for driving the real
app through tauri-driver, and its UI in Chromium through chromedriver. Only what
the end-to-end tests use."""

import base64
import os
import sys
import json
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(Exception):
    pass


class Session:
    def __init__(self, url, application=None, timeout=60, capabilities=None):
        """A session of tauri-driver on `application`, or of another driver
        (chromedriver) with its `capabilities`."""
        self.url = url.rstrip("/")
        caps = {"capabilities": {"alwaysMatch": capabilities or {"tauri:options": {"application": application}}}}
        value = self._request("POST", "/session", caps, timeout=timeout)
        self.id = value["sessionId"]

    count = 0

    def _request(self, method, path, body=None, timeout=30):
        Session.count += 1
        if os.environ.get("KEHOACH_E2E_TRACE"):
            print(f"> {method} {path} {json.dumps(body)[:120] if body else ''}", file=sys.stderr, flush=True)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        for attempt in range(3):
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(req, timeout=timeout) as r:
                    return json.loads(r.read() or b"{}").get("value")
            except ConnectionError:
                # tauri-driver now and then drops a connection the moment it is
                # opened, before reading the request; only that case is retried, so
                # no command runs twice.
                if attempt == 2 or time.monotonic() - t0 > 0.05:
                    raise
                time.sleep(0.2)
            except urllib.error.HTTPError as e:
                raise WebDriverError(f"{method} {path}: {e.code} {e.read()[:500]!r}") from None

    def cmd(self, method, path, body=None, timeout=30):
        return self._request(method, f"/session/{self.id}{path}", body, timeout)

    def quit(self):
        try:
            self.cmd("DELETE", "")
        except (WebDriverError, OSError):
            pass

    # --- elements -------------------------------------------------------
    def find(self, css, timeout=10):
        """The first element matching `css`, waiting for it to appear and be shown."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                e = self.cmd("POST", "/element", {"using": "css selector", "value": css})
                el = Element(self, e[ELEMENT])
                if el.displayed():
                    return el
            except WebDriverError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"no visible element {css!r} after {timeout}s")
            time.sleep(0.1)

    def find_all(self, css):
        return [Element(self, e[ELEMENT]) for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def run(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script, *args):
        return self.cmd("POST", "/execute/async", {"script": script, "args": list(args)})

    def wait(self, what, predicate, timeout=10):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = predicate()
            except WebDriverError as e:
                # The screen re-rendered under us (stale element): look again.
                last = e
            else:
                if last:
                    return last
            time.sleep(0.1)
        raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))


class Element:
    def __init__(self, session, id):
        self.s = session
        self.id = id

    def click(self):
        self.s.cmd("POST", f"/element/{self.id}/click", {})

    def clear(self):
        self.s.cmd("POST", f"/element/{self.id}/clear", {})

    def type(self, text):
        self.s.cmd("POST", f"/element/{self.id}/value", {"text": text})

    def text(self):
        # Read through the DOM: WebKitWebDriver's /text and /displayed atoms returned
        # empty strings and crashed the driver here (WebKitGTK 2.50).
        return self.s.run("return arguments[0].innerText.trim()", {ELEMENT: self.id})

    def value(self):
        return self.s.cmd("GET", f"/element/{self.id}/property/value")

    def displayed(self):
        return bool(self.s.run("return arguments[0].getClientRects().length > 0", {ELEMENT: self.id}))
