"""Forecast accuracy on the shared UCI Online Retail file (issue 4 protocol).

Total: daily net sales, horizon 28 days, 6 rolling origins every 28 days with the last
forecast window ending 2011-11-30 (December 2011 is partial and left out), expanding window,
2 extra earlier windows that only calibrate the intervals and the per-window model choice.
Reports MASE (m = 7) per model, the selected ("auto") model's skill = 1 − MASE / seasonal-naive
MASE — "auto" picks at each origin the model with the best MASE on the windows *before* it, so
the figure is out of sample; before two earlier windows exist it uses the fixed prior, the
ensemble — 80 % interval coverage, and wall/CPU seconds (all non-deep models
incl. backtest and final fit; the Keras model alone).

Per product: the top 200 products by net sales up to the cutoff, weekly, 8-week horizon,
4 origins, same end; WAPE of every model and of "auto" (one model for all 200 series, chosen
by WAPE pooled over the series and earlier windows) against the best naive baseline.  A year
of weekly history leaves no room for calibration windows before the first of the 4 origins,
so "calibration_windows" is 0 there and auto uses the prior for the first two windows.

    python benchmarks/forecast_accuracy.py [--db SHOP] [--no-deep] [--product-target units]

Without --db the shared file is imported into a temporary shop first (not timed).  Prints one
JSON object.
"""
from __future__ import annotations

import argparse
import json
import time

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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing shop holding the UCI file (default: import it)")
    ap.add_argument("--until", default="2011-11-30")
    ap.add_argument("--no-deep", action="store_true", help="skip the Keras model")
    ap.add_argument("--no-products", action="store_true", help="skip the per-product protocol")
    ap.add_argument("--product-target", default="net_sales", choices=["net_sales", "units"])
    ap.add_argument("--top", type=int, default=200)
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
        "seasonal_naive_mase": round(float(summ.loc["seasonal_naive", "mase"]), 4),
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
    out["note"] = "wall seconds on a shared 2-core machine; CPU seconds are less affected by other load"
    print(json.dumps(out, indent=1))
    if tmp is not None:
        shop.close()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
