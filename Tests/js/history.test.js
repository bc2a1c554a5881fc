"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const H = require("../../Themes/default/assets/js/history.js");
const F = require("../../Themes/default/assets/js/format.js");

const d = F.dayNumber;
const names = {
  services: ["Chat Completions", "Embeddings", "image 10", "image 9"],
  keys: [{ id: "key_prod", name: "Production" }, { id: "key_ci", name: "ci runner" }],
};
// Newest first, as the build writes them.
const rows = [
  [d("2026-11-25"), 0, 0, 1200, 340000, 12340000],
  [d("2026-11-25"), 1, -1, 10, -1, 5000],
  [d("2026-11-24"), 0, 1, 5, 100, 100000],
  [d("2026-11-03"), 2, 0, 7, 0, 200000],
  [d("2026-10-31"), 3, 1, 1, 1, "9007199254740993"],
];

test("filters by service, key (or no key) and an inclusive date range", () => {
  const only = (filter) => H.filterRows(rows, Object.assign({}, H.NO_FILTER, filter)).map((r) => rows.indexOf(r));
  assert.deepEqual(only({}), [0, 1, 2, 3, 4]);
  assert.deepEqual(only({ service: 0 }), [0, 2]);
  assert.deepEqual(only({ key: 1 }), [2, 4]);
  assert.deepEqual(only({ key: -1 }), [1]);
  assert.deepEqual(only({ from: d("2026-11-03"), to: d("2026-11-24") }), [2, 3]);
  assert.deepEqual(only({ from: d("2026-11-25") }), [0, 1]);
  assert.deepEqual(only({ to: d("2026-10-31") }), [4]);
  assert.deepEqual(only({ service: 0, key: 0, from: d("2026-11-26") }), []);
});

test("sorts every column both ways; ties stay newest first", () => {
  const order = (column, direction) => H.sortRows(rows, { column, direction }, names).map((r) => rows.indexOf(r));
  assert.equal(H.sortRows(rows, H.DEFAULT_SORT, names), rows);
  assert.deepEqual(order("date", "ascending"), [4, 3, 2, 0, 1]);
  assert.deepEqual(order("requests", "descending"), [0, 1, 3, 2, 4]);
  assert.deepEqual(order("tokens", "ascending"), [1, 3, 4, 2, 0]);
  // Costs past 2^53 compare exactly.
  assert.deepEqual(order("cost", "descending"), [4, 0, 3, 2, 1]);
  // Names in a human order: "image 9" before "image 10".
  assert.deepEqual(order("service", "ascending"), [0, 2, 1, 4, 3]);
  assert.deepEqual(order("service", "descending"), [3, 4, 1, 0, 2]);
  // No key first, then "ci runner" before "Production" (case-insensitive).
  assert.deepEqual(order("key", "ascending"), [1, 2, 4, 0, 3]);
  assert.notEqual(H.sortRows(rows, { column: "cost", direction: "ascending" }, names), rows, "a copy, the data stays in order");
});

test("the first rows of a sort, without sorting them all, are exactly the sorted prefix", () => {
  // Seeded rows with many ties (few distinct values) and amounts past 2^53, newest first.
  let seed = 7;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const many = [];
  for (let i = 0; i < 3000; i++) {
    const cost = next(10) === 0 ? String(9007199254740993n + BigInt(next(5))) : next(40) * 1000;
    many.push([d("2026-11-25") - Math.floor(i / 50), next(4), next(3) - 1, next(30), next(5) - 1, cost]);
  }
  for (const column of ["date", "service", "key", "requests", "tokens", "cost"]) {
    for (const direction of ["ascending", "descending"]) {
      const sort = { column, direction }, sorted = H.sortRows(many, sort, names);
      for (const count of [0, 1, 25, 26, 100, 2999, 3000, 5000]) {
        const first = H.firstRows(many, sort, names, count);
        assert.equal(first.length, Math.min(count, many.length), `${column} ${direction} ${count}`);
        first.forEach((row, i) => assert.equal(row, sorted[i], `${column} ${direction} ${count}: row ${i}`));
      }
    }
  }
  assert.deepEqual(H.firstRows([], { column: "cost", direction: "descending" }, names, 25), []);
});

