"""The importer against a corpus of small, awkward, real-shaped exports (tests/data/import/).

Every good file is imported with no options and checked value by value (amounts, flags, dates as
stored in `lines`, the mapping and format chosen).  Every bad file must raise an InputError that
names the file (and the column/value where there is one) and leave the shop byte-for-byte as it
was.  The files are written by tests/data/import/make_corpus.py (except orders.xlsx, made there
with openpyxl too).
"""
from __future__ import annotations

import json

import pytest
from importer_helpers import CORPUS, baseline_shop, do_import, fingerprint, read_lines

from shopinsight.core.errors import InputError
from shopinsight.core.store import Shop

COLS = "order_id, ordered_at, customer_id, product_id, quantity, unit_price, amount, " \
       "is_cancellation, is_merchandise, line_kind"


def _one(tmp_path, name, **opts):
    path = tmp_path / "t.shop"
    (res,) = do_import(path, name, **opts)
    assert res.rows_read == res.imported + res.rejected + res.skipped
    return res, path


def _mapped(res) -> dict:
    return {k: v for k, v in res.mapping.items() if v}


# -- shop exports -----------------------------------------------------------------------------

def test_shopify_order_fields_filled_down_refund_flagged(tmp_path):
    res, path = _one(tmp_path, "shopify_orders_export.csv")
    assert (res.rows_read, res.imported, res.rejected) == (7, 7, 0)
    assert res.format["preset"] == "shopify"
    assert res.format["date_format"] == "%Y-%m-%d %H:%M:%S"
    # the order-level Total/Subtotal must not be taken for the line amount
    assert res.mapping["amount"] is None and res.mapping["unit_price"] == "Lineitem price"
    assert res.mapping["customer_email"] == "Email" and res.mapping["status"] == "Financial Status"
    assert any("time-zone" in w for w in res.warnings)
    anna = "anna.schmidt@example.com"
    assert read_lines(path, COLS + ", country, store") == [
        ("#1001", "2025-10-07 09:50:26", anna, "TT-SAGE", 2.0, 12.0, 24.0, 0, 1, "sale", "DE", "web"),
        ("#1001", "2025-10-07 09:50:26", anna, "MUG-SPK", 1.0, 40.0, 40.0, 0, 1, "sale", "DE", "web"),
        ("#1002", "2025-10-07 18:01:10", "ben@example.org", "TT-SAGE", 1.0, 12.0, 12.0, 0, 1, "sale", "ES", "web"),
        ("#1002", "2025-10-07 18:01:10", "ben@example.org", "CND-BW", 1.0, 13.0, 13.0, 0, 1, "sale", "ES", "web"),
        ("#1003", "2025-10-08 07:14:02", "cara@example.net", "MUG-SPK", 1.0, 40.0, 0.0, 1, 1, "cancellation",
         "PL", "pos"),
        ("#1004", "2025-10-09 21:30:00", anna, "CND-BW", 3.0, 13.0, 39.0, 0, 1, "sale", "DE", "web"),
        ("#1004", "2025-10-09 21:30:00", anna, None, 1.0, 10.5, 10.5, 0, 0, "voucher", "DE", "web"),
    ]
    with Shop(path) as shop:
        s = shop.summary()
        extra = json.loads(shop.scalar("SELECT extra FROM lines WHERE order_id = '#1003'"))
    # #1003 was cancelled: an order number, but not an order (no merchandise sale line), and
    # cara, who only cancelled, is not counted as a customer (core.facts)
    assert (s["orders"], s["customers"], s["net_sales"]) == (3, 2, 128.0)
    assert (s["order_numbers"], s["customer_ids"]) == (4, 3)
    assert extra["_source_amount"] == 40.0 and extra["Refunded Amount"] == "40.00"


