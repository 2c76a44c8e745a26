"""The recommender API shared by every model (in the style of the `implicit` library).

``fit(interactions)`` → self; ``recommend(customer_ids, n, exclude_purchased=...)`` → a table
``customer_id, rank, product_id, product_name, score``; ``similar_products(product_id, n)``.
Subclasses implement ``_fit`` and ``_score_rows`` (dense scores for some customer rows) and,
when they have one, ``_similarity_block`` (a product's similarity to every product), which
also drives the "because they bought X and Y" explanations.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n import _
from ..tasks import as_reporter
from .interactions import Interactions

__all__ = ["Recommender", "top_n", "chunk_rows", "CHUNK_CELLS"]

# popularity breaks ties (and fills lists of customers with little history) in every model
_TIE_BREAK = 1e-6

#: dense score blocks hold at most this many cells (float64: 8 MB each), whatever the shop's size:
#: customers are scored in chunks of ``CHUNK_CELLS // width`` rows (see :func:`chunk_rows`)
CHUNK_CELLS = 1_000_000
#: and never more than this many customers at once
MAX_CHUNK_ROWS = 1024


def chunk_rows(width: int, cells: Optional[int] = None, max_rows: int = MAX_CHUNK_ROWS) -> int:
    """Customers per scoring chunk so that a dense block ``rows × width`` holds at most ``cells``
    (default ``CHUNK_CELLS``) cells (at least one row)."""
    return int(max(1, min(max_rows, (cells or CHUNK_CELLS) // max(int(width), 1))))


def iter_chunks(n: int, size: int):
    """``slice`` objects covering ``range(n)`` in pieces of ``size``."""
    for start in range(0, n, size):
        yield slice(start, min(start + size, n))


def top_n(scores: np.ndarray, n: int) -> np.ndarray:
    """Column indices of the ``n`` highest scores per row, best first."""
    n = min(n, scores.shape[1])
    if n <= 0:
        return np.empty((scores.shape[0], 0), dtype=np.int64)
    part = np.argpartition(-scores, n - 1, axis=1)[:, :n]
    # best first; equal scores in catalogue order, so lists are reproducible
    order = np.lexsort((part, -np.take_along_axis(scores, part, axis=1)), axis=1)
    return np.take_along_axis(part, order, axis=1)


class Recommender:
    """Base class; see the module docstring for the contract."""

    #: registry key (set by subclasses); label, description and parameters live in the registry
    name = "base"
    #: True when the model can only rank products the customer bought before (buy-again)
    repeat_only = False

    @property
    def label(self) -> str:
        """The registry label in the current language (progress texts and messages)."""
        from ..registries import RECOMMEND
        return RECOMMEND.label(self.name)

    def fit(self, interactions: Interactions, progress=None, should_stop=None) -> "Recommender":
        """Learn from ``interactions``; returns self."""
        rep = as_reporter(progress, should_stop)
        self.interactions_ = interactions
        pop = np.asarray(interactions.binary().sum(axis=0)).ravel().astype(np.float64)
        self.popularity_ = pop
        self._tie = (_TIE_BREAK * pop / pop.max()) if pop.max() > 0 else np.zeros_like(pop)
        self._fit(interactions, rep)
        rep(1.0, _("{model}: fitted").format(model=self.label))
        return self

    # -- to implement ----------------------------------------------------------------------
    def _fit(self, X: Interactions, rep) -> None:
        raise NotImplementedError

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        """Dense scores (len(rows) × n_products) for customer rows (all rows are >= 0): a new
        float64 array the caller may overwrite."""
        raise NotImplementedError

    def score_width(self) -> int:
        """Columns of the widest dense block ``_score_rows`` builds per customer row (the catalogue;
        customer-to-customer models also a row per customer): what bounds a chunk's memory."""
        return self._check_fitted().n_products

    def chunk_size(self, cells: Optional[int] = None) -> int:
        """Customers scored at once, so that no dense block exceeds ``cells`` (default
        ``CHUNK_CELLS``) cells."""
        return chunk_rows(self.score_width(), cells or CHUNK_CELLS)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> Optional[np.ndarray]:
        """Dense similarity of products ``a`` (rows) to products ``b`` (columns); None when
        the model has no notion of product similarity.  Drives similar_products and the
        "because they bought X" explanations."""
        return None

    def bounds(self) -> list[dict]:
        """What a memory budget left out of the fitted model: ``[{"model", "products", "of"}]`` — the
        model works on ``products`` of the catalogue's ``of`` (EASE's ``max_products``); empty when
        nothing was left out."""
        b = getattr(self, "bounded_", None)
        return [dict(b)] if b else []

    @property
    def has_similarity(self) -> bool:
        """True when the model can answer similar_products."""
        return type(self)._similarity_block is not Recommender._similarity_block

    # -- public API ------------------------------------------------------------------------
    def _check_fitted(self) -> Interactions:
        if not hasattr(self, "interactions_"):
            raise RuntimeError(f"{type(self).__name__} is not fitted; call fit() first")
        return self.interactions_

    def score_rows(self, rows: np.ndarray, exclude_purchased: bool = False) -> np.ndarray:
        """Scores for customer rows (-1 = unknown customer: popularity only), ties broken by
        popularity.  ``exclude_purchased`` tells models that rank differently for lists of
        new products (the hybrid); purchased products are masked by the caller."""
        X = self._check_fitted()
        rows = np.asarray(rows, dtype=np.int64)
        known = rows >= 0
        if known.all() and len(rows):              # the usual case: no second copy of the block
            out = np.asarray(self._score_rows(rows), dtype=np.float64)
        else:
            out = np.zeros((len(rows), X.n_products), dtype=np.float64)
            if known.any():
                out[known] = self._score_rows(rows[known])
        out += self._tie
        return out

    def recommend(self, customer_ids: Sequence[str], n: int = 10, exclude_purchased: bool = False,
                  batch_size: Optional[int] = None, progress=None, should_stop=None) -> pd.DataFrame:
        """Top-``n`` products per customer.

        Returns columns ``customer_id, rank, product_id, product_name, score`` (rank 1 = best).
        Unknown customers get the most popular products.  With ``exclude_purchased`` the
        products a customer already bought are never recommended.  Customers are scored in
        chunks of ``batch_size`` (default :meth:`chunk_size`: memory bounded by ``CHUNK_CELLS``
        whatever the number of customers); only each chunk's top ``n`` is kept (argpartition).
        """
        X = self._check_fitted()
        rep = as_reporter(progress, should_stop)
        ids = [str(c) for c in customer_ids]
        rows = X.customer_rows(ids)
        batch_size = int(batch_size or self.chunk_size())
        from threadpoolctl import threadpool_limits

        # one BLAS thread: a chunk's dense products (ALS's factors) are small, and a second thread
        # spinning for each of them cost 4x the CPU on the busy 2-core machine (measured)
        with threadpool_limits(1, "blas"):
            parts = self._recommend_chunks(X, ids, rows, n, exclude_purchased, batch_size, rep)
        rep(1.0, _("{model}: recommendations ready").format(model=self.label))
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
            columns=["customer_id", "rank", "product_id", "product_name", "score"])
        return out[np.isfinite(out["score"].to_numpy(dtype=float))].reset_index(drop=True)

    def _recommend_chunks(self, X: Interactions, ids: list, rows: np.ndarray, n: int, exclude_purchased: bool,
                          batch_size: int, rep) -> list:
        parts = []
        for sl in iter_chunks(len(ids), batch_size):
            rep(sl.start / max(len(ids), 1), _("{model}: ranking products").format(model=self.label))
            r = rows[sl]
            scores = self.score_rows(r, exclude_purchased=exclude_purchased)
            if exclude_purchased:
                mask_purchased(scores, X, r)
            top = top_n(scores, n)
            sc = np.take_along_axis(scores, top, axis=1)
            k = top.shape[1]
            parts.append(pd.DataFrame({
                "customer_id": np.repeat(ids[sl], k),
                "rank": np.tile(np.arange(1, k + 1), len(r)),
                "product_id": X.product_ids[top.ravel()],
                "product_name": X.product_names[top.ravel()],
                "score": sc.ravel(),
            }))
        return parts

    def similar_products(self, product_id: str, n: int = 10) -> pd.DataFrame:
        """The ``n`` products most similar to ``product_id``: product_id, product_name, score."""
        X = self._check_fitted()
        col = X.product_col(product_id)
        sim = self._similarity_block(np.arange(X.n_products), np.array([col]))
        if sim is None:
            raise InputError(_("the {model} model has no notion of similar products; use item-kNN, EASE, ALS, "
                               "content or hybrid").format(model=self.label))
        sim = np.asarray(sim, dtype=np.float64)[:, 0].copy()
        sim[col] = -np.inf
        top = top_n(sim[None, :], n)[0]
        top = top[np.isfinite(sim[top]) & (sim[top] > 0)]
        return pd.DataFrame({"product_id": X.product_ids[top],
                             "product_name": X.product_names[top],
                             "score": sim[top]})

    def explain(self, customer_id: str, product_id: str) -> str:
        """Why ``product_id`` is recommended to ``customer_id``, in plain words."""
        from .explain import explain_recommendation
        return explain_recommendation(self, customer_id, product_id)

    def get_params(self) -> dict:
        """Constructor parameters (scikit-learn style)."""
        import inspect
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {k: getattr(self, k) for k in names if hasattr(self, k)}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


def mask_purchased(scores: np.ndarray, X: Interactions, rows: np.ndarray) -> None:
    """Set scores of products each customer already bought to -inf (in place)."""
    known = np.flatnonzero(rows >= 0)
    if not len(known):
        return
    sub = X.counts[rows[known]].tocoo()
    scores[known[sub.row], sub.col] = -np.inf
