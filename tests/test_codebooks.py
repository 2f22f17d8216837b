"""Codebooks as documents: every format, diff per change kind, merge per conflict kind,
resolve, and applying a codebook to a project."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from attrs import evolve
from markdown_it import MarkdownIt

import qcode
from qcode._codebooks._formats._table import TABLE_NAMESPACE
from qcode._codebooks._merge import markers
from qcode._display import colours
from tests.codebooks import BASE, changed, cid, code
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "sustaining_social_work"


@pytest.fixture(scope="module")
def example() -> qcode.Project:
    return qcode.load(EXAMPLE / "sustaining_social_work.json")


def _described(book: qcode.Codebook) -> qcode.Codebook:
    return evolve(
        book,
        version="2.1",
        authors=("R. Owens", "A. Coder"),
        extends=qcode.CodebookRef(id=cid("published"), version="1"),
        removes=(cid("gone"),),
        changes=(
            qcode.CodebookChange(text="First round", date=dt.date(2024, 3, 1), author="R. Owens"),
        ),
    )


# -- formats --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".qdc"])
def test_the_example_codebook_with_metadata_round_trips(
    suffix: str, example: qcode.Project, tmp_path: Path
) -> None:
    book = _described(example.codebook)
    path = tmp_path / f"book{suffix}"
    assert qcode.write_codebook(book, path) == ()
    report: list[qcode.Issue] = []
    assert qcode.read_codebook(path, report=report) == book
    assert report == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_example_codebook_round_trips_through_tables_for_what_they_hold(
    suffix: str, example: qcode.Project, tmp_path: Path
) -> None:
    book = example.codebook
    path = tmp_path / f"book{suffix}"
    report = qcode.write_codebook(book, path)
    assert [(i.code, i.path) for i in report] == [
        ("not-carried", "$"),
        ("not-carried", "$.themes[0]"),
        ("not-carried", "$.themes[1]"),
        ("not-carried", "$.themes[2]"),
    ]
    back = qcode.read_codebook(path)
    assert back.codes == book.codes
    assert [(t.name, t.codes) for t in back.themes] == [(t.name, t.codes) for t in book.themes]
    assert (back.name, back.description) == ("book", None)


def test_the_example_codebook_qdc_is_the_projects_codebook(example: qcode.Project) -> None:
    assert qcode.read_codebook(EXAMPLE / "codebook.qdc") == example.codebook
    assert qcode.read_codebook(EXAMPLE / "sustaining_social_work.qdpx") == example.codebook
    assert qcode.read_codebook(EXAMPLE / "sustaining_social_work.json") == example.codebook


def test_markdown_of_a_codebook_gives_its_metadata_and_no_counts(tmp_path: Path) -> None:
    path = tmp_path / "book.md"
    said = qcode.write_codebook(_described(BASE), path)
    assert [(i.severity.value, i.code, i.path, i.message, i.file) for i in said] == [
        (
            "warning",
            "not-carried",
            "$",
            "a Markdown codebook is for reading and holds no ids; .json or .qdc keeps them",
            str(path),
        )
    ]
    assert path.read_text("utf-8") == (
        "# Codebook: Book\n\n*Version 2.1; by R. Owens, A. Coder*\n\n"
        f"Extends codebook {cid('published')}, version 1.\n\n"
        f"Removes its codes:\n\n- {cid('gone')}\n\n"
        "## Theme: Strain\n\n### Toll\n\n*under *Findings**\n\n"
        "**Brief definition.** The cost of the work.\n\n"
        "## Codes in no theme\n\n### Findings\n\n*a folder (not applied directly)*\n\n"
        "### Hope\n\n*under *Findings*; active*\n\n### Method\n\n"
        "## Changes\n\n- First round (2024-03-01, R. Owens)\n"
    )


def test_markdown_says_what_it_leaves_out_and_strict_refuses_it(tmp_path: Path) -> None:
    example = qcode.Example(kind=qcode.ExampleKind.TYPICAL, text="A quote.", excerpt=cid("q"))
    book = changed(
        changed(BASE, "Toll", color="#aa0000", examples=(example,)), "Hope", note_refs=(cid("m"),)
    )
    path = tmp_path / "book.md"
    said = qcode.write_codebook(book, path)
    assert [i.message for i in said] == [
        "a Markdown codebook is for reading and holds no ids, colours, memo references or links "
        "from examples to excerpts; .json or .qdc keeps them"
    ]
    assert qcode.write_codebook(qcode.Codebook(id=cid("empty"), name="Empty"), path) == ()
    path.unlink()
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.write_codebook(book, path, strict=True)
    assert [(i.severity.value, i.code) for i in caught.value.issues] == [("error", "not-carried")]
    assert not path.exists()


def test_markdown_shows_themes_whose_parent_is_nowhere_or_in_a_loop() -> None:
    lost = qcode.Theme(id=cid("Lost"), name="Lost", parent=cid("nowhere"), codes=(cid("Toll"),))
    one = qcode.Theme(id=cid("One"), name="One", parent=cid("Two"), description="First.")
    two = qcode.Theme(id=cid("Two"), name="Two", parent=cid("One"))
    text = qcode.codebook_markdown(evolve(BASE, themes=(lost, one, two)))
    assert [line for line in text.splitlines() if "Theme:" in line] == [
        "## Theme: Lost",
        "## Theme: One",
        "### Theme: Two",
    ]
    assert "First." in text and "### Toll" in text.split("## Codes in no theme")[0]


def test_markdown_writes_a_theme_tree_of_any_depth() -> None:
    """Each theme's children were written by recursion: 1,000 levels, which validate
    passes, ended with a RecursionError (``qcode codebook export``: "internal error")."""
    themes = tuple(
        qcode.Theme(
            id=cid(f"T{n}"), name=f"T{n}", parent=cid(f"T{n - 1}") if n else None,
            codes=(cid("Toll"),) if n == 1_999 else (),
        )
        for n in range(2_000)
    )  # fmt: skip
    text = qcode.codebook_markdown(evolve(BASE, themes=themes))
    headings = [line for line in text.splitlines() if "Theme:" in line]
    assert headings[:6] == [
        "## Theme: T0", "### Theme: T1", "#### Theme: T2", "##### Theme: T3",
        "###### Theme: T4", "###### Theme: T5",
    ]  # fmt: skip
    assert len(headings) == 2_000 and headings[-1] == "###### Theme: T1999"
    assert "###### Toll" in text.splitlines()
    assert len(text) < 100_000  # each heading at most six marks: not 2,000 squared / 2


def test_the_json_document_is_versioned_and_keeps_the_codebooks_own_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.json"
    qcode.write_codebook(BASE, path)
    document = json.loads(path.read_text("utf-8"))
    assert list(document)[:5] == ["format", "format_version", "id", "name", "version"]
    assert (document["format"], document["format_version"], document["version"]) == (
        "qcode-codebook",
        1,
        "1",
    )


def test_a_bad_json_codebook_is_refused_with_the_place(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    qcode.write_codebook(BASE, path)
    document = json.loads(path.read_text("utf-8"))
    document["codes"][1]["status"] = "finished"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(qcode.InvalidProjectError) as raised:
        qcode.read_codebook(path)
    assert [(i.path, i.message) for i in raised.value.issues] == [
        ("$.codes[1].status", "\"finished\" is not one of 'draft', 'active', 'retired'"),
    ]


def test_a_drafted_table_reads_columns_in_any_order_and_case(tmp_path: Path) -> None:
    path = tmp_path / "draft.csv"
    path.write_text(
        "Status,PATH,Brief Definition,when-to-use,Themes,Origin\n"
        "active,Findings,,,,\n"
        "draft,Findings/Peer support,Colleagues hold each other up.,"
        '"- talk of a team\n- talk of a manager",Support,inductive\n',
        "utf-8",
    )
    book = qcode.read_codebook(path)
    folder, peer = book.codes
    assert (folder.name, folder.parent, folder.status) == (
        "Findings",
        None,
        qcode.CodeStatus.ACTIVE,
    )
    assert peer == qcode.Code(
        id=peer.id,
        name="Peer support",
        parent=folder.id,
        brief_definition="Colleagues hold each other up.",
        when_to_use=("talk of a team", "talk of a manager"),
        origin=qcode.CodeOrigin.INDUCTIVE,
        status=qcode.CodeStatus.DRAFT,
    )
    assert [(t.name, t.codes) for t in book.themes] == [("Support", (peer.id,))]
    assert book.path(peer) == "Findings/Peer support"


def test_a_table_saved_with_cr_lf_throughout_reads_as_one_saved_with_lf(tmp_path: Path) -> None:
    """An editor that ends every line in CR LF, inside quoted cells too, left a CR at the
    end of each item, and an example's excerpt line was refused as holding no id."""
    excerpt = "0f6b1c2e-5a47-4c3e-9d1a-2b8e7f4c6a10"
    text = (
        "path,when_to_use,examples\n"
        f'Toll,"- talk of strain\n- of cost\n  to the worker","- [typical] It takes its toll.\n'
        f'  (excerpt: {excerpt})\n  (note: plain)"\n'
    )
    (tmp_path / "lf.csv").write_bytes(text.encode("utf-8"))
    (tmp_path / "crlf.csv").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    lf, crlf = (qcode.read_codebook(tmp_path / name) for name in ("lf.csv", "crlf.csv"))
    assert crlf.codes == lf.codes
    toll = crlf.codes[0]
    assert toll.when_to_use == ("talk of strain", "of cost\nto the worker")
    assert [(e.text, str(e.excerpt), e.note) for e in toll.examples] == [
        ("It takes its toll.", excerpt, "plain")
    ]


def test_a_definition_of_spaces_alone_is_reported_as_read_back_as_none(tmp_path: Path) -> None:
    """A table takes a cell of spaces for a blank one: the definition was lost unsaid."""
    for blank in ("   ", ""):
        spaced = evolve(BASE.codes[1], brief_definition=blank)
        book = evolve(BASE, codes=(BASE.codes[0], spaced, *BASE.codes[2:]))
        said = qcode.write_codebook(book, tmp_path / "b.csv")
        assert [(i.path, i.message) for i in said if i.path.startswith("$.codes")] == [
            (
                "$.codes[1].brief_definition",
                "code 'Toll': a brief definition that is empty or only spaces is read back as "
                "none (a table takes such a cell for a blank one)",
            )
        ]
        assert qcode.read_codebook(tmp_path / "b.csv").codes[1].brief_definition is None


def test_every_bad_row_of_a_table_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "draft.csv"
    path.write_text(
        "path,id,codable,color,origin,status,examples,notes\n"
        "A,not-an-id,perhaps,red,theory,done,a plain line,\n"
        "A,,,,,,,\n"
        ",,,,,draft,,\n"
        "B/C,,,,,,,\n"
        "D,,,#00FF00,in vivo,retired,- [near miss] close,\n",
        "utf-8",
    )
    with pytest.raises(qcode.InvalidProjectError) as raised:
        qcode.read_codebook(path)
    assert [str(issue) for issue in raised.value.issues] == [
        f"WARNING {path} row 1: column 'notes' is not a codebook column (id, path, codable, "
        "color, brief_definition, full_definition, when_to_use, when_not_to_use, examples, "
        "origin, status, themes); it was not read",
        f"ERROR {path} row 2, column 'id': 'not-an-id' is not an id (a UUID)",
        f"ERROR {path} row 2, column 'codable': 'perhaps' is not true or false",
        f"ERROR {path} row 2, column 'color': 'red' is not a colour like #1A2B3C or #F00",
        f"ERROR {path} row 2, column 'examples': 'a plain line' does not start an example "
        "with '- [typical]', '- [atypical]' or '- [near miss]' (nor continue one, indented "
        "two spaces)",
        f"ERROR {path} row 2, column 'origin': 'theory' is not deductive, inductive or in vivo",
        f"ERROR {path} row 2, column 'status': 'done' is not draft, active or retired",
        f"ERROR {path} row 3, column 'path': path 'A' is already on row 2",
        f"ERROR {path} row 4, column 'path': the path is empty",
        f"ERROR {path} row 5, column 'path': no row has the parent path 'B'",
    ]


