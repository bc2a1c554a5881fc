// Unit tests for Themes/default/assets/js/keystore.js: `node --test Tests/js/`
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const K = require(path.join(__dirname, "../../Themes/default/assets/js/keystore.js"));

/** A localStorage stand-in; `quota` (characters) makes setItem throw like a full browser store. */
function memoryStorage(quota) {
  const map = new Map();
  return {
    map,
    get length() { return map.size; },
    key(i) { return [...map.keys()][i] ?? null; },
    getItem(k) { return map.has(k) ? map.get(k) : null; },
    setItem(k, v) {
      const used = [...map].reduce((n, [a, b]) => n + (a === k ? 0 : a.length + b.length), 0);
      if (quota !== undefined && used + k.length + String(v).length > quota) {
        throw Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError", code: 22 });
      }
      map.set(k, String(v));
    },
    removeItem(k) { map.delete(k); }
  };
}

function securityError() { return Object.assign(new Error("Access is denied for this document."), { name: "SecurityError", code: 18 }); }

const SITE_KEYS = [
  { id: "key_prod", name: "Production backend", start: "sk_ab12", end: "wx89", created: "2026-03-02", lastUsed: "2026-11-24",
    expires: "2027-03-02", scopes: ["chat", "embeddings"], owner: "ops@example.com", status: "active", periodSpend: "$12.34", periodSpendMicros: 12340000 },
  { id: "key_old", name: "Old staging", start: "sk_zz99", end: "qq11", created: "2025-01-10", lastUsed: null,
    expires: null, scopes: null, owner: null, status: "revoked", periodSpend: "$0.00", periodSpendMicros: 0 }
];
const TODAY = "2026-11-25";
const NOW = "2026-11-25T10:00:00.000Z";

function localKey(n, extra) {
  return Object.assign({ id: "local_" + String(n).padStart(16, "0"), name: "Key " + n, hash: String(n % 10).repeat(64),
    start: "sk_AAAA", end: "ZZZZ", created: NOW, expires: null, status: "active", revokedAt: null, scopes: [], owner: null }, extra);
}
const taken = (state) => K.liveNames(SITE_KEYS, state, TODAY);

// ---- Format ----

test("crc32 matches zlib", () => {
  // Expected values from python3 -c "import zlib; print(zlib.crc32(b'...'))"
  assert.equal(K.crc32(""), 0);
  assert.equal(K.crc32("a"), 3904355907);
  assert.equal(K.crc32("123456789"), 3421780262); // the CRC-32/IEEE check value 0xCBF43926
  assert.equal(K.crc32("0123456789abcdefghijABCDEFGHIJ01"), 1458439944);
  assert.equal(K.crc32("The quick brown fox jumps over the lazy dog"), 1095738169);
});

test("checksum is 6 base62 digits, left-padded with 0", () => {
  // base62 of the zlib values above, alphabet 0-9A-Za-z
  assert.equal(K.checksum("0123456789abcdefghijABCDEFGHIJ01"), "1ahSqu");
  assert.equal(K.checksum("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"), "2etF9n");
  assert.equal(K.checksum("forgetest00000000000000000000046"), "00s6z5"); // crc 12896563
  assert.equal(K.checksum(""), "000000");
});

test("hasValidChecksum accepts real keys and rejects lookalikes", () => {
  assert.ok(K.hasValidChecksum("sk_0123456789abcdefghijABCDEFGHIJ011ahSqu"));
  assert.ok(K.hasValidChecksum("0123456789abcdefghijABCDEFGHIJ011ahSqu"));
  assert.ok(!K.hasValidChecksum("sk_0123456789abcdefghijABCDEFGHIJ011ahSqv"), "one changed checksum char");
  assert.ok(!K.hasValidChecksum("sk_1123456789abcdefghijABCDEFGHIJ011ahSqu"), "one changed body char");
  assert.ok(!K.hasValidChecksum("sk_createNullaryContinuationJob"));
  assert.ok(!K.hasValidChecksum("sk_0123456789abcdefghij-BCDEFGHIJ011ahSqu"), "not base62");
  assert.ok(!K.hasValidChecksum("short"));
});

test("generateKey: prefix, 32 base62 body, valid checksum, start and end", () => {
  const key = K.generateKey("sk_", globalThis.crypto);
  assert.match(key.secret, /^sk_[0-9A-Za-z]{38}$/);
  assert.ok(K.hasValidChecksum(key.secret));
  assert.equal(key.start, key.secret.slice(0, 7));
  assert.equal(key.end, key.secret.slice(-4));
  assert.notEqual(K.generateKey("sk_", globalThis.crypto).secret, key.secret);
});

test("randomBase62 rejects bytes >= 248 instead of wrapping them (no modulo bias)", () => {
  // A fake source: 248 and 255 are rejected; 0 -> "0", 61 -> "z", 247 -> "z" (247 % 62 = 61);
  // 250 is rejected; 1 -> "1". A generator that wrapped 248 would start with "0" twice.
  const queue = [248, 255, 0, 61, 247, 250, 1];
  const fake = { getRandomValues(arr) { for (let i = 0; i < arr.length; i++) arr[i] = queue.length ? queue.shift() : 2; return arr; } };
  assert.equal(K.randomBase62(fake, 4), "0zz1");
});

