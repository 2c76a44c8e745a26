"""An item in context: the data (:func:`item_context`, small indexed SQL reads) and the Figure
(:func:`context_figure`, built on the GUI thread from that data; no pyplot state).

* a line: the product's price history, the line marked;
* an order or a customer: the customer's orders over time (cancellations below zero), the item marked;
* a day: net sales of the weeks around it, the expected band and the day marked.
"""
from __future__ import annotations

import json
from typing import Optional

import numpy as np
import pandas as pd

from .. import drill
from ..charts import ACCENT, date_axis, empty_figure, new_figure
from ..i18n import N_, _

__all__ = ["item_context", "context_figure"]

# the chart's words, in the current language (core catalog) when drawn
TEXTS = {"price_title": N_("Price history of {p}"), "price": N_("unit price"),
         "orders_title": N_("Orders of customer {c}"), "order_value": N_("order value"),
         "day_title": N_("Net sales around {d}"), "net_sales": N_("net sales"), "expected": N_("expected band"),
         "this": N_("this item"), "no_data": N_("Nothing to show for this item")}


def item_context(shop, item: dict) -> pd.DataFrame:
    """The rows the context chart of ``item`` draws (columns depend on the level)."""
    level = item.get("level")
    if level == "lines" and item.get("product_id"):
        df = shop.query_df("SELECT line_id, ordered_at, unit_price, quantity FROM line_items WHERE product_id = ? "
                           "AND is_cancellation = 0 AND unit_price > 0 ORDER BY day LIMIT 20000",
                           (item["product_id"],))
        df["marked"] = df["line_id"] == item.get("line_id")
        return df
    if level in ("orders", "customers") and item.get("customer_id"):
        df = shop.query_df(
            "SELECT order_id, min(ordered_at) AS ordered_at, total(amount) AS value, max(is_cancellation) AS cancelled "
            "FROM line_items WHERE customer_id = ? GROUP BY order_id ORDER BY ordered_at LIMIT 5000",
            (item["customer_id"],))
        df["marked"] = df["order_id"] == item.get("order_id")
        return df
    if level == "orders":
        df = shop.query_df(
            "SELECT order_id, min(ordered_at) AS ordered_at, total(amount) AS value, max(is_cancellation) AS cancelled "
            "FROM line_items WHERE day = ? GROUP BY order_id ORDER BY ordered_at", (item.get("day"),))
        df["marked"] = df["order_id"] == item.get("order_id")
        return df
    if level == "days" and item.get("day"):
        d = pd.Timestamp(item["day"])
        lo, hi = (d - pd.Timedelta(days=42)).strftime("%Y-%m-%d"), (d + pd.Timedelta(days=14)).strftime("%Y-%m-%d")
        df = shop.query_df("SELECT day, total(CASE WHEN is_merchandise = 1 THEN amount END) AS net FROM line_items "
                           "WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day", (lo, hi))
        if str(item.get("key", "")).startswith("week:"):      # a whole week: its seven days are marked
            end = (d + pd.Timedelta(days=6)).strftime("%Y-%m-%d")
            df["marked"] = (df["day"] >= item["day"]) & (df["day"] <= end)
        else:
            df["marked"] = df["day"] == item["day"]
        return df
    return pd.DataFrame()


def context_figure(item: dict, data: pd.DataFrame, texts: Optional[dict] = None,
                   money: Optional[callable] = None):
    """The chart of ``item`` in its context (a matplotlib Figure)."""
    t = {**{k: _(v) for k, v in TEXTS.items()}, **(texts or {})}
    if data is None or data.empty:
        return empty_figure(t["no_data"])
    fig = new_figure(7.0, 3.0)
    ax = fig.add_subplot()
    level = item.get("level")
    if level == "lines":
        x = pd.to_datetime(data["ordered_at"], format="mixed")
        m = data["marked"].to_numpy()
        ax.scatter(x[~m], data["unit_price"][~m], s=8, color="#9aa5b1", alpha=0.6)
        ax.scatter(x[m], data["unit_price"][m], s=60, color=ACCENT, edgecolor="black", zorder=3, label=t["this"])
        drill.add_points(ax, x, data["unit_price"], [f"line:{i}" for i in data["line_id"]])
        ax.set_yscale("log")
        ax.set_ylabel(t["price"])
        ax.set_title(t["price_title"].replace("{p}", str(item.get("what") or item.get("product_id"))), loc="left")
    elif level in ("orders", "customers"):
        x = pd.to_datetime(data["ordered_at"], format="mixed")
        v = data["value"].to_numpy(float)
        m = data["marked"].to_numpy()
        colors = np.where(data["cancelled"].to_numpy() == 1, "#c0392b", "#9aa5b1")
        bars = ax.bar(x, v, width=1.5, color=colors)
        drill.add_bars(ax, bars, [f"order:{o}" for o in data["order_id"]])
        if m.any():
            ax.scatter(x[m], v[m], s=60, color=ACCENT, edgecolor="black", zorder=3, label=t["this"])
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_ylabel(t["order_value"])
        who = item.get("customer_id") or item.get("day")
        ax.set_title(t["orders_title"].replace("{c}", str(who)), loc="left")
    else:
        x = pd.to_datetime(data["day"])
        v = data["net"].to_numpy(float)
        m = data["marked"].to_numpy()
        ax.plot(x, v, color="#9aa5b1", marker="o", markersize=3, linewidth=1)
        drill.add_points(ax, x, v, [f"day:{d}" for d in data["day"]], along="x")
        reasons = json.loads(item.get("reasons_json") or "[]")
        band = next((r for r in reasons if r.get("code") == "day_sales"), None)
        if band is not None and m.any():
            xd = x[m].iloc[0]
            ax.errorbar([xd], [(band["lo"] + band["hi"]) / 2], yerr=[[(band["hi"] - band["lo"]) / 2]], color="#2e86de",
                        capsize=6, linewidth=2, label=t["expected"])
        if m.any():
            ax.scatter(x[m], v[m], s=60, color=ACCENT, edgecolor="black", zorder=3, label=t["this"])
        ax.set_ylabel(t["net_sales"])
        ax.set_title(t["day_title"].replace("{d}", str(item.get("day"))), loc="left")
    if money is not None and level != "lines":
        from matplotlib.ticker import FuncFormatter
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: money(y)))
    ax.legend(loc="best", fontsize=8)
    date_axis(ax.xaxis)
    fig.autofmt_xdate()
    return fig
