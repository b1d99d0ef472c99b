"""Cross-reference checks: every id a file names must exist, in the collection its schema says."""
from __future__ import annotations

from types import UnionType
from typing import Annotated, Any, Callable, Iterable, Iterator, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .loader import LoadedFile
from .messages import field_name, suggest
from .problems import Problem

REF_KEY = "x-nybrud-ref"

_WHAT = {
    "cases": "case", "formats": "format", "principles": "princip", "tools": "værktøj", "sources": "kilde",
    "vocab:municipalities": "kommune", "vocab:policy-areas": "politikområde", "vocab:purposes": "formål",
    "vocab:participant-groups": "deltagergruppe", "vocab:influence-levels": "indflydelsesniveau",
    "vocab:stages": "fase", "vocab:barriers": "barriere", "vocab:regions": "region", "vocab:modes": "form",
    "vocab:resource-levels": "ressourceniveau", "vocab:principle-sets": "principsæt",
    "vocab:principle-kinds": "principtype", "vocab:tool-kinds": "værktøjstype", "vocab:source-kinds": "kildetype",
}


Plan = dict  # field name → ("ref", target) | ("refs", target) | ("model", Plan) | ("models", Plan)
_PLANS: dict[type, Plan] = {}


def plan_for(model: type[BaseModel]) -> Plan:
    """Which fields of a model hold references (each made with ``schema.Ref``), worked out once per model."""
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _plan(model)
    return plan


def _plan(model: type[BaseModel]) -> Plan:
    plan: Plan = {}
    for name, info in model.model_fields.items():
        kind, inner = bare_type(info.annotation)
        if target := _ref_target([info, *inner]):
            plan[name] = ("ref", target)
        elif get_origin(kind) is list:
            item, item_meta = bare_type(get_args(kind)[0])
            if target := _ref_target(item_meta):
                plan[name] = ("refs", target)
            elif is_model(item) and (sub := plan_for(item)):
                plan[name] = ("models", sub)
        elif is_model(kind) and (sub := plan_for(kind)):
            plan[name] = ("model", sub)
    return plan


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


def _ref_target(metadata: Iterable[Any]) -> str | None:
    for item in metadata:
        extra = getattr(item, "json_schema_extra", None) if isinstance(item, FieldInfo) else None
        if isinstance(extra, dict) and REF_KEY in extra:
            return extra[REF_KEY]
    return None


def references(data: Any, plan: Plan, loc: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Yield (location, target, id) for every reference value in ``data`` according to ``plan``."""
    if not isinstance(data, dict):
        return
    for name, (kind, spec) in plan.items():
        value = data.get(name)
        if value is None:
            continue
        if kind == "ref" and isinstance(value, str):
            yield loc + (name,), spec, value
        elif kind == "refs" and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield loc + (name, i), spec, item
        elif kind == "model":
            yield from references(value, spec, loc + (name,))
        elif kind == "models" and isinstance(value, list):
            for i, item in enumerate(value):
                yield from references(item, spec, loc + (name, i))


def check_references(loaded: LoadedFile, model: type[BaseModel], known: dict[str, dict[str, Any]],
                     self_key: tuple[str, str] | None = None) -> list[Problem]:
    """Problems for every reference in one file that names an id that does not exist."""
    return reference_problems(references(loaded.data, plan_for(model)), known, loaded.problem, self_key)


def reference_problems(refs: Iterable[tuple[tuple, str, str]], known: dict[str, dict[str, Any]],
                       locate: Callable[[tuple, str], Problem],
                       self_key: tuple[str, str] | None = None) -> list[Problem]:
    """Problems for the references (location, target, id) of one file; ``locate`` places a message in the file."""
    problems = []
    seen: set[tuple] = set()
    for loc, target, ref in refs:
        if isinstance(loc[-1], int):  # an item in a list of references: each id only once
            if (loc[:-1], ref) in seen:
                problems.append(locate(loc, f"'{ref}' står to gange i '{field_name(loc[:-1])}'"))
                continue
            seen.add((loc[:-1], ref))
        ids = known.get(target, {})
        what = _WHAT.get(target, target)
        folder = target.replace("vocab:", "vocab/") + (".yml" if target.startswith("vocab:") else "/")
        if ref not in ids:
            problems.append(locate(loc, f"ukendt {what}-id '{ref}' i '{field_name(loc)}'"
                                        + (suggest(ref, ids) or f"; se {folder}")))
        elif self_key and (target, ref) == self_key:
            problems.append(locate(loc, f"'{field_name(loc)}' henviser til filen selv"))
    return problems
