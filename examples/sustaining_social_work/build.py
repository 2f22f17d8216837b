"""Build the Sustaining Social Work example project and write its outputs.

The study: Owens, R. (2024) *Sustaining social work: practitioner experiences of Contextual
Safeguarding*. Durham University. Every quotation and collage text is taken verbatim from
the report (the files in ``texts/``); the codebook, its definitions and the codings are ours.

How the data is encoded (README.md says the same for readers):

- Excerpts are participants' words only: the quotations the report gives, and the words on
  the collages it reproduces. The report's own words are not coded: its descriptions of
  collages stay in the collages' text, and its accounts of the co-research group's
  discussions and of the group's WhatsApp group (report lines 248, 250; the author is a
  member of the group, and no transcript was published) are those sources' text. The words
  those accounts quote from the group ("maverick", 'the enemy', "Imposters Assembled") are
  code examples (``PHRASES``), as are other words the report quotes from participants
  outside a quotation, and two accounts it gives of one participant in its own words
  (lines 217, 262), marked "not in quotation marks". Its summaries of what participants in
  general said (such as lines 131, 250) are neither: the codes' definitions cite them.
- Codes rest on the excerpt's words. The report's introduction of a quotation may decide
  between codes the words support, and the reason then cites it; it never carries a code
  the words do not support (such a code gets the excerpt as a near miss instead).
- An excerpt is attributed to a speaker only where the report says who: "(Workshop
  participant)", "(Digital diary)", "one workshop participant", or who made a collage; a
  case lists a collage among its sources only if the report names its maker. Inferences
  are in the memo "Inferences (not stated in the report)", marked as such.
- Each coding is listed below (``QUOTES``) with the reason for it and the report line it
  rests on; the reasons become the excerpt's description, so they travel with the data.
- A code is applied at most once to one quotation or one collage's words, so the number of
  excerpts coded with it (codebook.md, ``make demo``) is the number of quotations and
  collages' words it was applied to.

Run ``python examples/sustaining_social_work/build.py`` (``make demo`` does). Ids are UUID5
of stable names and timestamps are fixed, so a rebuild writes byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import qcode
from qcode import CodeOrigin, CodeStatus, Example, ExampleKind, PictureContent, VariableType

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
NAMESPACE = uuid.UUID("5f0c2a6e-1d3b-5e7f-9a8c-4b2d6e0f1a3c")
CODED_AT = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.timezone.utc)
OUTPUTS = ("sustaining_social_work.json", "sustaining_social_work.qdpx", "codebook.qdc")
QUALCODER = "sustaining_social_work.qualcoder.qdpx"  # the collages as text sources

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

Methods: a practitioner co-research group of five, selected for their advanced knowledge
of implementing Contextual Safeguarding, gained through leading system change in their
local areas (three social workers, two with youth work backgrounds); it met ten times
(eight online, twice in person), took part in ethnographic diary keeping (its members were
invited to write private messages to the research lead in the Trip Cast app),
co-facilitated the workshops and co-analysed the data. Four in-person workshops (Bristol,
Solihull, London, Motherwell; 9.30am to 3.30pm; about 15 practitioners each, 63 in all)
with a series of arts-based reflective activities, the longest of which was making
collages of 'how I see my role' on one side and 'how others see my role' on the other.

Source: {CITATION} The quotations are the participants' words as the report gives them.
Each excerpt's description gives the report line it comes from and the reason for each of
its codes. A code's count is the number of quotations and collages' words coded with it (a
code is applied at most once to each); the report's own accounts are not coded."""


def text(name: str) -> str:
    return (TEXTS / name).read_text("utf-8")


