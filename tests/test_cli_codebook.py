"""What docs/cli.md promises of ``qcode codebook diff|merge|export|apply``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve

import qcode
from qcode._cli import main
from tests.codebooks import BASE, changed, cid
from tests.conftest import ROOT

Capture = pytest.CaptureFixture[str]
EXAMPLE = ROOT / "examples" / "sustaining_social_work"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.json"
    qcode.write_codebook(BASE, path)
    return path


def _written(book: qcode.Codebook, path: Path) -> Path:
    qcode.write_codebook(book, path)
    return path


def test_diff_exits_0_when_equal_and_prints_nothing(base: Path, capsys: Capture) -> None:
    copy = _written(BASE, base.with_name("copy.qdc"))
    assert main(["codebook", "diff", str(base), str(copy)]) == 0
    assert capsys.readouterr() == ("", "")


def test_diff_exits_1_and_prints_one_line_per_difference(base: Path, capsys: Capture) -> None:
    new = _written(
        changed(BASE, "Toll", name="The toll", status=qcode.CodeStatus.DRAFT),
        base.with_name("new.csv"),
    )
    assert main(["codebook", "diff", "--quiet", str(base), str(new)]) == 1
    # A table holds no id, name or version: they are not reported as changed.
    assert capsys.readouterr().out == (
        'code-renamed Findings/The toll: "Toll" -> "The toll"\n'
        "status-changed Findings/The toll: (none) -> draft\n"
    )


def test_diff_as_json_says_whether_equal(base: Path, capsys: Capture) -> None:
    new = _written(
        changed(BASE, "Hope", brief_definition="Looking ahead."), base.with_name("new.json")
    )
    assert main(["codebook", "diff", str(base), str(new), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["equal"], [d["kind"] for d in document["differences"]]) == (
        False,
        ["code-changed"],
    )
    assert document["differences"][0]["new"] == "Looking ahead."


def test_diff_matches_by_path_when_asked(base: Path, capsys: Capture) -> None:
    drafted = base.with_name("draft.csv")
    drafted.write_text("path\nFindings\nFindings/Toll\nFindings/Hope\nMethod\n", "utf-8")
    assert main(["codebook", "diff", str(base), str(drafted), "--match", "path"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0] for line in lines] == [
        "code-changed",
        "code-changed",
        "status-changed",
        "theme-removed",
    ]


def test_diff_exits_2_for_a_file_it_cannot_read(base: Path, capsys: Capture) -> None:
    missing = base.with_name("missing.qdc")
    assert main(["codebook", "diff", str(base), str(missing)]) == 2
    assert capsys.readouterr() == ("", f"qcode: {missing}: no such file\n")


def test_a_bad_table_is_refused_with_every_bad_cell(base: Path, capsys: Capture) -> None:
    draft = base.with_name("draft.csv")
    draft.write_text("path,status\nA,maybe\nB/C,\n", "utf-8")
    assert main(["codebook", "diff", str(base), str(draft)]) == 2
    assert capsys.readouterr() == (
        "",
        f"ERROR {draft} row 2, column 'status': 'maybe' is not draft, active or retired\n"
        f"ERROR {draft} row 3, column 'path': no row has the parent path 'B'\n"
        f"qcode: {draft}: 2 error(s); no codebook read\n",
    )


def test_merge_writes_the_result_and_exits_1_on_conflicts(base: Path, capsys: Capture) -> None:
    ours = _written(changed(BASE, "Toll", brief_definition="Ours."), base.with_name("ours.json"))
    theirs = _written(
        changed(BASE, "Toll", brief_definition="Theirs."), base.with_name("theirs.qdc")
    )
    out = base.with_name("merged.md")
    assert main(["codebook", "merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 1
    assert capsys.readouterr() == (
        'conflict (field) Findings/Toll brief_definition: ours "Ours.", theirs "Theirs."\n',
        f"WARNING {out} $: a Markdown codebook is for reading and holds no ids; .json or .qdc "
        f"keeps them\nwrote {out}\n1 conflict(s), marked in {out}\n",
    )
    text = out.read_text("utf-8")
    # the middle marker escaped: under "Ours." it would make that line a heading
    assert "**Brief definition.** <<<<<<< ours\nOurs.\n\\=======\nTheirs.\n>>>>>>> theirs" in text
    assert text.endswith(
        "## Changes\n\n- Merge conflict (field) Findings/Toll brief_definition: ours "
        '"Ours.", theirs "Theirs."\n'
    )


def test_a_clean_merge_exits_0(base: Path, capsys: Capture) -> None:
    ours = _written(changed(BASE, "Toll", name="The toll"), base.with_name("ours.json"))
    theirs = _written(evolve(BASE, version="2"), base.with_name("theirs.json"))
    out = base.with_name("merged.json")
    assert (
        main(["codebook", "merge", "--quiet", str(base), str(ours), str(theirs), "-o", str(out)])
        == 0
    )
    assert capsys.readouterr() == ("", "")
    assert qcode.read_codebook(out) == evolve(changed(BASE, "Toll", name="The toll"), version="2")


@pytest.mark.parametrize("suffix", [".qdc", ".json", ".csv", ".xlsx", ".md"])
def test_export_writes_every_codebook_format(suffix: str, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / f"codebook{suffix}"
    assert (
        main(
            [
                "codebook",
                "export",
                "--quiet",
                str(EXAMPLE / "sustaining_social_work.qdpx"),
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr() == ("", "")
    if suffix == ".md":
        assert out.read_text("utf-8").startswith("# Codebook: Sustaining social work")
    else:
        assert (
            qcode.read_codebook(out).codes
            == qcode.load(EXAMPLE / "sustaining_social_work.json").codes
        )


def test_export_refuses_a_format_that_is_no_codebook(tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "codebook.qdpx"
    assert main(["codebook", "export", str(EXAMPLE / "codebook.qdc"), str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode: {out}: cannot write a codebook as '.qdpx'; qcode writes .csv, .json, .md, "
        ".qdc, .xlsx\n",
    )
    assert not out.exists()


def test_apply_writes_the_project_in_line_with_the_codebook(
    tmp_path: Path, capsys: Capture
) -> None:
    project = qcode.load(EXAMPLE / "sustaining_social_work.json")
    published = project.codebook
    coping = published.code("Coping")
    extra = qcode.Code(id=cid("Humour"), name="Humour", parent=coping.id)
    book = _written(evolve(published, codes=(*published.codes, extra)), tmp_path / "book.csv")
    out = tmp_path / "study.qdpx"
    argv = [
        "codebook",
        "apply",
        str(book),
        str(EXAMPLE / "sustaining_social_work.qdpx"),
        "-o",
        str(out),
    ]
    assert main(argv) == 0
    assert capsys.readouterr() == ("", f"INFO Coping/Humour: added\nwrote {out}\n")
    applied = qcode.load(out)
    assert applied.path(cid("Humour")) == "Coping/Humour"
    assert applied.sources == qcode.load(EXAMPLE / "sustaining_social_work.qdpx").sources


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["codebook"], "qcode codebook: the following arguments are required: action"),
        (
            ["codebook", "diff", "a.qdc"],
            "qcode codebook diff: the following arguments are required: new",
        ),
        (
            ["codebook", "merge", "a.qdc", "b.qdc", "c.qdc"],
            "qcode codebook merge: the following arguments are required: -o/--output",
        ),
        (
            ["codebook", "diff", "a.qdc", "b.qdc", "--match", "name"],
            "qcode codebook diff: argument --match: invalid choice: 'name' (choose from 'id', "
            "'path')",
        ),
    ],
)
def test_a_wrong_codebook_command_line_exits_2_with_one_line(
    argv: list[str], message: str, capsys: Capture
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr() == ("", message + "\n")


@pytest.mark.parametrize("name", ["x.qdc", "x.csv", "x.docx"])
def test_apply_refuses_an_output_that_holds_no_project_before_reading(
    name: str, tmp_path: Path, capsys: Capture
) -> None:
    out = tmp_path / name
    project = tmp_path / "missing.json"  # not read: the output is refused first
    argv = ["codebook", "apply", str(EXAMPLE / "codebook.qdc"), str(project), "-o", str(out)]
    assert main(argv) == 2
    said = (
        "cannot write a project as '.docx'; write it to .json, .qdpx or .qde"
        if name == "x.docx"
        else f"{out} would hold only the codebook; write the project to .json, .qdpx or .qde "
        "(qcode codebook export writes a codebook)"
    )
    assert capsys.readouterr().err == f"qcode codebook apply: {said}\n"
    assert not out.exists()


def test_apply_with_its_files_swapped_says_the_codebook_comes_first(
    tmp_path: Path, capsys: Capture
) -> None:
    """A .qdc given as the project was read as a project of codes and written with an error
    for every example; a codebook's .json was "a codebook: qcode codebook export reads it"."""
    project, out = EXAMPLE / "sustaining_social_work.json", tmp_path / "out.json"
    as_json = _written(BASE, tmp_path / "book.json")
    as_qde = tmp_path / "book.qde"  # a REFI-QDA codebook under a project's name
    as_qde.write_bytes((EXAMPLE / "codebook.qdc").read_bytes())
    for book in (EXAMPLE / "codebook.qdc", as_json, as_qde):
        assert main(["codebook", "apply", str(project), str(book), "-o", str(out)]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"qcode codebook apply: {book} holds a codebook, not a project; the codebook comes "
            "first: qcode codebook apply CODEBOOK PROJECT -o OUT"
        )
    assert not out.exists()
    in_qdc = tmp_path / "project.qdc"  # a project under a codebook's name is a project
    qcode.write(qcode.load(project), tmp_path / "project.qde")
    (tmp_path / "project.qde").rename(in_qdc)
    assert main(["codebook", "apply", str(as_json), str(in_qdc), "-o", str(out), "-q"]) == 0
    assert qcode.load(out).sources == qcode.load(project).sources


