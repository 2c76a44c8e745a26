"""One forecasting run end to end: series → backtest → final fit → intervals → stored run.

:func:`run_forecast` is what the Forecast tab and ``shopinsight forecast`` both call.  The run
(parameters, metrics, data range, library versions, time, forecasts, backtest forecasts and
the history) is stored with ``shop.save_run(kind="forecast")`` so it survives restarts;
:func:`load_forecast` reads it back.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd

from .. import fmt
from ..errors import InputError
from ..i18n import N_, _, ngettext
from ..tasks import as_reporter
from .backtest import (AUTO, MIN_INTERVAL_WINDOWS, PREFERENCE, YARDSTICK, Backtest, combine,
                       interval_halfwidths, run_backtest)
from .models.registry import BASELINES, DEFAULT_MODELS, get_model, parse_model_list
from .series import SEASON, Panel, SeriesSpec, load_panel

__all__ = ["ForecastOptions", "ForecastResult", "run_forecast", "forecast_panel", "load_forecast",
           "summarize_metrics", "chosen_text", "KIND", "NO_MODEL_BEAT_YARDSTICK"]

KIND = "forecast"
_PREFERENCE = PREFERENCE       # the model used when no backtest ranks the models
NO_MODEL_BEAT_YARDSTICK = "no model beat repeating last season on this data"


@dataclass(frozen=True)
class ForecastOptions:
    """How to forecast.

    ``windows`` rolling-origin backtest windows (0 = no backtest: no metrics, no intervals,
    the first model in a fixed preference order is used); ``level`` the interval coverage;
    ``params`` per-model parameter overrides ``{"gbm": {"max_iter": 100}}``.
    """

    horizon: int = 28
    models: tuple[str, ...] = DEFAULT_MODELS
    params: dict = field(default_factory=dict)
    windows: int = 3
    calibration: int = 2
    step: Optional[int] = None
    level: float = 0.8
    selection: str = "auto"

    def validate(self) -> "ForecastOptions":
        if self.horizon < 1:
            raise InputError(_("horizon must be at least 1 period"), value=str(self.horizon))
        if self.windows < 0:
            raise InputError(_("windows must be 0 or more"), value=str(self.windows))
        if self.selection not in ("auto", "per_series", "global"):
            raise InputError(_("selection must be auto, per_series or global"), value=self.selection)
        if not 0.5 <= self.level < 1:
            raise InputError(_("interval level must be within 0.5..0.99"), value=str(self.level))
        for name, p in self.params.items():
            info = get_model(name)
            info.create(**p) if not info.is_combination else None
        return self


@dataclass
class ForecastResult:
    """Everything a run produced (also what :func:`load_forecast` rebuilds from the store)."""

    spec: SeriesSpec
    options: ForecastOptions
    history: pd.DataFrame            # series, date, value
    forecasts: pd.DataFrame          # series, date, model, forecast, lo, hi, selected
    metrics: pd.DataFrame            # per series and model (backtest)
    backtest: pd.DataFrame           # series, origin, date, model, forecast, actual
    selected: dict                   # series → model
    labels: dict
    seconds: float
    model_seconds: dict
    closed_weekdays: tuple = ()
    run_id: Optional[int] = None
    residual_sd: dict = field(default_factory=dict)    # series → sd of one-period error (selected)
    freq_source: str = "asked"       # "detected" when the frequency followed the data
    interval_windows: int = 0        # backtest windows the intervals were calibrated from
    # what drives each chosen forecast (core.forecast.explain): series, date, model, method,
    # approximate, level, season, calendar, price; None for runs stored before it existed
    contributions: Optional[pd.DataFrame] = None

    @property
    def yardstick_series(self) -> list[str]:
        """Series for which no model beat the yardstick in the backtest (auto = seasonal naive)."""
        if self.metrics is None or self.metrics.empty:
            return []
        return [s for s, m in self.selected.items() if m == YARDSTICK]

    @property
    def unscored_yardstick(self) -> list[str]:
        """Series the seasonal naive could not be scored for in the backtest (less than a season of
        history before a window, or a product not sold a season earlier): measured against naive."""
        if self.metrics is None or self.metrics.empty or YARDSTICK not in set(self.forecasts["model"]):
            return []
        scored = set(self.metrics.loc[self.metrics["model"] == YARDSTICK, "series"].astype(str))
        return [s for s in self.selected if str(s) not in scored]

    def quiet_series(self) -> dict:
        """series → periods since its last sale, for series that sold nothing in at least the last
        ``max(4, horizon)`` periods: their forecast is about 0 (honest for a product no longer
        selling) and their interval still carries their earlier sales' size."""
        h = self.history
        if h is None or h.empty:
            return {}
        need = max(4, int(self.options.horizon))
        out = {}
        for s, g in h.groupby("series", sort=False):
            v = g.sort_values("date")["value"].to_numpy(dtype=float)
            sold = np.nonzero(v != 0)[0]
            since = len(v) - 1 - sold[-1] if len(sold) else len(v)
            if since >= need and len(sold):
                out[str(s)] = int(since)
        return out

    @property
    def intervals_widened(self) -> bool:
        """Intervals came from fewer than MIN_INTERVAL_WINDOWS backtest windows and were widened."""
        return 0 < self.interval_windows < MIN_INTERVAL_WINDOWS

    def notes(self) -> list[str]:
        """Plain-language remarks on how far to trust the run (the tab and the CLI show them)."""
        out = []
        ys = self.yardstick_series
        if ys and len(ys) == len(self.selected):
            out.append(_("no model beat repeating last season on this data: the forecast repeats last season "
                         "(seasonal naive)"))
        elif ys:
            out.append(_("for {k} of {n} series no model beat repeating last season on this data: they repeat "
                         "last season (seasonal naive)").format(k=fmt.integer(len(ys)),
                                                                n=fmt.integer(len(self.selected))))
        un = self.unscored_yardstick
        if un:
            out.append(_("seasonal naive (repeating last season) not scored for {k} of {n} series: it needs a "
                         "season ({m} periods) of history before every backtest window and sales a season "
                         "earlier; they are measured against naive (repeating the last value)").format(
                k=fmt.integer(len(un)), n=fmt.integer(len(self.selected)),
                m=fmt.integer(SEASON.get(self.spec.freq, 1))))
        quiet = self.quiet_series()
        if quiet:
            unit = _(PERIOD_WORDS.get(self.spec.freq, PERIOD_WORDS["D"]))
            out.append(_("no sales in the last {n} {unit} or more for {k} of {all} series ({ids}): their forecast "
                         "is about 0 and their interval reflects their earlier sales").format(
                n=fmt.integer(min(quiet.values())), unit=unit, k=fmt.integer(len(quiet)),
                all=fmt.integer(len(self.selected)),
                ids=_(", ").join(list(quiet)[:5]) + (_(", …") if len(quiet) > 5 else "")))
        if self.options.windows == 0:
            out.append(_("no backtest: the model was not checked against repeating last season, "
                         "and there are no intervals"))
        elif self.intervals_widened:
            out.append(ngettext("intervals widened: only {n} backtest window to calibrate them from "
                                "(at least {min} wanted)",
                                "intervals widened: only {n} backtest windows to calibrate them from "
                                "(at least {min} wanted)", self.interval_windows).format(
                n=fmt.integer(self.interval_windows), min=fmt.integer(MIN_INTERVAL_WINDOWS)))
        return out

    def summary_metrics(self) -> pd.DataFrame:
        """Per model, pooled over series (see :func:`summarize_metrics`)."""
        return summarize_metrics(self.metrics)

    def chosen_counts(self) -> dict:
        """model → how many series the live forecast uses it for.  The automatic choice is what
        picked the model of every series, so it counts them all (it was shown as "chosen for 0":
        no series' model is literally named "auto")."""
        counts = {str(k): int(v) for k, v in pd.Series(self.selected, dtype=object).value_counts().items()}
        return {**counts, AUTO: len(self.selected)}

    def model_table(self) -> pd.DataFrame:
        """:meth:`summary_metrics` with a "chosen" column (series per model; see
        :meth:`chosen_counts`) after the model: the Forecast tab's model table."""
        summ = self.summary_metrics()
        if len(summ):
            # a model run but scored on no series (the seasonal naive on less than a season of
            # history) is listed as unavailable: blank scores on 0 series, not left out
            missing = [m for m in dict.fromkeys(self.forecasts["model"]) if m not in set(summ["model"])]
            vs = summ.attrs.get("skill_vs")
            summ = pd.concat([summ, pd.DataFrame({"model": missing, "series": 0})], ignore_index=True)
            summ.attrs["skill_vs"] = vs
        summ.insert(1, "chosen", summ["model"].map(self.chosen_counts()).fillna(0).astype(int))
        return summ

    def selected_forecasts(self) -> pd.DataFrame:
        """Rows of the chosen model of each series."""
        return self.forecasts[self.forecasts["selected"] == 1].reset_index(drop=True)

    def to_dict(self) -> dict:
        """JSON-ready summary: per-model backtest metrics, the choice, timings."""
        summ = self.summary_metrics()
        chosen = pd.Series(self.selected).value_counts()
        return {
            "run_id": self.run_id,
            "target": self.spec.target, "level": self.spec.level, "freq": self.spec.freq,
            "freq_source": self.freq_source,
            "horizon": self.options.horizon, "windows": self.options.windows,
            "until": self.history["date"].max() if len(self.history) else None,
            "series": len(self.selected),
            "closed_weekdays": list(self.closed_weekdays),
            "selected": self.selected if len(self.selected) <= 20 else None,
            "selected_counts": {k: int(v) for k, v in chosen.items()},
            "metrics": {r["model"]: {k: _num(r[k]) for k in ("mae", "rmse", "wape", "mase", "coverage",
                                                            "skill")}
                        for r in summ.to_dict("records")},
            "seconds": round(self.seconds, 2),
            "model_seconds": {k: round(v, 2) for k, v in self.model_seconds.items()},
            "skill_vs": summ.attrs.get("skill_vs"),      # the model "skill" is measured against
            "unscored_yardstick": len(self.unscored_yardstick),
            "quiet_series": self.quiet_series(),
            "yardstick_series": len(self.yardstick_series),
            "interval_windows": self.interval_windows,
            "intervals_widened": self.intervals_widened,
            "notes": self.notes(),
        }


