"""Agreement: every worked value of the methods literature and the tools' manuals (as the
domain notes collect them) exactly, and random checks against independent computations."""

from __future__ import annotations

import math
import unicodedata
import uuid
from collections.abc import Callable, Sequence

import attrs
import krippendorff
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qcode
from qcode.agreement import (
    AgreementError,
    Cells,
    alpha,
    brennan_prediger,
    cohen_kappa,
    disagreements,
    fleiss_kappa,
    holsti,
    krippendorff_alpha,
    maxqda,
    nvivo,
    percent_agreement,
    segments,
)

from .conftest import NAMESPACE, examples

Spans = Sequence[tuple[int, int]]


def two_coders(
    text: str, *coded: dict[str, Spans], names: Sequence[str] = ("Ann", "Ben")
) -> qcode.Project:
    """A project with one text source and a coder per mapping of code name to spans."""
    ids = iter(uuid.uuid5(NAMESPACE, f"agreement/{n}") for n in range(10**6))
    users = tuple(qcode.User(id=next(ids), name=name) for name in names[: len(coded)])
    names_used = dict.fromkeys(name for spans in coded for name in spans)
    codes = {name: qcode.Code(id=next(ids), name=name) for name in names_used}
    excerpts = [
        qcode.Excerpt(
            id=next(ids),
            anchor=qcode.TextSpan(start, end),
            codings=(qcode.Coding(id=next(ids), code=codes[name].id, coder=user.id),),
        )
        for user, spans in zip(users, coded, strict=True)
        for name, places in spans.items()
        for start, end in places
    ]
    source = qcode.Source(
        id=next(ids),
        name="Interview",
        content=qcode.TextContent(text=text),
        excerpts=tuple(excerpts),
    )
    return qcode.Project(name="Study", users=users, codes=tuple(codes.values()), sources=(source,))


def first(table: qcode.Table) -> dict[str, object]:
    return table.records()[0]


# -- NVivo: the help page's 85 % and the κ of each split ------------------------------------


@pytest.mark.parametrize(
    ("total", "a", "b", "agreement", "kappa"),
    [
        (1000, [(0, 150)], [(100, 200)], 85.0, 70 / 220),
        (1000, [(0, 125)], [(75, 200)], 85.0, 0.314286),
        (1000, [(0, 200)], [(150, 200)], 85.0, 0.347826),
        (1000, [], [(0, 120)], 88.0, 0.0),
        (1000, [(0, 300)], [(0, 300)], 100.0, 1.0),
        (500, [(0, 220)], [(20, 250)], 90.0, 0.798061),
    ],
)
def test_nvivo_gives_the_documented_agreement_and_kappa(
    total: int, a: Spans, b: Spans, agreement: float, kappa: float
) -> None:
    project = two_coders("x" * total, {"Bridge": a}, {"Bridge": b})
    row = first(nvivo(project, coders=["Ann", "Ben"]))  # Ann may have coded nothing
    assert row["agreement_pct"] == pytest.approx(agreement, abs=1e-9)
    assert row["kappa"] == pytest.approx(kappa, abs=5e-7)
    assert row["both"] + row["a_only"] + row["b_only"] + row["neither"] == total


def test_nvivo_rows_name_cells_and_aggregates() -> None:
    project = two_coders(
        "x" * 1000, {"Bridge": [(0, 150)], "Toll": [(0, 10)]}, {"Bridge": [(100, 200)]}
    )
    table = nvivo(project)
    assert table.columns == (
        *("code", "source", "unit", "scope", "total", "both", "a_only", "b_only", "neither"),
        *("agreement_pct", "kappa", "jaccard", "note"),
    )
    assert [r[:9] for r in table.rows] == [
        ("Bridge", "Interview", "characters", "code × source", 1000, 50, 100, 50, 800),
        ("Toll", "Interview", "characters", "code × source", 1000, 0, 10, 0, 990),
        ("(all codes)", "(all sources)", "characters", "pooled", 2000, 50, 110, 50, 1790),
        ("(all codes)", "(all sources)", "characters", "size-weighted mean", 2000,
         None, None, None, None),
        ("(all codes)", "(all sources)", "characters", "unweighted mean", 2000,
         None, None, None, None),
    ]  # fmt: skip
    pooled, weighted, plain = table.records()[2:]
    assert pooled["kappa"] == pytest.approx(Cells(2000, 50, 110, 50).kappa)
    assert weighted["kappa"] == plain["kappa"] == pytest.approx((70 / 220 + 0.0) / 2)
    assert plain["agreement_pct"] == pytest.approx((85 + 99) / 2)
    assert first(table)["jaccard"] == pytest.approx(50 / 200)
    assert table.notes[0].startswith("A = Ann; B = Ben. NVivo's coding comparison")


def test_nvivo_kappa_zero_over_zero_is_one_as_nvivo_shows_it_or_nan_with_the_reason() -> None:
    project = two_coders("x" * 40, {"Bridge": [(0, 40)]}, {"Bridge": [(0, 40)]})
    shown = first(nvivo(project))
    assert (shown["kappa"], shown["note"]) == (
        1.0,
        "κ is 0/0 (neither coder coded anything, or both coded everything); NVivo shows 1",
    )
    strict = first(nvivo(project, as_nvivo=False))
    assert math.isnan(strict["kappa"])
    assert strict["note"] == "κ is 0/0 (neither coder coded anything, or both coded everything)"


def test_a_coders_overlapping_codings_of_one_code_count_once() -> None:
    project = two_coders("x" * 100, {"Bridge": [(0, 30), (20, 50)]}, {"Bridge": [(0, 50)]})
    assert first(nvivo(project))["kappa"] == 1.0
    assert first(nvivo(project))["both"] == 50


def _brute_kappa(total: int, a: Spans, b: Spans) -> float:
    """Cohen's κ over explicit per-character vectors: the computation qcode avoids."""
    left = [any(s <= i < e for s, e in a) for i in range(total)]
    right = [any(s <= i < e for s, e in b) for i in range(total)]
    observed = sum(x == y for x, y in zip(left, right, strict=True)) / total
    pa, pb = sum(left) / total, sum(right) / total
    expected = pa * pb + (1 - pa) * (1 - pb)
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


