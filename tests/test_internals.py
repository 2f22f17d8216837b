"""The fast paths of reading and writing agree with the plain ways they replace."""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
from typing import Any
from uuid import UUID

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qcode
from qcode._formats._base import GUID, checked_uuid
from qcode._formats._json import indented
from qcode._formats._jsonconv import _uuid_text
from qcode._formats._refi._write import guid, guids
from tests.conftest import small_project


@given(st.uuids(), st.booleans())
def test_guid_parsing_equals_the_uuid_module(value: UUID, upper: bool) -> None:
    text = str(value).upper() if upper else str(value)
    assert GUID.match(text)
    parsed = checked_uuid(text)
    assert parsed == value
    assert (parsed.int, parsed.is_safe, hash(parsed), str(parsed)) == (
        value.int,
        UUID(text).is_safe,
        hash(value),
        str(value),
    )


@given(st.lists(st.uuids(), max_size=40))
def test_many_guids_are_written_as_one_at_a_time(values: list[UUID]) -> None:
    assert guids(values) == [guid(v) for v in values]


def test_guid_text() -> None:
    value = UUID("0123abcd-4567-89ef-0123-456789abcdef")
    assert guids([value, value]) == ["0123ABCD-4567-89EF-0123-456789ABCDEF"] * 2
    assert guids([]) == []


@given(st.uuids())
def test_json_id_text_equals_the_uuid_module(value: UUID) -> None:
    assert _uuid_text(value.int) == str(value)


def test_the_indenting_writer_on_every_kind_of_value() -> None:
    value = {
        "text": 'quote " backslash \\ tab \t newline \n bell \x07 é 😀 \u2028',
        "numbers": [0, -7, 2**70, 1.5, -0.0, 1e300, float("nan"), float("inf"), float("-inf")],
        "flags": [True, False, None],
        "empty": {"object": {}, "array": [], "tuple": ()},
        "nested": [{"a": [1, {"b": ()}]}, (2, 3)],
    }
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert indented("plain") == '"plain"'
    with pytest.raises(TypeError) as caught:
        indented({1: "x"})
    assert str(caught.value) == "keys must be str, not int"
    with pytest.raises(TypeError) as caught:
        indented({"when": b"bytes"})
    assert str(caught.value) == "Object of type bytes is not JSON serializable"


def test_bulk_work_leaves_the_garbage_collector_as_it_found_it() -> None:
    project = small_project()
    assert gc.isenabled()
    assert qcode.validate(project) == ()
    assert qcode.loads(qcode.dumps(project)) == project
    assert gc.isenabled()
    gc.disable()
    try:
        qcode.validate(project)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_bulk_work_keeps_goes_to_the_oldest_generation_unvisited() -> None:
    """A table's rows would otherwise be visited by the first collection after the pause."""
    from qcode._bulk import bulk

    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        with bulk():
            kept = [[n] for n in range(5_000)]  # far past the youngest generation's threshold
        after = [[n] for n in range(100)]
        assert passes == [1]  # the young generations, collected before the work only
        assert gc.get_count()[0] < 200
        oldest = {id(item) for item in gc.get_objects(generation=2)}
        assert id(kept) in oldest and id(kept[-1]) in oldest
        assert id(after[0]) not in oldest
    finally:
        gc.callbacks.remove(count)


def test_bulk_work_frees_the_caller_s_young_garbage_before_it_promotes() -> None:
    import weakref

    from qcode._bulk import bulk

    class Node:
        pass

    gc.collect()
    ring = Node()
    ring.next = ring  # type: ignore[attr-defined]
    alive = weakref.ref(ring)
    del ring  # cyclic garbage only a collection frees
    with bulk():
        kept = [[n] for n in range(1_000)]
    assert alive() is None
    assert id(kept) in {id(item) for item in gc.get_objects(generation=2)}


def test_bulk_work_leaves_what_a_caller_froze_frozen() -> None:
    from qcode._bulk import bulk

    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with bulk():
            kept = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() == frozen
        assert id(kept) not in {id(item) for item in gc.get_objects(generation=2)}
    finally:
        gc.unfreeze()


