"""Formatvælgeren's reference implementation: from a situation to a process – a core format, supplements, a
sequence – with honest scores, what would make other formats work, comparable cases and the legal minimum.

The same logic runs in the browser (content/javascripts/formatvaelger-engine.js) on the same data
(``decision_data``): rules, limits and every Danish text come from decision/formatvaelger.yml and the formats'
``decision`` sections, never from the code. A test runs both engines on more than a thousand answer sets and
requires identical output. To keep them identical, arithmetic is plain and in a fixed order, rounding is
floor(x + 0.5), and every sort has a complete key.

The steps, each a function below:
1. ``check_answers``: one Danish problem per wrong type, unknown id or value out of range.
2. ``gate``: the conditions for meaningful participation; a promise only to inform leads to an information plan.
3. ``duties``: what the law requires as a minimum in this situation.
4. ``blocking``: what makes a format impossible here (time, promise, representativeness, form, budget, conflict),
   each with the smallest change that would lift it.
5. ``assess``: the fit on the criteria that tell the viable formats apart, the value profile, a band and a basis.
6. ``process``: a core format and supplements for what it lacks; a sequence that respects the weeks available.
7. ``similar_cases``: Danish cases by similarity, with a floor.
"""
from __future__ import annotations

import math
from typing import Any

from .decision_schema import CRITERIA
from .model import KnowledgeBase

UNKNOWN = "ved-ikke"
PRIORITIES = "priorities"


# --- data ---------------------------------------------------------------------------------------------------------

def decision_data(kb: KnowledgeBase) -> dict[str, Any]:
    """Everything both engines need, as plain JSON-ready data."""
    config = kb.decision
    formats = [_format_data(kb, fid) for fid in sorted(kb.formats)]
    standing = [f["id"] for f in formats if f["standing"]]
    questions = []
    for q in config.questions:
        options = [o.id for o in q.options]
        if q.vocabulary:
            options = [t for t in kb.terms(q.vocabulary) if t not in options] + options
        if q.formats:
            options = standing + options
        if q.duties:
            options = [d.id for d in config.duties] + options
        questions.append({"id": q.id, "kind": q.kind, "max": q.max_choices, "options": options, "unknown": q.unknown,
                          "label": q.label})
    labels = {v: {t.id: t.label for t in kb.terms(v).values()} for v in (
        "purposes", "participant-groups", "policy-areas", "stages", "influence-levels", "modes", "resource-levels",
        "barriers")}
    labels["formats"] = {fid: f.title for fid, f in kb.formats.items()}
    labels["options"] = {q.id: {o.id: o.label for o in q.options} for q in config.questions}
    return {
        "questions": questions,
        "weights": config.weights.model_dump(),
        "purpose_rank_factors": list(config.purpose_rank_factors),
        "limits": config.limits.model_dump(),
        "dimensions": [d.model_dump() for d in config.dimensions],
        "similarity": config.similarity.model_dump(),
        "gate": {
            "message": _flat(config.gate.message), "principles": list(config.gate.principles),
            "inform_levels": list(config.gate.inform_levels),
            "information_plan": [_flat(t) for t in config.gate.information_plan],
            "conditions": [{"question": c.question, "label": c.label, "ok": c.ok, "stop": c.stop, "warn": c.warn,
                            "stop_text": _flat(c.stop_text), "warn_text": _flat(c.warn_text),
                            "missing_text": _flat(c.missing_text)} for c in config.gate.conditions],
        },
        "duties": [{"id": d.id, "label": d.label, "format": d.format or "", "minimum": _flat(d.minimum), "add": _flat(d.add),
                    "when": d.when, "weeks": d.weeks, "hint_areas": d.hint_areas,
                    "sources": [{"source": s.source, "section": s.section} for s in d.sources]} for d in config.duties],
        "principles": list(config.principles),
        "breadth_purposes": list(config.breadth_purposes),
        "follow_up": {"answer": _flat(config.follow_up.answer), "footprint": _flat(config.follow_up.footprint),
                      "indicators": [_flat(t) for t in config.follow_up.indicators]},
        "texts": {k: _flat(v) for k, v in config.texts.items()},
        "order": {"influence": list(kb.terms("influence-levels")), "stages": list(kb.terms("stages")),
                  "resources": list(kb.terms("resource-levels")), "conflict": ["lav", "middel", "hoej"],
                  "budget": ["ingen", *kb.terms("resource-levels")]},
        "labels": labels,
        "formats": formats,
        "cases": {cid: _case_data(kb, c) for cid, c in kb.cases.items()},
        "barriers": {tid: (t.figure.percent if t.figure and t.figure.percent is not None else 0)
                     for tid, t in kb.terms("barriers").items()},
    }


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _format_data(kb: KnowledgeBase, fid: str) -> dict[str, Any]:
    f = kb.formats[fid]
    d = f.decision
    return {
        "id": fid, "purposes": list(f.purposes), "secondary_purposes": list(d.secondary_purposes),
        "influence": list(f.influence_levels), "groups": [g for g in f.participant_groups if g != "repraesentativt-udsnit"],
        "secondary_groups": list(d.secondary_groups), "representative": "repraesentativt-udsnit" in f.participant_groups,
        "stages": list(f.stages), "modes": list(f.modes), "resources": f.resources or "middel",
        "min_weeks": d.min_weeks, "min_weeks_existing": d.min_weeks_existing if d.min_weeks_existing is not None else d.min_weeks,
        "standing": d.standing, "statutory": d.statutory, "supplement": d.supplement, "conflict": list(d.conflict), "policy_areas": list(d.policy_areas),
        "profile": d.profile.values(), "risks": list(f.risks),
        "combines": list(dict.fromkeys([*f.combines_with, *kb.referrers("formats", fid, "formats")])),
    }