def _num(v):
    return None if v is None or (isinstance(v, float) and not np.isfinite(v)) else float(v)


def summarize_metrics(metrics: pd.DataFrame) -> pd.DataFrame:
    """Per model over all series: mean MAE/RMSE/MASE, pooled WAPE (Σ|e| / Σ|y|), pooled
    coverage, and skill = 1 − MASE / seasonal-naive MASE (WAPE-based when MASE is undefined)."""
    cols = ["model", "mae", "rmse", "wape", "mase", "coverage", "skill", "series"]
    if metrics is None or metrics.empty:
        return pd.DataFrame(columns=cols)
    metrics = metrics.copy()
    for c in ("mae", "rmse", "mase", "abs_error", "abs_actual", "n_covered", "n_interval"):
        # a stored run whose MASE was undefined everywhere (a perfectly seasonal series) comes
        # back as a column of nulls, not floats
        metrics[c] = pd.to_numeric(metrics[c], errors="coerce").astype(float)
    g = metrics.groupby("model", sort=False)
    out = pd.DataFrame({
        "mae": g["mae"].mean(), "rmse": g["rmse"].mean(),
        "wape": g["abs_error"].sum() / g["abs_actual"].sum(),
        "mase": g["mase"].mean(),
        "coverage": g["n_covered"].sum() / g["n_interval"].sum().replace(0, np.nan),
        "series": g["series"].nunique()}).reset_index()
    ref = out.set_index("model")
    # skill against the seasonal naive when it was scored on every series, else against naive
    # (out.attrs["skill_vs"] names it: a column "vs seasonal naive" over naive's scores misled)
    vs = next((m for m in ("seasonal_naive", "naive")
               if m in ref.index and ref.loc[m, "series"] == ref["series"].max()), None)
    if vs is not None:
        sn_mase, sn_wape = ref.loc[vs, "mase"], ref.loc[vs, "wape"]
        with np.errstate(divide="ignore", invalid="ignore"):
            skill = np.where(np.isfinite(out["mase"]) & np.isfinite(sn_mase),
                             1 - out["mase"] / sn_mase, 1 - out["wape"] / sn_wape)
        out["skill"] = np.where(np.isfinite(skill), skill, np.nan)   # a perfect yardstick: undefined
    else:
        out["skill"] = np.nan
    out = out[cols]
    out.attrs["skill_vs"] = vs
    return out


