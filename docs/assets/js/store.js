/* store.js: the one gate between a page of this guide and the browser's storage (localStorage).
 *
 * Used by the scorecard (scorecard.js) and by any other page that keeps what a reader types. Nothing
 * here sends anything anywhere. Hand-written because no library does this small job without a
 * framework, and the site loads nothing from elsewhere. Load it before the page's own script:
 *   <script src="…/assets/js/store.js" defer></script><script src="…/assets/js/page.js" defer></script>
 *
 * API: var store = IMGStore.open(options)
 *   options.key          namespace key. The data lives under `key`, its bookkeeping under `key + ":meta"`,
 *                        copies the page could not read under `key + ":unreadable:<time>"`.
 *   options.format       a name the stored object carries ("img-red-flags-scorecard"); another name is unreadable.
 *   options.version      integer: the shape of the data this page reads and writes.
 *   options.dataVersion  optional "1.2.0": the guide data the page was built with (a newer page may know
 *                        entries this one does not).
 *   options.maxChars     the largest stored JSON, in characters: refused at the door, and on reading.
 *   options.noun         what the data is called in messages ("the scorecard").
 *   options.empty()      the data when nothing is stored.
 *   options.decode(obj)  the stored object (format checked) -> data; throws IMGStore.Refused when it cannot be read.
 *   options.encode(data) data -> a plain object of the fields to store; throws Refused past a limit.
 *                        decode(encode(data)) must give the same data, so what is accepted now still reads later.
 *   The stored object is { format, format_version, data_version, rev, saved, ...encode(data) }.
 *
 *   store.read()         reads what is stored now -> { data, rev }. Call once at start. Unreadable data is
 *                        moved aside, never written over (see store.aside()).
 *   store.update(change) THE write path. Reads what is stored NOW, calls change(current, info) with it,
 *                        where info = { conflict: true when another tab wrote since this tab last read or
 *                        wrote }, and stores what change returns (change must not modify `current`; it may
 *                        throw Refused to cancel). Returns { data, rev, saved, conflict }. Throws Refused
 *                        (nothing changed) past a limit, or with refused.why === "stale" when a newer version
 *                        of the page wrote the data. When the browser refuses to store it (quota full,
 *                        storage switched off) the data is kept in this page (saved: false, store.memory is
 *                        the reason) and the next update tries again.
 *   store.check(data)    throws Refused if data could not be stored (limits), without writing.
 *   store.data, store.rev  what this tab last read or wrote, and its revision counter (a write adds 1).
 *   store.stale          true once a newer version of the page has written: every write is refused.
 *   store.memory         null, or "off" (no storage at all) or "full" (quota): changes live in this page only.
 *   store.subscribe(fn)  fn(event) when another tab changes the data (`storage` events): event is
 *                        { data, rev } or { stale: true } or { unsaved: true } (this tab holds changes that
 *                        could not be stored, and keeps them) or { cleared: true }.
 *   store.aside()        raw strings this page could not read, kept exactly as they were (download them).
 *   store.clear()        deletes the data, its bookkeeping and the copies set aside.
 *   store.meta()         { fileSaved: ISO time or null, fileRev, persisted: true/false/null, asked: ISO or null }.
 *   store.savedToFile()  records now, and the current revision, as "last saved to a file".
 *   store.changedSinceFile()  true when the data changed since it was last saved to a file (or never was).
 *   store.persist()      Promise of true/false/null: asks the browser to keep the data (navigator.storage.persist()),
 *                        unless already granted, and records the answer in meta().persisted (null: not offered).
 *   IMGStore.Refused(message, why)  the one error type: message says what and why, for the reader.
 *   IMGStore.download(name, type, content)  saves content as a file, from this page, with no request.
 *
 * Two tabs: localStorage is shared by every tab of the site, and a tab may stay open for days on an older
 * version of the page. So every write starts from what is stored now (never from what this tab read
 * earlier), and a tab that finds data written by a newer version stops writing and says so.
 */
