"""Flag lines instead of deleting them: cancellations/returns and non-merchandise lines.

Rules (documented in the README, applied in this order):

* **non-merchandise** (``is_merchandise = 0``), with a ``line_kind``, decided once per product
  (code and name) and never by a word *inside* a product's name ("Office Chair with Height
  Adjustment", "Shipping Box Set", "Carriage Clock" are merchandise):
  - a correction the user stored in the shop (``shopinsight classify --set CODE=KIND``) wins;
  - the export's own line type, for formats that have one (``Line Type: shipping``);
  - a known service code: ``POST``, ``DOT``, ``BANK CHARGES``, ``AMAZONFEE``, ``CRUK``,
    ``GIFT_0001_20`` … in any shop; the one- and two-letter UCI codes ``M``, ``D``, ``S``, ``B``,
    ``C2``, ``PADS`` only in shops whose product codes are mostly numeric (the UCI shape);
  - a name that *is* a service, as a whole: ``POSTAGE``, ``Shipping``, ``Next Day Carriage``,
    ``Shipping & Handling``, ``Amazon fee``, ``Bank Charges``, ``Discount``, ``Manual``,
    ``Gift Card``, ``Dotcomgiftshop Gift Voucher £20.00``, ``邮费`` … (a few qualifier words,
    a trailing amount or bracket are allowed; any other word makes it a product name);
  - a negative quantity at price 0 with no customer is a stock write-off → ``write_off``.
* **cancellation** (``is_cancellation = 1``): the order number carries the file's credit-note
  prefix (``C123456``; detected when such orders have negative quantities), or the order status
  says cancelled/refunded/voided (kind ``cancellation``); a negative quantity at a positive price,
  or a negative amount on a line without quantity, is a return (kind ``return``).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Mapping, Optional

import numpy as np
import pandas as pd

#: kinds a product (code or name) can have; everything but ``merchandise`` is non-merchandise
PRODUCT_KINDS = ("merchandise", "postage", "fee", "discount", "adjustment", "voucher", "sample",
                 "service", "tip", "tax", "deposit")
NON_MERCHANDISE_KINDS = PRODUCT_KINDS[1:]
#: line kinds that describe the line rather than its product
LINE_KINDS = ("sale", "cancellation", "return", "write_off", "summary")

# -- codes ---------------------------------------------------------------------------------
# service codes that name a service in any shop (compared upper-cased, spaces collapsed)
_SERVICE_CODES: dict[str, str] = {
    "POST": "postage", "POSTAGE": "postage", "DOT": "postage", "SHIPPING": "postage",
    "CARRIAGE": "postage", "DELIVERY": "postage",
    "BANK CHARGES": "fee", "BANKCHARGES": "fee", "AMAZONFEE": "fee", "AMAZON FEE": "fee", "CRUK": "fee",
}
# UCI's short codes: services only in shops whose codes are mostly numeric (elsewhere 'S' or 'M'
# may well be a size or a product)
_UCI_SHORT_CODES: dict[str, str] = {
    "M": "adjustment", "D": "discount", "S": "sample", "B": "adjustment", "C2": "postage", "PADS": "service",
}
_VOUCHER_CODE = re.compile(r"^GIFT_\d+_\d+$")     # UCI gift vouchers: gift_0001_10 … gift_0001_50


def code_kind(code: Optional[str], numeric_codes: bool) -> Optional[str]:
    """The kind a product code alone says, or None (an ordinary product code)."""
    if not code:
        return None
    c = " ".join(str(code).upper().split())
    if c in _SERVICE_CODES:
        return _SERVICE_CODES[c]
    if numeric_codes and c in _UCI_SHORT_CODES:
        return _UCI_SHORT_CODES[c]
    if _VOUCHER_CODE.match(c):
        return "voucher"
    return None


# -- names ---------------------------------------------------------------------------------
# words that may stand before a service noun in a line that *is* the service ('Next Day
# Carriage', 'Amazon fee', 'Dotcomgiftshop Gift Voucher'); any other word makes it a product
_QUALIFIERS = (
    r"next[ -]?day|same[ -]?day|standard|express|expedited|international|intl|overnight|priority|economy"
    r"|first[ -]class|1st[ -]class|second[ -]class|2nd[ -]class|free|flat[ -]rate|uk|eu|europe|european"
    r"|world|worldwide|domestic|local|tracked|signed[ -]for|royal[ -]mail|dhl|ups|fedex|usps|parcelforce"
    r"|hermes|evri|dpd|gls|tnt|amazon|ebay|etsy|paypal|stripe|shopify|klarna|card|credit[ -]card|debit[ -]card"
    r"|transaction|payment|processing|service|booking|admin|order|small[ -]order|minimum[ -]order|late"
    r"|bank|marketplace|platform|cruk|dotcom|dotcomgiftshop|online|store|shop|e-?gift|digital|customer"
    r"|loyalty|trade|staff|employee|member|promo|seasonal|rounding|price|manual|sales|bottle|container"
    r"|cash|cod|return|restocking|refund|cancellation|packaging|handling|insurance|import|customs|duty"
    r"|courier|vat|gst"
)
_Q = rf"(?:(?:{_QUALIFIERS})\s+){{0,3}}"
_SUFFIX = r"(?:\s*(?:&|and|\+|/)\s*(?:handling|packing|packaging|insurance))?(?:\s+(?:charges?|fees?|costs?|rates?))?"
_NAME_RULES: list[tuple[str, str]] = [
    ("postage", rf"{_Q}(?:postage|carriage|shipping|delivery|courier|freight|p\s*(?:&|and|\+)\s*p){_SUFFIX}"
                r"|(?:顺丰|国际|加急|同城)?(?:运费|邮费|快递费|配送费|物流费|邮资)"),
    ("fee", rf"{_Q}(?:fees?|charges?|surcharges?|commission|service charge){_SUFFIX}"
            r"|(?:支付|平台|银行)?(?:手续费|佣金|服务费|平台费|运费险)"),
    ("discount", rf"{_Q}(?:discounts?|coupons?|promotions?|promo codes?|discount codes?|rebates?)"
                 r"|折扣|优惠|优惠券|满减|折让"),
    ("adjustment", rf"{_Q}(?:manual|adjustments?|adjust bad debt|bad debts?|manual entry|rounding|write[ -]?offs?)"
                   r"|调整|调账|抹零|坏账"),
    ("voucher", rf"{_Q}(?:gift ?vouchers?|vouchers?|e-?gift ?cards?|gift ?cards?|gift certificates?|store credit)"
                r"|礼品卡|代金券|购物卡|礼券"),
    ("sample", rf"{_Q}samples?|样品"),
    ("tip", rf"{_Q}(?:tips?|gratuity)|小费"),
    ("tax", rf"{_Q}(?:tax|taxes|vat|sales tax|gst)|税|税费"),
    ("deposit", rf"{_Q}(?:deposit|pfand)|押金"),
]
_NAME_RES = [(kind, re.compile(rf"^(?:{rx})$", re.IGNORECASE)) for kind, rx in _NAME_RULES]
# a cheap first test: a name without any service noun is a product (most names, in one search)
_NOUNS = re.compile(
    r"postage|carriage|shipping|delivery|courier|freight|p\s*(?:&|and|\+)\s*p|fee|charge|commission|discount"
    r"|coupon|promo|rebate|manual|adjust|debt|rounding|write|voucher|card|certificate|credit|sample|tip"
    r"|gratuity|tax|vat|gst|deposit|pfand|运费|邮费|快递费|配送费|物流费|邮资|手续费|佣金|服务费|平台费|折扣|优惠"
    r"|满减|折让|调整|调账|抹零|坏账|礼品卡|代金券|购物卡|礼券|样品|小费|税|押金")   # names are case-folded
# what may follow the service words: an amount ('£20.00', '20 EUR'), a bracket ('(UK)'), a dash part
_TRAILER = re.compile(
    r"(?:\s*[-–—:]?\s*(?:\([^)]*\)|\[[^\]]*\]|[£$€¥￥]\s*\d[\d,.]*|\d[\d,.]*\s*(?:[£$€¥￥%]|gbp|eur|usd|rmb|cny|元)?"
    r"|(?:gbp|eur|usd|rmb|cny)\s*\d[\d,.]*)"
    rf"|\s*[-–—:]\s*(?:{_QUALIFIERS})(?:\s+(?:{_QUALIFIERS}))*)+\s*$", re.IGNORECASE)


def normalise_name(name: Optional[str]) -> str:
    """A product name as compared by the rules and stored in name overrides: NFKC, case-folded,
    spaces collapsed, trailing punctuation dropped."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", str(name)).casefold()
    s = " ".join(s.split())
    return s.strip(" .,;:!*-–—_")


