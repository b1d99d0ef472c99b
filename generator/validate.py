"""Load and validate a whole project; return the knowledge base or every problem found at once."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .loader import LoadedFile, load_file
from .messages import schema_message
from .model import KnowledgeBase
from .problems import ContentError, Problem
from .project import COLLECTION_DIRS, Project
from .decision_schema import DecisionConfig
from .schema import COLLECTIONS, REQUIRED_VOCABULARIES, Strict
from .xref import check_references

_SCHEMAS: dict[str, dict] = {name: model.model_json_schema() for name, model in COLLECTIONS.items()}
DECISION_SCHEMA = DecisionConfig.model_json_schema()


def _field_names(model: type[Strict], loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``: used to suggest a near-miss key."""
    schema = _schema_of(model)
    defs = schema.get("$defs", {})
    node = schema
    for part in loc[:-1]:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
        while True:
            if "$ref" in node:
                node = defs[node["$ref"].rsplit("/", 1)[-1]]
            elif "anyOf" in node:
                node = next((o for o in node["anyOf"] if o.get("type") != "null"), {})
            else:
                break
    return list(node.get("properties", {}))


def _schema_of(model: type[Strict]) -> dict:
    return DECISION_SCHEMA if model is DecisionConfig else _SCHEMAS[next(k for k, v in COLLECTIONS.items() if v is model)]


def _validate_one(loaded: LoadedFile, model: type[Strict]) -> tuple[Strict | None, list[Problem]]:
    if not isinstance(loaded.data, dict):
        return None, [loaded.problem((), "filen skal bestå af nøgler og værdier, fx 'id: …' på første linje")]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
            message = schema_message({**error, "loc": loc}, _field_names(model, loc))
            if error["type"] == "extra_forbidden":
                problems.append(loaded.problem(loc, message, key=True))
            elif error["type"] == "missing":
                problems.append(loaded.problem(loc[:-1], message))
            else:
                problems.append(loaded.problem(loc, message))
        return None, problems


def load_project(root: str | Path) -> KnowledgeBase:
    """Load, validate and cross-check every collection. Raises ContentError with all problems."""
    project = Project.at(root)
    problems: list[Problem] = []
    loaded: dict[str, dict[str, tuple[LoadedFile, Strict]]] = {c: {} for c in COLLECTION_DIRS}
    known: dict[str, dict[str, Any]] = {}

    for collection in COLLECTION_DIRS:
        folder = project.folder(collection)
        if not folder.is_dir():
            problems.append(Problem(f"{collection}/", 1, 1, f"mappen '{collection}/' mangler"))
            continue
        for path in project.files(collection):
            rel = f"{collection}/{path.name}"
            result = load_file(path, rel)
            if isinstance(result, Problem):
                problems.append(result)
                continue
            entity, found = _validate_one(result, COLLECTIONS[collection])
            problems.extend(found)
            raw_id = result.data.get("id") if isinstance(result.data, dict) else None
            if isinstance(raw_id, str) and raw_id != path.stem:
                problems.append(result.problem(("id",), f"id '{raw_id}' skal være det samme som filnavnet "
                                                        f"'{path.stem}' (omdøb filen eller ret id)"))
                continue
            if entity is None:
                continue
            if entity.id in loaded[collection]:
                first = loaded[collection][entity.id][0].path
                problems.append(result.problem(("id",), f"id '{entity.id}' findes allerede i {first}"))
                continue
            loaded[collection][entity.id] = (result, entity)

    for vid, (file, vocabulary) in loaded["vocab"].items():
        counts = Counter(t.id for t in vocabulary.terms)
        for i, term in enumerate(vocabulary.terms):
            if counts[term.id] > 1 and [t.id for t in vocabulary.terms].index(term.id) != i:
                problems.append(file.problem(("terms", i, "id"), f"begrebet '{term.id}' står to gange i {vid}"))
        known[f"vocab:{vid}"] = {t.id: t for t in vocabulary.terms}
    if project.folder("vocab").is_dir():
        for vid in REQUIRED_VOCABULARIES:
            if vid not in loaded["vocab"]:
                problems.append(Problem(f"vocab/{vid}.yml", 1, 1, f"ordforrådet '{vid}' mangler (filen vocab/{vid}.yml)"))
    for collection in ("cases", "formats", "principles", "tools", "sources"):
        known[collection] = {eid: entity for eid, (_, entity) in loaded[collection].items()}

    for collection, items in loaded.items():
        for eid, (file, _) in items.items():
            problems.extend(check_references(file, _SCHEMAS[collection], known, (collection, eid)))

    decision = _load_decision(project, known, problems)

    if problems:
        raise ContentError(problems)
    kb = KnowledgeBase(**{c: {eid: e for eid, (_, e) in loaded[c].items()} for c in COLLECTION_DIRS})
    kb.files = {(c, eid): f.path for c in COLLECTION_DIRS for eid, (f, _) in loaded[c].items()}
    kb.decision = decision
    if decision is not None:
        kb.files[("decision", "formatvaelger")] = DECISION_FILE
    return kb


DECISION_FILE = "decision/formatvaelger.yml"


def _load_decision(project: Project, known: dict[str, dict[str, Any]], problems: list[Problem]) -> DecisionConfig | None:
    """Formatvælgeren's weights, gate and questions (optional: a project without the file has no decision aid)."""
    path = project.root / DECISION_FILE
    if not path.is_file():
        return None
    loaded = load_file(path, DECISION_FILE)
    if isinstance(loaded, Problem):
        problems.append(loaded)
        return None
    config, found = _validate_one(loaded, DecisionConfig)
    problems.extend(found)
    if config is None:
        return None
    problems.extend(check_references(loaded, DECISION_SCHEMA, known))
    for i, question in enumerate(config.questions):
        if question.vocabulary and f"vocab:{question.vocabulary}" not in known:
            problems.append(loaded.problem(("questions", i, "vocabulary"),
                                           f"ukendt ordforråd '{question.vocabulary}'; se vocab/"))
    return config
