"""Formats side by side in a real browser: chosen by keyboard, shared by URL, printed to PDF."""
from __future__ import annotations

import io

from pypdf import PdfReader

from test_browser import axe_violations, base_url, tab  # noqa: F401  (fixtures)


def headers(tab) -> list[str]:
    return tab.locator(".nb-compare__table thead th").all_text_contents()


def test_a_shared_link_shows_the_chosen_formats_in_columns(tab, kb):
    ids = list(kb.formats)[:3]
    tab.guard.goto(tab, "formater/sammenlign/?formater=" + ",".join(ids) + ",findes-ikke")
    tab.locator(".nb-compare__table table").wait_for()
    assert headers(tab) == [kb.formats[i].title for i in ids]
    assert "findes-ikke" in tab.inner_text(".nb-compare__status")
    rows = tab.locator(".nb-compare__table tbody th[scope=row]").all_text_contents()
    assert {"Formål", "Løftet til borgerne", "Deltagere", "Mindst antal uger", "Styrker", "Risici", "Danske cases"} <= set(rows)
    cases_row = tab.locator(".nb-compare__table tbody tr").nth(rows.index("Danske cases"))
    for column, fid in enumerate(ids):
        n = len(kb.referrers("formats", fid, "cases"))
        links = cases_row.locator("td").nth(column).locator("a")
        assert links.count() == min(n, 5)
    assert not axe_violations(tab)
    tab.guard.assert_clean()


def test_formats_are_chosen_with_the_keyboard_and_at_most_four(tab, kb):
    tab.guard.goto(tab, "formater/sammenlign/")
    boxes = tab.locator(".nb-compare__choices input")
    for i in range(4):
        boxes.nth(i).focus()
        tab.keyboard.press("Space")
    tab.wait_for_function("new URLSearchParams(location.search).get('formater').split(',').length === 4")
    assert len(headers(tab)) == 4
    assert boxes.nth(4).is_disabled()
    assert "højst fire" in tab.inner_text(".nb-compare__status")
    boxes.nth(0).focus()
    tab.keyboard.press("Space")
    tab.wait_for_function("document.querySelectorAll('.nb-compare__table thead th').length === 3")
    assert not boxes.nth(4).is_disabled()


def test_the_comparison_prints_without_the_form(tab, kb):
    ids = list(kb.formats)[-2:]
    tab.guard.goto(tab, "formater/sammenlign/?formater=" + ",".join(ids))
    tab.locator(".nb-compare__table table").wait_for()
    tab.emulate_media(media="print")
    assert tab.locator(".nb-compare__form").is_hidden()
    assert tab.locator(".md-sidebar--primary").is_hidden()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(tab.pdf(format="A4"))).pages)
    flat = " ".join(text.split())
    for fid in ids:
        assert " ".join(kb.formats[fid].title.split()) in flat
    assert "Vælg højst fire" not in flat
