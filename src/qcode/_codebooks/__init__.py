"""Codebooks as documents of their own: read and write them in every codebook format,
resolve one that extends another, compare two, merge two versions of one, and bring a
project in line with one (`ProjectBuilder.apply_codebook`)."""

from qcode._codebooks._diff import CodebookDiff, Difference, diff_codebooks
from qcode._codebooks._formats import read_codebook, write_codebook
from qcode._codebooks._merge import Conflict, MergeResult, merge_codebooks
from qcode._codebooks._resolve import ExtensionError, resolve

__all__ = [
    "CodebookDiff",
    "Conflict",
    "Difference",
    "ExtensionError",
    "MergeResult",
    "diff_codebooks",
    "merge_codebooks",
    "read_codebook",
    "resolve",
    "write_codebook",
]
