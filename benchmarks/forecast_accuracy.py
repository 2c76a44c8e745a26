"""Forecast accuracy on the shared UCI Online Retail file (issue 4 protocol).

Total: daily net sales, horizon 28 days, 6 rolling origins every 28 days with the last
forecast window ending 2011-11-30 (December 2011 is partial and left out), expanding window,
2 extra earlier windows that only calibrate the intervals and the per-window model choice.
Reports MASE (m = 7) per model, the selected ("auto") model's skill = 1 − MASE / seasonal-naive
MASE — "auto" picks at each origin the model with the best MASE on the windows *before* it, so
the figure is out of sample; with no earlier window it is seasonal naive itself — 80 % interval
coverage, and wall/CPU seconds (all non-deep models
incl. backtest and final fit; the Keras model alone).

Per product: the top 200 products by net sales up to the cutoff, weekly, 8-week horizon,
4 origins, same end; WAPE of every model and of "auto" (one model for all 200 series, chosen
by WAPE pooled over the series and earlier windows) against the best naive baseline.  A year
of weekly history leaves no room for calibration windows before the first of the 4 origins,
so "calibration_windows" is 0 there and auto is the yardstick in the first window.

Series of every kind (issue 11), each backtested with the same default models and scored
against seasonal naive (the yardstick): "auto" skill = 1 − MASE(auto) / MASE(seasonal naive)
and the coverage of its 80 % intervals, per kind and per frequency, plus the pooled skill —
the UCI daily total and weekly top products above; intermittent SKUs (the 340 UCI products
ranked 301–640 by net sales, daily units, 61 % zero days); real series shipped inside the statsmodels wheel (co2 weekly, co2 as
monthly means, elnino monthly sea temperatures; needs ``pip install statsmodels``, else they
are skipped and listed); and seeded synthetic panels: weekly multi-store sales with holidays
(England's calendar) and monthly aggregates with trend.  Nothing here was tuned on these
series.

    python benchmarks/forecast_accuracy.py [--db SHOP] [--no-deep] [--product-target units] [--no-kinds]

Without --db the shared file is imported into a temporary shop first (not timed).  Prints one
JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

from bench_shop import open_bench_shop  # also puts the repo on sys.path

NAIVE = ("naive", "seasonal_naive", "moving_average")


def _timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, round(time.perf_counter() - w0, 2), round(time.process_time() - c0, 2)


def _models_table(summ) -> dict:
    return {r["model"]: {k: (round(float(r[k]), 4) if r[k] == r[k] else None)
                         for k in ("mae", "rmse", "wape", "mase", "coverage", "skill")}
            for r in summ.to_dict("records")}


def _panel(y, dates, freq, names, country=None):
    from shopinsight.core.forecast.calendar import Calendar
    from shopinsight.core.forecast.series import Panel

    y = np.asarray(y, float)
    y = y[:, None] if y.ndim == 1 else y
    return Panel(y=y, dates=pd.DatetimeIndex(dates), freq=freq, series=list(names),
                 calendar=Calendar(country), freq_source="detected")


def synthetic_weekly_stores(seed=2024, stores=25, weeks=156):
    """Weekly sales of many stores: level, drift, a yearly cycle peaking before Christmas,
    bank-holiday weeks, the Christmas break and Easter, multiplicative noise."""
    import holidays

    rng = np.random.default_rng(seed)
    dates = pd.date_range("2021-01-04", periods=weeks, freq="7D")
    hol = holidays.country_holidays("GB", subdiv="ENG", years=range(2021, 2025))
    n_hol = np.array([sum(d + pd.Timedelta(days=i) in hol for i in range(7)) for d in dates])
    md = dates.month * 100 + dates.day
    xmas_break = ((md >= 1224) | (md <= 101)).astype(float)
    pre_xmas = ((md >= 1210) & (md < 1224)).astype(float)
    woy = dates.isocalendar().week.to_numpy().astype(float)
    y = np.zeros((weeks, stores))
    for s in range(stores):
        base = np.exp(rng.normal(8, 0.6))
        drift = rng.normal(0.001, 0.002)
        amp = rng.uniform(0.1, 0.3)
        season = 1 + amp * np.cos(2 * np.pi * (woy - 50) / 52)
        level = np.exp(np.cumsum(rng.normal(drift, 0.02, weeks)))
        effect = (1 + 0.5 * pre_xmas) * (1 - 0.6 * xmas_break) * (1 - 0.08 * n_hol)
        y[:, s] = base * level * season * effect * np.exp(rng.normal(0, 0.12, weeks))
    return _panel(y, dates, "W", [f"store{s:02d}" for s in range(stores)], country="GB-ENG")


def synthetic_monthly_trend(seed=2025, n=20, months=96):
    """Monthly aggregates with a growth trend, a yearly pattern of their own, and noise."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2016-01-01", periods=months, freq="MS")
    t = np.arange(months)
    y = np.zeros((months, n))
    for s in range(n):
        base = np.exp(rng.normal(10, 0.8))
        growth = rng.normal(0.01, 0.006)
        profile = 1 + rng.uniform(0.05, 0.3) * np.sin(2 * np.pi * (t + rng.integers(12)) / 12)
        level = np.exp(growth * t + np.cumsum(rng.normal(0, 0.02, months)))
        y[:, s] = base * level * profile * np.exp(rng.normal(0, 0.06, months))
    return _panel(y, dates, "M", [f"m{s:02d}" for s in range(n)])


