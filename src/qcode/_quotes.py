"""Placing a quotation in a text: researchers quote, they do not count characters."""

from __future__ import annotations

from qcode._issues import QuoteError, clip


def find_quote(
    text: str, quote: str, *, occurrence: int | None = None, where: str = "the text"
) -> tuple[int, int]:
    """The code-point span ``(start, end)`` at which ``quote`` occurs in ``text``.

    A quote that occurs more than once needs ``occurrence`` (1 for the first); ``where`` names
    the text in messages. Raises `QuoteError` when the quote is absent or ambiguous.
    """
    if not quote:
        raise QuoteError(f"an empty quote cannot be placed in {where}")
    starts = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        hint = ""
        if quote.casefold() in text.casefold():
            hint = " (it does occur with different upper/lower case)"
        elif " ".join(quote.split()) in " ".join(text.split()):
            hint = " (it does occur with different spacing or line breaks)"
        raise QuoteError(f"quote {clip(quote)} does not occur in {where}{hint}")
    if occurrence is None:
        if len(starts) > 1:
            places = ", ".join(str(s) for s in starts[:5]) + (", ..." if len(starts) > 5 else "")
            raise QuoteError(
                f"quote {clip(quote)} occurs {len(starts)} times in {where} "
                f"(at characters {places}); quote more text or pass occurrence=1 to "
                f"{len(starts)}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteError(
            f"quote {clip(quote)} occurs {len(starts)} time(s) in {where}, "
            f"so occurrence={occurrence} does not exist"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)
