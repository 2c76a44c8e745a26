"""A hybrid that blends several recommenders with fixed weights.

Each component's scores are scaled per customer to [0, 1] (divided by the customer's best
score, negatives clipped), then summed with weights.  There are two weight sets: one for
lists that may include products the customer bought before (repurchases) and one for lists
of new products only (``exclude_purchased=True``), because "buy again" dominates the first
and is useless for the second.

The default weights (:data:`DEFAULT_WEIGHTS`, :data:`DEFAULT_WEIGHTS_NEW`) were learned once,
offline, by :func:`learn_weights` (``tools/learn_hybrid_weights.py``) on the UCI shop's
validation split inside its training data (never on the evaluation period), so a default fit
fits each needed component once.  Searching weights for a shop's own data is the explicit
``tune`` (:func:`pipeline.tune_models`), whose result is stored and reused.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..i18n import _
from ..registries import RECOMMEND
from ..tasks import as_reporter
from .base import Recommender, iter_chunks, mask_purchased, top_n
from .evaluate import TestSet, ranking_metrics, test_set_from_matrix
from .interactions import Interactions

__all__ = ["Hybrid", "normalise_rows", "search_weights", "learn_weights", "DEFAULT_WEIGHTS",
           "DEFAULT_WEIGHTS_NEW", "DEFAULT_COMPONENT_PARAMS", "component_params"]

DEFAULT_COMPONENTS = ("buy_again", "userknn", "itemknn", "ease", "als", "content", "trending")
WEIGHT_STEPS = (0.0, 0.1, 0.25, 0.5, 1.0)
#: the weight search keeps one customers × products block per component: it looks at most at this many
#: validation customers (a fixed random sample), so tuning memory does not grow with the shop
MAX_SEARCH_CUSTOMERS = 3000

# learned by tools/learn_hybrid_weights.py (components at their default parameters; UCI purchases up to
# 2011-10-31, weights chosen on 2011-10-01 … 10-31: validation recall@10 0.304 and 0.104 for new products,
# 1,003 customers); the accuracy benchmark's test period (from 2011-11-01) was never read
DEFAULT_WEIGHTS: dict[str, float] = {"buy_again": 1.0, "userknn": 1.0, "itemknn": 0.25, "ease": 0.1,
                                     "als": 0.5, "trending": 0.1}
DEFAULT_WEIGHTS_NEW: dict[str, float] = {"userknn": 0.25, "ease": 1.0, "content": 0.1}
#: a component's parameters in the blend where they differ from the model's own defaults (parameters
#: given for a component override these): ALS with 64 factors and 10 iterations takes about a third of
#: the CPU of 128 × 15 (the default run's largest fit); under the accuracy protocol (README) the default
#: hybrid's Recall@10 is 0.349 with it vs 0.351 (repurchases included), 0.110 for new products either way
DEFAULT_COMPONENT_PARAMS: dict[str, dict] = {"als": {"factors": 64, "iterations": 10}}


def component_params(name: str, params: Optional[dict] = None) -> dict:
    """The parameters a blend gives component ``name``: :data:`DEFAULT_COMPONENT_PARAMS`, then ``params``."""
    return {**DEFAULT_COMPONENT_PARAMS.get(name, {}), **(params or {})}


def normalise_rows(s: np.ndarray, inplace: bool = False) -> np.ndarray:
    """Scale each row to [0, 1] by its maximum (negative scores count as 0); ``inplace``
    overwrites ``s`` (a block nobody else holds) instead of allocating two more."""
    s = np.clip(s, 0.0, None, out=s if inplace else None)
    m = s.max(axis=1, keepdims=True)
    if inplace:
        s[(m <= 0).ravel()] = 0.0
        return np.divide(s, np.where(m > 0, m, 1.0), out=s)
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


def learn_weights(X: Interactions, components: Optional[dict] = None, val_days: int = 30, k: int = 10,
                  progress=None, should_stop=None) -> tuple[dict, dict, dict]:
    """Blend weights for ``components`` ({name: params or None}; default: every default component
    at its default parameters) chosen on the last ``val_days`` days of ``X``: each component is
    fitted once on the days before, then :func:`search_weights` maximises recall@``k``.  Returns
    (weights, weights for new products, {"recall", "recall_new", "customers"})."""
    from .registry import make_model, model_class

    rep = as_reporter(progress, should_stop)
    comps = {m: component_params(m, p) for m, p in (components or {m: None for m in DEFAULT_COMPONENTS}).items()}
    fit, held = X.holdout_last(val_days)
    test = test_set_from_matrix(fit, held).sample(MAX_SEARCH_CUSTOMERS)
    mats = {}
    for i, m in enumerate(comps):
        rep(i / (len(comps) + 1), _("{model}: validating {part}").format(model=RECOMMEND.label("hybrid"),
                                                                         part=RECOMMEND.label(m)))
        model = make_model(m, **comps[m]).fit(fit)
        mats[m] = score_blocks(model, test.rows)
    rep(len(comps) / (len(comps) + 1), _("{model}: choosing weights").format(model=RECOMMEND.label("hybrid")))
    w, rec = search_weights(mats, fit, test, k, exclude=False)
    w_new, rec_new = search_weights({m: v for m, v in mats.items() if not model_class(m).repeat_only},
                                    fit, test, k, exclude=True)
    rep(1.0, _("{model}: weights chosen").format(model=RECOMMEND.label("hybrid")))
    return w, w_new, {"recall": rec, "recall_new": rec_new, "customers": int(test.n_customers)}


def score_blocks(model: Recommender, rows: np.ndarray) -> np.ndarray:
    """Normalised scores of ``rows`` (float32), computed chunk by chunk (the search keeps one
    such matrix per component, so it is built at half the size of float64 scores)."""
    out = np.empty((len(rows), model.interactions_.n_products), dtype=np.float32)
    for sl in iter_chunks(len(rows), model.chunk_size()):
        out[sl] = normalise_rows(model.score_rows(rows[sl]), inplace=True)
    return out


class Hybrid(Recommender):
    """Weighted blend of other recommenders.

    ``components`` maps model names to their parameters (None: defaults); ``weights`` and
    ``weights_new`` (for ``exclude_purchased``) map names to weights, by default
    :data:`DEFAULT_WEIGHTS` and :data:`DEFAULT_WEIGHTS_NEW`.  ``fit`` fits each component with a
    weight once, on all the data; it never searches weights (that is the explicit tuning).
    ``val_days`` and ``k`` are the validation split of that tuning (:func:`learn_weights`).
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
        return {m: component_params(m, p) for m, p in comps.items()}

    def _fit(self, X: Interactions, rep) -> None:
        from .registry import make_model

        self.weights_ = dict(DEFAULT_WEIGHTS if self.weights is None else self.weights)
        self.weights_new_ = dict(DEFAULT_WEIGHTS_NEW if self.weights_new is None else self.weights_new)
        params = self._component_params()
        needed = [m for m in dict.fromkeys([*params, *self.weights_, *self.weights_new_])
                  if self.weights_.get(m) or self.weights_new_.get(m)]
        self.models_ = {}
        for i, m in enumerate(needed):
            self.models_[m] = make_model(m, **params.get(m, {})).fit(
                X, progress=rep.sub(i / len(needed), (i + 1) / len(needed)))

    def bounds(self) -> list[dict]:
        return [b for m in self.models_.values() for b in m.bounds()]

    def score_width(self) -> int:
        return max([m.score_width() for m in self.models_.values()] or [super().score_width()])

    def _blend_rows(self, rows: np.ndarray, weights: dict) -> np.ndarray:
        out = np.zeros((len(rows), self.interactions_.n_products))
        for m, w in weights.items():
            if w:
                part = normalise_rows(self.models_[m].score_rows(rows), inplace=True)
                part *= w
                out += part
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
