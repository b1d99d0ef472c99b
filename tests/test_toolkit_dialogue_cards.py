"""Dialogkortene (vaerktoejer/dialogkort-velfaerd/) on the real built site: one card per welfare theme, per format in
formats/ and per politician role; whose text each card is; the deck printed to PDF as A6 cards four to an A4 sheet,
fronts and mirrored backs; the filters by keyboard, in the URL and after a reload; accessibility, no foreign request,
no script error; without JavaScript every card shows and prints; and located Danish messages for bad data.

Every expectation is derived from the data file (toolkit/dialogkort-velfaerd.yml) and formats/, not pinned.
"""
from __future__ import annotations

import io
import math
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import build_site, run_cli
from test_browser import SCREENSHOTS, axe_violations, base_url, screenshot, tab, tab_without_js  # noqa: F401 (fixtures)

TOOL = "dialogkort-velfaerd"
PAGE = f"vaerktoejer/{TOOL}/"
DATA_FILE = f"toolkit/{TOOL}.yml"
A4_POINTS = (595.28, 841.89)
MM = 96 / 25.4  # CSS pixels per millimetre


@pytest.fixture(scope="module")
def data(kb):
    return kb.toolkits[TOOL]


def expected_cards(data, kb) -> list[tuple[str, str, str]]:
    """(key, deck, title) of every card, in deck order: themes, one per format, roles."""
    return ([(f"tema-{t.id}", "tema", t.title) for t in data.themes]
            + [(f"format-{fid}", "format", f.title) for fid, f in kb.formats.items()]
            + [(f"rolle-{r.id}", "rolle", r.title) for r in data.roles])


def dilemma_for(data, fid):
    found = [d for d in data.dilemmas if d.format == fid]
    return found[0] if found else None


def expected_marks(data, key: str) -> list[str]:
    """Whose text each part of a card is: a theme or role card one part, a format card its description (Nybrud's,
    from the knowledge base) and its dilemma, if it has one."""
    deck, ident = key.split("-", 1)
    if deck == "tema":
        return [next(t.by for t in data.themes if t.id == ident)]
    if deck == "rolle":
        return [next(r.by for r in data.roles if r.id == ident)]
    dilemma = dilemma_for(data, ident)
    return ["nybrud"] + ([dilemma.by] if dilemma else [])


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def deck_title(data, deck: str) -> str:
    return getattr(data.decks, {"tema": "themes", "format": "formats", "rolle": "roles"}[deck]).title


# --- the built HTML -----------------------------------------------------------------------------------------------

def test_one_card_per_welfare_theme_per_format_and_per_role(page, kb, data):
    html = page(PAGE)
    items = html.select("[data-nb-dk-list] > li")
    expected = expected_cards(data, kb)
    assert [li["data-card"] for li in items] == [key for key, _, _ in expected]
    for li, (key, deck, title) in zip(items, expected):
        assert li["data-deck"] == deck
        heading = li.select_one(".nb-dk-card__title")
        assert heading["role"] == "heading" and heading["aria-level"] == "3"
        assert li.select_one("article")["aria-labelledby"] == heading["id"]
        assert flat(heading.get_text()) == flat(title)


def test_each_format_card_shows_the_format_and_its_dilemma_only_if_it_has_one(page, kb, data):
    html = page(PAGE)
    for fid, fmt in kb.formats.items():
        card = html.select_one(f'[data-nb-dk-list] > li[data-card="format-{fid}"]')
        facts = flat(card.select_one(".nb-dk-card__facts").get_text())
        assert flat(fmt.summary)[:60] in facts
        for level in fmt.influence_levels:
            assert kb.label("influence-levels", level) in facts
        dilemma = dilemma_for(data, fid)
        shown = card.select(".nb-dk-card__dilemma")
        if dilemma is None:
            assert not shown, f"{fid} has no dilemma in the data but its card shows one"
            continue
        assert len(shown) == 1
        assert flat(dilemma.title) in flat(shown[0].select_one(".nb-dk-card__subtitle").get_text())
        assert flat(dilemma.question) in flat(shown[0].select_one(".nb-dk-card__ask").get_text())
    for dilemma in data.dilemmas:  # every dilemma in the data is on its format's card
        assert html.select_one(f'li[data-card="format-{dilemma.format}"] .nb-dk-card__dilemma')


