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


def test_occurrence_picks_one() -> None:
    assert qcode.find_quote("no, no, no", "no", occurrence=2) == (4, 6)
    assert qcode.find_quote("aaa", "aa", occurrence=2) == (1, 3)  # occurrences may overlap


@pytest.mark.parametrize(
    ("text", "quote", "occurrence", "message"),
    [
        ("abc", "xyz", None, "quote 'xyz' does not occur in the text"),
        ("A Bridge", "a bridge", None, "quote 'a bridge' does not occur in the text "
         "(it does occur with different upper/lower case)"),
        ("a\n bridge", "a bridge", None, "quote 'a bridge' does not occur in the text "
         "(it does occur with different spacing or line breaks)"),
        ("no, no, no", "no", None, "quote 'no' occurs 3 times in the text (at characters 0, 4, "
         "8); quote more text or pass occurrence=1 to 3"),
        ("a" * 5, "a", None, "quote 'a' occurs 5 times in the text (at characters 0, 1, 2, 3, "
         "4); quote more text or pass occurrence=1 to 5"),
        ("a" * 6, "a", None, "quote 'a' occurs 6 times in the text (at characters 0, 1, 2, 3, "
         "4, ...); quote more text or pass occurrence=1 to 6"),
        ("aaa", "aa", None, "quote 'aa' occurs 2 times in the text (at characters 0, 1); "
         "quote more text or pass occurrence=1 to 2"),
        ("no, no", "no", 3, "quote 'no' occurs 2 time(s) in the text, so occurrence=3 does not "
         "exist"),
        ("no, no", "no", 0, "quote 'no' occurs 2 time(s) in the text, so occurrence=0 does not "
         "exist"),
        ("abc", "", None, "an empty quote cannot be placed in the text"),
        ("abc", "x" * 100, None, f"quote '{'x' * 59}…' does not occur in the text"),
    ],
)  # fmt: skip
def test_a_quote_that_cannot_be_placed_says_why(
    text: str, quote: str, occurrence: int | None, message: str
) -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote(text, quote, occurrence=occurrence)
    assert str(caught.value) == message


def test_messages_name_the_text() -> None:
    with pytest.raises(qcode.QuoteError) as caught:
        qcode.find_quote("abc", "xyz", where="source 'W1'")
    assert str(caught.value) == "quote 'xyz' does not occur in source 'W1'"


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
