"""The yardsticks: popularity and "buy again" (the customer's own purchase history)."""
from __future__ import annotations

from typing import Optional

import numpy as np

from .base import Recommender
from .interactions import Interactions

__all__ = ["Popularity", "Trending", "BuyAgain"]


class Popularity(Recommender):
    """Everyone gets the products bought by the most customers (recent customers count more
    with ``half_life_days``).  The baseline every other model must beat."""

    name = "popularity"
    # the yardstick stays the classical all-time best-seller list: it is never tuned
    param_grid: list[dict] = [{"half_life_days": None}]

    def __init__(self, half_life_days: Optional[float] = None):
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        w = X.weighted(self.half_life_days, "binary")
        self.scores_ = np.asarray(w.sum(axis=0)).ravel().astype(np.float64)

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return np.broadcast_to(self.scores_, (len(rows), len(self.scores_))).copy()


class Trending(Popularity):
    """Recent best sellers: popularity with each buyer's purchase decayed by age
    (half-life tuned on validation).  A stronger, seasonal yardstick than plain popularity."""

    name = "trending"
    param_grid: list[dict] = [{"half_life_days": h} for h in (14, 30, 90)]

    def __init__(self, half_life_days: Optional[float] = 30):
        self.half_life_days = half_life_days


class BuyAgain(Recommender):
    """Rank the products a customer already bought by how often and how recently
    (each past order weighs ``0.5 ** (age / half_life_days)``).  For wholesale-like shops this
    is a strong baseline; it can never suggest anything new."""

    name = "buy_again"
    repeat_only = True
    param_grid: list[dict] = [{"half_life_days": h} for h in (15, 30, 60, 120, None)]

    def __init__(self, half_life_days: Optional[float] = 60):
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        self.user_scores_ = X.weighted(self.half_life_days, "count").tocsr()

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return self.user_scores_[rows].toarray().astype(np.float64)
