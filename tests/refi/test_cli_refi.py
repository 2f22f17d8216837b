"""The qcode command on REFI-QDA files."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import qcode
from qcode._cli import main
from tests.conftest import shared_path, small_project
from tests.refi.fixtures import project_xml, qdpx

Capture = pytest.CaptureFixture[str]


def test_info_on_a_real_export_prints_the_report(capsys: Capture) -> None:
    path = shared_path("refi", "samples", "nvivo", "oltas.qdpx")
    assert main(["info", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert (summary["sources"], summary["excerpts"], summary["codes"]) == (1, 97, 60)
    assert captured.err.splitlines()[0] == (
        f"WARNING {path} Sources/: the sources folder is called 'Sources', not 'sources'; "
        "a read without strict reads it there"
    )
    assert main(["info", "--quiet", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_validate_reports_schema_problems_with_lines(capsys: Capture) -> None:
    path = shared_path("refi", "samples", "taguette", "codebook.qdc")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        f"WARNING {path}:2 /CodeBook/Sets: <Sets> is empty (REFI-QDA needs one child)\n"
        f"WARNING {path}:2 /CodeBook/Sets: Element 'Sets': Missing child element(s). Expected "
        "is ( Set ).\n"
    )
    assert captured.err == f"{path}: 0 error(s), 2 warning(s)\n"


def test_validate_strict_turns_warnings_into_errors(capsys: Capture) -> None:
    path = shared_path("refi", "samples", "taguette", "codebook.qdc")
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"ERROR {path}:2 /CodeBook/Sets: ")


def test_validate_finds_semantic_problems_in_refi(tmp_path: Path, capsys: Capture) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(start=3, end=99))
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out == (
        "ERROR $.sources[0].excerpts[0].anchor.end: end 99 is beyond the end of the text "
        "(11 characters)\n"
    )


def test_convert_between_every_pair(tmp_path: Path, capsys: Capture) -> None:
    start = tmp_path / "start.json"
    qcode.dump(small_project(), start)
    chain = ["start.json", "a.qdpx", "b.qde", "c.json", "d.qdpx"]
    for here, there in itertools.pairwise(chain):
        assert main(["convert", "--quiet", str(tmp_path / here), str(tmp_path / there)]) == 0
    assert qcode.load(tmp_path / "d.qdpx") == qcode.load(start)
    assert main(["convert", str(tmp_path / "d.qdpx"), str(tmp_path / "e.qdc")]) == 0
    assert capsys.readouterr().err == (
        f"WARNING {tmp_path / 'e.qdc'} $: a codebook holds only codes and code sets; not "
        "written: 1 source(s), 2 coding(s), 1 case(s), 1 variable(s), 1 user(s), 1 memo(s)\n"
        f"WARNING {tmp_path / 'e.qdc'} $.codes[1].note_refs: a codebook has no code memos\n"
        f"wrote {tmp_path / 'e.qdc'}\n"
    )
    assert [c.name for c in qcode.load(tmp_path / "e.qdc").codes] == ["Findings", "Bridge", "Toll"]


def test_convert_with_target_and_real_names(tmp_path: Path) -> None:
    from attrs import evolve

    project = small_project()
    named = evolve(project, cases=(evolve(project.cases[0], real_name="Jo"),))
    start = tmp_path / "start.json"
    qcode.dump(named, start)
    out = tmp_path / "out.qdpx"
    assert (
        main(
            [
                "convert",
                "--quiet",
                "--target",
                "nvivo",
                "--include-real-names",
                str(start),
                str(out),
            ]
        )
        == 0
    )
    assert qcode.load(out) == named


def test_strict_convert_writes_nothing(tmp_path: Path, capsys: Capture) -> None:
    path = shared_path("refi", "samples", "nvivo", "oltas.qdpx")
    out = tmp_path / "out.json"
    assert main(["convert", "--strict", str(path), str(out)]) == 2
    assert capsys.readouterr().err.startswith(
        f"qcode: {path}: Sources/: the sources folder is called 'Sources', not 'sources'; "
        "a read without strict reads it there (and 1 more error)"
    )
    assert not out.exists()


def test_hostile_file_is_one_line_exit_2(tmp_path: Path, capsys: Capture) -> None:
    path = qdpx(tmp_path / "slip.qdpx", project_xml(), extra={"../x.txt": b"x"})
    assert main(["info", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {path}: member '../x.txt' has an absolute or '..' path; refused\n"
    )


@pytest.mark.parametrize("action", ["export", "diff"])
def test_codebook_commands_take_the_reading_options(
    action: str, tmp_path: Path, capsys: Capture
) -> None:
    path = shared_path("refi", "samples", "nvivo", "oltas.qdpx")
    out = tmp_path / "book.json"
    argv = ["codebook", action, "--strict", str(path), str(path if action == "diff" else out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"qcode: {path}: 2 error(s); no codebook read"
    assert err[0] == (
        f"ERROR {path} Sources/: the sources folder is called 'Sources', not 'sources'; a read "
        "without strict reads it there"
    )
    assert not out.exists()
    assert main(["codebook", "export", "--dialect", "utf16", "--quiet", str(path), str(out)]) == 0
    assert qcode.read_codebook(out).codes == qcode.read(path).project.codes