def run_forecast(shop, spec: SeriesSpec, options: ForecastOptions = ForecastOptions(), *,
                 save: bool = True, progress=None, should_stop=None) -> ForecastResult:
    """Build the series, backtest the models, fit them on all history and forecast.

    Raises :class:`~shopinsight.core.tasks.Cancelled` (nothing stored) when asked to stop.
    """
    t_start = time.perf_counter()
    rep = as_reporter(progress, should_stop)
    options.validate()
    panel = load_panel(shop, spec, progress=rep.sub(0.0, 0.05))
    result = forecast_panel(panel, dataclasses.replace(spec, freq=panel.freq), options,
                            progress=rep.sub(0.05, 0.99))
    result.seconds = time.perf_counter() - t_start
    rep.check()
    if save:
        result.run_id = save_forecast(shop, result, panel, reporter=rep)
    rep(1.0, _("done"))
    return result


def forecast_panel(panel: Panel, spec: SeriesSpec, options: ForecastOptions = ForecastOptions(), *,
                   progress=None, should_stop=None) -> ForecastResult:
    """Backtest, choose, fit and forecast one panel (no store: what :func:`run_forecast` and
    the accuracy benchmark share).  ``spec`` only describes the panel in the result."""
    t_start = time.perf_counter()
    rep = as_reporter(progress, should_stop)
    options.validate()
    models = parse_model_list(",".join(options.models))
    h = options.horizon

    bt: Optional[Backtest] = None
    split = 0.75 if options.windows else 0.0
    if options.windows:
        bt = run_backtest(panel, models, h, options.windows, calibration=options.calibration,
                          step=options.step, selection=options.selection, params=options.params,
                          progress=rep.sub(0.0, split))
    # final fit on the whole history
    final, seconds, estimators = {}, dict(bt.seconds) if bt else {}, {}
    fitted = [m for m in models if not get_model(m).is_combination]
    for i, m in enumerate(fitted):
        sub = rep.sub(split + (0.97 - split) * i / len(fitted), split + (0.97 - split) * (i + 1) / len(fitted))
        sub(0.0, _("fitting {model}").format(model=get_model(m).label))
        t0 = time.perf_counter()
        try:
            estimators[m] = get_model(m).create(**options.params.get(m, {})).fit(panel, h, progress=sub)
            final[m] = estimators[m].predict()
        except ValueError as exc:          # e.g. too little history for a regression model
            if m in BASELINES:
                raise
            rep(0.0, _("{model} skipped: {reason}").format(model=get_model(m).label, reason=exc))
            continue
        seconds[m] = seconds.get(m, 0.0) + time.perf_counter() - t0
    for m in models:
        if get_model(m).is_combination:
            final[m] = combine(m, final)
    rep(0.97, _("intervals and choice"))

    S = panel.y.shape[1]
    dates = panel.future_dates(h)
    order = _PREFERENCE
    if bt is not None:
        names, best = bt.final_choice()
        chosen = [names[i] for i in best]
        metrics = bt.metrics(options.level)
    else:
        # no backtest ranks them: the first preferred of the models the user named (the baselines
        # are always fitted, but one not named is only the fallback for a series none of the named
        # can forecast)
        order = _named_first(options.models, models)
        pick = next(m for m in order if m in final)
        chosen, metrics = [pick] * S, pd.DataFrame()
    # a model with no forecast for a series (the seasonal naive of a product launched within the
    # season) is never its forecast: the next in the preference order that has one
    chosen = [c if c in final and np.isfinite(final[c][:, s]).all()
              else next(m for m in order if m in final and np.isfinite(final[m][:, s]).all())
              for s, c in enumerate(chosen)]
    final = dict(sorted(final.items(), key=lambda kv: models.index(kv[0])))

    from .backtest import level_scale
    scale_now = level_scale(panel, panel.n_periods - 1)
    rows, resid_sd = [], {}
    open_future = panel.open_mask(dates)
    sel_idx = np.array([list(final).index(c) for c in chosen])
    for mi, (m, f) in enumerate(final.items()):
        lo = np.full((h, S), np.nan)
        hi = np.full((h, S), np.nan)
        res = bt.residuals(m) if bt is not None and m in bt.forecasts else None
        if res is not None:
            pooled = res[np.isfinite(res)]
            for s in range(S):
                q, _alpha = interval_halfwidths(res, s, options.level)
                if np.isfinite(q).all():
                    lo[:, s] = np.clip(f[:, s] - q * scale_now[s], 0, None)
                    hi[:, s] = np.clip(f[:, s] + q * scale_now[s], 0, None)
                if sel_idx[s] == mi:
                    own = res[:, :, s][np.isfinite(res[:, :, s])]
                    pool = own if len(own) >= 100 else pooled
                    resid_sd[panel.series[s]] = float(np.std(pool) * scale_now[s]) if len(pool) else np.nan
            lo[~open_future], hi[~open_future] = 0.0, 0.0
        rows.append(pd.DataFrame({
            "series": np.repeat(np.array(panel.series, dtype=object), h),
            "date": np.tile(dates.strftime("%Y-%m-%d").to_numpy(), S), "model": m,
            "forecast": f.T.reshape(-1), "lo": lo.T.reshape(-1), "hi": hi.T.reshape(-1),
            "selected": np.repeat((sel_idx == mi).astype(int), h)}))
    forecasts = pd.concat(rows, ignore_index=True)
    if not metrics.empty:
        metrics["selected"] = [int(chosen[panel.series.index(r.series)] == r.model)
                               for r in metrics.itertuples()]
    from .explain import explain_forecasts
    contributions = explain_forecasts(panel, estimators, final, dict(zip(panel.series, chosen)),
                                      progress=rep.sub(0.975, 0.995))
    backtest_df = _backtest_frame(bt) if bt is not None else pd.DataFrame(
        columns=["series", "origin", "date", "model", "forecast", "actual"])
    result = ForecastResult(
        spec=spec, options=options, history=panel.to_long(), forecasts=forecasts, metrics=metrics,
        backtest=backtest_df, selected=dict(zip(panel.series, chosen)), labels=panel.labels,
        seconds=time.perf_counter() - t_start, model_seconds=seconds,
        closed_weekdays=panel.closed_weekdays, residual_sd=resid_sd,
        freq_source=panel.freq_source, interval_windows=bt.n_windows if bt is not None else 0,
        contributions=contributions)
    rep(1.0, _("forecast ready"))
    return result


