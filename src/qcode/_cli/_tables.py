"""``qcode table NAME FILE``: the analysis tables of `qcode.analysis`, printed or written."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qcode._cli._common import (
    EXIT_OK,
    UsageError,
    file_name,
    looking_in,
    print_table,
    read_file,
    refuse_replacing,
    write_table,
)
from qcode._issues import QcodeError
from qcode._table import FORMATS, TEXT_FORMATS

TABLES = ("frequencies", "segments", "cooccurrence", "matrix", "framework", "cases")

_OPTIONS = {
    "code": ("frequencies", "segments", "cooccurrence", "matrix", "framework"),
    "theme": ("segments", "matrix", "framework"),
    "themes": ("segments", "matrix", "framework"),
    "include_children": ("frequencies", "segments", "cooccurrence", "matrix", "framework"),
    "by": ("frequencies", "matrix"),
    "context": ("segments",),
    "mode": ("cooccurrence",),
    "within": ("cooccurrence",),
    "per_source": ("cooccurrence",),
    "form": ("cooccurrence",),
    "measure": ("cooccurrence",),
    "cell": ("matrix",),
    "rows": ("framework",),
}
"""Which tables take each option."""


def _count(text: str) -> int:
    """A whole number of 0 or more (argparse's message names the option)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def add_commands(commands: Any, reading: argparse.ArgumentParser) -> None:
    """Add ``table`` to ``commands`` (argparse's private subparsers action)."""
    table = commands.add_parser(
        "table", parents=[reading], help="an analysis table (frequencies, co-occurrence, ...)"
    )
    table.add_argument("name", choices=TABLES)
    table.add_argument("file", type=file_name)
    table.add_argument(
        "--code", action="append", metavar="CODE", help="a code by id, path or name (repeat)"
    )
    table.add_argument("--theme", action="append", metavar="THEME", help="a theme (repeat)")
    table.add_argument("--themes", action="store_true", help="every theme instead of codes")
    table.add_argument(
        "--include-children", action="store_true", help="roll up the codes below each code"
    )
    table.add_argument("--by", metavar="GROUP", help="source, kind, case, variable:NAME or coder")
    table.add_argument("--context", type=_count, metavar="N")
    table.add_argument("--mode", choices=("same-excerpt", "overlap", "proximity"))
    table.add_argument("--within", type=_count, metavar="N")
    table.add_argument("--per-source", action="store_true")
    table.add_argument("--form", choices=("long", "square"))
    table.add_argument("--measure", choices=("count", "jaccard"))
    table.add_argument("--cell", choices=("references", "sources", "cases", "excerpts"))
    table.add_argument("--rows", choices=("case", "source"))
    table.add_argument("--format", choices=("csv", "md", "json", "xlsx", "parquet"))
    table.add_argument("-o", "--output", type=file_name, metavar="OUT")


def _given(args: argparse.Namespace) -> list[str]:
    """The table options given on the command line, by their names."""
    return [
        name
        for name in _OPTIONS
        if (value := getattr(args, name)) is not None and value is not False
    ]  # 0 is given: it equals False


_KEYWORDS = {"code": "codes", "theme": "themes", "themes": "themes"}
"""The library's keyword for an option, where it is not the option's own name."""


def _build(args: argparse.Namespace) -> Any:
    """The table, from the library function of its name with the options given."""
    from qcode import analysis

    if args.theme and args.themes:
        raise UsageError("qcode table: give --theme or --themes (every theme), not both")
    if args.within is not None and args.mode != "proximity":
        raise UsageError("qcode table: --within needs --mode proximity")
    if args.measure is not None and args.form != "square":
        raise UsageError("qcode table: --measure needs --form square")
    project = read_file(args, args.file).project
    options = {_KEYWORDS.get(name, name): getattr(args, name) for name in _given(args)}
    with looking_in(args.file):
        return getattr(analysis, args.name)(project, **options)


def _table(args: argparse.Namespace) -> int:
    for option in _given(args):
        if args.name not in _OPTIONS[option]:
            shown = "--" + option.replace("_", "-")
            raise UsageError(f"qcode table: {shown} does not apply to {args.name}")
    out: Path | None = args.output
    refuse_replacing(out, [args.file], "table")
    named = out.suffix.lower().lstrip(".") if out else None
    if args.format and named in FORMATS and named != args.format:
        raise UsageError(
            f"qcode table: --format {args.format} would write {args.format} into {out}, "
            f"whose name says {named}"
        )
    chosen = args.format or named or "csv"
    if out is None and chosen not in TEXT_FORMATS:
        raise UsageError(f"qcode table: --format {chosen} needs -o OUT")
    try:
        table = _build(args)
    except QcodeError:
        raise
    except ValueError as exc:  # an option the library refuses
        raise UsageError(f"qcode table: {exc}") from None
    if out is None:
        args.format = chosen
        print_table(args, table)
        return EXIT_OK
    write_table(args, table, out, args.format)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"table": _table}
