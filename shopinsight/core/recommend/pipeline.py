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

import pandas as pd

from .. import fmt
from ..errors import InputError
from ..i18n import _, ngettext
from ..jsonutil import jsonable
from ..tasks import as_reporter
from .base import Recommender
from .evaluate import TestSet, evaluate_model, make_test_set, test_set_from_matrix
from .hybrid import DEFAULT_COMPONENTS, MAX_SEARCH_CUSTOMERS, score_blocks, search_weights
from .interactions import (Interactions, build_interactions, load_product_names, load_purchases,
                           load_returns, split_by_time)
from .registry import MODELS, make_model, model_class

__all__ = ["tune_models", "fit_models", "evaluate_models", "EvaluationResult", "run_recommend",
           "RecommendOptions", "RecommendResult", "default_cutoff", "KIND", "run_evaluation", "load_evaluation", "similar_products",
           "customer_view", "product_view",
           "load_last_recommend", "stored_tuning"]

BASELINES = ("popularity", "buy_again")
KIND = "recommend"
OUT_COLUMNS = ["customer_id", "rank", "product_id", "score", "reason"]     # what --json and --out carry


def _check_names(names: Sequence[str]) -> list[str]:
    out = []
    for n in names:
        n = n.strip().lower().replace("-", "_")
        MODELS[n]                            # unknown: InputError naming the model ids
        if n not in out:
            out.append(n)
    return out


def _mean_known(*values: float) -> float:
    known = [v for v in values if v == v]
    return sum(known) / len(known) if known else float("-inf")


def tune_models(X: Interactions, names: Sequence[str], k: int = 10, val_days: int = 30,
                progress=None, should_stop=None) -> tuple[dict[str, dict], pd.DataFrame]:
    """Choose each model's parameters (and the hybrid's weights) on the last ``val_days`` days
    of ``X``.  Returns ({name: params}, table of every candidate's validation recall@k)."""
    rep = as_reporter(progress, should_stop)
    names = _check_names(names)
    fit, held = X.holdout_last(val_days)
    test = test_set_from_matrix(fit, held)
    if test.n_customers == 0:
        raise InputError(_("no customer bought anything in the last {n} days of the training data: too little "
                           "data to tune on").format(n=val_days))
    base = [n for n in names if n != "hybrid"]
    if "hybrid" in names:
        base += [c for c in DEFAULT_COMPONENTS if c not in base]
    params, rows, best_models = {}, [], {}
    for i, name in enumerate(base):
        r = rep.sub(i / (len(base) + 1), (i + 1) / (len(base) + 1))
        grid = model_class(name).param_grid or [{}]
        best = (-1.0, None, None)
        for j, p in enumerate(grid):
            r(j / len(grid), _("validating {model} ({i}/{n})").format(
                model=MODELS[name].label, i=fmt.integer(j + 1), n=fmt.integer(len(grid))))
            model = make_model(name, **p).fit(fit)
            rec = evaluate_model(model, test, k=k, modes=("include",))["include"]["recall"]
            rec_new = (evaluate_model(model, test, k=k, modes=("exclude",))["exclude"]["recall"]
                       if not model_class(name).repeat_only else float("nan"))
            rows.append({"model": name, "params": _fmt(p), "val_recall": rec,
                         "val_recall_new": rec_new})
            # a model is tuned for the mode it is good at: repeat-only models for repurchases
            # (a recall that cannot be measured — no such purchase in the validation days — is left
            # out of the mean rather than making every candidate's score NaN)
            target = rec if model_class(name).repeat_only else _mean_known(rec, rec_new)
            if best[1] is None or target > best[0]:
                best = (target, p, model)
        params[name], best_models[name] = dict(best[1]), best[2]
    if "hybrid" in names:
        rep(len(base) / (len(base) + 1), _("choosing the hybrid's weights"))
        comps = [c for c in DEFAULT_COMPONENTS]
        search = test.sample(MAX_SEARCH_CUSTOMERS)
        mats = {c: score_blocks(best_models[c], search.rows) for c in comps}
        w, rec = search_weights(mats, fit, search, k, exclude=False)
        w_new, rec_new = search_weights({c: m for c, m in mats.items()
                                         if not model_class(c).repeat_only}, fit, search, k, exclude=True)
        params["hybrid"] = {"components": {c: params[c] for c in comps},
                            "weights": w, "weights_new": w_new}
        rows.append({"model": "hybrid", "params": f"weights={_fmt(w)}; new={_fmt(w_new)}",
                     "val_recall": rec, "val_recall_new": rec_new})
    rep(1.0, _("tuning done"))
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
        raise InputError(_("no purchases after the cutoff {day}: nothing to evaluate on").format(day=fmt.day(cutoff)))
    X = build_interactions(train, product_names, as_of=cutoff)
    test = make_test_set(X, test_p)
    if test.n_customers == 0:
        raise InputError(_("no customer seen up to {day} bought anything after it").format(day=fmt.day(cutoff)))
    tuning = pd.DataFrame()
    if tune:
        tuned, tuning = tune_models(X, names, k=k, val_days=val_days, progress=rep.sub(0.0, 0.6))
        params = {**tuned, **(params or {})}
    models, seconds = fit_models(X, names, params, progress=rep.sub(0.6, 0.85))
    rows = []
    for i, name in enumerate(names):
        rep(0.85 + 0.15 * i / len(names), _("evaluating {model}").format(model=MODELS[name].label))
        for mode, m in evaluate_model(models[name], test, k=k).items():
            rows.append({"model": name, "label": MODELS[name].label_en, "mode": mode, "k": k, **m,
                         "fit_seconds": seconds[name]})
    rep(1.0, _("evaluation done"))
    return EvaluationResult(pd.DataFrame(rows), params or {}, tuning, models, X, test, cutoff,
                            str(test_p["day"].min()), str(test_p["day"].max()))