spans = st.lists(
    st.tuples(st.integers(0, 80), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
    min_size=1,
    max_size=6,
)


@settings(max_examples=examples(60), deadline=None)
@given(spans, spans)
def test_nvivo_kappa_equals_cohens_kappa_per_character(a: Spans, b: Spans) -> None:
    total = 120
    project = two_coders("y" * total, {"Bridge": a}, {"Bridge": b})
    row = first(nvivo(project, as_nvivo=False))
    expected = _brute_kappa(total, a, b)
    assert row["kappa"] == pytest.approx(expected, abs=1e-12, nan_ok=True)


# -- ATLAS.ti and Krippendorff: α ---------------------------------------------------------

C_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
WIKIPEDIA = [
    [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
    [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
    [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
]
BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


def test_krippendorff_alpha_on_the_c_data_and_the_wikipedia_example() -> None:
    assert krippendorff_alpha(C_DATA) == pytest.approx(0.743421, abs=5e-7)
    assert krippendorff_alpha(WIKIPEDIA) == pytest.approx(1 - 3 / 9.72, abs=1e-12)
    assert krippendorff_alpha(BINARY) == pytest.approx(8 / 84, abs=1e-12)


def test_alpha_binary_over_unit_sections_is_the_published_binary_case() -> None:
    # Ann's and Ben's coded units as one-character sections with a blank between each.
    a = [(2 * i, 2 * i + 1) for i, v in enumerate(BINARY[0]) if v]
    b = [(2 * i, 2 * i + 1) for i, v in enumerate(BINARY[1]) if v]
    blanks = [(2 * i + 1, 2 * i + 2) for i in range(10)]
    project = two_coders("x" * 20, {"Bridge": a, "Blank": blanks}, {"Bridge": b, "Blank": blanks})
    table = segments(
        project, method="krippendorff", units={"Interview": [(2 * i, 2 * i + 1) for i in range(10)]}
    )
    assert first(table)["value"] == pytest.approx(8 / 84, abs=1e-12)


def test_unitized_alpha_on_a_shifted_boundary() -> None:
    project = two_coders("x" * 100, {"Bridge": [(0, 50)]}, {"Bridge": [(0, 40)]})
    rows = alpha(project).records()
    assert [(r["measure"], r["source"]) for r in rows] == [
        ("|uα", "Interview"),
        ("|uα", "(all sources)"),
    ]
    assert rows[0]["alpha"] == pytest.approx(0.819242, abs=5e-7)
    assert (rows[0]["length"], rows[0]["observed"]) == (200, 20)
    assert {type(r["length"]) for r in rows} == {float}  # as cuα's fractional coincidences


values = st.lists(st.booleans(), min_size=2, max_size=30)


@settings(max_examples=examples(50), deadline=None)
@given(st.lists(values, min_size=2, max_size=4))
def test_alpha_binary_on_apart_single_units_equals_nominal_alpha(rows: list[list[bool]]) -> None:
    width = min(len(r) for r in rows)
    coded = [r[:width] for r in rows]
    if len({v for r in coded for v in r}) < 2:
        return  # nothing varies: no α to compare (the 0/0 case has its own test)
    # every unit two characters apart, so no coder's sections touch
    per_coder = [{"Bridge": [(2 * i, 2 * i + 1) for i, v in enumerate(r) if v]} for r in coded]
    names = [f"Coder {n}" for n in range(len(coded))]
    project = two_coders("z" * (2 * width), *per_coder, names=names)
    characters = [[int(i % 2 == 0 and r[i // 2]) for i in range(2 * width)] for r in coded]
    theirs = krippendorff.alpha(reliability_data=characters, level_of_measurement="nominal")
    assert first(alpha(project, coders=names))["alpha"] == pytest.approx(theirs, abs=1e-9)


labels = st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=3, max_size=12)


@settings(max_examples=examples(80), deadline=None)
@given(st.lists(labels, min_size=2, max_size=4))
def test_krippendorff_alpha_equals_the_krippendorff_package(rows: list[list[int | None]]) -> None:
    width = min(len(r) for r in rows)
    data = [r[:width] for r in rows]
    pairable = [u for u in zip(*data, strict=True) if sum(v is not None for v in u) > 1]
    values_seen = {v for u in pairable for v in u if v is not None}
    ours = krippendorff_alpha(data)
    if len(values_seen) < 2:
        assert math.isnan(ours) or ours == pytest.approx(1.0)
        return
    theirs = krippendorff.alpha(
        reliability_data=[[math.nan if v is None else v for v in r] for r in data],
        level_of_measurement="nominal",
    )
    assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=2, max_size=3))
def test_segment_alpha_equals_the_krippendorff_package(coded: list[list[bool]]) -> None:
    paragraphs = "\n".join(["word"] * 4)
    per_coder = [{"Bridge": [(5 * i, 5 * i + 4) for i, v in enumerate(r) if v]} for r in coded]
    if len({v for r in coded for v in r}) < 2:
        return  # nothing varies: no α to compare
    names = [f"Coder {n}" for n in range(len(coded))]
    project = two_coders(paragraphs, *per_coder, names=names)
    found = first(segments(project, method="krippendorff", coders=names))["value"]
    theirs = krippendorff.alpha(
        reliability_data=[[int(v) for v in r] for r in coded], level_of_measurement="nominal"
    )
    assert found == pytest.approx(theirs, abs=1e-9, nan_ok=True)


def test_cu_alpha_and_global_cu_alpha_over_domains() -> None:
    b = qcode.ProjectBuilder("Domains", id_namespace=NAMESPACE)
    ann, ben = b.user("Ann"), b.user("Ben")
    feeling = b.code("Feeling", codable=False)
    hope, fear = b.code("Hope", parent=feeling), b.code("Fear", parent=feeling)
    place = b.code("Place", codable=False)
    home, work = b.code("Home", parent=place), b.code("Work", parent=place)
    time = b.code("Time", codable=False)
    past, _ = b.code("Past", parent=time), b.code("Now", parent=time)
    text = "aaaa bbbb cccc dddd"
    source = b.text_source("Diary", text)
    b.quote(source, "aaaa", codes=[hope, home], coder=ann)
    b.quote(source, "bbbb", codes=[fear], coder=ann)
    b.quote(source, "cccc", codes=[fear, work], coder=ann)
    b.quote(source, "dddd", codes=[past], coder=ann)
    b.recode(b.build().sources[0].excerpts[0], add=[hope, home], coder=ben)
    b.recode(b.build().sources[0].excerpts[1], add=[hope], coder=ben)
    b.recode(b.build().sources[0].excerpts[2], add=[fear, home], coder=ben)
    rows = {(r["measure"], r["code"]): r for r in alpha(b.build()).records()}
    # Feeling: agree on aaaa (hope) and cccc (fear), differ on bbbb: o_hh = o_ff = 8,
    # o_hf = o_fh = 4; l = 24, marginals 12 and 12: α = 1 − 8 / (24 − 144/24 · 2) = 1/3.
    assert rows["cuα", "Feeling"]["alpha"] == pytest.approx(1 / 3)
    # Place: agree on aaaa (home), differ on cccc: 1 − 8 / (16 − (144 + 16) / 16)... as
    # computed from the coincidences o_hh = 8, o_hw = o_wh = 4: marginals 12, 4.
    assert rows["cuα", "Place"]["alpha"] == pytest.approx(1 - 8 / (16 - (144 + 16) / 16))
    assert ("Cuα", "(all domains)") in rows
    nothing = rows["cuα", "Time"]
    assert (nothing["length"], nothing["note"]) == (
        0,
        "α is 0/0: no stretch that two coders both coded",
    )
    one = alpha(b.build(), domains={"Feeling": [hope, fear]}).records()
    assert [(r["measure"], r["code"]) for r in one if r["measure"] != "|uα"] == [
        ("cuα", "Feeling")
    ]  # a single domain: no Cuα, there being no domain to choose between
    for domains, message in [
        (
            {"Feeling": [hope, fear], "Mixed": ["Fear", work]},
            "code 'Feeling/Fear' is in domains 'Feeling' and 'Mixed'; Cuα needs each code in "
            "one domain",
        ),
        ({"Feeling": [hope, fear], "Empty": []}, "domain 'Empty' holds no codes; give each "
         "domain one or more"),
    ]:  # fmt: skip
        with pytest.raises(qcode.agreement.AgreementError) as refused:
            alpha(b.build(), domains=domains)
        assert str(refused.value) == message
    with pytest.raises(TypeError) as refused:
        alpha(b.build(), domains={"Feeling": "Hope"})  # type: ignore[dict-item]
    assert str(refused.value) == "domain 'Feeling': give a list of codes, not 'Hope'"
    repeated = alpha(b.build(), domains={"Feeling": [hope, hope, fear], "Place": [home, work]})
    assert [(r[0], r[1], r[7]) for r in repeated.rows if r[0] != "|uα"] == [
        ("cuα", "Feeling", pytest.approx(1 / 3)),
        ("cuα", "Place", pytest.approx(1 - 8 / (16 - (144 + 16) / 16))),
        ("Cuα", "(all domains)", rows["Cuα", "(all domains)"]["alpha"]),
    ]


# -- MAXQDA: segment matching and κ_n -------------------------------------------------------


def test_brennan_prediger_on_the_maxqda_and_package_examples() -> None:
    assert brennan_prediger(23 / 30, 4) == pytest.approx(0.688889, abs=5e-7)
    assert brennan_prediger(0.8, 5) == pytest.approx(0.75, abs=1e-12)
    assert brennan_prediger(0.6, 2) == pytest.approx(0.2, abs=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: brennan_prediger(0.5, 1),
         "κ_n needs two or more categories to choose from, not 1"),
        (lambda: brennan_prediger(0.5, 2.5),
         "κ_n needs two or more categories to choose from, not 2.5"),
        (lambda: brennan_prediger(80, 4),
         "observed agreement is a share from 0 to 1, not 80 (a percentage? divide it by 100)"),
        (lambda: cohen_kappa([[1, 2, 3], [4, 5, 6]]),
         "Cohen's κ needs a square table of counts; row 1 has 3 cells for 2 rows"),
        (lambda: cohen_kappa([[-1, 2], [3, 4]]),
         "a count cannot be negative: -1 at row 1, column 1"),
        (lambda: fleiss_kappa([[2, 0], [3, -1]]),
         "a count cannot be negative: -1 at row 2, column 2"),
        (lambda: fleiss_kappa([[2, 0], [1, 1, 0], [2]]),  # was -0.33, the rows read as aligned
         "Fleiss' κ needs a count per category in every row; row 2 has 3 cells, row 1 2"),
        (lambda: cohen_kappa([["yes", "no"], ["no", "no"]]),
         "a count must be a number, not 'yes' at row 1, column 1 (coders' categories? "
         "krippendorff_alpha takes coders × units)"),
        (lambda: fleiss_kappa([[2, 0], [1, None]]),
         "a count must be a number, not None at row 2, column 2 (coders' categories? "
         "krippendorff_alpha takes coders × units)"),
        (lambda: holsti(12, 10, 10),
         "Holsti's CR needs 0 <= agreements <= each coder's decisions; got 12 agreements of "
         "10 and 10"),
    ],
)  # fmt: skip
def test_the_coefficients_refuse_what_cannot_be_counts(
    call: Callable[[], float], message: str
) -> None:
    """They returned a number for any input (a percentage as a share gave κ_n = 106.3, a
    non-square table a κ), or a bare ZeroDivisionError for one category."""
    with pytest.raises(ValueError) as refused:
        call()
    assert str(refused.value) == message


def test_maxqda_gives_nan_for_a_code_whose_codings_cover_nothing() -> None:
    """A zero-length coding gives B no segment: its share is nan, which κ_n then refused."""
    project = two_coders("x" * 10, {"A": [(0, 5)], "B": [(3, 3)]}, {"A": [(0, 5)]})
    table, _ = maxqda(project)
    row = table.records()[1]
    assert (row["code"], row["total"]) == ("B", 0)
    assert math.isnan(row["percent"]) and math.isnan(row["kappa"])
    assert math.isnan(brennan_prediger(math.nan, 4))


def test_maxqda_matches_segments_by_overlap_and_computes_kappa_n() -> None:
    project = two_coders(
        "x" * 200,
        {"Bridge": [(0, 50), (60, 70)], "Toll": [(100, 120)]},
        {"Bridge": [(0, 40), (60, 69)], "Toll": [(100, 120), (150, 160)]},
    )
    codes, matches = maxqda(project)
    assert [r[:5] for r in codes.rows] == [
        ("Bridge", 2, 2, 4, 50.0),
        ("Toll", 2, 1, 3, pytest.approx(200 / 3)),
        ("(total)", 4, 3, 7, pytest.approx(400 / 7)),
    ]
    assert codes.records()[-1]["kappa"] == pytest.approx(brennan_prediger(4 / 7, 2))
    assert [r[:9] for r in matches.rows][:2] == [
        ("Interview", "Bridge", "Ann", 0, 50, 0, 40, 0.8, False),
        ("Interview", "Bridge", "Ann", 60, 70, 60, 69, 0.9, True),
    ]
    assert matches.rows[-1][:9] == ("Interview", "Toll", "Ben", 150, 160, None, None, 0.0, False)
    lenient, _ = maxqda(project, min_overlap=0.8)
    assert lenient.records()[0]["agreements"] == 4


def test_maxqda_refuses_an_overlap_outside_zero_to_one() -> None:
    project = two_coders("x" * 10, {"Bridge": [(0, 5)]}, {"Bridge": [(0, 5)]})
    with pytest.raises(
        AgreementError, match=r"^the minimum overlap is a share above 0 up to 1, not 90$"
    ):
        maxqda(project, min_overlap=90)


# -- Cohen, Fleiss, percentage, Holsti --------------------------------------------------------


def test_cohen_kappa_on_the_wikipedia_and_sas_tables() -> None:
    assert cohen_kappa([[20, 5], [10, 15]]) == pytest.approx(0.4, abs=1e-12)
    assert cohen_kappa([[0, 4, 1], [0, 8, 0], [0, 1, 5]]) == pytest.approx(0.4842, abs=5e-5)
    assert cohen_kappa(BINARY_TABLE) == pytest.approx(0.090909, abs=5e-7)


BINARY_TABLE = [[5, 3], [1, 1]]  # rows: first coder 0/1, columns: second coder 0/1


def test_fleiss_kappa_on_the_wikipedia_table() -> None:
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
             [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
             [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]  # fmt: skip
    assert fleiss_kappa(table) == pytest.approx(0.2099, abs=5e-5)


def test_percent_agreement_and_holsti_as_the_atlas_ti_manual_gives_them() -> None:
    manual = [[1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]]
    assert percent_agreement(manual) == pytest.approx(0.6, abs=1e-12)
    assert holsti(8, 10, 12) == pytest.approx(0.727273, abs=5e-7)


def test_segment_methods_over_paragraphs() -> None:
    text = "one\ntwo\n\nthree\nfour\nfive"
    # paragraphs: one, two, three, four, five (the blank line is none)
    a = {"Bridge": [(0, 3), (4, 7), (10, 12)]}
    b = {"Bridge": [(1, 2), (10, 15), (16, 18)]}
    project = two_coders(text, a, b)
    kappa = first(segments(project, method="kappa"))
    assert (kappa["segments"], kappa["both"], kappa["a_only"], kappa["b_only"]) == (5, 2, 1, 1)
    assert kappa["value"] == pytest.approx(Cells(5, 2, 1, 1).kappa)
    assert first(segments(project, method="holsti"))["value"] == pytest.approx(2 * 2 / 6)
    assert first(segments(project, method="percent"))["value"] == pytest.approx(3 / 5)
    fleiss = first(segments(project, method="fleiss"))["value"]
    assert fleiss == pytest.approx(fleiss_kappa([[0, 2], [1, 1], [0, 2], [1, 1], [2, 0]]))


def test_cohen_needs_exactly_two_coders() -> None:
    project = two_coders(
        "x" * 10, {"A": [(0, 1)]}, {"A": [(0, 1)]}, {"A": [(0, 2)]}, names=("Ann", "Ben", "Cy")
    )
    with pytest.raises(
        AgreementError,
        match=r"^Cohen's κ compares two sides; given 3 \(Ann, Ben, Cy\): choose two with "
        r"coders \(--coders on the command line\)$",
    ):
        segments(project, method="kappa")
    with pytest.raises(TypeError) as alone:
        segments(project, method="kappa", coders="Ann")
    assert (
        str(alone.value) == "coders is a list of sides (such as ['Ann', 'Ben']), not the one 'Ann'"
    )
    assert first(segments(project, method="fleiss"))["coders"] == 3


# -- disagreements --------------------------------------------------------------------------


def test_disagreements_list_each_stretch_with_who_coded_it() -> None:
    project = two_coders(
        "We are a bridge. It takes its toll.",
        {"Bridge": [(7, 15)], "Toll": [(17, 35)]},
        {"Bridge": [(3, 15)]},
    )
    rows = disagreements(project).rows
    assert rows == (
        ("Interview", "characters", 3, 7, "Bridge", ("Ben",), ("Ann",), "are "),
        ("Interview", "characters", 17, 35, "Toll", ("Ann",), ("Ben",), "It takes its toll."),
    )


# -- units, media and who is compared -------------------------------------------------------


def _coded(anchor: qcode.Anchor, code: qcode.Code, user: qcode.User, n: int) -> qcode.Excerpt:
    coding = qcode.Coding(id=uuid.uuid5(NAMESPACE, f"c{n}"), code=code.id, coder=user.id)
    return qcode.Excerpt(id=uuid.uuid5(NAMESPACE, f"e{n}"), anchor=anchor, codings=(coding,))


def _diary(text: str, *excerpts: qcode.Excerpt) -> qcode.Source:
    return qcode.Source(
        id=uuid.uuid5(NAMESPACE, "diary"), name="Diary", content=qcode.TextContent(text=text),
        excerpts=excerpts,
    )  # fmt: skip


ANN = qcode.User(id=uuid.uuid5(NAMESPACE, "Ann"), name="Ann")
BEN = qcode.User(id=uuid.uuid5(NAMESPACE, "Ben"), name="Ben")
BRIDGE = qcode.Code(id=uuid.uuid5(NAMESPACE, "Bridge"), name="Bridge")


def _media_project() -> qcode.Project:
    whole = qcode.Code(id=uuid.uuid5(NAMESPACE, "Whole"), name="Whole")
    picture = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "picture"),
        name="Collage",
        content=qcode.PictureContent(),
        excerpts=(
            _coded(qcode.PictureRegion(0, 0, 10, 10), BRIDGE, ANN, 1),
            _coded(qcode.PictureRegion(5, 5, 15, 15), BRIDGE, BEN, 2),
        ),
    )
    recording = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "audio"),
        name="Recording",
        content=qcode.AudioContent(),
        codings=(qcode.Coding(id=uuid.uuid5(NAMESPACE, "w"), code=whole.id, coder=ANN.id),),
        excerpts=(
            _coded(qcode.TimeSpan(0, 1000), BRIDGE, ANN, 3),
            _coded(qcode.TimeSpan(500, 2000), BRIDGE, BEN, 4),
        ),
    )
    pdf = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "pdf"),
        name="Report",
        content=qcode.PDFContent(text="A report."),
        excerpts=(  # on pages 0 and 1, each page 10 × 10 points as far as coded
            _coded(qcode.PDFRegion(1, 0, 0, 10, 10), BRIDGE, ANN, 5),
            _coded(qcode.PDFRegion(0, 0, 0, 10, 10), BRIDGE, BEN, 6),
            _coded(qcode.PDFRegion(1, 0, 5, 10, 10), BRIDGE, BEN, 7),
        ),
    )
    return qcode.Project(
        name="Media", users=(ANN, BEN), codes=(BRIDGE, whole), sources=(picture, recording, pdf)
    )


