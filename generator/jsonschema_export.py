"""JSON Schemas for editors' autocomplete (VS Code's YAML extension), generated from the models.

The schemas are draft-07 (what yaml-language-server supports) and accept what the generator
accepts, where JSON Schema can say it: an optional key may be left empty, texts may not be blank,
ids have their pattern. Every reference field offers the ids that exist for completion, but also
accepts any well-formed id, so a new case citing a new source is not marked as an error before a
maintainer runs ``make schemas``; whether the id exists is the generator's check. A test keeps the
committed files in ``schemas/`` in sync with the models (not with the list of ids, which editors change).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from . import registry
from .decision_schema import DecisionConfig
from .fields import REF_KEY
from .loader import LoadedFile, load_file
from .project import Project

DECISION_SCHEMA = "decision.schema.json"


def known_ids(project: Project) -> dict[str, list[str]]:
    """Ids per reference target, read leniently: a broken file must not hide the others' ids."""
    ids: dict[str, list[str]] = {}
    for name, collection in registry.COLLECTIONS.items():
        for path in project.files(name):
            if not collection.terms:
                ids.setdefault(name, []).append(path.stem)
                continue
            loaded = load_file(path, project.rel(path))
            if isinstance(loaded, LoadedFile) and isinstance(loaded.data, dict) and isinstance(loaded.data.get("terms"), list):
                ids[f"{name}:{path.stem}"] = sorted(
                    t["id"] for t in loaded.data["terms"] if isinstance(t, dict) and isinstance(t.get("id"), str))
    return {k: sorted(set(v)) for k, v in ids.items()}


def schema_for(collection: str, ids: dict[str, list[str]]) -> dict[str, Any]:
    return _draft7(registry.collection(collection).model.model_json_schema(), ids)


def _draft7(schema: dict[str, Any], ids: dict[str, list[str]]) -> dict[str, Any]:
    schema = copy.deepcopy(schema)
    _allow_unfilled_sections(schema)
    _rewrite(schema, ids)
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "$comment": "Genereret af 'python -m generator schemas'; ret ikke i hånden.", **schema}


def _rewrite(node: Any, ids: dict[str, list[str]]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
        target = node.get(REF_KEY)
        if target and ids.get(target) and "pattern" in node:
            pattern = node.pop("pattern")
            node["anyOf"] = [{"enum": ids[target]}, {"pattern": pattern}]
        if isinstance(node.get("properties"), dict):
            required = set(node.get("required", ()))
            for name, prop in node["properties"].items():
                if name not in required:
                    node["properties"][name] = _nullable(prop)
        for value in node.values():
            _rewrite(value, ids)
    elif isinstance(node, list):
        for item in node:
            _rewrite(item, ids)


# A section left as the template has it (every key empty) means "not given", as the generator reads it, even
# when the section has a required key once filled in (kit.council_decision.text).
_UNFILLED = {"type": "object", "description": "Et afsnit, hvor intet er udfyldt, betyder: ikke oplyst.",
             "additionalProperties": {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0},
                                                {"type": "object", "additionalProperties": {"type": "null"}}]}}


def _allow_unfilled_sections(schema: dict[str, Any]) -> None:
    defs = schema.get("$defs", {})
    with_required = {f"#/$defs/{name}" for name, d in defs.items() if d.get("required")}
    for node in [schema, *defs.values()]:
        required = set(node.get("required", ()))
        for name, prop in node.get("properties", {}).items():
            options = prop.get("anyOf", [prop])
            if name not in required and any(o.get("$ref") in with_required for o in options):
                keep = {k: prop[k] for k in ("title", "description", "default") if k in prop}
                inner = [o for o in options]
                node["properties"][name] = {**keep, "anyOf": [*inner, {"$ref": "#/$defs/UnfilledSection"}]}
    if with_required:
        defs["UnfilledSection"] = _UNFILLED


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """An optional key left empty (``approximate:``) means its default, as the generator reads it."""
    if any(option.get("type") == "null" for option in prop.get("anyOf", ())):
        return prop
    if isinstance(prop.get("type"), str) and "anyOf" not in prop:
        return {**prop, "type": [prop["type"], "null"]}
    keep = {k: prop[k] for k in ("title", "description", "default") if k in prop}
    inner = {k: v for k, v in prop.items() if k not in keep}
    return {**keep, "anyOf": [inner, {"type": "null"}]}


def without_ids(schema: Any) -> Any:
    """The schema with the lists of existing ids left out: what must stay in sync with the models."""
    if isinstance(schema, dict):
        if "anyOf" in schema and schema["anyOf"] and "enum" in schema["anyOf"][0] and REF_KEY in schema:
            schema = {**schema, "anyOf": [{"enum": []}, *schema["anyOf"][1:]]}
        return {k: without_ids(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [without_ids(v) for v in schema]
    return schema


def render_schemas(root: Path) -> dict[str, str]:
    ids = known_ids(Project.at(root))
    out = {c.schema_file: json.dumps(schema_for(c.name, ids), ensure_ascii=False, indent=2) + "\n"
           for c in registry.COLLECTIONS.values() if c.schema_file}
    out[DECISION_SCHEMA] = json.dumps(_draft7(DecisionConfig.model_json_schema(), ids),
                                             ensure_ascii=False, indent=2) + "\n"
    return out


def write_schemas(root: Path, *, check: bool = False) -> list[str]:
    """Write schemas/*.json; return the names that changed (with ``check``, write nothing and compare the
    schemas without their lists of ids, which only `make schemas` refreshes)."""
    folder = Path(root) / "schemas"
    changed = []
    for name, text in render_schemas(Path(root)).items():
        path = folder / name
        if check:
            if not path.exists() or without_ids(json.loads(path.read_text("utf-8"))) != without_ids(json.loads(text)):
                changed.append(name)
            continue
        if not path.exists() or path.read_text("utf-8") != text:
            changed.append(name)
            if not check:
                folder.mkdir(exist_ok=True)
                path.write_text(text, "utf-8")
    return changed
