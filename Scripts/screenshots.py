#!/usr/bin/env python3
"""Screenshots of the built site for a human to look at: the dashboard, each dialog open, and
a docs page, at 360 px and 1280 px wide, light and dark; then the API Keys dialog in the states
issue 9 is about, at 320, 768, 1024, 1280 and 1920 px, light and dark: a key just created and
not yet saved (with the warning Escape gives), a site key revoked in this browser only, Recently
deleted, and Add to site (on a copy of the example site with `repository` set). Writes PNGs to
.screenshots/.
    usage: python3 Scripts/screenshots.py [SITE_DIR]   (default Output/)"""
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "browser"))
import harness  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

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
                if dialog == "keys-dialog":  # its code arrives when the dialog opens (keys-boot.js)
                    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
                        "return document.getElementById('keys-dialog').hasAttribute('data-keys-ready')"))
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


# ---- The keys dialog's states (issue 9) ----

def click(driver, selector):
    driver.find_element(By.CSS_SELECTOR, selector).click()


def create(driver, name, owner="", scopes=()):
    field = driver.find_element(By.ID, "keys-name")
    field.clear()
    field.send_keys(name)
    if owner:
        driver.find_element(By.ID, "keys-owner").send_keys(owner)
    for scope in scopes:
        click(driver, f"input[name=scope][value='{scope}']")
    click(driver, "[data-keys-form='create'] button[type=submit]")


def scroll_to(driver, selector):
    driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", selector)


def button(driver, label):
    return driver.find_element(By.XPATH, f"//*[@id='keys-dialog']//button[@aria-label={label!r}]")


def keys_states(site_dir: Path):
    for width in (320, 768, 1024, 1280, 1920):
        for scheme in ("light", "dark"):
            driver = harness.make_driver(width, 900, dark=scheme == "dark")
            tag = f"{width}-{scheme}"
            try:
                driver.get((site_dir / "index.html").as_uri())
                click(driver, "[data-dialog-open='keys-dialog']")
                WebDriverWait(driver, 5).until(lambda d: d.execute_script(
                    "return document.getElementById('keys-dialog').hasAttribute('data-keys-ready')"))
                create(driver, "Deploy bot for the billing service (EU)", "platform-oncall@example.com", ("chat", "embeddings"))
                driver.save_screenshot(str(out / f"keys-created-{tag}.png"))
                ActionChains(driver).send_keys(Keys.ESCAPE).perform()
                driver.save_screenshot(str(out / f"keys-unsaved-warning-{tag}.png"))
                click(driver, "[data-action='dismiss-secret']")
                create(driver, "Unbroken" + "x" * 56)
                click(driver, "[data-action='dismiss-secret']")
                button(driver, "Revoke Staging backend").click()
                scroll_to(driver, "[data-keys-undo]")
                driver.save_screenshot(str(out / f"keys-local-revoke-{tag}.png"))
                button(driver, "Delete Production backend").click()
                button(driver, "Delete Staging backend").click()
                button(driver, "Delete " + "Unbroken" + "x" * 56).click()
                driver.execute_script("document.querySelector('[data-keys-deleted]').open = true")
                scroll_to(driver, "[data-keys-deleted]")
                driver.save_screenshot(str(out / f"keys-recently-deleted-{tag}.png"))
                button(driver, "Add to site Deploy bot for the billing service (EU)").click()
                driver.save_screenshot(str(out / f"keys-add-to-site-{tag}.png"))
                problems = harness.console_problems(driver)
                if problems:
                    print("keys", tag, problems)
            finally:
                harness.quit_driver(driver)


with tempfile.TemporaryDirectory(prefix="forge-shots-") as temp:
    content = Path(temp) / "Content"
    shutil.copytree(site.parent / "Content" if (site.parent / "Content").is_dir() else harness.REPO / "Content", content)
    with (content / "site.yaml").open("a") as config:
        config.write("repository: https://github.com/example-labs/console\n")
    result = harness.build_site(Path(temp) / "Output", content)
    if result.returncode != 0:
        sys.exit(result.stderr)
    keys_states(Path(temp) / "Output")
print(f"wrote {len(list(out.glob('*.png')))} screenshots to {out}/")
