"""Each validation rule, with the exact issue lines it produces."""

from __future__ import annotations

import datetime as dt
import uuid

import attrs
import pytest
from attrs import evolve

import qcode
from tests.conftest import NAMESPACE

U1 = uuid.UUID("11111111-1111-1111-1111-111111111111")
U2 = uuid.UUID("22222222-2222-2222-2222-222222222222")


def lines(project: qcode.Project) -> list[str]:
    return [str(issue) for issue in qcode.validate(project)]


def with_source(project: qcode.Project, **changes: object) -> qcode.Project:
    return evolve(project, sources=(evolve(project.sources[0], **changes),))


def with_excerpt(project: qcode.Project, **changes: object) -> qcode.Project:
    source = project.sources[0]
    first = evolve(source.excerpts[0], **changes)
    return with_source(project, excerpts=(first, *source.excerpts[1:]))


def test_valid_project_has_no_issues(project: qcode.Project) -> None:
    assert qcode.validate(project) == ()


def test_duplicate_id_within_a_kind(project: qcode.Project) -> None:
    clash = evolve(project.codes[2], id=project.codes[1].id)
    broken = evolve(project, codes=(*project.codes[:2], clash))
    issue, *unresolved = qcode.validate(broken)
    assert issue.severity is qcode.Severity.ERROR
    assert issue.code == "duplicate-id"
    assert str(issue) == (
        f"ERROR $.codes[2]: id {clash.id} is already used by code 'Bridge' at $.codes[1]"
    )
    assert [i.path for i in unresolved] == [
        "$.sources[0].excerpts[1].codings[0].code",
        "$.themes[0].codes[1]",
    ]


def test_shared_id_across_kinds_is_a_warning(project: qcode.Project) -> None:
    note = evolve(project.notes[0], id=project.themes[0].id)
    shared = evolve(project, notes=(note,), codes=project.codes)
    issues = qcode.validate(shared)
    assert [(i.severity, i.code, i.path) for i in issues] == [
        (qcode.Severity.ERROR, "unresolved-reference", "$.codes[1].note_refs[0]"),
        (qcode.Severity.WARNING, "shared-id", "$.notes[0]"),
    ]
    assert issues[1].message == (f"id {note.id} is shared with theme 'Core tension' at $.themes[0]")


def test_unresolved_and_wrong_kind_references(project: qcode.Project) -> None:
    theme = evolve(project.themes[0], codes=(U1, project.sources[0].id))
    assert lines(evolve(project, themes=(theme,))) == [
        f"ERROR $.themes[0].codes[0]: no code has id {U1}",
        f"ERROR $.themes[0].codes[1]: id {project.sources[0].id} is source 'Workshop 1', "
        "not a code",
    ]


def test_links_may_point_at_anything_but_must_resolve(project: qcode.Project) -> None:
    good = qcode.Link(id=U1, origin=project.codes[0].id, target=project.sources[0].id)
    bad = qcode.Link(id=U2, origin=U1, target=uuid.UUID(int=7))
    assert lines(evolve(project, links=(good, bad))) == [
        f"ERROR $.links[1].target: no object has id {uuid.UUID(int=7)}"
    ]


def test_span_order_and_range(project: qcode.Project) -> None:
    broken = with_excerpt(project, anchor=qcode.TextSpan(40, 36), quote=None)
    assert lines(broken) == [
        "ERROR $.sources[0].excerpts[0].anchor.end: end (36) must be greater than start (40)",
        "ERROR $.sources[0].excerpts[0].anchor.end: end 36 is beyond the end of the text "
        "(35 characters)",
    ]


def test_negative_start(project: qcode.Project) -> None:
    broken = with_excerpt(project, anchor=qcode.TextSpan(-1, 3), quote=None)
    assert lines(broken) == ["ERROR $.sources[0].excerpts[0].anchor.start: start -1 is negative"]


def test_quote_must_match_the_text(project: qcode.Project) -> None:
    broken = with_excerpt(project, quote="a brigde")
    (issue,) = qcode.validate(broken)
    assert issue.code == "quote-mismatch"
    assert str(issue) == (
        "ERROR $.sources[0].excerpts[0].quote: quote 'a brigde' differs from the text at "
        "[7, 15): 'a bridge'"
    )


def test_anchor_must_suit_the_medium(project: qcode.Project) -> None:
    broken = with_excerpt(project, anchor=qcode.TimeSpan(0, 10))
    assert lines(broken) == [
        "ERROR $.sources[0].excerpts[0].anchor: a time span cannot anchor an excerpt in a "
        "text source"
    ]