def _case_data(kb: KnowledgeBase, c: Any) -> dict[str, Any]:
    return {"title": c.title, "municipality": kb.label("municipalities", c.municipality), "start": c.period.start,
            "policy_areas": list(c.policy_areas), "purposes": list(c.purposes), "influence": c.influence or "",
            "participants": list(c.participants.groups), "formats": list(c.formats), "principles": list(c.principles)}


# --- texts and numbers --------------------------------------------------------------------------------------------

def text(data: dict, which: str, /, **values: Any) -> str:
    """A text from the configuration with its {placeholders} filled in (in the order they are given)."""
    out = data["texts"][which]
    for name, value in values.items():
        out = out.replace("{" + name + "}", str(value))
    return out


def num(x: float) -> str:
    """A number as Danish text with at most one decimal: 12, 2,5."""
    tenths = math.floor(x * 10 + 0.5)
    whole = math.floor(tenths / 10)
    rest = tenths - whole * 10
    return str(whole) if rest == 0 else str(whole) + "," + str(rest)


def names(data: dict, vocabulary: str, ids: list[str]) -> str:
    """Labels joined the Danish way: 'a', 'a og b', 'a, b og c' (lower case after the first word)."""
    labels = [data["labels"][vocabulary].get(i, i).lower() for i in ids]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " " + data["texts"]["and"] + " " + labels[-1]


def label(data: dict, vocabulary: str, ident: str) -> str:
    return data["labels"][vocabulary].get(ident, ident).lower()


# --- 1. answers ---------------------------------------------------------------------------------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_answers(data: dict, answers: Any) -> list[dict[str, str]]:
    """Every problem with an answer set, one Danish sentence each: {"question": key or "", "text": …}."""
    if not isinstance(answers, dict):
        return [{"question": "", "text": text(data, "error_not_object")}]
    questions = {q["id"]: q for q in data["questions"]}
    problems = []
    for key in sorted(answers):
        value = answers[key]
        if key == PRIORITIES:
            problems.extend(_check_priorities(data, value))
            continue
        q = questions.get(key)
        if q is None:
            problems.append({"question": key, "text": text(data, "error_unknown_question", key=key,
                                                          known=", ".join(questions))})
            continue
        if value is None:
            continue
        allowed = list(q["options"]) + ([UNKNOWN] if q["unknown"] else [])
        if q["kind"] == "number":
            if not _is_number(value) or value < 0 or value > data["limits"]["max_weeks"]:
                problems.append({"question": key, "text": text(data, "error_number", key=key, max=data["limits"]["max_weeks"])})
            continue
        if q["kind"] == "one":
            if not isinstance(value, str):
                problems.append({"question": key, "text": text(data, "error_one", key=key)})
            elif value not in allowed:
                problems.append({"question": key, "text": text(data, "error_unknown_option", key=key, value=value,
                                                              known=", ".join(allowed))})
            continue
        if not isinstance(value, list):
            problems.append({"question": key, "text": text(data, "error_list", key=key)})
            continue
        seen = []
        for item in value:
            if not isinstance(item, str) or item not in allowed:
                problems.append({"question": key, "text": text(data, "error_unknown_option", key=key,
                                                              value=item if isinstance(item, str) else _shown(data, item),
                                                              known=", ".join(allowed))})
            elif item in seen:
                problems.append({"question": key, "text": text(data, "error_twice", key=key, value=item)})
            else:
                seen.append(item)
        if q["max"] and len(value) > q["max"]:
            problems.append({"question": key, "text": text(data, "error_too_many", key=key, max=q["max"])})
    return problems


