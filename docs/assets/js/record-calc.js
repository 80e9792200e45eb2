/* The limit calculations of "My record" (docs/my-record.md): pure functions, no DOM, no storage.
 *
 * Hand-written because no library checks duty-hour limits; the rules and their numbers are not written
 * here but come from data/record.yaml (embedded in the page, passed in as `rules`), so the page, the
 * printout and these sums can never disagree. Times are absolute: every period is stored as a local
 * time with its UTC offset ("2026-03-08T06:00-04:00"), so a shift across a daylight-saving change has
 * its real length. Weeks and days are the reader's own calendar weeks (Monday to Sunday, local time).
 * Loaded by the page as window.RecordCalc; tests run the same file in Chromium.
 */
(function (root) {
  "use strict";

  var HOUR = 3600000;

  // "2026-03-08T06:00-04:00" -> milliseconds since 1970, or NaN for anything else.
  var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?([+-])(\d{2}):(\d{2})$/;
  function parse(text) {
    var m = ISO.exec(text);
    if (!m) return NaN;
    var utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    var offset = (+m[8] * 60 + +m[9]) * (m[7] === "+" ? 1 : -1);
    // Date.UTC rolls invalid days over (Feb 30 -> Mar 2): refuse them instead.
    var check = new Date(utc);
    if (check.getUTCDate() !== +m[3] || check.getUTCMonth() !== +m[2] - 1) return NaN;
    return utc - offset * 60000;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Local wall-clock time (this browser's zone) -> the stored form with its offset at that moment.
  function localIso(year, month, day, hour, minute) {
    var d = new Date(year, month - 1, day, hour, minute);
    var off = -d.getTimezoneOffset();
    var sign = off < 0 ? "-" : "+";
    off = Math.abs(off);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) +
      ":" + pad(d.getMinutes()) + sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }

  // The local date of an instant, as "YYYY-MM-DD".
  function localDate(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // Local midnight starting the Monday week that holds `ms`; weeks are built by calendar days, not by
  // adding 7 x 24 hours, so a week with a clock change is 167 or 169 hours long, as it really is.
  function weekStart(ms) {
    var d = new Date(ms);
    var back = (d.getDay() + 6) % 7;  // Monday 0 ... Sunday 6
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime();
  }
  function addDays(ms, days) {
    var d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
  }

  function overlap(a0, a1, b0, b1) { return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)); }

  // Periods -> "stretches": continuous work, where one period starts when (or before) the last ends.
  // Overlapping periods are counted once, so an hour logged twice is never an hour worked twice.
  function stretches(periods) {
    var list = periods.map(function (p) { return { s: parse(p.start), e: parse(p.end), p: p }; })
      .filter(function (x) { return x.e > x.s; })
      .sort(function (a, b) { return a.s - b.s || a.e - b.e; });
    var out = [];
    list.forEach(function (x) {
      var last = out[out.length - 1];
      if (last && x.s <= last.e) {
        last.e = Math.max(last.e, x.e);
        last.periods.push(x.p);
      } else {
        out.push({ s: x.s, e: x.e, periods: [x.p] });
      }
    });
    return out;
  }

  // Whole days free (24 hours in a row with no work logged) inside [from, to).
  function daysFree(runs, from, to) {
    if (to <= from) return 0;
    var days = 0, cursor = from;
    runs.forEach(function (r) {
      if (r.e <= from || r.s >= to) return;
      days += Math.floor((Math.max(cursor, Math.min(r.s, to)) - cursor) / (24 * HOUR));
      cursor = Math.max(cursor, Math.min(r.e, to));
    });
    days += Math.floor((to - cursor) / (24 * HOUR));
    return days;
  }

  /* The whole analysis.
   *   periods: [{ start, end, place: "site"|"home", kind }]
   *   rules:   { weekly_hours, block_weeks, days_free_per_week, max_continuous_hours, transition_hours,
   *              rest_hours, rest_after_long_hours }
   *   now:     milliseconds; time after it is not yet known, so it is never counted as free.
   * Returns { weeks, blocks, runs, rests }. Hours are compared in whole milliseconds, so a week at
   * exactly the limit is within it. Statuses: "within", "over" (a limit was exceeded), "check" (allowed
   * only in a case the rule names), "open" (not enough of the block has passed to say).
   */
  function analyse(periods, rules, now) {
    var runs = stretches(periods);
    if (!runs.length) return { weeks: [], blocks: [], runs: [], rests: [] };
    var from = runs[0].s;                                   // the record starts with the first period
    var lastEnd = runs.reduce(function (m, r) { return Math.max(m, r.e); }, 0);
    var firstWeek = weekStart(from);
    var lastWeek = weekStart(lastEnd - 1);
    var known = Math.max(lastEnd, now);                    // free time is only counted up to now

    runs.forEach(function (r) { r.hours = (r.e - r.s) / HOUR; });
    var longMs = rules.max_continuous_hours * HOUR, graceMs = (rules.max_continuous_hours + rules.transition_hours) * HOUR;
    runs.forEach(function (r) {
      var len = r.e - r.s;
      r.status = len > graceMs ? "over" : len > longMs ? "check" : "within";
    });
    var rests = [];
    for (var i = 1; i < runs.length; i++) {
      var prev = runs[i - 1], gap = runs[i].s - prev.e;
      var afterLong = prev.e - prev.s >= longMs;
      var need = (afterLong ? rules.rest_after_long_hours : rules.rest_hours) * HOUR;
      // After a long (24-hour) period the rest is a "must"; otherwise the ACGME says "should".
      rests.push({ s: prev.e, e: runs[i].s, hours: gap / HOUR, afterLong: afterLong,
                   need: need / HOUR, status: gap >= need ? "within" : afterLong ? "over" : "check" });
    }

    var weeks = [];
    for (var w = firstWeek; w <= lastWeek; w = addDays(w, 7)) {
      var end = addDays(w, 7), ms = 0, home = 0, moon = 0;
      runs.forEach(function (r) { ms += overlap(r.s, r.e, w, end); });
      periods.forEach(function (p) {
        var s = parse(p.start), e = parse(p.end);
        if (!(e > s)) return;
        if (p.place === "home") home += overlap(s, e, w, end);
        if (p.kind === "moonlighting") moon += overlap(s, e, w, end);
      });
      var inWeek = function (x) { return x.s >= w && x.s < end; };
      weeks.push({
        start: w, end: end, label: localDate(w), ms: ms, hours: ms / HOUR, homeHours: home / HOUR,
        moonlightingHours: moon / HOUR,
        daysFree: daysFree(runs, Math.max(w, from), Math.min(end, known)),
        longest: runs.filter(inWeek).reduce(function (m, r) { return Math.max(m, r.hours); }, 0),
        shortRests: rests.filter(function (x) { return inWeek(x) && x.status !== "within"; }).length,
        overWeekly: ms > rules.weekly_hours * HOUR,
        complete: end <= now
      });
    }

    var n = rules.block_weeks, blocks = [];
    for (var k = 0; k < weeks.length; k++) {
      var first = Math.max(0, k - n + 1), part = weeks.slice(first, k + 1);
      var bStart = part[0].start, bEnd = part[part.length - 1].end;
      var total = part.reduce(function (m, x) { return m + x.ms; }, 0);
      var full = part.length === n && bEnd <= now;
      var free = daysFree(runs, Math.max(bStart, from), Math.min(bEnd, known));
      var needFree = rules.days_free_per_week * n;
      var inBlock = function (x) { return x.s >= bStart && x.s < bEnd; };
      var longRuns = runs.filter(inBlock).filter(function (r) { return r.status !== "within"; });
      var shortRests = rests.filter(inBlock).filter(function (x) { return x.status !== "within"; });
      var worst = function (items) {
        return items.some(function (x) { return x.status === "over"; }) ? "over" : items.length ? "check" : "within";
      };
      blocks.push({
        first: first, last: k, start: bStart, end: bEnd, weeks: part.length, complete: full,
        hours: total / HOUR, average: total / HOUR / n, daysFree: free, daysFreeNeeded: needFree,
        longRuns: longRuns, shortRests: shortRests,
        status: {
          // Over the four-week total: over, however the rest of the block goes.
          hours: total > rules.weekly_hours * n * HOUR ? "over" : full ? "within" : "open",
          daysFree: free >= needFree ? "within" : full ? "over" : "open",
          continuous: worst(longRuns),
          rest: worst(shortRests)
        }
      });
    }
    return { weeks: weeks, blocks: blocks, runs: runs, rests: rests };
  }

  var api = { parse: parse, localIso: localIso, localDate: localDate, weekStart: weekStart, addDays: addDays,
              stretches: stretches, daysFree: daysFree, analyse: analyse, HOUR: HOUR };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.RecordCalc = api;
})(this);
