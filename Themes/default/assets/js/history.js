// The usage history's logic, without the DOM: filter, sort, paginate, total, export as CSV,
// and work out which data chunks a view needs. usage-dialog.js draws what this computes;
// node --test checks it (Tests/js/history.test.js).
(function (root, factory) {
  typeof module === "object" && module.exports
    ? module.exports = factory(require("./format.js"))
    : root.ForgeUsageHistory = factory(root.ForgeFormat);
})(this, function (F) {
  "use strict";

  /**
   * One usage record, as the build writes it into data/usage-NNNN.<hash>.js, newest first:
   * @typedef {[number, number, number, number, number, number|string]} Row
   *   [day (days since 1970-01-01, UTC), service index, key index (-1: no key),
   *    requests, tokens (-1: not given), cost in micro-units (a decimal string past 2^53)]
   * @typedef {{ services: string[], keys: { id: string, name: string }[] }} Names
   *   Indexes of Row point into these (forge-usage JSON).
   * @typedef {{ service: number|null, key: number|null, from: number|null, to: number|null }} Filter
   *   null: no restriction. key -1 selects records without a key; from/to are days, inclusive.
   * @typedef {"date"|"service"|"key"|"requests"|"tokens"|"cost"} Column
   * @typedef {{ column: Column, direction: "ascending"|"descending" }} Sort
   * @typedef {[string, number, number, number]} Chunk
   *   A manifest entry, compact because a million records make 200 of them, inline in the page:
   *   [name, rows, newest day, oldest day]; the file is `history.prefix + name + ".js"`.
   */

  var COLUMN_INDEX = { date: 0, service: 1, key: 2, requests: 3, tokens: 4, cost: 5 };
  var DEFAULT_SORT = { column: "date", direction: "descending" };
  var NO_FILTER = { service: null, key: null, from: null, to: null };

  /** @param {Sort} sort */
  function isDefaultSort(sort) {
    return !sort || (sort.column === "date" && sort.direction === "descending");
  }

  /** @param {Filter} filter */
  function isUnfiltered(filter) {
    return !filter || (filter.service === null && filter.key === null && filter.from === null && filter.to === null);
  }

  /** @param {Row[]} rows @param {Filter} filter @returns {Row[]} */
  function filterRows(rows, filter) {
    if (isUnfiltered(filter)) return rows;
    var service = filter.service, key = filter.key, from = filter.from, to = filter.to;
    return rows.filter(function (row) {
      return (service === null || row[1] === service) && (key === null || row[2] === key) &&
        (from === null || row[0] >= from) && (to === null || row[0] <= to);
    });
  }

  /** Rank of each name in a human order (case-insensitive, numbers by value), to sort by index. */
  function ranks(names) {
    var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    var order = names.map(function (_, i) { return i; });
    order.sort(function (a, b) { return collator.compare(names[a], names[b]) || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b); });
    var rank = new Array(names.length);
    order.forEach(function (index, position) { rank[index] = position; });
    return rank;
  }

  /** Compares two micro-unit amounts, Numbers or decimal strings, exactly. */
  function compareAmounts(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    var x = BigInt(a), y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /**
   * A sorted copy. The sort is stable and rows arrive newest first, so equal values stay
   * newest first whichever direction is chosen.
   * @param {Row[]} rows @param {Sort} sort @param {Names} names @returns {Row[]}
   */
  function sortRows(rows, sort, names) {
    if (isDefaultSort(sort)) return rows;
    var column = COLUMN_INDEX[sort.column];
    var sign = sort.direction === "descending" ? -1 : 1;
    var compare;
    if (sort.column === "service" || sort.column === "key") {
      var rank = sort.column === "service" ? ranks(names.services) : ranks(names.keys.map(function (k) { return k.name; }));
      compare = function (a, b) {
        // No key (-1) sorts before every name.
        var x = a[column] < 0 ? -1 : rank[a[column]], y = b[column] < 0 ? -1 : rank[b[column]];
        return sign * (x - y);
      };
    } else if (sort.column === "cost") {
      compare = function (a, b) { return sign * compareAmounts(a[5], b[5]); };
    } else {
      compare = function (a, b) { return sign * (a[column] - b[column]); };
    }
    return rows.slice().sort(compare);
  }

  /**
   * @param {number} count rows in the view @param {number} page 1-based, clamped
   * @returns {{ page: number, pageCount: number, start: number, end: number }} rows [start, end)
   */
  function paginate(count, page, pageSize) {
    var pageCount = Math.max(1, Math.ceil(count / pageSize));
    var current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
    var start = (current - 1) * pageSize;
    return { page: current, pageCount: pageCount, start: start, end: Math.min(count, start + pageSize) };
  }

  var SAFE = Number.MAX_SAFE_INTEGER;

  /**
   * Exact sums of a view. Numbers are added while the sum stays a safe integer, then moved into
   * a BigInt: exact for any amount, and fast enough for a million rows.
   * @param {Row[]} rows
   * @returns {{ records: number, requests: bigint, tokens: bigint, cost: bigint }}
   */
  function totals(rows) {
    var sums = [0n, 0n, 0n], partial = [0, 0, 0];
    function add(slot, value) {
      if (typeof value !== "number") {
        sums[slot] += BigInt(value);
      } else if (partial[slot] > SAFE - value) {
        sums[slot] += BigInt(partial[slot]);
        partial[slot] = value;
      } else {
        partial[slot] += value;
      }
    }
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      add(0, row[3]);
      if (row[4] > 0) add(1, row[4]);
      add(2, row[5]);
    }
    return {
      records: rows.length,
      requests: sums[0] + BigInt(partial[0]),
      tokens: sums[1] + BigInt(partial[1]),
      cost: sums[2] + BigInt(partial[2]),
    };
  }

  /**
   * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
   * spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe
   * (OWASP, CSV injection), so a service named "=HYPERLINK(…)" stays text.
   */
  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  var CSV_HEADER = ["date", "service", "key", "key_name", "requests", "tokens", "cost"];

  /**
   * The rows as CSV, in the view's order: the columns of data/usage/*.csv plus the key's name,
   * cost as an exact plain decimal (no symbol, no grouping), CRLF line ends.
   * @param {Row[]} rows @param {Names} names
   */
  function toCSV(rows, names) {
    var lines = [CSV_HEADER.join(",")];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var key = row[2] >= 0 ? names.keys[row[2]] : null;
      lines.push([
        F.day(row[0]),
        csvCell(names.services[row[1]]),
        key ? csvCell(key.id) : "",
        key ? csvCell(key.name) : "",
        String(row[3]),
        row[4] >= 0 ? String(row[4]) : "",
        F.plainDecimal(row[5]),
      ].join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  /**
   * Indexes of the chunks a view needs. Chunks hold consecutive rows in the default order.
   * The default view needs only the chunks under its page; a date range needs the chunks that
   * overlap it; any other filter or sort needs every chunk (in range).
   * @param {Chunk[]} chunks @param {Filter} filter @param {Sort} sort
   * @param {{ start: number, end: number }} window rows of the page, in the default view
   */
  function chunksFor(chunks, filter, sort, window) {
    var needed = [];
    if (isUnfiltered(filter) && isDefaultSort(sort)) {
      var offset = 0;
      chunks.forEach(function (chunk, index) {
        if (offset < window.end && offset + chunk[1] > window.start) needed.push(index);
        offset += chunk[1];
      });
      return needed;
    }
    chunks.forEach(function (chunk, index) {
      if ((filter.from === null || chunk[2] >= filter.from) && (filter.to === null || chunk[3] <= filter.to)) needed.push(index);
    });
    return needed;
  }

  return {
    DEFAULT_SORT: DEFAULT_SORT,
    NO_FILTER: NO_FILTER,
    isDefaultSort: isDefaultSort,
    isUnfiltered: isUnfiltered,
    filterRows: filterRows,
    sortRows: sortRows,
    paginate: paginate,
    totals: totals,
    csvCell: csvCell,
    toCSV: toCSV,
    chunksFor: chunksFor,
  };
});
