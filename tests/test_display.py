"""The notebook display (`_repr_html_`): exact on a small project, escaped, bounded in size
on a large one."""

from __future__ import annotations

import sys
import uuid

import attrs

import qcode
from tests.conftest import ROOT, small_project

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import synthetic

TO = "\u2013"  # the en dash of ranges

SQUARE = '<span style="color:{}" aria-hidden="true">■</span>'


def test_a_project_shows_its_counts_and_its_code_tree_folded() -> None:
    rows = [
        ("participants", 1),
        ("cases", 1),
        ("users", 1),
        ("sources", 1),
        ("excerpts", 2),
        ("codings", 2),
        ("codes", 3),
        ("themes", 1),
        ("notes", 1),
        ("variables", 1),
    ]
    table = "".join(
        f'<tr><th scope="row" style="text-align:left">{key}</th>'
        f'<td style="text-align:right">{n}</td></tr>\n'
        for key, n in rows
    )
    assert small_project()._repr_html_() == (
        '<div class="qcode-project">\n<strong>Project <bdi>Small study</bdi></strong>\n'
        "<table>\n<tbody>\n"
        f"{table}</tbody>\n</table>\n<p>Sources by kind: <bdi>workshop</bdi> 1</p>\n<details>\n"
        "<summary>Codes (3; the number of excerpts coded with each)</summary>\n<ul>\n"
        f"<li>{SQUARE.format('#1f77b4')} <bdi>Findings</bdi> (0)\n<ul>\n"
        f"<li>{SQUARE.format('#d62728')} <bdi>Bridge</bdi> (1)</li>\n"
        f"<li>{SQUARE.format('#AA3300')} <bdi>Toll</bdi> (1)</li>\n"
        "</ul>\n</li>\n</ul>\n</details>\n</div>\n"
    )


def test_a_source_shows_its_kind_medium_counts_and_the_start_of_its_text() -> None:
    source = small_project().sources[0]
    assert source._repr_html_() == (
        '<div class="qcode-source">\n<strong>Source <bdi>Workshop 1</bdi></strong>: '
        "<bdi>workshop</bdi>, text; "
        "2 excerpts, 2 codings\n"
        '<blockquote dir="auto" style="white-space:pre-wrap">We are a bridge. It takes its toll.'
        "</blockquote>\n</div>\n"
    )
    long = qcode.Source(
        id=uuid.uuid4(),
        name="Diary",
        kind="diary",
        description="Kept for a year.",
        content=qcode.TextContent(text="word " * 1000),
    )
    shown = long._repr_html_()
    assert "<p>Kept for a year.</p>" in shown
    assert f">{'word ' * 59}word…</blockquote>" in shown


def test_a_code_shows_its_definition_fields_and_an_excerpt_its_place_and_quote() -> None:
    code = qcode.Code(
        id=uuid.uuid4(),
        name="Toll",
        color="#AA3300",
        full_definition="What the work costs.",
        when_to_use=("Tiredness.", "Stress."),
        when_not_to_use=("Joy.",),
        examples=(qcode.Example(text="It takes its toll."),),
        origin=qcode.CodeOrigin.IN_VIVO,
        status=qcode.CodeStatus.DRAFT,
    )
    assert code._repr_html_() == (
        f'<div class="qcode-code">\n{SQUARE.format("#AA3300")} '
        "<strong>Code <bdi>Toll</bdi></strong>"
        " (in vivo, draft)\n<dl>\n<dt>Full definition</dt><dd>What the work costs.</dd>\n"
        "<dt>When to use</dt><dd>2 rules</dd>\n<dt>When not to use</dt><dd>1 rule</dd>\n"
        "<dt>Examples</dt><dd>1</dd>\n</dl>\n</div>\n"
    )
    folder = attrs.evolve(code, codable=False, origin=None, full_definition=None,
                          when_to_use=(), when_not_to_use=(), examples=())  # fmt: skip
    assert folder._repr_html_().endswith(
        "<strong>Code <bdi>Toll</bdi></strong> (a folder, draft)\n</div>\n"
    )
    b = qcode.ProjectBuilder("One")
    b.quote(b.text_source("S", "abc"), "abc", codes=[b.code("C")])
    assert "<bdi>document</bdi>, text; 1 excerpt, 1 coding\n" in b.build().sources[0]._repr_html_()
    excerpt = small_project().sources[0].excerpts[1]
    assert excerpt._repr_html_() == (
        f'<div class="qcode-excerpt">\n<strong>Excerpt</strong>: characters 17{TO}35; 1 coding\n'
        '<blockquote dir="auto" style="white-space:pre-wrap">It takes its toll.</blockquote>\n'
        "</div>\n"
    )


def test_an_empty_project_says_it_holds_nothing() -> None:
    assert qcode.Project(name="Empty")._repr_html_() == (
        '<div class="qcode-project">\n<strong>Project <bdi>Empty</bdi></strong>\n'
        "<p>The project holds nothing yet.</p>\n</div>\n"
    )