def test_empty_names_in_a_path_and_list_lines_without_a_dash_are_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "draft.csv"
    path.write_text(
        "path,when_to_use,when_not_to_use\n"
        'A,"- fine\n  continued",\n'
        "A//B,,\n"
        "/E,,\n"
        "F/,,\n"
        "G,Talk of money,\n"
        'H,,"  indented first\n- then an item"\n',
        "utf-8",
    )
    with pytest.raises(qcode.InvalidProjectError) as raised:
        qcode.read_codebook(path)
    empty = "has an empty name (a '/' at its start or end, or '//')"
    dash = "does not start an item with '- ' (nor continue one, indented two spaces)"
    assert [str(issue) for issue in raised.value.issues] == [
        f"ERROR {path} row 3, column 'path': path 'A//B' {empty}",
        f"ERROR {path} row 4, column 'path': path '/E' {empty}",
        f"ERROR {path} row 5, column 'path': path 'F/' {empty}",
        f"ERROR {path} row 6, column 'when_to_use': 'Talk of money' {dash}",
        f"ERROR {path} row 7, column 'when_not_to_use': '  indented first' {dash}",
    ]


def test_a_table_without_a_path_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "draft.csv"
    path.write_text("name,status\nA,draft\n", "utf-8")
    with pytest.raises(qcode.InvalidProjectError) as raised:
        qcode.read_codebook(path)
    assert [str(i) for i in raised.value.issues][-1] == (
        f"ERROR {path} row 1: no 'path' column: each row needs the code's path"
    )


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("book.txt", qcode.ReadError, "unknown codebook file type '.txt'; qcode reads "
         ".csv, .json, .qdc, .qde, .qdpx, .xlsx, .zip"),
        ("book.md", qcode.ReadError, "unknown codebook file type '.md'; qcode reads "
         ".csv, .json, .qdc, .qde, .qdpx, .xlsx, .zip"),
    ],
)  # fmt: skip
def test_unknown_codebook_files_are_refused(
    name: str, error: type[Exception], message: str, tmp_path: Path
) -> None:
    (tmp_path / name).write_text("x", "utf-8")
    with pytest.raises(error) as raised:
        qcode.read_codebook(tmp_path / name)
    assert str(raised.value) == f"{tmp_path / name}: {message}"


