"""Rolling-origin backtests, per-series model choice and intervals from backtest residuals.

Origins are ``step`` periods apart (default: the horizon) and the training window expands:
the model at each origin sees every period up to it and nothing after.  The first
``calibration`` windows only feed the later ones: at evaluated window *i*, prediction
intervals come from the errors of windows before *i* and the "auto" choice is the model with
the best score on windows before *i* — so the reported coverage and the auto model's accuracy
are what a user would have seen, not in-sample figures, and "auto" is scored on the same
windows as every other model.

The yardstick is seasonal naive: a model replaces it only when it scored better on the windows
the choice is made from; with no earlier window, or when no model beat it, auto *is* the
yardstick.  Intervals are split-conformal: the absolute errors of earlier windows, relative to
the series' level, give a quantile per horizon step (errors grow with the step), widened when
few windows exist.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from .. import fmt
from ..i18n import _
from ..errors import InputError
from ..tasks import as_reporter
from .features import WINDOWS
from .metrics import mase_scale, point_metrics
from .models.registry import get_model
from .series import Panel

__all__ = ["Backtest", "rolling_origins", "run_backtest", "interval_halfwidths", "AUTO", "PREFERENCE",
           "YARDSTICK", "MIN_INTERVAL_WINDOWS"]

AUTO = "auto"
YARDSTICK = "seasonal_naive"
# intervals from fewer earlier windows than this are widened, and the run says so
MIN_INTERVAL_WINDOWS = 3
# the model used when no backtest (or too short a one) ranks the models
PREFERENCE = ("ensemble", "gbm", "linear", "deep", "tsb", "sba", "croston", "moving_average",
              "seasonal_naive", "naive")
# for one model over many series the global GBM comes first: a linear model pooled over
# products of very different shapes is weak there and drags the ensemble down (development
# window, top 200 products weekly up to 2011-06-14: WAPE GBM 0.672, ensemble 0.693, linear 0.764)
PREFERENCE_GLOBAL = ("gbm", *[m for m in PREFERENCE if m != "gbm"])


def rolling_origins(n_periods: int, horizon: int, windows: int, step: Optional[int] = None,
                    min_train: int = 14) -> list[int]:
    """Indices of the last training period of each window, oldest first.

    The last window ends on the last period of the history.
    """
    step = int(step or horizon)
    last = n_periods - 1 - horizon
    origins = [last - step * i for i in range(windows)][::-1]
    if not origins or origins[0] < min_train - 1:
        raise InputError(_("history too short for {windows} backtest windows of {horizon} periods "
                           "({n} periods; need at least {need})").format(
                               windows=windows, horizon=horizon, n=n_periods,
                               need=min_train + horizon + step * (windows - 1)))
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
    selection: str = "per_series"      # or "global": one model for all series
    min_windows: int = 1               # earlier windows needed before "auto" leaves the yardstick

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
        if "_mase" in self.__dict__:
            return self.__dict__["_mase"]
        p = self.panel
        open_ = p.open_mask(p.dates)
        self.__dict__["_mase"] = np.array([[mase_scale(p.y[:o + 1, s], open_[:o + 1], int(p.first[s]),
                                                       p.season)
                                            for s in range(p.y.shape[1])] for o in self.origins])
        return self.__dict__["_mase"]

    def level_scales(self) -> np.ndarray:
        """(W, S) residual scales at each origin."""
        if "_level" not in self.__dict__:
            self.__dict__["_level"] = np.stack([level_scale(self.panel, o) for o in self.origins])
        return self.__dict__["_level"]

    def scores(self) -> dict[str, np.ndarray]:
        """model → (W, S) score for choosing models.

        Per series: MASE, or MAE over the level scale when the MASE denominator is undefined.
        With ``selection == "global"`` every series gets the pooled WAPE of the window
        (Σ|error| / Σ|actual| over all series), so one model is chosen for all of them.
        """
        act, op = self.actual(), self.open()
        if self.selection == "global" and act.shape[2] > 1:
            out = {}
            live = self.live()[:, None, :]
            denom = np.maximum((np.abs(act) * op[:, :, None] * live).sum((1, 2)), 1e-12)
            for name, f in self.forecasts.items():
                err = (np.abs(act - f) * op[:, :, None] * live).sum((1, 2)) / denom
                out[name] = np.repeat(err[:, None], act.shape[2], axis=1)
            return out
        ms, ls = self.mase_scales(), self.level_scales()
        denom = np.where(np.isfinite(ms), ms, ls)
        out = {}
        for name, f in self.forecasts.items():
            err = np.abs(act - f) * op[:, :, None]
            out[name] = err.sum(1) / np.maximum(op.sum(1), 1)[:, None] / denom
        return out

    def _pooled_sums(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Model names, (M, W) Σ|error| and (W,) Σ|actual| over all live series and open periods."""
        act, op, live = self.actual(), self.open(), self.live()
        mask = op[:, :, None] & live[:, None, :]
        names = list(self.forecasts)
        err = np.stack([np.where(mask, np.abs(act - self.forecasts[n]), 0.0).sum((1, 2)) for n in names])
        return names, err, np.where(mask, np.abs(act), 0.0).sum((1, 2))

    def _is_global(self) -> bool:
        return self.selection == "global" and self.panel.y.shape[1] > 1

    def prior(self, names: list[str]) -> int:
        """Index of the model used when nothing has been scored yet: the yardstick (seasonal
        naive) when it was run — no model is trusted over it without evidence — else the fixed
        preference (the ensemble first; the global GBM for one model over many series)."""
        if YARDSTICK in names:
            return names.index(YARDSTICK)
        order = PREFERENCE_GLOBAL if self._is_global() else PREFERENCE
        return names.index(next((m for m in order if m in names), names[0]))

    def scored(self, name: str) -> np.ndarray:
        """(S,) series for which ``name`` forecast at every backtest origin where the series
        was live (the seasonal naive has no forecast with less than a season of history)."""
        f = self.forecasts[name]
        return ~(np.isnan(f).any(axis=1) & self.live()).any(axis=0)

    def yardsticks(self, names: list[str]) -> np.ndarray:
        """(S,) index of each series' yardstick: the seasonal naive where it was scored, else
        the naive (said so in the run's notes; never the naive under the seasonal naive's name).
        One model for all series under global selection."""
        S = self.panel.y.shape[1]
        base = np.full(S, self.prior(names))
        if YARDSTICK in names and "naive" in names:
            ok = self.scored(YARDSTICK)
            if self._is_global():
                ok = np.full(S, ok.all())
            base = np.where(ok, base, names.index("naive"))
        return base

    def _choose(self, names: list[str], upto: int) -> np.ndarray:
        """(S,) model index chosen from windows ``0..upto-1``: the lowest score there, but the
        yardstick unless a model scored strictly better than it (ties and missing scores keep
        the yardstick)."""
        S = self.panel.y.shape[1]
        base = self.yardsticks(names)
        if upto < self.min_windows:
            return base
        if self._is_global():
            _, err, den = self._pooled_sums()
            score = err[:, :upto].sum(1) / max(den[:upto].sum(), 1e-12)          # (M,)
            score = np.repeat(score[:, None], S, axis=1)
        else:
            sc = np.stack([self.scores()[n] for n in names])[:, :upto]          # (M, w, S)
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                score = np.nanmean(sc, axis=1)                                   # (M, S)
        score = np.where(np.isfinite(score), score, np.inf)
        best = np.argmin(score, axis=0)
        beaten = score[best, np.arange(S)] < score[base, np.arange(S)]
        return np.where(beaten, best, base)

    def auto_choice(self) -> tuple[np.ndarray, list[str]]:
        """(W, S) index of the model chosen at each window from the windows before it, and the
        model names indexed.

        Per series: the best mean score over the earlier windows.  Global: the one model with the
        lowest WAPE pooled over every series and earlier window (Σ|e| / Σ|y|), which is far more
        stable than per-series choices on a few windows.  Either way a model replaces the
        yardstick only if it beat it there; at the first window (no earlier one) auto is the
        yardstick.
        """
        names = list(self.forecasts)
        return np.stack([self._choose(names, w) for w in range(self.n_windows)]), names

    def final_choice(self) -> tuple[list[str], np.ndarray]:
        """Per series, the model for the live forecast: the best over all windows (pooled WAPE
        for global selection, mean score per series otherwise), the yardstick unless a model
        beat it."""
        names = list(self.forecasts)
        return names, self._choose(names, self.n_windows)

    def with_auto(self) -> dict[str, np.ndarray]:
        """Forecasts including the honest "auto" pseudo-model (see :meth:`auto_choice`)."""
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
                    q, _ = interval_halfwidths(res[:w], s, level)
                    if np.isnan(q).all():
                        continue
                    lo = np.clip(f[w, op[w], s] - q[op[w]] * ls[w, s], 0, None)
                    hi = np.clip(f[w, op[w], s] + q[op[w]] * ls[w, s], 0, None)
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


