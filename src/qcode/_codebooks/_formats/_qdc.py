"""Codebooks as REFI-QDA codebooks (``.qdc``), through qcode's REFI reader and writer.

The codes and themes travel as they do in a project's codebook (definitions in each code's
Description, themes as marked sets). What REFI-QDA has no place for (the codebook's id,
version, authors, the codebook it extends, its change log) goes into one more set, named
after the codebook, whose Description is the codebook's description followed by a last
line ``qcode-codebook: {...}`` holding the rest as JSON. Other tools show it as an empty
code set; qcode reads it back into the codebook.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import attrs

from qcode._codebooks._formats._json import CODEBOOK
from qcode._formats._json import document_of, structure
from qcode._issues import Issue, warning
from qcode._model import Codebook, Project, Set
from qcode._model._document import CODEBOOK_NAMESPACE

MARK = "qcode-codebook: "
PARENTS = "parents"
"""The codebook line's key for the codes of an extension under codes of the codebook it
extends (code id to parent id): the file nests codes, and those parents are not in it."""
_OWN = ("format", CODEBOOK.version_key, "id", "name", "description", "codes", "themes")


def as_project(codebook: Codebook) -> Project:
    """The project the REFI writer writes as ``codebook``'s ``.qdc``."""
    fields = document_of(attrs.evolve(codebook, codes=(), themes=()), CODEBOOK)
    meta = {key: value for key, value in fields.items() if key not in _OWN}
    project = codebook.as_project()
    if codebook.extends is not None:  # codes under the base's codes: no parent in the file
        held = {code.id for code in codebook.codes}
        outside = {c.id: c.parent for c in codebook.codes if c.parent and c.parent not in held}
        if outside:
            meta[PARENTS] = {str(code): str(parent) for code, parent in outside.items()}
            codes = tuple(
                attrs.evolve(c, parent=None) if c.id in outside else c for c in codebook.codes
            )
            project = attrs.evolve(project, codes=codes)
    line = MARK + json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    text = line if codebook.description is None else f"{codebook.description}\n\n{line}"
    marker = Set(id=codebook.id, name=codebook.name, description=text)
    return attrs.evolve(project, sets=(marker,))


def from_project(project: Project, file: str, report: list[Issue]) -> Codebook:
    """The codebook a ``.qdc`` read as a project holds; sets other than the marker set are
    reported, as a codebook holds none."""
    marker = next((s for s in project.sets if _meta(s) is not None), None)
    broken = next((s for s in project.sets if marker is None and _marked(s)), None)
    for i, found in enumerate(project.sets):
        if found is marker:
            continue
        message = f"code set {found.name!r} was not read: a codebook holds no sets"
        if found is broken:
            message = (
                f"code set {found.name!r} holds qcode's codebook line, which is not a JSON "
                "object: the codebook's version, authors, the codebook it extends, what it "
                "removes and its change log were not read"
            )
        elif marker is not None and _marked(found):
            message = (
                f"code set {found.name!r} holds a qcode-codebook line too, but the codebook's "
                f"is set {marker.name!r}'s: not read (a codebook holds no sets)"
            )
        report.append(warning("not-carried", f"$.sets[{i}]", message, file))
    fields: dict[str, Any] = {"id": str(uuid.uuid5(CODEBOOK_NAMESPACE, project.name))}
    fields["name"] = project.name
    if broken is not None:  # its id and name are still the codebook's
        fields = {"id": str(broken.id), "name": broken.name}
    parents: dict[uuid.UUID, uuid.UUID] = {}
    if marker is not None:
        description, meta = _meta(marker)  # type: ignore[misc]  # found above
        parents = _parents(meta.pop(PARENTS, {}), project, file, report)
        if parents and meta.get("extends") is None:  # no base for those parents to be in
            report.append(_unread_parents("are given, but it names no codebook it extends", file))
            parents = {}
        fields = {**meta, "id": str(marker.id), "name": marker.name}
        if description is not None:
            fields["description"] = description
    document = {"format": CODEBOOK.name, CODEBOOK.version_key: CODEBOOK.version, **fields}
    made = structure(document, file, CODEBOOK)
    codes = tuple(
        attrs.evolve(c, parent=parents[c.id]) if c.id in parents and c.parent is None else c
        for c in project.codes
    )
    return attrs.evolve(made, codes=codes, themes=project.themes)


def _parents(
    given: object, project: Project, file: str, report: list[Issue]
) -> dict[uuid.UUID, uuid.UUID]:
    """The parents the codebook line gives codes of an extension (see `PARENTS`), those
    that are not a map of code ids to ids reported and left out."""
    held = {code.id for code in project.codes}
    found: dict[uuid.UUID, uuid.UUID] = {}
    unread = [] if isinstance(given, dict) else [repr(given)]
    for code, parent in given.items() if isinstance(given, dict) else ():
        try:
            key, value = uuid.UUID(code), uuid.UUID(parent)
        except (TypeError, ValueError, AttributeError):
            unread.append(f"{code!r}: {parent!r}")
            continue
        if key in held:
            found[key] = value
        else:
            unread.append(f"{code} (no code has this id)")
    if unread:
        report.append(_unread_parents(f"could not all be read ({'; '.join(unread)})", file))
    return found


def _unread_parents(why: str, file: str) -> Issue:
    said = f"the codebook line's parents of codes under the codebook it extends {why}"
    return warning("not-carried", "$", f"{said}: those codes are at the top", file)


def _marked(found: Set) -> bool:
    """Whether a set's Description ends in qcode's codebook line (readable or not)."""
    return (found.description or "").rpartition("\n\n")[2].startswith(MARK)


def _meta(found: Set) -> tuple[str | None, dict[str, Any]] | None:
    """The description and metadata a marker set holds, or ``None`` for another set."""
    text = found.description or ""
    head, _, line = text.rpartition("\n\n")
    if not line.startswith(MARK):
        return None
    try:
        meta = json.loads(line[len(MARK) :])
    except ValueError:
        return None
    if not isinstance(meta, dict):
        return None
    return (head if "\n\n" in text else None), meta
