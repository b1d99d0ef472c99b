"""Load editors' YAML files safely, keeping the line and column of every node.

Only plain data is accepted: mappings with string keys, sequences and scalars. Anchors and
aliases, custom tags (``!!python/...``), several documents in one file, duplicate keys, very
large files and very deep nesting are refused with a located Danish message, never a traceback.

Plain values are read as YAML 1.2 reads them, which is also how editors' tools (VS Code's YAML
extension, GitHub) read them: only ``true``/``false`` are booleans, so ``reached: no`` is the
text "no", and ``10:30`` is text, not a number of seconds. Two slips that YAML would turn into
other content without a word are refused with a message: a list item indented too far (merged
into the item above it) and `` #`` inside plain text (the rest read as a comment).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with YAML 1.2's core schema for plain scalars (booleans, integers, floats)."""


_CORE = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
}
_Loader.yaml_implicit_resolvers = {}
for _first, _resolvers in _Base.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in _CORE:
            continue
        _Loader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
for _tag, _regexp in _CORE.items():
    for _first in {"bool": "tTfF", "int": "-+0123456789", "float": "-+.0123456789"}[_tag.rsplit(":", 1)[1]]:
        _Loader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))

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
    """The data of one YAML file and where each value (and each mapping key) stands in it.

    Positions are only needed to locate a problem, and most files have none, so they are worked out
    on first use, by reading the file's text once more.
    """

    path: str
    data: Any
    text: str = field(default="", repr=False)
    problems: list[Problem] = field(default_factory=list)
    """Slips found while reading (a merged list item, text cut off by ' #'): the data is known, but not what
    the editor meant, so the file is refused with these and every other problem it has."""
    suspect: bool = field(default=False, repr=False)
    _positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)
    _key_positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        self._locate()
        return self._positions

    @property
    def key_positions(self) -> dict[Loc, tuple[int, int]]:
        self._locate()
        return self._key_positions

    def _locate(self) -> None:
        if self._positions is None:
            self._positions, self._key_positions = {}, {}
            loader = _Loader(self.text)
            try:
                _build(loader, self, track=True)
            finally:
                loader.dispose()

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        positions = self.positions
        while loc and loc not in positions:
            loc = loc[:-1]
        return positions.get(loc, (1, 1))

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
        loaded = LoadedFile(rel, None, text)
        loaded.data = _build(loader, loaded, track=False)
        if loaded.suspect or _MAYBE_COMMENT.search(text):
            loaded.problems = _slips(text, rel)
        return loaded
    except yaml.MarkedYAMLError as e:
        line, col = _mark_pos(e.problem_mark or e.context_mark)
        return Problem(rel, line, col, f"ugyldig YAML: {_yaml_reason(e, text, line)}")
    except yaml.reader.ReaderError as e:  # a control character the YAML reader refuses
        before = text[: e.position]
        line, col = before.count("\n") + 1, e.position - (before.rfind("\n") + 1) + 1
        return Problem(rel, line, col, f"filen indeholder kontroltegnet U+{e.character:04X}, som ikke må stå i en "
                                       "tekst; slet det (det stammer ofte fra kopiering fra et andet program)")
    except yaml.YAMLError:
        return Problem(rel, 1, 1, "ugyldig YAML: filen kan ikke læses; tjek indrykning, koloner og anførselstegn")
    except _Refused as e:
        line, col = _mark_pos(e.mark)
        return Problem(rel, line, col, e.message)
    finally:
        loader.dispose()


_ALIAS_MESSAGE = "YAML-ankre og -aliaser (&navn og *navn) er ikke tilladt; skriv værdien ud"
_MULTI_MESSAGE = "filen indeholder flere YAML-dokumenter (adskilt af '---'); der må kun være ét pr. fil"