def _named_first(named, models) -> tuple[str, ...]:
    """The fixed preference order with the models the user named first (each part in that order);
    ``models``: ``parse_model_list`` of ``named`` (the baselines added)."""
    asked = set(models) - (set(BASELINES) - set(named))
    return tuple(m for m in _PREFERENCE if m in asked) + tuple(m for m in _PREFERENCE if m not in asked)


def chosen_text(counts: dict) -> str:
    """"Naive: 2 series, Linear regression: 1 series" from ``{model: series chosen for}`` (the
    CLI's and the stored run's "chosen:" words; plural-safe)."""
    from ..registries import FORECAST

    return _(", ").join(ngettext("{model}: {n} series", "{model}: {n} series", int(v)).format(
        model=FORECAST.label(k), n=fmt.integer(v)) for k, v in counts.items())


def _backtest_frame(bt: Backtest) -> pd.DataFrame:
    """Long table of every backtest forecast with the actual value (for charts and export)."""
    p, act = bt.panel, bt.actual()
    fc = bt.with_auto()
    W, h, S = act.shape
    origin = np.repeat(p.dates[bt.origins].strftime("%Y-%m-%d").to_numpy(), h * S)
    date = np.concatenate([np.repeat(p.dates[o + 1:o + 1 + h].strftime("%Y-%m-%d").to_numpy(), S)
                           for o in bt.origins])
    series = np.tile(np.array(p.series, dtype=object), W * h)
    calib = np.repeat((np.arange(W) < bt.calibration).astype(int), h * S)
    parts = [pd.DataFrame({"series": series, "origin": origin, "date": date, "model": m,
                           "forecast": f.reshape(-1), "actual": act.reshape(-1), "calibration": calib})
             for m, f in fc.items()]
    return pd.concat(parts, ignore_index=True).sort_values(["series", "model", "date"], kind="stable",
                                                           ignore_index=True)


