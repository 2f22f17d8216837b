"""Every code block of the documentation runs and prints what it shows (tests/docs_blocks.py
says how); the runner itself refuses what it should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs_blocks import DOCS, blocks, console, run_command, run_page

PAGES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_block_of_the_page_runs(page: Path, tmp_path: Path) -> None:
    run_page(page, tmp_path)
    assert (tmp_path / "examples").is_symlink()


def test_the_pages_hold_code_that_runs() -> None:
    run = [(page.name, lang) for page in PAGES for lang, _, _ in blocks(page)]
    assert ("tutorial.md", "python") in run and ("cli.md", "console") in run


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, "utf-8")
    return page


def test_python_blocks_share_one_namespace_in_a_folder_with_the_examples(
    tmp_path: Path,
) -> None:
    page = _page(
        tmp_path,
        "```python\nimport qcode\nn = 2\n```\n\nText.\n\n```text\nnot run (\n```\n"
        "```python\nproject = qcode.load('examples/sustaining_social_work/"
        "sustaining_social_work.json')\nn += len(project.themes)\n```\n",
    )
    namespace = run_page(page, tmp_path / "reader")
    assert namespace["n"] == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```\nplain\n```\n", "page.md:1: a block in 'no language'"),
        ("Intro.\n\n```sh\nls\n```\n", "page.md:3: a block in 'sh'"),
        ("```console\n$ ls\n```\n", "only qcode commands run in console blocks: 'ls'"),
        ("```console\nqcode info\n```\n", "a console block starts with '$ ': 'qcode info\\n'"),
    ],
)
def test_blocks_that_would_go_untested_are_refused(text: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="^" + re.escape(message)):
        run_page(_page(tmp_path, text), tmp_path / "reader")


def test_json_blocks_are_json_and_a_document_loads(tmp_path: Path) -> None:
    import qcode

    fine = '```json\n{"format": "qcode-project", "version": 1, "name": "Study"}\n```\n'
    run_page(_page(tmp_path, fine + '```json\n{"id": "any fragment"}\n```\n'), tmp_path / "a")
    with pytest.raises(AssertionError, match=r"^page\.md:1: not JSON: Expecting"):
        run_page(_page(tmp_path, "```json\n{id: 1}\n```\n"), tmp_path / "b")
    wrong = '```json\n{"format": "qcode-project", "version": 1, "nme": "Study"}\n```\n'
    with pytest.raises(qcode.InvalidProjectError, match=r"^page\.md:1: "):
        run_page(_page(tmp_path, wrong), tmp_path / "c")
    book = '```json\n{"format": "qcode-codebook", "format_version": 1, "id": "x"}\n```\n'
    with pytest.raises(qcode.InvalidProjectError, match=r"^page\.md:1: "):
        run_page(_page(tmp_path, book), tmp_path / "d")


def test_console_output_is_compared_exactly(tmp_path: Path) -> None:
    shown = "project: Sustaining social work\n"
    page = _page(
        tmp_path,
        f"```console\n$ qcode info examples/sustaining_social_work/codebook.qdc\n{shown}```\n",
    )
    with pytest.raises(AssertionError, match=r"^page.md:1: qcode info examples/"):
        run_page(page, tmp_path / "reader")


def test_a_console_block_is_split_into_commands_and_their_output() -> None:
    block = "$ qcode info 'a b.json'\nproject: x\n$ qcode --version\nqcode 0.1.0\n"
    assert list(console(block)) == [
        (["info", "a b.json"], "project: x\n"),
        (["--version"], "qcode 0.1.0\n"),
    ]


def test_commands_print_stdout_and_stderr_in_order(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    assert run_command(["info", str(missing)]) == f"qcode: {missing}: no such file\n"
