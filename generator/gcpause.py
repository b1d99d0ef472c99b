"""Pause Python's cycle collector while the generator builds its many small objects.

Loading, validating, rendering and exporting allocate hundreds of thousands of dicts, strings and
models, none of which form reference cycles. Each allocation burst triggers the cycle collector,
which then walks everything the process holds, including all of MkDocs and its extensions. The
adapters that own the process (the MkDocs plugin and the command line) pause it around the
generator's work; it resumes, in the state it was, as soon as the work returns.
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
