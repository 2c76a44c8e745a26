"""A hybrid that blends several recommenders with weights chosen on a validation split.

Each component's scores are scaled per customer to [0, 1] (divided by the customer's best
score, negatives clipped), then summed with weights.  Two weight sets are learned: one for
lists that may include products the customer bought before (repurchases) and one for lists
of new products only (``exclude_purchased=True``), because "buy again" dominates the first
and is useless for the second.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from .base import Recommender, mask_purchased, top_n
from .evaluate import TestSet, ranking_metrics, test_set_from_matrix
from .interactions import Interactions

__all__ = ["Hybrid", "normalise_rows", "search_weights"]

DEFAULT_COMPONENTS = ("buy_again", "userknn", "itemknn", "ease", "als", "content", "trending")
WEIGHT_STEPS = (0.0, 0.1, 0.25, 0.5, 1.0)


def normalise_rows(s: np.ndarray) -> np.ndarray:
    """Scale each row to [0, 1] by its maximum (negative scores count as 0)."""
    s = np.clip(s, 0.0, None)
    m = s.max(axis=1, keepdims=True)
    return np.divide(s, m, out=np.zeros_like(s), where=m > 0)


def _blend(mats: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    out = None
    for name, w in weights.items():
        if w:
            out = mats[name] * w if out is None else out + mats[name] * w
    return out


def search_weights(mats: dict[str, np.ndarray], X: Interactions, test: TestSet, k: int,
                   exclude: bool, rounds: int = 2) -> tuple[dict[str, float], float]:
    """Coordinate ascent over WEIGHT_STEPS maximising mean recall@k on ``test``.

    ``mats`` are normalised scores of ``test.rows`` per component.  Returns (weights, recall).
    """
    rel, n_rel = test.relevant, test.n_relevant
    mask = None
    if exclude:
        rel = (rel - test.rebought).tocsr()
        rel.eliminate_zeros()
        n_rel = n_rel - test.n_rebought
        mask = np.zeros((test.n_customers, X.n_products))
        mask_purchased(mask, X, test.rows)
    keep = n_rel > 0
    rel, n_rel = rel[keep], n_rel[keep]
    mats = {m: v[keep] for m, v in mats.items()}
    if mask is not None:
        mask = mask[keep]
    tie = 1e-6 * next(iter(mats.values())).mean(axis=0)    # stable tie-break

    def score(weights: dict[str, float]) -> float:
        s = _blend(mats, weights)
        if s is None:
            return -1.0
        s = s + tie
        if mask is not None:
            s = s + mask
        return float(np.nanmean(ranking_metrics(top_n(s, k), rel, n_rel, k)["recall"]))

    names = list(mats)
    singles = {m: score({m: 1.0}) for m in names}
    best_name = max(singles, key=singles.get)
    weights = {m: (1.0 if m == best_name else 0.0) for m in names}
    best = singles[best_name]
    for _ in range(rounds):
        improved = False
        for m in names:
            if m == best_name:
                continue
            for w in WEIGHT_STEPS:
                if w == weights[m]:
                    continue
                trial = {**weights, m: w}
                r = score(trial)
                if r > best + 1e-9:
                    best, weights, improved = r, trial, True
        if not improved:
            break
    return {m: w for m, w in weights.items() if w}, best


class Hybrid(Recommender):
    """Weighted blend of other recommenders.

    ``components`` maps model names to their parameters (None: defaults); ``weights`` and
    ``weights_new`` (for ``exclude_purchased``) map names to weights.  When the weights are
    not given, ``fit`` chooses them on a validation split of the last ``val_days`` days of the
    training data, then refits the components on all of it.
    """

    name = "hybrid"
    param_grid: list[dict] = [{}]

    def __init__(self, components: Optional[dict] = None, weights: Optional[dict] = None,
                 weights_new: Optional[dict] = None, val_days: int = 30, k: int = 10):
        self.components = components
        self.weights = weights
        self.weights_new = weights_new
        self.val_days = val_days
        self.k = k

    def _component_params(self) -> dict[str, dict]:
        comps = dict(self.components or {m: None for m in DEFAULT_COMPONENTS})
        for m in list(self.weights or {}) + list(self.weights_new or {}):
            comps.setdefault(m, None)
        return {m: (p or {}) for m, p in comps.items()}

    def _make(self, name: str):
        from .registry import make_model
        return make_model(name, **self._component_params()[name])

    def _fit(self, X: Interactions, rep) -> None:
        weights, weights_new = self.weights, self.weights_new
        if weights is None or weights_new is None:
            weights, weights_new = self._choose_weights(X, rep.sub(0.0, 0.6))
        self.weights_, self.weights_new_ = dict(weights), dict(weights_new)
        needed = [m for m in self._component_params()
                  if self.weights_.get(m) or self.weights_new_.get(m)]
        self.models_ = {}
        r = rep.sub(0.6 if self.weights is None else 0.0, 1.0)
        for i, m in enumerate(needed):
            self.models_[m] = self._make(m).fit(X, progress=r.sub(i / len(needed),
                                                                  (i + 1) / len(needed)))

    def _choose_weights(self, X: Interactions, rep) -> tuple[dict, dict]:
        fit, held = X.holdout_last(self.val_days)
        test = test_set_from_matrix(fit, held)
        mats = {}
        names = list(self._component_params())
        for i, m in enumerate(names):
            rep(i / (len(names) + 1), f"Hybrid: validating {m}")
            model = self._make(m).fit(fit)
            mats[m] = normalise_rows(model.score_rows(test.rows))
        rep(len(names) / (len(names) + 1), "Hybrid: choosing weights")
        w, _ = search_weights(mats, fit, test, self.k, exclude=False)
        w_new, _ = search_weights({m: v for m, v in mats.items() if m != "buy_again"},
                                  fit, test, self.k, exclude=True)
        return w, w_new

    def _blend_rows(self, rows: np.ndarray, weights: dict) -> np.ndarray:
        out = np.zeros((len(rows), self.interactions_.n_products))
        for m, w in weights.items():
            if w:
                out += w * normalise_rows(self.models_[m].score_rows(rows))
        return out

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return self._blend_rows(rows, self.weights_)

    def score_rows(self, rows: np.ndarray, exclude_purchased: bool = False) -> np.ndarray:
        if not exclude_purchased:
            return super().score_rows(rows)
        X = self._check_fitted()
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(rows), X.n_products))
        known = rows >= 0
        if known.any():
            out[known] = self._blend_rows(rows[known], self.weights_new_)
        return out + self._tie

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> Optional[np.ndarray]:
        # the item-based component with the largest weight explains the hybrid
        ranked = sorted(((w, m) for m, w in {**self.weights_new_, **self.weights_}.items()),
                        reverse=True)
        for _, m in ranked:
            model = self.models_.get(m)
            if model is not None and model.has_similarity:
                return model._similarity_block(a, b)
        return None

    @property
    def has_similarity(self) -> bool:
        return any(m.has_similarity for m in getattr(self, "models_", {}).values())
