"""Formatvælgeren's reference implementation: rank participation formats for a situation.

The same logic runs in the browser (content/javascripts/formatvaelger.js) from the JSON that
``decision_data`` emits; a test runs both on hundreds of random answer sets and compares them.
Arithmetic is kept simple and in a fixed order (plain loops, floor(x + 0.5) for rounding) so that
Python and JavaScript produce identical scores.
"""
from __future__ import annotations

import math
from itertools import islice
from typing import Any

from .decision_schema import SCORED
from .model import KnowledgeBase

MAX_CASES = 3  # Danish cases shown with a result (the browser engine uses the same numbers)
MAX_PRINCIPLES = 6  # principles and insights shown with a result

UNKNOWN = "ved-ikke"
LOWER_SCORE = "scorer lavere end de tre første"
NOTHING_FITS = ("Inden for de rammer, I har angivet, kan intet format gennemføres fuldt ud. Her er de formater, "
                "der kommer nærmest, med grunden til, at de ikke passer helt. Overvej at give mere tid eller "
                "justere løftet om indflydelse.")
FIT_WORDS = {1: "passer", "partial": "delvist", 0: "passer-ikke", None: "ukendt"}


def decision_data(kb: KnowledgeBase) -> dict[str, Any]:
    """Everything the scoring needs, as plain JSON-ready data (emitted for the browser too)."""
    config = kb.decision
    formats = []
    for fid in sorted(kb.formats):
        f = kb.formats[fid]
        d = f.decision
        formats.append({
            "id": fid, "title": f.title, "purposes": f.purposes, "influence": f.influence_levels,
            "participants": f.participant_groups, "stages": f.stages, "modes": f.modes,
            "resources": f.resources, "min_weeks": d.min_weeks if d else 0,
            "conflict": d.conflict if d else ["lav", "middel", "hoej"],
            "policy_areas": d.policy_areas if d else [], "risks": f.risks,
            "combines": list(dict.fromkeys([*f.combines_with, *kb.referrers("formats", fid, "formats")])),
            "cases": kb.referrers("formats", fid, "cases"),
        })
    cases = {cid: {"title": c.title, "municipality": kb.label("municipalities", c.municipality),
                   "policy_areas": list(c.policy_areas), "start": c.period.start, "principles": list(c.principles)}
             for cid, c in kb.cases.items()}
    barriers = {tid: (t.figure.percent if t.figure and t.figure.percent is not None else 0)
                for tid, t in kb.terms("barriers").items()}
    return {
        "weights": config.weights.model_dump(), "purpose_rank_factors": config.purpose_rank_factors,
        "partial": config.partial, "neutral": config.neutral,
        "gate": {"message": " ".join(config.gate.message.split()), "principles": config.gate.principles},
        "principles": config.principles,
        "influence_order": list(kb.terms("influence-levels")), "stage_order": list(kb.terms("stages")),
        "resource_order": list(kb.terms("resource-levels")),
        "labels": {q.id: q.label for q in config.questions},
        "formats": formats, "cases": cases, "barriers": barriers,
    }


def trim_for_browser(data: dict[str, Any]) -> dict[str, Any]:
    """The same decision data, keeping only the cases some answer set can bring into a result.

    A result shows at most MAX_CASES cases: for each recommended format its newest cases, those in the asked-for
    policy area first, then the newest cases in that area; and it reads the top format's cases in order for
    principles until it has MAX_PRINCIPLES. Keeping exactly what those rules can reach gives the same results as the full
    data (a test checks it) while Formatvælgeren's page stays the same size however many cases the base holds.
    """
    cases = data["cases"]
    areas = sorted({area for c in cases.values() for area in c["policy_areas"]})

    def newest_first(ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda c: (-cases[c]["start"], c))

    def newest_in(area: str, ordered: list[str], count: int) -> list[str]:
        return list(islice((c for c in ordered if area in cases[c]["policy_areas"]), count))

    keep: set[str] = set()
    formats = []
    for f in data["formats"]:
        ordered = newest_first(f["cases"])
        # Without a policy area the newest come first; with one, the newest in that area, then the newest others
        # (found among the first MAX_CASES overall). Any already chosen are skipped, not counted, so MAX_CASES do.
        reachable = set(ordered[:MAX_CASES])
        for area in areas:
            reachable.update(newest_in(area, ordered, MAX_CASES))
        principles = list(data["principles"])
        for cid in f["cases"]:
            if len(principles) >= MAX_PRINCIPLES:
                break
            reachable.add(cid)
            principles.extend(p for p in dict.fromkeys(cases[cid]["principles"]) if p not in principles)
        keep |= reachable
        formats.append({**f, "cases": [c for c in f["cases"] if c in reachable]})
    # The fallback (the newest cases in the policy area, whatever their format) needs nothing more: each of the
    # MAX_CASES newest in an area is also among the MAX_CASES newest in that area for each of its own formats.
    return {**data, "formats": formats, "cases": {cid: c for cid, c in cases.items() if cid in keep}}


