"""The documentation pages of the example site, in a real Chromium, from file:// and over http
under a subpath: every doc opens without console problems, every link names a file that
exists, heading anchors and the table of contents land on their headings, and the search
(whose index is a classic script loaded on first use) finds and opens pages."""
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import harness


def _doc_pages(built_site: Path) -> list:
    return sorted(p.relative_to(built_site).as_posix() for p in (built_site / "docs").rglob("*.html"))


_open = harness.open_page
_parse = harness.parse_links


def test_the_example_has_docs_a_listing_and_a_search_index(built_site):
    pages = _doc_pages(built_site)
    for expected in ["docs/index.html", "docs/getting-started.html", "docs/authentication.html",
                     "docs/usage-and-billing.html", "docs/rate-limits.html", "docs/errors.html",
                     "docs/guides/index.html", "docs/guides/streaming-responses.html",
                     "docs/guides/rotating-keys-in-ci.html"]:
        assert expected in pages
    assert (built_site / "docs/img/key-format.svg").is_file()
    # The search index: a manifest under one name, fingerprinted shards of words and text.
    assert (built_site / "data/search/index.js").is_file()
    assert list((built_site / "data/search").glob("s*.*.js"))
    assert list((built_site / "data/search").glob("x*.*.js"))


def test_every_link_of_every_doc_names_a_file_that_exists(built_site):
    """On file:// a link to a folder opens a directory listing: every link must name a file,
    and every #fragment must be an id of the page it points to."""
    ids = {}
    for page in _doc_pages(built_site):
        ids[page] = _parse(built_site / page).ids
    for page in _doc_pages(built_site):
        for tag, attribute, value in _parse(built_site / page).references:
            if re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("//"):
                continue  # external
            path, fragment = urldefrag(value)
            target = (built_site / page).parent / unquote(urlsplit(path).path) if path else built_site / page
            target = target.resolve()
            assert not path.endswith("/"), f"{page}: {attribute}={value!r} names a folder"
            assert target.is_file(), f"{page}: {attribute}={value!r} -> {target} does not exist"
            relative = target.relative_to(built_site.resolve()).as_posix()
            if fragment and relative in ids:
                assert unquote(fragment) in ids[relative], f"{page}: {value!r}: no id {fragment!r} in {relative}"


def test_every_doc_opens_without_console_problems(driver, site_root, built_site):
    for page in _doc_pages(built_site):
        _open(driver, site_root + page)
        assert driver.find_element(By.CSS_SELECTOR, "main h1").text.strip(), page
        assert harness.console_problems(driver) == [], page


def test_navigation_marks_the_current_page_and_links_to_neighbours(driver, site_root):
    _open(driver, site_root + "docs/guides/streaming-responses.html")
    current = driver.find_elements(By.CSS_SELECTOR, ".docs-nav a[aria-current='page']")
    assert [a.text for a in current] == ["Streaming responses"]
    crumbs = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")]
    assert crumbs == ["Documentation", "Guides"]
    driver.find_element(By.CSS_SELECTOR, ".doc-pager a[rel='next']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("docs/guides/rotating-keys-in-ci.html"))
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == "Rotating keys in CI"


def test_heading_anchors_and_the_table_of_contents_land_on_their_headings(driver, site_root):
    _open(driver, site_root + "docs/authentication.html#rotating-keys")
    heading = driver.find_element(By.ID, "rotating-keys")
    assert heading.tag_name == "h2"
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", heading)
    assert 0 <= top < 100, top
    anchor = heading.find_element(By.CSS_SELECTOR, "a.heading-anchor")
    assert anchor.get_attribute("href").endswith("#rotating-keys")
    for link in driver.find_elements(By.CSS_SELECTOR, ".doc-toc a"):
        target = link.get_attribute("href").split("#", 1)[1]
        assert driver.find_elements(By.ID, target), target
    driver.find_element(By.CSS_SELECTOR, ".doc-toc a[href='#if-a-key-leaks']").click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("#if-a-key-leaks"))
    # A cross-page link written as a .md link in Markdown lands on the other page's heading.
    _open(driver, site_root + "docs/getting-started.html")
    driver.find_element(By.CSS_SELECTOR, ".doc-content a[href='authentication.html#creating-a-key']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("docs/authentication.html#creating-a-key"))
    assert driver.find_element(By.ID, "creating-a-key").is_displayed()


def _search(driver, query: str) -> list:
    box = driver.find_element(By.ID, "Forge-search-input")
    box.click()
    box.send_keys(query)
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "Forge-search-status").text not in ("", "Loading the search index…"))
    return driver.find_elements(By.CSS_SELECTOR, "#Forge-search-results a")


