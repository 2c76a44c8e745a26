"""The user corrects the non-merchandise detection: `shopinsight classify` and core.classify.

A correction is stored in the shop (schema migration 4), applied at once to the stored lines, the
products and the customers' net sales, and to every later import; a bad kind or an unknown code
is bad input (exit 2) and changes nothing.
"""
from __future__ import annotations

import json

import pytest
from importer_helpers import CORPUS, do_import, fingerprint, read_lines

from shopinsight.cli import main
from shopinsight.core.classify import list_flagged, load_overrides, set_kinds
from shopinsight.core.errors import InputError
from shopinsight.core.store import Shop

FLAGS = "line_id, product_id, product_name, is_cancellation, is_merchandise, line_kind"


def _uci(tmp_path):
    path = tmp_path / "u.shop"
    do_import(path, "uci_slice.csv")
    return path


def test_list_shows_every_flagged_code_with_lines_and_net_sales(tmp_path):
    path = _uci(tmp_path)
    with Shop(path) as shop:
        df = list_flagged(shop)
    got = {r.key: (r.name, r.kind, r.source, r.lines, r.net_sales) for r in df.itertuples()}
    assert got == {"POST": ("POSTAGE", "postage", "rule", 1, 54.0),
                   "DOT": ("DOTCOM POSTAGE", "postage", "rule", 1, 569.77),
                   "D": ("Discount", "discount", "rule", 1, -27.5),
                   "B": ("Adjust bad debt", "adjustment", "rule", 1, 11062.06)}


def test_set_kind_applies_to_lines_products_customers_at_once(tmp_path):
    path = _uci(tmp_path)
    with Shop(path) as shop:
        before = shop.summary()["net_sales"]
        cust = shop.scalar("SELECT net_sales FROM customers WHERE customer_id = '12583'")
        res = set_kinds(shop, {"post": "merchandise", "DOT": "fee"})
        assert res.lines_updated == 2
        assert [c["key"] for c in res.changes] == ["POST", "DOT"]
        assert shop.summary()["net_sales"] == round(before + 54.0, 2)
        assert shop.scalar("SELECT net_sales FROM customers WHERE customer_id = '12583'") == cust + 54.0
        assert shop.scalar("SELECT is_merchandise FROM products WHERE product_id = 'POST'") == 1
        assert shop.scalar("SELECT is_merchandise FROM products WHERE product_id = 'DOT'") == 0
        df = list_flagged(shop).set_index("key")
        assert df.loc["POST", ["kind", "source"]].tolist() == ["merchandise", "user"]
        assert df.loc["DOT", ["kind", "source"]].tolist() == ["fee", "user"]
    assert read_lines(path, "line_kind, is_merchandise", "WHERE product_id IN ('POST', 'DOT') ") == \
        [("sale", 1), ("fee", 0)]


def test_stored_correction_equals_a_fresh_import_with_it_and_auto_undoes_it(tmp_path):
    """The SQL that re-flags stored lines gives what the importer gives: a credit note of a code
    made merchandise is a cancellation, a return stays a return; 'auto' restores the rules."""
    path = _uci(tmp_path)
    original = read_lines(path, FLAGS)
    corrections = {"D": "merchandise", "POST": "merchandise", "85123A": "voucher", "40016": "fee",
                   "35004C": "sample"}
    with Shop(path) as shop:
        set_kinds(shop, corrections)
    corrected = read_lines(path, FLAGS)
    fresh = tmp_path / "fresh.shop"
    with Shop(fresh) as shop:      # the same corrections stored before the import
        with shop.transaction() as c:
            c.executemany("INSERT INTO classification_overrides VALUES ('code', ?, ?, '2024-01-01')",
                          list(corrections.items()))
    do_import(fresh, "uci_slice.csv")
    assert read_lines(fresh, FLAGS) == corrected
    kinds = {r[1]: r[5] for r in corrected}
    assert kinds["D"] == "cancellation" and kinds["POST"] == "sale" and kinds["85123A"] == "voucher"
    with Shop(path) as shop:
        set_kinds(shop, {k: "auto" for k in corrections})
        assert not load_overrides(shop)
    assert read_lines(path, FLAGS) == original


