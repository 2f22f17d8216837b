from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qcode
from tests.conftest import examples


def test_finds_the_span_in_code_points() -> None:
    text = "Emoji 😀 then a bridge"
    assert qcode.find_quote(text, "a bridge") == (13, 21)
    assert text[13:21] == "a bridge"


def test_absent_quote_is_named() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("abc", "xyz", where="source 'W1'")
    assert str(caught.value) == "quote 'xyz' does not occur in source 'W1'"


def test_absent_quote_hints_at_case() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("A Bridge", "a bridge")
    assert str(caught.value) == (
        "quote 'a bridge' does not occur in the text "
        "(it does occur with different upper/lower case)"
    )


def test_absent_quote_hints_at_spacing() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("a\n bridge", "a bridge")
    assert str(caught.value) == (
        "quote 'a bridge' does not occur in the text "
        "(it does occur with different spacing or line breaks)"
    )


def test_ambiguous_quote_lists_places() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("no, no, no", "no")
    assert str(caught.value) == (
        "quote 'no' occurs 3 times in the text (at characters 0, 4, 8); "
        "quote more text or pass occurrence=1 to 3"
    )


def test_many_places_are_shortened() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("a" * 7, "a")
    assert str(caught.value) == (
        "quote 'a' occurs 7 times in the text (at characters 0, 1, 2, 3, 4, ...); "
        "quote more text or pass occurrence=1 to 7"
    )


def test_overlapping_occurrences_count() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("aaa", "aa")
    assert str(caught.value) == (
        "quote 'aa' occurs 2 times in the text (at characters 0, 1); "
        "quote more text or pass occurrence=1 to 2"
    )
    assert qcode.find_quote("aaa", "aa", occurrence=2) == (1, 3)


@settings(max_examples=examples(100))
@given(st.text("ab😀", max_size=30), st.text("ab😀", min_size=1, max_size=3), st.integers(1, 6))
def test_occurrences_are_every_place_the_quote_matches(
    text: str, quote: str, occurrence: int
) -> None:
    """Against a brute-force search; a small alphabet makes overlapping matches common."""
    starts = [i for i in range(len(text)) if text[i : i + len(quote)] == quote]
    if occurrence <= len(starts):
        start = starts[occurrence - 1]
        assert qcode.find_quote(text, quote, occurrence=occurrence) == (start, start + len(quote))
    else:
        with pytest.raises(qcode.QuoteError):
            qcode.find_quote(text, quote, occurrence=occurrence)
    if len(starts) == 1:
        assert qcode.find_quote(text, quote) == (starts[0], starts[0] + len(quote))
    else:
        with pytest.raises(qcode.QuoteError):
            qcode.find_quote(text, quote)


def test_occurrence_picks_one() -> None:
    assert qcode.find_quote("no, no, no", "no", occurrence=2) == (4, 6)


def test_occurrence_out_of_range() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("no, no", "no", occurrence=3)
    assert (
        str(caught.value)
        == "quote 'no' occurs 2 time(s) in the text, so occurrence=3 does not exist"
    )


def test_empty_quote() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("abc", "")
    assert str(caught.value) == "an empty quote cannot be placed in the text"


def test_long_quotes_are_clipped_in_messages() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("abc", "x" * 100)
    assert str(caught.value) == f"quote '{'x' * 59}…' does not occur in the text"
