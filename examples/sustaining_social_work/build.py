"""Build the Sustaining Social Work example project and write its outputs.

The study: Owens, R. (2024) *Sustaining social work: practitioner experiences of Contextual
Safeguarding*. Durham University. Every quotation and collage text is taken verbatim from
the report (the files in ``texts/``); the codebook, definitions and structure are ours.
Where the report does not say something (which workshop a quotation came from, who wrote
the diary entry), the project does not say it either.

Run ``python examples/sustaining_social_work/build.py`` (``make demo`` does). Ids are UUID5
of stable names and timestamps are fixed, so a rebuild writes byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import uuid
from pathlib import Path

import qcode
from qcode import CodeOrigin, CodeStatus, Example, PictureContent, VariableType

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
NAMESPACE = uuid.UUID("5f0c2a6e-1d3b-5e7f-9a8c-4b2d6e0f1a3c")
CODED_AT = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.timezone.utc)
OUTPUTS = ("sustaining_social_work.json", "sustaining_social_work.qdpx", "codebook.qdc")

TITLE = "Sustaining social work: practitioner experiences of Contextual Safeguarding"
CITATION = (
    "Owens, R. (2024) Sustaining social work: practitioner experiences of Contextual "
    "Safeguarding. Durham University, Contextual Safeguarding programme ('The Next Chapter')."
)
DESCRIPTION = f"""\
{TITLE}. Rachael Owens, Durham University, 2024. Part of the Contextual Safeguarding
research programme's 'The Next Chapter' project; the study ran from July 2022 to April 2024.

Aims: to learn how Contextual Safeguarding is changing social work and related practice
(including youth work), what practitioners do, feel and think about this work, how it can
be sustained, and whether their experience helps to sustain the profession.

Methods: a practitioner co-research group of five (three social workers, two with youth
work backgrounds) that met ten times (eight online, twice in person), kept digital diaries
in the Trip Cast app and co-analysed the data; and four in-person workshops (Bristol,
Solihull, London, Motherwell; 9.30am to 3.30pm; about 15 practitioners each, 63 in all)
with arts-based reflective activities, chiefly collages of 'how I see my role' and 'how
others see my role'.

Source: {CITATION} The quotations are the participants' words as the report gives them."""


def text(name: str) -> str:
    return (TEXTS / name).read_text("utf-8")


