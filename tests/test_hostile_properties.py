"""Property tests: hostile text – attribute breakouts, Markdown block and inline syntax, HTML, the whole Unicode
range – in every text field is either refused with a Danish message or rendered as exactly that text."""
from __future__ import annotations

import copy
import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.escape import one_line, paragraphs
from generator.messages import schema_message
from generator.fields import text_fields
from generator.render import Renderer, front_str
from generator.schema import Case, Text

SNIPPETS = ['" onmouseover="alert(1)', "' autofocus onfocus='alert(1)", '" http-equiv="refresh" content="0;url=//x',
            "</title>", "</textarea>", "<!--", "]]>", "!!! danger \"x\"", "{: .md-button }", "{#id}", "[a](b)",
            "[a]: https://x", "*x*", "__y__", "`c`", "| a | b |", ": def", "# h", "- x", "+ y", "1. z", "> q",
            "&amp;", "&lt;", "\\", "\\*", "😀", "\u202e", "\u00a0", "%0A::error::x", "${x}", "~~~", "***", "---",
            "<", ">", "&", "<5", "a<b", "=", "@", "\t"]

hostile_text = st.one_of(
    st.text(min_size=1, max_size=60),
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8), st.just(" "), st.just("\n\n")),
             min_size=1, max_size=8).map("".join),
)
TEXT = TypeAdapter(Text)
MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "def_list", "admonition", "tables", "toc"])
ALLOWED_TAGS = {"p"}


def accepted(text: str) -> str | None:
    try:
        return TEXT.validate_python(text)
    except ValidationError as e:
        assert all(err["type"] not in ("value_error", "assertion_error") for err in e.errors())
        return None


def html_of(markdown_text: str) -> BeautifulSoup:
    MD.reset()
    return BeautifulSoup(MD.convert(markdown_text), "html.parser")


def flat(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_text_renders_as_exactly_that_text(raw):
    text = accepted(raw)
    if text is None:
        return
    soup = html_of(paragraphs(text))
    assert {tag.name for tag in soup.find_all(True)} <= ALLOWED_TAGS, soup
    shown = [flat(p.get_text()) for p in soup.find_all("p")]
    expected = [flat(part) for part in re.split(r"\n\s*\n", text) if part.strip()]
    assert shown == expected


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_one_line_text_stays_in_its_table_cell_and_front_matter(raw):
    text = accepted(raw)
    if text is None:
        return
    soup = html_of(f"| a | b |\n|---|---|\n| {one_line(text)} | x |\n")
    cells = soup.select("tbody td")
    assert len(cells) == 2 and flat(cells[0].get_text()) == flat(text) and cells[1].get_text() == "x"
    assert yaml.safe_load("title: " + front_str(text))["title"] == flat(text)


@pytest.fixture(scope="module")
def case_page(kb):
    renderer = Renderer(kb)
    template = renderer.env.get_template("cases.md.j2")
    base = kb.cases["furesoe-fremtidens-furesoe"].model_dump(exclude_none=True)

    def render(data: dict) -> BeautifulSoup:
        entity = Case.model_validate(data)
        kb.cases[entity.id] = entity
        try:
            text = template.render(renderer.context(f"cases/{entity.id}.md", entity=entity))
        finally:
            kb.cases[entity.id] = Case.model_validate(base)
        body = text.split("---", 2)[2]
        return html_of(body)
    return base, render


FIELDS = [path for path, _ in text_fields(Case)]


def put(data: dict, path: tuple, value: str) -> None:
    """Set a text at a field path, creating the sections (and a list item) on the way."""
    node = data
    for name in path[:-1]:
        child = node.get(name)
        if isinstance(child, list):
            if not child:
                child.append({})
            child = child[0]
        elif child is None:
            child = node[name] = {}
        node = child
    current = node.get(path[-1])
    node[path[-1]] = [value] if isinstance(current, list) or path[-1] in ("process", "outcomes", "challenges",
                                                                           "lessons", "keywords") else value


REQUIRED_SIBLINGS = {("kit", "documents"): {"url": "https://example.org/d"},
                     ("people",): {"name": "Navn", "title": "titel"},
                     ("quotes",): {"text": "citat", "speaker": "En", "source": {"source": "lokaldemokrati-i-nybrud",
                                                                             "section": "x"}},
                     ("kit", "council_decision"): {"text": "beslutning"},
                     ("kit", "implementation"): {"status": "i-gang"},
                     ("kit", "evaluation"): {"done": True}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(FIELDS), hostile_text)
def test_hostile_text_in_any_case_field_is_refused_or_inert(case_page, path, raw):
    base, render = case_page
    data = copy.deepcopy(base)
    for prefix, siblings in REQUIRED_SIBLINGS.items():
        if path[:len(prefix)] == prefix:
            holder = data
            for name in prefix[:-1]:
                holder = holder.setdefault(name, {})
            holder[prefix[-1]] = [copy.deepcopy(siblings)] if prefix[-1] in ("documents", "people", "quotes") else copy.deepcopy(siblings)
    put(data, path, raw)
    try:
        soup = render(data)  # every field is reachable: a plain text in it is valid (see the test below)
    except ValidationError as e:  # refused, with a Danish sentence for each problem
        for error in e.errors():
            message = schema_message({**error, "loc": tuple(error["loc"])})
            assert "ugyldig værdi" not in message and "Value error" not in message, message
        return
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "img", "iframe", "style", "object", "embed", "form", "input"), tag
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag
        assert not str(tag.get("href", "")).lower().lstrip().startswith(("javascript:", "data:", "vbscript:")), tag
        assert "admonition" not in tag.get("class", []), tag


def test_every_text_field_is_reachable_by_the_property_test(case_page):
    base, render = case_page
    for path in FIELDS:
        data = copy.deepcopy(base)
        for prefix, siblings in REQUIRED_SIBLINGS.items():
            if path[:len(prefix)] == prefix:
                holder = data
                for name in prefix[:-1]:
                    holder = holder.setdefault(name, {})
                holder[prefix[-1]] = [copy.deepcopy(siblings)] if prefix[-1] in ("documents", "people", "quotes") else copy.deepcopy(siblings)
        put(data, path, "En helt almindelig tekst")
        render(data)
