"""Learn the hybrid recommender's default blend weights, once, offline.

    PYTHONPATH=$PWD .venv/bin/python tools/learn_hybrid_weights.py [--db UCI_SHOP] [--cutoff 2011-10-31]

The data are the UCI Online Retail shop's purchases up to ``--cutoff`` (the training part of the
accuracy benchmark's protocol, benchmarks/recommend_accuracy.py: its evaluation period starts the
day after and is never read here).  Every default component is fitted at its default parameters on
the days before the last ``--val-days`` days and the weights that maximise recall@10 on those last
days are searched (:func:`shopinsight.core.recommend.hybrid.learn_weights`).  Prints one JSON object;
copy ``weights`` and ``weights_new`` into ``DEFAULT_WEIGHTS`` / ``DEFAULT_WEIGHTS_NEW`` in
shopinsight/core/recommend/hybrid.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a shop holding the UCI file (default: import it into a temporary shop)")
    ap.add_argument("--cutoff", default="2011-10-31")
    ap.add_argument("--val-days", type=int, default=30)
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args(argv)

    from bench_shop import open_bench_shop

    from shopinsight.core.recommend.hybrid import learn_weights
    from shopinsight.core.recommend.interactions import (build_interactions, load_product_names,
                                                         load_purchases, load_returns, split_by_time)

    shop, tmp = open_bench_shop(args.db, prefix="hybrid_weights_")
    t = time.perf_counter()
    train, _ = split_by_time(load_purchases(shop, returned="keep"), args.cutoff, returns=load_returns(shop))
    X = build_interactions(train, load_product_names(shop), as_of=args.cutoff)
    w, w_new, info = learn_weights(X, val_days=args.val_days, k=args.k)
    print(json.dumps({"train_until": args.cutoff, "validation_days": args.val_days, "k": args.k,
                      "weights": w, "weights_new": w_new, **info,
                      "seconds": round(time.perf_counter() - t, 1)}))
    shop.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
