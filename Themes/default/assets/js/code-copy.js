// A Copy button on every code block ([data-code-block], written by CodeHighlighter.swift).
// The button is added here, not in the HTML: without script there is nothing it could do, and
// the code is plain selectable text either way.
//
// Copying uses the clipboard API where the page may (https, localhost and file:// are secure
// contexts); elsewhere, or when the browser refuses, the code is selected instead, so the
// reader copies it with their keys, and the status says so. The status is a live region, and
// the button shows "Copied" for two seconds.
(function () {
  "use strict";
  if (typeof document === "undefined") return;

  let live = null;
  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    // A new text node, so screen readers announce the same words twice in a row.
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function select(code) {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function flash(button, text) {
    button.textContent = text;
    window.clearTimeout(button._forgeTimer);
    button._forgeTimer = window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  function copy(button, code) {
    const text = code.textContent;
    function fallback() {
      select(code);
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      if (copied) {
        flash(button, "Copied");
        announce("Code copied to the clipboard.");
      } else {
        announce("The code is selected: press Ctrl+C (or ⌘C) to copy it.");
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        flash(button, "Copied");
        announce("Code copied to the clipboard.");
      }, fallback);
    } else {
      fallback();
    }
  }

  function attach(block) {
    const bar = block.querySelector(".code-block__bar");
    const code = block.querySelector("pre code");
    if (!bar || !code || bar.querySelector(".code-block__copy")) return;
    let button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small code-block__copy";
    button.textContent = "Copy";
    const language = bar.querySelector(".code-block__lang");
    button.setAttribute("aria-label", "Copy code" + (language ? " (" + language.textContent + ")" : ""));
    button.addEventListener("click", function () { copy(button, code); });
    bar.appendChild(button);
  }

  function attachAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-code-block]"), attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
