"""Shared Matplotlib style for every chart the app draws (GUI, exports, CLI).

Chart builders in the core return :class:`matplotlib.figure.Figure` objects made with
:func:`new_figure` — never pyplot, so there is no global figure state and the same builder
serves the GUI canvas and file export.  :func:`setup` (called by :func:`new_figure`) applies
the house style once and picks a CJK-capable font so Chinese product names and labels render:
Matplotlib, unlike Qt, does not find such fonts by itself.  With no CJK font installed charts
still render (CJK glyphs show as boxes) and :func:`cjk_font` returns None.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from . import fmt
from .i18n import N_, _

__all__ = ["new_figure", "setup", "cjk_font", "PALETTE", "ACCENT", "NEGATIVE", "MUTED",
           "money_formatter", "count_formatter", "count_axis", "CompactFormatter", "empty_figure", "short_label", "save_figure",
           "DATE_TEXTS", "date_formatter", "date_axis"]

# A calm, colour-blind-friendly palette (Tableau 10 reordered); ACCENT is the main series.
PALETTE = ["#2f6db3", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]
ACCENT = PALETTE[0]
NEGATIVE = "#d1495b"   # cancellations / returns
MUTED = "#8a94a6"
TEXT = "#2b2f36"
GRID = "#e3e7ee"

# Families known to carry Simplified Chinese glyphs, best first (Linux, macOS, Windows).
CJK_FAMILIES = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Droid Sans Fallback", "Noto Sans CJK JP", "Arial Unicode MS",
]
# Font files to register when Matplotlib's font cache predates their installation.
_CJK_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
]

_STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#c4cad4",
    "axes.labelcolor": TEXT,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 8,
    "axes.labelsize": 9,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "font.size": 9,
    "lines.linewidth": 1.6,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.fonttype": "none",     # SVG keeps real text (searchable, editable)
    # PDF text as Type 3 fonts made from the glyph outlines: works for every font Matplotlib can
    # draw.  Type 42 (TrueType) embeds the CFF-outline OpenType fonts CJK text needs (Noto Sans CJK,
    # Source Han) as if they were TrueType, and viewers then draw wrong or no glyphs.
    "pdf.fonttype": 3,
}

_state: dict = {"done": False, "cjk": None}


def _find_cjk_family() -> Optional[str]:
    from matplotlib import font_manager as fm

    def known() -> set[str]:
        return {f.name for f in fm.fontManager.ttflist}

    names = known()
    for fam in CJK_FAMILIES:
        if fam in names:
            return fam
    # the font cache may predate the font's installation, or the font is shipped with the app
    extra: list[str] = []
    env = os.environ.get("SHOPINSIGHT_CJK_FONT")
    if env:
        extra.append(env)
    from ..resources import resource_path
    fonts_dir = resource_path("fonts")
    if fonts_dir.is_dir():
        extra += [str(p) for p in sorted(fonts_dir.iterdir()) if p.suffix.lower() in (".ttf", ".otf", ".ttc")]
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", "C:/Windows")
        extra += [f"{windir}/Fonts/msyh.ttc", f"{windir}/Fonts/simhei.ttf"]
    extra += _CJK_FILES
    for path in extra:
        if Path(path).is_file():
            try:
                fm.fontManager.addfont(path)
            except Exception:   # an unreadable font file must not break charts
                continue
    names = known()
    for fam in CJK_FAMILIES:
        if fam in names:
            return fam
    return None


def setup() -> Optional[str]:
    """Apply the house style and CJK font once (idempotent); returns the CJK family or None."""
    if _state["done"]:
        return _state["cjk"]
    matplotlib.rcParams.update(_STYLE)
    fam = _find_cjk_family()
    # Matplotlib ≥ 3.6 falls back glyph by glyph through this list: Latin text keeps the
    # first family that has it, CJK characters come from the CJK family.
    families = ["DejaVu Sans"]
    if fam:
        families = [fam, "DejaVu Sans"]
    rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in families]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = families + rest
    matplotlib.rcParams["axes.unicode_minus"] = False   # CJK fonts often lack U+2212
    _state.update(done=True, cjk=fam)
    return fam


def cjk_font() -> Optional[str]:
    """The CJK-capable family charts use (None when none is installed)."""
    return setup()


def new_figure(width: float = 7.0, height: float = 3.6, dpi: float = 100) -> Figure:
    """A styled, constrained-layout Figure (not attached to pyplot or any canvas)."""
    setup()
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def empty_figure(message: str, width: float = 7.0, height: float = 3.0) -> Figure:
    """A figure that says there is nothing to show (e.g. no data in the period)."""
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=11,
            transform=ax.transAxes)
    return fig


def _scale(magnitude: float, compact_from: float) -> tuple[float, str]:
    """The compact unit of the current language (core.fmt: k/M/B, or 万/亿 in Chinese) for an axis."""
    if magnitude >= compact_from:
        for div, suffix in fmt.compact_scales():
            if magnitude >= div:
                return div, suffix
    return 1.0, ""


def _exact_decimals(values, div: float, max_decimals: int = 6) -> int:
    """The fewest decimals that write every ``value / div`` exactly (so no tick label rounds)."""
    v = np.asarray([x / div for x in values], dtype=float)
    v = v[np.isfinite(v)]
    for d in range(max_decimals + 1):
        if np.all(np.abs(np.round(v, d) - v) <= 1e-9 * np.maximum(1.0, np.abs(v))):
            return d
    return max_decimals


def _compact(x: float, sig: int = 3, compact_from: float = 1e3) -> str:
    """One value (not a tick) in compact form with ``sig`` significant digits: 1.23M, 350k, 45."""
    return fmt.compact(x, sig, compact_from)


class CompactFormatter(Formatter):
    """Axis formatter that never states a wrong value.

    On an axis (Matplotlib calls :meth:`set_locs` with the tick positions first) every label
    uses one scale (k/M/B from the largest tick) and as many decimals as the ticks need to be
    written exactly: ticks at 1.0M, 1.25M and 1.5M read "1.00M 1.25M 1.50M", never "1.2M".
    Called on a single value (bar labels, heat-map cells) it gives three significant digits.
    ``compact_from`` is where k/M/B start (1,000 for money, 10,000 for counts).
    """

    def __init__(self, symbol: str = "", compact_from: float = 1e3):
        self.symbol, self.compact_from = symbol, compact_from
        self._axis: Optional[tuple[float, str, int]] = None

    def set_locs(self, locs) -> None:
        self.locs = list(locs)
        finite = [abs(x) for x in self.locs if np.isfinite(x)]
        if not finite:
            self._axis = None
            return
        div, suffix = _scale(max(finite), self.compact_from)
        self._axis = (div, suffix, _exact_decimals(self.locs, div))

    def _sign(self, body: str) -> str:
        return fmt.with_symbol(body, self.symbol)

    def __call__(self, x, pos=None) -> str:
        if pos is not None and self._axis is not None:
            div, suffix, dec = self._axis
            v = x / div
            if abs(v) < 0.5 * 10 ** -dec:          # no "-0"
                v = 0.0
            return self._sign(fmt.number(v, dec) + suffix if v else "0")
        return self._sign(_compact(x, compact_from=self.compact_from))

    def format_data_short(self, value) -> str:
        return self._sign(_compact(value, compact_from=self.compact_from))


def money_formatter(currency: str = ""):
    """Axis formatter for amounts (:class:`CompactFormatter`): 1.25M, 350k, with an optional
    currency — a symbol ("£") or an ISO code ("GBP", written with the language's symbol from
    :mod:`.fmt`); tick labels always state the tick's exact value."""
    return CompactFormatter(fmt.currency_symbol(currency) or currency if currency else "", 1e3)


