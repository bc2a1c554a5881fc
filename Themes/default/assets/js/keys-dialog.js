// The API Keys modal (PRODUCT.md §6): list, create, delete with Undo, rename, revoke, verify,
// export and import. Markup is the API (layouts/_partials/keys-dialog.mustache): data-keys-*
// elements are filled here, data-action buttons are handled by one delegated listener. All data
// goes into the page with textContent; the logic and storage live in keystore.js.
(function () {
  "use strict";

  var dialog = document.getElementById("keys-dialog");
  var K = window.ForgeKeystore;
  if (!dialog || !K) return;

  var UNDO_MS = 8000;
  var PAGE_SIZE = 25;
  var COLUMNS = { name: "Name", key: "Key", created: "Created", lastUsed: "Last used", expires: "Expires",
    scopes: "Scopes", status: "Status", source: "Source", spend: "Spend this period" };
  var BADGES = { active: "badge--success", revoked: "badge--danger", expired: "badge--warning" };

  function readJSON(id) {
    var el = document.getElementById(id);
    try { return el ? JSON.parse(el.textContent) : null; } catch (e) { return null; }
  }
  var site = readJSON("forge-site") || {};
  var siteKeys = (readJSON("forge-keys") || {}).keys || [];
  var prefix = site.keyPrefix || "sk_";
  var cryptoObj = window.crypto;
  var store = K.createStore({ siteId: site.id || "site", storage: function () { return window.localStorage; } });

  /** What the list shows; `editing` is the id of the key being renamed. */
  var view = { search: "", sort: "name", dir: "asc", page: 1, editing: null, draft: "", renameError: "" };
  var state = K.emptyState();
  var notices = {};
  var undo = null;

  function $(selector) { return dialog.querySelector(selector); }
  function today() { return K.dayOf(Date.now()); }
  function rows() { return K.buildRows(siteKeys, state, today()); }
  function taken(s) { return K.liveNames(siteKeys, s, today()); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function show(node, text) {
    node.textContent = text || "";
    node.hidden = !text;
  }

  // ---- Reading and writing ----

  function keepNotices(list) {
    (list || []).forEach(function (n) { notices[n.code] = n.message; });
  }
  function refresh() {
    var read = store.read();
    state = read.state;
    keepNotices(read.notices);
    render();
  }
  /** Applies one keystore operation; on failure shows its message in `where` and returns null. */
  function apply(operation, where) {
    var result = store.update(operation);
    if (!result.ok) {
      if (where) show(where, result.error.message);
      if (result.error.code === "gone") refresh();
      return null;
    }
    state = result.state;
    keepNotices(result.notices);
    if (where && where.hasAttribute("data-keys-error")) show(where, "");
    return result;
  }

  // ---- Rendering ----

  function renderNotices() {
    var box = $("[data-keys-notices]");
    box.textContent = "";
    Object.keys(notices).forEach(function (code) {
      var p = el("p", "notice notice--warning", notices[code]);
      p.setAttribute("role", "status");
      p.setAttribute("data-keys-notice", code);
      box.appendChild(p);
    });
  }

  function button(label, action, id, name, extra) {
    var b = el("button", "button button--small" + (extra ? " " + extra : ""), label);
    b.type = "button";
    b.setAttribute("data-action", action);
    b.setAttribute("data-key-id", id);
    // The visible word plus the key's name: "Delete Production backend" (PRODUCT.md §6).
    b.setAttribute("aria-label", label + " " + name);
    return b;
  }

  function cell(tr, column, content, className) {
    var td = el("td", className || "");
    td.setAttribute("data-label", COLUMNS[column] || "");
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    tr.appendChild(td);
    return td;
  }

  function renameForm(row) {
    var form = el("form", "keys-rename");
    form.setAttribute("data-keys-form", "rename");
    form.setAttribute("data-key-id", row.id);
    form.noValidate = true;
    var input = el("input", "input keys-rename__input");
    input.type = "text";
    input.value = view.draft;
    input.autocomplete = "off";
    input.setAttribute("aria-label", "New name for " + row.name);
    input.setAttribute("data-keys-rename-input", "");
    var error = el("p", "field__error", view.renameError);
    error.id = "keys-rename-error";
    input.setAttribute("aria-describedby", error.id);
    if (view.renameError) input.setAttribute("aria-invalid", "true");
    var save = el("button", "button button--small button--primary", "Save");
    save.type = "submit";
    var cancel = el("button", "button button--small", "Cancel");
    cancel.type = "button";
    cancel.setAttribute("data-action", "rename-cancel");
    var buttons = el("div", "keys-rename__buttons");
    buttons.append(save, cancel);
    form.append(input, buttons, error);
    return form;
  }

  function rowElement(row) {
    var tr = el("tr");
    tr.setAttribute("data-key-id", row.id);
    if (view.editing === row.id) {
      cell(tr, "name", renameForm(row), "keys-name");
    } else {
      var name = el("div", "keys-name__text", row.name);
      var nameCell = cell(tr, "name", name, "keys-name");
      if (row.owner) nameCell.appendChild(el("div", "keys-name__owner", row.owner));
    }
    cell(tr, "key", el("code", "keys-masked", row.masked));
    cell(tr, "created", row.created.slice(0, 10));
    cell(tr, "lastUsed", row.lastUsed || "Never");
    cell(tr, "expires", row.expires || "Never");
    cell(tr, "scopes", row.scopes.length ? row.scopes.join(", ") : "—");
    cell(tr, "status", el("span", "badge " + (BADGES[row.status] || "badge--muted"), row.status.charAt(0).toUpperCase() + row.status.slice(1)));
    cell(tr, "source", row.source === "site" ? "Site data" : "This browser");
    cell(tr, "spend", row.spend || "—", "num");
    var actions = el("div", "keys-actions");
    if (row.source === "browser" && view.editing !== row.id) actions.appendChild(button("Rename", "rename", row.id, row.name));
    if (row.status === "active") actions.appendChild(button("Revoke", "revoke", row.id, row.name, "button--danger"));
    actions.appendChild(button("Delete", "delete", row.id, row.name, "button--danger"));
    var td = cell(tr, "", actions, "keys-actions-cell");
    td.removeAttribute("data-label");
    return tr;
  }

  function render() {
    renderNotices();
    var all = rows();
    var result = K.query(all, { search: view.search, sort: view.sort, dir: view.dir, page: view.page, pageSize: PAGE_SIZE });
    view.page = result.page;

    // Keep focus on the same control of the same key when the rows are rebuilt.
    var active = document.activeElement;
    var focusKey = active && dialog.contains(active) && active.closest("[data-keys-rows]") ? {
      id: active.getAttribute("data-key-id") || (active.closest("tr") || active).getAttribute("data-key-id"),
      action: active.getAttribute("data-action"), rename: active.hasAttribute("data-keys-rename-input")
    } : null;

    var body = $("[data-keys-rows]");
    var fragment = document.createDocumentFragment();
    result.rows.forEach(function (row) { fragment.appendChild(rowElement(row)); });
    body.textContent = "";
    body.appendChild(fragment);

    dialog.querySelectorAll("th[data-sort]").forEach(function (th) {
      var key = th.getAttribute("data-sort");
      if (key === view.sort) th.setAttribute("aria-sort", view.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });

    $("[data-keys-count]").textContent = "(" + all.length.toLocaleString("en") + ")";
    var empty = $("[data-keys-empty]");
    if (!all.length) show(empty, "No keys yet. Create one above; it is kept in this browser only.");
    else if (!result.matched) show(empty, "No key name matches “" + view.search.trim() + "”.");
    else show(empty, "");
    $(".keys-table-wrap").hidden = !result.matched;

    $("[data-keys-range]").textContent = result.matched
      ? "Showing " + result.first.toLocaleString("en") + "–" + (result.first + result.rows.length - 1).toLocaleString("en") +
        " of " + result.matched.toLocaleString("en") + (result.matched < all.length ? " matching keys" : " keys")
      : "";
    $("[data-keys-page]").textContent = "Page " + result.page + " of " + result.pages;
    $("[data-keys-pager]").hidden = result.pages < 2 && !view.search;
    $(".keys-pager__buttons").hidden = result.pages < 2;
    $("[data-page='-1']").disabled = result.page <= 1;
    $("[data-page='1']").disabled = result.page >= result.pages;

    if (focusKey && !dialog.contains(document.activeElement)) {
      var target = focusKey.rename ? $("[data-keys-rename-input]")
        : body.querySelector("tr[data-key-id='" + CSS.escape(focusKey.id || "") + "'] [data-action='" + (focusKey.action || "") + "']");
      if (target) target.focus();
    }
  }

  function focusRow(id, action) {
    var target = $("[data-keys-rows] tr[data-key-id='" + CSS.escape(id) + "'] [data-action='" + action + "']");
    if (target) target.focus();
    return !!target;
  }

  /** Moves to the page that holds key `id` (after Undo, the key may sort onto another page). */
  function pageOf(id) {
    var all = K.query(rows(), { search: view.search, sort: view.sort, dir: view.dir, page: 1, pageSize: 1e9 }).rows;
    for (var i = 0; i < all.length; i++) if (all[i].id === id) return Math.floor(i / PAGE_SIZE) + 1;
    return view.page;
  }

  // ---- Undo ----

  /** Hides the Undo bar; if it had focus, focus goes to `undo.focusAfter` rather than nowhere. */
  function clearUndo() {
    var bar = $("[data-keys-undo]");
    var pending = undo;
    var hadFocus = bar.contains(document.activeElement);
    undo = null;
    bar.hidden = true;
    if (pending) {
      clearTimeout(pending.timer);
      if (hadFocus && pending.focusAfter) pending.focusAfter();
    }
  }

  /** Offers Undo for UNDO_MS; the time does not run out while the Undo bar has focus or the pointer. */
  function offerUndo(message, revert, focusAfter) {
    clearUndo();
    var bar = $("[data-keys-undo]");
    $("[data-keys-undo-text]").textContent = message;
    bar.hidden = false;
    var entry = undo = { revert: revert, focusAfter: focusAfter };
    var expire = function () {
      if (undo !== entry) return;
      if (bar.contains(document.activeElement) || bar.matches(":hover")) { entry.timer = setTimeout(expire, 2000); return; }
      clearUndo();
    };
    entry.timer = setTimeout(expire, UNDO_MS);
    $("[data-action='undo']").focus();
  }

  function focusAfterRemoval(index) {
    var buttons = dialog.querySelectorAll("[data-keys-rows] tr");
    var row = buttons[Math.min(index, buttons.length - 1)];
    var target = row ? row.querySelector("[data-action='delete']") : $("[data-keys-search]");
    (target || $("#keys-name")).focus();
  }

  // ---- Actions ----

  function rowById(id) {
    var all = rows();
    for (var i = 0; i < all.length; i++) if (all[i].id === id) return all[i];
    return null;
  }
  function rowIndex(id) {
    var trs = dialog.querySelectorAll("[data-keys-rows] tr");
    for (var i = 0; i < trs.length; i++) if (trs[i].getAttribute("data-key-id") === id) return i;
    return 0;
  }

  function removeOrRevoke(id, revoke) {
    var row = rowById(id);
    if (!row) return refresh();
    var listError = $("[data-keys-error='list']");
    var index = rowIndex(id);
    var now = new Date().toISOString();
    var result = apply(revoke ? K.ops.revoke(id, row.source, now) : K.ops.remove(id, row.source, now), listError);
    if (!result) return;
    if (view.editing === id) view.editing = null;
    render();
    var token = result.value;
    offerUndo((revoke ? "Revoked “" : "Deleted “") + row.name + "”.", function () {
      if (!apply(K.ops.undo(token), listError)) return;
      view.page = pageOf(id);
      render();
      focusRow(id, revoke ? "revoke" : "delete");
    }, function () { focusAfterRemoval(index); });
  }

  function resetSite() {
    var status = $("[data-keys-data-status]");
    if (!Object.keys(store.read().state.site).length) {
      status.textContent = "Nothing to reset: every key from the site data is shown as built.";
      return;
    }
    var result = apply(K.ops.resetSite(), status);
    if (!result) return;
    status.textContent = "";
    render();
    var token = result.value;
    offerUndo("Site keys restored as built.", function () {
      if (apply(K.ops.undoReset(token), status)) render();
    }, function () { $("[data-action='reset']").focus(); });
  }

  function startRename(id) {
    var row = rowById(id);
    if (!row) return;
    view.editing = id;
    view.draft = row.name;
    view.renameError = "";
    render();
    var input = $("[data-keys-rename-input]");
    input.focus();
    input.select();
  }
  function endRename(id) {
    view.editing = null;
    view.renameError = "";
    render();
    focusRow(id, "rename");
  }
  function saveRename(form) {
    var id = form.getAttribute("data-key-id");
    var result = store.update(K.ops.rename(id, view.draft, taken));
    if (!result.ok) {
      view.renameError = result.error.message;
      if (result.error.code === "gone") { view.editing = null; show($("[data-keys-error='list']"), result.error.message); refresh(); return; }
      render();
      $("[data-keys-rename-input]").focus();
      return;
    }
    state = result.state;
    endRename(id);
  }

  function fieldError(message) {
    var input = $("#keys-name");
    show($("[data-keys-error='name']"), message);
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    if (message) input.focus();
  }

  var creating = false;
  function createKey(form) {
    if (creating) return;
    var formError = $("[data-keys-error='create']");
    show(formError, "");
    var check = K.validateName(form.elements.name.value, taken(store.read().state));
    if (!check.ok) return fieldError(check.message);
    fieldError("");
    if (!cryptoObj || !cryptoObj.subtle) {
      return show(formError, "This page is not in a secure context (https, localhost or a file), so the browser offers no way to hash a key. Open it over https.");
    }
    var generated = K.generateKey(prefix, cryptoObj);
    var expiry = form.elements.expiry.value;
    creating = true;
    K.hashSecret(generated.secret, cryptoObj).then(function (hash) {
      var now = new Date();
      var record = { id: K.generateId(cryptoObj), name: check.name, hash: hash, start: generated.start, end: generated.end,
        created: now.toISOString(), expires: expiry ? K.addDays(K.dayOf(now.getTime()), Number(expiry)) : null,
        status: "active", revokedAt: null };
      var result = store.update(K.ops.add(record, taken));
      if (!result.ok) {
        // Nothing was saved, so the secret is dropped: a key nobody can verify is no key.
        if (result.error.code === "name") fieldError(result.error.message); else show(formError, result.error.message);
        return;
      }
      state = result.state;
      keepNotices(result.notices);
      form.elements.name.value = "";
      view.search = "";
      $("[data-keys-search]").value = "";
      view.page = pageOf(record.id);
      render();
      showSecret(check.name, generated.secret);
    }).catch(function (error) {
      show(formError, "The key could not be created: " + (error && error.message || error));
    }).then(function () { creating = false; });
  }

  function showSecret(name, secret) {
    var panel = $("[data-keys-secret]");
    $("[data-keys-secret-title]").textContent = "Key “" + name + "” created.";
    var value = $("[data-keys-secret-value]");
    value.value = secret;
    $("[data-keys-copy-status]").textContent = "";
    panel.hidden = false;
    panel.focus();
  }
  function hideSecret() {
    $("[data-keys-secret-value]").value = "";
    $("[data-keys-secret]").hidden = true;
  }

  function copySecret() {
    var input = $("[data-keys-secret-value]");
    var status = $("[data-keys-copy-status]");
    var fallback = function () {
      input.focus();
      input.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      status.textContent = copied ? "Copied to the clipboard." : "The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = "Copied to the clipboard.";
      }, fallback);
    } else {
      fallback();
    }
  }

  function verifyKey(form) {
    var box = $("[data-keys-verify-result]");
    var text = form.elements.secret.value.trim();
    box.textContent = "";
    if (!text) return box.appendChild(el("p", "notice notice--error", "Paste a secret key to verify."));
    if (!cryptoObj || !cryptoObj.subtle) return box.appendChild(el("p", "notice notice--error", "Verifying needs a secure context (https, localhost or a file)."));
    K.verify(text, prefix, rows(), cryptoObj).then(function (v) {
      var kind, lines = [];
      lines.push(v.checksumOk ? "The checksum holds: this has the shape of a real key." :
        "The checksum does not hold: this is not a whole key in this site's format (a typo, a cut-off copy or a lookalike).");
      if (v.checksumOk && !v.prefixOk) lines.push("It does not start with this site's prefix “" + prefix + "”, so another site issued it.");
      if (v.match && v.exact) {
        kind = "success";
        lines.unshift("This is “" + v.match.name + "” (" + v.match.masked + "), created in this browser, status " + v.match.status + ".");
        if (v.match.status === "active") lines.push("If it leaked, revoke it below and create a replacement.");
      } else if (v.match) {
        kind = "warning";
        lines.unshift("Its first and last characters match “" + v.match.name + "” (" + v.match.masked + ", site data). The site keeps no hash of provisioned keys, so this cannot be confirmed here.");
      } else {
        kind = v.checksumOk ? "warning" : "error";
        lines.unshift("It is not one of the keys listed here.");
      }
      var notice = el("div", "notice notice--" + kind);
      lines.forEach(function (line) { notice.appendChild(el("p", "", line)); });
      box.appendChild(notice);
    });
  }

  function exportKeys() {
    var status = $("[data-keys-data-status]");
    var current = store.read().state;
    if (!current.keys.length) {
      status.textContent = "There are no keys created in this browser to export.";
      return;
    }
    var data = JSON.stringify(K.exportKeys(current, site.id || "site", Date.now()), null, 2);
    var url = URL.createObjectURL(new Blob([data + "\n"], { type: "application/json" }));
    var link = el("a");
    link.href = url;
    link.download = "forge-keys-" + (site.id || "site") + "-" + today() + ".json";
    dialog.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    status.textContent = "Exported " + current.keys.length + (current.keys.length === 1 ? " key" : " keys") + " as " + link.download + " (no secrets).";
  }

  function importFile(input) {
    var status = $("[data-keys-data-status]");
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > 5e6) { status.textContent = "This file is too large to be a key export."; return; }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = K.parseImport(String(reader.result));
      if (!parsed.ok) { status.textContent = parsed.error.message; return; }
      var result = apply(K.ops.importKeys(parsed.keys, taken), status);
      if (!result) return;
      render();
      var added = result.value.added.length, skipped = result.value.skipped;
      var message = "Imported " + added + (added === 1 ? " key" : " keys") + ".";
      if (skipped.length) message += " Skipped " + skipped.map(function (s) { return "“" + s.name + "” (" + s.reason + ")"; }).join(", ") + ".";
      if (parsed.invalid) message += " " + parsed.invalid + (parsed.invalid === 1 ? " entry was" : " entries were") + " not valid and left out.";
      status.textContent = message;
    };
    reader.onerror = function () { status.textContent = "The file could not be read."; };
    reader.readAsText(file);
  }

  // ---- Events: one delegated listener per event type ----

  dialog.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!target || target.disabled) return;
    var id = target.getAttribute("data-key-id");
    switch (target.getAttribute("data-action")) {
      case "sort":
        var key = target.getAttribute("data-sort-key");
        view.dir = view.sort === key && view.dir === "asc" ? "desc" : "asc";
        view.sort = key;
        view.page = 1;
        render();
        break;
      case "page":
        view.page += Number(target.getAttribute("data-page"));
        render();
        if (target.disabled) $("[data-page='" + -Number(target.getAttribute("data-page")) + "']").focus();
        break;
      case "delete": removeOrRevoke(id, false); break;
      case "revoke": removeOrRevoke(id, true); break;
      case "undo":
        var pending = undo;
        if (!pending) break;
        undo = null; // the revert puts focus on the restored key, not focusAfter
        clearTimeout(pending.timer);
        $("[data-keys-undo]").hidden = true;
        pending.revert();
        break;
      case "rename": startRename(id); break;
      case "rename-cancel": endRename(target.closest("form").getAttribute("data-key-id")); break;
      case "copy": copySecret(); break;
      case "dismiss-secret": hideSecret(); $("#keys-name").focus(); break;
      case "export": exportKeys(); break;
      case "import": $("[data-keys-import]").click(); break;
      case "reset": resetSite(); break;
    }
  });

  dialog.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault(); // form-action 'none': nothing is ever sent anywhere
    var kind = form.getAttribute("data-keys-form");
    if (kind === "create") createKey(form);
    else if (kind === "verify") verifyKey(form);
    else if (kind === "rename") saveRename(form);
  });

  dialog.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches("[data-keys-search]")) {
      view.search = target.value;
      view.page = 1;
      render();
    } else if (target.matches("[data-keys-rename-input]")) {
      view.draft = target.value;
    } else if (target.id === "keys-name" && target.getAttribute("aria-invalid")) {
      fieldError("");
    }
  });

  dialog.addEventListener("change", function (event) {
    if (event.target.matches("[data-keys-import]")) importFile(event.target);
  });

  // Escape in the rename field cancels the rename instead of closing the whole dialog.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.matches && event.target.matches("[data-keys-rename-input]")) {
      event.preventDefault();
      event.stopPropagation();
      endRename(event.target.closest("form").getAttribute("data-key-id"));
    }
  });

  dialog.addEventListener("forge:dialog-open", refresh);

  // The secret and anything pasted into Verify leave the page when the dialog closes.
  dialog.addEventListener("close", function () {
    hideSecret();
    clearUndo();
    view.editing = null;
    $("#keys-verify-input").value = "";
    $("[data-keys-verify-result]").textContent = "";
  });

  // Another tab changed the keys: show its state (our own writes do not fire this event here).
  // While the dialog is closed there is nothing to update: opening it reads afresh.
  window.addEventListener("storage", function (event) {
    if (dialog.open && (event.key === store.key || event.key === null)) {
      if (view.editing && !store.read().state.keys.some(function (k) { return k.id === view.editing; })) view.editing = null;
      refresh();
    }
  });

  // Storage is first read when the dialog opens, so a notice about moved-aside data is shown
  // to someone who looks at keys, not spent on a page load nobody saw.
})();