test("randomBase62 is roughly uniform", () => {
  const counts = new Map();
  const text = K.randomBase62(globalThis.crypto, 62 * 400);
  for (const ch of text) counts.set(ch, (counts.get(ch) || 0) + 1);
  assert.equal(counts.size, 62);
  for (const [ch, n] of counts) assert.ok(n > 250 && n < 560, `${ch} seen ${n} times, expected about 400`);
});

test("hashSecret is hex SHA-256 of the UTF-8 secret", async () => {
  // echo -n 'sk_test' | sha256sum
  assert.equal(await K.hashSecret("sk_test", globalThis.crypto), "12b2820cf1639904311da5771de1e5bb65c77073fdc7c555df395942df42896b");
});

test("generateId is local_ and 16 hex", () => {
  assert.match(K.generateId(globalThis.crypto), /^local_[0-9a-f]{16}$/);
});

// ---- Names ----

test("validateName trims, limits to 64 characters, refuses duplicates ignoring case", () => {
  assert.deepEqual(K.validateName("  CI deploy  ", []), { ok: true, name: "CI deploy" });
  assert.equal(K.validateName("   ", []).ok, false);
  assert.equal(K.validateName("", []).message, "Enter a name for the key.");
  assert.equal(K.validateName("x".repeat(64), []).ok, true);
  assert.match(K.validateName("x".repeat(65), []).message, /at most 64 characters \(this name has 65\)/);
  assert.equal(K.validateName("😀".repeat(64), []).ok, true, "counts characters, not UTF-16 units");
  assert.match(K.validateName("production BACKEND", ["Production backend"]).message, /already named “Production backend”/);
  assert.equal(K.validateName("tab\there", []).ok, false);
  assert.equal(K.validateName("<img src=x onerror=alert(1)>", []).ok, true, "hostile names are just text");
});

// ---- Store ----

test("a fresh store reads empty and writes under forge:<siteId>:keys without the secret", async () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "abc123", storage: () => storage });
  assert.deepEqual(store.read(), { state: K.emptyState(), writable: true, notices: [] });
  const generated = K.generateKey("sk_", globalThis.crypto);
  const record = { id: K.generateId(globalThis.crypto), name: "CI", hash: await K.hashSecret(generated.secret, globalThis.crypto),
    start: generated.start, end: generated.end, created: NOW, expires: null, status: "active", revokedAt: null, secret: generated.secret };
  const result = store.update(K.ops.add(record, taken));
  assert.ok(result.ok);
  const raw = storage.getItem("forge:abc123:keys");
  assert.equal(JSON.parse(raw).version, K.VERSION);
  assert.equal(JSON.parse(raw).keys[0].name, "CI");
  assert.ok(!raw.includes(generated.secret), "the secret is never stored");
  assert.ok(!raw.includes(generated.secret.slice(7, 37)), "nor its body");
  assert.deepEqual([...storage.map.keys()], ["forge:abc123:keys"]);
});

test("sites are namespaced apart", () => {
  const storage = memoryStorage();
  const a = K.createStore({ siteId: "aaa", storage: () => storage });
  const b = K.createStore({ siteId: "bbb", storage: () => storage });
  a.update(K.ops.add(localKey(1), taken));
  assert.equal(b.read().state.keys.length, 0);
  assert.equal(a.read().state.keys.length, 1);
});

test("add refuses a name a live key has, including a site key's", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  const r = store.update(K.ops.add(localKey(1, { name: "production backend" }), taken));
  assert.equal(r.ok, false);
  assert.equal(r.error.code, "name");
  assert.ok(store.update(K.ops.add(localKey(2, { name: "Old staging" }), taken)).ok, "a revoked key's name is free again");
  assert.equal(storage.getItem("forge:s:keys").includes("production backend"), false);
});

test("version 1 data is migrated to the current version and rewritten on the next write", () => {
  const storage = memoryStorage();
  const v1 = { version: 1, keys: [
    { id: "local_aaaa", name: "Old one", hash: "a".repeat(64), start: "sk_AbCd", end: "wXyZ", created: "2026-01-01T00:00:00.000Z", expires: null, revoked: true, revokedAt: "2026-02-01T00:00:00.000Z" },
    { id: "local_bbbb", name: "Live one", hash: "b".repeat(64), start: "sk_EfGh", end: "1234", created: "2026-01-02T00:00:00.000Z", expires: "2027-01-01", revoked: false }
  ] };
  storage.setItem("forge:s:keys", JSON.stringify(v1));
  const store = K.createStore({ siteId: "s", storage: () => storage });
  const { state, notices } = store.read();
  assert.deepEqual(notices, []);
  assert.equal(state.version, 3);
  assert.deepEqual(state.keys.map((k) => [k.name, k.status, k.revokedAt, k.scopes, k.owner]).map((k) => k.slice(0, 3)),
    [["Old one", "revoked", "2026-02-01T00:00:00.000Z"], ["Live one", "active", null]]);
  assert.deepEqual(state.site, {});
  store.update(K.ops.revoke("key_prod", "site", NOW));
  const raw = JSON.parse(storage.getItem("forge:s:keys"));
  assert.equal(raw.version, 3);
  assert.equal(raw.keys.length, 2);
  assert.deepEqual([raw.keys[0].scopes, raw.keys[0].owner, raw.deleted], [[], null, []]);
  assert.equal("revoked" in raw.keys[0], false);
});

