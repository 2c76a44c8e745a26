"""Figures for the Recommendations tab (matplotlib Figure objects, never pyplot)."""
from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd

from ..i18n import _
from ..charts import ACCENT, PALETTE, count_axis, empty_figure, new_figure, product_labels, short_label

__all__ = ["model_comparison_figure", "together_figure"]


def model_comparison_figure(table: pd.DataFrame, metric: str = "recall",
                            texts: Optional[dict] = None):
    """Grouped bars: ``metric`` per model, with and without repurchases (evaluation table of
    :func:`pipeline.evaluate_models`)."""
    # defaults in the current language (core catalog); the GUI may pass its own
    t = {"title": _("Recall@{k} per model (test period, full ranking)"), "include": _("incl. repurchases"),
         "exclude": _("new products only"), "no_data": _("No evaluation yet"), **(texts or {})}
    if table is None or table.empty:
        return empty_figure(t["no_data"])
    k = int(table["k"].iloc[0])
    wide = table.pivot_table(index="label", columns="mode", values=metric, sort=False)
    fig = new_figure(7.0, 0.45 * len(wide) + 1.4)
    ax = fig.add_subplot()
    y = np.arange(len(wide))
    h = 0.38
    for i, mode in enumerate(["include", "exclude"]):
        if mode in wide:
            bars = ax.barh(y + (i - 0.5) * h, wide[mode].to_numpy(), height=h, label=t[mode],
                           color=PALETTE[i])
            ax.bar_label(bars, fmt="%.3f", padding=2, fontsize=8)
    ids = dict(zip(table["label"], table["model"])) if "model" in table else {}

    def shown(label):                     # the stored label is English: show the registry's, translated
        from .registry import MODELS, model_label
        return model_label(ids[label]) if ids.get(label) in MODELS else label
    ax.set_yticks(y, [short_label(shown(s), 30) for s in wide.index])
    ax.invert_yaxis()
    ax.set_title(t["title"].replace("{k}", str(k)), loc="left")
    ax.legend(loc="lower right", frameon=False)
    ax.set_xlim(0, max(0.05, float(np.nanmax(wide.to_numpy())) * 1.2))
    return fig


def together_figure(together: pd.DataFrame, product_name: str, texts: Optional[dict] = None):
    """Bars of how many orders each product shared with ``product_name``, lift as labels; each bar
    is clickable (:mod:`~shopinsight.core.drill`, key: its product id; see ``drill.together_lines``)."""
    t = {"title": _("Bought together with {p}"), "orders": _("orders together"), "lift": _("lift"),
         "no_data": _("Not bought together with anything yet"), **(texts or {})}
    if together is None or together.empty:
        return empty_figure(t["no_data"])
    fig = new_figure(7.0, 0.36 * len(together) + 1.2)
    ax = fig.add_subplot()
    y = np.arange(len(together))
    bars = ax.barh(y, together["orders"].to_numpy(), color=ACCENT)
    ax.bar_label(bars, labels=[f"{t['lift']} {v:.1f}" for v in together["lift"]], padding=3, fontsize=8)
    codes = together["product_id"] if "product_id" in together else together["product_name"]
    if "product_id" in together:
        from ..drill import add_bars
        add_bars(ax, bars, [str(c) for c in together["product_id"]], axis="y")
    ax.set_yticks(y, product_labels(together["product_name"], codes, 34))
    ax.invert_yaxis()
    ax.set_xlabel(t["orders"])
    ax.set_title(t["title"].replace("{p}", short_label(product_name, 40)), loc="left")
    ax.set_xlim(0, float(together["orders"].max()) * 1.25)
    count_axis(ax.xaxis)                  # orders are whole numbers
    return fig