def check_answers(kb: KnowledgeBase, answers: Any) -> list[str]:
    """Danish problems with an answer set: unknown questions or options, wrong types."""
    if not isinstance(answers, dict):
        return ["svarene skal være et JSON-objekt, fx {\"purposes\": [\"prioritere\"]}"]
    questions = {q.id: q for q in kb.decision.questions}
    problems = []
    for key, value in answers.items():
        q = questions.get(key)
        if q is None:
            problems.append(f"ukendt spørgsmål '{key}'; kendte: {', '.join(questions)}")
            continue
        allowed = [o.id for o in q.options] or list(kb.terms(q.vocabulary or ""))
        allowed.append(UNKNOWN)
        if q.kind == "number":
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                problems.append(f"'{key}' skal være et tal (antal uger) eller null")
            continue
        values = value if isinstance(value, list) else [value]
        if q.kind in ("one",) and isinstance(value, list):
            problems.append(f"'{key}' skal være ét svar, ikke en liste")
            continue
        if q.kind == "ranked" and isinstance(value, list) and len(value) > (q.max_choices or 3):
            problems.append(f"'{key}' må højst have {q.max_choices or 3} svar")
        for v in values:
            if v is not None and v not in allowed:
                problems.append(f"'{v}' er ikke et svar på '{key}'; mulige: {', '.join(allowed)}")
    return problems


