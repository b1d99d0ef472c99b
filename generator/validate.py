"""Load and validate a whole project; return the knowledge base or every problem found at once."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import registry
from .decision_schema import DecisionConfig
from .fields import Ref, keys_at, references
from .loader import LoadedFile, load_file
from .messages import schema_message
from .model import KnowledgeBase
from .problems import ContentError, Problem
from .project import Project
from .schema import Strict
from .xref import reference_problems


def validate_data(loaded: LoadedFile, model: type[Strict]) -> tuple[Strict | None, list[Problem]]:
    """The model for one file's data, or the located problems that stopped it."""
    if not isinstance(loaded.data, dict):
        return None, [loaded.problem((), "filen skal bestå af nøgler og værdier, fx 'id: …' på første linje")]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
            message = schema_message({**error, "loc": loc}, keys_at(model, loc))
            if error["type"] == "extra_forbidden":
                problems.append(loaded.problem(loc, message, key=True))
            elif error["type"] == "missing":
                problems.append(loaded.problem(loc[:-1], message))
            else:
                problems.append(loaded.problem(loc, message))
        return None, problems


@dataclass
class Checked:
    """One file after everything that needs only the file itself: reading it, its schema and its id."""

    collection: str
    path: Path
    rel: str
    id: str | None = None  # set when the file is valid on its own
    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # every reference the file makes
    terms: list[str] = field(default_factory=list)  # a vocabulary's term ids
    file: LoadedFile | None = None  # the parsed file and the model: kept in-process,
    entity: Strict | None = None  # not sent back by a worker process

    def problem(self, loc: tuple, message: str) -> Problem:
        """A problem located in this file (read again if a worker parsed it: only problems need positions)."""
        file = self.file if self.file is not None else load_file(self.path, self.rel)
        return file.problem(loc, message) if isinstance(file, LoadedFile) else Problem(self.rel, 1, 1, message)


def check_file(collection: str, path: Path, rel: str) -> Checked:
    checked = Checked(collection, path, rel)
    result = load_file(path, rel)
    if isinstance(result, Problem):
        checked.problems.append(result)
        return checked
    checked.file = result
    model = registry.collection(collection).model
    entity, checked.problems = validate_data(result, model)
    raw_id = result.data.get("id") if isinstance(result.data, dict) else None
    if isinstance(raw_id, str) and raw_id != path.stem:
        checked.problems.append(result.problem(("id",), f"id '{raw_id}' skal være det samme som filnavnet "
                                                        f"'{path.stem}' (omdøb filen eller ret id)"))
        return checked
    if entity is None:
        return checked
    checked.id, checked.entity = entity.id, entity
    checked.refs = list(references(result.data, model))
    if registry.collection(collection).terms:
        checked.terms = [t.id for t in entity.terms]
        for i, term in enumerate(checked.terms):
            if term in checked.terms[:i]:
                checked.problems.append(result.problem(("terms", i, "id"),
                                                       f"begrebet '{term}' står to gange i {entity.id}"))
    return checked


def _check_in_worker(job: tuple[str, Path, str]) -> Checked:
    checked = check_file(*job)
    checked.file = checked.entity = None  # sending parsed data and models back costs more than parsing
    return checked


# Parsing and schema-checking are most of a large project's validation time, and each file is checked on its own.
# So `python -m generator validate` spreads them over worker processes (forked, so they start at once) when there
# are many files. The MkDocs plugin checks them all in its own process (`mkdocs serve` runs threads, which do not
# mix with fork).
PARALLEL_FROM = 500


