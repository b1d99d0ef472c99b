"""Content problems: one located, Danish message per problem, collected rather than raised."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in an editor's file, located at a 1-based line and column."""

    path: str  # relative to the project root, with forward slashes
    line: int
    col: int
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def as_github(self) -> str:
        # GitHub workflow command; '%', CR and LF must be escaped in the message.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.col},title=Ugyldigt indhold::{msg}"


class ContentError(Exception):
    """Raised by the pipeline when content is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(summary(self.problems))


def summary(problems: list[Problem]) -> str:
    n = len(problems)
    head = "Der er 1 problem i indholdet:" if n == 1 else f"Der er {n} problemer i indholdet:"
    return "\n".join([head, *(p.as_text() for p in problems)])
