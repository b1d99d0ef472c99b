"""Danish messages for schema errors, with 'mente du …?' suggestions for near misses."""
from __future__ import annotations

import difflib
import re
import typing
from typing import Any, Iterable, Mapping

from pydantic_core import core_schema

from .loader import YamlDate

_BUILTIN_ERRORS = frozenset(typing.get_args(core_schema.ErrorType))
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "é": "e", "ü": "ue"})


def slug(text: str) -> str:
    """What an id for ``text`` would be: 'Vejle Kommune' → 'vejle-kommune', 'Ældre' → 'aeldre'."""
    text = str(text).translate(_DANISH).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest(word: str, candidates: Iterable[str]) -> str:
    """'; mente du 'x'?' for the closest candidate, or '' when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; mente du '{matches[0]}'?" if matches else ""


def closest_id(value: str, labels: Mapping[str, str | None]) -> str | None:
    """The id an editor most likely meant by ``value``: written as a name ('Vejle Kommune', 'vejle kommune',
    'Vejle'), with æ/ø/å or capitals, or misspelt. ``labels`` maps each id to its label or title."""
    if not labels:
        return None
    wanted = slug(value)
    bare = re.sub(r"(^kommune-|-kommune$|-kommunes?$)", "", wanted)
    by_label = {slug(label): ident for ident, label in labels.items() if label}
    for form in (wanted, bare):
        if form in labels:
            return form
        if form in by_label:
            return by_label[form]
    starting = [ident for ident in labels if ident.startswith((bare or wanted) + "-")]
    if len(starting) == 1:
        return starting[0]  # 'klima' for 'klima-og-miljoe'
    close = difflib.get_close_matches(bare or wanted, list(labels), n=1, cutoff=0.75)
    if close:
        return close[0]
    close = difflib.get_close_matches(bare or wanted, list(by_label), n=1, cutoff=0.75)
    return by_label[close[0]] if close else None


def suggest_key(key: str, fields: Mapping[str, str | None]) -> str:
    """'; mente du 'outcomes'?' for an unknown key, also when written in Danish ('resultater') or as the field's
    Danish title ('kommunaldirektoer' for 'Kommunaldirektørens rolle'). ``fields`` maps key → Danish title."""
    wanted = slug(key).replace("-", "_")
    if not wanted:
        return ""
    close = difflib.get_close_matches(wanted, list(fields), n=1, cutoff=0.6)
    if close:
        return f"; mente du '{close[0]}'?"
    for name, title in fields.items():
        words = slug(title or "").split("-")
        if slug(title or "").replace("-", "_") == wanted or any(
                len(wanted) >= 5 and (w.startswith(wanted) or wanted.startswith(w) and len(w) >= 5) for w in words):
            return f"; mente du '{name}' ({title})?"
    titled = {slug(t or "").replace("-", "_"): n for n, t in fields.items() if t}
    close = difflib.get_close_matches(wanted, list(titled), n=1, cutoff=0.6)
    return f"; mente du '{titled[close[0]]}'?" if close else ""


def field_name(loc: tuple) -> str:
    """A location as the editor writes it: participants.groups[2]."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "filen"


def _quote_hint(value: Any) -> str:
    if isinstance(value, YamlDate):
        return "; YAML læser værdien som en dato, så sæt den i anførselstegn, hvis den skal være tekst"
    if isinstance(value, bool):
        return "; YAML læser true og false som sand og falsk, så sæt teksten i anførselstegn"
    if isinstance(value, (int, float)):
        return "; sæt tallet i anførselstegn, hvis det skal være tekst"
    return ""


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def schema_message(error: dict[str, Any], field_names: Iterable[str] | Mapping[str, str | None] = ()) -> str:
    """Turn one pydantic error into a Danish sentence about the field it concerns."""
    kind, loc, ctx, value = error["type"], error["loc"], error.get("ctx") or {}, error.get("input")
    name = field_name(loc)
    if kind == "missing":
        return f"feltet '{name}' mangler"
    if value is None and kind.endswith(("_type", "_parsing")):
        return f"feltet '{name}' er tomt, men skal udfyldes"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        fields = field_names if isinstance(field_names, Mapping) else dict.fromkeys(field_names)
        return f"ukendt nøgle '{key}'" + (suggest_key(key, fields) or "; se skabelonen for de tilladte nøgler")
    if kind in ("string_type",):
        return f"'{name}' skal være tekst{_quote_hint(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = ""
        span = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\s*", str(value)) if isinstance(value, str) else None
        if isinstance(value, YamlDate):
            hint = "; YAML læser værdien som en dato, men her skal stå et helt tal (fx kun årstallet)"
        elif span and loc and loc[-1] == "start":
            first, last = span.groups()
            last = first[:4 - len(last)] + last
            hint = f"; skriv start- og slutår hver for sig: 'start: {first}' og 'end: {last}'"
        elif isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
            hint = "; fjern anførselstegnene om tallet"
        return f"'{name}' skal være et helt tal, fik '{_show(value)}'{hint}"
    if kind in ("float_type", "float_parsing"):
        return f"'{name}' skal være et tal, fik '{_show(value)}'"
    if kind == "bool_type":
        return f"'{name}' skal være true eller false, fik '{_show(value)}'"
    if kind == "list_type":
        return f"'{name}' skal være en liste (linjer, der begynder med '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{name}' skal være et afsnit med nøgler og værdier"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern", "").startswith("^[a-z0-9]"):
            return (f"'{_show(value)}' i '{name}' er ikke et gyldigt id: brug små bogstaver a–z, tal og bindestreg "
                    "(æ→ae, ø→oe, å→aa)")
        if "https" in ctx.get("pattern", ""):
            return f"'{name}' skal være en webadresse, der begynder med https:// eller http://"
        return f"'{_show(value)}' har ikke den rette form i '{name}'"
    if kind == "string_too_long":
        return f"'{name}' er for lang ({len(str(value))} tegn; højst {ctx.get('max_length')})"
    if kind == "string_too_short":
        return f"'{name}' må ikke være tom"
    if kind == "too_short":
        n = ctx.get("min_length")
        return f"'{name}' skal have mindst {'ét punkt' if n == 1 else f'{n} punkter'}"
    if kind == "too_long":
        return f"'{name}' har for mange punkter (højst {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"'{name}' skal være mindst {ctx.get('ge', ctx.get('gt'))}, fik {_show(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"'{name}' må højst være {ctx.get('le', ctx.get('lt'))}, fik {_show(value)}"
    if kind == "literal_error":
        return f"'{name}' skal være en af: {ctx.get('expected')}; fik '{_show(value)}'"
    if kind == "frozen_instance":
        return f"'{name}' kan ikke ændres"
    # Our own PydanticCustomError types (any type pydantic does not define) already carry a Danish message.
    prefix = f"'{name}': " if name != "filen" else ""
    if kind not in _BUILTIN_ERRORS:
        return prefix + error["msg"]
    return f"{prefix}ugyldig værdi; se skabelonen og CONTRIBUTING.md for, hvad der skal stå her"
