"""The schema walker: what each field of a model holds, worked out once per model from its annotations.

Validation (key suggestions), cross-references, back-links and the exports all ask the same questions
of a model: which keys may stand here, which fields hold ids of other entities (each made with
``schema.Ref`` and marked ``x-nybrud-ref``), which fields are nested sections. This module answers
them, so no other module walks pydantic annotations.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Iterator, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

REF_KEY = "x-nybrud-ref"

Ref = tuple[tuple, str, str]
"""A reference found in a file: (location in the data, target collection or vocabulary, the id named)."""


@dataclass(frozen=True)
class FieldKind:
    name: str
    many: bool  # a list of values
    ref: str | None  # the collection ("formats") or vocabulary ("vocab:purposes") the values are ids in
    section: type[BaseModel] | None  # the model of a nested section (or of each item, when many)
    info: FieldInfo


def bare_type(tp: Any) -> tuple[Any, list]:
    """The type inside ``Optional[…]`` and ``Annotated[…]``, and the metadata those ``Annotated`` carried."""
    metadata: list = []
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            metadata.extend(tp.__metadata__)
            tp = tp.__origin__
        elif origin in (Union, UnionType) and len(options := [a for a in get_args(tp) if a is not type(None)]) == 1:
            tp = options[0]
        else:
            return tp, metadata


def is_model(tp: Any) -> bool:
    """Whether ``tp`` is a pydantic model class (a nested section of a file)."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _ref_target(metadata: list) -> str | None:
    for item in metadata:
        extra = getattr(item, "json_schema_extra", None) if isinstance(item, FieldInfo) else None
        if isinstance(extra, dict) and REF_KEY in extra:
            return extra[REF_KEY]
    return None


@lru_cache(maxsize=None)
def fields_of(model: type[BaseModel]) -> dict[str, FieldKind]:
    """Every field of ``model``: whether it is a list, an id reference, or a nested section."""
    out: dict[str, FieldKind] = {}
    for name, info in model.model_fields.items():
        kind, meta = bare_type(info.annotation)
        many = get_origin(kind) is list
        if many:
            kind, item_meta = bare_type(get_args(kind)[0])
            ref = _ref_target(item_meta)
        else:
            ref = _ref_target([info, *meta])
        out[name] = FieldKind(name, many, ref, kind if is_model(kind) else None, info)
    return out


@lru_cache(maxsize=None)
def _has_refs(model: type[BaseModel]) -> bool:
    return any(f.ref or (f.section is not None and _has_refs(f.section)) for f in fields_of(model).values())


@lru_cache(maxsize=None)
def targets_of(model: type[BaseModel]) -> frozenset[str]:
    """Every collection or vocabulary that some field of ``model`` (or of its sections) refers into."""
    out: set[str] = set()
    for kind in fields_of(model).values():
        if kind.ref:
            out.add(kind.ref)
        elif kind.section is not None:
            out |= targets_of(kind.section)
    return frozenset(out)


def references(data: Any, model: type[BaseModel], loc: tuple = ()) -> Iterator[Ref]:
    """Every id reference in ``data`` (a file's raw data, valid or not), with its location and target."""
    if not isinstance(data, dict):
        return
    for name, kind in fields_of(model).items():
        value = data.get(name)
        if value is None:
            continue
        if kind.ref:
            if not kind.many and isinstance(value, str):
                yield loc + (name,), kind.ref, value
            elif kind.many and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield loc + (name, i), kind.ref, item
        elif kind.section is not None and _has_refs(kind.section):
            if not kind.many:
                yield from references(value, kind.section, loc + (name,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    yield from references(item, kind.section, loc + (name, i))


def keys_at(model: type[BaseModel], loc: tuple) -> dict[str, str | None]:
    """The keys allowed in the section that holds ``loc``, with their Danish titles (for 'mente du …?')."""
    node: type[BaseModel] | None = model
    for part in loc[:-1]:
        if node is None:
            return {}
        if isinstance(part, int):
            continue  # an item of a list of sections: the section model is already in hand
        kind = fields_of(node).get(part)
        node = kind.section if kind is not None else None
    return {name: kind.info.title for name, kind in fields_of(node).items()} if node is not None else {}


def _constrained(metadata: list) -> bool:
    """Whether the metadata gives a pattern (ids, web addresses, dates), which makes a value not free text."""
    for item in metadata:
        if getattr(item, "pattern", None):
            return True
        if isinstance(item, FieldInfo) and _constrained(list(item.metadata)):
            return True
    return False


def text_fields(model: type[BaseModel], loc: tuple = ()) -> Iterator[tuple[tuple, FieldKind]]:
    """Every field holding editors' free text (not ids, web addresses, dates, numbers or flags), as a path of
    field names (a list's items are marked by the name alone)."""
    for name, kind in fields_of(model).items():
        if kind.section is not None:
            yield from text_fields(kind.section, loc + (name,))
            continue
        if kind.ref:
            continue
        tp, meta = bare_type(kind.info.annotation)
        meta = [kind.info, *meta]
        if get_origin(tp) is list:
            tp, item_meta = bare_type(get_args(tp)[0])
            meta += item_meta
        if tp is str and not _constrained(meta):
            yield loc + (name,), kind
