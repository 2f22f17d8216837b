"""Commands on coders' work: ``agree`` (intercoder agreement), ``merge`` and ``split``."""

from __future__ import annotations

import argparse
import math
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from qcode._builder._holdings import held_once
from qcode._cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_target,
    check_output,
    file_name,
    held_by_id,
    looking_in,
    print_report,
    print_table,
    read_file,
    refuse_idle_target,
    refuse_replacing,
    say,
    say_written,
    terminal,
    write_table,
)
from qcode._formats import WriteOptions, write
from qcode._issues import NotFoundError, WriteError
from qcode._model import Project, User
from qcode._model._lookup import same_text
from qcode._table import Cell, Table

METHODS = ("nvivo", "alpha", "maxqda", "kappa", "krippendorff", "fleiss", "percent", "holsti")
_FOR_METHODS = {
    "min_overlap": ("maxqda",),
    "matches": ("maxqda",),
    "segments": METHODS[3:],
    "undefined_nan": ("nvivo",),
}
"""The options that only some methods read, by their names."""
PRINTED = ("md", "csv", "json")
DIGITS = 4
"""Printed tables round their numbers to this many decimals; files written with -o do not."""


def add_commands(commands: Any, reading: argparse.ArgumentParser) -> None:
    """Add this family's parsers to ``commands`` (argparse's private subparsers action)."""
    agree = commands.add_parser(
        "agree",
        parents=[reading],
        help="intercoder agreement between two coders of a file, or between two files",
    )
    agree.add_argument("file", type=file_name)
    agree.add_argument(
        "file2", type=file_name, nargs="?", help="a second coder's copy of the project"
    )
    agree.add_argument("--method", choices=METHODS, help="the measure (default: nvivo)")
    agree.add_argument(
        "--coders",
        nargs="+",
        metavar="CODER",
        help="who is compared: a user's name, login or id per side; join a group with commas "
        "(A,B); a name that holds a comma is taken whole (in a group, give that coder's login "
        "or id); with two files, one per file (default: every user who coded, or each file)",
    )
    agree.add_argument(
        "--include-children",
        action="store_true",
        help="count a code's descendants' codings as the code's own",
    )
    agree.add_argument(
        "--disagreements",
        action="store_true",
        help="list each stretch where the coders differ instead of the measure",
    )
    agree.add_argument(
        "--min-overlap",
        type=float,
        metavar="SHARE",
        help="maxqda: the overlap (intersection over union) at which segments agree (0.9)",
    )
    agree.add_argument(
        "--matches", action="store_true", help="maxqda: print the match table of every segment"
    )
    agree.add_argument(
        "--segments",
        choices=("paragraphs", "sources"),
        help="kappa, krippendorff, fleiss, percent, holsti: the units (default: paragraphs)",
    )
    agree.add_argument(
        "--undefined-nan",
        action="store_true",
        help="nvivo: give κ as nan where it is 0/0 (NVivo shows 1)",
    )
    agree.add_argument("--format", choices=PRINTED, default="md", help="printed format (md)")
    agree.add_argument(
        "-o", "--output", type=file_name, metavar="OUT",
        help="write the table (.csv .md .json .xlsx .parquet) instead of printing it",
    )  # fmt: skip

    merging = commands.add_parser(
        "merge", parents=[reading], help="merge coders' copies of a project into one"
    )
    merging.add_argument("files", type=file_name, nargs="+", metavar="FILE")
    merging.add_argument("-o", "--output", type=file_name, required=True, metavar="OUT")
    add_target(merging)

    splitting = commands.add_parser("split", parents=[reading], help="write one project per coder")
    splitting.add_argument("file", type=file_name)
    splitting.add_argument("--by", choices=("coder",), default="coder")
    splitting.add_argument("-o", "--output", type=file_name, required=True, metavar="DIR")
    splitting.add_argument(
        "--to", choices=("json", "qdpx"), default="json", help="the format of each file (json)"
    )
    add_target(splitting)


def _check_methods(args: argparse.Namespace) -> None:
    """Refuse an option the chosen method would not read, rather than ignore it."""
    if args.disagreements and args.method is not None:
        raise UsageError("qcode agree: --method does not apply to --disagreements")
    if args.min_overlap is not None and not 0 < args.min_overlap <= 1:
        raise UsageError(
            f"qcode agree: --min-overlap is a share above 0 up to 1, not {args.min_overlap}"
        )
    args.method = args.method or "nvivo"
    for option, methods in _FOR_METHODS.items():
        value = getattr(args, option)
        if value is None or value is False:
            continue
        given = "--" + option.replace("_", "-")
        if args.disagreements:
            raise UsageError(f"qcode agree: {given} does not apply to --disagreements")
        if args.method not in methods:
            raise UsageError(f"qcode agree: {given} applies to --method {', '.join(methods)} only")


def _agree(args: argparse.Namespace) -> int:
    _check_methods(args)
    refuse_replacing(args.output, [args.file, args.file2], "agree")
    project = read_file(args, args.file).project
    other = None
    if args.file2 is not None:  # two files: each side is named by its file
        project = attrs.evolve(project, name=str(args.file))
        other = attrs.evolve(read_file(args, args.file2).project, name=str(args.file2))
    if other is None:
        with looking_in(args.file):  # a coder the file lacks, a comparison it cannot give
            table = _measured(args, project, None)
    else:  # the sides are named by their files already
        from qcode.agreement import AgreementError

        try:
            table = _measured(args, project, other)
        except AgreementError as exc:
            raise AgreementError(f"{args.file} and {args.file2}: {exc}") from None
    if args.output is not None:
        write_table(args, table, args.output)
        return EXIT_OK
    print_table(args, table, None if args.format == "json" else _rounded(table))
    return EXIT_OK


