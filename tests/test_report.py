"""`qcode.report`: what each section shows, what is left out, escaping, self-containment,
and a large project folded and paged."""

from __future__ import annotations

import datetime as dt
import re
import sys
import uuid
from collections.abc import Callable

import attrs
import pytest

import qcode
from tests.conftest import ROOT, WHEN, small_project

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import synthetic

TO = "\u2013"  # the en dash of ranges

HEADINGS = re.compile(r'<h2 id="(\w+)">')


def _segments(page: str) -> list[str]:
    return re.findall(r'<li class="segment">(.*?)</li>\n', page)


def test_each_segment_is_marked_in_its_context_with_source_kind_case_and_coder() -> None:
    page = qcode.report(small_project())
    assert _segments(page) == [
        '<blockquote class="f"><p dir="auto">We are <mark>a bridge</mark>. It takes its toll.</p>'
        "</blockquote>"
        '<p class="meta"><bdi class="f">Workshop 1</bdi> <bdi class="tag f">workshop</bdi> '
        f'<span>characters 7{TO}15</span> <span>case: <bdi class="f">P1</bdi></span> '
        '<span>coder: <bdi class="f">Analyst</bdi></span></p>',
        '<blockquote class="f"><p dir="auto">We are a bridge. <mark>It takes its toll.</mark></p>'
        "</blockquote>"
        '<p class="meta"><bdi class="f">Workshop 1</bdi> <bdi class="tag f">workshop</bdi> '
        f'<span>characters 17{TO}35</span> <span>coder: <bdi class="f">Analyst</bdi></span></p>',
    ]
    assert HEADINGS.findall(page) == [
        "contents",
        "glance",
        "cases",
        "codebook",
        "themes",
        "analysis",
        "segments",
    ]
    assert '<p id="shown" aria-live="polite">2 of 2 segments shown</p>' in page
    assert '<label for="filter">Filter the segments by text, code or source</label>' in page


def test_the_codebook_shows_every_definition_field_and_the_themes_their_codes() -> None:
    b = qcode.ProjectBuilder("Study")
    toll = b.code(
        "Toll",
        color="#AA3300",
        brief_definition="What the work costs.",
        full_definition="Tiredness, stress and the rest.",
        when_to_use=["Costs of the work."],
        when_not_to_use=["Rewards of the work."],
        examples=[
            qcode.Example(text="It takes its toll.", note="Workshop 1"),
            qcode.Example(text="A long day.", kind=qcode.ExampleKind.NEAR_MISS),
        ],
        origin=qcode.CodeOrigin.IN_VIVO,
        status=qcode.CodeStatus.ACTIVE,
    )
    costs = b.theme("Costs", codes=[toll], description="What it takes.")
    b.theme("Money", parent=costs)
    page = qcode.report(b.build())
    assert re.findall(r'<h3 id="theme-[^"]+">(.*)</h3>', page) == ["Costs", "Costs/Money"]
    article = re.search(r'<article class="code".*?</article>', page, re.S)
    assert article is not None
    assert article.group().split("\n")[2:] == [
        '<p class="facts">colour #AA3300; in vivo; active</p>',
        "<dl>",
        "<dt>Brief definition</dt>",
        "<dd>What the work costs.</dd>",
        "<dt>Full definition</dt>",
        "<dd>Tiredness, stress and the rest.</dd>",
        "<dt>When to use</dt>",
        "<dd><ul><li>Costs of the work.</li></ul></dd>",
        "<dt>When not to use</dt>",
        "<dd><ul><li>Rewards of the work.</li></ul></dd>",
        "<dt>Examples</dt>",
        '<dd><ul class="examples">',
        '<li><span class="tag">typical</span> <q><bdi>It takes its toll.</bdi></q> '
        '<bdi class="note">Workshop 1</bdi></li>',
        '<li><span class="tag">near miss</span> <q><bdi>A long day.</bdi></q></li>',
        "</ul></dd>",
        "</dl>",
        "</article>",
    ]
    theme = re.search(r'<article class="theme".*?</article>', page, re.S)
    assert theme is not None
    assert "<p>What it takes.</p>" in theme.group()
    assert f'<li><a href="#code-{toll.id}"><span class="swatch" style="background:#AA3300" ' in (
        theme.group()
    )