def test_text_span_needs_text(project: qcode.Project) -> None:
    broken = with_source(project, content=qcode.PictureContent(path="x.png"))
    assert lines(broken)[0] == (
        "ERROR $.sources[0].excerpts[0].anchor: the source has no text for a text span"
    )


def test_regions_and_time_spans() -> None:
    picture = qcode.Source(
        id=U1,
        name="Collage",
        content=qcode.PictureContent(),
        excerpts=(
            qcode.Excerpt(id=uuid.UUID(int=1), anchor=qcode.PictureRegion(10, 10, 5, 20)),
            qcode.Excerpt(id=uuid.UUID(int=2), anchor=qcode.PictureRegion(-1, 0, 5, 5)),
        ),
    )
    pdf = qcode.Source(
        id=U2,
        name="Report",
        content=qcode.PDFContent(),
        excerpts=(qcode.Excerpt(id=uuid.UUID(int=3), anchor=qcode.PDFRegion(-1, 0, 0, 5, 5)),),
    )
    video = qcode.Source(
        id=uuid.UUID(int=9),
        name="Video",
        content=qcode.VideoContent(),
        excerpts=(qcode.Excerpt(id=uuid.UUID(int=4), anchor=qcode.TimeSpan(500, 500)),),
    )
    assert lines(qcode.Project(name="p", sources=(picture, pdf, video))) == [
        "ERROR $.sources[0].excerpts[0].anchor: region (10, 10, 5, 20) has its lower-right "
        "corner above or left of its upper-left corner",
        "ERROR $.sources[0].excerpts[1].anchor: region (-1, 0, 5, 5) has a negative coordinate",
        "ERROR $.sources[1].excerpts[0].anchor.page: page -1 is negative",
        "ERROR $.sources[2].excerpts[0].anchor.end: end (500) must be greater than begin (500)",
    ]


def test_transcripts_and_sync_points() -> None:
    sync = qcode.SyncPoint(id=uuid.UUID(int=1), time=-5, position=99)
    transcript = qcode.Transcript(id=uuid.UUID(int=2), text="short", sync_points=(sync,))
    stray = uuid.UUID(int=3)
    audio = qcode.Source(
        id=U1,
        name="Meeting",
        content=qcode.AudioContent(transcripts=(transcript,)),
        excerpts=(
            qcode.Excerpt(
                id=uuid.UUID(int=4),
                anchor=qcode.TranscriptSpan(
                    transcript=transcript.id, from_sync=sync.id, to_sync=stray
                ),
            ),
            qcode.Excerpt(id=uuid.UUID(int=5), anchor=qcode.TranscriptSpan(transcript=stray)),
        ),
    )
    assert lines(qcode.Project(name="p", sources=(audio,))) == [
        "ERROR $.sources[0].content.transcripts[0].sync_points[0].position: position 99 is "
        "outside the transcript text (0 to 5)",
        "ERROR $.sources[0].content.transcripts[0].sync_points[0].time: time -5 is negative",
        f"ERROR $.sources[0].excerpts[0].anchor.to_sync: no sync point has id {stray}",
        f"ERROR $.sources[0].excerpts[1].anchor.transcript: no transcript has id {stray}",
    ]


def test_code_hierarchy_cycle(project: qcode.Project) -> None:
    folder, bridge, toll = project.codes
    looped = evolve(folder, parent=toll.id)
    assert lines(evolve(project, codes=(looped, bridge, toll))) == [
        "ERROR $.codes[0].parent: code hierarchy loops: 'Findings' → 'Toll' → 'Findings'"
    ]


def test_a_long_cycle_is_said_in_a_line() -> None:
    """Every name was listed: a loop of 3,000 codes made one message of 29,000 characters."""
    ids = [uuid.UUID(int=n + 1) for n in range(3_000)]
    codes = tuple(
        qcode.Code(id=ids[n], name=f"C{n}", parent=ids[(n + 1) % 3_000]) for n in range(3_000)
    )
    assert lines(qcode.Project(name="p", codes=codes)) == [
        "ERROR $.codes[0].parent: code hierarchy loops: 'C0' → 'C1' → 'C2' → 'C3' → 'C4' → "
        "… (3,000 codes) → 'C0'"
    ]
    twelve = tuple(qcode.Code(id=ids[n], name=f"C{n}", parent=ids[(n + 1) % 12]) for n in range(12))
    assert lines(qcode.Project(name="p", codes=twelve)) == [
        "ERROR $.codes[0].parent: code hierarchy loops: "
        + " → ".join(f"'C{n}'" for n in (*range(12), 0))
    ]  # a loop of 12 is shown whole


