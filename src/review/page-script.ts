// The review page's script, kept as a string so the page stays one offline file.
// It reads the embedded JSON, builds a document's DOM only when the document is
// opened, and drives the hover card and the paginated record table. All text goes
// into the page through text nodes and attributes, never through innerHTML, so
// an untrusted document cannot inject markup.
//
// The script is plain ES2019 with no template literals (this file holds it in
// one), and `PolicyReview` exposes its pure helpers so unit tests can run them
// in Node without a browser.
export const REVIEW_JS = String.raw`
var PolicyReview = (function () {
  "use strict";
  var TYPES = ["metric", "date", "responsible_unit"];
  var TYPE_LABEL = { metric: "metric", date: "date", responsible_unit: "unit", veto: "veto" };
  var PAGE_SIZE = 100;
  function label(t) { return TYPE_LABEL[t] || t; }

  // ---- pure helpers (also run by the unit tests) ----

  /**
   * Turn spans [{s, e, ...}] (UTF-16, half-open) over a text of "length" into a
   * flat list of operations that nest properly: {op:"text", s, e},
   * {op:"open", span, cont}, {op:"close"}. Nested spans nest; a span that
   * crosses the end of another is closed there and re-opened as a continuation
   * (cont: true), so every span has exactly one primary element.
   */
  function planSegments(length, spans) {
    var list = spans.map(function (x, i) {
      return { s: Math.max(0, Math.min(x.s, length)), e: Math.max(0, Math.min(Math.max(x.e, x.s), length)), rank: x.rank || 0, order: i, span: x };
    });
    list.sort(function (a, b) {
      return a.s - b.s || b.e - a.e || a.rank - b.rank || a.order - b.order;
    });
    var points = [0, length];
    list.forEach(function (x) { points.push(x.s, x.e); });
    points.sort(function (a, b) { return a - b; });
    var ops = [];
    var stack = [];
    var pos = 0;
    var next = 0;
    for (var k = 0; k < points.length; k++) {
      var p = points[k];
      if (k > 0 && p === points[k - 1]) continue;
      if (p > pos) { ops.push({ op: "text", s: pos, e: p }); pos = p; }
      var low = -1;
      for (var j = 0; j < stack.length; j++) { if (stack[j].e <= p) { low = j; break; } }
      if (low >= 0) {
        var survivors = stack.slice(low).filter(function (x) { return x.e > p; });
        for (var c = stack.length - 1; c >= low; c--) ops.push({ op: "close" });
        stack.length = low;
        // the longest survivor goes outermost, so later ends split as little as possible
        survivors.sort(function (a, b) { return b.e - a.e || a.order - b.order; });
        survivors.forEach(function (x) { ops.push({ op: "open", span: x.span, cont: true }); stack.push(x); });
      }
      while (next < list.length && list[next].s === p) {
        var x = list[next++];
        ops.push({ op: "open", span: x.span, cont: false });
        if (x.e <= p) ops.push({ op: "close" });
        else stack.push(x);
      }
    }
    while (stack.length) { stack.pop(); ops.push({ op: "close" }); }
    return ops;
  }

  /** Display form of a segment: CR LF and lone CR become LF (offsets are not affected). */
  function displayText(s) {
    return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
  }

  // one formatter for all: toLocaleString builds a new one per call, far too slow for 100 000 rows
  var NUMBER_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
  function formatNumber(n) {
    if (typeof n !== "number" || !isFinite(n)) return String(n);
    return NUMBER_FORMAT.format(n);
  }

  function yearOf(type, r) {
    if (type === "metric") return r.year == null ? null : r.year;
    if (type === "date") {
      var m = /^(\d{4})/.exec(r.date || "");
      return m ? Number(m[1]) : null;
    }
    return null;
  }

  /** One-line summary of a record's fields, for the table. */
  function summary(type, r) {
    var parts = [];
    if (type === "metric") {
      var v = formatNumber(r.value) + (r.value_max != null ? "\u2013" + formatNumber(r.value_max) : "");
      parts.push(v + (r.unit ? " " + r.unit : ""));
      if (r.qualifier) parts.push(r.qualifier);
      parts.push(r.category);
      if (r.indicator) parts.push(r.indicator);
      if (r.subject) parts.push(r.subject);
      if (r.per) parts.push("per " + r.per);
    } else if (type === "date") {
      parts.push(r.date + (r.date_end ? " \u2026 " + r.date_end : ""));
      parts.push(r.granularity);
      if (r.part) parts.push(r.part);
    } else if (type === "responsible_unit") {
      parts.push(r.name);
      parts.push("#" + r.position);
      if (r.task && (r.task.number || r.task.title)) parts.push("task " + [r.task.number, r.task.title].filter(Boolean).join(" "));
    } else if (type === "veto") {
      parts.push(r.rule);
      if (r.why) parts.push(r.why);
    }
    return parts.filter(function (x) { return x != null && x !== ""; }).join(" \u00b7 ");
  }

  var KNOWN = {
    common: ["type", "text", "start", "end", "line", "section", "rule", "s16", "e16", "mismatch", "why"],
    metric: ["value", "value_max", "number", "multiplier", "unit", "qualifier", "indicator", "subject", "year", "time", "role", "category", "per"],
    date: ["date", "date_end", "granularity", "part", "role"],
    responsible_unit: ["name", "role", "position", "task"],
    veto: []
  };

  function show(v) {
    if (v === null || v === undefined || v === "") return "\u2014";
    // years and positions read better without thousands separators
    if (typeof v === "number" || typeof v === "string") return String(v);
    return JSON.stringify(v);
  }

  /** The rows of the hover card: [label, value] pairs, most useful first. */
  function fieldRows(type, r) {
    var rows = [];
    if (type === "metric") {
      rows.push(["value", formatNumber(r.value) + (r.value_max != null ? " \u2013 " + formatNumber(r.value_max) : "") + (r.unit ? " " + r.unit : "")]);
      rows.push(["number", show(r.number) + (r.multiplier !== 1 && r.multiplier != null ? " \u00d7 " + formatNumber(r.multiplier) : "")]);
      rows.push(["qualifier", show(r.qualifier)]);
      rows.push(["indicator", show(r.indicator)]);
      rows.push(["subject", show(r.subject)]);
      rows.push(["year", show(r.year) + (r.time ? " (" + r.time + ")" : "")]);
      rows.push(["role", show(r.role)]);
      rows.push(["category", show(r.category)]);
      rows.push(["per", show(r.per)]);
    } else if (type === "date") {
      rows.push(["date", show(r.date)]);
      rows.push(["date_end", show(r.date_end)]);
      rows.push(["granularity", show(r.granularity)]);
      rows.push(["part", show(r.part)]);
      rows.push(["role", show(r.role)]);
    } else if (type === "responsible_unit") {
      rows.push(["name", show(r.name)]);
      rows.push(["role", show(r.role)]);
      rows.push(["position", show(r.position)]);
      rows.push(["task", r.task ? [r.task.number, r.task.title].filter(function (x) { return x; }).join(" ") || "\u2014" : "\u2014"]);
    } else if (type === "veto") {
      rows.push(["vetoed by", show(r.rule)]);
      rows.push(["why", show(r.why)]);
    }
    var known = (KNOWN[type] || []).concat(KNOWN.common);
    Object.keys(r).forEach(function (key) {
      if (known.indexOf(key) < 0 && r[key] !== null && r[key] !== undefined) rows.push([key, show(r[key])]);
    });
    if (r.section && r.section.length) rows.push(["section", r.section.join(" > ")]);
    rows.push(["line", show(r.line)]);
    rows.push(["offsets", r.start + "\u2013" + r.end + " (code points)"]);
    if (type !== "veto" && r.rule) rows.push(["rule", r.rule]);
    if (r.mismatch) rows.push(["warning", "the source text at these offsets differs from the record's text"]);
    return rows;
  }

  /**
   * Rows back to objects (see PackedDocument in payload.ts): records and vetoes
   * with their UTF-16 offsets s16/e16, text and section path filled in.
   */
  function unpack(d) {
    var records = [], vetoes = [];
    d.rows.forEach(function (row) {
      var type = row[0];
      var keys = d.columns[type];
      var o = {};
      for (var j = 0; j < keys.length; j++) o[keys[j]] = row[j + 1];
      if (o.s16 == null) { o.s16 = o.start; o.e16 = o.end; }
      if (o.text == null) o.text = d.text.slice(o.s16, o.e16);
      if (typeof o.section === "number") o.section = d.sections[o.section];
      if (o.mismatch == null) delete o.mismatch;
      if (type === "veto") vetoes.push(o);
      else { o.type = type; records.push(o); }
    });
    return { doc: d.doc, meta: d.meta, text: d.text, records: records, vetoes: vetoes };
  }

  var api = { unpack: unpack, planSegments: planSegments, displayText: displayText, summary: summary, fieldRows: fieldRows, yearOf: yearOf };
  if (typeof document === "undefined") return api;

  // ---- the page ----

  var data = JSON.parse(document.getElementById("review-data").textContent);
  var docs = data.documents.map(unpack);
  var entries = [];
  var byId = Object.create(null);
  var elements = Object.create(null);
  var rendered = [];
  var docEls = [];
  var perDoc = docs.map(function () { return []; });

  docs.forEach(function (d, di) {
    d.records.forEach(function (r, ri) {
      add({ id: "r" + di + "-" + ri, d: di, type: r.type, r: r, rank: 0 });
    });
    d.vetoes.forEach(function (v, vi) {
      add({ id: "v" + di + "-" + vi, d: di, type: "veto", r: v, rank: 1 });
    });
  });

  function add(entry) {
    entry.year = yearOf(entry.type, entry.r);
    entries.push(entry);
    perDoc[entry.d].push(entry);
    byId[entry.id] = entry;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, String(attrs[k]));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // the table's summary and the search text are built when first needed, not at load
  function summaryOf(e) {
    if (e.summary === undefined) e.summary = summary(e.type, e.r);
    return e.summary;
  }

  function hayOf(e) {
    if (e.hay === undefined) {
      var r = e.r;
      e.hay = [r.text, summaryOf(e), r.role, r.time, (r.section || []).join(" "), r.rule, docs[e.d].doc]
        .filter(Boolean).join("\n").toLowerCase();
    }
    return e.hay;
  }

  function countTypes(list) {
    var n = { metric: 0, date: 0, responsible_unit: 0, veto: 0 };
    list.forEach(function (e) { n[e.type] = (n[e.type] || 0) + 1; });
    return n;
  }

  function badges(n, filtered) {
    return TYPES.concat(["veto"]).map(function (t) {
      var text = label(t) + " " + (filtered ? filtered[t] + "/" : "") + (n[t] || 0);
      return el("span", { class: "badge t-" + t, "data-count-type": t }, [text]);
    });
  }

  // header
  var total = countTypes(entries);
  var chars = docs.reduce(function (a, d) { return a + (d.meta.chars || 0); }, 0);
  var mismatches = entries.filter(function (e) { return e.r.mismatch; }).length;
  var legend = el("div", { class: "legend" }, TYPES.concat(["veto"]).map(function (t) {
    var box = el("input", { type: "checkbox", checked: "checked", "data-toggle": t });
    box.checked = true;
    box.addEventListener("change", function () { document.body.classList.toggle("off-" + t, !box.checked); });
    var sample = t === "veto" ? el("span", { class: "veto sw" }, ["veto"]) : el("mark", { class: "hl sw t-" + t }, [label(t)]);
    return el("label", { title: "show or hide " + label(t) + " highlights" }, [box, sample, " " + (total[t] || 0)]);
  }));
  var labelBox = el("input", { type: "checkbox", checked: "checked", id: "veto-labels" });
  labelBox.checked = true;
  document.body.classList.add("veto-labels");
  labelBox.addEventListener("change", function () { document.body.classList.toggle("veto-labels", labelBox.checked); });
  var openAll = el("button", { type: "button", id: "open-all" }, ["open all"]);
  var closeAll = el("button", { type: "button", id: "close-all" }, ["close all"]);
  openAll.addEventListener("click", function () { docEls.forEach(function (_, i) { openDoc(i); }); });
  closeAll.addEventListener("click", function () { docEls.forEach(function (d) { d.open = false; }); });
  var head = document.getElementById("top");
  head.appendChild(el("h1", null, ["policy-extract review"]));
  head.appendChild(el("span", { class: "summary" }, [
    docs.length + (docs.length === 1 ? " document" : " documents") + " \u00b7 " + formatNumber(chars) + " characters"
  ]));
  head.appendChild(legend);
  if (mismatches) head.appendChild(el("span", { class: "warn" }, [mismatches + " spans whose text differs from the source at their offsets"]));
  head.appendChild(el("div", { class: "tools" }, [el("label", null, [labelBox, " veto rules"]), openAll, closeAll]));

  // documents: summaries now, text when opened
  var docsEl = document.getElementById("docs");
  docs.forEach(function (d, di) {
    var n = countTypes(perDoc[di]);
    var m = d.meta;
    var sum = el("summary", null, [
      el("span", { class: "title" }, [m.title || d.doc]),
      el("span", { class: "path" }, [d.doc]),
      el("span", { class: "badges" }, badges(n))
    ]);
    var metaBits = [m.format, m.encoding, formatNumber(m.chars) + " chars", m.doc_number, m.issuer, m.issued && "issued " + m.issued, m.printed && "printed " + m.printed, m.issue]
      .filter(Boolean).map(function (x) { return el("span", null, [String(x)]); });
    var det = el("details", { class: "doc", id: "doc-" + di, "data-doc-index": di }, [
      sum, el("div", { class: "doc-meta" }, metaBits), el("div", { class: "doc-text", lang: "zh-CN" })
    ]);
    det.addEventListener("toggle", function () { if (det.open) renderDoc(di); });
    docsEl.appendChild(det);
    docEls.push(det);
  });
  if (!docs.length) docsEl.appendChild(el("p", { class: "empty" }, ["No documents."]));

  function renderDoc(di) {
    if (rendered[di]) return;
    rendered[di] = true;
    var d = docs[di];
    var spans = perDoc[di].map(function (e) {
      return { s: e.r.s16, e: e.r.e16, rank: e.rank, entry: e };
    });
    var ops = planSegments(d.text.length, spans);
    var root = document.createDocumentFragment();
    var stack = [root];
    ops.forEach(function (o) {
      var top = stack[stack.length - 1];
      if (o.op === "text") {
        var t = d.text.slice(o.s, o.e);
        // a span boundary between CR and LF: the LF alone makes the line break
        if (t.charCodeAt(t.length - 1) === 13 && d.text.charCodeAt(o.e) === 10) t = t.slice(0, -1);
        top.appendChild(document.createTextNode(displayText(t)));
      } else if (o.op === "open") {
        var e = o.span.entry;
        var node;
        if (e.type === "veto") {
          node = o.cont
            ? el("span", { class: "veto cont", "data-for": e.id })
            : el("span", { class: "veto", "data-veto": e.id, "data-id": e.id, "data-start": e.r.start, "data-end": e.r.end, "data-rule": e.r.rule });
        } else {
          node = o.cont
            ? el("mark", { class: "hl cont t-" + e.type, "data-for": e.id })
            : el("mark", { class: "hl t-" + e.type, "data-id": e.id, "data-type": e.type, "data-start": e.r.start, "data-end": e.r.end, "data-rule": e.r.rule || "" });
        }
        if (!o.cont) elements[e.id] = node;
        top.appendChild(node);
        stack.push(node);
      } else {
        stack.pop();
      }
    });
    var body = docEls[di].querySelector(".doc-text");
    body.textContent = "";
    body.appendChild(root);
  }

  function openDoc(di) {
    renderDoc(di);
    docEls[di].open = true;
  }

  // ---- hover card ----

  var card = document.getElementById("card");
  var pinned = false;
  var active = [];
  var cardAnchor = null;

  function chainAt(node) {
    var ids = [];
    while (node && node !== docsEl) {
      if (node.nodeType === 1) {
        var id = node.getAttribute("data-id") || node.getAttribute("data-for");
        if (id && byId[id] && ids.indexOf(id) < 0) ids.push(id);
        if (node.classList.contains("doc-text")) break;
      }
      node = node.parentNode;
    }
    return ids;
  }

  function setActive(ids) {
    active.forEach(function (n) { n.classList.remove("active"); });
    active = [];
    if (ids.length && elements[ids[0]]) { elements[ids[0]].classList.add("active"); active.push(elements[ids[0]]); }
  }

  function showCard(ids, anchor) {
    if (!ids.length) return;
    card.textContent = "";
    ids.forEach(function (id) {
      var e = byId[id];
      var dl = el("dl");
      fieldRows(e.type, e.r).forEach(function (row) {
        dl.appendChild(el("dt", null, [row[0]]));
        dl.appendChild(el("dd", null, [row[1]]));
      });
      card.appendChild(el("div", { class: "entry" }, [
        el("div", { class: "head" }, [el("span", { class: "badge t-" + e.type }, [label(e.type)]), el("span", { class: "text" }, [e.r.text])]),
        dl
      ]));
    });
    card.appendChild(el("div", { class: "hint" }, [pinned ? "pinned \u2014 Esc or click elsewhere to close" : "click to pin"]));
    card.classList.add("shown");
    card.classList.toggle("pinned", pinned);
    setActive(ids);
    cardAnchor = anchor;
    placeCard();
  }

  function placeCard() {
    if (!cardAnchor) return;
    var rect = cardAnchor.getBoundingClientRect();
    var w = card.offsetWidth, h = card.offsetHeight;
    var left = Math.min(Math.max(4, rect.left), window.innerWidth - w - 4);
    var top = rect.bottom + 6;
    if (top + h > window.innerHeight - 4) top = Math.max(4, rect.top - h - 6);
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function hideCard() {
    pinned = false;
    cardAnchor = null;
    card.classList.remove("shown", "pinned");
    setActive([]);
  }

  docsEl.addEventListener("mouseover", function (ev) {
    if (pinned) return;
    var ids = chainAt(ev.target);
    if (ids.length) showCard(ids, ev.target.closest("[data-id], [data-for]"));
    else hideCard();
  });
  // a pinned card follows its span; a hover card goes away
  docsEl.addEventListener("scroll", function () { if (pinned) placeCard(); else hideCard(); }, { passive: true });
  docsEl.addEventListener("mouseleave", function () { if (!pinned) hideCard(); });
  docsEl.addEventListener("click", function (ev) {
    var ids = chainAt(ev.target);
    if (!ids.length) { if (pinned) hideCard(); return; }
    pinned = true;
    showCard(ids, ev.target.closest("[data-id], [data-for]"));
    selectRow(ids[0]);
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hideCard(); });
  document.addEventListener("click", function (ev) {
    if (pinned && !card.contains(ev.target) && !docsEl.contains(ev.target)) hideCard();
  });

  // ---- reveal a span ----

  function reveal(id) {
    var e = byId[id];
    if (!e) return;
    openDoc(e.d);
    var node = elements[id];
    if (!node) return;
    node.scrollIntoView({ block: "center", inline: "nearest" });
    var parts = [node].concat(Array.prototype.slice.call(docEls[e.d].querySelectorAll("[data-for=\"" + id + "\"]")));
    parts.forEach(function (p) {
      p.classList.remove("flash");
      void p.offsetWidth;
      p.classList.add("flash");
    });
    setTimeout(function () { parts.forEach(function (p) { p.classList.remove("flash"); }); }, 1700);
  }

  // ---- table ----

  var side = document.getElementById("side");
  var filters = { doc: "", type: "", category: "", role: "", year: "", q: "" };
  var page = 0;
  var filtered = [];
  var selectedId = null;

  function uniq(values) {
    var seen = Object.create(null), out = [];
    values.forEach(function (v) { if (v !== null && v !== undefined && v !== "" && !seen[v]) { seen[v] = true; out.push(v); } });
    return out;
  }

  function selectBox(key, label, options) {
    var s = el("select", { "data-filter": key });
    s.appendChild(el("option", { value: "" }, [key === "type" ? "all records" : "all"]));
    options.forEach(function (o) { s.appendChild(el("option", { value: String(o[0]) }, [o[1]])); });
    s.addEventListener("change", function () { filters[key] = s.value; page = 0; applyFilters(); });
    return el("label", null, [label, s]);
  }

  var countsEl = el("div", { class: "counts", id: "counts" });
  var search = el("input", { type: "search", placeholder: "text, indicator, unit, rule\u2026", "data-filter": "q" });
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { filters.q = search.value.trim().toLowerCase(); page = 0; applyFilters(); }, 150);
  });
  var recordsOnly = entries.filter(function (e) { return e.type !== "veto"; });
  var filterEl = el("div", { class: "filters" }, [
    selectBox("doc", "document", docs.map(function (d, i) { return [i, (i + 1) + ". " + (d.meta.title || d.doc)]; })),
    selectBox("type", "type", TYPES.concat(["veto"]).map(function (t) { return [t, label(t) + (t === "veto" ? "es" : "")]; })),
    selectBox("category", "category", uniq(recordsOnly.map(function (e) { return e.r.category; })).sort().map(function (c) { return [c, c]; })),
    selectBox("role", "role", uniq(entries.map(function (e) { return e.type === "veto" ? null : e.r.role; })).sort().map(function (c) { return [c, c]; })),
    selectBox("year", "year", uniq(entries.map(function (e) { return e.year; })).sort().map(function (y) { return [y, String(y)]; })),
    el("label", { class: "search" }, ["search", search])
  ]);
  var tbody = el("tbody");
  var table = el("table", { class: "records" }, [
    el("colgroup", null, ["doc", "type", "text", "detail", "role", "year"].map(function (c) { return el("col", { class: "c-" + c }); })),
    el("thead", null, [el("tr", null, ["doc", "type", "text", "fields", "role", "year"].map(function (h) { return el("th", null, [h]); }))]),
    tbody
  ]);
  var prev = el("button", { type: "button", id: "prev-page" }, ["\u2039 prev"]);
  var next = el("button", { type: "button", id: "next-page" }, ["next \u203a"]);
  var pageInfo = el("span", { id: "page-info" });
  prev.addEventListener("click", function () { if (page > 0) { page--; renderTable(); } });
  next.addEventListener("click", function () { if ((page + 1) * PAGE_SIZE < filtered.length) { page++; renderTable(); } });
  side.appendChild(el("h2", null, ["Records"]));
  side.appendChild(countsEl);
  side.appendChild(filterEl);
  side.appendChild(el("div", { class: "pager" }, [prev, pageInfo, next]));
  side.appendChild(table);

  function matches(e) {
    if (filters.doc !== "" && String(e.d) !== filters.doc) return false;
    if (filters.type === "" && e.type === "veto") return false;
    if (filters.type !== "" && e.type !== filters.type) return false;
    if (filters.category !== "" && e.r.category !== filters.category) return false;
    if (filters.role !== "" && (e.type === "veto" || e.r.role !== filters.role)) return false;
    if (filters.year !== "" && String(e.year) !== filters.year) return false;
    if (filters.q && hayOf(e).indexOf(filters.q) < 0) return false;
    return true;
  }

  function applyFilters() {
    filtered = entries.filter(matches);
    // the counts ignore the type filter, so they show what each type would give
    var sameButType = entries.filter(function (e) {
      var t = filters.type; filters.type = e.type; var ok = matches(e); filters.type = t; return ok;
    });
    countsEl.textContent = "";
    badges(total, countTypes(sameButType)).forEach(function (b) { countsEl.appendChild(b); });
    renderTable();
  }

  function renderTable() {
    var maxPage = Math.max(0, Math.ceil(filtered.length / PAGE_SIZE) - 1);
    if (page > maxPage) page = maxPage;
    var from = page * PAGE_SIZE;
    var rows = filtered.slice(from, from + PAGE_SIZE);
    tbody.textContent = "";
    rows.forEach(function (e) {
      var r = e.r;
      var tr = el("tr", {
        class: "row" + (e.type === "veto" ? " veto" : "") + (r.mismatch ? " mismatch" : "") + (e.id === selectedId ? " selected" : ""),
        tabindex: 0, "data-id": e.id, "data-row-type": e.type, title: docs[e.d].doc + ", line " + r.line
      }, [
        el("td", { class: "doc" }, [String(e.d + 1)]),
        el("td", { class: "type" }, [el("span", { class: "badge t-" + e.type }, [label(e.type)])]),
        el("td", { class: "text" }, [displayText(r.text)]),
        el("td", { title: summaryOf(e) }, [el("div", { class: "clamp" }, [summaryOf(e)])]),
        el("td", null, [e.type === "veto" ? "" : String(r.role || "")]),
        el("td", null, [e.year == null ? "" : String(e.year)])
      ]);
      tbody.appendChild(tr);
    });
    if (!rows.length) tbody.appendChild(el("tr", null, [el("td", { colspan: 6, class: "empty" }, ["No records match."])]));
    pageInfo.textContent = filtered.length ? (from + 1) + "\u2013" + (from + rows.length) + " of " + filtered.length : "0 of 0";
    prev.disabled = page === 0;
    next.disabled = from + PAGE_SIZE >= filtered.length;
  }

  function selectRow(id) {
    selectedId = id;
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.row"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === id);
    });
  }

  tbody.addEventListener("click", function (ev) {
    var tr = ev.target.closest("tr.row");
    if (!tr) return;
    selectRow(tr.getAttribute("data-id"));
    reveal(tr.getAttribute("data-id"));
  });
  tbody.addEventListener("keydown", function (ev) {
    var tr = ev.target.closest("tr.row");
    if (!tr) return;
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectRow(tr.getAttribute("data-id")); reveal(tr.getAttribute("data-id")); }
    else if (ev.key === "ArrowDown" && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
    else if (ev.key === "ArrowUp" && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
  });

  applyFilters();
  if (docs.length) openDoc(0);
  document.body.setAttribute("data-ready", "true");
  api.reveal = reveal;
  api.openDoc = openDoc;
  return api;
})();
`;
