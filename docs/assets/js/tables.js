/* Wide tables stay reachable by keyboard.
 * Material wraps every content table in a box that scrolls sideways (.md-typeset__scrollwrap) but
 * leaves that box out of the tab order, so without a mouse or touch a wide table cannot be scrolled
 * (axe: scrollable-region-focusable). A box whose table is wider than itself becomes a focusable,
 * named region; it stops being one when the window grows wide enough to show the whole table.
 */
(function () {
  "use strict";

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways");
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
