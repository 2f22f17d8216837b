"""How qcode's own concepts travel in REFI-QDA, checked on the XML itself."""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from pathlib import Path

import pytest
from attrs import evolve
from lxml import etree

import qcode
from qcode._formats import WriteOptions, read, write
from qcode._formats._refi import _definition
from qcode._formats._refi._conventions import ThemeMark, parse_theme, render_theme
from tests.conftest import small_project
from tests.everything import T0, everything

NS = {"q": "urn:QDA-XML:project:1.0"}


def written(project: qcode.Project, tmp_path: Path, **options: object) -> etree._Element:
    path = tmp_path / "p.qdpx"
    write(project, path, WriteOptions(**options))  # type: ignore[arg-type]
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def test_everything_round_trips_through_qdpx(tmp_path: Path) -> None:
    project = everything()
    path = tmp_path / "e.qdpx"
    report = write(project, path, WriteOptions(include_real_names=True))
    assert [str(i) for i in report] == [
        f"WARNING {path} internal://w.docx: embedded file 'internal://w.docx' is not available; "
        "the reference is kept",
        f"WARNING {path} internal://c.jpg: embedded file 'internal://c.jpg' is not available; "
        "the reference is kept",
    ]
    back = read(path).project
    # Excerpts are listed in REFI-QDA's nesting order already; "#F00" is spelled out.
    codes = tuple(evolve(c, color="#FF0000") if c.color == "#F00" else c for c in project.codes)
    assert back == evolve(project, codes=codes)


def test_source_and_case_kinds_become_variables(tmp_path: Path) -> None:
    root = written(small_project(), tmp_path)
    variables = root.findall("q:Variables/q:Variable", NS)
    assert [(v.get("name"), v.get("typeOfVariable")) for v in variables] == [
        ("Role", "Text"),
        ("Source kind", "Text"),
        ("Case kind", "Text"),
    ]
    source = root.find("q:Sources/q:TextSource", NS)
    assert source is not None
    values = [
        v.findtext("q:TextValue", namespaces=NS) for v in source.findall("q:VariableValue", NS)
    ]
    assert values == ["workshop"]


def test_real_names_stay_out_unless_asked_for(tmp_path: Path) -> None:
    project = small_project()
    named = evolve(project, cases=(evolve(project.cases[0], real_name="Jo Bloggs"),))
    path = tmp_path / "p.qdpx"
    report = write(named, path)
    assert [i.message for i in report] == [
        "the real names of 1 case(s) are not exported (pass include_real_names=True to export them)"
    ]
    assert b"Jo Bloggs" not in zipfile.ZipFile(path).read("project.qde")
    assert read(path).project.cases[0].real_name is None
    write(named, path, WriteOptions(include_real_names=True))
    assert read(path).project.cases[0].real_name == "Jo Bloggs"


def test_themes_become_sets_with_a_marker(tmp_path: Path) -> None:
    project = small_project()
    root = written(project, tmp_path)
    (theme_set,) = root.findall("q:Sets/q:Set", NS)
    assert theme_set.get("name") == "Core tension"
    assert theme_set.findtext("q:Description", namespaces=NS) == "qcode-theme:"
    members = [m.get("targetGUID") for m in theme_set.findall("q:MemberCode", NS)]
    assert members == [str(c).upper() for c in project.themes[0].codes]


def test_theme_marker_round_trip() -> None:
    parent = uuid.uuid4()
    text = render_theme("About the toll", parent, "#AA0000", (parent,))
    assert text == (
        f"About the toll\n\nqcode-theme: parent={str(parent).upper()}; color=#AA0000; "
        f"notes={str(parent).upper()}"
    )
    mark = parse_theme(text)
    assert mark is not None
    assert (mark.description, mark.parent, mark.color, mark.notes) == (
        "About the toll",
        parent,
        "#AA0000",
        (parent,),
    )
    assert parse_theme("A set about qcode-theme: things") is None
    # the line is qcode's: the theme is read, what it cannot read set aside (reported)
    assert parse_theme("qcode-theme: colour=red; color=#F00; notes=1,2") == ThemeMark(
        None, color="#F00", unread=("colour=red", "notes=1,2")
    )
    assert parse_theme(None) is None


