"""The purchase-probability models, scikit-learn style, and their registry.

Every model takes the feature frame of :mod:`.pipeline` (``FEATURES`` plus the BG/NBD columns) and
picks the columns it uses, so they can be trained, compared and swapped freely:

* ``recency`` — logistic regression on log recency alone (the simplest honest yardstick);
* ``logreg_rfm`` — logistic regression on log recency, frequency and monetary value (the yardstick);
* ``logreg`` — logistic regression on all features (the seeds' model);
* ``hgb`` — scikit-learn's histogram gradient boosting on all features;
* ``bgnbd`` — the BG/NBD probability of at least one purchase in the horizon (no label training);
* ``mlp`` — a Keras MLP (Dense 64-32-1 sigmoid by default), see :mod:`.deep`.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from .features import FEATURES, RFM_FEATURES

from ..i18n import Labels
from ..registries import CUSTOMERS

__all__ = ["MODELS", "MODEL_LABELS", "BGNBD_FEATURES", "ALL_FEATURES", "make_model", "signed_log1p",
           "ColumnModel", "BGNBDScore", "usable_columns", "DEFAULT_MODELS", "CANDIDATES"]

BGNBD_FEATURES = ["bgnbd_p_alive", "bgnbd_expected", "bgnbd_p_buy"]
ALL_FEATURES = FEATURES + BGNBD_FEATURES

# the registry (core/registries.py: labels, descriptions, parameters, factories below);
# MODEL_LABELS reads a label in the current language (MODEL_LABELS[id], .items())
MODELS = CUSTOMERS
MODEL_LABELS = Labels({name: info.label_en for name, info in CUSTOMERS.items()})
DEFAULT_MODELS = list(CUSTOMERS.defaults)
# models that may be chosen as "the" model (the yardsticks are there to be beaten)
CANDIDATES = ["logreg", "hgb", "mlp", "bgnbd"]


def _threads():
    """One OpenMP thread for the GBM: on a busy laptop (and on the shared 2-core test machine)
    OpenMP spin-waiting made a 2-second fit take 10–20 s; one thread is the predictable choice."""
    from threadpoolctl import threadpool_limits
    return threadpool_limits(limits=1, user_api="openmp")


def usable_columns(X: pd.DataFrame) -> list[str]:
    """All model features present in ``X`` that are not entirely unknown (e.g. "same season last
    year" when the shop has less than a year of history)."""
    return [c for c in ALL_FEATURES if c in X and X[c].notna().any()]


def signed_log1p(x):
    """sign(x)·log(1+|x|): tames heavy tails (money, counts) and keeps negatives (net refunds)."""
    x = np.asarray(x, dtype=float)
    return np.sign(x) * np.log1p(np.abs(x))


def linear_preprocessor() -> Pipeline:
    """Log, impute (median; gap features are unknown with one order), standardise."""
    return make_pipeline(FunctionTransformer(signed_log1p, feature_names_out="one-to-one"),
                         SimpleImputer(strategy="median", keep_empty_features=True),
                         StandardScaler())


class ColumnModel(ClassifierMixin, BaseEstimator):
    """A classifier trained on a fixed subset of the frame's columns."""

    def __init__(self, estimator=None, columns: Optional[list[str]] = None):
        self.estimator = estimator
        self.columns = columns

    def fit(self, X: pd.DataFrame, y, sample_weight=None) -> "ColumnModel":
        self.columns_ = list(self.columns or usable_columns(X))
        self.estimator_ = clone(self.estimator)
        kw = {}
        if sample_weight is not None:
            kw[f"{self.estimator_.steps[-1][0]}__sample_weight" if isinstance(self.estimator_, Pipeline)
               else "sample_weight"] = sample_weight
        with _threads():
            self.estimator_.fit(X[self.columns_].to_numpy(dtype=float), np.asarray(y), **kw)
        self.classes_ = np.array([0, 1])
        self.feature_names_in_ = np.array(self.columns_, dtype=object)
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        with _threads():
            return self.estimator_.predict_proba(X[self.columns_].to_numpy(dtype=float))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def coefficients(self) -> Optional[pd.Series]:
        """Standardised coefficients (logistic regression only): effect of +1 SD of log-feature."""
        last = self.estimator_.steps[-1][1] if isinstance(self.estimator_, Pipeline) else self.estimator_
        if not hasattr(last, "coef_"):
            return None
        return pd.Series(last.coef_[0], index=self.columns_)


class BGNBDScore(ClassifierMixin, BaseEstimator):
    """BG/NBD probability of a purchase in the horizon, read from the frame's ``bgnbd_p_buy``.

    The BG/NBD model itself is fitted on each cutoff's history (no labels needed) when the frame is
    built; this wrapper lets it sit in the model table like the others.
    """

    def fit(self, X: pd.DataFrame, y=None) -> "BGNBDScore":
        self.columns_ = ["bgnbd_p_buy"]
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = np.clip(X["bgnbd_p_buy"].to_numpy(dtype=float), 1e-6, 1 - 1e-6)
        return np.column_stack([1 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def make_model(name: str, params: Optional[dict[str, Any]] = None, seed: int = 0):
    """A fresh, unfitted model by registry name, with optional parameter overrides (checked
    against the registry's ranges; unknown names are InputError)."""
    return CUSTOMERS[name].build(params, seed=seed)


# -- the factories the registry names (defaults live in the registry only) -----------------------
def recency_model(seed: int = 0):
    return ColumnModel(make_pipeline(linear_preprocessor(), LogisticRegression()), ["recency_days"])


def logreg_rfm_model(seed: int = 0):
    return ColumnModel(make_pipeline(linear_preprocessor(), LogisticRegression()), RFM_FEATURES)


def logreg_model(*, C: float, seed: int = 0):
    return ColumnModel(make_pipeline(linear_preprocessor(), LogisticRegression(C=C, max_iter=2000)))


def hgb_model(*, seed: int = 0, **params):
    # shallow, slow-learning trees: chosen on validation cutoffs before 2011-07 of the UCI shop
    return ColumnModel(HistGradientBoostingClassifier(random_state=seed, **params))


def bgnbd_model(seed: int = 0):
    return BGNBDScore()


def mlp_model(*, seed: int = 0, **params):
    from .deep import KerasMLPClassifier   # TensorFlow is imported only when it trains
    return KerasMLPClassifier(seed=seed, **params)
