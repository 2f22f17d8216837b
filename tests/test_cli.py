"""The qcode command: outputs, exit codes and every kind of bad input."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import attrs
import pytest

import qcode
from qcode._cli import _COMMANDS, main
from tests.conftest import ROOT

Capture = pytest.CaptureFixture[str]


def test_version(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == "qcode 0.1.0\n"


def test_start_up_leaves_the_schema_library_unloaded(project_file: Path) -> None:
    """Every command pays for what ``import qcode`` imports; jsonschema (with the format
    checkers it finds) can take a second, and valid files never need it."""
    script = (
        "import sys, qcode; "
        f"qcode.load({str(project_file)!r}); "
        "print(sorted(m for m in ('jsonschema', 'lark') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")


def test_validate_clean_file(project_file: Path, capsys: Capture) -> None:
    assert main(["validate", str(project_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"{project_file}: 0 error(s), 0 warning(s)\n"


def test_validate_warnings_only_exit_zero(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    from attrs import evolve

    twin = evolve(project.codes[2], name="Bridge")
    path = tmp_path / "warn.json"
    qcode.dump(evolve(project, codes=(*project.codes[:2], twin)), path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        "WARNING $.codes[2].name: code 'Bridge' has the same name as $.codes[1] under the "
        "same parent\n"
    )


def test_validate_jsonl_gives_each_problem_its_code_and_file(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    from attrs import evolve

    twin = evolve(project.codes[2], name="Bridge")
    path = tmp_path / "warn.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + qcode.dumps(evolve(project, codes=(*project.codes[:2], twin))).encode()
    )
    assert main(["validate", str(path), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {
            "severity": "WARNING",
            "code": "json-bom",
            "file": str(path),
            "line": None,
            "path": "$",
            "message": "the JSON starts with a byte-order mark, which JSON does not have (a "
            "read without strict drops it)",
        },
        {
            "severity": "WARNING",
            "code": "duplicate-code-name",
            "file": str(path),
            "line": None,
            "path": "$.codes[2].name",
            "message": "code 'Bridge' has the same name as $.codes[1] under the same parent",
        },
    ]


def test_validate_strict_shows_the_project_s_problems_beside_what_strict_refuses(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    """A strict read refuses the file, but validate still checks the project read
    leniently, so that ``validate --strict`` shows every problem a refusal points to."""
    from attrs import evolve

    twin = evolve(project.codes[2], name="Bridge")
    path = tmp_path / "warn.json"
    text = qcode.dumps(evolve(project, codes=(*project.codes[:2], twin)))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert main(["validate", "--strict", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "ERROR $: the JSON starts with a byte-order mark, which JSON does not have (a read "
        "without strict drops it)\n"
        "WARNING $.codes[2].name: code 'Bridge' has the same name as $.codes[1] under the "
        "same parent\n"
    )
    assert captured.err == f"{path}: 1 error(s), 1 warning(s)\n"


def test_validate_keeps_the_byte_order_mark_warning_beside_schema_errors(
    tmp_path: Path, capsys: Capture
) -> None:
    bom = (
        "WARNING $: the JSON starts with a byte-order mark, which JSON does not have (a read "
        "without strict drops it)"
    )
    for name, kind, missing in (
        ("p.json", "qcode-project", ["version", "name"]),
        ("c.json", "qcode-codebook", ["format_version", "id", "name"]),
    ):
        path = tmp_path / name
        path.write_bytes(b'\xef\xbb\xbf{"format": "' + kind.encode() + b'", "x": 1}')
        assert main(["validate", str(path)]) == 1
        assert capsys.readouterr().out.splitlines() == [
            bom,
            *(f"ERROR $: missing required key {key!r}" for key in missing),
            "ERROR $.x: unknown key 'x'",
        ]


def test_validate_checks_a_refi_codebook_in_a_qde_as_a_codebook(
    tmp_path: Path, capsys: Capture
) -> None:
    """Its examples quote excerpts of a project it does not hold: no error, as in a .qdc."""
    qdc = ROOT / "examples" / "sustaining_social_work" / "codebook.qdc"
    qde = tmp_path / "codebook.qde"
    qde.write_bytes(qdc.read_bytes())
    assert main(["validate", str(qde)]) == 0
    assert capsys.readouterr() == (
        "WARNING /: a codebook where a project was expected; read as a codebook\n",
        f"{qde}: 0 error(s), 1 warning(s)\n",
    )


def test_validate_checks_a_project_in_a_qdc_as_a_project(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    """Its excerpts are checked too: one past the end of its text is an error."""
    from attrs import evolve

    source = project.sources[0]
    (first, *rest) = source.excerpts
    beyond = evolve(first, anchor=qcode.TextSpan(0, len(source.text or "") + 5), quote=None)
    broken = evolve(project, sources=(evolve(source, excerpts=(beyond, *rest)),))
    document = tmp_path / "p.qde"  # texts inline
    qcode.write(broken, document)
    qdc = tmp_path / "p.qdc"
    qdc.write_bytes(document.read_bytes())
    assert main(["validate", "--format", "jsonl", str(qdc)]) == 1
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["code"], f["path"]) for f in found] == [
        ("document-kind", "/"),
        ("span-out-of-range", "$.sources[0].excerpts[0].anchor.end"),
    ]


def test_info_text(project_file: Path, capsys: Capture) -> None:
    assert main(["info", str(project_file)]) == 0
    assert capsys.readouterr().out == (
        "project: Small study\n"
        "participants: 1\n"
        "cases:        1\n"
        "users:        1\n"
        "sources:      1\n"
        "  workshop: 1\n"
        "excerpts:     2\n"
        "codings:      2\n"
        "codes:        3\n"
        "themes:       1\n"
        "notes:        1\n"
        "sets:         0\n"
        "links:        0\n"
        "graphs:       0\n"
        "variables:    1\n"
    )


def test_info_json(project_file: Path, capsys: Capture) -> None:
    assert main(["info", str(project_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "name": "Small study",
        "participants": 1,
        "cases": 1,
        "users": 1,
        "sources": 1,
        "excerpts": 2,
        "codings": 2,
        "codes": 3,
        "themes": 1,
        "notes": 1,
        "sets": 0,
        "links": 0,
        "graphs": 0,
        "variables": 1,
        "sources_by_kind": {"workshop": 1},
        "sources_by_medium": {"text": 1},
    }


def test_excerpts_jsonl(project: qcode.Project, project_file: Path, capsys: Capture) -> None:
    assert main(["excerpts", str(project_file)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    source = project.sources[0]
    bridge, toll = (str(project.code(name).id) for name in ("Bridge", "Toll"))
    assert rows == [
        {
            "id": str(source.excerpts[0].id),
            "source": "Workshop 1",
            "source_id": str(source.id),
            "kind": "workshop",
            "medium": "text",
            "anchor": "TextSpan",
            "start": 7,
            "end": 15,
            "text": "a bridge",
            "codes": ["Findings/Bridge"],
            "code_ids": [bridge],
            "coders": ["Analyst"],
            "participants": ["P1"],
        },
        {
            "id": str(source.excerpts[1].id),
            "source": "Workshop 1",
            "source_id": str(source.id),
            "kind": "workshop",
            "medium": "text",
            "anchor": "TextSpan",
            "start": 17,
            "end": 35,
            "text": "It takes its toll.",
            "codes": ["Findings/Toll"],
            "code_ids": [toll],
            "coders": ["Analyst"],
            "participants": [],
        },
    ]


def test_convert_json_to_json(project: qcode.Project, project_file: Path, capsys: Capture) -> None:
    out = project_file.with_name("copy.json")
    assert main(["convert", str(project_file), str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"
    assert qcode.load(out) == project


def test_invalid_structure_in_info_is_one_line(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "qcode-project", "version": 1}', "utf-8")
    assert main(["info", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {path}: $: missing required key 'name'; "
        f"run 'qcode validate {path}' to see every problem\n"
    )


def test_strict_refuses_a_byte_order_mark_without_saying_it_was_dropped(
    project_file: Path, capsys: Capture
) -> None:
    marked = project_file.with_name("marked.json")
    marked.write_bytes(b"\xef\xbb\xbf" + project_file.read_bytes())
    assert main(["info", "--strict", str(marked)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {marked}: $: the JSON starts with a byte-order mark, which JSON does not have "
        f"(a read without strict drops it); run 'qcode validate --strict {marked}' to see "
        "every problem\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "no such file"),
        ("broken.json", "{not json", "not valid JSON: Expecting property name enclosed in "
         "double quotes (line 1, column 2)"),
        ("list.json", "[1, 2]", 'not a qcode project (expected "format": "qcode-project")'),
        ("latin1.json", '{"name": "caf\udce9"}', "not UTF-8 text (bad byte at offset 13, line 1)"),
        ("renamed.json", "PK\x03\x04\udcff\udcfe", "not UTF-8 text but a ZIP archive: a .qdpx (or "
         "an .xlsx) given another name?"),
        ("notes.txt", "hello",
         "unknown file type '.txt'; qcode reads .json, .qdc, .qde, .qdpx, .zip"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "info", "excerpts"])
def test_bad_input_exits_2_with_one_line(
    command: str, name: str, content: str | None, message: str, tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    if command == "validate":  # which reads codebook tables too
        message = message.replace(
            "qcode reads .json, .qdc, .qde, .qdpx, .zip",
            "qcode validate reads .csv, .json, .qdc, .qde, .qdpx, .xlsx, .zip",
        )
    assert captured.err == f"qcode: {path}: {message}\n"


@pytest.mark.parametrize("command", ["info", "excerpts"])
def test_a_codebook_table_where_a_project_belongs_says_what_reads_it(
    command: str, tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "codebook.csv"
    path.write_text("path\nHope\n", "utf-8")
    assert main([command, str(path)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {path}: unknown file type '.csv'; qcode reads .json, .qdc, .qde, .qdpx, .zip "
        "(a codebook: read_codebook and `qcode codebook` read .csv and .xlsx)\n"
    )


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("out.docx", ""),
        ("out.csv", " (a codebook or a table: write_codebook and `qcode codebook export`, "
         "Table.write and `qcode table`)"),
    ],
)  # fmt: skip
def test_convert_refuses_unknown_output_type(
    name: str, hint: str, project_file: Path, capsys: Capture
) -> None:
    out = project_file.with_name(name)
    suffix = out.suffix
    assert main(["convert", str(project_file), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {out}: unknown file type '{suffix}'; qcode writes .json, .qdc, .qde, .qdpx, "
        f".zip{hint}\n"
    )
    assert not out.exists()


def test_failed_convert_keeps_the_existing_output(tmp_path: Path, capsys: Capture) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    out = tmp_path / "out.json"
    out.write_text("keep me", "utf-8")
    assert main(["convert", str(broken), str(out)]) == 2
    assert out.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "out.json"]


def test_a_replaced_output_keeps_its_permissions(project_file: Path, capsys: Capture) -> None:
    """A private output (0600) was replaced by a file anyone could read (0644 under the
    usual umask): participant data made world-readable."""
    private = project_file.parent / "private.json"
    private.write_text("{}", "utf-8")
    private.chmod(0o600)
    assert main(["convert", str(project_file), str(private), "-q"]) == 0
    assert (private.stat().st_mode & 0o777, qcode.load(private).name) == (
        0o600,
        qcode.load(project_file).name,
    )
    fresh = project_file.parent / "fresh.json"
    old = os.umask(0o027)
    try:
        assert main(["convert", str(project_file), str(fresh), "-q"]) == 0
    finally:
        os.umask(old)
    assert fresh.stat().st_mode & 0o777 == 0o640  # a new file: as the umask makes it


def test_control_characters_of_a_file_reach_the_terminal_escaped(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    """A name holding an escape sequence was printed as it is: it could retitle the window
    or recolour what followed."""
    hostile = attrs.evolve(project, name="\x1b]0;PWNED\x07\x1b[31mRED\x9b")
    path = tmp_path / "esc.json"
    qcode.dump(hostile, path)
    assert main(["info", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "project: \\x1b]0;PWNED\\x07\\x1b[31mRED\\x9b"
    )
    assert main(["info", str(path), "--json"]) == 0  # JSON escapes what it must itself
    assert json.loads(capsys.readouterr().out)["name"] == hostile.name
    archive = tmp_path / "esc.qdpx"
    qcode.write(project, archive)
    with zipfile.ZipFile(archive, "a") as added:
        added.writestr("sources/\x1b[31mred.txt", b"x")
    assert main(["validate", str(archive)]) == 0
    assert capsys.readouterr().out == (
        "INFO sources/\\x1b[31mred.txt: nothing in the project is read from this file; "
        "writing the project does not carry it\n"
    )


def test_data_printed_to_a_terminal_has_its_control_characters_escaped(
    project: qcode.Project, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables, excerpts and codebook diffs printed a code's escape sequence as it was; to a
    file or a program (not a terminal) the data go as the project holds them."""
    builder = qcode.ProjectBuilder.from_project(project)
    builder.rename_code(project.codes[0], "red\x1b[31m")
    path = tmp_path / "esc.json"
    qcode.dump(builder.build(), path)
    argvs = [
        ["table", "frequencies", str(path), "--format", "md", "-q"],
        ["excerpts", str(path), "--format", "csv"],
        ["codebook", "diff", str(path.with_name("plain.json")), str(path), "--format", "md"],
    ]
    qcode.dump(project, path.with_name("plain.json"))
    for argv in argvs:
        main(argv)
        assert "red\x1b[31m" in capsys.readouterr().out  # a pipe: the data as they are
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for argv in argvs:
        main(argv)
        out = capsys.readouterr().out
        assert "\x1b" not in out
        assert "red\\x1b[31m" in out


