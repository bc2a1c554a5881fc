"use strict";
// format.js must write every amount exactly as Swift's Currency does: the vectors are shared
// with the Swift suite (UsageSummaryTests.formatVectorsMatchSwift), which checks the same file.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const F = require("../../Themes/default/assets/js/format.js");

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "format-vectors.json"), "utf8"));
const USD = { ...vectors.currencies.USD, symbol: "$" };
/** The currency as the page carries it: code, exponent, and the sign in that locale. */
const currency = (locale, code) => ({ ...vectors.currencies[code], symbol: vectors.symbols[locale][code] });

test("money, exact money and plain decimals match the Swift vectors in every locale", () => {
  for (const v of vectors.money) {
    const c = currency(v.locale, v.code), l = vectors.locales[v.locale];
    assert.equal(F.money(BigInt(v.micros), c, l), v.format, `format ${v.locale} ${v.code} ${v.micros}`);
    assert.equal(F.moneyExact(v.micros, c, l), v.exact, `exact ${v.locale} ${v.code} ${v.micros}`);
    if (v.plain !== undefined) assert.equal(F.plainDecimal(v.micros), v.plain, `plain ${v.micros}`);
  }
});

test("the default locale is en-US, as Swift's", () => {
  assert.deepEqual(F.EN_US, vectors.locales["en-US"]);
  assert.equal(F.money(123456780000n, USD), "$123,456.78");
});

test("integers and percentages are written the locale's way", () => {
  for (const v of vectors.integers) assert.equal(F.integer(v.value, vectors.locales[v.locale]), v.text, `${v.locale} ${v.value}`);
  for (const v of vectors.percents) assert.equal(F.percent(v.tenths, vectors.locales[v.locale], v.fixed), v.text, `${v.locale} ${v.tenths}`);
  assert.equal(F.integer(1234), "1,234");
  assert.equal(F.integer(12n), "12");
});

test("the vectors cover the locales the issue names, and JPY without a minor unit", () => {
  for (const id of ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"]) assert.ok(vectors.money.some((v) => v.locale === id), id);
  const fr = vectors.money.find((v) => v.locale === "fr-FR" && v.micros === "1234560000");
  assert.equal(fr.format, "1\u202F234,56\u00A0€");  // narrow no-break space in groups, no-break space before €
  assert.equal(vectors.money.find((v) => v.locale === "ja-JP" && v.micros === "1234500000").format, "¥1,235");
});

test("rounding is half away from zero at the minor unit", () => {
  assert.equal(F.minorUnits(5000, USD), 1n);
  assert.equal(F.minorUnits(4999, USD), 0n);
  assert.equal(F.minorUnits(-5000, USD), -1n);
  assert.equal(F.minorUnits(-4999, USD), 0n);
  assert.equal(F.minorUnits("15000", USD), 2n);
  assert.equal(F.moneyMinor(123456n, USD), "$1,234.56");
});

test("Numbers, strings and BigInts are the same amount", () => {
  assert.equal(F.money(12340000, USD), "$12.34");
  assert.equal(F.money("12340000", USD), "$12.34");
  assert.equal(F.money(12340000n, USD), "$12.34");
});

test("0.1 + 0.2 in micro-units is exactly 0.30", () => {
  let total = 0n;
  for (let i = 0; i < 3000; i++) total += 100000n + 200000n;
  assert.equal(F.money(total, USD), "$900.00");
  assert.notEqual(Array.from({ length: 3000 }, () => 0.1 + 0.2).reduce((a, b) => a + b), 900);
});

test("days are UTC calendar days, both ways", () => {
  assert.equal(F.day(0), "1970-01-01");
  assert.equal(F.day(-1), "1969-12-31");
  assert.equal(F.day(20782), "2026-11-25");
  assert.equal(F.dayNumber("2026-11-25"), 20782);
  assert.equal(F.dayNumber("2028-02-29"), F.dayNumber("2028-02-28") + 1);
  assert.equal(F.dayNumber("2027-02-29"), null);
  assert.equal(F.dayNumber("2026-1-05"), null);
  assert.equal(F.dayNumber(""), null);
  for (let d = 19000; d < 21000; d += 7) assert.equal(F.dayNumber(F.day(d)), d);
});