test("corrupt data is moved aside, not deleted, and the store keeps working", () => {
  for (const bad of ["{not json", "[]", JSON.stringify({ version: 2, keys: [{ id: "local_x", name: "" }], site: {} }), JSON.stringify({ version: 0 })]) {
    const storage = memoryStorage();
    storage.setItem("forge:s:keys", bad);
    storage.setItem("forge:s:keys:corrupt:1", "an older backup");
    const store = K.createStore({ siteId: "s", storage: () => storage });
    const read = store.read();
    assert.equal(read.writable, true);
    assert.equal(read.notices[0].code, "corrupt");
    assert.equal(read.notices[0].backup, "forge:s:keys:corrupt:2");
    assert.match(read.notices[0].message, /kept aside under “forge:s:keys:corrupt:2”/);
    assert.equal(storage.getItem("forge:s:keys:corrupt:2"), bad);
    assert.equal(storage.getItem("forge:s:keys:corrupt:1"), "an older backup");
    assert.equal(storage.getItem("forge:s:keys"), null);
    assert.ok(store.update(K.ops.add(localKey(1), taken)).ok);
    assert.equal(store.read().notices.length, 0);
  }
});

test("corrupt data that cannot be moved aside is never written over", () => {
  const storage = memoryStorage(40);
  storage.map.set("forge:s:keys", "{broken");
  const store = K.createStore({ siteId: "s", storage: () => storage });
  assert.equal(store.read().writable, false);
  const r = store.update(K.ops.add(localKey(1), taken));
  assert.equal(r.error.code, "corrupt");
  assert.equal(storage.getItem("forge:s:keys"), "{broken");
});

test("data from a newer version is left untouched", () => {
  const storage = memoryStorage();
  const future = JSON.stringify({ version: 4, keys: [], site: {}, deleted: [], somethingNew: true });
  storage.setItem("forge:s:keys", future);
  const store = K.createStore({ siteId: "s", storage: () => storage });
  assert.equal(store.read().notices[0].code, "newer");
  assert.equal(store.update(K.ops.add(localKey(1), taken)).error.code, "newer");
  assert.equal(storage.getItem("forge:s:keys"), future);
});

test("a full storage gives a typed quota error and keeps the old data", () => {
  const storage = memoryStorage(400); // one key's state is about 300 characters
  const store = K.createStore({ siteId: "s", storage: () => storage });
  assert.ok(store.update(K.ops.add(localKey(1), taken)).ok);
  const before = storage.getItem("forge:s:keys");
  const r = store.update(K.ops.add(localKey(2), taken));
  assert.equal(r.ok, false);
  assert.equal(r.error.code, "quota");
  assert.match(r.error.message, /storage for the site is full/);
  assert.equal(storage.getItem("forge:s:keys"), before);
});

test("blocked storage (SecurityError on access or on write) is a typed error", () => {
  const throwing = K.createStore({ siteId: "s", storage: () => { throw securityError(); } });
  const read = throwing.read();
  assert.equal(read.writable, false);
  assert.equal(read.notices[0].code, "blocked");
  assert.deepEqual(read.state, K.emptyState());
  assert.equal(throwing.update(K.ops.add(localKey(1), taken)).error.code, "blocked");

  const storage = memoryStorage();
  storage.setItem = () => { throw securityError(); };
  const denied = K.createStore({ siteId: "s", storage: () => storage });
  assert.equal(denied.update(K.ops.add(localKey(1), taken)).error.code, "blocked");
  assert.equal(K.createStore({ siteId: "s", storage: () => null }).read().notices[0].code, "blocked");
});

