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


LAYER_NAMESPACE = uuid.UUID("3a7c9e1f-5d2b-5e8a-b4c6-0f1e2d3c4b5a")


def layer_guid(owner: UUID | None) -> UUID:
    """The GUID qcode gives an embedded text (a picture's description, a PDF's text, the text
    under a PDF region) that has none of its own; reading recognises it and keeps no
    `TextMeta` for it."""
    return uuid.uuid5(LAYER_NAMESPACE, str(owner))


NO_CODES = "(no codes)"
"""The name of the one code a codebook without codes is written with (REFI-QDA needs one),
whose GUID is ``layer_guid(None)``; qcode reads such a codebook back as empty."""


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
    unread: tuple[str, ...] = ()
    """The line's items qcode cannot read (a colour that is none, an unknown item), left
    out and reported by the reader; the theme is read without them."""


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
    unread: list[str] = []
    for part in found.group(1).split(";"):
        match = _PART.match(part.strip())
        if match is None:
            if part.strip():
                unread.append(part.strip())
            continue
        if match.group(1):
            parent = uuid.UUID(match.group(2))
        elif match.group(3):
            color = match.group(4)
        else:
            try:
                notes = tuple(uuid.UUID(n) for n in match.group(6).split(","))
            except ValueError:
                unread.append(part.strip())
    return ThemeMark(text, parent, color, notes, tuple(unread))


_ORIGIN = re.compile(r"qcode (\S+) \(offsets: ([a-z0-9-]+)(?:; from: (.*))?\)\Z", re.S)


@frozen
class OriginMark:
    """What qcode writes in ``@origin``: itself, the offsets it used, the project's origin."""

    origin: str | None
    dialect: str
    version: str


def render_origin(origin: str | None, dialect: str, version: str) -> str:
    """``qcode 0.1.0 (offsets: utf16; from: NVivo 14)``: a file qcode wrote says so, and says
    how it counted offsets, so that no reader takes it for the original tool's file."""
    source = "" if origin is None else f"; from: {origin}"
    return f"qcode {version} (offsets: {dialect}{source})"


def parse_origin(value: str | None) -> OriginMark | None:
    """The mark `render_origin` wrote, or ``None`` if another program wrote the file."""
    found = _ORIGIN.match(value or "")
    if found is None:
        return None
    return OriginMark(origin=found.group(3), dialect=found.group(2), version=found.group(1))


def split_uri(value: str) -> tuple[str, str]:
    """``("internal" | "relative" | "absolute" | "", rest)`` for a REFI-QDA source path."""
    found = re.match(r"(internal|relative|absolute):/*(.*)\Z", value, re.S)
    if found is None:
        return "", value
    scheme, rest = found.groups()
    if scheme == "absolute" and not re.match(r"[A-Za-z]:/", rest):
        rest = "/" + rest
    return scheme, rest


EXTERNAL = ("relative", "absolute")
"""The path schemes that point outside the file."""