test("a page from the build's first pages is the page the chunks give, or null", () => {
  // Rows and a first-pages file shaped as HistoryFirstPages.swift writes them (checked there
  // against the chunks): every sort's first 100 rows; each name's newest `keep` rows and totals.
  let seed = 11;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const all = [];
  for (let i = 0; i < 2000; i++) {
    // Key 1 and model 1 are rare (their groups are complete); the others are not.
    const key = next(40) === 0 ? 1 : [0, -1][next(2)], model = next(40) === 0 ? 1 : [0, 2, -1][next(3)];
    all.push([d("2026-11-25") - Math.floor(i / 40), next(4), key, next(30), next(5) - 1, next(12) * 1000, model]);
  }
  const withModels = Object.assign({}, names, { models: ["b-model", "A-model", "c-model"] });
  const sum = (rows, i) => String(rows.reduce((total, row) => total + Math.max(row[i], 0), 0));
  const group = (rows, keep) => rows.length === 0 ? null
    : { count: rows.length, requests: sum(rows, 3), tokens: sum(rows, 4), cost: sum(rows, 5), rows: rows.slice(0, keep) };
  const first = { sorts: {} };
  for (const column of ["date", "requests", "tokens", "cost"]) {
    for (const direction of ["ascending", "descending"]) {
      if (column === "date" && direction === "descending") continue;
      first.sorts[`${column}:${direction}`] = H.sortRows(all, { column, direction }, withModels).slice(0, 100);
    }
  }
  const keep = 60;
  first.service = withModels.services.map((_, i) => group(all.filter((r) => r[1] === i), keep));
  first.key = withModels.keys.map((_, i) => group(all.filter((r) => r[2] === i), keep));
  first.model = withModels.models.map((_, i) => group(all.filter((r) => r[6] === i), keep));
  first.noKey = group(all.filter((r) => r[2] === -1), keep);
  first.noModel = group(all.filter((r) => r[6] === -1), keep);
  const manifest = { count: all.length, requests: sum(all, 3), tokens: sum(all, 4), spendMicros: sum(all, 5) };

  let served = 0, declined = 0;
  const filters = [{}, { service: 2 }, { key: 0 }, { key: 1 }, { key: -1 }, { model: 1 }, { model: -1 },
    { service: 1, key: 0 }, { from: d("2026-11-01") }];
  for (const only of filters) {
    const filter = Object.assign({}, H.NO_FILTER, only);
    for (const column of ["date", "service", "model", "key", "requests", "tokens", "cost"]) {
      for (const direction of ["ascending", "descending"]) {
        for (const [page, pageSize] of [[1, 25], [2, 25], [4, 25], [5, 25], [1, 100], [2, 100], [80, 25]]) {
          const sort = { column, direction };
          const quick = H.firstPage(first, manifest, filter, sort, withModels, page, pageSize);
          const what = `${JSON.stringify(only)} ${column} ${direction} page ${page} of ${pageSize}`;
          if (!quick) { declined++; continue; }
          served++;
          const filtered = H.filterRows(all, filter), sorted = H.sortRows(filtered, sort, withModels);
          const window = H.paginate(filtered.length, page, pageSize), totals = H.totals(filtered);
          assert.deepEqual(quick.rows, sorted.slice(window.start, window.end), what);
          assert.deepEqual(quick.page, window, what);
          assert.equal(quick.count, filtered.length, what);
          assert.deepEqual([BigInt(quick.totals.requests), BigInt(quick.totals.tokens), BigInt(quick.totals.cost), quick.totals.records],
            [totals.requests, totals.tokens, totals.cost, totals.records], what);
        }
      }
    }
  }
  // Two filters, a date range, the default view and deep pages go to the chunks.
  assert.equal(H.firstPage(first, manifest, Object.assign({}, H.NO_FILTER, { service: 1, key: 0 }), { column: "cost", direction: "descending" }, withModels, 1, 25), null);
  assert.equal(H.firstPage(first, manifest, H.NO_FILTER, H.DEFAULT_SORT, withModels, 1, 25), null);
  assert.equal(H.firstPage(first, manifest, H.NO_FILTER, { column: "cost", direction: "descending" }, withModels, 5, 25), null);
  assert.equal(H.firstPage(null, manifest, H.NO_FILTER, { column: "cost", direction: "descending" }, withModels, 1, 25), null);
  assert.ok(served > 100 && declined > 100, `served ${served}, declined ${declined}`);
});

