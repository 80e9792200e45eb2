/* Wide tables stay reachable by keyboard.
 * Material wraps every content table in a box that scrolls sideways (.md-typeset__scrollwrap) but
 * leaves that box out of the tab order, so without a mouse or touch a wide table cannot be scrolled
 * (axe: scrollable-region-focusable). A box whose table is wider than itself becomes a focusable,
 * region named after its heading; it stops being one when the window grows wide enough to show the whole table.
 */
(function () {
  "use strict";

  function update() {
    // Each region is named after the heading above its table, numbered if one heading has several.
    var heading = document.title, used = {};
    document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4, " +
                              ".md-typeset__scrollwrap").forEach(function (node) {
      if (!node.classList.contains("md-typeset__scrollwrap")) {
        heading = node.textContent.replace(/[\u00b6\s]+$/, "").trim();
        return;
      }
      var box = node;
      if (box.scrollWidth > box.clientWidth) {
        used[heading] = (used[heading] || 0) + 1;
        var label = "Table: " + heading + (used[heading] > 1 ? " (" + used[heading] + ")" : "");
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label + ", scrolls sideways");
      } else if (box.hasAttribute("role")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // Material wraps the tables when it mounts the page (document$); this script loads after its bundle.
  if (window.document$) {
    window.document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", update);
})();