test("two writers: a key deleted in one tab is not brought back by the other's write", () => {
  const storage = memoryStorage();
  const tabA = K.createStore({ siteId: "s", storage: () => storage });
  const tabB = K.createStore({ siteId: "s", storage: () => storage });
  tabA.update(K.ops.add(localKey(1), taken));
  tabA.update(K.ops.add(localKey(2), taken));
  const staleB = tabB.read().state; // tab B has both keys on screen
  assert.equal(staleB.keys.length, 2);
  assert.ok(tabA.update(K.ops.remove(localKey(1).id, "browser", NOW)).ok);
  // Tab B, still showing key 1, creates a key and renames key 2: both re-read first.
  assert.ok(tabB.update(K.ops.add(localKey(3), taken)).ok);
  assert.ok(tabB.update(K.ops.rename(localKey(2).id, "Renamed in B", taken)).ok);
  const names = tabA.read().state.keys.map((k) => k.name);
  assert.deepEqual(names, ["Renamed in B", "Key 3"]);
  // Tab B acting on the key tab A deleted gets told, and writes nothing.
  const gone = tabB.update(K.ops.rename(localKey(1).id, "Back from the dead", taken));
  assert.equal(gone.error.code, "gone");
  assert.equal(tabB.update(K.ops.revoke(localKey(1).id, "browser", NOW)).error.code, "gone");
  assert.deepEqual(tabA.read().state.keys.map((k) => k.name), ["Renamed in B", "Key 3"]);
});

test("two writers: a site key hidden in one tab stays hidden after the other tab revokes another", () => {
  const storage = memoryStorage();
  const tabA = K.createStore({ siteId: "s", storage: () => storage });
  const tabB = K.createStore({ siteId: "s", storage: () => storage });
  tabA.update(K.ops.remove("key_prod", "site", NOW));
  tabB.update(K.ops.revoke("key_old", "site", NOW));
  assert.deepEqual(tabA.read().state.site, { key_prod: { status: "deleted", at: NOW, revoked: null }, key_old: { status: "revoked", at: NOW } });
  assert.equal(tabB.update(K.ops.revoke("key_prod", "site", NOW)).error.code, "gone");
});

test("delete then undo restores the key exactly; undo after the other tab re-added it does not duplicate", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1, { expires: "2027-01-01" }), taken));
  const before = store.read().state.keys[0];
  const removed = store.update(K.ops.remove(before.id, "browser", NOW));
  assert.equal(store.read().state.keys.length, 0, "deletion is saved at once");
  store.update(K.ops.undo(removed.value));
  assert.deepEqual(store.read().state.keys, [before]);
  store.update(K.ops.undo(removed.value));
  assert.equal(store.read().state.keys.length, 1);
});

test("site keys: delete hides, revoke marks, undo and reset restore", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  const rows = () => K.buildRows(SITE_KEYS, store.read().state, TODAY);
  const del = store.update(K.ops.remove("key_prod", "site", NOW));
  assert.deepEqual(rows().map((r) => r.id), ["key_old"]);
  store.update(K.ops.undo(del.value));
  assert.deepEqual(rows().map((r) => [r.id, r.status]), [["key_prod", "active"], ["key_old", "revoked"]]);
  store.update(K.ops.revoke("key_prod", "site", NOW));
  assert.equal(rows()[0].status, "revoked");
  store.update(K.ops.remove("key_old", "site", NOW));
  store.update(K.ops.add(localKey(1), taken));
  const reset = store.update(K.ops.resetSite());
  assert.deepEqual(rows().map((r) => [r.id, r.status]), [["key_prod", "active"], ["key_old", "revoked"], [localKey(1).id, "active"]],
    "reset restores the build's keys and keeps the browser's own");
  store.update(K.ops.undoReset(reset.value));
  assert.deepEqual(rows().map((r) => r.id), ["key_prod", localKey(1).id]);
});

test("revoke keeps a local key listed as revoked; rename checks the name", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1), taken));
  store.update(K.ops.add(localKey(2), taken));
  assert.equal(store.update(K.ops.rename(localKey(1).id, "key 2", taken)).error.code, "name");
  assert.ok(store.update(K.ops.rename(localKey(1).id, "KEY 1", taken)).ok, "a key may change its own name's case");
  assert.ok(store.update(K.ops.revoke(localKey(2).id, "browser", NOW)).ok);
  const state = store.read().state;
  assert.deepEqual(state.keys.map((k) => [k.name, k.status, k.revokedAt]), [["KEY 1", "active", null], ["Key 2", "revoked", NOW]]);
});

// ---- Export / import ----

test("export holds metadata and hashes only; import validates and skips what is already here", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1), taken));
  store.update(K.ops.add(localKey(2), taken));
  const exported = K.exportKeys(store.read().state, "s", Date.parse(NOW));
  assert.deepEqual(Object.keys(exported), ["format", "version", "site", "exported", "keys"]);
  assert.deepEqual(Object.keys(exported.keys[0]), ["id", "name", "hash", "start", "end", "created", "expires", "status", "revokedAt", "scopes", "owner"]);

  const otherStorage = memoryStorage();
  const other = K.createStore({ siteId: "s", storage: () => otherStorage });
  other.update(K.ops.add(localKey(2), taken));
  const text = JSON.stringify(Object.assign({}, exported, { keys: exported.keys.concat([{ id: "local_bad", name: "" }, { ...localKey(3), secret: "sk_leak" }]) }));
  const parsed = K.parseImport(text);
  assert.equal(parsed.ok, true);
  assert.equal(parsed.invalid, 1);
  assert.equal("secret" in parsed.keys[2], false, "unknown fields are dropped");
  const result = other.update(K.ops.importKeys(parsed.keys, taken));
  assert.deepEqual(result.value, { added: ["Key 1", "Key 3"], skipped: [{ name: "Key 2", reason: "already present" }] });
  assert.deepEqual(other.read().state.keys.map((k) => k.name), ["Key 2", "Key 1", "Key 3"]);
});

