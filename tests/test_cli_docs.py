"""What docs/cli.md promises that tests/test_cli.py and tests/refi/test_cli_refi.py do not
already pin, each test named after the promise."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from attrs import evolve

import qcode
from qcode._cli import _COMMANDS, main
from qcode._issues import Issue, Severity
from tests.conftest import NAMESPACE, ROOT, WHEN, shared_path, small_project
from tests.refi.fixtures import declaring, project_xml, qdpx

Capture = pytest.CaptureFixture[str]
CLI_MD = (ROOT / "docs" / "cli.md").read_text("utf-8")


def _version() -> str:
    found = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert found is not None
    return found[1]


@pytest.mark.parametrize(
    "launcher",
    [[str(Path(sys.executable).with_name("qcode"))], [sys.executable, "-m", "qcode"]],
    ids=["installed", "python-m"],
)
def test_the_installed_command_and_python_m_qcode_print_the_version(launcher: list[str]) -> None:
    done = subprocess.run([*launcher, "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"qcode {_version()}\n", "")


def test_a_zip_is_read_like_a_qdpx(project_file: Path, capsys: Capture) -> None:
    archive = project_file.with_name("small.qdpx")
    assert main(["convert", "--quiet", str(project_file), str(archive)]) == 0
    copy = shutil.copy(archive, project_file.with_name("small.zip"))
    assert main(["info", "--json", str(archive)]) == 0
    from_qdpx = capsys.readouterr()
    assert main(["info", "--json", str(copy)]) == 0
    assert capsys.readouterr() == from_qdpx
    assert json.loads(from_qdpx.out)["excerpts"] == 2


_CRLF_TEXT = "😀 a\r\nbridge".encode()


@pytest.mark.parametrize(
    ("dialect", "start", "end", "text"),
    [
        ([], 5, 11, "bridge"),
        (["--dialect", "codepoints"], 5, 11, "bridge"),
        (["--dialect", "utf16"], 4, 10, "\nbridg"),
        (["--dialect", "codepoints-lf"], 6, 12, "ridge "),
    ],
)
def test_dialect_says_how_a_refi_file_counts_offsets(
    dialect: list[str], start: int, end: int, text: str, tmp_path: Path, capsys: Capture
) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(start=5, end=11), text=_CRLF_TEXT + b" and more")
    assert main(["excerpts", "--quiet", *dialect, str(path)]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["start"], row["end"], row["text"]) == (start, end, text)


COMMANDS = ["validate", "info", "excerpts", "convert"]


def _argv(command: str, path: Path, *options: str) -> list[str]:
    """``command`` on ``path`` (``convert`` writes ``out.json`` beside it)."""
    out = [str(path.with_name("out.json"))] if command == "convert" else []
    return [command, *options, str(path), *out]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_reads_in_the_dialect_given(
    command: str, tmp_path: Path, capsys: Capture
) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(start=5, end=11), text=_CRLF_TEXT + b" and more")
    assert main(_argv(command, path, "--dialect", "utf16")) == 0
    captured = capsys.readouterr()
    lines = captured.out if command == "validate" else captured.err
    where = "" if command == "validate" else f"{path}/project.qde "
    assert lines.splitlines()[0] == (
        f"INFO {where}/: text offsets read as utf16 (chosen by the caller); selections on word "
        "boundaries: codepoints 100%, utf16 0%, codepoints-lf 0%"
    )


_SOURCES_FOLDER = (
    "Sources/: the sources folder is called 'Sources', not 'sources'; a read without strict "
    "reads it there"
)


@pytest.mark.parametrize("command", ["info", "excerpts", "convert"])
def test_strict_reading_refuses_what_reading_had_to_normalise(
    command: str, tmp_path: Path, capsys: Capture
) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(), folder="Sources")
    assert main(_argv(command, path, "--strict")) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {path}: {_SOURCES_FOLDER}; run 'qcode validate --strict {path}' to see every "
        "problem\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qdpx"]


@pytest.mark.parametrize(
    ("command", "err"),
    [
        ("info", "WARNING {path} {report}\n"),
        ("excerpts", "WARNING {path} {report}\n"),
        ("convert", "WARNING {path} {report}\nwrote {out}\n"),
    ],
)
@pytest.mark.parametrize("quiet", [False, True])
def test_quiet_leaves_out_the_reading_report(
    command: str, err: str, quiet: bool, tmp_path: Path, capsys: Capture
) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(), folder="Sources")
    assert main(_argv(command, path, *(["--quiet"] if quiet else []))) == 0
    expected = (
        "" if quiet else err.format(path=path, report=_SOURCES_FOLDER, out=tmp_path / "out.json")
    )
    assert capsys.readouterr().err == expected


def test_strict_convert_refuses_what_the_output_cannot_carry_and_keeps_the_old_output(
    project_file: Path, capsys: Capture
) -> None:
    out = project_file.with_name("codebook.qdc")
    out.write_text("keep me", "utf-8")
    assert main(["convert", "--strict", str(project_file), str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {out}: $: a codebook holds only codes and code sets; not written: 1 "
        "source(s), 2 coding(s), 1 case(s), 1 variable(s), 1 user(s), 1 memo(s) (and 1 more "
        "error); nothing was written (.qdc cannot carry it as it is; without --strict it is "
        "written as the message says)\n",
    )
    assert out.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in out.parent.iterdir()) == ["codebook.qdc", "small.json"]


@pytest.mark.parametrize(
    ("quiet", "err"),
    [
        (
            [],
            "WARNING {out} $: a codebook holds only codes and code sets; not written: 1 "
            "source(s), 2 coding(s), 1 case(s), 1 variable(s), 1 user(s), 1 memo(s)\n"
            "WARNING {out} $.codes[1].note_refs: a codebook has no code memos\nwrote {out}\n",
        ),
        (["--quiet"], ""),
    ],
)
def test_quiet_leaves_out_the_writing_report(
    quiet: list[str], err: str, project_file: Path, capsys: Capture
) -> None:
    out = project_file.with_name("codebook.qdc")
    assert main(["convert", *quiet, str(project_file), str(out)]) == 0
    assert capsys.readouterr() == ("", err.format(out=out))
    assert [c.name for c in qcode.load(out).codes] == ["Findings", "Bridge", "Toll"]


def _pointing_outside(tmp_path: Path) -> Path:
    media = tmp_path / "media"
    media.mkdir()
    (media / "doc.txt").write_text("Hello there", "utf-8")
    xml = project_xml(text_path="relative://doc.txt").replace(
        'name="Mini"', f'name="Mini" basePath="{media}"', 1
    )
    return qdpx(tmp_path / "p.qdpx", xml, text=None)  # its text is outside


def test_without_external_root_nothing_outside_the_file_is_read_and_each_report_is_one_line(
    tmp_path: Path, capsys: Capture
) -> None:
    path = _pointing_outside(tmp_path)
    assert main(["excerpts", str(path)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["text"] == ""
    where = f"WARNING {path}/project.qde:2 /Project/Sources/TextSource"
    assert captured.err == (
        f"{where}: external file 'relative://doc.txt' of source 'Doc' is not read: qcode opens "
        "no local file unless a folder is allowed (ReadOptions(external_root=...), qcode "
        "--external-root DIR)\n"
        f"{where}: the text is missing (file 'relative://doc.txt'); read as empty\n"
    )


def test_external_root_lets_a_file_read_its_texts_inside_that_folder(
    tmp_path: Path, capsys: Capture
) -> None:
    path = _pointing_outside(tmp_path)
    assert main(["excerpts", "--external-root", str(tmp_path / "media"), str(path)]) == 0
    captured = capsys.readouterr()
    assert (json.loads(captured.out)["text"], captured.err) == ("Hello", "")


@pytest.mark.parametrize(
    ("command", "err"),
    [
        ("validate", "{path}: 0 error(s), 0 warning(s)\n"),
        ("info", ""),
        ("excerpts", ""),
        ("convert", "wrote {out}\n"),
    ],
)
def test_every_command_reads_external_texts_inside_external_root(
    command: str, err: str, tmp_path: Path, capsys: Capture
) -> None:
    path = _pointing_outside(tmp_path)
    assert main(_argv(command, path, "--external-root", str(tmp_path / "media"))) == 0
    assert capsys.readouterr().err == err.format(path=path, out=tmp_path / "out.json")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "qcode: the following arguments are required: command"),
        (["bogus"], "qcode: argument command: invalid choice: 'bogus' (choose from "
         f"{', '.join(map(repr, _COMMANDS))})"),
        (["info"], "qcode info: the following arguments are required: file"),
        (["excerpts", "x.json", "--format", "xml"], "qcode excerpts: argument --format: invalid "
         "choice: 'xml' (choose from 'jsonl', 'csv')"),
        (["info", "--dialect", "utf8", "x.json"], "qcode info: argument --dialect: invalid "
         "choice: 'utf8' (choose from 'codepoints', 'utf16', 'codepoints-lf')"),
        (["convert", "--target", "word", "a.json", "b.json"], "qcode convert: argument --target: "
         "invalid choice: 'word' (choose from 'atlasti', 'codepoints', 'codepoints-lf', "
         "'nvivo', 'qualcoder', 'refi', 'utf16')"),
        (["validate", "--json", "x.json"], "qcode validate: unrecognized arguments: --json"),
    ],
)  # fmt: skip
def test_a_wrong_command_line_exits_2_with_one_line(
    argv: list[str], message: str, capsys: Capture
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr() == ("", f"{message}\n")


def test_a_folder_as_input_exits_2_with_one_line(tmp_path: Path, capsys: Capture) -> None:
    folder = tmp_path / "study.json"
    folder.mkdir()
    assert main(["info", str(folder)]) == 2
    assert capsys.readouterr() == ("", f"qcode: {folder}: is a directory, not a file\n")


def test_a_file_beyond_a_limit_exits_2_with_one_line(tmp_path: Path, capsys: Capture) -> None:
    path = declaring(tmp_path / "bomb.qdpx", [(201 * 2**20, 2**20)])
    assert main(["info", str(path)]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {path}: member 'sources/big0.bin' is compressed 201 to 1, beyond the limit of "
        "200 to 1 (a zip bomb?)\n",
    )


def test_validate_prints_the_example_in_the_docs(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = CLI_MD.split("## `qcode validate FILE`", 1)[1]
    example = section.split("```text\n", 1)[1].split("```\n", 1)[0]
    count = re.search(r"a count on standard error \(`([^`]+)`\)", section)
    assert count is not None
    project = small_project()
    source = project.sources[0]
    too_long = evolve(source.excerpts[0], anchor=qcode.TextSpan(7, 99))
    project = evolve(
        project,
        codes=(*project.codes[:2], evolve(project.codes[2], name="bridge ")),
        sources=(evolve(source, excerpts=(too_long, *source.excerpts[1:])),),
    )
    monkeypatch.chdir(tmp_path)
    qcode.dump(project, "study.json")
    assert main(["validate", "study.json"]) == 1
    assert capsys.readouterr() == (example, f"{count[1]}\n")


def test_validate_reports_structure_problems_the_same_way(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"format": "qcode-project", "version": 1, "colour": 1, "codes": 5}', "utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr() == (
        "ERROR $: missing required key 'name'\n"
        "ERROR $.codes: expected array, got 5\n"
        "ERROR $.colour: unknown key 'colour'\n",
        f"{path}: 3 error(s), 0 warning(s)\n",
    )


def test_validate_on_refi_prints_the_reading_report_then_the_schema_then_the_project(
    tmp_path: Path, capsys: Capture
) -> None:
    xml = project_xml(start=3, end=99).replace("</Sources>", "</Sources><Sets/>")
    path = qdpx(tmp_path / "p.qdpx", xml, folder="Sources")
    assert main(["validate", str(path)]) == 1
    where = f"{path}/project.qde:2 /Project/Sets"
    assert capsys.readouterr() == (
        "WARNING Sources/: the sources folder is called 'Sources', not 'sources'; a read without "
        "strict reads it there\n"
        f"WARNING {where}: <Sets> is empty (REFI-QDA needs one child)\n"
        f"WARNING {where}: Element 'Sets': Missing child element(s). Expected is ( Set ).\n"
        "ERROR $.sources[0].excerpts[0].anchor.end: end 99 is beyond the end of the text "
        "(11 characters)\n",
        f"{path}: 1 error(s), 3 warning(s)\n",
    )


def _coded_twice() -> qcode.Project:
    b = qcode.ProjectBuilder("Two coders", id_namespace=NAMESPACE, coded_at=WHEN)
    b.user("Ana")
    bo = b.user("Bo", default=False)
    bridge, toll = b.code("Bridge"), b.code("Toll")
    first, second = b.participant("P1"), b.participant("P2")
    source = b.text_source("Workshop 1", 'We are a bridge, "it" takes its toll.', kind="workshop")
    excerpt = b.quote(source, 'a bridge, "it"', codes=[bridge], speaker=first)
    b.recode(excerpt, add=[toll], coder=bo)
    b.update(second, excerpts=(excerpt.id,))
    b.quote(source, "toll", codes=[toll])
    return b.build()


def test_excerpts_csv_has_a_header_and_joins_lists_with_semicolon_space(
    tmp_path: Path, capsys: Capture
) -> None:
    project = _coded_twice()
    path = tmp_path / "two.json"
    qcode.dump(project, path)
    assert main(["excerpts", str(path), "--format", "csv"]) == 0
    source = project.sources[0]
    first, second = (e.id for e in source.excerpts)
    bridge, toll = (project.code(name).id for name in ("Bridge", "Toll"))
    assert capsys.readouterr() == (
        "id,source,source_id,kind,medium,anchor,start,end,text,codes,code_ids,coders,"
        "participants\n"
        f'{first},Workshop 1,{source.id},workshop,text,TextSpan,7,21,"a bridge, ""it""",'
        f"Bridge; Toll,{bridge}; {toll},Ana; Bo,P1; P2\n"
        f"{second},Workshop 1,{source.id},workshop,text,TextSpan,32,36,toll,Toll,{toll},Ana,\n",
        "",
    )