def build() -> qcode.Project:
    """The project, built from the texts in this folder with qcode's public API only."""
    b = qcode.ProjectBuilder(
        TITLE,
        description=DESCRIPTION,
        id_namespace=NAMESPACE,
        coded_at=CODED_AT,
        audit=qcode.Audit(created_at=CODED_AT),
    )
    b.user("Analyst", login="AN")

    background = b.variable("Professional background")
    role = b.variable("Role")
    people = b.variable("Number of people", VariableType.INTEGER)
    location = b.variable("Location")
    starts = b.variable("Start time")
    ends = b.variable("End time")
    attendance = b.variable("Approximate attendance", VariableType.INTEGER)
    title = b.variable("Collage title", description="The title the report gives the collage.")
    meetings = b.variable("Meetings", VariableType.INTEGER)
    online = b.variable("Online meetings", VariableType.INTEGER)
    in_person = b.variable("In-person meetings", VariableType.INTEGER)
    app = b.variable("App")

    codes = _codebook(b)
    themes = _themes(b, codes)

    # People. The report names no participant; the professionals it thanks are not
    # attached to any data. Quotations are attributed only as the report attributes them.
    # The report gives the co-research group's backgrounds (three social workers, two with
    # youth work backgrounds) for the group, not for any member: they are on the group.
    researchers = [
        b.participant(
            f"Co-researcher {n}",
            description="Member of the practitioner co-research group, selected for advanced "
            "knowledge of Contextual Safeguarding implementation gained through leading system "
            "change in their local area (report line 89). The report does not say which "
            "co-researcher has which background.",
            values={role: "co-researcher; leader of local system change"},
        )
        for n in range(1, 6)
    ]
    members = b.case(
        "Co-research group members",
        kind="group",
        description="The five members of the practitioner co-research group (report line 89): "
        "three were social workers, and two had youth work backgrounds. The report does not "
        "say which member has which background.",
        values={people: 5, background: "three social workers, two with youth work backgrounds"},
    )
    speakers = {
        "workshop": b.case(
            "Workshop participant (not identified)",
            kind="unidentified speaker",
            description="Words the report attributes only to 'Workshop participant' or 'one "
            "workshop participant'; they may come from different people.",
        ),
        "diary": b.case(
            "Digital diary author (not identified)",
            kind="unidentified speaker",
            description="The author of the entry the report closes with '(Digital diary)' "
            "(report line 155). The report says members of the co-research group took part in "
            "diary keeping and were invited to write private messages to the research lead in "
            "the Trip Cast app (lines 89, 93); it does not say who wrote this entry.",
        ),
        "another": b.case(
            "Another participant (not identified)",
            kind="unidentified speaker",
            description="The participant who, the report says, 'made this collage' (report "
            "line 223: 'Another made this collage'), the collage 'How I feel'. The report does "
            "not say whether this was a workshop participant or a co-researcher.",
        ),
    }
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
            description=f"Research workshop in {town}: a series of arts-based reflective "
            "activities, the longest of which was making collages, facilitated by the research "
            "lead and a co-researcher. The report publishes no transcript.",
            values={location: town, starts: "09:30", ends: "15:30", attendance: 15},
        )
    sources = {
        "quotations": b.text_source(
            "Workshop quotations",
            text("workshop-quotations.txt"),
            kind="quotations",
            description="The workshop participants' words the report quotes, one paragraph "
            "each (it does not say at which of the four workshops each was said). Not a fifth "
            "workshop: a collection of quotations from the four.",
        ),
        "diary": b.text_source(
            "Digital diary entry",
            text("digital-diary.txt"),
            kind="diary",
            description="A private message to the research lead in the Trip Cast app.",
            values={app: "Trip Cast"},
        ),
        "group": b.text_source(
            "Practitioner co-research group",
            text("co-research-group.txt"),
            kind="co-research group",
            description="The report's account of two of the group's discussions (report "
            "lines 248, 250), in the words of the author, a member of the group; no transcript was "
            "published. The report's words, not coded. The group met ten times: eight times "
            "online and twice in person.",
            values={meetings: 10, online: 8, in_person: 2},
        ),
        "whatsapp": b.text_source(
            "WhatsApp group 'Imposters Assembled'",
            text("whatsapp-group.txt"),
            kind="messaging group",
            description="The report's account of the co-researchers' WhatsApp group (report "
            "line 250); no message was published. The report's words, not coded.",
        ),
    }
    for researcher in researchers:
        b.link(researcher, sources["group"], name="member of")
        b.link(researcher, sources["whatsapp"], name="member of")
        b.link(researcher, members, name="member of")
    for key, file, name, collage_title, about in COLLAGES:
        values: dict[qcode.Variable | uuid.UUID, str | None] = {}
        if collage_title is not None:
            values[title] = collage_title
        sources[key] = b.source(
            name,
            PictureContent(text=text(f"collages/{file}")),
            kind="collage",
            description=f"{about} The image is not part of this dataset; the text holds the "
            "report's labels, the collage's title and words, the report's description of it "
            "and any quotation. Only the collage's words and quotations are coded.",
            values=values,
        )

    excerpts: dict[str, qcode.Excerpt] = {}
    for key, quote, lines, speaker, codings in QUOTES:
        excerpt = b.quote(
            sources[key],
            quote,
            codes=[codes[code] for code, _ in codings],
            speaker=speakers[speaker] if speaker else None,
        )
        reasons = [f"Report {lines}."]
        reasons += [f"{codes[code].name}: {why}" for code, why in codings]
        excerpts[quote] = b.update(excerpt, description="\n".join(reasons))
    # Quoting a speaker lists the whole source among the case's sources. A collage stays
    # there only if the report names the case as its maker: the tree collage's quotation is
    # a workshop participant's (line 244), but the report does not say who made the collage
    # (lines 236-242), so that case keeps the excerpt and not the collage.
    collages = {key for key, *_ in COLLAGES}
    for speaker, case in speakers.items():
        spoken = dict.fromkeys(key for key, _, _, who, _ in QUOTES if who == speaker)
        kept = [key for key in spoken if key not in collages or MADE_BY.get(key) == speaker]
        b.update(case, sources=tuple(sources[key].id for key in kept))

    examples = [
        (code, Example(text=quote, kind=kind, excerpt=excerpts[quote].id, note=note))
        for code, kind, quote, note in EXAMPLES
    ]
    examples += [
        (code, Example(text=phrase, kind=kind, note=f"{note} {NOT_AN_EXCERPT}"))
        for code, kind, phrase, note in PHRASES
    ]
    order = list(ExampleKind)  # typical, atypical, near miss
    for code, example in sorted(examples, key=lambda item: order.index(item[1].kind)):
        b.add_example(codes[code], example)
    discussed = [sources[key] for key, *_ in COLLAGES]
    discussed += [sources["diary"], sources["whatsapp"], excerpts[TIGHTROPE]]
    _memos(b, themes, discussed)
    return b.build()


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
                "practitioners link to taking up Contextual Safeguarding, and the excitement of "
                "being part of a movement and of seeing others 'get' it (report lines 119, "
                "131).",
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
                brief_definition="A new lens: seeing young people, harm and its contexts "
                "differently.",
                full_definition="Seeing young people, harm and services from a different "
                "perspective: the contexts of harm beyond the family, the system's part in them, "
                "and the power to change them. Once seen, they cannot be unseen.",
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
                brief_definition="Youth work methods, group work, working in pairs or with "
                "peer groups, and a slower pace.",
                full_definition="Work that steps outside conventional casework: group and peer "
                "work, youth work methods, working in pairs, creating safety around a context, "
                "and taking time to hold risk and think rather than firefight.",
                when_to_use=[
                    "A practitioner describes a method, pace or team arrangement new to them."
                ],
                when_not_to_use=[
                    "Seeing differently without doing differently (use 'See beyond the walls')."
                ],
            ),
            code(
                "licence",
                "Licence to be creative",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Being allowed to step outside conventional social work.",
                full_definition="Permission, from Contextual Safeguarding, an area or its "
                "leaders, to work in new ways: to bring youth work into safeguarding and to be "
                "creative. The report finds it varied between regions and even within one, and "
                "gave those who had it autonomy and enjoyment (report lines 147, 149, 180). The "
                "report states it in its own words and quotes no participant on being allowed "
                "(the youth club quotation it gives after 'permission', line 147, speaks of the "
                "work, not of permission), so no excerpt is coded with it.",
                when_to_use=[
                    "Work the practitioner was allowed or free to do differently, or the lack "
                    "of that freedom compared with other areas."
                ],
                when_not_to_use=[
                    "The new method itself, with nothing about being allowed (use 'New ways of "
                    "working' alone).",
                    "Being asked to change but not allowed to (use 'Transform your garden but "
                    "don't open the gate').",
                ],
            ),
            code(
                "police",
                "Working with the police",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Ethical conflict and distress in working with the police.",
                full_definition="Accounts of police actions undermining welfare-based work, of "
                "sharing information about young people, and of feeling pulled between agencies: "
                "problematic but, to practitioners, inevitable.",
                when_to_use=[
                    "Any account of the relationship with the police or policing "
                    "responses to young people."
                ],
                when_not_to_use=[
                    "Resistance from social care colleagues (use 'Misperceived by colleagues')."
                ],
            ),
            code(
                "gender",
                "Gendered professional authority",
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Professional authority undermined along gendered lines.",
                full_definition="Social workers' professional authority undermined in "
                "interactions with the police, social work being cast as female and feminine "
                "and policing as male and masculine; the gender power imbalance in "
                "inter-professional work (report lines 157, 276). The report quotes no "
                "participant on this, so no excerpt is coded with it.",
                when_to_use=[
                    "Authority, credibility or knowledge discounted in a way the speaker links "
                    "to gender or to social work being seen as women's work."
                ],
                when_not_to_use=[
                    "Discomfort or conflict with the police that says nothing about gender "
                    "(use 'Working with the police')."
                ],
            ),
            code(
                "misperceived",
                "Misperceived by colleagues",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Others see or meet the practitioner's work in ways they do "
                "not recognise.",
                full_definition="Colleagues and services think Contextual Safeguarding work is "
                "lazy, lucky, luxurious or a source of extra work, misjudge its slower pace, do "
                "not prioritise it, or push back against it.",
                when_to_use=[
                    "How colleagues or other services perceive, resist or avoid the work."
                ],
                when_not_to_use=["Conflict with the police (use 'Working with the police')."],
            ),
            code(
                "educating",
                "Learning while educating others",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Learning new ways of working while persuading others of them.",
                full_definition="Practitioners learning new ways of working, not yet sure of "
                "what they are doing, while trying to educate colleagues and communities about "
                "their value; being sent to use new tools 'out into the oblivion' (report lines "
                "163, 165).",
                when_to_use=[
                    "Trying new, uncertain ways of working, or persuading others that "
                    "extra-familial harm and the approach matter."
                ],
                when_not_to_use=[
                    "How others see the work, with no learning or persuading (use "
                    "'Misperceived by colleagues')."
                ],
            ),
            code(
                "unsupported",
                "Unsupported within their own organisation",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="No support from their own organisation and its processes.",
                full_definition="Practitioners' own organisations and systems not supporting "
                "them: processes and procedures built for familial harm, parenting behaviour as "
                "the threshold for support, extra-familial harm de-prioritised when the pressure "
                "is on (report lines 105, 153, 180, 262, 266).",
                when_to_use=[
                    "The practitioner's own service, its processes or its priorities working "
                    "against Contextual Safeguarding."
                ],
                when_not_to_use=[
                    "Partner agencies or other services (use 'Working with the police' or "
                    "'Misperceived by colleagues').",
                    "Shortage of resources as such (use 'Depleted resources').",
                ],
            ),
            code(
                "system issues",
                "The four system issues",
                codable=False,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="A folder for the four system issues the report names.",
                full_definition="The report's four system issues behind practitioners' battles "
                "(report lines 169-178); code with the issue, not the folder.",
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
                when_to_use=["Practice or services that are not child-focused."],
                when_not_to_use=[
                    "Shortage of resources as such (use 'Depleted resources').",
                    "The system harming the young people caught in it (use 'Systems not agile "
                    "enough').",
                ],
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
                    "Rigid processes that would remain with more resources (use 'Systems not "
                    "agile enough')."
                ],
            ),
            code(
                "agile",
                "Systems not agile enough",
                parent=folder,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Systems not agile enough for the reality of people's lives.",
                full_definition="System issue 3, named as the report names it (line 176): systems "
                "too rigid to respond to young people's lives, creating, in one practitioner's "
                "words, 'tipping points' that cause systemic harm to those caught in them.",
                when_to_use=[
                    "Systems, processes or decisions that harm, or leave vulnerable, the young "
                    "people they are meant to protect."
                ],
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
                "a proxy for power struggles, filling the system with anxiety about scrutiny that "
                "limits radical change.",
                when_to_use=["Fear of reviews, inspection or being 'the test'."],
                when_not_to_use=["Personal self-doubt (use 'Self-blame')."],
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
                    "A single system barrier named on its own (use the system issue codes).",
                    "Pressure or exhaustion without the gap (use 'The toll').",
                ],
            ),
            code(
                "self-blame",
                "Self-blame",
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Blaming themselves for what the system does not allow.",
                full_definition="Practitioners blaming themselves for not being, knowing or "
                "doing enough to overcome system barriers; working harder and doubting "
                "themselves when the system lets them down; a sense of personal failure (report "
                "lines 107, 202, 266, 303). The report names it a strong theme but quotes no "
                "participant on it, so no excerpt is coded with it.",
                when_to_use=["The speaker holds themselves responsible for a system's failings."],
                when_not_to_use=[
                    "Opposites held together, such as imposter and expert (use 'Living with "
                    "paradox')."
                ],
            ),
            code(
                "paradox",
                "Living with paradox",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Good and bad, expert and imposter, held at once.",
                full_definition="Working lives beset by paradoxes and extremes (paralysis and "
                "chaos, imposter and expert, lonely and connected, powerful and powerless), very "
                "up and down with not much in between (report lines 202-210).",
                when_to_use=["Opposites held together, or swings between extremes."],
                when_not_to_use=[
                    "Exhaustion without the sense of contradiction (use 'The toll').",
                    "Blaming oneself (use 'Self-blame').",
                ],
            ),
            code(
                "isolation",
                "Isolation",
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Feeling alone, or holding risk alone.",
                full_definition="Loneliness and isolation that come from trying individually to "
                "mitigate system failings, and holding considerable risk on one's own (report "
                "lines 107, 202, 212, 303). The report quotes no participant on it, so no "
                "excerpt is coded with it.",
                when_to_use=["The speaker is, or feels, alone with the work or its risks."],
                when_not_to_use=[
                    "Holding risk with no sense of being alone (use 'New ways of working')."
                ],
            ),
            code(
                "bridge",
                "A bridge",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="Standing between young people and the rest of the system.",
                full_definition="Practitioners advocating for young people with services, "
                "courts and inspectorates, trying to make up for what the system lacks.",
                when_to_use=[
                    "Advocacy across a gap between young people and services, or "
                    "standing with young people against it."
                ],
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
                full_definition="Stress, pressure, exhaustion, feeling stretched or battered, and "
                "the fear of burning out that come with mitigating the system's failings.",
                when_to_use=["Any account of what the work costs the practitioner."],
                when_not_to_use=[
                    "Ways of keeping going (use 'Coping').",
                    "Distress at what the police do, as such (use 'Working with the police').",
                ],
            ),
            code(
                "coping",
                "Coping",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="How practitioners keep going.",
                full_definition="Ways of sustaining oneself: food and drink, staying positive, "
                "continuing to grow despite the strain; two ways the report singles out have "
                "codes of their own below.",
                when_to_use=["Strategies or images of carrying on."],
                when_not_to_use=[
                    "Support from other practitioners (use 'Peer support and solidarity')."
                ],
            ),
        ]
    )
    coping = entries["coping"]
    entries.update(
        [
            code(
                "small changes",
                "Focusing on small changes",
                parent=coping,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Coping by focusing on small changes in individual young people.",
                full_definition="Focusing on the small changes individual young people make, "
                "which the report sees may replace trying to change the context (report lines "
                "246, 278). The report quotes no participant on it, so no excerpt is coded "
                "with it.",
                when_to_use=[
                    "Small successes with a young person valued as what keeps the "
                    "practitioner going."
                ],
                when_not_to_use=[
                    "Strengths-based work with young people (use 'Relating differently to "
                    "young people')."
                ],
            ),
            code(
                "perpetrators",
                "Focusing on perpetrators",
                parent=coping,
                origin=CodeOrigin.DEDUCTIVE,
                brief_definition="Coping by focusing almost exclusively on perpetrators.",
                full_definition="Focusing on perpetrators as the way to create safety, which the "
                "report finds understandable but at odds with building strengths and with a "
                "children's-rights, welfare-oriented approach (report line 246). The report "
                "quotes no participant on it, so no excerpt is coded with it.",
                when_to_use=["Safety sought by pursuing, disrupting or arresting perpetrators."],
                when_not_to_use=[
                    "Information-sharing with the police as such (use 'Working with the police')."
                ],
            ),
            code(
                "peers",
                "Peer support and solidarity",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Support from like-minded practitioners.",
                full_definition="Sharing feelings, off-loading and encouragement among "
                "practitioners doing Contextual Safeguarding, in workshops, the co-research group "
                "and its WhatsApp group (report lines 107, 149, 250).",
                when_to_use=["Practitioners supporting each other or valuing like-minded peers."],
                when_not_to_use=[
                    "Support from managers or organisations (use 'Unsupported within their own "
                    "organisation' for its absence).",
                    "Patience with colleagues who work differently (use 'Compassion for "
                    "colleagues').",
                ],
            ),
            code(
                "compassion",
                "Compassion for colleagues",
                origin=CodeOrigin.INDUCTIVE,
                brief_definition="Not 'othering' colleagues who do not 'get' the approach.",
                full_definition="Resisting seeing colleagues who take a different approach as "
                "'the enemy', and having compassion and patience to bring them to a different "
                "way of working (report lines 250, 279). The report gives it in its account of "
                "the co-research group's final discussion (line 250), which is not coded, and "
                "in its implications, so no excerpt is coded with it.",
                when_to_use=["Attitudes towards colleagues who do not share the approach."],
                when_not_to_use=[
                    "Support among like-minded practitioners (use 'Peer support and solidarity')."
                ],
            ),
            code(
                "maverick",
                "Maverick",
                origin=CodeOrigin.IN_VIVO,
                brief_definition="The maverick leader who challenges the status quo.",
                full_definition="Leaders prepared to be awkward and challenge the status quo, and "
                "the exhausting, precarious position this puts them in (report lines 248, 277, "
                "301). The report gives it in its account of the co-research group's discussion "
                "(line 248), which is not coded, and in its conclusion, which quotes single "
                "words, so no excerpt is coded with it.",
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
    """The report's three findings, under their headings in the report."""
    possibilities = b.theme(
        "The possibilities created by Contextual Safeguarding",
        codes=[c[k] for k in ("new world", "walls", "relating", "new ways", "licence")],
        description="Finding 1 (report lines 103, 117-149): practitioners are very "
        "enthusiastic about Contextual Safeguarding and the possibilities it opens up; it "
        "helps them practise in ways that feel exciting and energising, and that are "
        "ecological, justice-oriented and relationship-based.",
    )
    battles = b.theme(
        "System battles and contradictions",
        codes=[
            c[k]
            for k in (
                "police",
                "gender",
                "misperceived",
                "educating",
                "unsupported",
                "system issues",
                "child-centred",
                "resources",
                "agile",
                "scrutiny",
            )
        ],
        description="Finding 2 (report lines 105, 151-188): practitioners battle on many "
        "fronts. They lack support from partners and within their own organisations, "
        "experience ethical conflicts around the parameters of their roles (above all in "
        "working with the police), are misperceived by colleagues, and meet four system "
        "issues.",
    )
    tension = b.theme(
        "Core tension at the heart of Contextual Safeguarding direct practice",
        codes=[
            c[k]
            for k in (
                "garden",
                "self-blame",
                "paradox",
                "isolation",
                "bridge",
                "toll",
                "coping",
                "small changes",
                "perpetrators",
                "peers",
                "compassion",
                "maverick",
            )
        ],
        description="Finding 3 (report lines 107, 190-250): the tension between what "
        "practitioners see is possible through Contextual Safeguarding and what is achievable "
        "in their current systems; their efforts to bridge the shortfall, what it costs them "
        "(self-blame, isolation, exhaustion), how they cope, and the solidarity of peers.",
    )
    return {theme.name: theme for theme in (possibilities, battles, tension)}


COLLAGES = [
    # key, file, source name, collage title, what the report says of it
    (
        "discover",
        "collage-1-discover.txt",
        "Collage: How I see my work (discover)",
        "How I see my work",
        "A collage the report reproduces in Finding 1 (report lines 125-129); it does not say "
        "who made it.",
    ),
    (
        "butterfly",
        "collage-2-butterfly.txt",
        "Collage: the butterfly",
        None,
        "A collage made by 'a workshop participant whose collage and description of it are "
        "shown below' (report line 139); the report gives the participant's description of it "
        "(a quotation), not its title or words.",
    ),
    (
        "rocket",
        "collage-3-rocket.txt",
        "Collage: How I feel about my work",
        "How I feel about my work",
        "A collage the report says exemplifies how system barriers are experienced (report "
        "lines 180-188); it does not say who made it.",
    ),
    (
        "garden",
        "collage-4-garden.txt",
        "Collage: How others see my work",
        "How others see my work",
        "A collage the report says powerfully depicts the core tension (report lines 192-200); "
        "it does not say who made it.",
    ),
    (
        "jars",
        "collage-5-jars.txt",
        "Collage: How I see my work (jars)",
        "How I see my work",
        "A collage the report gives for working conditions where 'good' and 'bad' coexist "
        "(report lines 202-208); it does not say who made it.",
    ),
    (
        "safety pin",
        "collage-6-safety-pin.txt",
        "Collage: How I feel",
        "How I feel",
        "A collage made by a participant the report calls 'another' (report lines 223-234: "
        "'Another made this collage').",
    ),
    (
        "tree",
        "collage-7-tree.txt",
        "Collage: My work",
        "My work",
        "'Another extract from a collage with a similar theme' (report lines 236-244); the "
        "report does not say who made it, and attributes the quotation to a workshop "
        "participant.",
    ),
]
# The collages whose maker the report names, and the case it names: "a workshop participant
# whose collage and description of it are shown below" (line 139); "Another made this
# collage" (line 223). Any other collage is attributed to no one.
MADE_BY = {"butterfly": "workshop", "safety pin": "another"}

WONDER = (
    "I'm quite enthusiastic about how I feel about Contextual Safeguarding. The wonder never "
    "stops! I think like I'm always curious about what's going on within [my area]. Rebuilding "
    "lives as well. So, like kind of looking at our young people from a different perspective to "
    "rebuild kind of how we're offering practice to them"
)
STRENGTHS = (
    "For me, my personal favourite thing about it is honouring the strengths of young people. "
    "They have got a thousand strategies for being safer. They are much more able to assess the "
    "safety on their estate, like to the extent that when I come and visit they meet me at my "
    "car and chaperone me to their door because they're so worried about what's going to "
    "happen, like, they are skilled in so many ways. And I love to kind of like acknowledge that "
    "with them, learn from them and really like sort of celebrate that as well"
)
YOUTH_CLUB = (
    "I've had several lads who were in that group together and then got consent from them and "
    "their parents to see them together... so, a lot of my work has been with them as a pair or "
    "..as a trio, sometimes, ...I'm still doing the same kind of work that I do with one of "
    "them, but actually, I can expand that and we use the local youth club because it's a "
    "[Council owned] building, and it's got a kitchen, great! So, we do pool and we cook food "
    "... and then you've got your actual session that you can do, which is a bit more "
    "structured, it's basically youth work. But specifically targeted on exploitation, and "
    "conventional exploitation, on the back of which you then get disclosures. So then, and then "
    'you go, "Okay, well, now we have a disclosure," and then you have, then your enhanced '
    "safeguards then kicks in"
)
WEASEL = (
    "I think for me we're trying to protect so we share the information we need to share and "
    "that's where I feel a little bit like a weasel sometimes. And I know we're told 'You've got "
    "to submit that, and you do this, and you've got to submit that.' And it's like they get "
    "frustrated as they're like, 'Okay, but when does that person get arrested?' You know, "
    "that's an exploiter, we've got quite clear evidence. We know they've got to go and "
    "investigate, and we know they've got to do this, but we never get the feedback and I think "
    "that's why it can feel so one sided and feel as though you're only ever informing on "
    "someone because you're not getting any feedback on it"
)
LIKEMINDED = (
    "It is really positive...getting a room full of people that, that are all likeminded. But "
    "yeah, it's about how to access those people that aren't as, as likeminded and those other "
    "sort of services that, that don't prioritise it and see it as a bit of a pain really, when "
    "you're sort of trying to get additional support in for teenagers who essentially don't "
    "want to engage a lot of the time as well, cos that's the very nature of it. So sort of "
    "sitting with that, when you've got a family essentially not consenting to the work, "
    "sometimes is a difficult position to, to be in"
)
FRUSTRATIONS = (
    "We share the same frustrations as the young people over the services that are missing"
)
TIGHTROPE = (
    "At times, I think it can feel very stressful. A lot of the time it will feel very, very "
    "stressful. I think they are under a lot of pressure a lot of the time because we're asking "
    "them to brave and try new things and that can be a wee bit scary, when you're working to "
    "processes and procedures that are very familial harm.... It's like walking a tight role or "
    "almost on a bike, hurtling towards a cliff edge"
)
PULLED = "pulled, left right and centre"
HOLDING_RISK = (
    "sitting and holding risk and actually thinking about what we're doing rather than firefighting"
)
DIARY = (
    "I'm not a happy bunny with police this weekend one bit... they have been putting curfews "
    "on kids and checking in on them-especially looked after young people and it's driving me "
    "mad... one child had his curfew checked at 2/3am... that is provoking.. and a blatant "
    "infringement of his human rights...I hate these reactive decisions and how much harder it "
    "makes any trust in services! Traumatised young people being retraumatised by the system "
    "meant to safeguard them"
)
RETRAUMATISED = "Traumatised young people being retraumatised by the system meant to safeguard them"
DISCOVER = "discover; a new era; heart; gateway; journey, and a place to feel good"
BUTTERFLY = (
    "This is one man telling another man about a butterfly, there's a speech bubble with a "
    "butterfly, which...is essentially what I feel like I was doing a lot of the time, talking "
    "to other young men about ... you know, the chance of things changing and being different"
)
ROCKET = "Some days I feel pressure that could fire up a rocket."
BROKEN = "Broken Care Social Welfare System"
NOT_CHILD_FOCUSED = "Practice this is not child focused"
NO_RESOURCES = "Not enough resources"
CHAOS = "Chaos – systems made to project child often leave them vulnerable"  # noqa: RUF001 (verbatim)
GARDEN = "'Transform your garden but don't open the gate'"
JARS = "The good things jar, The bad things jar"
STRETCHED = "A stretched mechanism"
TESTBENCH = 'Testbench – Fear of reviews / change; Are we the "test"'  # noqa: RUF001 (verbatim)
BATTERED = "Battered but continuing to grow"
TREE = (
    "I've got this sort of rickety old tree, because I feel like that's where I'm at in my "
    "social work because I've been doing it for a long time and I'm like, trying really hard to "
    "not be burnt out and trying really hard to stay kind of positive, but also like it's "
    "becoming increasingly challenging in the circumstances"
)

QUOTES = [
    # source, quotation (verbatim), report line(s), speaker as the report states it (or None),
    # [(code, why we applied it)]. A code is applied at most once within one quotation or one
    # collage's words: a part is coded only with codes its whole does not carry. A code rests
    # on the words; where the report's introduction helps decide, the reason cites it.
    (
        "quotations",
        WONDER,
        "line 121",
        "workshop",
        [
            (
                "new world",
                "enthusiasm and wonder at the approach ('The wonder never stops!'); the report "
                "gives it after 'discovering a new world' (line 119).",
            )
        ],
    ),
    (
        "quotations",
        "looking at our young people from a different perspective",
        "line 121",
        "workshop",
        [("walls", "seeing young people from a different perspective: the new lens (line 119).")],
    ),
    (
        "quotations",
        STRENGTHS,
        "lines 135-137",
        "workshop",
        [
            (
                "relating",
                "honouring young people's strengths and learning from them; the report gives it "
                "for how the approach helped practitioners relate differently to young people "
                "(line 133).",
            )
        ],
    ),
    (
        "quotations",
        YOUTH_CLUB,
        "line 149",
        "workshop",
        [
            (
                "new ways",
                "group work, a youth club and youth work methods ('it's basically youth work'); "
                "the report gives it for social workers 'using youth work methods, like group "
                "work' (line 147).",
            ),
        ],
    ),
    (
        "quotations",
        WEASEL,
        "line 159",
        "workshop",
        [
            (
                "police",
                "sharing information about young people with the police, and getting no "
                "feedback; the report gives it for the ethical tension of information-sharing "
                "(line 157).",
            )
        ],
    ),
    (
        "quotations",
        LIKEMINDED,
        "line 215",
        "workshop",
        [
            (
                "bridge",
                "trying to get support in from services for teenagers and families who do not "
                "consent; the report gives it for practitioners being 'a bridge' between the "
                "system and young people (line 212).",
            )
        ],
    ),
    (
        "quotations",
        "getting a room full of people that, that are all likeminded",
        "line 215",
        "workshop",
        [("peers", "the value of being among like-minded people (line 250).")],
    ),
    (
        "quotations",
        "those other sort of services that, that don't prioritise it and see it as a bit of a "
        "pain really",
        "line 215",
        "workshop",
        [
            (
                "misperceived",
                "other services that do not prioritise the work and see it as a pain (line 165).",
            )
        ],
    ),
    (
        "quotations",
        FRUSTRATIONS,
        "line 219",
        "workshop",
        [
            (
                "bridge",
                "standing with young people against missing services; the report gives it as "
                "summing up practitioners' advocacy on several fronts (line 217).",
            ),
            ("resources", "'the services that are missing': depleted services (line 174)."),
        ],
    ),
    (
        "quotations",
        TIGHTROPE,
        "line 248",
        "workshop",
        [
            (
                "toll",
                "'very, very stressful', 'a lot of pressure', 'hurtling towards a cliff edge'; "
                "the report gives it after 'doing this work is very hard' (line 246).",
            )
        ],
    ),
    (
        "quotations",
        "we're asking them to brave and try new things and that can be a wee bit scary",
        "line 248",
        "workshop",
        [("educating", "trying new, uncertain ways of working (line 163).")],
    ),
    (
        "quotations",
        "when you're working to processes and procedures that are very familial harm",
        "line 248",
        "workshop",
        [
            (
                "unsupported",
                "their own processes and procedures are built for familial harm (lines 180, 290).",
            )
        ],
    ),
    (
        "quotations",
        PULLED,
        "line 161",
        "workshop",
        [
            (
                "toll",
                "feeling pulled in every direction: a strain, like the 'stretched mechanism' of "
                "a collage (line 232). The report gives it for what practitioners endured in "
                "working with the police (line 161), but the words do not name the police.",
            )
        ],
    ),
    (
        "quotations",
        HOLDING_RISK,
        "line 163",
        "workshop",
        [
            (
                "new ways",
                "Contextual Safeguarding's slower pace: holding risk and thinking rather than "
                "firefighting (line 163).",
            ),
        ],
    ),
    (
        "diary",
        DIARY,
        "line 155",
        "diary",
        [
            (
                "police",
                "police curfews and night-time checks on young people undermining trust; the "
                "report gives it for police actions undermining welfare-based work (line 153).",
            )
        ],
    ),
    (
        "diary",
        RETRAUMATISED,
        "line 155",
        "diary",
        [
            (
                "agile",
                "the system meant to safeguard young people harming them: the systemic harm of "
                "system issue 3 (line 176).",
            )
        ],
    ),
    (
        "discover",
        DISCOVER,
        "line 127",
        None,
        [
            (
                "new world",
                "discovery, a new era, a gateway, a journey; the report describes the collage as "
                "'exemplifying feelings of transformation' (line 129).",
            )
        ],
    ),
    (
        "butterfly",
        BUTTERFLY,
        "line 143",
        "workshop",
        [
            (
                "relating",
                "talking with young men about the chance of things changing; the report gives it "
                "for how professionals relate to young people (line 139).",
            )
        ],
    ),
    (
        "rocket",
        ROCKET,
        "line 186",
        None,
        [("toll", "pressure that 'could fire up a rocket' (line 186).")],
    ),
    (
        "rocket",
        BROKEN,
        "line 186",
        None,
        [
            (
                "unsupported",
                "the care and social welfare system named as broken, a reason ('Why') for the "
                "pressure (lines 105, 180).",
            )
        ],
    ),
    (
        "rocket",
        NOT_CHILD_FOCUSED,
        "line 186",
        None,
        [("child-centred", "practice that is not child-focused: system issue 1 (line 172).")],
    ),
    (
        "rocket",
        NO_RESOURCES,
        "line 186",
        None,
        [("resources", "not enough resources: system issue 2 (line 174).")],
    ),
    (
        "rocket",
        CHAOS,
        "line 188",
        None,
        [
            (
                "agile",
                "systems made to protect children leaving them vulnerable: the systemic harm of "
                "system issue 3 (line 176).",
            )
        ],
    ),
    (
        "garden",
        GARDEN,
        "line 198",
        None,
        [
            (
                "garden",
                "the report gives this collage for the core tension (lines 192, 200); the code "
                "takes its name from these words.",
            )
        ],
    ),
    (
        "jars",
        JARS,
        "line 208",
        None,
        [
            (
                "paradox",
                "a good things jar beside a bad things jar; the report gives it for 'good' and "
                "'bad' coexisting in polarised binaries (line 202).",
            )
        ],
    ),
    (
        "safety pin",
        STRETCHED,
        "line 232",
        "another",
        [
            (
                "toll",
                "a stretched mechanism; the report gives the collage for the toll the work takes "
                "(lines 221-223).",
            )
        ],
    ),
    (
        "safety pin",
        TESTBENCH,
        "line 234",
        "another",
        [("scrutiny", "fear of reviews, and of being 'the test': system issue 4 (line 178).")],
    ),
    (
        "tree",
        BATTERED,
        "line 242",
        None,
        [
            (
                "coping",
                "'continuing to grow' despite the battering; practitioners 'found different ways "
                "to cope' (line 246).",
            ),
            (
                "toll",
                "'Battered'; the report gives the collage as having a theme similar to the "
                "toll of the one before (line 236).",
            ),
        ],
    ),
    (
        "tree",
        TREE,
        "line 244",
        "workshop",
        [
            (
                "toll",
                "trying hard not to be burnt out as it becomes 'increasingly challenging'; a "
                "collage with a theme similar to the toll of the one before (line 236).",
            ),
            (
                "coping",
                "'trying really hard to stay kind of positive'; practitioners 'found different "
                "ways to cope' (line 246).",
            ),
        ],
    ),
]

EXAMPLES = [
    # code, kind, excerpt (its quotation), why it illustrates the code
    (
        "new world",
        ExampleKind.TYPICAL,
        WONDER,
        "Wonder and curiosity about the approach itself.",
    ),
    (
        "new world",
        ExampleKind.ATYPICAL,
        DISCOVER,
        "Words on a collage, not speech: discovery shown rather than told.",
    ),
    (
        "new world",
        ExampleKind.NEAR_MISS,
        STRENGTHS,
        "Enthusiasm, but for a particular way of working with young people: 'Relating "
        "differently to young people'.",
    ),
    (
        "walls",
        ExampleKind.TYPICAL,
        "looking at our young people from a different perspective",
        "Seeing young people anew.",
    ),
    (
        "walls",
        ExampleKind.NEAR_MISS,
        HOLDING_RISK,
        "Thinking rather than firefighting is a way of working, not of seeing: 'New ways of "
        "working'.",
    ),
    ("relating", ExampleKind.TYPICAL, STRENGTHS, "Strengths honoured and learnt from."),
    (
        "relating",
        ExampleKind.ATYPICAL,
        BUTTERFLY,
        "Told through a collage: hope offered to young men rather than strengths recognised.",
    ),
    (
        "relating",
        ExampleKind.NEAR_MISS,
        LIKEMINDED,
        "About young people, but advocating with services on their behalf: 'A bridge'.",
    ),
    ("new ways", ExampleKind.TYPICAL, YOUTH_CLUB, "Group work, youth work methods, a youth club."),
    (
        "new ways",
        ExampleKind.ATYPICAL,
        HOLDING_RISK,
        "A new pace rather than a new method.",
    ),
    (
        "new ways",
        ExampleKind.NEAR_MISS,
        "looking at our young people from a different perspective",
        "Seeing differently, not doing differently: 'See beyond the walls'.",
    ),
    (
        "licence",
        ExampleKind.NEAR_MISS,
        YOUTH_CLUB,
        "The report gives it after 'Contextual Safeguarding had given permission to many to "
        "work in new ways' (line 147), but the words speak of the work, not of being allowed: "
        "'New ways of working'.",
    ),
    (
        "licence",
        ExampleKind.NEAR_MISS,
        GARDEN,
        "About being allowed, but the licence withheld while change is asked for: 'Transform "
        "your garden but don't open the gate'.",
    ),
    ("police", ExampleKind.TYPICAL, DIARY, "Police actions undermining trust and welfare."),
    ("police", ExampleKind.TYPICAL, WEASEL, "Sharing information with the police."),
    (
        "police",
        ExampleKind.NEAR_MISS,
        PULLED,
        "The report gives it for what working with the police felt like (line 161), but the "
        "words do not name the police: 'The toll'.",
    ),
    (
        "police",
        ExampleKind.NEAR_MISS,
        "those other sort of services that, that don't prioritise it and see it as a bit of a "
        "pain really",
        "Other services, not the police: 'Misperceived by colleagues'.",
    ),
    (
        "gender",
        ExampleKind.NEAR_MISS,
        WEASEL,
        "Discomfort in work with the police that says nothing about gender: 'Working with the "
        "police'.",
    ),
    (
        "misperceived",
        ExampleKind.TYPICAL,
        "those other sort of services that, that don't prioritise it and see it as a bit of a "
        "pain really",
        "Other services that do not value the work.",
    ),
    (
        "misperceived",
        ExampleKind.NEAR_MISS,
        HOLDING_RISK,
        "The report says this slower pace was 'a source of misunderstanding and judgement by "
        "others' (line 163), but the words only describe the work: 'New ways of working'.",
    ),
    (
        "misperceived",
        ExampleKind.NEAR_MISS,
        DIARY,
        "Conflict with the police, not with colleagues: 'Working with the police'.",
    ),
    (
        "educating",
        ExampleKind.TYPICAL,
        "we're asking them to brave and try new things and that can be a wee bit scary",
        "New and uncertain ways of working.",
    ),
    (
        "unsupported",
        ExampleKind.TYPICAL,
        "when you're working to processes and procedures that are very familial harm",
        "Their own processes made for another kind of harm.",
    ),
    (
        "unsupported",
        ExampleKind.ATYPICAL,
        BROKEN,
        "The whole welfare system rather than one organisation.",
    ),
    (
        "unsupported",
        ExampleKind.NEAR_MISS,
        "those other sort of services that, that don't prioritise it and see it as a bit of a "
        "pain really",
        "Other services, not their own organisation: 'Misperceived by colleagues'.",
    ),
    ("child-centred", ExampleKind.TYPICAL, NOT_CHILD_FOCUSED, "Practice not child-focused."),
    (
        "child-centred",
        ExampleKind.NEAR_MISS,
        CHAOS,
        "The system harming the children it should protect: 'Systems not agile enough'.",
    ),
    ("resources", ExampleKind.TYPICAL, NO_RESOURCES, "Not enough resources."),
    (
        "resources",
        ExampleKind.ATYPICAL,
        FRUSTRATIONS,
        "Missing services felt alongside young people rather than named as a shortage.",
    ),
    ("agile", ExampleKind.TYPICAL, CHAOS, "Systems that leave children vulnerable."),
    (
        "agile",
        ExampleKind.ATYPICAL,
        RETRAUMATISED,
        "Harm from particular decisions; the words do not say the system is rigid.",
    ),
    ("scrutiny", ExampleKind.TYPICAL, TESTBENCH, "Fear of reviews; being the test."),
    ("garden", ExampleKind.TYPICAL, GARDEN, "The words the code is named after."),
    (
        "garden",
        ExampleKind.NEAR_MISS,
        ROCKET,
        "Pressure, without the gap between vision and reality: 'The toll'.",
    ),
    (
        "self-blame",
        ExampleKind.NEAR_MISS,
        FRUSTRATIONS,
        "Frustration at what the system fails to provide, but turned on the missing services, "
        "shared with young people, not on themselves: 'A bridge'.",
    ),
    ("paradox", ExampleKind.TYPICAL, JARS, "Good and bad side by side."),
    (
        "isolation",
        ExampleKind.NEAR_MISS,
        HOLDING_RISK,
        "Holding risk, but nothing about holding it alone (line 212): 'New ways of working'.",
    ),
    ("bridge", ExampleKind.TYPICAL, LIKEMINDED, "Between services and young people."),
    (
        "bridge",
        ExampleKind.ATYPICAL,
        FRUSTRATIONS,
        "Standing with young people, rather than advocating for them.",
    ),
    (
        "bridge",
        ExampleKind.NEAR_MISS,
        STRENGTHS,
        "The relationship with young people, not advocacy: 'Relating differently to young people'.",
    ),
    ("toll", ExampleKind.TYPICAL, TIGHTROPE, "Stress and pressure, in the speaker's words."),
    ("toll", ExampleKind.TYPICAL, TREE, "Trying not to burn out."),
    (
        "toll",
        ExampleKind.ATYPICAL,
        STRETCHED,
        "Words on a collage: the cost shown as an image.",
    ),
    (
        "toll",
        ExampleKind.ATYPICAL,
        PULLED,
        "A strain told as a direction, not a feeling; the report gives it for working with the "
        "police (line 161), which the words do not name.",
    ),
    (
        "toll",
        ExampleKind.NEAR_MISS,
        TESTBENCH,
        "Fear, but of reviews and of being 'the test': 'Anxiety about external scrutiny'.",
    ),
    ("coping", ExampleKind.TYPICAL, TREE, "Trying hard to stay positive."),
    ("coping", ExampleKind.ATYPICAL, BATTERED, "Carrying on, as an image."),
    (
        "coping",
        ExampleKind.NEAR_MISS,
        "getting a room full of people that, that are all likeminded",
        "What sustains is other people: 'Peer support and solidarity'.",
    ),
    (
        "perpetrators",
        ExampleKind.NEAR_MISS,
        WEASEL,
        "An exploiter the police do not arrest, but in an account of information-sharing, not of "
        "a way of coping: 'Working with the police'.",
    ),
    (
        "peers",
        ExampleKind.TYPICAL,
        "getting a room full of people that, that are all likeminded",
        "Being among like-minded people.",
    ),
    (
        "peers",
        ExampleKind.NEAR_MISS,
        FRUSTRATIONS,
        "Feelings shared, but with young people, not with other practitioners: 'A bridge'.",
    ),
]

NOT_AN_EXCERPT = (
    "Not an excerpt: the words are in the report's own sentence, not a quotation it gives "
    "from a source."
)
NOT_A_QUOTATION = "not in quotation marks"

PHRASES = [
    # code, kind, words of participants that the report gives inside its own sentences (in
    # quotation marks, or as one participant's words or account retold, marked "not in
    # quotation marks"), where and how the report gives them
    (
        "new world",
        ExampleKind.TYPICAL,
        "discovering a new world",
        "Report line 119: Contextual Safeguarding 'was, one said, like \"discovering a new "
        "world\"'.",
    ),
    (
        "walls",
        ExampleKind.TYPICAL,
        "new lens",
        'Report line 119: it had given practitioners a "new lens".',
    ),
    (
        "walls",
        ExampleKind.TYPICAL,
        "see beyond the walls",
        "Report line 119: a new lens 'that allowed them to \"see beyond the walls\"'.",
    ),
    (
        "walls",
        ExampleKind.ATYPICAL,
        "power",
        'Report line 133: practitioners \'could see the "power" and potential of being able to '
        "change the social conditions'; seeing what could change, not only what is.",
    ),
    (
        "walls",
        ExampleKind.ATYPICAL,
        "unsee",
        "Report line 202: 'They can't \"unsee\" what they have seen'; the new lens from its "
        "other side.",
    ),
    (
        "police",
        ExampleKind.TYPICAL,
        "snakes, spiders and weasels",
        "Report line 161: practitioners' 'feelings about being like' this when working with "
        "the police.",
    ),
    (
        "misperceived",
        ExampleKind.TYPICAL,
        "people think I'm just hanging out in McDonalds",
        "Report line 163: how practitioners say others see them (as lazy).",
    ),
    (
        "misperceived",
        ExampleKind.TYPICAL,
        "[other social workers] probably think of my job that I go on walks, I go to the spa, I "
        "eat cake",
        "Report line 163: how practitioners say others see them (as having a luxurious life).",
    ),
    (
        "misperceived",
        ExampleKind.TYPICAL,
        "push back",
        "Report line 165: the term 'Contextual Safeguarding' could panic people into \"push "
        'back" or "systemic avoidance", they said.',
    ),
    (
        "misperceived",
        ExampleKind.TYPICAL,
        "systemic avoidance",
        "Report line 165: the term 'Contextual Safeguarding' could panic people into \"push "
        'back" or "systemic avoidance", they said.',
    ),
    (
        "educating",
        ExampleKind.TYPICAL,
        "out into the oblivion",
        "Report line 163: 'in the words of one manager', asking workers to use new tools was "
        "like sending them there.",
    ),
    (
        "educating",
        ExampleKind.TYPICAL,
        "persuade",
        'Report line 165: youth workers in a rural area had to "persuade" their community that '
        "extra-familial harm happened there.",
    ),
    (
        "agile",
        ExampleKind.TYPICAL,
        "tipping points",
        "Report line 176: 'in the words of one practitioner'.",
    ),
    (
        "garden",
        ExampleKind.TYPICAL,
        "they have been shown a beautiful garden but not been allowed to open the gate",
        f"Report line 262: of social workers, 'In the words of one' (reported speech, "
        f"{NOT_A_QUOTATION}); the image of the collage at line 198.",
    ),
    (
        "paradox",
        ExampleKind.TYPICAL,
        "snakes and ladders",
        "Report line 210: working this way 'was described by one as playing a game of' it.",
    ),
    (
        "bridge",
        ExampleKind.TYPICAL,
        "a bridge",
        "Report line 212: 'Commonly people talked about being like' one.",
    ),
    (
        "bridge",
        ExampleKind.TYPICAL,
        "battling with a notoriously punitive judge for a young person to be given "
        "welfare-based services",
        f"Report line 217: 'One participant gave an example of' it (the report's retelling, "
        f"{NOT_A_QUOTATION}); it succeeded, and three years later the worker advocated for the "
        "same young person to the council's HR department.",
    ),
    (
        "toll",
        ExampleKind.TYPICAL,
        "person stood on a rock, looking at the universe",
        "Report line 221: 'In the words of one', how the work felt.",
    ),
    (
        "peers",
        ExampleKind.ATYPICAL,
        "Imposters Assembled",
        "Report line 250: the name the co-researchers gave their WhatsApp group, in which, the "
        "report says, they 'offered many messages of support and kindness to each other'; a "
        "name, the support is in the report's account of the group.",
    ),
    (
        "compassion",
        ExampleKind.TYPICAL,
        "the enemy",
        "Report line 250: the co-research group's final discussion, as the report gives it, was "
        "on 'resisting seeing' colleagues who take a different approach as the enemy.",
    ),
    (
        "maverick",
        ExampleKind.TYPICAL,
        "maverick",
        "Report lines 248, 301: the co-research group discussed whether the current situation "
        "'demanded a certain sort of leader' prepared to be a bit maverick (248, the report's "
        "account of the discussion); many think of themselves as 'willing to be seen as' "
        "maverick (301).",
    ),
    (
        "maverick",
        ExampleKind.TYPICAL,
        "trouble-maker",
        "Report line 301: many think of themselves as 'being a bit of a' trouble-maker.",
    ),
]

MEMOS = [
    (
        "recommendation-1.txt",
        "Recommendation 1",
        "The possibilities created by Contextual Safeguarding",
    ),
    ("recommendation-2.txt", "Recommendation 2", "System battles and contradictions"),
    (
        "recommendation-3.txt",
        "Recommendation 3",
        "Core tension at the heart of Contextual Safeguarding direct practice",
    ),
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

INFERENCES = """\
Inferences, not stated in the report. The dataset does not record them as facts.

1. Who made the collages. Collage-making was the longest of the workshops' arts-based
activities (line 97), and the report mentions no collage made elsewhere, so the five
collages whose maker it does not name were probably made by workshop practitioners. Their
words are attributed to no one.

2. The tree collage ('My work'). Its quotation, which the report attributes to a workshop
participant, begins "I've got this sort of rickety old tree", so its speaker probably made
the collage. Only the quotation is attributed.

3. Which side a collage shows. Collages were made to show 'how I see my role' on one side
and 'how others see my role' on the other (line 97). The titles 'How I see my work' and 'How
others see my work' suggest those sides, and the 'left' and 'right' words of two collages
may be the two sides; the report says neither, so the dataset records only the titles.

4. The quotation "It's like walking a tight role..." (line 248) speaks of what "we're
asking them" to do, as a manager might; the report says only that a workshop participant
said it.

5. The digital diary entry (line 155) was probably written by a member of the co-research
group: the report describes diary keeping only as theirs (lines 89, 93) and mentions "many
Digital diary entries" (line 180). It does not say who wrote this entry.

6. The name "Imposters Assembled" (line 250). Leaders chosen for their expertise (line 89)
calling themselves imposters may echo the paradox "imposter and expert" (line 202), or the
self-doubt the report finds (line 202); the report does not say why the co-researchers chose
the name. It is not coded with either."""


def _memos(
    b: qcode.ProjectBuilder, themes: dict[str, qcode.Theme], collages: list[qcode.Source]
) -> None:
    """The report's recommendations and implications, verbatim, as memos; our inferences."""
    for file, name, theme in MEMOS:
        about = [themes[theme]] if theme else []
        b.note(text(f"memos/{file}"), name=name, about=about)
    b.note(INFERENCES, name="Inferences (not stated in the report)", about=collages)
    b.note(CITATION, name="Citation")


def write_outputs(project: qcode.Project, folder: Path = HERE) -> None:
    """The JSON, the .qdpx (and its QualCoder form), the .qdc (the project's codebook as a
    document of its own) and codebook.md, beside this script. Writing for QualCoder notes
    what it changes (the collages, which have no image, become text sources); only warnings
    are printed."""
    for name, target in (*((name, None) for name in OUTPUTS), (QUALCODER, "qualcoder")):
        if name.endswith(".qdc"):
            report = qcode.write_codebook(project.codebook, folder / name)
        else:
            report = qcode.dump(project, folder / name, target=target)
        for issue in report:
            if issue.severity is not qcode.Severity.INFO:
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
    print(
        f"wrote {', '.join((*OUTPUTS, QUALCODER))} and codebook.md beside {Path(__file__).name}\n"
    )
    print_theme_table(project)
    return 0


def print_theme_table(project: qcode.Project) -> None:
    """Each theme's codes with the number of excerpts coded with them: as no code is applied
    twice within one quotation or one collage's words, the number of those it codes."""
    counts = qcode.coded_excerpts(project)
    names = {code.id: code for code in project.codes}
    print("Quotations and collages' words coded with each code:")
    for theme in project.themes:
        print(theme.name)
        for code_id in theme.codes:
            code = names[code_id]
            shown = code.name if code.codable else f"{code.name} (folder)"
            print(f"  {counts[code_id]:3}  {shown}")


if __name__ == "__main__":
    sys.exit(main())
