"""``python -m qcode`` runs the ``qcode`` command."""

from qcode._cli import main

raise SystemExit(main())
