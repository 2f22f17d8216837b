"""Canonical forms of REFI-QDA XML, so that two files can be compared element by element.

The normalisations are exactly those the standard leaves open or that qcode documents as
changed on export: namespace drafts, GUID case and braces, colour case, timestamp
spelling, regenerated plain-text file names, empty containers, xsi attributes, and
whitespace between elements.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from qcode._formats._refi._conventions import parse_origin

GUID_ATTRIBUTES = {
    "guid", "targetGUID", "creatingUser", "modifyingUser", "creatingUserGUID",
    "modifyingUserGUID", "originGUID", "representedGUID", "sourceVertex", "targetVertex",
    "fromSyncPoint", "toSyncPoint",
}  # fmt: skip
TIME_ATTRIBUTES = {"creationDateTime", "modifiedDateTime"}
CONTAINERS = {"Users", "Codes", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs"}

Node = tuple[str, tuple[tuple[str, str], ...], str, tuple[Any, ...]]


def project_xml(path: Path) -> bytes:
    """The project document of a .qdpx/.zip, or the bytes of a .qde/.qdc."""
    if path.suffix.lower() in (".qdpx", ".zip"):
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.lower().endswith(".qde"))
            return archive.read(name)
    return path.read_bytes()


def internal_texts(path: Path) -> dict[str, str]:
    """The text files inside a .qdpx by lower-cased file name, BOMs removed."""
    if path.suffix.lower() not in (".qdpx", ".zip"):
        return {}
    with zipfile.ZipFile(path) as archive:
        return {
            n.rsplit("/", 1)[-1].lower(): archive.read(n).removeprefix(b"\xef\xbb\xbf").decode()
            for n in archive.namelist()
            if n.lower().endswith(".txt")
        }


def _time(value: str) -> str:
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.replace(tzinfo=None).isoformat()


def _attribute(local: str, name: str, value: str) -> str:
    if name in GUID_ATTRIBUTES:
        return value.strip("{}").lower()
    if name in TIME_ATTRIBUTES:
        return _time(value)
    if name == "color":
        return value.upper()
    if name == "origin":
        mark = parse_origin(value)
        return value if mark is None or mark.origin is None else mark.origin
    return value


def canonical(path: Path) -> Node:
    """The canonical tree of a REFI file. A text is compared by its content, whether it is
    inline (``PlainTextContent``) or a file (``plainTextPath``), which qcode regenerates."""
    root = etree.fromstring(project_xml(path).removeprefix(b"\xef\xbb\xbf"))
    return _node(root, internal_texts(path))


def _node(element: etree._Element, texts: dict[str, str]) -> Node:
    local = etree.QName(element).localname
    pairs = []
    for name, value in element.attrib.items():
        if name.startswith("{"):
            continue
        if name == "plainTextPath":
            pairs.append(("#text", texts.get(value.rsplit("/", 1)[-1].lower(), "")))
        else:
            pairs.append((name, _attribute(local, name, value)))
    children = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        child_local = etree.QName(child).localname
        if child_local in CONTAINERS and len(child) == 0:
            continue
        if child_local == "PlainTextContent" and local != "Representation":
            pairs.append(("#text", child.text or ""))
            continue
        children.append(_node(child, texts))
    attributes = tuple(sorted(pairs))
    text = (element.text or "") if len(element) == 0 else ""
    return (local, attributes, text, tuple(children))


def count(data: bytes, *names: str) -> int:
    """How many elements with these local names the document holds."""
    root = etree.fromstring(data.removeprefix(b"\xef\xbb\xbf"))
    return sum(
        1 for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in names
    )


def first_difference(a: Node, b: Node, path: str = "") -> str | None:
    """Where two canonical trees first differ, for a readable assertion message."""
    here = f"{path}/{a[0]}"
    if a[:3] != b[:3]:
        return f"{here}: {a[:3]!r} != {b[:3]!r}"
    if len(a[3]) != len(b[3]):
        return f"{here}: {len(a[3])} children != {len(b[3])}"
    for i, (x, y) in enumerate(zip(a[3], b[3], strict=True)):
        found = first_difference(x, y, f"{here}[{i}]")
        if found:
            return found
    return None


def strip_ns(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "", text)
