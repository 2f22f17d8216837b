"""What real tools write that the standard does not quite allow: read, and reported."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import attrs
import pytest

import qcode
from qcode._formats import ReadOptions, read
from tests.refi.fixtures import CODE, CODING, SOURCE, USER, project_xml, qdpx


def lines(report: tuple[qcode.Issue, ...], tmp: Path) -> list[str]:
    return [str(i).replace(str(tmp), "TMP") for i in report]


def text_of(project: qcode.Project) -> str:
    source, excerpt = next(project.iter_excerpts())
    span = excerpt.anchor
    assert isinstance(span, qcode.TextSpan) and source.text is not None
    return source.text[span.start : span.end]


def test_a_spec_conforming_file_reports_nothing(tmp_path: Path) -> None:
    result = read(qdpx(tmp_path / "p.qdpx", project_xml()))
    assert result.report == ()
    assert text_of(result.project) == "Hello"
    coding = result.project.sources[0].excerpts[0].codings[0]
    assert (str(coding.code).upper(), str(coding.coder).upper()) == (CODE, USER)


@pytest.mark.parametrize("namespace", ["urn:QDA-XML:project:1:0", "urn:QDA-XML:project:0:10"])
def test_draft_project_namespaces(namespace: str, tmp_path: Path) -> None:
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(namespace=namespace)))
    assert lines(result.report, tmp_path) == [
        f"WARNING TMP/p.qdpx/project.qde:2 /Project: namespace '{namespace}' is a draft; read as "
        "'urn:QDA-XML:project:1.0'"
    ]
    assert text_of(result.project) == "Hello"


@pytest.mark.parametrize("namespace", ["urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0"])
def test_draft_codebook_namespaces(namespace: str, tmp_path: Path) -> None:
    path = tmp_path / "c.qdc"
    path.write_text(
        f'<CodeBook xmlns="{namespace}" origin="MAXQDA 24"><Codes>'
        f'<Code guid="{CODE}" name="A" isCodable="true"/></Codes></CodeBook>',
        "utf-8",
    )
    result = read(path)
    assert lines(result.report, tmp_path) == [
        f"WARNING TMP/c.qdc:1 /CodeBook: namespace '{namespace}' is a draft; read as "
        "'urn:QDA-XML:codebook:1.0'"
    ]
    assert [c.name for c in result.project.codes] == ["A"]
    assert result.project.name == "c"


def test_capital_sources_folder_and_other_qde_name(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(), folder="Sources", qde="My project.qde")
    result = read(path)
    assert lines(result.report, tmp_path) == [
        "WARNING TMP/p.qdpx Sources/: the sources folder is called 'Sources', not 'sources'; "
        "a read without strict reads it there",
        "WARNING TMP/p.qdpx My project.qde: the project document is 'My project.qde', not "
        "'project.qde'",
    ]
    assert text_of(result.project) == "Hello"


def test_an_embedded_file_named_in_another_letter_case_is_found_and_copied(
    tmp_path: Path,
) -> None:
    """Reading finds ``internal://GONE.DOCX`` as ``sources/gone.docx``: so does the copy a
    write makes of it, which would otherwise leave the file behind."""
    xml = project_xml().replace('name="Doc"', 'name="Doc" richTextPath="internal://DOC.DOCX"')
    result = read(qdpx(tmp_path / "p.qdpx", xml, extra={"sources/doc.docx": b"DOCX"}))
    assert [str(i) for i in result.report] == []
    assert sorted(result.files) == [
        f"internal://{SOURCE}.txt",
        "internal://DOC.DOCX",
        "internal://doc.docx",
    ]
    out = tmp_path / "copy.qdpx"
    written = qcode.write(result.project, out, qcode.WriteOptions(files=result.files))
    assert [(i.code, i.message) for i in written] == [
        (
            "name-changed",
            f"embedded file 'DOC.DOCX' is written as '{SOURCE.upper()}.DOCX': REFI-QDA names "
            "the files of a .qdpx by GUID",
        )
    ]
    with zipfile.ZipFile(out) as archive:
        held = {n: archive.read(n) for n in archive.namelist() if n.endswith((".docx", ".DOCX"))}
    assert held == {f"sources/{SOURCE.upper()}.DOCX": b"DOCX"}  # named after its source
    assert [str(i) for i in read(out).report] == []


def test_an_embedded_file_two_sources_name_is_written_once_and_its_renaming_said(
    tmp_path: Path,
) -> None:
    """It was stored twice under two names, each renamed silently."""
    second = '<TextSource guid="5555AAAA-0000-4000-8000-000000000002" name="Doc 2" '
    second += f'plainTextPath="internal://{SOURCE}.txt" richTextPath="internal://shared.docx"/>'
    xml = project_xml().replace('name="Doc"', 'name="Doc" richTextPath="internal://shared.docx"')
    xml = xml.replace("</Sources>", f"{second}</Sources>")
    result = read(qdpx(tmp_path / "p.qdpx", xml, extra={"sources/shared.docx": b"DOCX"}))
    out = tmp_path / "copy.qdpx"
    written = qcode.write(result.project, out, qcode.WriteOptions(files=result.files))
    assert [(i.code, i.path, i.message) for i in written] == [
        (
            "name-changed",
            "internal://shared.docx",
            f"embedded file 'shared.docx' is written as '{SOURCE.upper()}.docx': REFI-QDA "
            "names the files of a .qdpx by GUID",
        )
    ]
    with zipfile.ZipFile(out) as archive:
        assert [n for n in archive.namelist() if n.endswith(".docx")] == [
            f"sources/{SOURCE.upper()}.docx"
        ]
    paths = [s.content.path for s in read(out).project.sources]
    assert paths == [f"internal://{SOURCE.upper()}.docx"] * 2


@pytest.mark.parametrize("text_path", [f"{SOURCE}.txt", f"internal:/{SOURCE}.txt"])
def test_plain_text_path_without_the_scheme(text_path: str, tmp_path: Path) -> None:
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(text_path=text_path)))
    assert lines(result.report, tmp_path) == [
        f"WARNING TMP/p.qdpx/project.qde:2 /Project/Sources/TextSource: path '{text_path}' is "
        "not written as internal://…; read as an internal file"
    ]
    assert text_of(result.project) == "Hello"


def test_relative_and_absolute_paths(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "doc.txt").write_text("Hello there", "utf-8")
    xml = project_xml(
        text_path="relative:///media/doc.txt",
        extra_project="",
    ).replace(
        "</Sources>",
        f'<AudioSource guid="{CODE[:-1]}2" name="Talk" path="absolute:///{tmp_path}/media/doc.txt"/>'
        f'<VideoSource guid="{CODE[:-1]}3" name="Film" path="relative:///media/film.mp4"/>'
        "</Sources>",
    )
    result = read(qdpx(tmp_path / "p.qdpx", xml, text=None), ReadOptions(external_root=tmp_path))
    assert text_of(result.project) == "Hello"
    assert lines(result.report, tmp_path) == [
        "WARNING TMP/p.qdpx/project.qde $.sources[2].content.path: external file "
        "'relative:///media/film.mp4' of source 'Film' is not on this machine"
    ]


def test_empty_containers(tmp_path: Path) -> None:
    xml = project_xml(extra_project="<Variables/><Cases/>").replace(
        "</Project>", "<Notes/><Links/><Sets/><Graphs/></Project>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    assert [i.message for i in result.report] == [
        f"<{name}> is empty (REFI-QDA needs one child)"
        for name in ("Variables", "Cases", "Notes", "Links", "Sets", "Graphs")
    ]


@pytest.mark.parametrize(
    ("written", "read_as", "message"),
    [
        ("#aBc", "#aBc", None),
        ("ff8800", "#FF8800", "colour 'ff8800' read as '#FF8800'"),
        ("#FF880080", "#FF8800", "colour '#FF880080' read as '#FF8800'"),
        ("rgb(255, 136, 0)", "#FF8800", "colour 'rgb(255, 136, 0)' read as '#FF8800'"),
        ("rgba(255,136,0,0.5)", "#FF8800", "colour 'rgba(255,136,0,0.5)' read as '#FF8800'"),
        ("orange", None, "colour 'orange' is not understood; dropped"),
    ],
)
def test_colour_variants(
    written: str, read_as: str | None, message: str | None, tmp_path: Path
) -> None:
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(code_attributes=f' color="{written}"')))
    assert result.project.codes[0].color == read_as
    assert [i.message for i in result.report] == ([message] if message else [])


def test_bom_before_the_xml(tmp_path: Path) -> None:
    xml = b"\xef\xbb\xbf" + project_xml().encode()
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    assert lines(result.report, tmp_path) == [
        "WARNING TMP/p.qdpx/project.qde /: the XML starts with a byte-order mark (a read without "
        "strict drops it)"
    ]


def test_nvivo_text_with_bom_crlf_and_emoji(tmp_path: Path) -> None:
    text = "Hi 😀\r\nWorld 😀 bridge\r\n"
    # NVivo counts UTF-16 units over the text as stored, CRLF as two: "bridge" is at 16..22.
    assert text.encode("utf-16-le")[2 * 16 : 2 * 22].decode("utf-16-le") == "bridge"
    xml = project_xml(origin="NVivo for Windows 12.6", start=16, end=22)
    result = read(qdpx(tmp_path / "p.qdpx", xml, text=b"\xef\xbb\xbf" + text.encode()))
    assert text_of(result.project) == "bridge"
    assert result.project.sources[0].text == text
    # The dialect is chosen for the whole file first; the text's problem is told at its source.
    assert lines(result.report, tmp_path) == [
        "INFO TMP/p.qdpx/project.qde /: text offsets read as utf16 (origin 'NVivo for Windows "
        "12.6': NVivo counts UTF-16 code units); selections on word boundaries: codepoints 0%, "
        "utf16 100%, codepoints-lf 0%",
        f"WARNING TMP/p.qdpx/project.qde:2 /Project/Sources/TextSource: sources/{SOURCE}.txt "
        "starts with a byte-order mark (a read without strict drops it)",
    ]


@pytest.mark.parametrize("target", ["refi", "nvivo", "atlasti", "qualcoder"])
def test_a_text_starting_with_u_feff_reads_back_from_qcodes_own_file(
    tmp_path: Path, target: str
) -> None:
    """qcode writes a byte-order mark before such a text (none for QualCoder, which keeps
    one as a character); reading its own file warned (``strict`` refused it), and for
    QualCoder dropped the character, moving every span one place."""
    b = qcode.ProjectBuilder("Marked")
    source = b.text_source("S", "\ufeffstart here\n")
    b.excerpt(source, qcode.TextSpan(0, 11), codes=[b.code("C")])
    project = b.build()
    qcode.write(project, tmp_path / "m.qdpx", qcode.WriteOptions(target=target))
    again = read(tmp_path / "m.qdpx", strict=True).project.sources[0]
    assert (again.text, again.excerpts[0].anchor) == ("\ufeffstart here\n", qcode.TextSpan(0, 11))


def test_atlas_counts_crlf_as_one(tmp_path: Path) -> None:
    text = "First line\r\nsecond bridge"
    xml = project_xml(origin="ATLAS.ti 23.2", start=18, end=24)
    result = read(qdpx(tmp_path / "p.qdpx", xml, text=text.encode()))
    assert text_of(result.project) == "bridge"


def test_the_caller_can_choose_the_dialect(tmp_path: Path) -> None:
    text = "😀😀 bridge"
    xml = project_xml(origin="NVivo 14", start=3, end=9)
    path = qdpx(tmp_path / "p.qdpx", xml, text=text.encode())
    assert text_of(read(path, ReadOptions(dialect="codepoints")).project) == "bridge"
    report = read(path, ReadOptions(dialect="codepoints")).report
    assert report[0].message == (
        "text offsets read as codepoints (chosen by the caller); selections on word boundaries: "
        "codepoints 100%, utf16 0%, codepoints-lf 100%"
    )


def test_implausible_origin_dialect_is_overruled(tmp_path: Path) -> None:
    text = "😀😀 bridge"
    xml = project_xml(origin="Some tool", start=5, end=11)
    result = read(qdpx(tmp_path / "p.qdpx", xml, text=text.encode()))
    assert text_of(result.project) == "bridge"
    assert result.report[0].severity is qcode.Severity.WARNING
    assert result.report[0].message == (
        "text offsets read as utf16, not codepoints as the origin suggests (origin 'Some tool': "
        "the REFI-QDA standard counts code points), because more selections then fall on word "
        "boundaries (codepoints 0%, utf16 100%, codepoints-lf 0%)"
    )


def test_selection_with_a_description_but_no_coding(tmp_path: Path) -> None:
    xml = project_xml(selection_body="<Description>a comment</Description>")
    excerpt = read(qdpx(tmp_path / "p.qdpx", xml)).project.sources[0].excerpts[0]
    assert (excerpt.description, excerpt.codings) == ("a comment", ())


def test_nameless_case_with_one_source_is_document_variables(tmp_path: Path) -> None:
    variable = "77777777-0000-4000-8000-000000000001"
    cases = (
        f'<Variables><Variable guid="{variable}" name="Wave" typeOfVariable="Integer"/></Variables>'
        f'<Cases><Case guid="{variable[:-1]}2">'
        f'<VariableValue><VariableRef targetGUID="{variable}"/>'
        f'<IntegerValue>2</IntegerValue></VariableValue><SourceRef targetGUID="{SOURCE}"/></Case>'
        "</Cases>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(extra_project=cases, origin="MAXQDA 24")))
    project = result.project
    assert project.cases == ()
    assert [(str(v.variable).upper(), v.value) for v in project.sources[0].values] == [
        (variable, 2)
    ]
    assert [i.message for i in result.report] == [
        "a nameless case holding variables of source 'Doc' was read as that source's values"
    ]


def test_nvivo_classification_prefix_is_kept_and_noted(tmp_path: Path) -> None:
    variable = "77777777-0000-4000-8000-000000000001"
    extra = (
        f'<Variables><Variable guid="{variable}" name="People:Age group" typeOfVariable="Text"/>'
        "</Variables>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(extra_project=extra, origin="NVivo 14")))
    assert [v.name for v in result.project.variables] == ["People:Age group"]
    assert [(i.severity, i.message) for i in result.report] == [
        (
            qcode.Severity.INFO,
            "variable 'People:Age group' carries an NVivo classification prefix; kept in the name",
        )
    ]


def test_vendor_elements_and_attributes_are_kept_and_reported(tmp_path: Path) -> None:
    xml = project_xml(
        code_attributes=' weight="3"',
        extra_source='<Extra xmlns="urn:vendor">kept</Extra>',
    )
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    assert [(v.path, v.xml) for v in result.project.vendor_data] == [
        ("/Project/CodeBook/Codes/Code", 'weight="3"'),
        ("/Project/Sources/TextSource/Extra", '<Extra xmlns="urn:vendor">kept</Extra>'),
    ]
    assert [i.message for i in result.report] == [
        "attribute 'weight' is not REFI-QDA; kept as vendor data",
        "element <Extra> is not REFI-QDA here; kept as vendor data",
    ]
    out = tmp_path / "again.qdpx"
    report = qcode.write(result.project, out)
    assert [i.message for i in report] == [
        "2 piece(s) of vendor data from the original file have no place in REFI-QDA"
    ]
    kept = tmp_path / "kept.json"
    assert qcode.dump(result.project, kept) == ()
    assert qcode.load(kept).vendor_data == result.project.vendor_data


def test_a_schema_error_on_a_prefixed_vendor_element_names_its_place(tmp_path: Path) -> None:
    """libxml2 gives such an element's path with a prefix its XPath cannot resolve."""
    xml = project_xml(extra_source='<v:Extra xmlns:v="urn:vendor">kept</v:Extra>')
    result = read(qdpx(tmp_path / "p.qdpx", xml), ReadOptions(check_schema=True))
    assert [(i.code, i.path) for i in result.report] == [
        ("vendor-data", "/Project/Sources/TextSource/Extra"),
        ("schema", "/Project/Sources/TextSource/Extra"),
    ]


