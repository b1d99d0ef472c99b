/* Formatvælgeren: the ranking, a line-by-line port of generator/recommend.py.
 * Works in the browser (window.NybrudEngine) and under Node (module.exports), so a test can run it on
 * hundreds of random answer sets and compare with Python. Keep the two in step: same order of
 * operations, Math.floor(x + 0.5) for rounding, ties broken by format id. */
(function (root) {
  "use strict";

  var UNKNOWN = "ved-ikke";
  var LOWER_SCORE = "scorer lavere end de tre første";
  var NOTHING_FITS = "Inden for de rammer, I har angivet, kan intet format gennemføres fuldt ud. Her er de formater, " +
    "der kommer nærmest, med grunden til, at de ikke passer helt. Overvej at give mere tid eller " +
    "justere løftet om indflydelse.";
  var SCORED = ["purposes", "influence", "participants", "stage", "policy_area", "conflict", "weeks_available",
    "budget", "mode"];

  function has(list, x) { return list.indexOf(x) !== -1; }
  function num(x) { return x === Math.floor(x) ? String(x) : String(x).replace(".", ","); }
  function cmp(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function clean(answers) {
    var out = {};
    Object.keys(answers || {}).forEach(function (key) {
      var value = answers[key];
      if (Array.isArray(value)) {
        var seen = [];
        value.forEach(function (v) {
          if (typeof v === "string" && v && v !== UNKNOWN && !has(seen, v)) seen.push(v);
        });
        if (seen.length) out[key] = seen;
      } else if (typeof value === "boolean") {
        return;
      } else if (typeof value === "number" && key === "weeks_available") {
        if (value >= 0) out[key] = value;
      } else if (typeof value === "string" && value && value !== UNKNOWN && key !== "weeks_available") {
        out[key] = value;
      }
    });
    if (out.purposes) out.purposes = out.purposes.slice(0, 3);
    return out;
  }

  function exclusion(f, a, data) {
    if (a.weeks_available !== undefined && f.min_weeks > a.weeks_available) {
      return "kræver mindst " + f.min_weeks + " uger, og der er " + num(a.weeks_available);
    }
    if (a.influence !== undefined && f.influence.length) {
      var order = data.influence_order;
      var levels = f.influence.map(function (x) { return order.indexOf(x); });
      var wanted = order.indexOf(a.influence);
      if (wanted > Math.max.apply(null, levels)) return "kan ikke indfri det løfte om indflydelse, I vil give";
      if (wanted < Math.min.apply(null, levels)) return "giver borgerne mere indflydelse, end I vil love";
    }
    if (has(a.participants || [], "repraesentativt-udsnit") && !has(f.participants, "repraesentativt-udsnit")) {
      return "kan ikke nå et repræsentativt udsnit af borgerne";
    }
    return null;
  }

  function fit(q, f, a, data) {
    var partial = data.partial, i, hits, order, here;
    if (q === "purposes") {
      var chosen = a.purposes;
      if (!chosen) return [null, "formålet er ikke angivet"];
      var total = 0.0, got = 0.0;
      hits = 0;
      for (i = 0; i < chosen.length; i++) {
        var factor = data.purpose_rank_factors[i];
        total += factor;
        if (has(f.purposes, chosen[i])) { got += factor; hits += 1; }
      }
      return [got / total, hits ? "passer til " + hits + " af " + chosen.length + " formål" : "passer ikke til formålet"];
    }
    if (q === "influence") {
      if (a.influence === undefined) return [null, "løftet om indflydelse er ikke angivet"];
      if (has(f.influence, a.influence)) return [1, "kan indfri løftet om indflydelse"];
      return [partial, "kan indfri løftet, men er ikke typisk brugt på det niveau"];
    }
    if (q === "participants") {
      var groups = a.participants;
      if (!groups) return [null, "deltagerne er ikke angivet"];
      hits = 0;
      for (i = 0; i < groups.length; i++) if (has(f.participants, groups[i])) hits += 1;
      return [hits / groups.length, "egnet til " + hits + " af " + groups.length + " deltagergrupper"];
    }
    if (q === "stage") {
      if (a.stage === undefined) return [null, "fasen er ikke angivet"];
      if (has(f.stages, a.stage)) return [1, "passer til fasen"];
      order = data.stage_order;
      here = order.indexOf(a.stage);
      if (f.stages.some(function (s) { return Math.abs(order.indexOf(s) - here) === 1; })) {
        return [partial, "bruges typisk i en fase lige før eller efter"];
      }
      return [0, "bruges typisk i andre faser"];
    }
    if (q === "policy_area") {
      if (a.policy_area === undefined || !f.policy_areas.length) return [null, "ikke knyttet til bestemte politikområder"];
      if (has(f.policy_areas, a.policy_area)) return [1, "særligt egnet til politikområdet"];
      return [partial, "ikke særligt knyttet til politikområdet"];
    }
    if (q === "conflict") {
      if (a.conflict === undefined) return [null, "konfliktniveauet er ikke angivet"];
      if (has(f.conflict, a.conflict)) return [1, "kan håndtere konfliktniveauet"];
      return [0, "er ikke egnet til konfliktniveauet"];
    }
    if (q === "weeks_available") {
      if (a.weeks_available === undefined) return [null, "tiden er ikke angivet"];
      return [1, "kan nås på " + num(a.weeks_available) + " uger (kræver mindst " + f.min_weeks + ")"];
    }
    if (q === "budget") {
      if (a.budget === undefined || !f.resources) return [null, "ressourcerne er ikke angivet"];
      order = data.resource_order;
      var gap = order.indexOf(f.resources) - order.indexOf(a.budget);
      if (gap <= 0) return [1, "kan gennemføres med de ressourcer, I har"];
      if (gap === 1) return [partial, "kræver lidt flere ressourcer, end I har"];
      return [0, "kræver langt flere ressourcer, end I har"];
    }
    if (q === "mode") {
      if (a.mode === undefined || a.mode === "uden-betydning" || !f.modes.length) return [null, "formen er uden betydning"];
      if (has(f.modes, a.mode)) return [1, "passer til den ønskede form"];
      if (a.mode === "hybrid" || has(f.modes, "hybrid")) return [partial, "kan delvist gennemføres i den ønskede form"];
      return [0, "foregår i en anden form"];
    }
    throw new Error(q);
  }

  function score(f, a, data) {
    var total = 0.0, got = 0.0, reasons = [], worstLoss = -1.0, worst = LOWER_SCORE;
    SCORED.forEach(function (q) {
      var w = data.weights[q];
      var r = fit(q, f, a, data), value = r[0] === null ? data.neutral : r[0];
      total += w;
      got += w * value;
      var word = r[0] === null ? "ukendt" : (r[0] === 1 ? "passer" : (r[0] === 0 ? "passer-ikke" : "delvist"));
      reasons.push({ question: q, fit: word, text: r[1] });
      var loss = w * (1 - value);
      if (r[0] !== null && loss > 0 && loss > worstLoss) { worstLoss = loss; worst = data.labels[q] + ": " + r[1]; }
    });
    return [total ? Math.floor(100 * got / total + 0.5) : 0, reasons, worst];
  }

  function byScore(x, y) { return (y.score - x.score) || cmp(x.f.id, y.f.id); }

  function recommend(data, answers) {
    answers = answers || {};
    var a = clean(answers);
    if (answers.outcome_open === "nej" || answers.council_commitment === "nej") {
      return { gate: { passed: false, message: data.gate.message }, recommendations: [], near_misses: [],
        sequence: [], cases: [], principles: data.gate.principles.slice(), risks: [] };
    }
    var scored = [], excluded = [];
    data.formats.forEach(function (f) {
      var s = score(f, a, data), why = exclusion(f, a, data);
      (why ? excluded : scored).push({ f: f, score: s[0], reasons: s[1], why: why || s[2] });
    });
    scored.sort(byScore);
    excluded.sort(byScore);
    var message = "";
    if (!scored.length) {
      message = NOTHING_FITS;
      scored = excluded;
      excluded = [];
      scored.forEach(function (x) { x.reasons.unshift({ question: "exclusion", fit: "passer-ikke", text: x.why }); });
    }
    var top = scored.slice(0, 3);
    var misses = excluded.slice(0, 3).map(function (x) {
      return { format: x.f.id, score: x.score, reason: x.why, excluded: true };
    });
    scored.slice(3, 3 + 3 - misses.length).forEach(function (x) {
      misses.push({ format: x.f.id, score: x.score, reason: x.why, excluded: false });
    });
    var topFormats = top.map(function (x) { return x.f; });
    return {
      gate: { passed: true, message: message },
      recommendations: top.map(function (x) { return { format: x.f.id, score: x.score, reasons: x.reasons }; }),
      near_misses: misses,
      sequence: sequence(scored, a, data),
      cases: cases(topFormats, a, data),
      principles: principles(topFormats, data),
      risks: risks(topFormats, data)
    };
  }

  function sequence(scored, a, data) {
    if (!scored.length) return [];
    var first = scored[0].f, order = data.stage_order;
    var start = a.stage || order.filter(function (s) { return has(first.stages, s); })[0] || order[0];
    var steps = [{ stage: start, format: first.id }], used = [first.id];
    var later = order.slice(order.indexOf(start) + 1);
    for (var i = 0; i < later.length; i++) {
      var stage = later[i];
      var candidates = scored.map(function (x) { return x.f; }).filter(function (f) {
        return has(f.stages, stage) && !has(used, f.id);
      });
      var preferred = candidates.filter(function (f) { return has(first.combines, f.id); });
      var pick = (preferred.length ? preferred : candidates)[0];
      if (pick) { steps.push({ stage: stage, format: pick.id }); used.push(pick.id); }
      if (steps.length === 3) break;
    }
    return steps;
  }

  function cases(top, a, data) {
    var area = a.policy_area, chosen = [];
    function key(c) { return [has(data.cases[c].policy_areas, area) ? 0 : 1, -data.cases[c].start, c]; }
    function sortCases(ids) {
      return ids.slice().sort(function (x, y) {
        var kx = key(x), ky = key(y);
        return (kx[0] - ky[0]) || (kx[1] - ky[1]) || cmp(kx[2], ky[2]);
      });
    }
    for (var i = 0; i < top.length; i++) {
      var ids = sortCases(top[i].cases);
      for (var j = 0; j < ids.length; j++) {
        if (!has(chosen, ids[j])) chosen.push(ids[j]);
        if (chosen.length === 3) return chosen;
      }
    }
    if (area && chosen.length < 3) {
      var all = Object.keys(data.cases).sort(function (x, y) {
        return (data.cases[y].start - data.cases[x].start) || cmp(x, y);
      });
      for (var k = 0; k < all.length; k++) {
        if (has(data.cases[all[k]].policy_areas, area) && !has(chosen, all[k])) chosen.push(all[k]);
        if (chosen.length === 3) break;
      }
    }
    return chosen;
  }

  function principles(top, data) {
    var out = data.principles.slice();
    top.slice(0, 1).forEach(function (f) {
      f.cases.forEach(function (c) {
        data.cases[c].principles.forEach(function (p) { if (!has(out, p)) out.push(p); });
      });
    });
    return out.slice(0, 6);
  }

  function risks(top, data) {
    var out = [];
    top.forEach(function (f) { f.risks.forEach(function (r) { if (!has(out, r)) out.push(r); }); });
    out.sort(function (x, y) { return ((data.barriers[y] || 0) - (data.barriers[x] || 0)) || cmp(x, y); });
    return out.slice(0, 5);
  }

  var api = { recommend: recommend, clean: clean };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.NybrudEngine = api;
})(this);
