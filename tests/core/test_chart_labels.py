"""Charts that do not misstate: tick labels state their tick's exact value (money and counts),
count axes tick only whole numbers, and the net-sales line does not run into an incomplete period."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import MultipleLocator

from shopinsight.core.charts import count_axis, money_formatter, new_figure

_SUFFIX = {"": 1.0, "k": 1e3, "M": 1e6, "B": 1e9}


def parse(label: str, symbol: str = "") -> float:
    m = re.fullmatch(rf"(-?){re.escape(symbol)}([\d,]*\.?\d*)([kMB]?)", label.replace("\u2212", "-"))
    assert m, f"unreadable tick label {label!r}"
    return (-1 if m.group(1) else 1) * float(m.group(2).replace(",", "")) * _SUFFIX[m.group(3)]


def tick_pairs(fig, axis):
    FigureCanvasAgg(fig).draw()
    lo, hi = sorted(axis.get_view_interval())
    return [(t.get_loc(), t.label1.get_text()) for t in axis.get_major_ticks()
            if lo - 1e-9 <= t.get_loc() <= hi + 1e-9 and t.label1.get_text()]


def assert_honest(pairs, symbol=""):
    assert pairs
    for value, label in pairs:
        assert parse(label, symbol) == pytest.approx(value, rel=1e-9, abs=1e-9), (value, label)
    assert len({lab for _v, lab in pairs}) == len(pairs), pairs


@pytest.mark.parametrize("top,step", [(1.5e6, 2.5e5), (2.6e6, 2e5), (12_500, 2_500), (3.2, 0.4), (9e9, 1.5e9)])
def test_money_tick_labels_state_the_exact_value(top, step):
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, top])
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MultipleLocator(step))
    ax.yaxis.set_major_formatter(money_formatter("£"))
    pairs = tick_pairs(fig, ax.yaxis)
    assert_honest(pairs, "£")
    if top == 1.5e6:
        assert ("1250000.0", "£1.25M") == (f"{pairs[5][0]:.1f}", pairs[5][1])   # not "£1.2M"


def test_count_axis_ticks_whole_numbers_only():
    from shopinsight.core.customers.charts import segment_chart

    summary = pd.DataFrame({"segment": ["Champions", "Loyal", "At risk"], "customers": [1, 2, 2],
                            "revenue_share": [0.5, 0.3, 0.2]})
    fig = segment_chart(summary)
    ax = fig.axes[0]
    pairs = tick_pairs(fig, ax.xaxis)
    assert_honest(pairs)
    assert all(float(v).is_integer() for v, _ in pairs), pairs      # never "0 0 1 2 2"
    from shopinsight.core.recommend.charts import together_figure
    fig = together_figure(pd.DataFrame({"product_name": ["A", "B"], "orders": [2, 1], "lift": [3.0, 1.5]}), "X")
    pairs = tick_pairs(fig, fig.axes[0].xaxis)
    assert_honest(pairs)
    assert all(float(v).is_integer() for v, _ in pairs), pairs
    # a count axis over a large range stays exact too (compact from 10k)
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 47_500])
    count_axis(ax.yaxis)
    assert_honest(tick_pairs(fig, ax.yaxis))


def _weekly(partial_last: bool):
    starts = pd.date_range("2011-09-05", periods=8, freq="7D")
    net = np.array([1.20e5, 1.32e5, 1.25e5, 1.40e5, 1.38e5, 1.45e5, 1.50e5, 0.3e5])
    return pd.DataFrame({"period_start": starts.strftime("%Y-%m-%d"), "gross_sales": net * 1.05,
                         "cancellations": -net * 0.05, "net_sales": net, "orders": 100,
                         "partial": [False] * 7 + [partial_last]})


def test_net_sales_line_does_not_join_an_incomplete_last_period():
    from shopinsight.core.sales_charts import sales_over_time_figure

    fig = sales_over_time_figure(_weekly(True), "W", "£")
    ax = fig.axes[0]
    line = next(ln for ln in ax.get_lines() if ln.get_gid() == "net_sales")
    y = np.asarray(line.get_ydata(), float)
    assert np.isfinite(y[:7]).all() and np.isnan(y[7])          # the line stops at the last full week
    mark = next(ln for ln in ax.get_lines() if ln.get_gid() == "net_sales_incomplete")
    assert list(mark.get_ydata()) == [0.3e5] and mark.get_linestyle() == "None"
    assert "incomplete period" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert_honest(tick_pairs(fig, ax.yaxis), "£")
    # a complete last week is joined as usual
    fig = sales_over_time_figure(_weekly(False), "W", "£")
    line = next(ln for ln in fig.axes[0].get_lines() if ln.get_gid() == "net_sales")
    assert np.isfinite(np.asarray(line.get_ydata(), float)).all()


# -- product labels: two products with the same name never look like one product twice --


def test_colliding_names_get_their_codes():
    from shopinsight.core.charts import product_labels

    labels = product_labels(["RED MUG", "RED MUG", "BLUE MUG", None], ["85123A", "85123B", "22", "X9"])
    assert labels == ["RED MUG (85123A)", "RED MUG (85123B)", "BLUE MUG", "X9"]


def test_top_products_chart_labels_collisions_with_codes():
    from shopinsight.core.sales_charts import top_products_figure

    df = pd.DataFrame({"product_id": ["A1", "A2", "B"], "product_name": ["CREAM HANGING HEART", "CREAM HANGING HEART",
                                                                        "JUMBO BAG"],
                       "net_sales": [300.0, 200.0, 100.0], "units": [1, 1, 1], "total": [600.0] * 3})
    fig = top_products_figure(df, "£")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(set(ticks)) == 3 and any("(A1)" in t for t in ticks) and "JUMBO BAG" in ticks
