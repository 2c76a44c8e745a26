"""Training, choosing, calibrating and scoring the customer models; backtests; stored runs.

The flow (README "Customers"):

1. training cutoffs: the latest is ``asof − horizon`` (its label window ends on the as-of day),
   the others step back ``step_days``; features are computed at each cutoff from earlier data only;
2. every model is fitted on all cutoffs but the latest and scored on the latest (validation);
3. the best validation ROC AUC among the candidate models is the **chosen** model; a Platt
   calibrator is fitted on its validation predictions;
4. all models are refitted on all cutoffs and score the customers as of ``asof``; the chosen
   model's probability, calibrated, is the customer's ``purchase_probability``.

``backtest`` runs exactly this as of an earlier day with the data cut at that day, and compares the
probabilities with what happened afterwards.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
import pandas as pd

from ..errors import InputError, iso_day
from .. import fmt
from ..i18n import _, ngettext
from ..tasks import as_reporter
from .data import History, day_text, load_history
from .evaluation import (PlattCalibrator, calibration_table, classification_metrics,
                         regression_metrics, roc_table)
from .explain import coefficient_table, customer_reasons, permutation_table
from .frames import NotEnoughData, build_frame, build_training_frame, training_cutoffs
from .models import CANDIDATES, DEFAULT_MODELS, MODEL_LABELS, MODELS, make_model
from .rfm import kmeans_segments, rfm_scores, segment_summary
from .value import ExpectedValueModel

__all__ = ["TrainedModels", "CustomerOptions", "CustomerResult", "run_customers", "train_models", "predict_frame",
           "backtest", "score_customers", "segments", "NotEnoughData", "KIND"]

KIND = "customers"
MIN_SEGMENT_CUSTOMERS = 5




@dataclass(frozen=True)
class CustomerOptions:
    """What ``run_customers`` does: the horizon (days) the purchase probability is for, the data
    cut-off ``until`` (ISO day, None = all data), the models to train (the best validated candidate
    is chosen), per-model parameter overrides, a backtest (``evaluate``), the decision threshold for
    accuracy/precision/recall/F1, the seed, and the training cut-offs (``n_cutoffs`` every
    ``step_days``)."""

    horizon: int = 90
    until: Optional[str] = None
    models: tuple[str, ...] = tuple(DEFAULT_MODELS)
    model_params: dict = field(default_factory=dict)
    evaluate: bool = False
    threshold: float = 0.5
    seed: int = 0
    n_cutoffs: int = 4
    step_days: int = 30

    def validate(self) -> "CustomerOptions":
        if int(self.horizon) < 1:
            raise InputError(_("the horizon must be at least one day"), column="horizon", value=str(self.horizon))
        iso_day(self.until, "until")
        if not self.models:
            raise InputError(_("choose at least one model"), column="models", value="")
        for m in self.models:
            if m not in MODELS:
                raise InputError(_("unknown model; choose from {choices}").format(choices=fmt.names(MODELS)),
                                 column="models", value=str(m))
        for m in self.model_params or {}:
            if m not in MODELS:
                raise InputError(_("unknown model; choose from {choices}").format(choices=fmt.names(MODELS)),
                                 column="model_params",
                                 value=str(m))
        if not 0 < float(self.threshold) < 1:
            raise InputError(_("the threshold must be between 0 and 1"), column="threshold", value=str(self.threshold))
        if int(self.n_cutoffs) < 1:
            raise InputError(_("at least one training cut-off is needed"), column="n_cutoffs",
                             value=str(self.n_cutoffs))
        if int(self.step_days) < 1:
            raise InputError(_("the step between cut-offs must be at least one day"), column="step_days",
                             value=str(self.step_days))
        return self

    def params(self) -> dict:
        """The options as stored with the run (JSON)."""
        return {"horizon": self.horizon, "until": self.until, "models": list(self.models),
                "model_params": dict(self.model_params or {}), "evaluate": self.evaluate,
                "threshold": self.threshold, "seed": self.seed, "n_cutoffs": self.n_cutoffs,
                "step_days": self.step_days}


@dataclass
class TrainedModels:
    """Models fitted as of one day, with what was learned about them on the validation cutoff."""

    asof: int
    horizon: int
    cutoffs: list[int]
    models: dict[str, Any]
    chosen: str
    calibrator: Optional[PlattCalibrator]
    value_model: Optional[ExpectedValueModel]
    validation: dict[str, dict] = field(default_factory=dict)
    value_validation: dict = field(default_factory=dict)
    importance: pd.DataFrame = field(default_factory=pd.DataFrame)
    coefficients: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


@dataclass
class CustomerResult:
    """What ``score_customers`` produced (also stored as a run of kind "customers")."""

    scores: pd.DataFrame
    segments: pd.DataFrame
    clusters: pd.DataFrame
    metrics: pd.DataFrame
    roc: pd.DataFrame
    calibration: pd.DataFrame
    importance: pd.DataFrame
    coefficients: pd.DataFrame
    summary: dict
    messages: list[str]
    run_id: Optional[int] = None
    options: CustomerOptions = field(default_factory=CustomerOptions)
    data_from: Optional[str] = None
    data_to: Optional[str] = None
    created_at: Optional[str] = None
    warnings: list[str] = field(default_factory=list)     # "made with another library version"

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"scores": self.scores, "segments": self.segments, "clusters": self.clusters,
                "metrics": self.metrics, "roc": self.roc, "calibration": self.calibration,
                "importance": self.importance, "coefficients": self.coefficients}

    def save(self, shop, reporter=None) -> int:
        """Store the run (kind ``customers``); returns its run id (cancel is checked just before
        the commit, and a committed run reports done)."""
        self.run_id = shop.save_run(
            KIND, params=self.options.params(), metrics=self.summary, tables=self.tables(),
            data_from=self.data_from, data_to=self.data_to, seconds=self.summary.get("seconds"),
            summary=_one_line(self.summary, self.messages), reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop, run_id: Optional[int] = None) -> Optional["CustomerResult"]:
        """A stored run (the newest ``customers`` run when ``run_id`` is None); None if there is none."""
        from ..results import load_stored

        stored = load_stored(shop, KIND, run_id, CustomerOptions, fallback=("models", "model_params"))
        if stored is None:
            return None
        run, t = stored.run, stored.table
        summary = dict(run.metrics)
        return cls(scores=t("scores"), segments=t("segments"), clusters=t("clusters"), metrics=t("metrics"),
                   roc=t("roc"), calibration=t("calibration"), importance=t("importance"),
                   coefficients=t("coefficients"), summary=summary,
                   messages=list(summary.get("messages", [])), run_id=run.run_id, options=stored.options,
                   data_from=run.data_from, data_to=run.data_to, created_at=run.created_at,
                   warnings=run.version_warnings())

    def to_dict(self, top: int = 10) -> dict:
        """The run as one JSON-able object (``customers --json``)."""
        s, metrics = self.summary, {}
        if not self.metrics.empty:
            for _row, r in self.metrics.iterrows():
                metrics.setdefault(r["stage"], {})[r["model"]] = {
                    k: r[k] for k in ("roc_auc", "pr_auc", "brier", "brier_base_rate", "top_decile_lift",
                                      "accuracy", "precision", "recall", "f1", "base_rate", "n", "seconds")
                    if k in r}
        cols = ["customer_id", "purchase_probability", "churn_risk", "expected_value", "segment", "recency",
                "frequency", "monetary", "top_reasons"]
        return {
            "asof": s.get("asof"), "horizon": self.options.horizon, "customers": s.get("customers"),
            "chosen_model": s.get("chosen_model"), "training_cutoffs": s.get("training_cutoffs"),
            "metrics": metrics, "expected_value_validation": s.get("value_validation"),
            "expected_value_test": s.get("value_test"), "test_cutoff": s.get("test_cutoff"),
            "segments": dict(zip(self.segments["segment"], self.segments["customers"].astype(int)))
            if not self.segments.empty else {},
            "top_customers": self.scores[[c for c in cols if c in self.scores]].head(top).to_dict(orient="records"),
            "importance": self.importance.head(10).round(4).to_dict(orient="records")
            if not self.importance.empty else [],
            "coefficients": self.coefficients.round(4).to_dict(orient="records")
            if not self.coefficients.empty else [],
            "messages": self.messages, "run_id": self.run_id, "seconds": round(s.get("seconds") or 0.0, 2),
        }


def _fit(name: str, model, X: pd.DataFrame, y, rep) -> Any:
    if name == "mlp":
        return model.fit(X, y, progress=rep.progress, should_stop=rep.should_stop) if rep.progress is None \
            else model.fit(X, y, progress=rep, should_stop=None)
    rep.check()
    return model.fit(X, y)


def _single_threaded(fn):
    """Run with one BLAS/OpenMP thread: the data are small, and on a busy machine (the GUI plus a
    browser, or the shared 2-core CI box) thread spin-waiting made fits 3–10× slower."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from threadpoolctl import threadpool_limits
        with threadpool_limits(limits=1):
            return fn(*args, **kwargs)
    return wrapper


