"""Non-merchandise detection is precise: a service word *inside* a product's name is no fee.

Fees, postage, vouchers … are recognised by a known service code, by a name that *is* the
service as a whole, or by the export's own line type.  The corpora are in tests/data/classify/:
``merchandise_names.txt`` (over 200 real-looking product names, many holding a service word:
none may be flagged) and ``non_merchandise_lines.csv`` (code, name and expected kind of the fee
and postage lines of the importer corpus, the UCI file and other shops: all must be found).
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.importer.flags import classify, codes_mostly_numeric, name_kind, product_kind

DATA = Path(__file__).resolve().parents[1] / "data" / "classify"


def _merchandise_names() -> list[str]:
    return [ln.strip() for ln in (DATA / "merchandise_names.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def _non_merchandise() -> list[dict]:
    with open(DATA / "non_merchandise_lines.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _flags(codes, names, numeric_codes=True) -> pd.DataFrame:
    n = len(names)
    one = pd.Series(np.ones(n))
    return classify(pd.Series(["1"] * n, dtype="string"), pd.Series(codes, dtype="string"),
                    pd.Series(names, dtype="string"), one, one, one, pd.Series(["c"] * n, dtype="string"),
                    pd.Series([pd.NA] * n, dtype="string"), cancel_prefix=None, numeric_codes=numeric_codes)


def test_corpus_has_over_200_merchandise_names():
    names = _merchandise_names()
    assert len(names) >= 200 and len(set(names)) == len(names)
    assert sum(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names) >= 20      # Chinese names


@pytest.mark.parametrize("numeric_codes", [True, False])
def test_no_merchandise_name_is_flagged(numeric_codes):
    names = _merchandise_names()
    # with a product code (numeric or not) and without one
    codes = [f"{10000 + i}" if i % 2 else f"SKU-{i}" for i in range(len(names))]
    for cs in (codes, [None] * len(names)):
        out = _flags(cs, names, numeric_codes)
        flagged = [(n, k) for n, k, m in zip(names, out["line_kind"], out["is_merchandise"]) if not m]
        assert flagged == []


@pytest.mark.parametrize("name", ["Office Chair with Height Adjustment", "Shipping Box Set", "Gift Card Holder",
                                  "Postage Stamp Album", "Carriage Clock"])
def test_issue_examples_are_merchandise(name):
    assert name_kind(name) is None
    assert _flags(["X-1"], [name])["is_merchandise"].tolist() == [1]


def test_every_fee_and_postage_line_is_found():
    rows = _non_merchandise()
    assert len(rows) >= 70
    out = _flags([r["code"] or None for r in rows], [r["name"] or None for r in rows])
    got = [(r["code"], r["name"], k) for r, k in zip(rows, out["line_kind"])]
    assert got == [(r["code"], r["name"], r["kind"]) for r in rows]
    assert out["is_merchandise"].sum() == 0


def test_uci_short_codes_only_in_shops_with_numeric_codes():
    # 'S', 'M', 'D' are UCI service codes; in a shop of SKU-style codes they may be sizes/products
    assert product_kind("S", "T-Shirt Small", numeric_codes=True) == "sample"
    assert product_kind("S", "T-Shirt Small", numeric_codes=False) == "merchandise"
    assert product_kind("POST", "POSTAGE", numeric_codes=False) == "postage"
    # a letter-only code is no service by itself (the old rule flagged 'Blue mug' as a fee)
    assert product_kind("MUGBLUE", "Blue mug", numeric_codes=True) == "merchandise"


def test_uci_readme_service_codes_all_found_and_products_kept(uci_file):
    """Per distinct (code, name) of the real file: the README's non-product codes are all
    non-merchandise, the DCGS… dotcom items (party bags, collars) and every 5-digit product whose
    name merely holds a service word stay merchandise."""
    df = pd.read_csv(uci_file, dtype=str, usecols=["StockCode", "Description"], keep_default_na=False)
    code = df["StockCode"].str.strip().str.upper()
    name = df["Description"].str.strip().str.replace(r"\s+", " ", regex=True)
    pairs = pd.DataFrame({"code": code, "name": name}).value_counts().reset_index(name="n")
    numeric = codes_mostly_numeric(code)
    pairs["kind"] = [product_kind(c, nm or None, numeric) for c, nm in zip(pairs["code"], pairs["name"])]
    non = pairs[pairs["kind"] != "merchandise"]
    by_code = non.groupby("code")["n"].sum().to_dict()
    readme = {"POST": 1256, "DOT": 710, "M": 572, "C2": 144, "D": 77, "S": 63, "BANK CHARGES": 37,
              "AMAZONFEE": 34, "CRUK": 16, "B": 3, "PADS": 4}
    assert {c: by_code.get(c) for c in readme} == readme
    assert sum(n for c, n in by_code.items() if c.startswith("GIFT_0001_")) == 34
    assert pairs[pairs["code"].str.startswith("DCGS")]["kind"].eq("merchandise").all()
    assert pairs[pairs["code"].str.startswith("DCGS")]["n"].sum() == 45
    # among real 5-digit products only whole-name services are flagged
    five = non[non["code"].str.fullmatch(r"\d{5}[A-Z]{0,2}")]
    assert set(five["name"].str.lower()) <= {"next day carriage", "adjustment", "samples", "amazon adjustment",
                                             "dotcomgiftshop gift voucher £100.00"}
    assert five[five["name"] == "Next Day Carriage"]["n"].sum() == 80
    kept = pairs[pairs["name"].isin(["FRENCH CARRIAGE LANTERN", "BLACK BAROQUE CARRIAGE CLOCK"])]
    assert kept["kind"].eq("merchandise").all() and kept["n"].sum() == 98


def test_importing_the_merchandise_corpus_flags_nothing(tmp_path):
    """Through the whole importer (trimming, upper-cased codes, the file's code style): a shop export
    of the 219 names, half with codes, has no non-merchandise line; its fee lines are all found."""
    from shopinsight.core.importer import import_files
    from shopinsight.core.store import Shop

    names = _merchandise_names()
    fees = [r for r in _non_merchandise() if not r["code"]]        # the lines known by name alone
    f = tmp_path / "orders.csv"
    with open(f, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Order", "Date", "SKU", "Product", "Qty", "Price"])
        for i, n in enumerate(names):
            w.writerow([f"A{i}", "2024-05-01", f"SKU-{i}" if i % 2 else "", f"  {n} ", 1, "9.99"])
        for i, r in enumerate(fees):
            w.writerow([f"B{i}", "2024-05-02", "", r["name"], 1, "4.50"])
    with Shop(tmp_path / "s.shop") as shop:
        (res,) = import_files(shop, [f])
        kinds = shop.conn.execute("SELECT order_id, line_kind FROM lines ORDER BY line_id").fetchall()
    assert res.imported == len(names) + len(fees)
    assert [k for o, k in kinds if o.startswith("A") and k != "sale"] == []
    assert [k for o, k in kinds if o.startswith("B")] == [r["kind"] for r in fees]
    assert res.quality["non_merchandise"] == len(fees) >= 60
