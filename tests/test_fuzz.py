"""A short fuzz run in every test run: mutated real files end in a project or a one-line
`QcodeError` (``make fuzz`` runs the same check for minutes; see tests/fuzz.py)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzz
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def originals() -> list[tuple[Path, bytes]]:
    shared_path("refi", "samples")  # fails under CI when ../shared is missing
    return [(path, path.read_bytes()) for path in fuzz.seeds()]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(which=st.integers(min_value=0), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_files_end_in_a_project_or_one_line(
    originals: list[tuple[Path, bytes]], which: int, seed: int
) -> None:
    source, data = originals[which % len(originals)]
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / f"case{source.suffix}"
        path.write_bytes(fuzz.mutate(source, data, random.Random(seed)))
        fuzz.check(path, Path(work))
    assert fuzz.resident() < fuzz.MEMORY


def test_the_checker_catches_what_it_must(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.json"
    path.write_text("{}", "utf-8")
    assert fuzz.check(path, tmp_path) == "refused: ReadError"

    def escaping(*args: object, **kwargs: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(fuzz, "read", escaping)
    with pytest.raises(fuzz.FindingError, match=r"p\.json: KeyError escaped: 'x'$"):
        fuzz.check(path, tmp_path)

    def two_lines(*args: object, **kwargs: object) -> None:
        raise fuzz.qcode.ReadError("p.json", "one\ntwo")

    monkeypatch.setattr(fuzz, "read", two_lines)
    with pytest.raises(fuzz.FindingError, match="a message over several lines"):
        fuzz.check(path, tmp_path)