def test_woocommerce_cancelled_refunded_and_guest_customer(tmp_path):
    res, path = _one(tmp_path, "woocommerce_order_items.csv")
    assert res.format["preset"] == "woocommerce" and (res.rows_read, res.imported) == (5, 5)
    assert res.mapping["amount"] == "Item Total" and res.mapping["unit_price"] == "Item Cost"
    assert read_lines(path, COLS) == [
        ("4512", "2024-03-05 14:22:10", "17", "WB-500", 2.0, 9.5, 19.0, 0, 1, "sale"),
        ("4512", "2024-03-05 14:22:10", "17", "LB-01", 1.0, 20.0, 20.0, 0, 1, "sale"),
        # Customer ID 0 = guest checkout: identified by e-mail, not merged into one customer "0"
        ("4513", "2024-03-06 09:01:55", "tom.hill@example.com", "WB-750", 1.0, 11.0, 11.0, 0, 1, "sale"),
        ("4514", "2024-03-06 17:45:00", "23", "LB-01", 1.0, 20.0, 0.0, 1, 1, "cancellation"),
        ("4515", "2024-03-07 08:30:12", "17", "WB-500", 3.0, 9.5, 0.0, 1, 1, "cancellation"),
    ]
    assert res.quality["status_cancelled_zeroed"] == 2


def test_etsy_month_first_two_digit_years(tmp_path):
    res, path = _one(tmp_path, "EtsySoldOrderItems2024-3.csv")
    assert res.format["preset"] == "etsy" and res.format["date_format"] == "%m/%d/%y"
    assert res.mapping["status"] is None          # 'Ship State' is no order status
    assert read_lines(path, COLS + ", country") == [
        ("2001", "2024-03-02", "jdoe42", "MUG-BL", 2.0, 18.0, 36.0, 0, 1, "sale", "United States"),
        ("2001", "2024-03-02", "jdoe42", "BOWL-S", 1.0, 24.5, 24.5, 0, 1, "sale", "United States"),
        ("2002", "2024-03-15", "ceramicsfan", "MUG-WH", 1.0, 18.0, 18.0, 0, 1, "sale", "United States"),
        ("2003", "2024-03-28", "mossy_k", "PLT-S", 3.0, 12.0, 36.0, 0, 1, "sale", "Canada"),
    ]


def test_amazon_item_price_is_line_total_and_cancelled_order_kept(tmp_path):
    res, path = _one(tmp_path, "amazon_all_orders.txt")
    assert res.format["preset"] == "amazon" and res.format["delimiter"] == "tab"
    assert res.mapping["amount"] == "item-price"
    assert res.mapping["unit_price"] is None      # not 'shipping-price'
    assert (res.rows_read, res.imported, res.rejected) == (5, 5, 0)
    assert read_lines(path, COLS + ", store") == [
        ("112-0000001-0000001", "2024-05-01 10:15:32", None, "BCB-L", 2.0, 29.99, 59.98, 0, 1, "sale", "Amazon.com"),
        ("112-0000002-0000002", "2024-05-01 23:40:05", None, "TT-3", 1.0, 12.5, 12.5, 0, 1, "sale", "Amazon.com"),
        ("112-0000002-0000002", "2024-05-01 23:40:05", None, "OM-1", 3.0, 14.99, 44.97, 0, 1, "sale", "Amazon.com"),
        # a Cancelled order has quantity 0 and no item-price: kept as a cancellation worth 0
        ("112-0000003-0000003", "2024-05-02 08:05:00", None, "BCB-S", 0.0, None, 0.0, 1, 1, "cancellation",
         "Amazon.com"),
        ("112-0000004-0000004", "2024-05-03 12:00:00", None, "BCB-L", 1.0, 29.99, 29.99, 0, 1, "sale", "Amazon.com"),
    ]


def test_superstore_sales_is_line_total_unit_price_derived(tmp_path):
    res, path = _one(tmp_path, "superstore_orders.csv")
    assert res.format["preset"] == "superstore" and res.format["date_format"] == "%m/%d/%Y"
    assert res.mapping["amount"] == "Sales" and res.mapping["status"] is None
    rows = read_lines(path, "order_id, day, quantity, unit_price, amount")
    assert rows == [
        ("CA-2016-152156", "2016-11-08", 2.0, 130.98, 261.96),
        ("CA-2016-152156", "2016-11-08", 3.0, 243.98, 731.94),
        ("CA-2016-138688", "2016-06-12", 2.0, 7.31, 14.62),
        ("US-2015-108966", "2015-10-11", 5.0, 191.5155, 957.5775),
        ("US-2015-108966", "2015-10-11", 2.0, 11.184, 22.368),
        ("US-2015-118983", "2015-11-22", 5.0, 13.762, 68.81),
    ]
    assert res.quality["unit_price_derived"] == 6


# -- summaries and logs -----------------------------------------------------------------------

