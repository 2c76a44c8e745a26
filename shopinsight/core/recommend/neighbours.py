"""Item-item collaborative filtering: cosine similarity with shrinkage, top-K neighbours.

sim(i, j) = |buyers(i) ∩ buyers(j)| / (sqrt(|buyers(i)| · |buyers(j)|) + shrink); a customer's
score for j is the sum of sim(i, j) over the products i they bought (recent ones weigh more).
Everything stays sparse, so large catalogues fit in memory.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import scipy.sparse as sp

from ..i18n import _
from .base import Recommender
from .interactions import Interactions

__all__ = ["ItemKNN", "top_k_per_row", "top_k_columns", "cosine_shrunk", "block"]

# item × item matrices up to this size are handled dense (8000² float32 = 256 MB)
DENSE_LIMIT = 8000


def top_k_per_row(m: sp.spmatrix, k: int) -> sp.csr_matrix:
    """Keep the ``k`` largest positive entries of each row of a sparse matrix."""
    m = sp.coo_matrix(m)
    keep = m.data > 0
    row, col, val = m.row[keep], m.col[keep], m.data[keep]
    order = np.lexsort((-val, row))
    row, col, val = row[order], col[order], val[order]
    starts = np.searchsorted(row, np.arange(m.shape[0]))
    rank = np.arange(len(row)) - starts[row]
    keep = rank < k
    return sp.csr_matrix((val[keep], (row[keep], col[keep])), shape=m.shape)


def top_k_per_column_dense(sim: np.ndarray, k: int) -> sp.csr_matrix:
    """Keep the ``k`` largest positive entries of each column of a dense matrix."""
    n = sim.shape[0]
    k = min(k, n)
    rows = np.argpartition(-sim, k - 1, axis=0)[:k]
    vals = np.take_along_axis(sim, rows, axis=0)
    cols = np.broadcast_to(np.arange(sim.shape[1]), rows.shape)
    keep = vals > 0
    return sp.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=sim.shape)


def top_k_columns(sim, k: int) -> sp.csr_matrix:
    """Top-k neighbours per column of a symmetric similarity matrix (dense or sparse)."""
    if isinstance(sim, np.ndarray):
        return top_k_per_column_dense(sim, k)
    return top_k_per_row(sim, k).T.tocsr()


def cosine_shrunk(B: sp.csr_matrix, shrink: float, dense_limit: int = DENSE_LIMIT):
    """Item-item cosine of the columns of ``B`` with shrinkage and a zero diagonal.

    Dense (float32) up to ``dense_limit`` products — much faster — sparse above."""
    n = np.asarray(B.multiply(B).sum(axis=0)).ravel().astype(np.float32)
    co = B.T @ B
    if B.shape[1] <= dense_limit:
        sim = co.toarray().astype(np.float32)
        with np.errstate(invalid="ignore", divide="ignore"):
            sim /= np.sqrt(np.outer(n, n)) + np.float32(shrink)
        np.nan_to_num(sim, copy=False, nan=0.0, posinf=0.0)
        np.fill_diagonal(sim, 0.0)
        return sim
    co = co.tocoo()
    with np.errstate(invalid="ignore", divide="ignore"):
        val = np.nan_to_num(co.data / (np.sqrt(n[co.row] * n[co.col]) + shrink))
    off = co.row != co.col
    return sp.csr_matrix((val[off].astype(np.float32), (co.row[off], co.col[off])), shape=co.shape)


def block(sim, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dense sub-matrix ``sim[a][:, b]`` of a dense or sparse matrix."""
    if isinstance(sim, np.ndarray):
        return sim[np.ix_(a, b)].astype(np.float64)
    return sim[a][:, b].toarray().astype(np.float64)


class ItemKNN(Recommender):
    """Item-item cosine neighbours (the seeds' neighbour method)."""

    name = "itemknn"
    param_grid: list[dict] = [{"shrink": s, "neighbours": k, "half_life_days": h}
                              for s in (10.0, 50.0) for k in (50, 200) for h in (60, None)]

    def __init__(self, neighbours: int = 200, shrink: float = 10.0,
                 half_life_days: Optional[float] = 60):
        self.neighbours = neighbours
        self.shrink = shrink
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        rep(0.1, _("{model}: counting co-purchases").format(model=self.label))
        sim = cosine_shrunk(X.binary(), self.shrink)
        rep(0.6, _("{model}: keeping the nearest neighbours").format(model=self.label))
        # sim is symmetric: the top-k of row j are the k neighbours that may score j
        self.similarity_ = top_k_columns(sim, self.neighbours)
        self.full_similarity_ = sim
        self.history_ = X.weighted(self.half_life_days, "log")

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.history_[rows] @ self.similarity_).toarray().astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return block(self.full_similarity_, a, b)
