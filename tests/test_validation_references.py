"""Every reference and every id of a project with one of everything, broken one at a time:
each is reported at its own path, naming the kind of object it needs or collides with.

The kinds below are written out by hand from docs/model.md, not taken from qcode, so a walk
that skips a field or checks it against the wrong kind fails here.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from attrs import evolve

import qcode
from tests.everything import everything

DOCUMENT = json.loads(qcode.dumps(everything()))
MISSING = uuid.UUID(int=999)
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")

# The kind a reference needs, by its key, or by the key of the list it sits in and its key.
NEEDS = {
    "created_by": "user", "modified_by": "user", "coder": "user", "variable": "variable",
    "sources": "source", "excerpts": "excerpt", "excerpt": "excerpt", "codes": "code",
    "code": "code", "note_refs": "note", "notes": "note", "transcript": "transcript",
    "from_sync": "sync point", "to_sync": "sync point", "represents": "object",
    ("codes", "parent"): "code", ("themes", "parent"): "theme", ("links", "origin"): "object",
    ("links", "target"): "object", ("edges", "source"): "vertex", ("edges", "target"): "vertex",
}  # fmt: skip
# The kind of the objects a list holds.
HOLDS = {
    "users": "user", "variables": "variable", "cases": "case", "codes": "code",
    "themes": "theme", "sources": "source", "excerpts": "excerpt", "codings": "coding",
    "notes": "note", "links": "link", "sets": "set", "graphs": "graph", "vertices": "vertex",
    "edges": "edge", "transcripts": "transcript", "sync_points": "sync point",
}  # fmt: skip

Path = tuple[str | int, ...]


def _shown(path: Path) -> str:
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)


def _places(value: Any, path: Path = ()) -> Iterator[Path]:
    """The path of every id-valued field but an object's own id."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "id":
                yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))
    elif isinstance(value, str) and _ID.match(value):
        yield path


def _needed(path: Path) -> str:
    keys = [s for s in path if isinstance(s, str)]
    return (
        NEEDS.get((keys[-2], keys[-1]), NEEDS.get(keys[-1], "?"))
        if len(keys) > 1
        else (NEEDS[keys[-1]])
    )


def _changed(path: Path, value: object) -> qcode.Project:
    document = json.loads(json.dumps(DOCUMENT))
    place = document
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    return qcode.loads(json.dumps(document))


REFERENCES = list(_places(DOCUMENT))


def test_the_project_has_every_kind_of_reference() -> None:
    shapes = {re.sub(r"\[\d+\]", "[]", _shown(p)) for p in REFERENCES}
    assert len(shapes) == 48
    assert qcode.validate(everything()) == qcode.validate(qcode.loads(json.dumps(DOCUMENT)))


@pytest.mark.parametrize("path", REFERENCES, ids=_shown)
def test_a_dangling_reference_is_reported_where_it_is(path: Path) -> None:
    issues = qcode.validate(_changed(path, str(MISSING)))
    assert [(i.code, i.path, i.message) for i in issues if i.message.startswith("no ")] == [
        ("unresolved-reference", _shown(path), f"no {_needed(path)} has id {MISSING}")
    ]


def _objects(value: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every object with an id that sits in a list, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _objects(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict) and "id" in item:
                yield (*path, index), item
            yield from _objects(item, (*path, index))


def _lists(value: Any, path: Path = ()) -> Iterator[Path]:
    """The path of every list of objects with ids."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _lists(item, (*path, key))
    elif isinstance(value, list):
        if value and isinstance(value[0], dict) and "id" in value[0]:
            yield path
        for index, item in enumerate(value):
            yield from _lists(item, (*path, index))


LISTS = list(_lists(DOCUMENT))


def test_the_project_has_every_kind_of_object_in_a_list() -> None:
    assert {str(p[-1]) for p in LISTS} == set(HOLDS)


@pytest.mark.parametrize("path", LISTS, ids=_shown)
def test_a_copy_of_the_first_of_a_list_is_a_duplicate(path: Path) -> None:
    items: list[dict[str, Any]] = DOCUMENT
    for step in path:
        items = items[step]  # type: ignore[index]
    first = items[0]
    kind = HOLDS[str(path[-1])]
    name = first.get("name", first.get("label"))
    label = f"{kind} {name!r}" if name else f"{kind} {first['id']}"
    issues = qcode.validate(_changed(path, [*items, first]))
    copy = _shown((*path, len(items)))
    assert [(i.code, i.message) for i in issues if i.path == copy] == [
        ("duplicate-id", f"id {first['id']} is already used by {label} at {_shown((*path, 0))}")
    ]


def test_the_text_of_a_pdf_is_named_when_its_id_is_shared() -> None:
    picture = next(
        i for i, s in enumerate(DOCUMENT["sources"]) if "name" in s["content"].get("text_meta", {})
    )
    meta = DOCUMENT["sources"][picture]["content"]["text_meta"]
    last = len(DOCUMENT["sources"]) - 1
    issues = qcode.validate(_changed(("sources", last, "id"), meta["id"]))
    at = f"$.sources[{picture}].content.text_meta"
    assert [(i.code, i.message) for i in issues if i.path == f"$.sources[{last}]"] == [
        ("shared-id", f"id {meta['id']} is shared with text {meta['name']!r} at {at}")
    ]


_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d\Z")


def _stamps(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "values":  # a datetime variable's value may be naive on purpose
                yield from _stamps(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _stamps(item, (*path, index))
    elif isinstance(value, str) and _STAMP.match(value):
        yield path


STAMPS = list(_stamps(DOCUMENT))


def test_the_project_has_every_kind_of_timestamp() -> None:
    assert {str(p[-1]) for p in STAMPS} == {"created_at", "modified_at", "coded_at"}


@pytest.mark.parametrize("path", STAMPS, ids=_shown)
def test_a_timestamp_without_a_zone_is_reported_where_it_is(path: Path) -> None:
    issues = qcode.validate(_changed(path, "2023-01-02T03:04:00"))
    assert [(i.code, i.path, i.message) for i in issues] == [
        (
            "naive-timestamp",
            _shown(path),
            "timestamp 2023-01-02T03:04:00 has no time zone (add one, e.g. +00:00)",
        )
    ]


def _colors(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "color":
                yield (*path, key)
            else:
                yield from _colors(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _colors(item, (*path, index))


COLORS = list(_colors(DOCUMENT))


def test_the_project_has_every_kind_of_colour() -> None:
    assert {str(p[0]) for p in COLORS} == {"codes", "themes", "links", "graphs"}
    assert {str(p[-3]) for p in COLORS if p[0] == "graphs"} == {"vertices", "edges"}


@pytest.mark.parametrize("path", COLORS, ids=_shown)
def test_a_colour_that_is_not_one_is_reported_where_it_is(path: Path) -> None:
    issues = qcode.validate(_changed(path, "red"))
    assert [(i.code, i.path, i.message) for i in issues] == [
        ("invalid-color", _shown(path), "'red' is not a colour like '#1F77B4' or '#F00'")
    ]


def test_two_ids_each_used_twice_are_two_duplicates() -> None:
    project = everything()
    codes = (*project.codes, evolve(project.codes[1], name="Copy"))
    sources = (*project.sources, evolve(project.sources[0], excerpts=(), codings=(), name="Copy"))
    issues = qcode.validate(evolve(project, codes=codes, sources=sources))
    assert [(i.code, i.path) for i in issues if i.code in ("duplicate-id", "shared-id")] == [
        ("duplicate-id", f"$.codes[{len(codes) - 1}]"),
        ("duplicate-id", f"$.sources[{len(sources) - 1}]"),
    ]
