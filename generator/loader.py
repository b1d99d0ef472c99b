"""Load editors' YAML files safely, keeping the line and column of every node.

Only plain data is accepted: mappings with string keys, sequences and scalars. Anchors and
aliases, custom tags (``!!python/...``), several documents in one file, duplicate keys, very
large files and very deep nesting are refused with a located Danish message, never a traceback.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
}

_STR = "tag:yaml.org,2002:str"
Loc = tuple  # a path into the data: keys (str) and list indexes (int)


@dataclass
class LoadedFile:
    """The data of one YAML file and where each value (and each mapping key) stands in it."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, message)


class _Refused(Exception):
    def __init__(self, node: yaml.Node | None, message: str, mark: Any = None):
        self.mark = mark if mark is not None else (node.start_mark if node is not None else None)
        self.message = message


def _mark_pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = e.start - (before.rfind(b"\n") + 1) + 1
        return None, Problem(path, line, col,
                             "filen er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8")


def load_file(file: Path, rel: str) -> LoadedFile | Problem:
    """Read one YAML file. Returns the loaded data or the one problem that stopped it."""
    try:
        raw = file.read_bytes()
    except OSError as e:
        return Problem(rel, 1, 1, f"filen kan ikke læses ({e.strerror})")
    if len(raw) > MAX_BYTES:
        return Problem(rel, 1, 1, f"filen er for stor ({len(raw) // 1024} KB); højst {MAX_BYTES // 1024} KB er tilladt")
    text, problem = _decode(raw, rel)
    if problem:
        return problem
    return load_text(text, rel)


def load_text(text: str, rel: str) -> LoadedFile | Problem:
    loader = _Loader(text)
    try:
        loaded = LoadedFile(rel, None)
        loaded.data = _build(loader, loaded)
        return loaded
    except yaml.MarkedYAMLError as e:
        line, col = _mark_pos(e.problem_mark or e.context_mark)
        return Problem(rel, line, col, f"ugyldig YAML: {_yaml_reason(e)}")
    except yaml.YAMLError as e:  # e.g. a reader error on a control character
        return Problem(rel, 1, 1, f"ugyldig YAML: {e}")
    except _Refused as e:
        line, col = _mark_pos(e.mark)
        return Problem(rel, line, col, e.message)
    finally:
        loader.dispose()


def _build(loader: Any, out: LoadedFile) -> Any:
    """Build plain data from the parser's event stream, iteratively (no recursion on deep input)."""
    E = yaml.events
    loader.get_event()  # StreamStart
    if loader.check_event(E.StreamEndEvent):
        raise _Refused(None, "filen er tom", mark=None)
    loader.get_event()  # DocumentStart
    stack: list[list[Any]] = []  # frames: [container, loc, pending_key]
    root: Any = None
    while True:
        event = loader.get_event()
        if isinstance(event, E.DocumentEndEvent):
            break
        if isinstance(event, (E.MappingEndEvent, E.SequenceEndEvent)):
            value, loc, _ = stack.pop()
            if not stack:
                root = value
            continue
        if isinstance(event, E.AliasEvent):
            raise _Refused(None, "YAML-ankre og -aliaser (&navn og *navn) er ikke tilladt; skriv værdien ud",
                           mark=event.start_mark)
        if getattr(event, "anchor", None):
            raise _Refused(None, "YAML-ankre og -aliaser (&navn og *navn) er ikke tilladt; skriv værdien ud",
                           mark=event.start_mark)
        parent = stack[-1] if stack else None
        # Is this event a mapping key?
        if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
            if not isinstance(event, E.ScalarEvent) or event.tag not in (None, "!") and event.tag != "tag:yaml.org,2002:str":
                raise _Refused(None, "en nøgle skal være almindelig tekst", mark=event.start_mark)
            key = event.value
            if event.tag is None and loader.resolve(yaml.ScalarNode, key, event.implicit) != "tag:yaml.org,2002:str":
                if key == "<<":
                    raise _Refused(None, "YAML-fletning ('<<') er ikke tilladt; skriv nøglerne ud", mark=event.start_mark)
                raise _Refused(None, f"nøglen '{key}' skal være tekst (små bogstaver, bindestreg eller understreg)",
                               mark=event.start_mark)
            if key in parent[0]:
                raise _Refused(None, f"nøglen '{key}' står to gange i samme afsnit", mark=event.start_mark)
            parent[2] = key
            out.key_positions[parent[1] + (key,)] = _mark_pos(event.start_mark)
            continue
        if parent is None:
            loc: Loc = ()
        elif isinstance(parent[0], dict):
            loc = parent[1] + (parent[2],)
        else:
            loc = parent[1] + (len(parent[0]),)
        out.positions[loc] = _mark_pos(event.start_mark)
        if isinstance(event, (E.MappingStartEvent, E.SequenceStartEvent)):
            _check_tag(event, "tag:yaml.org,2002:map" if isinstance(event, E.MappingStartEvent) else "tag:yaml.org,2002:seq")
            if len(stack) >= MAX_DEPTH:
                raise _Refused(None, f"filen er indlejret for dybt; højst {MAX_DEPTH} niveauer er tilladt",
                               mark=event.start_mark)
            value = {} if isinstance(event, E.MappingStartEvent) else []
            _attach(parent, value)
            stack.append([value, loc, None])
            continue
        value = _scalar(loader, event)
        if parent is None:
            root = value
        else:
            _attach(parent, value)
    if not loader.check_event(E.StreamEndEvent):
        event = loader.get_event()
        raise _Refused(None, "filen indeholder flere YAML-dokumenter (adskilt af '---'); der må kun være ét pr. fil",
                       mark=event.start_mark)
    if root is None:
        raise _Refused(None, "filen er tom", mark=None)
    return root