def test_sections_a_project_has_no_data_for_are_left_out() -> None:
    assert HEADINGS.findall(qcode.report(qcode.ProjectBuilder("Empty").build())) == [
        "contents",
        "glance",
    ]
    b = qcode.ProjectBuilder("Codes only")
    b.code("Toll")
    page = qcode.report(b.build())
    assert HEADINGS.findall(page) == ["contents", "glance", "codebook"]
    assert 'href="#segments"' not in page and 'id="filter"' not in page


def test_other_anchors_several_coders_and_whole_source_codings_said() -> None:
    b = qcode.ProjectBuilder("Study", coded_at=WHEN)
    first, second = b.user("Ann"), b.user("Bo", default=False)
    toll = b.code("Toll")
    source = b.text_source("Diary", "Long days. " * 40, kind="diary")
    b.code_source(source, codes=[toll])
    excerpt = b.quote(source, "Long days.", occurrence=1, codes=[toll], coder=first)
    b.recode(excerpt, add=[toll], coder=second)
    project = b.build()
    picture = qcode.Source(
        id=uuid.uuid4(),
        name="Collage",
        kind="collage",
        content=qcode.PictureContent(),
        excerpts=(
            qcode.Excerpt(
                id=uuid.uuid4(),
                anchor=qcode.PictureRegion(1, 2, 30, 40),
                quote="a butterfly",
                codings=(qcode.Coding(id=uuid.uuid4(), code=toll.id),),
            ),
        ),
    )
    project = attrs.evolve(project, sources=(*project.sources, picture))
    page = qcode.report(project)
    assert (
        '<p class="note">1 coding of whole sources is not listed here: only excerpts are.</p>'
        in page
    )
    segments = _segments(page)
    assert segments[0].startswith(
        '<blockquote class="f"><p dir="auto"><mark>Long days.</mark> Long days.'
    )
    assert segments[0].endswith(
        f'<span>characters 0{TO}10</span> <span>coder: <bdi class="f">Ann, Bo</bdi></span></p>'
    )
    assert segments[1] == (
        '<blockquote class="f"><p dir="auto"><mark>a butterfly</mark></p></blockquote>'
        '<p class="meta"><bdi class="f">Collage</bdi> <bdi class="tag f">collage</bdi> '
        f"<span>region (1, 2){TO}(30, 40)</span></p>"
    )
    assert len(segments) == 2


def test_the_page_is_escaped_self_contained_and_the_same_every_time() -> None:
    b = qcode.ProjectBuilder("<b>Study</b>")
    code = b.code("<img src=x onerror=alert(1)>", color="#00FF00")
    source = b.text_source("</p><script>", "a <script>x</script> b", kind="<i>")
    b.quote(source, "<script>x</script>", codes=[code])
    project = b.build()
    page = qcode.report(project)
    assert page == qcode.report(project)
    assert page.count("<script>") == 1  # the page's own
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "<mark>&lt;script&gt;x&lt;/script&gt;</mark>" in page
    assert re.findall(r"(?:src|href|action)=\"(?!#)", page) == []
    assert "<link" not in page and "url(" not in page and "@import" not in page


def test_a_large_project_folds_its_segments_and_keeps_every_one() -> None:
    project = synthetic(40, 250)  # 10,000 selections
    page = qcode.report(project)
    assert page.count('<li class="segment">') == 10_000
    assert "<details open>" not in page and page.count("<details>") == 100
    assert '<p id="shown" aria-live="polite">10000 of 10000 segments shown</p>' in page


def test_where_a_segment_is_said_for_every_anchor() -> None:
    from qcode._display import place

    transcript = qcode.TranscriptSpan(transcript=uuid.uuid4())
    assert [
        place(qcode.TextSpan(3, 9)),
        place(qcode.PictureRegion(1, 2, 3, 4)),
        place(qcode.PDFRegion(page=0, x1=1, y1=2, x2=3, y2=4)),
        place(qcode.TimeSpan(61_005, 3_723_400)),
        place(transcript),
    ] == [
        f"characters 3{TO}9",
        f"region (1, 2){TO}(3, 4)",
        f"page 1, region (1, 2){TO}(3, 4)",
        f"0:01:01.005{TO}1:02:03.400",
        "part of a transcript",
    ]


