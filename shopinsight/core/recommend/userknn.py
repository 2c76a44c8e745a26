"""User-user collaborative filtering: "customers who buy like you also bought".

A customer's neighbours are the ``neighbours`` customers with the most similar purchase
profiles (cosine of order counts, recent orders weighing more with ``half_life_days``); the
score of a product is the similarity-weighted share of the neighbours' purchases that went
to it.  Like TIFU-KNN (Hu et al. 2020) it predicts both repurchases and new products, so it
is a strong component of the hybrid for wholesale-like shops.

Neighbours are looked for among at most ``max_candidates`` customers — the most recently active
ones — so scoring grows linearly with the number of customers (each chunk of customers is
compared with a bounded list), not with its square; a shop with fewer customers than that (the
UCI shop has 4,322) compares every customer with every other, as before.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import scipy.sparse as sp

from .base import Recommender
from .interactions import Interactions

__all__ = ["UserKNN", "scale_rows"]


def scale_rows(W: sp.spmatrix, norms: np.ndarray, dtype=np.float32) -> sp.csr_matrix:
    """``W`` (as ``dtype``, CSR) with each row divided by its ``norms`` entry; rows of norm 0 stay 0
    (scikit-learn's ``normalize`` without importing scikit-learn: ~2 s of a default run)."""
    norms = np.asarray(norms, dtype=np.float64)
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inv) @ sp.csr_matrix(W, dtype=np.float64), dtype=dtype)


class UserKNN(Recommender):
    """Nearest-neighbour customers (cosine), scores from their purchase shares."""

    name = "userknn"
    param_grid: list[dict] = [{"neighbours": k, "half_life_days": h}
                              for k in (50, 300) for h in (120, None)]

    def __init__(self, neighbours: int = 50, half_life_days: Optional[float] = 120,
                 max_candidates: int = 20_000):
        self.neighbours = neighbours
        self.half_life_days = half_life_days
        self.max_candidates = max_candidates

    def _fit(self, X: Interactions, rep) -> None:
        W = X.weighted(self.half_life_days, "count").tocsr()
        self.profiles_ = scale_rows(W, np.sqrt(np.asarray(W.multiply(W).sum(axis=1)).ravel()))
        self.shares_ = scale_rows(W, np.asarray(abs(W).sum(axis=1)).ravel())
        n = X.n_customers
        if n > self.max_candidates:
            # the most recently active customers (then those with more orders; then the first)
            ev = X.events
            last = np.full(n, np.iinfo(np.int64).max)
            np.minimum.at(last, ev["user"].to_numpy(), ev["age"].to_numpy().astype(np.int64))
            orders = np.asarray(X.counts.sum(axis=1)).ravel()
            order = np.lexsort((np.arange(n), -orders, last))
            self.candidates_ = np.sort(order[:self.max_candidates])
        else:
            self.candidates_ = np.arange(n)
        # where each customer sits in the candidate list (-1: not a candidate)
        self._candidate_pos = np.full(n, -1)
        self._candidate_pos[self.candidates_] = np.arange(len(self.candidates_))
        every = len(self.candidates_) == n
        self._candidate_profiles_t = (self.profiles_ if every else self.profiles_[self.candidates_]).T.tocsr()
        self._candidate_shares = self.shares_ if every else self.shares_[self.candidates_]

    def score_width(self) -> int:
        # a chunk's customer-to-candidate similarities are as wide as the candidate list
        self._check_fitted()
        return max(self.interactions_.n_products, len(self.candidates_))

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        sim = (self.profiles_[rows] @ self._candidate_profiles_t).toarray()
        pos = self._candidate_pos[rows]
        own = pos >= 0
        sim[np.flatnonzero(own), pos[own]] = 0.0       # a customer is not their own neighbour
        k = min(self.neighbours, sim.shape[1] - 1)
        if k <= 0:
            return np.zeros((len(rows), self.shares_.shape[1]))
        idx = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(sim, idx, axis=1)
        nb = sp.csr_matrix((vals.ravel(), (np.repeat(np.arange(len(rows)), k), idx.ravel())),
                           shape=sim.shape)
        return (nb @ self._candidate_shares).toarray().astype(np.float64)
