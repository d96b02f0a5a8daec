"""The one percentile the benchmarks and the reliability lab report (nearest rank).

Nearest rank: the p-th percentile is the smallest sample with at least p of all
samples at or below it — a value that was measured, never an interpolation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def percentile(samples: Iterable[float], share: float) -> float:
    """Nearest-rank percentile (`share` in (0, 1]) of samples in any order."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    if not 0 < share <= 1:
        raise ValueError(f"share {share} is not in (0, 1]")
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def percentile_ms(samples: Iterable[float], share: float, digits: int = 3) -> float:
    """Nearest-rank percentile of timings in seconds, in milliseconds."""
    return round(percentile(samples, share) * 1000, digits)


def own_secrets(folder) -> None:
    """The benchmark's store keys in a folder of its own (`COUNTERDESK_SECRETS_DIR`, which its
    child processes inherit), never the machine's data folder: a key left in
    /var/lib/counterdesk makes the package test think a real installation is there."""
    import os
    from pathlib import Path

    if os.environ.get("COUNTERDESK_SECRETS_DIR"):
        return  # the test suite's, or the benchmark cache's (tests/bench/_store.py)
    os.environ["COUNTERDESK_SECRETS_DIR"] = str(Path(folder) / "secrets")
    import machine_secrets

    machine_secrets.use(None)  # the default store, read again from the environment
