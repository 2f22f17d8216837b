"""The analysis tables of the example study, checked against the report they code, and the
same from its .json and its .qdpx."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import qcode
from qcode import analysis
from tests.conftest import ROOT, shared_path

EXAMPLE = ROOT / "examples" / "sustaining_social_work"
PROJECT = qcode.load(EXAMPLE / "sustaining_social_work.json")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report() -> list[str]:
    """The report's lines, whitespace flattened; ``report[n - 1]`` is line n."""
    path = shared_path("seed", "sustaining-social-work-report.txt")
    return [_flat(line) for line in path.read_text("utf-8").split("\n")]


def test_the_toll_segments_are_the_reports_quotations(report: list[str]) -> None:
    table = analysis.segments(PROJECT, ["The toll"])
    # where the report quotes each (line numbers of the report)
    lines = [
        next(n for n, line in enumerate(report, 1) if _flat(str(text)) in line)
        for text in table.column("text")
    ]
    assert lines == [248, 161, 186, 232, 242, 244]
    assert table.column("source") == (
        "Workshop quotations",
        "Workshop quotations",
        "Collage: How I feel about my work",
        "Collage: How I feel",
        "Collage: My work",
        "Collage: My work",
    )
    # "(Workshop participant)" after lines 161, 244 and 248; "Another made this collage" (228)
    assert table.column("cases") == (
        ("Workshop participant (not identified)",),
        ("Workshop participant (not identified)",),
        (),
        ("Another participant (not identified)",),
        (),
        ("Workshop participant (not identified)",),
    )


def test_the_toll_in_numbers() -> None:
    row = analysis.frequencies(PROJECT, ["The toll"]).records()[0]
    # six quotations in four sources; two attributed speakers
    assert (row["references"], row["sources"], row["cases"], row["without_position"]) == (
        6,
        4,
        2,
        0,
    )
    # the characters of the six quotations, none overlapping
    texts = analysis.segments(PROJECT, ["The toll"]).column("text")
    assert row["characters"] == sum(len(str(text)) for text in texts)


def test_what_co_occurs_with_the_toll(report: list[str]) -> None:
    chosen = ["The toll", "Coping", "Learning while educating others"]
    same = analysis.cooccurrence(PROJECT, chosen)
    # the My work collage ("Battered but continuing to grow" and its quotation) carries both
    assert [(r["code_a"], r["code_b"], r["count"]) for r in same] == [("The toll", "Coping", 2)]
    overlap = analysis.cooccurrence(
        PROJECT,
        [
            "The toll",
            "Learning while educating others",
            "Unsupported within their own organisation",
        ],
        mode="overlap",
    )
    # both lie inside the quotation of line 248, "At times, I think ..."; of the 6 + 1 and
    # 6 + 2 segments ("Broken Care Social Welfare System" is the second), 2 take part
    assert [(r["code_b"], r["count"], r["jaccard"]) for r in overlap] == [
        ("Learning while educating others", 1, round(2 / 7, 6)),
        ("Unsupported within their own organisation", 1, round(2 / 8, 6)),
    ]
    quotation = analysis.segments(PROJECT, ["The toll"]).column("text")[0]
    inside = analysis.segments(PROJECT, ["Learning while educating others"]).column("text")
    assert str(inside[0]) in str(quotation) and str(quotation) in report[247]


def test_themes_by_source_kind() -> None:
    table = analysis.matrix(PROJECT, themes=True, by="kind")
    assert table.columns[3:] == (
        "co-research group", "collage", "diary", "messaging group", "quotations", "workshop",
    )  # fmt: skip
    # counted by hand from the excerpts: e.g. the core tension's collages are the rocket, the
    # garden gate, the jars, the stretched mechanism and My work's two (toll and coping)
    assert [row[2:] for row in table.rows] == [
        ("The possibilities created by Contextual Safeguarding", 0, 2, 0, 0, 5, 0),
        ("System battles and contradictions", 0, 5, 2, 0, 5, 0),
        ("Core tension at the heart of Contextual Safeguarding direct practice", 0, 6, 0, 0, 5, 0),
    ]


TABLES: list[Callable[[qcode.Project], qcode.Table]] = [
    analysis.frequencies,
    lambda p: analysis.frequencies(p, by="case", include_children=True),
    lambda p: analysis.frequencies(p, by="variable:Role"),
    lambda p: analysis.segments(p, themes=True, context=40),
    lambda p: analysis.cooccurrence(p, mode="proximity", within=100, form="square"),
    lambda p: analysis.cooccurrence(p, mode="overlap", per_source=True),
    lambda p: analysis.matrix(p, by="source", cell="excerpts"),
    analysis.framework,
    analysis.cases,
]


@pytest.mark.parametrize("make", TABLES)
def test_the_same_table_from_the_qdpx_and_the_json(
    make: Callable[[qcode.Project], qcode.Table],
) -> None:
    from_qdpx = qcode.load(EXAMPLE / "sustaining_social_work.qdpx")
    assert make(from_qdpx) == make(PROJECT)
