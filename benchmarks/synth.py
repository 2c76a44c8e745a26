"""A synthetic shop export of any size, drawn from the statistics of the real UCI file.

Used by ``benchmarks/scale.py`` to make a shop ten times the sample's size that still looks
like a shop: not the sample's lines repeated, but a simulation whose ingredients are
measured on the real file (:func:`profile_from_file`):

* **customers** arrive every month (``new_customers_per_month`` × the month's seasonality);
  each one is a clone of a random real customer: that customer's country and purchase rate
  (orders per month of exposure in the real file), and leaves with a fixed monthly churn
  probability.  Customer numbers continue after the real ones (18288, 18289, …).
* **orders**: each active customer places Poisson(rate × seasonality) orders a month; guest
  orders (no customer number) are added in the real file's share.  An order's number of
  lines is drawn from the real orders' lines-per-order distribution; its day is a trading day
  (no Saturdays, no Christmas break) and its hour from the real hour-of-day distribution.
  Order numbers continue after the real ones (581588, …); the dates start after the real
  file's last day.
* **products**: the real catalogue plus ``new_products_per_month`` new products a month,
  each a variant of a real product (same category = last word of the name, e.g. BAG,
  a new code ``9xxxxx`` and name, its price within ±25 %).  Every product's popularity
  fades by ``popularity_decay`` a month, so the catalogue grows and its best sellers change.
  A customer buys mostly from a short list of favourites in two categories (repeat
  purchases, products bought together), the rest by current popularity.
* **quantities** from the real sales lines' quantities (capped at 1,000), **prices** the
  product's median price with 2 % inflation a year, postage lines on the real share of orders.
* **cancellations**: the real share of customer orders is followed within two weeks by a
  ``C`` order that returns one or a few of its lines (negative quantities).

The export has the real file's columns and formats (``M/D/YYYY H:MM`` dates), so the
importer reads it as it reads the sample.  It is written in month chunks: memory stays flat
whatever the number of lines.  :func:`generate` returns what it drew (the claims that
``tests/core/test_scale_synth.py`` measures back from the file).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import numpy as np
import pandas as pd

REAL_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.csv.gz"
if not REAL_FILE.exists():  # the bundled copy of the same file
    REAL_FILE = Path(__file__).resolve().parents[1] / "resources" / "sample" / "online_retail.csv.gz"

HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
          "CustomerID", "Country"]


@dataclass
class Profile:
    """What the generator draws from (measured on a real export by :func:`profile_from_file`)."""

    season: np.ndarray                 # 12 factors, mean 1: lines per calendar month (Jan..Dec)
    hour_p: np.ndarray                 # 24 probabilities
    lines_per_order: np.ndarray        # empirical sample (sales orders)
    quantities: np.ndarray             # empirical sample (sales lines, 1..1000)
    cust_rate: np.ndarray              # orders per month of exposure, one per real customer
    cust_country: np.ndarray           # their countries
    guest_countries: np.ndarray        # countries of guest orders (empirical sample)
    product_code: np.ndarray
    product_name: np.ndarray
    product_price: np.ndarray
    product_weight: np.ndarray         # lines per product
    product_cat: np.ndarray            # int category (last word of the name)
    new_customers_per_month: float
    new_products_per_month: float
    guest_order_share: float
    cancel_order_share: float          # customer orders followed by a cancellation
    cancel_lines_mean: float           # lines per cancellation order
    postage_order_share: float
    postage_price: float
    first_invoice: int
    first_customer: int
    start: dt.date                     # first month of the synthetic export


def profile_from_file(path: Path = REAL_FILE) -> Profile:
    """Measure a UCI-shaped export: the ingredients of :func:`generate`."""
    import pyarrow.csv as pacsv

    cols = {c: __import__("pyarrow").string() for c in HEADER}
    tab = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=cols))
    df = tab.to_pandas()
    df["Quantity"] = pd.to_numeric(df["Quantity"])
    df["UnitPrice"] = pd.to_numeric(df["UnitPrice"])
    df["dt"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M")
    df["CustomerID"] = df["CustomerID"].replace("", None)
    inv = df["InvoiceNo"].astype(str)
    canc = inv.str.startswith("C")
    merch = df["StockCode"].str.match(r"^\d{5}")
    sales = df[~canc & ~inv.str.startswith("A") & (df["Quantity"] > 0)]
    orders = sales.groupby("InvoiceNo").agg(n=("StockCode", "size"), cust=("CustomerID", "first"),
                                            dt=("dt", "first"), country=("Country", "first"))
    cust_orders = orders[orders["cust"].notna()]
    last = df["dt"].max()

    # seasonality: lines per calendar month over full months (the last month is partial)
    month = df["dt"].dt.to_period("M")
    per_month = month.value_counts()
    per_month = per_month[per_month.index != last.to_period("M")]
    by_moy = np.zeros(12)
    for p, n in per_month.items():
        by_moy[p.month - 1] = max(by_moy[p.month - 1], n)
    season = by_moy / by_moy.mean()

    hour = np.bincount(df["dt"].dt.hour, minlength=24).astype(float)[:24]
    # customers: rate = orders / months from their first order to the file's end
    g = cust_orders.groupby("cust").agg(k=("n", "size"), first=("dt", "min"), country=("country", "first"))
    exposure = ((last - g["first"]).dt.days / 30.44).clip(lower=1.0)
    first_month = g["first"].dt.to_period("M")
    newc = first_month.value_counts()
    # steady arrival rate: the median of the full months after the first (which holds the
    # customers who had bought before the file starts)
    newc = newc[(newc.index != first_month.min()) & (newc.index != last.to_period("M"))]
    prod_first = sales[merch.loc[sales.index]].groupby("StockCode")["dt"].min().dt.to_period("M")
    newp = prod_first.value_counts()
    newp = newp[(newp.index != prod_first.min()) & (newp.index != last.to_period("M"))]

    ms = sales[merch.loc[sales.index]]
    prod = ms.groupby("StockCode").agg(name=("Description", "first"), price=("UnitPrice", "median"),
                                       w=("Quantity", "size"))
    prod = prod[(prod["price"] > 0) & prod["name"].notna() & (prod["name"].str.strip() != "")]
    names = prod["name"].str.strip()
    cat_word = names.str.split().str[-1].fillna("")
    cat_codes, _cats = pd.factorize(cat_word)

    canc_orders = df[canc].groupby("InvoiceNo").size()
    post = df["StockCode"].isin(["POST", "DOT"])
    post_orders = df[post & ~canc]["InvoiceNo"].nunique()
    q = sales["Quantity"].to_numpy()
    q = q[(q >= 1) & (q <= 1000)]
    return Profile(
        season=season, hour_p=hour / hour.sum(),
        lines_per_order=orders["n"].to_numpy(np.int64),
        quantities=q.astype(np.int64),
        cust_rate=(g["k"] / exposure).to_numpy(float), cust_country=g["country"].to_numpy(object),
        guest_countries=orders.loc[orders["cust"].isna(), "country"].to_numpy(object),
        product_code=prod.index.to_numpy(object), product_name=names.to_numpy(object),
        product_price=prod["price"].to_numpy(float), product_weight=prod["w"].to_numpy(float),
        product_cat=np.asarray(cat_codes, np.int64),
        new_customers_per_month=float(newc.median()), new_products_per_month=float(newp.median()),
        guest_order_share=float(orders["cust"].isna().mean()),
        cancel_order_share=float(len(canc_orders) / max(len(cust_orders), 1)),
        cancel_lines_mean=float(canc_orders.mean()),
        postage_order_share=float(post_orders / len(orders)),
        postage_price=float(df.loc[post & ~canc, "UnitPrice"].median()),
        first_invoice=int(pd.to_numeric(inv.str.lstrip("CA")).max()) + 1,
        first_customer=int(pd.to_numeric(g.index).max()) + 1,
        start=(last + pd.offsets.MonthBegin(1)).date(),
    )


@dataclass
class Claims:
    """What the generator drew, month by month (the test reads them back from the file)."""

    lines: int = 0
    months: list = field(default_factory=list)           # 'YYYY-MM'
    season: list = field(default_factory=list)           # factor applied each month
    new_customers: list = field(default_factory=list)    # customers whose first month it is
    new_products: list = field(default_factory=list)     # products launched that month
    orders: int = 0
    cancellations: int = 0
    expected_lines_per_order: float = 0.0
    expected_cancel_order_share: float = 0.0
    expected_guest_order_share: float = 0.0
    churn: float = 0.0
    first_new_customer: int = 0                          # customers from this number on are new

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


_VARIANTS = np.array(["RED", "BLUE", "PINK", "GREEN", "IVORY", "VINTAGE", "RETRO", "LARGE", "MINI",
                      "SPOTTY", "STRIPED", "FLORAL", "GINGHAM", "POLKADOT", "HEART", "STAR",
                      "BIRD", "ROSE", "PAISLEY", "WOODLAND"], dtype=object)


def _trading_days(year: int, month: int) -> np.ndarray:
    first = np.datetime64(f"{year:04d}-{month:02d}-01")
    days = np.arange(first, first + np.timedelta64(31, "D"))
    days = days[days.astype("datetime64[M]") == first.astype("datetime64[M]")]
    wd = (days.astype("datetime64[D]").view("int64") - 4) % 7   # 0 = Monday
    md = (days - days.astype("datetime64[M]")).astype(int) + 1
    keep = wd != 5                                                # no Saturdays
    if month == 12:
        keep &= md < 23                                           # Christmas break
    if month == 1:
        keep &= md > 3
    return days[keep]


def _fmt_dates(ts: np.ndarray) -> np.ndarray:
    """datetime64[m] → 'M/D/YYYY H:MM' (the real file's format)."""
    s = pd.Series(pd.to_datetime(ts))
    return (s.dt.month.astype(str) + "/" + s.dt.day.astype(str) + "/" + s.dt.year.astype(str) + " "
            + s.dt.hour.astype(str) + ":" + s.dt.minute.astype(str).str.zfill(2)).to_numpy(object)


def generate(path: Path, lines: int, *, profile: Optional[Profile] = None, seed: int = 0,
             volume: float = 0.8, churn: float = 1 / 8, popularity_decay: float = 0.98,
             favourites: int = 30, favourite_share: float = 0.55,
             progress: Optional[Callable[[int], None]] = None) -> Claims:
    """Write a UCI-shaped CSV export of exactly ``lines`` data rows to ``path``.

    ``volume`` scales the customer arrivals (the default 0.8 gives about 45 thousand lines a
    month, the real shop's size: 0.5 M lines ≈ one year, 5 M ≈ nine years); the export covers
    as many months as ``lines`` needs.  ``churn`` is the share of customers who leave each month.
    """
    pr = profile or profile_from_file()
    rng = np.random.default_rng(seed)
    claims = Claims(churn=churn, expected_lines_per_order=float(pr.lines_per_order.mean()),
                    expected_cancel_order_share=pr.cancel_order_share,
                    expected_guest_order_share=pr.guest_order_share)

    # the catalogue (grows), categories' product lists are recomputed monthly
    p_code = list(pr.product_code)
    p_name = list(pr.product_name)
    p_price = pr.product_price.copy()
    p_w = pr.product_weight.copy()
    p_cat = pr.product_cat.copy()
    next_code = 900000

    # the customer pool: start in steady state (new/month × mean lifetime customers)
    c_id = np.zeros(0, np.int64)
    c_rate = np.zeros(0)
    c_country = np.zeros(0, object)
    c_fav = np.zeros((0, favourites), np.int64)
    next_cust = pr.first_customer
    next_inv = pr.first_invoice

    def favourites_for(n: int) -> np.ndarray:
        out = np.empty((n, favourites), np.int64)
        w = p_w / p_w.sum()
        cat_w = np.bincount(p_cat, weights=w)
        cats = rng.choice(len(cat_w), size=(n, 2), p=cat_w / cat_w.sum())
        by_cat = {}
        for i in range(n):
            pool = []
            for c in cats[i]:
                if c not in by_cat:
                    idx = np.flatnonzero(p_cat == c)
                    by_cat[c] = (idx, w[idx] / w[idx].sum())
                pool.append(by_cat[c])
            half = favourites // 2
            a = rng.choice(pool[0][0], size=half, p=pool[0][1])
            b = rng.choice(pool[1][0], size=favourites - half, p=pool[1][1])
            out[i] = np.concatenate([a, b])
        return out

    def add_customers(n: int) -> int:
        nonlocal c_id, c_rate, c_country, c_fav, next_cust
        if n <= 0:
            return 0
        src = rng.integers(0, len(pr.cust_rate), n)
        c_id = np.concatenate([c_id, np.arange(next_cust, next_cust + n)])
        next_cust += n
        c_rate = np.concatenate([c_rate, pr.cust_rate[src]])
        c_country = np.concatenate([c_country, pr.cust_country[src]])
        c_fav = np.concatenate([c_fav, favourites_for(n)])
        return n

    arrivals = pr.new_customers_per_month * volume
    add_customers(int(round(arrivals / churn)))   # the customers the shop already has
    claims.first_new_customer = next_cust
    y, m = pr.start.year, pr.start.month
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        while written < lines:
            s = pr.season[m - 1]
            claims.months.append(f"{y:04d}-{m:02d}")
            claims.season.append(float(s))
            # catalogue: launch new products, fade popularity
            n_newp = int(rng.poisson(pr.new_products_per_month))
            if n_newp:
                base = rng.choice(len(pr.product_code), n_newp, p=pr.product_weight / pr.product_weight.sum())
                for b in base:
                    p_code.append(str(next_code))
                    next_code += 1
                    p_name.append(f"{rng.choice(_VARIANTS)} {pr.product_name[b]}")
                p_price = np.concatenate([p_price, pr.product_price[base] * rng.uniform(0.75, 1.25, n_newp)])
                p_w = np.concatenate([p_w * popularity_decay,
                                      rng.choice(pr.product_weight, n_newp) * rng.uniform(1, 3, n_newp)])
                p_cat = np.concatenate([p_cat, pr.product_cat[base]])
            else:
                p_w = p_w * popularity_decay
            claims.new_products.append(n_newp)
            # customers: churn, then arrivals
            if len(c_id) and claims.months[:-1]:
                stay = rng.random(len(c_id)) >= churn
                c_id, c_rate, c_country, c_fav = c_id[stay], c_rate[stay], c_country[stay], c_fav[stay]
            n_old = len(c_id)
            claims.new_customers.append(add_customers(int(rng.poisson(arrivals * s)))
                                        if claims.months[:-1] else 0)
            # orders: customers' then guests'
            k = rng.poisson(c_rate * s)
            who = np.repeat(np.arange(len(c_id)), k)
            # a new customer's first month holds at least one order (that is what makes them new)
            fresh = np.arange(n_old, len(c_id))
            fresh = fresh[k[fresh] == 0]
            who = np.concatenate([who, fresh])
            n_guest = int(rng.poisson(len(who) * pr.guest_order_share / (1 - pr.guest_order_share)))
            n_orders = len(who) + n_guest
            cust = np.concatenate([who, np.full(n_guest, -1)])
            days = _trading_days(y, m)
            day = rng.choice(days, n_orders)
            hour = rng.choice(24, n_orders, p=pr.hour_p)
            minute = rng.integers(0, 60, n_orders)
            ts = (day.astype("datetime64[m]") + hour.astype("timedelta64[h]")
                  + minute.astype("timedelta64[m]"))
            order = np.argsort(ts, kind="stable")
            ts, cust = ts[order], cust[order]
            inv = np.arange(next_inv, next_inv + n_orders)
            next_inv += n_orders
            nl = rng.choice(pr.lines_per_order, n_orders)
            # lines: favourites (customers) or current popularity
            o_of_line = np.repeat(np.arange(n_orders), nl)
            c_of_line = cust[o_of_line]
            pop = rng.choice(len(p_w), len(o_of_line), p=p_w / p_w.sum())
            fav_pick = (c_of_line >= 0) & (rng.random(len(o_of_line)) < favourite_share)
            fi = np.flatnonzero(fav_pick)
            pop[fi] = c_fav[c_of_line[fi], rng.integers(0, favourites, len(fi))]
            prod = pop
            # one line per product within an order: a repeated product is drawn again from
            # the popularity (twice), what still repeats is dropped
            for again in range(3):
                key = o_of_line.astype(np.int64) * 10_000_000 + prod
                _, first = np.unique(key, return_index=True)
                dup = np.ones(len(prod), bool)
                dup[first] = False
                if not dup.any():
                    break
                if again < 2:
                    prod[dup] = rng.choice(len(p_w), int(dup.sum()), p=p_w / p_w.sum())
                else:
                    o_of_line, prod = o_of_line[~dup], prod[~dup]
            qty = rng.choice(pr.quantities, len(prod))
            years = (y - pr.start.year) + (m - 1) / 12
            price = np.round(p_price[prod] * 1.02 ** years, 2)
            # postage on a share of orders
            has_post = rng.random(n_orders) < pr.postage_order_share
            po = np.flatnonzero(has_post)
            # cancellations of a share of the customer orders
            is_c = (cust >= 0) & (rng.random(n_orders) < pr.cancel_order_share)
            co = np.flatnonzero(is_c)
            c_lines = []
            if len(co):
                starts = np.searchsorted(o_of_line, co)
                ends = np.searchsorted(o_of_line, co, side="right")
                n_ret = np.minimum(rng.geometric(1 / pr.cancel_lines_mean, len(co)), ends - starts)
                for j, (a, n) in enumerate(zip(starts, n_ret)):
                    pick = a + rng.choice(ends[j] - a, n, replace=False)
                    c_lines.append((np.full(n, j), pick))
            inv_s = inv.astype(str).astype(object)
            cust_s = np.where(cust >= 0, c_id[np.maximum(cust, 0)].astype(str), "").astype(object)
            ctry = np.where(cust >= 0, c_country[np.maximum(cust, 0)],
                            rng.choice(pr.guest_countries, n_orders)).astype(object)
            dates = _fmt_dates(ts)
            codes = np.asarray(p_code, object)
            names = np.asarray(p_name, object)
            frames = [pd.DataFrame({
                "InvoiceNo": inv_s[o_of_line], "StockCode": codes[prod], "Description": names[prod],
                "Quantity": qty, "InvoiceDate": dates[o_of_line], "UnitPrice": price,
                "CustomerID": cust_s[o_of_line], "Country": ctry[o_of_line], "_ts": ts[o_of_line]})]
            if len(po):
                frames.append(pd.DataFrame({
                    "InvoiceNo": inv_s[po], "StockCode": "POST", "Description": "POSTAGE",
                    "Quantity": rng.integers(1, 4, len(po)), "InvoiceDate": dates[po],
                    "UnitPrice": np.round(pr.postage_price * 1.02 ** years, 2),
                    "CustomerID": cust_s[po], "Country": ctry[po], "_ts": ts[po]}))
            if c_lines:
                cj = np.concatenate([a for a, _ in c_lines])
                cl = np.concatenate([b for _, b in c_lines])
                c_inv = np.arange(next_inv, next_inv + len(co))
                next_inv += len(co)
                c_ts = ts[co] + rng.integers(10, 14 * 24 * 60, len(co)).astype("timedelta64[m]")
                saturday = (c_ts.astype("datetime64[D]").view("int64") - 4) % 7 == 5
                c_ts[saturday] += np.timedelta64(1, "D")            # the shop does not trade then
                c_dates = _fmt_dates(c_ts)
                src_o = o_of_line[cl]
                frames.append(pd.DataFrame({
                    "InvoiceNo": np.array([f"C{v}" for v in c_inv], object)[cj],
                    "StockCode": codes[prod[cl]], "Description": names[prod[cl]],
                    "Quantity": -np.minimum(qty[cl], rng.integers(1, 13, len(cl))),
                    "InvoiceDate": c_dates[cj], "UnitPrice": price[cl],
                    "CustomerID": cust_s[src_o], "Country": ctry[src_o], "_ts": c_ts[cj]}))
                claims.cancellations += len(co)
            # in time order (an order's lines together), so the cut at ``lines`` drops the latest
            chunk = pd.concat(frames, ignore_index=True).sort_values("_ts", kind="stable")
            chunk = chunk.drop(columns="_ts")
            room = lines - written
            if len(chunk) > room:
                chunk = chunk.iloc[:room]
            buf = io.StringIO()
            chunk.to_csv(buf, header=False, index=False, lineterminator="\r\n")
            fh.write(buf.getvalue())
            written += len(chunk)
            claims.orders += n_orders
            if progress:
                progress(written)
            m += 1
            if m == 13:
                y, m = y + 1, 1
    claims.lines = written
    return claims


if __name__ == "__main__":  # pragma: no cover - manual use
    import argparse
    import json
    import time

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    t = time.perf_counter()
    c = generate(Path(a.out), a.lines, seed=a.seed)
    print(json.dumps({"lines": c.lines, "months": len(c.months), "first": c.months[0],
                      "last": c.months[-1], "orders": c.orders, "seconds": time.perf_counter() - t}))