def name_kind(name: Optional[str]) -> Optional[str]:
    """The kind a product name says when the whole name is a service, else None."""
    s = normalise_name(name)
    if not s or not _NOUNS.search(s):
        return None
    core = _TRAILER.sub("", s).strip(" .,;:!*-–—_") or s
    for kind, rx in _NAME_RES:
        if rx.match(core):
            return kind
    return None


def product_kind(code: Optional[str], name: Optional[str], numeric_codes: bool,
                 overrides: Optional["Overrides"] = None) -> str:
    """The kind of one product (code and name): an override, then code, then name rules."""
    if overrides is not None:
        k = overrides.kind_of(code, name)
        if k is not None:
            return k
    return code_kind(code, numeric_codes) or name_kind(name) or "merchandise"


# -- the export's own line type --------------------------------------------------------------
# Exports that mix product lines with shipping/fee/coupon/tax lines say which is which in a column
# ('Item Type', 'Line Type': WooCommerce order-item exports, marketplace settlement reports)
LINE_TYPE_HEADERS = ("linetype", "itemtype", "lineitemtype", "typeofline", "行类型", "明细类型")
LINE_TYPE_VALUES: dict[str, str] = {
    "line_item": "merchandise", "lineitem": "merchandise", "line item": "merchandise", "product": "merchandise",
    "item": "merchandise", "merchandise": "merchandise", "商品": "merchandise",
    "shipping": "postage", "shipping_line": "postage", "shipping line": "postage", "postage": "postage",
    "delivery": "postage", "运费": "postage",
    "fee": "fee", "fee_line": "fee", "fee line": "fee", "fees": "fee", "手续费": "fee",
    "coupon": "discount", "coupon_line": "discount", "discount": "discount", "优惠": "discount",
    "tax": "tax", "tax_line": "tax", "税费": "tax",
    "tip": "tip", "gift_card": "voucher", "gift card": "voucher", "voucher": "voucher",
    "refund": None, "adjustment": "adjustment",
}