def test_the_sources_cards_are_marked_as_the_sources_and_every_other_as_nybruds(page, kb, data):
    html = page(PAGE)
    for li in html.select("[data-nb-dk-list] > li"):
        key = li["data-card"]
        units = li.select("[data-by]")
        assert [u["data-by"] for u in units] == expected_marks(data, key), key
        for unit in units:
            credit = flat(unit.select_one(".nb-dk-card__by").get_text())
            if unit["data-by"] == "nybrud":
                assert credit.startswith("Nybruds tekst"), (key, credit)
                assert "Fra kilden" not in flat(unit.get_text())
            else:
                assert credit.startswith("Fra kilden"), (key, credit)
    authored = ([(f"tema-{t.id}", t) for t in data.themes] + [(f"format-{d.format}", d) for d in data.dilemmas]
                + [(f"rolle-{r.id}", r) for r in data.roles])
    for key, card in authored:  # a card from the source names the source and its lines, and quotes its words
        if card.by != "kilde":
            continue
        unit = html.select_one(f'li[data-card="{key}"] [data-by="kilde"]')
        text, credit = flat(unit.get_text()), flat(unit.select_one(".nb-dk-card__by").get_text())
        assert kb.sources[card.source.source].title in credit and card.source.lines.replace("-", "–") in credit
        if card.question_from_source:
            assert f"»{flat(card.question)}«" in text
        else:
            assert "Spørgsmålet er Nybruds" in credit
        if hasattr(card, "tagline"):
            assert f"»{flat(card.tagline)}«" in text
    # The print sheets carry the same cards with the same marks.
    for front in html.select("[data-nb-dk-print] [data-nb-dk-front]"):
        assert [u["data-by"] for u in front.select("[data-by]")] == expected_marks(data, front["data-nb-dk-front"])


def test_the_static_print_sheets_hold_every_card_front_and_back(page, kb, data):
    html = page(PAGE)
    print_part = html.select_one("[data-nb-dk-print]")
    assert print_part["aria-hidden"] == "true" and print_part.has_attr("data-search-exclude")
    sheets = print_part.select(".nb-dk-sheet")
    keys = [key for key, _, _ in expected_cards(data, kb)]
    assert len(sheets) == 2 * math.ceil(len(keys) / 4)
    for i, (front, back) in enumerate(zip(sheets[::2], sheets[1::2])):
        part = keys[4 * i: 4 * i + 4]
        assert "nb-dk-sheet--front" in front["class"] and "nb-dk-sheet--back" in back["class"]
        assert [s["data-nb-dk-front"] for s in front.select("[data-nb-dk-front]")] == part
        assert [s["data-nb-dk-back"] for s in back.select("[data-nb-dk-back]")] == part
        assert len(front.select(".nb-dk-mark")) == len(back.select(".nb-dk-mark")) == 6
    assert not print_part.select("[id]"), "the print copies must not repeat the list's ids"


# --- in the browser -----------------------------------------------------------------------------------------------

FITS = """() => Array.from(document.querySelectorAll('[data-nb-dk-front]')).map(slot => {
  const limit = slot.getBoundingClientRect().bottom - parseFloat(getComputedStyle(slot).paddingBottom);
  let bottom = 0;
  slot.querySelectorAll('*').forEach(e => { const r = e.getBoundingClientRect(); if (r.height) bottom = Math.max(bottom, r.bottom); });
  return [slot.dataset.nbDkFront, bottom - limit];
})"""

GEOMETRY = """() => Array.from(document.querySelectorAll('.nb-dk-sheet')).map(sheet => {
  const s = sheet.getBoundingClientRect();
  const slots = Array.from(sheet.querySelectorAll('.nb-dk-slot')).map(slot => {
    const r = slot.getBoundingClientRect();
    return [slot.dataset.nbDkFront || slot.dataset.nbDkBack, r.left - s.left, r.top - s.top, r.width, r.height];
  });
  const marks = Array.from(sheet.querySelectorAll('.nb-dk-mark')).map(m => {
    const r = m.getBoundingClientRect(); return [r.left - s.left, r.top - s.top, r.width, r.height];
  });
  return {side: sheet.classList.contains('nb-dk-sheet--back') ? 'back' : 'front', width: s.width, height: s.height, slots, marks};
})"""


