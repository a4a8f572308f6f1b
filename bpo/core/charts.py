"""Server-side SVG charts: the one chart approach of the product, for pages and PDFs alike.

Why hand-written: the CSP forbids inline styles and scripts, so a JavaScript chart library cannot
run on the pages and would not run inside WeasyPrint at all; matplotlib and pygal emit <style>
elements or style="" attributes. These charts are plain SVG with presentation attributes only
(fill, stroke, font-size, font-family), so the same markup renders on a page and in a PDF.

Each builder returns a `Chart`: `str(chart)` / `{{ chart }}` is the SVG (safe, every label escaped),
`chart.table` the data behind it for a table fallback (`{% include "core/_chart.html" %}` renders
both), `chart.data_uri()` an <img src> for places that want an image.
"""

from __future__ import annotations

import base64
import itertools
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formats import format_number

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Sans', 'DejaVu Sans', sans-serif"
# Colour-blind friendly palette (Okabe-Ito, darkened where needed for 3:1 against white).
PALETTE = ["#1f4e79", "#b35c00", "#0b6e4f", "#a4161a", "#6a3d9a", "#00708a", "#8a5a00", "#5a6678"]
GRID = "#d5dbe3"
AXIS = "#5a6678"
TEXT = "#1c2430"
GOOD, WARN, BAD = "#0b6e4f", "#8a5a00", "#a4161a"

_ids = itertools.count(1)


@dataclass
class Series:
    """One named sequence of values (None = no value for that category)."""

    label: str
    values: list
    color: str | None = None
    dashed: bool = False
    # Optional per value: a dot colour (a state) and a note added to the dot's tooltip.
    point_colors: list | None = None
    notes: list | None = None


@dataclass
class RefLine:
    """A horizontal reference level across a line or bar chart (an expected or minimum level)."""

    label: str
    value: float | Decimal
    color: str = AXIS
    dashed: bool = True


@dataclass
class Point:
    """One labelled point of a scatter chart; `highlight` draws it larger with its label in bold."""

    label: str
    x: float | Decimal
    y: float | Decimal
    color: str | None = None
    highlight: bool = False
    show_label: bool = True


