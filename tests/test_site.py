"""The real site, built from the real collections: pages, links both ways, search, exports."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

MAIN_CASE = "furesoe-fremtidens-furesoe"


def text_of(soup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def test_every_entity_has_a_page(site, kb):
    for folder, items in (("cases", kb.cases), ("formater", kb.formats), ("principper", kb.principles),
                          ("vaerktoejer", kb.tools), ("kilder", kb.sources)):
        for ident in items:
            assert (site / folder / ident / "index.html").is_file(), f"{folder}/{ident}"
        assert (site / folder / "index.html").is_file()


def test_case_page_shows_facts_and_links(page, kb):
    case = kb.cases[MAIN_CASE]
    soup = page(f"cases/{MAIN_CASE}/")
    assert soup.html["lang"] == "da"
    assert soup.h1.get_text(strip=True) == case.title
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert "../../kommuner/furesoe/" in hrefs
    for fid in case.formats:
        assert f"../../formater/{fid}/" in hrefs
    for ref in case.sources:
        assert f"../../kilder/{ref.source}/" in hrefs
    body = text_of(soup)
    assert "Kommunaldirektøren" in body and "Steen Vinderslev" in body
    assert "20 af byrådets 21 stemmer" in body


def test_missing_fields_say_not_stated(page, kb):
    case = kb.cases[MAIN_CASE]
    assert case.participants.not_reached is None
    soup = page(f"cases/{MAIN_CASE}/")
    dt = next(dt for dt in soup.select("dt") if dt.get_text(strip=True) == "Hvem blev ikke nået")
    assert dt.find_next_sibling("dd").get_text(strip=True) == "Ikke oplyst i kilderne."


def test_edit_link_points_at_the_yaml_file(page):
    soup = page(f"cases/{MAIN_CASE}/")
    edit = soup.select_one("a.md-content__button[rel=edit]")
    assert edit["href"].endswith(f"/edit/main/cases/{MAIN_CASE}.yml")


@pytest.mark.parametrize("folder, target", [
    ("formater", "formats"), ("principper", "principles"), ("kommuner", "vocab:municipalities"),
])
def test_pages_link_back_to_the_cases_that_name_them(page, kb, folder, target):
    named = {ref for case in kb.cases.values() for ref in (
        [case.municipality] if target == "vocab:municipalities" else getattr(case, target))}
    assert named, "no case names anything"
    for ident in named:
        hrefs = {a["href"] for a in page(f"{folder}/{ident}/").select("article a[href]")}
        for cid in kb.referrers(target, ident, "cases"):
            assert f"../../cases/{cid}/" in hrefs, f"{folder}/{ident} does not link {cid}"
        for cid, case in kb.cases.items():  # independently of the back-link index: every case naming it
            if ident in ([case.municipality] if target == "vocab:municipalities" else getattr(case, target)):
                assert f"../../cases/{cid}/" in hrefs, f"{folder}/{ident} does not link {cid}"


def test_source_page_lists_everything_citing_it(page, kb):
    for sid in kb.sources:
        citing = kb.referrers("sources", sid)
        hrefs = {a["href"] for a in page(f"kilder/{sid}/").select("article a[href]")}
        folder = {"cases": "cases", "formats": "formater", "principles": "principper", "tools": "vaerktoejer"}
        for collection, ident in citing:
            if collection in folder:
                assert f"../../{folder[collection]}/{ident}/" in hrefs


def test_case_list_has_every_case_with_filter_data(page, kb):
    soup = page("cases/")
    form = soup.select_one("form[data-nb-filter=cases]")
    assert form.has_attr("hidden"), "the filter form must stay hidden until the script shows it"
    assert form.select_one("[role=status][aria-live=polite]") is not None
    for select in form.select("select"):
        assert form.select_one(f"label[for={select['id']}]") is not None
    rows = soup.select("[data-nb-list=cases] > ul > li")
    assert len(rows) == len(kb.cases)
    by_href = {li.select_one("a")["href"]: li for li in rows}
    for cid, case in kb.cases.items():
        marker = by_href[f"{cid}/"].find("p")
        assert marker["data-municipality"] == case.municipality
        assert marker["data-region"] == kb.term("municipalities", case.municipality).region
        assert marker["data-formats"].split() == case.formats
        assert marker["data-areas"].split() == case.policy_areas
        assert marker["data-groups"].split() == case.participants.groups
        assert marker["data-recruitment"].split() == case.participants.recruitment_methods
        assert marker["data-influence"] == (case.influence or "")
        years = [int(y) for y in marker["data-year"].split()]
        assert years[0] == case.period.start and years[-1] == (case.period.end or case.period.start)
        done = case.kit.evaluation.done if case.kit.evaluation else None
        assert marker["data-evaluated"] == {None: "ikke-oplyst", True: "ja", False: "nej"}[done]
    options = {o["value"] for o in form.select("select[name=municipality] option") if o["value"]}
    assert options == {c.municipality for c in kb.cases.values()}


def test_format_list_has_every_format(page, kb):
    rows = page("formater/").select("[data-nb-list=formats] > ul > li")
    assert len(rows) == len(kb.formats)


def test_entity_pages_stay_out_of_the_navigation(page, kb):
    soup = page(f"cases/{MAIN_CASE}/")
    nav_links = [a["href"] for a in soup.select("nav.md-nav--primary a[href]")]
    assert not any(re.search(r"cases/[a-z0-9-]+/$", h) for h in nav_links), nav_links
    assert len(nav_links) < 30


def test_the_search_index_holds_every_content_page_in_danish_and_no_list_page(site, page, kb):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["da"]  # Danish stemming for every page
    indexed = [p for p in site.rglob("index.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert entry["languages"]["da"]["page_count"] == len(indexed)
    case = page(f"cases/{MAIN_CASE}/")
    assert case.select_one("[data-pagefind-body] h1").get_text(strip=True) == kb.cases[MAIN_CASE].title
    assert case.select_one('meta[data-pagefind-filter="type[content]"]')["content"] == "Case"
    assert not case.select("nav [data-pagefind-body], [data-pagefind-body] nav.md-nav")
    keywords = case.select_one("[data-pagefind-body] .nb-keywords")
    if kb.cases[MAIN_CASE].keywords:
        assert keywords["data-pagefind-weight"] and kb.cases[MAIN_CASE].keywords[0] in keywords.get_text()
    # List pages repeat their items: they stay out, so results lead to the entities themselves.
    for listing in ("cases/", "formater/", "kilder/"):
        assert not page(listing).select("[data-pagefind-body]") and page(listing).select('[data-pagefind-ignore="all"]')


def test_json_exports_hold_every_entity_with_backlinks(site, kb):
    for name, collection in (("cases", kb.cases), ("formats", kb.formats), ("principles", kb.principles),
                             ("tools", kb.tools), ("sources", kb.sources)):
        document = json.loads((site / "api" / f"{name}.json").read_text("utf-8"))
        assert document["license"]["name"] == "CC BY 4.0"
        assert document["count"] == len(collection) == len(document["items"])
        assert [item["id"] for item in document["items"]] == list(collection)
        for item in document["items"]:
            assert (site / item["url"] / "index.html").is_file()
    formats = {f["id"]: f for f in json.loads((site / "api" / "formats.json").read_text("utf-8"))["items"]}
    for fid in kb.cases[MAIN_CASE].formats:
        assert MAIN_CASE in formats[fid]["cases"]


def test_cases_csv_is_open_data(site, kb):
    raw = (site / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == list(kb.cases)
    row = next(r for r in rows if r["id"] == MAIN_CASE)
    assert row["municipality_name"] == "Furesø" and row["start_year"] == "2020"


def test_no_request_goes_to_another_host(site):
    """Scripts, styles, images and fonts all come from the site itself (no CDN, no fonts, no analytics)."""
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.I)
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        for url in pattern.findall(text):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                # Only <link rel=canonical> may name the public address of the site itself.
                assert parts.netloc in ("nybrud.github.io",), f"{html}: {url}"
        assert "fonts.googleapis" not in text and "google-analytics" not in text


def test_editor_text_renders_as_text(tmp_path):
    from generator.escape import escape_md, paragraphs
    import markdown

    html = markdown.markdown(paragraphs("*ikke kursiv* [ikke et link](x.md) # ikke en overskrift\n\n- ikke en liste"))
    assert "<em>" not in html and "<a " not in html and "<h1>" not in html and "<li>" not in html
    assert "*ikke kursiv*" in html and "[ikke et link](x.md)" in html
    assert escape_md("1. punkt").startswith("1\\.")


def test_survey_page_draws_every_figure_with_n_and_source(page, kb):
    soup = page("undersoegelsen/")
    figures = soup.select("figure.nb-chart")
    assert len(figures) >= 5
    chart_ids = {f["id"] for f in figures}
    assert {"figur-formater-brugt", "figur-barrierer", "figur-kommunaldirektoerens-roller",
            "figur-oensker-til-redskaber", "figur-digitale-fordele"} <= chart_ids
    for figure in figures:
        bars = figure.select_one("ul.nb-chart__bars")
        assert figure.find(id=bars["aria-labelledby"]).get_text(strip=True)  # the list is named by the caption
        caption = figure.select_one("figcaption").get_text(" ")
        assert "N=" in caption or "N er ikke oplyst" in caption, caption
        # The figure is followed by its source reference.
        assert "Kilde:" in figure.find_next("p").get_text()
        rows = figure.select("table tbody tr")
        assert len(rows) == len(bars.select("li"))
        for row, bar in zip(rows, bars.select("li")):  # each bar shows its label and value as text, as the table does
            assert bar.select_one(".nb-chart__label").get_text() == row.th.get_text()
            assert bar.select_one(".nb-chart__value").get_text().startswith(row.td.get_text())
    formats = soup.select_one("#figur-formater-brugt table")
    shown = {tr.th.get_text(): tr.td.get_text() for tr in formats.select("tbody tr")}
    for f in kb.formats.values():
        if f.survey:
            assert shown[f.title] == f"{f.survey.percent:g} %".replace(".", ","), f.id
    assert shown[kb.formats["samskabelse-af-velfaerd"].title] == "63 %"
    tools = {tr.th.get_text(): tr.td.get_text() for tr in soup.select("#figur-oensker-til-redskaber tbody tr")}
    assert "53 %" in tools.values()


def test_the_front_page_leads_with_the_decision_aid_and_tells_true_numbers(page, kb):
    soup = page("")
    headings = [h.get_text(strip=True) for h in soup.select("article h2")]
    assert headings[0] == "Find det rette format"
    assert soup.select_one(".nb-front-lead a.md-button")["href"] == "formatvaelger/"
    for tid in kb.toolkits:  # every working tool is one click from the front page
        assert soup.select_one(f'article a[href="vaerktoejer/{tid}/"]') is not None, tid
    text = soup.select_one("article").get_text(" ", strip=True)
    municipalities = {c.municipality for c in kb.cases.values()}
    regions = {kb.term("municipalities", m).region for m in municipalities}
    assert f"{len(kb.cases)} danske cases fra {len(municipalities)} kommuner i {len(regions)} regioner" in text
    assert f"{len(kb.formats)} formater" in text and f"{len(kb.sources)} kilder" in text
    assert "og flere" not in text
    # Each situation is a filtered case list, and its count is what the filter will show.
    situations = soup.select(".nb-situations a")
    assert situations
    for link in situations:
        facet, value = link["href"].split("?", 1)[1].split("=")
        field = {"areas": lambda c: c.policy_areas, "groups": lambda c: c.participants.groups}[facet]
        n = sum(1 for c in kb.cases.values() if value in field(c))
        assert link["href"].startswith("cases/?") and link.parent.get_text().endswith(f"{n} cases" if n != 1 else "1 case")


def test_case_and_format_pages_start_with_kort_fortalt(page, kb):
    for cid, case in kb.cases.items():
        brief = page(f"cases/{cid}/").select_one("article .nb-brief")
        assert brief is not None and brief.h2.get_text(strip=True) == "Kort fortalt", cid
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in brief.select("dt")}
        assert facts["Hvor og hvornår"].startswith(kb.label("municipalities", case.municipality)), cid
        assert str(case.period.start) in facts["Hvor og hvornår"]
        assert kb.formats[case.formats[0]].title in facts["Hvad kommunen gjorde"]
        if case.influence:
            assert facts["Løftet til borgerne"] == kb.label("influence-levels", case.influence)
        took = facts["Det krævede"]
        if case.kit.duration_weeks:
            assert f"{case.kit.duration_weeks} uger" in took, cid
        if case.kit.cost.dkk:
            assert f"{case.kit.cost.dkk:,}".replace(",", ".") in took, cid
        if case.kit.is_empty() and not case.participants.recruitment_methods:
            assert took == "Ikke oplyst i kilderne."
        # The summary box comes before the detail.
        headings = [h.get_text(strip=True) for h in page(f"cases/{cid}/").select("article h2")]
        assert headings[0] == "Kort fortalt" and headings.index("Baggrund") == 1
    for fid, fmt in kb.formats.items():
        brief = page(f"formater/{fid}/").select_one("article .nb-brief")
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in brief.select("dt")}
        assert set(facts) >= {"Hvad det er", "Passer, når", "Løftet, det kan holde", "Det kræver", "Danske cases"}
        n = len(kb.referrers("formats", fid, "cases"))
        assert facts["Danske cases"] == (str(n) if n else "Ingen endnu")


def test_the_404_page_follows_the_address_the_site_is_built_for(project_copy, tmp_path):
    """GitHub Pages serves 404.html at any depth, so its links are absolute, from site_url; the deploy workflow sets
    SITE_URL to the Pages address, so another address (a fork, a custom domain) gets working links."""
    from conftest import build_site

    site = build_site(project_copy, tmp_path / "site", site_url="https://eksempel.dk/andet/")
    soup = BeautifulSoup((site / "404.html").read_text("utf-8"), "html.parser")
    local = [t.get("href") or t.get("src") for t in soup.select("link[href], script[src], a[href]")
             if (t.get("href") or t.get("src") or "").startswith("/")]
    assert local and all(u.startswith("/andet/") for u in local), local
