"""Intermittent-demand methods for slow movers: Croston, SBA and TSB.

All three smooth the size of non-zero demands; Croston/SBA also smooth the interval between
them, TSB the probability of a demand per period (so it decays for products that stopped
selling).  Returns are ignored (negative values count as no demand).  Vectorised across series.
"""
from __future__ import annotations

import numpy as np

from .base import Forecaster, open_history

__all__ = ["Croston"]


class Croston(Forecaster):
    """Croston-family forecast: a flat demand rate per series.

    Parameters
    ----------
    method : {"croston", "sba", "tsb"}
        Classic Croston, its bias-corrected Syntetos–Boylan variant, or Teunter–Syntetos–Babai.
    alpha : float
        Smoothing of demand size (and of the interval for croston/sba).
    beta : float
        Smoothing of the demand probability (tsb only).
    """

    def __init__(self, method: str = "sba", alpha: float = 0.1, beta: float = 0.1):
        self.method = method
        self.alpha = alpha
        self.beta = beta

    def _fit(self, panel, horizon, progress, should_stop):
        if self.method not in ("croston", "sba", "tsb"):
            raise ValueError(f"unknown Croston method {self.method!r}")
        open_ = open_history(panel)
        y = np.clip(panel.y, 0, None)
        T, S = y.shape
        a, b = float(self.alpha), float(self.beta)
        z = np.full(S, np.nan)      # demand size
        p = np.full(S, np.nan)      # interval (croston/sba) or probability (tsb)
        q = np.ones(S)              # periods since the last demand
        for t in range(T):
            if not open_[t]:
                continue
            live = t >= panel.first
            d = y[t] > 0
            init = live & np.isnan(z) & d
            z[init] = y[t, init]
            p[init] = 1.0 if self.method == "tsb" else q[init]
            upd = live & ~np.isnan(z)
            if self.method == "tsb":
                p[upd & ~init] += b * (d[upd & ~init] - p[upd & ~init])
                zu = upd & d & ~init
                z[zu] += a * (y[t, zu] - z[zu])
            else:
                zu = upd & d & ~init
                z[zu] += a * (y[t, zu] - z[zu])
                p[zu] += a * (q[zu] - p[zu])
            q = np.where(d & live, 1.0, q + 1.0)
        if self.method == "tsb":
            rate = p * z
        else:
            rate = z / p
            if self.method == "sba":
                rate *= 1 - a / 2
        self.rate_ = np.nan_to_num(rate, nan=0.0)

    def _predict(self, panel, horizon):
        return np.tile(self.rate_, (horizon, 1))
