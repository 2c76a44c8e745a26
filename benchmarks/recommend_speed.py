"""Speed and memory of the default `shopinsight recommend` (issues 15 and 16).

Runs ``shopinsight recommend --db SHOP --json`` — no options: the default hybrid, every customer, top 10 with
reasons, the run stored — in a child process on a copy of the shop, as a user would, and prints one JSON
object: wall seconds, CPU seconds (user + system) and the child's peak resident memory (ru_maxrss), plus
the machine's load average before the run (the machine is shared: wall time under load is not the
machine's speed; CPU seconds are steadier).

    python benchmarks/recommend_speed.py [--db SHOP] [--repeat 1]
    python benchmarks/recommend_speed.py --db SHOP --replicate 10

``--replicate N`` measures the default recommendation on N times the shop's customers instead: the purchases
are read from the shop once and copied N times with new customer and order ids (each copy its own
customers, as a shop ten times the size would have), then the same core calls as the default run (interactions,
the default hybrid's fit, top 10 for every customer with reasons) run in a child process; nothing is stored.

Without --db the shared UCI file is imported into a temporary shop first (not timed).
Targets: UCI shop ≤ 15 s and ≤ 600 MB peak RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_shop import REPO, open_bench_shop


def run_once(shop: Path, extra: list[str]) -> dict:
    cmd = [sys.executable, "-c", "import sys; from shopinsight.cli import main; sys.exit(main(sys.argv[1:]))",
           "recommend", "--db", str(shop), "--json", *extra]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)          # this child's own rusage (peak RSS, CPU)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    res = json.loads(out.decode("utf-8"))
    return {"seconds": round(wall, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit_code": proc.returncode,
            "customers": res.get("customers"), "rows": res.get("rows"), "model": res.get("model"),
            "params": res.get("params"), "run_seconds": res.get("seconds")}


def replicate_child(db: str, n: int) -> None:
    """The default run's core calls on ``n`` copies of the shop's customers (see the docstring)."""
    import numpy as np
    import pandas as pd

    from shopinsight.core.recommend.explain import explain_recommendations
    from shopinsight.core.recommend.interactions import (build_interactions, load_product_names,
                                                         load_purchases, load_returns, split_by_time)
    from shopinsight.core.recommend.registry import make_model
    from shopinsight.core.store import Shop

    shop = Shop(db, readonly=True)
    p, r, names = load_purchases(shop, returned="keep"), load_returns(shop), load_product_names(shop)
    shop.close()

    def copies(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
        out = pd.concat([df] * n, ignore_index=True)
        for c in cols:                       # one new string per distinct id and copy, as the loader makes
            codes, uniq = pd.factorize(df[c])
            uniq = np.asarray(uniq, dtype=object)
            vals = np.empty(len(out), dtype=object)
            for i in range(n):
                new = np.array([f"{u}~{i}" for u in uniq], dtype=object)
                part = np.empty(len(codes), dtype=object)
                part[codes >= 0] = new[codes[codes >= 0]]
                part[codes < 0] = None
                vals[i * len(df):(i + 1) * len(df)] = part
            out[c] = vals
        return out

    p, r = copies(p, ["customer_id", "order_id"]), copies(r, ["customer_id"])
    train, _ = split_by_time(p, str(p["day"].max()), returns=r)
    del p, r
    X = build_interactions(train, names)
    del train
    model = make_model("hybrid").fit(X)
    recs = model.recommend(X.customer_ids, n=10)
    recs["reason"] = explain_recommendations(model, recs)
    print(json.dumps({"customers": int(X.n_customers), "products": int(X.n_products),
                      "events": int(len(X.events)), "rows": int(len(recs)),
                      "chunk_rows": int(model.chunk_size())}))


def run_replicate(db: str, n: int) -> dict:
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import recommend_speed as b; "
            "b.replicate_child(sys.argv[2], int(sys.argv[3]))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(Path(__file__).parent), db, str(n)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    return {"replicate": n, "seconds": round(time.perf_counter() - t, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit_code": os.waitstatus_to_exitcode(status),
            **(json.loads(out.decode("utf-8")) if out.strip() else {})}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a shop holding the UCI file (copied first; default: import it)")
    ap.add_argument("--repeat", type=int, default=1, help="runs (each on a fresh copy); the best is reported")
    ap.add_argument("--args", default="", help="extra recommend arguments, e.g. '--exclude-purchased'")
    ap.add_argument("--replicate", type=int, default=0, metavar="N",
                    help="measure the default run's core calls on N copies of the shop's customers")
    args = ap.parse_args(argv)

    if args.replicate:
        if not args.db:
            ap.error("--replicate needs --db")
        load = os.getloadavg()[0]
        res = run_replicate(args.db, args.replicate)
        print(json.dumps({**res, "load_average": round(load, 2), "cpus": os.cpu_count(),
                          "targets": {"peak_rss_le_1500mb": res["peak_rss_mb"] <= 1500}}))
        return 0

    with tempfile.TemporaryDirectory(prefix="rec_speed_") as tmp:
        if args.db:
            src = Path(args.db)
        else:
            shop, tmp_shop = open_bench_shop(None, prefix="rec_speed_shop_")
            shop.close()
            src = Path(tmp_shop.name) / "uci.shop"
        runs = []
        for i in range(max(1, args.repeat)):
            copy = Path(tmp) / f"run{i}.shop"
            shutil.copyfile(src, copy)
            load = os.getloadavg()[0]
            runs.append({**run_once(copy, args.args.split()), "load_average": round(load, 2)})
            copy.unlink()
    best = min(runs, key=lambda r: r["seconds"])
    print(json.dumps({"command": "shopinsight recommend --db SHOP --json " + args.args, "cpus": os.cpu_count(),
                      **best, "runs": runs,
                      "targets": {"seconds_le_15": best["seconds"] <= 15, "peak_rss_le_600mb": best["peak_rss_mb"] <= 600}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