def test_excerpts_of_other_anchors_have_no_span_and_their_quote_as_text(
    tmp_path: Path, capsys: Capture
) -> None:
    def excerpt(n: int, anchor: qcode.Anchor, quote: str | None) -> qcode.Excerpt:
        return qcode.Excerpt(id=uuid.UUID(int=n), anchor=anchor, quote=quote)

    transcript = qcode.Transcript(id=uuid.UUID(int=9), text="hi")
    sources = [
        qcode.Source(
            id=uuid.UUID(int=11),
            name="Roof",
            content=qcode.PictureContent(path="internal://p.png"),
            excerpts=(excerpt(1, qcode.PictureRegion(1, 2, 3, 4), "a roof"),),
        ),
        qcode.Source(
            id=uuid.UUID(int=12),
            name="Report",
            content=qcode.PDFContent(path="internal://r.pdf"),
            excerpts=(excerpt(2, qcode.PDFRegion(0, 1, 2, 3, 4), None),),
        ),
        qcode.Source(
            id=uuid.UUID(int=13),
            name="Talk",
            content=qcode.AudioContent(transcripts=(transcript,)),
            excerpts=(
                excerpt(3, qcode.TimeSpan(5, 9), "yes"),
                excerpt(4, qcode.TranscriptSpan(transcript=transcript.id), "hi"),
            ),
        ),
    ]
    project = qcode.Project(name="Media", sources=tuple(sources))
    path = tmp_path / "media.json"
    qcode.dump(project, path)
    assert main(["excerpts", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["medium"], r["anchor"], r["start"], r["end"], r["text"]) for r in rows] == [
        ("picture", "PictureRegion", None, None, "a roof"),
        ("pdf", "PDFRegion", None, None, None),
        ("audio", "TimeSpan", None, None, "yes"),
        ("audio", "TranscriptSpan", None, None, "hi"),
    ]


