"""Mutating real files as a hostile sender would, and checking that qcode answers each one
with a project or a one-line `QcodeError`, in bounded time and memory.

`tests/test_fuzz.py` runs a short Hypothesis search over these mutations in ``make test``;
``make fuzz`` runs the seeded loop below for minutes (``python -m tests.fuzz --minutes 10``),
printing its seed so that a failure can be replayed, and keeps each failing file.
"""

from __future__ import annotations

import argparse
import copy
import functools
import io
import json
import random
import resource
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

import qcode
from qcode._formats import ReadOptions, WriteOptions, read, write

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "refi" / "samples"
EXAMPLE = ROOT / "examples" / "sustaining_social_work"
SECONDS = 10.0
"""The longest one file may take to be read, written and read back."""
MEMORY = 1536 * 1024 * 1024
"""The most resident memory the whole run may reach, in bytes."""

ODD_VALUES = (
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999",
    "1e308",
    "NaN",
    "true",
    "\u202e\U0001f600\u0301",
    "absolute:///etc/passwd",
    "relative://../../../../etc/passwd",
    "internal://../../x.txt",
    "00000000-0000-0000-0000-000000000000",
    "x" * 5000,
)


def seeds() -> list[Path]:
    """The files mutations start from: every real export and the example study."""
    found = sorted(p for p in SAMPLES.glob("*/*") if p.is_file())
    found += [EXAMPLE / "sustaining_social_work.qdpx", EXAMPLE / "sustaining_social_work.json"]
    found.append(EXAMPLE / "codebook.qdc")
    return found


# -- mutations ----------------------------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four byte-level changes: flips, insertions, deletions, cuts, repeats."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.choice(("flip", "insert", "delete", "cut", "repeat", "nul"))
        if kind == "flip" and at < len(out):
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "delete":
            del out[at : at + rng.randint(1, 64)]
        elif kind == "cut":
            del out[at:]
        elif kind == "repeat":
            out[at:at] = out[at : at + rng.randint(1, 4096)] * rng.randint(2, 50)
        elif kind == "nul":
            out[at:at] = b"\x00"
    return bytes(out)


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """A structural change to an XML document: an element dropped, repeated, nested or
    given an odd attribute value. Unparseable input gets byte changes instead."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return mutate_bytes(data, rng)
    elements = list(root.iter())
    for _ in range(rng.randint(1, 3)):
        element = rng.choice(elements)
        parent = element.getparent()
        kind = rng.choice(("drop", "repeat", "attribute", "borrow", "nest", "text"))
        if kind == "drop" and parent is not None:
            parent.remove(element)
            elements = list(root.iter())
        elif kind == "repeat" and parent is not None:
            for _ in range(rng.choice((1, 2, 50))):
                parent.append(copy.deepcopy(element))
            elements = list(root.iter())
        elif kind == "attribute":
            names = list(element.attrib) or ["guid"]
            element.set(rng.choice(names), rng.choice(ODD_VALUES))
        elif kind == "borrow":  # another element's value: shared GUIDs, self-references
            donor = rng.choice(elements)
            if element.attrib and donor.attrib:
                value = donor.attrib[rng.choice(list(donor.attrib))]
                element.set(rng.choice(list(element.attrib)), value)
        elif kind == "nest" and parent is not None:
            inner = element
            for _ in range(rng.choice((2, 30, 300))):
                outer = etree.Element(element.tag, element.attrib)
                outer.append(inner)
                inner = outer
            parent.append(inner)
            elements = list(root.iter())
        elif kind == "text":
            element.text = rng.choice(ODD_VALUES)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def mutate_json(data: bytes, rng: random.Random) -> bytes:
    """A structural change to a JSON document: a value replaced, a key dropped, an item
    repeated. Unparseable input gets byte changes instead."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return mutate_bytes(data, rng)
    for _ in range(rng.randint(1, 3)):
        holders = list(_containers(document))
        holder = rng.choice(holders)
        keys: list[Any] = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        if not keys:
            continue
        key = rng.choice(keys)
        kind = rng.choice(("replace", "borrow", "drop", "repeat"))
        if kind == "borrow":  # a value from elsewhere: shared ids, parents that loop
            donor = rng.choice(holders)
            if isinstance(donor, dict) and donor:
                holder[key] = donor[rng.choice(list(donor))]
        elif kind == "replace":
            holder[key] = rng.choice(
                [*ODD_VALUES, 0, -1, 2**70, 1.5, True, None, [], {}, "\ud800", [[[[[]]]]]]
            )
        elif kind == "drop":
            del holder[key]
        elif isinstance(holder, list):
            holder.extend([holder[key]] * rng.choice((1, 2, 30)))
    return json.dumps(document).encode("utf-8")


def _containers(value: Any) -> Iterator[Any]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            yield item
            stack.extend(item.values() if isinstance(item, dict) else item)


