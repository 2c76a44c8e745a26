"""Flag lines instead of deleting them: cancellations/returns and non-merchandise lines.

Rules (documented in the README, applied in this order):

* **non-merchandise** (``is_merchandise = 0``), with a ``line_kind``:
  - the product name names a service: postage/carriage/shipping/delivery → ``postage``;
    fee, bank charges, commission → ``fee``; discount/coupon → ``discount``; manual entry,
    adjustment, bad debt → ``adjustment``; voucher, gift card → ``voucher``; samples → ``sample``;
  - in files whose product codes are mostly numeric, a code with no digit at all (``POST``,
    ``DOT``, ``M``, ``BANK CHARGES``, ``AMAZONFEE`` …) is a service code → ``service`` unless a
    name rule gave a more precise kind;
  - a negative quantity at price 0 with no customer is a stock write-off → ``write_off``.
* **cancellation** (``is_cancellation = 1``): the order number carries the file's credit-note
  prefix (``C123456``; detected when such orders have negative quantities), or the order status
  says cancelled/refunded/voided (kind ``cancellation``); a negative quantity at a positive price,
  or a negative amount on a line without quantity, is a return (kind ``return``).
"""
from __future__ import annotations

import re
from typing import Optional

import numpy as np
import pandas as pd

_NAME_RULES: list[tuple[str, str]] = [
    # the service word must end the name ('Next Day Carriage', 'Shipping & Handling'): in
    # 'FRENCH CARRIAGE LANTERN' or 'CARRIAGE CLOCK' it names a product
    ("postage", r"\b(?:postage|carriage|shipping|delivery|courier)(?:\s*(?:&|and)\s*handling|\s+(?:charges?"
                r"|fees?|costs?))?\s*(?:\([^)]*\))?\s*$|运费|邮费|快递费"),
    ("fee", r"\b(?:fees?|bank charges?|commission|surcharge)\b|手续费|佣金"),
    ("discount", r"^\s*discount\s*$|\bcoupon\b|^折扣$|优惠券"),
    ("adjustment", r"^\s*manual\s*$|\badjust(?:ment)?\b|\bbad debt\b|调整"),
    ("voucher", r"\bvoucher\b|\bgift ?card\b|礼品卡|代金券"),
    ("sample", r"^\s*samples?\s*$|样品"),
]
_NAME_RES = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _NAME_RULES]

CANCEL_STATUSES = ("cancelled", "canceled", "refunded", "voided", "cancel", "已取消", "已退款", "取消", "退款")


def detect_cancel_prefix(order_id: pd.Series, quantity: pd.Series) -> Optional[str]:
    """Find a credit-note prefix: one letter before numeric order numbers, used (almost) only on
    lines with negative quantities.  Returns the letter or None."""
    o = order_id.dropna().astype(str)
    if o.empty:
        return None
    numeric = o.str.fullmatch(r"\d+")
    if numeric.mean() < 0.5:
        return None
    pref = o.str.extract(r"^([A-Za-z])\d+$")[0].dropna()
    if pref.empty:
        return None
    q = quantity.reindex(pref.index)
    for letter, _ in pref.value_counts().items():
        neg = (q[pref == letter] < 0).mean()
        if neg >= 0.9:
            return str(letter)
    return None


def codes_mostly_numeric(product_id: pd.Series) -> bool:
    """True when at least 80 % of the product codes contain a digit (then letter-only codes are
    service codes rather than a shop's naming style)."""
    p = product_id.dropna().astype(str)
    return bool(len(p)) and float(p.str.contains(r"\d").mean()) >= 0.8


def _classify_products(codes: list, names: list, numeric_codes: bool,
                       cache: Optional[dict] = None) -> tuple[np.ndarray, np.ndarray]:
    """line_kind and is_merchandise for distinct (code, name) pairs (``cache`` remembers pairs
    across the chunks of a file)."""
    kind = np.full(len(codes), "sale", dtype=object)
    merch = np.ones(len(codes), dtype=bool)
    cache = {} if cache is None else cache
    for i, (code, name) in enumerate(zip(codes, names)):
        hit = cache.get((code, name))
        if hit is not None:
            kind[i], merch[i] = hit
            continue
        for k, rx in _NAME_RES:
            if rx.search(name):
                kind[i], merch[i] = k, False
                break
        else:
            if numeric_codes and code and not _DIGIT.search(code):
                kind[i], merch[i] = "service", False
        cache[(code, name)] = (kind[i], merch[i])
    return kind, merch


_DIGIT = re.compile(r"\d")


def classify(order_id: pd.Series, product_id: pd.Series, product_name: pd.Series,
             quantity: pd.Series, unit_price: pd.Series, amount: pd.Series, customer_id: pd.Series,
             status: pd.Series, *, cancel_prefix: Optional[str], numeric_codes: bool,
             cancel_statuses: tuple[str, ...] = CANCEL_STATUSES, cache: Optional[dict] = None) -> pd.DataFrame:
    """Return ``is_cancellation``, ``is_merchandise``, ``line_kind`` and ``status_cancelled``."""
    n = len(amount)
    # name and code rules run once per distinct (code, name): exports repeat them heavily
    c_codes, c_uniq = pd.factorize(product_id)
    n_codes, n_uniq = pd.factorize(product_name)
    pair = (c_codes.astype(np.int64) + 1) * (len(n_uniq) + 1) + (n_codes + 1)
    upair, pair_codes = np.unique(pair, return_inverse=True)
    ci, ni = upair // (len(n_uniq) + 1) - 1, upair % (len(n_uniq) + 1) - 1
    c_vals = np.asarray(c_uniq, dtype=object)
    n_vals = np.asarray(n_uniq, dtype=object)
    ucodes = [c_vals[i] if i >= 0 else "" for i in ci]
    unames = [n_vals[i] if i >= 0 else "" for i in ni]
    ukind, umerch = _classify_products(ucodes, unames, numeric_codes, cache)
    kind = ukind[pair_codes] if n else np.empty(0, dtype=object)
    merch = umerch[pair_codes] if n else np.empty(0, dtype=bool)
    q = quantity.to_numpy(dtype=float, na_value=np.nan)
    p = unit_price.to_numpy(dtype=float, na_value=np.nan)
    a = amount.to_numpy(dtype=float, na_value=np.nan)
    no_customer = customer_id.isna().to_numpy()
    write_off = (q < 0) & ((p == 0) | (a == 0)) & no_customer & merch
    cancel = np.zeros(n, dtype=bool)
    if cancel_prefix:
        cancel |= order_id.fillna("").astype(str).str.match(rf"^{re.escape(cancel_prefix)}\d").to_numpy()
    st = status.fillna("").astype(str).str.strip().str.lower()
    status_cancel = st.isin([s.lower() for s in cancel_statuses]).to_numpy()
    cancel |= status_cancel
    # a negative line total with no quantity (accounting sheets, summaries: "(12.50)") is money
    # given back, like a negative quantity at a positive price
    returned = (((q < 0) & (p > 0)) | (np.isnan(q) & (a < 0))) & ~cancel
    write_off &= ~cancel
    kind[write_off] = "write_off"
    merch[write_off] = False
    kind[(cancel | returned) & merch] = np.where(returned[(cancel | returned) & merch], "return", "cancellation")
    return pd.DataFrame({
        "is_cancellation": (cancel | returned).astype(np.int8),
        "is_merchandise": merch.astype(np.int8),
        "line_kind": kind,
        "status_cancelled": status_cancel & ~(q < 0),
    }, index=amount.index)
