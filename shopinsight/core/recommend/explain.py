"""Plain-words reasons for recommendations and rules, for shop owners.

* a product the customer bought before: "Bought it before: 5 orders, last on 2011-10-02."
* item-based models: "Because they bought WHITE HANGING HEART T-LIGHT HOLDER and RED RETROSPOT
  CAKE STAND." (the two purchases that contribute most to the score)
* content model: "Similar in name to ... , which they bought."
* otherwise: "Popular: bought by 412 customers."
* rules: "Bought together with X in 57 orders (lift 12.3)."
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .. import fmt
from ..i18n import N_, _, ngettext
from ..tasks import as_reporter

__all__ = ["explain_recommendations", "explain_recommendation", "rule_reason", "RULE_REASON"]

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
    """A reason for each row of ``recs`` (customer_id, product_id) made by ``model``."""
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
    integer = lru_cache(maxsize=None)(lambda n: fmt.integer(n))
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
                out[pos] = ngettext("Bought it before: {n} order, last on {day}.",
                                    "Bought it before: {n} orders, last on {day}.", int(n_orders)).format(
                    n=integer(int(n_orders)), day=day(int(age_all[pos])))   # stored with the run: ISO date
                continue
            if block is not None:
                contrib = block[:, j] * np.log1p(hist_n)
                best = np.argsort(-contrib, kind="stable")[:max_items]
                best = best[contrib[best] > 0]
                if len(best):
                    names = [X.product_name(hist[b]) for b in best]
                    out[pos] = (_("Similar in name to {names}, which they bought.") if is_content
                                else _("Because they bought {names}.")).format(names=_join(names))
                    continue
            if getattr(model, "name", "") == "userknn" or (
                    getattr(model, "name", "") == "hybrid" and "userknn" in getattr(model, "models_", {})
                    and block is None):
                out[pos] = _("Customers who buy like them bought it.")
                continue
            buyers = int(model.popularity_[c])
            out[pos] = ngettext("Popular: bought by {n} customer.", "Popular: bought by {n} customers.",
                                buyers).format(n=integer(buyers))
    rep(1.0, _("reasons written"))
    return pd.Series(out, index=recs.index, name="reason")


def explain_recommendation(model, customer_id: str, product_id: str) -> str:
    """The reason for one (customer, product) pair."""
    recs = pd.DataFrame({"customer_id": [str(customer_id)], "product_id": [str(product_id)]})
    return str(explain_recommendations(model, recs).iloc[0])


def rule_reason(antecedent_name: str, orders: int, lift: float) -> str:
    """"Bought together with X in N orders (lift L).\""""
    return _(RULE_REASON).format(name=antecedent_name, n=fmt.integer(orders), lift=fmt.number(lift, 1))
