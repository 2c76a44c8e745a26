"""Unit tests of the importer's decisions: column mapping, numbers, date formats."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from importer_helpers import do_import, read_lines

from shopinsight.core.importer.fields import normalise_header
from shopinsight.core.importer.mapping import auto_map, header_score
from shopinsight.core.importer.parse import decide_date_format, decide_decimal, parse_dates, parse_numbers
from shopinsight.core.importer.presets import PRESETS, detect_preset
from shopinsight.core.store import Shop

# -- mapping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Lineitem quantity", "lineitem_quantity", "LINEITEM QUANTITY", "Qty", "数量"])
def test_header_synonyms_match_whatever_the_spelling(header):
    assert header_score("quantity", header) >= 0.9
    assert header_score("amount", header) == 0.0


def test_normalise_header_drops_case_spaces_punctuation():
    assert normalise_header(" Order-ID (#) ") == normalise_header("order_id") == "orderid"
    assert normalise_header("订单号：") == "订单号"


def _frame(cols: dict) -> tuple[list[str], pd.DataFrame]:
    df = pd.DataFrame(cols, dtype="string")
    return list(df.columns), df


def test_auto_map_english_headers_without_preset():
    headers, df = _frame({
        "Invoice": ["1", "2", "3"], "Date": ["2024-01-01", "2024-01-02", "2024-01-03"],
        "Customer": ["a", "b", "a"], "SKU": ["X1", "X2", "X1"], "Description": ["Cup", "Pot", "Cup"],
        "Qty": ["1", "2", "3"], "Price": ["1.50", "2.00", "1.50"], "Country": ["UK", "UK", "FR"]})
    mapping, conf = auto_map(headers, df)
    assert {k: v for k, v in mapping.items() if v} == {
        "order_id": "Invoice", "ordered_at": "Date", "customer_id": "Customer", "product_id": "SKU",
        "product_name": "Description", "quantity": "Qty", "unit_price": "Price", "country": "Country"}
    assert all(0.4 <= conf[f] <= 1.0 for f, c in mapping.items() if c)
    assert all(conf[f] == 0.0 for f, c in mapping.items() if not c)


def test_auto_map_chinese_headers():
    headers, df = _frame({
        "订单号": ["A1", "A2"], "日期": ["2024/1/5", "2024/1/6"], "客户": ["张三", "李四"],
        "商品": ["绿茶", "红茶"], "数量": ["2", "1"], "单价": ["45.00", "30.00"], "金额": ["90.00", "30.00"]})
    mapping, conf = auto_map(headers, df)
    assert {k: v for k, v in mapping.items() if v} == {
        "order_id": "订单号", "ordered_at": "日期", "customer_id": "客户", "product_name": "商品",
        "quantity": "数量", "unit_price": "单价", "amount": "金额"}


def test_auto_map_uses_values_unnamed_date_column_and_suspicious_date_header():
    headers, df = _frame({
        "column 1": ["12/01/2024 10:00", "13/01/2024 11:30", "14/01/2024 09:15"],
        "Date": ["north", "south", "north"],          # a 'Date' header over non-dates is not trusted
        "Sales": ["10.00", "12.50", "7.25"]})
    mapping, conf = auto_map(headers, df)
    assert mapping["ordered_at"] == "column 1" and 0.4 <= conf["ordered_at"] < 0.9
    assert mapping["amount"] == "Sales"
    assert "Date" not in mapping.values()


def test_preset_detected_by_signature_and_its_mapping_wins():
    shopify_headers = ["Name", "Email", "Total", "Created at", "Lineitem quantity", "Lineitem name",
                       "Lineitem price", "Lineitem sku"]
    preset = detect_preset(shopify_headers)
    assert preset is PRESETS["shopify"]
    df = pd.DataFrame({h: ["1"] for h in shopify_headers}, dtype="string")
    mapping, conf = auto_map(shopify_headers, df, preset=preset)
    assert mapping["amount"] is None          # 'Total' is the order total, not a line amount
    assert mapping["unit_price"] == "Lineitem price" and conf["unit_price"] >= 0.7


# -- numbers ------------------------------------------------------------------------------------

def _nums(values, decimal):
    return [None if (isinstance(v, float) and math.isnan(v)) else v
            for v in parse_numbers(pd.Series(values, dtype="string"), decimal).tolist()]


def test_parse_numbers_decimal_point_currency_parentheses():
    assert _nums(["£1,234.50", "(12.50)", "12.50-", "1 234.5", "$-3.00", "¥1,299.00", "45 RMB", "7",
                  "abc", None, ""], ".") == [1234.5, -12.5, -12.5, 1234.5, -3.0, 1299.0, 45.0, 7.0,
                                             None, None, None]


def test_parse_numbers_decimal_comma_thousands_dots():
    assert _nums(["1.234,50", "3,5", "€12,50", "(1.000,00)", "€ 1.050,00", "7", "x"], ",") == [
        1234.5, 3.5, 12.5, -1000.0, 1050.0, 7.0, None]


@pytest.mark.parametrize("values, delimiter, expected", [
    (["1.234,50", "3,5"], ",", ","),
    (["1,234.50", "3.50"], ";", "."),
    (["1,234", "2,500", "3.50"], ",", "."),     # '1,234' is no evidence: the one '3.50' decides
    (["1,234", "2,500"], ",", "."),             # nothing but ambiguous values: point ...
    (["1,234", "2,500"], ";", ","),             # ... unless the file is semicolon-separated
    (["12.500", "1.234,50"], ",", ","),
])
def test_decide_decimal(values, delimiter, expected):
    assert decide_decimal([pd.Series(values)], delimiter)[0] == expected


# -- dates ----------------------------------------------------------------------------------------

def test_month_first_vs_day_first_settled_by_the_whole_column():
    uk = pd.Series(["01/02/2024", "05/03/2024", "13/03/2024", "02/04/2024"])
    us = pd.Series(["01/02/2024", "05/03/2024", "03/13/2024", "02/04/2024"])
    d_uk, d_us = decide_date_format(uk), decide_date_format(us)
    assert (d_uk.format, d_uk.ambiguous_with, d_uk.success) == ("%d/%m/%Y", None, 1.0)
    assert (d_us.format, d_us.ambiguous_with, d_us.success) == ("%m/%d/%Y", None, 1.0)
    # every row parsed with the one column format: 01/02 is 1 Feb in the UK file, 2 Jan in the US one
    assert parse_dates(uk, d_uk.format).dt.strftime("%Y-%m-%d").tolist() == [
        "2024-02-01", "2024-03-05", "2024-03-13", "2024-04-02"]
    assert parse_dates(us, d_us.format).dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-02", "2024-05-03", "2024-03-13", "2024-02-04"]


def test_ambiguous_column_reported_and_preference_breaks_the_tie():
    s = pd.Series(["01/02/2024", "03/04/2024"])
    d = decide_date_format(s)
    assert d.ambiguous_with is not None and {d.format, d.ambiguous_with} == {"%m/%d/%Y", "%d/%m/%Y"}
    assert decide_date_format(s, prefer="%d/%m/%Y").format == "%d/%m/%Y"


@pytest.mark.parametrize("values, fmt", [
    (["20240105", "20240131"], "%Y%m%d"),
    (["2025-10-07 09:50:26 +0200", "2025-10-08 10:00:00 +0200"], "%Y-%m-%d %H:%M:%S"),
    (["2024-05-01T10:15:32+00:00", "2024-05-03T12:00:00Z"], "%Y-%m-%dT%H:%M:%S"),
    (["12/1/2010 8:26", "12/13/2010 16:05"], "%m/%d/%Y %H:%M"),
    (["03/15/24", "03/02/24"], "%m/%d/%y"),
    (["2024年3月5日", "2024年3月15日"], "%Y年%m月%d日"),
])
def test_date_formats_recognised(values, fmt):
    d = decide_date_format(pd.Series(values))
    assert d.format == fmt and d.success == 1.0


def test_impossible_and_garbage_dates_become_missing_never_guessed():
    s = pd.Series(["2024-02-28", "2024-02-30", "2023-02-29", "soon", None])
    out = parse_dates(s, "%Y-%m-%d")
    assert out.notna().tolist() == [True, False, False, False, False]


def test_failed_dates_counted_and_reported_with_line_numbers(tmp_path):
    csv = tmp_path / "orders.csv"
    rows = ["order,date,qty,price"] + [f"{i},{d}/01/2024,1,2.00" for i, d in enumerate(range(13, 29))]
    rows[3] = "3,31/02/2024,1,2.00"        # line 4: no such day
    rows[9] = "9,n/a,1,2.00"               # line 10: not a date
    rows[12] = "12,,1,2.00"                # line 13: missing
    csv.write_text("\n".join(rows) + "\n")
    with Shop(tmp_path / "t.shop") as shop:
        from shopinsight.core.importer import import_files
        (res,) = import_files(shop, [csv])
        rej = shop.conn.execute("SELECT source_row, reason, value FROM rejected_rows ORDER BY source_row").fetchall()
    assert res.format["date_format"] == "%d/%m/%Y"
    assert (res.rows_read, res.imported, res.rejected) == (16, 13, 3)
    assert rej == [(4, "date not understood (expected %d/%m/%Y)", "31/02/2024"),
                   (10, "date not understood (expected %d/%m/%Y)", "n/a"),
                   (13, "missing date", None)]


def test_forced_date_format_overrides_detection(tmp_path):
    (res,) = do_import(tmp_path / "t.shop", "ambiguous_dates.csv", date_format="%d/%m/%Y")
    assert res.format["date_format"] == "%d/%m/%Y"
    assert read_lines(tmp_path / "t.shop", "day")[0] == ("2024-02-01",)


def test_ambiguous_sample_is_settled_by_rows_further_down(tmp_path, monkeypatch):
    """UCI's first block only has days <= 12: the rest of the column must decide, not the list order."""
    from shopinsight.core.importer import import_files, preview_file
    from shopinsight.core.importer import sniff as sniff_mod

    monkeypatch.setattr(sniff_mod, "CHUNK_BYTES", 4096)     # the preview sample = the first ~150 rows
    csv = tmp_path / "uk.csv"
    rows = ["order,date,qty,price"]
    rows += [f"{i},{1 + i % 12:02d}/{1 + i // 100:02d}/2024,1,2.50" for i in range(1000)]
    rows += [f"{i},{13 + i % 16:02d}/11/2024,1,2.50" for i in range(1000, 1200)]
    csv.write_text("\n".join(rows) + "\n")
    pv = preview_file(csv)
    assert pv.date_decision.ambiguous_with is not None          # the sample alone cannot tell
    with Shop(tmp_path / "t.shop") as shop:
        (res,) = import_files(shop, [csv])
        days = dict(shop.conn.execute("SELECT order_id, day FROM lines WHERE order_id IN ('1', '250', '1000')"))
    assert res.format["date_format"] == "%d/%m/%Y" and res.format["date"]["ambiguous_with"] is None
    assert not res.warnings and res.rejected == 0
    assert days == {"1": "2024-01-02", "250": "2024-03-11", "1000": "2024-11-21"}   # 13 + 1000 % 16