def build() -> qcode.Project:
    """The project, built from the texts in this folder with qcode's public API only."""
    b = qcode.ProjectBuilder(
        TITLE, description=DESCRIPTION, id_namespace=NAMESPACE, coded_at=CODED_AT
    )
    b.user("Analyst", login="AN")

    background = b.variable("Professional background")
    people = b.variable("Number of people", VariableType.INTEGER)
    location = b.variable("Location")
    starts = b.variable("Start time")
    ends = b.variable("End time")
    attendance = b.variable("Approximate attendance", VariableType.INTEGER)
    title = b.variable("Collage title")
    side = b.variable("Collage side", description="'how I see my role' or 'how others see my role'")
    meetings = b.variable("Meetings", VariableType.INTEGER)
    online = b.variable("Online meetings", VariableType.INTEGER)
    in_person = b.variable("In-person meetings", VariableType.INTEGER)
    app = b.variable("App")

    codes = _codebook(b)
    themes = _themes(b, codes)

    # People. The report names no participant; the professionals it thanks are not
    # attached to any data. Quotations are attributed only as the report attributes them.
    backgrounds = ["social work"] * 3 + ["youth work"] * 2
    researchers = [
        b.participant(
            f"Co-researcher {n}",
            description="Member of the practitioner co-research group.",
            values={background: field},
        )
        for n, field in enumerate(backgrounds, start=1)
    ]
    workshop_speaker = b.case(
        "Workshop participant (not identified)",
        kind="unidentified speaker",
        description="Words the report attributes only to 'Workshop participant'; they may come "
        "from different people.",
    )
    diarist = b.case(
        "Digital diary author (not identified)",
        kind="unidentified speaker",
        description="A member of the co-research group writing in the Trip Cast app; the report "
        "does not say which.",
    )
    b.case(
        "Workshop practitioners",
        kind="group",
        description="The 63 practitioners (social workers and youth workers) who took part in "
        "the four workshops, about 15 at each; the report does not describe them individually.",
        values={people: 63},
    )

    # Sources.
    for town in ("Bristol", "Solihull", "London", "Motherwell"):
        b.text_source(
            f"Workshop: {town}",
            "",
            kind="workshop",
            description=f"Research workshop in {town}: arts-based reflective activities, chiefly "
            "collage-making, facilitated by the research lead and a co-researcher. The report "
            "publishes no transcript.",
            values={location: town, starts: "09:30", ends: "15:30", attendance: 15},
        )
    quotations = b.text_source(
        "Workshop quotations",
        text("workshop-quotations.txt"),
        kind="workshop",
        description="Workshop participants' words as the report gives them; the report does not "
        "say at which workshop each was said.",
    )
    diary = b.text_source(
        "Digital diary entry",
        text("digital-diary.txt"),
        kind="diary",
        description="A private message to the research lead in the Trip Cast app.",
        values={app: "Trip Cast"},
    )
    group = b.text_source(
        "Practitioner co-research group",
        text("co-research-group.txt"),
        kind="co-research group",
        description="The report's account of the group's discussions (no transcript was "
        "published). The group met ten times: eight times online and twice in person.",
        values={meetings: 10, online: 8, in_person: 2},
    )
    whatsapp = b.text_source(
        "WhatsApp group 'Imposters Assembled'",
        text("whatsapp-group.txt"),
        kind="messaging group",
        description="The report's account of the co-researchers' WhatsApp group.",
    )

    spoken = [
        (
            "I'm quite enthusiastic about how I feel about Contextual Safeguarding. The wonder "
            "never stops!",
            ["new world", "walls"],
        ),
        ("looking at our young people from a different perspective", ["walls"]),
        (
            "For me, my personal favourite thing about it is honouring the strengths of young "
            "people.",
            ["relating"],
        ),
        ("it's basically youth work", ["new ways"]),
        ("that's where I feel a little bit like a weasel sometimes", ["police"]),
        ("pulled, left right and centre", ["police"]),
        (
            "sitting and holding risk and actually thinking about what we're doing rather than "
            "firefighting",
            ["misperceived"],
        ),
        (
            "those other sort of services that, that don't prioritise it and see it as a bit of a "
            "pain really",
            ["misperceived", "bridge"],
        ),
        ("getting a room full of people that, that are all likeminded", ["peers"]),
        (
            "We share the same frustrations as the young people over the services that are missing",
            ["bridge", "resources"],
        ),
        (
            "It's like walking a tight role or almost on a bike, hurtling towards a cliff edge",
            ["toll"],
        ),
    ]
    # Each whole quotation is an excerpt too, so that every quotation the report gives is
    # in the project verbatim (the attribution in brackets is the report's, not the words).
    whole = re.findall(r"(.+?) \(Workshop participant\)", text("workshop-quotations.txt"), re.S)
    main_codes = ["new world", "relating", "new ways", "police", "bridge", None, "toll"]
    for quote, key in zip(whole, main_codes, strict=True):
        if key is not None:  # the sixth is short and is coded whole below
            b.quote(quotations, quote.strip(), codes=[codes[key]], speaker=workshop_speaker)
    for quote, keys in spoken:
        b.quote(quotations, quote, codes=[codes[k] for k in keys], speaker=workshop_speaker)
    b.quote(
        diary,
        _without_attribution(text("digital-diary.txt").strip()),
        codes=[codes["police"]],
        speaker=diarist,
    )
    for quote, keys in [
        (
            "Traumatised young people being retraumatised by the system meant to safeguard them",
            ["child-centred", "police"],
        ),
        ("they have been putting curfews on kids", ["police"]),
    ]:
        b.quote(diary, quote, codes=[codes[k] for k in keys], speaker=diarist)
    b.quote(group, "maverick", occurrence=1, codes=[codes["maverick"]])
    b.quote(
        group,
        'being "maverick" as an individual or a team could be an exhausting role '
        "to have in a system",
        codes=[codes["maverick"], codes["toll"]],
    )
    b.quote(
        group,
        "this type of wider view was only possible with strong peer support and solidarity",
        codes=[codes["peers"]],
    )
    b.quote(whatsapp, "Imposters Assembled", codes=[codes["peers"]])
    for researcher in researchers:
        b.link(researcher, group, name="member of")
        b.link(researcher, whatsapp, name="member of")
    _collages(b, codes, title, side, workshop_speaker)
    _examples(b)
    for key, phrase, said_by in PHRASES:
        note = (
            f"Quoted in the report's findings ({said_by}); not an excerpt, as the report does "
            "not say which kind of source it comes from."
        )
        b.add_example(codes[key], Example(text=phrase, note=note))
    _memos(b, themes)
    return b.build()


