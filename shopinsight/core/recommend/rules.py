"""Frequently bought together: association rules over orders.

Orders are baskets of distinct merchandise products (guest orders included).  Counting is
done with sparse matrix products — pairs as BᵀB, triples as (B_a ∘ B_b)ᵀB over the frequent
pairs only (the Apriori property) — so the whole UCI shop takes about a second.

For a rule A → B (A one product or two):
support = orders with A and B / all orders; confidence = support(A ∪ B) / support(A);
lift = confidence / support(B) (> 1: bought together more often than chance).
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any, Optional

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..i18n import _, ngettext
from ..errors import InputError
from ..tasks import as_reporter
from .. import fmt
from .explain import rule_reason_template

__all__ = ["Baskets", "load_baskets", "baskets_from_purchases", "baskets_from_file", "looks_like_basket_list",
           "mine_basket_list", "association_rules", "bought_together", "RULE_COLUMNS", "RulesOptions", "RulesResult", "run_rules"]

RULE_COLUMNS = ["antecedent", "antecedent_name", "consequent", "consequent_name", "size",
                "orders", "support", "confidence", "lift", "reason"]


@dataclass
class Baskets:
    """Orders × products 0/1 matrix with the product ids and names of its columns."""

    matrix: sp.csr_matrix
    product_ids: np.ndarray
    product_names: np.ndarray
    data_from: Optional[str] = None
    data_to: Optional[str] = None
    order_ids: Optional[np.ndarray] = None     # the order of each row, when known (a drill-down's keys)
    unit: str = "orders"                       # what a row is: "orders" (a shop), "baskets" (a basket list)

    @property
    def n_orders(self) -> int:
        return self.matrix.shape[0]

    def shared_orders(self, product_id: str, other_id: str) -> list[str]:
        """The orders (rows) holding both products: the orders a "bought together" bar counts."""
        if self.order_ids is None:
            raise ValueError("these baskets do not know their order ids")
        both = self.matrix[:, [self.col(product_id), self.col(other_id)]]
        rows = np.flatnonzero(np.asarray((both > 0).sum(axis=1)).ravel() == 2)
        return [str(o) for o in self.order_ids[rows] if o is not None]

    def name(self, col: int) -> str:
        n = self.product_names[col]
        return str(n) if n is not None and n == n else str(self.product_ids[col])

    def col(self, product_id: str) -> int:
        ids = {p: i for i, p in enumerate(self.product_ids)}
        key = str(product_id)
        pos = ids.get(key, ids.get(key.strip().upper(), -1))
        if pos < 0:
            raise InputError(_("product {product} was never sold").format(product=repr(product_id)), value=key)
        return pos


def baskets_from_purchases(purchases: pd.DataFrame, product_names: Optional[pd.Series] = None
                           ) -> Baskets:
    """Baskets from purchase lines (see interactions.load_purchases)."""
    if purchases.empty:
        raise InputError(_("no orders with merchandise in the chosen period"))
    pcodes, pids = pd.factorize(purchases["product_id"].astype(str), sort=True)
    ocodes, orders = pd.factorize(purchases["order_id"].astype(str))
    m = sp.csr_matrix((np.ones(len(pcodes), np.float32), (ocodes, pcodes)),
                      shape=(int(ocodes.max()) + 1, len(pids)))
    m.data[:] = 1.0
    names = (product_names.reindex(pids).to_numpy(dtype=object) if product_names is not None
             else np.array([None] * len(pids), dtype=object))
    return Baskets(m, np.asarray(pids, dtype=object), names,
                   str(purchases["day"].min()), str(purchases["day"].max()), np.asarray(orders, dtype=object))


def load_baskets(shop, until: Optional[str] = None, since: Optional[str] = None,
                 chunk: int = 50_000) -> Baskets:
    """The shop's orders as baskets (merchandise, not cancelled) with ``since <= day <= until``,
    with each row's order id (so a "bought together" bar drills down to its orders' lines).

    The same baskets as ``baskets_from_purchases(load_purchases(...))`` (returned purchases left
    out the same way), but read ``chunk`` lines at a time into integer codes: memory is about
    14 bytes a purchase line plus one string per distinct order, product and customer, instead of
    a frame of every line's strings (a 5-million-line shop: ~2 GB before).
    """
    from .interactions import _PURCHASE_SQL, _RETURNS_SQL, _where, load_product_names

    where, params = _where(until, since)
    codes: dict[str, dict] = {"order": {}, "product": {}, "customer": {}, "day": {}}

    def encode(kind: str, values: list) -> np.ndarray:
        table = codes[kind]
        return np.fromiter((-1 if v is None else table.setdefault(v, len(table)) for v in values),
                           dtype=np.int32, count=len(values))

    # units returned per (customer, product) in the period: few lines (the UCI shop: 2 %)
    cur = shop.conn.execute(_RETURNS_SQL.format(where=where), params)
    returned: dict[tuple[int, int], float] = {}
    for rows in iter(lambda: cur.fetchmany(chunk), []):
        cols = list(zip(*rows))
        for c, p_, q in zip(encode("customer", cols[0]), encode("product", cols[1]), cols[3]):
            returned[(int(c), int(p_))] = returned.get((int(c), int(p_)), 0.0) + float(q or 0.0)
    parts: list[tuple[np.ndarray, ...]] = []
    cur = shop.conn.execute(_PURCHASE_SQL.format(where=where), params)
    n_guest = 0
    for rows in iter(lambda: cur.fetchmany(chunk), []):
        cust, prod, order, day, qty = zip(*rows)
        o = encode("order", order)
        missing = np.flatnonzero(o < 0)       # no order id: each such line is its own basket
        if len(missing):
            o[missing] = -2 - np.arange(n_guest, n_guest + len(missing), dtype=np.int32)
            n_guest += len(missing)
        parts.append((o, encode("product", prod), encode("customer", cust), encode("day", day),
                      np.array([np.nan if q is None else q for q in qty], dtype=np.float32)))
        del rows, cust, prod, order, day, qty
    if not parts:
        raise InputError(_("no orders with merchandise in the chosen period"))
    o, p, c, d, q = (np.concatenate(x) for x in zip(*parts))
    del parts
    if returned:   # drop_returned: a customer's product returned in full is no sign of liking it
        n_prod = max(len(codes["product"]), 1)
        key = c.astype(np.int64) * n_prod + p
        known = c >= 0
        ret_keys = np.array([cc * n_prod + pp for cc, pp in returned], dtype=np.int64)
        ret_units = np.array(list(returned.values()))
        hit = known & np.isin(key, ret_keys)
        ukey, inv = np.unique(key[hit], return_inverse=True)
        bought = np.bincount(inv, weights=np.nan_to_num(q[hit].astype(np.float64)), minlength=len(ukey))
        pos = np.searchsorted(ret_keys[np.argsort(ret_keys)], ukey)
        units = ret_units[np.argsort(ret_keys)][pos]
        gone = ukey[units >= bought]
        if len(gone):
            keep = ~(known & np.isin(key, gone))
            o, p, d = o[keep], p[keep], d[keep]
        del key
    # products in sorted id order (the columns baskets_from_purchases gives); orders by first line
    prod_ids = np.array(list(codes["product"]), dtype=object)
    used = np.unique(p)
    order_cols = used[np.argsort(prod_ids[used].astype(str), kind="stable")]
    col_of = np.full(len(prod_ids), -1, dtype=np.int32)
    col_of[order_cols] = np.arange(len(order_cols), dtype=np.int32)
    _uniq, rows_ = np.unique(o, return_inverse=True)
    m = sp.csr_matrix((np.ones(len(p), np.float32), (rows_.ravel(), col_of[p])),
                      shape=(int(rows_.max()) + 1, len(order_cols)))
    m.data[:] = 1.0
    pids = prod_ids[order_cols]
    names = load_product_names(shop).reindex(pids).to_numpy(dtype=object)
    days = np.array(list(codes["day"]), dtype=object)[np.unique(d)]
    # each row's order id (a drill-down's keys); None for a line without one (its own basket)
    order_ids = np.full(len(_uniq), None, dtype=object)
    has_id = _uniq >= 0
    order_ids[has_id] = np.array(list(codes["order"]), dtype=object)[_uniq[has_id]]
    return Baskets(m, pids.astype(object), names, str(days.min()), str(days.max()), order_ids)


def baskets_from_file(path, max_bytes: int = 512 * 1024 * 1024) -> Baskets:
    """Baskets from a basket-list file, the classic market-basket format: one basket per line,
    items separated by commas, no header (e.g. ``bread,milk,eggs``).  Items are their own ids and
    names; an item repeated within a basket counts once; blank lines are skipped.  A ``.gz`` file
    is read through gzip.  Raises :class:`InputError` naming the file and line on bad input."""
    import csv
    import gzip
    import io
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        raise InputError(_("not a file"), file=str(path))
    if path.stat().st_size > max_bytes:
        raise InputError(_("{n} bytes is more than the {most} a basket list may hold").format(
            n=fmt.integer(path.stat().st_size), most=fmt.integer(max_bytes)), file=str(path))
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    rows, cols, index = [], [], {}
    n = 0
    try:
        with opener(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            for lineno, fields in enumerate(csv.reader(text), start=1):
                items = {f.strip() for f in fields if f.strip()}
                if not items:
                    continue
                if any("\x00" in f for f in items):
                    raise InputError(_("a NUL byte: this is not a text basket list"),
                                     file=str(path), line=lineno)
                for it in items:
                    rows.append(n)
                    cols.append(index.setdefault(it, len(index)))
                n += 1
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text: save the basket list as UTF-8"), file=str(path)) from None
    except (OSError, EOFError, csv.Error) as exc:
        raise InputError(_("cannot be read as a basket list: {error}").format(error=exc), file=str(path)) from None
    if n == 0:
        raise InputError(_("no baskets (one basket per line, items separated by commas)"),
                         file=str(path))
    ids = np.array(list(index), dtype=object)
    m = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, len(ids)))
    return Baskets(m, ids, ids.copy(), unit="baskets")


_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_DECIMAL = re.compile(r"-?\d+[.,]\d+")


def _sample_rows(path, sample_lines: int = 200, sample_bytes: int = 256 * 1024) -> Optional[list[list[str]]]:
    """The non-empty comma-separated rows of a text file's first ``sample_lines`` lines (None when
    the file cannot be read as text: missing, binary, not UTF-8)."""
    import csv
    import gzip
    from pathlib import Path

    path = Path(path)
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as raw:
            head = raw.read(sample_bytes)
        if b"\x00" in head:
            return None
        text = head.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    if len(head) == sample_bytes and len(lines) > 1:
        lines = lines[:-1]                  # the last line may be cut off by the sample
    rows = [[f.strip() for f in r if f.strip()] for r in csv.reader(lines[:sample_lines])]
    return [r for r in rows if r]


def _export_like(rows: list[list[str]]) -> bool:
    """Rows that read as a sales export: something looks like a date (every export dates its
    lines), or the rows are rectangular (two or more columns) and hold decimal numbers (prices)."""
    fields = [f for r in rows for f in r]
    if any(_DATE_LIKE.search(f) for f in fields):
        return True
    rectangular = len(rows) >= 2 and len({len(r) for r in rows}) == 1 and len(rows[0]) >= 2
    return rectangular and any(_DECIMAL.fullmatch(f) for f in fields)


def looks_like_basket_list(path, sample_lines: int = 200, sample_bytes: int = 256 * 1024) -> bool:
    """True when a text file reads as a basket list (:func:`baskets_from_file`'s format) rather than
    a sales export: in its first ``sample_lines`` lines nothing looks like a date (every sales export
    dates its lines), some line has two or more items, and the lines either differ in their number
    of items (baskets do; an export's rows do not) or hold no decimal number (an export's prices).
    Never raises: an unreadable or binary file is not a basket list."""
    rows = _sample_rows(path, sample_lines, sample_bytes)
    if not rows or len(rows) < 2 or max(len(r) for r in rows) < 2:
        return False
    return not _export_like(rows)


def mine_basket_list(path, options: "RulesOptions | None" = None, reporter=None) -> "RulesResult":
    """Bought-together rules of a basket-list file (nothing is stored: there is no shop); ``info``
    also says how many ``baskets`` and ``items`` were read and the ``source`` file.  The one call
    behind ``shopinsight rules --baskets FILE`` and the app's offer when such a file is opened."""
    options = (options or RulesOptions()).validate()
    if options.until:
        raise InputError(_("a basket list has no dates"), column="until", value=str(options.until))
    rows = _sample_rows(path)
    if rows and _export_like(rows):     # its header would be a basket and its columns items
        raise InputError(_("looks like a sales export, not a basket list (one basket of items per line): "
                           "import it with `shopinsight import`"), file=str(path))
    baskets = baskets_from_file(path)
    result = run_rules(None, options, reporter, baskets=baskets, save=False)
    result.info = {**result.info, "baskets": int(baskets.n_orders), "items": int(len(baskets.product_ids)),
                   "source": str(path)}
    return result


def _auto_min_count(B: sp.csr_matrix, target_rules: int) -> int:
    """The smallest pair count that still yields about ``target_rules`` pair rules.

    Exact, without counting every pair of the catalogue: pairs are counted among the most sold
    products only.  If the k-th largest pair count among products sold at least t times is
    c >= t, every pair counted c or more times is among them (a pair is never counted more often
    than its products), so c is the k-th largest over all pairs; otherwise t is lowered to c and
    counted again.  Memory is bounded by the frequent products, not by the catalogue squared
    (a ten-times shop with a growing catalogue: tens of millions of pairs before).
    """
    k = max(target_rules // 2, 1)                               # each pair gives two rules
    B = B.tocsc()
    item_n = np.asarray(B.sum(axis=0)).ravel()
    by_count = np.sort(item_n)[::-1]
    t = by_count[min(len(by_count), max(4 * k, 200)) - 1] if len(by_count) else 0
    while True:
        cols = np.flatnonzero(item_n >= t)
        Bc = B[:, cols]
        co = sp.triu(Bc.T @ Bc, k=1).tocoo()
        counts = np.sort(co.data)[::-1]
        everything = len(cols) == len(item_n)
        if len(counts) >= k and (counts[k - 1] >= t or everything):
            return max(int(counts[k - 1]), 2)
        if everything:                                          # fewer pairs than asked for
            return max(int(counts[-1]), 2) if len(counts) else 1
        # lower the bar: to the k-th count found, or (too few pairs) to the next products down
        t = counts[k - 1] if len(counts) >= k else by_count[min(len(by_count), 4 * len(cols)) - 1]


def association_rules(baskets: Baskets, min_support: Optional[float] = None,
                      min_confidence: float = 0.0, min_lift: float = 1.0, max_size: int = 3,
                      target_rules: int = 200, progress=None, should_stop=None
                      ) -> tuple[pd.DataFrame, dict]:
    """Rules A → B with ``support >= min_support`` (a fraction of orders; None picks the
    support that gives about ``target_rules`` pair rules), ``confidence >= min_confidence``
    and ``lift >= min_lift``; A has one product, or two when ``max_size`` is 3.

    Returns (rules sorted by lift, info) with columns :data:`RULE_COLUMNS`; info holds the
    number of orders, the support and minimum order count used, and counts of frequent sets.
    """
    rep = as_reporter(progress, should_stop)
    B = baskets.matrix.tocsc()
    n = baskets.n_orders
    if min_support is not None and not 0 < min_support <= 1:
        raise InputError(_("min support must be a fraction of orders in (0, 1], not {value}").format(value=min_support),
                         value=str(min_support))
    rep(0.05, _("counting products"))
    item_n = np.asarray(B.sum(axis=0)).ravel()
    if min_support is None:
        min_count = _auto_min_count(baskets.matrix, target_rules)
    else:
        min_count = max(int(math.ceil(min_support * n - 1e-9)), 1)
    freq = np.flatnonzero(item_n >= min_count)
    Bf = B[:, freq].tocsr()
    cnt = item_n[freq]
    rep(0.2, _("counting pairs"))
    co = sp.triu(Bf.T @ Bf, k=1).tocoo()
    keep = co.data >= min_count
    a, b, ab = co.row[keep], co.col[keep], co.data[keep]
    parts = [_rules(a[None, :], b, ab, cnt, n), _rules(b[None, :], a, ab, cnt, n)]
    n_triples = 0
    if max_size >= 3 and len(a):
        rep(0.5, _("counting triples over {n} frequent pairs").format(n=fmt.integer(len(a))))
        pair_orders = Bf[:, a].multiply(Bf[:, b]).tocsc()          # orders × pairs
        tri = (pair_orders.T @ Bf).tocoo()                          # pairs × products
        keep = ((tri.data >= min_count) & (tri.col != a[tri.row]) & (tri.col != b[tri.row]))
        p, c, abc = tri.row[keep], tri.col[keep], tri.data[keep]
        n_triples = len(abc) // 3
        parts.append(_rules(np.vstack([a[p], b[p]]), c, abc, cnt, n, ante_n=ab[p]))
    rep(0.85, _("building the rules table"))
    r = pd.concat(parts, ignore_index=True)
    r = r[(r["confidence"] >= min_confidence) & (r["lift"] >= min_lift)]
    r = r.sort_values(["lift", "orders"], ascending=False, ignore_index=True)
    out = _table(r, baskets, freq)
    info = {"orders": n, "unit": baskets.unit, "min_support": min_count / n if n else 0.0, "min_orders": min_count,
            "frequent_products": int(len(freq)), "frequent_pairs": int(len(a)),
            "frequent_triples": int(n_triples), "rules": int(len(out)),
            "data_from": baskets.data_from, "data_to": baskets.data_to}
    rep(1.0, ngettext("{n} rule", "{n} rules", len(out)).format(n=fmt.integer(len(out))))
    return out, info


def _rules(ante: np.ndarray, cons: np.ndarray, both: np.ndarray, cnt: np.ndarray, n: int,
           ante_n: Optional[np.ndarray] = None) -> pd.DataFrame:
    """Rule measures; ``ante`` is (size × rules) of column positions."""
    if ante_n is None:
        ante_n = cnt[ante[0]]
    both = both.astype(np.float64)
    conf = both / ante_n
    lift = conf / (cnt[cons] / n)
    d = {f"a{i}": ante[i] for i in range(ante.shape[0])}
    return pd.DataFrame({**d, "c": cons, "orders": both.astype(np.int64), "support": both / n,
                         "confidence": conf, "lift": lift})


def _table(r: pd.DataFrame, baskets: Baskets, freq: np.ndarray) -> pd.DataFrame:
    if r.empty:
        return pd.DataFrame(columns=RULE_COLUMNS)
    ids = baskets.product_ids.astype(str)
    names = np.array([baskets.name(i) for i in range(len(ids))], dtype=object)
    a0 = freq[r["a0"].to_numpy()]
    pair = r["a1"].notna().to_numpy() if "a1" in r else np.zeros(len(r), bool)
    a1 = freq[r["a1"].fillna(0).to_numpy(dtype=np.int64)] if "a1" in r else a0
    c = freq[r["c"].to_numpy()]
    # vectorised string building: 30k rules would take seconds row by row
    ante_id = pd.Series(ids[a0], dtype=object)
    ante_nm = pd.Series(names[a0], dtype=object)
    ante_id[pair] = ante_id[pair] + " + " + pd.Series(ids[a1], dtype=object)[pair]
    ante_nm[pair] = ante_nm[pair] + " + " + pd.Series(names[a1], dtype=object)[pair]
    orders = r["orders"].to_numpy()
    lift = r["lift"].to_numpy()
    # the one rule reason (explain.RULE_REASON, translated), filled column-wise
    values = {"{name}": ante_nm, "{n}": pd.Series(orders).astype(str),
              "{lift}": pd.Series(np.round(lift, 1)).map("{:.1f}".format)}
    reason = pd.Series("", index=ante_nm.index, dtype=object)
    for count in np.unique(orders):         # plural forms: one template per count (a few dozen)
        rows = orders == count
        part_of = pd.Series("", index=ante_nm.index[rows], dtype=object)
        for part in re.split(r"(\{name\}|\{n\}|\{lift\})", rule_reason_template(int(count), baskets.unit)):
            part_of = part_of + (values[part][rows] if part in values else part)
        reason[rows] = part_of
    return pd.DataFrame({"antecedent": ante_id.to_numpy(), "antecedent_name": ante_nm.to_numpy(),
                         "consequent": ids[c], "consequent_name": names[c],
                         "size": np.where(pair, 3, 2), "orders": orders,
                         "support": r["support"].to_numpy(), "confidence": r["confidence"].to_numpy(),
                         "lift": lift, "reason": reason.to_numpy()})


@dataclass(frozen=True)
class RulesOptions:
    """Which rules :func:`run_rules` mines: ``min_support`` (a fraction of orders; None picks the
    support giving about 200 pair rules), ``min_confidence``, ``min_lift``, ``max_size`` (2: A is one
    product; 3: one or two), and the orders up to ``until`` (ISO day, None = all)."""

    min_support: Optional[float] = None
    min_confidence: float = 0.0
    min_lift: float = 1.0
    max_size: int = 3
    until: Optional[str] = None

    def validate(self) -> "RulesOptions":
        if self.min_support is not None and not 0 < float(self.min_support) <= 1:
            raise InputError(_("must be a fraction of orders in (0, 1]"), column="min_support", value=str(self.min_support))
        if not 0 <= float(self.min_confidence) <= 1:
            raise InputError(_("must be within 0..1"), column="min_confidence", value=str(self.min_confidence))
        if float(self.min_lift) < 0:
            raise InputError(_("must not be negative"), column="min_lift", value=str(self.min_lift))
        if int(self.max_size) not in (2, 3):
            raise InputError(_("must be 2 or 3"), column="max_size", value=str(self.max_size))
        if self.until:
            import datetime as dt
            try:
                dt.date.fromisoformat(str(self.until))
            except ValueError:
                raise InputError(_("must be an ISO date (YYYY-MM-DD)"), column="until", value=str(self.until)) from None
        return self


@dataclass
class RulesResult:
    """Rules sorted by lift (:data:`RULE_COLUMNS`) and what was counted (``info``)."""

    options: RulesOptions
    rules: pd.DataFrame
    info: dict
    seconds: float = 0.0
    run_id: Optional[int] = None
    created_at: Optional[str] = None

    KEEP = 5000          # rules stored with a run (the strongest)

    def save(self, shop, reporter=None) -> int:
        """Store the run (kind ``rules``, the strongest :attr:`KEEP` rules); returns its id."""
        self.run_id = shop.save_run("rules", params=asdict(self.options), metrics=self.info,
                                    tables={"rules": self.rules.head(self.KEEP)},
                                    data_from=self.info.get("data_from"), data_to=self.info.get("data_to"),
                                    seconds=self.seconds, summary=f"{len(self.rules)} rules", reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop, run_id: Optional[int] = None) -> Optional["RulesResult"]:
        """A stored rules run (the newest when ``run_id`` is None), or None."""
        from ..results import load_stored

        stored = load_stored(shop, "rules", run_id, RulesOptions)
        if stored is None:
            return None
        run = stored.run
        return cls(stored.options, stored.table("rules", RULE_COLUMNS), dict(run.metrics),
                   run.seconds or 0.0, run.run_id, run.created_at)

    def to_dict(self, rules: bool = True) -> dict[str, Any]:
        out = {**self.info, "run_id": self.run_id, "seconds": round(self.seconds, 2)}
        if rules:
            out["rules_table"] = self.rules.round(4).to_dict("records")
        return out


def run_rules(shop, options: RulesOptions = RulesOptions(), reporter=None, *, baskets: Optional[Baskets] = None,
              save: bool = True) -> RulesResult:
    """Mine the rules of the shop's orders (or of ``baskets``, e.g. a basket list: then nothing is
    stored) and store them as a run of kind ``rules``."""
    import time
    options.validate()
    rep = as_reporter(reporter)
    t0 = time.perf_counter()
    if baskets is None:
        baskets = load_baskets(shop, until=options.until or None)
    rules, info = association_rules(baskets, min_support=options.min_support, min_lift=options.min_lift,
                                    min_confidence=options.min_confidence, max_size=options.max_size,
                                    progress=rep)
    result = RulesResult(options, rules, info, time.perf_counter() - t0)
    if save and shop is not None:
        result.save(shop, reporter=rep)
    return result


def bought_together(baskets: Baskets, product_id: str, n: int = 10, min_orders: int = 2
                    ) -> pd.DataFrame:
    """Products most often bought in the same orders as ``product_id`` (at least ``min_orders``
    shared orders and lift above 1, most shared orders first): product_id, product_name,
    orders, confidence, lift, reason."""
    B = baskets.matrix.tocsc()
    col = baskets.col(product_id)
    item_n = np.asarray(B.sum(axis=0)).ravel()
    together = np.asarray((B[:, col].T @ B).todense()).ravel()
    together[col] = 0
    idx = np.flatnonzero(together >= min_orders)
    conf = together[idx] / max(item_n[col], 1)
    lift = conf / (item_n[idx] / baskets.n_orders)
    idx, conf, lift = idx[lift > 1], conf[lift > 1], lift[lift > 1]
    order = np.lexsort((-lift, -together[idx]))[:n]
    idx, conf, lift = idx[order], conf[order], lift[order]
    from .explain import rule_reason
    name = baskets.name(col)
    return pd.DataFrame({"product_id": baskets.product_ids[idx],
                         "product_name": [baskets.name(i) for i in idx],
                         "orders": together[idx].astype(np.int64), "confidence": conf, "lift": lift,
                         "reason": [rule_reason(name, int(o), l) for o, l in zip(together[idx], lift)]})
