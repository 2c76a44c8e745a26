"""Features and robust rules per level: lines, orders, days, customers.

Each ``*_items`` function reads the store with SQL that aggregates (per product and price, per
order, per day, per customer), never pulling every line into memory, and returns one row per
candidate item with:

* ids (``line_id, order_id, day, customer_id, product_id``), ``when`` and ``what``;
* ``reasons``: a list of reason dicts (``code``, ``z`` and the facts), strongest first;
* ``f_*`` columns: the signed robust z of each feature (the Isolation Forest's input).

No look-ahead: reference statistics use data up to ``until`` only, and the expected value of a
day, a repeated order and a customer's change of basket use only what came before them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_, Labels, _
from ..schema import insert_rows
from ..store import interruptible
from .stats import robust_location_scale, robust_z, weighted_quantile
from .. import fmt

__all__ = ["line_items", "order_items", "day_items", "week_items", "customer_items", "LEVELS"]

LEVELS = ("lines", "orders", "days", "customers")
#: how a level is named inside progress texts ("looking at {level}")
LEVEL_NAMES = Labels({"lines": N_("lines"), "orders": N_("orders"), "days": N_("daily totals"), "customers": N_("customers")})
K = 3.0                      # a feature is a reason when it is at least K robust SDs out
PRICE_FLOOR = 0.15           # log-price scale floor (products with one price)
QTY_FLOOR = 0.6              # log-quantity scale floor
QTY_Q = 0.95                 # "the most a line usually holds"
QTY_RATIO = 4.0              # a candidate quantity is at least 4× that
QTY_PER_DOUBLING = 3.0
SLIP_Z = 6.0                 # a price that is a power of ten times a price the product sells at (a decimal
                             # point keyed in the wrong place, the commonest price typo) counts 6 SDs more
LINE_FEATURES = ["f_price", "f_qty", "f_qty_customer"]
SALE = "is_merchandise = 1 AND is_cancellation = 0"


def _win(since, until, col="day"):
    cond, params = [], []
    if since:
        cond.append(f"{col} >= ?")
        params.append(since)
    if until:
        cond.append(f"{col} <= ?")
        params.append(until)
    return (" AND ".join(cond) or "1"), params


def _sorted_reasons(reasons: list[dict]) -> list[dict]:
    return sorted(reasons, key=lambda r: -r["z"])


def _frame(rows: list[dict], feature_cols: list[str]) -> pd.DataFrame:
    base = ["key", "level", "when", "line_id", "order_id", "day", "customer_id", "product_id", "what",
            "reasons"]
    if not rows:
        return pd.DataFrame(columns=base + feature_cols)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# lines
# --------------------------------------------------------------------------------------------
def line_items(shop, since, until, rep) -> pd.DataFrame:
    """Lines whose price or quantity is far from the product's (and the customer's) usual."""
    upto, up_params = _win(None, until)
    # one scan of the table for the product statistics (price and quantity per product and channel)
    # and one for the customers'; NOT INDEXED: walking the product or customer index visits the
    # rows in random order and costs three times a plain scan
    with interruptible(shop, rep):
        pq = shop.query_df(
            f"SELECT product_id, customer_id IS NULL AS g, unit_price, quantity, count(*) AS n "
            f"FROM line_items NOT INDEXED WHERE {SALE} AND quantity > 0 AND product_id IS NOT NULL AND {upto} "
            f"GROUP BY product_id, g, unit_price, quantity", up_params)
        rep(0.3, _("product prices"))
        cqty = shop.query_df(
            f"SELECT customer_id, quantity, count(*) AS n FROM line_items NOT INDEXED WHERE {SALE} AND quantity > 0 "
            f"AND customer_id IS NOT NULL AND {upto} GROUP BY customer_id, quantity", up_params)
    prices = pq[pq["unit_price"] > 0].groupby(["product_id", "g", "unit_price"], as_index=False, sort=False)["n"].sum()
    qtys = pq.groupby(["product_id", "quantity"], as_index=False, sort=False)["n"].sum()
    rep(0.6, _("product quantities"))
    prices["v"] = np.log(prices["unit_price"].astype(float))
    qtys["v"] = np.log(qtys["quantity"].astype(float))
    cqty["v"] = np.log(cqty["quantity"].astype(float))
    # usual price per product and channel: guest (no customer) sales often follow another price list
    # than account customers; a channel with fewer than 5 lines uses the product's overall price
    prices["pg"] = prices["product_id"] + "\x1f" + prices["g"].astype(str)
    p_all = robust_location_scale(prices, "product_id", "v", "n", PRICE_FLOOR)
    p_ch = robust_location_scale(prices, "pg", "v", "n", PRICE_FLOOR)
    keys = prices[["product_id", "g", "pg"]].drop_duplicates("pg")
    ch = p_ch.reindex(keys["pg"]).set_axis(keys.index)
    al = p_all.reindex(keys["product_id"]).set_axis(keys.index)
    use = (ch["n"] >= 5).to_numpy()[:, None]
    ps = pd.DataFrame(np.where(use, ch.to_numpy(), al.to_numpy()), columns=ch.columns, index=keys.index)
    ps.index = pd.MultiIndex.from_arrays([keys["product_id"], keys["g"].astype(int)])
    prices["pg_use"] = np.where(prices["pg"].map(p_ch["n"]).fillna(0) >= 5, prices["pg"], prices["product_id"])
    qs = robust_location_scale(qtys, "product_id", "v", "n", QTY_FLOOR)
    cs = robust_location_scale(cqty, "customer_id", "v", "n", QTY_FLOOR)
    ps = ps[ps["n"] >= 5]
    qs = qs[qs["n"] >= 5]
    cs = cs[cs["n"] >= 5]
    # bounds in natural units, so the candidate scan needs no log() in SQL; a candidate price is at
    # least K robust SDs and a factor 2 away, a candidate quantity K SDs and 4× above the usual
    p_lo = np.minimum(np.exp(ps["median"] - K * ps["scale"]), np.exp(ps["median"]) / 2)
    p_hi = np.maximum(np.exp(ps["median"] + K * ps["scale"]), np.exp(ps["median"]) * 2)
    prod = pd.DataFrame({"p_lo": p_lo, "p_hi": p_hi, "p_med": np.exp(ps["median"]), "p_scale": ps["scale"]})
    # quantity: how many doublings above the most a line of this product (and this customer) usually
    # holds (the 95th percentile); wholesale quantities vary too much for a z on the median
    q95 = weighted_quantile(qtys, "product_id", "quantity", "n", QTY_Q).reindex(qs.index)
    q = pd.DataFrame({"q_hi": QTY_RATIO * q95, "q_med": q95, "q_scale": 1.0})
    grid = pd.MultiIndex.from_product([q.index.union(prod.index.get_level_values(0).unique()), [0, 1]],
                                      names=["product_id", "g"])
    prod = prod.reindex(grid).join(q, on="product_id").reset_index()
    c95 = weighted_quantile(cqty, "customer_id", "quantity", "n", QTY_Q).reindex(cs.index)
    cust = pd.DataFrame({"c_hi": QTY_RATIO * c95, "c_med": c95, "c_scale": 1.0})
    c = shop.conn
    c.execute("CREATE TEMP TABLE IF NOT EXISTS _anom_prod (product_id TEXT, g INTEGER, p_lo REAL, p_hi REAL, "
              "p_med REAL, p_scale REAL, q_hi REAL, q_med REAL, q_scale REAL, PRIMARY KEY (product_id, g))")
    c.execute("CREATE TEMP TABLE IF NOT EXISTS _anom_cust (customer_id TEXT PRIMARY KEY, c_hi REAL, "
              "c_med REAL, c_scale REAL)")
    c.execute("DELETE FROM _anom_prod")
    c.execute("DELETE FROM _anom_cust")
    prod = prod[["product_id", "g", "p_lo", "p_hi", "p_med", "p_scale", "q_hi", "q_med", "q_scale"]]
    insert_rows(c, "_anom_prod", list(prod.columns),
                prod.astype(object).where(prod.notna(), None).itertuples(index=False, name=None))
    insert_rows(c, "_anom_cust", ["customer_id", *cust.columns],
                cust.astype(object).where(cust.notna(), None).itertuples(name=None))
    win, params = _win(since, until, "l.day")
    # one scan: the candidates, plus a systematic sample of ordinary lines (every step-th line id) as
    # the Isolation Forest's reference
    n_all = sum(int(n) for n in prices["n"]) if len(prices) else 0
    step = max(1, int(n_all // 4000))
    with interruptible(shop, rep):
        rows = shop.query_df(
            f"""SELECT * FROM (
                  SELECT l.line_id, l.order_id, l.ordered_at, l.day, l.customer_id, l.product_id,
                       l.product_name, l.quantity, l.unit_price, p.p_med, p.p_scale, p.q_med, p.q_scale,
                       cu.c_med, cu.c_scale,
                       ((p.p_med IS NOT NULL AND (l.unit_price <= 0 OR l.unit_price < p.p_lo OR l.unit_price > p.p_hi))
                        OR (p.q_med IS NOT NULL AND l.quantity > p.q_hi AND (cu.c_hi IS NULL OR l.quantity > cu.c_hi)))
                       AS is_cand
                  FROM line_items l JOIN _anom_prod p ON p.product_id = l.product_id AND p.g = (l.customer_id IS NULL)
                  LEFT JOIN _anom_cust cu ON cu.customer_id = l.customer_id
                  WHERE l.is_merchandise = 1 AND l.is_cancellation = 0 AND {win})
                WHERE is_cand OR line_id % ? = 0""", [*params, step])
    cand = rows[rows["is_cand"] == 1].reset_index(drop=True)
    sample = rows[rows["is_cand"] != 1].reset_index(drop=True)
    c.execute("DROP TABLE IF EXISTS _anom_prod")
    c.execute("DROP TABLE IF EXISTS _anom_cust")
    rep(0.9, _("{n} candidate lines").format(n=fmt.integer(len(cand))))
    # how many sale lines of the product carry exactly this price: a price sold at again and again is
    # a price tier (trade vs retail, a promotion), not a typo
    cand["n_at_price"] = _lines_near_price(cand, prices)
    cand["decimal_slip"] = _decimal_slip(cand, prices)
    zp, zq, zc = _line_z(sample)
    ref = np.column_stack([np.nan_to_num(zp, nan=-10.0), np.nan_to_num(zq), np.nan_to_num(zc)])
    return _line_rows(cand), ref


def _lines_near_price(cand: pd.DataFrame, prices: pd.DataFrame) -> np.ndarray:
    """Per candidate: sale lines of its product priced within ±10 % of its price (itself included)."""
    if cand.empty:
        return np.zeros(0)
    cand = cand.assign(g=cand["customer_id"].isna().astype(int))
    cand["pg"] = cand["product_id"] + "\x1f" + cand["g"].astype(str)
    use = dict(zip(prices["pg"], prices["pg_use"]))
    cand["pg_use"] = cand["pg"].map(use).fillna(cand["product_id"])
    ref = pd.concat([prices.assign(key=prices["pg"]), prices.assign(key=prices["product_id"])])
    ref = ref.groupby(["key", "v"], as_index=False)["n"].sum()
    c = cand[["pg_use", "unit_price"]].drop_duplicates().copy()
    c["lc"] = np.log(np.clip(c["unit_price"].astype(float), 1e-9, None))
    m = c.merge(ref, left_on="pg_use", right_on="key", how="left")
    m = m[np.abs(m["v"] - m["lc"]) <= np.log(1.1)]
    near = m.groupby(["pg_use", "unit_price"])["n"].sum()
    idx = pd.MultiIndex.from_arrays([cand["pg_use"], cand["unit_price"]])
    return np.maximum(near.reindex(idx).fillna(1).to_numpy(float), 1.0)


def _decimal_slip(cand: pd.DataFrame, prices: pd.DataFrame) -> np.ndarray:
    """Per candidate: is its price 10, 100 or 1,000 times (or a 10th, 100th, 1,000th of) a price
    the product was sold at on at least two lines?  A decimal point keyed in the wrong place."""
    if cand.empty:
        return np.zeros(0, dtype=bool)
    sold = prices.groupby(["product_id", "unit_price"])["n"].sum()
    sold = {(p, round(float(u), 3)) for (p, u), n in sold.items() if n >= 2}
    out = np.zeros(len(cand), dtype=bool)
    for i, (pid, price) in enumerate(zip(cand["product_id"], cand["unit_price"].astype(float))):
        if price > 0:
            out[i] = any((pid, round(price * f, 3)) in sold for f in (0.1, 0.01, 0.001, 10.0, 100.0, 1000.0))
    return out


def _line_z(df: pd.DataFrame):
    price = df["unit_price"].astype(float).to_numpy()
    qty = df["quantity"].astype(float).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        zp = np.where(price > 0, (np.log(np.where(price > 0, price, 1)) - np.log(df["p_med"].astype(float)))
                      / df["p_scale"].astype(float), np.nan)
        # 3 + QTY_PER_DOUBLING per doubling above the usual maximum: 4× → 9, 16× → 15, 100× → 23 (a
        # 100× quantity weighs about as much as a 100× price)
        lq = np.log2(np.clip(qty, 1e-9, None))
        zq = (3 + QTY_PER_DOUBLING * (lq - np.log2(df["q_med"].astype(float)))).to_numpy()
        zc = (3 + QTY_PER_DOUBLING * (lq - np.log2(df["c_med"].astype(float)))).to_numpy()
    return np.asarray(zp, dtype=float), zq, zc


def _line_rows(cand: pd.DataFrame) -> pd.DataFrame:
    feats = LINE_FEATURES
    if cand.empty:
        return _frame([], feats)
    price = cand["unit_price"].astype(float).to_numpy()
    qty = cand["quantity"].astype(float).to_numpy()
    zp, zq, zc = _line_z(cand)
    n_at = cand["n_at_price"].to_numpy(float)
    p_med = cand["p_med"].astype(float).to_numpy()
    q_med = cand["q_med"].astype(float).to_numpy()
    c_med = cand["c_med"].astype(float).to_numpy()
    nonpos = (price <= 0) & np.isfinite(p_med)
    # a price sold at again and again (within ±10 %) is a price tier, not a typo: damp it
    slip = cand["decimal_slip"].to_numpy(bool) if "decimal_slip" in cand else np.zeros(len(cand), dtype=bool)
    z_price = (np.where(np.isfinite(zp), np.abs(zp), 0.0) + SLIP_Z * slip) * np.minimum(1.0, 2.0 / np.maximum(n_at, 1.0))
    far_price = ~nonpos & (z_price >= K)
    zq0 = np.nan_to_num(zq, nan=0.0)
    both = np.where(np.isfinite(zc), np.minimum(zq0, np.nan_to_num(zc, nan=0.0)), zq0)
    far_qty = (zq0 >= 3 + QTY_PER_DOUBLING * np.log2(QTY_RATIO)) & (both >= 3 + QTY_PER_DOUBLING * np.log2(QTY_RATIO))
    keep = nonpos | far_price | far_qty
    rows = []
    recs = cand.to_dict("records")
    for i in np.flatnonzero(keep):
        r = recs[i]
        reasons = []
        if nonpos[i]:
            reasons.append({"code": "price_nonpositive", "z": 4.0, "price": float(price[i]), "usual": float(p_med[i])})
        elif far_price[i]:
            reasons.append({"code": "price_far", "z": float(z_price[i]), "price": float(price[i]),
                            "usual": float(p_med[i]), "same_price_lines": int(n_at[i]),
                            "decimal_slip": bool(slip[i])})
        if far_qty[i]:
            reasons.append({"code": "qty_product", "z": float(both[i]), "qty": float(qty[i]), "usual": float(q_med[i])})
            if np.isfinite(zc[i]):
                reasons.append({"code": "qty_customer", "z": float(both[i]) * 0.99, "qty": float(qty[i]),
                                "usual": float(c_med[i])})
        rows.append({"key": f"line:{r['line_id']}", "level": "lines", "when": r["ordered_at"],
                     "line_id": int(r["line_id"]), "order_id": r["order_id"], "day": r["day"],
                     "customer_id": r["customer_id"], "product_id": r["product_id"],
                     "what": r["product_name"] or r["product_id"], "reasons": _sorted_reasons(reasons),
                     "f_price": float(zp[i]) if np.isfinite(zp[i]) else -10.0, "f_qty": float(zq0[i]),
                     "f_qty_customer": float(zc[i]) if np.isfinite(zc[i]) else 0.0})
    return _frame(rows, feats)


# --------------------------------------------------------------------------------------------
# orders
# --------------------------------------------------------------------------------------------
def load_orders(shop, until, rep) -> pd.DataFrame:
    """One row per (non-cancellation) order up to ``until``: time, customer, value, lines and a
    content signature (lines, units, value, first/last product) used to spot repeats."""
    upto, params = _win(None, until)
    with interruptible(shop, rep):
        o = shop.query_df(
            f"""SELECT order_id, min(ordered_at) AS at, max(customer_id) AS customer_id,
                       count(*) AS n_lines, total(CASE WHEN is_merchandise = 1 THEN amount END) AS value,
                       total(quantity) AS units, min(product_id) AS p_min, max(product_id) AS p_max,
                       min(day) AS day
                FROM line_items WHERE is_cancellation = 0 AND order_id IS NOT NULL AND {upto}
                GROUP BY order_id""", params)
    o["t"] = pd.to_datetime(o["at"], format="mixed")
    return o.sort_values(["t", "order_id"], kind="stable", ignore_index=True)


def order_items(shop, since, until, rep, orders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Orders with an unusual value, number of lines, hour or weekday, a big first order, or the
    same content as the same customer's order shortly before."""
    o = orders if orders is not None else load_orders(shop, until, rep)
    feats = ["f_value", "f_lines", "f_hour", "f_weekday", "f_first", "f_repeat"]
    if o.empty:
        return _frame([], feats), np.zeros((0, len(feats)))
    rep(0.5, _("orders"))
    value = o["value"].astype(float).to_numpy()
    lv = np.log(np.clip(value, 1.0, None))
    pos = value > 0
    z_val, med_v, _scale = robust_z(lv, lv[pos], floor=0.3)
    ll = np.log(o["n_lines"].astype(float).to_numpy())
    z_lines, med_l, _scale = robust_z(ll, floor=0.3)
    has_time = o["at"].str.len() > 10
    hour = o["t"].dt.hour.to_numpy()
    wd = o["t"].dt.day_of_week.to_numpy()
    hshare = pd.Series(hour[has_time.to_numpy()]).value_counts(normalize=True)
    wshare = pd.Series(wd).value_counts(normalize=True)
    h_sh = np.where(has_time, pd.Series(hour).map(hshare).fillna(0).to_numpy(), 1.0)
    w_sh = pd.Series(wd).map(wshare).fillna(0).to_numpy()
    # rarity as a z: 1% of orders → ~3.3, 0.1% → ~5
    z_hour = np.where(h_sh < 0.01, -np.log10(np.clip(h_sh, 1e-5, 1)) * 1.65, 0.0)
    z_wd = np.where(w_sh < 0.01, -np.log10(np.clip(w_sh, 1e-5, 1)) * 1.65, 0.0)
    # first orders of customers
    known = o["customer_id"].notna().to_numpy()
    first = known & ~o["customer_id"].duplicated(keep="first").to_numpy() & known
    first = known & (o.groupby("customer_id").cumcount().to_numpy() == 0)
    z_first = np.zeros(len(o))
    f_lo = f_hi = np.nan
    if first.sum() >= 20:
        zf, mf, sf = robust_z(lv, lv[first & pos], floor=0.3)
        z_first = np.where(first, zf, 0.0)
        f_lo, f_hi = float(np.exp(mf - sf)), float(np.exp(mf + sf))
    # repeats: same customer, same signature as the customer's previous such order within 48 h
    sig = (o["customer_id"].astype(str) + "|" + o["n_lines"].astype(str) + "|" + o["units"].round(3).astype(str)
           + "|" + o["value"].round(2).astype(str) + "|" + o["p_min"].astype(str) + "|" + o["p_max"].astype(str))
    prev_t = o.groupby(sig)["t"].shift(1)
    prev_id = o.groupby(sig)["order_id"].shift(1)
    gap_min = ((o["t"] - prev_t).dt.total_seconds() / 60).to_numpy()
    rep_ok = known & np.isfinite(gap_min) & (gap_min <= 48 * 60) & (o["n_lines"].to_numpy() >= 2)
    # the more identical lines and the shorter the gap, the less a coincidence it can be
    n_same = np.minimum(o["n_lines"].to_numpy(float), 10.0)
    z_rep = np.where(rep_ok, 9.0 + 0.9 * n_same - 3.0 * np.log10(1 + np.nan_to_num(gap_min)) / np.log10(48 * 60),
                     0.0)

    win = np.ones(len(o), dtype=bool)
    if since:
        win &= (o["day"] >= since).to_numpy()
    if until:
        win &= (o["day"] <= until).to_numpy()
    med_value, med_lines = float(np.exp(med_v)), float(np.exp(med_l))
    rows = []
    sel = np.flatnonzero(win & ((np.abs(z_val) >= 3) & pos | (z_lines >= 3) | (z_hour >= 3) | (z_wd >= 3)
                                | (z_first >= 3) | (z_rep > 0)))
    prev_id = prev_id.to_numpy()
    for i, r in zip(sel, o.iloc[sel].itertuples(index=False)):
        reasons = []
        if pos[i] and z_val[i] >= 3:
            reasons.append({"code": "order_value", "z": float(z_val[i]), "value": float(value[i]), "usual": med_value})
        if z_lines[i] >= 3:
            reasons.append({"code": "order_lines", "z": float(z_lines[i]), "n": int(r.n_lines), "usual": med_lines})
        if z_hour[i] >= 3:
            reasons.append({"code": "order_hour", "z": float(z_hour[i]), "hour": int(hour[i]), "share": float(h_sh[i])})
        if z_wd[i] >= 3:
            reasons.append({"code": "order_weekday", "z": float(z_wd[i]), "weekday": int(wd[i]),
                            "share": float(w_sh[i])})
        if z_first[i] >= 3:
            reasons.append({"code": "first_order", "z": float(z_first[i]), "value": float(value[i]),
                            "lo": f_lo, "hi": f_hi})
        if z_rep[i] > 0:
            reasons.append({"code": "repeated", "z": float(z_rep[i]), "n": int(r.n_lines), "other": str(prev_id[i]),
                            "minutes": float(gap_min[i])})
        if not reasons:
            continue
        rows.append({"key": f"order:{r.order_id}", "level": "orders", "when": r.at, "line_id": None,
                     "order_id": r.order_id, "day": r.day, "customer_id": r.customer_id, "product_id": None,
                     "what": f"{int(r.n_lines)} lines", "reasons": _sorted_reasons(reasons),
                     "f_value": float(z_val[i]), "f_lines": float(z_lines[i]), "f_hour": float(z_hour[i]),
                     "f_weekday": float(z_wd[i]), "f_first": float(z_first[i]), "f_repeat": float(z_rep[i])})
    ref = np.column_stack([z_val, z_lines, z_hour, z_wd, z_first, z_rep])
    return _frame(rows, feats), ref