def test_pictures_are_compared_in_pixels_recordings_in_milliseconds_pdfs_in_points() -> None:
    table = nvivo(_media_project())
    # The PDF's two pages stacked, each 10 × 10: Ann coded page 1, Ben page 0 and the top
    # half of page 1 (y 5 to 10 there), so they share 50 points of 200.
    assert [r[:11] for r in table.rows[:4]] == [
        ("Bridge", "Collage", "pixels", "code × source", 225, 25, 75, 75, 50, 100 / 3, -0.35),
        ("Bridge", "Recording", "milliseconds", "code × source", 2000, 500, 500, 1000, 0, 25.0,
         -0.5),
        ("Whole", "Recording", "milliseconds", "code × source", 2000, 0, 2000, 0, 0, 0.0, 0.0),
        ("Bridge", "Report", "points", "code × source", 200, 50, 50, 100, 0, 25.0, -0.5),
    ]  # fmt: skip
    assert [r[2:4] for r in table.rows[4:]] == [
        ("pixels", "pooled"),
        ("pixels", "size-weighted mean"),
        ("pixels", "unweighted mean"),
        ("milliseconds", "pooled"),
        ("milliseconds", "size-weighted mean"),
        ("milliseconds", "unweighted mean"),
        ("points", "pooled"),
        ("points", "size-weighted mean"),
        ("points", "unweighted mean"),
    ]
    assert table.notes[2:] == ()


