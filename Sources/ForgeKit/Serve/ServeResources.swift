/// The files `forge serve` adds under `BASE/__forge/`, whatever the site's theme: they live in
/// the binary, not in a theme, and never reach `forge build`'s output.
enum ServeResources {
    /// Live reload and the build-error overlay (a classic script: it runs under the page's own
    /// `script-src 'self'`). It listens to `events`:
    /// - `hello {build, error}` on every (re)connection: a page older than the last build
    ///   reloads (it missed a build while it loaded); a failing build shows its overlay;
    /// - `build {build, changed}` after each good build, once its files are served: the overlay
    ///   goes; the page reloads when one of its files changed (`changed` null: any page);
    /// - `failure {error}` after a failed build: the overlay shows the problems, as text.
    static let reloadScript = #"""
    /* forge serve: live reload and build errors. Not part of the built site. */
    (function () {
      "use strict";
      var script = document.currentScript;
      if (!script || typeof window.EventSource !== "function") return;
      var base = script.src.slice(0, script.src.lastIndexOf("__forge/reload.js"));
      var pages = (script.getAttribute("data-pages") || "").split(" ").filter(Boolean);
      var build = Number(script.getAttribute("data-build"));
      var overlay = null;

      function show(message) {
        if (!overlay) {
          overlay = document.createElement("section");
          overlay.className = "forge-serve-overlay";
          overlay.setAttribute("role", "alert");
          overlay.setAttribute("aria-label", "Build error");
          var heading = document.createElement("h2");
          heading.textContent = "The build failed. This page is the last good build.";
          var dismiss = document.createElement("button");
          dismiss.type = "button";
          dismiss.textContent = "Dismiss";
          dismiss.addEventListener("click", hide);
          overlay.append(heading, dismiss, document.createElement("pre"));
          document.body.append(overlay);
        }
        // Text only: the messages quote the user's files.
        overlay.querySelector("pre").textContent = message;
      }

      function hide() {
        if (overlay) overlay.remove();
        overlay = null;
      }

      function shows(changed) {
        return changed === null || changed.some(function (path) { return pages.indexOf(path) >= 0; });
      }

      var events = new EventSource(base + "__forge/events");
      events.addEventListener("hello", function (event) {
        var state = JSON.parse(event.data);
        if (state.build !== build) { location.reload(); return; }
        if (state.error) show(state.error); else hide();
      });
      events.addEventListener("build", function (event) {
        var state = JSON.parse(event.data);
        hide();
        build = state.build;
        if (shows(state.changed)) location.reload();
      });
      events.addEventListener("failure", function (event) {
        show(JSON.parse(event.data).error);
      });
    })();

    """#

    static let overlayStylesheet = """
    /* forge serve: the build-error overlay. Not part of the built site. */
    .forge-serve-overlay {
      position: fixed; z-index: 2147483647; top: 1rem; left: 1rem; right: 1rem;
      max-height: 75vh; overflow: auto; box-sizing: border-box; margin: 0; padding: 1rem 1.25rem;
      border: 2px solid #b3261e; border-radius: 8px; background: #fff8f6; color: #201a19;
      box-shadow: 0 12px 40px rgba(0, 0, 0, .35); font: 14px/1.45 system-ui, sans-serif; text-align: left;
    }
    .forge-serve-overlay h2 { margin: 0 7rem .75rem 0; font-size: 1rem; color: #8c1d18; }
    .forge-serve-overlay pre {
      margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: none; color: inherit;
      font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    }
    .forge-serve-overlay button {
      position: absolute; top: .75rem; right: .75rem; padding: .3rem .8rem; border: 1px solid #8c1d18;
      border-radius: 6px; background: #fff; color: #8c1d18; font: inherit; cursor: pointer;
    }
    .forge-serve-overlay button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .forge-serve-overlay { background: #2b1614; color: #f6dedb; border-color: #ffb4ab; }
      .forge-serve-overlay h2 { color: #ffb4ab; }
      .forge-serve-overlay button { background: #410e0b; color: #ffdad6; border-color: #ffb4ab; }
    }

    """

    /// What the server answers while no build has succeeded yet: a page that shows the error
    /// overlay and reloads itself once a build works.
    static let noBuildPage = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
    <meta charset="utf-8">
    <title>The site did not build</title>
    </head>
    <body>
    <h1>The site did not build</h1>
    <p>The problems are in the terminal where <code>forge serve</code> runs. This page reloads once the site builds.</p>
    </body>
    </html>

    """
}
