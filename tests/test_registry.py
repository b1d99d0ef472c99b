"""A new collection is one declaration, its model, its templates and its YAML: shown with a small `events`
collection declared in a fixture project and built into a real site."""
from __future__ import annotations

import json
from typing import Annotated

import pytest
from pydantic import Field

from conftest import build_site, copy_project

PAGE = """{% import "_macros.j2" as m %}
{% set e = entity %}
{{ m.front(e.title, e.summary, kind="event") }}
# {{ e.title | md }}

{{ e.summary | para }}

Cases: {{ links("cases", e.cases) }}

Kilder: {% for ref in e.sources %}{{ source_ref(ref) }}{% endfor %}
"""
INDEX = """{% import "_macros.j2" as m %}
{{ m.front("Arrangementer", "Alle arrangementer.", exclude=True) }}
# Arrangementer

{% for eid in kb.events %}
- {{ link("events", eid) }}
{% endfor %}
"""
NEW = "id: __ID__\ntitle:\nsummary:\ncases: []\nsources: []\n"


@pytest.fixture
def events(tmp_path):
    from generator import registry
    from generator.schema import Line, Ref, SourceRef, Strict, Text

    class Event(Strict):
        """Et arrangement om borgerinddragelse."""
        id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
        title: Line
        summary: Text
        cases: list[Ref("cases")] = Field(default_factory=list)
        sources: Annotated[list[SourceRef], Field(min_length=1)]

    templates = tmp_path / "templates"
    (templates / "new").mkdir(parents=True)
    (templates / "events.md.j2").write_text(PAGE, "utf-8")
    (templates / "events-index.md.j2").write_text(INDEX, "utf-8")
    (templates / "new" / "event.yml").write_text(NEW, "utf-8")
    registry.register(registry.Collection(
        "events", Event, what="arrangement", plural="arrangementer", section="arrangementer",
        page_template="events.md.j2", index_template="events-index.md.j2", order=lambda e, kb: e.title,
        schema_file="event.schema.json", new_kind="event", template_dir=templates))
    try:
        yield
    finally:
        registry.unregister("events")


def test_a_declared_collection_is_loaded_linked_rendered_and_exported(events, tmp_path):
    from generator.cli import main
    from generator.jsonschema_export import render_schemas
    from generator.problems import ContentError
    from generator.validate import load_project

    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "new", "event", "klimadag-2026"]) == 0
    written = project / "events" / "klimadag-2026.yml"
    assert written.read_text("utf-8").startswith("id: klimadag-2026")
    written.write_text(
        "id: klimadag-2026\ntitle: Klimadag i Furesø\nsummary: Et testarrangement.\n"
        "cases: [furesoe-fremtidens-furesoe]\n"
        "sources:\n  - source: lokaldemokrati-i-nybrud\n    section: Testafsnit\n", "utf-8")

    kb = load_project(project)
    assert list(kb.events) == ["klimadag-2026"]
    assert kb.referrers("cases", "furesoe-fremtidens-furesoe", "events") == ["klimadag-2026"]
    assert ("events", "klimadag-2026") in kb.referrers("sources", "lokaldemokrati-i-nybrud")

    site = build_site(project, tmp_path / "site")
    page = (site / "arrangementer" / "klimadag-2026" / "index.html").read_text("utf-8")
    assert "Klimadag i Furesø" in page and 'href="../../cases/furesoe-fremtidens-furesoe/"' in page
    assert 'href="klimadag-2026/"' in (site / "arrangementer" / "index.html").read_text("utf-8")
    exported = json.loads((site / "api" / "events.json").read_text("utf-8"))
    assert exported["items"][0]["url"] == "arrangementer/klimadag-2026/"
    cases = json.loads((site / "api" / "cases.json").read_text("utf-8"))["items"]
    assert next(c for c in cases if c["id"] == "furesoe-fremtidens-furesoe")["events"] == ["klimadag-2026"]
    schema = json.loads(render_schemas(project)["event.schema.json"])
    assert "furesoe-fremtidens-furesoe" in schema["properties"]["cases"]["items"]["anyOf"][0]["enum"]

    # A wrong reference in the new collection gets the same located message as any other.
    written.write_text(written.read_text("utf-8").replace("fremtidens-furesoe]", "fremtidens-fureso]"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    assert any(p.path == "events/klimadag-2026.yml" and "ukendt case-id" in p.message for p in caught.value.problems)
