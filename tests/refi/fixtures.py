"""Small REFI-QDA files of our own, one per lenient or hostile case."""

from __future__ import annotations

import struct
import uuid
import zipfile
from pathlib import Path

USER = "AAAAAAAA-0000-4000-8000-000000000001"
CODE = "CCCCCCCC-0000-4000-8000-000000000001"
SOURCE = "5555AAAA-0000-4000-8000-000000000001"
SELECTION = "EEEEEEEE-0000-4000-8000-000000000001"
CODING = "DDDDDDDD-0000-4000-8000-000000000001"


def project_xml(
    *,
    namespace: str = "urn:QDA-XML:project:1.0",
    origin: str = "Test tool 1.0",
    text_path: str = f"internal://{SOURCE}.txt",
    start: int | str = 0,
    end: int = 5,
    selection_attributes: str = "",
    code_attributes: str = "",
    extra_source: str = "",
    extra_project: str = "",
    selection_body: str | None = None,
) -> str:
    body = (
        selection_body
        if selection_body is not None
        else f'<Coding guid="{CODING}" creatingUser="{USER}">'
        f'<CodeRef targetGUID="{CODE}"/></Coding>'
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{namespace}" name="Mini" origin="{origin}">'
        f'<Users><User guid="{USER}" name="Ana"/></Users>'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Bridge" isCodable="true"{code_attributes}/>'
        "</Codes></CodeBook>"
        f"{extra_project}"
        f'<Sources><TextSource guid="{SOURCE}" name="Doc" plainTextPath="{text_path}">'
        f'<PlainTextSelection guid="{SELECTION}" startPosition="{start}" endPosition="{end}"'
        f"{selection_attributes}>"
        f"{body}</PlainTextSelection>{extra_source}</TextSource></Sources>"
        "</Project>\n"
    )


def sharing_one_text(count: int) -> str:
    """`project_xml` with ``count`` more text sources, all reading the one text file."""
    sources = "".join(
        f'<TextSource guid="{uuid.UUID(int=i)}" name="S{i}" plainTextPath="internal://{SOURCE}.txt"/>'
        for i in range(1, count + 1)
    )
    return project_xml().replace("</Sources>", f"{sources}</Sources>")


def qdpx(
    path: Path,
    xml: str | bytes,
    *,
    text: bytes | None = b"Hello world",
    folder: str = "sources",
    qde: str = "project.qde",
    extra: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde, xml if isinstance(xml, bytes) else xml.encode("utf-8"))
        if text is not None:  # None: the project's text is elsewhere, or missing
            archive.writestr(f"{folder}/{SOURCE}.txt", text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def patched(path: Path, member: str, at: int, value: bytes) -> Path:
    """``path`` with bytes of ``member``'s local and central headers replaced at offset
    ``at`` of the central header (the local header has the same field 2 bytes earlier)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    data[local + at - 2 : local + at - 2 + len(value)] = value
    central = data.find(b"PK\x01\x02" + data[local + 4 : local + 6])
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + at : central + at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def declaring(path: Path, sizes: list[tuple[int, int]]) -> Path:
    """A small project archive with members ``sources/big0.bin``, ``sources/big1.bin``, ...
    whose headers declare the ``(unpacked, packed)`` sizes given, though they hold nothing:
    qcode checks the limits against the headers before it unpacks anything, and never
    unpacks a member no source refers to."""
    qdpx(path, project_xml(), extra={f"sources/big{i}.bin": b"" for i in range(len(sizes))})
    for i, (unpacked, packed) in enumerate(sizes):
        patched(path, f"sources/big{i}.bin", 20, packed.to_bytes(4, "little"))
        patched(path, f"sources/big{i}.bin", 24, unpacked.to_bytes(4, "little"))
    return path


def with_empty_members(path: Path, names: list[str]) -> Path:
    """The archive ``path`` with empty stored members ``names`` added, their headers and a
    ZIP64 end record written directly (zipfile takes seconds for 100,000 members)."""
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    count, size, offset = struct.unpack("<2xHII", data[end + 8 : end + 20])
    files = bytearray(data[:offset])
    central = bytearray(data[offset : offset + size])
    for name in names:
        encoded = name.encode()
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, 0, 0, 0x21, 0, 0, 0, len(encoded), 0, 0, 0, 0, 0),
            len(files),
        )
        central += encoded
        files += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, len(encoded), 0
        )
        files += encoded
    total = count + len(names)
    start = len(files)
    files += central
    record = len(files)
    files += struct.pack(
        "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, total, total, len(central), start
    )
    files += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
    files += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(bytes(files))
    return path
