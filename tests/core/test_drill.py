"""Drill-down (core.drill): a chart element's key → a LineFilter selecting exactly the lines its
figure was computed from; and a click position → the key of the bar or point under it."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from shopinsight.core import drill
from shopinsight.core.lines import LineFilter, count_lines, fetch_lines, line_ids
from shopinsight.core.store import Shop

COLS = ["line_id", "order_id", "day", "customer_id", "product_id", "amount", "quantity", "country",
        "is_cancellation", "is_merchandise"]


def picked(shop, flt: LineFilter) -> pd.DataFrame:
    """The lines the Data tab shows for ``flt`` (the same two calls as its model)."""
    ids = line_ids(shop.conn, flt)
    return pd.DataFrame(fetch_lines(shop.conn, ids, COLS), columns=COLS)


def overview_rows() -> list[dict]:
    """Three products over two months in France, Germany and no country; a cancellation; postage."""
    rows = []
    for i in range(90):
        day = pd.Timestamp("2011-10-01") + pd.Timedelta(days=i % 61)
        rows.append(dict(order_id=f"O{i // 3}", ordered_at=f"{day:%Y-%m-%d} {9 + i % 5:02d}:15:00", customer_id=f"C{i % 9}",
                         product_id=f"P{i % 3}", product_name=f"Mug {i % 3}", quantity=1 + i % 4, unit_price=2.5,
                         country=["France", "Germany", None][i % 3 if i % 5 else 0]))
    rows.append(dict(order_id="C9", ordered_at="2011-10-12 11:00:00", customer_id="C1", product_id="P1",
                     product_name="Mug 1", quantity=-3, unit_price=2.5, country="Germany", is_cancellation=1))
    rows.append(dict(order_id="O1", ordered_at="2011-10-12 11:00:00", customer_id="C1", product_id="POST",
                     product_name="Postage", quantity=1, unit_price=40.0, country="Germany", is_merchandise=0))
    return [{"is_cancellation": 0, "is_merchandise": 1, **r} for r in rows]


def test_line_filter_keys_select_exactly(lines_shop):
    with Shop(lines_shop(overview_rows())) as shop:
        c = shop.conn
        assert count_lines(c, LineFilter(product_ids=("P1",))) == 31            # 30 sales + the cancellation
        assert count_lines(c, LineFilter(product_ids=("P1", "P2"))) == 61
        unknown = picked(shop, LineFilter(countries=("",)))
        assert len(unknown) > 0 and unknown["country"].isna().all()
        assert count_lines(c, LineFilter(countries=("", "France"))) == \
            len(unknown) + count_lines(c, LineFilter(countries=("France",)))
        many = tuple(f"C{i}" for i in range(5000))                          # more keys than SQL parameters
        assert count_lines(c, LineFilter(customer_ids=many)) == 92
        assert picked(shop, LineFilter(line_ids=(3, 7)))["line_id"].tolist() == [3, 7]
        o1 = picked(shop, LineFilter(order_ids=("O1",), flag="merchandise"))
        assert len(o1) == 3 and (o1["is_merchandise"] == 1).all()
        assert count_lines(c, LineFilter(flag="sales")) == 91
        flt = LineFilter(product_ids=("P1",), label="x")
        assert flt.has_keys() and not flt.is_empty() and flt == LineFilter(product_ids=("P1",))
        assert flt.without_keys().is_empty()


def test_overview_bars_drill_to_their_lines(lines_shop):
    from shopinsight.core import analytics

    with Shop(lines_shop(overview_rows())) as shop:
        p = analytics.period_bounds(shop, "all")
        lo, hi = p.start, p.end
        for freq in ("D", "W", "M"):
            sot = analytics.sales_over_time(shop, freq, p)
            for r in sot.itertuples():
                lines = picked(shop, drill.overview_lines("sales_over_time", r.period_start, p.to_dict(), freq))
                assert lines["amount"].sum() == pytest.approx(r.net_sales), (freq, r.period_start)
                assert lines.loc[lines["is_cancellation"] == 0, "amount"].sum() == pytest.approx(r.gross_sales)
        # a week cut by the period's start keeps to the period (W-MON weeks: Sep 26 – Oct 2)
        assert drill.period_lines("2011-09-26", "W", (lo, hi)).date_from == "2011-10-01"
        top = analytics.top_products(shop, p)
        for r in top.itertuples():
            lines = picked(shop, drill.overview_lines("top_products", r.product_id, p.to_dict()))
            assert lines["amount"].sum() == pytest.approx(r.net_sales)
        grid = analytics.weekday_hour(shop, p)
        cells = 0
        for (wd, hr), value in grid.stack().items():
            if value:
                cells += 1
                lines = picked(shop, drill.overview_lines("weekday_hour", (wd, hr), p.to_dict()))
                assert lines["amount"].sum() == pytest.approx(value), (wd, hr)
                assert (lines["is_cancellation"] == 0).all() and (lines["is_merchandise"] == 1).all()
        assert cells >= 20
        countries = analytics.sales_by_country(shop, p, unknown_label="Unknown")

        assert "Unknown" in set(countries["country"])
        for r in countries.itertuples():
            flt = drill.overview_lines("countries", r.country, p.to_dict())
            assert picked(shop, flt)["amount"].sum() == pytest.approx(r.net_sales), r.country


def test_segment_bar_drills_to_exactly_its_customers_lines(lines_shop):
    """Customers per segment and their net sales (the segment chart's two bars) are the distinct
    customers and the amount of the drilled lines."""
    from shopinsight.core.customers import load_history, segments

    rng = np.random.default_rng(3)
    rows = []
    for c in range(40):                       # customer c orders c % 7 + 1 times, recent ones more often
        for k in range(c % 7 + 1):
            day = pd.Timestamp("2011-01-03") + pd.Timedelta(days=int(rng.integers(0, 300)))
            for j in range(2):
                rows.append(dict(order_id=f"O{c}-{k}", ordered_at=f"{day:%Y-%m-%d} 12:00:00", customer_id=f"C{c}",
                                 product_id=f"P{j}", quantity=1 + j, unit_price=3.0 + c % 5, is_cancellation=0,
                                 is_merchandise=1))
        if c % 6 == 0:                          # a return, and a postage line that segments leave out
            rows.append(dict(order_id=f"CR{c}", ordered_at="2011-06-01 12:00:00", customer_id=f"C{c}",
                             product_id="P0", quantity=-1, unit_price=3.0, is_cancellation=1, is_merchandise=1))
            rows.append(dict(order_id=f"O{c}-0", ordered_at="2011-06-01 12:00:00", customer_id=f"C{c}",
                             product_id="POST", quantity=1, unit_price=15.0, is_cancellation=0, is_merchandise=0))
    rows.append(dict(order_id="G1", ordered_at="2011-06-01 12:00:00", customer_id=None, product_id="P0",
                     quantity=1, unit_price=3.0, is_cancellation=0, is_merchandise=1))   # a guest: no segment
    with Shop(lines_shop(rows)) as shop:
        seg = segments(load_history(shop), kmeans=False)
        summary, rfm = seg["summary"], seg["rfm"]
        assert len(summary) >= 3
        last = shop.date_range()[1]
        for r in summary.itertuples():
            flt = drill.segment_lines(rfm, r.segment, last)
            lines = picked(shop, flt)
            assert lines["customer_id"].nunique() == r.customers, r.segment
            assert lines["amount"].sum() == pytest.approx(r.net_sales), r.segment
            assert f"{r.customers} customers" in flt.label
        # a cell of the cohort heatmap: active customers (sale lines) and net sales of that month
        from shopinsight.core.customers import cohort_table
        table = cohort_table(load_history(shop))
        checked = 0
        for r in table.itertuples():
            lines = picked(shop, drill.cohort_lines(seg["features"], r.cohort, r.period))
            sales = lines[lines["is_cancellation"] == 0]
            assert sales["customer_id"].nunique() == r.active_customers, (r.cohort, r.period)
            assert lines["amount"].sum() == pytest.approx(r.net_sales), (r.cohort, r.period)
            checked += r.active_customers > 0
        assert checked >= 10
        # a bar of one customer's order history (cancellations below zero): that order's lines
        from shopinsight.core.customers import customer_orders
        for cid in ("C0", "C6", "C13"):
            orders = customer_orders(shop, cid)
            assert (orders["value"] < 0).any() or cid == "C13"
            for o in orders.itertuples():
                lines = picked(shop, drill.customer_lines(cid, "merchandise", o.order_id))
                assert lines["amount"].sum() == pytest.approx(o.value) and len(lines) == o.lines


def test_anomaly_items_drill_to_the_lines_they_count(lines_shop):
    from shopinsight.core.anomalies import AnomalyOptions, run_anomalies
    from tests.core.test_anomalies import base_rows

    rows = base_rows()
    rows[500]["unit_price"] *= 100                                  # a price typo: a line item
    lost = "2011-02-23"                                            # a day that lost most of its lines
    day_rows = [r for r in rows if r["ordered_at"].startswith(lost)]
    drop = {id(r) for r in day_rows[len(day_rows) // 4:]}
    rows = [r for r in rows if id(r) not in drop]
    big = rows[700]["order_id"]                                    # an order with a huge quantity ...
    rows[700]["quantity"] = 900
    rows.append(dict(rows[700], quantity=-1, is_cancellation=1))   # ... and a return in the same order
    for k in range(11):                                            # a customer who cancels 8 of 11 orders
        rows.append(dict(order_id=f"X{k}", ordered_at=f"2011-02-{1 + k:02d} 10:00:00", customer_id="X",
                         product_id="P1", product_name="Product P1", quantity=10, unit_price=1.25,
                         country="United Kingdom", is_cancellation=0))
        if k < 8:
            rows.append(dict(order_id=f"CX{k}", ordered_at=f"2011-02-{1 + k:02d} 10:30:00", customer_id="X",
                             product_id="P1", product_name="Product P1", quantity=-10, unit_price=1.25,
                             country="United Kingdom", is_cancellation=1))
    with Shop(lines_shop(rows)) as shop:
        items = run_anomalies(shop, AnomalyOptions(level="all"), save=False).items
        seen = set()
        for it in items.to_dict("records"):
            lines = picked(shop, drill.anomaly_lines(it))
            kind = it["key"].split(":")[0]
            seen.add(kind)
            if kind == "line":
                assert lines["line_id"].tolist() == [int(it["line_id"])]
            elif kind == "order":                 # "N lines": the order's sale lines, not its return
                assert len(lines) == int(it["what"].split()[0]) and (lines["is_cancellation"] == 0).all()
            elif kind in ("day", "week"):         # "N orders" of the day or week
                sales = lines[lines["is_cancellation"] == 0]
                assert sales["order_id"].nunique() == int(it["what"].split()[0]), it["key"]
            elif kind == "customer":
                assert set(lines["customer_id"]) == {it["customer_id"]}
        assert {"line", "order", "day", "customer"} <= seen
        assert f"order:{big}" in set(items["key"])
        x = picked(shop, drill.anomaly_lines({"key": "customer:X"}))
        assert x[x["is_cancellation"] == 1]["order_id"].nunique() == 8 and x["order_id"].nunique() == 19


def _draw(fig):
    FigureCanvasAgg(fig).draw()
    return fig


def _display(ax, x, y):
    return ax.transData.transform((x, y))


def test_hit_maps_a_click_to_the_bar_or_point_under_it():
    from matplotlib.dates import date2num

    from shopinsight.core.sales_charts import countries_figure, sales_over_time_figure, top_products_figure

    sot = pd.DataFrame({"period_start": ["2011-10-03", "2011-10-10", "2011-10-17"],
                        "gross_sales": [100.0, 2.0, 50.0], "cancellations": [0.0, -1.0, 0.0],
                        "net_sales": [100.0, 1.0, 50.0], "orders": [3, 1, 2], "partial": [False, False, True]})
    fig = _draw(sales_over_time_figure(sot, "W"))
    ax = fig.axes[0]
    centre = date2num(pd.Timestamp("2011-10-10")) + 3.5
    # the small bar answers a click high above it (its whole column), and below zero too
    top = ax.get_ylim()[1] * 0.9
    assert drill.hit(fig, *_display(ax, centre, top)) == "2011-10-10"
    assert drill.hit(fig, *_display(ax, centre, -0.5)) == "2011-10-10"
    assert drill.hit(fig, *_display(ax, date2num(pd.Timestamp("2011-10-03")) + 3.5, 1.0)) == "2011-10-03"
    assert drill.hit(fig, *_display(ax, centre + 3.6, top)) is None      # the gap between two bars
    assert drill.hit(fig, 1, 1) is None                                 # outside the axes

    top_df = pd.DataFrame({"product_id": ["A", "B"], "product_name": ["Mug", "Cup"], "net_sales": [10.0, 1.0],
                           "units": [1, 1], "share": [0.9, 0.1]})
    fig = _draw(top_products_figure(top_df))
    ax = fig.axes[0]
    assert drill.hit(fig, *_display(ax, 8.0, 0.0)) == "B"               # bottom row: the smaller product
    assert drill.hit(fig, *_display(ax, 0.5, 1.0)) == "A"
    x0 = ax.bbox.x0
    assert drill.hit(fig, x0 - 30, _display(ax, 0.0, 1.0)[1]) == "A"    # its label, left of the axes

    c = pd.DataFrame({"country": ["France", "Other"], "net_sales": [10.0, 2.0], "orders": [1, 1],
                      "customers": [1, 1], "share": [0.8, 0.2]})
    fig = _draw(countries_figure(c))
    ax = fig.axes[0]
    assert drill.hit(fig, *_display(ax, 1.0, 1.0)) == "France"
    assert drill.hit(fig, *_display(ax, 1.0, 0.0)) == "Other"
    period = {"start": "2011-01-01", "end": "2011-12-31"}
    assert drill.overview_lines("countries", "Other", period) is None  # many countries: not one set of lines
    assert drill.overview_lines("countries", "Unknown", period).countries == ("",)
    assert drill.overview_lines("countries", "France", period).date_to == "2011-12-31"


def test_hit_on_a_heatmap_cell():
    from shopinsight.core.sales_charts import weekday_hour_figure

    grid = pd.DataFrame(0.0, index=range(7), columns=range(24))
    grid.iloc[2, 9], grid.iloc[4, 15] = 100.0, 50.0          # Wednesday 9h, Friday 15h: hours 9..15 shown
    fig = _draw(weekday_hour_figure(grid))
    ax = fig.axes[0]
    assert drill.hit(fig, *_display(ax, 0.2, 2.3)) == (2, 9)     # column 0 is hour 9
    assert drill.hit(fig, *_display(ax, 6.0, 4.0)) == (4, 15)
    assert drill.hit(fig, *_display(ax, 3.0, 6.0)) == (6, 12)    # an empty cell is still that hour's lines
    label = drill.overview_lines("weekday_hour", (2, 9), {"start": "2011-01-01", "end": "2011-01-31"}).label
    assert label.startswith("Wednesday 09:00–09:59")


def test_hit_on_points_nearest_by_x_or_within_a_radius():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3), dpi=100)
    ax = fig.add_subplot(2, 1, 1)
    x = pd.to_datetime(["2011-01-01", "2011-01-02", "2011-01-03"])
    ax.plot(x, [1, 5, 2])
    drill.add_points(ax, x, [1, 5, 2], ["a", "b", "c"], along="x")
    ax2 = fig.add_subplot(2, 1, 2)
    ax2.scatter([0, 10], [0, 10])
    drill.add_points(ax2, [0, 10], [0, 10], ["p", "q"])
    _draw(fig)
    from matplotlib.dates import date2num
    d2 = date2num(x[1])
    assert drill.hit(fig, *_display(ax, d2 + 0.3, 4.5)) == "b"           # anywhere near that date
    assert drill.hit(fig, *_display(ax, d2 + 0.7, 1.5)) == "c"
    px, py = _display(ax2, 10, 10)
    assert drill.hit(fig, px + 3, py - 3) == "q"
    assert drill.hit(fig, px - 40, py - 40) is None
    assert drill.has_targets(fig)


def test_day_span_and_labels():
    assert drill.day_span("2011-02-07", "W") == ("2011-02-07", "2011-02-13")
    assert drill.day_span("2011-12-01", "M") == ("2011-12-01", "2011-12-31")
    assert drill.day_span("2012-02-01", "M") == ("2012-02-01", "2012-02-29")
    f = drill.product_lines("85123A", "WHITE HEART", "2011-01-01", "2011-01-31")
    assert f.label == "Product 85123A WHITE HEART · 1 Jan 2011 – 31 Jan 2011"
    assert drill.anomaly_lines({"key": "week:2011-02-07"}).date_to == "2011-02-13"
    with pytest.raises(ValueError):
        drill.anomaly_lines({"key": "nonsense"})


@pytest.mark.parametrize("level,freq", [("total", "D"), ("product", "W"), ("country", "M")])
def test_forecast_history_points_drill_to_the_lines_they_add_up(lines_shop, level, freq):
    """Every history point of a forecast series is the net sales of the drilled lines (the
    80,995-unit line and its cancellation net out; postage is left out)."""
    from shopinsight.core.forecast import ForecastOptions, SeriesSpec, run_forecast
    from tests.core.test_forecast import shop_rows

    with Shop(lines_shop(shop_rows(days=520))) as shop:
        res = run_forecast(shop, SeriesSpec(level=level, freq=freq),
                           ForecastOptions(horizon=2, windows=1, models=("naive",)), save=False)
        for series, hist in res.history.groupby("series"):
            for r in hist.iloc[:: max(1, len(hist) // 12)].itertuples():
                flt = drill.forecast_lines(res, series, r.date)
                assert picked(shop, flt)["amount"].sum() == pytest.approx(r.value), (series, r.date)
                if level != "total":
                    assert str(series) in flt.label


def together_rows() -> list[dict]:
    """P0 bought with P1 in orders O0-O5 (O0 holds P1 twice and postage) and with P2 in O6-O8;
    P2 and P3 alone in other orders; a cancellation of P1 and P0 (its own order)."""
    items = {**{f"O{i}": ["P0", "P1"] for i in range(6)}, **{f"O{i}": ["P0", "P2"] for i in range(6, 9)},
             **{f"O{i}": ["P2"] for i in range(9, 12)}, **{f"O{i}": ["P3"] for i in range(12, 20)}}
    items["O0"] += ["P1", "POST"]
    rows = []
    for n, (order, products) in enumerate(items.items()):
        for p in products:
            rows.append(dict(order_id=order, ordered_at=f"2011-10-{1 + n:02d} 10:00:00", customer_id=f"C{n % 4}",
                             product_id=p, product_name=f"Item {p}", quantity=2, unit_price=1.5, country="France",
                             is_cancellation=0, is_merchandise=int(p != "POST")))
    for p in ("P1", "P0"):
        rows.append(dict(order_id="C77", ordered_at="2011-10-05 12:00:00", customer_id="C1", product_id=p,
                         product_name=f"Item {p}", quantity=-1, unit_price=1.5, country="France",
                         is_cancellation=1, is_merchandise=1))
    return rows


def test_bought_together_bars_drill_to_exactly_the_orders_they_count(lines_shop):
    from shopinsight.core.recommend.charts import together_figure
    from shopinsight.core.recommend.interactions import build_interactions, load_purchases
    from shopinsight.core.recommend.rules import bought_together

    with Shop(lines_shop(together_rows())) as shop:
        baskets = build_interactions(load_purchases(shop, returned="keep")).basket_set()
        together = bought_together(baskets, "P0")
        assert together["product_id"].tolist() == ["P1", "P2"] and together["orders"].tolist() == [6, 3]
        for other, orders in zip(together["product_id"], together["orders"]):
            got = picked(shop, drill.together_lines(baskets, "P0", other))
            assert got["order_id"].nunique() == orders                         # what the bar shows
            assert set(got["product_id"]) == {"P0", other}
            assert (got["is_cancellation"] == 0).all() and (got["is_merchandise"] == 1).all()
            assert (got.groupby("order_id")["product_id"].nunique() == 2).all()  # each order holds both
        assert len(picked(shop, drill.together_lines(baskets, "P0", "P1"))) == 6 + 7   # O0: P1 twice
        flt = drill.together_lines(baskets, "P0", "P2")
        assert "P2" in flt.label and "P0" in flt.label and "3" in flt.label
        # a click on a bar's row (or its label) gives its product
        fig = _draw(together_figure(together, "Item P0"))
        ax = fig.axes[0]
        assert drill.hit(fig, *_display(ax, 0.5, 0.0)) == "P1"
        assert drill.hit(fig, *_display(ax, 5.0, 1.0)) == "P2"                 # right of the short bar
        assert drill.hit(fig, ax.bbox.x0 - 30, _display(ax, 0.0, 1.0)[1]) == "P2"


@pytest.mark.parametrize("period", [{}, {"since": "2011-10-02", "until": "2011-10-20"}])
def test_bought_together_bars_of_the_rules_baskets_drill_to_their_orders(lines_shop, period):
    """The rules' reader (load_baskets: the report's "often bought with", `rules`) knows each
    basket's order: its bars drill to the lines they count, like a model's baskets."""
    from shopinsight.core.recommend.rules import bought_together, load_baskets

    # (orders, lines) of each bar: P0 with P1 in O0-O5 (O0 holds P1 twice), with P2 in O6-O8;
    # the period O1-O19 leaves O0 out
    expected = {"P1": (6, 13), "P2": (3, 6)} if not period else {"P1": (5, 10), "P2": (3, 6)}
    with Shop(lines_shop(together_rows())) as shop:
        baskets = load_baskets(shop, **period)
        together = bought_together(baskets, "P0")
        assert dict(zip(together["product_id"], together["orders"])) == {p: o for p, (o, _) in expected.items()}
        for other, (orders, lines) in expected.items():
            got = picked(shop, drill.together_lines(baskets, "P0", other))
            assert got["order_id"].nunique() == orders and len(got) == lines
            assert got["amount"].sum() == pytest.approx(lines * 2 * 1.5)      # 2 units at 1.50 a line
            assert set(got["product_id"]) == {"P0", other} and (got["is_cancellation"] == 0).all()


def test_a_customers_history_row_drills_to_the_orders_it_counts(lines_shop):
    from shopinsight.core.recommend.interactions import build_interactions, load_purchases

    with Shop(lines_shop(together_rows())) as shop:
        X = build_interactions(load_purchases(shop, returned="keep"))
        history = X.history("C0")
        assert len(history) >= 2
        for pid, orders in zip(history["product_id"], history["orders"]):
            got = picked(shop, drill.history_lines(X, "C0", pid))
            assert got["order_id"].nunique() == orders and set(got["product_id"]) == {pid}
            assert (got["is_cancellation"] == 0).all()
        assert len(picked(shop, drill.history_lines(X, "C1", "P1"))) == 2          # not its cancellation
        assert drill.history_lines(X, "C0", "P1").label.startswith("Customer C0")
