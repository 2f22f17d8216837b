"""`Table`: the cells each format writes, widths checked, extras named when missing."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import uuid
from pathlib import Path

import openpyxl
import pandas
import pyarrow.parquet
import pytest
from markdown_it import MarkdownIt

import qcode
from qcode import MissingExtraError, Table, WriteError
from qcode._table import FORMATS

TABLE = Table(
    "demo",
    ("code", "n", "share", "who"),
    [("a|b", 3, 0.5, ("x", "y")), ("c", None, float("nan"), ())],
    notes=("n counts references",),
)


def test_records_and_columns() -> None:
    assert len(TABLE) == 2
    assert TABLE.records()[0] == {"code": "a|b", "n": 3, "share": 0.5, "who": ("x", "y")}
    assert list(TABLE)[1]["code"] == "c"
    assert TABLE.column("n") == (3, None)
    with pytest.raises(KeyError, match="table 'demo' has no column 'm'"):
        TABLE.column("m")


def test_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError) as caught:
        Table("t", ("a", "b"), [("x", 1), ("y",)])
    assert str(caught.value) == "table 't': row 2 has 1 cells for 2 columns"


def test_csv_joins_lists() -> None:
    assert TABLE.to_csv() == "code,n,share,who\na|b,3,0.5,x; y\nc,,nan,\n"


def test_markdown_escapes_bars_aligns_numbers_and_keeps_notes() -> None:
    assert TABLE.to_markdown() == (
        "| code | n | share | who |\n"
        "|---|---:|---:|---|\n"
        "| a\\|b | 3 | 0.5 | x; y |\n"
        "| c |  | nan |  |\n"
        "\n"
        "n counts references\n"
    )


def test_a_line_break_of_any_kind_in_a_markdown_cell_is_a_space() -> None:
    table = Table("t", ("said\r\nby",), [("one\r\ntwo\rthree\nfour",)])
    assert table.to_markdown() == "| said by |\n|---|\n| one two three four |\n"


def test_markdown_shows_tags_in_names_as_text() -> None:
    """A code named ``<img src=x onerror=alert(1)>`` went into the Markdown as it is: a
    renderer showing the table ran it."""
    table = Table(
        "t", ("code", "n"), [("<img src=x onerror=alert(1)>", 1), ("a < b, </script>", 2)],
        notes=("code '<b>x</b>' is only in one",),
    )  # fmt: skip
    assert table.to_markdown() == (
        "| code | n |\n|---|---:|\n| \\<img src=x onerror=alert(1)> | 1 |\n"
        "| a < b, \\</script> | 2 |\n\ncode '\\<b>x\\</b>' is only in one\n"
    )
    html = MarkdownIt("commonmark").enable("table").render(table.to_markdown())
    assert "<img" not in html and "<script" not in html and "&lt;img src=x" in html


def test_json_has_a_row_a_line_and_null_for_nan() -> None:
    text = TABLE.to_json()
    assert text.splitlines()[1] == '  {"code": "a|b", "n": 3, "share": 0.5, "who": ["x", "y"]},'
    assert json.loads(text) == {
        "name": "demo",
        "columns": ["code", "n", "share", "who"],
        "notes": ["n counts references"],
        "rows": [
            {"code": "a|b", "n": 3, "share": 0.5, "who": ["x", "y"]},
            {"code": "c", "n": None, "share": None, "who": []},
        ],
    }
    assert json.loads(Table("e", ("a",), []).to_json())["rows"] == []


def test_pandas_keeps_lists_and_notes() -> None:
    frame = TABLE.to_pandas()
    assert frame.attrs["notes"] == ["n counts references"]
    assert list(frame.columns) == ["code", "n", "share", "who"]
    assert frame["who"].tolist() == [["x", "y"], []]
    assert frame["n"].iloc[0] == 3 and frame["n"].iloc[1] is pandas.NA  # not 3.0 and nan
    assert (str(frame["n"].dtype), str(frame["share"].dtype)) == ("Int64", "float64")
    large = Table("t", ("n",), [(2**53 + 1,), (None,)]).to_pandas()["n"]
    assert large.tolist() == [2**53 + 1, pandas.NA]  # exact, not through a float


def test_every_format_by_extension(tmp_path: Path) -> None:
    for extension in ("csv", "md", "json"):
        path = tmp_path / f"t.{extension}"
        TABLE.write(path)
        expected = {"csv": TABLE.to_csv, "md": TABLE.to_markdown, "json": TABLE.to_json}
        assert path.read_text("utf-8") == expected[extension]()
    TABLE.write(tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert book.sheetnames == ["demo", "notes"]
    assert list(book["notes"].values) == [("n counts references",)]
    assert sheet.title == "demo"
    assert list(sheet.values) == [
        ("code", "n", "share", "who"),
        ("a|b", 3, 0.5, "x; y"),
        ("c", None, None, None),
    ]
    TABLE.write(tmp_path / "t.parquet")
    read = pyarrow.parquet.read_table(tmp_path / "t.parquet")
    assert read.column("who").to_pylist() == [["x", "y"], []]
    assert read.column("n").to_pylist() == [3, None]
    assert read.schema.metadata[b"qcode.table"] == b"demo"


def test_a_format_given_overrides_the_extension(tmp_path: Path) -> None:
    TABLE.write(tmp_path / "out.txt", format="csv")
    assert (tmp_path / "out.txt").read_text("utf-8") == TABLE.to_csv()


def test_an_unknown_format_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        TABLE.write(tmp_path / "t.ods")
    assert str(caught.value) == (
        f"{tmp_path / 't.ods'}: cannot write a table as .ods; formats: csv, md, json, xlsx, parquet"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as caught:
        TABLE.to_pandas()
    assert str(caught.value) == (
        "this needs pandas, which is not installed: pip install 'qcode-qda[pandas]'"
    )
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, qcode.QcodeError)


def test_sheet_titles_drop_what_excel_refuses(tmp_path: Path) -> None:
    Table("a/b: [c]? and a very long name indeed", ("x",), [(1,)]).write(tmp_path / "t.xlsx")
    assert (
        openpyxl.load_workbook(tmp_path / "t.xlsx").active.title
        == "a_b_ _c__ and a very long name "
    )


def test_csv_quotes_what_would_break_a_row_and_reads_back() -> None:
    import csv
    import io

    cells = ("a,b", 'say "hi"', "line\nbreak", "lone\rcr", "crlf\r\nx", " plain ")
    table = Table("t", ("a", "b", "c", "d", "e", "f"), [cells])
    assert table.to_csv() == (
        'a,b,c,d,e,f\n"a,b","say ""hi""","line\nbreak","lone\rcr","crlf\r\nx", plain \n'
    )
    assert list(csv.reader(io.StringIO(table.to_csv(), newline=""))) == [
        ["a", "b", "c", "d", "e", "f"],
        list(cells),
    ]


