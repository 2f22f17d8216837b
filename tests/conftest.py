"""Shared fixtures: a small valid project and the path to ../shared (which CI must have)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

import qcode

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NAMESPACE = uuid.UUID("0b6a8f6e-1c1e-4c43-9a57-3c1e2f9d8a01")
WHEN = dt.datetime(2023, 5, 4, 9, 30, tzinfo=dt.timezone.utc)


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
