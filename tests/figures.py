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
