"""The built site in a real browser (Debian's chromium driven by Playwright): accessibility with axe,
keyboard use of the filters, search, and no request to any other host.

Without chromium these tests skip with a message; CI sets NYBRUD_REQUIRE_BROWSER=1 to make them fail instead.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, Guard, serve

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="da-DK")
    tab = context.new_page()
    tab.requests = []  # every URL the tab asked for
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.guard = Guard(tab, base_url)
    yield tab
    context.close()


def axe_violations(tab) -> list:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(tab, options=WCAG_21_AA)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in result.response["violations"]]


def screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def page_types(kb) -> dict[str, str]:
    first = lambda items: next(iter(items))  # noqa: E731
    return {
        "forside": "",
        "caseliste": "cases/",
        "case": f"cases/{first(kb.cases)}/",
        "formatliste": "formater/",
        "format": f"formater/{first(kb.formats)}/",
        "princip": f"principper/{first(kb.principles)}/",
        "vaerktoej": f"vaerktoejer/{first(kb.tools)}/",
        "kilde": f"kilder/{first(kb.sources)}/",
        "kommune": f"kommuner/{kb.cases[first(kb.cases)].municipality}/",
        "begreber": "begreber/barriers/",
        "404": "findes-ikke/",
        "undersoegelsen": "undersoegelsen/",
        "formatvaelger": "formatvaelger/",
        "formatvaelger-metode": "formatvaelger/saadan-virker-den/",
    }


def test_every_page_type_passes_axe_and_stays_on_this_host(tab, kb, base_url):
    host = urlsplit(base_url).netloc
    problems = {}
    for name, path in page_types(kb).items():
        tab.guard.goto(tab, path)
        tab.wait_for_load_state("networkidle")
        violations = axe_violations(tab)
        if violations:
            problems[name] = violations
        screenshot(tab, name)
    assert not problems, problems
    foreign = {url for url in tab.requests if urlsplit(url).netloc not in (host, "")}
    assert not foreign, foreign
    tab.guard.assert_clean()


def test_case_filters_work_with_the_keyboard_alone(tab, kb):
    tab.goto("cases/")
    status = tab.locator("[data-nb-count]")
    total = len(kb.cases)
    assert status.text_content().strip() == f"Viser {total} af {total} {'case' if total == 1 else 'cases'}."
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    municipality = kb.cases[next(iter(kb.cases))].municipality
    expected = sum(1 for c in kb.cases.values() if c.municipality == municipality)
    select = tab.locator("#nb-filter-municipality")
    # Reach the select with Tab from the top of the content, then choose with the arrow keys.
    tab.locator("h1").first.click()
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.id") == "nb-filter-municipality":
            break
    else:
        pytest.fail("the municipality filter cannot be reached with Tab")
    options = select.locator("option").all_text_contents()
    label = kb.label("municipalities", municipality)
    for _ in range(options.index(label)):
        tab.keyboard.press("ArrowDown")
    tab.wait_for_function("document.querySelector('#nb-filter-municipality').value !== ''")
    assert select.input_value() == municipality
    assert status.text_content().strip().startswith(f"Viser {expected} af {total}")
    visible = tab.locator("[data-nb-list=cases] > ul > li:not([hidden])")
    assert visible.count() == expected
    screenshot(tab, "caseliste-filtreret")
    assert not axe_violations(tab)


@pytest.fixture
def tab_without_js(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_whole_list_shows_and_the_form_stays_hidden(tab_without_js, kb):
    tab = tab_without_js
    tab.goto("cases/")
    assert tab.locator("form[data-nb-filter]").is_hidden()
    assert tab.locator("[data-nb-list=cases] > ul > li").count() == len(kb.cases)


@pytest.mark.parametrize("query, expected_case", [
    ("Furesø", "furesoe-fremtidens-furesoe"),
    ("gæstebud", "furesoe-fremtidens-furesoe"),
])
def test_search_box_finds_the_case(tab, query, expected_case):
    tab.goto("")
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.locator("input.md-search__input").fill(query)
    results = tab.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 20))]
    assert any(f"cases/{expected_case}/" in (h or "") for h in hrefs), hrefs
    screenshot(tab, f"soegning-{expected_case}")
    assert not axe_violations(tab)


ODENSE = ("purposes=prioritere,styrke-tillid&influence=inddrage&participants=repraesentativt-udsnit&stage=prioritering"
          "&policy_area=budget-og-prioritering&conflict=hoej&weeks_available=20&budget=hoej&mode=fysisk")


def test_formatvaelger_from_a_shared_url_matches_python_and_prints_on_one_page(tab, kb):
    from generator.recommend import recommend

    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto("formatvaelger/?" + ODENSE)
    status = tab.locator("[data-nb-fv-status]")
    status.wait_for()
    answers = {"purposes": ["prioritere", "styrke-tillid"], "influence": "inddrage",
               "participants": ["repraesentativt-udsnit"], "stage": "prioritering",
               "policy_area": "budget-og-prioritering", "conflict": "hoej", "weeks_available": 20, "budget": "hoej",
               "mode": "fysisk"}
    expected = [kb.formats[r["format"]].title for r in recommend(kb, answers)["recommendations"]]
    assert status.get_attribute("role") == "status"
    assert expected[0] in status.text_content()
    shown = tab.locator(".nb-fv__recs > li h4 a").all_text_contents()
    assert shown == expected
    assert tab.locator("#a-influence-inddrage").is_checked()
    assert not errors, errors
    assert not axe_violations(tab)
    screenshot(tab, "formatvaelger-resultat")
    tab.emulate_media(media="print")
    pdf = tab.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the brief prints on {pages} pages"
    (SCREENSHOTS / "beslutningsoplaeg.pdf").write_bytes(pdf)


def test_formatvaelger_with_the_keyboard_alone_updates_the_url(tab):
    tab.goto("formatvaelger/")
    tab.locator("h1").first.click()
    target = "a-outcome_open-nej"
    for _ in range(60):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.name") == "outcome_open":
            break
    else:
        pytest.fail("the first question cannot be reached with Tab")
    # Arrow keys move between radio buttons in a group and select them.
    for _ in range(5):
        if tab.evaluate("document.activeElement.id") == target:
            break
        tab.keyboard.press("ArrowDown")
    tab.wait_for_function("location.search.includes('outcome_open=nej')")
    status = tab.locator("[data-nb-fv-status]").text_content()
    assert "informere åbent" in status
    assert tab.locator(".nb-fv__gate").is_visible()
    assert not axe_violations(tab)


def test_formatvaelger_without_javascript_shows_the_comparison(tab_without_js, kb):
    tab = tab_without_js
    tab.goto("formatvaelger/")
    assert tab.locator("#nb-fv").is_hidden()
    assert tab.locator(".nb-fv-nojs").is_visible()
    rows = tab.locator("article table tbody tr")
    assert rows.count() == len(kb.formats)
