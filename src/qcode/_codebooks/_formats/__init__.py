"""Reading and writing codebooks, the format chosen by the file's extension.

``.qdc`` (REFI-QDA), ``.json`` (qcode's codebook document), ``.csv`` and ``.xlsx`` (one row
per code) are read and written; ``.md`` is written only. A project file (``.qdpx``,
``.qde``, a qcode project ``.json``) is read as its codebook, so that any project can be
compared with or brought in line with a codebook.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import attrs

from qcode._atomic import atomic_output, refuse_folder
from qcode._codebooks._formats import _json, _qdc, _table
from qcode._codebooks._formats._json import CODEBOOK
from qcode._codebooks._formats._markdown import codebook_markdown, unheld
from qcode._formats import ReadOptions, WriteOptions, check_is_file, read
from qcode._formats._base import file_stem, refuse_if_strict
from qcode._formats._json import load_text, read_json_text, surrogate_refused
from qcode._formats._refi import Qdc
from qcode._issues import InvalidProjectError, Issue, ReadError, WriteError, as_errors
from qcode._model import Codebook, Project
from qcode._validation import validate

READS = (".csv", ".json", ".qdc", ".qde", ".qdpx", ".xlsx", ".zip")
WRITES = (".csv", ".json", ".md", ".qdc", ".xlsx")


def read_codebook(
    path: str | Path,
    *,
    report: list[Issue] | None = None,
    options: ReadOptions | None = None,
    strict: bool = False,
) -> Codebook:
    """Read a codebook from a ``.qdc``, ``.json``, ``.csv`` or ``.xlsx`` file, or a project's
    codebook from a project file (``.qdpx`` or ``.zip``, ``.qde``, a project ``.json``); ``options``
    say how a REFI-QDA file is read (say, ``check_schema``). With ``strict``, anything the
    reader had to normalise or leave out is an error, as `qcode.read` makes it.

    Raises `ReadError` for a file that cannot be read and `InvalidProjectError` for one
    that holds no valid codebook (a table's every bad cell at once). What reading had to
    leave out or normalise is appended to ``report``, if given.
    """
    path = Path(path)
    found: list[Issue] = []
    suffix = path.suffix.lower()
    file = str(path)
    check_is_file(path)
    if suffix not in READS:
        raise ReadError(
            file,
            f"unknown codebook file type {path.suffix or '(none)'!r}; "
            f"qcode reads {', '.join(READS)}",
        )
    limits = (options or ReadOptions()).limits
    if suffix == ".json":
        text, said = read_json_text(path, limits)
        found.extend(said)
        try:
            codebook = load_text(
                text, file, lambda document: _json.codebook_or_project(document, file)
            )
        except InvalidProjectError as exc:  # what reading said comes first, as it would
            raise InvalidProjectError(file, (*said, *exc.issues)) from None
    elif suffix in (".csv", ".xlsx"):
        reader = _table.read_csv if suffix == ".csv" else _table.read_xlsx
        rows, file, sheets = reader(path, limits)
        found.extend(sheets)
        codebook, issues = _table.codebook_of(rows, file, file_stem(path))
        found.extend(issues)
    else:
        result = read(path, options or ReadOptions())
        found.extend(result.report)
        if suffix == ".qdc":
            codebook = _qdc.from_project(result.project, file, found)
        else:
            codebook = result.project.codebook
    if strict and as_errors(found):
        raise InvalidProjectError(file, as_errors(found))
    if report is not None:
        report.extend(found)
    return codebook


def write_codebook(
    codebook: Codebook | Project, path: str | Path, *, strict: bool = False
) -> tuple[Issue, ...]:
    """Write ``codebook`` (a project's, given a project) atomically in the format its
    extension names (``.qdc``, ``.json``, ``.csv``, ``.xlsx``, ``.md``). Returns every error
    `qcode.validate` finds in it (such a codebook is written all the same, as `qcode.write`
    writes a project), then what the format could not carry. With ``strict``, either
    refuses the write (`InvalidProjectError`) and nothing is written."""
    if isinstance(codebook, Project):
        codebook = codebook.codebook
    elif not isinstance(codebook, Codebook):
        raise TypeError(
            f"write_codebook writes a Codebook or a Project, not {type(codebook).__name__}"
        )
    path = Path(path)
    suffix = path.suffix.lower()
    refuse_folder(path)
    if suffix not in WRITES:
        raise WriteError(
            str(path),
            f"cannot write a codebook as {path.suffix or 'a file without an extension'!r}; "
            f"qcode writes {', '.join(WRITES)}",
        )
    if codebook.id == _table.TABLE_NAMESPACE and suffix not in (".csv", ".xlsx"):
        # A table holds no id: a document of its own gets one, from its name, so that it is
        # not taken for a table (whose metadata diff and merge leave aside) when read back.
        codebook = attrs.evolve(codebook, id=uuid.uuid5(_table.TABLE_NAMESPACE, codebook.name))
    errors = tuple(issue for issue in validate(codebook) if issue.is_error)
    if errors and strict:
        raise InvalidProjectError(str(path), errors)
    try:
        return (*errors, *_written(codebook, path, suffix, strict))
    except UnicodeEncodeError as exc:  # a codebook made in code can hold half a pair
        half = ord(exc.object[exc.start])
        raise surrogate_refused(codebook, str(path), half, CODEBOOK) from exc


def _written(codebook: Codebook, path: Path, suffix: str, strict: bool) -> tuple[Issue, ...]:
    """Write ``codebook`` as ``suffix``; what the format could not carry (with ``strict``,
    refused before anything is written)."""
    if suffix == ".qdc":
        return Qdc().write(_qdc.as_project(codebook), path, WriteOptions(strict=strict))
    table = None
    if suffix in (".xlsx", ".csv"):
        table, report = _table.table(codebook, str(path))
    else:
        report = unheld(codebook, str(path)) if suffix == ".md" else []
    refuse_if_strict(report, WriteOptions(strict=strict), str(path))
    if table is not None and suffix == ".xlsx":
        _table.check_cells(table, str(path))
        table.write(path)
        return tuple(report)
    if table is not None:
        text = _table.csv_text(table)
    else:
        text = codebook_markdown(codebook) if suffix == ".md" else _json.dumps(codebook)
    with atomic_output(path) as stream:
        stream.write(text.encode("utf-8"))
    return tuple(report)
