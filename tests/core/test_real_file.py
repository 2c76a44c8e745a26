"""The shared UCI Online Retail file, imported as it is, reproduces the counts in its README
(../shared/data/README.md); importing it again adds nothing."""
from __future__ import annotations

import json

import pytest

from shopinsight.core.importer import import_files
from shopinsight.core.quality import shop_quality
from shopinsight.core.store import Shop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def uci(uci_shop_path):
    shop = Shop(uci_shop_path, readonly=True)
    yield shop
    shop.close()


def _n(shop, where: str) -> int:
    return shop.scalar(f"SELECT count(*) FROM lines WHERE {where}")


def test_readme_counts(uci):
    s = uci.summary()
    assert s["lines"] == 541_909
    assert s["order_numbers"] == 25_900 and s["customer_ids"] == 4_372
    # orders and customers with at least one merchandise sale line (core.facts, as in the Overview)
    assert (s["orders"], s["customers"]) == (20_521, 4_335)
    assert (s["first_day"], s["last_day"]) == ("2010-12-01", "2011-12-09")
    assert uci.scalar("SELECT min(ordered_at) || ' ' || max(ordered_at) FROM lines") == \
        "2010-12-01 08:26:00 2011-12-09 12:50:00"
    assert _n(uci, "is_cancellation = 1") == 9_288
    assert _n(uci, "order_id LIKE 'C%'") == 9_288 == _n(uci, "order_id LIKE 'C%' AND quantity < 0")
    assert _n(uci, "order_id LIKE 'C%' AND customer_id IS NOT NULL") == 8_905
    assert uci.scalar("SELECT count(DISTINCT order_id) FROM lines WHERE order_id LIKE 'C%'") == 3_836
    assert _n(uci, "customer_id IS NULL") == 135_080
    assert _n(uci, "product_name IS NULL") == 1_454 == _n(uci, "product_name IS NULL AND unit_price = 0")
    assert _n(uci, "unit_price = 0") == 2_515
    assert _n(uci, "unit_price = 0 AND customer_id IS NULL") == 2_475
    assert _n(uci, "unit_price < 0") == 2
    assert _n(uci, "quantity < 0") == 10_624
    assert _n(uci, "quantity = 0") == 0
    assert abs(uci.scalar("SELECT total(quantity * unit_price) FROM lines") - 9_747_747.93) < 0.01
    assert abs(uci.scalar("SELECT total(amount) FROM lines") - 9_747_747.93) < 0.01


def test_readme_duplicates_kept_and_counted(uci):
    assert uci.scalar("SELECT count(*) FROM line_items WHERE occurrence > 0") == 5_268
    (dups, read, imported, rejected) = uci.conn.execute(
        "SELECT duplicates_in_file, rows_read, rows_imported, rows_rejected FROM imports").fetchone()
    assert (dups, read, imported, rejected) == (5_268, 541_909, 541_909, 0)


def test_readme_dates_read_month_first(uci):
    assert uci.scalar("SELECT count(DISTINCT day) FROM lines") == 305
    assert _n(uci, "strftime('%w', day) = '6'") == 0                     # no Saturdays
    assert _n(uci, "day BETWEEN '2011-02-01' AND '2011-02-28'") == 27_707
    assert _n(uci, "day BETWEEN '2011-11-01' AND '2011-11-30'") == 84_711
    q = json.loads(uci.scalar("SELECT quality_json FROM imports"))
    assert q["date"]["format"] == "%m/%d/%Y %H:%M" and q["date"]["ambiguous_with"] is None