def _without_attribution(quotation: str) -> str:
    """A quotation without the report's closing attribution, e.g. "(Workshop participant)"."""
    for attribution in (" (Workshop participant)", " (Digital diary)"):
        quotation = quotation.strip().removesuffix(attribution)
    return quotation


def _examples(b: qcode.ProjectBuilder) -> None:
    """Every code's example is the first excerpt coded with it (in source order)."""
    project = b.build()
    done: set[uuid.UUID] = set()
    for _, excerpt in project.iter_excerpts():
        for coding in excerpt.codings:
            if coding.code not in done:
                done.add(coding.code)
                b.add_example(coding.code, Example(text=excerpt.quote or "", excerpt=excerpt.id))


def _codebook(b: qcode.ProjectBuilder) -> dict[str, qcode.Code]:
    """The codes, in our words, with MacQueen-style definitions."""

    def code(key: str, name: str, **fields: object) -> tuple[str, qcode.Code]:
        return key, b.code(name, status=CodeStatus.ACTIVE, **fields)  # type: ignore[arg-type]

    entries = dict(
        [
            code(
                "new world",
                "Discovering a new world",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="Contextual Safeguarding felt as an exciting, transforming "
                "discovery.",
                full_definition="Talk or images of wonder, energy, a new era or a journey that "
                "practitioners link to taking up Contextual Safeguarding.",
                when_to_use=[
                    "Enthusiasm for the approach itself, or a sense of it opening up "
                    "new possibilities."
                ],
                when_not_to_use=[
                    "Satisfaction with a particular piece of direct work (use "
                    "'Relating differently to young people')."
                ],
            ),
            code(
                "walls",
                "See beyond the walls",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="A new lens that makes the contexts of harm visible.",
                full_definition="Seeing young people, harm and services from a different "
                "perspective: harm in contexts beyond the family, and the system's part in it.",
                when_to_use=["A changed way of seeing young people, harm or the system."],
                when_not_to_use=[
                    "Changes in what practitioners do rather than how they see "
                    "(use 'New ways of working')."
                ],
            ),
            code(
                "relating",
                "Relating differently to young people",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Relationships with young people built on their strengths.",
                full_definition="Practitioners describe honouring young people's strengths, "
                "learning from them and talking with them about the chance of change.",
                when_to_use=[
                    "Direct relationships with young people described as respectful, "
                    "strengths-based or hopeful."
                ],
                when_not_to_use=[
                    "Advocating for young people with other services (use 'A bridge')."
                ],
            ),
            code(
                "new ways",
                "New ways of working",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Youth work methods, group work and working in pairs or with "
                "peer groups.",
                full_definition="Work that steps outside conventional casework: group and peer "
                "work, youth work methods, working in pairs, creating safety around a context.",
                when_to_use=["A practitioner describes a method or team arrangement new to them."],
                when_not_to_use=[
                    "Seeing differently without doing differently (use 'See beyond the walls')."
                ],
            ),
            code(
                "police",
                "Working with the police",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Ethical conflict and distress in working with the police.",
                full_definition="Accounts of police actions undermining welfare-based work, of "
                "sharing information about young people, and of feeling pulled between agencies.",
                when_to_use=[
                    "Any account of the relationship with the police or policing "
                    "responses to young people."
                ],
                when_not_to_use=[
                    "Resistance from social care colleagues (use 'Misperceived by colleagues')."
                ],
            ),
            code(
                "misperceived",
                "Misperceived by colleagues",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Others see the practitioner's work in ways they do not "
                "recognise.",
                full_definition="Colleagues and services think Contextual Safeguarding work is "
                "lazy, lucky, luxurious or a source of extra work, or do not prioritise it.",
                when_to_use=["How colleagues or other services perceive or resist the work."],
                when_not_to_use=["Conflict with the police (use 'Working with the police')."],
            ),
            code(
                "system issues",
                "The four system issues",
                codable=False,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="A folder for the four system issues the report names.",
                full_definition="The report's four system issues behind practitioners' battles; "
                "code with the issue, not the folder.",
                when_to_use=["Never directly: choose one of the four codes under it."],
                when_not_to_use=["Any excerpt (it is a folder)."],
            ),
        ]
    )
    folder = entries["system issues"]
    entries.update(
        [
            code(
                "child-centred",
                "Less conducive to child-centred work",
                parent=folder,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Child welfare services working against child-centred, "
                "relationship-based practice.",
                full_definition="System issue 1: conditions in child welfare services that are, "
                "ironically, less conducive to child-centred relationship-based work than "
                "criminal justice systems.",
                when_to_use=[
                    "The system itself harming or failing the children it is meant to safeguard."
                ],
                when_not_to_use=["Shortage of resources as such (use 'Depleted resources')."],
            ),
            code(
                "resources",
                "Depleted resources",
                parent=folder,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Services too depleted to innovate.",
                full_definition="System issue 2: children's services so short of resources that "
                "innovation is very hard and practice retreats into bureaucratic procedure.",
                when_to_use=["Missing services, staff, money or time."],
                when_not_to_use=[
                    "Rigid processes that would remain with more resources (use 'Tipping points')."
                ],
            ),
            code(
                "agile",
                "Tipping points",
                parent=folder,
                origin=CodeOrigin.IN_VIVO,
                brief_definition="Systems not agile enough for the reality of people's lives.",
                full_definition="System issue 3: processes too rigid to respond to young people's "
                "lives, creating tipping points that cause systemic harm.",
                when_to_use=["Processes, thresholds or systems that cannot adapt."],
                when_not_to_use=[
                    "Fear of inspection or scrutiny (use 'Anxiety about external scrutiny')."
                ],
            ),
            code(
                "scrutiny",
                "Anxiety about external scrutiny",
                parent=folder,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="A system anxious about reviews and external scrutiny.",
                full_definition="System issue 4: the high profile of extra-familial harm makes it "
                "a "
                "proxy for power struggles, filling the system with anxiety about scrutiny that "
                "limits radical change.",
                when_to_use=["Fear of reviews, inspection or being 'the test'."],
                when_not_to_use=["Personal self-doubt (use 'Living with paradox')."],
            ),
            code(
                "garden",
                "Transform your garden but don't open the gate",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="The core tension between what is possible and what is allowed.",
                full_definition="Being asked to think big and make change without the support to "
                "bring it about: the gap between Contextual Safeguarding's possibilities and the "
                "system's reality.",
                when_to_use=["The gap between vision and what the system lets practitioners do."],
                when_not_to_use=[
                    "A single system barrier named on its own (use the system issue codes)."
                ],
            ),
            code(
                "paradox",
                "Living with paradox",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Good and bad, expert and imposter, held at once.",
                full_definition="Working lives beset by paradoxes and extremes (paralysis and "
                "chaos, imposter and expert, powerful and powerless), with self-blame when the "
                "system lets practitioners down.",
                when_to_use=["Opposites held together, or blaming oneself for system failings."],
                when_not_to_use=["Exhaustion without the sense of contradiction (use 'The toll')."],
            ),
            code(
                "bridge",
                "A bridge",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="Standing between young people and the rest of the system.",
                full_definition="Practitioners advocating for young people with services, "
                "courts and inspectorates, trying to make up for what the system lacks.",
                when_to_use=["Advocacy across a gap between young people and services."],
                when_not_to_use=[
                    "Direct relationships with young people alone (use 'Relating "
                    "differently to young people')."
                ],
            ),
            code(
                "toll",
                "The toll",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="The emotional and physical cost of the work.",
                full_definition="Stress, exhaustion, feeling stretched or battered, and the fear "
                "of burning out that come with mitigating the system's failings.",
                when_to_use=["Any account of what the work costs the practitioner."],
                when_not_to_use=["Ways of keeping going (use 'Coping')."],
            ),
            code(
                "coping",
                "Coping",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="How practitioners keep going.",
                full_definition="Ways of sustaining oneself: focusing on small changes, food and "
                "drink, staying positive, continuing to grow despite the strain.",
                when_to_use=["Strategies or images of carrying on."],
                when_not_to_use=[
                    "Support from other practitioners (use 'Peer support and solidarity')."
                ],
            ),
            code(
                "peers",
                "Peer support and solidarity",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Support from like-minded practitioners.",
                full_definition="Sharing feelings, off-loading and encouragement among "
                "practitioners doing Contextual Safeguarding, in workshops, the co-research group "
                "and its WhatsApp group.",
                when_to_use=["Practitioners supporting each other or valuing like-minded peers."],
                when_not_to_use=["Support from managers or organisations (not coded here)."],
            ),
            code(
                "maverick",
                "Maverick",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="The maverick leader who challenges the status quo.",
                full_definition="Leaders prepared to be awkward and challenge the status quo, and "
                "the exhausting, precarious position this puts them in.",
                when_to_use=["Leadership by rule-bending individuals or teams."],
                when_not_to_use=[
                    "Enthusiasm for the approach without challenge to the system "
                    "(use 'Discovering a new world')."
                ],
            ),
        ]
    )
    return entries


