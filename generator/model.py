"""The knowledge base in memory: validated entities, and back-links computed from their references.

Back-links are never written by editors: a case names its formats, and the format page learns which
cases used it from ``referrers``. They come generically from the references validation extracted
from each file (see ``fields.references``), so a new reference field or collection needs no code here.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from . import registry
from .fields import Ref
from .schema import Term

Key = tuple[str, str]  # (collection, id)


class KnowledgeBase:
    def __init__(self, entities: dict[str, dict[str, Any]], refs: dict[Key, list[Ref]] | None = None,
                 files: dict[Key, str] | None = None, decision: Any = None,
                 toolkits: dict[str, Any] | None = None) -> None:
        self.collections: dict[str, dict[str, Any]] = {name: dict(entities.get(name, {})) for name in registry.COLLECTIONS}
        self.files: dict[Key, str] = dict(files or {})
        """(collection, id) → the YAML file it came from, relative to the project root."""
        self.decision = decision
        """Formatvælgeren's configuration (a DecisionConfig), when the project has one."""
        self.toolkits: dict[str, Any] = dict(toolkits or {})
        """Tool id → its toolkit's validated data (``toolkit/<tool id>.yml``)."""
        self._terms = {v.id: {t.id: t for t in v.terms} for v in self.collections.get("vocab", {}).values()}
        for name, collection in registry.COLLECTIONS.items():
            if collection.order is not None:
                items = self.collections[name]
                self.collections[name] = dict(sorted(items.items(), key=lambda kv: collection.order(kv[1], self)))
        self._referrers = self._backlinks(refs or {})

    def __getattr__(self, name: str) -> dict[str, Any]:
        collections = self.__dict__.get("collections")
        if collections is not None and name in collections:
            return collections[name]
        raise AttributeError(name)

    def entities(self, names: Iterable[str] | None = None) -> Iterator[tuple[Key, Any]]:
        """Every entity as ((collection, id), entity), in registry order."""
        for collection in names or self.collections:
            for eid, entity in self.collections[collection].items():
                yield (collection, eid), entity

    # --- vocabulary ---------------------------------------------------------------------------
    def terms(self, vocabulary: str) -> dict[str, Term]:
        return self._terms.get(vocabulary, {})

    def term(self, vocabulary: str, term_id: str) -> Term:
        return self._terms[vocabulary][term_id]

    def label(self, vocabulary: str, term_id: str) -> str:
        return self._terms[vocabulary][term_id].label

    def term_index(self, vocabulary: str, term_id: str) -> int:
        terms = self._terms.get(vocabulary, {})
        return list(terms).index(term_id) if term_id in terms else 0

    # --- back-links ---------------------------------------------------------------------------
    def _backlinks(self, refs: dict[Key, list[Ref]]) -> dict[tuple[str, str], dict[str, list[str]]]:
        """(target, id) → {referring collection → ids, in that collection's order, each once}."""
        out: dict[tuple[str, str], dict[str, list[str]]] = {}
        for key, _ in self.entities():
            collection, eid = key
            for _loc, target, ident in refs.get(key, ()):
                ids = out.setdefault((target, ident), {}).setdefault(collection, [])
                if not ids or ids[-1] != eid:  # an entity's references come together: one entry each
                    ids.append(eid)
        return out

    def referrers(self, target: str, ident: str, by: str | None = None) -> list:
        """Who refers to ``ident`` in ``target`` ('formats', 'vocab:purposes' …).

        With ``by`` (a collection), the ids in that collection; without, every (collection, id)."""
        found = self._referrers.get((target, ident), {})
        if by is not None:
            return list(found.get(by, ()))
        return [(collection, eid) for collection in self.collections for eid in found.get(collection, ())]

    def term_referrers(self, vocabulary: str, term_id: str, by: str) -> list[str]:
        return self.referrers(f"vocab:{vocabulary}", term_id, by)

    def principles_in_set(self, set_id: str) -> list[str]:
        return [pid for pid, p in self.collections["principles"].items() if p.set == set_id]

    def neighbours_of_principle(self, pid: str) -> list[str]:
        """Principles this one names, and those naming it, without repeats."""
        named = self.collections["principles"][pid].related
        return list(dict.fromkeys([*named, *self.referrers("principles", pid, "principles")]))
