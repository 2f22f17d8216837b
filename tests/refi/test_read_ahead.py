"""A project is read while it is parsed: each text source is read as soon as it is complete
and its elements freed. The result and the report must be exactly what reading the whole
tree gives, also where the offset dialect chosen at the end differs from the one the
sources were first read with."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from qcode._formats import ReadOptions, read
from qcode._formats._refi._read import ReadAhead, RefiReader
from qcode._formats._refi._xml import parse
from qcode._issues import Issue, ReadError
from tests.refi.fixtures import CODE, USER

PLAIN, CRLF, MISSING = (f"5555AAAA-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
VENDOR = ' tool="x"'


def selection(n: int, start: int, end: int, extra: str = "") -> str:
    return (
        f'<PlainTextSelection guid="EEEEEEEE-0000-4000-8000-00000000000{n}" '
        f'startPosition="{start}" endPosition="{end}"{extra}>'
        f'<Coding guid="DDDDDDDD-0000-4000-8000-00000000000{n}" creatingUser="{USER}">'
        f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection>'
    )


DOCUMENT = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="Mini" origin="ATLAS.ti 23" mark="1">\n'
    f'<Users><User guid="{USER}" name="Ana"/></Users>\n'
    f'<CodeBook><Codes><Code guid="{CODE}" name="Bridge" isCodable="true"/></Codes></CodeBook>\n'
    "<Extra>kept</Extra>\n"
    "<Sources>\n"
    f'<TextSource guid="{PLAIN}" name="Plain"><PlainTextContent>a bridge</PlainTextContent>'
    f"{selection(1, 2, 8, VENDOR)}</TextSource>\n"
    f'<TextSource guid="{CRLF}" name="Lines"><PlainTextContent>a&#13;\nbridge</PlainTextContent>'
    f"{selection(2, 2, 8)}</TextSource>\n"
    f'<TextSource guid="{MISSING}" name="Gone" plainTextPath="internal://gone.txt">'
    f"{selection(3, 0, 0)}</TextSource>\n"
    "</Sources>\n"
    '<Notes><Note guid="BBBBBBBB-0000-4000-8000-000000000001" name="Memo">'
    "<PlainTextContent>memo</PlainTextContent></Note></Notes>\n"
    "</Project>\n"
)


def lines(report: tuple[Issue, ...], tmp: Path) -> list[str]:
    return [str(issue).replace(str(tmp), "TMP") for issue in report]


def test_reading_as_parsed_equals_reading_the_whole_tree(tmp_path: Path) -> None:
    path = tmp_path / "p.qde"
    path.write_bytes(DOCUMENT.encode())
    as_parsed = read(path)
    whole = read(path, ReadOptions(check_schema=True))
    assert as_parsed.project == whole.project
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")
    assert [e.quote for s in as_parsed.project.sources for e in s.excerpts] == [
        "bridge",
        "bridge",
        "",
    ]
    assert [d.xml for d in as_parsed.project.vendor_data] == [
        'mark="1"',
        '<Extra xmlns="urn:QDA-XML:project:1.0">kept</Extra>',
        'tool="x"',
    ]
    assert lines(as_parsed.report, tmp_path) == [
        "WARNING TMP/p.qde:2 /Project: attribute 'mark' is not REFI-QDA; kept as vendor data",
        "INFO TMP/p.qde /: text offsets read as codepoints-lf (origin 'ATLAS.ti 23': ATLAS.ti "
        "counts a CRLF line break as one); selections on word boundaries: codepoints 0%, "
        "utf16 0%, codepoints-lf 100%",
        "WARNING TMP/p.qde:5 /Project/Extra: element <Extra> is not REFI-QDA here; kept as "
        "vendor data",
        "WARNING TMP/p.qde:7 /Project/Sources/TextSource[1]/PlainTextSelection: attribute "
        "'tool' is not REFI-QDA; kept as vendor data",
        "WARNING TMP/p.qde:10 /Project/Sources/TextSource[3]: the text is missing (file "
        "'internal://gone.txt'); read as empty",
    ]


def test_text_sources_are_freed_as_soon_as_read() -> None:
    report: list[Issue] = []
    readers: list[RefiReader] = []

    def reader_for(root: etree._Element) -> RefiReader:
        readers.append(RefiReader(root, file="p.qde", texts=lambda p, e: None, report=report))
        return readers[0]

    root = parse(DOCUMENT.encode(), "p.qde", report, ReadAhead(reader_for), ReadAhead.TAGS)
    # Each text source was read and emptied while parsing; the rest of the tree is whole.
    sources = root.findall("{*}Sources/{*}TextSource")
    assert [(len(s), dict(s.attrib)) for s in sources] == [(0, {})] * 3
    assert [len(root.find(tag)) for tag in ("{*}Users", "{*}CodeBook", "{*}Notes")] == [1, 1, 1]
    assert len(readers) == 1 and report == []
    project = readers[0].project()
    assert [s.name for s in project.sources] == ["Plain", "Lines", "Gone"]
    assert readers[0]._held == {}  # every report held back was put in
    assert [issue.code for issue in report] == [
        "vendor-data",
        "offset-dialect",
        "vendor-data",
        "vendor-data",
        "missing-text",
    ]


@pytest.mark.parametrize("origin", ["ATLAS.ti 23", "NVivo 14", "Some tool"])
@pytest.mark.parametrize("dialect", [None, "utf16"])
def test_the_dialect_chosen_at_the_end_is_the_one_used(
    origin: str, dialect: str | None, tmp_path: Path
) -> None:
    # Sources are first read in the dialect the caller or the origin names; the whole
    # document then shows ATLAS.ti's (CRLF as one), unless the caller fixed one.
    path = tmp_path / "p.qde"
    path.write_bytes(DOCUMENT.replace("ATLAS.ti 23", origin).encode())
    as_parsed = read(path, ReadOptions(dialect=dialect))
    whole = read(path, ReadOptions(dialect=dialect, check_schema=True))
    assert as_parsed.project == whole.project
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")
    quotes = [e.quote for s in as_parsed.project.sources for e in s.excerpts]
    assert quotes == ["bridge", "bridge" if dialect is None else "\nbridg", ""]


BROKEN = {
    "empty": ("", "Document is empty (line 1, column 1)"),
    "cut short": (
        DOCUMENT[:300],
        "Premature end of data in tag Codes line 4 (line 4, column 100)",
    ),
    "two roots": (
        DOCUMENT + "<Project/>",
        "Extra content at the end of the document (line 14, column 1)",
    ),
    "an entity HTML has and XML does not": (
        DOCUMENT.replace("</Project>", "<Description>a &nbsp; b</Description></Project>"),
        "Entity 'nbsp' not defined (line 13, column 22)",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_xml_is_refused_with_the_same_message(case: str, tmp_path: Path) -> None:
    path = tmp_path / "p.qde"
    document, problem = BROKEN[case]
    path.write_text(document, "utf-8")
    for options in (ReadOptions(), ReadOptions(check_schema=True)):
        with pytest.raises(ReadError) as refused:
            read(path, options)
        assert str(refused.value) == f"{path}: not well-formed XML: {problem}"


@pytest.mark.parametrize(
    "change",
    [
        (
            "</Notes>",
            '</Notes><Sources><TextSource guid="5555AAAA-0000-4000-8000-000000000009" '
            'name="Late"><PlainTextContent>late</PlainTextContent></TextSource></Sources>',
        ),
        ("<Sources>", "<Sources><Extra/>"),
        ("<Extra>kept</Extra>\n", ""),
    ],
)
def test_odd_orders_read_as_the_whole_tree_reads_them(
    change: tuple[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "p.qde"
    path.write_bytes(DOCUMENT.replace(*change).encode())
    as_parsed = read(path)
    whole = read(path, ReadOptions(check_schema=True))
    assert as_parsed.project == whole.project
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")


def test_every_text_problem_is_reported_once_and_none_lost(tmp_path: Path) -> None:
    # A picture's description is read (and its missing file reported); a TextDescription
    # where REFI-QDA has none is vendor data, its text never read.
    picture = (
        '<PictureSource guid="5555AAAA-0000-4000-8000-000000000009" name="Pic" '
        'path="internal://pic.png"><TextDescription guid="5555AAAA-0000-4000-8000-00000000000A" '
        'plainTextPath="internal://words.txt"/></PictureSource>\n'
    )
    stray = '<TextDescription plainTextPath="internal://stray.txt"/>'
    document = DOCUMENT.replace("<Sources>\n", f"<Sources>\n{picture}").replace(
        "</PlainTextContent>", f"</PlainTextContent>{stray}", 1
    )
    path = tmp_path / "p.qde"
    path.write_bytes(document.encode())
    as_parsed = read(path)
    whole = read(path, ReadOptions(check_schema=True))
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")
    # Only texts the walk reads are read ahead for the dialect, so none is left held back.
    reader = RefiReader(
        parse(document.encode(), "p.qde", []), file="p.qde", texts=lambda p, e: None, report=[]
    )
    reader.project()
    assert reader._held == {}
    assert [(i.code, i.path) for i in as_parsed.report if i.code != "offset-dialect"] == [
        ("vendor-data", "/Project"),
        ("vendor-data", "/Project/Extra"),
        ("missing-text", "/Project/Sources/PictureSource/TextDescription"),
        ("vendor-data", "/Project/Sources/TextSource[1]/TextDescription"),
        ("vendor-data", "/Project/Sources/TextSource[1]/PlainTextSelection"),
        ("missing-text", "/Project/Sources/TextSource[3]"),
    ]


@pytest.mark.parametrize("sources", [2, 3])
def test_element_paths_read_as_parsed_are_those_of_the_whole_tree(
    sources: int, tmp_path: Path
) -> None:
    """Each text source is read when its element ends, maybe before the next is parsed
    (here the first ends exactly where the first 65,536 bytes parsed at a time end). The
    sources after it are numbered among all their siblings, as in the whole tree. (The
    first, read while it had no sibling yet, is named without a number, as lxml's own
    paths named it then: a known limit, in the notes.)"""
    head = '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>'

    def source(n: int, text: str) -> str:
        return (
            f'<TextSource guid="{uuid.UUID(int=n + 1)}" name="S{n}" zz="1">'
            f"<PlainTextContent>{text}</PlainTextContent></TextSource>"
        )

    first = source(0, "")
    first = source(0, "w" * (65_536 - len(head) - len(first)))
    document = head + first + "".join(source(n, "word") for n in range(1, sources))
    assert len(head + first) == 65_536
    path = tmp_path / "p.qde"
    path.write_text(document + "</Sources></Project>", encoding="utf-8")
    as_parsed = [i.path for i in read(path).report if i.code == "vendor-data"]
    whole = read(path, ReadOptions(check_schema=True)).report
    expected = [f"/Project/Sources/TextSource[{n + 1}]" for n in range(sources)]
    assert [i.path for i in whole if i.code == "vendor-data"] == expected
    assert as_parsed[1:] == expected[1:]


def test_a_first_text_source_read_before_its_siblings_are_parsed_is_numbered(
    tmp_path: Path,
) -> None:
    """The document is parsed in steps of 64 KiB: a first text source complete before the
    next is parsed was reported as ``TextSource``, without ``[1]``, in reports and in its
    vendor data's paths, unlike the same file read whole."""
    path = tmp_path / "p.qde"
    gap = "</TextSource>\n" + " " * 70_000 + "\n"
    path.write_bytes(DOCUMENT.replace("</TextSource>\n", gap, 1).encode())
    as_parsed = read(path)
    whole = read(path, ReadOptions(check_schema=True))
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")
    assert as_parsed.project == whole.project
    assert [d.path for d in as_parsed.project.vendor_data] == [
        "/Project",
        "/Project/Extra",
        "/Project/Sources/TextSource[1]/PlainTextSelection",
    ]
    assert lines(as_parsed.report, tmp_path)[3] == (
        "WARNING TMP/p.qde:7 /Project/Sources/TextSource[1]/PlainTextSelection: attribute "
        "'tool' is not REFI-QDA; kept as vendor data"
    )