def default_cutoff(last_day: str, test_days: int = 28) -> str:
    """The cutoff that leaves the last ``test_days`` days for testing."""
    return (dt.date.fromisoformat(last_day) - dt.timedelta(days=test_days)).isoformat()


@dataclass(frozen=True)
class RecommendOptions:
    """What ``run_recommend`` does: recommend ``k`` products to every customer known at ``until``
    (ISO day, None = all data) with the first of ``models``; ``exclude_purchased`` leaves out what
    each customer bought; ``evaluate`` also compares all ``models`` (plus the popularity and
    buy-again yardsticks) on the purchases after ``until``; ``tune`` tunes on the last ``val_days``
    days of the training data first (else earlier tuning of nearly the same data is reused)."""

    models: tuple[str, ...] = ("hybrid",)
    k: int = 10
    until: Optional[str] = None
    exclude_purchased: bool = False
    evaluate: bool = False
    tune: bool = False
    val_days: int = 30
    model_params: dict = field(default_factory=dict)

    def validate(self) -> "RecommendOptions":
        if isinstance(self.models, str) or not self.models:
            raise InputError(_("choose at least one model"), column="models", value=str(self.models or ""))
        for n in self.models:
            if str(n).strip().lower().replace("-", "_") not in MODELS:
                raise InputError(_("unknown model; choose from {choices}").format(choices=fmt.names(MODELS)),
                                 column="models", value=str(n))
        if int(self.k) < 1:
            raise InputError(_("k must be at least 1, not {value}").format(value=self.k), column="k", value=str(self.k))
        if int(self.val_days) < 1:
            raise InputError(_("the validation period must be at least one day"), column="val_days",
                             value=str(self.val_days))
        for n, p in (self.model_params or {}).items():
            if n not in MODELS:
                raise InputError(_("unknown model; choose from {choices}").format(choices=fmt.names(MODELS)),
                                 column="model_params", value=str(n))
            MODELS[n].check_params(p, "model_params")
        if self.until not in (None, ""):
            try:
                dt.date.fromisoformat(str(self.until))
            except ValueError:
                raise InputError(_("must be an ISO date (YYYY-MM-DD)"), column="until", value=str(self.until)) from None
        return self

    @property
    def names(self) -> list[str]:
        """The models, normalised (``item-knn`` → ``itemknn``), first one recommends."""
        return _check_names(self.models)


