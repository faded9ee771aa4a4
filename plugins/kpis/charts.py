"""A server-rendered SVG line chart (no script); the page shows the table too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 640, 220, 40


def line_chart(points: Sequence[tuple[date, float]], title: str) -> Markup:
    if not points:
        return Markup("")
    top = max(v for _, v in points) or 1.0
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)
    coords = [
        (PAD + i * step, HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top)
        for i, (_, v) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    first, last = points[0][0].isoformat(), points[-1][0].isoformat()
    return Markup(
        f'<svg class="kpi-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#52606d"/>'
        f'<polyline fill="none" stroke="#0b5cad" stroke-width="2.5" points="{path}"/>'
        f'<text x="{PAD}" y="{HEIGHT - 12}" font-size="13" fill="#1f2933">{escape(first)}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 12}" font-size="13" text-anchor="end" '
        f'fill="#1f2933">{escape(last)}</text>'
        f'<text x="{PAD}" y="{PAD - 12}" font-size="13" fill="#1f2933">{escape(_n(top))}</text>'
        "</svg>"
    )


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
