"""Trend charts for the HTML report: one inline SVG per series, drawn by matplotlib.

Why matplotlib SVG (and not Vega-Lite rendered by vl-convert): the report must open offline, be
mailed and archived as one file, and carry no scripts (it shows text from news pages); an SVG that
matplotlib wrote is plain markup, needs no JavaScript in the reader's browser and no second
toolchain here, and it scales with the page. Vega-Lite would need its runtime in the page, or
vl-convert's bundled engine to pre-render, for no gain on static line charts.

Each series (category and metric: cases, or losses in HK$) is one figure with two panels, by year
and by half-year. How a point is drawn tells where it comes from:
  * official value: filled blue circle on the line;
  * media value (no official figure for that period): orange triangle on the line;
  * derived value (H2 = full year - H1, never published): hollow marker, dashed line into it;
  * a media report beside an official value: orange cross off the line.
Every drawn mark carries an SVG id `<chart>-marks-<n>`, so a test can count what a browser drew.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

__all__ = ["Series", "series_of", "render_chart", "MARK_ID"]

OFFICIAL = "#1f4e99"
MEDIA = "#d9730d"
GRID = "#e3e7ee"
PANELS = (("year", "by year"), ("half", "by half-year"))
MARK_ID = "{chart}-marks-{n}"
_SVG_HEAD = re.compile(r"^.*?(?=<svg)", re.S)
_SIZE_ATTRS = re.compile(r'\s(width|height)="[^"]*pt"')


@dataclass
class Series:
    """The points of one chart: (category, metric, unit) and its rows from report_chart_points.sql."""

    category: str
    metric: str
    unit: str
    points: list[dict] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"chart-{self.category}-{self.metric}".replace("_", "-")

    @property
    def title(self) -> str:
        what = "losses (HK$)" if self.metric == "loss" else self.metric
        return f"{self.category.replace('_', ' ').capitalize()}: {what}"


def series_of(rows: Iterable[dict]) -> list[Series]:
    """Rows (already ordered by category rank, category, metric) grouped into one Series per chart."""
    out = []
    for (category, metric, unit), points in groupby(
        rows, key=lambda r: (r["category"], r["metric"], r["unit"])
    ):
        out.append(Series(category, metric, unit, list(points)))
    return out


def _money_scale(values: list[float]) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0)
    if top >= 1e9:
        return 1e9, "bn"
    if top >= 1e6:
        return 1e6, "m"
    return 1, ""


def _formatter(unit: str, values: list[float]) -> FuncFormatter:
    """Axis labels as HK sources print numbers: '15 637', 'HK$2.0bn'."""
    if unit == "HKD":
        scale, suffix = _money_scale(values)
        return FuncFormatter(lambda v, _pos: f"HK${v / scale:,.1f}{suffix}" if suffix else f"HK${v:,.0f}")
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}".replace(",", " "))


class _Marks:
    """Hands out the SVG ids of drawn marks for one chart."""

    def __init__(self, chart: str) -> None:
        self.chart, self.n = chart, 0

    def gid(self) -> str:
        self.n += 1
        return MARK_ID.format(chart=self.chart, n=self.n)


def _x(point: dict) -> float:
    """Position on a time axis: 2023 -> 2023.0, 2023-H2 -> 2023.5, so a missing period leaves a gap."""
    start = point["period_start"]
    return start.year + (start.month - 1) / 12


STEP = {"year": 1.0, "half": 0.5}


def _mark_style(point: dict) -> tuple[str, dict]:
    """(legend key, matplotlib marker style) of one point: where it comes from decides its look."""
    color = MEDIA if point["source_tier"] == "media" else OFFICIAL
    if point["role"] == "media":
        return "media_report", {"marker": "x", "color": MEDIA, "markersize": 8, "mew": 2}
    if point["is_derived"]:
        return "derived", {"marker": "o", "mfc": "white", "mec": color, "markersize": 8, "mew": 2}
    if point["source_tier"] == "media":
        return "media", {"marker": "^", "color": MEDIA, "markersize": 8}
    return "official", {"marker": "o", "color": OFFICIAL, "markersize": 8}


def _draw_panel(ax, points: list[dict], unit: str, marks: _Marks) -> set[str]:
    """One panel's line and markers; returns the legend keys used.

    Consecutive periods are joined; a period with no value breaks the line instead of being
    bridged, so a gap in the data shows as a gap.
    """
    chosen = [p for p in points if p["role"] == "chosen"]
    step = STEP[points[0]["period_type"]]
    for a, b in zip(chosen, chosen[1:], strict=False):
        if abs(_x(b) - _x(a) - step) > 1e-6:
            continue
        style = "--" if a["is_derived"] or b["is_derived"] else "-"
        (line,) = ax.plot([_x(a), _x(b)], [a["value"], b["value"]], style)
        line.set(color="#7d8797", linewidth=1.4, zorder=1, gid=marks.gid())
    used = set()
    for p in points:
        kind, mark_style = _mark_style(p)
        (mark,) = ax.plot([_x(p)], [p["value"]], linestyle="none", zorder=3, **mark_style)
        mark.set_gid(marks.gid())
        used.add(kind)
    ticks = dict(sorted({_x(p): p["period_label"] for p in points}.items()))
    crowded = len(ticks) > 6
    ax.set_xticks(
        list(ticks), list(ticks.values()), rotation=45 if crowded else 0, ha="right" if crowded else "center"
    )
    ax.set_xlim(min(ticks) - step / 2, max(ticks) + step / 2)
    values = [p["value"] for p in points]
    ax.yaxis.set_major_formatter(_formatter(unit, values))
    ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.set_ylim(bottom=min(0, min(values)), top=max(values) * 1.12 or 1)
    return used


LEGEND = {
    "official": Line2D([], [], marker="o", color=OFFICIAL, linestyle="none", label="official"),
    "media": Line2D([], [], marker="^", color=MEDIA, linestyle="none", label="media (no official figure)"),
    "derived": Line2D(
        [],
        [],
        marker="o",
        mfc="white",
        mec=OFFICIAL,
        mew=2,
        linestyle="none",
        label="derived (H2 = year − H1)",
    ),
    "media_report": Line2D(
        [], [], marker="x", color=MEDIA, mew=2, linestyle="none", label="media report of it"
    ),
}


def _figure(series: Series) -> Figure:
    # fixed margins rather than layout="constrained": the same look for these small panels at a
    # third of the drawing time (the layout engine re-measures every text several times)
    fig = Figure(figsize=(6.4, 3.0), dpi=100)
    axes = fig.subplots(
        1, 2, gridspec_kw={"left": 0.13, "right": 0.98, "top": 0.9, "bottom": 0.3, "wspace": 0.4}
    )
    used: set[str] = set()
    marks = _Marks(series.anchor)
    for ax, (period_type, heading) in zip(axes, PANELS, strict=True):
        points = [p for p in series.points if p["period_type"] == period_type]
        ax.set_title(heading, fontsize=10, loc="left", color="#5a6473")
        ax.grid(axis="y", color=GRID)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        if points:
            used |= _draw_panel(ax, points, series.unit, marks)
        else:
            ax.set_xticks([])
            ax.set_yticks([])
            ax.spines[["left", "bottom"]].set_visible(False)
            ax.text(0.5, 0.5, "no figures", ha="center", va="center", transform=ax.transAxes, color="#5a6473")
    handles = [LEGEND[k] for k in LEGEND if k in used]
    fig.legend(handles=handles, loc="lower center", ncols=len(handles) or 1, fontsize=8, frameon=False)
    return fig


_ID = re.compile(r'(\sid="|href="#|url\(#)([^"\)]+)')


def _scoped_ids(svg: str, prefix: str) -> str:
    """Every id in the SVG, and every reference to one, prefixed with the chart's anchor.

    matplotlib numbers its groups the same way in every figure (figure_1, axes_1, ...); inline
    in one page those would clash, and a reference could point into another chart.
    """

    def scoped(match: re.Match) -> str:
        lead, name = match.groups()
        return lead + (name if name.startswith(prefix) else f"{prefix}-{name}")

    return _ID.sub(scoped, svg)


def render_chart(series: Series) -> str:
    """The chart of one series as an inline <svg> element (no XML prolog, sized by the page)."""
    rc = {"svg.fonttype": "none", "svg.hashsalt": series.anchor, "font.family": ["DejaVu Sans", "sans-serif"]}
    # matplotlib's stubs type rc_context's argument as a dict keyed by Literal rc names; a dict
    # built from str keys cannot satisfy that, though every key here is a valid rc name.
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = _figure(series)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _scoped_ids(_SVG_HEAD.sub("", buf.getvalue(), count=1), series.anchor)
    svg = _SIZE_ATTRS.sub("", svg.split(">", 1)[0]) + ">" + svg.split(">", 1)[1]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(series.title)}" ', 1)