def test_search_loads_its_index_on_first_use_and_opens_a_result(driver, site_root):
    _open(driver, site_root + "docs/errors.html")
    loaded = "return [...document.scripts].some(s => /data\\/search\\/index\\.js$/.test(s.src))"
    assert driver.execute_script(loaded) is False, "the index loads only when the search is used"
    results = _search(driver, "rotate key")
    assert driver.execute_script(loaded) is True
    titles = [r.find_element(By.CSS_SELECTOR, ".docs-search__title").text for r in results]
    # Title matches first, then a heading's section; the body matches after.
    assert titles[:2] == ["Rotating keys in CI", "Authentication"]
    assert driver.find_element(By.ID, "Forge-search-status").text == f"{len(results)} results."
    results[1].click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("docs/authentication.html#rotating-keys"))
    assert harness.console_problems(driver) == []


def test_search_is_usable_with_the_keyboard(driver, site_root):
    _open(driver, site_root + "docs/guides/index.html")
    results = _search(driver, "csv export")
    assert results
    box = driver.find_element(By.ID, "Forge-search-input")
    box.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == results[0]
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert driver.switch_to.active_element == box
    assert box.get_attribute("value") == ""
    assert not driver.find_element(By.ID, "Forge-search-results").is_displayed()
    box.send_keys("no such words anywhere")
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "Forge-search-status").text.startswith("No results"))
    box.clear()
    box.send_keys("billing period", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: "usage-and-billing.html" in d.current_url)


def test_search_results_are_text(driver, site_root):
    """Titles and passages come from the index as text: markup in them is shown, never run."""
    _open(driver, site_root + "docs/index.html")
    # Doctor every text chunk as it registers itself, before the page reads it.
    driver.execute_script("""
        window.ForgeSearchData = new Proxy({}, {
          set(target, key, value) {
            if (key[0] === "x") value.docs.forEach(function (doc) {
              doc[1] = '<img src=x onerror="window.pwned=1"> ' + doc[1];
              if (doc[2]) doc[2].push('started <img src=y onerror="window.pwned=2">');
            });
            target[key] = value;
            return true;
          },
        });
    """)
    results = _search(driver, "getting started")
    title = results[0].find_element(By.CSS_SELECTOR, ".docs-search__title").text
    assert title == '<img src=x onerror="window.pwned=1"> Getting started'
    assert driver.execute_script("return window.pwned") is None
    assert not driver.find_elements(By.CSS_SELECTOR, "#Forge-search-results img")


@pytest.mark.parametrize("dark", [False, True])
def test_no_accessibility_violations_with_search_results_open(built_site, dark):
    driver = harness.make_driver(dark=dark)
    try:
        _open(driver, (built_site / "docs/usage-and-billing.html").as_uri())
        assert _search(driver, "key")
        axe = Axe(driver)
        axe.inject()
        violations = axe.run()["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    finally:
        harness.quit_driver(driver)


def test_docs_fit_a_small_phone(built_site):
    driver = harness.make_driver(width=360, height=740)
    try:
        for page in ["docs/usage-and-billing.html", "docs/index.html", "docs/guides/rotating-keys-in-ci.html"]:
            _open(driver, (built_site / page).as_uri())
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{page} scrolls sideways by {overflow}px"
    finally:
        harness.quit_driver(driver)