def test_theme_cycle_on_itself(project: qcode.Project) -> None:
    theme = evolve(project.themes[0], parent=project.themes[0].id)
    assert lines(evolve(project, themes=(theme,))) == [
        "ERROR $.themes[0].parent: theme hierarchy loops: 'Core tension' → 'Core tension'"
    ]


def test_coding_with_a_folder_is_a_warning(project: qcode.Project) -> None:
    excerpt = project.sources[0].excerpts[0]
    coding = evolve(excerpt.codings[0], code=project.codes[0].id)
    issues = qcode.validate(with_excerpt(project, codings=(coding,)))
    assert [str(i) for i in issues] == [
        "WARNING $.sources[0].excerpts[0].codings[0].code: code 'Findings' is a folder "
        "(not codable) but is applied here"
    ]
    assert not issues[0].is_error


def test_variable_values_have_the_declared_type(project: qcode.Project) -> None:
    variable = project.variables[0]
    case = evolve(
        project.cases[0],
        values=(qcode.VariableValue(variable.id, 42), qcode.VariableValue(variable.id, "x")),
    )
    assert lines(evolve(project, cases=(case,))) == [
        "ERROR $.cases[0].values[0].value: 42 is an integer value, but variable 'Role' holds "
        "text values",
        "ERROR $.cases[0].values[1]: variable 'Role' already has a value on this object",
    ]


def test_colours(project: qcode.Project) -> None:
    code = evolve(project.codes[2], color="red")
    assert lines(evolve(project, codes=(*project.codes[:2], code))) == [
        "ERROR $.codes[2].color: 'red' is not a colour like '#1F77B4' or '#F00'"
    ]


def test_timestamps_need_a_zone(project: qcode.Project) -> None:
    naive = dt.datetime(2023, 1, 2, 3, 4)
    audit = qcode.Audit(created_at=naive)
    assert lines(evolve(project, audit=audit)) == [
        "ERROR $.audit.created_at: timestamp 2023-01-02T03:04:00 has no time zone "
        "(add one, e.g. +00:00)"
    ]


def test_names_present(project: qcode.Project) -> None:
    broken = evolve(
        project,
        name=" ",
        codes=(evolve(project.codes[0], name=""), *project.codes[1:]),
        cases=(evolve(project.cases[0], label=None),),
    )
    assert lines(broken) == [
        "ERROR $.cases[0].label: a participant has no label",
        "ERROR $.codes[0].name: a code has no name",
        "ERROR $.name: the project has no name",
    ]


def test_a_name_of_invisible_characters_is_no_name(project: qcode.Project) -> None:
    """A zero-width space, a byte order mark, a Hangul filler, a variation selector or a
    control character shows as nothing."""
    broken = evolve(
        project,
        codes=(evolve(project.codes[0], name="\u200b"), *project.codes[1:]),
        sources=(evolve(project.sources[0], name="\ufeff \u3164\ufe0f"), *project.sources[1:]),
        cases=(evolve(project.cases[0], label="\x07"),),
        themes=(evolve(project.themes[0], name="\u034f\u180b\u17b4"),),  # were names
    )
    assert lines(broken) == [
        "ERROR $.cases[0].label: a participant has no label",
        "ERROR $.codes[0].name: a code has no name",
        "ERROR $.sources[0].name: a source has no name",
        "ERROR $.themes[0].name: a theme has no name",
    ]
    assert lines(evolve(project, name="\u200bA")) == []  # something shows


def test_sibling_code_names(project: qcode.Project) -> None:
    twin = evolve(project.codes[2], name="bridge ")
    issues = qcode.validate(evolve(project, codes=(*project.codes[:2], twin)))
    assert [str(i) for i in issues] == [
        "WARNING $.codes[2].name: code 'bridge ' has the same name as $.codes[1] under the "
        "same parent"
    ]


def test_issue_str_with_a_file_and_line() -> None:
    issue = qcode.Issue(
        severity=qcode.Severity.WARNING,
        code="x",
        path="/Project/Sources",
        message="m",
        file="a.qde",
        line=3,
    )
    assert str(issue) == "WARNING a.qde:3 /Project/Sources: m"
    assert str(evolve(issue, line=None)) == "WARNING a.qde /Project/Sources: m"


def test_excerpts_in_notes_are_checked(project: qcode.Project) -> None:
    note = evolve(
        project.notes[0],
        excerpts=(
            qcode.Excerpt(id=U1, anchor=qcode.TextSpan(0, 99)),
            qcode.Excerpt(id=U2, anchor=qcode.TimeSpan(0, 1)),
        ),
    )
    assert lines(evolve(project, notes=(note,))) == [
        "ERROR $.notes[0].excerpts[0].anchor.end: end 99 is beyond the end of the text "
        "(18 characters)",
        "ERROR $.notes[0].excerpts[1].anchor: a time span cannot anchor an excerpt in a note",
    ]


