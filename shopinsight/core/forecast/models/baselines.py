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

    Falls back to the shorter season, then to naive, when the history is shorter than the lag
    (e.g. weekly data with less than a year).
    """

    def _predict(self, panel, horizon):
        T = panel.n_periods
        m = panel.yardstick_lag or panel.season
        if T < m:
            m = panel.season
        if T < m:
            return Naive()._predict(panel, horizon)
        k = np.arange(1, horizon + 1)
        idx = T - 1 + k - m * np.ceil(k / m).astype(int)
        return panel.y[idx]


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
