// An empty search says so and offers a way on (overrides/main.html, <template id="search-empty">):
// under Material's "No matching documents", the first steps, the question bank and the red flags.
(function () {
  "use strict";
  var template = document.getElementById("search-empty");
  var meta = document.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  if (!template || !meta || !config) return;
  var none;
  try { none = JSON.parse(config.textContent).translations["search.result.none"]; } catch (e) { return; }
  var hint = template.content.firstElementChild.cloneNode(true);
  // In the page only while the search finds nothing, never merely hidden: Material's arrow keys walk every
  // link in the results box, and a hidden link there takes no focus, so ArrowDown stopped on it and never
  // reached the results. Shown, its links are the ones the arrow keys reach.
  function update() {
    if (meta.textContent.trim() === none) {
      if (!hint.isConnected) meta.after(hint);
    } else if (hint.isConnected) {
      hint.remove();
    }
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
