"""The project: the root that holds everything else."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from attrs import frozen

from qcode._model._cases import Case, Variable
from qcode._model._checks import typed
from qcode._model._codebook import Code, Theme
from qcode._model._common import Audit, User, VendorData
from qcode._model._relations import Graph, Link, Note, Set
from qcode._model._sources import Excerpt, Source


@frozen(kw_only=True, field_transformer=typed)
class Project:
    """A qualitative project: its people, sources, codebook, themes, memos and relations.

    ``codes`` and ``themes`` are flat; their ``parent`` fields build the hierarchies.
    ``note_refs`` are the memos about the project as a whole.
    """

    name: str
    description: str | None = None
    origin: str | None = None
    """The program that wrote the project (REFI `@origin`), kept for tool-specific reading."""
    base_path: str | None = None
    """Where ``relative:///`` paths of external media are resolved."""
    audit: Audit | None = None
    users: tuple[User, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[Case, ...] = ()
    codes: tuple[Code, ...] = ()
    themes: tuple[Theme, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[Note, ...] = ()
    links: tuple[Link, ...] = ()
    sets: tuple[Set, ...] = ()
    graphs: tuple[Graph, ...] = ()
    note_refs: tuple[UUID, ...] = ()
    vendor_data: tuple[VendorData, ...] = ()
    """What the file this project came from held beyond REFI-QDA (see `VendorData`)."""

    @property
    def participants(self) -> tuple[Case, ...]:
        """The cases that are people who took part."""
        return tuple(case for case in self.cases if case.is_participant)

    def iter_excerpts(self) -> Iterator[tuple[Source, Excerpt]]:
        """Every excerpt with the source it is anchored in, in document order."""
        for source in self.sources:
            for excerpt in source.excerpts:
                yield source, excerpt
