"""Implicit-feedback interactions (customer × product) built from the shop's ``lines`` view.

An interaction is a purchase: a merchandise line, not a cancellation, with a known customer.
Its strength is the number of distinct orders in which the customer bought the product,
optionally decayed by age (``half_life_days``) so last month's purchase counts more than last
year's.  The catalogue that recommenders rank over is every merchandise product sold up to the
cutoff (guest orders included), so products bought only by guests can still be recommended by
the content model.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .. import fmt
from ..i18n import _
from ..errors import InputError
from ..tasks import as_reporter

__all__ = ["Interactions", "load_purchases", "load_returns", "drop_returned", "load_product_names",
           "build_interactions", "load_interactions", "split_by_time"]

# merchandise, not cancelled: what "bought" means everywhere in this package
_PURCHASE_SQL = """
SELECT customer_id, product_id, order_id, day, quantity
FROM lines
WHERE is_merchandise = 1 AND is_cancellation = 0 AND product_id IS NOT NULL
  AND (quantity IS NULL OR quantity > 0) {where}
"""

# cancelled / returned units of known customers (quantities are negative in the store)
_RETURNS_SQL = """
SELECT customer_id, product_id, day, -quantity AS quantity
FROM lines
WHERE is_merchandise = 1 AND is_cancellation = 1 AND customer_id IS NOT NULL
  AND product_id IS NOT NULL AND quantity < 0 {where}