def test_cases_show_their_values_of_every_type_in_columns() -> None:
    b = qcode.ProjectBuilder("Study")
    kinds = [
        b.variable("Joined", qcode.VariableType.DATE),
        b.variable("Manager", qcode.VariableType.BOOLEAN),
        b.variable("Years", qcode.VariableType.INTEGER),
        b.variable("Unused"),
    ]
    b.participant("P1", values={kinds[0]: dt.date(2020, 1, 2), kinds[1]: True, kinds[2]: 4})
    b.participant("P2", values={kinds[1]: False, kinds[2]: None})
    page = qcode.report(b.build())
    section = page[page.index('<section aria-labelledby="cases">') :]
    assert re.findall(r"<tr>.*</tr>", section[: section.index("</section>")]) == [
        '<tr><th scope="col">case</th><th scope="col">kind</th><th scope="col">sources</th>'
        '<th scope="col">excerpts</th><th scope="col">Joined</th><th scope="col">Manager</th>'
        '<th scope="col">Years</th></tr>',
        '<tr><th scope="row">P1</th><td>participant</td><td class="number">0</td>'
        '<td class="number">0</td><td>2020-01-02</td><td>yes</td><td>4</td></tr>',
        '<tr><th scope="row">P2</th><td>participant</td><td class="number">0</td>'
        '<td class="number">0</td><td></td><td>no</td><td></td></tr>',
    ]


def _section(page: str, name: str) -> list[str]:
    section = page[page.index(f'<section aria-labelledby="{name}">') :]
    return re.findall(r"<tr>.*</tr>", section[: section.index("</section>")])


def test_cases_count_what_the_analysis_attributes_and_variables_sharing_a_name_are_apart() -> None:
    """A case that lists a source owns its excerpts (as `analysis.cases` counts them); two
    variables of one name are told apart by type, as in `analysis.cases`."""
    b = qcode.ProjectBuilder("Cases")
    calm = b.code("Calm")
    s1 = b.text_source("Interview P1", "I feel calm. Mostly calm today. Very calm.")
    s2 = b.text_source("Interview P2", "Calm is rare.")
    age = b.variable("Age", qcode.VariableType.INTEGER)
    again = b.add(qcode.Variable(id=uuid.UUID(int=7), name="Age", type=qcode.VariableType.TEXT))
    p1 = b.participant("P1", values={age: 40, again: "forty"})
    p2 = b.participant("P2")
    for words in ("I feel calm.", "Mostly calm today.", "Very calm."):
        b.quote(s1, words, codes=[calm])
    b.quote(s2, "Calm is rare.", codes=[calm], speaker=p2)
    b.update(p1, sources=[s1])
    page = qcode.report(b.build())
    assert _section(page, "cases") == [
        '<tr><th scope="col">case</th><th scope="col">kind</th><th scope="col">sources</th>'
        '<th scope="col">excerpts</th><th scope="col">Age (integer)</th>'
        '<th scope="col">Age (text)</th></tr>',
        '<tr><th scope="row">P1</th><td>participant</td><td class="number">1</td>'
        '<td class="number">3</td><td>40</td><td>forty</td></tr>',
        '<tr><th scope="row">P2</th><td>participant</td><td class="number">1</td>'
        '<td class="number">1</td><td></td><td></td></tr>',
    ]


def test_whole_source_codings_are_said_even_when_nothing_else_is_coded() -> None:
    b = qcode.ProjectBuilder("Whole")
    source = b.text_source("S", "text")
    b.code_source(source, [b.code("Document")])
    page = qcode.report(b.build())
    assert HEADINGS.findall(page)[-1] == "segments"
    assert (
        '<p class="note">1 coding of whole sources is not listed here: only excerpts are.</p>'
        in page
    )
    assert 'id="filter"' not in page


