// The API Keys modal (PRODUCT.md §6). Markup is the API (layouts/_partials/keys-dialog.mustache):
// data-keys-* elements are filled here, data-action buttons go through one delegated listener.
// Everything from data reaches the page through textContent; logic and storage are keystore.js.
(function () {
  "use strict";

  const dialog = document.getElementById("keys-dialog");
  const K = window.ForgeKeystore;
  if (!dialog || !K) return;

  const UNDO_MS = 8000, PAGE_SIZE = 25;
  const LABELS = { key: "Key", created: "Created", lastUsed: "Last used", expires: "Expires", scopes: "Scopes",
    status: "Status", source: "Source", spend: "Spend this period" };
  const BADGES = { active: "badge--success", revoked: "badge--danger", expired: "badge--warning" };

  const json = (id) => {
    try { return JSON.parse(document.getElementById(id).textContent); } catch (e) { return null; }
  };
  const site = json("forge-site") || {};
  const siteKeys = (json("forge-keys") || {}).keys || [];
  const prefix = site.keyPrefix || "sk_";
  const crypto = window.crypto;
  // A site without usage data has no spend to show: the column would be all dashes.
  const hasSpend = siteKeys.some((k) => k.periodSpend);
  dialog.querySelector("th[data-sort='spend']").hidden = !hasSpend;
  const store = K.createStore({ siteId: site.id || "site", storage: () => window.localStorage });

  /** What the list shows; `editing` is the id of the key being renamed, `draft` its typed name. */
  const view = { search: "", sort: "name", dir: "asc", page: 1, editing: null, draft: "", renameError: "" };
  let state = K.emptyState();
  let undo = null;
  const notices = {};

  const $ = (selector) => dialog.querySelector(selector);
  const today = () => K.dayOf(Date.now());
  const rows = () => K.buildRows(siteKeys, state, today());
  const taken = (s) => K.liveNames(siteKeys, s, today());
  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

  /** An element with attributes (`text` becomes its textContent; null and false are skipped) and children. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else if (value != null && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children);
    return node;
  }
  /** Error boxes are hidden while empty. */
  function show(node, text) {
    node.textContent = text || "";
    node.hidden = !text;
  }

  // ---- Reading and writing ----

  function keep(list) {
    for (const n of list || []) notices[n.code] = n.message;
  }
  function refresh() {
    const read = store.read();
    state = read.state;
    keep(read.notices);
    render();
  }
  /** Applies a keystore operation. On failure the message goes to `box` and null is returned. */
  function apply(operation, box) {
    const result = store.update(operation);
    if (!result.ok) {
      if (box) show(box, result.error.message);
      if (result.error.code === "gone") refresh();
      return null;
    }
    state = result.state;
    keep(result.notices);
    if (box && box.hasAttribute("data-keys-error")) show(box, "");
    return result;
  }

  // ---- Rendering ----

  // Named with the key: "Delete Production backend" (PRODUCT.md §6).
  const actionButton = (label, action, row, danger) => el("button", { type: "button", class: "button button--small" +
    (danger ? " button--danger" : ""), "data-action": action, "data-key-id": row.id, "aria-label": `${label} ${row.name}`, text: label });

  function renameForm(row) {
    const input = el("input", { class: "input keys-rename__input", type: "text", autocomplete: "off", "data-keys-rename-input": true,
      "aria-label": "New name for " + row.name, "aria-describedby": "keys-rename-error", "aria-invalid": !!view.renameError && "true" });
    input.value = view.draft;
    return el("form", { class: "keys-rename", "data-keys-form": "rename", "data-key-id": row.id, novalidate: true }, input,
      el("div", { class: "keys-rename__buttons" }, el("button", { class: "button button--small button--primary", text: "Save" }),
        el("button", { type: "button", class: "button button--small", "data-action": "rename-cancel", text: "Cancel" })),
      el("p", { class: "field__error", id: "keys-rename-error", text: view.renameError }));
  }

  function rowElement(row) {
    const name = view.editing === row.id ? [renameForm(row)] : [el("div", { class: "keys-name__text", text: row.name })];
    if (row.owner && view.editing !== row.id) name.push(el("div", { class: "keys-name__owner", text: row.owner }));
    const cells = {
      key: el("code", { class: "keys-masked", text: row.masked }), created: row.created.slice(0, 10),
      lastUsed: row.lastUsed || "Never", expires: row.expires || "Never", scopes: row.scopes.join(", ") || "—",
      status: el("span", { class: "badge " + (BADGES[row.status] || "badge--muted"), text: row.status[0].toUpperCase() + row.status.slice(1) }),
      source: row.source === "site" ? "Site data" : "This browser"
    };
    if (hasSpend) cells.spend = window.ForgeKeyBudget ? window.ForgeKeyBudget(row) : row.spend || "—";  // v2 budgets: usage-dialog.js
    const actions = [];
    if (row.source === "browser" && view.editing !== row.id) actions.push(actionButton("Rename", "rename", row));
    if (row.status === "active") actions.push(actionButton("Revoke", "revoke", row, true));
    actions.push(actionButton("Delete", "delete", row, true));
    return el("tr", { "data-key-id": row.id }, el("td", { class: "keys-name" }, ...name),
      ...Object.entries(cells).map(([column, content]) => el("td", { "data-label": LABELS[column],
        class: column === "spend" ? "num" : column === "key" || column === "scopes" ? null : "keys-nowrap" }, content)),
      el("td", { class: "keys-actions-cell" }, el("div", { class: "keys-actions" }, ...actions)));
  }

  function render() {
    const box = $("[data-keys-notices]");
    box.textContent = "";
    for (const code in notices) box.append(el("p", { class: "notice notice--warning", role: "status", "data-keys-notice": code, text: notices[code] }));

    const all = rows();
    const result = K.query(all, { ...view, pageSize: PAGE_SIZE });
    view.page = result.page;

    // Rebuilding the rows must not lose the focus of a keyboard user: remember key and control.
    const focused = document.activeElement;
    const tbody = $("[data-keys-rows]");
    const keepFocus = tbody.contains(focused) && {
      id: focused.closest("tr").dataset.keyId, action: focused.dataset.action, rename: focused.hasAttribute("data-keys-rename-input")
    };
    tbody.replaceChildren(...result.rows.map(rowElement));

    for (const th of dialog.querySelectorAll("th[data-sort]")) {
      if (th.dataset.sort === view.sort) th.setAttribute("aria-sort", view.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    $("[data-keys-count]").textContent = `(${all.length.toLocaleString("en")})`;
    show($("[data-keys-empty]"), !all.length ? "No keys yet. Create one above; it is kept in this browser only."
      : !result.matched ? `No key name matches “${view.search.trim()}”.` : "");
    $(".keys-table-wrap").hidden = !result.matched;
    $(".keys-toolbar__search").hidden = !all.length;
    $("[data-keys-range]").textContent = result.matched ? `Showing ${result.first.toLocaleString("en")}–` +
      `${(result.first + result.rows.length - 1).toLocaleString("en")} of ${plural(result.matched, result.matched < all.length ? "matching key" : "key")}` : "";
    $("[data-keys-page]").textContent = `Page ${result.page} of ${result.pages}`;
    $(".keys-pager__buttons").hidden = result.pages < 2;
    $("[data-page='-1']").disabled = result.page <= 1;
    $("[data-page='1']").disabled = result.page >= result.pages;

    if (keepFocus && !dialog.contains(document.activeElement)) {
      (keepFocus.rename ? $("[data-keys-rename-input]") : control(keepFocus.id, keepFocus.action))?.focus();
    }
  }

  const control = (id, action) => $(`[data-keys-rows] tr[data-key-id="${CSS.escape(id)}"] [data-action="${action}"]`);
  const rowById = (id) => rows().find((r) => r.id === id);

  /** The page that holds key `id` now (after Undo or a create, it may sort onto another page). */
  function pageOf(id) {
    const index = K.query(rows(), { ...view, page: 1, pageSize: 1e9 }).rows.findIndex((r) => r.id === id);
    return index < 0 ? view.page : Math.floor(index / PAGE_SIZE) + 1;
  }

  // ---- Undo ----

  /** Hides the Undo bar; if it had focus, focus goes to `focusAfter` rather than to the page. */
  function clearUndo(restoring) {
    const bar = $("[data-keys-undo]"), pending = undo, hadFocus = bar.contains(document.activeElement);
    undo = null;
    bar.hidden = true;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (restoring) pending.revert();
    else if (hadFocus) pending.focusAfter();
  }

  /** Offers Undo for UNDO_MS, and longer while the bar has focus or the pointer (WCAG 2.2.1). */
  function offerUndo(message, revert, focusAfter) {
    clearUndo();
    const bar = $("[data-keys-undo]"), entry = undo = { revert, focusAfter };
    $("[data-keys-undo-text]").textContent = message;
    bar.hidden = false;
    const expire = () => {
      if (undo !== entry) return;
      if (bar.contains(document.activeElement) || bar.matches(":hover")) entry.timer = setTimeout(expire, 2000);
      else clearUndo();
    };
    entry.timer = setTimeout(expire, UNDO_MS);
    $("[data-action='undo']").focus();
  }

  // ---- Actions ----

  function retire(id, revoking) {
    const row = rowById(id);
    if (!row) return refresh();
    const listError = $("[data-keys-error='list']");
    const index = [...$("[data-keys-rows]").children].findIndex((tr) => tr.dataset.keyId === id);
    const now = new Date().toISOString();
    const result = apply(revoking ? K.ops.revoke(id, row.source, now) : K.ops.remove(id, row.source, now), listError);
    if (!result) return;
    if (view.editing === id) view.editing = null;
    render();
    // A site key keeps working wherever it was issued: say that this only changed this browser's view.
    offerUndo(`${revoking ? "Revoked" : "Deleted"} “${row.name}”${row.source === "site" ? " in this browser only" : ""}.`, () => {
      if (!apply(K.ops.undo(result.value), listError)) return;
      view.page = pageOf(id);
      render();
      control(id, revoking ? "revoke" : "delete")?.focus();
    }, () => {
      // The row that took the removed one's place, else the search field.
      const trs = $("[data-keys-rows]").children;
      (trs[Math.min(index, trs.length - 1)]?.querySelector("[data-action='delete']") || $("[data-keys-search]")).focus();
    });
  }

  function resetSite() {
    const status = $("[data-keys-data-status]");
    if (!Object.keys(store.read().state.site).length) {
      status.textContent = "Nothing to reset: every key from the site data is shown as built.";
      return;
    }
    const result = apply(K.ops.resetSite(), status);
    if (!result) return;
    status.textContent = "";
    render();
    offerUndo("Site keys restored as built.", () => apply(K.ops.undoReset(result.value), status) && render(),
      () => $("[data-action='reset']").focus());
  }

  function startRename(id) {
    const row = rowById(id);
    if (!row) return;
    Object.assign(view, { editing: id, draft: row.name, renameError: "" });
    render();
    $("[data-keys-rename-input]").focus();
    $("[data-keys-rename-input]").select();
  }
  function endRename(id) {
    Object.assign(view, { editing: null, renameError: "" });
    render();
    control(id, "rename")?.focus();
  }
  function saveRename(form) {
    const id = form.dataset.keyId;
    const result = store.update(K.ops.rename(id, view.draft, taken));
    if (result.ok) {
      state = result.state;
      return endRename(id);
    }
    if (result.error.code === "gone") {
      view.editing = null;
      show($("[data-keys-error='list']"), result.error.message);
      return refresh();
    }
    view.renameError = result.error.message;
    render();
    $("[data-keys-rename-input]").focus();
  }

  function fieldError(message) {
    const input = $("#keys-name");
    show($("[data-keys-error='name']"), message);
    if (!message) return input.removeAttribute("aria-invalid");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  let creating = false;
  async function createKey(form) {
    const formError = $("[data-keys-error='create']");
    if (creating) return;
    show(formError, "");
    const check = K.validateName(form.elements.name.value, taken(store.read().state));
    fieldError(check.ok ? "" : check.message);
    if (!check.ok) return;
    if (!crypto || !crypto.subtle) return show(formError, "Keys can only be made on a secure page (https, localhost or a file).");
    creating = true;
    try {
      const generated = K.generateKey(prefix, crypto), now = new Date(), days = Number(form.elements.expiry.value);
      const record = { id: K.generateId(crypto), name: check.name, hash: await K.hashSecret(generated.secret, crypto),
        start: generated.start, end: generated.end, created: now.toISOString(),
        expires: days ? K.addDays(K.dayOf(now.getTime()), days) : null, status: "active", revokedAt: null };
      const result = store.update(K.ops.add(record, taken));
      // On failure nothing was saved, and the secret is dropped with it: a key nobody can verify is no key.
      if (!result.ok) return result.error.code === "name" ? fieldError(result.error.message) : show(formError, result.error.message);
      state = result.state;
      keep(result.notices);
      form.elements.name.value = view.search = $("[data-keys-search]").value = "";
      view.page = pageOf(record.id);
      render();
      $("[data-keys-secret-title]").textContent = `Key “${check.name}” created.`;
      $("[data-keys-secret-value]").value = generated.secret;
      $("[data-keys-copy-status]").textContent = "";
      $("[data-keys-secret]").hidden = false;
      $("[data-keys-secret]").focus();
    } finally {
      creating = false;
    }
  }

  function hideSecret() {
    $("[data-keys-secret-value]").value = "";
    $("[data-keys-secret]").hidden = true;
  }

  function copySecret() {
    const input = $("[data-keys-secret-value]"), status = $("[data-keys-copy-status]");
    const copied = () => { status.textContent = "Copied to the clipboard."; };
    // Without the Clipboard API (or when it is refused), select the text for Ctrl+C.
    const fallback = () => {
      input.focus();
      input.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) copied(); else status.textContent = "The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    };
    if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(copied, fallback); else fallback();
  }

  async function verifyKey(form) {
    const box = $("[data-keys-verify-result]"), text = form.elements.secret.value.trim();
    const say = (kind, lines) => {
      box.replaceChildren(el("div", { class: "notice notice--" + kind }, ...lines.map((line) => el("p", { text: line }))));
    };
    if (!text) return say("error", ["Paste a secret key to verify."]);
    if (!crypto || !crypto.subtle) return say("error", ["Verifying needs a secure page (https, localhost or a file)."]);
    const v = await K.verify(text, prefix, rows(), crypto);
    const lines = [v.checksumOk ? "The checksum holds: this has the shape of a real key."
      : "The checksum does not hold: this is not a whole key in this site's format (a typo, a cut-off copy or a lookalike)."];
    if (v.checksumOk && !v.prefixOk) lines.push(`It does not start with this site's prefix “${prefix}”, so another site issued it.`);
    if (v.exact) {
      lines.unshift(`This is “${v.match.name}” (${v.match.masked}), created in this browser, status ${v.match.status}.`);
      if (v.match.status === "active") lines.push("If it leaked, revoke it and create a replacement.");
    } else if (v.match) {
      lines.unshift(`Its first and last characters match “${v.match.name}” (${v.match.masked}, site data). ` +
        "The site keeps no hash of provisioned keys, so this cannot be confirmed here.");
    } else lines.unshift("It is not one of the keys listed here.");
    say(v.exact ? "success" : v.match || v.checksumOk ? "warning" : "error", lines);
  }

  function exportKeys() {
    const status = $("[data-keys-data-status]"), current = store.read().state;
    if (!current.keys.length) {
      status.textContent = "There are no keys created in this browser to export.";
      return;
    }
    const data = JSON.stringify(K.exportKeys(current, site.id || "site", Date.now()), null, 2) + "\n";
    const link = el("a", {});
    link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
    link.download = `forge-keys-${site.id || "site"}-${today()}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = `Exported ${plural(current.keys.length, "key")} as ${link.download} (no secrets).`;
  }

  async function importFile(input) {
    const status = $("[data-keys-data-status]"), file = input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > 5e6) {
      status.textContent = "This file is too large to be a key export.";
      return;
    }
    const parsed = K.parseImport(await file.text());
    if (!parsed.ok) {
      status.textContent = parsed.error.message;
      return;
    }
    const result = apply(K.ops.importKeys(parsed.keys, taken), status);
    if (!result) return;
    render();
    const { added, skipped } = result.value;
    status.textContent = [`Imported ${plural(added.length, "key")}.`,
      skipped.length ? `Skipped ${skipped.map((s) => `“${s.name}” (${s.reason})`).join(", ")}.` : "",
      parsed.invalid ? `${parsed.invalid} ${parsed.invalid === 1 ? "entry was" : "entries were"} not valid and left out.` : ""].join(" ").trim();
  }

  // ---- Events: one delegated listener per event type ----

  dialog.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target || target.disabled) return;
    const id = target.dataset.keyId;
    switch (target.dataset.action) {
      case "sort": {
        const key = target.dataset.sortKey;
        view.dir = view.sort === key && view.dir === "asc" ? "desc" : "asc";
        view.sort = key;
        view.page = 1;
        render();
        break;
      }
      case "page":
        view.page += Number(target.dataset.page);
        render();
        // At the first or last page the pressed button is disabled: keep focus on the other one.
        if (target.disabled) $(`[data-page="${-target.dataset.page}"]`).focus();
        break;
      case "delete": retire(id, false); break;
      case "revoke": retire(id, true); break;
      case "undo": clearUndo(true); break;
      case "rename": startRename(id); break;
      case "rename-cancel": endRename(target.closest("form").dataset.keyId); break;
      case "copy": copySecret(); break;
      case "dismiss-secret": hideSecret(); $("#keys-name").focus(); break;
      case "export": exportKeys(); break;
      case "import": $("[data-keys-import]").click(); break;
      case "reset": resetSite(); break;
    }
  });

  dialog.addEventListener("submit", (event) => {
    event.preventDefault(); // form-action 'none': nothing is ever sent anywhere
    const form = event.target, kind = form.dataset.keysForm;
    if (kind === "create") createKey(form);
    else if (kind === "verify") verifyKey(form);
    else if (kind === "rename") saveRename(form);
  });

  dialog.addEventListener("input", ({ target }) => {
    if (target.matches("[data-keys-search]")) {
      view.search = target.value;
      view.page = 1;
      render();
    } else if (target.matches("[data-keys-rename-input]")) view.draft = target.value;
    else if (target.id === "keys-name" && target.hasAttribute("aria-invalid")) fieldError("");
  });

  dialog.addEventListener("change", ({ target }) => {
    if (target.matches("[data-keys-import]")) importFile(target);
  });

  // Escape in the rename field cancels the rename, not the whole dialog.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target.matches("[data-keys-rename-input]")) {
      event.preventDefault();
      event.stopPropagation();
      endRename(event.target.form.dataset.keyId);
    }
  });

  // Storage is read when the dialog opens, so a notice about moved-aside data reaches someone
  // looking at keys rather than a page load nobody saw.
  dialog.addEventListener("forge:dialog-open", refresh);

  // The secret, and anything pasted into Verify, leave the page with the dialog.
  dialog.addEventListener("close", () => {
    hideSecret();
    clearUndo();
    view.editing = null;
    $("#keys-verify-input").value = "";
    $("[data-keys-verify-result]").textContent = "";
  });

  // Another tab changed the keys (our own writes do not fire this here). Closed: opening re-reads.
  window.addEventListener("storage", (event) => {
    if (!dialog.open || (event.key !== store.key && event.key !== null)) return;
    if (view.editing && !store.read().state.keys.some((k) => k.id === view.editing)) view.editing = null;
    refresh();
  });
})();
