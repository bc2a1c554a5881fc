// The search box on docs and API pages: loads the index lazily and shows the results.
// The logic (normalising, ranking, choosing the passage) is search.js (window.ForgeSearch),
// tested in Node; this file only loads scripts and writes the DOM.
//
// fetch() and modules are blocked on file://, so every part of the index is a classic script
// that registers itself in window.ForgeSearchData[key]; it is added with <script src> the
// first time it is needed: the manifest when the box gets focus, one shard per word typed,
// and the text chunks of the results shown. A reader who never searches loads none of it.
//
// Markup (_partials/docs-search.mustache) is the API:
//   <div data-docs-search data-index="../data/search/index.js" data-root="../" hidden>
//     <input type="search" …> <p role="status"> <ol hidden>
// Titles and passages are data: written with textContent, matched words in <mark> elements
// built with the DOM, never innerHTML.
(function () {
  "use strict";
  if (typeof document === "undefined" || typeof window === "undefined") return;
  const logic = window.ForgeSearch;
  if (!logic) return;

  /** key → callbacks waiting for that script; a key absent here and in the data is not loading. */
  const waiting = {};

  function data() { return window.ForgeSearchData || {}; }

  /** Adds the script `src` once; calls `done(value)` when it registered `key` (or failed: undefined). */
  function load(src, key, done) {
    if (data()[key] !== undefined) { done(data()[key]); return; }
    if (waiting[key]) { waiting[key].push(done); return; }
    waiting[key] = [done];
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    function finish() {
      const callbacks = waiting[key] || [];
      delete waiting[key];
      callbacks.forEach(function (callback) { callback(data()[key]); });
    }
    script.onload = finish;
    script.onerror = finish;
    document.head.appendChild(script);
  }

  /** Loads every [src, key] pair, then calls `done(values)` in the same order. */
  function loadAll(pairs, done) {
    const values = new Array(pairs.length);
    let left = pairs.length;
    if (left === 0) { done(values); return; }
    pairs.forEach(function (pair, i) {
      load(pair[0], pair[1], function (value) {
        values[i] = value;
        if (--left === 0) done(values);
      });
    });
  }

  function attach(box) {
    const input = box.querySelector("input[type='search']");
    const status = box.querySelector("[role='status']");
    const list = box.querySelector("ol");
    if (!input || !status || !list) return;
    let root = box.getAttribute("data-root") || "";
    const manifestSource = box.getAttribute("data-index");
    /** Each run gets a number; an answer for an older one is dropped. */
    let generation = 0;
    box.hidden = false;

    function withManifest(done) {
      if (!manifestSource) { done(undefined); return; }
      load(manifestSource, "manifest", done);
    }

    /**
     * The manifest keeps one name across builds (its parts are fingerprinted); a browser may
     * hold one from before a rebuild whose parts are gone. Loads it once more, past the cache
     * (a query string; file:// has no cache to pass), then runs `again`.
     */
    let reloaded = false;
    function reloadManifest(again) {
      if (reloaded || location.protocol === "file:") return false;
      reloaded = true;
      // Parts loaded under the old manifest may be other words now: forget them all.
      window.ForgeSearchData = {};
      load(manifestSource + "?v=" + Date.now(), "manifest", function () { again(); });
      return true;
    }

    function clear(text) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = text;
    }

    function show(results, query) {
      list.replaceChildren();
      results.forEach(function (result) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.className = "docs-search__link";
        link.href = root + result.url;
        const title = document.createElement("span");
        title.className = "docs-search__title";
        title.textContent = result.title;
        link.appendChild(title);
        if (result.segments.length) {
          const context = document.createElement("span");
          context.className = "docs-search__context";
          result.segments.forEach(function (segment) {
            if (segment.mark) {
              const mark = document.createElement("mark");
              mark.textContent = segment.text;
              context.appendChild(mark);
            } else {
              context.appendChild(document.createTextNode(segment.text));
            }
          });
          link.appendChild(context);
        }
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      status.textContent = results.length === 0
        ? "No results for “" + query.trim() + "”."
        : results.length === 1 ? "1 result." : results.length + " results.";
    }

    function run() {
      const query = input.value;
      const ticket = ++generation;
      const terms = logic.tokenize(query);
      if (terms.length === 0) { clear(""); return; }
      if (!data().manifest) status.textContent = "Loading the search index…";
      withManifest(function (manifest) {
        if (ticket !== generation) return;
        if (!manifest) { clear("The search index could not be loaded."); return; }
        const needed = logic.shardsFor(manifest, terms);
        loadAll(needed.map(function (i) { return [root + manifest.shards[i][1], "s" + i]; }), function (loaded) {
          if (ticket !== generation) return;
          const shards = {};
          needed.forEach(function (i, at) { shards[i] = loaded[at]; });
          if (loaded.some(function (shard) { return shard === undefined; })) {
            if (!reloadManifest(run)) clear("The search index could not be loaded.");
            return;
          }
          const hits = logic.search(manifest, shards, query, 10);
          if (hits.length === 0) { show([], query); return; }
          const chunks = [];
          hits.forEach(function (hit) {
            let chunk = logic.textFor(manifest, hit.doc);
            if (chunks.indexOf(chunk) === -1) chunks.push(chunk);
          });
          loadAll(chunks.map(function (i) { return [root + manifest.texts[i][1], "x" + i]; }), function (texts) {
            if (ticket !== generation) return;
            if (texts.some(function (text) { return text === undefined; }) && reloadManifest(run)) return;
            const results = [];
            hits.forEach(function (hit) {
              let chunk = logic.textFor(manifest, hit.doc);
              const text = texts[chunks.indexOf(chunk)];
              const doc = text && text.docs[hit.doc - manifest.texts[chunk][0]];
              if (doc) results.push(logic.passage(doc, hit.words));
            });
            show(results, query);
          });
        });
      });
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    // Start loading as soon as the reader shows interest, so the first key finds the manifest.
    input.addEventListener("focus", function () { withManifest(function () {}); });
    input.addEventListener("input", run);
    box.addEventListener("keydown", function (event) {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && all.length) {
        all[Math.min(at + 1, all.length - 1)].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at !== -1) {
        (at === 0 ? input : all[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Enter" && event.target === input && all.length) {
        all[0].click();
        event.preventDefault();
      } else if (event.key === "Escape" && (input.value || !list.hidden)) {
        input.value = "";
        run();
        input.focus();
        event.preventDefault();
      }
    });
  }

  function attachAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-docs-search]"), attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