# --------------------------------------------------------------------------------------------
# days
# --------------------------------------------------------------------------------------------
def load_days(shop, until, rep) -> pd.DataFrame:
    """Per calendar day up to ``until`` (missing days as 0): net sales, orders, lines, refunds and
    the time of the last order (hours)."""
    upto, params = _win(None, until)
    with interruptible(shop, rep):
        d = shop.query_df(
            f"""SELECT day, total(CASE WHEN is_merchandise = 1 THEN amount END) AS net,
                       count(DISTINCT CASE WHEN is_cancellation = 0 THEN order_id END) AS orders,
                       sum(is_cancellation = 0) AS lines,
                       total(CASE WHEN is_cancellation = 1 AND is_merchandise = 1 THEN -amount END) AS refunds,
                       max(CASE WHEN is_cancellation = 0 THEN substr(ordered_at, 12, 5) END) AS last_at
                FROM line_items WHERE {upto} GROUP BY day""", params)
    if d.empty:
        return d
    d["date"] = pd.to_datetime(d["day"])
    full = pd.DataFrame({"date": pd.date_range(d["date"].min(), d["date"].max(), freq="D")})
    d = full.merge(d, on="date", how="left")
    d["day"] = d["date"].dt.strftime("%Y-%m-%d")
    for col in ("net", "orders", "lines", "refunds"):
        d[col] = d[col].fillna(0.0).astype(float)
    hm = d["last_at"].fillna("")
    d["last_h"] = np.where(hm.str.len() == 5, pd.to_numeric(hm.str[:2], errors="coerce")
                           + pd.to_numeric(hm.str[3:5], errors="coerce") / 60, np.nan)
    return d