def test_a_schema_message_quotes_the_pattern_whole(tmp_path: Path) -> None:
    """Namespaces go from libxml2's messages; a pattern's ``{6}`` is no namespace."""
    xml = project_xml(code_attributes=' color="red"')
    result = read(qdpx(tmp_path / "p.qdpx", xml), ReadOptions(check_schema=True))
    assert [i.message for i in result.report if i.code == "schema"] == [
        "Element 'Code', attribute 'color': [facet 'pattern'] The value 'red' is not accepted "
        "by the pattern '#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})'."
    ]


def test_vendor_data_and_odd_shapes_on_selections_and_codings(tmp_path: Path) -> None:
    """Selections and codings are read on a fast path; everything it does not expect is
    still read, kept or reported."""
    note = "0000BBBB-0000-4000-8000-000000000001"
    other = "DDDDDDDD-0000-4000-8000-000000000002"
    xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="PlainTextSelection"'
    body = (
        "<Description>why</Description>"
        f'<Coding guid="{CODING}" tool:score="2" xmlns:tool="urn:t">'
        f'<CodeRef targetGUID="{CODE}"/><NoteRef targetGUID="{note}"/><Weight/></Coding>'
        f'<Coding guid="{other}"/>'
        f'<NoteRef targetGUID="{note}"/>'
    )
    xml = project_xml(selection_attributes=f' colour="red" {xsi}', selection_body=body)
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    selection = "/Project/Sources/TextSource/PlainTextSelection"
    assert [(v.path, v.xml) for v in result.project.vendor_data] == [
        (selection, 'colour="red"'),
        (f"{selection}/Coding[1]", '{urn:t}score="2"'),
        (
            f"{selection}/Coding[1]/Weight",
            '<Weight xmlns="urn:QDA-XML:project:1.0" xmlns:tool="urn:t" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
        ),
    ]
    assert lines(result.report, tmp_path) == [
        f"WARNING TMP/p.qdpx/project.qde:2 {selection}: attribute 'colour' is not REFI-QDA; "
        "kept as vendor data",
        f"WARNING TMP/p.qdpx/project.qde:2 {selection}/Coding[1]: attribute '{{urn:t}}score' "
        "is not REFI-QDA; kept as vendor data",
        f"WARNING TMP/p.qdpx/project.qde:2 {selection}/Coding[1]/Weight: element <Weight> is "
        "not REFI-QDA here; kept as vendor data",
        f"WARNING TMP/p.qdpx/project.qde:2 {selection}/Coding[2]: a Coding has no CodeRef; dropped",
    ]
    excerpt = result.project.sources[0].excerpts[0]
    assert excerpt.description == "why"
    assert [str(n).upper() for n in excerpt.note_refs] == [note]
    [coding] = excerpt.codings
    assert (str(coding.id).upper(), str(coding.code).upper()) == (CODING, CODE)
    assert [str(n).upper() for n in coding.note_refs] == [note]
    assert coding.coder is None and coding.coded_at is None


