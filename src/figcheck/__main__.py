"""``python -m figcheck``."""

from figcheck.console import main

raise SystemExit(main())
