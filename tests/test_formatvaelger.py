"""Formatvælgeren: advice judged against practice (a suite of situations), invariants over random situations,
Python–JavaScript parity on more than a thousand answer sets, and the command line as a public interface."""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_cli

from generator.recommend import check_answers, decision_data, recommend_from_data

SCENARIOS = yaml.safe_load((Path(__file__).parent / "formatvaelger_scenarios.yml").read_text("utf-8"))
ENGINE = ROOT / "content" / "javascripts" / "formatvaelger-engine.js"


@pytest.fixture(scope="module")
def data(kb):
    return decision_data(kb)


def shown_formats(result) -> set[str]:
    """Every format the result recommends or puts in the process (not the statutory steps the law requires)."""
    top = {r["format"] for r in result["recommendations"]}
    process = {s["format"] for s in result["sequence"] if s["role"] != "lovpligtig"}
    return top | process


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_advice_is_what_practice_expects(data, scenario):
    assert not check_answers(data, scenario["answers"]), scenario["answers"]
    result = recommend_from_data(data, scenario["answers"])
    top = [r["format"] for r in result["recommendations"]]
    if "route" in scenario:
        assert result["gate"]["route"] == scenario["route"]
        assert not top and not result["sequence"]
        assert result["gate"]["message"]
        if scenario["route"] == "information":
            assert result["information_plan"]
        return
    assert result["gate"]["passed"], result["gate"]
    if scenario.get("any_of"):
        assert set(scenario["any_of"]) & set(top), f"none of {scenario['any_of']} among {top}"
    assert not set(scenario.get("never", [])) & shown_formats(result), shown_formats(result)
    if scenario.get("nothing_fits"):
        assert result["nothing_fits"] and not top
        assert len(result["near_misses"]) >= 2 and all(m["unlock"] for m in result["near_misses"] if m["excluded"])
    for duty in scenario.get("duties", []):
        assert duty in [d["duty"] for d in result["statutory"]]
        entry = next(d for d in result["statutory"] if d["duty"] == duty)
        assert entry["minimum"] and entry["sources"]
    for fid in scenario.get("sequence_includes", []):
        assert fid in [s["format"] for s in result["sequence"]]
    if scenario.get("gate_warning"):
        assert result["gate"]["warnings"]
    for duty in scenario.get("duty_hints", []):
        assert duty in [h["duty"] for h in result["duty_hints"]]


def test_the_scenario_suite_covers_the_situations_practice_asks_about():
    assert len(SCENARIOS) >= 30
    names = " ".join(s["name"].lower() for s in SCENARIOS)
    for topic in ("lokalplan", "skole", "borgerbudget", "unge og klima", "ledige", "truffet", "uger", "ressourcer",
                  "digitalt", "intet passer"):
        assert topic in names, topic


# --- invariants over random situations ----------------------------------------------------------------------------

def random_answers(rng: random.Random, data: dict, *, hostile: bool = False) -> dict:
    answers: dict = {}
    for q in data["questions"]:
        if rng.random() < 0.35:
            continue
        options = q["options"] + (["ved-ikke"] if q["unknown"] else [])
        if q["kind"] == "number":
            answers[q["id"]] = rng.choice([0, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 26, 40, 52, 2.5, 520])
        elif q["kind"] == "one":
            answers[q["id"]] = rng.choice(options)
        else:
            answers[q["id"]] = rng.sample(q["options"], min(len(q["options"]), rng.randint(1, q["max"] or 4)))
    if rng.random() < 0.3:
        answers["priorities"] = {d["id"]: rng.randint(0, data["limits"]["priority_max"]) for d in data["dimensions"]
                                 if rng.random() < 0.6}
    if hostile:
        key = rng.choice([q["id"] for q in data["questions"]] + ["priorities", "ukendt", "__proto__", "1"])
        answers[key] = rng.choice([None, True, -1, 1e308, 10**30, 2.5, "x", "", [], {}, ["x"], ["ja", "ja"],
                                   [1, None], {"a": 1}, {"bredde": 4}, {"bredde": True}, "ved-ikke", "Ø" * 3,
                                   [[[]]], "prioritere"])
    return answers


