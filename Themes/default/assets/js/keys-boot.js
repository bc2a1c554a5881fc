// The keys widget's first stage, loaded with the dashboard. It keeps the "API keys" summary card
// in step with this browser's key list (issue 9: after creating 3 keys and revoking 2 the card
// still said "7 / 5 active", in this tab and others), and it loads keys-dialog.js, the dialog
// itself and most of the keys code, only when someone reaches for the dialog: a pointer over or
// focus on its opener, or the dialog opening. So the dashboard stays within its 100 KB budget
// (PRODUCT.md §9) however much the dialog can do; keys-dialog.js renders on arrival if the
// dialog is already open.
(function () {
  "use strict";

  const dialog = document.getElementById("keys-dialog");
  const K = window.ForgeKeystore;
  if (!dialog || !K) return;

  const json = (id) => {
    try { return JSON.parse(document.getElementById(id).textContent); } catch (e) { return null; }
  };
  const site = json("forge-site") || {};
  const siteKeys = (json("forge-keys") || {}).keys || [];
  const store = K.createStore({ siteId: site.id || "site", storage: () => window.localStorage });

  /**
   * The card counts what the dialog lists: site keys as this browser sees them, plus its own.
   * Without `state` the store is read without moving corrupt data aside: that happens, with its
   * notice, when someone opens the dialog.
   */
  function summarize(state) {
    const rows = K.buildRows(siteKeys, state || store.read(false).state, K.dayOf(Date.now()));
    for (const node of document.querySelectorAll("[data-keys-summary]")) {
      node.textContent = (node.dataset.keysSummary === "count" ? rows : rows.filter((r) => r.status === "active")).length.toLocaleString("en");
    }
  }

  // What keys-dialog.js needs, parsed once.
  window.ForgeKeysPage = { site, siteKeys, store, summarize };

  let requested = false;
  function load() {
    if (requested) return;
    requested = true;
    const script = document.createElement("script");
    script.src = dialog.dataset.keysScript;
    script.onerror = () => {
      requested = false;
      const box = dialog.querySelector("[data-keys-notices]");
      box.textContent = "";
      box.append(Object.assign(document.createElement("p"), { className: "notice notice--error", role: "alert",
        textContent: "The keys could not be loaded (a network problem?). Close this dialog and open it again to retry." }));
    };
    document.head.append(script);
  }
  const reaching = (event) => {
    if (event.target instanceof Element && event.target.closest("[data-dialog-open='keys-dialog'], [commandfor='keys-dialog']")) load();
  };
  document.addEventListener("pointerover", reaching);
  document.addEventListener("focusin", reaching);
  dialog.addEventListener("forge:dialog-open", load);
  dialog.addEventListener("toggle", () => dialog.open && load());

  // Another tab changed the keys: the card follows at once (our own writes do not fire this here).
  window.addEventListener("storage", (event) => {
    if (event.key === store.key || event.key === null) summarize();
  });

  summarize();
})();
