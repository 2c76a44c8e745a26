"""A file with a date and one number is a series (the shop's total per period): `ds,y`,
`date,value`, `Month,Sales`, `日期,销售额` import whatever their headers, with no flags (no
missing customers or products, no cancellations) as shop-level summary lines."""
from __future__ import annotations

import pytest
from importer_helpers import do_import, read_lines

from shopinsight.core.quality import shop_quality
from shopinsight.core.store import Shop

CASES = {
    "series_ds_y.csv": ("ds", "y", [("2024-01-01", 120.5), ("2024-01-02", 98.0), ("2024-01-03", 143.25)]),
    "series_date_value.csv": ("date", "value", [("2024-03-01", 1000.0), ("2024-03-02", 1250.5),
                                                ("2024-03-03", 0.0)]),
    "series_month_sales.csv": ("Month", "Sales", [("2023-11-01", 15200.0), ("2023-12-01", 18350.75),
                                                  ("2024-01-01", 9900.0)]),
    "series_chinese.csv": ("日期", "销售额", [("2024-01-01", 12500.0), ("2024-02-01", 9800.0),
                                          ("2024-03-01", 11250.0)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_date_and_one_number_is_a_series(tmp_path, name):
    date_col, value_col, expected = CASES[name]
    path = tmp_path / "s.shop"
    (res,) = do_import(path, name)
    assert {k: v for k, v in res.mapping.items() if v} == {"ordered_at": date_col, "amount": value_col}
    assert res.format["series"] is True and res.quality["series"] is True
    assert (res.rows_read, res.imported, res.rejected) == (3, 3, 0)
    assert res.warnings == []
    q = res.quality
    assert (q["missing_customer"], q["missing_product_name"], q["non_merchandise"], q["cancellations"]) == \
        (0, 0, 0, 0)
    assert q["line_kinds"] == {"summary": 3}
    assert read_lines(path, "order_id, customer_id, product_id, ordered_at, amount, is_merchandise, "
                            "is_cancellation, line_kind") == \
        [(None, None, None, day, amount, 1, 0, "summary") for day, amount in expected]
    with Shop(path) as shop:
        assert shop.summary()["net_sales"] == round(sum(a for _, a in expected), 2)
        sq = shop_quality(shop)
    assert (sq["missing_customer"], sq["missing_product_name"], sq["non_merchandise_lines"]) == (0, 0, 0)


def test_negative_period_total_is_no_return(tmp_path):
    f = tmp_path / "net.csv"
    f.write_text("date,value\n2024-01-01,50\n2024-01-02,-20\n")
    path = tmp_path / "s.shop"
    with Shop(path) as shop:
        from shopinsight.core.importer import import_files
        (res,) = import_files(shop, [f])
    assert res.quality["cancellations"] == 0
    assert read_lines(path, "amount, is_cancellation, line_kind") == [(50.0, 0, "summary"), (-20.0, 0, "summary")]


def test_more_columns_or_no_number_is_no_series(tmp_path):
    (res,) = do_import(tmp_path / "a.shop", "daily_summary.csv")      # date, units, revenue
    assert res.format["series"] is False and res.quality["line_kinds"] == {"sale": 4}
    f = tmp_path / "notes.csv"
    f.write_text("date,note\n2024-01-01,closed\n2024-01-02,open\n")
    from shopinsight.core.importer import preview_file
    assert preview_file(f).series is False


def test_series_survives_an_explicit_identical_mapping_not_a_different_one(tmp_path):
    from importer_helpers import CORPUS

    from shopinsight.core.importer import ImportOptions, preview_file
    f = CORPUS / "series_ds_y.csv"
    assert preview_file(f, ImportOptions(mapping={"ordered_at": "ds", "amount": "y"})).series is True
    other = preview_file(f, ImportOptions(mapping={"quantity": "y"}))
    assert other.series is False and other.mapping["quantity"] == "y"