@_single_threaded
def train_models(history: History, asof: int, horizon: int = 90, models: Optional[list[str]] = None,
                 model_params: Optional[dict[str, dict]] = None, seed: int = 0, threshold: float = 0.5,
                 n_cutoffs: int = 4, step_days: int = 30, min_history_days: int = 90,
                 explain: bool = True, progress=None, should_stop=None) -> TrainedModels:
    """Fit, validate, choose and calibrate the models as of ``asof`` (uses data up to ``asof`` only).

    Raises :class:`NotEnoughData` when the shop is too small or too young for a model.
    """
    rep = as_reporter(progress, should_stop)
    names = list(models or DEFAULT_MODELS)
    model_params = model_params or {}
    for n in names:                         # unknown models and parameters: bad input, before any work
        MODELS[n].check_params(model_params.get(n), "model_params")
    history = history.until(asof)           # nothing after the as-of day can leak in
    cutoffs = training_cutoffs(history, asof, horizon, n_cutoffs, step_days, min_history_days)
    if not cutoffs:
        raise NotEnoughData(
            _("too little history for a {days}-day model: the data must start at least "
              "{need} days before {day}").format(days=horizon, need=horizon + min_history_days,
                                                 day=fmt.day(asof)))
    train = build_training_frame(history, cutoffs, horizon, rep.sub(0.0, 0.15))
    used = sorted(train["cutoff"].unique())
    out = TrainedModels(asof, horizon, [int(c) for c in used], {}, names[0], None, None)
    seconds = {n: 0.0 for n in names}
    cpu = {n: 0.0 for n in names}
    weights = {n: (2.0 if n == "mlp" else 1.0) for n in names}
    total_w = sum(weights.values()) * (2 if len(used) >= 2 else 1) + 1.0
    done_w = 0.0

    def stage(n):
        nonlocal done_w
        a = 0.15 + 0.8 * done_w / total_w
        done_w += weights[n]
        return rep.sub(a, 0.15 + 0.8 * done_w / total_w)

    # 1. validation: fit on the earlier cutoffs, score the latest
    val_pred: dict[str, np.ndarray] = {}
    val_models: dict[str, Any] = {}
    if len(used) >= 2:
        early, late = train[train["cutoff"] < used[-1]], train[train["cutoff"] == used[-1]]
        for n in names:
            r = stage(n)
            r(0.0, _("validating {model}").format(model=MODEL_LABELS[n]))
            t0, c0 = time.perf_counter(), time.process_time()
            m = _fit(n, make_model(n, model_params.get(n), seed), early, early["label"], r)
            val_pred[n] = m.predict_proba(late)[:, 1]
            seconds[n] += time.perf_counter() - t0
            cpu[n] += time.process_time() - c0
            val_models[n] = m
            out.validation[n] = classification_metrics(late["label"], val_pred[n], threshold)
        cands = [n for n in names if n in CANDIDATES] or names
        out.chosen = max(cands, key=lambda n: (np.nan_to_num(out.validation[n]["roc_auc"], nan=-1),
                                               -CANDIDATES.index(n) if n in CANDIDATES else -99))
        out.calibrator = PlattCalibrator().fit(val_pred[out.chosen], late["label"])
        cal = out.calibrator.transform(val_pred[out.chosen])
        out.validation["chosen_calibrated"] = classification_metrics(late["label"], cal, threshold)
        if explain:
            rep(0.15 + 0.8 * done_w / total_w, _("explaining the chosen model"))
            out.importance = permutation_table(val_models[out.chosen], late, late["label"],
                                               n_repeats=2, seed=seed)
        # expected value, validated the same way
        vm = ExpectedValueModel(seed=seed).fit(early, early["future_spend"])
        out.value_validation = regression_metrics(late["future_spend"], vm.predict(late), late["naive_value"])
        out.validation_frame = late.assign(**{f"p_{n}": p for n, p in val_pred.items()})
    else:
        pref = [n for n in ("hgb", "logreg", "mlp", "bgnbd") if n in names]
        out.chosen = pref[0] if pref else names[0]
        out.messages.append(
            _("only one training cutoff ({day}): models are not validated or calibrated; "
              "more history gives more reliable scores").format(day=fmt.day(day_text(used[0]))))
    # 2. refit on all cutoffs
    for n in names:
        r = stage(n)
        r(0.0, _("training {model}").format(model=MODEL_LABELS[n]))
        t0, c0 = time.perf_counter(), time.process_time()
        out.models[n] = _fit(n, make_model(n, model_params.get(n), seed), train, train["label"], r)
        seconds[n] += time.perf_counter() - t0
        cpu[n] += time.process_time() - c0
    out.value_model = ExpectedValueModel(seed=seed).fit(train, train["future_spend"])
    if "logreg" in out.models:
        out.coefficients = coefficient_table(out.models["logreg"])
    elif "logreg_rfm" in out.models:
        out.coefficients = coefficient_table(out.models["logreg_rfm"])
    out.seconds, out.cpu_seconds = seconds, cpu
    rep(1.0, _("models trained"))
    return out


