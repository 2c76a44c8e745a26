"""Overview analytics on a tiny hand-made shop with answers worked out by hand."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from shopinsight.core import analytics
from shopinsight.core.store import Shop

ROWS = [
    # order A1, Monday 2024-01-01 10:00, customer C1 (UK): 10 + 20
    dict(order_id="A1", ordered_at="2024-01-01 10:00:00", customer_id="C1", product_id="P1",
         product_name="Mug", quantity=2, unit_price=5.0, country="United Kingdom"),
    dict(order_id="A1", ordered_at="2024-01-01 10:00:00", customer_id="C1", product_id="P2",
         product_name="Teapot", quantity=1, unit_price=20.0, country="United Kingdom"),
    # order A2, Tuesday 14:00, C2 (France): 5 of merchandise + 15 postage (not merchandise)
    dict(order_id="A2", ordered_at="2024-01-02 14:00:00", customer_id="C2", product_id="P1",
         product_name="Mug", quantity=1, unit_price=5.0, country="France"),
    dict(order_id="A2", ordered_at="2024-01-02 14:00:00", customer_id="C2", product_id="POST",
         product_name="POSTAGE", quantity=1, unit_price=15.0, country="France", is_merchandise=0),
    # C2 cancels the mug on Wednesday
    dict(order_id="CA2", ordered_at="2024-01-03 09:00:00", customer_id="C2", product_id="P1",
         product_name="Mug", quantity=-1, unit_price=5.0, country="France", is_cancellation=1),
    # a guest buys three teapots the next Monday 11:00
    dict(order_id="A3", ordered_at="2024-01-08 11:00:00", customer_id=None, product_id="P2",
         product_name="Teapot", quantity=3, unit_price=20.0, country="United Kingdom"),
]
for _r in ROWS:
    _r.setdefault("is_cancellation", 0)
    _r.setdefault("is_merchandise", 1)


@pytest.fixture
def shop(lines_shop):
    with Shop(lines_shop(ROWS)) as s:
        yield s


def test_kpis_all_time(shop):
    k = analytics.kpis(shop, "all")
    cur = k["current"]
    assert cur["net_sales"] == 90.0          # 10 + 20 + 5 - 5 + 60, postage excluded
    assert cur["gross_sales"] == 95.0
    assert cur["cancellations"] == -5.0
    assert cur["orders"] == 3                # A1, A2, A3 (CA2 holds only a cancellation)
    assert cur["customers"] == 2             # the guest is not counted
    assert cur["aov"] == pytest.approx(95 / 3, abs=0.01)
    assert cur["cancellation_rate"] == pytest.approx(5 / 95)
    assert k["previous"] is None and k["change"]["net_sales"] is None
    assert k["period"] == {"start": "2024-01-01", "end": "2024-01-08", "prev_start": None, "prev_end": None}


def test_period_on_period_change(lines_shop):
    rows = [dict(order_id="X0", ordered_at="2023-12-01 09:00:00", customer_id="C1", product_id="P1",
                 quantity=1, unit_price=1.0),
            dict(order_id="X1", ordered_at="2024-01-05 09:00:00", customer_id="C1", product_id="P1",
                 quantity=10, unit_price=10.0),
            dict(order_id="X2", ordered_at="2024-02-04 09:00:00", customer_id="C2", product_id="P1",
                 quantity=15, unit_price=10.0)]
    with Shop(lines_shop(rows)) as s:
        k = analytics.kpis(s, "30d")
    assert k["period"] == {"start": "2024-01-06", "end": "2024-02-04",
                           "prev_start": "2023-12-07", "prev_end": "2024-01-05"}
    assert k["current"]["net_sales"] == 150.0 and k["previous"]["net_sales"] == 100.0
    assert k["change"]["net_sales"] == pytest.approx(0.5)
    assert k["change"]["orders"] == pytest.approx(0.0)
    assert k["change"]["aov"] == pytest.approx(0.5)


def test_sales_over_time_week_month_day(shop):
    w = analytics.sales_over_time(shop, "W", "all")
    assert w["period_start"].tolist() == ["2024-01-01", "2024-01-08"]
    assert w["gross_sales"].tolist() == [35.0, 60.0]
    assert w["cancellations"].tolist() == [-5.0, 0.0]
    assert w["net_sales"].tolist() == [30.0, 60.0]
    assert w["orders"].tolist() == [2, 1]
    assert w["partial"].tolist() == [False, True]     # the data ends on the 8th, mid-week
    m = analytics.sales_over_time(shop, "M", "all")
    assert m["period_start"].tolist() == ["2024-01-01"] and m["net_sales"].tolist() == [90.0]
    assert m["partial"].tolist() == [True]
    d = analytics.sales_over_time(shop, "D", "all")
    assert len(d) == 8                                 # days without sales are zero rows
    assert d.set_index("period_start").loc["2024-01-05", "net_sales"] == 0.0
    assert d["net_sales"].sum() == 90.0


def test_top_products_and_countries(shop):
    top = analytics.top_products(shop, "all", n=5)
    assert top["product_id"].tolist() == ["P2", "P1"]
    assert top["net_sales"].tolist() == [80.0, 10.0]
    assert top["units"].tolist() == [4.0, 2.0]
    assert top["share"].iloc[0] == pytest.approx(80 / 90, abs=1e-6)
    c = analytics.sales_by_country(shop, "all", n=1, other_label="Rest")
    assert c["country"].tolist() == ["United Kingdom", "Rest"]
    assert c["net_sales"].tolist() == [90.0, 0.0]


def test_weekday_hour(shop):
    g = analytics.weekday_hour(shop, "all")
    assert g.shape == (7, 24)
    assert g.iat[0, 10] == 30.0 and g.iat[0, 11] == 60.0 and g.iat[1, 14] == 5.0
    assert g.to_numpy().sum() == 95.0                # cancellations are left out
    orders = analytics.weekday_hour(shop, "all", value="orders")
    assert orders.iat[0, 10] == 1 and orders.to_numpy().sum() == 3


def test_overview_reports_parts_and_can_be_cancelled(shop):
    from shopinsight.core.tasks import Cancelled
    parts, fractions = [], []
    out = analytics.overview(shop, "all", "W", progress=lambda f, m: fractions.append(f),
                             partial=lambda k, v: parts.append(k))
    assert parts == ["kpis", "sales_over_time", "countries", "weekday_hour", "top_products"]
    assert fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert out["kpis"]["current"]["net_sales"] == 90.0
    with pytest.raises(Cancelled):
        analytics.overview(shop, "all", progress=lambda f, m: None, should_stop=lambda: True)


def test_empty_shop_and_bad_arguments(lines_shop, tmp_path):
    with Shop(tmp_path / "empty.shop") as s:
        assert analytics.period_bounds(s, "12m").start is None
        k = analytics.kpis(s, "all")
        assert k["current"]["net_sales"] == 0.0 and k["current"]["aov"] is None
        assert analytics.sales_over_time(s, "W", "all").empty
        with pytest.raises(ValueError):
            analytics.sales_over_time(s, "Y", "all")
        with pytest.raises(ValueError):
            analytics.period_bounds(s, "7d")


def test_chart_builders_return_figures(shop):
    from matplotlib.figure import Figure

    from shopinsight.core import sales_charts as sc
    out = analytics.overview(shop, "all", "W")
    figs = [sc.sales_over_time_figure(out["sales_over_time"], "W", "£"),
            sc.top_products_figure(out["top_products"], "£"),
            sc.countries_figure(out["countries"], "£"),
            sc.weekday_hour_figure(out["weekday_hour"], "£")]
    assert all(isinstance(f, Figure) for f in figs)
    ax = figs[0].axes[0]
    assert ax.get_title(loc="left") == "Sales over time (per week)"
    # two bars of sales and two of cancellations
    assert len(ax.patches) == 4 and not math.isnan(ax.patches[0].get_height())
    assert [t.get_text() for t in figs[1].axes[0].get_yticklabels()] == ["Mug", "Teapot"]


def test_a_stop_request_interrupts_a_running_query(shop):
    from shopinsight.core.tasks import Cancelled
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 1       # let the first check pass, then interrupt inside SQLite

    with pytest.raises(Cancelled):
        with analytics.interruptible(shop, stop):
            shop.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 10000000) SELECT count(*) FROM n").fetchone()
    assert shop.scalar("SELECT count(*) FROM lines") == 6    # the connection still works


def test_overview_cli_verb(lines_shop, capsys, tmp_path):
    import json

    from shopinsight.cli import main
    path = lines_shop(ROWS)
    rc = main(["overview", "--db", str(path), "--period", "all", "--json", "--charts", str(tmp_path / "c")])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kpis"]["net_sales"] == 90.0 and out["kpis"]["orders"] == 3
    assert [r["product_id"] for r in out["top_products"]] == ["P2", "P1"]
    assert out["weekday_hour"]["values"][0][11] == 60.0
    assert len(out["charts"]) == 4 and all(Path(f).stat().st_size > 1000 for f in out["charts"])
    assert main(["overview", "--db", str(tmp_path / "missing.shop")]) == 2


def test_a_nested_interruptible_block_keeps_the_outer_handler(shop):
    """An inner block (e.g. summary.refresh inside the job wrapper) must restore the outer stop
    handler when it exits, so the outer job's next long query can still be cancelled."""
    from shopinsight.core.tasks import Cancelled
    stop_now = []
    with pytest.raises(Cancelled):
        with analytics.interruptible(shop, lambda: bool(stop_now)):
            with analytics.interruptible(shop, lambda: False):
                shop.conn.execute("SELECT 1").fetchone()
            stop_now.append(1)                   # Cancel pressed after the inner block finished
            shop.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 10000000) SELECT count(*) FROM n").fetchone()
    assert shop.scalar("SELECT count(*) FROM lines") == 6
