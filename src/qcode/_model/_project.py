"""The project: the root that holds everything else."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from os import PathLike
from typing import TYPE_CHECKING, Any
from uuid import UUID

from attrs import frozen

from qcode._issues import clip
from qcode._model._cases import Case, Variable
from qcode._model._checks import typed
from qcode._model._codebook import Code, Theme
from qcode._model._common import Audit, Displayed, User, VendorData
from qcode._model._lookup import Index, named
from qcode._model._relations import Graph, Link, Note, Set
from qcode._model._sources import Excerpt, Source

if TYPE_CHECKING:
    from qcode._model._document import Codebook


@frozen(kw_only=True, field_transformer=typed, repr=False)
class Project(Displayed):
    """A qualitative project: its people, sources, codebook, themes, memos and relations.

    ``codes`` and ``themes`` are flat; their ``parent`` fields build the hierarchies.
    ``note_refs`` are the memos about the project as a whole.

    Fields:

    - ``name``: the project's name.
    - ``description``: a description.
    - ``origin``: the program that wrote it.
    - ``base_path``: where ``relative:///`` media paths start.
    - ``audit``: its `Audit`.
    - ``users``: the coders.
    - ``variables``: the variables of cases and sources.
    - ``cases``: participants and other cases.
    - ``codes``: the codebook, flat (``parent`` builds the tree).
    - ``themes``: themes, flat.
    - ``sources``: the sources with their excerpts.
    - ``notes``: memos.
    - ``links``: links.
    - ``sets``: sets.
    - ``graphs``: graphs.
    - ``note_refs``: ids of memos about the whole project.
    - ``vendor_data``: what the original file held beyond REFI-QDA.
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

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("sources", "codes", "themes", "cases", "users", "notes")
        )
        excerpts = sum(len(source.excerpts) for source in self.sources)
        return f"<Project {clip(self.name)}: {counts}, {excerpts} excerpts>"

    @property
    def codebook(self) -> Codebook:
        """The project's codes and themes as a codebook of their own (`qcode.Codebook`)."""
        from qcode._model._document import Codebook

        return Codebook.of(self)

    @cached_property
    def _index(self) -> Index:
        return Index(self)

    def get(self, id: UUID | str | None) -> Any | None:
        """The object with this id or id text (a code, a source, an excerpt, a coding, ...),
        or ``None`` (also for ``None`` and for text that is no id). Where two kinds share an
        id (ATLAS.ti does), the first kind in the project's field order wins."""
        if isinstance(id, str):
            try:
                id = UUID(id)
            except ValueError:
                return None
        if id is not None and not isinstance(id, UUID):  # an object: None would say "absent"
            hint = "; give its .id" if isinstance(getattr(id, "id", None), UUID) else ""
            raise TypeError(f"get takes an id (a UUID or its text), not {type(id).__name__}{hint}")
        return self._index.by_id.get(id) if isinstance(id, UUID) else None

    def code(self, key: Code | UUID | str) -> Code:
        """The project's code given as itself (any version of it), its id, its path
        (``"Findings/The toll"``) or its name. A name several
        codes share is refused (`AmbiguousNameError`, listing their paths); nothing found
        raises `NotFoundError`."""
        return self._index.code(key)

    def source(self, name: Source | UUID | str) -> Source:
        """The project's source given as itself (any version of it), its id or its name."""
        return named(self.sources, name, Source)

    def case(self, label: Case | UUID | str) -> Case:
        """The project's case (a participant, ...) given as itself (any version of it), its
        id or its label."""
        return named(self.cases, label, Case)

    def theme(self, name: Theme | UUID | str) -> Theme:
        """The project's theme given as itself (any version of it), its id, its path or its
        name."""
        return self._index.theme(name)

    def user(self, name: User | UUID | str) -> User:
        """The project's user (a coder) given as itself (any version of it), its id, its
        name or its login."""
        return named(self.users, name, User)

    def note(self, name: Note | UUID | str) -> Note:
        """The project's note (a memo) given as itself (any version of it), its id or its
        name."""
        return named(self.notes, name, Note)

    def children(self, code: Code | UUID | str) -> tuple[Code, ...]:
        """The codes directly under ``code``, in project order."""
        return tuple(self._index.code_children.get(self._index.code(code).id, ()))

    def path(self, code: Code | Theme | UUID | str) -> str:
        """``code``'s (or a theme's) names from the top of the tree down, joined by ``/``."""
        if isinstance(code, Theme):
            return self._index.theme_paths[self._index.theme(code).id]
        return self._index.paths[self._index.code(code).id]

    def excerpts_of(
        self, code: Code | UUID | str, *, include_children: bool = False
    ) -> tuple[tuple[Source, Excerpt], ...]:
        """Every excerpt coded with ``code`` (or, with ``include_children``, with a code
        below it), each with its source, in the order the project holds them (source by
        source, each source's excerpts as it lists them)."""
        found = self._index.code(code)
        codes = self._index.descendants(found) if include_children else [found]
        return self._index.excerpts_of(codes)

    def codes_of(
        self, theme: Theme | UUID | str, *, include_children: bool = False
    ) -> tuple[Code, ...]:
        """The codes ``theme`` groups (with ``include_children``, also those of the themes
        below it), each once, in the order the themes list them."""
        found = self._index.theme(theme)
        themes = self._index.theme_descendants(found) if include_children else [found]
        ids = dict.fromkeys(code for t in themes for code in t.codes)
        by_id = self._index.codes_by_id
        return tuple(by_id[code] for code in ids if code in by_id)

    def iter_excerpts(self) -> Iterator[tuple[Source, Excerpt]]:
        """Every excerpt with the source it is anchored in, in the order the project holds
        them: source by source, each source's excerpts as it lists them (the order they were
        added or read, not their place in the text; the tables sort by place)."""
        for source in self.sources:
            for excerpt in source.excerpts:
                yield source, excerpt


_LOADED = "a loaded project (qcode.load, or qcode.read(...).project)"


def given_project(value: object, use: str, takes: str = _LOADED) -> Project:
    """``value``, where ``use`` (a function's name) takes what ``takes`` says; anything else
    (a path, a read's result) is a TypeError that says what to give, before it meets a
    missing attribute deep inside."""
    if isinstance(value, Project):
        return value
    if isinstance(getattr(value, "project", None), Project):
        given = f"a {type(value).__name__}: give its .project"
    elif isinstance(value, (str, PathLike)):
        given = f"the path {clip(str(value))}: load it first"
    else:
        text = repr(value)
        given = f"{type(value).__name__} {text if len(text) <= 80 else text[:79] + '…'}"
    raise TypeError(f"{use} takes {takes}, not {given}")
