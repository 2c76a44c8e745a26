"""Item-item collaborative filtering: cosine similarity with shrinkage, top-K neighbours.

sim(i, j) = |buyers(i) ∩ buyers(j)| / (sqrt(|buyers(i)| · |buyers(j)|) + shrink); a customer's
score for j is the sum of sim(i, j) over the products i they bought (recent ones weigh more).
Only each product's ``neighbours`` nearest are kept, found a block of product columns at a time
(:func:`top_k_cosine`), so memory grows with the catalogue, not with its square.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import scipy.sparse as sp

from ..i18n import _
from .base import Recommender
from .interactions import Interactions

__all__ = ["ItemKNN", "top_k_cosine", "cosine_block", "column_norms", "BLOCK"]

#: item × item similarities are computed for this many products at a time (a dense block of
#: BLOCK × products float32, 33 MB at 16,000 products): the products × products matrix never exists
BLOCK = 512


def _top_k_of_rows(part: np.ndarray, k: int, first: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, columns, values) of the ``k`` largest positive entries of each row of the dense block
    ``part``, whose first row is row ``first`` of the whole matrix."""
    k = min(k, part.shape[1])
    if k <= 0 or part.shape[0] == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, part.dtype)
    cols = np.argpartition(-part, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(part, cols, axis=1)
    rows = np.broadcast_to(np.arange(first, first + part.shape[0])[:, None], cols.shape)
    keep = vals > 0
    return rows[keep], cols[keep], vals[keep]


def column_norms(cols: sp.spmatrix) -> np.ndarray:
    """Squared norm of every column (what :func:`cosine_block` divides by)."""
    return np.asarray(cols.multiply(cols).sum(axis=0)).ravel().astype(np.float32)


def _cosine(left: sp.csr_matrix, right: sp.spmatrix, n_left: np.ndarray, n_right: np.ndarray,
            shrink: float) -> np.ndarray:
    """Dense float32 ``left · right / (sqrt(n_left ⊗ n_right) + shrink)`` (0 where undefined)."""
    co = (left @ right).toarray()
    co = co if co.dtype == np.float32 else co.astype(np.float32)
    # one denominator block, divided in place (a product without buyers has only zeros: left as 0)
    den = np.outer(np.sqrt(n_left, dtype=np.float32), np.sqrt(n_right, dtype=np.float32))
    den += np.float32(shrink)
    np.divide(co, den, out=co, where=den > 0)
    return co


def cosine_block(cols: sp.csc_matrix, n: np.ndarray, a: np.ndarray, b: np.ndarray,
                 shrink: float = 0.0) -> np.ndarray:
    """Shrunk cosine of products ``a`` × ``b`` — |buyers(a) ∩ buyers(b)| / (sqrt(|buyers(a)| ·
    |buyers(b)|) + shrink) for customer columns, the same over terms for product names — from the
    (customer × product or term × product) columns and their :func:`column_norms` ``n``, with a zero
    diagonal: blocks of the similarity without keeping the n × n matrix."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    co = _cosine(cols[:, a].T.tocsr(), cols[:, b], n[a], n[b], shrink)
    co[a[:, None] == b[None, :]] = 0.0
    return co.astype(np.float64)


def top_k_cosine(cols: sp.spmatrix, k: int, shrink: float = 0.0, block: Optional[int] = None,
                 norms: Optional[np.ndarray] = None) -> sp.csr_matrix:
    """The ``k`` nearest neighbours of every product: per column ``j``, the ``k`` largest positive
    :func:`cosine_block` similarities ``sim(i, j)`` (i ≠ j), as a sparse products × products matrix.

    Computed ``block`` (default :data:`BLOCK`) products at a time (one dense ``block`` × products float32 block), so the
    memory is the result's ``k`` entries per product plus one block, whatever the catalogue — never a
    products × products matrix, dense or sparse (a 16,000-product shop's sparse co-purchase matrix
    alone was gigabytes).  The time is that of the one sparse product ``colsᵀ · cols``.  ``norms``:
    the columns' :func:`column_norms` when the caller keeps them anyway."""
    block = int(block or BLOCK)
    cols = sp.csc_matrix(cols)
    n = column_norms(cols) if norms is None else norms
    left = cols.T.tocsr()                      # products × customers (or terms): row blocks are slices
    right = cols.tocsr()
    m = cols.shape[1]
    parts = []
    for start in range(0, m, block):
        stop = min(start + block, m)
        # the similarity is symmetric: rows start…stop are columns start…stop, laid out so that each
        # product's neighbours are one contiguous row (a column-wise partition strides through memory)
        sim = _cosine(left[start:stop], right, n[start:stop], n, shrink)
        sim[np.arange(stop - start), np.arange(start, stop)] = 0.0      # not its own neighbour
        j, i, v = _top_k_of_rows(sim, k, start)     # product j's neighbours i: entry (i, j)
        parts.append((i, j, v))
        del sim
    rows, cols_, vals = (np.concatenate([p[x] for p in parts]) if parts else np.empty(0) for x in range(3))
    return sp.csr_matrix((vals.astype(np.float32), (rows.astype(np.int64), cols_.astype(np.int64))), shape=(m, m))


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
        self.columns_ = X.binary().tocsc()
        # column j holds the k neighbours that may score j (sim is symmetric), built in column blocks:
        # no products × products matrix is kept or built (similarity blocks are computed when asked)
        self.norms_ = column_norms(self.columns_)
        self.similarity_ = top_k_cosine(self.columns_, self.neighbours, self.shrink, norms=self.norms_)
        self.history_ = X.weighted(self.half_life_days, "log")

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.history_[rows] @ self.similarity_).toarray().astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return cosine_block(self.columns_, self.norms_, a, b, self.shrink)
