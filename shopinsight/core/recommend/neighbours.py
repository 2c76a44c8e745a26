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

__all__ = ["ItemKNN", "top_k_per_row", "top_k_columns", "cosine_shrunk", "cosine_block",
           "column_norms", "block"]

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


def top_k_per_column_dense(sim: np.ndarray, k: int, block: int = 512) -> sp.csr_matrix:
    """Keep the ``k`` largest positive entries of each column of a dense matrix (``block``
    columns at a time: the partition's index array stays n × block, not n × n)."""
    n = sim.shape[0]
    k = min(k, n)
    rows_out, cols_out, vals_out = [], [], []
    for start in range(0, sim.shape[1], block):
        part = sim[:, start:start + block]
        rows = np.argpartition(-part, k - 1, axis=0)[:k]
        vals = np.take_along_axis(part, rows, axis=0)
        cols = np.broadcast_to(np.arange(start, start + part.shape[1]), rows.shape)
        keep = vals > 0
        rows_out.append(rows[keep])
        cols_out.append(cols[keep])
        vals_out.append(vals[keep])
    cat = (lambda xs, dt: np.concatenate(xs) if xs else np.empty(0, dt))
    return sp.csr_matrix((cat(vals_out, sim.dtype), (cat(rows_out, np.int64), cat(cols_out, np.int64))),
                         shape=sim.shape)


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
        sim = co.toarray()
        sim = sim if sim.dtype == np.float32 else sim.astype(np.float32)
        del co
        root = np.sqrt(n)
        # row blocks: the denominators never take a second n × n matrix
        with np.errstate(invalid="ignore", divide="ignore"):
            for start in range(0, len(n), 512):
                blk = slice(start, start + 512)
                sim[blk] /= np.outer(root[blk], root) + np.float32(shrink)
        np.nan_to_num(sim, copy=False, nan=0.0, posinf=0.0)
        np.fill_diagonal(sim, 0.0)
        return sim
    co = co.tocoo()
    with np.errstate(invalid="ignore", divide="ignore"):
        val = np.nan_to_num(co.data / (np.sqrt(n[co.row] * n[co.col]) + shrink))
    off = co.row != co.col
    return sp.csr_matrix((val[off].astype(np.float32), (co.row[off], co.col[off])), shape=co.shape)


def column_norms(cols: sp.spmatrix) -> np.ndarray:
    """Squared norm of every column (what :func:`cosine_block` divides by)."""
    return np.asarray(cols.multiply(cols).sum(axis=0)).ravel().astype(np.float32)


def cosine_block(cols: sp.csc_matrix, n: np.ndarray, a: np.ndarray, b: np.ndarray,
                 shrink: float = 0.0) -> np.ndarray:
    """``cosine_shrunk`` restricted to products ``a`` × ``b``, from the (customer × product or
    term × product) columns and their :func:`column_norms` ``n``: the same numbers without
    keeping the n × n matrix (diagonal 0)."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    co = (cols[:, a].T @ cols[:, b]).toarray().astype(np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):
        co /= np.sqrt(np.outer(n[a], n[b])) + np.float32(shrink)
    np.nan_to_num(co, copy=False, nan=0.0, posinf=0.0)
    co[a[:, None] == b[None, :]] = 0.0
    return co.astype(np.float64)


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
        del sim       # the n × n matrix is not kept: similarity blocks are computed when asked
        self.columns_ = X.binary().tocsc()
        self.norms_ = column_norms(self.columns_)
        self.history_ = X.weighted(self.half_life_days, "log")

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.history_[rows] @ self.similarity_).toarray().astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return cosine_block(self.columns_, self.norms_, a, b, self.shrink)