def predict_frame(trained: TrainedModels, frame: pd.DataFrame) -> pd.DataFrame:
    """Per-model probabilities (``p_<model>``), the chosen model's raw and calibrated probability
    (``purchase_probability``) and the expected value, for a frame built as of any day."""
    out = pd.DataFrame(index=frame.index)
    for n, m in trained.models.items():
        out[f"p_{n}"] = m.predict_proba(frame)[:, 1]
    raw = out[f"p_{trained.chosen}"].to_numpy()
    out["raw_probability"] = raw
    out["purchase_probability"] = trained.calibrator.transform(raw) if trained.calibrator else raw
    out["expected_value"] = trained.value_model.predict(frame) if trained.value_model else np.nan
    return out


def _metrics_rows(metrics: dict[str, dict], stage: str, seconds: Optional[dict] = None) -> pd.DataFrame:
    rows = []
    for n, m in metrics.items():
        rows.append({"model": n, "stage": stage, **m, "seconds": (seconds or {}).get(n)})
    return pd.DataFrame(rows)


@_single_threaded
def backtest(history: History, cutoff: int, horizon: int = 90, models: Optional[list[str]] = None,
             threshold: float = 0.5, seed: int = 0, progress=None, should_stop=None, **train_kw) -> dict:
    """Train as of ``cutoff`` on data up to it, then score against the ``horizon`` days after.

    Returns ``{"trained": TrainedModels, "test": {model: metrics}, "frame": test frame with
    predictions and labels, "value": expected-value metrics}``.
    """
    rep = as_reporter(progress, should_stop)
    if history.last_day < cutoff + horizon:
        raise NotEnoughData(_("the data end on {last}: a backtest as of {cutoff} needs data up to {need}").format(
            last=fmt.day(day_text(history.last_day)), cutoff=fmt.day(day_text(cutoff)),
            need=fmt.day(day_text(cutoff + horizon))))
    trained = train_models(history, cutoff, horizon, models, seed=seed, threshold=threshold,
                           progress=rep.sub(0.0, 0.9), **train_kw)
    rep(0.9, _("scoring the backtest"))
    # features from data up to the cutoff only; labels from the full history
    frame = build_frame(history.until(cutoff), cutoff, horizon, labels=False)
    from .labels import future_spend, purchase_labels
    frame["label"] = purchase_labels(history, cutoff, horizon, frame.index)
    frame["future_spend"] = future_spend(history, cutoff, horizon, frame.index)
    pred = predict_frame(trained, frame)
    test = {n: classification_metrics(frame["label"], pred[f"p_{n}"], threshold) for n in trained.models}
    test["chosen_calibrated"] = classification_metrics(frame["label"], pred["purchase_probability"], threshold)
    value = regression_metrics(frame["future_spend"], pred["expected_value"], frame["naive_value"])
    rep(1.0, _("backtest done"))
    return {"trained": trained, "test": test, "value": value, "frame": frame.join(pred)}


