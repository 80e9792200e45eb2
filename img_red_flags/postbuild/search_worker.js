/* Appended to Material's search worker by img_red_flags/postbuild/search_worker.py (not loaded by pages).
 *
 * Material 9.8.2 turns each query word into a prefix search ("fired" -> fired*) inside its worker and
 * offers no hook for changing that, but the worker exposes its lunr as self.lunr. This wraps
 * lunr.Index#search, which Material calls with the rewritten query, to make three changes:
 *
 * 1. Typos: a word of 5+ letters that starts no indexed word is also searched with one edit (lunr's
 *    term~1: a letter added, dropped, changed or two swapped). Words that match stay as they are, so a
 *    normal query ranks as before.
 * 2. Little words: "can I quit" searched i* and can* (every word starting with i); stop words are left
 *    out when the query has other words (lunr leaves them out of the index anyway).
 * 3. One letter: "H1-B" is split into h1* and b*, and b* matched every word starting with b; a single
 *    letter next to other words is searched as itself.
 *
 * A word found only by its one-edit form is reported to Material as found (it would otherwise show the
 * typed word struck through as "Missing").
 */
(function (lunr) {
  if (!lunr || !lunr.Index || lunr.Index.prototype.imgRedFlags) return;
  var MIN_TYPO_LENGTH = 5;
  var OPTIONAL = lunr.Query.presence.OPTIONAL;

  function starts(index, prefix) {
    var wanted = lunr.TokenSet.fromString(prefix + "*");
    return index.tokenSet.intersect(wanted).toArray().length > 0;  // (this order: lunr's own)
  }

  lunr.Index.prototype.imgRedFlags = true;
  lunr.Index.prototype.search = function (queryString) {
    var index = this;
    var corrected = {};  // indexed word -> the typed words it stands for
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
      function base(c) { return c.term.replace(/\*+$/, ""); }  // Material adds * to every word
      var words = query.clauses.filter(function (c) {
        return c.presence === OPTIONAL && lunr.stopWordFilter(base(c));
      });
      if (words.length === 0) return;  // only stop words: search them as Material does
      query.clauses = query.clauses.filter(function (c) {
        return c.presence !== OPTIONAL || words.indexOf(c) >= 0;
      });
      query.clauses.forEach(function (c) {
        if (base(c).length === 1 && query.clauses.length > 1) c.term = base(c);
      });
      words.forEach(function (c) {
        var typed = base(c);
        if (typed.length < MIN_TYPO_LENGTH || c.editDistance || !/^[a-z]+$/.test(typed)) return;
        if (starts(index, typed)) return;
        var near = index.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(typed, 1)).toArray();
        near.forEach(function (word) { (corrected[word] = corrected[word] || []).push(typed); });
        query.term(typed, { fields: c.fields, editDistance: 1, usePipeline: false });
      });
    });
    results.forEach(function (result) {
      Object.keys(result.matchData.metadata).forEach(function (word) {
        (corrected[word] || []).forEach(function (typed) {
          if (!result.matchData.metadata[typed]) result.matchData.metadata[typed] = {};
        });
      });
    });
    return results;
  };
})(self.lunr);
