"""Targets from the window after a cutoff: did the customer buy, and how much did they spend.

The window is the ``horizon`` days after the cutoff: days ``cutoff + 1 … cutoff + horizon``.
"""
from __future__ import annotations

import pandas as pd

from .data import History

__all__ = ["purchase_labels", "future_spend", "window_complete"]


def purchase_labels(history: History, cutoff: int, horizon: int, customers: pd.Index) -> pd.Series:
    """1 when the customer made a purchase (non-cancelled merchandise order) in the window, else 0."""
    o = history.purchases
    w = o[(o["day"] > cutoff) & (o["day"] <= cutoff + horizon)]
    return pd.Series(customers.isin(w["customer_id"].unique()).astype(int), index=customers, name="label")


def future_spend(history: History, cutoff: int, horizon: int, customers: pd.Index) -> pd.Series:
    """Net sales (cancellations included) of each customer in the window."""
    o = history.orders
    w = o[(o["day"] > cutoff) & (o["day"] <= cutoff + horizon)]
    return w.groupby("customer_id")["value"].sum().reindex(customers).fillna(0.0).rename("future_spend")


def window_complete(history: History, cutoff: int, horizon: int) -> bool:
    """True when the shop's data covers the whole window after ``cutoff``."""
    return history.last_day >= cutoff + horizon
