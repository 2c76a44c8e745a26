"""Reorder suggestions: demand over the lead time plus safety stock at a service level.

Per product, from the chosen model's forecast and the spread of its backtest errors:
``reorder point = demand over lead time + z(service) · σ · √lead time`` (errors of different
periods taken as independent).  With stock on hand, the order falls due on the first forecast
period where the projected stock drops to the reorder point; without it, now.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np
import pandas as pd

from ..errors import InputError

__all__ = ["reorder_table", "reorder_for_series"]


def reorder_for_series(forecast: np.ndarray, dates: pd.DatetimeIndex | list, sigma: float,
                       lead_time: int, service_level: float = 0.95,
                       on_hand: float = 0.0) -> dict:
    """One product: ``order_qty`` units by ``order_by`` (first date at which stock reaches the
    reorder point), with the demand over the lead time and the safety stock."""
    from scipy.stats import norm

    if lead_time < 1 or lead_time > len(forecast):
        raise InputError(f"lead time must be within 1..{len(forecast)} periods (the horizon)",
                         value=str(lead_time))
    if not 0.5 <= service_level < 1:
        raise InputError("service level must be within 0.5..0.999", value=str(service_level))
    f = np.clip(np.nan_to_num(np.asarray(forecast, float)), 0, None)
    dates = pd.DatetimeIndex(dates)
    z = float(norm.ppf(service_level))
    sigma = float(sigma) if sigma is not None and np.isfinite(sigma) else 0.0
    safety = z * sigma * math.sqrt(lead_time)
    projected = on_hand - np.concatenate([[0.0], np.cumsum(f)])   # stock before each period
    for j in range(len(f)):
        demand_lt = f[j:j + lead_time].sum()
        reorder_point = demand_lt + safety
        if projected[j] <= reorder_point:
            qty = max(0.0, reorder_point - projected[j])
            return {"order_by": str(pd.Timestamp(dates[j]).date()), "order_qty": math.ceil(qty),
                    "demand_lead_time": float(demand_lt), "safety_stock": float(safety),
                    "reorder_point": float(reorder_point)}
    return {"order_by": None, "order_qty": 0, "demand_lead_time": float(f[:lead_time].sum()),
            "safety_stock": float(safety), "reorder_point": float(f[:lead_time].sum() + safety)}


def reorder_table(result, lead_time: int, service_level: float = 0.95,
                  on_hand: Optional[dict] = None) -> pd.DataFrame:
    """Suggestions for every series of a units forecast (``ForecastResult``)."""
    if result.spec.target != "units":
        raise InputError("reorder suggestions need a forecast of units (target 'units')")
    sel = result.selected_forecasts()
    rows = []
    for series in result.selected:                 # the panel's order (largest first)
        g = sel[sel["series"] == series].sort_values("date")
        sigma = result.residual_sd.get(series, np.nan)
        if not np.isfinite(sigma):      # no backtest: the recent spread of demand stands in
            hist = result.history[result.history["series"] == series]["value"].tail(4 * lead_time)
            sigma = float(hist.std()) if len(hist) > 1 else 0.0
        r = reorder_for_series(g["forecast"].to_numpy(), pd.to_datetime(g["date"]), sigma, lead_time,
                               service_level, float((on_hand or {}).get(series, 0.0)))
        rows.append({"series": series, "name": result.labels.get(series, series),
                     "model": g["model"].iloc[0], "forecast_total": float(g["forecast"].sum()),
                     **r, "sigma": sigma})
    return pd.DataFrame(rows)
