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
  // Most severe first, as the page embeds the severities (the order is defined once, in the schema).
  var ORDER = GUIDE.severities.map(function (s) { return s.id; });
  var ID = new RegExp(GUIDE.ids.pattern);  // what an id looks like, as the schema defines it
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
  // the whole would-be list of programs and write only what this function accepts (change() below),
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
      if (!ID.test(key) || key.length > GUIDE.ids.max_length) throw new Refused(what + " has an entry with an invalid id.");
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

  // The only writer of the scorecard. `edit(programs)` gets the programs stored NOW (another tab may
  // have changed them since this tab drew them) and returns the new list, or throws to change nothing:
  // Refused (a limit, said to the reader) or Gone (the program it edits was removed elsewhere). So a
  // change made here never writes over one made in another tab. Returns store.update's result.
  function Gone() {}
  function change(edit) {
    var result = store.update(function (data) { return { programs: edit(data.programs) }; });
    state.programs = result.data.programs;
    if (result.conflict) redraw();  // another tab's changes arrive together with this one
    if (!result.saved) storageOff();
    else store.persist().then(showKeep);  // once per page: the browser's answer, recorded, shown
    showKeep();
    return result;
  }
  // An edit of the program `id` (stored now) by `fn(program) -> program`.
  function onProgram(id, fn) {
    return function (programs) {
      var found = false;
      var next = programs.map(function (q) { if (q.id !== id) return q; found = true; return fn(q); });
      if (!found) throw new Gone();
      return next;
    };
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
    else if (read.data.kept) try { change(function () { return read.data.programs; }); } catch (ignored) { /* the stored copy still reads */ }
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

  // ---- The comparison: up to three programs side by side, one row per flag ------------------------
  // A phone has room for a flag and three short answers in a row, no more: so the reader picks which
  // programs (the first three by default) and the table never scrolls sideways.
  var MAX_COMPARED = 3;
  var compared = [];  // ids of the programs compared, in the order chosen
  function comparedPrograms() {
    var ids = state.programs.map(function (p) { return p.id; });
    compared = compared.filter(function (id, i) { return ids.indexOf(id) >= 0 && compared.indexOf(id) === i; });
    ids.forEach(function (id) { if (compared.length < MAX_COMPARED && compared.indexOf(id) < 0) compared.push(id); });
    return compared.map(findProgram);
  }

  function comparison(programs) {
    var section = function (title) {
      return el("tbody", {}, el("tr", { "class": "sc-section-row" },
        el("th", { colspan: programs.length + 1, scope: "colgroup", text: title })));
    };
    var row = function (className, head, cell) {
      var th = el("th", { scope: "row" });
      th.append.apply(th, head);
      var tr = el("tr", { "class": className }, th);
      programs.forEach(function (p) { tr.appendChild(cell(p)); });
      return tr;
    };
    var link = function (f) { return el("a", { href: f.href, "data-share": f.share, text: f.title }); };

    // Summary: flags seen, counted per severity, never summed into one score.
    var summary = section("Summary: red flags you marked seen");
    ORDER.forEach(function (sev, i) {
      summary.appendChild(row("sc-summary-row sc-summary-row--" + sev, [badge(sev), " flags seen"], function (p) {
        var n = flagsBySeverity[i].filter(function (f) { return p.flags[f.id] && p.flags[f.id].rating === "seen"; }).length;
        return el("td", { "class": "sc-count" + (n && i === 0 ? " sc-count--alert" : "") },
          el("strong", { text: String(n) }), " of " + flagsBySeverity[i].length);
      }));
    });
    [["unsure", "Marked unsure"], ["", "Not rated yet"]].forEach(function (pair) {
      summary.appendChild(row("sc-summary-row", [pair[1]], function (p) {
        var n = GUIDE.flags.filter(function (f) { return (p.flags[f.id] ? p.flags[f.id].rating : "") === pair[0]; }).length;
        return el("td", { "class": "sc-count" }, el("strong", { text: String(n) }), " of " + GUIDE.flags.length);
      }));
    });

    var visa = section("Visa facts");
    GUIDE.visa_facts.forEach(function (fact) {
      visa.appendChild(row(null, [el("a", { href: fact.question.href, text: fact.label })], function (p) {
        var entry = p.visa[fact.id] || { value: "", note: "" };
        var chosen = option(fact, entry.value);
        var td = el("td", { "class": "sc-cell" + (chosen && chosen.concern ? " sc-cell--concern" : "") },
          el("span", { "class": "sc-cell__rating", text: chosen ? chosen.label : "Not recorded" }));
        if (chosen && chosen.concern) {
          td.appendChild(el("span", { "class": "sc-cell__concern" }, "Check this: ", link(flagById[chosen.concern])));
        }
        if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
        return td;
      }));
    });

    var all = section("Every red flag, " + GUIDE.severities[0].title.toLowerCase() + " first");
    flagsBySeverity.forEach(function (flags) {
      flags.forEach(function (flag) {
        all.appendChild(row("sc-flag-row sc-flag-row--" + flag.severity, [badge(flag.severity), " ", link(flag)], function (p) {
          var entry = p.flags[flag.id] || { rating: "", note: "" };
          var td = el("td", { "class": "sc-cell sc-cell--" + (entry.rating || "none") },
            el("span", { "class": "sc-cell__rating", text: ratingLabel[entry.rating] }));
          if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
          return td;
        }));
      });
    });
    var head = el("tr", {}, el("th", { scope: "col", text: "What you recorded" }));
    var cols = el("colgroup", {}, el("col", { "class": "sc-col-head" }));
    programs.forEach(function (p) {
      head.appendChild(el("th", { scope: "col", text: p.name }));
      cols.appendChild(el("col", {}));
    });
    return el("table", { "class": "sc-table sc-table--" + programs.length }, cols, el("thead", {}, head), summary, visa, all);
  }

  // The pickers (only with more than three programs) and the table.
  function renderCompare() {
    var box = $("sc-compare"), programs = comparedPrograms();
    box.textContent = "";
    if (!programs.length) return;
    if (state.programs.length > MAX_COMPARED) {
      var pick = el("div", { "class": "sc-pick" }, el("p", { "class": "sc-hint", text: "You have " +
        state.programs.length + " programs. Choose up to three to compare here and to print." }));
      for (var i = 0; i < MAX_COMPARED; i++) {
        var select = el("select", { id: "sc-compare-" + (i + 1), "data-slot": String(i) });
        if (i) select.appendChild(el("option", { value: "", text: "None" }));
        state.programs.forEach(function (p) {
          var choice = el("option", { value: p.id, text: p.name });
          choice.selected = compared[i] === p.id;
          select.appendChild(choice);
        });
        if (i >= compared.length) select.value = "";
        pick.appendChild(el("p", { "class": "sc-field" }, el("label", { "for": "sc-compare-" + (i + 1), text: "Program " + (i + 1) }), select));
      }
      box.appendChild(pick);
    }
    box.appendChild(comparison(programs));
  }
  function onPick(event) {
    var slot = +event.target.getAttribute("data-slot");
    var chosen = compared.slice(0, MAX_COMPARED);
    while (chosen.length <= slot) chosen.push("");
    chosen[slot] = event.target.value;
    compared = chosen.filter(function (id, i) { return id && chosen.indexOf(id) === i; });
    var keep = event.target.id;
    renderCompare();
    $(keep).focus();
  }

  function showEmpty() {
    var none = !state.programs.length;
    $("sc-programs").classList.toggle("sc-many", state.programs.length > 10);  // see scorecard.css
    $("sc-compare-empty").hidden = !none;
    $("sc-compare").hidden = $("sc-print").hidden = none;
  }
  function renderAll() {
    var list = $("sc-programs");
    list.textContent = "";
    state.programs.forEach(function (p) { list.appendChild(programBlock(p)); });
    renderCompare();
    showEmpty();
    showAside();
    showKeep();
  }
  // Only the changed program's block is redrawn, so a page at its limit of programs stays quick.
  function refresh(p) {
    $("sc-" + p.id + "-progress").textContent = progressText(p);
    renderCompare();
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

  // `program` with one field set as the reader set it: applied to the copy stored now, so what another
  // tab changed in the same program stays.
  function withField(program, kind, key, value) {
    var next = { id: program.id, name: program.name, notes: program.notes, flags: copy(program.flags), visa: copy(program.visa) };
    if (kind === "name" || kind === "notes") next[kind] = value;
    else {
      var table = kind === "rating" || kind === "flag-note" ? next.flags : next.visa;
      var entry = table[key] || (table === next.flags ? { rating: "", note: "" } : { value: "", note: "" });
      entry[kind === "rating" ? "rating" : kind === "visa" ? "value" : "note"] = value;
      if (entry.rating || entry.value || entry.note) table[key] = entry;
      else delete table[key];
    }
    return next;
  }

  function onEdit(event) {
    var t = event.target, pid = t.getAttribute("data-pid"), p = findProgram(pid);
    if (!p) return;
    var kind = t.getAttribute("data-kind"), key = t.getAttribute("data-key");
    // Ratings and answers save on "change"; a name once the person leaves the field (or the page).
    if (event.type === "input" && (kind === "rating" || kind === "visa" || kind === "name")) return;
    var value = kind === "name" ? t.value.trim() : t.value;
    var edit = function (q) { return withField(q, kind, key, value); };
    var result;
    try {
      result = change(onProgram(pid, edit));
    } catch (error) {
      if (error instanceof Gone) return keepGone(p, edit);
      if (!(error instanceof Refused)) throw error;
      // Refused: the field shows again what is stored, and the person is told why.
      var was = storedValue(findProgram(pid) || p, kind, key);
      if (kind === "rating") $("sc-" + pid + "-" + key + "-" + (was || "none")).checked = true;
      else t.value = was;
      say("sc-" + pid + "-error", "Not changed: " + error.message);
      return;
    }
    if (result.conflict) return;  // redraw() has drawn everything again
    var next = findProgram(pid);
    $("sc-" + pid + "-error").textContent = "";
    if (kind === "name") $("sc-" + pid + "-title").textContent = next.name;
    refresh(next);
  }

  // After a question, go on in a new task: while the dialog was open, this tab may not yet have been
  // handed what another tab wrote (Chromium delivers it as tasks), and a write must start from it.
  function later(fn) { window.setTimeout(fn, 0); }

  // Another tab removed the program this change is for: ask, never drop the change in silence.
  function keepGone(p, edit) {
    var keep = window.confirm(quoted(p.name) + " was removed in another tab or window. Keep it, with the change you just made?");
    later(function () {
      if (keep) {
        try {
          change(function (programs) { return programs.concat([edit(p)]); });
        } catch (error) {
          if (!(error instanceof Refused)) throw error;
          say("sc-data-error", "Not kept: " + error.message);
        }
      }
      fromStore();
    });
  }

  function onAdd(event) {
    event.preventDefault();
    var name = $("sc-add-name"), notes = $("sc-add-notes"), error = $("sc-add-error");
    var program = { id: newProgramId(), name: name.value.trim(), notes: notes.value, flags: map(), visa: map() };
    try {
      change(function (programs) { return programs.concat([program]); });
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
    if (!$("sc-" + program.id)) $("sc-programs").appendChild(programBlock(program));
    renderCompare();
    showEmpty();
    name.value = notes.value = "";
    // Focus on the new program's name; its scroll-margin keeps it clear of the sticky header.
    $("sc-" + program.id + "-title").focus();
    say("sc-programs-status", "Added " + program.name + ". Its red flags and visa facts follow.");
  }

  function onClick(event) {
    var button = event.target.closest("[data-action='remove']");
    if (!button) return;
    var p = findProgram(button.getAttribute("data-pid"));
    if (!p || !window.confirm("Remove " + quoted(p.name) + " and everything you recorded for it?")) return;
    later(function () {
      try {
        change(function (programs) { return programs.filter(function (q) { return q.id !== p.id; }); });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        say("sc-" + p.id + "-error", "Not removed: " + error.message);
        return;
      }
      if ($("sc-" + p.id)) $("sc-" + p.id).remove();
      renderCompare();
      showEmpty();
      $("sc-add-name").focus();
      say("sc-programs-status", "Removed " + p.name + ".");
    });
  }

  // ---- Other tabs, and leaving the page ----------------------------------------------------------
  // Draw again from state, keeping the field in use and any name typed but not yet saved.
  function redraw() {
    var active = document.activeElement, id = active && active.id, typed = typedNames();
    var caret = active && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    renderAll();
    typed.forEach(function (pair) { var field = $("sc-" + pair[0] + "-name"); if (field) field.value = pair[1]; });
    var again = id && $(id);
    if (again && again !== active) {
      again.focus({ preventScroll: true });
      if (caret && typeof again.setSelectionRange === "function") try { again.setSelectionRange(caret[0], caret[1]); } catch (e) { /* not a text field */ }
    }
  }
  function fromStore() {
    var read = store.read();
    if (read.stale) return showStale();
    state.programs = read.data.programs;
    redraw();
  }
  // [program id, typed name] for every name field that differs from the stored name.
  function typedNames() {
    var typed = [];
    Array.prototype.forEach.call(document.querySelectorAll("#sc-programs [data-kind=name]"), function (field) {
      var p = findProgram(field.getAttribute("data-pid"));
      if (p && field.value.trim() !== p.name) typed.push([p.id, field.value]);
    });
    return typed;
  }
  // Leaving (reload, close, another page): save names typed but not yet saved, if they can be; the
  // browser asks "Leave?" when one cannot, or when changes live in this page only and were not saved
  // to a file.
  function keepTyped() {
    typedNames().forEach(function (pair) {
      var name = pair[1].trim();
      try { change(onProgram(pair[0], function (q) { return withField(q, "name", "", name); })); } catch (error) { /* warned below */ }
    });
  }
  window.addEventListener("pagehide", keepTyped);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") keepTyped(); });
  window.addEventListener("beforeunload", function (event) {
    keepTyped();
    if (typedNames().length || (store.memory && store.changedSinceFile())) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // ---- Keeping a copy: last saved to a file, Safari's seven days, persistent storage ---------------
  // Safari (not other browsers on iOS, which say CriOS, FxiOS or EdgiOS) deletes script-writable storage
  // after 7 days of Safari use without a visit: WebKit, "Full Third-Party Cookie Blocking and More",
  // https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/ (March 2020, read 2026-12-02).
  var SAFARI = /Version\/[\d.]+.*Safari\//.test(navigator.userAgent) && !/Chrom|CriOS|FxiOS|EdgiOS|Android/.test(navigator.userAgent);
  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
  function showKeep() {
    var box = $("sc-keep"), meta = store.meta(), changed = store.changedSinceFile();
    box.textContent = "";
    if (SAFARI) {
      box.appendChild(el("p", { id: "sc-safari" }, el("strong", {}, "You are using Safari. "),
        "Safari deletes what this page keeps after seven days of using Safari without opening this site. " +
        "Save your scorecard as a file after each change."));
    }
    if (!state.programs.length && !meta.fileSaved && !SAFARI) { box.hidden = true; return; }
    box.hidden = false;
    box.appendChild(el("p", { id: "sc-saved" }, meta.fileSaved ?
      "Last saved to a file: " + when(meta.fileSaved) + "." : "Not saved to a file yet.",
      meta.persisted === true ? " This browser has agreed to keep your scorecard until you delete it." :
      meta.persisted === false ? " This browser may delete it when it needs space." : ""));
    if (changed && state.programs.length) {
      var button = el("button", { type: "button", "class": "md-button md-button--primary" }, "Save as a file now");
      button.addEventListener("click", saveJson);
      box.appendChild(el("p", { id: "sc-remind" }, (meta.fileSaved ? "You have changed your scorecard since then. " : "") +
        "Save it as a file to keep a copy. ", button));
    }
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
          ratingLabel[entry.rating], entry.note, f.share || f.id]
          .concat(visa, [GUIDE.data_version]));
      });
    });
    // Byte order mark so spreadsheet programs read the names as UTF-8; CRLF as RFC 4180 asks.
    return "\ufeff" + rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function Ask(replaced) { this.replaced = replaced; }
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
      var read = readScorecard(parsed);
      store.check({ programs: read.programs });  // the file alone: too large for this page
      // The file's programs merged into those stored NOW; a program in both (same id) is replaced, and
      // the question names the reader's copy that would go. If another tab changes what would be
      // replaced while the question is open, the page asks again: nothing is replaced unasked.
      var agreed = "";
      var merge = function (programs) {
        var next = programs.slice(), replaced = [];
        read.programs.forEach(function (p) {
          for (var i = 0; i < next.length; i++) {
            if (next[i].id === p.id) {
              replaced.push(quoted(next[i].name) + (next[i].name === p.name ? "" : " (called " + quoted(p.name) + " in the file)"));
              next[i] = p;
              return;
            }
          }
          next.push(p);
        });
        storable(next);  // refused before anything is asked: too many programs, too large
        store.check({ programs: next });
        if (replaced.length && replaced.join(", ") !== agreed) throw new Ask(replaced);
        return next;
      };
      var attempt = function () {
        try { change(merge); } catch (error) {
          if (!(error instanceof Ask)) return refuse(error instanceof Refused ? error.message : "the file could not be read.");
          if (!window.confirm("Loading this file replaces " + error.replaced.length + " program(s) you have here: " +
              error.replaced.join(", ") + ". Replace them with the copies in the file?")) {
            input.value = "";
            say("sc-data-status", "Nothing was loaded.");
            return;
          }
          agreed = error.replaced.join(", ");
          return later(attempt);
        }
        renderAll();
        input.value = "";
        say("sc-data-status", "Loaded " + read.programs.length + " program(s) from the file." + (read.kept ?
          " " + read.kept + " entr" + (read.kept === 1 ? "y" : "ies") + " that the current guide no longer has " +
          "were kept in the programs' notes." : ""));
      };
      attempt();
    }).catch(function (error) {
      refuse(error instanceof Refused ? error.message : "the file could not be read.");
    });
  }

  function onClear() {
    if (store.stale) { showStale(); say("sc-data-error", "Nothing was deleted: this page is out of date. Reload it first."); return; }
    // Counted from what is stored now, and again after the question: a program added in another tab
    // meanwhile is not deleted unasked.
    var count = function () { var r = store.read(); return r.stale ? state.programs.length : r.data.programs.length; };
    var asked = count();
    if (!asked && !store.aside().length) { say("sc-data-status", "There is nothing to delete."); return; }
    if (!window.confirm("Delete all " + asked + " program(s) and everything you recorded from this " +
        "browser? This cannot be undone. Save a file first if you want a copy.")) return;
    later(function () {
      if (count() !== asked) return onClear();
      state.programs = [];
      store.clear();
      renderAll();
      say("sc-data-status", "Everything was deleted from this browser.");
    });
  }

  // A printout (a PDF above all) keeps each link's full address: from the offline copy that is a
  // file:// path holding where the guide sits on the reader's disk, often their user name. While
  // printing from file://, links to an entry point to its public short address (SITE_URL known), and
  // every other link to nothing; afterwards they are as they were.
  function printing(on) {
    if (window.location.protocol !== "file:") return;
    Array.prototype.forEach.call(document.querySelectorAll(on ? "a[href]:not([data-sc-href])" : "a[data-sc-href]"), function (a) {
      if (on) {
        a.setAttribute("data-sc-href", a.getAttribute("href"));
        if (a.hasAttribute("data-share")) a.setAttribute("href", a.getAttribute("data-share"));
        else a.removeAttribute("href");
      } else {
        a.setAttribute("href", a.getAttribute("data-sc-href"));
        a.removeAttribute("data-sc-href");
      }
    });
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  window.matchMedia("print").addListener(function (query) { printing(query.matches); });

  function saveJson() {
    download(fileName("json"), "application/json", JSON.stringify(snapshot(state.programs), null, 2));
    store.savedToFile();
    showKeep();
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a JSON file.");
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
  $("sc-export-json").addEventListener("click", saveJson);
  $("sc-export-csv").addEventListener("click", function () {
    download(fileName("csv"), "text/csv;charset=utf-8", toCsv());
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a CSV file.");
  });
  $("sc-import").addEventListener("change", onImport);
  $("sc-compare").addEventListener("change", onPick);
  $("sc-clear").addEventListener("click", onClear);
  // Another tab changed the scorecard: show its version rather than overwrite it later.
  store.subscribe(function (event) {
    if (event.stale) return showStale();
    if (event.unsaved) {
      say("sc-data-error", "Another tab or window changed your scorecard, but this page could not store its own " +
        "changes. Both are kept: save this page's scorecard as a file now.");
      return;
    }
    state.programs = event.data.programs;
    redraw();
  });
})();
