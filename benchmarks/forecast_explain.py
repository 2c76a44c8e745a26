"""What "Why this forecast" costs and how exact it is, on a shop built from the UCI file.

For each case (the daily total with the linear model; the top-N products daily with the linear
and the gradient-boosting model; the same weekly) the model is fitted once on the whole history
and :func:`shopinsight.core.forecast.explain.explain_forecasts` splits its forecast.  Reports
the seconds of the fit and of the explanation, and the largest gap between the sum of the
parts and the forecast (absolute and relative to the forecast's mean).

    python benchmarks/forecast_explain.py --db SHOP [--top 50] [--horizon 28]

Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np


def case(shop, level, freq, model, top, horizon):
    from shopinsight.core.forecast import SeriesSpec, load_panel
    from shopinsight.core.forecast.explain import PARTS, explain_forecasts
    from shopinsight.core.forecast.models import create_model

    panel = load_panel(shop, SeriesSpec(level=level, freq=freq, top=top))
    t0 = time.perf_counter()
    est = create_model(model).fit(panel, horizon)
    f = est.predict()
    t1 = time.perf_counter()
    c = explain_forecasts(panel, {model: est}, {model: f}, {s: model for s in panel.series})
    t2 = time.perf_counter()
    total = c[list(PARTS)].sum(axis=1).to_numpy().reshape(len(panel.series), horizon).T
    gap = float(np.abs(total - f).max())
    return {"level": level, "freq": freq, "model": model, "series": len(panel.series), "horizon": horizon,
            "fit_seconds": round(t1 - t0, 2), "explain_seconds": round(t2 - t1, 2),
            "max_gap": gap, "max_gap_relative": gap / max(float(np.abs(f).mean()), 1e-12),
            "approximate": bool(c["approximate"].any()),
            "horizon_totals": {p: round(float(c[p].sum()), 2) for p in PARTS}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--top", type=int, default=50)
    ap.add_argument("--horizon", type=int, default=28)
    args = ap.parse_args()
    from shopinsight.core.store import Shop

    with Shop(args.db) as shop:
        cases = [case(shop, "total", "D", "linear", 1, args.horizon),
                 case(shop, "product", "D", "linear", args.top, args.horizon),
                 case(shop, "product", "D", "gbm", args.top, args.horizon),
                 case(shop, "product", "W", "gbm", args.top, max(1, args.horizon // 7 * 2))]
    print(json.dumps({"cases": cases}, ensure_ascii=False))


if __name__ == "__main__":
    main()
