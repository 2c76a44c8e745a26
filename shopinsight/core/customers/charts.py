"""Figures for the Customers tab and exports (Matplotlib Figure objects, never pyplot)."""
from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import drill
from ..charts import ACCENT, MUTED, count_axis, date_axis, empty_figure, money_formatter, new_figure, palette
from .explain import feature_label
from ..i18n import N_, _
from ..registries import CUSTOMERS
from .rfm import SEGMENTS, segment_label

__all__ = ["segment_chart", "rfm_scatter", "cohort_heatmap", "roc_chart", "calibration_chart",
           "importance_chart", "customer_history_chart"]

_STAGES = {"validation": N_("validation"), "test": N_("test"), "train": N_("train")}
SEGMENT_COLOURS = dict(zip(SEGMENTS, palette(len(SEGMENTS))))


def segment_chart(summary: pd.DataFrame, currency: str = "") -> Figure:
    """Customers and revenue share per segment (two horizontal bar panels)."""
    if summary is None or summary.empty:
        return empty_figure(_("No customers to segment yet"))
    fig = new_figure(8.0, 3.6)
    ax1, ax2 = fig.subplots(1, 2, sharey=True)
    s = summary.iloc[::-1]
    colours = [SEGMENT_COLOURS.get(x, ACCENT) for x in s["segment"]]
    labels = [segment_label(x) for x in s["segment"]]
    bars1 = ax1.barh(labels, s["customers"], color=colours)
    ax1.set_title(_("Customers per segment"))
    count_axis(ax1.xaxis)                 # whole customers: never "0 0 1 2 2"
    bars2 = ax2.barh(labels, s["revenue_share"] * 100, color=colours)
    for ax, bars in ((ax1, bars1), (ax2, bars2)):     # a click: the segment's customers' lines
        drill.add_bars(ax, bars, s["segment"].tolist(), axis="y")
    ax2.set_title(_("Share of net sales (%)"))
    for ax in (ax1, ax2):
        ax.grid(axis="x")
    return fig


def rfm_scatter(rfm: pd.DataFrame, currency: str = "", max_points: int = 5000, seed: int = 0) -> Figure:
    """Recency vs frequency (log), dot size by spend, colour by segment."""
    if rfm is None or rfm.empty:
        return empty_figure(_("No customers to show"))
    d = rfm if len(rfm) <= max_points else rfm.sample(max_points, random_state=seed)
    fig = new_figure(7.0, 4.2)
    ax = fig.add_subplot()
    size = 8 + 60 * (np.log1p(d["monetary"].clip(lower=0)) / max(np.log1p(d["monetary"].clip(lower=0)).max(), 1))
    for seg in SEGMENTS:
        m = d["segment"] == seg
        if m.any():
            ax.scatter(d.loc[m, "recency"], d.loc[m, "frequency"], s=size[m], alpha=0.55,
                       color=SEGMENT_COLOURS[seg], label=segment_label(seg), linewidths=0)
            # a click on a dot: that customer's lines (core.drill.customer_lines)
            drill.add_points(ax, d.loc[m, "recency"], d.loc[m, "frequency"], d.index[m].astype(str).tolist())
    ax.set_yscale("log")
    ax.set_xlabel(_("Days since the last order"))
    ax.set_ylabel(_("Orders (log scale)"))
    ax.set_title(_("Customers by recency and frequency (dot size: net sales)"))
    ax.legend(fontsize=8, ncols=2, loc="upper right", frameon=False)
    return fig


def cohort_heatmap(matrix: pd.DataFrame, value: str = "retention", max_periods: int = 13,
                   partial_month: Optional[str] = None) -> Figure:
    """Cohort × months-since-acquisition heatmap (retention in %, or revenue).  Cells of
    ``partial_month`` (the month the data ends in, when it ends early) are hatched and noted: their
    figures are not comparable with full months."""
    if matrix is None or matrix.empty:
        return empty_figure(_("No cohorts yet"))
    cols = [c for c in matrix.columns if c.startswith("m")][:max_periods]
    data = matrix[cols].to_numpy(dtype=float)
    fig = new_figure(8.0, max(3.0, 0.32 * len(matrix) + 1.2))
    ax = fig.add_subplot()
    shown = data * 100 if value == "retention" else data
    if value == "retention":
        # month 0 is 100 % by definition: scale colours on the later months
        vmax = np.nanmax(shown[:, 1:]) if shown.shape[1] > 1 and np.isfinite(shown[:, 1:]).any() else 100
    else:
        vmax = np.nanmax(shown) if np.isfinite(shown).any() else 1
    im = ax.imshow(np.ma.masked_invalid(shown), aspect="auto", cmap="Blues", vmin=0, vmax=vmax or 1)
    # a click on a cell: the cohort's lines of that month (core.drill.cohort_lines)
    drill.add_grid(ax, [[(str(c), j) if np.isfinite(shown[i, j]) else None for j in range(len(cols))]
                        for i, c in enumerate(matrix["cohort"])])
    ax.grid(False)                     # no gridlines through the cells' numbers
    ax.set_xticks(range(len(cols)), [c[1:] for c in cols])
    labels = [f"{c} ({int(n)})" for c, n in zip(matrix["cohort"], matrix["cohort_size"])]
    ax.set_yticks(range(len(matrix)), labels, fontsize=8)
    ax.set_xlabel(_("Months since the first order"))
    ax.set_title(_("Retention by monthly cohort (%)") if value == "retention" else _("Net sales by monthly cohort"))
    for i in range(shown.shape[0]):
        for j in range(shown.shape[1]):
            v = shown[i, j]
            if np.isfinite(v) and shown.shape[1] <= 14:
                txt = f"{v:.0f}" if value == "retention" else f"{v / 1000:.0f}k" if abs(v) >= 1000 else f"{v:.0f}"
                ax.text(j, i, txt, ha="center", va="center", fontsize=7,
                        color="white" if v > 0.6 * (vmax or 1) else "#2b2f36")
    if partial_month:
        from matplotlib.patches import Rectangle
        py, pm = (int(x) for x in partial_month.split("-"))
        for i, c in enumerate(matrix["cohort"]):
            cy, cm = (int(x) for x in str(c).split("-"))
            j = (py * 12 + pm) - (cy * 12 + cm)
            if 0 <= j < len(cols):
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#9aa3b2",
                                       linewidth=0))
        ax.text(1.0, -0.08, _("{month}: partial month (hatched)").format(month=partial_month), transform=ax.transAxes,
                ha="right", va="top", fontsize=8, color="#6b7280")
    fig.colorbar(im, ax=ax, shrink=0.8)
    return fig


