"""The tutorial's Python blocks run, in order, against the example dataset."""

from __future__ import annotations

import os
import re
from pathlib import Path

import qcode
from tests.conftest import ROOT


def test_tutorial_code_runs(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "tutorial.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) == 5
    here = Path.cwd()
    namespace: dict[str, object] = {}
    try:
        os.chdir(ROOT)
        for block in blocks[:-1]:
            exec(block, namespace)  # the tutorial's own code, run as a reader would
        os.chdir(tmp_path)  # the last block saves a file
        exec(blocks[-1], namespace)
    finally:
        os.chdir(here)
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
