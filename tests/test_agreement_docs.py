"""docs/agreement.md runs as written: each Python block, in order and in one namespace, in a
fresh folder beside the examples, prints the text block that follows it; each console
example prints what it shows."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from qcode._cli import main
from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "agreement.md").read_text("utf-8")
BLOCKS = re.findall(r"```(python|text|console)\n(.*?)```", PAGE, re.S)


def test_the_page_runs_and_prints_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    printed: str | None = None
    checked = 0
    for kind, body in BLOCKS:
        if kind == "python":
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(body, namespace)  # the page's own code, run as a reader would
            printed = buffer.getvalue()
        elif kind == "text":
            assert printed == body
            printed = None
            checked += 1
        else:
            command, *output = body.splitlines(keepends=True)
            assert command.startswith("$ qcode ")
            assert main(shlex.split(command[2:])[1:]) == 0
            assert capsys.readouterr().out == "".join(output)
            checked += 1
    assert checked == 9
    assert (tmp_path / "two-coders.json").exists()
