#!/usr/bin/env python3
"""Time to first search results on a built site, in headless Chromium from file://: for each
query, a fresh page, then the time from the first keystroke (the box gets focus and the query
at once, so the manifest, the word's shard and the results' text chunks all load) to the
results on screen, and again for the same words (everything loaded).
    usage: search-latency.py OUTPUT_DIR [PAGE] QUERY...     (PAGE default docs/index.html)
    e.g.   search-latency.py /tmp/forge-bench-docs/forge/Output docs/index.html channel pipeline swift"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "browser"))
import harness  # noqa: E402

SCRIPT = """
const done = arguments[arguments.length - 1];
const input = document.getElementById('Forge-search-input');
const status = document.getElementById('Forge-search-status');
const started = performance.now();
if (arguments[1]) input.focus();
input.value = arguments[0];
input.dispatchEvent(new Event('input'));
(function check() {
  if (/result/.test(status.textContent)) done({ms: performance.now() - started, status: status.textContent});
  else setTimeout(check, 1);
})();
"""

site = Path(sys.argv[1]).resolve()
page = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2].endswith(".html") else "docs/index.html"
queries = sys.argv[3:] if page == sys.argv[2] else sys.argv[2:]
driver = harness.make_driver(1280, 900)
try:
    driver.set_script_timeout(30)
    for query in queries:
        driver.get((site / page).as_uri())
        time.sleep(0.5)
        first = driver.execute_async_script(SCRIPT, query, True)
        again = driver.execute_async_script(SCRIPT, query + " ", False)
        print(f"{query!r}: first keystroke {first['ms']:.0f} ms ({first['status']}), again {again['ms']:.0f} ms")
finally:
    harness.quit_driver(driver)
