/* Formatvælgeren's engine: the same logic as generator/recommend.py, step for step, on the same data. Rules,
 * limits and every text come from the data (decision/formatvaelger.yml and the formats); this file holds only the
 * logic. Works in the browser (window.NybrudEngine) and under Node (module.exports), so a test can run it on more
 * than a thousand answer sets and compare with Python. Keep the two in step: same order of operations,
 * Math.floor(x + 0.5) for rounding, complete sort keys, strings compared by code point. */
(function (root) {
  "use strict";

  var UNKNOWN = "ved-ikke", PRIORITIES = "priorities";
  var CRITERIA = ["purposes", "participants", "stage", "policy_areas", "conflict", "budget", "mode"];

  function has(list, x) { return list.indexOf(x) !== -1; }
  function codeCmp(a, b) {
    var x = Array.from(a), y = Array.from(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d < 0 ? -1 : 1;
    }
    return x.length === y.length ? 0 : (x.length < y.length ? -1 : 1);
  }
  function byKeys(keyOf) {  // a comparator from a key function returning an array of numbers and strings
    return function (p, q) {
      var a = keyOf(p), b = keyOf(q);
      for (var i = 0; i < a.length; i++) {
        var c = typeof a[i] === "string" ? codeCmp(a[i], b[i]) : (a[i] < b[i] ? -1 : (a[i] > b[i] ? 1 : 0));
        if (c) return c;
      }
      return 0;
    };
  }
  function sortedKeys(obj) { return Object.keys(obj).sort(codeCmp); }
  function isMap(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }

  function text(data, which, values) {
    var out = data.texts[which];
    Object.keys(values || {}).forEach(function (name) { out = out.split("{" + name + "}").join(String(values[name])); });
    return out;
  }
  function num(x) {
    var tenths = Math.floor(x * 10 + 0.5), whole = Math.floor(tenths / 10), rest = tenths - whole * 10;
    return rest === 0 ? String(whole) : String(whole) + "," + String(rest);
  }
  function names(data, vocabulary, ids) {
    var labels = ids.map(function (i) { return label(data, vocabulary, i); });
    if (labels.length <= 1) return labels.join("");
    return labels.slice(0, -1).join(", ") + " " + data.texts.and + " " + labels[labels.length - 1];
  }
  function label(data, vocabulary, id) {
    var l = data.labels[vocabulary][id];
    return (l === undefined ? id : l).toLowerCase();
  }
  function optionLabel(data, question, id) {
    var l = data.labels.options[question][id];
    return (l === undefined ? (id === undefined ? "" : id) : l).toLowerCase();
  }

  /* --- 1. answers --------------------------------------------------------------------------------------------- */
  function isNumber(v) { return typeof v === "number" && isFinite(v); }

  function shown(data, v) {
    if (typeof v === "boolean") return v ? "true" : "false";
    if (v === null) return "null";
    if (typeof v === "number") return text(data, "shown_number");
    return text(data, Array.isArray(v) ? "shown_list" : "shown_object");
  }

  function checkPriorities(data, value) {
    var dims = data.dimensions.map(function (d) { return d.id; }), top = data.limits.priority_max;
    var problem = { question: PRIORITIES, text: text(data, "error_priorities", { max: top, known: dims.join(", ") }) };
    if (value === null || value === undefined) return [];
    if (!isMap(value)) return [problem];
    var keys = sortedKeys(value);
    for (var i = 0; i < keys.length; i++) {
      var v = value[keys[i]];
      if (!has(dims, keys[i]) || !isNumber(v) || v !== Math.floor(v) || v < 0 || v > top) return [problem];
    }
    return [];
  }

  function checkAnswers(data, answers) {
    if (!isMap(answers)) return [{ question: "", text: text(data, "error_not_object") }];
    var questions = {};
    data.questions.forEach(function (q) { questions[q.id] = q; });
    var problems = [];
    sortedKeys(answers).forEach(function (key) {
      var value = answers[key];
      if (key === PRIORITIES) { problems = problems.concat(checkPriorities(data, value)); return; }
      var q = Object.prototype.hasOwnProperty.call(questions, key) ? questions[key] : null;
      if (!q) {
        problems.push({ question: key, text: text(data, "error_unknown_question", { key: key, known: Object.keys(questions).join(", ") }) });
        return;
      }
      if (value === null) return;
      var allowed = q.options.concat(q.unknown ? [UNKNOWN] : []);
      if (q.kind === "number") {
        if (!isNumber(value) || value < 0 || value > data.limits.max_weeks) {
          problems.push({ question: key, text: text(data, "error_number", { key: key, max: data.limits.max_weeks }) });
        }
        return;
      }
      if (q.kind === "one") {
        if (typeof value !== "string") problems.push({ question: key, text: text(data, "error_one", { key: key }) });
        else if (!has(allowed, value)) {
          problems.push({ question: key, text: text(data, "error_unknown_option", { key: key, value: value, known: allowed.join(", ") }) });
        }
        return;
      }
      if (!Array.isArray(value)) { problems.push({ question: key, text: text(data, "error_list", { key: key }) }); return; }
      var seen = [];
      value.forEach(function (item) {
        if (typeof item !== "string" || !has(allowed, item)) {
          problems.push({ question: key, text: text(data, "error_unknown_option", {
            key: key, value: typeof item === "string" ? item : shown(data, item), known: allowed.join(", ") }) });
        } else if (has(seen, item)) {
          problems.push({ question: key, text: text(data, "error_twice", { key: key, value: item }) });
        } else seen.push(item);
      });
      if (q.max && value.length > q.max) problems.push({ question: key, text: text(data, "error_too_many", { key: key, max: q.max }) });
    });
    return problems;
  }

  function clean(data, answers) {
    if (!isMap(answers)) answers = {};
    var out = {};
    data.questions.forEach(function (q) {
      var key = q.id, value = Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
      if (value === null || value === undefined) return;
      if (q.kind === "number") {
        if (isNumber(value) && value >= 0 && value <= data.limits.max_weeks) out[key] = Math.floor(value * 10 + 0.5) / 10;
      } else if (q.kind === "one") {
        if (typeof value === "string" && (has(q.options, value) || (value === UNKNOWN && q.unknown))) out[key] = value;
      } else if (Array.isArray(value)) {
        var items = [];
        value.forEach(function (item) { if (typeof item === "string" && has(q.options, item) && !has(items, item)) items.push(item); });
        if (q.max) items = items.slice(0, q.max);
        if (items.length) out[key] = items;
      }
    });
    var priorities = answers[PRIORITIES], chosen = {};
    data.dimensions.forEach(function (d) {
      chosen[d.id] = d["default"];
      if (isMap(priorities) && !checkPriorities(data, priorities).length && Object.prototype.hasOwnProperty.call(priorities, d.id)) {
        chosen[d.id] = priorities[d.id];
      }
    });
    out[PRIORITIES] = chosen;
    return out;
  }

  function answered(a, key) { return a[key] !== undefined && a[key] !== UNKNOWN; }

  /* --- 2. the gate -------------------------------------------------------------------------------------------- */
  function gate(data, a) {
    var conditions = [], warnings = [], stop = "";
    data.gate.conditions.forEach(function (c) {
      var value = a[c.question];
      var values = Array.isArray(value) ? value : (value === undefined ? [] : [value]);
      var status;
      if (values.some(function (v) { return has(c.stop, v); })) { status = "stop"; stop = stop || c.stop_text; }
      else if (values.some(function (v) { return has(c.warn, v); }) || has(values, UNKNOWN)) { status = "advarsel"; warnings.push(c.warn_text); }
      else if (values.some(function (v) { return has(c.ok, v); })) status = "ok";
      else { status = "ubesvaret"; if (c.missing_text) warnings.push(c.missing_text); }
      conditions.push({ question: c.question, label: c.label, status: status });
    });
    var route = "inddragelse";
    if (has(data.gate.inform_levels, a.influence)) { route = "information"; stop = stop || data.gate.message; }
    else if (stop) route = "stop";
    return { passed: route === "inddragelse", route: route, message: stop, warnings: warnings, conditions: conditions };
  }

  /* --- 3. statutory duties ------------------------------------------------------------------------------------ */
  function duties(data, a) {
    var chosen = a.legal_duties || [], areas = a.policy_areas || [];
    var named = data.duties.filter(function (d) { return has(chosen, d.id); });
    var hints = data.duties.filter(function (d) {
      return !has(chosen, d.id) && !has(chosen, "ingen") && d.hint_areas.some(function (x) { return has(areas, x); });
    }).map(function (d) {
      return { duty: d.id, text: text(data, "duty_hint", { duty: d.label.toLowerCase(),
        areas: names(data, "policy-areas", d.hint_areas.filter(function (x) { return has(areas, x); })) }) };
    });
    return [named.map(function (d) {
      return { duty: d.id, label: d.label, format: d.format, minimum: d.minimum, add: d.add, stage: d.when, weeks: d.weeks,
        sources: d.sources };
    }), hints];
  }

  /* --- 4. what makes a format impossible ---------------------------------------------------------------------- */
  function weeksNeeded(f, a) { return f.standing && has(a.existing_bodies || [], f.id) ? f.min_weeks_existing : f.min_weeks; }
  function level(order, value) { var i = order.indexOf(value); return i === -1 ? 0 : i; }

  function belowAll(data, f, wanted) {
    var order = data.order.influence;
    return f.influence.every(function (x) { return level(order, x) > level(order, wanted); });
  }
  function budgetGap(data, f, a) {
    if (!answered(a, "budget")) return 0;
    var have = Math.max(level(data.order.budget, a.budget), 1);
    return level(data.order.budget, f.resources) - have;
  }
  function budgetLabel(data, budget) { return optionLabel(data, "budget", budget); }
  function conflictDistance(data, f, a) {
    if (!answered(a, "conflict") || !f.conflict.length) return 0;
    var order = data.order.conflict, here = level(order, a.conflict);
    return Math.min.apply(null, f.conflict.map(function (c) { return Math.abs(level(order, c) - here); }));
  }

  function blocking(data, f, a, asCore) {
    var out = [], need = weeksNeeded(f, a);
    if (a.weeks_available !== undefined && need > a.weeks_available) {
      var extra = need - a.weeks_available;
      out.push({ question: "weeks_available", size: 1 + extra / 52,
        text: text(data, "block_weeks", { need: need, weeks: num(a.weeks_available) }), unlock: text(data, "unlock_weeks", { n: num(extra) }) });
    }
    var wanted = a.influence;
    if (wanted && f.influence.length && !has(f.influence, wanted) && (asCore || belowAll(data, f, wanted))) {
      var order = data.order.influence;
      var nearest = f.influence.slice().sort(byKeys(function (x) {
        return [Math.abs(level(order, x) - level(order, wanted)), -level(order, x)];
      }))[0];
      out.push({ question: "influence", size: 1 + Math.abs(level(order, nearest) - level(order, wanted)) / 2,
        text: text(data, "block_influence", { level: label(data, "influence-levels", wanted), levels: names(data, "influence-levels", f.influence) }),
        unlock: text(data, "unlock_influence", { level: label(data, "influence-levels", nearest), wanted: label(data, "influence-levels", wanted) }) });
    }
    if (asCore && has(a.participants || [], "repraesentativt-udsnit") && !f.representative) {
      out.push({ question: "participants", size: 2, text: text(data, "block_representative"), unlock: text(data, "unlock_representative") });
    }
    var mode = a.mode;
    if ((mode === "digital" || mode === "fysisk") && f.modes.length && !has(f.modes, mode) && !has(f.modes, "hybrid")) {
      out.push({ question: "mode", size: 1, text: text(data, "block_mode", { mode: label(data, "modes", mode) }),
        unlock: text(data, "unlock_mode", { mode: label(data, "modes", f.modes[0]), wanted: label(data, "modes", mode) }) });
    }
    var gap = budgetGap(data, f, a);
    if (gap >= 2) {
      out.push({ question: "budget", size: gap / 2,
        text: text(data, "block_budget", { need: label(data, "resource-levels", f.resources), have: budgetLabel(data, a.budget) }),
        unlock: text(data, "unlock_budget", { need: label(data, "resource-levels", f.resources), have: budgetLabel(data, a.budget) }) });
    }
    if (conflictDistance(data, f, a) >= 2) {
      out.push({ question: "conflict", size: 3, text: text(data, "block_conflict", { level: optionLabel(data, "conflict", a.conflict) }),
        unlock: text(data, "unlock_conflict") });
    }
    return out;
  }

  /* --- 5. fit, profile, band ---------------------------------------------------------------------------------- */
  function fitOf(data, q, f, a) {
    var lim = data.limits, chosen;
    if (q === "purposes") {
      chosen = a.purposes;
      if (!chosen) return null;
      var total = 0.0, got = 0.0, primary = [], secondary = [];
      chosen.forEach(function (p, i) {
        var factor = a.purpose_weighting === "lige" ? 1 : data.purpose_rank_factors[i];
        total += factor;
        if (has(f.purposes, p)) { got += factor; primary.push(p); }
        else if (has(f.secondary_purposes, p)) { got += factor * lim.secondary; secondary.push(p); }
      });
      if (!primary.length && !secondary.length) return [0, text(data, "reason_purposes_none")];
      var parts = [];
      if (primary.length) parts.push(text(data, "reason_purposes_main", { names: names(data, "purposes", primary) }));
      if (secondary.length) parts.push(text(data, "reason_purposes_side", { names: names(data, "purposes", secondary) }));
      return [got / total, parts.join("; ")];
    }
    if (q === "participants") {
      chosen = (a.participants || []).filter(function (g) { return g !== "repraesentativt-udsnit"; });
      if (!chosen.length) return null;
      var good = chosen.filter(function (g) { return has(f.groups, g); });
      var part = chosen.filter(function (g) { return !has(f.groups, g) && has(f.secondary_groups, g); });
      var none = chosen.filter(function (g) { return !has(good, g) && !has(part, g); });
      var fit = (good.length + lim.secondary * part.length) / chosen.length;
      var bits = [["groups_good", good], ["groups_partial", part], ["groups_none", none]].filter(function (x) { return x[1].length; })
        .map(function (x) { return text(data, x[0], { names: names(data, "participant-groups", x[1]) }); });
      return [fit, bits.join("; ")];
    }
    if (q === "stage") {
      if (!answered(a, "stage")) return null;
      var stage = label(data, "stages", a.stage);
      if (has(f.stages, a.stage)) return [1, text(data, "reason_stage_fit", { stage: stage })];
      var order = data.order.stages, here = level(order, a.stage);
      if (f.stages.some(function (s) { return Math.abs(level(order, s) - here) === 1; })) return [lim.partial, text(data, "reason_stage_near", { stage: stage })];
      return [0, text(data, "reason_stage_off", { stage: stage })];
    }
    if (q === "policy_areas") {
      chosen = a.policy_areas;
      if (!chosen) return null;
      var hits = chosen.filter(function (x) { return has(f.policy_areas, x); });
      if (hits.length) return [1, text(data, "reason_area_fit", { names: names(data, "policy-areas", hits) })];
      if (!f.policy_areas.length) return [lim.generic_area, text(data, "reason_area_generic")];
      return [lim.generic_area, text(data, "reason_area_other", { names: names(data, "policy-areas", f.policy_areas) })];
    }
    if (q === "conflict") {
      if (!answered(a, "conflict") || !f.conflict.length) return null;
      var lvl = optionLabel(data, "conflict", a.conflict);
      if (conflictDistance(data, f, a) === 0) return [1, text(data, "reason_conflict_fit", { level: lvl })];
      return [lim.partial, text(data, "reason_conflict_near", { level: lvl })];
    }
    if (q === "budget") {
      if (!answered(a, "budget")) return null;
      if (budgetGap(data, f, a) <= 0) return [1, text(data, "reason_budget_fit", { have: budgetLabel(data, a.budget) })];
      return [lim.partial, text(data, "reason_budget_near", { need: label(data, "resource-levels", f.resources), have: budgetLabel(data, a.budget) })];
    }
    if (q === "mode") {
      var mode = a.mode;
      if (!has(["fysisk", "digital", "hybrid"], mode) || !f.modes.length) return null;
      var m = label(data, "modes", mode);
      if (has(f.modes, mode) || (mode === "hybrid" && has(f.modes, "fysisk") && has(f.modes, "digital"))) return [1, text(data, "reason_mode_fit", { mode: m })];
      return [lim.partial, text(data, "reason_mode_near", { mode: m })];
    }
    return null;
  }

  function word(fit) { return fit === 1 ? "passer" : (fit === 0 ? "passer-ikke" : "delvist"); }

  function profileScore(data, f, priorities) {
    var total = 0.0, got = 0.0;
    data.dimensions.forEach(function (d) {
      var p = priorities[d.id], v = f.profile[d.id] === undefined ? 3 : f.profile[d.id];
      total += p;
      got += p * (v - 1) / 4;
    });
    return total ? got / total : 0.5;
  }

  function discriminating(data, formats, a) {
    var asked = [], counted = [];
    CRITERIA.forEach(function (q) {
      var values = formats.map(function (f) { return fitOf(data, q, f, a); }).filter(function (r) { return r !== null; })
        .map(function (r) { return r[0]; });
      if (values.length) {
        asked.push(q);
        if (Math.min.apply(null, values) !== Math.max.apply(null, values)) counted.push(q);
      }
    });
    return [asked, counted];
  }

  function band(data, item) {
    var lim = data.limits;
    if (item.weak || item.score < lim.band_possible) return "svag";
    return item.score >= lim.band_good ? "god" : "mulig";
  }

  function assess(data, viable, a, catalogue) {
    var d = discriminating(data, catalogue, a), asked = d[0], counted = d[1], wp = data.limits.profile_weight;
    var out = viable.map(function (f) {
      var total = 0.0, got = 0.0, reasons = [], caveats = [], weak = false;
      CRITERIA.forEach(function (q) {
        var r = fitOf(data, q, f, a);
        if (r === null) return;
        var fit = r[0], why = r[1];
        reasons.push({ question: q, fit: word(fit), text: why, counted: has(counted, q) });
        if (fit !== 1) caveats.push({ question: q, text: why });
        if (fit === 0) weak = true;
        if (has(counted, q)) { var w = data.weights[q]; total += w; got += w * fit; }
      });
      var criteria = total ? got / total : 0.5, profile = profileScore(data, f, a[PRIORITIES]);
      var score = Math.floor(100 * ((1 - wp) * criteria + wp * profile) + 0.5);
      return { format: f.id, score: score, criteria: criteria, profile: profile, weak: weak, reasons: reasons, caveats: caveats,
        basis: asked.length ? text(data, "basis", { answered: counted.length, total: asked.length }) : text(data, "basis_none"),
        fits: reasons.filter(function (r) { return r.fit === "passer"; }).length };
    });
    out.sort(byKeys(function (x) { return [-x.score, -x.fits, -x.profile, x.format]; }));
    out.forEach(function (item, i) {
      item.band = band(data, item);
      if (i > 0 && out[i - 1].score === item.score) {
        var prev = out[i - 1];
        var why = prev.fits !== item.fits ? "tie_more_fits" : (prev.profile !== item.profile ? "tie_profile" : "tie_alphabet");
        item.tie = text(data, "tie", { other: label(data, "formats", prev.format), reason: text(data, why) });
      }
    });
    return out;
  }

  /* --- 6. the process ----------------------------------------------------------------------------------------- */
  function reasonLines(data, f, a) {
    var lines = [];
    if (a.weeks_available !== undefined) {
      var need = weeksNeeded(f, a);
      lines.push({ question: "weeks_available", fit: "passer", counted: false,
        text: text(data, need !== f.min_weeks ? "reason_weeks_existing" : "reason_weeks", { weeks: num(a.weeks_available), need: need }) });
    }
    if (a.influence) lines.push({ question: "influence", fit: "passer", counted: false, text: text(data, "reason_influence", { level: label(data, "influence-levels", a.influence) }) });
    if (has(a.participants || [], "repraesentativt-udsnit")) lines.push({ question: "participants", fit: "passer", counted: false, text: text(data, "reason_representative") });
    return lines;
  }

  function defaultOf(data, dimension) {
    var d = data.dimensions.filter(function (x) { return x.id === dimension; })[0];
    return d ? d["default"] : 0;
  }
  function profileOf(f, dimension) { return f.profile[dimension] === undefined ? 3 : f.profile[dimension]; }

  function gaps(data, core, a) {
    var lim = data.limits;
    var groups = (a.participants || []).filter(function (g) { return g !== "repraesentativt-udsnit" && !has(core.groups, g); });
    var purposes = (a.purposes || []).slice(0, 2).filter(function (p) { return !has(core.purposes, p); });
    var wantsBreadth = (a.purposes || []).some(function (p) { return has(data.breadth_purposes, p); }) ||
      (a[PRIORITIES].bredde === undefined ? 0 : a[PRIORITIES].bredde) > defaultOf(data, "bredde");
    var breadth = wantsBreadth && profileOf(core, "bredde") <= lim.breadth_gap ? ["bredde"] : [];
    var mode = [];
    if (a.mode === "hybrid" && !has(core.modes, "hybrid")) mode = ["fysisk", "digital"].filter(function (m) { return !has(core.modes, m); });
    return { groups: groups, purposes: purposes, breadth: breadth, mode: mode };
  }

  function covers(data, f, g, lower) {
    var out = [];
    var groups = g.groups.filter(function (x) { return has(f.groups, x); });
    if (groups.length) out.push(text(data, "covers_groups", { names: names(data, "participant-groups", groups) }));
    var purposes = g.purposes.filter(function (p) { return has(f.purposes, p) && !lower; });
    if (purposes.length) out.push(text(data, "covers_purposes", { names: names(data, "purposes", purposes) }));
    if (g.breadth.length && profileOf(f, "bredde") >= data.limits.breadth_cover) out.push(text(data, "covers_breadth"));
    var modes = g.mode.filter(function (m) { return has(f.modes, m) || has(f.modes, "hybrid"); });
    if (modes.length) out.push(text(data, "covers_mode", { mode: names(data, "modes", modes) }));
    return out;
  }

  function processOf(data, ranked, byId, a, statutory) {
    var eligible = ranked.filter(function (r) { return r.band !== "svag" && r.score >= data.limits.fit_floor; });
    if (!eligible.length) return null;
    var core = byId[eligible[0].format], g = gaps(data, core, a), supplements = [];
    var taken = [core.id].concat(statutory.filter(function (d) { return d.format; }).map(function (d) { return d.format; }));
    var candidates = [];
    data.formats.forEach(function (f) {
      if (has(taken, f.id) || f.statutory || !f.supplement || blocking(data, f, a, false).length) return;
      var lower = Boolean(a.influence) && !has(f.influence, a.influence);
      var c = covers(data, f, g, lower);
      if (!c.length) return;
      var fit = ranked.filter(function (r) { return r.format === f.id; })[0];
      candidates.push([f, c, fit ? fit.score : 0, lower]);
    });
    candidates.sort(byKeys(function (c) {
      return [-c[1].length, c[3] ? 1 : 0, -(has(core.combines, c[0].id) ? 1 : 0), -c[2], c[0].id];
    }));
    var covered = [];
    candidates.forEach(function (c) {
      var f = c[0], lower = c[3];
      var fresh = c[1].filter(function (x) { return !has(covered, x); });
      if (!fresh.length || supplements.length >= data.limits.max_supplements) return;
      covered = covered.concat(fresh);
      var order = data.order.influence, lvl = a.influence;
      if (lower) {
        lvl = f.influence.filter(function (x) { return level(order, x) < level(order, a.influence); })
          .sort(byKeys(function (x) { return [-level(order, x)]; }))[0];
      }
      supplements.push({ format: f.id, covers: fresh, influence: lvl || "",
        lower_promise: lower ? text(data, "lower_promise", { level: label(data, "influence-levels", lvl) }) : "" });
    });
    return { core: core.id, supplements: supplements };
  }

  function sequence(data, plan, statutory, byId, a) {
    var order = data.order.stages, startStage = answered(a, "stage") ? a.stage : null, steps = [];
    if (plan) {
      var core = byId[plan.core], stage;
      if (startStage && has(core.stages, startStage)) stage = startStage;
      else {
        var later = order.filter(function (s) { return has(core.stages, s) && (!startStage || level(order, s) >= level(order, startStage)); });
        stage = later.length ? later[0] : (core.stages.length ? core.stages[0] : order[0]);
      }
      steps.push({ stage: stage, format: core.id, weeks: weeksNeeded(core, a), role: "kerne" });
    }
    statutory.forEach(function (d) { if (d.format) steps.push({ stage: d.stage, format: d.format, weeks: d.weeks, role: "lovpligtig" }); });
    steps.sort(byKeys(function (s) { return [level(order, s.stage), s.role === "kerne" ? 0 : 1, s.format]; }));
    var week = 0;
    steps.forEach(function (s) { s.start = week; s.parallel = ""; week += s.weeks; });
    var total = week;
    if (plan) {
      var coreStep = steps.filter(function (s) { return s.role === "kerne"; })[0], at = steps.indexOf(coreStep) + 1;
      plan.supplements.forEach(function (sup) {
        var f = byId[sup.format];
        var step = { stage: coreStep.stage, format: f.id, weeks: weeksNeeded(f, a), role: "supplement", start: coreStep.start, parallel: coreStep.format };
        total = Math.max(total, step.start + step.weeks);
        steps.splice(at, 0, step);
        at += 1;
      });
    }
    var fits = a.weeks_available === undefined || total <= a.weeks_available;
    return { steps: steps, weeks: total, fits: fits, note: fits ? "" : text(data, "sequence_too_long", { total: total, weeks: num(a.weeks_available) }) };
  }

  /* --- 7. cases ----------------------------------------------------------------------------------------------- */
  function similarCases(data, a, inProcess) {
    var sim = data.similarity, keys = ["policy_areas", "purposes", "participants", "formats"];
    var wanted = { policy_areas: a.policy_areas || [], purposes: a.purposes || [], participants: (a.participants || []).slice(), formats: inProcess };
    var possible = 0;
    keys.forEach(function (k) { if (wanted[k].length) possible += sim[k]; });
    if (a.influence) possible += sim.influence;
    if (possible === 0) return [[], ""];
    var scored = [];
    Object.keys(data.cases).forEach(function (cid) {
      var c = data.cases[cid], got = 0.0;
      var sharedArea = c.policy_areas.filter(function (x) { return has(wanted.policy_areas, x); });
      var sharedFormat = c.formats.filter(function (x) { return has(wanted.formats, x); });
      if (sim.require_area_or_format && !sharedArea.length && !sharedFormat.length) return;
      keys.forEach(function (k) {
        if (wanted[k].length) got += sim[k] * c[k].filter(function (x) { return has(wanted[k], x); }).length / wanted[k].length;
      });
      if (a.influence && c.influence === a.influence) got += sim.influence;
      var similarity = Math.floor(100 * got / possible + 0.5);
      if (similarity >= data.limits.case_floor) scored.push({ "case": cid, similarity: similarity, start: c.start });
    });
    scored.sort(byKeys(function (x) { return [-x.similarity, -x.start, x["case"]]; }));
    var chosen = scored.slice(0, data.limits.max_cases), message = "";
    if (!chosen.length) {
      var topic = wanted.policy_areas.length ? names(data, "policy-areas", wanted.policy_areas) : "";
      message = topic ? text(data, "no_cases", { topic: topic }) : text(data, "no_cases_generic");
    }
    return [chosen.map(function (c) { return { "case": c["case"], similarity: c.similarity }; }), message];
  }

  /* --- putting it together ------------------------------------------------------------------------------------ */
  function isEmpty(a) {
    return !["purposes", "influence", "participants", "weeks_available", "outcome_open", "council_commitment",
      "policy_areas", "stage", "legal_duties"].some(function (k) { return a[k] !== undefined; });
  }

  function recommend(data, answers) {
    var a = clean(data, answers);
    var result = { empty: false, gate: gate(data, a), statutory: [], duty_hints: [], recommendations: [], process: null,
      near_misses: [], nothing_fits: false, message: "", sequence: [], sequence_plan: null, cases: [], cases_message: "",
      principles: [], risks: [], effort: null };
    if (isEmpty(a)) { result.empty = true; result.message = text(data, "empty"); return result; }
    var d = duties(data, a);
    result.statutory = d[0];
    result.duty_hints = d[1];
    if (!result.gate.passed) {
      result.principles = data.gate.principles.slice();
      if (result.gate.route === "information") result.information_plan = data.gate.information_plan.slice();
      return result;
    }
    var byId = {};
    data.formats.forEach(function (f) { byId[f.id] = f; });
    var candidates = data.formats.filter(function (f) { return !f.statutory; });
    var blocked = {};
    candidates.forEach(function (f) { blocked[f.id] = blocking(data, f, a, true); });
    var viable = candidates.filter(function (f) { return !blocked[f.id].length; });
    var ranked = assess(data, viable, a, candidates);
    var plan = processOf(data, ranked, byId, a, result.statutory);
    result.process = plan;
    var top = ranked.filter(function (r) { return r.band !== "svag" && r.score >= data.limits.fit_floor; })
      .slice(0, data.limits.max_recommendations);
    top.forEach(function (r) {
      var f = byId[r.format];
      result.recommendations.push({ format: f.id, score: r.score, band: r.band, role: plan && plan.core === f.id ? "kerne" : "alternativ",
        basis: r.basis, reasons: reasonLines(data, f, a).concat(r.reasons.map(function (x) {
          return { question: x.question, fit: x.fit, text: x.text, counted: x.counted }; })),
        caveats: r.caveats, tie: r.tie || "" });
    });
    var misses = candidates.filter(function (f) { return blocked[f.id].length; }).map(function (f) {
      var b = blocked[f.id];
      return { format: f.id, reason: b[0].text, reasons: b.map(function (x) { return x.text; }), unlock: b.map(function (x) { return x.unlock; }),
        size: b.reduce(function (s, x) { return s + x.size; }, 0), count: b.length, excluded: true };
    });
    misses.sort(byKeys(function (m) { return [m.count, m.size, m.format]; }));
    if (!top.length) { result.nothing_fits = true; result.message = text(data, misses.length ? "nothing_fits" : "nothing_strong"); }
    var weak = ranked.filter(function (r) { return top.indexOf(r) === -1; }).map(function (r) {
      return { format: r.format, reason: text(data, "weak_fit", { basis: r.basis }), reasons: r.caveats.map(function (c) { return c.text; }),
        unlock: [], size: 0, count: 0, excluded: false, score: r.score, band: r.band };
    });
    var wanted = data.limits.max_near_misses, shownMisses = misses.slice(0, wanted);
    if (top.length + shownMisses.length < 2 || !top.length) shownMisses = misses.concat(weak).slice(0, Math.max(wanted, 2));
    result.near_misses = shownMisses.map(function (m) {
      var o = {};
      Object.keys(m).forEach(function (k) { if (k !== "size" && k !== "count") o[k] = m[k]; });
      return o;
    });
    var seq = sequence(data, plan, result.statutory, byId, a);
    result.sequence = seq.steps.map(function (s) {
      return { stage: s.stage, format: s.format, weeks: s.weeks, start: s.start, role: s.role, parallel: s.parallel };
    });
    result.sequence_plan = { weeks: seq.weeks, fits: seq.fits, note: seq.note };
    var inProcess = result.sequence.length ? result.sequence.map(function (s) { return s.format; }) : result.recommendations.map(function (r) { return r.format; });
    var c = similarCases(data, a, inProcess);
    result.cases = c[0];
    result.cases_message = c[1];
    result.principles = principlesOf(data, result.cases);
    var procFormats = inProcess.filter(function (x) { return byId[x]; }).map(function (x) { return byId[x]; });
    result.risks = risksOf(data, procFormats);
    result.effort = effortOf(data, procFormats, seq.weeks);
    result.follow_up = data.follow_up;
    return result;
  }

  function principlesOf(data, cases) {
    var out = data.principles.slice();
    cases.forEach(function (c) { data.cases[c["case"]].principles.forEach(function (p) { if (!has(out, p)) out.push(p); }); });
    return out.slice(0, data.limits.max_principles);
  }
  function risksOf(data, formats) {
    var risks = [];
    formats.forEach(function (f) { f.risks.forEach(function (r) { if (!has(risks, r)) risks.push(r); }); });
    risks.sort(byKeys(function (r) { return [-(data.barriers[r] === undefined ? 0 : data.barriers[r]), r]; }));
    return risks.slice(0, data.limits.max_risks);
  }
  function effortOf(data, formats, weeks) {
    if (!formats.length) return null;
    var order = data.order.resources;
    var top = formats.slice().sort(byKeys(function (f) { return [-level(order, f.resources)]; }))[0].resources;
    return { weeks: weeks, resources: top, text: text(data, "effort", { weeks: weeks, level: label(data, "resource-levels", top) }) };
  }

  var api = { recommend: recommend, checkAnswers: checkAnswers, clean: clean, text: text, num: num };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.NybrudEngine = api;
})(this);
