"""The forecaster interface shared by every model.

A forecaster is a scikit-learn-style estimator over a whole :class:`~..series.Panel`:
``__init__`` only stores parameters, ``fit(panel, horizon, progress=, should_stop=)`` learns
and returns ``self``, ``predict()`` returns an ``(horizon, S)`` array for the periods after the
panel's end.  Local models loop over (or vectorise across) series; global models pool them.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
from sklearn.base import BaseEstimator

from ..series import Panel

__all__ = ["Forecaster", "FeatureForecaster", "finish"]


class Forecaster(BaseEstimator):
    """Base class: subclasses implement ``_fit`` and ``_predict``."""

    def fit(self, panel: Panel, horizon: int, progress=None, should_stop=None) -> "Forecaster":
        """Learn from the panel's history for forecasts 1..``horizon`` periods ahead."""
        self.panel_ = panel
        self.horizon_ = int(horizon)
        self._fit(panel, self.horizon_, progress, should_stop)
        return self

    # a model that may have no forecast for a series (NaN column: "unavailable", never 0)
    may_be_unavailable = False

    def predict(self) -> np.ndarray:
        """Forecasts for the ``horizon`` periods after the panel, shape (horizon, S)."""
        return finish(self.panel_, self._predict(self.panel_, self.horizon_), self.may_be_unavailable)

    def _fit(self, panel: Panel, horizon: int, progress, should_stop) -> None:
        pass

    def _predict(self, panel: Panel, horizon: int) -> np.ndarray:
        raise NotImplementedError


def finish(panel: Panel, f: np.ndarray, keep_unavailable: bool = False) -> np.ndarray:
    """Zero closed days, forbid negative demand, and keep unlisted series at 0; with
    ``keep_unavailable`` a series whose forecast is all NaN stays NaN (no forecast, not 0)."""
    f = np.asarray(f, dtype=float)
    gone = np.isnan(f).all(axis=0) if keep_unavailable else np.zeros(f.shape[1], bool)
    f = np.nan_to_num(f, nan=0.0)
    f = np.clip(f, 0.0, None)
    f[~panel.open_mask(panel.future_dates(f.shape[0]))] = 0.0
    f[:, panel.first >= panel.n_periods] = 0.0
    f[:, gone] = np.nan
    return f


def open_history(panel: Panel) -> np.ndarray:
    """Mask (T,) of open periods in the history."""
    return panel.open_mask(panel.dates)


class FeatureForecaster(Forecaster):
    """A regressor on the direct multi-horizon features of :mod:`..features` (global model)."""

    max_rows = 250_000
    # recent rows count more: a row's weight halves every ``halflife`` periods of age, so the
    # fit follows a level or seasonal pattern that drifts (None: the long window of features.WINDOWS,
    # a quarter of daily or half a year of weekly data; 0: equal weights)
    halflife: Optional[float] = None
    # fit log(1 + y / scale) and transform back: sales are multiplicative and heavy-tailed
    # (wholesale orders), so the fit then tracks the typical period — what MAE, WAPE and MASE
    # reward — instead of being pulled up by rare huge ones; net returns count as 0 here
    log_target: bool = True

    def _recency_weights(self, panel: Panel, period: np.ndarray) -> Optional[np.ndarray]:
        from ..features import WINDOWS

        hl = WINDOWS[panel.freq][3] if self.halflife is None else float(self.halflife)
        if hl <= 0:
            return None
        return 0.5 ** (((panel.n_periods - 1) - period) / hl)

    def _regressor(self):
        raise NotImplementedError

    def _fit(self, panel, horizon, progress, should_stop):
        from ..features import design, training_origins

        D = design(panel, horizon, training_origins(panel, horizon, self.max_rows), train=True)
        if len(D.target) < 10:
            raise ValueError("too little history for a regression model")
        self.n_train_rows_ = len(D.target)
        # features never seen (e.g. last year's value with under a year of weekly history)
        self.columns_ = ~np.isnan(D.X).all(axis=0)
        # winsorise the scaled target: one entry error or wholesale order must not steer the fit
        hi = max(float(np.quantile(D.target, 0.995)), 1.0)
        self.target_period_ = D.t + D.k
        self.sample_weight_ = self._recency_weights(panel, self.target_period_)
        tgt = np.clip(D.target, -hi, hi)
        if self.log_target:
            tgt = np.log1p(np.clip(tgt, 0, None))
        self.model_ = self._fit_regressor(D.X[:, self.columns_], tgt, progress, should_stop)

    def _fit_regressor(self, X, y, progress, should_stop):
        r = self._regressor()
        if self.sample_weight_ is None:
            return r.fit(X, y)
        # a pipeline routes the weights to its last step
        key = f"{r.steps[-1][0]}__sample_weight" if hasattr(r, "steps") else "sample_weight"
        return r.fit(X, y, **{key: self.sample_weight_})

    def _predict(self, panel, horizon):
        from ..features import design

        T, S = panel.y.shape
        D = design(panel, horizon, np.array([T - 1]), train=False)
        out = np.zeros((horizon, S))
        pred = self.model_.predict(D.X[:, self.columns_])
        if self.log_target:
            pred = np.expm1(pred)
        out[D.k - 1, D.s] = pred * D.scale
        return out