def _clean(answers: dict[str, Any]) -> dict[str, Any]:
    """Drop skipped and 'ved ikke' answers: both score as neutral."""
    out: dict[str, Any] = {}
    for key, value in (answers or {}).items():
        if isinstance(value, list):
            value = [v for v in value if isinstance(v, str) and v and v != UNKNOWN]
            if value:
                out[key] = list(dict.fromkeys(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, (int, float)) and key == "weeks_available":
            if value >= 0:
                out[key] = value
        elif isinstance(value, str) and value and value != UNKNOWN and key != "weeks_available":
            out[key] = value
    if "purposes" in out:
        out["purposes"] = out["purposes"][:3]
    return out


def _exclusion(f: dict, a: dict, data: dict) -> str | None:
    """The reason a format is truly impossible for this situation, or None."""
    if "weeks_available" in a and f["min_weeks"] > a["weeks_available"]:
        return f"kræver mindst {f['min_weeks']} uger, og der er {_num(a['weeks_available'])}"
    if "influence" in a and f["influence"]:
        order = data["influence_order"]
        levels = [order.index(x) for x in f["influence"]]
        wanted = order.index(a["influence"])
        if wanted > max(levels):
            return "kan ikke indfri det løfte om indflydelse, I vil give"
        if wanted < min(levels):
            return "giver borgerne mere indflydelse, end I vil love"
    if "repraesentativt-udsnit" in a.get("participants", []) and "repraesentativt-udsnit" not in f["participants"]:
        return "kan ikke nå et repræsentativt udsnit af borgerne"
    return None


def _fit(question: str, f: dict, a: dict, data: dict) -> tuple[float | None, str]:
    """(fit, explanation) for one question; fit None means unknown (scored as neutral)."""
    partial = data["partial"]
    if question == "purposes":
        chosen = a.get("purposes")
        if not chosen:
            return None, "formålet er ikke angivet"
        total = 0.0
        got = 0.0
        for i, p in enumerate(chosen):
            factor = data["purpose_rank_factors"][i]
            total += factor
            if p in f["purposes"]:
                got += factor
        hits = [p for p in chosen if p in f["purposes"]]
        fit = got / total
        return fit, (f"passer til {len(hits)} af {len(chosen)} formål" if hits else "passer ikke til formålet")
    if question == "influence":
        if "influence" not in a:
            return None, "løftet om indflydelse er ikke angivet"
        if a["influence"] in f["influence"]:
            return 1, "kan indfri løftet om indflydelse"
        return partial, "kan indfri løftet, men er ikke typisk brugt på det niveau"
    if question == "participants":
        chosen = a.get("participants")
        if not chosen:
            return None, "deltagerne er ikke angivet"
        hits = 0
        for g in chosen:
            if g in f["participants"]:
                hits += 1
        return hits / len(chosen), f"egnet til {hits} af {len(chosen)} deltagergrupper"
    if question == "stage":
        if "stage" not in a:
            return None, "fasen er ikke angivet"
        if a["stage"] in f["stages"]:
            return 1, "passer til fasen"
        order = data["stage_order"]
        here = order.index(a["stage"])
        if any(abs(order.index(s) - here) == 1 for s in f["stages"]):
            return partial, "bruges typisk i en fase lige før eller efter"
        return 0, "bruges typisk i andre faser"
    if question == "policy_area":
        if "policy_area" not in a or not f["policy_areas"]:
            return None, "ikke knyttet til bestemte politikområder"
        if a["policy_area"] in f["policy_areas"]:
            return 1, "særligt egnet til politikområdet"
        return partial, "ikke særligt knyttet til politikområdet"
    if question == "conflict":
        if "conflict" not in a:
            return None, "konfliktniveauet er ikke angivet"
        if a["conflict"] in f["conflict"]:
            return 1, "kan håndtere konfliktniveauet"
        return 0, "er ikke egnet til konfliktniveauet"
    if question == "weeks_available":
        if "weeks_available" not in a:
            return None, "tiden er ikke angivet"
        return 1, f"kan nås på {_num(a['weeks_available'])} uger (kræver mindst {f['min_weeks']})"
    if question == "budget":
        if "budget" not in a or not f["resources"]:
            return None, "ressourcerne er ikke angivet"
        order = data["resource_order"]
        gap = order.index(f["resources"]) - order.index(a["budget"])
        if gap <= 0:
            return 1, "kan gennemføres med de ressourcer, I har"
        if gap == 1:
            return partial, "kræver lidt flere ressourcer, end I har"
        return 0, "kræver langt flere ressourcer, end I har"
    if question == "mode":
        if "mode" not in a or a["mode"] == "uden-betydning" or not f["modes"]:
            return None, "formen er uden betydning"
        if a["mode"] in f["modes"]:
            return 1, "passer til den ønskede form"
        if a["mode"] == "hybrid" or "hybrid" in f["modes"]:
            return partial, "kan delvist gennemføres i den ønskede form"
        return 0, "foregår i en anden form"
    raise ValueError(question)


def _score(f: dict, a: dict, data: dict) -> tuple[int, list[dict], float]:
    weights = data["weights"]
    total = 0.0
    got = 0.0
    reasons = []
    worst_loss = -1.0
    worst = LOWER_SCORE
    for q in SCORED:
        w = weights[q]
        fit, text = _fit(q, f, a, data)
        value = data["neutral"] if fit is None else fit
        total += w
        got += w * value
        word = "ukendt" if fit is None else ("passer" if fit == 1 else ("passer-ikke" if fit == 0 else "delvist"))
        reasons.append({"question": q, "fit": word, "text": text})
        loss = w * (1 - value)
        if fit is not None and loss > 0 and loss > worst_loss:
            worst_loss, worst = loss, f"{data['labels'][q]}: {text}"
    score = math.floor(100 * got / total + 0.5) if total else 0
    return score, reasons, worst


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x).replace(".", ",")


def recommend(kb: KnowledgeBase, answers: dict[str, Any]) -> dict[str, Any]:
    return recommend_from_data(decision_data(kb), answers)


