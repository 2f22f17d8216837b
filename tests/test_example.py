"""The Sustaining Social Work example: faithful to the report, complete, reproducible.

Quotations are checked against the report itself (../shared/seed). The report is a text
export of a PDF: a page or line break can split a sentence ("for being" / blank line /
"safer." at lines 135-137). We compare after collapsing every run of whitespace to one
space (`_flat`), and quotations in the dataset contain no line break at all.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

import qcode
from tests.conftest import ROOT, shared_path

EXAMPLE = ROOT / "examples" / "sustaining_social_work"
WORKSHOP = "Workshop participant (not identified)"
DIARIST = "Digital diary author (not identified)"
ANOTHER = "Another participant (not identified)"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ssw_build", EXAMPLE / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ssw_build"] = module
    spec.loader.exec_module(module)
    return module


BUILD = _load_build()


@pytest.fixture(scope="module")
def project() -> qcode.Project:
    built: qcode.Project = BUILD.build()
    return built


@pytest.fixture(scope="module")
def report() -> list[str]:
    """The report's lines; ``report[n - 1]`` is line n."""
    path = shared_path("seed", "sustaining-social-work-report.txt")
    return path.read_text("utf-8").split("\n")


def _flat(text: str) -> str:
    """Text with each run of whitespace (the PDF's line and page breaks) as one space."""
    return " ".join(text.split())


def _cited_lines(excerpt: qcode.Excerpt) -> range:
    """The report lines an excerpt's description cites first: "Report line 121." or
    "Report lines 135-137."."""
    first = (excerpt.description or "").split("\n")[0]
    found = re.fullmatch(r"Report lines? (\d+)(?:-(\d+))?\.", first)
    assert found, f"{excerpt.quote!r} does not cite its report line: {first!r}"
    start = int(found.group(1))
    return range(start, int(found.group(2) or start) + 1)


def _speakers(project: qcode.Project) -> dict[object, set[str]]:
    said: dict[object, set[str]] = {}
    for case in project.cases:
        for excerpt in case.excerpts:
            said.setdefault(excerpt, set()).add(case.label or "")
    return said


