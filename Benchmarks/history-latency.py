#!/usr/bin/env python3
"""The Usage dialog's history on a large built site, in headless Chromium from file://: the time
from a click (a sort header) or a filter change to its first page on screen, measured in the page
with performance.now() (PRODUCT.md §9 / issue 11: at 1M records, <= 300 ms).

    usage: history-latency.py OUTPUT_DIR [RUNS]

Each run opens a fresh page and the dialog (the newest-first page shows), then, one after the
other: sort by cost, sort by date (back to newest first, but through the sort path), filter by
the first service, and clear the filter. An action ends when the section is no longer
aria-busy and the status line has changed (the rows are drawn before the status), then one
animation frame. Prints each action's median over RUNS (default 3) and, last, `max MS`.
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "browser"))
import harness  # noqa: E402

ACTION = """
const [kind, value] = [arguments[0], arguments[1]];
const done = arguments[arguments.length - 1];
const section = document.querySelector('#usage-dialog [data-usage-history]');
const status = section.querySelector('[data-usage-status]');
const before = status.textContent;
const started = performance.now();
if (kind === 'sort') {
  section.querySelector(`[data-sort-button='${value}']`).click();
} else {
  const select = section.querySelector('[data-usage-filters] select[name=service]');
  select.value = value === 'first' ? select.options[1].value : '';
  select.dispatchEvent(new Event('change', {bubbles: true}));
}
(function check() {
  if (!section.hasAttribute('aria-busy') && status.textContent !== before && !/Loading/.test(status.textContent)) {
    const drawn = performance.now();
    requestAnimationFrame(() => done({ms: drawn - started, painted: performance.now() - started, status: status.textContent}));
  } else setTimeout(check, 0);
})();
"""

ACTIONS = [("sort by cost", "sort", "cost"), ("sort by date", "sort", "date"),
           ("filter: first service", "filter", "first"), ("filter: all services", "filter", "")]


def main() -> None:
    site = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times: dict[str, list[float]] = {name: [] for name, _, _ in ACTIONS}
    driver = harness.make_driver(1280, 900)
    try:
        driver.set_script_timeout(120)
        for _ in range(runs):
            driver.get((site / "index.html").as_uri())
            driver.find_element("css selector", "[data-dialog-open='usage-dialog']").click()
            deadline = time.time() + 60
            while not driver.execute_script(
                    "return /^(Rows|No rows)/.test(document.querySelector('#usage-dialog [data-usage-status]').textContent)"):
                if time.time() > deadline:
                    sys.exit("history-latency.py: the history did not show its first page in 60 s")
                time.sleep(0.05)
            for name, kind, value in ACTIONS:
                result = driver.execute_async_script(ACTION, kind, value)
                times[name].append(result["painted"])
    finally:
        harness.quit_driver(driver)
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.0f} ms ({', '.join(f'{v:.0f}' for v in values)})")
    print(f"max {max(statistics.median(v) for v in times.values()):.0f}")


if __name__ == "__main__":
    main()