def test_text_spans_past_the_end_of_their_text_are_said_to_be_cut() -> None:
    """A coding wholly past the end of a (shortened, or missing) text was dropped, and one
    partly past it cut, silently: Ann's coding of 17-35 on a 12-character text vanished and
    the table showed Ben's alone."""
    text = _diary(
        "We are a bri",
        _coded(qcode.TextSpan(17, 35), BRIDGE, ANN, 1),
        _coded(qcode.TextSpan(0, 5), BRIDGE, BEN, 2),
        _coded(qcode.TextSpan(10, 20), BRIDGE, BEN, 3),
    )
    above = qcode.Code(id=uuid.uuid5(NAMESPACE, "Findings"), name="Findings")
    codes = (above, attrs.evolve(BRIDGE, parent=above.id))
    project = qcode.Project(name="Short", users=(ANN, BEN), codes=codes, sources=(text,))
    table = nvivo(project)
    assert [r[:11] for r in table.rows[:1]] == [
        ("Findings/Bridge", "Diary", "characters", "code × source", 12, 0, 0, 7, 5,
         41.666666666666664, 0.0)
    ]  # fmt: skip
    assert table.notes[2:] == (
        "2 codings of text spans reach past the end of the source's text (qcode validate "
        "reports them): only the characters within the text are compared.",
    )
    assert alpha(project).notes[2:] == table.notes[2:]
    # a coding counts once, though it is compared for its code and for the code above it
    assert nvivo(project, include_children=True).notes[2:] == table.notes[2:]


