"""Codebooks as tables (``.csv``, ``.xlsx``): one row per code, the form people draft in.

Columns, in any order, their names matched without regard to case, spaces or hyphens:
``path`` (required: the names from the top, joined by ``/``), ``id``, ``codable``,
``color``, the definition fields, ``examples`` and ``themes``. A list cell holds one item
per line (``- item``, continued by lines indented two spaces), as in a REFI description.
Reading reports every bad cell at once; a table holds no codebook metadata, theme
descriptions or theme nesting, and writing says so when a codebook has any.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from qcode._formats._base import GUID
from qcode._formats._json import read_text
from qcode._formats._limits import Budget, Limits, refuse_many
from qcode._formats._refi import _definition
from qcode._formats._refi._archive import Archive
from qcode._formats._refi._xml import declares_dtd
from qcode._issues import (
    InvalidProjectError,
    Issue,
    QcodeError,
    ReadError,
    Severity,
    WriteError,
    warning,
)
from qcode._model import Code, Codebook, CodeOrigin, CodeStatus, Theme
from qcode._model._common import COLOR
from qcode._model._document import CODEBOOK_NAMESPACE, ENTRY_FIELDS
from qcode._model._lookup import nfc
from qcode._table import EXCEL_CELL, Table

COLUMNS = ("id", "path", *(f for f in ENTRY_FIELDS if f not in ("name", "parent")), "themes")
"""The columns written, in this order; reading takes them in any order."""
_TRUE, _FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n")
_ORIGINS = {
    "deductive": CodeOrigin.DEDUCTIVE,
    "inductive": CodeOrigin.INDUCTIVE,
    "in vivo": CodeOrigin.IN_VIVO,
    "in_vivo": CodeOrigin.IN_VIVO,
}
TABLE_NAMESPACE = uuid.uuid5(CODEBOOK_NAMESPACE, "codebook table")
"""The id of a codebook read from a table, and the namespace of the ids made for its codes
and themes from their paths and names: not the file's name, so that copies and versions of
one spreadsheet under other names (``ours.csv``, ``theirs.csv``) agree on every id."""
_EXAMPLE_HEAD = re.compile(r"- \[(typical|atypical|near miss)\]")
_EXCERPT_LINE = re.compile(r"  \(excerpt: [0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\)\Z")


def table(codebook: Codebook, file: str) -> tuple[Table, list[Issue]]:
    """``codebook`` as a table of `COLUMNS`, and what the table cannot hold or would read
    back otherwise."""
    report: list[Issue] = []

    def lost(path: str, message: str) -> None:
        report.append(_table_issue(Severity.WARNING, "not-carried", path, message, file))

    metadata = [
        name
        for name, value in (
            ("version", codebook.version),
            ("authors", codebook.authors),
            ("description", codebook.description),
            ("extends", codebook.extends),
            ("removes", codebook.removes),
            ("changes", codebook.changes),
        )
        if value
    ]
    if metadata:
        lost("$", f"a table holds no {', '.join(metadata)}")
    project = codebook.as_project()
    themes_of: dict[uuid.UUID, list[str]] = {}
    for i, theme in enumerate(codebook.themes):
        if theme.description or theme.parent or theme.color or not theme.codes:
            lost(
                f"$.themes[{i}]",
                f"theme {theme.name!r}: a table holds only the names of the themes that "
                "group codes",
            )
        if theme.codes and (theme.name.strip() != theme.name or "\n" in theme.name):
            lost(
                f"$.themes[{i}].name",
                f"theme {theme.name!r}: a table lists themes one per line, each without "
                "spaces around it, so its name reads back otherwise",
            )
        for member in theme.codes:
            themes_of.setdefault(member, []).append(theme.name)
    rows = []
    paths: dict[str, int] = {}
    twins = False  # two codes on one path, said to make a table that cannot be read back
    held = {code.id for code in codebook.codes}
    for i, code in enumerate(codebook.codes):
        path = project.path(code.id)
        if code.parent is not None and code.parent not in held:
            lost(
                f"$.codes[{i}].parent",
                f"code {code.name!r} is under a code the codebook does not hold "
                f"({code.parent}), and a table gives a parent only by its path: it reads "
                "back at the top",
            )
        if "/" in code.name:
            lost(
                f"$.codes[{i}].name",
                f"code {code.name!r} has '/' in its name, which a table reads as a path",
            )
        elif code.name.strip() != code.name:
            lost(
                f"$.codes[{i}].name",
                f"code {code.name!r} has spaces around its name, which a table's reader takes away",
            )
        first = paths.setdefault(nfc(path), i)
        if first != i:
            twins = True
            lost(
                f"$.codes[{i}]",
                f"code {code.name!r} has the path {path!r} of $.codes[{first}] (in either "
                "Unicode form), and a table names a code by its path: it cannot be read back",
            )
        if code.note_refs:
            lost(f"$.codes[{i}].note_refs", "a table holds no memos")
        for field in ("brief_definition", "full_definition"):
            text = getattr(code, field)
            if text is not None and not text.strip():
                lost(
                    f"$.codes[{i}].{field}",
                    f"code {code.name!r}: a {field.replace('_', ' ')} that is empty or only "
                    "spaces is read back as none (a table takes such a cell for a blank one)",
                )
        if misread := _misread(code):
            lost(f"$.codes[{i}]", _definition.misread_message(code.name, misread))
        rows.append(
            (
                str(code.id).upper(),
                path,
                "true" if code.codable else "false",
                code.color,
                code.brief_definition,
                code.full_definition,
                _definition.items_text(code.when_to_use) or None,
                _definition.items_text(code.when_not_to_use) or None,
                _definition.examples_text(code.examples) or None,
                None if code.origin is None else code.origin.value.replace("_", " "),
                None if code.status is None else code.status.value,
                "\n".join(themes_of.get(code.id, ())) or None,
            )
        )
    if not twins:  # what the warnings above cannot foresee: how the rows read together
        unread = _unreadable(rows, file, codebook.name)
        if unread:
            lost("$", unread)
    return Table(codebook.name, COLUMNS, rows), report


def _unreadable(rows: Sequence[Sequence[object]], file: str, name: str) -> str | None:
    """Why the table of ``rows`` would not read back as a codebook, or ``None``."""
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    try:
        codebook_of([list(COLUMNS), *cells], file, name)
    except UnicodeEncodeError:
        return None  # half a surrogate pair: the write refuses it, naming the cell
    except InvalidProjectError as exc:
        errors = [issue for issue in exc.issues if issue.is_error]
        return (
            f"the table does not read back as a codebook: {len(errors)} error(s), the first "
            f"at {errors[0].path}: {errors[0].message} (.json or .qdc keeps it as it is)"
        )
    return None


_UNHELD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an Excel cell cannot hold."""