def test_a_code_deeper_than_the_limit_is_an_error() -> None:
    b = qcode.ProjectBuilder("Deep")
    parent = None
    for level in range(1, 103):
        parent = b.code(f"Level {level}", parent=parent)
    b.code("Aside", parent="Level 1/" + "/".join(f"Level {n}" for n in range(2, 101)))
    codes = b.build().codes
    issues = qcode.validate(b.build())
    assert [(i.code, i.path, i.message) for i in issues] == [
        ("code-too-deep", "$.codes[100].parent",
         "code 'Level 101' sits 101 levels deep, with 1 code below it; REFI-QDA files hold "
         "at most 100 (Limits.code_depth)"),
        ("code-too-deep", "$.codes[102].parent",
         "code 'Aside' sits 101 levels deep; REFI-QDA files hold at most 100 "
         "(Limits.code_depth)"),
    ]  # fmt: skip
    assert len(codes) == 103


def test_a_chain_far_past_the_limit_is_one_error_not_one_a_code() -> None:
    """A chain of 20,000 codes gave 19,900 errors, one for each code past the limit."""
    ids = [uuid.UUID(int=n + 1) for n in range(20_000)]
    codes = tuple(
        qcode.Code(id=ids[n], name=f"C{n}", parent=ids[n - 1] if n else None) for n in range(20_000)
    )
    assert lines(qcode.Project(name="p", codes=codes)) == [
        "ERROR $.codes[100].parent: code 'C100' sits 101 levels deep, with 19,899 codes below "
        "it; REFI-QDA files hold at most 100 (Limits.code_depth)"
    ]


def test_code_depths_skip_cycles_and_count_a_missing_parent_as_none() -> None:
    from qcode._validation._rules import code_depths

    ids = [uuid.UUID(int=i) for i in range(1, 7)]
    codes = [
        qcode.Code(id=ids[0], name="top"),
        qcode.Code(id=ids[1], name="child", parent=ids[0]),
        qcode.Code(id=ids[2], name="grandchild", parent=ids[1]),
        qcode.Code(id=ids[3], name="orphan", parent=uuid.UUID(int=99)),
        qcode.Code(id=ids[4], name="loop a", parent=ids[5]),
        qcode.Code(id=ids[5], name="loop b", parent=ids[4]),
    ]
    assert code_depths(list(reversed(codes))) == {ids[0]: 1, ids[1]: 2, ids[2]: 3, ids[3]: 1}


def _recording(
    sync_time: int | None, position: int | None, spans: list[qcode.Anchor]
) -> qcode.Project:
    first = qcode.SyncPoint(id=uuid.UUID(int=11), time=sync_time, position=position)
    other = qcode.SyncPoint(id=uuid.UUID(int=12), time=5, position=0)
    transcripts = (
        qcode.Transcript(id=uuid.UUID(int=21), text="Hello", sync_points=(first,)),
        qcode.Transcript(id=uuid.UUID(int=22), text="Bye", sync_points=(other,)),
    )
    source = qcode.Source(
        id=uuid.UUID(int=1),
        name="Talk",
        content=qcode.AudioContent(path="relative:///talk.m4a", transcripts=transcripts),
        excerpts=tuple(
            qcode.Excerpt(id=uuid.UUID(int=100 + n), anchor=a) for n, a in enumerate(spans)
        ),
    )
    return qcode.Project(name="P", sources=(source,))


def _picture(anchor: qcode.Anchor, text: str | None = None) -> qcode.Project:
    source = qcode.Source(
        id=uuid.UUID(int=1),
        name="Collage",
        content=qcode.PictureContent(text=text),
        excerpts=(qcode.Excerpt(id=uuid.UUID(int=2), anchor=anchor),),
    )
    return qcode.Project(name="P", sources=(source,))