def print_pdf(tab) -> bytes:
    tab.emulate_media(media="print")
    return tab.pdf(prefer_css_page_size=True, print_background=True)


def read_pdf(pdf: bytes):
    from pypdf import PdfReader
    return PdfReader(io.BytesIO(pdf))


def assert_sheets(reader, data, cards: list[tuple[str, str, str]]) -> None:
    """Fronts and backs alternate, four cards to an A4 page: titles on the fronts, deck names on the backs."""
    assert len(reader.pages) == 2 * math.ceil(len(cards) / 4), len(reader.pages)
    for number, pdf_page in enumerate(reader.pages):
        box = pdf_page.mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 1.5 and abs(float(box.height) - A4_POINTS[1]) < 1.5, box
        part = cards[4 * (number // 2): 4 * (number // 2) + 4]
        text = flat(pdf_page.extract_text())
        if number % 2 == 0:
            for _, _, title in part:
                assert flat(title) in text, (number, title)
        else:
            for _, deck, _ in part:
                assert deck_title(data, deck) in text, (number, deck)


def test_the_deck_prints_as_a6_cards_four_to_an_a4_page_fronts_then_mirrored_backs(tab, kb, data):
    tab.goto(PAGE)
    tab.wait_for_load_state("networkidle")
    cards = expected_cards(data, kb)
    pdf = print_pdf(tab)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "dialogkort.pdf").write_bytes(pdf)
    assert_sheets(read_pdf(pdf), data, cards)

    overflowing = [(key, round(over)) for key, over in tab.evaluate(FITS) if over > 0.5]
    assert not overflowing, f"text runs off these cards: {overflowing}"

    sheets = tab.evaluate(GEOMETRY)
    assert len(sheets) == 2 * math.ceil(len(cards) / 4)
    for front, back in zip(sheets[::2], sheets[1::2]):
        assert (front["side"], back["side"]) == ("front", "back")
        for sheet in (front, back):
            assert abs(sheet["width"] - 210 * MM) < 2 and abs(sheet["height"] - 297 * MM) < 2
            for _, x, y, w, h in sheet["slots"]:
                assert abs(w - 105 * MM) < 1.5 and abs(h - 148 * MM) < 1.5  # A6
                assert min(abs(x), abs(x - 105 * MM)) < 1.5  # two columns
            lines_x = {round(x + w / 2) for x, y, w, h in sheet["marks"] if h > w}
            lines_y = {round(y + h / 2) for x, y, w, h in sheet["marks"] if w > h}
            assert lines_x == {round(105 * MM)}, lines_x  # cut marks on the cut between the columns …
            assert len(lines_y) == 1 and abs(lines_y.pop() - sheet["height"] / 2) < 2  # … and between the rows
            assert len(sheet["marks"]) == 6
        placed = {key: (x, y, w) for key, x, y, w, _ in front["slots"]}
        assert [s[0] for s in back["slots"]] == list(placed)
        for key, x, y, w, _ in back["slots"]:  # long-edge duplex: the columns swap, the rows stay
            fx, fy, fw = placed[key]
            assert abs((x + w / 2) - (front["width"] - (fx + fw / 2))) < 1.5, key
            assert abs(y - fy) < 1.5, key
    tab.guard.assert_clean()


def tab_to(tab, element_id: str, limit: int = 80) -> None:
    tab.locator("h1").first.click()
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} cannot be reached with Tab")


def visible_cards(tab) -> list[str]:
    return tab.evaluate("Array.from(document.querySelectorAll('[data-nb-dk-list] > li'))"
                        ".filter(li => !li.hidden && li.offsetParent !== null).map(li => li.dataset.card)")


