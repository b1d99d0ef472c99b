"""Indflydelseskortet on the real built site: keyboard, mouse and touch placement with announcements, the map in the
address (restored, shared, unknown values named), the development potential, the A4 landscape print, the worksheet
without JavaScript, accessibility and the data file's own checks.

Expectations come from the data file (kb.toolkits) and the barrier figures in vocab/barriers.yml, never from fixed
texts or counts."""
from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from conftest import run_cli
from test_browser import axe_violations, base_url, tab, tab_without_js  # noqa: F401  (fixtures)

TOOL = "indflydelseskortlaegning"
PAGE = f"vaerktoejer/{TOOL}/"
LIVE = ".nb-im--live"


@pytest.fixture(scope="module")
def data(kb):
    return kb.toolkits[TOOL]


def fill(text: str, **values) -> str:
    from generator.toolkits.influence_map import fill as python_fill
    return python_fill(text, **values)


def words(text: str) -> str:
    return " ".join(text.split())


def status_is(tab, expected: str) -> None:
    tab.wait_for_function("t => document.querySelector('[data-nb-im-status]').textContent === t", arg=expected)


def open_map(tab, query: str = "") -> None:
    tab.goto(PAGE + query)
    tab.wait_for_selector(LIVE)


def placement_query(data, with_own: str | None = None) -> str:
    """Every element in a zone, round the zones in turn; with an own element in the first zone."""
    zones = [z.id for z in data.zones]
    pairs = [f"{e.id}.{zones[i % len(zones)]}" for i, e in enumerate(data.elements)]
    query = f"?hvem={data.actors[-1].id}&omraade={data.areas[-1].id}"
    if with_own:
        query += "&egen=" + quote(with_own)
        pairs.append(f"egen-1.{zones[0]}")
    return query + "&p=" + ",".join(pairs) + f"&mere={data.elements[0].id}"


def frequent(data, kb) -> list:
    """The elements whose survey barrier is at least as frequent as the data file's threshold."""
    out = []
    for e in data.elements:
        figure = kb.term("barriers", e.barrier).figure if e.barrier else None
        if figure is not None and figure.percent is not None and figure.percent >= data.potential.frequent_percent:
            out.append(e)
    return out


# --- the built page ------------------------------------------------------------------------------------------------

def test_every_element_shows_its_survey_figure_and_where_it_comes_from(page, data, kb):
    section = page(PAGE).select_one("section[data-nb-im]")
    assert section is not None, "the tool page carries no map"
    items = section.select("[data-nb-im-sheet] > li")
    assert [li["data-id"] for li in items] == [e.id for e in data.elements]
    for element, li in zip(data.elements, items):
        text = words(li.get_text(" "))
        assert element.title in text
        label = data.texts.by_kilde if element.by == "kilde" else data.texts.by_nybrud
        assert li.select_one(f".nb-im__by--{element.by}").get_text() == label
        if element.barrier:
            term = kb.term("barriers", element.barrier)
            assert term.label in text
            if term.figure and term.figure.percent is not None:
                from generator.escape import number
                assert f"{number(term.figure.percent)} %" in text, element.id
                assert (f"N={term.figure.n}" if term.figure.n else data.texts.figure_no_n) in text
                assert f"linje {term.figure.source.lines.replace('-', '–')}" in text
                assert li.select_one("a[href*='kilder/']"), "the figure's source is not linked"
    for question in data.questions:
        assert question.text in words(section.get_text(" "))
    # the browser data is inert JSON, and the script and style load from this site
    raw = section.select_one("script[data-nb-im-data]").string
    assert "<" not in raw and ">" not in raw
    assert section.select_one("script[src$='javascripts/toolkits/influence_map.js']")


# --- in the browser ------------------------------------------------------------------------------------------------

