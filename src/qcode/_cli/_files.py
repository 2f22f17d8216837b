"""Commands on whole project files: ``validate``, ``info``, ``excerpts``, ``convert``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from qcode._cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_target,
    check_output,
    checked,
    file_name,
    of_input,
    on_screen,
    print_report,
    read_file,
    refuse_idle_target,
    refused,
    say,
    say_written,
    terminal,
)
from qcode._codebooks import read_codebook
from qcode._codebooks._formats import READS as CODEBOOK_READS
from qcode._formats import ReadOptions, WriteOptions, check_is_file, read, write
from qcode._formats._json import OtherDocumentError
from qcode._issues import InvalidProjectError, Issue, ReadError, Severity
from qcode._validation import validate
from qcode.analysis._summary import EXCERPT_COLUMNS, excerpt_rows, summarize


def add_commands(commands: Any, reading: argparse.ArgumentParser) -> None:
    """Add this family's parsers to ``commands`` (argparse's private subparsers action)."""
    check = commands.add_parser(
        "validate",
        parents=[reading],
        help="report every problem in a project or codebook file",
    )
    check.add_argument("file", type=file_name)
    check.add_argument(
        "--format",
        choices=("text", "jsonl"),
        default="text",
        help="text (one line per problem) or jsonl (one JSON object per problem, with its "
        "issue code)",
    )

    info = commands.add_parser("info", parents=[reading], help="summarise a project file")
    info.add_argument("file", type=file_name)
    info.add_argument("--json", action="store_true", help="print one JSON object")

    excerpts = commands.add_parser(
        "excerpts", parents=[reading], help="list every excerpt with its codes"
    )
    excerpts.add_argument("file", type=file_name)
    excerpts.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")

    convert = commands.add_parser(
        "convert", parents=[reading], help="convert between formats (chosen by extension)"
    )
    convert.add_argument("input", type=file_name)
    convert.add_argument("output", type=file_name)
    add_target(convert)
    convert.add_argument(
        "--include-real-names",
        action="store_true",
        help="export participants' real names (left out by default)",
    )
    convert.add_argument(
        "--check-schema",
        action="store_true",
        help="check REFI-QDA output against the official schema before writing it",
    )


def _line(issue: Issue) -> str:
    """``SEVERITY path: message``, with ``file:line`` first when the problem has a line."""
    where = f"{issue.file}:{issue.line} " if issue.line is not None else ""
    return f"{issue.severity.name} {where}{issue.path}: {issue.message}"


def _json_line(issue: Issue, file: Path) -> str:
    """``issue`` as one JSON object: severity, code, file (``file``, the one validated,
    where the problem names none), line, path and message."""
    fields = {
        "severity": issue.severity.name,
        "code": issue.code,
        "file": issue.file or str(file),
        "line": issue.line,
        "path": issue.path,
        "message": issue.message,
    }
    return json.dumps(fields, ensure_ascii=False)


def _validate(args: argparse.Namespace) -> int:
    issues: Sequence[Issue]
    try:
        options = ReadOptions(
            dialect=args.dialect, check_schema=True, external_root=args.external_root
        )
        suffix = args.file.suffix.lower()
        check_is_file(args.file)
        if suffix not in CODEBOOK_READS:
            raise ReadError(
                str(args.file),
                f"unknown file type {args.file.suffix or '(none)'!r}; qcode validate reads "
                f"{', '.join(CODEBOOK_READS)}",
            )
        if suffix in (".qdc", ".csv", ".xlsx"):
            issues = _codebook_issues(args, options)
        else:
            try:
                result = read(args.file, options)
            except OtherDocumentError as exc:
                if exc.found != "qcode-codebook":
                    raise
                issues = _codebook_issues(args, options)
            else:
                issues = (*_reported(args, result.report), *validate(checked(result, args.file)))
    except InvalidProjectError as exc:
        issues = _reported(args, exc.issues)
    for issue in issues:
        print(terminal(_line(issue)) if args.format == "text" else _json_line(issue, args.file))
    errors = sum(issue.is_error for issue in issues)
    warnings = sum(issue.severity is Severity.WARNING for issue in issues)
    say(f"{args.file}: {errors} error(s), {warnings} warning(s)")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _codebook_issues(args: argparse.Namespace, options: ReadOptions) -> tuple[Issue, ...]:
    """What reading the codebook ``args.file`` reported, then what validation finds."""
    found: list[Issue] = []
    book = read_codebook(args.file, report=found, options=options)
    if any(i.code == "document-kind" for i in found):  # a project in a .qdc: checked whole
        result = read(args.file, options)
        return (*_reported(args, result.report), *validate(result.project))
    return (*_reported(args, found), *validate(book))


def _reported(args: argparse.Namespace, issues: Sequence[Issue]) -> list[Issue]:
    """What reading reported, as ``validate`` prints it: with ``--strict``, warnings made
    errors and notes left out (as a strict read refuses them, but the project is still
    checked, so that every problem is shown); with ``--quiet``, notes left out."""
    if args.strict:
        return [
            attrs.evolve(i, severity=Severity.ERROR) if i.severity is Severity.WARNING else i
            for i in issues
            if i.severity is not Severity.INFO
        ]
    return [i for i in issues if i.severity is not Severity.INFO or not args.quiet]


def _info(args: argparse.Namespace) -> int:
    summary = summarize(read_file(args, args.file).project)
    if args.json:
        print(on_screen(json.dumps(summary, ensure_ascii=False)))
        return EXIT_OK
    print(terminal(f"project: {summary['name']}"))
    for key in ("participants", "cases", "users", "sources"):
        print(f"{key + ':':14}{summary[key]}")
    for kind, count in summary["sources_by_kind"].items():
        print(terminal(f"  {kind}: {count}"))
    for key in (
        "excerpts",
        "codings",
        "codes",
        "themes",
        "notes",
        "sets",
        "links",
        "graphs",
        "variables",
    ):
        print(f"{key + ':':14}{summary[key]}")
    return EXIT_OK


def _excerpts(args: argparse.Namespace) -> int:
    rows = excerpt_rows(read_file(args, args.file).project)
    if args.format == "jsonl":
        for row in rows:
            print(on_screen(json.dumps(row, ensure_ascii=False)))
        return EXIT_OK
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXCERPT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}
        writer.writerow(flat)
    sys.stdout.write(on_screen(buffer.getvalue()))
    return EXIT_OK


def _as_codebook(out: Path) -> Path:
    """``out``, or where it names no codebook format, the same name as ``.json``."""
    known = (".qdc", ".json", ".csv", ".xlsx", ".md")
    return out if out.suffix.lower() in known else out.with_suffix(".json")


def _convert(args: argparse.Namespace) -> int:
    out: Path = args.output
    check_output(out)
    refuse_idle_target(args, out.suffix, "convert")
    if args.input.suffix.lower() == ".qdc":
        raise UsageError(
            f"qcode convert: {args.input} holds only a codebook, whose examples and memos "
            f"point into the project it came from; qcode codebook export {args.input} "
            f"{_as_codebook(out)} writes it as a codebook (.qdc, .json, .csv, .xlsx, .md)"
        )
    result = read_file(args, args.input)
    options = WriteOptions(
        target=args.target,
        include_real_names=args.include_real_names,
        files=result.files,
        strict=args.strict,
        check_schema=args.check_schema,
    )
    try:
        report = write(result.project, out, options)
    except InvalidProjectError as exc:
        raise refused(exc, args.input, out) from exc
    print_report(args, of_input(report, args.input), out)
    say_written(args, out)
    return EXIT_PROBLEMS if any(issue.is_error for issue in report) else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "info": _info,
    "excerpts": _excerpts,
    "convert": _convert,
}
