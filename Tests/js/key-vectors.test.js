"use strict";
// keystore.js must make and check keys exactly as Swift's KeyFormat does: the vectors are shared
// with the Swift suite (KeyFormatTests), which reads the same file, Tests/key-vectors.json.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const K = require("../../Themes/default/assets/js/keystore.js");

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "key-vectors.json"), "utf8"));

test("the vectors cover both sides of six significant digits (62^5)", () => {
  const sixDigits = 62 ** 5;
  assert.ok(vectors.bodies.filter((v) => v.crc32 >= sixDigits).length >= 3);
  assert.ok(vectors.bodies.some((v) => v.crc32 < sixDigits && v.checksum.startsWith("0")));
  assert.ok(vectors.bodies.some((v) => v.checksum.startsWith("00")));
});

test("crc32 matches zlib", () => {
  for (const v of vectors.crc32) assert.equal(K.crc32(v.text), v.crc32, JSON.stringify(v.text));
});

test("checksums match the Swift vectors", () => {
  for (const v of vectors.bodies) {
    assert.equal(K.crc32(v.body), v.crc32, v.note);
    assert.equal(K.checksum(v.body), v.checksum, v.note);
  }
});

test("tokens are valid or lookalikes as in Swift", () => {
  for (const v of vectors.tokens) assert.equal(K.hasValidChecksum(v.token), v.valid, v.note);
});

test("a generated key checks out, whatever its checksum", () => {
  // Bytes chosen so the bodies are the vectors' own: generateKey must append their checksums.
  for (const v of vectors.bodies.slice(0, 6)) {
    const bytes = Array.from(v.body, (c) => K.ALPHABET.indexOf(c));
    const crypto = { getRandomValues: (array) => { array.set(bytes.splice(0, array.length)); return array; } };
    const key = K.generateKey("sk_", crypto);
    assert.equal(key.secret, "sk_" + v.body + v.checksum, v.note);
    assert.ok(K.hasValidChecksum(key.secret));
    assert.equal(key.end, v.checksum.slice(-4));
  }
});