def test_a_few_bad_rows_do_not_make_whitespace_the_delimiter():
    from shopinsight.core.importer.sniff import detect_delimiter

    lines = ["order_id,date,customer name,qty", "1,2024-01-02,Jane Doe,1", "2,2024-01-03,Max Power,2",
             "3,2024-01-04,X Leak,1,surplus"]
    assert detect_delimiter(lines)[:2] == (",", 4)
    log = ["date time sku qty", "2024-01-02 10:00 S1 1", "2024-01-02 10:05 S2 3"]
    assert detect_delimiter(log)[:2] == (" ", 4)


def test_windows_1252_pound_sign_far_down_the_file(tmp_path, monkeypatch):
    """The encoding is decided on the first non-ASCII bytes, wherever they are (UCI's Excel CSV in
    Windows-1252 has its first '£' at line 38,250, beyond the first megabyte read for sniffing)."""
    from shopinsight.core.importer import import_files
    from shopinsight.core.importer import sniff as sniff_mod

    monkeypatch.setattr(sniff_mod, "HEAD_BYTES", 2048)
    rows = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"]
    rows += [f"5{i:05d},22{i % 90:03d},PLAIN ASCII ITEM {i},1,12/{1 + i % 28}/2010 10:00,1.5,17850,United Kingdom"
             for i in range(300)]
    rows.append("539492,gift_0001_40,Dotcomgiftshop Gift Voucher £40.00,1,12/20/2010 10:14,34.04,,United Kingdom")
    src = tmp_path / "Online Retail.csv"
    src.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    assert len(src.read_bytes()) > 4 * 2048
    with Shop(tmp_path / "t.shop") as shop:
        (res,) = import_files(shop, [src])
        name = shop.scalar("SELECT product_name FROM lines WHERE order_id = '539492'")
    assert res.format["encoding"] == "cp1252" and res.imported == 301
    assert name == "Dotcomgiftshop Gift Voucher £40.00"