def _attach(parent: list[Any] | None, value: Any) -> None:
    if parent is None:
        return
    if isinstance(parent[0], dict):
        parent[0][parent[2]] = value
        parent[2] = None
    else:
        parent[0].append(value)


def _check_tag(event: Any, default: str) -> None:
    if event.tag not in (None, "!", default):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(None, f"YAML-mærket '{tag}' er ikke tilladt; skriv almindelig tekst, tal, lister og nøgler",
                       mark=event.start_mark)


def _scalar(loader: Any, event: Any) -> Any:
    if event.tag in (None, "!"):
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    else:
        tag = event.tag
    if tag == _STR:
        return event.value  # the common case: no construction needed
    if tag not in _PLAIN_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(None, f"YAML-mærket '{shown}' er ikke tilladt; skriv almindelig tekst, tal, lister og nøgler",
                       mark=event.start_mark)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    value = loader.construct_object(node)
    if isinstance(value, float) and value != value:
        raise _Refused(None, "'.nan' er ikke et gyldigt tal", mark=event.start_mark)
    if isinstance(value, (_dt.date, _dt.datetime)):
        # Keep what the editor wrote; the schema then reports text where a year or text is expected.
        return YamlDate(event.value)
    return value


_REASONS = {
    "mapping values are not allowed": "et kolon står et sted, hvor det ikke må; sæt teksten i anførselstegn",
    "could not find expected ':'": "der mangler et kolon efter en nøgle",
    "found character that cannot start any token": "et tegn, der ikke kan stå her (måske et tabulatortegn; brug mellemrum)",
    "did not find expected key": "forkert indrykning; en nøgle står ikke på linje med de andre",
    "did not find expected '-' indicator": "forkert indrykning i en liste",
    "found unexpected end of stream": "filen slutter midt i en værdi (mangler et afsluttende anførselstegn?)",
    "found undefined alias": "et YAML-alias (*navn) henviser til et anker, der ikke findes",
    "found unknown escape character": "ukendt escape-sekvens med omvendt skråstreg i en tekst i anførselstegn",
}


def _yaml_reason(e: yaml.MarkedYAMLError) -> str:
    problem = (e.problem or "").strip()
    for english, danish in _REASONS.items():
        if english in problem:
            return danish
    detail = "; ".join(x for x in (e.context, e.problem) if x)
    return f"syntaksfejl ({detail})"


class YamlDate(str):
    """A scalar YAML 1.1 reads as a date; kept as the text the editor wrote so messages can hint at quoting."""
