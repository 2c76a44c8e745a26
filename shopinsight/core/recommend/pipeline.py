"""Tune, fit, evaluate and store recommenders: the calls the GUI, CLI and benchmark share.

Tuning never looks at the test period: hyper-parameters and hybrid weights are chosen on a
validation split carved from the end of the *training* data (the last ``val_days`` days
before the cutoff), then every model is refitted on all training data.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from ..tasks import as_reporter
from .base import Recommender
from .evaluate import TestSet, evaluate_model, make_test_set, test_set_from_matrix
from .hybrid import DEFAULT_COMPONENTS, normalise_rows, search_weights
from .interactions import (Interactions, build_interactions, load_product_names, load_purchases,
                           load_returns, split_by_time)
from .registry import MODELS, make_model, model_class

__all__ = ["tune_models", "fit_models", "evaluate_models", "EvaluationResult", "run_recommend",
           "RecommendResult", "default_cutoff", "run_evaluation", "similar_products", "customer_view",
           "load_last_recommend", "stored_tuning"]

BASELINES = ("popularity", "buy_again")


def _check_names(names: Sequence[str]) -> list[str]:
    out = []
    for n in names:
        n = n.strip().lower().replace("-", "_")
        MODELS[n]                            # unknown: InputError naming the model ids
        if n not in out:
            out.append(n)
    return out


def tune_models(X: Interactions, names: Sequence[str], k: int = 10, val_days: int = 30,
                progress=None, should_stop=None) -> tuple[dict[str, dict], pd.DataFrame]:
    """Choose each model's parameters (and the hybrid's weights) on the last ``val_days`` days
    of ``X``.  Returns ({name: params}, table of every candidate's validation recall@k)."""
    rep = as_reporter(progress, should_stop)
    names = _check_names(names)
    fit, held = X.holdout_last(val_days)
    test = test_set_from_matrix(fit, held)
    if test.n_customers == 0:
        raise InputError(f"no customer bought anything in the last {val_days} days of the "
                         f"training data: too little data to tune on")
    base = [n for n in names if n != "hybrid"]
    if "hybrid" in names:
        base += [c for c in DEFAULT_COMPONENTS if c not in base]
    params, rows, best_models = {}, [], {}
    for i, name in enumerate(base):
        r = rep.sub(i / (len(base) + 1), (i + 1) / (len(base) + 1))
        grid = model_class(name).param_grid or [{}]
        best = (-1.0, None, None)
        for j, p in enumerate(grid):
            r(j / len(grid), f"validating {MODELS[name].label_en} ({j + 1}/{len(grid)})")
            model = make_model(name, **p).fit(fit)
            rec = evaluate_model(model, test, k=k, modes=("include",))["include"]["recall"]
            rec_new = (evaluate_model(model, test, k=k, modes=("exclude",))["exclude"]["recall"]
                       if not model_class(name).repeat_only else float("nan"))
            rows.append({"model": name, "params": _fmt(p), "val_recall": rec,
                         "val_recall_new": rec_new})
            # a model is tuned for the mode it is good at: repeat-only models for repurchases
            target = rec if model_class(name).repeat_only else (rec + rec_new) / 2
            if target > best[0]:
                best = (target, p, model)
        params[name], best_models[name] = dict(best[1]), best[2]
    if "hybrid" in names:
        rep(len(base) / (len(base) + 1), "choosing the hybrid's weights")
        comps = [c for c in DEFAULT_COMPONENTS]
        mats = {c: normalise_rows(best_models[c].score_rows(test.rows)) for c in comps}
        w, rec = search_weights(mats, fit, test, k, exclude=False)
        w_new, rec_new = search_weights({c: m for c, m in mats.items()
                                         if not model_class(c).repeat_only}, fit, test, k, exclude=True)
        params["hybrid"] = {"components": {c: params[c] for c in comps},
                            "weights": w, "weights_new": w_new}
        rows.append({"model": "hybrid", "params": f"weights={_fmt(w)}; new={_fmt(w_new)}",
                     "val_recall": rec, "val_recall_new": rec_new})
    rep(1.0, "tuning done")
    return {n: params[n] for n in names}, pd.DataFrame(rows)


def _fmt(p: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in p.items()) or "defaults"


def fit_models(X: Interactions, names: Sequence[str], params: Optional[dict] = None,
               progress=None, should_stop=None) -> tuple[dict[str, Recommender], dict[str, float]]:
    """Fit models on ``X``; returns ({name: model}, {name: fit seconds})."""
    rep = as_reporter(progress, should_stop)
    models, seconds = {}, {}
    for i, name in enumerate(names):
        r = rep.sub(i / len(names), (i + 1) / len(names))
        t = time.perf_counter()
        models[name] = make_model(name, **(params or {}).get(name, {})).fit(X, progress=r)
        seconds[name] = time.perf_counter() - t
    return models, seconds


@dataclass
class EvaluationResult:
    """Outcome of :func:`evaluate_models`."""

    table: pd.DataFrame                      # one row per model and mode
    params: dict
    tuning: pd.DataFrame
    models: dict = field(default_factory=dict)
    interactions: Optional[Interactions] = None
    test: Optional[TestSet] = None
    cutoff: str = ""
    test_from: str = ""
    test_to: str = ""
    run_id: Optional[int] = None

    def best_model(self, mode: str = "include", metric: str = "recall") -> str:
        t = self.table[self.table["mode"] == mode]
        return str(t.loc[t[metric].idxmax(), "model"])


def evaluate_models(purchases: pd.DataFrame, names: Sequence[str], cutoff: str, k: int = 10,
                    test_until: Optional[str] = None, val_days: int = 30, tune: bool = True,
                    product_names: Optional[pd.Series] = None, params: Optional[dict] = None,
                    returns: Optional[pd.DataFrame] = None,
                    progress=None, should_stop=None) -> EvaluationResult:
    """Global time split at ``cutoff``: tune on validation (inside training), fit on all
    purchases up to the cutoff, score customers seen in training on what they bought after.
    Popularity and buy-again are always included as yardsticks.

    ``purchases`` should keep returned sales (``load_purchases(shop, returned="keep")``) and
    ``returns`` come from ``load_returns``: each period then drops its own full returns."""
    rep = as_reporter(progress, should_stop)
    names = _check_names(list(BASELINES) + [n for n in names if n not in BASELINES])
    train, test_p = split_by_time(purchases, cutoff, test_until, returns=returns)
    if test_p.empty:
        raise InputError(f"no purchases after the cutoff {cutoff}: nothing to evaluate on")
    X = build_interactions(train, product_names, as_of=cutoff)
    test = make_test_set(X, test_p)
    if test.n_customers == 0:
        raise InputError(f"no customer seen up to {cutoff} bought anything after it")
    tuning = pd.DataFrame()
    if tune:
        tuned, tuning = tune_models(X, names, k=k, val_days=val_days, progress=rep.sub(0.0, 0.6))
        params = {**tuned, **(params or {})}
    models, seconds = fit_models(X, names, params, progress=rep.sub(0.6, 0.85))
    rows = []
    for i, name in enumerate(names):
        rep(0.85 + 0.15 * i / len(names), f"evaluating {MODELS[name].label_en}")
        for mode, m in evaluate_model(models[name], test, k=k).items():
            rows.append({"model": name, "label": MODELS[name].label_en, "mode": mode, "k": k, **m,
                         "fit_seconds": seconds[name]})
    rep(1.0, "evaluation done")
    return EvaluationResult(pd.DataFrame(rows), params or {}, tuning, models, X, test, cutoff,
                            str(test_p["day"].min()), str(test_p["day"].max()))


def default_cutoff(last_day: str, test_days: int = 28) -> str:
    """The cutoff that leaves the last ``test_days`` days for testing."""
    return (dt.date.fromisoformat(last_day) - dt.timedelta(days=test_days)).isoformat()


@dataclass
class RecommendResult:
    """Outcome of :func:`run_recommend`."""

    model: str
    recommendations: pd.DataFrame            # customer_id, rank, product_id, product_name, score, reason
    evaluation: Optional[pd.DataFrame]
    params: dict
    run_id: Optional[int]
    seconds: float
    data_from: str
    data_to: str
    fitted: dict = field(default_factory=dict)


def stored_tuning(shop, model: str, last_day: str, max_age_days: int = 45) -> tuple[dict, Optional[int]]:
    """Parameters tuned by an earlier run of ``model`` whose data ended at most ``max_age_days``
    before ``last_day`` (the data has not changed much since): ``(params, run_id)``, else ``({}, None)``.
    Tuning is the slow part of a run (a validation split per candidate); reusing it makes the
    default run fast, and tuning again is an explicit choice."""
    limit = (dt.date.fromisoformat(last_day) - dt.timedelta(days=max_age_days)).isoformat()
    for run_id in shop.list_runs("recommend")["run_id"]:
        run = shop.load_run(int(run_id))
        p = run.params or {}
        tuned = p.get("tuned") or {}
        if p.get("model") == model and tuned.get(model) and (run.data_to or "") >= limit \
                and (run.data_to or "") <= last_day:
            return tuned, int(run_id)
    return {}, None


def run_recommend(shop, models: Sequence[str] = ("hybrid",), k: int = 10, until: Optional[str] = None,
                  exclude_purchased: bool = False, evaluate: bool = False, tune: bool = False,
                  val_days: int = 30, save: bool = True, progress=None, should_stop=None,
                  model_params: Optional[dict] = None) -> RecommendResult:
    """Recommend ``k`` products to every customer known at ``until`` with the first of
    ``models`` (with reasons); optionally evaluate all of them (plus popularity and buy-again)
    on the purchases after ``until``; store the run in the shop (kind ``recommend``).

    Without ``until``, all data trains the models; ``evaluate`` then holds out the last 28 days.
    Without ``tune`` (the default, as in the app), the parameters an earlier run tuned on nearly
    the same data are reused (:func:`stored_tuning`), else each model's defaults; ``tune=True``
    tunes on a validation split first (slower) and stores what it found for later runs.
    ``model_params`` ({model: {parameter: value}}, checked against the registry) override both.
    """
    rep = as_reporter(progress, should_stop)
    t0 = time.perf_counter()
    names = _check_names(models)
    user = {n: MODELS[n].check_params(p, "model_params") for n, p in (model_params or {}).items()}
    tuned_run = None
    if not names:
        raise InputError("choose at least one model")
    if k < 1:
        raise InputError(f"k must be at least 1, not {k}", value=str(k))
    rep(0.0, "reading purchases")
    purchases = load_purchases(shop, returned="keep")
    returns = load_returns(shop)
    if purchases.empty:
        raise InputError("the shop has no merchandise sales to learn from")
    pnames = load_product_names(shop)
    last_day = str(purchases["day"].max())
    evaluation, params = None, {}
    if evaluate:
        cutoff = until or default_cutoff(last_day)
        ev = evaluate_models(purchases, names, cutoff, k=k, val_days=val_days, tune=tune,
                             product_names=pnames, returns=returns, progress=rep.sub(0.05, 0.6))
        evaluation, params = ev.table, ev.params
    if evaluate and until and not user:
        X = ev.interactions                            # same training data: reuse the fits
        fitted = {n: ev.models[n] for n in names}
    else:
        train, _ = split_by_time(purchases, until or last_day, returns=returns)
        X = build_interactions(train, pnames, as_of=until)
        if tune and not evaluate:
            params, _ = tune_models(X, names[:1], k=k, val_days=val_days,
                                    progress=rep.sub(0.05, 0.6))
        elif not evaluate:
            params, tuned_run = stored_tuning(shop, names[0], X.data_to)
        params = {**params, **{n: {**params.get(n, {}), **p} for n, p in user.items()}}
        fitted, _ = fit_models(X, names[:1], params, progress=rep.sub(0.6, 0.8))
    model = fitted[names[0]]
    recs = model.recommend(X.customer_ids, n=k, exclude_purchased=exclude_purchased,
                           progress=rep.sub(0.8, 0.9))
    from .explain import explain_recommendations
    recs["reason"] = explain_recommendations(model, recs, progress=rep.sub(0.9, 0.97))
    seconds = time.perf_counter() - t0
    run_id = None
    if save:
        metrics = {}
        if evaluation is not None:
            for r in evaluation.to_dict("records"):
                metrics[f"{r['model']}.{r['mode']}"] = {m: r[m] for m in
                                                        ("precision", "recall", "ndcg", "hit_rate",
                                                         "coverage", "fit_seconds")}
        tables = {"recommendations": recs}
        if evaluation is not None:
            tables["evaluation"] = evaluation
        run_id = shop.save_run(
            "recommend", params={"models": names, "model": names[0], "k": k, "until": until,
                                 "exclude_purchased": exclude_purchased, "evaluate": evaluate,
                                 "tune": tune, "tuned_from_run": tuned_run, "model_params": user,
                                 "val_days": val_days, "tuned": _jsonable(params)},
            metrics=metrics, tables=tables, data_from=X.data_from, data_to=X.data_to,
            seconds=seconds, summary=f"{MODELS[names[0]].label_en}: top {k} for "
                                     f"{len(X.customer_ids)} customers", reporter=rep)
    rep(1.0, "done")
    return RecommendResult(names[0], recs, evaluation, params, run_id, seconds, X.data_from,
                           X.data_to, fitted)


def load_last_recommend(shop, progress=None, should_stop=None) -> Optional[RecommendResult]:
    """The newest stored recommendation run, ready to show again (a tab reopening the shop):
    its stored recommendations as they were, and its model re-fitted on the same data with the
    parameters the run stored (no tuning), for the customer and product views.  None when the shop
    has no such run.  Cancellable; writes nothing."""
    rep = as_reporter(progress, should_stop)
    runs = shop.list_runs("recommend")
    run = None
    for run_id in runs["run_id"]:
        r = shop.load_run(int(run_id))
        if "recommendations" in r.tables:
            run = r
            break
    if run is None:
        return None
    p = run.params
    name = p.get("model") or (p.get("models") or ["hybrid"])[0]
    if name not in MODELS:
        return None
    rep(0.05, "reading purchases")
    purchases = load_purchases(shop, returned="keep")
    if purchases.empty:
        return None
    until = p.get("until") or run.data_to
    train, _ = split_by_time(purchases, until, returns=load_returns(shop))
    X = build_interactions(train, load_product_names(shop), as_of=p.get("until"))
    rep.check()
    fitted, _ = fit_models(X, [name], p.get("tuned") or {}, progress=rep.sub(0.3, 0.95))
    recs = run.tables["recommendations"]
    for c in ("customer_id", "product_id"):
        recs[c] = recs[c].astype(str)
    rep(1.0, "done")
    return RecommendResult(name, recs, run.tables.get("evaluation"), p.get("tuned") or {}, run.run_id,
                           run.seconds or 0.0, run.data_from or X.data_from, run.data_to or X.data_to,
                           fitted)


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, np.integer)):
        return obj.item()
    return obj


