"""Codebooks in qcode's JSON format: a versioned document of their own, with its schema
(``schemas/qcode-codebook.schema.json``), read and written as projects are."""

from __future__ import annotations

from typing import Any

from qcode._formats._json import PROJECT, DocumentKind, document_of, indented, structure
from qcode._model import Codebook

CODEBOOK = DocumentKind(
    "qcode-codebook", 1, "qcode-codebook.schema.json", Codebook, "codebook", "format_version"
)
CODEBOOK_SCHEMA_ID = "https://qcode.readthedocs.io/schemas/qcode-codebook-1.schema.json"


def dumps(codebook: Codebook) -> str:
    """``codebook`` as qcode JSON text (two-space indent, fields in model order)."""
    return indented(document_of(codebook, CODEBOOK)) + "\n"


def codebook_or_project(document: Any, file: str) -> Codebook:
    """The codebook a parsed qcode document holds: a codebook document's, or a project
    document's codes and themes (checked against the schema either way)."""
    if isinstance(document, dict) and document.get("format") == PROJECT.name:
        return structure(document, file, PROJECT).codebook
    return structure(document, file, CODEBOOK)
