"""Forecast accuracy measures: MAE, RMSE, WAPE and MASE (against seasonal naive)."""
from __future__ import annotations

import numpy as np

__all__ = ["mase_scale", "point_metrics"]


def mase_scale(y: np.ndarray, open_: np.ndarray, first: int, season: int) -> float:
    """In-sample MAE of the seasonal-naive forecast (the MASE denominator) over open periods.

    Uses lag ``season`` when the history holds at least two seasons, else lag 1 (naive).
    Returns NaN when the history is too short or constant zero.
    """
    y = y[first:]
    o = open_[first:]
    m = season if len(y) >= 2 * season else 1
    if len(y) <= m:
        return float("nan")
    d = np.abs(y[m:] - y[:-m])[o[m:] & o[:-m]]
    s = float(d.mean()) if len(d) else float("nan")
    return s if s > 0 else float("nan")


def point_metrics(actual: np.ndarray, forecast: np.ndarray, scale: float) -> dict:
    """MAE, RMSE, WAPE (Σ|e| / Σ|y|) and MASE (MAE / ``scale``) of one forecast window."""
    from sklearn.metrics import mean_absolute_error, root_mean_squared_error

    if len(actual) == 0:
        return {"mae": np.nan, "rmse": np.nan, "wape": np.nan, "mase": np.nan}
    mae = mean_absolute_error(actual, forecast)
    denom = np.abs(actual).sum()
    return {"mae": mae, "rmse": root_mean_squared_error(actual, forecast),
            "wape": np.abs(actual - forecast).sum() / denom if denom > 0 else np.nan,
            "mase": mae / scale if scale and np.isfinite(scale) else np.nan}
