"""A small project built in code, validated and written as qcode JSON.

The two quotations come from Owens (2024), *Sustaining social work: practitioner experiences
of Contextual Safeguarding*, Durham University; the full study is encoded in
``examples/sustaining_social_work/``.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import qcode

OUT = Path("out")
CODED_AT = dt.datetime(2023, 6, 1, 10, 0, tzinfo=dt.timezone.utc)
WORKSHOP_TEXT = (
    "Workshop participant: This is one man telling another man about a butterfly, there's a "
    "speech bubble with a butterfly, which...is essentially what I feel like I was doing a lot "
    "of the time, talking to other young men about ... you know, the chance of things changing "
    "and being different\n"
)
DIARY_TEXT = "people think I'm just hanging out in McDonalds\n"


def build() -> qcode.Project:
    """A two-source project: one workshop transcript and one diary entry, quoted and coded."""
    b = qcode.ProjectBuilder(
        "Demo: Sustaining social work (two quotations)",
        id_namespace=uuid.UUID("6f1c0c1e-8f5e-4a7c-9d55-2d3c1f0a9b10"),
        coded_at=CODED_AT,
    )
    b.user("Analyst", login="AN")
    possibilities = b.code(
        "Possibilities of Contextual Safeguarding",
        codable=False,
        brief_definition="What the approach opens up for practitioners.",
    )
    relating = b.code(
        "Relating differently to young people",
        parent=possibilities,
        brief_definition="Practitioners describe new ways of being with young people.",
        origin=qcode.CodeOrigin.INDUCTIVE,
    )
    misperceived = b.code(
        "Misperceived by colleagues",
        brief_definition="Others see the practitioner's work in ways they do not recognise.",
        origin=qcode.CodeOrigin.INDUCTIVE,
    )
    b.theme("The possibilities Contextual Safeguarding creates", codes=[possibilities, relating])
    b.theme("The core tension and its toll", codes=[misperceived])
    speaker = b.case("Workshop participant (unidentified)", kind="unidentified speaker")
    workshop = b.text_source("Workshop", WORKSHOP_TEXT, kind="workshop")
    diary = b.text_source("Digital diary entry", DIARY_TEXT, kind="diary")
    b.quote(
        workshop,
        "talking to other young men about ... you know, the chance of things changing",
        codes=[relating],
        speaker=speaker,
    )
    b.quote(diary, "people think I'm just hanging out in McDonalds", codes=[misperceived])
    b.note("Quotations from Owens (2024), Durham University.", name="Provenance")
    return b.build()


def run() -> int:
    """Build, validate and write the demo project (`make demo` then runs `qcode info`)."""
    project = build()
    problems = qcode.validate(project)
    for issue in problems:
        print(issue)
    if any(issue.is_error for issue in problems):
        return 1
    OUT.mkdir(exist_ok=True)
    target = OUT / "demo.json"
    qcode.dump(project, target)
    print(f"wrote {target}: {len(problems)} problem(s)")
    return 0


if __name__ == "__main__":
    sys.exit(run())