def line_type_column(headers: list[str], sample: pd.DataFrame, normalise) -> Optional[str]:
    """The column giving each line's type, when the file has one whose values (nearly) all name a
    known type; else None."""
    for h in headers:
        if normalise(h) in LINE_TYPE_HEADERS and h in sample:
            v = sample[h].dropna().astype(str).str.strip().str.lower()
            v = v[v != ""]
            if len(v) and v.isin(list(LINE_TYPE_VALUES)).mean() >= 0.9:
                return h
    return None


def line_types(values: pd.Series) -> pd.Series:
    """Each line's kind from the export's line-type column (missing when unknown)."""
    return values.astype("string").str.strip().str.lower().map(LINE_TYPE_VALUES, na_action="ignore")


class Overrides:
    """The user's corrections: kinds by product code (upper case) and, for lines without a code,
    by normalised product name."""

    def __init__(self, codes: Optional[Mapping[str, str]] = None, names: Optional[Mapping[str, str]] = None):
        self.codes = {str(k).upper(): v for k, v in (codes or {}).items()}
        self.names = {normalise_name(k): v for k, v in (names or {}).items()}

    @classmethod
    def from_rows(cls, rows) -> "Overrides":
        """From ``(key_type, key, kind)`` rows (the shop's ``classification_overrides``)."""
        codes, names = {}, {}
        for key_type, key, kind in rows:
            (codes if key_type == "code" else names)[key] = kind
        return cls(codes, names)

    def kind_of(self, code: Optional[str], name: Optional[str]) -> Optional[str]:
        if code:
            return self.codes.get(str(code).upper())
        return self.names.get(normalise_name(name)) if name else None

    def __bool__(self) -> bool:
        return bool(self.codes or self.names)


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


