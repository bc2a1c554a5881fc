// API keys, browser side: the key format, hashing, the localStorage store and the list model.
// Pure logic, no DOM, so `node --test` can run it (PRODUCT.md §6; keys-dialog.js is the widget).
// The secret is never stored: only its SHA-256, its visible `start` and `end`, and metadata.
(function (root, f) { typeof module === "object" ? module.exports = f() : root.ForgeKeystore = f(); })(this, function () {
  "use strict";

  /**
   * A key created in this browser, as stored.
   * @typedef {{id: string, name: string, hash: string, start: string, end: string, created: string,
   *   expires: (string|null), status: ("active"|"revoked"), revokedAt: (string|null)}} LocalKey
   * A local decision about a provisioned (site) key: revoked or deleted in this browser only.
   * @typedef {{status: ("revoked"|"deleted"), at: string}} SiteOverride
   * @typedef {{version: number, keys: LocalKey[], site: Object<string, SiteOverride>}} State
   * A key from the `forge-keys` JSON block (ARCHITECTURE.md); absent optionals are null.
   * @typedef {{id: string, name: string, start: string, end: string, created: string, lastUsed: ?string,
   *   expires: ?string, scopes: ?string[], owner: ?string, status: string, periodSpend: ?string,
   *   periodSpendMicros: ?number}} SiteKey
   * One row of the list, whatever its source.
   * @typedef {{id: string, name: string, masked: string, start: string, end: string, created: string,
   *   lastUsed: ?string, expires: ?string, scopes: string[], owner: ?string, status: string,
   *   source: ("site"|"browser"), spend: ?string, spendMicros: ?number, hash: ?string}} Row
   * @typedef {{code: string, message: string}} StoreError
   */

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  var BODY_LENGTH = 32;
  var CHECKSUM_LENGTH = 6;
  var VERSION = 2;
  var NAME_MAX = 64;

  // ---- Key format (same as Sources/ForgeKit/Model/KeyFormat.swift) ----

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  /** CRC-32/IEEE of a string's char codes (ASCII), as zlib's crc32 computes it. */
  function crc32(text) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  /** The 6-character base62 checksum of a key body, left-padded with "0". */
  function checksum(body) {
    var value = crc32(body), out = "";
    for (var i = 0; i < CHECKSUM_LENGTH; i++) {
      out = ALPHABET[value % 62] + out;
      value = Math.floor(value / 62);
    }
    return out;
  }

  var BASE62_TAIL = new RegExp("^[0-9A-Za-z]{" + (BODY_LENGTH + CHECKSUM_LENGTH) + "}$");

  /** True when the last 38 characters are a base62 body followed by its checksum. */
  function hasValidChecksum(token) {
    var tail = String(token).slice(-(BODY_LENGTH + CHECKSUM_LENGTH));
    if (!BASE62_TAIL.test(tail)) return false;
    return checksum(tail.slice(0, BODY_LENGTH)) === tail.slice(BODY_LENGTH);
  }

  /**
   * `count` base62 characters from crypto.getRandomValues. Bytes >= 248 are rejected so every
   * character is equally likely (248 = 4 × 62; a plain `% 62` would favour the first 8).
   */
  function randomBase62(cryptoObj, count) {
    var out = "";
    while (out.length < count) {
      var bytes = cryptoObj.getRandomValues(new Uint8Array(count * 2));
      for (var i = 0; i < bytes.length && out.length < count; i++) {
        if (bytes[i] < 248) out += ALPHABET[bytes[i] % 62];
      }
    }
    return out;
  }

  /** A new secret: prefix + 32 random base62 + checksum, with its visible parts. */
  function generateKey(prefix, cryptoObj) {
    var body = randomBase62(cryptoObj, BODY_LENGTH);
    var secret = prefix + body + checksum(body);
    return { secret: secret, start: prefix + body.slice(0, 4), end: secret.slice(-4) };
  }

  /** A local key id: `local_` and 16 lowercase hex, in the `[a-z0-9_-]` alphabet of site ids. */
  function generateId(cryptoObj) {
    var bytes = cryptoObj.getRandomValues(new Uint8Array(8)), hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
    return "local_" + hex;
  }

  /** SHA-256 of the secret's UTF-8 bytes, as 64 lowercase hex (crypto.subtle). */
  function hashSecret(secret, cryptoObj) {
    return cryptoObj.subtle.digest("SHA-256", new TextEncoder().encode(secret)).then(function (buffer) {
      var bytes = new Uint8Array(buffer), hex = "";
      for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
      return hex;
    });
  }

  function mask(start, end) { return start + "..." + end; }

  // ---- Names and dates ----

  function nameKey(name) { return name.normalize("NFC").toLowerCase(); }

  /**
   * Checks a key name: trimmed, 1-64 characters, no control characters, unique (ignoring case)
   * among `taken`, the names of live keys.
   * @returns {{ok: true, name: string} | {ok: false, message: string}}
   */
  function validateName(raw, taken) {
    var name = String(raw == null ? "" : raw).trim();
    if (!name) return { ok: false, message: "Enter a name for the key." };
    if (Array.from(name).length > NAME_MAX) return { ok: false, message: "Use at most " + NAME_MAX + " characters (this name has " + Array.from(name).length + ")." };
    if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, message: "The name cannot contain control characters." };
    var wanted = nameKey(name);
    for (var i = 0; i < taken.length; i++) {
      if (nameKey(taken[i]) === wanted) return { ok: false, message: "A live key is already named “" + taken[i] + "”. Choose another name." };
    }
    return { ok: true, name: name };
  }

  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  /** UTC calendar day of a time in ms. */
  function dayOf(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function addDays(day, days) { return dayOf(Date.parse(day + "T00:00:00Z") + days * 86400000); }

  // ---- Stored state: shape, migration, validation ----

  function emptyState() { return { version: VERSION, keys: [], site: {} }; }

  // Each entry upgrades version n to n + 1. Version 1 (the first stored shape) kept a boolean
  // `revoked` per key and knew nothing of site keys; version 2 has a status and site overrides.
  var MIGRATIONS = {
    1: function (old) {
      return {
        version: 2,
        keys: (Array.isArray(old.keys) ? old.keys : []).map(function (k) {
          var copy = Object.assign({}, k);
          copy.status = k && k.revoked ? "revoked" : "active";
          copy.revokedAt = k && k.revoked ? (k.revokedAt || k.created || null) : null;
          delete copy.revoked;
          return copy;
        }),
        site: {}
      };
    }
  };

  function isString(v) { return typeof v === "string"; }
  function isDayOrNull(v) { return v === null || (isString(v) && DAY.test(v)); }

  /** Why a stored (or imported) local key is not valid, or null when it is. */
  function keyProblem(k) {
    if (!k || typeof k !== "object") return "not an object";
    if (!isString(k.id) || !/^local_[a-z0-9_-]{1,58}$/.test(k.id)) return "bad id";
    if (!isString(k.name) || !validateName(k.name, []).ok || k.name !== k.name.trim()) return "bad name";
    if (!isString(k.hash) || !/^[0-9a-f]{64}$/.test(k.hash)) return "bad hash";
    if (!isString(k.start) || !/^[0-9A-Za-z_]{5,20}$/.test(k.start)) return "bad start";
    if (!isString(k.end) || !/^[0-9A-Za-z]{4}$/.test(k.end)) return "bad end";
    if (!isString(k.created) || isNaN(Date.parse(k.created))) return "bad created";
    if (!isDayOrNull(k.expires)) return "bad expires";
    if (k.status !== "active" && k.status !== "revoked") return "bad status";
    if (k.revokedAt !== null && (!isString(k.revokedAt) || isNaN(Date.parse(k.revokedAt)))) return "bad revokedAt";
    return null;
  }

  /** Only the fields of the schema, so nothing else (a secret, a script) is ever carried along. */
  function cleanKey(k) {
    return { id: k.id, name: k.name, hash: k.hash, start: k.start, end: k.end, created: k.created,
      expires: k.expires === undefined ? null : k.expires, status: k.status,
      revokedAt: k.revokedAt === undefined ? null : k.revokedAt };
  }

  /** @returns {State|null} the state, upgraded to VERSION, or null when it is not valid. */
  function normalize(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return null;
    var state = data;
    while (state && typeof state.version === "number" && state.version < VERSION) {
      var step = MIGRATIONS[state.version];
      if (!step) return null;
      state = step(state);
    }
    if (!state || state.version !== VERSION || !Array.isArray(state.keys)) return null;
    if (!state.site || typeof state.site !== "object" || Array.isArray(state.site)) return null;
    var ids = {};
    var keys = [];
    for (var i = 0; i < state.keys.length; i++) {
      var k = state.keys[i];
      if (k && k.expires === undefined) k = Object.assign({}, k, { expires: null });
      if (k && k.revokedAt === undefined) k = Object.assign({}, k, { revokedAt: null });
      if (keyProblem(k) || ids[k.id]) return null;
      ids[k.id] = true;
      keys.push(cleanKey(k));
    }
    var site = {};
    for (var id in state.site) {
      var o = state.site[id];
      if (!o || (o.status !== "revoked" && o.status !== "deleted") || !isString(o.at)) return null;
      site[id] = { status: o.status, at: o.at };
    }
    return { version: VERSION, keys: keys, site: site };
  }

  // ---- The store ----

  function fail(code, message) { return { ok: false, error: { code: code, message: message } }; }

  var MESSAGES = {
    quota: "This browser's storage for the site is full, so the change was not saved. Delete unused keys or free some site data, then try again.",
    blocked: "This browser blocks storage for this page (private mode or a site-data setting), so keys cannot be saved here.",
    newer: "The keys stored here were saved by a newer version of this site. They are left untouched and cannot be changed from this page.",
    corrupt: "Stored keys could not be read and could not be moved aside, so nothing is written over them.",
    unknown: "The change could not be saved: "
  };

  /** Sorts a storage exception into "quota", "blocked" or "unknown". */
  function classify(error) {
    var name = error && error.name;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (error && error.code === 22)) return "quota";
    if (name === "SecurityError" || name === "InvalidAccessError") return "blocked";
    return "unknown";
  }
  function storageFailure(error) {
    var code = classify(error);
    return fail(code, MESSAGES[code] + (code === "unknown" ? String(error && error.message || error) : ""));
  }

  /**
   * The keys of one site in localStorage, under `forge:<siteId>:keys`. Every write re-reads the
   * stored state and applies one operation to it, so a change made by another tab since our
   * last read is kept, and a key deleted there is never written back.
   * @param {{siteId: string, storage: function(): Storage}} options `storage` may throw (blocked)
   */
  function createStore(options) {
    var key = "forge:" + options.siteId + ":keys";

    function getStorage() {
      try { return { storage: options.storage() }; } catch (e) { return { error: e }; }
    }

    /** Moves unreadable data to the first free `<key>:corrupt:<n>`; returns that name or null. */
    function moveAside(storage, raw) {
      for (var n = 1; n < 1000; n++) {
        var backup = key + ":corrupt:" + n;
        if (storage.getItem(backup) !== null) continue;
        try {
          storage.setItem(backup, raw);
          storage.removeItem(key);
          return backup;
        } catch (e) { return null; }
      }
      return null;
    }

    /**
     * @returns {{state: State, writable: boolean, notices: Array<{code: string, message: string, backup?: string}>}}
     */
    function read() {
      var got = getStorage();
      var raw;
      try {
        if (got.error || !got.storage) throw got.error || Object.assign(new Error("no storage"), { name: "SecurityError" });
        raw = got.storage.getItem(key);
      } catch (e) {
        var failure = storageFailure(e).error;
        return { state: emptyState(), writable: false, notices: [failure] };
      }
      if (raw === null) return { state: emptyState(), writable: true, notices: [] };
      var data;
      try { data = JSON.parse(raw); } catch (e) { data = undefined; }
      if (data && typeof data.version === "number" && data.version > VERSION) {
        return { state: emptyState(), writable: false, notices: [{ code: "newer", message: MESSAGES.newer }] };
      }
      var state = normalize(data);
      if (state) return { state: state, writable: true, notices: [] };
      var backup = moveAside(got.storage, raw);
      if (!backup) return { state: emptyState(), writable: false, notices: [{ code: "corrupt", message: MESSAGES.corrupt }] };
      return { state: emptyState(), writable: true, notices: [{ code: "corrupt", backup: backup,
        message: "The keys stored in this browser could not be read. They were kept aside under “" + backup + "” and the list starts again from the site's keys." }] };
    }

    /**
     * Re-reads, applies `operation` (a pure function State -> {ok, state, value} or a failure)
     * and writes the result.
     */
    function update(operation) {
      var current = read();
      if (!current.writable) {
        var notice = current.notices[0];
        return fail(notice.code, notice.message);
      }
      var result = operation(current.state);
      if (!result.ok) return result;
      try {
        getStorage().storage.setItem(key, JSON.stringify(result.state));
      } catch (e) {
        return storageFailure(e);
      }
      return { ok: true, state: result.state, value: result.value, notices: current.notices };
    }

    return { key: key, read: read, update: update };
  }

  // ---- Operations: pure State -> result, applied by store.update ----

  function copyState(state) {
    return { version: VERSION, keys: state.keys.slice(), site: Object.assign({}, state.site) };
  }
  function done(state, value) { return { ok: true, state: state, value: value }; }
  function indexOfKey(state, id) {
    for (var i = 0; i < state.keys.length; i++) if (state.keys[i].id === id) return i;
    return -1;
  }
  var GONE = "This key no longer exists (it was deleted, perhaps in another tab).";

  var ops = {
    /** Adds a new local key; `taken` are the names of live keys (see liveNames). */
    add: function (record, taken) {
      return function (state) {
        var check = validateName(record.name, taken(state));
        if (!check.ok) return fail("name", check.message);
        var next = copyState(state);
        next.keys.push(cleanKey(Object.assign({}, record, { name: check.name })));
        return done(next, record);
      };
    },
    /** Deletes a local key, or hides a site key in this browser. The value is the undo token. */
    remove: function (id, source, at) {
      return function (state) {
        var next = copyState(state);
        if (source === "site") {
          var previous = state.site[id] || null;
          if (previous && previous.status === "deleted") return fail("gone", GONE);
          next.site[id] = { status: "deleted", at: at };
          return done(next, { source: "site", id: id, previous: previous });
        }
        var index = indexOfKey(state, id);
        if (index < 0) return fail("gone", GONE);
        var removed = next.keys.splice(index, 1)[0];
        return done(next, { source: "browser", id: id, record: removed });
      };
    },
    /** Revokes a key: it stays listed as revoked, and cannot be made active again here. */
    revoke: function (id, source, at) {
      return function (state) {
        var next = copyState(state);
        if (source === "site") {
          var previous = state.site[id] || null;
          if (previous && previous.status === "deleted") return fail("gone", GONE);
          next.site[id] = { status: "revoked", at: at };
          return done(next, { source: "site", id: id, previous: previous });
        }
        var index = indexOfKey(state, id);
        if (index < 0) return fail("gone", GONE);
        var before = state.keys[index];
        next.keys[index] = Object.assign({}, before, { status: "revoked", revokedAt: at });
        return done(next, { source: "browser", id: id, record: before });
      };
    },
    /** Renames a local key (site keys are named by keys.yaml). */
    rename: function (id, name, taken) {
      return function (state) {
        var index = indexOfKey(state, id);
        if (index < 0) return fail("gone", GONE);
        var others = taken(state).filter(function (n) { return n !== state.keys[index].name; });
        var check = validateName(name, others);
        if (!check.ok) return fail("name", check.message);
        var next = copyState(state);
        next.keys[index] = Object.assign({}, state.keys[index], { name: check.name });
        return done(next, next.keys[index]);
      };
    },
    /** Undoes remove or revoke from its token: puts back what was there, over the fresh state. */
    undo: function (token) {
      return function (state) {
        var next = copyState(state);
        if (token.source === "site") {
          if (token.previous) next.site[token.id] = token.previous; else delete next.site[token.id];
          return done(next, token.id);
        }
        var index = indexOfKey(state, token.id);
        if (index < 0) next.keys.push(token.record); else next.keys[index] = token.record;
        return done(next, token.id);
      };
    },
    /** "Reset to site data": forgets every local decision about site keys; keeps local keys. */
    resetSite: function () {
      return function (state) {
        var next = copyState(state);
        next.site = {};
        return done(next, { source: "reset", previous: state.site });
      };
    },
    undoReset: function (token) {
      return function (state) {
        var next = copyState(state);
        next.site = Object.assign({}, token.previous, state.site);
        return done(next, null);
      };
    },
    /** Adds imported keys (already checked by parseImport) whose id and hash are new here. */
    importKeys: function (keys, taken) {
      return function (state) {
        var next = copyState(state);
        var names = taken(state).slice();
        var added = [], skipped = [];
        keys.forEach(function (k) {
          var clash = state.keys.some(function (own) { return own.id === k.id || own.hash === k.hash; });
          if (clash) { skipped.push({ name: k.name, reason: "already here" }); return; }
          if (k.status === "active" && !validateName(k.name, names).ok) { skipped.push({ name: k.name, reason: "a live key has this name" }); return; }
          next.keys.push(cleanKey(k));
          if (k.status === "active") names.push(k.name);
          added.push(k.name);
        });
        return done(next, { added: added, skipped: skipped });
      };
    }
  };

  // ---- Export / import: metadata and hashes, never secrets ----

  var EXPORT_FORMAT = "forge-keys";

  function exportKeys(state, siteId, now) {
    return { format: EXPORT_FORMAT, version: VERSION, site: siteId, exported: new Date(now).toISOString(),
      keys: state.keys.map(cleanKey) };
  }

  /**
   * Reads an export file. Keys that fail validation are reported, not imported.
   * @returns {{ok: true, keys: LocalKey[], invalid: number} | {ok: false, error: StoreError}}
   */
  function parseImport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return fail("import", "This file is not JSON: " + e.message); }
    if (!data || data.format !== EXPORT_FORMAT || !Array.isArray(data.keys)) {
      return fail("import", "This file is not a key export from Forge (it needs \"format\": \"forge-keys\" and a \"keys\" list).");
    }
    if (data.version > VERSION) return fail("import", "This export was written by a newer version of Forge.");
    if (!normalize({ version: data.version, keys: [], site: {} })) return fail("import", "This export's version is not known.");
    var keys = [], invalid = 0;
    data.keys.forEach(function (k) {
      var state = normalize({ version: data.version, keys: [k], site: {} });
      if (state) keys.push(state.keys[0]); else invalid++;
    });
    return { ok: true, keys: keys, invalid: invalid };
  }

  // ---- The list model ----

  /** Effective status of a local key on a day. */
  function localStatus(k, today) {
    if (k.status === "revoked") return "revoked";
    return k.expires && k.expires <= today ? "expired" : "active";
  }

  /** Names of live keys (listed and active), site keys included. */
  function liveNames(siteKeys, state, today) {
    return buildRows(siteKeys, state, today).filter(function (r) { return r.status === "active"; })
      .map(function (r) { return r.name; });
  }

  /**
   * Site keys with this browser's decisions applied, then the browser's own keys.
   * @param {SiteKey[]} siteKeys @param {State} state @param {string} today UTC day
   * @returns {Row[]}
   */
  function buildRows(siteKeys, state, today) {
    var rows = [];
    siteKeys.forEach(function (k) {
      var override = state.site[k.id];
      if (override && override.status === "deleted") return;
      rows.push({ id: k.id, name: k.name, masked: mask(k.start, k.end), start: k.start, end: k.end,
        created: k.created, lastUsed: k.lastUsed || null, expires: k.expires || null, scopes: k.scopes || [],
        owner: k.owner || null, status: override ? "revoked" : (k.status || "active"), source: "site",
        spend: k.periodSpend || null, spendMicros: k.periodSpendMicros == null ? null : k.periodSpendMicros, hash: null });
    });
    state.keys.forEach(function (k) {
      rows.push({ id: k.id, name: k.name, masked: mask(k.start, k.end), start: k.start, end: k.end,
        created: k.created, lastUsed: null, expires: k.expires, scopes: [], owner: null,
        status: localStatus(k, today), source: "browser", spend: null, spendMicros: null, hash: k.hash });
    });
    return rows;
  }

  var collator = typeof Intl === "object" ? new Intl.Collator("en", { numeric: true, sensitivity: "base" }) : null;
  function compareText(a, b) { return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0); }

  var SORT_VALUES = {
    name: function (r) { return r.name; },
    key: function (r) { return r.masked; },
    created: function (r) { return r.created; },
    lastUsed: function (r) { return r.lastUsed; },
    expires: function (r) { return r.expires; },
    scopes: function (r) { return r.scopes.length ? r.scopes.join(", ") : null; },
    status: function (r) { return r.status; },
    source: function (r) { return r.source === "site" ? "Site data" : "This browser"; },
    spend: function (r) { return r.spendMicros; }
  };

  /**
   * Search, sort and one page of rows. Empty values sort last in both directions; ties keep
   * name order, so a sort never shuffles equal rows.
   * @param {Row[]} rows
   * @param {{search?: string, sort?: string, dir?: ("asc"|"desc"), page?: number, pageSize?: number}} q
   */
  function query(rows, q) {
    var needle = (q.search || "").trim().toLowerCase();
    var hits = needle ? rows.filter(function (r) {
      return r.name.toLowerCase().indexOf(needle) >= 0 || r.masked.toLowerCase().indexOf(needle) >= 0 ||
        (r.owner !== null && r.owner.toLowerCase().indexOf(needle) >= 0);
    }) : rows.slice();
    var value = SORT_VALUES[q.sort] || SORT_VALUES.name;
    var sign = q.dir === "desc" ? -1 : 1;
    var keyed = hits.map(function (r) { return { r: r, v: value(r) }; });
    keyed.sort(function (a, b) {
      if (a.v !== b.v) {
        if (a.v === null) return 1;
        if (b.v === null) return -1;
        var c = typeof a.v === "number" ? a.v - b.v : compareText(a.v, b.v);
        if (c) return sign * c;
      }
      return compareText(a.r.name, b.r.name) || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0);
    });
    var size = q.pageSize || 25;
    var pages = Math.max(1, Math.ceil(keyed.length / size));
    var page = Math.min(Math.max(1, q.page || 1), pages);
    return { rows: keyed.slice((page - 1) * size, page * size).map(function (x) { return x.r; }),
      total: rows.length, matched: keyed.length, page: page, pages: pages, first: keyed.length ? (page - 1) * size + 1 : 0 };
  }

  // ---- Verify a pasted secret ----

  /**
   * What a pasted secret is: whether its checksum holds, and which listed key it belongs to.
   * Local keys match by SHA-256; site keys, whose hash the site never knows, by start and end.
   * @returns {Promise<{secret: string, checksumOk: boolean, prefixOk: boolean, match: ?Row, exact: boolean}>}
   */
  function verify(secret, prefix, rows, cryptoObj) {
    var text = String(secret).trim();
    var checksumOk = hasValidChecksum(text) && text.length === prefix.length + BODY_LENGTH + CHECKSUM_LENGTH;
    var prefixOk = text.indexOf(prefix) === 0;
    return hashSecret(text, cryptoObj).then(function (hash) {
      var match = null, exact = false;
      rows.forEach(function (r) {
        if (r.hash && r.hash === hash) { match = r; exact = true; }
      });
      if (!match) {
        rows.forEach(function (r) {
          if (!match && r.source === "site" && text.length > r.start.length + r.end.length &&
            text.indexOf(r.start) === 0 && text.slice(-r.end.length) === r.end) match = r;
        });
      }
      return { checksumOk: checksumOk, prefixOk: prefixOk, match: match, exact: exact };
    });
  }

  return {
    ALPHABET: ALPHABET, BODY_LENGTH: BODY_LENGTH, CHECKSUM_LENGTH: CHECKSUM_LENGTH, VERSION: VERSION, NAME_MAX: NAME_MAX,
    crc32: crc32, checksum: checksum, hasValidChecksum: hasValidChecksum, randomBase62: randomBase62,
    generateKey: generateKey, generateId: generateId, hashSecret: hashSecret, mask: mask,
    validateName: validateName, dayOf: dayOf, addDays: addDays,
    emptyState: emptyState, normalize: normalize, createStore: createStore, classify: classify, ops: ops,
    exportKeys: exportKeys, parseImport: parseImport,
    buildRows: buildRows, liveNames: liveNames, query: query, verify: verify
  };
});