def test_coders_are_chosen_by_their_user_objects_too() -> None:
    """The builder hands out `User` objects; given as coders, one was taken for a group and
    iterated: TypeError "'User' object is not iterable"."""
    text = _diary(
        "x" * 9, _coded(qcode.TextSpan(0, 5), BRIDGE, ANN, 1),
        _coded(qcode.TextSpan(2, 7), BRIDGE, BEN, 2),
    )  # fmt: skip
    project = qcode.Project(name="P", users=(ANN, BEN), codes=(BRIDGE,), sources=(text,))
    by_name = nvivo(project, coders=["Ann", "Ben"])
    assert nvivo(project, coders=[ANN, BEN]).rows == by_name.rows
    assert nvivo(project, coders=[[ANN], BEN.id]).rows == by_name.rows
    assert by_name.rows[0][4:9] == (9, 3, 2, 2, 2)
    for sides, said in (
        (["Ann", 42], "a coder is a user, their name, login or id, or a list of them (a group), "
         "not 42"),
        (["Ann", ["Ben", 4.5]], "a coder is a user, their name, login or id, not 4.5"),
    ):  # fmt: skip
        with pytest.raises(TypeError) as refused:  # a bare "'int' object is not iterable"
            nvivo(project, coders=sides)  # type: ignore[arg-type]
        assert str(refused.value) == said


def test_a_code_with_one_child_is_a_domain_by_default() -> None:
    """It was left out of the default domains, and with it Cuα (only D's cuα was given)."""

    def code(name: str, parent: str | None = None) -> qcode.Code:
        above = None if parent is None else uuid.uuid5(NAMESPACE, parent)
        return qcode.Code(id=uuid.uuid5(NAMESPACE, name), name=name, parent=above)

    codes = (code("D"), code("X", "D"), code("Y", "D"), code("E"), code("Z", "E"))
    excerpts = [
        _coded(qcode.TextSpan(*span), codes[at], user, n)
        for n, (user, at, span) in enumerate(
            (user, at, span)
            for user in (ANN, BEN)
            for at, span in ((1, (0, 5)), (2, (10, 15)), (4, (15, 20)))
        )
    ]
    content = qcode.TextContent(text="x" * 30)
    text = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "s"), name="S", content=content, excerpts=tuple(excerpts)
    )
    project = qcode.Project(name="P", users=(ANN, BEN), codes=codes, sources=(text,))
    rows = [row[:8] for row in alpha(project).rows if row[0] != "|uα"]
    assert rows[0] == ("cuα", "D", "(all sources)", "characters", 20.0, 0.0, 10.0, 1.0)
    assert rows[1][:7] == ("cuα", "E", "(all sources)", "characters", 10.0, 0.0, 0.0)
    assert math.isnan(rows[1][7])  # one code: no choice within the domain
    assert rows[2] == ("Cuα", "(all domains)", "(all sources)", "characters", 30.0, 0.0,
                       pytest.approx(40 / 3), 1.0)  # fmt: skip


def test_regions_without_area_and_wholes_without_measure_are_left_out_and_counted() -> None:
    pdf = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "pdf"),
        name="Report",
        content=qcode.PDFContent(),
        excerpts=(
            _coded(qcode.PDFRegion(0, 0, 0, 10, 10), BRIDGE, ANN, 1),
            _coded(qcode.PDFRegion(0, 5, 0, 10, 10), BRIDGE, BEN, 2),
            _coded(qcode.PDFRegion(-1, 0, 0, 10, 10), BRIDGE, BEN, 3),  # a negative page
            _coded(qcode.PDFRegion(0, -10, -10, 10, 10), BRIDGE, ANN, 4),  # negative corner
            _coded(qcode.PDFRegion(0, 100, 100, 0, 0), BRIDGE, ANN, 5),  # corners swapped
            _coded(qcode.PDFRegion(9, 500, 500, 500, 500), BRIDGE, BEN, 6),  # no area
        ),
    )
    blank = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "blank"),
        name="Scan",
        content=qcode.PDFContent(),
        codings=(qcode.Coding(id=uuid.uuid5(NAMESPACE, "w"), code=BRIDGE.id, coder=ANN.id),),
    )
    project = qcode.Project(name="Regions", users=(ANN, BEN), codes=(BRIDGE,),
                            sources=(pdf, blank))  # fmt: skip
    table = nvivo(project)
    # Only the first two regions count, and they alone size the page (10 × 10).
    assert [r[:11] for r in table.rows[:1]] == [
        ("Bridge", "Report", "points", "code × source", 100, 50, 50, 0, 0, 50.0, 0.0)
    ]
    assert table.notes[2:] == (
        "4 codings on regions left out: each region has no area, corners out of order, or a "
        "negative coordinate or page (qcode validate reports the last two)",
        "1 coding of whole sources left out: the source has no text and no coded positions "
        "to measure them by",
    )
    cy = qcode.User(id=uuid.uuid5(NAMESPACE, "Cy"), name="Cy")
    by_cy = attrs.evolve(blank, codings=(attrs.evolve(blank.codings[0], coder=cy.id),))
    third = attrs.evolve(project, users=(ANN, BEN, cy), sources=(pdf, by_cy))
    # Cy's coding is not compared, so nothing of it is said to be left out
    assert nvivo(third, coders=["Ann", "Ben"]).notes[2:] == table.notes[2:3]


