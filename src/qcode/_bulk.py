"""Pausing the cyclic garbage collector (and, while reading, the model's validators) for
work over a whole large project."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

import attrs


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole project is read, written, checked or
    tabulated.

    That work makes hundreds of thousands of small objects, none of them in reference
    cycles; the collector's repeated passes over them and over the project cost more than
    the work itself (measured in benchmarks/: reading, writing and validating 50,000
    excerpts). Reference counting still frees everything.

    What the work made and keeps (a project, a table's rows) goes straight to the
    collector's oldest generation, where it would arrive after two more passes: otherwise
    the first object made after the pause sets off a pass over every one of them (a fifth
    of the time of a table with a row per segment). So that only the work's objects go
    there, the young generations are collected first (the caller's garbage is freed then,
    not left for a full collection). Objects a caller froze (`gc.freeze`) stay frozen.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.collect(1)  # the young generations: cheap, and empty once done
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()  # every tracked object to the permanent generation,
                gc.unfreeze()  # then all of them to the oldest
            gc.enable()


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """`bulk`, with the model's per-field validators paused too.

    Readers build model objects only from values they have checked themselves (the REFI
    reader parses every number and GUID, the JSON converter is as strict as the schema), and
    checking every field again would slow loading 50,000 excerpts by a third. Converters
    still run. The switch is attrs' own and process-wide: objects another thread makes while
    a file is read are not checked either.
    """
    paused = attrs.validators.get_disabled()
    attrs.validators.set_disabled(True)
    try:
        with bulk():
            yield
    finally:
        attrs.validators.set_disabled(paused)
