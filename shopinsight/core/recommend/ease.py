"""EASE (Steck 2019): a linear item-item model with a closed-form solution.

B = argmin ||X − X·B||² + λ||B||² with diag(B) = 0, solved as P = (XᵀX + λI)⁻¹,
B = −P / diag(P), diag(B) = 0.  The item × item matrix is dense (memory n², time n³, and scoring
a customer costs n per product they bought), so EASE is fitted on products with at least
``min_buyers`` buyers and on at most ``max_products`` of them — the most bought (by number of
buyers) — whatever the catalogue: 6,000 products are a 144 MB float32 matrix.  ``bounded_`` says
when the budget cut the catalogue; products left out get no EASE score (in the hybrid, the other
components still score them) and keep the popularity tie-break.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import scipy.linalg
import scipy.sparse as sp

from .. import fmt
from ..i18n import _
from .base import Recommender
from .interactions import Interactions

__all__ = ["EASE", "MAX_PRODUCTS", "gram"]

#: EASE's product budget: the dense item × item weights are at most this many products square
#: (float32: 6,000² × 4 B = 144 MB; the Cholesky inverse costs ~n³ flops, scoring n per purchase)
MAX_PRODUCTS = 6000


def gram(X, block: int = 512) -> np.ndarray:
    """Dense float32 ``XᵀX`` of a sparse customers × products ``X``, ``block`` product rows at a time:
    the sparse product of the whole catalogue (up to products² entries, with int32 indices: several
    times the dense matrix) is never held, only one block of it."""
    Xt = sp.csr_matrix(X.T, dtype=np.float32)
    Xc = sp.csr_matrix(X, dtype=np.float32)
    n = Xc.shape[1]
    G = np.empty((n, n), dtype=np.float32)
    for start in range(0, n, block):
        G[start:start + block] = (Xt[start:start + block] @ Xc).toarray()
    return G


def _ease_weights(G: np.ndarray) -> np.ndarray:
    """B = −P / diag(P) with diag(B) = 0, P = G⁻¹, for a symmetric positive definite float32 ``G``
    (overwritten).  The inverse comes from G's Cholesky factor (LAPACK potrf + potri: n³ flops),
    not from solving G·P = I (cho_solve: 2⅓ n³), and is written over G."""
    n = G.shape[0]
    if n == 0:
        return G
    from threadpoolctl import threadpool_limits

    potrf, potri = scipy.linalg.lapack.get_lapack_funcs(("potrf", "potri"), (G,))
    # one BLAS thread: measured 2-6x less CPU than two on a busy 2-core machine (threads spin
    # waiting for each other), and about 1 s for the UCI catalogue either way
    with threadpool_limits(1, "blas"):
        c, info = potrf(G, lower=False, overwrite_a=True, clean=False)
        if info != 0:
            raise np.linalg.LinAlgError(f"EASE: Gram matrix is not positive definite (potrf info {info})")
        P, info = potri(c, lower=False, overwrite_c=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"EASE: Gram matrix is singular (potri info {info})")
    for start in range(0, n, 512):            # potri fills the upper triangle only: mirror it
        end = min(start + 512, n)
        P[start:end, :start] = P[:start, start:end].T
        d = P[start:end, start:end]
        d[np.tril_indices(end - start, -1)] = d.T[np.tril_indices(end - start, -1)]
    if not P.flags.c_contiguous:              # LAPACK's column-major result; P is symmetric, so its
        P = P.T                               # transpose is the same matrix in row-major order (a
    d = -np.diag(P).copy()                    # column-major B was copied whole by every sparse product)
    P /= d[None, :]
    np.fill_diagonal(P, 0.0)
    return P


class EASE(Recommender):
    """Embarrassingly shallow autoencoder; ``l2`` is tuned on the validation split.
    ``max_products`` (default :data:`MAX_PRODUCTS`) is the product budget."""

    name = "ease"
    param_grid: list[dict] = [{"l2": v} for v in (50.0, 150.0, 400.0, 1000.0)]

    def __init__(self, l2: float = 150.0, min_buyers: int = 3, max_products: Optional[int] = None,
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
        budget = int(MAX_PRODUCTS if self.max_products is None else self.max_products)
        self.bounded_ = None
        if len(keep) > budget:
            keep = np.sort(keep[np.argsort(-pop[keep], kind="stable")[:budget]])
            self.bounded_ = {"model": self.name, "products": int(len(keep)), "of": int(X.n_products)}
        self.columns_ = keep
        rep(0.1, _("{model}: Gram matrix of {n} products").format(model=self.label, n=fmt.integer(len(keep))))
        # float32 is precise enough here (λ keeps G well conditioned) and twice as fast
        G = gram(Bin[:, keep])
        del Bin
        G[np.diag_indices_from(G)] += np.float32(self.l2)
        rep(0.3, _("{model}: solving the closed form").format(model=self.label))
        self.item_weights_ = _ease_weights(G)
        del G
        # float32 like the weights: a float64 history would upcast the whole n × n matrix per chunk
        self.history_ = X.weighted(self.half_life_days, "binary")[:, keep].tocsr().astype(np.float32)

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
