// The Usage dialog beyond its static HTML, loaded when it first opens (usage-dialog.js):
// choosing a billing period and a grouping (the other views are data/usage-period-*.js files,
// built here with createElement from the tree the build made: never innerHTML), the charts'
// values on hover and keyboard focus, PageUp/PageDown, and the Periods table's CSV export.
// Everything from data goes in as text (textContent, setAttribute); no attribute that could run
// or load anything is set (the build refuses them too, UsageViewTree.swift).
(() => {
  "use strict";

  const F = window.ForgeFormat, H = window.ForgeUsageHistory, U = window.ForgeUsage;
  const dialog = document.getElementById("usage-dialog"), data = U && U.json("forge-usage");
  if (!dialog || !F || !H || !data) return;
  const { registry, download } = U;
  const body = dialog.querySelector(".dialog__body");
  const box = dialog.querySelector("[data-usage-view]");

  // PageUp/PageDown from outside the scrolling body (the Close button) scroll the body, not
  // the page behind the dialog (dashboard.css also stops the page scrolling while it is open).
  dialog.addEventListener("keydown", (event) => {
    if ((event.key === "PageDown" || event.key === "PageUp") && body && !body.contains(event.target)) {
      event.preventDefault();
      body.scrollBy(0, (event.key === "PageDown" ? 0.9 : -0.9) * body.clientHeight);
    }
  });

  // ---- Charts: one tab stop per chart, arrows move between its parts, the value shown below ----

  // A chart's parts: the donut's slices and the daily chart's days, each named by its <title>.
  const PARTS = ".usage-daily__hits rect, .usage-donut [stroke^=url]";
  function roving(root) {
    for (const svg of root.querySelectorAll("svg[role=group]")) {
      svg.querySelectorAll(PARTS).forEach((hit, index) => hit.setAttribute("tabindex", index ? "-1" : "0"));
    }
  }
  const hitOf = (event) => event.target instanceof Element ? event.target.closest(PARTS) : null;
  function readout(event) {
    const hit = hitOf(event), figure = hit && hit.closest("figure");
    const out = figure && figure.querySelector("[data-usage-readout]");
    if (out) out.textContent = hit.querySelector("title").textContent;
  }
  if (box) {
    box.addEventListener("mouseover", readout);
    box.addEventListener("focusin", readout);
    box.addEventListener("keydown", (event) => {
      const hit = hitOf(event);
      const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
      if (!hit || !(event.key in keys)) return;
      const list = Array.from(hit.closest("svg").querySelectorAll(PARTS));
      const index = Math.max(0, Math.min(list.length - 1, list.indexOf(hit) + keys[event.key]));
      event.preventDefault();
      list.forEach((item, i) => item.setAttribute("tabindex", i === index ? "0" : "-1"));
      list[index].focus();
    });
    roving(box);
  }

  // ---- Periods and groupings ----

  const controls = dialog.querySelector("[data-usage-controls]");
  const select = dialog.querySelector("[data-usage-period]"), said = dialog.querySelector("[data-usage-view-status]");
  const files = {}, views = {};
  for (const p of data.periods) files[p.start] = p.file;
  const load = registry("ForgeUsageViews", (file) => {
    if (file && file.views) views[file.period] = file.views;
  }, (start) => views[start] || !files[start] ? null : (box.getAttribute("data-root") || "") + data.viewPrefix + files[start] + ".js");
  const SVG = "http://www.w3.org/2000/svg";

  /** A node of the view tree: text, or [tag, attributes, ...children]. */
  function build(node, space) {
    if (typeof node === "string") return document.createTextNode(node);
    const [tag, attributes, ...children] = node;
    const ns = tag === "svg" ? SVG : space;
    const element = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const name of Object.keys(attributes)) if (!/^on|^(style|href|src)$/i.test(name)) element.setAttribute(name, attributes[name]);
    for (const child of children) element.append(build(child, ns));
    return element;
  }

  let shown = { period: data.periods.length ? data.periods[0].start : "", grouping: "service" }, generation = 0;
  function choose() {
    const period = select ? select.value : shown.period;
    const checked = controls && controls.querySelector("input[name=usage-group]:checked");
    const grouping = checked ? checked.value : "service";
    if (period === shown.period && grouping === shown.grouping) return;
    const token = ++generation;
    const words = `${select.options[select.selectedIndex].text}, by ${grouping}`;
    box.setAttribute("aria-busy", "true");
    said.textContent = `Loading ${words}…`;
    load(period).then(() => {
      if (token !== generation) return;
      const tree = views[period] && views[period][grouping];
      if (!tree) throw new Error(`${period} ${grouping}`);
      box.replaceChildren(...tree.map((node) => build(node, null)));
      roving(box);
      box.removeAttribute("aria-busy");
      shown = { period, grouping };
      said.textContent = `Showing ${words}.`;
    }).catch((error) => {
      if (token !== generation) return;
      box.removeAttribute("aria-busy");
      said.textContent = `That view could not be loaded (${error.message}). Rebuild the site and reload the page.`;
    });
  }
  if (controls) {
    controls.hidden = false;
    controls.addEventListener("change", choose);
  }

  // ---- The Periods table's CSV ----

  const actions = dialog.querySelector("[data-usage-periods-actions]");
  if (actions && data.periods.length) {
    actions.hidden = false;
    actions.addEventListener("click", (event) => {
      if (!(event.target instanceof Element) || !event.target.closest("[data-usage-periods-export]")) return;
      const last = data.periods[data.periods.length - 1].start, first = data.periods[0].lastDay;
      download(H.periodsCSV(data.periods, data.limitMicros, data.currency), `usage-periods-${last}-to-${first}.csv`, actions);
    });
  }
})();