def statsmodels_series():
    """Real series shipped inside the statsmodels wheel, as panels (or a reason they are missing)."""
    try:
        from statsmodels import datasets
    except ImportError:
        return [], "statsmodels is not installed (pip install statsmodels)"
    co2 = datasets.co2.load_pandas().data["co2"].interpolate().bfill()
    co2 = co2[co2.index >= "1990-01-01"]
    # week ending Saturday → the Monday–Sunday week starting 5 days before
    weekly = _panel(co2.to_numpy(), co2.index - pd.Timedelta(days=5), "W", ["co2"])
    monthly = co2.groupby(co2.index.to_period("M")).mean()
    monthly = monthly.iloc[1:-1] if len(monthly) > 2 else monthly
    co2_m = _panel(monthly.to_numpy(), monthly.index.to_timestamp(), "M", ["co2"])
    el = datasets.elnino.load_pandas().data
    vals = el.drop(columns="YEAR").to_numpy().reshape(-1)
    el_dates = pd.date_range(f"{int(el['YEAR'].iloc[0])}-01-01", periods=len(vals), freq="MS")
    elnino = _panel(vals[-240:], el_dates[-240:], "M", ["elnino"])
    return [("weekly_co2_statsmodels", weekly, 13), ("monthly_co2_statsmodels", co2_m, 12),
            ("monthly_elnino_statsmodels", elnino, 12)], None


def _mase_of(summ, model: str):
    """A model's MASE, or None where it was not scored (the seasonal naive has no forecast for a
    series with less than a season of history: the naive is then the yardstick)."""
    if model not in summ.index or pd.isna(summ.loc[model, "mase"]):
        return None
    return round(float(summ.loc[model, "mase"]), 4)


def _kind_figures(res) -> dict:
    summ = res.summary_metrics().set_index("model")
    m = res.metrics
    auto = m[m["model"] == "auto"]
    sn = m[m["model"] == "seasonal_naive"].set_index("series")
    both = auto.set_index("series")[["mase"]].join(sn[["mase"]].rename(columns={"mase": "mase_sn"}))
    return {
        "freq": res.spec.freq, "series": len(res.selected),
        "skill": round(float(summ.loc["auto", "skill"]), 4),
        "auto_mase": round(float(summ.loc["auto", "mase"]), 4),
        "seasonal_naive_mase": _mase_of(summ, "seasonal_naive"),
        "coverage_80": round(float(auto["n_covered"].sum() / max(auto["n_interval"].sum(), 1)), 4),
        "coverage_points": int(auto["n_interval"].sum()), "n_covered": int(auto["n_covered"].sum()),
        "selected_final_counts": {k: int(v) for k, v in pd.Series(res.selected).value_counts().items()},
        "yardstick_series": len(res.yardstick_series),
        "_mase_pairs": both.dropna().to_numpy().tolist(),
    }


