"""Forecasting: models on synthetic series with known answers, backtests, intervals, cancel,
run storage, reorder, price what-if, and the `series` / `forecast` CLI verbs."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.forecast import ForecastOptions, SeriesSpec, load_forecast, load_panel, run_forecast
from shopinsight.core.forecast.backtest import rolling_origins, run_backtest
from shopinsight.core.forecast.calendar import Calendar, resolve_country
from shopinsight.core.forecast.models import create_model
from shopinsight.core.forecast.series import Panel
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled

PROFILE = np.array([100.0, 120.0, 90.0, 130.0, 80.0, 0.0, 40.0])   # Mon..Sun, closed Saturday


def panel_of(values, start="2021-01-04", freq="D", closed=(), **kw) -> Panel:
    y = np.asarray(values, float)
    y = y[:, None] if y.ndim == 1 else y
    dates = pd.date_range(start, periods=len(y), freq={"D": "D", "W": "7D", "M": "MS"}[freq])
    return Panel(y=y, dates=dates, freq=freq, series=[f"s{i}" for i in range(y.shape[1])],
                 closed_weekdays=tuple(closed), calendar=Calendar(None), **kw)


def weekly_seasonal(n_days=210):
    return PROFILE[np.arange(n_days) % 7]


def fit_predict(name, panel, h, **params):
    return create_model(name, **params).fit(panel, h).predict()


# -- models on known answers --------------------------------------------------------------------

def test_baselines_known_values():
    p = panel_of(np.arange(1, 31, dtype=float))
    assert np.allclose(fit_predict("naive", p, 3), 30)
    assert np.allclose(fit_predict("moving_average", p, 2, window=4), np.mean([27, 28, 29, 30]))
    # seasonal naive repeats the last week
    p = panel_of(weekly_seasonal(70))
    assert np.allclose(fit_predict("seasonal_naive", p, 14)[:, 0], PROFILE[np.arange(70, 84) % 7])


@pytest.mark.parametrize("name", ["linear", "gbm", "seasonal_naive", "ensemble"])
def test_weekly_seasonality_with_closed_day(name):
    """A clean weekly profile with a closed Saturday: every model recovers it closely and
    forecasts exactly 0 on the closed weekday."""
    y = weekly_seasonal(210)
    p = panel_of(y, closed=(5,))
    assert p.dates[0].day_of_week == 0
    if name == "ensemble":
        f = (fit_predict("linear", p, 28) + fit_predict("gbm", p, 28)) / 2
    else:
        f = fit_predict(name, p, 28)
    truth = PROFILE[np.arange(210, 238) % 7]
    sat = p.future_dates(28).day_of_week == 5
    assert np.all(f[sat] == 0)
    assert np.abs(f[:, 0] - truth).mean() < 0.05 * truth.mean()


def test_linear_follows_a_trend_better_than_naive():
    t = np.arange(300, dtype=float)
    y = 1000 + 5 * t
    p = panel_of(y, freq="D")
    truth = 1000 + 5 * np.arange(300, 328)
    lin = np.abs(fit_predict("linear", p, 28)[:, 0] - truth).mean()
    naive = np.abs(fit_predict("naive", p, 28)[:, 0] - truth).mean()
    assert lin < 0.5 * naive


def test_intermittent_methods_estimate_the_demand_rate():
    y = np.zeros(200)
    y[::4] = 8.0                     # 8 units every 4th day → 2 units/day
    p = panel_of(y)
    assert fit_predict("croston", p, 5)[0, 0] == pytest.approx(2.0, rel=0.02)
    assert fit_predict("sba", p, 5)[0, 0] == pytest.approx(2.0 * (1 - 0.05), rel=0.02)
    assert fit_predict("tsb", p, 5)[0, 0] == pytest.approx(2.0, rel=0.25)   # p dips between demands
    # TSB decays for a product that stopped selling; Croston keeps the old rate
    y2 = np.concatenate([y, np.zeros(60)])
    p2 = panel_of(y2)
    assert fit_predict("tsb", p2, 1)[0, 0] < 0.05
    assert fit_predict("croston", p2, 1)[0, 0] == pytest.approx(2.0, rel=0.02)


def test_gbm_is_global_over_series_of_different_size():
    y = np.column_stack([weekly_seasonal(140) * 1, weekly_seasonal(140) * 50])
    p = panel_of(y, closed=(5,))
    f = fit_predict("gbm", p, 14)
    truth = PROFILE[np.arange(140, 154) % 7]
    assert np.abs(f[:, 0] - truth).mean() < 0.05 * truth.mean()
    assert np.abs(f[:, 1] - 50 * truth).mean() < 0.05 * 50 * truth.mean()


# -- backtest, metrics, intervals -----------------------------------------------------------------

def test_rolling_origins_end_on_the_last_period():
    assert rolling_origins(100, 10, 3) == [69, 79, 89]
    assert rolling_origins(100, 10, 3, step=5) == [79, 84, 89]


def test_backtest_metrics_and_interval_coverage():
    rng = np.random.default_rng(0)
    y = 100 + rng.normal(0, 10, 400)
    p = panel_of(y)
    bt = run_backtest(p, ["naive", "seasonal_naive", "moving_average"], 28, 6, calibration=2)
    assert bt.calibration == 2 and len(bt.origins) == 8
    m = bt.metrics(0.8).set_index("model")
    # the moving average is the best forecast of i.i.d. noise, and far better than seasonal naive
    assert m.loc["moving_average", "mase"] < 0.8 * m.loc["seasonal_naive", "mase"]
    assert m.loc["moving_average", "mae"] == pytest.approx(8.0, rel=0.2)        # E|N(0,10)| ≈ 8
    assert 0.7 <= m.loc["moving_average", "coverage"] <= 0.9
    assert m.loc["auto", "windows"] == 6


def test_perfect_seasonal_series_scores_zero():
    p = panel_of(weekly_seasonal(200) + 10, closed=())
    bt = run_backtest(p, ["seasonal_naive", "naive"], 14, 3, calibration=1)
    m = bt.metrics().set_index("model")
    assert m.loc["seasonal_naive", "mae"] == 0
    # the in-sample seasonal-naive error is 0 too, so MASE is undefined (NaN), not infinite
    assert np.isnan(m.loc["seasonal_naive", "mase"]) and np.isnan(m.loc["naive", "mase"])
    assert m.loc["naive", "mae"] > 10
    names, best = bt.final_choice()
    assert names[best[0]] == "seasonal_naive"


def test_global_selection_starts_at_the_yardstick_then_picks_the_pooled_best():
    # three exactly weekly series of different size: seasonal naive is perfect, and "auto"
    # must pick it for every series: the yardstick before any earlier window, then the best
    y = np.stack([weekly_seasonal(200) * f + 10 for f in (1.0, 0.1, 5.0)], axis=1)
    bt = run_backtest(panel_of(y), ["naive", "seasonal_naive", "moving_average"], 14, 3,
                      calibration=2, selection="global")
    choice, names = bt.auto_choice()
    assert [names[c] for c in choice[:, 0]] == ["seasonal_naive"] * 5
    assert (choice == choice[:, :1]).all()                      # one model for all series
    names, best = bt.final_choice()
    assert [names[b] for b in best] == ["seasonal_naive"] * 3
    m = bt.metrics().groupby("model")[["abs_error", "windows"]].sum()
    assert m.loc["auto", "abs_error"] == m.loc["seasonal_naive", "abs_error"] == 0
    assert m.loc["moving_average", "abs_error"] > 0
    assert m.loc["auto", "windows"] == m.loc["naive", "windows"] == 9   # 3 series × 3 windows
    names = ["naive", "linear", "gbm", "ensemble"]
    assert names[bt.prior(names)] == "gbm"                      # many series: the global model
    bt.selection = "per_series"
    assert names[bt.prior(names)] == "ensemble"


def test_recency_weights_halve_every_halflife():
    p = panel_of(weekly_seasonal(200) + 10)
    est = create_model("linear")
    w = est._recency_weights(p, np.array([199, 108, 17]))
    assert np.allclose(w, [1.0, 0.5, 0.25])                     # daily halflife: 91 days
    est.halflife = 0
    assert est._recency_weights(p, np.array([199])) is None


def test_cancel_mid_training_raises():
    p = panel_of(weekly_seasonal(200))
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 5
    with pytest.raises(Cancelled):
        run_backtest(p, ["naive", "linear", "gbm"], 14, 4, progress=lambda f, m: None, should_stop=stop)


# -- from the store --------------------------------------------------------------------------------

def shop_rows(days=140, start="2021-01-04"):
    """Daily lines: two products, weekly profile, closed on Saturdays, plus an 80,995-unit line
    cancelled the same day (must net out) and a postage line (not merchandise)."""
    rows = []
    for i, d in enumerate(pd.date_range(start, periods=days)):
        if d.day_of_week == 5:
            continue
        q = PROFILE[d.day_of_week] / 10
        rows.append({"ordered_at": f"{d.date()} 10:00:00", "product_id": "A", "product_name": "Mug",
                     "quantity": q, "unit_price": 2.0, "country": "United Kingdom", "order_id": f"o{i}"})
        rows.append({"ordered_at": f"{d.date()} 11:00:00", "product_id": "B", "product_name": "Jar",
                     "quantity": 1.0 + (i % 2), "unit_price": 5.0, "country": "France", "order_id": f"p{i}"})
    big = f"{pd.Timestamp(start) + pd.Timedelta(days=30):%Y-%m-%d}"
    rows.append({"ordered_at": f"{big} 09:00:00", "product_id": "A", "quantity": 80995, "unit_price": 2.08,
                 "order_id": "big", "country": "United Kingdom"})
    rows.append({"ordered_at": f"{big} 09:12:00", "product_id": "A", "quantity": -80995, "unit_price": 2.08,
                 "order_id": "Cbig", "is_cancellation": 1, "country": "United Kingdom"})
    rows.append({"ordered_at": f"{big} 09:00:00", "product_id": "POST", "quantity": 1, "unit_price": 40.0,
                 "order_id": "big", "is_merchandise": 0})
    for r in rows:                   # the fixture fills defaults only for columns no row has
        r.setdefault("is_cancellation", 0)
        r.setdefault("is_merchandise", 1)
    return rows


def test_series_from_store_learns_closed_weekday_and_nets_cancellations(lines_shop):
    path = lines_shop(shop_rows())
    with Shop(path) as shop:
        p = load_panel(shop, SeriesSpec(level="total", freq="D"))
        assert p.closed_weekdays == (5,)
        assert p.calendar.country == "GB-ENG"                  # main country → England's calendar
        day = p.dates.get_loc(pd.Timestamp("2021-02-03"))      # the 80,995-unit day
        dow = pd.Timestamp("2021-02-03").day_of_week
        expected = PROFILE[dow] / 10 * 2.0 + (1 + (30 % 2)) * 5.0
        assert p.y[day, 0] == pytest.approx(expected)
        assert np.all(p.y[p.dates.day_of_week == 5] == 0)
        units = load_panel(shop, SeriesSpec(target="units", level="product", freq="W", top=5))
        assert units.series == ["A", "B"]                       # by net sales
        assert units.dates[0].day_of_week == 0 and len(units.dates) == 20  # complete weeks only
        assert units.y[:, 0].max() < 100                       # the huge line netted out
        assert np.nanmax(units.price[:, 1]) == pytest.approx(5.0)
        cut = load_panel(shop, SeriesSpec(until="2021-02-10"))
        assert cut.dates[-1] == pd.Timestamp("2021-02-10")


def test_holiday_calendar_and_user_events(lines_shop):
    assert resolve_country("United Kingdom") == "GB-ENG"
    assert resolve_country("France") == "FR"
    assert resolve_country("Narnia") is None
    path = lines_shop(shop_rows(40))
    with Shop(path) as shop:
        shop.conn.execute("INSERT INTO events(name, start_day, end_day) VALUES ('sale', '2021-01-10', '2021-01-12')")
        p = load_panel(shop, SeriesSpec())
    feats = p.calendar.daily(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-31"))
    assert feats.loc["2021-08-30", "holiday"] == 1            # England's summer bank holiday
    assert feats.loc["2021-12-24", "christmas"] == 1
    assert feats.loc["2021-01-11", "event"] == 1 and feats.loc["2021-01-13", "event"] == 0
    weekly = p.calendar.features(pd.DatetimeIndex(["2021-01-04", "2021-01-11"]), "W")
    assert weekly[:, 2].tolist() == [1.0, 2.0]                # event days per week


def test_run_forecast_stored_round_trip_and_cancel(lines_shop):
    path = lines_shop(shop_rows())
    with Shop(path) as shop:
        with pytest.raises(Cancelled):
            run_forecast(shop, SeriesSpec(), ForecastOptions(horizon=14, windows=2),
                         progress=lambda f, m: None, should_stop=lambda: True)
        assert shop.list_runs("forecast").empty                # nothing half-written
        res = run_forecast(shop, SeriesSpec(), ForecastOptions(horizon=14, windows=2,
                                                               models=("linear", "gbm", "ensemble", "tsb")))
        sel = res.selected_forecasts()
        assert len(sel) == 14 and sel["model"].nunique() == 1
        sat = pd.to_datetime(sel["date"]).dt.day_of_week == 5
        assert (sel.loc[sat, "forecast"] == 0).all()
        assert (sel["lo"] <= sel["forecast"] + 1e-9).all() and (sel["hi"] >= sel["forecast"] - 1e-9).all()
        # the weekly profile is learnt: the winner beats seasonal naive by a wide margin or ties it
        summ = res.summary_metrics().set_index("model")
        assert summ.loc[res.selected["total"], "mase"] <= summ.loc["seasonal_naive", "mase"] + 1e-9
        back = load_forecast(shop, res.run_id)
        pd.testing.assert_frame_equal(back.forecasts.reset_index(drop=True), res.forecasts,
                                      check_dtype=False)
        assert back.selected == res.selected
        assert back.closed_weekdays == (5,)
        assert back.summary_metrics().round(9).equals(summ.reset_index().round(9))
        assert load_forecast(shop).run_id == res.run_id
        assert shop.load_run(res.run_id).versions["scikit-learn"]


def test_price_whatif_recovers_slope_and_warns_on_flat_price(lines_shop):
    from shopinsight.core.forecast.price_whatif import price_whatif

    rng = np.random.default_rng(1)
    rows = []
    for w, d in enumerate(pd.date_range("2021-01-04", periods=60, freq="7D")):
        price = 2.0 + 0.5 * np.sin(w / 3)
        units = 100 - 20 * price + rng.normal(0, 1)
        rows.append({"ordered_at": f"{d.date()} 10:00:00", "product_id": "A", "quantity": round(units, 2),
                     "unit_price": price})
        rows.append({"ordered_at": f"{d.date()} 10:00:00", "product_id": "F", "quantity": 10 + w % 3,
                     "unit_price": 3.0})
    path = lines_shop(rows)
    with Shop(path) as shop:
        pw = price_whatif(shop, "A")
        assert pw.price_coef == pytest.approx(-20, rel=0.15)
        assert not pw.warnings
        row = pw.table.iloc[(pw.table["price"] - 2.0).abs().argmin()]
        assert row["revenue"] == pytest.approx(row["price"] * row["units"])
        flat = price_whatif(shop, "F")
        assert any("barely varied" in w for w in flat.warnings)


# -- CLI ---------------------------------------------------------------------------------------------

def test_cli_series_and_forecast(lines_shop, tmp_path, capsys):
    from shopinsight.cli import main

    path = lines_shop(shop_rows())
    out = tmp_path / "s.csv"
    assert main(["series", "--db", str(path), "--level", "product", "--target", "units",
                 "--freq", "W", "--out", str(out)]) == 0
    s = pd.read_csv(out, encoding="utf-8-sig", dtype={"series": str})
    assert list(s.columns) == ["series", "date", "value"] and set(s["series"]) == {"A", "B"}
    capsys.readouterr()
    fc = tmp_path / "f.csv"
    rc = main(["forecast", "--db", str(path), "--horizon", "14", "--until", "2021-05-01",
               "--models", "linear,tsb", "--backtest", "--windows", "2", "--out", str(fc), "--json"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert res["selected"]["total"] in res["metrics"]
    assert {"naive", "seasonal_naive", "moving_average", "linear", "tsb", "auto"} <= set(res["metrics"])
    assert res["until"] == "2021-05-01"
    f = pd.read_csv(fc, encoding="utf-8-sig")
    assert list(f.columns) == ["series", "date", "model", "forecast", "lo", "hi", "selected"]
    assert f["date"].min() == "2021-05-02"
    assert f.groupby("model")["selected"].first().sum() == 1
    rc = main(["forecast", "--db", str(path), "--horizon", "14", "--until", "31/12/2021"])
    assert rc == 2
    rc = main(["forecast", "--db", str(path), "--horizon", "7", "--models", "prophet"])
    assert rc == 2
    assert "unknown model" in capsys.readouterr().err


def test_cli_reorder_for_products(lines_shop, capsys):
    from shopinsight.cli import main

    path = lines_shop(shop_rows())
    rc = main(["forecast", "--db", str(path), "--level", "product", "--target", "units", "--freq", "D",
               "--horizon", "14", "--models", "tsb", "--backtest", "--windows", "2", "--lead-time", "7",
               "--json", "--no-save"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert [r["series"] for r in res["reorder"]] == ["A", "B"]
    # no stock given: the reorder point, never an order quantity as if stock were zero
    assert all(r["order_qty"] is None and r["reorder_point"] >= r["demand_lead_time"] for r in res["reorder"])
    assert res["run_id"] is None


# -- deep model (Keras) -----------------------------------------------------------------------------

@pytest.mark.deep
def test_deep_model_progress_seed_and_cancel():
    p = panel_of(weekly_seasonal(98), closed=(5,))
    seen = []
    m = create_model("deep", epochs=3, hidden=8, batch_size=64)
    f1 = m.fit(p, 7, progress=lambda f, msg: seen.append(msg)).predict()
    assert sum("epoch" in s for s in seen) == 3
    assert np.all(f1[p.future_dates(7).day_of_week == 5] == 0)
    f2 = create_model("deep", epochs=3, hidden=8, batch_size=64).fit(p, 7).predict()
    assert np.allclose(f1, f2, rtol=1e-4, atol=1e-3)           # same seed, same forecast
    epochs = []

    def progress(f, msg):
        epochs.append(msg)
    with pytest.raises(Cancelled):
        create_model("deep", epochs=50, hidden=8).fit(
            p, 7, progress=progress, should_stop=lambda: len(epochs) >= 2)
    assert len(epochs) < 5


# -- the choice without a backtest (review finding: a model the user did not name was chosen) -------

def test_no_backtest_chooses_among_the_named_models():
    from shopinsight.core.forecast.pipeline import forecast_panel

    p = panel_of(weekly_seasonal(70))
    res = forecast_panel(p, SeriesSpec(), ForecastOptions(horizon=14, windows=0,
                                                           models=("naive", "seasonal_naive")))
    # moving average is always fitted (a baseline) and ranks above them, but was not asked for
    assert "moving_average" in set(res.forecasts["model"])
    assert res.selected == {"s0": "seasonal_naive"}
    res = forecast_panel(p, SeriesSpec(), ForecastOptions(horizon=14, windows=0, models=("naive",)))
    assert res.selected == {"s0": "naive"}
    # a named model that cannot forecast a series (seasonal naive within the first season):
    # the next named one, before any baseline that was not named
    short = panel_of(np.arange(1.0, 6.0), freq="W")
    res = forecast_panel(short, SeriesSpec(), ForecastOptions(horizon=4, windows=0,
                                                              models=("seasonal_naive", "naive")))
    assert res.selected == {"s0": "naive"}
    # none of the named can: a baseline is the fallback
    res = forecast_panel(short, SeriesSpec(), ForecastOptions(horizon=4, windows=0, models=("seasonal_naive",)))
    assert res.selected["s0"] in ("moving_average", "naive")


def test_cli_chosen_line_counts_series(lines_shop, capsys):
    from shopinsight.cli import main

    path = lines_shop(shop_rows())
    rc = main(["forecast", "--db", str(path), "--horizon", "14", "--models", "naive,seasonal_naive",
               "--no-save"])
    assert rc == 0
    out = capsys.readouterr().out
    chosen = [ln for ln in out.splitlines() if ln.startswith("chosen:")]
    assert chosen == ["chosen: Seasonal naive: 1 series"], out
    from shopinsight.core.forecast.pipeline import chosen_text
    assert chosen_text({"naive": 2, "linear": 1}) == "Naive: 2 series, Linear regression: 1 series"
