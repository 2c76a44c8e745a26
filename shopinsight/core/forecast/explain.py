"""Why this forecast: each forecast period split into what drives it.

For the model chosen for a series, every forecast value is split into four parts that add up
to it exactly (the stored forecast, after closed days and the floor at zero):

``level``     level & trend — what the model forecasts for an ordinary period: the series' recent
              values and rolling means, its scale, the step ahead (and the model's intercept);
``season``    weekday & season — the same-season values and the day of the week;
``calendar``  holidays & the shop's events — holiday, Christmas-break and user-event flags;
``price``     price — the last price relative to its recent mean (product series only).

How the parts are found depends on the model (``method``):

* ``linear`` (exact): the ridge model is a sum of coefficient × feature (on the log scale it
  is fitted on).  Each part is its coefficients × (feature − neutral value); the intercept and
  coefficient × neutral values go to level & trend.  On a log scale the parts multiply in units;
  that one step is shared out by the exact Shapley value over the (at most three) non-level
  parts, so the parts add up to the forecast, a part whose features sit at their neutral values
  (no holiday, usual price) is exactly 0, and without the log scale each part is exactly
  coefficient × (feature − neutral value) × the series' scale.
* ``shapley`` (approximate — gradient boosting, neural network): the same exact Shapley value
  over the same groups, with a group "left out" by setting its features to the neutral values
  (no holiday or event, price at its recent mean, same-season values at the long-run mean, the
  weekday averaged over the open weekdays).  The parts add up to the forecast exactly, but how
  a tree or network shares an interaction between groups is a convention: they are labelled
  approximate.  2³ = 8 coalitions (×7 weekdays) per forecast row: milliseconds per series.
* ``seasonal`` (seasonal naive, exact): it repeats last season — the mean of what it repeats is
  its level, the ups and downs around that mean are season; holidays inside the repeated
  season stay in season (the model does not know them).
* ``flat`` (naive, moving average, Croston/SBA/TSB, exact): one flat value — all level & trend.
* an ensemble's parts are the mean of its members' parts (approximate if any member's are).

Neutral values: holiday/Christmas/event 0 (weekly/monthly: 0 flagged days), relative price 1,
same-season values = the long-run mean (``mean_long``), weekday = the average of the open ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial
from typing import Optional

import numpy as np
import pandas as pd

from ..i18n import N_, _
from ..tasks import as_reporter
from .series import Panel

__all__ = ["PARTS", "PART_LABELS", "part_label", "explain_forecasts", "Explanation", "explanation",
           "explanation_dict", "NOT_STORED"]

PARTS = ("level", "season", "calendar", "price")
PART_LABELS = {"level": N_("Level & trend"), "season": N_("Weekday & season"),
               "calendar": N_("Holidays & events"), "price": N_("Price")}
METHODS = {"linear": N_("exact: coefficient × feature of the linear model"),
           "shapley": N_("approximate: Shapley values over the feature groups"),
           "seasonal": N_("exact: repeats last season (its mean is the level, the rest season)"),
           "flat": N_("exact: one flat value, all level"),
           "ensemble": N_("the mean of the ensemble members' parts")}
NOT_STORED = N_("not available for this run: it was stored before forecasts were explained; "
                "train the forecast again to see why")
APPROXIMATE_NOTE = N_("approximate: the model's parts are Shapley values over feature groups "
                      "(they add up to the forecast; how an interaction is shared is a convention)")

_SEASON = ("season_last", "season_mean")
_CALENDAR = ("holiday", "christmas", "event")
_ROWS_PER_BLOCK = 40_000          # model inputs evaluated at once (memory: rows × features × 4 B)


def part_label(part: str) -> str:
    """A part's name in the current language."""
    return _(PART_LABELS[part])


def _groups(names: list[str]) -> dict[str, np.ndarray]:
    """Column indices of the non-level parts present in this design (level: all the rest)."""
    col = {n: i for i, n in enumerate(names)}
    out = {"season": [col[n] for n in names if n in _SEASON or n.startswith("dow")],
           "calendar": [col[n] for n in _CALENDAR if n in col],
           "price": [col["price_rel"]] if "price_rel" in col else []}
    return {k: np.array(v, dtype=int) for k, v in out.items() if v}