def test_a_table_shows_its_first_rows() -> None:
    table = qcode.Table("Counts", ["code", "n"], [(f"C{n}", n) for n in range(25)], notes=["x"])
    shown = table._repr_html_()
    assert shown.startswith(
        '<div class="qcode-table">\n<table>\n<caption>Counts (25 rows, the first 10 shown)'
        '</caption>\n<thead>\n<tr><th scope="col">code</th><th scope="col">n</th></tr>\n'
        "</thead>\n<tbody>\n<tr><td>C0</td><td>0</td></tr>\n"
    )
    assert shown.count("<tr><td>") == 10 and "C9" in shown and "C10" not in shown
    assert shown.endswith("</tbody>\n</table>\n<p>x</p>\n</div>\n")
    cells = qcode.Table("One", ["a", "b"], [(None, ("x", "y"))])._repr_html_()
    assert "<caption>One (1 row)</caption>" in cells
    assert "<tr><td></td><td>x; y</td></tr>" in cells
    long = qcode.Table("Long", ["text"], [("word " * 1800,)])._repr_html_()  # 9,000 characters
    assert len(long) < 600 and "<tr><td>" + "word " * 59 + "word…</td></tr>" in long


def test_everything_shown_is_escaped_and_only_checked_colours_reach_a_style() -> None:
    b = qcode.ProjectBuilder("<b>Study</b> & co")
    b.code("<script>alert('x')</script>", brief_definition='"quoted" <i>')
    project = b.build()
    hostile = qcode.Code(id=uuid.uuid4(), name="C", color="red;background:url(x)")
    shown = project._repr_html_() + project.codes[0]._repr_html_() + hostile._repr_html_()
    assert "<script>" not in shown and "<b>" not in shown and "<i>" not in shown
    assert "&lt;b&gt;Study&lt;/b&gt; &amp; co" in shown
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in shown
    assert "&#34;quoted&#34; &lt;i&gt;" in shown
    assert "url(" not in shown and SQUARE.format("#9e9e9e") in shown


def test_a_large_project_shows_a_bounded_summary() -> None:
    project = synthetic(40, 250, codes=300)  # 10,000 selections
    shown = project._repr_html_()
    assert len(shown) < 20_000
    assert shown.count("<li>") == 200
    assert "<p>… and 100 more codes not shown.</p>" in shown
    source = project.sources[0]._repr_html_()
    assert len(source) < 1_000 and "250 excerpts, 250 codings" in source


def test_a_codebook_shows_its_metadata_counts_and_code_tree_folded() -> None:
    project = small_project()
    codebook = qcode.Codebook(
        id=uuid.uuid5(uuid.NAMESPACE_URL, "book"),
        name="Book",
        version="2",
        authors=("Ann", "Bo"),
        description="For <the> study.",
        codes=project.codes,
        themes=project.themes,
    )
    assert codebook._repr_html_() == (
        '<div class="qcode-codebook">\n<strong>Codebook <bdi>Book</bdi></strong> version 2: '
        "3 codes, "
        "1 theme\n<p>By Ann, Bo</p>\n<p>For &lt;the&gt; study.</p>\n<details>\n"
        "<summary>Codes (3)</summary>\n<ul>\n"
        f"<li>{SQUARE.format('#1f77b4')} <bdi>Findings</bdi>\n<ul>\n"
        f"<li>{SQUARE.format('#d62728')} <bdi>Bridge</bdi></li>\n"
        f"<li>{SQUARE.format('#AA3300')} <bdi>Toll</bdi></li>\n"
        "</ul>\n</li>\n</ul>\n</details>\n</div>\n"
    )


def test_codes_in_a_parent_cycle_are_said_to_be_left_out_for_that() -> None:
    """They were counted with those past the display's 200 codes: "… and 2 more codes not
    shown" in a project of 30 codes; the report left them out of its tree without a word."""
    project = small_project()
    a, b = (qcode.Code(id=uuid.UUID(int=n), name=name) for n, name in ((1, "CycA"), (2, "CycB")))
    looped = (attrs.evolve(a, parent=b.id), attrs.evolve(b, parent=a.id))
    below = qcode.Code(id=uuid.UUID(int=3), name="Under", parent=a.id)
    project = attrs.evolve(project, codes=(*project.codes, *looped, below))
    shown = project._repr_html_()
    assert "more codes not shown" not in shown
    assert (
        "<p>3 codes are in or below a parent cycle, which no tree can show (<code>qcode.validate"
        "</code> names the cycle).</p>"
    ) in shown
    assert "3 codes are in or below a parent cycle" in project.codebook._repr_html_()
    page = qcode.report(project)
    assert (
        '<p class="note">3 codes are in or below a parent cycle, which no tree can show (<code>'
        "qcode validate</code> names the cycle); their definitions are below.</p>"
    ) in page
    assert "parent cycle" not in small_project()._repr_html_() + qcode.report(small_project())