# Every span the report puts in quotation marks, by line, sorted into the words it puts in
# participants' mouths and the words that are its own (titles, terms, scare quotes). The
# test below finds every quoted span in the report and checks that each is in one list.
PARTICIPANTS_WORDS = [
    (119, "discovering a new world"),  # "one said"
    (119, "new lens"),  # practitioners
    (119, "see beyond the walls"),
    (133, "power"),  # "they could see the "power" and potential"
    (143, "This is one man telling another man about a butterfly"),  # collage quotation
    (149, "Okay, well, now we have a disclosure,"),  # inside a quotation
    (159, "You've got to submit that, and you do this, and you've got to submit that."),
    (159, "Okay, but when does that person get arrested?"),
    (161, "snakes, spiders and weasels"),  # "their feelings about being like"
    (161, "pulled, left right and centre"),  # "one workshop participant"
    (163, "out into the oblivion"),  # "one manager"
    (163, "people think I'm just hanging out in McDonalds"),
    (
        163,
        "[other social workers] probably think of my job that I go on walks, I go to the spa, "
        "I eat cake",
    ),
    (163, "sitting and holding risk and actually thinking about what we're doing rather than"),
    (165, "push back"),  # "they said"
    (165, "systemic avoidance"),
    (165, "persuade"),  # youth workers
    (176, "tipping points"),  # "one practitioner"
    (198, "Transform your garden but don't open the gate"),  # collage words
    (202, "unsee"),
    (210, "snakes and ladders"),  # "described by one"
    (212, "a bridge"),  # "Commonly people talked about being like"
    (221, "person stood on a rock, looking at the universe"),  # "In the words of one"
    (234, "test"),  # collage words
    (248, "maverick"),  # the co-research group's word, twice, in the report's account
    (250, "Imposters Assembled"),  # the name the co-researchers gave their group
    (250, "the enemy"),  # the co-research group's final discussion, in the report's account
    (301, "trouble-maker"),  # "Many think of themselves as being a bit of a"
    (301, "maverick"),  # "willing to be seen as"
]
# One participant's words or account that the report gives in its own sentence, without
# quotation marks: reported speech and retellings. They are participants' words too.
REPORTED = [
    (217, "battling with a notoriously punitive judge for a young person to be given"),
    (262, "they have been shown a beautiful garden but not been allowed to open the gate"),
]
# Every place where the report says that one participant (or participants) said, described
# or made something, and what it gives: words above or a quotation (its line and first
# words); or why nothing is encoded: "summary" (what participants in general described,
# in the report's words; README.md says why such summaries are not encoded) or "image".
INTRODUCERS = re.compile(
    r"in the words of one|one said|described by (?:one|participants)|"
    r"(?:one|a) (?:workshop )?participant|they said",
    re.I,
)
INTRODUCED: list[tuple[int, str, tuple[int, str] | str]] = [
    (79, "a participant", "image"),  # Table 1's images, which the text export does not hold
    (119, "one said", (119, "discovering a new world")),
    (139, "a workshop participant", (143, "This is one man telling another man")),
    (161, "one workshop participant", (161, "pulled, left right and centre")),
    (163, "in the words of one", (163, "out into the oblivion")),  # "one manager"
    (163, "one workshop participant", (163, "sitting and holding risk")),
    (165, "they said", (165, "push back")),
    (176, "in the words of one", (176, "tipping points")),  # "one practitioner"
    (210, "described by one", (210, "snakes and ladders")),
    (217, "one participant", REPORTED[0]),  # "gave an example of"
    (217, "one participant", (219, "We share the same frustrations")),  # "summed up:"
    (221, "in the words of one", (221, "person stood on a rock, looking at the universe")),
    (246, "a workshop participant", (248, "At times, I think it can feel very stressful.")),
    (250, "described by participants", "summary"),  # the workshops and the group
    (262, "in the words of one", REPORTED[1]),
]
REPORT_VOICE = [
    (19, "The Next Chapter"),  # the programme's project
    (53, "The Next Chapter"),
    (57, "the problem"),
    (59, "Contextual Safeguarding"),  # job titles
    (59, "doing Contextual Safeguarding"),
    (61, "sustaining social work"),  # the project's name
    (63, "flash in the pan"),
    (68, "Children's social care: stable homes built on love"),  # a policy's title
    (68, "Working Together"),
    (75, "practitioners"),  # the report's term
    (93, "Trip Cast"),  # an app
    (97, "how I see my role"),  # the workshop's prompts
    (97, "how others see my role"),
    (131, "get"),  # scare quotes, as in the implications (line 279)
    (131, "welfare"),
    (149, "allowed"),
    (163, "case holding"),  # a professional term
    (163, "problem"),
    (165, "Contextual Safeguarding"),  # the term itself
    (202, "open the gate"),  # the report echoing the collage at line 198
    (202, "good"),
    (202, "bad"),
    (246, "victim"),
    (246, "perpetrator"),
    (250, "othering"),  # the report's terms, used again in its implications (line 279)
    (250, "don't get"),
    (279, "othering"),
    (279, "get"),
    (286, "add on"),
    (296, "everybody's responsibility"),
    (301, "risk"),
]
# Words whose speaker the report states somewhere other than an attribution in brackets.
STATED_ELSEWHERE = [
    ((161,), BUILD.PULLED, WORKSHOP),  # "as one workshop participant described it"
    ((163,), BUILD.HOLDING_RISK, WORKSHOP),  # "One workshop participant described how"
    ((232, 234), BUILD.STRETCHED, ANOTHER),  # "Another made this collage" (line 223)
    ((232, 234), BUILD.TESTBENCH, ANOTHER),
]
# Codes with no excerpt: the report states them in its own words (or in its accounts of
# the co-research group, which are not coded) and quotes no participant's words that carry
# them. Each definition says so.
ZERO_CODES = {
    "Licence to be creative",
    "Gendered professional authority",
    "Self-blame",
    "Isolation",
    "Focusing on small changes",
    "Focusing on perpetrators",
    "Compassion for colleagues",
    "Maverick",
}
# How many quotations and collages' words each code is applied to.
FREQUENCIES = {
    "Discovering a new world": 2,
    "See beyond the walls": 1,
    "Relating differently to young people": 2,
    "New ways of working": 2,
    "Licence to be creative": 0,
    "Working with the police": 2,
    "Gendered professional authority": 0,
    "Misperceived by colleagues": 1,
    "Learning while educating others": 1,
    "Unsupported within their own organisation": 2,
    "The four system issues": 0,
    "Less conducive to child-centred work": 1,
    "Depleted resources": 2,
    "Systems not agile enough": 2,
    "Anxiety about external scrutiny": 1,
    "Transform your garden but don't open the gate": 1,
    "Self-blame": 0,
    "Living with paradox": 1,
    "Isolation": 0,
    "A bridge": 2,
    "The toll": 6,
    "Coping": 2,
    "Focusing on small changes": 0,
    "Focusing on perpetrators": 0,
    "Peer support and solidarity": 1,
    "Compassion for colleagues": 0,
    "Maverick": 0,
}
# Codings the report's introduction of a quotation suggests but its words do not carry:
# the quotation is that code's near miss instead (README.md, "How codings were decided").
FRAMED_ONLY = [
    (BUILD.YOUTH_CLUB, "Licence to be creative", 147),  # "given permission to many"
    (BUILD.HOLDING_RISK, "Misperceived by colleagues", 163),  # "misunderstanding and judgement"
    (BUILD.PULLED, "Working with the police", 161),  # what working with the police felt like
]


