"""Why this forecast: the parts of each chosen forecast add up to it (exactly for the linear
model), known answers (no holiday → no holiday part; seasonal naive is level + season), the
approximate label for tree models, storage with the run, older runs, and `forecast --explain`."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.forecast import ForecastOptions, SeriesSpec, load_forecast, run_forecast
from shopinsight.core.forecast.calendar import Calendar
from shopinsight.core.forecast.explain import PARTS, explain_forecasts, explanation, explanation_dict
from shopinsight.core.forecast.models import create_model
from shopinsight.core.forecast.pipeline import forecast_panel
from shopinsight.core.store import Shop

from test_forecast import PROFILE, panel_of, shop_rows

H = 14


def _event_panel(n=210, with_price=True):
    """Two series with a weekly profile (closed Saturday), a sale event every fourth week that
    doubles sales, and (optionally) a price that wobbles; the horizon holds one event week."""
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2021-01-04")
    days = pd.date_range(start, periods=n + H)
    event = ((np.arange(n + H) // 7) % 4 == 3)
    y = np.stack([PROFILE[days.day_of_week] * (1 + event) * k for k in (1.0, 3.0)], 1)[:n]
    y = y * (1 + 0.05 * rng.standard_normal(y.shape)).clip(0.5)
    y[days[:n].day_of_week == 5] = 0
    weeks = [(days[i].date(), days[i + 6].date()) for i in range(0, n + H, 7) if event[i]]
    events = pd.DataFrame({"name": "sale", "start_day": [str(a) for a, _ in weeks],
                           "end_day": [str(b) for _, b in weeks], "kind": "promotion"})
    price = np.where(y > 0, 2.0 + 0.2 * rng.standard_normal(y.shape), np.nan) if with_price else None
    p = panel_of(y, closed=(5,), price=price)
    p.calendar = Calendar(None, events)
    return p


def _parts(model, panel, **params):
    est = create_model(model, **params).fit(panel, H)
    f = est.predict()
    c = explain_forecasts(panel, {model: est}, {model: f}, {s: model for s in panel.series})
    return est, f, c


def _wide(c, f, panel):
    """Forecast and the sum of the parts, (H, S) each."""
    total = c[list(PARTS)].sum(axis=1).to_numpy().reshape(len(panel.series), H).T
    return f, total


def test_linear_parts_add_up_to_the_forecast_and_no_event_means_no_event_part():
    p = _event_panel()
    _est, f, c = _parts("linear", p)
    assert len(c) == H * 2 and set(c["method"]) == {"linear"} and (c["approximate"] == 0).all()
    fc, total = _wide(c, f, p)
    np.testing.assert_allclose(total, fc, rtol=1e-6, atol=1e-9)
    dates = pd.to_datetime(c["date"])
    in_event = np.zeros(len(c), bool)
    for r in p.calendar.events.itertuples():
        in_event |= (dates >= r.start_day) & (dates <= r.end_day)
    open_ = dates.dt.day_of_week != 5
    assert (c.loc[~in_event, "calendar"] == 0).all()             # no event: exactly nothing
    assert in_event[open_].any() and (c.loc[in_event & open_, "calendar"] > 0).all()   # the sale lifts
    assert (c.loc[~open_, list(PARTS)] == 0).all().all()         # closed Saturday: nothing at all
    # the weekday part carries the profile: Thursday (130) above Sunday (40) for the same series
    s0 = c[(c["series"] == "s0") & ~in_event]
    dow = pd.to_datetime(s0["date"]).dt.day_of_week
    assert s0.loc[dow == 3, "season"].mean() > 0 > s0.loc[dow == 6, "season"].mean()


def test_linear_on_its_own_scale_is_coefficient_times_feature():
    """Without the log target the linear model is plain coefficient × feature: each part equals
    Σ coef × (feature − neutral value) × the series' scale."""
    from shopinsight.core.forecast.features import design, feature_names

    p = _event_panel()
    est = create_model("linear")
    est.log_target = False
    est.fit(p, H)
    f = est.predict()
    c = explain_forecasts(p, {"linear": est}, {"linear": f}, {s: "linear" for s in p.series})
    imp, sc, ridge = (step for _n, step in est.model_.steps)
    coef = np.zeros(len(est.columns_))
    coef[est.columns_] = ridge.coef_ / sc.scale_
    names = feature_names(p)
    D = design(p, H, np.array([p.n_periods - 1]), train=False)
    X = np.where(np.isnan(D.X[:, est.columns_]), imp.statistics_, D.X[:, est.columns_])
    Xf = np.zeros((len(X), len(names)))
    Xf[:, est.columns_] = X
    col = {n: i for i, n in enumerate(names)}
    cal = sum(coef[col[n]] * Xf[:, col[n]] for n in ("holiday", "christmas", "event")) * D.scale
    price = coef[col["price_rel"]] * (Xf[:, col["price_rel"]] - 1.0) * D.scale
    got = c.set_index(["series", "date"])
    dates = p.future_dates(H).strftime("%Y-%m-%d")
    open_ = p.open_mask(p.future_dates(H))
    for i in range(len(D.k)):
        if not open_[D.k[i] - 1]:
            continue
        key = (p.series[D.s[i]], dates[D.k[i] - 1])
        assert got.loc[key, "calendar"] == pytest.approx(cal[i], rel=1e-6, abs=1e-9)
        assert got.loc[key, "price"] == pytest.approx(price[i], rel=1e-6, abs=1e-9)


