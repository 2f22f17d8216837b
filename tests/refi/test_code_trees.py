"""Code trees REFI-QDA cannot nest as given: parents that loop, ids used twice, chains deeper
than XML parsers go. Every code is written or the write is refused, and the output is
always schema-valid."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from attrs import evolve

import qcode
from qcode._cli import main
from qcode._formats import ReadOptions, WriteOptions, read, write
from tests.refi.fixtures import CODE, project_xml, qdpx

Capture = pytest.CaptureFixture[str]


def codes(*pairs: tuple[str, int | None]) -> qcode.Project:
    """A project with codes named by ``pairs`` of (name, index of the parent or None)."""
    ids = [uuid.UUID(int=i + 1) for i in range(len(pairs))]
    made = tuple(
        qcode.Code(id=ids[i], name=name, parent=None if parent is None else ids[parent])
        for i, (name, parent) in enumerate(pairs)
    )
    return qcode.Project(name="Trees", codes=made)


def written_and_read_back(
    project: qcode.Project, tmp_path: Path
) -> tuple[list[str], qcode.Project]:
    path = tmp_path / "out.qdpx"
    report = write(project, path, WriteOptions(check_schema=True))
    again = read(path, ReadOptions(check_schema=True))
    assert [i for i in again.report if i.code == "schema"] == []
    return [f"{i.code} {i.path}: {i.message}" for i in report], again.project


def test_a_code_that_is_its_own_parent_is_written_at_the_top(tmp_path: Path) -> None:
    project = codes(("Self", 0))
    report, again = written_and_read_back(project, tmp_path)
    assert report == [
        "code-cycle $.codes[0].parent: code hierarchy loops: 'Self' → 'Self'",
        "cycle-broken $.codes[0].parent: code 'Self' is in a parent cycle; written at the top",
    ]
    assert again.codes == (evolve(project.codes[0], parent=None),)


def test_a_cycle_is_broken_at_the_member_met_first_and_nothing_is_lost(tmp_path: Path) -> None:
    project = codes(("Top", None), ("A", 2), ("B", 3), ("C", 1), ("Under C", 3))
    report, again = written_and_read_back(project, tmp_path)
    assert report == [
        "code-cycle $.codes[1].parent: code hierarchy loops: 'A' → 'B' → 'C' → 'A'",
        "cycle-broken $.codes[1].parent: code 'A' is in a parent cycle; written at the top",
    ]
    parents = {c.name: next((p.name for p in again.codes if p.id == c.parent), None)
               for c in again.codes}  # fmt: skip
    assert parents == {"Top": None, "A": None, "C": "A", "B": "C", "Under C": "C"}


def test_a_second_code_with_the_same_id_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    project = codes(("First", None), ("Second", None))
    project = evolve(
        project, codes=(project.codes[0], evolve(project.codes[1], id=project.codes[0].id))
    )
    report, again = written_and_read_back(project, tmp_path)
    assert report == [
        "duplicate-id $.codes[1]: id 00000000-0000-0000-0000-000000000001 is already used by "
        "code 'First' at $.codes[0]",
        "not-carried $.codes[1]: code 'Second' has the id of $.codes[0] ('First'); only the "
        "first is written",
    ]
    assert [c.name for c in again.codes] == ["First"]


def chain(depth: int) -> qcode.Project:
    return codes(*[(f"Level {i + 1}", None if i == 0 else i - 1) for i in range(depth)])


@pytest.mark.parametrize("depth", [101, 254, 1000])
def test_a_chain_deeper_than_the_limit_is_refused_and_nothing_is_written(
    depth: int, tmp_path: Path
) -> None:
    path = tmp_path / "deep.qdpx"
    with pytest.raises(qcode.WriteError) as caught:
        write(chain(depth), path)
    assert str(caught.value) == (
        f"{path}: $.codes[100]: code 'Level 101' sits 101 levels deep; REFI-QDA files qcode "
        "writes hold at most 100 (Limits.code_depth), so nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_chain_at_the_limit_is_written_and_read_back(tmp_path: Path) -> None:
    project = chain(100)
    report, again = written_and_read_back(project, tmp_path)
    assert report == []
    assert again.codes == project.codes


def test_reading_reports_codes_deeper_than_the_limit(tmp_path: Path) -> None:
    nested = "".join(f'<Code guid="{uuid.UUID(int=i)}" name="L{i}" isCodable="true">'
                     for i in range(1, 6)) + "</Code>" * 5  # fmt: skip
    path = tmp_path / "deep.qde"
    path.write_text(project_xml().replace("</Codes>", f"{nested}</Codes>"), "utf-8")
    result = read(path, ReadOptions(limits=qcode.Limits(code_depth=3)))
    assert [(i.code, i.path, i.message) for i in result.report if i.code == "code-too-deep"] == [
        ("code-too-deep", "/Project/CodeBook/Codes/Code[2]/Code/Code/Code",
         "code 'L4' sits 4 levels deep, beyond Limits.code_depth (3); it is kept, but a "
         "REFI-QDA file cannot hold it"),
    ]  # fmt: skip
    assert len(result.project.codes) == 6


def test_two_codes_with_one_guid_are_both_kept_and_reported(tmp_path: Path) -> None:
    twin = (
        f'<Code guid="{CODE.lower()}" name="Twin" isCodable="true">'
        f'<Code guid="{uuid.UUID(int=9)}" name="Under twin" isCodable="true"/></Code>'
    )
    path = qdpx(tmp_path / "p.qdpx", project_xml().replace("</Codes>", f"{twin}</Codes>"))
    result = read(path)
    new = uuid.uuid5(
        uuid.UUID("5b8f0d4e-2f3a-5c61-8e7d-9a0b1c2d3e4f"), f"duplicate {uuid.UUID(CODE)} 1"
    )
    assert [(i.code, i.message) for i in result.report] == [
        ("duplicate-guid",
         f"code 'Twin' has the GUID of code 'Bridge' read before it; it was given the new id "
         f"{new}, and references to the GUID mean 'Bridge'"),
    ]  # fmt: skip
    by_name = {c.name: c for c in result.project.codes}
    assert (by_name["Bridge"].id, by_name["Twin"].id) == (uuid.UUID(CODE), new)
    assert by_name["Under twin"].parent == new
    coded = result.project.sources[0].excerpts[0].codings[0].code
    assert coded == uuid.UUID(CODE)
    out = tmp_path / "out.qdpx"
    assert write(result.project, out) == ()
    assert sorted(c.name for c in read(out).project.codes) == ["Bridge", "Twin", "Under twin"]


def test_a_refused_write_names_the_input_and_says_nothing_was_written(
    tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.json"
    qcode.dump(evolve(chain(3), codes=(evolve(chain(3).codes[0], color="teal"),
                                       *chain(3).codes[1:])), source)  # fmt: skip
    out = tmp_path / "out.qdpx"
    assert main(["convert", "--strict", "--quiet", str(source), str(out)]) == 2
    assert capsys.readouterr().err == (
        f"qcode: {source}: $.codes[0].color: 'teal' is not a colour like '#1F77B4' or '#F00'; "
        f"nothing was written (run 'qcode validate {source}' to see every problem of the "
        "input)\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".qdpx", ".qde", ".qdc"])
def test_a_name_with_double_colons_that_qcode_wrote_stays_a_name(
    suffix: str, tmp_path: Path
) -> None:
    project = codes(("Ratio::mean", None), ("Plain", None))
    path = tmp_path / f"out{suffix}"
    assert write(project, path) == ()
    result = read(path)
    assert result.report == ()
    assert [(c.name, c.parent) for c in result.project.codes] == [
        ("Ratio::mean", None),
        ("Plain", None),
    ]