def test_a_codebook_cannot_be_written_as_a_project(tmp_path: Path) -> None:
    with pytest.raises(qcode.WriteError) as raised:
        qcode.write_codebook(BASE, tmp_path / "book.qdpx")
    assert str(raised.value).endswith(
        "cannot write a codebook as '.qdpx'; qcode writes .csv, .json, .md, .qdc, .xlsx"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_project_given_to_write_codebook_writes_its_codebook(tmp_path: Path) -> None:
    """As diff, merge and apply take one; it was an AttributeError ('Project' has no 'id')."""
    project = _project()
    assert qcode.write_codebook(project, tmp_path / "book.qdc") == ()
    assert qcode.read_codebook(tmp_path / "book.qdc") == project.codebook
    with pytest.raises(TypeError) as raised:
        qcode.write_codebook(str(tmp_path / "book.qdc"), tmp_path / "copy.qdc")  # type: ignore[arg-type]
    assert str(raised.value) == "write_codebook writes a Codebook or a Project, not str"


# -- diff -----------------------------------------------------------------------------------

_NEW = code("Peer support", "Findings")
_CASES = {
    "same": (BASE, []),
    "added": (
        evolve(BASE, codes=(*BASE.codes, _NEW)),
        ["code-added Findings/Peer support"],
    ),
    "removed": (
        evolve(BASE, codes=BASE.codes[:3]),
        ["code-removed Method"],
    ),
    "renamed": (
        changed(BASE, "Toll", name="The toll"),
        ['code-renamed Findings/The toll: "Toll" -> "The toll"'],
    ),
    "moved": (
        changed(BASE, "Hope", parent=cid("Method")),
        ['code-moved Method/Hope: "Findings" -> "Method"'],
    ),
    "moved to the top": (
        changed(BASE, "Hope", parent=None),
        ['code-moved Hope: "Findings" -> (none)'],
    ),
    "definition": (
        changed(BASE, "Toll", brief_definition="What the work costs."),
        [
            'code-changed Findings/Toll brief_definition: "The cost of the work." -> '
            '"What the work costs."'
        ],
    ),
    "criteria": (
        changed(BASE, "Toll", when_not_to_use=("Tiredness alone",)),
        ['code-changed Findings/Toll when_not_to_use: (none) -> "Tiredness alone"'],
    ),
    "codable": (
        changed(BASE, "Findings", codable=True),
        ["code-changed Findings codable: false -> true"],
    ),
    "status": (
        changed(BASE, "Hope", status=qcode.CodeStatus.RETIRED),
        ["status-changed Findings/Hope: active -> retired"],
    ),
    "example added": (
        changed(BASE, "Hope", examples=(qcode.Example(text="It gets better"),)),
        ['example-added Findings/Hope: [typical] "It gets better"'],
    ),
    "example removed": (
        changed(changed(BASE, "Hope", examples=(qcode.Example(text="x"),)), "Hope", examples=()),
        [],
    ),
    "theme membership": (
        evolve(BASE, themes=(evolve(BASE.themes[0], codes=(cid("Hope"),)),)),
        [
            'theme-code-removed Strain: "Findings/Toll"',
            'theme-code-added Strain: "Findings/Hope"',
        ],
    ),
    "theme renamed": (
        evolve(BASE, themes=(evolve(BASE.themes[0], name="Cost"),)),
        ['theme-renamed Cost: "Strain" -> "Cost"'],
    ),
    "theme added": (
        evolve(BASE, themes=(*BASE.themes, qcode.Theme(id=cid("Hopes"), name="Hopes"))),
        ["theme-added Hopes"],
    ),
    "version": (
        evolve(BASE, version="2"),
        ['codebook-changed Book version: "1" -> "2"'],
    ),
    "extends": (  # shown as the codebook it names, not as a dict
        evolve(BASE, extends=qcode.CodebookRef(id=cid("published"), version="1")),
        [f'codebook-changed Book extends: (none) -> codebook {cid("published")} version "1"'],
    ),
}


@pytest.mark.parametrize("case", list(_CASES))
def test_diff_reports_each_kind_of_change(case: str) -> None:
    new, expected = _CASES[case]
    found = qcode.diff_codebooks(BASE, new)
    assert found.to_text().splitlines() == expected
    assert bool(found) is bool(expected)


def test_diff_reports_a_removed_example() -> None:
    old = changed(
        BASE, "Hope", examples=(qcode.Example(text="x", kind=qcode.ExampleKind.NEAR_MISS),)
    )
    assert qcode.diff_codebooks(old, BASE).to_text() == (
        'example-removed Findings/Hope: [near miss] "x"\n'
    )


def test_diff_writes_kinds_and_origins_as_tables_do() -> None:
    near = qcode.Example(text="x", kind=qcode.ExampleKind.NEAR_MISS)
    old = changed(BASE, "Hope", examples=(near,))
    new = changed(
        BASE,
        "Hope",
        examples=(evolve(near, kind=qcode.ExampleKind.TYPICAL),),
        origin=qcode.CodeOrigin.IN_VIVO,
    )
    assert qcode.diff_codebooks(old, new).to_text().splitlines() == [
        "code-changed Findings/Hope origin: (none) -> in vivo",
        'example-changed Findings/Hope: [near miss] "x" kind: near miss -> typical',
    ]
    document = json.loads(qcode.diff_codebooks(old, new).to_json())
    assert document["differences"][1]["old"]["kind"] == "near_miss"  # JSON keeps the format's


def test_diff_reports_an_example_whose_kind_or_note_changed_as_changed() -> None:
    quoted = qcode.Example(text="It gets better", excerpt=cid("x"), note="Hope, plainly.")
    old = changed(BASE, "Hope", examples=(quoted, qcode.Example(text="Another")))
    again = evolve(quoted, kind=qcode.ExampleKind.ATYPICAL, note="Hope, at a stretch.")
    new = changed(BASE, "Hope", examples=(again, qcode.Example(text="Other")))
    assert qcode.diff_codebooks(old, new).to_text().splitlines() == [
        'example-removed Findings/Hope: [typical] "Another"',
        'example-changed Findings/Hope: [typical] "It gets better" kind: typical -> atypical',
        'example-changed Findings/Hope: [typical] "It gets better" note: "Hope, plainly." -> '
        '"Hope, at a stretch."',
        'example-added Findings/Hope: [typical] "Other"',
    ]
    assert qcode.diff_codebooks(old, new).to_markdown().splitlines()[6] == (
        '| example-changed | Findings/Hope: [typical] "It gets better" | note | "Hope, plainly." '
        '| "Hope, at a stretch." |'
    )
    moved = changed(BASE, "Hope", examples=(evolve(quoted, excerpt=cid("y")),))
    assert [d.kind for d in qcode.diff_codebooks(old, moved).differences] == [
        "example-removed",
        "example-removed",
        "example-added",
    ]


def test_diff_shows_two_long_texts_from_where_they_part() -> None:
    start = "A long definition that says a good deal before it changes: "
    old = changed(BASE, "Hope", brief_definition=start + "the old ending.")
    new = changed(BASE, "Hope", brief_definition=start + "the new ending.")
    assert qcode.diff_codebooks(old, new).to_text() == (
        "code-changed Findings/Hope brief_definition: "
        '"…deal before it changes: the old ending." -> "…deal before it changes: the new ending."\n'
    )
    early = changed(BASE, "Hope", brief_definition="An early change, " + start)
    assert qcode.diff_codebooks(old, early).to_text() == (
        "code-changed Findings/Hope brief_definition: "
        '"A long definition that says a good deal before it changes: …" -> '
        '"An early change, A long definition that says a good deal be…"\n'
    )


def test_a_table_s_metadata_is_its_file_s_and_no_change(tmp_path: Path) -> None:
    """A table holds no id, name, version or description: they are taken from the
    codebook it is compared with, so that only codes and themes differ."""
    for name in ("ours", "theirs"):
        qcode.write_codebook(changed(BASE, "Hope", brief_definition=name), tmp_path / f"{name}.csv")
    ours, theirs = (qcode.read_codebook(tmp_path / f"{n}.csv") for n in ("ours", "theirs"))
    assert (ours.name, theirs.name) == ("ours", "theirs")
    assert qcode.diff_codebooks(BASE, ours).to_text() == (
        'code-changed Findings/Hope brief_definition: (none) -> "ours"\n'
    )
    result = qcode.merge_codebooks(BASE, ours, ours)
    assert result.conflicts == ()
    merged = result.codebook
    assert (merged.id, merged.name, merged.version) == (BASE.id, "Book", "1")
    assert str(qcode.merge_codebooks(BASE, ours, theirs).conflicts[0]) == (
        'conflict (field) Findings/Hope brief_definition: ours "ours", theirs "theirs"'
    )


def test_what_a_table_cannot_hold_is_taken_from_the_other_codebook(tmp_path: Path) -> None:
    """Theme descriptions, parents, colours and memos, themes that group no codes and
    codes' memos: a spreadsheet copy merged or compared keeps them, in either place."""
    top = qcode.Theme(id=cid("Top"), name="Top", description="Above.", color="#112233")
    strain = evolve(BASE.themes[0], parent=top.id, description="Costs.", note_refs=(cid("m"),))
    rich = evolve(
        changed(BASE, "Toll", note_refs=(cid("memo"),)), themes=(top, strain), description="D"
    )
    qcode.write_codebook(changed(rich, "Hope", brief_definition="Better."), tmp_path / "t.csv")
    table = qcode.read_codebook(tmp_path / "t.csv")
    expected = ['code-changed Findings/Hope brief_definition: (none) -> "Better."']
    assert qcode.diff_codebooks(rich, table).to_text().splitlines() == expected
    assert qcode.diff_codebooks(table, rich).to_text().splitlines() == [
        'code-changed Findings/Hope brief_definition: "Better." -> (none)'
    ]
    result = qcode.merge_codebooks(rich, rich, table)
    assert result.conflicts == ()
    assert result.codebook == changed(rich, "Hope", brief_definition="Better.")


def test_a_table_s_codebook_written_as_a_document_gets_an_id_of_its_own(tmp_path: Path) -> None:
    """So that a later edit of the document's name or version is a change, not a table's
    file name left aside."""
    qcode.write_codebook(BASE, tmp_path / "draft.csv")
    qcode.write_codebook(qcode.read_codebook(tmp_path / "draft.csv"), tmp_path / "draft.json")
    document = qcode.read_codebook(tmp_path / "draft.json")
    assert (document.id, document.name) == (uuid.uuid5(TABLE_NAMESPACE, "draft"), "draft")
    edited = evolve(document, name="Draft 2", version="2")
    assert qcode.diff_codebooks(document, edited).to_text().splitlines() == [
        'codebook-changed Draft 2 name: "draft" -> "Draft 2"',
        'codebook-changed Draft 2 version: (none) -> "2"',
    ]


def test_diff_matches_by_path_when_asked() -> None:
    other_id = {c.id: cid("other " + c.name) for c in BASE.codes}
    other = evolve(
        BASE,
        codes=tuple(
            evolve(c, id=other_id[c.id], parent=other_id.get(c.parent)) for c in BASE.codes
        ),
        themes=(),
    )
    assert [d.kind for d in qcode.diff_codebooks(BASE, other)] == [
        *["code-added"] * 4,
        *["code-removed"] * 4,
        "theme-removed",
    ]
    hopes = evolve(
        other,
        codes=tuple(evolve(c, name=c.name + "s") if c.name == "Hope" else c for c in other.codes),
    )
    assert qcode.diff_codebooks(BASE, hopes, match="path").to_text() == (
        "code-added Findings/Hopes\ncode-removed Findings/Hope\ntheme-removed Strain\n"
    )


def test_diff_as_json_and_markdown() -> None:
    new = changed(BASE, "Toll", name="The toll")
    found = qcode.diff_codebooks(BASE, new)
    assert json.loads(found.to_json()) == {
        "old": "Book",
        "new": "Book",
        "equal": False,
        "differences": [
            {
                "kind": "code-renamed",
                "path": "Findings/The toll",
                "id": str(cid("Toll")),
                "field": None,
                "old": "Toll",
                "new": "The toll",
            }
        ],
    }
    assert found.to_markdown() == (
        "# Codebook changes: Book → Book\n\n"
        "| change | where | field | old | new |\n|---|---|---|---|---|\n"
        '| code-renamed | Findings/The toll |  | "Toll" | "The toll" |\n'
    )


# -- merge ----------------------------------------------------------------------------------


def test_changes_on_one_side_each_are_all_taken() -> None:
    ours = changed(BASE, "Toll", name="The toll")
    theirs = evolve(changed(BASE, "Hope", brief_definition="Looking ahead."), version="2")
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert result.conflicts == ()
    assert result.codebook == evolve(
        changed(changed(BASE, "Toll", name="The toll"), "Hope", brief_definition="Looking ahead."),
        version="2",
    )


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    ours = theirs = evolve(
        changed(BASE, "Hope", examples=(qcode.Example(text="x"),)),
        codes=(*changed(BASE, "Hope", examples=(qcode.Example(text="x"),)).codes, _NEW),
    )
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert (result.codebook, result.conflicts) == (ours, ())


def test_lists_take_both_sides_additions() -> None:
    ours = changed(BASE, "Toll", when_to_use=("Tiredness",))
    theirs = changed(BASE, "Toll", when_to_use=("Sleeplessness",))
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert result.conflicts == ()
    assert result.codebook.code(cid("Toll")).when_to_use == ("Tiredness", "Sleeplessness")


def test_an_example_changed_on_both_sides_is_merged_field_by_field() -> None:
    quoted = qcode.Example(text="It gets better", excerpt=cid("x"), note="Hope.")
    other = qcode.Example(text="Another")
    base = changed(BASE, "Hope", examples=(quoted, other))
    atypical = evolve(quoted, kind=qcode.ExampleKind.ATYPICAL)
    ours = changed(BASE, "Hope", examples=(atypical, other))
    theirs = changed(BASE, "Hope", examples=(evolve(quoted, note="Hope, plainly."), other))
    result = qcode.merge_codebooks(base, ours, theirs)
    assert result.conflicts == ()
    assert result.codebook.code(cid("Hope")).examples == (
        evolve(atypical, note="Hope, plainly."),
        other,
    )
    ours_note = changed(BASE, "Hope", examples=(evolve(atypical, note="Ours."), other))
    theirs_note = changed(BASE, "Hope", examples=(evolve(quoted, note="Theirs."),))
    result = qcode.merge_codebooks(base, ours_note, theirs_note)
    assert [str(c) for c in result.conflicts] == [
        'conflict (field) Findings/Hope examples: ours [atypical] "It gets better" (note '
        '"Ours."), theirs [typical] "It gets better" (note "Theirs.")'
    ]
    assert result.codebook.code(cid("Hope")).examples == (
        evolve(atypical, note=markers("Ours.", "Theirs.")),
    )
    removed = changed(BASE, "Hope", examples=(other,))
    result = qcode.merge_codebooks(base, removed, theirs)  # removed here, changed there: kept
    assert [(c.field, c.ours, c.theirs) for c in result.conflicts] == [
        ("examples", None, evolve(quoted, note="Hope, plainly."))
    ]
    assert result.codebook.code(cid("Hope")).examples == (
        other,
        evolve(quoted, note="Hope, plainly."),
    )
    assert qcode.merge_codebooks(base, removed, base).codebook.code(cid("Hope")).examples == (
        other,
    )
    twice = changed(BASE, "Hope", examples=(atypical, atypical, other))  # merged as values
    assert qcode.merge_codebooks(base, twice, theirs).codebook.code(cid("Hope")).examples == (
        atypical,
        atypical,
        other,
        evolve(quoted, note="Hope, plainly."),
    )


def test_a_field_changed_two_ways_is_a_conflict_marked_in_the_text() -> None:
    ours = changed(BASE, "Toll", brief_definition="Ours.")
    theirs = changed(BASE, "Toll", brief_definition="Theirs.")
    result = qcode.merge_codebooks(BASE, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict == qcode.Conflict(
        kind="field",
        path="Findings/Toll",
        id=cid("Toll"),
        field="brief_definition",
        base="The cost of the work.",
        ours="Ours.",
        theirs="Theirs.",
    )
    assert str(conflict) == (
        'conflict (field) Findings/Toll brief_definition: ours "Ours.", theirs "Theirs."'
    )
    merged = result.codebook
    assert merged.code(cid("Toll")).brief_definition == (
        "<<<<<<< ours\nOurs.\n=======\nTheirs.\n>>>>>>> theirs"
    )
    assert merged.changes == (
        qcode.CodebookChange(
            text='Merge conflict (field) Findings/Toll brief_definition: ours "Ours.", '
            'theirs "Theirs."'
        ),
    )


def test_a_status_changed_two_ways_keeps_ours() -> None:
    ours = changed(BASE, "Hope", status=qcode.CodeStatus.RETIRED)
    theirs = changed(BASE, "Hope", status=qcode.CodeStatus.DRAFT)
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert [str(c) for c in result.conflicts] == [
        "conflict (field) Findings/Hope status: ours retired, theirs draft"
    ]
    assert result.codebook.code(cid("Hope")).status is qcode.CodeStatus.RETIRED


def test_a_rename_against_a_removal_is_a_conflict_and_keeps_the_code() -> None:
    ours = changed(BASE, "Toll", name="The toll")
    theirs = evolve(
        BASE,
        codes=tuple(c for c in BASE.codes if c.name != "Toll"),
        themes=(evolve(BASE.themes[0], codes=()),),
    )
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert [str(c) for c in result.conflicts] == [
        "conflict (removed-changed) Findings/The toll: removed in theirs, its name changed in "
        "ours (kept, changed)"
    ]
    assert result.conflicts[0].field == "name"
    assert result.codebook.code(cid("Toll")).name == "The toll"
    assert result.codebook.themes[0].codes == (cid("Toll"),)


def test_a_removal_against_an_addition_to_a_theme_is_a_conflict_and_keeps_the_code() -> None:
    hope = cid("Hope")
    assert hope not in BASE.themes[0].codes
    removed = evolve(BASE, codes=tuple(c for c in BASE.codes if c.id != hope))
    joined = evolve(BASE, themes=(evolve(BASE.themes[0], codes=(*BASE.themes[0].codes, hope)),))
    for ours, theirs, side in ((removed, joined, "ours"), (joined, removed, "theirs")):
        result = qcode.merge_codebooks(BASE, ours, theirs)
        other = "theirs" if side == "ours" else "ours"
        assert [str(c) for c in result.conflicts] == [
            f"conflict (removed-member) Findings/Hope: removed in {side}, added to a theme "
            f"in {other} (kept)"
        ]
        assert (result.conflicts[0].id, result.conflicts[0].field) == (hope, "themes")
        assert result.codebook.code(hope) == BASE.code(hope)
        assert result.codebook.themes[0].codes == (*BASE.themes[0].codes, hope)
    # the side that kept it took it out of a base theme: it is not put back there
    toll = cid("Toll")
    assert BASE.themes[0].codes == (toll,)
    gone = evolve(
        BASE,
        codes=tuple(c for c in BASE.codes if c.id != toll),
        themes=(evolve(BASE.themes[0], codes=()),),
    )
    new = qcode.Theme(id=cid("New"), name="New", codes=(toll,))
    moved = evolve(BASE, themes=(evolve(BASE.themes[0], codes=()), new))
    merged = qcode.merge_codebooks(BASE, gone, moved).codebook
    assert [(t.name, t.codes) for t in merged.themes] == [("Strain", ()), ("New", (toll,))]
    result = qcode.merge_codebooks(BASE, removed, BASE)  # removed, and no theme gained it
    assert (result.conflicts, [c.id for c in result.codebook.codes if c.id == hope]) == ((), [])


def test_a_move_into_a_removed_parent_is_a_conflict_and_keeps_the_parent() -> None:
    ours = changed(BASE, "Hope", parent=cid("Method"))
    theirs = evolve(BASE, codes=BASE.codes[:3])
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert [str(c) for c in result.conflicts] == [
        'conflict (parent-removed) Method/Hope parent: ours "Method", theirs (none)'
    ]
    assert result.codebook.path(cid("Hope")) == "Method/Hope"


def test_two_moves_that_make_a_cycle_are_a_conflict_and_keep_ours() -> None:
    ours = changed(BASE, "Method", parent=cid("Hope"))
    theirs = changed(BASE, "Hope", parent=cid("Method"))
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert [str(c) for c in result.conflicts] == [
        'conflict (cycle) Findings/Hope parent: ours "Findings", theirs "Findings/Hope/Method"'
    ]
    merged = result.codebook
    assert (merged.path(cid("Method")), merged.path(cid("Hope"))) == (
        "Findings/Hope/Method",
        "Findings/Hope",
    )


def test_merge_of_metadata_and_change_logs() -> None:
    first = qcode.CodebookChange(text="ours")
    second = qcode.CodebookChange(text="theirs")
    ours = evolve(BASE, authors=("A",), changes=(first,))
    theirs = evolve(BASE, authors=("B",), changes=(second,), description="About.")
    result = qcode.merge_codebooks(BASE, ours, theirs)
    assert result.conflicts == ()
    assert (result.codebook.authors, result.codebook.changes, result.codebook.description) == (
        ("A", "B"),
        (first, second),
        "About.",
    )


def test_markers_hold_both_versions() -> None:
    assert markers(None, "b") == "<<<<<<< ours\n\n=======\nb\n>>>>>>> theirs"


# -- resolve --------------------------------------------------------------------------------


def _extension(**fields: object) -> qcode.Codebook:
    return qcode.Codebook(
        id=cid("extension"),
        name="Extended",
        extends=qcode.CodebookRef(id=BASE.id, version="1"),
        codes=(_NEW, code("Toll", "Findings", brief_definition="Overridden.")),
        **fields,  # type: ignore[arg-type]
    )


def test_resolve_keeps_base_codes_applies_overrides_and_adds() -> None:
    resolved = qcode.resolve(_extension(), BASE)
    assert [(resolved.path(c), c.brief_definition) for c in resolved.codes] == [
        ("Findings", None),
        ("Findings/Toll", "Overridden."),
        ("Findings/Hope", None),
        ("Method", None),
        ("Findings/Peer support", None),
    ]
    assert (resolved.id, resolved.name, resolved.extends) == (cid("extension"), "Extended", None)
    assert resolved.themes == BASE.themes


def test_an_extension_s_codes_under_base_codes_keep_their_parents_in_a_qdc(
    tmp_path: Path,
) -> None:
    """The file nests codes and the base's are not in it: the parents were lost (a warning)
    and the extension resolved with its codes at the top. A table still cannot hold them,
    and says so for each."""
    extension = _extension()
    assert qcode.write_codebook(extension, tmp_path / "e.qdc") == ()
    back = qcode.read_codebook(tmp_path / "e.qdc")
    assert back.codes == extension.codes
    assert qcode.resolve(back, BASE) == qcode.resolve(extension, BASE)
    said = qcode.write_codebook(extension, tmp_path / "e.csv")
    findings = code("Findings").id
    assert [(i.path, i.message) for i in said] == [
        ("$", "a table holds no extends"),
        *(
            (
                f"$.codes[{n}].parent",
                f"code {name!r} is under a code the codebook does not hold ({findings}), and "
                "a table gives a parent only by its path: it reads back at the top",
            )
            for n, name in enumerate(["Peer support", "Toll"])
        ),
    ]
    text = (tmp_path / "e.qdc").read_text("utf-8")
    peer = str(_NEW.id)
    assert f'"parents":{{"{peer}":"{findings}"' in text
    (tmp_path / "bad.qdc").write_text(
        text.replace(f'"{peer}":"{findings}"', f'"{peer}":"nowhere"'), "utf-8"
    )
    report: list[qcode.Issue] = []
    bad = qcode.read_codebook(tmp_path / "bad.qdc", report=report)
    assert [c.parent for c in bad.codes] == [None, findings]
    assert [(i.code, i.message) for i in report] == [
        (
            "not-carried",
            "the codebook line's parents of codes under the codebook it extends could not "
            f"all be read ('{peer}': 'nowhere'): those codes are at the top",
        )
    ]
    based = f'"extends":{{"id":"{BASE.id}","version":"1"}},'
    assert based in text  # without it, the parents were applied: codes under no code it holds
    (tmp_path / "unbased.qdc").write_text(text.replace(based, ""), "utf-8")
    report = []
    unbased = qcode.read_codebook(tmp_path / "unbased.qdc", report=report)
    assert ([c.parent for c in unbased.codes], unbased.extends) == ([None, None], None)
    assert [(i.code, i.message) for i in report] == [
        (
            "not-carried",
            "the codebook line's parents of codes under the codebook it extends are given, but "
            "it names no codebook it extends: those codes are at the top",
        )
    ]


def test_resolve_removes_only_what_the_extension_says() -> None:
    resolved = qcode.resolve(_extension(removes=(cid("Findings"),)), BASE)
    assert [resolved.path(c) for c in resolved.codes] == ["Toll", "Hope", "Method", "Peer support"]


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        (
            evolve(BASE, extends=None),
            f"codebook 'Book' extends nothing, not 'Book' ({BASE.id})",
        ),
        (
            evolve(BASE, extends=qcode.CodebookRef(id=BASE.id, version="0")),
            "codebook 'Book' extends version '0' of 'Book', which has version '1'",
        ),
        (
            evolve(BASE, extends=qcode.CodebookRef(id=BASE.id, version="2")),
            "codebook 'Book' extends version '2' of 'Book', which has no version",
        ),
    ],
)
def test_resolve_refuses_a_codebook_that_does_not_extend_the_base(
    extension: qcode.Codebook, message: str
) -> None:
    base = evolve(BASE, version=None) if "no version" in message else BASE
    with pytest.raises(qcode.ExtensionError) as raised:
        qcode.resolve(extension, base)
    assert str(raised.value) == message