def test_embedded_files_travel_byte_for_byte_through_convert(tmp_path: Path) -> None:
    path = shared_path("refi", "samples", "nvivo", "oltas0517.qdpx")
    out = tmp_path / "again.qdpx"
    assert main(["convert", "--quiet", str(path), str(out)]) == 0
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(out) as copy:
        documents = sorted(n for n in original.namelist() if n.endswith(".docx"))
        assert len(documents) == 2
        for name in documents:
            assert copy.read(f"sources/{Path(name).name}") == original.read(name)


def _offsets_project(tmp_path: Path) -> Path:
    b = qcode.ProjectBuilder("Offsets", id_namespace=NAMESPACE, coded_at=WHEN)
    b.user("Ana")
    source = b.text_source("Doc", _CRLF_TEXT.decode())
    b.quote(source, "bridge", codes=[b.code("Bridge")])
    path = tmp_path / "offsets.json"
    qcode.dump(b.build(), path)
    return path


def _written(out: Path) -> tuple[str, bytes]:
    """The selection element and the text file of a one-source archive."""
    with zipfile.ZipFile(out) as archive:
        document = archive.read("project.qde").decode()
        (text,) = [archive.read(n) for n in archive.namelist() if n.endswith(".txt")]
    found = re.search(r"<PlainTextSelection [^>]*>", document)
    assert found is not None
    return found[0], text


