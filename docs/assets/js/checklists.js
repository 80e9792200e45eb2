/* Worksheets (docs/checklists/): the Print button, and the addresses printed on paper.
 * Without this script the sheets still print (print.css), with site-relative addresses.
 */
(function () {
  "use strict";

  // Show the Print button only where it can work.
  document.querySelectorAll("[data-sheet-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
    button.hidden = false;
  });

  // Built without site_url, addresses are site-relative ("red-flags/#id"). Make them absolute from
  // where the reader found the page, unless that place means nothing on paper (a file or this machine).
  var here = window.location;
  var shareable = /^https?:$/.test(here.protocol) &&
    !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(here.hostname);
  document.querySelectorAll("[data-address]").forEach(function (node) {
    if (!shareable || /^[a-z][a-z0-9+.-]*:/i.test(node.getAttribute("data-address"))) return;
    var url = node.tagName === "A" ? node.href : here.origin + here.pathname;
    var shown = node.textContent.trim() === node.getAttribute("data-address");  // the address is the text
    node.setAttribute("data-address", url);
    if (node.tagName !== "A" || shown) node.textContent = url;
  });

  // From a file (the offline copy), every link points into the reader's disk: file:///home/<name>/...
  // A PDF saved from it would keep those as link targets. While printing, a link whose public address
  // is known (data-address, absolute when the guide was built with SITE_URL) points there instead, and
  // any other link to a file loses its target (its text stays); both come back after printing.
  if (here.protocol === "file:") {
    var swapped = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("a[href]").forEach(function (link) {
        if (!/^file:/i.test(link.href)) return;
        var address = link.getAttribute("data-address") || "";
        swapped.push([link, link.getAttribute("href")]);
        if (/^https?:\/\//i.test(address)) link.setAttribute("href", address);
        else link.removeAttribute("href");
      });
    });
    window.addEventListener("afterprint", function () {
      swapped.forEach(function (pair) { pair[0].setAttribute("href", pair[1]); });
      swapped = [];
    });
  }

  // The footer line goes into the page margin of every printed page (print.css, @page).
  var footer = document.querySelector("[data-sheet-footer]");
  if (footer) {
    var line = footer.textContent.replace(/\s+/g, " ").trim();
    document.documentElement.style.setProperty("--sheet-footer", JSON.stringify(line));
  }
})();
