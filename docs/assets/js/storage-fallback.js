/* Blocked site data is not a broken site.
 *
 * With cookies and site data blocked, reading window.localStorage or window.sessionStorage throws a
 * SecurityError. Material's scripts read them on every page (the colour scheme, the search, the tabs),
 * so each page ended in uncaught errors and search stayed at "Initializing search" for ever. Loaded
 * first in <head> (overrides/main.html, block libs), this replaces a storage that cannot be read with
 * one kept in the page's memory: everything works, and nothing is kept after the page closes, which is
 * what the reader asked the browser for. Hand-written because no library of the project does this; it is
 * an external file, so the Content-Security-Policy's 'self' admits it.
 */
(function () {
  "use strict";

  function memoryStorage() {
    var items = new Map();
    return {
      get length() { return items.size; },
      key: function (i) { var keys = Array.from(items.keys()); return i < keys.length ? keys[i] : null; },
      getItem: function (k) { k = String(k); return items.has(k) ? items.get(k) : null; },
      setItem: function (k, v) { items.set(String(k), String(v)); },
      removeItem: function (k) { items.delete(String(k)); },
      clear: function () { items.clear(); },
    };
  }

  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      var storage = window[name];
      storage.getItem("__storage_check");
      return; // readable: leave the browser's own storage alone
    } catch (blocked) {
      try {
        Object.defineProperty(window, name, { value: memoryStorage(), configurable: true, enumerable: true });
      } catch (fixed) {
        // the property cannot be redefined here: nothing more this script can do
      }
    }
  });
})();