def test_disagreements_and_maxqda_leave_pictures_out_and_say_so() -> None:
    project = _media_project()
    assert disagreements(project).rows == (
        ("Recording", "milliseconds", 0, 500, "Bridge", ("Ann",), ("Ben",), None),
        ("Recording", "milliseconds", 0, 2000, "Whole", ("Ann",), ("Ben",), None),
        ("Recording", "milliseconds", 1000, 2000, "Bridge", ("Ben",), ("Ann",), None),
    )
    assert disagreements(project).notes[1:] == (
        "pixels of 'Collage' left out: only spans are listed",
        "points of 'Report' left out: only spans are listed",
    )
    codes, _ = maxqda(project)
    assert codes.notes[-2:] == (
        "pixels of 'Collage' left out: segments are spans",
        "points of 'Report' left out: segments are spans",
    )


def test_include_children_counts_a_codes_descendants_as_its_own() -> None:
    findings = qcode.Code(id=uuid.uuid5(NAMESPACE, "Findings"), name="Findings")
    child = attrs.evolve(BRIDGE, parent=findings.id)
    source = qcode.Source(
        id=uuid.uuid5(NAMESPACE, "s"),
        name="Diary",
        content=qcode.TextContent(text="We are a bridge."),
        excerpts=(
            _coded(qcode.TextSpan(7, 15), child, ANN, 1),
            _coded(qcode.TextSpan(7, 15), findings, BEN, 2),
        ),
    )
    project = qcode.Project(
        name="Tree", users=(ANN, BEN), codes=(findings, child), sources=(source,)
    )
    plain = [(r["code"], r["both"]) for r in nvivo(project).records()[:2]]
    assert plain == [("Findings", 0), ("Findings/Bridge", 0)]
    aggregate = [(r["code"], r["both"]) for r in nvivo(project, include_children=True).records()]
    assert aggregate[:2] == [("Findings", 8), ("Findings/Bridge", 0)]


def test_two_projects_are_matched_by_source_text_and_code_path_and_the_rest_is_named() -> None:
    def project(
        name: str, sources: dict[str, str], codes: list[str], spans: Spans
    ) -> qcode.Project:
        b = qcode.ProjectBuilder(name)
        b.user(name)
        made = [b.code(c) for c in codes]
        added = [b.text_source(n, text) for n, text in sources.items()]
        for start, end in spans:
            b.quote(added[0], sources[added[0].name][start:end], codes=[made[0]])
        return b.build()

    one = project("One", {"Interview": "We are a bridge.", "Extra": "More."},
                  ["Bridge", "Café", "Old"], [(7, 15)])  # fmt: skip
    two = project("Two", {"Copy": "We are a bridge.", "Other": "Else."},
                  ["Bridge", unicodedata.normalize("NFD", "Café"), "New"], [(0, 15)])  # fmt: skip
    table = nvivo(one, two)
    assert [r[:9] for r in table.rows[:1]] == [
        ("Bridge", "Interview", "characters", "code × source", 16, 8, 0, 7, 1)
    ]
    # a code only one project holds is named and left out (the second's was compared, the
    # first's not named), and a name in the other Unicode form is the same code
    assert [path for _, path in qcode.agreement.compare(one, two).codes] == ["Bridge", "Café"]
    assert {row[0] for row in table.rows} == {"Bridge", "(all codes)"}  # coded ones
    assert table.notes[0].startswith("A = One; B = Two.")
    assert table.notes[2:] == (
        "source 'Extra' of One has no match in Two; not compared",
        "source 'Other' of Two has no match in One; not compared",
        "code 'New' is only in Two; left out",
        "code 'Old' is only in One; left out",
    )
    # a path is the names down the tree: a top code called "Home/Stress" is not "Stress"
    # under "Home", though both read Home/Stress
    nested = qcode.ProjectBuilder("Nested")
    nested.code("Stress", parent=nested.code("Home"))
    ids = iter(uuid.uuid5(NAMESPACE, f"paths/{n}") for n in range(3))
    home = qcode.Code(id=next(ids), name="Home")
    slash = qcode.Code(id=next(ids), name="Home/Stress")  # as a file may hold it
    stress = qcode.Code(id=next(ids), name="Stress", parent=home.id)
    flat = qcode.Project(name="Flat", codes=(home, slash))
    compared = qcode.agreement.compare(nested.build(), flat)
    assert [path for _, path in compared.codes] == ["Home"]
    assert compared.notes == (
        "code 'Home/Stress' is only in Flat; left out",
        "code 'Home/Stress' is only in Nested; left out",
    )
    both = attrs.evolve(flat, codes=(home, slash, stress))
    compared = qcode.agreement.compare(nested.build(), both)
    assert [path for _, path in compared.codes] == ["Home", "Home/Stress"]
    assert compared.notes == ("code 'Home/Stress' is only in Flat; left out",)
    # two codes of one path in the second (a damaged file): both compared under the
    # first's, not one said to be "only in" it
    twin = qcode.Code(id=uuid.uuid5(NAMESPACE, "paths/twin"), name="Home")
    compared = qcode.agreement.compare(nested.build(), attrs.evolve(flat, codes=(home, twin)))
    assert [path for _, path in compared.codes] == ["Home"]
    assert compared.notes == ("code 'Home/Stress' is only in Nested; left out",)
    changed = attrs.evolve(
        one, sources=(attrs.evolve(one.sources[0], content=qcode.TextContent(text="Changed.")),)
    )
    assert nvivo(one, changed).notes[2:] == (
        "source 'Interview' has different texts in One (1) and One (2); not compared",
        "source 'Extra' of One (1) has no match in One (2); not compared",
    )


def test_alpha_in_pixels_counts_each_pixel_and_takes_the_domains_given() -> None:
    project = _media_project()
    rows = alpha(project, domains={"All": ["Bridge", "Whole"]}).records()
    picture = next(r for r in rows if r["source"] == "Collage")
    brute = krippendorff.alpha(
        reliability_data=[
            [int(x < 10 and y < 10) for x in range(15) for y in range(15)],
            [int(x >= 5 and y >= 5) for x in range(15) for y in range(15)],
        ],
        level_of_measurement="nominal",
    )
    assert picture["alpha"] == pytest.approx(brute, abs=1e-12)
    pdf = next(r for r in rows if r["source"] == "Report")
    stacked = krippendorff.alpha(  # pages 0 and 1 one above the other, 10 × 20 points
        reliability_data=[
            [int(y >= 10) for x in range(10) for y in range(20)],
            [int(y < 10 or y >= 15) for x in range(10) for y in range(20)],
        ],
        level_of_measurement="nominal",
    )
    assert (pdf["unit"], pdf["length"], pdf["alpha"]) == ("points", 400.0, pytest.approx(stacked))
    domain = [(r["measure"], r["unit"], r["length"]) for r in rows if r["measure"] == "cuα"]
    # coded against coded, both ways: pixels 2 × 25; milliseconds 2 × (500 + 1500); points
    # 2 × 50
    assert domain == [
        ("cuα", "pixels", 50.0),
        ("cuα", "milliseconds", 4000.0),
        ("cuα", "points", 100.0),
    ]


