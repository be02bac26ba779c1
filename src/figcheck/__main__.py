"""``python -m figcheck``."""

from figcheck.cli import main

raise SystemExit(main())
