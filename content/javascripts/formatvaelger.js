/* Formatvælgeren in the browser: reads the form, keeps the answers in the URL, asks NybrudEngine (the same logic as
 * generator/recommend.py) for advice and writes it as an accessible result that prints as a brief for the mayor.
 * Every text comes from the page's data (decision/formatvaelger.yml); without JavaScript the page shows a comparison
 * table instead. */
(function () {
  "use strict";

  var ICON = { passer: "✓", delvist: "~", "passer-ikke": "✗", ukendt: "–" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    [].concat(children === undefined || children === null ? [] : children).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function setup() {
    var form = document.querySelector("form[data-nb-fv]");
    var dataNode = document.querySelector("script[data-nb-fv-data]");
    if (!form || !dataNode || form.dataset.ready || !window.NybrudEngine) return;
    form.dataset.ready = "1";
    var E = window.NybrudEngine;
    var data = JSON.parse(dataNode.textContent);
    data.cases = null;  // loaded from cases.json when a result first needs them
    var casesUrl = new URL(dataNode.getAttribute("data-cases"), window.location.href).href;
    var root = new URL("../", window.location.href);  // the page lives one level below the site root
    var status = document.querySelector("[data-nb-fv-status]");
    var result = document.querySelector("[data-nb-fv-result]");
    var jump = document.querySelector("[data-nb-fv-jump]");
    var notice = "";
    var questions = {};
    data.questions.forEach(function (q) { questions[q.id] = q; });

    function t(key, values) { return E.text(data, key, values); }
    function url(path) { return new URL(path, root).href; }
    function formatTitle(id) { return data.labels.formats[id] || id; }
    function formatLink(id) { return el("a", { href: url(data.urls.formats[id]), text: formatTitle(id) }); }
    function optionLabel(qid, id) {
      if (id === "ved-ikke") return t("ui_unknown");
      var q = questions[qid];
      var vocab = { purposes: "purposes", participants: "participant-groups", stage: "stages", policy_areas: "policy-areas",
        influence: "influence-levels" }[qid];
      if (vocab && data.labels[vocab][id]) return data.labels[vocab][id];
      if (qid === "existing_bodies") return formatTitle(id);
      if (qid === "legal_duties") {
        var d = data.duties.filter(function (x) { return x.id === id; })[0];
        if (d) return d.label;
      }
      return (data.labels.options[qid] || {})[id] || id;
    }
    function fields(name) { return Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]')); }

    /* --- answers: form, URL ------------------------------------------------------------------------------------ */
    function readAnswers() {
      var answers = {};
      data.questions.forEach(function (q) {
        var f = fields(q.id);
        if (!f.length) return;
        if (q.kind === "number") {
          var v = f[0].value.trim();
          if (v !== "" && isFinite(Number(v))) answers[q.id] = Number(v);
        } else if (q.kind === "ranked") {
          var ranked = [];
          f.forEach(function (s) { if (s.value && ranked.indexOf(s.value) === -1) ranked.push(s.value); });
          if (ranked.length) answers[q.id] = ranked;
        } else if (q.kind === "many") {
          var many = f.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
          if (many.length) answers[q.id] = many;
        } else {
          f.forEach(function (r) { if (r.checked) answers[q.id] = r.value; });
        }
      });
      var priorities = {}, changed = false;
      data.dimensions.forEach(function (d) {
        var s = form.querySelector('[data-dimension="' + d.id + '"]');
        var v = s ? Number(s.value) : d["default"];
        if (v !== d["default"]) changed = true;
        priorities[d.id] = v;
      });
      if (changed) answers.priorities = priorities;
      return answers;
    }

    function writeAnswers(answers) {
      data.questions.forEach(function (q) {
        var value = answers[q.id], f = fields(q.id);
        if (q.kind === "number") { if (f[0]) f[0].value = value === undefined ? "" : value; }
        else if (q.kind === "ranked") f.forEach(function (s, i) { s.value = (value || [])[i] || ""; });
        else f.forEach(function (x) { x.checked = Array.isArray(value) ? value.indexOf(x.value) !== -1 : x.value === value; });
      });
      data.dimensions.forEach(function (d) {
        var s = form.querySelector('[data-dimension="' + d.id + '"]');
        if (s) s.value = String(answers.priorities && answers.priorities[d.id] !== undefined ? answers.priorities[d.id] : d["default"]);
      });
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search), answers = {};
      data.questions.forEach(function (q) {
        var raw = params.get(q.id);
        if (raw === null || raw === "") return;
        if (q.kind === "number") answers[q.id] = isFinite(Number(raw)) ? Number(raw) : raw;
        else if (q.kind === "many" || q.kind === "ranked") answers[q.id] = raw.split(",").filter(Boolean);
        else answers[q.id] = raw;
      });
      var prio = params.get("priorities");
      if (prio) {
        answers.priorities = {};
        prio.split(",").forEach(function (pair) {
          var bits = pair.split(":");
          answers.priorities[bits[0]] = Number(bits[1]);
        });
      }
      var problems = E.checkAnswers(data, answers);
      notice = problems.length ? t("ui_url_problems", { problems: problems.map(function (p) { return p.text; }).join("; ") }) : "";
      return E.clean(data, answers);
    }

    function query(answers) {
      var params = new URLSearchParams();
      data.questions.forEach(function (q) {
        var v = answers[q.id];
        if (v !== undefined) params.set(q.id, Array.isArray(v) ? v.join(",") : String(v));
      });
      if (answers.priorities) {
        params.set("priorities", Object.keys(answers.priorities).map(function (k) { return k + ":" + answers.priorities[k]; }).join(","));
      }
      return params.toString();
    }
    function toUrl(answers) {
      var q = query(answers);
      window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    }
    function shareUrl() { return window.location.href.split("#")[0]; }

    /* --- the result -------------------------------------------------------------------------------------------- */
    function list(items, render, ordered, cls) {
      return el(ordered ? "ol" : "ul", cls ? { "class": cls } : {}, items.map(function (x) { return el("li", {}, render(x)); }));
    }
    function section(title, content, cls) {
      return el("section", { "class": "nb-fv__part" + (cls ? " " + cls : "") }, [el("h3", { text: title })].concat(content));
    }

    function situation(answers) {
      var dl = el("dl", { "class": "nb-fv__situation" });
      data.questions.forEach(function (q) {
        var v = answers[q.id];
        if (v === undefined) return;
        var shown = q.kind === "number" ? t("ui_weeks", { weeks: E.num(v) }) :
          (Array.isArray(v) ? v.map(function (x) { return optionLabel(q.id, x); }).join(", ") : optionLabel(q.id, v));
        dl.appendChild(el("dt", { text: q.label }));
        dl.appendChild(el("dd", { text: shown }));
      });
      if (answers.priorities) {
        var changed = data.dimensions.filter(function (d) { return answers.priorities[d.id] !== d["default"]; });
        if (changed.length) {
          dl.appendChild(el("dt", { text: t("ui_priorities") }));
          dl.appendChild(el("dd", { text: changed.map(function (d) { return d.label + ": " + answers.priorities[d.id]; }).join(", ") }));
        }
      }
      return dl;
    }

    function reasonItem(x) {
      var label = x.question === "exclusion" ? "" : (questions[x.question] ? questions[x.question].label : x.question);
      return el("li", { "data-fit": x.fit }, [
        el("span", { "class": "nb-fv__icon", "aria-hidden": "true", text: ICON[x.fit] + " " }),
        el("strong", { text: t("ui_fit_" + x.fit.replace("-", "_")) + ": " }), label + " – " + x.text]);
    }

    function formatBlock(rec, role, extra) {
      var title = el("h4", {}, [el("span", { "class": "nb-fv__role", text: role + ": " }), formatLink(rec.format)]);
      var parts = [title, el("p", { "class": "nb-fv__summary", text: data.titles.formats_summary[rec.format] || "" })];
      if (extra) parts = parts.concat(extra);
      if (rec.score !== undefined) {
        parts.push(el("p", { "class": "nb-fv__score", text: t("ui_score", { score: rec.score, band: t("band_" + rec.band), basis: rec.basis }) }));
      }
      if (rec.tie) parts.push(el("p", { "class": "nb-fv__tie", text: rec.tie }));
      if (rec.caveats && rec.caveats.length) {
        parts.push(el("div", { "class": "nb-fv__caveats" }, [el("strong", { text: t("ui_caveats") }),
          list(rec.caveats, function (c) { return (questions[c.question] ? questions[c.question].label + " – " : "") + c.text; })]));
      }
      if (rec.reasons) {
        parts.push(el("details", { "class": "nb-fv__why" }, [el("summary", { text: t("ui_why") }),
          el("ul", { "class": "nb-fv__reasons" }, rec.reasons.map(reasonItem))]));
      }
      return el("li", { "class": "nb-fv__format" }, parts);
    }

    function qrCode(link) {
      if (typeof window.qrcode !== "function") return null;
      var qr = window.qrcode(0, "M");
      qr.addData(link, "Byte");
      qr.make();
      var n = qr.getModuleCount(), size = n + 8, path = "";
      for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) if (qr.isDark(r, c)) path += "M" + (c + 4) + " " + (r + 4) + "h1v1h-1z";
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 " + size + " " + size);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", t("ui_qr_label"));
      svg.setAttribute("class", "nb-fv__qr");
      svg.setAttribute("data-modules", String(n));
      svg.setAttribute("shape-rendering", "crispEdges");
      var bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      bg.setAttribute("width", String(size));
      bg.setAttribute("height", String(size));
      bg.setAttribute("fill", "#fff");
      var fg = document.createElementNS("http://www.w3.org/2000/svg", "path");
      fg.setAttribute("d", path);
      fg.setAttribute("fill", "#000");
      svg.appendChild(bg);
      svg.appendChild(fg);
      return svg;
    }

    function render(answers) {
      var r = E.recommend(data.cases === null ? Object.assign({}, data, { cases: {} }) : data, answers);
      result.textContent = "";
      result.hidden = false;
      result.appendChild(el("h2", { id: "fv:result-title", text: t("ui_brief_title") }));
      if (notice) result.appendChild(el("p", { "class": "nb-fv__warning", text: notice }));
      if (r.empty) {
        result.appendChild(el("p", { "class": "nb-fv__empty", text: r.message }));
        result.classList.add("nb-fv__result--empty");
        status.textContent = t("ui_status_empty");
        jump.hidden = true;
        return;
      }
      result.classList.remove("nb-fv__result--empty");
      jump.hidden = false;
      if (data.cases === null && r.gate.passed) loadCases();
      result.appendChild(section(t("ui_situation"), [situation(answers)], "nb-fv__part--situation"));

      if (r.gate.warnings.length) {
        result.appendChild(section(t("ui_warnings_heading"), [list(r.gate.warnings, function (w) { return w; }, false, "nb-fv__warnings")], "nb-fv__part--warn"));
      }
      if (r.statutory.length || r.duty_hints.length) {
        var duties = r.statutory.map(function (d) {
          return el("li", {}, [el("strong", { text: d.label + ". " }), t("ui_duty_minimum") + " " + d.minimum + " ", t("ui_duty_add") + " " + d.add + " ",
            el("span", { "class": "nb-fv__source" }, [t("ui_duty_source") + " "].concat(d.sources.map(function (s, i) {
              return el("span", {}, [i ? "; " : "", el("a", { href: url(data.urls.sources[s.source]), text: data.titles.sources[s.source] }), ", " + s.section]);
            })))]);
        });
        var block = [el("ul", {}, duties)];
        if (r.duty_hints.length) block.push(list(r.duty_hints, function (h) { return h.text; }, false, "nb-fv__hints"));
        result.appendChild(section(t("ui_statutory_heading"), block));
      }
      if (!r.gate.passed) {
        result.appendChild(section(r.gate.route === "information" ? t("ui_inform_heading") : t("ui_stop_heading"), [
          el("p", { "class": "nb-fv__gate", text: r.gate.message })].concat(r.information_plan ? [list(r.information_plan, function (s) { return s; }, true)] : [])));
        result.appendChild(section(t("ui_principles_heading"), [principleList(r.principles)]));
        status.textContent = r.gate.route === "information" ? t("ui_status_inform") : t("ui_status_stop");
        footer(r);
        return;
      }
      if (r.message) result.appendChild(el("p", { "class": "nb-fv__warning", text: r.message }));
      if (r.process) {
        var core = r.recommendations.filter(function (x) { return x.format === r.process.core; })[0];
        var items = [formatBlock(core, t("ui_core"))];
        r.process.supplements.forEach(function (s) {
          items.push(formatBlock({ format: s.format }, t("ui_supplement"), [el("p", { text: s.covers.join("; ") + (s.lower_promise ? " – " + s.lower_promise : "") + "." })]));
        });
        result.appendChild(section(t("ui_process_heading"), [el("ol", { "class": "nb-fv__recs" }, items)]));
      }
      var others = r.recommendations.filter(function (x) { return !r.process || x.format !== r.process.core; });
      if (others.length) {
        result.appendChild(section(t("ui_alternatives_heading"), [el("ol", { "class": "nb-fv__recs" }, others.map(function (x) { return formatBlock(x, t("ui_alternative")); }))]));
      }
      if (r.near_misses.length) {
        result.appendChild(section(t("ui_near_heading"), [list(r.near_misses, function (m) {
          var bits = [formatLink(m.format), " – " + m.reasons.join("; ") + "."];
          if (m.unlock.length) bits.push(el("span", { "class": "nb-fv__unlock" }, [" " + t("ui_unlock") + " " + m.unlock.join(" " + t("and") + " ") + "."]));
          return bits;
        }, false, "nb-fv__near")]));
      }
      if (r.sequence.length) {
        var steps = list(r.sequence, function (s) {
          var text = t("ui_step", { start: s.start + 1, end: s.start + s.weeks, stage: data.labels.stages[s.stage] || s.stage, role: t("ui_role_" + s.role) });
          return [text + " ", formatLink(s.format), s.parallel ? " (" + t("ui_parallel", { format: formatTitle(s.parallel) }) + ")" : ""];
        }, true);
        var seq = [steps, el("p", { text: t("ui_sequence_total", { weeks: r.sequence_plan.weeks }) })];
        if (r.sequence_plan.note) seq.push(el("p", { "class": "nb-fv__warning", text: r.sequence_plan.note }));
        result.appendChild(section(t("ui_sequence_heading"), seq));
      }
      if (r.effort) result.appendChild(section(t("ui_effort_heading"), [el("p", { text: r.effort.text })]));
      if (data.cases === null) result.appendChild(section(t("ui_cases_heading"), [el("p", { text: t("ui_loading_cases") })]));
      else {
        result.appendChild(section(t("ui_cases_heading"), [r.cases.length ? list(r.cases, function (c) {
          var x = data.cases[c["case"]];
          return [el("a", { href: url(x.url), text: x.title }), " (" + x.municipality + ", " + x.start + ")"];
        }) : el("p", { text: r.cases_message })]));
      }
      if (r.risks.length) {
        result.appendChild(section(t("ui_risks_heading"), [list(r.risks, function (b) {
          return [el("a", { href: url(data.urls.barriers) + "#" + b, text: data.labels.barriers[b] }),
            data.barriers[b] ? " (" + t("ui_risk_share", { percent: E.num(data.barriers[b]) }) + ")" : ""];
        })]));
      }
      result.appendChild(section(t("ui_principles_heading"), [principleList(r.principles)]));
      if (r.follow_up) {
        result.appendChild(section(t("ui_followup_heading"), [
          el("p", {}, [el("strong", { text: t("ui_followup_answer") + " " }), r.follow_up.answer]),
          el("p", {}, [el("strong", { text: t("ui_followup_footprint") + " " }), r.follow_up.footprint]),
          el("p", {}, [el("strong", { text: t("ui_followup_indicators") })]), list(r.follow_up.indicators, function (i) { return i; })]));
      }
      var supplements = r.process ? r.process.supplements.map(function (s) { return formatTitle(s.format); }) : [];
      status.textContent = r.process ? t("ui_status_result", { core: formatTitle(r.process.core),
        rest: supplements.length ? " " + t("ui_status_supplements", { names: supplements.join(" " + t("and") + " ") }) : "" }) : t("ui_status_nothing");
      footer(r);
    }

    function principleList(ids) {
      return list(ids, function (p) { return el("a", { href: url(data.urls.principles[p]), text: data.titles.principles[p] }); });
    }

    function footer() {
      var link = shareUrl();
      var qr = qrCode(link);
      var date = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric" }).format(new Date());
      result.appendChild(el("footer", { "class": "nb-fv__brief-footer" }, [
        qr,
        el("p", {}, [t("ui_made", { date: date }) + " ", t("ui_link") + " ", el("a", { href: link, "class": "nb-fv__link", text: link })])]));
    }

    var loading = false;
    function loadCases() {
      if (loading) return;
      loading = true;
      window.fetch(casesUrl, { credentials: "same-origin" }).then(function (response) { return response.json(); })
        .then(function (cases) { data.cases = cases; refresh(); })
        .catch(function () { data.cases = {}; refresh(); });
    }

    function refresh() { render(E.clean(data, readAnswers())); }

    function update() {  // the user changed an answer: the URL follows, and a notice about the old URL goes
      var answers = readAnswers();
      notice = "";
      toUrl(answers);
      render(E.clean(data, answers));
    }

    document.querySelectorAll(".nb-fv-nojs").forEach(function (n) { n.hidden = true; });
    form.hidden = false;
    document.querySelector("[data-nb-fv-layout]").classList.add("nb-fv-layout--ready");
    var initial = fromUrl();
    writeAnswers(initial);
    render(initial);
    form.addEventListener("change", update);
    form.addEventListener("input", function (e) { if (e.target.type === "number") update(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    jump.addEventListener("click", function (e) {
      e.preventDefault();
      result.scrollIntoView({ behavior: "auto", block: "start" });
      result.focus({ preventScroll: true });
    });
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.slice.call(result.querySelectorAll("details:not([open])"));
      opened.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
    form.querySelector("[data-nb-print]").addEventListener("click", function () { window.print(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
