"""The search page in a real browser: Danish word forms, several words narrowing, the kind filter, the header field,
and the query set in search_queries.yml (each query's page among the first five results)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT
from test_browser import axe_violations, base_url, tab, tab_without_js  # noqa: F401  (fixtures)

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))


def search(tab, query: str, kind: str = "") -> list[dict]:
    tab.guard.goto(tab, "soeg/?q=" + query + (f"&type={kind}" if kind else ""))
    return results(tab)


def results(tab) -> list[dict]:
    tab.wait_for_function("document.querySelector('.nb-result') || "
                          "/Ingen|Skriv/.test(document.querySelector('.nb-searchpage__status').textContent)")
    return tab.evaluate("""[...document.querySelectorAll('.nb-result')].map(li => ({
        kind: li.querySelector('.nb-result__kind').textContent,
        href: new URL(li.querySelector('a').href).pathname,
        title: li.querySelector('a').textContent}))""")


def total(tab) -> int:
    text = tab.inner_text(".nb-searchpage__status")
    return int(text.split()[0]) if text.split()[0].isdigit() else 0


def test_every_query_of_the_set_finds_its_page_among_the_first_five(tab):
    assert len(QUERIES) >= 30
    misses = {}
    for item in QUERIES:
        top = [r["href"].split("/nybrud/", 1)[1] for r in search(tab, item["query"])[:5]]
        if item["page"] not in top:
            misses[item["query"]] = (item["page"], top)
    assert not misses, misses
    tab.guard.assert_clean()


def test_several_words_narrow_the_results_and_word_forms_count(tab):
    search(tab, "unge")
    young = total(tab)
    search(tab, "klima")
    climate = total(tab)
    both = search(tab, "unge klima")
    assert 0 < total(tab) < min(young, climate)
    assert both, "two words must still find pages holding both"
    # A definite or genitive form finds the base form (Danish stemming): the format page's title has the base form.
    assert any(r["href"].endswith("/formater/opgaveudvalg/") for r in search(tab, "opgaveudvalgenes"))


def test_the_kind_filter_works_by_keyboard_and_lives_in_the_url(tab):
    search(tab, "borgerpanel")
    kinds = {r["kind"] for r in results(tab)}
    assert "Case" in kinds
    cases_option = tab.locator(".nb-searchpage__types input[value=Case]")
    cases_option.focus()
    tab.keyboard.press("Space")
    tab.wait_for_function("new URLSearchParams(location.search).get('type') === 'Case'")
    tab.wait_for_function("[...document.querySelectorAll('.nb-result__kind')].every(k => k.textContent === 'Case')")
    assert "blandt cases" in tab.inner_text(".nb-searchpage__status")
    tab.reload()
    found = results(tab)
    assert found and {r["kind"] for r in found} == {"Case"}
    assert tab.locator(".nb-searchpage__types input[value=Case]").is_checked()
    assert not axe_violations(tab)
    tab.guard.assert_clean()


def test_the_header_field_leads_to_the_results(tab):
    tab.guard.goto(tab, "")
    field = tab.locator("#nb-search-field")
    field.focus()
    tab.keyboard.type("gæstebud")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/soeg/**")
    assert parse_qs(urlsplit(tab.url).query)["q"] == ["gæstebud"]
    assert any(r["href"].endswith("/formater/gaestebud/") for r in results(tab)[:5])
    assert tab.locator("#nb-search-field").input_value() == "gæstebud"
    # The results are links that Tab reaches after the form.
    tab.locator(".nb-result a").first.focus()
    assert tab.evaluate("document.activeElement.closest('.nb-result') !== null")


def test_more_results_come_on_request_and_focus_moves_to_them(tab):
    search(tab, "borger")
    shown = tab.locator(".nb-result").count()
    if total(tab) <= shown:
        pytest.skip("too few results to page")
    tab.locator(".nb-searchpage__more").click()
    tab.wait_for_function(f"document.querySelectorAll('.nb-result').length > {shown}")
    assert tab.evaluate("document.activeElement.closest('.nb-result') !== null")


def test_nothing_found_says_so(tab):
    assert search(tab, "xqzvwyk") == []
    assert "Ingen resultater" in tab.inner_text(".nb-searchpage__status")


def test_without_javascript_the_page_points_to_the_lists(tab_without_js):
    tab_without_js.goto("soeg/?q=klima")
    assert tab_without_js.locator(".nb-searchpage").is_hidden()
    assert "kræver JavaScript" in tab_without_js.inner_text("article")
    assert tab_without_js.locator("article a[href$='cases/']").count() >= 1