def _seasonal_expected(values: np.ndarray, open_: np.ndarray, weekday: np.ndarray, weeks: int = 8,
                       min_past: int = 4) -> np.ndarray:
    """For each day: the median of the same weekday's last ``weeks`` open days (past only)."""
    exp = np.full(len(values), np.nan)
    for w in range(7):
        idx = np.flatnonzero((weekday == w) & open_)
        v = values[idx]
        for j in range(len(idx)):
            past = v[max(0, j - weeks):j]
            if len(past) >= min_past:
                exp[idx[j]] = np.median(past)
    return exp


def _calendar(shop):
    """The forecast calendar of the shop's main country (holidays) with the shop's events."""
    from ..forecast.calendar import Calendar, load_events, resolve_country

    country = shop.scalar("SELECT country FROM customers WHERE country IS NOT NULL GROUP BY country "
                          "ORDER BY count(*) DESC LIMIT 1")
    return Calendar(resolve_country(country), load_events(shop))


def _calendar_days(shop, dates: pd.Series) -> np.ndarray:
    """True on the shop country's public holidays, 24 Dec – 2 Jan and the shop's events."""
    try:
        cal = _calendar(shop).daily(dates.min(), dates.max())
        return (cal[["holiday", "christmas", "event"]].sum(axis=1) > 0).reindex(dates).fillna(False).to_numpy()
    except Exception:      # no holidays package or an unknown country: no calendar
        return np.zeros(len(dates), dtype=bool)