def test_validate_checks_a_codebook_as_its_codes_and_themes(
    tmp_path: Path, capsys: Capture
) -> None:
    """The example's codebook quotes excerpts and holds memo references of the project it
    came from: they are not looked for in the codebook."""
    marked = tmp_path / "marked.json"  # a byte-order mark before the JSON, as Windows writes
    marked.write_bytes(b"\xef\xbb\xbf" + _written(BASE, tmp_path / "plain.json").read_bytes())
    written = json.loads(_written(BASE, tmp_path / "plain.json").read_text("utf-8"))
    reordered = tmp_path / "reordered.json"  # another tool's key order: "format" last
    reordered.write_text(json.dumps(dict(reversed(written.items()))), "utf-8")
    assert next(reversed(json.loads(reordered.read_text("utf-8")))) == "format"
    assert main(["validate", str(marked)]) == 0
    assert capsys.readouterr() == (
        "WARNING $: the JSON starts with a byte-order mark, which JSON does not have "
        "(a read without strict drops it)\n",
        f"{marked}: 0 error(s), 1 warning(s)\n",
    )
    deep = tmp_path / "deep.json"  # not a project, and no codebook either: one message
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    assert main(["validate", str(deep)]) == 2
    assert capsys.readouterr() == ("", f"qcode: {deep}: values are nested too deeply to read\n")
    for path in (EXAMPLE / "codebook.qdc", _written(BASE, tmp_path / "base.csv"), reordered):
        assert main(["validate", str(path)]) == 0
        assert capsys.readouterr().err.endswith(f"{path}: 0 error(s), 0 warning(s)\n")
    broken = changed(changed(BASE, "Method", name=""), "Hope", name="Toll")
    gone = evolve(broken, themes=(evolve(BASE.themes[0], codes=(cid("Gone"),)),))
    path = _written(gone, tmp_path / "broken.json")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "WARNING $.codes[2].name: code 'Toll' has the same name as $.codes[1] under the same "
        "parent",
        "ERROR $.codes[3].name: a code has no name",
        f"ERROR $.themes[0].codes[0]: no code has id {cid('Gone')}",
    ]
    grief = qcode.Code(id=cid("Grief"), name="Grief", parent=cid("Findings"))
    extension = evolve(BASE, id=cid("more"), extends=qcode.CodebookRef(id=BASE.id), codes=(grief,))
    assert qcode.validate(extension) == ()  # its codes may sit under the base's
    assert [i.message for i in qcode.validate(evolve(extension, extends=None))] == [
        f"no code has id {cid('Findings')}",
        f"no code has id {cid('Toll')}",
    ]


