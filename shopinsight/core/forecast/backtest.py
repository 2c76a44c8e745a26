"""Rolling-origin backtests, per-series model choice and intervals from backtest residuals.

Origins are ``step`` periods apart (default: the horizon) and the training window expands:
the model at each origin sees every period up to it and nothing after.  The first
``calibration`` windows only feed the later ones: at evaluated window *i*, prediction
intervals come from the residuals of windows before *i* and the "auto" choice is the model
with the best score on windows before *i* — so the reported coverage and the auto model's
accuracy are what a user would have seen, not in-sample figures.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from ..tasks import as_reporter
from .features import WINDOWS
from .metrics import mase_scale, point_metrics
from .models.registry import get_model
from .series import Panel

__all__ = ["Backtest", "rolling_origins", "run_backtest", "residual_quantiles", "AUTO"]

AUTO = "auto"


def rolling_origins(n_periods: int, horizon: int, windows: int, step: Optional[int] = None,
                    min_train: int = 14) -> list[int]:
    """Indices of the last training period of each window, oldest first.

    The last window ends on the last period of the history.
    """
    step = int(step or horizon)
    last = n_periods - 1 - horizon
    origins = [last - step * i for i in range(windows)][::-1]
    if not origins or origins[0] < min_train - 1:
        raise InputError(f"history too short for {windows} backtest windows of {horizon} periods "
                         f"({n_periods} periods; need at least {min_train + horizon + step * (windows - 1)})")
    return origins


def level_scale(panel: Panel, origin: int) -> np.ndarray:
    """Per-series scale at an origin (mean |y| over the recent window) used for residuals."""
    w = WINDOWS[panel.freq][2]
    y = np.abs(panel.y[max(0, origin + 1 - w):origin + 1])
    s = y.mean(axis=0)
    whole = np.abs(panel.y[:origin + 1]).mean(axis=0)
    return np.where(s > 0, s, np.where(whole > 0, whole, 1.0))


@dataclass
class Backtest:
    """Forecasts of every model at every origin, with what is needed to score them."""

    panel: Panel
    horizon: int
    origins: list[int]
    calibration: int
    forecasts: dict[str, np.ndarray] = field(default_factory=dict)   # model → (W, h, S)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def n_windows(self) -> int:
        return len(self.origins)

    def actual(self) -> np.ndarray:
        """(W, h, S) actual values."""
        return np.stack([self.panel.y[o + 1:o + 1 + self.horizon] for o in self.origins])

    def open(self) -> np.ndarray:
        """(W, h) open periods."""
        return np.stack([self.panel.open_mask(self.panel.dates[o + 1:o + 1 + self.horizon])
                         for o in self.origins])

    def live(self) -> np.ndarray:
        """(W, S) series that had started selling by the origin."""
        return np.stack([self.panel.first <= o for o in self.origins])

    def mase_scales(self) -> np.ndarray:
        """(W, S) MASE denominators from each window's training history."""
        p = self.panel
        open_ = p.open_mask(p.dates)
        return np.array([[mase_scale(p.y[:o + 1, s], open_[:o + 1], int(p.first[s]), p.season)
                          for s in range(p.y.shape[1])] for o in self.origins])

    def level_scales(self) -> np.ndarray:
        """(W, S) residual scales at each origin."""
        return np.stack([level_scale(self.panel, o) for o in self.origins])

    def scores(self) -> dict[str, np.ndarray]:
        """model → (W, S) score for choosing models: MASE, or MAE over the level scale when the
        MASE denominator is undefined (too short or all-zero history)."""
        act, op = self.actual(), self.open()
        ms, ls = self.mase_scales(), self.level_scales()
        denom = np.where(np.isfinite(ms), ms, ls)
        out = {}
        for name, f in self.forecasts.items():
            err = np.abs(act - f) * op[:, :, None]
            out[name] = err.sum(1) / np.maximum(op.sum(1), 1)[:, None] / denom
        return out

    def auto_choice(self) -> tuple[np.ndarray, list[str]]:
        """(W, S) index of the model chosen at each window from the windows before it
        (-1 where no earlier window exists), and the model names indexed."""
        names = list(self.forecasts)
        sc = np.stack([self.scores()[n] for n in names])          # (M, W, S)
        W, S = sc.shape[1], sc.shape[2]
        choice = np.full((W, S), -1)
        for w in range(1, W):
            choice[w] = np.nanmean(sc[:, :w], axis=1).argmin(axis=0)
        return choice, names

    def final_choice(self) -> tuple[list[str], np.ndarray]:
        """Per series, the model with the best mean score over all windows."""
        names = list(self.forecasts)
        sc = np.stack([self.scores()[n] for n in names])
        return names, np.nanmean(sc, axis=1).argmin(axis=0)

    def with_auto(self) -> dict[str, np.ndarray]:
        """Forecasts including the honest 'auto' pseudo-model (NaN where no choice yet)."""
        choice, names = self.auto_choice()
        stack = np.stack([self.forecasts[n] for n in names])      # (M, W, h, S)
        W, h, S = stack.shape[1:]
        auto = np.full((W, h, S), np.nan)
        for w in range(W):
            cols = np.nonzero(choice[w] >= 0)[0]
            auto[w][:, cols] = stack[choice[w][cols], w, :, cols].T
        return {**self.forecasts, AUTO: auto}

    def residuals(self, name: str, forecasts: Optional[dict] = None) -> np.ndarray:
        """(W, h, S) residuals in units of the series scale; NaN on closed periods."""
        f = (forecasts or self.forecasts)[name]
        r = (self.actual() - f) / self.level_scales()[:, None, :]
        r[~self.open()] = np.nan
        return np.where(self.live()[:, None, :], r, np.nan)

    def metrics(self, level: float = 0.8) -> pd.DataFrame:
        """Per model and series, over the evaluated (non-calibration) windows: MAE, RMSE,
        WAPE, MASE, interval coverage and width."""
        p = self.panel
        act, op, live = self.actual(), self.open(), self.live()
        ms = self.mase_scales()
        ls = self.level_scales()
        fc = self.with_auto()
        rows = []
        for name, f in fc.items():
            res = self.residuals(name, fc)
            for s in range(p.y.shape[1]):
                ws = [w for w in range(self.calibration, self.n_windows)
                      if live[w, s] and not np.isnan(f[w, :, s]).all()]
                if not ws:
                    continue
                per = [point_metrics(act[w, op[w], s], f[w, op[w], s], ms[w, s]) for w in ws]
                a = np.concatenate([act[w, op[w], s] for w in ws])
                e = np.concatenate([act[w, op[w], s] - f[w, op[w], s] for w in ws])
                cover, width = [], []
                for w in ws:
                    lo_q, hi_q = residual_quantiles(res[:w], s, level)
                    if np.isnan(lo_q):
                        continue
                    lo = np.clip(f[w, op[w], s] + lo_q * ls[w, s], 0, None)
                    hi = np.clip(f[w, op[w], s] + hi_q * ls[w, s], 0, None)
                    cover.append((act[w, op[w], s] >= lo) & (act[w, op[w], s] <= hi))
                    width.append(hi - lo)
                cv = np.concatenate(cover) if cover else np.array([])
                rows.append({
                    "series": p.series[s], "model": name, "windows": len(ws),
                    "mae": float(np.mean(np.abs(e))),
                    "rmse": float(np.sqrt(np.mean(e ** 2))),
                    "wape": float(np.abs(e).sum() / np.abs(a).sum()) if np.abs(a).sum() > 0 else np.nan,
                    "mase": float(np.nanmean([q["mase"] for q in per]))
                    if np.isfinite([q["mase"] for q in per]).any() else np.nan,
                    "abs_error": float(np.abs(e).sum()), "abs_actual": float(np.abs(a).sum()),
                    "coverage": float(cv.mean()) if len(cv) else np.nan, "n_covered": int(cv.sum()),
                    "n_interval": int(len(cv)),
                    "interval_width": float(np.concatenate(width).mean()) if width else np.nan,
                })
        return pd.DataFrame(rows)