def test_paths_counted_while_parsing_are_counted_again_for_what_comes_after(
    tmp_path: Path,
) -> None:
    """The texts' loader kept its own count of siblings, made while the document was parsed:
    a transcript read after the parse was placed in ``AudioSource``, not ``AudioSource[1]``,
    where a first text source had been reported before the recordings were parsed."""
    user, guid = "11111111-0000-4000-8000-000000000001", "22222222-0000-4000-8000-{:012d}"
    recordings = "".join(
        f'<AudioSource guid="{guid.format(n)}" name="A{n}" path="internal://a{n}.mp3">'
        f'<Transcript guid="{guid.format(n + 10)}" plainTextPath="r{n}.txt"/></AudioSource>'
        for n in (2, 3)
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Mini" origin="ATLAS.ti 23">\n'
        f'<Users><User guid="{user}" name="Ana"/></Users>\n<Sources>\n'
        f'<TextSource guid="{guid.format(1)}" name="T" plainTextPath="t.txt"></TextSource>\n'
        f"{' ' * 70_000}\n{recordings}\n</Sources>\n</Project>\n"
    )
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for name in ("t.txt", "r2.txt", "r3.txt", "a2.mp3", "a3.mp3"):
            archive.writestr(f"sources/{name}", "hello")
    as_parsed = read(path)
    whole = [i for i in read(path, ReadOptions(check_schema=True)).report if i.code != "schema"]
    assert list(as_parsed.report) == whole
    assert [i.path for i in as_parsed.report if i.code == "path-scheme"] == [
        "/Project/Sources/TextSource",
        "/Project/Sources/AudioSource[1]/Transcript",
        "/Project/Sources/AudioSource[2]/Transcript",
    ]