@dataclass
class Chart:
    """A rendered chart: the SVG markup and the table of the data it shows."""

    svg: str
    title: str
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> str:
        return self.svg

    @property
    def table(self) -> dict:
        return {"caption": self.title, "columns": self.columns, "rows": self.rows}

    def data_uri(self) -> str:
        """The SVG as a data: URI (for an <img> where inline SVG is not wanted)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


# ---------------------------------------------------------------- helpers


def _num(v) -> float | None:
    return None if v is None else float(v)


def _fmt(v: float) -> str:
    """A tick or value label as the pages print numbers (bpo/core/formats.py, the active language's
    separators): thousands grouped, up to 4 decimals, no trailing zeros: 2,220,000.5, 99.5, 0.025.
    (Its own rounding printed ticks 1,000.2 .. 1,000.8 all as 1,000 and 0.025 as 0.03.)"""
    return "" if v is None else format_number(v, grouped=True)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 x 10^n) covering [lo, hi]."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        # nothing to spread: zero-based data stays zero-based (0..1), anything else gets +-1
        lo, hi = (0, 1) if lo == 0 else (lo - 1, hi + 1)
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while True:
        ticks.append(round(t, 10))
        if t >= hi - step * 1e-9:
            return ticks
        t += step


def _attrs(**kw) -> str:
    parts = []
    for k, v in kw.items():
        if v is None:
            continue
        name = k.rstrip("_").replace("_", "-")
        if isinstance(v, float):
            v = round(v, 1)
        parts.append(f'{name}="{escape(str(v))}"')
    return " ".join(parts)


def _el(tag: str, content: str = "", **kw) -> str:
    attrs = _attrs(**kw)
    if content == "" and tag not in ("text", "title", "desc"):
        return f"<{tag} {attrs}/>"
    return f"<{tag} {attrs}>{content}</{tag}>"


def _text(x, y, label, size=11, anchor="start", fill=TEXT, weight=None, **kw) -> str:
    return _el("text", escape(label), x=x, y=y, font_size=size, text_anchor=anchor, fill=fill, font_weight=weight, **kw)


def _svg(title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    uid = f"chart-{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" font-family="{escape(FONT)}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return mark_safe(head + "".join(body) + "</svg>")


def _legend_width(label: str) -> int:
    # CJK characters are about twice as wide as Latin ones at the same font size.
    return 34 + 7 * len(label) + (6 * sum(1 for ch in label if ord(ch) > 0x2E80))


def _legend_rows(items: list[tuple[str, str, bool]], width: float) -> int:
    """How many rows the legend wraps to in `width` (the plot starts below the last one)."""
    rows, cx = 1, 0
    for label, _color, _dashed in items:
        w = _legend_width(label)
        if cx + w > width and cx > 0:
            rows, cx = rows + 1, 0
        cx += w
    return rows


def _legend(items: list[tuple[str, str, bool]], x: float, y: float, width: float) -> list[str]:
    """A legend row (wrapping) of (label, colour, dashed) swatches starting at (x, y)."""
    out, cx, cy = [], x, y
    for label, color, dashed in items:
        w = _legend_width(label)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 16
        out.append(
            _el(
                "line",
                x1=cx,
                y1=cy - 4,
                x2=cx + 16,
                y2=cy - 4,
                stroke=color,
                stroke_width=3,
                stroke_dasharray="5 3" if dashed else None,
            )
        )
        out.append(_text(cx + 20, cy, label, size=11))
        cx += w
    return out


def _y_axis(ticks, y_of, left, right, unit="") -> list[str]:
    out = []
    for t in ticks:
        y = y_of(t)
        out.append(_el("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID, stroke_width=1))
        out.append(_text(left - 6, y + 4, _fmt(t) + unit, size=10, anchor="end", fill=AXIS))
    return out


def _x_labels(categories, x_of, y, plot_w) -> list[str]:
    """Category labels under the axis; every k-th one when they would overlap."""
    n = len(categories)
    widest = max((len(str(c)) for c in categories), default=1)
    every = max(1, math.ceil(n * widest * 6.5 / max(plot_w, 1)))
    return [
        _text(x_of(i), y, str(c), size=10, anchor="middle", fill=AXIS)
        for i, c in enumerate(categories)
        if i % every == 0 or i == n - 1
    ]


def _text_width(label: str, size: float = 10) -> float:
    """About how wide `label` is drawn at `size` px: CJK (and full-width) characters take a full em,
    Latin ones about 0.65 of it (a little generous, so an estimate never overlaps its neighbour)."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.65 for ch in label)


def _wrap(label: str, width: float, size: float = 10) -> list[str] | None:
    """`label` broken into lines no wider than `width`: at spaces, and between CJK characters (but
    not before a closing or after an opening bracket). None if a single word is wider than `width`."""
    tokens, word = [], ""
    for ch in label:
        cjk = ord(ch) > 0x2E80
        if ch == " ":
            if word:
                tokens.append(word)
            word = ""
            tokens.append(" ")
        elif cjk and word and word[-1] not in "（【《「" and ch not in "）】》」，、。":
            tokens.append(word)
            word = ch
        else:
            word += ch
    if word:
        tokens.append(word)
    lines, line = [], ""
    for token in tokens:
        if token == " ":
            line += " " if line else ""
            continue
        if _text_width(token, size) > width:
            return None
        if line and _text_width(line + token, size) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _band_labels(categories, x_of, y, band) -> tuple[list[str], int]:
    """Bar chart category labels: every one drawn, never skipped. On one line when it fits its band,
    else wrapped onto up to three lines, else (too many, too narrow bands) rotated 45 degrees.
    Returns the SVG elements and the extra height (px) they take below one line."""
    room = max(band - 6, 1)
    labels = [str(c) for c in categories]
    wrapped = [_wrap(label, room) for label in labels]
    if all(w is not None and len(w) <= 3 for w in wrapped):
        out = []
        for i, lines in enumerate(wrapped):
            spans = "".join(
                _el("tspan", escape(line), x=x_of(i), dy=0 if k == 0 else 12) for k, line in enumerate(lines or [""])
            )
            out.append(
                _el("text", spans, x=x_of(i), y=y, font_size=10, text_anchor="middle", fill=AXIS, class_="x-label")
            )
        return out, 12 * (max([1, *(len(w) for w in wrapped)]) - 1)
    out = [
        _text(
            x_of(i),
            y - 6,
            label,
            size=10,
            anchor="end",
            fill=AXIS,
            transform=f"rotate(-45 {x_of(i)} {y - 6})",
            class_="x-label",
        )
        for i, label in enumerate(labels)
    ]
    widest = max((_text_width(label) for label in labels), default=0)
    return out, max(int(widest * 0.71) - 6, 0)


