"""Honest offline evaluation: global time split, full ranking over the whole catalogue.

Train on purchases up to a cutoff; the relevant products of a customer are the distinct
products they bought after it (customers seen in training only).  Every product in the
catalogue is ranked (no sampled negatives).  Metrics at k, averaged over customers:

* precision@k = hits / k
* recall@k = hits / min(k, |relevant|)  (normalised so a perfect list scores 1, as in
  Liang et al. 2018 and the EASE paper); ``recall_raw`` = hits / |relevant| is reported too
* NDCG@k with binary relevance; hit rate = share of customers with at least one hit
* coverage = share of the catalogue recommended to at least one customer

``include`` mode scores all relevant products (repurchases count); ``exclude`` mode removes
products the customer bought before from both the ranking and the relevant set (and skips
customers who only re-bought).  Relevant products that are not in the training catalogue
(new products) still count in |relevant|: a model cannot score them, which is the truth.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..i18n import _
from .base import chunk_rows, mask_purchased, top_n
from .interactions import Interactions

__all__ = ["TestSet", "make_test_set", "ranking_metrics", "evaluate_model", "METRICS"]

METRICS = ["precision", "recall", "recall_raw", "ndcg", "hit_rate", "coverage"]


@dataclass
class TestSet:
    """Held-out purchases of customers seen in training, in the training index space."""

    rows: np.ndarray              # customer rows in the training Interactions
    relevant: sp.csr_matrix       # len(rows) × n_products, 0/1
    n_relevant: np.ndarray        # |relevant| incl. products unknown to training
    rebought: sp.csr_matrix       # relevant products the customer had bought before (0/1)
    n_rebought: np.ndarray

    @property
    def n_customers(self) -> int:
        return len(self.rows)

    def sample(self, n: int, seed: int = 0) -> "TestSet":
        """At most ``n`` of its customers (a fixed random choice, in row order)."""
        if self.n_customers <= n:
            return self
        idx = np.sort(np.random.default_rng(seed).choice(self.n_customers, n, replace=False))
        return TestSet(self.rows[idx], self.relevant[idx], np.asarray(self.n_relevant)[idx],
                       self.rebought[idx], np.asarray(self.n_rebought)[idx])


def make_test_set(X: Interactions, test_purchases: pd.DataFrame) -> TestSet:
    """Test set from purchase lines after the cutoff (see :func:`interactions.split_by_time`)."""
    tp = test_purchases[test_purchases["customer_id"].notna()]
    tp = tp.drop_duplicates(["customer_id", "product_id"])
    rows = X.customer_rows(tp["customer_id"].astype(str))
    tp = tp[rows >= 0]
    rows = rows[rows >= 0]
    cols = X.product_cols(tp["product_id"])
    users, inv = np.unique(rows, return_inverse=True)
    n_rel = np.bincount(inv, minlength=len(users))
    known = cols >= 0
    rel = sp.csr_matrix((np.ones(known.sum(), np.float32), (inv[known], cols[known])),
                        shape=(len(users), X.n_products))
    return _with_rebought(X, users, rel, n_rel)


def test_set_from_matrix(X: Interactions, held: sp.csr_matrix) -> TestSet:
    """Test set from a held-out 0/1 matrix aligned with ``X`` (the validation split);
    customers without any purchase in ``X`` are left out, as in the test protocol."""
    seen = np.diff(X.counts.indptr) > 0
    has = np.diff(held.tocsr().indptr) > 0
    users = np.flatnonzero(seen & has)
    rel = held.tocsr()[users]
    return _with_rebought(X, users, rel, np.diff(rel.indptr))


def _with_rebought(X: Interactions, users: np.ndarray, rel: sp.csr_matrix, n_rel: np.ndarray) -> TestSet:
    bought = X.binary()[users]
    reb = rel.multiply(bought).tocsr()
    reb.eliminate_zeros()
    return TestSet(users, rel.tocsr(), np.asarray(n_rel), reb, np.diff(reb.indptr))


def ranking_metrics(top: np.ndarray, relevant: sp.csr_matrix, n_relevant: np.ndarray, k: int
                    ) -> dict[str, np.ndarray]:
    """Per-customer metrics of top-k lists (``top``: customers × k product columns)."""
    rel = relevant.toarray() > 0
    hits = np.take_along_axis(rel, top[:, :k], axis=1).astype(np.float64)
    n_hits = hits.sum(axis=1)
    n_rel = np.asarray(n_relevant, dtype=np.float64)
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = hits @ discounts[:hits.shape[1]]
    ideal_len = np.minimum(n_rel, k).astype(int)
    idcg = np.concatenate([[0.0], np.cumsum(discounts)])[ideal_len]
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "precision": n_hits / k,
            "recall": np.where(n_rel > 0, n_hits / np.minimum(n_rel, k), np.nan),
            "recall_raw": np.where(n_rel > 0, n_hits / n_rel, np.nan),
            "ndcg": np.where(idcg > 0, dcg / idcg, np.nan),
            "hit_rate": (n_hits > 0).astype(np.float64),
        }


def evaluate_scores(score_rows: Callable[[np.ndarray], np.ndarray], X: Interactions, test: TestSet,
                    k: int = 10, modes: tuple[str, ...] = ("include", "exclude"),
                    batch_size: Optional[int] = None, rep=None) -> dict[str, dict[str, float]]:
    """Metrics of a scoring function on a test set, per mode ('include' / 'exclude'), scoring
    ``batch_size`` customers at a time (default: :func:`base.chunk_rows` of the catalogue)."""
    batch_size = int(batch_size or chunk_rows(X.n_products))
    per_mode = {m: {name: [] for name in METRICS[:-1]} for m in modes}
    recommended = {m: np.zeros(X.n_products, bool) for m in modes}
    users = {m: 0 for m in modes}
    n = test.n_customers
    for start in range(0, n, batch_size):
        if rep is not None:
            rep(start / max(n, 1), _("scoring test customers"))
        sl = slice(start, start + batch_size)
        rows = test.rows[sl]
        scores = score_rows(rows)
        for mode in modes:
            rel, n_rel = test.relevant[sl], test.n_relevant[sl]
            s = scores
            if mode == "exclude":
                s = scores.copy()
                mask_purchased(s, X, rows)
                rel = (rel - test.rebought[sl]).tocsr()
                rel.eliminate_zeros()
                n_rel = n_rel - test.n_rebought[sl]
            keep = n_rel > 0
            if not keep.any():
                continue
            top = top_n(s[keep], k)
            recommended[mode][np.unique(top)] = True
            users[mode] += int(keep.sum())
            for name, vals in ranking_metrics(top, rel[keep], n_rel[keep], k).items():
                per_mode[mode][name].append(vals)
    out = {}
    for mode in modes:
        res = {name: float(np.nanmean(np.concatenate(v))) if v else float("nan")
               for name, v in per_mode[mode].items()}
        res["coverage"] = float(recommended[mode].mean())
        res["customers"] = users[mode]
        out[mode] = res
    return out


def evaluate_model(model, test: TestSet, k: int = 10, modes: tuple[str, ...] = ("include", "exclude"),
                   rep=None) -> dict[str, dict[str, float]]:
    """Metrics of a fitted recommender (see :func:`evaluate_scores`)."""
    if not hasattr(model, "weights_new_"):
        return evaluate_scores(model.score_rows, model.interactions_, test, k=k, modes=modes, rep=rep,
                               batch_size=model.chunk_size())
    out = {}   # the hybrid blends differently when purchased products are excluded
    for mode in modes:
        fn = (lambda rows, new=(mode == "exclude"): model.score_rows(rows, exclude_purchased=new))
        out.update(evaluate_scores(fn, model.interactions_, test, k=k, modes=(mode,), rep=rep,
                                   batch_size=model.chunk_size()))
    return out
