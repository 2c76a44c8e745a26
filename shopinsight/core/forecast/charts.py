"""Forecast charts (Matplotlib ``Figure`` objects, never pyplot): history + forecast + interval
band + backtest forecasts in one chart, and the price what-if curve."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import drill
from ..i18n import _
from ..registries import FORECAST
from ..charts import ACCENT, MUTED, PALETTE, count_axis, date_axis, empty_figure, money_formatter, \
    new_figure, short_label

__all__ = ["forecast_figure", "forecast_chart_data", "price_whatif_figure", "contributions_figure",
           "contributions_chart_data"]


def forecast_chart_data(result, series: str, history_periods: Optional[int] = None) -> pd.DataFrame:
    """The data behind :func:`forecast_figure` (for 'export chart data'):
    date, kind (history | forecast | backtest), model, value, lo, hi."""
    h = result.history[result.history["series"] == series]
    if history_periods:
        h = h.tail(history_periods)
    parts = [pd.DataFrame({"date": h["date"], "kind": "history", "model": "", "value": h["value"],
                           "lo": np.nan, "hi": np.nan})]
    f = result.forecasts[result.forecasts["series"] == series]
    parts.append(pd.DataFrame({"date": f["date"], "kind": "forecast", "model": f["model"],
                               "value": f["forecast"], "lo": f["lo"], "hi": f["hi"]}))
    if len(result.backtest):
        b = result.backtest[(result.backtest["series"] == series)]
        parts.append(pd.DataFrame({"date": b["date"], "kind": "backtest", "model": b["model"],
                                   "value": b["forecast"], "lo": np.nan, "hi": np.nan}))
    return pd.concat(parts, ignore_index=True)


def forecast_figure(result, series: str, models: Optional[Sequence[str]] = None, *,
                    show_backtest: bool = True, history_periods: Optional[int] = None,
                    title: Optional[str] = None, texts: Optional[dict] = None) -> Figure:
    """History, the chosen model's forecast with its interval band, other models' forecasts
    (``models``) and the chosen model's backtest forecasts, for one series.

    ``texts`` overrides the legend words (the GUI passes translated ones).
    """
    # defaults in the current language (core catalog); the GUI may pass its own
    t = {"history": _("History"), "forecast": _("Forecast"), "interval": _("{:.0%} interval"),
         "backtest": _("Backtest forecasts"), "money": "", "no_data": _("No forecast for this series")}
    t.update(texts or {})
    hist = result.history[result.history["series"] == series]
    fc = result.forecasts[result.forecasts["series"] == series]
    if fc.empty:
        return empty_figure(t["no_data"])
    if history_periods:
        hist = hist.tail(history_periods)
    chosen = result.selected.get(series, fc["model"].iloc[0])
    fig = new_figure(9.0, 3.8)
    ax = fig.add_subplot()
    hd = pd.to_datetime(hist["date"])
    ax.plot(hd, hist["value"], color=MUTED, lw=1.0, label=t["history"])
    # a click near a history date: the lines of that period (core.drill.forecast_lines)
    drill.add_points(ax, hd, hist["value"], hist["date"].astype(str).str[:10].tolist(), along="x")
    sel = fc[fc["model"] == chosen]
    sd = pd.to_datetime(sel["date"])
    if sel["lo"].notna().any():
        ax.fill_between(sd, sel["lo"], sel["hi"], color=ACCENT, alpha=0.18, lw=0,
                        label=t["interval"].format(result.options.level))
    ax.plot(sd, sel["forecast"], color=ACCENT, lw=1.8, label=f"{t['forecast']} ({FORECAST.label(chosen)})")
    for i, m in enumerate(m for m in (models or []) if m != chosen):
        other = fc[fc["model"] == m]
        if len(other):
            ax.plot(pd.to_datetime(other["date"]), other["forecast"], lw=1.0, ls="--",
                    color=PALETTE[(i + 1) % len(PALETTE)], label=FORECAST.label(m))
    if show_backtest and len(result.backtest):
        b = result.backtest[(result.backtest["series"] == series) & (result.backtest["model"] == chosen)]
        if history_periods:
            b = b[pd.to_datetime(b["date"]) >= hd.min()]
        first = True
        for _origin, g in b.groupby("origin"):
            ax.plot(pd.to_datetime(g["date"]), g["forecast"], color=PALETTE[1], lw=1.0, alpha=0.9,
                    label=t["backtest"] if first else None)
            first = False
    ax.axvline(hd.max() if len(hd) else sd.min(), color="#c4cad4", lw=1, ls=":")
    if result.spec.target == "net_sales":
        ax.yaxis.set_major_formatter(money_formatter(t["money"]))
    else:
        count_axis(ax.yaxis)              # units: ticks on whole units, labels exact
    ax.set_title(title or short_label(result.labels.get(series, series), 60))
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncol=2)
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo, hi + 0.3 * (hi - lo))     # the legend's own band above the data, never over it
    ax.grid(True, axis="y")
    date_axis(ax.xaxis)
    return fig


def price_whatif_figure(pw, texts: Optional[dict] = None) -> Figure:
    """Expected units and revenue per period across prices; observed prices marked."""
    t = {"price": _("Price"), "units": _("Expected units"), "revenue": _("Expected revenue"),
         "current": _("Last price"), "observed": _("Observed")}
    t.update(texts or {})
    fig = new_figure(7.0, 3.6)
    ax = fig.add_subplot()
    tab = pw.table
    ax.plot(tab["price"], tab["units"], color=ACCENT, lw=1.8, label=t["units"])
    obs = pw.history.dropna()
    ax.scatter(obs["price"], obs["units"], s=10, color=MUTED, alpha=0.6, label=t["observed"])
    ax.set_xlabel(t["price"])
    ax.set_ylabel(t["units"])
    ax2 = ax.twinx()
    ax2.plot(tab["price"], tab["revenue"], color=PALETTE[1], lw=1.5, ls="--", label=t["revenue"])
    ax2.set_ylabel(t["revenue"])
    ax2.yaxis.set_major_formatter(money_formatter())
    ax.axvline(pw.current_price, color="#c4cad4", lw=1, ls=":", label=t["current"])
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], fontsize=8, frameon=False, loc="upper right")
    ax.set_title(short_label(pw.name, 60))
    return fig


_PART_COLOURS = {"level": "#9fb6d6", "season": PALETTE[1], "calendar": PALETTE[3], "price": PALETTE[2]}


def contributions_chart_data(result, series: str) -> pd.DataFrame:
    """The data behind :func:`contributions_figure`: date, forecast and one column per part
    (empty when the run has no explanation for the series)."""
    from .explain import explanation

    e = explanation(result, series)
    return e.table.copy() if e.available else pd.DataFrame(columns=["date", "forecast"])


def contributions_figure(result, series: str, *, title: Optional[str] = None,
                         texts: Optional[dict] = None) -> Figure:
    """Why this forecast: per forecast period, stacked bars of level & trend, weekday & season,
    holidays & events and price (positive parts up from 0, negative ones down), and the forecast
    they add up to as a line.  An approximate explanation says so on the chart."""
    from .explain import explanation, part_label

    t = {"forecast": _("Forecast"), "money": "", "title": _("Why this forecast: {name}"),
         "approximate": _("approximate (Shapley values over feature groups)")}
    t.update(texts or {})
    e = explanation(result, series)
    if not e.available:
        return empty_figure(e.reason)
    from matplotlib.dates import date2num

    tab = e.table
    span = {"D": 1, "W": 7, "M": 30}.get(result.spec.freq, 1)
    # periods are named by their first day: a week's or month's bar sits over the whole period
    d = date2num(pd.to_datetime(tab["date"])) + (span / 2.0 if span > 1 else 0.0)
    width = span * (0.8 if span > 1 else 0.85)
    fig = new_figure(9.0, 3.8)
    ax = fig.add_subplot()
    up = np.zeros(len(tab))
    down = np.zeros(len(tab))
    for p in e.parts:
        v = tab[p].to_numpy(dtype=float)
        pos, neg = np.clip(v, 0, None), np.clip(v, None, 0)
        ax.bar(d, pos, width, bottom=up, color=_PART_COLOURS[p], label=part_label(p), linewidth=0)
        ax.bar(d, neg, width, bottom=down, color=_PART_COLOURS[p], linewidth=0)
        up += pos
        down += neg
    ax.plot(d, tab["forecast"], color=ACCENT, lw=1.6, marker="o", ms=3, label=t["forecast"])
    ax.axhline(0, color="#c4cad4", lw=0.8)
    if result.spec.target == "net_sales":
        ax.yaxis.set_major_formatter(money_formatter(t["money"]))
    else:
        count_axis(ax.yaxis)
    name = short_label(result.labels.get(series, series), 50)
    ax.set_title(title or t["title"].format(name=name))
    note = e.method_text if not e.approximate else t["approximate"]
    # on the title's row, right: never under the legend
    ax.set_title(note, loc="right", fontsize=8, color="#9a3412" if e.approximate else MUTED)
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncol=len(e.parts) + 1)
    ax.grid(True, axis="y")
    date_axis(ax.xaxis)
    lo, hi = float(down.min()), float(max(up.max(), tab["forecast"].max()))
    pad = max(hi - lo, 1e-9)
    ax.set_ylim(lo - 0.05 * pad if lo < 0 else 0, hi + 0.22 * pad)     # room for legend and note
    return fig
