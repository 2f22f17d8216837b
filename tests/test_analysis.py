"""Every analysis table on the tiny project of tests/analysis_project.py, each value worked
out by hand from its texts and spans (the offsets are drawn under its TEXT)."""

from __future__ import annotations

import re
import time
import uuid

import attrs
import pytest

import qcode
from qcode import analysis
from qcode._table import Cell
from tests.analysis_project import ids, tiny, with_whole_source_coding
from tests.conftest import NAMESPACE, shared_path

PROJECT = tiny()
COUNTS = ("code_path", "references", "sources", "cases", "characters", "coverage")


def pick(table: qcode.Table, *columns: str) -> list[tuple[Cell, ...]]:
    at = [table.columns.index(c) for c in columns]
    return [tuple(row[i] for i in at) for row in table.rows]


def test_frequencies_count_each_code_once_per_excerpt_and_say_what_has_no_position() -> None:
    table = analysis.frequencies(PROJECT)
    assert table.columns == (
        "code_id", "code_path", "code", "references", "sources", "cases", "characters",
        "coverage", "milliseconds", "without_position",
    )  # fmt: skip
    assert table.column("code_id") == tuple(
        ids(
            PROJECT, "Findings", "Findings/Bridge", "Findings/Toll", "Other", "Other/Toll", "Coping"
        )
    )
    # texts: W1 44 characters, D1 11: 55; the picture and the recording have none
    assert pick(table, "code_path", "code", *COUNTS[1:], "milliseconds", "without_position") == [
        ("Findings", "Findings", 0, 0, 0, 0, 0.0, 0, 0),
        ("Findings/Bridge", "Bridge", 2, 2, 1, 8, round(8 / 55, 6), 0, 1),
        ("Findings/Toll", "Toll", 2, 2, 1, 18, round(18 / 55, 6), 1000, 0),
        ("Other", "Other", 0, 0, 0, 0, 0.0, 0, 0),
        ("Other/Toll", "Toll", 1, 1, 1, 4, round(4 / 55, 6), 0, 0),
        # 17-35 and 30-43 overlap: 26 characters, not 31
        ("Coping", "Coping", 3, 2, 1, 26, round(26 / 55, 6), 500, 0),
    ]
    assert table.notes[0].startswith("references: excerpts coded (an excerpt coded twice")


def test_frequencies_of_chosen_codes_with_their_children() -> None:
    table = analysis.frequencies(PROJECT, ["Findings", "Other"], include_children=True)
    assert pick(table, *COUNTS, "milliseconds", "without_position") == [
        ("Findings", 4, 3, 2, 26, round(26 / 55, 6), 1000, 1),
        ("Other", 1, 1, 1, 4, round(4 / 55, 6), 0, 0),
    ]
    assert table.notes[1] == "Each code counts itself and every code below it."


def test_frequencies_by_source() -> None:
    table = analysis.frequencies(PROJECT, ["Coping"], by="source")
    assert table.columns[:2] == ("source_id", "source")
    assert table.column("source_id") == tuple(str(s.id) for s in PROJECT.sources)
    assert pick(table, "source", *COUNTS[1:], "milliseconds") == [
        ("W1", 2, 1, 1, 26, round(26 / 44, 6), 0),
        ("D1", 0, 0, 0, 0, 0.0, 0),
        ("Pic", 0, 0, 0, 0, None, 0),
        ("Rec", 1, 1, 0, 0, None, 500),
    ]


def test_cooccurrence_takes_within_as_a_whole_number() -> None:
    for wrong in ("5", 2.5, True):
        with pytest.raises(TypeError) as raised:
            analysis.cooccurrence(PROJECT, mode="proximity", within=wrong)  # type: ignore[arg-type]
        assert str(raised.value) == (
            f"within is a whole number of characters or milliseconds, not {wrong!r}"
        )
    default = analysis.cooccurrence(PROJECT, mode="proximity")
    assert default == analysis.cooccurrence(PROJECT, mode="proximity", within=0)


def test_a_table_is_about_codes_or_themes_not_both_and_each_chosen_once() -> None:
    for table in (analysis.segments, analysis.matrix, analysis.framework):
        with pytest.raises(ValueError) as raised:
            table(PROJECT, ["Coping"], themes=True)
        assert str(raised.value) == (
            "give codes or themes, not both: a table is about one or the other"
        )
    twice = analysis.frequencies(PROJECT, ["Coping", "Coping", PROJECT.code("Coping").id])
    assert twice == analysis.frequencies(PROJECT, ["Coping"])
    with pytest.raises(TypeError) as raised_type:
        analysis.frequencies(PROJECT, 5)  # type: ignore[arg-type]
    assert str(raised_type.value) == (
        "give one by itself, its id, path or name, or a list of them; not 5"
    )


def test_a_matrix_without_a_breakdown_has_one_column_for_all() -> None:
    table = analysis.matrix(PROJECT, ["Coping"], by=None)
    assert table.columns == ("code_id", "code_path", "code", "(all)")
    assert pick(table, "code", "(all)") == [("Coping", 3)]
    assert table.notes[0] == "Rows: codes; columns: one, of every segment; cells: references."


def test_themes_none_is_themes_not_given_and_yes_or_no_options_take_booleans() -> None:
    """``themes=None`` chose every theme in matrix and segments (framework's default);
    ``per_source="no"`` was taken as yes, ``by=123`` an AttributeError."""
    assert analysis.matrix(PROJECT, themes=None) == analysis.matrix(PROJECT)
    assert analysis.segments(PROJECT, themes=None) == analysis.segments(PROJECT)
    for call, said in (
        (lambda: analysis.cooccurrence(PROJECT, per_source="no"), "per_source is True or False, "
         "not 'no'"),
        (lambda: analysis.frequencies(PROJECT, include_children=2), "include_children is True "
         "or False, not 2"),
        (lambda: analysis.frequencies(PROJECT, by=123), "by is a breakdown's name (source, kind, "
         "case, variable:NAME, coder), not 123"),
    ):  # fmt: skip
        with pytest.raises(TypeError) as refused:
            call()
        assert str(refused.value) == said


def test_the_group_of_no_case_or_value_is_listed_where_a_source_is_in_it() -> None:
    """Listed only where a coded excerpt lacked a case: a source without one, uncoded, left
    its group out, though its text counts there."""
    b = qcode.ProjectBuilder("Groups", id_namespace=NAMESPACE)
    role = b.variable("Role")
    kept = b.code("K")
    coded = b.text_source("S", "hello world")
    b.text_source("S2", "other text")
    b.quote(coded, "hello", codes=[kept])
    person = b.participant("P1", values={role: "Lead"})
    b.update(person, sources=[coded])
    project = b.build()
    by_case = analysis.frequencies(project, by="case")
    assert pick(by_case, "case", "references", "characters", "coverage") == [
        ("P1", 1, 5, 0.454545),
        (None, 0, 0, 0.0),
    ]
    assert analysis.matrix(project, by="case").columns[3:] == ("P1", "(none)")
    by_role = analysis.frequencies(project, by="variable:Role")
    assert pick(by_role, "Role", "references", "coverage") == [
        ("Lead", 1, 0.454545),
        (None, 0, 0.0),
    ]
    alone = analysis.frequencies(attrs.evolve(project, sources=project.sources[:1]), by="case")
    assert pick(alone, "case") == [("P1",)]  # no source without a case: no such group


