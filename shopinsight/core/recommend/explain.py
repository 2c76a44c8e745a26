"""Plain-words reasons for recommendations and rules, for shop owners.

* a product the customer bought before: "Bought it before: 5 orders, last on 2011-10-02."
* item-based models: "Because they bought WHITE HANGING HEART T-LIGHT HOLDER and RED RETROSPOT
  CAKE STAND." (the two purchases that contribute most to the score)
* content model: "Similar in name to ... , which they bought."
* otherwise: "Popular: bought by 412 customers."
* rules: "Bought together with X in 57 orders (lift 12.3)."

A recommendation's reason is made as a code with its values (:func:`reason_codes`, JSON text such
as ``{"code": "bought", "n": 5, "day": "2011-10-02"}``), which a run stores, and written in the
language it is shown in (:func:`reason_texts`): dates through ``fmt.day``, counts through
``fmt.integer`` — a stored run loaded under Chinese reads "2011年10月2日", never an ISO date.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .. import fmt
from ..i18n import N_, _, ngettext
from ..tasks import as_reporter

__all__ = ["explain_recommendations", "explain_recommendation", "reason_codes", "reason_texts", "rule_reason",
           "RULE_REASON"]

RULE_REASON = N_("Bought together with {name} in {n} orders (lift {lift}).")


def _history_tables(X) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(orders per customer × product, 1 + days since the last purchase)."""
    ev = X.events
    last = ev.groupby(["user", "item"], sort=False)["age"].min().reset_index()
    age = sp.csr_matrix((last["age"].to_numpy() + 1.0, (last["user"].to_numpy(),
                                                       last["item"].to_numpy())), shape=X.shape)
    return X.counts.tocsr(), age


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    # TRANSLATORS: the last two of a list of product names, "A, B and C"
    return _("{names} and {last}").format(names=_(", ").join(names[:-1]), last=names[-1])


def explain_recommendations(model, recs: pd.DataFrame, max_items: int = 2,
                            progress=None, should_stop=None) -> pd.Series:
    """A reason for each row of ``recs`` (customer_id, product_id) made by ``model``, in words."""
    return reason_texts(reason_codes(model, recs, max_items, progress, should_stop))


def _code(code: str, n: int | None = None, day: str | None = None, names: list | None = None) -> str:
    # written by hand: json.dumps per row was half a second of a UCI run's 82,000 reasons
    out = f'{{"code":"{code}"'
    if n is not None:
        out += f',"n":{int(n)}'
    if day is not None:
        out += f',"day":"{day}"'
    if names is not None:
        out += ',"names":' + json.dumps(names, ensure_ascii=False)
    return out + "}"


def reason_texts(codes: pd.Series) -> pd.Series:
    """Reason codes (:func:`reason_codes`) in words in the current language; each distinct code is
    written once."""
    integer = lru_cache(maxsize=None)(lambda n: fmt.integer(n))
    day = lru_cache(maxsize=None)(lambda d: fmt.day(d))

    @lru_cache(maxsize=None)
    def text(code: str) -> str:
        if not isinstance(code, str) or not code.startswith("{"):
            return "" if code is None or (isinstance(code, float) and code != code) else str(code)
        r = json.loads(code)
        c = r["code"]
        if c == "bought":
            return ngettext("Bought it before: {n} order, last on {day}.",
                            "Bought it before: {n} orders, last on {day}.", int(r["n"])).format(
                n=integer(int(r["n"])), day=day(r["day"]))
        if c in ("similar", "because"):
            return (_("Similar in name to {names}, which they bought.") if c == "similar"
                    else _("Because they bought {names}.")).format(names=_join(r["names"]))
        if c == "alike":
            return _("Customers who buy like them bought it.")
        if c == "popular":
            return ngettext("Popular: bought by {n} customer.", "Popular: bought by {n} customers.",
                            int(r["n"])).format(n=integer(int(r["n"])))
        return ""

    return pd.Series([text(c) for c in codes.tolist()], index=codes.index, name="reason", dtype=object)


