"""Cross-reference checks: every id a file names must exist, in the collection its schema says."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

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
_PLANS: dict[int, Plan] = {}


def plan_for(schema: dict) -> Plan:
    """Which fields of a JSON Schema hold references, computed once per schema."""
    plan = _PLANS.get(id(schema))
    if plan is None:
        plan = _PLANS[id(schema)] = _plan(schema, schema.get("$defs", {}))
    return plan


def _plan(schema: dict, defs: dict) -> Plan:
    plan: Plan = {}
    for name, sub in _resolve(schema, defs).get("properties", {}).items():
        sub = _non_null(_resolve(sub, defs), defs)
        if REF_KEY in sub:
            plan[name] = ("ref", sub[REF_KEY])
        elif sub.get("type") == "array":
            items = _non_null(_resolve(sub.get("items", {}), defs), defs)
            if REF_KEY in items:
                plan[name] = ("refs", items[REF_KEY])
            elif "properties" in items and (inner := _plan(items, defs)):
                plan[name] = ("models", inner)
        elif "properties" in sub and (inner := _plan(sub, defs)):
            plan[name] = ("model", inner)
    return plan


def _non_null(schema: dict, defs: dict) -> dict:
    for option in schema.get("anyOf", ()):
        option = _resolve(option, defs)
        if option.get("type") != "null":
            return option
    return schema


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


def _resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def check_references(loaded: LoadedFile, schema: dict, known: dict[str, dict[str, Any]],
                     self_key: tuple[str, str] | None = None) -> list[Problem]:
    """Problems for every reference in one file that names an id that does not exist."""
    return reference_problems(references(loaded.data, plan_for(schema)), known, loaded.problem, self_key)


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