class _Model:
    """A fitted FeatureForecaster's output in the series' units for design rows."""

    def __init__(self, est):
        self.est = est

    def __call__(self, X: np.ndarray, scale: np.ndarray) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        # blocks are small: OpenMP threads gain nothing and collapse on a shared CPU (see gbm.py)
        with threadpool_limits(1, user_api="openmp"):
            pred = np.asarray(self.est.model_.predict(X[:, self.est.columns_]), dtype=float).reshape(-1)
        if self.est.log_target:
            pred = np.expm1(pred)
        return pred * scale


def _neutral(X: np.ndarray, names: list[str], panel: Panel) -> tuple[np.ndarray, list[np.ndarray]]:
    """The neutral design (non-level features at their neutral values) and, for daily data, the
    weekday one-hots to average over (open weekdays)."""
    col = {n: i for i, n in enumerate(names)}
    R = X.copy()
    long_mean = X[:, col["mean_long"]]
    for n in _SEASON:
        j = col[n]
        R[:, j] = np.where(np.isnan(X[:, j]), np.nan, long_mean)
    for n in _CALENDAR:
        R[:, col[n]] = 0.0
    if "price_rel" in col:
        j = col["price_rel"]
        R[:, j] = np.where(np.isnan(X[:, j]), np.nan, 1.0)
    days = []
    if "dow0" in col:
        open_days = [d for d in range(7) if d not in set(panel.closed_weekdays)] or list(range(7))
        days = [np.eye(7, dtype=X.dtype)[d] for d in open_days]
    return R, days


