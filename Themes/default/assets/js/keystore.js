// API keys, browser side (PRODUCT.md §6): key format, hashing, the localStorage store, the list
// model. Pure logic, no DOM, so `node --test` runs it; keys-dialog.js is the widget.
// The secret is never stored: only its SHA-256, its visible `start` and `end`, and metadata.
(function (root, f) { typeof module === "object" ? module.exports = f() : root.ForgeKeystore = f(); })(this, function () {
  "use strict";

  /**
   * A key created in this browser, as stored (schema version 3).
   * @typedef {{id: string, name: string, hash: string, start: string, end: string, created: string,
   *   expires: ?string, status: ("active"|"revoked"), revokedAt: ?string, scopes: string[], owner: ?string}} LocalKey
   * A local decision about a site key; `revoked` is when a deleted key had been revoked here first.
   * @typedef {{status: ("revoked"|"deleted"), at: string, revoked?: ?string}} SiteOverride
   * A deleted browser key, restorable for 30 days. @typedef {LocalKey & {deletedAt: string}} DeletedKey
   * @typedef {{version: number, keys: LocalKey[], site: Object<string, SiteOverride>, deleted: DeletedKey[]}} State
   * A key of the `forge-keys` block (ARCHITECTURE.md), absent optionals null.
   * @typedef {{id: string, name: string, start: string, end: string, created: string, lastUsed: ?string,
   *   expires: ?string, scopes: ?string[], owner: ?string, status: string, periodSpend: ?string,
   *   periodSpendMicros: ?number}} SiteKey
   * One list row. @typedef {{id: string, name: string, masked: string, start: string, end: string,
   *   created: string, lastUsed: ?string, expires: ?string, scopes: string[], owner: ?string, status: string,
   *   source: ("site"|"browser"), local: boolean, spend: ?string, spendMicros: ?number, hash: ?string}} Row
   *   `local`: a site key revoked in this browser only (it still works wherever it was issued).
   * An operation's outcome. @typedef {{ok: true, state: State, value: *} | {ok: false, error: {code: string, message: string}}} Result
   */

  const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const BODY = 32, CHECK = 6, VERSION = 3, NAME_MAX = 64, DAY = 86400000, KEEP_DELETED = 30 * DAY;

  // ---- Key format: the same as Sources/ForgeKit/Model/KeyFormat.swift ----

  const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xEDB88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });

  /** CRC-32/IEEE of an ASCII string, as zlib's crc32 computes it. */
  function crc32(text) {
    let crc = 0xFFFFFFFF;
    for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  /** The 6-character base62 checksum of a body, left-padded with "0". */
  function checksum(body) {
    let value = crc32(body), out = "";
    for (let i = 0; i < CHECK; i++, value = Math.floor(value / 62)) out = ALPHABET[value % 62] + out;
    return out;
  }

  /** True when the last 38 characters are a base62 body and its checksum. */
  function hasValidChecksum(token) {
    const tail = String(token).slice(-(BODY + CHECK));
    return /^[0-9A-Za-z]{38}$/.test(tail) && checksum(tail.slice(0, BODY)) === tail.slice(BODY);
  }

  /** `count` base62 characters; bytes >= 248 (4 × 62) are rejected, so `% 62` has no bias. */
  function randomBase62(crypto, count) {
    let out = "";
    while (out.length < count) {
      for (const byte of crypto.getRandomValues(new Uint8Array(count * 2))) {
        if (byte < 248 && out.length < count) out += ALPHABET[byte % 62];
      }
    }
    return out;
  }

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

  /** A new secret (prefix + 32 random base62 + checksum) and its visible parts. */
  function generateKey(prefix, crypto) {
    const body = randomBase62(crypto, BODY), secret = prefix + body + checksum(body);
    return { secret, start: prefix + body.slice(0, 4), end: secret.slice(-4) };
  }

  /** `local_` + 16 hex: in the `[a-z0-9_-]` alphabet of site key ids, never equal to one in practice. */
  const generateId = (crypto) => "local_" + hex(crypto.getRandomValues(new Uint8Array(8)));

  /** SHA-256 of the secret's UTF-8 bytes as 64 hex (crypto.subtle). */
  const hashSecret = (secret, crypto) =>
    crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)).then((buf) => hex(new Uint8Array(buf)));

  // ---- Names and days ----

  const fold = (name) => name.normalize("NFC").toLowerCase();
  const plural = (n, word, words) => `${n.toLocaleString("en")} ${n === 1 ? word : words || word + "s"}`;

  /** Trimmed, 1-64 characters, no control characters, unique among `taken` (live names), ignoring case. */
  function validateName(raw, taken) {
    const name = String(raw ?? "").trim(), length = Array.from(name).length;
    if (!name) return { ok: false, message: "Enter a name for the key." };
    if (length > NAME_MAX) return { ok: false, message: `Use at most ${NAME_MAX} characters (this name has ${length}).` };
    // C1 too (U+0080-U+009F): forge's YAML reader refuses them, so a key file with one could not be added to the site.
    if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return { ok: false, message: "The name cannot contain control characters." };
    const clash = taken.find((t) => fold(t) === fold(name));
    if (clash !== undefined) return { ok: false, message: `A live key is already named “${clash}”. Choose another name.` };
    return { ok: true, name };
  }

  const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
  const addDays = (day, days) => dayOf(Date.parse(day + "T00:00:00Z") + days * DAY);

  // ---- Scopes and owner (site.yaml's `scopes`; PRODUCT.md §2) ----

  const SCOPE = /^[a-z0-9_.:-]{1,64}$/;
  // An address a person can read back: no spaces, one @, a dotted ASCII domain. Not RFC 5322 in
  // full: quoted local parts and IP literals are refused rather than half-checked.
  const EMAIL = /^[^\s@"<>,;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

  /** Trimmed; empty is no owner (null). */
  function validateOwner(raw) {
    const owner = String(raw ?? "").trim();
    if (!owner) return { ok: true, owner: null };
    return owner.length <= 254 && EMAIL.test(owner) ? { ok: true, owner }
      : { ok: false, message: "Enter an email address such as ops@example.com, or leave the owner empty." };
  }

  // ---- Stored state: migration and validation ----

  const emptyState = () => ({ version: VERSION, keys: [], site: {}, deleted: [] });

  // Upgrades version n to n + 1. Version 1 (the first shape) had a boolean `revoked` and no site
  // overrides; version 2 had no scopes, owner or Recently deleted (issue 9).
  const MIGRATIONS = {
    2: (old) => ({
      version: 3,
      site: old.site,
      deleted: [],
      keys: Array.isArray(old.keys) ? old.keys.map((k) => ({ scopes: [], owner: null, ...k })) : old.keys
    }),
    1: (old) => ({
      version: 2,
      site: {},
      keys: (Array.isArray(old.keys) ? old.keys : []).map((k) => {
        const { revoked, ...rest } = k || {};
        return { ...rest, status: revoked ? "revoked" : "active", revokedAt: revoked ? rest.revokedAt || rest.created || null : null };
      })
    })
  };

  const isTime = (v) => typeof v === "string" && !isNaN(Date.parse(v));
  const VALID = {
    id: (v) => /^local_[a-z0-9_-]{1,58}$/.test(v),
    name: (v) => typeof v === "string" && v === v.trim() && validateName(v, []).ok,
    hash: (v) => /^[0-9a-f]{64}$/.test(v),
    start: (v) => /^\w{5,20}$/.test(v),
    end: (v) => /^[0-9A-Za-z]{4}$/.test(v),
    created: isTime,
    expires: (v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v),
    status: (v) => v === "active" || v === "revoked",
    revokedAt: (v) => v === null || isTime(v),
    scopes: (v) => Array.isArray(v) && v.length <= 64 && v.every((s) => SCOPE.test(s)) && new Set(v).size === v.length,
    owner: (v) => v === null || validateOwner(v).owner === v
  };
  const OPTIONAL = { expires: null, revokedAt: null, owner: null, scopes: [] };

  /** A stored or imported key with exactly the schema's fields (`extra` too), or null when one is wrong. */
  function cleanKey(k, extra) {
    if (!k || typeof k !== "object") return null;
    const out = {}, rules = { ...VALID, ...extra };
    for (const field in rules) {
      const v = k[field] === undefined && field in OPTIONAL ? OPTIONAL[field] : k[field];
      if (typeof v !== "string" && v !== null && field !== "scopes" || !rules[field](v)) return null;
      out[field] = field === "scopes" ? v.slice() : v;
    }
    return out;
  }
  const cleanDeleted = (k) => cleanKey(k, { deletedAt: isTime });

  /** @returns {?State} the data upgraded to VERSION, or null when it is not a valid state. */
  function normalize(data) {
    let state = data;
    while (state && typeof state.version === "number" && state.version < VERSION) {
      state = MIGRATIONS[state.version] ? MIGRATIONS[state.version](state) : null;
    }
    if (!state || state.version !== VERSION || !Array.isArray(state.keys) || !Array.isArray(state.deleted) ||
      !state.site || typeof state.site !== "object") return null;
    const keys = state.keys.map((k) => cleanKey(k)), deleted = state.deleted.map(cleanDeleted);
    const ids = new Set(keys.concat(deleted).map((k) => k && k.id));
    if (keys.includes(null) || deleted.includes(null) || ids.size !== keys.length + deleted.length) return null;
    const site = {};
    for (const [id, o] of Object.entries(state.site)) {
      if (!o || (o.status !== "revoked" && o.status !== "deleted") || typeof o.at !== "string") return null;
      site[id] = { status: o.status, at: o.at };
      if (o.status === "deleted") {
        if (o.revoked != null && !isTime(o.revoked)) return null;
        site[id].revoked = o.revoked ?? null;
      }
    }
    return { version: VERSION, keys, site, deleted };
  }

  // ---- The store ----

  const fail = (code, message) => ({ ok: false, error: { code, message } });
  const MESSAGES = {
    quota: "This browser's storage for the site is full, so the change was not saved. Delete unused keys or free some site data, then try again.",
    blocked: "This browser blocks storage for this page (private mode or a site-data setting), so keys cannot be saved here.",
    newer: "The keys stored here were saved by a newer version of this site. They are left untouched and cannot be changed from this page.",
    corrupt: "Stored keys could not be read and could not be moved aside, so nothing is written over them.",
    unknown: "The change could not be saved: "
  };

  /** Sorts a storage exception into "quota", "blocked" or "unknown". */
  function classify(error) {
    const name = error && error.name;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (error && error.code === 22)) return "quota";
    return name === "SecurityError" ? "blocked" : "unknown";
  }
  function storageError(error) {
    const code = classify(error);
    return fail(code, MESSAGES[code] + (code === "unknown" ? String(error && error.message || error) : ""));
  }

  /**
   * One site's keys in localStorage under `forge:<siteId>:keys`. Every write re-reads the stored
   * state and applies one operation to it, so another tab's change since our last read is kept
   * and a key it deleted is never written back.
   * @param {{siteId: string, storage: function(): Storage}} options `storage()` may throw (blocked)
   */
  function createStore({ siteId, storage }) {
    const key = `forge:${siteId}:keys`;

    /** Copies unreadable data to the first free `<key>:corrupt:<n>` and removes it; the name, or null. */
    function moveAside(store, raw) {
      let n = 1;
      while (store.getItem(`${key}:corrupt:${n}`) !== null) n++;
      try {
        store.setItem(`${key}:corrupt:${n}`, raw);
        store.removeItem(key);
        return `${key}:corrupt:${n}`;
      } catch (e) { return null; }
    }

    /**
     * @param {boolean} aside move corrupt data aside (false: only look, for the summary cards)
     * @returns {{state: State, writable: boolean, notices: Array<{code: string, message: string}>, store?: Storage}}
     */
    function load(aside = true) {
      let store, raw;
      try {
        store = storage();
        if (!store) throw Object.assign(new Error("no localStorage"), { name: "SecurityError" });
        raw = store.getItem(key);
      } catch (e) {
        return { state: emptyState(), writable: false, notices: [storageError(e).error] };
      }
      if (raw === null) return { state: emptyState(), writable: true, notices: [], store };
      let data;
      try { data = JSON.parse(raw); } catch (e) { data = null; }
      if (data && data.version > VERSION) return { state: emptyState(), writable: false, notices: [{ code: "newer", message: MESSAGES.newer }] };
      const state = normalize(data);
      if (state) return { state, writable: true, notices: [], store };
      const backup = aside && moveAside(store, raw);
      if (!backup) return { state: emptyState(), writable: false, notices: [{ code: "corrupt", message: MESSAGES.corrupt }] };
      return { state: emptyState(), writable: true, store, notices: [{ code: "corrupt", backup,
        message: `The keys stored in this browser could not be read. They were kept aside under “${backup}” and the list starts again from the site's keys.` }] };
    }

    /** The stored state, upgraded; corrupt data is moved aside first (unless `aside` is false). */
    function read(aside) {
      const { store, ...result } = load(aside);
      return result;
    }

    /** Re-reads, applies `operation` (State -> Result) and writes its state. @returns {Result & {notices?: Array}} */
    function update(operation) {
      const current = load();
      if (!current.writable) return fail(current.notices[0].code, current.notices[0].message);
      const result = operation(current.state);
      if (!result.ok) return result;
      try { current.store.setItem(key, JSON.stringify(result.state)); } catch (e) { return storageError(e); }
      return { ...result, notices: current.notices };
    }

    return { key, read, update };
  }

  // ---- Operations: pure State -> Result, applied by store.update ----

  const GONE = "This key no longer exists (it was deleted, perhaps in another tab).";
  const copy = (state) => ({ version: VERSION, keys: state.keys.slice(), site: { ...state.site }, deleted: state.deleted.slice() });
  const done = (state, value) => ({ ok: true, state, value });
  const indexOf = (state, id) => state.keys.findIndex((k) => k.id === id);
  const since = (at, now) => Date.parse(now) - Date.parse(at) < KEEP_DELETED;

  /**
   * Revoke or delete: a local decision for a site key, a change of the record for a local one.
   * A deleted browser key moves to `deleted` (Recently deleted, 30 days); older entries are
   * dropped on the way, so the list stays bounded.
   */
  function retire(id, source, at, deleting) {
    return (state) => {
      const next = copy(state);
      if (source === "site") {
        const previous = state.site[id] || null;
        if (previous && previous.status === "deleted") return fail("gone", GONE);
        next.site[id] = deleting ? { status: "deleted", at, revoked: previous ? previous.at : null } : { status: "revoked", at };
        return done(next, { source, id, previous, deleting });
      }
      const i = indexOf(state, id);
      if (i < 0) return fail("gone", GONE);
      const record = state.keys[i];
      if (deleting) {
        next.keys.splice(i, 1);
        next.deleted = next.deleted.filter((k) => since(k.deletedAt, at)).concat({ ...record, deletedAt: at });
      } else next.keys[i] = { ...record, status: "revoked", revokedAt: at };
      return done(next, { source, id, record, deleting });
    };
  }

  /** Brings a deleted key back as it was (a site key revoked here first comes back revoked). */
  const restore = (id, source, taken) => (state) => {
    const next = copy(state);
    if (source === "site") {
      const o = state.site[id];
      if (!o || o.status !== "deleted") return fail("gone", "This key is no longer in Recently deleted.");
      if (o.revoked) next.site[id] = { status: "revoked", at: o.revoked }; else delete next.site[id];
      return done(next, id);
    }
    const i = state.deleted.findIndex((k) => k.id === id);
    if (i < 0) return fail("gone", "This key is no longer in Recently deleted.");
    const { deletedAt, ...record } = state.deleted[i];
    if (record.status === "active" && !validateName(record.name, taken(state)).ok) {
      return fail("name", `“${record.name}” cannot come back while another live key has its name. Rename or delete that key first.`);
    }
    next.deleted.splice(i, 1);
    next.keys.push(record);
    return done(next, id);
  };

  const ops = {
    /** Adds a new local key; `taken(state)` gives the names of live keys. */
    add: (record, taken) => (state) => {
      const check = validateName(record.name, taken(state));
      if (!check.ok) return fail("name", check.message);
      const next = copy(state), key = cleanKey({ scopes: [], owner: null, ...record, name: check.name });
      if (!key) return fail("invalid", "The key's scopes or owner are not valid.");
      next.keys.push(key);
      return done(next, key);
    },
    /** Deletes a local key, or hides a site key here. The value is the undo token. */
    remove: (id, source, at) => retire(id, source, at, true),
    /** Revokes: the key stays listed as revoked and cannot be made active again (except by Undo). */
    revoke: (id, source, at) => retire(id, source, at, false),
    restore,
    /** Renames a local key (site keys are named by keys.yaml). */
    rename: (id, name, taken) => (state) => {
      const i = indexOf(state, id);
      if (i < 0) return fail("gone", GONE);
      const check = validateName(name, taken(state).filter((n) => n !== state.keys[i].name));
      if (!check.ok) return fail("name", check.message);
      const next = copy(state);
      next.keys[i] = { ...state.keys[i], name: check.name };
      return done(next, next.keys[i]);
    },
    /** Undoes remove (a restore) or revoke from its token, over the fresh state. */
    undo: (token, taken) => (state) => {
      if (token.deleting) return restore(token.id, token.source, taken || (() => []))(state);
      const next = copy(state);
      if (token.source === "site") {
        if (token.previous) next.site[token.id] = token.previous; else delete next.site[token.id];
      } else {
        const i = indexOf(state, token.id);
        if (i < 0) return fail("gone", GONE);
        next.keys[i] = token.record;
      }
      return done(next, token.id);
    },
    /** "Reset to site data": forgets every local decision about site keys; local keys stay. */
    resetSite: () => (state) => done({ ...copy(state), site: {} }, { previous: state.site }),
    undoReset: (token) => (state) => done({ ...copy(state), site: { ...token.previous, ...state.site } }, null),
    /** Adds imported keys whose id and hash are new here (Recently deleted included) and whose name is free if active. */
    importKeys: (keys, taken) => (state) => {
      const next = copy(state), names = taken(state), added = [], skipped = [], mine = state.keys.concat(state.deleted);
      for (const k of keys) {
        if (mine.some((own) => own.id === k.id || own.hash === k.hash)) skipped.push({ name: k.name, reason: "already present" });
        else if (k.status === "active" && !validateName(k.name, names).ok) skipped.push({ name: k.name, reason: "a live key has the same name" });
        else {
          next.keys.push(k);
          if (k.status === "active") names.push(k.name);
          added.push(k.name);
        }
      }
      return done(next, { added, skipped });
    }
  };

  /**
   * The status line after an import. Issue 9: 60 duplicates made one message with 60 names, so
   * skipped keys are counted per reason, and named only when there are three or fewer.
   */
  function importSummary({ added, skipped }, invalid) {
    const parts = [added.length ? `Imported ${plural(added.length, "key")}.` : "No keys imported."], reasons = new Map();
    for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) || []).concat(s.name));
    for (const [reason, list] of reasons) {
      parts.push(`${plural(list.length, "key")} skipped: ${reason}${list.length > 3 ? "" : ` (${list.map((n) => `“${n}”`).join(", ")})`}.`);
    }
    if (invalid) parts.push(`${plural(invalid, "entry", "entries")} not valid and left out.`);
    return parts.join(" ");
  }

  // ---- Export / import: metadata and hashes, never secrets ----

  const exportKeys = (state, siteId, now) =>
    ({ format: "forge-keys", version: VERSION, site: siteId, exported: new Date(now).toISOString(), keys: state.keys.map((k) => cleanKey(k)) });

  /** Reads an export file; entries that fail validation are counted, not imported. */
  function parseImport(text) {
    let data;
    try { data = JSON.parse(text); } catch (e) { return fail("import", "This file is not JSON: " + e.message); }
    if (!data || data.format !== "forge-keys" || !Array.isArray(data.keys)) {
      return fail("import", "This file is not a key export from Forge (it needs \"format\": \"forge-keys\" and a \"keys\" list).");
    }
    if (data.version > VERSION) return fail("import", "This export was written by a newer version of Forge.");
    const wrap = (keys) => normalize({ version: data.version, keys, site: {}, deleted: [] });
    if (!wrap([])) return fail("import", "This export's version is not known.");
    const keys = data.keys.map((k) => wrap([k])).filter(Boolean).map((s) => s.keys[0]);
    return { ok: true, keys, invalid: data.keys.length - keys.length };
  }

  // ---- The list model ----

  /**
   * Site keys with this browser's decisions applied, then the browser's own keys.
   * @param {SiteKey[]} siteKeys @param {State} state @param {string} today UTC day @returns {Row[]}
   */
  function buildRows(siteKeys, state, today) {
    const rows = [], bySite = new Map();
    for (const k of state.keys) bySite.set(siteIdOf(k), k).set(k.hash, k);
    const listed = new Set();
    for (const k of siteKeys) {
      const override = state.site[k.id], mine = bySite.get(k.id) || bySite.get(k.sha256);
      if (mine) listed.add(mine);
      if (override && override.status === "deleted") continue;
      rows.push({ id: k.id, name: k.name, masked: k.start + "..." + k.end, start: k.start, end: k.end, created: k.created,
        lastUsed: k.lastUsed || null, expires: k.expires || null, scopes: k.scopes || [], owner: k.owner || null,
        status: override ? "revoked" : k.status || "active", source: "site", local: !!override, spend: k.periodSpend || null,
        spendMicros: k.periodSpendMicros ?? null, hash: mine ? mine.hash : null });
    }
    // A browser key whose file was merged into the site is listed once, as the site key it became.
    for (const k of state.keys) {
      if (listed.has(k)) continue;
      const status = k.status === "revoked" ? "revoked" : k.expires && k.expires <= today ? "expired" : "active";
      rows.push({ id: k.id, name: k.name, masked: k.start + "..." + k.end, start: k.start, end: k.end, created: k.created,
        lastUsed: null, expires: k.expires, scopes: k.scopes, owner: k.owner, status, source: "browser", local: false,
        spend: null, spendMicros: null, hash: k.hash });
    }
    return rows;
  }

  /**
   * Recently deleted, newest first: browser keys (kept 30 days) and site keys deleted in this
   * browser within 30 days (older ones stay hidden until "Reset to site data").
   * @returns {Array<{id: string, name: string, masked: string, source: string, deletedAt: string}>}
   */
  function recentlyDeleted(siteKeys, state, now) {
    const list = state.deleted.filter((k) => since(k.deletedAt, now))
      .map((k) => ({ id: k.id, name: k.name, masked: k.start + "..." + k.end, source: "browser", deletedAt: k.deletedAt }));
    for (const k of siteKeys) {
      const o = state.site[k.id];
      if (o && o.status === "deleted" && since(o.at, now)) list.push({ id: k.id, name: k.name, masked: k.start + "..." + k.end, source: "site", deletedAt: o.at });
    }
    return list.sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : collator.compare(a.name, b.name)));
  }

  // ---- Adding a browser key to the site: Content/data/keys/<id>.yaml (PRODUCT.md §2, §6) ----

  /** The site id a browser key gets in its key file: `local_<hex>` becomes `key_<hex>`. */
  const siteIdOf = (k) => "key_" + k.id.slice(6);

  // Plain YAML only for text no YAML reader can take for anything else (a number, a date, a
  // boolean such as `no`, a key: value or a comment); everything else is a JSON string, which is a
  // valid YAML double-quoted scalar once the characters YAML treats as line breaks or forbids
  // (C1 controls, U+2028/9, BOM) are escaped too. The hash is always quoted: 64 hex digits can
  // be all digits, a number to YAML, and every key file then looks the same.
  const YAML_WORDS = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
  const yamlText = (s) => /^[A-Za-z][\w.@+/-]*(?: [\w.@+/-]+)*$/.test(s) && !YAML_WORDS.test(s) ? s
    : JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

  /**
   * The key file for a browser key: what `forge keys add` writes for the same fields, byte for byte
   * (Tests/key-file-vectors.json, read by the Swift suite too). The secret is not in it, only its
   * SHA-256, which the store already keeps.
   * @param {LocalKey} k @returns {{id: string, path: string, text: string}}
   */
  function keyFile(k) {
    const id = siteIdOf(k), lines = ["# An API key. No secret here: sha256 is the hash of the secret, which stays with its holder.",
      "id: " + id, "name: " + yamlText(k.name), "start: " + yamlText(k.start), "end: " + yamlText(k.end),
      `sha256: "${k.hash}"`, "created: " + k.created.slice(0, 10)];
    if (k.expires) lines.push("expires: " + k.expires);
    if (k.scopes.length) lines.push(`scopes: [${k.scopes.map(yamlText).join(", ")}]`);
    if (k.owner) lines.push("owner: " + yamlText(k.owner));
    return { id, path: `Content/data/keys/${id}.yaml`, text: lines.join("\n") + "\n" };
  }

  /** GitHub's "new file" page in `repository` on `branch`, with the file filled in (a pull request in two clicks). */
  const proposeURL = (repository, branch, file) => repository.replace(/\/+$/, "") + "/new/" +
    branch.split("/").map(encodeURIComponent).join("/") + "?filename=" + file.path + "&value=" + encodeURIComponent(file.text);

  /** Names of live (listed and active) keys, site keys included. */
  const liveNames = (siteKeys, state, today) => buildRows(siteKeys, state, today).filter((r) => r.status === "active").map((r) => r.name);

  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const SORT_VALUES = {
    name: (r) => r.name, key: (r) => r.masked, created: (r) => r.created, lastUsed: (r) => r.lastUsed,
    expires: (r) => r.expires, scopes: (r) => r.scopes.join(", ") || null, status: (r) => r.status,
    source: (r) => (r.source === "site" ? "Site data" : "This browser"), spend: (r) => r.spendMicros
  };

  /**
   * Search (name, masked key, owner), sort and one page. Empty values sort last both ways; ties
   * keep name order.
   * @param {Row[]} rows @param {{search?: string, sort?: string, dir?: string, page?: number, pageSize?: number}} q
   */
  function query(rows, q) {
    const needle = (q.search || "").trim().toLowerCase();
    const hits = needle ? rows.filter((r) => [r.name, r.masked, r.owner || ""].some((t) => t.toLowerCase().includes(needle))) : rows;
    const value = SORT_VALUES[q.sort] || SORT_VALUES.name, sign = q.dir === "desc" ? -1 : 1;
    const sorted = hits.map((r) => ({ r, v: value(r) })).sort((a, b) => {
      if (a.v !== b.v) {
        if (a.v === null) return 1;
        if (b.v === null) return -1;
        const c = typeof a.v === "number" ? a.v - b.v : collator.compare(a.v, b.v);
        if (c) return sign * c;
      }
      return collator.compare(a.r.name, b.r.name) || (a.r.id < b.r.id ? -1 : 1);
    });
    const size = q.pageSize || 25, pages = Math.max(1, Math.ceil(sorted.length / size));
    const page = Math.min(Math.max(1, q.page || 1), pages);
    return { rows: sorted.slice((page - 1) * size, page * size).map((x) => x.r), total: rows.length, matched: sorted.length,
      page, pages, first: sorted.length ? (page - 1) * size + 1 : 0 };
  }

  /**
   * What a pasted secret is: does its checksum hold, which listed key is it? Local keys match by
   * SHA-256; site keys, whose hash the site never has, only by start and end.
   * @returns {Promise<{checksumOk: boolean, prefixOk: boolean, match: ?Row, exact: boolean}>}
   */
  async function verify(secret, prefix, rows, crypto) {
    const text = String(secret).trim(), hash = await hashSecret(text, crypto);
    const exact = rows.find((r) => r.hash === hash);
    const match = exact || rows.find((r) => r.source === "site" && text.length > r.start.length + r.end.length &&
      text.startsWith(r.start) && text.endsWith(r.end)) || null;
    return { checksumOk: text.length === prefix.length + BODY + CHECK && hasValidChecksum(text),
      prefixOk: text.startsWith(prefix), match, exact: !!exact };
  }

  return {
    ALPHABET, VERSION, crc32, checksum, hasValidChecksum, randomBase62, generateKey, generateId, hashSecret,
    validateName, validateOwner, dayOf, addDays, emptyState, normalize, createStore, classify, ops, importSummary, exportKeys,
    parseImport, buildRows, recentlyDeleted, liveNames, query, verify, keyFile, proposeURL
  };
});