def test_an_empty_project_says_so_and_a_region_without_words_says_it_has_none() -> None:
    page = qcode.report(qcode.ProjectBuilder("Empty").build())
    assert "<caption>What the project holds</caption>" not in page
    assert "<p>The project holds nothing yet: no sources, cases, codes or themes.</p>" in page
    b = qcode.ProjectBuilder("Pictures")
    picture = b.source("Collage", kind="collage", content=qcode.PictureContent())
    b.excerpt(picture, qcode.PictureRegion(1, 2, 30, 40), codes=[b.code("Hope")])
    assert '<mark class="none">(no text)</mark>' in qcode.report(b.build())


def test_a_colour_the_report_gave_is_said_to_be_the_report_s() -> None:
    b = qcode.ProjectBuilder("Colours")
    b.code("Own", color="#AA3300")
    b.code("Given")
    facts = re.findall(r'<p class="facts">(.*?)</p>', qcode.report(b.build()))
    assert facts == ["colour #AA3300", "no colour of its own (shown in #d62728)"]


_PROJECT = "a loaded project (qcode.load, or qcode.read(...).project)"


@pytest.mark.parametrize(
    ("use", "call"),
    [
        ("qcode.report", qcode.report),
        ("qcode.validate", qcode.validate),
        ("qcode.summarize", qcode.summarize),
        ("qcode.excerpt_rows", qcode.excerpt_rows),
        ("qcode.coded_excerpts", qcode.coded_excerpts),
        ("qcode.dumps", qcode.dumps),
        ("qcode.write", lambda given: qcode.write(given, "never.json")),
        ("qcode.write", lambda given: qcode.dump(given, "never.json")),
        ("ProjectBuilder.from_project", qcode.ProjectBuilder.from_project),
        ("an agreement measure", qcode.agreement.nvivo),
        ("a table", qcode.analysis.frequencies),
    ],
)
def test_what_takes_a_project_says_what_to_give_for_anything_else(
    use: str, call: Callable[[object], object]
) -> None:
    """A path or a read's result met a missing attribute deep inside (AttributeError: 'str'
    object has no attribute 'audit'); only the report and the tables said what to give.
    `validate` also takes a codebook, which `load` does not read from every format."""
    takes = _PROJECT
    if use == "qcode.validate":
        takes = "a loaded project or codebook (qcode.load, qcode.read_codebook)"
    result = qcode.ReadResult(small_project(), ())
    for given, shown in (
        ("x.json", "the path 'x.json': load it first"),
        (3, "int 3"),
        (None, "NoneType None"),
        (["y" * 100], "list ['" + "y" * 77 + "…"),
        (result, "a ReadResult: give its .project"),
    ):
        with pytest.raises(TypeError) as refused:
            call(given)
        assert str(refused.value) == f"{use} takes {takes}, not {shown}"


def test_table_cells_are_shown_as_text() -> None:
    from qcode._display._tables import text

    assert [text(None), text(("a", "b")), text(True), text(0.5), text(float("nan")), text(3)] == [
        "",
        "a; b",
        "yes",
        "0.5",
        "n/a",
        "3",
    ]


def test_agreement_per_code_is_shown_when_more_than_one_coder_coded() -> None:
    assert 'id="agreement"' not in qcode.report(small_project())
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    second = b.user("Bo", default=False)
    b.quote(project.sources[0], "We are", codes=[project.code("Bridge")], coder=second)
    b.recode(project.sources[0].excerpts[1], add=[project.code("Toll")], coder=second)
    page = qcode.report(b.build())
    table = re.search(r'<table id="agreement-table">.*?</table>', page, re.S)
    assert table is not None
    assert re.findall(r"<tr>(.*)</tr>", table.group()) == [
        '<th scope="col">measure</th><th scope="col">code</th><th scope="col">unit</th>'
        '<th scope="col" class="number">length</th><th scope="col" class="number">observed'
        '</th><th scope="col" class="number">expected</th><th scope="col" class="number">'
        'alpha</th><th scope="col">note</th>',
        '<th scope="row">|uα</th><td>Findings/Bridge</td><td>characters</td>'
        '<td class="number">70</td><td class="number">28</td><td class="number">23.137</td>'
        '<td class="number">-0.21</td><td></td>',
        '<th scope="row">|uα</th><td>Findings/Toll</td><td>characters</td>'
        '<td class="number">70</td><td class="number">0</td><td class="number">40.626</td>'
        '<td class="number">1</td><td></td>',
        '<th scope="row">cuα</th><td>Findings</td><td>characters</td>'
        '<td class="number">36</td><td class="number">0</td><td class="number">0</td>'
        '<td class="number">n/a</td><td>α is 0/0: the coders&#39; values do not vary '
        "(nothing coded, or all coded alike)</td>",
    ]


