"""`forge serve`, end to end with the built binary, from a site folder outside the repository:
what it answers under a base path (and refuses), rebuilding after edits, a Chromium page that
reloads itself and shows a failing build as an overlay, signals, a taken port, Output/ left
alone. Every server is stopped when its test ends, passed or failed."""
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

import harness
import serving


@pytest.fixture
def site(tmp_path):
    return serving.copy_example_site(tmp_path / "site")


@pytest.fixture
def served(site):
    server = serving.Server(site, "--base-url", "/repo/")
    yield server
    server.close()


def wait_for(condition, timeout=15.0, interval=0.02):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return condition()


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_serves_the_site_under_its_base_path(served, site):
    assert served.url.endswith("/repo/")
    status, headers, _ = serving.get(served, "/")
    assert (status, headers["location"]) == (302, "/repo/")
    status, headers, _ = serving.get(served, "/repo")
    assert (status, headers["location"]) == (302, "/repo/")

    status, headers, body = serving.get(served, "/repo/")
    page = body.decode()
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "Manage Keys" in page
    # Served pages carry the reload script, allowed by their policy; built pages never do.
    assert '<script src="/repo/__forge/reload.js" data-pages="index.html"' in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "connect-src 'self'" in policy and "script-src 'self'" in policy and "default-src 'none'" in policy

    status, headers, body = serving.get(served, "/repo/docs/errors.html")
    assert status == 200 and b"<h1" in body and b"Errors" in body
    stylesheet = re.search(r'href="((?:\.\./)*)(assets/css/base\.[0-9a-f]{10}\.css)"', body.decode()).group(2)
    status, headers, body = serving.get(served, "/repo/" + stylesheet)
    assert (status, headers["content-type"]) == (200, "text/css; charset=utf-8") and b"<" not in body[:200]
    status, headers, _ = serving.get(served, "/repo/docs/img/key-format.svg")
    assert (status, headers["content-type"]) == (200, "image/svg+xml")
    status, headers, _ = serving.get(served, "/repo/docs/guides")
    assert (status, headers["location"]) == (302, "/repo/docs/guides/")

    # Missing: the site's 404 page, with status 404; a folder never lists its files.
    for missing in ("/repo/docs/nothing.html", "/repo/assets/", "/repo/assets/css/", "/elsewhere/x.html", "/repo/.nojekyll"):
        status, headers, body = serving.get(served, missing)
        assert status == 404, missing
        assert b"Page not found" in body and headers["content-type"].startswith("text/html"), missing

    status, headers, body = serving.get(served, "/repo/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000
    status, headers, _ = serving.get(served, "/repo/", method="POST", headers={"Content-Length": "0"})
    assert (status, headers["allow"]) == (405, "GET, HEAD")

    assert not (site / "Output").exists(), "serve writes nothing"


@pytest.mark.parametrize("path", [
    "/repo/../Content/site.yaml",
    "/repo/docs/../../Content/site.yaml",
    "/repo/%2e%2e/Content/site.yaml",
    "/repo/docs/%2E%2E/%2e%2e/etc/passwd",
    "/repo/docs/..%2f..%2fContent%2fsite.yaml",
    "/repo/docs/errors.html%00.png",
    "/repo/docs\\..\\..\\Content\\site.yaml",
    "/repo/docs/%5c..%5csite.yaml",
    "/repo/%zz",
    "/repo/%ff%fe",
    "http://127.0.0.1/etc/passwd",
    "*",
])
def test_refuses_traversal_and_malformed_paths(served, path):
    status, _, body = serving.get(served, path)
    assert status == 400, f"{path}: {status} {body[:200]!r}"
    assert b"root:" not in body and b"title:" not in body


def test_refuses_oversized_and_foreign_requests(served):
    status, _, _ = serving.get(served, "/repo/", headers={"X-Padding": "a" * 20000})
    assert status == 431
    status, _, _ = serving.request(served.port, b"GET /repo/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-A: b\r\n" * 100 + b"\r\n")
    assert status == 431
    # A name that resolves to 127.0.0.1 elsewhere (DNS rebinding) gets nothing.
    status, _, _ = serving.get(served, "/repo/", headers={"Host": "attacker.example"})
    assert status == 421
    status, _, _ = serving.get(served, "/repo/", headers={"Content-Length": "5"})
    assert status == 400
    status, _, _ = serving.request(served.port, b"GET /repo/ HTTP/2.0\r\nHost: x\r\n\r\n")
    assert status == 505
    # The server is still there for the next request.
    assert serving.get(served, "/repo/")[0] == 200


def test_an_edit_is_rebuilt_and_announced(served, site):
    events = serving.EventStream(served)
    try:
        name, hello = events.next()
        assert name == "hello" and hello["error"] is None
        edit(site / "Content/docs/errors.md", "## The error body", "## The error body\n\nServed after an edit.")
        name, data = events.next()
        assert name == "build" and data["build"] == hello["build"] + 1
        assert "docs/errors.html" in data["changed"] and "index.html" not in data["changed"]
        assert b"Served after an edit." in serving.get(served, "/repo/docs/errors.html")[2]

        # A broken build: announced with its message; the last good site stays served.
        edit(site / "Content/docs/errors.md", "weight: 50", "weight: heavy")
        name, data = events.next()
        assert name == "failure"
        assert 'Content/docs/errors.md:4:9: error: weight: expected a whole number, found "heavy"' in data["error"]
        status, _, body = serving.get(served, "/repo/docs/errors.html")
        assert status == 200 and b"Served after an edit." in body
        assert wait_for(lambda: "Content/docs/errors.md:4:9: error:" in "".join(served.stderr)), "the terminal shows it as build does"

        edit(site / "Content/docs/errors.md", "weight: heavy", "weight: 50")
        name, data = events.next()
        assert name == "build"
    finally:
        events.close()


WRITER = """
import sys, time
path, text = sys.argv[1], sys.argv[2]
times = []
for number in range(40):
    with open(path, "w") as handle:
        handle.write(text + f"\\n\\nSave number {number}.\\n")
    times.append(time.monotonic())
print(" ".join(str(t) for t in times))
"""


def test_a_burst_of_saves_is_one_or_two_rebuilds(served, site):
    doc = site / "Content/docs/errors.md"
    original = doc.read_text()
    before = served.rebuilds()
    failures = []

    def hammer(stop):
        while not stop.is_set():
            status, _, body = serving.get(served, "/repo/docs/errors.html")
            if status != 200 or not body.rstrip().endswith(b"</html>"):
                failures.append(status)

    stop = threading.Event()
    reader = threading.Thread(target=hammer, args=(stop,))
    reader.start()
    try:
        # 40 saves (truncate, write, close) from another process, as fast as it goes.
        writer = subprocess.run([sys.executable, "-c", WRITER, str(doc), original], check=True, capture_output=True, text=True)
        assert wait_for(lambda: b"Save number 39." in serving.get(served, "/repo/docs/errors.html")[2])
        time.sleep(0.3)
    finally:
        stop.set()
        reader.join()
    assert served.process.poll() is None, served.output
    assert failures == [], "every answer during the burst was a whole page"
    # One rebuild for the burst, one more at most for a save caught in the middle; a busy
    # machine can pause the writer longer than the 10 ms of quiet, and each pause may end a
    # burst. (A save in place truncates, then writes: a build that reads the file in between
    # is not shown when the save's events come in during the build, and the save's own events
    # always bring the next build; see FileWatcher.)
    times = [float(t) for t in writer.stdout.split()]
    pauses = sum(1 for a, b in zip(times, times[1:]) if b - a > 0.010)
    assert 1 <= served.rebuilds() - before <= 2 + pauses, f"{pauses} pauses over 10 ms in the burst\n{served.output}"


def test_sigint_and_sigterm_exit_0_and_leave_output_alone(site):
    assert harness.build_site(site / "Output", cwd=site).returncode == 0
    (site / "Output" / "CNAME").write_text("docs.example.com\n")
    before = serving.snapshot(site / "Output")
    for number in (signal.SIGINT, signal.SIGTERM):
        server = serving.Server(site)
        try:
            edit(site / "Content/docs/errors.md", "# Errors", "# Errors!")
            assert wait_for(lambda: server.rebuilds() >= 1), server.output
            assert server.stop(number) == 0, server.output
            assert "Stopped." in server.output
        finally:
            server.close()
        edit(site / "Content/docs/errors.md", "# Errors!", "# Errors")
    assert serving.snapshot(site / "Output") == before
    assert not any(b"__forge" in data for data, _ in before.values()), "the reload script is never in built files"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2)


