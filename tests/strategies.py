"""Hypothesis strategies for every model class (used by the property tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

import qcode
from qcode._model._common import blank

# Lone surrogates cannot be written as UTF-8, and no real file holds them.
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
names = texts.filter(lambda s: not blank(s))  # a name that shows something
ids = st.uuids()
optional_ids = st.none() | ids
colors = st.none() | st.from_regex(r"#[0-9A-Fa-f]{6}", fullmatch=True)
small = st.integers(min_value=0, max_value=10_000)
zones = st.none() | st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
timestamps = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 30)),
    zones,
)
optional_timestamps = st.none() | timestamps
id_tuples = st.lists(ids, max_size=3).map(tuple)


def tuples(strategy: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size).map(tuple)


# An audit with nothing in it is written as no audit at all, so it is not generated.
audits = st.none() | st.builds(
    qcode.Audit,
    created_by=optional_ids,
    created_at=optional_timestamps,
    modified_by=optional_ids,
    modified_at=optional_timestamps,
).filter(lambda audit: audit != qcode.Audit())
text_metas = st.none() | st.builds(
    qcode.TextMeta, id=ids, name=st.none() | texts, path=st.none() | texts, audit=audits
)
values = (
    texts
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(min_value=dt.date(1000, 1, 1))
    | timestamps
)
variable_values = st.builds(qcode.VariableValue, ids, st.none() | values)
users = st.builds(qcode.User, id=ids, name=st.none() | texts, login=st.none() | texts)
variables = st.builds(
    qcode.Variable,
    id=ids,
    name=names,
    type=st.sampled_from(qcode.VariableType),
    description=st.none() | texts,
)
cases = st.builds(
    qcode.Case,
    id=ids,
    label=st.none() | texts,
    kind=texts,
    real_name=st.none() | texts,
    description=st.none() | texts,
    values=tuples(variable_values),
    sources=id_tuples,
    excerpts=id_tuples,
    codes=id_tuples,
)
examples = st.builds(
    qcode.Example,
    text=texts,
    kind=st.sampled_from(qcode.ExampleKind),
    excerpt=optional_ids,
    note=st.none() | texts,
)
codes = st.builds(
    qcode.Code,
    id=ids,
    name=names,
    parent=optional_ids,
    codable=st.booleans(),
    color=colors,
    brief_definition=st.none() | texts,
    full_definition=st.none() | texts,
    when_to_use=tuples(texts),
    when_not_to_use=tuples(texts),
    examples=tuples(examples),
    origin=st.none() | st.sampled_from(qcode.CodeOrigin),
    status=st.none() | st.sampled_from(qcode.CodeStatus),
    note_refs=id_tuples,
)
themes = st.builds(
    qcode.Theme,
    id=ids,
    name=names,
    description=st.none() | texts,
    parent=optional_ids,
    codes=id_tuples,
    color=colors,
    note_refs=id_tuples,
)
codings = st.builds(
    qcode.Coding,
    id=ids,
    code=ids,
    coder=optional_ids,
    coded_at=optional_timestamps,
    note_refs=id_tuples,
)
anchors = st.one_of(
    st.builds(qcode.TextSpan, small, small),
    st.builds(qcode.PictureRegion, small, small, small, small),
    st.builds(qcode.PDFRegion, small, small, small, small, small),
    st.builds(qcode.TimeSpan, small, small),
    st.builds(qcode.TranscriptSpan, transcript=ids, from_sync=optional_ids, to_sync=optional_ids),
)
excerpts = st.builds(
    qcode.Excerpt,
    id=ids,
    anchor=anchors,
    name=st.none() | texts,
    quote=st.none() | texts,
    quote_meta=text_metas,
    description=st.none() | texts,
    codings=tuples(codings),
    note_refs=id_tuples,
    audit=audits,
)
sync_points = st.builds(qcode.SyncPoint, id=ids, time=st.none() | small, position=st.none() | small)
transcripts = st.builds(
    qcode.Transcript,
    id=ids,
    text=texts,
    name=st.none() | texts,
    description=st.none() | texts,
    sync_points=tuples(sync_points),
    path=st.none() | texts,
    note_refs=id_tuples,
    audit=audits,
)
paths = st.none() | texts
contents = st.one_of(
    st.builds(qcode.TextContent, text=texts, path=paths),
    st.builds(
        qcode.PictureContent,
        path=paths,
        current_path=paths,
        text=st.none() | texts,
        text_meta=text_metas,
    ),
    st.builds(
        qcode.PDFContent,
        path=paths,
        current_path=paths,
        text=st.none() | texts,
        text_meta=text_metas,
    ),
    st.builds(
        qcode.AudioContent, path=paths, current_path=paths, transcripts=tuples(transcripts, 2)
    ),
    st.builds(
        qcode.VideoContent, path=paths, current_path=paths, transcripts=tuples(transcripts, 2)
    ),
)
sources = st.builds(
    qcode.Source,
    id=ids,
    name=names,
    kind=names,
    description=st.none() | texts,
    values=tuples(variable_values),
    codings=tuples(codings),
    note_refs=id_tuples,
    audit=audits,
    content=contents,
    excerpts=tuples(excerpts),
)
notes = st.builds(
    qcode.Note,
    id=ids,
    text=texts,
    name=st.none() | texts,
    description=st.none() | texts,
    path=paths,
    audit=audits,
    values=tuples(variable_values),
    codings=tuples(codings),
    excerpts=tuples(excerpts, 2),
)
directions = st.none() | st.sampled_from(qcode.Direction)
links = st.builds(
    qcode.Link,
    id=ids,
    name=st.none() | texts,
    origin=optional_ids,
    target=optional_ids,
    direction=directions,
    color=colors,
    note_refs=id_tuples,
)
sets = st.builds(
    qcode.Set,
    id=ids,
    name=names,
    description=st.none() | texts,
    codes=id_tuples,
    sources=id_tuples,
    notes=id_tuples,
)
vertices = st.builds(
    qcode.Vertex,
    id=ids,
    x1=st.integers(),
    y1=st.integers(),
    x2=st.none() | st.integers(),
    y2=st.none() | st.integers(),
    name=st.none() | texts,
    represents=optional_ids,
    shape=st.none() | st.sampled_from(qcode.Shape),
    color=colors,
)
edges = st.builds(
    qcode.Edge,
    id=ids,
    source=ids,
    target=ids,
    name=st.none() | texts,
    represents=optional_ids,
    direction=directions,
    line_style=st.none() | st.sampled_from(qcode.LineStyle),
    color=colors,
)
graphs = st.builds(
    qcode.Graph, id=ids, name=st.none() | texts, vertices=tuples(vertices), edges=tuples(edges)
)
projects = st.builds(
    qcode.Project,
    name=names,
    description=st.none() | texts,
    origin=st.none() | texts,
    base_path=paths,
    audit=audits,
    users=tuples(users),
    variables=tuples(variables),
    cases=tuples(cases),
    codes=tuples(codes),
    themes=tuples(themes),
    sources=tuples(sources, 2),
    notes=tuples(notes),
    links=tuples(links),
    sets=tuples(sets),
    graphs=tuples(graphs, 2),
    note_refs=id_tuples,
    vendor_data=tuples(st.builds(qcode.VendorData, owner=optional_ids, path=texts, xml=texts)),
)
