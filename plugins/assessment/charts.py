"""Charts drawn on the server: the radar of a result (SVG for the page, PNG for the
Word report) and the overall score over time (SVG). No script, no external asset."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from markupsafe import Markup, escape

SIZE, CENTRE, RADIUS = 400, 200, 150
BLUE, PEER, GRID, INK = "#0b4f8a", "#b35c00", "#c5ccd3", "#1f2933"


def _point(index: int, count: int, value: float, radius: float = RADIUS) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = radius * max(0.0, min(value, 100.0)) / 100
    return CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)


def _polygon(values: Sequence[float | None]) -> str:
    count = len(values)
    return " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, v or 0) for i, v in enumerate(values))
    )


def radar_svg(
    values: Sequence[float | None],
    title: str,
    description: str,
    peers: Sequence[float | None] | None = None,
    chart_id: str = "radar",
) -> Markup:
    """A radar with one numbered axis per dimension (the data table names them)."""
    count = max(len(values), 3)
    padded = list(values) + [None] * (count - len(values))
    parts = [
        f'<svg class="radar" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for ring in (25, 50, 75, 100):
        parts.append(
            f'<polygon points="{_polygon([ring] * count)}" fill="none" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    for i in range(count):
        x, y = _point(i, count, 100)
        lx, ly = _point(i, count, 100, RADIUS + 22)
        parts.append(
            f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" dominant-baseline="middle" '
            f'font-size="16" font-weight="700" fill="{INK}">{i + 1}</text>'
        )
    if peers is not None and any(p is not None for p in peers):
        parts.append(
            f'<polygon points="{_polygon(list(peers))}" fill="none" stroke="{PEER}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<polygon points="{_polygon(padded)}" fill="{BLUE}" fill-opacity="0.25" '
        f'stroke="{BLUE}" stroke-width="3"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def history_svg(
    points: Sequence[tuple[str, float]], title: str, chart_id: str = "history"
) -> Markup:
    """The overall score (0-100) of each attempt, oldest first, as a line."""
    width, height, left, right, top, bottom = 600, 270, 44, 44, 28, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(points) - 1, 1)
    parts = [
        f'<svg class="history-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + inner_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 8}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="13" fill="{INK}">{tick}</text>'
        )
    coords = [
        (left + i * step, top + inner_h * (1 - value / 100)) for i, (_, value) in enumerate(points)
    ]
    if len(coords) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{BLUE}"/>'
            f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle" font-size="12" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" font-size="13" '
            f'font-weight="700" fill="{INK}">{value:g}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def radar_png(values: Sequence[float | None], scale: int = 2) -> bytes:
    """The same radar as a PNG (for the Word report), drawn with Pillow."""
    from PIL import Image, ImageDraw

    count = max(len(values), 3)
    padded = list(values) + [None] * (count - len(values))
    image = Image.new("RGB", (SIZE * scale, SIZE * scale), "white")
    draw = ImageDraw.Draw(image, "RGBA")

    def pts(vals: Sequence[float | None], radius: float = RADIUS) -> list[tuple[float, float]]:
        return [
            (x * scale, y * scale)
            for x, y in (_point(i, count, v or 0, radius) for i, v in enumerate(vals))
        ]

    for ring in (25, 50, 75, 100):
        draw.polygon(pts([ring] * count), outline=GRID)
    for i, (x, y) in enumerate(pts([100] * count)):
        draw.line([(CENTRE * scale, CENTRE * scale), (x, y)], fill=GRID)
        lx, ly = pts([100] * count, RADIUS + 22)[i]
        draw.text((lx, ly), str(i + 1), fill=INK, anchor="mm", font_size=16 * scale)
    draw.polygon(pts(padded), fill=(11, 79, 138, 64), outline=BLUE, width=3 * scale)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
