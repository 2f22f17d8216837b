"""``qcode table``: every table in every format is the library's table, options a table
does not take are refused, and failures are one line with exit 2."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import openpyxl
import pyarrow.parquet
import pytest

import qcode
from qcode import analysis
from qcode._cli import main
from qcode._table import LIST_SEPARATOR
from tests.analysis_project import tiny
from tests.conftest import ROOT

Capture = pytest.CaptureFixture[str]
PROJECT = tiny()

# each table with options, and the same table from the library
CALLS = [
    (["frequencies", "--by", "case"], lambda p: analysis.frequencies(p, by="case")),
    (
        ["segments", "--theme", "Care", "--include-children", "--context", "4"],
        lambda p: analysis.segments(p, themes=["Care"], include_children=True, context=4),
    ),
    (
        ["cooccurrence", "--mode", "proximity", "--within", "2", "--form", "square"],
        lambda p: analysis.cooccurrence(p, mode="proximity", within=2, form="square"),
    ),
    (
        ["matrix", "--themes", "--by", "variable:Role", "--cell", "excerpts"],
        lambda p: analysis.matrix(p, themes=True, by="variable:Role", cell="excerpts"),
    ),
    (
        ["framework", "--code", "Findings/Toll", "--code", "Coping", "--rows", "source"],
        lambda p: analysis.framework(p, ["Findings/Toll", "Coping"], rows="source"),
    ),
    (["cases"], analysis.cases),
]
IDS = [argv[0] for argv, _ in CALLS]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    found = tmp_path / "tiny.json"
    qcode.dump(PROJECT, found)
    return found


def _argv(argv: list[str], path: Path, *more: str) -> list[str]:
    return ["table", argv[0], str(path), *argv[1:], *more]


@pytest.mark.parametrize(("argv", "make"), CALLS, ids=IDS)
@pytest.mark.parametrize("format", ["csv", "md", "json"])
def test_every_table_prints_in_every_text_format(
    argv: list[str], make: object, format: str, path: Path, capsys: Capture
) -> None:
    table = make(PROJECT)  # type: ignore[operator]
    expected = {"csv": table.to_csv, "md": table.to_markdown, "json": table.to_json}[format]()
    assert main(_argv(argv, path, "--format", format)) == 0
    # CSV has no place for the notes: they go to stderr
    notes = "".join(f"{note}\n" for note in table.notes) if format == "csv" else ""
    assert capsys.readouterr() == (expected, notes)
    assert main(_argv(argv, path, "--format", format, "--quiet")) == 0
    assert capsys.readouterr() == (expected, "")


@pytest.mark.parametrize(("argv", "make"), CALLS, ids=IDS)
def test_csv_is_the_default(argv: list[str], make: object, path: Path, capsys: Capture) -> None:
    assert main(_argv(argv, path)) == 0
    assert capsys.readouterr().out == make(PROJECT).to_csv()  # type: ignore[operator]


@pytest.mark.parametrize(("argv", "make"), CALLS, ids=IDS)
@pytest.mark.parametrize("format", ["csv", "md", "json", "xlsx", "parquet"])
def test_every_table_is_written_in_every_format(
    argv: list[str], make: object, format: str, path: Path, tmp_path: Path, capsys: Capture
) -> None:
    table: qcode.Table = make(PROJECT)  # type: ignore[operator]
    out = tmp_path / f"out.{format}"
    assert main(_argv(argv, path, "-o", str(out))) == 0
    notes = "".join(f"{note}\n" for note in table.notes) if format == "csv" else ""
    assert capsys.readouterr() == ("", f"{notes}wrote {out}\n")  # CSV has no place for notes
    if format == "xlsx":
        sheet = openpyxl.load_workbook(out).active
        assert sheet is not None
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert values[0] == list(table.columns)
        flat = [[LIST_SEPARATOR.join(c) if isinstance(c, tuple) else c for c in row]
                for row in table.rows]  # fmt: skip
        assert values[1:] == [[None if c == "" else c for c in row] for row in flat]
    elif format == "parquet":
        read = pyarrow.parquet.read_table(out)
        assert read.column_names == list(table.columns)
        assert read.to_pylist() == [
            {k: list(v) if isinstance(v, tuple) else v for k, v in record.items()}
            for record in table.records()
        ]
    else:
        text = {"csv": table.to_csv, "md": table.to_markdown, "json": table.to_json}[format]()
        assert out.read_text("utf-8") == text


def test_format_overrides_the_extension_and_quiet_says_nothing(
    path: Path, tmp_path: Path, capsys: Capture
) -> None:
    out = tmp_path / "table.txt"
    assert main(["table", "cases", str(path), "--format", "json", "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(out.read_text("utf-8"))["name"] == "cases"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cases", "--by", "kind"], "qcode table: --by does not apply to cases"),
        (["matrix", "--context", "3"], "qcode table: --context does not apply to matrix"),
        (["matrix", "--context", "0"], "qcode table: --context does not apply to matrix"),
        (["cooccurrence", "--within", "0"], "qcode table: --within needs --mode proximity"),
        (["frequencies", "--themes"], "qcode table: --themes does not apply to frequencies"),
        (["cooccurrence", "--within", "3"], "qcode table: --within needs --mode proximity"),
        (["cooccurrence", "--measure", "jaccard"], "qcode table: --measure needs --form square"),
        (["cases", "--format", "xlsx"], "qcode table: --format xlsx needs -o OUT"),
        (["frequencies", "--by", "room"], "qcode table: cannot break a table down by 'room'; "
         "choose one of source, kind, case, variable:NAME, coder"),
        (["frequencies", "--code", "Toll"], "qcode: {path}: 2 codes are called 'Toll': "
         "'Findings/Toll', 'Other/Toll'"),
        (["matrix", "--by", "variable:Age"], "qcode: {path}: no variable is called 'Age' "
         "(variables: 'Role')"),
        (["segments", "--code", "Copin"], "qcode: {path}: no code has the path or name 'Copin' "
         "(codes: 'Findings', 'Findings/Bridge', 'Findings/Toll', 'Other', 'Other/Toll', "
         "'Coping')"),
        (["segments", "--context", "-2"], "qcode table: argument --context: must be 0 or more, "
         "not -2"),
        (["cooccurrence", "--mode", "proximity", "--within", "abc"], "qcode table: argument "
         "--within: must be a whole number, not 'abc'"),
        (["segments", "--code", "Coping", "--themes"], "qcode table: give codes or themes, not "
         "both: a table is about one or the other"),
        (["segments", "--theme", "Care", "--themes"], "qcode table: give --theme or --themes "
         "(every theme), not both"),
        (["cases", "--format", "csv", "-o", "out.xlsx"], "qcode table: --format csv would write "
         "csv into out.xlsx, whose name says xlsx"),
    ],
)  # fmt: skip
def test_a_wrong_table_command_exits_2_with_one_line(
    argv: list[str], message: str, path: Path, capsys: Capture
) -> None:
    assert main(_argv(argv, path)) == 2
    assert capsys.readouterr() == ("", message.format(path=path) + "\n")


def test_an_unwritable_format_is_refused(path: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "t.docx"
    assert main(["table", "cases", str(path), "-o", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {out}: cannot write a table as .docx; formats: csv, md, json, xlsx, parquet\n",
    )
    assert not out.exists()


CLI_MD = (ROOT / "docs" / "cli.md").read_text("utf-8")
TABLE_SECTION = CLI_MD[CLI_MD.index("## `qcode table NAME FILE`") :]
# a value each option takes, to try it on every table
VALUES = {"--code": ["Coping"], "--theme": ["Care"], "--by": ["kind"], "--context": ["2"],
          "--mode": ["overlap"], "--within": ["1"], "--form": ["square"],
          "--measure": ["jaccard"], "--cell": ["sources"], "--rows": ["source"]}  # fmt: skip


def _documented() -> list[tuple[str, list[str]]]:
    """Each option of the section's table with the tables it names."""
    found = []
    for options, tables in re.findall(r"^\| (`--.+?) \| (.+?) \|", TABLE_SECTION, re.M):
        names = re.findall(r"`(\w+)`", tables)
        takes = [t for t in analysis.TABLES if t not in names] if "all but" in tables else names
        for option in re.findall(r"`(--[a-z-]+)", options):
            found.append((option, takes))
    return found


