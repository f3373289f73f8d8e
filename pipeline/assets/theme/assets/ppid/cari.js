/* PPID search: Indonesian stemming in the browser, matched against the index built by pipeline/site/search.py.
 *
 * The stemmer is a line-for-line port of PySastrawi 1.2 (Nazief-Adriani, CS, ECS rules). Its dictionary is the
 * index's own list of stems, so a query word lands on the stem the build gave to its other forms
 * ("pengumuman" -> "umum" <- "diumumkan"). No script from the index is ever run: results are built with
 * textContent only. */
(function () {
  "use strict";

  var C = "bcdfghjklmnpqrstvwxyz";
  function re(source) { return new RegExp(source); }

  /* Prefix disambiguation rules, in Sastrawi's order. Each returns the candidate root or null. */
  function rule(pattern, build) {
    var rx = re(pattern);
    return function (word) { var m = rx.exec(word); return m ? build(m) : null; };
  }
  var R = {
    r1a: rule("^ber([aiueo].*)$", function (m) { return m[1]; }),
    r1b: rule("^ber([aiueo].*)$", function (m) { return "r" + m[1]; }),
    r2: rule("^ber([" + C + "])([a-z])(.*)", function (m) { return /^er(.*)$/.test(m[3]) ? null : m[1] + m[2] + m[3]; }),
    r3: rule("^ber([" + C + "])([a-z])er([aiueo])(.*)", function (m) { return m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4]; }),
    r4: function (w) { return w === "belajar" ? "ajar" : null; },
    r5: rule("^be([bcdfghjklmnpqstvwxyz])(er[" + C + "])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r6a: rule("^ter([aiueo].*)$", function (m) { return m[1]; }),
    r6b: rule("^ter([aiueo].*)$", function (m) { return "r" + m[1]; }),
    r7: rule("^ter([" + C + "])er([aiueo].*)$", function (m) { return m[1] === "r" ? null : m[1] + "er" + m[2]; }),
    r8: rule("^ter([" + C + "])(.*)$", function (m) { return (m[1] === "r" || /^er(.*)$/.test(m[2])) ? null : m[1] + m[2]; }),
    r9: rule("^te([" + C + "])er([" + C + "])(.*)$", function (m) { return m[1] === "r" ? null : m[1] + "er" + m[2] + m[3]; }),
    r10: rule("^me([lrwy])([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r11: rule("^mem([bfv])(.*)$", function (m) { return m[1] + m[2]; }),
    r12: rule("^mempe(.*)$", function (m) { return "pe" + m[1]; }),
    r13a: rule("^mem([aiueo])(.*)$", function (m) { return "m" + m[1] + m[2]; }),
    r13b: rule("^mem([aiueo])(.*)$", function (m) { return "p" + m[1] + m[2]; }),
    r14: rule("^men([cdjstz])(.*)$", function (m) { return m[1] + m[2]; }),
    r15a: rule("^men([aiueo])(.*)$", function (m) { return "n" + m[1] + m[2]; }),
    r15b: rule("^men([aiueo])(.*)$", function (m) { return "t" + m[1] + m[2]; }),
    r16: rule("^meng([ghqk])(.*)$", function (m) { return m[1] + m[2]; }),
    r17a: rule("^meng([aiueo])(.*)$", function (m) { return m[1] + m[2]; }),
    r17b: rule("^meng([aiueo])(.*)$", function (m) { return "k" + m[1] + m[2]; }),
    r17c: rule("^menge(.*)$", function (m) { return m[1]; }),
    r17d: rule("^meng([aiueo])(.*)$", function (m) { return "ng" + m[1] + m[2]; }),
    r18a: rule("^meny([aiueo])(.*)$", function (m) { return "ny" + m[1] + m[2]; }),
    r18b: rule("^meny([aiueo])(.*)$", function (m) { return "s" + m[1] + m[2]; }),
    r19: rule("^memp([abcdfghijklmopqrstuvwxyz])(.*)$", function (m) { return "p" + m[1] + m[2]; }),
    r20: rule("^pe([wy])([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r21a: rule("^per([aiueo])(.*)$", function (m) { return m[1] + m[2]; }),
    r21b: rule("^pe(r[aiueo])(.*)$", function (m) { return m[1] + m[2]; }),
    r23: rule("^per([" + C + "])([a-z])(.*)$", function (m) { return /^er(.*)$/.test(m[3]) ? null : m[1] + m[2] + m[3]; }),
    r24: rule("^per([" + C + "])([a-z])er([aiueo])(.*)$", function (m) { return m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4]; }),
    r25: rule("^pem([bfv])(.*)$", function (m) { return m[1] + m[2]; }),
    r26a: rule("^pem([aiueo])(.*)$", function (m) { return "m" + m[1] + m[2]; }),
    r26b: rule("^pem([aiueo])(.*)$", function (m) { return "p" + m[1] + m[2]; }),
    r27: rule("^pen([cdjstz])(.*)$", function (m) { return m[1] + m[2]; }),
    r28a: rule("^pen([aiueo])(.*)$", function (m) { return "n" + m[1] + m[2]; }),
    r28b: rule("^pen([aiueo])(.*)$", function (m) { return "t" + m[1] + m[2]; }),
    r29: rule("^peng([" + C + "])(.*)$", function (m) { return m[1] + m[2]; }),
    r30a: rule("^peng([aiueo])(.*)$", function (m) { return m[1] + m[2]; }),
    r30b: rule("^peng([aiueo])(.*)$", function (m) { return "k" + m[1] + m[2]; }),
    r30c: rule("^penge(.*)$", function (m) { return m[1]; }),
    r31a: rule("^peny([aiueo])(.*)$", function (m) { return "ny" + m[1] + m[2]; }),
    r31b: rule("^peny([aiueo])(.*)$", function (m) { return "s" + m[1] + m[2]; }),
    r32: function (w) { if (w === "pelajar") { return "ajar"; } var m = /^pe(l[aiueo])(.*)$/.exec(w); return m ? m[1] + m[2] : null; },
    r34: rule("^pe([" + C + "])(.*)$", function (m) { return /^er(.*)$/.test(m[2]) ? null : m[1] + m[2]; }),
    r35: rule("^ter([bcdfghjkpqstvxz])(er[" + C + "])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r36: rule("^pe([bcdfghjkpqstvxz])(er[" + C + "])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r37a: rule("^([" + C + "])(er[aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r37b: rule("^([" + C + "])er([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r38a: rule("^([" + C + "])(el[aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r38b: rule("^([" + C + "])el([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r39a: rule("^([" + C + "])(em[aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r39b: rule("^([" + C + "])em([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r40a: rule("^([" + C + "])(in[aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r40b: rule("^([" + C + "])in([aiueo])(.*)$", function (m) { return m[1] + m[2] + m[3]; }),
    r41: rule("^ku(.*)$", function (m) { return m[1]; }),
    r42: rule("^kau(.*)$", function (m) { return m[1]; })
  };
  var PREFIX_GROUPS = [
    ["r1a", "r1b"], ["r2"], ["r3"], ["r4"], ["r5"], ["r6a", "r6b"], ["r7"], ["r8"], ["r9"], ["r10"], ["r11"],
    ["r12"], ["r13a", "r13b"], ["r14"], ["r15a", "r15b"], ["r16"], ["r17a", "r17b", "r17c", "r17d"],
    ["r18a", "r18b"], ["r19"], ["r20"], ["r21a", "r21b"], ["r23"], ["r24"], ["r25"], ["r26a", "r26b"], ["r27"],
    ["r28a", "r28b"], ["r29"], ["r30a", "r30b", "r30c"], ["r31a", "r31b"], ["r32"], ["r34"], ["r35"], ["r36"],
    ["r37a", "r37b"], ["r38a", "r38b"], ["r39a", "r39b"], ["r40a", "r40b"], ["r41"], ["r42"]
  ];
  var PRECEDENCE = [/^be(.*)lah$/, /^be(.*)an$/, /^me(.*)i$/, /^di(.*)i$/, /^pe(.*)i$/, /^ter(.*)i$/];

  function Context(word, dict) {
    this.original = word;
    this.current = word;
    this.dict = dict;
    this.stopped = false;
    this.removals = [];
  }
  Context.prototype.has = function (w) { return w !== null && w !== undefined && this.dict.has(w); };
  Context.prototype.remove = function (result, type) {
    if (result !== this.current) {
      this.removals.push({ subject: this.current, result: result, removed: this.current.slice(result.length), type: type });
      this.current = result;
    }
  };

  /* Visitors. */
  function dontStemShortWord(ctx) { if (ctx.current.length <= 3) { ctx.stopped = true; } }
  function removeParticle(ctx) { ctx.remove(ctx.current.replace(/-*(lah|kah|tah|pun)$/, ""), "P"); }
  function removePossessive(ctx) { ctx.remove(ctx.current.replace(/-*(ku|mu|nya)$/, ""), "PP"); }
  function removeDerivational(ctx) { ctx.remove(ctx.current.replace(/(is|isme|isasi|i|kan|an)$/, ""), "DS"); }
  function removePlainPrefix(ctx) {
    var result = ctx.current.replace(/^(di|ke|se)/, "");
    if (result !== ctx.current) {
      ctx.removals.push({ subject: ctx.current, result: result, removed: "", type: "DP" });
      ctx.current = result;
    }
  }
  function disambiguator(names) {
    return function (ctx) {
      var result = null;
      for (var i = 0; i < names.length; i++) {
        result = R[names[i]](ctx.current);
        if (ctx.has(result)) { break; }
      }
      if (result === null) { return; }
      ctx.removals.push({ subject: ctx.current, result: result, removed: "", type: "DP" });
      ctx.current = result;
    };
  }
  var VISITORS = [dontStemShortWord];
  var SUFFIX_VISITORS = [removeParticle, removePossessive, removeDerivational];
  var PREFIX_VISITORS = [removePlainPrefix].concat(PREFIX_GROUPS.map(disambiguator));

  Context.prototype.acceptVisitors = function (visitors) {
    for (var i = 0; i < visitors.length; i++) {
      visitors[i](this);
      if (this.has(this.current) || this.stopped) { return; }
    }
  };
  Context.prototype.acceptPrefixVisitors = function (visitors) {
    var count = this.removals.length;
    for (var i = 0; i < visitors.length; i++) {
      visitors[i](this);
      if (this.has(this.current) || this.stopped || this.removals.length > count) { return; }
    }
  };
  Context.prototype.removePrefixes = function () {
    for (var i = 0; i < 3; i++) {
      this.acceptPrefixVisitors(PREFIX_VISITORS);
      if (this.has(this.current)) { return; }
    }
  };
  Context.prototype.removeSuffixes = function () { this.acceptVisitors(SUFFIX_VISITORS); };
  Context.prototype.isSuffixRemoval = function (r) { return r.type === "DS" || r.type === "PP" || r.type === "P"; };
  Context.prototype.restorePrefix = function () {
    if (this.removals.length) { this.current = this.removals[0].subject; }
    this.removals = this.removals.filter(function (r) { return r.type !== "DP"; });
  };
  Context.prototype.loopPengembalianAkhiran = function () {
    this.restorePrefix();
    var removals = this.removals.slice();
    var current = this.current;
    for (var i = removals.length - 1; i >= 0; i--) {
      var removal = removals[i];
      if (!this.isSuffixRemoval(removal)) { continue; }
      if (removal.removed === "kan") {
        this.current = removal.result + "k";
        this.removePrefixes();
        if (this.has(this.current)) { return; }
        this.current = removal.result + "kan";
      } else {
        this.current = removal.subject;
      }
      this.removePrefixes();
      if (this.has(this.current)) { return; }
      this.removals = removals;
      this.current = current;
    }
  };
  Context.prototype.startStemmingProcess = function () {
    if (this.has(this.current)) { return; }
    this.acceptVisitors(VISITORS);
    if (this.has(this.current)) { return; }
    var original = this.original;
    if (PRECEDENCE.some(function (rx) { return rx.test(original); })) {
      this.removePrefixes();
      if (this.has(this.current)) { return; }
      this.removeSuffixes();
      if (this.has(this.current)) { return; }
      this.current = this.original;
      this.removals = [];
    }
    this.removeSuffixes();
    if (this.has(this.current)) { return; }
    this.removePrefixes();
    if (this.has(this.current)) { return; }
    this.loopPengembalianAkhiran();
  };
  Context.prototype.execute = function () {
    this.startStemmingProcess();
    return this.has(this.current) ? this.current : this.original;
  };

  function stemSingular(word, dict) { return new Context(word, dict).execute(); }

  function isPlural(word) {
    var m = /^(.*)-(ku|mu|nya|lah|kah|tah|pun)$/.exec(word);
    if (m) { return m[1].indexOf("-") !== -1; }
    return word.indexOf("-") !== -1;
  }
  var PLURAL_SUFFIXES = ["ku", "mu", "nya", "lah", "kah", "tah", "pun"];
  function stemPlural(plural, dict) {
    var m = /^(.*)-(.*)$/.exec(plural);
    if (!m) { return plural; }
    var words = [m[1], m[2]];
    var suffix = words[1];
    var m2 = /^(.*)-(.*)$/.exec(words[0]);
    if (PLURAL_SUFFIXES.indexOf(suffix) !== -1 && m2) {
      words[0] = m2[1];
      words[1] = m2[2] + "-" + suffix;
    }
    var root1 = stemSingular(words[0], dict);
    var root2 = stemSingular(words[1], dict);
    if (!dict.has(words[1]) && root2 === words[1]) { root2 = stemSingular("me" + words[1], dict); }
    return root1 === root2 ? root1 : plural;
  }

  /* Sastrawi's stem() for one word already split by words(). */
  function stem(word, dict) { return isPlural(word) ? stemPlural(word, dict) : stemSingular(word, dict); }

  /* The same split as pipeline.site.search.words(). */
  function words(text) {
    var plain = String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return plain.match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) || [];
  }

  /* ---- the index and the query ---------------------------------------------------------------------------- */
  var WEIGHT = [1, 3, 6, 10];  // field 0 headings/category, 1 summary, 2 number, 3 title

  function Index(data) {
    this.docs = data.docs;
    this.stop = new Set(data.stop);
    this.terms = data.terms;
    this.vocab = new Set(Object.keys(data.terms));
    this.sorted = Object.keys(data.terms).sort();
    this.forms = data.forms || [];  // [word, stem] pairs, sorted by word
  }
  function lowerBound(list, key, get) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (get(list[mid]) < key) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  /* Postings of one stem: Map doc -> field. */
  Index.prototype.postings = function (term) {
    var out = new Map();
    var deltas = this.terms[term] || [];
    var value = 0;
    for (var i = 0; i < deltas.length; i++) {
      value += deltas[i];
      out.set(value >> 2, value & 3);
    }
    return out;
  };
  /* Stems a query word may mean: its Sastrawi stem if the site uses it, else stems it begins (half-typed). */
  Index.prototype.resolve = function (word) {
    var root = stem(word, this.vocab);
    if (this.vocab.has(root)) { return { stems: [root], exact: true }; }
    if (word.length < 3) { return { stems: [], exact: false }; }
    var found = new Set();
    var self = this;
    var i = lowerBound(this.sorted, word, function (s) { return s; });
    for (; i < this.sorted.length && this.sorted[i].lastIndexOf(word, 0) === 0 && found.size < 30; i++) {
      found.add(this.sorted[i]);
    }
    i = lowerBound(this.forms, word, function (pair) { return pair[0]; });
    for (; i < self.forms.length && self.forms[i][0].lastIndexOf(word, 0) === 0 && found.size < 60; i++) {
      found.add(self.forms[i][1]);
    }
    return { stems: Array.from(found), exact: false };
  };
  /* Ranked results: documents that contain every known word (or, failing that, any of them). */
  Index.prototype.search = function (query) {
    var self = this;
    var parts = [];
    words(query).forEach(function (word) {
      var forms = [word];
      if (word.indexOf("-") !== -1) { forms = forms.concat(word.split("-")); }
      forms.forEach(function (form) {
        if (form && !self.stop.has(form)) { parts.push({ word: form, resolved: self.resolve(form) }); }
      });
    });
    var scored = parts.map(function (part) {
      var best = new Map();
      part.resolved.stems.forEach(function (term) {
        self.postings(term).forEach(function (field, doc) {
          var score = WEIGHT[field] * (part.resolved.exact ? 1 : 0.5);
          if (!best.has(doc) || best.get(doc) < score) { best.set(doc, score); }
        });
      });
      return best;
    });
    var known = scored.filter(function (m) { return m.size > 0; });
    var total = new Map();
    var all = known.length === parts.length && known.length > 0;
    known.forEach(function (scores) {
      scores.forEach(function (score, doc) { total.set(doc, (total.get(doc) || 0) + score); });
    });
    var hits = [];
    total.forEach(function (score, doc) {
      var everywhere = known.every(function (m) { return m.has(doc); });
      if (everywhere || !all) { hits.push({ doc: doc, score: score, complete: everywhere }); }
    });
    if (all && hits.length === 0) {
      total.forEach(function (score, doc) { hits.push({ doc: doc, score: score, complete: false }); });
    }
    // Newer first among equals: documents are stored newest first.
    hits.sort(function (a, b) { return (b.complete - a.complete) || (b.score - a.score) || (a.doc - b.doc); });
    var stems = new Set();
    parts.forEach(function (part) { part.resolved.stems.forEach(function (s) { stems.add(s); }); });
    return { hits: hits, stems: stems, words: parts.length, complete: hits.length > 0 && hits[0].complete };
  };

  /* ---- the page -------------------------------------------------------------------------------------------- */
  function highlight(parent, text, stems, vocab) {
    var pattern = /[A-Za-z0-9\u00C0-\u024F]+(?:-[A-Za-z0-9\u00C0-\u024F]+)*/g;
    var last = 0, m;
    while ((m = pattern.exec(text)) !== null) {
      var w = words(m[0])[0];
      if (w && stems.has(stem(w, vocab))) {
        parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(index, query, base, status, list) {
    list.textContent = "";
    if (!words(query).length) { status.textContent = ""; return; }
    var result = index.search(query);
    var hits = result.hits.slice(0, 50);
    if (!hits.length) {
      status.textContent = "Tidak ada hasil untuk \u201c" + query + "\u201d. Coba kata lain atau telusuri Arsip.";
      return;
    }
    status.textContent = (result.complete ? "" : "Tidak ada yang memuat semua kata; hasil berikut memuat sebagian. ") +
      result.hits.length + " hasil untuk \u201c" + query + "\u201d" +
      (result.hits.length > hits.length ? " (50 teratas ditampilkan)." : ".");
    hits.forEach(function (hit) {
      var d = index.docs[hit.doc];
      var article = document.createElement("article");
      article.className = "ppid-entri";
      var h2 = document.createElement("h2");
      h2.className = "ppid-entri__judul";
      var a = document.createElement("a");
      a.href = base + d[0];
      highlight(a, d[1], result.stems, index.vocab);
      h2.appendChild(a);
      article.appendChild(h2);
      var meta = document.createElement("p");
      meta.className = "ppid-entri__meta";
      meta.textContent = [d[3], d[2] ? "Nomor " + d[2] : "", d[4]].filter(Boolean).join(" \u00b7 ");
      article.appendChild(meta);
      if (d[5]) {
        var p = document.createElement("p");
        p.className = "ppid-entri__ringkasan";
        highlight(p, d[5], result.stems, index.vocab);
        article.appendChild(p);
      }
      list.appendChild(article);
    });
  }

  function start() {
    var input = document.getElementById("ppid-cari-q");
    var status = document.getElementById("ppid-cari-status");
    var list = document.getElementById("ppid-cari-hasil");
    if (!input || !status || !list) { return; }
    var form = input.form;
    var indexUrl = new URL("indeks.json", document.baseURI.replace(/[?#].*$/, "").replace(/[^/]*$/, ""));
    var base = new URL("..", indexUrl).href;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    status.textContent = "Memuat indeks pencarian\u2026";
    fetch(indexUrl.href).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      var index = new Index(data);
      window.ppidIndex = index;
      status.textContent = "";
      var timer = null;
      function run() {
        var q = input.value.trim();
        var url = new URL(window.location.href);
        if (q) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
        window.history.replaceState(null, "", url.href);
        render(index, q, base, status, list);
      }
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      run();
      if (!query) { input.focus(); }
    }).catch(function () {
      status.textContent = "Indeks pencarian tidak dapat dimuat. Muat ulang halaman atau telusuri Arsip.";
    });
  }

  window.PPIDCari = { stem: stem, words: words, Index: Index };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