def _quoted_spans(report: list[str]) -> list[tuple[int, str]]:
    """Every span in double quotes, or in single quotes not part of a word, by line."""
    found = []
    for n, line in enumerate(report, start=1):
        for match in re.finditer(r'"([^"]+)"|(?<!\w)\'(.+?)\'(?!\w)', line):
            found.append((n, match.group(1) or match.group(2)))
    return found


def _attributed_quotations(report: list[str]) -> list[tuple[range, str, str]]:
    """The quotations the report closes with "(Workshop participant)" or "(Digital diary)":
    their lines, their text and the case the dataset must attribute them to."""
    cases = {"Workshop participant": WORKSHOP, "Digital diary": DIARIST}
    found = []
    for n, line in enumerate(report, start=1):
        for match in re.finditer(r"\((Workshop participant|Digital diary)\)", line):
            quotation, start = line[: match.start()], n
            if quotation[:1].islower():  # the PDF broke the paragraph (lines 135-137)
                start = max(k for k in range(1, n) if report[k - 1].strip())
                quotation = f"{report[start - 1]} {quotation}"
            quotation = quotation.strip().removeprefix("> ").removeprefix("**Quotation:** ")
            found.append((range(start, n + 1), _flat(quotation.strip('"')), cases[match[1]]))
    return found


