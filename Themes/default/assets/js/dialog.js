// Opens and closes the page's native <dialog>s. Markup is the API:
//   <button data-dialog-open="keys-dialog" command="show-modal" commandfor="keys-dialog">
//   <button data-dialog-close command="close" commandfor="keys-dialog">
// The command/commandfor attributes (invoker commands,
// https://html.spec.whatwg.org/multipage/form-elements.html#attr-button-command) open and close
// the dialog with no script at all; where the browser lacks them, this file does it from the
// data-dialog-* attributes instead, never both. showModal() gives the focus trap, the inert
// background and Escape; this file adds what it lacks: closing on a backdrop click and sending
// focus back to the opener (or to a fallback when the opener is gone).
// Widgets learn about opening through the "forge:dialog-open" event on the dialog, once per
// opening, so they can load their data lazily.
(function () {
  "use strict";

  /** @type {WeakMap<HTMLDialogElement, HTMLElement>} */
  var openers = new WeakMap();
  var invokers = typeof HTMLButtonElement === "function" && "commandForElement" in HTMLButtonElement.prototype;

  function open(dialog, opener) {
    if (!dialog || dialog.open) return;
    if (opener) openers.set(dialog, opener);
    dialog.showModal();
    dialog.dispatchEvent(new CustomEvent("forge:dialog-open", { bubbles: true }));
  }

  if (invokers) {
    // The button's command would open the dialog after this event; open it here instead (same
    // showModal), so the opener is remembered and widgets hear of it at once, as without commands.
    document.addEventListener("command", function (event) {
      var dialog = event.target;
      if (dialog instanceof HTMLDialogElement && event.command === "show-modal") {
        event.preventDefault();
        open(dialog, event.source);
      }
    }, true);
  }

  function restoreFocus(dialog) {
    var opener = openers.get(dialog);
    openers.delete(dialog);
    if (opener && opener.isConnected && !opener.disabled) {
      opener.focus();
      return;
    }
    var fallback = document.querySelector("[data-dialog-open='" + dialog.id + "']") || document.querySelector("main");
    if (fallback) {
      if (!fallback.hasAttribute("tabindex") && fallback.tagName === "MAIN") fallback.setAttribute("tabindex", "-1");
      fallback.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var opener = target.closest("[data-dialog-open]");
    if (opener) {
      // A button with a command comes through the "command" event (above) where the browser has them.
      if (!(invokers && opener.hasAttribute("command"))) open(document.getElementById(opener.getAttribute("data-dialog-open")), opener);
      return;
    }
    var closer = target.closest("[data-dialog-close]");
    if (closer) {
      var owner = closer.closest("dialog");
      if (owner && !(invokers && closer.hasAttribute("command"))) owner.close();
      return;
    }
    // A click whose target is the <dialog> itself landed on the backdrop (the dialog's
    // content fills its box; see the padding rules in base.css). Only close when the
    // pointer really is outside the box, so a drag that ends on the padding does not.
    if (target.tagName === "DIALOG" && target.open) {
      var box = target.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) target.close();
    }
  });

  // "close" fires for every way a dialog closes: button, Escape, backdrop, form method=dialog.
  document.addEventListener("close", function (event) {
    if (event.target instanceof HTMLDialogElement) restoreFocus(event.target);
  }, true);

  window.ForgeDialog = { open: open };
})();
