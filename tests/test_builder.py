from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import pytest

import qcode
from qcode._builder._holdings import gives_back_ids
from tests.conftest import NAMESPACE, WHEN, small_project


def test_builder_ids_are_deterministic_with_a_namespace() -> None:
    assert small_project() == small_project()
    project = small_project()
    assert project.codes[0].id == uuid.uuid5(NAMESPACE, "code/None/Findings")


def test_builder_ids_are_random_without_a_namespace() -> None:
    first = qcode.ProjectBuilder("p").code("A")
    second = qcode.ProjectBuilder("p").code("A")
    assert first.id != second.id


def test_repeated_names_get_distinct_ids() -> None:
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    assert b.note("same").id != b.note("same").id


def test_many_excerpts_at_one_place_get_their_ids_at_once() -> None:
    """Each id made from one text (an excerpt's source and place) tried every id made from
    it before: 5,000 excerpts at one place took a minute, the ids alone."""
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    source = b.text_source("S", "a bridge")
    started = time.perf_counter()
    made = [b.excerpt(source, qcode.TextSpan(0, 8)).id for _ in range(5_000)]
    assert time.perf_counter() - started < 10
    assert len(set(made)) == 5_000
    assert made[:2] == [
        uuid.uuid5(NAMESPACE, "excerpt/S/0:8"),
        uuid.uuid5(NAMESPACE, "excerpt/S/0:8/2"),
    ]
    assert made[-1] == uuid.uuid5(NAMESPACE, "excerpt/S/0:8/5000")


def test_quote_places_excerpt_codes_it_and_records_the_speaker() -> None:
    project = small_project()
    source = project.sources[0]
    first, second = source.excerpts
    assert first.anchor == qcode.TextSpan(7, 15)
    assert first.quote == "a bridge"
    assert second.anchor == qcode.TextSpan(17, 35)
    coder = project.users[0].id
    assert [(c.code, c.coder, c.coded_at) for c in first.codings] == [
        (project.codes[1].id, coder, WHEN)
    ]
    (person,) = project.participants
    assert person.excerpts == (first.id,)
    assert person.sources == (source.id,)
    assert qcode.validate(project) == ()


def test_note_attaches_to_objects_and_to_the_project() -> None:
    b = qcode.ProjectBuilder("p")
    code = b.code("A")
    source = b.text_source("S", "text here")
    excerpt = b.quote(source, "text", codes=[code])
    about_code = b.note("on the code", about=[code, excerpt, excerpt.codings[0], source])
    overall = b.note("on the project")
    project = b.build()
    assert project.note_refs == (overall.id,)
    assert project.codes[0].note_refs == (about_code.id,)
    built_source = project.sources[0]
    assert built_source.note_refs == (about_code.id,)
    assert built_source.excerpts[0].note_refs == (about_code.id,)
    assert built_source.excerpts[0].codings[0].note_refs == (about_code.id,)


def test_code_source_codes_the_whole_source() -> None:
    b = qcode.ProjectBuilder("p")
    coder = b.user("A")
    code = b.code("Whole")
    source = b.text_source("S", "text")
    b.code_source(source, [code], coded_at=WHEN)
    (coding,) = b.build().sources[0].codings
    assert (coding.code, coding.coder, coding.coded_at) == (code.id, coder.id, WHEN)


def test_quote_in_a_collage_description() -> None:
    b = qcode.ProjectBuilder("p")
    collage = b.source(
        "Collage 1", qcode.PictureContent(text="Title: A bridge\nWords: tired"), kind="collage"
    )
    excerpt = b.quote(collage, "tired")
    assert excerpt.anchor == qcode.TextSpan(23, 28)
    assert qcode.validate(b.build()) == ()


def test_quote_in_a_recording_is_refused() -> None:
    b = qcode.ProjectBuilder("p")
    recording = b.source("Meeting", qcode.AudioContent(path="relative:///m.m4a"))
    with pytest.raises(qcode.QuoteError) as caught:
        b.quote(recording, "x")
    assert str(caught.value) == "source 'Meeting' has no text to quote from"