def recommend_from_data(data: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    a = _clean(answers)
    if answers.get("outcome_open") == "nej" or answers.get("council_commitment") == "nej":
        return {"gate": {"passed": False, "message": data["gate"]["message"]},
                "recommendations": [], "near_misses": [], "sequence": [], "cases": [],
                "principles": data["gate"]["principles"], "risks": []}
    scored, excluded = [], []
    for f in data["formats"]:
        score, reasons, worst = _score(f, a, data)
        reason = _exclusion(f, a, data)
        (excluded if reason else scored).append((f, score, reasons, reason or worst))
    scored.sort(key=lambda item: (-item[1], item[0]["id"]))
    excluded.sort(key=lambda item: (-item[1], item[0]["id"]))
    message = ""
    if not scored:
        # Never an empty answer: when every format is impossible within the frame, show the nearest ones
        # with the reason each one does not fit, and say so.
        message = NOTHING_FITS
        scored, excluded = excluded, []
        for f, s, r, why in scored:
            r.insert(0, {"question": "exclusion", "fit": "passer-ikke", "text": why})
    top = scored[:3]
    recommendations = [{"format": f["id"], "score": s, "reasons": r} for f, s, r, _ in top]
    misses = [{"format": f["id"], "score": s, "reason": why, "excluded": True} for f, s, _, why in excluded[:3]]
    for f, s, _, why in scored[3:3 + 3 - len(misses)]:
        misses.append({"format": f["id"], "score": s, "reason": why, "excluded": False})
    return {
        "gate": {"passed": True, "message": message},
        "recommendations": recommendations,
        "near_misses": misses,
        "sequence": _sequence(scored, a, data),
        "cases": _cases([f for f, *_ in top], a, data),
        "principles": _principles([f for f, *_ in top], data),
        "risks": _risks([f for f, *_ in top], data),
    }


def _sequence(scored: list, a: dict, data: dict) -> list[dict]:
    """A suggested order of formats over the stages, starting where the user is."""
    if not scored:
        return []
    first = scored[0][0]
    order = data["stage_order"]
    start = a.get("stage") or next((s for s in order if s in first["stages"]), order[0])
    steps = [{"stage": start, "format": first["id"]}]
    used = {first["id"]}
    for stage in order[order.index(start) + 1:]:
        candidates = [f for f, *_ in scored if stage in f["stages"] and f["id"] not in used]
        preferred = [f for f in candidates if f["id"] in first["combines"]]
        pick = (preferred or candidates or [None])[0]
        if pick is not None:
            steps.append({"stage": stage, "format": pick["id"]})
            used.add(pick["id"])
        if len(steps) == 3:
            break
    return steps


def _cases(top: list[dict], a: dict, data: dict) -> list[str]:
    """The 2–3 most comparable Danish cases: same format first, then the same policy area."""
    area = a.get("policy_area")
    chosen: list[str] = []
    for f in top:
        ids = sorted(f["cases"], key=lambda c: (0 if area in data["cases"][c]["policy_areas"] else 1,
                                                -data["cases"][c]["start"], c))
        for cid in ids:
            if cid not in chosen:
                chosen.append(cid)
            if len(chosen) == MAX_CASES:
                return chosen
    if area and len(chosen) < MAX_CASES:
        for cid in sorted(data["cases"], key=lambda c: (-data["cases"][c]["start"], c)):
            if area in data["cases"][cid]["policy_areas"] and cid not in chosen:
                chosen.append(cid)
            if len(chosen) == MAX_CASES:
                break
    return chosen


def _principles(top: list[dict], data: dict) -> list[str]:
    out = list(data["principles"])
    for f in top[:1]:
        for cid in f["cases"]:
            for pid in data["cases"][cid]["principles"]:
                if pid not in out:
                    out.append(pid)
    return out[:MAX_PRINCIPLES]


def _risks(top: list[dict], data: dict) -> list[str]:
    risks: list[str] = []
    for f in top:
        for r in f["risks"]:
            if r not in risks:
                risks.append(r)
    risks.sort(key=lambda r: (-data["barriers"].get(r, 0), r))
    return risks[:5]