@dataclass
class RecommendResult:
    """Outcome of :func:`run_recommend` (also what :meth:`load` rebuilds from the store).

    ``model`` is None for a stored model comparison (``run_evaluation``): it has an ``evaluation``
    table and no recommendations."""

    model: Optional[str]
    recommendations: pd.DataFrame            # customer_id, rank, product_id, product_name, score, reason
    evaluation: Optional[pd.DataFrame]
    params: dict
    run_id: Optional[int]
    seconds: float
    data_from: str
    data_to: str
    fitted: dict = field(default_factory=dict)
    options: RecommendOptions = field(default_factory=RecommendOptions)
    tuned_from_run: Optional[int] = None
    created_at: Optional[str] = None
    #: what a memory budget left out of the model (:meth:`Recommender.bounds`), e.g. EASE over the
    #: 6,000 most bought of 16,149 products: ``[{"model", "products", "of"}]``
    bounded: list = field(default_factory=list)

    def bounded_notes(self) -> list[str]:
        """One sentence per memory bound the run met, in the current language (the CLI prints them,
        the Recommendations tab shows them under its status): which model saw how many products."""
        from ..registries import RECOMMEND

        notes = []
        for b in self.bounded or []:
            values = dict(model=RECOMMEND.label(b["model"]), n=fmt.integer(b["products"]),
                          total=fmt.integer(b["of"]))
            if b["model"] == self.model:       # the model alone, not a part of a blend
                notes.append(_("{model} works on the {n} most bought of {total} products (a memory bound); "
                               "it recommends none of the others.").format(**values))
            else:
                notes.append(_("{model} works on the {n} most bought of {total} products (a memory bound); the other "
                               "products are ranked by the other models of the blend or by popularity.").format(**values))
        return notes

    def save(self, shop, reporter=None) -> int:
        """Store the run (kind ``recommend``); returns its run id (cancel is checked just before the
        commit, and a committed run reports done)."""
        o = self.options
        names = o.names
        metrics = {}
        if self.evaluation is not None:
            for r in self.evaluation.to_dict("records"):
                metrics[f"{r['model']}.{r['mode']}"] = {m: r[m] for m in
                                                        ("precision", "recall", "ndcg", "hit_rate",
                                                         "coverage", "fit_seconds")}
        tables = {"recommendations": self.recommendations}
        if self.evaluation is not None:
            tables["evaluation"] = self.evaluation
        n = int(self.recommendations["customer_id"].nunique()) if len(self.recommendations) else 0
        self.run_id = shop.save_run(
            KIND, params={"models": names, "model": names[0], "k": o.k, "until": o.until,
                          "exclude_purchased": o.exclude_purchased, "evaluate": o.evaluate,
                          "tune": o.tune, "tuned_from_run": self.tuned_from_run,
                          "model_params": jsonable(dict(o.model_params or {})),
                          "val_days": o.val_days, "tuned": jsonable(self.params),
                          "bounded": jsonable(self.bounded)},
            metrics=metrics, tables=tables, data_from=self.data_from, data_to=self.data_to,
            seconds=self.seconds, summary=ngettext("{model}: top {k} for {n} customer", "{model}: top {k} for {n} customers", n).format(
                model=MODELS[names[0]].label, k=o.k, n=fmt.integer(n)),
            reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop, run_id: Optional[int] = None, reporter=None, *, refit: bool = True
             ) -> Optional["RecommendResult"]:
        """A stored run, ready to show again: the newest run with recommendations when ``run_id``
        is None.  Its recommendations are shown as they were stored; with ``refit`` its model is
        fitted again on the same data with the parameters the run stored (no tuning), for the
        customer and product views.  A stored model comparison comes back with ``model`` None and
        its evaluation table.  None when there is no such run.  Cancellable; writes nothing."""
        from ..results import load_stored

        rep = as_reporter(reporter)
        stored = load_stored(shop, KIND, run_id, RecommendOptions, fallback=("models", "model_params"),
                             with_table="recommendations")
        if stored is None:
            return None
        run, p, opts = stored.run, stored.run.params, stored.options
        evaluation = run.tables.get("evaluation")
        if "recommendations" not in run.tables:          # a model comparison
            return cls(None, pd.DataFrame(columns=["customer_id", "rank", "product_id", "product_name", "score",
                                                   "reason"]), evaluation, p.get("tuned") or {}, run.run_id,
                       run.seconds or 0.0, run.data_from or "", run.data_to or "", {}, opts,
                       created_at=run.created_at)
        name = p.get("model") or (p.get("models") or ["hybrid"])[0]
        if name not in MODELS:
            return None
        recs = stored.table("recommendations", text=("customer_id", "product_id"))
        if "reason_code" in recs:          # reasons in the language they are shown in (older runs: as stored)
            from .explain import reason_texts
            recs["reason"] = reason_texts(recs["reason_code"])
        fitted, data_from, data_to = {}, run.data_from, run.data_to
        if refit:
            rep(0.05, _("reading purchases"))
            purchases = load_purchases(shop, returned="keep")
            if purchases.empty:
                return None
            until = p.get("until") or run.data_to
            train, _test = split_by_time(purchases, until, returns=load_returns(shop))
            X = build_interactions(train, load_product_names(shop), as_of=p.get("until"))
            rep.check()
            fitted, _secs = fit_models(X, [name], p.get("tuned") or {}, progress=rep.sub(0.3, 0.95))
            data_from, data_to = data_from or X.data_from, data_to or X.data_to
        rep(1.0, _("done"))
        return cls(name, recs, evaluation, p.get("tuned") or {}, run.run_id, run.seconds or 0.0,
                   data_from or "", data_to or "", fitted, opts, p.get("tuned_from_run"), run.created_at,
                   list(p.get("bounded") or []))

    def to_dict(self, recommendations: bool = True) -> dict:
        """The run as one JSON-able object (``recommend --json``)."""
        recs = self.recommendations
        out = {"model": self.model, "k": self.options.k, "until": self.options.until, "data_from": self.data_from,
               "data_to": self.data_to, "exclude_purchased": self.options.exclude_purchased,
               "customers": int(recs["customer_id"].nunique()) if len(recs) else 0, "rows": int(len(recs)),
               "run_id": self.run_id, "seconds": round(self.seconds, 2), "params": jsonable(self.params),
               "bounded": jsonable(self.bounded)}
        if self.evaluation is not None:
            out["evaluation"] = self.evaluation.round(4).to_dict("records")
        if recommendations:
            out["recommendations"] = recs[[c for c in OUT_COLUMNS if c in recs]].to_dict("records")
        return out


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