def test_frequency_tables_and_the_heatmap_come_from_the_analysis_tables() -> None:
    project = small_project()
    page = qcode.report(project)
    assert re.findall(r'<h3 id="([a-z-]+)">', page)[-4:] == [
        "frequencies",
        "by-kind",
        "by-case",
        "cooccurrence",
    ]
    frequencies = re.search(r'<table id="frequencies-table">.*?</table>', page, re.S)
    assert frequencies is not None
    assert re.findall(r"<tr>(.*)</tr>", frequencies.group()) == [
        '<th scope="col">code</th><th scope="col" class="number">references</th>'
        '<th scope="col" class="number">sources</th><th scope="col" class="number">cases</th>'
        '<th scope="col" class="number">characters</th>'
        '<th scope="col" class="number">coverage</th>',
        '<th scope="row">Findings</th><td class="number">0</td><td class="number">0</td>'
        '<td class="number">0</td><td class="number">0</td><td class="number">0</td>',
        '<th scope="row">Findings/Bridge</th><td class="number">1</td><td class="number">1</td>'
        '<td class="number">1</td><td class="number">8</td><td class="number">0.229</td>',
        '<th scope="row">Findings/Toll</th><td class="number">1</td><td class="number">1</td>'
        '<td class="number">0</td><td class="number">18</td><td class="number">0.514</td>',
    ]
    # two codes applied, on words apart: no map of zeros, but a line that says so
    assert re.findall(r'<rect class="cell"', page) == []
    assert (
        '<h3 id="cooccurrence">Codes that occur together</h3>\n'
        "<p>No two of the 2 codes applied mark the same words.</p>"
    ) in page
    b = qcode.ProjectBuilder.from_project(project)
    b.quote(project.sources[0], "a bridge. It takes", codes=["Toll"])
    cells = re.findall(
        r'<rect class="cell" [^>]*fill="(#\w+)"><title>(.*?)</title>',
        qcode.report(b.build()).replace("\u2068", "").replace("\u2069", ""),
    )
    assert cells == [  # the codes applied: not the folder "Findings"
        ("#e0e0e0", "Findings/Bridge and Findings/Bridge: 1"),
        ("#0b5394", "Findings/Bridge and Findings/Toll: 1"),
        ("#0b5394", "Findings/Toll and Findings/Bridge: 1"),
        ("#e0e0e0", "Findings/Toll and Findings/Toll: 2"),
    ]


def test_the_heatmap_draws_the_codes_that_occur_together_most_and_says_so() -> None:
    """Every code applied was drawn: 2,546 codes made a map of 6.5 million cells (790 MB)."""
    b = qcode.ProjectBuilder("Many", id_namespace=uuid.UUID(int=5))
    b.user("Ana")
    words = [f"w{n}" for n in range(400)]
    source = b.text_source("Doc", " ".join(words))
    codes = [b.code(f"C{n}") for n in range(50)]
    for n in range(45):  # C0-C44 each overlap the one before and after
        b.quote(source, " ".join(words[n * 4 : n * 4 + 6]), codes=[codes[n]])
    b.quote(source, " ".join(words[172:177]), codes=[codes[44]])  # on C42's and C43's too
    b.quote(source, " ".join(words[300:302]), codes=[codes[49]])  # alone
    page = qcode.report(b.build())
    labels = re.findall(r'<text class="label"[^>]*>\u2068(.*?)\u2069</text>', page)
    assert len(labels) == 40
    # C42, C43 and C44 most (3 pairs), then those with 2 in tree order (C0 has 1)
    assert labels == [*(f"C{n}" for n in range(1, 38)), "C42", "C43", "C44"]
    assert len(re.findall(r'<rect class="cell"', page)) == 1600
    assert (
        '<p class="note">The 40 codes that occur together with others most are drawn, of 45 '
        "that occur with another; qcode table cooccurrence FILE --mode overlap lists every "
        'pair.</p>\n<p class="note">1 code applied marks no words another code marks, not drawn.'
        "</p>"
    ) in page