def _check_files(jobs: list[tuple[str, Path, str]], workers: int) -> list[Checked]:
    if workers > 1 and len(jobs) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_check_in_worker, jobs, chunksize=max(1, len(jobs) // (workers * 32))))
        except (OSError, BrokenProcessPool):  # no processes to be had: check them here instead
            pass
    return [check_file(*job) for job in jobs]


def _check_project(project: Project, workers: int = 1) -> tuple[dict[str, dict[str, Checked]], DecisionConfig | None]:
    """Check every file and the references between them. Raises ContentError with all problems."""
    problems: list[Problem] = []
    jobs: list[tuple[str, Path, str]] = []
    for name in registry.COLLECTIONS:
        if not project.folder(name).is_dir():
            problems.append(Problem(f"{name}/", 1, 1, f"mappen '{name}/' mangler"))
            continue
        jobs.extend((name, path, f"{name}/{path.name}") for path in project.files(name))

    accepted: dict[str, dict[str, Checked]] = {name: {} for name in registry.COLLECTIONS}
    for checked in _check_files(jobs, workers):
        problems.extend(checked.problems)
        if checked.id is None:
            continue
        first = accepted[checked.collection].get(checked.id)
        if first is not None:
            problems.append(checked.problem(("id",), f"id '{checked.id}' findes allerede i {first.rel}"))
            continue
        accepted[checked.collection][checked.id] = checked

    known = known_ids(accepted)
    if project.folder("vocab").is_dir():
        for vid in registry.REQUIRED_VOCABULARIES:
            if vid not in accepted["vocab"]:
                problems.append(Problem(f"vocab/{vid}.yml", 1, 1, f"ordforrådet '{vid}' mangler (filen vocab/{vid}.yml)"))
    for name, items in accepted.items():
        for eid, checked in items.items():
            problems.extend(reference_problems(checked.refs, known, checked.problem, (name, eid)))

    decision = _load_decision(project, known, problems)
    if problems:
        raise ContentError(problems)
    return accepted, decision


def known_ids(accepted: dict[str, dict[str, Checked]]) -> dict[str, dict[str, Any]]:
    """Every reference target → the ids that exist in it."""
    known: dict[str, dict[str, Any]] = {}
    for name, items in accepted.items():
        if registry.collection(name).terms:
            known.update({f"{name}:{vid}": dict.fromkeys(c.terms) for vid, c in items.items()})
        else:
            known[name] = dict.fromkeys(items)
    return known


def load_project(root: str | Path) -> KnowledgeBase:
    """Load, validate and cross-check every collection. Raises ContentError with all problems."""
    accepted, decision = _check_project(Project.at(root))
    entities = {name: {eid: ch.entity for eid, ch in items.items()} for name, items in accepted.items()}
    refs = {(name, eid): ch.refs for name, items in accepted.items() for eid, ch in items.items()}
    files = {(name, eid): ch.rel for name, items in accepted.items() for eid, ch in items.items()}
    if decision is not None:
        files[("decision", "formatvaelger")] = registry.DECISION_FILE
    return KnowledgeBase(entities, refs, files, decision)


def check_project(root: str | Path, *, workers: int = 1) -> dict[str, int]:
    """Validate like load_project, without building the knowledge base: the number of entities per collection.

    With ``workers`` > 1, a large project's files are checked in that many processes."""
    accepted, _ = _check_project(Project.at(root), workers)
    return {name: len(items) for name, items in accepted.items()}


def _load_decision(project: Project, known: dict[str, dict[str, Any]], problems: list[Problem]) -> DecisionConfig | None:
    """Formatvælgeren's weights, gate and questions (optional: a project without the file has no decision aid)."""
    path = project.root / registry.DECISION_FILE
    if not path.is_file():
        return None
    loaded = load_file(path, registry.DECISION_FILE)
    if isinstance(loaded, Problem):
        problems.append(loaded)
        return None
    config, found = validate_data(loaded, DecisionConfig)
    problems.extend(found)
    if config is None:
        return None
    problems.extend(reference_problems(references(loaded.data, DecisionConfig), known, loaded.problem))
    for i, question in enumerate(config.questions):
        if question.vocabulary and f"vocab:{question.vocabulary}" not in known:
            problems.append(loaded.problem(("questions", i, "vocabulary"),
                                           f"ukendt ordforråd '{question.vocabulary}'; se vocab/"))
    return config
