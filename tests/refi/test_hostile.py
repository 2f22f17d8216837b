"""Files built to hurt: refused with a clear message, nothing unpacked or expanded."""

from __future__ import annotations

import os
import time
import tracemalloc
import uuid
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

import qcode
from qcode._cli import main as qcode_main
from qcode._formats import ReadOptions, read
from qcode._formats._refi._xml import parse
from tests.refi.fixtures import SOURCE, patched, project_xml, qdpx, sharing_one_text

HANG = 60
"""Seconds past which a read counts as hung: each of these reads takes a few seconds, and
several times that under coverage on a busy machine, while the hangs they guard against
(each element's path counted, each code looked for in a list of them all) took minutes."""


def refused(path: Path, options: ReadOptions | None = None) -> str:
    with pytest.raises(qcode.ReadError) as caught:
        read(path, options)
    return str(caught.value)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>'
    )
    path = tmp_path / "xxe.qde"
    path.write_text(xml, "utf-8")
    assert refused(path) == (
        f"{path}: the XML declares a DTD (<!DOCTYPE ...>), which REFI-QDA never uses and which "
        "can expand entities or fetch files; qcode refuses it"
    )


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{"".join(f"&e{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    xml = (
        f'<!DOCTYPE Project [<!ENTITY e0 "boom">{entities}]>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&e9;"/>'
    )
    path = qdpx(tmp_path / "bomb.qdpx", xml)
    assert "declares a DTD" in refused(path)


def test_zip_slip_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "slip.qdpx", project_xml(), extra={"../../evil.txt": b"x"})
    assert refused(path) == f"{path}: member '../../evil.txt' has an absolute or '..' path; refused"
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.parametrize(
    "name",
    [
        "/etc/evil.txt",
        "\\evil.txt",
        "C:/evil.txt",
        "C:evil.txt",
        "sources/../../evil",
        "..\\..\\evil.txt",
        "sources/a\\..\\..\\..\\evil.docx",
        "C:\\evil.txt",
    ],
)
def test_absolute_member_is_refused(name: str, tmp_path: Path) -> None:
    path = qdpx(tmp_path / "abs.qdpx", project_xml(), extra={name: b"x"})
    assert refused(path) == f"{path}: member {name!r} has an absolute or '..' path; refused"


def test_a_colon_after_the_first_folder_is_a_name_like_any_other(tmp_path: Path) -> None:
    extra = {"notes/a:b.txt": b"x", "notes/a:b/c.txt": b"y"}
    path = qdpx(tmp_path / "p.qdpx", project_xml(), extra=extra)
    assert read(path).project.sources[0].text == "Hello world"


def test_a_project_document_in_a_folder_is_not_the_project(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(), qde="old/project.qde")
    assert refused(path) == (
        f"{path}: holds no .qde project document at its top level ('old/project.qde' is in a "
        "folder)"
    )


def test_two_project_documents_are_refused_not_one_chosen(tmp_path: Path) -> None:
    decoy = project_xml().replace('name="Mini"', 'name="Decoy"')
    path = qdpx(tmp_path / "p.qdpx", project_xml(), qde="A.qde", extra={"B.qde": decoy.encode()})
    assert refused(path) == (
        f"{path}: holds 2 .qde project documents ('A.qde', 'B.qde'); a REFI-QDA archive holds one"
    )


def test_a_text_is_found_whatever_the_case_of_its_name(tmp_path: Path) -> None:
    xml = project_xml(text_path=f"internal://{SOURCE.lower()}.TXT")
    assert read(qdpx(tmp_path / "p.qdpx", xml)).project.sources[0].text == "Hello world"


def test_a_member_beyond_the_read_budget_is_named(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml())
    size = len(project_xml().encode())
    assert refused(path, ReadOptions(limits=qcode.Limits(read_budget=size - 1))) == (
        f"{path}: member 'project.qde' takes the read past its budget of {size - 1} bytes "
        "unpacked and decoded (Limits.read_budget); refused"
    )