"""


def _where(until: Optional[str], since: Optional[str]) -> tuple[str, list]:
    where, params = [], []
    if since:
        where.append("day >= ?")
        params.append(since)
    if until:
        where.append("day <= ?")
        params.append(until)
    return "".join(f" AND {w}" for w in where), params


def load_returns(shop, until: Optional[str] = None, since: Optional[str] = None) -> pd.DataFrame:
    """Cancelled or returned units of known customers: customer_id, product_id, day, quantity
    (positive)."""
    where, params = _where(until, since)
    return shop.query_compact(_RETURNS_SQL.format(where=where), params)


def drop_returned(purchases: pd.DataFrame, returns: pd.DataFrame) -> pd.DataFrame:
    """Leave out a customer's purchases of a product when ``returns`` (of the same period) hold
    at least as many units of it as they bought: a returned product is no sign of liking it
    (UCI's 74,215-jar order and its cancellation, for one)."""
    if returns is None or returns.empty or purchases.empty:
        return purchases
    # on integer codes of the customers and products that were returned (a few): no grouping or index
    # of every line's strings (on a 5-million-line shop that took ~800 MB at the run's peak)
    cust = pd.Index(pd.unique(returns["customer_id"]))
    prod = pd.Index(pd.unique(returns["product_id"]))

    def position(values: pd.Series, index: pd.Index) -> np.ndarray:
        # each line's position in ``index`` (-1: not there) through the column's codes: looking up
        # every line's text made a Python string per line (~300 MB a column at 5 million lines)
        codes, uniques = pd.factorize(values)
        return np.append(index.get_indexer(uniques), -1)[codes]

    def keys(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        c, p = position(df["customer_id"], cust), position(df["product_id"], prod)
        rows = np.flatnonzero((c >= 0) & (p >= 0))
        return rows, c[rows].astype(np.int64) * len(prod) + p[rows]

    rows, key = keys(purchases)
    ret_rows, ret_key = keys(returns)
    returned = pd.Series(returns["quantity"].to_numpy(dtype=float)[ret_rows]).groupby(ret_key).sum()
    bought = pd.Series(purchases["quantity"].to_numpy(dtype=float)[rows]).groupby(key).sum()
    net = pd.concat([returned.rename("returned"), bought.rename("bought")], axis=1, join="inner")
    gone = net.index[net["returned"] >= net["bought"]].to_numpy()
    if not len(gone):
        return purchases
    drop = np.zeros(len(purchases), dtype=bool)
    drop[rows[np.isin(key, gone)]] = True
    return purchases[~drop].reset_index(drop=True)


def load_purchases(shop, until: Optional[str] = None, since: Optional[str] = None,
                   returned: str = "drop") -> pd.DataFrame:
    """Purchase lines (``customer_id`` may be NULL for guests) with ``since <= day <= until``.

    ``returned="drop"`` leaves out purchases the customer returned in full within the same
    period (see :func:`drop_returned`); ``"keep"`` keeps every sale line.
    Columns: customer_id, product_id, order_id, day (text), quantity.
    """
    where, params = _where(until, since)
    df = shop.query_compact(_PURCHASE_SQL.format(where=where), params)
    if df.empty:
        df = pd.DataFrame(columns=["customer_id", "product_id", "order_id", "day", "quantity"])
    # guest orders without an order id still form one basket per guest line set: key on the line
    missing = df["order_id"].isna()
    if missing.any():
        df.loc[missing, "order_id"] = "line:" + df.index[missing].astype(str)
    if returned == "drop":
        df = drop_returned(df, load_returns(shop, until, since))
    elif returned != "keep":
        raise ValueError(f"returned must be 'drop' or 'keep', not {returned!r}")
    return df


def load_product_names(shop) -> pd.Series:
    """Display name of every product (its most frequent name), indexed by product id."""
    names = shop.query_df("SELECT product_id, product_name FROM products")
    return names.set_index("product_id")["product_name"]


@dataclass
class Interactions:
    """Customers × products purchase data, the input of every recommender.

    ``counts`` holds the number of distinct orders per (customer, product); ``events`` one row
    per (customer, product, order) with integer ``user``, ``item`` and ``age`` (days before
    ``as_of``), from which models derive their own weighting with :meth:`weighted`.
    """

    counts: sp.csr_matrix
    customer_ids: np.ndarray
    product_ids: np.ndarray
    product_names: np.ndarray
    events: pd.DataFrame
    baskets: sp.csr_matrix                 # orders × products (0/1), guests included
    data_from: Optional[str] = None
    data_to: Optional[str] = None
    basket_orders: Optional[np.ndarray] = None   # the order id of each row of ``baskets``
    _cust_pos: dict = field(default_factory=dict, repr=False)
    _prod_pos: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._cust_pos = {c: i for i, c in enumerate(self.customer_ids)}
        self._prod_pos = {p: i for i, p in enumerate(self.product_ids)}

    @property
    def shape(self) -> tuple[int, int]:
        return self.counts.shape

    @property
    def n_customers(self) -> int:
        return self.counts.shape[0]

    @property
    def n_products(self) -> int:
        return self.counts.shape[1]

    def customer_rows(self, customer_ids: Sequence[str]) -> np.ndarray:
        """Row index of each customer id (-1 when unknown)."""
        return np.array([self._cust_pos.get(str(c), -1) for c in customer_ids], dtype=np.int64)

    def product_col(self, product_id: str) -> int:
        """Column of a product id; raises InputError when it is not in the catalogue."""
        key = str(product_id)
        pos = self._prod_pos.get(key, self._prod_pos.get(key.strip().upper(), -1))
        if pos < 0:
            raise InputError(_("product {product} is not in the catalogue (no sale up to {day})").format(
                product=repr(product_id), day=fmt.day(self.data_to)), value=str(product_id))
        return pos

    def product_cols(self, product_ids: Sequence[str]) -> np.ndarray:
        """Column of each product id (-1 when it is not in the catalogue)."""
        return np.array([self._prod_pos.get(str(p), -1) for p in product_ids], dtype=np.int64)

    def has_product(self, product_id: str) -> bool:
        key = str(product_id)
        return key in self._prod_pos or key.strip().upper() in self._prod_pos

    def basket_set(self):
        """The orders × products baskets as :class:`rules.Baskets` (for "bought together")."""
        from .rules import Baskets
        return Baskets(self.baskets, self.product_ids, self.product_names, self.data_from, self.data_to,
                       self.basket_orders)

    def product_name(self, col: int) -> str:
        name = self.product_names[col]
        return str(name) if name is not None and name == name else str(self.product_ids[col])

    def binary(self) -> sp.csr_matrix:
        """1 where the customer bought the product at least once."""
        b = self.counts.copy()
        b.data = np.ones_like(b.data)
        return b

    def weighted(self, half_life_days: Optional[float] = None, scheme: str = "count") -> sp.csr_matrix:
        """Interaction strengths: ``count`` (orders), ``log`` (log1p of orders) or ``binary``,
        each order decayed by ``0.5 ** (age / half_life_days)`` when a half-life is given."""
        if half_life_days:
            w = np.power(0.5, self.events["age"].to_numpy() / float(half_life_days))
            m = sp.csr_matrix((w.astype(np.float32), (self.events["user"].to_numpy(),
                                                      self.events["item"].to_numpy())),
                              shape=self.shape)
        else:
            m = self.counts.astype(np.float32, copy=True)
        if scheme == "binary":
            m.data = np.minimum(m.data, 1.0).astype(np.float32) if half_life_days else np.ones_like(m.data)
        elif scheme == "log":
            m.data = np.log1p(m.data).astype(np.float32)
        elif scheme != "count":
            raise ValueError(f"unknown weighting scheme {scheme!r}")
        return m

    def holdout_last(self, days: int) -> tuple["Interactions", sp.csr_matrix]:
        """Validation split in index space: purchases older than ``days`` days form the fit
        part (same customers and catalogue, ages re-counted from its own end); the purchases
        of the last ``days`` days are returned as a 0/1 customers × products matrix."""
        old = self.events[self.events["age"] >= days].copy()
        new = self.events[self.events["age"] < days]
        old["age"] -= days
        counts = sp.csr_matrix((np.ones(len(old), np.float32),
                                (old["user"].to_numpy(), old["item"].to_numpy())), shape=self.shape)
        held = sp.csr_matrix((np.ones(len(new), np.float32),
                              (new["user"].to_numpy(), new["item"].to_numpy())), shape=self.shape)
        held.data[:] = 1.0
        end = dt.date.fromisoformat(self.data_to) - dt.timedelta(days=days)
        fit = Interactions(counts=counts, customer_ids=self.customer_ids,
                           product_ids=self.product_ids, product_names=self.product_names,
                           events=old.reset_index(drop=True), baskets=self.baskets,
                           data_from=self.data_from, data_to=end.isoformat(), basket_orders=self.basket_orders)
        return fit, held

    def history(self, customer_id: str) -> pd.DataFrame:
        """A customer's purchases: product_id, product_name, orders, last_day."""
        row = self.customer_rows([customer_id])[0]
        if row < 0:
            return pd.DataFrame(columns=["product_id", "product_name", "orders", "last_day"])
        ev = self.events[self.events["user"] == row]
        g = ev.groupby("item").agg(orders=("order", "nunique"), age=("age", "min")).reset_index()
        end = dt.date.fromisoformat(self.data_to)
        out = pd.DataFrame({
            "product_id": self.product_ids[g["item"].to_numpy()],
            "product_name": [self.product_name(i) for i in g["item"]],
            "orders": g["orders"].to_numpy(),
            "last_day": [(end - dt.timedelta(days=int(a))).isoformat() for a in g["age"]],
        })
        return out.sort_values(["orders", "last_day"], ascending=False, ignore_index=True)


def _str_codes(values: pd.Series, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values.astype(str), sort)`` with missing values coded -1: the distinct values are
    turned into text, not every line (a text copy of a 5-million-line column is hundreds of MB)."""
    codes, uniques = pd.factorize(values)
    text_codes, text = pd.factorize(pd.Index(uniques).astype(str), sort=sort)
    return np.where(codes >= 0, text_codes[np.maximum(codes, 0)], -1), np.asarray(text, dtype=object)


def build_interactions(purchases: pd.DataFrame, product_names: Optional[pd.Series] = None,
                       as_of: Optional[str] = None) -> Interactions:
    """Interactions from purchase lines as returned by :func:`load_purchases`.

    ``as_of`` (default: the last day in the data) is the day ages are counted from.
    """
    if purchases.empty:
        raise InputError(_("no purchases to learn from: the shop has no merchandise sales "
                           "with a customer in the chosen period"))
    p = purchases
    prod_codes, prod_ids = _str_codes(p["product_id"], sort=True)
    order_codes, _orders = _str_codes(p["order_id"])
    n_items = len(prod_ids)
    from .rules import baskets_from_purchases      # the one basket builder (same product columns)
    basket_set = baskets_from_purchases(p)

    cust_all, cust_ids = _str_codes(p["customer_id"], sort=True)      # -1: a guest
    known = cust_all >= 0
    if not known.any():
        raise InputError(_("no purchases with a customer id: recommendations need known customers"))
    # ages from the distinct days (a few hundred), not one date parse per line; every column as codes
    # of the whole frame, indexed by ``known`` (no copy of the known lines' strings)
    day_codes, day_values = pd.factorize(p["day"])
    end = pd.Timestamp(as_of) if as_of else pd.Timestamp(str(p["day"].max()))
    day_age = (end - pd.to_datetime(pd.Index(day_values).astype(str), format="%Y-%m-%d")).days.to_numpy()
    events = pd.DataFrame({"user": cust_all[known], "item": prod_codes[known],
                           "order": order_codes[known],
                           "age": day_age[day_codes[known]].clip(min=0)})
    # one event per (customer, product, order): several lines of one product in one order = one purchase
    events = events.drop_duplicates(["user", "item", "order"], ignore_index=True)
    counts = sp.csr_matrix((np.ones(len(events), np.float32),
                            (events["user"].to_numpy(), events["item"].to_numpy())),
                           shape=(len(cust_ids), n_items))
    counts.sum_duplicates()
    names = (product_names.reindex(prod_ids).to_numpy(dtype=object) if product_names is not None
             else np.array([None] * n_items, dtype=object))
    return Interactions(counts=counts, customer_ids=np.asarray(cust_ids, dtype=object),
                        product_ids=np.asarray(prod_ids, dtype=object), product_names=names,
                        events=events, baskets=basket_set.matrix, basket_orders=basket_set.order_ids,
                        data_from=str(p["day"].min()), data_to=end.date().isoformat())


def load_interactions(shop, until: Optional[str] = None, since: Optional[str] = None,
                      progress=None, should_stop=None) -> Interactions:
    """Load purchases up to and including ``until`` and build :class:`Interactions`."""
    rep = as_reporter(progress, should_stop)
    rep(0.0, _("reading purchases"))
    purchases = load_purchases(shop, until=until, since=since)
    rep(0.7, _("building the customer × product matrix"))
    out = build_interactions(purchases, load_product_names(shop), as_of=until)
    rep(1.0, _("interactions ready"))
    return out


def split_by_time(purchases: pd.DataFrame, cutoff: str, test_until: Optional[str] = None,
                  returns: Optional[pd.DataFrame] = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Global time split: lines with ``day <= cutoff`` train, ``cutoff < day <= test_until`` test.

    With ``returns`` (from :func:`load_returns`), each side drops the purchases returned in full
    *within its own period*, so no return after the cutoff reaches the training data.
    """
    def period(df: pd.DataFrame, lo: Optional[str], hi: Optional[str]) -> pd.DataFrame:
        keep = pd.Series(True, index=df.index)
        if lo:
            keep &= df["day"] > lo
        if hi:
            keep &= df["day"] <= hi
        if keep.all() and isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1:
            return df            # every line (the default run: cutoff = last day) — no copy of them all
        return df[keep].reset_index(drop=True)

    train, test = period(purchases, None, cutoff), period(purchases, cutoff, test_until)
    if returns is not None:
        train = drop_returned(train, period(returns, None, cutoff))
        test = drop_returned(test, period(returns, cutoff, test_until))
    return train, test
