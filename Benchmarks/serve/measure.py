"""Measures `forge serve` after one doc is saved: when the rebuilt files are served and when
the open page has reloaded. Called by run.sh; see there.

Times are wall-clock milliseconds after the save returned (write and close of the file):
- served: the `build` event arriving on an event stream like the page's own (forge sends it
  right after the new build is swapped in, so every request from then on gets the new files);
- reloaded: the reloaded page's load event, read from the page (performance.timeOrigin +
  the navigation entry's loadEventEnd, both wall-clock in Chromium).
"""
import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "browser"))
import harness  # noqa: E402


def process_cpu_ms(pid: int) -> float:
    """User + system CPU time of the process so far (all threads), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    import os
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--forge", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--doc", default="apple-swift-argument-parser/README.md")
    parser.add_argument("--nice", type=int, default=0, help="run forge at this niceness (negative: ahead of a busy machine's other work)")
    args = parser.parse_args()
    site = Path(args.site)
    doc = site / "Content" / "docs" / args.doc
    if not doc.exists():
        doc = sorted((site / "Content" / "docs").rglob("*.md"))[0]
    relative = "docs/" + doc.relative_to(site / "Content" / "docs").with_suffix(".html").as_posix()

    command = [args.forge, "serve", "--port", "0"]
    if args.nice:
        command = ["nice", "-n", str(args.nice)] + command
    server = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    rebuilds = []
    driver = None
    original = doc.read_bytes()
    try:
        url = None
        started = time.time()
        for line in server.stdout:
            match = re.search(r"Serving (http://\S+)", line)
            if match:
                url = match.group(1)
                break
        print(f"first build and start: {time.time() - started:.2f} s; serving {url}")
        first_cpu = process_cpu_ms(server.pid)
        print(f"first build: forge CPU time {first_cpu:.0f} ms")

        def read_terminal():
            for line in server.stdout:
                match = re.search(r"Rebuilt in (\d+) ms", line)
                if match:
                    rebuilds.append(int(match.group(1)))
        threading.Thread(target=read_terminal, daemon=True).start()

        events = []
        host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
        base_path = url.split(f":{port}", 1)[1]
        connection = http.client.HTTPConnection(host, int(port))
        connection.request("GET", base_path + "__forge/events")
        stream = connection.getresponse()

        def read_events():
            name = None
            for raw in stream:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: ") and name == "build":
                    events.append((time.time(), json.loads(line[6:])))
        threading.Thread(target=read_events, daemon=True).start()

        driver = harness.make_driver()
        driver.get(url + relative)
        time.sleep(1.0)
        served, reloaded, loaded_dom = [], [], []
        cpu_before = process_cpu_ms(server.pid)
        for edit in range(args.edits):
            driver.execute_script("window.__forgeBench = true;")
            seen = len(events)
            with open(doc, "ab") as handle:
                handle.write(f"\n\nBenchmark edit {edit}.\n".encode())
            saved = time.time()
            deadline = saved + 10
            while len(events) == seen and time.time() < deadline:
                time.sleep(0.001)
            if len(events) == seen:
                raise SystemExit(f"edit {edit}: no build event within 10 s")
            event_time, data = events[seen]
            if data.get("changed") is not None and relative not in data["changed"]:
                raise SystemExit(f"edit {edit}: the build event does not list {relative}: {data}")
            served.append((event_time - saved) * 1000)
            timing = None
            while time.time() < deadline:
                timing = driver.execute_script(
                    "if (window.__forgeBench) return null;"
                    "var n = performance.getEntriesByType('navigation')[0];"
                    "return n && n.loadEventEnd > 0 ? [performance.timeOrigin, n.domContentLoadedEventEnd, n.loadEventEnd] : null;")
                if timing:
                    break
                time.sleep(0.005)
            if not timing:
                raise SystemExit(f"edit {edit}: the page did not reload within 10 s")
            origin, dom, load = timing
            if f"Benchmark edit {edit}." not in driver.page_source:
                raise SystemExit(f"edit {edit}: the reloaded page does not show the edit")
            reloaded.append(origin + load - saved * 1000)
            loaded_dom.append(origin + dom - saved * 1000)
            time.sleep(0.3)

        def summary(name, values, bar=None):
            text = f"{name}: median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f}; {len(values)} edits)"
            if bar is not None:
                text += f"; bar <= {bar} ms: {'met' if statistics.median(values) <= bar else 'NOT met'}"
            print(text)

        cpu = (process_cpu_ms(server.pid) - cpu_before) / args.edits
        print(f"doc edited: Content/docs/{args.doc}")
        summary("save -> rebuilt files served", served, 50)
        summary("save -> page reloaded (load event)", reloaded, 250)
        summary("save -> page reloaded (DOMContentLoaded)", loaded_dom)
        time.sleep(0.2)
        if rebuilds:
            summary("rebuild as forge reports it", rebuilds[-args.edits:])
        # Independent of how busy the machine is: what one edit costs forge in CPU (the rebuild
        # and answering the page's reload), all threads, from /proc (10 ms ticks, averaged).
        print(f"forge CPU time per edit: {cpu:.0f} ms")

        # A title edit (the doc's first heading): the navigation, neighbours and listings that
        # show the title change too. Not a bar; reported for what it costs.
        harness.quit_driver(driver)
        driver = None
        lines = original.decode().split("\n")
        seen = len(rebuilds)
        cpu_before = process_cpu_ms(server.pid)
        for edit in range(args.edits):
            doc.write_text("\n".join([f"# {lines[0].lstrip('# ')} (edit {edit})"] + lines[1:]))
            deadline = time.time() + 30
            while len(rebuilds) <= seen + edit and time.time() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
        cpu = (process_cpu_ms(server.pid) - cpu_before) / args.edits
        summary("title edit: rebuild as forge reports it", rebuilds[seen:seen + args.edits])
        print(f"title edit: forge CPU time per edit: {cpu:.0f} ms")
    finally:
        doc.write_bytes(original)
        if driver is not None:
            harness.quit_driver(driver)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
