"""Issue 15 "no false states" on the Forecast tab: the automatic choice's count, the seasonal
naive when the history is shorter than a season, zero forecasts explained, one date axis."""
from __future__ import annotations

import numpy as np
import pandas as pd

from shopinsight.core.forecast import ForecastOptions, SeriesSpec
from shopinsight.core.forecast.calendar import Calendar
from shopinsight.core.forecast.pipeline import forecast_panel
from shopinsight.core.forecast.series import Panel

BASE = ("naive", "seasonal_naive", "moving_average")


def panel_of(values, start="2015-01-05", freq="D") -> Panel:
    y = np.asarray(values, float)
    y = y[:, None] if y.ndim == 1 else y
    dates = pd.date_range(start, periods=len(y), freq={"D": "D", "W": "7D", "M": "MS"}[freq])
    return Panel(y=y, dates=dates, freq=freq, series=[f"s{i}" for i in range(y.shape[1])],
                 closed_weekdays=(), calendar=Calendar(None))


def test_automatic_choice_counts_every_series_it_chose_for():
    """The model table said "Automatic choice — chosen for 0": the count looked for series whose
    model is literally "auto".  Auto chose the model of every series."""
    rng = np.random.default_rng(3)
    y = np.stack([100 + rng.normal(0, 5, 140), np.tile([5.0, 9, 7, 3, 8, 0, 2], 20)], axis=1)
    res = forecast_panel(panel_of(y), SeriesSpec(level="product"),
                         ForecastOptions(horizon=7, models=BASE, windows=2))
    table = res.model_table().set_index("model")
    assert table.loc["auto", "chosen"] == 2
    counts = pd.Series(res.selected).value_counts()
    for m in BASE:
        assert table.loc[m, "chosen"] == counts.get(m, 0)
    assert table.drop(index="auto")["chosen"].sum() == 2


def _tick(ax, day: str) -> str:
    from matplotlib.dates import date2num
    return ax.xaxis.get_major_formatter()(date2num(pd.Timestamp(day)), 1)


def _date_charts():
    """One figure of every core chart module that has a date axis."""
    from shopinsight.core.anomalies.charts import context_figure
    from shopinsight.core.customers.charts import customer_history_chart
    from shopinsight.core.forecast.charts import contributions_figure, forecast_figure
    from shopinsight.core.sales_charts import sales_over_time_figure

    rng = np.random.default_rng(1)
    y = np.stack([50 + 10 * np.sin(np.arange(60) / 4) + rng.normal(0, 2, 60)] * 2, axis=1)
    res = forecast_panel(panel_of(y, start="2010-12-06", freq="W"), SeriesSpec(level="product", freq="W"),
                         ForecastOptions(horizon=8, models=("naive", "linear"), windows=2))
    days = pd.date_range("2011-01-03", periods=40, freq="D")
    sales = pd.DataFrame({"period_start": days.strftime("%Y-%m-%d"), "gross_sales": 10.0, "cancellations": -1.0,
                          "net_sales": 9.0, "partial": False})
    orders = pd.DataFrame({"day": days[::5].strftime("%Y-%m-%d"), "value": 5.0, "order_id": "o"})
    daily = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "net": 3.0, "marked": False})
    return {"forecast": forecast_figure(res, "s0"), "contributions": contributions_figure(res, "s0"),
            "overview": sales_over_time_figure(sales, "D"), "customer": customer_history_chart(orders, "K1"),
            "anomaly": context_figure({"level": "days", "day": "2011-01-05"}, daily)}


def test_every_date_chart_has_the_overviews_month_ticks_in_the_ui_language():
    """The Forecast chart's ticks read "2011-01" where the Overview's read "Jan": one formatter
    (core.charts.date_axis, Babel month names) for every chart, English and Chinese."""
    from shopinsight.core import i18n

    for name, fig in _date_charts().items():
        ax = fig.axes[0]
        assert _tick(ax, "2011-03-01") == "Mar", name
        assert _tick(ax, "2011-01-01") == "Jan\n2011", name
        assert _tick(ax, "2011-03-09") == "9 Mar", name
    i18n.set_language("zh_CN")
    try:
        for name, fig in _date_charts().items():
            assert _tick(fig.axes[0], "2011-03-01") == "3月", name
    finally:
        i18n.set_language("en")


def test_seasonal_naive_with_less_than_a_season_is_unavailable_not_the_naive():
    """About a year of weekly history (UCI: 52–53 weeks): every backtest window had less than a
    season, so the seasonal naive silently became the naive and scored exactly like it."""
    from shopinsight.core.forecast.models import create_model

    rng = np.random.default_rng(7)
    y = 40 + 15 * np.sin(np.arange(58) / 5) + rng.normal(0, 3, 58)
    short = panel_of(y[:40], freq="W")
    assert np.isnan(create_model("seasonal_naive").fit(short, 8).predict()).all()     # was naive
    res = forecast_panel(panel_of(y, freq="W"), SeriesSpec(freq="W"),
                         ForecastOptions(horizon=8, models=BASE, windows=2))
    m = res.metrics
    assert "seasonal_naive" not in set(m["model"]) and "naive" in set(m["model"])
    table = res.model_table().set_index("model")
    assert table.loc["seasonal_naive", "series"] == 0 and np.isnan(table.loc["seasonal_naive", "mae"])
    assert table.attrs["skill_vs"] == "naive" and table.loc["naive", "skill"] == 0
    assert res.unscored_yardstick == ["s0"]
    assert any("seasonal naive (repeating last season) not scored for 1 of 1 series" in n for n in res.notes())
    # the live forecast (58 weeks ≥ a season) is last year's weeks, not the last value
    sn = res.forecasts[res.forecasts["model"] == "seasonal_naive"]["forecast"].to_numpy()
    assert np.allclose(sn, y[58 - 52:58 - 44])
    assert res.selected["s0"] != "seasonal_naive"


def test_a_product_launched_within_the_season_has_no_seasonal_naive_and_quiet_ones_are_named():
    """UCI: products first sold in 2011 got a seasonal-naive forecast of 0 (the weeks before they
    were on sale) with intervals from another model's errors; a product not sold for ten weeks
    gets about 0 from every model, and the run says why."""
    rng = np.random.default_rng(2)
    T = 120
    old = 30 + 10 * np.sin(np.arange(T) * 2 * np.pi / 52) + rng.normal(0, 2, T)
    new = np.where(np.arange(T) >= 90, 50 + rng.normal(0, 3, T), 0.0)           # launched at week 90
    gone = np.where(np.arange(T) < T - 10, 20 + rng.normal(0, 3, T), 0.0)       # none in 10 weeks
    res = forecast_panel(panel_of(np.stack([old, new, gone], axis=1), freq="W"),
                         SeriesSpec(level="product", freq="W"), ForecastOptions(horizon=8, models=BASE, windows=2))
    sn = res.forecasts[res.forecasts["model"] == "seasonal_naive"].set_index("series")
    assert np.isnan(sn.loc["s1", "forecast"]).all() and np.isnan(sn.loc["s1", "hi"]).all()   # was 0
    assert np.isfinite(sn.loc["s0", "forecast"]).all()
    assert res.unscored_yardstick == ["s1"] and res.selected["s1"] != "seasonal_naive"
    assert np.isfinite(res.selected_forecasts()["forecast"]).all()
    assert res.quiet_series() == {"s2": 10}
    assert any("no sales in the last 10 weeks or more for 1 of 3 series (s2)" in n for n in res.notes())
