"""The dashboard shell as a user meets it: it opens from disk and over http, with no console
errors or CSP violations, and both dialogs open and close every way a user closes them."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

import harness


def open_dashboard(driver, site_root):
    driver.get(site_root + "index.html")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_dashboard_opens_without_console_errors(driver, site_root):
    open_dashboard(driver, site_root)
    assert driver.find_element(By.TAG_NAME, "h1").text == "NexusAI Forge"
    assert driver.find_element(By.CSS_SELECTOR, "button[data-dialog-open='keys-dialog']").text == "Manage Keys"
    assert driver.find_element(By.CSS_SELECTOR, "button[data-dialog-open='usage-dialog']").text == "View Usage"
    assert harness.console_problems(driver) == []


def test_every_stylesheet_and_script_loads(driver, site_root):
    open_dashboard(driver, site_root)
    # cssRules cannot be read on file:// (opaque origin), but a loaded sheet has a .sheet.
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => [l.getAttribute('href'), !!l.sheet])")
    assert links and all(href and loaded for href, loaded in links), links
    assert driver.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgb(246, 247, 249)"
    scripts = driver.find_elements(By.CSS_SELECTOR, "script[src]")
    assert scripts and all(s.get_attribute("src") for s in scripts)
    assert driver.execute_script("return typeof window.ForgeDialog.open") == "function"


def _dialog_is_open(driver, dialog_id):
    return driver.execute_script("return document.getElementById(arguments[0]).open", dialog_id)


def test_dialogs_close_with_escape_close_button_and_backdrop(driver, site_root):
    open_dashboard(driver, site_root)
    for dialog_id, name in (("keys-dialog", "API Keys"), ("usage-dialog", "Usage")):
        opener = driver.find_element(By.CSS_SELECTOR, f"button[data-dialog-open='{dialog_id}']")
        dialog = driver.find_element(By.ID, dialog_id)
        # textContent: .text is empty while the dialog is closed (not rendered).
        label = driver.find_element(By.ID, dialog.get_attribute("aria-labelledby")).get_attribute("textContent").strip()
        assert label == name

        opener.click()
        assert _dialog_is_open(driver, dialog_id)
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        assert not _dialog_is_open(driver, dialog_id)
        assert driver.switch_to.active_element == opener

        opener.click()
        dialog.find_element(By.CSS_SELECTOR, "[data-dialog-close]").click()
        assert not _dialog_is_open(driver, dialog_id)
        assert driver.switch_to.active_element == opener

        opener.click()
        # The backdrop: a point outside the dialog box, in the page's top-left corner.
        ActionChains(driver).move_to_element_with_offset(driver.find_element(By.TAG_NAME, "body"), 0, 0).perform()
        driver.execute_script("""
            const d = document.getElementById(arguments[0]);
            d.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 2, clientY: 2}));
        """, dialog_id)
        assert not _dialog_is_open(driver, dialog_id)
        assert driver.switch_to.active_element == opener
    assert harness.console_problems(driver) == []