def test_readme_flags(uci):
    # ordinary sales: Quantity > 0, UnitPrice > 0, CustomerID present, not a C invoice
    assert _n(uci, "quantity > 0 AND unit_price > 0 AND customer_id IS NOT NULL AND order_id NOT LIKE 'C%'") \
        == 397_884
    # the 1,336 negative quantities that are not cancellations are stock write-offs: not merchandise
    assert _n(uci, "quantity < 0 AND is_cancellation = 0") == 1_336
    assert _n(uci, "quantity < 0 AND is_cancellation = 0 AND is_merchandise = 1") == 0
    # bad-debt adjustments
    assert uci.conn.execute("SELECT unit_price, line_kind, is_merchandise FROM lines WHERE order_id LIKE 'A%' "
                            "ORDER BY line_id").fetchall() == [
        (11062.06, "adjustment", 0), (-11062.06, "adjustment", 0), (-11062.06, "adjustment", 0)]
    # service codes (README: POST 1,256; DOT 710; M/m 572; C2 144; D 77; S 63; BANK CHARGES 37;
    # AMAZONFEE 34; CRUK 16; B 3) are all non-merchandise
    codes = "('POST','DOT','M','C2','D','S','BANK CHARGES','AMAZONFEE','CRUK','B')"
    assert _n(uci, f"product_id IN {codes}") == 2_912
    assert _n(uci, f"product_id IN {codes} AND product_name IS NOT NULL AND is_merchandise = 1") == 0
    # by code: every line of these codes, named or not, is non-merchandise (and PADS, the vouchers)
    assert _n(uci, f"product_id IN {codes} AND is_merchandise = 1") == 0
    assert _n(uci, "(product_id = 'PADS' OR product_id LIKE 'GIFT_0001_%') AND is_merchandise = 1") == 0
    assert uci.scalar(f"SELECT count(*) FROM products WHERE product_id IN {codes} AND is_merchandise = 0") == 10
    # the DCGS… dotcom/eBay items are products (party bags, dog collars), not services: only their
    # 12 stock write-offs (negative quantity, price 0, no customer) are out of net sales
    assert _n(uci, "product_id LIKE 'DCGS%'") == 45
    assert _n(uci, "product_id LIKE 'DCGS%' AND is_merchandise = 0") == 12 == \
        _n(uci, "product_id LIKE 'DCGS%' AND line_kind = 'write_off'")
    # a real product code whose whole name is a service is one; no other 5-digit product is flagged by name
    assert _n(uci, "product_name = 'Next Day Carriage' AND line_kind = 'postage'") == 80
    # products with a few write-off lines stay merchandise
    assert uci.scalar("SELECT is_merchandise FROM products WHERE product_id = '40016'") == 1
    assert uci.scalar("SELECT is_merchandise FROM products WHERE product_id = '85123A'") == 1
    assert _n(uci, "product_id LIKE 'GIFT_0001_%'") == 34       # 31 named vouchers + 3 warehouse notes
    # README: the £ sign appears in 32 gift-voucher descriptions
    assert _n(uci, "product_name LIKE '%Gift Voucher%' AND line_kind = 'voucher' AND is_merchandise = 0") == 32
    assert uci.scalar("SELECT count(*) FROM products WHERE product_id LIKE 'GIFT_0001_%' "
                      "AND is_merchandise = 0") == 5
    # real products whose names hold a service word stay merchandise
    assert _n(uci, "product_name IN ('FRENCH CARRIAGE LANTERN', 'BLACK BAROQUE CARRIAGE CLOCK') "
                   "AND is_merchandise = 1") == 98
    # lower-case code suffixes are upper-cased (the source spelling kept in `extra`)
    assert _n(uci, "product_id GLOB '*[a-z]*'") == 0
    assert _n(uci, "extra LIKE '%_source_product_id%'") >= 1_942


def test_readme_extremes_and_quirks(uci):
    big = uci.conn.execute("SELECT order_id, quantity, amount, is_cancellation FROM lines "
                           "WHERE abs(quantity) = 80995 ORDER BY line_id").fetchall()
    assert [(o, q, c) for o, q, _, c in big] == [("581483", 80995.0, 0), ("C581484", -80995.0, 1)]
    assert big[0][2] == -big[1][2]
    q = shop_quality(uci)
    assert q["orders_with_several_times"] == 43
    assert q["customers_with_several_countries"] == 8
    assert uci.scalar("SELECT count(DISTINCT country) FROM lines") == 38


def test_reimport_adds_nothing(uci_shop_copy, uci_file):
    with Shop(uci_shop_copy) as shop:
        before = shop.line_count()
        (res,) = import_files(shop, [uci_file])
        assert (res.rows_read, res.imported, res.skipped, res.rejected) == (541_909, 0, 541_909, 0)
        assert shop.line_count() == before == 541_909
        assert shop.scalar("SELECT rows_skipped FROM imports ORDER BY import_id DESC LIMIT 1") == 541_909
