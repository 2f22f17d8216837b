"""The fast paths of reading and writing agree with the plain ways they replace."""

from __future__ import annotations

import gc
import json
from uuid import UUID

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