def test_a_member_is_read_as_far_as_its_header_says(tmp_path: Path) -> None:
    """A header that declares fewer bytes than the member holds (its CRC made to match) is
    believed: the limits were checked against it, and so is what is read."""
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", project_xml())
        archive.writestr(f"sources/{SOURCE}.txt", b"Hello world")
    patched(path, f"sources/{SOURCE}.txt", 24, (10).to_bytes(4, "little"))
    patched(path, f"sources/{SOURCE}.txt", 16, zlib.crc32(b"Hello worl").to_bytes(4, "little"))
    assert read(path).project.sources[0].text == "Hello worl"


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = qdpx(
        tmp_path / "zbomb.qdpx", project_xml(), extra={"sources/big.txt": bytes(100_000_000)}
    )
    message = refused(path)
    assert message.startswith(f"{path}: member 'sources/big.txt' is compressed ")
    assert message.endswith(" to 1, beyond the limit of 200 to 1 (a zip bomb?)")


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = qdpx(tmp_path / "whole.qdpx", project_xml(), text=bytes(range(256)) * 400)
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert refused(cut) == (
        f"{cut}: not a readable ZIP archive (File is not a zip file); is it truncated?"
    )


def test_invalid_utf8_text_names_the_member(tmp_path: Path) -> None:
    """The archive and the member the text is in (it named project.qde as the file)."""
    path = qdpx(tmp_path / "p.qdpx", project_xml(), text=b"caf\xe9")
    assert refused(path) == (
        f"{path}: member 'sources/{SOURCE}.txt' is not UTF-8 text (bad byte at offset 3)"
    )
    marked = qdpx(tmp_path / "bom.qdpx", project_xml(), text=b"\xef\xbb\xbfcaf\xe9")
    assert refused(marked) == (  # the offset in the file, its byte-order mark counted
        f"{marked}: member 'sources/{SOURCE}.txt' is not UTF-8 text (bad byte at offset 6)"
    )
    outside = tmp_path / "doc.txt"
    outside.write_bytes(b"caf\xe9")
    external = qdpx(tmp_path / "e.qdpx", project_xml(text_path=f"absolute://{outside}"))
    with pytest.raises(qcode.ReadError) as caught:
        read(external, ReadOptions(external_root=tmp_path))
    assert str(caught.value) == f"{outside}: it is not UTF-8 text (bad byte at offset 3)"


def test_invalid_utf8_in_the_xml(tmp_path: Path) -> None:
    path = qdpx(
        tmp_path / "p.qdpx",
        project_xml().replace("Mini", "Caf\udce9", 1).encode("utf-8", "surrogateescape"),
    )
    assert refused(path).startswith(f"{path}/project.qde: not well-formed XML: ")


def test_not_a_zip_and_no_project_document(tmp_path: Path) -> None:
    text = tmp_path / "plain.qdpx"
    text.write_text("hello", "utf-8")
    assert (
        refused(text)
        == f"{text}: not a readable ZIP archive (File is not a zip file); is it truncated?"
    )
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("sources/a.txt", "x")
    assert refused(empty) == f"{empty}: holds no .qde project document at its top level"


def test_wrong_root_and_namespace(tmp_path: Path) -> None:
    other = tmp_path / "other.qde"
    other.write_text('<Thing xmlns="urn:x"/>', "utf-8")
    assert refused(other) == (
        f"{other}: not a REFI-QDA file: the root element is <Thing>, not <Project> or <CodeBook>"
    )
    stray = tmp_path / "stray.qde"
    stray.write_text('<Project xmlns="urn:x" name="p"/>', "utf-8")
    assert refused(stray) == (
        f"{stray}: not a REFI-QDA file: <Project> is in namespace 'urn:x', expected "
        "'urn:QDA-XML:project:1.0'"
    )


