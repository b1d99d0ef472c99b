"""Load and validate a whole project; return the knowledge base or every problem found at once."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import ValidationError

from .loader import LoadedFile, load_file
from .messages import schema_message
from .model import KnowledgeBase
from .problems import ContentError, Problem
from .project import COLLECTION_DIRS, Project
from .decision_schema import DecisionConfig
from .gcpause import cycle_collector_paused
from .schema import COLLECTIONS, REQUIRED_VOCABULARIES, Strict
from .xref import bare_type, check_references, is_model, plan_for, reference_problems, references


def _field_names(model: type[Strict], loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``: used to suggest a near-miss key."""
    node: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            node = bare_type(get_args(node)[0])[0] if get_origin(node) is list else None
        else:
            field = node.model_fields.get(part) if is_model(node) else None
            node = bare_type(field.annotation)[0] if field is not None else None
    return list(node.model_fields) if is_model(node) else []


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


@dataclass
class _Checked:
    """One file after everything that needs only the file itself: reading it, its schema and its id."""

    collection: str
    path: Path
    rel: str
    id: str | None = None  # set when the file is valid on its own
    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[tuple, str, str]] = field(default_factory=list)  # (location, target, id) of each reference
    terms: list[str] = field(default_factory=list)  # a vocabulary's term ids
    file: LoadedFile | None = None  # the parsed file and the model: kept in-process,
    entity: Strict | None = None  # not sent back by a worker process

    def problem(self, loc: tuple, message: str) -> Problem:
        """A problem located in this file (read again if a worker parsed it: only problems need positions)."""
        file = self.file if self.file is not None else load_file(self.path, self.rel)
        return file.problem(loc, message) if isinstance(file, LoadedFile) else Problem(self.rel, 1, 1, message)


def _check_file(collection: str, path: Path, rel: str) -> _Checked:
    checked = _Checked(collection, path, rel)
    result = load_file(path, rel)
    if isinstance(result, Problem):
        checked.problems.append(result)
        return checked
    checked.file = result
    entity, checked.problems = _validate_one(result, COLLECTIONS[collection])
    raw_id = result.data.get("id") if isinstance(result.data, dict) else None
    if isinstance(raw_id, str) and raw_id != path.stem:
        checked.problems.append(result.problem(("id",), f"id '{raw_id}' skal være det samme som filnavnet "
                                                        f"'{path.stem}' (omdøb filen eller ret id)"))
        return checked
    if entity is None:
        return checked
    checked.id, checked.entity = entity.id, entity
    checked.refs = list(references(result.data, plan_for(COLLECTIONS[collection])))
    if collection == "vocab":
        checked.terms = [t.id for t in entity.terms]
        for i, term in enumerate(checked.terms):
            if term in checked.terms[:i]:
                checked.problems.append(result.problem(("terms", i, "id"),
                                                       f"begrebet '{term}' står to gange i {entity.id}"))
    return checked


def _check_in_worker(job: tuple[str, Path, str]) -> _Checked:
    checked = _check_file(*job)
    checked.file = checked.entity = None  # sending parsed data and models back costs more than parsing
    return checked


# Parsing and schema-checking are most of a large project's validation time, and each file is checked on its own.
# So `python -m generator validate` spreads them over worker processes (forked, so they start at once) when there
# are many files. The MkDocs plugin checks them all in one process (its build worker, or under `mkdocs serve`, which
# runs threads that do not mix with fork, its own).
PARALLEL_FROM = 500


def _check_files(jobs: list[tuple[str, Path, str]], workers: int) -> list[_Checked]:
    if workers > 1 and len(jobs) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_check_in_worker, jobs, chunksize=max(1, len(jobs) // (workers * 32))))
        except (OSError, BrokenProcessPool):  # no processes to be had: check them here instead
            pass
    return [_check_file(*job) for job in jobs]


def _check_project(project: Project, workers: int = 1) -> tuple[dict[str, dict[str, _Checked]], DecisionConfig | None]:
    """Check every file and the references between them. Raises ContentError with all problems."""
    problems: list[Problem] = []
    jobs: list[tuple[str, Path, str]] = []
    for collection in COLLECTION_DIRS:
        if not project.folder(collection).is_dir():
            problems.append(Problem(f"{collection}/", 1, 1, f"mappen '{collection}/' mangler"))
            continue
        jobs.extend((collection, path, f"{collection}/{path.name}") for path in project.files(collection))

    accepted: dict[str, dict[str, _Checked]] = {c: {} for c in COLLECTION_DIRS}
    for checked in _check_files(jobs, workers):
        problems.extend(checked.problems)
        if checked.id is None:
            continue
        first = accepted[checked.collection].get(checked.id)
        if first is not None:
            problems.append(checked.problem(("id",), f"id '{checked.id}' findes allerede i {first.rel}"))
            continue
        accepted[checked.collection][checked.id] = checked

    known: dict[str, dict[str, Any]] = {f"vocab:{vid}": dict.fromkeys(c.terms) for vid, c in accepted["vocab"].items()}
    if project.folder("vocab").is_dir():
        for vid in REQUIRED_VOCABULARIES:
            if vid not in accepted["vocab"]:
                problems.append(Problem(f"vocab/{vid}.yml", 1, 1, f"ordforrådet '{vid}' mangler (filen vocab/{vid}.yml)"))
    for collection in ("cases", "formats", "principles", "tools", "sources"):
        known[collection] = dict.fromkeys(accepted[collection])

    for collection, items in accepted.items():
        for eid, checked in items.items():
            problems.extend(reference_problems(checked.refs, known, checked.problem, (collection, eid)))

    decision = _load_decision(project, known, problems)
    if problems:
        raise ContentError(problems)
    return accepted, decision


@cycle_collector_paused
def load_project(root: str | Path) -> KnowledgeBase:
    """Load, validate and cross-check every collection. Raises ContentError with all problems."""
    accepted, decision = _check_project(Project.at(root))
    kb = KnowledgeBase(**{c: {eid: ch.entity for eid, ch in accepted[c].items()} for c in COLLECTION_DIRS})
    kb.files = {(c, eid): ch.rel for c in COLLECTION_DIRS for eid, ch in accepted[c].items()}
    kb.decision = decision
    if decision is not None:
        kb.files[("decision", "formatvaelger")] = DECISION_FILE
    return kb


@cycle_collector_paused
def check_project(root: str | Path, *, workers: int = 1) -> dict[str, int]:
    """Validate like load_project, without building the knowledge base: the number of entities per collection.

    With ``workers`` > 1, a large project's files are checked in that many processes."""
    accepted, _ = _check_project(Project.at(root), workers)
    return {collection: len(items) for collection, items in accepted.items()}


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
    problems.extend(check_references(loaded, DecisionConfig, known))
    for i, question in enumerate(config.questions):
        if question.vocabulary and f"vocab:{question.vocabulary}" not in known:
            problems.append(loaded.problem(("questions", i, "vocabulary"),
                                           f"ukendt ordforråd '{question.vocabulary}'; se vocab/"))
    return config