def _classify_products(codes: list, names: list, numeric_codes: bool, cache: Optional[dict] = None,
                       overrides: Optional[Overrides] = None) -> tuple[np.ndarray, np.ndarray]:
    """line_kind and is_merchandise for distinct (code, name) pairs (``cache`` remembers pairs
    across the chunks of a file)."""
    kind = np.full(len(codes), "sale", dtype=object)
    merch = np.ones(len(codes), dtype=bool)
    cache = {} if cache is None else cache
    for i, (code, name) in enumerate(zip(codes, names)):
        hit = cache.get((code, name))
        if hit is None:
            k = product_kind(code, name, numeric_codes, overrides)
            hit = cache[(code, name)] = ("sale", True) if k == "merchandise" else (k, False)
        kind[i], merch[i] = hit
    return kind, merch


def classify(order_id: pd.Series, product_id: pd.Series, product_name: pd.Series,
             quantity: pd.Series, unit_price: pd.Series, amount: pd.Series, customer_id: pd.Series,
             status: pd.Series, *, cancel_prefix: Optional[str], numeric_codes: bool,
             cancel_statuses: tuple[str, ...] = CANCEL_STATUSES, cache: Optional[dict] = None,
             overrides: Optional[Overrides] = None, line_types: Optional[pd.Series] = None) -> pd.DataFrame:
    """Return ``is_cancellation``, ``is_merchandise``, ``line_kind`` and ``status_cancelled``.

    ``overrides`` are the user's stored corrections; ``line_types`` the kind the export itself
    gives each line (a preset's line-type column: a product kind or missing), which wins over the
    code and name rules but not over the user's corrections."""
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
    ukind, umerch = _classify_products(ucodes, unames, numeric_codes, cache, overrides)
    kind = ukind[pair_codes] if n else np.empty(0, dtype=object)
    merch = umerch[pair_codes] if n else np.empty(0, dtype=bool)
    if line_types is not None and n:
        given = line_types.to_numpy(dtype=object, na_value=None)
        if overrides:       # the user's correction beats the export's own line type
            corrected = np.array([overrides.kind_of(c, nm) is not None for c, nm in zip(ucodes, unames)],
                                 dtype=bool)[pair_codes] if len(ucodes) else np.zeros(n, dtype=bool)
        else:
            corrected = np.zeros(n, dtype=bool)
        use = np.array([g is not None for g in given], dtype=bool) & ~corrected
        if use.any():
            kind = kind.copy()
            merch = merch.copy()
            g = given[use]
            merch[use] = g == "merchandise"
            kind[use] = np.where(g == "merchandise", "sale", g)
    q = quantity.to_numpy(dtype=float, na_value=np.nan)
    p = unit_price.to_numpy(dtype=float, na_value=np.nan)
    a = amount.to_numpy(dtype=float, na_value=np.nan)
    no_customer = customer_id.isna().to_numpy()
    write_off = (q < 0) & ((p == 0) | (a == 0)) & no_customer & merch
    cancel = np.zeros(n, dtype=bool)
    if cancel_prefix:
        cancel |= order_id.fillna("").astype(str).str.match(rf"^{re.escape(cancel_prefix)}\d").to_numpy()
    if status.isna().all():     # no status column (most exports): nothing is cancelled by status
        status_cancel = np.zeros(n, dtype=bool)
    else:
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