def test_text_that_starts_with_an_equals_sign_stays_text_in_excel(tmp_path: Path) -> None:
    """openpyxl would write it as a formula: run by Excel, lost to a reader of values."""
    table = Table("t", ("=a",), [("=1+1 is how we count",), (2,)], notes=("=SUM(A1:A2)",))
    table.write(tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = [(cell.value, cell.data_type) for row in book.active.iter_rows() for cell in row]
    assert cells == [("=a", "s"), ("=1+1 is how we count", "s"), (2, "n")]
    assert [(c.value, c.data_type) for c in book["notes"]["A"]] == [("=SUM(A1:A2)", "s")]
    code = qcode.Code(id=uuid.UUID(int=1), name="=Sum", brief_definition="=1+1")
    book = qcode.Codebook(id=uuid.UUID(int=2), name="b", codes=(code,))
    qcode.write_codebook(book, tmp_path / "b.xlsx")
    assert qcode.read_codebook(tmp_path / "b.xlsx").codes == book.codes


def test_what_excel_cannot_hold_is_changed_said_and_noted(tmp_path: Path) -> None:
    long = "x" * 40_000
    table = Table("t", ("text",), [("soft\x0bbreak",), (long,), ("fine",)], notes=("n",))
    assert table.write(tmp_path / "t.xlsx") == (
        "1 cell(s) held control characters Excel cannot hold; each is written as U+FFFD",
        "1 cell(s) were longer than Excel's 32,767 characters and were cut (ending '\u2026'); "
        "CSV, JSON and Parquet hold them whole",
    )
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = [row[0] for row in book.active.values]
    assert cells == ["text", "soft\ufffdbreak", "x" * 32_766 + "\u2026", "fine"]
    assert [row[0] for row in book["notes"].values] == ["n", *table.write(tmp_path / "u.xlsx")]
    assert table.write(tmp_path / "t.csv") == ()
    assert table.write(tmp_path / "t.parquet") == ()


def test_parquet_keeps_a_column_of_mixed_kinds_or_huge_integers_as_text(tmp_path: Path) -> None:
    """pyarrow guessed each column's type from its values: a variable of numbers in one
    case and text in another (variables sharing a name), or an integer beyond 64 bits,
    ended the write with pyarrow's error (the CLI's "internal error")."""
    table = Table(
        "t",
        ("age", "n", "ratio", "flag", "who", "none"),
        [
            (30, 10**20, 1, True, (), None),
            ("old", 2, 0.5, None, (), None),
            (None, None, None, False, (), None),
        ],
        notes=("n counts references",),
    )
    assert table.write(tmp_path / "t.parquet") == (
        "column 'age' holds int and text values: written as text",
        "column 'n' holds integers beyond 64 bits: written as text",
    )
    read = pyarrow.parquet.read_table(tmp_path / "t.parquet")
    assert read.to_pydict() == {
        "age": ["30", "old", None],
        "n": ["100000000000000000000", "2", None],
        "ratio": [1.0, 0.5, None],
        "flag": [True, None, False],
        "who": [[], [], []],
        "none": [None, None, None],
    }
    assert [str(field.type) for field in read.schema] == [
        "string", "string", "double", "bool", "list<element: string>", "string",
    ]  # fmt: skip
    assert json.loads(read.schema.metadata[b"qcode.notes"]) == [
        "n counts references",
        *table.write(tmp_path / "u.parquet"),
    ]
    made = Table("t", ("day",), [(dt.date(2024, 3, 4),), (None,)])
    assert made.write(tmp_path / "d.parquet") == (
        "column 'day' holds date values: written as text",
    )
    assert pyarrow.parquet.read_table(tmp_path / "d.parquet").to_pydict() == {
        "day": ["2024-03-04", None]
    }  # it was a bare KeyError


def test_a_folder_is_refused_as_one_and_a_repr_counts_the_rows(tmp_path: Path) -> None:
    """A folder was said to be "a file without an extension"; a table's repr held every
    row (165,000 characters for a segments table of 300 rows)."""
    with pytest.raises(WriteError) as refused:
        TABLE.write(tmp_path)
    assert str(refused.value) == f"{tmp_path}: is a directory; name a file to write"
    assert repr(TABLE) == (
        "Table(name='demo', columns=('code', 'n', 'share', 'who'), rows=<2 rows>, "
        "notes=('n counts references',))"
    )


def test_a_backslash_before_a_bar_is_kept_in_markdown() -> None:
    """The bar's escape took the backslash before it: a name ``a\\|b`` showed as ``a|b``.
    Checked with a CommonMark renderer that reads GitHub's tables."""
    names = ["a\\|b", "x|y", "c:\\p", "two\\\\|", "three\\\\\\|bars"]
    table = Table("t", ("name",), [(name,) for name in names])
    assert table.to_markdown().splitlines()[2:5] == ["| a\\\\\\|b |", "| x\\|y |", "| c:\\p |"]
    render = MarkdownIt("commonmark").enable("table").render
    assert re.findall(r"<td>(.*?)</td>", render(table.to_markdown())) == names


@pytest.mark.parametrize("extension", FORMATS)
def test_a_lone_surrogate_is_refused_naming_its_cell(tmp_path: Path, extension: str) -> None:
    """A table made in code can hold one: every format ended with a bare UnicodeEncodeError."""
    table = Table("t", ("a", "b"), [("x", "y"), ("x", "y\udc00z")])
    with pytest.raises(WriteError) as refused:
        table.write(tmp_path / f"t.{extension}")
    assert str(refused.value) == (
        f"{tmp_path / f't.{extension}'}: row 2, column 'b' holds a lone surrogate (U+DC00), "
        "not a character, which UTF-8 cannot encode; nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def test_text_in_a_format_it_has_not_is_refused_with_the_formats() -> None:
    """It was a bare KeyError: 'xml'."""
    table = qcode.Table("t", ["a"], [(1,)])
    for given in ("xml", None, "xlsx"):
        with pytest.raises(ValueError) as refused:
            table.to_text(given)  # type: ignore[arg-type]
        assert str(refused.value) == (
            f"cannot give a table as {given!r} text; formats: csv, md, json (write() makes .xlsx "
            "and .parquet files)"
        )
    assert table.to_text("csv") == table.to_csv()