def test_a_framework_of_sources_in_no_case_says_why_its_one_row_is_of_none() -> None:
    """Said only where something was coded: with nothing coded, the row of no case came
    without a word."""
    uncoded = attrs.evolve(
        PROJECT, cases=(), sources=tuple(attrs.evolve(s, excerpts=()) for s in PROJECT.sources)
    )
    chart = analysis.framework(uncoded)
    assert [row[:2] for row in chart.rows] == [(None, None)]
    assert chart.notes[1] == (
        "The project has no cases: one row holds every segment; rows='source' (--rows "
        "source) gives a row per source."
    )
    assert analysis.frequencies(PROJECT, include_children=1) == analysis.frequencies(
        PROJECT, include_children=True
    )  # 1 and 0 are yes and no, as NumPy's booleans are


def test_the_square_of_a_project_with_nothing_coded_holds_every_code() -> None:
    """It had no rows under its header of every code."""
    uncoded = attrs.evolve(PROJECT, sources=())
    square = analysis.cooccurrence(uncoded, form="square")
    assert [row[2:] for row in square.rows] == [
        (c.name, *(0 for _ in PROJECT.codes)) for c in PROJECT.codes
    ]
    jaccard = analysis.cooccurrence(uncoded, form="square", measure="jaccard")
    assert {cell for row in jaccard.rows for cell in row[3:]} == {None}
    assert analysis.cooccurrence(uncoded, per_source=True, form="square").rows == ()


def test_many_segments_over_one_span_are_counted_by_code_not_pair_by_pair() -> None:
    """Each segment met every open one: 5,000 segments of each of two codes over one span
    (25,000,000 pairs, a small hostile file) took minutes, in the table and the report."""
    made = iter(uuid.uuid5(NAMESPACE, f"heap/{n}") for n in range(30_000))
    one, two = (qcode.Code(id=next(made), name=name) for name in ("One", "Two"))
    excerpts = tuple(
        qcode.Excerpt(
            id=next(made),
            anchor=qcode.TextSpan(0, 100 if n % 4 else 50),
            codings=(qcode.Coding(id=next(made), code=(one, two)[n % 2].id),),
        )
        for n in range(10_000)
    )
    source = qcode.Source(
        id=next(made), name="S", content=qcode.TextContent(text="a" * 100), excerpts=excerpts
    )
    project = qcode.Project(name="Heap", codes=(one, two), sources=(source,))
    started = time.perf_counter()
    for mode in ("overlap", "proximity"):
        table = analysis.cooccurrence(project, mode=mode)
        assert pick(table, "code_a", "code_b", "count", "jaccard") == [
            ("One", "Two", 25_000_000, 1.0)
        ]
    assert time.perf_counter() - started < 10  # pair by pair it took minutes


def test_cooccurrence_of_one_code_says_pairs_need_two() -> None:
    table = analysis.cooccurrence(PROJECT, "Coping")
    assert table.rows == ()
    assert table.notes[-1] == (
        "Only one code was chosen, and pairs are counted among the chosen codes: choose two "
        "or more, or none for every code."
    )


def test_one_code_or_theme_may_be_given_alone() -> None:
    alone = analysis.frequencies(PROJECT, "Coping", by="source")
    assert alone == analysis.frequencies(PROJECT, ["Coping"], by="source")
    assert alone.column("code_path") == ("Coping",) * 4
    by_id = analysis.segments(PROJECT, PROJECT.code("Coping").id)
    assert by_id == analysis.segments(PROJECT, ["Coping"])
    theme = PROJECT.themes[0]
    assert analysis.matrix(PROJECT, themes=theme.name) == analysis.matrix(PROJECT, themes=[theme])


def test_frequencies_by_kind_in_alphabetical_order() -> None:
    table = analysis.frequencies(PROJECT, ["Findings/Bridge"], by="kind")
    assert pick(table, "kind", *COUNTS[1:], "without_position") == [
        ("collage", 1, 1, 0, 0, None, 1),
        ("diary", 0, 0, 0, 0, 0.0, 0),
        ("recording", 0, 0, 0, 0, None, 0),
        ("workshop", 1, 1, 1, 8, round(8 / 44, 6), 0),
    ]


def test_frequencies_by_case_keep_what_nobody_is_attributed_to() -> None:
    table = analysis.frequencies(PROJECT, ["Coping", "Other/Toll"], by="case")
    p1, p2 = (str(PROJECT.case(label).id) for label in ("P1", "P2"))
    # P1's text is W1 (44); P2's W1 and D1 (55); the excerpts of nobody lie in W1, Pic, Rec
    assert pick(table, "case_id", "case", *COUNTS) == [
        (p1, "P1", "Coping", 0, 0, 0, 0, 0.0),
        (p1, "P1", "Other/Toll", 0, 0, 0, 0, 0.0),
        (p2, "P2", "Coping", 1, 1, 1, 18, round(18 / 55, 6)),
        (p2, "P2", "Other/Toll", 1, 1, 1, 4, round(4 / 55, 6)),
        (None, None, "Coping", 2, 2, 0, 13, round(13 / 44, 6)),
        (None, None, "Other/Toll", 0, 0, 0, 0, 0.0),
    ]
    assert table.notes[1] == (
        "An excerpt with several cases or values counts in each; one with none counts in the "
        "row whose group is empty."
    )


def test_a_group_of_cases_counts_only_its_own_cases() -> None:
    """An excerpt P2 lists lies in a source P3 holds whole: it counts in both groups, and
    in each as one case, that group's; a value's group counts the cases holding it."""
    b = qcode.ProjectBuilder("Two cases", id_namespace=NAMESPACE)
    role = b.variable("Role")
    code = b.code("X")
    source = b.text_source("S", "one two three")
    quoted = b.quote(source, "two", codes=[code])
    p2 = b.participant("P2", values={role: "worker"})
    p3 = b.participant("P3", values={role: "manager"})
    b.participant("P4", values={role: "worker"})
    b.update(p2, excerpts=(quoted.id,))
    b.update(p3, sources=(source.id,))
    project = b.build()
    segments = analysis.segments(project)
    assert segments.rows[0][segments.columns.index("cases")] == ("P2", "P3")
    by_case = analysis.frequencies(project, by="case")
    assert [(row[1], row[5], row[6], row[7]) for row in by_case.rows] == [
        ("P2", 1, 1, 1),  # case, references, sources, cases
        ("P3", 1, 1, 1),
        ("P4", 0, 0, 0),
    ]
    matrix = analysis.matrix(project, by="case", cell="cases")
    assert matrix.rows[0][3:] == (1, 1, 0)
    by_role = analysis.matrix(project, by="variable:Role", cell="cases")
    assert (by_role.columns[3:], by_role.rows[0][3:]) == (("manager", "worker"), (1, 1))
    overall = analysis.frequencies(project)
    assert overall.rows[0][5] == 2  # both cases, without a breakdown


def test_frequencies_by_variable_value() -> None:
    table = analysis.frequencies(PROJECT, ["Findings/Toll"], by="variable:Role")
    assert pick(table, "Role", *COUNTS[1:]) == [
        ("manager", 1, 1, 1, 18, round(18 / 55, 6)),
        ("worker", 0, 0, 0, 0, 0.0),
        (None, 1, 1, 0, 0, 0.0),
    ]


