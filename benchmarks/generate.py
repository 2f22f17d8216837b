"""A synthetic project of N text sources with M coded selections each, for benchmarks.

Run ``python benchmarks/generate.py 200 250 out/bench.qdpx`` to write one by hand (``4000
250`` makes the 1,000,000-selection project); the benchmark script calls `synthetic`
itself.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import attrs

import qcode

NAMESPACE = uuid.UUID("1c6f3d0e-9b8a-5d4c-8e7f-6a5b4c3d2e1f")
WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
WORDS = (
    "the", "practitioners", "described", "a", "bridge", "between", "young", "people", "and",
    "the", "system",
)  # fmt: skip


MILLION = (4000, 250)
"""Sources and selections per source of the 1,000,000-selection project."""


def synthetic(sources: int, selections: int, codes: int = 100) -> qcode.Project:
    """``sources`` text sources, each with ``selections`` coded selections of ten words;
    the first code is applied to every tenth selection, the others in turn to the rest.
    Every ten codes make a theme; each source is one participant's, whose ``Group`` is one
    of five."""
    ids = iter(uuid.uuid5(NAMESPACE, str(n)) for n in range(10**9))
    coder = qcode.User(id=next(ids), name="Coder")
    code_list = tuple(qcode.Code(id=next(ids), name=f"Code {n}") for n in range(codes))
    all_sources = []
    for s in range(sources):
        text = " ".join(WORDS[(s + n) % len(WORDS)] for n in range(selections * 12))
        starts = [0]
        for word in text.split(" ")[:-1]:
            starts.append(starts[-1] + len(word) + 1)
        excerpts = []
        for n in range(selections):
            start = starts[n * 12]
            end = starts[n * 12 + 10] - 1
            coding = qcode.Coding(
                id=next(ids),
                code=code_list[0 if n % 10 == 0 else 1 + (s * selections + n) % (codes - 1)].id,
                coder=coder.id,
                coded_at=WHEN,
            )
            audit = qcode.Audit(created_by=coder.id, created_at=WHEN)
            excerpts.append(
                qcode.Excerpt(
                    id=next(ids),
                    anchor=qcode.TextSpan(start, end),
                    quote=text[start:end],
                    codings=(coding,),
                    audit=audit,
                )
            )
        all_sources.append(
            qcode.Source(
                id=next(ids),
                name=f"Source {s}",
                content=qcode.TextContent(text=text),
                excerpts=tuple(excerpts),
            )
        )
    themes = tuple(
        qcode.Theme(id=next(ids), name=f"Theme {n}", codes=tuple(c.id for c in code_list[n::10]))
        for n in range(min(10, codes))
    )
    group = qcode.Variable(id=next(ids), name="Group")
    cases = tuple(
        qcode.Case(
            id=next(ids),
            label=f"Participant {s}",
            values=(qcode.VariableValue(group.id, f"Group {s % 5}"),),
            sources=(source.id,),
        )
        for s, source in enumerate(all_sources)
    )
    return qcode.Project(
        name="Synthetic",
        users=(coder,),
        variables=(group,),
        cases=cases,
        codes=code_list,
        themes=themes,
        sources=tuple(all_sources),
    )


def second_coder(project: qcode.Project) -> qcode.Project:
    """``project`` coded again by a second coder, for agreement: the same selections, but
    every third ends five characters earlier and every seventh has the next code."""
    second = qcode.User(id=uuid.uuid5(NAMESPACE, "second coder"), name="Second coder")
    codes = project.codes
    after = {code.id: codes[(n + 1) % len(codes)].id for n, code in enumerate(codes)}
    sources = []
    for source in project.sources:
        again = []
        for n, excerpt in enumerate(source.excerpts):
            anchor = excerpt.anchor
            assert isinstance(anchor, qcode.TextSpan)
            code = excerpt.codings[0].code
            coding = qcode.Coding(
                id=uuid.uuid5(NAMESPACE, f"second coding/{excerpt.id}"),
                code=after[code] if n % 7 == 3 else code,
                coder=second.id,
            )
            span = qcode.TextSpan(anchor.start, anchor.end - 5 if n % 3 == 1 else anchor.end)
            again.append(
                qcode.Excerpt(
                    id=uuid.uuid5(NAMESPACE, f"second/{excerpt.id}"),
                    anchor=span,
                    codings=(coding,),
                )
            )
        sources.append(attrs.evolve(source, excerpts=(*source.excerpts, *again)))
    return attrs.evolve(project, users=(*project.users, second), sources=tuple(sources))


def pictures(sources: int, regions: int, codes: int = 100) -> qcode.Project:
    """``sources`` pictures, each with ``regions`` rectangles in a grid, coded by two coders
    as `synthetic` codes its selections; the second coder's rectangle is 10 pixels narrower
    on every third and has the next code on every seventh. For agreement over areas."""
    ids = iter(uuid.uuid5(NAMESPACE, f"picture {n}") for n in range(10**9))
    coders = tuple(qcode.User(id=next(ids), name=name) for name in ("Coder", "Second coder"))
    code_list = tuple(qcode.Code(id=next(ids), name=f"Code {n}") for n in range(codes))
    side = max(1, int(regions**0.5))
    all_sources = []
    for s in range(sources):
        excerpts = []
        for n in range(regions):
            x, y = 100 * (n % side), 100 * (n // side)
            code = 0 if n % 10 == 0 else 1 + (s * regions + n) % (codes - 1)
            for second, coder in enumerate(coders):
                narrower = 10 if second and n % 3 == 1 else 0
                coded = (code + 1) % codes if second and n % 7 == 3 else code
                excerpts.append(
                    qcode.Excerpt(
                        id=next(ids),
                        anchor=qcode.PictureRegion(x, y, x + 90 - narrower, y + 90),
                        codings=(
                            qcode.Coding(id=next(ids), code=code_list[coded].id, coder=coder.id),
                        ),
                    )
                )
        all_sources.append(
            qcode.Source(
                id=next(ids),
                name=f"Picture {s}",
                content=qcode.PictureContent(path=f"picture-{s}.png"),
                excerpts=tuple(excerpts),
            )
        )
    return qcode.Project(name="Pictures", users=coders, codes=code_list, sources=tuple(all_sources))


if __name__ == "__main__":
    count, per_source, target = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    qcode.write(synthetic(count, per_source), target)
    print(f"wrote {target}")
