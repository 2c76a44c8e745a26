"""Price what-if for one product: expected units and revenue across a range of prices.

The seeds' linear-regression example: units per period explained by the period's average
selling price and the product's recent average sales (the previous periods), fitted by least
squares.  This is a correlation, not an experiment: when the price barely varied, or demand
*rose* with price (promotions, wholesale tiers), the result says so instead of pretending.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n import _
from .series import SeriesSpec, load_panel
from .. import fmt

__all__ = ["PriceWhatIf", "price_whatif", "fit_price_model"]

_RECENT = 4   # periods averaged for "recent average sales"


@dataclass
class PriceWhatIf:
    """Result: ``table`` (price, units, revenue), coefficients, and warnings to show."""

    product_id: str
    name: str
    table: pd.DataFrame
    intercept: float
    price_coef: float
    recent_coef: float
    recent_units: float
    current_price: float
    n_periods: int
    price_cv: float
    r2: float
    warnings: list = field(default_factory=list)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)   # date, price, units


def fit_price_model(price: np.ndarray, units: np.ndarray, recent: int = _RECENT):
    """Least squares ``units_t ~ price_t + mean(units_{t-recent..t-1})`` over periods with sales.

    Returns (LinearRegression, X, y, mask).
    """
    from sklearn.linear_model import LinearRegression

    u = pd.Series(units, dtype=float)
    lag_mean = u.shift(1).rolling(recent, min_periods=1).mean().to_numpy()
    ok = np.isfinite(price) & np.isfinite(lag_mean) & (units > 0)
    X = np.column_stack([price[ok], lag_mean[ok]])
    y = units[ok]
    if len(y) < 5:
        raise InputError(_("too few periods with sales ({n}) to relate units to price").format(n=len(y)))
    return LinearRegression().fit(X, y), X, y, ok


def price_whatif(shop, product_id: str, *, until: Optional[str] = None, freq: str = "W",
                 prices: Optional[np.ndarray] = None, n_prices: int = 21) -> PriceWhatIf:
    """Expected units and revenue per period across a price range for one product.

    The range defaults to ±30 % around the last selling price (covering the observed range).
    """
    panel = load_panel(shop, SeriesSpec(target="units", level="product", freq=freq, until=until,
                                        products=(str(product_id),), holiday_country=None))
    y, p = panel.y[:, 0], panel.price[:, 0]
    start = int(panel.first[0])
    y, p, dates = y[start:], p[start:], panel.dates[start:]
    model, X, yy, ok = fit_price_model(p, y)
    b0, (bp, br) = float(model.intercept_), (float(c) for c in model.coef_)
    last_price = float(pd.Series(p).dropna().iloc[-1])
    recent = float(np.mean(y[-_RECENT:]))
    observed = p[np.isfinite(p)]
    cv = float(np.std(observed) / np.mean(observed)) if len(observed) and np.mean(observed) > 0 else 0.0
    if prices is None:
        lo = min(last_price * 0.7, float(observed.min()))
        hi = max(last_price * 1.3, float(observed.max()))
        prices = np.linspace(lo, hi, n_prices)
    prices = np.asarray(prices, float)
    units = np.clip(b0 + bp * prices + br * recent, 0, None)
    warnings = []
    if cv < 0.05 or len(np.unique(np.round(observed, 2))) < 3:
        warnings.append(_("the price barely varied (coefficient of variation {cv}, {n} distinct prices): the "
                          "effect of a price change cannot be read from this history").format(
            cv=fmt.percent(cv, 1), n=fmt.integer(len(np.unique(np.round(observed, 2))))))
    if bp >= 0:
        warnings.append(_("units did not fall as the price rose in this history (likely volume "
                          "discounts, promotions or seasonality, not customers liking higher prices): "
                          "do not use this to raise prices"))
    if len(yy) < 20:
        warnings.append(_("only {n} periods with sales: the estimate is rough").format(n=fmt.integer(len(yy))))
    outside = (prices < observed.min()) | (prices > observed.max())
    table = pd.DataFrame({"price": prices, "units": units, "revenue": prices * units,
                          "extrapolated": outside.astype(int)})
    hist = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "price": p, "units": y})
    return PriceWhatIf(str(product_id), panel.labels.get(str(product_id), str(product_id)), table,
                       b0, bp, br, recent, last_price, int(len(yy)), cv,
                       float(model.score(X, yy)), warnings, hist)