def test_a_selection_position_that_is_not_a_number(tmp_path: Path) -> None:
    """The selection is left out, said, rather than put at a made-up place."""
    result = read(
        qdpx(tmp_path / "p.qdpx", project_xml(start="one", selection_attributes=' x="1"'))
    )
    selection = "/Project/Sources/TextSource/PlainTextSelection"
    assert lines(result.report, tmp_path) == [
        f"WARNING TMP/p.qdpx/project.qde:2 {selection}: startPosition='one' is not an integer; "
        "the selection is left out",
    ]
    assert (result.project.sources[0].text, result.project.sources[0].excerpts) == (
        "Hello world",
        (),
    )


@pytest.mark.parametrize(
    ("element", "where", "said"),
    [
        ('<PictureSource guid="{g}" path="internal://p.png"><PictureSelection guid="{s}" '
         'firstX="1" firstY="2" secondX="x" secondY="4"/></PictureSource>',
         "PictureSource/PictureSelection", "secondX='x' is not an integer"),
        ('<PDFSource guid="{g}" path="internal://p.pdf"><PDFSelection guid="{s}" firstX="1" '
         'firstY="2" secondX="3" secondY="4"/></PDFSource>',
         "PDFSource/PDFSelection", "has no page"),
        ('<AudioSource guid="{g}" path="internal://a.mp3"><AudioSelection guid="{s}" begin="5" '
         'end="1.5"/></AudioSource>',
         "AudioSource/AudioSelection", "end='1.5' is not an integer"),
    ],
)  # fmt: skip
def test_a_region_or_time_span_without_its_numbers_is_left_out(
    element: str, where: str, said: str, tmp_path: Path
) -> None:
    guid, selection = "0000FFFF-0000-4000-8000-000000000001", "0000FFFF-0000-4000-8000-000000000002"
    xml = project_xml().replace("</Sources>", element.format(g=guid, s=selection) + "</Sources>")
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    assert [s.excerpts for s in result.project.sources[1:]] == [()]
    assert [(i.path, i.message) for i in result.report if i.code == "invalid-number"] == [
        (f"/Project/Sources/{where}", f"{said}; the selection is left out")
    ]