def test_a_list_hook_names_every_bad_item_at_any_depth_as_cattrs_does() -> None:
    """The converter's own hook for lists replaces cattrs's: it must leave errors that
    `cattrs.transform_error` places as it places cattrs's own (nested lists included, whose
    inner errors already carry a note of their place)."""
    import cattrs

    from qcode._formats._jsonconv import make_json_converter

    kind = tuple[tuple[int, ...], ...]
    with pytest.raises(cattrs.IterableValidationError) as caught:
        make_json_converter().structure([[1, 2], [3, "x", True], "z"], kind)
    assert caught.value.cl == kind
    assert cattrs.transform_error(caught.value, path="$", format_exception=lambda e, _: str(e)) == [
        "expected integer, got 'x' @ $[1][1]",
        "expected integer, got True @ $[1][2]",
        "expected array, got 'z' @ $[2]",
    ]


def _path_walked(code: qcode.Code, by_id: dict[UUID, qcode.Code]) -> str:
    """A code's path by walking up from it alone (the oracle): a cycle ends it."""
    names, seen = [code.name], {code.id}
    parent = by_id.get(code.parent) if code.parent else None
    while parent is not None and parent.id not in seen:
        names.append(parent.name)
        seen.add(parent.id)
        parent = by_id.get(parent.parent) if parent.parent else None
    return "/".join(reversed(names))


@given(st.lists(st.integers(min_value=-1, max_value=12), min_size=1, max_size=12))
def test_paths_of_any_parent_graph_are_those_walked_up_one_by_one(parents: list[int]) -> None:
    """Parents chosen at random (-1: none; past the end: an id no code has) make trees,
    chains, self-parents and cycles with trees below them."""
    from qcode._model._lookup import paths_of

    codes = [
        qcode.Code(id=UUID(int=n + 1), name=f"c{n}", parent=UUID(int=p + 1) if p >= 0 else None)
        for n, p in enumerate(parents)
    ]
    by_id = {code.id: code for code in codes}
    assert paths_of(codes, by_id) == {code.id: _path_walked(code, by_id) for code in codes}


class _Counting(dict[UUID, qcode.Code]):
    """Codes by id, counting look-ups."""

    calls = 0

    def get(self, key: UUID, default: Any = None) -> Any:
        self.calls += 1
        return super().get(key, default)


def test_paths_of_a_long_chain_and_a_long_cycle_cost_no_walk_per_code() -> None:
    from qcode._model._lookup import paths_of

    n = 3000
    chain = [qcode.Code(id=UUID(int=i + 1), name=f"c{i}", parent=UUID(int=i) if i else None)
             for i in range(n)]  # fmt: skip
    ring = [attrs.evolve(chain[0], parent=chain[-1].id), *chain[1:]]
    by_id = _Counting({code.id: code for code in chain})
    assert paths_of(chain, by_id)[chain[-1].id] == "/".join(f"c{i}" for i in range(n))
    assert by_id.calls <= 2 * n
    by_id = _Counting({code.id: code for code in ring})
    assert paths_of(ring, by_id)[ring[0].id] == "/".join(f"c{i}" for i in (*range(1, n), 0))
    assert by_id.calls <= 2 * n


def _loops_walked(codes: list[qcode.Code]) -> list[tuple[str, str]]:
    """Parent cycles found by walking up from each code alone (the oracle)."""
    parent_of: dict[UUID, UUID | None] = {}
    name_of: dict[UUID, str] = {}
    for code in codes:
        parent_of.setdefault(code.id, code.parent)
        name_of.setdefault(code.id, code.name)
    found, reported = [], set()
    for i, code in enumerate(codes):
        chain = [code.id]
        current = parent_of.get(code.id)
        while current is not None and current in parent_of and current not in chain:
            chain.append(current)
            current = parent_of[current]
        if current == code.id and code.id not in reported:
            reported.update(chain)
            names = " → ".join(repr(name_of[c]) for c in [*chain, code.id])
            found.append((f"$.codes[{i}].parent", f"code hierarchy loops: {names}"))
    return found


