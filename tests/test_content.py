"""The knowledge base itself: the main cases, every format and principle set the sources call for, rendered
and linked both ways on the built site."""
from __future__ import annotations

import pytest

from test_site import text_of

MAIN_CASES = {
    "furesoe-fremtidens-furesoe": ("furesoe", "digital-platform"),
    "hilleroed-skaevinge-kultur-og-idraetshus": ("hilleroed", "konkurrencepraeget-dialog"),
    "odense-borgerraad-velfaerd": ("odense", "borgersamling"),
    "aarhus-ny-forstaaelsesramme": ("aarhus", None),
    "gentofte-opgaveudvalg-vi-skaber-sammen": ("gentofte", "opgaveudvalg"),
}

SURVEY_FORMATS = ["borgermoede", "spoergetid", "opgaveudvalg", "samskabelse-af-velfaerd", "borgerhoering",
                  "borgerraad", "lokalraad", "folkemoede", "borgersamling", "borgmester-traeffetid",
                  "kommunalbestyrelsesmoede-ude", "innovationslab", "borgerforslag", "borgerbudget", "folkeafstemning"]
CASE_FORMATS = ["digital-platform", "gaestebud", "konkurrencepraeget-dialog", "hurtig-digital-undersoegelse",
                "borgerstyret-budget", "aaben-dialog", "temamoede-i-fagudvalg", "opsoegende-dialog"]

PRINCIPLE_SETS = {  # set: members per kind
    "lokaldemokrati-ti-indsigter": {"indsigt": 10},
    "gentofte-seks-principper": {"princip": 6},
    "aarhus-syv-samskabelsesprincipper": {"princip": 7},
    "aarhuskompasset": {"holdepunkt": 3, "ny-vej": 4},
}


def hrefs(soup) -> set[str]:
    return {a["href"] for a in soup.select("article a[href]")}


def test_every_case_cites_a_located_source(kb):
    assert len(kb.cases) >= 15
    for cid, case in kb.cases.items():
        assert all(ref.section for ref in case.sources), cid
        for ref in case.sources:  # line numbers only into the founding documents' text editions (no web address)
            assert not ref.lines or not kb.sources[ref.source].url, f"{cid}: line numbers into a web page"


@pytest.mark.parametrize("cid", list(MAIN_CASES))
def test_main_case_renders_and_links_both_ways(page, kb, cid):
    municipality, main_format = MAIN_CASES[cid]
    case = kb.cases[cid]
    assert case.municipality == municipality
    if main_format:
        assert main_format in case.formats
    soup = page(f"cases/{cid}/")
    assert soup.h1.get_text(strip=True) == case.title
    links = hrefs(soup)
    targets = ([f"kommuner/{case.municipality}"] + [f"formater/{f}" for f in case.formats]
               + [f"principper/{p}" for p in case.principles] + [f"vaerktoejer/{t}" for t in case.tools]
               + [f"kilder/{s.source}" for s in case.sources])
    for target in targets:
        assert f"../../{target}/" in links, f"{cid} does not link {target}"
        assert f"../../cases/{cid}/" in hrefs(page(f"{target}/")), f"{target} does not link back to {cid}"
    assert case.principles, f"{cid} names no principle or insight"


def test_odense_explains_that_its_borgerraad_is_a_citizens_assembly(page, kb):
    case = kb.cases["odense-borgerraad-velfaerd"]
    assert case.formats == ["borgersamling"] and "borgerraad" not in case.formats
    assert case.participants.count == 99
    body = text_of(page("cases/odense-borgerraad-velfaerd/"))
    assert "borgersamling" in body.lower() and "18" in body


@pytest.mark.parametrize("fid", SURVEY_FORMATS + CASE_FORMATS)
def test_format_exists_and_renders(page, kb, fid):
    fmt = kb.formats[fid]
    soup = page(f"formater/{fid}/")
    assert soup.h1.get_text(strip=True) == fmt.title
    if fid in SURVEY_FORMATS:
        assert fmt.survey is not None and fmt.survey.n == 76, fid
        assert "N=76" in text_of(soup).replace(" ", "").replace("\u00a0", ""), fid
    if fid == "opgaveudvalg":
        assert "§ 17, stk. 4" in text_of(soup)


@pytest.mark.parametrize("set_id", list(PRINCIPLE_SETS))
def test_principle_set_is_complete_and_renders(page, kb, set_id):
    members = [p for p in kb.principles.values() if p.set == set_id]
    kinds: dict[str, int] = {}
    for p in members:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    assert kinds == PRINCIPLE_SETS[set_id]
    assert sorted(p.number for p in members) == list(range(1, len(members) + 1))
    shown_by_cases = [p.id for p in members if kb.referrers("principles", p.id, "cases")]
    assert shown_by_cases, f"no case shows any principle of {set_id}"
    for p in members:
        soup = page(f"principper/{p.id}/")
        assert soup.h1.get_text(strip=True) == p.title
        if set_id == "gentofte-seks-principper":
            assert p.commitment, p.id
            assert p.commitment.split()[0] in text_of(soup)


def test_tools_from_all_three_families_exist(kb):
    sketches = {"indflydelseskortlaegning", "dialogkort-velfaerd", "engagementsanalyse-og-dashboard"}
    aarhus = {"mennesketavler", "dialoglinealen", "who-5", "read-sammen-om-laesning"}
    methods = {"problemworkshop", "problemtrae", "fiskebensdiagram", "prototyper-og-hurtige-test", "succes-tjekliste"}
    assert sketches | aarhus | methods <= set(kb.tools)
    assert {kb.tools[t].municipality for t in aarhus} == {"aarhus"}
    assert {s.source for t in methods for s in kb.tools[t].sources} == {"saet-borgeren-i-spil"}


def test_approximate_years_are_marked_on_the_page(page, kb):
    approximate = [c for c in kb.cases.values() if c.period.approximate]
    assert approximate, "no case with an inferred year: the marking is untested"
    for case in approximate:
        assert f"ca. {case.period.start}" in text_of(page(f"cases/{case.id}/")), case.id