def test_a_taken_port_is_a_clear_error(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(harness.forge_binary()), "serve", "--port", str(port)], cwd=site,
                                              capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stderr == (f"error: port {port} on 127.0.0.1 is already in use: stop the program using it, "
                             "or choose another port with --port N (0 picks a free one)\n")
    assert "Traceback" not in result.stderr and "Fatal" not in result.stderr


@pytest.fixture
def driver():
    browser = harness.make_driver()
    yield browser
    harness.quit_driver(browser)


def test_an_open_page_reloads_itself_after_an_edit(served, site, driver):
    # Another page, which the edit does not change, is open in a second tab.
    driver.get(served.url + "docs/rate-limits.html")
    driver.execute_script("window.forgeTestMarker = true;")
    other = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(served.url + "docs/errors.html")
    driver.execute_script("window.forgeTestMarker = true;")
    # Let both pages open their event streams (a page that connects after a build reloads anyway).
    time.sleep(1)

    edit(site / "Content/docs/errors.md", "## The error body", "## The error body\n\nReloaded by itself.")
    assert wait_for(lambda: "Reloaded by itself." in driver.page_source)
    assert driver.execute_script("return window.forgeTestMarker === undefined;"), "a reload, not an in-place patch"
    assert harness.console_problems(driver) == []
    driver.switch_to.window(other)
    assert driver.execute_script("return window.forgeTestMarker === true;"), "a page the edit did not change stays as it is"