def test_frequencies_by_coder_count_what_each_coder_applied() -> None:
    table = analysis.frequencies(PROJECT, ["Coping"], by="coder")
    ana, bo = (str(PROJECT.user(name).id) for name in ("Ana", "Bo"))
    # Bo coded 17-35 in W1; Ana 30-43 and the recording; each coder's text is where they coded
    assert pick(table, "coder_id", "coder", *COUNTS[1:], "milliseconds") == [
        (ana, "Ana", 2, 2, 0, 13, round(13 / 55, 6), 500),
        (bo, "Bo", 1, 1, 1, 18, round(18 / 44, 6), 0),
    ]


def test_an_unknown_breakdown_or_variable_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^cannot break a table down by 'room'; choose one of "
                       r"source, kind, case, variable:NAME, coder$"):  # fmt: skip
        analysis.frequencies(PROJECT, by="room")
    with pytest.raises(qcode.NotFoundError, match=r"^no variable is called 'Age' \(variables: "
                       r"'Role'\)$"):  # fmt: skip
        analysis.frequencies(PROJECT, by="variable:Age")


def test_a_name_two_codes_share_is_refused_and_their_paths_listed() -> None:
    with pytest.raises(qcode.AmbiguousNameError, match="2 codes are called 'Toll'"):
        analysis.frequencies(PROJECT, ["Toll"])


REGION_NOTE = (
    "1 region(s) of pictures or PDF pages lie on no text or recording: they count as "
    "references, with no characters or milliseconds."
)


def test_codings_of_whole_sources_are_said_to_be_left_out() -> None:
    whole = with_whole_source_coding(PROJECT)
    table = analysis.frequencies(whole)
    assert table.notes[-2:] == (
        "1 coding(s) of whole sources are not counted: only excerpts are.",
        REGION_NOTE,
    )
    # they are Bridge's (as is the region): a table of other codes says nothing of them
    assert whole.path(whole.sources[0].codings[0].code) == "Findings/Bridge"
    assert analysis.frequencies(whole, ["Findings/Bridge"]).notes == table.notes
    assert analysis.frequencies(whole, ["Coping", "Findings/Toll"]).notes == table.notes[:1]


def test_segments_come_in_document_order_whatever_order_a_file_holds() -> None:
    b = qcode.ProjectBuilder("Order", id_namespace=NAMESPACE)
    code = b.code("X")
    source = b.text_source("S", "alpha beta gamma delta")
    for word in ("delta", "alpha", "beta"):  # coded in this order, and so held
        b.quote(source, word, codes=[code])
    recording = b.source("R", qcode.AudioContent())
    spans = (qcode.TimeSpan(1000, 2500), qcode.TimeSpan(500, 1200))
    excerpts = [
        qcode.Excerpt(
            id=uuid.uuid5(NAMESPACE, f"span {n}"),
            anchor=span,
            codings=(qcode.Coding(id=uuid.uuid5(NAMESPACE, f"coding {n}"), code=code.id),),
        )
        for n, span in enumerate(spans)
    ]
    b.update(recording, excerpts=tuple(excerpts))
    project = b.build()
    table = analysis.segments(project)
    at = table.columns.index("start")
    assert [(row[at], row[at + 1], row[at + 2]) for row in table.rows] == [
        (0, 5, "alpha"),
        (6, 10, "beta"),
        (17, 22, "delta"),
        (500, 1200, None),
        (1000, 2500, None),
    ]
    texts = analysis.framework(project, codes=["X"]).rows[0]
    assert texts[-2:] == (("alpha", "beta", "delta", "(no text)", "(no text)"), 5)


def test_segments_of_a_code_with_context_and_a_time_span_without_it() -> None:
    table = analysis.segments(PROJECT, ["Findings/Toll"], context=3)
    assert table.columns[:3] == ("code_id", "code_path", "code")
    first, second = PROJECT.sources[0].excerpts[1], PROJECT.sources[3].excerpts[0]
    assert pick(table, "excerpt_id", "source", "kind", "medium", "cases", "coders", "anchor",
                "unit", "start", "end", "text", "before", "after") == [
        (str(first.id), "W1", "workshop", "text", ("P2",), ("Ana",), "TextSpan", "characters",
         17, 35, "It takes its toll.", "e. ", " We"),
        (str(second.id), "Rec", "recording", "audio", (), ("Ana",), "TimeSpan", "milliseconds",
         0, 1000, "first", None, None),
    ]  # fmt: skip
    assert table.notes == (
        "before and after: up to 3 characters either side of a text span; empty for other anchors.",
    )  # the collage's region was noted too, though no row is of it: notes are of the codes
    assert analysis.segments(PROJECT).notes[-1] == REGION_NOTE


def test_segments_of_themes_list_each_coder_and_regions_without_a_position() -> None:
    table = analysis.segments(PROJECT, themes=["Tension", "Care"])
    assert table.columns[:3] == ("theme_id", "theme_path", "theme")
    assert pick(table, "theme", "source", "coders", "anchor", "unit", "start", "text") == [
        ("Tension", "W1", ("Ana",), "TextSpan", "characters", 7, "a bridge"),
        ("Tension", "W1", ("Ana",), "TextSpan", "characters", 17, "It takes its toll."),
        ("Tension", "Pic", ("Ana",), "PictureRegion", None, None, "a roof"),
        ("Tension", "Rec", ("Ana",), "TimeSpan", "milliseconds", 0, "first"),
        ("Care", "W1", ("Bo",), "TextSpan", "characters", 17, "It takes its toll."),
        ("Care", "W1", ("Ana",), "TextSpan", "characters", 30, "toll. We cope"),
        ("Care", "Rec", ("Ana",), "TimeSpan", "milliseconds", 1500, "second"),
    ]


def test_segments_of_a_theme_with_the_themes_below_it() -> None:
    table = analysis.segments(PROJECT, themes=["Care"], include_children=True)
    assert pick(table, "theme_path", "text") == [
        ("Care", "It takes its toll."),
        ("Care", "toll. We cope"),
        ("Care", "Toll"),
        ("Care", "second"),
    ]
    with pytest.raises(ValueError, match=r"^context must be 0 or more characters, not -1$"):
        analysis.segments(PROJECT, context=-1)
    for given in (1.5, True):
        with pytest.raises(TypeError) as refused:
            analysis.segments(PROJECT, context=given)  # type: ignore[arg-type]
        assert str(refused.value) == f"context is a whole number of characters, not {given!r}"


PAIR = ("code_path_a", "code_path_b", "count", "references_a", "references_b", "jaccard")


def test_cooccurrence_in_the_same_excerpt_is_the_c_coefficient() -> None:
    table = analysis.cooccurrence(PROJECT)
    assert table.columns[:6] == (
        "code_id_a", "code_path_a", "code_a", "code_id_b", "code_path_b", "code_b",
    )  # fmt: skip
    # only 17-35 carries two codes: 1 / (2 + 3 - 1)
    assert pick(table, *PAIR) == [("Findings/Toll", "Coping", 1, 2, 3, 0.25)]


def test_cooccurrence_by_overlap_counts_pairs_of_segments() -> None:
    table = analysis.cooccurrence(PROJECT, mode="overlap")
    # 17-35 with itself and with 30-43: two pairs; 17-35 and 30-43 take part, of the four
    # segments of Toll or Coping (17-35 is both)
    assert pick(table, *PAIR) == [("Findings/Toll", "Coping", 2, 2, 3, 0.5)]