def test_correction_applies_to_later_imports(tmp_path):
    path = _uci(tmp_path)
    with Shop(path) as shop:
        set_kinds(shop, [("POST", "fee")])
    extra = tmp_path / "more.csv"
    extra.write_text("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                     "540001,POST,POSTAGE,1,1/5/2011 10:00,15,12583,France\n")
    with Shop(path) as shop:
        from shopinsight.core.importer import import_files
        (res,) = import_files(shop, [extra])
    assert res.imported == 1
    assert read_lines(path, "line_kind, is_merchandise", "WHERE product_id = 'POST'") == [("fee", 0), ("fee", 0)]


def test_lines_without_code_are_corrected_by_name(tmp_path):
    path = tmp_path / "g.shop"
    do_import(path, "gbk_chinese_headers.csv")      # '运费' (postage) has no product code
    with Shop(path) as shop:
        df = list_flagged(shop)
        assert df[["key", "key_type", "kind", "lines"]].values.tolist() == [["name:运费", "name", "postage", 1]]
        set_kinds(shop, {"name:运费": "fee"})
        assert shop.scalar("SELECT line_kind FROM lines WHERE product_name = '运费'") == "fee"
        set_kinds(shop, {"运费": "merchandise"})            # a bare name works too
        assert shop.scalar("SELECT is_merchandise FROM lines WHERE product_name = '运费'") == 1


@pytest.mark.parametrize("change, message", [
    ({"POST": "shipping-ish"}, "unknown kind 'shipping-ish'"),
    ({"NOPE": "fee"}, "unknown code 'NOPE'"),
    ({"POST": "fee", "NOPE": "fee"}, "unknown code 'NOPE'"),
])
def test_bad_kind_or_unknown_code_changes_nothing(tmp_path, change, message):
    path = _uci(tmp_path)
    before = fingerprint(path)
    with Shop(path) as shop, pytest.raises(InputError, match=message):
        set_kinds(shop, change)
    assert fingerprint(path) == before


def _cli(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_list_and_set_json(tmp_path, capsys):
    path = _uci(tmp_path)
    rc, out, err = _cli(capsys, "classify", "--db", path, "--json")
    assert rc == 0, err
    o = json.loads(out)
    assert {r["key"] for r in o["flagged"]} == {"POST", "DOT", "D", "B"} and o["non_merchandise_lines"] == 4
    rc, out, err = _cli(capsys, "classify", "--db", path, "--set", "POST=merchandise", "--set", "B=fee", "--json")
    assert rc == 0, err
    assert len(out.strip().splitlines()) == 1
    o = json.loads(out)
    assert o["lines_updated"] == 2 and o["non_merchandise_lines"] == 3
    assert {r["key"]: r["kind"] for r in o["flagged"]}["POST"] == "merchandise"
    rc, out, err = _cli(capsys, "classify", "--db", path, "--list")
    assert rc == 0 and "POSTAGE" in out and "merchandise" in out and "user" in out


@pytest.mark.parametrize("arg, words", [("POST=bogus", ["unknown kind 'bogus'", "postage"]),
                                        ("NOPE=fee", ["unknown code 'NOPE'"]),
                                        ("POST", ["expected CODE=KIND"])])
def test_cli_bad_input_exits_2_with_message(tmp_path, capsys, arg, words):
    path = _uci(tmp_path)
    before = fingerprint(path)
    rc, out, err = _cli(capsys, "classify", "--db", path, "--set", arg)
    assert rc == 2
    assert all(w in err for w in words), err
    assert fingerprint(path) == before
    rc, out, err = _cli(capsys, "classify", "--db", path, "--set", arg, "--json")
    assert rc == 2 and json.loads(out)["error"]["kind"] == "input"


def test_cli_missing_shop_exits_2(tmp_path, capsys):
    rc, _, err = _cli(capsys, "classify", "--db", tmp_path / "none.shop", "--list")
    assert rc == 2 and "no such shop" in err


def test_export_line_type_column_decides_and_auto_restores_it(tmp_path):
    """A file that says each line's type ('Item Type': shipping, fee, coupon, tax) is read by it:
    'Flat rate' is postage though its name says nothing, 'Shipping Box Set' stays merchandise."""
    path = tmp_path / "w.shop"
    do_import(path, "order_items_with_type.csv")
    expected = [("Shipping Box Set", 1, "sale"), ("Gift Card Holder", 1, "sale"), ("Flat rate", 0, "postage"),
                ("Payment surcharge", 0, "fee"), ("SPRING10", 0, "discount"), ("VAT", 0, "tax")]
    assert read_lines(path, "product_name, is_merchandise, line_kind") == expected
    with Shop(path) as shop:
        set_kinds(shop, {"name:Flat rate": "merchandise"})
        assert shop.scalar("SELECT line_kind FROM lines WHERE product_name = 'Flat rate'") == "sale"
        set_kinds(shop, {"name:flat rate": "auto"})
    assert read_lines(path, "product_name, is_merchandise, line_kind") == expected
