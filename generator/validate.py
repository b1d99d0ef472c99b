"""Load and validate a whole project; return the knowledge base or every problem found at once."""
from __future__ import annotations

import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import registry, toolkits
from .decision_schema import DecisionConfig
from .fields import Ref, keys_at, references
from .loader import LoadedFile, load_file
from .messages import schema_message, slug
from .model import KnowledgeBase
from .problems import ContentError, Problem
from .project import Project, unsafe_tree
from .schema import ID_PATTERN, Strict
from .xref import reference_problems


ID_RE = re.compile(ID_PATTERN)


def validate_data(loaded: LoadedFile, model: type[Strict], left_to_xref: frozenset = frozenset()) -> tuple[Strict | None, list[Problem]]:
    """The model for one file's data, or the located problems that stopped it.

    A malformed id at a location in ``left_to_xref`` (a reference) is left to the reference check, which can
    say which id was meant."""
    if not isinstance(loaded.data, dict):
        return None, [loaded.problem((), "filen skal bestå af nøgler og værdier, fx 'id: …' på første linje")]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
            if error["type"] == "string_pattern_mismatch" and loc in left_to_xref:
                continue
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
    """One file after everything that needs only the file itself: reading it, its schema and its references."""

    collection: str
    path: Path
    rel: str
    raw_id: Any = None  # what the file says its id is, valid or not
    valid: bool = False  # the file is valid on its own
    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # every reference the file makes, also when it is invalid
    terms: dict[str, str | None] = field(default_factory=dict)  # a vocabulary's term ids and labels, read leniently
    title: str | None = None  # its title or label, for suggestions
    anchors: list[tuple[tuple, str]] = field(default_factory=list)  # ids of elements it puts on a shared page (charts)
    file: LoadedFile | None = None  # the parsed file and the model: kept in-process,
    entity: Strict | None = None  # not sent back by a worker process

    @property
    def id(self) -> str:
        return self.path.stem

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
    data = result.data if isinstance(result.data, dict) else {}
    checked.refs = list(references(data, model))
    entity, checked.problems = validate_data(result, model, frozenset(loc for loc, _, _ in checked.refs))
    checked.problems[:0] = result.problems
    checked.raw_id = data.get("id")
    title = data.get("title", data.get("label"))
    checked.title = title if isinstance(title, str) else None
    if registry.collection(collection).terms and isinstance(data.get("terms"), list):
        for i, term in enumerate(data["terms"]):
            if isinstance(term, dict) and isinstance(term.get("id"), str):
                if term["id"] in checked.terms:
                    checked.problems.append(result.problem(("terms", i, "id"),
                                                           f"begrebet '{term['id']}' står to gange i {path.stem}"))
                label = term.get("label")
                checked.terms[term["id"]] = label if isinstance(label, str) else None
    if isinstance(data.get("charts"), list):
        checked.anchors = [(("charts", i, "id"), c["id"]) for i, c in enumerate(data["charts"])
                           if isinstance(c, dict) and isinstance(c.get("id"), str)]
    checked.entity = entity
    checked.valid = entity is not None and not checked.problems
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