def test_the_coefficients_refuse_or_give_nan_where_they_are_undefined() -> None:
    assert math.isnan(cohen_kappa([[0, 0], [0, 0]]))
    assert math.isnan(cohen_kappa([[3, 0], [0, 0]]))
    assert math.isnan(fleiss_kappa([]))
    assert math.isnan(holsti(0, 0, 0))
    assert math.isnan(Cells(0, 0, 0, 0).agreement)
    with pytest.raises(ValueError, match=r"^every coder's row needs one value per unit$"):
        krippendorff_alpha([[1, 2], [1]])
    with pytest.raises(ValueError, match=r"^Fleiss' κ needs every subject rated by as many"):
        fleiss_kappa([[1, 1], [2, 1]])


def test_segments_given_by_the_caller_are_checked() -> None:
    project = two_coders("x" * 20, {"Bridge": [(0, 5)]}, {"Bridge": [(0, 6)]})
    given = {"Interview": [(0, 10), (10, 20)]}
    assert first(segments(project, units=given))["both"] == 1
    missing = segments(project, units={})
    assert "source 'Interview' left out: no segments given for it" in missing.notes
    with pytest.raises(AgreementError) as refused:
        segments(project, units={"Interviews": [(0, 1)]})
    assert str(refused.value) == (
        "segments are given for 'Interviews', which no source compared is called (sources: "
        "'Interview')"
    )
    with pytest.raises(
        AgreementError,
        match=r"^source 'Interview': segment \[10, 5\) does not end after it starts$",
    ):
        segments(project, units={"Interview": [(10, 5)]})
    with pytest.raises(
        AgreementError, match=r"^source 'Interview': segments \[0, 10\) and \[5, 20\) overlap$"
    ):
        segments(project, units={"Interview": [(5, 20), (0, 10)]})
    with pytest.raises(
        AgreementError,
        match=r"^source 'Interview': segment \[10, 30\) is not within its 20 characters$",
    ):
        segments(project, units={"Interview": [(10, 30)]})
    with pytest.raises(
        AgreementError, match=r"^no segments 'lines'; segments: paragraphs, sources$"
    ):
        segments(project, units="lines")
    with pytest.raises(AgreementError, match=r"^no segment method 'gwet'; methods: kappa, "):
        segments(project, method="gwet")


def test_segments_in_paragraphs_leave_recordings_out_and_say_so() -> None:
    table = segments(_media_project(), method="percent", units="paragraphs")
    assert "milliseconds of 'Recording' left out: segments are in text" in table.notes
    whole = segments(_media_project(), method="percent", units="sources")
    # collage, recording, the PDF's text and its pages
    assert [r["segments"] for r in whole.records()] == [4, 4, 8, 4]
    assert [(r["both"], r["a_only"], r["neither"]) for r in whole.records()[:2]] == [
        (3, 0, 1),
        (0, 1, 3),
    ]


def test_groups_of_coders_and_coders_of_two_projects() -> None:
    three = two_coders(
        "x" * 10, {"A": [(0, 4)]}, {"A": [(2, 6)]}, {"A": [(0, 6)]}, names=("Ann", "Ben", "Cy")
    )
    grouped = first(nvivo(three, coders=[["Ann", "Ben"], "Cy"]))
    assert (grouped["both"], grouped["a_only"], grouped["b_only"]) == (6, 0, 0)
    assert nvivo(three, coders=[["Ann", "Ben"], "Cy"]).notes[0].startswith("A = Ann+Ben; B = Cy.")
    with pytest.raises(AgreementError, match=r"^a group of coders needs at least one coder$"):
        nvivo(three, coders=[[], "Cy"])
    pair = first(nvivo(three, three, coders=["Ann", "Cy"]))
    assert (pair["both"], pair["b_only"]) == (4, 2)
    with pytest.raises(
        AgreementError,
        match=r"^two projects are compared coder against coder, one per project; given 3 coders$",
    ):
        nvivo(three, three, coders=["Ann", "Ben", "Cy"])


def test_sources_with_one_text_twice_are_not_guessed_and_unknown_codes_are_counted() -> None:
    one = two_coders("Same text.", {"Bridge": [(0, 4)]}, {"Bridge": [(0, 4)]})
    source = one.sources[0]
    twice = attrs.evolve(
        one,
        sources=(
            attrs.evolve(source, id=uuid.uuid5(NAMESPACE, "copy 1")),
            attrs.evolve(source, id=uuid.uuid5(NAMESPACE, "copy 2")),
        ),
    )
    notes = nvivo(one, twice).notes[2:]
    assert (
        notes[0]
        == "source 'Interview' of Study (1): 2 sources of Study (2) have its text; not compared"
    )
    dangling = attrs.evolve(one, codes=())
    assert nvivo(dangling, coders=["Ann", "Ben"]).notes[2:] == (
        "2 codings of unknown codes left out: their code is not in the codebook",
    )


def test_timed_transcript_spans_are_compared_on_the_recordings_time_axis() -> None:
    """Ann codes the transcript from 0 to 2,000 ms, Ben from 1,000 to 2,000 ms and once
    up to a sync point with no time, which cannot be placed."""
    made = iter(uuid.uuid5(NAMESPACE, f"transcript agreement/{n}") for n in range(100))
    ann, ben = (qcode.User(id=next(made), name=name) for name in ("Ann", "Ben"))
    code = qcode.Code(id=next(made), name="Bridge")
    points = tuple(
        qcode.SyncPoint(id=next(made), time=time, position=n)
        for n, time in enumerate((0, 1000, 2000, None))
    )
    transcript = qcode.Transcript(id=next(made), text="Hello all", sync_points=points)

    def coded(user: qcode.User, start: int, end: int) -> qcode.Excerpt:
        span = qcode.TranscriptSpan(
            transcript=transcript.id, from_sync=points[start].id, to_sync=points[end].id
        )
        coding = qcode.Coding(id=next(made), code=code.id, coder=user.id)
        return qcode.Excerpt(id=next(made), anchor=span, codings=(coding,))

    recording = qcode.Source(
        id=next(made),
        name="Meeting",
        content=qcode.AudioContent(transcripts=(transcript,)),
        excerpts=(coded(ann, 0, 2), coded(ben, 1, 2), coded(ben, 1, 3)),
    )
    project = qcode.Project(name="P", users=(ann, ben), codes=(code,), sources=(recording,))
    table = nvivo(project)
    assert table.rows[0][:9] == (
        "Bridge", "Meeting", "milliseconds", "code × source", 2000, 1000, 1000, 0, 0,
    )  # fmt: skip
    assert first(table)["agreement_pct"] == 50.0
    assert table.notes[-1] == (
        "1 coding on untimed transcript spans left out: a span is compared on its "
        "recording's time axis, which needs a timed sync point at each end, the end not "
        "before the start"
    )