def level(data, order, x):
    return data["order"][order].index(x) if x in data["order"][order] else 0


@pytest.mark.parametrize("seed", range(4))
def test_invariants_hold_in_random_situations(data, seed):
    rng = random.Random(7000 + seed)
    formats = {f["id"]: f for f in data["formats"]}
    for _ in range(250):
        answers = random_answers(rng, data)
        result = recommend_from_data(data, answers)
        passed = result["gate"]["passed"]
        if result["empty"] or not passed:
            assert not result["recommendations"] and not result["sequence"] and result["process"] is None
            continue
        top = result["recommendations"]
        if not result["nothing_fits"]:
            for r in top:  # no ✗ in a recommendation, unless the result says nothing fits
                assert all(x["fit"] != "passer-ikke" for x in r["reasons"]), r
        for r in top:
            f = formats[r["format"]]
            assert not f["statutory"]
            assert 0 <= r["score"] <= 100 and r["band"] in ("god", "mulig")
            for x in r["reasons"]:  # no ✓ on a requirement the format does not meet
                if x["fit"] != "passer":
                    continue
                if x["question"] == "weeks_available":
                    need = f["min_weeks_existing"] if f["standing"] and f["id"] in answers.get("existing_bodies", []) \
                        else f["min_weeks"]
                    assert need <= answers["weeks_available"]
                if x["question"] == "influence":
                    assert answers["influence"] in f["influence"]
                if x["question"] == "mode" and answers.get("mode") in ("fysisk", "digital"):
                    assert answers["mode"] in f["modes"]
                if x["question"] == "budget" and answers.get("budget") not in (None, "ved-ikke"):
                    assert level(data, "budget", f["resources"]) <= max(level(data, "budget", answers["budget"]), 1)
        if answers.get("influence") in ("inddrage", "samarbejde"):  # no referendum for a promise to involve
            assert "folkeafstemning" not in shown_formats(result)
        shown = {r["format"] for r in top} | {m["format"] for m in result["near_misses"]}
        if result["process"]:
            shown |= {s["format"] for s in result["process"]["supplements"]}
        assert len(shown) >= 2, result  # at least two formats whenever the gate passes
        for m in result["near_misses"]:
            if m["excluded"]:
                assert m["reasons"] and len(m["unlock"]) == len(m["reasons"]) and "score" not in m
        in_process = {result["process"]["core"], *[s["format"] for s in result["process"]["supplements"]]} \
            if result["process"] else set()
        statutory = {d["format"] for d in result["statutory"] if d["format"]}
        assert {s["format"] for s in result["sequence"]} <= in_process | statutory
        plan = result["sequence_plan"]
        if "weeks_available" in answers and plan["weeks"] > answers["weeks_available"]:
            assert not plan["fits"] and plan["note"]


def test_nothing_is_recommended_before_any_answer(data):
    for answers in ({}, {"priorities": {"bredde": 3}}, {"mode": "digital", "budget": "lav"}):
        result = recommend_from_data(data, answers)
        assert result["empty"] and result["message"]
        assert not result["recommendations"] and not result["near_misses"] and result["process"] is None


def test_scores_rest_on_the_criteria_that_tell_formats_apart(data):
    """Weeks and promise are requirements; with only those answered no criterion counts, and the result says so."""
    result = recommend_from_data(data, {"weeks_available": 52, "influence": "hoere"})
    assert result["recommendations"]
    assert all("ingen af svarene skiller" in r["basis"] for r in result["recommendations"])
    assert all(x["question"] not in ("weeks_available", "influence") or not x["counted"]
               for r in result["recommendations"] for x in r["reasons"])


