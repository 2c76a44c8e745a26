"""Self-test on the shop's own data: inject known problems into a copy of recent history.

:func:`plan_injections` picks (seeded) lines, orders and days of the shop's recent history and
describes the problems to inject: price typos (×10 / ×100), quantity spikes (×50 / ×100), an
order repeated by the same customer minutes later, customers who order and cancel again and
again, and days whose export lost half its lines.  :func:`apply_to_shop` writes them into a
*copy* of the shop (the shop itself is never touched); ``benchmarks/anomaly_accuracy.py`` writes
the same plan into an export file instead and imports it as a normal export.  :func:`score_plan`
tells, per kind, how many were found in the top N of a run.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from .. import fmt
from ..i18n import N_, _
from ..schema import add_import, insert_line_items
from ..store import now_iso
from ..tasks import as_reporter

__all__ = ["KINDS", "Injection", "plan_injections", "apply_to_shop", "score_plan", "run_self_test",
           "SelfTestResult", "SELFTEST_KIND", "load_self_test"]

KINDS = ("price_typo", "quantity_spike", "repeated_order", "cancel_customer", "lost_lines_day")
KIND_LABELS = {"price_typo": N_("price typos"), "quantity_spike": N_("quantity spikes"),
               "repeated_order": N_("repeated orders"), "cancel_customer": N_("order-and-cancel customers"),
               "lost_lines_day": N_("days with lost lines")}
DEFAULT_COUNTS = {"price_typo": 12, "quantity_spike": 10, "repeated_order": 8, "cancel_customer": 5,
                  "lost_lines_day": 5}
SELFTEST_KIND = "anomalies-selftest"
_COLS = ["order_id", "ordered_at", "customer_id", "product_id", "product_name", "quantity", "unit_price",
         "country", "is_cancellation", "is_merchandise", "line_kind"]


@dataclass
class Injection:
    """One injected problem: what changes in the data and how to recognise it in a result."""

    kind: str
    update: Optional[dict] = None          # {"line_id", "quantity"?, "unit_price"?}
    add: list = field(default_factory=list)          # new lines (dicts of _COLS)
    delete: list = field(default_factory=list)       # line ids
    order_ids: tuple = ()                  # items with these order ids (lines or orders) match
    product_id: Optional[str] = None       # … and, for line items, this product
    customer_id: Optional[str] = None      # customer items of this id match
    day: Optional[str] = None              # day items of this day match

    def matches(self, item: dict) -> bool:
        lv = item.get("level")
        if self.kind == "cancel_customer":
            return lv == "customers" and str(item.get("customer_id")) == self.customer_id
        if self.kind == "lost_lines_day":
            return lv == "days" and item.get("day") == self.day
        oid = str(item.get("order_id"))
        if lv == "orders":
            return oid in self.order_ids
        if lv == "lines":
            return oid in self.order_ids and (self.product_id is None or item.get("product_id") == self.product_id)
        return False


def plan_injections(shop, seed: int = 0, counts: Optional[dict] = None, recent_days: int = 90) -> list[Injection]:
    """Choose the problems to inject into the last ``recent_days`` of the shop (seeded)."""
    rng = np.random.default_rng(seed)
    counts = {**DEFAULT_COUNTS, **(counts or {})}
    last = shop.scalar("SELECT max(day) FROM line_items")
    if last is None:
        return []
    start = (pd.Timestamp(last) - pd.Timedelta(days=recent_days)).strftime("%Y-%m-%d")
    lines = shop.query_df(
        """SELECT l.line_id, l.order_id, l.ordered_at, l.day, l.customer_id, l.product_id, l.product_name,
                  l.quantity, l.unit_price, l.country
           FROM line_items l JOIN products p ON p.product_id = l.product_id
           WHERE l.day >= ? AND l.is_merchandise = 1 AND l.is_cancellation = 0 AND l.customer_id IS NOT NULL
             AND l.quantity BETWEEN 1 AND 24 AND l.unit_price >= 0.5 AND p.lines >= 30""", (start,))
    out: list[Injection] = []
    if lines.empty:
        return out
    used_orders: set = set()
    taken = rng.permutation(len(lines))
    pos = 0

    def next_line():
        nonlocal pos
        while pos < len(taken):
            r = lines.iloc[taken[pos]]
            pos += 1
            if r.order_id not in used_orders:
                used_orders.add(r.order_id)
                return r
        return None

    for i in range(counts["price_typo"]):
        r = next_line()
        if r is None:
            break
        f = [10.0, 100.0][i % 2]
        out.append(Injection("price_typo", update={"line_id": int(r.line_id), "unit_price": round(r.unit_price * f, 2)},
                             order_ids=(str(r.order_id),), product_id=r.product_id))
    for i in range(counts["quantity_spike"]):
        r = next_line()
        if r is None:
            break
        f = [100, 50][i % 2]
        out.append(Injection("quantity_spike", update={"line_id": int(r.line_id), "quantity": float(r.quantity * f)},
                             order_ids=(str(r.order_id),), product_id=r.product_id))
    # repeated orders: an order of 3–30 lines entered again 5–120 minutes later under a new number
    orders = lines.groupby("order_id").size()
    cand = [o for o in orders[(orders >= 3) & (orders <= 30)].index if o not in used_orders]
    rng.shuffle(cand)
    new_no = 900001
    for o in cand[:counts["repeated_order"]]:
        used_orders.add(o)
        src = shop.query_df(f"SELECT {', '.join(_COLS)} FROM line_items WHERE order_id = ? AND is_cancellation = 0",
                            (o,))
        t = pd.Timestamp(src["ordered_at"].iloc[0]) + pd.Timedelta(minutes=int(rng.integers(5, 121)))
        new = src.assign(order_id=str(new_no), ordered_at=t.strftime("%Y-%m-%d %H:%M:%S"))
        out.append(Injection("repeated_order", add=new.to_dict("records"), order_ids=(str(new_no),)))
        new_no += 1
    # customers who order and cancel again and again (new customer ids)
    prods = lines.drop_duplicates("product_id")[["product_id", "product_name", "unit_price"]].reset_index(drop=True)
    days = sorted(lines["day"].unique())
    country = lines["country"].mode().iloc[0] if lines["country"].notna().any() else None
    for c in range(counts["cancel_customer"]):
        cid = str(99001 + c)
        add, oids = [], []
        n_orders = int(rng.integers(6, 10))
        for k in range(n_orders):
            day = days[int(rng.integers(0, len(days)))]
            t = pd.Timestamp(day) + pd.Timedelta(hours=int(rng.integers(9, 16)), minutes=int(rng.integers(0, 60)))
            pick = prods.iloc[rng.choice(len(prods), size=int(rng.integers(2, 7)), replace=False)]
            qty = rng.integers(2, 13, size=len(pick)).astype(float) * 2
            order = str(new_no)
            new_no += 1
            oids.append(order)
            for (_, p), q in zip(pick.iterrows(), qty):
                add.append({"order_id": order, "ordered_at": t.strftime("%Y-%m-%d %H:%M:%S"), "customer_id": cid,
                            "product_id": p.product_id, "product_name": p.product_name, "quantity": q,
                            "unit_price": float(p.unit_price), "country": country, "is_cancellation": 0,
                            "is_merchandise": 1, "line_kind": "sale"})
            if k < n_orders - 1:            # all but the last are cancelled 10–90 minutes later
                tc = t + pd.Timedelta(minutes=int(rng.integers(10, 91)))
                for (_, p), q in zip(pick.iterrows(), qty):
                    add.append({"order_id": "C" + order, "ordered_at": tc.strftime("%Y-%m-%d %H:%M:%S"),
                                "customer_id": cid, "product_id": p.product_id, "product_name": p.product_name,
                                "quantity": -q, "unit_price": float(p.unit_price), "country": country,
                                "is_cancellation": 1, "is_merchandise": 1, "line_kind": "cancellation"})
        out.append(Injection("cancel_customer", add=add, customer_id=cid, order_ids=tuple(oids)))
    # days whose export lost half its lines: alternately the second half of the day (a cut-off
    # export) and every other line (lost at random)
    busy = shop.query_df("SELECT day, count(*) AS n FROM line_items WHERE day >= ? AND day < ? GROUP BY day "
                         "HAVING n >= 20", (start, last))
    busy = busy[busy["n"] >= busy["n"].median()] if len(busy) else busy      # ordinary or busy days
    pool = list(busy["day"])
    rng.shuffle(pool)
    for j, day in enumerate(sorted(pool[:counts["lost_lines_day"]])):
        ids = shop.query_df("SELECT line_id FROM line_items WHERE day = ? ORDER BY ordered_at, line_id",
                            (day,))["line_id"].to_numpy()
        half = len(ids) // 2
        lost = ids[half:] if j % 2 == 0 else rng.choice(ids, size=half, replace=False)
        out.append(Injection("lost_lines_day", delete=[int(x) for x in lost], day=day))
    return out


def apply_to_shop(shop, plan: list[Injection]) -> None:
    """Write the plan into ``shop`` (a copy!) in one transaction."""
    with shop.transaction() as c:
        imp = add_import(c, file_name="self-test injections", started_at=now_iso())
        hash_base = 1 << 60
        n = 0
        for inj in plan:
            if inj.update:
                u = dict(inj.update)
                lid = u.pop("line_id")
                for col, v in u.items():
                    c.execute(f"UPDATE line_items SET {col} = ?, amount = quantity * unit_price WHERE line_id = ?",
                              (v, lid))
                c.execute("UPDATE line_items SET amount = quantity * unit_price WHERE line_id = ?", (lid,))
            for row in inj.add:
                n += 1
                canc = int(row["is_cancellation"])
                insert_line_items(c, [(
                    imp, n, row["order_id"], row["ordered_at"], row["ordered_at"][:10], row["customer_id"],
                     row["product_id"], row["product_name"], row["quantity"], row["unit_price"],
                     row["quantity"] * row["unit_price"], row["country"], canc, int(row["is_merchandise"]),
                     row["line_kind"], hash_base + n, 0)])
            if inj.delete:
                c.executemany("DELETE FROM line_items WHERE line_id = ?", [(x,) for x in inj.delete])
        shop.refresh_dimensions()


def score_plan(plan: list[Injection], items: pd.DataFrame, top: int = 100, precision_at: int = 40) -> dict:
    """Per kind: injected, found in the top ``top``; and the precision of the top ``precision_at``
    counting only items that belong to an injected problem."""
    recs = items.head(max(top, precision_at)).to_dict("records")
    per = {k: {"injected": 0, "found": 0} for k in KINDS}
    for inj in plan:
        per[inj.kind]["injected"] += 1
        if any(inj.matches(it) for it in recs[:top]):
            per[inj.kind]["found"] += 1
    hits = sum(1 for it in recs[:precision_at] if any(inj.matches(it) for inj in plan))
    for v in per.values():
        v["share"] = round(v["found"] / v["injected"], 3) if v["injected"] else None
    total = sum(v["injected"] for v in per.values())
    found = sum(v["found"] for v in per.values())
    return {"per_kind": per, "injected": total, "found": found, "share_found": round(found / total, 3) if total else None,
            "top": top, "precision_at": precision_at,
            "precision": round(hits / min(precision_at, len(recs)), 3) if recs else None}


@dataclass
class SelfTestResult:
    """What the self-test found, per kind (``per_kind[kind] = {injected, found, share}``)."""

    per_kind: dict
    injected: int
    found: int
    top: int
    precision: Optional[float]
    seconds: float
    seed: int
    run_id: Optional[int] = None
    created_at: Optional[str] = None

    def sentence(self) -> str:
        """"on your data, ShopInsight finds 9 of 10 price typos, and 7 of 10 repeated orders …", in the
        current language (the CLI, the stored run's summary and the Anomalies tab say this)."""
        from babel.lists import format_list

        parts = [_("{found} of {injected} {kind}").format(found=fmt.integer(v["found"]), injected=fmt.integer(
            v["injected"]), kind=_(KIND_LABELS.get(k, k))) for k, v in self.per_kind.items() if v["injected"]]
        if not parts:
            return _("the shop has too little recent history for a self-test")
        return _("on your data, ShopInsight finds {found} (in the top {top})").format(
            found=format_list(parts, locale=fmt.babel_locale()), top=fmt.integer(self.top))

    def to_dict(self) -> dict:
        return {"run_id": self.run_id, "per_kind": self.per_kind, "injected": self.injected, "found": self.found,
                "top": self.top, "precision": self.precision, "seconds": round(self.seconds, 2), "seed": self.seed,
                "summary": self.sentence()}


def run_self_test(shop, seed: int = 0, top: int = 100, counts: Optional[dict] = None, recent_days: int = 90, *,
                  save: bool = True,
                  progress=None, should_stop=None) -> SelfTestResult:
    """Copy the shop, inject the plan into the copy, run every level and count what was found.
    The shop itself only receives the stored result (kind ``anomalies-selftest``)."""
    from .pipeline import AnomalyOptions, run_anomalies
    from ..store import Shop

    t0 = time.perf_counter()
    rep = as_reporter(progress, should_stop)
    rep(0.0, _("copying the shop"))
    tmp = tempfile.mkdtemp(prefix="shopinsight-selftest-")
    try:
        copy_path = Path(tmp) / "copy.shop"
        dst = sqlite3.connect(copy_path)
        shop.conn.backup(dst)
        dst.close()
        with Shop(copy_path) as copy:
            rep(0.1, _("injecting problems"))
            plan = plan_injections(copy, seed=seed, counts=counts, recent_days=recent_days)
            apply_to_shop(copy, plan)
            last = copy.scalar("SELECT max(day) FROM line_items")
            since = (pd.Timestamp(last) - pd.Timedelta(days=recent_days)).strftime("%Y-%m-%d") if last else None
            res = run_anomalies(copy, AnomalyOptions(level="all", top=top, since=since), save=False,
                                use_reviews=False, progress=rep.sub(0.15, 0.95))
        sc = score_plan(plan, res.items, top=top)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = SelfTestResult(per_kind=sc["per_kind"], injected=sc["injected"], found=sc["found"], top=top,
                            precision=sc["precision"], seconds=time.perf_counter() - t0, seed=seed)
    rep.check()
    if save:
        result.run_id = shop.save_run(SELFTEST_KIND, params={"seed": seed, "top": top},
                                      metrics=result.to_dict(), tables={}, seconds=result.seconds,
                                      summary=result.sentence(), reporter=rep)
    rep(1.0, _("done"))
    return result


def load_self_test(shop) -> Optional[SelfTestResult]:
    """The newest stored self-test result, or None."""
    run = shop.load_run(kind=SELFTEST_KIND)
    if run is None:
        return None
    m = run.metrics
    return SelfTestResult(per_kind=m.get("per_kind", {}), injected=m.get("injected", 0), found=m.get("found", 0),
                          top=m.get("top", 100), precision=m.get("precision"), seconds=m.get("seconds", 0.0),
                          seed=m.get("seed", 0), run_id=run.run_id, created_at=run.created_at)
