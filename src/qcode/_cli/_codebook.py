"""``qcode codebook diff|merge|export|apply``: codebooks as documents of their own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qcode._cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_target,
    checked,
    file_name,
    held_by_id,
    of_input,
    on_screen,
    print_report,
    read_file,
    refuse_idle_target,
    refuse_replacing,
    refused,
    say,
    say_written,
    terminal,
)
from qcode._formats import ReadOptions
from qcode._formats._json import OtherDocumentError
from qcode._issues import InvalidProjectError, Issue
from qcode._model import Codebook


def add_commands(commands: Any, reading: argparse.ArgumentParser) -> None:
    """Add ``codebook`` and its subcommands to ``commands``."""
    family = commands.add_parser(
        "codebook", help="compare, merge, export and apply codebooks (.qdc, .json, .csv, .xlsx)"
    )
    actions = family.add_subparsers(dest="action", required=True, parser_class=type(family))
    match = argparse.ArgumentParser(add_help=False)
    match.add_argument(
        "--match",
        choices=("id", "path"),
        default="id",
        help="match codes by id (default) or by path",
    )

    diff = actions.add_parser(
        "diff",
        parents=[reading, match],
        help="what changed between two codebooks or projects (exit 1 if anything did)",
    )
    diff.add_argument("old", type=file_name)
    diff.add_argument("new", type=file_name)
    diff.add_argument("--format", choices=("text", "json", "md"), default="text")

    merge = actions.add_parser(
        "merge",
        parents=[reading, match],
        help="merge two versions of a codebook (exit 1 if there are conflicts)",
    )
    merge.add_argument("base", type=file_name)
    merge.add_argument("ours", type=file_name)
    merge.add_argument("theirs", type=file_name)
    merge.add_argument("-o", "--output", type=file_name, required=True)

    export = actions.add_parser(
        "export", parents=[reading], help="write the codebook of a project or codebook file"
    )
    export.add_argument("file", type=file_name)
    export.add_argument("output", type=file_name)

    apply = actions.add_parser(
        "apply", parents=[reading, match], help="bring a project in line with a codebook"
    )
    apply.add_argument("codebook", type=file_name)
    apply.add_argument("project", type=file_name)
    apply.add_argument("-o", "--output", type=file_name, required=True)
    add_target(apply)


@contextmanager
def _every_problem() -> Iterator[None]:
    """Print each problem of a file that holds no valid codebook (every bad row of a table)
    on its own line, then fail with one line."""
    try:
        yield
    except InvalidProjectError as exc:
        for issue in exc.issues:
            say(str(issue))
        errors = sum(issue.is_error for issue in exc.issues)
        raise UsageError(f"qcode: {exc.file}: {errors} error(s); no codebook read") from exc


def _read(args: argparse.Namespace, path: Path) -> Codebook:
    from qcode._codebooks import read_codebook

    report: list[Issue] = []
    options = ReadOptions(dialect=args.dialect, external_root=args.external_root)
    with _every_problem():
        codebook = read_codebook(path, report=report, options=options, strict=args.strict)
    print_report(args, report)
    return codebook


def _matched(args: argparse.Namespace, path: Path) -> Codebook:
    """The codebook ``path`` holds, for a command that matches its codes by id (`diff`,
    `merge`, `apply`): one that gives two codes or themes one id is refused."""
    from qcode._codebooks._align import one_id_each

    codebook = _read(args, path)
    with held_by_id(path):
        one_id_each(codebook, f"qcode: {path}")
    return codebook


def _write(args: argparse.Namespace, codebook: Codebook, path: Path, given: Path | None) -> int:
    """Write ``codebook`` (read from ``given``, or made by a merge); exit 1 if it holds
    errors (written all the same), else 0; with ``--strict``, refuse either before
    writing."""
    from qcode._codebooks import write_codebook

    try:
        report = write_codebook(codebook, path, strict=args.strict)
    except InvalidProjectError as exc:
        raise refused(exc, given, path) from exc
    print_report(args, report if given is None else of_input(report, given), path)
    say_written(args, path)
    return EXIT_PROBLEMS if any(issue.is_error for issue in report) else EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from qcode._codebooks import diff_codebooks

    old, new = _matched(args, args.old), _matched(args, args.new)
    _hint_path(args, new, old, args.new, args.old)
    found = diff_codebooks(old, new, match=args.match)
    render = {"text": found.to_text, "json": found.to_json, "md": found.to_markdown}
    sys.stdout.write(on_screen(render[args.format]()))
    return EXIT_PROBLEMS if found else EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from qcode._codebooks import merge_codebooks

    base, ours, theirs = (_matched(args, p) for p in (args.base, args.ours, args.theirs))
    for side, path in ((ours, args.ours), (theirs, args.theirs)):
        _hint_path(args, side, base, path, args.base)
    result = merge_codebooks(base, ours, theirs, match=args.match)
    written = _write(args, result.codebook, args.output, None)
    for conflict in result.conflicts:
        print(terminal(str(conflict)))
    if result.conflicts:
        if not args.quiet:
            say(f"{len(result.conflicts)} conflict(s), marked in {args.output}")
        return EXIT_PROBLEMS
    return written


def _hint_path(
    args: argparse.Namespace, given: Codebook, other: Codebook, path: Path, other_path: Path
) -> None:
    """Say, where codes are matched by id and none of ``given``'s has an id of ``other``'s
    (a sheet drafted without its id column), that some have its paths."""
    from qcode._codebooks._align import paths_without_ids

    shared = paths_without_ids(given, other) if args.match == "id" else 0
    if shared and not args.quiet:
        say(
            f"WARNING {path}: no code has an id of {other_path}'s, but {shared} have a path of "
            "its codes: --match path matches them by path"
        )


def _export(args: argparse.Namespace) -> int:
    refuse_replacing(args.output, [args.file], "codebook export", "codebook")
    return _write(args, _read(args, args.file), args.output, args.file)


def _apply(args: argparse.Namespace) -> int:
    from qcode._builder import ProjectBuilder
    from qcode._builder._holdings import held_once
    from qcode._formats import WriteOptions, write

    refuse_replacing(args.output, [args.codebook], "codebook apply", "project")
    refuse_idle_target(args, args.output.suffix, "codebook apply")
    suffix = args.output.suffix.lower()
    if suffix in (".qdc", ".csv", ".xlsx", ".md"):
        raise UsageError(
            f"qcode codebook apply: {args.output} would hold only the codebook; write the "
            "project to .json, .qdpx or .qde (qcode codebook export writes a codebook)"
        )
    if suffix not in (".json", ".qdpx", ".qde", ".zip"):
        given = args.output.suffix or "a file without an extension"
        raise UsageError(
            f"qcode codebook apply: cannot write a project as {given!r}; write it to .json, "
            ".qdpx or .qde"
        )
    swapped = UsageError(
        f"qcode codebook apply: {args.project} holds a codebook, not a project; the "
        "codebook comes first: qcode codebook apply CODEBOOK PROJECT -o OUT"
    )
    if args.project.suffix.lower() in (".csv", ".xlsx") and args.project.is_file():
        raise swapped  # only a codebook is read from these (a .qdc may hold a project)
    codebook = _matched(args, args.codebook)
    try:
        result = read_file(args, args.project)
    except OtherDocumentError as exc:
        if exc.found == "qcode-codebook":
            raise swapped from None
        raise
    if isinstance(checked(result, args.project), Codebook):  # a REFI-QDA codebook
        raise swapped
    with held_by_id(args.project):
        held_once(result.project, f"qcode: {args.project}")
    builder = ProjectBuilder.from_project(result.project)
    print_report(args, builder.apply_codebook(codebook, match=args.match))
    options = WriteOptions(files=result.files, strict=args.strict, target=args.target)
    try:
        report = write(builder.build(), args.output, options)
    except InvalidProjectError as exc:  # the project as applied: nothing to validate yet
        raise refused(exc, None, args.output) from exc
    print_report(args, report, args.output)
    say_written(args, args.output)
    return EXIT_PROBLEMS if any(issue.is_error for issue in report) else EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "diff": _diff,
    "merge": _merge,
    "export": _export,
    "apply": _apply,
}


def _codebook(args: argparse.Namespace) -> int:
    return _ACTIONS[args.action](args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"codebook": _codebook}