test("import refuses files that are not key exports", () => {
  assert.match(K.parseImport("nope").error.message, /not JSON/);
  assert.match(K.parseImport("{}").error.message, /not a key export/);
  assert.match(K.parseImport(JSON.stringify({ format: "forge-keys", version: 9, keys: [] })).error.message, /newer version/);
  assert.match(K.parseImport(JSON.stringify({ format: "forge-keys", version: 0, keys: [] })).error.message, /not known/);
});

// ---- List model ----

test("buildRows merges site and browser keys with masked keys and effective status", () => {
  const state = K.emptyState();
  state.keys.push(localKey(1, { expires: "2026-11-25" }), localKey(2, { expires: "2026-11-26" }));
  const rows = K.buildRows(SITE_KEYS, state, TODAY);
  assert.deepEqual(rows.map((r) => [r.name, r.masked, r.status, r.source]), [
    ["Production backend", "sk_ab12...wx89", "active", "site"],
    ["Old staging", "sk_zz99...qq11", "revoked", "site"],
    ["Key 1", "sk_AAAA...ZZZZ", "expired", "browser"],
    ["Key 2", "sk_AAAA...ZZZZ", "active", "browser"]
  ]);
  assert.equal(rows[0].spend, "$12.34");
  assert.deepEqual(rows[1].scopes, []);
});

test("query searches, sorts any column with empty values last, and paginates", () => {
  const rows = K.buildRows(SITE_KEYS, K.emptyState(), TODAY);
  for (let i = 1; i <= 60; i++) rows.push(K.buildRows([], { keys: [localKey(i, { expires: i % 2 ? null : "2027-01-" + String(i % 28 + 1).padStart(2, "0") })], site: {} }, TODAY)[0]);
  let q = K.query(rows, { search: "key 1", pageSize: 25 });
  assert.deepEqual(q.rows.map((r) => r.name), ["Key 1", "Key 10", "Key 11", "Key 12", "Key 13", "Key 14", "Key 15", "Key 16", "Key 17", "Key 18", "Key 19"]);
  q = K.query(rows, { sort: "name", dir: "desc", page: 1, pageSize: 25 });
  assert.equal(q.rows[0].name, "Production backend");
  assert.equal(q.rows[1].name, "Old staging");
  assert.equal(q.rows[2].name, "Key 60", "numeric-aware order");
  q = K.query(rows, { sort: "name", page: 3, pageSize: 25 });
  assert.deepEqual([q.page, q.pages, q.first, q.rows.length, q.total, q.matched], [3, 3, 51, 12, 62, 62]);
  assert.equal(K.query(rows, { page: 99, pageSize: 25 }).page, 3, "a page past the end shows the last");
  for (const dir of ["asc", "desc"]) {
    const sorted = K.query(rows, { sort: "expires", dir, pageSize: 100 }).rows;
    const nulls = sorted.map((r) => r.expires === null);
    assert.equal(nulls.indexOf(true), sorted.length - 31, dir + ": keys without expiry come last");
  }
  const spend = K.query(rows, { sort: "spend", dir: "desc", pageSize: 100 }).rows.map((r) => r.spend);
  assert.deepEqual(spend.slice(0, 3), ["$12.34", "$0.00", null]);
  assert.deepEqual(K.query(rows, { search: "WX89" }).rows.map((r) => r.id), ["key_prod"], "search finds the masked key");
  assert.equal(K.query(rows, { search: "nothing like it" }).first, 0);
});

