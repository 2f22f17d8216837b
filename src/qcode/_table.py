"""`Table`: the tidy result of an analysis, with writers for the tools researchers go on to.

A table is a value: named columns and rows of plain cells (text, numbers, booleans, None,
or a tuple of texts for a list). CSV, Markdown and JSON need nothing beyond Python;
pandas, Excel and Parquet come with the optional extras ``qcode-qda[pandas]``,
``qcode-qda[xlsx]`` and ``qcode-qda[parquet]``, imported only when asked for.
"""

from __future__ import annotations

import importlib
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from qcode._atomic import atomic_output, refuse_folder
from qcode._issues import QcodeError, WriteError
from qcode._model._common import Displayed

Cell = str | int | float | bool | None | tuple[str, ...]
"""One value of a table: a list of texts is a tuple (joined with `LIST_SEPARATOR` in CSV
and Markdown, a list in JSON, pandas and Parquet)."""

LIST_SEPARATOR = "; "
"""Between the items of a list cell in CSV and Markdown."""

TEXT_FORMATS = ("csv", "md", "json")
"""The formats `Table.to_text` gives."""
FORMATS = (*TEXT_FORMATS, "xlsx", "parquet")
"""What `Table.write` writes, named by file extension."""

_EXTRAS = {"pandas": "pandas", "openpyxl": "xlsx", "pyarrow": "parquet"}


class MissingExtraError(QcodeError, ImportError):
    """An optional extra is not installed; the message says how to install it."""


