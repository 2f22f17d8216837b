"""Files built to hurt: refused with a clear message, nothing unpacked or expanded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import qcode
from qcode._formats import ReadOptions, read
from qcode._formats._refi._xml import parse
from tests.refi.fixtures import SOURCE, project_xml, qdpx


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


def test_absolute_member_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "abs.qdpx", project_xml(), extra={"/etc/evil.txt": b"x"})
    assert refused(path) == f"{path}: member '/etc/evil.txt' has an absolute or '..' path; refused"


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = qdpx(
        tmp_path / "zbomb.qdpx", project_xml(), extra={"sources/big.txt": bytes(100_000_000)}
    )
    message = refused(path)
    assert message.startswith(f"{path}: member 'sources/big.txt' is compressed ")
    assert message.endswith(" to 1, beyond the limit of 200 to 1 (a zip bomb?)")


def test_size_limits_are_configurable(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml())
    small = ReadOptions(limits=qcode.Limits(member_size=100))
    assert refused(path, small).endswith("the limit is 100")
    few = ReadOptions(limits=qcode.Limits(total_size=50))
    assert refused(path, few).endswith("the limit is 50")
    one = ReadOptions(limits=qcode.Limits(members=1))
    assert refused(path, one) == f"{path}: holds 2 files; the limit is 1"


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = qdpx(tmp_path / "whole.qdpx", project_xml(), text=bytes(range(256)) * 400)
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert refused(cut) == (
        f"{cut}: not a readable ZIP archive (File is not a zip file); is it truncated?"
    )


def test_invalid_utf8_text_names_the_member(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "p.qdpx", project_xml(), text=b"caf\xe9")
    assert refused(path) == (
        f"{path}/project.qde: sources/{SOURCE}.txt is not UTF-8 text (bad byte at offset 3)"
    )


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
    assert refused(empty) == f"{empty}: holds no .qde project document"


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