def test_resolve_refuses_to_remove_what_the_base_lacks() -> None:
    with pytest.raises(qcode.NotFoundError) as raised:
        qcode.resolve(_extension(removes=(cid("nothing"),)), BASE)
    assert str(raised.value) == (
        f"codebook 'Extended' removes codes 'Book' does not hold: {cid('nothing')}"
    )


# -- apply ----------------------------------------------------------------------------------


def _project() -> qcode.Project:
    builder = qcode.ProjectBuilder("Study")
    source = builder.text_source("Interview", "It costs me sleep, but there is hope.")
    project = builder.build()
    builder = qcode.ProjectBuilder.from_project(evolve(project, codes=BASE.codes[:3]))
    builder.code("Local only")
    builder.quote(source, "It costs me sleep", codes=[cid("Toll")])
    return builder.build()


def test_apply_adds_updates_leaves_and_reports() -> None:
    project = _project()
    book = changed(evolve(BASE, codes=(*BASE.codes, _NEW)), "Toll", brief_definition="Redefined.")
    builder = qcode.ProjectBuilder.from_project(project)
    report = builder.apply_codebook(book)
    assert [str(i) for i in report] == [
        "INFO Findings/Toll: updated: brief_definition",
        "INFO Findings/Peer support: added",
        "INFO Method: added",
        "WARNING Local only: not in the codebook; left as it is, with its codings",
        "INFO Strain: added",
    ]
    assert builder.applied == report
    applied = builder.build()
    assert applied.code("Findings/Toll").brief_definition == "Redefined."
    assert [applied.path(c) for c in applied.codes] == [
        "Findings",
        "Findings/Toll",
        "Findings/Hope",
        "Local only",
        "Findings/Peer support",
        "Method",
    ]
    assert [s.excerpts for s in applied.sources] == [s.excerpts for s in project.sources]
    assert [i for i in qcode.validate(applied) if i.is_error] == []


def test_apply_reports_a_theme_member_neither_holds_and_takes_a_project_s_codebook() -> None:
    """A theme's member that neither the codebook nor the project holds left the theme
    without a word; a project given as the codebook was an AttributeError."""
    strain = qcode.Theme(id=cid("Strain"), name="Strain", codes=(cid("Toll"), cid("gone")))
    builder = qcode.ProjectBuilder.from_project(_project())
    report = builder.apply_codebook(evolve(BASE, themes=(strain,)))
    assert [str(i) for i in report if i.severity is qcode.Severity.WARNING] == [
        "WARNING Local only: not in the codebook; left as it is, with its codings",
        f"WARNING Strain: groups code {cid('gone')}, which neither the codebook nor the "
        "project holds; left out of the theme",
    ]
    assert builder.build().theme("Strain").codes == (cid("Toll"),)
    orphan = qcode.Code(id=cid("Orphan"), name="Orphan", parent=cid("nowhere"))
    held = evolve(strain, codes=(cid("Toll"), orphan.id))
    report = qcode.ProjectBuilder.from_project(_project()).apply_codebook(
        evolve(BASE, codes=(*BASE.codes, orphan), themes=(held,))
    )
    assert str(report[-2]) == (
        "WARNING Strain: groups code 'Orphan', which was not applied; left out of the theme"
    )
    with pytest.raises(TypeError) as refused:
        builder.apply_codebook("book.json")  # type: ignore[arg-type]
    assert str(refused.value) == (
        "the applied codebook is a Codebook or a Project, not str: read a codebook file with "
        "qcode.read_codebook"
    )
    other = qcode.ProjectBuilder.from_project(_project())
    given = qcode.Project(name="Other", codes=BASE.codes, themes=BASE.themes)
    assert other.apply_codebook(given) == qcode.ProjectBuilder.from_project(
        _project()
    ).apply_codebook(given.codebook)


def test_a_match_by_path_or_name_takes_no_id_another_code_or_theme_holds() -> None:
    """A code renamed (its id kept) beside a new code of its old path: matched by path, the
    new code took the renamed one's id, and the diff said nothing of it; a new theme of a
    renamed theme's old name likewise."""
    new = evolve(
        BASE,
        codes=(
            *BASE.codes[:3],
            evolve(BASE.codes[3], name="Approach"),
            qcode.Code(id=cid("new method"), name="Method"),
        ),
        themes=(evolve(BASE.themes[0], name="Cost"), qcode.Theme(id=cid("v"), name="Strain")),
    )
    assert [str(d) for d in qcode.diff_codebooks(BASE, new, match="path").differences] == [
        'code-renamed Approach: "Method" -> "Approach"',
        "code-added Method",
        'theme-renamed Cost: "Strain" -> "Cost"',
        "theme-added Strain",
    ]


def test_codebooks_whose_codes_or_themes_share_an_id_are_refused_where_matched_by_id() -> None:
    """Matched by id, one of the two was lost without a word (diff said equal)."""
    toll = BASE.code("Findings/Toll")
    twins = evolve(BASE, codes=(*BASE.codes, evolve(toll, name="Twin")))
    themed = evolve(BASE, themes=(*BASE.themes, evolve(BASE.themes[0], name="Echo")))
    said = (
        "the {} codebook: two {} have the id {} ({!r} and {!r}); they are matched by id, so "
        "one would be lost: qcode.validate lists every problem"
    )
    for call, role in (
        (lambda book: qcode.diff_codebooks(BASE, book), "new"),
        (lambda book: qcode.diff_codebooks(book, BASE), "old"),
        (lambda book: qcode.merge_codebooks(BASE, BASE, book), "theirs"),
        (
            lambda book: qcode.ProjectBuilder.from_project(_project()).apply_codebook(book),
            "applied",
        ),
    ):
        with pytest.raises(ValueError) as refused:
            call(twins)
        assert str(refused.value) == said.format(role, "codes", toll.id, "Toll", "Twin")
        with pytest.raises(ValueError) as refused:
            call(themed)
        assert str(refused.value) == said.format(role, "themes", cid("Strain"), "Strain", "Echo")
        with pytest.raises(ValueError) as refused:  # one code listed twice: was merged as one
            call(evolve(BASE, codes=(*BASE.codes, toll)))
        assert str(refused.value) == (
            f"the {role} codebook: code 'Toll' is listed twice (id {toll.id}); they are matched "
            "by id, so one would be lost: qcode.validate lists every problem"
        )


