"""The Usage dialog for people who read it differently (issue 10): without JavaScript, with a
keyboard and a screen reader, on a narrow screen. Each test failed on the first release of the
dialog. On the example site as `forge build` writes it, from file://."""
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import harness


def load(driver, built_site):
    driver.get((built_site / "index.html").as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def open_usage(driver, built_site):
    load(driver, built_site)
    driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-usage-status]").text.startswith(("Rows", "No rows")))


def is_open(driver, dialog_id):
    return driver.execute_script("return document.getElementById(arguments[0]).open", dialog_id)


# ---------------------------------------------------------------- without JavaScript

@pytest.fixture
def no_script_driver():
    browser = harness.make_driver(1280, 900, javascript=False)
    yield browser
    harness.quit_driver(browser)


def test_both_dialogs_open_and_close_without_javascript(no_script_driver, built_site):
    driver = no_script_driver
    load(driver, built_site)
    assert driver.execute_script("return typeof window.ForgeDialog") == "undefined", "the page's scripts really do not run"
    for dialog_id, words in (("usage-dialog", "Choosing another period"), ("keys-dialog", "need JavaScript")):
        opener = driver.find_element(By.CSS_SELECTOR, f"[commandfor='{dialog_id}'][command='show-modal']")
        opener.click()
        assert is_open(driver, dialog_id)
        dialog = driver.find_element(By.ID, dialog_id)
        assert words in dialog.text, "a note says what needs script"
        if dialog_id == "usage-dialog":
            # Everything of the current period is in the page: figures, charts, tables, the newest records.
            assert dialog.find_element(By.CSS_SELECTOR, ".usage-amount__value").text.startswith("$")
            assert dialog.find_element(By.CSS_SELECTOR, "svg.usage-donut").is_displayed()
            assert len(dialog.find_elements(By.CSS_SELECTOR, "[data-usage-rows] tr")) == 5
            assert not dialog.find_element(By.CSS_SELECTOR, "[data-usage-filters]").is_displayed(), "controls that need script stay hidden"
        dialog.find_element(By.CSS_SELECTOR, "[command='close']").click()
        assert not is_open(driver, dialog_id)
        opener.click()
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        assert not is_open(driver, dialog_id)


def test_with_script_a_dialog_opens_once_and_focus_comes_back(driver, built_site):
    """The command buttons and dialog.js must not both act: one opening, one announcement."""
    load(driver, built_site)
    driver.execute_script("""
        window.openings = 0;
        document.getElementById('usage-dialog').addEventListener('forge:dialog-open', () => window.openings++);""")
    opener = driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']")
    assert opener.get_attribute("command") == "show-modal" and opener.get_attribute("commandfor") == "usage-dialog"
    opener.click()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.openings") == 1)
    time.sleep(0.2)
    assert driver.execute_script("return window.openings") == 1
    driver.find_element(By.CSS_SELECTOR, "#usage-dialog [data-dialog-close]").click()
    assert not is_open(driver, "usage-dialog")
    assert driver.switch_to.active_element == opener
    opener.click()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.openings") == 2)
    assert harness.console_problems(driver) == []


# ---------------------------------------------------------------- the history, read aloud

def accessible_names(driver):
    return [b.accessible_name for b in driver.find_elements(By.CSS_SELECTOR, "#usage-dialog th[data-sort] button")]


def test_sort_buttons_say_their_column_and_state(driver, built_site):
    open_usage(driver, built_site)
    names = accessible_names(driver)
    assert names[0] == "Date, sorted descending"
    assert names[1:] == ["Service", "Model", "Key", "Requests", "Tokens", "Cost"], "no arrows read out"
    driver.find_element(By.CSS_SELECTOR, "#usage-dialog th[data-sort='cost'] button").click()
    assert accessible_names(driver)[-1] == "Cost, sorted descending"
    assert accessible_names(driver)[0] == "Date"
    assert driver.find_element(By.CSS_SELECTOR, "#usage-dialog th[data-sort='cost']").get_attribute("aria-sort") == "descending"
    driver.find_element(By.CSS_SELECTOR, "#usage-dialog th[data-sort='cost'] button").click()
    assert accessible_names(driver)[-1] == "Cost, sorted ascending"


def test_the_caption_follows_the_sort(driver, built_site):
    open_usage(driver, built_site)
    caption = driver.find_element(By.CSS_SELECTOR, "[data-usage-caption]")
    assert "newest first" in caption.get_attribute("textContent")
    driver.find_element(By.CSS_SELECTOR, "#usage-dialog th[data-sort='cost'] button").click()
    WebDriverWait(driver, 5).until(lambda d: "highest cost first" in caption.get_attribute("textContent"))
    assert "newest first" not in caption.get_attribute("textContent")


