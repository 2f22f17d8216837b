"""Shared fixtures: a small valid project, the path to ../shared (which CI must have) and
the property tests' budget."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

import qcode
from qcode._formats import _json, _jsonconv

ROOT = Path(__file__).resolve().parent.parent
# `make mutate` runs the tests in mutmut's copy of the project, ROOT/mutants/, whose
# sources hold every mutant; the project itself (its sources as written, and ../shared
# beside it) is PROJECT.
PROJECT = ROOT.parent if ROOT.name == "mutants" else ROOT
SHARED = PROJECT.parent / "shared"
NAMESPACE = uuid.UUID("0b6a8f6e-1c1e-4c43-9a57-3c1e2f9d8a01")
WHEN = dt.datetime(2023, 5, 4, 9, 30, tzinfo=dt.timezone.utc)

# mutmut (`make mutate`) sets MUTANT_UNDER_TEST in every process it runs the tests in, and
# runs them once per mutant: there, every property test tries the same few examples each
# run and keeps no example database, so a mutant's verdict is repeatable and the run takes
# hours less.
MUTATION = "MUTANT_UNDER_TEST" in os.environ
MUTATION_EXAMPLES = 10
settings.register_profile(
    "mutation",
    max_examples=MUTATION_EXAMPLES,
    derandomize=True,
    database=None,
    print_blob=False,
)
if MUTATION:
    settings.load_profile("mutation")


def examples(count: int) -> int:
    """A property test's max_examples: `count`, or at most MUTATION_EXAMPLES under mutmut."""
    return min(count, MUTATION_EXAMPLES) if MUTATION else count


@pytest.fixture(autouse=MUTATION)
def fresh_json_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under mutmut, a JSON converter built anew for each test, with empty id caches.

    qcode builds its converter once, when `_json` is imported, and the converter and
    `_jsonconv`'s id caches keep what they make. mutmut runs the whole suite once in the
    process it then forks for each mutant, so a mutant of the code that builds the converter
    or fills those caches would never run.
    """
    _jsonconv._uuid_of.cache_clear()
    _jsonconv._uuid_text.cache_clear()
    converter = _jsonconv.make_json_converter()
    monkeypatch.setattr(_json, "_converter", converter)
    monkeypatch.setattr(_json, "_fast", converter.copy(detailed_validation=False))


def shared_path(*parts: str) -> Path:
    """A file under ../shared; under CI a missing one fails the test instead of skipping it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must have ../shared beside the project")
        pytest.skip(f"{path} is not on this machine")
    return path


def small_project() -> qcode.Project:
    """A valid project with a coder, a participant, a code folder, two codes, a theme, a
    text source with two coded excerpts, a memo and a variable."""
    b = qcode.ProjectBuilder("Small study", id_namespace=NAMESPACE, coded_at=WHEN)
    b.user("Analyst", login="AN")
    role = b.variable("Role")
    folder = b.code("Findings", codable=False)
    bridge = b.code("Bridge", parent=folder, brief_definition="Being between systems.")
    toll = b.code("Toll", parent=folder, color="#AA3300")
    b.theme("Core tension", codes=[bridge, toll])
    person = b.participant("P1", values={role: "social worker"})
    source = b.text_source("Workshop 1", "We are a bridge. It takes its toll.", kind="workshop")
    b.quote(source, "a bridge", codes=[bridge], speaker=person)
    b.quote(source, "It takes its toll.", codes=[toll])
    b.note("Remember the rock.", name="Memo", about=[bridge])
    return b.build()


@pytest.fixture
def project() -> qcode.Project:
    return small_project()


@pytest.fixture
def project_file(project: qcode.Project, tmp_path: Path) -> Path:
    """`small_project` written as ``small.json``."""
    path = tmp_path / "small.json"
    qcode.dump(project, path)
    return path
