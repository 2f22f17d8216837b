"""Every field of `qcode.Limits`: its default is the number docs/security.md gives, a file
just beyond it is refused (or, for code depth, reported), and a changed value is honoured."""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import attrs
import pytest

import qcode
from qcode._formats import ReadOptions, read
from tests.conftest import ROOT, small_project
from tests.refi.fixtures import (
    SOURCE,
    declaring,
    project_xml,
    qdpx,
    sharing_one_text,
    with_empty_members,
)

DEFAULTS = qcode.Limits()
_UNITS = {"": 1, "MiB": 1024**2, "GiB": 1024**3}


def documented_defaults() -> dict[str, int]:
    """The default of each limit, from the table in docs/security.md."""
    text = (ROOT / "docs" / "security.md").read_text("utf-8").split("## Limits", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", text, re.MULTILINE)
    defaults = {}
    for name, cell in rows:
        number = re.fullmatch(
            r"([\d,]+)(?: (MiB|GiB))?(?: \N{MINUS SIGN} (\d+))?(?: \(.*\))?", cell.strip()
        )
        assert number is not None, cell
        whole, unit, less = number.groups()
        defaults[name] = int(whole.replace(",", "")) * _UNITS[unit or ""] - int(less or 0)
    return defaults


def test_security_md_documents_every_limit() -> None:
    assert sorted(documented_defaults()) == sorted(f.name for f in attrs.fields(qcode.Limits))


@pytest.mark.parametrize("name", [f.name for f in attrs.fields(qcode.Limits)])
def test_the_default_is_the_number_security_md_gives(name: str) -> None:
    assert getattr(DEFAULTS, name) == documented_defaults()[name]


# -- each limit at its default, one beyond, raised and lowered ---------------------------


def _member_of_size(path: Path, size: int) -> Path:
    return declaring(path, [(size, size)])


def _archive_of_total(path: Path, total: int) -> Path:
    """Members of at most the default member size that unpack to ``total`` bytes in all."""
    held = len(project_xml().encode()) + len(b"Hello world")
    rest = total - held
    parts = -(-rest // DEFAULTS.member_size)
    size, more = divmod(rest, parts)
    sizes = [size + 1] * more + [size] * (parts - more)
    return declaring(path, [(s, s) for s in sizes])


_PACKED = 1024**2


def _member_compressed(path: Path, ratio: int) -> Path:
    return declaring(path, [(ratio * _PACKED, _PACKED)])


def _repetitive_member_of_size(path: Path, size: int) -> Path:
    return declaring(path, [(size, 2**16)])  # compressed 1024 to 1 at 64 MiB


def _archive_of_members(path: Path, count: int) -> Path:
    return with_empty_members(qdpx(path, project_xml()), [f"other/{i}" for i in range(count - 2)])


_TEXT = 1024**2
_SOURCES = 511  # sharing one text of 1 MiB: 511 MiB, and the document makes up the rest


def _read_costing(path: Path, size: int) -> Path:
    """A project whose document and texts (the one text once for each source) add up to
    ``size`` bytes."""
    xml = sharing_one_text(_SOURCES - 1).encode()
    padding = size - _SOURCES * _TEXT - len(xml) - len(b"<!---->")
    return qdpx(path, xml + b"<!--" + b"p" * padding + b"-->", text=b"a" * _TEXT)


def _code_chain(path: Path, depth: int) -> Path:
    chain = "".join(f'<Code guid="00000000-0000-4000-8000-{i:012}" name="L{i}" isCodable="true">'
                    for i in range(1, depth + 1)) + "</Code>" * depth  # fmt: skip
    return qdpx(path, project_xml().replace("</Codes>", f"{chain}</Codes>"))


def _marks(path: Path, count: int) -> Path:
    """A project document of ``count`` ``<`` marks, most of them in comments of a million
    (each parses as one node: the limit counts before parsing; libxml2 takes 10 MB in one)."""
    xml = project_xml()
    left, comments = count - xml.count("<"), []
    while left:
        inside = min(left - 1, 1_000_000)
        comments.append("<!--" + "<" * inside + "-->")
        left -= inside + 1
    return qdpx(path, xml + "".join(comments))


class Boundary(NamedTuple):
    build: Callable[[Path, int], Path]
    """A file whose measure (size, count, ratio, depth) is the number given."""
    outcome: Callable[[Path, int, int], str]
    """What reading the file of that measure says under a limit one below it."""


_DEEPEST = "/Project/CodeBook/Codes/Code[2]"
BOUNDARIES = {
    "member_size": Boundary(
        _member_of_size,
        lambda path, n, limit: (
            f"{path}: member 'sources/big0.bin' unpacks to {n} bytes; the limit is {limit}"
        ),
    ),
    "total_size": Boundary(
        _archive_of_total,
        lambda path, n, limit: f"{path}: unpacks to {n} bytes in all; the limit is {limit}",
    ),
    "members": Boundary(
        _archive_of_members,
        lambda path, n, limit: f"{path}: holds {n} files; the limit is {limit}",
    ),
    "ratio": Boundary(
        _member_compressed,
        lambda path, n, limit: (
            f"{path}: member 'sources/big0.bin' is compressed {n} to 1, "
            f"beyond the limit of {limit} to 1 (a zip bomb?)"
        ),
    ),
    "ratio_above": Boundary(
        _repetitive_member_of_size,
        lambda path, n, limit: (
            f"{path}: member 'sources/big0.bin' is compressed "
            f"{n // 2**16} to 1, beyond the limit of 200 to 1 (a zip bomb?)"
        ),
    ),
    "read_budget": Boundary(
        _read_costing,
        lambda path, n, limit: (
            f"{path}: sources/{SOURCE}.txt takes the read past its budget "
            f"of {limit} bytes unpacked and decoded (Limits.read_budget); refused"
        ),
    ),
    "nodes": Boundary(
        _marks,
        lambda path, n, limit: (
            f"{path}/project.qde: holds {n} '<' characters (XML tags), beyond the limit of "
            f"{limit} (Limits.nodes){_AS_OBJECTS}"
        ),
    ),
    "code_depth": Boundary(
        _code_chain,
        lambda path, n, limit: (
            f"WARNING {path}/project.qde:2 {_DEEPEST}{'/Code' * (n - 1)}: "
            f"code 'L{n}' sits {n} levels deep, beyond Limits.code_depth ({limit}); it is kept, "
            "but a REFI-QDA file cannot hold it"
        ),
    ),
}


def outcome(path: Path, **limits: int) -> str | None:
    """The refusal, or the report, of reading ``path``; ``None`` when it reads cleanly."""
    try:
        result = read(path, ReadOptions(limits=qcode.Limits(**limits)))
    except qcode.ReadError as exc:
        return str(exc)
    said = [i for i in result.report if i.code != "unnamed-file"]  # members only to be sized
    return "\n".join(str(issue) for issue in said) or None


def test_every_limit_has_a_boundary_test() -> None:
    assert sorted(BOUNDARIES) == sorted(f.name for f in attrs.fields(qcode.Limits))


@pytest.mark.parametrize("name", list(BOUNDARIES))
def test_a_file_just_beyond_the_default_is_refused_and_read_under_a_raised_limit(
    name: str, tmp_path: Path
) -> None:
    boundary = BOUNDARIES[name]
    default = getattr(DEFAULTS, name)
    at = boundary.build(tmp_path / "at.qdpx", default)
    beyond = boundary.build(tmp_path / "beyond.qdpx", default + 1)
    assert outcome(at) is None
    assert outcome(beyond) == boundary.outcome(beyond, default + 1, default)
    assert outcome(beyond, **{name: default + 1}) is None
    assert outcome(at, **{name: default - 1}) == boundary.outcome(at, default, default - 1)


def test_an_external_file_just_beyond_the_default_member_size_is_not_read(
    tmp_path: Path,
) -> None:
    media = tmp_path / "media"
    media.mkdir()
    with (media / "big.txt").open("wb") as sparse:
        sparse.truncate(DEFAULTS.member_size + 1)
    path = tmp_path / "bare.qde"
    path.write_text(project_xml(text_path=f"absolute://{media}/big.txt", end=0), "utf-8")
    result = read(path, ReadOptions(external_root=media))
    assert [i.message for i in result.report if i.code == "external-file-refused"] == [
        f"external file 'absolute://{media}/big.txt' of source 'Doc' is not read: it is "
        "larger than 2147483647 bytes (Limits.member_size)"
    ]


def test_a_member_that_declares_nothing_packed_is_a_bomb_not_a_division(tmp_path: Path) -> None:
    path = declaring(tmp_path / "p.qdpx", [(100 * 2**20, 0)])
    with pytest.raises(qcode.ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: member 'sources/big0.bin' is compressed 104857600 to 1, beyond the limit of "
        "200 to 1 (a zip bomb?)"
    )


def test_the_ratio_counts_a_member_with_nothing_packed_as_one_byte(tmp_path: Path) -> None:
    path = declaring(tmp_path / "p.qdpx", [(300, 0)])
    limits = qcode.Limits(ratio_above=0)
    with pytest.raises(qcode.ReadError) as caught:
        read(path, ReadOptions(limits=limits))
    assert str(caught.value) == (
        f"{path}: member 'sources/big0.bin' is compressed 300 to 1, beyond the limit of "
        "200 to 1 (a zip bomb?)"
    )


def test_a_bare_document_holds_a_text_up_to_what_xml_readers_take_back(tmp_path: Path) -> None:
    """libxml2 stops at 10,000,000 bytes in one text: a longer text is refused in a .qde
    (nothing written) and kept in a file in a .qdpx."""
    b = qcode.ProjectBuilder("Long", id_namespace=uuid.UUID(int=7))
    source = b.text_source("Transcript", "é" * 5_000_000)  # 10,000,000 bytes of UTF-8
    qcode.write(b.build(), tmp_path / "ok.qde")
    assert qcode.read(tmp_path / "ok.qde").project.sources[0].text == "é" * 5_000_000
    b.update(source, content=qcode.TextContent(text="é" * 5_000_000 + "."))
    with pytest.raises(qcode.WriteError) as refused:
        qcode.write(b.build(), tmp_path / "long.qde")
    assert str(refused.value) == (
        f"{tmp_path / 'long.qde'}: the text of source 'Transcript' is 10,000,001 bytes; XML "
        "readers take at most 10,000,000 in one text, so it cannot be written inline: write a "
        ".qdpx, which keeps texts in files"
    )
    assert not (tmp_path / "long.qde").exists()
    qcode.write(b.build(), tmp_path / "long.qdpx")
    assert qcode.read(tmp_path / "long.qdpx").project.sources[0].text.endswith("é.")


def test_a_text_too_long_for_xml_readers_says_so_without_parser_advice(tmp_path: Path) -> None:
    path = tmp_path / "long.qde"
    path.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>'
        + "a" * 10_000_001
        + "</Description></Project>",
        "utf-8",
    )
    with pytest.raises(qcode.ReadError) as refused:
        read(path)
    assert str(refused.value) == (
        f"{path}: Text node too long (line 1, column 10000065): XML readers take at most "
        "10,000,000 bytes in one text or attribute (a .qdpx keeps long texts in files)"
    )


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        ({"members": "x"}, TypeError, "Limits.members is an int, not str 'x'"),
        ({"code_depth": True}, TypeError, "Limits.code_depth is an int, not bool True"),
        ({"ratio": -1}, ValueError, "Limits.ratio must be 1 or more, not -1"),
        ({"read_budget": 0}, ValueError, "Limits.read_budget must be 1 or more, not 0"),
        ({"ratio_above": -1}, ValueError, "Limits.ratio_above must be 0 or more, not -1"),
    ],
)
def test_a_limit_that_is_no_whole_number_or_below_its_least_is_refused(
    given: dict[str, object], error: type[Exception], message: str
) -> None:
    """They were taken: a negative limit refused every file, and text failed in a read."""
    with pytest.raises(error) as refused:
        qcode.Limits(**given)  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_json_and_codebook_tables_count_their_parts_before_parsing(tmp_path: Path) -> None:
    """Limits counted bytes only: 60 MB of ``[]`` took 1.5 GB as lists, 60 MB of commas
    850 MB as cells. A codebook's limits were the defaults, whatever the options said."""
    few = ReadOptions(limits=qcode.Limits(nodes=5))
    project = tmp_path / "p.json"
    qcode.dump(small_project(), project)
    parts = project.read_text("utf-8").count("[") + project.read_text("utf-8").count("{")
    with pytest.raises(qcode.ReadError) as refused:
        read(project, few)
    assert str(refused.value) == (
        f"{project}: holds {parts} '[' and '{{' characters (JSON arrays and objects), beyond "
        f"the limit of 5 (Limits.nodes){_AS_OBJECTS}"
    )
    table = tmp_path / "c.csv"
    table.write_text("path,brief_definition\nA,x\nB,y\n", "utf-8")
    with pytest.raises(qcode.ReadError) as refused:
        qcode.read_codebook(table, options=few)
    assert str(refused.value) == (
        f"{table}: holds 6 commas and line ends (cells), beyond the limit of 5 "
        f"(Limits.nodes){_AS_OBJECTS}"
    )
    assert [c.name for c in qcode.read_codebook(table).codes] == ["A", "B"]
    book = tmp_path / "c.xlsx"
    qcode.write_codebook(qcode.read_codebook(table), book)
    with zipfile.ZipFile(book) as archive:  # every part of the workbook, counted once
        marks = sum(archive.read(name).count(b"<") for name in archive.namelist())
    with pytest.raises(qcode.ReadError) as refused:
        qcode.read_codebook(book, options=few)
    assert str(refused.value) == (
        f"{book}: holds {marks} '<' characters (XML tags), beyond the limit of 5 "
        f"(Limits.nodes){_AS_OBJECTS}"
    )
    enough = ReadOptions(limits=qcode.Limits(nodes=marks))
    assert [c.name for c in qcode.read_codebook(book, options=enough).codes] == ["A", "B"]


_AS_OBJECTS = (
    ", each counted wherever it stands, as each may become an object in memory; a script "
    "can read it with ReadOptions(limits=qcode.Limits(nodes=...))"
)
