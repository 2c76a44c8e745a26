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
from matplotlib.figure import Figure

__all__ = ["new_figure", "setup", "cjk_font", "PALETTE", "ACCENT", "NEGATIVE", "MUTED",
           "money_formatter", "count_formatter", "empty_figure", "short_label", "save_figure"]

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
    "pdf.fonttype": 42,         # embed TrueType so PDFs keep CJK text as text
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


def _compact(x: float, decimals: int = 1) -> str:
    ax = abs(x)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if ax >= div:
            s = f"{x / div:,.{decimals}f}".rstrip("0").rstrip(".")
            return f"{s}{suffix}"
    return f"{x:,.0f}" if ax >= 10 or x == int(x) else f"{x:,.2f}"


def money_formatter(symbol: str = ""):
    """Axis formatter for amounts: 1.2M, 350k, with an optional currency symbol."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos=None) -> str:
        s = _compact(x)
        if not symbol:
            return s
        return f"-{symbol}{s[1:]}" if s.startswith("-") else f"{symbol}{s}"
    return FuncFormatter(fmt)


def count_formatter():
    """Axis formatter for counts (thousands separators, compact above 10k)."""
    from matplotlib.ticker import FuncFormatter
    return FuncFormatter(lambda x, _pos=None: _compact(x) if abs(x) >= 10_000 else f"{x:,.0f}")


def short_label(text: object, width: int = 28) -> str:
    """Shorten a long product name for an axis label (keeps the start, adds an ellipsis)."""
    s = str(text) if text is not None else ""
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def save_figure(fig: Figure, path: str | os.PathLike, dpi: Optional[float] = None) -> Path:
    """Save a figure by extension (.png/.svg/.pdf) with the Agg-based canvases, no pyplot."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower() or "png"
    kwargs = {"dpi": dpi} if dpi else {}
    fig.savefig(path, format=fmt, **kwargs)
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