def test_definition_layout_reads_back() -> None:
    code = everything().codes[1]
    text = _definition.render(code)
    assert text is not None
    assert text.splitlines()[:3] == [
        "Brief definition: Practitioners as a link between young people and the system.",
        "",
        "Full definition: Use for talk of standing between young people and services.",
    ]
    assert evolve(code, **_definition.parse(text)) == code


def test_free_text_descriptions_stay_as_they_are() -> None:
    assert _definition.parse("csak egy nátha\n") == {"full_definition": "csak egy nátha\n"}
    assert (
        _definition.render(
            qcode.Code(id=everything().codes[0].id, name="x", full_definition="free\ntext")
        )
        == "free\ntext"
    )


def test_target_nvivo_writes_utf16_offsets(tmp_path: Path) -> None:
    b = qcode.ProjectBuilder("p")
    source = b.text_source("S", "😀 a bridge")
    b.quote(source, "bridge")
    root = written(b.build(), tmp_path, target="nvivo")
    selection = root.find("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    assert selection is not None
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("5", "11")
    assert root.get("origin") == "qcode 0.1.0 (offsets: utf16)"


def test_sync_point_positions_are_written_and_read_in_the_dialect(tmp_path: Path) -> None:
    sync = qcode.SyncPoint(id=uuid.uuid4(), time=1500, position=6)  # after "😀\r\nHi "
    transcript = qcode.Transcript(id=uuid.uuid4(), text="😀\r\nHi there", sync_points=(sync,))
    recording = qcode.Source(
        id=uuid.uuid4(),
        name="Interview",
        kind="interview",
        content=qcode.AudioContent(path="relative:///a.m4a", transcripts=(transcript,)),
    )
    project = qcode.Project(name="p", sources=(recording,))
    positions = {}
    for target in ("refi", "nvivo", "atlasti"):
        path = tmp_path / f"{target}.qdpx"
        write(project, path, WriteOptions(target=target))
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("project.qde"))
        point = root.find(".//q:SyncPoint", NS)
        assert point is not None
        positions[target] = point.get("position")
        back = read(path).project.sources[0].content
        assert isinstance(back, qcode.AudioContent)
        assert back.transcripts[0].sync_points == (sync,)
    assert positions == {"refi": "6", "nvivo": "7", "atlasti": "5"}


def test_unknown_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(qcode.WriteError) as caught:
        write(small_project(), tmp_path / "p.qdpx", WriteOptions(target="word"))
    assert str(caught.value) == (
        f"{tmp_path / 'p.qdpx'}: unknown target 'word'; choose one of refi, nvivo, atlasti, "
        "qualcoder, codepoints, utf16, codepoints-lf"
    )


_STAMPED = [
    *("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource"),
    *("TextDescription", "Representation", "Transcript", "Note", "Coding"),
    *("PlainTextSelection", "PictureSelection", "PDFSelection", "AudioSelection"),
    *("VideoSelection", "TranscriptSelection"),
]


def unstamped(root: etree._Element) -> list[str]:
    """The elements that can carry a creation time and carry no time at all."""
    return [
        etree.QName(e).localname
        for kind in _STAMPED
        for e in root.iter(f"{{{NS['q']}}}{kind}")
        if e.get("creationDateTime") is None and e.get("modifiedDateTime") is None
    ]


def test_target_qualcoder_stamps_every_element_without_a_creation_time(tmp_path: Path) -> None:
    project = everything()
    assert sorted(unstamped(written(project, tmp_path))) == [
        "AudioSelection",
        "AudioSource",
        "Note",
        "PDFSelection",
        "PDFSource",
        "PictureSelection",
        "PictureSource",
        "PlainTextSelection",
        "PlainTextSelection",
        "PlainTextSelection",
        "Representation",
        "TextDescription",
        "TranscriptSelection",
        "VideoSelection",
        "VideoSource",
    ]
    path = tmp_path / "qualcoder.qdpx"
    report = write(project, path, WriteOptions(target="qualcoder", files={}))
    assert [str(i) for i in report if i.code == "stamp-added"] == [
        f"INFO {path} $: 15 element(s) had no creation time and were stamped "
        "2023-03-01T12:00:00Z by 6810897A-CA59-5B31-89EB-ED10F4726B30, because QualCoder's "
        "importer stops at a selection, note or transcript without one"
    ]
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert unstamped(root) == []
    [memo] = [n for n in project.notes if n.audit is None]
    note = root.find(f"q:Notes/q:Note[@guid='{str(memo.id).upper()}']", NS)
    assert note is not None
    assert (note.get("creatingUser"), note.get("creationDateTime")) == (
        "6810897A-CA59-5B31-89EB-ED10F4726B30",
        "2023-03-01T12:00:00Z",
    )
    assert root.get("origin") == "qcode 0.1.0 (offsets: codepoints-lf; from: qcode tests)"
    # The stamps read back as audits: an excerpt without a time gains the project's.
    analyst = project.users[0].id

    def stamped(audit: qcode.Audit | None) -> qcode.Audit:
        if audit is None:
            return qcode.Audit(created_by=analyst, created_at=T0)
        if audit.created_at or audit.modified_at:
            return audit
        return evolve(audit, created_by=audit.created_by or analyst, created_at=T0)

    back = read(path).project
    assert [n.audit for n in back.notes] == [stamped(n.audit) for n in project.notes]
    assert [e.audit for _, e in back.iter_excerpts()] == [
        stamped(e.audit) for _, e in project.iter_excerpts()
    ]