def test_gbm_parts_add_up_and_are_labelled_approximate():
    p = _event_panel(with_price=False)
    _est, f, c = _parts("gbm", p, max_iter=40)
    assert set(c["method"]) == {"shapley"} and (c["approximate"] == 1).all()
    fc, total = _wide(c, f, p)
    np.testing.assert_allclose(total, fc, rtol=1e-6, atol=1e-9)
    assert (c["price"] == 0).all()                                # no price feature: no price part


def test_seasonal_naive_is_level_plus_season_and_ensemble_is_the_members_mean():
    p = _event_panel(with_price=False)
    res = forecast_panel(p, SeriesSpec(), ForecastOptions(horizon=H, windows=0, models=("linear", "gbm", "ensemble"),
                                                          params={"gbm": {"max_iter": 30}}))
    for s in p.series:
        e = explanation(res, s)
        assert e.model == "ensemble" and e.method == "ensemble" and e.approximate
        np.testing.assert_allclose(e.table[e.parts].sum(axis=1), e.table["forecast"], rtol=1e-6, atol=1e-9)
    sn = create_model("seasonal_naive").fit(p, H)
    f = sn.predict()
    c = explain_forecasts(p, {"seasonal_naive": sn}, {"seasonal_naive": f}, {s: "seasonal_naive" for s in p.series})
    assert set(c["method"]) == {"seasonal"} and (c["approximate"] == 0).all()
    assert (c[["calendar", "price"]] == 0).all().all()
    fc, total = _wide(c, f, p)
    np.testing.assert_allclose(total, fc, rtol=1e-12)
    # level = the mean of the repeated week's open days, flat; the season part sums to 0 over them
    week = c[c["series"] == "s0"].head(7)
    week = week[pd.to_datetime(week["date"]).dt.day_of_week != 5]
    assert week["level"].nunique() == 1 and week["season"].sum() == pytest.approx(0, abs=1e-9)


def test_explanations_are_stored_with_the_run_and_older_runs_say_not_available(lines_shop):
    path = lines_shop(shop_rows())
    with Shop(path) as shop:
        res = run_forecast(shop, SeriesSpec(), ForecastOptions(horizon=H, windows=0, models=("linear",)))
        assert res.selected == {"total": "linear"}
        back = load_forecast(shop, res.run_id)
        e = explanation(back, "total")
        assert e.available and e.method == "linear" and not e.approximate
        np.testing.assert_allclose(e.table[e.parts].sum(axis=1), e.table["forecast"], rtol=1e-6)
        pd.testing.assert_frame_equal(e.table, explanation(res, "total").table, check_dtype=False)
        assert e.parts == ["level", "season", "calendar"]          # no price for the shop total
        # a run stored before explanations existed: no table, a plain reason, nothing invented
        shop.conn.execute("DELETE FROM run_tables WHERE run_id = ? AND name = 'contributions'", (res.run_id,))
        shop.conn.commit()
        old = load_forecast(shop, res.run_id)
        assert old.contributions is None
        e = explanation(old, "total")
        assert not e.available and "train the forecast again" in e.reason
        d = explanation_dict(old)
        assert d["series"]["total"] == {"model": "linear", "available": False, "reason": e.reason}