def reason_codes(model, recs: pd.DataFrame, max_items: int = 2,
                 progress=None, should_stop=None) -> pd.Series:
    """A reason for each row of ``recs`` (customer_id, product_id) made by ``model``, as a code
    with its values (JSON text, "" when the product is unknown); the words are
    :func:`reason_texts`'s, in the language of whoever reads them."""
    rep = as_reporter(progress, should_stop)
    X = model.interactions_
    counts, age = _history_tables(X)
    end = dt.date.fromisoformat(X.data_to)
    is_content = getattr(model, "name", "") == "content"
    similar = model.has_similarity
    rows = X.customer_rows(recs["customer_id"].astype(str).tolist())
    cols = X.product_cols(recs["product_id"])
    out = np.empty(len(recs), dtype=object)
    # the same few counts and days come back thousands of times: format each once (Babel's
    # formatting was a third of the reasons' time)
    day = lru_cache(maxsize=None)(lambda age: (end - dt.timedelta(days=age - 1)).isoformat())
    # orders and days since the last one for every (customer, product) pair at once: one fancy-index
    # lookup each, not a sparse scalar lookup per row (82,000 of them took 100 s on the UCI shop)
    both = (rows >= 0) & (cols >= 0)
    n_orders_all, age_all = np.zeros(len(recs)), np.zeros(len(recs))
    if both.any():
        n_orders_all[both] = np.asarray(counts[rows[both], cols[both]]).ravel()
        age_all[both] = np.asarray(age[rows[both], cols[both]]).ravel()
    order = np.argsort(rows, kind="stable")
    bounds = np.flatnonzero(np.diff(rows[order])) + 1
    groups = np.split(order, bounds) if len(order) else []
    for g_i, idx in enumerate(groups):
        if g_i % 200 == 0:
            rep(g_i / max(len(groups), 1), _("writing reasons"))
        u = rows[idx[0]]
        hist = counts.indices[counts.indptr[u]:counts.indptr[u + 1]] if u >= 0 else np.array([], int)
        hist_n = counts.data[counts.indptr[u]:counts.indptr[u + 1]] if u >= 0 else np.array([])
        target = cols[idx]
        block = (model._similarity_block(hist, np.maximum(target, 0))
                 if similar and len(hist) else None)
        for j, (pos, c) in enumerate(zip(idx, target)):
            if c < 0:
                out[pos] = ""
                continue
            n_orders = n_orders_all[pos]
            if n_orders:
                out[pos] = _code("bought", n=int(n_orders), day=day(int(age_all[pos])))
                continue
            if block is not None:
                contrib = block[:, j] * np.log1p(hist_n)
                best = np.argsort(-contrib, kind="stable")[:max_items]
                best = best[contrib[best] > 0]
                if len(best):
                    names = [X.product_name(hist[b]) for b in best]
                    out[pos] = _code("similar" if is_content else "because", names=[str(x) for x in names])
                    continue
            if getattr(model, "name", "") == "userknn" or (
                    getattr(model, "name", "") == "hybrid" and "userknn" in getattr(model, "models_", {})
                    and block is None):
                out[pos] = _code("alike")
                continue
            out[pos] = _code("popular", n=int(model.popularity_[c]))
    rep(1.0, _("reasons written"))
    return pd.Series(out, index=recs.index, name="reason_code")


def explain_recommendation(model, customer_id: str, product_id: str) -> str:
    """The reason for one (customer, product) pair."""
    recs = pd.DataFrame({"customer_id": [str(customer_id)], "product_id": [str(product_id)]})
    return str(explain_recommendations(model, recs).iloc[0])


def rule_reason_template(n: int, unit: str = "orders") -> str:
    """The translated rule reason for ``n`` shared ``unit`` ("orders" of a shop, or "baskets" of a
    basket list), with ``{name}``, ``{n}`` and ``{lift}`` left to fill."""
    if unit == "baskets":
        return ngettext("Bought together with {name} in {n} basket (lift {lift}).",
                        "Bought together with {name} in {n} baskets (lift {lift}).", n)
    return _(RULE_REASON)


def rule_reason(antecedent_name: str, orders: int, lift: float, unit: str = "orders") -> str:
    """"Bought together with X in N orders (lift L).\""""
    return rule_reason_template(orders, unit).format(name=antecedent_name, n=fmt.integer(orders),
                                                     lift=fmt.number(lift, 1))