def check_cells(table: Table, file: str) -> None:
    """Refuse (`WriteError`, nothing written) a table with a cell Excel cannot hold: a
    control character, or more characters than a cell takes (it would be cut)."""
    for number, row in enumerate(table.rows, start=2):
        for column, cell in zip(table.columns, row, strict=True):
            if not isinstance(cell, str):
                continue
            if _UNHELD.search(cell):
                held = "a control character, which an Excel cell cannot hold"
            elif len(cell) > EXCEL_CELL:
                held = f"{len(cell):,} characters, more than an Excel cell's {EXCEL_CELL:,}"
            else:
                continue
            raise WriteError(
                file,
                f"row {number}, column {column!r}: holds {held}; nothing was written (write "
                ".csv or .json instead)",
            )


def csv_text(table: Table) -> str:
    """The table as CSV with CRLF line ends (RFC 4180), so that a cell holding a carriage
    return is quoted and read back whole."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(["" if cell is None else cell for cell in row] for row in table.rows)
    return buffer.getvalue()


def read_csv(path: Path, limits: Limits) -> tuple[list[list[str]], str, list[Issue]]:
    """The cells of a CSV file (UTF-8, a BOM allowed), its name for messages and what
    reading it reported (nothing); a quote left open is refused, not read as a cell that
    swallows the rows after it. A cell may be as long as the file (Python's reader stops
    at 131,072 characters, which a long definition passes)."""
    file = str(path)
    text = read_text(path, limits)
    refuse_many(text.count(",") + text.count("\n"), limits, file, "commas and line ends (cells)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return list(reader), file, []
    except csv.Error as exc:
        raise ReadError(file, f"not valid CSV at line {reader.line_num}: {exc}") from exc
    finally:
        csv.field_size_limit(limit)


def read_xlsx(path: Path, limits: Limits) -> tuple[list[list[str]], str, list[Issue]]:
    """The cells of the first sheet of an Excel workbook, as text, how messages name it
    (with the sheet's name where the workbook has others) and what reading it reported
    (the other sheets, not read)."""
    from qcode._table import _extra

    openpyxl = _extra("openpyxl")
    file = str(path)
    data = _repacked(path, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise ReadError(file, f"not an Excel workbook ({type(exc).__name__}: {exc})") from exc
    sheet, *others = book.worksheets
    said = []
    if others:
        names = ", ".join(repr(other.title) for other in others)
        unread = f"sheet(s) {names} not read: a codebook is its workbook's first sheet"
        said.append(attrs.evolve(warning("not-carried", "$", unread), file=file))
        file = f"{file} (sheet {sheet.title!r}, the first)"
    try:
        rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        _refuse_uncomputed(openpyxl.load_workbook(io.BytesIO(data), read_only=True), rows, file)
    except QcodeError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl reads it only as it goes
        raise ReadError(file, f"cannot be read ({type(exc).__name__}: {exc})") from exc
    return rows, file, said


def _repacked(path: Path, limits: Limits) -> bytes:
    """The workbook as a ZIP archive openpyxl can read safely: its members checked and
    unpacked as a ``.qdpx``'s are (limits, ratio, budget, a chunk at a time), packed
    again as stored. openpyxl would unpack each member whole, whatever its header says."""
    archive = Archive(path, limits, Budget(limits, str(path)), [])
    members: list[tuple[str, bytes]] = []
    try:
        for info in archive.members():
            data = archive.read(info)
            if declares_dtd(data):  # openpyxl's parser would expand its entities
                raise ReadError(
                    f"{path}/{info.filename}",
                    "the part declares a DTD (<!DOCTYPE ...>), which a workbook does not need "
                    "and which can expand entities or fetch files; qcode refuses it",
                )
            members.append((info.filename, data))
    finally:
        archive.close()
    marks = sum(data.count(b"<") for _, data in members)
    refuse_many(marks, limits, str(path), "'<' characters (XML tags)")
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as target:
        for name, data in members:
            target.writestr(name, data)
    return repacked.getvalue()


def _refuse_uncomputed(book: Any, rows: list[list[str]], file: str) -> None:
    """Refuse (`ReadError`) formula cells that hold no value: ones a program wrote and no
    spreadsheet has computed, whose text cannot be known (they would read as empty)."""
    formulas = book.worksheets[0].iter_rows(values_only=True)
    found = []
    for number, (row, written) in enumerate(zip(rows, formulas, strict=False), 1):
        for column, (shown, formula) in enumerate(zip(row, written, strict=False)):
            if not shown and isinstance(formula, str) and formula.startswith("="):
                header = rows[0][column] if column < len(rows[0]) else ""
                found.append((f"row {number}, column {header or column + 1!r}", formula))
    if found:
        (place, formula), more = found[0], [place for place, _ in found[1:]]
        also = f" (so do {len(more)} more: {'; '.join(more[:5])}{'; ...' * (len(more) > 5)})"
        raise ReadError(
            file,
            f"{place}: holds the formula {formula[:40]!r}, which no spreadsheet has computed, "
            f"so its text is unknown{also if more else ''}; open and save the workbook in a "
            "spreadsheet program, or type the text",
        )


def _cell_text(value: Any) -> str:
    """A workbook cell's value as the text it shows: a date (which a spreadsheet may make of
    a name like ``3/4``) as ISO text, without a time of midnight."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def codebook_of(
    rows: Sequence[Sequence[str]], file: str, name: str
) -> tuple[Codebook, list[Issue]]:
    """The codebook a table's rows hold (the first row names the columns), with warnings;
    every bad cell is reported at once (`InvalidProjectError`, each issue at ``row N,
    column 'C'``)."""
    reader = _Rows(file)
    codebook = reader.read(rows, name)
    report = sorted(reader.report, key=lambda issue: int(issue.path.split(",")[0][4:]))
    if any(issue.is_error for issue in report):
        raise InvalidProjectError(file, report)
    return codebook, report