def _measured(args: argparse.Namespace, project: Project, other: Project | None) -> Table:
    """The table the options ask for."""
    from qcode import agreement

    sides = _sides(args.coders, project, other) if args.coders else None
    if sides is not None and len(sides) == 1 and len(sides[0]) > 1:  # "A, B": one group
        apart = " ".join(map(shlex.quote, sides[0]))
        raise UsageError(
            f"qcode agree: --coders {args.coders[0]!r} is one side, a group of "
            f"{len(sides[0])}; give one value per side: --coders {apart}"
        )
    given = {
        "coders": sides,
        "include_children": args.include_children,
    }
    table: Table
    if args.disagreements:
        table = agreement.disagreements(project, other, **given)
    elif args.method == "nvivo":
        table = agreement.nvivo(project, other, as_nvivo=not args.undefined_nan, **given)
    elif args.method == "alpha":
        table = agreement.alpha(project, other, **given)
    elif args.method == "maxqda":
        codes, matches = agreement.maxqda(
            project,
            other,
            min_overlap=0.9 if args.min_overlap is None else args.min_overlap,
            **given,
        )
        table = matches if args.matches else codes
    else:
        table = agreement.segments(
            project, other, method=args.method, units=args.segments or "paragraphs", **given
        )
    return table


def _sides(given: list[str], project: Project, other: Project | None) -> list[list[str]]:
    """Each ``--coders`` argument as a side: the user it names whole (a name such as "Ben,
    Jr." holds a comma), else the group its commas join. With two files the n-th argument
    names a user of the n-th file."""
    sides = []
    for n, text in enumerate(given):
        side = other if n and other is not None else project
        users = side.users
        whole = "," in text and any(
            same_text(user.name, text) or same_text(user.login, text) for user in users
        )
        sides.append([text] if whole else [part.strip() for part in text.split(",")])
        named = [user for user in users if user.name is not None and "," in user.name]
        if not whole and named and "," in text:
            _comma_hint(f"{side.name}: " if other else "", sides[-1], users, named)
    return sides


def _comma_hint(file: str, group: list[str], users: tuple[User, ...], named: list[User]) -> None:
    """Refuse a group whose commas cut a user's name apart (``Ben, Jr.,Ann``), saying how to
    name that user in a group, where the look-up would say only that ``Ben`` is nobody;
    ``file`` names the side's file where two are compared (with one, the caller names it)."""
    for part in group:
        if any(same_text(u.name, part) or same_text(u.login, part) or str(u.id) == part
               for u in users):  # fmt: skip
            continue
        cut = [user for user in named if part and part in (user.name or "")]
        if cut:
            ways = ", ".join(
                f"{user.name!r}: {repr(user.login) + ' or ' if user.login else ''}{user.id}"
                for user in cut
            )
            raise NotFoundError(
                f"{file}no user has the name or login {part!r}; in a group (A,B), give a "
                f"coder whose name holds a comma by login or id ({ways})"
            )


def _rounded(table: Table) -> Table:
    def cell(value: Cell) -> Cell:
        if isinstance(value, float) and math.isfinite(value):
            return round(value, DIGITS)
        return value

    return Table(table.name, table.columns, [[cell(c) for c in row] for row in table.rows],
                 table.notes)  # fmt: skip


def _merge(args: argparse.Namespace) -> int:
    from qcode.agreement import merge

    check_output(args.output)
    refuse_idle_target(args, args.output.suffix, "merge")
    if len(args.files) < 2:
        raise UsageError("qcode merge: give two or more files to merge")
    refuse_replacing(args.output, args.files, "merge", "merged project")
    results = [read_file(args, path) for path in args.files]
    for path, result in zip(args.files, results, strict=True):
        with held_by_id(path):
            held_once(result.project, f"qcode merge: {path}")
    merged = merge([r.project for r in results], labels=[str(p) for p in args.files])
    files = {name: file for result in reversed(results) for name, file in result.files.items()}
    report = write(merged.project, args.output, WriteOptions(files=files, target=args.target))
    print_report(args, report, args.output)
    for conflict in merged.conflicts:
        say(f"conflict: {conflict}")
    if not args.quiet:
        for note in merged.notes:
            say(note)
    say_written(args, args.output)
    invalid = any(issue.is_error for issue in report)
    return EXIT_PROBLEMS if merged.conflicts or invalid else EXIT_OK


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _split(args: argparse.Namespace) -> int:
    from qcode.agreement import AgreementError, split

    refuse_idle_target(args, f".{args.to}", "split")
    result = read_file(args, args.file)
    with held_by_id(args.file):
        held_once(result.project, f"qcode split: {args.file}")
    try:
        parts = split(result.project)
    except AgreementError as refused:
        raise UsageError(f"qcode split: {args.file}: {refused}") from None
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise WriteError(str(folder), "is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as refused:  # a file where a folder of the path should be, no permission
        raise WriteError(str(folder), f"cannot make this folder ({refused.strerror})") from None
    taken: set[str] = set()  # file names, in lower case: one per part on any file system
    errors = False
    for name, part in parts.items():
        stem = _UNSAFE.sub("_", name).strip().lstrip(".") or "coder"  # no hidden files
        number, file = 1, f"{stem}.{args.to}"
        while file.lower() in taken:
            number += 1
            file = f"{stem} ({number}).{args.to}"
        taken.add(file.lower())
        path = folder / file
        report = write(part, path, WriteOptions(files=result.files, target=args.target))
        print_report(args, report, path)
        errors = errors or any(issue.is_error for issue in report)
        print(terminal(str(path)))
    return EXIT_PROBLEMS if errors else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "agree": _agree,
    "merge": _merge,
    "split": _split,
}