@pytest.mark.parametrize(
    ("measure", "method", "wanted"),
    [
        (nvivo, "the NVivo coding comparison", "two sides"),
        (alpha, "the α family", "two or more sides"),
        (maxqda, "MAXQDA's intercoder agreement", "two sides"),
        (disagreements, "listing disagreements", "two or more sides"),
    ],
)
def test_codings_without_a_coder_are_refused_with_the_reason(
    measure: Callable[[qcode.Project], qcode.Table], method: str, wanted: str
) -> None:
    b = qcode.ProjectBuilder("Nobody's", id_namespace=NAMESPACE)
    code = b.code("Bridge")
    b.quote(b.text_source("Diary", "We are a bridge."), "a bridge", codes=[code])
    with pytest.raises(AgreementError) as refused:
        measure(b.build())
    assert str(refused.value) == (
        f"{method} compares {wanted}; given 0 (none): no coding names the user who made it, "
        "and it compares coders' codings"
    )


def test_a_project_without_codings_or_sources_is_refused_as_such() -> None:
    """It was refused as if its codings named no coder (the MAXQDA sample, a codebook)."""
    b = qcode.ProjectBuilder("Uncoded", id_namespace=NAMESPACE)
    b.user("Ann")
    without_sources = b.build()
    b.text_source("Diary", "We are a bridge.")
    for project, held in ((b.build(), "no codings"),
                          (without_sources, "no sources")):  # fmt: skip
        with pytest.raises(AgreementError) as refused:
            nvivo(project)
        assert str(refused.value) == (
            f"the NVivo coding comparison compares two sides; given 0 (none): the project "
            f"holds {held}"
        )


def test_a_kappa_shown_as_nvivo_shows_it_stays_out_of_the_means() -> None:
    """κ 0/0 is shown as 1, as NVivo shows it, and left out of the means either way."""
    project = two_coders(
        "x" * 10, {"d": [(0, 10)], "e": [(0, 10)]}, {"d": [(0, 4)], "e": [(0, 10)]}
    )
    for as_nvivo, shown in ((True, 1.0), (False, None)):
        rows = nvivo(project, as_nvivo=as_nvivo).records()
        kappa = rows[1]["kappa"]
        assert kappa == shown if shown is not None else math.isnan(kappa)
        means = [(r["scope"], r["kappa"], r["note"]) for r in rows[3:]]
        assert means == [
            ("size-weighted mean", 0.0, "1 row with κ undefined left out of the κ mean"),
            ("unweighted mean", 0.0, "1 row with κ undefined left out of the κ mean"),
        ]


def test_a_row_whose_figures_are_undefined_is_named_in_each_mean_it_stays_out_of() -> None:
    """Spans past the end of a text of 3 (ATLAS.ti's texts read as empty) leave rows with
    nothing coded: their Jaccard index is 0/0 (and on an empty text the agreement too), and
    only κ's were said to be left out of the means."""
    project = two_coders("abc", {"d": [(0, 3)], "e": [(5, 9)]}, {"d": [(0, 2)], "e": [(6, 9)]})
    rows = nvivo(project).records()
    assert [(r["code"], r["agreement_pct"], r["jaccard"]) for r in rows[:2]] == [
        ("d", pytest.approx(200 / 3), pytest.approx(2 / 3)),
        ("e", 100.0, pytest.approx(math.nan, nan_ok=True)),
    ]
    means = [(r["scope"], r["agreement_pct"], r["jaccard"], r["note"]) for r in rows[3:]]
    said = (
        "1 row with κ undefined left out of the κ mean; 1 row with jaccard undefined left "
        "out of the jaccard mean"
    )
    assert means == [
        ("size-weighted mean", pytest.approx(250 / 3), pytest.approx(2 / 3), said),
        ("unweighted mean", pytest.approx(250 / 3), pytest.approx(2 / 3), said),
    ]
    empty = nvivo(two_coders("", {"d": [(0, 3)]}, {"d": [(0, 2)]})).records()
    assert empty[-1]["note"] == (
        "1 row with agreement_pct undefined left out of the agreement_pct mean; 1 row with κ "
        "undefined left out of the κ mean; 1 row with jaccard undefined left out of the "
        "jaccard mean"
    )
    assert math.isnan(empty[-1]["agreement_pct"])


def test_a_coder_with_no_codings_and_codings_of_no_coder_are_said() -> None:
    """Both were left out without a word: κ 0 for a coder who coded nothing, and codings
    that name no coder (or one the project lacks) were not counted anywhere."""
    nobody = qcode.User(id=uuid.uuid5(NAMESPACE, "Nobody"), name="Nobody")
    ghost = qcode.User(id=uuid.uuid5(NAMESPACE, "ghost"), name="Ghost")  # not in the project
    untold = _coded(qcode.TextSpan(2, 7), BRIDGE, ANN, 2)
    untold = attrs.evolve(untold, codings=(attrs.evolve(untold.codings[0], coder=None),))
    text = _diary(
        "x" * 9, _coded(qcode.TextSpan(0, 5), BRIDGE, ANN, 1), untold,
        _coded(qcode.TextSpan(2, 7), BRIDGE, ghost, 3),
    )  # fmt: skip
    project = qcode.Project(name="P", users=(ANN, BEN, nobody), codes=(BRIDGE,), sources=(text,))
    notes = nvivo(project, coders=["Ann", "Nobody"]).notes
    assert notes[2:4] == (
        "Nobody made no codings",
        "2 codings of no coder left out: they name none, or one the project lacks",
    )


def test_yes_or_no_options_of_the_measures_take_true_or_false() -> None:
    """``include_children="no"`` was taken as yes (36 rows for 32), ``as_nvivo="no"`` likewise,
    and ``min_overlap=True`` as 1.0."""
    project = two_coders("We are a bridge.", {"Bridge": [(7, 15)]}, {"Bridge": [(3, 15)]})
    alpha, maxqda = qcode.agreement.alpha, qcode.agreement.maxqda
    either = "is True or False, not"
    for call, said in (
        (lambda: nvivo(project, include_children="no"), f"include_children {either} 'no'"),
        (lambda: nvivo(project, as_nvivo="no"), f"as_nvivo {either} 'no'"),
        (lambda: alpha(project, include_children=None), f"include_children {either} None"),
        (lambda: maxqda(project, min_overlap=True), "the minimum overlap is a share (a number), "
         "not True"),
    ):  # fmt: skip
        with pytest.raises(TypeError) as refused:
            call()  # type: ignore[arg-type]
        assert str(refused.value) == said
