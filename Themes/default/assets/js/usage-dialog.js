// What the page needs of the Usage dialog before it is opened: each key's budget in the API Keys
// list, and the helpers the dialog's scripts share. The dialog itself is complete HTML (it opens
// without script); its scripts (format.js, history.js, usage-views.js, usage-history.js, named by
// the dialog's data-scripts) load when it is first opened, so the page stays light to load.
(() => {
  "use strict";

  const F = window.ForgeFormat, H = window.ForgeUsageHistory;
  const json = (id) => {
    try { return JSON.parse(document.getElementById(id).textContent); } catch (e) { return null; }
  };

  /**
   * A registry of self-registering data files (fetch() is blocked on file://): files call
   * window[name].push(item); `load(key)` adds the script `srcOf(key)` names, null once loaded.
   */
  function registry(name, accept, srcOf) {
    const early = Array.isArray(window[name]) ? window[name] : [];
    window[name] = { push: accept };
    early.forEach(accept);
    const loading = {};
    return (key) => {
      const src = srcOf(key);
      if (!src) return Promise.resolve();
      loading[key] = loading[key] || new Promise((resolve, reject) => {
        const script = document.createElement("script");
        const fail = () => { delete loading[key]; reject(new Error(src)); };
        script.src = src;
        script.onload = () => srcOf(key) ? fail() : resolve();
        script.onerror = fail;
        document.head.append(script);
      });
      return loading[key];
    };
  }

  /** Saves `text` as a CSV file (with a byte-order mark, so spreadsheets read UTF-8 names). */
  function download(text, name, parent) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob(["\uFEFF" + text], { type: "text/csv;charset=utf-8" }));
    link.download = name;
    link.hidden = true;
    parent.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
  window.ForgeUsage = { registry, download, json };

  // Key budgets in the API Keys list: keys-dialog.js asks for each row's spend cell.
  const budgets = {};
  for (const k of (json("forge-keys") || {}).keys || []) if (k.budgetMicros != null) budgets[k.id] = k;
  window.ForgeKeyBudget = (row) => {
    const k = row.source === "site" && budgets[row.id];
    if (!k) return row.spend || "—";
    const cell = document.createElement("span"), bar = document.createElement("progress"), text = document.createElement("span");
    cell.className = "usage-budget";
    bar.className = `usage-progress usage-progress--${k.budgetStatus}`;
    bar.max = 100;
    bar.value = k.budgetPercent == null ? 100 : Math.min(k.budgetPercent, 1000) / 10;
    bar.setAttribute("aria-label", `Budget of ${row.name}: ${k.budgetText}`);  // the text names the limit
    text.className = `usage-budget__text usage-budget--${k.budgetStatus}`;
    text.textContent = k.budgetText;
    cell.append(row.spend || "—", bar, text);
    return cell;
  };

  // The dialog's scripts, in order (each needs the ones before), on its first opening.
  const dialog = document.getElementById("usage-dialog");
  if (!dialog) return;
  let loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    for (const src of (dialog.getAttribute("data-scripts") || "").split(" ").filter(Boolean)) {
      const script = document.createElement("script");
      script.src = src;
      script.async = false;
      document.head.append(script);
    }
  }
  dialog.addEventListener("forge:dialog-open", load);
  if (dialog.open) load();
})();
