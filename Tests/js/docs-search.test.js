// Pure logic of the docs search (Themes/default/assets/js/docs-search.js): normalising,
// matching and ranking, on an index in the exact format SearchIndex.swift writes.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const search = require(path.join(__dirname, "../../Themes/default/assets/js/docs-search.js"));

/** The format of data/search.<hash>.js: [url, title, description, [heading, id, …], excerpt]. */
const index = {
  v: 1,
  docs: [
    ["docs/getting-started.html", "Getting started", "Create a key and send your first request.",
      ["Before you begin", "before-you-begin", "Your first request", "your-first-request"],
      "NexusAI Forge gives your applications chat completions, embeddings and speech to text."],
    ["docs/authentication.html", "Authentication", "API keys: creating, storing, rotating and revoking.",
      ["Creating a key", "creating-a-key", "The key format", "the-key-format", "Rotating keys", "rotating-keys", "If a key leaks", "if-a-key-leaks"],
      "Every request carries an API key in the Authorization header."],
    ["docs/rate-limits.html", "Rate limits", "",
      ["Limits by plan", "limits-by-plan", "Handling 429 Too Many Requests", "handling-429-too-many-requests"],
      "Rate limits protect the service and your budget from runaway loops."],
    ["docs/guides/rotating-keys-in-ci.html", "Rotating keys in CI", "A scheduled pipeline that rotates an application's key.",
      [], "Manual rotation gets forgotten."],
    ["docs/guides/uber-die-api.html", "Über die API", "", [], "Schlüssel und Grenzen."],
  ],
};
const docs = search.prepare(index);

test("normalize lowercases and strips accents", () => {
  assert.equal(search.normalize("Über CAFÉ"), "uber cafe");
});

test("tokenize keeps distinct words, at most eight", () => {
  assert.deepEqual(search.tokenize("  Rotate, rotate the KEY! "), ["rotate", "the", "key"]);
  assert.deepEqual(search.tokenize("a b c d e f g h i j"), ["a", "b", "c", "d", "e", "f", "g", "h"]);
  assert.deepEqual(search.tokenize("?!"), []);
});

test("matchStrength ranks whole words over word starts over substrings", () => {
  assert.equal(search.matchStrength("rotating keys", "keys"), 3);
  assert.equal(search.matchStrength("rotating keys", "rot"), 2);
  assert.equal(search.matchStrength("rotating keys", "tat"), 1);
  assert.equal(search.matchStrength("rotating keys", "ta"), 0);
  assert.equal(search.matchStrength("rotating keys", "rotate"), 2, "the stem rotat starts a word");
  assert.equal(search.matchStrength("rate limits", "zebra"), 0);
});

test("prepare reads the index format", () => {
  assert.equal(docs.length, 5);
  assert.deepEqual(docs[1].headings[2], { text: "Rotating keys", id: "rotating-keys", norm: "rotating keys" });
  assert.equal(docs[3].normPath, "guides rotating keys in ci");
  assert.deepEqual(search.prepare(undefined), []);
});

test("every term must match somewhere", () => {
  assert.deepEqual(search.search(docs, "rate zebra"), []);
  assert.deepEqual(search.search(docs, ""), []);
});

test("title matches rank first, then headings; a heading match links to its anchor", () => {
  const results = search.search(docs, "rotating keys");
  assert.deepEqual(results.map((r) => r.url), [
    "docs/guides/rotating-keys-in-ci.html",
    "docs/authentication.html#rotating-keys",
  ]);
  assert.equal(results[1].context, "Rotating keys");
  assert.equal(results[0].context, "A scheduled pipeline that rotates an application's key.");
});

test("a word being typed matches by its start", () => {
  assert.deepEqual(search.search(docs, "authent").map((r) => r.url), ["docs/authentication.html"]);
  assert.deepEqual(search.search(docs, "leak").map((r) => r.url), ["docs/authentication.html#if-a-key-leaks"]);
});

test("numbers, body text and accents are searchable", () => {
  assert.deepEqual(search.search(docs, "429").map((r) => r.url), ["docs/rate-limits.html#handling-429-too-many-requests"]);
  assert.deepEqual(search.search(docs, "runaway").map((r) => r.url), ["docs/rate-limits.html"]);
  assert.deepEqual(search.search(docs, "uber").map((r) => r.url), ["docs/guides/uber-die-api.html"]);
  assert.deepEqual(search.search(docs, "schlussel").map((r) => r.url), ["docs/guides/uber-die-api.html"]);
});

test("better matches first, the limit holds, ties keep reading order", () => {
  assert.deepEqual(search.search(docs, "key").map((r) => [r.url, r.score]), [
    ["docs/guides/rotating-keys-in-ci.html", 20], // title, start of "keys"
    ["docs/authentication.html#creating-a-key", 18], // heading, whole word
    ["docs/getting-started.html", 9], // description, whole word
  ]);
  assert.equal(search.search(docs, "key", 2).length, 2);
  const twins = search.prepare({ v: 1, docs: [["docs/b.html", "Same", "", [], ""], ["docs/a.html", "Same", "", [], ""]] });
  assert.deepEqual(search.search(twins, "same").map((r) => r.url), ["docs/b.html", "docs/a.html"]);
});

test("results carry text only: markup in the index stays text", () => {
  const hostile = search.prepare({ v: 1, docs: [["docs/x.html", "<img src=x onerror=alert(1)>", "", [], "x"]] });
  const [result] = search.search(hostile, "img");
  assert.equal(result.title, "<img src=x onerror=alert(1)>");
});

test("an index of 1,500 docs is searched in a few milliseconds", () => {
  const big = { v: 1, docs: [] };
  for (let i = 0; i < 1500; i++) {
    big.docs.push([`docs/p${i}.html`, `Page ${i} about topic ${i % 37}`, "A description of the page.",
      ["Overview", "overview", "Configuration options", "configuration-options", "Troubleshooting", "troubleshooting"],
      "Body text ".repeat(30)]);
  }
  const prepared = search.prepare(big);
  const start = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) search.search(prepared, "configuration topic 12");
  const perQueryMs = Number(process.hrtime.bigint() - start) / 1e6 / 20;
  assert.ok(perQueryMs < 50, `${perQueryMs} ms per query`);
});