def order_size_z(orders: pd.DataFrame, days: pd.Series, min_orders: int = 10,
                 warmup: int = 28) -> tuple[np.ndarray, np.ndarray]:
    """Per day of ``days``: do that day's orders hold fewer lines than their customers' earlier
    orders?  Each order of a customer with at least 3 earlier orders gives log(lines / the
    customer's earlier geometric mean); the day's median of these, against the median of all
    days, in standard errors of a median (1.2533 × robust SD of the orders / √n).  An export that
    lost every other line halves every order: z ≈ −6 on a busy day, where daily totals barely
    move.  Returns ``(z, ratio)``, ratio = how many times the usual share of lines the day's
    orders hold; NaN for days with fewer than ``min_orders`` such orders or in the first
    ``warmup`` days (too little history per customer)."""
    out = np.full(len(days), np.nan)
    none = (out, out.copy())
    o = orders[orders["customer_id"].notna() & (orders["n_lines"] > 0)]
    if o.empty:
        return none
    ln = np.log(o["n_lines"].to_numpy(float))
    g = pd.Series(ln, index=o.index).groupby(o["customer_id"].to_numpy())
    n_prior = g.cumcount().to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        prior = (g.cumsum().to_numpy() - ln) / n_prior
    start = (pd.Timestamp(o["day"].min()) + pd.Timedelta(days=warmup)).strftime("%Y-%m-%d")
    ok = (n_prior >= 3) & (o["day"].to_numpy() >= start)
    if ok.sum() < 50:
        return none
    r = pd.Series(ln[ok] - prior[ok])
    s_ind = 1.4826 * float(np.median(np.abs(r - r.median())))
    per = r.groupby(o["day"].to_numpy()[ok]).agg(["median", "size"])
    per = per[per["size"] >= min_orders]
    if per.empty or s_ind <= 0:
        return none
    dev = per["median"] - per["median"].median()
    z = dev / (1.2533 * s_ind / np.sqrt(per["size"]))
    return z.reindex(days.to_numpy()).to_numpy(float), np.exp(dev).reindex(days.to_numpy()).to_numpy(float)