def test_target_qualcoder_without_a_project_time_stamps_the_time_of_writing(
    tmp_path: Path,
) -> None:
    b = qcode.ProjectBuilder("p")
    b.user("One")
    b.user("Two", default=False)
    b.note("Thinking about bridges.", name="A memo")
    transcript = qcode.Transcript(id=uuid.uuid4(), text="Hello.")
    recording = qcode.Source(
        id=uuid.uuid4(),
        name="Workshop 1.m4a",
        content=qcode.AudioContent(path="relative:///w1.m4a", transcripts=(transcript,)),
    )
    project = evolve(b.build(), sources=(recording,))
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    path = tmp_path / "p.qdpx"
    report = write(project, path, WriteOptions(target="qualcoder"))
    after = dt.datetime.now(dt.timezone.utc)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    note = root.find("q:Notes/q:Note", NS)
    assert note is not None and note.get("creatingUser") is None
    stamp = note.get("creationDateTime")
    assert stamp is not None
    assert before <= dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")) <= after
    assert unstamped(root) == []
    written_transcript = root.find(".//q:Transcript", NS)
    assert written_transcript is not None
    assert written_transcript.get("name") == "Workshop 1.m4a.txt"
    assert [str(i) for i in report] == [
        f"INFO {path} $: 3 element(s) had no creation time and were stamped {stamp}, because "
        "QualCoder's importer stops at a selection, note or transcript without one",
        f"INFO {path} $: 1 transcript(s) had no name and were named after their recording "
        "(<recording>.txt), because QualCoder cannot import a transcript without one",
    ]


def test_target_qualcoder_writes_lf_line_breaks_with_positions_to_match(tmp_path: Path) -> None:
    b = qcode.ProjectBuilder("p", id_namespace=uuid.UUID(int=7))
    b.user("One")
    source = b.text_source("S", "Line one\r\nLine two: a bridge\r\n")
    b.quote(source, "bridge")
    path = tmp_path / "p.qdpx"
    report = write(b.build(), path, WriteOptions(target="qualcoder"))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        text_file = next(n for n in archive.namelist() if n.endswith(".txt"))
        text = archive.read(text_file).decode("utf-8")
    assert text == "Line one\nLine two: a bridge\n"
    selection = root.find(".//q:PlainTextSelection", NS)
    assert selection is not None
    start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
    assert text[start:end] == "bridge"
    assert [i.message for i in report if i.code == "line-breaks"] == [
        "1 text(s) with CRLF or CR line breaks were written with LF, positions counted to match, "
        "because QualCoder reads line breaks as LF"
    ]
    back = read(path).project
    assert back.sources[0].text == text
    assert [e.quote for _, e in back.iter_excerpts()] == ["bridge"]


def test_target_qualcoder_leaves_out_code_memo_references(tmp_path: Path) -> None:
    """QualCoder skips a code element with children other than Description and codes."""
    project = everything()
    memo_codes = [i for i, code in enumerate(project.codes) if code.note_refs]
    assert memo_codes == [1]
    default = written(project, tmp_path)
    assert len(default.findall(".//q:Code/q:NoteRef", NS)) == 1
    path = tmp_path / "qualcoder.qdpx"
    report = write(project, path, WriteOptions(target="qualcoder"))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert root.findall(".//q:Code/q:NoteRef", NS) == []
    assert [f"{i.path}: {i.message}" for i in report if i.path.startswith("$.codes")] == [
        "$.codes[1].note_refs: QualCoder skips a code with memo references, so they were left "
        "out (the memos are kept)"
    ]
    assert len(root.findall("q:Notes/q:Note", NS)) == len(project.notes)


