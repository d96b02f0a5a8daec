"""Bundle entry point of `counterdesk`: the same launcher as the pip console script."""

from __future__ import annotations

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
