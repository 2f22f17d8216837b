"""Pausing the cyclic garbage collector for work over a whole large project."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole project is read, written or checked.

    That work makes hundreds of thousands of small objects, none of them in reference
    cycles; the collector's repeated passes over them and over the project cost more than
    the work itself (measured in benchmarks/: reading, writing and validating 50,000
    excerpts). Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
