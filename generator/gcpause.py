"""Pause Python's cycle collector while the generator builds its many small objects.

Loading, validating, rendering and exporting allocate hundreds of thousands of dicts, strings and
models, none of which form reference cycles. Each allocation burst triggers the cycle collector,
which then walks everything the process holds, including all of MkDocs and its extensions: measured
at about 40 % of the generator's time inside a build. Pausing it for the duration is safe (nothing
these functions create needs it) and it resumes, in the state it was, as soon as they return.
"""
from __future__ import annotations

import functools
import gc
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)


def cycle_collector_paused(function: F) -> F:
    @functools.wraps(function)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused  # type: ignore[return-value]