def _late_dtd(tmp_path: Path) -> str:
    """A DTD with an external entity after more than the 64 KiB searched before parsing."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", "utf-8")
    return project_xml(extra_source="<Description>&x;</Description>").replace(
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<?xml version="1.0" encoding="utf-8"?>\n<!--{"p" * 70_000}-->\n'
        f'<!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>\n',
    )


@pytest.mark.parametrize("options", [ReadOptions(), ReadOptions(check_schema=True)])
def test_a_dtd_behind_a_long_prolog_is_refused(options: ReadOptions, tmp_path: Path) -> None:
    path = tmp_path / "late.qde"
    path.write_text(_late_dtd(tmp_path), "utf-8")
    assert refused(path, options) == (
        f"{path}: the XML declares a DTD (<!DOCTYPE ...>), which REFI-QDA never uses and which "
        "can expand entities or fetch files; qcode refuses it"
    )


def test_parsing_in_steps_expands_no_entity(tmp_path: Path) -> None:
    # Parts are read while the document is parsed, before the DTD is refused at its end.
    seen: list[str | None] = []
    with pytest.raises(qcode.ReadError):
        parse(
            _late_dtd(tmp_path).encode(),
            "late.qde",
            [],
            lambda event, element: seen.append(element.text) if event == "end" else None,
            ("{urn:QDA-XML:project:1.0}Description",),
        )
    assert seen == [None]


# -- local files: nothing outside the file is opened unless a folder is allowed ----------


def _secret(tmp_path: Path) -> Path:
    folder = tmp_path / "private"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text("SECRET local file", "utf-8")
    return secret


def _pointing_at(tmp_path: Path, text_path: str, base: str | None = None) -> Path:
    xml = project_xml(text_path=text_path, end=0)
    if base is not None:
        xml = xml.replace('name="Mini"', f'name="Mini" basePath="{base}"', 1)
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return qdpx(work / "p.qdpx", xml)


def _texts(result: qcode.ReadResult) -> list[str]:
    return [
        s.content.text for s in result.project.sources if isinstance(s.content, qcode.TextContent)
    ]


@pytest.mark.parametrize(
    ("text_path", "base"),
    [
        ("absolute://{secret}", None),
        ("absolute:///proc/version", None),
        ("relative://../private/secret.txt", None),
        ("relative://../../../../../../../../..{secret}", None),
        ("relative://secret.txt", "{folder}"),
    ],
)
def test_local_files_are_not_read_by_default(
    text_path: str, base: str | None, tmp_path: Path
) -> None:
    secret = _secret(tmp_path)
    value = text_path.format(secret=secret)
    path = _pointing_at(tmp_path, value, base and base.format(folder=secret.parent))
    for strict in (False, True):
        if strict:
            with pytest.raises(qcode.InvalidProjectError) as caught:
                read(path, strict=True)
            report = caught.value.issues
            # the member and line the error was found at, not the archive alone
            assert str(caught.value).startswith(
                f"{path}/project.qde:2: /Project/Sources/TextSource: external file "
            )
        else:
            result = read(path)
            assert _texts(result) == [""]
            report = result.report
        found = [i for i in report if i.code == "external-file-not-read"]
        assert [(i.path, i.message) for i in found] == [
            (
                "/Project/Sources/TextSource",
                f"external file {value!r} of source 'Doc' is not read: qcode opens no local "
                "file unless a folder is allowed (ReadOptions(external_root=...), qcode "
                "--external-root DIR)",
            )
        ]


def test_convert_embeds_no_local_file(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    path = _pointing_at(tmp_path, f"absolute://{secret}")
    for out in (tmp_path / "out.qdpx", tmp_path / "out.json"):
        # exit 1: the selection of the text that was not read is empty, an error written as is
        assert qcode_main(["convert", "--quiet", str(path), str(out)]) == 1
        data = out.read_bytes()
        if out.suffix == ".qdpx":
            with zipfile.ZipFile(out) as archive:
                data = b"".join(archive.read(n) for n in archive.namelist())
        assert b"SECRET" not in data


def test_an_allowed_folder_is_read_and_nothing_outside_it(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    allowed = ReadOptions(external_root=secret.parent)
    inside = _pointing_at(tmp_path, "relative://../private/secret.txt")
    assert _texts(read(inside, allowed)) == ["SECRET local file"]
    outside = _pointing_at(tmp_path, "absolute:///proc/version")
    result = read(outside, allowed)
    assert _texts(result) == [""]
    assert [i.message for i in result.report if i.code == "external-file-refused"] == [
        "external file 'absolute:///proc/version' of source 'Doc' is not read: it is outside "
        f"the allowed folder {str(secret.parent)!r}"
    ]


def test_whether_a_file_outside_the_allowed_folder_exists_is_not_told(tmp_path: Path) -> None:
    """A missing file outside was "not on this machine", an existing one "outside the
    allowed folder": a file could ask which paths exist."""
    secret = _secret(tmp_path)
    media = tmp_path / "media"
    media.mkdir()
    said = []
    for target in (secret, secret.with_name("nothing.txt")):
        result = read(
            _pointing_at(tmp_path, f"absolute://{target}"), ReadOptions(external_root=media)
        )
        said.append(
            [(i.code, i.message.split(": ")[-1]) for i in result.report if "external" in i.code]
        )
    assert (
        said
        == [[("external-file-refused", f"it is outside the allowed folder {str(media)!r}")]] * 2
    )
    # A relative path may lie in two places (under basePath, beside the file): one in the
    # folder, missing, makes it missing, whatever the other (the ATLAS.ti sample's media)
    work = tmp_path / "work"
    for base, allowed in ((tmp_path / "elsewhere", work), (media, media)):
        result = read(
            _pointing_at(tmp_path, "relative://gone.txt", str(base)),
            ReadOptions(external_root=allowed),
        )
        assert [i.code for i in result.report if "external" in i.code] == ["external-file-missing"]