@pytest.mark.parametrize(
    ("target", "start", "end"),
    [
        ([], 5, 11),
        (["--target", "refi"], 5, 11),
        (["--target", "codepoints"], 5, 11),
        (["--target", "nvivo"], 6, 12),
        (["--target", "utf16"], 6, 12),
        (["--target", "atlasti"], 4, 10),
        (["--target", "codepoints-lf"], 4, 10),
        (["--target", "qualcoder"], 4, 10),
    ],
)
def test_target_sets_the_text_offsets_written(
    target: list[str], start: int, end: int, tmp_path: Path
) -> None:
    out = tmp_path / "out.qdpx"
    assert main(["convert", "--quiet", *target, str(_offsets_project(tmp_path)), str(out)]) == 0
    selection, _ = _written(out)
    assert re.findall(r'(startPosition|endPosition)="(\d+)"', selection) == [
        ("startPosition", str(start)),
        ("endPosition", str(end)),
    ]


@pytest.mark.parametrize(
    ("target", "stamped", "text"),
    [("refi", False, _CRLF_TEXT), ("qualcoder", True, "😀 a\nbridge".encode())],
)
def test_target_qualcoder_adds_the_creation_times_and_lf_texts_its_importer_needs(
    target: str, stamped: bool, text: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.qdpx"
    start = _offsets_project(tmp_path)
    assert main(["convert", "--quiet", "--target", target, str(start), str(out)]) == 0
    selection, written = _written(out)
    stamp = re.search(r' creationDateTime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', selection)
    assert (stamp is not None, written) == (stamped, text)


@pytest.mark.parametrize(("flag", "real_name"), [([], None), (["--include-real-names"], "Jo")])
def test_real_names_are_left_out_unless_asked_for(
    flag: list[str], real_name: str | None, tmp_path: Path
) -> None:
    project = small_project()
    start = tmp_path / "start.json"
    qcode.dump(evolve(project, cases=(evolve(project.cases[0], real_name="Jo"),)), start)
    out = tmp_path / "out.qdpx"
    assert main(["convert", "--quiet", *flag, str(start), str(out)]) == 0
    assert [c.real_name for c in qcode.load(out).cases] == [real_name]


@pytest.mark.parametrize(
    ("flag", "code", "err"),
    [
        ([], 0, ""),
        (["--check-schema"], 2, "qcode: {out}: /Project: rejected; nothing was written (the "
         "document qcode made does not pass the official REFI-QDA schema, whatever the input "
         "holds: please report it; without --check-schema it is written)\n"),
    ],
)  # fmt: skip
def test_check_schema_checks_the_output_before_writing_it(
    flag: list[str],
    code: int,
    err: str,
    project_file: Path,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rejecting(root: object, kind: str, file: str, severity: Severity) -> list[Issue]:
        # at a line of the document, which is not written: the message names no line
        return [
            Issue(
                severity=severity, code="schema", path="/Project", message="rejected",
                file=file, line=5,
            )
        ]  # fmt: skip

    monkeypatch.setattr("qcode._formats._refi.schema_issues", rejecting)
    out = project_file.with_name("out.qdpx")
    assert main(["convert", "--quiet", *flag, str(project_file), str(out)]) == code
    assert capsys.readouterr().err == err.format(out=out, start=project_file)
    assert out.exists() == (code == 0)


def test_convert_writes_a_temporary_file_beside_out_and_renames_it_when_complete(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    fsync = os.fsync

    def looking(descriptor: int) -> None:
        seen.append(sorted(p.name for p in project_file.parent.iterdir()))
        fsync(descriptor)

    monkeypatch.setattr("os.fsync", looking)
    out = project_file.with_name("out.json")
    assert main(["convert", "--quiet", str(project_file), str(out)]) == 0
    ((temporary, original),) = seen
    assert original == "small.json"
    assert re.fullmatch(r"\.out\.json\.\w+\.tmp", temporary)
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.json", "small.json"]
