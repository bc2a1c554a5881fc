// Search over all docs, from file:// as well as over http. fetch() and modules are blocked on
// file://, so the index is a classic script (data/search.<hash>.js, written by SearchIndex.swift)
// that sets window.ForgeSearchIndex; it is added to the page the first time the search box is
// focused or typed in, so a reader who never searches never downloads it.
//
// Markup (_partials/docs-search.mustache) is the API:
//   <div data-docs-search data-index="../data/search.1a2b3c4d5e.js" data-root="../" hidden>
//     <input type="search" …> <p role="status"> <ol hidden>
// Results are links built with textContent only: titles and excerpts are data.
//
// The first part is pure logic (normalising, ranking), exported for `node --test`; the second
// part wires the page and runs only where there is a document.

/**
 * One doc as the index stores it: [url, title, description, [heading, id, …], excerpt].
 * @typedef {[string, string, string, string[], string]} RawDoc
 * @typedef {{ text: string, id: string, norm: string }} Heading
 * @typedef {{ order: number, url: string, title: string, description: string, excerpt: string,
 *             headings: Heading[], normTitle: string, normDescription: string,
 *             normExcerpt: string, normPath: string }} Doc
 * @typedef {{ url: string, title: string, context: string, score: number }} Result
 */
(function (root, factory) {
  typeof module === "object" && module.exports ? module.exports = factory() : root.ForgeDocsSearch = factory();
})(this, function () {
  "use strict";

  // How much a match counts, by where it is.
  var WEIGHT = { title: 10, heading: 6, path: 3, description: 3, excerpt: 1 };
  var MAX_TERMS = 8;

  /** Lower case, without accents: "Über" and "uber" match. @param {string} text */
  function normalize(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /** The distinct words of a query, at most MAX_TERMS. @param {string} query @returns {string[]} */
  function tokenize(query) {
    var words = normalize(query).split(/[^\p{L}\p{N}_]+/u);
    var terms = [];
    for (var i = 0; i < words.length && terms.length < MAX_TERMS; i++) {
      if (words[i] && terms.indexOf(words[i]) === -1) terms.push(words[i]);
    }
    return terms;
  }

  /** @param {{ v: number, docs: RawDoc[] }} index @returns {Doc[]} */
  function prepare(index) {
    var docs = (index && index.docs) || [];
    return docs.map(function (raw, order) {
      var headings = [];
      var pairs = raw[3] || [];
      for (var i = 0; i + 1 < pairs.length; i += 2) {
        headings.push({ text: pairs[i], id: pairs[i + 1], norm: normalize(pairs[i]) });
      }
      var file = String(raw[0]).replace(/^docs\//, "").replace(/\.html$/, "");
      return {
        order: order,
        url: raw[0],
        title: raw[1],
        description: raw[2] || "",
        excerpt: raw[4] || "",
        headings: headings,
        normTitle: normalize(raw[1]),
        normDescription: normalize(raw[2] || ""),
        normExcerpt: normalize(raw[4] || ""),
        normPath: normalize(file.replace(/[^\p{L}\p{N}]+/gu, " ")),
      };
    });
  }

  function isWordCharacter(ch) {
    return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
  }

  /**
   * The term without a common English ending, so "rotate" finds "rotating" and "limits"
   * finds "limit": a light stem, tried as the start of a word. Null when nothing is cut.
   * @param {string} term normalized
   */
  function stem(term) {
    var endings = ["ing", "ed", "es", "s", "e"];
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i];
      if (term.length - ending.length >= 4 && term.slice(-ending.length) === ending) return term.slice(0, -ending.length);
    }
    return null;
  }

  /**
   * How well `term` occurs in `text`: 3 as a whole word, 2 at the start of a word (so a word
   * being typed matches, and so does the term's stem), 1 inside a word (terms of 3+
   * characters only), 0 not at all.
   * @param {string} text normalized
   * @param {string} term normalized
   */
  function matchStrength(text, term) {
    var strength = rawStrength(text, term);
    if (strength < 2) {
      var stemmed = stem(term);
      if (stemmed && rawStrength(text, stemmed) >= 2) strength = 2;
    }
    return strength;
  }

  function rawStrength(text, term) {
    var best = 0;
    var from = 0;
    for (;;) {
      var at = text.indexOf(term, from);
      if (at === -1) return best;
      var starts = !isWordCharacter(text[at - 1]);
      var ends = !isWordCharacter(text[at + term.length]);
      if (starts && ends) return 3;
      if (starts) best = 2;
      else if (best === 0 && term.length >= 3) best = 1;
      from = at + 1;
    }
  }

  /**
   * The docs matching every term of `query`, best first (ties in reading order). A result
   * links to the heading that matches best when it matches at least as well as the title.
   * @param {Doc[]} docs @param {string} query @param {number} [limit]
   * @returns {Result[]}
   */
  function search(docs, query, limit) {
    var terms = tokenize(query);
    if (terms.length === 0) return [];
    var phrase = normalize(query).trim();
    var scored = [];
    for (var d = 0; d < docs.length; d++) {
      var doc = docs[d];
      var total = 0;
      var titleScore = 0;
      var headingScores = new Array(doc.headings.length).fill(0);
      var matchedAll = true;
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t];
        var title = WEIGHT.title * matchStrength(doc.normTitle, term);
        var best = title;
        for (var h = 0; h < doc.headings.length; h++) {
          var heading = WEIGHT.heading * matchStrength(doc.headings[h].norm, term);
          headingScores[h] += heading;
          if (heading > best) best = heading;
        }
        best = Math.max(best,
          WEIGHT.path * matchStrength(doc.normPath, term),
          WEIGHT.description * matchStrength(doc.normDescription, term),
          WEIGHT.excerpt * matchStrength(doc.normExcerpt, term));
        if (best === 0) { matchedAll = false; break; }
        titleScore += title;
        total += best;
      }
      if (!matchedAll) continue;
      if (terms.length > 1 && doc.normTitle.indexOf(phrase) !== -1) total += 2 * WEIGHT.title;
      var bestHeading = -1;
      for (var k = 0; k < headingScores.length; k++) {
        if (headingScores[k] > 0 && (bestHeading === -1 || headingScores[k] > headingScores[bestHeading])) bestHeading = k;
      }
      var url = doc.url;
      var context = doc.description || doc.excerpt;
      if (bestHeading !== -1 && headingScores[bestHeading] >= titleScore) {
        url += "#" + doc.headings[bestHeading].id;
        context = doc.headings[bestHeading].text;
      }
      scored.push({ url: url, title: doc.title, context: context, score: total, order: doc.order });
    }
    scored.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return scored.slice(0, limit || 10).map(function (r) {
      return { url: r.url, title: r.title, context: r.context, score: r.score };
    });
  }

  return { normalize: normalize, tokenize: tokenize, stem: stem, prepare: prepare, matchStrength: matchStrength, search: search };
});