def test_convert_into_a_missing_folder(project_file: Path, capsys: Capture) -> None:
    out = project_file.parent / "no" / "such" / "out.json"
    assert main(["convert", str(project_file), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {out}: cannot write here: no folder {str(out.parent)!r}\n"
    )
    afile = project_file.parent / "afile"  # a file where a folder should be, at any depth
    afile.write_text("a file", "utf-8")
    for out in (afile / "out.json", afile / "sub" / "out.json"):
        assert main(["convert", str(project_file), str(out)]) == 2
        assert capsys.readouterr().err == (
            f"qcode: {out}: cannot write here: {str(afile)!r} is a file, not a folder\n"
        )


def test_the_installed_command_has_no_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "gone.json"
    done = subprocess.run(
        [sys.executable, "-m", "qcode", "info", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"qcode: {missing}: no such file\n"


def test_a_fifo_is_refused_not_waited_for(tmp_path: Path, capsys: Capture) -> None:
    pipe = tmp_path / "pipe.qdpx"
    os.mkfifo(pipe)
    assert main(["info", str(pipe)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {pipe}: is not a regular file (a pipe, a device or a socket); qcode reads files\n"
    )


def test_a_folder_or_a_pipe_as_output_is_refused(project_file: Path, capsys: Capture) -> None:
    folder = project_file.parent / "folder.json"
    folder.mkdir()
    pipe = project_file.parent / "pipe.json"
    os.mkfifo(pipe)
    for out, message in [
        (folder, "is a directory; name a file to write"),
        (folder.parent, "is a directory; name a file to write"),  # with no extension
        (pipe, "is not a regular file (a device or a pipe); not replaced"),
    ]:
        assert main(["convert", str(project_file), str(out)]) == 2
        assert capsys.readouterr().err == f"qcode: {out}: {message}\n"
    assert sorted(p.name for p in project_file.parent.iterdir()) == [
        "folder.json",
        "pipe.json",
        "small.json",
    ]


@pytest.mark.parametrize(
    ("patched", "error", "message"),
    [
        ("os.fsync", OSError(errno.ENOSPC, "No space left on device"),
         "cannot be written (No space left on device)"),
        ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied"),
         "cannot write in folder {folder!r} (Permission denied)"),
    ],
)  # fmt: skip
def test_file_system_failures_name_the_output(
    patched: str,
    error: OSError,
    message: str,
    project_file: Path,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(patched, fail)
    out = project_file.with_name("out.json")
    assert main(["convert", str(project_file), str(out)]) == 2
    expected = message.format(folder=str(out.parent))
    assert capsys.readouterr().err == f"qcode: {out}: {expected}\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["small.json"]


def test_a_nul_in_xml_is_reported_on_one_line(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "nul.qde"
    path.write_bytes(
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="a"><Description>a\x00b</Description>'
        b"</Project>"
    )
    assert main(["info", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {path}: not well-formed XML: Invalid character: Char 0x0 out of allowed "
        "range (line 1, column 65)\n"
    )


def test_an_unexpected_error_is_one_line_and_exit_3(
    project_file: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(args: object) -> int:
        raise KeyError("boom")

    monkeypatch.setitem(_COMMANDS, "info", broken)
    assert main(["info", str(project_file)]) == 3
    assert capsys.readouterr().err == "qcode: internal error (KeyError: 'boom'); please report it\n"


def test_xml_nested_too_deeply_is_one_line_without_parser_advice(
    tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "deep.qde"
    path.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="a">'
        + "<x>" * 300
        + "</x>" * 300
        + "</Project>",
        "utf-8",
    )
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"qcode: {path}: not well-formed XML: Excessive depth in document: 256")
    assert "XML_PARSE_HUGE" not in err and err.count("\n") == 1


class _ClosedPipe:
    """A stdout whose reader has gone, as under ``qcode excerpts FILE | head -1``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file descriptor")  # as a test's capture has none


@pytest.mark.parametrize("command", ["excerpts", "info"])
def test_a_reader_that_stops_early_is_no_error(
    command: str, project_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main([command, str(project_file)]) == 0
    assert capsys.readouterr().err == ""


def test_convert_writes_a_project_with_errors_and_exits_1(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    code = attrs.evolve(project.codes[1], color="red")
    broken = attrs.evolve(project, codes=(project.codes[0], code, *project.codes[2:]))
    source = tmp_path / "broken.json"
    qcode.dump(broken, source)
    out = tmp_path / "out.json"
    assert main(["convert", str(source), str(out)]) == 1
    assert capsys.readouterr().err == (  # the error is the input's, which validate finds
        f"ERROR {source} $.codes[1].color: 'red' is not a colour like '#1F77B4' or '#F00'\n"
        f"wrote {out}\n"
    )
    assert qcode.load(out) == broken


def test_convert_of_a_codebook_file_points_to_codebook_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdc = ROOT / "examples" / "sustaining_social_work" / "codebook.qdc"
    out = tmp_path / "book.json"
    assert main(["convert", str(qdc), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode convert: {qdc} holds only a codebook, whose examples and memos point into the "
        f"project it came from; qcode codebook export {qdc} {out} writes it as a codebook "
        "(.qdc, .json, .csv, .xlsx, .md)\n"
    )
    assert not out.exists()
    assert main(["codebook", "export", "--quiet", str(qdc), str(out)]) == 0


def test_convert_of_a_codebook_suggests_a_codebook_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdc = ROOT / "examples" / "sustaining_social_work" / "codebook.qdc"
    assert main(["convert", str(qdc), str(tmp_path / "out.qdpx")]) == 2
    assert f"qcode codebook export {qdc} {tmp_path / 'out.json'} writes" in capsys.readouterr().err


def test_quiet_leaves_out_warnings_but_not_the_errors_behind_exit_1(
    project: qcode.Project, tmp_path: Path, capsys: Capture
) -> None:
    import uuid

    excerpt = project.sources[0].excerpts[0]
    stray = attrs.evolve(excerpt.codings[0], code=uuid.UUID(int=9))
    source = project.sources[0]
    source = attrs.evolve(source, excerpts=(attrs.evolve(excerpt, codings=(stray,)),))
    path = tmp_path / "broken.json"
    qcode.dump(attrs.evolve(project, sources=(source,)), path)
    error = "$.sources[0].excerpts[0].codings[0].code: no code has id " + str(stray.code)
    for argv, file in (
        (["convert", str(path), str(tmp_path / "out.qdc")], path),
        (["report", str(path), "-o", str(tmp_path / "out.html")], path),
    ):
        assert main([*argv, "--quiet"]) == 1  # a .qdc leaves out the sources: a warning
        assert capsys.readouterr() == ("", f"ERROR {file} {error}\n")


def test_a_termination_signal_stops_a_write_without_leaving_anything_half_written(
    project_file: Path, tmp_path: Path
) -> None:
    """``kill`` (or ``timeout``) while the file is being written: the signal is sent from
    inside the write, just before the finished file would take its name."""
    out = tmp_path / "out" / "copy.qdpx"
    out.parent.mkdir()
    script = (
        "import os, signal, sys\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        "from qcode._cli import console\n"
        "sys.exit(console())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "convert", str(project_file), str(out)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        130,
        "",
        "qcode: stopped before it finished; a file it was writing is left as it was (what it "
        "printed may be cut short)\n",
    )
    assert list(out.parent.iterdir()) == []