def count_formatter():
    """Axis formatter for counts (thousands separators, compact from 10k, exact tick values).
    Use :func:`count_axis` to also keep the ticks on whole numbers."""
    return CompactFormatter("", 1e4)


def count_axis(axis) -> None:
    """Make ``axis`` (``ax.xaxis`` / ``ax.yaxis``) a count axis: ticks only on whole numbers
    (a range of 0–2 never reads "0 0 1 2 2") and the :func:`count_formatter`."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins="auto", integer=True, min_n_ticks=2))
    axis.set_major_formatter(count_formatter())


# date tick words, marked for the core catalog (translated when a chart is drawn)
DATE_TEXTS = {
    # TRANSLATORS: a day tick on a date axis, e.g. "9 Dec"; {d} day, {m} month number, {mon} month name
    "day_month": N_("{d} {mon}"),
    # TRANSLATORS: a tick on January or the first tick; {mon} month name, {y} year; \n breaks the line
    "month_year": N_("{mon}\n{y}"),
}


def date_formatter(texts=None) -> Formatter:
    """The one date tick format of every core chart, in the UI language: "Jan" on a month's first
    day, "Jan / 2011" on January and on the first tick, "9 Dec" on other days, "14:00" within a
    day.  Month names from Babel (:func:`fmt.month_names`); ``texts`` may override "months",
    "day_month" and "month_year"."""
    from matplotlib.dates import num2date

    texts = texts or {}
    months = texts.get("months") or fmt.month_names(True)
    day_month = texts.get("day_month") or _(DATE_TEXTS["day_month"])
    month_year = texts.get("month_year") or _(DATE_TEXTS["month_year"])

    class _Fmt(Formatter):
        def __call__(self, x, pos=None):
            d = num2date(x)
            if d.hour or d.minute:
                return f"{d.hour:02d}:{d.minute:02d}"
            mon = months[d.month - 1]
            if d.day == 1:
                if d.month == 1 or pos == 0:
                    return month_year.format(mon=mon, m=d.month, y=d.year)
                return mon
            return day_month.format(d=d.day, mon=mon, m=d.month, y=d.year)
    return _Fmt()


def date_axis(axis, texts=None, minticks: int = 4, maxticks: int = 10) -> None:
    """Make ``axis`` (``ax.xaxis``) a date axis with :func:`date_formatter` ticks: every chart
    module calls this, so the Forecast, Overview, customer and anomaly charts read alike (the
    Forecast chart showed "2011-01" where the Overview showed "Jan")."""
    from matplotlib.dates import AutoDateLocator

    axis.set_major_locator(AutoDateLocator(minticks=minticks, maxticks=maxticks))
    axis.set_major_formatter(date_formatter(texts))


def short_label(text: object, width: int = 28) -> str:
    """Shorten a long product name for an axis label (keeps the start, adds an ellipsis)."""
    s = str(text) if text is not None else ""
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def product_labels(names, codes, width: int = 28) -> list[str]:
    """Axis labels for products: the (shortened) name, with the code added where two products
    would otherwise read the same, so two bars never look like one product twice."""
    short = [short_label(n if n is not None and n == n and str(n).strip() else c, width)
             for n, c in zip(names, codes)]
    counts: dict[str, int] = {}
    for s in short:
        counts[s] = counts.get(s, 0) + 1
    return [f"{short_label(s, max(width - len(str(c)) - 3, 8))} ({c})" if counts[s] > 1 else s
            for s, c in zip(short, codes)]


def save_figure(fig: Figure, path: str | os.PathLike, dpi: Optional[float] = None) -> Path:
    """Save a figure by extension (.png/.svg/.pdf) with the Agg-based canvases, no pyplot."""
    path = Path(path)
    kind = path.suffix.lstrip(".").lower() or "png"
    kwargs = {"dpi": dpi} if dpi else {}
    fig.savefig(path, format=kind, **kwargs)
    return path


def palette(n: int) -> Sequence[str]:
    """``n`` colours from the palette (cycled)."""
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def annotate_bars(ax, bars: Iterable, labels: Iterable[str], inside_min_frac: float = 0.25) -> None:
    """Write value labels at the end of horizontal bars (inside when the bar is long)."""
    xmax = ax.get_xlim()[1] or 1.0
    for bar, label in zip(bars, labels):
        w = bar.get_width()
        y = bar.get_y() + bar.get_height() / 2
        if w >= xmax * inside_min_frac:
            ax.text(w - xmax * 0.01, y, label, ha="right", va="center", color="white", fontsize=8)
        else:
            ax.text(w + xmax * 0.01, y, label, ha="left", va="center", color=TEXT, fontsize=8)