def test_filters_by_keyboard_update_the_count_the_list_and_the_url_and_survive_a_reload(tab, kb, data):
    cards = expected_cards(data, kb)
    total = len(cards)
    tab.goto(PAGE)
    status = tab.locator("[data-nb-dk-count]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.text_content().strip() == f"Viser {total} af {total} kort."
    assert len(visible_cards(tab)) == total

    # Only the role cards: with Tab and Space, leave the other decks.
    for deck in ("tema", "format"):
        tab_to(tab, f"dk-bunke-{deck}")
        tab.keyboard.press("Space")
    roles = [key for key, deck, _ in cards if deck == "rolle"]
    tab.wait_for_function("new URLSearchParams(location.search).get('bunker') === 'rolle'")
    assert status.text_content().strip() == f"Viser {len(roles)} af {total} kort."
    assert visible_cards(tab) == roles

    tab.reload()
    assert not tab.locator("#dk-bunke-tema").is_checked() and tab.locator("#dk-bunke-rolle").is_checked()
    assert status.text_content().strip() == f"Viser {len(roles)} af {total} kort."
    assert visible_cards(tab) == roles

    # The themes of one area: the role cards stay, because they belong to every area.
    area = data.themes[0].area
    tab_to(tab, "dk-bunke-tema")
    tab.keyboard.press("Space")
    tab_to(tab, "dk-omraade")
    options = tab.locator("#dk-omraade option").evaluate_all("os => os.map(o => o.value)")
    for _ in range(options.index(area)):
        tab.keyboard.press("ArrowDown")
    tab.wait_for_function(f"new URLSearchParams(location.search).get('omraade') === '{area}'")
    themes = [f"tema-{t.id}" for t in data.themes if t.area == area]
    assert visible_cards(tab) == themes + roles
    assert status.text_content().strip() == f"Viser {len(themes) + len(roles)} af {total} kort."
    assert parse_qs(urlsplit(tab.url).query) == {"bunker": ["tema,rolle"], "omraade": [area]}
    tab.reload()
    assert tab.locator("#dk-omraade").input_value() == area
    assert visible_cards(tab) == themes + roles
    assert not axe_violations(tab)

    # "Udskriv" prints the cards shown, and only them.
    tab.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    tab.locator("[data-nb-dk-print-button]").click()
    assert tab.evaluate("window.__printed") == 1
    shown = [c for c in cards if c[0] in themes + roles]
    reader = read_pdf(print_pdf(tab))
    assert_sheets(reader, data, shown)
    hidden_titles = [flat(t) for key, _, t in cards if key not in themes + roles and len(t) > 12]
    printed = flat(" ".join(p.extract_text() for p in reader.pages))
    assert not [t for t in hidden_titles if t in printed]
    tab.guard.assert_clean()


def test_with_no_deck_chosen_nothing_is_shown_and_the_print_button_says_so(tab, kb, data):
    total = len(expected_cards(data, kb))
    tab.goto(PAGE + "?bunker=")
    assert visible_cards(tab) == []
    assert tab.locator("[data-nb-dk-count]").text_content().strip() == f"Viser 0 af {total} kort. Vælg mindst én bunke."
    assert tab.locator("[data-nb-dk-print-button]").is_disabled()
    tab.guard.assert_clean()


def test_the_page_passes_axe_and_asks_no_other_host(tab):
    tab.goto(PAGE)
    tab.wait_for_load_state("networkidle")
    screenshot(tab, "dialogkort")
    assert not axe_violations(tab)
    tab.guard.assert_clean()


def test_without_javascript_every_card_shows_and_prints(tab_without_js, kb, data):
    tab = tab_without_js
    tab.goto(PAGE)
    cards = expected_cards(data, kb)
    assert tab.locator("form[data-nb-dk-filter]").is_hidden()
    assert visible_cards(tab) == [key for key, _, _ in cards]
    assert_sheets(read_pdf(print_pdf(tab)), data, cards)


# --- editors' mistakes and hostile text ---------------------------------------------------------------------------

def insert_before(path, marker: str, lines: list[str]) -> int:
    """Insert lines before the line that is ``marker``; the 1-based number of the first inserted line."""
    text = path.read_text("utf-8").splitlines()
    at = text.index(marker)
    path.write_text("\n".join(text[:at] + lines + text[at:]) + "\n", "utf-8")
    return at + 1


def located(output: str, line: int) -> list[str]:
    return [m for m in output.splitlines() if m.startswith(f"{DATA_FILE}:{line}:")]


def test_a_dilemma_for_an_unknown_format_gives_a_located_danish_message(project_copy):
    path = project_copy / DATA_FILE
    first = insert_before(path, "roles:", [
        "  - format: findes-ikke",
        "    title: Et dilemma uden format",
        "    by: nybrud",
        "    text: Et format, der ikke findes.",
        "    question: Hvad nu?",
        "",
    ])
    result = run_cli("validate", cwd=project_copy)
    assert result.returncode != 0
    messages = located(result.stdout + result.stderr, first)
    assert messages and "ukendt format-id 'findes-ikke'" in messages[0], result.stdout + result.stderr


def test_a_second_dilemma_for_one_format_and_a_duplicate_card_id_give_located_messages(project_copy):
    path = project_copy / DATA_FILE
    raw = yaml.safe_load(path.read_text("utf-8"))
    taken_format = raw["dilemmas"][0]["format"]
    taken_id = raw["themes"][0]["id"]
    first = insert_before(path, "roles:", [
        f"  - format: {taken_format}",
        "    title: Endnu et dilemma",
        "    by: nybrud",
        "    text: Et format med to dilemmaer.",
        "    question: Hvilket gælder?",
        "",
    ])
    lines = path.read_text("utf-8").splitlines()
    role_line = len(lines) + 1
    path.write_text("\n".join(lines + [
        f"  - id: {taken_id}",
        "    title: En rolle med et optaget id",
        "    tagline: Har samme id som et temakort.",
        "    by: nybrud",
        "    text: Et kort-id skal være entydigt.",
        "    question: Hvilket kort er det?",
    ]) + "\n", "utf-8")
    result = run_cli("validate", cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    dilemma = located(output, first)
    assert dilemma and f"formatet '{taken_format}' har allerede et dilemma" in dilemma[0], output
    role = located(output, role_line)
    assert role and f"kort-id'et '{taken_id}' bruges allerede" in role[0], output


def test_a_card_from_the_source_without_its_place_in_the_source_is_refused(project_copy):
    path = project_copy / DATA_FILE
    first = insert_before(path, "roles:", [
        "  - format: findes-heller-ikke",
        "    title: Et kildekort uden kilde",
        "    by: kilde",
        "    text: Kortet siger, at det står i kilden.",
        "    question: Hvor?",
        "",
    ])
    result = run_cli("validate", cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    messages = located(output, first)
    assert messages and "'by: kilde'" in messages[0] and "'source'" in messages[0], output


def test_editors_markdown_in_a_card_stays_literal_text(project_copy, tmp_path):
    path = project_copy / DATA_FILE
    raw = yaml.safe_load(path.read_text("utf-8"))
    role = raw["roles"][0]["id"]
    literal = "*ikke kursiv* [ikke et link](x) & 1 < 2 | _x_"
    text = path.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(text) if line.strip() == f"- id: {role}")
    tagline = next(i for i in range(at, len(text)) if text[i].strip().startswith("tagline:"))
    text[tagline] = "    tagline: " + yaml.safe_dump(literal, allow_unicode=True).strip().removesuffix("...").strip()
    path.write_text("\n".join(text) + "\n", "utf-8")
    site = build_site(project_copy, tmp_path / "site")
    from bs4 import BeautifulSoup
    html = BeautifulSoup((site / PAGE / "index.html").read_text("utf-8"), "html.parser")
    for where in (f'[data-nb-dk-list] li[data-card="rolle-{role}"]', f'[data-nb-dk-front="rolle-{role}"]'):
        card = html.select_one(where)
        assert literal in card.select_one(".nb-dk-card__tagline").get_text()
        assert not card.select(".nb-dk-card__tagline em, .nb-dk-card__tagline a")
