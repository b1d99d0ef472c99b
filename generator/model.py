"""The knowledge base in memory: validated entities plus back-links computed from them.

Back-links are never written by editors: a case names its formats, and the format page learns
which cases used it from here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, get_args

from pydantic import BaseModel

from .schema import Case, Format, Principle, Source, SourceRef, Term, Tool, Vocabulary

Key = tuple[str, str]  # (collection, id)


@dataclass
class KnowledgeBase:
    cases: dict[str, Case]
    formats: dict[str, Format]
    principles: dict[str, Principle]
    tools: dict[str, Tool]
    sources: dict[str, Source]
    vocab: dict[str, Vocabulary]
    files: dict[Key, str] = field(default_factory=dict)
    """(collection, id) → the YAML file it came from, relative to the project root."""
    decision: Any = None
    """Formatvælgeren's configuration (a DecisionConfig), when the project has one."""

    def __post_init__(self) -> None:
        self._terms = {v.id: {t.id: t for t in v.terms} for v in self.vocab.values()}
        self.cases = dict(sorted(self.cases.items(), key=lambda kv: (-kv[1].period.start, kv[1].title)))
        self.formats = dict(sorted(self.formats.items(), key=lambda kv: kv[1].title.lower()))
        self.principles = dict(sorted(self.principles.items(), key=lambda kv: (
            self.term_index("principle-sets", kv[1].set), kv[1].number)))
        self.tools = dict(sorted(self.tools.items(), key=lambda kv: kv[1].title.lower()))
        self.sources = dict(sorted(self.sources.items(), key=lambda kv: (kv[1].year, kv[1].title)))
        self._backlinks()

    # --- vocabulary ---------------------------------------------------------------------------
    def terms(self, vocabulary: str) -> dict[str, Term]:
        return self._terms.get(vocabulary, {})

    def term(self, vocabulary: str, term_id: str) -> Term:
        return self._terms[vocabulary][term_id]

    def label(self, vocabulary: str, term_id: str) -> str:
        return self._terms[vocabulary][term_id].label

    def term_index(self, vocabulary: str, term_id: str) -> int:
        return list(self._terms.get(vocabulary, {})).index(term_id) if term_id in self._terms.get(vocabulary, {}) else 0

    # --- back-links ---------------------------------------------------------------------------
    def _backlinks(self) -> None:
        self.cases_by_format: dict[str, list[str]] = defaultdict(list)
        self.cases_by_principle: dict[str, list[str]] = defaultdict(list)
        self.cases_by_tool: dict[str, list[str]] = defaultdict(list)
        self.cases_by_municipality: dict[str, list[str]] = defaultdict(list)
        self.cases_by_term: dict[Key, list[str]] = defaultdict(list)
        self.tools_by_format: dict[str, list[str]] = defaultdict(list)
        self.tools_by_principle: dict[str, list[str]] = defaultdict(list)
        self.formats_by_term: dict[Key, list[str]] = defaultdict(list)
        self.formats_combined_by: dict[str, list[str]] = defaultdict(list)
        self.principles_related_by: dict[str, list[str]] = defaultdict(list)
        self.cases_related_by: dict[str, list[str]] = defaultdict(list)
        self.citations: dict[str, list[Key]] = defaultdict(list)

        for cid, case in self.cases.items():
            self.cases_by_municipality[case.municipality].append(cid)
            for f in _unique(case.formats):
                self.cases_by_format[f].append(cid)
            for p in _unique(case.principles):
                self.cases_by_principle[p].append(cid)
            for t in _unique(case.tools):
                self.cases_by_tool[t].append(cid)
            for other in _unique(case.related_cases):
                self.cases_related_by[other].append(cid)
            for vocabulary, ids in (("policy-areas", case.policy_areas), ("purposes", case.purposes),
                                    ("barriers", case.barriers), ("participant-groups", case.participants.groups),
                                    ("influence-levels", [case.influence] if case.influence else [])):
                for term_id in _unique(ids):
                    self.cases_by_term[(vocabulary, term_id)].append(cid)
        for fid, fmt in self.formats.items():
            for other in _unique(fmt.combines_with):
                self.formats_combined_by[other].append(fid)
            for vocabulary, ids in (("purposes", fmt.purposes), ("stages", fmt.stages), ("barriers", fmt.risks),
                                    ("influence-levels", fmt.influence_levels), ("modes", fmt.modes),
                                    ("participant-groups", fmt.participant_groups)):
                for term_id in _unique(ids):
                    self.formats_by_term[(vocabulary, term_id)].append(fid)
        for tid, tool in self.tools.items():
            for f in _unique(tool.formats):
                self.tools_by_format[f].append(tid)
            for p in _unique(tool.principles):
                self.tools_by_principle[p].append(tid)
        for pid, principle in self.principles.items():
            for other in _unique(principle.related):
                self.principles_related_by[other].append(pid)
        for key, entity in self.entities():
            for sid in _unique(_cited_sources(entity)):
                self.citations[sid].append(key)

    def entities(self) -> Iterator[tuple[Key, object]]:
        for collection in ("cases", "formats", "principles", "tools", "sources"):
            for eid, entity in getattr(self, collection).items():
                yield (collection, eid), entity

    def principles_in_set(self, set_id: str) -> list[str]:
        return [pid for pid, p in self.principles.items() if p.set == set_id]

    def neighbours_of_principle(self, pid: str) -> list[str]:
        """Principles this one names, and those naming it, without repeats."""
        return _unique([*self.principles[pid].related, *self.principles_related_by.get(pid, [])])


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _cited_sources(entity: object) -> list[str]:
    """Every source id an entity cites: in `sources`, and in figures and quotes nested in it."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, SourceRef):
            found.append(value.source)
        elif isinstance(value, BaseModel):
            for name in _citing_fields(type(value)):
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(entity)
    return found


@lru_cache(maxsize=None)
def _citing_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose values can hold a SourceRef, so the walk skips plain text and ids."""
    return tuple(name for name, info in model.model_fields.items() if _can_cite(info.annotation))


def _can_cite(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation is SourceRef or bool(_citing_fields(annotation))
    return any(_can_cite(arg) for arg in get_args(annotation))
