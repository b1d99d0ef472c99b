"""Content problems: one located, Danish message per problem, collected rather than raised."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text safe to print in a terminal or a CI log: control characters (newlines, ANSI escapes …) written as
    escapes, so no value from a file can start a line of its own or a workflow command."""
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}"
                                                                              if ord(m.group()) < 256 else
                                                                              f"\\u{ord(m.group()):04x}"), text)


def _property(value: str) -> str:
    """A value inside a GitHub workflow command's properties (file=…,line=…)."""
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in an editor's file, located at a 1-based line and column."""

    path: str  # relative to the project root, with forward slashes
    line: int
    col: int
    message: str

    def as_text(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.message}")

    def as_github(self) -> str:
        # GitHub workflow command: '%', CR and LF escaped in the message, also ':' and ',' in the properties.
        msg = printable(self.message).replace("%", "%25")
        return (f"::error file={_property(printable(self.path))},line={self.line},col={self.col},"
                f"title=Ugyldigt indhold::{msg}")

    def as_markdown_row(self) -> str:
        cell = lambda s: printable(s).replace("|", "\\|").replace("`", "'")  # noqa: E731
        return f"| `{cell(self.path)}` | {self.line}:{self.col} | {cell(self.message)} |"


class ContentError(Exception):
    """Raised by the pipeline when content is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(summary(self.problems))


def summary(problems: list[Problem]) -> str:
    n = len(problems)
    head = "Der er 1 problem i indholdet:" if n == 1 else f"Der er {n} problemer i indholdet:"
    return "\n".join([head, *(p.as_text() for p in problems)])


def job_summary(problems: list[Problem]) -> str:
    """Every problem as a Markdown table, for GitHub's job summary (annotations stop at ten per step)."""
    n = len(problems)
    lines = [f"## Indholdet har {'1 problem' if n == 1 else f'{n} problemer'}", "",
             "Ret hvert problem i filen og på linjen, der står. Kør `make validate` for at se listen igen.", "",
             "| Fil | Linje:kolonne | Problem |", "|---|---|---|", *(p.as_markdown_row() for p in problems)]
    return "\n".join(lines) + "\n"