def interval_halfwidths(res: np.ndarray, s: int, level: float, min_own: int = 100) -> tuple[np.ndarray, bool]:
    """Split-conformal half-widths per horizon step for series ``s``, in units of its level
    scale, from a (W, h, S) array of earlier windows' residuals; and whether they were widened
    because fewer than :data:`MIN_INTERVAL_WINDOWS` windows exist.

    The errors are the series' own when it has ``min_own`` of them, else pooled over all series.
    Errors grow with the step, so each step's mean absolute error (made non-decreasing in the
    step: isotonic) sets the shape; the width is the conformal quantile of the absolute errors
    divided by that shape, pooled over every step (enough points even with a few windows).  The
    quantile level is raised by (1 − level) / (windows + 1) — the finite-sample correction with
    the window, not the period, as the unit, since errors within a window move together — so
    fewer windows give wider intervals.  Returns NaNs when there is nothing to calibrate from.
    """
    h = res.shape[1]
    nan = np.full(h, np.nan)
    if res.shape[0] == 0:
        return nan, True
    a = np.abs(res)
    own = a[:, :, s]
    if np.isfinite(own).sum() >= min_own:
        a = own[:, :, None]
    n_windows = int(np.isfinite(a).any(axis=(1, 2)).sum())
    if np.isfinite(a).sum() < 3 or n_windows == 0:
        return nan, True
    flat = a.transpose(1, 0, 2).reshape(h, -1)                # (h, W·S)
    count = np.isfinite(flat).sum(1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(flat, axis=1)
    ok = count > 0
    shape = np.ones(h)
    if n_windows >= 2 and ok.sum() >= 2 and np.nanmax(mean) > 0:
        from sklearn.isotonic import IsotonicRegression

        k = np.arange(h)
        fit = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(
            k[ok], mean[ok], sample_weight=count[ok]).predict(k)
        floor = 0.05 * float(np.nanmean(mean[ok]))
        shape = np.maximum(fit, floor) if floor > 0 else np.ones(h)
        shape = shape / float(np.average(shape[ok], weights=count[ok]))
    z = (flat / shape[:, None])
    z = z[np.isfinite(z)]
    q_level = min(0.995, level + (1 - level) / (n_windows + 1))
    q = float(np.quantile(z, q_level, method="higher"))
    return q * shape, n_windows < MIN_INTERVAL_WINDOWS


def run_backtest(panel: Panel, models: Sequence[str], horizon: int, windows: int, *,
                 calibration: int = 2, step: Optional[int] = None, selection: str = "auto",
                 params: Optional[dict] = None, progress=None, should_stop=None) -> Backtest:
    """Fit every model at every origin and collect its forecasts.

    ``windows`` are evaluated; ``calibration`` earlier windows are added (fewer if the history
    is short) to calibrate intervals and the auto choice for the first evaluated window.
    ``selection``: "per_series", "global" (one model for all), or "auto" (per series when
    there is one series or at least 100 backtest periods per series, else global).
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
    if selection == "auto":
        # with many series and few windows a per-series choice mostly picks noise: choose one
        # model for all of them unless each series has a long backtest
        selection = "per_series" if panel.y.shape[1] == 1 or len(origins) * horizon >= 100 else "global"
    bt = Backtest(panel, horizon, origins, calibration, selection=selection)
    fitted = [m for m in models if not get_model(m).is_combination]
    weights = {m: (8.0 if get_model(m).is_deep else 2.0 if get_model(m).family in ("gbm",) else 1.0)
               for m in fitted}
    total = sum(weights.values()) * len(origins)
    done = 0.0
    S = panel.y.shape[1]
    for m in models:
        bt.forecasts[m] = np.zeros((len(origins), horizon, S))
        bt.seconds[m] = 0.0
    for w, o in enumerate(origins):
        hist = panel.head(o + 1)
        for m in fitted:
            sub = rep.sub(done / total, (done + weights[m]) / total)
            sub(0.0, _("backtest {i}/{n}: {model}").format(
                i=fmt.integer(w + 1), n=fmt.integer(len(origins)), model=get_model(m).label))
            t0 = time.perf_counter()
            est = get_model(m).create(**params.get(m, {}))
            bt.forecasts[m][w] = est.fit(hist, horizon, progress=sub, should_stop=None).predict()
            bt.seconds[m] += time.perf_counter() - t0
            done += weights[m]
    for m in models:
        if get_model(m).is_combination:
            bt.forecasts[m] = combine(m, bt.forecasts)
        else:
            # a model with no forecast for a live series at some origin is not scored for that
            # series at all (not on the windows it happened to have: unlike the others)
            bt.forecasts[m][:, :, ~bt.scored(m)] = np.nan
    rep(1.0, _("backtest done"))
    return bt


def combine(name: str, forecasts: dict) -> np.ndarray:
    """Forecasts of a combination model: the mean of its members that were run."""
    members = [forecasts[m] for m in get_model(name).members if m in forecasts]
    if not members:
        raise InputError(_("{name} needs at least one of {members}").format(
            name=name, members=fmt.names(get_model(name).members)))
    return np.mean(members, axis=0)
