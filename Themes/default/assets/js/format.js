// Money, counts, percentages and UTC days written exactly as Forge's Swift side writes them
// (MoneyFormat, FormatLocale, Money.plainDecimal, Day), so a total computed here reads like the
// build's figures. The locale rules come from the page (forge-usage.locale, made by FormatLocale),
// never from the browser's Intl data: the same bytes on every machine. Amounts are integer
// micro-units (10^-6): BigInt, or integer Number / decimal string.
// Tests/js/format-vectors.json holds cases that both sides are tested against.
(function (root, factory) {
  typeof module === "object" && module.exports ? module.exports = factory() : root.ForgeFormat = factory();
})(this, () => {
  "use strict";

  /** @typedef {{ code: string, exponent: number, symbol: string }} Currency  symbol: the locale's sign
   *  @typedef {{ id: string, decimal: string, group: string, minimumGroupingDigits: number,
   *              currencyPattern: "¤#"|"¤ #"|"# ¤", percentPattern: string }} Locale */

  /** @type {Locale} what a page without a locale (and Swift's FormatLocale.enUS) uses */
  const EN_US = { id: "en-US", decimal: ".", group: ",", minimumGroupingDigits: 1, currencyPattern: "¤#", percentPattern: "#%" };
  const NBSP = "\u00A0", SCALE = 1000000n;
  const big = (value) => typeof value === "bigint" ? value : BigInt(value);
  const abs = (value) => value < 0n ? -value : value;
  const digits = (value, count) => value.toString().padStart(count, "0");

  /** "1234567" -> "1,234,567" (en-US), "1.234.567" (de-DE); es-ES leaves "1234" alone. */
  function group(text, locale) {
    const l = locale || EN_US;
    if (text.length < 3 + l.minimumGroupingDigits) return text;
    return text.replace(/\B(?=(\d{3})+$)/g, () => l.group);
  }

  /** The unsigned number `whole[.fraction]` with the sign and the currency placed (FormatLocale.placing). */
  function place(whole, fraction, negative, currency, locale) {
    const l = locale || EN_US, symbol = currency.symbol;
    const number = group(whole.toString(), l) + (fraction ? l.decimal + fraction : "");
    const sign = negative ? "-" : "";
    if (l.currencyPattern === "# ¤") return sign + number + NBSP + symbol;
    if (l.currencyPattern === "¤ #") return sign + symbol + NBSP + number;
    return sign + symbol + (/[A-Za-z]$/.test(symbol) ? NBSP : "") + number;
  }

  /** Rounded half away from zero to the minor unit (Currency.minorUnits). @returns {bigint} */
  function minorUnits(micros, currency) {
    const value = big(micros);
    const divisor = 10n ** BigInt(6 - currency.exponent);
    let quotient = value / divisor;  // truncates toward zero, as Swift's does
    if (abs(value % divisor) * 2n >= divisor) quotient += value < 0n ? -1n : 1n;
    return quotient;
  }

  /** "$1,234.56", "1.234,56 €": exactly `exponent` decimals (MoneyFormat.money(minorUnits:)). */
  function moneyMinor(minor, currency, locale) {
    const value = big(minor), magnitude = abs(value), unit = 10n ** BigInt(currency.exponent);
    return place(magnitude / unit, currency.exponent > 0 ? digits(magnitude % unit, currency.exponent) : "", value < 0n, currency, locale);
  }

  const money = (micros, currency, locale) => moneyMinor(minorUnits(micros, currency), currency, locale);

  /** Never rounded: "$12.30", "$0.000125". What a hover title says (MoneyFormat.exact). */
  function moneyExact(micros, currency, locale) {
    const value = big(micros), magnitude = abs(value);
    let fraction = digits(magnitude % SCALE, 6);
    while (fraction.length > currency.exponent && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
    return place(magnitude / SCALE, fraction, value < 0n, currency, locale);
  }

  /** Money.plainDecimal: "12.3", "0.000125", "7"; what CSV cells hold, whatever the locale. */
  function plainDecimal(micros) {
    const value = big(micros), magnitude = abs(value), fraction = digits(magnitude % SCALE, 6).replace(/0+$/, "");
    return (value < 0n ? "-" : "") + (magnitude / SCALE).toString() + (fraction ? "." + fraction : "");
  }

  function integer(value, locale) {
    const text = big(value).toString();
    return text[0] === "-" ? "-" + group(text.slice(1), locale) : group(text, locale);
  }

  /** Tenths of a percent: 425 -> "42.5%" ("42,5 %" in de-DE); `fixed` keeps ".0" (MoneyFormat.percent). */
  function percent(tenths, locale, fixed) {
    const l = locale || EN_US, magnitude = Math.abs(tenths);
    let number = group(String(Math.floor(magnitude / 10)), l);
    if (fixed || magnitude % 10) number += l.decimal + (magnitude % 10);
    return (tenths < 0 ? "-" : "") + l.percentPattern.replace("#", number);
  }

  const DAY_MS = 86400000;
  /** Days since 1970-01-01 -> "YYYY-MM-DD" (toISOString is always UTC). */
  const day = (days) => new Date(days * DAY_MS).toISOString().slice(0, 10);

  /** "YYYY-MM-DD" -> days since 1970-01-01, or null when it is not a real day. */
  function dayNumber(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!match) return null;
    const days = Math.round(Date.UTC(+match[1], +match[2] - 1, +match[3]) / DAY_MS);
    return day(days) === text ? days : null;
  }

  return { EN_US, minorUnits, moneyMinor, money, moneyExact, plainDecimal, integer, percent, day, dayNumber };
});
