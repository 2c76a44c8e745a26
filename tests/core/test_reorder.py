"""Reorder suggestions: safety stock from each product's own lead-time errors, stock on hand and
on order as inputs (typed or a CSV), pack sizes, and "stock unknown" without stock data."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.forecast import ForecastOptions, SeriesSpec, run_forecast
from shopinsight.core.forecast.reorder import (STOCK_UNKNOWN, StockLevel, read_stock_csv, reorder_for_series,
                                               reorder_table)
from shopinsight.core.store import Shop

Z95 = 1.6448536


def known_sigma_rows(days=280, seed=7):
    """Two products with flat daily demand and known noise: A ~ N(400, 60), B ~ N(20, 9)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, d in enumerate(pd.date_range("2022-01-03", periods=days)):
        for pid, mean, sd in (("A", 400.0, 60.0), ("B", 20.0, 9.0)):
            q = max(1.0, round(rng.normal(mean, sd)))
            rows.append({"ordered_at": f"{d.date()} 10:00:00", "product_id": pid, "product_name": f"P{pid}",
                         "quantity": q, "unit_price": 1.0 if pid == "A" else 30.0, "order_id": f"{pid}{i}",
                         "country": "United Kingdom", "is_cancellation": 0, "is_merchandise": 1})
    return rows


@pytest.fixture(scope="module")
def known_result(tmp_path_factory):
    from tests.conftest import make_lines_shop

    path = make_lines_shop(tmp_path_factory.mktemp("reorder") / "r.shop", known_sigma_rows())
    with Shop(path) as shop:
        return run_forecast(shop, SeriesSpec(target="units", level="product", freq="D", top=5),
                            ForecastOptions(horizon=14, models=("moving_average",), windows=10), save=False)


@pytest.mark.parametrize("lead", [3, 7, 14])
def test_safety_stock_is_z_sigma_sqrt_lead_time_of_the_products_own_demand(known_result, lead):
    """Known σ per product: safety stock within ±15 % of z·σ·√L, each on its own scale."""
    tab = reorder_table(known_result, lead, 0.95).set_index("series")
    for pid, sd in (("A", 60.0), ("B", 9.0)):
        expected = Z95 * sd * math.sqrt(lead)
        assert tab.loc[pid, "safety_stock"] == pytest.approx(expected, rel=0.15), (pid, lead)
        assert tab.loc[pid, "sigma_source"] == "backtest"
        assert tab.loc[pid, "reorder_point"] == pytest.approx(tab.loc[pid, "demand_lead_time"]
                                                             + tab.loc[pid, "safety_stock"])


def test_without_stock_the_row_shows_the_reorder_point_not_an_order(known_result):
    tab = reorder_table(known_result, 7)
    assert tab["order_qty"].isna().all() and tab["order_by"].isna().all()
    assert (tab["note"] == STOCK_UNKNOWN).all()
    assert (tab["reorder_point"] > 0).all()


def test_order_quantity_subtracts_stock_on_hand_and_on_order_and_rounds_to_packs(known_result):
    rp = reorder_table(known_result, 7).set_index("series")["reorder_point"]
    stock = {"A": StockLevel(on_hand=1000, on_order=500), "B": StockLevel(on_hand=10_000)}
    tab = reorder_table(known_result, 7, stock=stock, pack_size=12).set_index("series")
    assert tab.loc["A", "order_qty"] == math.ceil((rp["A"] - 1500) / 12) * 12
    assert tab.loc["A", "order_qty"] % 12 == 0 and tab.loc["A", "note"] == ""
    assert tab.loc["B", "order_qty"] == 0            # plenty on hand: nothing to order
    # a product missing from the stock data keeps "stock unknown"
    tab = reorder_table(known_result, 7, stock={"A": StockLevel(0)}).set_index("series")
    assert tab.loc["A", "order_qty"] == math.ceil(rp["A"]) and pd.isna(tab.loc["B", "order_qty"])
    assert tab.loc["B", "note"] == STOCK_UNKNOWN


def test_reorder_known_answer():
    dates = pd.date_range("2022-01-01", periods=20)
    r = reorder_for_series(np.full(20, 10.0), dates, sigma=0.0, lead_time=5, stock=StockLevel(0))
    assert (r["order_qty"], r["order_by"], r["reorder_point"], r["safety_stock"]) == (50, "2022-01-01", 50.0, 0.0)
    r = reorder_for_series(np.full(20, 10.0), dates, sigma=2.0, lead_time=4, service_level=0.95,
                           stock=StockLevel(on_hand=100))
    # safety = 1.645 * 2 * 2 = 6.58; reorder point 46.58 < 100 on hand: nothing now; the projected
    # stock 100 - 10 j first reaches 46.58 at j = 6
    assert r["safety_stock"] == pytest.approx(6.58, abs=0.01)
    assert r["order_qty"] == 0 and r["order_by"] == "2022-01-07"
    r = reorder_for_series(np.full(20, 10.0), dates, sigma=2.0, lead_time=4, stock=StockLevel(20, 5, 10))
    assert r["order_qty"] == 30                    # 46.58 - 25 = 21.58 → 3 packs of 10