def test_daily_summary_without_orders_or_customers(tmp_path):
    res, path = _one(tmp_path, "daily_summary.csv")
    assert _mapped(res) == {"ordered_at": "date", "quantity": "units", "amount": "revenue"}
    assert read_lines(path, "order_id, customer_id, day, quantity, amount, is_cancellation") == [
        (None, None, "2024-01-01", 12.0, 240.5, 0), (None, None, "2024-01-02", 0.0, 0.0, 0),
        (None, None, "2024-01-03", 7.0, 1050.25, 0), (None, None, "2024-01-04", 3.0, 61.2, 0)]


def test_weekly_summary_per_store_and_product(tmp_path):
    res, path = _one(tmp_path, "weekly_store_summary.csv")
    assert _mapped(res) == {"ordered_at": "Week", "store": "Store", "product_name": "Product",
                            "quantity": "Units Sold", "amount": "Revenue"}
    assert read_lines(path, "day, store, product_name, quantity, amount") == [
        ("2024-01-01", "North", "Espresso Beans 1kg", 40.0, 1196.0),
        ("2024-01-01", "South", "Espresso Beans 1kg", 25.0, 747.5),
        ("2024-01-08", "North", "Espresso Beans 1kg", 38.0, 1136.2),
        ("2024-01-08", "North", "Filter Papers", 10.0, 45.0),
        ("2024-01-08", "South", "Filter Papers", 4.0, 18.0)]


def test_whitespace_separated_till_log(tmp_path):
    res, path = _one(tmp_path, "till_log.txt")
    assert res.format["kind"] == "whitespace" and res.format["delimiter"] == "whitespace"
    assert _mapped(res) == {"ordered_at": "timestamp", "product_id": "sku", "quantity": "qty",
                            "unit_price": "price"}
    assert read_lines(path, "ordered_at, product_id, quantity, amount, extra") == [
        ("2024-02-01 09:13:55", "SKU-12", 2.0, 7.0, '{"register": "R1"}'),
        ("2024-02-01 09:20:02", "SKU-7", 1.0, 12.0, '{"register": "R2"}'),
        ("2024-02-01 10:41:30", "SKU-12", 5.0, 17.5, '{"register": "R1"}'),
        ("2024-02-02 08:05:11", "SKU-30", 1.0, 0.99, '{"register": "R1"}')]


# -- dates ------------------------------------------------------------------------------------

def test_yyyymmdd_dates(tmp_path):
    res, path = _one(tmp_path, "yyyymmdd.csv")
    assert res.format["date_format"] == "%Y%m%d"
    assert read_lines(path, "order_id, ordered_at, amount") == [
        ("90001", "2024-01-05", 10.0), ("90002", "2024-01-31", 8.5), ("90003", "2024-02-01", 30.0)]


def test_day_first_settled_by_one_row_semicolons_decimal_comma(tmp_path):
    res, path = _one(tmp_path, "eu_semicolon_decimal_comma.csv")
    f = res.format
    assert (f["delimiter"], f["decimal"], f["date_format"]) == (";", ",", "%d/%m/%Y")
    assert f["date"]["ambiguous_with"] is None      # 25/03/2024 rules month-first out
    assert read_lines(path, "order_id, day, customer_id, quantity, unit_price, amount") == [
        ("R-100", "2024-02-03", "K-1", 1.0, 1234.5, 1234.5),
        ("R-101", "2024-02-05", "K-2", 4.0, 89.9, 359.6),
        ("R-102", "2024-03-25", "K-1", 2.0, 45.0, 90.0),
        ("R-103", "2024-04-01", "K-3", 1.0, 89.9, 89.9)]


def test_ambiguous_dates_warn_and_can_be_forced(tmp_path):
    res, path = _one(tmp_path, "ambiguous_dates.csv")
    assert res.format["date"]["ambiguous_with"] == "%d/%m/%Y"
    assert any("%m/%d/%Y" in w and "%d/%m/%Y" in w for w in res.warnings)
    assert [r[0] for r in read_lines(path, "day")] == ["2024-01-02", "2024-03-04", "2024-05-06"]
    (tmp_path / "forced").mkdir()
    res2, path2 = _one(tmp_path / "forced", "ambiguous_dates.csv", date_format="%d/%m/%Y")
    assert res2.format["date_format"] == "%d/%m/%Y" and not res2.warnings
    assert [r[0] for r in read_lines(path2, "day")] == ["2024-02-01", "2024-04-03", "2024-06-05"]


