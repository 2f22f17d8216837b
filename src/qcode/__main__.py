"""``python -m qcode`` runs the ``qcode`` command."""

from qcode._cli import console

raise SystemExit(console())
