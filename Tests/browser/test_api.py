"""The API reference and the code blocks of the example site, in a real Chromium, from file://
and over http under a subpath: every API page opens without console problems and every link
names a file that exists; the pages read without script; the search finds a word that is only
in a footnote and an operation id, and opens them; Copy copies the code (and, where the
clipboard is refused, selects it); axe finds nothing in light or dark."""
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import harness


def _api_pages(built_site: Path) -> list:
    return sorted(p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*.html"))


_open = harness.open_page
_parse = harness.parse_links


def test_the_example_has_a_reference_for_its_spec(built_site):
    pages = _api_pages(built_site)
    for expected in ["api/index.html", "api/nexus/index.html", "api/nexus/tags/chat.html",
                     "api/nexus/operations/createChatCompletion.html", "api/nexus/operations/createKey.html",
                     "api/nexus/schemas/index.html", "api/nexus/schemas/ChatMessage.html", "api/nexus/schemas/UsageGroup.html"]:
        assert expected in pages
    # Linked from the dashboard and from every doc's navigation.
    assert 'href="api/index.html"' in (built_site / "index.html").read_text()
    assert 'href="../api/index.html"' in (built_site / "docs/errors.html").read_text()


def test_every_link_of_every_api_page_names_a_file_that_exists(built_site):
    for page in _api_pages(built_site):
        parsed = _parse(built_site / page)
        for _, _, reference in parsed.references:
            if urlsplit(reference).scheme or reference.startswith("//"):
                continue
            target, fragment = urldefrag(reference)
            resolved = (built_site / page).parent / unquote(target) if target else built_site / page
            assert resolved.is_file(), f"{page}: {reference}"
            assert not reference.endswith("/"), f"{page}: a folder link {reference}"
            if fragment and target:
                assert fragment in _parse(resolved).ids, f"{page}: {reference}"


def test_every_api_page_opens_without_console_problems(driver, site_root, built_site):
    for page in _api_pages(built_site):
        _open(driver, site_root + page)
        assert harness.console_problems(driver) == [], page


def test_an_operation_reads_without_script(built_site):
    """Tables, nested properties and highlighted examples are in the HTML: no script needed."""
    driver = harness.make_driver()
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        _open(driver, (built_site / "api/nexus/operations/createChatCompletion.html").as_uri())
        assert driver.find_element(By.CSS_SELECTOR, "h1").text == "Create a chat completion"
        assert "POST" in driver.find_element(By.CSS_SELECTOR, ".api-endpoint").text
        table = driver.find_element(By.CSS_SELECTOR, "#Request-body ~ .api-schema table, .api-schema table")
        assert "messages" in table.text
        # A nested object opens in place, without script.
        summary = driver.find_element(By.XPATH, "//summary[normalize-space()='response_format']")
        summary.click()
        assert summary.find_element(By.XPATH, "..").get_attribute("open") is not None
        assert driver.find_elements(By.CSS_SELECTOR, "pre code .tok-property"), "examples are highlighted in the HTML"
        assert not driver.find_elements(By.CSS_SELECTOR, ".code-block__copy"), "no Copy button that could not work"
        assert driver.find_element(By.CSS_SELECTOR, ".api-key-note").text.startswith("Use an API key of this site")
    finally:
        harness.quit_driver(driver)


def _search(driver, query: str) -> list:
    box = driver.find_element(By.ID, "Forge-search-input")
    box.click()
    box.send_keys(query)
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "Forge-search-status").text not in ("", "Loading the search index…"))
    return driver.find_elements(By.CSS_SELECTOR, "#Forge-search-results a")


def test_search_finds_a_word_only_in_a_footnote_and_opens_it(driver, site_root):
    _open(driver, site_root + "api/nexus/index.html")
    results = _search(driver, "fortnightly")
    assert len(results) == 1
    link = results[0]
    assert link.find_element(By.CSS_SELECTOR, ".docs-search__title").text == "Code samples"
    assert [m.text for m in link.find_elements(By.CSS_SELECTOR, "mark")] == ["fortnightly"]
    link.click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("docs/guides/code-samples.html#fn-rotation"))
    assert driver.find_element(By.ID, "fn-rotation").is_displayed()
    assert harness.console_problems(driver) == []


def test_search_finds_an_operation_id_and_opens_it(driver, site_root):
    _open(driver, site_root + "docs/getting-started.html")
    results = _search(driver, "createKey")
    assert results[0].find_element(By.CSS_SELECTOR, ".docs-search__title").text == "Create a key"
    driver.find_element(By.ID, "Forge-search-input").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("api/nexus/operations/createKey.html"))
    assert driver.find_element(By.CSS_SELECTOR, ".api-meta code").text == "createKey"
    assert harness.console_problems(driver) == []


def test_copy_puts_the_code_on_the_clipboard(built_site, http_root):
    driver = harness.make_driver()
    try:
        driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        _open(driver, http_root + "docs/guides/code-samples.html")
        buttons = driver.find_elements(By.CSS_SELECTOR, ".code-block__copy")
        assert len(buttons) == 9, "one per block"
        assert buttons[0].get_attribute("aria-label") == "Copy code (Shell)"
        buttons[4].click()
        WebDriverWait(driver, 5).until(lambda d: buttons[4].text == "Copied")
        code = driver.execute_script("return document.querySelectorAll('[data-code-block] pre code')[4].textContent")
        copied = driver.execute_async_script("navigator.clipboard.readText().then(arguments[0], () => arguments[0](null))")
        assert copied == code
        assert copied.startswith("import os\nimport requests\n")
    finally:
        harness.quit_driver(driver)


def test_without_the_clipboard_copy_selects_the_code(driver, site_root):
    _open(driver, site_root + "docs/guides/code-samples.html")
    driver.execute_script("Object.defineProperty(navigator, 'clipboard', {value: undefined}); document.execCommand = () => false;")
    driver.find_elements(By.CSS_SELECTOR, ".code-block__copy")[1].click()
    selected = driver.execute_script("return String(window.getSelection())")
    assert selected.startswith("POST /v1/chat/completions HTTP/1.1")
    WebDriverWait(driver, 5).until(
        lambda d: "press Ctrl+C" in d.execute_script("return [...document.querySelectorAll('[role=status]')].map(e => e.textContent).join(' ')"))


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("page", ["api/nexus/operations/createChatCompletion.html", "api/nexus/schemas/ChatMessage.html",
                                  "docs/guides/code-samples.html"])
def test_no_accessibility_violations_in_light_and_dark(built_site, page, dark):
    driver = harness.make_driver(dark=dark)
    try:
        _open(driver, (built_site / page).as_uri())
        for summary in driver.find_elements(By.CSS_SELECTOR, "details > summary")[:5]:
            summary.click()
        axe = Axe(driver)
        axe.inject()
        violations = axe.run()["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    finally:
        harness.quit_driver(driver)


def test_api_pages_fit_a_small_phone(built_site):
    driver = harness.make_driver(width=360, height=740)
    try:
        for page in ["api/nexus/operations/createChatCompletion.html", "api/nexus/index.html", "api/nexus/schemas/index.html"]:
            _open(driver, (built_site / page).as_uri())
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{page} scrolls sideways by {overflow}px"
    finally:
        harness.quit_driver(driver)