def test_apply_does_not_give_a_theme_a_sibling_s_name_or_a_missing_parent() -> None:
    builder = qcode.ProjectBuilder.from_project(_project())
    strain = builder.theme("Strain", codes=[cid("Toll")])
    hope = builder.theme("Hope", codes=[cid("Hope")])
    project = builder.build()
    renamed = evolve(hope, name="Strain")  # onto its sibling's name
    lost = qcode.Theme(id=cid("Lost"), name="Lost", parent=cid("nowhere"))
    book = evolve(project.codebook, themes=(strain, renamed, lost))
    builder = qcode.ProjectBuilder.from_project(project)
    report = builder.apply_codebook(book)
    assert [str(i) for i in report if i.severity is qcode.Severity.WARNING] == [
        f"WARNING Strain: the project has another theme of this name under the same parent "
        f"(id {strain.id}); the codebook's theme (id {hope.id}) was not applied",
        f"WARNING Lost: its parent theme {cid('nowhere')} is in neither the project nor what "
        "was applied of the codebook; not applied",
    ]
    applied = builder.build()
    assert [t.name for t in applied.themes] == ["Strain", "Hope"]
    assert [i.code for i in qcode.validate(applied) if i.code.startswith("duplicate")] == []
    below = qcode.Theme(id=cid("Below"), name="Below", parent=cid("Above"))
    above = qcode.Theme(id=cid("Above"), name="Above")
    fresh = qcode.ProjectBuilder.from_project(_project())
    assert [str(i) for i in fresh.apply_codebook(evolve(BASE, themes=(below, above)))][-2:] == [
        "INFO Above: added",  # a parent is applied before its child
        "INFO Below: added",
    ]
    assert [t.name for t in fresh.build().themes] == ["Below", "Above"]  # the codebook's order
    looped = qcode.ProjectBuilder.from_project(fresh.build())
    report = looped.apply_codebook(evolve(BASE, themes=(evolve(above, parent=below.id), below)))
    assert [str(i) for i in report if i.code == "codebook-conflict"] == [
        "WARNING Above: the codebook puts it below itself in the project's themes; not applied"
    ]
    assert [i.code for i in qcode.validate(looped.build()) if "cycle" in i.code] == []
    nfd = unicodedata.normalize("NFD", "Café")
    twins = qcode.ProjectBuilder.from_project(fresh.build())
    twins.theme("Café")
    other = twins.theme("Other")
    report = twins.apply_codebook(evolve(twins.build().codebook, themes=(evolve(other, name=nfd),)))
    assert [i.message[:64] for i in report if i.code == "codebook-conflict"] == [
        "the project has another theme of this name under the same parent"
    ]


def test_apply_judges_renames_together_so_siblings_can_swap_names() -> None:
    project = _project()
    swapped = changed(changed(BASE, "Toll", name="Hope"), "Hope", name="Toll")
    builder = qcode.ProjectBuilder.from_project(project)
    assert [str(i) for i in builder.apply_codebook(swapped) if i.code != "not-in-codebook"] == [
        "INFO Findings/Hope: updated: name (was 'Toll')",
        "INFO Findings/Toll: updated: name (was 'Hope')",
        "INFO Method: added",
        "INFO Strain: added",
    ]
    applied = builder.build()
    assert (applied.code(cid("Toll")).name, applied.code(cid("Hope")).name) == ("Hope", "Toll")
    # One side of the swap refused (its new parent is nowhere): the other would make twins.
    halted = changed(swapped, "Hope", parent=cid("Nowhere"))
    builder = qcode.ProjectBuilder.from_project(project)
    assert [str(i) for i in builder.apply_codebook(halted) if i.code == "codebook-conflict"] == [
        "WARNING Findings/Hope: the project has another code with this path "
        f"(id {cid('Hope')}); the codebook's code (id {cid('Toll')}) was not applied",
        f"WARNING Toll: its parent {cid('Nowhere')} is in neither the codebook nor the "
        "project; not applied",
    ]
    assert [c.name for c in builder.build().codes][:3] == ["Findings", "Toll", "Hope"]
    themed = qcode.ProjectBuilder.from_project(project)
    one, two = themed.theme("One"), themed.theme("Two")
    before = themed.build()
    book = evolve(before.codebook, themes=(evolve(one, name="Two"), evolve(two, name="One")))
    assert [str(i) for i in themed.apply_codebook(book) if i.code.startswith("codebook")] == [
        "INFO Two: updated: name (was 'One')",
        "INFO One: updated: name (was 'Two')",
    ]
    assert [t.name for t in themed.build().themes] == ["Two", "One"]


def test_apply_updates_twins_a_file_already_holds() -> None:
    """A file may hold two siblings of one name; a change that leaves them where they are
    is applied, one that moves a third code among them is not."""
    first, second = code("Twin"), evolve(code("Twin"), id=cid("Twin 2"))
    project = evolve(_project(), codes=(*_project().codes, first, second))
    book = evolve(
        project.codebook,
        codes=tuple(
            evolve(c, brief_definition="Defined.") if c.id == second.id
            else evolve(c, name="Twin") if c.id == cid("Method")
            else c
            for c in (*project.codes, code("Method"))
        ),
    )  # fmt: skip
    builder = qcode.ProjectBuilder.from_project(project)
    report = builder.apply_codebook(book)
    assert [str(i) for i in report if i.code.startswith("codebook")] == [
        "INFO Twin: updated: brief_definition",
        "WARNING Twin: the project has another code with this path "
        f"(id {first.id}); the codebook's code (id {cid('Method')}) was not applied",
    ]
    assert builder.build().code(second.id).brief_definition == "Defined."


def test_apply_by_path_matches_codes_made_apart() -> None:
    drafted = {c.id: cid("drafted " + c.name) for c in BASE.codes}
    book = evolve(
        BASE,
        codes=tuple(evolve(c, id=drafted[c.id], parent=drafted.get(c.parent)) for c in BASE.codes),
        themes=(evolve(BASE.themes[0], id=cid("drafted theme"), codes=(drafted[cid("Toll")],)),),
    )
    builder = qcode.ProjectBuilder.from_project(_project())
    assert [str(i) for i in builder.apply_codebook(book, match="path")] == [
        "INFO Method: added",
        "WARNING Local only: not in the codebook; left as it is, with its codings",
        "INFO Strain: added",
    ]
    applied = builder.build()
    assert applied.code("Method").id == drafted[cid("Method")]
    assert applied.code("Findings/Toll").id == cid("Toll")  # the project's, found by path
    by_id = qcode.ProjectBuilder.from_project(_project()).apply_codebook(book)
    assert [str(i) for i in by_id[:4]] == [
        "WARNING $: no code of the codebook has an id of the project's, but 3 have a path of "
        'its codes: match them by path (match="path", --match path)',
        "WARNING Findings: the project has another code with this path "
        f"(id {cid('Findings')}); the codebook's code (id {drafted[cid('Findings')]}) was not "
        "applied",
        "WARNING Findings/Toll: its parent 'Findings' was not applied, so neither is it",
        "WARNING Findings/Hope: its parent 'Findings' was not applied, so neither is it",
    ]


def test_apply_keeps_definitions_a_codebook_leaves_empty() -> None:
    """A spreadsheet with only a path column names codes; it does not clear them."""
    project = _project()
    bare = project.codebook
    bare = evolve(
        bare,
        codes=tuple(
            evolve(c, brief_definition=None, when_to_use=(), examples=(), origin=None)
            for c in bare.codes
        ),
    )
    builder = qcode.ProjectBuilder.from_project(project)
    assert [str(i) for i in builder.apply_codebook(bare)] == []
    assert builder.build().codes == project.codes
    for text in ("", " \n\t"):  # an empty text, as JSON can hold, or only spaces
        blank = changed(project.codebook, "Toll", brief_definition=text, full_definition=text)
        builder = qcode.ProjectBuilder.from_project(project)
        assert [str(i) for i in builder.apply_codebook(blank)] == []
        assert builder.build().code("Findings/Toll").brief_definition == "The cost of the work."
        described = qcode.ProjectBuilder.from_project(project)
        theme = described.theme("Described", description="What it holds.")
        book = evolve(described.build().codebook, themes=(evolve(theme, description=text),))
        report = described.apply_codebook(book)
        assert [str(i) for i in report if i.code.startswith("codebook")] == []
        assert described.build().themes[-1].description == "What it holds."


def test_apply_does_not_put_a_code_below_itself() -> None:
    project = _project()
    builder = qcode.ProjectBuilder.from_project(project)
    local = project.code("Local only")
    builder.move_code(local, parent=cid("Hope"))
    report = builder.apply_codebook(changed(BASE, "Hope", parent=local.id))
    assert str(report[0]) == (
        "WARNING Hope: the codebook puts it below itself in the project's tree; not applied"
    )
    assert builder.build().path(local) == "Findings/Hope/Local only"


def test_apply_does_not_add_a_code_whose_parent_is_nowhere() -> None:
    report = qcode.ProjectBuilder.from_project(_project()).apply_codebook(
        evolve(BASE, codes=(code("Orphan", "Nowhere"),))
    )
    assert str(report[0]) == (
        f"WARNING Orphan: its parent {cid('Nowhere')} is in neither the codebook nor the "
        "project; not applied"
    )


def test_a_quote_left_open_in_a_csv_codebook_is_refused(tmp_path: Path) -> None:
    """Read loosely, the open quote would make one code of the rest of the file."""
    path = tmp_path / "draft.csv"
    path.write_text('Path\nA\n"B,unterminated\nC,y\n', "utf-8")
    with pytest.raises(qcode.ReadError) as caught:
        qcode.read_codebook(path)
    assert str(caught.value) == f"{path}: not valid CSV at line 4: unexpected end of data"


def test_a_short_colour_is_a_colour_everywhere(tmp_path: Path) -> None:
    """validate takes ``#RGB``, so the table readers, REFI-QDA and the report take it too."""
    book = changed(BASE, "Toll", color="#F00")
    qcode.write_codebook(book, tmp_path / "b.csv")
    assert qcode.read_codebook(tmp_path / "b.csv").codes == book.codes
    qcode.write_codebook(book, tmp_path / "b.qdc")
    assert qcode.read_codebook(tmp_path / "b.qdc").codes[1].color == "#FF0000"
    project = qcode.Project(name="p", codes=book.codes)
    assert colours(project)[cid("Toll")] == "#FF0000"


def _refused(path: Path, text: str) -> list[str]:
    """The issues reading the codebook table ``text``, written to ``path``, is refused with."""
    path.write_text(text, "utf-8")
    with pytest.raises(qcode.InvalidProjectError) as refused:
        qcode.read_codebook(path)
    return [str(issue) for issue in refused.value.issues]


def test_cells_beyond_the_header_are_an_error_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    assert _refused(path, "path,brief_definition\nHumour,Laughing, joking and teasing\n") == [
        f"ERROR {path} row 2: 1 cell(s) beyond the 2 columns of the header (' joking and "
        "teasing'); a cell holding a comma needs double quotes around it"
    ]