def test_an_existing_council_is_asked_in_weeks_not_set_up_in_months(data):
    base = {"purposes": ["hoere-holdninger"], "influence": "hoere", "participants": ["unge"], "weeks_available": 4}
    from generator.recommend import blocking, clean

    council = next(f for f in data["formats"] if f["id"] == "ungeraad")
    without = blocking(data, council, clean(data, base))
    assert [b["question"] for b in without] == ["weeks_available"]
    assert not blocking(data, council, clean(data, {**base, "existing_bodies": ["ungeraad"]}))
    result = recommend_from_data(data, {**base, "existing_bodies": ["ungeraad"], "policy_areas": ["boern-og-unge"]})
    assert "ungeraad" in [r["format"] for r in result["recommendations"]]


def test_priorities_move_the_ranking(data):
    base = {"purposes": ["hoere-holdninger"], "influence": "hoere", "participants": ["alle-beroerte"], "weeks_available": 20}
    breadth = recommend_from_data(data, {**base, "priorities": {"bredde": 3, "dybde": 0}})
    depth = recommend_from_data(data, {**base, "priorities": {"bredde": 0, "dybde": 3}})
    assert [r["format"] for r in breadth["recommendations"]] != [r["format"] for r in depth["recommendations"]]


# --- Python and JavaScript give the same result or the same refusal ----------------------------------------------

def run_js(engine_data: dict, answer_sets: list, tmp_path: Path) -> list:
    (tmp_path / "data.json").write_text(json.dumps(engine_data, ensure_ascii=False), "utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(answer_sets, ensure_ascii=False), "utf-8")
    script = (f"const e = require({json.dumps(str(ENGINE))}); const fs = require('fs');"
              f"const d = JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'data.json'))}, 'utf8'));"
              f"const s = JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'answers.json'))}, 'utf8'));"
              "process.stdout.write(JSON.stringify(s.map(a => [e.checkAnswers(d, a), e.recommend(d, a)])));")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=300, check=True).stdout
    return json.loads(out)


def parity_sets(data: dict) -> list:
    rng = random.Random(20261202)
    sets = [random_answers(rng, data) for _ in range(700)] + [random_answers(rng, data, hostile=True) for _ in range(400)]
    sets += [s["answers"] for s in SCENARIOS]
    sets += [[], "x", None, 5, {"weeks_available": -1}, {"weeks_available": 521}, {"purposes": ["a"] * 5},
             {"purposes": ["prioritere", "prioritere"]}, {"priorities": []}, {"priorities": {"x": 1}},
             {"priorities": {"bredde": 2.5}}, {"influence": ["hoere"]}, {"participants": "unge"}]
    return sets


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
@pytest.mark.parametrize("variant", ["full", "browser"])
def test_browser_engine_gives_exactly_what_python_gives(kb, data, tmp_path, variant):
    from generator.decision_page import browser_data, decision_files
    from generator.pages import directory_url

    if variant == "full":
        engine_data = data
    else:  # what the page holds once it has loaded cases.json
        engine_data = browser_data(kb, directory_url)
        engine_data["cases"] = json.loads(decision_files(kb, directory_url)["formatvaelger/cases.json"])
    sets = parity_sets(data)
    assert len(sets) >= 1000
    from_js = run_js(engine_data, sets, tmp_path)
    refused = 0
    for answers, (js_check, js_result) in zip(sets, from_js):
        py_check = check_answers(data, answers)
        assert js_check == py_check, answers
        refused += bool(py_check)
        py_result = recommend_from_data(data, answers)
        if variant == "browser":  # the page's case records carry their URL besides
            assert js_result["cases"] == py_result["cases"], answers
            js_result, py_result = dict(js_result, principles=None), dict(py_result, principles=None)
        assert js_result == py_result, answers
    assert 100 < refused < len(sets) - 500  # both refusals and results were compared


def test_no_text_or_rule_is_written_into_the_engines():
    """Danish texts live in decision/formatvaelger.yml; the engines and the page script only apply them."""
    danish = re.compile(r"""["'][^"'\n]*[æøåÆØÅ][^"'\n]*["']""")
    for path in (ENGINE, ROOT / "content" / "javascripts" / "formatvaelger.js", ROOT / "generator" / "recommend.py"):
        code = path.read_text("utf-8")
        code = re.sub(r"(?m)^\s*(//|/\*|\*|#).*$", "", code)  # comments may be Danish-free or not; not checked
        code = re.sub(r'"""[\s\S]*?"""', "", code)
        assert not danish.findall(code), (path.name, danish.findall(code)[:5])
    js = ENGINE.read_text("utf-8")
    for limit in ("max_cases", "max_principles", "max_recommendations", "fit_floor"):
        assert f"limits.{limit}" in js  # read from the data, not a number in the code


