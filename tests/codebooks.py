"""A small codebook with fixed ids, for the codebook tests."""

from __future__ import annotations

import uuid
from typing import Any

import qcode

NS = uuid.UUID("5c0d5e2a-9d7b-4f0e-8a31-6b2f4c1d7e90")


def cid(name: str) -> uuid.UUID:
    """The fixed id of the code (or theme) named ``name``."""
    return uuid.uuid5(NS, name)


def code(name: str, parent: str | None = None, **fields: Any) -> qcode.Code:
    return qcode.Code(
        id=cid(name), name=name, parent=None if parent is None else cid(parent), **fields
    )


BASE = qcode.Codebook(
    id=cid("book"),
    name="Book",
    version="1",
    codes=(
        code("Findings", codable=False),
        code("Toll", "Findings", brief_definition="The cost of the work."),
        code("Hope", "Findings", status=qcode.CodeStatus.ACTIVE),
        code("Method"),
    ),
    themes=(qcode.Theme(id=cid("Strain"), name="Strain", codes=(cid("Toll"),)),),
)


def changed(book: qcode.Codebook, which: str, /, **fields: Any) -> qcode.Codebook:
    """``book`` with the code named ``which`` changed."""
    from attrs import evolve

    codes = tuple(evolve(c, **fields) if c.id == cid(which) else c for c in book.codes)
    return evolve(book, codes=codes)
