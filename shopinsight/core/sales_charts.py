"""Chart builders for the Overview: each takes a result frame of :mod:`.analytics` and returns
a Matplotlib ``Figure`` (no pyplot), so the GUI, exports and the CLI draw the same charts.

All text shown on a chart comes from ``texts`` (defaults below, translated by the core catalog in
the current language, so the CLI's ``--charts`` follow ``--lang`` too; the GUI may pass its own); numbers use compact forms (1.2M, 350k) with the
shop's currency symbol.
"""
from __future__ import annotations

from typing import Mapping, Optional

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .charts import (ACCENT, DATE_TEXTS, MUTED, NEGATIVE, TEXT, annotate_bars, date_axis, empty_figure,
                     money_formatter, new_figure, product_labels, short_label)
from . import drill, fmt
from .i18n import N_, _

__all__ = ["DEFAULT_TEXTS", "sales_over_time_figure", "top_products_figure", "countries_figure",
           "weekday_hour_figure"]

# English sources, marked for the core catalog; _t() translates them when a chart is drawn (the
# GUI may still pass its own ``texts``, which win)
DEFAULT_TEXTS: dict = {
    "sales_title": N_("Sales over time"),
    "net_sales": N_("Net sales"),
    "gross_sales": N_("Sales"),
    "cancellations": N_("Cancellations"),
    "partial": N_("incomplete period"),
    "top_products_title": N_("Top products by net sales"),
    "countries_title": N_("Net sales by country"),
    "heatmap_title": N_("When customers order (sales by day of week and hour)"),
    "hour": N_("Hour of day"),
    "no_data": N_("No sales in this period"),
    "no_times": N_("The data has no times of day"),
    "months": [N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
               N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")],
    "weekdays": [N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")],
    **DATE_TEXTS,
    "freq_D": N_("per day"), "freq_W": N_("per week"), "freq_M": N_("per month"),
}


def _t(texts: Optional[Mapping], key: str):
    if texts and key in texts:
        return texts[key]
    v = DEFAULT_TEXTS[key]
    return [_(x) for x in v] if isinstance(v, list) else _(v)


def sales_over_time_figure(df: pd.DataFrame, freq: str = "W", currency: str = "",
                           texts: Optional[Mapping] = None, width: float = 9.0, height: float = 3.6) -> Figure:
    """Bars of sales above zero and cancellations below it, with the net-sales line.

    ``df`` is :func:`analytics.sales_over_time` output; incomplete periods are drawn lighter.
    """
    if df is None or df.empty or not np.any(df["gross_sales"].to_numpy() != 0):
        return empty_figure(_t(texts, "no_data"), width, height)
    from matplotlib.dates import date2num
    from matplotlib.patches import Patch

    fig = new_figure(width, height)
    ax = fig.add_subplot()
    x = pd.to_datetime(df["period_start"])
    span = {"D": 1, "W": 7, "M": 30}[freq]
    # bars start at the period's first day: shift by half a period so they sit over it
    centres = date2num(x) + (span / 2.0 if freq != "D" else 0.0)
    width_days = span * (0.8 if freq != "D" else 0.9)
    partial = df["partial"].to_numpy(dtype=bool)
    alpha = np.where(partial, 0.35, 1.0)
    gross = df["gross_sales"].to_numpy(dtype=float)
    canc = df["cancellations"].to_numpy(dtype=float)
    net = df["net_sales"].to_numpy(dtype=float)
    bars = ax.bar(centres, gross, width=width_days, color=ACCENT, linewidth=0)
    cbars = ax.bar(centres, canc, width=width_days, color=NEGATIVE, linewidth=0)
    for b, c, a in zip(bars, cbars, alpha):  # per-bar alpha: bar() takes one alpha for all
        b.set_alpha(a)
        c.set_alpha(a)
    drill.add_bars(ax, bars, df["period_start"].astype(str).tolist())   # a click: that period's lines
    line_kw = dict(color=TEXT, linewidth=1.4 if freq != "D" else 1.0)
    if freq != "D":
        # an incomplete period's total is not comparable: the line does not run into it (that
        # would read as a collapse); it is marked on its own with a hollow point instead
        ax.plot(centres, np.where(partial, np.nan, net), marker="o", markersize=3, gid="net_sales", **line_kw)
        if partial.any():
            ax.plot(centres[partial], net[partial], linestyle="none", marker="o", markersize=4,
                    markerfacecolor="white", markeredgecolor=TEXT, gid="net_sales_incomplete")
    else:
        roll = pd.Series(net).rolling(7, min_periods=1, center=True).mean().to_numpy()
        ax.plot(centres, roll, gid="net_sales", **line_kw)
    ax.axhline(0, color="#9aa3b2", linewidth=0.8)
    ax.yaxis.set_major_formatter(money_formatter(currency))
    date_axis(ax.xaxis, texts)
    ax.set_xlim(centres.min() - width_days, centres.max() + width_days)
    ax.set_title(f"{_t(texts, 'sales_title')} ({_t(texts, 'freq_' + freq)})")
    from matplotlib.lines import Line2D
    handles = [Patch(color=ACCENT, label=_t(texts, "gross_sales")),
               Patch(color=NEGATIVE, label=_t(texts, "cancellations")),
               Line2D([], [], label=_t(texts, "net_sales") + (" (7d)" if freq == "D" else ""), **line_kw)]
    if partial.any():
        handles.append(Patch(color=ACCENT, alpha=0.35, label=_t(texts, "partial")))
    ax.legend(handles=handles, loc="upper left", ncols=len(handles), bbox_to_anchor=(0, 1.0))
    top = max(gross.max(), 1.0)
    ax.set_ylim(min(canc.min() * 1.15, -top * 0.02), top * 1.18)   # room for the legend
    return fig


def top_products_figure(df: pd.DataFrame, currency: str = "", texts: Optional[Mapping] = None,
                        width: float = 6.0, height: float = 4.0) -> Figure:
    """Horizontal bars of the best products' net sales (best on top), values at bar ends."""
    if df is None or df.empty:
        return empty_figure(_t(texts, "no_data"), width, height)
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    d = df.iloc[::-1]
    labels = product_labels(d["product_name"], d["product_id"] if "product_id" in d else d["product_name"], 30)
    y = np.arange(len(d))
    bars = ax.barh(y, d["net_sales"].to_numpy(dtype=float), color=ACCENT, height=0.7)
    if "product_id" in d:
        drill.add_bars(ax, bars, d["product_id"].tolist(), axis="y")
    ax.set_yticks(y, labels)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_formatter(money_formatter(currency))
    ax.set_xlim(0, max(float(d["net_sales"].max()), 1.0) * 1.05)
    label = money_formatter(currency)
    annotate_bars(ax, bars, [label(v) for v in d["net_sales"]])
    ax.set_title(_t(texts, "top_products_title"))
    ax.tick_params(axis="y", length=0)
    return fig


def countries_figure(df: pd.DataFrame, currency: str = "", texts: Optional[Mapping] = None,
                     width: float = 6.0, height: float = 4.0) -> Figure:
    """Horizontal bars of net sales by country with each country's share; "Other" in grey."""
    if df is None or df.empty:
        return empty_figure(_t(texts, "no_data"), width, height)
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    d = df.iloc[::-1]
    y = np.arange(len(d))
    values = d["net_sales"].to_numpy(dtype=float)
    colors = [MUTED if i == 0 and len(df) > 1 and _is_other(df) else ACCENT for i in range(len(d))]
    # log scale would hide how dominant the home market usually is: keep it linear
    bars = ax.barh(y, np.clip(values, 0, None), color=colors, height=0.7)
    drill.add_bars(ax, bars, d["country"].tolist(), axis="y")     # core.drill.overview_lines maps them
    ax.set_yticks(y, [short_label(c, 22) for c in d["country"]])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_formatter(money_formatter(currency))
    ax.set_xlim(0, max(values.max(), 1.0) * 1.05)
    label = money_formatter(currency)
    shares = d["share"].to_numpy(dtype=float)
    annotate_bars(ax, bars, [f"{label(v)}  ({fmt.percent(s)})" if np.isfinite(s) else label(v)
                             for v, s in zip(values, shares)], inside_min_frac=0.5)
    ax.set_title(_t(texts, "countries_title"))
    ax.tick_params(axis="y", length=0)
    return fig


def _is_other(df: pd.DataFrame) -> bool:
    # the "Other" row, when present, is the last row of sales_by_country's output
    return bool(len(df) > 10 or (df["country"].iloc[-1] not in set(df["country"].iloc[:-1])
                                 and df["net_sales"].iloc[-1] > df["net_sales"].iloc[-2]))


def weekday_hour_figure(grid: pd.DataFrame, currency: str = "", texts: Optional[Mapping] = None,
                        width: float = 9.0, height: float = 3.2) -> Figure:
    """Heatmap of sales by day of week (rows) and hour (columns), hours trimmed to the open ones."""
    if grid is None or float(np.abs(grid.to_numpy()).sum()) == 0.0:
        return empty_figure(_t(texts, "no_times"), width, height)
    values = grid.to_numpy(dtype=float)
    active = np.flatnonzero(values.sum(axis=0) != 0)
    h0, h1 = int(active.min()), int(active.max())
    sub = values[:, h0:h1 + 1]
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    im = ax.imshow(sub, aspect="auto", cmap="Blues", interpolation="nearest")
    drill.add_grid(ax, [[(r, h0 + c) for c in range(sub.shape[1])] for r in range(sub.shape[0])])
    ax.set_yticks(range(7), _t(texts, "weekdays"))
    ax.set_xticks(range(sub.shape[1]), [f"{h}" for h in range(h0, h1 + 1)])
    ax.set_xlabel(_t(texts, "hour"))
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    # values in the cells: compact money, white on dark cells
    label = money_formatter("")
    vmax = sub.max() or 1.0
    if sub.shape[1] <= 18:
        for r in range(sub.shape[0]):
            for c in range(sub.shape[1]):
                v = sub[r, c]
                if v:
                    ax.text(c, r, label(round(v)), ha="center", va="center", fontsize=7,
                            color="white" if v > vmax * 0.55 else TEXT)
    cb = fig.colorbar(im, ax=ax, shrink=0.9, pad=0.01, format=money_formatter(currency))
    cb.outline.set_visible(False)
    cb.ax.tick_params(labelsize=7.5, length=0)
    ax.set_title(_t(texts, "heatmap_title"))
    return fig
