"""Issue 11: the frequency follows the data, auto is never worse than the yardstick (seasonal
naive) on the windows it is chosen from, and 80 % intervals cover about 80 % of outcomes."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.forecast import ForecastOptions, SeriesSpec, load_forecast, load_panel, run_forecast
from shopinsight.core.forecast.backtest import interval_halfwidths, run_backtest
from shopinsight.core.forecast.calendar import Calendar
from shopinsight.core.forecast.models import create_model
from shopinsight.core.forecast.pipeline import NO_MODEL_BEAT_YARDSTICK
from shopinsight.core.forecast.series import Panel, detect_freq
from shopinsight.core.store import Shop

MONTH_PROFILE = np.array([80, 70, 95, 100, 110, 105, 90, 85, 120, 140, 190, 230], float)


def panel_of(values, start="2015-01-05", freq="D", closed=()) -> Panel:
    y = np.asarray(values, float)
    y = y[:, None] if y.ndim == 1 else y
    dates = pd.date_range(start, periods=len(y), freq={"D": "D", "W": "7D", "M": "MS"}[freq])
    return Panel(y=y, dates=dates, freq=freq, series=[f"s{i}" for i in range(y.shape[1])],
                 closed_weekdays=tuple(closed), calendar=Calendar(None))


def monthly_rows(values, start="2008-01-01", day=1):
    """One summary line per month (a shop that imported a monthly aggregate)."""
    rows = []
    for d, v in zip(pd.date_range(start, periods=len(values), freq="MS"), values):
        rows.append({"ordered_at": f"{d.year}-{d.month:02d}-{day:02d}", "quantity": 1.0,
                     "unit_price": float(v), "product_id": None, "order_id": None,
                     "is_cancellation": 0, "is_merchandise": 1})
    return rows


def weekly_rows(values, start="2019-01-06"):
    """One line per week, dated on Sundays (week ending)."""
    return [{"ordered_at": f"{d.date()}", "quantity": 1.0, "unit_price": float(v), "product_id": "X",
             "order_id": f"w{i}", "is_cancellation": 0, "is_merchandise": 1}
            for i, (d, v) in enumerate(zip(pd.date_range(start, periods=len(values), freq="7D"), values))]


# -- frequency follows the data ----------------------------------------------------------------------

def test_detect_freq():
    assert detect_freq(pd.date_range("2020-01-01", periods=30, freq="MS")) == "M"
    assert detect_freq(pd.date_range("2020-01-31", periods=30, freq="ME")) == "M"
    assert detect_freq(pd.date_range("2020-01-05", periods=30, freq="7D")) == "W"
    assert detect_freq(pd.date_range("2020-01-01", periods=30, freq="D")) == "D"
    # a daily shop that traded only on some days is still daily
    assert detect_freq(pd.DatetimeIndex(["2020-01-01", "2020-01-03", "2020-01-04", "2020-01-09"])) == "D"
    with pytest.raises(InputError, match="daily, weekly or monthly"):
        detect_freq(pd.date_range("2000-01-01", periods=20, freq="QS"))


def test_monthly_file_is_forecast_monthly_and_a_finer_freq_is_a_clear_error(lines_shop, tmp_path, capsys):
    from shopinsight.cli import main

    rng = np.random.default_rng(3)
    values = np.tile(MONTH_PROFILE, 4) * np.linspace(1, 1.5, 48) + rng.normal(0, 5, 48)
    path = lines_shop(monthly_rows(values))
    with Shop(path) as shop:
        p = load_panel(shop, SeriesSpec())
        assert (p.freq, p.freq_source) == ("M", "detected")
        assert len(p.dates) == 48                          # the last month counts: its date stands for it
        assert p.closed_weekdays == ()
        assert p.yardstick_lag == 12
    rc = main(["forecast", "--db", str(path), "--horizon", "6", "--models", "linear", "--backtest",
               "--windows", "3", "--json", "--no-save"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert (res["freq"], res["freq_source"]) == ("M", "detected")
    assert res["closed_weekdays"] == []
    rc = main(["forecast", "--db", str(path), "--horizon", "6", "--freq", "M", "--json", "--no-save"])
    assert rc == 0
    assert json.loads(capsys.readouterr().out)["freq_source"] == "asked"
    for freq in ("D", "W"):
        rc = main(["forecast", "--db", str(path), "--horizon", "6", "--freq", freq, "--json", "--no-save"])
        assert rc == 2
        assert "one date per month" in capsys.readouterr().err
    # month-end dates are monthly too
    path2 = lines_shop(monthly_rows(values, day=28))
    with Shop(path2) as shop:
        assert load_panel(shop, SeriesSpec()).freq == "M"


def test_weekly_file_is_forecast_weekly_without_closed_days(lines_shop):
    rng = np.random.default_rng(4)
    values = 500 + 100 * np.sin(np.arange(120) * 2 * np.pi / 52) + rng.normal(0, 20, 120)
    path = lines_shop(weekly_rows(values))
    with Shop(path) as shop:
        p = load_panel(shop, SeriesSpec(target="units", level="product"))
        assert (p.freq, p.freq_source) == ("W", "detected")
        assert p.closed_weekdays == ()
        assert len(p.dates) == 120                         # first and last week kept
        assert p.y[:, 0].sum() == pytest.approx(120)       # units: one per week
        assert load_panel(shop, SeriesSpec(freq="M")).freq == "M"   # coarser is fine
        with pytest.raises(InputError, match="one date per week"):
            load_panel(shop, SeriesSpec(freq="D"))


def test_yardstick_is_the_yearly_seasonal_naive_with_two_years_of_history():
    t = np.arange(800)
    y = 100 + 50 * np.sin(2 * np.pi * t / 364) + (t % 7) * 3.0
    p = panel_of(y)
    assert p.yardstick_lag == 364
    f = create_model("seasonal_naive").fit(p, 10).predict()[:, 0]
    assert np.allclose(f, y[800 - 364:800 - 354])
    short = panel_of(y[:400])
    assert short.yardstick_lag == 7 and short.head(100).yardstick_lag == 7
    assert p.head(500).yardstick_lag == 364                 # the same yardstick in every window
    assert panel_of(y[:60], freq="M").yardstick_lag == 12
    assert panel_of(y[:60], freq="W").yardstick_lag == 52


# -- auto is never worse than the yardstick ----------------------------------------------------------

def test_auto_is_the_yardstick_when_no_model_beats_it(lines_shop, capsys):
    """An exactly repeating year: seasonal naive is perfect, so auto must be seasonal naive in
    every window (old code used the ensemble before two earlier windows existed) and say so."""
    from shopinsight.cli import main

    values = np.tile(MONTH_PROFILE * 10, 6)
    path = lines_shop(monthly_rows(values))
    rc = main(["forecast", "--db", str(path), "--horizon", "6", "--models", "linear,gbm,ensemble",
               "--backtest", "--windows", "4"])
    assert rc == 0
    out = capsys.readouterr().out
    assert NO_MODEL_BEAT_YARDSTICK in out
    with Shop(path) as shop:
        res = load_forecast(shop)
        assert res.selected == {"total": "seasonal_naive"}
        m = res.metrics.set_index("model")
        assert m.loc["auto", "abs_error"] <= m.loc["seasonal_naive", "abs_error"] + 1e-9
        assert any(NO_MODEL_BEAT_YARDSTICK in n for n in res.notes())
        assert res.freq_source == "detected"
        # MASE is undefined on a perfect season: the stored run still summarises (the tab's table)
        summ = res.summary_metrics().set_index("model")
        assert summ.loc["auto", "wape"] == 0 and np.isnan(summ.loc["auto", "mase"])


def test_auto_leaves_the_yardstick_only_for_a_model_that_beat_it_on_earlier_windows():
    rng = np.random.default_rng(5)
    # i.i.d. noise: the moving average beats seasonal naive by far
    y = 100 + rng.normal(0, 10, 300)
    bt = run_backtest(panel_of(y), ["naive", "seasonal_naive", "moving_average"], 14, 4, calibration=2)
    choice, names = bt.auto_choice()
    assert names[choice[0, 0]] == "seasonal_naive"          # no earlier window: the yardstick
    assert "seasonal_naive" not in [names[c] for c in choice[1:, 0]]
    m = bt.metrics().set_index("model")
    assert m.loc["auto", "mae"] < m.loc["seasonal_naive", "mae"]
    names, best = bt.final_choice()
    assert names[best[0]] == "moving_average"
    # a model that loses to the yardstick is never chosen, also for many series at once
    z = np.stack([np.tile(np.arange(7.0) * f + 5, 50) for f in (1, 3, 9)], axis=1)
    bt = run_backtest(panel_of(z), ["naive", "seasonal_naive", "moving_average"], 14, 3,
                      calibration=2, selection="global")
    choice, names = bt.auto_choice()
    assert (np.array(names)[choice] == "seasonal_naive").all()
    assert bt.prior(["naive", "linear", "gbm", "ensemble"]) == 2      # no yardstick: preference


# -- intervals keep their promise --------------------------------------------------------------------

def _coverage(panel, h, windows, models=("naive", "seasonal_naive", "moving_average")):
    bt = run_backtest(panel, list(models), h, windows, calibration=2)
    m = bt.metrics(0.8).set_index("model")
    return m.loc["auto", "n_covered"] / m.loc["auto", "n_interval"], bt


@pytest.mark.parametrize("freq,n,h,season", [("D", 420, 14, 7), ("W", 260, 8, 52), ("M", 144, 6, 12)])
def test_80_percent_intervals_cover_about_80_percent(freq, n, h, season):
    """Random walks with a seasonal pattern: errors grow with the step, so one width for every
    step over-covers the near steps and under-covers the far ones; per-step calibration holds
    the promise overall."""
    cover = []
    for seed in range(6):
        rng = np.random.default_rng(100 + seed)
        level = 1000 + np.cumsum(rng.normal(0, 25, n))
        y = level * (1 + 0.2 * np.sin(2 * np.pi * np.arange(n) / season)) + rng.normal(0, 15, n)
        c, _ = _coverage(panel_of(y, freq=freq), h, 8)
        cover.append(c)
    assert 0.75 <= np.mean(cover) <= 0.85, cover


def test_interval_width_grows_with_the_step_and_is_widened_with_few_windows():
    rng = np.random.default_rng(7)
    W, h = 6, 12
    # errors of a random walk: the sd grows like sqrt(step)
    res = rng.normal(0, 1, (W, h, 1)) * np.sqrt(np.arange(1, h + 1))[None, :, None]
    q, widened = interval_halfwidths(res, 0, 0.8)
    assert not widened
    assert np.all(np.diff(q) >= -1e-12) and q[-1] > 2 * q[0]
    q2, widened2 = interval_halfwidths(res[:2], 0, 0.8)
    assert widened2
    q_same, _ = interval_halfwidths(np.concatenate([res[:2]] * 3), 0, 0.8)
    assert np.all(q2 >= q_same - 1e-12) and q2.mean() > q_same.mean()   # fewer windows: wider
    q0, w0 = interval_halfwidths(res[:0], 0, 0.8)
    assert np.isnan(q0).all() and w0


def test_run_says_when_intervals_were_widened(lines_shop):
    rng = np.random.default_rng(8)
    values = np.tile(MONTH_PROFILE, 3) + rng.normal(0, 10, 36)
    path = lines_shop(monthly_rows(values))
    with Shop(path) as shop:
        res = run_forecast(shop, SeriesSpec(), ForecastOptions(horizon=3, windows=1, calibration=1,
                                                               models=("linear",)), save=False)
        assert res.spec.freq == "M" and res.interval_windows == 2
        assert res.intervals_widened
        assert any("intervals widened" in n for n in res.to_dict()["notes"])
        sel = res.selected_forecasts()
        assert sel["hi"].notna().all()