def _table_issue(severity: Severity, code: str, path: str, message: str, file: str) -> Issue:
    return Issue(severity=severity, code=code, path=path, message=message, file=file)


_SPELLINGS = {"colour": "color"}
"""Other spellings of a column's name."""


def _key(header: str) -> str:
    key = re.sub(r"[\s\-]+", "_", header.strip().lower())
    return _SPELLINGS.get(key, key)


class _Rows:
    """Reads the rows of a table into codes, collecting what is wrong with each cell."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.report: list[Issue] = []
        self.headers: dict[str, str] = {}

    def problem(self, row: int, column: str | None, message: str) -> None:
        where = f"row {row}" if column is None else f"row {row}, column {self.headers[column]!r}"
        self.report.append(_table_issue(Severity.ERROR, "bad-cell", where, message, self.file))

    def read(self, rows: Sequence[Sequence[str]], name: str) -> Codebook:
        namespace = TABLE_NAMESPACE
        if not rows:
            message = "the table is empty: it needs a header row with a 'path' column"
            self.report.append(
                _table_issue(Severity.ERROR, "bad-header", "row 1", message, self.file)
            )
            return Codebook(id=namespace, name=name)
        at: dict[str, int] = {}
        for i, header in enumerate(rows[0]):
            key = _key(header)
            if not key:
                continue
            if key in at:
                self.report.append(
                    _table_issue(
                        Severity.ERROR,
                        "bad-header",
                        "row 1",
                        f"column {header!r} is given twice",
                        self.file,
                    )
                )
            elif key not in COLUMNS:
                known = ", ".join(COLUMNS)
                self.report.append(
                    _table_issue(
                        Severity.WARNING,
                        "unknown-column",
                        "row 1",
                        f"column {header!r} is not a codebook column ({known}); it was not read",
                        self.file,
                    )
                )
            else:
                at[key] = i
                self.headers[key] = header
        if "path" not in at:
            self.report.append(
                _table_issue(
                    Severity.ERROR,
                    "bad-header",
                    "row 1",
                    "no 'path' column: each row needs the code's path" + _separator_hint(rows[0]),
                    self.file,
                )
            )
            return Codebook(id=namespace, name=name)
        records = []
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            beyond = [cell for cell in row[width:] if cell.strip()]
            if beyond:
                shown = ", ".join(repr(cell) for cell in beyond[:3])
                self.problem(
                    number,
                    None,
                    f"{len(beyond)} cell(s) beyond the {width} columns of the header ({shown}); "
                    "a cell holding a comma needs double quotes around it",
                )
            records.append((number, {key: row[i] if i < len(row) else "" for key, i in at.items()}))
        return self._codebook(records, namespace, name)

    def _codebook(
        self, records: list[tuple[int, dict[str, str]]], namespace: uuid.UUID, name: str
    ) -> Codebook:
        rows_by_path: dict[str, int] = {}
        ids: dict[uuid.UUID, int] = {}
        alike: dict[str, int] = {}
        made: dict[str, uuid.UUID] = {}
        codes: list[Code] = []
        themes: dict[str, list[uuid.UUID]] = {}
        for number, cells in records:
            path = cells["path"]
            if not path.strip():
                self.problem(number, "path", "the path is empty")
                continue
            trimmed = "/".join(name.strip() for name in path.split("/"))
            if trimmed != path:
                self.report.append(
                    _table_issue(
                        Severity.WARNING,
                        "trimmed-name",
                        f"row {number}, column {self.headers['path']!r}",
                        f"spaces around a name in {path!r} were removed: read as {trimmed!r}",
                        self.file,
                    )
                )
                path = trimmed
            same = alike.setdefault(nfc(path), number)
            if same != number:  # the same path in either Unicode form: the two look alike
                self.problem(number, "path", f"path {path!r} is already on row {same}")
                continue
            rows_by_path[path] = number
            code_id = self._id(number, cells.get("id", ""), uuid.uuid5(namespace, path))
            if code_id in ids:
                self.problem(number, "id", f"id {code_id} is already on row {ids[code_id]}")
                continue
            ids[code_id] = number
            made[path] = code_id
            fields = self._fields(number, cells)
            codes.append(Code(id=code_id, name=path, **fields))
            for theme in _lines(cells.get("themes", "")):
                themes.setdefault(theme, []).append(code_id)
        return Codebook(
            id=namespace,
            name=name,
            codes=tuple(self._placed(codes, made, rows_by_path)),
            themes=tuple(
                Theme(id=uuid.uuid5(namespace, f"theme/{theme}"), name=theme, codes=tuple(members))
                for theme, members in themes.items()
            ),
        )

    def _placed(
        self, codes: list[Code], made: dict[str, uuid.UUID], rows: dict[str, int]
    ) -> Iterator[Code]:
        """Each code with its name and parent from its path: the parent is the longest
        other path it extends by ``/name`` (so a name may hold ``/`` where no row's path is
        the part before it)."""
        for code in codes:
            path = code.name
            if "" in path.split("/"):
                self.problem(
                    rows[path],
                    "path",
                    f"path {path!r} has an empty name (a '/' at its start or end, or '//')",
                )
                yield code
                continue
            cut = path.rfind("/")
            while cut > 0 and path[:cut] not in made:
                cut = path.rfind("/", 0, cut)
            if cut <= 0:
                if "/" in path:
                    above = path.rsplit("/", 1)[0]
                    self.problem(rows[path], "path", f"no row has the parent path {above!r}")
                yield code
                continue
            yield attrs.evolve(code, name=path[cut + 1 :], parent=made[path[:cut]])

    def _id(self, row: int, text: str, default: uuid.UUID) -> uuid.UUID:
        text = text.strip()
        if not text:
            return default
        if not GUID.match(text):
            self.problem(row, "id", f"{text!r} is not an id (a UUID)")
            return default
        return uuid.UUID(text)

    def _fields(self, row: int, cells: dict[str, str]) -> dict[str, Any]:
        # Any: the values are texts, tuples, booleans and enum members.
        fields: dict[str, Any] = {}
        codable = cells.get("codable", "").strip().lower()
        if codable in _FALSE:
            fields["codable"] = False
        elif codable and codable not in _TRUE:
            self.problem(row, "codable", f"{cells['codable']!r} is not true or false")
        color = cells.get("color", "").strip()
        if color and not COLOR.match(color):
            self.problem(row, "color", f"{color!r} is not a colour like #1A2B3C or #F00")
        elif color:
            fields["color"] = color
        given = {key: text for key, text in cells.items() if text.strip()}  # spaces: blank
        for key in ("when_to_use", "when_not_to_use", "examples"):
            if key in given:
                given[key] = _one_line_end(given[key])
        for key in ("brief_definition", "full_definition"):
            if key in given:
                fields[key] = given[key]
        for key in ("when_to_use", "when_not_to_use"):
            if key in given and self._items(row, key, given[key]):
                fields[key] = _definition.parse_items(given[key])
        if "examples" in given:
            fields["examples"] = self._examples(row, given["examples"])
        origin = cells.get("origin", "").strip().lower()
        if origin in _ORIGINS:
            fields["origin"] = _ORIGINS[origin]
        elif origin:
            self.problem(
                row, "origin", f"{cells['origin']!r} is not deductive, inductive or in vivo"
            )
        status = cells.get("status", "").strip().lower()
        if status in {s.value for s in CodeStatus}:
            fields["status"] = CodeStatus(status)
        elif status:
            self.problem(row, "status", f"{cells['status']!r} is not draft, active or retired")
        return fields

    def _items(self, row: int, column: str, text: str) -> bool:
        """Whether every line of a list cell starts an item or continues one."""
        started = False
        for line in text.split("\n"):
            started = started or line.startswith("- ")
            if line and not line.startswith("- ") and not (started and line.startswith("  ")):
                self.problem(
                    row,
                    column,
                    f"{line[:40]!r} does not start an item with '- ' "
                    "(nor continue one, indented two spaces)",
                )
                return False
        return True

    def _examples(self, row: int, text: str) -> tuple[Any, ...]:
        for line in text.split("\n"):
            if line and not line.startswith("  ") and not _EXAMPLE_HEAD.match(line):
                self.problem(
                    row,
                    "examples",
                    f"{line[:40]!r} does not start an example with '- [typical]', "
                    "'- [atypical]' or '- [near miss]' (nor continue one, indented two spaces)",
                )
                return ()
        problem = _example_problem(text)
        if problem is not None:
            self.problem(row, "examples", problem)
            return ()
        return _definition.parse_examples(text)


def _one_line_end(text: str) -> str:
    """A list cell whose lines all end in CR LF (typed in an editor that writes them) with
    LF alone, as qcode writes them: otherwise each item would keep a CR at its end. A cell
    with a bare LF keeps its CRs, which are then its items' own."""
    if "\r\n" in text and text.count("\r\n") == text.count("\n"):
        return text.replace("\r\n", "\n")
    return text


