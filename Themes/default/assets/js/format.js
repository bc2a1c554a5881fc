// Money, count and day formatting for the browser, identical to Forge's Swift side
// (Currency.format, Money.plainDecimal, Day), so a total the browser computes for a filtered
// view reads exactly like the figures written at build time. Locale-free on purpose: output
// must not depend on the visitor's language settings.
//
// Amounts are integer micro-units (10^-6 of the currency unit), as BigInt or as integer
// Numbers / decimal strings (history rows keep Numbers while they are safe integers).
(function (root, factory) {
  typeof module === "object" && module.exports ? module.exports = factory() : root.ForgeFormat = factory();
})(this, function () {
  "use strict";

  /** @typedef {{ code: string, exponent: number, symbol: string }} Currency */

  var MICRO_DIGITS = 6;

  /** @param {bigint|number|string} value @returns {bigint} */
  function big(value) {
    return typeof value === "bigint" ? value : BigInt(value);
  }

  function abs(value) {
    return value < 0n ? -value : value;
  }

  /** "1234567" -> "1,234,567" */
  function group(digits) {
    var out = "";
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
      out += digits[i];
    }
    return out;
  }

  /**
   * Micro-units rounded half away from zero to the currency's minor unit (Currency.minorUnits).
   * @param {bigint|number|string} micros @param {Currency} currency @returns {bigint}
   */
  function minorUnits(micros, currency) {
    var value = big(micros);
    var divisor = 10n ** BigInt(MICRO_DIGITS - currency.exponent);
    var quotient = value / divisor;  // BigInt division truncates toward zero, like Swift's
    var remainder = value % divisor;
    if (abs(remainder) * 2n >= divisor) quotient += value < 0n ? -1n : 1n;
    return quotient;
  }

  /**
   * "$1,234.56": symbol, grouped whole part, exactly `exponent` decimals (Currency.format(minorUnits:)).
   * @param {bigint|number|string} minor @param {Currency} currency
   */
  function moneyMinor(minor, currency) {
    var value = big(minor);
    var magnitude = abs(value);
    var unit = 10n ** BigInt(currency.exponent);
    var text = (value < 0n ? "-" : "") + currency.symbol + group((magnitude / unit).toString());
    if (currency.exponent > 0) text += "." + (magnitude % unit).toString().padStart(currency.exponent, "0");
    return text;
  }

  /** Currency.format: rounded half up to the minor unit. */
  function money(micros, currency) {
    return moneyMinor(minorUnits(micros, currency), currency);
  }

  /**
   * The exact amount, never rounded: the currency's decimals, more only when the amount has
   * them ("$12.30", "$0.000125"). Used for records, whose costs are often fractions of a cent,
   * so a column of them adds up to its total to the last digit.
   */
  function moneyExact(micros, currency) {
    var value = big(micros);
    var magnitude = abs(value);
    var scale = 10n ** BigInt(MICRO_DIGITS);
    var fraction = (magnitude % scale).toString().padStart(MICRO_DIGITS, "0").replace(/0+$/, "");
    if (fraction.length < currency.exponent) fraction = fraction.padEnd(currency.exponent, "0");
    return (value < 0n ? "-" : "") + currency.symbol + group((magnitude / scale).toString()) + (fraction ? "." + fraction : "");
  }

  /** Money.plainDecimal: "12.3", "0.000125", "7" — for CSV, where spreadsheets read it exactly. */
  function plainDecimal(micros) {
    var value = big(micros);
    var magnitude = abs(value);
    var scale = 10n ** BigInt(MICRO_DIGITS);
    var fraction = (magnitude % scale).toString().padStart(MICRO_DIGITS, "0").replace(/0+$/, "");
    return (value < 0n ? "-" : "") + (magnitude / scale).toString() + (fraction ? "." + fraction : "");
  }

  /** 1234567 -> "1,234,567" */
  function integer(value) {
    var text = big(value).toString();
    return text[0] === "-" ? "-" + group(text.slice(1)) : group(text);
  }

  var DAY_MS = 86400000;

  /** Days since 1970-01-01 -> "YYYY-MM-DD", in UTC (toISOString is always UTC). */
  function day(daysSinceEpoch) {
    return new Date(daysSinceEpoch * DAY_MS).toISOString().slice(0, 10);
  }

  /** "YYYY-MM-DD" -> days since 1970-01-01, or null when it is not a real day. */
  function dayNumber(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!match) return null;
    var ms = Date.UTC(+match[1], +match[2] - 1, +match[3]);
    var days = Math.round(ms / DAY_MS);
    return day(days) === text ? days : null;
  }

  return {
    minorUnits: minorUnits,
    moneyMinor: moneyMinor,
    money: money,
    moneyExact: moneyExact,
    plainDecimal: plainDecimal,
    integer: integer,
    day: day,
    dayNumber: dayNumber,
  };
});
