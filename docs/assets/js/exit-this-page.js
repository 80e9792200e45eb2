// "Exit this page" (overrides/partials/exit-this-page.html), after the behaviour of GOV.UK's component of
// that name. Hand-written because the guide must load nothing from elsewhere and GOV.UK Frontend's version
// needs its whole component framework; this is the same behaviour in a few lines:
// - a click, or Shift pressed three times in a row (each press within 5 seconds of the last, no other key
//   between), blanks the page at once and loads the neutral site with location.replace: this page's
//   history entry is replaced, so Back does not return to it (earlier entries stay: read-safely.md says so);
// - the tab title is blanked too, so a slow neutral site does not leave the guide's title on screen;
// - Shift held for a capital letter does not count (its keyup follows a key pressed with Shift);
// - a page restored by Back from the browser's cache comes back usable, not blank.
// Without JavaScript the button is an ordinary link (a new history entry, but still a way out).
(function () {
  "use strict";
  var root = document.querySelector("[data-exit-this-page]");
  var button = root && root.querySelector(".exit-this-page__button");
  if (!button) return;
  var PRESSES = 3;
  var WINDOW_MS = 5000;

  var status = document.createElement("span");  // what a screen reader hears while Shift is pressed
  status.className = "exit-this-page__status";
  status.setAttribute("role", "status");
  var dots = document.createElement("span");  // the same, seen: one dot per press
  dots.className = "exit-this-page__dots";
  dots.setAttribute("aria-hidden", "true");
  button.append(dots);
  root.append(status);

  var count = 0;
  var timer = null;
  var afterShift = false;  // the last keyup was of a key held with Shift (Shift + A gives two keyups)
  var title = document.title;

  function show() {
    dots.textContent = count ? "\u25CF".repeat(count) + "\u25CB".repeat(PRESSES - count) : "";
    status.textContent = count ? "Shift, press " + (PRESSES - count) + " more " +
      (PRESSES - count === 1 ? "time" : "times") + " to exit." : "";
  }

  function reset() {
    count = 0;
    window.clearTimeout(timer);
    show();
  }

  function exit() {
    document.documentElement.classList.add("exit-this-page--gone");  // blank at once (exit-this-page.css)
    document.title = "\u200B";  // an empty title would show the address instead
    window.location.replace(button.href);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !afterShift) {
      count += 1;
      window.clearTimeout(timer);
      if (count >= PRESSES) {
        reset();
        exit();
      } else {
        timer = window.setTimeout(reset, WINDOW_MS);
        show();
      }
    } else if (count) {
      reset();
    }
    afterShift = event.shiftKey;
  }, true);

  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("exit-this-page--gone");
    document.title = title;
    reset();
  });
})();