@_single_threaded
def segments(history: History, asof: Optional[int] = None, kmeans: bool = True, seed: int = 0,
             progress=None, should_stop=None) -> dict:
    """RFM scores and named segments as of ``asof`` (default: the last day), plus k-means clusters.

    Returns ``{"rfm": per-customer frame, "summary": per segment, "clusters": profile, "kmeans": info,
    "messages": [...]}``.
    """
    from .features import customer_features

    rep = as_reporter(progress, should_stop)
    asof = history.last_day if asof is None else asof
    feats = customer_features(history, asof)
    messages = []
    if len(feats) == 0:
        return {"rfm": pd.DataFrame(), "summary": pd.DataFrame(), "clusters": pd.DataFrame(),
                "kmeans": {}, "features": feats,
                "messages": [_("no customer purchases yet: nothing to segment")]}
    rfm = rfm_scores(feats)
    if len(rfm) < MIN_SEGMENT_CUSTOMERS:
        messages.append(ngettext("only {n} customer: quintile scores mean little with so few",
                                 "only {n} customers: quintile scores mean little with so few",
                                 len(rfm)).format(n=len(rfm)))
    clusters, info = pd.DataFrame(), {}
    if kmeans:
        if len(rfm) >= 10:
            labels, clusters, info = kmeans_segments(rfm, seed=seed, progress=rep.sub(0, 0.95))
            rfm["cluster"] = labels
        else:
            messages.append(ngettext("only {n} customer: k-means clusters need at least 10",
                                     "only {n} customers: k-means clusters need at least 10",
                                     len(rfm)).format(n=len(rfm)))
    rep(1.0, _("segments ready"))
    return {"rfm": rfm, "summary": segment_summary(rfm), "clusters": clusters, "kmeans": info,
            "features": feats, "messages": messages}