def _check_project(project: Project, workers: int = 1
                   ) -> tuple[dict[str, dict[str, Checked]], DecisionConfig | None, dict[str, Any]]:
    """Check every file and the references between them. Raises ContentError with all problems."""
    problems: list[Problem] = []
    jobs: list[tuple[str, Path, str]] = []
    for name in registry.COLLECTIONS:
        files, found = project.scan(name)
        problems.extend(found)
        if not found and not project.folder(name).is_dir():
            problems.append(Problem(f"{name}/", 1, 1, f"mappen '{name}/' mangler"))
            continue
        jobs.extend((name, path, f"{name}/{path.name}") for path in files)
    problems.extend(unsafe_tree(project.root / registry.DECISION_DIR, f"{registry.DECISION_DIR}/"))
    problems.extend(unsafe_tree(project.root / toolkits.TOOLKIT_DIR, f"{toolkits.TOOLKIT_DIR}/"))

    checked_files = _check_files(jobs, workers)
    by_stem: dict[tuple[str, str], Checked] = {}
    for checked in checked_files:
        by_stem.setdefault((checked.collection, checked.id), checked)
    accepted: dict[str, dict[str, Checked]] = {name: {} for name in registry.COLLECTIONS}
    for checked in checked_files:
        problems.extend(checked.problems)
        naming = _naming_problem(checked, by_stem)
        if naming is not None:
            problems.append(naming)
            continue
        first = by_stem[(checked.collection, checked.id)]
        if first is not checked:
            problems.append(checked.problem(("id",), f"id '{checked.id}' findes allerede i {first.rel}"))
            continue
        if checked.valid:
            accepted[checked.collection][checked.id] = checked

    known = known_ids(by_stem.values())
    if project.folder("vocab").is_dir():
        for vid in registry.REQUIRED_VOCABULARIES:
            if ("vocab", vid) not in by_stem:
                problems.append(Problem(f"vocab/{vid}.yml", 1, 1, f"ordforrådet '{vid}' mangler (filen vocab/{vid}.yml)"))
    for checked in checked_files:
        problems.extend(reference_problems(checked.refs, known, checked.problem, (checked.collection, checked.id)))
    problems.extend(_anchor_problems(checked_files))

    decision = _load_decision(project, known, problems)
    loaded_toolkits = _load_toolkits(project, known, problems)
    if problems:
        raise ContentError(problems)
    return accepted, decision, loaded_toolkits


def _naming_problem(checked: Checked, by_stem: dict[tuple[str, str], Checked]) -> Problem | None:
    """Whether file name and id agree, with advice that cannot overwrite another file."""
    stem, raw = checked.id, checked.raw_id
    if stem in registry.RESERVED_IDS:
        return checked.problem(("id",), f"'{stem}' kan ikke bruges som id, fordi sitet selv bruger navnet til en side; "
                                        "vælg et andet navn til filen og id'et")
    if not ID_RE.match(stem):
        wanted = slug(stem) or "navn"
        return checked.problem(("id",), f"filnavnet '{checked.path.name}' kan ikke bruges som id (kun små bogstaver "
                                        f"a–z, tal og bindestreg); omdøb filen til '{wanted}{checked.path.suffix}' og "
                                        f"skriv 'id: {wanted}' i den")
    if isinstance(raw, str) and raw != stem:
        other = by_stem.get((checked.collection, raw))
        if other is not None:
            return checked.problem(("id",), f"id '{raw}' bruges allerede af {other.rel}; skriv 'id: {stem}' (det samme "
                                            "som filnavnet), så de to filer ikke blandes sammen")
        return checked.problem(("id",), f"id '{raw}' skal være det samme som filnavnet '{stem}'; skriv 'id: {stem}' "
                                        f"eller omdøb filen til '{raw}{checked.path.suffix}'")
    return None


RESERVED_ANCHORS = frozenset({"formater-brugt", "barrierer"})  # the survey page's own charts


def _anchor_problems(files: list[Checked]) -> list[Problem]:
    """Charts share the survey page, so each needs an id of its own there."""
    seen: dict[str, Checked] = {}
    problems = []
    for checked in files:
        for loc, anchor in checked.anchors:
            if anchor in RESERVED_ANCHORS:
                problems.append(checked.problem(loc, f"diagrammets id '{anchor}' bruges allerede af sitet selv; vælg et andet"))
            elif anchor in seen:
                where = "et andet diagram i filen" if seen[anchor] is checked else seen[anchor].rel
                problems.append(checked.problem(loc, f"diagrammets id '{anchor}' bruges også af {where}; "
                                                     "giv diagrammet sit eget id"))
            else:
                seen[anchor] = checked
    return problems


def known_ids(files) -> dict[str, dict[str, Any]]:
    """Every reference target → the ids that exist in it (id → title or label, for suggestions).

    An id exists when its file does, valid or not: a broken file is reported once, on its own, and
    does not make every reference to it a second problem."""
    known: dict[str, dict[str, Any]] = {name: {} for name, c in registry.COLLECTIONS.items() if not c.terms}
    for checked in files:
        if not ID_RE.match(checked.id):
            continue
        if registry.collection(checked.collection).terms:
            known[f"{checked.collection}:{checked.id}"] = checked.terms
        else:
            known[checked.collection][checked.id] = checked.title
    return known


