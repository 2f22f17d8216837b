"""Small REFI-QDA files of our own, one per lenient or hostile case."""

from __future__ import annotations

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


def qdpx(
    path: Path,
    xml: str | bytes,
    *,
    text: bytes = b"Hello world",
    folder: str = "sources",
    qde: str = "project.qde",
    extra: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde, xml if isinstance(xml, bytes) else xml.encode("utf-8"))
        archive.writestr(f"{folder}/{SOURCE}.txt", text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path
