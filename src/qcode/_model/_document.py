"""A codebook as a document of its own: codes and themes with the metadata that travels with
them (version, authors, the codebook it extends, a change log)."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cached_property
from uuid import UUID

from attrs import frozen

from qcode._model._checks import typed
from qcode._model._codebook import Code, Theme
from qcode._model._common import Displayed
from qcode._model._project import Project

CODEBOOK_NAMESPACE = uuid.UUID("6f1d3c52-8e0b-5a8e-9c4f-2b7d1e6a9c30")
"""Ids of codebooks made from a project, or read from a file that gives none: a UUID5 of this
namespace and the codebook's name, so the same name gives the same id."""


DEFINITION_FIELDS = (
    "brief_definition",
    "full_definition",
    "when_to_use",
    "when_not_to_use",
    "examples",
    "origin",
    "status",
)
"""The fields of a code's definition, which REFI-QDA carries in its Description."""
ENTRY_FIELDS = ("name", "parent", "codable", "color", *DEFINITION_FIELDS)
"""The fields of a code that make its codebook entry: all but its id and its memos (which
belong to a project)."""
METADATA = ("id", "name", "version", "authors", "description", "extends", "removes", "changes")
"""The fields of a `Codebook` that describe it (all but its codes and themes)."""


@frozen(kw_only=True, field_transformer=typed)
class CodebookRef:
    """The codebook another one extends: its id and, if pinned, its version.

    Fields:

    - ``id``: the extended codebook's id.
    - ``version``: the version extended, if pinned.
    """

    id: UUID
    version: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class CodebookChange:
    """One entry of a codebook's change log.

    Fields:

    - ``text``: what changed.
    - ``date``: when.
    - ``author``: who changed it.
    """

    text: str
    date: dt.date | None = None
    author: str | None = None


@frozen(kw_only=True, field_transformer=typed, repr=False)
class Codebook(Displayed):
    """A codebook: its codes (a tree through ``parent``) and themes, and what describes it.

    A codebook that ``extends`` another holds its additions and overrides (codes with the
    base's ids replace them) and, in ``removes``, the ids of base codes it drops;
    `qcode.resolve` gives the effective codebook.

    Fields:

    - ``id``: the codebook's id.
    - ``name``: its name.
    - ``version``: its version, as its authors number it.
    - ``authors``: who wrote it.
    - ``description``: what it is for.
    - ``extends``: the codebook it extends (`CodebookRef`), if any.
    - ``removes``: ids of the extended codebook's codes that this one drops.
    - ``changes``: the change log (`CodebookChange` s), oldest first.
    - ``codes``: the codes, flat (``parent`` builds the tree).
    - ``themes``: the themes.
    """

    id: UUID
    name: str
    version: str | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    extends: CodebookRef | None = None
    removes: tuple[UUID, ...] = ()
    changes: tuple[CodebookChange, ...] = ()
    codes: tuple[Code, ...] = ()
    themes: tuple[Theme, ...] = ()

    def __repr__(self) -> str:
        version = f" {self.version}" if self.version else ""
        return (
            f"<Codebook {self.name!r}{version}: {len(self.codes)} codes, {len(self.themes)} themes>"
        )

    @cached_property
    def _project(self) -> Project:
        return self.as_project()

    def as_project(self) -> Project:
        """A project holding only this codebook's codes and themes (for the Markdown
        document, REFI-QDA's codebook format and the look-ups)."""
        return Project(
            name=self.name, description=self.description, codes=self.codes, themes=self.themes
        )

    def code(self, key: UUID | str) -> Code:
        """The code with this id, path (``"Findings/The toll"``) or unique name."""
        return self._project.code(key)

    def path(self, code: Code | UUID | str) -> str:
        """``code``'s names from the top of the tree down, joined by ``/``."""
        return self._project.path(code)

    @classmethod
    def of(cls, project: Project) -> Codebook:
        """The codebook of ``project``: its codes and themes, named after it."""
        return cls(
            id=uuid.uuid5(CODEBOOK_NAMESPACE, project.name),
            name=project.name,
            description=project.description,
            codes=project.codes,
            themes=project.themes,
        )