def test_quote_names_the_source_when_absent() -> None:
    b = qcode.ProjectBuilder("p")
    source = b.text_source("Diary 3", "abc")
    with pytest.raises(qcode.QuoteError) as caught:
        b.quote(source, "xyz")
    assert str(caught.value) == "quote 'xyz' does not occur in source 'Diary 3'"


def test_examples_links_sets_and_cases() -> None:
    b = qcode.ProjectBuilder("p")
    code = b.code("A")
    other = b.code("B")
    source = b.text_source("S", "one two")
    excerpt = b.quote(source, "two", codes=[code])
    b.add_example(code, qcode.Example(text="two", excerpt=excerpt.id))
    link = b.link(code, other, name="leads to", direction=qcode.Direction.ONE_WAY)
    group = b.set("Group", codes=[code], sources=[source])
    site = b.case("Bristol", kind="site")
    project = b.build()
    assert project.codes[0].examples == (qcode.Example(text="two", excerpt=excerpt.id),)
    assert project.links == (link,)
    assert project.sets == (group,)
    assert project.cases == (site,)
    assert project.participants == ()
    assert qcode.validate(project) == ()


def test_the_project_audit_is_kept() -> None:
    audit = qcode.Audit(created_at=WHEN)
    assert qcode.ProjectBuilder("P", audit=audit).build().audit == audit