# words for the stored run's one-line summary (ids stay in the params)
TARGET_LABELS = {"net_sales": N_("Net sales"), "units": N_("Units")}
LEVEL_LABELS = {"total": N_("Whole shop"), "product": N_("Per product"), "country": N_("Per country"),
                "store": N_("Per store")}
FREQ_LABELS = {"D": N_("daily"), "W": N_("weekly"), "M": N_("monthly")}
PERIOD_WORDS = {"D": N_("days"), "W": N_("weeks"), "M": N_("months")}


def save_forecast(shop, result: ForecastResult, panel: Optional[Panel] = None, reporter=None) -> int:
    """Store a result as a run of kind 'forecast'; returns the run id (``reporter``: the job's,
    checked for cancel before the commit and marked committed after it)."""
    summ = result.summary_metrics()
    hist = result.history
    info = result.to_dict()
    sel_counts = info["selected_counts"]
    summary = _("{target} · {level} · {freq} · horizon {h} · {n} series · chosen: {models}").format(
        target=_(TARGET_LABELS.get(result.spec.target, result.spec.target)),
        level=_(LEVEL_LABELS.get(result.spec.level, result.spec.level)),
        freq=_(FREQ_LABELS.get(result.spec.freq, result.spec.freq)), h=result.options.horizon,
        n=fmt.integer(len(result.selected)),
        models=chosen_text(sel_counts))
    labels = pd.DataFrame({"series": list(result.labels), "label": list(result.labels.values())})
    extra = {"selected": result.selected, "closed_weekdays": list(result.closed_weekdays),
             "model_seconds": result.model_seconds, "residual_sd": result.residual_sd,
             "freq_source": result.freq_source, "interval_windows": result.interval_windows}
    return shop.save_run(
        KIND,
        params={"spec": dataclasses.asdict(result.spec), "options": dataclasses.asdict(result.options)},
        metrics={"models": info["metrics"], **extra},
        tables={"forecast": result.forecasts, "metrics": result.metrics if not result.metrics.empty
                else pd.DataFrame({"model": []}),
                "backtest": result.backtest, "history": hist, "labels": labels,
                "summary": summ,
                **({"contributions": result.contributions} if result.contributions is not None else {})},
        data_from=hist["date"].min() if len(hist) else None,
        data_to=hist["date"].max() if len(hist) else None,
        seconds=result.seconds, summary=summary, reporter=reporter)


