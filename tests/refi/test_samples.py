"""Every real export in ../shared/refi/samples: loads, counts match the XML, re-exports
validate against the official schema, re-import gives the same project, and a REFI → qcode
→ REFI round trip keeps every element and attribute."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import qcode
from qcode._formats import ReadOptions, WriteOptions, read, write
from tests.conftest import shared_path
from tests.refi.canonical import canonical, count, first_difference, project_xml

SAMPLES = [
    "nvivo/oltas0517.qdpx",
    "nvivo/oltas.qdpx",
    "nvivo/nvivo_project.qdpx",
    "atlasti/Project.qde",
    "atlasti/target-atlas-project.qdpx",
    "atlasti/blank-atlas-project.qdpx",
    "atlasti/requal_valid_xml_atlasti_23.4.0.qdc",
    "maxqda/2025-06-16_ICLS_Conf_Themes_ALL_just10.zip",
    "taguette/codebook.qdc",
]
SELECTIONS = (
    "PlainTextSelection",
    "PictureSelection",
    "PDFSelection",
    "AudioSelection",
    "VideoSelection",
    "TranscriptSelection",
)
SOURCES = ("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource")


def sample(name: str) -> Path:
    return shared_path("refi", "samples", *name.split("/"))


def official_schema(codebook: bool) -> etree.XMLSchema:
    name = "Codebook-mrt2019.xsd" if codebook else "Project-mrt2019.xsd"
    return etree.XMLSchema(etree.parse(str(shared_path("refi", "xsd", name))))


def test_every_sample_is_listed() -> None:
    root = shared_path("refi", "samples")
    found = sorted(str(p.relative_to(root)) for p in root.glob("*/*") if p.is_file())
    assert found == sorted(SAMPLES)


@pytest.mark.parametrize("name", SAMPLES)
def test_counts_equal_what_the_xml_holds(name: str) -> None:
    path = sample(name)
    xml = project_xml(path)
    project = read(path, ReadOptions(split_code_names=False)).project
    excerpts = sum(len(s.excerpts) for s in project.sources)
    codings = sum(len(s.codings) + sum(len(e.codings) for e in s.excerpts) for s in project.sources)
    assert len(project.codes) == count(xml, "Code")
    assert len(project.sources) == count(xml, *SOURCES)
    assert excerpts == count(xml, *SELECTIONS)
    assert codings == count(xml, "Coding")
    assert len(project.sets) + len(project.themes) == count(xml, "Set")
    assert len(project.notes) == count(xml, "Note")
    assert len(project.users) == count(xml, "User")


EXPECTED = {
    # name: (codes, sources, excerpts, codings, sets, notes, users)
    "nvivo/oltas0517.qdpx": (152, 2, 303, 303, 0, 0, 2),
    "nvivo/oltas.qdpx": (60, 1, 97, 97, 0, 0, 2),
    "nvivo/nvivo_project.qdpx": (262, 2, 0, 0, 0, 0, 2),
    "atlasti/Project.qde": (14, 12, 15, 16, 16, 2, 3),
    "atlasti/target-atlas-project.qdpx": (3, 0, 0, 0, 0, 0, 2),
    "atlasti/blank-atlas-project.qdpx": (0, 0, 0, 0, 0, 0, 2),
    "atlasti/requal_valid_xml_atlasti_23.4.0.qdc": (1, 0, 0, 0, 1, 0, 0),
    "maxqda/2025-06-16_ICLS_Conf_Themes_ALL_just10.zip": (307, 10, 0, 0, 2, 0, 1),
    "taguette/codebook.qdc": (3, 0, 0, 0, 0, 0, 0),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_reading_as_parsed_equals_reading_the_whole_tree(name: str) -> None:
    # Checking the schema needs the whole tree, so that reading does not read ahead.
    as_parsed = read(sample(name))
    whole = read(sample(name), ReadOptions(check_schema=True))
    assert as_parsed.project == whole.project
    assert as_parsed.report == tuple(i for i in whole.report if i.code != "schema")


@pytest.mark.parametrize("name", SAMPLES)
def test_summary_numbers(name: str) -> None:
    summary = qcode.read(sample(name)).project
    got = (
        len(summary.codes),
        len(summary.sources),
        sum(len(s.excerpts) for s in summary.sources),
        sum(len(s.codings) + sum(len(e.codings) for e in s.excerpts) for s in summary.sources),
        len(summary.sets),
        len(summary.notes),
        len(summary.users),
    )
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("extension", [".qdpx", ".qde"])
def test_re_export_validates_and_re_imports_equal(
    name: str, extension: str, tmp_path: Path
) -> None:
    result = read(sample(name))
    out = tmp_path / f"again{extension}"
    write(result.project, out, WriteOptions(files=result.files))
    assert official_schema(codebook=False).validate(etree.fromstring(project_xml(out)))
    assert read(out).project == result.project


@pytest.mark.parametrize("name", SAMPLES)
def test_codebook_export_validates(name: str, tmp_path: Path) -> None:
    project = read(sample(name)).project
    out = tmp_path / "codebook.qdc"
    write(project, out)
    assert official_schema(codebook=True).validate(etree.parse(str(out)))
    assert [c.name for c in read(out).project.codes] == [c.name for c in project.codes]


@pytest.mark.parametrize("name", [n for n in SAMPLES if not n.endswith(".qdc")])
def test_refi_to_qcode_to_refi_keeps_every_element_and_attribute(name: str, tmp_path: Path) -> None:
    path = sample(name)
    result = read(path, ReadOptions(split_code_names=False))
    target = "nvivo" if name.startswith("nvivo") else None
    out = tmp_path / "again.qdpx"
    write(result.project, out, WriteOptions(files=result.files, target=target))
    before, after = canonical(path), canonical(out)
    assert first_difference(before, after) is None


@pytest.mark.parametrize("name", SAMPLES)
def test_qualcoder_export_validates_and_keeps_every_coded_text(name: str, tmp_path: Path) -> None:
    """The QualCoder shape rewrites CRLF texts as LF; each excerpt still covers its text."""
    result = read(sample(name))
    out = tmp_path / "for-qualcoder.qdpx"
    write(result.project, out, WriteOptions(files=result.files, target="qualcoder"))
    assert official_schema(codebook=False).validate(etree.fromstring(project_xml(out)))
    back = read(out).project

    def coded(project: qcode.Project) -> list[str | None]:
        texts = []
        for source, excerpt in project.iter_excerpts():
            span = excerpt.anchor
            text = source.text
            if isinstance(span, qcode.TextSpan) and text is not None:
                texts.append(text[span.start : span.end].replace("\r\n", "\n"))
            else:
                texts.append(None)
        return texts

    assert coded(back) == coded(result.project)
    assert sum(t is not None for t in coded(back)) == EXPECTED_TEXT_SPANS[name]


EXPECTED_TEXT_SPANS = dict.fromkeys(SAMPLES, 0) | {
    "nvivo/oltas0517.qdpx": 303,
    "nvivo/oltas.qdpx": 97,
    "atlasti/Project.qde": 8,
}


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.endswith(".qdc")])
def test_codebooks_round_trip_as_codebooks(name: str, tmp_path: Path) -> None:
    path = sample(name)
    out = tmp_path / "again.qdc"
    write(read(path).project, out)
    assert first_difference(canonical(path), canonical(out)) is None


def test_embedded_files_travel_byte_for_byte(tmp_path: Path) -> None:
    import zipfile

    path = sample("nvivo/oltas0517.qdpx")
    result = read(path)
    out = tmp_path / "again.qdpx"
    write(result.project, out, WriteOptions(files=result.files))
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(out) as copy:
        docx = sorted(n for n in original.namelist() if n.endswith(".docx"))
        assert len(docx) == 2
        for name in docx:
            assert copy.read("sources/" + name.split("/")[1]) == original.read(name)


def test_nvivo_excerpts_are_what_nvivo_coded() -> None:
    project = read(sample("nvivo/oltas0517.qdpx")).project
    source = next(s for s in project.sources if s.name == "videos_10_selected")
    text = source.text
    assert text is not None
    first = source.excerpts[0]
    assert first.anchor == qcode.TextSpan(3132, 3279)
    assert text[3132:3279] == (
        "Senkit nem lehet kötelezni oltásra, ilyet csak ostoba korlátolt agyi kapacitással "
        "rendelkező emberhulladék hozhat aki nem szaporodhat és nem élhet."
    )
    on_words = 0
    for excerpt in (e for s in project.sources for e in s.excerpts):
        span = excerpt.anchor
        assert isinstance(span, qcode.TextSpan)
        owner = next(s for s in project.sources if excerpt in s.excerpts)
        body = owner.text or ""
        starts = span.start == 0 or not (
            body[span.start - 1].isalnum() and body[span.start].isalnum()
        )
        on_words += starts
    assert on_words >= 300


def test_nvivo_report_says_which_dialect_and_why() -> None:
    report = read(sample("nvivo/oltas.qdpx")).report
    assert [str(i) for i in report if i.code == "offset-dialect"] == [
        f"INFO {sample('nvivo/oltas.qdpx')}/project.qde /: text offsets read as utf16 (origin "
        "'NVivo for Windows 12.6': NVivo counts UTF-16 code units); selections on word "
        "boundaries: codepoints 62%, utf16 100%, codepoints-lf 12%"
    ]


def test_atlas_flattened_hierarchy_is_split_by_default() -> None:
    project = read(sample("atlasti/Project.qde")).project
    names = {c.id: c.name for c in project.codes}
    pairs = sorted((names[c.parent], c.name) for c in project.codes if c.parent)
    assert pairs == [("Coke", "diet Coke"), ("Coke", "full-fat Coke")]


REPORTS = {
    "nvivo/oltas0517.qdpx": {"sources-folder": 1, "text-bom": 2, "offset-dialect": 1},
    "nvivo/oltas.qdpx": {"sources-folder": 1, "text-bom": 1, "offset-dialect": 1},
    "nvivo/nvivo_project.qdpx": {"unnamed-file": 1},  # sources/.root
    "atlasti/Project.qde": {"missing-text": 11, "code-names-split": 1, "external-file-not-read": 3},
    "atlasti/target-atlas-project.qdpx": {},
    "atlasti/blank-atlas-project.qdpx": {},
    "atlasti/requal_valid_xml_atlasti_23.4.0.qdc": {},
    "maxqda/2025-06-16_ICLS_Conf_Themes_ALL_just10.zip": {},
    "taguette/codebook.qdc": {"empty-container": 1},
}


@pytest.mark.parametrize("name", SAMPLES)
def test_what_reading_each_sample_reports(name: str) -> None:
    from collections import Counter

    assert Counter(i.code for i in read(sample(name)).report) == REPORTS[name]


def test_atlas_media_are_looked_for_only_where_allowed() -> None:
    path = sample("atlasti/Project.qde")
    allowed = read(path, ReadOptions(external_root=path.parent))
    media = [i for i in allowed.report if i.code.startswith("external-file")]
    assert [(i.code, i.path) for i in media] == [
        ("external-file-missing", "$.sources[9].content.path"),
        ("external-file-missing", "$.sources[10].content.path"),
        ("external-file-missing", "$.sources[11].content.path"),
    ]
    assert media[0].message == (
        "external file 'relative:///DF370983-F009-4D47-8615-711633FA9DE6.m4a' of source "
        f"{read(path).project.sources[9].name!r} is not on this machine"
    )
    assert allowed.project == read(path).project


def test_json_counts_only_the_embedded_files_it_loses(tmp_path: Path) -> None:
    result = read(sample("nvivo/oltas.qdpx"))
    assert sorted(name.rsplit(".", 1)[1] for name in result.files) == ["docx", "txt"]
    report = write(result.project, tmp_path / "o.json", WriteOptions(files=result.files))
    assert [(i.code, i.message) for i in report] == [
        ("not-carried", "1 embedded file(s) (documents, pictures, recordings) cannot be "
         "stored in qcode JSON; keep the original archive"),
    ]  # fmt: skip


EXAMPLE = Path(__file__).parents[2] / "examples" / "sustaining_social_work"


@pytest.mark.parametrize(
    "name",
    [*SAMPLES, "sustaining_social_work.qdpx", "sustaining_social_work.qualcoder.qdpx"],
)
def test_comments_and_processing_instructions_anywhere_change_nothing(
    name: str, tmp_path: Path
) -> None:
    """XML allows a comment or a processing instruction inside any element; one inside a
    VariableValue stopped the read with a traceback. With one at the start and the end of
    every element, each sample (and the example, which has variables) reads as the same
    project with the same report."""
    path = sample(name) if "/" in name else EXAMPLE / name
    root = etree.fromstring(project_xml(path), etree.XMLParser(huge_tree=True))
    for element in list(root.iter(tag=etree.Element)):
        element.insert(0, etree.Comment(" a remark "))
        element.append(etree.ProcessingInstruction("tool", "state"))
    document = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    if path.suffix.lower() in (".qde", ".qdc"):
        remarked = tmp_path / path.name
        remarked.write_bytes(document)
    else:
        remarked = tmp_path / f"{path.stem}.qdpx"
        with zipfile.ZipFile(path) as original, zipfile.ZipFile(remarked, "w") as copy:
            for member in original.namelist():
                data = original.read(member)
                copy.writestr(member, document if member.lower().endswith(".qde") else data)
    before, after = read(path), read(remarked)
    assert after.project == before.project
    assert [(i.code, i.path, i.message) for i in after.report] == [
        (i.code, i.path, i.message) for i in before.report
    ]
