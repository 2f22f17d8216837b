"""``qcode agree``, ``qcode merge`` and ``qcode split``: what they print, write and refuse."""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from pathlib import Path

import attrs
import pytest

import qcode
from qcode._cli import main

from .test_agreement import two_coders
from .test_agreement_merge import EXAMPLE, coderless_exports, second_coder

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    path = tmp_path / "pair.json"
    text = "We are a bridge.\nIt takes its toll.\nWe cope."
    project = two_coders(
        text,
        {"Bridge": [(7, 15)], "Toll": [(17, 35)]},
        {"Bridge": [(3, 15)], "Toll": [(17, 35)], "Coping": [(36, 44)]},
    )
    qcode.dump(project, path)
    return path


def run(argv: list[str], capsys: Capture) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_agree_prints_nvivo_rows_rounded_with_the_notes(pair: Path, capsys: Capture) -> None:
    code, out, err = run(["agree", str(pair)], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "| code | source | unit | scope | total | both | a_only | b_only | neither | "
        "agreement_pct | kappa | jaccard | note |"
    )
    assert lines[2] == (
        "| Bridge | Interview | characters | code × source | 44 | 8 | 0 | 4 | 32 | 90.9091 | "
        "0.7442 | 0.6667 |  |"
    )
    assert lines[-2].startswith("A = Ann; B = Ben. NVivo's coding comparison")


@pytest.mark.parametrize(
    ("method", "header"),
    [
        (
            "alpha",
            "| measure | code | source | unit | length | observed | expected | alpha | note |",
        ),
        ("maxqda", "| code | agreements | disagreements | total | percent | kappa |"),
        *(
            (
                m,
                "| code | scope | segments | coders | both | a_only | b_only | neither | value | "
                "note |",
            )
            for m in ("kappa", "krippendorff", "fleiss", "percent", "holsti")
        ),
    ],
)
def test_agree_computes_each_method(method: str, header: str, pair: Path, capsys: Capture) -> None:
    code, out, err = run(["agree", str(pair), "--method", method], capsys)
    assert (code, err, out.splitlines()[0]) == (0, "", header)


def test_agree_over_segments_counts_paragraphs(pair: Path, capsys: Capture) -> None:
    code, out, _ = run(["agree", str(pair), "--method", "kappa", "--format", "json"], capsys)
    rows = json.loads(out)["rows"]
    assert code == 0
    assert [(r["code"], r["segments"], r["both"], r["b_only"]) for r in rows[:3]] == [
        ("Bridge", 3, 1, 0),
        ("Toll", 3, 1, 0),
        ("Coping", 3, 0, 1),
    ]
    _, out, _ = run(["agree", str(pair), "--method", "kappa", "--segments", "sources",
                     "--format", "json"], capsys)  # fmt: skip
    assert json.loads(out)["rows"][0]["segments"] == 1


