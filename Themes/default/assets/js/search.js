// Full-text search over the docs and the API reference: the pure logic, no DOM, so that
// `node --test` runs it (docs-search.js wires it to the page).
//
// The index (SearchIndex.swift writes it) is lazy, in classic scripts that register
// themselves in window.ForgeSearchData (fetch() is blocked on file://):
//   manifest  {v: 2, docs: N, shards: [[firstWord, src], …], texts: [[firstDoc, src], …]}
//             shards are runs of the sorted words: a word lives in the last shard whose first
//             word is not after it, so a word typed needs one shard (a short prefix, a few);
//   shard     {terms: ["rate", "rated", …], postings: [[docDelta, weight, docDelta, weight, …], …]}
//             weight = min(tf, 31) * 8 + (title ? 4 : 0) + (heading ? 2 : 0) + (body ? 1 : 0);
//   texts     {docs: [[url, title, [sectionId, heading, passage, passage, …], [sectionId, …]], …]}
//             for the passage shown under each result; loaded only for the results shown.
//
// Words are normalised the same way in Swift (SearchText.swift); Tests/js/search-vectors.json
// holds the cases both test suites check.
(function (root, factory) {
  typeof module === "object" && module.exports ? module.exports = factory() : root.ForgeSearch = factory();
})(this, function () {
  "use strict";

  const MAX_TERMS = 8;
  const WORD = /[\p{L}\p{N}_]/u;
  const SPLIT = /[^\p{L}\p{N}_]+/u;

  /**
   * Lower case, without accents, final sigma folded: "Über" and "uber" match.
   * @param {string} text
   */
  function normalize(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ς/g, "σ");
  }

  /** The words of `text`, normalised, in order (repeats kept). @param {string} text */
  function words(text) {
    return normalize(text).split(SPLIT).filter(Boolean);
  }

  /** The distinct words of a query, at most MAX_TERMS. @param {string} query @returns {string[]} */
  function tokenize(query) {
    const all = words(query);
    let terms = [];
    for (let i = 0; i < all.length && terms.length < MAX_TERMS; i++) {
      if (terms.indexOf(all[i]) === -1) terms.push(all[i]);
    }
    return terms;
  }

  /**
   * The index (in manifest.shards) of the shard that holds `term`: the last whose first word
   * is not after it (shards are runs of the sorted words).
   * @param {{shards: Array<[string, string]>}} manifest @param {string} term
   */
  function shardFor(manifest, term) {
    const shards = manifest.shards;
    let lo = 0, hi = shards.length - 1, found = 0;
    while (lo <= hi) {
      let mid = (lo + hi) >> 1;
      if (shards[mid][0] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /**
   * The shards that may hold words a query term stands for (itself; words it or its stem
   * starts), as a range [first, last] of shard indexes. A one-character term stands only for
   * itself.
   */
  function rangeFor(manifest, term) {
    if (Array.from(term).length < 2) { const one = shardFor(manifest, term); return [one, one]; }
    const prefix = stem(term) || term;
    return [shardFor(manifest, prefix), shardFor(manifest, prefix + "\uffff")];
  }

  /** The shards a query needs, as indexes into manifest.shards, each once. */
  function shardsFor(manifest, terms) {
    const needed = [];
    terms.forEach(function (term) {
      let range = rangeFor(manifest, term);
      for (let i = range[0]; i <= range[1]; i++) if (needed.indexOf(i) === -1) needed.push(i);
    });
    return needed;
  }

  /** The text chunk (index into manifest.texts) that holds doc `doc`. */
  function textFor(manifest, doc) {
    const texts = manifest.texts;
    let lo = 0, hi = texts.length - 1, found = 0;
    while (lo <= hi) {
      let mid = (lo + hi) >> 1;
      if (texts[mid][0] <= doc) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /**
   * The term without a common English ending, so "rotate" finds "rotating" and "limits"
   * finds "limit"; null when nothing is cut.
   * @param {string} term normalized
   */
  function stem(term) {
    const endings = ["ing", "ed", "es", "s", "e"];
    for (let i = 0; i < endings.length; i++) {
      const ending = endings[i];
      if (term.length - ending.length >= 4 && term.slice(-ending.length) === ending) return term.slice(0, -ending.length);
    }
    return null;
  }

  /** First index in sorted `terms` that is >= `prefix`. */
  function lowerBound(terms, prefix) {
    let lo = 0, hi = terms.length;
    while (lo < hi) {
      let mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** How much a posting's weight counts: title > heading > body, a little more for repeats. */
  function fieldScore(weight) {
    let score = 0;
    if (weight & 4) score += 10;
    if (weight & 2) score += 5;
    if (weight & 1) score += 1 + Math.min(weight >> 3, 10) * 0.1;
    return score;
  }

  /**
   * The index terms a query term stands for, with how well each matches: the term itself
   * (1), words it starts (0.35: the word being typed; a whole word beats it), words its stem
   * starts (0.7). A one-character term matches only itself.
   * @returns {Array<{index: number, factor: number}>}
   */
  function expand(shard, term) {
    /** @type {Object<number, number>} */
    const factors = {};
    function prefixed(prefix, factor) {
      for (let i = lowerBound(shard.terms, prefix); i < shard.terms.length && shard.terms[i].lastIndexOf(prefix, 0) === 0; i++) {
        const f = shard.terms[i] === term ? 1 : factor;
        if (!(factors[i] >= f)) factors[i] = f;
      }
    }
    if (Array.from(term).length < 2) {
      let at = lowerBound(shard.terms, term);
      if (shard.terms[at] === term) factors[at] = 1;
      return Object.keys(factors).map(function (i) { return { index: Number(i), factor: factors[i] }; });
    }
    prefixed(term, 0.35);
    const stemmed = stem(term);
    if (stemmed) prefixed(stemmed, 0.7);
    return Object.keys(factors).map(function (i) { return { index: Number(i), factor: factors[i] }; });
  }

  /**
   * Docs matching every term of the query, best first (ties in reading order).
   * @param {{docs: number}} manifest
   * @param {Object<number, {terms: string[], postings: number[][]}>} shards the loaded shards
   *   (at least shardsFor's), by index
   * @param {string} query
   * @returns {Array<{doc: number, score: number, words: string[]}>} words: the index words that matched
   */
  function search(manifest, shards, query, limit) {
    let terms = tokenize(query);
    if (terms.length === 0) return [];
    const total = manifest.docs || 1;
    /** @type {Object<number, {score: number, matched: number, words: string[]}>} */
    let byDoc = null;
    for (let t = 0; t < terms.length; t++) {
      let range = rangeFor(manifest, terms[t]);
      const scores = {};
      let found = {};
      for (let s = range[0]; s <= range[1]; s++) {
        const shard = shards[s];
        if (!shard) return [];
        expand(shard, terms[t]).forEach(function (match) {
          const postings = shard.postings[match.index];
          const df = postings.length / 2;
          const idf = Math.log(1 + total / df);
          let doc = 0;
          for (let p = 0; p < postings.length; p += 2) {
            doc += postings[p];
            let score = fieldScore(postings[p + 1]) * match.factor * idf;
            if (scores[doc] === undefined || score > scores[doc]) scores[doc] = score;
            (found[doc] || (found[doc] = [])).push(shard.terms[match.index]);
          }
        });
      }
      const next = {};
      Object.keys(scores).forEach(function (key) {
        let doc = Number(key);
        if (byDoc && !byDoc[doc]) return;
        const before = byDoc ? byDoc[doc] : { score: 0, words: [] };
        next[doc] = { score: before.score + scores[doc], words: before.words.concat(found[doc]) };
      });
      byDoc = next;
    }
    const results = Object.keys(byDoc).map(function (key) {
      return { doc: Number(key), score: byDoc[key].score, words: byDoc[key].words };
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return results.slice(0, limit || 10);
  }

  /**
   * `text` normalised character by character, with where each normalised character came
   * from, so a match found in the normalised text can be marked in the original.
   */
  function mapped(text) {
    let norm = "";
    const from = [];
    let offset = 0;
    Array.from(text).forEach(function (ch) {
      const n = normalize(ch);
      for (let i = 0; i < n.length; i++) from.push(offset);
      norm += n;
      offset += ch.length;
    });
    from.push(offset);
    return { norm: norm, from: from };
  }

  /** Ranges [start, end) of `text` where a word starts with one of `words` (normalised). */
  function matchRanges(text, words) {
    const m = mapped(text);
    let ranges = [];
    let at = 0;
    while (at < m.norm.length) {
      if (!WORD.test(m.norm[at]) || (at > 0 && WORD.test(m.norm[at - 1]))) { at++; continue; }
      let end = at;
      while (end < m.norm.length && WORD.test(m.norm[end])) end++;
      const word = m.norm.slice(at, end);
      let best = 0;
      words.forEach(function (w) {
        if (word.lastIndexOf(w, 0) === 0 && w.length > best) best = w.length;
      });
      if (best > 0) ranges.push([m.from[at], m.from[Math.min(at + best, m.norm.length)]]);
      at = end;
    }
    return ranges;
  }

  /**
   * The passage to show for a result: the doc's paragraph (or heading) holding the most of
   * the matched words (earliest on a tie), cut to about `width` characters around the first
   * match, as segments to write with textContent, marked ones in <mark>.
   * @param {Array} doc [url, title, [sectionId, heading, passage…], …]
   * @param {string[]} matched normalised words that matched (index terms)
   * @returns {{url: string, title: string, segments: Array<{text: string, mark: boolean}>}}
   */
  function passage(doc, matched, width) {
    width = width || 180;
    let best = null;
    for (let s = 2; s < doc.length; s++) {
      const section = doc[s];
      for (let p = 1; p < section.length; p++) {
        const text = section[p];
        let ranges = matchRanges(text, matched);
        if (ranges.length === 0) continue;
        const distinct = {};
        ranges.forEach(function (r) { distinct[normalize(text.slice(r[0], r[1]))] = true; });
        const count = Object.keys(distinct).length;
        if (!best || count > best.count) best = { count: count, text: text, ranges: ranges, id: section[0], isHeading: p === 1 };
      }
    }
    let url = doc[0];
    if (!best) {
      // Only the title matched: show the start of the first passage.
      const first = doc.length > 2 && doc[2].length > 2 ? doc[2][2] : "";
      return { url: url, title: doc[1], segments: first ? [{ text: cut(first, 0, width).text, mark: false }] : [] };
    }
    if (best.id) url += "#" + best.id;
    const view = cut(best.text, best.ranges[0][0], width);
    const segments = [];
    let at = view.start;
    best.ranges.forEach(function (r) {
      if (r[0] < at || r[1] > view.end) return;
      if (r[0] > at) segments.push({ text: best.text.slice(at, r[0]), mark: false });
      segments.push({ text: best.text.slice(r[0], r[1]), mark: true });
      at = r[1];
    });
    if (at < view.end) segments.push({ text: best.text.slice(at, view.end), mark: false });
    if (view.start > 0) segments.unshift({ text: "…", mark: false });
    if (view.end < best.text.length) segments.push({ text: "…", mark: false });
    return { url: url, title: doc[1], segments: merge(segments) };
  }

  /** A window of about `width` characters of `text` that shows `focus`, cut at spaces. */
  function cut(text, focus, width) {
    if (text.length <= width) return { start: 0, end: text.length, text: text };
    let start = Math.max(0, focus - Math.floor(width / 3));
    let end = Math.min(text.length, start + width);
    start = Math.max(0, end - width);
    if (start > 0) {
      const space = text.indexOf(" ", start);
      if (space !== -1 && space < focus) start = space + 1;
    }
    if (end < text.length) {
      const back = text.lastIndexOf(" ", end);
      if (back > focus) end = back;
    }
    return { start: start, end: end, text: (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "") };
  }

  function merge(segments) {
    const out = [];
    segments.forEach(function (s) {
      const last = out[out.length - 1];
      if (last && last.mark === s.mark && !s.mark) last.text += s.text;
      else out.push({ text: s.text, mark: s.mark });
    });
    return out;
  }

  return {
    normalize: normalize, words: words, tokenize: tokenize, stem: stem,
    shardFor: shardFor, rangeFor: rangeFor, shardsFor: shardsFor, textFor: textFor, search: search,
    matchRanges: matchRanges, passage: passage,
  };
});