def test_iso_dates_with_offsets_and_fractions_keep_wall_clock(tmp_path):
    res, path = _one(tmp_path, "iso_timezones.csv")
    assert res.format["date"]["timezone_offsets_dropped"] is True and res.rejected == 0
    assert [r[0] for r in read_lines(path, "ordered_at")] == [
        "2024-06-30 23:30:00", "2024-07-01 01:15:00", "2024-07-01 09:00:00", "2024-07-01 12:00:00"]


# -- encodings and delimiters -----------------------------------------------------------------

@pytest.mark.parametrize("name, encoding, delimiter, names", [
    ("utf8_bom.csv", "utf-8-sig", ",", ["Crème brûlée dish", "Mug “Hello”"]),
    ("utf16_unicode_text.txt", "utf-16", "tab", ["Müsli-Schale", "茶杯", "Échelle"]),
    ("cp1252_pounds.csv", "cp1252", ",", ["Café table", "Crème jug", "Café table"]),
    ("pipe_delimited.csv", "utf-8", "|", ["Kettle", "Toaster", "Kettle"]),
    ("pos_export.tsv", "utf-8", "tab", ["Croissant", "Baguette", "Croissant"]),
])
def test_encodings_and_delimiters(tmp_path, name, encoding, delimiter, names):
    res, path = _one(tmp_path, name)
    assert (res.format["encoding"], res.format["delimiter"]) == (encoding, delimiter)
    assert res.mapping["ordered_at"] and res.mapping["product_name"]
    assert [r[0] for r in read_lines(path, "product_name")] == names


def test_utf8_bom_header_is_recognised(tmp_path):
    res, path = _one(tmp_path, "utf8_bom.csv")
    assert res.mapping["order_id"] == "Invoice"       # not '\ufeffInvoice'
    assert read_lines(path, "order_id, day, amount") == [("B-1", "2024-04-01", 13.0), ("B-2", "2024-04-02", 8.0)]


def test_gb18030_chinese_headers_yen_and_status(tmp_path):
    res, path = _one(tmp_path, "gbk_chinese_headers.csv")
    assert res.format["encoding"] == "gb18030"
    assert _mapped(res) == {"order_id": "订单号", "ordered_at": "日期", "customer_id": "客户",
                            "product_name": "商品", "quantity": "数量", "unit_price": "单价",
                            "amount": "金额", "status": "状态"}
    assert res.quality["currency_signs"] == ["¥"]
    assert read_lines(path, "order_id, ordered_at, customer_id, product_name, amount, is_cancellation, "
                            "is_merchandise, line_kind") == [
        ("DD202401001", "2024-01-05 10:02:00", "张三", "绿茶 250克", 90.0, 0, 1, "sale"),
        ("DD202401002", "2024-01-05 14:30:00", "李四", "紫砂壶", 1280.0, 0, 1, "sale"),
        ("DD202401003", "2024-01-06 09:15:00", "王五", "茶杯套装", 0.0, 1, 1, "cancellation"),
        ("DD202401004", "2024-01-13 20:45:00", "张三", "运费", 10.0, 0, 0, "postage")]


def test_cp1252_pound_amounts_day_first(tmp_path):
    res, path = _one(tmp_path, "cp1252_pounds.csv")
    assert res.format["date_format"] == "%d/%m/%Y" and res.quality["currency_signs"] == ["£"]
    assert read_lines(path, "day, unit_price, amount") == [
        ("2023-11-07", 1234.5, 1234.5), ("2023-11-23", 4.2, 12.6), ("2023-11-30", 1234.5, 1234.5)]
    with Shop(path) as shop:
        assert shop.get_meta("currency") == "GBP"


def test_parentheses_negatives_are_returns(tmp_path):
    res, path = _one(tmp_path, "accounting_parentheses.csv")
    assert res.quality["currency_signs"] == ["$"]
    assert read_lines(path, "order_id, amount, is_cancellation, line_kind") == [
        ("A-1", 1234.5, 0, "sale"), ("A-2", 250.0, 0, "sale"), ("A-3", -12.5, 1, "return")]


