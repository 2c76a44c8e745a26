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
