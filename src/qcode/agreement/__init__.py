"""Intercoder agreement as NVivo, ATLAS.ti and MAXQDA compute it, on positions read right.

`compare` says who is compared (coders or groups of one project, or two projects) and what
each coded, merged, per code and source; the measures take a project (or two) and return
`Table` s: `nvivo` (NVivo's coding comparison), `alpha` (ATLAS.ti's |uα, cuα, Cuα),
`maxqda` (MAXQDA's segment matching and κ_n), `segments` (Cohen's κ, Krippendorff's α,
Fleiss' κ, percentage agreement or Holsti over pre-defined segments) and `disagreements`.
`merge` and `split` put coders' separate work together and apart. The coefficients are here
too, on plain data.
"""

from qcode.agreement._alpha import alpha
from qcode.agreement._disagreements import disagreements
from qcode.agreement._maxqda import maxqda
from qcode.agreement._merge import Merged, merge
from qcode.agreement._merge._codebook import definition_conflicts
from qcode.agreement._merge._step import MergeConflict
from qcode.agreement._nvivo import Cells, nvivo
from qcode.agreement._segments import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    holsti,
    krippendorff_alpha,
    percent_agreement,
    segments,
)
from qcode.agreement._split import split
from qcode.agreement._units import AgreementError, Comparison, compare

__all__ = [
    "AgreementError",
    "Cells",
    "Comparison",
    "MergeConflict",
    "Merged",
    "alpha",
    "brennan_prediger",
    "cohen_kappa",
    "compare",
    "definition_conflicts",
    "disagreements",
    "fleiss_kappa",
    "holsti",
    "krippendorff_alpha",
    "maxqda",
    "merge",
    "nvivo",
    "percent_agreement",
    "segments",
    "split",
]