TALK = "$.sources[0]"
HELLO, BYE_SYNC = uuid.UUID(int=21), uuid.UUID(int=12)  # a transcript, another's sync point
NOWHERE = uuid.UUID(int=13)  # a sync point of no transcript


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        (_recording(-1, 0, []), [("span-out-of-range", f"{TALK}.content.transcripts[0]"
                                  ".sync_points[0].time", "time -1 is negative")]),
        (_recording(0, 5, []), []),  # a sync point may sit at the end of its text
        (_recording(0, 6, []), [("span-out-of-range", f"{TALK}.content.transcripts[0]"
                                 ".sync_points[0].position", "position 6 is outside the "
                                 "transcript text (0 to 5)")]),
        (_recording(0, 0, [qcode.TimeSpan(-5, 10)]),
         [("span-out-of-range", f"{TALK}.excerpts[0].anchor.begin", "begin -5 is negative")]),
        (_recording(0, 0, [qcode.TranscriptSpan(transcript=HELLO, from_sync=BYE_SYNC)]),
         [("unresolved-reference", f"{TALK}.excerpts[0].anchor.from_sync",
           f"sync point {BYE_SYNC} is one of transcript {uuid.UUID(int=22)}, not of "
           f"transcript {HELLO}")]),
        (_recording(0, 0, [qcode.TranscriptSpan(transcript=HELLO, to_sync=NOWHERE)]),
         [("unresolved-reference", f"{TALK}.excerpts[0].anchor.to_sync",
           f"no sync point has id {NOWHERE}")]),  # said once, not twice
        (_picture(qcode.TextSpan(0, 1)), [("anchor-mismatch", f"{TALK}.excerpts[0].anchor",
                                          "the source has no text for a text span")]),
        (_picture(qcode.TextSpan(-1, 1), "ab"), [("span-out-of-range", f"{TALK}.excerpts[0]"
                                                  ".anchor.start", "start -1 is negative")]),
        (_picture(qcode.PictureRegion(1, 1, 1, 1)), []),  # a point is a region
    ],
)  # fmt: skip
def test_each_place_a_rule_is_checked(
    project: qcode.Project, expected: list[tuple[str, str, str]]
) -> None:
    assert [(i.code, i.path, i.message) for i in qcode.validate(project)] == expected


def test_an_object_without_a_name_is_named_by_its_id(project: qcode.Project) -> None:
    twin = evolve(project.sources[0].excerpts[1], id=project.sources[0].excerpts[0].id)
    source = evolve(project.sources[0], excerpts=(project.sources[0].excerpts[0], twin))
    issues = qcode.validate(evolve(project, sources=(source, *project.sources[1:])))
    excerpt_id = project.sources[0].excerpts[0].id
    assert [(i.code, i.path, i.message) for i in issues if i.code == "duplicate-id"] == [
        (
            "duplicate-id",
            "$.sources[0].excerpts[1]",
            f"id {excerpt_id} is already used by excerpt {excerpt_id} at $.sources[0].excerpts[0]",
        )
    ]


def test_a_note_excerpt_s_quote_and_anchor_are_checked(project: qcode.Project) -> None:
    note = evolve(
        project.notes[0],
        excerpts=(
            qcode.Excerpt(id=U1, anchor=qcode.TextSpan(0, 4), quote="nope"),
            qcode.Excerpt(id=U2, anchor=qcode.PictureRegion(0, 0, 1, 1)),
        ),
    )
    text = project.notes[0].text
    issues = qcode.validate(evolve(project, notes=(note,)))
    assert [(i.code, i.path, i.message) for i in issues] == [
        ("quote-mismatch", "$.notes[0].excerpts[0].quote",
         f"quote 'nope' differs from the text at [0, 4): {text[:4]!r}"),
        ("anchor-mismatch", "$.notes[0].excerpts[1].anchor",
         "a picture region cannot anchor an excerpt in a note"),
    ]  # fmt: skip


def test_values_after_an_empty_one_are_still_checked(project: qcode.Project) -> None:
    case = project.cases[0]
    variable = project.variables[0]
    values = (qcode.VariableValue(variable.id), qcode.VariableValue(variable.id, 3))
    issues = qcode.validate(evolve(project, cases=(evolve(case, values=values),)))
    assert [(i.code, i.path) for i in issues] == [
        ("duplicate-value", "$.cases[0].values[1]"),
        ("value-type-mismatch", "$.cases[0].values[1].value"),
    ]


