#!/usr/bin/env python3
"""Screenshots of the built site for a human to look at: the dashboard, each dialog open, and
a docs page, at 360 px and 1280 px wide, light and dark. Writes PNGs to .screenshots/.
    usage: python3 Scripts/screenshots.py [SITE_DIR]   (default Output/)"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "browser"))
import harness  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

site = Path(sys.argv[1] if len(sys.argv) > 1 else "Output").resolve()
out = Path(".screenshots")
out.mkdir(exist_ok=True)
docs = sorted(site.glob("docs/*.html"))
for width, height in ((360, 780), (1280, 900)):
    for scheme in ("light", "dark"):
        driver = harness.make_driver(width, height, dark=scheme == "dark")
        try:
            tag = f"{width}-{scheme}"
            driver.get((site / "index.html").as_uri())
            driver.save_screenshot(str(out / f"dashboard-{tag}.png"))
            for dialog in ("keys-dialog", "usage-dialog"):
                driver.find_element(By.CSS_SELECTOR, f"[data-dialog-open='{dialog}']").click()
                driver.save_screenshot(str(out / f"{dialog}-{tag}.png"))
                driver.execute_script("document.getElementById(arguments[0]).close()", dialog)
            for page in docs[:2]:
                driver.get(page.as_uri())
                driver.save_screenshot(str(out / f"doc-{page.stem}-{tag}.png"))
            problems = harness.console_problems(driver)
            if problems:
                print(tag, problems)
        finally:
            harness.quit_driver(driver)
print(f"wrote {len(list(out.glob('*.png')))} screenshots to {out}/")
