"""Customer features as of a cutoff day, computed only from what was known at the end of that day.

``customer_features(history, cutoff)`` returns one row per customer with at least one purchase on
or before ``cutoff`` (index ``customer_id``).  Every value is derived from orders dated on or before
the cutoff, so changing or adding data after it changes nothing (tested).  The shop has no product
categories, so "diversity" is the number of distinct products.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd

from .data import History

from ..i18n import N_, _
from .. import fmt

__all__ = ["customer_features", "FEATURES", "RFM_FEATURES", "FEATURE_TEXT", "describe_value"]

# name → (plain-words description, N_-marked English: translate with _() when shown; unit used
# when explaining a value)
FEATURE_TEXT: dict[str, tuple[str, str]] = {
    "recency_days": (N_("days since the last order"), "days"),
    "frequency": (N_("orders so far"), "orders"),
    "monetary": (N_("net sales so far"), "money"),
    "tenure_days": (N_("days since the first order"), "days"),
    "purchase_days": (N_("distinct days with an order"), "days"),
    "avg_order_value": (N_("average order value"), "money"),
    "max_order_value": (N_("largest order"), "money"),
    "mean_gap_days": (N_("average days between orders"), "days"),
    "std_gap_days": (N_("spread of the days between orders"), "days"),
    "overdue_ratio": (N_("days since the last order relative to the usual gap"), "ratio"),
    "orders_30d": (N_("orders in the last 30 days"), "orders"),
    "orders_90d": (N_("orders in the last 90 days"), "orders"),
    "orders_180d": (N_("orders in the last 180 days"), "orders"),
    "decayed_orders_30": (N_("recent order activity (orders weighted by a 30-day half-life)"), "score"),
    "decayed_orders_90": (N_("order activity (orders weighted by a 90-day half-life)"), "score"),
    "active_months_180d": (N_("months with an order among the last six"), "months"),
    "spend_90d": (N_("spend in the last 90 days"), "money"),
    "spend_prev_90d": (N_("spend 91–180 days ago"), "money"),
    "spend_trend": (N_("recent spend compared with the 90 days before"), "log-ratio"),
    "lines_per_order": (N_("lines per order"), "lines"),
    "units_per_order": (N_("units per order"), "units"),
    "distinct_products": (N_("distinct products bought"), "products"),
    "cancel_order_rate": (N_("cancellations per order"), "ratio"),
    "cancel_value_share": (N_("share of spend cancelled or returned"), "share"),
    "same_season_last_year": (N_("orders in the same season last year"), "orders"),
    "is_home_country": (N_("based in the shop's main country"), "flag"),
}
FEATURES: list[str] = list(FEATURE_TEXT)
# the yardstick model ("logistic regression on RFM alone") sees only these
RFM_FEATURES: list[str] = ["recency_days", "frequency", "monetary"]


def customer_features(history: History, cutoff: int, horizon: int = 90,
                      customers: Optional[np.ndarray] = None) -> pd.DataFrame:
    """Features of every customer with a purchase on or before ``cutoff`` (a day number).

    ``horizon`` only sets the "same season last year" window (the ``horizon`` days after the
    cutoff's date one year earlier); it is NaN when the shop's data does not reach back that far.
    Columns: :data:`FEATURES` plus ``country``, ``first_day``, ``last_day`` (day numbers).
    """
    o = history.orders[history.orders["day"] <= cutoff]
    buy = o[o["is_cancellation"] == 0]
    if customers is None:
        customers = np.sort(buy["customer_id"].unique())
    idx = pd.Index(customers, name="customer_id")
    if len(idx) == 0:
        return pd.DataFrame(columns=FEATURES + ["country", "first_day", "last_day"], index=idx)
    g = buy.groupby("customer_id", sort=False)
    f = pd.DataFrame(index=idx)
    first = g["day"].min().reindex(idx)
    last = g["day"].max().reindex(idx)
    f["recency_days"] = cutoff - last
    f["frequency"] = g.size().reindex(idx)
    net = o.groupby("customer_id", sort=False)["value"].sum().reindex(idx).fillna(0.0)
    f["monetary"] = net
    f["tenure_days"] = cutoff - first

    # inter-purchase times over distinct purchase days
    days = buy[["customer_id", "day"]].drop_duplicates().sort_values(["customer_id", "day"])
    f["purchase_days"] = days.groupby("customer_id", sort=False).size().reindex(idx)
    gaps = days.assign(gap=days.groupby("customer_id", sort=False)["day"].diff()).dropna(subset=["gap"])
    gg = gaps.groupby("customer_id", sort=False)["gap"]
    f["avg_order_value"] = g["value"].mean().reindex(idx)
    f["max_order_value"] = g["value"].max().reindex(idx)
    f["mean_gap_days"] = gg.mean().reindex(idx)          # NaN with a single purchase day
    f["std_gap_days"] = gg.std(ddof=0).reindex(idx)
    f["overdue_ratio"] = f["recency_days"] / f["mean_gap_days"]

    for n in (30, 90, 180):
        recent = buy[buy["day"] > cutoff - n]
        f[f"orders_{n}d"] = recent.groupby("customer_id", sort=False).size().reindex(idx).fillna(0).astype(float)
    age = cutoff - buy["day"]
    for hl in (30, 90):
        w = np.power(0.5, age / hl)
        f[f"decayed_orders_{hl}"] = w.groupby(buy["customer_id"], sort=False).sum().reindex(idx).fillna(0.0)
    last6 = buy[age < 180]
    f["active_months_180d"] = (last6.assign(m=(cutoff - last6["day"]) // 30)
                               .groupby("customer_id", sort=False)["m"].nunique().reindex(idx).fillna(0.0))
    s90 = o[o["day"] > cutoff - 90].groupby("customer_id", sort=False)["value"].sum()
    sp90 = o[(o["day"] > cutoff - 180) & (o["day"] <= cutoff - 90)].groupby("customer_id", sort=False)["value"].sum()
    f["spend_90d"] = s90.reindex(idx).fillna(0.0)
    f["spend_prev_90d"] = sp90.reindex(idx).fillna(0.0)
    f["spend_trend"] = _slog(f["spend_90d"]) - _slog(f["spend_prev_90d"])

    f["lines_per_order"] = g["lines"].mean().reindex(idx)
    f["units_per_order"] = g["units"].mean().reindex(idx)
    # items hold one row per customer and product (on its first day): counting rows is counting distinct
    # products, without hashing millions of product codes again (nunique: +400 MB and 2.4 CPU s per call at 5 M)
    it = history.items
    bought = (it["day"].to_numpy() <= cutoff) & it["product_id"].notna().to_numpy()
    f["distinct_products"] = it.loc[bought, "customer_id"].value_counts(sort=False).reindex(idx).fillna(0)

    canc = o[o["is_cancellation"] == 1].groupby("customer_id", sort=False)["value"]
    f["cancel_order_rate"] = canc.size().reindex(idx).fillna(0) / f["frequency"]
    gross = g["value"].sum().reindex(idx)
    f["cancel_value_share"] = (-canc.sum().reindex(idx).fillna(0.0) / gross.where(gross > 0)).clip(0, 1)

    # seasonality: did they buy in the same window one year earlier? (unknown if no data then)
    ly_from, ly_to = cutoff - 365, cutoff - 365 + horizon
    if history.first_day <= ly_from:
        ly = buy[(buy["day"] > ly_from) & (buy["day"] <= ly_to)]
        f["same_season_last_year"] = ly.groupby("customer_id", sort=False).size().reindex(idx).fillna(0).astype(float)
    else:
        f["same_season_last_year"] = np.nan

    latest = o.sort_values("day", kind="stable").groupby("customer_id", sort=False)["country"].last()
    country = latest.reindex(idx)
    home = buy["country"].mode()
    f["is_home_country"] = (country == home.iloc[0]).astype(float) if len(home) else 0.0
    f = f.astype(float)
    f["country"] = country
    f["first_day"] = first.astype(np.int64)
    f["last_day"] = last.astype(np.int64)
    return f


def _slog(x):
    """Signed log1p: keeps the sign of (possibly negative) money while taming its tail."""
    return np.sign(x) * np.log1p(np.abs(x))


def describe_value(name: str, value: float, currency: str = "") -> str:
    """A feature value in plain words in the current language, e.g. ``"12 orders so far"``."""
    source, unit = FEATURE_TEXT.get(name, (name, ""))
    text = _(source) if name in FEATURE_TEXT else source
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return _("{feature}: unknown").format(feature=text)
    if unit == "money":
        return _("{feature} {value}").format(feature=text, value=fmt.with_symbol(fmt.number(value, 0), currency))
    if unit == "share":
        return _("{feature} {value}").format(feature=text, value=fmt.percent(value, 0))
    if unit == "flag":
        return text if value >= 0.5 else _("not {feature}").format(feature=text)
    if unit in ("ratio", "log-ratio"):
        return _("{feature} {value}").format(feature=text, value=fmt.number(value, 1))
    # TRANSLATORS: a count before what it counts: "12 orders so far"
    return _("{value} {feature}").format(value=fmt.number(value, 0), feature=text)
