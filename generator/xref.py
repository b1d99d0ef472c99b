"""Cross-reference checks: every id a file names must exist, in the collection its schema says."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from . import registry
from .fields import Ref
from .messages import closest_id, field_name
from .problems import Problem


def reference_problems(refs: Iterable[Ref], known: dict[str, dict[str, Any]],
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
        if ref not in ids:
            problems.append(locate(loc, f"ukendt {registry.what(target)}-id '{ref}' i '{field_name(loc)}'"
                                        + _advice(ref, ids, target)))
        elif self_key and (target, ref) == self_key:
            problems.append(locate(loc, f"'{field_name(loc)}' henviser til filen selv"))
    return problems


SHORT_LIST = 12  # a vocabulary this small is listed whole in the message


def _advice(ref: str, ids: dict[str, Any], target: str) -> str:
    meant = closest_id(ref, ids)
    advice = f"; mente du '{meant}'?" if meant else ""
    if len(ids) <= SHORT_LIST and ids:
        return advice + f"; mulige: {', '.join(ids)}"
    return advice or f"; se {registry.where_to_look(target)}"
