"""Every page type as a reader meets it: printed to PDF, on a phone 390 px wide, at 200 % zoom and with WCAG's text
spacing. The page types are those of test_browser.page_types, so a new page type is covered by adding it there."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from test_browser import base_url, page_types, screenshot, tab  # noqa: F401  (fixtures and helpers)

PRINT_SKIP = {"404"}  # the error page has nothing to print
# A working tool's page prints the tool itself (worksheet, cards, survey form): its own tests read that PDF.
PHONE = {"width": 390, "height": 844}


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(tab) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    return len(reader.pages), flat(" ".join(page.extract_text() for page in reader.pages))


def test_every_page_type_prints_its_whole_content_without_navigation(tab, kb):
    problems = {}
    for name, path in page_types(kb).items():
        if name in PRINT_SKIP or name.startswith("vaerktoej-"):
            continue
        tab.guard.goto(tab, path)
        tab.wait_for_load_state("networkidle")
        title = flat(tab.locator("article h1").first.inner_text())
        lead = tab.locator("article .nb-lead")
        lead_text = flat(lead.first.inner_text())[:60] if lead.count() else ""
        details = tab.locator("article details > :not(summary)")
        hidden_detail = flat(details.first.text_content())[:40] if details.count() else ""
        external = tab.locator("article a.nb-ext")
        address = external.first.get_attribute("href") if external.count() else ""
        pages, text = pdf_text(tab)
        missing = [what for what, needle in (("titel", title[:50]), ("indledning", lead_text),
                                             ("lukket detalje", hidden_detail)) if needle and needle not in text]
        if address and address.replace("/", "")[:30] not in text.replace("/", "").replace(" ", ""):
            missing.append("webadresse")
        if "Tilgængelighedserklæring" in text.split("Om Nybrud")[0] and name != "forside":
            missing.append("navigationen kom med")
        if missing:
            problems[name] = missing
    assert not problems, problems


def test_every_page_type_works_on_a_phone(browser, base_url, kb):
    context = browser.new_context(base_url=base_url, viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="da-DK")
    tab = context.new_page()
    problems = {}
    for name, path in page_types(kb).items():
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        # Text a reader must read is at least 12 px (the hidden and the screen-reader-only parts aside).
        small = tab.evaluate("""() => {
            const out = [];
            const walker = document.createTreeWalker(document.querySelector('article') || document.body,
                                                     NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement;
                if (!node.textContent.trim() || !el.offsetParent) continue;
                if (el.closest('.nb-visually-hidden, [hidden], [aria-hidden=true]')) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < 12) out.push(`${el.tagName}.${el.className}: ${size}px «${node.textContent.trim().slice(0, 30)}»`);
            }
            return out.slice(0, 5);
        }""")
        if overflow > 1 or small:
            problems[name] = {"vandret rulning (px)": overflow, "for lille tekst": small}
        screenshot(tab, f"telefon-{name}")
    context.close()
    assert not problems, problems


TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""


@pytest.mark.parametrize("name", ["forside", "case", "format", "formatvaelger", "soeg", "sammenlign"])
def test_main_page_types_reflow_at_200_percent_zoom_with_text_spacing(browser, base_url, kb, name):
    # 200 % zoom of a 1280 px window is a 640 CSS px viewport at twice the pixel density.
    context = browser.new_context(base_url=base_url, viewport={"width": 640, "height": 450}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(page_types(kb)[name])
    tab.wait_for_load_state("networkidle")
    tab.add_style_tag(content=TEXT_SPACING)
    clipped = tab.evaluate("""() => [...document.querySelectorAll(
            'article :is(button, label, a.md-button, select, summary, dt, th, .nb-result__kind)')]
        .filter(el => el.offsetParent && (el.scrollWidth > el.clientWidth + 2 || el.scrollHeight > el.clientHeight + 2)
                      && getComputedStyle(el).overflow !== 'visible')
        .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 30))""")
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(tab, f"zoom-200-{name}")
    context.close()
    assert overflow <= 1, f"{name}: the page scrolls sideways by {overflow} px"
    assert not clipped, f"{name}: text cut off: {clipped}"
