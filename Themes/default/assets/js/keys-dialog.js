// The API Keys modal (PRODUCT.md §6). Markup is the API (layouts/_partials/keys-dialog.mustache):
// data-keys-* elements are filled here, data-action buttons go through one delegated listener.
// Everything from data reaches the page through textContent; logic and storage are keystore.js.
// keys-boot.js loads this file when someone reaches for the dialog, and hands over the page's
// data, the store and the summary cards (window.ForgeKeysPage).
(function () {
  "use strict";

  const dialog = document.getElementById("keys-dialog");
  const K = window.ForgeKeystore, page = window.ForgeKeysPage;
  if (!dialog || !K || !page || dialog.hasAttribute("data-keys-ready")) return;

  const UNDO_MS = 8000, PAGE_SIZE = 25;
  const LABELS = { key: "Key", created: "Created", lastUsed: "Last used", expires: "Expires", scopes: "Scopes",
    status: "Status", source: "Source", spend: "Spend this period" };
  const BADGES = { active: "badge--success", revoked: "badge--danger", expired: "badge--warning" };

  const { site, siteKeys, store, summarize } = page;
  const prefix = site.keyPrefix || "sk_";
  const crypto = window.crypto;
  // A site without usage data has no spend to show: the column would be all dashes.
  const hasSpend = siteKeys.some((k) => k.periodSpend);
  dialog.querySelector("th[data-sort='spend']").hidden = !hasSpend;

  /** What the list shows; `editing` is the id of the key being renamed, `draft` its typed name. */
  const view = { search: "", sort: "name", dir: "asc", page: 1, editing: null, draft: "", renameError: "" };
  let state = K.emptyState();
  let undo = null;
  /**
   * The secret on screen: `saved` once copied or acknowledged. Until then closing the dialog or
   * creating another key is held back (PRODUCT.md §6 v2, issue 9); `held` is what was held back.
   * @type {?{name: string, saved: boolean, held: ?string}}
   */
  let secret = null;
  const notices = {};

  const $ = (selector) => dialog.querySelector(selector);
  const announce = (text) => { $("[data-keys-announce]").textContent = text; };
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

  const capital = (text) => text[0].toUpperCase() + text.slice(1);
  // A site key revoked or deleted here keeps working where it was issued: its mark must not look
  // like a revocation at the source (issue 9).
  const localNote = () => el("span", { class: "keys-local", text: "in this browser only" });

  function rowElement(row) {
    const name = view.editing === row.id ? [renameForm(row)] : [el("div", { class: "keys-name__text", text: row.name })];
    if (row.owner && view.editing !== row.id) name.push(el("div", { class: "keys-name__owner", text: row.owner }));
    const status = [el("span", { class: "badge " + (row.local ? "badge--local" : BADGES[row.status] || "badge--muted"), text: capital(row.status) })];
    if (row.local) status.push(" ", localNote());
    const cells = {
      key: el("code", { class: "keys-masked", text: row.masked }), created: row.created.slice(0, 10),
      lastUsed: row.lastUsed || "Never", expires: row.expires || "Never", scopes: row.scopes.join(", ") || "—",
      status: el("span", {}, ...status), source: row.source === "site" ? "Site data" : "This browser"
    };
    if (hasSpend) cells.spend = window.ForgeKeyBudget ? window.ForgeKeyBudget(row) : row.spend || "—";  // v2 budgets: usage-dialog.js
    const actions = [];
    if (row.source === "browser" && view.editing !== row.id) actions.push(actionButton("Rename", "rename", row));
    if (row.source === "browser" && row.status === "active") actions.push(actionButton("Add to site", "add-to-site", row));
    if (row.status === "active") actions.push(actionButton("Revoke", "revoke", row, true));
    actions.push(actionButton("Delete", "delete", row, true));
    return el("tr", { "data-key-id": row.id }, el("td", { class: "keys-name" }, ...name),
      ...Object.entries(cells).map(([column, content]) => el("td", { "data-label": LABELS[column],
        class: column === "spend" ? "num" : column === "key" || column === "scopes" || column === "source" ? null : "keys-nowrap" }, content)),
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
    renderDeleted();
    summarize(state);
  }

  /** Recently deleted: the 50 newest (a delete of thousands keeps typing in search quick). */
  function renderDeleted() {
    const box = $("[data-keys-deleted]"), list = K.recentlyDeleted(siteKeys, state, new Date().toISOString());
    box.hidden = !list.length;
    $("[data-keys-deleted-count]").textContent = `(${list.length.toLocaleString("en")})`;
    $("[data-keys-deleted-list]").replaceChildren(...list.slice(0, 50).map((d) => el("li", {},
      el("div", {}, el("span", { class: "keys-name__text", text: d.name }), " ", el("code", { class: "keys-masked", text: d.masked }),
        el("div", { class: "keys-deleted__when", text: `${d.source === "site" ? "Site data" : "This browser"}, deleted ${d.deletedAt.slice(0, 10)} ` },
          ...(d.source === "site" ? [localNote()] : []))),
      el("button", { type: "button", class: "button button--small", "data-action": "restore", "data-key-id": d.id, "data-source": d.source,
        "aria-label": "Restore " + d.name, text: "Restore" }))),
      ...(list.length > 50 ? [el("li", { text: `and ${list.length - 50} more, deleted earlier` })] : []));
  }

  const control = (id, action) => $(`[data-keys-rows] tr[data-key-id="${CSS.escape(id)}"] [data-action="${action}"]`);
  const rowById = (id) => rows().find((r) => r.id === id);

  /** The page that holds key `id` now (after Undo or a create, it may sort onto another page). */
  function pageOf(id) {
    const index = K.query(rows(), { ...view, page: 1, pageSize: 1e9 }).rows.findIndex((r) => r.id === id);
    return index < 0 ? view.page : Math.floor(index / PAGE_SIZE) + 1;
  }

  // ---- Undo ----

  /**
   * Hides the Undo bar; if it had focus, focus goes to `focusAfter` rather than to the page. The
   * bar itself stays in the page, empty: it is a live region, and a region that appears with its
   * text is not announced.
   */
  function clearUndo(restoring) {
    const bar = $("[data-keys-undo]"), pending = undo, hadFocus = bar.contains(document.activeElement);
    undo = null;
    setUndo("", "");
    if (!pending) return;
    clearTimeout(pending.timer);
    if (restoring) pending.revert();
    else if (hadFocus) pending.focusAfter();
  }

  function setUndo(message, label) {
    const bar = $("[data-keys-undo]"), button = $("[data-action='undo']");
    $("[data-keys-undo-text]").textContent = message;
    bar.classList.toggle("notice", !!message);
    button.hidden = !message;
    button.setAttribute("aria-label", label);
  }

  /**
   * Offers Undo for UNDO_MS, and longer while the bar has focus or the pointer (WCAG 2.2.1).
   * `label` is the button's name, e.g. "Undo deleting “Production backend”" (issue 9: it was
   * announced as just "Undo").
   */
  function offerUndo(message, label, revert, focusAfter) {
    clearUndo();
    const bar = $("[data-keys-undo]"), entry = undo = { revert, focusAfter };
    setUndo(message, label);
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
    offerUndo(`${revoking ? "Revoked" : "Deleted"} “${row.name}”${row.source === "site" ? " in this browser only" : ""}.`,
      `Undo ${revoking ? "revoking" : "deleting"} “${row.name}”`, () => {
      if (!apply(K.ops.undo(result.value, taken), listError)) return;
      view.page = pageOf(id);
      render();
      control(id, revoking ? "revoke" : "delete")?.focus();
    }, () => {
      // The row that took the removed one's place, else the search field.
      const trs = $("[data-keys-rows]").children;
      (trs[Math.min(index, trs.length - 1)]?.querySelector("[data-action='delete']") || $("[data-keys-search]")).focus();
    });
  }

  function restore(button) {
    const { keyId: id, source } = button.dataset, listError = $("[data-keys-error='list']");
    if (!apply(K.ops.restore(id, source, taken), listError)) return;
    view.page = pageOf(id);
    render();
    announce(`Restored “${rowById(id)?.name}”.`);
    control(id, "delete")?.focus();
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
    offerUndo("Site keys restored as built.", "Undo the reset to site data", () => apply(K.ops.undoReset(result.value), status) && render(),
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

  /** Shows `message` under the field (`name` or `owner`) and focuses it; an empty message clears it. */
  function fieldError(field, message) {
    const input = $("#keys-" + field);
    show($(`[data-keys-error='${field}']`), message);
    if (!message) return input.removeAttribute("aria-invalid");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  // The scopes a key may have come from site.yaml; without them the field is not offered.
  const scopeBox = $("[data-keys-scopes]");
  scopeBox.hidden = !(site.scopes || []).length;
  scopeBox.append(...(site.scopes || []).map((scope) =>
    el("label", { class: "keys-scope" }, el("input", { type: "checkbox", name: "scope", value: scope }), scope)));

  let creating = false;
  async function createKey(form) {
    const formError = $("[data-keys-error='create']");
    if (creating || hold("create")) return;
    show(formError, "");
    const check = K.validateName(form.elements.name.value, taken(store.read().state));
    const owner = K.validateOwner(form.elements.owner.value);
    fieldError("owner", owner.ok ? "" : owner.message);
    fieldError("name", check.ok ? "" : check.message);
    if (!check.ok || !owner.ok) return;
    if (!crypto || !crypto.subtle) return show(formError, "Keys can only be made on a secure page (https, localhost or a file).");
    creating = true;
    try {
      const generated = K.generateKey(prefix, crypto), now = new Date(), days = Number(form.elements.expiry.value);
      const record = { id: K.generateId(crypto), name: check.name, hash: await K.hashSecret(generated.secret, crypto),
        start: generated.start, end: generated.end, created: now.toISOString(),
        expires: days ? K.addDays(K.dayOf(now.getTime()), days) : null, status: "active", revokedAt: null,
        scopes: [...form.querySelectorAll("[name=scope]:checked")].map((box) => box.value), owner: owner.owner };
      const result = store.update(K.ops.add(record, taken));
      // On failure nothing was saved, and the secret is dropped with it: a key nobody can verify is no key.
      if (!result.ok) return result.error.code === "name" ? fieldError("name", result.error.message) : show(formError, result.error.message);
      state = result.state;
      keep(result.notices);
      form.reset();
      view.search = $("[data-keys-search]").value = "";
      view.page = pageOf(record.id);
      render();
      secret = { name: check.name, saved: false, held: null };
      guardMessage("");
      $("[data-keys-secret-title]").textContent = `Key “${check.name}” created.`;
      $("[data-keys-secret-value]").value = generated.secret;
      $("[data-keys-copy-status]").textContent = "";
      $("[data-keys-secret]").hidden = false;
      // Focus lands on Copy, not on a region whose name would be the secret read aloud (issue 9).
      $("[data-action='copy']").focus();
      announce(`Key “${check.name}” created. Copy its secret now: it will not be shown again.`);
    } finally {
      creating = false;
    }
  }

  /**
   * Holds back `action` ("close" or "create") while a new secret is neither copied nor
   * acknowledged: says why, and offers to discard it on purpose. @returns {boolean} held back
   */
  function hold(action) {
    if (!secret || secret.saved) return false;
    secret.held = action;
    guardMessage(`The secret of “${secret.name}” is not saved yet and cannot be shown again. Copy it, or press “Done, I have saved it”, ` +
      (action === "close" ? "before closing." : "before creating another key."), "Discard secret and " + (action === "close" ? "close" : "create"));
    $("[data-keys-secret]").scrollIntoView({ block: "nearest" });
    $("[data-action='copy']").focus();
    return true;
  }
  function guardMessage(text, discard) {
    show($("[data-keys-guard]"), text);
    const button = $("[data-action='discard-secret']");
    button.hidden = !text;
    button.textContent = discard || "";
  }
  /** The secret was copied or acknowledged: it may go now. */
  function saved() {
    if (secret) secret.saved = true;
    guardMessage("");
  }

  function hideSecret() {
    secret = null;
    guardMessage("");
    $("[data-keys-secret-value]").value = "";
    $("[data-keys-secret]").hidden = true;
  }

  /** "Discard": the key stays listed (and can be deleted), its secret is gone for good. */
  function discardSecret() {
    const held = secret && secret.held;
    hideSecret();
    if (held === "close") dialog.close();
    else {
      $("#keys-name").focus();
      if (held === "create") createKey($("[data-keys-form='create']"));
    }
  }

  /** Copies `text`; `done(true)` when it is on the clipboard, `done(false)` when the user must press Ctrl+C. */
  function copyText(text, select, done) {
    // Without the Clipboard API (or when it is refused), select the text for Ctrl+C.
    const fallback = () => {
      select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok);
    };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(() => done(true), fallback); else fallback();
  }

  function copySecret() {
    const input = $("[data-keys-secret-value]"), status = $("[data-keys-copy-status]");
    copyText(input.value, () => { input.focus(); input.select(); }, (ok) => {
      if (ok) saved();
      status.textContent = ok ? "Copied to the clipboard." : "The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    });
  }

  // ---- Add to site: the key file for the site's repository ----

  let file = null;
  function showFile(id) {
    const record = store.read().state.keys.find((k) => k.id === id);
    if (!record) return refresh();
    file = K.keyFile(record);
    $("[data-keys-file-title]").textContent = `Add “${record.name}” to the site`;
    $("[data-keys-file-path]").textContent = file.path;
    $("[data-keys-file-text]").textContent = file.text;
    $("[data-keys-file-status]").textContent = "";
    const link = $("[data-keys-file-link]");
    link.hidden = !site.repository;
    // A new tab that cannot reach back into this page (the markup has no target or rel: without
    // an href those are invalid HTML).
    if (site.repository) Object.assign(link, { href: K.proposeURL(site.repository, site.branch || "main", file), target: "_blank", rel: "noopener noreferrer" });
    $("[data-keys-file]").hidden = false;
    $("[data-keys-file-title]").focus();
  }
  function hideFile(focus) {
    const panel = $("[data-keys-file]"), had = panel.contains(document.activeElement);
    panel.hidden = true;
    if (had && focus && file) control("local_" + file.id.slice(4), "add-to-site")?.focus();
    file = null;
  }
  function download(name, type, text) {
    const link = el("a", {});
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
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
    const name = `forge-keys-${site.id || "site"}-${today()}.json`;
    download(name, "application/json", JSON.stringify(K.exportKeys(current, site.id || "site", Date.now()), null, 2) + "\n");
    status.textContent = `Exported ${plural(current.keys.length, "key")} as ${name} (no secrets).`;
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
    status.textContent = K.importSummary(result.value, parsed.invalid);
  }

  // ---- Events: one delegated listener per event type ----

  // Closing through a Close button (dialog.js's data-dialog-close, or a command="close" invoker
  // button) is held back while a new secret is unsaved; capture runs before either acts.
  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-dialog-close], [command='close'], [command='request-close']") && hold("close")) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

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
        // The new page starts at the top of the list, which Next (below it) had scrolled past.
        $(".keys-table-wrap").scrollIntoView({ block: "start" });
        // At the first or last page the pressed button is disabled: keep focus on the other one.
        if (target.disabled) $(`[data-page="${-target.dataset.page}"]`).focus({ preventScroll: true });
        break;
      case "delete": retire(id, false); break;
      case "revoke": retire(id, true); break;
      case "undo": clearUndo(true); break;
      case "restore": restore(target); break;
      case "rename": startRename(id); break;
      case "rename-cancel": endRename(target.closest("form").dataset.keyId); break;
      case "copy": copySecret(); break;
      case "dismiss-secret": hideSecret(); $("#keys-name").focus(); break;
      case "discard-secret": discardSecret(); break;
      case "add-to-site": showFile(id); break;
      case "file-copy": {
        const status = $("[data-keys-file-status]"), pre = $("[data-keys-file-text]");
        copyText(file.text, () => { pre.focus(); getSelection().selectAllChildren(pre); },
          (ok) => { status.textContent = ok ? "The file is on the clipboard." : "The file is selected: press Ctrl+C (⌘C on a Mac) to copy it."; });
        break;
      }
      case "file-download":
        download(file.id + ".yaml", "application/yaml", file.text);
        $("[data-keys-file-status]").textContent = `Downloaded ${file.id}.yaml: move it to Content/data/keys/.`;
        break;
      case "file-hide": hideFile(true); break;
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
    else if ((target.id === "keys-name" || target.id === "keys-owner") && target.hasAttribute("aria-invalid")) fieldError(target.id.slice(5), "");
  });

  dialog.addEventListener("change", ({ target }) => {
    if (target.matches("[data-keys-import]")) importFile(target);
  });

  // Copying the secret by hand (select, Ctrl+C) counts as saving it.
  $("[data-keys-secret-value]").addEventListener("copy", saved);

  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    // Escape in the rename field cancels the rename, not the whole dialog.
    if (event.target.matches("[data-keys-rename-input]")) {
      event.preventDefault();
      event.stopPropagation();
      endRename(event.target.form.dataset.keyId);
    // Held back here, not only in "cancel": Chromium lets a page cancel that only once per user
    // gesture, and a second Escape would close the dialog with the secret.
    } else if (hold("close")) event.preventDefault();
  });
  // Every other close request (a click outside through dialog.js, closedby light dismiss).
  dialog.addEventListener("cancel", (event) => {
    if (hold("close")) event.preventDefault();
  });

  // Storage is read when the dialog opens, so a notice about moved-aside data reaches someone
  // looking at keys rather than a page load nobody saw.
  dialog.addEventListener("forge:dialog-open", refresh);

  // The secret, and anything pasted into Verify, leave the page with the dialog.
  dialog.addEventListener("close", () => {
    hideSecret();
    hideFile();
    clearUndo();
    view.editing = null;
    $("#keys-verify-input").value = "";
    $("[data-keys-verify-result]").textContent = "";
  });

  // Another tab changed the keys (our own writes do not fire this here; keys-boot.js updates the
  // summary cards). Closed: opening re-reads.
  window.addEventListener("storage", (event) => {
    if (!dialog.open || (event.key !== store.key && event.key !== null)) return;
    const editing = view.editing && rowById(view.editing);
    if (editing && !store.read().state.keys.some((k) => k.id === editing.id)) {
      // The key being renamed here was deleted there: say so, and keep focus in the list.
      const hadFocus = $("[data-keys-rename-input]") === document.activeElement;
      const index = [...$("[data-keys-rows]").children].findIndex((tr) => tr.dataset.keyId === editing.id);
      view.editing = null;
      show($("[data-keys-error='list']"), `“${editing.name}” was deleted in another tab, so it cannot be renamed.`);
      refresh();
      const trs = $("[data-keys-rows]").children;
      if (hadFocus) (trs[Math.min(index, trs.length - 1)]?.querySelector("[data-action]") || $("[data-keys-search]")).focus();
      return;
    }
    refresh();
  });

  // Loaded because the dialog is opening or open: show the keys now.
  if (dialog.open) refresh();
  dialog.setAttribute("data-keys-ready", "");
})();