def test_a_symlink_out_of_the_allowed_folder_is_refused(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    media = tmp_path / "media"
    media.mkdir()
    (media / "doc.txt").symlink_to(secret)
    path = _pointing_at(tmp_path, f"absolute://{media}/doc.txt")
    result = read(path, ReadOptions(external_root=media))
    assert _texts(result) == [""]
    assert [i.message for i in result.report if i.code == "external-file-refused"] == [
        f"external file 'absolute://{media}/doc.txt' of source 'Doc' is not read: it is "
        f"outside the allowed folder {str(media)!r}"
    ]


def test_only_regular_files_within_the_limit_are_read(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    os.mkfifo(media / "pipe.txt")
    (media / "big.txt").write_text("x" * 101, "utf-8")
    for name, reason in [
        ("pipe.txt", "it is not a regular file"),
        ("big.txt", "it is larger than 100 bytes (Limits.member_size)"),
    ]:
        path = tmp_path / "bare.qde"  # a bare document: no archive member is held to the limit
        path.write_text(project_xml(text_path=f"absolute://{media}/{name}", end=0), "utf-8")
        options = ReadOptions(external_root=media, limits=qcode.Limits(member_size=100))
        result = read(path, options)
        assert [i.message for i in result.report if i.code == "external-file-refused"] == [
            f"external file 'absolute://{media}/{name}' of source 'Doc' is not read: {reason}"
        ]


# -- budgets: one small file cannot make qcode unpack without end ------------------------


def _many_sources(tmp_path: Path, count: int, text: bytes) -> Path:
    return qdpx(tmp_path / "many.qdpx", sharing_one_text(count), text=text)


def test_one_member_read_by_thousands_of_sources_is_refused_by_the_budget(
    tmp_path: Path,
) -> None:
    path = _many_sources(tmp_path, 2_500, b"a" * (1024 * 1024 - 1))
    started = time.perf_counter()
    message = refused(path)
    assert time.perf_counter() - started < HANG
    assert message == (
        f"{path}: sources/{SOURCE}.txt takes the read past its budget of 536870912 bytes "
        "unpacked and decoded (Limits.read_budget); refused"
    )


def test_a_shared_member_is_unpacked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcode._formats._refi._archive import Archive

    calls: list[str] = []
    original = Archive.read

    def counting(self: Archive, info: zipfile.ZipInfo) -> bytes:
        calls.append(info.filename)
        return original(self, info)

    monkeypatch.setattr(Archive, "read", counting)
    project = read(_many_sources(tmp_path, 20, b"Hello world")).project
    assert [s.content.text for s in project.sources] == ["Hello world"] * 21  # type: ignore[union-attr]
    assert calls == ["project.qde", f"sources/{SOURCE}.txt"]


# -- archives tools could read differently, or that cannot be unpacked -------------------


def test_two_members_of_one_name_are_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "two.qdpx", project_xml())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("project.qde", project_xml().replace("Mini", "Other"))
    assert refused(path) == (
        f"{path}: holds 'project.qde' more than once; tools disagree on which copy is the "
        "file, so qcode refuses the archive"
    )


def test_an_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = patched(qdpx(tmp_path / "p.qdpx", project_xml()), "project.qde", 8, b"\x09\x00")
    assert refused(path) == (
        f"{path}: member 'project.qde' is encrypted; qcode reads no encrypted archive"
    )


@pytest.mark.parametrize(
    ("method", "number"), [(None, 9), (zipfile.ZIP_BZIP2, 12), (zipfile.ZIP_LZMA, 14)]
)
def test_a_compression_method_other_than_stored_or_deflate_is_refused(
    method: int | None, number: int, tmp_path: Path
) -> None:
    """bzip2 and lzma were read: zipfile unpacks their blocks whole, so a 2 KB member whose
    header declared 87 bytes unpacked to 2.5 GiB before being cut to them."""
    path = tmp_path / "p.qdpx"
    if method is None:
        patched(qdpx(path, project_xml()), "project.qde", 10, number.to_bytes(2, "little"))
    else:
        with zipfile.ZipFile(path, "w", method) as archive:
            archive.writestr("project.qde", project_xml())
    assert refused(path) == (
        f"{path}: member 'project.qde' is packed with compression method {number}, which "
        "qcode does not unpack (it reads stored and deflate, the methods REFI-QDA tools and "
        "spreadsheet programs write)"
    )


def test_a_deflated_member_holding_more_than_its_header_says_is_unpacked_no_further(
    tmp_path: Path,
) -> None:
    """One read inflated the whole stream (up to 2 GiB) before cutting it to the header's
    size: 200 MB of zeros behind the document, declared as the document alone, were
    unpacked in full."""
    xml = project_xml().encode()
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml + bytes(200_000_000))
    patched(path, "project.qde", 24, len(xml).to_bytes(4, "little"))
    patched(path, "project.qde", 16, zlib.crc32(xml).to_bytes(4, "little"))
    tracemalloc.start()
    try:
        assert read(path).project.name == "Mini"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000  # 16 MiB at a time, not 200 MB at once