def test_cooccurrence_by_proximity_in_characters_and_milliseconds() -> None:
    near = analysis.cooccurrence(PROJECT, mode="proximity", within=2)
    # 7-15 and 17-35 are 2 characters apart
    assert pick(near, *PAIR) == [
        ("Findings/Bridge", "Findings/Toll", 1, 2, 2, 0.5),
        ("Findings/Bridge", "Coping", 1, 2, 3, 0.4),
        ("Findings/Toll", "Coping", 2, 2, 3, 0.5),
    ]
    far = analysis.cooccurrence(PROJECT, ["Findings/Toll", "Coping"], mode="proximity", within=500)
    # and 0-1000 and 1500-2000 ms are 500 ms apart
    assert pick(far, *PAIR) == [("Findings/Toll", "Coping", 3, 2, 3, 1.0)]
    assert far.notes[0] == (
        "Codes co-occur when their excerpts are the same or at most 500 characters "
        "(milliseconds for recordings) apart; picture and PDF regions and untimed "
        "transcript spans only with themselves."
    )


def test_cooccurrence_per_source() -> None:
    table = analysis.cooccurrence(PROJECT, mode="overlap", per_source=True)
    assert pick(table, "source", *PAIR) == [("W1", "Findings/Toll", "Coping", 2, 1, 2, 1.0)]
    assert table.column("source_id") == (str(PROJECT.sources[0].id),)


def test_cooccurrence_square_counts_and_jaccard() -> None:
    chosen = ["Findings/Bridge", "Findings/Toll", "Coping"]
    counts = analysis.cooccurrence(PROJECT, chosen, mode="proximity", within=2, form="square")
    assert counts.columns == (
        "code_id", "code_path", "code", "Findings/Bridge", "Findings/Toll", "Coping",
    )  # fmt: skip
    assert pick(counts, "code_path", *chosen) == [
        ("Findings/Bridge", 2, 1, 1),
        ("Findings/Toll", 1, 2, 2),
        ("Coping", 1, 2, 3),
    ]
    jaccard = analysis.cooccurrence(PROJECT, chosen, form="square", measure="jaccard")
    assert pick(jaccard, "code_path", *chosen) == [
        ("Findings/Bridge", 1.0, 0.0, 0.0),
        ("Findings/Toll", 0.0, 1.0, 0.25),
        ("Coping", 0.0, 0.25, 1.0),
    ]
    assert jaccard.notes[0] == (
        "Cells: Jaccard index, empty where neither code is in use; the diagonal: 1.0 for a "
        "code in use."
    )
    b = qcode.ProjectBuilder.from_project(PROJECT)
    unused = [b.code("Unused 1"), b.code("Unused 2")]
    pair = analysis.cooccurrence(b.build(), ["Coping", *unused], form="square", measure="jaccard")
    assert pick(pair, "code_path", "Coping", "Unused 1", "Unused 2") == [
        ("Coping", 1.0, 0.0, 0.0),
        ("Unused 1", 0.0, None, None),  # 0 / 0, as on the diagonal
        ("Unused 2", 0.0, None, None),
    ]


def test_square_headers_of_codes_sharing_a_path_carry_their_ids() -> None:
    b = qcode.ProjectBuilder.from_project(PROJECT)  # as a file may hold them: the builder
    twin = b.add(qcode.Code(id=uuid.UUID(int=77), name="Coping"))  # makes no such twin
    project = b.build()
    assert twin.id != project.codes[-2].id
    table = analysis.cooccurrence(project, [project.codes[-2].id, twin.id], form="square")
    assert table.columns[3:] == (
        f"Coping ({project.codes[-2].id})",
        f"Coping ({twin.id})",
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"mode": "near"}, "mode must be one of same-excerpt, overlap, proximity, not 'near'"),
        ({"form": "wide"}, "form must be one of long, square, not 'wide'"),
        ({"measure": "dice"}, "measure must be one of count, jaccard, not 'dice'"),
        ({"mode": "proximity", "within": -1}, "within must be 0 or more, not -1"),
        ({"within": 5}, "within applies to mode 'proximity' only, not 'same-excerpt'"),
        ({"within": 0}, "within applies to mode 'proximity' only, not 'same-excerpt'"),
        (
            {"mode": "overlap", "within": 5},
            "within applies to mode 'proximity' only, not 'overlap'",
        ),
        (
            {"measure": "jaccard"},
            "measure 'jaccard' applies to the square form only (the long form gives both the "
            "count and the Jaccard index)",
        ),
    ],
)
def test_cooccurrence_refuses_unknown_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        analysis.cooccurrence(PROJECT, **options)  # type: ignore[arg-type]


def test_matrix_of_themes_by_kind() -> None:
    table = analysis.matrix(PROJECT, themes=True)
    assert table.columns == (
        "theme_id", "theme_path", "theme", "collage", "diary", "recording", "workshop",
    )  # fmt: skip
    assert pick(table, "theme_path", "collage", "diary", "recording", "workshop") == [
        ("Tension", 1, 0, 1, 2),
        ("Care", 0, 0, 1, 2),
        ("Care/Sub", 0, 1, 0, 0),
    ]
    assert table.notes == (
        "Rows: themes; columns: each kind (by value); cells: references.",
        REGION_NOTE,
    )


def test_matrix_cells_count_sources_cases_or_list_excerpts() -> None:
    codes = ["Coping"]
    by_source = analysis.matrix(PROJECT, codes, by="source", cell="sources")
    assert by_source.columns[3:] == ("W1", "D1", "Pic", "Rec")
    assert by_source.rows[0][3:] == (1, 0, 0, 1)
    by_case = analysis.matrix(PROJECT, codes, by="case", cell="cases")
    assert by_case.columns[3:] == ("P1", "P2", "(none)")
    assert by_case.rows[0][3:] == (0, 1, 0)
    listed = analysis.matrix(PROJECT, codes, by="variable:Role", cell="excerpts")
    workshop, recording = PROJECT.sources[0].excerpts, PROJECT.sources[3].excerpts
    assert listed.columns[3:] == ("manager", "worker", "(none)")
    assert listed.rows[0][3:] == (
        (str(workshop[1].id),),
        (),
        (str(workshop[2].id), str(recording[1].id)),
    )
    by_coder = analysis.matrix(PROJECT, ["Findings"], by="coder", include_children=True)
    assert by_coder.rows[0][3:] == (4, 0)
    with pytest.raises(
        ValueError, match=r"^cell must be one of references, sources, cases, excerpts, not .words.$"
    ):
        analysis.matrix(PROJECT, cell="words")


def test_framework_of_cases_by_themes_holds_the_texts() -> None:
    table = analysis.framework(PROJECT)
    assert table.columns == (
        "case_id", "case", "Tension", "Tension n", "Care", "Care n", "Care/Sub", "Care/Sub n",
    )  # fmt: skip
    assert [row[1:] for row in table.rows] == [
        ("P1", ("a bridge",), 1, (), 0, (), 0),
        ("P2", ("It takes its toll.",), 1, ("It takes its toll.",), 1, ("Toll",), 1),
        (None, ("a roof", "first"), 2, ("toll. We cope", "second"), 2, (), 0),
    ]


