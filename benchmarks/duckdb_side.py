"""The Overview's queries and the per-product series on DuckDB vs SQLite, on the same shop.

    .venv/bin/python benchmarks/duckdb_side.py SHOP [--work DIR] [--threads N]

DuckDB (``pip install duckdb`` — a benchmark dependency only, the ``bench`` extra) reads a
Parquet copy of ``line_items`` written from the shop in chunks (its SQLite scanner needs a
download this machine cannot make).  The same SQL runs on both: the Overview's order-group scan
of the last 12 months and the 12 before (what KPIs, sales over time, countries and the weekday ×
hour grid are computed from), its top products, and the forecast's top-200 product series
(daily sums over the whole history, which the weekly series are folded from).  Each query runs
twice, the better run counts; wall and CPU seconds (DuckDB's CPU includes its worker threads).
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import time
from pathlib import Path

COLUMNS = ["line_id", "order_id", "ordered_at", "day", "customer_id", "product_id", "quantity", "amount",
           "country", "is_cancellation", "is_merchandise"]

GROUPS = """
SELECT order_id, day, CAST(substr(ordered_at, 12, 2) AS INTEGER) AS hour, customer_id, country,
       is_cancellation, sum(amount) AS amount, sum(quantity) AS units, count(*) AS lines
FROM {t} WHERE is_merchandise = 1 AND day >= ? AND day <= ?
GROUP BY order_id, day, hour, customer_id, country, is_cancellation
"""
TOP = """
SELECT product_id, sum(amount) AS net_sales, sum(quantity) AS units FROM {t}
WHERE is_merchandise = 1 AND day >= ? AND day <= ? AND product_id IS NOT NULL
GROUP BY product_id ORDER BY net_sales DESC, product_id LIMIT 10
"""
TOP200 = """
SELECT product_id FROM {t} WHERE is_merchandise = 1 AND product_id IS NOT NULL
GROUP BY product_id ORDER BY sum(amount) DESC LIMIT 200
"""
SERIES = """
SELECT product_id, day, sum(amount) AS net_sales, sum(quantity) AS units FROM {t}
WHERE is_merchandise = 1 AND product_id IN ({ids}) GROUP BY product_id, day
"""


def _best(fn, repeat: int = 2) -> dict:
    best = None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        n = fn()
        r = {"seconds": round(time.perf_counter() - w, 3), "cpu_seconds": round(time.process_time() - c, 3),
             "rows": n}
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    return best


def to_parquet(db: Path, out: Path, chunk: int = 200_000) -> dict:
    """``line_items`` of the shop as a Parquet file, written ``chunk`` rows at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    w, c = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cur = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM line_items")
    schema = pa.schema([("line_id", pa.int64()), ("order_id", pa.string()), ("ordered_at", pa.string()),
                        ("day", pa.string()), ("customer_id", pa.string()), ("product_id", pa.string()),
                        ("quantity", pa.float64()), ("amount", pa.float64()), ("country", pa.string()),
                        ("is_cancellation", pa.int64()), ("is_merchandise", pa.int64())])
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for rows in iter(lambda: cur.fetchmany(chunk), []):
            cols = list(zip(*rows))
            writer.write_batch(pa.record_batch([pa.array(v, type=f.type) for v, f in zip(cols, schema)],
                                               schema=schema))
    conn.close()
    return {"seconds": round(time.perf_counter() - w, 2), "cpu_seconds": round(time.process_time() - c, 2),
            "mb": round(out.stat().st_size / 2**20, 1)}


def compare(db: Path, work: Path, threads: int = 2) -> dict:
    import duckdb

    work.mkdir(parents=True, exist_ok=True)
    parquet = work / "line_items.parquet"
    out: dict = {"duckdb": duckdb.__version__, "sqlite": sqlite3.sqlite_version, "threads": threads,
                 "parquet_copy": to_parquet(db, parquet)}
    lite = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    duck = duckdb.connect()
    duck.execute(f"SET threads = {int(threads)}")
    duck.execute(f"CREATE VIEW line_items AS SELECT * FROM read_parquet('{parquet}')")
    last = lite.execute("SELECT max(day) FROM line_items").fetchone()[0]
    end = dt.date.fromisoformat(last)
    start = (end - dt.timedelta(days=2 * 365 - 1)).isoformat()     # this year and the one before
    ids = [r[0] for r in lite.execute(TOP200.format(t="line_items"))]
    marks = ", ".join("?" * len(ids))
    queries = {
        "overview_order_groups_24m": (GROUPS, (start, last)),
        "overview_top_products_12m": (TOP, ((end - dt.timedelta(days=364)).isoformat(), last)),
        "top200_product_daily_series": (SERIES.replace("{ids}", marks), tuple(ids)),
    }
    for name, (sql, params) in queries.items():
        q = sql.format(t="line_items")
        s = _best(lambda: len(lite.execute(q.replace("sum(", "total("), params).fetchall()))
        d = _best(lambda: len(duck.execute(q, list(params)).fetchall()))
        out[name] = {"sqlite": s, "duckdb": d, "speedup": round(s["seconds"] / max(d["seconds"], 1e-6), 1)}
    lite.close()
    duck.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shop")
    ap.add_argument("--work", default=None, help="folder for the Parquet copy (default: next to the shop)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    shop = Path(a.shop)
    work = Path(a.work) if a.work else shop.parent / (shop.stem + "_duckdb")
    print(json.dumps(compare(shop, work, a.threads), indent=1))


if __name__ == "__main__":
    sys.exit(main())
