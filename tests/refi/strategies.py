"""Projects REFI-QDA can carry in full, for the qcode → REFI → qcode property.

The limits are those of the exchange format, documented in docs/refi.md: text that XML can
hold, definitions and theme descriptions that do not imitate the layout's headings, codes
whose parents exist, anchors that suit their source, quotes that match their spans.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve
from hypothesis import strategies as st

import qcode
from tests import strategies as base

# XML 1.0 holds tab, newline, carriage return and everything from U+0020 but U+FFFE/U+FFFF.
# Into such text go, often, the pieces that make offsets, line breaks and BOM handling
# differ: CRLF, a BOM character, emoji (plane 1), characters of planes 2, 14 and 16, a
# combining accent. (Drawn as a string and a few insertions: drawing every character
# separately makes generating projects several times slower.)
_xml_chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r")
_pieces = st.sampled_from(
    ["\r\n", "\r\n\r\n", "\ufeff", "😀", "\U00020000", "\U000e0101", "\U0010fffd", "e\u0301"]
)


def _spliced(text: str, inserts: list[tuple[int, str]]) -> str:
    for at, piece in sorted(inserts, reverse=True):
        text = text[:at] + piece + text[at:]
    return text


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.builds(
        _spliced,
        st.text(_xml_chars, max_size=max_size),
        st.lists(st.tuples(st.integers(0, max_size), _pieces), max_size=4),
    )


xml_text = _text(30)
long_text = _text(400)  # the texts of text sources
# One line of any script (definitions, descriptions, example texts): letters, marks, digits,
# punctuation and symbols of every plane, and spaces.
words = (
    st.lists(
        st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\ufffe\uffff")
        | st.sampled_from(["😀", "\U00020000", "e\u0301"]),
        min_size=1,
        max_size=30,
    )
    .map(lambda pieces: "".join(pieces).strip())
    .filter(bool)
)
colors = st.none() | st.from_regex(r"#[0-9A-F]{6}", fullmatch=True)
ids = st.uuids()
values = st.builds(
    qcode.VariableValue,
    ids,
    st.none()
    | xml_text
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(min_value=dt.date(1000, 1, 1))
    | base.timestamps,
)


def tuples(strategy: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size).map(tuple)


examples = st.builds(
    qcode.Example,
    text=words,
    kind=st.sampled_from(qcode.ExampleKind),
    excerpt=st.none() | ids,
    note=st.none() | words,
)


@st.composite
def code_lists(draw: st.DrawFn) -> tuple[qcode.Code, ...]:
    codes: list[qcode.Code] = []
    for _ in range(draw(st.integers(0, 5))):
        parent = draw(st.none() | st.sampled_from([c.id for c in codes])) if codes else None
        structured = draw(st.booleans())
        codes.append(
            qcode.Code(
                id=draw(ids),
                name=draw(xml_text),
                parent=parent,
                codable=draw(st.booleans()),
                color=draw(colors),
                brief_definition=draw(st.none() | words) if structured else None,
                full_definition=draw(st.none() | words),
                when_to_use=draw(tuples(words)) if structured else (),
                when_not_to_use=draw(tuples(words)) if structured else (),
                examples=draw(tuples(examples)) if structured else (),
                origin=draw(st.none() | st.sampled_from(qcode.CodeOrigin)) if structured else None,
                status=draw(st.none() | st.sampled_from(qcode.CodeStatus)) if structured else None,
                note_refs=draw(tuples(ids)),
            )
        )
    return qcode._model._codebook.in_tree_order(tuple(codes))


def _excerpt(draw: st.DrawFn, anchor: qcode.Anchor, quote: str | None = None) -> qcode.Excerpt:
    excerpt: qcode.Excerpt = draw(base.excerpts)
    return evolve(
        excerpt,
        anchor=anchor,
        quote=quote,
        quote_meta=None,
        name=draw(st.none() | xml_text),
        description=draw(st.none() | xml_text),
    )


def _spans(draw: st.DrawFn, text: str) -> list[qcode.Excerpt]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        found.append(_excerpt(draw, qcode.TextSpan(start, end), text[start:end]))
    return found


def _meta(draw: st.DrawFn) -> qcode.TextMeta | None:
    meta: qcode.TextMeta | None = draw(
        st.none() | st.builds(qcode.TextMeta, id=ids, name=st.none() | xml_text, audit=base.audits)
    )
    return meta


@st.composite
def sources(draw: st.DrawFn) -> qcode.Source:
    medium = draw(st.sampled_from(list(qcode.Medium)))
    paths = st.none() | st.sampled_from(["relative:///media/a.mp4", "absolute:///data/b.jpg"])
    excerpts: list[qcode.Excerpt] = []
    content: qcode.Content
    if medium is qcode.Medium.TEXT:
        text = draw(long_text)
        content = qcode.TextContent(text=text)
        excerpts = _spans(draw, text)
    elif medium is qcode.Medium.PICTURE:
        text = draw(st.none() | xml_text)
        content = qcode.PictureContent(
            path=draw(paths),
            current_path=draw(paths),
            text=text,
            text_meta=_meta(draw) if text is not None else None,
        )
        excerpts = _spans(draw, text) if text is not None else []
        for _ in range(draw(st.integers(0, 2))):
            excerpts.append(
                _excerpt(
                    draw,
                    draw(
                        st.builds(
                            qcode.PictureRegion, base.small, base.small, base.small, base.small
                        )
                    ),
                )
            )
    elif medium is qcode.Medium.PDF:
        for _ in range(draw(st.integers(0, 2))):
            region = draw(
                st.builds(
                    qcode.PDFRegion, base.small, base.small, base.small, base.small, base.small
                )
            )
            quote = draw(st.none() | xml_text)
            excerpt = _excerpt(draw, region, quote)
            excerpts.append(evolve(excerpt, quote_meta=_meta(draw) if quote is not None else None))
        text = draw(st.none() | xml_text)
        content = qcode.PDFContent(
            path=draw(paths), text=text, text_meta=_meta(draw) if text is not None else None
        )
        excerpts += _spans(draw, text) if text is not None else []
    else:
        transcripts = draw(tuples(base.transcripts, 2))
        transcripts = tuple(
            evolve(
                t,
                text=draw(xml_text),
                name=draw(st.none() | xml_text),
                description=draw(st.none() | xml_text),
                path=None,
            )
            for t in transcripts
        )
        for transcript in transcripts:
            syncs = [None, *(s.id for s in transcript.sync_points)]
            for _ in range(draw(st.integers(0, 2))):
                span = qcode.TranscriptSpan(
                    transcript=transcript.id,
                    from_sync=draw(st.sampled_from(syncs)),
                    to_sync=draw(st.sampled_from(syncs)),
                )
                excerpts.append(_excerpt(draw, span))
        for _ in range(draw(st.integers(0, 2))):
            excerpts.append(_excerpt(draw, draw(st.builds(qcode.TimeSpan, base.small, base.small))))
        kind = qcode.AudioContent if medium is qcode.Medium.AUDIO else qcode.VideoContent
        content = kind(path=draw(paths), current_path=draw(paths), transcripts=transcripts)
    source: qcode.Source = draw(base.sources)
    return evolve(
        source,
        name=draw(xml_text),
        kind=draw(xml_text),
        description=draw(st.none() | xml_text),
        content=content,
        excerpts=tuple(excerpts),
        values=draw(tuples(values)),
    )


@st.composite
def projects(draw: st.DrawFn) -> qcode.Project:
    codes = draw(code_lists())
    themes = []
    for _ in range(draw(st.integers(0, 3))):
        parent = draw(st.none() | st.sampled_from([t.id for t in themes])) if themes else None
        themes.append(
            qcode.Theme(
                id=draw(ids),
                name=draw(xml_text),
                description=draw(st.none() | words),
                parent=parent,
                codes=draw(tuples(ids)),
                color=draw(colors),
                note_refs=draw(tuples(ids)),
            )
        )
    sets = [
        evolve(s, name=draw(xml_text), description=draw(st.none() | words))
        for s in draw(tuples(base.sets))
    ]
    notes = []
    for note in draw(tuples(base.notes)):
        text = draw(xml_text)
        spans = _spans(draw, text)
        notes.append(
            evolve(
                note,
                text=text,
                name=draw(st.none() | xml_text),
                path=None,
                description=draw(st.none() | xml_text),
                excerpts=tuple(spans),
                values=draw(tuples(values)),
            )
        )
    cases = [
        evolve(
            c,
            label=draw(st.none() | xml_text),
            kind=draw(xml_text),
            real_name=draw(st.none() | xml_text),
            description=draw(st.none() | xml_text),
            values=draw(tuples(values)),
        )
        for c in draw(tuples(base.cases))
    ]
    variables = [
        evolve(
            v,
            name=draw(words.filter(lambda n: n not in ("Source kind", "Case kind", "Real name"))),
            description=draw(st.none() | xml_text),
        )
        for v in draw(tuples(base.variables))
    ]
    project: qcode.Project = draw(base.projects)
    return evolve(
        project,
        name=draw(xml_text),
        description=draw(st.none() | xml_text),
        origin=draw(st.none() | xml_text),
        base_path=draw(st.none() | xml_text),
        users=tuple(
            evolve(u, name=draw(st.none() | xml_text), login=draw(st.none() | xml_text))
            for u in project.users
        ),
        variables=tuple(variables),
        cases=tuple(cases),
        codes=codes,
        themes=tuple(themes),
        sources=tuple(draw(st.lists(sources(), max_size=3))),
        notes=tuple(notes),
        links=tuple(
            evolve(link, name=draw(st.none() | xml_text), color=draw(colors))
            for link in project.links
        ),
        sets=tuple(sets),
        graphs=tuple(
            evolve(
                g,
                name=draw(st.none() | xml_text),
                vertices=tuple(evolve(v, color=draw(colors), name=None) for v in g.vertices),
                edges=tuple(evolve(e, color=draw(colors), name=None) for e in g.edges),
            )
            for g in project.graphs
        ),
        vendor_data=(),
    )
