"""JSON Schemas for editors' autocomplete (VS Code's YAML extension), generated from the models.

The schemas are draft-07 (what yaml-language-server supports) and list the ids that exist as
``enum`` for every reference field, so an editor completes format ids, vocabulary terms and so on.
A test keeps the committed files in ``schemas/`` in sync with the models and the content.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .loader import LoadedFile, load_file
from .project import COLLECTION_DIRS, Project
from .decision_schema import DecisionConfig
from .schema import COLLECTIONS
from .xref import REF_KEY

SCHEMA_FILES = {
    "cases": "case.schema.json",
    "formats": "format.schema.json",
    "principles": "principle.schema.json",
    "tools": "tool.schema.json",
    "sources": "source.schema.json",
    "vocab": "vocabulary.schema.json",
}


def known_ids(project: Project) -> dict[str, list[str]]:
    """Ids per reference target, read leniently: a broken file must not hide the others' ids."""
    ids: dict[str, list[str]] = {}
    for collection in COLLECTION_DIRS:
        for path in project.files(collection):
            loaded = load_file(path, project.rel(path))
            if not isinstance(loaded, LoadedFile) or not isinstance(loaded.data, dict):
                continue
            if collection == "vocab":
                terms = loaded.data.get("terms")
                if isinstance(terms, list):
                    ids[f"vocab:{path.stem}"] = sorted(
                        t["id"] for t in terms if isinstance(t, dict) and isinstance(t.get("id"), str))
            else:
                ids.setdefault(collection, []).append(path.stem)
    return {k: sorted(set(v)) for k, v in ids.items()}


def schema_for(collection: str, ids: dict[str, list[str]]) -> dict[str, Any]:
    return _draft7(COLLECTIONS[collection].model_json_schema(), ids)


def _draft7(schema: dict[str, Any], ids: dict[str, list[str]]) -> dict[str, Any]:
    schema = copy.deepcopy(schema)
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
        if target and ids.get(target):
            node["enum"] = ids[target]
        for value in node.values():
            _rewrite(value, ids)
    elif isinstance(node, list):
        for item in node:
            _rewrite(item, ids)


def render_schemas(root: Path) -> dict[str, str]:
    ids = known_ids(Project.at(root))
    out = {name: json.dumps(schema_for(c, ids), ensure_ascii=False, indent=2) + "\n"
           for c, name in SCHEMA_FILES.items()}
    out["decision.schema.json"] = json.dumps(_draft7(DecisionConfig.model_json_schema(), ids),
                                             ensure_ascii=False, indent=2) + "\n"
    return out


def write_schemas(root: Path, *, check: bool = False) -> list[str]:
    """Write schemas/*.json; return the names that changed (with ``check``, write nothing)."""
    folder = Path(root) / "schemas"
    changed = []
    for name, text in render_schemas(Path(root)).items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            changed.append(name)
            if not check:
                folder.mkdir(exist_ok=True)
                path.write_text(text, "utf-8")
    return changed
