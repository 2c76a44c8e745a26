"""Flag rules: cancellations (credit-note prefix, status), returns, write-offs, non-merchandise."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.importer.flags import classify, codes_mostly_numeric, detect_cancel_prefix


def _classify(rows: list[dict], *, cancel_prefix=None, numeric_codes=True) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in ("order_id", "product_id", "product_name", "customer_id", "status"):
        df[c] = df[c].astype("string") if c in df else pd.Series(pd.NA, index=df.index, dtype="string")
    for c in ("quantity", "unit_price", "amount"):
        df[c] = df[c].astype(float) if c in df else np.nan
    if df["amount"].isna().all():
        df["amount"] = df["quantity"] * df["unit_price"]
    return classify(df["order_id"], df["product_id"], df["product_name"], df["quantity"], df["unit_price"],
                    df["amount"], df["customer_id"], df["status"], cancel_prefix=cancel_prefix,
                    numeric_codes=numeric_codes)


def test_credit_note_prefix_detected_from_negative_quantities():
    orders = pd.Series(["536365", "C536379", "536366", "C536380", "536367"], dtype="string")
    assert detect_cancel_prefix(orders, pd.Series([6, -1, 3, -2, 1.0])) == "C"
    # a letter that also prefixes ordinary orders is not a credit-note marker
    assert detect_cancel_prefix(orders, pd.Series([6, 1, 3, 2, 1.0])) is None
    # order numbers that are mostly not numeric: no prefix rule at all
    assert detect_cancel_prefix(pd.Series(["#1001", "#1002", "C1"], dtype="string"),
                                pd.Series([1, 1, -1.0])) is None


def test_cancellation_prefix_flags_lines():
    out = _classify([
        {"order_id": "536365", "product_id": "85123A", "product_name": "HEART", "quantity": 6, "unit_price": 2.55,
         "customer_id": "17850"},
        {"order_id": "C536383", "product_id": "35004C", "product_name": "DUCKS", "quantity": -1, "unit_price": 4.65,
         "customer_id": "15311"},
    ], cancel_prefix="C")
    assert out["is_cancellation"].tolist() == [0, 1]
    assert out["line_kind"].tolist() == ["sale", "cancellation"]
    assert out["is_merchandise"].tolist() == [1, 1]


@pytest.mark.parametrize("status, cancelled", [
    ("paid", False), ("Cancelled", True), ("REFUNDED", True), ("voided", True), ("canceled", True),
    ("已取消", True), ("已完成", False), ("Shipped", False), (None, False)])
def test_status_cancellations(status, cancelled):
    out = _classify([{"order_id": "1", "product_id": "A1", "product_name": "Mug", "quantity": 1,
                      "unit_price": 10.0, "status": status, "customer_id": "c"}])
    assert bool(out["is_cancellation"].iloc[0]) is cancelled
    assert bool(out["status_cancelled"].iloc[0]) is cancelled
    assert out["line_kind"].iloc[0] == ("cancellation" if cancelled else "sale")


def test_returns_and_write_offs():
    out = _classify([
        # negative quantity at a positive price: a return
        {"order_id": "10", "product_id": "22139", "product_name": "TIN", "quantity": -2, "unit_price": 5.0,
         "customer_id": "c1"},
        # negative quantity at price 0 without customer: a stock write-off, not a sale or a cancellation
        {"order_id": "11", "product_id": "40016", "product_name": "damaged stock", "quantity": -1100,
         "unit_price": 0.0},
        {"order_id": "12", "product_id": "21100", "product_name": "?", "quantity": -6, "unit_price": 0.0},
        # the same with a customer is no write-off
        {"order_id": "13", "product_id": "21100", "product_name": "CAKE", "quantity": -6, "unit_price": 0.0,
         "customer_id": "c2"},
        # a negative amount on a line without quantity: money given back
        {"order_id": "14", "product_name": "Consulting", "amount": -12.5},
    ])
    assert out["line_kind"].tolist() == ["return", "write_off", "write_off", "sale", "return"]
    assert out["is_cancellation"].tolist() == [1, 0, 0, 0, 1]
    assert out["is_merchandise"].tolist() == [1, 0, 0, 1, 1]


@pytest.mark.parametrize("code, name, kind", [
    ("POST", "POSTAGE", "postage"), ("DOT", "DOTCOM POSTAGE", "postage"), ("C2", "CARRIAGE", "postage"),
    ("BANK CHARGES", "Bank Charges", "fee"), ("AMAZONFEE", "AMAZON FEE", "fee"),
    ("CRUK", "CRUK Commission", "fee"), ("D", "Discount", "discount"), ("M", "Manual", "adjustment"),
    ("B", "Adjust bad debt", "adjustment"), ("gift_0001_20", "Dotcomgiftshop Gift Voucher £20.00", "voucher"),
    ("S", "SAMPLES", "sample"), ("PADS", "PADS TO MATCH ALL CUSHIONS", "service"),
    (None, "运费", "postage"), (None, "Gift Card", "voucher"),
    ("23444", "Next Day Carriage", "postage"), (None, "Shipping & Handling", "postage"),
    ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "sale"),
    # a service word inside a product's name does not make it a service (UCI: 98 such lines)
    ("23099", "FRENCH CARRIAGE LANTERN", "sale"), ("85168B", "BLACK BAROQUE CARRIAGE CLOCK", "sale"),
])
def test_non_merchandise_names_and_codes(code, name, kind):
    out = _classify([{"order_id": "1", "product_id": code, "product_name": name, "quantity": 1,
                      "unit_price": 1.0, "customer_id": "c"}])
    assert out["line_kind"].iloc[0] == kind
    assert out["is_merchandise"].iloc[0] == int(kind == "sale")


def test_letter_codes_are_no_services_by_themselves():
    # a letter-only code is a shop's naming style, not a fee (only known service codes are)
    row = [{"order_id": "1", "product_id": "MUGBLUE", "product_name": "Blue mug", "quantity": 1,
            "unit_price": 8.0, "customer_id": "c"}]
    assert _classify(row, numeric_codes=True)["line_kind"].iloc[0] == "sale"
    assert _classify(row, numeric_codes=False)["line_kind"].iloc[0] == "sale"
    assert codes_mostly_numeric(pd.Series(["85123A", "71053", "POST", "22752", "84029G"]))
    assert not codes_mostly_numeric(pd.Series(["MUG-BL", "BOWL-S", "PLANTER"]))
