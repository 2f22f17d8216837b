"""qcode → REFI-QDA → qcode is lossless for everything REFI-QDA can carry."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

import qcode
from qcode._formats import WriteOptions, read, write
from qcode._formats._refi._xml import schema
from tests.conftest import examples
from tests.refi import strategies
from tests.refi.canonical import project_xml

_settings = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("target", ["refi", "nvivo", "atlasti"])
@_settings
@given(project=strategies.projects())
def test_qdpx_round_trip_is_lossless(target: str, project: qcode.Project) -> None:
    """For each tool's offsets; the file says which it holds, so reading needs no option."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        report = write(project, path, WriteOptions(include_real_names=True, target=target))
        # Where a CRLF counts one, a position between its CR and LF cannot be written; that
        # is reported (tests/refi/test_offsets.py) and the rest must still round trip.
        assume(not any("between the CR and LF" in i.message for i in report))
        assert schema("project").validate(etree.fromstring(project_xml(path)))
        assert read(path).project == project


@_settings
@given(strategies.projects())
def test_qualcoder_files_keep_every_text_and_coded_span(project: qcode.Project) -> None:
    """QualCoder gets LF line breaks, stamps, and pictures without an image as text
    sources; every text and excerpt is what it was, with CRLF and CR read as LF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        report = write(project, path, WriteOptions(target="qualcoder"))
        assume(not any("between the CR and LF" in i.message for i in report))
        # QualCoder keeps a leading BOM as a character; qcode drops it, as other tools do.
        assume(not any((s.text or "").startswith("\ufeff") for s in project.sources))
        assert schema("project").validate(etree.fromstring(project_xml(path)))
        back = read(path).project

    def lf(text: str | None) -> str | None:
        return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")

    def spans(p: qcode.Project) -> list[tuple[str | None, str | None]]:
        found = []
        for source, excerpt in p.iter_excerpts():
            span = excerpt.anchor
            if isinstance(span, qcode.TextSpan) and source.text is not None:
                found.append((lf(source.text[span.start : span.end]), excerpt.quote))
        return found

    def as_written(source: qcode.Source) -> str | None:
        content = source.content
        if isinstance(content, qcode.PictureContent) and not (content.path or content.current_path):
            return lf(source.text or "")  # a picture without an image: a text source
        return lf(source.text)

    assert [as_written(s) for s in project.sources] == [s.text for s in back.sources]
    assert [(text, lf(quote)) for text, quote in spans(project)] == spans(back)


@_settings
@given(strategies.projects())
def test_qde_round_trip_is_lossless(project: qcode.Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qde"
        write(project, path, WriteOptions(include_real_names=True))
        assert read(path).project == project
        # Read as a whole tree (the schema check needs one) rather than while parsing.
        assert read(path, qcode.ReadOptions(check_schema=True)).project == project


@settings(max_examples=examples(25), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    unit=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4),
    times=st.integers(min_value=1, max_value=1_500_000),
)
def test_highly_repetitive_texts_read_back(unit: str, times: int) -> None:
    """The zip-bomb check never refuses what qcode wrote, however well a text compresses."""
    b = qcode.ProjectBuilder("Repetitive")
    b.text_source("Chant", unit * times)
    project = b.build()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        write(project, path)
        assert read(path).project == project