def test_the_heatmap_shades_a_count_by_its_share_of_the_largest() -> None:
    from qcode._display._tables import _shade

    assert [_shade(0, 4), _shade(2, 4), _shade(4, 4), _shade(0, 0)] == [
        "#ffffff",
        "#85a9ca",
        "#0b5394",
        "#ffffff",
    ]


def test_a_code_tree_thousands_of_levels_deep_is_drawn() -> None:
    """Drawn without recursion: a hostile file's chain of codes ends no report."""
    codes = [qcode.Code(id=uuid.UUID(int=n + 1), name=f"c{n}",
                        parent=uuid.UUID(int=n) if n else None) for n in range(3000)]  # fmt: skip
    project = qcode.Project(name="Deep", codes=tuple(codes))
    page = qcode.report(project)
    tree = page[page.index('<ul class="tree">') : page.index('<h3 id="definitions">')]
    assert tree.count("<li>") == tree.count("</li>") == 3000
    assert tree.count("<ul") == tree.count("</ul>") == 3000
    assert tree.endswith("</li>\n" + "</ul>\n</li>\n" * 2999 + "</ul>\n")
    shown = project._repr_html_()  # the first 200 codes, nested as deep
    assert re.search(r"> <bdi>c199\b", shown) and not re.search(r"> <bdi>c200\b", shown)


def test_the_report_s_own_words_are_not_searched_and_a_bad_colour_is_not_the_code_s() -> None:
    project = small_project()
    toll = project.codes[2]
    odd = attrs.evolve(project, codes=(*project.codes[:2], attrs.evolve(toll, color="red")))
    facts = re.findall(r'<p class="facts">(.*?)</p>', qcode.report(odd))
    assert facts[2].startswith("no colour of its own (shown in ")
    with pytest.raises(TypeError) as refused:
        qcode.report(qcode.ReadResult(project))  # type: ignore[arg-type]
    assert str(refused.value).endswith("not a ReadResult: give its .project")


def test_a_single_code_applied_draws_no_heatmap() -> None:
    b = qcode.ProjectBuilder("One")
    b.quote(b.text_source("S", "Calm days."), "Calm", codes=[b.code("Calm")])
    page = qcode.report(b.build())
    assert 'id="cooccurrence"' not in page and 'id="frequencies"' in page


def test_a_small_share_is_shown_to_three_significant_digits_not_as_none() -> None:
    from qcode._display._tables import text

    shares = (0.229, 0.5144, 0.00014968, 0.0009999, 0.0, -0.00012345, 59.7067)
    assert [text(share) for share in shares] == [
        "0.229",
        "0.514",
        "0.00015",
        "0.001",
        "0",
        "-0.000123",
        "59.707",
    ]


def test_the_heatmap_counts_overlapping_excerpts_of_two_codes_as_nvivo_codes_them() -> None:
    b = qcode.ProjectBuilder("One code per selection")
    toll, bridge = b.code("Toll"), b.code("Bridge")
    diary = b.text_source("Diary", "We are a bridge. It takes its toll.")
    b.quote(diary, "We are a bridge.", codes=[bridge])
    b.quote(diary, "a bridge. It takes", codes=[toll])
    page = qcode.report(b.build())
    cells = re.findall(
        r'<rect class="cell" [^>]*><title>\u2068(.*?)\u2069 and \u2068(.*?)\u2069: (\d+)</title>',
        page,
    )
    assert cells == [  # each name isolated (FSI ... PDI)
        ("Toll", "Toll", "1"),
        ("Toll", "Bridge", "1"),
        ("Bridge", "Toll", "1"),
        ("Bridge", "Bridge", "1"),
    ]