test("query stays fast with 5,000 keys", () => {
  const state = K.emptyState();
  for (let i = 0; i < 5000; i++) state.keys.push(localKey(i));
  const rows = K.buildRows(SITE_KEYS, state, TODAY);
  const t0 = process.hrtime.bigint();
  for (const sort of ["name", "created", "status", "expires"]) K.query(rows, { sort, dir: "desc", search: "key 4", page: 2 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 400, `4 queries over 5,000 keys took ${ms.toFixed(1)} ms`);
});

// ---- Verify ----

test("verify finds a local key by hash and a site key by its visible parts", async () => {
  const generated = K.generateKey("sk_", globalThis.crypto);
  const state = K.emptyState();
  state.keys.push(localKey(1, { hash: await K.hashSecret(generated.secret, globalThis.crypto), start: generated.start, end: generated.end }));
  const rows = K.buildRows(SITE_KEYS, state, TODAY);
  let v = await K.verify("  " + generated.secret + "\n", "sk_", rows, globalThis.crypto);
  assert.deepEqual([v.checksumOk, v.prefixOk, v.match && v.match.name, v.exact], [true, true, "Key 1", true]);
  v = await K.verify("sk_ab12" + "x".repeat(30) + "wx89", "sk_", rows, globalThis.crypto);
  assert.deepEqual([v.checksumOk, v.match && v.match.name, v.exact], [false, "Production backend", false]);
  v = await K.verify("sk_0123456789abcdefghijABCDEFGHIJ011ahSqu", "sk_", rows, globalThis.crypto);
  assert.deepEqual([v.checksumOk, v.match], [true, null]);
  v = await K.verify("pk_0123456789abcdefghijABCDEFGHIJ011ahSqu", "sk_", rows, globalThis.crypto);
  assert.deepEqual([v.checksumOk, v.prefixOk], [true, false], "a key of another prefix: checksum holds, prefix does not");
});

// ---- Version 3 (issue 9): scopes and owner, Recently deleted, key files ----

test("version 2 data is migrated to version 3: scopes, owner and Recently deleted are added, nothing is lost", () => {
  const storage = memoryStorage();
  const v2key = (n, extra) => { const { scopes, owner, ...k } = localKey(n, extra); return k; };
  const v2 = { version: 2, keys: [v2key(1), v2key(2, { status: "revoked", revokedAt: NOW })],
    site: { key_prod: { status: "revoked", at: NOW }, key_old: { status: "deleted", at: NOW } } };
  storage.setItem("forge:s:keys", JSON.stringify(v2));
  const store = K.createStore({ siteId: "s", storage: () => storage });
  const { state, notices } = store.read();
  assert.deepEqual(notices, []);
  assert.deepEqual(state, { version: 3, deleted: [],
    keys: v2.keys.map((k) => ({ ...k, scopes: [], owner: null })),
    site: { key_prod: { status: "revoked", at: NOW }, key_old: { status: "deleted", at: NOW, revoked: null } } });
  assert.equal(JSON.parse(storage.getItem("forge:s:keys")).version, 2, "reading alone rewrites nothing");
  assert.ok(store.update(K.ops.restore("key_old", "site", taken)).ok);
  const raw = JSON.parse(storage.getItem("forge:s:keys"));
  assert.equal(raw.version, 3);
  assert.deepEqual(raw.site, { key_prod: { status: "revoked", at: NOW } });
  assert.deepEqual(raw.keys.map((k) => k.name), ["Key 1", "Key 2"]);
});

test("version 3 data that breaks its own rules is corrupt, not half-read", () => {
  const good = { version: 3, keys: [localKey(1, { scopes: ["chat"], owner: "ops@example.com" })], site: {}, deleted: [] };
  assert.ok(K.normalize(good));
  for (const bad of [
    { ...good, deleted: undefined },
    { ...good, keys: [localKey(1, { scopes: ["Chat"] })] },
    { ...good, keys: [localKey(1, { scopes: ["chat", "chat"] })] },
    { ...good, keys: [localKey(1, { scopes: "chat" })] },
    { ...good, keys: [localKey(1, { owner: "not an email" })] },
    { ...good, deleted: [localKey(2)] },
    { ...good, deleted: [{ ...localKey(1), deletedAt: NOW }] },
    { ...good, site: { key_prod: { status: "deleted", at: NOW, revoked: "yesterday" } } }
  ]) assert.equal(K.normalize(bad), null, JSON.stringify(bad));
});

test("validateOwner takes an email address or nothing", () => {
  assert.deepEqual(K.validateOwner("  ops@example.com "), { ok: true, owner: "ops@example.com" });
  assert.deepEqual(K.validateOwner(""), { ok: true, owner: null });
  assert.deepEqual(K.validateOwner("first.last+keys@sub.example.co.uk").ok, true);
  for (const bad of ["ops", "ops@", "@example.com", "ops@example", "o ps@example.com", "ops@exa_mple.com", "a@b@c.com",
    "ops@-example.com", "\"x\"@example.com", "x".repeat(65) + "@example.com", "ops@" + "a".repeat(250) + ".com"]) {
    assert.equal(K.validateOwner(bad).ok, false, bad);
  }
  assert.match(K.validateOwner("ops").message, /email address such as ops@example.com/);
});

test("add keeps valid scopes and owner, and refuses invalid ones", () => {
  const storage = memoryStorage();
  const s = K.createStore({ siteId: "s", storage: () => storage });
  const r = s.update(K.ops.add(localKey(1, { scopes: ["chat", "embeddings"], owner: "ops@example.com" }), taken));
  assert.ok(r.ok);
  assert.deepEqual([r.value.scopes, r.value.owner], [["chat", "embeddings"], "ops@example.com"]);
  assert.equal(s.update(K.ops.add(localKey(2, { scopes: ["no spaces"] }), taken)).error.code, "invalid");
  assert.equal(s.update(K.ops.add(localKey(3, { owner: "nobody" }), taken)).error.code, "invalid");
  assert.equal(s.read().state.keys.length, 1);
  const [row] = K.buildRows([], s.read().state, TODAY);
  assert.deepEqual([row.scopes, row.owner], [["chat", "embeddings"], "ops@example.com"]);
});

test("a deleted browser key goes to Recently deleted for 30 days and can be restored, also after Undo ran out", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1, { scopes: ["chat"] }), taken));
  store.update(K.ops.add(localKey(2), taken));
  const before = store.read().state.keys[0];
  assert.ok(store.update(K.ops.remove(before.id, "browser", NOW)).ok);
  let state = store.read().state;
  assert.deepEqual(state.keys.map((k) => k.name), ["Key 2"]);
  assert.deepEqual(state.deleted, [{ ...before, deletedAt: NOW }]);
  const later = "2026-12-24T09:59:59.000Z"; // 29 days, 23:59:59 later
  assert.deepEqual(K.recentlyDeleted(SITE_KEYS, state, later).map((d) => [d.id, d.name, d.source, d.deletedAt]),
    [[before.id, "Key 1", "browser", NOW]]);
  assert.deepEqual(K.recentlyDeleted(SITE_KEYS, state, "2026-12-25T10:00:00.000Z"), [], "gone after 30 days");
  assert.ok(store.update(K.ops.restore(before.id, "browser", taken)).ok);
  state = store.read().state;
  assert.deepEqual(state.keys.find((k) => k.id === before.id), before, "restored exactly as it was");
  assert.deepEqual(state.deleted, []);
  assert.equal(store.update(K.ops.restore(before.id, "browser", taken)).error.code, "gone", "restoring twice does not duplicate");
});