def _build(loader: Any, out: LoadedFile, *, track: bool) -> Any:
    """Build plain data from the parser's event stream, iteratively (no recursion on deep input).

    With ``track``, also record where every node and key stands (into ``out``'s position maps).
    This loop runs once per YAML node of every file, so it dispatches on the event class directly.
    """
    E = yaml.events
    scalar_event, mapping_start, sequence_start = E.ScalarEvent, E.MappingStartEvent, E.SequenceStartEvent
    ends = (E.MappingEndEvent, E.SequenceEndEvent)
    document_end, alias_event = E.DocumentEndEvent, E.AliasEvent
    get_event = loader.get_event
    positions, key_positions = out._positions, out._key_positions

    get_event()  # StreamStart
    if loader.check_event(E.StreamEndEvent):
        raise _Refused(None, "filen er tom", mark=None)
    get_event()  # DocumentStart
    stack: list[list[Any]] = []  # frames: [container, loc, pending_key, is_mapping]
    root: Any = None
    while True:
        event = get_event()
        cls = event.__class__
        if cls in ends:
            value = stack.pop()[0]
            if not stack:
                root = value
            continue
        if cls is document_end:
            break
        if cls is alias_event or event.anchor:
            raise _Refused(None, _ALIAS_MESSAGE, mark=event.start_mark)
        mark = event.start_mark
        parent = stack[-1] if stack else None
        if parent is not None and parent[3] and parent[2] is None:  # a mapping key
            if cls is not scalar_event or event.tag not in (None, "!", _STR):
                raise _Refused(None, "en nøgle skal være almindelig tekst", mark=mark)
            key = event.value
            if event.tag is None and _plain_tag(loader, event) != _STR:
                if key == "<<":
                    raise _Refused(None, "YAML-fletning ('<<') er ikke tilladt; skriv nøglerne ud", mark=mark)
                raise _Refused(None, f"nøglen '{key}' skal være tekst (små bogstaver, bindestreg eller understreg)",
                               mark=mark)
            if key in parent[0]:
                raise _Refused(None, f"nøglen '{key}' står to gange i samme afsnit", mark=mark)
            parent[2] = key
            if track:
                key_positions[parent[1] + (key,)] = (mark.line + 1, mark.column + 1)
            continue
        loc: Loc | None = None
        if track:
            if parent is None:
                loc = ()
            elif parent[3]:
                loc = parent[1] + (parent[2],)
            else:
                loc = parent[1] + (len(parent[0]),)
            positions[loc] = (mark.line + 1, mark.column + 1)
        if cls is scalar_event:
            value = event.value if _untagged_text(event) else _scalar(loader, event)
            if not event.style and value.__class__ is str and " - " in value and event.end_mark.line != mark.line:
                out.suspect = True  # maybe a list item merged into this one: _slips looks closer
            if parent is None:
                root = value
            elif parent[3]:
                parent[0][parent[2]] = value
                parent[2] = None
            else:
                parent[0].append(value)
            continue
        is_mapping = cls is mapping_start
        _check_tag(event, "tag:yaml.org,2002:map" if is_mapping else "tag:yaml.org,2002:seq")
        if len(stack) >= MAX_DEPTH:
            raise _Refused(None, f"filen er indlejret for dybt; højst {MAX_DEPTH} niveauer er tilladt", mark=mark)
        value = {} if is_mapping else []
        if parent is not None:
            if parent[3]:
                parent[0][parent[2]] = value
                parent[2] = None
            else:
                parent[0].append(value)
        stack.append([value, loc, None, is_mapping])
    if not loader.check_event(E.StreamEndEvent):
        raise _Refused(None, _MULTI_MESSAGE, mark=get_event().start_mark)
    if root is None:
        raise _Refused(None, "filen er tom", mark=None)
    return root


def _check_tag(event: Any, default: str) -> None:
    if event.tag not in (None, "!", default):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(None, f"YAML-mærket '{tag}' er ikke tilladt; skriv almindelig tekst, tal, lister og nøgler",
                       mark=event.start_mark)


_TAG_CACHE: dict[tuple[str, bool], str] = {}
_IMPLICIT_FIRST = frozenset(_Loader.yaml_implicit_resolvers)
assert None not in _IMPLICIT_FIRST and not _Loader.yaml_path_resolvers  # else _untagged_text would be wrong


def _untagged_text(event: Any) -> bool:
    """Whether an untagged scalar is text without resolving it: quoted and block scalars always are, and so is a
    plain one starting with a character no implicit type (number, bool, null, date …) starts with. Most are."""
    if event.tag is not None:
        return False
    value = event.value
    return bool(event.style) or bool(value) and value[0] not in _IMPLICIT_FIRST


def _plain_tag(loader: Any, event: Any) -> str:
    """The tag YAML gives an untagged scalar. Quoted and block scalars are always text; plain ones
    are resolved (and cached, since keys and short values repeat across thousands of files)."""
    if _untagged_text(event):
        return _STR
    key = (event.value, event.implicit[0])
    tag = _TAG_CACHE.get(key)
    if tag is None:
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if len(event.value) <= 40 and len(_TAG_CACHE) < 50_000:
            _TAG_CACHE[key] = tag
    return tag


def _scalar(loader: Any, event: Any) -> Any:
    if event.tag in (None, "!"):
        tag = _plain_tag(loader, event)
    else:
        tag = event.tag
    if tag == _STR:
        return event.value  # the common case: no construction needed
    if tag not in _PLAIN_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(None, f"YAML-mærket '{shown}' er ikke tilladt; skriv almindelig tekst, tal, lister og nøgler",
                       mark=event.start_mark)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    if tag == "tag:yaml.org,2002:timestamp":
        # Kept as the text the editor wrote (YAML 1.2 has no dates): the schema checks it where a date belongs,
        # and an impossible one (2021-02-30) gets a message instead of the parser's exception.
        return YamlDate(event.value)
    if tag == "tag:yaml.org,2002:int" and len(event.value) > 30:
        raise _Refused(None, "tallet er for stort; skriv det i anførselstegn, hvis det skal være tekst",
                       mark=event.start_mark)
    if tag == "tag:yaml.org,2002:float" and len(event.value) > 60:
        raise _Refused(None, "tallet er for langt; skriv det i anførselstegn, hvis det skal være tekst",
                       mark=event.start_mark)
    if tag == "tag:yaml.org,2002:int" and event.value.lstrip("+-")[:1] == "0" and event.value.lstrip("+-").isdigit():
        return int(event.value, 10)  # YAML 1.2: 012 is twelve, not an octal ten
    value = loader.construct_object(node)
    if isinstance(value, float) and value != value:
        raise _Refused(None, "'.nan' er ikke et gyldigt tal", mark=event.start_mark)
    if isinstance(value, (_dt.date, _dt.datetime)):
        # Keep what the editor wrote; the schema then reports text where a year or text is expected.
        return YamlDate(event.value)
    return value