(function () {
  "use strict";

  function Refused(message, why) { this.message = message; this.why = why || "refused"; }

  // "1.10.0" > "1.9.2": compare the numbers in order. Unparsable versions are never "newer".
  function newer(a, b) {
    if (typeof a !== "string" || typeof b !== "string") return false;
    var x = a.match(/\d+/g) || [], y = b.match(/\d+/g) || [];
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = (+x[i] || 0) - (+y[i] || 0);
      if (d) return d > 0;
    }
    return false;
  }

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name; a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function open(o) {
    var KEY = o.key, META = KEY + ":meta", ASIDE = KEY + ":unreadable";
    var ls = null;
    try { ls = window.localStorage; ls.getItem(KEY); } catch (error) { ls = null; }
    var raw = null;      // the string this tab last read or wrote (same string: same data, no decode)
    var lost = null;     // an unreadable copy that could not be moved aside: never written over
    var metaMem = {};    // meta when it cannot be stored
    var listeners = [];

    var store = {
      data: o.empty(), rev: 0, stale: false, memory: ls ? null : "off",
      read: read, update: update, check: check, subscribe: subscribe, aside: aside, clear: clear,
      meta: meta, savedToFile: savedToFile, changedSinceFile: changedSinceFile, persist: persist
    };

    function get(key) { try { return ls ? ls.getItem(key) : null; } catch (error) { return null; } }

    function serialize(data, rev) {
      var object = { format: o.format, format_version: o.version, data_version: o.dataVersion, rev: rev,
                     saved: new Date().toISOString() };
      var fields = o.encode(data);
      Object.keys(fields).forEach(function (k) { object[k] = fields[k]; });
      var json = JSON.stringify(object);
      if (json.length > o.maxChars) {
        throw new Refused(o.noun + " would be larger than " + o.maxChars / 1e6 + " million characters, " +
          "more than this page keeps.");
      }
      return json;
    }
    function check(data) { serialize(data, store.rev + 1); }

    // What `text` (stored now) holds: { data, rev }, { stale }, or { unreadable }.
    function parse(text) {
      if (text === null) return { data: o.empty(), rev: 0 };
      if (text === raw) return { data: store.data, rev: store.rev };
      var object;
      try {
        // 1000 characters of slack: pages before this module counted the data without its envelope.
        if (text.length > o.maxChars + 1000) throw new Refused("");
        object = JSON.parse(text);
        if (object === null || typeof object !== "object" || object.format !== o.format) throw new Refused("");
      } catch (error) { return { unreadable: true }; }
      if (object.format_version > o.version || newer(object.data_version, o.dataVersion)) return { stale: true };
      try {
        return { data: o.decode(object), rev: typeof object.rev === "number" ? object.rev : 0 };
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return { unreadable: true };
      }
    }

    // Never write over what cannot be read: keep it, exactly as it was, under a key of its own (or in
    // memory, storage allowing nothing more, and then write nothing at all).
    function setAside(text) {
      try {
        ls.setItem(ASIDE + ":" + Date.now(), text);
        ls.removeItem(KEY);
      } catch (full) {
        lost = text;
        store.memory = "off";
      }
    }

    // What is stored now, as { data, rev } (unreadable data moved aside), or { stale: true }.
    function current() {
      var text = get(KEY), got = parse(text);
      if (got.unreadable) { setAside(text); got = { data: o.empty(), rev: 0 }; text = null; }
      if (got.stale) store.stale = true;
      else raw = text;
      return got;
    }

    function take(got) {
      if (got.stale) return got;
      store.data = got.data; store.rev = got.rev;
      return { data: got.data, rev: got.rev };
    }

    function read() { return store.memory ? { data: store.data, rev: store.rev } : take(current()); }

    function update(change) {
      if (store.stale) {
        throw new Refused("this page is out of date: a newer version of it, open in another tab, has saved " +
          o.noun + ". Reload the page to see it and go on.", "stale");
      }
      // Changes kept in this page only (storage full or off) are the newest copy: build on them.
      var now = store.memory ? { data: store.data, rev: store.rev } : current();
      if (now.stale) return update(change);
      var conflict = now.rev !== store.rev;
      var next = change(now.data, { conflict: conflict });
      var rev = now.rev + 1, json = serialize(next, rev), saved = false;
      if (ls && lost === null) {
        try {
          ls.setItem(KEY, json);
          raw = json; saved = true; store.memory = null;
        } catch (error) { raw = null; store.memory = "full"; }
      }
      store.data = next; store.rev = rev;
      if (saved) persist();
      return { data: next, rev: rev, saved: saved, conflict: conflict };
    }

    function subscribe(fn) {
      if (!listeners.length) {
        window.addEventListener("storage", function (event) {
          if (event.key !== KEY && event.key !== null) return;
          var message;
          if (store.memory) message = { unsaved: true };  // this tab's unsaved changes stay on screen
          else {
            var got = current();
            message = got.stale ? { stale: true } : take(got);
            if (event.newValue === null && !got.stale) message.cleared = true;
          }
          listeners.forEach(function (f) { f(message); });
        });
      }
      listeners.push(fn);
    }

    function aside() {
      var copies = [];
      try {
        var keys = [];
        for (var i = 0; i < ls.length; i++) if (ls.key(i).indexOf(ASIDE) === 0) keys.push(ls.key(i));
        keys.sort().forEach(function (k) { copies.push(ls.getItem(k)); });
      } catch (error) { /* storage off: nothing set aside */ }
      if (lost !== null) copies.push(lost);
      return copies;
    }

    function clear() {
      try {
        var keys = [];
        for (var i = 0; i < ls.length; i++) if (ls.key(i).indexOf(KEY) === 0) keys.push(ls.key(i));
        keys.forEach(function (k) {
          if (k === KEY || k === META || k.indexOf(ASIDE) === 0) ls.removeItem(k);
        });
      } catch (ignored) { /* storage off: there was nothing stored */ }
      lost = null; raw = null; metaMem = {};
      store.data = o.empty(); store.rev = 0; store.stale = false;
      if (store.memory === "full") store.memory = null;
    }

    function meta() {
      var m = metaMem;
      try { m = JSON.parse(get(META)) || metaMem; } catch (error) { /* unreadable bookkeeping: start over */ }
      return { fileSaved: typeof m.fileSaved === "string" ? m.fileSaved : null,
               fileRev: typeof m.fileRev === "number" ? m.fileRev : -1,
               persisted: typeof m.persisted === "boolean" ? m.persisted : null,
               asked: typeof m.asked === "string" ? m.asked : null };
    }
    function setMeta(changes) {
      var m = meta();
      Object.keys(changes).forEach(function (k) { m[k] = changes[k]; });
      metaMem = m;
      try { ls.setItem(META, JSON.stringify(m)); } catch (error) { /* kept in this page */ }
      return m;
    }
    function savedToFile() { return setMeta({ fileSaved: new Date().toISOString(), fileRev: store.rev }); }
    function changedSinceFile() { return store.rev > 0 && meta().fileRev !== store.rev; }

    var asking = null;
    function persist() {
      var s = navigator.storage;
      if (!s || !s.persist || !s.persisted) return Promise.resolve(null);
      if (asking) return asking;
      asking = s.persisted().then(function (already) { return already || s.persist(); }).then(function (granted) {
        setMeta({ persisted: !!granted, asked: new Date().toISOString() });
        return !!granted;
      }, function () { return null; });
      return asking;
    }

    return store;
  }

  window.IMGStore = { open: open, Refused: Refused, download: download };
})();