def test_a_member_declaring_more_packed_bytes_than_the_archive_holds_is_refused(
    tmp_path: Path,
) -> None:
    """A header claiming as many packed bytes as unpacked ones passed the ratio check, so
    that 100 KB unpacked to 100 MB."""
    path = qdpx(tmp_path / "p.qdpx", project_xml())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("project.qde")
        room = archive.getinfo(f"sources/{SOURCE}.txt").header_offset - info.header_offset
    patched(path, "project.qde", 20, (10_000_000).to_bytes(4, "little"))
    assert refused(path) == (
        f"{path}: member 'project.qde' declares 10000000 packed bytes, more than the {room} "
        "the archive holds for it; refused"
    )


@pytest.mark.parametrize(
    "twin",
    ["sources//a.txt", "Sources/A.txt", "./sources/a.txt", "sources/a.txt.", "sources/a.txt "],
)
def test_two_names_that_unpack_to_one_file_are_refused(twin: str, tmp_path: Path) -> None:
    """qcode read one copy and unzip the other: only names equal byte for byte were
    refused."""
    path = qdpx(tmp_path / "p.qdpx", project_xml(), extra={"sources/a.txt": b"1", twin: b"2"})
    assert refused(path) == (
        f"{path}: holds 'sources/a.txt' more than once (again as {twin!r}); tools disagree "
        "on which copy is the file, so qcode refuses the archive"
    )


def test_names_in_two_unicode_forms_are_one_file(tmp_path: Path) -> None:
    """macOS unpacks ``é`` written as one code point or as ``e`` and an accent to one file."""
    nfc, nfd = "sources/caf\u00e9.txt", "sources/cafe\u0301.txt"
    path = qdpx(tmp_path / "p.qdpx", project_xml(), extra={nfc: b"1", nfd: b"2"})
    assert refused(path) == (
        f"{path}: holds {nfc!r} more than once (again as {nfd!r}); tools disagree on which "
        "copy is the file, so qcode refuses the archive"
    )


def test_comments_before_the_root_are_told_from_a_dtd_at_once(tmp_path: Path) -> None:
    """Each comment could be matched across several: 40 comments and no DTD took days."""
    path = tmp_path / "comments.qde"
    path.write_text(project_xml().replace("?>\n", "?>\n" + "<!--a-->" * 40 + "\n", 1), "utf-8")
    started = time.perf_counter()
    assert read(path).project.name == "Mini"
    assert time.perf_counter() - started < HANG


def test_an_element_with_thousands_of_attributes_is_refused(tmp_path: Path) -> None:
    """lxml lists an element's attribute values in n² steps: 200,000 took minutes."""
    many = " ".join(f'a{n}="1"' for n in range(1001))
    path = tmp_path / "many.qde"
    path.write_text(project_xml().replace("<Project ", f"<Project {many} ", 1), "utf-8")
    assert refused(path) == (
        f"{path}: /Project: the element has 1003 attributes (REFI-QDA's have at most 20; "
        "qcode reads at most 1000); refused"
    )


