"""Customer purchase-probability accuracy on the shared UCI Online Retail file (issue 6 protocol).

Cutoff 2011-09-09, horizon 90 days: every customer with at least one purchase (non-cancelled
merchandise order) up to the cutoff is scored from data up to the cutoff only; the label is
whether they made a purchase in the 90 days after it.  Models train on earlier cutoffs only
(the latest training cutoff is 2011-06-11, whose label window ends on the test cutoff); the chosen
model is picked and calibrated on that latest training cutoff, never on the test window.
Prints one JSON object: ROC AUC, PR AUC, Brier (and the base rate's Brier), top-decile lift,
accuracy/precision/recall/F1 at 0.5 and seconds per model; the expected-value MAE against the
naive "same as the last 90 days"; and the issue's targets checked.

    python benchmarks/customer_accuracy.py [--db SHOP] [--models recency,logreg_rfm,...]

Without --db the shared file is imported into a temporary shop first (not timed).
Seconds are wall time of both fits of a model (validation fit + final fit) and its validation
scoring (cpu_seconds: process CPU time over the same span; TensorFlow uses several threads);
the Keras figure includes importing TensorFlow.  Features, BG/NBD fits and the expected-value model
are shared by all models and reported under "seconds".
"""
from __future__ import annotations

import argparse
import json
import time

from bench_shop import open_bench_shop  # also puts the repo on sys.path

ALL = ["recency", "logreg_rfm", "logreg", "hgb", "bgnbd", "mlp"]
KEYS = ("roc_auc", "pr_auc", "brier", "brier_base_rate", "top_decile_lift", "accuracy", "precision",
        "recall", "f1", "mean_probability")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing shop holding the UCI file (default: import it)")
    ap.add_argument("--cutoff", default="2011-09-09")
    ap.add_argument("--horizon", type=int, default=90)
    ap.add_argument("--models", default=",".join(ALL))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    from shopinsight.core.customers import backtest, day_number, load_history

    shop, tmp = open_bench_shop(args.db, prefix="cust_bench_")

    t = time.perf_counter()
    history = load_history(shop)
    load_s = time.perf_counter() - t
    models = args.models.split(",")
    t = time.perf_counter()
    c0 = time.process_time()
    bt = backtest(history, day_number(args.cutoff), args.horizon, models, seed=args.seed)
    total_s, total_cpu = time.perf_counter() - t, time.process_time() - c0
    tr, test, frame = bt["trained"], bt["test"], bt["frame"]
    from shopinsight.core.customers import day_text

    out_models = {}
    for name in tr.models:
        m = {k: round(float(test[name][k]), 4) for k in KEYS}
        m["seconds"] = round(tr.seconds[name], 2)
        m["cpu_seconds"] = round(tr.cpu_seconds[name], 2)
        m["validation_roc_auc"] = round(float(tr.validation.get(name, {}).get("roc_auc", float("nan"))), 4)
        out_models[name] = m
    chosen = tr.chosen
    cal = test["chosen_calibrated"]
    rfm_auc = test["logreg_rfm"]["roc_auc"] if "logreg_rfm" in test else None
    res = {
        "protocol": {"cutoff": args.cutoff, "horizon_days": args.horizon,
                     "customers": int(len(frame)), "buyers": int(frame["label"].sum()),
                     "base_rate": round(float(frame["label"].mean()), 4),
                     "training_cutoffs": [day_text(c) for c in tr.cutoffs],
                     "validation_cutoff": day_text(tr.cutoffs[-1])},
        "models": out_models,
        "chosen": {"model": chosen, "roc_auc": round(float(test[chosen]["roc_auc"]), 4),
                   "brier_raw": round(float(test[chosen]["brier"]), 4),
                   "brier_calibrated": round(float(cal["brier"]), 4),
                   "brier_base_rate": round(float(cal["brier_base_rate"]), 4),
                   "mean_probability_calibrated": round(float(cal["mean_probability"]), 4)},
        "expected_value": {k: round(float(v), 2) for k, v in bt["value"].items()},
        "targets": {
            "chosen_auc_ge_0.80": bool(test[chosen]["roc_auc"] >= 0.80),
            "chosen_auc_minus_logreg_rfm": round(float(test[chosen]["roc_auc"] - rfm_auc), 4)
            if rfm_auc is not None else None,
            "chosen_beats_logreg_rfm_by_0.04": bool(rfm_auc is not None and test[chosen]["roc_auc"] - rfm_auc >= 0.04),
            "brier_better_than_base_rate": bool(cal["brier"] < cal["brier_base_rate"]),
            "non_deep_le_15s": bool(all(tr.seconds[n] <= 15 for n in tr.models if n != "mlp")),
            "mlp_le_60s": bool(tr.seconds["mlp"] <= 60) if "mlp" in tr.seconds else None,
        },
        "seconds": {"load": round(load_s, 2), "backtest_wall": round(total_s, 2),
                    "backtest_cpu": round(total_cpu, 2)},
        "note": "timings measured on a shared 2-core machine; noisy",
    }
    print(json.dumps(res, indent=1))
    shop.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