def test_target_qualcoder_makes_code_and_note_names_unique(tmp_path: Path) -> None:
    """QualCoder keeps codes and journals by unique name: a repeated code loses its codings
    there, and a repeated journal name stops the import."""
    barriers = qcode.Code(id=uuid.uuid4(), name="Barriers", codable=False)
    enablers = qcode.Code(id=uuid.uuid4(), name="Enablers", codable=False)
    codes = (
        barriers,
        qcode.Code(id=uuid.uuid4(), name="Other", parent=barriers.id),
        enablers,
        qcode.Code(id=uuid.uuid4(), name="Other", parent=enablers.id),
        qcode.Code(id=uuid.uuid4(), name="Other"),
    )
    notes = (
        qcode.Note(id=uuid.uuid4(), name="Memo", text="One."),
        qcode.Note(id=uuid.uuid4(), name="Memo", text="Two."),
        qcode.Note(id=uuid.uuid4(), text="Three."),
    )
    project = qcode.Project(name="p", codes=codes, notes=notes)

    def names(root: etree._Element) -> tuple[list[str | None], list[str | None]]:
        return (
            [c.get("name") for c in root.iter(f"{{{NS['q']}}}Code")],
            [n.get("name") for n in root.iter(f"{{{NS['q']}}}Note")],
        )

    assert names(written(project, tmp_path)) == (
        ["Barriers", "Other", "Enablers", "Other", "Other"],
        ["Memo", "Memo", None],
    )
    path = tmp_path / "qualcoder.qdpx"
    report = write(project, path, WriteOptions(target="qualcoder"))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert names(root) == (
        ["Barriers", "Other", "Enablers", "Other (Enablers)", "Other (2)"],
        ["Memo", "Memo (2)", "Note 3"],
    )
    assert [f"{i.path}: {i.message}" for i in report if i.code == "name-changed"] == [
        "$.codes[3].name: code 'Other' was written as 'Other (Enablers)', because QualCoder "
        "keeps codes by name",
        "$.codes[4].name: code 'Other' was written as 'Other (2)', because QualCoder keeps "
        "codes by name",
        "$.notes[1].name: note 'Memo' was written as 'Memo (2)', because QualCoder keeps notes "
        "by name",
        "$.notes[2].name: a note without a name was written as 'Note 3', because QualCoder "
        "keeps notes by name",
    ]


def test_a_project_without_files_keeps_an_empty_sources_folder(tmp_path: Path) -> None:
    project = qcode.Project(name="Codes only", codes=(qcode.Code(id=uuid.uuid4(), name="A"),))
    path = tmp_path / "p.qdpx"
    assert write(project, path) == ()
    with zipfile.ZipFile(path) as archive:
        assert [(i.filename, i.is_dir()) for i in archive.infolist()] == [
            ("project.qde", False),
            ("sources/", True),
        ]
        archive.extractall(tmp_path / "out")
    assert (tmp_path / "out" / "sources").is_dir()
    assert read(path).project.codes == project.codes


def test_texts_of_objects_sharing_a_guid_go_to_files_of_their_own(tmp_path: Path) -> None:
    """Each text was written to ``sources/<GUID>.txt``: a note sharing a source's GUID (a
    `shared-id` warning, as ATLAS.ti writes them) replaced the source's text without a word,
    and two sources of one GUID came back with one text."""
    project = small_project()
    source = project.sources[0]
    note = evolve(project.notes[0], id=source.id)
    twin = evolve(source, content=qcode.TextContent(text="Another text."), excerpts=())
    shared = evolve(project, notes=(note,), sources=(source, twin))
    path = tmp_path / "p.qdpx"
    write(shared, path)
    back = read(path).project
    assert [s.text for s in back.sources] == [source.text, "Another text."]
    assert back.notes[0].text == "Remember the rock."
    name = str(source.id).upper()
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == [
            "project.qde",
            f"sources/{name}-2.txt",
            f"sources/{name}-3.txt",
            f"sources/{name}.txt",
        ]