def test_euro_amounts_need_a_mapping_for_a_foreign_header(tmp_path):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    with pytest.raises(InputError) as e:       # 'Betrag' is no known name for an amount
        do_import(base, "euro_signs.csv")
    assert "euro_signs.csv" in str(e.value) and "--map amount=" in str(e.value)
    assert fingerprint(base) == before
    res, path = _one(tmp_path, "euro_signs.csv", mapping={"amount": "Betrag", "order_id": "Bestellung"})
    assert res.format["decimal"] == "," and res.mapping["ordered_at"] == "Datum"  # dates found by value
    assert res.confidence["amount"] == 1.0
    assert read_lines(path, "order_id, day, amount, is_cancellation") == [
        ("E-1", "2024-11-02", 12.5, 0), ("E-2", "2024-11-03", 1050.0, 0), ("E-3", "2024-11-03", 0.0, 1)]


# -- compressed, Excel, preamble, UCI quirks ------------------------------------------------------

def test_uci_slice_gzip_all_quirks(tmp_path):
    res, path = _one(tmp_path, "uci_slice.csv.gz")
    assert res.format["compressed"] is True and res.format["preset"] == "uci_online_retail"
    q = res.quality
    assert (res.rows_read, res.imported, res.duplicates_in_file) == (14, 14, 1)
    assert (q["cancellations"], q["non_merchandise"], q["missing_customer"]) == (2, 5, 5)
    assert (q["zero_price"], q["negative_quantity"], q["missing_product_name"], q["codes_normalised"]) == (2, 3, 1, 1)
    assert q["line_kinds"] == {"adjustment": 1, "cancellation": 1, "discount": 1, "postage": 2, "sale": 8,
                               "write_off": 1}
    rows = {r[0] + "/" + r[1]: r[2:] for r in read_lines(
        path, "order_id, product_id, product_name, amount, is_cancellation, is_merchandise, line_kind")}
    assert rows["C536379/D"] == ("Discount", -27.5, 1, 0, "discount")
    assert rows["C536383/35004C"] == ("SET OF 3 COLOURED FLYING DUCKS", -4.65, 1, 1, "cancellation")
    assert rows["546142/40016"] == ("damaged stock", 0.0, 0, 0, "write_off")
    assert rows["A563185/B"] == ("Adjust bad debt", 11062.06, 0, 0, "adjustment")
    assert rows["536544/DOT"][-3:] == (0, 0, "postage")
    assert rows["537226/21"][0] == 'PAPER CHAIN KIT, "VINTAGE" CHRISTMAS'
    # lower-case code suffix normalised, the source spelling kept
    assert read_lines(path, "product_id, extra", "WHERE order_id = '536982'") == [
        ("85123A", '{"_source_product_id": "85123a"}')]
    assert read_lines(path, "source_row", "WHERE order_id = '536367'") == [(10,), (11,)]


def test_same_lines_plain_and_gzipped_are_not_imported_twice(tmp_path):
    path = tmp_path / "t.shop"
    (first,) = do_import(path, "uci_slice.csv.gz")
    (again,) = do_import(path, "uci_slice.csv")        # other bytes, other hash: same lines
    assert (first.imported, again.imported, again.skipped) == (14, 0, 14)
    assert fingerprint(path)[1] == 14


def test_xlsx_with_title_rows_and_real_dates(tmp_path):
    res, path = _one(tmp_path, "orders.xlsx")
    assert res.format["kind"] == "excel" and res.format["preamble_rows"] == 2
    assert read_lines(path, "source_row, order_id, ordered_at, customer_id, quantity, unit_price, amount") == [
        (4, "X-1", "2024-03-05 09:30:00", "17850", 1.0, 24.5, 24.5),
        (5, "X-2", "2024-03-06 16:05:00", "17851", 4.0, 6.25, 25.0),
        (6, "X-3", "2024-03-07 00:00:00", None, 2.0, 24.5, 49.0)]


def test_report_preamble_skipped_and_line_numbers_physical(tmp_path):
    res, path = _one(tmp_path, "report_with_preamble.csv")
    assert res.format["preamble_rows"] == 3
    assert read_lines(path, "source_row, order_id, day, amount") == [
        (5, "N-1", "2024-11-28", 30.0), (6, "N-2", "2024-11-29", 12.0)]


# -- row-level problems: rejected with reason and line, the rest imported ------------------------

def _rejects(path):
    with Shop(path) as shop:
        return [tuple(r) for r in shop.conn.execute(
            "SELECT source_row, reason, column_name, value FROM rejected_rows ORDER BY source_row")]


