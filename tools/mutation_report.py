"""Summarise the last ``mutmut run`` (``make mutate``): the kill rate per module and overall,
and every mutant that was not killed and is not reviewed in ``tests/mutants-equivalent.txt``.

The kill rate is (killed + timeout) / (mutants - reviewed equivalents): a mutant that makes
the tests fail, crash or hang is caught. Mutants not run yet (a stopped run) are left out of
it and counted apart. Statuses come from ``mutmut results --all true``,
which reads the results mutmut keeps in ``mutants/``.

``tests/mutants-equivalent.txt`` holds one reviewed mutant a line, its mutmut name and why no
test can tell it from the original (``qcode._quotes.x_find_quote__mutmut_3  reason``); lines
starting with ``#`` are comments. mutmut numbers a function's mutants anew when the function
changes, so an entry naming a mutant that no longer exists, or one that is now killed, is
reported for review.

Exits 1 when a mutant survived (or had no test) without a reviewed reason or was not run,
2 when mutmut has no results; ``--show`` prints each such survivor's diff as well.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutants-equivalent.txt"
CAUGHT = frozenset({"killed", "timeout", "segfault", "caught by type check"})
NOT_RUN = "not checked"
COLUMNS = ("killed", "timeout", "survived", "no tests", "suspicious", "other", NOT_RUN)


def mutmut(*args: str) -> str:
    """Run mutmut, as installed for this Python, in the project root; its output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"mutmut {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def statuses(results: str) -> dict[str, str]:
    """Mutant name -> status, from ``mutmut results --all true`` lines ``    name: status``."""
    found: dict[str, str] = {}
    for line in results.splitlines():
        name, colon, status = line.strip().rpartition(": ")
        if colon and "__mutmut_" in name:
            found[name] = status
    return found


def module_of(name: str) -> str:
    """``qcode._quotes`` of ``qcode._quotes.x_find_quote__mutmut_3`` (methods: ``xǁClassǁm``)."""
    parts = name.split(".")
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].startswith(("x_", "xǁ")):
            return ".".join(parts[:i])
    return name.rpartition(".")[0]


def function_of(name: str) -> str:
    """``find_quote`` or ``Class.method``: the function a mutant changes."""
    mangled = name.rpartition(".")[2].partition("__mutmut_")[0]
    if mangled.startswith("xǁ"):
        return ".".join(part for part in mangled[2:].split("ǁ") if part)
    return mangled.removeprefix("x_")


def equivalents(path: Path) -> dict[str, str]:
    """Reviewed equivalent mutants: name -> reason."""
    if not path.exists():
        return {}
    reviewed: dict[str, str] = {}
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path}:{number}: {name} has no reason")
        reviewed[name] = reason.strip()
    return reviewed


def column(status: str) -> str:
    return status if status in COLUMNS else "other"


def rate(caught: int, tested: int) -> str:
    return f"{100 * caught / tested:.1f}%" if tested else "-"


def table(found: dict[str, str], reviewed: dict[str, str]) -> list[str]:
    """One row per module and a total: counts per status, equivalents and the kill rate."""
    counts: dict[str, Counter[str]] = {}
    for name, status in found.items():
        row = counts.setdefault(module_of(name), Counter())
        row[column(status)] += 1
        row["mutants"] += 1
        row["caught"] += status in CAUGHT
        row["equivalent"] += name in reviewed and status not in CAUGHT
    total: Counter[str] = Counter()
    for row in counts.values():
        total.update(row)
    heads = ("module", "mutants", *COLUMNS, "equivalent", "kill rate")
    rows = [
        (
            module,
            *(str(row[key]) for key in ("mutants", *COLUMNS, "equivalent")),
            rate(row["caught"], row["mutants"] - row["equivalent"] - row[NOT_RUN]),
        )
        for module, row in [*sorted(counts.items()), ("total", total)]
    ]
    widths = [max(len(cells[i]) for cells in [heads, *rows]) for i in range(len(heads))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    return [line(heads), *(line(cells) for cells in rows)]


def survivors(found: dict[str, str], reviewed: dict[str, str]) -> list[str]:
    """Mutants run, not caught and not reviewed, by module and function."""
    left = [name for name, status in found.items() if status not in CAUGHT | {NOT_RUN}]
    return sorted(
        (name for name in left if name not in reviewed),
        key=lambda name: (module_of(name), function_of(name), number_of(name)),
    )


def number_of(name: str) -> int:
    digits = name.rpartition("__mutmut_")[2]
    return int(digits) if digits.isdigit() else 0


def stale(found: dict[str, str], reviewed: Iterable[str]) -> list[str]:
    """Reviewed entries that name no mutant any more, or one the tests now catch."""
    notes = []
    for name in reviewed:
        if name not in found:
            notes.append(f"{name}: no such mutant (the function changed?)")
        elif found[name] in CAUGHT:
            notes.append(f"{name}: now {found[name]}, no longer needs a reason")
    return notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(argv)

    found = statuses(mutmut("results", "--all", "true"))
    if not found:
        print("mutmut has no results: run `make mutate`", file=sys.stderr)
        return 2
    reviewed = equivalents(EQUIVALENTS)
    print("\n".join(table(found, reviewed)))

    for note in stale(found, reviewed):
        print(f"stale entry in {EQUIVALENTS.relative_to(ROOT)}: {note}")

    not_run = sum(status == NOT_RUN for status in found.values())
    if not_run:
        print(f"\n{not_run} mutants were not run (was mutmut stopped?): run `make mutate` again")
    unexplained = survivors(found, reviewed)
    if unexplained:
        print(f"\n{len(unexplained)} mutants survived without a reviewed reason:")
        for name in unexplained:
            print(f"  {name}  ({found[name]})")
            if args.show:
                print(mutmut("show", name))
        print(f"Kill them with a test, or explain them in {EQUIVALENTS.relative_to(ROOT)}.")
    elif not not_run:
        print("\nEvery mutant is caught or reviewed as equivalent.")
    return 1 if unexplained or not_run else 0


if __name__ == "__main__":
    sys.exit(main())
