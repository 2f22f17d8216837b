"""A tiny project with every case the analysis tables distinguish, worked through by hand
in tests/test_analysis.py: two codes called Toll under different parents, an excerpt coded
by two coders, overlapping and adjacent text spans, a picture region, time spans, a case
that owns a whole source, and an excerpt nobody is attributed to."""

from __future__ import annotations

import uuid

import attrs

import qcode
from tests.conftest import NAMESPACE, WHEN

TEXT = "We are a bridge. It takes its toll. We cope."
#       0         1         2         3         4
#       01234567890123456789012345678901234567890123


def tiny() -> qcode.Project:
    b = qcode.ProjectBuilder("Tiny", id_namespace=NAMESPACE, coded_at=WHEN)
    ana = b.user("Ana")
    bo = b.user("Bo", default=False)
    role = b.variable("Role")
    findings = b.code("Findings", codable=False)
    bridge = b.code("Bridge", parent=findings)
    toll = b.code("Toll", parent=findings)
    other = b.code("Other", codable=False)
    other_toll = b.code("Toll", parent=other)
    coping = b.code("Coping")
    b.theme("Tension", codes=[bridge, toll])
    care = b.theme("Care", codes=[coping])
    b.theme("Sub", codes=[other_toll], parent=care)
    p1 = b.participant("P1", values={role: "worker"})
    p2 = b.participant("P2", values={role: "manager"})
    workshop = b.text_source("W1", TEXT, kind="workshop")
    b.quote(workshop, "a bridge", codes=[bridge], speaker=p1)  # 7-15
    second = b.quote(workshop, "It takes its toll.", codes=[toll], speaker=p2)  # 17-35
    b.recode(second, add=[coping], coder=bo)
    b.quote(workshop, "toll. We cope", codes=[coping])  # 30-43, nobody's
    diary = b.text_source("D1", "Toll again.", kind="diary")
    b.quote(diary, "Toll", codes=[other_toll])  # 0-4, P2's through the whole source
    b.update(b.build().case("P2"), sources=(workshop.id, diary.id))

    def excerpt(n: int, anchor: qcode.Anchor, quote: str, code: qcode.Code) -> qcode.Excerpt:
        coding = qcode.Coding(id=uuid.uuid5(NAMESPACE, f"coding {n}"), code=code.id, coder=ana.id)
        return qcode.Excerpt(
            id=uuid.uuid5(NAMESPACE, f"excerpt {n}"), anchor=anchor, quote=quote, codings=(coding,)
        )

    picture = b.source("Pic", qcode.PictureContent(path="internal://p.png"), kind="collage")
    b.update(picture, excerpts=(excerpt(1, qcode.PictureRegion(1, 2, 3, 4), "a roof", bridge),))
    audio = b.source("Rec", qcode.AudioContent(), kind="recording")
    b.update(
        audio,
        excerpts=(
            excerpt(2, qcode.TimeSpan(0, 1000), "first", toll),
            excerpt(3, qcode.TimeSpan(1500, 2000), "second", coping),
        ),
    )
    return b.build()


def ids(project: qcode.Project, *paths: str) -> list[str]:
    """The ids of codes given by path, as table cells."""
    return [str(project.code(path).id) for path in paths]


def with_whole_source_coding(project: qcode.Project) -> qcode.Project:
    """``project`` with its first source coded as a whole."""
    source = project.sources[0]
    coding = qcode.Coding(id=uuid.uuid5(NAMESPACE, "whole"), code=project.codes[1].id)
    changed = attrs.evolve(source, codings=(coding,))
    return attrs.evolve(project, sources=(changed, *project.sources[1:]))