@pytest.mark.parametrize(
    "rich", ["AAAAAAAA-2222-3333-4444-555555555555", "aaaaaaaa-2222-3333-4444-555555555555"]
)
def test_an_embedded_file_named_as_a_text_is_written_apart_from_it(
    rich: str, tmp_path: Path
) -> None:
    """A source whose rich text file is named ``<GUID>.txt``, as its plain text is (in any
    case: unzipping on Windows or macOS makes one file of the two): both went into the
    archive under one name, and qcode refused the archive it wrote."""
    g = "AAAAAAAA-2222-3333-4444-555555555555"
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        f'name="P"><Sources><TextSource guid="{g}" name="S" plainTextPath="internal://{g}.txt" '
        f'richTextPath="internal://{rich}.txt"/></Sources></Project>'
    )
    given = tmp_path / "in.qdpx"
    with zipfile.ZipFile(given, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{g}.txt", "Hello there.")  # both names find it
    first = read(given)
    out = tmp_path / "out.qdpx"
    report = write(first.project, out, WriteOptions(files=first.files))
    assert [(i.code, i.message) for i in report] == [
        (
            "name-changed",
            f"embedded file '{rich}.txt' is written as '{g}-2.txt': another file of the "
            "archive has that name",
        )
    ]
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [
            "project.qde",
            f"sources/{g}-2.txt",
            f"sources/{g}.txt",
        ]
        assert archive.read(f"sources/{g}-2.txt") == b"Hello there."
    back = read(out)
    assert back.project.sources[0].text == "Hello there."
    assert back.project.sources[0].content == evolve(
        first.project.sources[0].content, path=f"internal://{g}-2.txt"
    )


def test_what_refi_cannot_carry_is_reported(tmp_path: Path) -> None:
    project = small_project()
    source = project.sources[0]
    odd = qcode.Excerpt(id=uuid.uuid4(), anchor=qcode.TimeSpan(0, 5))
    broken = evolve(
        project,
        sources=(evolve(source, excerpts=(*source.excerpts, odd)),),
        codes=(evolve(project.codes[0], color="red"), *project.codes[1:]),
        name="bad\x01name",
    )
    path = tmp_path / "p.qdpx"
    assert [str(i) for i in write(broken, path)] == [
        "ERROR $.codes[0].color: 'red' is not a colour like '#1F77B4' or '#F00'",
        "ERROR $.sources[0].excerpts[2].anchor: a time span cannot anchor an excerpt in a text "
        "source",
        f"WARNING {path} $.codes[0].color: colour 'red' is not #RRGGBB or #RGB; left out",
        f"WARNING {path} $.sources[0].excerpts[2]: a TimeSpan has no place in a TextSource",
        f"WARNING {path} $: 1 control character(s) that XML cannot hold were written as U+FFFD",
    ]
    assert read(path).project.name == "bad\ufffdname"


def test_strict_write_refuses_and_leaves_the_target(tmp_path: Path) -> None:
    project = small_project()
    broken = evolve(project, codes=(evolve(project.codes[0], color="red"), *project.codes[1:]))
    path = tmp_path / "p.qdpx"
    path.write_bytes(b"old")
    with pytest.raises(qcode.InvalidProjectError) as caught:
        write(broken, path, WriteOptions(strict=True))
    assert [i.message for i in caught.value.issues] == [
        "'red' is not a colour like '#1F77B4' or '#F00'"
    ]
    assert path.read_bytes() == b"old"


def test_codebook_export_holds_codes_and_code_sets(tmp_path: Path) -> None:
    project = everything()
    path = tmp_path / "c.qdc"
    report = write(project, path)
    assert [i.message for i in report] == [
        "a codebook holds only codes and code sets; not written: 5 source(s), 4 coding(s), "
        "2 case(s), 6 variable(s), 2 user(s), 8 memo(s), 1 link(s), 1 graph(s)",
        "a codebook has no code memos",
        "set 'Group': a codebook holds only member codes",
    ]
    back = read(path).project
    assert [c.name for c in back.codes] == ["Findings", "A bridge", "Toll"]
    assert [t.name for t in back.themes] == ["Core tension", "Its toll"]
    assert [(s.name, s.sources) for s in back.sets] == [("Group", ())]


def test_empty_codebook_gets_a_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "c.qdc"
    assert [i.message for i in write(qcode.Project(name="p"), path)] == [
        "there are no codes; the codebook holds one placeholder, (no codes), which qcode "
        "reads back as none"
    ]
    assert 'name="(no codes)"' in path.read_text(encoding="utf-8")
    assert read(path).project.codes == ()  # it was read as a code by all but read_codebook


def test_orphans_and_cycles(tmp_path: Path) -> None:
    project = small_project()
    folder, bridge, toll = project.codes
    stray = uuid.uuid4()
    looped = (evolve(folder, parent=toll.id), bridge, evolve(toll, parent=stray))
    path = tmp_path / "p.qdpx"
    report = write(evolve(project, codes=looped), path)
    assert [i.message for i in report] == [
        f"no code has id {stray}",
        "code 'Toll' has a parent that does not exist; written at the top",
    ]
    assert [c.name for c in read(path).project.codes] == ["Toll", "Findings", "Bridge"]


def test_target_qualcoder_writes_a_picture_without_an_image_as_a_text_source(
    tmp_path: Path,
) -> None:
    b = qcode.ProjectBuilder("p", id_namespace=uuid.UUID(int=9))
    collage = b.source("Collage", qcode.PictureContent(text="A broken safety pin"), kind="collage")
    photo = b.source("Photo", qcode.PictureContent(path="relative:///photo.jpg", text="A bridge"))
    code = b.code("Pins")
    b.quote(collage, "safety pin", codes=[code])
    b.quote(photo, "bridge", codes=[code])
    project = b.build()
    root = written(project, tmp_path, target="qualcoder")
    sources = root.find("q:Sources", NS)
    assert sources is not None
    assert [(etree.QName(s).localname, s.get("name")) for s in sources] == [
        ("TextSource", "Collage"),
        ("PictureSource", "Photo"),
    ]
    back = read(tmp_path / "p.qdpx").project
    assert [(s.medium, s.kind, s.text) for s in back.sources] == [
        (qcode.Medium.TEXT, "collage", "A broken safety pin"),
        (qcode.Medium.PICTURE, "document", "A bridge"),
    ]
    assert [e.quote for _, e in back.iter_excerpts()] == ["safety pin", "bridge"]
    # The default export keeps the picture as the standard allows, and reads back whole.
    path = tmp_path / "standard.qdpx"
    assert write(project, path) == ()
    assert read(path).project == project


def test_a_quote_on_a_region_or_a_time_span_is_reported_not_carried(tmp_path: Path) -> None:
    b = qcode.ProjectBuilder("Quoted", id_namespace=uuid.uuid5(uuid.NAMESPACE_URL, "quoted"))
    code = b.code("Calm")
    collage = b.source("Collage", qcode.PictureContent(path="relative://c.png"), kind="collage")
    b.excerpt(collage, qcode.PictureRegion(0, 0, 5, 5), codes=[code], quote="a roof")
    talk = b.source("Talk", qcode.AudioContent(path="relative://t.m4a"), kind="interview")
    b.excerpt(talk, qcode.TimeSpan(0, 900), codes=[code])  # no quote: nothing to say
    report = qcode.write(b.build(), tmp_path / "q.qdpx")
    assert [(i.code, i.path, i.message) for i in report] == [
        (
            "not-carried",
            "$.sources[0].excerpts[0].quote",
            "a PictureRegion has no place for a quote in REFI-QDA; written without it",
        )
    ]
    (region,) = qcode.read(tmp_path / "q.qdpx").project.sources[0].excerpts
    assert (region.anchor, region.quote) == (qcode.PictureRegion(0, 0, 5, 5), None)


def test_an_embedded_file_not_carried_is_reported_once_however_many_sources_share_it(
    tmp_path: Path,
) -> None:
    picture = qcode.PictureContent(path="internal://shared.png")
    sources = tuple(
        qcode.Source(id=uuid.UUID(int=n), name=f"Collage {n}", content=picture) for n in (1, 2)
    )
    project = qcode.Project(name="p", sources=sources)
    said = {
        suffix: [(i.path, i.message) for i in qcode.write(project, tmp_path / f"p{suffix}")]
        for suffix in (".qde", ".qdpx")
    }
    assert said == {
        ".qde": [("internal://shared.png", "a bare .qde cannot hold embedded files; use .qdpx")],
        ".qdpx": [
            (
                "internal://shared.png",
                "embedded file 'internal://shared.png' is not available; the reference is kept",
            )
        ],
    }
