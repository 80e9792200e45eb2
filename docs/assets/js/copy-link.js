// A "Copy link" button next to each red flag, question and FAQ entry: puts the page address with the
// entry's #id on the clipboard and says so in a live region. Added by script, so a browser without JS
// shows no dead button (the heading's permalink still works there). The search highlight (?h=...) is
// dropped from the copied address.
(function () {
  "use strict";
  var HEADINGS = ".flag > h3[id], .question > h3[id], .faq > h2[id]";

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function say(status, message) {
    status.textContent = "";  // a repeated message is announced again only after a change
    window.setTimeout(function () { status.textContent = message; }, 50);
    window.clearTimeout(status.clearTimer);
    status.clearTimer = window.setTimeout(function () { status.textContent = ""; }, 5000);
  }

  function copy(address, status) {
    var done = function () { say(status, "Link copied"); };
    var manual = function () { say(status, "Copy this link: " + address); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(done, manual);
    } else {
      manual();
    }
  }

  function addButtons() {
    document.querySelectorAll(HEADINGS).forEach(function (heading) {
      if (heading.nextElementSibling && heading.nextElementSibling.classList.contains("copy-link")) return;
      var box = document.createElement("p");
      box.className = "copy-link";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link__button";
      button.textContent = "Copy link";
      button.setAttribute("aria-label", "Copy link to: " + headingText(heading));
      var status = document.createElement("span");
      status.className = "copy-link__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copy(window.location.origin + window.location.pathname + "#" + heading.id, status);
      });
      box.append(button, " ", status);
      heading.after(box);
    });
  }

  // Material's instant navigation (if switched on) swaps pages without a load event: follow document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(addButtons);
  } else {
    addButtons();
  }
})();