def run_recommend(shop, options: Optional[RecommendOptions] = None, reporter=None, *, save: bool = True,
                  progress=None, should_stop=None, **kwargs) -> RecommendResult:
    """Recommend ``k`` products to every customer known at ``until`` with the first of
    ``options.models`` (with reasons); optionally evaluate all of them (plus popularity and
    buy-again) on the purchases after ``until``; store the run in the shop (kind ``recommend``).

    Without ``until``, all data trains the models; ``evaluate`` then holds out the last 28 days.
    Without ``tune`` (the default, as in the app), the parameters an earlier run tuned on nearly
    the same data are reused (:func:`stored_tuning`), else each model's defaults; ``tune=True``
    tunes on a validation split first (slower) and stores what it found for later runs.
    ``model_params`` ({model: {parameter: value}}, checked against the registry) override both.

    The options may also be given as keywords (``run_recommend(shop, models=["ease"], k=5)``), and
    the reporter as ``progress``/``should_stop``.
    """
    if options is None:
        if "models" in kwargs:
            kwargs["models"] = tuple(kwargs["models"])
        options = RecommendOptions(**kwargs)
    elif kwargs:
        raise TypeError(f"run_recommend: options given twice ({', '.join(kwargs)})")
    rep = as_reporter(reporter if reporter is not None else progress, should_stop)
    t0 = time.perf_counter()
    options.validate()
    names, k, until = options.names, int(options.k), options.until or None
    tune, evaluate, val_days = options.tune, options.evaluate, options.val_days
    user = {n: MODELS[n].check_params(p, "model_params") for n, p in (options.model_params or {}).items()}
    # the hybrid's own validation period (--param hybrid.val_days=N) is the one its tuning uses
    val_days = int(user.get(names[0], {}).get("val_days", val_days)) if names[0] == "hybrid" else val_days
    tuned_run = None
    rep(0.0, _("reading purchases"))
    purchases = load_purchases(shop, returned="keep")
    returns = load_returns(shop)
    if purchases.empty:
        raise InputError(_("the shop has no merchandise sales to learn from"))
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
        train, _test = split_by_time(purchases, until or last_day, returns=returns)
        # only the training lines are needed from here: free the others before building (on a
        # 5-million-line shop both sets of lines alive at once were 1 GB of the peak)
        purchases = returns = _test = None
        X = build_interactions(train, pnames, as_of=until)
        del train                              # the lines are in X now: free them before fitting
        if tune and not evaluate:
            params, _table = tune_models(X, names[:1], k=k, val_days=val_days,
                                    progress=rep.sub(0.05, 0.6))
        elif not evaluate:
            params, tuned_run = stored_tuning(shop, names[0], X.data_to)
        params = {**params, **{n: {**params.get(n, {}), **p} for n, p in user.items()}}
        fitted, _secs = fit_models(X, names[:1], params, progress=rep.sub(0.6, 0.8))
    model = fitted[names[0]]
    recs = model.recommend(X.customer_ids, n=k, exclude_purchased=options.exclude_purchased,
                           progress=rep.sub(0.8, 0.9))
    from .explain import reason_codes, reason_texts
    # stored as codes and values, written in the language of whoever shows them (load)
    recs["reason_code"] = reason_codes(model, recs, progress=rep.sub(0.9, 0.97))
    recs["reason"] = reason_texts(recs["reason_code"])
    result = RecommendResult(names[0], recs, evaluation, params, None, time.perf_counter() - t0, X.data_from,
                             X.data_to, fitted, options, tuned_run, bounded=model.bounds())
    if save:
        result.save(shop, reporter=rep)
    rep(1.0, _("done"))
    return result