def test_committed_outputs_equal_a_fresh_build(project: qcode.Project, tmp_path: Path) -> None:
    BUILD.write_outputs(project, tmp_path)
    for name in (*BUILD.OUTPUTS, BUILD.QUALCODER, "codebook.md"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name
    # `make demo` writes the report with `qcode report` from the JSON.
    assert qcode.report(project).encode("utf-8") == (EXAMPLE / "report.html").read_bytes()


def test_the_project_is_valid(project: qcode.Project) -> None:
    assert qcode.validate(project) == ()
    assert qcode.validate(qcode.load(EXAMPLE / "sustaining_social_work.json")) == ()


def test_counts(project: qcode.Project) -> None:
    summary = qcode.summarize(project)
    assert summary["participants"] == 5
    assert summary["sources_by_kind"] == {
        "co-research group": 1,
        "collage": 7,
        "diary": 1,
        "messaging group": 1,
        "quotations": 1,
        "workshop": 4,
    }
    assert summary["sources_by_medium"] == {"picture": 7, "text": 8}
    assert (summary["themes"], summary["codes"], summary["excerpts"]) == (3, 27, 29)
    assert (summary["codings"], summary["notes"], summary["cases"]) == (32, 8, 10)
    kinds = Counter(case.kind for case in project.cases)
    assert kinds == {"participant": 5, "unidentified speaker": 3, "group": 2}
    examples = Counter(
        (e.kind.value, e.excerpt is not None) for code in project.codes for e in code.examples
    )
    assert examples == {
        ("typical", True): 20,
        ("typical", False): 19,
        ("atypical", True): 10,
        ("atypical", False): 3,
        ("near_miss", True): 21,
    }


def test_the_study_as_the_report_describes_it(project: qcode.Project, report: list[str]) -> None:
    """Co-researchers (line 89), workshops (line 97) and the findings' headings."""
    researchers = [case for case in project.cases if case.kind == "participant"]
    background = next(v.id for v in project.variables if v.name == "Professional background")
    # The report gives the backgrounds of the group, not of any member (line 89).
    assert "Three members were social workers, and two had a youth work backgrounds" in report[88]
    assert not [v for case in researchers for v in case.values if v.variable == background]
    group = project.case("Co-research group members")
    assert group.kind == "group"
    assert [v.value for v in group.values if v.variable == background] == [
        "three social workers, two with youth work backgrounds"
    ]
    members = {link.origin for link in project.links if link.target == group.id}
    assert members == {case.id for case in researchers}
    for case in researchers:
        assert "leading system change in their local area" in (case.description or "")
        assert "does not say which co-researcher has which background" in (case.description or "")
    workshops = [s for s in project.sources if s.kind == "workshop"]
    assert [s.name for s in workshops] == [
        f"Workshop: {town}" for town in ("Bristol", "Solihull", "London", "Motherwell")
    ]
    headings = [line for line in report if line.startswith("#")]
    for theme in project.themes:
        assert any(line.endswith(theme.name) for line in headings), theme.name
    assert "ecological, justice-oriented and relationship-based" in (
        project.themes[0].description or ""
    )


def test_every_excerpt_is_verbatim_in_its_source_and_in_the_report_lines_it_cites(
    project: qcode.Project, report: list[str]
) -> None:
    for source, excerpt in project.iter_excerpts():
        span = excerpt.anchor
        assert isinstance(span, qcode.TextSpan)
        assert source.text is not None and excerpt.quote is not None
        assert excerpt.quote == source.text[span.start : span.end]
        assert "\n" not in excerpt.quote, excerpt.quote  # no PDF line break in a quotation
        cited = " ".join(report[n - 1] for n in _cited_lines(excerpt))
        assert _flat(excerpt.quote) in _flat(cited), excerpt.quote


def test_no_pdf_line_break_is_left_in_a_quotation(project: qcode.Project) -> None:
    codebook = (EXAMPLE / "codebook.md").read_text("utf-8")
    assert "for being safer" in codebook and "for being\n" not in codebook
    for code in project.codes:
        for example in code.examples:
            assert "\n" not in example.text, example.text
    quotations = project.source("Workshop quotations").text or ""
    assert "for being safer" in quotations


def test_every_source_text_and_memo_comes_from_the_report(
    project: qcode.Project, report: list[str]
) -> None:
    whole = _flat("\n".join(report))
    for source in project.sources:
        for paragraph in (source.text or "").split("\n\n"):
            assert _flat(paragraph) in whole, paragraph
    ours = {"Citation", "Inferences (not stated in the report)"}
    for note in project.notes:
        if note.name not in ours:
            assert _flat(note.text) in whole, note.name


def test_every_quoted_span_in_the_report_is_sorted_into_participants_or_report(
    report: list[str],
) -> None:
    spans = _quoted_spans(report)
    participants = [
        (n, words)
        for n, words in spans
        if any(n == m and _flat(words).startswith(_flat(w)) for m, w in PARTICIPANTS_WORDS)
    ]
    voice = [(n, words) for n, words in spans if (n, words) in REPORT_VOICE]
    assert sorted(participants + voice) == sorted(spans)
    assert not set(participants) & set(voice)
    for n, words in PARTICIPANTS_WORDS + REPORT_VOICE + REPORTED:
        assert words in report[n - 1], (n, words)


def test_every_participant_the_report_cites_outside_a_quotation_is_accounted_for(
    project: qcode.Project, report: list[str]
) -> None:
    """Each "in the words of one", "one said", "one participant"... gives words that are
    encoded, or a quotation that is an excerpt; a summary is named in the README."""
    found = [
        (n, match.group().lower())
        for n, line in enumerate(report, start=1)
        for match in INTRODUCERS.finditer(line)
    ]
    assert found == [(n, introducer.lower()) for n, introducer, _ in INTRODUCED]
    quotations = [(set(_cited_lines(e)), _flat(e.quote or "")) for _, e in project.iter_excerpts()]
    readme = _flat((EXAMPLE / "README.md").read_text("utf-8"))
    for n, _, given in INTRODUCED:
        if isinstance(given, str):
            assert given in ("summary", "image"), given
            assert given == "image" or f"line {n}" in readme, n
        elif given not in PARTICIPANTS_WORDS + REPORTED:  # those: the next test
            line, first = given
            assert any(line in lines and q.startswith(first) for lines, q in quotations), given


def _phrase_lines(note: str) -> list[int]:
    """The report lines a phrase example's note begins with: "Report line 119: " or
    "Report lines 248, 301: "."""
    found = re.match(r"Report lines? (\d+(?:, \d+)*): ", note)
    assert found, note
    return [int(n) for n in found.group(1).split(", ")]


def test_every_phrase_in_participants_mouths_is_an_excerpt_or_a_code_example(
    project: qcode.Project,
) -> None:
    excerpts = [(set(_cited_lines(e)), _flat(e.quote or "")) for _, e in project.iter_excerpts()]
    examples = {
        (example.text, n)
        for code in project.codes
        for example in code.examples
        if example.excerpt is None and example.note
        for n in _phrase_lines(example.note)
    }
    for n, words in PARTICIPANTS_WORDS + REPORTED:
        as_excerpt = any(n in lines and _flat(words) in quote for lines, quote in excerpts)
        as_example = any(text.startswith(words) and m == n for text, m in examples)
        assert as_excerpt or as_example, (n, words)


def test_code_examples_that_are_not_excerpts_are_participants_words(
    project: qcode.Project,
) -> None:
    phrases = [e for code in project.codes for e in code.examples if e.excerpt is None]
    assert len(phrases) == len(BUILD.PHRASES) == 22
    for example in phrases:
        assert example.note is not None
        lines = _phrase_lines(example.note)
        quoted = all((n, example.text) in PARTICIPANTS_WORDS for n in lines)
        reported = any(n == m and example.text.startswith(w) for n in lines for m, w in REPORTED)
        assert quoted != reported, example.text
        # Words retold without quotation marks say so.
        assert (BUILD.NOT_A_QUOTATION in example.note) == reported, example.text
        assert example.note.endswith(BUILD.NOT_AN_EXCERPT)


def test_every_quotation_the_report_attributes_is_an_excerpt_whole_with_that_speaker(
    project: qcode.Project, report: list[str]
) -> None:
    attributed = _attributed_quotations(report)
    assert len(attributed) == 10
    said = _speakers(project)
    whole = {_flat(e.quote or ""): e for _, e in project.iter_excerpts()}
    for lines, quotation, case in attributed:
        assert quotation in whole, quotation
        excerpt = whole[quotation]
        assert said.get(excerpt.id) == {case}, quotation
        assert set(_cited_lines(excerpt)) == set(lines), quotation


def test_excerpts_are_attributed_only_where_the_report_states_who(
    project: qcode.Project, report: list[str]
) -> None:
    stated = [(set(lines), text, case) for lines, text, case in _attributed_quotations(report)]
    stated += [(set(lines), _flat(text), case) for lines, text, case in STATED_ELSEWHERE]
    said = _speakers(project)
    attributed = 0
    for _, excerpt in project.iter_excerpts():
        lines, quote = set(_cited_lines(excerpt)), _flat(excerpt.quote or "")
        expected = {case for where, text, case in stated if where & lines and quote in text}
        assert said.get(excerpt.id, set()) == expected, excerpt.quote
        attributed += bool(expected)
    assert attributed == 20


# The collages whose maker the report names, and the case it names (lines 139, 223).
MAKERS = {"Collage: the butterfly": WORKSHOP, "Collage: How I feel": ANOTHER}


def test_no_case_lists_a_collage_whose_maker_the_report_does_not_name(
    project: qcode.Project, report: list[str]
) -> None:
    """A case's sources are those it speaks in, except a collage the report does not say it
    made: the tree collage's quotation is a workshop participant's (line 244), its maker is
    not named (lines 236-242), so the excerpt is the case's and the collage is not."""
    assert "a workshop participant whose collage and description of it" in report[138]
    assert report[222] == "Another made this collage:"
    collages = {s.id: s.name for s in project.sources if s.kind == "collage"}
    for case in project.cases:
        listed = {collages[s] for s in case.sources if s in collages}
        assert all(MAKERS.get(name) == case.label for name in listed), (case.label, listed)
    sources = {
        case.label: sorted(s.name for s in project.sources if s.id in case.sources)
        for case in project.cases
        if case.kind == "unidentified speaker"
    }
    assert sources == {
        WORKSHOP: ["Collage: the butterfly", "Workshop quotations"],
        DIARIST: ["Digital diary entry"],
        ANOTHER: ["Collage: How I feel"],
    }
    tree = next(e for _, e in project.iter_excerpts() if e.quote == BUILD.TREE)
    assert tree.id in project.case(WORKSHOP).excerpts
    assert project.source("Collage: My work").id not in project.case(WORKSHOP).sources


def test_no_excerpt_is_the_report_writing_in_its_own_voice(project: qcode.Project) -> None:
    """In a collage only its words and quotations are excerpts, never the report's title or
    description; the report's accounts of the co-research group's discussions and of its
    WhatsApp group (lines 248, 250) are those sources' text and are not coded."""
    for source, excerpt in project.iter_excerpts():
        span = excerpt.anchor
        assert isinstance(span, qcode.TextSpan) and source.text is not None
        assert source.kind not in ("co-research group", "messaging group"), excerpt.quote
        if source.kind == "collage":
            paragraph = source.text[_paragraph_start(source.text, span.start) :]
            assert paragraph.startswith(("*Words", "Words", "**Quotation:**")), excerpt.quote
            assert "\n" not in source.text[span.start : span.end]
    for kind in ("co-research group", "messaging group"):
        (source,) = [s for s in project.sources if s.kind == kind]
        assert source.text and not source.excerpts and not source.codings
        assert "not coded" in (source.description or "")
    captions = ["A broken safety pin", "Collage exemplifying", "What it feels like"]
    for _, excerpt in project.iter_excerpts():
        assert not any(c in (excerpt.quote or "") for c in captions), excerpt.quote


def test_collages_record_what_the_report_states(project: qcode.Project) -> None:
    collages = [s for s in project.sources if s.kind == "collage"]
    assert len(collages) == 7
    assert all(isinstance(s.content, qcode.PictureContent) for s in collages)
    assert not any(v.name == "Collage side" for v in project.variables)
    title = next(v.id for v in project.variables if v.name == "Collage title")
    titles = [next((v.value for v in s.values if v.variable == title), None) for s in collages]
    assert titles == [
        "How I see my work",
        None,
        "How I feel about my work",
        "How others see my work",
        "How I see my work",
        "How I feel",
        "My work",
    ]
    inferences = next(n for n in project.notes if n.name == "Inferences (not stated in the report)")
    assert inferences.text.startswith("Inferences, not stated in the report.")
    assert all(inferences.id in s.note_refs for s in collages)
    # Every source and excerpt the memo discusses carries it.
    assert inferences.id in project.source("Digital diary entry").note_refs
    assert inferences.id in project.source("WhatsApp group 'Imposters Assembled'").note_refs
    tightrope = next(e for _, e in project.iter_excerpts() if e.quote == BUILD.TIGHTROPE)
    assert inferences.id in tightrope.note_refs
    # The report says collage-making was the longest activity (line 97), not the main one.
    texts = [inferences.text, project.description or ""]
    texts += [s.description or "" for s in project.sources if s.kind == "workshop"]
    for text in texts:
        assert not re.search(r"chiefly|main workshop activity", _flat(text)), text
    assert "the longest of" in _flat(project.description or "")


def _paragraph_start(text: str, position: int) -> int:
    before = text.rfind("\n\n", 0, position)
    return 0 if before < 0 else before + 2


def _unit(source: qcode.Source, excerpt: qcode.Excerpt) -> tuple[object, object]:
    """What a code is counted once in: a paragraph of a text source (one quotation); in a
    collage, its words, or its quotation."""
    span = excerpt.anchor
    assert isinstance(span, qcode.TextSpan) and source.text is not None
    if source.kind == "collage":
        start = _paragraph_start(source.text, span.start)
        quotation = source.text[start:].startswith("**Quotation:**")
        return source.id, "quotation" if quotation else "words"
    return source.id, source.text.count("\n\n", 0, span.start)


def test_frequencies_count_quotations_and_collage_words(
    project: qcode.Project,
) -> None:
    units: dict[str, list[tuple[object, object]]] = {code.name: [] for code in project.codes}
    names = {code.id: code.name for code in project.codes}
    for source, excerpt in project.iter_excerpts():
        for coding in excerpt.codings:
            units[names[coding.code]].append(_unit(source, excerpt))
    for name, where in units.items():
        assert len(where) == len(set(where)), f"{name} is applied twice within one unit"
    counts = qcode.coded_excerpts(project)
    assert {code.name: counts[code.id] for code in project.codes} == FREQUENCIES
    assert {name: len(set(where)) for name, where in units.items()} == FREQUENCIES
    codebook = (EXAMPLE / "codebook.md").read_text("utf-8")
    shown = dict(re.findall(r"^#{3,} (.+)\n\n\*(\d+) coded excerpt", codebook, re.M))
    assert {name: int(n) for name, n in shown.items()} == FREQUENCIES
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        BUILD.print_theme_table(project)
    for name, n in FREQUENCIES.items():
        assert re.search(rf"^ +{n}  {re.escape(name)}( \(folder\))?$", printed.getvalue(), re.M)


def test_every_coding_has_a_recorded_reason(project: qcode.Project) -> None:
    names = {code.id: code.name for code in project.codes}
    for _, excerpt in project.iter_excerpts():
        lines = (excerpt.description or "").split("\n")[1:]
        reasons = [line.split(": ", 1) for line in lines]
        assert [name for name, _ in reasons] == [names[c.code] for c in excerpt.codings]
        assert all(re.search(r"\(lines? \d+", why) for _, why in reasons), excerpt.quote


def test_codes_rest_on_the_words_not_on_the_report_s_framing(project: qcode.Project) -> None:
    """Where the report introduces a quotation with a code its words do not carry, the
    quotation is that code's near miss, the report's framing in the note."""
    names = {code.id: code.name for code in project.codes}
    for quote, name, line in FRAMED_ONLY:
        excerpt = next(e for _, e in project.iter_excerpts() if e.quote == quote)
        assert name not in {names[c.code] for c in excerpt.codings}, (name, quote)
        assert name not in (excerpt.description or ""), (name, quote)
        shown = [e for e in project.code(name).examples if e.excerpt == excerpt.id]
        assert [e.kind for e in shown] == [qcode.ExampleKind.NEAR_MISS], (name, quote)
        assert f"(line {line})" in (shown[0].note or ""), (name, quote)


def test_the_codebook(project: qcode.Project) -> None:
    coded: dict[object, set[object]] = {}
    for _, excerpt in project.iter_excerpts():
        for coding in excerpt.codings:
            coded.setdefault(coding.code, set()).add(excerpt.id)
    for code in project.codes:
        assert code.brief_definition and code.full_definition, code.name
        assert code.when_to_use and code.when_not_to_use, code.name
        mine = coded.get(code.id, set())
        assert (not mine) == (code.name in ZERO_CODES or not code.codable), code.name
        if code.name in ZERO_CODES:
            assert "so no excerpt is coded with it" in (code.full_definition or ""), code.name
        for example in code.examples:
            if example.excerpt is None:
                continue
            near_miss = example.kind is qcode.ExampleKind.NEAR_MISS
            assert (example.excerpt in mine) != near_miss, (code.name, example.text)
        if mine:
            assert any(
                e.kind is qcode.ExampleKind.TYPICAL and e.excerpt in mine for e in code.examples
            ), code.name
    # Examples are chosen, not the first excerpt of each code.
    assert not project.code("See beyond the walls").examples[0].text.startswith("I'm quite")


def test_the_qdpx_is_schema_valid_and_re_imports_equal(project: qcode.Project) -> None:
    schema = etree.XMLSchema(etree.parse(str(shared_path("refi", "xsd", "Project-mrt2019.xsd"))))
    with zipfile.ZipFile(EXAMPLE / "sustaining_social_work.qdpx") as archive:
        assert schema.validate(etree.fromstring(archive.read("project.qde")))
    assert qcode.load(EXAMPLE / "sustaining_social_work.qdpx") == project
    codebook = etree.XMLSchema(etree.parse(str(shared_path("refi", "xsd", "Codebook-mrt2019.xsd"))))
    assert codebook.validate(etree.parse(str(EXAMPLE / "codebook.qdc")))
    assert [c.name for c in qcode.load(EXAMPLE / "codebook.qdc").codes] == [
        c.name for c in project.codes
    ]


def test_the_qualcoder_file_gives_every_source_a_path_and_every_selection_a_time() -> None:
    """QualCoder's importer stops at a source with neither `path` nor `plainTextPath`, and at
    a selection, note or transcript without a creation time (docs/refi.md)."""
    with zipfile.ZipFile(EXAMPLE / BUILD.QUALCODER) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    ns = "{urn:QDA-XML:project:1.0}"
    sources = list(root.iter(f"{ns}TextSource", f"{ns}PictureSource"))
    assert Counter(etree.QName(s).localname for s in sources) == {"TextSource": 15}
    assert [s.get("name") for s in sources if not (s.get("path") or s.get("plainTextPath"))] == []
    timed = list(root.iter(f"{ns}PlainTextSelection", f"{ns}Note"))
    assert [e.get("guid") for e in timed if e.get("creationDateTime") is None] == []
    collages = [
        s for s in qcode.read(EXAMPLE / BUILD.QUALCODER).project.sources if s.kind == "collage"
    ]
    assert [(s.medium, bool(s.text)) for s in collages] == [(qcode.Medium.TEXT, True)] * 7