def test_impossible_date_on_one_row_is_rejected_not_rolled_over(tmp_path):
    res, path = _one(tmp_path, "bad_date_row.csv")
    assert (res.rows_read, res.imported, res.rejected) == (4, 3, 1)
    assert _rejects(path) == [(4, "date not understood (expected %Y-%m-%d)", "date", "2024-02-30")]
    assert [r[0] for r in read_lines(path, "day")] == ["2024-02-27", "2024-02-28", "2024-03-01"]
    assert read_lines(path, "source_row") == [(2,), (3,), (5,)]


def test_row_with_too_many_fields_is_rejected_with_its_line(tmp_path):
    res, path = _one(tmp_path, "too_many_fields.csv")
    assert (res.rows_read, res.imported, res.rejected) == (3, 2, 1)
    assert _rejects(path) == [(3, "wrong number of fields", None, None)]
    assert read_lines(path, "source_row, order_id") == [(2, "1"), (4, "3")]   # numbering stays physical
    with Shop(path) as shop:
        raw = shop.scalar("SELECT raw_json FROM rejected_rows")
    assert "oops" in raw and "expected 5 fields, found 6" in raw


def test_non_number_quantity_is_rejected_with_line_column_value(tmp_path):
    res, path = _one(tmp_path, "bad_quantity.csv")
    assert (res.rows_read, res.imported, res.rejected) == (3, 2, 1)
    assert _rejects(path) == [(3, "not a number", "qty", "two")]
    with Shop(path) as shop:
        assert shop.rejected()["raw_json"].tolist() == [
            '{"order_id":"2","date":"2024-02-28","sku":"S1","qty":"two","unit_price":"2.00"}']


# -- file-level problems: clear error, shop unchanged --------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("empty.csv", "the file is empty"),
    ("header_only.csv", "no data rows"),
    ("binary_garbage.csv", "binary file"),
    ("no_date_column.csv", "no usable date column"),
    ("no_amount_column.csv", "no usable amount"),
    ("orders_archive.zip", "zip archive"),
    ("legacy_orders.xls", ".xls"),
    ("dates_unreadable.csv", "no usable date column"),
])
def test_bad_file_clear_error_and_shop_unchanged(tmp_path, name, message):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    assert before[1] == 4
    with pytest.raises(InputError) as e:
        do_import(base, name)
    assert e.value.file == name and str(e.value).startswith(name + ": ")
    assert message in str(e.value)
    assert fingerprint(base) == before


def test_unreadable_dates_forced_column_names_column_and_value(tmp_path):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    with pytest.raises(InputError) as e:
        do_import(base, "dates_unreadable.csv", mapping={"ordered_at": "order date"})
    assert (e.value.file, e.value.column, e.value.value) == ("dates_unreadable.csv", "order date", "soon")
    assert "--date-format" in str(e.value)
    assert fingerprint(base) == before


def test_good_and_bad_file_together_import_nothing(tmp_path):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    with pytest.raises(InputError, match="no_amount_column.csv"):
        do_import(base, "export_jan_feb.csv", "no_amount_column.csv")
    assert fingerprint(base) == before


def test_corpus_has_at_least_25_files():
    files = [p for p in CORPUS.iterdir() if p.is_file() and p.suffix != ".py"]
    assert len(files) >= 25


def test_whitespace_log_bad_rows_keep_physical_line_numbers(tmp_path):
    res, path = _one(tmp_path, "till_log_bad_rows.txt")
    assert (res.rows_read, res.imported, res.rejected) == (4, 2, 2)
    assert _rejects(path) == [(3, "wrong number of fields", None, None), (6, "not a number", "qty", "x")]
    assert read_lines(path, "source_row, ordered_at, amount") == [
        (2, "2024-02-01 09:13:55", 7.0), (5, "2024-02-01 10:41:30", 17.5)]


def test_shopify_note_spanning_two_lines(tmp_path):
    res, path = _one(tmp_path, "shopify_multiline_notes.csv")
    assert (res.rows_read, res.imported, res.rejected) == (7, 7, 0)
    assert [r[0] for r in read_lines(path, "amount")] == [24.0, 40.0, 12.0, 13.0, 0.0, 39.0, 10.5]
    note = json.loads(read_lines(path, "extra", "WHERE line_id = 1")[0][0])["Notes"]
    assert note == 'Please gift wrap.\nLeave at the door, "thanks"!'
