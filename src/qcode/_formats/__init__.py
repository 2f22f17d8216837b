"""Reading and writing projects, with the format chosen by the file's extension.

Each format is one module with ``read(path) -> ReadResult`` and
``write(project, path) -> report``; adding a format means adding a module and a line here.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from qcode._formats import _json
from qcode._formats._base import ReadResult
from qcode._issues import Issue, ReadError
from qcode._model import Project

_FORMATS: dict[str, ModuleType] = {".json": _json}


def _format_for(path: Path) -> ModuleType:
    module = _FORMATS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(_FORMATS))
        raise ReadError(
            str(path), f"unknown file type {path.suffix or '(none)'!r}; qcode reads {known}"
        )
    return module


def read(path: str | Path) -> ReadResult:
    """Read a project in any format qcode knows, chosen by extension."""
    path = Path(path)
    result: ReadResult = _format_for(path).read(path)
    return result


def write(project: Project, path: str | Path) -> tuple[Issue, ...]:
    """Write ``project`` in the format its extension names; returns what could not be carried."""
    path = Path(path)
    report: tuple[Issue, ...] = _format_for(path).write(project, path)
    return report


def extensions() -> tuple[str, ...]:
    """The file extensions qcode reads and writes."""
    return tuple(sorted(_FORMATS))


__all__ = ["ReadResult", "extensions", "read", "write"]