EXCEL_CELL = 32_767
"""The most characters an Excel cell holds."""
_NOT_IN_EXCEL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an Excel cell cannot hold (a Word soft line break is one)."""


class _ExcelCells:
    """Cells as Excel can hold them, counting what had to change."""

    def __init__(self) -> None:
        self.replaced = 0
        self.cut = 0

    def row(self, cells: Iterable[Cell]) -> list[Any]:
        return [self._cell(_flat(cell)) for cell in cells]

    def _cell(self, value: str | int | float | bool | None) -> str | int | float | bool | None:
        if not isinstance(value, str):
            return value
        if _NOT_IN_EXCEL.search(value):
            value = _NOT_IN_EXCEL.sub("\ufffd", value)
            self.replaced += 1
        if len(value) > EXCEL_CELL:
            value = value[: EXCEL_CELL - 1] + "\u2026"
            self.cut += 1
        return value

    def said(self) -> tuple[str, ...]:
        said = []
        if self.replaced:
            said.append(
                f"{self.replaced} cell(s) held control characters Excel cannot hold; each is "
                "written as U+FFFD"
            )
        if self.cut:
            said.append(
                f"{self.cut} cell(s) were longer than Excel's {EXCEL_CELL:,} characters and "
                "were cut (ending '\u2026'); CSV, JSON and Parquet hold them whole"
            )
        return tuple(said)


def _append(sheet: Any, cells: list[Any]) -> None:
    """Add a row of cells to a worksheet, text as text: openpyxl takes text that starts with
    ``=`` for a formula, which Excel would run and a reader would lose."""
    sheet.append(cells)
    if any(type(cell) is str and cell.startswith("=") for cell in cells):
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"


def distinct(made: Iterable[str], fixed: Iterable[str] = ()) -> tuple[str, ...]:
    """Headers for columns named after data (a variable, a group, a code): each name as
    given unless one of the table's ``fixed`` columns or an earlier one has it, then
    numbered (``code (2)``), so that no column hides another in a record, JSON or Parquet."""
    taken = set(fixed)
    named = []
    for name in made:
        header, number = name, 1
        while header in taken:
            number += 1
            header = f"{name} ({number})"
        taken.add(header)
        named.append(header)
    return tuple(named)


def _as_rows(rows: Any) -> tuple[tuple[Cell, ...], ...]:
    return tuple(map(tuple, rows))  # a tuple row is kept as it is


def _as_texts(texts: Any) -> tuple[str, ...]:
    return tuple(texts)


@attrs.frozen
class Table(Displayed):
    """Named columns and rows of plain cells.

    - ``name``: what the table is (``"frequencies"``); the sheet name in Excel.
    - ``columns``: the column names, in order.
    - ``rows``: one tuple of cells per row, as wide as ``columns``.
    - ``notes``: what the numbers mean (the measure, an aggregate, what a medium could not
      give), printed under the table in Markdown and kept in JSON and Parquet.
    """

    name: str
    columns: tuple[str, ...] = attrs.field(converter=_as_texts)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(
        converter=_as_rows, repr=lambda rows: f"<{len(rows)} rows>"
    )  # a table of 300 segments in context was a repr of 165,000 characters
    notes: tuple[str, ...] = attrs.field(default=(), converter=_as_texts)

    @columns.validator
    def _check_names(self, _: attrs.Attribute[Any], columns: tuple[str, ...]) -> None:
        if len(set(columns)) == len(columns):  # the common case, without a loop in Python
            return
        repeated = sorted(name for name, n in Counter(columns).items() if n > 1)
        if repeated:
            raise ValueError(
                f"table {self.name!r}: column(s) {', '.join(map(repr, repeated))} given twice; "
                "a record would keep one of them"
            )

    @rows.validator
    def _check_widths(self, _: attrs.Attribute[Any], rows: tuple[tuple[Cell, ...], ...]) -> None:
        width = len(self.columns)
        if set(map(len, rows)) <= {width}:  # the common case, without a loop in Python
            return
        number, row = next((n, row) for n, row in enumerate(rows, 1) if len(row) != width)
        raise ValueError(
            f"table {self.name!r}: row {number} has {len(row)} cells for {width} columns"
        )

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Cell]]:
        return iter(self.records())

    def records(self) -> list[dict[str, Cell]]:
        """One mapping of column to cell per row."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of column ``name``, top to bottom."""
        try:
            at = self.columns.index(name)
        except ValueError:
            raise KeyError(f"table {self.name!r} has no column {name!r}") from None
        return tuple(row[at] for row in self.rows)

    def to_csv(self) -> str:
        """The table as CSV text: a header row, lists joined with `LIST_SEPARATOR`; a cell
        holding a comma, a quote or any line break (a lone CR too) is quoted."""
        lines = [self.columns, *([_flat(cell) for cell in row] for row in self.rows)]
        return "".join(",".join(_csv_field(cell) for cell in line) + "\n" for line in lines)

    def to_markdown(self) -> str:
        """The table as a GitHub-flavoured Markdown table, its notes below it."""
        lines = [
            markdown_row(self.columns),
            "|" + "|".join(_rule(self.column(c)) for c in self.columns) + "|",
            *(markdown_row(_flat(cell) for cell in row) for row in self.rows),
        ]
        if self.notes:
            lines += ["", *(tags_escaped(note) for note in self.notes)]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """The table as one JSON object: ``name``, ``columns``, ``notes`` and ``rows`` (an
        object per row, one a line); a float that is not a number is null."""
        head = {"name": self.name, "columns": list(self.columns), "notes": list(self.notes)}
        rows = [
            json.dumps({c: _json_cell(v) for c, v in r.items()}, ensure_ascii=False)
            for r in self.records()
        ]
        body = ",\n  ".join(rows)
        opening = json.dumps(head, ensure_ascii=False)[:-1]
        return f'{opening}, "rows": [\n  {body}\n]}}\n' if rows else f'{opening}, "rows": []}}\n'

    def to_text(self, format: str) -> str:
        """The table as text in ``format``, one of `TEXT_FORMATS` (``csv``, ``md``, ``json``)."""
        made = {"csv": self.to_csv, "md": self.to_markdown, "json": self.to_json}.get(format)
        if made is None:
            raise ValueError(
                f"cannot give a table as {format!r} text; formats: {', '.join(TEXT_FORMATS)} "
                "(write() makes .xlsx and .parquet files)"
            )
        return made()

    def to_pandas(self) -> Any:
        """The table as a `pandas.DataFrame` (needs ``qcode-qda[pandas]``); list cells
        become lists, a column of whole numbers with empty cells is pandas' ``Int64`` (not
        decimals), and the notes go in ``frame.attrs["notes"]``."""
        pandas = _extra("pandas")
        data = [[list(c) if isinstance(c, tuple) else c for c in row] for row in self.rows]
        frame = pandas.DataFrame(data, columns=list(self.columns))
        for name in self.columns:
            cells = self.column(name)
            if None in cells and _arrow_kind(cells) == ("int", None):  # from the cells: the
                frame[name] = pandas.array(list(cells), dtype="Int64")  # frame's are floats
        frame.attrs["notes"] = list(self.notes)
        return frame

    def write(self, path: str | Path, format: str | None = None) -> tuple[str, ...]:
        """Write the table to ``path`` atomically, in ``format`` (one of `FORMATS`) or the
        one its extension names. Returns what the format could not hold as it is (Excel:
        control characters, cells over 32,767 characters; Parquet: a column of numbers and
        text, or of integers beyond 64 bits, written as text), also noted in the file."""
        path = Path(path)
        refuse_folder(path)
        chosen = format or path.suffix.lower().lstrip(".")
        if chosen not in FORMATS:
            shown = f".{chosen}" if chosen else "a file without an extension"
            raise WriteError(
                str(path), f"cannot write a table as {shown}; formats: {', '.join(FORMATS)}"
            )
        changed: tuple[str, ...] = ()
        try:
            if chosen == "xlsx":
                self._refuse_surrogates(path)  # openpyxl would leave its archive open
                data, changed = self._xlsx()
            elif chosen == "parquet":
                data, changed = self._parquet()
            else:
                data = self.to_text(chosen).encode("utf-8")
        except UnicodeEncodeError:  # a table made in code can hold half a pair
            self._refuse_surrogates(path)
            raise  # not from a cell, note or name of the table's: a bug to report
        with atomic_output(path) as stream:
            stream.write(data)
        return changed

    def _refuse_surrogates(self, path: Path) -> None:
        """Refuse (`WriteError`) a table holding a lone surrogate, which UTF-8 cannot
        encode (a table made in code can hold one), naming the first place it is at."""
        found = self._first_surrogate()
        if found is not None:
            at, half = found
            raise WriteError(
                str(path),
                f"{at} holds a lone surrogate (U+{ord(half):04X}), not a character, which "
                "UTF-8 cannot encode; nothing was written",
            )

    def _first_surrogate(self) -> tuple[str, str] | None:
        """Where the table's first lone surrogate is (a column's name, a cell, a note), and
        it; only text cells are searched, and a place is named only where one is found."""
        for n, name in enumerate(self.columns, 1):
            if hit := _LONE.search(name):
                return f"column {n}'s name", hit[0]
        for n, row in enumerate(self.rows, 1):
            for column, cell in zip(self.columns, row, strict=True):
                if isinstance(cell, (str, tuple)) and (hit := _LONE.search(str(_flat(cell)))):
                    return f"row {n}, column {column!r}", hit[0]
        for n, note in enumerate(self.notes, 1):
            if hit := _LONE.search(note):
                return f"note {n}", hit[0]
        return None

    def _xlsx(self) -> tuple[bytes, tuple[str, ...]]:
        openpyxl = _extra("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = _sheet_title(self.name)
        fit = _ExcelCells()
        _append(sheet, fit.row(self.columns))
        for row in self.rows:
            _append(sheet, fit.row(row))
        sheet.freeze_panes = "A2"
        changed = fit.said()
        if self.notes or changed:  # what the numbers mean, on a sheet of its own
            notes = book.create_sheet("notes")
            for note in (*self.notes, *changed):
                _append(notes, [note])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue(), changed

    def _parquet(self) -> tuple[bytes, tuple[str, ...]]:
        pyarrow = _extra("pyarrow")
        parquet = importlib.import_module("pyarrow.parquet")
        arrays, changed = [], []
        for name in self.columns:
            cells = self.column(name)
            kind, said = _arrow_kind(cells)
            if said:
                changed.append(f"column {name!r} {said}: written as text")
            kept = [None if c is None else str(_flat(c)) for c in cells] if said else cells
            arrays.append(pyarrow.array(kept, _arrow_type(pyarrow, kind)))
        table = pyarrow.Table.from_arrays(arrays, names=list(self.columns))
        notes = json.dumps([*self.notes, *changed])
        metadata = {b"qcode.table": self.name.encode(), b"qcode.notes": notes}
        table = table.replace_schema_metadata(metadata)
        buffer = pyarrow.BufferOutputStream()
        parquet.write_table(table, buffer)
        return bytes(buffer.getvalue().to_pybytes()), tuple(changed)


_INT64 = range(-(2**63), 2**63)
_EXACT_IN_FLOAT = range(-(2**53), 2**53 + 1)


def _arrow_kind(cells: Sequence[Cell]) -> tuple[str, str | None]:
    """The Parquet type of a column (``list``, ``bool``, ``int``, ``float`` or ``text``)
    and, where its cells must be written as text to be kept, why."""
    odd = sorted({type(c).__name__ for c in cells if c is not None and type(c) not in _KINDS})
    if odd:  # a table made by hand may hold any value: kept as the text CSV would show
        return "text", f"holds {' and '.join(odd)} values"
    kinds = {_KINDS[type(cell)] for cell in cells if cell is not None}
    ints = [cell for cell in cells if type(cell) is int]
    if len(kinds) > 1 and kinds != {"int", "float"}:
        return "text", f"holds {' and '.join(sorted(kinds))} values"
    if kinds == {"int"} and not all(cell in _INT64 for cell in ints):
        return "text", "holds integers beyond 64 bits"
    if kinds == {"int", "float"}:
        if not all(cell in _EXACT_IN_FLOAT for cell in ints):
            return "text", "holds decimals and integers too large for a decimal to hold"
        return "float", None
    return (kinds.pop() if kinds else "text"), None


_KINDS = {tuple: "list", bool: "bool", int: "int", float: "float", str: "text"}


def _arrow_type(pyarrow: Any, kind: str) -> Any:
    return {
        "list": pyarrow.list_(pyarrow.string()),
        "bool": pyarrow.bool_(),
        "int": pyarrow.int64(),
        "float": pyarrow.float64(),
        "text": pyarrow.string(),
    }[kind]


def _extra(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS[module]
        raise MissingExtraError(
            f"this needs {module}, which is not installed: pip install 'qcode-qda[{extra}]'"
        ) from None


def _flat(cell: Cell) -> str | int | float | bool | None:
    return LIST_SEPARATOR.join(cell) if isinstance(cell, tuple) else cell


def _csv_field(cell: str | int | float | bool | None) -> str:
    text = "" if cell is None else str(cell)
    if any(special in text for special in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _json_cell(cell: Cell) -> Any:
    if isinstance(cell, float) and not math.isfinite(cell):
        return None
    return list(cell) if isinstance(cell, tuple) else cell


def markdown_row(cells: Any) -> str:
    """One line of a Markdown table: a bar escaped (and a backslash before one, which the
    bar's escape would take), each line break (``\\r\\n``, ``\\r`` or ``\\n``: NVivo's
    texts end lines with ``\\r\\n``) made a space."""
    shown = ("" if c is None else _BREAK.sub(" ", _bars(str(c))) for c in cells)
    return tags_escaped("| " + " | ".join(shown) + " |")


def tags_escaped(text: str) -> str:
    """``text`` with each ``<`` that Markdown would take for the start of an HTML tag
    escaped: names and texts from a file are shown, never run (``<img onerror=...>``)."""
    return _TAG_START.sub(r"\\<", text)


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _bars(text: str) -> str:
    """``text`` with each bar escaped and the backslashes before one doubled (each would
    otherwise escape the next, and the bar's escape take the last)."""
    return _BAR.sub(lambda found: found[1] * 2 + "\\|", text) if "|" in text else text


_LONE = re.compile("[\ud800-\udfff]")
_BAR = re.compile(r"(\\*)\|")


_BREAK = re.compile(r"\r\n?|\n")


def _rule(cells: tuple[Cell, ...]) -> str:
    """A right-aligned rule for a column of numbers, a plain one otherwise."""
    numbers = [c for c in cells if c is not None]
    if numbers and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in numbers):
        return "---:"
    return "---"


def _sheet_title(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" or ch < " " else ch for ch in name)
    return cleaned[:31] or "table"
