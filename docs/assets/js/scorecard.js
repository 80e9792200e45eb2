/* The private scorecard (docs/scorecard.md): record what you saw at each program, compare side by side.
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
  var KEY = "img-red-flags:scorecard";        // localStorage key of the current scorecard
  var FORMAT_VERSION = 1;                     // shape of the saved file; bump on incompatible change
  var RATINGS = [
    { value: "", label: "Not rated" },
    { value: "not-seen", label: "Not seen" },
    { value: "unsure", label: "Unsure" },
    { value: "seen", label: "Seen" }
  ];
  var LIMIT = { fileBytes: 2000000, programs: 100, name: 200, notes: 20000, note: 2000 };
  var SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var PROGRAM_ID = /^p[a-z0-9]{4,30}$/;

  // ---- The guide, indexed ------------------------------------------------------------------------
  var ratingLabel = {}, flagById = {}, currentId = {}, factById = {}, severityById = {};
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

  // ---- Reading a scorecard (from storage or a file): check everything, keep what is still valid ----
  function Refused(message) { this.message = message; }

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function text(value, what, max, required) {
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string") throw new Refused(what + " must be text.");
    if (value.length > max) throw new Refused(what + " is longer than " + max + " characters.");
    if (required && !value.trim()) throw new Refused(what + " is empty.");
    return value;
  }
  function entries(value, what) {
    if (value === undefined) return [];
    if (!isObject(value)) throw new Refused(what + " must be a list of named entries.");
    return Object.keys(value).map(function (key) {
      if (!SLUG.test(key) || key.length > 60) throw new Refused(what + " has an entry with an invalid id.");
      if (!isObject(value[key])) throw new Refused(what + ": the entry \u201c" + key + "\u201d is not valid.");
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

  // Returns { programs, kept } or throws Refused with a message a person can act on.
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
    if (raw.programs.length > LIMIT.programs) throw new Refused("the file has more than " + LIMIT.programs + " programs.");
    var version = typeof raw.data_version === "string" ? raw.data_version.slice(0, 20) : "an unknown version";
    var kept = 0, ids = {};
    var programs = raw.programs.map(function (p, i) {
      var where = "Program " + (i + 1);
      if (!isObject(p)) throw new Refused(where + " is not valid.");
      var program = {
        id: p.id === undefined ? null : p.id,
        name: text(p.name, where + ": the name", LIMIT.name, true).trim(),
        notes: text(p.notes, where + ": the notes", LIMIT.notes),
        flags: {}, visa: {}
      };
      where = "\u201c" + program.name + "\u201d";
      if (program.id !== null && (typeof program.id !== "string" || !PROGRAM_ID.test(program.id))) {
        throw new Refused(where + " has an invalid program id.");
      }
      if (program.id !== null && ids[program.id]) throw new Refused("two programs in the file have the same id.");
      if (program.id !== null) ids[program.id] = true;
      var leftovers = [];
      entries(p.flags, where + ": red flags").forEach(function (pair) {
        var rating = pair[1].rating === undefined ? "" : pair[1].rating;
        if (!(typeof rating === "string" && rating in ratingLabel)) {
          throw new Refused(where + ": the rating of \u201c" + pair[0] + "\u201d must be not-seen, unsure or seen.");
        }
        var note = text(pair[1].note, where + ": the note on \u201c" + pair[0] + "\u201d", LIMIT.note);
        if (!rating && !note) return;
        if (currentId[pair[0]]) program.flags[currentId[pair[0]]] = { rating: rating, note: note };
        else leftovers.push("red flag \u201c" + pair[0] + "\u201d: " + ratingLabel[rating] + (note ? " \u2013 " + note : ""));
      });
      entries(p.visa, where + ": visa facts").forEach(function (pair) {
        var value = text(pair[1].value, where + ": the answer to \u201c" + pair[0] + "\u201d", 60);
        var note = text(pair[1].note, where + ": the note on \u201c" + pair[0] + "\u201d", LIMIT.note);
        var fact = factById[pair[0]];
        var known = !value || (fact && fact.options.some(function (o) { return o.value === value; }));
        if (fact && known) {
          if (value || note) program.visa[pair[0]] = { value: value, note: note };
        } else if (value || note) {
          leftovers.push("visa fact \u201c" + pair[0] + "\u201d: " + (value || "no answer") + (note ? " \u2013 " + note : ""));
        }
      });
      // Entries the current guide no longer has are not dropped: they move into the notes, as text.
      if (leftovers.length) {
        kept += leftovers.length;
        program.notes = (program.notes ? program.notes + "\n\n" : "") +
          "Kept from a scorecard saved with guide data " + version + ":\n- " + leftovers.join("\n- ");
      }
      return program;
    });
    return { programs: programs, kept: kept };
  }

  function snapshot() {
    return {
      format: GUIDE.format,
      format_version: FORMAT_VERSION,
      data_version: GUIDE.data_version,
      saved: new Date().toISOString(),
      programs: state.programs
    };
  }

  // ---- Storage ------------------------------------------------------------------------------------
  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(snapshot()));
      return true;
    } catch (error) {
      say("sc-data-error", "This browser did not let the page save (storage may be full or switched off). " +
        "Your entries will be lost when you close the page: save them as a file now.");
      return false;
    }
  }

  function load() {
    var stored;
    try { stored = window.localStorage.getItem(KEY); } catch (error) { stored = null; }
    if (stored === null) return;
    try {
      var read = readScorecard(JSON.parse(stored));
      read.programs.forEach(function (p) { if (p.id === null) p.id = newProgramId(); });
      state.programs = read.programs;
      if (read.kept) save();
    } catch (error) {
      // Never overwrite what we cannot read: set it aside where a person (or a later version) can find it.
      try { window.localStorage.setItem(KEY + ":unreadable", stored); } catch (ignored) { /* nothing more to do */ }
      state.programs = [];
      say("sc-data-error", "The scorecard saved in this browser could not be read, so the page starts empty. " +
        "The unreadable copy was kept in this browser's storage under \u201c" + KEY + ":unreadable\u201d.");
    }
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
      var id = base + "-" + (r.value || "none");
      choices.appendChild(el("span", { "class": "sc-rating sc-rating--" + (r.value || "none") },
        el("input", { type: "radio", id: id, name: base, value: r.value, checked: entry.rating === r.value,
                      "data-pid": p.id, "data-kind": "rating", "data-key": flag.id }),
        el("label", { "for": id, text: r.label })));
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
      var option = el("option", { value: o.value, text: o.label });
      option.selected = entry.value === o.value;
      select.appendChild(option);
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

  function renderPrograms() {
    var list = $("sc-programs");
    list.textContent = "";
    state.programs.forEach(function (p) { list.appendChild(programBlock(p)); });
  }

  // ---- The comparison -----------------------------------------------------------------------------
  function cell(p, flag) {
    var entry = p.flags[flag.id] || { rating: "", note: "" };
    var td = el("td", { "class": "sc-cell sc-cell--" + (entry.rating || "none") },
      el("span", { "class": "sc-cell__rating", text: ratingLabel[entry.rating] }));
    if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
    return td;
  }

  function renderComparison() {
    var box = $("sc-compare");
    box.textContent = "";
    $("sc-compare-empty").hidden = state.programs.length > 0;
    box.hidden = $("sc-print").hidden = state.programs.length === 0;
    if (!state.programs.length) return;
    var cols = state.programs.length + 1;
    var head = el("tr", {}, el("th", { scope: "col", text: "What you recorded" }));
    state.programs.forEach(function (p) { head.appendChild(el("th", { scope: "col", text: p.name })); });
    var table = el("table", { "class": "sc-table" },
      el("caption", {}, "Your programs side by side, in the order you added them. Guide data version " +
        GUIDE.data_version + "."),
      el("thead", {}, head));

    var section = function (title) {
      return el("tbody", {}, el("tr", { "class": "sc-section-row" }, el("th", { colspan: cols, scope: "colgroup", text: title })));
    };

    // Summary: flags seen, counted per severity, never summed into one score.
    var summary = section("Summary: red flags you marked seen");
    ORDER.forEach(function (sev, i) {
      var row = el("tr", { "class": "sc-summary-row sc-summary-row--" + sev },
        el("th", { scope: "row" }, badge(sev), " flags seen"));
      state.programs.forEach(function (p) {
        var seen = flagsBySeverity[i].filter(function (f) { return p.flags[f.id] && p.flags[f.id].rating === "seen"; });
        var td = el("td", { "class": "sc-count" + (seen.length && sev === "critical" ? " sc-count--alert" : "") },
          el("strong", { text: String(seen.length) }), " of " + flagsBySeverity[i].length);
        if (seen.length) {
          var ul = el("ul", {});
          seen.forEach(function (f) { ul.appendChild(el("li", {}, el("a", { href: f.href, text: f.title }))); });
          td.appendChild(ul);
        }
        row.appendChild(td);
      });
      summary.appendChild(row);
    });
    [["unsure", "Marked unsure"], ["", "Not rated yet"]].forEach(function (pair) {
      var row = el("tr", { "class": "sc-summary-row" }, el("th", { scope: "row", text: pair[1] }));
      state.programs.forEach(function (p) {
        var n = GUIDE.flags.filter(function (f) { return (p.flags[f.id] ? p.flags[f.id].rating : "") === pair[0]; }).length;
        row.appendChild(el("td", { "class": "sc-count" }, el("strong", { text: String(n) }), " of " + GUIDE.flags.length));
      });
      summary.appendChild(row);
    });
    table.appendChild(summary);

    var visa = section("Visa facts");
    GUIDE.visa_facts.forEach(function (fact) {
      var row = el("tr", {}, el("th", { scope: "row" }, el("a", { href: fact.question.href, text: fact.label })));
      state.programs.forEach(function (p) {
        var entry = p.visa[fact.id] || { value: "", note: "" };
        var option = fact.options.filter(function (o) { return o.value === entry.value; })[0];
        var td = el("td", { "class": "sc-cell" + (option && option.concern ? " sc-cell--concern" : "") },
          el("span", { "class": "sc-cell__rating", text: option ? option.label : "Not recorded yet" }));
        if (option && option.concern) {
          var flag = flagById[option.concern];
          td.appendChild(el("span", { "class": "sc-cell__concern" }, "Check this: ",
            el("a", { href: flag.href, text: flag.title })));
        }
        if (entry.note) td.appendChild(el("span", { "class": "sc-cell__note", text: entry.note }));
        row.appendChild(td);
      });
      visa.appendChild(row);
    });
    table.appendChild(visa);

    var all = section("Every red flag, critical first");
    flagsBySeverity.forEach(function (flags) {
      flags.forEach(function (flag) {
        var row = el("tr", { "class": "sc-flag-row sc-flag-row--" + flag.severity },
          el("th", { scope: "row" }, badge(flag.severity), " ", el("a", { href: flag.href, text: flag.title })));
        state.programs.forEach(function (p) { row.appendChild(cell(p, flag)); });
        all.appendChild(row);
      });
    });
    table.appendChild(all);
    box.appendChild(table);
  }

  function refresh(pid) {
    var p = pid && findProgram(pid);
    if (p) $("sc-" + pid + "-progress").textContent = progressText(p);
    renderComparison();
  }
  function renderAll() { renderPrograms(); renderComparison(); }

  // ---- Editing ------------------------------------------------------------------------------------
  function onEdit(event) {
    var t = event.target, p = findProgram(t.getAttribute("data-pid"));
    if (!p) return;
    var kind = t.getAttribute("data-kind"), key = t.getAttribute("data-key");
    if (event.type === "input" && (kind === "rating" || kind === "visa")) return;  // "change" follows
    var table = kind === "rating" || kind === "flag-note" ? p.flags : p.visa;
    var entry = table[key] || (kind === "rating" || kind === "flag-note" ? { rating: "", note: "" } : { value: "", note: "" });
    if (kind === "rating") entry.rating = t.value;
    else if (kind === "flag-note" || kind === "visa-note") entry.note = t.value;
    else if (kind === "visa") entry.value = t.value;
    else if (kind === "notes") { p.notes = t.value; save(); return; }
    else if (kind === "name") {
      if (event.type !== "change") return;  // rename once the person leaves the field
      if (!t.value.trim()) {
        t.value = p.name;
        say("sc-programs-status", "A program needs a name; the name was left as " + p.name + ".");
        return;
      }
      p.name = t.value.trim();
      $("sc-" + p.id + "-title").textContent = p.name;
      save();
      refresh(p.id);
      return;
    } else return;
    if (entry.rating || entry.value || entry.note) table[key] = entry;
    else delete table[key];
    save();
    refresh(p.id);
  }

  function onAdd(event) {
    event.preventDefault();
    var name = $("sc-add-name"), notes = $("sc-add-notes");
    if (!name.value.trim()) {
      $("sc-add-error").textContent = "Write the program's name first.";
      name.setAttribute("aria-invalid", "true");
      name.focus();
      return;
    }
    $("sc-add-error").textContent = "";
    name.removeAttribute("aria-invalid");
    var program = { id: newProgramId(), name: name.value.trim().slice(0, LIMIT.name), notes: notes.value, flags: {}, visa: {} };
    state.programs.push(program);
    save();
    renderAll();
    name.value = notes.value = "";
    $("sc-" + program.id + "-title").focus();
    say("sc-programs-status", "Added " + program.name + ". Its red flags and visa facts follow.");
  }

  function onClick(event) {
    var button = event.target.closest("[data-action='remove']");
    if (!button) return;
    var p = findProgram(button.getAttribute("data-pid"));
    if (!p || !window.confirm("Remove \u201c" + p.name + "\u201d and everything you recorded for it?")) return;
    state.programs = state.programs.filter(function (q) { return q !== p; });
    save();
    renderAll();
    $("sc-add-name").focus();
    say("sc-programs-status", "Removed " + p.name + ".");
  }

  // ---- Files: export JSON and CSV, import JSON, delete everything ---------------------------------
  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
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
    var groups = {};
    GUIDE.groups.forEach(function (g) { groups[g.id] = g.title; });
    var rows = [header];
    state.programs.forEach(function (p) {
      var visa = [];
      GUIDE.visa_facts.forEach(function (v) {
        var entry = p.visa[v.id] || { value: "", note: "" };
        var option = v.options.filter(function (o) { return o.value === entry.value; })[0];
        visa.push(option ? option.label : "", entry.note);
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
      var read = readScorecard(parsed);
      var replaced = read.programs.filter(function (p) { return p.id !== null && findProgram(p.id); });
      if (replaced.length && !window.confirm("The file has " + replaced.length + " program(s) you already have here (" +
          replaced.map(function (p) { return p.name; }).join(", ") + "). Replace them with the copies in the file?")) {
        input.value = "";
        say("sc-data-status", "Nothing was loaded.");
        return;
      }
      read.programs.forEach(function (p) {
        var existing = p.id !== null && findProgram(p.id);
        if (existing) state.programs[state.programs.indexOf(existing)] = p;
        else { if (p.id === null) p.id = newProgramId(); state.programs.push(p); }
      });
      save();
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
    if (!state.programs.length) { say("sc-data-status", "There is nothing to delete."); return; }
    if (!window.confirm("Delete all " + state.programs.length + " program(s) and everything you recorded from this " +
        "browser? This cannot be undone. Save a file first if you want a copy.")) return;
    state.programs = [];
    try {
      window.localStorage.removeItem(KEY);
      window.localStorage.removeItem(KEY + ":unreadable");
    } catch (ignored) { /* storage off: there was nothing stored */ }
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
    download(fileName("json"), "application/json", JSON.stringify(snapshot(), null, 2));
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a JSON file.");
  });
  $("sc-export-csv").addEventListener("click", function () {
    download(fileName("csv"), "text/csv;charset=utf-8", toCsv());
    say("sc-data-status", "Saved " + state.programs.length + " program(s) as a CSV file.");
  });
  $("sc-import").addEventListener("change", onImport);
  $("sc-clear").addEventListener("click", onClear);
  // Another tab changed the scorecard: show its version rather than overwrite it later.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    state.programs = [];
    load();
    renderAll();
  });
})();