def test_a_failing_build_shows_an_overlay_and_the_fix_clears_it(served, site, driver):
    driver.get(served.url + "docs/errors.html")
    driver.execute_script("window.forgeTestMarker = true;")
    edit(site / "Content/docs/errors.md", "weight: 50", "weight: <b>heavy</b>")
    overlay = wait_for(lambda: driver.find_elements("css selector", ".forge-serve-overlay"))
    assert overlay, served.output
    text = overlay[0].text
    assert 'Content/docs/errors.md:4:9: error: weight: expected a whole number, found "<b>heavy</b>"' in text
    # The message is text: the <b> the user wrote is shown, not made bold.
    assert driver.find_elements("css selector", ".forge-serve-overlay b") == []
    assert driver.execute_script("return window.forgeTestMarker === true;"), "the last good page stays open"
    assert "The error body" in driver.page_source

    edit(site / "Content/docs/errors.md", "weight: <b>heavy</b>", "weight: 50")
    assert wait_for(lambda: not driver.find_elements("css selector", ".forge-serve-overlay"))
    assert harness.console_problems(driver) == []


def test_a_site_that_does_not_build_yet_is_served_once_it_does(site, driver):
    edit(site / "Content/site.yaml", "title: NexusAI Forge", "title: [broken")
    server = serving.Server(site)
    try:
        status, _, body = serving.get(server, "/docs/errors.html")
        assert status == 503 and b"The site did not build" in body and b"/__forge/reload.js" in body
        assert "Content/site.yaml:3:13: error:" in "".join(server.stderr)
        driver.get(server.url + "docs/errors.html")
        overlay = wait_for(lambda: driver.find_elements("css selector", ".forge-serve-overlay"))
        assert overlay and "Content/site.yaml:3:13: error:" in overlay[0].text

        edit(site / "Content/site.yaml", "title: [broken", "title: NexusAI Forge")
        assert wait_for(lambda: "The error body" in driver.page_source), "the page reloads into the site"
        assert serving.get(server, "/docs/errors.html")[0] == 200
    finally:
        server.close()
