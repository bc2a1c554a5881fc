// Pure logic of the full-text search (Themes/default/assets/js/search.js): words, shards,
// ranking and the passage shown, on an index in the exact format SearchIndex.swift writes
// (SearchIndexTests checks the Swift side of the same format).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const search = require(path.join(__dirname, "../../Themes/default/assets/js/search.js"));

const TITLE = 4, HEADING = 2, BODY = 1;
/** A weight as the index writes it: count << 3 | where. */
const w = (where, count = 1) => (count << 3) | where;

/**
 * An index built the way SearchIndex.swift builds one: words sorted (as JavaScript compares
 * strings), postings [docDelta, weight, …], one shard from "" and one from "ro".
 */
function makeIndex(docs) {
  const postings = new Map();
  docs.forEach((doc, id) => {
    const words = new Map();
    const add = (text, where) => search.words(text).forEach((word) => {
      const entry = words.get(word) || { where: 0, count: 0 };
      entry.where |= where;
      entry.count += 1;
      words.set(word, entry);
    });
    add(doc[1], TITLE);
    for (const section of doc.slice(2)) {
      add(section[1], HEADING);
      section.slice(2).forEach((passage) => add(passage, BODY));
    }
    for (const [word, entry] of words) {
      if (!postings.has(word)) postings.set(word, []);
      postings.get(word).push(id, w(entry.where, Math.min(entry.count, 31)));
    }
  });
  const terms = [...postings.keys()].sort();
  const shard = (list) => ({
    terms: list,
    postings: list.map((term) => {
      const flat = postings.get(term);
      const out = [];
      for (let i = 0; i < flat.length; i += 2) out.push(flat[i] - (i ? flat[i - 2] : 0), flat[i + 1]);
      return out;
    }),
  });
  const manifest = { v: 2, docs: docs.length, shards: [["", "s0.js"], ["ro", "s1.js"]], texts: [[0, "x0.js"]] };
  const shards = { 0: shard(terms.filter((t) => t < "ro")), 1: shard(terms.filter((t) => t >= "ro")) };
  return { manifest, shards, text: { docs } };
}

const docs = [
  ["docs/getting-started.html", "Getting started", ["", "", "NexusAI Forge gives your applications chat completions and embeddings."],
    ["your-first-request", "Your first request", "Send one request with curl."]],
  ["docs/authentication.html", "Authentication", ["", "", "Every request carries an API key in the Authorization header."],
    ["rotating-keys", "Rotating keys", "Rotate keys every 90 days; two keys overlap while you switch."],
    ["fn-1", "", "Most teams rotate fortnightly in CI."]],
  ["docs/rate-limits.html", "Rate limits", ["", "", "Rate limits protect the service from runaway loops."],
    ["handling-429-too-many-requests", "Handling 429 Too Many Requests", "Wait as Retry-After says."]],
  ["docs/guides/rotating-keys-in-ci.html", "Rotating keys in CI", ["", "", "A scheduled pipeline that rotates an application's key."]],
  ["api/forge/operations/createChatCompletion.html", "Create a chat completion",
    ["", "", "Sends a conversation to a model."], ["Responses", "Responses", "200 OK: the reply."]],
  ["docs/uber.html", "Über die API", ["", "", "Schlüssel und Grenzen."]],
];
const index = makeIndex(docs);
// The operation id counts like a heading: add it as SearchIndex does for keywords.
index.shards[0].terms.push("createchatcompletion");
index.shards[0].terms.sort();
const at = index.shards[0].terms.indexOf("createchatcompletion");
index.shards[0].postings.splice(at, 0, [4, w(HEADING)]);

const find = (query, limit) => search.search(index.manifest, index.shards, query, limit);
const urls = (query) => find(query).map((hit) => search.passage(docs[hit.doc], hit.words).url);

test("words agree with the vectors Swift's SearchText is tested on", () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "search-vectors.json"), "utf8")).words;
  assert.ok(vectors.length >= 10);
  for (const vector of vectors) assert.deepEqual(search.words(vector.text), vector.words, vector.text);
});

test("tokenize keeps distinct words, at most eight", () => {
  assert.deepEqual(search.tokenize("  Rotate, rotate the KEY! "), ["rotate", "the", "key"]);
  assert.deepEqual(search.tokenize("a b c d e f g h i j"), ["a", "b", "c", "d", "e", "f", "g", "h"]);
  assert.deepEqual(search.tokenize("?!"), []);
});

test("a word lives in the last shard whose key is not after its first two characters", () => {
  assert.equal(search.shardFor(index.manifest, "api"), 0);
  assert.equal(search.shardFor(index.manifest, "rotate"), 1);
  assert.equal(search.shardFor(index.manifest, "rn"), 0);
  assert.equal(search.shardFor(index.manifest, "zebra"), 1);
  assert.deepEqual(search.shardsFor(index.manifest, ["rotate", "key", "rotating"]), [1, 0]);
  assert.equal(search.textFor({ texts: [[0, "a"], [5, "b"], [9, "c"]] }, 7), 1);
});

