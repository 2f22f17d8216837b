"""A project using every kind of object is valid and survives qcode JSON unchanged."""

from __future__ import annotations

from pathlib import Path

import qcode
from qcode.analysis import summarize
from tests.everything import everything


def test_everything_is_valid() -> None:
    assert qcode.validate(everything()) == ()


def test_everything_round_trips_through_a_json_file(tmp_path: Path) -> None:
    project = everything()
    target = tmp_path / "everything.json"
    qcode.dump(project, target)
    assert qcode.load(target) == project


def test_everything_counts() -> None:
    assert summarize(everything()) == {
        "name": "Everything",
        "participants": 1,
        "cases": 2,
        "users": 2,
        "sources": 5,
        "excerpts": 8,
        "codings": 4,
        "codes": 3,
        "themes": 2,
        "notes": 8,
        "sets": 1,
        "links": 1,
        "graphs": 1,
        "variables": 6,
        "sources_by_kind": {"collage": 1, "diary": 1, "document": 1, "meeting": 1, "workshop": 1},
        "sources_by_medium": {"audio": 1, "pdf": 1, "picture": 1, "text": 1, "video": 1},
    }


def test_medium_and_text_properties() -> None:
    project = everything()
    media = [(s.medium, s.text) for s in project.sources]
    assert media == [
        (qcode.Medium.TEXT, "We are a bridge 😀 between."),
        (qcode.Medium.PICTURE, "Title: Testbench"),
        (qcode.Medium.PDF, "Policy text"),
        (qcode.Medium.AUDIO, None),
        (qcode.Medium.VIDEO, None),
    ]
    assert [c.label for c in project.participants] == ["P1"]