def test_the_options_table_names_every_option_of_qcode_table() -> None:
    assert [option for option, _ in _documented()] == [
        "--code", "--theme", "--themes", "--include-children", "--by", "--context", "--mode",
        "--within", "--per-source", "--form", "--measure", "--cell", "--rows",
    ]  # fmt: skip


@pytest.mark.parametrize("name", analysis.TABLES)
def test_each_option_is_taken_by_the_tables_the_docs_name_and_refused_by_the_others(
    name: str, path: Path, capsys: Capture
) -> None:
    for option, takes in _documented():
        argv = ["table", name, str(path), "--quiet", option, *VALUES.get(option, [])]
        if option == "--within" and name in takes:
            argv += ["--mode", "proximity"]
        if option == "--measure" and name in takes:
            argv += ["--form", "square"]
        code = main(argv)
        captured = capsys.readouterr()
        if name in takes:
            assert (code, captured.err) == (0, ""), option
        else:
            assert (code, captured.err) == (
                2,
                f"qcode table: {option} does not apply to {name}\n",
            )


def test_the_example_prints_what_the_docs_show(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    block = re.search(r"```console\n\$ qcode (.+?)\n(.*?)```", TABLE_SECTION, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(block[1])) == 0
    assert capsys.readouterr() == (block[2], "")


def test_what_excel_cannot_hold_is_said_on_writing(tmp_path: Path, capsys: Capture) -> None:
    b = qcode.ProjectBuilder("Soft breaks")
    code = b.code("Toll")
    b.quote(b.text_source("Diary", "It takes\x0bits toll."), "It takes\x0bits", codes=[code])
    source = tmp_path / "p.json"
    qcode.dump(b.build(), source)
    out = tmp_path / "s.xlsx"
    assert main(["table", "segments", str(source), "-o", str(out)]) == 0
    assert capsys.readouterr().err == (
        f"WARNING {out}: 1 cell(s) held control characters Excel cannot hold; each is written "
        f"as U+FFFD\nwrote {out}\n"
    )


def test_an_output_that_is_the_project_read_is_refused(tmp_path: Path, capsys: Capture) -> None:
    """Both may be .json: the table replaced the project it was made from, silently."""
    path = tmp_path / "study.json"
    qcode.write(PROJECT, path)
    before = path.read_bytes()
    for argv in (["table", "cases", str(path)], ["agree", str(path)]):
        assert main([*argv, "-o", str(tmp_path / "." / "study.json")]) == 2
        command = argv[0]
        assert capsys.readouterr() == (
            "",
            f"qcode {command}: {tmp_path / 'study.json'} is the file it reads; the table "
            "would replace it: write the table to another file\n",
        )
    assert path.read_bytes() == before
    assert main(["codebook", "export", str(path), str(path)]) == 2
    assert capsys.readouterr().err == (
        f"qcode codebook export: {path} is the file it reads; the codebook would replace it: "
        "write the codebook to another file\n"
    )
    link = tmp_path / "link.json"  # a write replaces a link, not what it points to
    link.symlink_to(path)
    assert main(["table", "cases", str(path), "-o", str(link), "--quiet"]) == 0
    assert path.read_bytes() == before and not link.is_symlink()