def load_project(root: str | Path) -> KnowledgeBase:
    """Load, validate and cross-check every collection. Raises ContentError with all problems."""
    accepted, decision, loaded_toolkits = _check_project(Project.at(root))
    entities = {name: {eid: ch.entity for eid, ch in items.items()} for name, items in accepted.items()}
    refs = {(name, eid): ch.refs for name, items in accepted.items() for eid, ch in items.items()}
    files = {(name, eid): ch.rel for name, items in accepted.items() for eid, ch in items.items()}
    if decision is not None:
        files[("decision", "formatvaelger")] = registry.DECISION_FILE
    for tool in loaded_toolkits:
        files[("toolkit", tool)] = toolkits.TOOLKITS[tool].data_file
    return KnowledgeBase(entities, refs, files, decision, loaded_toolkits)


def check_project(root: str | Path, *, workers: int = 1) -> dict[str, int]:
    """Validate like load_project, without building the knowledge base: the number of entities per collection.

    With ``workers`` > 1, a large project's files are checked in that many processes."""
    accepted, _, _ = _check_project(Project.at(root), workers)
    return {name: len(items) for name, items in accepted.items()}


def _load_toolkits(project: Project, known: dict[str, dict[str, Any]], problems: list[Problem]) -> dict[str, Any]:
    """Each tool's toolkit data (``toolkit/<tool id>.yml``), for the toolkits that have a file."""
    folder = project.root / toolkits.TOOLKIT_DIR
    loaded_toolkits: dict[str, Any] = {}
    if folder.is_symlink() or not folder.is_dir():
        return loaded_toolkits
    for path in sorted(folder.iterdir()):
        rel = f"{toolkits.TOOLKIT_DIR}/{path.name}"
        if path.is_symlink() or not path.is_file():
            continue  # reported by unsafe_tree, or a folder the site does not read
        declared = toolkits.TOOLKITS.get(path.stem)
        if path.suffix != ".yml" or declared is None:
            names = ", ".join(f"{t}.yml" for t in toolkits.TOOLKITS)
            problems.append(Problem(rel, 1, 1, f"filen hører ikke til et værktøj; filerne i {toolkits.TOOLKIT_DIR}/ "
                                               f"hedder som værktøjet, de hører til: {names}"))
            continue
        if path.stem not in known.get("tools", {}):
            problems.append(Problem(rel, 1, 1, f"værktøjet '{path.stem}' findes ikke; opret tools/{path.stem}.yml "
                                               "eller fjern filen"))
            continue
        loaded = load_file(path, rel)
        if isinstance(loaded, Problem):
            problems.append(loaded)
            continue
        data, found = validate_data(loaded, declared.model)
        problems.extend(found)
        if data is None:
            continue
        problems.extend(reference_problems(references(loaded.data, declared.model), known, loaded.problem))
        check = getattr(data, "problems", None)
        if callable(check):  # rules across the file (unique ids, a card's pair exists …), located in it
            problems.extend(loaded.problem(loc, message) for loc, message in check())
        loaded_toolkits[path.stem] = data
    return loaded_toolkits


def _load_decision(project: Project, known: dict[str, dict[str, Any]], problems: list[Problem]) -> DecisionConfig | None:
    """Formatvælgeren's weights, gate and questions (optional: a project without the file has no decision aid)."""
    path = project.root / registry.DECISION_FILE
    if path.is_symlink() or not path.is_file():
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
    from .schema import Profile
    for i, dimension in enumerate(config.dimensions):
        if dimension.id not in Profile.model_fields:
            problems.append(loaded.problem(("dimensions", i, "id"), f"værdien '{dimension.id}' har ingen plads i formaternes "
                                           f"'decision.profile'; mulige: {', '.join(k for k in Profile.model_fields if k != 'basis')}"))
    for i, question in enumerate(config.questions):
        if question.vocabulary and f"vocab:{question.vocabulary}" not in known:
            problems.append(loaded.problem(("questions", i, "vocabulary"),
                                           f"ukendt ordforråd '{question.vocabulary}'; se vocab/"))
    return config
