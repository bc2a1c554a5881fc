// The usage history without the DOM: filter, sort, paginate, total, CSV, and which data chunks
// a view needs. usage-dialog.js draws it; Tests/js/history.test.js checks it.
(function (root, factory) {
  typeof module === "object" && module.exports
    ? module.exports = factory(require("./format.js"))
    : root.ForgeUsageHistory = factory(root.ForgeFormat);
})(this, (F) => {
  "use strict";

  /**
   * @typedef {[number, number, number, number, number, number|string, number]} Row  as in the chunk files:
   *   [day (since 1970-01-01, UTC), service index, key index (-1: none), requests,
   *    tokens (-1: not given), cost in micro-units (a decimal string past 2^53), model index (-1: none)]
   * @typedef {{ services: string[], keys: { id: string, name: string }[], models?: string[] }} Names  what indexes point to
   * @typedef {{ service: ?number, key: ?number, model?: ?number, from: ?number, to: ?number }} Filter
   *   null: any. key/model -1: records without one. from/to: days, inclusive.
   * @typedef {{ column: "date"|"service"|"model"|"key"|"requests"|"tokens"|"cost", direction: "ascending"|"descending" }} Sort
   * @typedef {[string, number, number, number]} Chunk  manifest entry: [name, rows, newest day, oldest day]
   */

  const COLUMN = { date: 0, service: 1, key: 2, requests: 3, tokens: 4, cost: 5, model: 6 };
  const DEFAULT_SORT = { column: "date", direction: "descending" };
  const NO_FILTER = { service: null, key: null, model: null, from: null, to: null };
  /** How a sort reads in the caption and the status line: [ascending, descending]. */
  const SORT_WORDS = {
    date: ["oldest first", "newest first"],
    service: ["by service A–Z", "by service Z–A"],
    model: ["by model A–Z", "by model Z–A"],
    key: ["by key A–Z", "by key Z–A"],
    requests: ["fewest requests first", "most requests first"],
    tokens: ["fewest tokens first", "most tokens first"],
    cost: ["lowest cost first", "highest cost first"],
  };
  const sortWords = (sort) => SORT_WORDS[sort.column][sort.direction === "descending" ? 1 : 0];

  const isDefaultSort = (sort) => !sort || (sort.column === "date" && sort.direction === "descending");
  const isUnfiltered = (filter) => !filter || (filter.service === null && filter.key === null && (filter.model == null) &&
    filter.from === null && filter.to === null);

  /** @param {Row[]} rows @param {Filter} filter @returns {Row[]} */
  function filterRows(rows, filter) {
    if (isUnfiltered(filter)) return rows;
    const { service, key, from, to } = filter, model = filter.model == null ? null : filter.model;
    return rows.filter((row) => (service === null || row[1] === service) && (key === null || row[2] === key) &&
      (model === null || (row[6] ?? -1) === model) && (from === null || row[0] >= from) && (to === null || row[0] <= to));
  }

  /** Each name's rank in a human order (case-insensitive, "image 9" before "image 10"). */
  function ranks(names) {
    const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    const order = names.map((_, i) => i).sort((a, b) => collator.compare(names[a], names[b]) || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
    const rank = [];
    order.forEach((index, position) => { rank[index] = position; });
    return rank;
  }

  /** Exact comparison of micro-unit amounts, Numbers or decimal strings. */
  function compareAmounts(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    const x = BigInt(a), y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** The order of a sort as a comparison of two rows (ties compare 0). */
  function comparator(sort, names) {
    const column = COLUMN[sort.column], sign = sort.direction === "descending" ? -1 : 1;
    if (sort.column === "service" || sort.column === "key" || sort.column === "model") {
      const rank = ranks(sort.column === "service" ? names.services : sort.column === "model" ? names.models || [] : names.keys.map((k) => k.name));
      const of = (index) => index == null || index < 0 ? -1 : rank[index];  // no key (model) first
      return (a, b) => sign * (of(a[column]) - of(b[column]));
    }
    if (sort.column === "cost") return (a, b) => sign * compareAmounts(a[5], b[5]);
    return (a, b) => sign * (a[column] - b[column]);
  }

  /**
   * A sorted copy. Rows arrive newest first and the sort is stable, so ties stay newest first.
   * @param {Row[]} rows @param {Sort} sort @param {Names} names @returns {Row[]}
   */
  function sortRows(rows, sort, names) {
    if (isDefaultSort(sort)) return rows;
    return rows.slice().sort(comparator(sort, names));
  }

  /**
   * The first `count` rows of sortRows(rows, sort, names), found in one pass without sorting the
   * rest: a page of a million rows in a few milliseconds instead of a whole sort. Each row is
   * compared with the last row kept, and only the few that beat it are placed (after their equals,
   * so ties keep the input order, as the stable sort does).
   * @param {Row[]} rows @param {Sort} sort @param {Names} names @param {number} count @returns {Row[]}
   */
  function firstRows(rows, sort, names, count) {
    if (isDefaultSort(sort) || count >= rows.length) return sortRows(rows, sort, names).slice(0, count);
    const compare = comparator(sort, names), kept = [];
    if (count <= 0) return kept;
    for (const row of rows) {
      if (kept.length === count && compare(row, kept[count - 1]) >= 0) continue;
      let low = 0, high = kept.length;  // the first kept row that sorts after this one
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(row, kept[middle]) < 0) high = middle; else low = middle + 1;
      }
      kept.splice(low, 0, row);
      if (kept.length > count) kept.pop();
    }
    return kept;
  }

  /** Page `page` (1-based, clamped) of `count` rows: rows [start, end). */
  function paginate(count, page, pageSize) {
    const pageCount = Math.max(1, Math.ceil(count / pageSize));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
    const start = (current - 1) * pageSize;
    return { page: current, pageCount, start, end: Math.min(count, start + pageSize) };
  }

  /**
   * Exact sums. Numbers add up while the sum is a safe integer, then move into a BigInt:
   * exact for any amount, fast for a million rows.
   * @returns {{ records: number, requests: bigint, tokens: bigint, cost: bigint }}
   */
  function totals(rows) {
    const sums = [0n, 0n, 0n], partial = [0, 0, 0];
    const add = (slot, value) => {
      if (typeof value !== "number") {
        sums[slot] += BigInt(value);
      } else if (partial[slot] > Number.MAX_SAFE_INTEGER - value) {
        sums[slot] += BigInt(partial[slot]);
        partial[slot] = value;
      } else {
        partial[slot] += value;
      }
    };
    for (const row of rows) {
      add(0, row[3]);
      if (row[4] > 0) add(1, row[4]);
      add(2, row[5]);
    }
    const total = (slot) => sums[slot] + BigInt(partial[slot]);
    return { records: rows.length, requests: total(0), tokens: total(1), cost: total(2) };
  }

  /**
   * A CSV field (RFC 4180), quoted when it holds a comma, quote or line break. Text a spreadsheet
   * would run as a formula (= + - @ tab CR first) gets a leading apostrophe (OWASP CSV injection).
   */
  function csvCell(value) {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  /**
   * The rows as CSV in the view's order: data/usage/*.csv's columns plus the key's name (and the
   * model, when the site has models), the cost as an exact plain decimal (no symbol, no grouping,
   * whatever the locale), CRLF line ends.
   */
  function toCSV(rows, names) {
    const models = names.models && names.models.length ? names.models : null;
    const lines = [models ? "date,service,model,key,key_name,requests,tokens,cost" : "date,service,key,key_name,requests,tokens,cost"];
    for (const row of rows) {
      const key = row[2] >= 0 ? names.keys[row[2]] : null;
      const cells = [F.day(row[0]), csvCell(names.services[row[1]])];
      if (models) cells.push((row[6] ?? -1) >= 0 ? csvCell(models[row[6]]) : "");
      cells.push(key ? csvCell(key.id) : "", key ? csvCell(key.name) : "", row[3], row[4] >= 0 ? row[4] : "", F.plainDecimal(row[5]));
      lines.push(cells.join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  /**
   * The Periods table as CSV, newest first: exact amounts as plain decimals in `currency`, the
   * limit's percentage in tenths as the dialog rounds it (down), the overrun above the limit.
   * @param {{ start: string, lastDay: string, through: string, current: boolean, spendMicros: string,
   *   requests: string, records: number, percentTenths: ?number }[]} periods
   * @param {?string} limitMicros  the plan's limit, null without one
   */
  function periodsCSV(periods, limitMicros, currency) {
    const lines = ["period_start,period_end,through,complete,currency,total,limit,percent_of_limit,overrun,records,requests"];
    const limit = limitMicros == null ? null : BigInt(limitMicros);
    for (const p of periods) {
      const total = BigInt(p.spendMicros);
      const over = limit !== null && total > limit ? total - limit : 0n;
      const percent = p.percentTenths == null ? "" : `${Math.trunc(p.percentTenths / 10)}.${p.percentTenths % 10}`;
      lines.push([p.start, p.lastDay, p.through, p.current ? "no" : "yes", currency.code, F.plainDecimal(total),
        limit === null ? "" : F.plainDecimal(limit), percent, limit === null ? "" : F.plainDecimal(over), p.records, p.requests].join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  /**
   * A view's page from the build's first pages (data/usage-first.*.js, see HistoryFirstPages.swift),
   * without the chunks: `{ rows, count, totals }`, or null when they do not cover it (a date
   * range, two filters at once, or a page past the rows they hold). Covered: every sort of the
   * whole history, and one service, key or model (or no key / no model) in any order.
   * @param {object} first @param {{ count: number, requests: string, tokens: string, spendMicros: string }} all
   * @param {Filter} filter @param {Sort} sort @param {Names} names @param {number} page @param {number} pageSize
   */
  function firstPage(first, all, filter, sort, names, page, pageSize) {
    if (!first) return null;
    const f = filter || NO_FILTER, named = [["service", f.service], ["key", f.key], ["model", f.model == null ? null : f.model]]
      .filter(([, value]) => value !== null);
    if (f.from !== null || f.to !== null || named.length > 1) return null;
    let rows, count, totals, complete = false;
    if (named.length === 0) {
      count = all.count;
      totals = { records: all.count, requests: all.requests, tokens: all.tokens, cost: all.spendMicros };
      if (isDefaultSort(sort)) return null;  // the chunks under the page serve it
      if (first.sorts[`${sort.column}:${sort.direction}`]) {
        rows = first.sorts[`${sort.column}:${sort.direction}`];
      } else {
        // By name: each name's rows (newest first) end to end in name order, "none" first A–Z.
        const list = first[sort.column] || [], none = sort.column === "service" ? null : first[sort.column === "key" ? "noKey" : "noModel"];
        const rank = ranks(sort.column === "service" ? names.services : sort.column === "model" ? names.models || [] : names.keys.map((k) => k.name));
        const order = list.map((_, index) => index).sort((a, b) => rank[a] - rank[b]).map((index) => list[index]);
        const groups = sort.direction === "ascending" ? [none, ...order] : [...order.reverse(), none];
        rows = [];
        for (const group of groups) {
          if (!group) continue;
          rows.push(...group.rows);
          if (group.rows.length < group.count) break;  // the rest of this name is not here
        }
        complete = rows.length === count;
      }
    } else {
      const [column, value] = named[0];
      const group = value === -1 ? first[column === "key" ? "noKey" : "noModel"] : (first[column] || [])[value];
      if (!group) return null;
      count = group.count;
      totals = { records: group.count, requests: group.requests, tokens: group.tokens, cost: group.cost };
      complete = group.rows.length === group.count;
      rows = isDefaultSort(sort) ? group.rows : complete ? sortRows(group.rows, sort, names) : null;
      if (!rows) return null;
    }
    const window = paginate(count, page, pageSize);
    if (!complete && window.end > rows.length) return null;
    return { rows: rows.slice(window.start, window.end), page: window, count, totals };
  }

  /**
   * Indexes of the chunks a view needs (chunks hold consecutive rows, newest first). The default
   * view needs the chunks under its page; other views the chunks overlapping their date range.
   * @param {Chunk[]} chunks @param {{ start: number, end: number }} window the page's rows, default view
   */
  function chunksFor(chunks, filter, sort, window) {
    const needed = [];
    let offset = 0;
    chunks.forEach((chunk, index) => {
      if (isUnfiltered(filter) && isDefaultSort(sort)) {
        if (offset < window.end && offset + chunk[1] > window.start) needed.push(index);
        offset += chunk[1];
      } else if ((filter.from === null || chunk[2] >= filter.from) && (filter.to === null || chunk[3] <= filter.to)) {
        needed.push(index);
      }
    });
    return needed;
  }

  return { DEFAULT_SORT, NO_FILTER, SORT_WORDS, sortWords, isDefaultSort, isUnfiltered, filterRows, sortRows, firstRows, firstPage, paginate, totals,
    csvCell, toCSV, periodsCSV, chunksFor };
});