test("a short prefix may need several shards; a long one, or one character, one", () => {
  const manifest = { shards: [["", "s0.js"], ["cob", "s1.js"], ["cor", "s2.js"], ["d", "s3.js"]] };
  assert.deepEqual(search.rangeFor(manifest, "co"), [0, 2]);
  assert.deepEqual(search.rangeFor(manifest, "cores"), [2, 2], "the stem core starts no word before cor");
  assert.deepEqual(search.rangeFor(manifest, "c"), [0, 0]);
  assert.deepEqual(search.shardsFor(manifest, ["co", "dog"]), [0, 1, 2, 3]);
});

test("words split over shards are all found", () => {
  const split = makeIndex(docs);
  // Cut shard 1 (words from "ro") in two before "rotating".
  const second = split.shards[1];
  const cut = second.terms.indexOf("rotating");
  assert.ok(cut > 0);
  split.shards[2] = { terms: second.terms.slice(cut), postings: second.postings.slice(cut) };
  split.shards[1] = { terms: second.terms.slice(0, cut), postings: second.postings.slice(0, cut) };
  split.manifest.shards.push(["rotating", "s2.js"]);
  assert.deepEqual(search.shardsFor(split.manifest, ["rot"]), [1, 2]);
  const titles = search.search(split.manifest, split.shards, "rot", 10).map((hit) => docs[hit.doc][1]);
  assert.ok(titles.includes("Rotating keys in CI"), "a word of the second shard");
  assert.ok(titles.includes("Authentication"), "rotate, in the first");
  assert.deepEqual(search.search(split.manifest, split.shards, "r", 10), [], "one character matches only itself");
});

test("every term must match somewhere", () => {
  assert.deepEqual(find("rate zebra"), []);
  assert.deepEqual(find(""), []);
});

test("title matches rank first, then headings, then body; a heading match links to its section", () => {
  assert.deepEqual(urls("rotating keys"), [
    "docs/guides/rotating-keys-in-ci.html",
    "docs/authentication.html#rotating-keys",
  ]);
});

test("every word is found: body, footnotes, numbers, accents", () => {
  assert.deepEqual(urls("fortnightly"), ["docs/authentication.html#fn-1"], "a word only in a footnote");
  assert.deepEqual(urls("runaway"), ["docs/rate-limits.html"]);
  assert.deepEqual(urls("429"), ["docs/rate-limits.html#handling-429-too-many-requests"]);
  assert.deepEqual(urls("uber"), ["docs/uber.html"]);
  assert.deepEqual(urls("schlussel"), ["docs/uber.html"]);
});

test("an operation id finds its operation first", () => {
  assert.equal(urls("createChatCompletion")[0], "api/forge/operations/createChatCompletion.html");
  assert.equal(urls("createChat")[0], "api/forge/operations/createChatCompletion.html", "the id being typed");
});

test("a word being typed matches by its start; its stem finds other endings", () => {
  assert.deepEqual(urls("authent"), ["docs/authentication.html"]);
  assert.ok(urls("rotate").includes("docs/guides/rotating-keys-in-ci.html"), "rotate finds rotating");
});

test("the passage quotes the matched words, marked, cut around the first", () => {
  const hit = find("overlap switch")[0];
  const shown = search.passage(docs[hit.doc], hit.words);
  assert.equal(shown.url, "docs/authentication.html#rotating-keys");
  assert.equal(shown.title, "Authentication");
  assert.deepEqual(shown.segments, [
    { text: "Rotate keys every 90 days; two keys ", mark: false },
    { text: "overlap", mark: true },
    { text: " while you ", mark: false },
    { text: "switch", mark: true },
    { text: ".", mark: false },
  ]);
  const long = ["docs/long.html", "Long", ["", "", "word ".repeat(100) + "needle " + "word ".repeat(100)]];
  const segments = search.passage(long, ["needle"], 60).segments;
  assert.equal(segments[0].text.slice(0, 1), "…");
  assert.ok(segments.some((s) => s.mark && s.text === "needle"));
  assert.equal(segments[segments.length - 1].text.slice(-1), "…");
});

test("marks land on the original text when normalising changes it", () => {
  assert.deepEqual(search.matchRanges("Über die API", ["uber"]), [[0, 4]]);
  assert.deepEqual(search.matchRanges("ﬁle", ["file"]), [[0, 3]], "the ligature and the rest");
  assert.deepEqual(search.matchRanges("Rotating keys", ["rotat", "key"]), [[0, 5], [9, 12]]);
});

test("a title-only match shows the start of the page", () => {
  const hit = find("getting")[0];
  const shown = search.passage(docs[hit.doc], hit.words);
  assert.equal(shown.url, "docs/getting-started.html");
  assert.deepEqual(shown.segments, [{ text: "NexusAI Forge gives your applications chat completions and embeddings.", mark: false }]);
});

test("results are capped", () => {
  assert.equal(find("the", 2).length, 2);
});