def test_a_coder_or_code_the_project_lacks_is_shown_as_it_is_and_counted() -> None:
    """A coding by a user the project does not have was taken for a second coder, and the
    report ended with the α family's "needs a second coder"; codings of a code it does not
    have were left out without a word."""
    project = small_project()
    first, second = project.sources[0].excerpts
    ghost = attrs.evolve(first.codings[0], coder=uuid.UUID(int=1))
    lost = attrs.evolve(second.codings[0], code=uuid.UUID(int=2))
    source = attrs.evolve(
        project.sources[0],
        excerpts=(attrs.evolve(first, codings=(ghost,)), attrs.evolve(second, codings=(lost,))),
    )
    page = qcode.report(attrs.evolve(project, sources=(source, *project.sources[1:])))
    assert 'id="agreement"' not in page
    assert len(_segments(page)) == 1
    assert (
        '<p class="note">1 coding of a code the project does not have is not listed here '
        "(<code>qcode validate</code> names it).</p>"
    ) in page
    assert "does not have" not in qcode.report(project)


def test_excerpts_sharing_an_id_are_shown_each_in_its_own_source_and_place() -> None:
    """A damaged file's excerpts of one id were all shown as the last of them: the first
    source's words under the second's name and place."""
    b = qcode.ProjectBuilder("Twins", id_namespace=uuid.UUID(int=7))
    b.user("Ana")
    one, two = (
        b.text_source("Doc one", "alpha beta gamma"),
        b.text_source("Doc two", "delta epsilon zeta"),
    )
    first = b.quote(one, "beta", codes=[b.code("C")])
    again = b.quote(one, "gamma", codes=["C"])
    b.quote(two, "epsilon", codes=[b.code("D")])
    built = b.build()
    twin = attrs.evolve(built.sources[1].excerpts[0], id=first.id)
    same = attrs.evolve(built.sources[0].excerpts[1], id=first.id)
    damaged = attrs.evolve(
        built,
        sources=(
            attrs.evolve(built.sources[0], excerpts=(built.sources[0].excerpts[0], same)),
            attrs.evolve(built.sources[1], excerpts=(twin,)),
        ),
    )
    assert again.id != first.id
    page = qcode.report(damaged)
    shown = re.findall(
        r'<p dir="auto">(.*?)</p></blockquote><p class="meta"><bdi class="f">(.*?)</bdi>'
        r".*?<span>(characters [^<]*)</span>",
        page,
    )
    assert shown == [
        ("alpha <mark>beta</mark> gamma", "Doc one", f"characters 6{TO}10"),
        ("alpha beta <mark>gamma</mark>", "Doc one", f"characters 11{TO}16"),
        ("delta <mark>epsilon</mark> zeta", "Doc two", f"characters 6{TO}13"),
    ]


def test_time_spans_and_regions_sharing_an_id_are_each_shown_at_their_own_place() -> None:
    """Only text spans were told apart: time spans and regions of one id all showed the
    first one's place."""
    b = qcode.ProjectBuilder("Twins", id_namespace=uuid.UUID(int=7))
    talk = qcode.Source(
        id=uuid.UUID(int=100), name="Talk", content=qcode.AudioContent(path="internal://a.m4a")
    )
    collage = qcode.Source(
        id=uuid.UUID(int=101), name="Collage", content=qcode.PictureContent(path="internal://p.png")
    )
    b.add(talk)
    b.add(collage)
    code = b.code("C")
    twin = uuid.UUID(int=200)

    def excerpt(n: int, anchor: qcode.TimeSpan | qcode.PictureRegion) -> qcode.Excerpt:
        coding = qcode.Coding(id=uuid.UUID(int=300 + n), code=code.id)
        return qcode.Excerpt(id=twin, anchor=anchor, codings=(coding,))

    project = attrs.evolve(
        b.build(),
        sources=(
            attrs.evolve(talk, excerpts=(excerpt(1, qcode.TimeSpan(1000, 2000)),
                                         excerpt(2, qcode.TimeSpan(50000, 60000)))),
            attrs.evolve(collage, excerpts=(excerpt(3, qcode.PictureRegion(1, 2, 3, 4)),
                                            excerpt(4, qcode.PictureRegion(10, 20, 30, 40)))),
        ),
    )  # fmt: skip
    page = qcode.report(project)
    shown = re.findall(r'<p class="meta"><bdi class="f">(.*?)</bdi>.*?<span>([^<]*)</span>', page)
    assert shown == [
        ("Talk", f"0:00:01.000{TO}0:00:02.000"),
        ("Talk", f"0:00:50.000{TO}0:01:00.000"),
        ("Collage", f"region (1, 2){TO}(3, 4)"),
        ("Collage", f"region (10, 20){TO}(30, 40)"),
    ]