test("Recently deleted drops entries older than 30 days on the next delete", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  for (let i = 1; i <= 3; i++) store.update(K.ops.add(localKey(i), taken));
  store.update(K.ops.remove(localKey(1).id, "browser", "2026-10-01T00:00:00.000Z"));
  store.update(K.ops.remove(localKey(2).id, "browser", "2026-10-20T00:00:00.000Z"));
  store.update(K.ops.remove(localKey(3).id, "browser", "2026-11-05T00:00:00.000Z"));
  assert.deepEqual(store.read().state.deleted.map((k) => k.name), ["Key 2", "Key 3"]);
});

test("restore refuses to bring back a second live key with the same name", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1, { name: "Deploy" }), taken));
  store.update(K.ops.remove(localKey(1).id, "browser", NOW));
  store.update(K.ops.add(localKey(2, { name: "deploy" }), taken));
  const r = store.update(K.ops.restore(localKey(1).id, "browser", taken));
  assert.equal(r.error.code, "name");
  assert.equal(r.error.message, "“Deploy” cannot come back while another live key has its name. Rename or delete that key first.");
  assert.equal(store.read().state.deleted.length, 1, "it stays in Recently deleted");
});

test("site keys deleted here are in Recently deleted; one revoked here first comes back revoked", () => {
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  const rows = () => K.buildRows(SITE_KEYS, store.read().state, TODAY);
  store.update(K.ops.revoke("key_prod", "site", "2026-11-24T00:00:00.000Z"));
  assert.deepEqual(rows().map((r) => [r.id, r.status, r.local]), [["key_prod", "revoked", true], ["key_old", "revoked", false]],
    "revoked here is told apart from revoked at the source");
  store.update(K.ops.remove("key_prod", "site", NOW));
  store.update(K.ops.remove("key_old", "site", "2026-11-25T11:00:00.000Z"));
  assert.deepEqual(rows(), []);
  assert.deepEqual(K.recentlyDeleted(SITE_KEYS, store.read().state, NOW).map((d) => [d.name, d.source, d.masked]),
    [["Old staging", "site", "sk_zz99...qq11"], ["Production backend", "site", "sk_ab12...wx89"]], "newest first");
  store.update(K.ops.restore("key_prod", "site", taken));
  assert.deepEqual(rows().map((r) => [r.id, r.status, r.local]), [["key_prod", "revoked", true]]);
  const token = store.update(K.ops.remove("key_prod", "site", NOW)).value;
  assert.ok(store.update(K.ops.undo(token, taken)).ok, "Undo of a delete is a restore");
  assert.deepEqual(store.read().state.site.key_prod, { status: "revoked", at: "2026-11-24T00:00:00.000Z" });
  assert.deepEqual(K.recentlyDeleted(SITE_KEYS, store.read().state, "2026-12-26T00:00:00.000Z"), [], "a site key stays hidden but is no longer offered after 30 days");
});

