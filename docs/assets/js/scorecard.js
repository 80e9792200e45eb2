/* The private scorecard (docs/scorecard.md): record what you saw at each program, compare them.
 *
 * Everything stays in this browser: state lives in localStorage and nothing is ever sent anywhere.
 * The flags, severities and visa facts are not written here: the build embeds them from data/ as the
 * JSON block #scorecard-data (macros/scorecard.py), so this file never goes out of step with the guide.
 * Plain DOM code, no framework. Text people type is only ever shown with text nodes (never innerHTML),
 * so a name such as "<script>" is displayed, not run.
 */
(function () {
  "use strict";

  var dataBlock = document.getElementById("scorecard-data");
  var tool = document.getElementById("sc-tool");
  if (!dataBlock || !tool) return;

  var GUIDE = JSON.parse(dataBlock.textContent);
  var Refused = window.IMGStore.Refused;      // storage goes through the gate in store.js
  var FORMAT_VERSION = 1;                     // shape of the saved file; bump on incompatible change
  var RATINGS = [
    { value: "", label: "Not rated" },
    { value: "not-seen", label: "Not seen" },
    { value: "unsure", label: "Unsure" },
    { value: "seen", label: "Seen" }
  ];
  // size: characters of the stored programs, well inside every browser's localStorage quota. fileBytes:
  // a saved file of the largest storable scorecard (indented, 3 UTF-8 bytes a character) is smaller.
  var LIMIT = { size: 2000000, fileBytes: 8000000, programs: 100, name: 200, notes: 20000, note: 2000, value: 60 };
  var SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var PROGRAM_ID = /^p[a-z0-9]{4,30}$/;

  // Every lookup table has no prototype and is read with own-property checks, so keys such as
  // "constructor" or "__proto__" in a file find nothing instead of a member of every object.
  function map() { return Object.create(null); }
  function has(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }

  // ---- The guide, indexed ------------------------------------------------------------------------
  var ratingLabel = map(), flagById = map(), currentId = map(), factById = map(), severityById = map();
  RATINGS.forEach(function (r) { ratingLabel[r.value] = r.label; });
  GUIDE.flags.forEach(function (f) {
    flagById[f.id] = f;
    currentId[f.id] = f.id;
    f.aliases.forEach(function (a) { currentId[a] = f.id; });  // old ids in old files still land
  });
  GUIDE.visa_facts.forEach(function (v) { factById[v.id] = v; });
  GUIDE.severities.forEach(function (s) { severityById[s.id] = s; });
  var ORDER = ["critical", "serious", "caution"];  // the guide weighs critical flags most
  var flagsBySeverity = ORDER.map(function (sev) {
    return GUIDE.flags.filter(function (f) { return f.severity === sev; });
  });
  function option(fact, value) { return fact.options.filter(function (o) { return o.value === value; })[0]; }

  var state = { programs: [] };
  var $ = function (id) { return document.getElementById(id); };

  // ---- Small DOM helpers: attributes and text only ------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "value" || name === "checked") node[name] = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function badge(severity) {
    return el("span", { "class": "severity severity--" + severity, text: severityById[severity].title });
  }
  function hidden(text) { return el("span", { "class": "sc-visually-hidden", text: text }); }
  function say(id, message) {
    var node = $(id);
    node.textContent = "";
    // Set after a tick so screen readers announce a message even when it repeats.
    window.setTimeout(function () { node.textContent = message; }, 50);
  }

  // ---- What may be stored ---------------------------------------------------------------------------
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function text(value, what, max, required) {
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string") throw new Refused(what + " must be text.");
    if (value.length > max) throw new Refused(what + " must be at most " + max + " characters long.");
    if (required && !value.trim()) throw new Refused(what + " is empty.");
    return value;
  }
  function quoted(s) { return "\u201c" + s + "\u201d"; }

  // THE one rule for what may be stored. Loading, adding, every edit, removing and importing all build
  // the whole would-be list of programs and write only what this function accepts (commit() below),
  // and reading back what it accepted gives the same programs (readScorecard ends with it too). So a
  // scorecard can never be accepted now and refused on the next visit: a limit is met where data
  // comes in, with a message, and what was stored before stays as it was. The size limit is the
  // store's (maxChars), checked on the whole stored text.
  function storable(programs) {
    if (programs.length > LIMIT.programs) {
      throw new Refused("a scorecard holds at most " + LIMIT.programs + " programs, and this would make " +
        programs.length + ".");
    }
    var ids = map();
    programs.forEach(function (p) {
      var where = quoted(text(p.name, "the program's name", LIMIT.name, true));
      text(p.notes, where + ": the notes", LIMIT.notes);
      if (!PROGRAM_ID.test(p.id) || has(ids, p.id)) throw new Refused(where + " has an invalid or repeated program id.");
      ids[p.id] = 1;
      Object.keys(p.flags).forEach(function (key) {
        var entry = p.flags[key];
        if (!has(flagById, key) || !has(ratingLabel, entry.rating)) {
          throw new Refused(where + ": the rating of " + quoted(key) + " must be not-seen, unsure or seen.");
        }
        text(entry.note, where + ": the note on " + quoted(flagById[key].title), LIMIT.note);
      });
      Object.keys(p.visa).forEach(function (key) {
        var entry = p.visa[key];
        if (!has(factById, key) || !(entry.value === "" || option(factById[key], entry.value))) {
          throw new Refused(where + ": " + quoted(key) + " has an answer this page does not offer.");
        }
        text(entry.note, where + ": the note on " + quoted(factById[key].label), LIMIT.note);
      });
    });
  }

  function entries(value, what) {
    if (value === undefined) return [];
    if (!isObject(value)) throw new Refused(what + " must be a list of named entries.");
    return Object.keys(value).map(function (key) {
      if (!SLUG.test(key) || key.length > 60) throw new Refused(what + " has an entry with an invalid id.");
      if (!isObject(value[key])) throw new Refused(what + ": the entry " + quoted(key) + " is not valid.");
      return [key, value[key]];
    });
  }

  function newProgramId() {
    var id;
    do {
      var bytes = new Uint32Array(2);
      window.crypto.getRandomValues(bytes);
      id = "p" + bytes[0].toString(36) + bytes[1].toString(36);
    } while (state.programs.some(function (p) { return p.id === id; }));
    return id;
  }

  // A scorecard as stored or saved as a file -> { programs, kept }, or throws Refused with a message a
  // person can act on. Entries of flags or facts the guide no longer has are kept in the notes, as text.
  function readScorecard(raw) {
    if (!isObject(raw) || raw.format !== GUIDE.format) {
      throw new Refused("this is not a scorecard file saved by this page.");
    }
    if (typeof raw.format_version !== "number" || raw.format_version < 1 || raw.format_version % 1) {
      throw new Refused("the file does not say which version of the scorecard saved it.");
    }
    if (raw.format_version > FORMAT_VERSION) {
      throw new Refused("the file was saved by a newer version of this page. Reload the page while online, then try again.");
    }
    if (!Array.isArray(raw.programs)) throw new Refused("the file has no list of programs.");
    var version = typeof raw.data_version === "string" ? raw.data_version.slice(0, 20) : "an unknown version";
    var kept = 0;
    var programs = raw.programs.map(function (p, i) {
      var where = "Program " + (i + 1);
      if (!isObject(p)) throw new Refused(where + " is not valid.");
      var program = {
        id: p.id === undefined || p.id === null ? newProgramId() : p.id,
        name: text(p.name, where + ": the name", LIMIT.name, true).trim(),
        notes: text(p.notes, where + ": the notes", LIMIT.notes),
        flags: map(), visa: map()
      };
      where = quoted(program.name);
      var leftovers = [];
      entries(p.flags, where + ": red flags").forEach(function (pair) {
        var rating = pair[1].rating === undefined ? "" : pair[1].rating;
        if (!has(ratingLabel, rating)) {
          throw new Refused(where + ": the rating of " + quoted(pair[0]) + " must be not-seen, unsure or seen.");
        }
        var note = text(pair[1].note, where + ": the note on " + quoted(pair[0]), LIMIT.note);
        if (!rating && !note) return;
        if (has(currentId, pair[0])) program.flags[currentId[pair[0]]] = { rating: rating, note: note };
        else leftovers.push("red flag " + quoted(pair[0]) + ": " + ratingLabel[rating] + (note ? " \u2013 " + note : ""));
      });
      entries(p.visa, where + ": visa facts").forEach(function (pair) {
        var value = text(pair[1].value, where + ": the answer to " + quoted(pair[0]), LIMIT.value);
        var note = text(pair[1].note, where + ": the note on " + quoted(pair[0]), LIMIT.note);
        if (!value && !note) return;
        if (has(factById, pair[0]) && (!value || option(factById[pair[0]], value))) {
          program.visa[pair[0]] = { value: value, note: note };
        } else {
          leftovers.push("visa fact " + quoted(pair[0]) + ": " + (value || "no answer") + (note ? " \u2013 " + note : ""));
        }
      });
      if (leftovers.length) {
        kept += leftovers.length;
        program.notes = (program.notes ? program.notes + "\n\n" : "") +
          "Kept from a scorecard saved with guide data " + version + ":\n- " + leftovers.join("\n- ");
        if (program.notes.length > LIMIT.notes) {
          throw new Refused(where + ": its notes would be longer than " + LIMIT.notes + " characters with the " +
            leftovers.length + " entries the current guide no longer has, which are kept in them.");
        }
      }
      return program;
    });
    storable(programs);
    return { programs: programs, kept: kept };
  }

  function snapshot(programs) {
    return {
      format: GUIDE.format,
      format_version: FORMAT_VERSION,
      data_version: GUIDE.data_version,
      saved: new Date().toISOString(),
      programs: programs
    };
  }

  // ---- Storage: through the gate (store.js) ------------------------------------------------------
  var store = window.IMGStore.open({
    key: "img-red-flags:scorecard", format: GUIDE.format, version: FORMAT_VERSION,
    dataVersion: GUIDE.data_version, maxChars: LIMIT.size, noun: "the scorecard",
    empty: function () { return { programs: [] }; },
    decode: readScorecard,
    encode: function (data) { storable(data.programs); return { programs: data.programs }; }
  });

  // The only writer of the scorecard: stores `programs` if storable() accepts them, else throws Refused
  // and changes nothing, in storage or on the page.
  function commit(programs) {
    var result = store.update(function () { return { programs: programs }; });
    state.programs = programs;
    if (!result.saved) storageOff();
  }

  function storageOff() {
    say("sc-data-error", store.memory === "full" ?
      "This browser's storage for this site is full, so your last change is kept on this page only. " +
      "Save your scorecard as a file now, or it will be lost when you close the page." :
      "This browser does not let the page store anything (storage may be full or switched " +
      "off). What you enter now will be lost when you close the page: save it as a file before you do.");
  }

  function showStale() {
    var box = $("sc-stale");
    box.hidden = false;
    if (box.firstChild) return;
    var button = el("button", { type: "button", "class": "md-button md-button--primary" }, "Reload the page");
    button.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(el("p", {}, "This page is out of date. A newer version of it, open in another tab or " +
      "window, has saved your scorecard. To keep what it saved, this page will not change anything. " +
      "Reload it to see your scorecard and go on."));
    box.appendChild(button);
  }

  function load() {
    var read = store.read();
    if (read.stale) { state.programs = []; showStale(); return; }
    state.programs = read.data.programs;
    if (store.memory) storageOff();
    else if (read.data.kept) try { commit(read.data.programs); } catch (ignored) { /* the stored copy still reads */ }
  }

  function showAside() {
    var box = $("sc-unreadable");
    var copies = store.aside();
    box.textContent = "";
    box.hidden = !copies.length;
    if (!copies.length) return;
    var why = "";
    try { readScorecard(JSON.parse(copies[0])); } catch (error) {
      why = error instanceof Refused ? " (" + error.message.replace(/\.$/, "") + ")" : " (it is not complete JSON)";
    }
    box.appendChild(el("p", {}, "This browser holds a scorecard that this page could not read" + why + ". " +
      "It is kept as it was, and the page started without it. Download it to keep it, or to send it to " +
      "someone who can help."));
    copies.forEach(function (raw, i) {
      var button = el("button", { type: "button", "class": "md-button" },
        "Download the unreadable scorecard" + (copies.length > 1 ? " " + (i + 1) : ""));
      button.addEventListener("click", function () {
        download("img-red-flags-scorecard-unreadable-" + (i + 1) + ".json", "application/json", raw);
      });
      box.appendChild(button);
    });
  }

  // ---- The editor: one block per program ----------------------------------------------------------
  function findProgram(id) {
    for (var i = 0; i < state.programs.length; i++) if (state.programs[i].id === id) return state.programs[i];
    return null;
  }
  function progressText(p) {
    var rated = GUIDE.flags.filter(function (f) { return p.flags[f.id] && p.flags[f.id].rating; }).length;
    var facts = GUIDE.visa_facts.filter(function (v) { return p.visa[v.id] && p.visa[v.id].value; }).length;
    return "Rated " + rated + " of " + GUIDE.flags.length + " red flags; " + facts + " of " +
      GUIDE.visa_facts.length + " visa facts recorded.";
  }

  function flagFieldset(p, flag) {
    var entry = p.flags[flag.id] || { rating: "", note: "" };
    var base = "sc-" + p.id + "-" + flag.id;
    var choices = el("div", { "class": "sc-ratings" });
    RATINGS.forEach(function (r) {
      // The label is the control: a 44 px tall target that holds the radio button and its word.
      choices.appendChild(el("label", { "class": "sc-rating" },
        el("input", { type: "radio", id: base + "-" + (r.value || "none"), name: base, value: r.value,
                      checked: entry.rating === r.value, "data-pid": p.id, "data-kind": "rating", "data-key": flag.id }),
        r.label));
    });
    return el("fieldset", { "class": "sc-flag sc-flag--" + flag.severity },
      el("legend", {}, badge(flag.severity), " ", flag.title),
      el("p", { "class": "sc-flag__summary" }, flag.summary, " ",
        el("a", { href: flag.href }, "Read this flag in the guide", hidden(": " + flag.title))),
      choices,
      el("p", { "class": "sc-field sc-field--note" },
        el("label", { "for": base + "-note" }, "Note", hidden(" on " + flag.title)),
        el("input", { type: "text", id: base + "-note", value: entry.note, maxlength: LIMIT.note,
                      autocomplete: "off", "data-pid": p.id, "data-kind": "flag-note", "data-key": flag.id })));
  }

  function visaField(p, fact) {
    var entry = p.visa[fact.id] || { value: "", note: "" };
    var base = "sc-" + p.id + "-" + fact.id;
    var select = el("select", { id: base, "aria-describedby": base + "-hint",
                                "data-pid": p.id, "data-kind": "visa", "data-key": fact.id },
      el("option", { value: "", text: "Not recorded yet" }));
    fact.options.forEach(function (o) {
      var choice = el("option", { value: o.value, text: o.label });
      choice.selected = entry.value === o.value;
      select.appendChild(choice);
    });
    return el("div", { "class": "sc-fact" },
      el("p", { "class": "sc-field" }, el("label", { "for": base, text: fact.label }), select),
      el("p", { "class": "sc-hint", id: base + "-hint" }, fact.hint, " Ask: ",
        el("a", { href: fact.question.href, text: fact.question.text })),
      el("p", { "class": "sc-field sc-field--note" },
        el("label", { "for": base + "-note" }, "Note", hidden(" on " + fact.label.toLowerCase())),
        el("input", { type: "text", id: base + "-note", value: entry.note, maxlength: LIMIT.note,
                      autocomplete: "off", "data-pid": p.id, "data-kind": "visa-note", "data-key": fact.id })));
  }

  function programBlock(p) {
    var flags = el("div", { "class": "sc-flags" });
    GUIDE.groups.forEach(function (g) {
      var inGroup = GUIDE.flags.filter(function (f) { return f.group === g.id; });
      if (!inGroup.length) return;
      flags.appendChild(el("h4", { text: g.title }));
      inGroup.forEach(function (f) { flags.appendChild(flagFieldset(p, f)); });
    });
    var visa = el("div", { "class": "sc-visa" });
    GUIDE.visa_facts.forEach(function (v) { visa.appendChild(visaField(p, v)); });
    var base = "sc-" + p.id;
    return el("article", { "class": "sc-program", id: base, "aria-labelledby": base + "-title" },
      el("h3", { id: base + "-title", tabindex: "-1", text: p.name }),
      el("p", { "class": "sc-progress", id: base + "-progress", text: progressText(p) }),
      el("p", { "class": "sc-error", id: base + "-error", role: "alert" }),
      el("details", { "class": "sc-section" }, el("summary", {}, "Name and notes", hidden(" for " + p.name)),
        el("p", { "class": "sc-field" }, el("label", { "for": base + "-name", text: "Program name" }),
          el("input", { type: "text", id: base + "-name", value: p.name, maxlength: LIMIT.name, required: true,
                        autocomplete: "off", "data-pid": p.id, "data-kind": "name" })),
        el("p", { "class": "sc-field" }, el("label", { "for": base + "-notes", text: "Notes" }),
          el("textarea", { id: base + "-notes", rows: "3", maxlength: LIMIT.notes, value: p.notes,
                           "data-pid": p.id, "data-kind": "notes" })),
        el("p", {}, el("button", { type: "button", "class": "md-button sc-danger", "data-pid": p.id,
                                   "data-action": "remove" }, "Remove this program", hidden(": " + p.name)))),
      el("details", { "class": "sc-section", open: true }, el("summary", {}, "Red flags", hidden(" for " + p.name)), flags),
      el("details", { "class": "sc-section", open: true }, el("summary", {}, "Visa facts", hidden(" for " + p.name)), visa));
  }

  // ---- The comparison: one card per program, so a phone shows it without scrolling sideways ------
  function card(p) {
    var section = function (title) {
      return el("tbody", {}, el("tr", { "class": "sc-section-row" }, el("th", { colspan: 2, scope: "colgroup", text: title })));
    };
    var row = function (className, head, td) {
      var th = el("th", { scope: "row" });
      th.append.apply(th, head);
      return el("tr", { "class": className }, th, td);
    };

    // Summary: flags seen, counted per severity, never summed into one score.
    var summary = section("Summary: red flags you marked seen");
    ORDER.forEach(function (sev, i) {
      var seen = flagsBySeverity[i].filter(function (f) { return p.flags[f.id] && p.flags[f.id].rating === "seen"; });
      var td = el("td", { "class": "sc-count" + (seen.length && sev === "critical" ? " sc-count--alert" : "") },
        el("strong", { text: String(seen.length) }), " of " + flagsBySeverity[i].length);
      if (seen.length) {
        var ul = el("ul", {});
        seen.forEach(function (f) { ul.appendChild(el("li", {}, el("a", { href: f.href, text: f.title }))); });
        td.appendChild(ul);
      }
      summary.appendChild(row("sc-summary-row sc-summary-row--" + sev, [badge(sev), " flags seen"], td));
    });
    [["unsure", "Marked unsure"], ["", "Not rated yet"]].forEach(function (pair) {
      var n = GUIDE.flags.filter(function (f) { return (p.flags[f.id] ? p.flags[f.id].rating : "") === pair[0]; }).length;
      summary.appendChild(row("sc-summary-row", [pair[1]],
        el("td", { "class": "sc-count" }, el("strong", { text: String(n) }), " of " + GUIDE.flags.length)));
    });

    var visa = section("Visa facts");
    GUIDE.visa_facts.forEach(function (fact) {
      var entry = p.visa[fact.id] || { value: "", note: "" };
      var chosen = option(fact, entry.value);
      var td = el("td", { "class": "sc-cell" + (chosen && chosen.concern ? " sc-cell--concern" : "") },
        el("span", { "class": "sc-cell__rating", text: chosen ? chosen.label : "Not recorded yet" }));
      if (chosen && chosen.concern) {
        var flag = flagById[chosen.concern];
        td.appendChild(el("span", { "class": "sc-cell__concern" }, "Check this: ", el("a", { href: flag.href, text: flag.title })));
      }
      if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
      visa.appendChild(row(null, [el("a", { href: fact.question.href, text: fact.label })], td));
    });

    var all = section("Every red flag, critical first");
    flagsBySeverity.forEach(function (flags) {
      flags.forEach(function (flag) {
        var entry = p.flags[flag.id] || { rating: "", note: "" };
        var td = el("td", { "class": "sc-cell sc-cell--" + (entry.rating || "none") },
          el("span", { "class": "sc-cell__rating", text: ratingLabel[entry.rating] }));
        if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
        all.appendChild(row("sc-flag-row sc-flag-row--" + flag.severity,
          [badge(flag.severity), " ", el("a", { href: flag.href, text: flag.title })], td));
      });
    });
    var head = el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "What you recorded" }),
      el("th", { scope: "col", text: p.name })));
    return el("div", { "class": "sc-card", id: "sc-" + p.id + "-card" },
      el("table", { "class": "sc-table" }, head, summary, visa, all));
  }

  function showEmpty() {
    var none = !state.programs.length;
    $("sc-compare-empty").hidden = !none;
    $("sc-compare").hidden = $("sc-print").hidden = none;
  }
  function renderAll() {
    var list = $("sc-programs"), box = $("sc-compare");
    list.textContent = box.textContent = "";
    state.programs.forEach(function (p) { list.appendChild(programBlock(p)); box.appendChild(card(p)); });
    showEmpty();
    showAside();
  }
  // Only the changed program is redrawn, so a page at its limit of programs stays quick.
  function refresh(p) {
    $("sc-" + p.id + "-progress").textContent = progressText(p);
    $("sc-compare").replaceChild(card(p), $("sc-" + p.id + "-card"));
  }

  // ---- Editing ------------------------------------------------------------------------------------
  function copy(table) {
    var out = map();
    Object.keys(table).forEach(function (key) { out[key] = Object.assign({}, table[key]); });
    return out;
  }
  function storedValue(p, kind, key) {
    if (kind === "name" || kind === "notes") return p[kind];
    var entry = (kind === "rating" || kind === "flag-note" ? p.flags : p.visa)[key] || {};
    return (kind === "rating" ? entry.rating : kind === "visa" ? entry.value : entry.note) || "";
  }

  function onEdit(event) {
    var t = event.target, p = findProgram(t.getAttribute("data-pid"));
    if (!p) return;
    var kind = t.getAttribute("data-kind"), key = t.getAttribute("data-key");
    // Ratings and answers save on "change"; a name once the person leaves the field.
    if (event.type === "input" && (kind === "rating" || kind === "visa" || kind === "name")) return;
    var next = { id: p.id, name: p.name, notes: p.notes, flags: copy(p.flags), visa: copy(p.visa) };
    if (kind === "name") next.name = t.value.trim();
    else if (kind === "notes") next.notes = t.value;
    else {
      var table = kind === "rating" || kind === "flag-note" ? next.flags : next.visa;
      var entry = table[key] || (table === next.flags ? { rating: "", note: "" } : { value: "", note: "" });
      if (kind === "rating") entry.rating = t.value;
      else if (kind === "visa") entry.value = t.value;
      else entry.note = t.value;
      if (entry.rating || entry.value || entry.note) table[key] = entry;
      else delete table[key];
    }
    try {
      commit(state.programs.map(function (q) { return q === p ? next : q; }));
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      // Refused: the field shows again what is stored, and the person is told why.
      var was = storedValue(p, kind, key);
      if (kind === "rating") $("sc-" + p.id + "-" + key + "-" + (was || "none")).checked = true;
      else t.value = was;
      say("sc-" + p.id + "-error", "Not changed: " + error.message);
      return;
    }
    $("sc-" + p.id + "-error").textContent = "";
    if (kind === "name") $("sc-" + p.id + "-title").textContent = next.name;
    refresh(next);
  }

  function onAdd(event) {
    event.preventDefault();
    var name = $("sc-add-name"), notes = $("sc-add-notes"), error = $("sc-add-error");
    var program = { id: newProgramId(), name: name.value.trim(), notes: notes.value, flags: map(), visa: map() };
    try {
      commit(state.programs.concat([program]));
    } catch (refused) {
      if (!(refused instanceof Refused)) throw refused;
      // What was typed stays in the form; nothing stored changed.
      error.textContent = "Not added: " + refused.message;
      name.setAttribute("aria-invalid", "true");
      name.focus();
      return;
    }
    error.textContent = "";
    name.removeAttribute("aria-invalid");
    $("sc-programs").appendChild(programBlock(program));
    $("sc-compare").appendChild(card(program));
    showEmpty();
    name.value = notes.value = "";
    $("sc-" + program.id + "-title").focus();
    say("sc-programs-status", "Added " + program.name + ". Its red flags and visa facts follow.");
  }

  function onClick(event) {
    var button = event.target.closest("[data-action='remove']");
    if (!button) return;
    var p = findProgram(button.getAttribute("data-pid"));
    if (!p || !window.confirm("Remove " + quoted(p.name) + " and everything you recorded for it?")) return;
    try {
      commit(state.programs.filter(function (q) { return q !== p; }));
    } catch (error) {
      say("sc-" + p.id + "-error", "Not removed: " + error.message);
      return;
    }
    $("sc-" + p.id).remove();
    $("sc-" + p.id + "-card").remove();
    showEmpty();
    $("sc-add-name").focus();
    say("sc-programs-status", "Removed " + p.name + ".");
  }

  // ---- Files: export JSON and CSV, import JSON, delete everything ---------------------------------
  var download = window.IMGStore.download;
  function fileName(ext) { return "img-red-flags-scorecard-" + new Date().toISOString().slice(0, 10) + "." + ext; }

  function csvField(value) {
    var s = String(value);
    // A leading = + - @ makes spreadsheets run the cell as a formula: prefix it so it stays text.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function toCsv() {
    var header = ["program", "program notes", "flag id", "flag", "severity", "group", "rating", "note", "guide link"];
    GUIDE.visa_facts.forEach(function (v) { header.push(v.label, v.label + " (note)"); });
    header.push("guide data version");
    var groups = map();
    GUIDE.groups.forEach(function (g) { groups[g.id] = g.title; });
    var rows = [header];
    state.programs.forEach(function (p) {
      var visa = [];
      GUIDE.visa_facts.forEach(function (v) {
        var entry = p.visa[v.id] || { value: "", note: "" };
        var chosen = option(v, entry.value);
        visa.push(chosen ? chosen.label : "", entry.note);
      });
      GUIDE.flags.forEach(function (f) {
        var entry = p.flags[f.id] || { rating: "", note: "" };
        rows.push([p.name, p.notes, f.id, f.title, severityById[f.severity].title, groups[f.group],
          ratingLabel[entry.rating], entry.note, new URL(f.href, window.location.href).href]
          .concat(visa, [GUIDE.data_version]));
      });
    });
    // Byte order mark so spreadsheet programs read the names as UTF-8; CRLF as RFC 4180 asks.
    return "\ufeff" + rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function onImport(event) {
    var input = event.target, file = input.files && input.files[0];
    $("sc-data-error").textContent = "";
    if (!file) return;
    var refuse = function (why) {
      input.value = "";
      say("sc-data-error", "Nothing was loaded and what you had is unchanged: " + why);
    };
    if (file.size > LIMIT.fileBytes) return refuse("the file is too large to be a scorecard.");
    file.text().then(function (content) {
      var parsed;
      try { parsed = JSON.parse(content); } catch (error) { throw new Refused("the file is not a JSON scorecard file."); }
      var read = readScorecard(parsed), next = state.programs.slice(), replaced = [];
      store.check({ programs: read.programs });  // the file alone: too large for this page
      read.programs.forEach(function (p) {
        var existing = findProgram(p.id);
        if (existing) { next[next.indexOf(existing)] = p; replaced.push(p.name); } else next.push(p);
      });
      storable(next);  // refused before anything is asked: too many programs, too large
      store.check({ programs: next });
      if (replaced.length && !window.confirm("The file has " + replaced.length + " program(s) you already have here (" +
          replaced.join(", ") + "). Replace them with the copies in the file?")) {
        input.value = "";
        say("sc-data-status", "Nothing was loaded.");
        return;
      }
      commit(next);
      renderAll();
      input.value = "";
      say("sc-data-status", "Loaded " + read.programs.length + " program(s) from the file." + (read.kept ?
        " " + read.kept + " entr" + (read.kept === 1 ? "y" : "ies") + " that the current guide no longer has " +
        "were kept in the programs' notes." : ""));
    }).catch(function (error) {
      refuse(error instanceof Refused ? error.message : "the file could not be read.");
    });
  }

  function onClear() {
    if (!state.programs.length && !store.aside().length) { say("sc-data-status", "There is nothing to delete."); return; }
    if (!window.confirm("Delete all " + state.programs.length + " program(s) and everything you recorded from this " +
        "browser? This cannot be undone. Save a file first if you want a copy.")) return;
    state.programs = [];
    store.clear();
    renderAll();
    say("sc-data-status", "Everything was deleted from this browser.");
  }

  // ---- Start ---------------------------------------------------------------------------------------
  load();
  renderAll();
  [tool, $("sc-compare-panel"), $("sc-data-panel")].forEach(function (node) { node.hidden = false; });
  $("sc-add").addEventListener("submit", onAdd);
  var list = $("sc-programs");
  list.addEventListener("change", onEdit);
  list.addEventListener("input", onEdit);
  list.addEventListener("click", onClick);
  $("sc-print").addEventListener("click", function () { window.print(); });
  $("sc-export-json").addEventListener("click", function () {
    download(fileName("json"), "application/json", JSON.stringify(snapshot(state.programs), null, 2));
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a JSON file.");
  });
  $("sc-export-csv").addEventListener("click", function () {
    download(fileName("csv"), "text/csv;charset=utf-8", toCsv());
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a CSV file.");
  });
  $("sc-import").addEventListener("change", onImport);
  $("sc-clear").addEventListener("click", onClear);
  // Another tab changed the scorecard: show its version rather than overwrite it later.
  store.subscribe(function (event) {
    if (event.stale) return showStale();
    if (event.unsaved) return;
    state.programs = event.data.programs;
    renderAll();
  });
})();
