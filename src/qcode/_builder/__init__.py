"""`ProjectBuilder`: the one way to make or change a project.

The model is immutable. A builder holds the project's objects as they stand, by id
(`_holdings`, which also finds what a reference names); every method takes objects (or
their ids, or names) from any version of the project and works on the builder's current
version of each, and `build` returns the project (`_project_builder`). Removing an object
takes what depends on it along (`_cascade`).
"""

from qcode._builder._project_builder import ProjectBuilder

__all__ = ["ProjectBuilder"]