def test_excerpt_adds_any_anchor_and_checks_it_fits_the_source() -> None:
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    code = b.code("Calm")
    p1 = b.participant("P1")
    points = (
        qcode.SyncPoint(id=uuid.uuid5(NAMESPACE, "one"), time=1000, position=0),
        qcode.SyncPoint(id=uuid.uuid5(NAMESPACE, "two"), time=4000, position=5),
    )
    transcript = qcode.Transcript(
        id=uuid.uuid5(NAMESPACE, "t"), text="Hello there", sync_points=points
    )
    recording = b.source("Talk", qcode.AudioContent(transcripts=(transcript,)), kind="interview")
    span = qcode.TranscriptSpan(
        transcript=transcript.id, from_sync=points[0].id, to_sync=points[1].id
    )
    spoken = b.excerpt(recording, span, codes=[code], speaker=p1)
    timed = b.excerpt(recording, qcode.TimeSpan(0, 500), codes=[code], quote="(laughs)")
    collage = b.source("Collage", qcode.PictureContent(path="c.png", text="roof and bridge"))
    region = b.excerpt(collage, qcode.PictureRegion(0, 0, 10, 20), codes=[code])
    words = b.excerpt(collage, qcode.TextSpan(0, 4), codes=[code])
    project = b.build()
    assert qcode.validate(project) == ()
    assert [e.id for e in project.sources[0].excerpts] == [spoken.id, timed.id]
    assert project.cases[0].excerpts == (spoken.id,)
    assert spoken.id == uuid.uuid5(NAMESPACE, f"excerpt/Talk/{span!r}")
    assert words.id == uuid.uuid5(NAMESPACE, "excerpt/Collage/0:4")
    assert region.codings[0].code == code.id
    rows = qcode.analysis.segments(project)
    assert [
        (r["anchor"], r["unit"], r["start"], r["end"], r["text"], r["cases"]) for r in rows
    ] == [
        ("TimeSpan", "milliseconds", 0, 500, "(laughs)", ()),  # in document order
        ("TranscriptSpan", "milliseconds", 1000, 4000, "Hello", ("P1",)),
        ("TextSpan", "characters", 0, 4, "roof", ()),
        ("PictureRegion", None, None, None, None, ()),  # no position: last
    ]
    with pytest.raises(ValueError) as wrong:
        b.excerpt(recording, qcode.TextSpan(0, 4))
    assert str(wrong.value) == (
        "a text span cannot anchor an excerpt in an audio source (source 'Talk')"
    )
    with pytest.raises(ValueError) as outside:
        b.excerpt(collage, qcode.TextSpan(10, 40))
    assert str(outside.value) == (
        "a text span of source 'Collage': end 40 is beyond the end of the text (15 characters)"
    )
    bare = b.source("Bare", qcode.PictureContent(path="b.png"))
    with pytest.raises(ValueError) as no_text:
        b.excerpt(bare, qcode.TextSpan(0, 1))
    assert str(no_text.value) == "source 'Bare' has no text for a text span to mark"
    with pytest.raises(ValueError) as empty:
        b.excerpt(collage, qcode.TextSpan(5, 5))
    assert str(empty.value) == (
        "a text span of source 'Collage': end (5) must be greater than start (5)"
    )
    impossible = [
        (recording, qcode.TimeSpan(900, 500)),
        (recording, qcode.TimeSpan(-5, 500)),
        (collage, qcode.PictureRegion(50, 10, 20, 40)),
        (collage, qcode.PictureRegion(-1, 0, 2, 2)),
        (b.source("Report", qcode.PDFContent(path="r.pdf")), qcode.PDFRegion(-1, 0, 0, 9, 9)),
        (recording, qcode.TranscriptSpan(transcript=transcript.id, to_sync=uuid.UUID(int=7))),
    ]
    refused = []
    for source, anchor in impossible:
        with pytest.raises(ValueError) as told:
            b.excerpt(source, anchor)
        refused.append(str(told.value))
    assert refused == [
        "a time span of source 'Talk': end (500) must be greater than begin (900)",
        "a time span of source 'Talk': begin -5 is negative",
        "a picture region of source 'Collage': region (50, 10, 20, 40) has its lower-right "
        "corner above or left of its upper-left corner",
        "a picture region of source 'Collage': region (-1, 0, 2, 2) has a negative coordinate",
        "a PDF region of source 'Report': page -1 is negative",
        f"a transcript span of source 'Talk': sync point {uuid.UUID(int=7)} is not in "
        f"transcript {transcript.id}",
    ]
    with pytest.raises(ValueError) as misquoted:
        b.excerpt(collage, qcode.TextSpan(0, 4), quote="bridge")
    assert str(misquoted.value) == (
        "quote 'bridge' is not the text at [0, 4) of source 'Collage': 'roof'"
    )
    with pytest.raises(ValueError) as moved_badly:
        b.update(words, anchor=qcode.TextSpan(10, 5))
    assert str(moved_badly.value) == (
        "a text span of source 'Collage': end (5) must be greater than start (10)"
    )
    with pytest.raises(ValueError) as wrong_medium:
        b.update(region, anchor=qcode.TimeSpan(0, 5))
    assert str(wrong_medium.value) == (
        "a time span cannot anchor an excerpt in a picture source (source 'Collage')"
    )
    assert b.update(words, anchor=qcode.TextSpan(9, 15), quote="bridge").quote == "bridge"
    with pytest.raises(TypeError) as not_anchor:
        b.excerpt(collage, (0, 4))  # type: ignore[arg-type]
    assert str(not_anchor.value) == (
        "anchor is a TextSpan, PictureRegion, PDFRegion, TimeSpan or TranscriptSpan, not tuple"
    )


def test_sources_cases_themes_and_users_are_found_by_name() -> None:
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    ana = b.user("Ana", login="ana")
    ben = b.user("Ben", login="bk")
    b.code("Calm", parent=b.code("Moods"))
    top = b.theme("Feelings")
    b.theme("Quiet", codes=["Moods/Calm"], parent="Feelings")
    diary = b.text_source("Diary", "A calm day at sea.")
    b.participant("P1")
    first = b.quote("Diary", "calm day", codes=["Calm"], speaker="P1", coder="bk")
    second = b.excerpt("Diary", qcode.TextSpan(0, 1), codes=["Moods"], coder="Ana")
    b.code_source("Diary", ["Moods"], coder=str(ana.id))
    group = b.set("Sea", sources=["Diary"])
    project = b.build()
    assert [(c.code, c.coder) for c in first.codings] == [(project.codes[1].id, ben.id)]
    assert [(c.code, c.coder) for c in second.codings] == [(project.codes[0].id, ana.id)]
    assert [c.coder for c in project.sources[0].codings] == [ana.id]
    assert project.cases[0].excerpts == (first.id,)
    assert project.themes[1].parent == top.id
    assert group.sources == (diary.id,)
    with pytest.raises(qcode.NotFoundError) as missing:
        b.quote("Diarry", "calm")
    assert str(missing.value) == "no source is called 'Diarry' (sources: 'Diary')"
    b.text_source("Diary", "Another day.")
    with pytest.raises(qcode.AmbiguousNameError) as twice:
        b.code_source("Diary", ["Moods"])
    ids = ", ".join(str(s.id) for s in b.build().sources)
    assert str(twice.value) == f"2 sources are called 'Diary' (ids {ids})"
    with pytest.raises(qcode.NotFoundError) as nobody:
        b.quote(diary, "day", speaker="P9")
    assert str(nobody.value) == "no case is called 'P9' (cases: 'P1')"