def roc_chart(roc: pd.DataFrame, metrics: Optional[pd.DataFrame] = None, stage: str = "validation") -> Figure:
    """ROC curves of every model at one stage, with their AUC in the legend."""
    if roc is None or roc.empty or "stage" not in roc or not (roc["stage"] == stage).any():
        return empty_figure(_("No ROC curve: train models first"))
    fig = new_figure(5.0, 4.2)
    ax = fig.add_subplot()
    r = roc[roc["stage"] == stage]
    for (name, g), colour in zip(r.groupby("model", sort=False), palette(r["model"].nunique())):
        auc = None
        if metrics is not None and not metrics.empty:
            m = metrics[(metrics["model"] == name) & (metrics["stage"] == stage)]
            auc = float(m["roc_auc"].iloc[0]) if len(m) else None
        shown = CUSTOMERS.label(name)          # the registry's label, never the id
        ax.plot(g["fpr"], g["tpr"], color=colour, label=f"{shown} (AUC {auc:.3f})" if auc else shown)
    ax.plot([0, 1], [0, 1], color=MUTED, linestyle="--", linewidth=1)
    ax.set_xlabel(_("False positive rate"))
    ax.set_ylabel(_("True positive rate"))
    ax.set_title(_("ROC ({stage})").format(stage=_(_STAGES.get(stage, stage))))
    ax.legend(fontsize=8, frameon=False)
    return fig


def calibration_chart(calib: pd.DataFrame) -> Figure:
    """Observed purchase rate vs predicted probability (raw and calibrated)."""
    if calib is None or calib.empty:
        return empty_figure(_("No calibration curve: train models first"))
    fig = new_figure(5.0, 4.2)
    ax = fig.add_subplot()
    for (key, g), colour in zip(calib.groupby(["stage", "kind"], sort=False), palette(8)):
        ax.plot(g["predicted"], g["observed"], marker="o", color=colour,
                label=f"{CUSTOMERS.label(g['model'].iloc[0])} {key[1]} ({key[0]})")
    ax.plot([0, 1], [0, 1], color=MUTED, linestyle="--", linewidth=1)
    ax.set_xlabel(_("Predicted probability"))
    ax.set_ylabel(_("Observed share who bought"))
    ax.set_title(_("Calibration"))
    ax.legend(fontsize=8, frameon=False)
    return fig


def importance_chart(importance: pd.DataFrame, top: int = 12) -> Figure:
    """Permutation importance (drop in AUC when a feature is shuffled)."""
    if importance is None or importance.empty:
        return empty_figure(_("No feature importance: train models first"))
    d = importance.head(top).iloc[::-1]
    fig = new_figure(6.5, 0.3 * len(d) + 1.2)
    ax = fig.add_subplot()
    ax.barh([feature_label(f) for f in d["feature"]], d["importance"], xerr=d.get("std"), color=ACCENT)
    ax.set_xlabel(_("Drop in ROC AUC when shuffled"))
    ax.set_title(_("What the chosen model relies on"))
    ax.tick_params(axis="y", labelsize=8)
    return fig


def customer_history_chart(orders: pd.DataFrame, customer_id: str, currency: str = "") -> Figure:
    """One customer's orders over time (cancellations below zero)."""
    if orders is None or orders.empty:
        return empty_figure(_("No orders for customer {id}").format(id=customer_id))
    fig = new_figure(6.5, 2.8)
    ax = fig.add_subplot()
    days = pd.to_datetime(orders["day"])
    colours = np.where(orders["value"] < 0, "#d1495b", ACCENT)
    bars = ax.bar(days, orders["value"], width=3, color=colours)
    drill.add_bars(ax, bars, orders["order_id"].astype(str).tolist())    # core.drill.customer_lines(…, order)
    ax.axhline(0, color=MUTED, linewidth=0.8)
    ax.yaxis.set_major_formatter(money_formatter(currency))
    ax.set_title(_("Orders of customer {id}").format(id=customer_id))
    date_axis(ax.xaxis)
    fig.autofmt_xdate()
    return fig