def test_every_text_the_code_uses_is_in_the_data(data):
    from generator.decision_schema import TEXT_KEYS

    used = set()
    for path in (ENGINE, ROOT / "content" / "javascripts" / "formatvaelger.js"):
        used |= set(re.findall(r'''\bt(?:ext)?\((?:data, )?"([a-z][a-z0-9_]*)"''', path.read_text("utf-8")))
    used |= set(re.findall(r'''text\(data, "([a-z][a-z0-9_]*)"''', (ROOT / "generator" / "recommend.py").read_text("utf-8")))
    assert used, "no text lookups found"
    prefixes = {k for k in used if k.endswith("_")}  # t("band_" + band): a family of texts
    for prefix in prefixes:
        assert [k for k in TEXT_KEYS if k.startswith(prefix)], prefix
    assert used - prefixes <= TEXT_KEYS <= set(data["texts"]), sorted(used - prefixes - TEXT_KEYS)


# --- the command line -------------------------------------------------------------------------------------------

ODENSE = SCENARIOS[0]["answers"]


def test_command_line_prints_the_public_json(tmp_path):
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(ODENSE), "utf-8")
    result = run_cli("recommend", "--answers", str(path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out["gate"]) >= {"passed", "message"}
    assert out["recommendations"][0]["format"] == "borgersamling"
    for rec in out["recommendations"]:
        assert {"format", "score", "reasons"} <= set(rec)
        assert all({"question", "fit", "text"} <= set(x) for x in rec["reasons"])
    assert {"near_misses", "sequence", "cases"} <= set(out)
    assert json.loads(run_cli("recommend", "--answers", "-", stdin=json.dumps(ODENSE)).stdout) == out


@pytest.mark.parametrize("raw, message", [
    ('{"purposes": "prioritere"}', "'purposes' skal være en liste"),
    ('{"influence": "alt"}', "'alt' er ikke et svar på 'influence'"),
    ('{"weeks_available": 1e308}', "'weeks_available' skal være et tal fra 0 til"),
    ('{"weeks_available": Infinity}', "'Infinity' er ikke et tal"),
    ('{"weeks_available": -3}', "'weeks_available' skal være et tal fra 0 til"),
    ('{"purposes": ["findes-ikke"]}', "'findes-ikke' er ikke et svar på 'purposes'"),
    ('{"ukendt": 1}', "ukendt spørgsmål 'ukendt'"),
    ('[1, 2]', "svarene skal være et JSON-objekt"),
    ('{"purposes": [', "ugyldig JSON"),
    ("[" * 20_000 + "]" * 20_000, "indlejret for dybt"),
    ("[" * 50_000 + "]" * 50_000, "filen er for stor"),
])
def test_command_line_refuses_wrong_answers_with_one_danish_message_each(raw, message):
    result = run_cli("recommend", "--answers", "-", stdin=raw)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_command_line_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "svar.json"
    path.write_bytes('{"purposes": ["prioritere"], "x": "æ"}'.encode("latin-1"))
    result = run_cli("recommend", "--answers", str(path))
    assert result.returncode == 2 and "UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_method_page_shows_every_rule_weight_and_profile(page, kb):
    text = " ".join(page("formatvaelger/saadan-virker-den/").select_one("article").get_text(" ").split())
    config = kb.decision
    for c in config.gate.conditions:
        assert c.label in text
    for d in config.duties:
        assert d.label in text
    for dim in config.dimensions:
        assert dim.label in text
    for fid, f in kb.formats.items():
        if not f.decision.statutory:
            assert " ".join(f.decision.profile.basis.split())[:60] in text, fid
    assert f"{config.limits.band_good} point" in text and str(config.weights.purposes).replace(".", ",") in text
