"""One valid project that uses every kind of object the model has."""

from __future__ import annotations

import datetime as dt
import uuid

import qcode

UTC = dt.timezone.utc
T0 = dt.datetime(2023, 3, 1, 12, 0, tzinfo=UTC)
T1 = dt.datetime(2023, 3, 2, 8, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"qcode-test:{name}")


def everything() -> qcode.Project:
    """Users, all six variable types, participants and a site, sources in all five media,
    excerpts with all five anchors, codings on excerpts and sources, a code hierarchy with
    full definitions, nested themes, notes on every kind of holder, links, sets and a graph."""
    analyst = qcode.User(id=_id("u1"), name="Analyst", login="AN")
    second = qcode.User(id=_id("u2"), name="Second coder")
    audit = qcode.Audit(created_by=analyst.id, created_at=T0, modified_by=second.id, modified_at=T1)
    variables = tuple(
        qcode.Variable(id=_id(f"v-{t.value}"), name=f"{t.value} variable", type=t)
        for t in qcode.VariableType
    )
    sample_values = ("text", True, 3, 2.5, dt.date(2023, 1, 31), T1)
    values = tuple(
        qcode.VariableValue(v.id, x) for v, x in zip(variables, sample_values, strict=True)
    )
    folder = qcode.Code(id=_id("c-folder"), name="Findings", codable=False, color="#336699")
    code = qcode.Code(
        id=_id("c-bridge"),
        name="A bridge",
        parent=folder.id,
        color="#F00",
        brief_definition="Practitioners as a link between young people and the system.",
        full_definition="Use for talk of standing between young people and services.",
        when_to_use=("The speaker describes advocating across a gap.",),
        when_not_to_use=("Mere contact with services (use 'Working with police').",),
        examples=(
            qcode.Example(text="a bridge", excerpt=_id("e-text")),
            qcode.Example(text="a go-between", kind=qcode.ExampleKind.NEAR_MISS, note="no gap"),
        ),
        origin=qcode.CodeOrigin.IN_VIVO,
        status=qcode.CodeStatus.ACTIVE,
        note_refs=(_id("n-code"),),
    )
    other = qcode.Code(id=_id("c-toll"), name="Toll", origin=qcode.CodeOrigin.INDUCTIVE)
    coding = qcode.Coding(
        id=_id("k1"), code=code.id, coder=analyst.id, coded_at=T0, note_refs=(_id("n-coding"),)
    )

    def coded(name: str) -> tuple[qcode.Coding, ...]:
        return (qcode.Coding(id=_id(f"k-{name}"), code=other.id, coder=second.id, coded_at=T1),)

    text = qcode.Source(
        id=_id("s-text"),
        name="Workshop transcript",
        kind="workshop",
        description="Bristol",
        values=values,
        codings=coded("whole"),
        note_refs=(_id("n-source"),),
        audit=audit,
        content=qcode.TextContent(text="We are a bridge 😀 between.", path="internal://w.docx"),
        excerpts=(
            qcode.Excerpt(
                id=_id("e-text"),
                anchor=qcode.TextSpan(7, 15),
                name="bridge",
                quote="a bridge",
                description="in vivo",
                codings=(coding,),
                note_refs=(_id("n-excerpt"),),
                audit=audit,
            ),
            qcode.Excerpt(id=_id("e-emoji"), anchor=qcode.TextSpan(16, 17), quote="😀"),
        ),
    )
    collage = qcode.Source(
        id=_id("s-collage"),
        name="Collage 1",
        kind="collage",
        content=qcode.PictureContent(
            path="internal://c.jpg",
            text="Title: Testbench",
            text_meta=qcode.TextMeta(id=_id("collage-text")),
        ),
        excerpts=(
            qcode.Excerpt(
                id=_id("e-pictext"),
                anchor=qcode.TextSpan(7, 16),
                quote="Testbench",
                codings=coded("t"),
            ),
            qcode.Excerpt(id=_id("e-pic"), anchor=qcode.PictureRegion(1, 2, 30, 40)),
        ),
    )
    pdf = qcode.Source(
        id=_id("s-pdf"),
        name="Policy",
        content=qcode.PDFContent(
            path="relative:///policy.pdf",
            text="Policy text",
            text_meta=qcode.TextMeta(id=_id("pdf-text"), name="Representation", audit=audit),
        ),
        excerpts=(
            qcode.Excerpt(
                id=_id("e-pdf"),
                anchor=qcode.PDFRegion(0, 10, 20, 30, 40),
                quote="Policy",
                quote_meta=qcode.TextMeta(id=_id("pdf-quote")),
            ),
        ),
    )
    sync_a = qcode.SyncPoint(id=_id("sp-a"), time=0, position=0)
    sync_b = qcode.SyncPoint(id=_id("sp-b"), time=4000, position=5)
    transcript = qcode.Transcript(
        id=_id("tr"),
        text="Hello there",
        name="Transcript",
        sync_points=(sync_a, sync_b),
        note_refs=(_id("n-source"),),
        audit=audit,
    )
    audio = qcode.Source(
        id=_id("s-audio"),
        name="Co-research meeting",
        kind="meeting",
        content=qcode.AudioContent(path="absolute:///m.m4a", transcripts=(transcript,)),
        excerpts=(
            qcode.Excerpt(
                id=_id("e-tr"),
                anchor=qcode.TranscriptSpan(
                    transcript=transcript.id, from_sync=sync_a.id, to_sync=sync_b.id
                ),
            ),
            qcode.Excerpt(id=_id("e-time"), anchor=qcode.TimeSpan(0, 1500), codings=coded("a")),
        ),
    )
    video = qcode.Source(
        id=_id("s-video"),
        name="Video diary",
        kind="diary",
        content=qcode.VideoContent(current_path="absolute:///v.mp4"),
        excerpts=(qcode.Excerpt(id=_id("e-video"), anchor=qcode.TimeSpan(10, 20)),),
    )
    notes = tuple(
        qcode.Note(id=_id(f"n-{n}"), text=f"memo on {n}", name=f"Memo {n}", audit=audit)
        for n in ("project", "code", "source", "excerpt", "coding", "link", "theme")
    )
    annotated = qcode.Note(
        id=_id("n-annotated"),
        text="A note that is itself coded.",
        values=values[2:3],
        codings=coded("note"),
        excerpts=(qcode.Excerpt(id=_id("e-note"), anchor=qcode.TextSpan(2, 6), quote="note"),),
    )
    notes = (*notes, annotated)
    link = qcode.Link(
        id=_id("l1"),
        name="illustrates",
        origin=notes[3].id,
        target=_id("e-text"),
        direction=qcode.Direction.ONE_WAY,
        color="#00AA00",
        note_refs=(_id("n-link"),),
    )
    return qcode.Project(
        name="Everything",
        description="Every kind of object",
        origin="qcode tests",
        base_path="/data/study",
        audit=audit,
        users=(analyst, second),
        variables=variables,
        cases=(
            qcode.Case(
                id=_id("p1"),
                label="P1",
                real_name="Never Required",
                description="co-researcher",
                values=values[:2],
                sources=(text.id,),
                excerpts=(_id("e-text"),),
                codes=(code.id,),
            ),
            qcode.Case(id=_id("site"), label="Bristol", kind="site", sources=(text.id,)),
        ),
        codes=(folder, code, other),
        themes=(
            qcode.Theme(
                id=_id("t1"), name="Core tension", description="The toll", codes=(code.id,)
            ),
            qcode.Theme(
                id=_id("t2"),
                name="Its toll",
                parent=_id("t1"),
                codes=(other.id,),
                color="#123456",
                note_refs=(_id("n-theme"),),
            ),
        ),
        sources=(text, collage, pdf, audio, video),
        notes=notes,
        links=(link,),
        sets=(
            qcode.Set(
                id=_id("set"),
                name="Group",
                description="all",
                codes=(code.id,),
                sources=(text.id, pdf.id),
                notes=(notes[0].id,),
            ),
        ),
        graphs=(
            qcode.Graph(
                id=_id("g"),
                name="Map",
                vertices=(
                    qcode.Vertex(
                        id=_id("v1"),
                        x1=0,
                        y1=0,
                        x2=50,
                        y2=20,
                        name="Bridge",
                        represents=code.id,
                        shape=qcode.Shape.ROUNDED_RECTANGLE,
                        color="#FFFFFF",
                    ),
                    qcode.Vertex(id=_id("v2"), x1=100, y1=0, represents=notes[3].id),
                ),
                edges=(
                    qcode.Edge(
                        id=_id("ed"),
                        source=_id("v1"),
                        target=_id("v2"),
                        name="illustrates",
                        represents=link.id,
                        direction=qcode.Direction.ONE_WAY,
                        line_style=qcode.LineStyle.DASHED,
                        color="#000000",
                    ),
                ),
            ),
        ),
        note_refs=(notes[0].id,),
    )
