"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable without colour.

Use from templates: {{ bar_chart(items, title=...) }} / {{ line_chart(points, title=...) }},
where items / points are sequences of (label, value).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from babel.numbers import format_compact_decimal, format_decimal
from flask import has_request_context
from flask_babel import get_locale
from markupsafe import Markup

GREEN, GREEN_SOFT, INK, MUTED, LINE = "#0f6b3a", "#7fb89a", "#1d2327", "#5f6b73", "#d9e0e4"
# The width of an average character of a label at font-size 13, in the chart's units (DejaVu Sans
# and the system sans fonts the pages use come to 6.5-7.5).
LABEL_CHAR = 7.2


def _locale() -> str:
    return str(get_locale() or "id") if has_request_context() else "id"


def _fmt(value: float) -> str:
    """A number as the reader writes it: 19.790 and 1,9 jt in Indonesian, 19,790 and 1.9M in
    English."""
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="short", locale=_locale(),
                                      fraction_digits=1)
    return format_decimal(round(value, 2), locale=_locale())


def _nice_top(value: float, whole: bool) -> float:
    """The top of the axis: four equal steps of 1, 2, 2.5, 3 or 5 times a power of ten that
    reach `value`; whole steps only when the values are counts (no "1,25 UMKM" gridline)."""
    if value <= 0:
        return 4 if whole else 1
    magnitude = 10 ** math.floor(math.log10(value / 4))
    for factor in (1, 2, 2.5, 3, 5, 10):
        step = factor * magnitude
        if whole and (step < 1 or not float(step).is_integer()):
            continue
        if 4 * step >= value:
            return 4 * step
    return 40 * magnitude


def _frame(width: int, height: int, title: str, body: list[str], testid: str,
           rows: Sequence[tuple[str, float]]) -> Markup:
    """The drawing is for the eye only: a screen reader gets the caption and, in its place, a
    table of the same values (visually hidden), which it can read cell by cell."""
    label = escape(str(title))
    cells = "".join(f'<tr><th scope="row">{escape(str(name))}</th><td>{_fmt(value)}</td></tr>'
                    for name, value in rows)
    table = (f'<div class="visually-hidden"><table data-testid="{escape(testid)}-values">'
             f"<caption>{label}</caption><tbody>{cells}</tbody></table></div>") if rows else ""
    return Markup(  # noqa: S704 (every value put inside is escaped)
        f'<figure class="chart" data-testid="{escape(testid)}">'
        f'<svg viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" style="max-width:{width}px;font-family:inherit">'
        f"<title>{label}</title>{''.join(body)}</svg>"
        f"<figcaption>{label}</figcaption>{table}</figure>"
    )


def _fit(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[:max(chars - 1, 1)].rstrip() + "…"


def bar_chart(items: Sequence[tuple[str, float]], title: str = "", *, width: int = 560,
              testid: str = "bar-chart") -> Markup:
    """Horizontal bars, one per (label, value), the value written at the end of each bar. The
    label column is as wide as the longest label needs, up to 45% of the chart; a longer label
    is cut with "…" and given whole as its tooltip."""
    rows = [(str(label), value) for label, value in items]
    bar, gap, right = 22, 10, 64
    longest = max((len(label) for label, _ in rows), default=0)
    chars = min(longest, int((width * 0.45 - 14) // LABEL_CHAR))
    left = max(math.ceil(chars * LABEL_CHAR) + 14, 48)
    height = max(len(rows), 1) * (bar + gap) + gap
    top = max((v for _, v in rows), default=0) or 1
    span = width - left - right
    body = []
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar + gap)
        length = max(span * value / top, 1 if value else 0)
        whole, shown = escape(label), _fit(label, chars)
        text = (f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" font-size="13" '
                f'fill="{INK}">{escape(shown)}</text>')
        body.append(
            (text if shown == label else f"<g><title>{whole}</title>{text}</g>") +
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" rx="3" fill="{GREEN}">'
            f"<title>{whole}: {_fmt(value)}</title></rect>"
            f'<text x="{left + length + 6:.1f}" y="{y + bar * 0.7:.1f}" font-size="12" '
            f'fill="{MUTED}">{_fmt(value)}</text>'
        )
    if not rows:
        body.append(f'<text x="{width / 2}" y="20" text-anchor="middle" fill="{MUTED}" '
                    f'font-size="13">—</text>')
    return _frame(width, height, title, body, testid, rows)


def line_chart(points: Sequence[tuple[str, float]], title: str = "", *, width: int = 640,
               height: int = 260, testid: str = "line-chart", max_labels: int = 12) -> Markup:
    """A line over ordered (label, value) points, with the last value written at its end."""
    data = list(points)
    left, right, top_pad, bottom = 56, 56, 16, 36
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = _nice_top(max((v for _, v in data), default=0),
                    whole=all(float(v).is_integer() for _, v in data))
    body = []
    for k in range(5):  # horizontal grid with values
        value = top * k / 4
        y = top_pad + plot_h - plot_h * k / 4
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LINE}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{_fmt(value)}</text>'
        )
    if data:
        step = plot_w / max(len(data) - 1, 1)
        coords = [(left + i * step, top_pad + plot_h - plot_h * v / top)
                  for i, (_, v) in enumerate(data)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in
                        enumerate(coords))
        body.append(f'<path d="{path}" fill="none" stroke="{GREEN}" stroke-width="2.5"/>')
        every = max(1, -(-len(data) // max_labels))
        for i, ((label, value), (x, y)) in enumerate(zip(data, coords, strict=True)):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{GREEN}">'
                        f"<title>{escape(str(label))}: {_fmt(value)}</title></circle>")
            if i % every == 0 or i == len(data) - 1:
                body.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" '
                            f'font-size="11" fill="{MUTED}">{escape(str(label))}</text>')
        x, y = coords[-1]
        body.append(f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" font-size="12" font-weight="bold" '
                    f'fill="{INK}">{_fmt(data[-1][1])}</text>')
    return _frame(width, height, title, body, testid, data)


def init_app(app) -> None:
    app.jinja_env.globals.update(bar_chart=bar_chart, line_chart=line_chart)
