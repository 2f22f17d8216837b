"""Reading and writing projects, with the format chosen by the file's extension.

Each format is an object with ``read(path, options)`` and ``write(project, path, options)``
(the `Format` protocol); adding a format means adding a module and a line here.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TypeVar

from qcode._bulk import bulk, reading
from qcode._formats._base import (
    Attachment,
    Format,
    ReadOptions,
    ReadResult,
    WriteOptions,
)
from qcode._formats._json import Json, surrogate_refused
from qcode._formats._limits import Limits
from qcode._formats._refi import Qdc, Qde, Qdpx
from qcode._issues import InvalidProjectError, Issue, ReadError, WriteError, as_errors
from qcode._model import Codebook, Project
from qcode._model._project import given_project
from qcode._validation import validate

_FORMATS: dict[str, Format] = {
    ".json": Json(),
    ".qdpx": Qdpx(),
    ".zip": Qdpx(),
    ".qde": Qde(),
    ".qdc": Qdc(),
}


def format_for(path: Path, error: type[ReadError] | type[WriteError]) -> Format:
    """The format ``path``'s extension names, else ``error`` naming those qcode has (and,
    for a codebook's or a table's extension, where such files are read or written)."""
    found = _FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(extensions())
        reading = error is ReadError
        if not reading and path.is_dir():  # as writing there would say
            raise error(str(path), "is a directory; name a file to write")
        hint = ""
        if path.suffix.lower() in (".csv", ".xlsx", ".md"):
            hint = (
                " (a codebook: read_codebook and `qcode codebook` read .csv and .xlsx)"
                if reading
                else " (a codebook or a table: write_codebook and `qcode codebook export`, "
                "Table.write and `qcode table`)"
            )
        raise error(
            str(path),
            f"unknown file type {path.suffix or '(none)'!r}; "
            f"qcode {'reads' if reading else 'writes'} {known}{hint}",
        )
    return found


def read(
    path: str | Path, options: ReadOptions | None = None, *, strict: bool = False
) -> ReadResult:
    """Read a project in any format qcode knows, chosen by extension (a ``.zip`` is read as
    a ``.qdpx``). With ``strict``, anything the reader had to normalise, guess or keep as
    vendor data is an error: `InvalidProjectError` lists it all. What `qcode.validate` finds
    in the project read is not among it: ``load(path, strict=True)`` refuses that too."""
    path = Path(path)
    options = _options(options, ReadOptions, "qcode.read")
    check_is_file(path)  # a folder is no file, whatever it is called
    form = format_for(path, ReadError)
    root = options.external_root
    if root is not None and not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise ReadError(str(root), f"the folder allowed for external files {what}")
    with reading():
        result = form.read(path, options)
    problems = as_errors(result.report) if strict else []
    if problems:
        raise InvalidProjectError(str(path), problems)
    return result


_O = TypeVar("_O", ReadOptions, WriteOptions)


def _options(given: object, kind: type[_O], use: str) -> _O:
    """The options ``use`` was given (``None``: the defaults); a mapping or anything else
    is a TypeError naming the class to make them with."""
    if given is None:
        return kind()
    if not isinstance(given, kind):
        raise TypeError(
            f"{use} takes its options as qcode.{kind.__name__}(...), not {type(given).__name__}"
        )
    return given


def check_is_file(path: Path) -> None:
    """Refuse what is not a regular file before opening it: a FIFO or a device would block
    or never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise ReadError(str(path), "no such file") from exc
    except (OSError, ValueError) as exc:
        raise ReadError(
            str(path), f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
        ) from exc
    if stat.S_ISDIR(mode):
        raise ReadError(str(path), "is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise ReadError(
            str(path), "is not a regular file (a pipe, a device or a socket); qcode reads files"
        )


def write(
    project: Project, path: str | Path, options: WriteOptions | None = None
) -> tuple[Issue, ...]:
    """Write ``project`` in the format its extension names. Returns every validation error
    of the project (`qcode.validate`), then what the format could not carry; with
    ``options.strict`` any error refuses the write (`InvalidProjectError`) and nothing is
    written."""
    if isinstance(project, Codebook):
        raise TypeError(
            "qcode.write writes a project; a Codebook is written by qcode.write_codebook"
        )
    project = given_project(project, "qcode.write")
    path = Path(path)
    options = _options(options, WriteOptions, "qcode.write")
    form = format_for(path, WriteError)
    errors = tuple(issue for issue in validate(project) if issue.is_error)
    if errors and options.strict:
        raise InvalidProjectError(str(path), errors)
    try:
        with bulk():
            return (*errors, *form.write(project, path, options))
    except UnicodeEncodeError as exc:  # a project made in code can hold half a pair
        raise surrogate_refused(project, str(path), ord(exc.object[exc.start])) from exc


def extensions() -> tuple[str, ...]:
    """The file extensions qcode reads and writes."""
    return tuple(sorted(_FORMATS))


__all__ = [
    "Attachment",
    "Limits",
    "ReadOptions",
    "ReadResult",
    "WriteOptions",
    "extensions",
    "read",
    "write",
]
