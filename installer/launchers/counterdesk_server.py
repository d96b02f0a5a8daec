"""Entry point of `counterdesk-server` in the bundle (the reference district server)."""

from __future__ import annotations

import sys

from district.cli import main

if __name__ == "__main__":
    sys.exit(main())
