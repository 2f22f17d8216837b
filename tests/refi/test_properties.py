"""qcode → REFI-QDA → qcode is lossless for everything REFI-QDA can carry."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import qcode
from qcode._formats import WriteOptions, read, write
from qcode._formats._refi._xml import schema
from tests.conftest import examples
from tests.refi import strategies
from tests.refi.canonical import project_xml

_settings = settings(
    max_examples=examples(120),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_settings
@given(strategies.projects())
def test_qdpx_round_trip_is_lossless(project: qcode.Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        write(project, path, WriteOptions(include_real_names=True))
        assert schema("project").validate(etree.fromstring(project_xml(path)))
        assert read(path).project == project


@_settings
@given(strategies.projects())
def test_qde_round_trip_is_lossless(project: qcode.Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qde"
        write(project, path, WriteOptions(include_real_names=True))
        assert read(path).project == project
        # Read as a whole tree (the schema check needs one) rather than while parsing.
        assert read(path, qcode.ReadOptions(check_schema=True)).project == project


@_settings
@given(strategies.projects())
def test_nvivo_offsets_round_trip(project: qcode.Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        write(project, path, WriteOptions(include_real_names=True, target="nvivo"))
        assert read(path, qcode.ReadOptions(dialect="utf16")).project == project


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
