"""Linear regression on lags, rolling means, calendar, holidays/events and price (the classic approach)."""
from __future__ import annotations

from .base import FeatureForecaster

__all__ = ["LinearForecaster"]


class LinearForecaster(FeatureForecaster):
    """Ridge regression on the direct multi-horizon features, pooled over series.

    Parameters
    ----------
    alpha : float
        L2 penalty (0 = ordinary least squares); keeps the many calendar columns stable.
    """

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    def _regressor(self):
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(SimpleImputer(keep_empty_features=True), StandardScaler(),
                             Ridge(alpha=float(self.alpha)))
