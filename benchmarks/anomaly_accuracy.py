"""Anomaly detection accuracy on the shared UCI Online Retail file with injected problems (issue 13).

The shared file is imported into a shop (or --db gives one), and the self-test's seeded plan picks
problems of five kinds in the last 90 days: price typos (×10 / ×100), quantity spikes (×50 / ×100),
orders entered twice by the same customer 5–120 minutes apart, customers who order and cancel again
and again, and days whose export lost half its lines (the second half of the day, or every other
line).  The plan is written into a copy of the *file* (changed cells, dropped rows, appended rows in
the file's own format) and that file is imported into a fresh shop as a normal export would be.
``anomalies --level all`` then ranks the whole year; the script prints one JSON object: per kind
the share found in the top 100, the precision of the top 40 (counting only items that belong to an
injected problem: the line, its order, the repeated order, the customer, the day), seconds of the
run, and the best-ranked items that were not injected (the file's own oddities).

    python benchmarks/anomaly_accuracy.py [--db SHOP] [--seed 0] [--models rules,iforest]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench_shop import DATA, open_bench_shop  # also puts the repo on sys.path


def _uci_time(ts: str) -> str:
    import pandas as pd
    t = pd.Timestamp(ts)
    return f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}"


def write_injected_file(shop, plan, out: Path) -> int:
    """The shared file with the plan applied, written as the same kind of CSV; returns rows written."""
    import pandas as pd

    df = pd.read_csv(DATA, dtype=str, keep_default_na=False, encoding="utf-8")
    ids = [inj.update["line_id"] for inj in plan if inj.update] + [x for inj in plan for x in inj.delete]
    rows = dict(shop.conn.execute(
        f"SELECT line_id, source_row FROM line_items WHERE line_id IN ({','.join('?' * len(ids))})", ids).fetchall())
    drop = []
    for inj in plan:
        if inj.update:
            i = rows[inj.update["line_id"]] - 2       # source_row is the file line (the header is line 1)
            if "unit_price" in inj.update:
                df.iat[i, df.columns.get_loc("UnitPrice")] = f"{inj.update['unit_price']:g}"
            if "quantity" in inj.update:
                df.iat[i, df.columns.get_loc("Quantity")] = str(int(inj.update["quantity"]))
        drop += [rows[x] - 2 for x in inj.delete]
    df = df.drop(index=drop)
    add = [{"InvoiceNo": r["order_id"], "StockCode": r["product_id"], "Description": r["product_name"] or "",
            "Quantity": str(int(r["quantity"])), "InvoiceDate": _uci_time(r["ordered_at"]),
            "UnitPrice": f"{r['unit_price']:g}", "CustomerID": r["customer_id"] or "", "Country": r["country"] or ""}
           for inj in plan for r in inj.add]
    df = pd.concat([df, pd.DataFrame(add, columns=df.columns)], ignore_index=True)
    df.to_csv(out, index=False, encoding="utf-8", lineterminator="\r\n")
    return len(df)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing shop holding the UCI file (default: import it)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--precision-at", type=int, default=40)
    ap.add_argument("--models", default="rules,iforest", help="scorers, e.g. rules,iforest,autoencoder")
    args = ap.parse_args(argv)

    from shopinsight.core.anomalies import AnomalyOptions, reasons_text, run_anomalies
    from shopinsight.core.anomalies.selftest import plan_injections, score_plan
    from shopinsight.core.importer import import_files
    from shopinsight.core.store import Shop

    base, tmp = open_bench_shop(args.db, prefix="bench_anom_")
    work = tempfile.TemporaryDirectory(prefix="bench_anom_b_")
    try:
        plan = plan_injections(base, seed=args.seed)
        csv = Path(work.name) / "online_retail_injected.csv"
        write_injected_file(base, plan, csv)
        base.close()
        shop = Shop(Path(work.name) / "injected.shop")
        import_files(shop, [csv])
        t0 = time.perf_counter()
        opts = AnomalyOptions(level="all", top=args.top, models=tuple(m for m in args.models.split(",") if m))
        res = run_anomalies(shop, opts, save=False, use_reviews=False)
        seconds = time.perf_counter() - t0
        sc = score_plan(plan, res.items, top=args.top, precision_at=args.precision_at)
        items = res.items.to_dict("records")
        real = [{"rank": int(it["rank"]), "level": it["level"], "key": it["key"], "score": round(float(it["score"]), 3),
                 "reasons": reasons_text(json.loads(it["reasons_json"]))}
                for it in items[:args.top] if not any(inj.matches(it) for inj in plan)][:15]
        out = {"file": str(DATA.name), "seed": args.seed, "models": list(res.options.models), "injected": sc["injected"],
               "kinds": {k: v for k, v in sc["per_kind"].items()},
               "share_found_top100": sc["share_found"], "precision_top40": sc["precision"],
               "seconds": round(seconds, 2), "level_seconds": res.level_seconds, "flagged": res.counts,
               "targets": {"share_found_top100>=0.8": (sc["share_found"] or 0) >= 0.8,
                           "precision_top40>=0.6": (sc["precision"] or 0) >= 0.6, "seconds<=20": seconds <= 20},
               "top_not_injected": real}
        shop.close()
        print(json.dumps(out, ensure_ascii=False))
    finally:
        work.cleanup()
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