@pytest.mark.parametrize(
    ("examples", "problem"),
    [
        ("- [typical] Jokes\n  (excerpt: nope)", "'(excerpt: nope)' holds no excerpt id (a GUID)"),
        (
            f"- [typical] Jokes\n  (note: why)\n  (excerpt: {cid('x')})",
            f"'(excerpt: {cid('x')})' comes after the (note: …) line; put it before",
        ),
        (
            "- [typical] Jokes\n  (note: one)\n  (note: two)",
            "'(note: two)': an example holds one (note: …), its last line",
        ),
    ],
)
def test_hand_typed_example_lines_that_would_be_misread_are_errors(
    examples: str, problem: str, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    assert _refused(path, f'path,examples\nHumour,"{examples}"\n') == [
        f"ERROR {path} row 2, column 'examples': {problem}"
    ]


@pytest.mark.parametrize("suffix", [".qdc", ".csv", ".xlsx", ".qde"])
def test_an_example_text_that_starts_like_a_note_round_trips(tmp_path: Path, suffix: str) -> None:
    """``- [typical]   (note: x)`` (the text ``"  (note: x)"``) ended the read in an
    IndexError: the note was looked for on the example's own first line."""
    example = qcode.Example(text="  (note: x)", note="a real note")
    book = evolve(BASE, codes=(code("Jokes", examples=(example,)),), themes=())
    path = tmp_path / f"c{suffix}"
    if suffix == ".qde":
        assert qcode.write(book.as_project(), path) == ()
        assert qcode.read(path).project.codes[0].examples == (example,)
    else:
        assert [i for i in qcode.write_codebook(book, path) if i.code != "not-carried"] == []
        assert qcode.read_codebook(path).codes[0].examples == (example,)


@pytest.mark.parametrize(
    ("fields", "misread", "formats"),
    [
        ({"examples": (qcode.Example(text="x\n(note: n)"),)}, "examples", (".qdc", ".csv")),
        # a table's reader refuses an (excerpt: ...) line without an id; a .qdc keeps it
        ({"examples": (qcode.Example(text="see\n(excerpt: later)"),)}, "examples", (".csv",)),
        ({"when_to_use": ("a\n  (note: n)", "b")}, None, ()),
        (
            {"full_definition": "Brief definition: not really\n\nStatus: retired"},
            "brief_definition, full_definition, status",
            (".qdc",),  # a table gives each field a cell of its own
        ),
    ],
)
def test_a_definition_that_would_read_back_otherwise_is_reported_when_written(
    tmp_path: Path, fields: dict[str, object], misread: str | None, formats: tuple[str, ...]
) -> None:
    """A text that looks like the layout's own lines was written silently and read back as
    other fields (``x`` with the note ``n``; a brief definition and a status), or refused."""
    book = evolve(BASE, codes=(code("Jokes", **fields),), themes=())
    message = (
        f"code 'Jokes': its {misread} would not read back as written: a text in it looks like the "
        "definition layout's own lines (a heading, '(note: ...)')"
    )
    for suffix in (".qdc", ".csv"):
        path = tmp_path / f"c{suffix}"
        found = [
            (i.path, i.message)
            for i in qcode.write_codebook(book, path)
            if i.code == "not-carried" and "Jokes" in i.message
        ]
        assert found == ([("$.codes[0]", message)] if suffix in formats else [])
        try:
            same = qcode.read_codebook(path).codes[0] == book.codes[0]
        except qcode.InvalidProjectError:
            same = False
        assert same is (suffix not in formats)


def test_a_name_with_a_line_break_stays_on_one_line_in_a_diff_and_markdown(
    tmp_path: Path,
) -> None:
    """The diff printed it across two lines, and a Markdown heading ended at its break."""
    theme = qcode.Theme(id=cid("T"), name="Theme\nnewline", codes=(cid("Toll"),))
    odd = evolve(code("Toll", "Findings", brief_definition="x"), name="Two\nlines")
    book = evolve(BASE, codes=(BASE.codes[0], odd), themes=(theme,))
    lines = [str(d) for d in qcode.diff_codebooks(book, evolve(book, themes=()))]
    assert lines == ['theme-removed "Theme\\nnewline"']
    qcode.write_codebook(book, tmp_path / "c.md")
    text = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "## Theme: Theme newline\n" in text and "### Two lines\n" in text


def test_resolve_refuses_an_extension_that_gives_an_invalid_codebook() -> None:
    lost = qcode.Code(id=cid("Lost"), name="Lost", parent=cid("Nowhere"))
    extension = evolve(BASE, id=cid("more"), extends=qcode.CodebookRef(id=BASE.id), codes=(lost,))
    with pytest.raises(qcode.ExtensionError) as refused:
        qcode.resolve(extension, BASE)
    assert str(refused.value) == (
        "codebook 'Book' on 'Book' gives an invalid codebook: $.codes[4].parent: no code has id "
        f"{cid('Nowhere')}"
    )


def test_a_path_repeated_in_the_other_unicode_form_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    assert _refused(path, "path\nCaf\u00e9\nCafe\u0301\n") == [
        f"ERROR {path} row 3, column 'path': path 'Cafe\u0301' is already on row 2"
    ]


def test_a_path_in_the_other_unicode_form_matches_by_path(tmp_path: Path) -> None:
    """A sheet saved in NFD (as macOS may) did not match the project's NFC code by path:
    apply refused it as "another code with this path", diff gave a removal and an addition."""
    builder = qcode.ProjectBuilder("P")
    builder.theme("Caf\u00e9", codes=[builder.code("Caf\u00e9", brief_definition="old")])
    project = builder.build()
    sheet = tmp_path / "nfd.csv"
    sheet.write_text("path,brief_definition,themes\nCafe\u0301,new,Cafe\u0301\n", encoding="utf-8")
    codebook = qcode.read_codebook(sheet)
    assert [str(d) for d in qcode.diff_codebooks(project, codebook, match="path")] == [
        'code-changed Caf\u00e9 brief_definition: "old" -> "new"'
    ]
    builder = qcode.ProjectBuilder.from_project(project)
    assert [str(i) for i in builder.apply_codebook(codebook, match="path")] == [
        "INFO Caf\u00e9: updated: brief_definition"
    ]
    (applied,) = builder.build().codes
    assert (applied.id, applied.name, applied.brief_definition) == (
        project.codes[0].id,
        "Caf\u00e9",
        "new",
    )
    assert builder.build().themes == project.themes  # the theme, matched, keeps its spelling


def test_a_path_spelled_exactly_is_matched_before_one_in_the_other_form(tmp_path: Path) -> None:
    """A file may hold both (the builder refuses the second)."""
    nfd = qcode.Code(id=cid("nfd"), name="Cafe\u0301")
    nfc = qcode.Code(id=cid("nfc"), name="Caf\u00e9")
    project = qcode.Project(name="P", codes=(nfc, nfd))
    sheet = tmp_path / "nfc.csv"
    sheet.write_text("path,brief_definition\nCaf\u00e9,new\n", encoding="utf-8")
    builder = qcode.ProjectBuilder.from_project(project)
    builder.apply_codebook(qcode.read_codebook(sheet), match="path")
    assert {c.id: c.brief_definition for c in builder.build().codes} == {
        nfd.id: None,
        nfc.id: "new",
    }


def test_a_qcode_line_it_cannot_read_in_a_qdc_keeps_the_theme_and_names_the_cause(
    tmp_path: Path,
) -> None:
    """A theme whose qcode-theme line held one bad item was dropped, and a codebook line
    that was not JSON lost the codebook's id and name too, each reported only as "a codebook
    holds no sets"."""
    text = (EXAMPLE / "codebook.qdc").read_text(encoding="utf-8")
    original = qcode.read_codebook(EXAMPLE / "codebook.qdc")
    damaged = text.replace("qcode-codebook: {", "qcode-codebook: {broken", 1)
    damaged = damaged.replace("qcode-theme: ", "qcode-theme: color=none; ", 1)
    (tmp_path / "c.qdc").write_text(damaged, encoding="utf-8")
    report: list[qcode.Issue] = []
    read = qcode.read_codebook(tmp_path / "c.qdc", report=report)
    assert [t.name for t in read.themes] == [t.name for t in original.themes]
    assert (read.id, read.name) == (original.id, original.name)
    theme = original.themes[0].name
    assert [(i.code, i.message) for i in report] == [
        (
            "invalid-value",
            f"theme {theme!r}: its qcode-theme line holds 'color=none', which qcode cannot "
            "read; the theme is read without it",
        ),
        (
            "not-carried",
            f"code set {original.name!r} holds qcode's codebook line, which is not a JSON "
            "object: the codebook's version, authors, the codebook it extends, what it removes "
            "and its change log were not read",
        ),
    ]


def test_a_second_qcode_codebook_line_in_a_qdc_is_named_as_such(tmp_path: Path) -> None:
    """It was said not to be JSON and the codebook's metadata not read: both untrue."""
    text = (EXAMPLE / "codebook.qdc").read_text(encoding="utf-8")
    start = text.rindex("<Set ", 0, text.index("qcode-codebook: "))
    marker = text[start : text.index("</Set>", start) + len("</Set>")]
    copy = re.sub(r'guid="[^"]+"', f'guid="{cid("copy")}"', marker, count=1)
    copy = re.sub(r'name="[^"]+"', 'name="Copy"', copy, count=1)
    (tmp_path / "c.qdc").write_text(text.replace(marker, marker + copy), encoding="utf-8")
    report: list[qcode.Issue] = []
    read = qcode.read_codebook(tmp_path / "c.qdc", report=report)
    assert read == qcode.read_codebook(EXAMPLE / "codebook.qdc")
    assert [i.message for i in report] == [
        f"code set 'Copy' holds a qcode-codebook line too, but the codebook's is set "
        f"{read.name!r}'s: not read (a codebook holds no sets)"
    ]


def test_a_codebook_without_codes_reads_back_from_qdc_without_the_placeholder(
    tmp_path: Path,
) -> None:
    """REFI-QDA needs a code: qcode writes one, ``(no codes)``, and read it back as a code,
    so an extension that only removes codes came back adding one."""
    extension = qcode.Codebook(
        id=cid("more"), name="Fewer", extends=qcode.CodebookRef(id=BASE.id),
        removes=(cid("Toll"),),
    )  # fmt: skip
    report = qcode.write_codebook(extension, tmp_path / "c.qdc")
    assert [i.message for i in report] == [
        "there are no codes; the codebook holds one placeholder, (no codes), which qcode "
        "reads back as none"
    ]
    assert qcode.read_codebook(tmp_path / "c.qdc") == extension
    assert (
        qcode.diff_codebooks(extension, qcode.read_codebook(tmp_path / "c.qdc")).differences == ()
    )


def test_a_table_that_would_read_back_otherwise_is_reported_when_written(tmp_path: Path) -> None:
    """Twin paths (here in two Unicode forms), spaces around a name and a theme name with a
    line break were written silently: the table then failed to read or read otherwise."""
    codes = (
        code("A"),
        code("Caf\u00e9", "A"),
        qcode.Code(id=cid("twin"), name="Cafe\u0301", parent=cid("A")),
        code(" padded "),
    )
    theme = qcode.Theme(id=cid("T"), name="Theme\nnewline", codes=(cid("A"),))
    book = evolve(BASE, version=None, codes=codes, themes=(theme,))
    report = qcode.write_codebook(book, tmp_path / "c.csv")
    assert [(i.path, i.message) for i in report if i.code == "not-carried"] == [
        (
            "$.themes[0].name",
            "theme 'Theme\\nnewline': a table lists themes one per line, each without spaces "
            "around it, so its name reads back otherwise",
        ),
        (
            "$.codes[2]",
            "code 'Cafe\u0301' has the path 'A/Cafe\u0301' of $.codes[1] (in either Unicode "
            "form), and a table names a code by its path: it cannot be read back",
        ),
        (
            "$.codes[3].name",
            "code ' padded ' has spaces around its name, which a table's reader takes away",
        ),
    ]


def test_a_table_that_would_not_read_back_at_all_says_so_when_written(tmp_path: Path) -> None:
    """A name with ``/`` and spaces, or an example note holding the layout's own
    ``(note: ...)`` line, was warned of as reading "otherwise", but the file written could
    not be read at all; a theme's line break went unsaid where the theme also held what a
    table leaves out (a description)."""
    slashed = (code("A"), code(" lead/trail "))
    report = qcode.write_codebook(evolve(BASE, version=None, codes=slashed, themes=()),
                                  tmp_path / "slash.csv")  # fmt: skip
    assert [(i.path, i.message) for i in report][-1] == (
        "$",
        "the table does not read back as a codebook: 1 error(s), the first at row 3, column "
        "'path': no row has the parent path 'lead' (.json or .qdc keeps it as it is)",
    )
    noted = evolve(code("A"), examples=(qcode.Example(text="t", note="x)\n(note: y"),))
    report = qcode.write_codebook(evolve(BASE, version=None, codes=(noted,), themes=()),
                                  tmp_path / "note.xlsx")  # fmt: skip
    assert [i.path for i in report] == ["$.codes[0]", "$"]
    assert report[-1].message.startswith(
        "the table does not read back as a codebook: 1 error(s), the first at row 2, column "
        "'examples': "
    )
    described = qcode.Theme(id=cid("T"), name="T\nX", description="d", codes=(cid("A"),))
    book = evolve(BASE, version=None, codes=(code("A"),), themes=(described,))
    report = qcode.write_codebook(book, tmp_path / "theme.csv")
    assert [(i.path, i.message) for i in report] == [
        (
            "$.themes[0]",
            "theme 'T\\nX': a table holds only the names of the themes that group codes",
        ),
        (
            "$.themes[0].name",
            "theme 'T\\nX': a table lists themes one per line, each without spaces around it, "
            "so its name reads back otherwise",
        ),
    ]
    fine = qcode.write_codebook(evolve(BASE, version=None, description=None), tmp_path / "b.csv")
    assert fine == ()


def test_a_codebook_is_read_from_a_zip_archive_and_a_missing_file_said_one_way(
    example: qcode.Project, tmp_path: Path
) -> None:
    """A ``.zip`` is read as a ``.qdpx``, as `qcode.read` reads it."""
    archive = tmp_path / "study.zip"
    archive.write_bytes((EXAMPLE / "sustaining_social_work.qdpx").read_bytes())
    assert qcode.read_codebook(archive) == example.codebook
    for name in ("gone.json", "gone.csv", "gone.qdc"):
        with pytest.raises(qcode.ReadError) as refused:
            qcode.read_codebook(tmp_path / name)
        assert str(refused.value) == f"{tmp_path / name}: no such file"


def test_a_table_separated_by_semicolons_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    assert _refused(path, "path;brief_definition\nA;b\n")[-1] == (
        f"ERROR {path} row 1: no 'path' column: each row needs the code's path (the header is "
        "separated by semicolons; qcode reads commas)"
    )


def test_a_date_a_spreadsheet_made_of_a_cell_reads_as_iso_text(tmp_path: Path) -> None:
    """A spreadsheet turns a name like ``3/4`` into a date, which read as
    ``2024-03-04 00:00:00``."""
    book = openpyxl.Workbook()
    book.active.append(["path", "brief_definition"])
    book.active.append([dt.datetime(2024, 3, 4), dt.datetime(2024, 3, 4, 9, 30)])
    book.active.append(["B", dt.date(2024, 3, 5)])
    book.save(tmp_path / "c.xlsx")
    codes = qcode.read_codebook(tmp_path / "c.xlsx").codes
    assert [(c.name, c.brief_definition) for c in codes] == [
        ("2024-03-04", "2024-03-04T09:30:00"),
        ("B", "2024-03-05"),
    ]


def test_a_formula_no_spreadsheet_computed_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    """A workbook a program wrote holds formulas without their values: one read as empty,
    silently. Text that starts with ``=`` (as qcode writes a name like that) is text."""
    book = openpyxl.Workbook()
    book.active.append(["path", "brief_definition"])
    book.active.append(["=A", None])
    book.active["A2"].data_type = "s"  # text, as qcode's writer keeps it
    book.active.append(["B", "=1+1"])

    def refusal() -> str:
        book.save(tmp_path / "c.xlsx")
        with pytest.raises(qcode.ReadError) as refused:
            qcode.read_codebook(tmp_path / "c.xlsx")
        return str(refused.value)

    assert refusal() == (
        f"{tmp_path / 'c.xlsx'}: row 3, column 'brief_definition': holds the formula '=1+1', "
        "which no spreadsheet has computed, so its text is unknown; open and save the "
        "workbook in a spreadsheet program, or type the text"
    )
    for row in range(4, 11):
        book.active.append([f"C{row}", "=2+2"])
    assert refusal() == (
        f"{tmp_path / 'c.xlsx'}: row 3, column 'brief_definition': holds the formula '=1+1', "
        "which no spreadsheet has computed, so its text is unknown (so do 7 more: row 4, "
        "column 'brief_definition'; row 5, column 'brief_definition'; row 6, column "
        "'brief_definition'; row 7, column 'brief_definition'; row 8, column "
        "'brief_definition'; ...); open and save the workbook in a spreadsheet program, or "
        "type the text"
    )  # every such cell counted, not only the first
    for row in range(3, 11):
        book.active[f"B{row}"] = "computed"
    book.save(tmp_path / "c.xlsx")
    assert [c.name for c in qcode.read_codebook(tmp_path / "c.xlsx").codes] == [
        "=A", "B", *(f"C{row}" for row in range(4, 11))
    ]  # fmt: skip


def test_a_workbook_is_read_from_its_first_sheet_and_messages_name_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Readme"
    book.active.append(["This workbook holds the codes on the next sheet"])
    book.create_sheet("Codes").append(["path"])
    book.save(tmp_path / "c.xlsx")
    with pytest.raises(qcode.InvalidProjectError) as refused:
        qcode.read_codebook(tmp_path / "c.xlsx")
    assert str(refused.value.issues[-1]) == (
        f"ERROR {tmp_path / 'c.xlsx'} (sheet 'Readme', the first) row 1: no 'path' column: each "
        "row needs the code's path"
    )


def test_a_damaged_or_hostile_workbook_is_refused_naming_it(tmp_path: Path) -> None:
    """A sheet openpyxl could not parse was an internal error (its rows are read as they
    go); a workbook was unpacked member by member whole, whatever its headers said."""
    book = openpyxl.Workbook()
    book.active.append(["path"])
    book.active.append(["A"])
    book.save(tmp_path / "good.xlsx")
    with zipfile.ZipFile(tmp_path / "good.xlsx") as good:
        members = {info.filename: good.read(info) for info in good.infolist()}
    sheet = "xl/worksheets/sheet1.xml"

    def altered(name: str, part: str, change: Callable[[bytes], bytes], method: int) -> Path:
        """The good workbook with ``part`` changed, its members packed with ``method``."""
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", method) as archive:
            for member, data in members.items():
                archive.writestr(member, change(data) if member == part else data)
        return path

    damaged = altered("damaged.xlsx", sheet, lambda d: d[: len(d) // 2], zipfile.ZIP_DEFLATED)
    with pytest.raises(qcode.ReadError) as refused:
        qcode.read_codebook(damaged)
    assert str(refused.value).startswith(f"{damaged}: cannot be read (ParseError: ")
    packed = altered("packed.xlsx", sheet, lambda d: d, zipfile.ZIP_BZIP2)
    with pytest.raises(qcode.ReadError) as refused:
        qcode.read_codebook(packed)
    assert str(refused.value) == (
        f"{packed}: member 'docProps/app.xml' is packed with compression method 12, which "
        "qcode does not unpack (it reads stored and deflate, the methods REFI-QDA tools and "
        "spreadsheet programs write)"
    )
    assert [c.name for c in qcode.read_codebook(tmp_path / "good.xlsx").codes] == ["A"]
    # a DTD in any part: openpyxl's parser expanded its entities into the cells
    for part in (sheet, "xl/workbook.xml"):
        entity = altered(
            "entity.xlsx",
            part,
            lambda d: b'<!DOCTYPE x [<!ENTITY a "X">]>' + d,
            zipfile.ZIP_DEFLATED,
        )
        with pytest.raises(qcode.ReadError) as refused:
            qcode.read_codebook(entity)
        assert str(refused.value) == (
            f"{entity}/{part}: the part declares a DTD (<!DOCTYPE ...>), which a workbook does "
            "not need and which can expand entities or fetch files; qcode refuses it"
        )


def test_markdown_keeps_text_that_looks_like_a_tag(tmp_path: Path) -> None:
    book = changed(BASE, "Toll", brief_definition="Costs <unpaid> & more")
    qcode.write_codebook(book, tmp_path / "b.md")
    assert "**Brief definition.** Costs \\<unpaid> & more" in (tmp_path / "b.md").read_text()


def test_markdown_diffs_show_long_texts_where_they_part_and_theme_parents_by_name() -> None:
    start = "A long definition that says a good deal before it changes: "
    old = changed(BASE, "Hope", brief_definition=start + "the old ending.")
    new = changed(BASE, "Hope", brief_definition=start + "the new ending.")
    assert qcode.diff_codebooks(old, new).to_markdown().splitlines()[-1] == (
        '| code-changed | Findings/Hope | brief_definition | "…deal before it changes: the old '
        'ending." | "…deal before it changes: the new ending." |'
    )
    top = qcode.Theme(id=cid("Top"), name="Top")
    nested = evolve(BASE, themes=(top, evolve(BASE.themes[0], parent=top.id)))
    assert qcode.diff_codebooks(nested, evolve(BASE, themes=(top, *BASE.themes))).to_text() == (
        'theme-changed Strain parent: "Top" -> (none)\n'
    )


@pytest.mark.parametrize("extension", [".json", ".qdc", ".md", ".csv", ".xlsx"])
def test_a_codebook_holding_a_lone_surrogate_is_refused_naming_the_place(
    tmp_path: Path, extension: str
) -> None:
    """A codebook made in code can hold one: each format ended with a bare
    UnicodeEncodeError, where a project is refused with its place."""
    code = evolve(BASE.codes[1], name="Half \udc00")
    book = evolve(BASE, codes=(BASE.codes[0], code, *BASE.codes[2:]))
    with pytest.raises(qcode.WriteError) as refused:
        qcode.write_codebook(book, tmp_path / f"c{extension}")
    place = "row 2, column 'path'" if extension == ".xlsx" else "$.codes[1].name"  # a sheet's
    assert str(refused.value) == (
        f"{tmp_path / f'c{extension}'}: {place} holds a lone surrogate (U+DC00), not a "
        "character, which UTF-8 cannot encode; nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def test_long_definitions_read_back_from_csv_and_are_refused_by_a_workbook(
    tmp_path: Path,
) -> None:
    """A definition over 131,072 characters was written to .csv and could not be read back
    (Python's reader stops there); one over an Excel cell's 32,767 was cut, silently."""
    long = "word " * 40_000  # 200,000 characters
    code = evolve(BASE.codes[1], full_definition=long.strip())
    book = evolve(BASE, codes=(BASE.codes[0], code, *BASE.codes[2:]))
    qcode.write_codebook(book, tmp_path / "c.csv")
    back = qcode.read_codebook(tmp_path / "c.csv")
    assert back.codes[1].full_definition == long.strip()
    with pytest.raises(qcode.WriteError) as refused:
        qcode.write_codebook(book, tmp_path / "c.xlsx")
    assert str(refused.value) == (
        f"{tmp_path / 'c.xlsx'}: row 3, column 'full_definition': holds 199,999 characters, "
        "more than an Excel cell's 32,767; nothing was written (write .csv or .json instead)"
    )
    assert not (tmp_path / "c.xlsx").exists()


def test_a_workbook_s_other_sheets_are_said_not_to_be_read(tmp_path: Path) -> None:
    """Codes on a second sheet were left out without a word."""
    book = openpyxl.Workbook()
    book.active.title = "Codes"
    book.active.append(["path"])
    book.active.append(["A"])
    more = book.create_sheet("More codes")
    more.append(["path"])
    more.append(["B"])
    book.save(tmp_path / "two.xlsx")
    report: list[qcode.Issue] = []
    read = qcode.read_codebook(tmp_path / "two.xlsx", report=report)
    assert [c.name for c in read.codes] == ["A"]
    assert [str(i) for i in report] == [
        f"WARNING {tmp_path / 'two.xlsx'} $: sheet(s) 'More codes' not read: a codebook is its "
        "workbook's first sheet"
    ]


def test_a_cell_of_only_spaces_is_blank_in_a_table(tmp_path: Path) -> None:
    """It was read as the definition "   ", so a diff reported it and a merge took it in
    place of the real one (applying already kept the project's value)."""
    (tmp_path / "c.csv").write_text(
        "path,brief_definition,when_to_use,examples\r\nToll,   ,  ,\t\r\n", encoding="utf-8"
    )
    code = qcode.read_codebook(tmp_path / "c.csv").codes[0]
    assert (code.brief_definition, code.when_to_use, code.examples) == (None, (), ())


def test_a_short_colour_written_long_is_no_difference(tmp_path: Path) -> None:
    """A .qdc writes ``#F00`` as ``#FF0000`` (REFI-QDA's form): diff reported a change."""
    code = evolve(BASE.codes[1], color="#F00")
    book = evolve(BASE, codes=(BASE.codes[0], code, *BASE.codes[2:]))
    qcode.write_codebook(book, tmp_path / "c.qdc")
    back = qcode.read_codebook(tmp_path / "c.qdc")
    assert back.codes[1].color == "#FF0000"
    assert qcode.diff_codebooks(book, back).differences == ()
    other = evolve(book, codes=(BASE.codes[0], evolve(code, color="#F01"), *BASE.codes[2:]))
    assert [d.field for d in qcode.diff_codebooks(book, other).differences] == ["color"]


def test_a_merge_that_puts_two_codes_on_one_path_says_so() -> None:
    """Each side added a code of one name under one parent: the merge kept both, a path
    two codes share (a table of it cannot be read back), and reported no conflict."""
    top = qcode.Code(id=cid("A"), name="A")
    base = evolve(BASE, codes=(top,), themes=())
    ours = evolve(base, codes=(top, qcode.Code(id=cid("ours"), name="New", parent=top.id)))
    theirs = evolve(base, codes=(top, qcode.Code(id=cid("theirs"), name="New", parent=top.id)))
    result = qcode.merge_codebooks(base, ours, theirs)
    assert [c.name for c in result.codebook.codes] == ["A", "New", "New"]
    assert [str(c) for c in result.conflicts] == [
        f"conflict (twin-path) A/New id: ours {cid('ours')}, theirs {cid('theirs')}"
    ]
    assert result.codebook.changes[-1].text == f"Merge {result.conflicts[0]}"
    # two themes of one name under one parent, one from each side, likewise
    ours = evolve(base, themes=(qcode.Theme(id=cid("T1"), name="Strain"),))
    theirs = evolve(base, themes=(qcode.Theme(id=cid("T2"), name="Strain"),))
    result = qcode.merge_codebooks(base, ours, theirs)
    assert [t.name for t in result.codebook.themes] == ["Strain", "Strain"]
    assert [str(c) for c in result.conflicts] == [
        f"conflict (twin-path) Strain id: ours {cid('T1')}, theirs {cid('T2')}"
    ]
    # under a parent theme, said at its path; twins the base held already are no conflict
    top = qcode.Theme(id=cid("P"), name="P")
    held = evolve(base, themes=(top,))
    ours = evolve(held, themes=(top, qcode.Theme(id=cid("S1"), name="S", parent=top.id)))
    theirs = evolve(held, themes=(top, qcode.Theme(id=cid("S2"), name="S", parent=top.id)))
    assert [str(c) for c in qcode.merge_codebooks(held, ours, theirs).conflicts] == [
        f"conflict (twin-path) P/S id: ours {cid('S1')}, theirs {cid('S2')}"
    ]
    twins = evolve(base, themes=(*ours.themes, *theirs.themes[1:]))
    assert qcode.merge_codebooks(twins, twins, twins).conflicts == ()
    # two renames onto one path, and a '/' in a name that makes two paths one, likewise
    # (the base held both codes, or the parents differed: no conflict was said)
    ours = changed(BASE, "Hope", name="Cost")
    theirs = changed(BASE, "Toll", name="Cost")
    assert [str(c) for c in qcode.merge_codebooks(BASE, ours, theirs).conflicts] == [
        f"conflict (twin-path) Findings/Cost id: ours {cid('Hope')}, theirs {cid('Toll')}"
    ]
    slash = qcode.Code(id=cid("ours"), name="A/New")
    ours = evolve(base, codes=(top := qcode.Code(id=cid("A"), name="A"), slash))
    theirs = evolve(base, codes=(top, qcode.Code(id=cid("theirs"), name="New", parent=top.id)))
    assert [str(c) for c in qcode.merge_codebooks(base, ours, theirs).conflicts] == [
        f"conflict (twin-path) A/New id: ours {cid('ours')}, theirs {cid('theirs')}"
    ]


def test_every_code_under_a_parent_the_other_side_removed_is_a_conflict() -> None:
    """Only the first code found under it was: a second moved or added there was put back
    under it without a word, and the conflict gave the removed parent as its base parent."""
    a, b, c = (qcode.Code(id=cid(n), name=n) for n in "ABC")
    base = evolve(BASE, codes=(a, b, c), themes=())
    moved, added = evolve(b, parent=a.id), qcode.Code(id=cid("D"), name="D", parent=a.id)
    ours = evolve(base, codes=(a, moved, c, added))
    theirs = evolve(base, codes=(b, c))
    result = qcode.merge_codebooks(base, ours, theirs)
    assert [(k.kind, k.path, k.base, k.ours, k.theirs) for k in result.conflicts] == [
        ("parent-removed", "A/B", None, "A", None),
        ("parent-removed", "A/D", None, "A", None),
    ]
    assert sorted(result.codebook.path(code) for code in result.codebook.codes) == [
        "A", "A/B", "A/D", "C",
    ]  # fmt: skip


def test_markdown_shows_names_as_written_not_as_markup() -> None:
    """A name's marks were read as Markdown: ``*Stars*`` as emphasis, ``[1](http://x)`` as
    a link, ``# x`` after a heading's marks as part of it."""
    name = "*Stars* & <b>tags</b> # x [1](http://x) a_b"
    code = evolve(BASE.codes[0], name=name)
    book = evolve(BASE, name="Book", codes=(code, *BASE.codes[1:]), themes=())
    html = MarkdownIt("commonmark").render(qcode.codebook_markdown(book))
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    assert headings[0] == "*Stars* &amp; &lt;b&gt;tags&lt;/b&gt; # x [1](http://x) a_b"


def test_markdown_shows_authors_versions_and_quotations_as_written() -> None:
    """Authors, the version and an example's words were written as Markdown: ``a*b`` began
    emphasis that ran on to the end of the line."""
    toll = evolve(
        BASE.codes[1],
        examples=(qcode.Example(text="it's *so* much [x]", note="see_this_"),),
    )
    book = evolve(
        BASE,
        version="1_0*",
        authors=("a*b", "O_Brien_"),
        codes=(BASE.codes[0], toll, *BASE.codes[2:]),
        themes=(),
    )
    html = MarkdownIt("commonmark").render(qcode.codebook_markdown(book))
    assert "<p><em>Version 1_0*; by a*b, O_Brien_</em></p>" in html
    assert "<li><em>typical</em>: “it's *so* much [x]” — see_this_</li>" in html
    # a quotation's own lines stay its words: not a list, a quotation, or an entity
    said = "Did you?\n- Yes\n> no\n2. maybe &amp; more"
    toll = evolve(BASE.codes[1], examples=(qcode.Example(text=said),))
    book = evolve(BASE, codes=(BASE.codes[0], toll, *BASE.codes[2:]), themes=())
    html = MarkdownIt("commonmark").render(qcode.codebook_markdown(book))
    assert "<li><em>typical</em>: “Did you?\n- Yes\n&gt; no\n2. maybe &amp;amp; more”</li>" in html


def test_markdown_says_where_an_extension_s_code_sits_in_its_base() -> None:
    """A code under one of the base's codes showed at the top, with nothing said."""
    humour = qcode.Code(id=cid("Humour"), name="Humour", parent=cid("Coping"))
    extension = qcode.Codebook(
        id=cid("ext"), name="Ext", extends=qcode.CodebookRef(id=BASE.id), codes=(humour,)
    )
    text = qcode.codebook_markdown(extension)
    assert f"### Humour\n\n*under code {cid('Coping')} (the codebook it extends)*\n" in text
    lone = evolve(extension, extends=None)  # damaged: a parent the codebook lacks
    text = qcode.codebook_markdown(lone)
    assert f"### Humour\n\n*under code {cid('Coping')} (not in this codebook)*\n" in text


def test_markdown_keeps_a_definition_s_lines_inside_its_code() -> None:
    """A definition's own lines were written as they are: ``# Note`` was a heading beside
    the codes', a line under ``===`` a heading too, and an item's second paragraph left
    its list. A definition's own emphasis and lists stay Markdown."""
    code = evolve(
        BASE.codes[1],
        brief_definition="Weight.\n# Note\nCost\n===\n- *one*\n- two",
        when_to_use=("First.\n\nStill the first.\n---", "Second."),
    )
    book = evolve(BASE, name="Book", codes=(BASE.codes[0], code, *BASE.codes[2:]), themes=())
    html = MarkdownIt("commonmark").render(qcode.codebook_markdown(book))
    assert re.findall(r"<h(\d)>(.*?)</h\d>", html) == [
        ("1", "Codebook: Book"),
        ("2", "Codes in no theme"),
        *(("3", c.name) for c in BASE.codes),
    ]
    assert (
        "<p><strong>Brief definition.</strong> Weight.\n# Note\nCost\n===</p>\n"
        "<ul>\n<li><em>one</em></li>\n<li>two</li>\n</ul>\n"
    ) in html
    assert (
        "<ul>\n<li>\n<p>First.</p>\n<p>Still the first.\n---</p>\n</li>\n<li>\n<p>Second.</p>\n"
        "</li>\n</ul>"
    ) in html
    # a fence left open held every code after it; a line ending in CR LF went unescaped
    fenced = evolve(BASE.codes[1], brief_definition="Start.\n\n```\nnot closed")
    crlf = evolve(  # and lines ending in CR alone, which CommonMark reads as lines too
        BASE.codes[2], full_definition="Cost\r\n---\r\nMore\r\n===\r\n#\r\nx\r# Lone\r```"
    )
    book = evolve(
        BASE, name="Book", codes=(BASE.codes[0], fenced, crlf, *BASE.codes[3:]), themes=()
    )
    html = MarkdownIt("commonmark").render(qcode.codebook_markdown(book))
    assert re.findall(r"<h(\d)>(.*?)</h\d>", html) == [
        ("1", "Codebook: Book"),
        ("2", "Codes in no theme"),
        *(("3", c.name) for c in BASE.codes),
    ]
    assert "<pre>" not in html and "<p>```\nnot closed</p>" in html


def test_a_merge_takes_one_colour_spelled_two_ways_as_unchanged() -> None:
    """Only diff knew ``#F00`` and ``#FF0000`` (a .qdc's spelling) as one colour: a merge
    in which one side changed the colour and the other came back from a .qdc reported a
    conflict on it."""
    colour = evolve(BASE.codes[1], color="#F00")
    base = evolve(BASE, codes=(BASE.codes[0], colour, *BASE.codes[2:]))
    ours = evolve(base, codes=(BASE.codes[0], evolve(colour, color="#00F"), *BASE.codes[2:]))
    theirs = evolve(base, codes=(BASE.codes[0], evolve(colour, color="#ff0000"), *BASE.codes[2:]))
    result = qcode.merge_codebooks(base, ours, theirs)
    assert (result.conflicts, result.codebook.codes[1].color) == ((), "#00F")