def test_names_where_no_markup_goes_are_isolated_without_their_own_direction_marks() -> None:
    """A name holding U+2069 then U+202E closed the isolate early and turned the rest of a
    heatmap tooltip around; the page's title was not isolated at all."""
    from qcode._display import isolated

    assert isolated("C \u2069\u202eyduts") == "\u2068C yduts\u2069"
    b = qcode.ProjectBuilder("Study \u202eevil")
    source = b.text_source("S", "one two")
    b.quote(source, "one two", codes=[b.code("A \u2069\u202ex"), b.code("B")])
    page = qcode.report(b.build())
    assert "<title>\u2068Study evil\u2069: qcode report</title>" in page
    assert "<title>\u2068A x\u2069 and \u2068B\u2069: 1</title>" in page


def test_excerpts_of_one_id_coded_apart_are_each_shown_under_their_own_code() -> None:
    """Rows were matched to the excerpts of their id by order within the code: a region
    coded B was shown at the region coded A, and two sources of one id mixed."""
    b = qcode.ProjectBuilder("Twins", id_namespace=uuid.UUID(int=8))
    a_code, b_code = b.code("A"), b.code("B")
    collage = qcode.Source(
        id=uuid.UUID(int=101), name="Collage", content=qcode.PictureContent(path="internal://p.png")
    )
    same = uuid.UUID(int=102)
    one = qcode.Source(id=same, name="Doc one", content=qcode.TextContent(text="alpha beta"))
    two = qcode.Source(id=same, name="Doc two", content=qcode.TextContent(text="delta zeta"))

    def excerpt(
        n: int, anchor: qcode.TextSpan | qcode.PictureRegion, code: qcode.Code
    ) -> qcode.Excerpt:
        coding = qcode.Coding(id=uuid.UUID(int=300 + n), code=code.id)
        return qcode.Excerpt(id=uuid.UUID(int=200), anchor=anchor, codings=(coding,))

    project = attrs.evolve(
        b.build(),
        sources=(
            attrs.evolve(collage, excerpts=(
                excerpt(1, qcode.PictureRegion(1, 2, 3, 4), a_code),
                excerpt(2, qcode.PictureRegion(10, 20, 30, 40), b_code),
            )),
            attrs.evolve(one, excerpts=(excerpt(3, qcode.TextSpan(0, 5), a_code),)),
            attrs.evolve(two, excerpts=(excerpt(4, qcode.TextSpan(0, 5), b_code),)),
        ),
    )  # fmt: skip
    page = qcode.report(project)
    sections = re.findall(r'<section class="code-segments".*?</section>', page, re.S)
    shown = [
        re.findall(
            r'<p dir="auto">(.*?)</p>.*?<bdi class="f">(.*?)</bdi>.*?<span>([^<]*)</span>', s
        )
        for s in sections
    ]
    assert shown == [
        [("<mark class=\"none\">(no text)</mark>", "Collage", f"region (1, 2){TO}(3, 4)"),
         ("<mark>alpha</mark> beta", "Doc one", f"characters 0{TO}5")],
        [("<mark class=\"none\">(no text)</mark>", "Collage", f"region (10, 20){TO}(30, 40)"),
         ("<mark>delta</mark> zeta", "Doc two", f"characters 0{TO}5")],
    ]  # fmt: skip