def test_framework_of_sources_by_codes() -> None:
    table = analysis.framework(PROJECT, ["Findings/Toll", "Other/Toll"], rows="source")
    assert table.columns[2:] == ("Findings/Toll", "Findings/Toll n", "Other/Toll", "Other/Toll n")
    assert [row[1:] for row in table.rows] == [
        ("W1", ("It takes its toll.",), 1, (), 0),
        ("D1", (), 0, ("Toll",), 1),
        ("Pic", (), 0, (), 0),
        ("Rec", ("first",), 1, (), 0),
    ]
    with pytest.raises(ValueError, match=r"^rows must be case or source, not 'code'$"):
        analysis.framework(PROJECT, rows="code")


def test_cases_one_row_each_with_variables_and_contributions() -> None:
    table = analysis.cases(PROJECT)
    assert table.columns == (
        "case_id", "case", "kind", "Role", "excerpts", "references", "sources", "codes",
    )  # fmt: skip
    # P2: 17-35 (Toll and Coping) as speaker, D1's "Toll" as the owner of the whole diary
    assert [row[1:] for row in table.rows] == [
        ("P1", "participant", "worker", 1, 1, 1, 1),
        ("P2", "participant", "manager", 2, 3, 2, 3),
    ]


def test_cases_on_a_project_without_cases_says_so() -> None:
    table = analysis.cases(attrs.evolve(PROJECT, cases=()))
    assert table.rows == ()
    assert table.notes[1] == (
        "The project has no cases, so the table has no rows; frequencies by='source' "
        "(--by source) gives a row per code and source."
    )
    assert not any("no cases" in note for note in analysis.cases(PROJECT).notes)


def test_cases_tells_variables_sharing_a_name_apart_by_type_then_id() -> None:
    b = qcode.ProjectBuilder("Merged copies")

    def variable(name: str, kind: qcode.VariableType) -> qcode.Variable:
        """One as a file holds it: the builder refuses a second of one name."""
        return b.add(qcode.Variable(id=uuid.uuid4(), name=name, type=kind))

    age_i = variable("Age", qcode.VariableType.INTEGER)
    age_t = variable("Age", qcode.VariableType.TEXT)
    kind = variable("kind", qcode.VariableType.TEXT)
    mood = [variable("Mood", qcode.VariableType.TEXT) for _ in range(2)]
    b.participant("P1", values={age_i: 40, age_t: "forty", kind: "peer", mood[1]: "calm"})
    b.participant("P2", values={mood[0]: "tired"})
    project = b.build()
    table = analysis.cases(project)
    ids = [str(v.id) for v in project.variables[3:]]
    assert table.columns[3:-4] == (
        "Age (integer)", "Age (text)", "kind (text)", f"Mood ({ids[0]})", f"Mood ({ids[1]})",
    )  # fmt: skip
    assert [row[1:-4] for row in table.rows] == [
        ("P1", "participant", 40, "forty", "peer", None, "calm"),
        ("P2", "participant", None, None, None, "tired", None),
    ]
    assert len(table.records()[0]) == len(table.columns)
    variable("Age (integer)", qcode.VariableType.TEXT)  # a name another header would take
    variable("excerpts (integer)", qcode.VariableType.TEXT)
    variable("excerpts", qcode.VariableType.INTEGER)
    b.participant("P3", values=dict(zip(b.build().variables[5:], ("x", "y", 99), strict=True)))
    project = b.build()
    headers = analysis.cases(project).columns[3:-4]
    ids = [str(v.id) for v in project.variables]
    assert headers == (
        f"Age ({ids[0]})", "Age (text)", "kind (text)", f"Mood ({ids[3]})", f"Mood ({ids[4]})",
        "Age (integer)", "excerpts (integer)", f"excerpts ({ids[7]})",
    )  # fmt: skip
    assert analysis.cases(project).records()[2]["Age (integer)"] == "x"


def test_excerpt_rows_tell_codes_sharing_a_name_apart() -> None:
    rows = qcode.excerpt_rows(PROJECT)
    assert [(r["codes"], r["code_ids"]) for r in rows[1:4]] == [
        (["Findings/Toll", "Coping"], ids(PROJECT, "Findings/Toll", "Coping")),
        (["Coping"], ids(PROJECT, "Coping")),
        (["Other/Toll"], ids(PROJECT, "Other/Toll")),
    ]


def test_excerpt_rows_attribute_excerpts_as_the_tables_do() -> None:
    # P1 and P2 list excerpts of W1 (theirs alone); P2 lists D1 and none of its excerpts
    rows = qcode.excerpt_rows(PROJECT)
    assert [(r["source"], r["start"], r["participants"]) for r in rows[:4]] == [
        ("W1", 7, ["P1"]),
        ("W1", 17, ["P2"]),
        ("W1", 30, []),
        ("D1", 0, ["P2"]),
    ]
    table = analysis.segments(PROJECT)
    assert {(r["source"], r["start"], r["cases"]) for r in table} >= {
        ("W1", 7, ("P1",)),
        ("W1", 17, ("P2",)),
        ("W1", 30, ()),
        ("D1", 0, ("P2",)),
    }


def test_codes_an_nvivo_project_names_twice_are_rows_of_their_own() -> None:
    project = qcode.read(shared_path("refi", "samples", "nvivo", "nvivo_project.qdpx")).project
    table = analysis.frequencies(project)
    rows = [(r["code_path"], r["code"]) for r in table if r["code"] == "programming"]
    assert rows == [
        ("rq1_definition/competencies/programming", "programming"),
        ("rq1_definition/framings/cs_as_programming/programming", "programming"),
    ]
    assert len(set(table.column("code_id"))) == len(project.codes) == 262


def _transcribed() -> qcode.Project:
    """A recording with a transcript: sync points at 1,000 and 3,000 ms and one untimed; a
    time span 0-1,500 and four transcript spans: one timed (1,000-3,000), one ending at the
    untimed point, one with an open start and one running backwards."""
    made = iter(uuid.uuid5(NAMESPACE, f"transcribed {n}") for n in range(100))
    a, b = qcode.Code(id=next(made), name="A"), qcode.Code(id=next(made), name="B")
    one, three, untimed = (
        qcode.SyncPoint(id=next(made), time=time, position=position)
        for time, position in ((1000, 0), (3000, 5), (None, 11))
    )
    transcript = qcode.Transcript(
        id=next(made), text="Hello there, all", sync_points=(one, three, untimed)
    )

    def excerpt(anchor: qcode.Anchor, code: qcode.Code) -> qcode.Excerpt:
        coding = qcode.Coding(id=next(made), code=code.id)
        return qcode.Excerpt(id=next(made), anchor=anchor, quote="q", codings=(coding,))

    def span(start: qcode.SyncPoint | None, end: qcode.SyncPoint) -> qcode.TranscriptSpan:
        return qcode.TranscriptSpan(
            transcript=transcript.id, from_sync=start.id if start else None, to_sync=end.id
        )

    recording = qcode.Source(
        id=next(made),
        name="Rec",
        content=qcode.AudioContent(transcripts=(transcript,)),
        excerpts=(
            excerpt(qcode.TimeSpan(0, 1500), a),
            excerpt(span(one, three), b),
            excerpt(span(one, untimed), b),
            excerpt(span(None, three), a),
            excerpt(span(three, one), b),
        ),
    )
    return qcode.Project(name="T", codes=(a, b), sources=(recording,))