def similar_products(shop, product_id: str, k: int = 10, model: str = "itemknn",
                     until: Optional[str] = None, progress=None, should_stop=None) -> dict:
    """Products similar to ``product_id`` (by ``model``) and frequently bought with it.

    Returns {"product_id", "product_name", "model", "similar": DataFrame, "together": DataFrame}.
    """
    from .rules import baskets_from_purchases, bought_together

    rep = as_reporter(progress, should_stop)
    rep(0.0, "reading purchases")
    purchases = load_purchases(shop, until=until)
    pnames = load_product_names(shop)
    X = build_interactions(purchases, pnames, as_of=until)
    col = X.product_col(product_id)
    name = _check_names([model])[0]
    fitted = make_model(name).fit(X, progress=rep.sub(0.2, 0.8))
    sim = fitted.similar_products(X.product_ids[col], n=k)
    together = bought_together(baskets_from_purchases(purchases, pnames), X.product_ids[col], n=k)
    rep(1.0, "done")
    return {"product_id": str(X.product_ids[col]), "product_name": X.product_name(col),
            "model": name, "similar": sim, "together": together}


def customer_view(model: Recommender, customer_id: str, n: int = 10,
                  exclude_purchased: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A customer's purchase history and top-``n`` recommendations with reasons."""
    from .explain import explain_recommendations

    X = model.interactions_
    recs = model.recommend([str(customer_id)], n=n, exclude_purchased=exclude_purchased)
    recs["reason"] = explain_recommendations(model, recs)
    return X.history(str(customer_id)), recs


def run_evaluation(shop, models: Sequence[str], k: int = 10, cutoff: Optional[str] = None,
                   tune: bool = True, val_days: int = 30, save: bool = True,
                   progress=None, should_stop=None) -> EvaluationResult:
    """Compare models on the shop's own data (global time split at ``cutoff``, default: 28 days
    before the last day) and store the comparison as a ``recommend`` run."""
    rep = as_reporter(progress, should_stop)
    t0 = time.perf_counter()
    rep(0.0, "reading purchases")
    purchases = load_purchases(shop, returned="keep")
    if purchases.empty:
        raise InputError("the shop has no merchandise sales to learn from")
    cutoff = cutoff or default_cutoff(str(purchases["day"].max()))
    ev = evaluate_models(purchases, models, cutoff, k=k, val_days=val_days, tune=tune,
                         product_names=load_product_names(shop), returns=load_returns(shop),
                         progress=rep.sub(0.05, 1.0))
    if save:
        metrics = {f"{r['model']}.{r['mode']}": {m: r[m] for m in ("precision", "recall", "ndcg",
                                                                   "hit_rate", "coverage", "fit_seconds")}
                   for r in ev.table.to_dict("records")}
        ev.run_id = shop.save_run(
            "recommend", params={"models": list(ev.models), "k": k, "cutoff": cutoff, "evaluate": True,
                                 "val_days": val_days, "tuned": _jsonable(ev.params)},
            metrics=metrics, tables={"evaluation": ev.table}, data_from=ev.interactions.data_from,
            data_to=ev.test_to, seconds=time.perf_counter() - t0,
            summary=f"model comparison, train ≤ {cutoff}, test {ev.test_from} … {ev.test_to}",
            reporter=rep)
    return ev
