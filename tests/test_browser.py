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


# axe-core at its current version (npm's axe-core 4.14.1, MPL-2.0), not the older copy the Python wrapper ships.
AXE_CORE = ROOT / "tests" / "vendor" / "axe-core-4.14.1.min.js"


def axe_violations(tab) -> list:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe.from_file(AXE_CORE).run(tab, options=WCAG_21_AA)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in result.response["violations"]]


def screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def page_types(kb) -> dict[str, str]:
    first = lambda items: next(iter(items))  # noqa: E731
    working_tools = {f"vaerktoej-{tid}": f"vaerktoejer/{tid}/" for tid in kb.toolkits}
    return {**working_tools,
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
        "soeg": "soeg/?q=klima",
        "sammenlign": "formater/sammenlign/?formater=" + ",".join(list(kb.formats)[:2]),
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
    select = tab.locator("#nb-filter-cases-municipality")
    # Reach the select with Tab from the top of the content, then choose with the arrow keys.
    tab.locator("h1").first.click()
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.id") == "nb-filter-cases-municipality":
            break
    else:
        pytest.fail("the municipality filter cannot be reached with Tab")
    values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    for _ in range(values.index(municipality)):
        tab.keyboard.press("ArrowDown")
    tab.wait_for_function("document.querySelector('#nb-filter-cases-municipality').value !== ''")
    assert select.input_value() == municipality
    assert status.text_content().strip().startswith(f"Viser {expected} af {total}")
    assert f"municipality={municipality}" in tab.url  # the choice is in the URL, so the list can be shared
    visible = tab.locator("[data-nb-list=cases] > ul > li:not([hidden])")
    assert visible.count() == expected
    screenshot(tab, "caseliste-filtreret")
    assert not axe_violations(tab)


@pytest.fixture
def tab_without_js(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_shared_link_opens_the_filtered_list_with_counts_per_option(tab, kb):
    group, area = "unge", "klima-og-miljoe"
    tab.goto(f"cases/?groups={group}&areas={area}&region=atlantis")
    expected = [c for c in kb.cases.values() if group in c.participants.groups and area in c.policy_areas]
    visible = tab.locator("[data-nb-list=cases] > ul > li:not([hidden])")
    assert visible.count() == len(expected) > 0
    assert tab.locator("#nb-filter-cases-groups").input_value() == group
    assert "atlantis" in tab.inner_text(".nb-filters__unknown")  # an unknown value is named, not silently dropped
    # Each option says how many cases it would show together with the other choices.
    for region in {kb.term("municipalities", c.municipality).region for c in expected}:
        n = sum(1 for c in expected if kb.term("municipalities", c.municipality).region == region)
        label = tab.locator(f"#nb-filter-cases-region option[value={region}]").text_content()
        assert label.endswith(f"({n})"), label
    tab.locator("button[type=reset]").click()
    tab.wait_for_function(f"document.querySelectorAll('[data-nb-list=cases] > ul > li:not([hidden])').length === {len(kb.cases)}")
    assert "groups=" not in tab.url
    assert not axe_violations(tab)


def test_without_javascript_the_whole_list_shows_and_the_form_stays_hidden(tab_without_js, kb):
    tab = tab_without_js
    tab.goto("cases/")
    assert tab.locator("form[data-nb-filter]").is_hidden()
    assert tab.locator("[data-nb-list=cases] > ul > li").count() == len(kb.cases)


ODENSE = ("purposes=prioritere,styrke-tillid&influence=inddrage&participants=repraesentativt-udsnit&stage=prioritering"
          "&policy_areas=budget-og-prioritering,aeldre&conflict=hoej&weeks_available=20&budget=hoej&mode=fysisk"
          "&outcome_open=ja&council_commitment=ja&legal_duties=budget,aeldreraad")
ODENSE_ANSWERS = {"purposes": ["prioritere", "styrke-tillid"], "influence": "inddrage",
                  "participants": ["repraesentativt-udsnit"], "stage": "prioritering",
                  "policy_areas": ["budget-og-prioritering", "aeldre"], "conflict": "hoej", "weeks_available": 20,
                  "budget": "hoej", "mode": "fysisk", "outcome_open": "ja", "council_commitment": "ja",
                  "legal_duties": ["budget", "aeldreraad"]}


def wait_for_result(tab):
    tab.wait_for_function("document.querySelector('[data-nb-fv-status]').textContent.length > 0")
    tab.wait_for_function("!document.querySelector('[data-nb-fv-result]').textContent.includes('Henter cases')")


def test_formatvaelger_shows_nothing_before_an_answer(tab):
    tab.goto("formatvaelger/")
    wait_for_result(tab)
    result = tab.locator("[data-nb-fv-result]")
    assert not result.locator(".nb-fv__format").count()
    assert "anbefaler den intet" in result.inner_text()
    assert tab.locator("[data-nb-fv-jump]").is_hidden()


def test_formatvaelger_from_a_shared_url_matches_python_and_prints_a_brief(tab, kb):
    from pypdf import PdfReader
    from generator.recommend import recommend

    tab.goto("formatvaelger/?" + ODENSE)
    wait_for_result(tab)
    expected = recommend(kb, ODENSE_ANSWERS)
    core = kb.formats[expected["process"]["core"]].title
    status = tab.locator("[data-nb-fv-status]")
    assert status.get_attribute("role") == "status" and core in status.text_content()
    assert tab.locator("#fv\\:a\\:influence\\:inddrage").is_checked()
    shown = [a.strip() for a in tab.locator(".nb-fv__format h4 a").all_text_contents()]
    for r in expected["recommendations"]:
        assert kb.formats[r["format"]].title in shown
    assert not axe_violations(tab)
    tab.guard.assert_clean()
    screenshot(tab, "formatvaelger-resultat")
    tab.emulate_media(media="print")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = tab.pdf(format="A4")
    (SCREENSHOTS / "beslutningsoplaeg.pdf").write_bytes(pdf)
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2, f"the brief prints on {len(reader.pages)} pages"
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Beslutningsoplæg" in text and "Situationen" in text and core in text
    first = expected["recommendations"][0]
    for reason in first["reasons"]:  # printed although no "Hvorfor" was opened
        assert " ".join(reason["text"].split())[:40] in text, reason
    for duty in expected["statutory"]:
        assert duty["label"] in text
    assert "Opfølgning og evaluering" in text and "formatvaelger/?" in text.replace(" ", "")
    assert "Sammenlign formaterne" not in text and "De afgørende spørgsmål" not in text


def test_the_brief_carries_a_qr_code_of_the_link_drawn_in_the_page(tab):
    import numpy
    import zxingcpp

    tab.goto("formatvaelger/?" + ODENSE)
    wait_for_result(tab)
    link = tab.evaluate("location.href.split('#')[0]")
    svg = tab.locator("svg.nb-fv__qr")
    n = int(svg.get_attribute("data-modules"))
    path = svg.locator("path").get_attribute("d")
    scale, quiet = 6, 4
    image = numpy.full(((n + 2 * quiet) * scale,) * 2, 255, dtype=numpy.uint8)
    for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", path):  # the modules as drawn, with the SVG's own margin
        image[int(y) * scale:(int(y) + 1) * scale, int(x) * scale:(int(x) + 1) * scale] = 0
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]  # an independent decoder reads it
    assert decoded == [link]


def test_on_a_phone_the_result_is_one_step_away(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto("formatvaelger/?" + ODENSE)
    wait_for_result(tab)
    jump = tab.locator("[data-nb-fv-jump]")
    assert jump.is_visible()
    box = jump.bounding_box()
    assert box["y"] + box["height"] <= 844 and box["y"] > 500  # fixed at the bottom of the screen
    jump.click()
    tab.wait_for_function("Math.abs(document.querySelector('[data-nb-fv-result]').getBoundingClientRect().top) < 80")
    assert tab.evaluate("document.activeElement === document.querySelector('[data-nb-fv-result]')")
    screenshot(tab, "formatvaelger-telefon")
    context.close()


def test_on_a_wide_screen_the_result_stays_beside_the_form(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    tab.goto("formatvaelger/?" + ODENSE)
    wait_for_result(tab)
    form = tab.locator("form[data-nb-fv]").bounding_box()
    result = tab.locator("[data-nb-fv-result]").bounding_box()
    assert result["x"] >= form["x"] + form["width"] - 1 and result["y"] < form["y"] + 400
    tab.mouse.wheel(0, 2500)
    tab.wait_for_timeout(200)
    assert tab.locator("[data-nb-fv-result]").bounding_box()["y"] < 200  # sticky: still in view
    context.close()


def test_formatvaelger_with_the_keyboard_alone_updates_the_url_and_the_result(tab):
    tab.goto("formatvaelger/")
    tab.locator("h1").first.click()
    for _ in range(80):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.name") == "influence":
            break
    else:
        pytest.fail("the promise question cannot be reached with Tab")
    for _ in range(6):
        if tab.evaluate("document.activeElement.value") == "informere":
            break
        tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Space")  # the first radio of a group gets focus unchecked; Space chooses it
    tab.wait_for_function("location.search.includes('influence=informere')")
    status = tab.locator("[data-nb-fv-status]").text_content()
    assert "informationsplan" in status
    assert tab.locator(".nb-fv__gate").is_visible()
    assert not axe_violations(tab)


def test_formatvaelger_without_javascript_shows_the_comparison(tab_without_js, kb):
    tab = tab_without_js
    tab.goto("formatvaelger/")
    assert tab.locator("form[data-nb-fv]").is_hidden()
    assert tab.locator(".nb-fv-nojs").is_visible()
    rows = tab.locator("article table tbody tr")
    assert rows.count() == len(kb.formats)


def test_unknown_answers_in_a_shared_url_are_named_and_skipped(tab):
    tab.goto("formatvaelger/?purposes=prioritere,findes-ikke&weeks_available=abc&influence=inddrage")
    wait_for_result(tab)
    text = tab.locator("[data-nb-fv-result]").inner_text()
    assert "findes-ikke" in text and "sprunget over" in text
    assert tab.locator(".nb-fv__format").count() >= 1
