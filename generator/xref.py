"""Cross-reference checks: every id a file names must exist, in the collection its schema says."""
from __future__ import annotations

from typing import Any, Iterator

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


def references(data: Any, schema: dict, defs: dict, loc: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Yield (location, target, id) for every reference value in ``data`` according to ``schema``."""
    schema = _resolve(schema, defs)
    if REF_KEY in schema and isinstance(data, str):
        yield loc, schema[REF_KEY], data
        return
    for option in schema.get("anyOf", ()):
        resolved = _resolve(option, defs)
        if resolved.get("type") != "null":
            yield from references(data, resolved, defs, loc)
    if isinstance(data, dict):
        for key, value in data.items():
            sub = schema.get("properties", {}).get(key)
            if sub is not None:
                yield from references(value, sub, defs, loc + (key,))
    elif isinstance(data, list) and "items" in schema:
        for i, item in enumerate(data):
            yield from references(item, schema["items"], defs, loc + (i,))


def _resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def check_references(loaded: LoadedFile, schema: dict, known: dict[str, dict[str, Any]],
                     self_key: tuple[str, str] | None = None) -> list[Problem]:
    """Problems for every reference in one file that names an id that does not exist."""
    problems = []
    defs = schema.get("$defs", {})
    for loc, target, ref in references(loaded.data, schema, defs):
        ids = known.get(target, {})
        what = _WHAT.get(target, target)
        folder = target.replace("vocab:", "vocab/") + (".yml" if target.startswith("vocab:") else "/")
        if ref not in ids:
            problems.append(loaded.problem(loc, f"ukendt {what}-id '{ref}' i '{field_name(loc)}'"
                                                + (suggest(ref, ids) or f"; se {folder}")))
        elif self_key and (target, ref) == self_key:
            problems.append(loaded.problem(loc, f"'{field_name(loc)}' henviser til filen selv"))
    return problems