def _cut_last_day(shop, d: pd.DataFrame, open_: np.ndarray, wd: np.ndarray, weeks: int = 8):
    """Is the shop's last day cut off by the end of the data, and how much of a day does it cover?

    The last day is cut when its last order is more than half an hour earlier than three quarters
    of the last orders of the same weekday's recent ``weeks`` open days (a quiet day that closes a
    little early is a whole day).  Returns ``(partial, cut, covered)``: a mask with
    at most the last day set, the time its data end (hours) and, per column (``net``, ``orders``),
    the share of a typical same-weekday day's figure before that time (the shop's own hour profile
    of those weeks), by which its expected values are scaled."""
    partial = np.zeros(len(d), dtype=bool)
    last = shop.date_range()[1]
    j = np.flatnonzero(d["day"].to_numpy() == last)
    if not len(j):
        return partial, np.nan, {}
    j = int(j[0])
    lh = d["last_h"].to_numpy(float)
    cut = lh[j]
    past = lh[:j][(wd[:j] == wd[j]) & open_[:j]][-weeks:]
    past = past[np.isfinite(past)]
    if np.isfinite(cut) and len(past) and cut >= np.quantile(past, 0.25) - 0.5:
        return partial, cut, {}                       # the day runs as long as its weekday usually does
    partial[j] = True
    at = d["last_at"].iloc[j]
    if not isinstance(at, str) or len(past) == 0:
        return partial, cut, {}
    prof = shop.query_df(
        f"""SELECT substr(ordered_at, 12, 5) < ? AS before, total(amount) AS net,
                   count(DISTINCT order_id) AS orders, count(DISTINCT day) AS days
            FROM line_items WHERE {SALE} AND day >= date(?, ?) AND day < ?
            AND strftime('%w', day) = strftime('%w', ?) GROUP BY before""",
        [at, last, f"-{7 * weeks} day", last, last]).set_index("before")
    n_days = float(prof["days"].max()) if len(prof) else 0.0
    orders = float(prof["orders"].sum()) if len(prof) else 0.0
    covered = {}
    for col in ("net", "orders"):
        tot = float(prof[col].sum()) if len(prof) else 0.0
        # what a typical day holds before the last order's minute, plus that last order itself
        # (the day's data end after it by construction): one typical order's worth
        covered[col] = min(1.0, float(prof[col].get(1, 0.0)) / tot + n_days / orders) if tot > 0 < orders else 1.0
    return partial, cut, covered


