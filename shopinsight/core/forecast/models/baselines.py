"""Baselines — the yardstick every other model must beat: naive, seasonal naive, moving average."""
from __future__ import annotations

import numpy as np

from .base import Forecaster, open_history

__all__ = ["Naive", "SeasonalNaive", "MovingAverage"]


class Naive(Forecaster):
    """The last observed value (of an open period) for every future period."""

    def _predict(self, panel, horizon):
        y = panel.y[open_history(panel)]
        last = y[-1] if len(y) else np.zeros(panel.y.shape[1])
        return np.tile(last, (horizon, 1))


class SeasonalNaive(Forecaster):
    """The value one season earlier: the same weekday last week for daily data, the same week
    or month last year for weekly and monthly data; with two years of daily history, the same
    weekday 52 weeks earlier (``Panel.yardstick_lag``).

    Falls back to the shorter season when the history is shorter than the lag (two years of
    daily data: the weekday one week earlier).  With less than a season of history, or for a series
    whose "one season earlier" lies before its first sale (a product launched this year), it has
    no forecast: NaN, "unavailable" — never silently the naive forecast (which made the two score
    identically on a year of weekly data) nor the zeros of a product not yet on sale.
    """

    may_be_unavailable = True

    def _predict(self, panel, horizon):
        T, S = panel.y.shape
        m = panel.yardstick_lag or panel.season
        if T < m:
            m = panel.season
        if T < m:
            return np.full((horizon, S), np.nan)
        k = np.arange(1, horizon + 1)
        idx = T - 1 + k - m * np.ceil(k / m).astype(int)
        f = panel.y[idx].astype(float)
        f[:, panel.first > idx.min()] = np.nan       # last season is before the series began
        return f


class MovingAverage(Forecaster):
    """Mean of the last ``window`` open periods.

    Parameters
    ----------
    window : int
        Number of periods averaged (28 days, 8 weeks or 6 months are typical).
    """

    def __init__(self, window: int = 28):
        self.window = window

    def _predict(self, panel, horizon):
        y = panel.y[open_history(panel)]
        recent = y[-int(self.window):] if len(y) else np.zeros((1, panel.y.shape[1]))
        return np.tile(recent.mean(axis=0), (horizon, 1))