def _shapley_rows(model: _Model, X: np.ndarray, scale: np.ndarray, names: list[str], panel: Panel,
                  rep=None, *, linear: bool = False) -> dict[str, np.ndarray]:
    """Exact Shapley value over the non-level groups for each row of X; level = the neutral
    forecast.  Returns part → (n,) in the series' units; the parts sum to model(X).

    ``linear``: the model is linear in its inputs, so the neutral weekday is the mean of the
    open weekdays' one-hots (one evaluation) rather than the mean of the outputs."""
    groups = _groups(names)
    players = list(groups)
    P = len(players)
    R, days = _neutral(X, names, panel)
    if linear and days:
        days = [np.mean(days, axis=0)]
    dow = np.array([i for i, n in enumerate(names) if n.startswith("dow")], dtype=int)
    n = len(X)
    value: dict[frozenset, np.ndarray] = {}
    coalitions = [frozenset(c) for k in range(P + 1) for c in combinations(players, k)]
    step = max(1, _ROWS_PER_BLOCK // max(1, len(days)))
    for ci, coal in enumerate(coalitions):
        v = np.empty(n)
        for a in range(0, n, step):
            b = min(n, a + step)
            Z = R[a:b].copy()
            for p in coal:
                Z[:, groups[p]] = X[a:b, groups[p]]
            if "season" not in coal and days:
                Zs = np.concatenate([_with_dow(Z, dow, d) for d in days])
                v[a:b] = model(Zs, np.tile(scale[a:b], len(days))).reshape(len(days), b - a).mean(axis=0)
            else:
                v[a:b] = model(Z, scale[a:b])
            if rep is not None:
                rep.check()
        value[coal] = v
        if rep is not None:
            rep((ci + 1) / len(coalitions), _("explaining the forecast"))
    parts = {"level": value[frozenset()]}
    for p in players:
        phi = np.zeros(n)
        others = [q for q in players if q != p]
        for k in range(len(others) + 1):
            w = factorial(k) * factorial(P - k - 1) / factorial(P)
            for c in combinations(others, k):
                c = frozenset(c)
                phi += w * (value[c | {p}] - value[c])
        parts[p] = phi
    return parts


def _with_dow(Z: np.ndarray, dow: np.ndarray, onehot: np.ndarray) -> np.ndarray:
    Z = Z.copy()
    Z[:, dow] = onehot
    return Z


def _feature_parts(est, panel: Panel, horizon: int, series: np.ndarray, rep=None, *,
                   linear: bool = False) -> np.ndarray:
    """(h, S, 4) raw parts of a FeatureForecaster for the series indices ``series``."""
    from .features import design, feature_names

    T, S = panel.y.shape
    D = design(panel, horizon, np.array([T - 1]), train=False)
    keep = np.isin(D.s, series)
    X = D.X[keep].astype(float)          # float64: differences of predictions stay exact
    names = feature_names(panel)
    parts = _shapley_rows(_Model(est), X, D.scale[keep], names, panel, rep, linear=linear)
    out = np.zeros((horizon, S, len(PARTS)))
    for i, p in enumerate(PARTS):
        if p in parts:
            out[D.k[keep] - 1, D.s[keep], i] = parts[p]
    return out


def _seasonal_parts(raw: np.ndarray, panel: Panel) -> np.ndarray:
    """Seasonal naive: the mean of the repeated season (its open periods) = level, the rest = season."""
    T, h = panel.n_periods, raw.shape[0]
    m = panel.yardstick_lag or panel.season
    if T < m:
        m = panel.season
    out = np.zeros((h, raw.shape[1], len(PARTS)))
    if T < m:                                   # fell back to naive: one flat value
        out[..., 0] = raw
        return out
    first = slice(0, min(h, m))                 # one repeated season, its open periods
    open_ = panel.open_mask(panel.future_dates(h))[first]
    level = raw[first][open_].mean(axis=0) if open_.any() else raw[first].mean(axis=0)
    out[..., 0] = level[None, :]
    out[..., 1] = raw - level[None, :]
    return out


def _method(est) -> str:
    from .models.base import FeatureForecaster
    from .models.baselines import SeasonalNaive
    from .models.linear import LinearForecaster

    if isinstance(est, LinearForecaster):
        return "linear"
    if isinstance(est, FeatureForecaster):
        return "shapley"
    if isinstance(est, SeasonalNaive):
        return "seasonal"
    return "flat"


def _finished(parts: np.ndarray, final: np.ndarray, panel: Panel) -> np.ndarray:
    """Make the parts add up to the stored forecast: zero on closed days and for unlisted
    series; where the parts would go below zero (the forecast's floor) the negative parts are
    shrunk in proportion until they just cancel the positive ones; rounding goes to level."""
    parts = np.nan_to_num(parts.copy(), nan=0.0)
    h = final.shape[0]
    parts[~panel.open_mask(panel.future_dates(h))] = 0.0
    parts[:, panel.first >= panel.n_periods] = 0.0
    pos = np.clip(parts, 0, None).sum(axis=-1)
    neg = np.clip(parts, None, 0).sum(axis=-1)
    floored = (final <= 0) & (pos + neg < final) & (neg < 0)      # clipped at 0, not rounding
    shrink = np.where(floored, np.clip((final - pos) / np.where(neg < 0, neg, -1.0), 0, 1), 1.0)
    parts = np.where(parts < 0, parts * shrink[..., None], parts)
    parts[..., 0] += final - parts.sum(axis=-1)
    return parts


def explain_forecasts(panel: Panel, estimators: dict, final: dict, chosen: dict, *,
                      progress=None, should_stop=None) -> pd.DataFrame:
    """The parts of each series' chosen model's forecast.

    ``estimators`` model → fitted forecaster (fitted on ``panel``); ``final`` model → (h, S)
    forecasts (combinations included); ``chosen`` series → model.  Returns one row per series
    and period: series, date, model, method, level, season, calendar, price (sum = forecast).
    """
    from .models.registry import get_model

    rep = as_reporter(progress, should_stop)
    h = next(iter(final.values())).shape[0]
    index = {s: i for i, s in enumerate(panel.series)}
    want: dict[str, set] = {}
    for s, m in chosen.items():
        info = get_model(m)
        for mm in ([x for x in info.members if x in estimators] if info.is_combination else [m]):
            want.setdefault(mm, set()).add(index[s])
    parts, methods = {}, {}
    todo = [m for m in want if m in estimators]
    for i, m in enumerate(todo):
        est = estimators[m]
        method = methods[m] = _method(est)
        cols = np.array(sorted(want[m]))
        sub = rep.sub(i / len(todo), (i + 1) / len(todo))
        if method in ("linear", "shapley"):
            raw = _feature_parts(est, panel, h, cols, sub, linear=method == "linear")
        elif method == "seasonal":
            raw = _seasonal_parts(est._predict(panel, h), panel)
        else:
            raw = np.zeros((h, len(panel.series), len(PARTS)))
            raw[..., 0] = final[m]
        parts[m] = _finished(raw, final[m], panel)
    dates = panel.future_dates(h).strftime("%Y-%m-%d").to_numpy()
    frames = []
    for s, m in chosen.items():
        j = index[s]
        info = get_model(m)
        if info.is_combination:
            members = [x for x in info.members if x in parts and j in want.get(x, ())]
            if not members:
                continue
            p = np.mean([parts[x][:, j] for x in members], axis=0)
            p[:, 0] += final[m][:, j] - p.sum(axis=-1)     # rounding only
            method, approx = "ensemble", any(methods[x] == "shapley" for x in members)
        elif m in parts:
            p, method = parts[m][:, j], methods[m]
            approx = method == "shapley"
        else:
            continue
        frames.append(pd.DataFrame({"series": s, "date": dates, "model": m, "method": method,
                                    "approximate": int(approx),
                                    **{name: p[:, i] for i, name in enumerate(PARTS)}}))
    rep(1.0, _("forecast explained"))
    cols = ["series", "date", "model", "method", "approximate", *PARTS]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


# -- reading an explanation -------------------------------------------------------------------------

@dataclass
class Explanation:
    """The parts of one series' forecast (``table``: date, forecast, level, season, calendar,
    price — only the parts this run has), or why there are none (``reason``)."""

    series: str
    model: Optional[str]
    method: Optional[str]
    table: Optional[pd.DataFrame]
    reason: Optional[str] = None
    approximate: bool = False

    @property
    def available(self) -> bool:
        return self.table is not None

    @property
    def parts(self) -> list[str]:
        return [p for p in PARTS if self.table is not None and p in self.table]

    @property
    def method_text(self) -> str:
        """How the parts were found, in the current language."""
        if self.method is None:
            return ""
        text = _(METHODS.get(self.method, self.method))
        return f"{text}; {_(APPROXIMATE_NOTE)}" if self.approximate and self.method != "shapley" else text

    def totals(self) -> dict:
        """Parts summed over the horizon, and the forecast's total."""
        if self.table is None:
            return {}
        return {c: float(self.table[c].sum()) for c in ["forecast", *self.parts]}


def explanation(result, series: str) -> Explanation:
    """The parts of ``series``'s chosen forecast from a result (stored or fresh)."""
    model = result.selected.get(series)
    c = getattr(result, "contributions", None)
    if c is None:
        return Explanation(series, model, None, None, _(NOT_STORED))
    rows = c[c["series"].astype(str) == str(series)]
    if rows.empty:
        return Explanation(series, model, None, None, _("no explanation for this series"))
    fc = result.forecasts
    fc = fc[(fc["series"].astype(str) == str(series)) & (fc["model"] == rows["model"].iloc[0])]
    tab = rows[["date", *PARTS]].merge(fc[["date", "forecast"]], on="date", how="left")
    # price is a feature of product series only
    present = [p for p in PARTS if p != "price" or result.spec.level == "product"]
    tab = tab[["date", "forecast", *present]].reset_index(drop=True)
    return Explanation(series, str(rows["model"].iloc[0]), str(rows["method"].iloc[0]), tab,
                       approximate=bool(int(rows["approximate"].iloc[0])))


def explanation_dict(result, series: Optional[list] = None) -> dict:
    """JSON-ready explanations of the chosen forecasts (``series``: all when None)."""
    names = list(result.selected) if series is None else list(series)
    out = {"parts": {p: part_label(p) for p in PARTS}, "series": {}}
    for s in names:
        e = explanation(result, s)
        if not e.available:
            out["series"][s] = {"model": e.model, "available": False, "reason": e.reason}
            continue
        out["series"][s] = {
            "model": e.model, "available": True, "method": e.method,
            "approximate": e.approximate, "how": e.method_text,
            "totals": {k: round(v, 6) for k, v in e.totals().items()},
            "periods": [{k: (v if k == "date" else float(v)) for k, v in r.items()}
                        for r in e.table.to_dict("records")]}
    return out