def residual_quantiles(res: np.ndarray, s: int, level: float, min_own: int = 100) -> tuple[float, float]:
    """Lower/upper residual quantiles for series ``s`` from a (W, h, S) residual array: the
    series' own residuals when it has ``min_own`` of them, else those pooled over all series."""
    own = res[:, :, s]
    own = own[np.isfinite(own)]
    pool = own if len(own) >= min_own else res[np.isfinite(res)]
    if len(pool) < 10:
        return float("nan"), float("nan")
    a = (1 - level) / 2
    return float(np.quantile(pool, a)), float(np.quantile(pool, 1 - a))


def run_backtest(panel: Panel, models: Sequence[str], horizon: int, windows: int, *,
                 calibration: int = 2, step: Optional[int] = None,
                 params: Optional[dict] = None, progress=None, should_stop=None) -> Backtest:
    """Fit every model at every origin and collect its forecasts.

    ``windows`` are evaluated; ``calibration`` earlier windows are added (fewer if the history
    is short) to calibrate intervals and the auto choice for the first evaluated window.
    """
    rep = as_reporter(progress, should_stop)
    params = params or {}
    calibration = max(0, int(calibration))
    while True:
        try:
            origins = rolling_origins(panel.n_periods, horizon, windows + calibration, step,
                                      min_train=max(14, 2 * WINDOWS[panel.freq][2]))
            break
        except InputError:
            if calibration == 0:
                raise
            calibration -= 1
    bt = Backtest(panel, horizon, origins, calibration)
    weights = {m: (8.0 if get_model(m).is_deep else 2.0 if get_model(m).family in ("gbm",) else 1.0)
               for m in models}
    total = sum(weights.values()) * len(origins)
    done = 0.0
    S = panel.y.shape[1]
    for m in models:
        bt.forecasts[m] = np.zeros((len(origins), horizon, S))
        bt.seconds[m] = 0.0
    for w, o in enumerate(origins):
        hist = panel.head(o + 1)
        for m in models:
            sub = rep.sub(done / total, (done + weights[m]) / total)
            sub(0.0, f"backtest {w + 1}/{len(origins)}: {m}")
            t0 = time.perf_counter()
            est = get_model(m).create(**params.get(m, {}))
            bt.forecasts[m][w] = est.fit(hist, horizon, progress=sub, should_stop=None).predict()
            bt.seconds[m] += time.perf_counter() - t0
            done += weights[m]
    rep(1.0, "backtest done")
    return bt
