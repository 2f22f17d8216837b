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
from qcode._issues import Issue, Severity
from qcode._model import Codebook, Project, Set
from qcode._model._document import CODEBOOK_NAMESPACE

MARK = "qcode-codebook: "
_OWN = ("format", CODEBOOK.version_key, "id", "name", "description", "codes", "themes")


def as_project(codebook: Codebook) -> Project:
    """The project the REFI writer writes as ``codebook``'s ``.qdc``."""
    fields = document_of(attrs.evolve(codebook, codes=(), themes=()), CODEBOOK)
    meta = {key: value for key, value in fields.items() if key not in _OWN}
    line = MARK + json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    text = line if codebook.description is None else f"{codebook.description}\n\n{line}"
    marker = Set(id=codebook.id, name=codebook.name, description=text)
    return attrs.evolve(codebook.as_project(), sets=(marker,))


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
        report.append(
            Issue(
                severity=Severity.WARNING,
                code="not-carried",
                path=f"$.sets[{i}]",
                message=message,
                file=file,
            )
        )
    fields: dict[str, Any] = {"id": str(uuid.uuid5(CODEBOOK_NAMESPACE, project.name))}
    fields["name"] = project.name
    if broken is not None:  # its id and name are still the codebook's
        fields = {"id": str(broken.id), "name": broken.name}
    if marker is not None:
        description, meta = _meta(marker)  # type: ignore[misc]  # found above
        fields = {**meta, "id": str(marker.id), "name": marker.name}
        if description is not None:
            fields["description"] = description
    document = {"format": CODEBOOK.name, CODEBOOK.version_key: CODEBOOK.version, **fields}
    made = structure(document, file, CODEBOOK)
    return attrs.evolve(made, codes=project.codes, themes=project.themes)


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