test("paginates with clamped pages", () => {
  assert.deepEqual(H.paginate(0, 1, 25), { page: 1, pageCount: 1, start: 0, end: 0 });
  assert.deepEqual(H.paginate(51, 3, 25), { page: 3, pageCount: 3, start: 50, end: 51 });
  assert.deepEqual(H.paginate(51, 9, 25), { page: 3, pageCount: 3, start: 50, end: 51 });
  assert.deepEqual(H.paginate(50, 0, 25), { page: 1, pageCount: 2, start: 0, end: 25 });
  assert.deepEqual(H.paginate(50, NaN, 25), { page: 1, pageCount: 2, start: 0, end: 25 });
});

test("totals are exact, past 2^53 and over a hundred thousand rows", () => {
  const t = H.totals(rows);
  assert.equal(t.records, 5);
  assert.equal(t.requests, 1223n);
  assert.equal(t.tokens, 340101n);  // -1 means no count, not minus one
  assert.equal(t.cost, 12340000n + 5000n + 100000n + 200000n + 9007199254740993n);

  // 0.1 + 0.2 patterns: 100,000 rows of $0.10 and $0.20 are exactly $15,000.00.
  const many = [];
  for (let i = 0; i < 100000; i++) many.push([0, 0, 0, 1, 1, i % 2 ? 200000 : 100000]);
  assert.equal(F.money(H.totals(many).cost, { code: "USD", exponent: 2, symbol: "$" }), "$15,000.00");

  // Amounts near 2^53 force the running Number into the BigInt.
  const big = Array.from({ length: 4 }, () => [0, 0, 0, 0, -1, Number.MAX_SAFE_INTEGER]);
  assert.equal(H.totals(big).cost, 4n * BigInt(Number.MAX_SAFE_INTEGER));
});

test("CSV cells are quoted and protected against formula injection", () => {
  assert.equal(H.csvCell("Chat Completions"), "Chat Completions");
  assert.equal(H.csvCell("a,b"), "\"a,b\"");
  assert.equal(H.csvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  assert.equal(H.csvCell("two\nlines"), "\"two\nlines\"");
  assert.equal(H.csvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  assert.equal(H.csvCell("+1"), "'+1");
  assert.equal(H.csvCell("-2"), "'-2");
  assert.equal(H.csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(H.csvCell("\tx"), "'\tx");
  assert.equal(H.csvCell("a=b"), "a=b");
});

test("CSV export writes the view's rows, exact costs and empty optional cells", () => {
  const evil = { services: ["=cmd|' /C calc'!A0", "Embeddings, v2"], keys: [{ id: "key_a", name: "Ops \"main\"" }] };
  const csv = H.toCSV([[d("2026-11-25"), 0, 0, 12, 34, 12340000], [d("2026-11-24"), 1, -1, 0, -1, 125]], evil);
  assert.equal(csv,
    "date,service,key,key_name,requests,tokens,cost\r\n" +
    "2026-11-25,'=cmd|' /C calc'!A0,key_a,\"Ops \"\"main\"\"\",12,34,12.34\r\n" +
    "2026-11-24,\"Embeddings, v2\",,,0,,0.000125\r\n");
  assert.equal(H.toCSV([], evil), "date,service,key,key_name,requests,tokens,cost\r\n");
  assert.match(H.toCSV(rows.slice(4), names), /,9007199254\.740993\r\n$/);
});

test("a view loads only the chunks it needs", () => {
  const chunks = [
    ["0000.a", 5000, d("2026-11-25"), d("2026-11-10")],
    ["0001.b", 5000, d("2026-11-10"), d("2026-10-20")],
    ["0002.c", 1234, d("2026-10-19"), d("2026-09-01")],
  ];
  const page = (p, size) => H.paginate(11234, p, size);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, H.DEFAULT_SORT, page(1, 25)), [0]);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, H.DEFAULT_SORT, page(200, 25)), [0]);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, H.DEFAULT_SORT, page(201, 25)), [1]);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, H.DEFAULT_SORT, { start: 4990, end: 5010 }), [0, 1]);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, H.DEFAULT_SORT, page(450, 25)), [2]);
  const dated = Object.assign({}, H.NO_FILTER, { from: d("2026-11-12"), to: d("2026-11-20") });
  assert.deepEqual(H.chunksFor(chunks, dated, H.DEFAULT_SORT, page(1, 25)), [0]);
  const boundary = Object.assign({}, H.NO_FILTER, { from: d("2026-11-10"), to: d("2026-11-10") });
  assert.deepEqual(H.chunksFor(chunks, boundary, H.DEFAULT_SORT, page(1, 25)), [0, 1]);
  assert.deepEqual(H.chunksFor(chunks, Object.assign({}, H.NO_FILTER, { service: 2 }), H.DEFAULT_SORT, page(1, 25)), [0, 1, 2]);
  assert.deepEqual(H.chunksFor(chunks, H.NO_FILTER, { column: "cost", direction: "ascending" }, page(1, 25)), [0, 1, 2]);
});

