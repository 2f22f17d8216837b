"""Whole-project validation: every problem at once, each with a path and a message."""

from __future__ import annotations

from qcode._bulk import bulk
from qcode._issues import Issue, path_order
from qcode._model import Codebook, Project
from qcode._model._project import given_project
from qcode._validation._rules import RULES
from qcode._validation._walk import walk


def validate(project: Project | Codebook) -> tuple[Issue, ...]:
    """Every problem in ``project`` (or in a codebook), errors and warnings, sorted by path:
    keys alphabetically, list positions by number (``$.codes[2]`` before ``$.codes[10]``),
    and the problems at one path in the order of the rules.

    A codebook is checked as the codes and themes it holds. What they refer to outside it is
    not looked for: the excerpts its examples quote and its memo references (in the project
    it came from), and, in an extension, the codes of the codebook it extends."""
    outside: set[str | None] = set()
    if not isinstance(project, Codebook):
        project = given_project(
            project,
            "qcode.validate",
            "a loaded project or codebook (qcode.load, qcode.read_codebook)",
        )
    if isinstance(project, Codebook):
        outside = {"excerpt", "note", *(("code", "theme") if project.extends else ())}
        project = Project(name=project.name, codes=project.codes, themes=project.themes)
    with bulk():
        gathered = walk(project)
        if outside:
            gathered.references = [r for r in gathered.references if r[2] not in outside]
        issues = [issue for rule in RULES for issue in rule(project, gathered)]
        return tuple(sorted(issues, key=path_order))


__all__ = ["validate"]
