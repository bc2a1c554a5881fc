"use strict";
// keystore.js must write key files exactly as `forge keys add` does, and accept the same names and
// owners: the vectors are shared with the Swift suite (KeyFileTests), which reads the same file,
// Tests/key-file-vectors.json, and also loads every text back through forge's key file loader.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const K = require("../../Themes/default/assets/js/keystore.js");

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "key-file-vectors.json"), "utf8"));

/** A browser key with the vector's fields, as the store keeps it (its id `local_<hex>`). */
const localKey = (f) => ({ id: "local_" + f.id.slice(4), name: f.name, hash: f.sha256, start: f.start, end: f.end,
  created: f.created + "T09:30:00.000Z", expires: f.expires || null, status: "active", revokedAt: null,
  scopes: f.scopes || [], owner: f.owner || null });

test("the vectors cover quoting, escapes and every optional field", () => {
  assert.ok(vectors.files.length >= 20);
  for (const field of ["expires", "scopes", "owner"]) assert.ok(vectors.files.some((v) => v.fields[field]), field);
  assert.ok(vectors.files.some((v) => v.text.includes("\\u2028")) && vectors.files.some((v) => v.text.includes("\\\\")));
});

test("keyFile writes each vector's text, byte for byte, at its path", () => {
  for (const v of vectors.files) {
    const file = K.keyFile(localKey(v.fields));
    assert.equal(file.text, v.text, v.note);
    assert.equal(file.path, v.path, v.note);
    assert.equal(file.id, v.fields.id, v.note);
  }
});

test("names: the dialog accepts and trims what forge keys add does", () => {
  for (const v of vectors.names) {
    const result = K.validateName(v.raw, []);
    assert.equal(result.ok, v.valid, JSON.stringify(v.raw));
    if (v.valid) assert.equal(result.name, v.name, JSON.stringify(v.raw));
  }
});

test("owners: the dialog accepts what forge keys add does", () => {
  for (const v of vectors.owners) {
    const result = K.validateOwner(v.raw);
    assert.equal(result.ok, v.valid, JSON.stringify(v.raw));
    if (v.valid) assert.equal(result.owner, v.owner, JSON.stringify(v.raw));
  }
});

test("hashSecret gives the vectors' SHA-256", async () => {
  for (const v of vectors.sha256) assert.equal(await K.hashSecret(v.text, globalThis.crypto), v.sha256, JSON.stringify(v.text));
});
