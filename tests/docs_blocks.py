"""Running a documentation page's code blocks the way a reader would.

Every ```python block of a page runs, in order, in one namespace; every ```console block
runs its ``$ qcode ...`` lines through the command and compares what each prints (stdout
and stderr, as a terminal shows them) with the lines shown under it. Both run in a fresh
folder in which ``examples/`` is the repository's examples folder. ```text and ```mermaid
blocks are shown, not run; every ```json block must be JSON, and one that opens with a
qcode ``"format"`` must load as that document. A block without a language, or in any other,
is refused, so that no example goes untested by mistake.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import qcode
from qcode._cli import main
from qcode._codebooks._formats._json import codebook_or_project
from qcode._formats._json import load_text
from tests.conftest import ROOT

DOCS = ROOT / "docs"
RUN = ("python", "console", "json")
SHOWN = ("text", "mermaid")
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.S | re.M)


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """Each fenced block of ``page``: its language, its text and the line it starts on."""
    text = page.read_text("utf-8")
    return [
        (found[1].strip(), found[2], text.count("\n", 0, found.start()) + 1)
        for found in _FENCE.finditer(text)
    ]


def console(block: str) -> Iterator[tuple[list[str], str]]:
    """Each ``$ qcode ...`` line of a console block as arguments, with the output shown."""
    commands = re.split(r"^\$ ", block, flags=re.M)
    assert commands[0] == "", f"a console block starts with '$ ': {block[:40]!r}"
    for command in commands[1:]:
        line, _, shown = command.partition("\n")
        argv = shlex.split(line)
        assert argv[0] == "qcode", f"only qcode commands run in console blocks: {line!r}"
        yield argv[1:], shown


def loads_codebook(text: str, where: str) -> qcode.Codebook:
    return load_text(text, where, lambda document: codebook_or_project(document, where))


def check_json(block: str, where: str) -> None:
    """A JSON block is JSON; a qcode document (a project or a codebook) loads as one."""
    try:
        document = json.loads(block)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"{where}: not JSON: {exc}") from exc
    kind = document.get("format") if isinstance(document, dict) else None
    if kind == "qcode-project":
        qcode.loads(block, file=where)
    elif kind == "qcode-codebook":
        loads_codebook(block, where)


def run_command(argv: list[str]) -> str:
    """What ``qcode ARGV`` prints, stdout and stderr interleaved as a terminal shows them."""
    printed = io.StringIO()
    with (
        contextlib.redirect_stdout(printed),
        contextlib.redirect_stderr(printed),
        contextlib.suppress(SystemExit),  # --help and --version exit from argparse
    ):
        main(argv)
    return printed.getvalue()


@contextlib.contextmanager
def reader_folder(tmp_path: Path) -> Iterator[Path]:
    """``tmp_path`` as the working directory, with ``examples/`` linked into it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(here)


def run_page(page: Path, tmp_path: Path) -> dict[str, object]:
    """Run every block of ``page`` in order in a reader's folder; returns the namespace."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    with reader_folder(tmp_path):
        for language, block, line in blocks(page):
            where = f"{page.name}:{line}"
            assert language in RUN + SHOWN, f"{where}: a block in {language or 'no language'!r}"
            if language == "python":
                exec(compile(block, where, "exec"), namespace)
            elif language == "console":
                for argv, shown in console(block):
                    assert run_command(argv) == shown, f"{where}: qcode {shlex.join(argv)}"
            elif language == "json":
                check_json(block, where)
    return namespace
