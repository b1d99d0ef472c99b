"""Editors' text in Markdown: escaped so that it renders as the text it is, never as Markdown or HTML.

Inline, the characters Markdown (with the site's extensions: tables, attribute lists, definition lists,
admonitions) gives a meaning are escaped: ``&``, ``<`` and ``>`` and ``|`` as HTML entities (so a ``<`` shows as
``<``, and a ``|`` never splits a table cell), the rest with a backslash. At the start of a line, the characters that
start a block (``#`` headings, ``-``/``+``/``*`` and ``1.`` lists, ``>`` quotes, ``!!!`` admonitions, ``:`` definitions) are escaped
too.
"""
from __future__ import annotations

import json
import re
from typing import Any

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_INLINE_SPECIAL = re.compile(r"[&<>|\\`*_\[\]{}()!]")
_LINE_START = re.compile(r"^(\s*)(?:([#+\-:!])|(\d+)([.)]))", re.MULTILINE)


def _inline(m: re.Match) -> str:
    c = m.group()
    return _ENTITIES.get(c) or "\\" + c


def _escape_line_start(m: re.Match) -> str:
    if m.group(2) == ":":
        return m.group(1) + "&#58;"  # a definition; ':' has no backslash escape in Markdown
    return m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))


def escape_md(text: Any) -> str:
    """Make editors' text render literally in Markdown (no emphasis, links, lists, headings, boxes or HTML).

    Runs for every text on every page, so it only substitutes when a search finds something to escape."""
    text = str(text)
    if _INLINE_SPECIAL.search(text):
        text = _INLINE_SPECIAL.sub(_inline, text)
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


def script_json(data: Any) -> str:
    """JSON to put inside <script type="application/json">: no character in it can end or change the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
