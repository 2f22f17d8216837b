"""The analysis tables against the per-character and per-excerpt answers they avoid."""

from __future__ import annotations

import uuid
from itertools import combinations, product

from hypothesis import given, settings
from hypothesis import strategies as st

import qcode
from qcode import analysis

from .conftest import examples

CODES = tuple(qcode.Code(id=uuid.UUID(int=n + 1), name=f"C{n}") for n in range(3))
spans = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(lambda t: (min(t), max(t)))
excerpts = st.lists(
    st.tuples(spans, st.lists(st.sampled_from(CODES), min_size=1, max_size=3)), max_size=8
)


@st.composite
def projects(draw: st.DrawFn) -> qcode.Project:
    """One to three text sources of 30 characters, each with coded excerpts anywhere
    (empty ones too), some coded twice with the same code."""
    ids = iter(uuid.UUID(int=n) for n in range(100, 10_000))
    sources = []
    for s in range(draw(st.integers(1, 3))):
        made = [
            qcode.Excerpt(
                id=next(ids),
                anchor=qcode.TextSpan(*span),
                codings=tuple(qcode.Coding(id=next(ids), code=c.id) for c in codes),
            )
            for span, codes in draw(excerpts)
        ]
        text = qcode.TextContent(text="x" * 30)
        sources.append(qcode.Source(id=next(ids), name=f"S{s}", content=text, excerpts=made))
    # Two cases, each holding some of the sources whole: a source may have none, or both.
    cases = tuple(
        qcode.Case(
            id=next(ids),
            label=f"P{n}",
            sources=tuple(s.id for s in sources if draw(st.booleans())),
        )
        for n in range(2)
    )
    return qcode.Project(name="P", codes=CODES, sources=tuple(sources), cases=cases)


def characters(excerpt: qcode.Excerpt) -> set[int]:
    anchor = excerpt.anchor
    assert isinstance(anchor, qcode.TextSpan)
    return set(range(anchor.start, anchor.end))


@settings(max_examples=examples(150), deadline=None)
@given(projects())
def test_overlap_cooccurrence_equals_a_check_over_characters(project: qcode.Project) -> None:
    segments = {
        code.id: [
            (source.id, excerpt)
            for source, excerpt in project.iter_excerpts()
            if any(c.code == code.id for c in excerpt.codings)
        ]
        for code in CODES
    }
    expected = []
    for a, b in combinations(CODES, 2):
        pairs = [
            (s, t)
            for (source_s, s), (source_t, t) in product(segments[a.id], segments[b.id])
            if s is t or (source_s == source_t and characters(s) & characters(t))
        ]
        if pairs:
            taking_part = {id(s) for s, _ in pairs} | {id(t) for _, t in pairs}
            both = {id(e) for _, e in segments[a.id]} & {id(e) for _, e in segments[b.id]}
            either = len(segments[a.id]) + len(segments[b.id]) - len(both)
            jaccard = round(len(taking_part) / either, 6)
            expected.append(
                (a.name, b.name, len(pairs), len(segments[a.id]), len(segments[b.id]), jaccard)
            )
    table = analysis.cooccurrence(project, mode="overlap")
    found = [
        (r["code_a"], r["code_b"], r["count"], r["references_a"], r["references_b"], r["jaccard"])
        for r in table
    ]
    assert found == expected


@settings(max_examples=examples(150), deadline=None)
@given(projects())
def test_frequencies_equal_counts_from_iter_excerpts(project: qcode.Project) -> None:
    total = sum(len(source.text or "") for source in project.sources)
    expected = []
    for code in CODES:
        coded = [
            (source, excerpt)
            for source, excerpt in project.iter_excerpts()
            if any(c.code == code.id for c in excerpt.codings)
        ]
        covered = {(s.id, n) for s, e in coded for n in characters(e)}
        share = round(len(covered) / total, 6)
        cases = {c.id for s, _ in coded for c in project.cases if s.id in c.sources}
        row = (len(coded), len({s.id for s, _ in coded}), len(cases), len(covered), share)
        expected.append(row)
    table = analysis.frequencies(project)
    found = [
        (r["references"], r["sources"], r["cases"], r["characters"], r["coverage"]) for r in table
    ]
    assert found == expected


@settings(max_examples=examples(150), deadline=None)
@given(projects())
def test_frequencies_by_source_and_case_equal_counts_from_iter_excerpts(
    project: qcode.Project,
) -> None:
    holdings = {
        "source": {str(s.id): [s] for s in project.sources},
        "case": {
            str(c.id): [s for s in project.sources if s.id in c.sources] for c in project.cases
        },
    }
    for by, groups in holdings.items():
        expected = {}
        for group_id, held in groups.items():
            for code in CODES:
                coded = [
                    (source, excerpt)
                    for source in held
                    for excerpt in source.excerpts
                    if any(c.code == code.id for c in excerpt.codings)
                ]
                covered = {(s.id, n) for s, e in coded for n in characters(e)}
                expected[(group_id, code.name)] = (len(coded), len(covered))
        table = analysis.frequencies(project, by=by)
        found = {
            (r[f"{by}_id"], r["code"]): (r["references"], r["characters"])
            for r in table
            if r[f"{by}_id"] is not None
        }
        assert found == expected, by
