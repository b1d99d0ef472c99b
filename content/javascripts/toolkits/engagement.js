/* Engagementsanalysen's dashboard: reads a CSV file of survey answers in the browser (FileReader, TextDecoder),
 * checks it against the questions in the page's data (toolkit/engagementsanalyse-og-dashboard.yml), and shows counts
 * and shares as SVG bars with a table beside each. Nothing is uploaded, stored or sent: the file's bytes stay in this
 * page. Every value from the file is written with textContent. Counts below the data's minCell are shown as "<5". */
(function () {
  "use strict";

  var MAX_MB = 100;
  var MAX_PROBLEMS = 10;     // problems listed; the rest are counted
  var MAX_OWN_VALUES = 60;   // distinct values in a column that takes the municipality's own values
  var SVG = "http://www.w3.org/2000/svg";

  /* --- small helpers ------------------------------------------------------------------------------------------- */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    [].concat(children === undefined || children === null ? [] : children).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* How a value in the file is compared with an option: case, spaces and dashes do not matter (as in engagement.py). */
  function normalise(value) {
    return value.replace(/[\u2013\u2014\u2212]/g, "-").trim().split(/\s+/).join(" ").toLowerCase();
  }

  function shorten(value) {
    var v = String(value).replace(/\s+/g, " ");
    return v.length > 40 ? v.slice(0, 39) + "…" : v;
  }

  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november", "december"];

  function monthLabel(index) { return MONTHS[index % 12] + " " + Math.floor(index / 12); }

  /* --- reading: bytes → text → records ------------------------------------------------------------------------- */
  function sniffBinary(bytes) {
    if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return "xlsx";
    if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
    var n = Math.min(bytes.length, 4096);
    for (var i = 0; i < n; i++) if (bytes[i] === 0) return "binary";
    return null;
  }

  function decode(bytes) {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
    if (sniffBinary(bytes)) return null;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);  // strips a byte order mark
    } catch (e) {
      return new TextDecoder("windows-1252").decode(bytes);  // what Excel writes as "CSV" on a Danish Windows
    }
  }

  /* The separator is the one of ; , and tab that occurs most often in the header line, outside quotes. */
  function detectSeparator(text) {
    var counts = { ";": 0, ",": 0, "\t": 0 }, quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === "\n" || c === "\r")) break;
      else if (!quoted && counts[c] !== undefined) counts[c]++;
    }
    var best = null;
    [";", ",", "\t"].forEach(function (s) { if (counts[s] > 0 && (best === null || counts[s] > counts[best])) best = s; });
    return best;
  }

  /* RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks. Returns the records and, when a
   * quote is never closed, the number of the record it opens in. */
  function parseCsv(text, sep) {
    var records = [], record = [], i = 0, n = text.length, sepCode = sep.charCodeAt(0), c, start, field;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === 34) {
        field = "";
        start = ++i;
        for (;;) {
          var q = text.indexOf('"', i);
          if (q === -1) return { records: records, unclosed: records.length + 1 };
          if (text.charCodeAt(q + 1) === 34) { field += text.slice(start, q + 1); i = q + 2; start = i; continue; }
          field += text.slice(start, q);
          i = q + 1;
          break;
        }
        start = i;  // anything between the closing quote and the separator is kept, as spreadsheets do
        while (i < n) { c = text.charCodeAt(i); if (c === sepCode || c === 10 || c === 13) break; i++; }
        if (i > start) field += text.slice(start, i);
      } else {
        start = i;
        while (i < n) { c = text.charCodeAt(i); if (c === sepCode || c === 10 || c === 13) break; i++; }
        field = text.slice(start, i);
      }
      record.push(field);
      if (i >= n) break;
      c = text.charCodeAt(i);
      if (c === sepCode) {
        i++;
        if (i >= n) record.push("");
        continue;
      }
      i += (c === 13 && text.charCodeAt(i + 1) === 10) ? 2 : 1;
      records.push(record);
      record = [];
    }
    if (record.length) records.push(record);
    return { records: records, unclosed: 0 };
  }

  /* A date as survey systems and Danish spreadsheets write it, with or without a time after it → days since 1970. */
  var ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
  var DANISH_DATE = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[T ,].*)?$/;

  function parseDate(value) {
    var m = ISO_DATE.exec(value), y, mo, d;
    if (m) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else {
      m = DANISH_DATE.exec(value);
      if (!m) return null;
      y = +m[3]; mo = +m[2]; d = +m[1];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1990 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return { month: y * 12 + mo - 1 };
  }

  /* --- checking: records → columns of codes -------------------------------------------------------------------- */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }

  /* Each question's lookup: every way of writing an option (code, text, other spellings) → its number (1, 2 …). */
  function lookups(questions) {
    return questions.map(function (q) {
      var map = new Map();
      q.options.forEach(function (o, k) {
        [o.id, o.label].concat(o.aliases).forEach(function (v) { map.set(normalise(v), k + 1); });
      });
      return map;
    });
  }

  /* The file's answers as typed arrays, or the problems that keep it from being read. */
  function readAnswers(data, text) {
    var t = function (key, values) { return fill(data.texts[key], values); };
    var problems = [], more = 0;
    function problem(message) { if (problems.length < MAX_PROBLEMS) problems.push(message); else more++; }
    function fail() { return { problems: problems, more: more }; }

    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.slice(0, 3) === "\u00ef\u00bb\u00bf") text = text.slice(3);  // a UTF-8 byte order mark read as Windows-1252
    if (!text.trim()) { problem(t("err_empty")); return fail(); }

    var questions = data.questions;
    var expected = [data.date.id].concat(questions.map(function (q) { return q.id; }));
    var sep = detectSeparator(text);
    if (!sep) { problem(t("err_separator", { header: expected.join(";") })); return fail(); }
    var parsed = parseCsv(text, sep);
    if (parsed.unclosed) problem(t("err_quote", { row: parsed.unclosed }));
    var records = parsed.records;
    var header = records[0].map(function (h) { return h.trim(); });
    var position = {}, ignored = [];
    header.forEach(function (name, k) {
      var key = normalise(name);
      if (expected.indexOf(key) === -1) { if (name) ignored.push(name); return; }
      if (position[key] !== undefined) problem(t("err_duplicate_column", { column: key }));
      else position[key] = k;
    });
    expected.forEach(function (name) {
      if (position[name] === undefined) problem(t("err_missing_column", { column: name }));
    });
    if (problems.length) return fail();

    var n = 0;
    for (var r = 1; r < records.length; r++) if (!blank(records[r])) n++;
    if (!n) { problem(t("err_no_rows")); return fail(); }

    var maps = lookups(questions);
    var own = questions.map(function (q) { return q.ownValues ? { keys: [], labels: [] } : null; });  // values found in the file
    var codes = questions.map(function (q) { return q.kind === "many" ? new Uint32Array(n) : new Uint8Array(n); });
    var caches = questions.map(function () { return new Map(); });
    var months = new Int32Array(n);
    var dateCache = new Map();
    var width = header.length, datePos = position[data.date.id], row = 0;
    var sepName = sep === "\t" ? "tabulator" : "'" + sep + "'";

    for (r = 1; r < records.length; r++) {
      var rec = records[r], rowNo = r + 1;
      if (blank(rec)) continue;
      if (rec.length < width) {
        problem(t("err_field_count", { row: rowNo, found: rec.length, expected: width, column: header[rec.length], sep: sepName }));
        row++;
        continue;
      }
      if (rec.length > width && rec.slice(width).some(function (v) { return v.trim() !== ""; })) {
        problem(t("err_field_count_more", { row: rowNo, found: rec.length, expected: width, sep: sepName }));
        row++;
        continue;
      }
      var raw = rec[datePos].trim();
      if (!raw) months[row] = -1;
      else {
        var month = dateCache.get(raw);
        if (month === undefined) {
          var date = parseDate(raw);
          month = date ? date.month : null;
          dateCache.set(raw, month);
        }
        if (month === null) problem(t("err_date", { row: rowNo, column: data.date.id, value: shorten(raw) }));
        else months[row] = month;
      }
      for (var qi = 0; qi < questions.length; qi++) {
        var q = questions[qi], value = rec[position[q.id]], cached = caches[qi].get(value);
        if (cached !== undefined) { codes[qi][row] = cached; continue; }
        var code = q.kind === "many" ? readMany(q, maps[qi], value) : readOne(q, maps[qi], own[qi], value);
        if (typeof code === "number") {
          caches[qi].set(value, code);
          codes[qi][row] = code;
        } else {
          if (code.kind === "too_many") {
            problem(t("err_too_many_values", { column: q.id, max: MAX_OWN_VALUES }));
            return fail();
          }
          problem(t(code.kind === "many_in_one" ? "err_many_in_one" : "err_unknown_value",
            { row: rowNo, column: q.id, value: shorten(code.value), allowed: allowed(q) }));
        }
      }
      row++;
    }
    if (problems.length) return fail();
    return { n: n, codes: codes, months: months, own: own, ignored: ignored };
  }

  function blank(record) {
    for (var i = 0; i < record.length; i++) if (record[i].trim() !== "") return false;
    return true;
  }

  function allowed(q) {
    return q.options.map(function (o) { return o.label; }).join(", ");
  }

  function readOne(q, map, own, value) {
    var v = value.trim();
    if (!v) return 0;
    var key = normalise(v), code = map.get(key);
    if (code !== undefined) return code;
    if (own) {
      var k = own.keys.indexOf(key);
      if (k === -1) {
        if (own.keys.length >= MAX_OWN_VALUES) return { kind: "too_many" };
        own.keys.push(key);
        own.labels.push(v);
        k = own.keys.length - 1;
      }
      return q.options.length + k + 1;
    }
    var parts = v.split("|");
    if (parts.length > 1 && parts.every(function (p) { return map.has(normalise(p)); })) return { kind: "many_in_one", value: v };
    return { kind: "unknown", value: v };
  }

  function readMany(q, map, value) {
    var mask = 0, parts = value.split("|");
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i].trim();
      if (!p) continue;
      var code = map.get(normalise(p));
      if (code === undefined) return { kind: "unknown", value: p };
      mask |= 1 << (code - 1);
    }
    return mask >>> 0;
  }

  /* --- counting ----------------------------------------------------------------------------------------------- */
  /* The categories of a question in this file: its options, then (for a question with the municipality's own values)
   * the values found, and "not answered". */
  function categories(data, answers, qi) {
    var q = data.questions[qi], list = [];
    var present = q.ownValues ? presentCodes(answers.codes[qi]) : null;
    q.options.forEach(function (o, k) {
      if (!present || present[k + 1]) list.push({ code: k + 1, id: o.id, label: o.label });
    });
    if (answers.own[qi]) {
      answers.own[qi].labels.forEach(function (label, k) {
        list.push({ code: q.options.length + k + 1, id: "egen-" + (k + 1), label: label });
      });
    }
    return list;
  }

  function presentCodes(column) {
    var seen = {};
    for (var i = 0; i < column.length; i++) seen[column[i]] = true;
    return seen;
  }

  /* Which rows the filters keep: one-answer filters as a table of allowed codes, many-answer filters as a bit mask
   * (a row passes when it chose any of the ticked options), the time filter as a range of months. */
  function selectRows(data, answers, filters) {
    var keep = new Uint8Array(answers.n), n = 0;
    var active = [];
    data.questions.forEach(function (q, qi) {
      var chosen = filters.questions[q.id];
      if (!chosen || !chosen.length) return;
      if (q.kind === "many") {
        var mask = 0;
        chosen.forEach(function (code) { mask |= 1 << (code - 1); });
        active.push({ column: answers.codes[qi], mask: mask >>> 0 });
      } else {
        var table = new Uint8Array(256);
        chosen.forEach(function (code) { table[code] = 1; });
        active.push({ column: answers.codes[qi], table: table });
      }
    });
    var from = filters.from, to = filters.to, timed = filters.timed, months = answers.months;
    for (var i = 0; i < answers.n; i++) {
      if (timed && (months[i] < from || months[i] > to)) continue;
      var ok = true;
      for (var a = 0; a < active.length && ok; a++) {
        var f = active[a];
        ok = f.table ? f.table[f.column[i]] === 1 : (f.column[i] & f.mask) !== 0;
      }
      if (ok) { keep[i] = 1; n++; }
    }
    return { keep: keep, n: n };
  }

  function countQuestion(q, column, keep, size) {
    var counts = new Float64Array(size + 1);  // index 0: not answered
    for (var i = 0; i < column.length; i++) {
      if (!keep[i]) continue;
      var v = column[i];
      if (q.kind === "many") {
        if (v === 0) counts[0]++;
        while (v) {
          var low = v & -v;
          counts[31 - Math.clz32(low) + 1]++;
          v ^= low;
        }
      } else counts[v]++;
    }
    return counts;
  }

  /* Small numbers: a count below minCell is "small" (shown as "<5", no share). Where the cells add up to the total
   * shown (one answer per respondent), a single small cell could be worked out from the others, so the smallest
   * other cell is hidden too. */
  function suppress(counts, minCell, partition) {
    var state = counts.map(function (c) { return c < minCell ? "small" : "shown"; });
    if (partition && state.filter(function (s) { return s === "small"; }).length === 1) {
      var best = -1;
      state.forEach(function (s, k) { if (s === "shown" && (best === -1 || counts[k] < counts[best])) best = k; });
      if (best !== -1) state[best] = "hidden";
    }
    return state;
  }

  /* --- the page ----------------------------------------------------------------------------------------------- */
  function setup() {
    var root = document.querySelector("[data-nb-eng]");
    var dataNode = root && root.querySelector("script[data-nb-eng-data]");
    if (!root || !dataNode || root.dataset.ready) return;
    root.dataset.ready = "1";
    root.hidden = false;
    var data = JSON.parse(dataNode.textContent);
    var t = function (key, values) { return fill(data.texts[key], values); };
    var minCell = data.minCell;
    var fileInput = root.querySelector("[data-nb-eng-file]");
    var drop = root.querySelector("[data-nb-eng-drop]");
    var sampleButton = root.querySelector("[data-nb-eng-sample]");
    var sampleLink = document.getElementById("nb-eng-sample-link");
    var status = root.querySelector("[data-nb-eng-status]");
    var errorBox = root.querySelector("[data-nb-eng-error]");
    var output = root.querySelector("[data-nb-eng-output]");
    var filtersBox = root.querySelector("[data-nb-eng-filters]");
    var summary = root.querySelector("[data-nb-eng-summary]");
    var charts = root.querySelector("[data-nb-eng-charts]");
    var loaded = null;   // { answers, name, cats, monthRange }
    var started = 0;

    root.dataset.state = "empty";

    function clear() {
      loaded = null;
      output.hidden = true;
      filtersBox.textContent = "";
      charts.textContent = "";
      summary.textContent = "";
      errorBox.textContent = "";
      status.textContent = "";
    }

    function showProblems(problems, more) {
      clear();
      errorBox.appendChild(el("p", {}, el("strong", { text: t("err_heading") })));
      errorBox.appendChild(el("ul", {}, problems.map(function (p) { return el("li", { text: p }); })));
      if (more) errorBox.appendChild(el("p", { text: t("err_more", { count: more }) }));
      root.dataset.state = "error";
      done();
    }

    function done() {
      var elapsed = performance.now() - started;
      requestAnimationFrame(function () {
        root.dataset.ms = (performance.now() - started).toFixed(1);
        root.dataset.msDom = elapsed.toFixed(1);
        root.dispatchEvent(new CustomEvent("nb-eng-shown", { detail: { state: root.dataset.state } }));
      });
    }

    /* Bytes of a file → the result or the problems. Synchronous, so it can be timed as one step. */
    function processBytes(bytes, name) {
      if (!started) started = performance.now();
      var text = decode(bytes);
      if (text === null) {
        var what = { xlsx: "en Excel-projektmappe (.xlsx)", xls: "en ældre Excel-fil (.xls)" }[sniffBinary(bytes)] || "en binær fil";
        return showProblems([t("err_binary", { kind: what })], 0);
      }
      var answers = readAnswers(data, text);
      if (answers.problems) return showProblems(answers.problems, answers.more);
      clear();
      loaded = { answers: answers, name: name, cats: data.questions.map(function (q, qi) { return categories(data, answers, qi); }),
        blanks: answers.codes.map(function (column) { return column.indexOf(0) !== -1; }),
        undated: answers.months.indexOf(-1) !== -1, monthRange: monthRange(answers.months) };
      buildFilters();
      output.hidden = false;
      status.textContent = t("msg_loaded", { total: answers.n, file: name }) + " " + refresh();
      root.dataset.state = "result";
      done();
    }

    function monthRange(months) {
      var lo = Infinity, hi = -Infinity;
      for (var i = 0; i < months.length; i++) {
        if (months[i] < 0) continue;
        if (months[i] < lo) lo = months[i];
        if (months[i] > hi) hi = months[i];
      }
      return lo === Infinity ? null : { from: lo, to: hi };
    }

    function startReading(name) {
      started = performance.now();
      clear();
      root.dataset.state = "loading";
      status.textContent = t("msg_loading", { file: name });
    }

    function readFile(file) {
      if (!file) return;
      startReading(file.name);
      if (file.size > MAX_MB * 1024 * 1024) {
        return showProblems([t("err_too_big", { size: Math.round(file.size / 1048576), max: MAX_MB })], 0);
      }
      var reader = new FileReader();
      reader.onload = function () { processBytes(new Uint8Array(reader.result), file.name); };
      reader.onerror = function () { showProblems([t("err_read", { reason: String(reader.error && reader.error.message || "") })], 0); };
      reader.readAsArrayBuffer(file);
    }

    fileInput.addEventListener("change", function () {
      var file = fileInput.files[0];
      fileInput.value = "";  // so that choosing the same file again, after fixing it, reads it again
      readFile(file);
    });

    drop.addEventListener("dragover", function (e) {
      if (!e.dataTransfer || Array.prototype.indexOf.call(e.dataTransfer.types, "Files") === -1) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      drop.classList.add("nb-eng__drop--over");
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("nb-eng__drop--over"); });
    drop.addEventListener("drop", function (e) {
      drop.classList.remove("nb-eng__drop--over");
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      e.preventDefault();
      readFile(e.dataTransfer.files[0]);
    });
    // A file dropped beside the field would make the browser leave the page and open it instead.
    ["dragover", "drop"].forEach(function (type) {
      window.addEventListener(type, function (e) {
        if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") !== -1 && !drop.contains(e.target)) {
          e.preventDefault();
        }
      });
    });

    if (sampleLink) {
      sampleButton.addEventListener("click", function () {
        var url = new URL(sampleLink.getAttribute("href"), window.location.href);
        if (url.origin !== window.location.origin) return;
        var name = sampleLink.getAttribute("download") || url.pathname.split("/").pop();
        startReading(name);
        fetch(url.href, { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.arrayBuffer(); })
          .then(function (buffer) { processBytes(new Uint8Array(buffer), name); })
          .catch(function (e) { showProblems([t("err_read", { reason: e.message })], 0); });
      });
    } else sampleButton.hidden = true;

    /* --- filters ---------------------------------------------------------------------------------------------- */
    function buildFilters() {
      var form = el("form", { class: "nb-eng-filters", "aria-labelledby": "nb-eng-filters-title" });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.appendChild(el("h3", { id: "nb-eng-filters-title", text: t("filters_heading") }));
      var groups = el("div", { class: "nb-eng-filters__groups" });
      data.questions.forEach(function (q, qi) {
        if (!q.filter) return;
        var set = el("fieldset", { class: "nb-eng-filters__group", "data-filter": q.id });
        set.appendChild(el("legend", { text: q.short }));
        loaded.cats[qi].forEach(function (c) {
          var id = "nb-eng-f-" + q.id + "-" + c.code;
          set.appendChild(el("div", { class: "nb-eng-filters__option" }, [
            el("input", { type: "checkbox", id: id, name: q.id, value: String(c.code), "data-option": c.id }),
            el("label", { for: id, text: c.label })]));
        });
        groups.appendChild(set);
      });
      var range = loaded.monthRange;
      if (range) {
        var time = el("fieldset", { class: "nb-eng-filters__group", "data-filter": data.date.id });
        time.appendChild(el("legend", { text: data.date.label }));
        [["from", t("from_month"), range.from], ["to", t("to_month"), range.to]].forEach(function (part) {
          var select = el("select", { id: "nb-eng-f-" + part[0], name: part[0] });
          for (var m = range.from; m <= range.to; m++) {
            select.appendChild(el("option", { value: String(m), text: monthLabel(m) }));
          }
          select.value = String(part[2]);
          time.appendChild(el("div", { class: "nb-eng-filters__field" }, [el("label", { for: select.id, text: part[1] }), select]));
        });
        groups.appendChild(time);
      }
      form.appendChild(groups);
      var actions = el("p", { class: "nb-eng-filters__actions" });
      var reset = el("button", { type: "button", class: "md-button", text: t("reset_filters") });
      reset.addEventListener("click", function () { setFilters({}); announce(); });
      actions.appendChild(reset);
      form.appendChild(actions);
      form.addEventListener("change", function () { announce(); });
      filtersBox.appendChild(form);
      buildExamples();
    }

    function buildExamples() {
      var usable = data.examples.filter(function (ex) {
        return Object.keys(ex.filters).every(function (qid) {
          return ex.filters[qid].every(function (oid) { return !!filtersBox.querySelector('[name="' + qid + '"][data-option="' + oid + '"]'); });
        });
      });
      if (!usable.length) return;
      var box = el("div", { class: "nb-eng-examples" }, el("h3", { text: t("examples_heading") }));
      var list = el("ul", {});
      usable.forEach(function (ex) {
        var button = el("button", { type: "button", class: "nb-eng-examples__button", text: ex.label });
        button.addEventListener("click", function () {
          setFilters(ex.filters);
          announce();
          var chart = document.getElementById("nb-eng-chart-" + ex.show);
          if (chart) { chart.scrollIntoView({ block: "start" }); chart.focus({ preventScroll: true }); }
        });
        list.appendChild(el("li", {}, button));
      });
      box.appendChild(list);
      filtersBox.appendChild(box);
    }

    function setFilters(chosen) {
      filtersBox.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = (chosen[box.name] || []).indexOf(box.getAttribute("data-option")) !== -1;
      });
      var range = loaded.monthRange;
      if (range) {
        document.getElementById("nb-eng-f-from").value = String(range.from);
        document.getElementById("nb-eng-f-to").value = String(range.to);
      }
    }

    function readFilters() {
      var filters = { questions: {}, timed: false, from: 0, to: 0 };
      filtersBox.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (filters.questions[box.name] = filters.questions[box.name] || []).push(Number(box.value));
      });
      var range = loaded.monthRange;
      if (range) {
        var from = Number(document.getElementById("nb-eng-f-from").value);
        var to = Number(document.getElementById("nb-eng-f-to").value);
        if (from > to) { var swap = from; from = to; to = swap; }
        filters.from = from;
        filters.to = to;
        filters.timed = from !== range.from || to !== range.to;
      }
      return filters;
    }

    function announce() { status.textContent = refresh(); }

    /* --- results ---------------------------------------------------------------------------------------------- */
    /* Count under the current filters and draw the charts; returns the sentence for the status line. */
    function refresh() {
      var filters = readFilters(), answers = loaded.answers;
      var selected = selectRows(data, answers, filters);
      var open = {};  // the tables a reader has opened stay open when the charts are drawn again
      charts.querySelectorAll("figure[data-chart] details[open]").forEach(function (d) { open[d.parentNode.id] = true; });
      charts.textContent = "";
      summary.textContent = "";
      var described = describeFilters(filters);
      var ignored = answers.ignored.length ? " " + t("msg_ignored_columns", { columns: answers.ignored.map(shorten).join(", ") }) : "";
      if (selected.n < minCell) {
        var few = t("msg_too_few", { min: minCell });
        summary.textContent = few + (described ? " " + described : "");
        return few;
      }
      var showing = t("msg_showing", { n: selected.n, total: answers.n });
      summary.textContent = showing + (described ? " " + described : "") + ignored;
      data.questions.forEach(function (q, qi) {
        var cats = loaded.cats[qi], size = q.options.length + (answers.own[qi] ? answers.own[qi].keys.length : 0);
        var counts = countQuestion(q, answers.codes[qi], selected.keep, size);
        var only = q.kind === "one" && filters.questions[q.id];
        var rows = cats.filter(function (c) { return !only || only.indexOf(c.code) !== -1; })
          .map(function (c) { return { label: c.label, count: counts[c.code] }; });
        if (!only && loaded.blanks[qi]) rows.push({ label: t("not_answered"), count: counts[0] });
        charts.appendChild(chart("nb-eng-chart-" + q.id, q.short, q.label, rows, selected.n, q.kind === "one"));
      });
      if (loaded.monthRange) charts.appendChild(timeChart(answers, selected, filters));
      Object.keys(open).forEach(function (id) {
        var figure = document.getElementById(id);
        if (figure) figure.querySelector("details").open = true;
      });
      return showing;
    }

    function timeChart(answers, selected, filters) {
      var range = loaded.monthRange, from = filters.timed ? filters.from : range.from, to = filters.timed ? filters.to : range.to;
      var counts = new Float64Array(to - from + 1), none = 0;
      for (var i = 0; i < answers.n; i++) {
        if (!selected.keep[i]) continue;
        var m = answers.months[i];
        if (m < 0) none++;
        else counts[m - from]++;
      }
      var rows = [];
      for (var k = 0; k < counts.length; k++) rows.push({ label: monthLabel(from + k), count: counts[k] });
      if (!filters.timed && loaded.undated) rows.push({ label: t("no_date"), count: none });
      return chart("nb-eng-chart-" + data.date.id, data.date.label, null, rows, selected.n, true);
    }

    function describeFilters(filters) {
      var parts = [];
      data.questions.forEach(function (q, qi) {
        var chosen = filters.questions[q.id];
        if (!chosen || !chosen.length) return;
        var labels = loaded.cats[qi].filter(function (c) { return chosen.indexOf(c.code) !== -1; }).map(function (c) { return c.label; });
        parts.push(q.short + ": " + labels.join(", "));
      });
      if (filters.timed) parts.push(data.date.label + ": " + monthLabel(filters.from) + "–" + monthLabel(filters.to));
      return parts.length ? t("filters_heading") + ": " + parts.join("; ") + "." : "";
    }

    function percent(count, n) { return Math.round(count / n * 100) + " %"; }

    /* One chart: a figure with SVG bars (share of the respondents shown) and the same numbers as a table. */
    function chart(id, title, question, rows, n, partition) {
      var state = suppress(rows.map(function (r) { return r.count; }), minCell, partition);
      var shown = rows.map(function (r, k) {
        if (state[k] === "small") return { count: "<" + minCell, share: "–", width: 0 };
        if (state[k] === "hidden") return { count: t("hidden_value"), share: "–", width: 0 };
        return { count: String(r.count), share: percent(r.count, n), width: r.count / n };
      });
      var figure = el("figure", { class: "nb-eng-chart", id: id, tabindex: "-1", "data-chart": id.replace("nb-eng-chart-", "") });
      figure.appendChild(el("figcaption", {}, [el("strong", { text: title }), " (N = " + n + ")",
        question && question !== title ? el("span", { class: "nb-eng-chart__question", text: question }) : null]));
      // As wide as the page allows, so the text keeps its size on a phone too.
      var rowHeight = 34, width = Math.max(300, Math.min(640, charts.clientWidth || 640)), valueSpace = 80;
      var scale = width - valueSpace;
      var image = svg("svg", { viewBox: "0 0 " + width + " " + (rows.length * rowHeight + 8), role: "img",
        "aria-labelledby": id + "-t " + id + "-d", class: "nb-eng-chart__svg" });
      image.appendChild(svg("title", { id: id + "-t" }, title));
      image.appendChild(svg("desc", { id: id + "-d" }, rows.map(function (r, k) {
        return r.label + ": " + shown[k].count + (shown[k].share !== "–" ? " (" + shown[k].share + ")" : "");
      }).join("; ")));
      rows.forEach(function (r, k) {
        var y = k * rowHeight + 14, w = Math.max(shown[k].width * scale, shown[k].width > 0 ? 1.5 : 0);
        image.appendChild(svg("text", { x: 0, y: y, class: "nb-eng-chart__label" }, r.label));
        if (w > 0) image.appendChild(svg("rect", { x: 0, y: y + 5, width: w.toFixed(1), height: 12, class: "nb-eng-chart__bar" }));
        else image.appendChild(svg("rect", { x: 0, y: y + 5, width: 3, height: 12, class: "nb-eng-chart__bar nb-eng-chart__bar--none" }));
        var label = state[k] === "shown" ? shown[k].count + " · " + shown[k].share : shown[k].count;
        image.appendChild(svg("text", { x: (Math.max(w, 3) + 6).toFixed(1), y: y + 15, class: "nb-eng-chart__value" }, label));
      });
      figure.appendChild(image);
      var body = el("tbody", {}, rows.map(function (r, k) {
        return el("tr", { "data-state": state[k] }, [el("th", { scope: "row", text: r.label }),
          el("td", { text: shown[k].count }), el("td", { text: shown[k].share })]);
      }));
      var table = el("table", { class: "nb-eng-chart__table" }, [el("caption", { text: title + " (N = " + n + ")" }),
        el("thead", {}, el("tr", {}, [el("th", { scope: "col", text: t("col_answer") }), el("th", { scope: "col", text: t("col_count") }),
          el("th", { scope: "col", text: t("col_share") })])), body]);
      figure.appendChild(el("details", { class: "nb-eng-chart__details" }, [el("summary", { text: t("show_table") }), table]));
      var notes = [];
      if (!partition && question) notes.push(t("many_note"));
      if (state.indexOf("small") !== -1) notes.push(t("suppressed_note", { min: minCell }));
      if (state.indexOf("hidden") !== -1) notes.push(t("hidden_note"));
      if (notes.length) figure.appendChild(el("p", { class: "nb-eng-chart__note", text: notes.join(" ") }));
      return figure;
    }

    /* --- printing --------------------------------------------------------------------------------------------- */
    var printDashboard = root.querySelector("[data-nb-eng-print-dashboard]");
    printDashboard.addEventListener("click", function () {
      document.documentElement.setAttribute("data-nb-eng-print", "dashboard");
      charts.querySelectorAll("details").forEach(function (d) { d.open = true; });
      window.print();
    });
    window.addEventListener("afterprint", function () { document.documentElement.removeAttribute("data-nb-eng-print"); });
  }

  /* The survey form: it is for printing, so nothing is submitted; a button prints it. */
  function setupForm() {
    var form = document.querySelector("[data-nb-eng-form]");
    if (!form) return;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var wrap = document.querySelector("[data-nb-eng-print-form-wrap]");
    var button = document.querySelector("[data-nb-eng-print-form]");
    if (wrap && button) {
      wrap.hidden = false;
      button.addEventListener("click", function () {
        document.documentElement.removeAttribute("data-nb-eng-print");
        window.print();
      });
    }
  }

  function start() { setupForm(); setup(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
