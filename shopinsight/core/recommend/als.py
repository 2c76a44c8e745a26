"""Matrix factorisation for implicit feedback (X ≈ U·Vᵀ), alternating least squares.

Uses the `implicit` library (Hu, Koren & Volinsky 2008 with conjugate-gradient updates; a
well-kept, compiled implementation that fits the whole UCI shop in about a second).
Confidence = 1 + alpha · log(1 + orders).
"""
from __future__ import annotations

import warnings

import numpy as np

from .. import fmt
from ..i18n import _
from .base import Recommender
from .interactions import Interactions

__all__ = ["ALS"]


class ALS(Recommender):
    """Implicit-feedback ALS; ``factors``, ``regularization`` and ``alpha`` tuned on validation."""

    name = "als"
    param_grid: list[dict] = [{"factors": f, "regularization": r, "alpha": a}
                              for f in (64, 128) for r in (0.05,) for a in (2.0, 5.0)]

    def __init__(self, factors: int = 128, regularization: float = 0.05, alpha: float = 2.0,
                 iterations: int = 15, random_state: int = 0):
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.iterations = iterations
        self.random_state = random_state

    def _fit(self, X: Interactions, rep) -> None:
        from implicit.cpu.als import AlternatingLeastSquares
        from threadpoolctl import threadpool_limits

        def callback(iteration, elapsed, loss):
            # raising Cancelled here stops implicit's training loop
            rep((iteration + 1) / self.iterations, _("{model}: iteration {i}").format(model=self.label, i=fmt.integer(iteration + 1)))

        # implicit runs its own threads; a second BLAS thread pool underneath slows it down
        with threadpool_limits(1, "blas"), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*OpenBLAS.*")
            model = AlternatingLeastSquares(factors=self.factors, regularization=self.regularization,
                                            alpha=self.alpha, iterations=self.iterations,
                                            random_state=self.random_state)
            model.fit(X.weighted(None, "log").astype(np.float32).tocsr(),
                      show_progress=False, callback=callback)
        self.user_factors_ = np.asarray(model.user_factors)
        self.item_factors_ = np.asarray(model.item_factors)
        norms = np.linalg.norm(self.item_factors_, axis=1)
        self._unit = self.item_factors_ / np.where(norms > 0, norms, 1.0)[:, None]

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.user_factors_[rows] @ self.item_factors_.T).astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return (self._unit[a] @ self._unit[b].T).astype(np.float64)
