"""Editors' text in Markdown: escaped so that it renders as the text it is, never as Markdown or HTML."""
from __future__ import annotations

import re
from typing import Any

_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]{}<>]")
_LINE_START = re.compile(r"^(\s*)(?:([#+\->])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(m: re.Match) -> str:
    return m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))


def escape_md(text: Any) -> str:
    """Make editors' text render literally in Markdown (no emphasis, links, lists or headings).

    Runs for every text on every page, so it only substitutes when a search finds something to escape."""
    text = str(text)
    if _INLINE_SPECIAL.search(text):
        text = _INLINE_SPECIAL.sub(r"\\\g<0>", text)
    if "\n" in text or _LINE_START.match(text):
        text = _LINE_START.sub(_escape_line_start, text)
    return text


def paragraphs(text: Any) -> str:
    """Escaped text with its blank-line-separated paragraphs kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    return "\n\n".join(escape_md(" ".join(p.split())) for p in parts)


def one_line(text: Any) -> str:
    """Escaped text on a single line (for list items and definition lists)."""
    return escape_md(" ".join(str(text).split()))


def number(value: float) -> str:
    """A number the Danish way: 1,5 and 63 (not 63.0)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
