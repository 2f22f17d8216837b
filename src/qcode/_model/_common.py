"""Small value types shared by the rest of the model."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from uuid import UUID

from attrs import frozen

from qcode._model._checks import typed

COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")
"""A colour as codes, themes and REFI-QDA give one: ``#RRGGBB`` or ``#RGB``."""


def blank(name: str) -> bool:
    """Whether ``name`` shows nothing: it is empty or holds only spaces, line breaks,
    control characters, invisible format characters (a zero-width space, a byte order mark)
    and the letters and marks that draw nothing (Hangul fillers, the blank braille pattern,
    variation selectors, the combining grapheme joiner), so that a list shows it as no name
    at all."""
    return all(c.isspace() or c in _BLANKS or unicodedata.category(c) in ("Cf", "Cc") for c in name)


_BLANKS = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800"
    + "\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"  # a grapheme joiner, Khmer, Mongolian
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
"""Characters outside the format and control categories that draw nothing by themselves."""


def full_color(value: str | None) -> str | None:
    """``value`` as ``#RRGGBB`` (a ``#RGB`` colour spelled out), or ``None`` if it is no
    colour."""
    if value is None or not COLOR.match(value):
        return None
    return "#" + "".join(d * 2 for d in value[1:]) if len(value) == 4 else value


class Displayed:
    """What a notebook shows compactly: projects, codebooks, sources, codes, excerpts and
    tables."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The compact HTML display Jupyter shows (never the whole of a large project)."""
        from qcode._display import notebook_html

        return notebook_html(self)


@frozen(kw_only=True, field_transformer=typed)
class Audit:
    """Who created and last modified an object, and when (REFI's audit attributes).

    Fields:

    - ``created_by``: the user who created the object.
    - ``created_at``: when it was created.
    - ``modified_by``: the user who last changed it.
    - ``modified_at``: when it was last changed.
    """

    created_by: UUID | None = None
    created_at: dt.datetime | None = None
    modified_by: UUID | None = None
    modified_at: dt.datetime | None = None


@frozen(kw_only=True, field_transformer=typed)
class User:
    """A person who codes or edits the project (a coder).

    Fields:

    - ``id``: the user's id.
    - ``name``: the name shown.
    - ``login``: a short login or initials (REFI `User/@id`).
    """

    id: UUID
    name: str | None = None
    login: str | None = None
    """A short login or initials (REFI `User/@id`)."""


@frozen(kw_only=True, field_transformer=typed)
class VendorData:
    """Something a QDA tool wrote that REFI-QDA does not define, kept so nothing is lost.

    ``xml`` is the unknown element as XML, or ``name="value"`` for an unknown attribute;
    ``path`` is where it was found, ``owner`` the id of the object it belonged to (``None``
    for the project itself).

    Fields:

    - ``owner``: the id of the object it belonged to (``None``: the project).
    - ``path``: where it was found.
    - ``xml``: the element as XML, or ``name="value"``.
    """

    owner: UUID | None = None
    path: str
    xml: str
