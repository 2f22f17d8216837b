"""Properties over generated projects: the JSON format is lossless and matches its schema."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qcode
from qcode._formats._json import indented, schema_validator, to_document
from tests import strategies
from tests.conftest import examples

_settings = settings(
    max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow], deadline=None
)


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
def test_the_indenting_writer_writes_what_json_does(project: qcode.Project) -> None:
    document = to_document(project)
    assert indented(document) == json.dumps(document, indent=2, ensure_ascii=False)


@_settings
@given(strategies.projects)
def test_dumping_is_stable(project: qcode.Project) -> None:
    text = qcode.dumps(project)
    assert qcode.dumps(qcode.loads(text)) == text


_STEP = re.compile(r"\.([A-Za-z_]+)|\[(\d+)\]")


def _points_into(document: object, path: str) -> bool:
    """Whether a JSON path names a place in ``document``: every step but the last exists,
    and the last is an item of a list or a key of an object (present, or left out because
    it holds the default, as a missing label is)."""
    assert path.startswith("$")
    steps = [(key, index) for key, index in _STEP.findall(path[1:])]
    assert "".join(f".{k}" if k else f"[{i}]" for k, i in steps) == path[1:]
    place = document
    for n, (key, index) in enumerate(steps):
        last = n == len(steps) - 1
        if key:
            if not isinstance(place, dict) or (key not in place and not last):
                return False
            place = place.get(key)
        else:
            if not isinstance(place, list) or int(index) >= len(place):
                return False
            place = place[int(index)]
    return True


_DOCUMENTED = re.compile(r"^\| `([a-z-]+)` \| (error|warning) \|", re.MULTILINE)
SEVERITIES = dict(
    _DOCUMENTED.findall(
        (Path(__file__).parent.parent / "docs" / "validation.md").read_text("utf-8")
    )
)


@_settings
@given(strategies.projects)
def test_every_issue_names_a_place_in_the_project_and_a_documented_rule(
    project: qcode.Project,
) -> None:
    issues = qcode.validate(project)
    assert issues == qcode.validate(project)
    document = json.loads(qcode.dumps(project))
    assert [i.path for i in issues if not _points_into(document, i.path)] == []
    assert [i for i in issues if SEVERITIES.get(i.code) != i.severity.value] == []


@_settings
@given(strategies.projects)
def test_strict_loading_refuses_exactly_the_projects_with_errors(project: qcode.Project) -> None:
    errors = [i for i in qcode.validate(project) if i.is_error]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.json"
        qcode.dump(project, path)
        if errors:
            with pytest.raises(qcode.InvalidProjectError) as caught:
                qcode.load(path, strict=True)
            assert caught.value.issues == tuple(attrs.evolve(i, file=str(path)) for i in errors)
        else:
            assert qcode.load(path, strict=True) == project


def _leaves(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _leaves(item, (*path, index))
    return found


@_settings
@given(strategies.projects, st.data())
def test_the_fast_reader_accepts_exactly_what_the_schema_accepts(
    project: qcode.Project, data: st.DataObject
) -> None:
    """Loading skips the JSON Schema when the strict converter accepts a document; that is
    only sound if the two agree, on valid documents and on damaged ones."""
    from qcode._formats._json import _fast

    document = json.loads(qcode.dumps(project))
    paths = [p for p in _leaves(document)[1:] if p[0] not in ("format", "version")]
    path = data.draw(st.sampled_from(paths))
    damage = data.draw(st.sampled_from([None, True, 5, 1.5, "x", [], {}, "remove", "extra"]))
    *parents, last = path
    holder = document
    for step in parents:
        holder = holder[step]
    if damage == "remove" and isinstance(holder, dict):
        del holder[last]
    elif damage == "extra":
        holder_target = holder[last]
        if isinstance(holder_target, dict):
            holder_target["unexpected"] = 1
    else:
        holder[last] = damage
    schema_ok = not list(schema_validator().iter_errors(document))
    fields = {k: v for k, v in document.items() if k not in ("format", "version")}
    try:
        _fast.structure(fields, qcode.Project)
        fast_ok = True
    except Exception:
        fast_ok = False
    assert fast_ok == schema_ok