def test_malformed_guids_get_stable_stand_ins(tmp_path: Path) -> None:
    xml = project_xml().replace(CODE, "not-a-guid")
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    code = result.project.codes[0]
    assert result.project.sources[0].excerpts[0].codings[0].code == code.id
    assert [i.message for i in result.report] == [f"'not-a-guid' is not a GUID; read as {code.id}"]


def test_guids_match_whatever_their_case_and_braces(tmp_path: Path) -> None:
    xml = project_xml().replace(f'targetGUID="{CODE}"', f'targetGUID="{{{CODE.lower()}}}"')
    project = read(qdpx(tmp_path / "p.qdpx", xml)).project
    assert project.sources[0].excerpts[0].codings[0].code == project.codes[0].id
    assert qcode.validate(project) == ()


def test_a_text_without_emoji_or_crlf_needs_no_dialect(tmp_path: Path) -> None:
    """Accents and other non-ASCII letters count the same in every dialect: nothing to
    choose, nothing reported."""
    result = read(
        qdpx(tmp_path / "p.qdpx", project_xml(start=0, end=6), text="Café bridge".encode())
    )
    assert result.report == ()
    assert text_of(result.project) == "Café b"


def test_a_note_without_a_guid_gets_one_made_up_id(tmp_path: Path) -> None:
    """Its id was made up twice (two missing-guid warnings), once for the note and once for
    the vendor data of markup in its description, which then pointed at nothing."""
    extra = (
        '<Notes><Note name="N"><Description>a <b>x</b> y</Description>'
        "<PlainTextContent>memo</PlainTextContent></Note></Notes>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(extra_project=extra)))
    assert [i.code for i in result.report] == ["missing-guid", "vendor-data"]
    assert [v.owner for v in result.project.vendor_data] == [result.project.notes[0].id]


@pytest.mark.parametrize("number", ["1_0.5", "\u0661.5", "1e3", "1.5", "1" + "0" * 400])
def test_a_float_value_is_an_xml_decimal(tmp_path: Path, number: str) -> None:
    """``Decimal`` reads ``1_0.5`` as 10.5 and Arabic-Indic digits as theirs, and takes an
    exponent; xs:decimal has none of them, so another tool would not read the value. A
    decimal beyond a float's range ended the read ("must be a finite number, not inf")."""
    score = "0000EEEE-0000-4000-8000-000000000001"
    extra = (
        f'<Variables><Variable guid="{score}" name="Score" typeOfVariable="Float"/></Variables>'
        f'<Cases><Case guid="0000EEEE-0000-4000-8000-000000000003" name="P1">'
        f'<VariableValue><VariableRef targetGUID="{score}"/><FloatValue>{number}</FloatValue>'
        "</VariableValue></Case></Cases>"
    )
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(extra_project=extra)))
    read_value = result.project.cases[0].values[0].value
    problems = [i.message for i in result.report if i.code == "invalid-value"]
    if number == "1.5":
        assert (read_value, problems) == (1.5, [])
    else:
        assert (read_value, problems) == (
            None,
            [f"<FloatValue> {number!r} cannot be read; dropped"],
        )