def test_a_transcript_span_between_timed_sync_points_lies_on_the_recordings_time() -> None:
    project = _transcribed()
    counts = analysis.frequencies(project)
    assert pick(counts, "code", "references", "milliseconds", "without_position") == [
        ("A", 2, 1500, 1),
        ("B", 3, 2000, 2),
    ]
    untimed = (
        "3 transcript span(s) have no position: an end is open, a sync point has no time, or "
        "the end comes before the start."
    )
    assert counts.notes[-1] == untimed
    together = analysis.cooccurrence(project, mode="overlap")
    assert pick(together, "code_a", "code_b", "count") == [("A", "B", 1)]
    rows = analysis.segments(project, ["B"])
    assert pick(rows, "anchor", "unit", "start", "end") == [
        ("TranscriptSpan", "milliseconds", 1000, 3000),
        ("TranscriptSpan", None, None, None),
        ("TranscriptSpan", None, None, None),
    ]
    assert rows.notes[-1] == untimed.replace("3 transcript", "2 transcript")  # B's alone


def test_a_transcript_span_without_a_quote_shows_the_transcripts_words() -> None:
    project = _transcribed()
    recording = project.sources[0]
    unquoted = attrs.evolve(
        recording, excerpts=tuple(attrs.evolve(e, quote=None) for e in recording.excerpts)
    )
    project = attrs.evolve(project, sources=(unquoted,))
    rows = analysis.segments(project, ["B"])
    assert rows.column("text") == ("Hello", "Hello there", None)
    chart = analysis.framework(project, ["A"], rows="source")
    assert chart.rows[0][2] == (
        "(no text)",
        "Hello",
    )  # a time span has no words; an open start does


def test_a_coder_the_project_does_not_list_is_shown_by_id() -> None:
    unlisted = attrs.evolve(PROJECT, users=())
    ana, bo = (str(PROJECT.user(name).id) for name in ("Ana", "Bo"))
    table = analysis.segments(unlisted, ["Coping"])
    assert pick(table, "source", "start", "coders") == [
        ("W1", 17, (bo,)),
        ("W1", 30, (ana,)),
        ("Rec", 1500, (ana,)),
    ]
    by_coder = analysis.frequencies(unlisted, ["Coping"], by="coder")  # in order of coding
    assert pick(by_coder, "coder_id", "coder", "references") == [(bo, bo, 1), (ana, ana, 2)]


def test_a_pdf_quotation_written_as_region_and_text_under_one_id_counts_once() -> None:
    # ATLAS.ti's way (sample atlasti/Project.qde): the region first, its text later
    code = qcode.Code(id=uuid.uuid5(NAMESPACE, "pdf code"), name="Granola")
    other = qcode.Code(id=uuid.uuid5(NAMESPACE, "pdf other"), name="Oats")
    twin = uuid.uuid5(NAMESPACE, "pdf quotation")

    def coded(n: int, *codes: qcode.Code) -> tuple[qcode.Coding, ...]:
        return tuple(
            qcode.Coding(id=uuid.uuid5(NAMESPACE, f"pdf coding {n} {c.name}"), code=c.id)
            for c in codes
        )

    excerpts = (
        qcode.Excerpt(id=twin, anchor=qcode.PDFRegion(0, 1, 2, 3, 4), codings=coded(1, code)),
        qcode.Excerpt(
            id=uuid.uuid5(NAMESPACE, "pdf other"),
            anchor=qcode.PDFRegion(1, 1, 2, 3, 4),
            codings=coded(2, code),
        ),
        qcode.Excerpt(id=twin, anchor=qcode.TextSpan(4, 11), codings=coded(1, code, other)),
    )
    pdf = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "pdf"),
        name="Recipe",
        content=qcode.PDFContent(text="Add granola and oats."),
        excerpts=excerpts,
    )
    project = qcode.Project(name="PDF", codes=(code, other), sources=(pdf,))
    table = analysis.frequencies(project)
    assert pick(table, "code", "references", "characters", "without_position") == [
        ("Granola", 2, 7, 1),
        ("Oats", 1, 7, 0),
    ]
    assert table.notes[-1] == REGION_NOTE  # the region left, the twin's being counted as text
    shown = re.findall(r"(Granola|Oats)</bdi> \((\d+)\)", project._repr_html_())  # notebook's
    assert shown == [("Granola", "2"), ("Oats", "1")]  # code tree counts as the tables do
    assert (  # and the report lists the pair once, saying so where it lists the segments
        '<p class="note">1 excerpt of PDF sources shares its id with another (ATLAS.ti writes a '
        "PDF quotation as a region and as the text under it): each such pair is one segment, its "
        "text, with the codes of both.</p>"
    ) in qcode.report(project)
    assert table.notes[-2] == (
        "1 excerpt(s) of PDF sources share an id with another (ATLAS.ti writes a PDF quotation "
        "as a region and as the text under it): each such pair counts once, as its text."
    )
    oats = analysis.frequencies(project, ["Oats"]).notes  # the pair carries Oats too; the
    assert oats == table.notes[:-1]  # region left is Granola's alone
    report = analysis.segments(project, ["Granola"])
    assert pick(report, "excerpt_id", "anchor", "text") == [
        (str(twin), "TextSpan", "granola"),
        (str(excerpts[1].id), "PDFRegion", None),
    ]


def test_a_project_without_themes_is_said_to_have_none_and_framework_takes_its_codes() -> None:
    plain = attrs.evolve(PROJECT, themes=())
    with pytest.raises(qcode.NotFoundError, match=r"^the project has no themes: make the "
                       r"table of codes instead$"):  # fmt: skip
        analysis.matrix(plain, themes=True)
    chart = analysis.framework(plain, rows="source")
    assert chart.columns[2:6] == ("Findings", "Findings n", "Findings/Bridge", "Findings/Bridge n")
    assert chart.rows[2][2:6] == ((), 0, ("a roof",), 1)  # the picture's quote
    assert chart.notes[1] == "The project has no themes: a pair of columns per code."


def test_framework_by_case_on_a_project_without_cases_says_so() -> None:
    plain = attrs.evolve(PROJECT, themes=(), cases=())
    chart = analysis.framework(plain, ["Findings/Bridge"])
    assert chart.rows == ((None, None, ("a bridge", "a roof"), 2),)
    assert chart.notes[1] == (
        "The project has no cases: one row holds every segment; rows='source' (--rows source) "
        "gives a row per source."
    )
    assert not any("no cases" in note for note in analysis.framework(PROJECT).notes)


def test_a_theme_asked_for_as_a_code_is_pointed_to_and_a_path_is_not_a_project() -> None:
    with pytest.raises(qcode.NotFoundError) as missed:
        analysis.segments(PROJECT, ["Tension"])
    assert str(missed.value) == (
        "no code has the path or name 'Tension' (codes: 'Findings', 'Findings/Bridge', "
        "'Findings/Toll', 'Other', 'Other/Toll', 'Coping'); 'Tension' is a theme: choose it "
        "with themes= (--theme)"
    )
    with pytest.raises(TypeError) as refused:
        analysis.frequencies("study.json")  # type: ignore[arg-type]
    assert str(refused.value) == (
        "a table takes a loaded project (qcode.load, or qcode.read(...).project), not the path "
        "'study.json': load it first"
    )
    result = qcode.ReadResult(project=PROJECT, report=())
    with pytest.raises(TypeError) as refused:
        analysis.frequencies(result)  # type: ignore[arg-type]
    assert str(refused.value).endswith(": give its .project")