@given(st.lists(st.integers(min_value=-1, max_value=12), min_size=1, max_size=12))
def test_cycles_and_depths_of_any_parent_graph_are_those_walked_one_by_one(
    parents: list[int],
) -> None:
    from qcode._validation._rules import code_depths

    codes = [
        qcode.Code(
            id=UUID(int=n % 10 + 1), name=f"c{n}", parent=UUID(int=p + 1) if p >= 0 else None
        )
        for n, p in enumerate(parents)
    ]  # ids repeat past ten codes, as in a damaged file
    issues = qcode.validate(qcode.Project(name="p", codes=tuple(codes)))
    assert [(i.path, i.message) for i in issues if i.code == "code-cycle"] == _loops_walked(codes)
    parent_of = {code.id: code.parent for code in codes}
    walked = {}
    for code in codes:  # the oracle: up from each code alone; in or below a cycle: no depth
        chain, current = [code.id], parent_of[code.id]
        while current in parent_of and current not in chain:
            chain.append(current)
            current = parent_of[current]
        if current is None or current not in chain:
            walked[code.id] = len(chain)
    assert code_depths(codes) == walked


@pytest.mark.parametrize(
    "text", ["2024-01-01T10:00:00+01:99", "2024-01-01T10:00:00-05:30:60", "2024-01-01 10:00+0160"]
)
def test_a_timestamp_whose_zone_has_60_minutes_or_seconds_is_refused(text: str) -> None:
    """Python reads ``+01:99`` as ``+02:39``: a REFI-QDA file's moment would move."""
    from qcode._formats._base import parse_datetime

    with pytest.raises(ValueError) as refused:
        parse_datetime(text)
    assert str(refused.value) == (
        f'"{text}" is not a valid timestamp (its offset\'s minutes and seconds must be less '
        "than 60)"
    )
    assert parse_datetime("2024-01-01T10:00:00+05:45") == dt.datetime(
        2024, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))
    )


@given(
    st.lists(st.tuples(st.integers(0, 99), st.sampled_from("abc")), min_size=1, max_size=100),
    st.lists(st.integers(0, 99), max_size=60),
)
def test_element_paths_are_lxml_s_whatever_order_they_are_asked_in(
    shape: list[tuple[int, str]], asked: list[int]
) -> None:
    """Each new element goes under one made before it (by ``shape``), some in another
    namespace; the paths are asked for in document order and then in ``asked``'s."""
    from lxml import etree

    from qcode._formats._refi._xml import ElementPaths

    made = [etree.Element("{urn:QDA-XML:project:1.0}Project")]
    for under, tag in shape:
        name = f"{{urn:x:y}}{tag}" if tag == "c" else f"{{urn:QDA-XML:project:1.0}}{tag}"
        made.append(etree.SubElement(made[under % len(made)], name))
    tree = made[0].getroottree()

    def plain(element: etree._Element) -> str:
        inner = re.sub(r"\{[^{}]*:[^{}]*\}", "", tree.getelementpath(element))
        return "/Project" if inner == "." else f"/Project/{inner}"

    paths = ElementPaths()
    in_order = list(made[0].iter())
    for element in [*in_order, *(in_order[n % len(in_order)] for n in asked)]:
        assert paths(element) == plain(element)


def test_a_timestamp_past_9999_in_utc_is_written_with_its_offset() -> None:
    """The REFI writer stopped with an OverflowError (found by the round-trip property)."""
    from qcode._formats._refi._write._core import moment

    late = dt.datetime(9999, 12, 31, 22, 36, tzinfo=dt.timezone(dt.timedelta(minutes=-84)))
    assert moment(late) == "9999-12-31T22:36:00-01:24"
    assert moment(late.replace(tzinfo=dt.timezone.utc)) == "9999-12-31T22:36:00Z"
