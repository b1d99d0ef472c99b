"""Formatvælgeren: the five main cases, the gate, never an empty result, and Python–JavaScript parity."""
from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from conftest import ROOT, run_cli

from generator.recommend import check_answers, decision_data, recommend, recommend_from_data, trim_for_browser

MAIN_CASES = {
    # Furesø: 2030 goals made concrete on a digital platform and at guest dinners.
    "digital-platform": {"outcome_open": "ja", "council_commitment": "ja",
                         "purposes": ["udvikle-loesninger", "hoere-holdninger", "mobilisere"], "influence": "inddrage",
                         "participants": ["alle-beroerte", "unge", "boernefamilier"], "stage": "ideudvikling",
                         "policy_area": "strategi-og-styring", "conflict": "lav", "weeks_available": 12,
                         "budget": "middel", "mode": "hybrid"},
    # Hillerød: users as the content client in a competitive dialogue for a new culture and sports house.
    "konkurrencepraeget-dialog": {"purposes": ["udvikle-loesninger", "afdaekke-behov"], "influence": "samarbejde",
                                  "participants": ["brugere-og-paaroerende", "foreninger-og-civilsamfund"],
                                  "stage": "ideudvikling", "policy_area": "anlaeg-og-byggeri", "conflict": "lav",
                                  "weeks_available": 52, "budget": "hoej", "mode": "fysisk"},
    # Odense: 99 randomly selected citizens prioritising welfare under demographic pressure.
    "borgersamling": {"purposes": ["prioritere", "styrke-tillid"], "influence": "inddrage",
                      "participants": ["repraesentativt-udsnit"], "stage": "prioritering",
                      "policy_area": "budget-og-prioritering", "conflict": "hoej", "weeks_available": 20,
                      "budget": "hoej", "mode": "fysisk"},
    # Aarhus: co-creation of welfare with vulnerable citizens, users and civil society.
    "samskabelse-af-velfaerd": {"purposes": ["udvikle-loesninger", "mobilisere"], "influence": "samarbejde",
                                "participants": ["udsatte-borgere", "brugere-og-paaroerende", "foreninger-og-civilsamfund"],
                                "stage": "implementering", "policy_area": "social", "conflict": "middel",
                                "weeks_available": 52, "budget": "middel", "mode": "fysisk"},
    # Gentofte: a task committee of politicians and citizens developing new ways to create together.
    "opgaveudvalg": {"purposes": ["udvikle-loesninger"], "influence": "samarbejde",
                     "participants": ["politikere-sammen-med-borgere", "foreninger-og-civilsamfund"],
                     "stage": "ideudvikling", "policy_area": "demokrati", "conflict": "lav", "weeks_available": 40,
                     "budget": "middel", "mode": "fysisk"},
}


@pytest.mark.parametrize("expected", list(MAIN_CASES))
def test_main_case_gets_the_format_it_used_in_the_top_three(kb, expected):
    answers = MAIN_CASES[expected]
    assert not check_answers(kb, answers)
    result = recommend(kb, answers)
    assert result["gate"]["passed"]
    top = [r["format"] for r in result["recommendations"]]
    assert expected in top, top


@pytest.mark.parametrize("gate", [{"outcome_open": "nej"}, {"council_commitment": "nej"},
                                  {"outcome_open": "nej", "council_commitment": "ja", "purposes": ["prioritere"]}])
def test_gate_answers_inform_instead_of_a_format(kb, gate):
    result = recommend(kb, gate)
    assert result["gate"]["passed"] is False
    assert "Informér" in result["gate"]["message"]
    assert result["recommendations"] == []
    assert "indsigt-8-forventningsafstemning" in result["principles"]


def test_unknown_answers_do_not_close_the_gate(kb):
    assert recommend(kb, {"outcome_open": "ved-ikke", "council_commitment": "ved-ikke"})["gate"]["passed"]


@pytest.mark.parametrize("answers", [
    {},
    {"weeks_available": 0},
    {"weeks_available": 0, "participants": ["repraesentativt-udsnit"], "influence": "overdrage"},
    {"influence": "informere", "participants": ["repraesentativt-udsnit"]},
])
def test_never_an_empty_result(kb, answers):
    result = recommend(kb, answers)
    assert result["gate"]["passed"]
    assert 1 <= len(result["recommendations"]) <= 3
    for rec in result["recommendations"]:
        assert 0 <= rec["score"] <= 100
        assert {r["question"] for r in rec["reasons"]} >= {"purposes", "influence", "participants", "stage"}


def test_exclusions_only_for_impossible_formats(kb):
    result = recommend(kb, {"weeks_available": 2})
    top = {r["format"] for r in result["recommendations"]}
    for fid in top:
        assert kb.formats[fid].decision.min_weeks <= 2
    assert any(m["excluded"] and "uger" in m["reason"] for m in result["near_misses"])


