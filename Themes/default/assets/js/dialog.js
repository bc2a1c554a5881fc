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
  const openers = new WeakMap();
  const invokers = typeof HTMLButtonElement === "function" && "commandForElement" in HTMLButtonElement.prototype;

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
      const dialog = event.target;
      if (dialog instanceof HTMLDialogElement && event.command === "show-modal") {
        event.preventDefault();
        open(dialog, event.source);
      }
    }, true);
  }

  function restoreFocus(dialog) {
    const opener = openers.get(dialog);
    openers.delete(dialog);
    if (opener && opener.isConnected && !opener.disabled) {
      opener.focus();
      return;
    }
    const fallback = document.querySelector("[data-dialog-open='" + dialog.id + "']") || document.querySelector("main");
    if (fallback) {
      if (!fallback.hasAttribute("tabindex") && fallback.tagName === "MAIN") fallback.setAttribute("tabindex", "-1");
      fallback.focus();
    }
  }

  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const opener = target.closest("[data-dialog-open]");
    if (opener) {
      // A button with a command comes through the "command" event (above) where the browser has them.
      if (!(invokers && opener.hasAttribute("command"))) open(document.getElementById(opener.getAttribute("data-dialog-open")), opener);
      return;
    }
    const closer = target.closest("[data-dialog-close]");
    if (closer) {
      const owner = closer.closest("dialog");
      if (owner && !(invokers && closer.hasAttribute("command"))) owner.close();
      return;
    }
    // A click whose target is the <dialog> itself landed on the backdrop (the dialog's
    // content fills its box; see the padding rules in base.css). Only close when the
    // pointer really is outside the box, so a drag that ends on the padding does not, and
    // when the press began outside it too: selecting text inside and letting go past the
    // edge makes a click on the <dialog>, and must not close it (issue 9). The close goes
    // through a cancelable "cancel" event, as light dismiss does, so a dialog can hold it
    // back (the keys dialog does while a new secret is unsaved).
    const press = lastPress;
    lastPress = null;
    if (target.tagName === "DIALOG" && target.open && !inBox(target, event) &&
        !(press && target.contains(press.target) && inBox(target, press)) &&
        target.dispatchEvent(new Event("cancel", { cancelable: true }))) target.close();
  });

  /** Where the last press began: a click after a drag fires where the drag ended. */
  let lastPress = null;
  document.addEventListener("pointerdown", function (event) { lastPress = event; }, true);

  function inBox(dialog, point) {
    const box = dialog.getBoundingClientRect();
    return point.clientX >= box.left && point.clientX <= box.right && point.clientY >= box.top && point.clientY <= box.bottom;
  }

  // "close" fires for every way a dialog closes: button, Escape, backdrop, form method=dialog.
  document.addEventListener("close", function (event) {
    if (event.target instanceof HTMLDialogElement) restoreFocus(event.target);
  }, true);

  window.ForgeDialog = { open: open };
})();