def _themes(b: qcode.ProjectBuilder, c: dict[str, qcode.Code]) -> dict[str, qcode.Theme]:
    possibilities = b.theme(
        "The possibilities Contextual Safeguarding creates",
        codes=[c["new world"], c["walls"], c["relating"], c["new ways"]],
        description="Finding 1: practitioners are enthusiastic about Contextual Safeguarding, "
        "which lets them work in exciting, energising, ecological and relationship-based ways.",
    )
    battles = b.theme(
        "System battles and contradictions",
        codes=[
            c["police"],
            c["misperceived"],
            c["system issues"],
            c["child-centred"],
            c["resources"],
            c["agile"],
            c["scrutiny"],
        ],
        description="Finding 2: practitioners battle on many fronts, with ethical conflicts "
        "around their roles (above all with the police) and four system issues.",
    )
    tension = b.theme(
        "The core tension and its toll",
        codes=[
            c["garden"],
            c["paradox"],
            c["bridge"],
            c["toll"],
            c["coping"],
            c["peers"],
            c["maverick"],
        ],
        description="Finding 3: the tension between what Contextual Safeguarding makes possible "
        "and what current systems allow, what it costs practitioners, and how they cope.",
    )
    return {theme.name: theme for theme in (possibilities, battles, tension)}


