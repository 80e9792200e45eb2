/* My record (docs/my-record.md): a private log of work hours and incidents, kept in this browser.
 *
 * Nothing is ever sent anywhere and nothing goes into the address: the record lives in localStorage,
 * optionally encrypted with the browser's own WebCrypto (AES-GCM, key from the passphrase by PBKDF2).
 * The sums are in record-calc.js (window.RecordCalc, pure functions); the limits and the words of each
 * rule come from data/record.yaml through the JSON block #record-data. Plain DOM code, no framework:
 * text people type is only ever shown through text nodes, never innerHTML.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var dataBlock = $("record-data"), calc = window.RecordCalc;
  if (!dataBlock || !calc || !$("rec-start")) return;

  var GUIDE = JSON.parse(dataBlock.textContent);
  var L = GUIDE.limits;
  var KEY = "img-red-flags:record";           // localStorage key of the record
  var FORMAT_VERSION = 1;                     // shape of the stored record and the backup file
  // OWASP Password Storage Cheat Sheet (read 2026-12-02): "use PBKDF2 with a work factor of 600,000 or
  // more and set with an internal hash function of HMAC-SHA-256". Stored with each locked record, so a
  // later, higher count still opens records locked today.
  var PBKDF2_ITERATIONS = 600000;
  // storedChars: the stored text (a sealed record is a third longer), well inside every browser's quota.
  var LIMIT = { size: 2000000, storedChars: 3000000, fileBytes: 8000000, periods: 5000, incidents: 1000, note: 200, line: 500,
                text: 10000, periodHours: 72, passphrase: 8 };
  var KINDS = { clinical: "Clinical work", educational: "Required education", it: "IT or go-live support",
                moonlighting: "Moonlighting", "home-call": "At-home call, time worked" };
  var PLACES = { site: "On site", home: "From home" };
  var VISA = { no: "No", yes: "Yes", unsure: "Not sure" };
  var ACCREDITED = { unsure: "Not sure", yes: "Yes", no: "No" };
  var STATUS = { within: "Within the limit", over: "Over the limit", check: "Check", open: "Not finished yet" };
  var ID = /^[a-z0-9]{6,32}$/, DAY = /^\d{4}-\d{2}-\d{2}$/, TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

  function map() { return Object.create(null); }
  function has(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }
  function empty() { return { settings: { accredited: "unsure" }, periods: [], incidents: [] }; }

  var state = {
    record: empty(),
    rev: 0,            // revision of the stored record this page shows: another tab's write bumps it
    lock: null,        // { salt, iterations } when the stored record is locked
    key: null,         // the AES key while unlocked; dropped on lock and when the page is left
    locked: false,     // true while the record is locked and not yet opened here
  };

  // ---- Small DOM helpers: attributes and text only ----------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  var SVG_NS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function say(id, message) {
    var node = $(id);
    node.textContent = "";
    // Set after a tick so screen readers announce a message even when it repeats.
    window.setTimeout(function () { node.textContent = message; }, 50);
  }
  function hours(h) { return (Math.round(h * 10) / 10).toFixed(1).replace(/\.0$/, ""); }
  function quoted(s) { return "\u201c" + s + "\u201d"; }

  // ---- What may be stored --------------------------------------------------------------------------
  var Refused = window.IMGStore.Refused;     // the one error type of the storage gate (store.js)
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function text(value, what, max) {
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string") throw new Refused(what + " must be text.");
    if (value.length > max) throw new Refused(what + " must be at most " + max + " characters long.");
    return value;
  }
  function choice(value, table, what) {
    if (typeof value !== "string" || !has(table, value)) {
      throw new Refused(what + " must be one of: " + Object.keys(table).join(", ") + ".");
    }
    return value;
  }
  function ident(value, what) {
    if (typeof value !== "string" || !ID.test(value)) throw new Refused(what + " has an invalid id.");
    return value;
  }

  function readPeriod(p, i) {
    var where = "Period " + (i + 1);
    if (!isObject(p)) throw new Refused(where + " is not valid.");
    var period = {
      id: ident(p.id, where),
      start: text(p.start, where + ": the start", 40),
      end: text(p.end, where + ": the end", 40),
      place: choice(p.place, PLACES, where + ": the place"),
      kind: choice(p.kind, KINDS, where + ": the kind of work"),
      note: text(p.note, where + ": the note", LIMIT.note)
    };
    var s = calc.parse(period.start), e = calc.parse(period.end);
    if (isNaN(s) || isNaN(e)) throw new Refused(where + ": the start and end must be dates and times with their time zone.");
    if (e <= s) throw new Refused(where + " ends before it starts.");
    if (e - s > LIMIT.periodHours * calc.HOUR) {
      throw new Refused(where + " is longer than " + LIMIT.periodHours + " hours. Log it as more than one period.");
    }
    return period;
  }
  function readIncident(x, i) {
    var where = "Incident " + (i + 1);
    if (!isObject(x)) throw new Refused(where + " is not valid.");
    var incident = {
      id: ident(x.id, where),
      date: text(x.date, where + ": the date", 10),
      time: text(x.time, where + ": the time", 5),
      where: text(x.where, where + ": where", LIMIT.line),
      who: text(x.who, where + ": who was present", LIMIT.line),
      what: text(x.what, where + ": what happened", LIMIT.text),
      said: text(x.said, where + ": what was said", LIMIT.text),
      visa: choice(x.visa === undefined ? "unsure" : x.visa, VISA, where + ": about the visa"),
      next: text(x.next, where + ": what was done next", LIMIT.text)
    };
    if (!DAY.test(incident.date) || isNaN(calc.parse(incident.date + "T00:00+00:00"))) {
      throw new Refused(where + ": the date must be a real date.");
    }
    if (incident.time && !TIME.test(incident.time)) throw new Refused(where + ": the time must be like 14:30.");
    if (!incident.what.trim() && !incident.said.trim()) throw new Refused(where + " says neither what happened nor what was said.");
    return incident;
  }

  // THE one rule for what may be stored (as the scorecard's): every change builds the whole would-be
  // record and writes only what this accepts, and reading back what it accepted gives the same record.
  // So a record can never be accepted now and refused on the next visit. Returns it as JSON.
  function storable(record) {
    if (record.periods.length > LIMIT.periods) {
      throw new Refused("a record holds at most " + LIMIT.periods + " periods, and this would make " + record.periods.length + ".");
    }
    if (record.incidents.length > LIMIT.incidents) {
      throw new Refused("a record holds at most " + LIMIT.incidents + " incidents, and this would make " + record.incidents.length + ".");
    }
    var ids = map();
    record.periods.concat(record.incidents).forEach(function (x) {
      if (has(ids, x.id)) throw new Refused("two entries have the same id (" + x.id + ").");
      ids[x.id] = 1;
    });
    var json = JSON.stringify(normal(record));
    if (json.length > LIMIT.size) throw new Refused("the record would be larger than this page keeps (" + LIMIT.size / 1e6 + " million characters).");
    return json;
  }

  // The record with its keys in one order, so the same record always gives the same file.
  function normal(record) {
    return {
      settings: { accredited: record.settings.accredited },
      periods: record.periods.map(function (p) {
        return { id: p.id, start: p.start, end: p.end, place: p.place, kind: p.kind, note: p.note };
      }),
      incidents: record.incidents.map(function (x) {
        return { id: x.id, date: x.date, time: x.time, where: x.where, who: x.who, what: x.what, said: x.said,
                 visa: x.visa, next: x.next };
      })
    };
  }

  // A record as stored or as a backup file -> the record, or throws Refused saying what and why.
  function readRecord(raw) {
    if (!isObject(raw) || raw.format !== GUIDE.format) throw new Refused("this is not a record file saved by this page.");
    if (typeof raw.format_version !== "number" || raw.format_version < 1 || raw.format_version % 1) {
      throw new Refused("the file does not say which version of the record saved it.");
    }
    if (raw.format_version > FORMAT_VERSION) {
      throw new Refused("it was saved by a newer version of this page. Reload the page while online, then try again.");
    }
    if (!Array.isArray(raw.periods) || !Array.isArray(raw.incidents)) throw new Refused("the file has no list of periods or incidents.");
    var settings = isObject(raw.settings) ? raw.settings : {};
    var record = {
      settings: { accredited: choice(settings.accredited === undefined ? "unsure" : settings.accredited, ACCREDITED, "The accreditation answer") },
      periods: raw.periods.map(readPeriod),
      incidents: raw.incidents.map(readIncident)
    };
    sortRecord(record);
    storable(record);
    return record;
  }
  function sortRecord(record) {
    record.periods.sort(function (a, b) { return calc.parse(a.start) - calc.parse(b.start) || (a.id < b.id ? -1 : 1); });
    record.incidents.sort(function (a, b) {
      return (a.date + a.time < b.date + b.time ? -1 : a.date + a.time > b.date + b.time ? 1 : a.id < b.id ? -1 : 1);
    });
  }

  // The backup file: the record, its format and version, and the time it was saved. Nothing about this
  // device, this browser or where the page was opened from.
  function backup(record) {
    var out = { format: GUIDE.format, format_version: FORMAT_VERSION, saved: new Date().toISOString() };
    var body = normal(record);
    out.settings = body.settings;
    out.periods = body.periods;
    out.incidents = body.incidents;
    return out;
  }

  function newId() {
    var bytes = new Uint32Array(2);
    window.crypto.getRandomValues(bytes);
    return (bytes[0].toString(36) + bytes[1].toString(36) + "000000").slice(0, 12);
  }

  // ---- Encryption: WebCrypto only ------------------------------------------------------------------
  var subtle = window.crypto && window.crypto.subtle;  // absent outside secure contexts (plain http)
  function b64(bytes) { return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes))); }
  function unb64(s) { return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }); }
  function deriveKey(passphrase, salt, iterations) {
    return subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations }, base,
          { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      });
  }
  function encrypt(json) {
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    return subtle.encrypt({ name: "AES-GCM", iv: iv }, state.key, new TextEncoder().encode(json))
      .then(function (data) { return { iv: b64(iv), data: b64(data) }; });
  }
  function decrypt(envelope, key) {
    return subtle.decrypt({ name: "AES-GCM", iv: unb64(envelope.iv) }, key, unb64(envelope.data))
      .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
  }

  // ---- Storage: through the gate (store.js), as the scorecard's -------------------------------------
  // What the gate stores is either { record } in the clear, or { locked }: the record sealed with AES-GCM
  // and what is needed to derive its key again. The gate checks sizes, keeps unreadable data aside and
  // counts revisions; sealing is asynchronous, so a change is worked out first and handed to the gate
  // only if nobody wrote in between (info.conflict).
  var store = window.IMGStore.open({
    key: KEY,
    format: GUIDE.format,
    version: FORMAT_VERSION,
    maxChars: LIMIT.storedChars,
    noun: "the record",
    empty: function () { return { record: empty() }; },
    decode: function (object) {
      if (isObject(object.locked)) return { locked: readSealed(object.locked) };
      return { record: readRecord(wrap(object.record)) };
    },
    encode: function (data) {
      if (data.locked) return { locked: data.locked };
      storable(data.record);
      return { record: normal(data.record) };
    }
  });
  function readSealed(x) {
    var kdf = x.kdf;
    if (!isObject(kdf) || kdf.name !== "PBKDF2" || kdf.hash !== "SHA-256" || typeof kdf.salt !== "string" ||
        typeof kdf.iterations !== "number" || kdf.iterations < 1 || kdf.iterations % 1 ||
        typeof x.iv !== "string" || typeof x.data !== "string") {
      throw new Refused("the locked record is not complete.");
    }
    return { kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt }, iv: x.iv, data: x.data };
  }
  function wrap(body) {
    return Object.assign({ format: GUIDE.format, format_version: FORMAT_VERSION }, isObject(body) ? body : {});
  }
  function sameLock(sealed) { return !!(state.lock && state.key && sealed.kdf.salt === state.lock.salt); }

  // Stored data -> Promise of the record (opening it with the key held, if locked), or null when it is
  // locked and this page does not hold its key.
  function open(data) {
    if (!data.locked) return Promise.resolve(data.record);
    if (!sameLock(data.locked)) return Promise.resolve(null);
    return decrypt(data.locked, state.key).then(function (body) { return readRecord(wrap(body)); });
  }
  function seal(record) {
    var json = JSON.stringify(normal(record));
    return encrypt(json).then(function (sealed) {
      return { locked: { kdf: { name: "PBKDF2", hash: "SHA-256", iterations: state.lock.iterations, salt: state.lock.salt },
                         iv: sealed.iv, data: sealed.data } };
    });
  }

  // Shows what a read or another tab's write gave: the record, or the lock.
  function show(data) {
    return open(data).then(function (record) {
      if (record === null) {
        state.key = null;
        state.lock = { salt: data.locked.kdf.salt, iterations: data.locked.kdf.iterations };
        state.locked = true;
        state.record = empty();
      } else {
        if (!data.locked) { state.lock = null; state.key = null; }
        state.locked = false;
        state.record = record;
      }
    }, function () {
      // Our key no longer opens it (the passphrase was changed in another tab): ask for it again.
      state.key = null;
      state.locked = true;
      state.record = empty();
    });
  }

  // The only writer. Runs one change at a time: `change(record)` returns the next record (or throws
  // Refused), computed from the record as stored now, so two quick taps, or two tabs, never lose one.
  // options.lock: store it sealed with state.key; options.unlock: store it in the clear.
  var queue = Promise.resolve();
  function act(change, options) {
    options = options || {};
    var run = queue.then(function () {
      if (state.locked) throw new Refused("the record is locked. Unlock it first.");
      var now = store.read();   // what is stored now; a write after this one is a conflict below
      var other = now.rev !== state.rev;
      return open(now.data).then(function (record) {
        if (record === null) throw new Refused("the record was locked in another tab. Unlock it to go on.");
        var next = change(record);
        sortRecord(next);
        storable(next);
        var sealing = !options.unlock && (options.lock || (now.data.locked && state.key));
        return (sealing ? seal(next) : Promise.resolve({ record: next })).then(function (data) {
          store.check(data);
          var result = store.update(function (current, info) {
            if (info.conflict) throw new Refused("the record was changed in another tab while saving. Check it, then do this again.");
            return data;
          });
          state.rev = result.rev;
          state.record = next;
          if (!sealing) { state.lock = null; state.key = null; }
          if (!result.saved) storageOff();
          else $("rec-error").textContent = other ? "The record had been changed in another tab. Your change was " +
            "added to that version, and this page now shows both." : "";
          return { other: other };
        });
      });
    });
    queue = run.catch(function () { /* the next change runs whatever happened to this one */ });
    return run.catch(function (error) {
      // Whatever went wrong, the page shows what is stored now.
      return reload().then(function () { throw error; });
    });
  }

  function reload() {
    var got = store.read();
    state.rev = got.rev;
    return show(got.data).then(renderAll, renderAll);
  }

  function storageOff() {
    $("rec-error").textContent = store.stale ?
      "A newer version of this page, open in another tab, has saved your record. It is kept as it is: reload " +
      "this page to see it and go on." :
      store.memory === "full" ?
      "This browser's storage for the site is full: your latest changes are kept in this page only. Save a " +
      "backup file now, before you close the page." :
      "This browser does not let the page store anything (storage may be switched off). What you enter now " +
      "cannot be kept: save a backup file before you close the page.";
  }

  // ---- Rendering -----------------------------------------------------------------------------------
  var RECORD_PANELS = ["rec-hours-panel", "rec-limits-panel", "rec-incidents-panel", "rec-data-panel"];
  function showPanels() {
    $("rec-start").hidden = false;
    RECORD_PANELS.forEach(function (id) { $(id).hidden = state.locked; });
    $("rec-unlock").hidden = !state.locked;
  }

  function showAside() {
    var box = $("rec-unreadable");
    var copies = store.aside();
    box.textContent = "";
    box.hidden = !copies.length;
    if (!copies.length) return;
    box.appendChild(el("p", {}, "This browser holds a record that this page could not read. It is kept as it was, " +
      "and the page started without it. Download it to keep it, or to send it to someone who can help."));
    copies.forEach(function (raw, i) {
      var button = el("button", { type: "button", "class": "md-button" },
        "Download the unreadable record" + (copies.length > 1 ? " " + (i + 1) : ""));
      button.addEventListener("click", function () { download("record-unreadable-" + (i + 1) + ".json", "application/json", raw); });
      box.appendChild(button);
    });
  }

  function dayCount(since) { return Math.floor((Date.now() - Date.parse(since)) / 86400000); }
  function showSaved() {
    var node = $("rec-saved"), r = state.record;
    node.textContent = "";
    if (state.locked || (!r.periods.length && !r.incidents.length)) return;
    var lines = [], meta = store.meta();
    if (!meta.fileSaved) {
      lines.push("You have not saved this record to a file yet. Save a backup file now, and then every week: " +
        "a browser can delete what a site keeps.");
    } else {
      var days = dayCount(meta.fileSaved);
      lines.push("Last saved to a file on " + meta.fileSaved.slice(0, 10) + (days > 0 ? " (" + days + " day" + (days === 1 ? "" : "s") + " ago)" : " (today)") + ".");
      if (store.changedSinceFile()) lines.push(days >= 7 ? "Save it again now: it is a week old, and you have changed the record since." : "You have changed the record since: save it again.");
    }
    if (meta.persisted === true) lines.push("This browser has agreed to keep the record until you delete it.");
    node.appendChild(el("span", {}, lines.join(" ") + " "));
    node.appendChild(el("a", { href: "#your-data" }, "Save a backup"));
  }

  function periodLabel(p) {
    var s = calc.parse(p.start), e = calc.parse(p.end);
    var d0 = p.start.slice(0, 10), d1 = p.end.slice(0, 10);
    return d0 + " " + p.start.slice(11, 16) + " to " + (d1 !== d0 ? d1 + " " : "") + p.end.slice(11, 16) +
      " (" + hours((e - s) / calc.HOUR) + " h), " + PLACES[p.place].toLowerCase() + ", " + KINDS[p.kind].toLowerCase();
  }

  function renderPeriods() {
    var list = $("rec-periods"), periods = state.record.periods;
    list.textContent = "";
    periods.slice().reverse().forEach(function (p) {
      list.appendChild(el("li", {}, el("span", {}, periodLabel(p) + (p.note ? ". " + p.note : "")), " ",
        el("button", { type: "button", "class": "md-button rec-small", "data-delete-period": p.id }, "Delete",
          el("span", { "class": "rec-visually-hidden" }, " the period " + periodLabel(p)))));
    });
    $("rec-periods-summary").textContent = "Periods you logged (" + periods.length + ")";
    $("rec-repeat").disabled = !periods.length;
  }

  function statusBadge(status) { return el("span", { "class": "rec-status-badge rec-status--" + status }, STATUS[status]); }
  function rangeLabel(a, b) { return calc.localDate(a) + " to " + calc.localDate(b - 1); }

  function blockCard(block, analysis, open) {
    var rules = {}; GUIDE.rules.forEach(function (r) { rules[r.id] = r; });
    var row = function (id, status, detail) {
      return el("li", { "class": "rec-check" }, statusBadge(status), " ", el("a", { href: "#" + id }, rules[id].title), ": ", detail);
    };
    var long = block.longRuns.map(function (r) { return calc.localDate(r.s) + " (" + hours(r.hours) + " h)"; });
    var rests = block.shortRests.map(function (x) { return calc.localDate(x.s) + " (" + hours(x.hours) + " h off, " + x.need + " needed)"; });
    var title = "Weeks of " + rangeLabel(block.start, block.end) + (block.weeks < L.block_weeks ? " (" + block.weeks + " of " + L.block_weeks + " weeks so far)" : "");
    var worst = ["over", "check", "open"].filter(function (s) {
      return Object.keys(block.status).some(function (k) { return block.status[k] === s; });
    })[0] || "within";
    return el("details", { "class": "rec-block rec-block--" + worst, open: open },
      el("summary", {}, title, " ", statusBadge(worst)),
      el("ul", {},
        row("weekly-hours", block.status.hours, hours(block.hours) + " hours in all, " + hours(block.average) +
          " a week on average over " + L.block_weeks + " weeks (limit " + L.weekly_hours + ")."),
        row("days-free", block.status.daysFree, block.daysFree + " day" + (block.daysFree === 1 ? "" : "s") + " free (at least " + block.daysFreeNeeded + ")."),
        row("continuous", block.status.continuous, long.length ? "longer than " + L.max_continuous_hours + " hours: " + long.join(", ") + "." : "no period longer than " + L.max_continuous_hours + " hours."),
        row("rest", block.status.rest, rests.length ? "short breaks: " + rests.join(", ") + "." : "every break long enough.")));
  }

  function chart(weeks) {
    // One bar per week; the limit as a line. Numbers are in the table too, so the chart is an image
    // with a text alternative, not the only way to read them.
    var n = weeks.length, barW = 28, gap = 10, left = 36, top = 16, h = 160, bottom = 40;
    var max = Math.max(L.weekly_hours + 20, Math.ceil(Math.max.apply(null, weeks.map(function (w) { return w.hours; })) / 20) * 20);
    var width = Math.max(300, left + n * (barW + gap) + gap), y = function (v) { return top + h - (v / max) * h; };
    var over = weeks.filter(function (w) { return w.overWeekly; }).length;
    var root = svg("svg", { viewBox: "0 0 " + width + " " + (top + h + bottom), width: String(width), height: String(top + h + bottom),
                            role: "img", "aria-labelledby": "rec-chart-title", "class": "rec-svg" });
    root.appendChild(svg("title", { id: "rec-chart-title" }, "Hours each week: " + n + " week" + (n === 1 ? "" : "s") +
      ", " + over + " over " + L.weekly_hours + " hours. The numbers are in the table below."));
    for (var t = 0; t <= max; t += 20) {
      root.appendChild(svg("line", { x1: left, x2: width, y1: y(t), y2: y(t), "class": "rec-grid" }));
      root.appendChild(svg("text", { x: left - 4, y: y(t) + 4, "class": "rec-axis", "text-anchor": "end" }, String(t)));
    }
    weeks.forEach(function (w, i) {
      var x = left + gap + i * (barW + gap);
      root.appendChild(svg("rect", { x: x, y: y(w.hours), width: barW, height: Math.max(0, y(0) - y(w.hours)),
                                     "class": "rec-bar" + (w.overWeekly ? " rec-bar--over" : "") }));
      root.appendChild(svg("text", { x: x + barW / 2, y: y(w.hours) - 3, "class": "rec-value", "text-anchor": "middle" }, hours(w.hours)));
      root.appendChild(svg("text", { x: x + barW / 2, y: top + h + 14, "class": "rec-axis", "text-anchor": "middle" }, w.label.slice(5)));
    });
    root.appendChild(svg("line", { x1: left, x2: width, y1: y(L.weekly_hours), y2: y(L.weekly_hours), "class": "rec-limit" }));
    root.appendChild(svg("text", { x: width - 2, y: y(L.weekly_hours) - 4, "class": "rec-axis rec-limit-label", "text-anchor": "end" }, L.weekly_hours + " h"));
    root.appendChild(svg("text", { x: left, y: top + h + 32, "class": "rec-axis" }, "Week of (month-day)"));
    return root;
  }

  function weekRows(weeks, body) {
    body.textContent = "";
    weeks.forEach(function (w) {
      body.appendChild(el("tr", { "class": w.overWeekly ? "rec-week--over" : null },
        el("th", { scope: "row" }, w.label, w.complete ? "" : " (so far)"),
        el("td", {}, hours(w.hours), w.overWeekly ? el("span", { "class": "rec-over-mark" }, " over " + L.weekly_hours) : ""),
        el("td", {}, hours(w.homeHours)),
        el("td", {}, String(w.daysFree)),
        el("td", {}, w.longest ? hours(w.longest) + " h" : "none")));
    });
  }

  function appliesText() {
    var a = state.record.settings.accredited;
    return a === "yes" ? "These limits apply to your program: the ACGME accredits it." :
      a === "no" ? "These limits do not bind your program: the ACGME does not accredit it. They are shown for comparison. " +
        "Your program is bound by its own written policy and your contract." :
      "If the ACGME accredits your program, these limits apply to it. If it does not, they do not bind it. Ask the GME office in writing.";
  }

  function renderLimits() {
    var analysis = calc.analyse(state.record.periods, L, Date.now());
    var weeks = analysis.weeks;
    $("rec-accredited").value = state.record.settings.accredited;
    $("rec-applies").textContent = appliesText();
    $("rec-limits-empty").hidden = weeks.length > 0;
    $("rec-chart-box").hidden = $("rec-weeks-wrap").hidden = !weeks.length;
    var box = $("rec-chart");
    box.textContent = "";
    if (weeks.length) box.appendChild(chart(weeks.slice(-12)));
    weekRows(weeks.slice().reverse(), $("rec-weeks-body"));
    var blocks = $("rec-blocks");
    blocks.textContent = "";
    analysis.blocks.slice().reverse().forEach(function (b, i) { blocks.appendChild(blockCard(b, analysis, i === 0)); });
  }

  function incidentView(x, withDelete) {
    var dl = el("dl", {});
    [["Where", x.where], ["Who was present", x.who], ["What happened", x.what], ["What was said", x.said],
     ["About the visa", VISA[x.visa]], ["What was done next", x.next]].forEach(function (pair) {
      if (!pair[1]) return;
      dl.appendChild(el("dt", {}, pair[0]));
      dl.appendChild(el("dd", {}, pair[1]));
    });
    return el("li", { "class": "rec-incident-item" },
      el("p", { "class": "rec-incident-date" }, el("strong", {}, x.date + (x.time ? " " + x.time : ""))), dl,
      withDelete ? el("button", { type: "button", "class": "md-button rec-small", "data-delete-incident": x.id }, "Delete",
        el("span", { "class": "rec-visually-hidden" }, " the incident of " + x.date)) : null);
  }
  function renderIncidents() {
    var list = $("rec-incident-list");
    list.textContent = "";
    state.record.incidents.forEach(function (x) { list.appendChild(incidentView(x, true)); });
  }

  function renderLock() {
    var locked = !!state.lock;
    $("rec-lock-state").textContent = !subtle ? "This browser cannot lock the record here: its encryption is only " +
      "available on a secure (https) page or in the offline copy." :
      locked ? "The record is locked with a passphrase. It opens only with that passphrase." :
      "The record is not locked. Anyone who uses this browser can read it.";
    $("rec-lock-fields").hidden = locked || !subtle;
    $("rec-lock-now").hidden = $("rec-lock-remove").hidden = !locked;
  }

  function renderAll() {
    showPanels();
    showAside();
    showSaved();
    if (state.locked) { clearRecordDom(); return; }
    renderPeriods();
    renderLimits();
    renderIncidents();
    renderLock();
  }

  // Empties every place the record is shown, for the exit control and for locking.
  function clearRecordDom() {
    ["rec-periods", "rec-chart", "rec-weeks-body", "rec-blocks", "rec-incident-list", "rec-report", "rec-saved"].forEach(function (id) {
      $(id).textContent = "";
    });
    $("rec-report").hidden = true;
  }

  // ---- Logging hours -------------------------------------------------------------------------------
  function today() { return calc.localDate(Date.now()); }
  function ymd(s) { return s.split("-").map(Number); }
  function hm(s) { return s.split(":").map(Number); }
  function nextDay(day) { var d = ymd(day); return calc.localDate(new Date(d[0], d[1] - 1, d[2] + 1).getTime()); }

  function syncEndDate() {
    var date = $("rec-date").value, s = $("rec-start-time").value, e = $("rec-end-time").value;
    if (!date) return;
    if ($("rec-end-date").getAttribute("data-touched")) return;
    $("rec-end-date").value = s && e && e <= s ? nextDay(date) : date;
  }

  function periodFrom(day, endDay, start, end, place, kind, note) {
    var d0 = ymd(day), d1 = ymd(endDay), t0 = hm(start), t1 = hm(end);
    return { id: newId(), start: calc.localIso(d0[0], d0[1], d0[2], t0[0], t0[1]),
             end: calc.localIso(d1[0], d1[1], d1[2], t1[0], t1[1]), place: place, kind: kind, note: note };
  }

  function onLog(event) {
    event.preventDefault();
    var date = $("rec-date").value, s = $("rec-start-time").value, e = $("rec-end-time").value;
    var endDate = $("rec-end-date").value || date;
    if (!DAY.test(date) || !TIME.test(s) || !TIME.test(e) || !DAY.test(endDate)) {
      say("rec-log-error", "Not saved: fill in the date, the start and the end.");
      return;
    }
    var place = document.querySelector("input[name='rec-place']:checked").value;
    var period;
    try {
      period = readPeriod(periodFrom(date, endDate, s, e, place, $("rec-kind").value, $("rec-note").value), 0);
    } catch (refused) {
      say("rec-log-error", "Not saved: " + refused.message.replace(/^Period 1/, "the period"));
      return;
    }
    act(function (r) { return withPeriods(r, r.periods.concat([period])); }).then(function () {
      $("rec-log-error").textContent = "";
      $("rec-note").value = "";
      renderAll();
      say("rec-log-status", "Saved: " + periodLabel(period) + ".");
    }, function (error) { say("rec-log-error", "Not saved: " + message(error)); });
  }
  function withPeriods(r, periods) { return { settings: r.settings, periods: periods, incidents: r.incidents.slice() }; }
  function message(error) {
    if (error instanceof Refused) return error.message;
    return "something went wrong in this browser (" + (error && error.message ? error.message : error) + "). Nothing was changed.";
  }

  // The last period again, on the day after it started, at the same local times: a week in seven taps.
  function onRepeat() {
    var made;
    act(function (r) {
      var last = r.periods[r.periods.length - 1];
      if (!last) throw new Refused("there is no period to repeat yet.");
      var day = nextDay(last.start.slice(0, 10)), endDay = last.end.slice(0, 10) === last.start.slice(0, 10) ? day : nextDay(day);
      made = readPeriod(periodFrom(day, endDay, last.start.slice(11, 16), last.end.slice(11, 16), last.place, last.kind, last.note), 0);
      return withPeriods(r, r.periods.concat([made]));
    }).then(function () {
      renderAll();
      say("rec-log-status", "Saved: " + periodLabel(made) + ".");
    }, function (error) { say("rec-log-error", "Not saved: " + message(error)); });
  }

  function onPeriodsClick(event) {
    var button = event.target.closest("[data-delete-period]");
    if (!button) return;
    var id = button.getAttribute("data-delete-period");
    var p = state.record.periods.filter(function (x) { return x.id === id; })[0];
    if (!p || !window.confirm("Delete the period " + periodLabel(p) + "?")) return;
    act(function (r) { return withPeriods(r, r.periods.filter(function (x) { return x.id !== id; })); }).then(function () {
      renderAll();
      $("rec-date").focus();
      say("rec-log-status", "Deleted the period " + periodLabel(p) + ".");
    }, function (error) { say("rec-log-error", "Not deleted: " + message(error)); });
  }

  // ---- Incidents -----------------------------------------------------------------------------------
  // Looks for what may identify a patient. Only a warning: the page never refuses the reader's words.
  var IDENTIFIERS = [
    [/\b(MRN|medical record (number|no)|record (number|no)|DOB|date of birth|born on|SSN|social security)\b/i, "words that usually come with a patient identifier"],
    [/\b\d{3}-\d{2}-\d{4}\b/, "a number shaped like a Social Security number"],
    [/\b\d{1,2}[\/.\-]\d{1,2}[\/.\-](19|20)\d{2}\b|\b(19|20)\d{2}-\d{2}-\d{2}\b/, "a full date, which could be a date of birth"],
    [/\b\d{6,}\b/, "a long number, which could be a record number"]
  ];
  function identifierHints(texts) {
    var found = [];
    IDENTIFIERS.forEach(function (pair) {
      texts.forEach(function (t) {
        var m = pair[0].exec(t);
        if (m && found.every(function (f) { return f.why !== pair[1]; })) found.push({ why: pair[1], match: m[0] });
      });
    });
    return found;
  }
  var INCIDENT_FIELDS = { where: "rec-inc-where", who: "rec-inc-who", what: "rec-inc-what", said: "rec-inc-said", next: "rec-inc-next" };
  function incidentForm() {
    var x = { id: "", date: $("rec-inc-date").value, time: $("rec-inc-time").value, visa: $("rec-inc-visa").value };
    Object.keys(INCIDENT_FIELDS).forEach(function (k) { x[k] = $(INCIDENT_FIELDS[k]).value; });
    return x;
  }
  function onIncident(event) {
    event.preventDefault();
    var form = $("rec-incident"), x = incidentForm(), box = $("rec-phi");
    var words = [x.where, x.who, x.what, x.said, x.next];
    var hints = identifierHints(words), signature = words.join("\u0000");
    if (hints.length && form.getAttribute("data-confirmed") !== signature) {
      // First press: say what looks like an identifier; a second press saves the words as written.
      box.textContent = "";
      box.appendChild(el("p", {}, el("strong", {}, "This may identify a patient. "), "Check before saving. The page found:"));
      var ul = el("ul", {});
      hints.forEach(function (h) { ul.appendChild(el("li", {}, h.why + ": " + quoted(h.match))); });
      box.appendChild(ul);
      box.appendChild(el("p", {}, "Change it if it identifies a patient. If it does not, press " + quoted("Save as written") + "."));
      box.hidden = false;
      form.setAttribute("data-confirmed", signature);
      $("rec-inc-save").textContent = "Save as written";
      return;
    }
    x.id = newId();
    var incident;
    try { incident = readIncident(x, 0); } catch (refused) {
      say("rec-inc-error", "Not saved: " + refused.message.replace(/^Incident 1/, "the incident"));
      return;
    }
    act(function (r) { return { settings: r.settings, periods: r.periods.slice(), incidents: r.incidents.concat([incident]) }; }).then(function () {
      form.reset();
      form.removeAttribute("data-confirmed");
      box.hidden = true;
      $("rec-inc-save").textContent = "Save this incident";
      $("rec-inc-error").textContent = "";
      $("rec-inc-date").value = today();
      renderAll();
      say("rec-inc-status", "Saved the incident of " + incident.date + ".");
    }, function (error) { say("rec-inc-error", "Not saved: " + message(error)); });
  }
  function onIncidentEdit() {
    // Any change to the words is checked again before saving.
    if ($("rec-incident").hasAttribute("data-confirmed")) {
      $("rec-incident").removeAttribute("data-confirmed");
      $("rec-inc-save").textContent = "Save this incident";
    }
  }
  function onIncidentsClick(event) {
    var button = event.target.closest("[data-delete-incident]");
    if (!button) return;
    var id = button.getAttribute("data-delete-incident");
    var x = state.record.incidents.filter(function (i) { return i.id === id; })[0];
    if (!x || !window.confirm("Delete the incident of " + x.date + "?")) return;
    act(function (r) { return { settings: r.settings, periods: r.periods.slice(), incidents: r.incidents.filter(function (i) { return i.id !== id; }) }; })
      .then(function () { renderAll(); say("rec-inc-status", "Deleted the incident of " + x.date + "."); },
            function (error) { say("rec-inc-error", "Not deleted: " + message(error)); });
  }

  function onAccredited(event) {
    var value = event.target.value;
    act(function (r) { return { settings: { accredited: value }, periods: r.periods.slice(), incidents: r.incidents.slice() }; })
      .then(renderAll, function (error) { renderAll(); say("rec-error", "Not changed: " + message(error)); });
  }

  // ---- Files ---------------------------------------------------------------------------------------
  var download = window.IMGStore.download;
  function fileName(ext) { return "record-" + today() + "." + ext; }
  function csvField(value) {
    var s = String(value);
    // A leading = + - @ makes spreadsheets run the cell as a formula: prefix it so it stays text.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function toCsv(record) {
    var rows = [["start", "end", "hours", "where", "kind of work", "note"]];
    record.periods.forEach(function (p) {
      rows.push([p.start, p.end, hours((calc.parse(p.end) - calc.parse(p.start)) / calc.HOUR), PLACES[p.place], KINDS[p.kind], p.note]);
    });
    // Byte order mark so spreadsheet programs read UTF-8; CRLF as RFC 4180 asks.
    return "\ufeff" + rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function markExported() {
    // When the last file was saved is kept beside the record (the gate's meta), never in the file.
    store.savedToFile();
    showSaved();
  }

  function onExportJson() {
    var record = state.record;
    download(fileName("json"), "application/json", JSON.stringify(backup(record), null, 2));
    say("rec-data-status", "Saved a backup of " + record.periods.length + " period(s) and " + record.incidents.length + " incident(s).");
    markExported();
  }

  function onImport(event) {
    var input = event.target, file = input.files && input.files[0];
    $("rec-data-error").textContent = "";
    if (!file) return;
    var refuse = function (why) { input.value = ""; say("rec-data-error", "Nothing was loaded and your record is unchanged: " + why); };
    if (file.size > LIMIT.fileBytes) { refuse("the file is too large to be a record."); return; }
    file.text().then(function (content) {
      var parsed;
      try { parsed = JSON.parse(content); } catch (error) { throw new Refused("the file is not a JSON record file."); }
      var incoming = readRecord(parsed), replaced = 0, added = 0;
      return act(function (r) {
        var merge = function (mine, theirs) {
          var byId = map(), out = mine.slice();
          out.forEach(function (x, i) { byId[x.id] = i; });
          theirs.forEach(function (x) {
            if (has(byId, x.id)) {
              if (JSON.stringify(out[byId[x.id]]) !== JSON.stringify(x)) replaced++;
              out[byId[x.id]] = x;
            } else { out.push(x); added++; }
          });
          return out;
        };
        var next = { settings: incoming.settings, periods: merge(r.periods, incoming.periods), incidents: merge(r.incidents, incoming.incidents) };
        storable(next);
        if (replaced && !window.confirm("The file has " + replaced + " entr" + (replaced === 1 ? "y" : "ies") +
            " that differ from the ones here. Replace them with the copies in the file?")) {
          throw new Refused("you chose to keep the entries here.");
        }
        return next;
      }).then(function () {
        input.value = "";
        renderAll();
        say("rec-data-status", "Loaded the file: " + added + " new entr" + (added === 1 ? "y" : "ies") + (replaced ? ", " + replaced + " replaced" : "") + ".");
      });
    }).catch(function (error) { refuse(message(error)); });
  }

  function onClear() {
    var r = state.record;
    if (!r.periods.length && !r.incidents.length && !store.aside().length && !state.lock && !store.rev) {
      say("rec-data-status", "There is nothing to delete.");
      return;
    }
    var what = state.locked ? "your locked record" : "your whole record (" + r.periods.length + " period(s), " +
      r.incidents.length + " incident(s))";
    if (!window.confirm("Delete " + what + " from this browser? This cannot be undone. Save a backup file first " +
        "if you want a copy.")) return;
    queue = queue.then(function () {
      store.clear();
      state.record = empty();
      state.rev = 0; state.lock = null; state.key = null; state.locked = false;
      $("rec-error").textContent = "";
      renderAll();
      say("rec-data-status", "Everything was deleted from this browser.");
    });
  }

  // ---- The lock ------------------------------------------------------------------------------------
  function onLock(event) {
    event.preventDefault();
    var pass = $("rec-pass").value, again = $("rec-pass2").value;
    if (pass.length < LIMIT.passphrase) { say("rec-data-error", "Not locked: use a passphrase of at least " + LIMIT.passphrase + " characters."); return; }
    if (pass !== again) { say("rec-data-error", "Not locked: the two passphrases are not the same."); return; }
    var salt = window.crypto.getRandomValues(new Uint8Array(16));
    say("rec-data-status", "Locking\u2026");
    deriveKey(pass, salt, PBKDF2_ITERATIONS).then(function (key) {
      var before = { lock: state.lock, key: state.key };
      state.lock = { salt: b64(salt), iterations: PBKDF2_ITERATIONS };
      state.key = key;
      return act(function (r) { return { settings: r.settings, periods: r.periods.slice(), incidents: r.incidents.slice() }; }, { lock: true })
        .catch(function (error) { state.lock = before.lock; state.key = before.key; throw error; });
    }).then(function () {
      $("rec-pass").value = $("rec-pass2").value = "";
      $("rec-data-error").textContent = "";
      renderAll();
      say("rec-data-status", "Locked. The record now opens only with your passphrase. A forgotten passphrase cannot be recovered.");
    }, function (error) { say("rec-data-error", "Not locked: " + message(error)); });
  }

  function lockNow() {
    // Forget the key and everything shown: the next look needs the passphrase.
    state.key = null;
    state.record = empty();
    state.locked = !!state.lock;
    clearRecordDom();
    renderAll();
    if (state.locked) $("rec-unlock-pass").focus();
  }

  function onRemoveLock() {
    if (!window.confirm("Remove the lock? Anyone who uses this browser will be able to read your record.")) return;
    act(function (r) { return { settings: r.settings, periods: r.periods.slice(), incidents: r.incidents.slice() }; }, { unlock: true })
      .then(function () {
        renderAll();
        say("rec-data-status", "The lock is removed.");
      }, function (error) { say("rec-data-error", "Not changed: " + message(error)); });
  }

  function onUnlock(event) {
    event.preventDefault();
    var pass = $("rec-unlock-pass").value, got = store.read(), sealed = got.data.locked;
    if (!sealed || !subtle) { reload(); return; }
    say("rec-unlock-error", "");
    deriveKey(pass, unb64(sealed.kdf.salt), sealed.kdf.iterations).then(function (key) {
      return decrypt(sealed, key).then(function (body) {
        state.record = readRecord(wrap(body));
        state.key = key;
        state.lock = { salt: sealed.kdf.salt, iterations: sealed.kdf.iterations };
        state.locked = false;
        state.rev = got.rev;
        $("rec-unlock-pass").value = "";
        $("rec-unlock-error").textContent = "";
        renderAll();
        $("rec-date").focus();
      }, function (error) {
        throw error instanceof Refused ? error : new Refused("that passphrase does not open this record.");
      });
    }).catch(function (error) { say("rec-unlock-error", "Not unlocked: " + message(error)); });
  }

  // ---- The printout --------------------------------------------------------------------------------
  function inRange(from, to) {
    var lo = from ? calc.parse(from + "T00:00+00:00") : -Infinity, hi = to ? calc.parse(to + "T00:00+00:00") : Infinity;
    var dayOf = function (s) { return calc.parse(s.slice(0, 10) + "T00:00+00:00"); };
    return function (day) { var d = dayOf(day); return d >= lo && d <= hi; };
  }
  function buildReport() {
    var from = $("rec-print-from").value, to = $("rec-print-to").value, keep = inRange(from, to);
    var record = state.record;
    var periods = record.periods.filter(function (p) { return keep(p.start); });
    var incidents = record.incidents.filter(function (x) { return keep(x.date); });
    var analysis = calc.analyse(periods, L, Date.now());
    var report = $("rec-report");
    report.textContent = "";
    var first = periods.length ? periods[0].start.slice(0, 10) : from, last = periods.length ? periods[periods.length - 1].end.slice(0, 10) : to;
    report.appendChild(el("h2", {}, "Record of work hours and incidents"));
    report.appendChild(el("p", { "class": "rec-report-meta" },
      "Kept by the trainee, in their own browser, at the time of the events. Printed on " + today() + ". " +
      "Covers " + (from || first || "the whole record") + " to " + (to || last || today()) + ": " + periods.length +
      " period(s) of work and " + incidents.length + " incident(s). Program accredited by the ACGME: " +
      ACCREDITED[record.settings.accredited].toLowerCase() + ". " + appliesText()));
    if (analysis.weeks.length) {
      report.appendChild(el("h3", {}, "Hours each week"));
      var chartBox = el("div", { "class": "rec-report-chart" }, chart(analysis.weeks));
      chartBox.querySelector("title").removeAttribute("id");
      chartBox.firstChild.removeAttribute("aria-labelledby");
      report.appendChild(chartBox);
      var body = el("tbody", {});
      weekRows(analysis.weeks, body);
      report.appendChild(el("table", { "class": "rec-weeks" },
        el("thead", {}, el("tr", {}, ["Week of", "Hours", "From home", "Days free", "Longest period"].map(function (h) {
          return el("th", { scope: "col" }, h);
        }).reduce(function (tr, th) { tr.appendChild(th); return tr; }, el("tr", {})))), body));
      report.appendChild(el("h3", {}, "The limits, for each block of " + L.block_weeks + " weeks"));
      analysis.blocks.forEach(function (b) {
        var card = blockCard(b, analysis, true);
        card.querySelectorAll("a").forEach(function (a) { a.removeAttribute("href"); });
        report.appendChild(card);
      });
    }
    report.appendChild(el("h3", {}, "The limits checked, and their sources"));
    var rules = el("ul", {});
    GUIDE.rules.forEach(function (r) {
      rules.appendChild(el("li", {}, el("strong", {}, r.title + ". "), r.limit + " " + r.check + " Source: " +
        r.sources.map(function (s) { return s.publisher + ", " + s.title + ", " + s.url + " (read " + s.checked + ")"; }).join("; ") + "."));
    });
    report.appendChild(rules);
    report.appendChild(el("h3", {}, "Incidents, in order"));
    var list = el("ol", { "class": "rec-incident-list" });
    incidents.forEach(function (x) { list.appendChild(incidentView(x, false)); });
    report.appendChild(incidents.length ? list : el("p", {}, "No incidents in these dates."));
    report.appendChild(el("h3", {}, "Every period of work"));
    var plist = el("ol", { "class": "rec-report-periods" });
    periods.forEach(function (p) { plist.appendChild(el("li", {}, periodLabel(p) + (p.note ? ". " + p.note : ""))); });
    report.appendChild(periods.length ? plist : el("p", {}, "No periods in these dates."));
    return report;
  }
  function onPrint() {
    buildReport().hidden = false;
    document.body.classList.add("rec-printing");
    window.print();
  }
  function afterPrint() {
    // The printout is built only when asked for, and taken down after: the page itself never prints it.
    if (!document.body.classList.contains("rec-printing")) return;
    document.body.classList.remove("rec-printing");
    $("rec-report").textContent = "";
    $("rec-report").hidden = true;
  }

  // ---- Leaving the page: the exit control, another tab, the back button ------------------------------
  function hideEverything() {
    state.key = null;
    state.record = empty();
    clearRecordDom();
    RECORD_PANELS.forEach(function (id) { $(id).hidden = true; });
    ["rec-log", "rec-incident", "rec-lock", "rec-unlock"].forEach(function (id) { $(id).reset(); });
  }

  // ---- Start ---------------------------------------------------------------------------------------
  $("rec-date").value = today();
  $("rec-inc-date").value = today();
  $("rec-log").addEventListener("submit", onLog);
  ["rec-date", "rec-start-time", "rec-end-time"].forEach(function (id) { $(id).addEventListener("input", syncEndDate); });
  $("rec-end-date").addEventListener("input", function () { $("rec-end-date").setAttribute("data-touched", "1"); });
  $("rec-log").addEventListener("reset", function () { $("rec-end-date").removeAttribute("data-touched"); });
  $("rec-repeat").addEventListener("click", onRepeat);
  $("rec-periods").addEventListener("click", onPeriodsClick);
  $("rec-accredited").addEventListener("change", onAccredited);
  $("rec-incident").addEventListener("submit", onIncident);
  $("rec-incident").addEventListener("input", onIncidentEdit);
  $("rec-incident-list").addEventListener("click", onIncidentsClick);
  $("rec-print").addEventListener("click", onPrint);
  window.addEventListener("afterprint", afterPrint);
  $("rec-export-json").addEventListener("click", onExportJson);
  $("rec-export-csv").addEventListener("click", function () {
    download(fileName("csv"), "text/csv;charset=utf-8", toCsv(state.record));
    say("rec-data-status", "Saved " + state.record.periods.length + " period(s) as a CSV file.");
  });
  $("rec-import").addEventListener("change", onImport);
  $("rec-clear").addEventListener("click", onClear);
  $("rec-clear-locked").addEventListener("click", onClear);
  $("rec-lock").addEventListener("submit", onLock);
  $("rec-lock-now").addEventListener("click", lockNow);
  $("rec-lock-remove").addEventListener("click", onRemoveLock);
  $("rec-unlock").addEventListener("submit", onUnlock);
  // Another tab changed the record: show its version (the gate has read it) rather than a stale one.
  store.subscribe(function (event) {
    queue = queue.then(function () {
      if (event.stale || event.unsaved) { storageOff(); return; }
      state.rev = event.rev;
      return show(event.data).then(renderAll, renderAll);
    });
  });
  // Leaving the page in any way (the exit control, a link, closing the tab) drops the key and takes the
  // record out of the page, so the back button or a restored tab never shows it from memory.
  window.addEventListener("pagehide", hideEverything);
  document.addEventListener("img-red-flags:exit", hideEverything);
  window.addEventListener("pageshow", function (event) { if (event.persisted) window.location.reload(); });
  reload().then(function () { if (store.memory || store.stale) storageOff(); });
})();