def _tick_margin(ticks, unit="", least=56) -> int:
    """A left margin that holds the widest y tick label (99,999,999,999,999 was cut to
    "00,000,000" in the fixed 56 px)."""
    widest = max((_text_width(_fmt(t) + unit) for t in ticks), default=0)
    return max(least, math.ceil(widest) + 10)


class _Frame:
    """The plot area inside the margins, and the value -> pixel mapping of the y axis."""

    def __init__(self, width, height, lo, hi, left=56, right=28, top=34, bottom=34, unit=""):
        self.ticks = nice_ticks(lo, hi)
        left = _tick_margin(self.ticks, unit, left)
        self.left, self.right, self.top, self.bottom = left, width - right, top, height - bottom
        self.lo, self.hi = self.ticks[0], self.ticks[-1]
        if self.hi == self.lo:
            self.hi = self.lo + 1

    def y(self, v: float) -> float:
        return round(self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top), 1)

    @property
    def plot_w(self) -> float:
        return self.right - self.left


def _color(i: int, given: str | None) -> str:
    return given or PALETTE[i % len(PALETTE)]


# ---------------------------------------------------------------- charts


def line_chart(
    *,
    title: str,
    categories: list,
    series: list[Series],
    ref_lines: list[RefLine] = (),
    desc: str = "",
    unit: str = "",
    y_min: float | None = None,
    y_max: float | None = None,
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Lines over categories (periods), with optional horizontal reference lines."""
    values = [_num(v) for s in series for v in s.values if v is not None]
    values += [_num(r.value) for r in ref_lines]
    lo = y_min if y_min is not None else min(values, default=0)
    hi = y_max if y_max is not None else max(values, default=1)
    legend = [(s.label, _color(i, s.color), s.dashed) for i, s in enumerate(series)]
    legend += [(r.label, r.color, r.dashed) for r in ref_lines]
    extra = 16 * (_legend_rows(legend, width - 84) - 1)
    height += extra
    f = _Frame(width, height, lo, hi, top=34 + extra, unit=unit)
    n = len(categories)
    step = f.plot_w / max(n - 1, 1)

    def x_of(i):
        return round(f.left + (i * step if n > 1 else f.plot_w / 2), 1)

    body = _y_axis(f.ticks, f.y, f.left, f.right, unit)
    for r in ref_lines:
        y = f.y(_num(r.value))
        body.append(
            _el(
                "line",
                x1=f.left,
                y1=y,
                x2=f.right,
                y2=y,
                stroke=r.color,
                stroke_width=1.5,
                stroke_dasharray="6 4" if r.dashed else None,
                class_="ref",
            )
        )
    for si, s in enumerate(series):
        color = _color(si, s.color)
        segment, segments = [], []
        for i, v in enumerate(s.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append((x_of(i), f.y(_num(v))))
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                body.append(
                    _el(
                        "polyline",
                        points=" ".join(f"{x},{y}" for x, y in seg),
                        fill="none",
                        stroke=color,
                        stroke_width=2,
                        stroke_dasharray="5 3" if s.dashed else None,
                        class_="series",
                    )
                )
        for i, v in enumerate(s.values):
            if v is not None:
                note = s.notes[i] if s.notes and i < len(s.notes) and s.notes[i] else ""
                tip = f"{s.label} · {categories[i]}: {_fmt(_num(v))}{unit}" + (f" ({note})" if note else "")
                dot = (s.point_colors[i] if s.point_colors and i < len(s.point_colors) else None) or color
                body.append(_el("circle", _el("title", escape(tip)), cx=x_of(i), cy=f.y(_num(v)), r=3.5, fill=dot))
    body += _x_labels(categories, x_of, f.bottom + 16, f.plot_w)
    body += _legend(legend, f.left, 16, f.plot_w)
    columns = ["", *[s.label for s in series], *[r.label for r in ref_lines]]
    rows = [
        [
            str(c),
            *[_fmt(_num(s.values[i])) if i < len(s.values) else "" for s in series],
            *[_fmt(_num(r.value)) for r in ref_lines],
        ]
        for i, c in enumerate(categories)
    ]
    return Chart(_svg(title, desc or title, width, height, body), title, columns, rows)


def bar_chart(
    *,
    title: str,
    categories: list,
    series: list[Series],
    stacked: bool = False,
    ref_lines: list[RefLine] = (),
    desc: str = "",
    unit: str = "",
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Grouped bars per category (or stacked, the series summed), zero-based, negatives allowed."""
    n = max(len(categories), 1)
    if stacked:
        pos = [sum(max(_num(s.values[i]) or 0, 0) for s in series) for i in range(len(categories))]
        neg = [sum(min(_num(s.values[i]) or 0, 0) for s in series) for i in range(len(categories))]
        values = pos + neg
    else:
        values = [_num(v) or 0 for s in series for v in s.values]
    values += [_num(r.value) for r in ref_lines]
    legend = [(s.label, _color(i, s.color), False) for i, s in enumerate(series)]
    legend += [(r.label, r.color, r.dashed) for r in ref_lines]
    extra = 16 * (_legend_rows(legend, width - 84) - 1)
    height += extra
    lo, hi = min([0, *values]), max([0, *values])
    left = _tick_margin(nice_ticks(lo, hi), unit)
    band = (width - left - 28) / n
    label_extra = _band_labels(categories, lambda i: 0, 0, band)[1]
    height += label_extra
    f = _Frame(width, height, lo, hi, left=left, top=34 + extra, bottom=34 + label_extra, unit=unit)
    # Bars at most 48 px wide: one category (a currency with a single budget category) is not a slab.
    bar_w = min(band * 0.7 if stacked else band * 0.7 / max(len(series), 1), 48)
    group_w = bar_w if stacked else bar_w * max(len(series), 1)

    def x_of(i):
        return round(f.left + band * i + band / 2, 1)

    body = _y_axis(f.ticks, f.y, f.left, f.right, unit)
    zero = f.y(0)
    for i, cat in enumerate(categories):
        up = down = 0.0
        for si, s in enumerate(series):
            v = _num(s.values[i]) if i < len(s.values) else None
            if v is None:
                continue
            if stacked:
                base = up if v >= 0 else down
                y0, y1 = f.y(base), f.y(base + v)
                if v >= 0:
                    up += v
                else:
                    down += v
                x = x_of(i) - group_w / 2
            else:
                y0, y1 = zero, f.y(v)
                x = x_of(i) - group_w / 2 + si * bar_w
            top, h = min(y0, y1), abs(y1 - y0)
            tip = f"{s.label} · {cat}: {_fmt(v)}{unit}"
            body.append(
                _el(
                    "rect",
                    _el("title", escape(tip)),
                    x=round(x, 1),
                    y=top,
                    width=round(max(bar_w - 1, 1), 1),
                    height=h,
                    fill=_color(si, s.color),
                    class_="bar",
                )
            )
    body.append(_el("line", x1=f.left, y1=zero, x2=f.right, y2=zero, stroke=AXIS, stroke_width=1))
    for r in ref_lines:
        y = f.y(_num(r.value))
        body.append(
            _el(
                "line",
                x1=f.left,
                y1=y,
                x2=f.right,
                y2=y,
                stroke=r.color,
                stroke_width=1.5,
                stroke_dasharray="6 4" if r.dashed else None,
                class_="ref",
            )
        )
    body += _band_labels(categories, x_of, f.bottom + 16, band)[0]
    body += _legend(legend, f.left, 16, f.plot_w)
    columns = ["", *[s.label for s in series]]
    rows = [
        [str(c), *[_fmt(_num(s.values[i])) if i < len(s.values) else "" for s in series]]
        for i, c in enumerate(categories)
    ]
    return Chart(_svg(title, desc or title, width, height, body), title, columns, rows)


HEAT_COLORS = {"low": "#d8f0e3", "medium": "#fff0c2", "high": "#ffd3b0", "critical": "#a4161a"}
HEAT_TEXT = {"low": "#0d4a2f", "medium": "#5c3d00", "high": "#6b2500", "critical": "#ffffff"}


def risk_level(score: int) -> str:
    """DOMAIN.md's risk levels of a likelihood x impact score: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical."""
    if score >= 20:
        return "critical"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


def heat_map(
    *,
    title: str,
    counts: dict,
    x_label: str,
    y_label: str,
    size: int = 5,
    desc: str = "",
    links: dict | None = None,
    cell: int = 48,
) -> Chart:
    """A size x size grid: x = impact 1..size left to right, y = likelihood 1..size bottom to top.

    `counts` maps (likelihood, impact) to a number; cells are coloured by risk_level(l x i);
    `links` optionally maps (likelihood, impact) to a URL (pages only; PDFs leave it out)."""
    left, top = 52, 12
    width, height = left + cell * size + 12, top + cell * size + 46
    body = []
    for li in range(size, 0, -1):
        y = top + (size - li) * cell
        body.append(_text(left - 8, y + cell / 2 + 4, str(li), size=11, anchor="end", fill=AXIS))
        for im in range(1, size + 1):
            x = left + (im - 1) * cell
            level = risk_level(li * im)
            n = counts.get((li, im), 0)
            tip = f"{y_label} {li}, {x_label} {im}: {n}"
            rect = _el(
                "rect",
                _el("title", escape(tip)),
                x=x + 1,
                y=y + 1,
                width=cell - 2,
                height=cell - 2,
                rx=3,
                fill=HEAT_COLORS[level],
                class_=f"heat-{level}",
            )
            label = _text(
                x + cell / 2,
                y + cell / 2 + 5,
                str(n) if n else "·",
                size=14 if n else 12,
                anchor="middle",
                fill=HEAT_TEXT[level],
                weight="700" if n else None,
            )
            url = (links or {}).get((li, im)) if n else None
            body.append(f'<a href="{escape(url)}">{rect}{label}</a>' if url else rect + label)
    for im in range(1, size + 1):
        body.append(
            _text(left + (im - 0.5) * cell, top + size * cell + 16, str(im), size=11, anchor="middle", fill=AXIS)
        )
    body.append(_text(left + size * cell / 2, top + size * cell + 36, x_label, size=11, anchor="middle", fill=AXIS))
    cy = top + size * cell / 2
    body.append(_text(14, cy, y_label, size=11, anchor="middle", fill=AXIS, transform=f"rotate(-90 14 {cy})"))
    columns = [f"{y_label} \\ {x_label}", *[str(i) for i in range(1, size + 1)]]
    rows = [[str(li), *[str(counts.get((li, im), 0)) for im in range(1, size + 1)]] for li in range(size, 0, -1)]
    return Chart(_svg(title, desc or title, width, height, body), title, columns, rows)


def scatter_chart(
    *,
    title: str,
    points: list[Point],
    x_label: str,
    y_label: str,
    x_split: float | Decimal | None = None,
    y_split: float | Decimal | None = None,
    quadrant_labels: tuple[str, str, str, str] | None = None,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    desc: str = "",
    width: int = 640,
    height: int = 360,
) -> Chart:
    """Labelled points on two value axes, with optional quadrant lines at x_split / y_split.

    quadrant_labels: (top-left, top-right, bottom-left, bottom-right)."""
    xs = [_num(p.x) for p in points] + ([_num(x_split)] if x_split is not None else [])
    ys = [_num(p.y) for p in points] + ([_num(y_split)] if y_split is not None else [])
    x_lo, x_hi = x_range or (min([0.0, *xs]), max(xs, default=1))
    y_lo, y_hi = y_range or (min(ys, default=0), max(ys, default=1))
    f = _Frame(width, height, y_lo, y_hi, left=64, bottom=48, top=16, right=24)
    xt = nice_ticks(x_lo, x_hi)
    xlo, xhi = xt[0], xt[-1] if xt[-1] != xt[0] else xt[0] + 1

    def x_of(v):
        return round(f.left + (v - xlo) / (xhi - xlo) * f.plot_w, 1)

    body = _y_axis(f.ticks, f.y, f.left, f.right)
    for t in xt:
        body.append(_el("line", x1=x_of(t), y1=f.top, x2=x_of(t), y2=f.bottom, stroke=GRID, stroke_width=1))
        body.append(_text(x_of(t), f.bottom + 14, _fmt(t), size=10, anchor="middle", fill=AXIS))
    if x_split is not None:
        x = x_of(_num(x_split))
        body.append(
            _el(
                "line",
                x1=x,
                y1=f.top,
                x2=x,
                y2=f.bottom,
                stroke=AXIS,
                stroke_width=1.5,
                stroke_dasharray="6 4",
                class_="quadrant",
            )
        )
    if y_split is not None:
        y = f.y(_num(y_split))
        body.append(
            _el(
                "line",
                x1=f.left,
                y1=y,
                x2=f.right,
                y2=y,
                stroke=AXIS,
                stroke_width=1.5,
                stroke_dasharray="6 4",
                class_="quadrant",
            )
        )
    if quadrant_labels:
        tl, tr, bl, br = quadrant_labels
        body.append(_text(f.left + 6, f.top + 14, tl, size=10, fill=AXIS))
        body.append(_text(f.right - 6, f.top + 14, tr, size=10, anchor="end", fill=AXIS))
        body.append(_text(f.left + 6, f.bottom - 6, bl, size=10, fill=AXIS))
        body.append(_text(f.right - 6, f.bottom - 6, br, size=10, anchor="end", fill=AXIS))
    for p in points:
        cx, cy = x_of(_num(p.x)), f.y(_num(p.y))
        color = _color(0 if not p.highlight else 3, p.color)
        tip = f"{p.label}: {_fmt(_num(p.x))}, {_fmt(_num(p.y))}"
        body.append(
            _el(
                "circle",
                _el("title", escape(tip)),
                cx=cx,
                cy=cy,
                r=7 if p.highlight else 5,
                fill=color,
                stroke="#ffffff",
                stroke_width=1,
                class_="point",
            )
        )
        if p.show_label:
            anchor = "end" if cx > f.left + f.plot_w * 0.75 else "start"
            dx = -9 if anchor == "end" else 9
            body.append(_text(cx + dx, cy - 6, p.label, size=11, anchor=anchor, weight="700" if p.highlight else None))
    body.append(_text(f.left + f.plot_w / 2, f.bottom + 34, x_label, size=11, anchor="middle", fill=AXIS))
    cy = f.top + (f.bottom - f.top) / 2
    body.append(_text(16, cy, y_label, size=11, anchor="middle", fill=AXIS, transform=f"rotate(-90 16 {cy})"))
    columns = ["", x_label, y_label]
    rows = [[p.label, _fmt(_num(p.x)), _fmt(_num(p.y))] for p in points]
    return Chart(_svg(title, desc or title, width, height, body), title, columns, rows)