COLLAGES = [
    # file, source name, collage title, collage side, [(quote, code keys)]
    (
        "collage-1-discover.txt",
        "Collage: How I see my work (discover)",
        "How I see my work",
        "how I see my role",
        [
            (
                "discover; a new era; heart; gateway; journey, and a place to feel good",
                ["new world"],
            ),
            (
                "Collage exemplifying feelings of transformation that Contextual Safeguarding "
                "provides",
                ["new world"],
            ),
        ],
    ),
    (
        "collage-2-butterfly.txt",
        "Collage: the butterfly",
        None,
        None,
        [
            (
                "This is one man telling another man about a butterfly, there's a speech bubble "
                "with a butterfly, which...is essentially what I feel like I was doing a lot of "
                "the time, talking to other young men about ... you know, the chance of things "
                "changing and being different",
                ["relating"],
            ),
            (
                "talking to other young men about ... you know, the chance of things changing and "
                "being different",
                ["relating"],
            ),
        ],
    ),
    (
        "collage-3-rocket.txt",
        "Collage: How I feel about my work",
        "How I feel about my work",
        None,
        [
            (
                "Some days I feel pressure that could fire up a rocket. Why – Broken Care Social "  # noqa: RUF001 (verbatim)
                "Welfare System; Practice this is not child focused; Not enough resources",
                ["toll", "resources"],
            ),
            ("Some days I feel pressure that could fire up a rocket.", ["toll"]),
            ("Practice this is not child focused", ["child-centred"]),
            ("Not enough resources", ["resources"]),
            ("Chaos – systems made to project child often leave them vulnerable", ["agile"]),  # noqa: RUF001 (verbatim)
        ],
    ),
    (
        "collage-4-garden.txt",
        "Collage: How others see my work",
        "How others see my work",
        "how others see my role",
        [
            ("'Transform your garden but don't open the gate'", ["garden"]),
            (
                "What it feels like to be asked to think big and make change but not be properly "
                "supported to bring them to fruition",
                ["garden"],
            ),
        ],
    ),
    (
        "collage-5-jars.txt",
        "Collage: How I see my work (jars)",
        "How I see my work",
        "how I see my role",
        [("The good things jar, The bad things jar", ["paradox"])],
    ),
    (
        "collage-6-safety-pin.txt",
        "Collage: How I feel",
        "How I feel",
        None,
        [
            ("A broken safety pin", ["toll"]),
            ("A stretched mechanism", ["toll"]),
            ('Testbench – Fear of reviews / change; Are we the "test"', ["scrutiny"]),  # noqa: RUF001 (verbatim)
        ],
    ),
    (
        "collage-7-tree.txt",
        "Collage: My work",
        "My work",
        None,
        [
            ("Battered but continuing to grow", ["coping", "toll"]),
            (
                "I've got this sort of rickety old tree, because I feel like that's where I'm at "
                "in my social work because I've been doing it for a long time and I'm like, trying "
                "really hard to not be burnt out and trying really hard to stay kind of positive, "
                "but also like it's becoming increasingly challenging in the circumstances",
                ["toll"],
            ),
            (
                "trying really hard to not be burnt out and trying really hard to stay kind of "
                "positive",
                ["toll", "coping"],
            ),
        ],
    ),
]