def test_cooccurrence_says_when_no_excerpt_carries_two_codes_and_what_children_add() -> None:
    table = analysis.cooccurrence(PROJECT, ["Findings/Bridge", "Other/Toll"])
    assert table.rows == ()
    assert table.notes[2:] == (
        REGION_NOTE,
        "No excerpt carries two of the chosen codes (NVivo, for one, writes a selection per "
        'coding): mode "overlap" counts codes whose excerpts share text.',
    )
    rolled = analysis.cooccurrence(PROJECT, ["Findings", "Findings/Toll"], include_children=True)
    assert pick(rolled, "code_path_a", "code_path_b", "count") == [("Findings", "Findings/Toll", 2)]
    assert rolled.notes[2:] == (
        REGION_NOTE,
        "Each code counts the codes below it, so it co-occurs with each of them wherever that "
        "one is coded.",
    )


def test_the_group_of_no_value_or_no_case_covers_every_source_without_one() -> None:
    b = qcode.ProjectBuilder("Coverage", id_namespace=NAMESPACE)
    place = b.variable("Location")
    calm = b.code("Calm")
    first = b.text_source("S1", "calm quiet", kind="interview")
    b.text_source("S2", "x" * 90, kind="interview")
    b.text_source("S3", "y" * 50, kind="interview", values={place: "Leeds"})
    b.quote(first, "calm ", codes=[calm])
    project = b.build()

    def coverage(by: str | None) -> list[tuple[object, float | None]]:
        rows = qcode.analysis.frequencies(project, by=by)
        return [(row.get("Location", row.get("case")), row["coverage"]) for row in rows]

    assert coverage(None) == [(None, round(5 / 150, 6))]
    assert coverage("variable:Location") == [("Leeds", 0.0), (None, 0.05)]
    assert coverage("case") == [(None, round(5 / 150, 6))]


def test_a_project_without_sources_says_so() -> None:
    b = qcode.ProjectBuilder("Codebook only", id_namespace=NAMESPACE)
    b.code("Calm")
    table = qcode.analysis.frequencies(b.build())
    assert [(row["code_path"], row["references"]) for row in table] == [("Calm", 0)]
    said = (
        "The project holds no sources: nothing is coded (a codebook read as a project holds none)."
    )
    assert table.notes[-1] == said
    b.code("Busy")  # two codes that could co-occur: no advice on how to find pairs
    assert qcode.analysis.cooccurrence(b.build()).notes[-1] == said


def test_numeric_values_are_grouped_in_numeric_order() -> None:
    b = qcode.ProjectBuilder("Ages", id_namespace=uuid.UUID(int=5))
    age = b.variable("Age", qcode.VariableType.INTEGER)
    code = b.code("C")
    for n, years in enumerate((9, 100, 30)):
        b.quote(b.text_source(f"S{n}", "hello world", values={age: years}), "hello", codes=[code])
    project = b.build()
    assert [r[0] for r in analysis.frequencies(project, by="variable:Age").rows] == [9, 30, 100]
    matrix = analysis.matrix(project, by="variable:Age")
    assert matrix.columns[3:6] == ("9", "30", "100")


def test_framework_of_an_empty_project_says_there_is_nothing() -> None:
    table = analysis.framework(qcode.ProjectBuilder("Empty").build())
    assert (table.columns, table.rows) == (("case_id", "case"), ())
    assert table.notes == (
        "Rows: cases; columns: each code (none), its coded texts and their number. A text is "
        "a text span's characters, else the excerpt's quote, else a transcript span's words; "
        "'(no text)' stands for a region, time span or span past its text's end without a quote.",
        "The project has no themes: a pair of columns per code.",
        "The project holds no sources: nothing is coded (a codebook read as a project holds none).",
    )


def test_a_column_named_after_data_never_hides_another() -> None:
    """A variable, a group or a code named like a column of the table is numbered."""
    b = qcode.ProjectBuilder("Names", id_namespace=uuid.UUID(int=6))
    variable = b.variable("code")
    a, a_n = b.code("A"), b.code("A n")
    person = b.participant("code_path", values={variable: "x"})
    b.quote(b.text_source("S", "hello world", kind="code"), "hello", codes=[a, a_n], speaker=person)
    project = b.build()
    by_variable = analysis.frequencies(project, by="variable:code")
    assert by_variable.columns[:4] == ("code (2)", "code_id", "code_path", "code")
    assert by_variable.records()[0]["code (2)"] == "x"
    assert analysis.matrix(project, by="case").columns == ("code_id", "code_path", "code",
                                                           "code_path (2)")  # fmt: skip
    # each text column keeps its count column beside it, named after it
    assert analysis.framework(project).columns[2:] == ("A", "A n", "A n (2)", "A n (2) n")
    b.code("case")
    assert analysis.framework(b.build()).columns == (
        "case_id", "case", "A", "A n", "A n (2)", "A n (2) n", "case (2)", "case (2) n",
    )  # fmt: skip
    square = analysis.cooccurrence(project, codes=["A"], form="square")
    assert square.columns == ("code_id", "code_path", "code", "A")
    with pytest.raises(ValueError) as refused:
        qcode.Table("t", ("a", "b", "a"), [(1, 2, 3)])
    assert (
        str(refused.value)
        == "table 't': column(s) 'a' given twice; a record would keep one of them"
    )


def test_a_segment_shows_its_texts_characters_whatever_its_quote_says() -> None:
    """A quote that holds the span's characters is shown as it is (no copy is made); one
    that does not (an edited text: validate's quote-mismatch) gives way to the text."""
    code = qcode.Code(id=uuid.UUID(int=4), name="C")
    coding = qcode.Coding(id=uuid.UUID(int=3), code=code.id)
    text = "alpha beta gamma"
    quotes = ("alpha", "BETA", "gam", None)
    spans = ((0, 5), (6, 10), (11, 16), (11, 16))
    excerpts = tuple(
        qcode.Excerpt(
            id=uuid.UUID(int=10 + n), anchor=qcode.TextSpan(*span), quote=quote,
            codings=(coding,),
        )
        for n, (span, quote) in enumerate(zip(spans, quotes, strict=True))
    )  # fmt: skip
    source = qcode.Source(
        id=uuid.UUID(int=1), name="S", content=qcode.TextContent(text=text), excerpts=excerpts
    )
    project = qcode.Project(name="p", sources=(source,), codes=(code,))
    rows = analysis.segments(project).records()
    assert [r["text"] for r in rows] == ["alpha", "beta", "gamma", "gamma"]
    assert rows[0]["text"] is excerpts[0].quote


def test_a_span_past_the_end_of_its_text_counts_only_what_lies_in_it() -> None:
    code = qcode.Code(id=uuid.UUID(int=4), name="C")
    coding = qcode.Coding(id=uuid.UUID(int=3), code=code.id)
    spans = ((5, 50_000), (2, 4))
    excerpts = tuple(
        qcode.Excerpt(id=uuid.UUID(int=10 + n), anchor=qcode.TextSpan(*span), codings=(coding,))
        for n, span in enumerate(spans)
    )
    source = qcode.Source(
        id=uuid.UUID(int=1), name="S", content=qcode.TextContent(text="0123456789"),
        excerpts=excerpts,
    )  # fmt: skip
    table = analysis.frequencies(qcode.Project(name="p", sources=(source,), codes=(code,)))
    assert [(r["characters"], r["coverage"]) for r in table.records()] == [(7, 0.7)]
    assert table.notes[1] == (
        "1 text span(s) reach past the end of their source's text (validate reports them): "
        "only their characters within the text are counted or compared, and their text is "
        "their quote, if any."
    )