def _separator_hint(header: Sequence[str]) -> str:
    """Why a header may lack its columns: a file separated by semicolons or tabs, as some
    spreadsheets save CSV, reads as one column."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if any(separator in cell and "path" in cell.lower() for cell in header):
            return f" (the header is separated by {name}; qcode reads commas)"
    return ""


def _misread(code: Code) -> list[str]:
    """The lists of ``code`` that a table would read back otherwise, or refuse (examples
    whose text holds what looks like an ``(excerpt: …)`` line, which `_example_problem`
    finds)."""
    misread = _definition.misread_lists(code)
    if (
        code.examples
        and "examples" not in misread
        and _example_problem(_definition.examples_text(code.examples)) is not None
    ):
        misread.append("examples")
    return misread


def _example_problem(text: str) -> str | None:
    """What in hand-typed examples would be misread: an ``(excerpt: …)`` line that holds no
    id, or that comes after the ``(note: …)`` line (the note runs to the example's end)."""
    noted = False
    for line in text.split("\n"):
        if line.startswith("- "):
            noted = False
        elif line.startswith("  (note: "):
            if noted:
                return f"{line.strip()[:40]!r}: an example holds one (note: …), its last line"
            noted = True
        elif line.startswith("  (excerpt:"):
            if not _EXCERPT_LINE.match(line):
                return f"{line.strip()[:60]!r} holds no excerpt id (a GUID)"
            if noted:
                return f"{line.strip()[:60]!r} comes after the (note: …) line; put it before"
    return None


def _lines(text: str) -> Iterable[str]:
    return (line.strip() for line in text.split("\n") if line.strip())