def mutate_archive(data: bytes, rng: random.Random) -> bytes:
    """A .qdpx with its project document changed (as XML or as bytes), a member added or
    repeated, or the archive's own bytes changed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError):
        return mutate_bytes(data, rng)
    kind = rng.choice(("document", "document", "member", "archive"))
    if kind == "archive" or not members:
        return mutate_bytes(data, rng)
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # a repeated member name is one of the mutations
        for info, content in members:
            if kind == "document" and info.filename.lower().endswith(".qde"):
                content = rng.choice((mutate_xml, mutate_bytes))(content, rng)
            archive.writestr(info.filename, content)
        if kind == "member":
            name = rng.choice([info.filename for info, _ in members] + ["sources/x.txt"])
            body = rng.choice((b"", b"\xff\xfe", b"a" * 2_000_000, b"Hello"))
            archive.writestr(name if rng.random() < 0.5 else f"sources/{rng.random()}.txt", body)
    return out.getvalue()


def mutate(path: Path, data: bytes, rng: random.Random) -> bytes:
    """A mutation suited to the file's kind."""
    suffix = path.suffix.lower()
    if suffix in (".qdpx", ".zip"):
        return mutate_archive(data, rng)
    if suffix == ".json":
        return rng.choice((mutate_json, mutate_json, mutate_bytes))(data, rng)
    return rng.choice((mutate_xml, mutate_xml, mutate_bytes))(data, rng)


# -- the check ------------------------------------------------------------------------------


class FindingError(Exception):
    """qcode answered a file in a way it must not."""


def check(path: Path, folder: Path) -> str:
    """Read ``path``; if it reads, write it as .qdpx and .json and read both back, the
    .qdpx checked against the official schema. Every step ends in a result or a one-line
    `QcodeError`, within `SECONDS`. Returns what happened, for the tally."""
    started = time.perf_counter()
    outcome = _attempt(lambda: read(path, ReadOptions()), path)
    if isinstance(outcome, str):
        _in_time(started, path)
        return outcome
    for suffix in (".qdpx", ".json"):
        target = folder / f"out{suffix}"
        written = _attempt(functools.partial(write, outcome.project, target, WriteOptions()), path)
        if isinstance(written, str):
            continue
        again = _attempt(functools.partial(read, target, ReadOptions(check_schema=True)), path)
        if isinstance(again, str):
            raise FindingError(f"{path}: qcode cannot read back the {suffix} it wrote: {again}")
        invalid = [str(issue) for issue in again.report if issue.code == "schema"]
        if invalid:
            raise FindingError(
                f"{path}: the {suffix} qcode wrote is not schema-valid: {invalid[0]}"
            )
    _in_time(started, path)
    return "read"


def _attempt(step: Callable[[], Any], path: Path) -> Any:
    try:
        return step()
    except qcode.QcodeError as exc:
        message = str(exc)
        if "\n" in message or not message:
            raise FindingError(f"{path}: a message over several lines: {message!r}") from exc
        return f"refused: {type(exc).__name__}"
    except Exception as exc:
        raise FindingError(f"{path}: {type(exc).__name__} escaped: {exc}") from exc


def _in_time(started: float, path: Path) -> None:
    taken = time.perf_counter() - started
    if taken > SECONDS:
        raise FindingError(f"{path}: took {taken:.1f} s")


def resident() -> int:
    """The most resident memory this process has had, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# -- the long run ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=Path("out/fuzz"), help="failing files")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fuzz: seed {seed} (replay with --seed {seed}), {args.minutes} minutes", flush=True)
    rng = random.Random(seed)
    originals = [(p, p.read_bytes()) for p in seeds()]
    missing = [p for p in seeds() if not p.exists()]
    if missing:
        print(f"fuzz: missing seed files: {missing}", file=sys.stderr)
        return 2
    tally: dict[str, int] = {}
    deadline = time.monotonic() + args.minutes * 60
    count = 0
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        while time.monotonic() < deadline:
            source, data = rng.choice(originals)
            mutated = mutate(source, data, rng)
            path = folder / f"case{source.suffix}"
            path.write_bytes(mutated)
            count += 1
            try:
                outcome = check(path, folder)
                if resident() > MEMORY:
                    raise FindingError(f"{path}: resident memory reached {resident() >> 20} MiB")
            except FindingError as finding:
                args.keep.mkdir(parents=True, exist_ok=True)
                kept = args.keep / f"seed{seed}-case{count}{source.suffix}"
                kept.write_bytes(mutated)
                print(f"fuzz: FAILED on case {count} (from {source.name}), kept {kept}")
                print(f"fuzz: {finding}")
                return 1
            tally[outcome] = tally.get(outcome, 0) + 1
    summary = ", ".join(f"{n} {what}" for what, n in sorted(tally.items()))
    print(f"fuzz: {count} files, no finding ({summary}); peak memory {resident() >> 20} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