def _damaged(path: Path, member: str) -> Path:
    """``path`` with the middle of ``member``'s compressed bytes overwritten."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_deflate_stream_is_one_line(tmp_path: Path) -> None:
    path = _damaged(
        qdpx(tmp_path / "p.qdpx", project_xml() + "<!--" + "x" * 4000 + "-->"), "project.qde"
    )
    message = refused(path)
    assert message.startswith(f"{path}: member 'project.qde' cannot be unpacked (")
    assert "\n" not in message


def test_a_damaged_embedded_file_stops_convert_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = bytes(range(256)) * 64
    path = qdpx(
        tmp_path / "p.qdpx",
        project_xml().replace(
            "</Sources>",
            f'<PictureSource guid="{uuid.UUID(int=7)}" name="Pic" path="internal://pic.png"/>'
            "</Sources>",
        ),
        extra={"sources/pic.png": picture},
    )
    _damaged(path, "sources/pic.png")
    out = tmp_path / "out.qdpx"
    assert qcode_main(["convert", "--quiet", str(path), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"qcode: {path}: member 'sources/pic.png' cannot be unpacked (")
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qdpx"]


# -- qcode reads back what it writes -----------------------------------------------------


def test_highly_repetitive_text_reads_back(tmp_path: Path) -> None:
    b = qcode.ProjectBuilder("Repeats")
    b.text_source("Chant", "ab " * 400_000)
    project = b.build()
    path = tmp_path / "chant.qdpx"
    qcode.write(project, path)
    with zipfile.ZipFile(path) as archive:
        text = next(i for i in archive.infolist() if i.filename.startswith("sources/"))
    assert text.file_size > 200 * text.compress_size  # beyond the ratio, yet under ratio_above
    assert read(path).project == project


def test_a_huge_repetitive_text_is_stored_so_that_it_reads_back(tmp_path: Path) -> None:
    b = qcode.ProjectBuilder("Huge")
    b.text_source("Chant", "ab " * (23 * 1024 * 1024))  # 69 MiB, beyond Limits.ratio_above
    project = b.build()
    path = tmp_path / "huge.qdpx"
    qcode.write(project, path)
    with zipfile.ZipFile(path) as archive:
        text = next(i for i in archive.infolist() if i.filename.startswith("sources/"))
    assert (text.compress_type, text.file_size) == (zipfile.ZIP_STORED, 69 * 1024 * 1024)
    assert read(path).project == project


def test_a_text_not_read_keeps_its_reference_through_convert(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    value = "relative://../private/secret.txt"
    path = _pointing_at(tmp_path, value)
    project = read(path).project
    assert project.sources[0].content == qcode.TextContent(text="", external=value)
    for out in (tmp_path / "out.qdpx", tmp_path / "out.json"):
        qcode.write(project, out)
        assert read(out).project.sources[0].content.external == value  # type: ignore[union-attr]
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        assert [n for n in archive.namelist() if n.startswith("sources/")] == ["sources/"]
        assert f'plainTextPath="{value}"' in archive.read("project.qde").decode()
    again = tmp_path / "work" / "again.qdpx"
    (tmp_path / "out.qdpx").rename(again)
    allowed = read(again, ReadOptions(external_root=secret.parent))
    assert allowed.project.sources[0].content.text == "SECRET local file"  # type: ignore[union-attr]


def test_the_allowed_folder_expands_home_and_must_be_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = _secret(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    path = _pointing_at(tmp_path, "relative://../private/secret.txt")
    assert _texts(read(path, ReadOptions(external_root="~/private"))) == ["SECRET local file"]
    for root, what in ((secret, "is not a folder"), (tmp_path / "nowhere", "does not exist")):
        with pytest.raises(qcode.ReadError) as caught:
            read(path, ReadOptions(external_root=root))
        assert str(caught.value) == f"{root}: the folder allowed for external files {what}"


# -- work that grows with the square of a count: a small file cannot make qcode hang -----


def test_a_hundred_thousand_unknown_elements_are_each_reported_without_a_hang(
    tmp_path: Path,
) -> None:
    code = "11111111-1111-1111-1111-111111111111"
    path = tmp_path / "junk.qde"
    path.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
        f'<Code guid="{code}" name="A" isCodable="true">{"<z/>" * 100_000}</Code>'
        "</Codes></CodeBook></Project>",
        encoding="utf-8",
    )
    started = time.perf_counter()
    report = read(path).report  # each path was found by counting the siblings before it
    assert time.perf_counter() - started < HANG
    assert [i.path for i in report][-2:] == [
        "/Project/CodeBook/Codes/Code/z[99999]",
        "/Project/CodeBook/Codes/Code/z[100000]",
    ]
    assert len(report) == 100_000


def test_unknown_elements_deep_in_the_code_tree_are_reported_without_a_hang(
    tmp_path: Path,
) -> None:
    """Paths were remembered for 64 parents: below 64 levels every warning counted its
    siblings again (4,000 elements 70 codes deep took 13 s)."""
    opening = "".join(
        f'<Code guid="{uuid.UUID(int=n + 1)}" name="C{n}" isCodable="true">' for n in range(70)
    )
    path = tmp_path / "deep.qde"
    path.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
        + opening + "<z/>" * 20_000 + "</Code>" * 70
        + "</Codes></CodeBook></Project>",
        encoding="utf-8",
    )  # fmt: skip
    started = time.perf_counter()
    report = read(path).report
    assert time.perf_counter() - started < HANG
    assert len(report) == 20_000
    assert report[-1].path.endswith("/Code/z[20000]")


def test_a_hundred_thousand_top_level_codes_are_written_without_a_hang(tmp_path: Path) -> None:
    codes = tuple(qcode.Code(id=uuid.UUID(int=n + 1), name=f"c{n}") for n in range(100_000))
    started = time.perf_counter()
    qcode.write(qcode.Project(name="Flat", codes=codes), tmp_path / "flat.qdpx")
    assert time.perf_counter() - started < HANG  # each was looked for in a list of them all
    assert len(read(tmp_path / "flat.qdpx").project.codes) == 100_000


@pytest.mark.parametrize("members", [1, 100])
def test_embedded_files_that_copying_would_unpack_beyond_the_ratio_are_refused(
    tmp_path: Path, members: int
) -> None:
    """Members under `Limits.ratio_above` escape the ratio one by one, and one member can
    be given thousands of names (in other letter case); `convert` copies it once per name."""
    names = [str(uuid.UUID(int=(0xABCDEFAB << 96) + n % members)).upper() for n in range(100)]
    # with one member, each source names it in another letter case: a name of its own
    docs = [
        "".join(c.lower() if n >> (i % 7) & 1 and members == 1 else c for i, c in enumerate(name))
        + ".docx"
        for n, name in enumerate(names)
    ]
    sources = "".join(
        f'<TextSource guid="{uuid.UUID(int=n + 1)}" name="S{n}" '
        f'plainTextPath="internal://{SOURCE}.txt" richTextPath="internal://{doc}"/>'
        for n, doc in enumerate(docs)
    )
    xml = project_xml().replace("</Sources>", f"{sources}</Sources>")
    zeros = {f"sources/{name}.docx": b"\0" * (1024 * 1024) for name in set(names)}
    path = qdpx(tmp_path / "copies.qdpx", xml, extra=zeros)
    message = refused(path)
    assert message.startswith(
        f"{path}: its embedded files, copied once for each name the project gives them, unpack "
        "to 104857600 bytes from "
    )
    assert message.endswith(
        " packed, beyond the limit of 200 to 1 (Limits.ratio) or 17179869184 bytes "
        "(Limits.total_size): a zip bomb?; refused"
    )


def test_one_embedded_file_a_hundred_sources_name_alike_is_no_bomb(tmp_path: Path) -> None:
    """A writer stores it once, so it unpacks once: read, not refused."""
    doc = f"{uuid.UUID(int=1000)}.docx"
    sources = "".join(
        f'<TextSource guid="{uuid.UUID(int=n + 1)}" name="S{n}" '
        f'plainTextPath="internal://{SOURCE}.txt" richTextPath="internal://{doc}"/>'
        for n in range(100)
    )
    xml = project_xml().replace("</Sources>", f"{sources}</Sources>")
    path = qdpx(tmp_path / "alike.qdpx", xml, extra={f"sources/{doc}": b"\0" * (1024 * 1024)})
    assert len(read(path).project.sources) == 101


@pytest.mark.parametrize("position", ["1_0", "\u0661", "\u0661\u0660"])
def test_an_offset_python_reads_but_xml_does_not_is_refused_where_it_is(
    tmp_path: Path, position: str
) -> None:
    """``int`` reads ``1_0`` as 10 and Arabic-Indic digits as theirs; another tool would
    not, so the selection would land elsewhere there."""
    xml = project_xml(selection_attributes="").replace(
        'startPosition="0"', f'startPosition="{position}"'
    )
    result = read(qdpx(tmp_path / "odd.qdpx", xml))
    assert [(i.code, i.message) for i in result.report if i.code == "invalid-number"] == [
        (
            "invalid-number",
            f"startPosition={position!r} is not an integer; the selection is left out",
        )
    ]
    assert [len(s.excerpts) for s in result.project.sources] == [0]


def test_a_symbolic_link_member_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "link.qdpx", project_xml())
    link = zipfile.ZipInfo(f"sources/{uuid.UUID(int=5)}.docx")
    link.external_attr = (0o120777 << 16) | 0x20  # a symbolic link, as Unix zip stores one
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(link, "/etc/passwd")
    assert refused(path) == (
        f"{path}: member 'sources/{uuid.UUID(int=5)}.docx' is a symbolic link (to a file "
        "elsewhere); refused"
    )


def test_markup_inside_a_description_is_kept_as_vendor_data_and_its_words_read(
    tmp_path: Path,
) -> None:
    """Text elements hold text alone; an element in one (an XInclude, never followed) was
    dropped with every word after it, silently."""
    include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>'
    description = f"<Description>A <b>bold</b> plan<!-- a note --> for {include} all.</Description>"
    result = read(qdpx(tmp_path / "p.qdpx", project_xml(extra_project=description)))
    assert result.project.description == "A bold plan for  all."
    assert [(i.path, i.message) for i in result.report if i.code == "vendor-data"] == [
        ("/Project/Description/b", "element <b> is not REFI-QDA here; kept as vendor data"),
        (
            "/Project/Description/include",
            "element <include> is not REFI-QDA here; kept as vendor data",
        ),
    ]
    assert [v.xml for v in result.project.vendor_data] == [
        '<b xmlns="urn:QDA-XML:project:1.0">bold</b>',
        include.replace('" href', '" xmlns="urn:QDA-XML:project:1.0" href'),
    ]


def test_markup_inside_a_text_or_a_value_is_kept_as_vendor_data_and_its_words_read(
    tmp_path: Path,
) -> None:
    """A source's inline text and a variable's value hold text alone; an element in either
    was dropped with every word after it, silently, and the selection then quoted less."""
    variable = "77777777-0000-4000-8000-000000000001"
    xml = project_xml(
        extra_project=(
            f'<Variables><Variable guid="{variable}" name="Colour" typeOfVariable="Text"/>'
            "</Variables>"
        ),
        end=9,
        extra_source=(
            "<PlainTextContent>Hel<b>lo b</b>ig world</PlainTextContent>"
            f'<VariableValue><VariableRef targetGUID="{variable}"/>'
            "<TextValue>big <i>red</i> bus</TextValue></VariableValue>"
        ),
    )
    result = read(qdpx(tmp_path / "p.qdpx", xml))
    (source,) = result.project.sources
    assert source.text == "Hello big world"
    assert source.excerpts[0].quote == "Hello big"
    assert [v.value for v in source.values] == ["big red bus"]
    assert [(i.path, i.message) for i in result.report if i.code == "vendor-data"] == [
        (
            "/Project/Sources/TextSource/PlainTextContent/b",
            "element <b> is not REFI-QDA here; kept as vendor data",
        ),
        (
            "/Project/Sources/TextSource/VariableValue/TextValue/i",
            "element <i> is not REFI-QDA here; kept as vendor data",
        ),
    ]
    assert [(v.owner, v.xml) for v in result.project.vendor_data] == [
        (uuid.UUID(SOURCE), '<b xmlns="urn:QDA-XML:project:1.0">lo b</b>'),
        (None, '<i xmlns="urn:QDA-XML:project:1.0">red</i>'),
    ]