def test_values_and_flags_outside_their_xml_type_are_reported(tmp_path: Path) -> None:
    """xs:decimal has no NaN or infinity, xs:boolean only true, false, 1 and 0: such a value
    is dropped (the variable stays declared), such a flag read as its default."""
    score, agreed = "0000EEEE-0000-4000-8000-000000000001", "0000EEEE-0000-4000-8000-000000000002"
    case = "0000EEEE-0000-4000-8000-000000000003"
    extra = (
        f'<Variables><Variable guid="{score}" name="Score" typeOfVariable="Float"/>'
        f'<Variable guid="{agreed}" name="Agreed" typeOfVariable="Boolean"/></Variables>'
        f'<Cases><Case guid="{case}" name="P1">'
        f'<VariableValue><VariableRef targetGUID="{score}"/><FloatValue>NaN</FloatValue>'
        f'</VariableValue><VariableValue><VariableRef targetGUID="{agreed}"/>'
        "<BooleanValue>maybe</BooleanValue></VariableValue></Case></Cases>"
    )
    xml = project_xml(extra_project=extra).replace('isCodable="true"', 'isCodable="maybe"')
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    assert result.project.cases[0].values == (
        qcode.VariableValue(uuid.UUID(score), None),
        qcode.VariableValue(uuid.UUID(agreed), None),
    )
    assert result.project.codes[0].codable is True
    assert lines(result.report, tmp_path) == [
        "WARNING TMP/p.qdpx/project.qde:2 /Project/CodeBook/Codes/Code: isCodable='maybe' is "
        "not true or false; read as true",
        "WARNING TMP/p.qdpx/project.qde:2 /Project/Cases/Case/VariableValue[1]/FloatValue: "
        "<FloatValue> 'NaN' cannot be read; dropped",
        "WARNING TMP/p.qdpx/project.qde:2 /Project/Cases/Case/VariableValue[2]/BooleanValue: "
        "<BooleanValue> 'maybe' cannot be read; dropped",
    ]