def _collages(
    b: qcode.ProjectBuilder,
    c: dict[str, qcode.Code],
    title: qcode.Variable,
    side: qcode.Variable,
    speaker: qcode.Case,
) -> None:
    """The seven collages the report describes: pictures whose text holds their words."""
    for file, name, collage_title, collage_side, quotes in COLLAGES:
        values: dict[qcode.Variable | uuid.UUID, str | None] = {}
        if collage_title is not None:
            values[title] = collage_title
        if collage_side is not None:
            values[side] = collage_side
        collage = b.source(
            name,
            PictureContent(text=text(f"collages/{file}")),
            kind="collage",
            description="A collage made at a research workshop; the report reproduces it, but "
            "the image is not part of this dataset. Its title, words, description and "
            "quotation are the text.",
            values=values,
        )
        for quote, keys in quotes:
            b.quote(collage, quote, codes=[c[k] for k in keys], speaker=speaker)


PHRASES = [
    # code, a short phrase the report quotes without naming its source, who said it
    ("new world", "discovering a new world", "'one said'"),
    ("walls", "new lens", "practitioners"),
    ("walls", "see beyond the walls", "practitioners"),
    ("police", "snakes, spiders and weasels", "practitioners"),
    ("misperceived", "people think I'm just hanging out in McDonalds", "practitioners"),
    (
        "misperceived",
        "[other social workers] probably think of my job that I go on walks, I go "
        "to the spa, I eat cake",
        "practitioners",
    ),
    ("misperceived", "systemic avoidance", "practitioners"),
    ("agile", "tipping points", "'one practitioner'"),
    ("garden", "out into the oblivion", "'one manager'"),
    ("paradox", "unsee", "practitioners"),
    ("bridge", "a bridge", "practitioners, 'commonly'"),
    ("toll", "person stood on a rock, looking at the universe", "'one' practitioner"),
]


MEMOS = [
    (
        "recommendation-1.txt",
        "Recommendation 1",
        "The possibilities Contextual Safeguarding creates",
    ),
    ("recommendation-2.txt", "Recommendation 2", "System battles and contradictions"),
    ("recommendation-3.txt", "Recommendation 3", "The core tension and its toll"),
    (
        "implications-leaders-and-practitioners.txt",
        "Implications for leaders and practitioners",
        None,
    ),
    (
        "implications-researchers.txt",
        "Implications for those developing Contextual Safeguarding research",
        None,
    ),
    ("implications-policymakers.txt", "Implications for policymakers", None),
]


def _memos(b: qcode.ProjectBuilder, themes: dict[str, qcode.Theme]) -> None:
    """The report's recommendations and implications, verbatim, as memos."""
    for file, name, theme in MEMOS:
        about = [themes[theme]] if theme else []
        b.note(text(f"memos/{file}"), name=name, about=about)
    b.note(CITATION, name="Citation")


def write_outputs(project: qcode.Project, folder: Path = HERE) -> None:
    """The JSON, the .qdpx, the .qdc and codebook.md, beside this script."""
    for name in OUTPUTS:
        report = qcode.dump(project, folder / name)
        for issue in report:
            print(issue)
    (folder / "codebook.md").write_text(qcode.codebook_markdown(project), "utf-8")


def main() -> int:
    project = build()
    problems = qcode.validate(project)
    for issue in problems:
        print(issue)
    if any(issue.is_error for issue in problems):
        return 1
    write_outputs(project)
    print(f"wrote {', '.join(OUTPUTS)} and codebook.md beside {Path(__file__).name}\n")
    print_theme_table(project)
    return 0


def print_theme_table(project: qcode.Project) -> None:
    """Each theme's codes with the number of excerpts coded with them."""
    counts = qcode.coded_excerpts(project)
    names = {code.id: code for code in project.codes}
    for theme in project.themes:
        print(theme.name)
        for code_id in theme.codes:
            code = names[code_id]
            shown = code.name if code.codable else f"{code.name} (folder)"
            print(f"  {counts[code_id]:3}  {shown}")


if __name__ == "__main__":
    sys.exit(main())