def run_kinds(shop, until: str, default_models) -> dict:
    """Skill and coverage of auto on series of every kind (see the module doc)."""
    from shopinsight.core.forecast import ForecastOptions, SeriesSpec, load_panel
    from shopinsight.core.forecast.pipeline import forecast_panel

    kinds: dict = {}
    skipped = {}
    ranked = shop.query_df("SELECT product_id FROM lines WHERE is_merchandise = 1 AND product_id IS NOT NULL "
                           "AND day <= ? GROUP BY product_id ORDER BY total(amount) DESC LIMIT 340 OFFSET 300",
                           (until,))["product_id"].tolist()
    jobs = [("intermittent_skus_uci_daily_units",
             lambda: load_panel(shop, SeriesSpec(target="units", level="product", freq="D", until=until,
                                                 products=tuple(ranked))), 14),
            ("weekly_multistore_holidays_synthetic", synthetic_weekly_stores, 8),
            ("monthly_trend_synthetic", synthetic_monthly_trend, 6)]
    sm, why = statsmodels_series()
    if why:
        skipped["statsmodels"] = why
    jobs += [(name, (lambda p=p: p), h) for name, p, h in sm]
    for name, make, h in jobs:
        print(f"[kinds] {name}", file=sys.stderr, flush=True)
        panel = make()
        spec = SeriesSpec(level="total" if panel.y.shape[1] == 1 else "store", freq=panel.freq)
        opts = ForecastOptions(horizon=h, windows=6, calibration=2, models=default_models, level=0.8)
        (res, wall, cpu) = _timed(lambda: forecast_panel(panel, spec, opts))
        kinds[name] = {**_kind_figures(res), "horizon": h, "windows": 6, "calibration_windows": 2,
                       "periods": panel.n_periods, "cpu_seconds": cpu,
                       "zero_share": round(float((panel.y == 0).mean()), 3)}
    return {"kinds": kinds, "skipped": skipped}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing shop holding the UCI file (default: import it)")
    ap.add_argument("--until", default="2011-11-30")
    ap.add_argument("--no-deep", action="store_true", help="skip the Keras model")
    ap.add_argument("--no-products", action="store_true", help="skip the per-product protocol")
    ap.add_argument("--product-target", default="net_sales", choices=["net_sales", "units"])
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--no-kinds", action="store_true", help="skip the series of every kind")
    args = ap.parse_args(argv)

    from shopinsight.core.forecast import ForecastOptions, SeriesSpec, run_forecast
    from shopinsight.core.forecast.models.registry import DEFAULT_MODELS

    shop, tmp = open_bench_shop(args.db, prefix="fc_bench_")

    out: dict = {"protocol": {"until": args.until, "total": "D, h=28, 6 windows step 28, +2 calibration",
                              "products": f"top {args.top} by net sales, W, h=8, 4 windows step 8, +2 calibration",
                              "interval_level": 0.8}}
    spec = SeriesSpec(target="net_sales", level="total", freq="D", until=args.until)
    opts = ForecastOptions(horizon=28, windows=6, calibration=2, models=DEFAULT_MODELS, level=0.8)
    res, wall, cpu = _timed(lambda: run_forecast(shop, spec, opts, save=False))
    summ = res.summary_metrics().set_index("model")
    m = res.metrics.set_index("model")
    out["total"] = {
        "models": _models_table(res.summary_metrics()),
        "selected_per_window": "auto",
        "selected_final": res.selected["total"],
        "selected_mase": round(float(summ.loc["auto", "mase"]), 4),
        "seasonal_naive_mase": _mase_of(summ, "seasonal_naive"),
        "skill": round(float(summ.loc["auto", "skill"]), 4),
        "coverage_80": round(float(summ.loc["auto", "coverage"]), 4),
        "coverage_points": int(m.loc["auto", "n_interval"]),
        "seconds_non_deep": wall, "cpu_seconds_non_deep": cpu,
        "model_seconds": {k: round(v, 2) for k, v in res.model_seconds.items()},
        "origins": sorted(res.backtest["origin"].unique().tolist()),
        "calibration_windows": int(res.backtest.loc[res.backtest["calibration"] == 1, "origin"].nunique()),
    }

    if not args.no_deep:
        dopts = ForecastOptions(horizon=28, windows=6, calibration=2, models=("deep",), level=0.8)
        dres, dwall, dcpu = _timed(lambda: run_forecast(shop, spec, dopts, save=False))
        ds = dres.summary_metrics().set_index("model")
        out["deep"] = {"mase": round(float(ds.loc["deep", "mase"]), 4),
                       "skill": round(float(ds.loc["deep", "skill"]), 4),
                       "coverage_80": round(float(ds.loc["deep", "coverage"]), 4),
                       "seconds_including_baselines": dwall, "cpu_seconds": dcpu,
                       "deep_model_seconds": round(dres.model_seconds.get("deep", 0.0), 2),
                       "fits": 9}

    if not args.no_products:
        pspec = SeriesSpec(target=args.product_target, level="product", freq="W", until=args.until,
                           top=args.top)
        popts = ForecastOptions(horizon=8, windows=4, calibration=2, models=DEFAULT_MODELS, level=0.8)
        pres, pwall, pcpu = _timed(lambda: run_forecast(shop, pspec, popts, save=False))
        ps = pres.summary_metrics().set_index("model")
        best_naive = min(NAIVE, key=lambda n: ps.loc[n, "wape"])
        sel_counts = {k: int(v) for k, v in
                      __import__("pandas").Series(pres.selected).value_counts().items()}
        out["products"] = {
            "target": args.product_target, "series": len(pres.selected),
            "models": _models_table(pres.summary_metrics()),
            "best_naive": best_naive, "best_naive_wape": round(float(ps.loc[best_naive, "wape"]), 4),
            "selected_wape": round(float(ps.loc["auto", "wape"]), 4),
            "wape_reduction_vs_best_naive": round(1 - float(ps.loc["auto", "wape"] / ps.loc[best_naive, "wape"]), 4),
            "coverage_80": round(float(ps.loc["auto", "coverage"]), 4),
            "selected_final_counts": sel_counts,
            "origins": sorted(pres.backtest["origin"].unique().tolist()),
            "calibration_windows": int(pres.backtest.loc[pres.backtest["calibration"] == 1,
                                                         "origin"].nunique()),
            "seconds": pwall, "cpu_seconds": pcpu,
            "model_seconds": {k: round(v, 2) for k, v in pres.model_seconds.items()},
        }
    kinds: dict = {}
    kind_total = {**_kind_figures(res), "horizon": 28, "windows": 6, "calibration_windows": 2}
    kinds["daily_retail_uci_total"] = kind_total
    if not args.no_products:
        kinds["weekly_products_uci_top"] = {**_kind_figures(pres), "horizon": 8, "windows": 4}
    if not args.no_kinds:
        more = run_kinds(shop, args.until, DEFAULT_MODELS)
        kinds.update(more["kinds"])
        if more["skipped"]:
            out["skipped"] = more["skipped"]
    by_freq: dict = {}
    for k in kinds.values():
        f = by_freq.setdefault(k["freq"], {"n_covered": 0, "points": 0, "kinds": 0})
        f["n_covered"] += k["n_covered"]
        f["points"] += k["coverage_points"]
        f["kinds"] += 1
    for f in by_freq.values():
        f["coverage_80"] = round(f.pop("n_covered") / max(f["points"], 1), 4)
    pairs = np.array([p for k in kinds.values() for p in k.pop("_mase_pairs")])
    out["kinds"] = kinds
    out["coverage_by_freq"] = by_freq
    out["pooled"] = {
        "skill_mean_over_kinds": round(float(np.mean([k["skill"] for k in kinds.values()])), 4),
        "skill_pooled_series": round(float(1 - pairs[:, 0].sum() / pairs[:, 1].sum()), 4) if len(pairs) else None,
        "series": int(len(pairs)),
        "kinds_with_negative_skill": [n for n, k in kinds.items() if k["skill"] < 0],
        "coverage_80": round(sum(k["n_covered"] for k in kinds.values())
                             / max(sum(k["coverage_points"] for k in kinds.values()), 1), 4)}
    out["note"] = "wall seconds on a shared 2-core machine; CPU seconds are less affected by other load"
    print(json.dumps(out, indent=1))
    if tmp is not None:
        shop.close()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
