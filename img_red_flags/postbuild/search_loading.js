/* Appended to Material's bundle by img_red_flags/postbuild/search_loading.py, which also makes the bundle
 * call this instead of `new Worker(url)` for its search worker.
 *
 * Stands in for the worker until Material sends it its first message (the index, sent only after the
 * reader has opened search): only then is the real worker created, so a page view without search
 * downloads neither the index nor the worker. `Worker` is looked up at that moment, so the offline copy
 * gets the iframe shim that its polyfill installs (browsers refuse workers from file://).
 * A function declaration at the script's top level: hoisted, so the bundle above can call it.
 */
function imgRedFlagsLazyWorker(url) {
  var stand = new EventTarget();
  var worker = null;
  stand.postMessage = function (message) {
    if (!worker) {
      worker = new Worker(url);
      worker.addEventListener("message", function (event) {
        stand.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
    }
    worker.postMessage(message);
  };
  stand.terminate = function () {
    if (worker) worker.terminate();
  };
  return stand;
}

/* Material's search box sits in a form, and Enter where Material has no result to open submitted it: the
 * page reloaded, as `?query=<words>` before search_loading.py took the box's name away. Search happens in
 * the page; the form is never sent. (Material's bundle is the page's last script: the form exists.)
 */
(function () {
  var form = document.forms.namedItem("search");
  if (form) form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