def test_a_text_given_beside_its_external_file_is_written_in_and_the_reference_reported(
    tmp_path: Path,
) -> None:
    """A text read without its folder keeps the reference; given a text in code (or in
    JSON) beside it, the write stored the text and dropped the reference without a word."""
    xml = project_xml(text_path="relative:///doc.txt")
    kept = read(qdpx(tmp_path / "p.qdpx", xml, text=None)).project
    assert kept.sources[0].content == qcode.TextContent(text="", external="relative:///doc.txt")
    b = qcode.ProjectBuilder.from_project(kept)
    content = qcode.TextContent(text="Hello world", external="relative:///doc.txt")
    b.update(kept.sources[0], content=content)
    report = qcode.write(b.build(), tmp_path / "filled.qdpx")
    assert [str(i).replace(str(tmp_path), "TMP") for i in report] == [
        "WARNING TMP/filled.qdpx $.sources[0].content.external: the text is written into the "
        "file, so the external file 'relative:///doc.txt' it names is not referred to"
    ]
    assert read(tmp_path / "filled.qdpx").project.sources[0].content == qcode.TextContent(
        text="Hello world"
    )


def test_a_sync_point_time_that_is_no_integer_is_said_to_be_left_without_one(
    tmp_path: Path,
) -> None:
    """The warning said only that the value is no integer, not what was made of it."""
    sync = qcode.SyncPoint(id=uuid.UUID(int=11), time=1500, position=3)
    transcript = qcode.Transcript(id=uuid.UUID(int=12), text="Hi there", sync_points=(sync,))
    content = qcode.AudioContent(path="relative:///a.m4a", transcripts=(transcript,))
    source = qcode.Source(id=uuid.UUID(int=13), name="Interview", content=content)
    path = tmp_path / "p.qdpx"
    qcode.write(qcode.Project(name="p", sources=(source,)), path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["project.qde"] = members["project.qde"].replace(b'timeStamp="1500"', b'timeStamp="5s"')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = read(path)
    content = result.project.sources[0].content
    assert isinstance(content, qcode.AudioContent)
    assert content.transcripts[0].sync_points == (attrs.evolve(sync, time=None),)
    assert [i.message for i in result.report if i.code == "invalid-number"] == [
        "timeStamp='5s' is not an integer; left without a value"
    ]


@pytest.mark.parametrize(
    ("member", "codes"),
    [
        (b"caf\xe9 world", []),  # not UTF-8: refused the read when it was compared
        (b"\xef\xbb\xbfHello world", []),  # a BOM: warned of (a strict read refused)
        (b"Hello world", []),
        (b"Other", ["text-differs"]),
    ],
)
def test_a_file_beside_an_inline_text_is_only_compared_with_it(
    member: bytes, codes: list[str], tmp_path: Path
) -> None:
    inline = "<PlainTextContent>Hello world</PlainTextContent><PlainTextSelection"
    xml = project_xml().replace("><PlainTextSelection", ">" + inline, 1)
    path = qdpx(tmp_path / "p.qdpx", xml, text=member)
    result = read(path)
    assert (result.project.sources[0].text, [i.code for i in result.report]) == (
        "Hello world",
        codes,
    )
    if not codes:
        assert read(path, strict=True).project == result.project
