"""benchmarks/synth.py: the synthetic export has the statistics it claims (issue 16).

One small export (a tenth of the real shop's customers, 60,000 lines ≈ 11 months) is drawn
once and measured back from the CSV file as the importer would read it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import synth  # noqa: E402

N = 60_000


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    if not synth.REAL_FILE.exists():
        pytest.skip("the real file is not here")
    profile = synth.profile_from_file()
    path = tmp_path_factory.mktemp("synth") / "synth.csv"
    claims = synth.generate(path, N, profile=profile, volume=0.1, seed=3)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["dt"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M")
    df["month"] = df["dt"].dt.strftime("%Y-%m")
    df["cancel"] = df["InvoiceNo"].str.startswith("C")
    return profile, claims, df


def _orders(df: pd.DataFrame) -> pd.DataFrame:
    return (df[~df["cancel"]].groupby("InvoiceNo")
            .agg(customer=("CustomerID", "first"), month=("month", "first"), n=("StockCode", "size")))


def test_shape_like_the_real_file_and_beyond_it(export):
    profile, claims, df = export
    assert len(df) == N == claims.lines
    assert list(df.columns[:8]) == synth.HEADER
    assert df["dt"].min().date() >= profile.start           # after the real file's last day
    numbers = pd.to_numeric(df["InvoiceNo"].str.lstrip("C"))
    assert numbers.min() >= profile.first_invoice
    known = df.loc[df["CustomerID"] != "", "CustomerID"].astype(int)
    assert known.min() >= profile.first_customer
    assert (df["dt"].dt.day_of_week != 5).all()              # no Saturdays, as the real shop
    assert not df.duplicated(["InvoiceNo", "StockCode"]).any()
    assert len(claims.months) >= 10                           # months beyond the real ones, not a repeat


def test_lines_per_order_and_guest_share(export):
    profile, claims, df = export
    sales = df[~df["cancel"] & (df["StockCode"] != "POST")]
    per_order = sales.groupby("InvoiceNo").size()
    assert per_order.mean() == pytest.approx(profile.lines_per_order.mean(), rel=0.15)
    assert per_order.median() == pytest.approx(np.median(profile.lines_per_order), rel=0.25)
    orders = _orders(df)
    assert (orders["customer"] == "").mean() == pytest.approx(profile.guest_order_share, abs=0.03)


def test_cancellations(export):
    profile, claims, df = export
    orders = _orders(df)
    cancel_orders = df.loc[df["cancel"], "InvoiceNo"].nunique()
    assert cancel_orders / (orders["customer"] != "").sum() == pytest.approx(profile.cancel_order_share, rel=0.2)
    assert 0.008 < df["cancel"].mean() < 0.03                 # the real file: 1.7 % of lines
    c = df[df["cancel"]]
    assert (pd.to_numeric(c["Quantity"]) < 0).all() and (c["CustomerID"] != "").all()


def test_orders_per_customer_over_a_year(export):
    _, claims, df = export
    orders = _orders(df)
    year = sorted(orders["month"].unique())[-13:-1]           # the last 12 full months
    per_customer = orders[(orders["customer"] != "") & orders["month"].isin(year)].groupby("customer").size()
    assert per_customer.mean() == pytest.approx(4.27, rel=0.25)   # the real file: 4.27 orders a customer
    assert per_customer.median() <= 3                             # most customers buy rarely (real: 2)


def test_new_customers_each_month(export):
    profile, claims, df = export
    orders = _orders(df)
    known = orders[orders["customer"] != ""]
    new = known[known["customer"].astype(int) >= claims.first_new_customer]
    first_month = new.groupby("customer")["month"].min().value_counts()
    drawn = pd.Series(claims.new_customers, index=claims.months)
    full = claims.months[1:-1]                                # the last month is cut at N lines
    assert first_month.reindex(full, fill_value=0).tolist() == drawn[full].tolist()
    expected = 0.1 * profile.new_customers_per_month * np.array(claims.season)[1:-1]
    assert drawn[full].sum() == pytest.approx(expected.sum(), rel=0.2)


def test_seasonality(export):
    profile, claims, df = export
    lines = df[~df["cancel"]].groupby("month").size().reindex(claims.months[:-1])
    r = np.corrcoef(lines.to_numpy(float), np.array(claims.season[:-1]))[0, 1]
    assert r > 0.7, (lines.tolist(), claims.season)


def test_catalogue_grows(export):
    profile, claims, df = export
    sales = df[~df["cancel"] & (df["StockCode"] != "POST")]
    new = sales["StockCode"].str.fullmatch(r"9\d{5}")
    months = claims.months[:-1]
    first_sold = sales.groupby("StockCode")["month"].min().value_counts().reindex(months, fill_value=0)
    catalogue = first_sold.cumsum()                           # products sold so far
    assert (catalogue.iloc[3::3].diff().dropna() > 0.5 * profile.new_products_per_month).all()
    sold_new = sales[new].groupby("month")["StockCode"].nunique().reindex(months, fill_value=0)
    assert sold_new.iloc[-3:].sum() > 3 * sold_new.iloc[:3].sum()
    launched = sum(claims.new_products)
    assert launched == pytest.approx(profile.new_products_per_month * len(claims.months), rel=0.2)
    assert sales.loc[new, "StockCode"].nunique() > 0.5 * launched
    share_new = new.groupby(sales["month"]).mean().reindex(claims.months[:-1])
    assert share_new.iloc[-1] > share_new.iloc[0] + 0.15       # the best sellers change


def test_the_importer_reads_it(export, tmp_path):
    from shopinsight.core.importer import import_files
    from shopinsight.core.store import Shop

    small = tmp_path / "small.csv"
    synth.generate(small, 3_000, profile=export[0], volume=0.02, seed=1)
    with Shop(tmp_path / "s.shop") as shop:
        res = import_files(shop, [small])
        assert shop.line_count() == 3_000 and res[0].imported == 3_000
        assert shop.scalar("SELECT count(*) FROM lines WHERE is_cancellation = 1") > 0
