/* Formatvælgeren in the browser: reads the form, keeps the answers in the URL, ranks with
 * NybrudEngine (the same logic as generator/recommend.py) and writes an accessible result that
 * prints as a one-page brief. Without JavaScript the page shows a comparison table instead. */
(function () {
  "use strict";

  var FIT_LABEL = { passer: "Passer", delvist: "Passer delvist", "passer-ikke": "Passer ikke", ukendt: "Ikke besvaret" };
  var FIT_ICON = { passer: "✓", delvist: "~", "passer-ikke": "✗", ukendt: "–" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    children = children === undefined || children === null ? [] : [].concat(children);
    children.forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function setup() {
    var form = document.getElementById("nb-fv");
    var dataNode = document.querySelector("script[data-nb-fv-data]");
    if (!form || !dataNode || form.dataset.ready || !window.NybrudEngine) return;
    form.dataset.ready = "1";
    var data = JSON.parse(dataNode.textContent);
    var root = new URL("../", window.location.href);  // the page lives one level below the site root
    var status = document.querySelector("[data-nb-fv-status]");
    var result = document.querySelector("[data-nb-fv-result]");
    var questions = {};
    data.questions.forEach(function (q) { questions[q.id] = q; });

    function url(path) { return new URL(path, root).href; }
    function optionLabel(qid, id) {
      var q = questions[qid];
      var o = q && q.options.filter(function (x) { return x.id === id; })[0];
      return o ? o.label : (id === "ved-ikke" ? "Ved ikke" : id);
    }
    function formatTitle(id) { return data.formats.filter(function (f) { return f.id === id; })[0].title; }
    function formatLink(id) { return el("a", { href: url(data.urls.formats[id]), text: formatTitle(id) }); }

    function readAnswers() {
      var answers = {};
      data.questions.forEach(function (q) {
        var fields = form.querySelectorAll('[name="' + q.id + '"]');
        if (q.kind === "number") {
          var v = fields[0].value.trim();
          if (v !== "" && !isNaN(Number(v)) && Number(v) >= 0) answers[q.id] = Number(v);
        } else if (q.kind === "ranked") {
          var ranked = [];
          fields.forEach(function (s) { if (s.value && ranked.indexOf(s.value) === -1) ranked.push(s.value); });
          if (ranked.length) answers[q.id] = ranked;
        } else if (q.kind === "many") {
          var many = [];
          fields.forEach(function (c) { if (c.checked) many.push(c.value); });
          if (many.length) answers[q.id] = many;
        } else {
          fields.forEach(function (r) { if (r.checked) answers[q.id] = r.value; });
        }
      });
      return answers;
    }

    function writeAnswers(answers) {
      data.questions.forEach(function (q) {
        var value = answers[q.id];
        var fields = form.querySelectorAll('[name="' + q.id + '"]');
        if (q.kind === "number") fields[0].value = value === undefined ? "" : value;
        else if (q.kind === "ranked") fields.forEach(function (s, i) { s.value = (value || [])[i] || ""; });
        else fields.forEach(function (f) {
          f.checked = Array.isArray(value) ? value.indexOf(f.value) !== -1 : f.value === value;
        });
      });
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search), answers = {};
      data.questions.forEach(function (q) {
        var raw = params.get(q.id);
        if (raw === null || raw === "") return;
        if (q.kind === "number") { if (!isNaN(Number(raw))) answers[q.id] = Number(raw); }
        else if (q.kind === "many" || q.kind === "ranked") answers[q.id] = raw.split(",").filter(Boolean);
        else answers[q.id] = raw;
      });
      return answers;
    }

    function toUrl(answers) {
      var params = new URLSearchParams();
      data.questions.forEach(function (q) {
        var v = answers[q.id];
        if (v === undefined) return;
        params.set(q.id, Array.isArray(v) ? v.join(",") : String(v));
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function list(items, render, ordered) {
      return el(ordered ? "ol" : "ul", {}, items.map(function (x) { return el("li", {}, render(x)); }));
    }

    function situation(answers) {
      var rows = data.questions.filter(function (q) { return answers[q.id] !== undefined; }).map(function (q) {
        var v = answers[q.id];
        var text = q.kind === "number" ? v + " uger" :
          (Array.isArray(v) ? v.map(function (x) { return optionLabel(q.id, x); }).join(", ") : optionLabel(q.id, v));
        return [el("dt", { text: q.label }), el("dd", { text: text })];
      });
      if (!rows.length) return el("p", { text: "Ingen spørgsmål er besvaret endnu; alle formater vurderes neutralt." });
      var dl = el("dl", { class: "nb-fv__situation" });
      rows.forEach(function (r) { dl.appendChild(r[0]); dl.appendChild(r[1]); });
      return dl;
    }

    function render(answers) {
      var r = window.NybrudEngine.recommend(data, answers);
      result.textContent = "";
      result.hidden = false;
      result.appendChild(el("h2", { id: "resultat", tabindex: "-1", text: "Beslutningsoplæg: valg af format for borgerinddragelse" }));
      result.appendChild(el("h3", { text: "Situationen" }));
      result.appendChild(situation(answers));
      if (!r.gate.passed) {
        result.appendChild(el("h3", { text: "Anbefaling: informér i stedet for at inddrage" }));
        result.appendChild(el("p", { class: "nb-fv__gate", text: r.gate.message }));
        result.appendChild(el("h3", { text: "Principper om mandat og forventninger" }));
        result.appendChild(list(r.principles, function (p) { return el("a", { href: url(data.urls.principles[p]), text: data.titles.principles[p] }); }));
        status.textContent = "Formatvælgeren anbefaler at informere åbent i stedet for at inddrage borgerne.";
        return;
      }
      if (r.gate.message) result.appendChild(el("p", { class: "nb-fv__warning", text: r.gate.message }));
      result.appendChild(el("h3", { text: "Anbefalede formater" }));
      var ol = el("ol", { class: "nb-fv__recs" });
      r.recommendations.forEach(function (rec) {
        var reasons = el("ul", { class: "nb-fv__reasons" }, rec.reasons.map(function (x) {
          var label = x.question === "exclusion" ? "Sorteret fra" : (data.labels[x.question] || x.question);
          return el("li", { "data-fit": x.fit }, [
            el("span", { class: "nb-fv__icon", "aria-hidden": "true", text: FIT_ICON[x.fit] + " " }),
            el("strong", { text: FIT_LABEL[x.fit] + ": " }), label + " – " + x.text]);
        }));
        var duration = data.titles.formats_duration[rec.format];
        var f = data.formats.filter(function (x) { return x.id === rec.format; })[0];
        var resources = f.resources ? "Ressourcer: " + data.titles.resources[f.resources] + "." : "";
        ol.appendChild(el("li", {}, [
          el("h4", {}, [formatLink(rec.format), " ", el("span", { class: "nb-fv__score", text: rec.score + " af 100" })]),
          el("p", { class: "nb-fv__resources", text: [resources, duration ? "Varighed: " + duration : ""].filter(Boolean).join(" ") }),
          el("details", {}, [el("summary", { text: "Hvorfor" }), reasons])
        ]));
      });
      result.appendChild(ol);
      if (r.near_misses.length) {
        result.appendChild(el("h3", { text: "Tæt på" }));
        result.appendChild(list(r.near_misses, function (m) { return [formatLink(m.format), ": " + m.reason]; }));
      }
      if (r.sequence.length > 1) {
        result.appendChild(el("h3", { text: "Forslag til rækkefølge" }));
        result.appendChild(list(r.sequence, function (s) { return [data.titles.stages[s.stage] + ": ", formatLink(s.format)]; }, true));
      }
      result.appendChild(el("h3", { text: "Danske cases at lære af" }));
      result.appendChild(r.cases.length ? list(r.cases, function (c) {
        return [el("a", { href: url(data.urls.cases[c]), text: data.cases[c].title }), " (" + data.cases[c].municipality + ")"];
      }) : el("p", { text: "Vidensbasen har endnu ingen sammenlignelige cases." }));
      result.appendChild(el("h3", { text: "Principper at tjekke" }));
      result.appendChild(list(r.principles, function (p) { return el("a", { href: url(data.urls.principles[p]), text: data.titles.principles[p] }); }));
      if (r.risks.length) {
        result.appendChild(el("h3", { text: "Risici at planlægge for" }));
        result.appendChild(list(r.risks, function (b) {
          return [el("a", { href: url(data.urls.barriers) + "#" + b, text: data.titles.barriers[b] }),
            data.barriers[b] ? " (nævnt af " + data.barriers[b] + " % af kommunaldirektørerne)" : ""];
        }));
      }
      var names = r.recommendations.map(function (x) { return formatTitle(x.format); });
      status.textContent = "Formatvælgeren anbefaler " + (names.length > 1 ? names.slice(0, -1).join(", ") + " og " + names[names.length - 1] : names[0]) + ".";
    }

    function update() {
      var answers = readAnswers();
      toUrl(answers);
      render(answers);
    }

    document.querySelectorAll(".nb-fv-nojs").forEach(function (n) { n.hidden = true; });
    form.hidden = false;
    writeAnswers(fromUrl());
    render(readAnswers());
    form.addEventListener("change", update);
    form.addEventListener("input", function (e) { if (e.target.type === "number") update(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    form.querySelector("[data-nb-print]").addEventListener("click", function () { window.print(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
