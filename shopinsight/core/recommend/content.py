"""Content-based similarity from product names: TF-IDF vectors and cosine similarity.

Works for products that were rarely or never bought by a known customer (the catalogue
includes products sold only to guests): a customer's score for j is the sum, over the
products i they bought, of cos(tfidf(i), tfidf(j)).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..i18n import _
from .base import Recommender
from .interactions import Interactions
from .neighbours import DENSE_LIMIT, column_norms, cosine_block, top_k_columns

__all__ = ["ContentTFIDF"]


class ContentTFIDF(Recommender):
    """TF-IDF over product names (words and word pairs), cosine similarity."""

    name = "content"
    param_grid: list[dict] = [{"neighbours": k} for k in (20, 100)]

    def __init__(self, neighbours: int = 50, half_life_days: Optional[float] = 60):
        self.neighbours = neighbours
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        names = ["" if (n is None or n != n) else str(n) for n in X.product_names]
        vec = TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True,
                              token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
        try:
            T = vec.fit_transform(names)           # rows are L2-normalised
        except ValueError:                         # no usable words at all
            T = None
        rep(0.5, _("{model}: product similarities").format(model=self.label))
        if T is None:
            sim = np.zeros((X.n_products, X.n_products), np.float32)
        else:
            sim = (T @ T.T).astype(np.float32)
            if X.n_products <= DENSE_LIMIT:
                sim = sim.toarray()
                np.fill_diagonal(sim, 0.0)
            else:
                sim = sim.tocsr()
                sim.setdiag(0.0)
                sim.eliminate_zeros()
        self.similarity_ = top_k_columns(sim, self.neighbours)
        del sim       # the n × n matrix is not kept: similarity blocks are computed when asked
        self.terms_ = None if T is None else T.T.tocsc()      # terms × products, unit columns
        self.norms_ = None if T is None else column_norms(self.terms_)
        self.history_ = X.weighted(self.half_life_days, "log")

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.history_[rows] @ self.similarity_).toarray().astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.terms_ is None:
            return np.zeros((len(a), len(b)))
        return cosine_block(self.terms_, self.norms_, a, b)
