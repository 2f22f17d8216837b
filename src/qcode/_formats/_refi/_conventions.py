"""How qcode's own concepts travel inside REFI-QDA (see docs/refi-mapping.md)."""

from __future__ import annotations

import re
import uuid
from uuid import UUID

from attrs import frozen

SOURCE_KIND = "Source kind"
CASE_KIND = "Case kind"
REAL_NAME = "Real name"
RESERVED_VARIABLES = (SOURCE_KIND, CASE_KIND, REAL_NAME)
DEFAULT_SOURCE_KIND = "document"
"""The kind of a source whose file does not say (qcode's default kind)."""
IMPORTED_CASE_KIND = "case"
"""The kind given to a REFI case that does not say whether it is a person."""

THEME_MARK = "qcode-theme:"
_THEME_LINE = re.compile(r"(?:\A|\n\n)qcode-theme:([^\n]*)\Z")
_GUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_PART = re.compile(
    rf"^(parent)=({_GUID})$|^(color)=(#[0-9A-Fa-f]{{3,6}})$|^(notes)=([0-9A-Fa-f,-]+)$"
)

VARIABLE_NAMESPACE = uuid.UUID("7d0e4a8c-3b1f-5c2e-9a6d-1f0b2c3d4e5f")
"""UUID5 namespace for the reserved variables, so their GUIDs are stable across exports."""


def reserved_variable_id(name: str) -> UUID:
    """The stable GUID of a reserved variable."""
    return uuid.uuid5(VARIABLE_NAMESPACE, name)


@frozen
class ThemeMark:
    """What the last line of a theme set's description says."""

    description: str | None
    parent: UUID | None = None
    color: str | None = None
    notes: tuple[UUID, ...] = ()


def render_theme(
    description: str | None, parent: UUID | None, color: str | None, notes: tuple[UUID, ...]
) -> str:
    """A theme set's Description: the theme's description, then the marker line."""
    parts = []
    if parent is not None:
        parts.append(f"parent={str(parent).upper()}")
    if color is not None:
        parts.append(f"color={color}")
    if notes:
        parts.append("notes=" + ",".join(str(n).upper() for n in notes))
    line = THEME_MARK + (" " + "; ".join(parts) if parts else "")
    return line if description is None else f"{description}\n\n{line}"


def parse_theme(description: str | None) -> ThemeMark | None:
    """The theme a set's Description encodes, or ``None`` for an ordinary set."""
    if description is None:
        return None
    found = _THEME_LINE.search(description)
    if found is None:
        return None
    text = description[: found.start()] if found.group(0).startswith("\n\n") else None
    parent: UUID | None = None
    color: str | None = None
    notes: tuple[UUID, ...] = ()
    for part in found.group(1).split(";"):
        match = _PART.match(part.strip())
        if match is None:
            if part.strip():
                return None
            continue
        if match.group(1):
            parent = uuid.UUID(match.group(2))
        elif match.group(3):
            color = match.group(4)
        else:
            try:
                notes = tuple(uuid.UUID(n) for n in match.group(6).split(","))
            except ValueError:
                return None
    return ThemeMark(text, parent, color, notes)
