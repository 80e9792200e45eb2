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
  hint.hidden = true;
  meta.after(hint);
  function update() { hint.hidden = meta.textContent.trim() !== none; }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