class _NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: as good as none."""

    def utcoffset(self, when: dt.datetime | None) -> None:
        return None


def test_a_time_zone_without_an_offset_is_no_time_zone(project: qcode.Project) -> None:
    when = dt.datetime(2023, 1, 2, 3, 4, tzinfo=_NoOffset())
    issues = qcode.validate(evolve(project, audit=qcode.Audit(created_at=when)))
    assert [(i.code, i.path) for i in issues] == [("naive-timestamp", "$.audit.created_at")]


def test_a_transcript_span_of_another_source_or_running_backwards_is_an_error() -> None:
    b = qcode.ProjectBuilder("Talks", id_namespace=NAMESPACE)

    def recording(name: str) -> tuple[qcode.Source, qcode.Transcript]:
        points = tuple(
            qcode.SyncPoint(id=uuid.uuid5(NAMESPACE, f"{name} {n}"), time=n * 1000, position=n)
            for n in (0, 5)
        )
        said = qcode.Transcript(id=uuid.uuid5(NAMESPACE, name), text="Hello", sync_points=points)
        return b.source(name, qcode.AudioContent(transcripts=(said,))), said

    (first, one), (second, _) = recording("One"), recording("Two")
    start, end = (p.id for p in one.sync_points)
    spans = (  # put in directly: the builder refuses both
        qcode.TranscriptSpan(transcript=one.id, from_sync=end, to_sync=start),
        qcode.TranscriptSpan(transcript=one.id, from_sync=start, to_sync=end),
    )
    sources = tuple(
        attrs.evolve(
            source, excerpts=(qcode.Excerpt(id=uuid.uuid5(NAMESPACE, str(n)), anchor=span),)
        )
        for n, (source, span) in enumerate(zip((first, second), spans, strict=True))
    )
    issues = qcode.validate(attrs.evolve(b.build(), sources=sources))
    refused = []
    for source, span in zip((first, second), spans, strict=True):
        with pytest.raises(ValueError) as told:
            b.excerpt(source, span)
        refused.append(str(told.value))
    assert refused == [
        "a transcript span of source 'One': it ends at position 0, before its start (position 5)",
        f"a transcript span of source 'Two': transcript {one.id} is not one of the source's "
        "transcripts",
    ]
    assert [(i.code, i.path, i.message) for i in issues] == [
        (
            "span-order",
            "$.sources[0].excerpts[0].anchor.to_sync",
            f"the span ends at sync point {start} (position 0), before its start, sync point "
            f"{end} (position 5)",
        ),
        (
            "anchor-mismatch",
            "$.sources[1].excerpts[0].anchor.transcript",
            f"transcript {one.id} is one of source 'One'",
        ),
    ]


def _transcript_span_said(
    points: tuple[qcode.SyncPoint, ...], start: int, end: int
) -> tuple[str, list[tuple[str, str, str]]]:
    """What the builder says refusing a transcript span from sync point ``start`` to ``end``
    of a recording's transcript, and what validate says of one put in directly."""
    said = qcode.Transcript(id=uuid.UUID(int=30), text="Hello there", sync_points=points)
    b = qcode.ProjectBuilder("Talk", id_namespace=NAMESPACE)
    talk = b.source("Talk", qcode.AudioContent(transcripts=(said,)))
    span = qcode.TranscriptSpan(
        transcript=said.id, from_sync=points[start].id, to_sync=points[end].id
    )
    with pytest.raises(ValueError) as refused:
        b.excerpt(talk, span)
    excerpt = qcode.Excerpt(id=uuid.UUID(int=33), anchor=span)
    project = b.build()
    put = attrs.evolve(project, sources=(attrs.evolve(project.sources[0], excerpts=(excerpt,)),))
    return str(refused.value), [(i.code, i.path, i.message) for i in qcode.validate(put)]


def test_a_transcript_span_back_in_time_is_an_error_and_refused_by_the_builder() -> None:
    first = qcode.SyncPoint(id=uuid.UUID(int=31), time=5000, position=0)
    then = qcode.SyncPoint(id=uuid.UUID(int=32), time=2000, position=6)
    assert _transcript_span_said((first, then), 0, 1) == (
        "a transcript span of source 'Talk': it ends at time 2000 ms, before its start "
        "(time 5000 ms)",
        [
            (
                "span-order",
                "$.sources[0].excerpts[0].anchor.to_sync",
                f"the span ends at sync point {then.id} (time 2000 ms), before its start, sync "
                f"point {first.id} (time 5000 ms)",
            )
        ],
    )


def test_a_transcript_span_from_a_sync_point_to_itself_is_an_error_and_refused() -> None:
    point = qcode.SyncPoint(id=uuid.UUID(int=41), time=1000, position=3)
    assert _transcript_span_said((point,), 0, 0) == (
        f"a transcript span of source 'Talk': it starts and ends at sync point {point.id}, so "
        "it marks nothing",
        [
            (
                "span-order",
                "$.sources[0].excerpts[0].anchor.to_sync",
                f"the span starts and ends at sync point {point.id}, so it marks nothing",
            )
        ],
    )