def test_recommend_command_reads_a_file_and_stdin(tmp_path):
    answers = tmp_path / "svar.json"
    answers.write_text(json.dumps(MAIN_CASES["borgersamling"]), "utf-8")
    from_file = run_cli("recommend", "--answers", str(answers))
    assert from_file.returncode == 0, from_file.stderr
    result = json.loads(from_file.stdout)
    assert set(result) >= {"gate", "recommendations", "near_misses", "sequence", "cases"}
    assert result["recommendations"][0]["format"] == "borgersamling"
    from_stdin = run_cli("recommend", "--answers", "-", stdin=json.dumps(MAIN_CASES["borgersamling"]))
    assert json.loads(from_stdin.stdout) == result
    bad = run_cli("recommend", "--answers", "-", stdin='{"influence": "alt"}')
    assert bad.returncode == 1 and "'alt' er ikke et svar på 'influence'" in bad.stderr
    assert "Traceback" not in bad.stderr


def random_answers(rng: random.Random, kb) -> dict:
    def maybe(value):
        return value if rng.random() < 0.8 else rng.choice([None, "ved-ikke"])

    terms = lambda v: list(kb.terms(v))  # noqa: E731
    answers = {
        "outcome_open": rng.choice(["ja", "ja", "ja", "nej", "ved-ikke"]),
        "council_commitment": rng.choice(["ja", "ja", "ja", "nej", "ved-ikke"]),
        "purposes": rng.sample(terms("purposes"), rng.randint(0, 3)),
        "influence": maybe(rng.choice(terms("influence-levels"))),
        "participants": rng.sample(terms("participant-groups"), rng.randint(0, 4)),
        "stage": maybe(rng.choice(terms("stages"))),
        "policy_area": maybe(rng.choice(terms("policy-areas"))),
        "conflict": maybe(rng.choice(["lav", "middel", "hoej"])),
        "weeks_available": rng.choice([None, 0, 1, 2, 3, 4, 6, 8, 12, 16, 26, 52, 2.5]),
        "budget": maybe(rng.choice(terms("resource-levels"))),
        "mode": maybe(rng.choice(["fysisk", "digital", "hybrid", "uden-betydning"])),
    }
    return {k: v for k, v in answers.items() if v is not None and rng.random() < 0.9}


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_browser_engine_ranks_exactly_like_python(kb, tmp_path):
    data = decision_data(kb)
    rng = random.Random(20261122)
    answer_sets = [random_answers(rng, kb) for _ in range(400)] + list(MAIN_CASES.values())
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(answer_sets, ensure_ascii=False), "utf-8")
    engine = ROOT / "content" / "javascripts" / "formatvaelger-engine.js"
    script = (f"const e = require({json.dumps(str(engine))}); const fs = require('fs');"
              f"const data = JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'data.json'))}, 'utf8'));"
              f"const sets = JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / 'answers.json'))}, 'utf8'));"
              "process.stdout.write(JSON.stringify(sets.map(a => e.recommend(data, a))));")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=120, check=True).stdout
    from_js = json.loads(out)
    assert len(from_js) == len(answer_sets)
    gates_closed = 0
    for answers, js in zip(answer_sets, from_js):
        py = recommend_from_data(data, answers)
        assert js == py, answers
        gates_closed += not py["gate"]["passed"]
    assert 0 < gates_closed < len(answer_sets)  # both branches were exercised


def test_trimmed_browser_data_recommends_exactly_like_the_full_data(kb):
    """The page embeds only the cases a result can reach; with many cases that is a small part, and it must
    never change a result."""
    data = decision_data(kb)
    rng = random.Random(20261129)
    areas, principles = list(kb.terms("policy-areas")), list(kb.principles)
    for i in range(3000):
        cid = f"syntetisk-case-{i:04d}"
        data["cases"][cid] = {"title": cid, "municipality": "Syntetisk", "start": rng.randint(2005, 2026),
                              "policy_areas": rng.sample(areas, rng.randint(1, 3)),
                              "principles": rng.sample(principles, rng.randint(0, 3))}
        for f in rng.sample(data["formats"][::2], rng.randint(1, 3)):  # half the formats stay rare,
            f["cases"].append(cid)                                       # so results fall back on the area
    trimmed = trim_for_browser(data)
    # Bounded by formats × policy areas, not by the number of cases: three per format and area (plus "no area"),
    # and the few the principles read.
    bound = len(data["formats"]) * ((len(areas) + 1) * 3 + 6)
    assert len(trimmed["cases"]) <= bound < len(data["cases"]) / 2
    assert set(trimmed["cases"]) >= {c for f in trimmed["formats"] for c in f["cases"]}
    answer_sets = [random_answers(rng, kb) for _ in range(300)] + list(MAIN_CASES.values())
    answer_sets += [{**a, "policy_area": area} for a in answer_sets[:40] for area in areas[:3]]
    for answers in answer_sets:
        assert recommend_from_data(trimmed, answers) == recommend_from_data(data, answers), answers
