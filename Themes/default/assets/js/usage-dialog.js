// The Usage dialog's history: paging, sorting, filtering and CSV export over the records the
// build wrote into data/usage-NNNN.<hash>.js. Everything else in the dialog is static HTML.
//
// Chunks are classic scripts added on demand (fetch() and modules are blocked on file://);
// each calls window.ForgeHistory.push({ chunk, rows }). Nothing loads until the dialog first
// opens, and the default view loads only the chunk under its page, so the page opens at once
// even with a million records. The logic lives in history.js; this file is the DOM.
// Text goes in with textContent only: service and key names come from data files.
(function () {
  "use strict";

  var H = window.ForgeUsageHistory;
  var F = window.ForgeFormat;
  var dialog = document.getElementById("usage-dialog");
  var section = dialog && dialog.querySelector("[data-usage-history]");
  var source = document.getElementById("forge-usage");
  if (!H || !F || !section || !source || !section.querySelector("[data-usage-rows]")) return;

  /** @type {{ currency: object, services: string[], keys: {id: string, name: string}[], history: object }} */
  var data = JSON.parse(source.textContent);
  var manifest = data.history;
  var names = { services: data.services, keys: data.keys };
  var root = section.getAttribute("data-root") || "";

  var form = section.querySelector("[data-usage-filters]");
  var status = section.querySelector("[data-usage-status]");
  var tbody = section.querySelector("[data-usage-rows]");
  var pager = section.querySelector("[data-usage-pager]");
  var pageLabel = section.querySelector("[data-usage-page]");
  var previous = section.querySelector("[data-page='previous']");
  var next = section.querySelector("[data-page='next']");
  var pageSize = section.querySelector("[data-usage-page-size]");
  var foot = {
    label: section.querySelector("[data-usage-total-label]"),
    requests: section.querySelector("[data-usage-total-requests]"),
    tokens: section.querySelector("[data-usage-total-tokens]"),
    cost: section.querySelector("[data-usage-total-cost]"),
  };
  var headers = Array.prototype.slice.call(section.querySelectorAll("th[data-sort]"));

  var state = { filter: Object.assign({}, H.NO_FILTER), sort: H.DEFAULT_SORT, page: 1, pageSize: manifest.pageSize || 25 };
  /** @type {Array<Array|undefined>} rows of each chunk, once loaded */
  var chunks = new Array(manifest.chunks.length);
  /** @type {Object<number, Promise>} */
  var loading = {};
  var view = null;  // { key, rows, totals }: the filtered, sorted rows of the current filter and sort
  var generation = 0;
  var started = false;

  // Chunk files call window.ForgeHistory.push(...); keep anything pushed before this ran.
  var early = Array.isArray(window.ForgeHistory) ? window.ForgeHistory : [];
  window.ForgeHistory = { push: accept };
  early.forEach(accept);

  function accept(chunk) {
    if (chunk && typeof chunk.chunk === "number" && Array.isArray(chunk.rows)) chunks[chunk.chunk] = chunk.rows;
  }

  /** Loads chunk `index` with a <script src>; resolves once it has registered its rows. */
  function load(index) {
    if (chunks[index]) return Promise.resolve();
    if (!loading[index]) {
      loading[index] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        var src = manifest.prefix + manifest.chunks[index][0] + ".js";
        script.src = root + src;
        script.onload = function () {
          chunks[index] ? resolve() : reject(new Error(src));
        };
        script.onerror = function () {
          delete loading[index];
          reject(new Error(src));
        };
        document.head.appendChild(script);
      });
    }
    return loading[index];
  }

  function viewKey() {
    return JSON.stringify([state.filter, state.sort]);
  }

  function isDefaultView() {
    return H.isUnfiltered(state.filter) && H.isDefaultSort(state.sort);
  }

  /** Loads what the current view needs, then draws it; a newer render supersedes an older one. */
  function render() {
    var token = ++generation;
    var window_ = H.paginate(isDefaultView() ? manifest.count : (view && view.key === viewKey() ? view.rows.length : 0), state.page, state.pageSize);
    var needed = H.chunksFor(manifest.chunks, state.filter, state.sort, window_);
    var missing = needed.filter(function (index) { return !chunks[index]; });
    if (missing.length) {
      section.setAttribute("aria-busy", "true");
      status.textContent = "Loading " + (missing.length > 1 ? missing.length + " parts of the history…" : "the history…");
      Promise.all(missing.map(load)).then(function () {
        if (token === generation) render();
      }, function (error) {
        if (token !== generation) return;
        section.removeAttribute("aria-busy");
        status.textContent = "The history could not be loaded (" + error.message + "). Rebuild the site and reload the page.";
      });
      return;
    }
    section.removeAttribute("aria-busy");
    if (isDefaultView()) {
      drawDefault();
    } else {
      drawView(needed);
    }
  }

  /** Newest first, unfiltered: rows straight from the chunks, totals from the manifest. */
  function drawDefault() {
    var page = H.paginate(manifest.count, state.page, state.pageSize);
    state.page = page.page;
    var rows = [];
    var offset = 0;
    manifest.chunks.forEach(function (chunk, index) {
      var from = Math.max(page.start, offset), to = Math.min(page.end, offset + chunk[1]);
      if (from < to) rows = rows.concat(chunks[index].slice(from - offset, to - offset));
      offset += chunk[1];
    });
    draw(rows, page, manifest.count, {
      records: manifest.count,
      requests: BigInt(manifest.requests),
      tokens: BigInt(manifest.tokens),
      cost: BigInt(manifest.spendMicros),
    });
  }

  function drawView(needed) {
    var key = viewKey();
    if (!view || view.key !== key) {
      var all = [];
      needed.forEach(function (index) { all = all.concat(chunks[index]); });
      var filtered = H.filterRows(all, state.filter);
      view = { key: key, rows: H.sortRows(filtered, state.sort, names), totals: H.totals(filtered) };
    }
    var page = H.paginate(view.rows.length, state.page, state.pageSize);
    state.page = page.page;
    draw(view.rows.slice(page.start, page.end), page, view.rows.length, view.totals);
  }

  function cell(text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function draw(rows, page, count, totals) {
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      var key = row[2] >= 0 ? names.keys[row[2]] : null;
      tr.appendChild(cell(F.day(row[0])));
      tr.appendChild(cell(names.services[row[1]]));
      tr.appendChild(cell(key ? key.name : "No key", key ? "" : "usage-muted"));
      tr.appendChild(cell(F.integer(row[3]), "num"));
      tr.appendChild(cell(row[4] >= 0 ? F.integer(row[4]) : "—", "num"));
      tr.appendChild(cell(F.moneyExact(row[5], data.currency), "num"));
      fragment.appendChild(tr);
    });
    if (!rows.length) {
      var tr = document.createElement("tr");
      var empty = cell("No records match these filters.", "usage-muted");
      empty.colSpan = 6;
      tr.appendChild(empty);
      fragment.appendChild(tr);
    }
    tbody.replaceChildren(fragment);

    var all = H.isUnfiltered(state.filter);
    var what = all ? plural(count, "record") : plural(count, "matching record") + " of " + F.integer(manifest.count);
    status.textContent = (count ? "Rows " + F.integer(page.start + 1) + "–" + F.integer(page.end) + " of " : "No rows of ") +
      what + ", " + describeSort() + ".";
    foot.label.textContent = (all ? "All " : "") + plural(totals.records, all ? "record" : "matching record");
    foot.requests.textContent = F.integer(totals.requests);
    foot.tokens.textContent = F.integer(totals.tokens);
    foot.cost.textContent = F.moneyExact(totals.cost, data.currency);

    pageLabel.textContent = "Page " + F.integer(page.page) + " of " + F.integer(page.pageCount);
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= page.pageCount;
  }

  function plural(count, noun) {
    return F.integer(count) + " " + noun + (count === 1 ? "" : "s");
  }

  var SORT_WORDS = {
    date: ["oldest first", "newest first"],
    service: ["by service A–Z", "by service Z–A"],
    key: ["by key A–Z", "by key Z–A"],
    requests: ["fewest requests first", "most requests first"],
    tokens: ["fewest tokens first", "most tokens first"],
    cost: ["lowest cost first", "highest cost first"],
  };

  function describeSort() {
    return SORT_WORDS[state.sort.column][state.sort.direction === "descending" ? 1 : 0];
  }

  // Sortable headers: the <th> carries aria-sort (the state), a button inside takes the click.
  headers.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "usage-sort";
    button.setAttribute("data-sort-button", th.getAttribute("data-sort"));
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
  });

  function showSort() {
    headers.forEach(function (th) {
      if (th.getAttribute("data-sort") === state.sort.column) {
        th.setAttribute("aria-sort", state.sort.direction);
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function readFilter() {
    var service = form.elements.service.value, key = form.elements.key.value;
    state.filter = {
      service: service === "" ? null : Number(service),
      key: key === "" ? null : Number(key),
      from: F.dayNumber(form.elements.from.value),
      to: F.dayNumber(form.elements.to.value),
    };
    state.page = 1;
    render();
  }

  section.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var sortButton = target.closest("[data-sort-button]");
    if (sortButton) {
      var column = sortButton.getAttribute("data-sort-button");
      var direction = column === state.sort.column
        ? (state.sort.direction === "ascending" ? "descending" : "ascending")
        : (column === "service" || column === "key" ? "ascending" : "descending");
      state.sort = { column: column, direction: direction };
      state.page = 1;
      showSort();
      render();
    } else if (target.closest("[data-page='previous']")) {
      state.page -= 1;
      render();
    } else if (target.closest("[data-page='next']")) {
      state.page += 1;
      render();
    } else if (target.closest("[data-usage-export]")) {
      exportCSV();
    }
  });

  form.addEventListener("change", readFilter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // "reset" fires before the fields are cleared; read them once they are.
  form.addEventListener("reset", function () { setTimeout(readFilter, 0); });
  pageSize.addEventListener("change", function () {
    state.pageSize = Number(pageSize.value) || 25;
    state.page = 1;
    render();
  });

  /** Downloads the whole current view (every page of it, in its order) as CSV. */
  function exportCSV() {
    var token = ++generation;
    var needed = H.chunksFor(manifest.chunks, state.filter, state.sort, { start: 0, end: manifest.count });
    if (isDefaultView()) needed = manifest.chunks.map(function (_, index) { return index; });
    status.textContent = "Preparing the CSV file…";
    Promise.all(needed.map(load)).then(function () {
      var all = [];
      needed.forEach(function (index) { all = all.concat(chunks[index]); });
      var rows = H.sortRows(H.filterRows(all, state.filter), state.sort, names);
      // A byte-order mark so spreadsheet programs read the UTF-8 names correctly.
      var blob = new Blob(["\uFEFF" + H.toCSV(rows, names)], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName();
      link.hidden = true;
      section.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      if (token === generation) render();
      status.textContent = "Exported " + plural(rows.length, "record") + " as " + link.download + ".";
    }, function (error) {
      status.textContent = "The history could not be loaded (" + error.message + "), so nothing was exported.";
    });
  }

  function fileName() {
    var from = state.filter.from === null ? manifest.oldest : F.day(state.filter.from);
    var to = state.filter.to === null ? manifest.newest : F.day(state.filter.to);
    return "usage-" + from + "-to-" + to + ".csv";
  }

  function start() {
    if (started) return;
    started = true;
    form.hidden = false;
    pager.hidden = false;
    showSort();
    render();
  }

  dialog.addEventListener("forge:dialog-open", start);
  if (dialog.open) start();
})();
