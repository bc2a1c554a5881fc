// The Usage dialog's history: paging, sorting, filtering and CSV export over the rows the build
// wrote into data/usage-NNNN.<hash>.js; the rest of the dialog is static HTML (usage-dialog.js
// swaps in other periods). Chunks are classic scripts added on demand (fetch() and modules are
// blocked on file://) that call window.ForgeHistory.push({ chunk, rows }). Nothing loads before
// the dialog opens, and the default view loads only the chunk under its page: the page opens at
// once with a million records. Names come from data files, so text goes in with textContent only.
(() => {
  "use strict";

  const H = window.ForgeUsageHistory, F = window.ForgeFormat, U = window.ForgeUsage;
  const dialog = document.getElementById("usage-dialog");
  const section = dialog && dialog.querySelector("[data-usage-history]");
  const source = document.getElementById("forge-usage");
  if (!H || !F || !U || !section || !source || !section.querySelector("[data-usage-rows]")) return;

  const data = JSON.parse(source.textContent);
  const manifest = data.history, locale = data.locale;
  const names = { services: data.services, keys: data.keys, models: data.models || [] };
  const hasModels = names.models.length > 0 || !!section.querySelector("th[data-sort='model']");
  const root = section.getAttribute("data-root") || "";
  const $ = (selector) => section.querySelector(selector);
  const form = $("[data-usage-filters]"), status = $("[data-usage-status]"), tbody = $("[data-usage-rows]");
  const pager = $("[data-usage-pager]"), pageLabel = $("[data-usage-page]"), pageSize = $("[data-usage-page-size]");
  const previous = $("[data-page='previous']"), next = $("[data-page='next']"), caption = $("[data-usage-caption]");
  const dateError = $("[data-usage-date-error]");
  const foot = ["label", "requests", "tokens", "cost"].map((name) => $(`[data-usage-total-${name}]`));
  const headers = Array.from(section.querySelectorAll("th[data-sort]"));
  const integer = (value) => F.integer(value, locale);

  const state = { filter: { ...H.NO_FILTER }, sort: H.DEFAULT_SORT, page: 1, pageSize: manifest.pageSize || 25 };
  const chunks = [];   // rows of each loaded chunk
  let view = null;     // { key, filtered, sorted, totals } of the current filter and sort
  const FIRST_PAGES_ROWS = 1000;  // deeper than this, a page comes from the whole sort
  let generation = 0;  // a newer render supersedes an older one still loading

  // Chunk files call window.ForgeHistory.push(); keep what was pushed before this ran.
  const load = U.registry("ForgeHistory", (chunk) => {
    if (chunk && Array.isArray(chunk.rows)) chunks[chunk.chunk] = chunk.rows;
  }, (index) => chunks[index] ? null : root + manifest.prefix + manifest.chunks[index][0] + ".js");

  // data/usage-first.*.js (HistoryFirstPages): null until it arrived, and for good when it
  // failed (the chunks then serve every view). firstPromise: asked for; firstLoading: on its way.
  let first = null, firstLoading = false, firstPromise = null;
  /** Loads data/usage-first.*.js once; resolves when it arrived or failed. */
  function loadFirstPages() {
    if (!firstPromise) {
      firstLoading = true;
      const done = () => { firstLoading = false; };
      firstPromise = loadFirst(0).then(done, done);
    }
    return firstPromise;
  }
  const loadFirst = U.registry("ForgeHistoryFirst", (pages) => {
    if (pages && pages.sorts) first = pages;
  }, () => first ? null : root + manifest.first);

  /**
   * After a view the first pages served, the rest of the history loads in the background, so the
   * next step (a second filter, a date range, a deeper page) finds its rows already here.
   */
  let prefetching = false;
  function prefetch() {
    if (prefetching) return;
    prefetching = true;
    // Once the view is painted, and a few chunks at a time: all of them at once would queue a
    // click made meanwhile behind every chunk's script (at 1M records, 34 MB of it).
    let next = 0;
    const step = () => {
      if (next >= manifest.chunks.length) return;
      load(next++).then(step, () => { prefetching = false; });
    };
    requestAnimationFrame(() => setTimeout(() => { for (let lane = 0; lane < 3; lane++) step(); }, 0));
  }

  /** The rows of the given chunks in one array (one concat: linear, not quadratic). */
  const gather = (indexes) => [].concat(...indexes.map((index) => chunks[index]));
  const isDefaultView = () => H.isUnfiltered(state.filter) && H.isDefaultSort(state.sort);
  const plural = (count, noun) => `${integer(count)} ${noun}${count === 1 ? "" : "s"}`;

  function render() {
    const token = ++generation;
    const window_ = H.paginate(manifest.count, state.page, state.pageSize);
    const needed = H.chunksFor(manifest.chunks, state.filter, state.sort, window_);
    const missing = needed.filter((index) => !chunks[index]);
    if (missing.length && !isDefaultView() && manifest.first && (!firstPromise || firstLoading)) {
      // The build's first pages may show this view without the chunks: wait for them (once).
      section.setAttribute("aria-busy", "true");
      loadFirstPages().then(() => { if (token === generation) render(); });
      return;
    }
    const quick = missing.length ? H.firstPage(first, manifest, state.filter, state.sort, names, state.page, state.pageSize) : null;
    if (quick) {
      section.removeAttribute("aria-busy");
      section.dataset.usageSource = "first-pages";  // where the page came from (tests, debugging)
      draw(quick.rows, quick.page, quick.count, quick.totals);
      prefetch();
      return;
    }
    if (missing.length) {
      section.setAttribute("aria-busy", "true");
      status.textContent = "Loading the history…";
      Promise.all(missing.map(load)).then(() => { if (token === generation) render(); }, (error) => {
        if (token !== generation) return;
        section.removeAttribute("aria-busy");
        status.textContent = `The history could not be loaded (${error.message}). Rebuild the site and reload the page.`;
      });
      return;
    }
    section.removeAttribute("aria-busy");
    section.dataset.usageSource = "chunks";
    if (isDefaultView()) {
      // Newest first, unfiltered: rows straight from the chunks, totals from the manifest.
      const page = H.paginate(manifest.count, state.page, state.pageSize);
      const rows = [];
      let offset = 0;
      manifest.chunks.forEach((chunk, index) => {
        const from = Math.max(page.start, offset), to = Math.min(page.end, offset + chunk[1]);
        if (from < to) rows.push(...chunks[index].slice(from - offset, to - offset));
        offset += chunk[1];
      });
      draw(rows, page, manifest.count, { records: manifest.count, requests: manifest.requests, tokens: manifest.tokens, cost: manifest.spendMicros });
      return;
    }
    const key = JSON.stringify([state.filter, state.sort]);
    if (!view || view.key !== key) {
      const filtered = H.filterRows(gather(needed), state.filter);
      view = { key, filtered, sorted: null, totals: H.totals(filtered) };
    }
    const page = H.paginate(view.filtered.length, state.page, state.pageSize);
    draw(pageRows(page), page, view.filtered.length, view.totals);
  }

  /**
   * The rows of a page of the current view. The first pages come from one pass over the rows
   * (a few ms for a million); the whole sort, ~0.5 s for a million, only for a page deep down.
   */
  function pageRows(page) {
    if (!view.sorted && page.end > FIRST_PAGES_ROWS) view.sorted = H.sortRows(view.filtered, state.sort, names);
    return view.sorted ? view.sorted.slice(page.start, page.end)
      : H.firstRows(view.filtered, state.sort, names, page.end).slice(page.start, page.end);
  }

  function cell(tr, text, className, title) {
    const td = tr.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    if (title) td.title = title;
  }

  /** Money rounded to the minor unit, with the exact amount as its title when rounding changed it. */
  function money(td, micros) {
    const value = BigInt(micros), shown = F.minorUnits(value, data.currency) * 10n ** BigInt(6 - data.currency.exponent);
    td.textContent = F.money(value, data.currency, locale);
    if (value !== shown) td.title = F.moneyExact(value, data.currency, locale);
    else td.removeAttribute("title");
  }

  function draw(rows, page, count, totals) {
    state.page = page.page;
    const body = document.createElement("tbody");
    for (const row of rows) {
      const tr = body.insertRow(), key = row[2] >= 0 ? names.keys[row[2]] : null;
      cell(tr, F.day(row[0]));
      cell(tr, names.services[row[1]]);
      if (hasModels) cell(tr, (row[6] ?? -1) >= 0 ? names.models[row[6]] : "—", (row[6] ?? -1) >= 0 ? "" : "usage-muted");
      cell(tr, key ? key.name : "No key", key ? "" : "usage-muted");
      cell(tr, integer(row[3]));
      cell(tr, row[4] >= 0 ? integer(row[4]) : "—");
      cell(tr, "");
      money(tr.cells[tr.cells.length - 1], row[5]);
    }
    if (!rows.length) {
      cell(body.insertRow(), "No records match these filters.", "usage-muted");
      body.rows[0].cells[0].colSpan = headers.length;
    }
    tbody.replaceChildren(...body.childNodes);

    const all = H.isUnfiltered(state.filter);
    const what = all ? plural(count, "record") : `${plural(count, "matching record")} of ${integer(manifest.count)}`;
    const range = count ? `Rows ${integer(page.start + 1)}–${integer(page.end)} of ` : "No rows of ";
    status.textContent = `${range}${what}, ${H.sortWords(state.sort)}.`;
    caption.textContent = `Usage records${all ? "" : " matching the filters"}, ${H.sortWords(state.sort)}; days are UTC`;
    foot[0].textContent = (all ? "All " : "") + plural(totals.records, all ? "record" : "matching record");
    foot[1].textContent = integer(totals.requests);
    foot[2].textContent = integer(totals.tokens);
    money(foot[3], totals.cost);
    pageLabel.textContent = `Page ${integer(page.page)} of ${integer(page.pageCount)}`;
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= page.pageCount;
  }

  // Sortable headers: the <th> carries aria-sort (the state), a button inside it takes the click
  // and says its state in its name ("Date, sorted descending"); the arrow is decoration.
  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "usage-sort";
    button.dataset.sortButton = th.dataset.sort;
    button.append(...th.childNodes);
    th.append(button);
  }

  function showSort() {
    for (const th of headers) {
      const sorted = th.dataset.sort === state.sort.column, button = th.querySelector("button");
      if (sorted) th.setAttribute("aria-sort", state.sort.direction);
      else th.removeAttribute("aria-sort");
      button.setAttribute("aria-label", button.textContent + (sorted ? `, sorted ${state.sort.direction}` : ""));
    }
  }

  /** A typed day: its number, null when empty; undefined (and the field marked) when not a day. */
  function readDay(name, label, problems) {
    const input = form.elements[name], text = input.value.trim();
    const value = text === "" ? null : F.dayNumber(text);
    input.setAttribute("aria-invalid", value === null && text !== "" ? "true" : "false");
    if (value === null && text !== "") problems.push(`${label} “${text}” is not a day in the form YYYY-MM-DD.`);
    return value === null && text !== "" ? undefined : value;
  }

  function readFilter() {
    const field = (name) => form.elements[name] ? form.elements[name].value : "";
    const problems = [];
    const from = readDay("from", "From", problems), to = readDay("to", "To", problems);
    if (from != null && to != null && from > to) {
      problems.push(`From (${F.day(from)}) is after To (${F.day(to)}), so no day is in between: swap them.`);
    }
    dateError.textContent = problems.join(" ");
    state.filter = {
      service: field("service") === "" ? null : Number(field("service")),
      key: field("key") === "" ? null : Number(field("key")),
      model: field("model") === "" ? null : Number(field("model")),
      from: from === undefined ? null : from,
      to: to === undefined ? null : to,
    };
    state.page = 1;
    render();
  }

  section.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const sortButton = target && target.closest("[data-sort-button]");
    if (sortButton) {
      const column = sortButton.dataset.sortButton;
      const direction = column !== state.sort.column
        ? (column === "service" || column === "key" || column === "model" ? "ascending" : "descending")
        : (state.sort.direction === "ascending" ? "descending" : "ascending");
      state.sort = { column, direction };
      state.page = 1;
      showSort();
      render();
    } else if (target && target.closest("[data-page]")) {
      state.page += target.closest("[data-page]").dataset.page === "next" ? 1 : -1;
      render();
    } else if (target && target.closest("[data-usage-export]")) {
      exportCSV();
    }
  });
  form.addEventListener("change", readFilter);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    readFilter();
  });
  form.addEventListener("reset", () => setTimeout(readFilter, 0));  // fires before the fields clear
  pageSize.addEventListener("change", () => {
    state.pageSize = Number(pageSize.value) || 25;
    state.page = 1;
    render();
  });

  /** Downloads the whole current view, every page of it in its order, as a CSV file. */
  function exportCSV() {
    const token = ++generation;
    const needed = isDefaultView() ? manifest.chunks.map((_, index) => index)
      : H.chunksFor(manifest.chunks, state.filter, state.sort, { start: 0, end: 0 });
    status.textContent = "Preparing the CSV file…";
    Promise.all(needed.map(load)).then(() => {
      const rows = H.sortRows(H.filterRows(gather(needed), state.filter), state.sort, names);
      const day = (value, fallback) => value === null ? fallback : F.day(value);
      const name = `usage-${day(state.filter.from, manifest.oldest)}-to-${day(state.filter.to, manifest.newest)}.csv`;
      U.download(H.toCSV(rows, names), name, section);
      if (token === generation) render();
      status.textContent = `Exported ${plural(rows.length, "record")} as ${name}.`;
    }, (error) => {
      status.textContent = `The history could not be loaded (${error.message}), so nothing was exported.`;
    });
  }

  let started = false;
  function start() {
    if (started) return;
    started = true;
    // The first pages are small: fetch them as the dialog opens, so a first sort finds them here.
    if (manifest.first) loadFirstPages();
    form.hidden = false;
    pager.hidden = false;
    showSort();
    render();
  }
  dialog.addEventListener("forge:dialog-open", start);
  if (dialog.open) start();
})();
