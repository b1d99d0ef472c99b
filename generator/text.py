"""Small text helpers for summaries: the first sentence of an editor's text, a capital first letter."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"^(.+?[.!?])\s+(?=[A-ZÆØÅ0-9\"»“])")


def first_sentence(text: str, limit: int = 240) -> str:
    """The first sentence (up to a full stop followed by a new sentence), cut at a word near ``limit``."""
    flat = " ".join(str(text).split())
    match = _SENTENCE_END.search(flat)
    sentence = match.group(1) if match else flat
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"
    return sentence


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]
