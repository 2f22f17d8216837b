"""The documentation site builds with warnings as errors (what `make docs` runs), holds
every page of docs/, and documents every public name."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import qcode
from tests.conftest import ROOT


def test_the_site_builds_strictly_with_every_page_and_every_public_name(tmp_path: Path) -> None:
    site = tmp_path / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert (built.returncode, built.stderr) == (0, "")
    nav = re.findall(r"^  - [^:]+: (\S+\.md)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert sorted(nav) == sorted(page.name for page in (ROOT / "docs").glob("*.md"))
    api = (site / "api" / "index.html").read_text("utf-8")
    documented = set(re.findall(r'id="qcode\.([\w.]+)"', api))
    public = set(qcode.__all__)
    for name in qcode.__all__:  # a public module's own names too (qcode.agreement.alpha)
        module = getattr(qcode, name)
        if isinstance(module, ModuleType):
            public |= {f"{name}.{inner}" for inner in module.__all__}
    assert sorted(public - documented) == []