def load_last_recommend(shop, progress=None, should_stop=None) -> Optional[RecommendResult]:
    """The newest stored recommendation run, refitted: :meth:`RecommendResult.load`."""
    return RecommendResult.load(shop, None, as_reporter(progress, should_stop))


def similar_products(shop, product_id: str, k: int = 10, model: str = "itemknn",
                     until: Optional[str] = None, progress=None, should_stop=None) -> dict:
    """Products similar to ``product_id`` (by ``model``) and frequently bought with it.

    Returns {"product_id", "product_name", "model", "similar": DataFrame, "together": DataFrame}.
    """
    rep = as_reporter(progress, should_stop)
    rep(0.0, _("reading purchases"))
    purchases = load_purchases(shop, until=until)
    pnames = load_product_names(shop)
    X = build_interactions(purchases, pnames, as_of=until)
    col = X.product_col(product_id)
    name = _check_names([model])[0]
    fitted = make_model(name).fit(X, progress=rep.sub(0.2, 0.8))
    if not fitted.has_similarity:                 # says so (InputError) rather than an empty list
        fitted.similar_products(X.product_ids[col], n=k)
    rep(1.0, _("done"))
    return {**product_view(fitted, X.product_ids[col], k), "model": name}


def product_view(model: Recommender, product_id: str, n: int = 10) -> dict:
    """What a fitted model says about one product — the Recommendations tab's product view and
    `shopinsight similar` alike: {"product_id", "product_name", "similar" (None when the model has
    no product similarity), "together" (products bought in the same orders of its training data)}."""
    from .rules import bought_together

    X = model.interactions_
    col = X.product_col(product_id)
    pid = str(X.product_ids[col])
    return {"product_id": pid, "product_name": X.product_name(col),
            "similar": model.similar_products(pid, n=n) if model.has_similarity else None,
            "together": bought_together(X.basket_set(), pid, n=n)}


def customer_view(model: Recommender, customer_id: str, n: int = 10,
                  exclude_purchased: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A customer's purchase history and top-``n`` recommendations with reasons."""
    from .explain import explain_recommendations

    X = model.interactions_
    recs = model.recommend([str(customer_id)], n=n, exclude_purchased=exclude_purchased)
    recs["reason"] = explain_recommendations(model, recs)
    return X.history(str(customer_id)), recs


def load_evaluation(shop) -> Optional[pd.DataFrame]:
    """The newest stored model comparison's table (a plain training run has none), or None."""
    from ..results import load_stored

    stored = load_stored(shop, KIND, with_table="evaluation")
    return None if stored is None else stored.table("evaluation")


def run_evaluation(shop, models: Sequence[str], k: int = 10, cutoff: Optional[str] = None,
                   tune: bool = True, val_days: int = 30, save: bool = True,
                   progress=None, should_stop=None) -> EvaluationResult:
    """Compare models on the shop's own data (global time split at ``cutoff``, default: 28 days
    before the last day) and store the comparison as a ``recommend`` run."""
    rep = as_reporter(progress, should_stop)
    t0 = time.perf_counter()
    rep(0.0, _("reading purchases"))
    purchases = load_purchases(shop, returned="keep")
    if purchases.empty:
        raise InputError(_("the shop has no merchandise sales to learn from"))
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
                                 "val_days": val_days, "tuned": jsonable(ev.params)},
            metrics=metrics, tables={"evaluation": ev.table}, data_from=ev.interactions.data_from,
            data_to=ev.test_to, seconds=time.perf_counter() - t0,
            summary=f"model comparison, train ≤ {cutoff}, test {ev.test_from} … {ev.test_to}",
            reporter=rep)
    return ev
