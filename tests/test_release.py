"""The package as a release ships it: the sdist, a wheel built from that sdist, installed
in a fresh virtual environment and run from outside the checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import qcode
from tests.conftest import ROOT, small_project


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh environment with the wheel built from the sdist."""
    work = tmp_path_factory.mktemp("release")
    built = run(sys.executable, "-m", "build", "--outdir", work / "dist", ROOT, cwd=work)
    assert built.returncode == 0, built.stderr
    wheels = sorted((work / "dist").glob("*.whl"))
    assert [w.name for w in wheels] == ["qcode_qda-0.1.0-py3-none-any.whl"]
    with zipfile.ZipFile(wheels[0]) as wheel:
        shipped = sorted(n for n in wheel.namelist() if n.startswith("qcode/schemas/"))
    assert shipped == [
        "qcode/schemas/qcode-codebook.schema.json",
        "qcode/schemas/qcode-project.schema.json",
        "qcode/schemas/refi/Codebook.xsd",
        "qcode/schemas/refi/Project.xsd",
        "qcode/schemas/refi/README.md",
    ]
    with zipfile.ZipFile(wheels[0]) as wheel:
        templates = sorted(n for n in wheel.namelist() if "/templates/" in n)
    folder = ROOT / "src" / "qcode" / "_display" / "templates"
    assert templates == sorted(
        f"qcode/_display/templates/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file()
    )
    assert len(templates) == 11
    made = run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    assert made.returncode == 0, made.stderr
    bin_ = work / "venv" / "bin"
    done = run(bin_ / "python", "-m", "pip", "install", "--quiet", wheels[0], cwd=work)
    assert done.returncode == 0, done.stderr
    return bin_


def test_the_installed_wheel_runs_from_outside_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    where = run(installed / "python", "-c", "import qcode; print(qcode.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(installed.parent)), where

    version = run(installed / "qcode", "--version", cwd=tmp_path)
    assert (version.returncode, version.stdout) == (0, "qcode 0.1.0\n")

    refused = tmp_path / "refused.json"
    document = json.loads(qcode.dumps(small_project()))
    document["sources"][0]["kind"] = 7
    refused.write_text(json.dumps(document), "utf-8")
    checked = run(installed / "qcode", "validate", refused, cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout == "ERROR $.sources[0].kind: expected string, got 7\n"

    good = tmp_path / "good.json"
    qcode.dump(small_project(), good)
    converted = run(
        installed / "qcode", "convert", "--check-schema", good, tmp_path / "good.qdpx", cwd=tmp_path
    )
    assert (converted.returncode, converted.stderr) == (0, f"wrote {tmp_path / 'good.qdpx'}\n")

    # The report's templates are read from the installed package.
    page = tmp_path / "report.html"
    reported = run(installed / "qcode", "report", good, "-o", page, cwd=tmp_path)
    assert (reported.returncode, reported.stderr) == (0, f"wrote {page}\n")
    assert page.read_text("utf-8") == qcode.report(small_project())
