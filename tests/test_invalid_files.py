"""Every file in tests/data/invalid is refused with exactly the issue lines beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcode._cli import main

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(INVALID.glob("*.json"))


def test_the_folder_is_populated() -> None:
    assert len(CASES) == 14


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_invalid_file_gives_the_expected_issues(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = path.with_suffix(".expected").read_text("utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out == expected