def load_forecast(shop, run_id: Optional[int] = None) -> Optional[ForecastResult]:
    """A stored forecast run (the newest when ``run_id`` is None), or None."""
    from ..results import load_stored, options_from

    stored = load_stored(shop, KIND, run_id)
    if stored is None:
        return None
    run, t = stored.run, stored.table
    labels = t("labels", text=["series"])
    labels = dict(zip(labels["series"], labels["label"])) if stored.has_table("labels") else {}
    metrics = t("metrics", text=["series"])
    if "series" not in metrics:
        metrics = pd.DataFrame()
    # None: a run stored before explanations
    contributions = t("contributions", text=["series"]) if stored.has_table("contributions") else None
    return ForecastResult(
        spec=options_from(SeriesSpec, run.params["spec"]), options=options_from(ForecastOptions, run.params["options"]),
        history=t("history", text=["series"]), forecasts=t("forecast", text=["series"]), metrics=metrics,
        backtest=t("backtest", text=["series"]),
        selected={str(k): v for k, v in run.metrics.get("selected", {}).items()}, labels=labels,
        seconds=run.seconds or 0.0, model_seconds=run.metrics.get("model_seconds", {}),
        closed_weekdays=tuple(run.metrics.get("closed_weekdays", ())), run_id=run.run_id,
        residual_sd={str(k): v for k, v in run.metrics.get("residual_sd", {}).items()},
        freq_source=run.metrics.get("freq_source", "asked"),
        interval_windows=int(run.metrics.get("interval_windows", 0)), contributions=contributions)