def test_a_pdf_quotation_as_a_region_and_a_span_under_one_id_is_a_shared_id() -> None:
    """ATLAS.ti writes a PDF quotation twice under one id (a PDFSelection and a
    PlainTextSelection of the PDF's text): a warning, and a case listing it finds it."""
    quotation = uuid.UUID(int=51)
    region = qcode.Excerpt(id=quotation, anchor=qcode.PDFRegion(0, 1, 2, 3, 4), name="Granola")
    span = qcode.Excerpt(id=quotation, anchor=qcode.TextSpan(0, 7), quote="granola")
    source = qcode.Source(
        id=uuid.UUID(int=50),
        name="Recipe",
        content=qcode.PDFContent(path="internal://r.pdf", text="granola"),
        excerpts=(region, span),
    )
    case = qcode.Case(id=uuid.UUID(int=52), label="Cook", excerpts=(quotation,))
    project = qcode.Project(name="Recipes", sources=(source,), cases=(case,))
    assert [(i.severity, i.code, i.path, i.message) for i in qcode.validate(project)] == [
        (
            qcode.Severity.WARNING,
            "shared-id",
            "$.sources[0].excerpts[1]",
            f"id {quotation} is shared with PDF region 'Granola' at $.sources[0].excerpts[0]",
        )
    ]
    twice = evolve(source, excerpts=(region, evolve(region, anchor=qcode.PDFRegion(1, 1, 2, 3, 4))))
    assert [i.code for i in qcode.validate(evolve(project, sources=(twice,)))] == ["duplicate-id"]


def test_sibling_names_in_either_unicode_form_are_the_same_name() -> None:
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    codes = tuple(qcode.Code(id=uuid.UUID(int=n), name=name) for n, name in ((1, composed),
                  (2, decomposed), (3, "CAFÉ ")))  # fmt: skip
    issues = qcode.validate(qcode.Project(name="p", codes=codes))
    assert [(i.code, i.path, i.message) for i in issues] == [
        (
            "duplicate-code-name",
            "$.codes[1].name",
            f"code {decomposed!r} has the same name as $.codes[0] under the same parent",
        ),
        (
            "duplicate-code-name",
            "$.codes[2].name",
            "code 'CAFÉ ' has the same name as $.codes[0] under the same parent",
        ),
    ]


def test_names_a_look_up_could_not_tell_apart_are_reported() -> None:
    """Sources, cases, variables, users, sets, notes and sibling themes: the same name in
    either Unicode form (letter case counts, as look-ups count it); in path order."""
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"

    def uid(n: int) -> uuid.UUID:
        return uuid.UUID(int=n)

    project = qcode.Project(
        name="p",
        sources=tuple(
            qcode.Source(id=uid(n), name=name, kind="diary", content=qcode.TextContent(text="a"))
            for n, name in ((1, composed), (2, decomposed), (3, "CAFÉ"))
        ),
        cases=(qcode.Case(id=uid(4), label="P1"), qcode.Case(id=uid(5), label="P1", kind="site")),
        users=(qcode.User(id=uid(6), name="Ann"), qcode.User(id=uid(7), name="Ann")),
        themes=(
            qcode.Theme(id=uid(8), name="Top"),
            qcode.Theme(id=uid(9), name="Sub", parent=uid(8)),
            qcode.Theme(id=uid(10), name="Sub"),
            qcode.Theme(id=uid(11), name="Sub", parent=uid(8)),
        ),
        notes=(qcode.Note(id=uid(12), text="x"), qcode.Note(id=uid(13), text="y")),
    )
    assert [(i.severity, i.code, i.path, i.message) for i in qcode.validate(project)] == [
        (
            qcode.Severity.WARNING,
            "duplicate-name",
            path,
            f"{message}; a look-up by name cannot tell them apart (use the id)",
        )
        for path, message in (
            ("$.cases[1].label", "case 'P1' has the same name as $.cases[0]"),
            ("$.sources[1].name", f"source {decomposed!r} has the same name as $.sources[0]"),
            (
                "$.themes[3].name",
                "theme 'Sub' has the same name as $.themes[1] under the same parent",
            ),
            ("$.users[1].name", "user 'Ann' has the same name as $.users[0]"),
        )
    ]


def test_a_date_and_time_value_without_a_zone_is_a_naive_timestamp() -> None:
    b = qcode.ProjectBuilder("Times")
    when = b.variable("When", qcode.VariableType.DATETIME)
    aware = dt.datetime(2024, 1, 1, 9, 30, tzinfo=dt.timezone.utc)
    first = b.participant("P1", values={when: aware})
    b.participant("P2", values={when: aware})
    naive = qcode.VariableValue(when.id, aware.replace(tzinfo=None))  # as a file may hold it
    project = b.build()
    project = attrs.evolve(
        project, cases=(attrs.evolve(first, values=(naive,)), *project.cases[1:])
    )
    assert [(i.code, i.path, i.message) for i in qcode.validate(project)] == [
        (
            "naive-timestamp",
            "$.cases[0].values[0].value",
            "timestamp 2024-01-01T09:30:00 has no time zone (add one, e.g. +00:00)",
        )
    ]