def _shown(data: dict, value: Any) -> str:
    """What a value that is not text is called in a message (the same words in both engines)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return text(data, "shown_number")
    return text(data, "shown_list" if isinstance(value, list) else "shown_object")


def _check_priorities(data: dict, value: Any) -> list[dict[str, str]]:
    dims = [d["id"] for d in data["dimensions"]]
    top = data["limits"]["priority_max"]
    problem = {"question": PRIORITIES, "text": text(data, "error_priorities", max=top, known=", ".join(dims))}
    if value is None:
        return []
    if not isinstance(value, dict):
        return [problem]
    for key in sorted(value):
        v = value[key]
        if key not in dims or not _is_number(v) or v != math.floor(v) or v < 0 or v > top:
            return [problem]
    return []


def clean(data: dict, answers: Any) -> dict[str, Any]:
    """The usable part of an answer set: anything invalid, skipped or 'ved ikke' left out (gate answers keep
    'ved ikke', which the gate warns about)."""
    if not isinstance(answers, dict):
        return {}
    out: dict[str, Any] = {}
    for q in data["questions"]:
        key = q["id"]
        value = answers.get(key)
        if value is None:
            continue
        if q["kind"] == "number":
            if _is_number(value) and 0 <= value <= data["limits"]["max_weeks"]:
                out[key] = math.floor(value * 10 + 0.5) / 10
        elif q["kind"] == "one":
            if isinstance(value, str) and (value in q["options"] or (value == UNKNOWN and q["unknown"])):
                out[key] = value
        elif isinstance(value, list):
            items = []
            for item in value:
                if isinstance(item, str) and item in q["options"] and item not in items:
                    items.append(item)
            if q["max"]:
                items = items[:q["max"]]
            if items:
                out[key] = items
    priorities = answers.get(PRIORITIES)
    chosen = {}
    for d in data["dimensions"]:
        chosen[d["id"]] = d["default"]
        if isinstance(priorities, dict) and not _check_priorities(data, priorities) and d["id"] in priorities:
            chosen[d["id"]] = int(priorities[d["id"]])
    out[PRIORITIES] = chosen
    return out


def _answered(a: dict, key: str) -> bool:
    return key in a and a[key] != UNKNOWN


# --- 2. the gate --------------------------------------------------------------------------------------------------

def gate(data: dict, a: dict) -> dict[str, Any]:
    conditions, warnings = [], []
    stop = ""
    for c in data["gate"]["conditions"]:
        value = a.get(c["question"])
        values = value if isinstance(value, list) else ([] if value is None else [value])
        if any(v in c["stop"] for v in values):
            status = "stop"
            stop = stop or c["stop_text"]
        elif any(v in c["warn"] for v in values) or UNKNOWN in values:
            status = "advarsel"
            warnings.append(c["warn_text"])
        elif any(v in c["ok"] for v in values):
            status = "ok"
        else:
            status = "ubesvaret"
            if c["missing_text"]:
                warnings.append(c["missing_text"])
        conditions.append({"question": c["question"], "label": c["label"], "status": status})
    route = "inddragelse"
    if a.get("influence") in data["gate"]["inform_levels"]:
        route, stop = "information", stop or data["gate"]["message"]
    elif stop:
        route = "stop"
    return {"passed": route == "inddragelse", "route": route, "message": stop, "warnings": warnings,
            "conditions": conditions}


# --- 3. statutory duties ------------------------------------------------------------------------------------------

def duties(data: dict, a: dict) -> tuple[list[dict], list[dict]]:
    """The duties the answers name, and hints at duties the policy areas often bring."""
    chosen = a.get("legal_duties", [])
    named = [d for d in data["duties"] if d["id"] in chosen]
    areas = a.get("policy_areas", [])
    hints = [{"duty": d["id"], "text": text(data, "duty_hint", duty=d["label"].lower(),
                                            areas=names(data, "policy-areas", [x for x in d["hint_areas"] if x in areas]))}
             for d in data["duties"]
             if d["id"] not in chosen and "ingen" not in chosen and any(x in areas for x in d["hint_areas"])]
    return ([{"duty": d["id"], "label": d["label"], "format": d["format"], "minimum": d["minimum"], "add": d["add"],
              "stage": d["when"], "weeks": d["weeks"], "sources": d["sources"]} for d in named], hints)


# --- 4. what makes a format impossible ----------------------------------------------------------------------------

def weeks_needed(f: dict, a: dict) -> int:
    return f["min_weeks_existing"] if f["standing"] and f["id"] in a.get("existing_bodies", []) else f["min_weeks"]


def _level(order: list, value: str) -> int:
    return order.index(value) if value in order else 0


def blocking(data: dict, f: dict, a: dict, *, as_core: bool = True) -> list[dict[str, Any]]:
    """Every reason the format cannot be used here, each with the change that would lift it and its size."""
    out = []
    need = weeks_needed(f, a)
    if "weeks_available" in a and need > a["weeks_available"]:
        extra = need - a["weeks_available"]
        out.append({"question": "weeks_available", "size": 1 + extra / 52,
                    "text": text(data, "block_weeks", need=need, weeks=num(a["weeks_available"])),
                    "unlock": text(data, "unlock_weeks", n=num(extra))})
    wanted = a.get("influence")
    if wanted and f["influence"] and wanted not in f["influence"] and (as_core or _below_all(data, f, wanted)):
        order = data["order"]["influence"]
        nearest = sorted(f["influence"], key=lambda x: (abs(_level(order, x) - _level(order, wanted)), -_level(order, x)))[0]
        out.append({"question": "influence", "size": 1 + abs(_level(order, nearest) - _level(order, wanted)) / 2,
                    "text": text(data, "block_influence", level=label(data, "influence-levels", wanted),
                                 levels=names(data, "influence-levels", f["influence"])),
                    "unlock": text(data, "unlock_influence", level=label(data, "influence-levels", nearest),
                                   wanted=label(data, "influence-levels", wanted))})
    if as_core and "repraesentativt-udsnit" in a.get("participants", []) and not f["representative"]:
        out.append({"question": "participants", "size": 2, "text": text(data, "block_representative"),
                    "unlock": text(data, "unlock_representative")})
    mode = a.get("mode")
    if mode in ("digital", "fysisk") and f["modes"] and mode not in f["modes"] and "hybrid" not in f["modes"]:
        other = f["modes"][0]
        out.append({"question": "mode", "size": 1, "text": text(data, "block_mode", mode=label(data, "modes", mode)),
                    "unlock": text(data, "unlock_mode", mode=label(data, "modes", other), wanted=label(data, "modes", mode))})
    gap = _budget_gap(data, f, a)
    if gap >= 2:
        out.append({"question": "budget", "size": gap / 2,
                    "text": text(data, "block_budget", need=label(data, "resource-levels", f["resources"]),
                                 have=_budget_label(data, a["budget"])),
                    "unlock": text(data, "unlock_budget", need=label(data, "resource-levels", f["resources"]),
                                   have=_budget_label(data, a["budget"]))})
    distance = _conflict_distance(data, f, a)
    if distance >= 2:
        out.append({"question": "conflict", "size": 3,
                    "text": text(data, "block_conflict", level=data["labels"]["options"]["conflict"].get(a["conflict"], "").lower()),
                    "unlock": text(data, "unlock_conflict")})
    return out


def _below_all(data: dict, f: dict, wanted: str) -> bool:
    """For a supplement: blocked only if every promise the format can keep is above the one given (a supplement may
    work at a lower promise, as the IAP2 spectrum allows for a stage)."""
    order = data["order"]["influence"]
    return all(_level(order, x) > _level(order, wanted) for x in f["influence"])


def _budget_gap(data: dict, f: dict, a: dict) -> int:
    if not _answered(a, "budget"):
        return 0
    have = max(_level(data["order"]["budget"], a["budget"]), 1)  # no extra budget: what the running budget allows
    return _level(data["order"]["budget"], f["resources"]) - have


def _budget_label(data: dict, budget: str) -> str:
    return data["labels"]["options"]["budget"].get(budget, budget).lower()


def _conflict_distance(data: dict, f: dict, a: dict) -> int:
    if not _answered(a, "conflict") or not f["conflict"]:
        return 0
    order = data["order"]["conflict"]
    here = _level(order, a["conflict"])
    return min(abs(_level(order, c) - here) for c in f["conflict"])


# --- 5. fit, profile, band ----------------------------------------------------------------------------------------

def _fit(data: dict, q: str, f: dict, a: dict) -> tuple[float, str] | None:
    """(fit, reason) for one criterion; None when the question is not answered or does not apply."""
    lim = data["limits"]
    if q == "purposes":
        chosen = a.get("purposes")
        if not chosen:
            return None
        total = got = 0.0
        primary, secondary = [], []
        for i, p in enumerate(chosen):
            factor = 1 if a.get("purpose_weighting") == "lige" else data["purpose_rank_factors"][i]
            total += factor
            if p in f["purposes"]:
                got += factor
                primary.append(p)
            elif p in f["secondary_purposes"]:
                got += factor * lim["secondary"]
                secondary.append(p)
        if not primary and not secondary:
            return 0, text(data, "reason_purposes_none")
        parts = []
        if primary:
            parts.append(text(data, "reason_purposes_main", names=names(data, "purposes", primary)))
        if secondary:
            parts.append(text(data, "reason_purposes_side", names=names(data, "purposes", secondary)))
        return got / total, "; ".join(parts)
    if q == "participants":
        chosen = [g for g in a.get("participants", []) if g != "repraesentativt-udsnit"]
        if not chosen:
            return None
        good = [g for g in chosen if g in f["groups"]]
        part = [g for g in chosen if g not in f["groups"] and g in f["secondary_groups"]]
        none = [g for g in chosen if g not in good and g not in part]
        fit = (len(good) + lim["secondary"] * len(part)) / len(chosen)
        parts = [text(data, key, names=names(data, "participant-groups", ids))
                 for key, ids in (("groups_good", good), ("groups_partial", part), ("groups_none", none)) if ids]
        return fit, "; ".join(parts)
    if q == "stage":
        if not _answered(a, "stage"):
            return None
        stage = label(data, "stages", a["stage"])
        if a["stage"] in f["stages"]:
            return 1, text(data, "reason_stage_fit", stage=stage)
        order = data["order"]["stages"]
        here = _level(order, a["stage"])
        if any(abs(_level(order, s) - here) == 1 for s in f["stages"]):
            return lim["partial"], text(data, "reason_stage_near", stage=stage)
        return 0, text(data, "reason_stage_off", stage=stage)
    if q == "policy_areas":
        chosen = a.get("policy_areas")
        if not chosen:
            return None
        hits = [x for x in chosen if x in f["policy_areas"]]
        if hits:
            return 1, text(data, "reason_area_fit", names=names(data, "policy-areas", hits))
        if not f["policy_areas"]:
            return lim["generic_area"], text(data, "reason_area_generic")
        return lim["generic_area"], text(data, "reason_area_other", names=names(data, "policy-areas", f["policy_areas"]))
    if q == "conflict":
        if not _answered(a, "conflict") or not f["conflict"]:
            return None
        level = data["labels"]["options"]["conflict"].get(a["conflict"], "").lower()
        if _conflict_distance(data, f, a) == 0:
            return 1, text(data, "reason_conflict_fit", level=level)
        return lim["partial"], text(data, "reason_conflict_near", level=level)
    if q == "budget":
        if not _answered(a, "budget"):
            return None
        if _budget_gap(data, f, a) <= 0:
            return 1, text(data, "reason_budget_fit", have=_budget_label(data, a["budget"]))
        return lim["partial"], text(data, "reason_budget_near", need=label(data, "resource-levels", f["resources"]),
                                    have=_budget_label(data, a["budget"]))
    if q == "mode":
        mode = a.get("mode")
        if mode not in ("fysisk", "digital", "hybrid") or not f["modes"]:
            return None
        shown = label(data, "modes", mode)
        if mode in f["modes"] or (mode == "hybrid" and "fysisk" in f["modes"] and "digital" in f["modes"]):
            return 1, text(data, "reason_mode_fit", mode=shown)
        return lim["partial"], text(data, "reason_mode_near", mode=shown)
    return None


def _word(fit: float) -> str:
    return "passer" if fit == 1 else ("passer-ikke" if fit == 0 else "delvist")


def _profile_score(data: dict, f: dict, priorities: dict) -> float:
    total = got = 0.0
    for d in data["dimensions"]:
        p = priorities[d["id"]]
        total += p
        got += p * (f["profile"].get(d["id"], 3) - 1) / 4
    return got / total if total else 0.5


def discriminating(data: dict, formats: list[dict], a: dict) -> tuple[list[str], list[str]]:
    """The answered criteria (asked), and among them those that give the formats different fits (counted): a
    criterion every format meets alike says nothing about which to choose, so it does not add to any score."""
    asked, counted = [], []
    for q in CRITERIA:
        values = [r[0] for r in (_fit(data, q, f, a) for f in formats) if r is not None]
        if values:
            asked.append(q)
            if min(values) != max(values):
                counted.append(q)
    return asked, counted


def assess(data: dict, viable: list[dict], a: dict, catalogue: list[dict]) -> list[dict[str, Any]]:
    """Score the viable formats on the criteria that tell the formats of the catalogue apart, plus the value
    profile."""
    fits = {f["id"]: {q: _fit(data, q, f, a) for q in CRITERIA} for f in viable}
    asked, counted = discriminating(data, catalogue, a)
    weight_profile = data["limits"]["profile_weight"]
    out = []
    for f in viable:
        total = got = 0.0
        reasons, caveats = [], []
        weak = False
        for q in CRITERIA:
            result = fits[f["id"]][q]
            if result is None:
                continue
            fit, why = result
            reasons.append({"question": q, "fit": _word(fit), "text": why, "counted": q in counted})
            if fit != 1:
                caveats.append({"question": q, "text": why})
            if fit == 0:
                weak = True  # fails a criterion outright (no chosen purpose or group, another stage): never recommended
            if q in counted:
                w = data["weights"][q]
                total += w
                got += w * fit
        criteria = got / total if total else 0.5
        profile = _profile_score(data, f, a[PRIORITIES])
        score = math.floor(100 * ((1 - weight_profile) * criteria + weight_profile * profile) + 0.5)
        out.append({"format": f["id"], "score": score, "criteria": criteria, "profile": profile, "weak": weak,
                    "reasons": reasons, "caveats": caveats,
                    "basis": text(data, "basis", answered=len(counted), total=len(asked)) if asked else text(data, "basis_none"),
                    "fits": sum(1 for r in reasons if r["fit"] == "passer")})
    out.sort(key=lambda x: (-x["score"], -x["fits"], -x["profile"], x["format"]))
    for i, item in enumerate(out):
        item["band"] = _band(data, item)
        if i > 0 and out[i - 1]["score"] == item["score"]:
            prev = out[i - 1]
            why = ("tie_more_fits" if prev["fits"] != item["fits"] else
                   "tie_profile" if prev["profile"] != item["profile"] else "tie_alphabet")
            item["tie"] = text(data, "tie", other=label(data, "formats", prev["format"]), reason=text(data, why))
    return out


def _band(data: dict, item: dict) -> str:
    lim = data["limits"]
    if item["weak"] or item["score"] < lim["band_possible"]:
        return "svag"
    return "god" if item["score"] >= lim["band_good"] else "mulig"


# --- 6. the process -----------------------------------------------------------------------------------------------

def _reason_lines(data: dict, f: dict, a: dict) -> list[dict[str, Any]]:
    """The hard requirements a viable format meets, as reasons (they do not add to the score)."""
    lines = []
    if "weeks_available" in a:
        need = weeks_needed(f, a)
        key = "reason_weeks_existing" if need != f["min_weeks"] else "reason_weeks"
        lines.append({"question": "weeks_available", "fit": "passer", "counted": False,
                      "text": text(data, key, weeks=num(a["weeks_available"]), need=need)})
    if a.get("influence"):
        lines.append({"question": "influence", "fit": "passer", "counted": False,
                      "text": text(data, "reason_influence", level=label(data, "influence-levels", a["influence"]))})
    if "repraesentativt-udsnit" in a.get("participants", []):
        lines.append({"question": "participants", "fit": "passer", "counted": False,
                      "text": text(data, "reason_representative")})
    return lines


def _gaps(data: dict, core: dict, a: dict) -> dict[str, list[str]]:
    """What the core format does not give: groups it does not reach, purposes it does not serve, breadth, form."""
    groups = [g for g in a.get("participants", []) if g != "repraesentativt-udsnit" and g not in core["groups"]]
    purposes = [p for p in a.get("purposes", [])[:2] if p not in core["purposes"]]
    lim = data["limits"]
    wants_breadth = any(p in data["breadth_purposes"] for p in a.get("purposes", [])) or \
        a[PRIORITIES].get("bredde", 0) > _default(data, "bredde")
    breadth = ["bredde"] if wants_breadth and core["profile"].get("bredde", 3) <= lim["breadth_gap"] else []
    mode = []
    if a.get("mode") == "hybrid" and "hybrid" not in core["modes"]:
        mode = [m for m in ("fysisk", "digital") if m not in core["modes"]]
    return {"groups": groups, "purposes": purposes, "breadth": breadth, "mode": mode}


def _default(data: dict, dimension: str) -> int:
    return next((d["default"] for d in data["dimensions"] if d["id"] == dimension), 0)


def _covers(data: dict, f: dict, gaps: dict, lower: bool) -> list[str]:
    """What a supplement would add; one used at a lower promise adds people and form, not the purposes the promise
    serves."""
    out = []
    groups = [g for g in gaps["groups"] if g in f["groups"]]
    if groups:
        out.append(text(data, "covers_groups", names=names(data, "participant-groups", groups)))
    purposes = [p for p in gaps["purposes"] if p in f["purposes"] and not lower]
    if purposes:
        out.append(text(data, "covers_purposes", names=names(data, "purposes", purposes)))
    if gaps["breadth"] and f["profile"].get("bredde", 3) >= data["limits"]["breadth_cover"]:
        out.append(text(data, "covers_breadth"))
    modes = [m for m in gaps["mode"] if m in f["modes"] or "hybrid" in f["modes"]]
    if modes:
        out.append(text(data, "covers_mode", mode=names(data, "modes", modes)))
    return out


def process(data: dict, ranked: list[dict], by_id: dict, a: dict, statutory: list[dict]) -> dict[str, Any] | None:
    """One core format and up to max_supplements supplements that cover what it lacks; None without a core."""
    eligible = [r for r in ranked if r["band"] != "svag" and r["score"] >= data["limits"]["fit_floor"]]
    if not eligible:
        return None
    core = by_id[eligible[0]["format"]]
    gaps = _gaps(data, core, a)
    supplements = []
    taken = {core["id"], *[d["format"] for d in statutory if d["format"]]}
    candidates = []
    for f in data["formats"]:
        if f["id"] in taken or f["statutory"] or not f["supplement"] or blocking(data, f, a, as_core=False):
            continue
        lower = bool(a.get("influence")) and a["influence"] not in f["influence"]
        covers = _covers(data, f, gaps, lower)
        if not covers:
            continue
        fit = next((r for r in ranked if r["format"] == f["id"]), None)
        score = fit["score"] if fit else 0
        candidates.append((f, covers, score, lower))
    candidates.sort(key=lambda c: (-len(c[1]), c[3], -(1 if c[0]["id"] in core["combines"] else 0), -c[2], c[0]["id"]))
    covered: list[str] = []
    for f, covers, score, lower in candidates:
        new = [c for c in covers if c not in covered]
        if not new or len(supplements) >= data["limits"]["max_supplements"]:
            continue
        covered.extend(new)
        order = data["order"]["influence"]
        level = a.get("influence")
        if lower:
            level = sorted([x for x in f["influence"] if _level(order, x) < _level(order, a["influence"])],
                           key=lambda x: -_level(order, x))[0]
        supplements.append({"format": f["id"], "covers": new,
                            "influence": level or "",
                            "lower_promise": text(data, "lower_promise", level=label(data, "influence-levels", level))
                            if lower else ""})
    return {"core": core["id"], "supplements": supplements}


def sequence(data: dict, plan: dict | None, statutory: list[dict], by_id: dict, a: dict) -> dict[str, Any]:
    """The steps in stage order: the statutory minimum at its stage and the core format at its stage, one after the
    other; the supplements alongside the core. Only formats of this process, and it says so when the weeks are not
    enough."""
    order = data["order"]["stages"]
    start_stage = a.get("stage") if _answered(a, "stage") else None
    steps = []
    if plan:
        core = by_id[plan["core"]]
        stage = start_stage if start_stage in core["stages"] else next(
            (s for s in order if s in core["stages"] and (not start_stage or _level(order, s) >= _level(order, start_stage))),
            core["stages"][0] if core["stages"] else order[0])
        steps.append({"stage": stage, "format": core["id"], "weeks": weeks_needed(core, a), "role": "kerne"})
    for d in statutory:
        if d["format"]:
            steps.append({"stage": d["stage"], "format": d["format"], "weeks": d["weeks"], "role": "lovpligtig"})
    steps.sort(key=lambda s: (_level(order, s["stage"]), 0 if s["role"] == "kerne" else 1, s["format"]))
    week = 0
    for s in steps:
        s["start"], s["parallel"] = week, ""
        week += s["weeks"]
    total = week
    if plan:
        core_step = next(s for s in steps if s["role"] == "kerne")
        at = steps.index(core_step) + 1
        for sup in plan["supplements"]:
            f = by_id[sup["format"]]
            step = {"stage": core_step["stage"], "format": f["id"], "weeks": weeks_needed(f, a), "role": "supplement",
                    "start": core_step["start"], "parallel": core_step["format"]}
            total = max(total, step["start"] + step["weeks"])
            steps.insert(at, step)
            at += 1
    fits = "weeks_available" not in a or total <= a["weeks_available"]
    note = "" if fits else text(data, "sequence_too_long", total=total, weeks=num(a["weeks_available"]))
    return {"steps": steps, "weeks": total, "fits": fits, "note": note}


# --- 7. cases -----------------------------------------------------------------------------------------------------

def similar_cases(data: dict, a: dict, formats_in_process: list[str]) -> tuple[list[dict], str]:
    sim = data["similarity"]
    wanted = {"policy_areas": a.get("policy_areas", []), "purposes": a.get("purposes", []),
              "participants": [g for g in a.get("participants", [])], "formats": formats_in_process}
    possible = sum(sim[k] for k in ("policy_areas", "purposes", "participants", "formats") if wanted[k])
    if a.get("influence"):
        possible += sim["influence"]
    if possible == 0:
        return [], ""
    scored = []
    for cid, c in data["cases"].items():
        got = 0.0
        shared_area = [x for x in c["policy_areas"] if x in wanted["policy_areas"]]
        shared_format = [x for x in c["formats"] if x in wanted["formats"]]
        if sim["require_area_or_format"] and not shared_area and not shared_format:
            continue
        for key in ("policy_areas", "purposes", "participants", "formats"):
            if wanted[key]:
                shared = [x for x in c[key] if x in wanted[key]]
                got += sim[key] * len(shared) / len(wanted[key])
        if a.get("influence") and c["influence"] == a["influence"]:
            got += sim["influence"]
        similarity = math.floor(100 * got / possible + 0.5)
        if similarity >= data["limits"]["case_floor"]:
            scored.append({"case": cid, "similarity": similarity, "start": c["start"]})
    scored.sort(key=lambda x: (-x["similarity"], -x["start"], x["case"]))
    chosen = scored[:data["limits"]["max_cases"]]
    message = ""
    if not chosen:
        topic = names(data, "policy-areas", wanted["policy_areas"]) if wanted["policy_areas"] else ""
        message = text(data, "no_cases", topic=topic) if topic else text(data, "no_cases_generic")
    return [{"case": c["case"], "similarity": c["similarity"]} for c in chosen], message


# --- putting it together ------------------------------------------------------------------------------------------

def recommend(kb: KnowledgeBase, answers: dict[str, Any]) -> dict[str, Any]:
    return recommend_from_data(decision_data(kb), answers)


def _empty(data: dict, a: dict) -> bool:
    return not any(k in a for k in ("purposes", "influence", "participants", "weeks_available", "outcome_open",
                                    "council_commitment", "policy_areas", "stage", "legal_duties"))


def recommend_from_data(data: dict[str, Any], answers: Any) -> dict[str, Any]:
    a = clean(data, answers)
    result: dict[str, Any] = {"empty": False, "gate": gate(data, a), "statutory": [], "duty_hints": [],
                              "recommendations": [], "process": None, "near_misses": [], "nothing_fits": False,
                              "message": "", "sequence": [], "sequence_plan": None, "cases": [], "cases_message": "",
                              "principles": [], "risks": [], "effort": None}
    if _empty(data, a):
        result["empty"] = True
        result["message"] = text(data, "empty")
        return result
    result["statutory"], result["duty_hints"] = duties(data, a)
    if not result["gate"]["passed"]:
        result["principles"] = list(data["gate"]["principles"])
        if result["gate"]["route"] == "information":
            result["information_plan"] = list(data["gate"]["information_plan"])
        return result

    by_id = {f["id"]: f for f in data["formats"]}
    candidates = [f for f in data["formats"] if not f["statutory"]]
    blocked = {f["id"]: blocking(data, f, a) for f in candidates}
    viable = [f for f in candidates if not blocked[f["id"]]]
    ranked = assess(data, viable, a, candidates)
    plan = process(data, ranked, by_id, a, result["statutory"])
    result["process"] = plan
    top = [r for r in ranked if r["band"] != "svag" and r["score"] >= data["limits"]["fit_floor"]]
    top = top[:data["limits"]["max_recommendations"]]
    for r in top:
        f = by_id[r["format"]]
        role = "kerne" if plan and plan["core"] == f["id"] else "alternativ"
        result["recommendations"].append({
            "format": f["id"], "score": r["score"], "band": r["band"], "role": role, "basis": r["basis"],
            "reasons": _reason_lines(data, f, a) + [{k: x[k] for k in ("question", "fit", "text", "counted")}
                                                    for x in r["reasons"]],
            "caveats": r["caveats"], "tie": r.get("tie", "")})

    misses = [{"format": f["id"], "reason": blocked[f["id"]][0]["text"],
               "reasons": [b["text"] for b in blocked[f["id"]]], "unlock": [b["unlock"] for b in blocked[f["id"]]],
               "size": sum(b["size"] for b in blocked[f["id"]]), "count": len(blocked[f["id"]]), "excluded": True}
              for f in candidates if blocked[f["id"]]]
    misses.sort(key=lambda m: (m["count"], m["size"], m["format"]))
    if not top:
        result["nothing_fits"] = True
        result["message"] = text(data, "nothing_fits") if misses else text(data, "nothing_strong")
    weak = [{"format": r["format"], "reason": text(data, "weak_fit", basis=r["basis"]), "reasons": [c["text"] for c in r["caveats"]],
             "unlock": [], "size": 0, "count": 0, "excluded": False, "score": r["score"], "band": r["band"]}
            for r in ranked if r not in top]
    wanted = data["limits"]["max_near_misses"]
    shown = misses[:wanted]
    if len(top) + len(shown) < 2 or not top:
        shown = (misses + weak)[:max(wanted, 2)]
    result["near_misses"] = [{k: v for k, v in m.items() if k not in ("size", "count")} for m in shown]

    seq = sequence(data, plan, result["statutory"], by_id, a)
    result["sequence"] = [{"stage": s["stage"], "format": s["format"], "weeks": s["weeks"], "start": s["start"],
                           "role": s["role"], "parallel": s["parallel"]} for s in seq["steps"]]
    result["sequence_plan"] = {"weeks": seq["weeks"], "fits": seq["fits"], "note": seq["note"]}
    in_process = [s["format"] for s in result["sequence"]] or [r["format"] for r in result["recommendations"]]
    result["cases"], result["cases_message"] = similar_cases(data, a, in_process)
    result["principles"] = _principles(data, result["cases"])
    result["risks"] = _risks(data, [by_id[x] for x in in_process if x in by_id])
    result["effort"] = _effort(data, [by_id[x] for x in in_process if x in by_id], seq["weeks"])
    result["follow_up"] = data["follow_up"]
    return result


def _principles(data: dict, cases: list[dict]) -> list[str]:
    out = list(data["principles"])
    for c in cases:
        for p in data["cases"][c["case"]]["principles"]:
            if p not in out:
                out.append(p)
    return out[:data["limits"]["max_principles"]]


def _risks(data: dict, formats: list[dict]) -> list[str]:
    risks: list[str] = []
    for f in formats:
        for r in f["risks"]:
            if r not in risks:
                risks.append(r)
    risks.sort(key=lambda r: (-data["barriers"].get(r, 0), r))
    return risks[:data["limits"]["max_risks"]]


def _effort(data: dict, formats: list[dict], weeks: int) -> dict[str, Any] | None:
    if not formats:
        return None
    order = data["order"]["resources"]
    top = sorted(formats, key=lambda f: -_level(order, f["resources"]))[0]["resources"]
    return {"weeks": weeks, "resources": top, "text": text(data, "effort", weeks=weeks,
                                                             level=label(data, "resource-levels", top))}


def trim_for_browser(data: dict[str, Any]) -> dict[str, Any]:
    """The decision data without the cases: the page loads them from a separate file when a result needs them."""
    return {k: v for k, v in data.items() if k != "cases"}
