"""EASE (Steck 2019): a linear item-item model with a closed-form solution.

B = argmin ||X − X·B||² + λ||B||² with diag(B) = 0, solved as P = (XᵀX + λI)⁻¹,
B = −P / diag(P), diag(B) = 0.  The item × item matrix is dense (memory n², time n³), so EASE
is fitted on products with at least ``min_buyers`` buyers, and catalogues larger than
``max_products`` fall back to the ``max_products`` most-bought products (``fallback_`` says so);
products left out keep the popularity tie-break.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import scipy.linalg

from .. import fmt
from ..i18n import _
from .base import Recommender
from .interactions import Interactions

__all__ = ["EASE"]


class EASE(Recommender):
    """Embarrassingly shallow autoencoder; ``l2`` is tuned on the validation split."""

    name = "ease"
    param_grid: list[dict] = [{"l2": v} for v in (50.0, 150.0, 400.0, 1000.0)]

    def __init__(self, l2: float = 150.0, min_buyers: int = 3, max_products: int = 8000,
                 half_life_days: Optional[float] = None):
        self.l2 = l2
        self.min_buyers = min_buyers
        self.max_products = max_products
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        Bin = X.binary()
        pop = np.asarray(Bin.sum(axis=0)).ravel()
        # products with very few buyers only add noise (and cubic cost) to the item × item solve
        keep = np.flatnonzero(pop >= self.min_buyers)
        self.fallback_ = None
        if len(keep) > self.max_products:
            keep = np.sort(keep[np.argsort(-pop[keep], kind="stable")[:self.max_products]])
            self.fallback_ = (f"catalogue of {X.n_products} products is too large for EASE: "
                              f"fitted on the {self.max_products} most-bought products")
        self.columns_ = keep
        Xk = Bin[:, keep]
        rep(0.1, _("{model}: Gram matrix of {n} products").format(model=self.label, n=fmt.integer(len(keep))))
        # float32 is precise enough here (λ keeps G well conditioned) and twice as fast
        G = (Xk.T @ Xk).toarray().astype(np.float32)
        G[np.diag_indices_from(G)] += np.float32(self.l2)
        rep(0.3, _("{model}: solving the closed form").format(model=self.label))
        # G is symmetric positive definite: Cholesky is the cheapest stable way to invert it
        factor = scipy.linalg.cho_factor(G, overwrite_a=True, check_finite=False)
        P = scipy.linalg.cho_solve(factor, np.eye(len(keep), dtype=np.float32),
                                   overwrite_b=True, check_finite=False)
        B = P / (-np.diag(P))
        np.fill_diagonal(B, 0.0)
        self.item_weights_ = B
        self.history_ = X.weighted(self.half_life_days, "binary")[:, keep].tocsr()

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        sub = np.asarray(self.history_[rows] @ self.item_weights_, dtype=np.float64)
        if len(self.columns_) == self.interactions_.n_products:
            return sub
        out = np.zeros((len(rows), self.interactions_.n_products))
        out[:, self.columns_] = sub
        return out

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        pos = np.full(self.interactions_.n_products, -1)
        pos[self.columns_] = np.arange(len(self.columns_))
        pa, pb = pos[a], pos[b]
        out = np.zeros((len(a), len(b)))
        ok_a, ok_b = pa >= 0, pb >= 0
        out[np.ix_(ok_a, ok_b)] = self.item_weights_[np.ix_(pa[ok_a], pb[ok_b])]
        return out
