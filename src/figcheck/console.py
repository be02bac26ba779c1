"""The ``figcheck`` console script: Ctrl-C while the command line is still being imported (the
first tenth of a second) exits 130 quietly, as it does later."""

from __future__ import annotations

import sys


def main() -> int:
    """Import the command line, then run it; 130 on Ctrl-C at any point."""
    try:
        from figcheck.cli import main as run
    except KeyboardInterrupt:
        return 130
    try:
        return run(sys.argv[1:])
    except KeyboardInterrupt:  # between the imports and the command's own handling
        return 130