test("import counts skipped keys per reason instead of naming 60 of them", () => {
  const many = Array.from({ length: 60 }, (_, i) => ({ name: "Key " + i, reason: "already present" }));
  assert.equal(K.importSummary({ added: [], skipped: many }, 0), "No keys imported. 60 keys skipped: already present.");
  assert.equal(K.importSummary({ added: ["A"], skipped: [{ name: "B", reason: "already present" }, { name: "C", reason: "a live key has the same name" }] }, 2),
    "Imported 1 key. 1 key skipped: already present (“B”). 1 key skipped: a live key has the same name (“C”). 2 entries not valid and left out.");
  assert.equal(K.importSummary({ added: ["A", "B"], skipped: [] }, 1), "Imported 2 keys. 1 entry not valid and left out.");
  const storage = memoryStorage();
  const store = K.createStore({ siteId: "s", storage: () => storage });
  store.update(K.ops.add(localKey(1), taken));
  store.update(K.ops.remove(localKey(1).id, "browser", NOW));
  assert.deepEqual(store.update(K.ops.importKeys([localKey(1)], taken)).value.skipped, [{ name: "Key 1", reason: "already present" }],
    "a key in Recently deleted is already present: importing it would give two keys one id");
});

test("a browser key whose key file the site now has is listed once, as the site key", () => {
  const state = K.emptyState();
  state.keys.push(localKey(1, { id: "local_00000000000000aa" }), localKey(2, { hash: "c".repeat(64) }), localKey(3));
  const site = SITE_KEYS.concat([
    { id: "key_00000000000000aa", name: "Key 1", start: "sk_AAAA", end: "ZZZZ", created: "2026-11-25", scopes: [], status: "active" },
    { id: "key_elsewhere", name: "Key 2", start: "sk_AAAA", end: "ZZZZ", created: "2026-11-25", scopes: [], status: "active", sha256: "c".repeat(64) }]);
  const rows = K.buildRows(site, state, TODAY);
  assert.deepEqual(rows.map((r) => [r.id, r.source]), [["key_prod", "site"], ["key_old", "site"], ["key_00000000000000aa", "site"],
    ["key_elsewhere", "site"], [localKey(3).id, "browser"]]);
  assert.equal(rows[2].hash, "1".repeat(64), "Verify still knows its hash");
});

test("keyFile writes the key file forge reads, without the secret", async () => {
  const generated = K.generateKey("sk_", globalThis.crypto);
  const key = localKey(1, { id: "local_0123456789abcdef", name: "CI deploy", hash: await K.hashSecret(generated.secret, globalThis.crypto),
    start: generated.start, end: "Wx89", expires: "2026-12-25", scopes: ["chat", "embeddings"], owner: "ops@example.com" });
  const file = K.keyFile(key);
  assert.equal(file.path, "Content/data/keys/key_0123456789abcdef.yaml");
  assert.equal(file.text, [
    "# An API key. No secret here: sha256 is the hash of the secret, which stays with its holder.",
    "id: key_0123456789abcdef", "name: CI deploy", `start: ${generated.start}`, "end: Wx89", `sha256: "${key.hash}"`,
    "created: 2026-11-25", "expires: 2026-12-25", "scopes: [chat, embeddings]", "owner: ops@example.com", ""].join("\n"));
  assert.ok(!file.text.includes(generated.secret.slice(7, 37)), "no part of the secret's hidden body");
  assert.equal(K.keyFile(localKey(2)).text.split("\n").filter((l) => /^(expires|scopes|owner):/.test(l)).length, 0, "absent fields are left out");
});

test("keyFile quotes what YAML would read as something else", () => {
  const text = (extra) => K.keyFile(localKey(1, extra)).text;
  const field = (t, name) => t.split("\n").find((l) => l.startsWith(name + ": "));
  assert.equal(field(text({ name: "Billing: prod #1 \"a\" 'b'" }), "name"), "name: \"Billing: prod #1 \\\"a\\\" 'b'\"");
  assert.equal(field(text({ name: "line\nbreak\u2028sep\u0085nel" }), "name"), "name: \"line\\nbreak\\u2028sep\\u0085nel\"");
  for (const word of ["no", "Yes", "true", "null", "off", "1234", "2026-01-01", "- item", "~", "@handle", "1e5", "[x]"]) {
    assert.equal(field(text({ name: word }), "name"), "name: " + JSON.stringify(word), word);
  }
  assert.equal(field(text({ end: "1234" }), "end"), 'end: "1234"');
  assert.equal(field(text({ scopes: ["chat", "files:read", "no"] }), "scopes"), 'scopes: [chat, "files:read", "no"]');
  assert.equal(field(text({ name: "Analytics pipeline — nightly" }), "name"), "name: \"Analytics pipeline — nightly\"");
});

test("proposeURL opens GitHub's new-file page on the branch with the file filled in", () => {
  const file = K.keyFile(localKey(1, { id: "local_0123456789abcdef", name: "A & B?" }));
  const url = new URL(K.proposeURL("https://github.com/org/console/", "release/2026", file));
  assert.equal(url.origin + url.pathname, "https://github.com/org/console/new/release/2026");
  assert.equal(url.searchParams.get("filename"), "Content/data/keys/key_0123456789abcdef.yaml");
  assert.equal(url.searchParams.get("value"), file.text);
  assert.equal([...url.searchParams.keys()].join(), "filename,value", "an & in the name cannot add a parameter");
});