_MAYBE_COMMENT = re.compile(r"[^\s#][ \t]+#")  # something, then ' #' on the same line


def _slips(text: str, rel: str) -> list[Problem]:
    """Where YAML read something other than what the editor evidently meant, though the file parses."""
    lines = text.splitlines()
    found: list[Problem] = []
    loader = _Loader(text)
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if not isinstance(event, yaml.ScalarEvent) or event.style or event.tag is not None:
                continue
            start, end = event.start_mark, event.end_mark
            for n in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
                stripped = lines[n].lstrip(" ")
                if stripped.startswith("- "):
                    col = len(lines[n]) - len(stripped)
                    shown = stripped[2:42] + ("…" if len(stripped) > 42 else "")
                    found.append(Problem(rel, n + 1, col + 1,
                                         f"linjen '- {shown}' er blevet en del af punktet ovenfor, fordi bindestregen "
                                         "står længere inde end bindestregen i punktet ovenfor; ryk den ud, så de to "
                                         "bindestreger står lige under hinanden"))
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            comment = re.match(r"^([ \t]+)#(.*)$", rest)
            if comment and _looks_cut_off(event.value, comment.group(1), comment.group(2)):
                col = end.column + len(comment.group(1))
                cut = ("#" + comment.group(2))[:40]
                found.append(Problem(rel, end.line + 1, col + 1,
                                     f"teksten stopper ved ' #', fordi YAML læser resten ('{cut}') som en kommentar; "
                                     "sæt hele teksten i anførselstegn, fx \"… #2 …\""))
    except yaml.YAMLError:
        pass  # the file parsed once already; a second reading cannot fail differently
    finally:
        loader.dispose()
    return found


def _looks_cut_off(value: str, gap: str, after: str) -> bool:
    """Whether a comment right after a plain value is evidently part of the text: '#2', or one space after words."""
    if after[:1] not in ("", " ", "\t"):
        return True  # '#2', '#klima': a number or a hashtag, not a comment
    return gap == " " and " " in value.strip() and bool(after.strip())


_REASONS = (
    (r"mapping values are not allowed", "et kolon står et sted, hvor det ikke må; sæt teksten i anførselstegn"),
    (r"could not find expected ':'", "der mangler et kolon efter en nøgle"),
    (r"found character .* that cannot start any token",
     "et tegn, der ikke kan stå først i en værdi; sæt teksten i anførselstegn"),
    (r"did not find expected key", "forkert indrykning; en nøgle står ikke på linje med de andre"),
    (r"did not find expected '-' indicator", "forkert indrykning i en liste"),
    (r"expected <block end>, but found", "forkert indrykning; linjen står ikke på linje med dem ovenfor"),
    (r"found unexpected end of stream", "filen slutter midt i en værdi (mangler et afsluttende anførselstegn?)"),
    (r"found undefined alias", "et YAML-alias (*navn) henviser til et anker, der ikke findes"),
    (r"found unknown escape character", "ukendt escape-sekvens med omvendt skråstreg i en tekst i anførselstegn"),
    (r"found unexpected ':'", "et kolon står et sted, hvor det ikke må; sæt teksten i anførselstegn"),
    (r"control characters are not allowed|special characters are not allowed",
     "filen indeholder et usynligt kontroltegn; slet det (det kan stamme fra kopiering fra et andet program)"),
)


_TAB = ("et tabulatortegn står, hvor der skal være mellemrum; YAML tillader kun mellemrum til indrykning, så "
        "erstat tabulatortegnet med mellemrum")
_DASH_OUT = ("en linje, der begynder med '- ', står længere ude end punkterne i listen; ryk bindestregen ind, så den "
             "står lige under bindestregen i linjen ovenfor")


def _yaml_reason(e: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = " ".join(x for x in (e.problem, e.context) if x)
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip(" \t-"))] or ("cannot start any token" in problem and "\t" in here):
        return _TAB
    if here.lstrip(" ").startswith("- ") and ("expected key" in problem or "expected <block end>" in problem):
        return _DASH_OUT
    for english, danish in _REASONS:
        if re.search(english, problem):
            return danish
    return "syntaksfejl i YAML; tjek indrykning, koloner og anførselstegn på linjen"


class YamlDate(str):
    """A scalar YAML 1.1 reads as a date; kept as the text the editor wrote so messages can hint at quoting."""
