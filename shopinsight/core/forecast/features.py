"""Direct multi-horizon features for the regression models (linear, GBM, deep).

One row per (origin t, series s, step k): what was known at the end of period t, plus the
calendar of the target period d = t + k.  Targets and level features are divided by the
series' recent scale, so one model serves series of any size (a *global* model) and the
forecast for step k never feeds on earlier forecasts (no recursive error build-up).

Features (F columns, names in :func:`feature_names`):
lags of the last few periods; short/medium/long rolling means; share of zero periods;
the same-season value(s) before d (last week's Monday for a Monday); holiday, Christmas-break
and user-event flags of d; day of week of d (daily); relative price at t (product series);
log of the scale; k / horizon.  The scale is the mean |value| over the long window.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .series import Panel

__all__ = ["Design", "design", "feature_names", "WINDOWS"]

# (lags, short window, scale window, long window) per frequency, in periods
WINDOWS = {"D": (7, 7, 28, 91), "W": (4, 4, 8, 26), "M": (3, 3, 6, 12)}
_N_SEASONAL = 4          # same-season values averaged


@dataclass
class Design:
    """A feature matrix with what is needed to map predictions back to the series."""

    X: np.ndarray          # (n, F)
    scale: np.ndarray      # (n,) divide targets by it, multiply predictions by it
    t: np.ndarray          # origin index
    s: np.ndarray          # series index
    k: np.ndarray          # step 1..h
    target: np.ndarray     # y[t + k] / scale (NaN beyond the history)


def feature_names(panel: Panel) -> list[str]:
    """Names of the columns :func:`design` builds for this panel."""
    nl = WINDOWS[panel.freq][0]
    names = [f"lag{j}" for j in range(nl)] + ["mean_short", "mean_long", "zero_share", "log_scale",
                                              "season_last", "season_mean", "holiday", "christmas",
                                              "event", "step"]
    if panel.freq == "D":
        names += [f"dow{w}" for w in range(7)]
    if panel.price is not None:
        names += ["price_rel"]
    return names


def _window_mean(cum: np.ndarray, t: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """Mean over rows lo..t (inclusive) from a cumulative sum with a leading zero row."""
    n = np.maximum(t + 1 - lo, 1)
    S = cum.shape[1]
    cols = np.arange(S)[None, :]
    return (cum[t + 1, cols] - cum[lo, cols]) / n


def design(panel: Panel, horizon: int, origins: np.ndarray, *, train: bool) -> Design:
    """Rows for the given origin indices and steps 1..horizon.

    With ``train=True`` only rows whose target period is inside the history, open, and at or
    after the series' first sale are kept.
    """
    y = panel.y
    T, S = y.shape
    nl, w_short, w_scale, w_long = WINDOWS[panel.freq]
    m = panel.season
    origins = np.asarray(origins, dtype=int)
    O = len(origins)
    t = origins[:, None]                                  # (O, 1)
    first = panel.first[None, :]                          # (1, S)

    zero_row = np.zeros((1, S))
    cum = np.vstack([zero_row, np.cumsum(y, axis=0)])
    cum_abs = np.vstack([zero_row, np.cumsum(np.abs(y), axis=0)])
    cum_zero = np.vstack([zero_row, np.cumsum(y == 0, axis=0)])

    def lo(w):
        return np.maximum(t + 1 - w, first).clip(0, None)

    # the long window keeps every ratio below bounded (a product that went quiet for a few
    # weeks would otherwise turn its older sales into huge multiples of a tiny scale)
    scale = _window_mean(cum_abs, np.broadcast_to(t, (O, S)), lo(w_long))
    whole = _window_mean(cum_abs, np.broadcast_to(t, (O, S)), np.broadcast_to(first, (O, S)).clip(0, T))
    scale = np.where(scale > 0, scale, np.where(whole > 0, whole, 1.0))

    base = []
    for j in range(nl):
        idx = t - j
        v = y[np.clip(idx, 0, T - 1), np.arange(S)[None, :]]
        base.append(np.where(idx >= first, v, np.nan) / scale)
    base.append(_window_mean(cum, np.broadcast_to(t, (O, S)), lo(w_short)) / scale)
    base.append(_window_mean(cum, np.broadcast_to(t, (O, S)), lo(w_long)) / scale)
    base.append(_window_mean(cum_zero, np.broadcast_to(t, (O, S)), lo(w_scale)))
    base.append(np.log1p(scale))
    base_arr = np.stack(base, axis=-1)                    # (O, S, Fb)

    price_rel = None
    if panel.price is not None:
        p = panel.price
        # last known price over its mean in the scale window (NaN before the first sale)
        filled = _ffill(p)
        pc = np.vstack([zero_row, np.cumsum(np.nan_to_num(p), axis=0)])
        pn = np.vstack([zero_row, np.cumsum(~np.isnan(p), axis=0)])
        tt = np.broadcast_to(t, (O, S))
        l = lo(w_long)
        cols = np.arange(S)[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_p = (pc[tt + 1, cols] - pc[l, cols]) / (pn[tt + 1, cols] - pn[l, cols])
            price_rel = filled[tt, cols] / mean_p

    ext_dates = panel.dates.append(panel.future_dates(horizon))
    cal = panel.calendar.features(ext_dates, panel.freq)  # (T + h, 3)
    open_ = panel.open_mask(ext_dates)

    rows_X, rows_t, rows_s, rows_k, rows_target, rows_scale = [], [], [], [], [], []
    for k in range(1, horizon + 1):
        d = t + k                                          # (O, 1)
        back = m * int(np.ceil(k / m))
        seas = []
        for i in range(_N_SEASONAL):
            idx = d - back - m * i
            v = y[np.clip(idx, 0, T - 1), np.arange(S)[None, :]]
            seas.append(np.where((idx >= first) & (idx >= 0), v, np.nan))
        seas = np.stack(seas, axis=-1) / scale[..., None]
        n_seen = (~np.isnan(seas)).sum(-1)
        s_mean = np.where(n_seen > 0, np.nansum(seas, axis=-1) / np.maximum(n_seen, 1), np.nan)
        feats = [base_arr, seas[..., :1], s_mean[..., None]]
        dd = np.broadcast_to(d, (O, S))
        feats.append(cal[dd])
        feats.append(np.full((O, S, 1), k / horizon))
        if panel.freq == "D":
            feats.append(np.eye(7)[ext_dates.day_of_week.to_numpy()[dd]])
        if price_rel is not None:
            feats.append(price_rel[..., None])
        Xk = np.concatenate(feats, axis=-1)
        keep = np.ones((O, S), dtype=bool)
        if train:
            keep &= (dd < T) & (dd >= first) & open_[dd] & (np.broadcast_to(t, (O, S)) >= first)
        tgt = np.where(dd < T, y[np.clip(dd, 0, T - 1), np.arange(S)[None, :]], np.nan) / scale
        oo, ss = np.nonzero(keep)
        rows_X.append(Xk[oo, ss])
        rows_t.append(origins[oo])
        rows_s.append(ss)
        rows_k.append(np.full(len(oo), k))
        rows_target.append(tgt[oo, ss])
        rows_scale.append(scale[oo, ss])
    return Design(np.concatenate(rows_X).astype(np.float32), np.concatenate(rows_scale),
                  np.concatenate(rows_t), np.concatenate(rows_s), np.concatenate(rows_k),
                  np.concatenate(rows_target))


def _ffill(a: np.ndarray) -> np.ndarray:
    """Forward-fill NaNs down each column."""
    idx = np.where(~np.isnan(a), np.arange(a.shape[0])[:, None], 0)
    np.maximum.accumulate(idx, axis=0, out=idx)
    return a[idx, np.arange(a.shape[1])[None, :]]


def training_origins(panel: Panel, horizon: int, max_rows: int = 250_000) -> np.ndarray:
    """Origins to train on: every period with a little history, thinned to about ``max_rows`` rows."""
    T, S = panel.y.shape
    start = max(int(panel.first.min()) + WINDOWS[panel.freq][0] - 1, 0)
    origins = np.arange(start, T - 1)
    rows = len(origins) * S * horizon
    stride = max(1, int(np.ceil(rows / max_rows)))
    return origins[::-1][::stride][::-1]              # keep the most recent origin