def test_agree_takes_a_coder_whose_name_holds_a_comma_whole(
    tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "comma.json"
    text = "We are a bridge.\nIt takes its toll."
    three = two_coders(
        text,
        {"Bridge": [(7, 15)]},
        {"Bridge": [(7, 15)]},
        {"Bridge": [(3, 15)]},
        names=("Ann", "Ben, Jr.", "Cy"),
    )
    qcode.dump(three, path)
    code, out, err = run(
        ["agree", str(path), "--method", "alpha", "--coders", "Ben, Jr.", "Ann,Cy", "--format",
         "csv"],
        capsys,
    )  # fmt: skip
    assert (code, out.splitlines()[1]) == (
        0,
        "|uα,Bridge,Interview,characters,70.0,8.0,30.1594,0.7347,",
    )
    assert err.startswith("Coders: Ben, Jr., Ann+Cy. |uα: ")
    code, out, err = run(["agree", str(path), "--coders", "Ben", "Ann"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"qcode: {path}: no user has the name or login 'Ben' (users: 'Ann', 'Ben, Jr.', 'Cy')\n"
    )


def test_a_group_that_cuts_a_name_at_its_comma_says_to_give_the_login_or_id(
    tmp_path: Path, capsys: Capture
) -> None:
    """A group's commas split "Ben, Jr." and the refusal said only that no user is "Ben"."""
    path, copy = tmp_path / "comma.json", tmp_path / "copy.json"
    three = two_coders(
        "We are a bridge.",
        {"Bridge": [(7, 15)]},
        {"Bridge": [(7, 15)]},
        {"Bridge": [(3, 15)]},
        names=("Ann", "Ben, Jr.", "Cy"),
    )
    builder = qcode.ProjectBuilder.from_project(three)
    builder.update(three.user("Ben, Jr."), login="benj")
    qcode.dump(builder.build(), path)
    qcode.dump(three, copy)
    ben = three.user("Ben, Jr.").id
    code, out, err = run(["agree", str(path), "--coders", "Ben, Jr.,Ann", "Cy"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"qcode: {path}: no user has the name or login 'Ben'; in a group (A,B), give a coder "
        f"whose name holds a comma by login or id ('Ben, Jr.': 'benj' or {ben})\n"
    )
    code, out, err = run(["agree", str(path), str(copy), "--coders", "Cy", "Ann,Ben, Jr."], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"qcode: {copy}: no user has the name or login 'Ben'; in a group (A,B), give a coder "
        f"whose name holds a comma by login or id ('Ben, Jr.': {ben})\n"
    )
    code, out, err = run(
        ["agree", str(path), "--coders", f"{ben},Ann", "Cy", "--format", "csv"], capsys
    )
    assert (code, err.split(". ")[0]) == (0, "A = Ben, Jr.+Ann; B = Cy")
    code, out, err = run(  # spaces after a group's commas are not part of the names
        ["agree", str(path), "--coders", "benj, Ann", "Cy", "--format", "csv"], capsys
    )
    assert (code, err.split(". ")[0]) == (0, "A = Ben, Jr.+Ann; B = Cy")


def test_one_group_given_alone_says_to_give_one_value_per_side(pair: Path, capsys: Capture) -> None:
    """``--coders "Ann, Ben"`` made one side of the two: the measure said it needed a second
    coder's codings, though the project holds them."""
    code, out, err = run(["agree", str(pair), "--coders", "Ann, Ben"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "qcode agree: --coders 'Ann, Ben' is one side, a group of 2; give one value per side: "
        "--coders Ann Ben\n"
    )


def test_one_coder_in_two_files_is_told_apart_by_file(tmp_path: Path, capsys: Capture) -> None:
    """Comparing Ann's copy with Ann's copy labelled both sides "Ann"."""
    path, copy = tmp_path / "one.json", tmp_path / "two.json"
    qcode.dump(two_coders("We are a bridge.", {"Bridge": [(7, 15)]}), path)
    qcode.dump(two_coders("We are a bridge.", {"Bridge": [(3, 15)]}), copy)
    code, out, err = run(
        ["agree", str(path), str(copy), "--coders", "Ann", "Ann", "--format", "csv"], capsys
    )
    assert (code, out.splitlines()[1]) == (
        0,
        "Bridge,Interview,characters,code × source,16,8,0,4,4,75.0,0.5,0.6667,",
    )
    assert err.split(". ")[0] == f"A = Ann ({path}); B = Ann ({copy})"
    code, out, err = run(
        ["agree", str(path), str(path), "--coders", "Ann", "Ann", "--format", "csv"], capsys
    )
    assert (code, out.splitlines()[1]) == (
        0,
        "Bridge,Interview,characters,code × source,16,8,0,0,8,100.0,1.0,1.0,",
    )
    assert err.split(". ")[0] == f"A = Ann ({path} (1)); B = Ann ({path} (2))"
    nfd = tmp_path / "nfd.json"  # a name in the other Unicode form is the same name
    named = two_coders("We are a bridge.", {"Bridge": [(3, 15)]}, names=("Jose\u0301",))
    qcode.dump(named, nfd)
    jose = tmp_path / "nfc.json"
    qcode.dump(two_coders("We are a bridge.", {"Bridge": [(7, 15)]}, names=("Jos\u00e9",)), jose)
    code, out, err = run(
        ["agree", str(jose), str(nfd), "--coders", "Jos\u00e9", "Jos\u00e9", "--format", "csv"],
        capsys,
    )
    assert err.split(". ")[0] == f"A = Jos\u00e9 ({jose}); B = Jose\u0301 ({nfd})"


def test_agree_lists_disagreements_as_csv_with_the_notes_on_stderr(
    pair: Path, capsys: Capture
) -> None:
    code, out, err = run(["agree", str(pair), "--disagreements", "--format", "csv"], capsys)
    assert code == 0
    assert out == (
        "source,unit,start,end,code,coded_by,not_coded_by,text\n"
        "Interview,characters,3,7,Bridge,Ben,Ann,are \n"
        "Interview,characters,36,44,Coping,Ben,Ann,We cope.\n"
    )
    assert (
        err == "Coders: Ann, Ben. A row per stretch where some coded the code and others did not.\n"
    )


def test_agree_maxqda_prints_its_match_table(pair: Path, capsys: Capture) -> None:
    code, out, _ = run(["agree", str(pair), "--method", "maxqda", "--matches",
                        "--min-overlap", "0.6", "--format", "csv"], capsys)  # fmt: skip
    assert code == 0
    assert out.splitlines()[:3] == [
        "source,code,coder,start,end,other_start,other_end,overlap,agrees",
        "Interview,Bridge,Ann,7,15,3,15,0.6667,True",
        "Interview,Bridge,Ben,3,15,7,15,0.6667,True",
    ]


def test_agree_writes_the_table_unrounded(pair: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "nvivo.json"
    code, printed, err = run(["agree", str(pair), "-o", str(out)], capsys)
    assert (code, printed, err) == (0, "", f"wrote {out}\n")
    row = json.loads(out.read_text("utf-8"))["rows"][0]
    assert row["kappa"] == pytest.approx(0.7441860465116279, abs=1e-15)


def test_agree_between_two_files_names_each_side_by_its_file(
    tmp_path: Path, capsys: Capture
) -> None:
    study = second_coder(qcode.load(EXAMPLE))
    folder = tmp_path / "parts"
    code, out, _ = run(["split", str(tmp_path / "x.json"), "-o", str(folder)], capsys)
    assert code == 2
    qcode.dump(study, tmp_path / "study.json")
    code, out, err = run(["split", str(tmp_path / "study.json"), "-o", str(folder)], capsys)
    assert (code, out, err) == (0, f"{folder / 'Analyst.json'}\n{folder / 'Bea.json'}\n", "")
    a, b = folder / "Analyst.json", folder / "Bea.json"
    code, out, _ = run(["agree", str(a), str(b), "--method", "alpha", "--format", "json"], capsys)
    between = json.loads(out)
    assert between["notes"][0].startswith(f"Coders: {a}, {b}. |uα")
    _, out, _ = run(["agree", str(tmp_path / "study.json"), "--method", "alpha",
                     "--format", "json"], capsys)  # fmt: skip
    assert json.loads(out)["rows"] == between["rows"]


def test_merge_writes_the_merged_project_and_reports_conflicts(
    tmp_path: Path, capsys: Capture
) -> None:
    b = qcode.ProjectBuilder("One")
    b.user("Ann")
    b.code("Bridge", brief_definition="Between systems.")
    b.text_source("Diary", "A bridge.")
    one = b.build()
    changed = qcode.ProjectBuilder.from_project(one)
    changed.update(one.codes[0], brief_definition="Between people.")
    changed.user("Ben")
    a, c = tmp_path / "a.json", tmp_path / "c.json"
    qcode.dump(one, a)
    qcode.dump(changed.build(), c)
    out = tmp_path / "merged.qdpx"
    code, printed, err = run(["merge", str(a), str(c), "-o", str(out)], capsys)
    assert (code, printed) == (1, "")
    assert err == (
        f"conflict: code 'Bridge' differs in {c}: brief_definition; kept the version in {a}\n"
        f"wrote {out}\n"
    )
    merged = qcode.read(out).project
    assert [u.name for u in merged.users] == ["Ann", "Ben"]
    assert merged.codes[0].brief_definition == "Between systems."


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["agree", "{pair}", "--coders", "Zed", "Ben"],
            "qcode: {pair}: no user has the name or login 'Zed' (users: 'Ann', 'Ben')",
        ),
        (
            ["agree", "{pair}", "{pair}", "--coders", "Ann", "Zed"],
            "qcode: {pair}: no user has the name or login 'Zed' (users: 'Ann', 'Ben')",
        ),
        (
            ["agree", "{pair}", "--coders", "Ann", "Ann"],
            "qcode: {pair}: a coder is on two sides (Ann and Ann); each side needs coders of its "
            "own",
        ),
        (
            ["agree", "{pair}", "--min-overlap", "0.5"],
            "qcode agree: --min-overlap applies to --method maxqda only",
        ),
        (
            ["agree", "{pair}", "--method", "alpha", "--matches"],
            "qcode agree: --matches applies to --method maxqda only",
        ),
        (
            ["agree", "{pair}", "--method", "maxqda", "--segments", "sources"],
            "qcode agree: --segments applies to --method kappa, krippendorff, fleiss, percent, "
            "holsti only",
        ),
        (
            ["agree", "{pair}", "--method", "kappa", "--undefined-nan"],
            "qcode agree: --undefined-nan applies to --method nvivo only",
        ),
        (
            ["agree", "{pair}", "--disagreements", "--matches"],
            "qcode agree: --matches does not apply to --disagreements",
        ),
        (
            ["agree", "{pair}", "--method", "kappa", "--coders", "Ann", "Ben", "Ann,Ben"],
            "qcode: {pair}: a coder is on two sides (Ben and Ann+Ben); each side needs coders of "
            "its own",
        ),
        (
            ["agree", "{pair}", "--coders", "Ann"],
            "qcode: {pair}: the NVivo coding comparison compares "
            "two sides; given 1 (Ann): it needs a second coder's codings, in this project or "
            "in a copy to compare it with",
        ),
        (
            ["agree", "{pair}", "-o", "{tmp}/out.txt"],
            "qcode: {tmp}/out.txt: cannot write a table as .txt; formats: csv, md, json, xlsx, "
            "parquet",
        ),
        (
            ["agree", "{pair}", "--method", "maxqda", "--min-overlap", "0"],
            "qcode agree: --min-overlap is a share above 0 up to 1, not 0.0",
        ),
        (
            ["agree", "{pair}", "--disagreements", "--method", "holsti"],
            "qcode agree: --method does not apply to --disagreements",
        ),
        (
            ["agree", "{pair}", "{pair}", "--coders", "Ann"],
            "qcode: {pair} and {pair}: two projects are compared coder against coder, one per "
            "project; given 1 coder",
        ),
        (
            ["agree", "{pair}", "--method", "cohen"],
            "qcode agree: argument --method: invalid "
            "choice: 'cohen' (choose from 'nvivo', 'alpha', 'maxqda', 'kappa', 'krippendorff', "
            "'fleiss', 'percent', 'holsti')",
        ),
        (["agree", "{tmp}/none.json"], "qcode: {tmp}/none.json: no such file"),
        (["merge", "{pair}", "-o", "{tmp}/m.json"], "qcode merge: give two or more files to merge"),
        (
            ["merge", "{pair}", "{pair}", "-o", "{tmp}/m.txt"],
            "qcode: {tmp}/m.txt: unknown file type '.txt'; qcode writes .json, .qdc, .qde, .qdpx, "
            ".zip",
        ),
        (["split", "{pair}", "-o", "{pair}"], "qcode: {pair}: is not a folder"),
        (
            ["split", "{pair}", "-o", "{pair}/parts"],
            "qcode: {pair}/parts: cannot make this folder (Not a directory)",
        ),
        (["merge", "{pair}"], "qcode merge: the following arguments are required: -o/--output"),
        # an empty name was taken for the current folder, "."
        (["agree", "{pair}", "-o", ""], "qcode agree: argument -o/--output: '' names no file"),
        (["split", "", "-o", "{tmp}"], "qcode split: argument file: '' names no file"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    argv: list[str], message: str, pair: Path, tmp_path: Path, capsys: Capture
) -> None:
    filled = [a.format(pair=pair, tmp=tmp_path) for a in argv]
    code, out, err = run(filled, capsys)
    assert (code, out, err) == (2, "", message.format(pair=pair, tmp=tmp_path) + "\n")


def test_merge_says_what_it_matched_by_text_and_split_writes_qdpx(
    tmp_path: Path, capsys: Capture
) -> None:
    paths = []
    for name in ("Ann", "Ben"):
        b = qcode.ProjectBuilder(f"{name}'s copy")
        b.user(name)
        bridge = b.code("Bridge")
        b.quote(b.text_source("Diary", "We are a bridge."), "a bridge", codes=[bridge])
        paths.append(tmp_path / f"{name}.json")
        qcode.dump(b.build(), paths[-1])
    out = tmp_path / "both.json"
    code, printed, err = run(["merge", *map(str, paths), "-o", str(out)], capsys)
    assert (code, printed) == (0, "")
    assert err == f"source 'Diary' of {paths[1]} matched 'Diary' by text\nwrote {out}\n"
    folder = tmp_path / "parts"
    code, printed, _ = run(["split", str(out), "-o", str(folder), "--to", "qdpx"], capsys)
    assert (code, printed) == (0, f"{folder / 'Ann.qdpx'}\n{folder / 'Ben.qdpx'}\n")
    assert [u.name for u in qcode.read(folder / "Ben.qdpx").project.users] == ["Ben"]


def test_merge_exits_1_when_the_project_it_wrote_has_errors(
    tmp_path: Path, capsys: Capture
) -> None:
    b = qcode.ProjectBuilder("One")
    b.text_source("Diary", "A bridge.")
    one = b.build()
    reversed_span = qcode.Excerpt(id=uuid.UUID(int=1), anchor=qcode.TextSpan(5, 2))
    diary = attrs.evolve(one.sources[0], excerpts=(reversed_span,))
    a, c = tmp_path / "a.json", tmp_path / "c.json"
    qcode.dump(attrs.evolve(one, sources=(diary,)), a)
    qcode.dump(one, c)
    out = tmp_path / "merged.json"
    code, printed, err = run(["merge", str(a), str(c), "-o", str(out)], capsys)
    assert (code, printed) == (1, "")
    assert err == (
        f"ERROR {out} $.sources[0].excerpts[0].anchor.end: end (2) must be greater than "
        f"start (5)\nwrote {out}\n"
    )


def test_merge_of_two_inputs_coded_by_no_one_exits_1_also_quiet(
    tmp_path: Path, capsys: Capture
) -> None:
    paths = [tmp_path / "bridge.json", tmp_path / "river.json"]
    for path, export in zip(paths, coderless_exports(), strict=True):
        qcode.dump(export, path)
    out = tmp_path / "merged.json"
    code, printed, err = run(["merge", *map(str, paths), "-o", str(out), "--quiet"], capsys)
    assert (code, printed) == (1, "")
    assert err == (
        f"conflict: codings with no coder come from {paths[0]} and {paths[1]}; they cannot be "
        "told apart (both kept with no coder: give each input's codings a coder, "
        "update(coding, coder=user), to compare them)\n"
    )


def test_merge_carries_the_embedded_files_of_every_input(tmp_path: Path, capsys: Capture) -> None:
    import zipfile

    b = qcode.ProjectBuilder("One", id_namespace=uuid.UUID(int=5))
    b.text_source("Diary", "A bridge.")
    one = b.build()
    picture = qcode.ProjectBuilder.from_project(one)
    picture.source("Roof", qcode.PictureContent(path="internal://roof.png"))
    holder = tmp_path / "holder.zip"
    with zipfile.ZipFile(holder, "w") as archive:
        archive.writestr("sources/roof.png", b"PNG bytes")
    roof = qcode.Attachment(holder, "sources/roof.png", 9)
    a, c = tmp_path / "a.qdpx", tmp_path / "c.qdpx"
    qcode.write(one, a)
    qcode.write(picture.build(), c, qcode.WriteOptions(files={"internal://roof.png": roof}))
    out = tmp_path / "merged.qdpx"
    code, printed, err = run(["merge", "--quiet", str(a), str(c), "-o", str(out)], capsys)
    assert (code, printed, err) == (0, "", "")
    with zipfile.ZipFile(out) as merged:
        pictures = [name for name in merged.namelist() if name.endswith(".png")]
        assert [merged.read(name) for name in pictures] == [b"PNG bytes"]


def test_split_gives_coders_whose_names_make_one_file_name_a_file_each(
    tmp_path: Path, capsys: Capture
) -> None:
    b = qcode.ProjectBuilder("Names", id_namespace=uuid.UUID(int=6))
    calm = b.code("Calm")
    diary = b.text_source("Diary", "A calm day.")
    for name in ("Ana/B", "Ana_B", "ana_b"):
        b.quote(diary, "calm", codes=[calm], coder=b.user(name))
    path = tmp_path / "names.json"
    qcode.dump(b.build(), path)
    code, printed, err = run(["split", str(path), "-o", str(tmp_path / "parts")], capsys)
    files = ["Ana_B.json", "Ana_B (2).json", "ana_b (3).json"]
    assert (code, printed, err) == (0, "".join(f"{tmp_path / 'parts' / f}\n" for f in files), "")
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == sorted(files)


def test_split_names_a_file_without_coders_and_writes_no_hidden_file(
    tmp_path: Path, capsys: Capture
) -> None:
    empty = tmp_path / "empty.json"
    qcode.dump(qcode.Project(name="P"), empty)
    code, printed, err = run(["split", str(empty), "-o", str(tmp_path / "none")], capsys)
    assert (code, printed) == (2, "")
    assert err == f"qcode split: {empty}: project 'P' has no codings with a coder to split by\n"
    b = qcode.ProjectBuilder("Dots", id_namespace=uuid.UUID(int=7))
    diary = b.text_source("Diary", "A calm day.")
    b.quote(diary, "calm", codes=[b.code("Calm")], coder=b.user(".."))
    path = tmp_path / "dots.json"
    qcode.dump(b.build(), path)
    code, printed, err = run(["split", str(path), "-o", str(tmp_path / "parts")], capsys)
    assert (code, printed, err) == (0, f"{tmp_path / 'parts' / 'coder.json'}\n", "")


def test_split_of_a_project_with_errors_writes_the_parts_and_exits_1(
    tmp_path: Path, capsys: Capture
) -> None:
    b = qcode.ProjectBuilder("Broken", id_namespace=uuid.UUID(int=8))
    diary = b.text_source("Diary", "A calm day.")
    b.quote(diary, "calm", codes=[b.code("Calm")], coder=b.user("Ann"))
    project = b.build()
    calm = project.codes[0]
    broken = attrs.evolve(project, codes=(attrs.evolve(calm, color="red"),))
    path = tmp_path / "broken.json"
    qcode.dump(broken, path)
    code, printed, err = run(["split", str(path), "-o", str(tmp_path / "parts")], capsys)
    assert (code, printed) == (1, f"{tmp_path / 'parts' / 'Ann.json'}\n")
    part = tmp_path / "parts" / "Ann.json"  # the part that holds the error is named
    assert err == f"ERROR {part} $.codes[0].color: 'red' is not a colour like '#1F77B4' or '#F00'\n"


def test_merge_split_and_apply_refuse_a_project_whose_codes_share_an_id(
    tmp_path: Path, capsys: Capture
) -> None:
    """The builder under them kept one of the two codes without a word (apply) or stopped
    with an internal error."""
    project = qcode.load(EXAMPLE)
    code = project.codes[1]
    twins = tmp_path / "twins.json"
    twin = attrs.evolve(code, name="Twin")
    qcode.dump(attrs.evolve(project, codes=(*project.codes, twin)), twins)
    said = (
        f"{twins}: two codes have the id {code.id} ({code.name!r} and 'Twin'); a changed "
        f"project's objects are held by id, so one would be lost: qcode validate {twins} lists "
        "every problem\n"
    )
    out = tmp_path / "out.json"
    for argv, opening in (
        (["merge", str(EXAMPLE), str(twins), "-o", str(out)], "qcode merge: "),
        (["split", str(twins), "-o", str(tmp_path / "parts")], "qcode split: "),
        (["codebook", "apply", str(EXAMPLE), str(twins), "-o", str(out)], "qcode: "),
    ):
        assert main([*argv, "-q"]) == 2
        assert capsys.readouterr() == ("", opening + said)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twins.json"]


def test_apply_merge_and_split_write_for_a_target_tool(tmp_path: Path) -> None:
    """Only convert took --target: an NVivo project changed by them was written back with
    the standard's offsets, which NVivo reads as its own."""
    source = EXAMPLE.with_suffix(".qdpx")
    book = tmp_path / "book.qdc"
    assert main(["codebook", "export", str(EXAMPLE), str(book), "-q"]) == 0
    outputs = {
        "apply": tmp_path / "applied.qdpx",
        "merge": tmp_path / "merged.qdpx",
        "split": tmp_path / "parts",
    }
    for argv in (
        ["codebook", "apply", str(book), str(source), "-o", str(outputs["apply"])],
        ["merge", str(source), str(source), "-o", str(outputs["merge"])],
        ["split", str(source), "-o", str(outputs["split"]), "--to", "qdpx"],
    ):
        assert main([*argv, "--target", "nvivo", "-q"]) == 0
    parts = sorted(outputs["split"].iterdir())
    assert [p.name for p in parts] == ["Analyst.qdpx"]  # the example has one coder
    for path in (outputs["apply"], outputs["merge"], *parts):
        with zipfile.ZipFile(path) as archive:
            head = archive.read("project.qde")[:300].decode()
        assert re.search(r'origin="qcode [^"]*\(offsets: utf16\)"', head), path
    texts = [s.content for s in qcode.read(source).project.sources]
    for path in (outputs["apply"], outputs["merge"]):  # read back in NVivo's offsets: equal
        assert [s.content for s in qcode.read(path).project.sources] == texts


def test_merge_refuses_to_write_over_an_input_and_target_needs_a_refi_output(
    tmp_path: Path, capsys: Capture
) -> None:
    """`merge A B -o A` replaced a coder's own copy without a word; --target with a .json
    output was ignored without one."""
    mine = tmp_path / "ana.json"
    mine.write_bytes(EXAMPLE.read_bytes())
    assert main(["merge", str(mine), str(EXAMPLE), "-o", str(mine)]) == 2
    assert capsys.readouterr().err == (
        f"qcode merge: {mine} is the file it reads; the merged project would replace it: "
        "write the merged project to another file\n"
    )
    assert mine.read_bytes() == EXAMPLE.read_bytes()
    said = "--target adapts REFI-QDA output (.qdpx, .qde, .qdc); a .json output has no tool's "
    for argv, command in (
        (["merge", str(mine), str(EXAMPLE), "-o", str(tmp_path / "m.json")], "merge"),
        (["split", str(mine), "-o", str(tmp_path / "parts")], "split"),
        (["convert", str(mine), str(tmp_path / "c.json")], "convert"),
        (["codebook", "apply", str(mine), str(mine), "-o", str(tmp_path / "a.json")],
         "codebook apply"),
    ):  # fmt: skip
        assert main([*argv, "--target", "nvivo"]) == 2
        assert capsys.readouterr().err == f"qcode {command}: {said}offsets to take\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.json"]