def test_export_writes_a_codebook_with_errors_and_exits_1(tmp_path: Path, capsys: Capture) -> None:
    broken = _written(changed(BASE, "Method", name=""), tmp_path / "broken.json")
    out = tmp_path / "out.json"
    assert main(["codebook", "export", str(broken), str(out)]) == 1
    assert (
        capsys.readouterr().err
        == f"ERROR {broken} $.codes[3].name: a code has no name\nwrote {out}\n"
    )
    assert qcode.read_codebook(out) == changed(BASE, "Method", name="")


def test_versions_of_a_spreadsheet_without_ids_merge_by_path(
    tmp_path: Path, capsys: Capture
) -> None:
    """Ids made from paths alone: three copies under other names agree on them, and their
    names (the files') are no conflict."""
    drafts = {"base": "path\nA\nA/B\n", "ours": "path,brief_definition\nA,x\nA/B,\n",
              "theirs": "path\nA\nA/B\nC\n"}  # fmt: skip
    for name, text in drafts.items():
        (tmp_path / f"{name}.csv").write_text(text, "utf-8")
    out = tmp_path / "merged.json"
    files = [str(tmp_path / f"{name}.csv") for name in drafts]
    assert main(["codebook", "merge", "--quiet", *files, "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    merged = qcode.read_codebook(out)
    assert [(merged.path(c), c.brief_definition) for c in merged.codes] == [
        ("A", "x"),
        ("A/B", None),
        ("C", None),
    ]


def test_strict_export_refuses_what_a_table_cannot_carry(tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "out.csv"
    book = evolve(BASE, description="Findings and method.")
    described = _written(book, tmp_path / "described.json")
    assert main(["codebook", "export", "--strict", str(described), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {out}: $: a table holds no version, description; nothing was written "
        "(.csv cannot carry it as it is; without --strict it is written as the message says)\n"
    )
    assert not out.exists()
    assert main(["codebook", "export", "--strict", str(described), str(tmp_path / "a.json")]) == 0


def test_strict_export_refuses_a_codebook_with_errors(tmp_path: Path, capsys: Capture) -> None:
    broken = _written(changed(BASE, "Method", name=""), tmp_path / "broken.json")
    out = tmp_path / "out.json"
    assert main(["codebook", "export", "--strict", str(broken), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {broken}: $.codes[3].name: a code has no name; nothing was written "
        f"(run 'qcode validate {broken}' to see every problem of the input)\n"
    )
    assert not out.exists()
    with pytest.raises(qcode.InvalidProjectError):
        qcode.write_codebook(changed(BASE, "Method", name=""), out, strict=True)
    assert not out.exists()


def test_strict_merge_says_its_result_has_the_errors(tmp_path: Path, capsys: Capture) -> None:
    base = _written(BASE, tmp_path / "base.json")
    bad = _written(changed(BASE, "Toll", color="red"), tmp_path / "bad.json")
    out = tmp_path / "out.json"
    assert (
        main(["codebook", "merge", "--strict", str(base), str(base), str(bad), "-o", str(out)]) == 2
    )
    assert capsys.readouterr().err == (
        f"qcode: {out}: $.codes[1].color: 'red' is not a colour like '#1F77B4' or '#F00'; nothing "
        "was written (the result has these errors; without --strict it is written with them)\n"
    )
    assert not out.exists()


def test_diff_and_merge_say_when_only_paths_could_match(tmp_path: Path, capsys: Capture) -> None:
    """A sheet drafted without its id column matched nothing by id: diff listed every code
    removed and added, and merge kept none of the ids, without a hint (apply gave one)."""
    full = _written(BASE, tmp_path / "full.csv")
    rows = full.read_text("utf-8").splitlines()
    at = rows[0].split(",").index("id")
    noid = tmp_path / "noid.csv"
    noid.write_text(
        "\r\n".join(",".join(c for i, c in enumerate(r.split(",")) if i != at) for r in rows),
        "utf-8",
    )  # the test's cells hold no commas
    base = _written(BASE, tmp_path / "base.json")
    said = (
        f"WARNING {noid}: no code has an id of {base}'s, but 4 have a path of its codes: "
        "--match path matches them by path\n"
    )
    assert main(["codebook", "diff", str(base), str(noid)]) == 1
    assert capsys.readouterr().err == said
    assert main(["codebook", "diff", str(base), str(noid), "--match", "path"]) == 0
    assert capsys.readouterr().err == ""
    out = tmp_path / "merged.json"
    main(["codebook", "merge", str(base), str(base), str(noid), "-o", str(out), "-q"])
    assert capsys.readouterr().err == ""  # --quiet
    main(["codebook", "merge", str(base), str(base), str(noid), "-o", str(out)])
    assert capsys.readouterr().err.startswith(said)


def test_diff_merge_and_apply_refuse_a_codebook_whose_codes_share_an_id(
    base: Path, tmp_path: Path, capsys: Capture
) -> None:
    """Matched by id, the second code of one id was lost: diff called two different files
    equal (exit 0) and merge dropped the code without a word."""
    toll = BASE.code("Findings/Toll")
    twin = evolve(toll, name="Toll twin")
    damaged = _written(evolve(BASE, codes=(*BASE.codes, twin)), tmp_path / "twin.json")
    said = (
        f"qcode: {damaged}: two codes have the id {toll.id} ('Toll' and 'Toll twin'); they are "
        f"matched by id, so one would be lost: qcode validate {damaged} lists every problem\n"
    )
    out = tmp_path / "out.json"
    for argv in (
        ["diff", str(base), str(damaged)],
        ["merge", str(base), str(base), str(damaged), "-o", str(out)],
        ["apply", str(damaged), str(EXAMPLE / "sustaining_social_work.json"), "-o", str(out)],
    ):
        assert main(["codebook", *argv]) == 2
        assert capsys.readouterr() == ("", said)
    assert not out.exists()
    # export does not match codes: it writes the file and reports the error (exit 1)
    assert main(["codebook", "export", str(damaged), str(out), "-q"]) == 1
    assert capsys.readouterr().err == (
        f"ERROR {damaged} $.codes[4]: id {toll.id} is already used by code 'Toll' at $.codes[1]\n"
    )


def test_apply_refuses_to_write_the_project_over_its_codebook(base: Path, capsys: Capture) -> None:
    """``-o`` naming the codebook replaced it with the project, without a word."""
    before = base.read_bytes()
    argv = ["apply", str(base), str(EXAMPLE / "sustaining_social_work.json"), "-o", str(base)]
    assert main(["codebook", *argv]) == 2
    assert capsys.readouterr() == (
        "",
        f"qcode codebook apply: {base} is the file it reads; the project would replace it: "
        "write the project to another file\n",
    )
    assert base.read_bytes() == before


def test_export_to_a_folder_says_it_is_one(base: Path, capsys: Capture) -> None:
    """It said "cannot write a codebook as 'a file without an extension'"."""
    assert main(["codebook", "export", str(base), str(base.parent)]) == 2
    assert (
        capsys.readouterr().err == f"qcode: {base.parent}: is a directory; name a file to write\n"
    )


def test_a_strict_apply_says_nothing_was_written(tmp_path: Path, capsys: Capture) -> None:
    """It named the output, not written, as the file to validate."""
    project = qcode.load(EXAMPLE / "sustaining_social_work.json")
    at = next(n for n, s in enumerate(project.sources) if s.excerpts)  # a text's, coded
    source = project.sources[at]
    past = evolve(source.excerpts[0], anchor=qcode.TextSpan(0, len(source.text or "") + 5))
    sources = list(project.sources)
    sources[at] = evolve(source, excerpts=(past, *source.excerpts[1:]))
    damaged = evolve(project, sources=tuple(sources))
    given, out = tmp_path / "damaged.json", tmp_path / "out.json"
    qcode.dump(damaged, given)
    book = _written(project.codebook, tmp_path / "book.json")
    assert main(["codebook", "apply", str(book), str(given), "-o", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"qcode: {out}: $.sources[{at}].excerpts[0].anchor.end: end ")
    assert err.endswith(
        "; nothing was written (the result has these errors; without --strict it is written "
        "with them)\n"
    )
    assert not out.exists()
