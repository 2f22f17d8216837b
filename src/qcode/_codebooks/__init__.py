"""Codebooks as documents of their own: read and write them in every codebook format,
resolve one that extends another, compare two, merge two versions of one, and bring a
project in line with one (`ProjectBuilder.apply_codebook`)."""

from qcode._codebooks._formats import read_codebook, write_codebook

__all__ = ["read_codebook", "write_codebook"]