def day_items(shop, since, until, rep, days: pd.DataFrame | None = None,
              orders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Days whose sales, orders, lines per order, refunds or closing time are far from what the
    same weekday's recent weeks lead to expect, days whose orders hold fewer lines than their
    customers usually order (``orders`` given), and trading days with no sales at all."""
    d = days if days is not None else load_days(shop, until, rep)
    feats = ["f_sales", "f_orders", "f_lines", "f_refunds", "f_last", "f_zero", "f_order_size"]
    if d is None or d.empty or len(d) < 28:
        return _frame([], feats), np.zeros((0, len(feats)))
    wd = d["date"].dt.day_of_week.to_numpy()
    has = (d["orders"] > 0).to_numpy()
    # a weekday is a trading day when the shop sold on at least half of those weekdays
    trading_wd = {w for w in range(7) if has[wd == w].mean() >= 0.5}
    trading = np.isin(wd, list(trading_wd))
    open_ = has & trading
    # the data's final day may be cut off where the export ends (the UCI file stops at 12:50 on its
    # last day): then its sales and orders are expected only for the hours it covers, its early last
    # order is no drop, and it is no reference for what a day looks like
    partial, cut, covered = _cut_last_day(shop, d, open_, wd)
    out = {}
    for name, col in (("sales", "net"), ("orders", "orders"), ("lines", "lpo"), ("last", "last_h")):
        v = (d["lines"] / d["orders"].replace(0, np.nan)).to_numpy() if col == "lpo" else d[col].to_numpy(float)
        exp = _seasonal_expected(v, open_, wd)
        if col in covered:
            exp = np.where(partial, exp * covered[col], exp)
        if col in ("last_h",):
            resid = v - exp
        else:
            resid = np.log1p(np.clip(v, 0, None)) - np.log1p(np.clip(exp, 0, None))
        ok = open_ & np.isfinite(resid)
        z, _, scale = robust_z(resid, resid[ok & ~partial], floor=0.05)
        out[name] = (v, exp, np.where(ok, z, np.nan), scale)
    # refunds: one-sided, against the typical refunds of open days
    rf = d["refunds"].to_numpy(float)
    lr = np.log1p(rf)
    z_ref, med_r, sc_r = robust_z(lr, lr[open_ & ~partial], floor=0.5)
    hi_ref = float(np.expm1(med_r + 3 * sc_r))
    z_os, ratio_os = order_size_z(orders, d["day"]) if orders is not None else (np.full(len(d), np.nan),) * 2
    # zero days: a trading weekday without sales, with sales within 3 days on both sides
    sold = has.astype(int)
    before = pd.Series(sold).rolling(3, min_periods=1).max().shift(1).fillna(0).to_numpy()
    after = pd.Series(sold[::-1]).rolling(3, min_periods=1).max().shift(1).fillna(0).to_numpy()[::-1]
    zero = trading & ~has & (before > 0) & (after > 0)
    # public holidays, the Christmas break and the shop's own events explain closed or quiet days
    known = _calendar_days(shop, d["date"])
    zero &= ~known

    win = np.ones(len(d), dtype=bool)
    if since:
        win &= (d["day"] >= since).to_numpy()
    if until:
        win &= (d["day"] <= until).to_numpy()
    rows = []
    band = 2.0
    sel = np.flatnonzero(win)
    for i, r in zip(sel, d.iloc[sel].itertuples(index=False)):
        reasons = []
        if zero[i]:
            reasons.append({"code": "day_zero", "z": 8.0, "weekday": int(wd[i])})
        elif open_[i] and not known[i]:
            for name, code in (("sales", "day_sales"), ("orders", "day_orders"), ("lines", "day_lines")):
                v, exp, z, scale = out[name]
                if np.isfinite(z[i]) and (abs(z[i]) >= 3 or z[i] <= -2):
                    lo, hi = np.expm1(np.log1p(exp[i]) - band * scale), np.expm1(np.log1p(exp[i]) + band * scale)
                    rr = {"code": code, "z": float(abs(z[i]) * (1.0 if z[i] < 0 or code != "day_orders" else 0.8)),
                          "weekday": int(wd[i]), "lo": float(lo), "hi": float(hi)}
                    if partial[i]:
                        rr["cut"] = float(cut)
                    rr.update({"n": float(v[i])} if code == "day_orders" else {"value": float(v[i])})
                    reasons.append(rr)
            v, exp, z, scale = out["last"]
            if np.isfinite(z[i]) and z[i] <= -2 and not partial[i]:
                reasons.append({"code": "day_last_order", "z": float(-z[i]), "time": float(v[i]),
                                "lo": float(exp[i] - band * scale), "hi": float(exp[i] + band * scale)})
            if np.isfinite(z_os[i]) and z_os[i] <= -2 and not partial[i]:
                reasons.append({"code": "day_order_size", "z": float(-z_os[i]), "ratio": float(ratio_os[i])})
        # several signals of the same drop (sales, orders, lines per order, order sizes, closing
        # time) add up: the strongest reason carries their Euclidean norm
        drops = [r for r in reasons if r["code"] in ("day_sales", "day_orders", "day_lines", "day_last_order",
                                                     "day_order_size")]
        if len(drops) >= 2:
            top = max(drops, key=lambda r: r["z"])
            top["z"] = float(np.sqrt(sum(r["z"] ** 2 for r in drops)))
        reasons = [r for r in reasons if r["z"] >= 3 or (len(drops) >= 2 and r in drops and
                                                          max(x["z"] for x in drops) >= 3)]
        if z_ref[i] >= 3 and rf[i] > 0:
            reasons.append({"code": "day_refunds", "z": float(z_ref[i]), "value": float(rf[i]), "hi": hi_ref,
                            "weekday": int(wd[i])})
        if not reasons:
            continue
        rows.append({"key": f"day:{r.day}", "level": "days", "when": r.day, "line_id": None, "order_id": None,
                     "day": r.day, "customer_id": None, "product_id": None,
                     "what": f"{int(r.orders)} orders", "reasons": _sorted_reasons(reasons),
                     "f_sales": float(np.nan_to_num(out["sales"][2][i])),
                     "f_orders": float(np.nan_to_num(out["orders"][2][i])),
                     "f_lines": float(np.nan_to_num(out["lines"][2][i])),
                     "f_refunds": float(np.nan_to_num(z_ref[i])),
                     "f_last": float(np.nan_to_num(out["last"][2][i])), "f_zero": 8.0 if zero[i] else 0.0,
                     "f_order_size": float(np.nan_to_num(z_os[i]))})
    ref = np.column_stack([np.nan_to_num(out[k][2]) for k in ("sales", "orders", "lines")]
                          + [np.nan_to_num(z_ref), np.nan_to_num(out["last"][2]), np.where(zero, 8.0, 0.0),
                             np.nan_to_num(z_os)])
    return _frame(rows, feats), ref[(open_ & ~partial) | zero]


# --------------------------------------------------------------------------------------------
# customers
# --------------------------------------------------------------------------------------------
def customer_items(shop, since, until, rep, orders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Customers who cancel far more orders than others, or whose basket value changed suddenly."""
    upto, params = _win(None, until)
    with interruptible(shop, rep):
        cc = shop.query_df(
            f"""SELECT customer_id, count(DISTINCT order_id) AS k, max(day) AS last_cancel
                FROM line_items WHERE is_cancellation = 1 AND customer_id IS NOT NULL AND order_id IS NOT NULL
                AND {upto} GROUP BY customer_id""", params)
        # cancellations that undo the customer's own order of the day before or the same day (same
        # product and quantity): "orders and cancels again and again"
        upto_c, params_c = _win(None, until, "c.day")
        quick = shop.query_df(
            f"""SELECT c.customer_id, count(DISTINCT c.order_id) AS q FROM line_items c
                WHERE c.is_cancellation = 1 AND c.customer_id IS NOT NULL AND {upto_c} AND EXISTS (
                  SELECT 1 FROM line_items s WHERE s.customer_id = c.customer_id AND s.day >= date(c.day, '-1 day')
                    AND s.day <= c.day AND s.is_cancellation = 0 AND s.product_id = c.product_id
                    AND s.quantity = -c.quantity AND s.ordered_at <= c.ordered_at)
                GROUP BY c.customer_id""", params_c)
    o = orders if orders is not None else load_orders(shop, until, rep)
    feats = ["f_cancel", "f_basket", "f_quick"]
    o = o[o["customer_id"].notna()]
    if o.empty:
        return _frame([], feats), np.zeros((0, len(feats)))
    rep(0.5, _("customers"))
    g = o.groupby("customer_id")
    cust = pd.DataFrame({"n": g.size(), "last_day": g["day"].max()})
    cust = cust.join(cc.set_index("customer_id"), how="outer")
    cust["n"] = cust["n"].fillna(0)
    cust["k"] = cust["k"].fillna(0)
    cust["last_day"] = cust[["last_day", "last_cancel"]].max(axis=1)
    # typical share of a customer's orders that were cancelled (customers with at least 3 orders;
    # the original order stays in the data, its cancellation is an order of its own)
    base = cust[cust["n"] >= 3]
    p = float((base["k"] / base["n"]).clip(upper=1).median()) if len(base) else 0.05
    p = min(max(p, 0.02), 0.5)
    tot = cust["n"].clip(lower=cust["k"])
    exp = tot * p
    sd = np.sqrt(tot * p * (1 - p))
    share = (cust["k"] / tot.replace(0, np.nan)).fillna(0).to_numpy()
    # how far the share of cancelled orders is above the typical share, in binomial SDs; a
    # customer needs at least 3 cancelled orders to be raised
    z_c = (share - p) / np.sqrt(p * (1 - p) / np.maximum(tot.to_numpy(float), 1.0))
    z_c = np.where(cust["k"].to_numpy() >= 3, 1.5 * z_c, 0.0)
    lo_c = np.floor(np.clip(exp - sd, 0, None)).to_numpy()
    hi_c = np.ceil(exp + sd).to_numpy()
    # the same for orders cancelled within a day of being placed
    cust["q"] = quick.set_index("customer_id")["q"].reindex(cust.index).fillna(0) if len(quick) else 0.0
    pq = float((cust.loc[base.index, "q"] / base["n"]).clip(upper=1).median()) if len(base) else 0.02
    pq = min(max(pq, 0.02), 0.5)
    share_q = (cust["q"] / tot.replace(0, np.nan)).fillna(0).clip(upper=1).to_numpy()
    z_q = (share_q - pq) / np.sqrt(pq * (1 - pq) / np.maximum(tot.to_numpy(float), 1.0))
    z_q = np.where(cust["q"].to_numpy() >= 3, 1.5 * z_q, 0.0)
    hi_q = np.ceil(tot * pq + np.sqrt(tot * pq * (1 - pq))).to_numpy()
    # basket shift: median of the last 3 orders against the median of the earlier ones (≥ 3)
    ov = o[o["value"] > 0]
    vals = ov.groupby("customer_id")["value"].apply(lambda s: s.to_numpy())
    recent = vals.map(lambda a: np.median(a[-3:]) if len(a) >= 6 else np.nan)
    before = vals.map(lambda a: np.median(a[:-3]) if len(a) >= 6 else np.nan)
    lr = np.log(recent / before)
    z_b_all, _med, _scale = robust_z(lr.to_numpy(), floor=0.3)
    z_b = pd.Series(np.abs(z_b_all), index=lr.index).reindex(cust.index).fillna(0).to_numpy()
    rec = recent.reindex(cust.index).to_numpy()
    bef = before.reindex(cust.index).to_numpy()

    win = np.ones(len(cust), dtype=bool)
    if since:
        win &= (cust["last_day"] >= since).fillna(False).to_numpy()
    rows = []
    for i in np.flatnonzero(win & ((z_c >= 3) | (z_b >= 3) | (z_q >= 3))):
        cid = cust.index[i]
        reasons = []
        if z_c[i] >= 3:
            reasons.append({"code": "cust_cancel", "z": float(z_c[i]), "k": int(cust["k"].iloc[i]),
                            "n": int(tot.iloc[i]), "lo": float(lo_c[i]), "hi": float(hi_c[i])})
        if z_q[i] >= 3:
            reasons.append({"code": "cust_quick_cancel", "z": float(z_q[i]), "k": int(cust["q"].iloc[i]),
                            "n": int(tot.iloc[i]), "lo": 0.0, "hi": float(hi_q[i])})
        if z_b[i] >= 3:
            reasons.append({"code": "cust_basket", "z": float(z_b[i]), "recent": float(rec[i]),
                            "before": float(bef[i])})
        rows.append({"key": f"customer:{cid}", "level": "customers", "when": cust["last_day"].iloc[i],
                     "line_id": None, "order_id": None, "day": cust["last_day"].iloc[i], "customer_id": cid,
                     "product_id": None, "what": f"{int(tot.iloc[i])} orders", "reasons": _sorted_reasons(reasons),
                     "f_cancel": float(z_c[i]), "f_basket": float(z_b[i]), "f_quick": float(z_q[i])})
    return _frame(rows, feats), np.column_stack([z_c, z_b, z_q])


# --------------------------------------------------------------------------------------------
# weeks (part of the days level)
# --------------------------------------------------------------------------------------------
WEEK_MODEL = "linear"        # the forecast's ridge regression on lags, rolling means and the calendar


def week_items(shop, since, until, rep, days: pd.DataFrame) -> pd.DataFrame:
    """Whole weeks (Monday–Sunday) whose net sales or orders are far from a one-week-ahead
    forecast made from the weeks before only: the forecast backtest machinery
    (:func:`~shopinsight.core.forecast.backtest.run_backtest`, one origin per week, horizon 1)
    with the forecast's linear model (lags, rolling means, holidays and events), so a quiet
    Easter week is expected and a week that lost part of its export is not.  Items belong to
    the ``days`` level with key ``week:<Monday>``; an empty frame when there are fewer than 18
    whole weeks (the model needs 16 weeks of history before its first forecast)."""
    from ..errors import InputError
    from ..forecast.backtest import run_backtest
    from ..forecast.series import Panel

    if days is None or days.empty:
        return _frame([], [])
    d = days.assign(week=days["date"] - pd.to_timedelta(days["date"].dt.day_of_week, unit="D"))
    w = d.groupby("week").agg(net=("net", "sum"), orders=("orders", "sum"), n=("date", "size"))
    w = w[w["n"] == 7]                              # whole weeks only (the first and last may be cut)
    if len(w) < 18 or not (w["orders"] > 0).all():
        return _frame([], [])
    y = w[["net", "orders"]].to_numpy(float)
    try:
        cal = _calendar(shop)
    except Exception:      # no holidays package or an unknown country: no calendar
        from ..forecast.calendar import Calendar
        cal = Calendar()
    panel = Panel(y=y, dates=pd.DatetimeIndex(w.index), freq="W", series=["net", "orders"], calendar=cal)
    try:
        bt = run_backtest(panel, [WEEK_MODEL], horizon=1, windows=len(w) - 17, step=1, calibration=0,
                          selection="per_series", progress=rep)
    except InputError:
        return _frame([], [])
    exp = np.full_like(y, np.nan)
    for k, o in enumerate(bt.origins):
        exp[o + 1] = bt.forecasts[WEEK_MODEL][k, 0]
    resid = np.log1p(np.clip(y, 0, None)) - np.log1p(np.clip(exp, 0, None))
    monday = pd.DatetimeIndex(w.index).strftime("%Y-%m-%d").to_numpy()
    sunday = (pd.DatetimeIndex(w.index) + pd.Timedelta(days=6)).strftime("%Y-%m-%d").to_numpy()
    win = np.ones(len(w), dtype=bool)
    if since:
        win &= sunday >= since
    if until:
        win &= sunday <= until
    zs = {}
    for j, name in enumerate(("net", "orders")):
        ok = np.isfinite(resid[:, j])
        z, _, scale = robust_z(resid[:, j], resid[ok, j], floor=0.05)
        zs[name] = (np.where(ok, z, np.nan), scale)
    rows = []
    band = 2.0
    for i in np.flatnonzero(win):
        reasons = []
        for j, (name, code) in enumerate((("net", "week_sales"), ("orders", "week_orders"))):
            z, scale = zs[name]
            if np.isfinite(z[i]) and (abs(z[i]) >= 3 if name == "net" else z[i] <= -3):
                lo = float(np.expm1(np.log1p(exp[i, j]) - band * scale))
                hi = float(np.expm1(np.log1p(exp[i, j]) + band * scale))
                reasons.append({"code": code, "z": float(abs(z[i])), "week": monday[i], "value": float(y[i, j]),
                                "lo": lo, "hi": hi})
        if not reasons:
            continue
        rows.append({"key": f"week:{monday[i]}", "level": "days", "when": monday[i], "line_id": None,
                     "order_id": None, "day": monday[i], "customer_id": None, "product_id": None,
                     "what": f"{int(y[i, 1])} orders", "reasons": _sorted_reasons(reasons)})
    return _frame(rows, [])