(function () {
  "use strict";
  if (typeof document === "undefined" || typeof window === "undefined") return;
  var logic = window.ForgeDocsSearch;

  /** @type {Doc[] | null} */
  var prepared = null;
  var loading = false;
  /** @type {Array<() => void>} */
  var waiting = [];

  /** Adds the index script once; calls `done` when the index is there (or failed). */
  function loadIndex(src, done) {
    if (prepared) { done(); return; }
    waiting.push(done);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = function () {
      prepared = logic.prepare(window.ForgeSearchIndex);
      flush();
    };
    script.onerror = function () { flush(); };
    document.head.appendChild(script);
  }

  function flush() {
    var callbacks = waiting;
    waiting = [];
    loading = false;
    callbacks.forEach(function (callback) { callback(); });
  }

  function attach(box) {
    var input = box.querySelector("input[type='search']");
    var status = box.querySelector("[role='status']");
    var list = box.querySelector("ol");
    if (!input || !status || !list) return;
    var root = box.getAttribute("data-root") || "";
    var indexSource = box.getAttribute("data-index");
    box.hidden = false;

    function show(results, query) {
      list.replaceChildren();
      results.forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.className = "docs-search__link";
        link.href = root + result.url;
        var title = document.createElement("span");
        title.className = "docs-search__title";
        title.textContent = result.title;
        link.appendChild(title);
        if (result.context) {
          var context = document.createElement("span");
          context.className = "docs-search__context";
          context.textContent = result.context;
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
      var query = input.value;
      if (!query.trim()) {
        list.replaceChildren();
        list.hidden = true;
        status.textContent = "";
        return;
      }
      if (!prepared) {
        status.textContent = "Loading the search index…";
        loadIndex(indexSource, function () {
          if (!prepared) { status.textContent = "The search index could not be loaded."; return; }
          run();
        });
        return;
      }
      show(logic.search(prepared, query, 10), query);
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    // Start loading as soon as the reader shows interest, so results are there on the first key.
    input.addEventListener("focus", function () { if (indexSource) loadIndex(indexSource, function () {}); });
    input.addEventListener("input", run);
    box.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
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