def test_co_occurrence_compares_only_what_lies_in_the_text_and_every_table_says_so() -> None:
    """Spans of a text that is missing (read as empty) or was edited shared characters past
    its end in the overlap and proximity modes, which `frequencies` does not count; only
    `frequencies` said such spans were there."""
    codes = tuple(qcode.Code(id=uuid.UUID(int=20 + n), name=name) for n, name in enumerate("ABCD"))
    spans = {"A": (5, 50_000), "B": (2, 4), "C": (20, 30), "D": (25, 35)}
    excerpts = tuple(
        qcode.Excerpt(
            id=uuid.UUID(int=10 + n),
            anchor=qcode.TextSpan(*spans[code.name]),
            codings=(qcode.Coding(id=uuid.UUID(int=40 + n), code=code.id),),
        )
        for n, code in enumerate(codes)
    )
    source = qcode.Source(
        id=uuid.UUID(int=1), name="S", content=qcode.TextContent(text="0123456789"),
        excerpts=excerpts,
    )  # fmt: skip
    project = qcode.Project(name="p", sources=(source,), codes=codes)

    def pairs(table: analysis.Table) -> list[tuple[object, ...]]:
        return [(r["code_a"], r["code_b"], r["count"]) for r in table.records()]

    assert pairs(analysis.cooccurrence(project, mode="overlap")) == []
    assert pairs(analysis.cooccurrence(project, mode="proximity", within=1)) == [("A", "B", 1)]
    said = (
        "3 text span(s) reach past the end of their source's text (validate reports them): "
        "only their characters within the text are counted or compared, and their text is "
        "their quote, if any."
    )
    for table in (
        analysis.frequencies(project),
        analysis.segments(project),
        analysis.cooccurrence(project),
        analysis.matrix(project),
        analysis.framework(project),
        analysis.cases(project),
    ):
        assert said in table.notes, table.name


def test_cases_show_a_variable_whose_id_a_damaged_file_repeats_once() -> None:
    b = qcode.ProjectBuilder("Damaged")
    role = b.variable("Role")
    b.participant("P1", values={role: "lead"})
    project = b.build()
    project = attrs.evolve(project, variables=(role, attrs.evolve(role, name="Role again")))
    assert [i.code for i in qcode.validate(project)] == ["duplicate-id"]
    table = analysis.cases(project)
    assert table.columns[3:-4] == ("Role",)
    assert [row[3] for row in table.rows] == ["lead"]
    assert '<th scope="col">Role</th>' in qcode.report(project)


def test_rolling_up_a_tree_deeper_than_refi_holds_or_with_a_loop_is_refused() -> None:
    """``include_children`` costs items × depth: a hostile file's chain of thousands of
    codes, or a loop where every member is below every other, would take without bound."""
    chain = [qcode.Code(id=uuid.UUID(int=n + 1), name=f"c{n}",
                        parent=uuid.UUID(int=n) if n else None) for n in range(102)]  # fmt: skip
    deep = qcode.Project(name="Deep", codes=tuple(chain))
    assert len(analysis.frequencies(attrs.evolve(deep, codes=tuple(chain[:100])),
                                    include_children=True)) == 100  # fmt: skip
    looped = attrs.evolve(deep, codes=(attrs.evolve(chain[0], parent=chain[1].id), chain[1]))
    themes = tuple(
        qcode.Theme(
            id=uuid.UUID(int=200 + n), name=f"t{n}", parent=uuid.UUID(int=199 + n) if n else None
        )
        for n in range(102)
    )

    def by_theme(project: qcode.Project, include_children: bool) -> qcode.Table:
        return analysis.segments(project, themes=True, include_children=include_children)

    for project, call, message in (
        (deep, analysis.frequencies, "include_children needs codes at most 100 levels deep "
         "(Limits.code_depth); code 'c100' sits 101 levels deep"),
        (looped, analysis.segments, "include_children needs a code tree without loops; code "
         "'c0' is in or below a parent cycle (qcode validate shows it)"),
        (attrs.evolve(deep, themes=themes), by_theme, "include_children needs themes at most "
         "100 levels deep (Limits.code_depth); theme 't100' sits 101 levels deep"),
    ):  # fmt: skip
        with pytest.raises(ValueError) as refused:
            call(project, include_children=True)
        assert str(refused.value) == message
    with pytest.raises(qcode.agreement.AgreementError) as refused:
        qcode.agreement.nvivo(looped, looped, include_children=True)
    assert str(refused.value).startswith("include_children needs a code tree without loops")


def test_a_breakdown_by_a_shared_variable_name_pools_and_by_its_id_takes_one() -> None:
    b = qcode.ProjectBuilder("Twins")
    role = b.variable("Role")
    again = b.add(qcode.Variable(id=uuid.UUID(int=9), name="Role"))
    calm = b.code("Calm")
    source = b.text_source("S", "Calm here. Calm there.")
    b.quote(source, "Calm here.", codes=[calm], speaker=b.participant("P1", values={role: "lead"}))
    b.quote(source, "Calm there.", codes=[calm], speaker=b.participant("P2", values={again: "x"}))
    pooled = analysis.frequencies(b.build(), by="variable:Role")
    assert [(row[0], row[4]) for row in pooled.rows] == [("lead", 1), ("x", 1)]
    one = analysis.frequencies(b.build(), by=f"variable:{again.id}")
    assert [(row[0], row[4]) for row in one.rows] == [("x", 1), (None, 1)]


def test_a_pdf_quotation_whose_text_is_missing_shows_the_words_its_region_carries() -> None:
    # a bare ATLAS.ti .qde (sample atlasti/Project.qde): no text file, the region's quote kept
    code = qcode.Code(id=uuid.uuid5(NAMESPACE, "granola"), name="Granola")
    twin = uuid.uuid5(NAMESPACE, "pdf quotation")
    coding = qcode.Coding(id=uuid.uuid5(NAMESPACE, "pdf coding"), code=code.id)
    region = qcode.Excerpt(id=twin, anchor=qcode.PDFRegion(0, 1, 2, 3, 4), quote="granola")
    span = qcode.Excerpt(id=twin, anchor=qcode.TextSpan(4, 11), codings=(coding,))
    pdf = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "pdf"),
        name="Recipe",
        content=qcode.PDFContent(text=""),
        excerpts=(region, span),
    )
    project = qcode.Project(name="PDF", codes=(code,), sources=(pdf,))
    assert pick(analysis.segments(project), "anchor", "start", "end", "text") == [
        ("TextSpan", 4, 11, "granola")
    ]


def test_an_empty_list_of_codes_or_themes_is_refused_not_an_empty_table() -> None:
    """A filter that kept nothing gave an empty table; co-occurrence then said no excerpt
    carries two of the chosen codes, and segments said nothing."""
    for call, every_one in (
        (lambda: analysis.cooccurrence(PROJECT, []), "codes=None"),
        (lambda: analysis.segments(PROJECT, []), "codes=None"),
        (lambda: analysis.matrix(PROJECT, themes=[]), "themes=True"),
    ):
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == (
            f"an empty list chooses nothing: give one or more, or {every_one} for every one"
        )