def test_methods_taking_any_object_look_text_up_among_every_named_kind() -> None:
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    calm = b.code("Calm")
    b.code("Diary")
    diary = b.text_source("Diary", "A calm day.")
    looks_like_an_id = "12345678-1234-1234-1234-123456789abc"
    odd = b.text_source(looks_like_an_id, "Named like an id.")
    b.theme("Feelings", codes=[calm])
    b.participant("P1")
    assert b.quote(looks_like_an_id, "Named").anchor == qcode.TextSpan(0, 5)
    link = b.link("P1", odd.name, name="wrote")
    assert (link.origin, link.target) == (b.build().cases[0].id, odd.id)
    assert b.update("Feelings", description="How it felt").description == "How it felt"
    with pytest.raises(qcode.AmbiguousNameError) as both:
        b.remove("Diary")
    assert str(both.value) == "'Diary' names a code and a source: pass the object or its id"
    with pytest.raises(qcode.NotFoundError) as none:
        b.note("Why?", about=["Feelngs"])
    assert str(none.value) == (
        "no code, source or theme is called 'Feelngs' (a code by path or name); did you mean "
        "theme 'Feelings'?"
    )
    with pytest.raises(qcode.NotFoundError) as far:
        b.link("Q7", "Xyzzy")
    assert str(far.value) == (
        "no code, source, case, theme, user or note is called 'Q7' (a code by path or name, a "
        "case by label)"
    )
    with pytest.raises(qcode.NotFoundError) as near:
        b.link("P11", "Calm")
    assert str(near.value) == (
        "no code, source, case, theme, user or note is called 'P11' (a code by path or name, "
        "a case by label); did you mean case 'P1'?"
    )
    with pytest.raises(qcode.NotFoundError) as wrong_kind:
        b.note("Why?", about=["P1"])
    assert str(wrong_kind.value) == (
        "'P1' names a case, not a code, theme, link, coding, excerpt or source"
    )
    with pytest.raises(TypeError) as case_object:
        b.note("Why?", about=[b.build().cases[0]])
    assert str(case_object.value) == (
        "expected a code, theme, link, coding, excerpt or source (or its id), not Case 'P1'"
    )
    with pytest.raises(TypeError) as code_object:
        b.quote(calm, "calm")  # type: ignore[arg-type]
    assert str(code_object.value) == "expected a source (or its id), not Code 'Calm'"
    with pytest.raises(TypeError) as source_as_code:
        b.theme("Places", codes=[diary])  # type: ignore[list-item]
    assert str(source_as_code.value) == "expected a code (or its id), not Source 'Diary'"
    with pytest.raises(TypeError) as listed:
        b.remove(["Calm"])  # type: ignore[arg-type]
    assert str(listed.value) == (
        "remove takes objects as separate arguments (remove(a, b) or remove(*items)), not a list"
    )
    with pytest.raises(qcode.NotFoundError) as only_codes:
        b.rename_code("Clam", "Still")
    assert str(only_codes.value) == "no code has the path or name 'Clam' (codes: 'Calm', 'Diary')"
    b.remove("Feelings", diary)
    assert [t.name for t in b.build().themes] == [] and len(b.build().sources) == 1
    b.code("Feelings", parent=b.code("Moods"))
    b.theme("Feelings")
    with pytest.raises(qcode.NotFoundError) as both_kinds:
        b.note("Why?", about=["feelngs"])
    assert str(both_kinds.value) == (
        "no code, source or theme is called 'feelngs' (a code by path or name); did you mean "
        "code 'Moods/Feelings' or theme 'Feelings'? (a name two share: pass the object or its "
        "id)"
    )

    with pytest.raises(TypeError) as misspelt:
        b.update("Moods", colour="#FFFFFF")
    assert str(misspelt.value) == (
        "Code has no field 'colour' (did you mean 'color'?); its fields: id, name, parent, "
        "codable, color, brief_definition, full_definition, when_to_use, when_not_to_use, "
        "examples, origin, status, note_refs"
    )
    with pytest.raises(TypeError) as unknown:
        b.update("P1", shade="dark", lable="P2")
    assert str(unknown.value) == (
        "Case has no field 'shade' or 'lable' (did you mean 'label'?); its fields: id, label, "
        "kind, real_name, description, values, sources, excerpts, codes"
    )
    memo = b.note("Calm days are rare.", name="Rare days")
    assert b.update("Rare days", text="Calm days are rarer.").text == "Calm days are rarer."
    assert b.build().note("Rare days").id == b.build().note(str(memo.id)).id == memo.id
    with pytest.raises(qcode.NotFoundError) as memo_miss:
        b.link("Rare dayz", "Calm")
    assert str(memo_miss.value) == (
        "no code, source, case, theme, user or note is called 'Rare dayz' (a code by path or "
        "name, a case by label); did you mean note 'Rare days'?"
    )


