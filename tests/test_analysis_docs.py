"""docs/analysis.md runs as written: its Python blocks in order, in one namespace, in a
fresh folder beside the examples, each printing the text block that follows it; its
console blocks print what they show."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from qcode._cli import main
from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "analysis.md").read_text("utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", PAGE, re.S)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").split("\n")]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_python_blocks_print_what_the_page_shows(folder: Path) -> None:
    namespace: dict[str, object] = {}
    shown = 0
    for (kind, code), following in zip(BLOCKS, [*BLOCKS[1:], ("", "")], strict=True):
        if kind != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "docs/analysis.md", "exec"), namespace)
        if following[0] == "text":
            assert _lines(printed.getvalue()) == _lines(following[1])
            shown += 1
    assert shown == 8
    assert sorted(p.name for p in folder.iterdir()) == [
        "examples",
        "framework.xlsx",
        "the-toll.csv",
    ]


def test_the_console_blocks_print_what_the_page_shows(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consoles = [code for kind, code in BLOCKS if kind == "console"]
    assert len(consoles) == 2
    for block in consoles:
        command, *output = block.strip("\n").split("\n")
        argv = shlex.split(command.removeprefix("$ "))
        assert argv[0] == "qcode"
        assert main(argv[1:]) == 0
        captured = capsys.readouterr()
        assert _lines(captured.out + captured.err) == output
