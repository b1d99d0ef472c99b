"""The JSON Schemas editors' tools use accept what the generator accepts and refuse what it refuses, where JSON
Schema can say it; checked with an independent validator (jsonschema) on the real content and on edits."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft7Validator

from conftest import ROOT, run_cli

from generator import registry
from generator.loader import load_text

ECMA_IDENTITY_ESCAPES = set("^$\\.*+?()[]{}|/-")
ECMA_CLASS_ESCAPES = set("dDsSwWbBfnrtv0uxcpPk")


def schema(collection: str) -> Draft7Validator:
    name = registry.collection(collection).schema_file
    document = json.loads((ROOT / "schemas" / name).read_text("utf-8"))
    Draft7Validator.check_schema(document)
    return Draft7Validator(document)


def patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            yield from patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from patterns(item)


@pytest.mark.parametrize("collection", [c for c, d in registry.COLLECTIONS.items() if d.schema_file])
def test_every_real_file_is_valid_under_its_schema(collection):
    validator = schema(collection)
    for path in (ROOT / collection).glob("*.yml"):
        data = load_text(path.read_text("utf-8"), path.name).data
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{collection}/{path.name}: {errors[:3]}"


def test_patterns_are_valid_in_the_regex_dialect_of_json_schema():
    """ECMA-262 in Unicode mode, as strict validators use it, refuses identity escapes such as \\" (Python allows it)."""
    for name in (ROOT / "schemas").glob("*.json"):
        for pattern in patterns(json.loads(name.read_text("utf-8"))):
            for escaped in re.findall(r"\\(.)", pattern.replace("\\\\", "")):
                assert escaped in ECMA_IDENTITY_ESCAPES | ECMA_CLASS_ESCAPES, f"{name.name}: '\\{escaped}' in {pattern}"


CASE = (ROOT / "cases" / "furesoe-fremtidens-furesoe.yml").read_text("utf-8")
TEMPLATE_KIT = {**yaml.safe_load((ROOT / "generator" / "templates" / "new" / "case.yml").read_text("utf-8"))["kit"],
                "duration_weeks": 10}


@pytest.mark.parametrize("edit, accepted", [
    (lambda d: d["period"].update(approximate=None), True),   # the template's empty 'approximate:'
    (lambda d: d["participants"].update(reached="no"), True),  # YAML 1.2: the text "no", in VS Code and here
    (lambda d: d.update(title=""), False),
    (lambda d: d.update(title="   "), False),
    (lambda d: d.update(summary="To\nlinjer er fint i et resumé"), True),
    (lambda d: d.update(title="To\nlinjer"), False),
    (lambda d: d.update(municipality="Vejle Kommune"), False),
    (lambda d: d.update(municipality="en-ny-kommune-id"), None),  # well-formed: the schema cannot know the ids
    (lambda d: d.update(resultater=["x"]), False),
    (lambda d: d["period"].update(start="2022-23"), False),
    (lambda d: d["period"].update(start=1800), False),
    (lambda d: d.update(formats=[]), False),
    # the template's copy kit, left unfilled apart from one key: the empty sections mean "ikke oplyst"
    (lambda d: d.update(kit=TEMPLATE_KIT), True),
    (lambda d: d.update(kit={**TEMPLATE_KIT, "council_decision": {"text": None, "date": "2023-03"}}), False),
    (lambda d: d.update(kit={**TEMPLATE_KIT, "implementation": {"status": "vedtaget", "date": None, "note": None}}), True),
])
def test_the_schema_and_the_generator_agree_on_an_edit(project_copy, edit, accepted):
    data = yaml.safe_load(CASE)
    edit(data)
    schema_ok = not list(schema("cases").iter_errors(data))
    path = project_copy / "cases" / "furesoe-fremtidens-furesoe.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    generator_ok = run_cli("validate", cwd=project_copy).returncode == 0
    if accepted is None:  # an id that is well-formed but unknown: only the generator knows
        assert schema_ok and not generator_ok
    else:
        assert (schema_ok, generator_ok) == (accepted, accepted), (schema_ok, generator_ok)


def test_committed_schemas_match_the_models_whatever_ids_editors_add(project_copy):
    (project_copy / "schemas").mkdir()
    for name in (ROOT / "schemas").glob("*.json"):
        (project_copy / "schemas" / name.name).write_text(name.read_text("utf-8"), "utf-8")
    assert run_cli("schemas", "--check", cwd=project_copy).returncode == 0
    new = (project_copy / "sources" / "lokaldemokrati-i-nybrud.yml").read_text("utf-8")
    (project_copy / "sources" / "en-ny-kilde.yml").write_text(new.replace("id: lokaldemokrati-i-nybrud", "id: en-ny-kilde"), "utf-8")
    assert run_cli("schemas", "--check", cwd=project_copy).returncode == 0  # a new id does not make them stale
