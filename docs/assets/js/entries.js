// Red flags, questions and FAQ entries (macros/templates): unfold the entry an address points to, and a
// Share button on each. Added by script, so a browser without JS shows no dead button; without JS the
// folded details still open with a tap (they are <details>), and print opens them all (print.css).
//
// Share gives the entry's short address f/<id>/, whose link preview names the entry (img_red_flags/postbuild/short_links.py):
// - data-share on the entry: the absolute public address, written at build time from site_url (SITE_URL);
// - else, on a page served over http(s): data-short (relative) resolved against the page's address;
// - else (the offline copy from file:// built without SITE_URL): there is no address worth sharing, so no
//   button: a file:// path means nothing on another device.
// The phone's own share sheet (navigator.share) where the browser has one, else the clipboard.
(function () {
  "use strict";
  var ENTRY = ".flag.entry, .question.entry, .faq.entry, .step.entry";  // .step: guide_page.md.j2

  // ---- Unfold the target of the address: on load, and when the #fragment changes on this page -------
  function unfoldTarget() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    var entry = target && target.closest(ENTRY);
    if (!entry) return;
    var opened = false;
    entry.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened = true; });
    // Opening adds content below the target only, but a late layout (fonts, images) may have moved it.
    if (opened) target.scrollIntoView({ block: "start" });
  }

  // ---- Share ----------------------------------------------------------------------------------------
  function shareAddress(entry) {
    if (entry.dataset.share) return entry.dataset.share;
    if (!/^https?:$/.test(window.location.protocol) || !entry.dataset.short) return null;
    return new URL(entry.dataset.short, window.location.href).href;
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function say(status, message) {
    status.textContent = "";  // a repeated message is announced again only after a change
    window.setTimeout(function () { status.textContent = message; }, 50);
    window.clearTimeout(status.clearTimer);
    status.clearTimer = window.setTimeout(function () { status.textContent = ""; }, 8000);
  }

  function copy(address, status) {
    var done = function () { say(status, "Link copied: " + address); };
    var manual = function () { say(status, "Copy this link: " + address); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(done, manual);
    } else {
      manual();
    }
  }

  function share(title, address, status) {
    if (typeof navigator.share === "function") {
      navigator.share({ title: title, url: address }).then(function () {
        say(status, "Shared: " + address);
      }, function (error) {
        if (!error || error.name !== "AbortError") copy(address, status);  // cancelled: say nothing
      });
    } else {
      copy(address, status);
    }
  }

  function addButtons() {
    document.querySelectorAll(ENTRY).forEach(function (entry) {
      var heading = entry.querySelector(":scope > h2[id], :scope > h3[id]");
      var address = shareAddress(entry);
      if (!heading || !address || entry.querySelector(".entry-share")) return;
      var title = headingText(heading);
      var box = document.createElement("p");
      box.className = "entry-share";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "entry-share__button";
      button.textContent = "Share";
      button.setAttribute("aria-label", "Share: " + title);
      var status = document.createElement("span");
      status.className = "entry-share__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () { share(title, address, status); });
      box.append(button, " ", status);
      // In a folded entry the button opens with the details, so the list of titles stays short.
      var summary = entry.querySelector(":scope > details.entry__more > summary");
      (summary || heading).after(box);
    });
  }

  function init() {
    addButtons();
    unfoldTarget();
  }
  window.addEventListener("hashchange", unfoldTarget);
  // Material's instant navigation (if switched on) swaps pages without a load event: follow document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