def score_customers(shop, horizon: int = 90, until: Optional[str] = None,
                    models: Optional[list[str]] = None, model_params: Optional[dict] = None,
                    evaluate: bool = False, threshold: float = 0.5, seed: int = 0, n_cutoffs: int = 4,
                    step_days: int = 30, save: bool = True, progress=None, should_stop=None) -> CustomerResult:
    """Keyword form of :func:`run_customers` (the options spelled out)."""
    opts = CustomerOptions(horizon=horizon, until=until, models=tuple(models or DEFAULT_MODELS),
                           model_params=dict(model_params or {}), evaluate=evaluate, threshold=threshold,
                           seed=seed, n_cutoffs=n_cutoffs, step_days=step_days)
    return run_customers(shop, opts, as_reporter(progress, should_stop), save=save)


@_single_threaded
def run_customers(shop, options: CustomerOptions = CustomerOptions(), reporter=None, *,
                  save: bool = True) -> CustomerResult:
    """Segments, purchase probability, churn risk, expected value and reasons for every customer.

    ``options.until`` limits the data to lines on or before that day; probabilities are for a
    purchase in the ``horizon`` days after it.  With ``evaluate`` a backtest as of ``until − horizon``
    is added (metrics stage "test").  Small shops get the segments and a message instead of a model.
    The result is stored as a run of kind "customers" when ``save`` (Cancel is honoured until the
    commit).
    """
    rep = as_reporter(reporter)
    options.validate()
    t_start = time.perf_counter()
    horizon, until, evaluate = int(options.horizon), iso_day(options.until, "until"), options.evaluate
    models = list(options.models) if options.models else None
    model_params = options.model_params or None
    threshold, seed, n_cutoffs, step_days = options.threshold, options.seed, options.n_cutoffs, options.step_days

    rep(0.0, _("reading orders"))
    history = load_history(shop, until)
    if history.purchases.empty:
        raise InputError(_("the shop has no customer purchases (merchandise orders with a customer id)"))
    asof = history.last_day
    seg = segments(history, asof, seed=seed, progress=rep.sub(0.02, 0.12))
    feats, rfm = seg["features"], seg["rfm"]
    messages = list(seg["messages"])
    scores = pd.DataFrame(index=feats.index)
    scores["country"] = feats["country"]
    scores["segment"] = rfm["segment"]
    if "cluster" in rfm:
        scores["cluster"] = rfm["cluster"]
    for c in ("recency", "frequency", "monetary", "r_score", "f_score", "m_score"):
        scores[c] = rfm[c]
    scores["first_order"] = feats["first_day"].map(day_text)
    scores["last_order"] = feats["last_day"].map(day_text)
    metrics_tables, roc, calib = [], [], []
    importance = coefficients = pd.DataFrame()
    summary: dict[str, Any] = {"asof": day_text(asof), "horizon": horizon, "customers": len(scores)}
    try:
        trained = train_models(history, asof, horizon, models, model_params, seed, threshold, n_cutoffs,
                               step_days, progress=rep.sub(0.12, 0.75 if evaluate else 0.9))
        frame = build_frame(history, asof, horizon, labels=False)
        pred = predict_frame(trained, frame)
        scores = scores.join(pred)
        scores["churn_risk"] = 1 - scores["purchase_probability"]
        scores["p_alive"] = frame["bgnbd_p_alive"]
        rep(0.9 if not evaluate else 0.75, _("explaining scores"))
        scores["top_reasons"] = customer_reasons(trained.models[trained.chosen], frame)
        metrics_tables.append(_metrics_rows(trained.validation, "validation", trained.seconds))
        importance, coefficients = trained.importance, trained.coefficients
        messages += trained.messages
        summary.update({"chosen_model": trained.chosen, "training_cutoffs": [day_text(c) for c in trained.cutoffs],
                        "validation": trained.validation, "value_validation": trained.value_validation,
                        "model_seconds": trained.seconds})
        vf = getattr(trained, "validation_frame", None)
        if vf is not None:
            for n in trained.models:
                roc.append(roc_table(vf["label"], vf[f"p_{n}"]).assign(model=n, stage="validation"))
            calib.append(calibration_table(vf["label"], vf[f"p_{trained.chosen}"]).assign(
                model=trained.chosen, kind="raw", stage="validation"))
            calib.append(calibration_table(vf["label"], trained.calibrator.transform(
                vf[f"p_{trained.chosen}"])).assign(model=trained.chosen, kind="calibrated", stage="validation"))
        if evaluate:
            try:
                bt = backtest(history, asof - horizon, horizon, models, threshold, seed,
                              progress=rep.sub(0.75, 0.95), n_cutoffs=n_cutoffs, step_days=step_days)
                metrics_tables.append(_metrics_rows(bt["test"], "test", bt["trained"].seconds))
                summary["test"] = bt["test"]
                summary["test_cutoff"] = day_text(asof - horizon)
                summary["value_test"] = bt["value"]
                f = bt["frame"]
                for n in bt["trained"].models:
                    roc.append(roc_table(f["label"], f[f"p_{n}"]).assign(model=n, stage="test"))
                calib.append(calibration_table(f["label"], f["purchase_probability"]).assign(
                    model=bt["trained"].chosen, kind="calibrated", stage="test"))
            except NotEnoughData as exc:
                messages.append(_("no backtest: {reason}").format(reason=exc))
    except NotEnoughData as exc:
        messages.append(_("no purchase model: {reason}. Showing RFM segments only.").format(reason=exc))
        for c in ("purchase_probability", "churn_risk", "expected_value"):
            scores[c] = np.nan
        scores["top_reasons"] = ""
    scores = scores.reset_index()
    cols_first = ["customer_id", "purchase_probability", "churn_risk", "expected_value", "segment",
                  "recency", "frequency", "monetary"]
    scores = scores[cols_first + [c for c in scores.columns if c not in cols_first]]
    scores = scores.sort_values(["purchase_probability", "monetary"], ascending=False,
                                na_position="last", ignore_index=True)
    result = CustomerResult(
        scores=scores, segments=seg["summary"], clusters=seg["clusters"],
        metrics=pd.concat(metrics_tables, ignore_index=True) if metrics_tables else pd.DataFrame(),
        roc=pd.concat(roc, ignore_index=True) if roc else pd.DataFrame(),
        calibration=pd.concat(calib, ignore_index=True) if calib else pd.DataFrame(),
        importance=importance, coefficients=coefficients, summary=summary, messages=messages, options=options,
        data_from=day_text(history.first_day), data_to=day_text(asof))
    summary["kmeans"] = seg["kmeans"]
    summary["messages"] = messages
    summary["seconds"] = time.perf_counter() - t_start
    if save:
        rep(0.97, _("saving the run"))
        result.save(shop, reporter=rep)
    rep(1.0, _("done"))
    return result




def _one_line(summary: dict, messages: list[str]) -> str:
    from ..registries import CUSTOMERS

    n = int(summary["customers"])
    if "chosen_model" not in summary:
        return ngettext("{n} customer, segments only", "{n} customers, segments only", n).format(n=fmt.integer(n))
    auc = summary["validation"].get(summary["chosen_model"], {}).get("roc_auc")
    auc_txt = _(", validation AUC {auc}").format(auc=fmt.number(auc, 3)) \
        if auc is not None and np.isfinite(auc) else ""
    return ngettext("{n} customer, {days}-day horizon, {model}", "{n} customers, {days}-day horizon, {model}",
                    n).format(n=fmt.integer(n), days=summary["horizon"],
                              model=CUSTOMERS.label(summary["chosen_model"])) + auc_txt
