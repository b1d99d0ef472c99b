"""Danish messages for schema errors, with 'mente du …?' suggestions for near misses."""
from __future__ import annotations

import difflib
from typing import Any, Iterable

from .loader import YamlDate


def suggest(word: str, candidates: Iterable[str]) -> str:
    """'; mente du 'x'?' for the closest candidate, or '' when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; mente du '{matches[0]}'?" if matches else ""


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
        return "; YAML læser ord som yes/no/on/off som sand/falsk, så sæt teksten i anførselstegn"
    if isinstance(value, (int, float)):
        return "; sæt tallet i anførselstegn, hvis det skal være tekst"
    return ""


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def schema_message(error: dict[str, Any], field_names: Iterable[str] = ()) -> str:
    """Turn one pydantic error into a Danish sentence about the field it concerns."""
    kind, loc, ctx, value = error["type"], error["loc"], error.get("ctx") or {}, error.get("input")
    name = field_name(loc)
    if kind == "missing":
        return f"feltet '{name}' mangler"
    if value is None and kind.endswith(("_type", "_parsing")):
        return f"feltet '{name}' er tomt, men skal udfyldes"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return f"ukendt nøgle '{key}'" + (suggest(key, field_names) or "; se skabelonen for de tilladte nøgler")
    if kind in ("string_type",):
        return f"'{name}' skal være tekst{_quote_hint(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = ""
        if isinstance(value, YamlDate):
            hint = "; YAML læser værdien som en dato, men her skal stå et helt tal (fx kun årstallet)"
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
    # Our own PydanticCustomError types already carry a Danish message.
    prefix = f"'{name}': " if name != "filen" else ""
    if kind in _CUSTOM:
        return prefix + error["msg"]
    return f"{prefix}ugyldig værdi ({error['msg']})"


_CUSTOM = {"chart_n", "unsafe_text", "blank_text", "multiline", "figure_value", "figure_note", "period_order", "year_note"}