def test_update_takes_values_as_a_mapping_and_a_parent_by_name_refusing_a_cycle() -> None:
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    role = b.variable("Role")
    site = b.case("Site", kind="site")
    assert b.update(site, values={role: "lead"}).values == (qcode.VariableValue(role.id, "lead"),)
    moods = b.code("Moods")
    calm = b.code("Calm", parent=moods)
    top = b.code("Top")
    assert b.update(moods, parent="Top").parent == top.id
    with pytest.raises(ValueError) as looped:
        b.update(top, parent="Top/Moods/Calm")
    assert str(looped.value) == "code 'Top' cannot move under itself or below itself"
    feelings, quiet = b.theme("Feelings"), b.theme("Quiet")
    assert b.update(quiet, parent="Feelings").parent == feelings.id
    with pytest.raises(ValueError) as theme_loop:
        b.update(feelings, parent=quiet)
    assert str(theme_loop.value) == "theme 'Feelings' cannot move under itself or below itself"
    assert b.build().path(calm) == "Top/Moods/Calm"


def test_values_by_variable_name_a_variables_name_as_a_reference_and_one_object_for_a_list() -> (
    None
):
    b = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    place = b.variable("Location")
    site = b.case("Site", kind="site", values={"Location": "Leeds"})
    assert site.values == (qcode.VariableValue(place.id, "Leeds"),)
    assert b.update(site, values={"Location": "Bath"}).values == (
        qcode.VariableValue(place.id, "Bath"),
    )
    with pytest.raises(qcode.NotFoundError) as unknown:
        b.update(site, values={"Place": "Bath"})
    assert str(unknown.value) == "no variable is called 'Place' (variables: 'Location')"
    with pytest.raises(qcode.NotFoundError) as variable:
        b.remove("Location")
    assert str(variable.value) == "'Location' names a variable: pass the variable or its id"
    calm = b.code("Calm")
    diary = b.text_source("Diary", "A calm day.")
    with pytest.raises(TypeError) as one:
        b.quote(diary, "calm", codes=calm)  # type: ignore[arg-type]
    assert str(one.value) == "codes must be a list, not Code 'Calm'"


def _refused_then_retried(
    refused: Callable[[qcode.ProjectBuilder], object],
    then: Callable[[qcode.ProjectBuilder], object],
) -> tuple[qcode.Project, qcode.Project]:
    """The project a builder gives after ``refused`` (which must raise) and ``then``, and
    the one a builder that only ran ``then`` gives."""
    seen = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    setup(seen)
    with pytest.raises((ValueError, qcode.NotFoundError)):
        refused(seen)
    then(seen)
    clean = qcode.ProjectBuilder("p", id_namespace=NAMESPACE)
    setup(clean)
    then(clean)
    return seen.build(), clean.build()