def set_day(driver, name, value):
    field = driver.find_element(By.CSS_SELECTOR, f"[data-usage-filters] [name={name}]")
    field.clear()
    field.send_keys(value, Keys.TAB)


def test_dates_are_typed_as_iso_days_and_from_after_to_says_so(driver, built_site):
    open_usage(driver, built_site)
    for name in ("from", "to"):
        field = driver.find_element(By.CSS_SELECTOR, f"[data-usage-filters] [name={name}]")
        assert field.get_attribute("type") == "text" and field.get_attribute("placeholder") == "YYYY-MM-DD"
        assert field.get_attribute("aria-describedby") == "usage-filter-dates"
    set_day(driver, "from", "2026-11-20")
    set_day(driver, "to", "2026-11-01")
    error = driver.find_element(By.CSS_SELECTOR, "[data-usage-date-error]")
    WebDriverWait(driver, 5).until(lambda d: error.text != "")
    assert error.text == "From (2026-11-20) is after To (2026-11-01), so no day is in between: swap them."
    set_day(driver, "to", "2026-13-01")
    WebDriverWait(driver, 5).until(lambda d: "not a day" in error.text)
    assert driver.find_element(By.CSS_SELECTOR, "[name=to]").get_attribute("aria-invalid") == "true"
    set_day(driver, "to", "2026-11-25")
    WebDriverWait(driver, 5).until(lambda d: error.text == "")
    assert driver.find_element(By.CSS_SELECTOR, "[data-usage-status]").text.startswith("Rows 1–25 of")


# ---------------------------------------------------------------- keyboard and screen

@pytest.mark.parametrize("width", [1920, 1280, 1024, 768, 600, 360])
def test_the_cost_column_is_in_view_at_every_width(built_site, width):
    driver = harness.make_driver(width, 800)
    try:
        open_usage(driver, built_site)
        driver.execute_script("document.getElementById('usage-history-title').scrollIntoView()")
        for cell in (driver.find_element(By.CSS_SELECTOR, "#usage-dialog th[data-sort='cost']"),
                     driver.find_element(By.CSS_SELECTOR, "[data-usage-rows] tr td:last-child")):
            # What is drawn at the cell's centre is the cell: in view, not scrolled or clipped away.
            hit = driver.execute_script("""
                const r = arguments[0].getBoundingClientRect();
                const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return at === arguments[0] || arguments[0].contains(at);""", cell)
            assert hit, f"{width}px: {cell.get_attribute('textContent')} is off-screen"
    finally:
        harness.quit_driver(driver)


def test_page_down_in_the_dialog_does_not_scroll_the_page_behind(built_site):
    driver = harness.make_driver(1280, 500)
    try:
        load(driver, built_site)
        assert driver.execute_script("return document.documentElement.scrollHeight > innerHeight"), "the page can scroll"
        driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']").click()
        close = driver.find_element(By.CSS_SELECTOR, "#usage-dialog [data-dialog-close]")
        close.send_keys(Keys.PAGE_DOWN)
        close.send_keys(Keys.PAGE_DOWN)
        time.sleep(0.3)
        assert driver.execute_script("return scrollY") == 0
        assert driver.execute_script("return document.querySelector('#usage-dialog .dialog__body').scrollTop") > 0, "the dialog scrolls instead"
    finally:
        harness.quit_driver(driver)


def test_chart_values_show_on_hover_and_keyboard_focus(driver, built_site):
    open_usage(driver, built_site)
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.usage-daily [tabindex]")
    readout = driver.find_element(By.CSS_SELECTOR, ".usage-daily-figure [data-usage-readout]")
    # One tab stop per chart; arrows move between its bars.
    assert [b.get_attribute("tabindex") for b in bars[:3]] == ["0", "-1", "-1"]
    driver.execute_script("arguments[0].focus()", bars[0])
    assert readout.text == driver.execute_script("return arguments[0].querySelector('title').textContent", bars[0])
    assert readout.text.startswith("2026-11-01: $")
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    assert driver.switch_to.active_element == bars[1]
    assert readout.text.startswith("2026-11-02: $")
    assert bars[1].accessible_name == readout.text
    ActionChains(driver).send_keys(Keys.END).perform()
    assert driver.switch_to.active_element == bars[-1]
    assert readout.text == "2026-11-30: not yet"
    slices = driver.find_elements(By.CSS_SELECTOR, "svg.usage-donut [tabindex]")
    slice_readout = driver.find_element(By.CSS_SELECTOR, ".usage-breakdown [data-usage-readout]")
    # The first slice runs clockwise from 12 o'clock past 3: point at the ring at 3 o'clock.
    ActionChains(driver).move_to_element_with_offset(slices[0], 63, 0).perform()
    WebDriverWait(driver, 3).until(lambda d: slice_readout.text.startswith("Chat Completions: $"))
    assert slice_readout.text.endswith("%)")