def test_a_slash_in_a_theme_s_name_that_gives_two_themes_one_path_is_said() -> None:
    top = qcode.Theme(id=uuid.UUID(int=1), name="T1")
    sub = qcode.Theme(id=uuid.UUID(int=2), name="Sub", parent=top.id)
    flat = qcode.Theme(id=uuid.UUID(int=3), name="T1/Sub")  # the builder refuses it; a file
    project = qcode.Project(name="Paths", themes=(top, sub, flat))
    assert [(i.code, i.path, i.message) for i in qcode.validate(project)] == [
        (
            "duplicate-code-path",
            "$.themes[2].name",
            "theme 'T1/Sub' has the same path as $.themes[1] ('T1/Sub'): a '/' in a name makes "
            "paths ambiguous (look it up by id)",
        )
    ]


def test_a_transcript_span_s_quote_is_checked_against_the_transcript_s_words() -> None:
    start = qcode.SyncPoint(id=uuid.UUID(int=1), time=0, position=0)
    end = qcode.SyncPoint(id=uuid.UUID(int=2), time=900, position=6)
    transcript = qcode.Transcript(
        id=uuid.UUID(int=3), text="Hello there world", sync_points=(start, end)
    )
    span = qcode.TranscriptSpan(transcript=transcript.id, from_sync=start.id, to_sync=end.id)
    excerpts = tuple(
        qcode.Excerpt(id=uuid.UUID(int=4 + n), anchor=span, quote=quote)
        for n, quote in enumerate(("Hello ", "nonsense", None))
    )
    audio = qcode.Source(
        id=U1,
        name="Meeting",
        content=qcode.AudioContent(transcripts=(transcript,)),
        excerpts=excerpts,
    )
    assert lines(qcode.Project(name="p", sources=(audio,))) == [
        "ERROR $.sources[0].excerpts[1].quote: quote 'nonsense' differs from the transcript's "
        "words between its sync points: 'Hello '"
    ]


def test_a_date_of_the_wrong_type_is_shown_as_written(project: qcode.Project) -> None:
    role = project.variables[0].id
    moments = (dt.date(2024, 2, 3), dt.datetime(2024, 2, 3, 10, tzinfo=dt.timezone.utc))
    cases = [
        evolve(project.cases[0], id=uuid.UUID(int=n + 1), label=f"P{n}", values=(value,))
        for n, value in enumerate(qcode.VariableValue(role, m) for m in moments)
    ]
    found = qcode.validate(evolve(project, cases=tuple(cases)))
    assert [i.message for i in found if i.code == "value-type-mismatch"] == [
        "'2024-02-03' is a date value, but variable 'Role' holds text values",
        "'2024-02-03T10:00:00+00:00' is a datetime value, but variable 'Role' holds text values",
    ]


def test_a_quote_in_another_unicode_form_says_so(project: qcode.Project) -> None:
    source = project.sources[0]
    text = "Cafe\u0301 talk"
    excerpt = qcode.Excerpt(id=uuid.UUID(int=8), anchor=qcode.TextSpan(0, 5), quote="Caf\u00e9")
    changed = evolve(source, content=qcode.TextContent(text=text), excerpts=(excerpt,))
    found = qcode.validate(evolve(project, sources=(changed,)))
    assert [i.message for i in found if i.code == "quote-mismatch"] == [
        "quote 'Caf\u00e9' differs from the text at [0, 5): 'Cafe\u0301' (the same letters, "
        "composed in another Unicode form: compare them in NFC)"
    ]


def test_a_reference_to_the_wrong_kind_names_what_it_wanted_with_its_article(
    project: qcode.Project,
) -> None:
    code = project.codes[1]
    example = qcode.Example(text="a bridge", excerpt=code.id)
    found = qcode.validate(
        evolve(
            project, codes=(*project.codes[:1], evolve(code, examples=(example,)), project.codes[2])
        )
    )
    assert [i.message for i in found] == [f"id {code.id} is code 'Bridge', not an excerpt"]


def test_a_reference_to_a_user_that_is_another_object_reads_a_user(
    project: qcode.Project,
) -> None:
    excerpt = project.sources[0].excerpts[0]
    coding = evolve(excerpt.codings[0], coder=project.codes[1].id)
    found = qcode.validate(with_excerpt(project, codings=(coding,)))
    assert [i.message for i in found] == [f"id {project.codes[1].id} is code 'Bridge', not a user"]
