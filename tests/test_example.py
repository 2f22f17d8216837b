"""The Sustaining Social Work example: faithful to the report, complete, reproducible."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

import qcode
from tests.conftest import ROOT, shared_path

EXAMPLE = ROOT / "examples" / "sustaining_social_work"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ssw_build", EXAMPLE / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ssw_build"] = module
    spec.loader.exec_module(module)
    return module


BUILD = _load_build()


@pytest.fixture(scope="module")
def project() -> qcode.Project:
    built: qcode.Project = BUILD.build()
    return built


def test_committed_outputs_equal_a_fresh_build(project: qcode.Project, tmp_path: Path) -> None:
    BUILD.write_outputs(project, tmp_path)
    for name in (*BUILD.OUTPUTS, "codebook.md"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_the_project_is_valid(project: qcode.Project) -> None:
    assert qcode.validate(project) == ()
    assert qcode.validate(qcode.load(EXAMPLE / "sustaining_social_work.json")) == ()


def test_counts(project: qcode.Project) -> None:
    summary = qcode.summarize(project)
    assert summary["participants"] == 5
    assert summary["sources_by_kind"] == {
        "co-research group": 1,
        "collage": 7,
        "diary": 1,
        "messaging group": 1,
        "workshop": 5,
    }
    assert summary["sources_by_medium"] == {"picture": 7, "text": 8}
    assert (summary["themes"], summary["codes"], summary["excerpts"]) == (3, 18, 42)
    assert (summary["codings"], summary["notes"], summary["cases"]) == (50, 7, 8)
    kinds = Counter(case.kind for case in project.cases)
    assert kinds == {"participant": 5, "unidentified speaker": 2, "group": 1}


def test_every_excerpt_is_verbatim_in_its_source_and_in_the_report(
    project: qcode.Project,
) -> None:
    report = shared_path("seed", "sustaining-social-work-report.txt").read_text("utf-8")
    for source, excerpt in project.iter_excerpts():
        span = excerpt.anchor
        assert isinstance(span, qcode.TextSpan)
        assert source.text is not None
        assert excerpt.quote == source.text[span.start : span.end]
        assert excerpt.quote in report, excerpt.quote


def test_every_source_text_and_memo_comes_from_the_report(project: qcode.Project) -> None:
    report = shared_path("seed", "sustaining-social-work-report.txt").read_text("utf-8")
    for source in project.sources:
        for paragraph in (source.text or "").split("\n\n"):
            assert paragraph.strip() in report, paragraph
    for note in project.notes:
        if note.name != "Citation":
            assert note.text.strip() in report, note.name


def test_every_excerpt_and_codable_code_is_used(project: qcode.Project) -> None:
    assert all(excerpt.codings for _, excerpt in project.iter_excerpts())
    used = qcode.coded_excerpts(project)
    for code in project.codes:
        assert (used[code.id] > 0) == code.codable, code.name
        assert code.brief_definition and code.full_definition
        assert code.when_to_use and code.when_not_to_use
        assert any(e.excerpt is not None for e in code.examples) == code.codable


def test_the_seven_collages(project: qcode.Project) -> None:
    collages = [s for s in project.sources if s.kind == "collage"]
    assert len(collages) == 7
    assert all(isinstance(s.content, qcode.PictureContent) for s in collages)
    side = next(v.id for v in project.variables if v.name == "Collage side")
    sides = [next((v.value for v in s.values if v.variable == side), None) for s in collages]
    assert sides == [
        "how I see my role",
        None,
        None,
        "how others see my role",
        "how I see my role",
        None,
        None,
    ]


def test_the_qdpx_is_schema_valid_and_re_imports_equal(project: qcode.Project) -> None:
    schema = etree.XMLSchema(etree.parse(str(shared_path("refi", "xsd", "Project-mrt2019.xsd"))))
    with zipfile.ZipFile(EXAMPLE / "sustaining_social_work.qdpx") as archive:
        assert schema.validate(etree.fromstring(archive.read("project.qde")))
    assert qcode.load(EXAMPLE / "sustaining_social_work.qdpx") == project
    codebook = etree.XMLSchema(etree.parse(str(shared_path("refi", "xsd", "Codebook-mrt2019.xsd"))))
    assert codebook.validate(etree.parse(str(EXAMPLE / "codebook.qdc")))
    assert [c.name for c in qcode.load(EXAMPLE / "codebook.qdc").codes] == [
        c.name for c in project.codes
    ]


def test_quoted_phrases_without_a_known_source_are_examples_not_excerpts(
    project: qcode.Project,
) -> None:
    report = shared_path("seed", "sustaining-social-work-report.txt").read_text("utf-8")
    phrases = [e for code in project.codes for e in code.examples if e.excerpt is None]
    assert len(phrases) == 12
    for example in phrases:
        assert example.text in report, example.text
        assert example.note is not None and example.note.startswith("Quoted in the report")


def test_every_quotation_is_an_excerpt_whole(project: qcode.Project) -> None:
    import re

    quotes = {excerpt.quote for _, excerpt in project.iter_excerpts()}
    whole = []
    for source in project.sources:
        found = re.findall(
            r"(.+?) \((?:Workshop participant|Digital diary)\)", source.text or "", re.S
        )
        for quotation in found:  # a collage's quotation is its last paragraph
            last = quotation.split("\n\n")[-1] if "**Quotation:**" in quotation else quotation
            whole.append(last.strip().removeprefix("**Quotation:** ").strip('"'))
    assert len(whole) == 10
    assert [q for q in whole if q not in quotes] == []