def test_stock_csv(tmp_path):
    p = tmp_path / "stock.csv"
    p.write_text("product_id,on_hand,on_order\nA,10,5\nB,3.5,\n85123A,0,0\n", encoding="utf-8")
    assert read_stock_csv(p) == {"A": StockLevel(10, 5), "B": StockLevel(3.5, 0), "85123A": StockLevel(0, 0)}
    p.write_text("on_hand,product_id,pack_size\n4,A,6\n", encoding="utf-8")
    assert read_stock_csv(p) == {"A": StockLevel(4, 0, 6)}


@pytest.mark.parametrize("text,line,column,value", [
    ("product_id,on_hand\nA,10\nB,lots\n", 3, "on_hand", "lots"),
    ("product_id,on_hand,on_order\nA,10,-2\n", 2, "on_order", "-2"),
    ("product_id,on_hand\nA,\n", 2, "on_hand", ""),
    ("product_id,on_hand\nA,1\nA,2\n", 3, "product_id", "A"),
    ("product_id,on_hand,pack_size\nA,1,0.5\n", 2, "pack_size", "0.5"),
    ("product,on_hand\nA,1\n", 1, "product_id", None),
    ("product_id,stock\nA,1\n", 1, "on_hand", None),
])
def test_stock_csv_errors_name_file_line_column_value(tmp_path, text, line, column, value):
    p = tmp_path / "stock.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as ei:
        read_stock_csv(p)
    e = ei.value
    assert (e.file, e.line, e.column, e.value) == (str(p), line, column, value)
    assert str(p) in str(e) and f"line {line}" in str(e)


def _shop(lines_shop):
    return lines_shop(known_sigma_rows(days=120))


def test_cli_reorder_with_and_without_stock(lines_shop, tmp_path, capsys):
    from shopinsight.cli import main

    path = _shop(lines_shop)
    base = ["forecast", "--db", str(path), "--level", "product", "--target", "units", "--freq", "D",
            "--horizon", "14", "--models", "moving_average", "--backtest", "--windows", "3",
            "--lead-time", "7", "--no-save"]
    assert main(base + ["--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert sorted(r["series"] for r in res["reorder"]) == ["A", "B"]
    assert all(r["order_qty"] is None and r["note"] == STOCK_UNKNOWN for r in res["reorder"])
    stock = tmp_path / "stock.csv"
    stock.write_text("product_id,on_hand,on_order\nA,1000,200\nB,99999,0\n", encoding="utf-8")
    assert main(base + ["--stock", str(stock), "--pack-size", "10", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["stock"] == {"file": str(stock), "products": 2, "in_forecast": 2, "unknown": 0}
    rows = {r["series"]: r for r in res["reorder"]}
    assert rows["A"]["order_qty"] == math.ceil((rows["A"]["reorder_point"] - 1200) / 10) * 10
    assert rows["B"]["order_qty"] == 0
    assert main(base + ["--stock", str(stock)]) == 0
    human = capsys.readouterr().out
    assert "order" in human and "A" in human
    assert main(base) == 0
    assert STOCK_UNKNOWN in capsys.readouterr().out
    # bad stock file: exit 2 naming file, line, column and value
    stock.write_text("product_id,on_hand\nA,ten\n", encoding="utf-8")
    assert main(base + ["--stock", str(stock)]) == 2
    err = capsys.readouterr().err
    assert str(stock) in err and "line 2" in err and "on_hand" in err and "'ten'" in err
    assert main(base + ["--stock", str(tmp_path / "missing.csv")]) == 2
    assert main(base + ["--pack-size", "0"]) == 2
    # --stock without --lead-time is a usage error
    assert main(base[:-3] + ["--no-save", "--stock", str(stock)]) == 2


@pytest.mark.slow
def test_real_file_safety_stock_never_exceeds_the_largest_lead_time_demand_of_the_past_year(uci_shop_path):
    """Weekly units of the 15 best sellers, two-week lead time: no product's safety stock is larger
    than the most it ever sold in two weeks during the last year (it was 15,628 units for a
    product selling 300–1,700 a week)."""
    lead = 2
    with Shop(uci_shop_path) as shop:
        res = run_forecast(shop, SeriesSpec(target="units", level="product", freq="W", top=15,
                                            until="2011-11-30"),
                           ForecastOptions(horizon=8, windows=3), save=False)
    tab = reorder_table(res, lead, 0.95).set_index("series")
    hist = res.history.copy()
    hist["date"] = pd.to_datetime(hist["date"])
    last = hist["date"].max()
    for s, g in hist[hist["date"] > last - pd.Timedelta(days=365)].groupby("series"):
        largest = g.sort_values("date")["value"].rolling(lead).sum().max()
        assert 0 < tab.loc[s, "safety_stock"] <= largest, (s, tab.loc[s, "safety_stock"], largest)