// ---- v2: models, sort words, the Periods CSV ----

const withModels = { ...names, models: ["claude-sonnet", "gpt-4o", "Gpt-4o-mini"] };
const modelRows = rows.map((row, index) => row.concat([[1, -1, 0, 2, 1][index]]));

test("filters and sorts by model; rows without one sort first, then in human order", () => {
  const only = (model) => H.filterRows(modelRows, { ...H.NO_FILTER, model }).map((r) => modelRows.indexOf(r));
  assert.deepEqual(only(1), [0, 4]);
  assert.deepEqual(only(-1), [1]);
  assert.deepEqual(only(null), [0, 1, 2, 3, 4]);
  assert.ok(H.isUnfiltered({ ...H.NO_FILTER }) && !H.isUnfiltered({ ...H.NO_FILTER, model: 0 }));
  const order = H.sortRows(modelRows, { column: "model", direction: "ascending" }, withModels).map((r) => modelRows.indexOf(r));
  assert.deepEqual(order, [1, 2, 0, 4, 3]);
  // v1 rows (six fields) read as "no model".
  assert.deepEqual(H.filterRows(rows, { ...H.NO_FILTER, model: -1 }).length, rows.length);
});

test("the CSV has a model column only when the site has models", () => {
  const csv = H.toCSV(modelRows.slice(0, 2), withModels).split("\r\n");
  assert.equal(csv[0], "date,service,model,key,key_name,requests,tokens,cost");
  assert.equal(csv[1], "2026-11-25,Chat Completions,gpt-4o,key_prod,Production,1200,340000,12.34");
  assert.equal(csv[2], "2026-11-25,Embeddings,,,,10,,0.005");
  assert.equal(H.toCSV(rows.slice(0, 1), names).split("\r\n")[0], "date,service,key,key_name,requests,tokens,cost");
});

test("every sort has words for the caption and the status", () => {
  for (const column of Object.keys(H.SORT_WORDS)) {
    for (const direction of ["ascending", "descending"]) assert.ok(H.sortWords({ column, direction }).length > 5, column);
  }
  assert.equal(H.sortWords(H.DEFAULT_SORT), "newest first");
  assert.equal(H.sortWords({ column: "cost", direction: "descending" }), "highest cost first");
});

test("the Periods CSV is exact: plain decimals, the limit's percentage as shown, the overrun", () => {
  const periods = [
    { start: "2026-11-15", lastDay: "2026-12-14", through: "2026-11-24", current: true, spendMicros: "40776961234", requests: "6198675", records: 2510, percentTenths: 1359 },
    { start: "2026-10-15", lastDay: "2026-11-14", through: "2026-11-14", current: false, spendMicros: "29999999999", requests: "10", records: 3, percentTenths: 999 },
  ];
  const lines = H.periodsCSV(periods, "30000000000", { code: "EUR" }).split("\r\n");
  assert.equal(lines[0], "period_start,period_end,through,complete,currency,total,limit,percent_of_limit,overrun,records,requests");
  assert.equal(lines[1], "2026-11-15,2026-12-14,2026-11-24,no,EUR,40776.961234,30000,135.9,10776.961234,2510,6198675");
  assert.equal(lines[2], "2026-10-15,2026-11-14,2026-11-14,yes,EUR,29999.999999,30000,99.9,0,3,10");
  assert.equal(lines[3], "");
  const noLimit = H.periodsCSV(periods.slice(1).map((p) => ({ ...p, percentTenths: null })), null, { code: "USD" }).split("\r\n");
  assert.equal(noLimit[1], "2026-10-15,2026-11-14,2026-11-14,yes,USD,29999.999999,,,,3,10");
});
