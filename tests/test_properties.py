"""Properties over generated projects: the JSON format is lossless and matches its schema."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

import qcode
from qcode._formats._json import schema_validator
from tests import strategies

_settings = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@_settings
@given(strategies.projects)
def test_json_round_trip_is_lossless(project: qcode.Project) -> None:
    assert qcode.loads(qcode.dumps(project)) == project


@_settings
@given(strategies.projects)
def test_every_dumped_project_satisfies_the_schema(project: qcode.Project) -> None:
    errors = list(schema_validator().iter_errors(json.loads(qcode.dumps(project))))
    assert errors == []


@_settings
@given(strategies.projects)
def test_dumping_is_stable(project: qcode.Project) -> None:
    text = qcode.dumps(project)
    assert qcode.dumps(qcode.loads(text)) == text


@_settings
@given(strategies.projects)
def test_validation_never_crashes_and_is_ordered_consistently(project: qcode.Project) -> None:
    issues = qcode.validate(project)
    assert issues == qcode.validate(project)
    assert all(issue.code and issue.path.startswith("$") for issue in issues)
