// Money, counts and UTC days written exactly as Forge's Swift side writes them (Currency.format,
// Money.plainDecimal, Day), so a total computed here reads like the build's figures. Locale-free
// on purpose. Amounts are integer micro-units (10^-6): BigInt, or integer Number / decimal string.
// Tests/js/format-vectors.json holds cases that both sides are tested against.
(function (root, factory) {
  typeof module === "object" && module.exports ? module.exports = factory() : root.ForgeFormat = factory();
})(this, () => {
  "use strict";

  /** @typedef {{ code: string, exponent: number, symbol: string }} Currency */

  const SCALE = 1000000n;
  const big = (value) => typeof value === "bigint" ? value : BigInt(value);
  const abs = (value) => value < 0n ? -value : value;
  /** "1234567" -> "1,234,567" */
  const group = (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ",");
  const fraction = (value) => (value % SCALE).toString().padStart(6, "0").replace(/0+$/, "");

  /** Rounded half away from zero to the minor unit (Currency.minorUnits). @returns {bigint} */
  function minorUnits(micros, currency) {
    const value = big(micros);
    const divisor = 10n ** BigInt(6 - currency.exponent);
    let quotient = value / divisor;  // truncates toward zero, as Swift's does
    if (abs(value % divisor) * 2n >= divisor) quotient += value < 0n ? -1n : 1n;
    return quotient;
  }

  /** "$1,234.56": exactly `exponent` decimals (Currency.format(minorUnits:)). */
  function moneyMinor(minor, currency) {
    const value = big(minor), magnitude = abs(value);
    const unit = 10n ** BigInt(currency.exponent);
    let text = (value < 0n ? "-" : "") + currency.symbol + group((magnitude / unit).toString());
    if (currency.exponent > 0) text += "." + (magnitude % unit).toString().padStart(currency.exponent, "0");
    return text;
  }

  const money = (micros, currency) => moneyMinor(minorUnits(micros, currency), currency);

  /** Never rounded: "$12.30", "$0.000125". For records, so a column adds up to its total. */
  function moneyExact(micros, currency) {
    const value = big(micros), magnitude = abs(value);
    const digits = fraction(magnitude).padEnd(currency.exponent, "0");
    return (value < 0n ? "-" : "") + currency.symbol + group((magnitude / SCALE).toString()) + (digits ? "." + digits : "");
  }

  /** Money.plainDecimal: "12.3", "0.000125", "7"; what CSV cells hold. */
  function plainDecimal(micros) {
    const value = big(micros), magnitude = abs(value), digits = fraction(magnitude);
    return (value < 0n ? "-" : "") + (magnitude / SCALE).toString() + (digits ? "." + digits : "");
  }

  function integer(value) {
    const text = big(value).toString();
    return text[0] === "-" ? "-" + group(text.slice(1)) : group(text);
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

  return { minorUnits, moneyMinor, money, moneyExact, plainDecimal, integer, day, dayNumber };
});
