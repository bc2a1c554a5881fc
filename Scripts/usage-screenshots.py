#!/usr/bin/env python3
"""Screenshots of the Usage dialog for a human to look at: each section of the current view, the
oldest period grouped by model and by key, light and dark, at 360, 768 and 1280 px; and the page
without JavaScript. Writes PNGs to .screenshots/usage/ (a sibling of Scripts/screenshots.py,
which takes the whole site).
    usage: python3 Scripts/usage-screenshots.py [SITE_DIR] [NAME]   (default Output/, "site")"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "browser"))
import harness  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

site = Path(sys.argv[1] if len(sys.argv) > 1 else "Output").resolve()
name = sys.argv[2] if len(sys.argv) > 2 else "site"
out = Path(".screenshots") / "usage"
out.mkdir(parents=True, exist_ok=True)
SECTIONS = ["usage-overview-title", "usage-breakdown-title", "usage-daily-title", "usage-keys-title", "usage-periods-title", "usage-history-title"]


def shoot(driver, tag):
    driver.execute_script("document.querySelector('#usage-dialog .dialog__body').scrollTop = 0")
    time.sleep(0.1)
    driver.save_screenshot(str(out / f"{name}-{tag}-top.png"))
    for section in SECTIONS:
        found = driver.execute_script("""
            const h = document.getElementById(arguments[0]);
            if (!h) return false;
            h.scrollIntoView({block: 'start'});
            return true;""", section)
        if found:
            time.sleep(0.1)
            driver.save_screenshot(str(out / f"{name}-{tag}-{section.replace('usage-', '').replace('-title', '')}.png"))


def open_usage(driver):
    driver.get((site / "index.html").as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.find_element(By.CSS_SELECTOR, "[commandfor='usage-dialog']").click()
    time.sleep(0.3)


for width, height in ((360, 780), (768, 900), (1280, 900)):
    for scheme in ("light", "dark"):
        if width == 768 and scheme == "dark":
            continue
        driver = harness.make_driver(width, height, dark=scheme == "dark")
        try:
            tag = f"{width}-{scheme}"
            open_usage(driver)
            shoot(driver, tag)
            periods = Select(driver.find_element(By.ID, "usage-period")) if driver.find_elements(By.ID, "usage-period") else None
            if periods and width == 1280:
                periods.select_by_index(len(periods.options) - 1)
                for grouping in ("model", "key"):
                    radios = driver.find_elements(By.CSS_SELECTOR, f"input[name=usage-group][value={grouping}]")
                    if not radios:
                        continue
                    radios[0].click()
                    WebDriverWait(driver, 10).until(lambda d: "Showing" in d.find_element(By.CSS_SELECTOR, "[data-usage-view-status]").text)
                    for section in ("usage-breakdown-title", "usage-daily-title"):
                        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", section)
                        time.sleep(0.1)
                        driver.save_screenshot(str(out / f"{name}-{tag}-oldest-{grouping}-{section.replace('usage-', '').replace('-title', '')}.png"))
            problems = harness.console_problems(driver)
            if problems:
                print(tag, problems)
        finally:
            harness.quit_driver(driver)

driver = harness.make_driver(1280, 900, javascript=False)
try:
    open_usage(driver)
    shoot(driver, "1280-nojs")
finally:
    harness.quit_driver(driver)
print(f"wrote {len(list(out.glob(name + '-*.png')))} screenshots to {out}/")
