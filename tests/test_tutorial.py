"""What the tutorial's code builds, and the numbers its prose states (tests/test_docs_blocks.py
runs every block)."""

from __future__ import annotations

import re
from pathlib import Path

import qcode
from tests.conftest import ROOT
from tests.docs_blocks import blocks, run_page


def test_tutorial_code_builds_the_extended_project(tmp_path: Path) -> None:
    page = ROOT / "docs" / "tutorial.md"
    assert [lang for lang, _, _ in blocks(page)].count("python") == 5
    namespace = run_page(page, tmp_path)
    built = namespace["project"]
    assert isinstance(built, qcode.Project)
    extended = qcode.load(tmp_path / "ssw-extended.json")
    assert extended == built
    assert qcode.loads(qcode.dumps(built)) == built
    sharing = extended.code("Working with the police/Asked to share information")
    assert [e.quote for _, e in extended.excerpts_of(sharing)] == [
        next(e.quote for _, e in extended.iter_excerpts() if "weasel" in (e.quote or ""))
    ]
    assert sharing.id in extended.themes[1].codes


def test_the_tutorial_states_the_dataset_s_numbers() -> None:
    """The numbers the tutorial's text gives are the dataset's."""
    text = (ROOT / "docs" / "tutorial.md").read_text("utf-8")
    project = qcode.load(
        ROOT / "examples" / "sustaining_social_work" / "sustaining_social_work.json"
    )
    shown = re.search(r"print\(qcode.summarize\(project\)\[\"sources_by_kind\"\]\)\n# (.+)", text)
    assert shown is not None
    assert shown.group(1) == str(qcode.summarize(project)["sources_by_kind"])
    counts = qcode.coded_excerpts(project)
    prose = " ".join(text.split())
    stated = re.findall(r"\*([A-Z][^*]+)\* (\d+)", prose)
    assert [name for name, _ in stated] == ["The toll", "Working with the police"]
    for name, n in stated:
        assert counts[project.code(name).id] == int(n), name
    zero = [c for c in project.codes if c.codable and counts[c.id] == 0]
    assert "Eight codes show 0" in prose and len(zero) == 8
    folders = [c for c in project.codes if not c.codable]
    assert [c.name for c in folders] == ["The four system issues"]
    assert counts[folders[0].id] == 0 and "*The four system issues* shows 0 as well" in prose