def setup(b: qcode.ProjectBuilder) -> None:
    b.user("Ana")
    b.variable("Role")
    b.code("Toll")
    b.text_source("Diary", "a long day, then calm")


@pytest.mark.parametrize(
    ("refused", "then"),
    [
        (lambda b: b.case("P1", kind="site", values={"Rank": "x"}),
         lambda b: b.case("P1", kind="site")),
        (lambda b: b.participant("P1", values={"Rank": "x"}), lambda b: b.participant("P1")),
        (lambda b: b.set("Group", codes=["Tol"]), lambda b: b.set("Group", codes=["Toll"])),
        (lambda b: b.theme("Cost", codes=["Tol"]), lambda b: b.theme("Cost", codes=["Toll"])),
        (lambda b: b.text_source("Notes", "x", values={"Rank": "1"}),
         lambda b: b.text_source("Notes", "x")),
        (lambda b: b.code("Toll"), lambda b: (b.remove(b.build().code("Toll")), b.code("Toll"))),
        (lambda b: b.variable("Role"),
         lambda b: (b.remove(b.build().variables[0]), b.variable("Role"))),
        (lambda b: b.user("Ana"), lambda b: (b.remove(b.build().users[0]), b.user("Ana"))),
        (lambda b: b.quote("Diary", "calm", codes=["Tol"]),
         lambda b: b.quote("Diary", "calm", codes=["Toll"])),
    ],
)  # fmt: skip
def test_a_refused_addition_leaves_the_ids_to_come_as_they_were(
    refused: Callable[[qcode.ProjectBuilder], object],
    then: Callable[[qcode.ProjectBuilder], object],
) -> None:
    """A case, set, theme or source refused for a reference found after its id was made,
    or a code, variable or user refused for its name, used that id: run again (a notebook
    cell after its error), the same call got another id than a builder that never saw the
    refusal gives."""
    seen, clean = _refused_then_retried(refused, then)
    assert seen == clean


def test_recode_of_a_code_to_add_and_remove_leaves_it_by_the_coder_alone() -> None:
    """The coder's own coding was made again (a new id and time, its memos gone)."""
    b = qcode.ProjectBuilder.from_project(small_project())
    other = b.user("Bo", default=False)
    excerpt = b.recode(b.build().sources[0].excerpts[0], add=["Findings/Bridge"], coder=other)
    own, _ = excerpt.codings  # the analyst's, then Bo's
    b.note("Why a bridge", about=[own])
    own = b.build().sources[0].excerpts[0].codings[0]
    again = b.recode(excerpt, add=["Findings/Bridge"], remove=["Findings/Bridge"])
    assert again.codings == (own,)


def test_a_code_looked_up_by_an_id_the_project_lacks_is_said_to_have_no_such_id() -> None:
    """It was called a path or name."""
    with pytest.raises(qcode.NotFoundError) as missed:
        small_project().code(str(uuid.UUID(int=5)))
    assert str(missed.value) == (
        "no code has id 00000000-0000-0000-0000-000000000005, nor the path or name "
        "'00000000-0000-0000-0000-000000000005'"
    )


def test_an_addition_that_succeeded_within_a_refused_one_keeps_its_id() -> None:
    """The refused call gave back every id made since it began, the inner code's too: that
    id was made again for the next code of the name, which then took the first's place."""

    class Builder(qcode.ProjectBuilder):
        @gives_back_ids
        def code_then_fail(self) -> None:
            self.code("X")
            raise ValueError("refused after the code was added")

    b = Builder("p", id_namespace=NAMESPACE)
    with pytest.raises(ValueError):
        b.code_then_fail()
    first = b.build().code("X")
    b.rename_code(first, "Z")
    again = b.code("X")
    assert again.id != first.id
    assert [c.name for c in b.build().codes] == ["Z", "X"]
