"""The exact sales bridge between two periods (pure arithmetic, no SQL, no Qt).

Net sales = gross sales (merchandise sale lines) + cancellations and returns (negative), the
definition of :mod:`shopinsight.core.facts`.  The change in gross sales is split with the additive
**log-mean Divisia index (LMDI-I)** over the identity

    gross sales = orders × items per order × average item price

(each factor's effect is ``L(G1, G0) · ln(x1 / x0)`` with the logarithmic mean
``L(a, b) = (a − b) / (ln a − ln b)``; the effects add up to ``G1 − G0`` exactly, with no
residual cross term).  Then

* the **orders** effect is split among returning, new and guest customers in proportion to
  each group's change in orders (``L(G1, G0) / L(O1, O0) · ΔO_k``, which sums to the orders
  effect because ``ln(O1/O0) = ΔO / L(O1, O0)``);
* the **average price** effect is split into a **mix** effect — the change of the average item
  price at fixed product prices (each product at the mean of its two periods' prices, the
  Marshall–Edgeworth weights), so different products sold — and a **price** effect (the rest:
  same products, new prices);
* **cancellations and returns** contribute their own change.

Parts are rounded to cents so that they add up to the rounded change exactly (the rounding
remainder goes to the largest part).  A factor that is missing (no order numbers, no quantities,
no products, no customer ids) is left out: its part is folded into the one above it and a note
says so.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd

__all__ = ["PeriodData", "logmean", "lmdi", "round_to_cents", "bridge", "PART_KEYS", "CUSTOMER_TYPES"]

CUSTOMER_TYPES = ("returning", "new", "guest")
PART_KEYS = ("orders", "orders_returning", "orders_new", "orders_guest", "units", "items_per_order",
             "average_price", "price", "mix", "gross_sales", "cancellations")


@dataclass
class PeriodData:
    """What the bridge needs from one period (merchandise lines only)."""

    gross: float                                  # sum of amounts of sale lines
    cancellations: float                          # sum of amounts of cancellation lines (≤ 0)
    orders: Optional[dict] = None                 # {"returning"|"new"|"guest": n} or {"all": n}; None = no order ids
    units: Optional[float] = None                 # items sold (sale-line quantities); None = no quantities
    products: Optional[pd.DataFrame] = None       # product_id, gross, units of sale lines; None = no products
    extra: dict = field(default_factory=dict)

    @property
    def order_count(self) -> Optional[int]:
        return None if self.orders is None else int(sum(self.orders.values()))


def logmean(a: float, b: float) -> float:
    """The logarithmic mean of two positive numbers (``a`` when they are equal)."""
    if a == b:
        return float(a)
    return (a - b) / (math.log(a) - math.log(b))


def lmdi(total0: float, total1: float, factors: list[tuple[str, float, float]]) -> dict[str, float]:
    """Additive LMDI-I effects of ``factors`` (key, before, after) whose product is the total.
    All values must be positive."""
    w = logmean(total1, total0)
    return {k: w * math.log(x1 / x0) for k, x0, x1 in factors}


def round_to_cents(parts: list[tuple[str, float]], target: float) -> list[tuple[str, float]]:
    """Round each part to cents so that they add up to ``target`` (in cents) exactly: the
    remainder, in whole cents, goes to the parts with the largest rounding error (largest
    remainder method), so no part moves by more than a cent."""
    if not parts:
        return []
    cents = np.array([v * 100.0 for _, v in parts])
    floor = np.floor(cents)
    want = int(round(target * 100.0))
    short = want - int(floor.sum())
    order = np.argsort(-(cents - floor), kind="stable")
    add = np.zeros(len(parts))
    if short >= 0:
        for i in range(short):
            add[order[i % len(parts)]] += 1
    else:                       # cannot happen with exact parts, but keep the sum exact anyway
        for i in range(-short):
            add[order[::-1][i % len(parts)]] -= 1
    return [(k, round((f + a) / 100.0, 2)) for (k, _), f, a in zip(parts, floor, add)]


def _positive(*xs: Optional[float]) -> bool:
    return all(x is not None and math.isfinite(x) and x > 0 for x in xs)


def mix_index(p0: pd.DataFrame, p1: pd.DataFrame) -> Optional[float]:
    """Average item price after ÷ before at fixed product prices (each product at the mean of
    the prices it had in the periods it sold in): 1 when the same products sold in the same
    shares, whatever their prices did."""
    a = p0[p0["units"] > 0].set_index("product_id")
    b = p1[p1["units"] > 0].set_index("product_id")
    if a.empty or b.empty:
        return None
    pa, pb = a["gross"] / a["units"], b["gross"] / b["units"]
    ref = pd.concat([pa, pb], axis=1).mean(axis=1)            # mean of the available prices
    s0 = a["units"] / a["units"].sum()
    s1 = b["units"] / b["units"].sum()
    num = float((s1 * ref.reindex(s1.index)).sum())
    den = float((s0 * ref.reindex(s0.index)).sum())
    if not _positive(num, den):
        return None
    return num / den


def bridge(before: PeriodData, after: PeriodData) -> tuple[list[tuple[str, float]], list[str], dict]:
    """The parts (key, amount, unrounded) of the change in net sales, the keys of notes about
    parts left out, and the measures behind them (orders, items per order, average price ...)."""
    g0, g1 = float(before.gross), float(after.gross)
    parts: list[tuple[str, float]] = []
    notes: list[str] = []
    measures: dict = {"gross_sales": [g0, g1], "cancellations": [float(before.cancellations),
                                                                 float(after.cancellations)]}
    o0, o1 = before.order_count, after.order_count
    u0, u1 = before.units, after.units
    has_orders = o0 is not None and o1 is not None
    has_units = u0 is not None and u1 is not None
    if not has_orders:
        notes.append("no_orders")
    if not has_units:
        notes.append("no_units")
    factors: list[tuple[str, float, float]] = []
    if has_orders:
        factors.append(("orders", float(o0), float(o1)))
        measures["orders"] = [int(o0), int(o1)]
        if has_units:
            factors.append(("items_per_order", u0 / o0 if o0 else 0.0, u1 / o1 if o1 else 0.0))
    elif has_units:
        factors.append(("units", float(u0), float(u1)))
    if has_units:
        measures["units"] = [float(u0), float(u1)]
        factors.append(("average_price", g0 / u0 if u0 else 0.0, g1 / u1 if u1 else 0.0))
    if factors and not _positive(g0, g1, *[x for _, a, b in factors for x in (a, b)]):
        notes.append("not_comparable")      # a period without sales (or without items): no split
        factors = []
    if not factors:
        parts.append(("gross_sales", g1 - g0))
    else:
        for k, a, b in factors:
            measures[k] = [a, b]
        eff = lmdi(g0, g1, factors)
        for k, _a, _b in factors:
            if k == "orders" and before.orders is not None and set(before.orders) == set(CUSTOMER_TYPES) \
                    and set(after.orders) == set(CUSTOMER_TYPES):
                scale = logmean(g1, g0) / logmean(float(o1), float(o0))
                for t in CUSTOMER_TYPES:
                    parts.append((f"orders_{t}", scale * (after.orders[t] - before.orders[t])))
                measures["orders_by_customer"] = {t: [int(before.orders[t]), int(after.orders[t])]
                                                  for t in CUSTOMER_TYPES}
            elif k == "average_price" and before.products is not None and after.products is not None:
                mix = mix_index(before.products, after.products)
                if mix is None:
                    notes.append("no_mix")
                    parts.append(("price", eff[k]))
                else:
                    mix_part = logmean(g1, g0) * math.log(mix)
                    parts.append(("price", eff[k] - mix_part))
                    parts.append(("mix", mix_part))
                    measures["mix_index"] = mix
            else:
                parts.append((k, eff[k]))
        if has_orders and "orders_by_customer" not in measures:
            notes.append("no_customers")
        if has_units and (before.products is None or after.products is None):
            notes.append("no_products")
    parts.append(("cancellations", float(after.cancellations) - float(before.cancellations)))
    return parts, notes, measures
