// Redirect pages (f/<id>/, former ids, moved pages; written by img_red_flags/postbuild/short_links.py): go to the target
// named on <html data-redirect>, keeping a #fragment the visitor brought along, without leaving the
// redirect page in the history. The page's meta refresh does the same, minus the fragment, without JS.
(function () {
  "use strict";
  var target = document.documentElement.getAttribute("data-redirect");
  if (!target) return;
  var url = new URL(target, window.location.href);
  if (window.location.hash && !url.hash) url.hash = window.location.hash;
  window.location.replace(url.href);
})();
