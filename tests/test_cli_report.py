"""What docs/cli.md promises of ``qcode report``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import qcode
from qcode._cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "sustaining_social_work" / "codebook.qdc"

Capture = pytest.CaptureFixture[str]


def test_report_writes_qcode_report_s_page(project_file: Path, capsys: Capture) -> None:
    out = project_file.with_name("report.html")
    assert main(["report", str(project_file), "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", f"wrote {out}\n")
    assert out.read_bytes() == qcode.report(qcode.load(project_file)).encode("utf-8")


def test_quiet_prints_nothing(project_file: Path, capsys: Capture) -> None:
    out = project_file.with_name("report.htm")
    for quiet in ("--quiet", "-q"):
        assert main(["report", quiet, str(project_file), "--output", str(out)]) == 0
        assert capsys.readouterr() == ("", "")
        assert out.is_file()


def test_a_project_with_errors_is_shown_its_errors_printed_and_exit_1(
    tmp_path: Path, capsys: Capture
) -> None:
    broken = tmp_path / "broken.json"
    b = qcode.ProjectBuilder("Broken")
    source = b.text_source("S", "text")
    b.code_source(source, [b.code("Doc")])
    built = b.build()
    cycle = attrs.evolve(built.codes[0], parent=built.codes[0].id)
    qcode.write(attrs.evolve(built, codes=(cycle,)), broken)
    out = tmp_path / "report.html"
    assert main(["report", str(broken), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"ERROR {broken} $.codes[0].parent: code hierarchy loops: 'Doc' → 'Doc'\nwrote {out}\n"
    )
    assert out.is_file()


def test_a_name_that_is_not_html_is_refused_before_reading(tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "report.txt"
    assert main(["report", str(tmp_path / "missing.json"), "-o", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {out}: a report is an HTML page: name it like report.html\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "qcode report: the following arguments are required: -o/--output"),
        (
            ["-o", "{folder}/none/r.html"],
            "qcode: {folder}/none/r.html: cannot write here: no folder '{folder}/none'",
        ),
        (
            ["-o", "{folder}/.html"],
            "qcode: {folder}/.html: the page needs a name before .html, such as report.html",
        ),
        (
            ["-o", "{folder}/r.txt"],
            "qcode: {folder}/r.txt: a report is an HTML page: name it like report.html",
        ),
    ],
)
def test_a_missing_or_unwritable_output_is_one_line_and_exit_2(
    argv: list[str], message: str, project_file: Path, capsys: Capture
) -> None:
    folder = project_file.parent
    arguments = [part.format(folder=folder) for part in argv]
    assert main(["report", str(project_file), *arguments]) == 2
    assert capsys.readouterr() == ("", message.format(folder=folder) + "\n")
    assert sorted(p.name for p in folder.iterdir()) == ["small.json"]


def test_jinja2_is_loaded_only_when_something_is_displayed(project_file: Path) -> None:
    script = (
        "import sys, qcode; "
        f"project = qcode.load({str(project_file)!r}); "
        "print('jinja2' in sys.modules); "
        "project._repr_html_(); "
        "print('jinja2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\nTrue\n", "")


def test_a_codebook_is_checked_as_validate_checks_it(tmp_path: Path, capsys: Capture) -> None:
    """Its examples and memos belong to the project it came from: the report printed 53
    errors for the example's codebook, which validate passes, and exited 1."""
    book = EXAMPLE
    assert main(["validate", str(book)]) == 0
    capsys.readouterr()
    out = tmp_path / "codebook.html"
    assert main(["report", str(book), "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", f"wrote {out}\n")
    renamed = tmp_path / "book.qde"  # a codebook in a file of a project's name
    renamed.write_bytes(book.read_bytes())
    assert main(["report", str(renamed), "-o", str(out)]) == 0
    assert capsys.readouterr().err == (
        f"WARNING {renamed} /: a codebook where a project was expected; read as a codebook\n"
        f"wrote {out}\n"
    )
