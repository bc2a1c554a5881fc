#!/usr/bin/env python3
"""PRODUCT.md §9, browser bar: on a site with 1M usage records, any sort or filter of the
history shows its first page <= 300 ms after the click. Opens the built site from file:// in
headless Chromium, opens the Usage dialog, and times (Performance API, in the page's own clock)
each action from the click until the first page is drawn and painted (the next animation frame):
  - cold: a fresh page each time, nothing of the history loaded yet;
  - next: the second action 3 s after a first one (the rest of the history loads meanwhile);
  - warm: every chunk loaded.
Prints the median of N runs per action.
    usage: python3 Benchmarks/browser/history-latency.py SITE_OUTPUT_DIR [RUNS]"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "browser"))
import harness  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

site = Path(sys.argv[1]).resolve()
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5

# Runs an action, then resolves when the history is no longer busy and a frame was painted.
TIMED = """
const [action, done] = [arguments[0], arguments[arguments.length - 1]];
const history = document.querySelector('#usage-dialog [data-usage-history]');
const status = document.querySelector('[data-usage-status]');
const select = (name, index) => { const s = document.querySelector(`#usage-dialog select[name='${name}']`);
  s.selectedIndex = index; s.dispatchEvent(new Event('change', { bubbles: true })); };
const day = (name, value) => { const i = document.querySelector(`#usage-dialog input[name='${name}']`);
  i.value = value; i.dispatchEvent(new Event('change', { bubbles: true })); };
const t0 = performance.now();
({
  sortCost: () => document.querySelector("[data-sort-button='cost']").click(),
  sortService: () => document.querySelector("[data-sort-button='service']").click(),
  sortDate: () => document.querySelector("[data-sort-button='date']").click(),
  filterService: () => select('service', 1),
  filterKey: () => select('key', 1),
  filterServiceAndKey: () => { select('service', 2); },
  lastWeek: () => day('from', arguments[1]),
  noFilter: () => { document.querySelector('#usage-dialog [data-usage-filters]').reset(); },
  page5: () => { for (let i = 0; i < 4; i++) document.querySelector("[data-page='next']").click(); },
})[action]();
const check = () => {
  if (history.getAttribute('aria-busy') === 'true' || status.textContent.startsWith('Loading')) {
    setTimeout(check, 2); return;
  }
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
};
setTimeout(check, 0);
"""


def open_history(driver):
    driver.get((site / "index.html").as_uri())
    driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']").click()
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return !!document.querySelector(\"[data-sort-button='cost']\")"))
    driver.execute_script("document.getElementById('usage-history-title').scrollIntoView()")


def timed(driver, action):
    return driver.execute_async_script(TIMED, action, last_week)


driver = harness.make_driver(1280, 900)
driver.set_script_timeout(300)
try:
    open_history(driver)
    newest = driver.execute_script("return JSON.parse(document.getElementById('forge-usage').textContent).history.newest")
    y, m, d = (int(part) for part in newest.split("-"))
    import datetime
    last_week = (datetime.date(y, m, d) - datetime.timedelta(days=6)).isoformat()
    results = {}
    cold = {"sortCost": "cold: sort by cost", "sortService": "cold: sort by service",
            "filterService": "cold: filter by one service", "filterKey": "cold: filter by one key",
            "lastWeek": "cold: the last 7 days", "page5": "cold: page 5, newest first"}
    for action, label in cold.items():
        values = []
        for _ in range(max(1, runs // 2)):
            open_history(driver)
            values.append(timed(driver, action))
        results[label] = values
    values = []
    for _ in range(max(1, runs // 2)):
        open_history(driver)
        timed(driver, "filterKey")
        time.sleep(3)
        values.append(timed(driver, "filterServiceAndKey"))
    results["next: a second filter, 3 s after the first"] = values
    # Warm: every chunk loaded (a second filter needs them all), then each action on all rows.
    open_history(driver)
    timed(driver, "filterKey")
    timed(driver, "filterServiceAndKey")
    timed(driver, "noFilter")
    for action, label in (("sortCost", "warm: sort by cost"), ("sortService", "warm: sort by service"),
                          ("filterService", "warm: filter by one service"), ("filterKey", "warm: and by one key"),
                          ("sortDate", "warm: sort by date"), ("page5", "warm: page 5 of that"),
                          ("noFilter", "warm: clear the filters")):
        results[label] = [timed(driver, action) for _ in range(runs)]
    worst = 0
    for label, values in results.items():
        worst = max(worst, statistics.median(values))
        print(f"{label:44s} median {statistics.median(values):7.0f} ms  (min {min(values):.0f}, max {max(values):.0f}, n={len(values)})")
    print(f"slowest median: {worst:.0f} ms (bar: 300 ms)")
finally:
    harness.quit_driver(driver)