def test_cli_forecast_explain(lines_shop, capsys):
    from shopinsight.cli import main

    path = lines_shop(shop_rows())
    rc = main(["forecast", "--db", str(path), "--horizon", "7", "--models", "linear", "--explain",
               "--json", "--no-save"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    ex = res["explain"]["series"]["total"]
    assert ex["available"] and ex["method"] == "linear" and ex["approximate"] is False
    assert len(ex["periods"]) == 7
    for row in ex["periods"]:
        assert sum(row[k] for k in ("level", "season", "calendar")) == pytest.approx(row["forecast"], rel=1e-6)
    assert ex["totals"]["forecast"] == pytest.approx(sum(r["forecast"] for r in ex["periods"]))
    assert set(res["explain"]["parts"]) == set(PARTS)
    # without --explain the JSON stays as it was
    main(["forecast", "--db", str(path), "--horizon", "7", "--models", "linear", "--json", "--no-save"])
    assert "explain" not in json.loads(capsys.readouterr().out)
    rc = main(["forecast", "--db", str(path), "--horizon", "7", "--models", "linear", "--explain", "--no-save"])
    out = capsys.readouterr().out
    assert rc == 0 and "Why this forecast" in out and "Level & trend" in out and "exact" in out


def test_floor_at_zero_shrinks_the_negative_parts_not_the_level():
    """A forecast floored at 0 (e.g. Christmas Day): the negative parts shrink in proportion until
    they cancel the positive ones — the level stays the ordinary level, nothing is invented."""
    from shopinsight.core.forecast.explain import _finished

    p = panel_of(np.ones(14) * 10)                 # Monday start, all open
    raw = np.zeros((2, 1, 4))
    raw[0, 0] = [60.0, 10.0, -90.0, 0.0]           # floored: 70 up, 90 down → 0
    raw[1, 0] = [50.0, -5.0, 0.0, 2.0]             # not floored
    out = _finished(raw, np.array([[0.0], [47.0]]), p)
    np.testing.assert_allclose(out[0, 0], [60.0, 10.0, -70.0, 0.0])
    np.testing.assert_allclose(out[1, 0], raw[1, 0])


@pytest.mark.deep
def test_deep_parts_add_up_and_are_labelled_approximate():
    p = _event_panel(n=119, with_price=False)
    _est, f, c = _parts("deep", p, epochs=2, hidden=8)
    assert set(c["method"]) == {"shapley"} and (c["approximate"] == 1).all()
    fc, total = _wide(c, f, p)
    np.testing.assert_allclose(total, fc, rtol=1e-6, atol=1e-6)


def test_forecast_chart_names_every_model_by_its_label_and_keeps_the_legend_off_the_data(lines_shop):
    """Other models' lines were labelled with raw ids (``seasonal_naive``), and the legend sat on
    the history line in small charts (the report's)."""
    from shopinsight.core.forecast.charts import forecast_figure
    from shopinsight.core.registries import FORECAST

    with Shop(lines_shop(shop_rows())) as shop:
        res = run_forecast(shop, SeriesSpec(), ForecastOptions(
            horizon=H, windows=0, models=("linear", "seasonal_naive", "moving_average")), save=False)
    fig = forecast_figure(res, next(iter(res.selected)), models=list(res.options.models))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for m in res.options.models:
        if m != res.selected[next(iter(res.selected))]:
            assert FORECAST.label(m) in labels and m not in labels
    top = max(float(np.nanmax(line.get_ydata())) for line in ax.get_lines() if len(line.get_ydata()) > 2)
    lo, hi = ax.get_ylim()
    assert top <= lo + 0.8 * (hi - lo)          # the top fifth of the plot is the legend's
