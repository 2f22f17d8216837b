"""Text positions in every dialect, against answers worked out by hand, not by qcode.

The text below mixes what makes the dialects disagree: an emoji (plane 1) at both edges, a
character beyond plane 1 (U+20000, plane 2), a combining accent, and three CRLF line breaks,
two of them adjacent. Code points (the standard, qcode's model):

    0 😀  1 a  2 b  3 CR  4 LF  5 c  6 d  7 ' '  8 U+20000  9 e  10 U+0301  11 f
    12 CR  13 LF  14 CR  15 LF  16 g  17 😀        (18 code points)

UTF-16 (NVivo) adds one unit for each of the three astral characters before a position
(0, 8 and 17); ``codepoints-lf`` (ATLAS.ti, QualCoder) takes one off for each CRLF that
starts before it (3, 12 and 14).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import qcode
from qcode._formats import ReadOptions, ReadResult, WriteOptions, read, write
from qcode._formats._refi import _offsets
from tests.conftest import examples
from tests.refi.fixtures import SOURCE, qdpx
from tests.refi.test_conventions import NS
from tests.refi.test_samples import sample

TEXT = "😀ab\r\ncd \U00020000e\u0301f\r\n\r\ng😀"

# code-point span, the text it covers, UTF-16 span, codepoints-lf span
TABLE = [
    ((0, 1), "😀", (0, 2), (0, 1)),
    ((1, 3), "ab", (2, 4), (1, 3)),
    ((5, 9), "cd \U00020000", (6, 11), (4, 8)),
    ((8, 12), "\U00020000e\u0301f", (9, 14), (7, 11)),
    ((9, 11), "e\u0301", (11, 13), (8, 10)),
    ((11, 17), "f\r\n\r\ng", (13, 19), (10, 14)),
    ((16, 18), "g😀", (18, 21), (13, 15)),
    ((0, 18), TEXT, (0, 21), (0, 15)),
]
COLUMN = {"refi": 0, "nvivo": 2, "atlasti": 3}


def test_the_table_describes_the_text() -> None:
    assert len(TEXT) == 18
    assert [TEXT[a:b] for (a, b), *_ in TABLE] == [quote for _, quote, *_ in TABLE]


def _with_spans(text: str, spans: list[tuple[int, int]]) -> qcode.Project:
    excerpts = [
        qcode.Excerpt(id=uuid.UUID(int=n + 1), anchor=qcode.TextSpan(*s))
        for n, s in enumerate(spans)
    ]
    source = qcode.Source(
        id=uuid.UUID(SOURCE),
        name="Doc",
        kind="document",
        content=qcode.TextContent(text=text),
        excerpts=excerpts,
    )
    return qcode.Project(name="Offsets", sources=(source,))


def _project() -> qcode.Project:
    return _with_spans(TEXT, [span for span, *_ in TABLE])


@pytest.mark.parametrize("target", ["refi", "nvivo", "atlasti"])
def test_written_positions_are_the_hand_counted_ones(target: str, tmp_path: Path) -> None:
    path = tmp_path / "p.qdpx"
    write(_project(), path, WriteOptions(target=target))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    written = [
        (int(s.get("startPosition", "")), int(s.get("endPosition", "")))
        for s in root.iterfind(".//q:PlainTextSelection", NS)
    ]
    assert written == [row[COLUMN[target]] for row in TABLE]
    assert [e.anchor for e in read(path).project.sources[0].excerpts] == [
        qcode.TextSpan(*span) for span, *_ in TABLE
    ]


def test_qualcoder_positions_count_the_text_it_is_given(tmp_path: Path) -> None:
    """QualCoder gets LF-only text, so its positions are those of ``codepoints-lf``."""
    path = tmp_path / "p.qdpx"
    write(_project(), path, WriteOptions(target="qualcoder"))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        text = archive.read(f"sources/{SOURCE}.txt").decode("utf-8")
    assert text == "😀ab\ncd \U00020000e\u0301f\n\ng😀"
    selections = root.iterfind(".//q:PlainTextSelection", NS)
    written = [(int(s.get("startPosition", "")), int(s.get("endPosition", ""))) for s in selections]
    assert written == [lf for *_, lf in TABLE]
    assert [text[a:b] for a, b in written] == [q.replace("\r\n", "\n") for _, q, *_ in TABLE]


def _selections(column: int) -> str:
    return "".join(
        f'<PlainTextSelection guid="{uuid.UUID(int=n + 1)}" startPosition="{row[column][0]}" '
        f'endPosition="{row[column][1]}"/>'
        for n, row in enumerate(TABLE)
    )


@pytest.mark.parametrize(
    ("origin", "column", "bom", "dialect"),
    [
        ("Test tool 1.0", 0, b"", "codepoints"),
        ("NVivo for Windows 12.6", 2, b"\xef\xbb\xbf", "utf16"),
        ("NVivo for Mac 12", 2, b"", "utf16"),
        ("ATLAS.ti 23.2", 3, b"", "codepoints-lf"),
    ],
)
def test_hand_written_positions_read_as_the_hand_counted_spans(
    origin: str, column: int, bom: bytes, dialect: str, tmp_path: Path
) -> None:
    """Each tool's file, with its positions written by hand, read in its dialect; NVivo for
    Windows puts a BOM before the text, which no position counts. (The dialect is named: on a
    text this short and this full of punctuation, the word-boundary check cannot tell the
    ATLAS.ti positions from code points.)"""
    xml = (
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="Mini" origin="{origin}"><Sources>'
        f'<TextSource guid="{SOURCE}" name="Doc" plainTextPath="internal://{SOURCE}.txt">'
        f"{_selections(column)}</TextSource></Sources></Project>"
    )
    path = qdpx(tmp_path / "p.qdpx", xml, text=bom + TEXT.encode("utf-8"))
    result = read(path, ReadOptions(dialect=dialect))
    source = result.project.sources[0]
    assert source.text == TEXT
    assert [e.anchor for e in source.excerpts] == [qcode.TextSpan(*span) for span, *_ in TABLE]
    assert [e.quote for e in source.excerpts] == [quote for _, quote, *_ in TABLE]
    chosen = [i.message for i in result.report if i.code == "offset-dialect"]
    assert len(chosen) == 1 and chosen[0].startswith(f"text offsets read as {dialect} (")
    if origin.startswith("NVivo"):  # which the origin names, and the check confirms
        assert read(path).project == result.project


def test_nvivo_counts_its_own_texts_in_utf16_units() -> None:
    """In NVivo's own export the selection below is written as 2780..2808 (checked in the
    XML by hand): its text ends with two emoji and follows three more emoji and CRLFs."""
    path = sample("nvivo/oltas.qdpx")
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    guid = "52322d90-c114-4498-8ddd-a919323b7c23"
    raw = root.find(f".//q:PlainTextSelection[@guid='{guid}']", NS)
    assert raw is not None
    assert (raw.get("startPosition"), raw.get("endPosition")) == ("2780", "2808")
    project = read(path).project
    source, excerpt = next((s, e) for s, e in project.iter_excerpts() if str(e.id) == guid)
    assert excerpt.anchor == qcode.TextSpan(2777, 2803)
    assert excerpt.quote == "Nem tehetik kötelezővé! 😡😡"
    assert source.text is not None and source.text[2777:2803] == excerpt.quote


# -- the offset functions against an oracle that shares nothing with them ---------------------

any_text = st.lists(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\r\n", "😀", "\U00020000"]),
    max_size=200,
).map("".join)


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@settings(max_examples=examples(400))
@given(any_text, st.data())
def test_utf16_offsets_equal_the_length_of_the_encoded_prefix(
    text: str, data: st.DataObject
) -> None:
    offset = data.draw(st.integers(0, len(text)))
    units = _utf16_units(text[:offset])
    assert _offsets.writer(text, _offsets.UTF16)(offset) == units
    assert _offsets.reader(text, _offsets.UTF16)(units) == offset


@settings(max_examples=examples(400))
@given(any_text, st.data())
def test_lf_offsets_equal_the_length_of_the_prefix_with_lf_breaks(
    text: str, data: st.DataObject
) -> None:
    offset = data.draw(
        st.integers(0, len(text)).filter(lambda o: text[o - 1 : o + 1] != "\r\n" or o == 0)
    )
    counted = len(text[:offset].replace("\r\n", "\n"))
    assert _offsets.writer(text, _offsets.CODEPOINTS_LF)(offset) == counted
    assert _offsets.reader(text, _offsets.CODEPOINTS_LF)(counted) == offset


@settings(max_examples=examples(60), deadline=None)
@given(any_text, st.data())
def test_nvivo_files_hold_the_utf16_length_of_each_prefix(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    root = _written_root(_with_spans(text, [(start, end)]), "nvivo")
    selection = root.find(".//q:PlainTextSelection", NS)
    assert selection is not None
    assert int(selection.get("startPosition", "")) == _utf16_units(text[:start])
    assert int(selection.get("endPosition", "")) == _utf16_units(text[:end])


def _written_root(project: qcode.Project, target: str) -> etree._Element:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        write(project, path, WriteOptions(target=target))
        with zipfile.ZipFile(path) as archive:
            return etree.fromstring(archive.read("project.qde"))


def _words_then_emoji(before: int, tmp_path: Path) -> ReadResult:
    """A file from a tool that claims code points but writes UTF-16: ``before`` two-letter
    words, each selected, an emoji, then one more selected word. Read as code points, only the
    last selection is off a word boundary."""
    words = [chr(ord("a") + n) * 2 for n in range(before)]
    text = " ".join(words) + " 😀 zz yy"
    spans = [(3 * n, 3 * n + 2) for n in range(before)]
    spans.append((3 * before + 3, 3 * before + 5))  # "zz" in UTF-16 units: the emoji is 2
    selections = "".join(
        f'<PlainTextSelection guid="{uuid.UUID(int=n + 1)}" startPosition="{a}" endPosition="{b}"/>'
        for n, (a, b) in enumerate(spans)
    )
    xml = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Mini" origin="Some tool"><Sources>'
        f'<TextSource guid="{SOURCE}" name="Doc" plainTextPath="internal://{SOURCE}.txt">'
        f"{selections}</TextSource></Sources></Project>"
    )
    return read(qdpx(tmp_path / "p.qdpx", xml, text=text.encode("utf-8")))


def test_another_dialect_ten_points_better_overrules_the_origin(tmp_path: Path) -> None:
    """docs/refi.md: another dialect is used when it fits at least 10 percentage points
    better (here 10 of 10 selections against 9 of 10)."""
    result = _words_then_emoji(9, tmp_path)
    assert [str(i).split(": ", 1)[1] for i in result.report] == [
        "text offsets read as utf16, not codepoints as the origin suggests (origin 'Some tool': "
        "the REFI-QDA standard counts code points), because more selections then fall on word "
        "boundaries (codepoints 90%, utf16 100%, codepoints-lf 90%)"
    ]
    assert result.report[0].severity is qcode.Severity.WARNING
    assert result.project.sources[0].excerpts[-1].quote == "zz"


def test_a_dialect_less_than_ten_points_better_does_not(tmp_path: Path) -> None:
    result = _words_then_emoji(10, tmp_path)  # 11 of 11 against 10 of 11: 9.1 points
    assert [str(i).split(": ", 1)[1] for i in result.report] == [
        "text offsets read as codepoints (origin 'Some tool': the REFI-QDA standard counts code "
        "points); selections on word boundaries: codepoints 91%, utf16 100%, codepoints-lf 91%"
    ]
    assert result.report[0].severity is qcode.Severity.INFO
    assert result.project.sources[0].excerpts[-1].quote == "z "


def test_a_position_inside_a_crlf_is_reported_where_crlf_counts_one(tmp_path: Path) -> None:
    """Position 4 of TEXT lies between CR and LF: ATLAS.ti and QualCoder cannot point there."""
    project = _with_spans(TEXT, [(4, 9), (1, 3)])
    # QualCoder's copy of the text has LF breaks, so its positions are one lower after one.
    for target, read_back in (("atlasti", (3, 9)), ("qualcoder", (3, 8))):
        report = write(project, tmp_path / f"{target}.qdpx", WriteOptions(target=target))
        assert [(i.code, i.path, i.message) for i in report if i.code == "not-carried"] == [
            (
                "not-carried",
                "$.sources[0]",
                "position 4 falls between the CR and LF of a line break, where codepoints-lf "
                "offsets cannot point; written as 3, the line break's start",
            )
        ]
        excerpts = read(tmp_path / f"{target}.qdpx").project.sources[0].excerpts
        assert [e.anchor for e in excerpts] == [qcode.TextSpan(*read_back), qcode.TextSpan(1, 3)]
    assert write(project, tmp_path / "refi.qdpx") == ()
    with pytest.raises(qcode.InvalidProjectError):
        write(project, tmp_path / "strict.qdpx", WriteOptions(target="atlasti", strict=True))
    assert not (tmp_path / "strict.qdpx").exists()


def test_a_text_that_begins_with_u_feff_keeps_it(tmp_path: Path) -> None:
    project = _with_spans("\ufeffHi 😀", [(1, 3)])
    for target, first in (
        ("refi", b"\xef\xbb\xbf\xef\xbb\xbfHi"),
        ("qualcoder", b"\xef\xbb\xbfHi"),
    ):
        path = tmp_path / f"{target}.qdpx"
        write(project, path, WriteOptions(target=target))
        with zipfile.ZipFile(path) as archive:
            assert archive.read(f"sources/{SOURCE}.txt")[: len(first)] == first
    back = read(tmp_path / "refi.qdpx").project.sources[0]
    assert (back.text, back.excerpts[0].anchor) == ("\ufeffHi 😀", qcode.TextSpan(1, 3))


def test_word_boundaries_and_the_choice_on_their_own() -> None:
    """`plausibility` counts a span whose both ends fall between a non-letter and anything
    (or at an end of the text); `choose` keeps the named dialect unless another is at least
    10 points better, and always when the choice is fixed."""
    cp, u16, lf = _offsets.CODEPOINTS, _offsets.UTF16, _offsets.CODEPOINTS_LF
    text = "ab cd"
    assert [_offsets.plausibility([(text, [span])], cp) for span in [(0, 2), (1, 2), (3, 5)]] == [
        1,
        0,
        1,
    ]
    assert _offsets.plausibility([], cp) == 1
    assert _offsets.choose([], u16, fixed=False) == (u16, {cp: 1, u16: 1, lf: 1})
    emoji = "😀 ab cd"  # "ab" is (2, 4) in code points, (3, 5) in UTF-16 units
    assert _offsets.choose([(emoji, [(3, 5)])], cp, fixed=False)[0] == u16
    assert _offsets.choose([(emoji, [(3, 5)])], cp, fixed=True)[0] == cp
    assert _offsets.choose([(emoji, [(2, 4)])], u16, fixed=False)[0] == cp


def test_a_file_without_an_origin_is_read_in_code_points(tmp_path: Path) -> None:
    xml = (
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="Mini"><Sources>'
        f'<TextSource guid="{SOURCE}" name="Doc" plainTextPath="internal://{SOURCE}.txt">'
        f"{_selections(0)}</TextSource></Sources></Project>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", xml, text=TEXT.encode("utf-8")))
    assert [i.message for i in result.report] == [
        "text offsets read as codepoints (origin none: the REFI-QDA standard counts code "
        "points); selections on word boundaries: codepoints 75%, utf16 62%, codepoints-lf 38%"
    ]


def test_a_dialect_qcode_does_not_know_is_refused_not_read_as_code_points() -> None:
    """`dialect="nvivo"` (a target's name) or any other string read every position as
    code points without a word: 61 of the 97 excerpts of an NVivo sample moved."""
    for dialect, hint in (
        ("nvivo", "; nvivo's files count in 'utf16', which dialect=None finds from their origin"),
        ("UTF-16", "; did you mean 'utf16'?"),
        ("codepoints_lf", "; did you mean 'codepoints-lf'?"),
        ("bogus", ""),
    ):
        with pytest.raises(ValueError) as refused:
            qcode.ReadOptions(dialect=dialect)  # type: ignore[arg-type]
        assert str(refused.value) == (
            "dialect is one of 'codepoints', 'utf16', 'codepoints-lf', or None to choose by the "
            f"file's origin; not {dialect!r}{hint}"
        )
    with pytest.raises(TypeError) as wrong:
        qcode.ReadOptions(dialect=3)  # type: ignore[arg-type]
    assert str(wrong.value) == "dialect is a dialect's name or None, not 3"
    assert qcode.ReadOptions(dialect="utf16").dialect == "utf16"


def test_options_given_as_a_mapping_say_which_class_to_make() -> None:
    with pytest.raises(TypeError) as refused:
        qcode.read("x.qdpx", {"dialect": "utf16"})  # type: ignore[arg-type]
    assert str(refused.value) == "qcode.read takes its options as qcode.ReadOptions(...), not dict"
    project = qcode.Project(name="P")
    with pytest.raises(TypeError) as refused:
        qcode.write(project, "x.json", {"strict": True})  # type: ignore[arg-type]
    assert (
        str(refused.value) == "qcode.write takes its options as qcode.WriteOptions(...), not dict"
    )
    with pytest.raises(TypeError) as refused:
        qcode.write(project.codebook, "x.json")  # type: ignore[arg-type]
    assert str(refused.value) == (
        "qcode.write writes a project; a Codebook is written by qcode.write_codebook"
    )
