"""Server-rendered SVG charts: they draw in every browser, need no script, print well.

Labels are escaped; sizes are in user units and the SVG scales to its box.
"""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#2f6fb0", "#e08a2b", "#3a9a5b", "#c94c4c", "#7d5ba6", "#8c6d46", "#4aa3b5")
LEVEL_COLORS = ("#2e8b57", "#6fbf73", "#c9c94c", "#e08a2b", "#c94c4c")


def bars(items: list[tuple[str, float]], *, title: str = "", unit: str = "",
         width: int = 560, label_width: int = 190, color: str = PALETTE[0]) -> Markup:  # fmt: skip
    """Horizontal bars with their labels in full and the number at the end of each bar."""
    row, top = 24, 28 if title else 6
    height = top + row * max(1, len(items)) + 6
    peak = max((v for _, v in items), default=0) or 1
    span = width - label_width - 70
    parts = [_open(width, height, title)]
    if title:
        parts.append(f'<text x="4" y="18" class="chart-title">{escape(title)}</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = max(1.0, span * value / peak) if value else 0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" class="chart-label">'
            f"<title>{escape(label)}</title>{escape(_short(label, label_width))}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{color}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 16}" class="chart-value">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    if not items:
        parts.append(f'<text x="4" y="{top + 16}" class="chart-label">—</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked(segments: list[tuple[str, int]], *, title: str = "", width: int = 560,
            colors: tuple[str, ...] = LEVEL_COLORS) -> Markup:  # fmt: skip
    """One bar split into shares (好差评 levels), with a legend that names each with its count."""
    total = sum(v for _, v in segments)
    top = 28 if title else 6
    legend_rows = (len(segments) + 2) // 3
    height = top + 30 + legend_rows * 20 + 6
    parts = [_open(width, height, title)]
    if title:
        parts.append(f'<text x="4" y="18" class="chart-title">{escape(title)}</text>')
    x = 4.0
    for i, (label, value) in enumerate(segments):
        share = (width - 8) * value / total if total else 0
        if share:
            parts.append(
                f'<rect x="{x:.1f}" y="{top}" width="{share:.1f}" height="22" '
                f'fill="{colors[i % len(colors)]}"><title>{escape(label)} {value}</title></rect>'
            )
        x += share
    if not total:
        parts.append(f'<rect x="4" y="{top}" width="{width - 8}" height="22" fill="#ddd"/>')
    for i, (label, value) in enumerate(segments):
        lx, ly = 4 + (i % 3) * (width // 3), top + 44 + (i // 3) * 20
        pct = f" {100 * value / total:.1f}%" if total else ""
        parts.append(
            f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" '
            f'fill="{colors[i % len(colors)]}"/>'
            f'<text x="{lx + 16}" y="{ly}" class="chart-label">'
            f"{escape(label)} {value}{pct}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
    )


def _short(label: str, room: int) -> str:
    """Labels longer than the room (about 13 px a character) end with …; the full text
    is in the element's tooltip."""
    fits = max(4, (room - 10) // 13)
    return label if len(label) <= fits else label[: fits - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