def test_keyboard_alone_places_an_element_announces_it_and_the_address_restores_it(tab, data):
    open_map(tab)
    element, zone = data.elements[0], data.zones[1]
    status = tab.locator("[data-nb-im-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    tab.locator("h1").first.click()
    for _ in range(80):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.name") == f"im-z-{element.id}":
            break
    else:
        pytest.fail("the first element's zone choice cannot be reached with Tab")
    tab.keyboard.press("ArrowRight")  # from 'not placed' to the outermost zone …
    tab.keyboard.press("ArrowRight")  # … and one zone further in
    status_is(tab, fill(data.texts.announce_placed, element=element.title, zone=zone.label))
    assert f"{element.id}.{zone.id}" in parse_qs(urlsplit(tab.url).query)["p"][0].split(",")
    tab.reload()
    tab.wait_for_selector(LIVE)
    assert tab.locator(f"#im-z-{element.id}-{zone.id}").is_checked()
    summary = tab.locator("[data-nb-im-summary]")
    assert f"1. {element.title}" in summary.locator("h4", has_text=zone.label).locator("xpath=following-sibling::ul[1]").inner_text()
    assert tab.locator("[data-nb-im-marks] .nb-im__mark").count() == 1
    status_is(tab, fill(data.texts.announce_restored, count=1))
    tab.guard.assert_clean()


def test_an_own_element_is_added_and_reaches_a_new_tab_through_the_link(tab, browser, base_url, data):  # noqa: F811
    open_map(tab)
    title = 'Vores egen <img src=x onerror="alert(1)"> & dialog'
    tab.locator("#im-own-title").fill(title)
    tab.keyboard.press("Enter")
    number = len(data.elements) + 1
    status_is(tab, fill(data.texts.announce_added, element=title, number=number))
    own = tab.locator(".nb-im__item--own")
    assert own.count() == 1 and title in own.inner_text()
    zone = data.zones[-1]
    own.locator(f"label[for='im-z-egen-1-{zone.id}']").click()
    status_is(tab, fill(data.texts.announce_placed, element=title, zone=zone.label))
    shared = tab.url
    assert parse_qs(urlsplit(shared).query)["egen"] == [title]

    other = browser.new_context(base_url=base_url, locale="da-DK").new_page()
    dialogs = []
    other.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    other.goto(shared)
    other.wait_for_selector(LIVE)
    assert title in other.locator(".nb-im__item--own").inner_text()
    assert other.locator(f"#im-z-egen-1-{zone.id}").is_checked()
    assert f"{number}. {title}" in other.locator("[data-nb-im-summary]").inner_text()
    assert not other.locator("[data-nb-im] img").count() and not dialogs  # shown as text, never as HTML
    other.context.close()
    tab.guard.assert_clean()


def test_the_potential_lists_follow_wishes_and_frequent_barriers(tab, data, kb):
    open_map(tab)
    low, high = tab.locator("[data-nb-im-low]"), tab.locator("[data-nb-im-high]")
    wanted = data.elements[-1]
    low_zone = next(z for z in data.zones if z.id == data.potential.low_zones[-1])
    assert wanted.title not in low.inner_text()
    item = tab.locator(f".nb-im__item[data-id='{wanted.id}']")
    item.locator(f"label[for='im-z-{wanted.id}-{low_zone.id}']").click()
    assert wanted.title not in low.inner_text(), "placed low but not wanted: not a potential yet"
    item.locator(f"label[for='im-w-{wanted.id}']").click()
    status_is(tab, fill(data.texts.announce_wish_on, element=wanted.title))
    assert wanted.title in low.inner_text()

    often = frequent(data, kb)
    assert often, "no element is a frequent barrier: the second list is untested"
    rare = [e for e in data.elements if e not in often]
    high_zone = next(z for z in data.zones if z.id == data.potential.high_zones[0])
    for element in [often[0], *rare[:1]]:
        tab.locator(f"label[for='im-z-{element.id}-{high_zone.id}']").click()
    text = high.inner_text()
    assert often[0].title in text and str(int(kb.term("barriers", often[0].barrier).figure.percent)) in text
    if rare:
        assert rare[0].title not in text
    tab.guard.assert_clean()


def test_mouse_drag_and_click_place_elements(tab, data):
    open_map(tab)
    first, second = data.elements[0], data.elements[-1]
    chip = tab.locator(f".nb-im__item[data-id='{first.id}'] .nb-im__chip")
    svg = tab.locator("[data-nb-im-svg]")
    chip.scroll_into_view_if_needed()
    box = chip.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    svg.scroll_into_view_if_needed()
    circle = svg.bounding_box()
    tab.mouse.move(circle["x"] + circle["width"] / 2, circle["y"] + circle["height"] / 2, steps=10)
    tab.mouse.up()
    inner = data.zones[-1]
    status_is(tab, fill(data.texts.announce_placed, element=first.title, zone=inner.label))
    assert tab.locator(f"#im-z-{first.id}-{inner.id}").is_checked()

    # click the number, then a point in the outermost zone
    tab.locator(f".nb-im__item[data-id='{second.id}'] .nb-im__chip").click()
    status_is(tab, fill(data.texts.announce_selected, element=second.title))
    outer = data.zones[0]
    ring = tab.locator(f"circle[data-zone='{outer.id}']")
    middle = (float(ring.get_attribute("data-inner")) + float(ring.get_attribute("data-outer"))) / 2
    view = tab.evaluate("document.querySelector('[data-nb-im-svg]').viewBox.baseVal.width")
    svg.scroll_into_view_if_needed()
    circle = svg.bounding_box()
    scale = circle["width"] / view
    tab.mouse.click(circle["x"] + circle["width"] / 2, circle["y"] + circle["height"] / 2 + middle * scale)
    status_is(tab, fill(data.texts.announce_placed, element=second.title, zone=outer.label))

    # drag the first element's marker from the inner zone out to the outermost zone
    mark = tab.locator(f"[data-nb-im-marks] .nb-im__mark[data-drag='{first.id}']")
    mbox = mark.bounding_box()
    tab.mouse.move(mbox["x"] + mbox["width"] / 2, mbox["y"] + mbox["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(circle["x"] + circle["width"] / 2, circle["y"] + circle["height"] / 2 - middle * scale, steps=10)
    tab.mouse.up()
    status_is(tab, fill(data.texts.announce_placed, element=first.title, zone=outer.label))
    assert tab.locator(f"#im-z-{first.id}-{outer.id}").is_checked()
    assert tab.locator("[data-nb-im-marks] .nb-im__mark").count() == 2
    tab.guard.assert_clean()


def test_touch_tap_selects_and_places(browser, base_url, data):  # noqa: F811
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    phone = context.new_page()
    errors = []
    phone.on("pageerror", lambda e: errors.append(str(e)))
    phone.goto(PAGE)
    phone.wait_for_selector(LIVE)
    element = data.elements[-1]
    chip = phone.locator(f".nb-im__item[data-id='{element.id}'] .nb-im__chip")
    chip.scroll_into_view_if_needed()
    chip.tap()
    status_is(phone, fill(data.texts.announce_selected, element=element.title))
    svg = phone.locator("[data-nb-im-svg]")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    phone.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    inner = data.zones[-1]
    status_is(phone, fill(data.texts.announce_placed, element=element.title, zone=inner.label))
    # a tap on the number on the circle selects it and leaves it where it is
    phone.locator(f"[data-nb-im-marks] .nb-im__mark[data-drag='{element.id}']").tap()
    status_is(phone, fill(data.texts.announce_selected, element=element.title))
    phone.wait_for_timeout(300)
    assert phone.locator(f"#im-z-{element.id}-{inner.id}").is_checked()
    assert phone.locator("[data-nb-im-marks] .nb-im__mark--selected").count() == 1
    assert not errors, errors
    context.close()


def test_unknown_values_in_the_address_are_skipped_and_named(tab, data):
    known = data.elements[0]
    long_own = "x" * (data.own.max_length + 5)
    query = (f"?hvem=findes-ikke&p=intet-element.{data.zones[0].id},{known.id}.ingen-zone,"
             f"{data.elements[-1].id}.{data.zones[0].id}&mere=%E0%A4%A&egen={long_own}&fremmed=1")
    open_map(tab, query)
    notice = tab.locator("[data-nb-im-notice]")
    assert notice.is_visible()
    text = notice.inner_text()
    for name in ("findes-ikke", f"intet-element.{data.zones[0].id}", f"{known.id}.ingen-zone", "fremmed"):
        assert name in text, (name, text)
    assert long_own[:20] in text
    # what was known is restored; the address now holds only that
    assert tab.locator(f"#im-z-{data.elements[-1].id}-{data.zones[0].id}").is_checked()
    assert tab.locator("[data-nb-im-actor]").input_value() == data.actors[0].id
    assert "findes-ikke" not in tab.url and "fremmed" not in tab.url
    tab.guard.assert_clean()


def test_print_is_one_a4_landscape_page_with_the_circle_and_every_element(tab, data, kb):
    from pypdf import PdfReader

    own = "Eget element til udskrift"
    open_map(tab, placement_query(data, with_own=own))
    tab.emulate_media(media="print")
    pdf = tab.pdf(prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"the worksheet prints on {len(reader.pages)} pages"
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert width > height and abs(width - 841.9) < 3 and abs(height - 595.3) < 3, (width, height)
    text = words(reader.pages[0].extract_text())
    for element in data.elements:
        assert element.title in text, element.title
    assert own in text
    for zone in data.zones:
        assert zone.label.upper() in text  # on the circle
    for question in data.questions:
        assert words(question.text)[:30] in text
    assert data.actors[-1].label in text
    assert words(kb.tools[TOOL].purpose)[:40] not in text, "the rest of the tool page is printed"
    assert "Formatvælgeren" not in text, "the site navigation is printed"
    assert tab.evaluate("document.querySelectorAll('[data-nb-im-marks] .nb-im__mark').length") == len(data.elements) + 1


def test_without_javascript_the_worksheet_shows_every_element_zone_and_question(tab_without_js, data):
    tab = tab_without_js
    tab.goto(PAGE)
    sheet = tab.locator("[data-nb-im-sheet] > li")
    assert sheet.count() == len(data.elements)
    for i, element in enumerate(data.elements):
        assert sheet.nth(i).is_visible() and element.title in sheet.nth(i).inner_text()
    section = tab.locator("section[data-nb-im]").inner_text()
    for zone in data.zones:
        assert zone.label in section and words(zone.description) in words(section)
    for question in data.questions:
        assert words(question.text) in words(section)
    live = tab.locator("[data-nb-im-live]")
    assert live.count() and all(live.nth(i).is_hidden() for i in range(live.count()))
    assert tab.locator("[data-nb-im-nojs]").first.is_visible()


def test_axe_finds_nothing_and_nothing_leaves_the_site(tab, data):
    open_map(tab, placement_query(data, with_own="Et eget element"))
    tab.locator(f".nb-im__item[data-id='{data.elements[0].id}'] .nb-im__chip").click()  # a selected element
    tab.locator(".nb-im__about summary").first.click()  # an opened figure note
    from axe_playwright_python.sync_playwright import Axe
    from test_browser import WCAG_21_AA

    in_the_map = Axe().run(tab, context="section[data-nb-im]", options=WCAG_21_AA).response["violations"]
    assert not in_the_map, [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in in_the_map]
    violations = axe_violations(tab)  # and on the whole page around it
    assert not violations, violations
    tab.guard.assert_clean()


# --- the data file -------------------------------------------------------------------------------------------------

def test_a_bad_data_file_gets_located_danish_messages(project_copy):
    path = project_copy / "toolkit" / f"{TOOL}.yml"
    text = path.read_text("utf-8")
    ids = re.findall(r"^  - id: (\S+)$", text[text.index("\nelements:"):], re.MULTILINE)
    first, second = ids[0], ids[1]
    text = text.replace(f"  - id: {second}\n", f"  - id: {first}\n", 1)
    low = re.search(r"low_zones: \[([a-z0-9-]+)", text)
    text = text[:low.start(1)] + "ingen-zone" + text[low.end(1):]
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    duplicate_line = [i + 1 for i, line in enumerate(lines) if line == f"  - id: {first}"][-1]
    zone_line = next(i + 1 for i, line in enumerate(lines) if "ingen-zone" in line)

    result = run_cli("validate", cwd=project_copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(rf"toolkit/{TOOL}\.yml:{duplicate_line}:\d+: id'et '{first}' står to gange", out), out
    assert re.search(rf"toolkit/{TOOL}\.yml:{zone_line}:\d+: zonen 'ingen-zone' findes ikke", out), out


def test_a_source_text_without_a_source_and_a_text_without_its_placeholder_are_refused(project_copy):
    path = project_copy / "toolkit" / f"{TOOL}.yml"
    text = path.read_text("utf-8")
    question = re.search(r"(?ms)^questions:\n  - id: \S+\n    text: .*?\n    by: kilde\n(    source:\n(?:      [^\n]*\n){3})", text)
    text = text[:question.start(1)] + text[question.end(1):]
    text = re.sub(r"(?m)^(  announce_placed: ).*$", r"\1'Elementet er flyttet.'", text)
    path.write_text(text, "utf-8")
    out = run_cli("validate", cwd=project_copy).stdout
    assert re.search(rf"toolkit/{TOOL}\.yml:\d+:\d+: 'by: kilde' kræver en 'source'", out), out
    assert re.search(rf"toolkit/{TOOL}\.yml:\d+:\d+: teksten skal indeholde \{{element\}}", out), out
